//! Raw types: site.yaml and front matter exactly as written, as serde reads
//! them. No validation beyond shape; `resolve` checks values and references.

use schemars::JsonSchema;
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

pub const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "author",
    "portable",
    "strict",
    "map_layers",
    "extra",
];

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

pub const LAYER_KEYS: &[&str] = &["file", "title", "attribution"];

/// `content/briefs/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBrief {
    /// Required: the brief's title.
    #[schemars(required)]
    pub title: Option<Text>,
    /// Required: the publication date, `YYYY-MM-DD`.
    #[schemars(required, transform = crate::schema::date_field)]
    pub date: Option<Text>,
    /// The date of the last substantive change, `YYYY-MM-DD`; default: the date
    /// of the last entry of `changes`.
    #[schemars(transform = crate::schema::date_field)]
    pub updated: Option<Text>,
    #[serde(default)]
    /// What changed after publication, and when: corrections and updates, shown
    /// newest first.
    pub changes: Vec<RawChange>,
    /// The information cut-off date, `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::date_field)]
    pub as_of: Option<Text>,
    /// The bottom line up front: a few sentences of inline Markdown; `[[id]]`
    /// links allowed.
    pub summary: Option<Text>,
    #[serde(default)]
    /// The key judgements, each with its likelihood, the desk's confidence, and
    /// the claims it rests on and those against it.
    pub judgements: Vec<RawJudgement>,
    #[serde(default)]
    /// Tags; each becomes a tag page. Tags are compared by their slug (`Red
    /// Sea` = `red-sea`).
    pub tags: Vec<Text>,
    #[serde(default)]
    /// Ids of actors relevant to the brief that it may not otherwise name.
    #[schemars(transform = crate::schema::id_list_field)]
    pub actors: Vec<Text>,
    #[serde(default)]
    /// The sources the claims of this file name by id.
    pub sources: Vec<RawSource>,
    #[serde(default)]
    /// Claims declared here (a mapping with `id`, `text`, `by`…) or cited by
    /// the id of a claim declared elsewhere.
    pub claims: Vec<RawClaimEntry>,
    #[serde(default)]
    /// The brief's authors.
    pub authors: Vec<Text>,
    #[serde(default)]
    /// `true`: left out of the site unless built with `--drafts`.
    pub draft: bool,
    #[serde(default)]
    /// Old ids whose URLs forward to this brief.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

pub const BRIEF_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "changes",
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

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJudgement {
    /// Required: the judgement, inline Markdown.
    #[schemars(required)]
    pub text: Option<Text>,
    /// How likely, in the seven ICD 203 terms.
    #[schemars(transform = crate::schema::likelihood_field)]
    pub likelihood: Option<Text>,
    /// The desk's confidence in the judgement.
    #[schemars(transform = crate::schema::confidence_field)]
    pub confidence: Option<Text>,
    #[serde(default)]
    /// Ids of the claims the judgement rests on.
    #[schemars(transform = crate::schema::id_list_field)]
    pub claims: Vec<Text>,
    #[serde(default)]
    /// Ids of the claims that cut against it.
    #[schemars(transform = crate::schema::id_list_field)]
    pub against: Vec<Text>,
}

pub const JUDGEMENT_KEYS: &[&str] = &["text", "likelihood", "confidence", "claims", "against"];

/// An entry of a brief's `changes:`: what changed, and when.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    /// Required: when it changed, `YYYY-MM-DD` (not before the brief's `date`).
    #[schemars(required, transform = crate::schema::date_field)]
    pub date: Option<Text>,
    /// Required: what changed, inline Markdown.
    #[schemars(required)]
    pub note: Option<Text>,
    /// `update` (the default) or `correction`.
    #[schemars(transform = crate::schema::change_kind_field)]
    pub kind: Option<Text>,
}

pub const CHANGE_KEYS: &[&str] = &["date", "note", "kind"];

/// An entry of a claim's `responses:`: what an actor said about the claim.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    /// Required: the id of the actor who responded, or a list of ids.
    #[schemars(required)]
    pub by: Option<OneOrMany>,
    /// Required: what they said of the claim (a denial is `denies`).
    #[schemars(required, transform = crate::schema::stance_field)]
    pub stance: Option<Text>,
    /// When they said it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub said: Option<Text>,
    /// The id of a source of the declaring file, or a list of ids.
    pub source: Option<OneOrMany>,
    /// What they said, inline Markdown.
    pub text: Option<Text>,
}

