//! A claim (declared in a brief or in its own file) to a `Claim`: its
//! sources, responses and figure.

use super::*;

pub fn claim(
    scope: &Scope,
    decl: &ClaimDecl,
    declaring_brief_date: Option<PartialDate>,
) -> (Claim, Findings) {
    let mut here = Here::new(scope, decl.file, decl.base.clone(), decl.published);
    let raw = decl.raw;
    let (text_html, text_plain) = match text(&raw.text) {
        Some(t) => here.inline_markdown(&t, &path!["text"]),
        None => {
            here.missing(
                &path![],
                "text",
                format!("claim `{}` has no `text`", decl.id),
                "add `text:` with the claim in one sentence",
            );
            (InlineHtml::default(), decl.id.clone())
        }
    };
    let by = here.actors(&raw.by, "by");
    // A `by` of the wrong type is reported already.
    if raw.by.as_ref().is_none_or(|b| b.0.is_empty()) && !here.was_dropped(&path!["by"]) {
        here.error(
            &path![],
            format!("claim `{}` has no claimant", decl.id),
            "add `by:` with the id of the actor who made the claim",
        );
    }
    let via = here.actors(&raw.via, "via");
    let about = here.actors(&raw.about, "about");
    let said = match &raw.said {
        Some(_) => here.partial_date(&raw.said, &path!["said"]),
        None => declaring_brief_date,
    };
    let when = here.when(&raw.when);
    let incidents = here.incidents(&raw.incident, "incident");
    let all_sources = claim_sources(&mut here, decl);
    let by_id: std::collections::HashMap<&str, &Source> = all_sources
        .iter()
        .rev()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let sources = named_sources(
        &mut here,
        &raw.source,
        &path!["source"],
        &by_id,
        decl.sources,
    );
    let status = status(&mut here, raw);
    let responses = responses(&mut here, &raw.responses, &by_id, decl.sources);
    let credibility = here.credibility(&raw.credibility, &path!["credibility"]);
    let confidence = here.vocabulary(
        &raw.confidence,
        &path!["confidence"],
        Confidence::parse,
        Confidence::allowed,
    );
    let quote = text(&raw.quote);
    let quote_lang = here.lang(&raw.quote_lang, &path!["quote_lang"]);
    let figure = raw.figure.as_ref().and_then(|f| figure(&mut here, f));
    let measure = raw
        .measure
        .as_ref()
        .and_then(|m| measure(&mut here, m, figure.as_ref()));
    if measure.is_some()
        && figure.is_none()
        && raw.figure.is_none()
        && !here.was_dropped(&path!["figure"])
    {
        here.warning(
            &path!["measure"],
            format!("claim `{}` has a `measure` but no `figure`", decl.id),
            "add `figure: {value: …, unit: …}` so the measure page can show it",
        );
    }
    let this = Some(decl.id.as_str());
    let supports = here.claims(&raw.supports, "supports", this);
    let contradicts = here.claims(&raw.contradicts, "contradicts", this);
    let supersedes = here.claims(&raw.supersedes, "supersedes", this);
    let (body, toc) = match decl.body {
        Some((body, line)) => {
            let r = here.body_markdown(body, line, &urls::claim(&decl.id));
            (r.html, r.headings)
        }
        None => (Arc::from(""), Vec::new()),
    };
    let extra = here.extra(&raw.extra);
    let ix = match scope.ids.get(&decl.id).map(|e| e.target) {
        Some(Target::Claim(ix)) => ix,
        _ => ClaimIx(usize::MAX),
    };
    if decl.body.is_some() {
        here.redirects(&raw.redirect_from, Target::Claim(ix));
    }
    let claim = Claim {
        id: decl.id.clone(),
        file: decl.file,
        text: text_html,
        text_plain,
        by,
        via,
        about,
        said,
        when,
        sources,
        status,
        responses,
        credibility,
        confidence,
        quote,
        quote_lang,
        figure,
        measure,
        incidents,
        supports,
        contradicts,
        supersedes,
        supported_by: Vec::new(),
        contradicted_by: Vec::new(),
        superseded_by: Vec::new(),
        contradicted_by_claimants: Vec::new(),
        supported_by_claimants: Vec::new(),
        verdict_date: None,
        declared_in: decl.brief,
        cited_in: Vec::new(),
        body,
        toc,
        extra,
    };
    (claim, here.found)
}

