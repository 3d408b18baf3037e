//! 政策法规: the instruments the rules cite, and the citations themselves read as data.
//!
//! Every rule carries its source as the Chinese citation users of the platform know
//! (`政府采购法第26、27条；实施条例第23条`). That string stays the source of truth: it is what
//! the audit log and the documents show. This module reads it back into instruments and article
//! numbers, so that an English reader sees `Government Procurement Law arts. 26, 27; Implementing
//! Regulations art. 23` and every citation can link to the policy library (政策法规库), whose
//! entries are the [`ARTICLES`] here: plain-language summaries of what the platform applies, not
//! the official wording.

mod articles;

pub use articles::ARTICLES;

use crate::i18n::Lang;

/// A law, regulation, ministerial order or normative document (规范性文件) a rule cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Instrument {
    /// 中华人民共和国政府采购法 (法).
    Gpl,
    /// 政府采购法实施条例, 国务院令第658号 (条例).
    GplRegs,
    /// 政府采购货物和服务招标投标管理办法, 财政部令第87号.
    Mof87,
    /// 政府采购非招标采购方式管理办法, 财政部令第74号.
    Mof74,
    /// 政府采购质疑和投诉办法, 财政部令第94号.
    Mof94,
    /// 政府采购框架协议采购方式管理暂行办法, 财政部令第110号.
    Mof110,
    /// 政府采购竞争性磋商采购方式管理暂行办法, 财库〔2014〕214号.
    Caiku2014_214,
    /// 政府采购评审专家管理办法, 财库〔2016〕198号.
    Caiku2016_198,
    /// 政府采购代理机构管理暂行办法, 财库〔2018〕2号.
    Caiku2018_2,
    /// 关于开展政府采购意向公开工作的通知, 财库〔2020〕10号.
    Caiku2020_10,
    /// 政府采购促进中小企业发展管理办法, 财库〔2020〕46号.
    Caiku2020_46,
    /// 关于进一步加大政府采购支持中小企业力度的通知, 财库〔2022〕19号.
    Caiku2022_19,
    /// 关于在政府采购中实施本国产品标准及相关政策的通知, 国办发〔2025〕34号.
    Gbf2025_34,
    /// 保障中小企业款项支付条例.
    SmePayment,
    /// 中华人民共和国预算法.
    BudgetLaw,
    /// 中华人民共和国民法典: periods (201, 203) and what 以上 includes (1259).
    CivilCode,
}

