//! Entry points for the fuzz targets of `tests/fuzz/` (cargo-fuzz, nightly)
//! and for `cargo test`'s replay of their corpus: each takes arbitrary
//! input through a stage of the pipeline, in memory, and panics only when
//! a guarantee breaks (a panic inside dossier, or a diagnostic placed
//! outside its file).

use crate::load::{self, SiteFiles};
use crate::markdown::{self, LinkTarget, Place};
use crate::{render, resolve, Diagnostic};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

const CONFIG: &[u8] = b"title: Fuzz desk\n";
const ACTOR: &[u8] = b"---\nname: Kim Jong Un\nkind: person\n---\nProfile.\n";

/// One brief file of arbitrary bytes, beside one actor: load, resolve,
/// render.
pub fn one_brief(data: &[u8]) {
    let mut files = BTreeMap::new();
    files.insert(
        "content/briefs/fuzz.md".to_string(),
        Arc::new(data.to_vec()),
    );
    files.insert(
        "content/actors/kim.md".to_string(),
        Arc::new(ACTOR.to_vec()),
    );
    build(files);
}

/// A small site from arbitrary bytes: files split at NUL bytes (at most
/// eight), each put in a content folder chosen by its first byte.
pub fn site(data: &[u8]) {
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
        files.insert(name, Arc::new(rest.to_vec()));
    }
    build(files);
}

fn build(files: BTreeMap<String, Arc<Vec<u8>>>) {
    let site_files = SiteFiles {
        config: CONFIG.to_vec(),
        files,
        ..SiteFiles::default()
    };
    let (loaded, mut diagnostics) = load::parse(&site_files);
    let (site, more) = resolve::resolve(&loaded, &resolve::Options::default());
    diagnostics.extend(more);
    // The built-in theme, compiled once per process: compiling it is most
    // of the time a small site takes to render.
    static THEME: OnceLock<render::theme::Templates> = OnceLock::new();
    let theme =
        THEME.get_or_init(|| render::theme::templates(&[]).expect("the built-in theme compiles"));
    let Ok(more) = render::render_each_with(theme, &site, &loaded.statics, &|_| {
        Ok::<(), std::convert::Infallible>(())
    });
    diagnostics.extend(more);
    for d in &diagnostics {
        if let Some(bytes) = site_files.files.get(&d.file) {
            assert_placed(d, bytes);
        }
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

/// Markdown with `[[id]]` links as a body and as an inline field, at three
/// depths, portable or not: every problem and link lies inside the source,
/// on character boundaries.
pub fn markdown(text: &str) {
    let lookup = |id: &str| -> Option<LinkTarget> {
        matches!(id, "kim" | "nis" | "a-b").then(|| LinkTarget {
            path: format!("/actors/{id}/"),
            text: format!("Actor <{id}>"),
        })
    };
    for root in ["", "../", "../../"] {
        for portable in [false, true] {
            let place = Place { root, portable };
            for rendered in [
                markdown::render_body(text, &lookup, place),
                markdown::render_inline(text, &lookup, place),
            ] {
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
        }
    }
}
