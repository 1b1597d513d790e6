//! Scaffolding: `dossier init` makes a new site that builds at once, and
//! `dossier new` writes one content file with every field commented. Both
//! only ever create files; they refuse to overwrite anything.

use crate::load::Kind;
use crate::render::theme;
use crate::resolve::declare::{is_valid_id, suggest_id};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why scaffolding did nothing (a usage error: exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

fn create(path: &Path, text: &[u8]) -> Result<(), Refused> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| Refused(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Refused(format!(
                "`{}` already exists: dossier never overwrites a file",
                path.display()
            )),
            _ => Refused(format!("cannot create `{}`: {e}", path.display())),
        })?;
    io::Write::write_all(&mut file, text)
        .map_err(|e| Refused(format!("cannot write `{}`: {e}", path.display())))
}

fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// Makes a site in `dir`: site.yaml, a brief with an inline claim, two
/// actors and a claim file; with `eject_theme`, the built-in templates/ and
/// static/ too. Returns the files written.
pub fn init(dir: &Path, eject_theme: bool) -> Result<Vec<PathBuf>, Refused> {
    if dir.join("site.yaml").exists() {
        return Err(Refused(format!(
            "`{}` already holds a site (site.yaml): dossier init never overwrites one",
            dir.display()
        )));
    }
    if dir.join("content").exists() {
        return Err(Refused(format!(
            "`{}` already has a content/ folder: run dossier init in a new or empty folder",
            dir.display()
        )));
    }
    let date = today();
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (dir.join("site.yaml"), SITE.as_bytes().to_vec()),
        (
            dir.join("content/briefs/first-brief.md"),
            FIRST_BRIEF.replace("DATE", &date).into_bytes(),
        ),
        (
            dir.join("content/actors/example-agency.md"),
            AGENCY.as_bytes().to_vec(),
        ),
        (
            dir.join("content/actors/example-state.md"),
            STATE.as_bytes().to_vec(),
        ),
        (
            dir.join("content/claims/example-figure.md"),
            CLAIM_FILE.replace("DATE", &date).into_bytes(),
        ),
    ];
    if eject_theme {
        for (name, source) in theme::TEMPLATES {
            files.push((dir.join("templates").join(name), source.as_bytes().to_vec()));
        }
        for (name, bytes) in theme::STATIC {
            files.push((dir.join("static").join(name), bytes.to_vec()));
        }
    }
    // Check everything first, so a refusal leaves nothing half made.
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(Refused(format!(
            "`{}` already exists: dossier never overwrites a file",
            path.display()
        )));
    }
    for (path, text) in &files {
        create(path, text)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Writes a new `kind` file named `id` in the site at `root`, every field
/// commented. Returns its path.
pub fn new(root: &Path, kind: Kind, id: &str) -> Result<PathBuf, Refused> {
    if !is_valid_id(id) {
        let suggestion = suggest_id(id);
        let hint = if suggestion.is_empty() {
            String::new()
        } else {
            format!(", e.g. `{suggestion}`")
        };
        return Err(Refused(format!(
            "invalid id `{id}`: ids are lowercase letters, digits and single hyphens, at most 100 characters{hint}"
        )));
    }
    if !root.join("site.yaml").is_file() {
        return Err(Refused(format!(
            "no site.yaml in `{}`: run dossier new in a site's folder, or pass --root DIR",
            root.display()
        )));
    }
    // Ids are unique across kinds: look for the id in every content folder.
    for other in Kind::ALL {
        let existing = find(&root.join("content").join(other.folder()), id);
        if let Some(path) = existing {
            return Err(Refused(format!("the id `{id}` is taken by `{}`: ids are unique across briefs, actors, claims, measures and pages", path.display())));
        }
    }
    let path = root
        .join("content")
        .join(kind.folder())
        .join(format!("{id}.md"));
    let actor = first_actor(root).unwrap_or_else(|| "an-actor-id".to_string());
    let text = match kind {
        Kind::Brief => NEW_BRIEF.replace("DATE", &today()),
        Kind::Actor => NEW_ACTOR.replace("NAME", &title_of(id)),
        Kind::Claim => NEW_CLAIM.replace("DATE", &today()).replace("ACTOR", &actor),
        Kind::Measure => NEW_MEASURE.replace("NAME", &title_of(id)),
        Kind::Page => NEW_PAGE.replace("NAME", &title_of(id)),
    };
    create(&path, text.as_bytes())?;
    Ok(path)
}

/// `ID.md` anywhere under `dir`.
fn find(dir: &Path, id: &str) -> Option<PathBuf> {
    let name = format!("{id}.md");
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .find(|e| e.file_name().to_str() == Some(name.as_str()))
        .map(|e| e.into_path())
}

/// The first actor id of the site, for a new claim's claimant.
fn first_actor(root: &Path) -> Option<String> {
    walkdir::WalkDir::new(root.join("content/actors"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".md"))
                .map(str::to_string)
        })
        .find(|id| is_valid_id(id))
}

/// "dprk-troops" → "Dprk troops".
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or(words)
}

