//! Structured data: schema.org JSON-LD for briefs, claims and actors, for
//! search engines and fact-check aggregators. Built from the page's
//! context; URLs are absolute and given only with a base URL.
//!
//! A claim is a schema.org `Claim`. A `ClaimReview` is added only when the
//! claim's status is a verdict of the desk on its truth, rated from 1 to 5:
//! `confirmed` 5, `corroborated` 4, `disputed` 3 (contested, not decided:
//! the middle of the scale), `misleading` 2, `false` 1, `retracted` 1 (the
//! claimant withdrew it: it no longer stands). `reported` (not yet
//! assessed) and `superseded` (replaced by its claimant, not judged)
//! carry no review. The review's `datePublished` is the date the verdict
//! was last published (`ClaimCtx::verdict_date`); actors' responses never
//! count as a review.
//!
//! A brief is a `Report` whose `dateModified` is its last change; each of
//! its corrections is a `CorrectionComment` under `correction`.

use super::context::{ActorCtx, ActorRef, BriefCtx, ClaimCtx, IncidentCtx, SourceCtx};
use crate::urls;
use serde_json::{json, Map, Value};

/// JSON text safe inside `<script type="application/ld+json">`: `<`, `>`
/// and `&` are written as `\u` escapes, so no string can end the element.
pub fn script_text(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The desk's verdict on a claim status, as a 1–5 rating.
pub fn rating(status: &str) -> Option<(u8, &'static str)> {
    match status {
        "confirmed" => Some((5, "Confirmed")),
        "corroborated" => Some((4, "Corroborated")),
        "disputed" => Some((3, "Disputed")),
        "misleading" => Some((2, "Misleading")),
        "false" => Some((1, "False")),
        "retracted" => Some((1, "Retracted")),
        _ => None,
    }
}

fn with_url(mut object: Map<String, Value>, base: Option<&str>, path: &str) -> Value {
    if let Some(base) = base {
        object.insert("url".into(), json!(urls::absolute(base, path)));
        object.insert("@id".into(), json!(urls::absolute(base, path)));
    }
    Value::Object(object)
}

/// The schema.org type of an actor kind.
pub fn actor_type(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "state" | "government" | "agency" | "military" => "GovernmentOrganization",
        "vessel" | "aircraft" => "Vehicle",
        "infrastructure" => "Place",
        _ => "Organization",
    }
}

fn thing(actor: &ActorRef, base: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("@type".into(), json!(actor_type(actor.kind)));
    object.insert("name".into(), json!(actor.name));
    with_url(object, base, &urls::actor(&actor.id))
}

fn publisher(site_title: &str, author: Option<&str>) -> Value {
    json!({ "@type": "Organization", "name": author.unwrap_or(site_title) })
}

/// A brief's correction, as a schema.org `CorrectionComment`.
pub struct Correction<'a> {
    pub date: String,
    /// What was corrected, as plain text.
    pub text: &'a str,
}

pub fn brief(
    brief: &BriefCtx,
    corrections: &[Correction],
    summary: Option<&str>,
    site_title: &str,
    author: Option<&str>,
    base: Option<&str>,
) -> Value {
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    object.insert("@type".into(), json!("Report"));
    object.insert("headline".into(), json!(brief.title));
    object.insert("datePublished".into(), json!(brief.date.iso));
    object.insert(
        "dateModified".into(),
        json!(brief.updated.as_ref().unwrap_or(&brief.date).iso),
    );
    if let Some(summary) = summary {
        object.insert("abstract".into(), json!(summary));
    }
    if !corrections.is_empty() {
        object.insert(
            "correction".into(),
            Value::Array(
                corrections
                    .iter()
                    .map(|c| json!({ "@type": "CorrectionComment", "datePublished": c.date, "text": c.text }))
                    .collect(),
            ),
        );
    }
    object.insert("author".into(), publisher(site_title, author));
    object.insert(
        "about".into(),
        Value::Array(brief.actors.iter().map(|a| thing(a, base)).collect()),
    );
    with_url(object, base, &urls::brief(&brief.id))
}

