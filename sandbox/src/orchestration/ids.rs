//! Identifiers: UUIDs for our rows, prefixed random ids for opaque ones
//! (`rt_…`, `mfa_…`, `q_…`, `pc_…`).

use crate::common::random;
// Every API's UUIDs come from one generator; Orchestration code reaches it
// here next to its other ids.
pub(crate) use crate::common::random::uuid;

/// `prefix` followed by `2 * N` random hex digits.
pub(crate) fn prefixed<const N: usize>(prefix: &str) -> String {
    random::id::<N>(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let id = uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        let rt = prefixed::<16>("rt_");
        assert!(rt.starts_with("rt_") && rt.len() == 35);
    }
}
