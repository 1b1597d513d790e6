//! Bounds on rendering. A site's templates are code: a loop that doubles a
//! string, loops nested too deep or an endless output would run a build
//! out of memory (an abort, exit 134) or time. Tera has no hook between
//! its instructions, so when a site has templates of its own, every
//! template (the built-in ones too: a site's template can drive them in a
//! loop) is rewritten before it is compiled, each value, loop, output and
//! list comprehension passing through a guard filter that counts the
//! page's budget ([`Budget`]). A guard that runs out stops the page with a
//! template error at the tag or expression responsible, mapped back to
//! the file as written ([`Instrumented::place`]). Every page is written
//! into a bounded buffer ([`PageWriter`]), and the filters that can
//! multiply their input (`replace`, `join`, `indent`, `str`) check the
//! size of their result before making it (`theme`).
//!
//! The limits, for each page: [`MAX_PAGE`] bytes of output, [`MAX_VALUE`]
//! bytes in one value a template makes or stores, [`MAX_VARIABLES`] bytes
//! in all its variables, [`MAX_WORK`] bytes of text made in all (output,
//! captured blocks, list items), [`MAX_ITERATIONS`] loop iterations; and
//! [`MAX_CONCAT`] pieces joined by `~` in one expression. What remains is
//! bounded by Tera's own limits: `range` makes at most 100,000 numbers,
//! an expression has at most 256 operations, components nest at most 20
//! deep, and `include` cycles are refused.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;

/// The largest page, in bytes: four times the largest content file.
pub const MAX_PAGE: usize = 64 * 1024 * 1024;
/// The largest value a template may store (`set`) or make in one step.
pub const MAX_VALUE: usize = 16 * 1024 * 1024;
/// The most all of a page's template variables may hold together.
pub const MAX_VARIABLES: usize = 64 * 1024 * 1024;
/// The most text one page's templates may make: output, captured blocks
/// (`{% set %}…{% endset %}`, `{% filter %}`) and list items, with each
/// loop body's text counted once per iteration.
pub const MAX_WORK: u64 = 256 * 1024 * 1024;
/// The most loop iterations (`for` and list comprehensions) for one page.
pub const MAX_ITERATIONS: u64 = 1_000_000;
/// The most pieces one expression may join with `~` (each `~`, and each
/// element of a list or map written in an expression that joins).
pub const MAX_CONCAT: usize = 32;

/// Names of the guard filters (registered by `theme`).
pub const SET: &str = "__dossier_set";
pub const LOOP: &str = "__dossier_loop";
pub const OUT: &str = "__dossier_out";
/// Counts what `{{ a.b }}` wrote; writes nothing itself.
pub const WROTE: &str = "__dossier_wrote";
pub const ITEM: &str = "__dossier_item";
pub const ARGS: &str = "__dossier_args";

// Lexing: the tokens of a Tera template, as Tera's own lexer cuts them
// (tera 2.4, `parsing/lexer.rs`), with their byte ranges.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Comment,
    Raw,
    /// `{{` or `{{-`.
    VarStart,
    VarEnd,
    /// `{%` or `{%-`.
    TagStart,
    TagEnd,
    Ident,
    Str,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

