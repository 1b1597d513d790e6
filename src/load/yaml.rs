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
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;

/// One step of a path into a YAML document: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into a YAML document, e.g. `claims[3].by`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn key(&self, key: &str) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_string()));
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
        $( p = $crate::load::yaml::IntoSeg::push($seg, p); )*
        p
    }};
}

pub trait IntoSeg {
    fn push(self, path: YamlPath) -> YamlPath;
}

impl IntoSeg for &str {
    fn push(self, path: YamlPath) -> YamlPath {
        path.key(self)
    }
}

impl IntoSeg for usize {
    fn push(self, path: YamlPath) -> YamlPath {
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
    let context_pos = context_pos.or(pos);
    let line_of = |p: Option<Pos>| {
        p.and_then(|p| text.split('\n').nth(p.line.saturating_sub(1)))
            .unwrap_or("")
    };
    // The rest of the line from `p`, quoted for YAML, for an example.
    let quoted_from = |p: Option<Pos>| {
        let rest: String = line_of(p)
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
    };
    // A character named in a message.
    let shown = |c: char| match c {
        '`' => "a backtick".to_string(),
        c => format!("`{c}`"),
    };
    let char_at =
        |p: Option<Pos>| p.and_then(|p| line_of(Some(p)).chars().nth(p.col.saturating_sub(1)));
    let (message, hint, pos): (String, String, Option<Pos>) = if problem.contains("tab character")
        || (problem.contains("cannot start any token") && char_at(pos) == Some('\t'))
    {
        (
            "a tab indents this line".into(),
            "YAML indents with spaces, not tabs: replace the tab with spaces".into(),
            pos,
        )
    } else if problem.contains("end of stream") && context.contains("quoted scalar") {
        (
            "this quote is never closed".into(),
            "end the value with the quote it starts with; inside double quotes write `\\\"` for a quote, inside single quotes `''`".into(),
            context_pos,
        )
    } else if problem.contains("unknown escape character") {
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
    } else if problem.contains("cannot start any token") || problem.contains("undefined tag handle")
    {
        let c = char_at(pos).unwrap_or('?');
        (
            format!("a value cannot start with {}", shown(c)),
            format!("quote the value: {}", quoted_from(pos)),
            pos,
        )
    } else if problem.contains("alphabetic or numeric character")
        && (context.contains("alias") || context.contains("anchor"))
    {
        let c = char_at(context_pos).unwrap_or('*');
        (
            format!("a value cannot start with {}", shown(c)),
            format!(
                "`*` and `&` start YAML aliases and anchors: quote the value, {}",
                quoted_from(context_pos)
            ),
            context_pos,
        )
    } else if problem == "unknown anchor" {
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
    } else if let Some(close) = problem
        .strip_prefix("did not find expected ',' or '")
        .and_then(|rest| rest.chars().next())
    {
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
    } else if problem.contains("did not find expected key") {
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
    } else if problem.contains("did not find expected '-' indicator") {
        (
            "this line breaks off the list above it".into(),
            "start every item of a list with `- ` in the same column, or move this line back to the column of the list's key".into(),
            pos,
        )
    } else if problem.contains("mapping values are not allowed") {
        let before: String = line_of(pos)
            .chars()
            .take(pos.map_or(0, |p| p.col.saturating_sub(1)))
            .collect();
        if before.contains(": ") {
            (
                "a value cannot contain `: `".into(),
                "a value containing `: ` must be quoted, e.g. `title: \"Kursk: the toll\"`".into(),
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
    } else if problem.contains("block sequence entries are not allowed") {
        (
            "a list cannot start on the line of its key".into(),
            "put each item on its own line under the key (`tags:` then `  - a`), or write `tags: [a, b]`".into(),
            pos,
        )
    } else if problem.contains("could not find expected ':'") {
        (
            "this line is not `key: value`".into(),
            "write `key: value`; a value that goes on to another line must be indented under its key, or quoted".into(),
            context_pos,
        )
    } else if problem.contains("did not find expected node content") {
        (
            "a value is missing here".into(),
            "check the brackets, quotes and indentation on this line".into(),
            pos,
        )
    } else if problem.contains("recursion limit exceeded") {
        (
            "lists and mappings nested too deeply (recursion limit exceeded)".into(),
            "front matter may nest lists and mappings at most 128 levels deep".into(),
            pos,
        )
    } else if problem.contains("repetition limit exceeded") {
        (
            "aliases repeat too much (repetition limit exceeded)".into(),
            "each `*name` repeats the value of its anchor `&name`; these repeat each other so often that the front matter would be huge: write the values out".into(),
            pos.or_else(|| first_alias(text)),
        )
    } else if problem.contains("more than one document") {
        let end = text
            .split('\n')
            .position(|l| l.trim_end() == "..." || l.starts_with("... "));
        (
            "the YAML ends early, at a line `...`".into(),
            "remove the line `...`: front matter is one YAML mapping, ending at the line `---`"
                .into(),
            end.map(|i| Pos::new(i + 1, 1, 3)),
        )
    } else {
        (problem.to_string(), syntax_hint(problem), pos)
    };
    YamlError {
        message: format!("invalid YAML: {message}"),
        hint: Some(hint),
        path: None,
        pos,
    }
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

/// What keys a mapping may have, and what the values under them are.
pub struct Schema {
    pub keys: &'static [&'static str],
    /// Keys whose value is itself checked: (key, is a list of, schema).
    pub nested: &'static [(&'static str, Nest)],
}

#[derive(Clone, Copy)]
pub enum Nest {
    /// A mapping.
    Map(&'static Schema),
    /// A list whose mapping items follow the schema (other items are left
    /// to the decoder).
    ListOf(&'static Schema),
}

/// Reports every key that the schema does not know, anywhere under `value`,
/// with the closest known key. `extra:` is free.
pub fn unknown_keys(value: &Node, schema: &Schema) -> Vec<YamlError> {
    let mut errors = Vec::new();
    check_keys(value, schema, &YamlPath::default(), &mut errors);
    errors
}

fn check_keys(value: &Node, schema: &Schema, at: &YamlPath, errors: &mut Vec<YamlError>) {
    let Some(map) = value.entries() else {
        return;
    };
    for (key, child) in map {
        let Some(key) = key.text() else {
            continue;
        };
        if !schema.keys.contains(&key) {
            let suggestion = closest(key, schema.keys.iter().copied());
            // `{text: About 11,000 troops., by: x}`: the comma split the value.
            let split_value = key.starts_with(|c: char| c.is_ascii_digit()) || key.contains(' ');
            errors.push(YamlError {
                message: format!("unknown key `{key}`"),
                hint: Some(match suggestion {
                    _ if split_value => "this looks like part of a value cut at a comma: inside `{…}` or `[…]`, quote values that contain commas, e.g. `text: \"About 11,000 troops.\"`".to_string(),
                    Some(s) => format!("did you mean `{s}`? (free fields go under `extra:`)"),
                    None => format!(
                        "allowed keys here: {}; free fields go under `extra:`",
                        schema.keys.join(", ")
                    ),
                }),
                path: Some(at.key(key)),
                pos: None,
            });
            continue;
        }
        match schema.nested.iter().find(|(k, _)| *k == key) {
            Some((_, Nest::Map(inner))) => check_keys(child, inner, &at.key(key), errors),
            Some((_, Nest::ListOf(inner))) => {
                if let Some(items) = child.items() {
                    for (i, item) in items.iter().enumerate() {
                        check_keys(item, inner, &at.key(key).index(i), errors);
                    }
                }
            }
            None => {}
        }
    }
}

/// Decodes a tree into a raw type (whose keys `schema` describes); a
/// failure names the path of the offending value and says, in the
/// author's words, what it must be.
pub fn decode<T: DeserializeOwned>(value: &Node, schema: &Schema) -> Result<T, YamlError> {
    serde_path_to_error::deserialize::<_, T>(NodeDe::new(value)).map_err(|error| {
        let path = YamlPath(
            error
                .path()
                .iter()
                .filter_map(|seg| match seg {
                    serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                    serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                    _ => None,
                })
                .collect(),
        );
        let inner = error.inner().to_string();
        let node = node_at(value, &path);
        // A scalar's text; a list of one scalar, that scalar's.
        let written = node.and_then(|n| {
            n.text().or_else(|| match n.items() {
                Some([one]) => one.text(),
                _ => None,
            })
        });
        let (message, hint) = describe_decode_error(&path, &inner, written, schema);
        YamlError {
            message,
            hint,
            path: Some(path),
            pos: None,
        }
    })
}

/// The node at `path` under `node`.
fn node_at<'a>(node: &'a Node, path: &YamlPath) -> Option<&'a Node> {
    path.0.iter().try_fold(node, |node, seg| match seg {
        Seg::Key(key) => node
            .entries()?
            .iter()
            .find(|(k, _)| k.text() == Some(key.as_str()))
            .map(|(_, v)| v),
        Seg::Index(i) => node.items()?.get(*i),
    })
}

/// The schema of the mapping at `path` under `schema`, if one is known.
fn schema_at<'a>(schema: &'a Schema, path: &YamlPath) -> Option<&'a Schema> {
    let mut schema = schema;
    for seg in &path.0 {
        if let Seg::Key(key) = seg {
            schema = match schema.nested.iter().find(|(k, _)| k == key)?.1 {
                Nest::Map(inner) | Nest::ListOf(inner) => inner,
            };
        }
    }
    Some(schema)
}

