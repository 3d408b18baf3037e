//! Organizations, users, roles, password login with throttling, server-side sessions and API
//! tokens. Password hashing (argon2id) runs off the async runtime.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use caigou_domain::Msg;
use caigou_domain::authz::scope::UnitScope;
use caigou_domain::authz::{OrgKind, Role, Subject};
use caigou_domain::identity::{DisplayName, Username};
use caigou_domain::ids::{OrgId, RegionId, UserId};
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, Tx, new_id, random_secret, secret_hash};

/// Failed logins allowed for one account from one address, and from one address over all
/// accounts, within [`THROTTLE_WINDOW_MS`]; past them that pair (or address) is refused.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures of one account from all addresses after which each further attempt on it is slowed
/// ([`ACCOUNT_SLOWDOWN_MS`] per failure past this, up to [`ACCOUNT_SLOWDOWN_MAX_MS`]) but never
/// refused: a rival's wrong passwords must not lock a supplier out before a deadline.
pub const ACCOUNT_SLOWDOWN_AFTER: i64 = 10;
pub const ACCOUNT_SLOWDOWN_MS: u64 = 250;
pub const ACCOUNT_SLOWDOWN_MAX_MS: u64 = 3_000;

/// Session lifetimes: idle (no request) and absolute (since login).
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle_ms: i64,
    pub absolute_ms: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy { idle_ms: 30 * 60 * 1000, absolute_ms: 12 * 60 * 60 * 1000 }
    }
}

/// Hashes a password with argon2id on the blocking pool.
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| StoreError::Internal(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok())
        .await
        .unwrap_or(false)
}

/// A password a user may choose: 10 to 128 characters.
pub fn check_new_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if !(10..=128).contains(&n) {
        return Err(StoreError::reject("auth.weak_password"));
    }
    Ok(())
}

/// A unique index refusing an insert is the user's mistake (a name taken), answered with `code`;
/// any other database error is a fault.
fn taken_or(e: sqlx::Error, code: &'static str, text: Msg) -> StoreError {
    let e = StoreError::from(e);
    if e.is_unique_violation() { StoreError::reject_with(code, text) } else { e }
}

pub struct NewOrg<'a> {
    pub kind: OrgKind,
    pub name: &'a str,
    pub region: RegionId,
    pub uscc: Option<&'a str>,
    pub attributes: serde_json::Value,
}

pub async fn create_org(tx: &mut Tx, now_ms: i64, actor: &Actor, org: NewOrg<'_>) -> Result<OrgId> {
    let id = OrgId(new_id());
    let name = DisplayName::parse(org.name).map_err(|e| StoreError::rejected(&e))?;
    // Suppliers may not look alike: bidders know each other by name in the opening hall.
    let name_key = (org.kind == OrgKind::Supplier).then(|| name.key());
    let region_path: String =
        sqlx::query_scalar("SELECT path FROM regions WHERE id = $1").bind(org.region.to_string()).fetch_one(&mut **tx).await?;
    sqlx::query(
        "INSERT INTO organizations (id, kind, name, name_key, region_id, uscc, attributes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.to_string())
    .bind(org.kind.key())
    .bind(name.as_str())
    .bind(name_key)
    .bind(org.region.to_string())
    .bind(org.uscc)
    .bind(org.attributes.to_string())
    .bind(now_ms)
    .execute(&mut **tx)
    .await
    .map_err(|e| {
        taken_or(e, "org.name_taken", Msg::new("error.org.name_taken"))
    })?;
    let detail = serde_json::json!({"kind": org.kind.key(), "name": name.as_str(), "uscc": org.uscc, "attributes": org.attributes});
    audit::append(
        tx,
        now_ms,
        actor,
        Change {
            action: "org.created",
            object_type: "organization",
            object_id: &id.to_string(),
            region_path: &region_path,
            detail: &detail,
        },
    )
    .await?;
    Ok(id)
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub org: OrgId,
    pub roles: &'a [Role],
    /// Already hashed with [`hash_password`].
    pub password_hash: &'a str,
    pub attributes: serde_json::Value,
}

pub async fn create_user(tx: &mut Tx, now_ms: i64, actor: &Actor, user: NewUser<'_>) -> Result<UserId> {
    let id = UserId(new_id());
    let username = Username::parse(user.username).map_err(|e| StoreError::rejected(&e))?;
    let display_name = DisplayName::parse(user.display_name).map_err(|e| StoreError::rejected(&e))?;
    let region_path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(user.org.to_string())
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO users (id, username, username_key, display_name, email, org_id, password_hash, attributes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.to_string())
    .bind(username.as_str())
    .bind(username.key())
    .bind(display_name.as_str())
    .bind(user.email)
    .bind(user.org.to_string())
    .bind(user.password_hash)
    .bind(user.attributes.to_string())
    .bind(now_ms)
    .execute(&mut **tx)
    .await
    .map_err(|e| taken_or(e, "user.username_taken", Msg::new("error.user.username_taken")))?;
    for role in user.roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(role.key())
            .execute(&mut **tx)
            .await?;
    }
    let roles: Vec<&str> = user.roles.iter().map(|r| r.key()).collect();
    let detail = serde_json::json!({"username": username.as_str(), "org": user.org.to_string(), "roles": roles});
    audit::append(
        tx,
        now_ms,
        actor,
        Change { action: "user.created", object_type: "user", object_id: &id.to_string(), region_path: &region_path, detail: &detail },
    )
    .await?;
    Ok(id)
}

