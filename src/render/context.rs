//! Template context types: the contract between dossier and templates.
//!
//! These are the only `Serialize` types of the crate. Every field is always
//! present (`null` when absent, `[]` when empty) so templates can test it with
//! `{% if x %}`. Every URL is already relative to the page being rendered;
//! templates never build URLs by joining strings. Fields ending in `_html`
//! hold rendered, sanitized Markdown and are printed with `| safe`.

use serde::Serialize;

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

/// A date as written (`iso`, which may be partial: `2025`, `2025-04`,
/// `2025-04-30`) and in words (`text`: `30 April 2025`, `April 2025`, `2025`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DateCtx {
    pub iso: String,
    pub text: String,
}

/// The event date of a claim: one date or a span.
#[derive(Debug, Clone, Serialize)]
pub struct WhenCtx {
    pub from: DateCtx,
    pub to: Option<DateCtx>,
    /// "January 2025 – March 2025" or "30 April 2025".
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorRef {
    pub id: String,
    pub url: String,
    pub name: String,
    /// The language of `name` (`name_lang`), when it is not the site's.
    pub lang: Option<String>,
    pub kind: &'static str,
    pub kind_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefRef {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: DateCtx,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimRef {
    pub id: String,
    pub url: String,
    /// The claim's text as plain text.
    pub text: String,
    /// The desk's verdict: `reported, corroborated, confirmed, disputed,
    /// misleading, false, retracted, superseded`.
    pub status: &'static str,
    /// "Reported", "Corroborated"…
    pub status_label: &'static str,
    /// The claim no longer stands (`false`, `retracted` or `superseded`):
    /// its figure is shown set apart.
    pub set_apart: bool,
    /// What others say of it, apart from the verdict.
    pub stances: StancesCtx,
    /// The same in one phrase: "Denied by Kremlin, 29 April 2025 ·
    /// Contradicted by NIS"; `null` when nobody responded and no claim
    /// supports or contradicts it.
    pub stance_line: Option<String>,
}

/// A claim's stances: what other actors said of it (its `responses`) and
/// who made the claims that contradict or support it. Apart from the
/// desk's verdict (`status`). Each list holds the first five.
#[derive(Debug, Clone, Serialize)]
pub struct StancesCtx {
    pub responses: Vec<StanceCtx>,
    pub responses_total: usize,
    /// The claimants of the claims that contradict it (or that it
    /// contradicts), by name.
    pub contradicted_by: Vec<ActorRef>,
    pub contradicted_by_total: usize,
    /// The claimants of the claims that support it, by name, but its own
    /// claimants (a claimant's support of itself is not support).
    pub supported_by: Vec<ActorRef>,
    pub supported_by_total: usize,
}

/// One response in short: who, what stance, when.
#[derive(Debug, Clone, Serialize)]
pub struct StanceCtx {
    /// The responders: the first five.
    pub by: Vec<ActorRef>,
    pub by_more: usize,
    /// `confirms, denies, disputes, acknowledges, declines-to-comment`.
    pub stance: &'static str,
    /// "Denies", "Declines to comment"…
    pub stance_label: &'static str,
    /// "Denied by", "No comment from"…: the words before the names.
    pub by_phrase: &'static str,
    pub said: Option<DateCtx>,
    /// "Denied by Kremlin, 29 April 2025".
    pub text: String,
}

/// A response in full, on the claim's page and the responder's.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseCtx {
    #[serde(flatten)]
    pub stance: StanceCtx,
    /// What they said, rendered inline Markdown, or `null`.
    pub text_html: Option<String>,
    pub sources: Vec<SourceCtx>,
}

/// A response on the responder's page, with the claim it answers.
#[derive(Debug, Clone, Serialize)]
pub struct ActorResponseCtx {
    pub claim: ClaimRef,
    #[serde(flatten)]
    pub response: ResponseCtx,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureRef {
    pub id: String,
    pub url: String,
    pub name: String,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagRef {
    pub slug: String,
    pub url: String,
    /// The most frequent spelling.
    pub name: String,
    /// Number of published briefs with the tag.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceCtx {
    pub id: String,
    /// `source_<id>`: the anchor of this source on the declaring page.
    pub anchor: String,
    pub title: String,
    /// External URL (absolute) or rewritten site URL.
    pub url: Option<String>,
    pub publisher: Option<ActorRef>,
    pub date: Option<DateCtx>,
    /// Admiralty reliability `A`–`F`: the source's own, else its publisher's.
    pub reliability: Option<String>,
    /// What kind of source it is: `official-statement, press-conference,
    /// document, court-record, media-report, social-media, interview,
    /// imagery, tracking-data, sensor-data, other`, or `null`.
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    /// "Press conference", "Social media post"…
    pub type_label: Option<&'static str>,
    /// How the source knows: `direct, indirect, unknown`, or `null`.
    pub access: Option<&'static str>,
    /// "direct access", "indirect access", "access unknown".
    pub access_label: Option<&'static str>,
    /// The URL of an archived copy (absolute, http(s)).
    pub archive: Option<String>,
    /// When the desk read it.
    pub retrieved: Option<DateCtx>,
    /// BCP 47 tag of the original's language, and its English name
    /// ("Finnish"; the tag itself for a language without one).
    pub language: Option<String>,
    pub language_name: Option<String>,
    /// Who translated what the desk quotes, as written (`desk`, or a name).
    pub translation: Option<String>,
    /// Described, not named: `title` says how it was published ("a
    /// senior US official").
    pub anonymous: bool,
    /// All of the above in one line of plain text, without the archive
    /// (a link of its own): "Press conference · direct access · in
    /// Finnish, translated by the desk · retrieved 3 May 2025"; `null`
    /// when the source says none of it.
    pub line: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureCtx {
    /// "about 15,000 troops", "20–25 killed", "at least 20 billion US dollars".
    pub text: String,
    /// The number or numbers and the unit, without qualifier or wording:
    /// "15,000 troops", "20–25 killed", "20 billion US dollars".
    pub amount: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    /// `about, nearly, at-least, at-most, exactly, range`.
    pub qualifier: Option<&'static str>,
    /// The qualifier in words, as the chart draws it: "about", "nearly",
    /// "at least", "at most", "exactly", "range"; a figure with only
    /// `low` is "at least", only `high` "at most", `low` and `high` a
    /// range; `None` for a plain number.
    pub qualifier_label: Option<&'static str>,
    /// What the qualifier makes of the number, for drawing it: `exact`
    /// (`exactly`, or no qualifier), `approximate` (`about`, `nearly`),
    /// `lower-bound` (`at-least`, or only `low`), `upper-bound`
    /// (`at-most`, or only `high`), `range` (or `low` and `high` without
    /// `value`).
    pub shape: &'static str,
    pub as_of: Option<DateCtx>,
    /// The claimant's own words for the quantity ("dozens of
    /// kilometres"); `text` quotes them too.
    pub wording: Option<String>,
    /// Its `as_of` comes after the claim was made: a forecast.
    pub forecast: bool,
}

/// A claim as shown wherever it appears (brief, lists, actor and measure pages).
#[derive(Debug, Clone, Serialize)]
pub struct ClaimCard {
    pub id: String,
    pub url: String,
    /// The claim's text, rendered inline Markdown (may contain links).
    pub text_html: String,
    /// The claim's text as plain text.
    pub text: String,
    pub by: Vec<ActorRef>,
    pub via: Vec<ActorRef>,
    pub about: Vec<ActorRef>,
    pub said: Option<DateCtx>,
    pub when: Option<WhenCtx>,
    /// The desk's verdict: `reported, corroborated, confirmed, disputed,
    /// misleading, false, retracted, superseded`.
    pub status: &'static str,
    /// "Reported", "Corroborated"…
    pub status_label: &'static str,
    /// The claim no longer stands (`false`, `retracted`, `superseded`).
    pub set_apart: bool,
    /// What others say of it, apart from the verdict (as on `ClaimRef`).
    pub stances: StancesCtx,
    /// "Denied by Kremlin, 29 April 2025 · Contradicted by NIS", or `null`.
    pub stance_line: Option<String>,
    /// Admiralty information credibility 1–6.
    pub credibility: Option<u8>,
    /// "Confirmed by other sources" … "Truth cannot be judged".
    pub credibility_label: Option<&'static str>,
    /// Admiralty source reliability `A`–`F` (FORMAT §6 order of precedence).
    pub reliability: Option<String>,
    /// Reliability + credibility, e.g. `B2`, when both are known.
    pub grade: Option<String>,
    /// The desk's confidence: `low, moderate, high`.
    pub confidence: Option<&'static str>,
    pub quote: Option<String>,
    pub quote_lang: Option<String>,
    pub figure: Option<FigureCtx>,
    pub measure: Option<MeasureRef>,
    pub sources: Vec<SourceCtx>,
    /// The brief that declares the claim, if it is declared inline.
    pub declared_in: Option<BriefRef>,
    /// A card shows a few of each of `by`, `via`, `about` and `sources`
    /// (a claim can name thousands, and its card shows on many pages):
    /// how many actors and sources it leaves out. The claim's own page
    /// has them all.
    pub actors_more: usize,
    pub sources_more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
    /// 2 or 3.
    pub level: u8,
}

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

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages between this one and the previous link are left out.
    pub gap_before: bool,
}

/// `pagination` on paginated lists.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub briefs: usize,
    pub actors: usize,
    pub claims: usize,
    pub measures: usize,
    pub tags: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorListItem {
    pub actor: ActorRef,
    pub role: Option<String>,
    pub claims_by: usize,
    /// Claims made for it by its spokespersons and members.
    pub claims_for: usize,
    pub briefs: usize,
}

/// A kind of actor on the actors list, linked where its list starts.
#[derive(Debug, Clone, Serialize)]
pub struct KindLink {
    pub kind: &'static str,
    /// Plural: "People", "States"…
    pub label: &'static str,
    /// Actors of this kind, on all pages.
    pub count: usize,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorGroup {
    pub kind: &'static str,
    /// Plural heading: "People", "States"…
    pub label: &'static str,
    pub actors: Vec<ActorListItem>,
}

/// The claims of one role on an actor's list of claims.
#[derive(Debug, Clone, Serialize)]
pub struct ActorClaimGroup {
    /// `by`, `for`, `about` or `relayed`.
    pub role: &'static str,
    /// "Claims made by NAME", "Claims made for NAME by its spokespersons
    /// and members", "Claims about NAME", "Claims relayed by NAME".
    pub label: String,
    pub claims: Vec<ClaimCard>,
    /// For the `for` group, the same claims each marked with who made
    /// it and how ("via its spokesperson Dmitry Peskov"); else `[]`.
    pub proxies: Vec<ProxyClaim>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimGroup {
    pub status: &'static str,
    pub label: &'static str,
    pub claims: Vec<ClaimCard>,
    /// Claims of this verdict in the whole list, not this page only.
    pub total: usize,
    /// The page of every claim of this verdict.
    pub url: String,
}

/// `facets` on claims.html and claimants.html: the ways into the claims,
/// each with its true count.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimFacets {
    /// Published claims in all.
    pub total: usize,
    /// The first page of every claim.
    pub all_url: String,
    /// Every verdict with claims, in list order.
    pub verdicts: Vec<FacetLink>,
    /// Every grade with claims (`A1`…`F6`), then the ungraded, if any.
    pub grades: Vec<FacetLink>,
    /// The claimants page, and how many actors made claims.
    pub claimants_url: String,
    pub claimants: usize,
    /// The timeline, and how many claims it lists (those with a date).
    pub timeline_url: String,
    pub dated: usize,
}

/// A way into the claims: a verdict, a grade, a month.
#[derive(Debug, Clone, Serialize)]
pub struct FacetLink {
    /// `confirmed`, `b2`, `ungraded`, `2025-04`.
    pub key: String,
    /// "Confirmed", "B2", "Not graded", "April 2025".
    pub label: String,
    pub count: usize,
    pub url: String,
    /// Whether this page is (a page of) it.
    pub current: bool,
}

/// A row of the grade matrix: one source reliability, its claims by
/// credibility `1`…`6`.
#[derive(Debug, Clone, Serialize)]
pub struct GradeRow {
    /// `A`…`F`.
    pub reliability: &'static str,
    /// "Completely reliable"…
    pub label: &'static str,
    /// Six cells, credibility 1 to 6: the grade's link, or `null` without claims.
    pub cells: Vec<Option<FacetLink>>,
}

/// A claimant on claimants.html.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimantRow {
    pub actor: ActorRef,
    /// Claims it made (as a claimant in `by`).
    pub claims: usize,
    /// Those claims by verdict, in list order, verdicts without claims left out.
    pub verdicts: Vec<VerdictCount>,
    /// "3 confirmed · 1 disputed".
    pub verdict_line: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerdictCount {
    pub status: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureListItem {
    pub measure: MeasureRef,
    pub figures: usize,
    /// The most recent figure.
    pub latest: Option<FigureRow>,
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

/// `list` on list.html.
#[derive(Debug, Clone, Serialize)]
pub struct ListCtx {
    /// What is listed: `members`, `aliases`, `cited-in`, `related`,
    /// `claim-actors`, `claim-responses`, `actor-responses`,
    /// `brief-actors`, `brief-claims`, `brief-tags`, `brief-sources`,
    /// `brief-changes`, `claim-sources` or `pages`.
    pub kind: &'static str,
    /// "Members of North Korea".
    pub heading: String,
    /// One sentence saying what the list holds, in what order.
    pub lede: String,
    /// The entity whose list it is (`null` for the pages).
    pub owner: Option<Link>,
    /// Items on all pages.
    pub total: usize,
    /// This page's items, in groups (one unnamed group for most lists).
    pub groups: Vec<ListGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListGroup {
    /// "Supported by", "Claimants"…; `null` for a list of one group.
    pub label: Option<String>,
    pub items: Vec<ListItem>,
}

/// One entry of a list: a link (or plain text, for names), with a note.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub text: String,
    pub url: Option<String>,
    /// The text's language, where it is not the site's (aliases, actor names).
    pub lang: Option<String>,
    /// "Person", "Reported"…
    pub note: Option<String>,
    pub date: Option<DateCtx>,
}

/// `timeline` on timeline.html.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineCtx {
    /// Claims per month (per year over more than 36 months) from the first
    /// dated claim to the last, made and about events, each bar a link;
    /// inline SVG with its own title and description; on the timeline's
    /// first page only, else `null`.
    pub chart_svg: Option<String>,
    /// This page's claims by the month they were made, newest first.
    pub months: Vec<TimelineMonth>,
    /// On the first page: every year with dated claims, newest first, its
    /// months linked to their pages; else `[]`.
    pub index: Vec<TimelineYear>,
    /// Whether some claims are dated by their year alone (the index then
    /// has a column for them).
    pub index_year_only: bool,
    /// On a month's page: that month, with the months before and after;
    /// else `null`.
    pub month: Option<MonthNav>,
    /// Dated claims in all, and the timeline's first page.
    pub dated: usize,
    pub index_url: String,
    /// The incidents at their time: on the first page every incident,
    /// newest first (at most 100); on a month's page those that began that
    /// month (UTC).
    pub incidents: Vec<IncidentItem>,
    /// Incidents in all (the site's, on the first page; the month's, on a
    /// month's page), and the list of them all (`null` without incidents).
    pub incidents_total: usize,
    pub incidents_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineMonth {
    /// "April 2025" ("2025" for claims dated by their year alone).
    pub label: String,
    /// "2025-04".
    pub iso: String,
    pub claims: Vec<TimelineItem>,
    /// Claims made that month in all, and the page listing them.
    pub total: usize,
    pub url: String,
}

/// A year of the timeline's index.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineYear {
    pub year: u16,
    /// `y2025`: the row's id.
    pub anchor: String,
    /// Dated claims made that year.
    pub count: usize,
    /// Twelve cells, January to December: the month's link, or `null`
    /// without claims.
    pub months: Vec<Option<FacetLink>>,
    /// Claims dated by the year alone.
    pub year_only: Option<FacetLink>,
}

/// A month's page of the timeline: it and its neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct MonthNav {
    pub current: FacetLink,
    /// The month before with claims (older), and after (newer).
    pub older: Option<FacetLink>,
    pub newer: Option<FacetLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    pub claim: ClaimRef,
    /// The claimants: the first five.
    pub by: Vec<ActorRef>,
    /// How many claimants `by` leaves out.
    pub by_more: usize,
    pub said: DateCtx,
    /// The event the claim describes, if dated.
    pub when: Option<WhenCtx>,
}

/// `incident` on incident.html: an event in time and place (FORMAT §14).
#[derive(Debug, Clone, Serialize)]
pub struct IncidentCtx {
    pub id: String,
    pub title: String,
    /// Short free text (`cable damage`), or `null`.
    pub kind: Option<String>,
    /// When it happened, as a claim's `when`.
    pub when: Option<WhenCtx>,
    /// The name readers know the place by.
    pub place: String,
    /// "59.80° N, 24.60° E", or `null` without coordinates.
    pub position: Option<String>,
    /// The coordinates, WGS 84 decimal degrees, or `null`.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// "approximate position"…, or `null`.
    pub precision: Option<&'static str>,
    /// A course (a ship's, an anchor's drag), in order.
    pub track: Vec<PointRow>,
    /// The corners of an area.
    pub area: Vec<PointRow>,
    /// The map of the region around it, or `null` without coordinates.
    pub map: Option<MapCtx>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub actors: Vec<ActorRef>,
    /// Every published claim about it, oldest first: how the account
    /// changed.
    pub claims: Vec<ClaimCard>,
    /// The briefs that declare or cite those claims, newest first.
    pub briefs: Vec<BriefRef>,
    pub sources: Vec<SourceCtx>,
    /// Its tags as written, each linked to the tag's page when briefs
    /// share it.
    pub tags: Vec<IncidentTag>,
    pub extra: serde_json::Value,
}

/// A tag of an incident: its page exists when a published brief has it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentTag {
    pub name: String,
    /// The tag's page, or `null` when no brief has the tag.
    pub url: Option<String>,
}

/// A map (FORMAT §14), drawn by `render::map`: print `svg` with `| safe`
/// inside `partials/map.html`, which adds the scale's label, the layers'
/// key and the credits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapCtx {
    /// The picture: inline SVG with its own title and description, and no
    /// text in it.
    pub svg: String,
    /// What the scale bar measures ("50 km"), or `null` on a map too large
    /// for one.
    pub scale: Option<String>,
    /// The scale bar in a sentence, with the latitude it holds at.
    pub scale_note: Option<String>,
    /// The map's text equivalent: what it marks, and where it spans.
    pub text: String,
    /// The site's layers drawn on it (those that cross it), in site.yaml's
    /// order.
    pub layers: Vec<MapLayerKey>,
}

/// A layer in a map's key and credits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapLayerKey {
    /// Its style, 1 to 4 (`layer-1`…), as drawn.
    pub style: usize,
    pub title: String,
    /// Whose data it is, or `null` (a warning says so).
    pub attribution: Option<String>,
}

/// A point of a track or an area.
#[derive(Debug, Clone, Serialize)]
pub struct PointRow {
    pub lat: f64,
    pub lon: f64,
    /// "59.80° N, 24.60° E".
    pub text: String,
    /// The time at the point, as written (tracks only), or `null`.
    pub time: Option<String>,
}

/// An incident on incidents.html.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentItem {
    pub id: String,
    pub url: String,
    pub title: String,
    pub kind: Option<String>,
    pub when: Option<WhenCtx>,
    pub place: String,
    /// "59.80° N, 24.60° E" where its mark is, or `null` without coordinates.
    pub position: Option<String>,
    /// Published claims about it.
    pub claims: usize,
}

/// `network` on network.html.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkCtx {
    /// The picture (inline SVG with its own title and description; print
    /// with `| safe`): who makes claims about whom and who relays whom,
    /// the strongest links of each; `null` without links.
    pub graph_svg: Option<String>,
    /// The strongest links, both kinds, most claims first.
    pub links: Vec<NetworkLink>,
    /// Links in all: claims about, and relays.
    pub links_total: usize,
    pub claims_about_total: usize,
    pub relays_total: usize,
}

