//! The records the data files hold, one type per row or object, with the
//! CSV columns; the JSON Schemas are generated from these types.

use super::*;

/// The columns of `data/claims.csv`, in order.
pub const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "text",
    "by",
    "via",
    "about",
    "said",
    "when",
    "status",
    "grade",
    "confidence",
    "responses",
    "sources",
    "cited_in",
    "url",
    "incident",
];

/// The columns of `data/figures.csv` and of each
/// `measures/<id>/figures.csv`, in order.
pub const FIGURE_COLUMNS: &[&str] = &[
    "measure",
    "claim",
    "by",
    "said",
    "as_of",
    "value",
    "low",
    "high",
    "qualifier",
    "wording",
    "unit",
    "status",
    "grade",
];

/// What joins the items of a list inside one CSV cell.
pub const LIST_SEPARATOR: &str = "; ";

/// An actor named in a record: its id and its name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ActorName {
    /// The actor's id (its file stem in `content/actors/`).
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// Its display name.
    pub name: String,
}

/// One claim of `data/claims.json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ClaimRecord {
    /// The claim's id.
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The claim in one sentence, as plain text.
    pub text: String,
    /// The claimants: who made the claim.
    pub by: Vec<ActorName>,
    /// Who relayed it to the public, in order.
    pub via: Vec<ActorName>,
    /// The actors it is about.
    pub about: Vec<ActorName>,
    /// When the claim was made: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub said: Option<String>,
    /// The time of the event the claim describes.
    pub when: Option<WhenRecord>,
    /// The desk's verdict.
    #[schemars(schema_with = "crate::schema::status")]
    pub status: &'static str,
    /// Reliability and credibility together (`B2`), when both are known.
    pub grade: Option<String>,
    /// Admiralty reliability `A`–`F` of the claim's first source, else of
    /// that source's publisher, else of the first claimant.
    #[schemars(schema_with = "crate::schema::reliability_or_null")]
    pub reliability: Option<&'static str>,
    /// Admiralty information credibility `1`–`6`.
    #[schemars(schema_with = "crate::schema::credibility_or_null")]
    pub credibility: Option<&'static str>,
    /// The desk's confidence in the claim.
    #[schemars(schema_with = "crate::schema::confidence_or_null")]
    pub confidence: Option<&'static str>,
    /// The claimant's words, verbatim.
    pub quote: Option<String>,
    /// The quote's language (BCP 47), when not the site's.
    pub quote_lang: Option<String>,
    /// The number in the claim.
    pub figure: Option<FigureRecord>,
    /// The id of the measure the figure estimates.
    #[schemars(schema_with = "crate::schema::id_or_null")]
    pub measure: Option<String>,
    /// What other actors said about the claim, as written.
    pub responses: Vec<ResponseRecord>,
    /// The sources the claim names.
    pub sources: Vec<SourceRecord>,
    /// Ids of the claims it supports.
    pub supports: Vec<String>,
    /// Ids of the claims it contradicts.
    pub contradicts: Vec<String>,
    /// Ids of the claims it replaces.
    pub supersedes: Vec<String>,
    /// The id of the brief declaring it; `null` for a claim file.
    #[schemars(schema_with = "crate::schema::id_or_null")]
    pub declared_in: Option<String>,
    /// Ids of the briefs declaring or citing it, newest first.
    pub cited_in: Vec<String>,
    /// The claim's page: absolute when the site has a `base_url`, else
    /// relative to the site's root.
    pub url: String,
    /// Ids of the incidents it is about (FORMAT §14).
    pub incident: Vec<String>,
}

/// The time of an event: a partial date, or a span; each end may be a
/// full date with its time of day and zone, as written.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WhenRecord {
    /// The date, or the start of the span.
    #[schemars(schema_with = "crate::schema::moment")]
    pub from: String,
    /// The end of the span; `null` for a single date.
    #[schemars(schema_with = "crate::schema::moment_or_null")]
    pub to: Option<String>,
}

