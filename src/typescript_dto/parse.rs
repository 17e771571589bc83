//! A parser for the subset of TypeScript the hand-written DTO declarations use: interfaces
//! (with `extends` and type parameters), type aliases, and the types in them (unions,
//! intersections, literals, arrays, object literals, generic references, function types).
//! Declarations that are values (`class`, `function`) are recorded as such and their bodies
//! skipped; imports and re-exports are skipped. Anything else is an error with its line, so
//! a construct the checker does not know is never read as something it is not.

use std::collections::BTreeMap;
use std::fmt;

/// A TypeScript type.
#[derive(Debug, Clone, PartialEq)]
pub enum TsType {
    /// A keyword type: `string`, `number`, `boolean`, `null`, `undefined`, `unknown`, …
    Keyword(String),
    /// A string literal type (`"ready"`).
    Str(String),
    /// A number literal type (`0`, `-1`).
    Num(String),
    /// `true` or `false`.
    Bool(bool),
    /// A named type and its type arguments (`Account`, `Array<T>`, `Record<string, T>`).
    Ref(String, Vec<TsType>),
    /// `T[]`, `readonly T[]`.
    Array(Box<TsType>),
    /// `A | B`.
    Union(Vec<TsType>),
    /// `A & B`.
    Inter(Vec<TsType>),
    /// An object literal type, or an interface's body.
    Object(ObjectType),
    /// A function type (`(a: A) => B`): its parameters and result are not kept.
    Function,
    /// `typeof name`.
    Typeof(String),
}

/// The members of an object type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectType {
    /// Its properties, in order (methods are left out: they are never data).
    pub members: Vec<Member>,
    /// The value type of its `[key: string]: T` signature.
    pub index: Option<Box<TsType>>,
}

impl ObjectType {
    /// The property `name`.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

/// One property of an object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Its name.
    pub name: String,
    /// Declared with `?`.
    pub optional: bool,
    /// Its type.
    pub ty: TsType,
}

/// A type parameter: its name and default.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its name (`T`).
    pub name: String,
    /// Its default (`= JsonObject`).
    pub default: Option<TsType>,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum Decl {
    /// `interface Name<P> extends A, B { … }`.
    Interface {
        /// Its type parameters.
        params: Vec<Param>,
        /// What it extends.
        extends: Vec<TsType>,
        /// Its own members.
        body: ObjectType,
    },
    /// `type Name<P> = T;`.
    Alias {
        /// Its type parameters.
        params: Vec<Param>,
        /// What it stands for.
        ty: TsType,
    },
    /// A class: a value that also names its instances, never a DTO.
    Class,
}

/// Declarations by name.
pub type Decls = BTreeMap<String, Decl>;

/// Adds the declarations of the TypeScript `src` to `into`; a name declared twice is an
/// error (the files never merge declarations, so a second one is a mistake).
pub fn parse(src: &str, into: &mut Decls) -> Result<(), String> {
    let mut p = Parser::new(src)?;
    while p.pos < p.toks.len() {
        let (name, decl) = match p.statement()? {
            Some(found) => found,
            None => continue,
        };
        if into.insert(name.clone(), decl).is_some() {
            return Err(format!("{name} is declared twice"));
        }
    }
    Ok(())
}

