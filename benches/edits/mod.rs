//! What the rebuild and serve benchmarks share: their arguments, the
//! brief they edit, and the edits.

use std::path::{Path, PathBuf};

/// The sizes and `--site` folders given on the command line.
pub fn arguments() -> (Vec<usize>, Vec<PathBuf>) {
    let mut sizes: Vec<usize> = Vec::new();
    let mut sites: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--site" {
            sites.extend(args.next().map(PathBuf::from));
        } else if let Ok(size) = arg.parse() {
            sizes.push(size);
        }
    }
    (sizes, sites)
}

/// The brief with its first inline claim's text starting with `MARKER`.
pub fn mark_claim(text: &str) -> String {
    if text.contains("    text: \"") {
        text.replacen("    text: \"", "    text: \"MARKER ", 1)
    } else {
        text.replacen("    text: ", "    text: MARKER ", 1)
    }
}

/// The brief with its title line replaced by `title: MARKER`.
pub fn replace_title(text: &str) -> String {
    text.lines()
        .map(|line| match line.starts_with("title:") {
            true => "title: MARKER".to_string(),
            false => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The first brief (by path) with an inline claim that the edits change.
pub fn first_brief(root: &Path) -> PathBuf {
    let mut briefs: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/briefs"))
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    briefs.sort();
    briefs
        .into_iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("    text: ")))
        .expect("a brief with a claim")
}
