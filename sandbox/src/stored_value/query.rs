//! The listing query language, parsed qs-style from the query string:
//! `field=v`, `field[$in]=a&field[$in]=b`, `field[$nin|$lt|$lte|$gt|$gte|$ne]=v`,
//! `$or[i][field]…`, `$limit`, `$skip`, `$sort[field]=±1`, `$select[]=f`,
//! plus the plain `filter`, `page` and `count` parameters. Brackets and `$`
//! may be percent-encoded.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::compare::compare_field;
use crate::common::urlencoded;

/// Fields holding dates: compared as epoch milliseconds against numbers.
const DATE_FIELDS: [&str; 3] = ["createdAt", "tranDate", "updatedAt"];
/// Page size when `count` is absent.
pub(crate) const DEFAULT_COUNT: usize = 10;
/// Largest page size.
pub(crate) const MAX_COUNT: usize = 100;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    /// Plain `field=v`.
    Eq,
    /// `$ne`.
    Ne,
    /// `$lt`.
    Lt,
    /// `$lte`.
    Lte,
    /// `$gt`.
    Gt,
    /// `$gte`.
    Gte,
    /// `$in` (any of the values).
    In,
    /// `$nin` (none of the values).
    Nin,
}

/// One condition on one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cond {
    /// Field name (`a.b` for nested brackets).
    pub field: String,
    /// Operator.
    pub op: Op,
    /// Operands: one, or several for `$in` / `$nin`.
    pub values: Vec<String>,
}

impl Cond {
    /// Whether `object` (created at `date_ms`) satisfies the condition.
    /// An absent field satisfies only `$ne` and `$nin`.
    fn holds(&self, object: &Map<String, Value>, date_ms: i64) -> bool {
        let value = lookup(object, &self.field);
        let date = DATE_FIELDS
            .contains(&self.field.as_str())
            .then_some(date_ms);
        let order = |operand: &String| compare_field(value, date, operand);
        let equal = |operand: &String| order(operand) == Some(Ordering::Equal);
        let all = |accept: &dyn Fn(Ordering) -> bool| {
            self.values
                .iter()
                .all(|operand| order(operand).is_some_and(accept))
        };
        match self.op {
            Op::Eq => self.values.iter().all(equal),
            Op::Ne => !self.values.iter().any(equal),
            Op::In => self.values.iter().any(equal),
            Op::Nin => !self.values.iter().any(equal),
            Op::Lt => all(&|o| o == Ordering::Less),
            Op::Lte => all(&|o| o != Ordering::Greater),
            Op::Gt => all(&|o| o == Ordering::Greater),
            Op::Gte => all(&|o| o != Ordering::Less),
        }
    }
}

/// Conditions that must all hold, and `$or` branches of which one must
/// (when there are any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    /// All must hold.
    pub conds: Vec<Cond>,
    /// Any must hold (ignored when empty).
    pub any_of: Vec<Filter>,
}

impl Filter {
    /// Whether `object` (created at `date_ms`) matches.
    pub(crate) fn matches(&self, object: &Map<String, Value>, date_ms: i64) -> bool {
        self.conds.iter().all(|cond| cond.holds(object, date_ms))
            && (self.any_of.is_empty()
                || self
                    .any_of
                    .iter()
                    .any(|branch| branch.matches(object, date_ms)))
    }
}

/// A parsed listing query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    /// Field conditions.
    pub filter: Filter,
    /// The free `filter` parameter (type, amount or API key).
    pub text: Option<String>,
    /// `$sort` keys in order: (field, descending).
    pub sort: Vec<(String, bool)>,
    /// `$select` fields (`id` is always kept).
    pub select: Option<Vec<String>>,
    /// `$limit`.
    pub limit: Option<usize>,
    /// `$skip`.
    pub skip: usize,
    /// 1-based page.
    pub page: usize,
    /// Page size (capped at [`MAX_COUNT`]).
    pub count: usize,
}

/// Why a query string was refused (answered with 400).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QueryError {
    /// An unsupported `$operator`.
    Operator(String),
    /// A parameter with an unusable value.
    Value(String),
}

impl QueryError {
    /// The `message` of the 400 answer.
    pub(crate) fn message(&self) -> String {
        match self {
            Self::Operator(operator) => format!("Invalid query operator {operator}"),
            Self::Value(name) => format!("Invalid value for {name}"),
        }
    }
}

/// A decoded parameter: bracket segments (`a[b][]` → `a`, `b`, ``) and value.
type Param = (Vec<String>, String);