/// What the library says about one instrument, kept together so a new instrument is one entry.
struct Info {
    code: &'static str,
    name: [&'static str; 2],
    short: [&'static str; 2],
    summary: [&'static str; 2],
    /// Every way a citation names it; the longest match wins, so 政府采购法实施条例 is not 政府采购法.
    aliases: &'static [&'static str],
    /// False where DOMAIN.md marks the instrument's rule (check): a maintainer confirms it.
    checked: bool,
}

impl Instrument {
    /// In the order the library lists them: statutes, State Council regulations, MOF orders, notices.
    pub const ALL: [Instrument; 16] = [
        Instrument::Gpl,
        Instrument::GplRegs,
        Instrument::Mof87,
        Instrument::Mof74,
        Instrument::Mof94,
        Instrument::Mof110,
        Instrument::Caiku2014_214,
        Instrument::Caiku2016_198,
        Instrument::Caiku2018_2,
        Instrument::Caiku2020_10,
        Instrument::Caiku2020_46,
        Instrument::Caiku2022_19,
        Instrument::Gbf2025_34,
        Instrument::SmePayment,
        Instrument::BudgetLaw,
        Instrument::CivilCode,
    ];

    fn info(self) -> &'static Info {
        use Instrument::*;
        match self {
            Gpl => &Info {
                code: "gpl",
                name: ["中华人民共和国政府采购法", "Government Procurement Law of the People's Republic of China"],
                short: ["政府采购法", "Government Procurement Law"],
                summary: [
                    "全国人民代表大会常务委员会2002年通过、2014年修正的政府采购基本法律。",
                    "The basic statute on government procurement, adopted by the Standing Committee of the National People's Congress in 2002 and amended in 2014.",
                ],
                aliases: &["中华人民共和国政府采购法", "政府采购法", "法"],
                checked: true,
            },
            GplRegs => &Info {
                code: "gpl-regs",
                name: [
                    "中华人民共和国政府采购法实施条例（国务院令第658号）",
                    "Regulations for the Implementation of the Government Procurement Law of the People's Republic of China (State Council Order No. 658)",
                ],
                short: ["实施条例", "Implementing Regulations"],
                summary: [
                    "国务院2014年公布、2015年3月1日起施行的政府采购法配套行政法规。",
                    "The State Council's implementing rules for the Government Procurement Law, issued in 2014 and in force since 1 March 2015.",
                ],
                aliases: &["中华人民共和国政府采购法实施条例", "政府采购法实施条例", "国务院令第658号", "实施条例", "条例"],
                checked: true,
            },
            Mof87 => &Info {
                code: "mof-87",
                name: [
                    "政府采购货物和服务招标投标管理办法（财政部令第87号）",
                    "MOF Order No. 87: Measures for Tendering of Government Procurement of Goods and Services",
                ],
                short: ["87号令", "MOF Order 87"],
                summary: [
                    "财政部2017年发布的部门规章，规定货物和服务公开招标、邀请招标的程序与评标方法。",
                    "Ministry of Finance rules of 2017 on the procedure and evaluation methods of open and invitational tendering for goods and services.",
                ],
                aliases: &["政府采购货物和服务招标投标管理办法", "财政部令第87号", "87号令"],
                checked: true,
            },
            Mof74 => &Info {
                code: "mof-74",
                name: [
                    "政府采购非招标采购方式管理办法（财政部令第74号）",
                    "MOF Order No. 74: Measures for Non-tender Methods of Government Procurement",
                ],
                short: ["74号令", "MOF Order 74"],
                summary: [
                    "财政部2013年发布的部门规章，规定竞争性谈判、单一来源和询价的程序，包括响应期限和小组组成。",
                    "Ministry of Finance rules of 2013 on competitive negotiation, single-source and request-for-quotation procurement, including response periods and the make-up of the teams.",
                ],
                aliases: &["政府采购非招标采购方式管理办法", "非招标采购方式管理办法", "财政部令第74号", "74号令"],
                checked: false,
            },
            Mof94 => &Info {
                code: "mof-94",
                name: [
                    "政府采购质疑和投诉办法（财政部令第94号）",
                    "MOF Order No. 94: Measures for Challenges and Complaints in Government Procurement",
                ],
                short: ["94号令", "MOF Order 94"],
                summary: [
                    "财政部2017年发布的部门规章，规定供应商质疑的提出与答复以及投诉的处理。",
                    "Ministry of Finance rules of 2017 on how suppliers raise challenges, how they are answered, and how complaints are handled.",
                ],
                aliases: &["政府采购质疑和投诉办法", "财政部令第94号", "94号令"],
                checked: true,
            },
            Mof110 => &Info {
                code: "mof-110",
                name: [
                    "政府采购框架协议采购方式管理暂行办法（财政部令第110号）",
                    "MOF Order No. 110: Interim Measures for the Framework Agreement Method of Government Procurement",
                ],
                short: ["110号令", "MOF Order 110"],
                summary: [
                    "财政部2022年发布的部门规章，规定框架协议采购方式。",
                    "Ministry of Finance rules of 2022 establishing framework agreement procurement.",
                ],
                aliases: &["政府采购框架协议采购方式管理暂行办法", "框架协议采购管理办法", "财政部令第110号", "110号令"],
                checked: true,
            },
            Caiku2014_214 => &Info {
                code: "caiku-2014-214",
                name: [
                    "政府采购竞争性磋商采购方式管理暂行办法（财库〔2014〕214号）",
                    "Caiku [2014] No. 214: Interim Measures for the Competitive Consultation Method of Government Procurement",
                ],
                short: ["财库〔2014〕214号", "Caiku [2014] No. 214"],
                summary: [
                    "财政部2014年印发的规范性文件，设立竞争性磋商方式并规定其期限与评审。",
                    "A Ministry of Finance normative document of 2014 that created the competitive consultation method and sets its periods and evaluation.",
                ],
                aliases: &["政府采购竞争性磋商采购方式管理暂行办法", "财库〔2014〕214号", "214号"],
                checked: true,
            },
            Caiku2016_198 => &Info {
                code: "caiku-2016-198",
                name: [
                    "政府采购评审专家管理办法（财库〔2016〕198号）",
                    "Caiku [2016] No. 198: Measures for the Administration of Government Procurement Review Experts",
                ],
                short: ["财库〔2016〕198号", "Caiku [2016] No. 198"],
                summary: [
                    "财政部2016年印发的规范性文件，规定评审专家的选聘、抽取和管理。",
                    "A Ministry of Finance normative document of 2016 on selecting, drawing and managing review experts.",
                ],
                aliases: &["政府采购评审专家管理办法", "财库〔2016〕198号", "198号"],
                checked: false,
            },
            Caiku2018_2 => &Info {
                code: "caiku-2018-2",
                name: [
                    "政府采购代理机构管理暂行办法（财库〔2018〕2号）",
                    "Caiku [2018] No. 2: Interim Measures for the Administration of Government Procurement Agencies",
                ],
                short: ["财库〔2018〕2号", "Caiku [2018] No. 2"],
                summary: [
                    "财政部2018年印发的规范性文件，规定代理机构名录登记、信用评价和随机抽查。",
                    "A Ministry of Finance normative document of 2018 on the directory of procurement agencies, their credit evaluation and random inspections.",
                ],
                aliases: &["政府采购代理机构管理暂行办法", "财库〔2018〕2号"],
                checked: false,
            },
            Caiku2020_10 => &Info {
                code: "caiku-2020-10",
                name: [
                    "财政部关于开展政府采购意向公开工作的通知（财库〔2020〕10号）",
                    "Caiku [2020] No. 10: MOF Notice on Publishing Government Procurement Intentions",
                ],
                short: ["财库〔2020〕10号", "Caiku [2020] No. 10"],
                summary: [
                    "财政部2020年印发的通知，要求采购人在采购活动开始前提前公开采购意向，原则上不少于30日。",
                    "A Ministry of Finance notice of 2020 requiring purchasers to publish their procurement intentions in advance, as a rule at least 30 days before procurement starts.",
                ],
                aliases: &["财政部关于开展政府采购意向公开工作的通知", "关于开展政府采购意向公开工作的通知", "财库〔2020〕10号", "10号"],
                checked: false,
            },
            Caiku2020_46 => &Info {
                code: "caiku-2020-46",
                name: [
                    "政府采购促进中小企业发展管理办法（财库〔2020〕46号）",
                    "Caiku [2020] No. 46: Measures for Promoting the Development of Small and Medium-sized Enterprises through Government Procurement",
                ],
                short: ["财库〔2020〕46号", "Caiku [2020] No. 46"],
                summary: [
                    "财政部、工业和信息化部2020年印发的办法，规定预留份额和对小微企业的价格扣除等扶持措施。",
                    "Measures issued by the Ministry of Finance and the Ministry of Industry and Information Technology in 2020 on support for SMEs, such as reserved shares and price deductions for small and micro enterprises.",
                ],
                aliases: &["政府采购促进中小企业发展管理办法", "财库〔2020〕46号", "46号"],
                checked: true,
            },
            Caiku2022_19 => &Info {
                code: "caiku-2022-19",
                name: [
                    "财政部关于进一步加大政府采购支持中小企业力度的通知（财库〔2022〕19号）",
                    "Caiku [2022] No. 19: MOF Notice on Further Increasing Government Procurement Support for SMEs",
                ],
                short: ["财库〔2022〕19号", "Caiku [2022] No. 19"],
                summary: [
                    "财政部2022年印发的通知，自2022年7月1日起将货物和服务项目对小微企业的价格扣除比例提高到10%至20%。",
                    "A Ministry of Finance notice of 2022 raising the price deduction for small and micro enterprises in goods and services projects to 10% to 20% from 1 July 2022.",
                ],
                aliases: &["财政部关于进一步加大政府采购支持中小企业力度的通知", "财库〔2022〕19号", "19号"],
                checked: true,
            },
            Gbf2025_34 => &Info {
                code: "gbf-2025-34",
                name: [
                    "国务院办公厅关于在政府采购中实施本国产品标准及相关政策的通知（国办发〔2025〕34号）",
                    "Guobanfa [2025] No. 34: Notice of the General Office of the State Council on Implementing Domestic Product Standards and Related Policies in Government Procurement",
                ],
                short: ["国办发〔2025〕34号", "Guobanfa [2025] No. 34"],
                summary: [
                    "国务院办公厅2025年印发的通知，自2026年1月1日起对本国产品给予20%的价格评审优惠。",
                    "A notice of the General Office of the State Council of 2025 giving domestic products a 20% price-evaluation preference from 1 January 2026.",
                ],
                aliases: &["国务院办公厅关于在政府采购中实施本国产品标准及相关政策的通知", "国办发〔2025〕34号"],
                checked: false,
            },
            SmePayment => &Info {
                code: "sme-payment",
                name: ["保障中小企业款项支付条例", "Regulations on Ensuring Payments to Small and Medium-sized Enterprises"],
                short: ["保障中小企业款项支付条例", "SME Payment Regulations"],
                summary: [
                    "国务院2020年公布、2025年修订的行政法规，规定机关、事业单位向中小企业付款的期限。",
                    "State Council regulations first issued in 2020 and revised in 2025, setting how soon public bodies must pay small and medium-sized suppliers.",
                ],
                aliases: &["保障中小企业款项支付条例"],
                checked: true,
            },
            BudgetLaw => &Info {
                code: "budget-law",
                name: ["中华人民共和国预算法", "Budget Law of the People's Republic of China"],
                short: ["预算法", "Budget Law"],
                summary: [
                    "全国人民代表大会常务委员会1994年通过、2014年和2018年修正的预算基本法律。",
                    "The basic statute on public budgets, adopted by the Standing Committee of the National People's Congress in 1994 and amended in 2014 and 2018.",
                ],
                aliases: &["中华人民共和国预算法", "预算法"],
                checked: true,
            },
            CivilCode => &Info {
                code: "civil-code",
                name: ["中华人民共和国民法典", "Civil Code of the People's Republic of China"],
                short: ["民法典", "Civil Code"],
                summary: [
                    "全国人民代表大会2020年通过、2021年施行的民事基本法律；平台用其期间计算规则。",
                    "The civil code adopted by the National People's Congress in 2020 and in force since 2021; the platform applies its rules on counting periods.",
                ],
                aliases: &["中华人民共和国民法典", "民法典"],
                checked: true,
            },
        }
    }

    /// The stable ascii slug, the anchor of the instrument in the policy library.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The instrument of a library anchor's slug.
    pub fn from_code(code: &str) -> Option<Instrument> {
        Instrument::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The full official name (English: an accurate translation, not an official one).
    pub fn name(self, lang: Lang) -> &'static str {
        self.info().name[idx(lang)]
    }

    /// How citations name it: 87号令 / `MOF Order 87`.
    pub fn short(self, lang: Lang) -> &'static str {
        self.info().short[idx(lang)]
    }

