//! The data behind the site (FORMAT §15): every published claim, figure,
//! actor and incident as files that a spreadsheet, pandas or a GIS opens,
//! written beside the pages in every build.
//!
//! - `data/claims.csv` and `data/claims.json`: every claim, one row or
//!   object each ([`CLAIM_COLUMNS`], [`ClaimRecord`]);
//! - `data/figures.csv`: every figure ([`FIGURE_COLUMNS`]), and
//!   `measures/<id>/figures.csv` with one measure's (linked from its page);
//! - `data/actors.json`: every actor ([`ActorRecord`]);
//! - `data/incidents.geojson`: incidents as a GeoJSON FeatureCollection
//!   ([`FeatureCollection`]; the model has no incidents yet, so it is empty
//!   until they come: they only add features);
//! - `data/claims.schema.json` and `data/actors.schema.json`: the JSON
//!   Schemas (draft 2020-12) of the two JSON files, generated from the same
//!   types that write them, so they cannot disagree.
//!
//! CSV is written by the csv crate (RFC 4180: a header row, fields quoted
//! when they must be, CRLF line ends), JSON by serde_json. Lists inside a
//! CSV cell are joined with `; ` ([`LIST_SEPARATOR`]). Columns and keys
//! stay as they are: new ones are only ever added at the end.
//!
//! What each file reads is noted as pages note it (`deps`), so a rebuild
//! rewrites a data file only when something it shows changed.

use super::deps::{Dep, Entity, Frame};
use super::OutputFile;
use crate::model::*;
use crate::urls::{self, Linker};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use schemars::{JsonSchema, Schema};
use serde::Serialize;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

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

/// What a build keeps for the next: each data file's bytes with the
/// inputs it read, reused while none of them changed.
#[derive(Default)]
pub struct Cache {
    kept: FxHashMap<String, (Vec<u32>, Vec<OutputFile>)>,
}

/// Every data file of `site`.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = jobs(site)
        .into_par_iter()
        .flat_map_iter(|job| job.run(site, false).0)
        .collect();
    files.extend(schema_files());
    files
}

/// [`files`], reusing each file of the last build whose inputs did not
/// change in `frame`.
pub fn files_with(site: &Site, cache: &mut Cache, frame: &Frame) -> Vec<OutputFile> {
    let kept = std::mem::take(&mut cache.kept);
    let made: Vec<(String, Vec<u32>, Vec<OutputFile>)> = jobs(site)
        .into_par_iter()
        .map(|job| {
            let key = job.key(site);
            if let Some((deps, files)) = kept.get(&key) {
                if !frame.any_changed(deps) {
                    return (key, deps.clone(), files.clone());
                }
            }
            let (files, deps) = job.run(site, true);
            let mut ids: Vec<u32> = deps.into_iter().map(|d| frame.id(d)).collect();
            ids.sort_unstable();
            ids.dedup();
            (key, ids, files)
        })
        .collect();
    let mut files: Vec<OutputFile> = Vec::new();
    for (key, deps, made) in made {
        files.extend(made.iter().cloned());
        cache.kept.insert(key, (deps, made));
    }
    files.extend(schema_files());
    files
}

/// The JSON Schemas of `data/claims.json` and `data/actors.json`.
pub fn schemas() -> [(&'static str, Schema); 2] {
    [
        (urls::CLAIMS_SCHEMA, list_schema::<ClaimRecord>("claims")),
        (urls::ACTORS_SCHEMA, list_schema::<ActorRecord>("actors")),
    ]
}

fn list_schema<T: JsonSchema>(what: &str) -> Schema {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Vec<T>>();
    schema.insert("title".into(), format!("dossier data/{what}.json").into());
    schema.insert(
        "description".into(),
        format!(
            "Every published {} of a dossier site, as the build writes them (FORMAT §15).",
            what.trim_end_matches('s')
        )
        .into(),
    );
    schema
}

fn schema_files() -> Vec<OutputFile> {
    static FILES: OnceLock<Vec<OutputFile>> = OnceLock::new();
    FILES
        .get_or_init(|| {
            schemas()
                .into_iter()
                .map(|(path, schema)| OutputFile {
                    path: path.to_string(),
                    bytes: Arc::new(pretty(&schema)),
                })
                .collect()
        })
        .clone()
}

/// A list as JSON, one item on each line: compact (a large site's claims
/// are tens of megabytes), yet read and compared line by line.
fn json_lines<T: Serialize + Sync>(items: &[T]) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = items
        .par_iter()
        .map(|item| serde_json::to_vec(item).unwrap_or_default())
        .collect();
    let mut bytes = Vec::with_capacity(lines.iter().map(|l| l.len() + 2).sum::<usize>() + 4);
    bytes.push(b'[');
    for (i, line) in lines.iter().enumerate() {
        bytes.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        bytes.extend_from_slice(line);
    }
    bytes.extend_from_slice(b"\n]\n");
    bytes
}