pub fn claim(
    claim: &ClaimCtx,
    site_title: &str,
    author: Option<&str>,
    base: Option<&str>,
) -> Value {
    let card = &claim.card;
    let mut object = Map::new();
    object.insert("@type".into(), json!("Claim"));
    object.insert("text".into(), json!(card.text));
    let claimants: Vec<Value> = card.by.iter().map(|a| thing(a, base)).collect();
    object.insert(
        "author".into(),
        if claimants.len() == 1 {
            claimants[0].clone()
        } else {
            Value::Array(claimants)
        },
    );
    if let Some(said) = &card.said {
        object.insert("datePublished".into(), json!(said.iso));
    }
    if !card.about.is_empty() {
        object.insert(
            "about".into(),
            Value::Array(card.about.iter().map(|a| thing(a, base)).collect()),
        );
    }
    let appearances: Vec<Value> = claim
        .citing
        .iter()
        .map(|b| {
            let mut report = Map::new();
            report.insert("@type".into(), json!("Report"));
            report.insert("headline".into(), json!(b.title));
            report.insert("datePublished".into(), json!(b.date.iso));
            with_url(report, base, &urls::brief(&b.id))
        })
        .collect();
    if !appearances.is_empty() {
        object.insert("appearance".into(), Value::Array(appearances));
    }
    if !card.sources.is_empty() {
        object.insert(
            "citation".into(),
            Value::Array(card.sources.iter().map(|s| citation(s, base)).collect()),
        );
    }
    let claim_value = with_url(object, base, &urls::claim(&card.id));
    let Some((value, label)) = rating(card.status) else {
        let mut with_context = claim_value;
        with_context["@context"] = json!("https://schema.org");
        return with_context;
    };
    let mut review = Map::new();
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("claimReviewed".into(), json!(card.text));
    review.insert("itemReviewed".into(), claim_value);
    review.insert("author".into(), publisher(site_title, author));
    if let Some(date) = &claim.verdict_date {
        review.insert("datePublished".into(), json!(date.iso));
    }
    review.insert(
        "reviewRating".into(),
        json!({ "@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1, "alternateName": label }),
    );
    if let Some(base) = base {
        review.insert(
            "url".into(),
            json!(urls::absolute(base, &urls::claim(&card.id))),
        );
    }
    json!({ "@context": "https://schema.org", "@graph": [Value::Object(review)] })
}

pub fn actor(actor: &ActorCtx, base: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    object.insert("@type".into(), json!(actor_type(actor.kind)));
    object.insert("name".into(), json!(actor.name));
    if !actor.aliases.is_empty() {
        object.insert(
            "alternateName".into(),
            Value::Array(actor.aliases.iter().map(|a| json!(a.name)).collect()),
        );
    }
    if let Some(role) = &actor.role {
        object.insert("description".into(), json!(role));
    }
    if !actor.same_as.is_empty() {
        object.insert("sameAs".into(), json!(actor.same_as));
    }
    if !actor.identifiers.is_empty() {
        object.insert(
            "identifier".into(),
            Value::Array(
                actor
                    .identifiers
                    .iter()
                    .map(|i| json!({ "@type": "PropertyValue", "propertyID": i.label, "value": i.value }))
                    .collect(),
            ),
        );
    }
    // A vessel, aircraft or place belongs to no organization in schema.org.
    let organization = !matches!(actor.kind, "vessel" | "aircraft" | "infrastructure");
    if let Some(parent) = actor.part_of.first().filter(|_| organization) {
        let key = if actor.kind == "person" {
            "affiliation"
        } else {
            "parentOrganization"
        };
        object.insert(key.into(), thing(parent, base));
    }
    with_url(object, base, &urls::actor(&actor.id))
}

/// An incident as a schema.org `Event`: its name, start and end, its
/// place (`Place`, with `geo` when it has coordinates) and the actors
/// involved (`about`).
pub fn incident(incident: &IncidentCtx, base: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    object.insert("@type".into(), json!("Event"));
    object.insert("name".into(), json!(incident.title));
    if let Some(when) = &incident.when {
        object.insert("startDate".into(), json!(when.from.iso));
        if let Some(to) = &when.to {
            object.insert("endDate".into(), json!(to.iso));
        }
    }
    let mut place = Map::new();
    place.insert("@type".into(), json!("Place"));
    place.insert("name".into(), json!(incident.place));
    if let (Some(lat), Some(lon)) = (incident.latitude, incident.longitude) {
        place.insert(
            "geo".into(),
            json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon }),
        );
    }
    object.insert("location".into(), Value::Object(place));
    if !incident.actors.is_empty() {
        object.insert(
            "about".into(),
            Value::Array(incident.actors.iter().map(|a| thing(a, base)).collect()),
        );
    }
    with_url(object, base, &urls::incident(&incident.id))
}

/// A claim's source as a schema.org `CreativeWork`: an anonymous source
/// has no author, only its description as its name.
fn citation(source: &SourceCtx, base: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("@type".into(), json!("CreativeWork"));
    object.insert("name".into(), json!(source.title));
    if let Some(url) = source.url.as_deref().filter(|u| is_absolute(u)) {
        object.insert("url".into(), json!(url));
    }
    if let Some(archive) = &source.archive {
        object.insert("archivedAt".into(), json!(archive));
    }
    if let Some(publisher) = &source.publisher {
        object.insert("publisher".into(), thing(publisher, base));
    }
    if let Some(date) = &source.date {
        object.insert("datePublished".into(), json!(date.iso));
    }
    if let Some(language) = &source.language {
        object.insert("inLanguage".into(), json!(language));
    }
    if let Some(label) = source.type_label {
        object.insert("genre".into(), json!(label));
    }
    Value::Object(object)
}

/// An absolute http(s) URL (a site path on a page is relative to it, and
/// means nothing in structured data without a base URL).
fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script_element() {
        let text = script_text(&json!({ "name": "</script><script>alert(1)</script> & co" }));
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & co");
    }

    #[test]
    fn only_verdicts_are_rated() {
        assert_eq!(rating("confirmed"), Some((5, "Confirmed")));
        assert_eq!(rating("corroborated"), Some((4, "Corroborated")));
        assert_eq!(rating("disputed"), Some((3, "Disputed")));
        assert_eq!(rating("misleading"), Some((2, "Misleading")));
        assert_eq!(rating("false"), Some((1, "False")));
        assert_eq!(rating("retracted"), Some((1, "Retracted")));
        for status in ["reported", "superseded"] {
            assert_eq!(rating(status), None, "{status}");
        }
        // Every status the format has is rated or left out on purpose.
        for status in crate::model::Status::ALL {
            let rated = rating(status.as_str()).is_some();
            let unrated = matches!(status.as_str(), "reported" | "superseded");
            assert!(rated != unrated, "{status}");
        }
    }
}
