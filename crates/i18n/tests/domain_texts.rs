//! The domain's words live in the catalogs: every named value has its name in every language,
//! and the rules' findings read with their figures, their nested names and the rule they cite.

use caigou_domain::authz::{OrgKind, Role};
use caigou_domain::catalog::ObjectType;
use caigou_domain::planning::Method;
use caigou_domain::planning::rules::{RuleId, SingleSourceGround};
use caigou_domain::supplier::{EnterpriseSize, SupplierStatus};
use caigou_domain::tender::{AnnouncementKind, CriterionKind, EvaluationMethod, Refused, SmePolicy, TenderRule};
use caigou_domain::{Labelled, Lang, Money, Msg};
use caigou_i18n::{Label, Render, catalog};

fn keys() -> Vec<String> {
    let mut k: Vec<String> = Vec::new();
    k.extend(Method::ALL.iter().map(Labelled::label_key));
    k.extend(Role::ALL.iter().map(Labelled::label_key));
    k.extend(OrgKind::ALL.iter().map(Labelled::label_key));
    k.extend(ObjectType::ALL.iter().map(Labelled::label_key));
    k.extend(EnterpriseSize::ALL.iter().map(Labelled::label_key));
    k.extend(SupplierStatus::ALL.iter().map(Labelled::label_key));
    k.extend(AnnouncementKind::ALL.iter().map(Labelled::label_key));
    k.extend(EvaluationMethod::ALL.iter().map(Labelled::label_key));
    k.extend(CriterionKind::ALL.iter().map(Labelled::label_key));
    k.extend(SingleSourceGround::ALL.iter().map(Labelled::label_key));
    k.extend(RuleId::ALL.iter().map(Labelled::label_key));
    k.extend(TenderRule::ALL.iter().map(Labelled::label_key));
    k
}

#[test]
fn every_named_value_has_its_name_in_every_language() {
    for key in keys() {
        for lang in Lang::ALL {
            assert!(catalog().has(lang, &key), "{} has no {key}", lang.tag());
        }
    }
    assert_eq!(Method::CompetitiveNegotiation.label(Lang::Zh), "竞争性谈判");
    assert_eq!(Method::CompetitiveNegotiation.label(Lang::En), "Competitive negotiation");
    assert_eq!(RuleId::Splitting.label(Lang::Zh), "化整为零");
}

#[test]
fn a_finding_reads_with_its_figures_and_nested_names() {
    let facts_method = Method::CompetitiveNegotiation;
    let m = Msg::new("finding.plan.threshold_reached")
        .arg("total", Money::from_yuan(5_000_000))
        .arg("threshold", Money::from_yuan(4_000_000))
        .arg_label("method", &facts_method);
    let zh = catalog().msg(Lang::Zh, &m);
    let en = catalog().msg(Lang::En, &m);
    assert!(zh.contains("采用竞争性谈判须经") && zh.contains(&Money::from_yuan(5_000_000).to_string()), "{zh}");
    assert!(en.contains("Competitive negotiation needs the supervisor's approval"), "{en}");
}

#[test]
fn lists_join_with_the_readers_separators() {
    let m = Msg::new("finding.plan.centralized_not_entrusted").arg_list("codes", ["A02010105", "A02021000"]);
    assert!(catalog().msg(Lang::Zh, &m).starts_with("品目 A02010105、A02021000 属于"));
    assert!(catalog().msg(Lang::En, &m).starts_with("A02010105, A02021000 are in"));
}

#[test]
fn a_refusal_cites_each_rule_and_joins_them_as_clauses() {
    let budget = Money::from_yuan(500_000);
    let cap = caigou_domain::tender::deposit::check_deposit("deposit", Money::from_yuan(20_000), budget, 200).unwrap();
    let cash = caigou_domain::tender::deposit::non_cash_required();
    let refused = Refused(vec![cap, cash]);
    let zh = refused.message(Lang::Zh);
    let en = refused.message(Lang::En);
    assert!(zh.contains("不得超过标项预算的2%，即 ") && zh.contains("（TEND-DEPOSIT，政府采购法实施条例第33条"), "{zh}");
    assert_eq!(zh.matches("（TEND-DEPOSIT，").count(), 2, "{zh}");
    assert!(zh.contains("）；投标保证金应以"), "clauses are joined by ；: {zh}");
    assert!(
        en.contains("at most 2% of the lot's budget")
            && en.contains(" (TEND-DEPOSIT, Implementing Regulations art. 33; MOF Order 87 art. 38)"),
        "{en}"
    );
    assert!(!en.contains("条"), "an English reader reads the source in English: {en}");
    assert!(en.contains("); a bid deposit is paid"), "{en}");
}

#[test]
fn a_policy_description_carries_its_rate() {
    let d = SmePolicy::PriceDeduction { small_micro_bp: 1_000 }.describe();
    assert_eq!(catalog().msg(Lang::Zh, &d), "小微企业报价给予10%的价格扣除，用扣除后的价格参加评审");
    assert!(catalog().msg(Lang::En, &d).contains("a 10% price deduction"));
}

#[test]
fn values_given_per_language_read_in_the_readers_language() {
    // An approval step's name as its admin wrote it, and notices stored before names were
    // messages, carry `<name>_zh` / `<name>_en`.
    let m = Msg::new("notice.request.waiting")
        .arg("no", "SG-1")
        .arg("title", "打印机")
        .arg("amount", "¥1.00")
        .arg("step_zh", "分管领导审批")
        .arg("step_en", "Deputy director");
    let (_, zh) = catalog().notice(Lang::Zh, &m);
    let (_, en) = catalog().notice(Lang::En, &m);
    assert!(zh.ends_with("分管领导审批"), "{zh}");
    assert!(en.ends_with("Deputy director"), "{en}");
    let only_zh = Msg::new("notice.request.waiting").arg("no", "SG-1").arg("title", "t").arg("amount", "a").arg("step_zh", "分管领导审批");
    assert!(catalog().notice(Lang::En, &only_zh).1.ends_with("分管领导审批"));
}

/// English pages read in English: no Chinese characters or full-width punctuation in the English
/// catalogs, except the language switch (which names Chinese in Chinese) and the 〔 〕 that
/// mark template variables in the documents form, as the form shows them.
#[test]
fn english_texts_hold_no_chinese() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
    let cjk = |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if line.starts_with('#') || line.starts_with("nav-lang_switch =") {
                continue;
            }
            if line.replace(['〔', '〕'], "").chars().any(cjk) {
                found.push(format!("{}: {line}", path.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(found.is_empty(), "Chinese in the English catalogs: {found:#?}");
}
