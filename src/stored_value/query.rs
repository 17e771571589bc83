//! The typed query object of `transactions.list({ query })` → the API's query string
//! (`currency[$in]=CAD&$sort[createdAt]=-1&$or[0][status][$ne]=01`), so nobody writes
//! bracket syntax by hand. Operators outside the documented set are refused.

use crate::core::encoding::percent_encode;
use crate::core::error::Error;
use crate::core::json::Json;

const FIELD_OPERATORS: &[&str] = &["$in", "$nin", "$lt", "$lte", "$gt", "$gte", "$ne"];

/// Appends the query parameters of `query` (a JSON object) to `out`, in its key order.
pub fn encode(query: &Json, field: &str, out: &mut Vec<String>) -> Result<(), Error> {
    let Json::Object(entries) = query else {
        return Err(Error::invalid(
            field,
            "must be an object of fields and operators",
        ));
    };
    for (key, value) in entries {
        let here = format!("{field}.{key}");
        match key.as_str() {
            "$limit" | "$skip" => {
                out.push(format!("{key}={}", non_negative_integer(value, &here)?))
            }
            "$sort" => {
                let Json::Object(fields) = value else {
                    return Err(Error::invalid(here, "must map field names to 1 or -1"));
                };
                for (name, order) in fields {
                    match order {
                        Json::Number(n) if n == "1" || n == "-1" => {
                            out.push(format!("$sort[{}]={n}", percent_encode(name)));
                        }
                        _ => {
                            return Err(Error::invalid(format!("{here}.{name}"), "must be 1 or -1"))
                        }
                    }
                }
            }
            "$select" => {
                let Json::Array(names) = value else {
                    return Err(Error::invalid(here, "must be an array of field names"));
                };
                for name in names {
                    let name = name
                        .as_str()
                        .ok_or_else(|| Error::invalid(&here, "must hold strings"))?;
                    out.push(format!("$select[]={}", percent_encode(name)));
                }
            }
            "$or" => {
                let Json::Array(branches) = value else {
                    return Err(Error::invalid(here, "must be an array of conditions"));
                };
                for (i, branch) in branches.iter().enumerate() {
                    let Json::Object(fields) = branch else {
                        return Err(Error::invalid(
                            format!("{here}[{i}]"),
                            "must be an object of field conditions",
                        ));
                    };
                    for (name, condition) in fields {
                        if name.starts_with('$') {
                            return Err(Error::invalid(
                                format!("{here}[{i}].{name}"),
                                "unknown operator inside $or",
                            ));
                        }
                        let prefix = format!("$or[{i}][{}]", percent_encode(name));
                        field_condition(&prefix, condition, &format!("{here}[{i}].{name}"), out)?;
                    }
                }
            }
            op if op.starts_with('$') => {
                return Err(Error::invalid(here, "unknown query operator (allowed: $limit, $skip, $sort, $select, $or, and per field $in, $nin, $lt, $lte, $gt, $gte, $ne)"));
            }
            name => field_condition(&percent_encode(name), value, &here, out)?,
        }
    }
    Ok(())
}

// `prefix=value` for equality, `prefix[$op]=value` for operators.
fn field_condition(
    prefix: &str,
    condition: &Json,
    field: &str,
    out: &mut Vec<String>,
) -> Result<(), Error> {
    match condition {
        Json::Object(ops) => {
            for (op, value) in ops {
                let here = format!("{field}.{op}");
                if !FIELD_OPERATORS.contains(&op.as_str()) {
                    return Err(Error::invalid(
                        here,
                        "unknown query operator (allowed: $in, $nin, $lt, $lte, $gt, $gte, $ne)",
                    ));
                }
                if op == "$in" || op == "$nin" {
                    let Json::Array(values) = value else {
                        return Err(Error::invalid(here, "must be an array"));
                    };
                    if values.is_empty() {
                        // An empty list cannot be written as a query string: it would vanish
                        // and the filter with it.
                        return Err(Error::invalid(here, "must hold at least one value"));
                    }
                    for v in values {
                        out.push(format!("{prefix}[{op}]={}", scalar(v, &here)?));
                    }
                } else {
                    out.push(format!("{prefix}[{op}]={}", scalar(value, &here)?));
                }
            }
            Ok(())
        }
        other => {
            out.push(format!("{prefix}={}", scalar(other, field)?));
            Ok(())
        }
    }
}