/// A value as pretty JSON, with a final line break.
fn pretty<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// One data file or group of files, made and kept together.
#[derive(Debug, Clone, Copy)]
enum Job {
    /// `data/claims.csv` and `data/claims.json`.
    Claims,
    Figures,
    Measure(MeasureIx),
    Actors,
    Incidents,
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Claims, Job::Figures, Job::Actors, Job::Incidents];
    jobs.extend((0..site.measures.len()).map(|i| Job::Measure(MeasureIx(i))));
    jobs
}

impl Job {
    /// What the job is across builds (by id, never by list position).
    fn key(self, site: &Site) -> String {
        match self {
            Job::Claims => "claims".into(),
            Job::Figures => "figures".into(),
            Job::Actors => "actors".into(),
            Job::Incidents => "incidents".into(),
            Job::Measure(m) => format!("measure {}", site.measure(m).id),
        }
    }

    /// Makes the job's files; with `tracking`, also what they read.
    fn run(self, site: &Site, tracking: bool) -> (Vec<OutputFile>, Vec<Dep>) {
        let reader = Reader::new(site, tracking);
        let files = match self {
            Job::Claims => {
                reader.note(Dep::ClaimOrder);
                let (records, deps) = per_item(site, site.claims.len(), tracking, |r, i| {
                    r.claim(ClaimIx(i))
                });
                reader.extend(deps);
                let csv = claims_csv(&records);
                vec![
                    file(urls::CLAIMS_CSV, csv),
                    file(urls::CLAIMS_JSON, json_lines(&records)),
                ]
            }
            Job::Figures => {
                reader.note(Dep::ClaimOrder);
                reader.note(Dep::MeasureOrder);
                let mut measures: Vec<MeasureIx> =
                    (0..site.measures.len()).map(MeasureIx).collect();
                measures.sort_by(|a, b| site.measure(*a).id.cmp(&site.measure(*b).id));
                let mut rows = Vec::new();
                for m in measures {
                    rows.extend(reader.measure_rows(m));
                }
                // Figures of no measure, by claim id.
                for (i, c) in site.claims.iter().enumerate() {
                    reader.note(Dep::Full(Entity::Claim(ClaimIx(i))));
                    if c.measure.is_none() {
                        rows.extend(reader.figure_row(ClaimIx(i)));
                    }
                }
                vec![file(urls::FIGURES_CSV, figures_csv(&rows))]
            }
            Job::Measure(m) => {
                let rows = reader.measure_rows(m);
                let path = urls::measure_data(&site.measure(m).id);
                vec![file(&path, figures_csv(&rows))]
            }
            Job::Actors => {
                reader.note(Dep::ActorOrder);
                let mut actors: Vec<ActorIx> = (0..site.actors.len()).map(ActorIx).collect();
                actors.sort_by(|a, b| site.actor(*a).id.cmp(&site.actor(*b).id));
                let records: Vec<ActorRecord> = actors.iter().map(|&a| reader.actor(a)).collect();
                vec![file(urls::ACTORS_JSON, json_lines(&records))]
            }
            Job::Incidents => {
                reader.note(Dep::Site);
                reader.note(Dep::Pages);
                let features = (0..site.incidents.len())
                    .map(|i| reader.incident(IncidentIx(i)))
                    .collect();
                let collection = FeatureCollection {
                    kind: "FeatureCollection",
                    features,
                };
                vec![file(urls::INCIDENTS_GEOJSON, pretty(&collection))]
            }
        };
        (files, reader.into_deps())
    }
}

