//! YAML: parses front matter into a tree that keeps each scalar's text as
//! written (`node`, the one user of serde_yaml's parser), reports control
//! characters and syntax errors at their place in the author's words,
//! checks keys against the known ones, decodes the tree into raw types, and
//! finds where in the text a key or value sits (serde_yaml keeps no
//! positions for values, so a second, position-keeping parse with
//! saphyr-parser is made, and only when a diagnostic needs it).

use super::node::{self, Node, NodeDe, Tree};
use crate::diagnostics::{closest, Pos};
use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;

mod decode;
mod index;
#[cfg(test)]
mod tests;

pub use decode::*;
pub use index::*;

/// One step of a path into a YAML document: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    /// A mapping key: the name of a field (static), or a key the file wrote.
    Key(Cow<'static, str>),
    Index(usize),
}

/// A path into a YAML document, e.g. `claims[3].by`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.into()));
        YamlPath(segs)
    }

    pub fn index(&self, index: usize) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        YamlPath(segs)
    }

    pub fn parent(&self) -> YamlPath {
        let mut segs = self.0.clone();
        segs.pop();
        YamlPath(segs)
    }
}

/// Builds a path from keys and indices: `path!["claims", 3, "by"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut p = $crate::load::yaml::YamlPath::default();
        $( p = $crate::load::yaml::IntoSeg::push_onto($seg, p); )*
        p
    }};
}

pub trait IntoSeg {
    fn push_onto(self, path: YamlPath) -> YamlPath;
}

impl IntoSeg for &'static str {
    fn push_onto(self, path: YamlPath) -> YamlPath {
        path.key(self)
    }
}

impl IntoSeg for String {
    fn push_onto(self, path: YamlPath) -> YamlPath {
        path.key(self)
    }
}

impl IntoSeg for usize {
    fn push_onto(self, path: YamlPath) -> YamlPath {
        path.index(self)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A YAML problem, positioned within the YAML text (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub hint: Option<String>,
    pub path: Option<YamlPath>,
    /// Position inside the YAML text, when serde_yaml knows it.
    pub pos: Option<Pos>,
}

/// Parses YAML text into a tree whose scalars keep their text as written
/// ([`super::node`]). Every control character is reported at its
/// place; a syntax error at its place, in the author's words.
pub fn parse(text: &str) -> Result<Tree, Vec<YamlError>> {
    let controls = control_characters(text);
    if !controls.is_empty() {
        return Err(controls);
    }
    node::read(text).map_err(|error| vec![syntax_error(&error, text)])
}

/// Characters YAML refuses (libyaml's list), and those it reads as line
/// breaks where an editor shows none (a carriage return without a line
/// feed, U+0085, U+2028, U+2029): each is an error at its line and column.
fn control_characters(text: &str) -> Vec<YamlError> {
    let mut errors = Vec::new();
    // Nearly every front matter is printable ASCII, checked at memory speed.
    if text
        .bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\t'))
    {
        return errors;
    }
    for (i, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            if let Some((what, hint)) = describe_control(c) {
                errors.push(YamlError {
                    message: format!("{what} is not allowed"),
                    hint: Some(hint.to_string()),
                    path: None,
                    pos: Some(Pos::new(i + 1, col + 1, 1)),
                });
            }
        }
    }
    errors
}

/// What a character YAML refuses is, and what to do; `None` for the rest.
fn describe_control(c: char) -> Option<(String, &'static str)> {
    const REMOVE: &str = "remove it: it is invisible in most editors, and often comes with text pasted from another program";
    const BREAK: &str = "remove it, or replace it with a space: YAML reads it as a line break where editors show none";
    let code = match c {
        '\t' | '\n' | ' '..='~' => return None,
        _ if c > '\u{9f}' && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}') => {
            return None;
        }
        _ => format!("U+{:04X}", c as u32),
    };
    Some(match c {
        '\r' => (
            format!("a carriage return ({code}) without a line feed"),
            "save the file with LF or CRLF line ends: YAML reads a lone carriage return as a line break where editors show none",
        ),
        '\u{85}' => (format!("the control character {code} (next line)"), BREAK),
        '\u{2028}' => (format!("a line separator ({code})"), BREAK),
        '\u{2029}' => (format!("a paragraph separator ({code})"), BREAK),
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
            let name = match c {
                '\0' => " (null)",
                '\u{7}' => " (bell)",
                '\u{8}' => " (backspace)",
                '\u{b}' => " (vertical tab)",
                '\u{c}' => " (form feed)",
                '\u{1b}' => " (escape)",
                '\u{7f}' => " (delete)",
                _ => "",
            };
            (format!("the control character {code}{name}"), REMOVE)
        }
        '\u{fffe}' | '\u{ffff}' => (format!("the noncharacter {code}"), REMOVE),
        _ => return None,
    })
}