/// Keys whose text is a date, a language tag, an address or an id: a
/// value of the wrong type is named as what it must be.
const DATE_KEYS: &[&str] = &[
    "date",
    "updated",
    "as_of",
    "said",
    "from",
    "to",
    "retrieved",
];
const LANGUAGE_KEYS: &[&str] = &["lang", "quote_lang", "language"];
const URL_KEYS: &[&str] = &["url", "base_url", "archive"];
const ID_KEYS: &[&str] = &["id", "part_of", "measure", "publisher", "incident"];
/// Lists whose items are mappings, and nothing else.
const MAPPING_LISTS: &[&str] = &["judgements", "sources", "links"];

/// What the value of a key with a fixed list of values must be, in the
/// author's words, and a value for an example: a grade is a number or a
/// letter, not "text".
fn fixed_list(key: &str) -> Option<(String, &'static str)> {
    use crate::model::{Confidence, Likelihood, Qualifier, Status};
    Some(match key {
        "credibility" => ("a credibility from `1` to `6`".into(), "2"),
        "reliability" => ("a reliability letter from `A` to `F`".into(), "B"),
        "status" => (format!("one of {}", Status::allowed()), "reported"),
        "likelihood" => (format!("one of {}", Likelihood::allowed()), "likely"),
        "confidence" => (format!("one of {}", Confidence::allowed()), "moderate"),
        "qualifier" => (format!("one of {}", Qualifier::allowed()), "about"),
        _ => return None,
    })
}

