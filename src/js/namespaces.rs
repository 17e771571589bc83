//! A client's namespaces as plain frozen JS objects built from its endpoint rows: every
//! method one bound function of a single dispatch closure, so adding a row adds the method
//! (no wasm export per method, no eval: workerd and CSP pages forbid it).

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The closure every namespace function of a client calls: the method's index among the
/// names, then up to three arguments.
type Dispatch = dyn Fn(JsValue, JsValue, JsValue, JsValue) -> JsValue;

/// The namespace objects of one client, by dotted path (`""` holds the methods without a
/// namespace), tracked here so nothing is read back from JS.
pub struct Namespaces {
    objects: Vec<(&'static str, Object)>,
}

impl Namespaces {
    /// Puts a function at every dotted name of `names`, each calling `dispatch` with that
    /// name and its arguments, then freezes every namespace object.
    pub fn new(
        names: Vec<&'static str>,
        dispatch: impl Fn(&'static str, [JsValue; 3]) -> JsValue + 'static,
    ) -> Self {
        let bound_names = names.clone();
        let closure = Closure::<Dispatch>::new(move |i: JsValue, a, b, c| {
            let name = i
                .as_f64()
                .and_then(|i| bound_names.get(i as usize))
                .copied();
            dispatch(name.unwrap_or(""), [a, b, c])
        });
        // Owned by the JS function from here on: the bound functions keep it alive as long
        // as any namespace is reachable, even after the client (`const { quotes } = client`),
        // and the GC frees it with them.
        let function: Function = closure.into_js_value().unchecked_into();
        let mut made = Self {
            objects: vec![("", Object::new())],
        };
        for (i, name) in names.iter().enumerate() {
            let (path, method) = name.rsplit_once('.').unwrap_or(("", name));
            let target = made.object(path);
            let bound = function.bind1(&JsValue::NULL, &(i as u32).into());
            let _ = Reflect::set(&target, &JsValue::from_str(method), &bound);
        }
        for (path, obj) in &made.objects {
            if !path.is_empty() {
                Object::freeze(obj);
            }
        }
        made
    }

    /// The namespace object at `path`, or (for a name without a dot) the top-level method.
    pub fn get(&self, path: &str) -> JsValue {
        match self.objects.iter().find(|(p, _)| *p == path) {
            Some((_, obj)) => obj.clone().into(),
            None => Reflect::get(&self.objects[0].1, &JsValue::from_str(path))
                .unwrap_or(JsValue::UNDEFINED),
        }
    }

    /// The object at dotted `path`, made (and set on its parent) on first use.
    fn object(&mut self, path: &'static str) -> Object {
        if let Some((_, obj)) = self.objects.iter().find(|(p, _)| *p == path) {
            return obj.clone();
        }
        let (parent, name) = path.rsplit_once('.').unwrap_or(("", path));
        let parent = self.object(parent);
        let obj = Object::new();
        let _ = Reflect::set(&parent, &JsValue::from_str(name), &obj);
        self.objects.push((path, obj.clone()));
        obj
    }
}
