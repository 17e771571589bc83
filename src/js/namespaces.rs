//! A client's namespaces as plain frozen JS objects built from its endpoint rows: every
//! method one bound function of a single dispatch closure, so adding a row adds the method
//! (no wasm export per method, no eval: workerd and CSP pages forbid it).

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The dispatch of one client: `(method name, up to three arguments) → Promise`.
pub type Dispatch = dyn Fn(JsValue, JsValue, JsValue, JsValue) -> JsValue;

/// The namespaces of one client: the root object holding them (and any top-level methods)
/// and the closure their functions call, kept for the client's lifetime.
pub struct Namespaces {
    root: Object,
    _dispatch: Closure<Dispatch>,
}

impl Namespaces {
    /// Builds an object with a function at every dotted `name`, each calling `dispatch`
    /// with that name first, then freezes every namespace object.
    pub fn new(names: impl Iterator<Item = &'static str>, dispatch: Box<Dispatch>) -> Self {
        let dispatch = Closure::wrap(dispatch);
        let function: &Function = dispatch.as_ref().unchecked_ref();
        let root = Object::new();
        for name in names {
            let (path, method) = name.rsplit_once('.').unwrap_or(("", name));
            let mut target = root.clone();
            for part in path.split('.').filter(|p| !p.is_empty()) {
                target = child(&target, part);
            }
            let bound = function.bind1(&JsValue::NULL, &JsValue::from_str(name));
            let _ = Reflect::set(&target, &JsValue::from_str(method), &bound);
        }
        freeze_children(&root);
        Self {
            root,
            _dispatch: dispatch,
        }
    }

    /// `root[name]`: a namespace object, or a top-level method.
    pub fn get(&self, name: &str) -> JsValue {
        Reflect::get(&self.root, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }
}

fn child(parent: &Object, name: &str) -> Object {
    let key = JsValue::from_str(name);
    match Reflect::get(parent, &key)
        .ok()
        .and_then(|v| v.dyn_into::<Object>().ok())
    {
        Some(existing) if !existing.is_undefined() => existing,
        _ => {
            let made = Object::new();
            let _ = Reflect::set(parent, &key, &made);
            made
        }
    }
}

fn freeze_children(obj: &Object) {
    for value in Object::values(obj).iter() {
        if let Some(o) = value.dyn_ref::<Object>().filter(|_| !value.is_function()) {
            freeze_children(o);
            Object::freeze(o);
        }
    }
}