fn file(path: &str, bytes: Vec<u8>) -> OutputFile {
    // Text as the pages have it: in Unicode NFC.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => super::composed(text).into_bytes(),
        Err(e) => e.into_bytes(),
    };
    OutputFile {
        path: path.to_string(),
        bytes: Arc::new(bytes),
    }
}

/// `f(reader, i)` for `i` in `0..n`, in parallel, in order, with what
/// they read.
fn per_item<T: Send>(
    site: &Site,
    n: usize,
    tracking: bool,
    f: impl Fn(&Reader, usize) -> T + Sync,
) -> (Vec<T>, Vec<Dep>) {
    const CHUNK: usize = 512;
    let parts: Vec<(Vec<T>, Vec<Dep>)> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|k| {
            let reader = Reader::new(site, tracking);
            let items = (k * CHUNK..n.min((k + 1) * CHUNK))
                .map(|i| f(&reader, i))
                .collect();
            (items, reader.into_deps())
        })
        .collect();
    let mut items = Vec::with_capacity(n);
    let mut deps = Vec::new();
    for (part, part_deps) in parts {
        items.extend(part);
        deps.extend(part_deps);
    }
    (items, deps)
}

/// Reads the site for the data files, noting what it reads.
struct Reader<'a> {
    site: &'a Site,
    deps: Option<RefCell<Vec<Dep>>>,
}

/// One row of a figures CSV, before it is written.
struct FigureRow {
    cells: [String; 13],
}

