//! The resolved site: briefs, actors, claims, measures, pages and tags with
//! every reference checked and every backlink computed. No serde, no I/O.
//! Entities refer to each other by index (`ActorIx`…) into `Site`'s lists.

pub mod countries;
mod enums;
pub mod identifiers;
pub mod language;

pub use enums::*;

use crate::load::FileId;
use crate::markdown::Heading;
use std::sync::Arc;

macro_rules! index_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);
    };
}

index_type!(BriefIx);
index_type!(ActorIx);
index_type!(ClaimIx);
index_type!(MeasureIx);
index_type!(PageIx);
index_type!(IncidentIx);
index_type!(TagIx);

/// Anything with a page and an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Brief(BriefIx),
    Actor(ActorIx),
    Claim(ClaimIx),
    Measure(MeasureIx),
    Page(PageIx),
    Incident(IncidentIx),
}

/// A front-matter Markdown field rendered for pages at each depth below
/// the root (0: home, 1: lists and pages, 2: entity pages), since its links
/// are relative to the page showing it. Most fields link nowhere and are
/// the same at every depth: those are kept once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct InlineHtml {
    /// The HTML at depth 0.
    home: String,
    /// The HTML at depths 1 and 2, when it differs from `home`'s.
    deeper: Option<Box<[String; 2]>>,
}

impl InlineHtml {
    /// HTML that reads the same at every depth.
    pub fn same(html: String) -> InlineHtml {
        InlineHtml {
            home: html,
            deeper: None,
        }
    }

    /// HTML rendered for each depth.
    pub fn per_depth([home, one, two]: [String; 3]) -> InlineHtml {
        InlineHtml {
            home,
            deeper: Some(Box::new([one, two])),
        }
    }

    /// The HTML for a page whose prefix to the root is `root`.
    pub fn for_root(&self, root: &str) -> &str {
        match (&self.deeper, root.matches("../").count()) {
            (None, _) | (Some(_), 0) => &self.home,
            (Some(deeper), 1) => &deeper[0],
            (Some(deeper), _) => &deeper[1],
        }
    }
}

/// The site as published: what `resolve` checked, without the drafts (in
/// a build without --drafts) and without anything only drafts use
/// (`resolve::publish`). Every list, backlink and count below is of
/// published entities only.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub author: Option<String>,
    /// Normalized by `urls::base_url`, without its trailing `/`.
    pub base_url: Option<String>,
    /// Links to folders spell out `index.html`, for reading from disk.
    pub portable: bool,
    pub extra: serde_json::Value,
    /// site.yaml's `map_layers`, checked, in its order.
    pub map_layers: Arc<Vec<MapLayer>>,
    /// Newest first.
    pub briefs: Vec<Brief>,
    /// By name.
    pub actors: Vec<Actor>,
    /// By id.
    pub claims: Vec<Claim>,
    /// By name.
    pub measures: Vec<Measure>,
    /// By title.
    pub pages: Vec<Page>,
    /// Oldest first (by `when`), then by id.
    pub incidents: Vec<Incident>,
    /// By slug.
    pub tags: Vec<Tag>,
    /// Old ids that forward to an entity's page.
    pub redirects: Vec<Redirect>,
}

