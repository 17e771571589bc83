//! The response-type language: what a documented answer is ([`Ty`], [`Field`]), and how a
//! failed check carries its path outwards ([`Fail`]) so the path text is built only once, at
//! the top, when a body fails.

use std::borrow::Cow;

/// A documented JSON type.
///
/// The last three forms are TypeScript only: they exist in native builds, where the
/// package's `.d.ts` is generated from these tables, and are checked as the type they stand
/// for. In the wasm their constructors ([`named`], [`open`]) answer that type itself, so no
/// name, doc or listed value reaches the module.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A JSON string (ids, timestamps, and money: amounts are strings on the wire).
    Str,
    /// `true` / `false`.
    Bool,
    /// A JSON number.
    Num,
    /// Anything, `null` included (a body the docs do not describe).
    Any,
    /// An array whose every element is of the inner type.
    Arr(&'static Ty),
    /// An object with these documented fields; other fields pass through. `Obj(&[])` is any
    /// object.
    Obj(&'static [Field]),
    /// The inner type or `null`.
    Nullable(&'static Ty),
    /// One of these strings exactly (closed enums callers branch on).
    Enum(&'static [&'static str]),
    /// An object discriminated by its string field `tag`: each variant lists the fields its
    /// tag value brings (the tag itself is checked against the variant names).
    Tagged {
        /// Name of the discriminating field.
        tag: &'static str,
        /// Tag value → that variant's fields.
        variants: &'static [(&'static str, &'static [Field])],
    },
    /// Any one of these types (e.g. a quote endpoint: an account id string or an object).
    OneOf(&'static [Ty]),
    /// A type with a name and a doc: a declaration of its own in the `.d.ts`.
    #[cfg(not(target_arch = "wasm32"))]
    Named(&'static Decl),
    /// A string whose documented values the `.d.ts` lists; any string passes (the server may
    /// add values, and a client must not break when it does).
    #[cfg(not(target_arch = "wasm32"))]
    Open(&'static [&'static str]),
}

/// A named type of the `.d.ts` (`interface RampOrder`, `type OrderStatus`).
#[derive(Debug)]
pub struct Decl {
    /// Its TypeScript name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// What it is.
    pub ty: Ty,
}

/// `decl`'s type, declared in the `.d.ts` under its name.
pub const fn named(decl: &'static Decl) -> Ty {
    #[cfg(not(target_arch = "wasm32"))]
    return Ty::Named(decl);
    #[cfg(target_arch = "wasm32")]
    decl.ty
}

/// A string with these documented values: [`Ty::Str`] to the check.
pub const fn open(values: &'static [&'static str]) -> Ty {
    #[cfg(not(target_arch = "wasm32"))]
    return Ty::Open(values);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = values;
        Ty::Str
    }
}

impl Ty {
    /// The type the check applies: itself, or what a TypeScript-only form stands for.
    #[inline(always)]
    pub fn checked(&self) -> &Ty {
        #[cfg(not(target_arch = "wasm32"))]
        match self {
            Ty::Named(decl) => return decl.ty.checked(),
            Ty::Open(_) => return &Ty::Str,
            _ => {}
        }
        self
    }
}

/// One documented field of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Required fields must be present (and, unless [`Ty::Nullable`], not `null`); optional
    /// ones are checked only when present and not `null`.
    pub required: bool,
    /// Its doc comment in the `.d.ts` (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

impl Field {
    /// The field with this doc comment in the `.d.ts`.
    pub const fn doc(self, text: &'static str) -> Field {
        #[cfg(not(target_arch = "wasm32"))]
        return Field { doc: text, ..self };
        #[cfg(target_arch = "wasm32")]
        {
            let _ = text;
            self
        }
    }
}

/// A required field.
pub const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
        #[cfg(not(target_arch = "wasm32"))]
        doc: "",
    }
}

/// An optional field.
pub const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
        #[cfg(not(target_arch = "wasm32"))]
        doc: "",
    }
}

/// One step of a failure's path, innermost first while unwinding.
#[derive(Debug)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A failed check: boxed so that the success path returns a single word.
#[derive(Debug)]
pub struct Fail {
    /// Path segments, innermost first.
    pub rev: Vec<Seg>,
    pub message: Cow<'static, str>,
}

pub type Checked = Result<(), Box<Fail>>;

impl Fail {
    pub fn new(message: impl Into<Cow<'static, str>>) -> Box<Self> {
        Box::new(Self {
            rev: Vec::new(),
            message: message.into(),
        })
    }

    /// The failure as `(path, message)`, the path written from `response`
    /// (`response.quotes[2].fees.total`).
    pub fn into_parts(self) -> (String, Cow<'static, str>) {
        let mut path = String::from("response");
        for seg in self.rev.iter().rev() {
            match seg {
                Seg::Key(name) => {
                    path.push('.');
                    path.push_str(name);
                }
                Seg::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        (path, self.message)
    }
}

/// Adds the segment of the value that failed to a failure coming out of it.
pub fn at(seg: Seg) -> impl FnOnce(Box<Fail>) -> Box<Fail> {
    move |mut fail| {
        fail.rev.push(seg);
        fail
    }
}

/// What a value of `ty` is said to be in messages ("must be …").
pub fn noun(ty: &Ty) -> Cow<'static, str> {
    match ty {
        #[cfg(not(target_arch = "wasm32"))]
        Ty::Named(decl) => noun(&decl.ty),
        #[cfg(not(target_arch = "wasm32"))]
        Ty::Open(_) => "a string".into(),
        Ty::Str => "a string".into(),
        Ty::Bool => "a boolean".into(),
        Ty::Num => "a number".into(),
        Ty::Any => "any value".into(),
        Ty::Arr(_) => "an array".into(),
        Ty::Obj(_) | Ty::Tagged { .. } => "an object".into(),
        Ty::Nullable(inner) => format!("{} or null", noun(inner)).into(),
        Ty::Enum(values) => format!("one of {}", quoted(values)).into(),
        Ty::OneOf(alternatives) => alternatives
            .iter()
            .map(noun)
            .collect::<Vec<_>>()
            .join(" or ")
            .into(),
    }
}

/// `"a", "b", "c"`.
pub fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn mismatch(ty: &Ty) -> Box<Fail> {
    Fail::new(format!("must be {}", noun(ty)))
}
