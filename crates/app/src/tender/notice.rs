//! The 采购公告 (招标公告, 竞争性谈判/磋商公告, 询价公告) in the sections of the national format
//! (财政部《政府采购公告和公示信息格式规范（2020年版）》): 项目概况, then 一、项目基本情况 …
//! 七、联系方式. A supplier who reads announcements from many platforms finds each fact where it
//! always is. The text is the legal record, in Chinese; the platform's own addresses in it
//! (`/projects/<id>`, `/projects/<id>/documents.pdf`) become named links on the portal.

use caigou_domain::Lang;
use caigou_domain::Money;
use caigou_domain::tender::{AnnouncementKind, Family};
use caigou_i18n::Label;
use caigou_store::documents::DocumentsDraft;
use caigou_store::projects::ProjectView;

/// The words of a family: 招标文件 / 投标文件 / 开标, or 采购文件 / 响应文件 / 响应文件开启.
struct Words {
    documents: &'static str,
    bid: &'static str,
    bidder: &'static str,
    opening: &'static str,
}

fn words(view: &ProjectView) -> Words {
    match Family::of(view.method()) {
        Some(Family::Tender) | None => Words { documents: "招标文件", bid: "投标文件", bidder: "投标人", opening: "开标" },
        Some(Family::Consultation | Family::Negotiation) => {
            Words { documents: "采购文件", bid: "响应文件", bidder: "供应商", opening: "响应文件开启" }
        }
    }
}

fn money(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

/// 采购需求 of one lot: its name, budget, ceiling and what it buys.
fn lot_line(l: &caigou_store::projects::Lot) -> String {
    let items: Vec<String> = l.items.iter().map(|i| format!("{}，数量 {}{}", i.description, i.quantity, i.unit)).collect();
    let ceiling = l.max_price.map(|m| format!("；最高限价 {}", money(m))).unwrap_or_default();
    let what = if items.is_empty() { String::new() } else { format!("；采购内容：{}", items.join("、")) };
    format!("第{}包 {}：预算金额 {}{ceiling}{what}", l.lot_no, l.name, money(l.budget))
}

/// The body and title of the announcement of `view`'s documents. `vars` are the documents'
/// template variables ([`super::render::variables`]), so the announcement and the documents
/// state the same dates in the same words; `pdf_sha256` lets a reader check the file.
pub fn announcement(
    view: &ProjectView,
    kind: AnnouncementKind,
    draft: &DocumentsDraft,
    vars: &std::collections::BTreeMap<&'static str, String>,
    pdf_sha256: &str,
) -> (String, String) {
    let w = words(view);
    let var = |k: &str| vars.get(k).cloned().unwrap_or_default();
    let id = view.project.id;
    let lots: Vec<String> = view.lots.iter().map(lot_line).collect();
    let ceilings: Vec<String> = view.lots.iter().filter_map(|l| l.max_price.map(|m| format!("第{}包 {}", l.lot_no, money(m)))).collect();
    let sme: Vec<String> =
        view.lots.iter().map(|l| format!("第{}包：{}", l.lot_no, caigou_i18n::catalog().msg(Lang::Zh, &l.sme.describe()))).collect();
    let purchasers = view.purchaser_names();
    // An agency's project names it; a unit buying for itself (自行组织) has none to name.
    let agency =
        (!view.plans.iter().any(|p| p.unit_id == view.runner())).then(|| format!("2. 采购代理机构信息\n名称：{}\n", view.runner_name));
    let (contact_name, contact_phone) = (draft.contact_name.trim(), draft.contact_phone.trim());
    let contact = format!(
        "{}. 项目联系方式\n项目联系人：{}\n电话：{}\n",
        if agency.is_some() { 3 } else { 2 },
        if contact_name.is_empty() { view.runner_name.as_str() } else { contact_name },
        if contact_phone.is_empty() { "—" } else { contact_phone },
    );
    let body = format!(
        "项目概况\n\
         {name}的潜在{bidder}应在本平台获取{docs}，并于{deadline}（北京时间）前递交{bid}。\n\
         项目页面：/projects/{id}\n\
         \n\
         一、项目基本情况\n\
         项目编号：{no}\n\
         项目名称：{name}\n\
         采购方式：{method}\n\
         预算金额：{budget}\n\
         最高限价：{ceiling}\n\
         采购需求：\n{lots}\n\
         合同履行期限、技术和服务要求：详见{docs}第三章（采购需求）和第六章（合同主要条款）。\n\
         \n\
         二、申请人的资格要求\n\
         1. 满足《中华人民共和国政府采购法》第二十二条规定；\n\
         2. 落实政府采购政策需满足的资格要求：{sme}；\n\
         3. 本项目的特定资格要求：{qualification}\n\
         \n\
         三、获取{docs}\n\
         时间：{from} 至 {until}（北京时间）\n\
         地点：本平台（项目页面，见上）\n\
         方式：已入驻本平台的供应商登录后在项目页面在线获取；尚未入驻的供应商先在本平台免费注册并提交入驻审核\n\
         售价：免费，不提供纸质文件\n\
         \n\
         四、提交{bid}截止时间、{opening}时间和地点\n\
         {deadline}（北京时间）\n\
         地点：本平台在线递交和{opening}。{bid}在{bidder}本地加密后上传，截止时间前任何人不能查看。\n\
         \n\
         五、公告期限\n\
         自本公告发布之日起至{announcement_until}止。\n\
         \n\
         六、其他补充事宜\n\
         1. 投标保证金：{deposit}\n\
         2. {docs}：/projects/{id}/documents.pdf（获取后下载）\n\
         3. {docs} SHA-256：{pdf_sha256}（可核对所下载的文件与发布的一致）\n\
         4. 对{docs}有疑问的，在本平台项目页面提出询问，答复以澄清公告发布。\n\
         \n\
         七、对本次采购提出询问，请按以下方式联系\n\
         1. 采购人信息\n\
         名称：{purchasers}\n\
         {agency}\
         {contact}",
        name = view.project.name,
        no = view.project.project_no,
        method = view.method().label(Lang::Zh),
        budget = view.budget(),
        bidder = w.bidder,
        docs = w.documents,
        bid = w.bid,
        opening = w.opening,
        deadline = var("deadline"),
        ceiling = if ceilings.is_empty() { "无".to_string() } else { ceilings.join("；") },
        lots = lots.join("\n"),
        sme = sme.join("；"),
        qualification = var("qualification"),
        from = var("documents.from"),
        until = var("documents.until"),
        announcement_until = var("announcement.until"),
        deposit = var("deposit"),
        agency = agency.unwrap_or_default(),
    );
    (format!("{}{}", view.project.name, kind.label(Lang::Zh)), body)
}