/// What a value found in the file is, in the author's words ("the text
/// `about 6`", "a list"), from serde's words (`string "about 6"`,
/// `sequence`) and the scalar's text as written (`written`).
fn found(unexpected: &str, written: Option<&str>) -> String {
    let shown = |s: &str| {
        let mut shown: String = s.chars().take(40).collect();
        if shown.len() < s.len() {
            shown.push('…');
        }
        shown
    };
    match (unexpected, written) {
        ("sequence", Some(text)) => format!("a list (`[{}]`)", shown(text)),
        ("sequence", None) => "a list".into(),
        ("map", _) => "a mapping (`key: value`)".into(),
        ("unit value", _) => "nothing".into(),
        (u, Some(text)) if u.starts_with("string ") => format!("the text `{}`", shown(text)),
        (u, Some(text)) if u.starts_with("boolean ") => format!("`{}`", shown(text)),
        (_, Some(text)) => format!("the number `{}`", shown(text)),
        (other, None) => format!("`{}`", shown(other)),
    }
}

/// A decoding error in the author's words: the field, what it must be,
/// what it is, and an example made of the author's own value.
fn describe_decode_error(
    path: &YamlPath,
    inner: &str,
    written: Option<&str>,
    schema: &Schema,
) -> (String, Option<String>) {
    let field = if path.0.is_empty() {
        "front matter".to_string()
    } else {
        format!("`{path}`")
    };
    // The key of the value (of its list, for a list item).
    let key = path
        .0
        .iter()
        .rev()
        .find_map(|seg| match seg {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .unwrap_or("");
    let item = matches!(path.0.last(), Some(Seg::Index(_)));
    if inner.contains(node::TOO_LARGE) {
        return (
            format!("{field} must be a number: {}", inner.replace(node::TOO_LARGE, "too large")),
            Some("write a number this large with an exponent, e.g. `1e20`, or check it for a stray digit".into()),
        );
    }
    let Some((unexpected, expected)) = inner
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return (format!("{field}: {inner}"), None);
    };
    let is = found(unexpected, written);
    let text = written;
    let mapping_keys = || {
        schema_at(schema, path)
            .map(|s| {
                let keys: Vec<String> = s
                    .keys
                    .iter()
                    .filter(|k| **k != "extra")
                    .map(|k| format!("`{k}`"))
                    .collect();
                format!("a mapping with {}", keys.join(", "))
            })
            .unwrap_or_else(|| "a mapping of keys to values".into())
    };
    let (must_be, hint): (String, String) = match expected {
        "f64" => ("a number".into(), number_hint(key, text)),
        "a boolean" => (
            "`true` or `false`".into(),
            match text.map(|t| t.to_lowercase()).as_deref() {
                Some("yes" | "y" | "on" | "true") => format!("did you mean `true`? write `{key}: true`, without quotes"),
                Some("no" | "n" | "off" | "false") => format!("did you mean `false`? write `{key}: false`, without quotes"),
                _ => format!("write `{key}: true` or `{key}: false`, without quotes"),
            },
        ),
        "a sequence" => {
            let items = schema_at(schema, &YamlPath(vec![Seg::Key(key.to_string())]))
                .filter(|_| MAPPING_LISTS.contains(&key) && path.0.len() == 1)
                .or_else(|| {
                    schema_at(schema, path).filter(|_| MAPPING_LISTS.contains(&key))
                });
            let hint = match items.and_then(|s| s.keys.first()) {
                Some(first) => format!("`{key}` is a list of mappings: write `{key}:`, then each item on lines of its own starting with `  - {first}: …`, its other keys indented under it"),
                None => list_hint(key, text),
            };
            ("a list".into(), hint)
        }
        "a string" => {
            let (what, example): (String, String) = if DATE_KEYS.contains(&key) {
                ("a date like `2025-04-30`".into(), format!("`{key}: 2025-04-30`"))
            } else if LANGUAGE_KEYS.contains(&key) {
                ("a language tag like `ko`".into(), format!("`{key}: ko`"))
            } else if URL_KEYS.contains(&key) {
                ("a web address".into(), format!("`{key}: https://example.org/page`"))
            } else if ID_KEYS.contains(&key) {
                ("an id".into(), format!("`{key}: kim-jong-un`"))
            } else if let Some((what, value)) = fixed_list(key) {
                (what, format!("`{key}: {value}`"))
            } else {
                ("text".into(), format!("`{key}: \"[Draft] Troops in Kursk\"`"))
            };
            let hint = match (unexpected, text) {
                // A list of one value: that value, without brackets.
                ("sequence", Some(one)) if what == "text" => format!("write the value without brackets: `{key}: {one}`; a text that starts with `[` must be quoted, as in `{key}: \"[{one}]\"`"),
                ("sequence", Some(one)) => format!("write one value, without brackets: `{key}: {one}`"),
                ("sequence", None) if what == "text" => format!("write one value after the colon, not a list; quote a value that starts with `[`, e.g. {example}"),
                ("map", _) if what == "text" => format!("write one value after the colon; quote a value that starts with `{{` or contains `: `, e.g. {example}"),
                _ => format!("write one value after the colon, e.g. {example}"),
            };
            (what, hint)
        }
        "an id or a list of ids" => (
            "an id or a list of ids".into(),
            format!("write one id, `{key}: nis`, or a list, `{key}: [kpa, north-korea]`"),
        ),
        "a date or `{from, to}`" => (
            "a date like `2025-04-30`, or `{from, to}`".into(),
            format!("write `{key}: 2025-03` or `{key}: {{from: 2025-01, to: 2025-03}}`"),
        ),
        "a name or `{name, lang}`" => (
            "a name, or a mapping with `name` and `lang`".into(),
            "write `- Kim Jong-un` or `- {name: 김정은, lang: ko}`".into(),
        ),
        e if e.starts_with("a claim ") => (
            "a claim (a mapping with `id`, `text`, `by`…) or the id of a claim".into(),
            "declare a claim with `- id: …` and its keys indented under it, or cite one by its id: `- nis-killed-600`".into(),
        ),
        e if e.starts_with("struct ") || e == "a mapping" || e == "a map" => (
            mapping_keys(),
            match (key, item) {
                ("figure", _) => "write `figure: {value: 600, unit: soldiers, qualifier: about}`, or each key on its own line indented under `figure:`".into(),
                (_, true) => format!("write each item of `{key}` as `key: value` pairs: `- {}: …`, more keys indented under it, or `- {{{}: …}}`", first_key(schema, path), first_key(schema, path)),
                _ => format!("write `key: value` pairs under `{key}:`, indented, or as `{key}: {{key: value, …}}`"),
            },
        ),
        other => (other.to_string(), "check the value against the format".into()),
    };
    (format!("{field} must be {must_be}, not {is}"), Some(hint))
}

/// The first key of the mapping at `path`, for an example.
fn first_key(schema: &Schema, path: &YamlPath) -> &'static str {
    schema_at(schema, path)
        .and_then(|s| s.keys.first().copied())
        .unwrap_or("key")
}

