//! A claim as written, in a brief or its own file: responses, sources,
//! `when`, the figure.

use super::*;

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
pub struct RawSpan {
    /// The start: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date and time with
    /// its zone (`2024-12-25T14:26+02:00`).
    #[schemars(transform = crate::schema::moment_field)]
    from: Option<Text>,
    /// The end, written as the start.
    #[schemars(transform = crate::schema::moment_field)]
    to: Option<Text>,
}

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