pub const RESPONSE_KEYS: &[&str] = &["by", "stance", "said", "source", "text"];

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Required: the source's id, unique within its file; claims name it in
    /// `source:`.
    #[schemars(required, transform = crate::schema::id_field)]
    pub id: Option<Text>,
    /// Required: what the source is.
    #[schemars(required)]
    pub title: Option<Text>,
    /// The id of the actor that published it.
    #[schemars(transform = crate::schema::id_field)]
    pub publisher: Option<Text>,
    /// Where it can be read.
    pub url: Option<Text>,
    /// Its date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub date: Option<Text>,
    /// Admiralty source reliability `A`–`F`; overrides the publisher's.
    #[schemars(transform = crate::schema::reliability_field)]
    pub reliability: Option<Text>,
    #[serde(rename = "type")]
    /// What kind of source it is (ICD 206).
    #[schemars(transform = crate::schema::source_type_field)]
    pub kind: Option<Text>,
    /// How the source knows what it says: `direct` (saw or did it), `indirect`
    /// (was told) or `unknown`.
    #[schemars(transform = crate::schema::access_field)]
    pub access: Option<Text>,
    /// The URL of an archived copy, shown beside the original link.
    pub archive: Option<Text>,
    /// When the desk read it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub retrieved: Option<Text>,
    /// The language of the original as a BCP 47 tag.
    #[schemars(transform = crate::schema::lang_field)]
    pub language: Option<Text>,
    /// Who translated what the desk quotes: `desk`, or a name.
    pub translation: Option<Text>,
    /// `true`: an anonymous source, its `title` describing it as published (`a
    /// senior US official`).
    pub anonymous: Option<bool>,
}

pub const SOURCE_KEYS: &[&str] = &[
    "id",
    "title",
    "publisher",
    "url",
    "date",
    "reliability",
    "type",
    "access",
    "archive",
    "retrieved",
    "language",
    "translation",
    "anonymous",
];

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

impl JsonSchema for RawClaimEntry {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawClaimEntry".into()
    }

    /// A claim declared here, or the id of one declared elsewhere.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let claim = generator.subschema_for::<RawClaim>();
        let id = crate::schema::id_or_number();
        schemars::json_schema!({ "anyOf": [id, claim] })
    }
}