/// How to write a list under `key`, from the author's one value `text`.
fn list_hint(key: &str, text: Option<&str>) -> String {
    match text {
        Some(text) => format!("write a list in brackets, even of one item: `{key}: [{text}]`, or one item a line, each starting with `- `"),
        None => format!("write a list: `{key}: [a, b]`, or one item a line, each starting with `- `"),
    }
}

/// Words for thousands and millions after a number, and what they multiply by.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("k", 1e3),
    ("million", 1e6),
    ("mn", 1e6),
    ("m", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
];

/// How to write the number of `key`, from what the author wrote (`text`):
/// a qualifier, a unit, separators or a range each go where they belong.
fn number_hint(key: &str, text: Option<&str>) -> String {
    let plain = "write a number such as `15000`: without quotes, separators or units";
    let Some(text) = text.map(str::trim) else {
        return format!("{plain}, e.g. `{key}: 15000`");
    };
    // The number in the text, without separators, and what surrounds it.
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return format!("{plain}, e.g. `{key}: 15000`");
    };
    let separator = |c: char| matches!(c, ',' | '_' | '\'' | ' ' | '\u{a0}' | '\u{202f}');
    let end = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || separator(c)))
        .map_or(text.len(), |i| start + i);
    let digits = text[start..end].trim_end_matches(separator);
    let end = start + digits.len();
    let mut number: String = digits
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let before = text[..start].trim();
    let mut after = text[end..].trim();
    // `500-600`, `500 to 600`: a range.
    let range = after
        .strip_prefix('-')
        .or_else(|| after.strip_prefix('–'))
        .or_else(|| after.strip_prefix("to "))
        .map(str::trim)
        .filter(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        });
    if let Some(high) = range {
        let high: String = high
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return format!(
            "a range is two numbers: `low: {number}` and `high: {high}`, with `qualifier: range`"
        );
    }
    // `1.5 million`: the number written out.
    let mut scaled = false;
    for (word, scale) in SCALES {
        let rest = after
            .strip_prefix(word)
            .filter(|rest| rest.is_empty() || rest.starts_with(' '));
        if let (Some(rest), Ok(n)) = (rest, number.parse::<f64>()) {
            let n = n * scale;
            number = if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", n as i64)
            } else {
                format!("{n}")
            };
            after = rest.trim();
            scaled = true;
            break;
        }
    }
    let mut parts = vec![format!("`{key}: {number}`")];
    match before {
        "" => {}
        "~" => parts.push("`qualifier: about`".to_string()),
        words => match crate::model::meant(words, &crate::model::Qualifier::values()) {
            Some(q) => parts.push(format!("`qualifier: {q}`")),
            None => {
                return format!("{plain}: `{key}: {number}`, and the words `{words}` elsewhere (a `qualifier`, or the claim's text)")
            }
        },
    }
    if let Some(rest) = after.strip_prefix('%') {
        parts.push("`unit: percent`".to_string());
        after = rest.trim();
    }
    if !after.is_empty() {
        parts.push(format!("`unit: {after}`"));
    }
    match parts.len() {
        1 if scaled => format!("write the number out: `{key}: {number}`"),
        1 if digits.chars().any(separator) => {
            format!("write the number without separators: `{key}: {number}`")
        }
        1 => format!("{plain}: `{key}: {number}`"),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!(
                "write the number alone, and the rest apart: {} and {last}",
                parts.join(", ")
            )
        }
    }
}

