//! The TypeScript of the DTOs, rendered from the response-type tables ([`Ty`]) the answers
//! are checked against, and from the request tables written in the same language: one
//! description, so the `.d.ts` promises exactly what the check lets through. A [`Ty::Named`]
//! node becomes a declaration of its own (`interface` for an object, `type` otherwise);
//! everything else is written inline. [`Ty::Open`] strings list their documented values
//! and keep `(string & {})`, because the check accepts any string there.
//!
//! Objects are closed: a field the tables do not name is not in the type (the check lets it
//! through, but nothing promises it), so a misspelt field is a compile error. One liberty:
//! an optional field is `name?: T`, as TypeScript (and `seismic-orchestration`) writes it,
//! although the check also lets it arrive as `null` (servers send `null` for "absent"); read
//! optional fields with `?.` / `??`, which cover both.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::core::schema::{Decl, Field, Ty};

/// The declarations reached so far, in the order they were first reached.
#[derive(Debug, Default)]
pub struct Dtos {
    order: Vec<&'static str>,
    decls: BTreeMap<&'static str, (&'static Decl, String)>,
}

impl Dtos {
    /// The TS type of `ty`, declaring every named type under it; an inline object's lines
    /// are indented by `indent`, where the type is written.
    pub fn expr(&mut self, ty: &'static Ty, indent: &str) -> Result<String, String> {
        self.ts(ty, indent)
    }

    /// Declares `decl` (and every named type under it).
    pub fn declare(&mut self, decl: &'static Decl) -> Result<(), String> {
        if let Some((known, _)) = self.decls.get(decl.name) {
            return if std::ptr::eq(*known, decl) || same(&known.ty, &decl.ty) {
                Ok(())
            } else {
                Err(format!("two different types are named {}", decl.name))
            };
        }
        // Reserved first, so a type that contains itself refers to its name.
        self.order.push(decl.name);
        self.decls.insert(decl.name, (decl, String::new()));
        let body = match &decl.ty {
            Ty::Obj(fields) if !fields.is_empty() => {
                format!(
                    "export interface {} {}\n",
                    decl.name,
                    self.object(fields, "")?
                )
            }
            ty => format!("export type {} = {};\n", decl.name, self.ts(ty, "")?),
        };
        let text = format!("{}{body}", doc(decl.doc, ""));
        self.decls.insert(decl.name, (decl, text));
        Ok(())
    }