/// A claim: inline in a brief (with `id`) or a claim file (with `sources`
/// and without `id`; `load` checks which keys each place allows).
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[schemars(
    description = "A claim: one assertion made by an actor; who said what, about whom, when, where the desk saw it, and how far it trusts it."
)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    /// Required inline: the claim's id (a claim file's id is its file name).
    #[schemars(required, transform = crate::schema::id_field)]
    pub id: Option<Text>,
    /// Required: the claim in one sentence, inline Markdown, without a verdict.
    #[schemars(required)]
    pub text: Option<Text>,
    /// Required: the claimant, an actor id, or a list of them.
    #[schemars(required)]
    pub by: Option<OneOrMany>,
    /// Who relayed it to the public: an actor id, or an ordered list.
    pub via: Option<OneOrMany>,
    /// Ids of the actors the claim is about.
    pub about: Option<OneOrMany>,
    /// When the claim was made: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; default: the
    /// declaring brief's date.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub said: Option<Text>,
    /// The event the claim describes: a date, or `{from, to}`.
    pub when: Option<RawWhen>,
    /// The incidents the claim is about: an incident id, or a list.
    pub incident: Option<OneOrMany>,
    /// The id of a source of the declaring file, or a list of ids.
    pub source: Option<OneOrMany>,
    /// The desk's verdict (default `reported`). A denial is not a status but a
    /// response.
    #[schemars(transform = crate::schema::status_field)]
    pub status: Option<Text>,
    #[serde(default)]
    /// What other actors said about the claim, apart from the desk's verdict.
    pub responses: Vec<RawResponse>,
    /// Admiralty information credibility, `1` (confirmed by other sources) to
    /// `6` (cannot be judged).
    #[schemars(transform = crate::schema::credibility_field)]
    pub credibility: Option<Text>,
    /// The desk's confidence in the claim.
    #[schemars(transform = crate::schema::confidence_field)]
    pub confidence: Option<Text>,
    /// The claimant's words, verbatim.
    pub quote: Option<Text>,
    /// The quote's language as a BCP 47 tag, when not the site's.
    #[schemars(transform = crate::schema::lang_field)]
    pub quote_lang: Option<Text>,
    /// The number in the claim.
    pub figure: Option<RawFigure>,
    /// The id of the measure (declared in `content/measures/`) the figure
    /// estimates.
    #[schemars(transform = crate::schema::id_field)]
    pub measure: Option<Text>,
    #[serde(default)]
    /// Ids of the claims this one supports.
    pub supports: Option<OneOrMany>,
    #[serde(default)]
    /// Ids of the claims this one contradicts.
    pub contradicts: Option<OneOrMany>,
    #[serde(default)]
    /// Ids of the claims this one replaces (the claimant's own earlier claims).
    pub supersedes: Option<OneOrMany>,
    #[serde(default)]
    /// A claim file's sources, named by id in `source:`.
    pub sources: Vec<RawSource>,
    #[serde(default)]
    /// Old ids whose URLs forward to this claim.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
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
    "incident",
    "source",
    "status",
    "responses",
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
    "incident",
    "source",
    "status",
    "responses",
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

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSpan {
    /// The start: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date and time with
    /// its zone (`2024-12-25T14:26+02:00`).
    #[schemars(transform = crate::schema::moment_field)]
    from: Option<Text>,
    /// The end, written as the start.
    #[schemars(transform = crate::schema::moment_field)]
    to: Option<Text>,
}

pub const WHEN_KEYS: &[&str] = &["from", "to"];

impl JsonSchema for RawWhen {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawWhen".into()
    }

    /// A date, or `{from, to}`.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let span = generator.subschema_for::<RawSpan>();
        let date = crate::schema::moment_value();
        schemars::json_schema!({ "anyOf": [date, span] })
    }
}

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

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    /// The number (`value` or `low`/`high` is required).
    pub value: Option<f64>,
    /// The lower bound (a range, or `at-least`).
    pub low: Option<f64>,
    /// The upper bound (a range, or `at-most`).
    pub high: Option<f64>,
    /// The unit; when given, it must be the measure's.
    pub unit: Option<Text>,
    /// How the number is meant.
    #[schemars(transform = crate::schema::qualifier_field)]
    pub qualifier: Option<Text>,
    /// The date the figure describes, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
    /// (default: `said`); after `said`, a forecast.
    #[schemars(transform = crate::schema::partial_date_field)]
    pub as_of: Option<Text>,
    /// The claimant's own words for the quantity (`dozens of kilometres`).
    pub wording: Option<Text>,
}

pub const FIGURE_KEYS: &[&str] = &[
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "as_of",
    "wording",
];

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

pub const ACTOR_KEYS: &[&str] = &[
    "name",
    "name_lang",
    "kind",
    "aliases",
    "role",
    "part_of",
    "identifiers",
    "relations",
    "sources",
    "reliability",
    "same_as",
    "links",
    "redirect_from",
    "extra",
];

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

pub const RELATION_KEYS: &[&str] = &["type", "to", "from", "until", "source"];

