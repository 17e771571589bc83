//! The check over a parsed [`Json`] tree (the reference the text check is tested against).

use crate::core::json::Json;
use seismic_hotpath::schema::{at, mismatch, noun, quoted, Checked, Fail, Field, Seg, Ty};

/// Checks `value` against `ty`.
pub(super) fn walk(ty: &'static Ty, value: &Json) -> Checked {
    let ty = ty.checked();
    match (ty, value) {
        (Ty::Any, _)
        | (Ty::Str, Json::Str(_))
        | (Ty::Bool, Json::Bool(_))
        | (Ty::Num, Json::Number(_))
        | (Ty::Nullable(_), Json::Null) => Ok(()),
        (Ty::Arr(item), Json::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                walk(item, v).map_err(at(Seg::Index(i)))?;
            }
            Ok(())
        }
        (Ty::Obj(fields), Json::Object(entries)) => object(fields, entries),
        (Ty::Nullable(inner), _) => walk(inner, value).map_err(|mut fail| {
            // A wrong value right here (not deeper inside it): say that null was fine too.
            if fail.rev.is_empty() {
                fail.message = format!("must be {}", noun(ty)).into();
            }
            fail
        }),
        (Ty::Enum(values), Json::Str(s)) if values.contains(&s.as_str()) => Ok(()),
        (Ty::Tagged { tag, variants }, Json::Object(entries)) => {
            let found = entries.iter().rev().find(|(name, _)| name == tag);
            let Some((_, tag_value)) = found else {
                return Err(Fail::new("is required")).map_err(at(Seg::Key(tag)));
            };
            let variant = variants
                .iter()
                .find(|(name, _)| matches!(tag_value, Json::Str(s) if s == name));
            match variant {
                Some((_, fields)) => object(fields, entries),
                None => {
                    let names: Vec<&str> = variants.iter().map(|(name, _)| *name).collect();
                    Err(Fail::new(format!("must be one of {}", quoted(&names))))
                        .map_err(at(Seg::Key(tag)))
                }
            }
        }
        (Ty::OneOf(alternatives), _) => {
            let mut nearest = None;
            for alternative in alternatives.iter() {
                match walk(alternative, value) {
                    Ok(()) => return Ok(()),
                    // The alternative of the right kind that failed deeper explains best.
                    Err(fail) if !fail.rev.is_empty() && nearest.is_none() => nearest = Some(fail),
                    Err(_) => {}
                }
            }
            Err(nearest.unwrap_or_else(|| mismatch(ty)))
        }
        _ => Err(mismatch(ty)),
    }
}

/// Checks the documented `fields` of an object, reading its `entries` once.
///
/// Entries are visited last to first so that a repeated key is judged by its last
/// occurrence, as `JSON.parse` keeps it; a bit per documented field records what was seen.
/// The server writes fields in a stable order, so the field expected next is tried before
/// a scan.
fn object(fields: &'static [Field], entries: &[(String, Json)]) -> Checked {
    debug_assert!(fields.len() <= 64, "an object type has at most 64 fields");
    if fields.is_empty() {
        return Ok(());
    }
    let mut seen: u64 = 0;
    let mut hint = fields.len();
    for (name, value) in entries.iter().rev() {
        let index = match hint.checked_sub(1).and_then(|i| fields.get(i)) {
            Some(field) if field.name == name => Some(hint - 1),
            _ => fields.iter().position(|field| field.name == name),
        };
        let Some(index) = index else { continue };
        hint = index;
        let bit = 1u64 << index;
        if seen & bit != 0 {
            continue;
        }
        seen |= bit;
        let field = &fields[index];
        if !field.required && matches!(value, Json::Null) {
            continue;
        }
        walk(&field.ty, value).map_err(at(Seg::Key(field.name)))?;
    }
    for (index, field) in fields.iter().enumerate() {
        if field.required && seen & (1u64 << index) == 0 {
            return Err(Fail::new("is required")).map_err(at(Seg::Key(field.name)));
        }
    }
    Ok(())
}