/// Parses one type written on its own (a method's `returns`).
pub fn parse_type(text: &str) -> Result<TsType, String> {
    let mut p = Parser::new(text)?;
    let ty = p.ty()?;
    match p.toks.get(p.pos) {
        None => Ok(ty),
        Some(_) => Err(p.err("text after the type")),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    Punct(char),
    Arrow,
}

/// The keyword types, space-separated.
const KEYWORDS: &str = "string number boolean bigint null undefined unknown any never void object";

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    let mut toks = Vec::new();
    let mut chars = src.chars().peekable();
    let mut line = 1;
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            c if c.is_whitespace() => {}
            '/' if chars.peek() == Some(&'/') => while chars.next_if(|&c| c != '\n').is_some() {},
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                loop {
                    match chars.next() {
                        Some('/') if prev == '*' => break,
                        Some(c) => {
                            line += usize::from(c == '\n');
                            prev = c;
                        }
                        None => return Err(format!("line {line}: unterminated comment")),
                    }
                }
            }
            '"' | '\'' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some('\\') => text.extend(chars.next()),
                        Some('\n') | None => {
                            return Err(format!("line {line}: unterminated string"))
                        }
                        Some(other) => text.push(other),
                    }
                }
                toks.push((Tok::Str(text), line));
            }
            c if c.is_ascii_alphanumeric() || "_$".contains(c) => {
                let number = c.is_ascii_digit();
                let mut text = String::from(c);
                let more = |d: &char| {
                    d.is_ascii_alphanumeric() || "_$".contains(*d) || (number && *d == '.')
                };
                while let Some(d) = chars.next_if(more) {
                    text.push(d);
                }
                toks.push((
                    if number {
                        Tok::Num(text)
                    } else {
                        Tok::Ident(text)
                    },
                    line,
                ));
            }
            '=' if chars.peek() == Some(&'>') => {
                chars.next();
                toks.push((Tok::Arrow, line));
            }
            c if "{}()[]<>;:,?|&=.-*".contains(c) => toks.push((Tok::Punct(c), line)),
            other => return Err(format!("line {line}: unexpected {other:?}")),
        }
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
}

impl Parser {
    fn new(src: &str) -> Result<Self, String> {
        Ok(Self {
            toks: lex(src)?,
            pos: 0,
        })
    }

    fn err(&self, what: &str) -> String {
        let at = self.toks.get(self.pos).or(self.toks.last());
        match at {
            Some((tok, line)) => format!("line {line}: {what} (at {tok:?})"),
            None => format!("{what} (empty text)"),
        }
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn next(&mut self) -> Result<Tok, String> {
        let tok = self
            .peek()
            .cloned()
            .ok_or_else(|| self.err("unexpected end"))?;
        self.pos += 1;
        Ok(tok)
    }

    fn is(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.is(c);
        self.pos += usize::from(found);
        found
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(&format!("expected `{c}`")))
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = matches!(self.peek(), Some(Tok::Ident(w)) if w == word);
        self.pos += usize::from(found);
        found
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.next()? {
            Tok::Ident(name) => Ok(name),
            _ => {
                self.pos -= 1;
                Err(self.err("expected a name"))
            }
        }
    }

