//! Scaffolding: `dossier init` makes a new site that builds at once, and
//! `dossier new` writes one content file with every field commented, each
//! file's front matter naming its JSON Schema for editors (a modeline a
//! YAML language server reads); `dossier schema` writes those schemas.
//! `init` and `new` only ever create files and refuse to overwrite
//! anything; `schema` replaces only the schema files themselves. None
//! writes outside the site (or `--out`): no symbolic link on the way is
//! followed.

use crate::load::Kind;
use crate::render::theme;
use crate::resolve::declare::{
    is_reserved_page_id, is_valid_id, reserved_page_hint, static_top, suggest_id,
};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Why scaffolding did nothing (a usage error: exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// The refusal for a symbolic link found at `path` on the way to a file.
fn through_link(path: &Path) -> Refused {
    Refused(format!(
        "`{}` is a symbolic link: dossier writes nothing through one, so that it never writes outside the site; make it a real folder or file",
        path.display()
    ))
}

/// The refusal for a file that is already there (`path`).
fn exists(path: &Path) -> Refused {
    Refused(format!(
        "`{}` already exists: dossier never overwrites a file",
        path.display()
    ))
}

/// The plain names of `rel` (a relative path made by scaffolding).
fn names(rel: &Path) -> Vec<&std::ffi::OsStr> {
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect()
}

/// Checks, without writing, that `rel` can be created under `root`: every
/// folder on the way is missing or a real folder (not a symbolic link),
/// and nothing is at the file's place (not even a dangling link). The
/// root itself may be reached through a link.
fn check_free(root: &Path, rel: &Path) -> Result<(), Refused> {
    let names = names(rel);
    let mut path = root.to_path_buf();
    for (i, name) in names.iter().enumerate() {
        path.push(name);
        let last = i + 1 == names.len();
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Refused(format!("cannot read `{}`: {e}", path.display()))),
            Ok(meta) if meta.file_type().is_symlink() => return Err(through_link(&path)),
            Ok(_) if last => return Err(exists(&path)),
            Ok(meta) if !meta.is_dir() => {
                return Err(Refused(format!("`{}` is not a folder", path.display())))
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Creates `rel` under `root` with `text`, making the folders on the way.
/// Never writes outside `root`: a symbolic link on the way (a folder, or
/// the file's place, even a dangling link) is refused, and on Linux each
/// folder is opened without following links, relative to the one before,
/// so a link swapped in meanwhile is refused too. The file is created
/// exclusively (`O_EXCL`): an existing file is never overwritten.
fn create(root: &Path, rel: &Path, text: &[u8]) -> Result<(), Refused> {
    check_free(root, rel)?;
    let mut file = open_new(root, rel)?;
    let path = root.join(rel);
    io::Write::write_all(&mut file, text)
        .map_err(|e| Refused(format!("cannot write `{}`: {e}", path.display())))
}

#[cfg(target_os = "linux")]
fn open_new(root: &Path, rel: &Path) -> Result<fs::File, Refused> {
    use rustix::fs::{mkdirat, openat, statat, AtFlags, FileType, Mode, OFlags, CWD};
    use rustix::io::Errno;
    let cannot = |path: &Path, e: Errno| {
        Refused(format!(
            "cannot create `{}`: {}",
            path.display(),
            io::Error::from(e)
        ))
    };
    let folder = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    // The root is opened following links: it may be given through one.
    let mut dir = openat(CWD, root, folder, Mode::empty()).map_err(|e| cannot(root, e))?;
    let names = names(rel);
    let (file_name, folders) = names
        .split_last()
        .ok_or_else(|| Refused("nothing to create".into()))?;
    let mut path = root.to_path_buf();
    let is_link = |dir: &rustix::fd::OwnedFd, name: &std::ffi::OsStr| {
        statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
            .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink)
    };
    for name in folders {
        path.push(name);
        let open = |dir: &rustix::fd::OwnedFd| {
            openat(dir, *name, folder | OFlags::NOFOLLOW, Mode::empty())
        };
        let next = match open(&dir) {
            Err(Errno::NOENT) => match mkdirat(&dir, *name, Mode::from_raw_mode(0o777)) {
                Ok(()) | Err(Errno::EXIST) => open(&dir),
                Err(e) => Err(e),
            },
            other => other,
        };
        dir = match next {
            Ok(next) => next,
            Err(Errno::LOOP | Errno::NOTDIR) if is_link(&dir, name) => {
                return Err(through_link(&path))
            }
            Err(Errno::NOTDIR) => {
                return Err(Refused(format!("`{}` is not a folder", path.display())))
            }
            Err(e) => return Err(cannot(&path, e)),
        };
    }
    path.push(file_name);
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    match openat(&dir, *file_name, flags, Mode::from_raw_mode(0o666)) {
        Ok(fd) => Ok(fs::File::from(fd)),
        Err(Errno::EXIST) if is_link(&dir, file_name) => Err(through_link(&path)),
        Err(Errno::EXIST) => Err(exists(&path)),
        Err(e) => Err(cannot(&path, e)),
    }
}

/// Elsewhere: the folders were checked by `check_free`; `create_new` is
/// `O_EXCL`, which follows no link at the file's place.
#[cfg(not(target_os = "linux"))]
fn open_new(root: &Path, rel: &Path) -> Result<fs::File, Refused> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| Refused(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    check_free(root, rel)?;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => exists(&path),
            _ => Refused(format!("cannot create `{}`: {e}", path.display())),
        })
}