/// A syntax error of serde_yaml (libyaml's words: "did not find expected
/// key while parsing a block mapping") in the author's words, at the place
/// to fix: an unclosed quote or bracket at its opening, not at the end of
/// the text.
fn syntax_error(error: &serde_yaml::Error, text: &str) -> YamlError {
    let full = error.to_string();
    // "PROBLEM at line L column C, while CONTEXT at line L column C"
    let (head, context) = match full.split_once(", while ") {
        Some((head, context)) => (head, context),
        None => (full.as_str(), ""),
    };
    let (problem, _) = strip_mark(head);
    let (context, context_pos) = strip_mark(context);
    // A reader error gives a byte offset, and no line.
    let (problem, offset) = match problem.rsplit_once(" at position ") {
        Some((problem, offset)) => (problem, offset.parse::<usize>().ok()),
        None => (problem, None),
    };
    let pos = match offset {
        Some(offset) => Some(Pos::of_offset(text, offset, 1)),
        None => error.location().map(|l| Pos::new(l.line(), l.column(), 1)),
    };
    let y = YamlProblem {
        text,
        problem,
        context,
        pos,
        context_pos: context_pos.or(pos),
    };
    let (message, hint, pos) = scalar_problem(&y)
        .or_else(|| structure_problem(&y))
        .or_else(|| limit_problem(&y))
        .unwrap_or_else(|| (problem.to_string(), syntax_hint(problem), pos));
    YamlError {
        message: format!("invalid YAML: {message}"),
        hint: Some(hint),
        path: None,
        pos,
    }
}

/// A syntax error as serde_yaml reports it, taken apart.
#[derive(Clone, Copy)]
struct YamlProblem<'a> {
    text: &'a str,
    problem: &'a str,
    /// What the parser was reading (`while scanning a quoted scalar`).
    context: &'a str,
    pos: Option<Pos>,
    /// Where that started, else `pos`.
    context_pos: Option<Pos>,
}

impl<'a> YamlProblem<'a> {
    fn line_of(&self, p: Option<Pos>) -> &'a str {
        p.and_then(|p| self.text.split('\n').nth(p.line.saturating_sub(1)))
            .unwrap_or("")
    }

    /// The rest of the line from `p`, quoted for YAML, for an example.
    fn quoted_from(&self, p: Option<Pos>) -> String {
        let rest: String = self
            .line_of(p)
            .chars()
            .skip(p.map_or(0, |p| p.col.saturating_sub(1)))
            .collect();
        let rest = rest.trim_end();
        let rest = match rest.find(" #") {
            Some(i) => &rest[..i],
            None => rest,
        };
        let quoted = format!("'{}'", rest.replace('\'', "''"));
        match quoted.contains('`') {
            true => quoted,
            false => format!("`{quoted}`"),
        }
    }

    fn char_at(&self, p: Option<Pos>) -> Option<char> {
        p.and_then(|p| self.line_of(Some(p)).chars().nth(p.col.saturating_sub(1)))
    }
}

/// A character named in a message.
fn shown(c: char) -> String {
    match c {
        '`' => "a backtick".to_string(),
        c => format!("`{c}`"),
    }
}

