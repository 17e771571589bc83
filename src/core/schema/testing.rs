//! What the tests of every API's response tables share: the check run both ways (one pass
//! over the text, and over the parsed tree) with their agreement asserted, a failure as
//! `(field, message)`, and the bound the checkers' seen mask puts on object types.

use super::{check_text, check_tree, Ty};
use crate::core::error::Error;
use crate::core::json::Json;

/// The check of `text` against `ty` (`None`: any JSON), asserting that the text and tree
/// checks answer the same.
pub fn checked(ty: Option<&'static Ty>, text: &str) -> Result<(), Error> {
    let tree = match (Json::parse(text), ty) {
        (None, _) => Err(Error::response("response", "is not JSON")),
        (Some(_), None) => Ok(()),
        (Some(body), Some(ty)) => check_tree(ty, &body),
    };
    assert_eq!(check_text(ty, text), tree, "check_text disagrees: {text}");
    tree
}

/// `(field, message)` of a failed check, or what came instead.
pub fn failure(result: Result<(), Error>) -> (String, String) {
    match result {
        Err(Error::Response { field, message }) => (field, message),
        other => (format!("{other:?}"), String::new()),
    }
}

/// The `(field, message)` a test expects.
pub fn is(field: &str, message: &str) -> (String, String) {
    (field.to_owned(), message.to_owned())
}

/// Asserts that no object type under `ty` has more fields than the checkers' seen mask holds.
pub fn assert_fits_seen_mask(ty: &Ty) {
    match ty.checked() {
        Ty::Arr(inner) | Ty::Nullable(inner) => assert_fits_seen_mask(inner),
        Ty::Obj(fields) => {
            assert!(fields.len() <= 64);
            fields.iter().for_each(|f| assert_fits_seen_mask(&f.ty));
        }
        Ty::Tagged { variants, .. } => {
            for (_, fields) in variants.iter() {
                assert!(fields.len() <= 64);
                fields.iter().for_each(|f| assert_fits_seen_mask(&f.ty));
            }
        }
        Ty::OneOf(alternatives) => alternatives.iter().for_each(assert_fits_seen_mask),
        _ => {}
    }
}