    /// Every declaration, in the order reached.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for name in &self.order {
            if let Some((_, text)) = self.decls.get(name) {
                out.push('\n');
                out.push_str(text);
            }
        }
        out
    }

    /// The names declared.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.order.iter().copied()
    }

    fn ts(&mut self, ty: &'static Ty, indent: &str) -> Result<String, String> {
        Ok(match ty {
            Ty::Str => "string".into(),
            Ty::Num => "number".into(),
            Ty::Bool => "boolean".into(),
            Ty::Any => "unknown".into(),
            Ty::Obj([]) => "JsonObject".into(),
            Ty::Obj(fields) => self.object(fields, indent)?,
            Ty::Arr(item) => {
                let item = self.ts(item, indent)?;
                if simple(&item) {
                    format!("{item}[]")
                } else {
                    format!("Array<{item}>")
                }
            }
            Ty::Nullable(inner) => format!("{} | null", self.ts(inner, indent)?),
            Ty::Enum(values) => literals(values),
            Ty::Open(values) => format!("{} | (string & {{}})", literals(values)),
            Ty::Tagged { tag, variants } => {
                let mut parts = Vec::new();
                for (value, fields) in variants.iter() {
                    let tagged = format!("  {}: {value:?};\n", key(tag));
                    parts.push(self.members(fields, indent, &tagged)?);
                }
                parts.join(" | ")
            }
            Ty::OneOf(alternatives) => match objects(alternatives) {
                // Objects told apart by which fields they carry ("exactly one of cardNumber
                // or cardTrackTwo"): each alternative forbids the fields only others have.
                Some(objects) => {
                    let mut parts = Vec::new();
                    for fields in &objects {
                        let never: Vec<&str> = objects
                            .iter()
                            .flat_map(|other| other.iter().map(|f| f.name))
                            .filter(|name| !fields.iter().any(|f| f.name == *name))
                            .fold(Vec::new(), |mut names, name| {
                                if !names.contains(&name) {
                                    names.push(name);
                                }
                                names
                            });
                        let mut forbid = String::new();
                        for name in never {
                            let _ = writeln!(forbid, "  {}?: never;", key(name));
                        }
                        parts.push(self.members(fields, indent, &forbid)?);
                    }
                    parts.join(" | ")
                }
                None => {
                    let mut parts = Vec::new();
                    for alternative in alternatives.iter() {
                        parts.push(self.ts(alternative, indent)?);
                    }
                    parts.join(" | ")
                }
            },
            Ty::Named(decl) => {
                self.declare(decl)?;
                decl.name.into()
            }
        })
    }

    fn object(&mut self, fields: &'static [Field], indent: &str) -> Result<String, String> {
        self.members(fields, indent, "")
    }

    /// `{ … }` of `fields` at `indent`, the lines `first` (indented by two) before them.
    fn members(
        &mut self,
        fields: &'static [Field],
        indent: &str,
        first: &str,
    ) -> Result<String, String> {
        let inner = format!("{indent}  ");
        let mut out = String::from("{\n");
        for line in first.lines() {
            let _ = writeln!(out, "{indent}{line}");
        }
        for field in fields {
            let ty = self.ts(&field.ty, &inner)?;
            let mark = if field.required { "" } else { "?" };
            let _ = writeln!(
                out,
                "{}{inner}{}{mark}: {ty};",
                doc(field.doc, &inner),
                key(field.name)
            );
        }
        let _ = write!(out, "{indent}}}");
        Ok(out)
    }
}

/// What a method of a row resolves to: its response type, or the field `unwrap` names of
/// it (`None`: no body). `unwrapped`: the API's tables already describe the unwrapped value
/// (the Cards envelope's `data`, which the client extracts before the check).
pub fn returned(
    response: Option<&'static Ty>,
    unwrap: Option<&str>,
    unwrapped: bool,
) -> Result<Option<&'static Ty>, String> {
    let (Some(ty), Some(field), false) = (response, unwrap, unwrapped) else {
        return Ok(response);
    };
    match ty.checked() {
        Ty::Obj(fields) => fields
            .iter()
            .find(|f| f.name == field)
            .map(|f| Some(&f.ty))
            .ok_or(format!("the table has no field {field}")),
        _ => Err(format!("unwraps {field} of a non-object table")),
    }
}