impl Site {
    pub fn brief(&self, ix: BriefIx) -> &Brief {
        &self.briefs[ix.0]
    }
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix.0]
    }
    pub fn claim(&self, ix: ClaimIx) -> &Claim {
        &self.claims[ix.0]
    }
    pub fn measure(&self, ix: MeasureIx) -> &Measure {
        &self.measures[ix.0]
    }
    pub fn page(&self, ix: PageIx) -> &Page {
        &self.pages[ix.0]
    }
    pub fn incident(&self, ix: IncidentIx) -> &Incident {
        &self.incidents[ix.0]
    }
    pub fn tag(&self, ix: TagIx) -> &Tag {
        &self.tags[ix.0]
    }

    /// A claim's reliability (FORMAT §6): its first source's own, else
    /// that source's publisher's, else its first claimant's.
    pub fn reliability(&self, c: &Claim) -> Option<Reliability> {
        let first = c.sources.first();
        first
            .and_then(|s| s.reliability)
            .or_else(|| {
                first
                    .and_then(|s| s.publisher)
                    .and_then(|p| self.actor(p).reliability)
            })
            .or_else(|| c.by.first().and_then(|a| self.actor(*a).reliability))
    }

    /// A claim's grade, reliability + credibility (`B2`), when both are known.
    pub fn grade(&self, c: &Claim) -> Option<String> {
        match (self.reliability(c), c.credibility) {
            (Some(r), Some(cr)) => Some(format!("{}{}", r.as_str(), cr.as_str())),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Redirect {
    pub from: String,
    pub to: Target,
}

#[derive(Debug, Clone)]
pub struct Brief {
    pub id: String,
    pub file: FileId,
    pub title: String,
    pub date: PartialDate,
    /// The date of the last substantive change: `updated` as written,
    /// else the latest date of `changes`.
    pub updated: Option<PartialDate>,
    /// What changed and when, newest first (ties: the later entry in the
    /// file first).
    pub changes: Vec<Change>,
    pub as_of: Option<PartialDate>,
    pub summary: Option<InlineHtml>,
    /// The summary as plain text, for meta descriptions.
    pub summary_text: Option<String>,
    pub judgements: Vec<Judgement>,
    pub tags: Vec<TagIx>,
    /// The actor set: `actors`, the actors of its claims, `[[actor]]` links; by name.
    pub actors: Vec<ActorIx>,
    pub sources: Vec<Source>,
    /// Declared, then cited, in file order.
    pub claims: Vec<ClaimIx>,
    pub authors: Vec<String>,
    /// Marked as a draft (in a site built with --drafts: drafts are
    /// otherwise never part of a `Site`).
    pub draft: bool,
    /// Rendered for the entity's own page; the HTML is shared with the
    /// Markdown memo.
    pub body: Arc<str>,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
}

impl Brief {
    /// Whether one of its changes is a correction.
    pub fn corrected(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.kind == ChangeKind::Correction)
    }
}

/// An entry of a brief's `changes`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    pub date: PartialDate,
    pub note: InlineHtml,
    /// The note as plain text (structured data).
    pub note_text: String,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone)]
pub struct Judgement {
    pub text: InlineHtml,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<Confidence>,
    /// The claims it rests on.
    pub claims: Vec<ClaimIx>,
    /// The claims that cut against it.
    pub against: Vec<ClaimIx>,
    /// What it rests on, in numbers (computed from the published claims).
    pub evidence: Evidence,
}

