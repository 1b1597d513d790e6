//! The repository's own example site (content/ and site.yaml at the root):
//! it builds, every link of the output resolves, and every entity the
//! content declares has its page. The expected pages are derived from the
//! content files themselves, so the test follows the content as it grows.

use crate::fixtures::{dossier, files_under, front_matter, repository};
use crate::links::broken_links;
use serde_yaml::Value;
use std::collections::BTreeSet;
use std::fs;
use tempfile::TempDir;

/// Builds the example site into a temporary folder.
fn build_example() -> TempDir {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    let root = repository();
    let run = dossier(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_success();
    temp
}

/// The content files of one folder (recursively), skipping names starting
/// with `.` or `_`: (stem, front matter).
fn content_files(folder: &str) -> Vec<(String, Value)> {
    let dir = repository().join("content").join(folder);
    files_under(&dir)
        .into_iter()
        .filter(|rel| {
            rel.ends_with(".md")
                && !rel
                    .split('/')
                    .any(|part| part.starts_with('.') || part.starts_with('_'))
        })
        .map(|rel| {
            let text = fs::read_to_string(dir.join(&rel)).unwrap();
            let stem = rel
                .rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".md")
                .to_string();
            (stem, front_matter(&text).0)
        })
        .collect()
}

/// FORMAT's slug rule for ASCII text: lowercase, runs of anything but
/// `a-z0-9` become one `-`, trimmed.
fn slug(text: &str) -> String {
    assert!(
        text.is_ascii(),
        "the example's tags are ASCII; extend this test for `{text}`"
    );
    let mut out = String::new();
    for c in text.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every page the example content promises, as output files.
fn expected_pages() -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    let mut measures = BTreeSet::new();
    for (stem, meta) in content_files("briefs") {
        if meta.get("draft").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        pages.insert(format!("briefs/{stem}/index.html"));
        for tag in strings(meta.get("tags")) {
            pages.insert(format!("tags/{}/index.html", slug(&tag)));
        }
        for claim in meta
            .get("claims")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            if let Some(id) = claim.get("id").and_then(Value::as_str) {
                pages.insert(format!("claims/{id}/index.html"));
            }
            measures.extend(strings(claim.get("measure")));
        }
    }
    for (stem, _) in content_files("actors") {
        pages.insert(format!("actors/{stem}/index.html"));
    }
    for (stem, meta) in content_files("claims") {
        pages.insert(format!("claims/{stem}/index.html"));
        measures.extend(strings(meta.get("measure")));
    }
    for (stem, _) in content_files("measures") {
        measures.insert(stem);
    }
    for measure in measures {
        pages.insert(format!("measures/{measure}/index.html"));
    }
    for (stem, _) in content_files("pages") {
        pages.insert(format!("{stem}/index.html"));
    }
    for list in [
        "index.html",
        "404.html",
        "briefs/index.html",
        "actors/index.html",
        "claims/index.html",
        "measures/index.html",
        "tags/index.html",
    ] {
        pages.insert(list.to_string());
    }
    pages
}

#[test]
fn example_site_builds_and_every_link_resolves() {
    let temp = build_example();
    let out = temp.path().join("public");
    let problems = broken_links(&out);
    assert!(
        problems.is_empty(),
        "{} broken links in the example site:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn example_site_has_a_page_for_every_entity() {
    let temp = build_example();
    let out = temp.path().join("public");
    let built: BTreeSet<String> = files_under(&out).into_iter().collect();
    let expected = expected_pages();
    assert!(
        expected.len() > 20,
        "the example content looks empty: {expected:?}"
    );
    let missing: Vec<_> = expected.difference(&built).collect();
    assert!(
        missing.is_empty(),
        "pages missing from the example site:\n  {missing:?}"
    );
}

#[test]
fn example_site_links_are_relative_except_on_404() {
    let temp = build_example();
    let out = temp.path().join("public");
    let mut offenders = Vec::new();
    for rel in files_under(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html")
    {
        let text = fs::read_to_string(out.join(&rel)).unwrap();
        for pattern in ["href=\"/", "src=\"/", "href='/", "src='/"] {
            if text.contains(pattern) {
                offenders.push(format!("{rel}: {pattern}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "root-relative links:\n  {}",
        offenders.join("\n  ")
    );
}