    /// One sentence on what the instrument is, who issued it and when.
    pub fn summary(self, lang: Lang) -> &'static str {
        self.info().summary[idx(lang)]
    }

    /// Every name citations use for it, in Chinese.
    pub fn aliases(self) -> &'static [&'static str] {
        self.info().aliases
    }

    /// The instrument a citation names exactly (`条例`, `87号令`, `财库〔2020〕10号`).
    pub fn from_alias(name: &str) -> Option<Instrument> {
        Instrument::ALL.into_iter().find(|i| i.aliases().contains(&name))
    }

    /// False where DOMAIN.md marks the instrument's rule (check): a maintainers' marker, never shown.
    pub fn checked(self) -> bool {
        self.info().checked
    }
}

/// The index of `lang` in the `[zh, en]` pairs of [`Info`].
fn idx(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

/// One sentence on what the instrument is, who issued it and when.
pub fn instrument_summary(i: Instrument, lang: Lang) -> &'static str {
    i.summary(lang)
}

/// One article of the policy library: what the platform takes it to require, in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Article {
    pub instrument: Instrument,
    pub number: u32,
    pub subject_zh: &'static str,
    pub subject_en: &'static str,
    pub summary_zh: &'static str,
    pub summary_en: &'static str,
    /// False where DOMAIN.md marks the rule (check), or does not describe the article (written from
    /// the code's comments): a maintainer confirms it against the official text. Never shown.
    pub checked: bool,
}