impl Token {
    fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Tera's `skip_tag`: `-? ws* name ws* -? %}` at the start of `text`; the
/// length it spans.
fn skip_tag(text: &str, name: &str) -> Option<usize> {
    let rest = text.strip_prefix('-').unwrap_or(text);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let rest = rest.strip_prefix(name)?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let rest = rest.strip_prefix("%}")?;
    Some(text.len() - rest.len())
}

/// The tokens of `source`, or `None` where Tera's lexer would fail (an
/// unclosed tag, string or comment, a character it does not know).
fn lex(source: &str) -> Option<Vec<Token>> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let token = |kind, start, end| Token { kind, start, end };
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"{{") {
            let end = i + if rest.get(2) == Some(&b'-') { 3 } else { 2 };
            tokens.push(token(Kind::VarStart, i, end));
            i = lex_inside(source, end, "}}", Kind::VarEnd, &mut tokens)?;
        } else if rest.starts_with(b"{%") {
            let after = i + if rest.get(2) == Some(&b'-') { 3 } else { 2 };
            if let Some(len) = skip_tag(&source[after..], "raw") {
                // Everything up to `{% endraw %}` is text to Tera.
                let mut from = after + len;
                let end = loop {
                    let at = from + find(&bytes[from..], b"{%")?;
                    if let Some(len) = skip_tag(&source[at + 2..], "endraw") {
                        break at + 2 + len;
                    }
                    from = at + 2;
                };
                tokens.push(token(Kind::Raw, i, end));
                i = end;
                continue;
            }
            tokens.push(token(Kind::TagStart, i, after));
            i = lex_inside(source, after, "%}", Kind::TagEnd, &mut tokens)?;
        } else if rest.starts_with(b"{#") {
            let end = i + 2 + find(&bytes[i + 2..], b"#}")? + 2;
            tokens.push(token(Kind::Comment, i, end));
            i = end;
        } else {
            let next = rest
                .windows(2)
                .position(|w| w == b"{{" || w == b"{%" || w == b"{#")
                .map_or(bytes.len(), |p| i + p);
            tokens.push(token(Kind::Text, i, next));
            i = next;
        }
    }
    Some(tokens)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Lexes the inside of a tag or `{{ }}` from `i` up to and including its
