use super::*;

/// Every source string the code cites (copied exactly), so a new one that the parser or the
/// library does not know fails here rather than on an English page.
const USED: &[&str] = &[
    // statutory.rs, limit_source and the 法定底线 of the limits themselves
    "政府采购法第35条",
    "政府采购法实施条例第31条",
    "87号令第16条",
    "财库〔2014〕214号第10条",
    "74号令",
    "平台规则（电子开标解密时限）",
    "财库〔2020〕10号",
    "87号令第55条",
    "财库〔2014〕214号第24条",
    "政府采购法实施条例第33条",
    "财库〔2022〕19号",
    "法定底线",
    // planning/rules.rs
    "政府采购法第6条；预算法第13条",
    "预算法第18条",
    "政府采购法第26、27条；实施条例第23条；民法典第1259条（“以上”含本数）",
    "政府采购法第7、18条",
    "政府采购法第7条；各地分散采购限额标准",
    "政府采购法第28条；实施条例第28条",
    "政府采购法第31条",
    "实施条例第38条",
    // tender/rules.rs
    "政府采购法第35条；民法典第201、203条",
    "财库〔2014〕214号第10条；民法典第201、203条",
    "非招标采购方式管理办法（74号令）",
    "政府采购法实施条例第31条；214号第10条",
    "政府采购法实施条例第31条；214号第10条；74号令",
    "政府采购法实施条例第34条；74号令；214号第23条",
    "政府采购法实施条例第34条；87号令第53、54条",
    "政府采购法实施条例第34条；87号令第55条",
    "87号令第55条；214号第24条",
    "财库〔2022〕19号；政府采购促进中小企业发展管理办法",
    "政府采购法第6条；87号令第12条",
    "政府采购法实施条例第33条；87号令第38条",
    // tender/progress.rs
    "政府采购法第35条；政府采购货物和服务招标投标管理办法（87号令）第16条",
    "87号令第39条",
    "政府采购法实施条例第39条至第43条",
    // tender/collusion.rs, Trait::clause
    "87号令第37条第（一）项：投标文件由同一单位或者个人编制",
    "87号令第37条第（二）项：委托同一单位或者个人办理投标事宜",
    "87号令第37条第（四）、（五）项：投标文件异常一致或者相互混装",
    // evaluation/committee.rs, avoidance.rs
    "87号令第47条",
    "政府采购法实施条例第9条",
    "政府采购法第38、40条；74号令第7条",
    "214号第14条",
];

fn is_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

fn cite(instrument: Instrument, articles: &[u32], note: Option<&str>) -> SourcePart {
    SourcePart::Cite(Citation { instrument, articles: articles.to_vec(), note: note.map(String::from) })
}

#[test]
fn parses_each_shape() {
    use Instrument::*;
    assert_eq!(parse_source("政府采购法第26、27条"), [cite(Gpl, &[26, 27], None)]);
    assert_eq!(parse_source("保障中小企业款项支付条例第9—10条"), [cite(SmePayment, &[9, 10], None)]);
    assert_eq!(parse_source("87号令第53-55条"), [cite(Mof87, &[53, 54, 55], None)]);
    assert_eq!(parse_source("政府采购法实施条例第39条至第43条"), [cite(GplRegs, &[39, 40, 41, 42, 43], None)]);
    assert_eq!(
        parse_source("政府采购法第28条；实施条例第28条; 条例第33条"),
        [cite(Gpl, &[28], None), cite(GplRegs, &[28], None), cite(GplRegs, &[33], None)]
    );
    assert_eq!(parse_source("民法典第1259条（“以上”含本数）"), [cite(CivilCode, &[1259], Some("“以上”含本数"))]);
    assert_eq!(parse_source("74号令"), [cite(Mof74, &[], None)]);
    assert_eq!(parse_source("非招标采购方式管理办法（74号令）"), [cite(Mof74, &[], None)]);
    assert_eq!(parse_source("政府采购货物和服务招标投标管理办法（87号令）第16条"), [cite(Mof87, &[16], None)]);
    assert_eq!(parse_source("87号令第37条第（二）项：委托"), [cite(Mof87, &[37], Some("第（二）项：委托"))]);
    // 法 is the law only as a name: 法定底线 is words.
    assert_eq!(parse_source("法第35条；法定底线"), [cite(Gpl, &[35], None), SourcePart::Text("法定底线".into())]);
    assert_eq!(
        parse_source("政府采购法第7条；各地分散采购限额标准"),
        [cite(Gpl, &[7], None), SourcePart::Text("各地分散采购限额标准".into())]
    );
    assert!(parse_source(" ；").is_empty());
    assert_eq!(citations("政府采购法第6条；法定底线").len(), 1);
}