/// The number in a claim.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FigureRecord {
    /// The number, when the claim gives one.
    pub value: Option<f64>,
    /// The lower bound of a range (or of an `at-least`).
    pub low: Option<f64>,
    /// The upper bound of a range (or of an `at-most`).
    pub high: Option<f64>,
    /// The figure's unit, else its measure's.
    pub unit: Option<String>,
    /// How the number is meant: `about`, `at-least`, `range`…
    #[schemars(schema_with = "crate::schema::qualifier_or_null")]
    pub qualifier: Option<&'static str>,
    /// The date the figure describes, when not the date it was said.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub as_of: Option<String>,
    /// The claimant's own words for the quantity.
    pub wording: Option<String>,
    /// Whether it is a forecast: its `as_of` comes after the claim was made.
    pub forecast: bool,
}

/// What an actor said about a claim.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ResponseRecord {
    /// The responders.
    pub by: Vec<ActorName>,
    /// What they said of the claim.
    #[schemars(schema_with = "crate::schema::stance")]
    pub stance: &'static str,
    /// When they said it.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub said: Option<String>,
    /// What they said, as plain text.
    pub text: Option<String>,
    /// The sources of the response.
    pub sources: Vec<SourceRecord>,
}

/// A source of a claim or response.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceRecord {
    /// Its id, unique within the file declaring it.
    pub id: String,
    /// What the source is, as the desk names it.
    pub title: String,
    /// The actor that published it.
    pub publisher: Option<ActorName>,
    /// Where it can be read (only http(s), mailto and site URLs).
    pub url: Option<String>,
    /// Its date.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub date: Option<String>,
    /// Admiralty reliability: the source's own, else its publisher's.
    #[schemars(schema_with = "crate::schema::reliability_or_null")]
    pub reliability: Option<&'static str>,
    /// What kind of source it is (ICD 206).
    #[serde(rename = "type")]
    #[schemars(schema_with = "crate::schema::source_type_or_null")]
    pub kind: Option<&'static str>,
    /// How the source knows what it says: `direct`, `indirect`, `unknown`.
    #[schemars(schema_with = "crate::schema::access_or_null")]
    pub access: Option<&'static str>,
    /// The URL of an archived copy.
    pub archive: Option<String>,
    /// When the desk read it.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub retrieved: Option<String>,
    /// The language of the original (BCP 47).
    pub language: Option<String>,
    /// Who translated what the desk quotes: `desk`, or a name.
    pub translation: Option<String>,
    /// An anonymous source: its title describes it as published; it is
    /// never an actor.
    pub anonymous: bool,
}

/// One actor of `data/actors.json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ActorRecord {
    /// The actor's id.
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// Its display name.
    pub name: String,
    /// The language of the name (BCP 47), when not the site's.
    pub name_lang: Option<String>,
    /// What kind of actor it is.
    #[schemars(schema_with = "crate::schema::actor_kind")]
    pub kind: &'static str,
    /// Other names, in any script.
    pub aliases: Vec<AliasRecord>,
    /// A short description.
    pub role: Option<String>,
    /// The id of the body it belongs to.
    #[schemars(schema_with = "crate::schema::id_or_null")]
    pub part_of: Option<String>,
    /// Identifiers (IMO number, MMSI, flag, Wikidata item…), in file order.
    pub identifiers: Vec<IdentifierRecord>,
    /// Its typed relations to other actors, as its file declares them.
    pub relations: Vec<RelationRecord>,
    /// Admiralty reliability `A`–`F` as a source.
    #[schemars(schema_with = "crate::schema::reliability_or_null")]
    pub reliability: Option<&'static str>,
    /// URLs identifying the actor elsewhere.
    pub same_as: Vec<String>,
    /// Links about the actor.
    pub links: Vec<LinkRecord>,
    /// The actor's page: absolute when the site has a `base_url`, else
    /// relative to the site's root.
    pub url: String,
}

