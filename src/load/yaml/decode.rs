//! Trees to raw types: unknown keys found against a `Schema`, serde's
//! errors turned into messages with the closest value and an example.

use super::*;

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

pub(super) fn check_keys(
    value: &Node,
    schema: &Schema,
    at: &YamlPath,
    errors: &mut Vec<YamlError>,
) {
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
                path: Some(at.key(key.to_string())),
                pos: None,
            });
            continue;
        }
        match schema.nested.iter().find(|(k, _)| *k == key) {
            Some((_, Nest::Map(inner))) => {
                check_keys(child, inner, &at.key(key.to_string()), errors)
            }
            Some((_, Nest::ListOf(inner))) => {
                if let Some(items) = child.items() {
                    for (i, item) in items.iter().enumerate() {
                        check_keys(item, inner, &at.key(key.to_string()).index(i), errors);
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
                    serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone().into())),
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
pub(super) fn node_at<'a>(node: &'a Node, path: &YamlPath) -> Option<&'a Node> {
    path.0.iter().try_fold(node, |node, seg| match seg {
        Seg::Key(key) => node
            .entries()?
            .iter()
            .find(|(k, _)| k.text() == Some(&**key))
            .map(|(_, v)| v),
        Seg::Index(i) => node.items()?.get(*i),
    })
}

/// The schema of the mapping at `path` under `schema`, if one is known.
pub(super) fn schema_at<'a>(schema: &'a Schema, path: &YamlPath) -> Option<&'a Schema> {
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
pub(super) const DATE_KEYS: &[&str] = &[
    "date",
    "updated",
    "as_of",
    "said",
    "from",
    "to",
    "retrieved",
];
pub(super) const LANGUAGE_KEYS: &[&str] = &["lang", "quote_lang", "language"];
pub(super) const URL_KEYS: &[&str] = &["url", "base_url", "archive"];
pub(super) const ID_KEYS: &[&str] = &["id", "part_of", "measure", "publisher", "incident"];
/// Lists whose items are mappings, and nothing else.
pub(super) const MAPPING_LISTS: &[&str] = &["judgements", "sources", "links"];

/// What the value of a key with a fixed list of values must be, in the
/// author's words, and a value for an example: a grade is a number or a
/// letter, not "text".
pub(super) fn fixed_list(key: &str) -> Option<(String, &'static str)> {
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
pub(super) fn found(unexpected: &str, written: Option<&str>) -> String {
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
pub(super) fn describe_decode_error(
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
            Seg::Key(k) => Some(&**k),
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
            let items = schema_at(schema, &YamlPath(vec![Seg::Key(key.to_string().into())]))
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
pub(super) fn first_key(schema: &Schema, path: &YamlPath) -> &'static str {
    schema_at(schema, path)
        .and_then(|s| s.keys.first().copied())
        .unwrap_or("key")
}

/// How to write a list under `key`, from the author's one value `text`.
pub(super) fn list_hint(key: &str, text: Option<&str>) -> String {
    match text {
        Some(text) => format!("write a list in brackets, even of one item: `{key}: [{text}]`, or one item a line, each starting with `- `"),
        None => format!("write a list: `{key}: [a, b]`, or one item a line, each starting with `- `"),
    }
}

/// Words for thousands and millions after a number, and what they multiply by.
pub(super) const SCALES: &[(&str, f64)] = &[
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
pub(super) fn number_hint(key: &str, text: Option<&str>) -> String {
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
