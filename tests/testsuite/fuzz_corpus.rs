//! Replays the fuzz corpus of `tests/fuzz/` (and any crasher saved in its
//! `artifacts/`) through the same entry points the fuzz targets use, on
//! stable: what the fuzzer found stays fixed.

use crate::fixtures::repository;
use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut inputs = Vec::new();
    for folder in ["corpus", "artifacts"] {
        let dir = repository().join("tests/fuzz").join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                inputs.push((display(&path), std::fs::read(&path).unwrap()));
            }
        }
    }
    inputs.sort();
    inputs
}

fn display(path: &Path) -> String {
    path.strip_prefix(repository())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Runs every input of `target`, naming the one that panicked.
fn replay(target: &str, run: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no corpus for {target}");
    for (name, bytes) in &inputs {
        if std::panic::catch_unwind(|| run(bytes)).is_err() {
            panic!("{name} makes dossier panic");
        }
    }
}

#[test]
fn the_frontmatter_corpus_builds_without_panic() {
    replay("frontmatter", dossier::fuzzing::one_brief);
}

#[test]
fn the_markdown_corpus_renders_without_panic() {
    replay("markdown", |bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            dossier::fuzzing::markdown(text);
        }
    });
}

#[test]
fn the_site_corpus_builds_without_panic() {
    replay("site", dossier::fuzzing::site);
}
