//! Template context types: the contract between dossier and templates.
//!
//! These are the only `Serialize` types of the crate. Every field is always
//! present (`null` when absent, `[]` when empty) so templates can test it with
//! `{% if x %}`. Every URL is already relative to the page being rendered;
//! templates never build URLs by joining strings. Fields ending in `_html`
//! hold rendered, sanitized Markdown and are printed with `| safe`.
//!
//! Here: what every page gets (`Common`) and the page-specific `Body`; in
//! `cards` what many pages show (references, claim cards, sources,
//! figures), in `entity` the pages of one entity, in `lists` lists, facets
//! and the timeline, in `incidents` incidents and maps, in `site` the
//! network, search, feeds, sitemap and guide.

use serde::Serialize;

mod cards;
mod entity;
mod incidents;
mod lists;
mod site;

pub use cards::*;
pub use entity::*;
pub use incidents::*;
pub use lists::*;
pub use site::*;

/// Keys every page receives: `site`, `page` and `nav`.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub site: SiteCtx,
    pub page: PageCtx,
    pub nav: NavCtx,
}

/// `site`: the settings of site.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub author: Option<String>,
    pub base_url: Option<String>,
    /// Built for reading from disk: links to folders end in `index.html`.
    pub portable: bool,
    /// The free `extra:` mapping of site.yaml (`{}` when absent).
    pub extra: serde_json::Value,
    /// "dossier 0.1.0".
    pub generator: String,
}

/// `page`: the output page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    /// `home, brief, briefs, actor, actors, claim, claims, measure, measures,
    /// tag, tags, page, 404`.
    pub kind: &'static str,
    /// The page's own title, without the site name ("Claim: …" prefixes are
    /// the template's business).
    pub title: String,
    /// One plain-text sentence describing the page, for `<meta name=description>`.
    pub description: Option<String>,
    /// The prefix from this page to the site root: `""`, `"../"`, `"../../"`,
    /// or an absolute prefix on 404.html. Prefer `url(path=…)`.
    pub root: String,
    /// The page's path from the site root, e.g. `briefs/some-id/`.
    pub path: String,
    /// From Home down to (and including) this page; the last has `url` = `null`.
    pub breadcrumbs: Vec<Crumb>,
    /// The page's absolute URL, for `<link rel="canonical">` and Open
    /// Graph; `null` without `base_url` (and on 404.html).
    pub canonical: Option<String>,
    /// Atom feeds about this page, for `<link rel="alternate">`: the site's
    /// on every page, and an actor's own on its page. `[]` without `base_url`.
    pub feeds: Vec<Link>,
    /// schema.org JSON-LD for briefs, claims and actors (`null` elsewhere),
    /// already escaped for a `<script type="application/ld+json">`: print
    /// it with `| safe`.
    pub json_ld: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub text: String,
    pub url: Option<String>,
}

/// `nav`: links every page needs, relative to it.
#[derive(Debug, Clone, Serialize)]
pub struct NavCtx {
    pub home: String,
    pub briefs: String,
    pub actors: String,
    pub claims: String,
    pub measures: String,
    pub tags: String,
    /// The search page (its form takes the words as `q`).
    pub search: String,
    /// The network: who makes claims about whom and who relays whom.
    pub network: String,
    /// The timeline of claims.
    pub timeline: String,
    /// The incidents' list, when the site has incidents; else `null`.
    pub incidents: Option<String>,
    /// The theme stylesheet.
    pub stylesheet: String,
    /// The reading guide, "How to read this site": the built-in one, or
    /// the site's page `how-to-read` when it has one.
    pub how_to_read: String,
    /// The free-standing pages (content/pages/), by title: the first eight.
    pub pages: Vec<NavPage>,
    /// The list of every free-standing page, when `pages` does not hold
    /// them all (else `null`).
    pub all_pages: Option<String>,
    /// Which of the sections above this page belongs to (`briefs`, `actors`…,
    /// or the id of a free page), to mark the current link.
    pub current: String,
}

/// A free-standing page in the navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavPage {
    /// The page's id: `nav.current` equals it on that page.
    pub id: String,
    pub url: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub text: String,
}

/// The page-specific keys, one variant per template.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Body {
    MeasureFigures {
        measure: MeasureRef,
        /// Figures on all pages.
        total: usize,
        figures: Vec<FigureRow>,
        pagination: Pagination,
    },
    ActorClaims {
        actor: ActorRef,
        /// Claims on all pages.
        total: usize,
        groups: Vec<ActorClaimGroup>,
        pagination: Pagination,
    },
    ActorBriefs {
        actor: ActorRef,
        /// Briefs on all pages.
        total: usize,
        briefs: Vec<BriefSummary>,
        pagination: Pagination,
    },
    Home {
        latest: Vec<BriefSummary>,
        counts: Counts,
    },
    Brief {
        brief: Box<BriefCtx>,
    },
    Briefs {
        briefs: Vec<BriefSummary>,
        pagination: Pagination,
    },
    Actor {
        actor: Box<ActorCtx>,
    },
    Actors {
        groups: Vec<ActorGroup>,
        kinds: Vec<KindLink>,
        pagination: Pagination,
    },
    Claim {
        claim: Box<ClaimCtx>,
    },
    Claims {
        groups: Vec<ClaimGroup>,
        pagination: Pagination,
        facets: ClaimFacets,
        /// The verdict or grade this list is of, or `null` for every claim.
        facet: Option<FacetLink>,
        /// On the first page of every claim and on grade pages: the grade
        /// matrix, reliability `A`…`F` by credibility `1`…`6`; else `null`.
        grade_matrix: Option<Vec<GradeRow>>,
    },
    Incident {
        incident: Box<IncidentCtx>,
    },
    Incidents {
        incidents: Vec<IncidentItem>,
        pagination: Pagination,
        /// The map of every incident (`map/`), or `null` when none has
        /// coordinates.
        map_url: Option<String>,
    },
    /// `map/`: the incidents of a page of the list, on one map and as text.
    Map {
        /// `null` when none of this page's incidents has coordinates.
        map: Option<MapCtx>,
        incidents: Vec<IncidentItem>,
        pagination: Pagination,
        /// The list of incidents.
        incidents_url: String,
    },
    Claimants {
        claimants: Vec<ClaimantRow>,
        pagination: Pagination,
        facets: ClaimFacets,
    },
    Measure {
        measure: Box<MeasureCtx>,
    },
    Measures {
        measures: Vec<MeasureListItem>,
        pagination: Pagination,
    },
    Tag {
        tag: TagRef,
        briefs: Vec<BriefSummary>,
        pagination: Pagination,
    },
    Tags {
        tags: Vec<TagRef>,
        pagination: Pagination,
    },
    /// list.html: a long list of one entity's (its members, citing
    /// briefs, related claims…) or every free-standing page, paginated.
    List {
        list: ListCtx,
        pagination: Pagination,
    },
    Article {
        article: Box<ArticleCtx>,
    },
    NotFound {},
    /// how_to_read.html: the built-in reading guide.
    HowToRead {
        guide: GuideCtx,
    },
    Feed {
        feed: Box<FeedCtx>,
    },
    Sitemap {
        urls: Vec<SitemapUrl>,
        /// For a sitemap index: the absolute URLs of its parts (`[]` otherwise).
        sitemaps: Vec<String>,
    },
    Search {
        search: SearchCtx,
    },
    Network {
        network: NetworkCtx,
    },
    Timeline {
        timeline: TimelineCtx,
        pagination: Pagination,
    },
}