impl<'a> Reader<'a> {
    fn new(site: &'a Site, tracking: bool) -> Reader<'a> {
        Reader {
            site,
            deps: tracking.then(|| RefCell::new(Vec::new())),
        }
    }

    fn note(&self, dep: Dep) {
        if let Some(deps) = &self.deps {
            deps.borrow_mut().push(dep);
        }
    }

    fn extend(&self, more: Vec<Dep>) {
        if let Some(deps) = &self.deps {
            deps.borrow_mut().extend(more);
        }
    }

    fn into_deps(self) -> Vec<Dep> {
        self.deps.map(RefCell::into_inner).unwrap_or_default()
    }

    /// The URL of the site path `path` for data: absolute under the base
    /// URL, else relative to the site's root (`index.html` spelt out in a
    /// portable build).
    /// An incident as a GeoJSON feature: its point, track and area (a
    /// collection of those it has when more than one).
    fn incident(&self, ix: IncidentIx) -> Feature {
        self.note(Dep::Full(Entity::Incident(ix)));
        let site = self.site;
        let i = site.incident(ix);
        let track: Vec<(f64, f64)> = i.track.iter().map(|&(lat, lon, _)| (lat, lon)).collect();
        let mut shapes: Vec<Geometry> = i
            .point
            .map(|(lat, lon)| Geometry::point(lat, lon))
            .into_iter()
            .chain(Geometry::track(&track))
            .chain(Geometry::area(&i.area))
            .collect();
        let geometry = match shapes.len() {
            0 => None,
            1 => shapes.pop(),
            _ => Some(Geometry::GeometryCollection { geometries: shapes }),
        };
        let end = |d: PartialDate, t: Option<TimeOfDay>| match t {
            Some(t) => format!("{}T{}", d.iso(), t.iso()),
            None => d.iso(),
        };
        Feature {
            kind: "Feature",
            id: i.id.clone(),
            geometry,
            properties: FeatureProperties {
                title: i.title.clone(),
                when: i.when.map(|w| match w.to {
                    Some(to) => format!("{}/{}", end(w.from, w.from_time), end(to, w.to_time)),
                    None => end(w.from, w.from_time),
                }),
                place: Some(i.place.clone()),
                precision: i.precision.map(|p| p.as_str().to_string()),
                kind: i.kind.clone(),
                claims: i.claims.iter().map(|c| site.claim(*c).id.clone()).collect(),
                url: self.url(&urls::incident(&i.id)),
            },
        }
    }

    fn url(&self, path: &str) -> String {
        self.note(Dep::Site);
        match &self.site.base_url {
            Some(base) => urls::absolute(base, path),
            None => Linker::from_page(urls::HOME, self.site.portable).to(path),
        }
    }

    /// An author-written URL as data gets it, or `None` when it is not a
    /// safe one (pages leave those out too).
    fn written_url(&self, url: &str) -> Option<String> {
        self.note(Dep::Site);
        let place = crate::markdown::Place {
            root: "",
            portable: self.site.portable,
        };
        crate::markdown::written_url(url, place)
    }

    fn actor_name(&self, a: ActorIx) -> ActorName {
        self.note(Dep::Ref(Entity::Actor(a)));
        let actor = self.site.actor(a);
        ActorName {
            id: actor.id.clone(),
            name: actor.name.clone(),
        }
    }

    fn actor_names(&self, list: &[ActorIx]) -> Vec<ActorName> {
        list.iter().map(|&a| self.actor_name(a)).collect()
    }

    fn claim_ids(&self, list: &[ClaimIx]) -> Vec<String> {
        list.iter()
            .map(|&c| self.site.claim(c).id.clone())
            .collect()
    }

    /// The claim's reliability and grade (FORMAT §6), noting the actors
    /// they may come from.
    fn grade(&self, c: &Claim) -> (Option<Reliability>, Option<String>) {
        c.sources
            .first()
            .and_then(|s| s.publisher)
            .into_iter()
            .chain(c.by.first().copied())
            .for_each(|a| self.note(Dep::Ref(Entity::Actor(a))));
        (self.site.reliability(c), self.site.grade(c))
    }

    fn source(&self, s: &Source) -> SourceRecord {
        let publisher = s.publisher.map(|p| self.actor_name(p));
        let reliability = s
            .reliability
            .or_else(|| s.publisher.and_then(|p| self.site.actor(p).reliability));
        SourceRecord {
            id: s.id.clone(),
            title: s.title.clone(),
            publisher,
            url: s.url.as_deref().and_then(|u| self.written_url(u)),
            date: s.date.map(|d| d.iso()),
            reliability: reliability.map(Reliability::as_str),
            kind: s.kind.map(SourceType::as_str),
            access: s.access.map(Access::as_str),
            archive: s.archive.as_deref().and_then(|u| self.written_url(u)),
            retrieved: s.retrieved.map(|d| d.iso()),
            language: s.language.clone(),
            translation: s.translation.clone(),
            anonymous: s.anonymous,
        }
    }

    /// The unit of claim `c`'s figure: its own, else its measure's.
    fn unit(&self, c: &Claim, f: &Figure) -> Option<String> {
        f.unit.clone().or_else(|| {
            c.measure.and_then(|m| {
                self.note(Dep::Ref(Entity::Measure(m)));
                self.site.measure(m).unit.clone()
            })
        })
    }

    fn claim(&self, ix: ClaimIx) -> ClaimRecord {
        self.note(Dep::Full(Entity::Claim(ix)));
        let site = self.site;
        let c = site.claim(ix);
        let (reliability, grade) = self.grade(c);
        ClaimRecord {
            id: c.id.clone(),
            text: c.text_plain.clone(),
            by: self.actor_names(&c.by),
            via: self.actor_names(&c.via),
            about: self.actor_names(&c.about),
            said: c.said.map(|d| d.iso()),
            when: c.when.map(|w| {
                let end = |d: PartialDate, t: Option<TimeOfDay>| match t {
                    Some(t) => format!("{}T{}", d.iso(), t.iso()),
                    None => d.iso(),
                };
                WhenRecord {
                    from: end(w.from, w.from_time),
                    to: w.to.map(|d| end(d, w.to_time)),
                }
            }),
            status: c.status.as_str(),
            grade,
            reliability: reliability.map(Reliability::as_str),
            credibility: c.credibility.map(Credibility::as_str),
            confidence: c.confidence.map(Confidence::as_str),
            quote: c.quote.clone(),
            quote_lang: c.quote_lang.clone(),
            figure: c.figure.as_ref().map(|f| FigureRecord {
                value: f.value,
                low: f.low,
                high: f.high,
                unit: self.unit(c, f),
                qualifier: f.qualifier.map(Qualifier::as_str),
                as_of: f.as_of.map(|d| d.iso()),
                wording: f.wording.clone(),
                forecast: c.is_forecast(),
            }),
            measure: c.measure.map(|m| site.measure(m).id.clone()),
            responses: c
                .responses
                .iter()
                .map(|r| ResponseRecord {
                    by: self.actor_names(&r.by),
                    stance: r.stance.as_str(),
                    said: r.said.map(|d| d.iso()),
                    text: r.text_plain.clone(),
                    sources: r.sources.iter().map(|s| self.source(s)).collect(),
                })
                .collect(),
            sources: c.sources.iter().map(|s| self.source(s)).collect(),
            supports: self.claim_ids(&c.supports),
            contradicts: self.claim_ids(&c.contradicts),
            supersedes: self.claim_ids(&c.supersedes),
            declared_in: c.declared_in.map(|b| site.brief(b).id.clone()),
            cited_in: c
                .cited_in
                .iter()
                .map(|&b| site.brief(b).id.clone())
                .collect(),
            url: self.url(&urls::claim(&c.id)),
            incident: c
                .incidents
                .iter()
                .map(|&i| site.incident(i).id.clone())
                .collect(),
        }
    }

    /// The rows of measure `m`'s figures, in the order of its page.
    fn measure_rows(&self, m: MeasureIx) -> Vec<FigureRow> {
        self.note(Dep::Full(Entity::Measure(m)));
        self.site
            .measure(m)
            .claims
            .iter()
            .filter_map(|&c| self.figure_row(c))
            .collect()
    }

    /// The figures CSV row of claim `ix`, when it has a figure.
    fn figure_row(&self, ix: ClaimIx) -> Option<FigureRow> {
        self.note(Dep::Full(Entity::Claim(ix)));
        let site = self.site;
        let c = site.claim(ix);
        let f = c.figure.as_ref()?;
        let (_, grade) = self.grade(c);
        let by: Vec<String> = self.actor_names(&c.by).into_iter().map(|a| a.id).collect();
        Some(FigureRow {
            cells: [
                c.measure
                    .map(|m| site.measure(m).id.clone())
                    .unwrap_or_default(),
                c.id.clone(),
                by.join(LIST_SEPARATOR),
                iso(c.said),
                iso(f.as_of),
                number(f.value),
                number(f.low),
                number(f.high),
                f.qualifier.map(Qualifier::as_str).unwrap_or("").to_string(),
                f.wording.clone().unwrap_or_default(),
                self.unit(c, f).unwrap_or_default(),
                c.status.as_str().to_string(),
                grade.unwrap_or_default(),
            ],
        })
    }

    fn actor(&self, ix: ActorIx) -> ActorRecord {
        self.note(Dep::Full(Entity::Actor(ix)));
        let a = self.site.actor(ix);
        ActorRecord {
            id: a.id.clone(),
            name: a.name.clone(),
            name_lang: a.name_lang.clone(),
            kind: a.kind.as_str(),
            aliases: a
                .aliases
                .iter()
                .map(|alias| AliasRecord {
                    name: alias.name.clone(),
                    lang: alias.lang.clone(),
                })
                .collect(),
            role: a.role.clone(),
            part_of: a.part_of.map(|p| self.site.actor(p).id.clone()),
            identifiers: a
                .identifiers
                .iter()
                .map(|i| IdentifierRecord {
                    scheme: i.scheme.clone(),
                    value: i.value.clone(),
                })
                .collect(),
            relations: a
                .relations
                .iter()
                .map(|r| RelationRecord {
                    kind: r.kind.as_str(),
                    to: self.actor_name(r.to),
                    from: r.from.map(|d| d.iso()),
                    until: r.until.map(|d| d.iso()),
                    source: r.source.as_ref().map(|s| self.source(s)),
                })
                .collect(),
            reliability: a.reliability.map(Reliability::as_str),
            same_as: a
                .same_as
                .iter()
                .filter_map(|u| self.written_url(u))
                .collect(),
            links: a
                .links
                .iter()
                .filter_map(|(title, url)| {
                    Some(LinkRecord {
                        title: title.clone(),
                        url: self.written_url(url)?,
                    })
                })
                .collect(),
            url: self.url(&urls::actor(&a.id)),
        }
    }
}

fn iso(date: Option<PartialDate>) -> String {
    date.map(|d| d.iso()).unwrap_or_default()
}

/// A number as a CSV cell: the shortest text that reads back as the same
/// number (`15000`, `4.5`), in exponent form when very large or small
/// (`1e300`); empty when there is none.
pub fn number(n: Option<f64>) -> String {
    match n {
        None => String::new(),
        Some(0.0) => "0".into(),
        Some(n) if (1e-6..1e16).contains(&n.abs()) => format!("{n}"),
        Some(n) => format!("{n:e}"),
    }
}

/// A CSV file: the header, then the rows (RFC 4180).
fn csv_file<'r>(header: &[&str], rows: impl Iterator<Item = Vec<&'r str>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}

