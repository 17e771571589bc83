//! One renewal at a time for a credential that many concurrent calls share (the Cards OAuth
//! token, an Orchestration session), kept as data: workerd cannot await one request's promise
//! from another, so callers that find a renewal running poll for its outcome instead of
//! awaiting it. The outcome of a failed renewal is handed to every caller that waited for it
//! (100 waiters, one round trip), and a credential the API refused is not asked again until a
//! backoff has passed.

use std::cell::{Cell, RefCell};
use std::future::Future;

use super::{Cancel, HttpSend};
use crate::core::error::Error;

/// How often a waiter looks at the outcome of the flight it waits for.
const POLL_MS: u64 = 20;

/// First pause after the API refuses a credential; doubles per refusal up to
/// [`MAX_BACKOFF_MS`], and a success resets it.
pub const FIRST_BACKOFF_MS: f64 = 1_000.0;
/// Longest pause between two renewals the API refused.
pub const MAX_BACKOFF_MS: f64 = 60_000.0;

/// The state of one shared renewal.
#[derive(Debug, Default)]
pub struct SingleFlight {
    // Flights started so far; each flight is known by its number.
    started: Cell<u64>,
    // The running flight and when it started.
    current: Cell<Option<(u64, f64)>>,
    failure: RefCell<Option<Failure>>,
}

#[derive(Debug)]
struct Failure {
    flight: u64,
    error: Error,
    // Until when new callers get `error` without a round trip (credential refusals only).
    refuse_until_ms: f64,
    backoff_ms: f64,
}

/// The right (and duty) to renew. Dropped without [`SingleFlight::finish`] (a future that
/// was dropped), it still frees the next caller.
#[derive(Debug)]
pub struct Flight<'a> {
    owner: &'a SingleFlight,
    number: u64,
}

/// A waiter's mark: the flight it waits for.
#[derive(Debug, Clone, Copy)]
pub struct Ticket(u64);

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        // A flight taken over as stale must not end its successor.
        if self.owner.current.get().map(|c| c.0) == Some(self.number) {
            self.owner.current.set(None);
        }
    }
}

impl SingleFlight {
    /// Runs `lead` when no renewal is running, else waits for the running one (polling, under
    /// the caller's `cancel`, for at most `stale_ms`). `lead` runs to its end whatever the
    /// caller's signal says: others wait on it, and a rotating credential spent without its
    /// answer kept is lost; the caller then gets its `AbortError`. `Ok(Some(v))`: this caller
    /// led and renewed; `Ok(None)`: it waited and the flight ended well (read the credential
    /// again); `Err`: the flight's error, shared by every waiter, or the caller's abort.
    /// `refused` says an error is the API refusing the credential (then [`Self::refused`]
    /// answers new callers for a backoff).
    pub async fn share<S: HttpSend, T>(
        &self,
        sender: &S,
        cancel: &Cancel,
        stale_ms: f64,
        lead: impl Future<Output = Result<T, Error>>,
        refused: impl FnOnce(&Error) -> bool,
    ) -> Result<Option<T>, Error> {
        let started = sender.now_ms();
        match self.turn(started, stale_ms) {
            Ok(flight) => {
                let outcome = lead.await;
                let refused = outcome.as_ref().err().is_some_and(refused);
                self.finish(
                    flight,
                    outcome.as_ref().map(|_| ()),
                    refused,
                    sender.now_ms(),
                );
                if cancel.is_aborted() {
                    return Err(Error::Aborted);
                }
                outcome.map(Some)
            }
            Err(ticket) => {
                while self.running(ticket) && sender.now_ms() - started < stale_ms {
                    sender.sleep(POLL_MS, cancel).await?;
                }
                self.failed_since(ticket).map_or(Ok(None), Err)
            }
        }
    }

    /// The error of a refused credential still inside its backoff at `now_ms`.
    pub fn refused(&self, now_ms: f64) -> Option<Error> {
        self.failure
            .borrow()
            .as_ref()
            .filter(|f| now_ms < f.refuse_until_ms)
            .map(|f| f.error.clone())
    }

