//! A brief file to a `Brief`: its fields, body and `changes`.

use super::*;

/// A brief and what else it names: its tags as written (with their
/// positions), and the actors its fields link to.
pub struct BriefParts {
    pub brief: Brief,
    pub tag_names: Vec<String>,
    pub found: Findings,
}

pub fn brief(scope: &Scope, doc: &Doc<RawBrief>, ix: BriefIx, published: bool) -> BriefParts {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), published);
    let raw = &doc.raw;
    let title = here.required(&raw.title, "title", "A short, specific title");
    let date = here.full_date(&raw.date, "date");
    if raw.date.is_none() {
        here.missing(
            &path![],
            "date",
            "missing required field `date`",
            "add `date: YYYY-MM-DD`, the publication date",
        );
    }
    let written_updated = here.full_date(&raw.updated, "updated");
    let changes = changes(&mut here, &raw.changes, date);
    let last_change = changes.iter().map(|c| c.date).max();
    if let (Some(updated), Some(last)) = (written_updated, last_change) {
        if updated < last {
            here.warning(
                &path!["updated"],
                format!(
                    "`updated` ({}) is before the last change ({})",
                    updated.iso(),
                    last.iso()
                ),
                format!(
                    "write `updated: {}`, or leave `updated` out: it defaults to the date of the last change",
                    last.iso()
                ),
            );
        }
    }
    let updated = written_updated.or(last_change);
    let as_of = here.full_date(&raw.as_of, "as_of");
    let (summary, summary_text) = match text(&raw.summary) {
        Some(s) => {
            let (html, plain) = here.inline_markdown(&s, &path!["summary"]);
            (Some(html), Some(plain))
        }
        None => (None, None),
    };
    let judgements = raw
        .judgements
        .iter()
        .enumerate()
        .map(|(i, j)| judgement(&mut here, j, &path!["judgements", i]))
        .collect();
    let mut tag_names = Vec::new();
    for (i, t) in raw.tags.iter().enumerate() {
        let name = t.0.trim().to_string();
        if slug::slugify(&name).is_empty() {
            here.error(
                &path!["tags", i],
                format!("tag `{name}` has no letters or digits"),
                "tags are compared by their slug; give the tag a name with letters or digits",
            );
            continue;
        }
        tag_names.push(name);
    }
    let mut actors = Vec::new();
    for (i, a) in raw.actors.iter().enumerate() {
        if let Some(ix) = here.actor(&path!["actors", i], &a.0) {
            actors.push(ix);
        }
    }
    let sources = here.sources(&raw.sources, &path!["sources"], true);
    let claims = claims(&mut here, &raw.claims);
    let authors = raw
        .authors
        .iter()
        .map(|a| a.0.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::brief(&doc.stem));
    let extra = here.extra(&raw.extra);
    here.redirects(&raw.redirect_from, Target::Brief(ix));
    let brief = Brief {
        id: doc.stem.clone(),
        file: doc.file,
        title,
        date: date.unwrap_or(PartialDate {
            year: 1970,
            month: Some(1),
            day: Some(1),
        }),
        updated,
        changes,
        as_of,
        summary,
        summary_text,
        judgements,
        tags: Vec::new(),
        actors,
        sources,
        claims,
        authors,
        draft: raw.draft,
        body: body.html,
        toc: body.headings,
        extra,
    };
    BriefParts {
        brief,
        tag_names,
        found: here.found,
    }
}

