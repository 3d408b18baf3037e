//! 政策法规: the policy library. Every instrument the platform's rules cite, each article with
//! what the platform takes it to require, and the rules that apply it; and [`cited`], which
//! every page uses to show a rule's source in the reader's language with a link here.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_domain::Lang;
use caigou_domain::legal::{self, Instrument};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Chrome, render};

/// A legal source as a page shows it: in the reader's language, linked to its library entry.
pub struct Cited {
    pub text: String,
    pub href: String,
}

/// `zh` (`政府采购法第35条；民法典第201、203条`) for a reader in `lang`, linked to the first
/// article it cites (or the library, when it names no instrument).
pub fn cited(zh: &str, lang: Lang) -> Cited {
    let href = match legal::citations(zh).first() {
        Some(c) => format!("/policies#{}", legal::anchor(c)),
        None => "/policies".to_string(),
    };
    Cited { text: legal::render_source(zh, lang), href }
}

/// A platform rule under an article: its code and title.
pub struct RuleRow {
    pub code: &'static str,
    pub title: &'static str,
}

pub struct ArticleRow {
    pub anchor: String,
    /// 第35条 / Art. 35.
    pub number: String,
    pub subject: &'static str,
    pub summary: &'static str,
    pub rules: Vec<RuleRow>,
}

pub struct InstrumentRow {
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub summary: &'static str,
    /// Rules citing the instrument as a whole (`74号令`).
    pub rules: Vec<RuleRow>,
    pub articles: Vec<ArticleRow>,
}

#[derive(Template)]
#[template(path = "policies.html")]
struct Policies {
    chrome: Chrome,
    instruments: Vec<InstrumentRow>,
}

fn rules(t: &Tr, list: Vec<legal::CitingRule>) -> Vec<RuleRow> {
    list.into_iter().map(|r| RuleRow { code: r.code, title: t.s(&r.title_key) }).collect()
}

/// GET /policies (public): the library, instrument by instrument.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let chrome = Chrome::load(&state, &ctx).await?;
    let t = chrome.t;
    let lang = t.lang;
    let instruments = Instrument::ALL
        .into_iter()
        .map(|i| InstrumentRow {
            code: i.code(),
            name: i.name(lang),
            short: i.short(lang),
            summary: i.summary(lang),
            rules: rules(&t, legal::rules_citing(i, None)),
            articles: legal::instrument_articles(i)
                .map(|a| ArticleRow {
                    anchor: a.anchor(),
                    number: match lang {
                        Lang::Zh => format!("第{}条", a.number),
                        Lang::En => format!("Art. {}", a.number),
                    },
                    subject: a.subject(lang),
                    summary: a.summary(lang),
                    rules: rules(&t, legal::rules_citing(i, Some(a.number))),
                })
                .collect(),
        })
        .collect();
    Ok(render(&Policies { chrome, instruments }))
}