    /// Leads a new flight, or gives the ticket to wait for the running one. A flight older
    /// than `stale_ms` (longer than a renewal can take: its request was lost with the
    /// request context that ran it) is taken over.
    fn turn(&self, now_ms: f64, stale_ms: f64) -> Result<Flight<'_>, Ticket> {
        match self.current.get() {
            Some((number, since)) if now_ms - since < stale_ms => Err(Ticket(number)),
            _ => {
                let number = self.started.get() + 1;
                self.started.set(number);
                self.current.set(Some((number, now_ms)));
                Ok(Flight {
                    owner: self,
                    number,
                })
            }
        }
    }

    /// Whether the flight a waiter waits for is still running.
    fn running(&self, ticket: Ticket) -> bool {
        self.current.get().map(|c| c.0) == Some(ticket.0)
    }

    /// The failure of the flight `ticket`'s holder waited for, or of a later one.
    fn failed_since(&self, ticket: Ticket) -> Option<Error> {
        self.failure
            .borrow()
            .as_ref()
            .filter(|f| f.flight >= ticket.0)
            .map(|f| f.error.clone())
    }

    /// Ends `flight` with its outcome: `Ok` clears any failure; an error is shared with the
    /// waiters, and when `refused` (the API rejected the credential itself, so asking again
    /// cannot help) new callers get it without a round trip for a doubling backoff.
    fn finish(&self, flight: Flight<'_>, outcome: Result<(), &Error>, refused: bool, now: f64) {
        let mut failure = self.failure.borrow_mut();
        match outcome {
            Ok(()) => *failure = None,
            Err(error) => {
                let backoff_ms = match failure.as_ref() {
                    Some(f) if refused && f.backoff_ms > 0.0 => {
                        (f.backoff_ms * 2.0).min(MAX_BACKOFF_MS)
                    }
                    _ if refused => FIRST_BACKOFF_MS,
                    _ => 0.0,
                };
                *failure = Some(Failure {
                    flight: flight.number,
                    error: error.clone(),
                    refuse_until_ms: now + backoff_ms,
                    backoff_ms,
                });
            }
        }
        drop(failure);
        drop(flight);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boom() -> Error {
        Error::Network {
            message: "down".into(),
        }
    }

    #[test]
    fn one_leader_and_waiters_see_its_failure() {
        let s = SingleFlight::default();
        let lead = s.turn(0.0, 1_000.0).ok();
        assert!(lead.is_some());
        let ticket = s.turn(1.0, 1_000.0).err();
        let Some(ticket) = ticket else {
            panic!("a second caller must wait")
        };
        assert!(s.running(ticket));
        assert!(s.failed_since(ticket).is_none());
        if let Some(flight) = lead {
            s.finish(flight, Err(&boom()), false, 2.0);
        }
        assert!(!s.running(ticket));
        assert_eq!(s.failed_since(ticket), Some(boom()));
        // A transient failure is not held against later callers.
        assert!(s.refused(3.0).is_none());
        let later = s.turn(3.0, 1_000.0);
        assert!(later.is_ok());
    }

    #[test]
    fn refusals_back_off_doubling_and_success_resets() {
        let s = SingleFlight::default();
        let refusal = Error::invalid("x", "refused");
        for (at, until) in [(0.0, 1_000.0), (2_000.0, 4_000.0), (5_000.0, 9_000.0)] {
            let flight = s.turn(at, 1e9).ok();
            assert!(flight.is_some());
            if let Some(f) = flight {
                s.finish(f, Err(&refusal), true, at);
            }
            assert!(s.refused(until - 1.0).is_some());
            assert!(s.refused(until).is_none());
        }
        if let Ok(f) = s.turn(10_000.0, 1e9) {
            s.finish(f, Ok(()), false, 10_000.0);
        }
        assert!(s.refused(10_000.0).is_none());
    }

    #[test]
    fn a_stale_or_dropped_flight_frees_the_next_caller() {
        let s = SingleFlight::default();
        let first = s.turn(0.0, 100.0);
        assert!(first.is_ok());
        assert!(s.turn(50.0, 100.0).is_err());
        let second = s.turn(150.0, 100.0);
        assert!(second.is_ok(), "stale: taken over");
        drop(first);
        assert!(
            s.turn(160.0, 100.0).is_err(),
            "the stale flight's end leaves its successor"
        );
        drop(second);
        let s = SingleFlight::default();
        drop(s.turn(0.0, 100.0));
        assert!(s.turn(1.0, 100.0).is_ok(), "dropped: freed");
    }
}
