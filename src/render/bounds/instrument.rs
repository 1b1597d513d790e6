//! Templates rewritten before they are compiled: lexed as Tera lexes them,
//! each value, loop, output and comprehension passed through a guard.

use super::*;

// Lexing: the tokens of a Tera template, as Tera's own lexer cuts them
// (tera 2.4, `parsing/lexer.rs`), with their byte ranges.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Token {
    fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Tera's `skip_tag`: `-? ws* name ws* -? %}` at the start of `text`; the
/// length it spans.
pub(super) fn skip_tag(text: &str, name: &str) -> Option<usize> {
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
pub(super) fn lex(source: &str) -> Option<Vec<Token>> {
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

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Lexes the inside of a tag or `{{ }}` from `i` up to and including its
/// end (`-%}`, `%}`, `-}}`, `}}`); where the text continues.
pub(super) fn lex_inside(
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
pub(super) struct Insert {
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
pub(super) fn is_path(source: &str, tokens: &[Token]) -> bool {
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
pub(super) fn loop_texts(
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

pub(super) fn unquote(text: &str) -> &str {
    text.get(1..text.len().saturating_sub(1)).unwrap_or("")
}

/// The names of a component's parameters: `{% component name(a, b: string = "x") %}`.
pub(super) fn parameters<'a>(source: &'a str, inner: &[Token]) -> Vec<&'a str> {
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
pub(super) fn matching(source: &str, tokens: &[Token], at: usize) -> Option<usize> {
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
pub(super) fn comprehensions(
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
pub(super) fn too_many_pieces(source: &str, tokens: &[Token]) -> Option<Problem> {
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
