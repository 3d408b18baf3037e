//! Announcement types (公告类型, docs/DOMAIN.md) and which one a project's method publishes.

use serde::{Deserialize, Serialize};

use crate::planning::Method;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    /// 采购意向公开
    Intention,
    /// 招标公告
    Tender,
    /// 资格预审公告
    Prequalification,
    /// 竞争性谈判公告
    Negotiation,
    /// 竞争性磋商公告
    Consultation,
    /// 询价公告
    Quotation,
    /// 单一来源公示
    SingleSourcePublicity,
    /// 更正公告 (澄清/修改 included)
    Correction,
    /// 中止公告
    Suspension,
    /// 中标(成交)结果公告
    Result,
    /// 废标/终止公告
    Termination,
    /// 合同公告
    Contract,
    /// 履约验收公告
    Acceptance,
}

impl AnnouncementKind {
    pub const ALL: [AnnouncementKind; 13] = [
        AnnouncementKind::Intention,
        AnnouncementKind::Tender,
        AnnouncementKind::Prequalification,
        AnnouncementKind::Negotiation,
        AnnouncementKind::Consultation,
        AnnouncementKind::Quotation,
        AnnouncementKind::SingleSourcePublicity,
        AnnouncementKind::Correction,
        AnnouncementKind::Suspension,
        AnnouncementKind::Result,
        AnnouncementKind::Termination,
        AnnouncementKind::Contract,
        AnnouncementKind::Acceptance,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AnnouncementKind::Intention => "intention",
            AnnouncementKind::Tender => "tender",
            AnnouncementKind::Prequalification => "prequalification",
            AnnouncementKind::Negotiation => "negotiation",
            AnnouncementKind::Consultation => "consultation",
            AnnouncementKind::Quotation => "quotation",
            AnnouncementKind::SingleSourcePublicity => "single_source_publicity",
            AnnouncementKind::Correction => "correction",
            AnnouncementKind::Suspension => "suspension",
            AnnouncementKind::Result => "result",
            AnnouncementKind::Termination => "termination",
            AnnouncementKind::Contract => "contract",
            AnnouncementKind::Acceptance => "acceptance",
        }
    }

    pub fn parse(s: &str) -> Option<AnnouncementKind> {
        AnnouncementKind::ALL.into_iter().find(|k| k.key() == s)
    }

    /// The announcement a project of `method` opens with (单一来源: the negotiation invitation is
    /// sent to the supplier; the public sees the documents' notice as a 单一来源 notice).
    pub fn opening(method: Method) -> AnnouncementKind {
        match method {
            Method::OpenTender | Method::InvitedTender => AnnouncementKind::Tender,
            Method::CompetitiveNegotiation => AnnouncementKind::Negotiation,
            Method::CompetitiveConsultation => AnnouncementKind::Consultation,
            Method::RequestForQuotation => AnnouncementKind::Quotation,
            Method::SingleSource => AnnouncementKind::SingleSourcePublicity,
            Method::FrameworkAgreement | Method::Emall => AnnouncementKind::Tender,
        }
    }
}

/// Its name is in the catalogs under `label.announcement_kind.<key>`.
impl crate::Labelled for AnnouncementKind {
    fn label_key(&self) -> String {
        format!("label.announcement_kind.{}", self.key())
    }
}
