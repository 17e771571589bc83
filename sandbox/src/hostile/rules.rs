//! The rules of a hostile server: which requests they take (method, path,
//! count) and how they answer (status, headers, a streamed body, delays),
//! or whether they only delay the request on its way to the real sandbox.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, CONTENT_LENGTH, CONTENT_TYPE,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::body::{stream, Content};
use super::record::Record;
use crate::common::lock;

/// Largest `bodyBytes`: big enough to overflow any client-side limit the
/// SDK sets, small enough to stream in seconds on loopback.
const MAX_BODY_BYTES: u64 = 512 * 1024 * 1024;
/// Longest `delayMs` (the same bound as the APIs' injected faults).
const MAX_DELAY_MS: u64 = 60_000;
/// Longest `chunkDelayMs`.
const MAX_CHUNK_DELAY_MS: u64 = 10_000;
/// Most rules per server; the first match wins, so more are never needed
/// and the scan per request stays short.
const MAX_RULES: usize = 256;
/// Fields a rule may have: anything else is a typo the test author wants
/// to hear about rather than a rule that silently never does what it says.
const FIELDS: [&str; 11] = [
    "method",
    "path",
    "count",
    "status",
    "headers",
    "body",
    "bodyBytes",
    "contentLength",
    "delayMs",
    "chunkDelayMs",
    "pass",
];

/// The ordered rules of one server and how often each has matched.
#[derive(Debug)]
pub(super) struct Rules {
    /// The rules as given.
    rules: Vec<Rule>,
    /// Requests taken by each rule so far (same indices as `rules`).
    used: Mutex<Vec<u64>>,
}

impl Rules {
    /// Validates the `rules` field of a create request (absent = none).
    pub(super) fn parse(value: Option<&Value>) -> Result<Self, String> {
        let rules = match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) if items.len() <= MAX_RULES => items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    parse_rule(item).map_err(|error| format!("rules[{index}]: {error}"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(format!(
                    "rules must be an array of at most {MAX_RULES} rule objects"
                ))
            }
        };
        let used = Mutex::new(vec![0; rules.len()]);
        Ok(Self { rules, used })
    }

    /// The first rule that takes this request, counting it against the
    /// rule's `count`. CORS preflights are left to the real sandbox unless
    /// a rule names `OPTIONS` explicitly, so a catch-all rule does not
    /// break browser tests before their real request is even sent.
    pub(super) fn take(
        &self,
        method: &Method,
        path: &str,
        preflight: bool,
    ) -> Option<(usize, &Rule)> {
        // One lock for the whole scan: two concurrent requests must not
        // both get the last use of a rule.
        let mut used = lock(&self.used);
        for (index, rule) in self.rules.iter().enumerate() {
            let method_ok = match &rule.method {
                Some(wanted) => wanted == method,
                None => !preflight,
            };
            let Some(uses) = used.get_mut(index) else {
                continue;
            };
            let left = rule.count.is_none_or(|count| *uses < count);
            if method_ok && left && rule.path.matches(path) {
                *uses += 1;
                return Some((index, rule));
            }
        }
        None
    }
}

/// One rule.
#[derive(Debug)]
pub(super) struct Rule {
    /// Method to match (`None`: any).
    method: Option<Method>,
    /// Path to match.
    path: PathPattern,
    /// How many requests the rule takes (`None`: unlimited).
    count: Option<u64>,
    /// Status of the answer.
    status: StatusCode,
    /// Extra answer headers; they replace the defaults of the same name.
    headers: HeaderMap,
    /// The answer body.
    content: Content,
    /// Whether to announce the body's length (else it is sent chunked).
    content_length: bool,
    /// Wait before the answer head (or before forwarding, with `pass`).
    pub(super) delay: Duration,
    /// Wait between two body chunks.
    chunk_delay: Duration,
    /// Forward to the real sandbox after `delay` instead of answering.
    pub(super) pass: bool,
}

impl Rule {
    /// The rule's answer, its body streamed chunk by chunk and accounted
    /// for in `record` under `index`.
    pub(super) fn answer(&self, index: usize, record: &Record) -> Response {
        let total = self.content.len();
        let progress = record.response(index, total);
        let mut response = Response::new(stream(self.content.clone(), self.chunk_delay, progress));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        // The sandbox answers JSON everywhere, and browsers must be able
        // to read a rule's answer like any other sandbox answer.
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("*"));
        if self.content_length {
            // The stream's size is unknown to hyper, which then trusts
            // this header instead of switching to chunked encoding.
            headers.insert(CONTENT_LENGTH, HeaderValue::from(total));
        }
        for name in self.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &self.headers {
            headers.append(name, value.clone());
        }
        response
    }
}

/// Which request paths a rule takes.
#[derive(Debug)]
enum PathPattern {
    /// Exactly this path.
    Exact(String),
    /// Every path starting with this (the rule's path minus its `*`).
    Prefix(String),
}

impl PathPattern {
    /// Whether `path` (without query) is taken.
    fn matches(&self, path: &str) -> bool {
        match self {
            Self::Exact(exact) => path == exact,
            Self::Prefix(prefix) => path.starts_with(prefix.as_str()),
        }
    }
}

/// The value of an optional field (`null` counts as absent, as JSON
/// writers often emit it for unset options).
fn field<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    fields.get(name).filter(|value| !value.is_null())
}

/// An optional integer field within `0..=max`.
fn bounded(fields: &Map<String, Value>, name: &str, max: u64) -> Result<Option<u64>, String> {
    field(fields, name)
        .map(|value| {
            value
                .as_u64()
                .filter(|number| *number <= max)
                .ok_or_else(|| format!("{name} must be an integer from 0 to {max}"))
        })
        .transpose()
}