/// Parses a raw (still percent-encoded) query string.
pub(crate) fn parse(raw: &str) -> Result<Query, QueryError> {
    let mut query = Query {
        filter: Filter::default(),
        text: None,
        sort: Vec::new(),
        select: None,
        limit: None,
        skip: 0,
        page: 1,
        count: DEFAULT_COUNT,
    };
    let mut conditions = Vec::new();
    for (name, value) in urlencoded::pairs(raw) {
        let segments = segments(&name);
        match segments.as_slice() {
            [head] if head == "filter" => query.text = Some(value).filter(|t| !t.is_empty()),
            [head] if head == "page" => query.page = positive(&value, "page")?,
            [head] if head == "count" => query.count = positive(&value, "count")?.min(MAX_COUNT),
            [head] if head == "$limit" => query.limit = Some(natural(&value, "$limit")?),
            [head] if head == "$skip" => query.skip = natural(&value, "$skip")?,
            [head, field] if head == "$sort" => {
                let descending = match value.as_str() {
                    "1" => false,
                    "-1" => true,
                    _ => return Err(QueryError::Value(format!("$sort[{field}]"))),
                };
                query.sort.push((field.clone(), descending));
            }
            [head] | [head, _] if head == "$select" => {
                let select = query.select.get_or_insert_with(Vec::new);
                if !value.is_empty() {
                    select.push(value);
                }
            }
            _ => conditions.push((segments, value)),
        }
    }
    query.filter = parse_filter(conditions)?;
    Ok(query)
}

/// Builds a filter from field and `$or` parameters.
fn parse_filter(params: Vec<Param>) -> Result<Filter, QueryError> {
    let mut filter = Filter::default();
    let mut branches: Vec<(String, Vec<Param>)> = Vec::new();
    for (segments, value) in params {
        let Some((head, rest)) = segments.split_first() else {
            continue;
        };
        if head == "$or" {
            let Some((index, inner)) = rest.split_first().filter(|(_, inner)| !inner.is_empty())
            else {
                return Err(QueryError::Value("$or".to_owned()));
            };
            let param = (inner.to_vec(), value);
            match branches.iter_mut().find(|(known, _)| known == index) {
                Some((_, params)) => params.push(param),
                None => branches.push((index.clone(), vec![param])),
            }
        } else if head.starts_with('$') {
            return Err(QueryError::Operator(head.clone()));
        } else {
            add_condition(&mut filter.conds, head.clone(), rest, value)?;
        }
    }
    filter.any_of = branches
        .into_iter()
        .map(|(_, params)| parse_filter(params))
        .collect::<Result<_, _>>()?;
    Ok(filter)
}

/// Adds the condition `field[rest…]=value`; `$in` / `$nin` values of a
/// field gather into one condition.
fn add_condition(
    conds: &mut Vec<Cond>,
    field: String,
    rest: &[String],
    value: String,
) -> Result<(), QueryError> {
    let Some((first, tail)) = rest.split_first() else {
        conds.push(Cond {
            field,
            op: Op::Eq,
            values: vec![value],
        });
        return Ok(());
    };
    if !first.starts_with('$') {
        return add_condition(conds, format!("{field}.{first}"), tail, value);
    }
    let op = match first.as_str() {
        "$in" => Op::In,
        "$nin" => Op::Nin,
        "$lt" => Op::Lt,
        "$lte" => Op::Lte,
        "$gt" => Op::Gt,
        "$gte" => Op::Gte,
        "$ne" => Op::Ne,
        _ => return Err(QueryError::Operator(first.clone())),
    };
    let list = matches!(op, Op::In | Op::Nin);
    // `$in[]=v` / `$in[0]=v` are list items; scalar operators take no more.
    if tail.len() > usize::from(list) {
        return Err(QueryError::Value(format!("{field}[{first}]")));
    }
    if list {
        if let Some(cond) = conds.iter_mut().find(|c| c.field == field && c.op == op) {
            cond.values.push(value);
            return Ok(());
        }
    }
    conds.push(Cond {
        field,
        op,
        values: vec![value],
    });
    Ok(())
}

/// `a[b][]` → `["a", "b", ""]`; a name with unbalanced brackets (or one
/// starting with `[`) is a single segment.
fn segments(name: &str) -> Vec<String> {
    let Some(open) = name.find('[').filter(|open| *open > 0) else {
        return vec![name.to_owned()];
    };
    let mut out = vec![name[..open].to_owned()];
    let mut rest = &name[open..];
    while !rest.is_empty() {
        let inner = rest
            .strip_prefix('[')
            .and_then(|after| after.split_once(']'));
        match inner {
            Some((segment, after)) => {
                out.push(segment.to_owned());
                rest = after;
            }
            None => return vec![name.to_owned()],
        }
    }
    out
}

/// A value of a nested field path `a.b` (plain key first).
fn lookup<'a>(object: &'a Map<String, Value>, field: &str) -> Option<&'a Value> {
    if let Some(value) = object.get(field) {
        return Some(value);
    }
    let mut parts = field.split('.');
    let mut value = object.get(parts.next()?)?;
    for part in parts {
        value = value.as_object()?.get(part)?;
    }
    Some(value)
}

/// A non-negative integer parameter.
fn natural(text: &str, name: &str) -> Result<usize, QueryError> {
    text.parse().map_err(|_| QueryError::Value(name.to_owned()))
}

