//! `listAll`: every item of a paginated list method, page after page, as an async iterator.
//! Pages are fetched lazily, one at a time, so a `for await` loop that stops early fetches no
//! more. When the last page is reached is the API's rule: stored value says how many pages
//! there are (`pagination.pages`), Cards how many items (`total`, with pages of `limit`).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect, Symbol};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// How an API's page says what it holds and whether more follow.
#[derive(Clone, Copy)]
pub enum Shape {
    /// Stored value: `{ data, pagination: { pages } }`.
    StoredValue,
    /// Cards: `{ total, list }`, pages of `limit` items (50 by default).
    Cards,
}

/// The list method a `listAll` pages through: `(params, options) → Promise of a page`.
pub type List = Box<dyn Fn(JsValue, JsValue) -> JsValue>;

struct State {
    list: List,
    params: JsValue,
    options: JsValue,
    shape: Shape,
    size: f64,
    /// The caller's `page` as given (the list method judges it), then the next number.
    next_page: JsValue,
    buffered: VecDeque<JsValue>,
    finished: bool,
}

fn field(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn step(value: JsValue, done: bool) -> JsValue {
    let out = Object::new();
    let _ = Reflect::set(&out, &"value".into(), &value);
    let _ = Reflect::set(&out, &"done".into(), &done.into());
    out.into()
}

/// The next `{ value, done }`, fetching the next page when the buffered ones are used up.
async fn next(state: Rc<RefCell<State>>) -> Result<JsValue, JsValue> {
    loop {
        let (call, page) = {
            let mut s = state.borrow_mut();
            if let Some(item) = s.buffered.pop_front() {
                return Ok(step(item, false));
            }
            if s.finished {
                return Ok(step(JsValue::UNDEFINED, true));
            }
            // `{ ...params, page }`: the caller's object is never changed.
            let params = Object::assign(&Object::new(), &Object::from(s.params.clone()));
            let _ = Reflect::set(&params, &"page".into(), &s.next_page);
            let call = (s.list)(params.into(), s.options.clone());
            (call, s.next_page.as_f64().unwrap_or(f64::INFINITY))
        };
        let res = JsFuture::from(Promise::resolve(&call)).await?;
        let mut s = state.borrow_mut();
        let (items, last) = match s.shape {
            Shape::StoredValue => {
                let pages = field(&field(&res, "pagination"), "pages").as_f64();
                (field(&res, "data"), pages.is_none_or(|p| page >= p))
            }
            Shape::Cards => {
                let total = field(&res, "total").as_f64();
                (
                    field(&res, "list"),
                    total.is_none_or(|t| page * s.size >= t),
                )
            }
        };
        let items: Array = items.dyn_into().unwrap_or_default();
        s.finished = last || items.length() == 0;
        s.buffered.extend(items.iter());
        s.next_page = (page + 1.0).into();
    }
}

/// An async iterable over every item `list(params with page)` answers, from `params.page`
/// (default 1) on.
pub fn iterate(list: List, params: JsValue, options: JsValue, shape: Shape) -> JsValue {
    let number = |name, default| field(&params, name).as_f64().unwrap_or(default);
    let state = Rc::new(RefCell::new(State {
        list,
        next_page: Some(field(&params, "page"))
            .filter(|p| !p.is_undefined() && !p.is_null())
            .unwrap_or_else(|| 1.into()),
        size: number("limit", 50.0),
        params: if params.is_object() {
            params
        } else {
            Object::new().into()
        },
        options,
        shape,
        buffered: VecDeque::new(),
        finished: false,
    }));
    let iterator = Object::new();
    let next_fn =
        Closure::<dyn Fn() -> Promise>::new(move || future_to_promise(next(state.clone())));
    let _ = Reflect::set(&iterator, &"next".into(), &next_fn.into_js_value());
    // `for await` asks the iterable for its iterator: itself. `Object.prototype.valueOf`
    // returns its `this`, and unlike a closure holding the object it makes no cycle through
    // wasm that the GC cannot see.
    let object_proto = Object::get_prototype_of(&Object::new());
    let _ = Reflect::set(
        &iterator,
        &Symbol::async_iterator(),
        &field(&object_proto, "valueOf"),
    );
    iterator.into()
}
