//! 投标保密: what the trail records about who takes part in a procurement, and when a reader may
//! see it. Until a lot's bid deadline nobody may learn which suppliers obtained its documents,
//! bid or withdrew, nor how many (87号令, check: 采购人、采购代理机构不得向他人透露已获取招标文件的
//! 潜在投标人的名称、数量); who asked a question is never shown (answers are published as
//! clarifications without naming the asker). The audit trail keeps every entry, since it is the
//! evidence; these rules decide only what a reader is shown.

/// How long an audit entry's participant stays secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrecy {
    /// Anyone allowed to read the trail sees it.
    Public,
    /// Withheld entirely from every reader but its actor until the project's bid deadline has
    /// passed (its existence would tell the number of participants).
    UntilDeadline,
    /// Shown, but never with its actor (the asker of a question).
    ActorAlways,
}

/// The secrecy of an audit action.
pub fn audit_secrecy(action: &str) -> Secrecy {
    match action {
        "documents.obtained" | "bid.submitted" | "bid.withdrawn" => Secrecy::UntilDeadline,
        "question.asked" => Secrecy::ActorAlways,
        _ => Secrecy::Public,
    }
}

/// What a reader who is not the entry's actor is shown, at `now_ms`, of an entry with this
/// secrecy about a project whose bid deadline is `deadline_ms` (`None`: not yet set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Whole,
    WithoutActor,
    Nothing,
}

pub fn shown(secrecy: Secrecy, deadline_ms: Option<i64>, now_ms: i64) -> Shown {
    match secrecy {
        Secrecy::Public => Shown::Whole,
        Secrecy::ActorAlways => Shown::WithoutActor,
        Secrecy::UntilDeadline if deadline_ms.is_some_and(|d| now_ms >= d) => Shown::Whole,
        Secrecy::UntilDeadline => Shown::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_are_secret_until_the_deadline_and_askers_always() {
        let deadline = 1_000_000;
        let s = audit_secrecy("bid.submitted");
        assert_eq!(shown(s, Some(deadline), deadline - 1), Shown::Nothing, "one millisecond before");
        assert_eq!(shown(s, Some(deadline), deadline), Shown::Whole, "at the deadline");
        assert_eq!(shown(s, None, deadline), Shown::Nothing, "no deadline yet");
        assert_eq!(audit_secrecy("documents.obtained"), Secrecy::UntilDeadline);
        assert_eq!(audit_secrecy("bid.withdrawn"), Secrecy::UntilDeadline);
        let q = audit_secrecy("question.asked");
        assert_eq!(shown(q, Some(deadline), deadline * 10), Shown::WithoutActor, "long after the deadline too");
        assert_eq!(shown(audit_secrecy("project.published"), None, 0), Shown::Whole);
    }
}

/// 唱标: the prices of a lot are read out together. While any valid bid is still sealed in the
/// decryption window, nobody is shown any opened price — a bidder still holding its key must not
/// see its rivals' prices and then let its own bid lapse (Art. 31 revocation) to its advantage.
/// Prices are shown once every valid bid is opened (or otherwise settled) or the window closed.
pub fn prices_shown(still_sealed: usize, decrypt_until_ms: i64, now_ms: i64) -> bool {
    still_sealed == 0 || now_ms >= decrypt_until_ms
}

#[cfg(test)]
mod price_tests {
    use super::prices_shown;

    #[test]
    fn prices_wait_for_the_last_bid_or_the_end_of_the_window() {
        let until = 5_000;
        assert!(!prices_shown(1, until, until - 1), "one bid still sealed, window open");
        assert!(prices_shown(1, until, until), "the window closed");
        assert!(prices_shown(0, until, 0), "every bid opened");
    }
}