/// An optional boolean field.
fn flag(fields: &Map<String, Value>, name: &str, default: bool) -> Result<bool, String> {
    field(fields, name).map_or(Ok(default), |value| {
        value
            .as_bool()
            .ok_or_else(|| format!("{name} must be a boolean"))
    })
}

/// Validates one rule object.
fn parse_rule(value: &Value) -> Result<Rule, String> {
    let fields = value.as_object().ok_or("must be an object")?;
    if let Some(unknown) = fields.keys().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(format!("unknown field {unknown:?}"));
    }
    let method = field(fields, "method")
        .map(|value| {
            value
                .as_str()
                .and_then(|text| Method::from_bytes(text.to_ascii_uppercase().as_bytes()).ok())
                .ok_or("method must be an HTTP method name")
        })
        .transpose()?;
    let path = field(fields, "path")
        .and_then(Value::as_str)
        .filter(|path| path.starts_with('/'))
        .ok_or("path must start with / (end it with * to match a prefix)")?;
    let path = match path.strip_suffix('*') {
        Some(prefix) => PathPattern::Prefix(prefix.to_owned()),
        None => PathPattern::Exact(path.to_owned()),
    };
    let count = field(fields, "count")
        .map(|value| {
            value
                .as_u64()
                .filter(|count| *count >= 1)
                .ok_or("count must be a positive integer")
        })
        .transpose()?;
    let status = match field(fields, "status") {
        None => StatusCode::OK,
        Some(value) => value
            .as_u64()
            .and_then(|code| u16::try_from(code).ok())
            .filter(|code| *code >= 200)
            .and_then(|code| StatusCode::from_u16(code).ok())
            .ok_or("status must be an HTTP status from 200 to 999")?,
    };
    let headers = parse_headers(field(fields, "headers"))?;
    let content = match (
        field(fields, "body"),
        bounded(fields, "bodyBytes", MAX_BODY_BYTES)?,
    ) {
        (Some(_), Some(_)) => return Err("give body or bodyBytes, not both".into()),
        (None, Some(total)) => Content::Filler(total),
        (None, None) => Content::Text(Bytes::new()),
        (Some(body), None) => Content::Text(Bytes::from(
            body.as_str().ok_or("body must be a string")?.to_owned(),
        )),
    };
    Ok(Rule {
        method,
        path,
        count,
        status,
        headers,
        content,
        content_length: flag(fields, "contentLength", true)?,
        delay: Duration::from_millis(bounded(fields, "delayMs", MAX_DELAY_MS)?.unwrap_or(0)),
        chunk_delay: Duration::from_millis(
            bounded(fields, "chunkDelayMs", MAX_CHUNK_DELAY_MS)?.unwrap_or(0),
        ),
        pass: flag(fields, "pass", false)?,
    })
}

/// Validates a rule's `headers` object (name → string value).
fn parse_headers(value: Option<&Value>) -> Result<HeaderMap, String> {
    let mut headers = HeaderMap::new();
    let Some(value) = value else {
        return Ok(headers);
    };
    let object = value
        .as_object()
        .ok_or("headers must be an object of name → string value")?;
    for (name, value) in object {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("headers: {name:?} is not a valid header name"))?;
        let value = value
            .as_str()
            .and_then(|text| HeaderValue::from_str(text).ok())
            .ok_or_else(|| format!("headers.{name} must be a valid header value string"))?;
        headers.append(header, value);
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn first_live_match_wins() {
        let rules = Rules::parse(Some(&json!([
            { "method": "post", "path": "/a", "count": 1, "status": 503 },
            { "path": "/a*" },
            { "method": "OPTIONS", "path": "/" },
        ])))
        .unwrap_or_else(|error| panic!("{error}"));
        let take = |method: &Method, path: &str, preflight| {
            rules.take(method, path, preflight).map(|(index, _)| index)
        };
        assert_eq!(take(&Method::GET, "/a", false), Some(1));
        assert_eq!(take(&Method::POST, "/a", false), Some(0));
        assert_eq!(take(&Method::POST, "/a", false), Some(1));
        assert_eq!(take(&Method::POST, "/ab/c", false), Some(1));
        assert_eq!(take(&Method::POST, "/b", false), None);
        assert_eq!(take(&Method::OPTIONS, "/a", true), None);
        assert_eq!(take(&Method::OPTIONS, "/", true), Some(2));
    }

    #[test]
    fn bad_rules_are_named() {
        let error = |rules: Value| Rules::parse(Some(&rules)).err().unwrap_or_default();
        assert_eq!(
            error(json!({})),
            "rules must be an array of at most 256 rule objects"
        );
        assert_eq!(
            error(json!([{ "path": "/" }, 1])),
            "rules[1]: must be an object"
        );
        assert!(error(json!([{ "path": "x" }])).contains("path must start with /"));
        assert!(error(json!([{ "path": "/", "delay": 1 }])).contains("unknown field"));
        assert!(
            error(json!([{ "path": "/", "bodyBytes": MAX_BODY_BYTES + 1 }])).contains("bodyBytes")
        );
        assert!(error(json!([{ "path": "/", "body": "", "bodyBytes": 1 }])).contains("not both"));
        assert!(error(json!([{ "path": "/", "headers": { "a b": "c" } }])).contains("header name"));
        assert!(error(json!([{ "path": "/", "status": 101 }])).contains("status"));
        assert!(error(json!([{ "path": "/", "count": 0 }])).contains("count"));
        assert!(Rules::parse(None).is_ok());
    }
}
