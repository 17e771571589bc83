use super::{agree, disagreements, parse, parse_type, Decls};
use crate::core::endpoint::Endpoint;
use crate::core::schema::Ty::{self, Any, Arr, Enum, Nullable, Num, Obj, OneOf, Str, Tagged};
use crate::core::schema::{opt, req};
use crate::typescript::Surface;
use std::collections::BTreeMap;

const ORCHESTRATION: &[&str] = &[
    include_str!("../../pkg-template/orchestration.d.ts"),
    include_str!("../../pkg-template/orchestration-identity.d.ts"),
    include_str!("../../pkg-template/orchestration-money.d.ts"),
];

/// The wasm-only `src/js` files, read as text: their TypeScript is in `r#"…"#` strings.
const JS: &[&str] = &[
    include_str!("../js/types.rs"),
    include_str!("../js/types_cards.rs"),
];

/// Known disagreements, each `(message without the method, why it stands for now)`. The
/// tables are what the sandbox and the docs were checked against, so they are not bent to
/// the `.d.ts`; each entry waits for a fix to the declarations (or a ruling that the table
/// is too strict). An entry that no longer occurs fails the test too, so the list shrinks.
const KNOWN: &[(&str, &str)] = &[];

struct Api {
    name: &'static str,
    surface: &'static Surface,
    extras: &'static [&'static str],
    /// Each row: name, response type, unwrap.
    rows: Vec<(&'static str, Option<&'static Ty>, Option<&'static str>)>,
    /// Cards' tables describe the envelope's `data`, which the client extracts before the
    /// check (`cards/client.rs`): its `unwrap: Some("data")` is already applied to them.
    unwrapped: bool,
    files: Vec<String>,
    /// What each method resolves to, as the generated declarations write it.
    returns: BTreeMap<&'static str, String>,
}

fn rows<P>(
    table: &'static [Endpoint<P>],
) -> Vec<(&'static str, Option<&'static Ty>, Option<&'static str>)> {
    table
        .iter()
        .map(|e| (e.name, e.response, e.unwrap))
        .collect()
}

/// The TypeScript of the `typescript_custom_section` strings of a Rust file.
fn sections(rust: &str) -> String {
    rust.split("r#\"")
        .skip(1)
        .filter_map(|s| s.split_once("\"#"))
        .map(|(ts, _)| ts)
        .collect()
}

fn apis() -> Result<Vec<Api>, String> {
    let js: Vec<String> = JS.iter().map(|f| sections(f)).collect();
    let mut generated = crate::typescript::files::generated()?;
    let mut apis = vec![
        Api {
            name: "orchestration",
            surface: &crate::orchestration::typescript::SURFACE,
            extras: crate::orchestration::typescript::EXTRAS,
            rows: rows(crate::orchestration::endpoints::ENDPOINTS),
            unwrapped: false,
            files: ORCHESTRATION.iter().map(|f| (*f).to_owned()).collect(),
            returns: BTreeMap::new(),
        },
        Api {
            name: "cards",
            surface: &crate::cards::typescript::SURFACE,
            extras: crate::cards::typescript::EXTRAS,
            rows: rows(crate::cards::ENDPOINTS),
            unwrapped: true,
            files: js.clone(),
            returns: BTreeMap::new(),
        },
        Api {
            name: "stored value",
            surface: &crate::stored_value::typescript::SURFACE,
            extras: crate::stored_value::typescript::EXTRAS,
            rows: rows(crate::stored_value::ENDPOINTS),
            unwrapped: false,
            files: js.clone(),
            returns: BTreeMap::new(),
        },
        Api {
            name: "envelope",
            surface: &crate::envelope::typescript::SURFACE,
            extras: &[],
            rows: rows(crate::envelope::ENDPOINTS),
            unwrapped: false,
            files: js,
            returns: BTreeMap::new(),
        },
    ];
    // The generated DTOs of each API (in the order `generated` answers them) join its
    // hand-declared ones.
    let order = ["cards", "stored-value", "envelope", "orchestration"];
    for (stem, api) in order.iter().zip([1, 2, 3, 0]) {
        let at = generated
            .iter()
            .position(|g| g.stem == *stem)
            .ok_or(format!("no generated {stem}"))?;
        let g = generated.remove(at);
        apis[api].files.push(g.types);
        apis[api].returns = g.returns;
    }
    Ok(apis)
}

fn decls(files: &[impl AsRef<str>]) -> Result<Decls, String> {
    let mut decls = Decls::new();
    for file in files {
        parse(file.as_ref(), &mut decls)?;
    }
    Ok(decls)
}

