//! Whether the hand-written TypeScript DTOs the package ships agree with the response-type
//! tables answers are validated against at run time ([`Ty`]). The tables say what the SDK
//! lets through; the `.d.ts` says what callers may rely on. When they drift apart, a caller
//! either gets a value its types say cannot exist or is told a documented field is missing.
//!
//! [`disagreements`] walks a table type and a TS type side by side and names every place
//! they differ, each with its path from the nearest named TS declaration
//! (`Account.currencies[]: table says string, TS says number`), so one drift in a shared
//! DTO reads the same from every method that returns it. The tests run it over every method
//! of the four clients (`tests.rs`).

mod parse;
#[cfg(test)]
mod tests;

pub use parse::{parse, parse_type, Decl, Decls, Member, ObjectType, Param, TsType};

use crate::core::schema::{Field, Ty};

/// How deep types may nest before a (recursive) declaration is taken for a loop.
const MAX_DEPTH: usize = 64;

/// The first place `ty` and `ts` disagree, `decls` resolving the TS names.
pub fn agree(ty: &Ty, ts: &TsType, decls: &Decls) -> Result<(), String> {
    disagreements(ty, ts, decls)
        .into_iter()
        .next()
        .map_or(Ok(()), Err)
}

/// Every place `ty` and `ts` disagree, as `path: table says …, TS says …`.
pub fn disagreements(ty: &Ty, ts: &TsType, decls: &Decls) -> Vec<String> {
    let mut out = Vec::new();
    Checker { decls }.check(ty, ts, "", &mut out, 0);
    out
}

struct Checker<'d> {
    decls: &'d Decls,
}

