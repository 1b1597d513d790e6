//! The resolved site: briefs, actors, claims, measures, pages and tags with
//! every reference checked and every backlink computed. No serde, no I/O.
//! Entities refer to each other by index (`ActorIx`…) into `Site`'s lists.

mod enums;

pub use enums::*;

use crate::load::FileId;
use crate::markdown::Heading;

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
index_type!(TagIx);

/// Anything with a page and an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Brief(BriefIx),
    Actor(ActorIx),
    Claim(ClaimIx),
    Measure(MeasureIx),
    Page(PageIx),
}

/// A front-matter Markdown field rendered for pages at each depth below
/// the root (0: home, 1: lists and pages, 2: entity pages), since its links
/// are relative to the page showing it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct InlineHtml {
    pub at_depth: [String; 3],
}

impl InlineHtml {
    /// The HTML for a page whose prefix to the root is `root`.
    pub fn for_root(&self, root: &str) -> &str {
        &self.at_depth[root.matches("../").count().min(2)]
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
    pub fn tag(&self, ix: TagIx) -> &Tag {
        &self.tags[ix.0]
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
    pub updated: Option<PartialDate>,
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
    /// Rendered for the entity's own page.
    pub body: String,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Judgement {
    pub text: InlineHtml,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<Confidence>,
    pub claims: Vec<ClaimIx>,
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
    pub status: Status,
    pub credibility: Option<Credibility>,
    pub confidence: Option<Confidence>,
    pub quote: Option<String>,
    pub quote_lang: Option<String>,
    pub figure: Option<Figure>,
    pub measure: Option<MeasureIx>,
    pub supports: Vec<ClaimIx>,
    pub contradicts: Vec<ClaimIx>,
    pub supersedes: Vec<ClaimIx>,
    pub supported_by: Vec<ClaimIx>,
    pub contradicted_by: Vec<ClaimIx>,
    pub superseded_by: Vec<ClaimIx>,
    /// The brief declaring it inline; `None` for claim files.
    pub declared_in: Option<BriefIx>,
    /// Briefs declaring or citing it, newest first.
    pub cited_in: Vec<BriefIx>,
    /// Body of a claim file.
    /// Rendered for the entity's own page.
    pub body: String,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
}

impl Claim {
    /// Where the claim's figure sits in time: its `as_of`, else `said`.
    pub fn figure_date(&self) -> Option<PartialDate> {
        self.figure.as_ref().and_then(|f| f.as_of).or(self.said)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: PartialDate,
    pub to: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub as_of: Option<PartialDate>,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub file: FileId,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<Alias>,
    pub role: Option<String>,
    pub part_of: Option<ActorIx>,
    pub reliability: Option<Reliability>,
    pub same_as: Vec<String>,
    /// (title, url)
    pub links: Vec<(String, String)>,
    /// Rendered for the entity's own page.
    pub body: String,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
    /// Actors whose `part_of` is this one, by name.
    pub members: Vec<ActorIx>,
    /// Claims, each list by date made (newest first), then id.
    pub claims_by: Vec<ClaimIx>,
    pub claims_about: Vec<ClaimIx>,
    pub claims_relayed: Vec<ClaimIx>,
    /// Briefs whose actor set holds this actor, newest first.
    pub briefs: Vec<BriefIx>,
    /// Actors sharing briefs with this one: (actor, shared briefs),
    /// most shared first, then by name; the closest 50 (a busy actor
    /// shares briefs with most of a large site). Briefs of more than 250
    /// actors do not count: everyone in them would appear with everyone.
    pub co_actors: Vec<(ActorIx, usize)>,
    /// How many actors share a brief with this one, in all.
    pub co_actors_total: usize,
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
    /// Rendered for the entity's own page.
    pub body: String,
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
    /// Rendered for the entity's own page.
    pub body: String,
    pub toc: Vec<Heading>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub slug: String,
    /// The most frequent spelling (ties: the first in sort order).
    pub name: String,
    /// Briefs, newest first (never empty: a tag exists because a brief has it).
    pub briefs: Vec<BriefIx>,
}