/// A judgement's evidence in numbers: how many claims it rests on, from
/// how many claimants, their grades, how many cut against it, and
/// whether it all comes from one place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Evidence {
    pub claims: usize,
    /// Distinct claimants of those claims.
    pub claimants: usize,
    /// Their grades (`B2`…), each with how many claims have it, best first.
    pub grades: Vec<(String, usize)>,
    /// Claims without a grade (reliability or credibility unknown).
    pub ungraded: usize,
    /// Claims that cut against it.
    pub against: usize,
    /// Every claim it rests on traces to one claimant, or to one source.
    pub single_source: bool,
    /// The distinct sources of those claims by type, each with how many
    /// (in the order of the type list); sources without a type are not
    /// counted here.
    pub source_types: Vec<(SourceType, usize)>,
    /// How many of those sources are anonymous.
    pub anonymous: usize,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<ActorIx>,
    pub url: Option<String>,
    pub date: Option<PartialDate>,
    /// The source's own reliability (not its publisher's).
    pub reliability: Option<Reliability>,
    /// What kind of source it is, and how it knows (ICD 206).
    pub kind: Option<SourceType>,
    pub access: Option<Access>,
    /// The URL of an archived copy.
    pub archive: Option<String>,
    /// When the desk read it.
    pub retrieved: Option<PartialDate>,
    /// BCP 47 tag of the original's language.
    pub language: Option<String>,
    /// Who translated what the desk quotes (`desk`, or a name).
    pub translation: Option<String>,
    /// Described, not named (`title` says how it was published: "a
    /// senior US official"); never an actor.
    pub anonymous: bool,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub file: FileId,
    pub text: InlineHtml,
    pub text_plain: String,
    pub by: Vec<ActorIx>,
    pub via: Vec<ActorIx>,
    pub about: Vec<ActorIx>,
    pub said: Option<PartialDate>,
    pub when: Option<When>,
    /// The sources named by `source`, from the declaring file.
    pub sources: Vec<Source>,
    /// The desk's verdict.
    pub status: Status,
    /// What other actors said about it, in file order.
    pub responses: Vec<Response>,
    pub credibility: Option<Credibility>,
    pub confidence: Option<Confidence>,
    pub quote: Option<String>,
    pub quote_lang: Option<String>,
    pub figure: Option<Figure>,
    pub measure: Option<MeasureIx>,
    /// The incidents it is about (`incident:`).
    pub incidents: Vec<IncidentIx>,
    pub supports: Vec<ClaimIx>,
    pub contradicts: Vec<ClaimIx>,
    pub supersedes: Vec<ClaimIx>,
    pub supported_by: Vec<ClaimIx>,
    pub contradicted_by: Vec<ClaimIx>,
    pub superseded_by: Vec<ClaimIx>,
    /// The claimants of the claims that contradict it or that it
    /// contradicts, by name.
    pub contradicted_by_claimants: Vec<ActorIx>,
    /// The claimants of the claims that support it, by name, but its own
    /// (a claimant's support of itself is not support).
    pub supported_by_claimants: Vec<ActorIx>,
    /// When the desk's verdict was last published: the declaring brief's
    /// last change (or date); for a claim file, the newest such date of
    /// the briefs citing it; `None` for a claim file no brief cites.
    pub verdict_date: Option<PartialDate>,
    /// The brief declaring it inline; `None` for claim files.
    pub declared_in: Option<BriefIx>,
    /// Briefs declaring or citing it, newest first.
    pub cited_in: Vec<BriefIx>,
    /// Body of a claim file.
    /// Rendered for the entity's own page; the HTML is shared with the
    /// Markdown memo.
    pub body: Arc<str>,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
}

impl Claim {
    /// Where the claim's figure sits in time: its `as_of`, else `said`.
    pub fn figure_date(&self) -> Option<PartialDate> {
        self.figure.as_ref().and_then(|f| f.as_of).or(self.said)
    }

    /// Whether its figure is a forecast: its `as_of` comes wholly after
    /// the date the claim was made.
    pub fn is_forecast(&self) -> bool {
        match (self.figure.as_ref().and_then(|f| f.as_of), self.said) {
            (Some(as_of), Some(said)) => as_of.wholly_after(&said),
            _ => false,
        }
    }
}

/// What an actor said about a claim.
#[derive(Debug, Clone)]
pub struct Response {
    pub by: Vec<ActorIx>,
    pub stance: Stance,
    pub said: Option<PartialDate>,
    /// The sources named by `source`, from the declaring file.
    pub sources: Vec<Source>,
    pub text: Option<InlineHtml>,
    /// The text as plain text (the data files).
    pub text_plain: Option<String>,
}

/// When the events a claim describes took place: a date, or a span,
/// each end a partial date or a full date with its time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: PartialDate,
    pub to: Option<PartialDate>,
    pub from_time: Option<TimeOfDay>,
    pub to_time: Option<TimeOfDay>,
}