    /// Skips to the `;` ending a statement (outside brackets) and past it.
    fn skip_statement(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Tok::Punct('{' | '(' | '[') => depth += 1,
                Tok::Punct('}' | ')' | ']') => depth = depth.saturating_sub(1),
                Tok::Punct(';') if depth == 0 => return Ok(()),
                _ => {}
            }
        }
    }

    /// Skips a bracketed group starting at the current `open` token.
    fn skip_group(&mut self, open: char, close: char) -> Result<(), String> {
        self.expect(open)?;
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Tok::Punct(c) if c == open => depth += 1,
                Tok::Punct(c) if c == close => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<Option<(String, Decl)>, String> {
        if self.eat_word("import") {
            self.skip_statement()?;
            return Ok(None);
        }
        let exported = self.eat_word("export");
        self.eat_word("declare");
        if exported && (self.is('*') || self.is('{')) {
            self.skip_statement()?;
            return Ok(None);
        }
        if self.eat_word("interface") {
            let name = self.ident()?;
            let params = self.params()?;
            let mut extends = Vec::new();
            if self.eat_word("extends") {
                extends.push(self.ty()?);
                while self.eat(',') {
                    extends.push(self.ty()?);
                }
            }
            self.expect('{')?;
            let body = self.members()?;
            return Ok(Some((
                name,
                Decl::Interface {
                    params,
                    extends,
                    body,
                },
            )));
        }
        if self.eat_word("type") {
            let name = self.ident()?;
            let params = self.params()?;
            self.expect('=')?;
            let ty = self.ty()?;
            self.expect(';')?;
            return Ok(Some((name, Decl::Alias { params, ty })));
        }
        if self.eat_word("class") {
            let name = self.ident()?;
            while !self.is('{') {
                self.next()?;
            }
            self.skip_group('{', '}')?;
            return Ok(Some((name, Decl::Class)));
        }
        if self.eat_word("function") {
            // A function is a value only: nothing to resolve a type name to.
            self.skip_statement()?;
            return Ok(None);
        }
        Err(self.err("expected a declaration"))
    }

    fn params(&mut self) -> Result<Vec<Param>, String> {
        let mut params = Vec::new();
        if !self.eat('<') {
            return Ok(params);
        }
        loop {
            let name = self.ident()?;
            if self.eat_word("extends") {
                self.ty()?;
            }
            let default = if self.eat('=') {
                Some(self.ty()?)
            } else {
                None
            };
            params.push(Param { name, default });
            if !self.eat(',') {
                self.expect('>')?;
                return Ok(params);
            }
        }
    }

    /// The members of an object type, after its `{`, up to and past its `}`.
    fn members(&mut self) -> Result<ObjectType, String> {
        let mut obj = ObjectType::default();
        while !self.eat('}') {
            let modifier = matches!(self.peek(), Some(Tok::Ident(w)) if w == "readonly")
                && matches!(
                    self.toks.get(self.pos + 1),
                    Some((Tok::Ident(_) | Tok::Str(_), _))
                );
            self.pos += usize::from(modifier);
            if self.eat('[') {
                self.ident()?;
                self.expect(':')?;
                self.ty()?;
                self.expect(']')?;
                self.expect(':')?;
                if obj.index.replace(Box::new(self.ty()?)).is_some() {
                    return Err(self.err("a second index signature"));
                }
            } else {
                let name = match self.next()? {
                    Tok::Ident(name) | Tok::Str(name) => name,
                    _ => {
                        self.pos -= 1;
                        return Err(self.err("expected a member"));
                    }
                };
                let optional = self.eat('?');
                if self.is('(') || self.is('<') {
                    // A method: behaviour, not data.
                    if self.is('<') {
                        self.skip_group('<', '>')?;
                    }
                    self.skip_group('(', ')')?;
                    if self.eat(':') {
                        self.ty()?;
                    }
                } else {
                    self.expect(':')?;
                    let ty = self.ty()?;
                    obj.members.push(Member { name, optional, ty });
                }
            }
            if !self.eat(';') && !self.eat(',') && !self.is('}') {
                return Err(self.err("expected `;` or `}` after a member"));
            }
        }
        Ok(obj)
    }

    fn ty(&mut self) -> Result<TsType, String> {
        let ty = self.list('|', Self::intersection, TsType::Union)?;
        if !self.eat_word("extends") {
            return Ok(ty);
        }
        // `A extends B ? C : D` is one of its branches: both are kept, as a union.
        self.list('|', Self::intersection, TsType::Union)?;
        self.expect('?')?;
        let then = self.ty()?;
        self.expect(':')?;
        Ok(TsType::Union(vec![then, self.ty()?]))
    }

    fn intersection(&mut self) -> Result<TsType, String> {
        self.list('&', Self::postfix, TsType::Inter)
    }

    fn list(
        &mut self,
        sep: char,
        item: fn(&mut Self) -> Result<TsType, String>,
        join: fn(Vec<TsType>) -> TsType,
    ) -> Result<TsType, String> {
        self.eat(sep);
        let mut items = vec![item(self)?];
        while self.eat(sep) {
            items.push(item(self)?);
        }
        Ok(match items.len() {
            1 => items.remove(0),
            _ => join(items),
        })
    }

    fn postfix(&mut self) -> Result<TsType, String> {
        let mut ty = self.primary()?;
        while self.is('[') {
            self.pos += 1;
            self.expect(']')?;
            ty = TsType::Array(Box::new(ty));
        }
        Ok(ty)
    }

    fn primary(&mut self) -> Result<TsType, String> {
        match self.next()? {
            Tok::Punct('(') => {
                self.pos -= 1;
                let start = self.pos;
                self.skip_group('(', ')')?;
                if self.peek() == Some(&Tok::Arrow) {
                    self.pos += 1;
                    self.ty()?;
                    return Ok(TsType::Function);
                }
                self.pos = start + 1;
                let ty = self.ty()?;
                self.expect(')')?;
                Ok(ty)
            }
            Tok::Punct('{') => Ok(TsType::Object(self.members()?)),
            Tok::Punct('-') => match self.next()? {
                Tok::Num(n) => Ok(TsType::Num(format!("-{n}"))),
                _ => Err(self.err("expected a number")),
            },
            Tok::Str(s) => Ok(TsType::Str(s)),
            Tok::Num(n) => Ok(TsType::Num(n)),
            Tok::Ident(word) => self.named(word),
            _ => {
                self.pos -= 1;
                Err(self.err("expected a type"))
            }
        }
    }

    fn named(&mut self, word: String) -> Result<TsType, String> {
        match word.as_str() {
            "true" | "false" => return Ok(TsType::Bool(word == "true")),
            "typeof" => return Ok(TsType::Typeof(self.ident()?)),
            // A conditional type's `infer X` binds a name only its branches use.
            "infer" => {
                self.ident()?;
                return Ok(TsType::Keyword("unknown".to_owned()));
            }
            "readonly" => {
                return match self.postfix()? {
                    array @ TsType::Array(_) => Ok(array),
                    _ => Err(self.err("`readonly` of a non-array")),
                }
            }
            "keyof" | "new" | "asserts" | "is" => {
                self.pos -= 1;
                return Err(self.err("an operator this parser does not know"));
            }
            w if KEYWORDS.split(' ').any(|k| k == w) => return Ok(TsType::Keyword(word)),
            _ => {}
        }
        let mut name = word;
        while self.eat('.') {
            name = format!("{name}.{}", self.ident()?);
        }
        let mut args = Vec::new();
        if self.eat('<') {
            loop {
                args.push(self.ty()?);
                if !self.eat(',') {
                    self.expect('>')?;
                    break;
                }
            }
        }
        Ok(TsType::Ref(name, args))
    }
}