/// The user as `/api/v1/me` and the pages show them.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub organization: OrgView,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    pub id: OrgId,
    pub kind: String,
    pub name: String,
    pub region_id: RegionId,
    pub region_name: String,
}

/// A signed-in user: what authorization needs plus what pages show.
#[derive(Debug, Clone)]
pub struct Identity {
    pub subject: Subject,
    pub view: UserView,
}

/// Loads a user's identity (organization, region path, roles). `None` if missing or disabled.
pub async fn identity(store: &Store, user: UserId) -> Result<Option<Identity>> {
    let Some(row) = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.email, o.id AS org_id, o.kind, o.name AS org_name, r.id AS region_id, r.name_zh, r.path
         FROM users u JOIN organizations o ON o.id = u.org_id JOIN regions r ON r.id = o.region_id
         WHERE u.id = $1 AND u.disabled = 0",
    )
    .bind(user.to_string())
    .fetch_optional(store.pool())
    .await?
    else {
        return Ok(None);
    };
    let role_keys: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user.to_string())
        .fetch_all(store.pool())
        .await?;
    let kind_key: String = row.try_get("kind")?;
    let org_id: String = row.try_get("org_id")?;
    let path: String = row.try_get("path")?;
    let subject = Subject {
        user,
        org: org_id.parse().map_err(|_| StoreError::Internal("bad org id".into()))?,
        org_kind: OrgKind::parse(&kind_key).ok_or_else(|| StoreError::Internal(format!("unknown org kind {kind_key}")))?,
        region_path: caigou_domain::ids::parse_region_path(&path),
        roles: role_keys.iter().filter_map(|k| Role::parse(k)).collect(),
    };
    let region_id: String = row.try_get("region_id")?;
    let view = UserView {
        id: user,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        organization: OrgView {
            id: subject.org,
            kind: kind_key,
            name: row.try_get("org_name")?,
            region_id: crate::stored("region id", region_id)?,
            region_name: row.try_get("name_zh")?,
        },
        roles: role_keys,
    };
    Ok(Some(Identity { subject, view }))
}

/// Why a login did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginRefused {
    BadCredentials,
    /// Too many failures for this account or from this address; retry after the window.
    Throttled,
}