/// A directed link of the network.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkLink {
    /// The claimant, or the relay.
    pub from: ActorRef,
    /// `claims-about` or `relays`.
    pub relation: &'static str,
    /// "claims about" or "relays".
    pub relation_label: &'static str,
    /// The actor the claims are about, or whose claims are relayed.
    pub to: ActorRef,
    /// The published claims the link stands for.
    pub claims: usize,
}

/// `search` on search.html.
#[derive(Debug, Clone, Serialize)]
pub struct SearchCtx {
    /// The search script, then the index's entry, in the order to load
    /// them (`<script src>`, so search works from disk too; the script
    /// loads the rest of the index as queries need it).
    pub scripts: Vec<String>,
    /// The kinds of documents, in order (`url`: the kind's name), with
    /// their labels on results.
    pub kinds: Vec<Link>,
}

/// `feed` on feed.xml: an Atom feed. Every URL is absolute; every date is
/// an RFC 3339 timestamp.
#[derive(Debug, Clone, Serialize)]
pub struct FeedCtx {
    pub title: String,
    pub subtitle: Option<String>,
    /// The feed's own URL (also its Atom id).
    pub url: String,
    /// The page the feed is about.
    pub alternate: String,
    /// The newest entry's date, else the site's newest brief's.
    pub updated: String,
    pub author: String,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// The entry's page URL, also its Atom id.
    pub url: String,
    pub title: String,
    pub published: String,
    pub updated: String,
    /// Plain text.
    pub summary: Option<String>,
    /// "Brief" or "Claim".
    pub category: &'static str,
}