impl fmt::Display for TsType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let joined = |f: &mut fmt::Formatter<'_>, items: &[TsType], sep: &str| {
            for (i, item) in items.iter().enumerate() {
                let wrap = matches!(item, TsType::Union(_) | TsType::Inter(_) | TsType::Function);
                let sep = if i == 0 { "" } else { sep };
                if wrap {
                    write!(f, "{sep}({item})")?;
                } else {
                    write!(f, "{sep}{item}")?;
                }
            }
            Ok(())
        };
        match self {
            TsType::Keyword(k) => f.write_str(k),
            TsType::Str(s) => write!(f, "{s:?}"),
            TsType::Num(n) => f.write_str(n),
            TsType::Bool(b) => write!(f, "{b}"),
            TsType::Ref(name, args) if args.is_empty() => f.write_str(name),
            TsType::Ref(name, args) => {
                write!(f, "{name}<")?;
                joined(f, args, ", ")?;
                f.write_str(">")
            }
            TsType::Array(item) => {
                joined(f, std::slice::from_ref(item), "")?;
                f.write_str("[]")
            }
            TsType::Union(items) => joined(f, items, " | "),
            TsType::Inter(items) => joined(f, items, " & "),
            TsType::Object(obj) => {
                f.write_str("{")?;
                for m in &obj.members {
                    let q = if m.optional { "?" } else { "" };
                    write!(f, " {}{q}: {};", m.name, m.ty)?;
                }
                if let Some(index) = &obj.index {
                    write!(f, " [key: string]: {index};")?;
                }
                f.write_str(" }")
            }
            TsType::Function => f.write_str("(…) => …"),
            TsType::Typeof(name) => write!(f, "typeof {name}"),
        }
    }
}
