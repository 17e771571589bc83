//! Retry policy shared by every client: which outcomes are retried and how long to wait.

/// Retry behaviour of one client.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so `max_retries + 1` attempts at most).
    pub max_retries: u32,
    /// HTTP statuses that may be retried (network errors always may).
    pub retry_statuses: &'static [u16],
    /// First backoff ceiling; doubles per attempt.
    pub base_delay_ms: u64,
    /// Upper bound for a computed backoff.
    pub max_delay_ms: u64,
    /// Upper bound for an honoured `Retry-After`.
    pub max_retry_after_ms: u64,
}

/// Statuses a generic API call may retry: timeouts, rate limits and gateway failures.
pub const DEFAULT_RETRY_STATUSES: &[u16] = &[408, 429, 502, 503, 504];

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            retry_statuses: DEFAULT_RETRY_STATUSES,
            base_delay_ms: 500,
            max_delay_ms: 8_000,
            max_retry_after_ms: 60_000,
        }
    }
}

/// What one attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP answer with this status.
    Status(u16),
    /// No answer: connection failure.
    NetworkError,
}

impl RetryPolicy {
    /// Whether attempt number `attempt` (0-based) that ended with `outcome` is retried.
    /// `repeatable` says the request is safe to send again (an idempotent method, or a
    /// key-carrying POST); anything else is sent once.
    pub fn should_retry(&self, attempt: u32, outcome: Outcome, repeatable: bool) -> bool {
        if !repeatable || attempt >= self.max_retries {
            return false;
        }
        match outcome {
            Outcome::NetworkError => true,
            Outcome::Status(s) => self.retry_statuses.contains(&s),
        }
    }

    /// Delay before the retry that follows attempt `attempt`: the server's `Retry-After`
    /// (capped) when given, else exponential backoff with full jitter, `jitter` being a
    /// uniformly random `u32`.
    pub fn delay_ms(&self, attempt: u32, retry_after_ms: Option<u64>, jitter: u32) -> u64 {
        if let Some(ms) = retry_after_ms {
            return ms.min(self.max_retry_after_ms);
        }
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64 << attempt.min(20))
            .min(self.max_delay_ms);
        ceiling * u64::from(jitter) / u64::from(u32::MAX)
    }
}

/// Reads a `Retry-After` value (delta seconds or an HTTP date) as milliseconds from `now_ms`.
pub fn parse_retry_after_ms(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            value
                .parse::<u64>()
                .map_or(u64::MAX, |s| s.saturating_mul(1000)),
        );
    }
    let at = crate::core::clock::parse_http_date_ms(value)?;
    Some((at as f64 - now_ms).max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_what_is_repeatable_and_transient() {
        let p = RetryPolicy::default();
        assert!(p.should_retry(0, Outcome::NetworkError, true));
        assert!(p.should_retry(1, Outcome::Status(503), true));
        assert!(
            !p.should_retry(2, Outcome::Status(503), true),
            "budget spent"
        );
        assert!(
            !p.should_retry(0, Outcome::Status(503), false),
            "not repeatable"
        );
        assert!(!p.should_retry(0, Outcome::Status(400), true));
        assert!(!p.should_retry(0, Outcome::Status(409), true));
        let envelope = RetryPolicy {
            retry_statuses: &[502, 503],
            ..p
        };
        assert!(!envelope.should_retry(0, Outcome::Status(429), true));
    }

    #[test]
    fn backoff_is_jittered_exponential_and_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(0, None, 0), 0);
        assert_eq!(p.delay_ms(0, None, u32::MAX), 500);
        assert_eq!(p.delay_ms(1, None, u32::MAX), 1000);
        assert_eq!(p.delay_ms(10, None, u32::MAX), 8000);
        assert!(p.delay_ms(1, None, u32::MAX / 2) <= 500);
        assert_eq!(p.delay_ms(0, Some(2_000), 0), 2_000);
        assert_eq!(p.delay_ms(0, Some(3_600_000), 0), 60_000);
    }

    #[test]
    fn parses_retry_after_forms() {
        assert_eq!(parse_retry_after_ms("2", 0.0), Some(2000));
        assert_eq!(parse_retry_after_ms("-1", 0.0), None);
        assert_eq!(
            parse_retry_after_ms("Thu, 01 Jan 1970 00:00:05 GMT", 1000.0),
            Some(4000)
        );
        assert_eq!(parse_retry_after_ms("soon", 0.0), None);
    }
}