fn at(path: &str, message: impl std::fmt::Display) -> String {
    if path.is_empty() {
        message.to_string()
    } else {
        format!("{path}: {message}")
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// What a table type is called in messages, in TS spelling where there is one.
fn table(ty: &Ty) -> String {
    match ty {
        Ty::Named(decl) => decl.name.into(),
        Ty::Open(_) => "string".into(),
        Ty::Str => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Num => "number".into(),
        Ty::Any => "any value".into(),
        Ty::Arr(item) => format!("{}[]", table(item)),
        Ty::Obj(_) => "an object".into(),
        Ty::Nullable(inner) => format!("{} | null", table(inner)),
        Ty::Enum(values) => values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::Tagged { tag, .. } => format!("an object tagged on `{tag}`"),
        Ty::OneOf(tys) => tys.iter().map(table).collect::<Vec<_>>().join(" or "),
    }
}

/// The TS type in messages: as written, and what a name stands for when that is short.
fn said(ts: &TsType, resolved: &TsType) -> String {
    if ts == resolved || matches!(resolved, TsType::Object(_)) {
        ts.to_string()
    } else {
        format!("{ts} (= {resolved})")
    }
}

/// The primitive a resolved TS type is, counting literals and the open-string idiom
/// `string & {}` as their primitive.
fn primitive(ts: &TsType) -> Option<&'static str> {
    match ts {
        TsType::Keyword(k) => ["string", "number", "boolean"].into_iter().find(|p| p == k),
        TsType::Str(_) => Some("string"),
        TsType::Num(_) => Some("number"),
        TsType::Bool(_) => Some("boolean"),
        TsType::Inter(parts) => {
            let empty = |p: &TsType| matches!(p, TsType::Object(o) if o.members.is_empty() && o.index.is_none());
            // `string & string` (a field declared in both halves) is still a string.
            let mut kinds = parts.iter().filter(|p| !empty(p)).map(primitive);
            let first = kinds.next()??;
            kinds.all(|k| k == Some(first)).then_some(first)
        }
        _ => None,
    }
}

impl Checker<'_> {
    /// Follows names (and the built-in generics) until the type is not a name; also answers
    /// the last declared name passed, for paths.
    fn head(&self, ts: &TsType) -> Result<(TsType, Option<String>), String> {
        let mut ts = ts.clone();
        let mut name = None;
        for _ in 0..MAX_DEPTH {
            let TsType::Ref(n, args) = &ts else {
                return Ok((ts, name));
            };
            let next = match self.decls.get(n) {
                Some(decl) => {
                    name = Some(n.clone());
                    self.expand(n, decl, args)?
                }
                None => self.builtin(&ts)?,
            };
            ts = next;
        }
        Err(format!("{ts} does not resolve: declarations loop"))
    }

    /// What the declaration `decl` of `name` stands for with type arguments `args`; an
    /// interface as the object of its members and those it extends.
    fn expand(&self, name: &str, decl: &Decl, args: &[TsType]) -> Result<TsType, String> {
        match decl {
            Decl::Alias { params, ty } => Ok(subst(ty, &bind(name, params, args)?)),
            Decl::Interface {
                params,
                extends,
                body,
            } => {
                let bound = bind(name, params, args)?;
                let mut obj = ObjectType::default();
                for base in extends {
                    merge(&mut obj, self.object(&subst(base, &bound))?, true);
                }
                if let TsType::Object(own) = subst(&TsType::Object(body.clone()), &bound) {
                    merge(&mut obj, own, true);
                }
                Ok(TsType::Object(obj))
            }
            Decl::Class => Err(format!("{name} is a class, not a DTO")),
        }
    }

    /// The built-in generics the declarations use.
    fn builtin(&self, ts: &TsType) -> Result<TsType, String> {
        let TsType::Ref(name, args) = ts else {
            return Ok(ts.clone());
        };
        Ok(match (name.as_str(), args.as_slice()) {
            ("Array" | "ReadonlyArray", [item]) => TsType::Array(Box::new(item.clone())),
            ("Readonly", [inner]) => inner.clone(),
            ("Record", [TsType::Keyword(k), value]) if k == "string" => {
                TsType::Object(ObjectType {
                    members: Vec::new(),
                    index: Some(Box::new(value.clone())),
                })
            }
            ("Partial", [inner]) => {
                let mut obj = self.object(inner)?;
                obj.members.iter_mut().for_each(|m| m.optional = true);
                TsType::Object(obj)
            }
            ("Omit", [inner, keys]) => {
                let omitted = self
                    .literals(keys)?
                    .ok_or(format!("{ts}: keys not literals"))?;
                let mut obj = self.object(inner)?;
                obj.members.retain(|m| !omitted.contains(&m.name));
                TsType::Object(obj)
            }
            _ => return Err(format!("{ts} is not declared")),
        })
    }

    /// The members of an object type (an interface, an intersection, an object literal).
    fn object(&self, ts: &TsType) -> Result<ObjectType, String> {
        match self.head(ts)?.0 {
            TsType::Object(obj) => Ok(obj),
            TsType::Inter(parts) => {
                let mut obj = ObjectType::default();
                for part in &parts {
                    merge(&mut obj, self.object(part)?, false);
                }
                Ok(obj)
            }
            other => Err(format!("{other} is not an object type")),
        }
    }

    /// The members of a union, nested unions (and names of unions) flattened, each as
    /// written so that resolving it again finds its name; a non-union is its own one member.
    fn flatten(&self, ts: &TsType) -> Result<Vec<TsType>, String> {
        let TsType::Union(items) = self.head(ts)?.0 else {
            return Ok(vec![ts.clone()]);
        };
        let mut out = Vec::new();
        for item in &items {
            out.extend(self.flatten(item)?);
        }
        Ok(out)
    }

    /// [`Self::flatten`], each member resolved.
    fn resolved_members(&self, ts: &TsType) -> Result<Vec<(TsType, Option<String>)>, String> {
        self.flatten(ts)?
            .iter()
            .map(|item| self.head(item))
            .collect()
    }

    /// The values of a string literal or a union of them; `None` when it is anything else.
    fn literals(&self, ts: &TsType) -> Result<Option<Vec<String>>, String> {
        let items = self.resolved_members(ts)?;
        Ok(items
            .into_iter()
            .map(|(item, _)| match item {
                TsType::Str(s) => Some(s),
                _ => None,
            })
            .collect())
    }

    fn agrees(&self, ty: &Ty, ts: &TsType, depth: usize) -> bool {
        let mut trial = Vec::new();
        self.check(ty, ts, "", &mut trial, depth);
        trial.is_empty()
    }

    fn check(&self, ty: &Ty, ts: &TsType, path: &str, out: &mut Vec<String>, depth: usize) {
        if matches!(ty, Ty::Any) || matches!(ty, Ty::Obj(fields) if fields.is_empty()) {
            return;
        }
        if depth > MAX_DEPTH {
            return out.push(at(path, "types nest too deep"));
        }
        let (resolved, name) = match self.head(ts) {
            Ok(found) => found,
            Err(e) => return out.push(at(path, e)),
        };
        // Inside a named object type the path starts again from its name, so a drift in a
        // shared DTO is one message whichever method reaches it.
        let path = match (ty, &name) {
            (Ty::Obj(_) | Ty::Tagged { .. }, Some(name)) => name.as_str(),
            _ => path,
        };
        let mismatch = || {
            at(
                path,
                format!("table says {}, TS says {}", table(ty), said(ts, &resolved)),
            )
        };
        // Each union member as written (to resolve again, finding its name) and resolved.
        let members = self.flatten(&resolved).and_then(|written| {
            let resolved = written
                .iter()
                .map(|w| self.head(w))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((written, resolved))
        });
        let (written, items) = match members {
            Ok(found) => found,
            Err(e) => return out.push(at(path, e)),
        };
        match ty {
            Ty::Named(_) | Ty::Open(_) => self.check(ty.checked(), ts, path, out, depth + 1),
            Ty::Any => {}
            Ty::Str | Ty::Num | Ty::Bool => {
                let want = table(ty);
                if !items
                    .iter()
                    .all(|(item, _)| primitive(item) == Some(want.as_str()))
                {
                    out.push(mismatch());
                }
            }
            Ty::Enum(values) => {
                let mut want: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
                want.sort();
                let mut got = self.literals(&resolved).ok().flatten().unwrap_or_default();
                got.sort();
                got.dedup();
                if got != want {
                    out.push(mismatch());
                }
            }
            Ty::Arr(item) => match &resolved {
                TsType::Array(ts_item) => {
                    self.check(item, ts_item, &format!("{path}[]"), out, depth + 1)
                }
                _ => out.push(mismatch()),
            },
            Ty::Nullable(inner) => {
                let null = TsType::Keyword("null".into());
                let nullable = items.iter().any(|(item, _)| *item == null);
                let mut rest: Vec<TsType> = written
                    .into_iter()
                    .zip(&items)
                    .filter(|(_, (item, _))| *item != null)
                    .map(|(w, _)| w)
                    .collect();
                match (nullable, rest.len()) {
                    (false, _) | (true, 0) => out.push(mismatch()),
                    (true, 1) => self.check(inner, &rest.remove(0), path, out, depth + 1),
                    (true, _) => self.check(inner, &TsType::Union(rest), path, out, depth + 1),
                }
            }
            Ty::Obj(fields) => match self.object(&resolved) {
                Ok(obj) => self.fields(fields, &obj, path, out, depth),
                Err(_) => out.push(mismatch()),
            },
            Ty::Tagged { tag, variants } => {
                let mut members = Vec::new();
                for (item, name) in &items {
                    match self.object(item) {
                        Ok(obj) => members.push((obj, name.clone())),
                        Err(_) => return out.push(mismatch()),
                    }
                }
                for (value, fields) in *variants {
                    self.variant(tag, value, fields, &members, path, out, depth);
                }
            }
            Ty::OneOf(tys) => {
                for alternative in *tys {
                    if !written
                        .iter()
                        .any(|item| self.agrees(alternative, item, depth + 1))
                    {
                        out.push(at(
                            path,
                            format!(
                                "table says {} (one of {}), no member of TS {} agrees",
                                table(alternative),
                                table(ty),
                                said(ts, &resolved)
                            ),
                        ));
                    }
                }
            }
        }
    }

    fn fields(
        &self,
        fields: &[Field],
        obj: &ObjectType,
        path: &str,
        out: &mut Vec<String>,
        depth: usize,
    ) {
        for field in fields {
            let path = join(path, field.name);
            let Some(member) = obj.member(field.name) else {
                let kind = if field.required {
                    "required"
                } else {
                    "optional"
                };
                out.push(at(
                    &path,
                    format!(
                        "table says {kind} {}, TS does not declare it",
                        table(&field.ty)
                    ),
                ));
                continue;
            };
            if field.required && member.optional {
                out.push(at(&path, "table says required, TS says optional"));
            }
            // An optional table field is checked only when present and not `null`, so the
            // TS may say `| null` for it.
            let ts = match &member.ty {
                TsType::Union(items) if !field.required => {
                    let mut rest: Vec<TsType> = items
                        .iter()
                        .filter(|t| !matches!(t, TsType::Keyword(k) if k == "null"))
                        .cloned()
                        .collect();
                    if rest.len() == 1 {
                        rest.remove(0)
                    } else {
                        TsType::Union(rest)
                    }
                }
                other => other.clone(),
            };
            self.check(&field.ty, &ts, &path, out, depth + 1);
        }
    }

    /// One variant of a tagged table type: some union member must carry its tag value, and
    /// the first such member whose fields agree settles it.
    #[allow(clippy::too_many_arguments)] // the walk's state, passed down as `check` does
    fn variant(
        &self,
        tag: &str,
        value: &str,
        fields: &[Field],
        members: &[(ObjectType, Option<String>)],
        path: &str,
        out: &mut Vec<String>,
        depth: usize,
    ) {
        let carries = |obj: &ObjectType| {
            obj.member(tag)
                .and_then(|m| self.literals(&m.ty).ok().flatten())
                .is_some_and(|values| values.iter().any(|v| v == value))
        };
        let mut first = None;
        for (obj, name) in members.iter().filter(|(obj, _)| carries(obj)) {
            let path = name
                .clone()
                .unwrap_or_else(|| format!("{path}({tag}={value:?})"));
            let mut trial = Vec::new();
            self.fields(fields, obj, &path, &mut trial, depth + 1);
            if trial.is_empty() {
                return;
            }
            first.get_or_insert(trial);
        }
        match first {
            Some(trial) => out.extend(trial),
            None => out.push(at(
                path,
                format!("table says variant {tag} = {value:?}, TS has no union member with it"),
            )),
        }
    }
}

