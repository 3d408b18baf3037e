//! The public portal: announcements filtered by region, type, method, 品目 and date, searched in
//! Chinese, each at a stable address, and the same list as an Atom feed.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use caigou_domain::tender::AnnouncementKind;
use caigou_i18n::Label;
use caigou_store::portal::{self, Announcement};
use caigou_store::regions::Region;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};
use crate::platform::api::portal::{AnnouncementQuery, kind_label};

pub struct Row {
    pub a: Announcement,
    pub kind: String,
    pub method: String,
}

pub struct Choice {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "portal.html")]
struct Home {
    chrome: Chrome,
    q: AnnouncementQuery,
    items: Vec<Row>,
    regions: Vec<Region>,
    kinds: Vec<Choice>,
    methods: Vec<Choice>,
    feed: String,
}

fn row(a: Announcement, lang: caigou_domain::Lang) -> Row {
    Row {
        kind: kind_label(&a.kind, lang),
        method: a.method.as_deref().map(|m| crate::tender::pages::projects::method_label(m, lang).to_string()).unwrap_or_default(),
        a,
    }
}

fn query_string(q: &AnnouncementQuery) -> String {
    serde_urlencoded::to_string(
        [
            ("q", q.q.as_str()),
            ("region", q.region.as_str()),
            ("kind", q.kind.as_str()),
            ("method", q.method.as_str()),
            ("pinmu", q.pinmu.as_str()),
            ("from", q.from.as_str()),
            ("to", q.to.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect::<Vec<_>>(),
    )
    .unwrap_or_default()
}

pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<AnnouncementQuery>,
) -> Result<Response, AppError> {
    let filter = q.filter(50)?;
    let items = portal::list(&state.store, &filter).await?.into_iter().map(|a| row(a, ctx.lang)).collect();
    let kinds = AnnouncementKind::ALL.iter().map(|k| Choice { key: k.key(), label: k.label(ctx.lang) }).collect();
    let methods = caigou_domain::planning::Method::ALL.iter().map(|m| Choice { key: m.key(), label: m.label(ctx.lang) }).collect();
    let qs = query_string(&q);
    Ok(render(&Home {
        chrome: Chrome::load(&state, &ctx).await?,
        feed: if qs.is_empty() { "/feed.atom".into() } else { format!("/feed.atom?{qs}") },
        q,
        items,
        regions: caigou_store::regions::list(&state.store).await?,
        kinds,
        methods,
    }))
}

#[derive(Template)]
#[template(path = "announcement.html")]
struct Detail {
    chrome: Chrome,
    a: Row,
    corrections: Vec<Row>,
    references: Option<Row>,
}

pub async fn announcement(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let a = portal::get(&state.store, &id).await?.ok_or_else(|| AppError::not_found("announcement"))?;
    let corrections = portal::corrections_of(&state.store, &id).await?.into_iter().map(|c| row(c, ctx.lang)).collect();
    let references = match &a.references_id {
        Some(r) => portal::get(&state.store, r).await?.map(|x| row(x, ctx.lang)),
        None => None,
    };
    Ok(render(&Detail { chrome: Chrome::load(&state, &ctx).await?, a: row(a, ctx.lang), corrections, references }))
}

fn xml(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
}

/// Atom 1.0 (RFC 4287) feed of the announcements matching the same filters as the portal.
/// Links are absolute (feed readers do not resolve bare paths): under `--public-url`, or else
/// the address the request was made to.
pub async fn feed(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    crate::api::ApiQuery(q): crate::api::ApiQuery<AnnouncementQuery>,
) -> Result<Response, AppError> {
    let base = match &state.config.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
            let scheme = if state.config.secure_cookies { "https" } else { "http" };
            format!("{scheme}://{host}")
        }
    };
    let base = xml(&base);
    let items = portal::list(&state.store, &q.filter(50)?).await?;
    let updated = items.first().map(|a| a.published_at).unwrap_or(0);
    let qs = query_string(&q);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\" xml:base=\"{base}/\">\n")
        .replace("{base}", &base);
    out.push_str(&format!(
        "<title>{}</title>\n",
        xml(&format!("{} · {}", crate::pages::Chrome::bare(&ctx).t.s("app.short"), crate::pages::Chrome::bare(&ctx).t.s("portal.title")))
    ));
    out.push_str(&format!("<id>urn:caigou:feed:{}</id>\n<updated>{}</updated>\n", xml(&qs), rfc3339(updated)));
    out.push_str(&format!(
        "<link rel=\"self\" href=\"{base}/feed.atom{}\"/>\n<link rel=\"alternate\" href=\"{base}/\"/>\n",
        if qs.is_empty() { String::new() } else { xml(&format!("?{qs}")) }
    ));
    for a in items {
        out.push_str("<entry>\n");
        out.push_str(&format!("<id>urn:caigou:announcement:{}</id>\n<title>{}</title>\n", a.id, xml(&a.title)));
        out.push_str(&format!(
            "<link href=\"{base}/announcements/{}\"/>\n<updated>{}</updated>\n<published>{}</published>\n",
            a.id,
            rfc3339(a.published_at),
            rfc3339(a.published_at)
        ));
        out.push_str(&format!("<author><name>{}</name></author>\n", xml(&a.region_name)));
        out.push_str(&format!("<category term=\"{}\" label=\"{}\"/>\n", xml(&a.kind), xml(&kind_label(&a.kind, caigou_domain::Lang::Zh))));
        out.push_str(&format!("<content type=\"text\">{}</content>\n</entry>\n", xml(&a.body)));
    }
    out.push_str("</feed>\n");
    Ok(([(axum::http::header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], out).into_response())
}