/// Checks a username and password, throttled per (account, address) and per address, and slowed
/// per account. Every attempt is recorded; failures are counted over the last
/// [`THROTTLE_WINDOW_MS`]. A user whose account is under attack from elsewhere still signs in
/// from an address that has not failed.
pub async fn authenticate(store: &Store, username: &str, password: &str, address: &str) -> Result<Result<UserId, LoginRefused>> {
    // Usernames are case-insensitive (stored lower-case): `Supplier1` signs in as `supplier1`.
    let login = Username::for_login(username);
    let username = login.as_str();
    let now = store.clock().now_ms();
    let since = now - THROTTLE_WINDOW_MS;
    let by_pair: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE username = $1 AND address = $2 AND at > $3 AND succeeded = 0")
            .bind(username)
            .bind(address)
            .bind(since)
            .fetch_one(store.pool())
            .await?;
    let by_account: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE username = $1 AND at > $2 AND succeeded = 0")
        .bind(username)
        .bind(since)
        .fetch_one(store.pool())
        .await?;
    let by_address: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE address = $1 AND at > $2 AND succeeded = 0")
        .bind(address)
        .bind(since)
        .fetch_one(store.pool())
        .await?;
    if by_pair >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Ok(Err(LoginRefused::Throttled));
    }
    if by_account > ACCOUNT_SLOWDOWN_AFTER {
        let past = u64::try_from(by_account - ACCOUNT_SLOWDOWN_AFTER).unwrap_or(0);
        tokio::time::sleep(std::time::Duration::from_millis((past * ACCOUNT_SLOWDOWN_MS).min(ACCOUNT_SLOWDOWN_MAX_MS))).await;
    }
    let row = sqlx::query("SELECT id, password_hash FROM users WHERE username = $1 AND disabled = 0")
        .bind(username)
        .fetch_optional(store.pool())
        .await?;
    let (user, ok) = match row {
        Some(row) => {
            let id: String = row.try_get("id")?;
            let hash: String = row.try_get("password_hash")?;
            (id.parse::<UserId>().ok(), verify_password(password.to_string(), hash).await)
        }
        None => {
            // Same work as for a real account, so timing does not reveal which usernames exist.
            let _ = hash_password(password.to_string()).await;
            (None, false)
        }
    };
    sqlx::query("INSERT INTO login_attempts (id, username, address, at, succeeded) VALUES ($1, $2, $3, $4, $5)")
        .bind(new_id().to_string())
        .bind(username)
        .bind(address)
        .bind(now)
        .bind(i64::from(ok))
        .execute(store.pool())
        .await?;
    match (user, ok) {
        (Some(u), true) => Ok(Ok(u)),
        _ => Ok(Err(LoginRefused::BadCredentials)),
    }
}

/// Starts a session; returns the cookie secret (only its hash is stored).
pub async fn create_session(store: &Store, identity: &Identity, address: &str) -> Result<String> {
    let secret = random_secret();
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(secret_hash(&secret))
        .bind(identity.subject.user.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit_auth(&mut tx, now, identity, "auth.login", serde_json::json!({"address": address})).await?;
    tx.commit().await?;
    Ok(secret)
}

async fn audit_auth(tx: &mut Tx, now: i64, identity: &Identity, action: &str, detail: serde_json::Value) -> Result<()> {
    let path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(identity.subject.org.to_string())
        .fetch_one(&mut **tx)
        .await?;
    let uid = identity.subject.user.to_string();
    audit::append(
        tx,
        now,
        &Actor::of(&identity.subject),
        Change { action, object_type: "user", object_id: &uid, region_path: &path, detail: &detail },
    )
    .await?;
    Ok(())
}

/// The user of a live session, refreshing its idle timer. Expired sessions are deleted.
pub async fn session_user(store: &Store, secret: &str, policy: SessionPolicy) -> Result<Option<UserId>> {
    let now = store.clock().now_ms();
    let hash = secret_hash(secret);
    let Some(row) = sqlx::query("SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = $1")
        .bind(&hash)
        .fetch_optional(store.pool())
        .await?
    else {
        return Ok(None);
    };
    let created: i64 = row.try_get("created_at")?;
    let seen: i64 = row.try_get("last_seen_at")?;
    if now - seen > policy.idle_ms || now - created > policy.absolute_ms {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&hash).execute(store.pool()).await?;
        return Ok(None);
    }
    // Refresh at most once a minute: one write per request would serialize SQLite readers.
    if now - seen > 60_000 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2").bind(now).bind(&hash).execute(store.pool()).await?;
    }
    let user: String = row.try_get("user_id")?;
    Ok(user.parse().ok())
}

