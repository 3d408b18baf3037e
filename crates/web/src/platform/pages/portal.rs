//! The public portal: announcements filtered by region, type, method, 品目 and date, searched in
//! Chinese, each at a stable address, and the same list as an Atom feed.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use caigou_domain::ids::AnnouncementId;
use caigou_domain::tender::AnnouncementKind;
use caigou_i18n::Label;
use caigou_store::portal::{self, Announcement};
use caigou_store::regions::Region;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::path_id;
use crate::pages::{Chrome, render};
use crate::platform::api::portal::{AnnouncementQuery, kind_label};

pub struct Row {
    pub a: Announcement,
    pub kind: String,
    pub method: String,
    /// The project as it stands now (投标中 · 截止 …, 已截止, 已终止) and its CSS class, so a
    /// reader of the list sees which tenders are still open without opening each.
    pub state: Option<(String, &'static str)>,
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

fn row(a: Announcement, lang: caigou_domain::Lang, now: i64) -> Row {
    use caigou_domain::tender::ProjectStatus;
    let t = crate::i18n::Tr::new(lang);
    let state = a.project_status.map(|status| match (status, a.project_deadline_at) {
        (ProjectStatus::Terminated, _) => (t.s("portal.state-ended").to_string(), "ended"),
        (ProjectStatus::Draft, _) => (t.s("portal.state-draft").to_string(), "later"),
        (ProjectStatus::Published, Some(d)) if now < d => (format!("{} {}", t.s("portal.state-open"), crate::pages::when(&d)), "open"),
        _ => (t.s("portal.state-closed").to_string(), "closed"),
    });
    Row {
        state,
        kind: kind_label(&a.kind, lang),
        method: a.method.map(|m| crate::tender::pages::projects::method_label(&m, lang).to_string()).unwrap_or_default(),
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
    let now = state.store.clock().now_ms();
    let items = portal::list(&state.store, &filter).await?.into_iter().map(|a| row(a, ctx.lang, now)).collect();
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
    /// The body with the platform's own addresses as named links.
    body: Vec<BodyPart>,
    corrections: Vec<Row>,
    references: Option<Row>,
}

/// A piece of an announcement's body: text, or a link to a page of the platform.
pub enum BodyPart {
    Text(String),
    Link { href: String, label: &'static str },
}

/// Splits `body` at the platform addresses it names (`/projects/<id>/documents.pdf`,
/// `/announcements/<id>`, `/projects/<id>`), which become links named in the reader's
/// language: the stored text is the legal record, and a reader follows a link, not a path.
pub fn body_parts(body: &str, t: &crate::i18n::Tr) -> Vec<BodyPart> {
    const ID: usize = 36;
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = ["/projects/", "/announcements/"].iter().filter_map(|p| rest.find(p).map(|i| (i, *p))).min() {
        let (start, prefix) = at;
        let after = &rest[start + prefix.len()..];
        if after.get(..ID).is_none_or(|s| s.parse::<caigou_domain::ids::ProjectId>().is_err()) {
            out.push(BodyPart::Text(rest[..start + prefix.len()].to_string()));
            rest = after;
            continue;
        }
        let tail = &after[ID..];
        let (href_len, label) = if prefix == "/projects/" && tail.starts_with("/documents.pdf") {
            (prefix.len() + ID + "/documents.pdf".len(), "portal.link.documents")
        } else if prefix == "/projects/" {
            (prefix.len() + ID, "portal.link.project")
        } else {
            (prefix.len() + ID, "portal.link.announcement")
        };
        if start > 0 {
            out.push(BodyPart::Text(rest[..start].to_string()));
        }
        out.push(BodyPart::Link { href: rest[start..start + href_len].to_string(), label: t.s(label) });
        rest = &rest[start + href_len..];
    }
    if !rest.is_empty() {
        out.push(BodyPart::Text(rest.to_string()));
    }
    out
}

pub async fn announcement(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let id: AnnouncementId = path_id(&id, "announcement")?;
    let a = portal::get(&state.store, id).await?.ok_or_else(|| AppError::not_found("announcement"))?;
    let now = state.store.clock().now_ms();
    let row = |a| row(a, ctx.lang, now);
    let corrections = portal::corrections_of(&state.store, id).await?.into_iter().map(row).collect();
    let references = match &a.references_id {
        Some(r) => portal::get(&state.store, *r).await?.map(row),
        None => None,
    };
    let chrome = Chrome::load(&state, &ctx).await?;
    let body = body_parts(&a.body, &chrome.t);
    Ok(render(&Detail { chrome, a: row(a), body, corrections, references }))
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

#[cfg(test)]
mod tests {
    use super::{BodyPart, body_parts};
    use crate::i18n::Tr;

    fn shown(parts: &[BodyPart]) -> String {
        parts
            .iter()
            .map(|p| match p {
                BodyPart::Text(t) => t.clone(),
                BodyPart::Link { href, label } => format!("[{label}]({href})"),
            })
            .collect()
    }

    #[test]
    fn platform_addresses_in_a_body_become_named_links() {
        let t = Tr::new(caigou_domain::Lang::Zh);
        let id = "01a237ef-63ff-747f-acfb-5c542de5073e";
        let body = format!("采购文件：/projects/{id}/documents.pdf（已入驻供应商）\n原公告：/announcements/{id}\n项目：/projects/{id}");
        assert_eq!(
            shown(&body_parts(&body, &t)),
            format!(
                "采购文件：[下载采购文件（PDF）](/projects/{id}/documents.pdf)（已入驻供应商）\n原公告：[查看原公告](/announcements/{id})\n项目：[查看项目](/projects/{id})"
            )
        );
    }

    #[test]
    fn a_path_without_an_id_stays_text() {
        let t = Tr::new(caigou_domain::Lang::Zh);
        assert_eq!(shown(&body_parts("见 /projects/ 页面与 /announcements/abc", &t)), "见 /projects/ 页面与 /announcements/abc");
        assert_eq!(shown(&body_parts("", &t)), "");
    }
}
