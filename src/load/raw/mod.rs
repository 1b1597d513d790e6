//! Raw types: site.yaml and front matter exactly as written, as serde reads
//! them. No validation beyond shape; `resolve` checks values and references.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

mod actor;
mod brief;
mod claim;
mod place;

pub use actor::*;
pub use brief::*;
pub use claim::*;
pub use place::*;

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

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    /// Text, or a number or boolean YAML would read there (kept as written).
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number", "boolean"] })
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

impl JsonSchema for OneOrMany {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OneOrMany".into()
    }

    /// An id, or a list of ids (every `OneOrMany` names entities or sources).
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let id = crate::schema::id_or_number();
        schemars::json_schema!({ "anyOf": [id, { "type": "array", "items": id }] })
    }
}

/// site.yaml.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// The site's name.
    #[schemars(required)]
    pub title: Option<Text>,
    /// One sentence about the site, for the home page, the feed and meta tags.
    pub description: Option<Text>,
    /// The absolute http(s) URL where the site will live; needed only for
    /// feeds, the sitemap and canonical links (internal links never use it).
    #[schemars(transform = crate::schema::base_url_field)]
    pub base_url: Option<Text>,
    /// The site's language as a BCP 47 tag (`en`, `de`, `pt-BR`); default `en`.
    #[schemars(transform = crate::schema::lang_field)]
    pub language: Option<Text>,
    /// The desk or person publishing.
    pub author: Option<Text>,
    /// `true`: every link to a folder spells out `index.html`, so the output
    /// works opened from disk (as `--portable`).
    pub portable: Option<bool>,
    /// `true`: warnings fail the run, as `--deny-warnings` does.
    pub strict: Option<bool>,
    #[serde(default)]
    /// The site's own map layers (economic zones, cable routes): GeoJSON
    /// files drawn and credited on every map they cross.
    pub map_layers: Vec<RawLayer>,
    /// A free mapping, passed to templates as `site.extra`.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

/// One of site.yaml's `map_layers`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayer {
    /// Required: the GeoJSON file, a path under the site's folder
    /// (`static/maps/eez.geojson`).
    #[schemars(required)]
    pub file: Option<Text>,
    /// Required: what the layer shows, as its key says (`Exclusive economic zones`).
    #[schemars(required)]
    pub title: Option<Text>,
    /// Whose data it is, shown under every map the layer crosses
    /// (`Flanders Marine Institute, CC BY 4.0`).
    pub attribution: Option<Text>,
}
