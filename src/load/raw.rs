//! Raw types: site.yaml and front matter exactly as written, as serde reads
//! them. No validation beyond shape; `resolve` checks values and references.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A text field, as written: a bare number or boolean is its text
/// (`title: 1.10`, `name: 1e3`, `date: 2025`, `title: True`), never what
/// YAML makes of it; the loader's tree keeps that text (`load::node`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// `key: one` or `key: [one, two]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OneOrMany(pub Vec<Text>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OneOrMany, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id or a list of ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Text(v.to_string())]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Text(v.to_string())]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Text(v.to_string())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<OneOrMany, A::Error> {
                Vec::<Text>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(OneOrMany)
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

/// site.yaml.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub base_url: Option<Text>,
    pub language: Option<Text>,
    pub author: Option<Text>,
    pub portable: Option<bool>,
    pub extra: Option<serde_yaml::Value>,
}

pub const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "author",
    "portable",
    "extra",
];

/// `content/briefs/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawBrief {
    pub title: Option<Text>,
    pub date: Option<Text>,
    pub updated: Option<Text>,
    pub as_of: Option<Text>,
    pub summary: Option<Text>,
    #[serde(default)]
    pub judgements: Vec<RawJudgement>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub actors: Vec<Text>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub claims: Vec<RawClaimEntry>,
    #[serde(default)]
    pub authors: Vec<Text>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub redirect_from: Vec<Text>,
    pub extra: Option<serde_yaml::Value>,
}

pub const BRIEF_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "as_of",
    "summary",
    "judgements",
    "tags",
    "actors",
    "sources",
    "claims",
    "authors",
    "draft",
    "redirect_from",
    "extra",
];

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawJudgement {
    pub text: Option<Text>,
    pub likelihood: Option<Text>,
    pub confidence: Option<Text>,
    #[serde(default)]
    pub claims: Vec<Text>,
}

pub const JUDGEMENT_KEYS: &[&str] = &["text", "likelihood", "confidence", "claims"];

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub publisher: Option<Text>,
    pub url: Option<Text>,
    pub date: Option<Text>,
    pub reliability: Option<Text>,
}

pub const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "url", "date", "reliability"];

/// An item of a brief's `claims:` list: a claim declared here, or the id of
/// a claim declared elsewhere.
#[derive(Debug, Clone)]
pub enum RawClaimEntry {
    Cite(Text),
    Declare(Box<RawClaim>),
}