const SITE: &str = "\
title: My briefing desk
description: Sourced, graded briefings.
language: en
# author: The desk's name
# base_url: https://example.org/briefings/   # needed for feeds, sitemap and canonical links
";

const FIRST_BRIEF: &str = "\
---
title: A first brief
date: DATE
summary: >-
  The bottom line, in two or three sentences. [[example-agency]] says the
  figure is about 1,000; nobody has confirmed it yet.
judgements:
  - text: The figure is likely of the right order of magnitude.
    likelihood: likely
    confidence: moderate
    claims: [example-count]
tags: [Example]
sources:
  - id: agency-statement
    title: Statement by the agency
    publisher: example-agency
    date: DATE
claims:
  - id: example-count
    text: About 1,000 people were involved.
    by: example-agency
    about: [example-state]
    source: agency-statement
    status: reported
    credibility: 3
    figure: {value: 1000, unit: people, qualifier: about}
  - example-figure
---
## Assessment

Write the analysis here, in Markdown. Link anything on the site by its id:
[[example-state]], [[example-count]], or [[example-agency|with your own words]].
";

const AGENCY: &str = "\
---
name: Example Agency
kind: agency
role: The agency whose statements the desk follows
part_of: example-state
reliability: B
---
A short profile of the agency.
";

const STATE: &str = "\
---
name: Example State
kind: state
aliases:
  - Exampleland
---
A short profile of the state.
";

const CLAIM_FILE: &str = "\
---
text: The agency's figure is disputed by independent observers.
by: example-agency
said: DATE
status: disputed
sources:
  - {id: report, title: An independent report}
source: report
---
A claim file holds a claim that needs a discussion of its own: this text
is shown on the claim's page.
";

const NEW_BRIEF: &str = "\
---
title: A title that says what happened   # required
date: DATE                          # required: publication date, YYYY-MM-DD
# updated: YYYY-MM-DD               # last substantive change
# as_of: YYYY-MM-DD                 # information cut-off
# summary: >-                       # the bottom line: two or three sentences
#   ...
# judgements:                       # three to five key judgements
#   - text: ...
#     likelihood: likely            # almost no chance, very unlikely, unlikely, roughly even chance,
#                                   # likely, very likely, almost certain
#     confidence: moderate          # low, moderate, high
#     claims: [a-claim-id]
# tags: [A tag, Another]
# actors: [an-actor-id]             # relevant actors not otherwise named
# authors: [A. Analyst]
# sources:
#   - {id: a-source, title: What the source is, publisher: an-actor-id, url: https://..., date: YYYY-MM-DD, reliability: B}
# claims:                           # claims declared here, or ids of claims declared elsewhere
#   - id: a-claim-id
#     text: One sentence, the claim, without a verdict.
#     by: an-actor-id               # who made it
#     via: [an-actor-id]            # who relayed it
#     about: [an-actor-id]
#     said: YYYY-MM-DD
#     source: a-source
#     status: reported              # reported, corroborated, confirmed, disputed, denied, retracted, superseded
#     credibility: 3                # 1 (confirmed) to 6 (cannot be judged)
#     figure: {value: 1000, unit: people, qualifier: about}
#     measure: a-measure-id
# draft: true                       # keep out of the site until ready
---
## Assessment

The analysis, in Markdown. Link anything by its id, as in `[[an-id]]`.
";

const NEW_ACTOR: &str = "\
---
name: NAME                          # required
kind: other                         # required: person, state, government, agency, military,
                                    # group, organization, company, media, other
# role: A short description
# part_of: an-actor-id              # the body it belongs to
# reliability: B                    # A to F, as a source
# aliases:
#   - Another name
#   - {name: 이름, lang: ko}
# same_as: [https://www.wikidata.org/wiki/Q...]
# links:
#   - {title: Official site, url: https://...}
---
A short profile.
";

const NEW_CLAIM: &str = "\
---
text: One sentence, the claim, without a verdict.   # required
by: ACTOR                           # required: who made the claim (an actor id)
said: DATE                          # when it was made
# via: [an-actor-id]                # who relayed it to the public
# about: [an-actor-id]
# when: YYYY-MM                     # or {from: YYYY-MM, to: YYYY-MM}: the event it describes
# sources:
#   - {id: a-source, title: What the source is, publisher: an-actor-id, url: https://...}
# source: a-source
# status: reported                  # reported, corroborated, confirmed, disputed, denied, retracted, superseded
# credibility: 3                    # 1 (confirmed) to 6 (cannot be judged)
# confidence: moderate              # low, moderate, high
# quote: The claimant's words, verbatim
# quote_lang: ko
# figure: {value: 1000, unit: people, qualifier: about, as_of: YYYY-MM}
# measure: a-measure-id
# supports: [a-claim-id]
# contradicts: [a-claim-id]
# supersedes: [a-claim-id]
---
The discussion of the claim, shown on its page.
";

const NEW_MEASURE: &str = "\
---
name: NAME
# unit: people
---
What is counted, and the caveats.
";

const NEW_PAGE: &str = "\
---
title: NAME                         # required
---
The page, in Markdown.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_titles() {
        assert_eq!(title_of("dprk-troops"), "Dprk troops");
    }
}
