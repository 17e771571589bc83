//! Renders the TypeScript of each client's methods from its endpoint rows and its
//! TypeScript table (`src/<api>/typescript.rs`): one interface per namespace, one method per
//! row (plus the few methods that run on other methods). `cargo xtask build` writes the
//! result into the package (`examples/dts.rs`). Native only: none of this text is in the wasm.

use std::fmt::Write;

pub mod dto;
pub mod files;

/// A namespace of a client (`client.accounts`), nested ones named with dots (`auth.mfa`).
#[derive(Debug)]
pub struct Namespace {
    /// Its path on the client.
    pub name: &'static str,
    /// The name of its interface in the `.d.ts`.
    pub interface: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
}

/// The TypeScript of one method.
#[derive(Debug)]
pub struct Method {
    /// Its path on the client (`cards.freeze`), as its row names it.
    pub name: &'static str,
    /// Its parameters before the options bag (`params: CardIssueParams`), maybe empty.
    pub params: &'static str,
    /// What it returns when that is not its row's response (`AsyncIterable<…>` of the
    /// methods that run on others); empty for a row's method, whose `Promise<…>` is rendered
    /// from its response table ([`dto`]).
    pub returns: &'static str,
    /// The TS type of its options bag, when not the client's usual one (empty).
    pub options: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
}

/// Everything the renderer needs of one client.
#[derive(Debug)]
pub struct Surface {
    /// Its namespaces.
    pub namespaces: &'static [Namespace],
    /// Its methods.
    pub methods: &'static [Method],
    /// The TS type of every method's last, optional argument.
    pub options: &'static str,
}

/// Checks that `surface` has exactly one method per row of `rows` plus the `extras`, and
/// that every method sits in a declared namespace; says what disagrees.
pub fn agree(surface: &Surface, rows: &[&str], extras: &[&str]) -> Result<(), String> {
    for (i, m) in surface.methods.iter().enumerate() {
        if surface.methods[..i].iter().any(|o| o.name == m.name) {
            return Err(format!("{} is declared twice", m.name));
        }
        if !rows.contains(&m.name) && !extras.contains(&m.name) {
            return Err(format!("{} is declared but has no row", m.name));
        }
        let (ns, _) = split(m.name);
        if !ns.is_empty() && !surface.namespaces.iter().any(|n| n.name == ns) {
            return Err(format!("{}: no namespace {ns}", m.name));
        }
    }
    for name in rows.iter().chain(extras) {
        if !surface.methods.iter().any(|m| m.name == *name) {
            return Err(format!("{name} has a row but no TypeScript"));
        }
    }
    Ok(())
}

/// `("auth.mfa", "verify")` for `auth.mfa.verify`; `("", "health")` for `health`.
fn split(name: &str) -> (&str, &str) {
    name.rsplit_once('.').unwrap_or(("", name))
}

/// The interfaces of `surface`'s namespaces: each lists its methods and its nested
/// namespaces. Methods without a namespace are returned separately, for the class.
pub fn render(surface: &Surface, returns: &dyn Fn(&Method) -> String) -> (String, String) {
    let mut out = String::new();
    for ns in surface.namespaces {
        let _ = writeln!(
            out,
            "\n{}export interface {} {{",
            doc(ns.doc, ""),
            ns.interface
        );
        for child in surface.namespaces {
            if split(child.name).0 == ns.name {
                let _ = writeln!(
                    out,
                    "{}  readonly {}: {};",
                    doc(child.doc, "  "),
                    split(child.name).1,
                    child.interface
                );
            }
        }
        for m in surface
            .methods
            .iter()
            .filter(|m| split(m.name).0 == ns.name)
        {
            out.push_str(&method(surface, m, &returns(m)));
        }
        out.push_str("}\n");
    }
    let mut top = String::new();
    for ns in surface.namespaces.iter().filter(|n| !n.name.contains('.')) {
        let _ = writeln!(
            top,
            "{}  readonly {}: {};",
            doc(ns.doc, "  "),
            ns.name,
            ns.interface
        );
    }
    for m in surface
        .methods
        .iter()
        .filter(|m| split(m.name).0.is_empty())
    {
        top.push_str(&method(surface, m, &returns(m)));
    }
    (out, top)
}

fn method(surface: &Surface, m: &Method, returns: &str) -> String {
    let sep = if m.params.is_empty() { "" } else { ", " };
    let options = if m.options.is_empty() {
        surface.options
    } else {
        m.options
    };
    format!(
        "{}  {}({}{sep}options?: {}): {returns};\n",
        doc(m.doc, "  "),
        split(m.name).1,
        m.params,
        options,
    )
}

use dto::doc;

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &[Namespace] = &[
        Namespace {
            name: "auth",
            interface: "Auth",
            doc: "Auth.",
        },
        Namespace {
            name: "auth.mfa",
            interface: "AuthMfa",
            doc: "MFA.",
        },
    ];
    const METHODS: &[Method] = &[
        Method {
            name: "auth.login",
            params: "email: string",
            returns: "Promise<void>",
            options: "",
            doc: "Logs in.",
        },
        Method {
            name: "auth.mfa.verify",
            params: "",
            returns: "Promise<void>",
            options: "",
            doc: "Verifies.",
        },
        Method {
            name: "health",
            params: "",
            returns: "Promise<Health>",
            options: "",
            doc: "Health.",
        },
    ];
    const SURFACE: Surface = Surface {
        namespaces: NS,
        methods: METHODS,
        options: "Opts",
    };

    #[test]
    fn renders_interfaces_nested_namespaces_and_top_level_methods() {
        let (interfaces, top) = render(&SURFACE, &|m| m.returns.to_owned());
        assert!(interfaces.contains("export interface Auth {\n  /** MFA. */\n  readonly mfa: AuthMfa;\n  /** Logs in. */\n  login(email: string, options?: Opts): Promise<void>;\n}"), "{interfaces}");
        assert!(interfaces.contains("export interface AuthMfa {\n  /** Verifies. */\n  verify(options?: Opts): Promise<void>;\n}"), "{interfaces}");
        assert_eq!(top, "  /** Auth. */\n  readonly auth: Auth;\n  /** Health. */\n  health(options?: Opts): Promise<Health>;\n");
    }

    #[test]
    fn disagreements_are_named() {
        let rows = ["auth.login", "auth.mfa.verify", "health"];
        assert_eq!(agree(&SURFACE, &rows, &[]), Ok(()));
        assert_eq!(
            agree(&SURFACE, &rows[..2], &[]),
            Err("health is declared but has no row".into())
        );
        assert_eq!(
            agree(&SURFACE, &[&rows[..], &["quotes.get"]].concat(), &[]),
            Err("quotes.get has a row but no TypeScript".into())
        );
    }
}
