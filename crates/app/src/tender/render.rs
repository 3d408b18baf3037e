//! Renders procurement documents (采购文件) from a project's data: the template variables, the
//! lots and criteria tables, the self-contained HTML file, the PDF (`caigou-pdf`, CJK font from
//! the system), and the announcement that points to them. Documents are official texts in
//! Chinese, whatever the language of the agency who publishes them. Nothing here touches the
//! database; the use cases hand what it renders to the store.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use caigou_domain::tender::document::{FilledSection, Part};
use caigou_domain::tender::{Evaluation, EvaluationMethod};
use caigou_domain::{Lang, Msg};
use caigou_i18n::Label;
use caigou_store::StoreError;
use caigou_store::clock::china;
use caigou_store::documents::{DocumentsDraft, fmt_dt};
use caigou_store::projects::ProjectView;
use jiff::civil::Date;

use crate::Result;

fn fmt_date(d: Date) -> String {
    d.strftime("%Y年%m月%d日").to_string()
}

/// The template variables of a project (DOMAIN: documents are generated from project data).
pub fn variables(view: &ProjectView, d: &DocumentsDraft, announcement_until: Date) -> BTreeMap<&'static str, String> {
    let issued = view.project.issued_on.clone().unwrap_or_else(|| "发布之日".into());
    let sme: Vec<String> =
        view.lots.iter().map(|l| format!("第{}包：{}", l.lot_no, caigou_i18n::catalog().msg(Lang::Zh, &l.sme.describe()))).collect();
    let deposits: Vec<String> = view
        .lots
        .iter()
        .map(|l| match l.deposit {
            Some(d) => format!("第{}包：{}", l.lot_no, caigou_domain::Money::from_fen(d)),
            None => format!("第{}包：不收取", l.lot_no),
        })
        .collect();
    let deposit = if view.lots.iter().any(|l| l.deposit.is_some()) {
        format!(
            "{}。以银行转账、支票、汇票、本票或者金融机构、担保机构出具的保函等非现金形式缴纳，须在投标截止时间前到账并经采购代理机构登记，未登记的投标将被拒绝（政府采购法实施条例第33条）",
            deposits.join("；")
        )
    } else {
        "不收取".into()
    };
    BTreeMap::from([
        ("project.name", view.project.name.clone()),
        ("project.no", view.project.project_no.clone()),
        ("project.method", view.method().label(Lang::Zh).to_string()),
        ("project.budget", view.budget().to_string()),
        ("purchasers", view.purchaser_names()),
        ("runner", view.runner_name.clone()),
        ("region", view.region_name.clone()),
        ("documents.from", issued.parse::<Date>().map(fmt_date).unwrap_or(issued)),
        ("documents.until", format!("{} 24:00", fmt_date(d.documents_until))),
        ("deadline", fmt_dt(d.deadline)),
        ("announcement.until", fmt_date(announcement_until)),
        ("qualification", if d.qualification.trim().is_empty() { "无".into() } else { d.qualification.trim().to_string() }),
        ("evaluation.method", d.evaluation.method.label(Lang::Zh).to_string()),
        ("sme", sme.join("；")),
        ("deposit", deposit),
    ])
}

fn lots_table(view: &ProjectView) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["包号", "标项名称", "品目", "内容", "数量", "预算金额", "最高限价"].map(String::from).to_vec();
    let mut rows = Vec::new();
    for l in &view.lots {
        for (k, i) in l.items.iter().enumerate() {
            let first = k == 0;
            rows.push(vec![
                if first { l.lot_no.to_string() } else { String::new() },
                if first { l.name.clone() } else { String::new() },
                i.pinmu_code.clone(),
                if i.specs.is_empty() { i.description.clone() } else { format!("{}（{}）", i.description, i.specs) },
                format!("{}{}", i.quantity, i.unit),
                if first { caigou_domain::Money::from_fen(l.budget).to_string() } else { String::new() },
                if first {
                    l.max_price.map(|m| caigou_domain::Money::from_fen(m).to_string()).unwrap_or_else(|| "—".into())
                } else {
                    String::new()
                },
            ]);
        }
    }
    (header, rows)
}