#[test]
fn renders_english() {
    let en = |s| render_source(s, Lang::En);
    assert_eq!(en("政府采购法第26、27条；实施条例第23条"), "Government Procurement Law arts. 26, 27; Implementing Regulations art. 23");
    assert_eq!(
        en("政府采购法第26、27条；实施条例第23条；民法典第1259条（“以上”含本数）"),
        "Government Procurement Law arts. 26, 27; Implementing Regulations art. 23; Civil Code art. 1259 \
         (\"at or above\" includes the amount itself)"
    );
    assert_eq!(en("政府采购法实施条例第39条至第43条"), "Implementing Regulations arts. 39–43");
    assert_eq!(en("87号令第55条；214号第24条"), "MOF Order 87 art. 55; Caiku [2014] No. 214 art. 24");
    assert_eq!(en("财库〔2020〕10号"), "Caiku [2020] No. 10");
    assert_eq!(en("非招标采购方式管理办法（74号令）"), "MOF Order 74");
    assert_eq!(en("法定底线"), "statutory floor");
    assert_eq!(en("平台规则（电子开标解密时限）"), "platform rule (decryption time limit of the electronic bid opening)");
    assert_eq!(
        en("87号令第37条第（四）、（五）项：投标文件异常一致或者相互混装"),
        "MOF Order 87 art. 37 items (4), (5): bid documents abnormally identical or mixed up between bidders"
    );
    // Chinese is the source itself, as written.
    let zh = "政府采购法第35条；政府采购货物和服务招标投标管理办法（87号令）第16条";
    assert_eq!(render_source(zh, Lang::Zh), zh);
}

#[test]
fn every_source_the_code_uses_reads_in_english_and_is_in_the_library() {
    for s in USED {
        let en = render_source(s, Lang::En);
        assert!(!en.chars().any(is_cjk), "{s} → {en}");
        for part in parse_source(s) {
            if let SourcePart::Cite(c) = part {
                for n in &c.articles {
                    assert!(article(c.instrument, *n).is_some(), "{s}: {} art. {n} is not in ARTICLES", c.instrument.code());
                }
            }
        }
    }
}

/// The sources as the rules give them today are all in [`USED`], so the list cannot fall behind.
#[test]
fn used_lists_the_live_sources() {
    use crate::tender::collusion::Trait;
    use crate::tender::progress::Next;
    let fields = [
        "tender_bid_days",
        "documents_working_days",
        "tender_announcement_working_days",
        "consultation_response_days",
        "negotiation_response_working_days",
        "tender_clarification_days",
        "decryption_window_minutes",
        "intention_lead_days",
        "price_weights.tender_goods",
        "price_weights.consultation_goods",
        "deposit",
        "sme_deduction",
        "anything else",
    ];
    let live = crate::planning::RuleId::ALL
        .iter()
        .map(|r| r.source())
        .chain(crate::tender::TenderRule::ALL.iter().map(|r| r.source()))
        .chain(fields.iter().map(|f| crate::statutory::limit_source(f)))
        .chain([Next::PublishDocuments, Next::Open, Next::Evaluate].into_iter().filter_map(Next::source))
        .chain([Trait::Author, Trait::Address, Trait::FileSha256].into_iter().map(Trait::clause))
        .chain(citing_rules().into_iter().map(|r| r.source))
        .chain([crate::evaluation::avoidance::SOURCE]);
    for s in live {
        assert!(USED.contains(&s), "{s} is not in USED");
    }
}