/// The folder of a site where `dossier init`, `dossier new` and
/// `dossier schema` put the JSON Schemas of its files.
pub const SCHEMAS: &str = "schemas";

/// The comment that tells a YAML language server the schema of a content
/// file of `kind` (at `content/<kind>/<id>.md`, two folders below the
/// root), or of site.yaml.
pub fn modeline(kind: Option<Kind>) -> String {
    let up = if kind.is_some() { "../../" } else { "" };
    format!(
        "# yaml-language-server: $schema={up}{SCHEMAS}/{}\n",
        crate::schema::file_name(kind)
    )
}

/// The schemas as `dossier schema` writes them: (file name, bytes).
fn schema_files() -> Vec<(String, Vec<u8>)> {
    crate::schema::all()
        .into_iter()
        .map(|(name, value)| {
            let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
            bytes.push(b'\n');
            (name, bytes)
        })
        .collect()
}

/// Writes the JSON Schemas of site.yaml and of each content kind into
/// `out`, or into the site's `schemas/` folder, replacing those files
/// (and nothing else: only the schemas' own names are written). In the
/// site, as everywhere scaffolding writes, no symbolic link on the way is
/// followed. Returns the files written.
pub fn schemas(root: &Path, out: Option<&Path>) -> Result<Vec<PathBuf>, Refused> {
    let (base, folder) = match out {
        Some(out) => {
            fs::create_dir_all(out)
                .map_err(|e| Refused(format!("cannot create `{}`: {e}", out.display())))?;
            (out.to_path_buf(), PathBuf::new())
        }
        None => {
            if !root.join("site.yaml").is_file() {
                return Err(Refused(format!(
                    "no site.yaml in `{}`: run dossier schema in a site's folder, pass --root DIR, or --out DIR",
                    root.display()
                )));
            }
            (root.to_path_buf(), PathBuf::from(SCHEMAS))
        }
    };
    let mut written = Vec::new();
    for (name, bytes) in schema_files() {
        let rel = folder.join(&name);
        replace(&base, &rel, &bytes)?;
        written.push(base.join(rel));
    }
    Ok(written)
}