fn criteria_table(e: &Evaluation) -> (Vec<String>, Vec<Vec<String>>) {
    if e.method == EvaluationMethod::LowestPrice {
        let rows = vec![vec![
            "价格".into(),
            "—".into(),
            "满足采购文件全部实质性要求的供应商，按评审价格由低到高排序（政府采购法实施条例第34条）".into(),
        ]];
        return (vec!["评审因素".into(), "分值".into(), "评审标准".into()], rows);
    }
    let rows = e
        .criteria
        .iter()
        .map(|c| {
            let pts = c.points_x100;
            let points = if pts.is_multiple_of(100) { format!("{}", pts / 100) } else { format!("{}.{:02}", pts / 100, pts % 100) };
            let guidance = if c.kind == caigou_domain::tender::CriterionKind::Price && c.guidance.trim().is_empty() {
                "价格分采用低价优先法：评标基准价为满足实质性要求且价格最低的评审价格，价格分 = 评标基准价 / 评审价格 × 价格分值"
                    .to_string()
            } else {
                c.guidance.clone()
            };
            vec![format!("{}（{}）", c.name, c.kind.label(Lang::Zh)), points, guidance]
        })
        .collect();
    (vec!["评审因素".into(), "分值".into(), "评分标准".into()], rows)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn html_table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut h = String::from("<table class=\"doc-table\"><thead><tr>");
    for c in header {
        h.push_str(&format!("<th>{}</th>", esc(c)));
    }
    h.push_str("</tr></thead><tbody>");
    for r in rows {
        h.push_str("<tr>");
        for c in r {
            h.push_str(&format!("<td>{}</td>", esc(c)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// The documents as a self-contained HTML file.
pub fn render_html(view: &ProjectView, d: &DocumentsDraft, sections: &[FilledSection]) -> String {
    let body = sections_html(view, d, sections);
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>body{{font-family:'Noto Serif CJK SC',serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.7}}h1{{text-align:center}}\
         .doc-table{{border-collapse:collapse;width:100%;display:block;overflow-x:auto}}.doc-table td,.doc-table th{{border:1px solid #888;padding:.3rem}}</style></head>\
         <body><h1>{title}</h1><p style=\"text-align:center\">项目编号：{no}</p>{body}</body></html>",
        title = esc(&format!("{}采购文件", view.project.name)),
        no = esc(&view.project.project_no),
    )
}

/// The documents' sections as HTML (every text escaped), as in the file and in the preview.
pub fn sections_html(view: &ProjectView, d: &DocumentsDraft, sections: &[FilledSection]) -> String {
    let (lh, lr) = lots_table(view);
    let (ch, cr) = criteria_table(&d.evaluation);
    let mut body = String::new();
    for s in sections {
        body.push_str(&format!("<section id=\"{}\"><h2>{}</h2>", esc(&s.key), esc(&s.title)));
        for p in &s.parts {
            match p {
                Part::Text(t) => t.lines().for_each(|l| body.push_str(&format!("<p>{}</p>", esc(l)))),
                Part::LotsTable => body.push_str(&html_table(&lh, &lr)),
                Part::CriteriaTable => body.push_str(&html_table(&ch, &cr)),
            }
        }
        body.push_str("</section>");
    }
    body
}

static FONT: OnceLock<std::result::Result<caigou_pdf::Font, String>> = OnceLock::new();

fn font() -> Result<&'static caigou_pdf::Font> {
    FONT.get_or_init(|| caigou_pdf::Font::load_system().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StoreError::reject_with("documents.no_font", Msg::new("error.documents.no_font").arg("e", e)).into())
}

pub fn render_pdf(view: &ProjectView, d: &DocumentsDraft, sections: &[FilledSection], now_ms: i64) -> Result<Vec<u8>> {
    use caigou_pdf::Block;
    let (lh, lr) = lots_table(view);
    let (ch, cr) = criteria_table(&d.evaluation);
    let mut blocks = Vec::new();
    for s in sections {
        blocks.push(Block::Heading(s.title.clone()));
        for p in &s.parts {
            match p {
                Part::Text(t) => blocks.push(Block::Paragraph(t.clone())),
                Part::LotsTable => blocks.push(Block::Table { header: lh.clone(), rows: lr.clone() }),
                Part::CriteriaTable => blocks.push(Block::Table { header: ch.clone(), rows: cr.clone() }),
            }
        }
    }
    let doc = caigou_pdf::Doc {
        title: format!("{}采购文件", view.project.name),
        subtitle: Some(format!("项目编号：{}", view.project.project_no)),
        blocks,
        footer: Some(format!("{} · {}", view.project.project_no, view.runner_name)),
    };
    let z = jiff::Timestamp::from_millisecond(now_ms).map_err(|e| StoreError::Internal(e.to_string()))?.to_zoned(china());
    let meta = caigou_pdf::Meta {
        creation_date: caigou_pdf::DateTime {
            year: z.year() as u16,
            month: z.month() as u8,
            day: z.day() as u8,
            hour: z.hour() as u8,
            minute: z.minute() as u8,
            second: z.second() as u8,
            utc_offset_minutes: 480,
        },
        producer: format!("Caigou {}", env!("CARGO_PKG_VERSION")),
    };
    caigou_pdf::render(&doc, font()?, &meta).map_err(|e| StoreError::Internal(format!("PDF: {e}")).into())
}
