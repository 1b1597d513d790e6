//! An actor file: identifiers, relations, aliases, links.

use super::*;

/// `content/actors/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    /// Required: the actor's display name.
    #[schemars(required)]
    pub name: Option<Text>,
    /// The language of `name` as a BCP 47 tag, when not the site's.
    #[schemars(transform = crate::schema::lang_field)]
    pub name_lang: Option<Text>,
    /// Required: what kind of actor it is.
    #[schemars(required, transform = crate::schema::actor_kind_field)]
    pub kind: Option<Text>,
    #[serde(default)]
    /// Other names, in any script: a name, or `{name, lang}`.
    pub aliases: Vec<RawAlias>,
    /// A short description.
    pub role: Option<Text>,
    /// The id of the actor it belongs to.
    #[schemars(transform = crate::schema::id_field)]
    pub part_of: Option<Text>,
    /// Scheme and value: `imo`, `mmsi`, `callsign`, `flag`, `icao24`,
    /// `wikidata`, or any other scheme as free text.
    pub identifiers: Option<RawIdentifiers>,
    #[serde(default)]
    /// Typed relations to other actors, each `{type, to, from, until, source}`;
    /// shown on both actors' pages.
    pub relations: Vec<RawRelation>,
    #[serde(default)]
    /// The sources the actor's relations name by id.
    pub sources: Vec<RawSource>,
    /// Admiralty source reliability `A`–`F`, when the actor is a source.
    #[schemars(transform = crate::schema::reliability_field)]
    pub reliability: Option<Text>,
    #[serde(default)]
    /// URLs identifying the actor elsewhere (Wikidata…).
    pub same_as: Vec<Text>,
    #[serde(default)]
    /// Links about the actor, each `{title, url}`.
    pub links: Vec<RawLink>,
    #[serde(default)]
    /// Old ids whose URLs forward to this actor.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

/// An actor's `identifiers:`: scheme → value, in file order. Any scheme
/// is allowed; `resolve` checks the values of the schemes it knows.
#[derive(Debug, Clone, Default)]
pub struct RawIdentifiers(pub Vec<(String, Text)>);

impl<'de> Deserialize<'de> for RawIdentifiers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawIdentifiers, D::Error> {
        struct IdentifiersVisitor;
        impl<'de> Visitor<'de> for IdentifiersVisitor {
            type Value = RawIdentifiers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawIdentifiers, A::Error> {
                let mut out = Vec::new();
                while let Some((scheme, value)) = map.next_entry::<Text, Text>()? {
                    out.push((scheme.0, value));
                }
                Ok(RawIdentifiers(out))
            }
        }
        deserializer.deserialize_map(IdentifiersVisitor)
    }
}

/// An entry of an actor's `relations:`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    #[serde(rename = "type")]
    /// Required: what the relation is.
    #[schemars(required, transform = crate::schema::relation_type_field)]
    pub kind: Option<Text>,
    /// Required: the id of the other actor.
    #[schemars(required, transform = crate::schema::id_field)]
    pub to: Option<Text>,
    /// Since when: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub from: Option<Text>,
    /// Until when: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub until: Option<Text>,
    /// The id of a source of this file.
    #[schemars(transform = crate::schema::id_field)]
    pub source: Option<Text>,
}

impl JsonSchema for RawIdentifiers {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawIdentifiers".into()
    }

    /// A free mapping of schemes to values, the schemes dossier checks
    /// described (any other is free text; case does not matter).
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::schema::identifiers()
    }
}

/// `- Kim` or `- {name: 김정은, lang: ko}`.
#[derive(Debug, Clone)]
pub struct RawAlias {
    pub name: Option<Text>,
    pub lang: Option<Text>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAliasMap {
    /// The name, as written.
    name: Option<Text>,
    /// Its language as a BCP 47 tag (`ko`, `ru`).
    #[schemars(transform = crate::schema::lang_field)]
    lang: Option<Text>,
}

impl JsonSchema for RawAlias {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawAlias".into()
    }

    /// A name, or `{name, lang}`.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let map = generator.subschema_for::<RawAliasMap>();
        schemars::json_schema!({ "anyOf": [{ "type": ["string", "number", "boolean"] }, map] })
    }
}

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

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    /// The link's text.
    pub title: Option<Text>,
    /// Where the link leads.
    pub url: Option<Text>,
}