impl Article {
    pub fn subject(&self, lang: Lang) -> &'static str {
        if lang == Lang::En { self.subject_en } else { self.subject_zh }
    }

    pub fn summary(&self, lang: Lang) -> &'static str {
        if lang == Lang::En { self.summary_en } else { self.summary_zh }
    }

    /// Its anchor in the library: `gpl-26`.
    pub fn anchor(&self) -> String {
        format!("{}-{}", self.instrument.code(), self.number)
    }
}

/// The articles of one instrument, in number order.
pub fn instrument_articles(i: Instrument) -> impl Iterator<Item = &'static Article> {
    ARTICLES.iter().filter(move |a| a.instrument == i)
}

/// The library entry of one article, if the library has it.
pub fn article(i: Instrument, number: u32) -> Option<&'static Article> {
    ARTICLES.iter().find(|a| a.instrument == i && a.number == number)
}

/// One citation of a source: an instrument, the articles cited (none: the instrument as a whole),
/// and what follows them in Chinese (a sub-item `第（一）项：…`, or the inside of a trailing
/// bracket such as `“以上”含本数`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub instrument: Instrument,
    pub articles: Vec<u32>,
    pub note: Option<String>,
}

/// A part of a source between ；: a citation, or words naming no instrument (`法定底线`), kept so
/// nothing of the source is lost when it is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourcePart {
    Cite(Citation),
    Text(String),
}