/// The credential a request came with: its session cookie or its bearer token (secrets).
#[derive(Debug, Default, Clone, Copy)]
pub struct Presented<'a> {
    pub session: Option<&'a str>,
    pub token: Option<&'a str>,
}

/// Signs out: the presented session and the presented API token end (a bearer token does not
/// outlive its logout).
pub async fn end_session(store: &Store, presented: Presented<'_>, identity: &Identity) -> Result<()> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    if let Some(secret) = presented.session {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(secret_hash(secret)).execute(&mut *tx).await?;
    }
    if let Some(token) = presented.token {
        sqlx::query("DELETE FROM api_tokens WHERE token_hash = $1").bind(secret_hash(token)).execute(&mut *tx).await?;
    }
    audit_auth(&mut tx, now, identity, "auth.logout", serde_json::json!({})).await?;
    tx.commit().await?;
    Ok(())
}

/// One of a user's live API tokens, as its owner sees it (never the secret).
#[derive(Debug, Clone, serde::Serialize)]
pub struct TokenInfo {
    /// The first 16 hex digits of the token's SHA-256: names it for revoking.
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// The user's unexpired API tokens, newest first.
pub async fn tokens(store: &Store, user: UserId) -> Result<Vec<TokenInfo>> {
    let rows = sqlx::query(
        "SELECT token_hash, name, created_at, expires_at FROM api_tokens WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC",
    )
    .bind(user.to_string())
    .bind(store.clock().now_ms())
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let hash: String = r.try_get("token_hash")?;
            Ok(TokenInfo {
                id: hash.chars().take(16).collect(),
                name: r.try_get("name")?,
                created_at: r.try_get("created_at")?,
                expires_at: r.try_get("expires_at")?,
            })
        })
        .collect()
}