#[test]
fn library_entries_are_complete_ordered_and_unique() {
    for a in ARTICLES {
        let texts = [a.subject_zh, a.subject_en, a.summary_zh, a.summary_en];
        assert!(texts.iter().all(|t| !t.trim().is_empty()), "{}", a.anchor());
        assert!(!a.subject_en.chars().chain(a.summary_en.chars()).any(is_cjk), "{}", a.anchor());
    }
    // Strictly increasing by (instrument, number): listed in order, no article twice.
    for w in ARTICLES.windows(2) {
        assert!((w[0].instrument, w[0].number) < (w[1].instrument, w[1].number), "{} then {}", w[0].anchor(), w[1].anchor());
    }
}

#[test]
fn instruments_have_names_anchors_and_unique_aliases() {
    let mut aliases = std::collections::BTreeSet::new();
    for i in Instrument::ALL {
        assert_eq!(Instrument::from_code(i.code()), Some(i));
        assert!(i.code().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", i.code());
        for lang in Lang::ALL {
            assert!(!i.name(lang).is_empty() && !i.short(lang).is_empty() && !instrument_summary(i, lang).is_empty());
        }
        for text in [i.name(Lang::En), i.short(Lang::En), i.summary(Lang::En)] {
            assert!(!text.chars().any(is_cjk), "{text}");
        }
        for a in i.aliases() {
            assert!(aliases.insert(*a), "{a} names two instruments");
            assert_eq!(Instrument::from_alias(a), Some(i));
        }
        assert!(i.aliases().contains(&i.short(Lang::Zh)), "{}", i.code());
    }
    let c = |s: &str| citations(s).remove(0);
    assert_eq!(anchor(&c("政府采购法第26、27条")), "gpl-26");
    assert_eq!(anchor(&c("政府采购法")), "gpl");
    assert_eq!(anchor(&c("财库〔2014〕214号第10条")), "caiku-2014-214-10");
    assert_eq!(instrument_articles(Instrument::Caiku2014_214).map(|a| a.number).collect::<Vec<_>>(), [10, 14, 23, 24]);
}

#[test]
fn chinese_rendering_of_a_citation_reads_as_a_citation() {
    let c = citations("政府采购法实施条例第39条至第43条").remove(0);
    assert_eq!(c.render(Lang::Zh), "实施条例第39—43条");
    let c = citations("民法典第1259条（“以上”含本数）").remove(0);
    assert_eq!(c.render(Lang::Zh), "民法典第1259条（“以上”含本数）");
}

#[test]
fn the_library_lists_the_rules_citing_each_article() {
    let bid = rules_citing(Instrument::Gpl, Some(35));
    assert!(bid.iter().any(|r| r.code == "TEND-BID-PERIOD"), "{bid:?}");
    assert!(!bid.iter().any(|r| r.code == "PLAN-BUDGET"), "法第6条 is not 第35条");
    let whole = rules_citing(Instrument::Mof74, None);
    assert!(whole.iter().any(|r| r.code == "TEND-NEGOTIATION-PERIOD"), "{whole:?}");
    assert!(rules_citing(Instrument::Mof74, Some(35)).is_empty());
    // Every article a rule cites is in the library, so no citation links to nothing.
    for r in citing_rules() {
        for c in citations(r.source) {
            for n in &c.articles {
                assert!(
                    article(c.instrument, *n).is_some(),
                    "{} cites {}第{n}条, not in the library",
                    r.code,
                    c.instrument.short(Lang::Zh)
                );
            }
        }
    }
}