/// The sources a claim may name: a claim file's own list (converted and
/// reported here), or the sources of its brief that it or its responses
/// name (the brief reports its list).
fn claim_sources(here: &mut Here, decl: &ClaimDecl) -> Vec<Source> {
    let raw = decl.raw;
    // The source ids the claim and its responses name.
    let wanted: Vec<&str> = raw
        .source
        .iter()
        .chain(raw.responses.iter().filter_map(|r| r.source.as_ref()))
        .flat_map(|l| l.0.iter().map(|t| t.0.trim()))
        .collect();
    if decl.body.is_some() {
        // A claim file's own list: converted and reported here.
        here.sources(decl.sources, &YamlPath::default().key("sources"), true)
    } else {
        // Its brief's list, which the brief reports: convert only what is
        // named, found through the brief's index (not a walk of its list
        // per claim, which would be quadratic in a long brief).
        let mut at: Vec<usize> = wanted
            .iter()
            .filter_map(|id| decl.source_index.get(*id).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        let named: Vec<RawSource> = at.iter().map(|&i| decl.sources[i].clone()).collect();
        here.sources(&named, &YamlPath::default().key("sources"), false)
    }
}

/// The desk's verdict; v1.1's `denied` is an error whose hint writes it as
/// a response.
fn status(here: &mut Here, raw: &RawClaim) -> Status {
    match text(&raw.status) {
        // v1.1's `denied` was someone's denial, not a verdict of the desk.
        Some(written) if written.eq_ignore_ascii_case("denied") => {
            let denier = raw
                .about
                .as_ref()
                .and_then(|a| a.0.first())
                .map_or("an-actor-id", |a| a.0.trim());
            here.error(
                &path!["status"],
                "`denied` is not a status: a denial is an actor's response, not the desk's verdict",
                format!("write who denied it under `responses:` and give the desk's own verdict, e.g. `status: reported` (or `disputed`, `false`…) and `responses: [{{by: {denier}, stance: denies}}]`"),
            );
            Status::Reported
        }
        _ => here
            .vocabulary(
                &raw.status,
                &path!["status"],
                Status::parse,
                Status::allowed,
            )
            .unwrap_or(Status::Reported),
    }
}

/// The measure a claim's figure is of: only a declared one.
fn measure(here: &mut Here, m: &Text, figure: Option<&Figure>) -> Option<MeasureIx> {
    let id = m.0.trim();
    let ids = here.scope.ids;
    if id.is_empty() {
        here.error(
            &path!["measure"],
            "`measure` is empty",
            "write the id of a measure of content/measures/, or leave `measure` out",
        );
        return None;
    }
    if ids.get(id).is_none() && !ids.broken.contains(id) {
        // A measure is declared by its file: a typo must never start a
        // second, fake measure. The file is named by the id as it
        // should be written (`DPRK troops` → `dprk-troops`).
        let file_id = Some(id)
            .filter(|id| is_valid_id(id))
            .map_or_else(|| crate::resolve::declare::suggest_id(id), str::to_string);
        let file_id = if file_id.is_empty() {
            "my-measure".to_string()
        } else {
            file_id
        };
        let near = ids
            .closest(id, Some(Kind::Measure))
            .or_else(|| ids.closest(&file_id, Some(Kind::Measure)));
        let unit = figure
            .as_ref()
            .and_then(|f| f.unit.as_deref())
            .map_or_else(|| "…".to_string(), yaml_value);
        let declare = format!("create content/measures/{file_id}.md holding `---`, `name: …`, `unit: {unit}`, `---` (or run `dossier new measure {file_id}`)");
        let hint = match near {
            Some(near) if near == file_id => {
                format!("did you mean `{near}`? Ids are lowercase words joined by `-`")
            }
            Some(near) => format!("did you mean `{near}`? To track a new measure, {declare}"),
            None if file_id != id => format!(
                "write `measure: {file_id}` (ids are lowercase words joined by `-`) and {declare}"
            ),
            None => format!("every measure is declared in content/measures/: {declare}"),
        };
        here.error(
            &path!["measure"],
            format!("unknown measure `{id}`: no file declares it"),
            hint,
        );
        return None;
    }
    match here.reference(&path!["measure"], &m.0, Kind::Measure)? {
        Target::Measure(ix) => Some(ix),
        _ => None,
    }
}

/// A claim's `responses`; one without a known actor or stance is left out.
fn responses(
    here: &mut Here,
    raw: &[RawResponse],
    by_id: &std::collections::HashMap<&str, &Source>,
    declared: &[RawSource],
) -> Vec<Response> {
    let mut out = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let at = path!["responses", i];
        if r.by.as_ref().is_none_or(|b| b.0.is_empty()) {
            here.missing(
                &at,
                "by",
                "response without `by`",
                "add `by:` with the id of the actor who responded, e.g. `- {by: kremlin, stance: denies}`",
            );
        }
        let by = here.actors_at(&r.by, &at.key("by"));
        let stance = match &r.stance {
            None => {
                here.missing(
                    &at,
                    "stance",
                    "response without `stance`",
                    format!("add `stance:`, one of {}", Stance::allowed()),
                );
                None
            }
            Some(_) => {
                here.vocabulary(&r.stance, &at.key("stance"), Stance::parse, Stance::allowed)
            }
        };
        let said = here.partial_date(&r.said, &at.key("said"));
        let sources = named_sources(here, &r.source, &at.key("source"), by_id, declared);
        let text = text(&r.text).map(|t| here.inline_markdown(&t, &at.key("text")));
        let (text, text_plain) = text.unzip();
        if let (false, Some(stance)) = (by.is_empty(), stance) {
            out.push(Response {
                by,
                stance,
                said,
                sources,
                text,
                text_plain,
            });
        }
    }
    out
}

