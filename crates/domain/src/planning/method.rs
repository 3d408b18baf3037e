//! Procurement methods (法26, 214号, 110号令) and the e-mall channel.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 公开招标 (法26: the main method)
    OpenTender,
    /// 邀请招标 (法29, 法34)
    InvitedTender,
    /// 竞争性谈判 (法30)
    CompetitiveNegotiation,
    /// 竞争性磋商 (214号)
    CompetitiveConsultation,
    /// 询价 (法32)
    RequestForQuotation,
    /// 单一来源 (法31)
    SingleSource,
    /// 框架协议 (110号令)
    FrameworkAgreement,
    /// 电子卖场 (网上超市 direct purchase and its small-value channels)
    Emall,
}

impl Method {
    pub const ALL: [Method; 8] = [
        Method::OpenTender,
        Method::InvitedTender,
        Method::CompetitiveNegotiation,
        Method::CompetitiveConsultation,
        Method::RequestForQuotation,
        Method::SingleSource,
        Method::FrameworkAgreement,
        Method::Emall,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Method::OpenTender => "open_tender",
            Method::InvitedTender => "invited_tender",
            Method::CompetitiveNegotiation => "competitive_negotiation",
            Method::CompetitiveConsultation => "competitive_consultation",
            Method::RequestForQuotation => "request_for_quotation",
            Method::SingleSource => "single_source",
            Method::FrameworkAgreement => "framework_agreement",
            Method::Emall => "emall",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == s)
    }

    /// 委托: every method but the 电子卖场 becomes a project run by an agency or by the unit
    /// itself; an e-mall purchase is ordered by the unit in the mall, so no agency takes it.
    pub fn entrustable(self) -> bool {
        self != Method::Emall
    }
}

/// The database edge: a stored method that is not one of ours is an error, never a default.
impl TryFrom<String> for Method {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Method::parse(&s).ok_or_else(|| format!("unknown method {s:?}"))
    }
}

/// Its name is in the catalogs under `label.method.<key>`.
impl crate::Labelled for Method {
    fn label_key(&self) -> String {
        format!("label.method.{}", self.key())
    }
}