/// Creates or replaces `rel` under `root`: written whole to a new
/// temporary file beside it (exclusively, no link followed), then renamed
/// over it, so a reader never sees half a file and a symbolic link at the
/// file's place is replaced, never written through.
fn replace(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Refused> {
    let name = rel
        .file_name()
        .ok_or_else(|| Refused("nothing to write".into()))?;
    let temp = rel.with_file_name(format!(
        ".{}.dossier-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    create(root, &temp, bytes)?;
    fs::rename(root.join(&temp), root.join(rel)).map_err(|e| {
        let _ = fs::remove_file(root.join(&temp));
        Refused(format!("cannot write `{}`: {e}", root.join(rel).display()))
    })
}

/// The schema of `kind` (site.yaml's for `None`) as a file of the site's
/// `schemas/` folder, unless something is at its place already.
fn missing_schema(root: &Path, kind: Option<Kind>) -> Option<(PathBuf, Vec<u8>)> {
    let name = crate::schema::file_name(kind);
    let rel = Path::new(SCHEMAS).join(&name);
    if fs::symlink_metadata(root.join(&rel)).is_ok() {
        return None;
    }
    let bytes = schema_files().into_iter().find(|(n, _)| *n == name)?.1;
    Some((rel, bytes))
}

/// The sentences `dossier new` writes for the author to replace, in the
/// fields a reader sees (titles, summary, judgement and claim text,
/// quotes, roles, bodies), commented-out lines included. A published file
/// that still holds one gets a warning (see [`find_placeholder`]); the
/// templates below are made of them, and a test checks that each one's
/// every prose line is one of them.
pub const PLACEHOLDERS: &[&str] = &[
    "A title that says what happened",
    "The analysis, in Markdown.",
    "Link anything by its id, as in `[[an-id]]`.",
    "One sentence, the claim, without a verdict.",
    "The discussion of the claim, shown on its page.",
    "A short profile of this actor, in Markdown.",
    "What is counted, and the caveats.",
    "The page, in Markdown.",
    "What the source is",
    "The claimant's words, verbatim",
    "A short description",
    "The desk's account of the incident, in Markdown.",
];

/// A placeholder of [`PLACEHOLDERS`] found in `text`: the byte range of
/// its words in `text`, and the placeholder. Found as a run of words,
/// whatever the case, line breaks and spacing between them, the
/// punctuation around them, or the text before and after: "A title that
/// says what happened in Kursk" still holds one. A value that is only an
/// ellipsis (`...`, what the commented summary and judgement lines hold)
/// is one too.
pub fn find_placeholder(text: &str) -> Option<(std::ops::Range<usize>, &'static str)> {
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed.chars().all(|c| c == '.' || c == '…') {
        let start = text.len() - text.trim_start().len();
        return Some((start..start + trimmed.len(), "..."));
    }
    // Every text of a site passes here, and almost none holds a
    // placeholder: a placeholder's longest word must appear in the text
    // before its words are compared one by one. ASCII text is searched
    // for all of them in one pass, whatever its case; other text is
    // lowercased first (a lowercased `K`, the kelvin sign, is a `k`).
    let candidates: Vec<&(&str, Vec<String>, String)> = if text.is_ascii() {
        let mut found = [false; PLACEHOLDERS.len()];
        for hit in LONGEST_WORDS.find_overlapping_iter(text) {
            found[hit.pattern().as_usize()] = true;
        }
        PLACEHOLDER_WORDS
            .iter()
            .zip(found)
            .filter_map(|(placeholder, found)| found.then_some(placeholder))
            .collect()
    } else {
        let lowered = text.to_lowercase();
        PLACEHOLDER_WORDS
            .iter()
            .filter(|(_, _, longest)| lowered.contains(longest.as_str()))
            .collect()
    };
    if candidates.is_empty() {
        return None;
    }
    let words = words(text);
    candidates.into_iter().find_map(|(placeholder, wanted, _)| {
        words
            .windows(wanted.len())
            .find(|run| run.iter().map(|(w, _)| w).eq(wanted.iter()))
            .map(|run| (run[0].1.start..run[run.len() - 1].1.end, *placeholder))
    })
}

/// The longest word of each placeholder, in the order of [`PLACEHOLDERS`],
/// found in ASCII text whatever its case.
static LONGEST_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(PLACEHOLDER_WORDS.iter().map(|(_, _, longest)| longest))
            .expect("a dozen short words make an automaton")
    });

/// Each placeholder of [`PLACEHOLDERS`] with its words and its longest word.
static PLACEHOLDER_WORDS: std::sync::LazyLock<Vec<(&str, Vec<String>, String)>> =
    std::sync::LazyLock::new(|| {
        PLACEHOLDERS
            .iter()
            .map(|placeholder| {
                let wanted = words_of(placeholder);
                let longest = wanted
                    .iter()
                    .max_by_key(|w| w.len())
                    .cloned()
                    .unwrap_or_default();
                (*placeholder, wanted, longest)
            })
            .collect()
    });

/// The words of `text`, compared as [`find_placeholder`] compares them:
/// lowercase, without the punctuation around them; with their byte ranges.
fn words(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split_whitespace() {
        let start = at + text[at..].find(piece).unwrap_or(0);
        at = start + piece.len();
        let word = piece
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !word.is_empty() {
            out.push((word, start..at));
        }
    }
    out
}

fn words_of(text: &str) -> Vec<String> {
    words(text).into_iter().map(|(word, _)| word).collect()
}

fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// Makes a site in `dir`: site.yaml, a brief with an inline claim, two
/// actors and a claim file; with `eject_theme`, the built-in templates/ and
/// static/ too. Returns the files written.
pub fn init(dir: &Path, eject_theme: bool) -> Result<Vec<PathBuf>, Refused> {
    let present = |name: &str| fs::symlink_metadata(dir.join(name)).is_ok();
    if present("site.yaml") {
        return Err(Refused(format!(
            "`{}` already holds a site (site.yaml): dossier init never overwrites one",
            dir.display()
        )));
    }
    if present("content") {
        return Err(Refused(format!(
            "`{}` already has a content/ folder: run dossier init in a new or empty folder",
            dir.display()
        )));
    }
    let date = today();
    let with_modeline = |kind: Kind, text: String| with_modeline(kind, &text).into_bytes();
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            PathBuf::from("site.yaml"),
            format!("{}{SITE}", modeline(None)).into_bytes(),
        ),
        (
            PathBuf::from("content/briefs/first-brief.md"),
            with_modeline(Kind::Brief, FIRST_BRIEF.replace("DATE", &date)),
        ),
        (
            PathBuf::from("content/actors/example-agency.md"),
            with_modeline(Kind::Actor, AGENCY.to_string()),
        ),
        (
            PathBuf::from("content/actors/example-state.md"),
            with_modeline(Kind::Actor, STATE.to_string()),
        ),
        (
            PathBuf::from("content/claims/example-figure.md"),
            with_modeline(Kind::Claim, CLAIM_FILE.replace("DATE", &date)),
        ),
    ];
    for (name, bytes) in schema_files() {
        files.push((Path::new(SCHEMAS).join(name), bytes));
    }
    if eject_theme {
        for (name, source) in theme::TEMPLATES {
            files.push((
                Path::new("templates").join(name),
                source.as_bytes().to_vec(),
            ));
        }
        for (name, bytes) in theme::STATIC {
            files.push((Path::new("static").join(name), bytes.to_vec()));
        }
    }
    // Check everything first, so a refusal leaves nothing half made.
    for (rel, _) in &files {
        check_free(dir, rel)?;
    }
    fs::create_dir_all(dir)
        .map_err(|e| Refused(format!("cannot create `{}`: {e}", dir.display())))?;
    for (rel, text) in &files {
        create(dir, rel, text)?;
    }
    Ok(files.into_iter().map(|(rel, _)| dir.join(rel)).collect())
}

