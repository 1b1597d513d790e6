//! Replays the fuzz corpus of `tests/fuzz/` (and any crasher saved in its
//! `artifacts/`) through the same entry points the fuzz targets use, on
//! stable: what the fuzzer found stays fixed, and every page built from
//! it holds the output invariants of `invariants.rs`.

use crate::fixtures::repository;
use crate::invariants::{check_output_invariants, check_rendering};
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

/// Runs every input of `target`, naming the one that panicked or broke an
/// output invariant.
fn replay(target: &str, run: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no corpus for {target}");
    for (name, bytes) in &inputs {
        if let Err(panic) = std::panic::catch_unwind(|| run(bytes)) {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("");
            panic!("{name} makes dossier panic or breaks an invariant: {message}");
        }
    }
}

#[test]
fn the_frontmatter_corpus_builds_without_panic() {
    replay("frontmatter", |bytes| {
        check_output_invariants(&dossier::fuzzing::one_brief(bytes))
    });
}

#[test]
fn the_markdown_corpus_renders_without_panic() {
    replay("markdown", |bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            for rendering in dossier::fuzzing::markdown(text) {
                check_rendering(&rendering);
            }
        }
    });
}

#[test]
fn the_site_corpus_builds_without_panic() {
    replay("site", |bytes| {
        check_output_invariants(&dossier::fuzzing::site(bytes))
    });
}