/// A positive integer parameter.
fn positive(text: &str, name: &str) -> Result<usize, QueryError> {
    natural(text, name)
        .ok()
        .filter(|value| *value > 0)
        .ok_or_else(|| QueryError::Value(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn cond(field: &str, op: Op, values: &[&str]) -> Cond {
        Cond {
            field: field.to_owned(),
            op,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    fn parsed(raw: &str) -> Query {
        parse(raw).unwrap_or_else(|e| panic!("{raw}: {}", e.message()))
    }

    #[test]
    fn splits_segments() {
        assert_eq!(segments("a"), vec!["a"]);
        assert_eq!(
            segments("$or[0][status][$ne]"),
            vec!["$or", "0", "status", "$ne"]
        );
        assert_eq!(segments("$select[]"), vec!["$select", ""]);
        assert_eq!(segments("a[b"), vec!["a[b"]);
        assert_eq!(segments("a[b]c"), vec!["a[b]c"]);
        assert_eq!(segments("[a]"), vec!["[a]"]);
    }

    #[test]
    fn parses_spec_examples() {
        let q = parsed("amount=10&currency=USD");
        assert_eq!(
            q.filter.conds,
            vec![
                cond("amount", Op::Eq, &["10"]),
                cond("currency", Op::Eq, &["USD"])
            ]
        );
        let q = parsed("$limit=2&$skip=2&currency=USD");
        assert_eq!((q.limit, q.skip), (Some(2), 2));
        let q = parsed("$limit=10&$sort[createdAt]=-1");
        assert_eq!(q.sort, vec![("createdAt".to_owned(), true)]);
        let q = parsed("$select[]=cardNumber&$select[]=date&$select[]=_id");
        assert_eq!(
            q.select,
            Some(vec![
                "cardNumber".to_owned(),
                "date".to_owned(),
                "_id".to_owned()
            ])
        );
        let q = parsed("currency[$in]=CAD&currency[$in]=USD");
        assert_eq!(
            q.filter.conds,
            vec![cond("currency", Op::In, &["CAD", "USD"])]
        );
        let q = parsed("tranDate[$lt]=1479664146607");
        assert_eq!(
            q.filter.conds,
            vec![cond("tranDate", Op::Lt, &["1479664146607"])]
        );
        let q = parsed("processed[$ne]=true");
        assert_eq!(q.filter.conds, vec![cond("processed", Op::Ne, &["true"])]);
        let q = parsed("$or[0][status][$ne]=01&$or[1][currency]=USD");
        assert_eq!(
            q.filter.any_of,
            vec![
                Filter {
                    conds: vec![cond("status", Op::Ne, &["01"])],
                    any_of: vec![]
                },
                Filter {
                    conds: vec![cond("currency", Op::Eq, &["USD"])],
                    any_of: vec![]
                },
            ]
        );
        let encoded =
            parsed("%24or%5B0%5D%5Bstatus%5D%5B%24ne%5D=01&%24or%5B1%5D%5Bcurrency%5D=USD");
        assert_eq!(encoded, q);
        let q = parsed("filter=reload&page=2&count=500&cardNumber=4242");
        assert_eq!(
            (q.text.as_deref(), q.page, q.count),
            (Some("reload"), 2, 100)
        );
    }

    #[test]
    fn rejects_unknown_operators_and_values() {
        let error = |raw: &str| parse(raw).err().map(|e| e.message());
        assert_eq!(
            error("status[$foo]=1").as_deref(),
            Some("Invalid query operator $foo")
        );
        assert_eq!(
            error("$regex=x").as_deref(),
            Some("Invalid query operator $regex")
        );
        assert_eq!(
            error("$or[0][a][$where]=1").as_deref(),
            Some("Invalid query operator $where")
        );
        assert_eq!(
            error("$limit=-1").as_deref(),
            Some("Invalid value for $limit")
        );
        assert_eq!(error("page=0").as_deref(), Some("Invalid value for page"));
        assert_eq!(error("count=x").as_deref(), Some("Invalid value for count"));
        assert_eq!(
            error("$sort[a]=2").as_deref(),
            Some("Invalid value for $sort[a]")
        );
    }

    #[test]
    fn filters_match() {
        let object = match json!({ "status": "109", "currency": "USD", "amount": 6 }) {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let matches = |raw: &str| parsed(raw).filter.matches(&object, 0);
        assert!(matches("status[$ne]=01"));
        assert!(!matches("status=01"));
        assert!(matches("amount[$gte]=6&amount[$lt]=6.01"));
        assert!(!matches("amount[$gt]=6"));
        assert!(matches("currency[$nin]=CAD&processed[$ne]=true"));
        assert!(!matches("processed=true"));
        assert!(matches(
            "$or[0][status]=01&$or[1][amount][$in]=5&$or[1][amount][$in]=6"
        ));
        assert!(!matches("$or[0][status]=01&$or[1][currency]=CAD"));
    }
}
