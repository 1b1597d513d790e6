//! A brief's front matter: the brief, its judgements and changes.

use super::*;

/// `content/briefs/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBrief {
    /// Required: the brief's title.
    #[schemars(required)]
    pub title: Option<Text>,
    /// Required: the publication date, `YYYY-MM-DD`.
    #[schemars(required, transform = crate::schema::date_field)]
    pub date: Option<Text>,
    /// The date of the last substantive change, `YYYY-MM-DD`; default: the date
    /// of the last entry of `changes`.
    #[schemars(transform = crate::schema::date_field)]
    pub updated: Option<Text>,
    #[serde(default)]
    /// What changed after publication, and when: corrections and updates, shown
    /// newest first.
    pub changes: Vec<RawChange>,
    /// The information cut-off date, `YYYY-MM-DD`.
    #[schemars(transform = crate::schema::date_field)]
    pub as_of: Option<Text>,
    /// The bottom line up front: a few sentences of inline Markdown; `[[id]]`
    /// links allowed.
    pub summary: Option<Text>,
    #[serde(default)]
    /// The key judgements, each with its likelihood, the desk's confidence, and
    /// the claims it rests on and those against it.
    pub judgements: Vec<RawJudgement>,
    #[serde(default)]
    /// Tags; each becomes a tag page. Tags are compared by their slug (`Red
    /// Sea` = `red-sea`).
    pub tags: Vec<Text>,
    #[serde(default)]
    /// Ids of actors relevant to the brief that it may not otherwise name.
    #[schemars(transform = crate::schema::id_list_field)]
    pub actors: Vec<Text>,
    #[serde(default)]
    /// The sources the claims of this file name by id.
    pub sources: Vec<RawSource>,
    #[serde(default)]
    /// Claims declared here (a mapping with `id`, `text`, `by`…) or cited by
    /// the id of a claim declared elsewhere.
    pub claims: Vec<RawClaimEntry>,
    #[serde(default)]
    /// The brief's authors.
    pub authors: Vec<Text>,
    #[serde(default)]
    /// `true`: left out of the site unless built with `--drafts`.
    pub draft: bool,
    #[serde(default)]
    /// Old ids whose URLs forward to this brief.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJudgement {
    /// Required: the judgement, inline Markdown.
    #[schemars(required)]
    pub text: Option<Text>,
    /// How likely, in the seven ICD 203 terms.
    #[schemars(transform = crate::schema::likelihood_field)]
    pub likelihood: Option<Text>,
    /// The desk's confidence in the judgement.
    #[schemars(transform = crate::schema::confidence_field)]
    pub confidence: Option<Text>,
    #[serde(default)]
    /// Ids of the claims the judgement rests on.
    #[schemars(transform = crate::schema::id_list_field)]
    pub claims: Vec<Text>,
    #[serde(default)]
    /// Ids of the claims that cut against it.
    #[schemars(transform = crate::schema::id_list_field)]
    pub against: Vec<Text>,
}

/// An entry of a brief's `changes:`: what changed, and when.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    /// Required: when it changed, `YYYY-MM-DD` (not before the brief's `date`).
    #[schemars(required, transform = crate::schema::date_field)]
    pub date: Option<Text>,
    /// Required: what changed, inline Markdown.
    #[schemars(required)]
    pub note: Option<Text>,
    /// `update` (the default) or `correction`.
    #[schemars(transform = crate::schema::change_kind_field)]
    pub kind: Option<Text>,
}