/// Free phrases the sources use, with their English. A source part that names no instrument is
/// looked up here whole, or as `words（words）`.
pub const PHRASES: &[(&str, &str)] = &[
    ("法定底线", "statutory floor"),
    ("各地分散采购限额标准", "local thresholds for decentralized purchasing"),
    ("“以上”含本数", "\"at or above\" includes the amount itself"),
    ("平台规则", "platform rule"),
    ("电子开标解密时限", "decryption time limit of the electronic bid opening"),
    ("投标文件由同一单位或者个人编制", "bid documents prepared by the same unit or person"),
    ("委托同一单位或者个人办理投标事宜", "the same unit or person entrusted with the bidding"),
    ("投标文件异常一致或者相互混装", "bid documents abnormally identical or mixed up between bidders"),
];

/// The English of a known free phrase.
pub fn phrase_en(zh: &str) -> Option<&'static str> {
    PHRASES.iter().find(|(z, _)| *z == zh).map(|(_, en)| *en)
}

/// Reads a Chinese source: parts separated by ；, each `<name>第<n>[、<m>]条[note]`, a range
/// (`第9—10条`, `第39条至第43条`), a bare instrument name, or free words.
pub fn parse_source(zh: &str) -> Vec<SourcePart> {
    zh.split(['；', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| parse_citation(p).map_or_else(|| SourcePart::Text(p.to_string()), SourcePart::Cite))
        .collect()
}

/// The citations of a source, without its free words.
pub fn citations(zh: &str) -> Vec<Citation> {
    parse_source(zh)
        .into_iter()
        .filter_map(|p| match p {
            SourcePart::Cite(c) => Some(c),
            SourcePart::Text(_) => None,
        })
        .collect()
}

/// The longest alias the part starts with, if what follows it may follow a name: the end, 第 or a
/// bracket. So 法 is the law in `法第35条` but not in `法定底线`.
fn match_instrument(part: &str) -> Option<(Instrument, &str)> {
    let boundary = |rest: &str| rest.is_empty() || rest.starts_with(['第', '（', '(']);
    Instrument::ALL
        .into_iter()
        .flat_map(|i| i.aliases().iter().map(move |a| (i, *a)))
        .filter_map(|(i, a)| part.strip_prefix(a).filter(|rest| boundary(rest)).map(|rest| (i, a.len(), rest)))
        .max_by_key(|(_, len, _)| *len)
        .map(|(i, _, rest)| (i, rest))
}

fn parse_citation(part: &str) -> Option<Citation> {
    let (instrument, mut rest) = match_instrument(part)?;
    // 政府采购货物和服务招标投标管理办法（87号令）: the bracket repeats the instrument's short name.
    if let Some((inner, after)) = rest.strip_prefix('（').and_then(|r| r.split_once('）'))
        && Instrument::from_alias(inner) == Some(instrument)
    {
        rest = after;
    }
    let (articles, rest) = parse_articles(rest);
    let rest = rest.trim();
    let note = (!rest.is_empty()).then(|| unbracket(rest).to_string());
    Some(Citation { instrument, articles, note })
}

/// `第26、27条`, `第9—10条`, `第39条至第43条`: the numbers, and what follows the last 条.
fn parse_articles(s: &str) -> (Vec<u32>, &str) {
    let mut articles = Vec::new();
    if !s.starts_with('第') {
        return (articles, s);
    }
    let (mut rest, mut done) = (s, s);
    let mut range_from = None;
    loop {
        let r = rest.strip_prefix('第').unwrap_or(rest);
        let digits = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Ok(n) = r[..digits].parse::<u32>() else { break };
        match range_from.take() {
            // Capped so a typo cannot make thousands of articles.
            Some(from) if from < n && n - from <= 100 => articles.extend(from + 1..=n),
            _ => articles.push(n),
        }
        let r = &r[digits..];
        done = r.strip_prefix('条').unwrap_or(r);
        if let Some(next) = done.strip_prefix(['、', ',', '，']) {
            rest = next;
        } else if let Some(next) = done.strip_prefix(['—', '–', '-', '－', '~', '～', '至']) {
            range_from = Some(n);
            rest = next;
        } else {
            break;
        }
    }
    (articles, done)
}

/// The inside of `（…）` or `(…)`, or the text itself.
fn unbracket(s: &str) -> &str {
    s.strip_prefix('（').and_then(|r| r.strip_suffix('）')).or_else(|| s.strip_prefix('(').and_then(|r| r.strip_suffix(')'))).unwrap_or(s)
}

/// A source as `lang` reads it: Chinese is the source itself; English names each instrument by its
/// short English name and translates the known free phrases (an unknown one stays as written).
pub fn render_source(zh: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => parse_source(zh).iter().map(|p| p.render(Lang::En)).collect::<Vec<_>>().join("; "),
    }
}