/// A value the scanner cannot read: tabs, quotes, escapes, characters a
/// plain value cannot start with, aliases.
fn scalar_problem(y: &YamlProblem) -> Option<(String, String, Option<Pos>)> {
    let YamlProblem {
        problem,
        context,
        pos,
        context_pos,
        ..
    } = *y;
    let line_of = |p: Option<Pos>| y.line_of(p);
    let quoted_from = |p: Option<Pos>| y.quoted_from(p);
    let char_at = |p: Option<Pos>| y.char_at(p);
    if problem.contains("tab character")
        || (problem.contains("cannot start any token") && char_at(pos) == Some('\t'))
    {
        return Some({
            (
                "a tab indents this line".into(),
                "YAML indents with spaces, not tabs: replace the tab with spaces".into(),
                pos,
            )
        });
    }
    if problem.contains("end of stream") && context.contains("quoted scalar") {
        return Some({
            (
                "this quote is never closed".into(),
                "end the value with the quote it starts with; inside double quotes write `\\\"` for a quote, inside single quotes `''`".into(),
                context_pos,
            )
        });
    }
    if problem.contains("unknown escape character") {
        return Some({
            let escape: String = line_of(pos)
                .chars()
                .skip(pos.map_or(0, |p| p.col.saturating_sub(1)))
                .take(2)
                .collect();
            (
                format!("unknown escape `{escape}` in a double-quoted value"),
                "inside double quotes a backslash starts an escape: write `\\\\` for a backslash, or put the value in single quotes, e.g. `'C:\\files'`".into(),
                pos,
            )
        });
    }
    if problem.contains("cannot start any token") || problem.contains("undefined tag handle") {
        return Some({
            let c = char_at(pos).unwrap_or('?');
            (
                format!("a value cannot start with {}", shown(c)),
                format!("quote the value: {}", quoted_from(pos)),
                pos,
            )
        });
    }
    if problem.contains("alphabetic or numeric character")
        && (context.contains("alias") || context.contains("anchor"))
    {
        return Some({
            let c = char_at(context_pos).unwrap_or('*');
            (
                format!("a value cannot start with {}", shown(c)),
                format!(
                    "`*` and `&` start YAML aliases and anchors: quote the value, {}",
                    quoted_from(context_pos)
                ),
                context_pos,
            )
        });
    }
    if problem == "unknown anchor" {
        return Some({
            let name: String = line_of(pos)
                .chars()
                .skip(pos.map_or(0, |p| p.col.saturating_sub(1)))
                .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
                .collect();
            (
                format!("`{name}` refers to no anchor"),
                format!(
                    "a value starting with `*` is an alias of an anchor `&name`: quote the value, {}",
                    quoted_from(pos)
                ),
                pos,
            )
        });
    }
    None
}