/// The type a method returns, per its row: the table type, or its `unwrap` field's.
fn returned(ty: &'static Ty, unwrap: Option<&str>, unwrapped: bool) -> Result<&'static Ty, String> {
    let (Some(field), false) = (unwrap, unwrapped) else {
        return Ok(ty);
    };
    match ty {
        Obj(fields) => fields
            .iter()
            .find(|f| f.name == field)
            .map(|f| &f.ty)
            .ok_or(format!("the table has no field {field}")),
        _ => Err(format!("unwraps {field} of a non-object table")),
    }
}

/// Every disagreement of `api`'s methods, `method: message`, and how many were checked.
fn check(api: &Api) -> Result<(usize, Vec<String>), String> {
    let decls = decls(&api.files).map_err(|e| format!("{}: {e}", api.name))?;
    let mut found = Vec::new();
    let mut checked = 0;
    for method in api
        .surface
        .methods
        .iter()
        .filter(|m| !api.extras.contains(&m.name))
    {
        let name = method.name;
        let &(_, response, unwrap) = api
            .rows
            .iter()
            .find(|r| r.0 == name)
            .ok_or(format!("{name}: no row"))?;
        let returns = api.returns.get(name).map_or(method.returns, String::as_str);
        let inner = returns
            .strip_prefix("Promise<")
            .and_then(|r| r.strip_suffix('>'))
            .ok_or(format!("{name}: returns {returns}, not a Promise"))?;
        checked += 1;
        let Some(ty) = response else {
            if inner.trim() != "void" {
                found.push(format!("{name}: table says no body, TS says {inner}"));
            }
            continue;
        };
        let ty = returned(ty, unwrap, api.unwrapped).map_err(|e| format!("{name}: {e}"))?;
        let ts = parse_type(inner).map_err(|e| format!("{name}: {e}"))?;
        found.extend(
            disagreements(ty, &ts, &decls)
                .into_iter()
                .map(|d| format!("{name}: {d}")),
        );
    }
    Ok((checked, found))
}

#[test]
fn the_shipped_dtos_agree_with_the_response_tables() -> Result<(), String> {
    // message → the methods it occurs in
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for api in apis()? {
        let (checked, disagreements) = check(&api)?;
        let rows = api.rows.len();
        if checked != rows {
            return Err(format!(
                "{}: checked {checked} methods of {rows} rows",
                api.name
            ));
        }
        for d in disagreements {
            let (method, message) = d.split_once(": ").ok_or(d.clone())?;
            found
                .entry(message.to_owned())
                .or_default()
                .push(format!("{}.{method}", api.name));
        }
    }
    let new: Vec<String> = found
        .iter()
        .filter(|(m, _)| !KNOWN.iter().any(|(k, _)| k == m))
        .map(|(m, methods)| format!("{m}    [{}]", methods.join(", ")))
        .collect();
    let stale: Vec<&str> = KNOWN
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !found.contains_key(*k))
        .collect();
    if new.is_empty() && stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "new disagreements:\n{}\nno longer occurring: {stale:?}",
            new.join("\n")
        ))
    }
}

const DECLS: &str = r#"
export type Kind = "a" | "b";
export interface Base { id: string }
export interface Thing extends Base { kind: Kind; n?: number; [k: string]: unknown; go(): void }
export interface Box<T = string> { value: T }
export type Shape = { tag: "sq"; side: number } | (Base & { tag: "circle"; r: number });
export declare class Client { constructor(x: string); }
export type Host = typeof globalThis extends { Host: { prototype: infer E } } ? E : never;
"#;

fn check_text(ty: &Ty, ts: &str) -> Result<(), String> {
    let decls = decls(&[DECLS])?;
    agree(ty, &parse_type(ts)?, &decls)
}

const ID: Ty = Obj(&[req("id", Str)]);

#[test]
fn required_fields_must_be_declared_required_and_of_their_type() {
    assert_eq!(check_text(&ID, "{ id: string; extra: number }"), Ok(()));
    assert_eq!(
        check_text(&ID, "{ id?: string }"),
        Err("id: table says required, TS says optional".into())
    );
    assert_eq!(
        check_text(&ID, "{ id: number }"),
        Err("id: table says string, TS says number".into())
    );
    assert_eq!(
        check_text(&ID, "{ [k: string]: unknown }"),
        Err("id: table says required string, TS does not declare it".into())
    );
    assert_eq!(
        check_text(&ID, "string"),
        Err("table says an object, TS says string".into())
    );
    const OPT: Ty = Obj(&[opt("id", Str)]);
    assert_eq!(check_text(&OPT, "{ id: string }"), Ok(()));
    assert_eq!(check_text(&OPT, "{ id?: string }"), Ok(()));
    // The table skips an optional field that is `null`; a required one must say so.
    assert_eq!(check_text(&OPT, "{ id?: string | null }"), Ok(()));
    assert_eq!(
        check_text(&ID, "{ id: string | null }"),
        Err("id: table says string, TS says string | null".into())
    );
    // A field declared by both halves of an intersection.
    assert_eq!(check_text(&ID, "{ id: string } & { id: string }"), Ok(()));
    assert!(check_text(&ID, "{ id: string } & { id: number }").is_err());
}

