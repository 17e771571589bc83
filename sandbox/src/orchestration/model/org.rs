//! What an org is: its settings and its KYB state (the staged profile
//! and one verification row per provider), with the review stages and
//! hosted links that KYB and customer KYC share.

use serde_json::{json, Value};

use super::identity::Settings;
use crate::orchestration::ids;
use crate::orchestration::pricing::{Provider, PROVIDERS};
use crate::orchestration::time::{iso, ms};

/// An org (tenant).
#[derive(Debug, Clone)]
pub(crate) struct Org {
    /// UUID.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Creation time, ms.
    pub created_ms: i64,
    /// Last update, ms.
    pub updated_ms: i64,
    /// Review and quote timings.
    pub settings: Settings,
    /// KYB profile and verification rows.
    pub kyb: Kyb,
}

/// How long hosted verification links stay valid.
const LINK_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// A verification review stage (KYB and KYC share it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Nothing sent yet.
    NotStarted,
    /// Queued.
    Submitted,
    /// Being reviewed.
    UnderReview,
    /// Cleared.
    Approved,
    /// Refused.
    Rejected,
}

impl Stage {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Submitted => "submitted",
            Self::UnderReview => "under_review",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Whether the review reached a decision.
    pub(crate) fn is_final(self) -> bool {
        matches!(self, Self::Approved | Self::Rejected)
    }

    /// The stage at `now` of a review started at `started` that takes
    /// `delay_ms` and ends in rejection when `rejected`.
    pub(crate) fn at(started: Option<i64>, rejected: bool, delay_ms: u64, now: i64) -> Self {
        let Some(started) = started else {
            return Self::NotStarted;
        };
        let delay = ms(delay_ms);
        let elapsed = now.saturating_sub(started);
        if elapsed >= delay {
            if rejected {
                Self::Rejected
            } else {
                Self::Approved
            }
        } else if elapsed >= delay / 2 {
            Self::UnderReview
        } else {
            Self::Submitted
        }
    }
}

/// A hosted verification link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// Where to send the user.
    pub url: String,
    /// Expiry, ms.
    pub expires_ms: i64,
}

impl Link {
    /// A fresh link of `kind` (`kyb` or `kyc`).
    pub(crate) fn fresh(kind: &str, now: i64) -> Self {
        Self {
            url: format!(
                "https://verify.sandbox.seismic.systems/{kind}/{}",
                ids::prefixed::<16>("")
            ),
            expires_ms: now.saturating_add(LINK_TTL_MS),
        }
    }

    /// `{url, expires_at}`.
    pub(crate) fn to_json(&self) -> Value {
        json!({ "url": self.url, "expires_at": iso(self.expires_ms) })
    }
}

/// One KYB verification row (`org_provider_state`).
#[derive(Debug, Clone)]
pub(crate) struct KybRow {
    /// The provider.
    pub provider: &'static Provider,
    /// When the current submission started.
    pub submitted_ms: Option<i64>,
    /// Whether this submission ends in rejection.
    pub rejected: bool,
    /// Opaque id of the org at the provider, after the first submit.
    pub provider_customer_id: Option<String>,
    /// Hosted link, for hosted providers.
    pub link: Option<Link>,
    /// Last reconciliation, ms.
    pub last_synced_ms: i64,
}

/// An org's KYB state.
#[derive(Debug, Clone)]
pub(crate) struct Kyb {
    /// The staged profile.
    pub profile: Option<Value>,
    /// One row per provider.
    pub rows: Vec<KybRow>,
}

impl Kyb {
    /// No profile, nothing submitted.
    pub(crate) fn unverified(now: i64) -> Self {
        let rows = PROVIDERS
            .iter()
            .map(|provider| KybRow {
                provider,
                submitted_ms: None,
                rejected: false,
                provider_customer_id: None,
                link: None,
                last_synced_ms: now,
            })
            .collect();
        Self {
            profile: None,
            rows,
        }
    }
}

impl KybRow {
    /// The row's stage.
    pub(crate) fn stage(&self, delay_ms: u64, now: i64) -> Stage {
        Stage::at(self.submitted_ms, self.rejected, delay_ms, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_advance_with_time() {
        assert_eq!(Stage::at(None, false, 1000, 5), Stage::NotStarted);
        assert_eq!(Stage::at(Some(0), false, 1000, 499), Stage::Submitted);
        assert_eq!(Stage::at(Some(0), false, 1000, 500), Stage::UnderReview);
        assert_eq!(Stage::at(Some(0), false, 1000, 1000), Stage::Approved);
        assert_eq!(Stage::at(Some(0), true, 1000, 1000), Stage::Rejected);
        assert_eq!(Stage::at(Some(7), false, 0, 7), Stage::Approved);
        assert!(Stage::Rejected.is_final() && !Stage::UnderReview.is_final());
    }
}