impl<'de> Deserialize<'de> for RawClaimEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawClaimEntry, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RawClaimEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a claim (a mapping with `id`, `text`, `by`…) or the id of a claim")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawClaimEntry, E> {
                Ok(RawClaimEntry::Cite(Text(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawClaimEntry, A::Error> {
                RawClaim::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|claim| RawClaimEntry::Declare(Box::new(claim)))
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

/// A claim: inline in a brief (with `id`) or a claim file (with `sources`
/// and without `id`; `load` checks which keys each place allows).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: Option<Text>,
    pub text: Option<Text>,
    pub by: Option<OneOrMany>,
    pub via: Option<OneOrMany>,
    pub about: Option<OneOrMany>,
    pub said: Option<Text>,
    pub when: Option<RawWhen>,
    pub source: Option<OneOrMany>,
    pub status: Option<Text>,
    pub credibility: Option<Text>,
    pub confidence: Option<Text>,
    pub quote: Option<Text>,
    pub quote_lang: Option<Text>,
    pub figure: Option<RawFigure>,
    pub measure: Option<Text>,
    #[serde(default)]
    pub supports: Option<OneOrMany>,
    #[serde(default)]
    pub contradicts: Option<OneOrMany>,
    #[serde(default)]
    pub supersedes: Option<OneOrMany>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub redirect_from: Vec<Text>,
    pub extra: Option<serde_yaml::Value>,
}

/// Keys of an inline claim.
pub const INLINE_CLAIM_KEYS: &[&str] = &[
    "id",
    "text",
    "by",
    "via",
    "about",
    "said",
    "when",
    "source",
    "status",
    "credibility",
    "confidence",
    "quote",
    "quote_lang",
    "figure",
    "measure",
    "supports",
    "contradicts",
    "supersedes",
    "extra",
];

/// Keys of a claim file's front matter.
pub const CLAIM_FILE_KEYS: &[&str] = &[
    "text",
    "by",
    "via",
    "about",
    "said",
    "when",
    "source",
    "status",
    "credibility",
    "confidence",
    "quote",
    "quote_lang",
    "figure",
    "measure",
    "supports",
    "contradicts",
    "supersedes",
    "sources",
    "redirect_from",
    "extra",
];

/// `when: 2025-03` or `when: {from: 2025-01, to: 2025-03}`.
#[derive(Debug, Clone)]
pub enum RawWhen {
    At(Text),
    Span {
        from: Option<Text>,
        to: Option<Text>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpan {
    from: Option<Text>,
    to: Option<Text>,
}

pub const WHEN_KEYS: &[&str] = &["from", "to"];

impl<'de> Deserialize<'de> for RawWhen {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawWhen, D::Error> {
        struct WhenVisitor;
        impl<'de> Visitor<'de> for WhenVisitor {
            type Value = RawWhen;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date or `{from, to}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawWhen, E> {
                Ok(RawWhen::At(Text(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawWhen, E> {
                Ok(RawWhen::At(Text(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawWhen, E> {
                Ok(RawWhen::At(Text(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawWhen, A::Error> {
                let span = RawSpan::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawWhen::Span {
                    from: span.from,
                    to: span.to,
                })
            }
        }
        deserializer.deserialize_any(WhenVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<Text>,
    pub qualifier: Option<Text>,
    pub as_of: Option<Text>,
}

pub const FIGURE_KEYS: &[&str] = &["value", "low", "high", "unit", "qualifier", "as_of"];

/// `content/actors/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub name: Option<Text>,
    pub kind: Option<Text>,
    #[serde(default)]
    pub aliases: Vec<RawAlias>,
    pub role: Option<Text>,
    pub part_of: Option<Text>,
    pub reliability: Option<Text>,
    #[serde(default)]
    pub same_as: Vec<Text>,
    #[serde(default)]
    pub links: Vec<RawLink>,
    #[serde(default)]
    pub redirect_from: Vec<Text>,
    pub extra: Option<serde_yaml::Value>,
}

pub const ACTOR_KEYS: &[&str] = &[
    "name",
    "kind",
    "aliases",
    "role",
    "part_of",
    "reliability",
    "same_as",
    "links",
    "redirect_from",
    "extra",
];

/// `- Kim` or `- {name: 김정은, lang: ko}`.
#[derive(Debug, Clone)]
pub struct RawAlias {
    pub name: Option<Text>,
    pub lang: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAliasMap {
    name: Option<Text>,
    lang: Option<Text>,
}

pub const ALIAS_KEYS: &[&str] = &["name", "lang"];

impl<'de> Deserialize<'de> for RawAlias {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawAlias, D::Error> {
        struct AliasVisitor;
        impl<'de> Visitor<'de> for AliasVisitor {
            type Value = RawAlias;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or `{name, lang}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAlias, E> {
                Ok(RawAlias {
                    name: Some(Text(v.to_string())),
                    lang: None,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAlias, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAlias, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawAlias, A::Error> {
                let alias = RawAliasMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawAlias {
                    name: alias.name,
                    lang: alias.lang,
                })
            }
        }
        deserializer.deserialize_any(AliasVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub title: Option<Text>,
    pub url: Option<Text>,
}

pub const LINK_KEYS: &[&str] = &["title", "url"];

/// `content/measures/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub name: Option<Text>,
    pub unit: Option<Text>,
    pub extra: Option<serde_yaml::Value>,
}

pub const MEASURE_KEYS: &[&str] = &["name", "unit", "extra"];

/// `content/pages/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: Option<Text>,
    #[serde(default)]
    pub redirect_from: Vec<Text>,
    pub extra: Option<serde_yaml::Value>,
}

pub const PAGE_KEYS: &[&str] = &["title", "redirect_from", "extra"];