/// Where things are in a YAML text: every mapping key and every value, by
/// path. Built from a full spanned parse; used only to place diagnostics.
/// A key written twice is placed at its first writing, as the tree keeps
/// that one; the later ones are in `repeats`.
#[derive(Debug, Default)]
pub struct YamlIndex {
    /// Position of the key of a mapping entry.
    keys: HashMap<YamlPath, Pos>,
    /// Position of a value (scalar or the start of a collection).
    values: HashMap<YamlPath, Pos>,
    /// Positions of the second, third… writing of a key, in order.
    repeats: HashMap<YamlPath, Vec<Pos>>,
}

enum Frame {
    Map {
        path: YamlPath,
        pending_key: Option<String>,
    },
    Seq {
        path: YamlPath,
        next: usize,
    },
}

impl YamlIndex {
    pub fn build(text: &str) -> YamlIndex {
        match YamlIndex::build_from(text) {
            // saphyr-parser refuses tabs that libyaml (which read the text)
            // takes, as in `key:<tab>value`: spaces in their place keep
            // every line and column.
            (_, false) if text.contains('\t') => YamlIndex::build_from(&text.replace('\t', " ")).0,
            (index, _) => index,
        }
    }

    /// The index, and whether the whole text parsed.
    fn build_from(text: &str) -> (YamlIndex, bool) {
        let mut index = YamlIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        let mut complete = true;
        loop {
            let (event, span) = match parser.next_event() {
                Some(Ok(event)) => event,
                Some(Err(_)) => {
                    complete = false;
                    break;
                }
                None => break,
            };
            let start = span.start;
            let pos = Pos::new(start.line(), start.col() + 1, span.len().max(1));
            // The path of the node this event starts, if it starts one.
            let node_path = |stack: &mut Vec<Frame>,
                             index: &mut YamlIndex,
                             is_scalar: Option<&str>|
             -> Option<YamlPath> {
                match stack.last_mut() {
                    None => Some(YamlPath::default()),
                    Some(Frame::Seq { path, next }) => {
                        let p = path.index(*next);
                        *next += 1;
                        Some(p)
                    }
                    Some(Frame::Map { path, pending_key }) => match pending_key.take() {
                        Some(key) => Some(path.key(&key)),
                        None => {
                            // This node is a key.
                            if let Some(key) = is_scalar {
                                match index.keys.entry(path.key(key)) {
                                    Entry::Occupied(entry) => index
                                        .repeats
                                        .entry(entry.key().clone())
                                        .or_default()
                                        .push(pos),
                                    Entry::Vacant(entry) => {
                                        entry.insert(pos);
                                    }
                                }
                                *pending_key = Some(key.to_string());
                            } else {
                                *pending_key = Some(String::new());
                            }
                            None
                        }
                    },
                }
            };
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(path) = node_path(&mut stack, &mut index, Some(&value)) {
                        index.values.entry(path).or_insert(pos);
                    }
                }
                Event::Alias(_) => {
                    if let Some(path) = node_path(&mut stack, &mut index, Some("")) {
                        index.values.entry(path).or_insert(pos);
                    }
                }
                Event::MappingStart(..) => {
                    let path = node_path(&mut stack, &mut index, None).unwrap_or_default();
                    index.values.entry(path.clone()).or_insert(pos);
                    stack.push(Frame::Map {
                        path,
                        pending_key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = node_path(&mut stack, &mut index, None).unwrap_or_default();
                    index.values.entry(path.clone()).or_insert(pos);
                    stack.push(Frame::Seq { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        (index, complete)
    }

    /// Where the `nth` repetition (0 for the second writing) of the key at
    /// `path` is.
    pub fn locate_repeat(&self, path: &YamlPath, nth: usize) -> Option<Pos> {
        self.repeats.get(path).and_then(|r| r.get(nth)).copied()
    }

    /// The best place for a diagnostic about `path`: a scalar value where it
    /// is, else the key that holds it, else the nearest ancestor's.
    pub fn locate(&self, path: &YamlPath) -> Option<Pos> {
        let mut path = path.clone();
        loop {
            if let Some(value) = self.values.get(&path) {
                let key = self.keys.get(&path);
                // A block collection starts on the line after its key: point at the key.
                return Some(match key {
                    Some(k) if k.line < value.line => *k,
                    _ => *value,
                });
            }
            if let Some(key) = self.keys.get(&path) {
                return Some(*key);
            }
            if path.0.is_empty() {
                return None;
            }
            path = path.parent();
        }
    }

    /// The position of the key itself (for unknown keys).
    pub fn locate_key(&self, path: &YamlPath) -> Option<Pos> {
        self.keys.get(path).copied().or_else(|| self.locate(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: A brief\nclaims:\n  - id: one\n    by: [kim, putin]\n  - id: two\n    by: nobody\nwhen: {from: 2025-01, to: 2025-03}\n";

    #[test]
    fn index_finds_keys_and_values_in_block_and_flow_style() {
        let index = YamlIndex::build(TEXT);
        assert_eq!(index.locate(&path!["title"]), Some(Pos::new(1, 8, 7)));
        assert_eq!(
            index
                .locate(&path!["claims", 1, "by"])
                .map(|p| (p.line, p.col)),
            Some((6, 9))
        );
        assert_eq!(
            index
                .locate(&path!["claims", 0, "by", 1])
                .map(|p| (p.line, p.col)),
            Some((4, 15))
        );
        assert_eq!(index.locate(&path!["claims"]).map(|p| p.line), Some(2));
        assert_eq!(
            index.locate(&path!["when", "to"]).map(|p| (p.line, p.col)),
            Some((7, 27))
        );
        assert_eq!(
            index
                .locate_key(&path!["claims", 1, "id"])
                .map(|p| (p.line, p.col)),
            Some((5, 5))
        );
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let index = YamlIndex::build(TEXT);
        assert_eq!(
            index.locate(&path!["claims", 1, "status"]).map(|p| p.line),
            Some(5)
        );
    }

    #[test]
    fn syntax_errors_carry_their_position() {
        let error = parse("title: A\nby: [kim,\n").unwrap_err().remove(0);
        assert!(
            error.message.starts_with("invalid YAML"),
            "{}",
            error.message
        );
        assert!(error.pos.is_some());
    }

    static INNER: Schema = Schema {
        keys: &["id", "by"],
        nested: &[],
    };
    static OUTER: Schema = Schema {
        keys: &["title", "claims"],
        nested: &[("claims", Nest::ListOf(&INNER))],
    };

    #[test]
    fn a_number_written_with_words_is_taken_apart_in_the_hint() {
        for (text, hint) in [
            ("about 6", "`value: 6` and `qualifier: about`"),
            (
                "About 15,000 troops",
                "`value: 15000`, `qualifier: about` and `unit: troops`",
            ),
            ("at least 300", "`value: 300` and `qualifier: at-least`"),
            ("more than 300", "`value: 300` and `qualifier: at-least`"),
            ("~600", "`value: 600` and `qualifier: about`"),
            ("15,000", "without separators: `value: 15000`"),
            ("15 000", "without separators: `value: 15000`"),
            ("600 soldiers", "`value: 600` and `unit: soldiers`"),
            ("1.5 million people", "`value: 1500000` and `unit: people`"),
            ("12k", "`value: 12000`"),
            ("5%", "`value: 5` and `unit: percent`"),
            (
                "500-600",
                "`low: 500` and `high: 600`, with `qualifier: range`",
            ),
            ("500 to 600", "`low: 500` and `high: 600`"),
            ("six", "write a number such as `15000`"),
            ("claimed 600", "the words `claimed` elsewhere"),
        ] {
            let written = number_hint("value", Some(text));
            assert!(written.contains(hint), "{text}: {written}");
        }
    }

    #[test]
    fn a_value_cut_at_a_comma_gets_a_quoting_hint() {
        let value = parse("claims:\n  - {id: a, text: About 11,000 troops., by: b}\n")
            .unwrap()
            .node;
        let errors = unknown_keys(&value, &OUTER);
        let split = errors
            .iter()
            .find(|e| e.message == "unknown key `000 troops.`")
            .expect("the split value is reported");
        let hint = split.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("quote values that contain commas"), "{hint}");
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let value = parse("titel: x\nclaims:\n  - id: a\n    bye: b\n  - id: c\n    zzzzzz: 1\n")
            .unwrap()
            .node;
        let errors = unknown_keys(&value, &OUTER);
        assert_eq!(errors.len(), 3);
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("did you mean `title`? (free fields go under `extra:`)")
        );
        assert_eq!(errors[1].path, Some(path!["claims", 0, "bye"]));
        assert!(errors[2]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("allowed keys here"));
    }
}