/// An identifier of an actor.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IdentifierRecord {
    /// The scheme: `imo`, `mmsi`, `callsign`, `flag`, `icao24`,
    /// `wikidata`, or another as written.
    pub scheme: String,
    /// The value, checked and normalised for the schemes dossier knows.
    pub value: String,
}

/// A typed relation from an actor to another.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RelationRecord {
    /// What the relation is (`owns`, `spokesperson-for`…).
    #[serde(rename = "type")]
    #[schemars(schema_with = "crate::schema::relation_type")]
    pub kind: &'static str,
    /// The other actor.
    pub to: ActorName,
    /// Since when.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub from: Option<String>,
    /// Until when.
    #[schemars(schema_with = "crate::schema::partial_date_or_null")]
    pub until: Option<String>,
    /// The source of the relation.
    pub source: Option<SourceRecord>,
}

/// Another name of an actor.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AliasRecord {
    /// The name, as written.
    pub name: String,
    /// Its language (BCP 47), when given.
    pub lang: Option<String>,
}

/// A link of an actor.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LinkRecord {
    /// The link's text.
    pub title: String,
    /// Its URL (only http(s), mailto and site URLs).
    pub url: String,
}

/// `data/incidents.geojson`: a GeoJSON FeatureCollection (RFC 7946),
/// one feature per incident.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureCollection {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub features: Vec<Feature>,
}

/// One incident on a map.
#[derive(Debug, Clone, Serialize)]
pub struct Feature {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The incident's id.
    pub id: String,
    /// Where it happened; `null` when it has no coordinates.
    pub geometry: Option<Geometry>,
    pub properties: FeatureProperties,
}

/// What a feature says of its incident.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureProperties {
    pub title: String,
    /// As written: a partial date, a date and time, or `from/to`.
    pub when: Option<String>,
    pub place: Option<String>,
    pub precision: Option<String>,
    pub kind: Option<String>,
    /// Ids of the claims about it.
    pub claims: Vec<String>,
    pub url: String,
}

/// A GeoJSON geometry. Positions are `[longitude, latitude]`, as RFC 7946
/// orders them (the reverse of how `where` is written).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum Geometry {
    Point { coordinates: [f64; 2] },
    LineString { coordinates: Vec<[f64; 2]> },
    Polygon { coordinates: Vec<Vec<[f64; 2]>> },
    GeometryCollection { geometries: Vec<Geometry> },
}

impl Geometry {
    /// A place: `lat`, `lon` in WGS 84 decimal degrees.
    pub fn point(lat: f64, lon: f64) -> Geometry {
        Geometry::Point {
            coordinates: [lon, lat],
        }
    }

    /// A course (`[lat, lon]` points, in order); `None` for fewer than two.
    pub fn track(points: &[(f64, f64)]) -> Option<Geometry> {
        (points.len() >= 2).then(|| Geometry::LineString {
            coordinates: points.iter().map(|&(lat, lon)| [lon, lat]).collect(),
        })
    }

    /// An area (`[lat, lon]` points around it): the ring closed and turned
    /// counterclockwise, as RFC 7946 asks; `None` for fewer than three
    /// distinct points.
    pub fn area(points: &[(f64, f64)]) -> Option<Geometry> {
        let mut ring: Vec<[f64; 2]> = points.iter().map(|&(lat, lon)| [lon, lat]).collect();
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        let mut distinct = ring.clone();
        distinct.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        distinct.dedup();
        if distinct.len() < 3 {
            return None;
        }
        // Twice the signed area (shoelace): negative when clockwise.
        let twice: f64 = (0..ring.len())
            .map(|i| {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                a[0] * b[1] - b[0] * a[1]
            })
            .sum();
        if twice < 0.0 {
            ring.reverse();
        }
        ring.push(ring[0]);
        Some(Geometry::Polygon {
            coordinates: vec![ring],
        })
    }

    /// One geometry from several: itself when there is one, a collection
    /// when there are more, `None` when there is none.
    pub fn all(mut parts: Vec<Geometry>) -> Option<Geometry> {
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Geometry::GeometryCollection { geometries: parts }),
        }
    }
}
