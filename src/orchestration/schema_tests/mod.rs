//! Tests of the Orchestration response checks against the API reference's own examples
//! (`doc_examples.json`, verbatim).

use super::*;

// The tests, by what they check (the helpers below are theirs):
mod check_text; // check_text alone: escapes, the last tag, hostile nesting
mod differential; // check_text against parse + check on mutated bodies
mod documented; // the docs' examples and the op tables
mod field_errors; // missing and mistyped fields, named by path
mod mutations; // the differential test's generator: mutate, render, damage
mod variants; // closed enums, tagged unions, optional and nullable fields

/// Every response example of the API reference, verbatim, with the op it answers (a
/// fixture: the docs' own text, kept apart from the code that reads it).
fn examples() -> &'static [(String, String)] {
    static EXAMPLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    EXAMPLES
        .get_or_init(|| serde_json::from_str(include_str!("doc_examples.json")).unwrap_or_default())
}

/// Every op the SDK exposes (the JS method paths).
static ALL_OPS: std::sync::LazyLock<Vec<&str>> =
    std::sync::LazyLock::new(|| crate::orchestration::ops::names().collect());

/// The error of a body that is not JSON.
fn not_json() -> Error {
    Error::response("response", "is not JSON")
}

/// What the client answered before `check_text`: parse, then check the tree.
fn expected(op: &str, text: &str) -> Result<(), Error> {
    Json::parse(text).map_or_else(|| Err(not_json()), |body| check(op, &body))
}

/// `check` of the parsed `text`, asserting that `check_text` answers the same.
fn both(op: &str, text: &str) -> Result<(), Error> {
    let tree = check(op, &parse(text));
    assert_eq!(
        check_text(op, text),
        tree,
        "check_text disagrees: {op}: {text}"
    );
    tree
}

fn parse(text: &str) -> Json {
    let body = Json::parse(text);
    assert!(body.is_some(), "not JSON: {text}");
    body.unwrap_or(Json::Null)
}

fn example(op: &str) -> &'static str {
    examples()
        .iter()
        .find(|(name, _)| name == op)
        .map_or("", |(_, text)| text)
}

/// The last example of `op` (`auth.login` has two: the challenge, then the tokens).
fn last_example(op: &str) -> &'static str {
    examples()
        .iter()
        .rev()
        .find(|(name, _)| name == op)
        .map_or("", |(_, text)| text)
}

/// `(field, message)` of the check of `text`, or a description of what came instead.
fn failure(op: &str, text: &str) -> (String, String) {
    match both(op, text) {
        Err(Error::Response { field, message }) => (field, message),
        other => (format!("{other:?}"), String::new()),
    }
}

/// The failure of `op`'s documented example with its first `from` replaced by `to`.
fn mutated(op: &str, from: &str, to: &str) -> (String, String) {
    let text = example(op);
    assert!(text.contains(from), "{op} example has no {from}");
    failure(op, &text.replacen(from, to, 1))
}

fn passes_with(op: &str, from: &str, to: &str) -> bool {
    let text = example(op);
    assert!(text.contains(from), "{op} example has no {from}");
    both(op, &text.replacen(from, to, 1)).is_ok()
}

fn is(field: &str, message: &str) -> (String, String) {
    (field.to_owned(), message.to_owned())
}
