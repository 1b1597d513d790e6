//! Raw front matter to model entities, one entity at a time: required
//! fields, dates, vocabularies, figures, references and Markdown fields.
//! Every problem becomes a diagnostic; a bad value is dropped, not fatal.
//!
//! `Here` (this file) is one entity's conversion under way; `here` holds
//! the readers of values every kind shares, `rendering` its Markdown,
//! `sources` its URLs and sources; then one module per kind of file.

use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::load::raw::*;
use crate::load::yaml::YamlPath;
use crate::load::{Doc, FileId, Kind, Loaded, SourceFile};
use crate::markdown::{self, Place, ProblemKind, Rendered};
use crate::model::identifiers;
use crate::model::*;
use crate::path;
use crate::resolve::declare::{is_valid_id, kind_of, ClaimDecl, Ids, MeasureDecl};
use crate::resolve::memo::{self, Memo, Mode};
use crate::urls;
use std::collections::HashSet;
use std::sync::Arc;

mod actor;
mod brief;
mod claim;
mod here;
mod incident;
mod measure;
mod rendering;
mod sources;

pub use actor::actor;
pub use brief::{brief, BriefParts};
pub use claim::claim;
pub use incident::incident;
pub use measure::{measure, page};
use sources::named_sources;

/// What every conversion reads.
pub struct Scope<'a> {
    pub loaded: &'a Loaded,
    pub ids: &'a Ids,
    /// Renderings of the previous build.
    pub memo: &'a Memo,
    /// Keep this build's renderings for the next one.
    pub remember: bool,
    /// Links to folders spell out `index.html`.
    pub portable: bool,
}

/// An `[[id#anchor]]` to check once every page's headings are known.
#[derive(Debug, Clone)]
pub struct PendingAnchor {
    pub file: FileId,
    pub pos: Pos,
    pub target: Target,
    pub anchor: String,
}

/// A `redirect_from` entry.
#[derive(Debug, Clone)]
pub struct PendingRedirect {
    pub from: String,
    pub to: Target,
    pub file: FileId,
    pub path: YamlPath,
}

/// What converting one entity yields besides the entity.
#[derive(Debug, Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub anchors: Vec<PendingAnchor>,
    pub redirects: Vec<PendingRedirect>,
    /// Actors linked with `[[id]]` from the entity's Markdown fields.
    pub linked_actors: Vec<ActorIx>,
    /// The renderings used, for the next build.
    pub memo: Vec<memo::Keyed>,
}

/// A body rendered: its HTML (shared with the memo) and its headings.
struct BodyHtml {
    html: Arc<str>,
    headings: Vec<crate::markdown::Heading>,
}

/// The context of one entity: its file, where it sits in the YAML, and
/// whether it is published (published pages must not link to drafts).
struct Here<'a> {
    scope: &'a Scope<'a>,
    file: &'a SourceFile,
    file_id: FileId,
    base: YamlPath,
    published: bool,
    found: Findings,
}

/// What is wrong with a language tag, as a message and a hint, or `None`
/// when it is a tag of the IANA registry (see [`crate::model::language`]).
pub fn language_problem(tag: &str) -> Option<(String, String)> {
    use crate::model::language::{check, meant, Refusal};
    let refusal = check(tag).err()?;
    let message = match &refusal {
        Refusal::Shape => format!("invalid language tag `{tag}`"),
        Refusal::Unknown(primary) if primary.eq_ignore_ascii_case(tag) => {
            format!("unknown language `{tag}`: not a language subtag of the IANA registry")
        }
        Refusal::Unknown(primary) => format!(
            "unknown language `{primary}` in the tag `{tag}`: not a language subtag of the IANA registry"
        ),
    };
    let hint = match meant(tag) {
        Some((code, "")) => format!("did you mean `{code}`?"),
        Some((code, name)) => format!("did you mean `{code}` ({name})?"),
        None => "write a BCP 47 tag: a language code of ISO 639 (`en`, `ko`, `ru`), \
                 then a script or region if needed (`zh-Hant`, `pt-BR`)"
            .to_string(),
    };
    Some((message, hint))
}

/// The hint for a value outside a fixed list (`allowed`, as
/// `Vocabulary::allowed` writes it): the value meant, then every value.
fn allowed_hint(raw: &str, allowed: &str) -> String {
    let values: Vec<&str> = allowed.split(", ").map(|v| v.trim_matches('`')).collect();
    match meant(raw, &values) {
        Some(value) => format!("did you mean `{value}`? allowed values: {allowed}"),
        None => format!("allowed values: {allowed}"),
    }
}

/// The parts of an Admiralty grade written in one value: a reliability
/// letter and a credibility digit (`B`, `2`, `B2`, `b 2`, `2B`), each
/// `None` when absent; both `None` unless the value is only those.
fn grade_parts(raw: &str) -> (Option<char>, Option<char>) {
    let chars: Vec<char> = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '/')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let letter = |c: &char| ('A'..='F').contains(c);
    let digit = |c: &char| ('1'..='6').contains(c);
    match chars.as_slice() {
        [r] if letter(r) => (Some(*r), None),
        [c] if digit(c) => (None, Some(*c)),
        [r, c] | [c, r] if letter(r) && digit(c) => (Some(*r), Some(*c)),
        _ => (None, None),
    }
}

fn text(value: &Option<Text>) -> Option<String> {
    value
        .as_ref()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// YAML to JSON for templates' `extra`: keys become strings.
pub fn yaml_to_json(value: &serde_yaml::Value) -> serde_json::Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        }
        Y::String(s) => serde_json::Value::String(s.clone()),
        Y::Sequence(items) => serde_json::Value::Array(items.iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

/// `text` as a YAML value in a hint: as it is when it is plain words
/// that YAML reads back as the same text (also inside `{…}`), else
/// double-quoted.
fn yaml_value(text: &str) -> String {
    let word_char = |c: char| {
        c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '%' | '(' | ')' | '\'')
    };
    let special = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
    ) || text.to_ascii_lowercase().parse::<f64>().is_ok();
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(' ')
        && text.chars().all(word_char)
        && !special;
    if plain {
        return text.to_string();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::yaml_value;

    #[test]
    fn hints_write_values_yaml_reads_back_as_written() {
        for plain in ["troops", "USD billion", "km/h", "tonnes (CO2)", "Soldaten"] {
            assert_eq!(yaml_value(plain), plain);
        }
        for (text, quoted) in [
            ("soldiers: dead", r#""soldiers: dead""#),
            ("true", r#""true""#),
            ("1e3", r#""1e3""#),
            ("#tag", r##""#tag""##),
            ("a \"b\"", r#""a \"b\"""#),
            ("{x}", r#""{x}""#),
            ("a,b", r#""a,b""#),
            ("", r#""""#),
            ("line\nbreak", r#""line\u000abreak""#),
        ] {
            assert_eq!(yaml_value(text), quoted, "{text:?}");
        }
    }
}
