//! Awaiting the one JS promise every request makes, without wasm-bindgen's `JsFuture`: that
//! makes two closures per await (each registered with a `FinalizationRegistry`), which costs
//! more than the rest of the wasm side of a call. Here JS reports the outcome through one
//! callback made once, naming the pending call by a number not reused while it is pending.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use js_sys::Function;
use wasm_bindgen::prelude::*;

struct Slot {
    id: u32,
    outcome: Option<Result<JsValue, JsValue>>,
    waker: Option<Waker>,
}

// The calls in flight: few (one per concurrent request), so a list beats a map in code size.
struct Pending(Vec<Slot>);

impl Pending {
    fn get_mut(&mut self, id: u32) -> Option<&mut Slot> {
        self.0.iter_mut().find(|s| s.id == id)
    }

    fn remove(&mut self, id: u32) {
        if let Some(i) = self.0.iter().position(|s| s.id == id) {
            self.0.swap_remove(i);
        }
    }
}

thread_local! {
    static PENDING: RefCell<Pending> = const { RefCell::new(Pending(Vec::new())) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
    static SETTLE: Closure<dyn FnMut(u32, bool, JsValue)> = Closure::new(settle);
}

fn settle(id: u32, ok: bool, value: JsValue) {
    let waker = PENDING.with(|p| {
        // A call whose future was dropped (cancelled) is no longer waited for.
        let mut pending = p.borrow_mut();
        let slot = pending.get_mut(id)?;
        slot.outcome = Some(if ok { Ok(value) } else { Err(value) });
        slot.waker.take()
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// A pending JS outcome: pass [`Settled::id`] and [`settle_fn`] to the JS side, which calls
/// `settle(id, true, value)` or `settle(id, false, error)` exactly once.
pub struct Settled {
    id: u32,
}

impl Default for Settled {
    /// Registers a new pending outcome.
    fn default() -> Self {
        let id = NEXT.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        PENDING.with(|p| {
            p.borrow_mut().0.push(Slot {
                id,
                outcome: None,
                waker: None,
            })
        });
        Self { id }
    }
}

impl Settled {
    /// The number JS reports the outcome under.
    pub fn id(&self) -> u32 {
        self.id
    }
}

/// The callback JS reports outcomes through.
pub fn settle_fn() -> Function {
    SETTLE.with(|c| c.as_ref().clone().into())
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        PENDING.with(|p| {
            let mut pending = p.borrow_mut();
            let Some(slot) = pending.get_mut(self.id) else {
                return Poll::Ready(Err(JsValue::from_str("settled twice")));
            };
            match slot.outcome.take() {
                Some(outcome) => {
                    pending.remove(self.id);
                    Poll::Ready(outcome)
                }
                None => {
                    slot.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
    }
}

impl Drop for Settled {
    fn drop(&mut self) {
        PENDING.with(|p| p.borrow_mut().remove(self.id));
    }
}
