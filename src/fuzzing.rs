//! Entry points for the fuzz targets of `tests/fuzz/` (cargo-fuzz, nightly)
//! and for `cargo test`'s replay of their corpus and its property tests:
//! each takes arbitrary input through a stage of the pipeline, in memory,
//! panics when a guarantee it can check breaks (a panic inside dossier, a
//! diagnostic placed outside its file, a Markdown problem outside its
//! source), and returns what was built, for the output invariants.
//!
//! Those (no event handler, no `style` attribute from content, no script
//! URL, no draft in a build without `--drafts`) need an HTML parser, which
//! the library does not depend on: they are checked by
//! `tests/testsuite/invariants.rs`, shared by the fuzz targets and the
//! test suite.

use crate::load::{self, SiteFiles};
use crate::markdown::{self, LinkTarget, Place};
use crate::render::OutputFile;
use crate::{render, resolve, urls, Diagnostic};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

const CONFIG: &[u8] = b"title: Fuzz desk\nbase_url: https://example.org/desk\n";
const ACTOR: &[u8] = b"---\nname: Kim Jong Un\nkind: person\n---\nProfile.\n";

/// What a build made: every output file, every diagnostic, and the site
/// paths of drafts (`briefs/<id>/`, `claims/<id>/`), which no page of a
/// build without `--drafts` may lead to.
#[derive(Debug, Default)]
pub struct Built {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub drafts: Vec<String>,
}

impl Built {
    /// A build with errors writes nothing.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One brief file of arbitrary bytes, beside one actor: load, resolve,
/// render.
pub fn one_brief(data: &[u8]) -> Built {
    let mut files = BTreeMap::new();
    files.insert("content/briefs/fuzz.md".to_string(), data.to_vec());
    files.insert("content/actors/kim.md".to_string(), ACTOR.to_vec());
    build(CONFIG, files)
}

/// A small site from arbitrary bytes: files split at NUL bytes (at most
/// eight), each put in a content folder chosen by its first byte.
pub fn site(data: &[u8]) -> Built {
    const FOLDERS: [&str; 6] = [
        "briefs",
        "actors",
        "claims",
        "measures",
        "pages",
        "briefs/sub",
    ];
    let mut files = BTreeMap::new();
    for (i, chunk) in data.split(|&b| b == 0).take(8).enumerate() {
        let Some((&first, rest)) = chunk.split_first() else {
            continue;
        };
        let folder = FOLDERS[first as usize % FOLDERS.len()];
        let name = format!("content/{folder}/f{}.md", i % 3);
        files.insert(name, rest.to_vec());
    }
    build(CONFIG, files)
}

/// A site of `files` (site-relative paths) with `config` as its
/// site.yaml, built in memory without `--drafts`, with the built-in
/// theme (compiled once per process).
pub fn build(config: &[u8], files: BTreeMap<String, Vec<u8>>) -> Built {
    let site_files = SiteFiles {
        config: config.to_vec(),
        files: files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect(),
        ..SiteFiles::default()
    };
    let (loaded, mut diagnostics) = load::parse(&site_files);
    let (site, more) = resolve::resolve(&loaded, &resolve::Options::default());
    diagnostics.extend(more);
    // Ids a published entity holds too (a draft may reuse one: an error,
    // but then the page is the published one's).
    let site_paths: std::collections::HashSet<String> = site
        .briefs
        .iter()
        .map(|b| urls::brief(&b.id))
        .chain(site.claims.iter().map(|c| urls::claim(&c.id)))
        .collect();
    // The built-in theme, compiled once per process: compiling it is most
    // of the time a small site takes to render.
    static THEME: OnceLock<render::theme::Templates> = OnceLock::new();
    let theme =
        THEME.get_or_init(|| render::theme::templates(&[]).expect("the built-in theme compiles"));
    let out = Mutex::new(Vec::new());
    let Ok(more) = render::render_each_with(theme, &site, &loaded.statics, &|file| {
        out.lock().unwrap().push(file);
        Ok::<(), std::convert::Infallible>(())
    });
    diagnostics.extend(more);
    for d in &diagnostics {
        if let Some(bytes) = site_files.files.get(&d.file) {
            assert_placed(d, bytes);
        }
    }
    let mut files = out.into_inner().unwrap();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // The published site holds no draft: name them from what was loaded
    // (a draft brief and the claims it declares), for the invariants.
    let drafts = loaded
        .briefs
        .iter()
        .filter(|doc| doc.raw.draft)
        .flat_map(|doc| {
            let claims = doc.raw.claims.iter().filter_map(|entry| match entry {
                crate::load::raw::RawClaimEntry::Declare(claim) => {
                    claim.id.as_ref().map(|id| urls::claim(&id.0))
                }
                crate::load::raw::RawClaimEntry::Cite(_) => None,
            });
            std::iter::once(urls::brief(&doc.stem)).chain(claims)
        })
        .filter(|path| !site_paths.contains(path))
        .collect();
    Built {
        files,
        diagnostics,
        drafts,
    }
}

/// A diagnostic points inside its file: a line of it, a column of that
/// line (or just past its end).
fn assert_placed(d: &Diagnostic, bytes: &[u8]) {
    if d.line == 0 {
        return; // about the whole file
    }
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        d.line <= lines.len(),
        "line {} of a {}-line file: {d:?}",
        d.line,
        lines.len()
    );
    let width = lines[d.line - 1].chars().count();
    assert!(
        d.col >= 1 && d.col <= width + 1,
        "column {} of a {width}-character line: {d:?}",
        d.col
    );
}

/// One rendering of Markdown: its HTML, and that HTML put through the
/// sanitizer (again, for a body with raw HTML). Markdown emits nothing the
/// allow-list drops, so both must have the same elements and attributes.
#[derive(Debug)]
pub struct Rendering {
    pub html: String,
    pub sanitized: String,
}

/// Markdown with `[[id]]` links as a body and as an inline field, at three
/// depths, portable or not: every problem and link lies inside the source,
/// on character boundaries. Returns every rendering.
pub fn markdown(text: &str) -> Vec<Rendering> {
    let lookup = |id: &str| -> Option<LinkTarget> {
        matches!(id, "kim" | "nis" | "a-b").then(|| LinkTarget {
            path: format!("/actors/{id}/"),
            text: format!("Actor <{id}>"),
        })
    };
    let mut out = Vec::new();
    for root in ["", "../", "../../"] {
        for portable in [false, true] {
            let place = Place { root, portable };
            let body = markdown::render_body(text, &lookup, place);
            let inline = markdown::render_inline(text, &lookup, place);
            for rendered in [&body, &inline] {
                let spans = rendered
                    .problems
                    .iter()
                    .map(|p| (p.offset, p.len))
                    .chain(rendered.links.iter().map(|l| (l.offset, l.len)));
                for (offset, len) in spans {
                    assert!(
                        offset + len <= text.len()
                            && text.is_char_boundary(offset)
                            && text.is_char_boundary(offset + len),
                        "span {offset}+{len} outside a {}-byte source",
                        text.len()
                    );
                }
            }
            for html in [body.html, inline.html] {
                let sanitized = markdown::sanitize(&html, place);
                out.push(Rendering { html, sanitized });
            }
        }
    }
    out
}