impl When {
    /// The start as UTC sees it: its date (moved across midnight by the
    /// zone of a time of day) for ordering and for placing on a timeline.
    pub fn from_utc(&self) -> PartialDate {
        match self.from_time {
            Some(t) => t.utc(&self.from).0,
            None => self.from,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub as_of: Option<PartialDate>,
    /// The claimant's own words for the quantity.
    pub wording: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub file: FileId,
    pub name: String,
    /// The language of `name`, when it is not the site's.
    pub name_lang: Option<String>,
    pub kind: ActorKind,
    pub aliases: Vec<Alias>,
    pub role: Option<String>,
    /// The body it belongs to: `part_of`, else its first `member-of`
    /// (cycles cut); the chain its page shows.
    pub part_of: Option<ActorIx>,
    /// Every body it belongs to: `part_of`, then each `member-of`, once
    /// each (cycles cut).
    pub member_of: Vec<ActorIx>,
    /// Its identifiers, in file order.
    pub identifiers: Vec<Identifier>,
    /// The relations its file declares, in file order (`member-of`
    /// included; those cut from a cycle left out).
    pub relations: Vec<Relation>,
    /// The sources of its file (named by its relations).
    pub sources: Vec<Source>,
    pub reliability: Option<Reliability>,
    pub same_as: Vec<String>,
    /// (title, url)
    pub links: Vec<(String, String)>,
    /// Rendered for the entity's own page; the HTML is shared with the
    /// Markdown memo.
    pub body: Arc<str>,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
    /// Actors that belong to this one (`part_of` or `member-of`), by name.
    pub members: Vec<ActorIx>,
    /// Relations other actors declare to this one: (actor, index in its
    /// `relations`), by the other's name, then index.
    pub related: Vec<(ActorIx, usize)>,
    /// Claims made by those who speak or act for it (its spokespersons
    /// and members), not by itself: (claim, claimant, how), newest first
    /// like `claims_by`.
    pub claims_for: Vec<(ClaimIx, ActorIx, Proxy)>,
    /// Claims, each list by date made (newest first), then id.
    pub claims_by: Vec<ClaimIx>,
    pub claims_about: Vec<ClaimIx>,
    pub claims_relayed: Vec<ClaimIx>,
    /// Its responses to claims: (claim, index in the claim's
    /// `responses`), newest first (by the response's date, else the
    /// claim's), then by claim id.
    pub responses: Vec<(ClaimIx, usize)>,
    /// Briefs whose actor set holds this actor, newest first.
    pub briefs: Vec<BriefIx>,
    /// Incidents naming it in their `actors`, oldest first.
    pub incidents: Vec<IncidentIx>,
    /// Actors sharing briefs with this one: (actor, shared briefs),
    /// most shared first, then by name; the closest 50 (a busy actor
    /// shares briefs with most of a large site). Briefs of more than 250
    /// actors do not count: everyone in them would appear with everyone.
    pub co_actors: Vec<(ActorIx, usize)>,
    /// How many actors share a brief with this one, in all.
    pub co_actors_total: usize,
}

/// An identifier of an actor under a scheme: `imo`, `mmsi`, `flag`…,
/// or any other scheme as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    /// The scheme as written (lowercase for the known ones).
    pub scheme: String,
    /// The value, checked and normalised for the known schemes (`IMO
    /// 9329760` → `9329760`, `fi` → `FI` for a flag).
    pub value: String,
}

impl Identifier {
    /// The scheme for readers: "IMO number", "MMSI", "Flag"…; another
    /// scheme as written.
    pub fn label(&self) -> &str {
        match self.scheme.as_str() {
            "imo" => "IMO number",
            "mmsi" => "MMSI",
            "callsign" => "Call sign",
            "flag" => "Flag",
            "icao24" => "ICAO 24-bit address",
            "wikidata" => "Wikidata",
            other => other,
        }
    }
}

/// A typed relation an actor file declares, to another actor.
#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: RelationType,
    pub to: ActorIx,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// The source named by `source`, from the actor file's `sources:`.
    pub source: Option<Source>,
}