#[test]
fn objects_resolve_through_extends_intersections_generics_and_utilities() {
    const THING: Ty = Obj(&[
        req("id", Str),
        req("kind", Enum(&["b", "a"])),
        opt("n", Num),
    ]);
    assert_eq!(check_text(&THING, "Thing"), Ok(()));
    assert_eq!(
        check_text(&THING, "Base & { kind: Kind; n: number }"),
        Ok(())
    );
    assert_eq!(
        check_text(&THING, "Partial<Thing>"),
        Err("id: table says required, TS says optional".into())
    );
    assert!(check_text(&THING, "Omit<Thing, \"kind\">")
        .is_err_and(|e| e.contains("kind: table says required")));
    const BOXED: Ty = Obj(&[req("value", Num)]);
    assert_eq!(check_text(&BOXED, "Box<number>"), Ok(()));
    assert_eq!(
        check_text(&BOXED, "Box"),
        Err("Box.value: table says number, TS says string".into())
    );
    assert_eq!(
        check_text(&ID, "Client"),
        Err("Client is a class, not a DTO".into())
    );
    assert_eq!(
        check_text(&ID, "Missing"),
        Err("Missing is not declared".into())
    );
    assert_eq!(check_text(&Any, "(() => void)"), Ok(()));
    const FN: Ty = Obj(&[req("f", Str)]);
    assert!(check_text(&FN, "{ f: () => string }").is_err());
}

#[test]
fn enums_need_exactly_their_literals() {
    const AB: Ty = Enum(&["a", "b"]);
    assert_eq!(check_text(&AB, "\"b\" | \"a\""), Ok(()));
    assert_eq!(check_text(&AB, "Kind"), Ok(()));
    assert!(check_text(&AB, "\"a\" | \"c\"").is_err());
    assert!(check_text(&AB, "\"a\"").is_err());
    assert_eq!(
        check_text(&AB, "string"),
        Err("table says \"a\" | \"b\", TS says string".into())
    );
    assert_eq!(check_text(&Str, "Kind"), Ok(()));
    assert_eq!(check_text(&Str, "\"x\" | (string & {})"), Ok(()));
    assert!(check_text(&Str, "string | null").is_err());
    assert_eq!(check_text(&Num, "0 | 1"), Ok(()));
}

#[test]
fn arrays_nullables_and_alternatives() {
    const LIST: Ty = Arr(&Str);
    for ok in ["string[]", "readonly string[]", "Array<string>", "Kind[]"] {
        assert_eq!(check_text(&LIST, ok), Ok(()), "{ok}");
    }
    const XS: Ty = Obj(&[req("xs", LIST)]);
    assert_eq!(
        check_text(&XS, "{ xs: number[] }"),
        Err("xs[]: table says string, TS says number".into())
    );
    const MAYBE: Ty = Nullable(&Str);
    assert_eq!(check_text(&MAYBE, "string | null"), Ok(()));
    assert_eq!(
        check_text(&MAYBE, "string"),
        Err("table says string | null, TS says string".into())
    );
    assert!(check_text(&MAYBE, "number | null").is_err());
    const EITHER: Ty = OneOf(&[Str, Obj(&[])]);
    assert_eq!(check_text(&EITHER, "string | Thing"), Ok(()));
    assert!(check_text(&OneOf(&[Str, Num]), "string").is_err());
}

#[test]
fn tagged_variants_need_a_member_with_their_tag_and_fields() {
    const SHAPE: Ty = Tagged {
        tag: "tag",
        variants: &[
            ("sq", &[req("side", Num)]),
            ("circle", &[req("id", Str), req("r", Num)]),
        ],
    };
    assert_eq!(check_text(&SHAPE, "Shape"), Ok(()));
    const MORE: Ty = Tagged {
        tag: "tag",
        variants: &[("sq", &[req("side", Num)]), ("tri", &[])],
    };
    assert_eq!(
        check_text(&MORE, "Shape"),
        Err("Shape: table says variant tag = \"tri\", TS has no union member with it".into())
    );
    const WRONG: Ty = Tagged {
        tag: "tag",
        variants: &[("circle", &[req("r", Str)])],
    };
    assert_eq!(
        check_text(&WRONG, "Shape"),
        Err("Shape(tag=\"circle\").r: table says string, TS says number".into())
    );
}

#[test]
fn what_the_parser_does_not_know_is_an_error() {
    let mut decls = Decls::new();
    assert!(parse("export const x = 1;", &mut decls).is_err());
    assert!(parse("export type T = `a${string}`;", &mut decls).is_err());
    assert!(parse("export type T = keyof U;", &mut decls).is_err());
    assert!(
        parse("type A = string; type A = number;", &mut decls).is_err_and(|e| e.contains("twice"))
    );
    assert!(parse_type("{ a: string").is_err());
}
