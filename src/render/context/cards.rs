//! What many pages show: dates, references to entities, stances,
//! sources, figures and claim cards.

use serde::Serialize;

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