fn figure(here: &mut Here, raw: &RawFigure) -> Option<Figure> {
    let at = path!["figure"];
    let qualifier = here.vocabulary(
        &raw.qualifier,
        &at.key("qualifier"),
        Qualifier::parse,
        Qualifier::allowed,
    );
    for (key, v) in [("value", raw.value), ("low", raw.low), ("high", raw.high)] {
        // A number of the wrong type is reported; the figure is left out.
        if here.was_dropped(&at.key(key)) {
            return None;
        }
        if v.is_some_and(|v| !v.is_finite()) {
            here.error(
                &at.key(key),
                format!("`figure.{key}` is not a finite number"),
                "write a plain number such as `15000`",
            );
            return None;
        }
    }
    match (raw.value, raw.low, raw.high) {
        (None, None, None) => {
            here.error(
                &at,
                "`figure` has no number",
                "give `value`, or `low` and `high` for a range",
            );
            return None;
        }
        (_, Some(low), Some(high)) if low > high => {
            here.error(
                &at.key("low"),
                format!("`figure.low` ({low}) is above `figure.high` ({high})"),
                "swap `low` and `high`",
            );
            return None;
        }
        (None, Some(_), None) | (None, None, Some(_)) if qualifier == Some(Qualifier::Range) => {
            here.error(
                &at,
                "a `range` figure needs both `low` and `high`",
                "add the missing bound, or use `at-least`/`at-most` with `value`",
            );
            return None;
        }
        _ => {}
    }
    if qualifier == Some(Qualifier::Range) && (raw.low.is_none() || raw.high.is_none()) {
        here.error(
            &at,
            "a `range` figure needs both `low` and `high`",
            "add `low:` and `high:`",
        );
        return None;
    }
    let as_of = here.partial_date(&raw.as_of, &at.key("as_of"));
    let qualifier = qualifier.or(
        if raw.value.is_none() && raw.low.is_some() && raw.high.is_some() {
            Some(Qualifier::Range)
        } else {
            None
        },
    );
    Some(Figure {
        value: raw.value,
        low: raw.low,
        high: raw.high,
        unit: text(&raw.unit),
        qualifier,
        as_of,
        wording: text(&raw.wording),
    })
}
