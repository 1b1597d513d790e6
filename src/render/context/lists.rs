//! Lists: pagination, counts, actors, claims with their ways in, generic
//! lists and the timeline.

use super::*;
use serde::Serialize;

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
