//! The pages of one entity: judgements and their evidence, briefs,
//! actors, claims, measures, free-standing pages.

use super::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct LikelihoodCtx {
    /// One of the seven ICD 203 terms, e.g. "likely".
    pub term: &'static str,
    /// Its probability range, e.g. "55–80 %".
    pub range: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct JudgementCtx {
    pub text_html: String,
    pub likelihood: Option<LikelihoodCtx>,
    pub confidence: Option<&'static str>,
    /// The claims it rests on: the first ten.
    pub claims: Vec<ClaimRef>,
    /// How many claims it rests on in all.
    pub claims_total: usize,
    /// The same claims, each with its claimant, channel and grade.
    pub basis: Vec<EvidenceClaim>,
    /// The claims that cut against it: the first ten.
    pub against: Vec<EvidenceClaim>,
    pub against_total: usize,
    /// What it rests on, in numbers.
    pub evidence: EvidenceCtx,
}

/// A claim a judgement rests on (or that cuts against it).
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceClaim {
    /// The claim, with its verdict and stances.
    pub claim: ClaimRef,
    /// Its claimants: the first five.
    pub by: Vec<ActorRef>,
    pub by_more: usize,
    /// Who relayed it: the first five.
    pub via: Vec<ActorRef>,
    pub via_more: usize,
    /// Reliability + credibility, e.g. `B2`, when both are known.
    pub grade: Option<String>,
}

/// A judgement's evidence in numbers.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceCtx {
    /// Claims it rests on.
    pub claims: usize,
    /// Their distinct claimants.
    pub claimants: usize,
    /// Their grades, best first, each with how many claims have it.
    pub grades: Vec<GradeCount>,
    /// Claims it rests on that have no grade.
    pub ungraded: usize,
    /// Claims that cut against it.
    pub against: usize,
    /// Every claim it rests on traces to one claimant or one source.
    pub single_source: bool,
    /// The distinct sources of those claims by type (typed sources
    /// only), in the order of the type list.
    pub source_types: Vec<SourceTypeCount>,
    /// How many of those sources are anonymous.
    pub anonymous: usize,
    /// All of it in one line: "3 claims from 2 claimants · B2 ×2, C3 ·
    /// 2 press conferences, 1 media report · 1 anonymous source · 1
    /// against · single source".
    pub line: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceTypeCount {
    /// `press-conference`…
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// "Press conference"…
    pub label: &'static str,
    pub count: usize,
    /// "2 press conferences".
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeCount {
    pub grade: String,
    pub count: usize,
}

/// An entry of a brief's `changes`.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeCtx {
    pub date: DateCtx,
    /// What changed, rendered inline Markdown.
    pub note_html: String,
    /// `update` or `correction`.
    pub kind: &'static str,
    /// "Update" or "Correction".
    pub kind_label: &'static str,
    pub correction: bool,
}

/// `brief` on brief.html.
#[derive(Debug, Clone, Serialize)]
pub struct BriefCtx {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: DateCtx,
    /// The last substantive change: `updated`, else the last change's date.
    pub updated: Option<DateCtx>,
    /// What changed and when, newest first: the first 50.
    pub changes: Vec<ChangeCtx>,
    pub changes_total: usize,
    /// The list of all its changes, when `changes` does not hold them all.
    pub all_changes: Option<String>,
    /// One of its changes is a correction.
    pub corrected: bool,
    pub as_of: Option<DateCtx>,
    pub summary_html: Option<String>,
    pub judgements: Vec<JudgementCtx>,
    /// Its tags: the first 25.
    pub tags: Vec<TagRef>,
    pub tags_total: usize,
    /// The list of all its tags, when `tags` does not hold them all.
    pub all_tags: Option<String>,
    pub authors: Vec<String>,
    /// The brief's actor set (FORMAT §3), by name: the first 50.
    pub actors: Vec<ActorRef>,
    pub actors_total: usize,
    /// The list of all its actors, when `actors` does not hold them all.
    pub all_actors: Option<String>,
    /// Its sources: the first 50.
    pub sources: Vec<SourceCtx>,
    pub sources_total: usize,
    /// The list of all its sources, when `sources` does not hold them all.
    pub all_sources: Option<String>,
    /// The claims of its `claims:` list, declared or cited, in that order:
    /// the first 25.
    pub claims: Vec<ClaimCard>,
    pub claims_total: usize,
    /// The list of all its claims, when `claims` does not hold them all.
    pub all_claims: Option<String>,
    pub body_html: String,
    /// The body's h2 and h3 headings.
    pub toc: Vec<TocEntry>,
    pub draft: bool,
    pub extra: serde_json::Value,
}

/// A brief in a list (home, briefs, tag pages).
#[derive(Debug, Clone, Serialize)]
pub struct BriefSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: DateCtx,
    /// The last substantive change: `updated`, else the last change's date.
    pub updated: Option<DateCtx>,
    /// One of its changes is a correction.
    pub corrected: bool,
    pub summary_html: Option<String>,
    /// Its first six tags.
    pub tags: Vec<TagRef>,
    /// How many tags it has in all.
    pub tags_total: usize,
    pub claim_count: usize,
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AliasCtx {
    pub name: String,
    pub lang: Option<String>,
}

/// An identifier of an actor.
#[derive(Debug, Clone, Serialize)]
pub struct IdentifierCtx {
    /// `imo, mmsi, callsign, flag, icao24, wikidata`, or another scheme
    /// as written.
    pub scheme: String,
    /// "IMO number", "MMSI", "Call sign", "Flag", "ICAO 24-bit address",
    /// "Wikidata"; another scheme as written.
    pub label: String,
    /// Checked and normalised for the known schemes (`9329760`, `FI`).
    pub value: String,
    /// For a flag, the country's name ("Finland"); else `null`.
    pub name: Option<String>,
}

/// Relations of one type and direction on an actor's page: "Owned by:
/// Caravella LLC FZ", "Spokesperson: Dmitry Peskov".
#[derive(Debug, Clone, Serialize)]
pub struct RelationGroup {
    /// `owns, operates, flag-state, spokesperson-for, member-of,
    /// commands, funds, employs, subsidiary-of`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `true` when the other actor declares the relation (the group reads
    /// it backwards: "Owned by").
    pub inverse: bool,
    /// The relation in its own words from this page: "Owns", "Owned by",
    /// "Spokesperson for", "Spokesperson"…
    pub label: &'static str,
    pub items: Vec<RelationItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationItem {
    /// The other actor.
    pub actor: ActorRef,
    pub from: Option<DateCtx>,
    pub until: Option<DateCtx>,
    /// "since March 2023", "2019 – 2024", or `null` for an undated relation.
    pub dates: Option<String>,
    /// The source the declaring file names, or `null`.
    pub source: Option<SourceCtx>,
    /// A link to that source in the list of sources of the page of the
    /// actor that declares the relation (this page, or the other's).
    pub source_url: Option<String>,
}

/// A claim made for an actor by one who speaks or acts for it.
#[derive(Debug, Clone, Serialize)]
pub struct ProxyClaim {
    pub claim: ClaimCard,
    /// Who made it.
    pub proxy: ActorRef,
    /// `spokesperson` or `member`.
    pub role: &'static str,
    /// "via its spokesperson Dmitry Peskov", "by its member Vladimir Putin".
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoActor {
    pub actor: ActorRef,
    /// Number of briefs both appear in.
    pub briefs: usize,
}

/// `actor` on actor.html.
#[derive(Debug, Clone, Serialize)]
pub struct ActorCtx {
    pub id: String,
    pub url: String,
    pub name: String,
    /// The language of `name`, when it is not the site's.
    pub name_lang: Option<String>,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub role: Option<String>,
    /// Its other names: the first 25.
    pub aliases: Vec<AliasCtx>,
    pub aliases_total: usize,
    /// The list of all its names, when `aliases` does not hold them all.
    pub all_aliases: Option<String>,
    pub reliability: Option<String>,
    pub same_as: Vec<String>,
    pub links: Vec<Link>,
    /// The part-of chain, nearest first: its first six levels.
    pub part_of: Vec<ActorRef>,
    /// Whether the chain goes on past `part_of`.
    pub part_of_more: bool,
    /// Its identifiers, in file order (IMO number, MMSI, flag…).
    pub identifiers: Vec<IdentifierCtx>,
    /// Its relations both ways, grouped by type and direction: first
    /// those its file declares (in the order of the type list), then
    /// those others declare to it. Memberships are `part_of` and
    /// `members` instead, but a second body it belongs to, which
    /// `part_of` does not show, is a `member-of` group.
    pub relations: Vec<RelationGroup>,
    /// The sources its file lists (named by its relations).
    pub sources: Vec<SourceCtx>,
    /// Actors that belong to this actor (`part_of` or `member-of`), by
    /// name: the first 25.
    pub members: Vec<ActorRef>,
    pub members_total: usize,
    /// The list of all its members, when `members` does not hold them all.
    pub all_members: Option<String>,
    pub claims_by: Vec<ClaimCard>,
    pub claims_about: Vec<ClaimCard>,
    pub claims_relayed: Vec<ClaimCard>,
    /// Claims made for it by its spokespersons and members (not by
    /// itself), newest first: the first ten, each marked with who made
    /// it and how they speak for it.
    pub claims_for: Vec<ProxyClaim>,
    /// How many in all.
    pub claims_for_total: usize,
    /// What it said about others' claims, newest first: the first ten.
    pub responses: Vec<ActorResponseCtx>,
    pub responses_total: usize,
    /// The list of all its responses, when `responses` does not hold them all.
    pub all_responses: Option<String>,
    /// Published briefs whose actor set includes this actor, newest first.
    pub briefs: Vec<BriefRef>,
    /// Actors sharing briefs with this one, most shared first: the 25
    /// closest.
    pub co_actors: Vec<CoActor>,
    /// How many actors share briefs with this one in all.
    pub co_actors_total: usize,
    /// The published claims it made, is the subject of or relayed, in all
    /// (`claims_by`, `claims_about` and `claims_relayed` hold the newest
    /// ten of each; `*_total` count each in all).
    pub claims_total: usize,
    pub claims_by_total: usize,
    pub claims_about_total: usize,
    pub claims_relayed_total: usize,
    /// How many published briefs mention it (`briefs` holds the newest 20).
    pub briefs_total: usize,
    /// The list of all its claims, when the page does not show them all.
    pub all_claims: Option<String>,
    /// The list of all briefs mentioning it, when the page does not show them all.
    pub all_briefs: Option<String>,
    /// The incidents it is named in, newest first: the first 20.
    pub incidents: Vec<IncidentItem>,
    pub incidents_total: usize,
    /// The list of every incident, when `incidents` does not hold all of
    /// the actor's.
    pub all_incidents: Option<String>,
    /// A picture of the actor and its closest neighbours (inline SVG with
    /// its own title and description; print with `| safe`), or `null`.
    pub graph_svg: Option<String>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub extra: serde_json::Value,
}

/// `claim` on claim.html: the card plus relations and the page body.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimCtx {
    #[serde(flatten)]
    pub card: ClaimCard,
    /// What other actors said about it, in file order: the first 50.
    pub responses: Vec<ResponseCtx>,
    pub responses_total: usize,
    /// The list of all its responses, when `responses` does not hold them all.
    pub all_responses: Option<String>,
    /// When the desk's verdict was last published: the declaring brief's
    /// last change (or its date); for a claim file, the newest such date
    /// of the briefs citing it; `null` for a claim file no brief cites.
    pub verdict_date: Option<DateCtx>,
    /// The briefs declaring or citing the claim, newest first: the first 20.
    pub citing: Vec<BriefRef>,
    pub citing_total: usize,
    /// The list of all citing briefs, when `citing` does not hold them all.
    pub all_citing: Option<String>,
    /// Related claims: the first ten of each relation.
    pub supports: Vec<ClaimRef>,
    pub supported_by: Vec<ClaimRef>,
    pub contradicts: Vec<ClaimRef>,
    pub contradicted_by: Vec<ClaimRef>,
    pub supersedes: Vec<ClaimRef>,
    pub superseded_by: Vec<ClaimRef>,
    /// How many related claims the lists above leave out.
    pub related_more: usize,
    /// The list of all related claims, when some are left out.
    pub all_related: Option<String>,
    /// On the claim's page the card's `by`, `via` and `about` hold the
    /// first 25 of each; the list of them all, when some are left out.
    pub all_actors: Option<String>,
    /// On the claim's page the card's `sources` hold the first 50 (and
    /// `sources_more` counts the others); the list of them all, when some
    /// are left out.
    pub all_sources: Option<String>,
    /// The discussion from a claim file (`""` for inline claims).
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub extra: serde_json::Value,
}

/// One figure on a measure page.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub claim: ClaimRef,
    /// The claimants: the first five.
    pub by: Vec<ActorRef>,
    /// How many claimants `by` leaves out.
    pub by_more: usize,
    /// When the claim was made.
    pub said: Option<DateCtx>,
    /// Where the figure sits in time: its `as_of`, else the claim's `said`.
    pub date: Option<DateCtx>,
    pub figure: FigureCtx,
    pub grade: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimantSeries {
    pub by: Vec<ActorRef>,
    pub figures: Vec<FigureRow>,
}

/// `measure` on measure.html.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureCtx {
    pub id: String,
    pub url: String,
    pub name: String,
    pub unit: Option<String>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// All figures, by date (undated last), then claimant; only the last
    /// 50 of them when there are more (then `all_figures` lists them all).
    pub figures: Vec<FigureRow>,
    /// How many figures in all.
    pub figures_total: usize,
    /// The list of every figure, when the page does not show them all.
    pub all_figures: Option<String>,
    /// Every figure as CSV (`measures/<id>/figures.csv`): "Download the data".
    pub data: String,
    /// The same figures grouped by claimant (empty when the page does not
    /// show every figure).
    pub by_claimant: Vec<ClaimantSeries>,
    /// The dated figures as an inline SVG chart (with its own title and
    /// description; print with `| safe`), or `null` when none is dated.
    pub chart_svg: Option<String>,
    pub extra: serde_json::Value,
}

/// `article` on page.html: a free-standing page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCtx {
    pub id: String,
    pub title: String,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub extra: serde_json::Value,
}