fn scalar(value: &Json, field: &str) -> Result<String, Error> {
    match value {
        Json::Str(s) => Ok(percent_encode(s)),
        Json::Number(n) => Ok(percent_encode(n)),
        Json::Bool(b) => Ok(b.to_string()),
        _ => Err(Error::invalid(field, "must be a string, number or boolean")),
    }
}

fn non_negative_integer(value: &Json, field: &str) -> Result<String, Error> {
    match value {
        Json::Number(n)
            if !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Ok(n.clone())
        }
        _ => Err(Error::invalid(field, "must be a non-negative integer")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qs(json: &str) -> Result<String, Error> {
        let mut out = Vec::new();
        encode(&Json::parse(json).unwrap_or(Json::Null), "query", &mut out)?;
        Ok(out.join("&"))
    }

    #[test]
    fn produces_the_documented_query_strings() -> Result<(), Error> {
        assert_eq!(
            qs(r#"{"amount":10,"currency":"USD"}"#)?,
            "amount=10&currency=USD"
        );
        assert_eq!(
            qs(r#"{"currency":"USD","$limit":2}"#)?,
            "currency=USD&$limit=2"
        );
        assert_eq!(
            qs(r#"{"$limit":2,"$skip":2,"currency":"USD"}"#)?,
            "$limit=2&$skip=2&currency=USD"
        );
        assert_eq!(
            qs(r#"{"$limit":10,"$sort":{"createdAt":-1}}"#)?,
            "$limit=10&$sort[createdAt]=-1"
        );
        assert_eq!(
            qs(r#"{"$select":["cardNumber","date","_id"]}"#)?,
            "$select[]=cardNumber&$select[]=date&$select[]=_id"
        );
        assert_eq!(
            qs(r#"{"currency":{"$in":["CAD","USD"]}}"#)?,
            "currency[$in]=CAD&currency[$in]=USD"
        );
        assert_eq!(
            qs(r#"{"tranDate":{"$lt":1479664146607}}"#)?,
            "tranDate[$lt]=1479664146607"
        );
        assert_eq!(
            qs(r#"{"tranDate":{"$gt":1479664146607}}"#)?,
            "tranDate[$gt]=1479664146607"
        );
        assert_eq!(qs(r#"{"processed":{"$ne":true}}"#)?, "processed[$ne]=true");
        assert_eq!(
            qs(r#"{"$or":[{"status":{"$ne":"01"}},{"currency":"USD"}]}"#)?,
            "$or[0][status][$ne]=01&$or[1][currency]=USD"
        );
        assert_eq!(qs(r#"{"note":"a b&c=d"}"#)?, "note=a%20b%26c%3Dd");
        assert_eq!(
            qs(r#"{"tranDate":{"$lt":1e+21}}"#)?,
            "tranDate[$lt]=1e%2B21"
        );
        Ok(())
    }

    #[test]
    fn unknown_operators_and_bad_shapes_are_named() {
        let field = |r: Result<String, Error>| match r {
            Err(Error::InvalidArgument { field, .. }) => field,
            _ => String::new(),
        };
        assert_eq!(
            field(qs(r#"{"status":{"$regex":"x"}}"#)),
            "query.status.$regex"
        );
        assert_eq!(field(qs(r#"{"$foo":1}"#)), "query.$foo");
        assert_eq!(
            field(qs(r#"{"$sort":{"createdAt":2}}"#)),
            "query.$sort.createdAt"
        );
        assert_eq!(field(qs(r#"{"$limit":-1}"#)), "query.$limit");
        assert_eq!(field(qs(r#"{"$or":[{"$or":[]}]}"#)), "query.$or[0].$or");
        assert_eq!(field(qs(r#"{"a":null}"#)), "query.a");
        assert_eq!(field(qs(r#"{"a":{"$in":"x"}}"#)), "query.a.$in");
        assert_eq!(field(qs(r#"{"a":{"$in":[]}}"#)), "query.a.$in");
    }
}