impl SourcePart {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (SourcePart::Cite(c), _) => c.render(lang),
            (SourcePart::Text(t), Lang::Zh) => t.clone(),
            (SourcePart::Text(t), Lang::En) => text_en(t),
        }
    }
}

impl Citation {
    /// `政府采购法第26、27条` / `Government Procurement Law arts. 26, 27`, with its note.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.instrument.short(lang).to_string();
        let runs = runs(&self.articles);
        match lang {
            Lang::Zh => {
                if !runs.is_empty() {
                    out += &format!("第{}条", runs.join("、").replace('–', "—"));
                }
                match &self.note {
                    Some(n) if n.starts_with('第') => out += n,
                    Some(n) => out += &format!("（{n}）"),
                    None => {}
                }
            }
            Lang::En => {
                match self.articles.len() {
                    0 => {}
                    1 => out += &format!(" art. {}", runs[0]),
                    _ => out += &format!(" arts. {}", runs.join(", ")),
                }
                if let Some(n) = &self.note {
                    out += &note_en(n);
                }
            }
        }
        out
    }
}

/// Article numbers for display: three or more in a row read as a range (`39–43`).
fn runs(articles: &[u32]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < articles.len() {
        let mut j = i;
        while j + 1 < articles.len() && articles[j + 1] == articles[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            out.push(format!("{}–{}", articles[i], articles[j]));
            i = j + 1;
        } else {
            out.push(articles[i].to_string());
            i += 1;
        }
    }
    out
}

