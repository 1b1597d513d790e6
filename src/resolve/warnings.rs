//! Warnings (FORMAT §13) on values that are each valid but together
//! wrong, or unfinished: an `updated` before the brief's `date`, a claim
//! said after the brief that reports it, a confirmed claim graded as
//! improbable, and the placeholder text of `dossier new` left in a
//! published file. They never stop a build (unless warnings are denied);
//! each is placed at the value to look at, with what to do.

use super::declare::{ClaimDecl, Declared};
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::raw::{RawBrief, RawClaimEntry, Text};
use crate::load::yaml::YamlPath;
use crate::load::{Doc, FileId, Loaded};
use crate::model::*;
use crate::path;
use crate::scaffold::find_placeholder;
use rayon::prelude::*;

/// Adds the warnings of the declared entities, converted into `site`
/// (before the published view: `site`'s lists are in `declared`'s order).
/// Files are checked in parallel, their warnings kept in file order.
pub fn check(
    loaded: &Loaded,
    declared: &Declared,
    site: &Site,
    brief_published: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let briefs = declared.briefs.par_iter().enumerate().map(|(i, doc)| {
        let mut found = Vec::new();
        let updated = site.briefs.get(i).and_then(|b| b.updated);
        let published = brief_published.get(i).copied().unwrap_or(true);
        dates(
            loaded,
            declared,
            site,
            doc,
            (updated, published),
            &mut found,
        );
        if published {
            brief_placeholders(loaded, doc, &mut found);
        }
        found
    });
    gather(briefs, diagnostics);
    let claims = declared
        .claims
        .par_iter()
        .zip(&site.claims)
        .map(|(decl, claim)| {
            let mut found = Vec::new();
            grade(loaded, decl, claim, &mut found);
            if decl.published {
                claim_placeholders(loaded, decl, &mut found);
            }
            found
        });
    gather(claims, diagnostics);
    // An incident can wait as a draft, as a brief can.
    let incidents = declared
        .incidents
        .par_iter()
        .filter(|d| !d.raw.draft)
        .map(|doc| {
            let mut found = Vec::new();
            let root = YamlPath::default();
            let fields = [("title", &doc.raw.title), ("kind", &doc.raw.kind)];
            placeholders(loaded, true, doc.file, &root, &fields, &mut found);
            if let Some(place) = &doc.raw.place {
                let fields = [("place", &place.place)];
                placeholders(
                    loaded,
                    true,
                    doc.file,
                    &root.key("where"),
                    &fields,
                    &mut found,
                );
            }
            for (i, source) in doc.raw.sources.iter().enumerate() {
                let fields = [("title", &source.title)];
                placeholders(
                    loaded,
                    true,
                    doc.file,
                    &path!["sources", i],
                    &fields,
                    &mut found,
                );
            }
            body_placeholder(loaded, true, doc.file, &doc.body, doc.body_line, &mut found);
            found
        });
    gather(incidents, diagnostics);
    // Actors, measures and pages have no drafts: their text fields and
    // body are checked as they are.
    let file_placeholders =
        |file: FileId, fields: &[(&'static str, &Option<Text>)], body: &str, body_line| {
            let mut found = Vec::new();
            placeholders(
                loaded,
                false,
                file,
                &YamlPath::default(),
                fields,
                &mut found,
            );
            body_placeholder(loaded, false, file, body, body_line, &mut found);
            found
        };
    let actors = declared.actors.par_iter().map(|doc| {
        let fields = [("name", &doc.raw.name), ("role", &doc.raw.role)];
        file_placeholders(doc.file, &fields, &doc.body, doc.body_line)
    });
    gather(actors, diagnostics);
    let measures = declared.measures.par_iter().map(|m| {
        let doc = m.doc;
        file_placeholders(
            doc.file,
            &[("name", &doc.raw.name)],
            &doc.body,
            doc.body_line,
        )
    });
    gather(measures, diagnostics);
    let pages = declared.pages.par_iter().map(|doc| {
        file_placeholders(
            doc.file,
            &[("title", &doc.raw.title)],
            &doc.body,
            doc.body_line,
        )
    });
    gather(pages, diagnostics);
}

/// The warnings found per file, in file order.
fn gather(found: impl ParallelIterator<Item = Vec<Diagnostic>>, diagnostics: &mut Vec<Diagnostic>) {
    let found: Vec<Vec<Diagnostic>> = found.collect();
    diagnostics.extend(found.into_iter().flatten());
}

/// A full date as written, or `None`.
fn full_date(value: &Option<Text>) -> Option<PartialDate> {
    value
        .as_ref()
        .and_then(|t| PartialDate::parse(&t.0))
        .filter(PartialDate::is_full)
}

/// Whether something said at `said` (a partial date: its first possible
/// day) came after the day `date`.
fn after(said: PartialDate, date: PartialDate) -> bool {
    said > date
}

/// `updated` before `date`; claims declared or cited by the brief that
/// were said after its `date`, unless its `updated` (as the brief
/// resolved it) covers them. A published brief citing a draft's claim is
/// an error already, and gets no warning about it.
fn dates(
    loaded: &Loaded,
    declared: &Declared,
    site: &Site,
    doc: &Doc<RawBrief>,
    (updated, published): (Option<PartialDate>, bool),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let file = loaded.file(doc.file);
    let Some(date) = full_date(&doc.raw.date) else {
        return;
    };
    if let Some(written) = full_date(&doc.raw.updated).filter(|u| *u < date) {
        diagnostics.push(
            file.warning_at(
                &path!["updated"],
                format!(
                    "`updated` ({}) is before the brief's `date` ({})",
                    written.iso(),
                    date.iso()
                ),
            )
            .hint("`updated` is the date of the brief's last substantive change, on or after its `date`: check both dates"),
        );
    }
    let covered = |said: PartialDate| updated.is_some_and(|u| !after(said, u));
    for (k, entry) in doc.raw.claims.iter().enumerate() {
        let (id, at, declares) = match entry {
            RawClaimEntry::Declare(claim) => match (&claim.id, &claim.said) {
                // Without `said`, the claim was said on the brief's date.
                (Some(id), Some(_)) => (id.0.trim(), path!["claims", k, "said"], true),
                _ => continue,
            },
            RawClaimEntry::Cite(id) => (id.0.trim(), path!["claims", k], false),
        };
        let Some(Target::Claim(ix)) = declared.ids.get(id).map(|e| e.target) else {
            continue;
        };
        if published && declared.claims.get(ix.0).is_some_and(|c| !c.published) {
            continue;
        }
        let Some(said) = site.claims.get(ix.0).and_then(|c| c.said) else {
            continue;
        };
        if !after(said, date) || covered(said) {
            continue;
        }
        let (message, hint) = if declares {
            (
                format!(
                    "claim `{id}` was said on {}, after this brief's `date` ({})",
                    said.iso(),
                    date.iso()
                ),
                format!(
                    "a brief reports what was said by its date: check `said`, or, if the brief was updated to add the claim, give it `updated:` with a date on or after {}",
                    said.iso()
                ),
            )
        } else {
            (
                format!(
                    "this brief, dated {}, cites `{id}`, which was said on {}, after it",
                    date.iso(),
                    said.iso()
                ),
                format!(
                    "if the brief was updated to cite the claim, give it `updated:` with a date on or after {}; else check the claim's `said`",
                    said.iso()
                ),
            )
        };
        diagnostics.push(file.warning_at(&at, message).hint(hint));
    }
}

/// A claim whose status says it is true, graded as improbable or as
/// beyond judgement.
fn grade(loaded: &Loaded, decl: &ClaimDecl, claim: &Claim, diagnostics: &mut Vec<Diagnostic>) {
    let sure = matches!(claim.status, Status::Confirmed | Status::Corroborated);
    let Some(credibility) = claim
        .credibility
        .filter(|c| sure && matches!(c, Credibility::Five | Credibility::Six))
    else {
        return;
    };
    let at = {
        let mut p = decl.base.clone();
        p.0.push(crate::load::yaml::Seg::Key("credibility".into()));
        p
    };
    diagnostics.push(
        loaded
            .file(decl.file)
            .warning_at(
                &at,
                format!(
                    "claim `{}` is `{}` but its credibility is {} ({})",
                    decl.id,
                    claim.status,
                    credibility,
                    credibility.label().to_lowercase()
                ),
            )
            .hint(format!(
                "a {} claim is credible: credibility 1 (confirmed by other sources) or 2 (probably true); lower its `status` or raise its `credibility`",
                claim.status
            )),
    );
}

/// A placeholder left in one of `fields` (key and value) under `base`.
fn placeholders(
    loaded: &Loaded,
    draftable: bool,
    file: FileId,
    base: &YamlPath,
    fields: &[(&'static str, &Option<Text>)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let source = loaded.file(file);
    for (key, value) in fields {
        let Some(value) = value else { continue };
        if let Some((_, placeholder)) = find_placeholder(&value.0) {
            let at = base.key(*key);
            let shown = at.to_string();
            diagnostics.push(
                source
                    .warning_at(&at, left_in(&shown, placeholder))
                    .hint(replace_hint(draftable)),
            );
        }
    }
}

/// A placeholder left in a body (starting at file line `first_line`),
/// placed at its words.
fn body_placeholder(
    loaded: &Loaded,
    draftable: bool,
    file: FileId,
    body: &str,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some((range, placeholder)) = find_placeholder(body) else {
        return;
    };
    let source = loaded.file(file);
    let p = Pos::of_offset(body, range.start, range.len());
    let pos = Pos::new(p.line + first_line - 1, p.col, p.len);
    diagnostics.push(
        Diagnostic::warning(&source.path, left_in("the body", placeholder))
            .at(&source.text, pos)
            .hint(replace_hint(draftable)),
    );
}

/// What to do about a placeholder; a brief (`draftable`) can wait as a draft.
fn replace_hint(draftable: bool) -> &'static str {
    match draftable {
        true => "`dossier new` wrote it for you to replace: write your own text before publishing, or keep the file a draft meanwhile (`draft: true`)",
        false => "`dossier new` wrote it for you to replace: write your own text before publishing",
    }
}

fn left_in(place: &str, placeholder: &str) -> String {
    let place = match place {
        "the body" => place.to_string(),
        key => format!("`{key}`"),
    };
    format!("placeholder text of `dossier new` left in {place}: \u{201c}{placeholder}\u{201d}")
}

fn brief_placeholders(loaded: &Loaded, doc: &Doc<RawBrief>, diagnostics: &mut Vec<Diagnostic>) {
    let raw = &doc.raw;
    let root = YamlPath::default();
    let fields = [("title", &raw.title), ("summary", &raw.summary)];
    placeholders(loaded, true, doc.file, &root, &fields, diagnostics);
    for (i, judgement) in raw.judgements.iter().enumerate() {
        let at = path!["judgements", i];
        let fields = [("text", &judgement.text)];
        placeholders(loaded, true, doc.file, &at, &fields, diagnostics);
    }
    for (i, source) in raw.sources.iter().enumerate() {
        let at = path!["sources", i];
        let fields = [("title", &source.title)];
        placeholders(loaded, true, doc.file, &at, &fields, diagnostics);
    }
    body_placeholder(
        loaded,
        true,
        doc.file,
        &doc.body,
        doc.body_line,
        diagnostics,
    );
}

fn claim_placeholders(loaded: &Loaded, decl: &ClaimDecl, diagnostics: &mut Vec<Diagnostic>) {
    let raw = decl.raw;
    let fields = [("text", &raw.text), ("quote", &raw.quote)];
    // An inline claim waits with its brief as a draft; a claim file cannot.
    let draftable = decl.brief.is_some();
    placeholders(
        loaded,
        draftable,
        decl.file,
        &decl.base,
        &fields,
        diagnostics,
    );
    if let Some((body, line)) = decl.body {
        for (i, source) in decl.sources.iter().enumerate() {
            let at = path!["sources", i];
            let fields = [("title", &source.title)];
            placeholders(loaded, false, decl.file, &at, &fields, diagnostics);
        }
        body_placeholder(loaded, false, decl.file, body, line, diagnostics);
    }
}