/// Revokes one of the user's own tokens by its [`TokenInfo::id`]. Audited.
pub async fn revoke_token(store: &Store, identity: &Identity, id: &str) -> Result<()> {
    if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::NotFound("token"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let gone = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2")
        .bind(identity.subject.user.to_string())
        .bind(id.to_ascii_lowercase())
        .execute(&mut *tx)
        .await?;
    if gone.rows_affected() == 0 {
        return Err(StoreError::NotFound("token"));
    }
    audit_auth(&mut tx, now, identity, "auth.token_revoked", serde_json::json!({"token": id})).await?;
    tx.commit().await?;
    Ok(())
}

/// Issues an API token for machine clients (`Authorization: Bearer`).
pub async fn create_api_token(store: &Store, identity: &Identity, name: &str, ttl_ms: i64) -> Result<String> {
    let secret = format!("cg_{}", random_secret());
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(secret_hash(&secret))
        .bind(identity.subject.user.to_string())
        .bind(name)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(&mut *tx)
        .await?;
    audit_auth(&mut tx, now, identity, "auth.token_issued", serde_json::json!({"name": name, "expires_at": now + ttl_ms})).await?;
    tx.commit().await?;
    Ok(secret)
}

pub async fn token_user(store: &Store, token: &str) -> Result<Option<UserId>> {
    let now = store.clock().now_ms();
    let user: Option<String> = sqlx::query_scalar("SELECT user_id FROM api_tokens WHERE token_hash = $1 AND expires_at > $2")
        .bind(secret_hash(token))
        .bind(now)
        .fetch_optional(store.pool())
        .await?;
    Ok(user.and_then(|u| u.parse().ok()))
}

/// Changes a password after checking the current one; every other session and every API token
/// of the user ends, except the credential the change was made with.
pub async fn change_password(store: &Store, identity: &Identity, current: &str, new: &str, keep: Presented<'_>) -> Result<()> {
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(identity.subject.user.to_string())
        .fetch_one(store.pool())
        .await?;
    if !verify_password(current.to_string(), hash).await {
        return Err(StoreError::reject("auth.wrong_password"));
    }
    check_new_password(new)?;
    let new_hash = hash_password(new.to_string()).await?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(new_hash)
        .bind(identity.subject.user.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(identity.subject.user.to_string())
        .bind(keep.session.map(secret_hash).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND token_hash <> $2")
        .bind(identity.subject.user.to_string())
        .bind(keep.token.map(secret_hash).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    audit_auth(&mut tx, now, identity, "auth.password_changed", serde_json::json!({})).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn user_id_by_name(store: &Store, username: &str) -> Result<Option<UserId>> {
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(Username::for_login(username))
        .fetch_optional(store.pool())
        .await?;
    Ok(id.and_then(|s| s.parse().ok()))
}

/// Users holding a role within a region subtree (for point-to-point notifications).
pub async fn users_with_role(store: &Store, role: Role) -> Result<Vec<UserId>> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT user_id FROM user_roles WHERE role = $1").bind(role.key()).fetch_all(store.pool()).await?;
    Ok(ids.iter().filter_map(|s| s.parse().ok()).collect())
}

pub async fn count_users(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(store.pool()).await?)
}

/// The region path of an organization, if it exists.
/// An organization's kind and region path.
pub async fn org_kind_and_path(store: &Store, org: OrgId) -> Result<Option<(OrgKind, String)>> {
    let org = org.to_string();
    let org = org.as_str();
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT o.kind, r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
            .bind(org)
            .fetch_optional(store.pool())
            .await?;
    Ok(row.and_then(|(kind, path)| OrgKind::parse(&kind).map(|k| (k, path))))
}

pub async fn org_region_path(store: &Store, org: OrgId) -> Result<Option<String>> {
    let org = org.to_string();
    let org = org.as_str();
    Ok(sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(org)
        .fetch_optional(store.pool())
        .await?)
}

/// Purchasing units in `scope` (those whose planning data its subject sees), by name.
pub async fn units(store: &Store, scope: &UnitScope) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name FROM organizations o JOIN regions r ON r.id = o.region_id
         WHERE o.kind = 'purchasing_unit' AND ($1 = 1 OR ($2 <> '' AND r.path LIKE $2) OR o.id = $3) ORDER BY o.name",
    )
    .bind(crate::scope::flag(scope.all()))
    .bind(crate::scope::subtree(scope.supervised()))
    .bind(crate::scope::org(scope.own()))
    .fetch_all(store.pool())
    .await?;
    rows.into_iter().map(|r| Ok((r.try_get("id")?, r.try_get("name")?))).collect()
}

/// The region id of an organization.
pub async fn org_region_id(store: &Store, org: OrgId) -> Result<RegionId> {
    let r: Option<String> =
        sqlx::query_scalar("SELECT region_id FROM organizations WHERE id = $1").bind(org.to_string()).fetch_optional(store.pool()).await?;
    crate::stored("region id", r.ok_or(StoreError::NotFound("organization"))?)
}

/// Gives organizations and users created before look-alike keys existed their key. A row whose
/// key another row already holds keeps none (an admin resolves the pair; new look-alikes are
/// refused either way).
pub async fn backfill_identity_keys(store: &Store) -> Result<()> {
    let orgs: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM organizations WHERE kind = 'supplier' AND name_key IS NULL").fetch_all(store.pool()).await?;
    for (id, name) in orgs {
        if let Ok(name) = DisplayName::parse(&name) {
            set_key(store, "UPDATE organizations SET name_key = $1 WHERE id = $2 AND name_key IS NULL", &name.key(), &id).await?;
        }
    }
    let users: Vec<(String, String)> =
        sqlx::query_as("SELECT id, username FROM users WHERE username_key IS NULL").fetch_all(store.pool()).await?;
    for (id, username) in users {
        if let Ok(username) = Username::parse(&username) {
            set_key(store, "UPDATE users SET username_key = $1 WHERE id = $2 AND username_key IS NULL", &username.key(), &id).await?;
        }
    }
    Ok(())
}

/// Sets one row's look-alike key; a key another row holds is left unset (and logged).
async fn set_key(store: &Store, sql: &'static str, key: &str, id: &str) -> Result<()> {
    match sqlx::query(sql).bind(key).bind(id).execute(store.pool()).await {
        Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {
            tracing::warn!(row = %id, "name looks like another's; left without a look-alike key");
            Ok(())
        }
        r => r.map(|_| ()).map_err(Into::into),
    }
}