/// A judgement, with the claims it rests on and those that cut against it.
fn judgement(here: &mut Here, j: &RawJudgement, at: &YamlPath) -> Judgement {
    let text_html = match text(&j.text) {
        Some(t) => here.inline_markdown(&t, &at.key("text")).0,
        None => {
            here.missing(
                at,
                "text",
                "judgement without `text`",
                "add `text:` with the judgement in one or two sentences",
            );
            InlineHtml::default()
        }
    };
    let likelihood = here.vocabulary(
        &j.likelihood,
        &at.key("likelihood"),
        Likelihood::parse,
        Likelihood::allowed,
    );
    let confidence = here.vocabulary(
        &j.confidence,
        &at.key("confidence"),
        Confidence::parse,
        Confidence::allowed,
    );
    // A claim named twice counts once (the evidence line counts them).
    let mut claims = Vec::new();
    let mut named = HashSet::new();
    for (k, id) in j.claims.iter().enumerate() {
        if let Some(c) = here.claim(&at.key("claims").index(k), &id.0) {
            if named.insert(c) {
                claims.push(c);
            }
        }
    }
    let supporting = named.clone();
    let mut against = Vec::new();
    for (k, id) in j.against.iter().enumerate() {
        let place = at.key("against").index(k);
        if let Some(c) = here.claim(&place, &id.0) {
            if supporting.contains(&c) {
                here.error(
                    &place,
                    format!("`{}` is both in `claims` and in `against`", id.0.trim()),
                    "a claim either supports the judgement (`claims`) or cuts against it (`against`); keep it in one list",
                );
                continue;
            }
            if named.insert(c) {
                against.push(c);
            }
        }
    }
    Judgement {
        text: text_html,
        likelihood,
        confidence,
        claims,
        against,
        evidence: Evidence::default(),
    }
}

/// The claims a brief declares or cites, in its order, each once. A claim
/// declared here is this brief's only if the id table says so (a duplicate
/// id points elsewhere).
fn claims(here: &mut Here, entries: &[RawClaimEntry]) -> Vec<ClaimIx> {
    let ids = here.scope.ids;
    let mut claims = Vec::new();
    let mut seen = HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let ix = match entry {
            RawClaimEntry::Declare(c) => {
                c.id.as_ref().and_then(|id| match ids.get(id.0.as_str()) {
                    Some(e) => match e.target {
                        Target::Claim(ix) if ids.get(id.0.as_str()).is_some() => Some(ix),
                        _ => None,
                    },
                    None => None,
                })
            }
            RawClaimEntry::Cite(id) => here.claim(&path!["claims", i], &id.0),
        };
        if let Some(ix) = ix {
            if seen.insert(ix) {
                claims.push(ix);
            }
        }
    }
    claims
}

/// A brief's `changes`, newest first (ties: the later entry first). A
/// change dated before the brief's `date` is a warning.
fn changes(here: &mut Here, raw: &[RawChange], brief_date: Option<PartialDate>) -> Vec<Change> {
    let mut out: Vec<(usize, Change)> = Vec::new();
    for (i, c) in raw.iter().enumerate() {
        let at = path!["changes", i];
        let date = match &c.date {
            Some(_) => here.full_date_at(&c.date, &at.key("date")),
            None => {
                here.missing(
                    &at,
                    "date",
                    "change without `date`",
                    "write `- {date: YYYY-MM-DD, note: What changed}`",
                );
                None
            }
        };
        let note = match text(&c.note) {
            Some(note) => Some(here.inline_markdown(&note, &at.key("note"))),
            None => {
                here.missing(
                    &at,
                    "note",
                    "change without `note`",
                    "add `note:` saying what changed, e.g. `note: Corrected the casualty figure.`",
                );
                None
            }
        };
        let kind = here
            .vocabulary(
                &c.kind,
                &at.key("kind"),
                ChangeKind::parse,
                ChangeKind::allowed,
            )
            .unwrap_or(ChangeKind::Update);
        if let (Some(d), Some(published)) = (date, brief_date) {
            if d < published {
                here.warning(
                    &at.key("date"),
                    format!(
                        "change dated {}, before the brief's `date` ({})",
                        d.iso(),
                        published.iso()
                    ),
                    "a change comes after publication: check the change's date and the brief's `date`",
                );
            }
        }
        if let (Some(date), Some((note, note_text))) = (date, note) {
            out.push((
                i,
                Change {
                    date,
                    note,
                    note_text,
                    kind,
                },
            ));
        }
    }
    out.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
    out.into_iter().map(|(_, c)| c).collect()
}