/// The type arguments of `name` bound to its parameters (defaults filling the missing ones).
fn bind(name: &str, params: &[Param], args: &[TsType]) -> Result<Vec<(String, TsType)>, String> {
    if args.len() > params.len() {
        return Err(format!(
            "{name} takes {} type arguments, given {}",
            params.len(),
            args.len()
        ));
    }
    params
        .iter()
        .enumerate()
        .map(|(i, p)| match args.get(i).or(p.default.as_ref()) {
            Some(arg) => Ok((p.name.clone(), arg.clone())),
            None => Err(format!("{name}: no type argument for {}", p.name)),
        })
        .collect()
}

/// `ts` with the bound type parameters replaced.
fn subst(ts: &TsType, bound: &[(String, TsType)]) -> TsType {
    let all = |items: &[TsType]| items.iter().map(|t| subst(t, bound)).collect();
    match ts {
        TsType::Ref(name, args) if args.is_empty() => bound
            .iter()
            .find(|(p, _)| p == name)
            .map_or_else(|| ts.clone(), |(_, arg)| arg.clone()),
        TsType::Ref(name, args) => TsType::Ref(name.clone(), all(args)),
        TsType::Array(item) => TsType::Array(Box::new(subst(item, bound))),
        TsType::Union(items) => TsType::Union(all(items)),
        TsType::Inter(items) => TsType::Inter(all(items)),
        TsType::Object(obj) => TsType::Object(ObjectType {
            members: obj
                .members
                .iter()
                .map(|m| Member {
                    ty: subst(&m.ty, bound),
                    ..m.clone()
                })
                .collect(),
            index: obj.index.as_ref().map(|i| Box::new(subst(i, bound))),
        }),
        _ => ts.clone(),
    }
}

/// Adds `more`'s members to `obj`: an override replaces (an interface's own members over
/// what it extends); otherwise both apply (an intersection), so the member is the
/// intersection of both and optional only if optional in both.
fn merge(obj: &mut ObjectType, more: ObjectType, overrides: bool) {
    for m in more.members {
        match obj.members.iter_mut().find(|o| o.name == m.name) {
            Some(old) if overrides => *old = m,
            Some(old) => {
                old.ty = TsType::Inter(vec![old.ty.clone(), m.ty]);
                old.optional &= m.optional;
            }
            None => obj.members.push(m),
        }
    }
    obj.index = match (obj.index.take(), more.index) {
        (Some(a), Some(b)) if !overrides => Some(Box::new(TsType::Inter(vec![*a, *b]))),
        (a, b) => b.or(a),
    };
}