impl Relation {
    /// Whether the relation held at `date` as far as its dates tell (an
    /// undated relation always holds).
    pub fn held_at(&self, date: Option<PartialDate>) -> bool {
        let Some(date) = date else { return true };
        !self.from.is_some_and(|from| from.wholly_after(&date))
            && !self.until.is_some_and(|until| date.wholly_after(&until))
    }
}

/// How an actor speaks or acts for another: the claims it makes are
/// listed on the other's page, marked as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proxy {
    /// `spokesperson-for`.
    Spokesperson,
    /// `member-of` or `part_of`.
    Member,
}

#[derive(Debug, Clone)]
pub struct Alias {
    pub name: String,
    pub lang: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    /// Rendered for the entity's own page; the HTML is shared with the
    /// Markdown memo.
    pub body: Arc<str>,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
    /// Claims with this measure and a figure, by figure date
    /// (undated last), then claimant.
    pub claims: Vec<ClaimIx>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub title: String,
    /// Rendered for the entity's own page; the HTML is shared with the
    /// Markdown memo.
    pub body: Arc<str>,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
}

/// An event in time and place that claims are about (FORMAT §14).
#[derive(Debug, Clone)]
pub struct Incident {
    pub id: String,
    pub title: String,
    /// `None` only when `when` was missing or wrong (reported).
    pub when: Option<When>,
    pub place: String,
    /// `(lat, lon)`, checked: finite, in range.
    pub point: Option<(f64, f64)>,
    pub precision: Option<Precision>,
    /// `(lat, lon, time as written)`.
    pub track: Vec<(f64, f64, Option<String>)>,
    /// `(lat, lon)`, at least three points when not empty.
    pub area: Vec<(f64, f64)>,
    pub kind: Option<String>,
    pub actors: Vec<ActorIx>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    /// Rendered for the entity's own page; the HTML is shared with the
    /// Markdown memo.
    pub body: Arc<str>,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
    /// The published claims about it, by id (filled by `resolve::relations`).
    pub claims: Vec<ClaimIx>,
}

/// One of site.yaml's `map_layers`: a GeoJSON file's shapes, drawn and
/// credited on every map they cross.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayer {
    /// The path as site.yaml writes it.
    pub file: String,
    pub title: String,
    pub attribution: Option<String>,
    pub shapes: Vec<MapShape>,
    /// A hash of the file's bytes (serve redraws every map when it changes).
    pub print: u64,
}

/// What a GeoJSON geometry is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShapeKind {
    Point,
    Line,
    /// A polygon: its first part is the outline, the others its holes.
    Area,
}

/// One drawable shape of a layer: its parts as `(lat, lon)` points, with
/// the box they lie in.
#[derive(Debug, Clone, PartialEq)]
pub struct MapShape {
    pub kind: ShapeKind,
    pub parts: Vec<Vec<(f64, f64)>>,
    pub bounds: Bounds,
}

/// A box of latitudes and longitudes, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Bounds {
    /// The smallest box holding every point; `None` without points.
    pub fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        points
            .into_iter()
            .fold(None, |b: Option<Bounds>, (lat, lon)| {
                Some(match b {
                    None => Bounds {
                        south: lat,
                        west: lon,
                        north: lat,
                        east: lon,
                    },
                    Some(b) => Bounds {
                        south: b.south.min(lat),
                        west: b.west.min(lon),
                        north: b.north.max(lat),
                        east: b.east.max(lon),
                    },
                })
            })
    }

    /// Whether the two boxes share a point.
    pub fn meets(&self, other: &Bounds) -> bool {
        self.south <= other.north
            && other.south <= self.north
            && self.west <= other.east
            && other.west <= self.east
    }
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub slug: String,
    /// The most frequent spelling (ties: the first in sort order).
    pub name: String,
    /// Briefs, newest first (never empty: a tag exists because a brief has it).
    pub briefs: Vec<BriefIx>,
}