/// end (`-%}`, `%}`, `-}}`, `}}`); where the text continues.
fn lex_inside(
    source: &str,
    mut i: usize,
    end: &str,
    end_kind: Kind,
    tokens: &mut Vec<Token>,
) -> Option<usize> {
    let bytes = source.as_bytes();
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let rest = bytes.get(i..).filter(|r| !r.is_empty())?;
        let (kind, len) = if rest[0] == b'-' && rest[1..].starts_with(end.as_bytes()) {
            (end_kind, 3)
        } else if rest.starts_with(end.as_bytes()) {
            (end_kind, 2)
        } else if rest.starts_with(b"...") {
            (Kind::Punct, 3)
        } else if [
            b"//", b"**", b"==", b"!=", b">=", b"<=", b"</", b"?.", b"?[",
        ]
        .iter()
        .any(|op| rest.starts_with(*op))
        {
            (Kind::Punct, 2)
        } else if matches!(rest[0], b'"' | b'\'' | b'`') {
            let quote = rest[0];
            let mut j = 1;
            while *rest.get(j)? != quote {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            (Kind::Str, j + 1)
        } else if rest[0].is_ascii_digit() {
            let mut dot = false;
            let len = rest
                .iter()
                .take_while(|&&c| {
                    if !dot && c == b'.' {
                        dot = true;
                        true
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .count();
            (Kind::Num, len)
        } else if b"+-*/%!.,:~|=><()[]{}@".contains(&rest[0]) {
            (Kind::Punct, 1)
        } else if rest[0] == b'_' || rest[0].is_ascii_alphabetic() {
            let len = rest
                .iter()
                .take_while(|&&c| c == b'_' || c.is_ascii_alphanumeric())
                .count();
            (Kind::Ident, len)
        } else {
            return None;
        };
        tokens.push(Token {
            kind,
            start: i,
            end: i + len,
        });
        i += len;
        if kind == end_kind {
            return Some(i);
        }
    }
}

// Instrumenting.

/// Text added to a template, before the byte `at` of the original.
#[derive(Debug, Clone)]
struct Insert {
    at: usize,
    text: String,
    /// What an error inside the added text is reported at.
    blame: Range<usize>,
}

/// A mistake found while instrumenting: a template error of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the template as written.
    pub at: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// A template with its guards added, and how to find its places again.
#[derive(Debug, Clone, Default)]
pub struct Instrumented {
    /// The source to compile.
    pub source: String,
    inserts: Vec<Insert>,
}

impl Instrumented {
    /// The byte range in the template as written of `range` in
    /// [`Instrumented::source`]: the same text, or what an added guard
    /// stands for.
    pub fn place(&self, range: Range<usize>) -> Range<usize> {
        let mut added = 0;
        for insert in &self.inserts {
            let start = insert.at + added;
            if range.start < start {
                break;
            }
            if range.start < start + insert.text.len() {
                return insert.blame.clone();
            }
            added += insert.text.len();
        }
        let start = range.start - added;
        start..start + range.len()
    }
}

/// Rewrites `source` so that a page rendered from it cannot pass its
/// budget: `{% set x = E %}` stores `(E) | __dossier_set(name="x")`,
/// `{% for x in E %}` loops over `(E) | __dossier_loop(text=N)` (N: the
/// text its body writes each time round, with what its `include`s write,
/// from `text_of`), `{{ E }}` writes `(E) | __dossier_out`, `[E for x in T]`
/// makes `[(E) | __dossier_item for x in (T) | __dossier_loop(text=0)]`, and
/// a component checks its arguments first. `None` when Tera could not
/// read the template either (its own error is reported then).
pub fn instrument(
    source: &str,
    text_of: &dyn Fn(&str) -> u64,
) -> Option<(Instrumented, Vec<Problem>)> {
    let tokens = lex(source)?;
    let mut inserts: Vec<(Insert, usize)> = Vec::new();
    let mut problems = Vec::new();
    let loops = loop_texts(source, &tokens, text_of);
    let mut add = |at: usize, text: String, blame: Range<usize>| {
        let order = inserts.len();
        inserts.push((Insert { at, text, blame }, order));
    };
    let mut i = 0;
    while i < tokens.len() {
        let open = tokens[i];
        if !matches!(open.kind, Kind::VarStart | Kind::TagStart) {
            i += 1;
            continue;
        }
        let close_kind = if open.kind == Kind::VarStart {
            Kind::VarEnd
        } else {
            Kind::TagEnd
        };
        let len = tokens[i + 1..].iter().position(|t| t.kind == close_kind)?;
        let inner = &tokens[i + 1..i + 1 + len];
        let close = tokens[i + 1 + len];
        let whole = open.start..close.end;
        if let Some(problem) = too_many_pieces(source, inner) {
            problems.push(problem);
        }
        if open.kind == Kind::VarStart {
            if let (Some(first), Some(last)) = (inner.first(), inner.last()) {
                let blame = first.start..last.end;
                if is_path(source, inner) {
                    // `{{ a.b }}` is left to Tera, which names what is not
                    // defined; a guard after it counts what it wrote.
                    let trim = if close.text(source).starts_with('-') {
                        "-"
                    } else {
                        ""
                    };
                    let path = &source[blame.clone()];
                    add(
                        close.end,
                        format!("{{{{ {path} | {WROTE} {trim}}}}}"),
                        blame,
                    );
                } else {
                    add(first.start, "(".into(), blame.clone());
                    comprehensions(source, inner, &mut add);
                    add(close.start, format!(") | {OUT}"), blame);
                }
            }
        } else {
            let name = inner
                .first()
                .filter(|t| t.kind == Kind::Ident)
                .map(|t| t.text(source));
            match name {
                Some("set" | "set_global") => {
                    let var = inner.get(1).map_or("", |t| t.text(source));
                    let guard = format!("{SET}(name=\"{var}\")");
                    match inner.get(2) {
                        Some(eq) if eq.text(source) == "=" && inner.len() > 3 => {
                            let blame = inner[3].start..inner[inner.len() - 1].end;
                            add(inner[3].start, "(".into(), blame.clone());
                            comprehensions(source, &inner[3..], &mut add);
                            add(close.start, format!(") | {guard}"), blame);
                        }
                        // `{% set x %}…{% endset %}`, perhaps with filters.
                        _ => add(close.start, format!(" | {guard}"), whole.clone()),
                    }
                }
                Some("for") => {
                    let target = inner
                        .iter()
                        .position(|t| t.kind == Kind::Ident && t.text(source) == "in")
                        .map(|at| &inner[at + 1..])
                        .filter(|target| !target.is_empty());
                    if let Some(target) = target {
                        let blame = target[0].start..target[target.len() - 1].end;
                        let text = loops.get(&open.start).copied().unwrap_or(0);
                        add(target[0].start, "(".into(), blame.clone());
                        comprehensions(source, target, &mut add);
                        add(close.start, format!(") | {LOOP}(text={text})"), blame);
                    }
                }
                Some("component") => {
                    comprehensions(source, inner, &mut add);
                    let params = parameters(source, inner);
                    if !params.is_empty() {
                        let trim = if close.text(source).starts_with('-') {
                            "-"
                        } else {
                            ""
                        };
                        add(
                            close.end,
                            format!("{{{{ [{}] | {ARGS} {trim}}}}}", params.join(", ")),
                            whole.clone(),
                        );
                    }
                }
                _ => comprehensions(source, inner, &mut add),
            }
        }
        i += len + 2;
    }
    let mut inserts: Vec<(Insert, usize)> = inserts;
    inserts.sort_by_key(|(insert, order)| (insert.at, *order));
    let inserts: Vec<Insert> = inserts.into_iter().map(|(insert, _)| insert).collect();
    let mut out = String::with_capacity(source.len() + inserts.len() * 24);
    let mut from = 0;
    for insert in &inserts {
        out.push_str(&source[from..insert.at]);
        out.push_str(&insert.text);
        from = insert.at;
    }
    out.push_str(&source[from..]);
    Some((
        Instrumented {
            source: out,
            inserts,
        },
        problems,
    ))
}

/// Whether `tokens` are a plain path: `name` or `a.b.c`.
fn is_path(source: &str, tokens: &[Token]) -> bool {
    tokens.iter().enumerate().all(|(i, t)| {
        if i % 2 == 0 {
            t.kind == Kind::Ident
        } else {
            t.kind == Kind::Punct && t.text(source) == "."
        }
    }) && tokens.len() % 2 == 1
}

/// The text each loop's body writes once round, by the byte where its
/// `{% for %}` starts: its own text (not that of loops inside it, which
/// count their own) and what the templates it includes write.
fn loop_texts(
    source: &str,
    tokens: &[Token],
    text_of: &dyn Fn(&str) -> u64,
) -> FxHashMap<usize, u64> {
    let mut texts = FxHashMap::default();
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        match token.kind {
            Kind::Text | Kind::Raw => {
                if let Some((_, text)) = open.last_mut() {
                    *text += token.text(source).len() as u64;
                }
            }
            Kind::TagStart => {
                let name = tokens
                    .get(i + 1)
                    .filter(|t| t.kind == Kind::Ident)
                    .map(|t| t.text(source));
                match name {
                    Some("for") => open.push((token.start, 0)),
                    Some("endfor") => {
                        if let Some((start, text)) = open.pop() {
                            texts.insert(start, text);
                        }
                    }
                    Some("include") => {
                        let included = tokens
                            .get(i + 2)
                            .filter(|t| t.kind == Kind::Str)
                            .map(|t| unquote(t.text(source)));
                        if let (Some(name), Some((_, text))) = (included, open.last_mut()) {
                            *text += text_of(name);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    texts
}

/// The text written by a template by itself, outside its loops (which
/// are counted once round each time they run), with that of the
/// templates it includes there, as `text_of` gives it.
pub fn text_outside_loops(source: &str, text_of: &dyn Fn(&str) -> u64) -> u64 {
    let Some(tokens) = lex(source) else {
        return source.len() as u64;
    };
    let mut depth = 0usize;
    let mut text = 0u64;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Text | Kind::Raw if depth == 0 => text += token.text(source).len() as u64,
            Kind::TagStart => match tokens.get(i + 1).map(|t| t.text(source)) {
                Some("for") => depth += 1,
                Some("endfor") => depth = depth.saturating_sub(1),
                Some("include") if depth == 0 => {
                    if let Some(name) = tokens.get(i + 2).filter(|t| t.kind == Kind::Str) {
                        text += text_of(unquote(name.text(source)));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    text
}

/// The byte range of the name in the first `{% TAG "TARGET" %}` of
/// `source` (`include` or `extends`), quotes included.
pub fn find_tag(source: &str, tag: &str, target: &str) -> Option<Range<usize>> {
    let tokens = lex(source)?;
    tokens.windows(3).find_map(|w| {
        (w[0].kind == Kind::TagStart
            && w[1].kind == Kind::Ident
            && w[1].text(source) == tag
            && w[2].kind == Kind::Str
            && unquote(w[2].text(source)) == target)
            .then(|| w[2].start..w[2].end)
    })
}

fn unquote(text: &str) -> &str {
    text.get(1..text.len().saturating_sub(1)).unwrap_or("")
}

/// The names of a component's parameters: `{% component name(a, b: string = "x") %}`.
fn parameters<'a>(source: &'a str, inner: &[Token]) -> Vec<&'a str> {
    let Some(open) = inner.iter().position(|t| t.text(source) == "(") else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let mut depth = 0;
    let mut expect_name = true;
    for token in &inner[open + 1..] {
        match token.text(source) {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" if depth == 0 => break,
            ")" | "]" | "}" => depth -= 1,
            "," if depth == 0 => expect_name = true,
            _ if expect_name && depth == 0 && token.kind == Kind::Ident => {
                names.push(token.text(source));
                expect_name = false;
            }
            _ => expect_name = false,
        }
    }
    names
}

/// The matching closer of the bracket at `tokens[at]`.
fn matching(source: &str, tokens: &[Token], at: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(at) {
        if token.kind != Kind::Punct {
            continue;
        }
        match token.text(source) {
            "(" | "[" | "{" | "?[" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Guards the list comprehensions `[E for x in T if C]` among `tokens`
/// (one expression, or a tag's inside): each item and each target.
fn comprehensions(
    source: &str,
    tokens: &[Token],
    add: &mut dyn FnMut(usize, String, Range<usize>),
) {
    for (at, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Punct || token.text(source) != "[" {
            continue;
        }
        let Some(end) = matching(source, tokens, at) else {
            continue;
        };
        // `for` and `in` directly inside these brackets.
        let mut depth = 0;
        let (mut for_at, mut in_at, mut if_at) = (None, None, None);
        for (i, t) in tokens.iter().enumerate().take(end).skip(at + 1) {
            match (t.kind, t.text(source)) {
                (Kind::Punct, "(" | "[" | "{" | "?[") => depth += 1,
                (Kind::Punct, ")" | "]" | "}") => depth -= 1,
                (Kind::Ident, "for") if depth == 0 && for_at.is_none() => for_at = Some(i),
                (Kind::Ident, "in") if depth == 0 && for_at.is_some() && in_at.is_none() => {
                    in_at = Some(i)
                }
                (Kind::Ident, "if") if depth == 0 && in_at.is_some() && if_at.is_none() => {
                    if_at = Some(i)
                }
                _ => {}
            }
        }
        let (Some(for_at), Some(in_at)) = (for_at, in_at) else {
            continue;
        };
        if for_at == at + 1 || in_at + 1 >= if_at.unwrap_or(end) {
            continue;
        }
        let item = tokens[at + 1].start..tokens[for_at - 1].end;
        add(item.start, "(".into(), item.clone());
        add(tokens[for_at].start, format!(") | {ITEM} "), item);
        let target_end = if_at.unwrap_or(end);
        let target = tokens[in_at + 1].start..tokens[target_end - 1].end;
        add(target.start, "(".into(), target.clone());
        add(
            tokens[target_end].start,
            format!(") | {LOOP}(text=0) "),
            target,
        );
    }
}

/// A problem when one expression joins more than [`MAX_CONCAT`] pieces:
/// each `~`, and (when it has one) each element of a list or map written
/// in it.
fn too_many_pieces(source: &str, tokens: &[Token]) -> Option<Problem> {
    let joins: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Punct && t.text(source) == "~")
        .collect();
    if joins.is_empty() {
        return None;
    }
    // Commas inside `[…]` and `{…}` written as lists and maps (not `a[i]`).
    let mut stack: Vec<bool> = Vec::new();
    let mut elements = 0;
    let mut previous: Option<&Token> = None;
    for token in tokens {
        match (token.kind, token.text(source)) {
            (Kind::Punct, "[") => {
                let subscript = previous.is_some_and(|p| {
                    matches!(p.kind, Kind::Ident | Kind::Str)
                        || matches!(p.text(source), ")" | "]" | "}")
                });
                stack.push(!subscript);
            }
            (Kind::Punct, "{" | "(" | "?[") => stack.push(token.text(source) == "{"),
            (Kind::Punct, ")" | "]" | "}") => {
                stack.pop();
            }
            (Kind::Punct, ",") if stack.last() == Some(&true) => elements += 1,
            _ => {}
        }
        previous = Some(token);
    }
    let pieces = joins.len() + elements;
    (pieces > MAX_CONCAT).then(|| {
        let last = joins[joins.len() - 1];
        Problem {
            at: joins[0].start..last.end,
            message: format!(
                "this expression joins {pieces} pieces with `~`; at most {MAX_CONCAT} may be joined in one expression"
            ),
            hint: "join in steps, with `{% set %}`: one expression may not multiply a string many times over".into(),
        }
    })
}

// The budget of a page.

/// What the page being rendered on this thread has used so far.
#[derive(Debug, Default, Clone)]
pub struct Budget {
    iterations: u64,
    work: u64,
    /// The size of each variable's last value, by name.
    variables: FxHashMap<String, usize>,
    in_variables: usize,
}

thread_local! {
    static BUDGET: RefCell<Budget> = RefCell::new(Budget::default());
    /// Bytes written to the page so far: apart from [`BUDGET`], as it is
    /// updated at every write of the page (a `Cell`, no borrow).
    static PAGE_BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The budget of one page: a fresh one from [`Page::begin`] until dropped
/// (then the one before it is back, should pages ever nest on a thread).
pub struct Page {
    previous: Option<(Budget, usize)>,
}

impl Page {
    pub fn begin() -> Page {
        let previous = BUDGET.with(|b| std::mem::take(&mut *b.borrow_mut()));
        Page {
            previous: Some((previous, PAGE_BYTES.replace(0))),
        }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some((previous, bytes)) = self.previous.take() {
            BUDGET.with(|b| *b.borrow_mut() = previous);
            PAGE_BYTES.set(bytes);
        }
    }
}

fn with_budget<T>(f: impl FnOnce(&mut Budget) -> T) -> T {
    BUDGET.with(|b| f(&mut b.borrow_mut()))
}

fn megabytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// The size `value` takes written out (as `{{ value }}` or `~` write it),
/// counting no further than `limit + 1`: a list holding itself many times
/// over is measured in the time it takes to pass the limit.
pub fn written_size(value: &tera::Value, limit: usize) -> usize {
    let mut size = 0;
    measure(value, limit, &mut size);
    size
}

fn measure(value: &tera::Value, limit: usize, size: &mut usize) {
    if *size > limit {
        return;
    }
    if let Some(text) = value.as_str() {
        // Inside a list or map a string is quoted, and may be escaped.
        *size += text.len() + 2;
    } else if let Some(items) = value.as_array() {
        *size += 2;
        for item in items {
            *size += 2;
            measure(item, limit, size);
            if *size > limit {
                return;
            }
        }
    } else if let Some(map) = value.as_map() {
        *size += 2;
        for (key, item) in map {
            *size += 4 + key.as_str().map_or(24, str::len);
            measure(item, limit, size);
            if *size > limit {
                return;
            }
        }
    } else if let Some(bytes) = value.as_bytes() {
        *size += bytes.len();
    } else {
        // Numbers, booleans, none.
        *size += 40;
    }
}

/// The error of a guard that ran out.
fn over(what: String) -> tera::Error {
    tera::Error::message(what)
}

/// Whether a template error is one of these limits (each says "over the
/// limit of").
pub fn is_limit(message: &str) -> bool {
    message.contains("over the limit of")
}

/// What to do about a limit.
pub const HINT: &str = "each page's templates are bounded so that none can run a build out of memory or time (docs/templates.md, \"Limits\"): make less in a loop, or build the value in smaller parts";

/// `__dossier_set`: a value stored in the variable `name`.
pub fn set(value: &tera::Value, name: &str) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_VALUE);
    if size > MAX_VALUE {
        return Err(over(format!(
            "the value set to `{name}` is over the limit of {} MB for one value",
            megabytes(MAX_VALUE as u64)
        )));
    }
    with_budget(|b| {
        let before = b.variables.insert(name.to_string(), size).unwrap_or(0);
        b.in_variables = b.in_variables - before + size;
        if b.in_variables > MAX_VARIABLES {
            return Err(over(format!(
                "this page's template variables are over the limit of {} MB in all",
                megabytes(MAX_VARIABLES as u64)
            )));
        }
        Ok(())
    })
}

/// Counts `bytes` of text made for this page.
fn work(bytes: u64) -> tera::TeraResult<()> {
    with_budget(|b| {
        b.work = b.work.saturating_add(bytes);
        if b.work > MAX_WORK {
            return Err(over(format!(
                "the text made for this page is over the limit of {} MB",
                megabytes(MAX_WORK)
            )));
        }
        Ok(())
    })
}

/// `__dossier_loop`: a loop about to run over `value`, writing `text`
/// bytes of its own each time round.
pub fn iterate(value: &tera::Value, text: u64) -> tera::TeraResult<()> {
    let times = value.len().unwrap_or(0) as u64;
    with_budget(|b| {
        b.iterations = b.iterations.saturating_add(times);
        if b.iterations > MAX_ITERATIONS {
            return Err(over(format!(
                "this page's loops are over the limit of {MAX_ITERATIONS} iterations"
            )));
        }
        Ok(())
    })?;
    work(times.saturating_mul(text))
}

/// `__dossier_out`: a value written by `{{ }}` (to the page, or to a
/// block being captured).
pub fn output(value: &tera::Value) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_PAGE);
    if PAGE_BYTES.get().saturating_add(size) > MAX_PAGE {
        return Err(over(format!(
            "this output takes the page over the limit of {} MB",
            megabytes(MAX_PAGE as u64)
        )));
    }
    work(size as u64)
}

/// `__dossier_item`: an item of a list comprehension.
pub fn item(value: &tera::Value) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_VALUE);
    if size > MAX_VALUE {
        return Err(over(format!(
            "an item of this list is over the limit of {} MB for one value",
            megabytes(MAX_VALUE as u64)
        )));
    }
    work(size as u64)
}

/// `__dossier_args`: the arguments a component was called with.
pub fn arguments(value: &tera::Value) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_VALUE);
    if size > MAX_VALUE {
        return Err(over(format!(
            "the arguments of this component are over the limit of {} MB for one value",
            megabytes(MAX_VALUE as u64)
        )));
    }
    work(size as u64)
}

/// Checks that a filter's result, `size` bytes, may be made.
pub fn result(size: usize, filter: &str) -> tera::TeraResult<()> {
    if size > MAX_VALUE {
        return Err(over(format!(
            "`{filter}` would make a value over the limit of {} MB",
            megabytes(MAX_VALUE as u64)
        )));
    }
    Ok(())
}

/// A page being written: refuses to grow past [`MAX_PAGE`].
pub struct PageWriter {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl Default for PageWriter {
    /// Room for a typical page (most are 5 to 40 KB), so that writing
    /// one seldom grows and copies its buffer.
    fn default() -> PageWriter {
        PageWriter {
            bytes: Vec::with_capacity(48 * 1024),
            overflowed: false,
        }
    }
}

impl PageWriter {
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl std::io::Write for PageWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE {
            self.overflowed = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        let written = self.bytes.len();
        PAGE_BYTES.set(written);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(source: &str) -> String {
        instrument(source, &|_| 0).unwrap().0.source
    }

    #[test]
    fn tokens_follow_teras_lexer() {
        let source = "a{{ x ~ \"%}\" -}}b{# {{ c }} #}{% raw %}{{ d }}{% endraw %}{%- if y -%}";
        let kinds: Vec<Kind> = lex(source).unwrap().iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [
                Text, VarStart, Ident, Punct, Str, VarEnd, Text, Comment, Raw, TagStart, Ident,
                Ident, TagEnd
            ]
        );
        assert!(lex("{{ \"open }}").is_none());
        assert!(lex("{% if x").is_none());
    }

    #[test]
    fn values_loops_outputs_and_items_are_guarded() {
        assert_eq!(
            guarded("{% set x = a ~ b %}"),
            "{% set x = (a ~ b ) | __dossier_set(name=\"x\")%}"
        );
        assert_eq!(
            guarded("{%- set_global x | upper -%}y{% endset %}"),
            "{%- set_global x | upper  | __dossier_set(name=\"x\")-%}y{% endset %}"
        );
        assert_eq!(
            guarded("{% for k, v in m %}ab{% endfor %}"),
            "{% for k, v in (m ) | __dossier_loop(text=2)%}ab{% endfor %}"
        );
        assert_eq!(
            guarded("{{- x.y -}}"),
            "{{- x.y -}}{{ x.y | __dossier_wrote -}}"
        );
        assert_eq!(guarded("{{ a ~ b }}"), "{{ (a ~ b ) | __dossier_out}}");
        assert_eq!(
            guarded("{{ [x ~ y for x in a if x] }}"),
            "{{ ([(x ~ y ) | __dossier_item for x in (a ) | __dossier_loop(text=0) if x] ) | __dossier_out}}"
        );
    }

    #[test]
    fn places_map_back_to_the_template_as_written() {
        let source = "ab\n{% set x = a ~ b %}";
        let (guarded, _) = instrument(source, &|_| 0).unwrap();
        let b = guarded.source.find(" b ").unwrap() + 1;
        assert_eq!(guarded.place(b..b + 1), 18..19);
        let filter = guarded.source.find("__dossier_set").unwrap();
        let expression = source.find("a ~ b").unwrap();
        assert_eq!(
            guarded.place(filter..filter + 3),
            expression..expression + 5
        );
    }

    #[test]
    fn long_joins_are_refused() {
        let long = vec!["x"; MAX_CONCAT + 2].join(" ~ ");
        let (_, problems) = instrument(&format!("{{{{ {long} }}}}"), &|_| 0).unwrap();
        assert_eq!(problems.len(), 1);
        let short = vec!["x"; MAX_CONCAT].join(" ~ ");
        let (_, problems) = instrument(&format!("{{{{ {short} }}}}"), &|_| 0).unwrap();
        assert!(problems.is_empty());
    }

    #[test]
    fn sizes_stop_counting_past_the_limit() {
        let mut value = tera::Value::from("abcdefgh");
        for _ in 0..200 {
            value = tera::Value::from(vec![value.clone(), value]);
        }
        assert!(written_size(&value, 1000) > 1000);
    }
}
