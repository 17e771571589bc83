//! The walker's primitives: typed field checks over a profile document
//! that collect the dotted paths of missing required fields and the first
//! field with a wrong type or value.

use serde_json::{Map, Value};

use crate::common::text::is_digits;

/// A format check and the problem reported when it fails.
pub(super) type Check = (fn(&str) -> bool, &'static str);

/// Walks a profile, collecting missing paths and the first invalid one.
#[derive(Debug, Default)]
pub(super) struct Checker {
    /// Dotted paths of required fields that are absent or empty, in walk
    /// order.
    pub(super) missing: Vec<String>,
    /// `"path: problem"` of the first field with a wrong type or value.
    pub(super) invalid: Option<String>,
}

/// `parent.name` (or `name` at the root).
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// Whether `text` is `YYYY-MM-DD` with a plausible month and day.
pub(super) fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let numeric = |part: &str, len: usize| is_digits(part, len..=len);
    numeric(year, 4)
        && numeric(month, 2)
        && numeric(day, 2)
        && month.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && day.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Whether `text` is an ISO-3166 alpha-2 code (any case).
pub(super) fn is_country(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic())
}

impl Checker {
    /// Records `path` as invalid unless an earlier field already was (the
    /// 400 names the first problem only).
    pub(super) fn bad(&mut self, path: &str, problem: &str) {
        if self.invalid.is_none() {
            self.invalid = Some(format!("{path}: {problem}"));
        }
    }

    /// A sub-object; absent means "every leaf missing" (an empty map).
    pub(super) fn section(
        &mut self,
        parent: &Map<String, Value>,
        name: &str,
        path: &str,
    ) -> Map<String, Value> {
        match parent.get(name) {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => map.clone(),
            Some(_) => {
                self.bad(path, "expected an object");
                Map::new()
            }
        }
    }

    /// A string field, optionally required and checked by `valid`.
    pub(super) fn string(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        required: bool,
        valid: Option<Check>,
    ) -> Option<String> {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing.push(path);
                }
                None
            }
            Some(Value::String(text)) if text.trim().is_empty() => {
                if required {
                    self.missing.push(path);
                }
                None
            }
            Some(Value::String(text)) => {
                if let Some((check, problem)) = valid {
                    if !check(text) {
                        self.bad(&path, problem);
                    }
                }
                Some(text.clone())
            }
            Some(_) => {
                self.bad(&path, "expected a string");
                None
            }
        }
    }

    /// A string restricted to `allowed`.
    pub(super) fn choice(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        allowed: &[&str],
    ) -> Option<String> {
        let value = self.string(map, name, parent, true, None)?;
        if !allowed.contains(&value.as_str()) {
            self.bad(
                &join(parent, name),
                &format!("must be one of {}", allowed.join(", ")),
            );
        }
        Some(value)
    }

    /// A number within `min..=max` (integral when `integer`).
    pub(super) fn number(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        required: bool,
        max: f64,
        integer: bool,
    ) {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing.push(path);
                }
            }
            Some(Value::Number(number)) => {
                let ok = match (integer, number.as_u64(), number.as_f64()) {
                    (true, Some(value), _) => value as f64 <= max,
                    (true, None, _) => false,
                    (false, _, Some(value)) => (0.0..=max).contains(&value),
                    (false, _, None) => false,
                };
                if !ok {
                    let kind = if integer {
                        "a non-negative integer"
                    } else {
                        "a number"
                    };
                    self.bad(&path, &format!("must be {kind} up to {max}"));
                }
            }
            Some(_) => self.bad(&path, "expected a number"),
        }
    }

    /// A boolean.
    pub(super) fn boolean(&mut self, map: &Map<String, Value>, name: &str, parent: &str) {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => self.missing.push(path),
            Some(Value::Bool(_)) => {}
            Some(_) => self.bad(&path, "expected a boolean"),
        }
    }

    /// A non-empty array of strings, each checked by `valid`.
    pub(super) fn strings(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        valid: fn(&str) -> bool,
        problem: &str,
    ) {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => self.missing.push(path),
            Some(Value::Array(items)) if items.is_empty() => self.missing.push(path),
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    if !item.as_str().is_some_and(valid) {
                        self.bad(&format!("{path}[{index}]"), problem);
                    }
                }
            }
            Some(_) => self.bad(&path, "expected an array"),
        }
    }

    /// An `Address`.
    pub(super) fn address(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        required: bool,
    ) {
        let path = join(parent, name);
        if !required && matches!(map.get(name), None | Some(Value::Null)) {
            return;
        }
        let address = self.section(map, name, &path);
        self.string(&address, "line1", &path, true, None);
        self.string(&address, "line2", &path, false, None);
        self.string(&address, "city", &path, true, None);
        self.string(&address, "postal_code", &path, true, None);
        let country = self.string(
            &address,
            "country",
            &path,
            true,
            Some((is_country, "must be an ISO-3166 alpha-2 code")),
        );
        let needs_state =
            country.is_some_and(|c| c.eq_ignore_ascii_case("US") || c.eq_ignore_ascii_case("CA"));
        self.string(&address, "state", &path, needs_state, None);
    }
}