/// The fields of each alternative when every one is an object with fields.
fn objects(alternatives: &'static [Ty]) -> Option<Vec<&'static [Field]>> {
    alternatives
        .iter()
        .map(|alternative| match alternative.checked() {
            Ty::Obj(fields) if !fields.is_empty() => Some(*fields),
            _ => None,
        })
        .collect()
}

/// Whether `ts` can take `[]` without parentheses.
fn simple(ts: &str) -> bool {
    ts.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn literals(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A property name, quoted when it is not an identifier.
fn key(name: &str) -> String {
    let ident = name.chars().enumerate().all(|(i, c)| {
        c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())
    });
    if ident && !name.is_empty() {
        name.to_owned()
    } else {
        format!("{name:?}")
    }
}

/// Whether two types are the same structure (for one name reached through two tables).
fn same(a: &Ty, b: &Ty) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// A doc comment at `indent`, or nothing.
pub fn doc(text: &str, indent: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    if !text.contains('\n') && text.len() < 90 {
        return format!("{indent}/** {text} */\n");
    }
    let mut out = format!("{indent}/**\n");
    for line in text.lines() {
        let _ = writeln!(out, "{indent} * {line}");
    }
    out + &format!("{indent} */\n")
}

#[cfg(test)]
mod tests {
    use super::Dtos;
    use crate::core::schema::Ty::{self, Arr, Enum, Nullable, Num, Obj, OneOf, Str, Tagged};
    use crate::core::schema::{named, open, opt, req, Decl};

    const STATUS: Decl = Decl {
        name: "OrderStatus",
        doc: "Where an order is.",
        ty: Enum(&["pending", "done"]),
    };
    const ORDER: Decl = Decl {
        name: "Order",
        doc: "An order.",
        ty: Obj(&[
            req("id", Str).doc("Its id."),
            req("status", named(&STATUS)),
            opt("note", Nullable(&Str)),
            req("network", open(&["VISA", "MASTERCARD"])),
            req("legs", Arr(&Obj(&[req("amount", Str)]))),
        ]),
    };
    const PAGE: Ty = Obj(&[req("orders", Arr(&named(&ORDER))), req("total", Num)]);

    #[test]
    fn names_become_declarations_and_the_rest_is_inline() -> Result<(), String> {
        let mut dtos = Dtos::default();
        let page = dtos.expr(&PAGE, "")?;
        assert_eq!(page, "{\n  orders: Order[];\n  total: number;\n}");
        assert_eq!(dtos.names().collect::<Vec<_>>(), ["Order", "OrderStatus"]);
        let text = dtos.render();
        assert!(text.contains("/** An order. */\nexport interface Order {\n  /** Its id. */\n  id: string;\n  status: OrderStatus;\n  note?: string | null;\n  network: \"VISA\" | \"MASTERCARD\" | (string & {});\n  legs: Array<{\n    amount: string;\n  }>;\n}\n"), "{text}");
        assert!(
            text.contains(
                "/** Where an order is. */\nexport type OrderStatus = \"pending\" | \"done\";\n"
            ),
            "{text}"
        );
        Ok(())
    }

    #[test]
    fn a_name_for_two_different_types_is_refused() -> Result<(), String> {
        const OTHER: Decl = Decl {
            name: "Order",
            doc: "",
            ty: Str,
        };
        let mut dtos = Dtos::default();
        dtos.declare(&ORDER)?;
        assert_eq!(
            dtos.declare(&OTHER),
            Err("two different types are named Order".to_owned())
        );
        Ok(())
    }

    #[test]
    fn alternatives_of_objects_exclude_each_others_fields() -> Result<(), String> {
        const CARD: Ty = OneOf(&[
            Obj(&[req("cardNumber", Str), req("amount", Str)]),
            Obj(&[req("cardTrackTwo", Str), req("amount", Str)]),
        ]);
        const ID: Ty = OneOf(&[Str, Obj(&[])]);
        let mut dtos = Dtos::default();
        assert_eq!(
            dtos.expr(&CARD, "")?,
            "{\n  cardTrackTwo?: never;\n  cardNumber: string;\n  amount: string;\n} | {\n  cardNumber?: never;\n  cardTrackTwo: string;\n  amount: string;\n}"
        );
        assert_eq!(dtos.expr(&ID, "")?, "string | JsonObject");
        Ok(())
    }

    #[test]
    fn tagged_objects_are_a_union_on_their_tag() -> Result<(), String> {
        const KYC: Ty = Tagged {
            tag: "status",
            variants: &[
                ("NONE", &[opt("caseId", Str)]),
                ("DONE", &[req("caseId", Str)]),
            ],
        };
        let mut dtos = Dtos::default();
        let ts = dtos.expr(&KYC, "")?;
        assert_eq!(
            ts,
            "{\n  status: \"NONE\";\n  caseId?: string;\n} | {\n  status: \"DONE\";\n  caseId: string;\n}"
        );
        Ok(())
    }
}
