//! 采购人确认: a purchasing unit may require that it confirms a project's procurement documents
//! before they are published (the unit's setting). A confirmation is of the documents as they
//! stood, by their digest: a later edit needs a new one; a return (退回修改) with its reason
//! sends the documents back to the runner.

use serde::{Deserialize, Serialize};

use crate::ids::OrgId;

crate::state::state_enum! {
    /// 确认结果: what a unit decided on the documents it was shown.
    pub enum Decision ("confirmation") {
        /// 已确认
        Confirmed = "confirmed",
        /// 已退回修改
        Returned = "returned",
    }
}

/// One unit's latest decision, on the documents with `digest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Given {
    pub unit: OrgId,
    pub digest: String,
    pub decision: Decision,
}

/// Where one unit that must confirm stands on the current documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not yet asked or not yet decided on these documents (a decision on an earlier version
    /// counts as none).
    Waiting,
    Confirmed,
    Returned,
}

/// Each unit that requires confirmation, with where it stands on the documents of `current`.
pub fn standing(required: &[OrgId], given: &[Given], current: &str) -> Vec<(OrgId, Standing)> {
    required
        .iter()
        .map(|u| {
            let s = match given.iter().find(|g| g.unit == *u && g.digest == current).map(|g| g.decision) {
                Some(Decision::Confirmed) => Standing::Confirmed,
                Some(Decision::Returned) => Standing::Returned,
                None => Standing::Waiting,
            };
            (*u, s)
        })
        .collect()
}

/// The units whose confirmation of the current documents publishing still lacks.
pub fn outstanding(required: &[OrgId], given: &[Given], current: &str) -> Vec<OrgId> {
    standing(required, given, current).into_iter().filter(|(_, s)| *s != Standing::Confirmed).map(|(u, _)| u).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(n: u128) -> OrgId {
        OrgId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn only_a_confirmation_of_the_current_documents_counts() {
        let (a, b) = (unit(1), unit(2));
        let given = |digest: &str, decision| Given { unit: a, digest: digest.into(), decision };
        assert_eq!(outstanding(&[a], &[], "v1"), vec![a], "not yet decided");
        assert_eq!(outstanding(&[a], &[given("v1", Decision::Confirmed)], "v1"), Vec::<OrgId>::new());
        assert_eq!(outstanding(&[a], &[given("v1", Decision::Confirmed)], "v2"), vec![a], "edited after the confirmation");
        assert_eq!(outstanding(&[a], &[given("v2", Decision::Returned)], "v2"), vec![a], "returned");
        assert_eq!(standing(&[a], &[given("v2", Decision::Returned)], "v2"), vec![(a, Standing::Returned)]);
        assert_eq!(outstanding(&[], &[], "v1"), Vec::<OrgId>::new(), "no unit requires it: nothing to wait for");
        assert_eq!(outstanding(&[a, b], &[given("v1", Decision::Confirmed)], "v1"), vec![b], "each unit confirms for itself");
    }
}