/// Brackets, keys, lists and indentation that do not fit together.
fn structure_problem(y: &YamlProblem) -> Option<(String, String, Option<Pos>)> {
    let YamlProblem {
        problem,
        pos,
        context_pos,
        ..
    } = *y;
    let line_of = |p: Option<Pos>| y.line_of(p);
    if let Some(close) = problem
        .strip_prefix("did not find expected ',' or '")
        .and_then(|rest| rest.chars().next())
    {
        return Some({
            let open = if close == ']' { '[' } else { '{' };
            match (pos, context_pos) {
                (Some(p), Some(c)) if p.line > c.line => (
                    format!("this `{open}` is never closed"),
                    format!("close it with `{close}`, or quote a value that starts with `{open}`"),
                    context_pos,
                ),
                _ => (
                    format!("expected `,` or `{close}` here"),
                    "separate the items with `, `, and quote an item that contains `,` `[` `]` `{` `}` `#` or `: `".into(),
                    pos,
                ),
            }
        });
    }
    if problem.contains("did not find expected key") {
        return Some({
            let line = line_of(pos);
            let indent = line.len() - line.trim_start().len();
            if line.trim_start().starts_with('-') {
                (
                    "a list item where a key was expected".into(),
                    "put the items of a list under their key, one per line: `tags:` then `  - a`"
                        .into(),
                    pos,
                )
            } else if pos.is_some_and(|p| p.col > indent + 1) {
                (
                    "unexpected text after a value".into(),
                    "a quoted value ends at its closing quote: quote the whole value".into(),
                    pos,
                )
            } else {
                (
                    "this line is not indented like the keys above it".into(),
                    "start the keys of one mapping in the same column, indented with spaces".into(),
                    pos,
                )
            }
        });
    }
    if problem.contains("did not find expected '-' indicator") {
        return Some({
            (
                "this line breaks off the list above it".into(),
                "start every item of a list with `- ` in the same column, or move this line back to the column of the list's key".into(),
                pos,
            )
        });
    }
    if problem.contains("mapping values are not allowed") {
        return Some({
            let before: String = line_of(pos)
                .chars()
                .take(pos.map_or(0, |p| p.col.saturating_sub(1)))
                .collect();
            if before.contains(": ") {
                (
                    "a value cannot contain `: `".into(),
                    "a value containing `: ` must be quoted, e.g. `title: \"Kursk: the toll\"`"
                        .into(),
                    pos,
                )
            } else {
                // At the start of the line's text, not at its colon.
                let line = line_of(pos);
                let indent = line.chars().take_while(|c| *c == ' ').count();
                (
                    "this line is indented further than the key above it".into(),
                    "YAML reads it as the rest of the value above: start the keys of one mapping in the same column, and quote a value that contains `: `".into(),
                    pos.map(|p| Pos::new(p.line, indent + 1, 1)),
                )
            }
        });
    }
    if problem.contains("block sequence entries are not allowed") {
        return Some({
            (
                "a list cannot start on the line of its key".into(),
                "put each item on its own line under the key (`tags:` then `  - a`), or write `tags: [a, b]`".into(),
                pos,
            )
        });
    }
    if problem.contains("could not find expected ':'") {
        return Some({
            (
                "this line is not `key: value`".into(),
                "write `key: value`; a value that goes on to another line must be indented under its key, or quoted".into(),
                context_pos,
            )
        });
    }
    if problem.contains("did not find expected node content") {
        return Some({
            (
                "a value is missing here".into(),
                "check the brackets, quotes and indentation on this line".into(),
                pos,
            )
        });
    }
    None
}

/// Front matter that is too deep, repeats too much, or ends early.
fn limit_problem(y: &YamlProblem) -> Option<(String, String, Option<Pos>)> {
    let YamlProblem {
        text, problem, pos, ..
    } = *y;
    if problem.contains("recursion limit exceeded") {
        return Some({
            (
                "lists and mappings nested too deeply (recursion limit exceeded)".into(),
                "front matter may nest lists and mappings at most 128 levels deep".into(),
                pos,
            )
        });
    }
    if problem.contains("repetition limit exceeded") {
        return Some({
            (
                "aliases repeat too much (repetition limit exceeded)".into(),
                "each `*name` repeats the value of its anchor `&name`; these repeat each other so often that the front matter would be huge: write the values out".into(),
                pos.or_else(|| first_alias(text)),
            )
        });
    }
    if problem.contains("more than one document") {
        return Some({
            let end = text
                .split('\n')
                .position(|l| l.trim_end() == "..." || l.starts_with("... "));
            (
                "the YAML ends early, at a line `...`".into(),
                "remove the line `...`: front matter is one YAML mapping, ending at the line `---`"
                    .into(),
                end.map(|i| Pos::new(i + 1, 1, 3)),
            )
        });
    }
    None
}

/// Where the first alias (`*name`) of a YAML text is.
fn first_alias(text: &str) -> Option<Pos> {
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        if let Event::Alias(_) = event {
            return Some(Pos::new(span.start.line(), span.start.col() + 1, 1));
        }
    }
    None
}

fn syntax_hint(message: &str) -> String {
    if message.contains("did not find expected") {
        "check the brackets, quotes and indentation on this line and the one before".into()
    } else {
        "check the indentation and quoting; values with `:` or `#` need quotes".into()
    }
}

/// `text` without serde_yaml's " at line L column C" (or " at position
/// N", a byte offset), and that place.
fn strip_mark(text: &str) -> (&str, Option<Pos>) {
    if let Some(i) = text.rfind(" at line ") {
        let mark = &text[i + " at line ".len()..];
        let mut numbers = mark.split(" column ").map(|n| n.trim().parse::<usize>());
        if let (Some(Ok(line)), Some(Ok(col))) = (numbers.next(), numbers.next()) {
            return (&text[..i], Some(Pos::new(line, col, 1)));
        }
    }
    (text, None)
}