/// ` item (1): words` for `第（一）项：…`, else ` (words)`.
fn note_en(note: &str) -> String {
    if let Some((items, after)) = note.strip_prefix('第').and_then(|r| r.split_once('项')) {
        let numbers: Option<Vec<String>> = items.split('、').map(|i| cn_numeral(unbracket(i.trim())).map(|n| format!("({n})"))).collect();
        if let Some(numbers) = numbers {
            let label = if numbers.len() == 1 { "item" } else { "items" };
            let mut out = format!(" {label} {}", numbers.join(", "));
            if let Some(words) = after.strip_prefix(['：', ':']) {
                out += &format!(": {}", text_en(words.trim()));
            }
            return out;
        }
    }
    format!(" ({})", text_en(note))
}

/// 一 … 九十九, as sub-items are numbered.
fn cn_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// A free phrase in English: whole, or as `words（words）`; unknown words stay as written.
fn text_en(t: &str) -> String {
    if let Some(en) = phrase_en(t) {
        return en.to_string();
    }
    if let Some((head, inner)) = t.strip_suffix('）').and_then(|r| r.split_once('（')) {
        return format!("{} ({})", text_en(head), text_en(inner));
    }
    t.to_string()
}

/// The library anchor of a citation: its first article (`gpl-26`), or the instrument (`gpl`).
pub fn anchor(c: &Citation) -> String {
    match c.articles.first() {
        Some(n) => format!("{}-{n}", c.instrument.code()),
        None => c.instrument.code().to_string(),
    }
}

/// A rule the platform applies, as the policy library lists it under what it cites: its code
/// (`TEND-BID-PERIOD`), its title's catalog key and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitingRule {
    pub code: &'static str,
    pub title_key: String,
    pub source: &'static str,
}

/// Every rule with a legal source: the planning rules (采购计划), the tender rules (采购文件), the
/// committee rules (评审).
pub fn citing_rules() -> Vec<CitingRule> {
    use crate::Labelled;
    let planning =
        crate::planning::RuleId::ALL.into_iter().map(|r| CitingRule { code: r.code(), title_key: r.label_key(), source: r.source() });
    let tender =
        crate::tender::TenderRule::ALL.into_iter().map(|r| CitingRule { code: r.code(), title_key: r.label_key(), source: r.source() });
    // A committee rule's source depends on the method's family: one entry per source.
    let mut committee: Vec<CitingRule> = Vec::new();
    for rule in crate::evaluation::CommitteeRule::ALL {
        for family in [crate::tender::Family::Tender, crate::tender::Family::Negotiation, crate::tender::Family::Consultation] {
            committee.push(CitingRule { code: rule.code(), title_key: rule.label_key(), source: rule.source(family) });
        }
    }
    planning.chain(tender).chain(committee).collect()
}

/// The rules that cite `article` of `instrument`, or (`None`) the instrument as a whole.
pub fn rules_citing(instrument: Instrument, article: Option<u32>) -> Vec<CitingRule> {
    citing_rules()
        .into_iter()
        .filter(|r| {
            citations(r.source).iter().any(|c| {
                c.instrument == instrument
                    && match article {
                        Some(n) => c.articles.contains(&n),
                        None => c.articles.is_empty(),
                    }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
