//! 登录与凭据: signing in (throttled per account and address), sessions, API tokens, signing
//! out and changing the password. The same functions serve the login page and the JSON API.

use caigou_store::Store;
use caigou_store::users::{self, Identity, LoginRefused, Presented};

use crate::Result;

/// Checks a username and password (throttled per (account, address) and per address) and
/// loads who signed in; `Ok(Err(_))` says why not.
pub async fn sign_in(store: &Store, username: &str, password: &str, address: &str) -> Result<std::result::Result<Identity, LoginRefused>> {
    Ok(match users::authenticate(store, username.trim(), password, address).await? {
        Ok(user) => users::identity(store, user).await?.ok_or(LoginRefused::BadCredentials),
        Err(refused) => Err(refused),
    })
}

/// Starts a cookie session; answers its secret (only its hash is stored).
pub async fn start_session(store: &Store, identity: &Identity, address: &str) -> Result<String> {
    Ok(users::create_session(store, identity, address).await?)
}

/// Issues an API token valid for `ttl_ms`; answers its secret (only its hash is stored).
pub async fn issue_token(store: &Store, identity: &Identity, name: &str, ttl_ms: i64) -> Result<String> {
    Ok(users::create_api_token(store, identity, name, ttl_ms).await?)
}

/// Revokes one of the user's own tokens.
pub async fn revoke_token(store: &Store, identity: &Identity, token: &str) -> Result<()> {
    Ok(users::revoke_token(store, identity, token).await?)
}

/// Signs out: ends the session or revokes the token the request came with.
pub async fn sign_out(store: &Store, identity: &Identity, presented: Presented<'_>) -> Result<()> {
    Ok(users::end_session(store, presented, identity).await?)
}

/// Changes the password; every other session and token of the user ends (`keep` is kept).
pub async fn change_password(store: &Store, identity: &Identity, current: &str, new: &str, keep: Presented<'_>) -> Result<()> {
    Ok(users::change_password(store, identity, current, new, keep).await?)
}
