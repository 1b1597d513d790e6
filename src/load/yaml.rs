//! YAML: the one module that calls serde_yaml. Parses front matter into a
//! value, checks its keys against the known ones, decodes it into raw types,
//! and finds where in the text a key or value sits (serde_yaml keeps no
//! positions for values, so a second, position-keeping parse with
//! saphyr-parser is made, and only when a diagnostic needs it).

use crate::diagnostics::{closest, Pos};
use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;
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

/// Parses YAML text into a value. Syntax errors carry their exact position.
pub fn parse(text: &str) -> Result<serde_yaml::Value, YamlError> {
    serde_yaml::from_str::<serde_yaml::Value>(text).map_err(|error| {
        let pos = error.location().map(|l| Pos::new(l.line(), l.column(), 1));
        let message = error.to_string();
        // serde_yaml appends " at line L column C"; the position says it already.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        YamlError {
            message: format!("invalid YAML: {message}"),
            hint: Some(syntax_hint(&message)),
            path: None,
            pos,
        }
    })
}

fn syntax_hint(message: &str) -> String {
    if message.contains("mapping values are not allowed") {
        "a value containing `: ` must be quoted, e.g. `title: \"Kursk: the toll\"`".into()
    } else if message.contains("tab") {
        "indent with spaces, not tabs".into()
    } else if message.contains("did not find expected") {
        "check the brackets, quotes and indentation on this line and the one before".into()
    } else {
        "check the indentation and quoting; values with `:` or `#` need quotes".into()
    }
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
pub fn unknown_keys(value: &serde_yaml::Value, schema: &Schema) -> Vec<YamlError> {
    let mut errors = Vec::new();
    check_keys(value, schema, &YamlPath::default(), &mut errors);
    errors
}

fn check_keys(
    value: &serde_yaml::Value,
    schema: &Schema,
    at: &YamlPath,
    errors: &mut Vec<YamlError>,
) {
    let Some(map) = value.as_mapping() else {
        return;
    };
    for (key, child) in map {
        let Some(key) = key.as_str() else {
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
                if let Some(items) = child.as_sequence() {
                    for (i, item) in items.iter().enumerate() {
                        check_keys(item, inner, &at.key(key).index(i), errors);
                    }
                }
            }
            None => {}
        }
    }
}

/// Decodes a value into a raw type; a failure names the path of the
/// offending value.
pub fn decode<T: DeserializeOwned>(value: &serde_yaml::Value) -> Result<T, YamlError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|error| {
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
        let (message, hint) = describe_decode_error(&path, &inner);
        YamlError {
            message,
            hint,
            path: Some(path),
            pos: None,
        }
    })
}

/// What serde expected, as it says it, with what the field must be and a
/// hint for writing it.
const EXPECTED: &[(&str, &str, Option<&str>)] = &[
    (
        "expected f64",
        "a number",
        Some("write numbers without separators or units, e.g. `value: 15000`"),
    ),
    (
        "expected a boolean",
        "`true` or `false`",
        Some("write `true` or `false` without quotes"),
    ),
    (
        "expected a string",
        "text",
        Some("write the text after the colon; quote it if it starts with `[`, `{`, `-` or contains `: `, e.g. `title: \"[Draft] Troops in Kursk\"`"),
    ),
    (
        "expected an id or a list of ids",
        "an id or a list of ids",
        Some("write `by: nis` or `about: [kpa, north-korea]`"),
    ),
    (
        "expected a sequence",
        "a list",
        Some("write a list as `[a, b]` or as lines starting with `- `"),
    ),
    (
        "expected struct",
        "a mapping of keys to values",
        Some("write `key: value` pairs, on indented lines or as `{key: value, …}`, e.g. `- text: …` for a list item"),
    ),
    (
        "expected a mapping",
        "a mapping of keys to values",
        Some("write `key: value` pairs, on indented lines or as `{key: value, …}`"),
    ),
];

fn describe_decode_error(path: &YamlPath, inner: &str) -> (String, Option<String>) {
    let field = if path.0.is_empty() {
        "front matter".to_string()
    } else {
        format!("`{path}`")
    };
    match EXPECTED.iter().find(|(said, _, _)| inner.contains(said)) {
        Some((_, must_be, hint)) => (
            format!("{field} must be {must_be}: {inner}"),
            hint.map(str::to_string),
        ),
        None => (format!("{field}: {inner}"), None),
    }
}

/// Where things are in a YAML text: every mapping key and every value, by
/// path. Built from a full spanned parse; used only to place diagnostics.
#[derive(Debug, Default)]
pub struct YamlIndex {
    /// Position of the key of a mapping entry.
    keys: HashMap<YamlPath, Pos>,
    /// Position of a value (scalar or the start of a collection).
    values: HashMap<YamlPath, Pos>,
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
        let mut index = YamlIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
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
                                index.keys.insert(path.key(key), pos);
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
                        index.values.insert(path, pos);
                    }
                }
                Event::Alias(_) => {
                    if let Some(path) = node_path(&mut stack, &mut index, Some("")) {
                        index.values.insert(path, pos);
                    }
                }
                Event::MappingStart(..) => {
                    let path = node_path(&mut stack, &mut index, None).unwrap_or_default();
                    index.values.insert(path.clone(), pos);
                    stack.push(Frame::Map {
                        path,
                        pending_key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = node_path(&mut stack, &mut index, None).unwrap_or_default();
                    index.values.insert(path.clone(), pos);
                    stack.push(Frame::Seq { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
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
        let error = parse("title: A\nby: [kim,\n").unwrap_err();
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
    fn a_value_cut_at_a_comma_gets_a_quoting_hint() {
        let value = parse("claims:\n  - {id: a, text: About 11,000 troops., by: b}\n").unwrap();
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
        let value =
            parse("titel: x\nclaims:\n  - id: a\n    bye: b\n  - id: c\n    zzzzzz: 1\n").unwrap();
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