/// Writes a new `kind` file named `id` in the site at `root`, every field
/// commented. Returns its path. Refuses any id the next build would
/// refuse (invalid, taken by any kind, a page id on a reserved path), and
/// a symbolic link anywhere under the root on the way to the file.
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
    if matches!(kind, Kind::Page) {
        let statics = site_static(root);
        if is_reserved_page_id(id, &static_top(statics.iter().map(String::as_str))) {
            return Err(Refused(format!(
                "page id `{id}` is a reserved path of the site, so the next build would refuse it: {}",
                reserved_page_hint()
            )));
        }
    }
    let rel = Path::new("content")
        .join(kind.folder())
        .join(format!("{id}.md"));
    // Ids are unique across kinds: look for the id in every content folder.
    for other in Kind::ALL {
        let existing = find(&root.join("content").join(other.folder()), id);
        if let Some(path) = existing {
            return Err(Refused(format!("the id `{id}` is taken by `{}`: ids are unique across briefs, actors, claims, measures, incidents and pages", path.display())));
        }
    }
    check_free(root, &rel)?;
    let actor = first_actor(root).unwrap_or_else(|| "an-actor-id".to_string());
    let text = match kind {
        Kind::Brief => NEW_BRIEF.replace("DATE", &today()),
        Kind::Actor => NEW_ACTOR.replace("NAME", &title_of(id)),
        Kind::Claim => NEW_CLAIM.replace("DATE", &today()).replace("ACTOR", &actor),
        Kind::Measure => NEW_MEASURE.replace("NAME", &title_of(id)),
        Kind::Page => NEW_PAGE.replace("NAME", &title_of(id)),
        Kind::Incident => NEW_INCIDENT.replace("DATE", &today()),
    };
    // The schema the modeline names, unless the site has it already:
    // checked first, so that a refusal leaves nothing half made.
    let schema = missing_schema(root, Some(kind));
    if let Some((rel, _)) = &schema {
        check_free(root, rel)?;
    }
    create(root, &rel, with_modeline(kind, &text).as_bytes())?;
    if let Some((rel, bytes)) = schema {
        create(root, &rel, &bytes)?;
    }
    Ok(root.join(rel))
}