/// A page in sitemap.xml.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// `YYYY-MM-DD`, where the page has a date.
    pub lastmod: Option<String>,
}

/// `guide` on how_to_read.html: the closed vocabularies a reader meets,
/// each value with its label as pages show it, in the format's order.
#[derive(Debug, Clone, Serialize)]
pub struct GuideCtx {
    /// The desk's verdicts on claims (`status`), in the claims list's order.
    pub statuses: Vec<TermCtx>,
    /// Admiralty source reliability, `A` to `F`.
    pub reliability: Vec<TermCtx>,
    /// Admiralty information credibility, `1` to `6`.
    pub credibility: Vec<TermCtx>,
    /// The seven ICD 203 likelihood terms with their ranges.
    pub likelihoods: Vec<LikelihoodCtx>,
    /// The desk's confidence levels: `low`, `moderate`, `high`.
    pub confidence: Vec<TermCtx>,
    /// The stances of other actors' responses to a claim: `confirms`,
    /// `denies`, `disputes`, `acknowledges`, `declines-to-comment`.
    pub stances: Vec<TermCtx>,
}

/// One value of a vocabulary: as written in front matter, and for readers.
#[derive(Debug, Clone, Serialize)]
pub struct TermCtx {
    /// `confirmed`, `B`, `2`, `high`…
    pub value: &'static str,
    /// `Confirmed`, `Usually reliable`, `Probably true`, `High confidence`…
    pub label: &'static str,
}