fn figures_csv(rows: &[FigureRow]) -> Vec<u8> {
    csv_file(
        FIGURE_COLUMNS,
        rows.iter()
            .map(|r| r.cells.iter().map(String::as_str).collect()),
    )
}

fn claims_csv(records: &[ClaimRecord]) -> Vec<u8> {
    let cells: Vec<[String; 15]> = records
        .par_iter()
        .map(|c| {
            let ids = |list: &[ActorName]| {
                list.iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
            };
            [
                c.id.clone(),
                c.text.clone(),
                ids(&c.by),
                ids(&c.via),
                ids(&c.about),
                c.said.clone().unwrap_or_default(),
                c.when
                    .as_ref()
                    .map(|w| match &w.to {
                        Some(to) => format!("{}/{to}", w.from),
                        None => w.from.clone(),
                    })
                    .unwrap_or_default(),
                c.status.to_string(),
                c.grade.clone().unwrap_or_default(),
                c.confidence.unwrap_or("").to_string(),
                c.responses
                    .iter()
                    .map(|r| {
                        let by: Vec<&str> = r.by.iter().map(|a| a.id.as_str()).collect();
                        match &r.said {
                            Some(said) => format!("{}: {} ({said})", r.stance, by.join(", ")),
                            None => format!("{}: {}", r.stance, by.join(", ")),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR),
                c.sources
                    .iter()
                    .map(|s| {
                        let mut item = s.title.clone();
                        if let Some(url) = &s.url {
                            item.push_str(&format!(" <{url}>"));
                        }
                        if let Some(archive) = &s.archive {
                            item.push_str(&format!(" (archived <{archive}>)"));
                        }
                        item
                    })
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR),
                c.cited_in.join(LIST_SEPARATOR),
                c.url.clone(),
                c.incident.join(LIST_SEPARATOR),
            ]
        })
        .collect();
    csv_file(
        CLAIM_COLUMNS,
        cells.iter().map(|r| r.iter().map(String::as_str).collect()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_the_same_number() {
        for n in [
            0.0,
            15000.0,
            4.5,
            -3.25,
            1e300,
            -1e300,
            5e-324,
            1e-7,
            0.1,
            123456789012345.0,
            f64::MAX,
            1e16,
        ] {
            let text = number(Some(n));
            assert_eq!(text.parse::<f64>().unwrap(), n, "{text}");
        }
        assert_eq!(number(Some(15000.0)), "15000");
        assert_eq!(number(Some(1e300)), "1e300");
        assert_eq!(number(None), "");
    }

    #[test]
    fn areas_are_closed_counterclockwise_rings_in_lon_lat() {
        let clockwise = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)];
        let Some(Geometry::Polygon { coordinates }) = Geometry::area(&clockwise) else {
            panic!("an area");
        };
        let ring = &coordinates[0];
        assert_eq!(ring.len(), 4);
        assert_eq!(ring.first(), ring.last());
        let twice: f64 = ring
            .windows(2)
            .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
            .sum();
        assert!(twice > 0.0, "counterclockwise: {ring:?}");
        assert_eq!(Geometry::area(&[(0.0, 0.0), (1.0, 1.0), (0.0, 0.0)]), None);
        assert_eq!(Geometry::track(&[(1.0, 2.0)]), None);
        assert_eq!(
            Geometry::point(59.4, 24.7),
            Geometry::Point {
                coordinates: [24.7, 59.4]
            }
        );
    }
}