/// `- Kim` or `- {name: 김정은, lang: ko}`.
#[derive(Debug, Clone)]
pub struct RawAlias {
    pub name: Option<Text>,
    pub lang: Option<Text>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawAliasMap {
    /// The name, as written.
    name: Option<Text>,
    /// Its language as a BCP 47 tag (`ko`, `ru`).
    #[schemars(transform = crate::schema::lang_field)]
    lang: Option<Text>,
}

pub const ALIAS_KEYS: &[&str] = &["name", "lang"];

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

pub const LINK_KEYS: &[&str] = &["title", "url"];

/// `content/measures/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    /// Required: the measure's name.
    #[schemars(required)]
    pub name: Option<Text>,
    /// Required: the unit every figure of the measure is in.
    #[schemars(required)]
    pub unit: Option<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

pub const MEASURE_KEYS: &[&str] = &["name", "unit", "extra"];

/// `content/pages/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Required: the page's title.
    #[schemars(required)]
    pub title: Option<Text>,
    #[serde(default)]
    /// Old ids whose URLs forward to this page.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

pub const PAGE_KEYS: &[&str] = &["title", "redirect_from", "extra"];

/// `content/incidents/<id>.md` (FORMAT §14): an event in time and place
/// that claims are about.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIncident {
    /// Required: the incident's title.
    #[schemars(required)]
    pub title: Option<Text>,
    /// Required: when it happened, as a claim's `when`: a date, or `{from, to}`.
    #[schemars(required)]
    pub when: Option<RawWhen>,
    /// Required: where it happened: `{place, lat, lon, precision, track, area}`.
    #[serde(rename = "where")]
    #[schemars(required, rename = "where")]
    pub place: Option<RawWhere>,
    /// Short free text shown as a label and grouped on the list (`cable damage`).
    pub kind: Option<Text>,
    #[serde(default)]
    /// Ids of the actors involved.
    #[schemars(transform = crate::schema::id_list_field)]
    pub actors: Vec<Text>,
    #[serde(default)]
    /// Tags; each becomes a tag page.
    pub tags: Vec<Text>,
    #[serde(default)]
    /// The incident's sources.
    pub sources: Vec<RawSource>,
    #[serde(default)]
    /// `true`: left out of the site unless built with `--drafts`.
    pub draft: bool,
    #[serde(default)]
    /// Old ids whose URLs forward to this incident.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

pub const INCIDENT_KEYS: &[&str] = &[
    "title",
    "when",
    "where",
    "kind",
    "actors",
    "tags",
    "sources",
    "draft",
    "redirect_from",
    "extra",
];

/// An incident's `where`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWhere {
    /// Required: the name readers know the place by.
    #[schemars(required)]
    pub place: Option<Text>,
    /// Latitude, WGS 84 decimal degrees, -90 to 90.
    pub lat: Option<f64>,
    /// Longitude, WGS 84 decimal degrees, -180 to 180.
    pub lon: Option<f64>,
    /// How exact the coordinates are: `exact`, `approximate`, `area`,
    /// `region` or `country`.
    #[schemars(transform = crate::schema::precision_field)]
    pub precision: Option<Text>,
    #[serde(default)]
    /// A course: a list of `[lat, lon]` or `[lat, lon, time]` points.
    pub track: Vec<RawPoint>,
    #[serde(default)]
    /// A polygon: a list of at least three `[lat, lon]` points.
    pub area: Vec<RawPoint>,
}

pub const WHERE_KEYS: &[&str] = &["place", "lat", "lon", "precision", "track", "area"];

/// One item of a point: a number, or (the third) a time.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCoord {
    Number(f64),
    Text(String),
}

/// `[lat, lon]` or `[lat, lon, time]`, as written (checked by `resolve`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawPoint(pub Vec<RawCoord>);

impl<'de> Deserialize<'de> for RawCoord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawCoord, D::Error> {
        struct CoordVisitor;
        impl Visitor<'_> for CoordVisitor {
            type Value = RawCoord;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a time")
            }
            // The loader hands scalars over as written: a number is read
            // here, YAML's `.nan` and `.inf` too (and reported as such).
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCoord, E> {
                let t = v.trim();
                let special = match t.to_ascii_lowercase().as_str() {
                    ".nan" => Some(f64::NAN),
                    ".inf" | "+.inf" => Some(f64::INFINITY),
                    "-.inf" => Some(f64::NEG_INFINITY),
                    _ => None,
                };
                let looks_numeric =
                    t.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
                match special.or_else(|| t.parse::<f64>().ok().filter(|_| looks_numeric)) {
                    Some(n) => Ok(RawCoord::Number(n)),
                    None => Ok(RawCoord::Text(v.to_string())),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawCoord, E> {
                Ok(RawCoord::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawCoord, E> {
                Ok(RawCoord::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawCoord, E> {
                Ok(RawCoord::Number(v))
            }
        }
        deserializer.deserialize_any(CoordVisitor)
    }
}

impl<'de> Deserialize<'de> for RawPoint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawPoint, D::Error> {
        Vec::<RawCoord>::deserialize(deserializer).map(RawPoint)
    }
}

impl JsonSchema for RawPoint {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawPoint".into()
    }

    /// `[lat, lon]` or `[lat, lon, time]`.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "prefixItems": [
                { "type": "number", "minimum": -90, "maximum": 90 },
                { "type": "number", "minimum": -180, "maximum": 180 },
                { "type": "string" }
            ],
            "minItems": 2,
            "maxItems": 3
        })
    }
}