/// The files of the site's static/ as the build publishes them (paths
/// under static/; links are not followed, as the build follows none).
fn site_static(root: &Path) -> Vec<String> {
    let dir = root.join("static");
    walkdir::WalkDir::new(&dir)
        .follow_root_links(false)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// The file `ID.md` anywhere under `dir` (links are not followed, and
/// are no files: the build reads none).
fn find(dir: &Path, id: &str) -> Option<PathBuf> {
    let name = format!("{id}.md");
    walkdir::WalkDir::new(dir)
        .follow_root_links(false)
        .into_iter()
        .flatten()
        .find(|e| e.file_type().is_file() && e.file_name().to_str() == Some(name.as_str()))
        .map(|e| e.into_path())
}

/// The first actor id of the site, for a new claim's claimant.
fn first_actor(root: &Path) -> Option<String> {
    walkdir::WalkDir::new(root.join("content/actors"))
        .follow_root_links(false)
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

/// A content file's text with the modeline of `kind` as its front
/// matter's first line.
fn with_modeline(kind: Kind, text: &str) -> String {
    match text.strip_prefix("---\n") {
        Some(rest) => format!("---\n{}{rest}", modeline(Some(kind))),
        None => text.to_string(),
    }
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
    type: official-statement
    access: direct
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
# updated: YYYY-MM-DD               # last substantive change (default: the last of `changes`)
# changes:                          # what changed after publication, and when
#   - {date: YYYY-MM-DD, note: What changed, kind: update}   # or kind: correction
# as_of: YYYY-MM-DD                 # information cut-off
# summary: >-                       # the bottom line: two or three sentences
#   ...
# judgements:                       # three to five key judgements
#   - text: ...
#     likelihood: likely            # almost no chance, very unlikely, unlikely, roughly even chance,
#                                   # likely, very likely, almost certain
#     confidence: moderate          # low, moderate, high
#     claims: [a-claim-id]          # the claims it rests on
#     against: [a-claim-id]         # the claims that cut against it
# tags: [A tag, Another]
# actors: [an-actor-id]             # relevant actors not otherwise named
# authors: [A. Analyst]
# sources:
#   - {id: a-source, title: What the source is, publisher: an-actor-id, url: https://..., date: YYYY-MM-DD, reliability: B}
#     # what it is and how it knows: type: official-statement, press-conference, document,
#     # court-record, media-report, social-media, interview, imagery, tracking-data,
#     # sensor-data, other; access: direct, indirect, unknown; archive: https://... (a copy);
#     # retrieved: YYYY-MM-DD; language: fi; translation: desk; anonymous: true (the title
#     # then describes the source: a senior official)
#   - {id: b-source, title: a senior official, anonymous: true, type: interview, access: indirect}
# claims:                           # claims declared here, or ids of claims declared elsewhere
#   - id: a-claim-id
#     text: One sentence, the claim, without a verdict.
#     by: an-actor-id               # who made it
#     via: [an-actor-id]            # who relayed it
#     about: [an-actor-id]
#     said: YYYY-MM-DD
#     source: a-source
#     status: reported              # the desk's verdict: reported, corroborated, confirmed, disputed,
#                                   # misleading, false, retracted, superseded
#     responses:                    # what other actors said of it (a denial is a response)
#       - {by: an-actor-id, stance: denies, said: YYYY-MM-DD}
#     credibility: 3                # 1 (confirmed) to 6 (cannot be judged)
#     figure: {value: 1000, unit: people, qualifier: about}
#     measure: a-measure-id         # declared in content/measures/
# draft: true                       # keep out of the site until ready
---
## Assessment

The analysis, in Markdown. Link anything by its id, as in `[[an-id]]`.
";

const NEW_ACTOR: &str = "\
---
name: NAME                          # required
# name_lang: ko                     # the name's language, if not the site's
kind: other                         # required: person, state, government, agency, military,
                                    # group, organization, company, media, vessel, aircraft,
                                    # infrastructure, other
# role: A short description
# part_of: an-actor-id              # the body it belongs to (the same as a member-of relation)
# identifiers:                      # checked: imo (7 digits, check digit), mmsi (9 digits), flag
#   imo: 9329760                    # (ISO 3166 code: FI), icao24 (6 hex digits), wikidata (Q...);
#   mmsi: 518998000                 # callsign and any other scheme as written
#   flag: CK
# relations:                        # shown on both actors' pages: owns, operates, flag-state,
#   - {type: owns, to: an-actor-id, from: YYYY-MM, until: YYYY-MM, source: a-source}
#                                   # spokesperson-for, member-of, commands, funds, employs,
#                                   # subsidiary-of
# sources:                          # named by the relations' `source`
#   - {id: a-source, title: What the source is, type: document, url: https://...}
# reliability: B                    # A to F, as a source
# aliases:
#   - Another name
#   - {name: 이름, lang: ko}
# same_as: [https://www.wikidata.org/wiki/Q...]
# links:
#   - {title: Official site, url: https://...}
---
A short profile of this actor, in Markdown.
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
#   - {id: a-source, title: What the source is, publisher: an-actor-id, url: https://...,
#      type: press-conference, access: direct, archive: https://..., language: fi, translation: desk}
# source: a-source
# status: reported                  # the desk's verdict: reported, corroborated, confirmed, disputed,
#                                   # misleading, false, retracted, superseded
# responses:                        # what other actors said of it (a denial is a response):
#   - {by: an-actor-id, stance: denies, said: YYYY-MM-DD}   # confirms, denies, disputes,
#                                   # acknowledges, declines-to-comment
# credibility: 3                    # 1 (confirmed) to 6 (cannot be judged)
# confidence: moderate              # low, moderate, high
# quote: The claimant's words, verbatim
# quote_lang: ko
# figure: {value: 1000, unit: people, qualifier: about, as_of: YYYY-MM, wording: some thousand}
# measure: a-measure-id             # declared in content/measures/
# supports: [a-claim-id]
# contradicts: [a-claim-id]
# supersedes: [a-claim-id]
---
The discussion of the claim, shown on its page.
";

const NEW_MEASURE: &str = "\
---
name: NAME                          # required
unit: people                        # required: what one figure counts; every figure of it is in this unit
---
What is counted, and the caveats.
";

const NEW_INCIDENT: &str = "\
---
title: A title that says what happened   # required
when: DATE                          # required: YYYY, YYYY-MM, YYYY-MM-DD, a time with its zone
                                    # (2024-12-25T12:26+02:00) or {from, to}
where:                              # required
  place: A short description        # required: the name readers know
  # lat: 59.4                       # WGS 84 decimal degrees
  # lon: 24.7
  # precision: approximate          # exact, approximate, area, region or country
  # track: [[59.40, 24.70], [59.45, 24.90]]
  # area: [[59.4, 24.7], [59.5, 24.9], [59.3, 24.9]]
# kind: cable damage
# actors: [an-actor-id]
---
The desk's account of the incident, in Markdown.
";

const NEW_PAGE: &str = "\
---
title: NAME                         # required
---
The page, in Markdown.
";

#[cfg(test)]
mod tests;
