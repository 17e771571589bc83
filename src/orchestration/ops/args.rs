//! Reading the caller's positional arguments and the fields of their objects, each failure
//! naming the parameter (or `parameter.field`) as the docs name it.

use crate::core::error::Error;
use crate::core::json::Json;

/// Positional arguments of one call, named as the docs name them (for error messages).
pub struct Args<'a> {
    pub(super) values: &'a [Json],
    pub(super) names: &'static [&'static str],
}

impl<'a> Args<'a> {
    fn name(&self, i: usize) -> &'static str {
        self.names.get(i).copied().unwrap_or("argument")
    }

    pub(super) fn get(&self, i: usize) -> Option<&'a Json> {
        match self.values.get(i) {
            None | Some(Json::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A required non-empty string.
    pub(super) fn string(&self, i: usize) -> Result<String, Error> {
        match self.get(i) {
            Some(Json::Str(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(Json::Str(_)) => Err(Error::invalid(self.name(i), "must not be empty")),
            None => Err(Error::invalid(self.name(i), "is required")),
            Some(_) => Err(Error::invalid(self.name(i), "must be a string")),
        }
    }

    /// A required object.
    pub(super) fn object(&self, i: usize) -> Result<&'a [(String, Json)], Error> {
        match self.get(i) {
            Some(Json::Object(fields)) => Ok(fields),
            None => Err(Error::invalid(self.name(i), "is required")),
            Some(_) => Err(Error::invalid(self.name(i), "must be an object")),
        }
    }

    /// An optional object (absent → empty).
    pub(super) fn opt_object(&self, i: usize) -> Result<&'a [(String, Json)], Error> {
        match self.get(i) {
            None => Ok(&[]),
            Some(_) => self.object(i),
        }
    }
}

/// Field `name` of an object argument; an explicit `null` counts as absent (as in JS).
pub(super) fn field<'a>(fields: &'a [(String, Json)], name: &str) -> Option<&'a Json> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v, Json::Null))
}

/// A required non-empty string field, reported as `at.name`.
pub(super) fn req_str<'a>(
    fields: &'a [(String, Json)],
    at: &str,
    name: &str,
) -> Result<&'a str, Error> {
    match field(fields, name) {
        Some(Json::Str(s)) if !s.trim().is_empty() => Ok(s),
        Some(Json::Str(_)) => Err(Error::invalid(format!("{at}.{name}"), "must not be empty")),
        None => Err(Error::invalid(format!("{at}.{name}"), "is required")),
        Some(_) => Err(Error::invalid(format!("{at}.{name}"), "must be a string")),
    }
}

/// An optional string field: absent is fine, present must be a non-empty string.
pub(super) fn opt_str<'a>(
    fields: &'a [(String, Json)],
    at: &str,
    name: &str,
) -> Result<Option<&'a str>, Error> {
    match field(fields, name) {
        None => Ok(None),
        Some(_) => req_str(fields, at, name).map(Some),
    }
}

/// `value` is one of `allowed`; the error lists them so the caller sees the choices.
pub(super) fn one_of(at: String, value: &str, allowed: &[&str]) -> Result<(), Error> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
    Err(Error::invalid(
        at,
        format!("must be one of {}", list.join(", ")),
    ))
}

/// An optional string field limited to `allowed`.
pub(super) fn opt_enum(
    fields: &[(String, Json)],
    at: &str,
    name: &str,
    allowed: &[&str],
) -> Result<(), Error> {
    match opt_str(fields, at, name)? {
        Some(v) => one_of(format!("{at}.{name}"), v, allowed),
        None => Ok(()),
    }
}

/// `string | string[]` → a non-empty list of non-empty strings (the wire wants arrays).
pub(super) fn string_list(value: &Json, at: &str) -> Result<Vec<String>, Error> {
    let items: Vec<&Json> = match value {
        Json::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    if items.is_empty() {
        return Err(Error::invalid(at, "must not be an empty list"));
    }
    items
        .into_iter()
        .map(|v| match v {
            Json::Str(s) if !s.trim().is_empty() => Ok(s.clone()),
            _ => Err(Error::invalid(
                at,
                "must be a non-empty string or an array of them",
            )),
        })
        .collect()
}

/// The caller's object sent as given (unknown fields pass through to the server).
pub(super) fn object(fields: &[(String, Json)]) -> Json {
    Json::Object(fields.to_vec())
}

/// A body object from literal field names.
pub(super) fn obj(pairs: Vec<(&str, Json)>) -> Json {
    Json::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A 6-digit TOTP code.
pub(super) fn totp_code(a: &Args<'_>, i: usize) -> Result<String, Error> {
    let code = a.string(i)?;
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            a.name(i),
            "must be the 6-digit code from the authenticator app",
        ));
    }
    Ok(code)
}
