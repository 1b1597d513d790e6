//! Snapshots of the `<main>` of one page of every kind, from the example
//! site and the small fixture site, so that a change to the templates or
//! to what pages show appears in review as a diff of the pages it moves
//! (insta: `cargo insta review`, or `INSTA_UPDATE=always cargo test` and
//! read `git diff tests/testsuite/snapshots/`).

use crate::fixtures::{repository, Site};
use std::fs;
use std::path::Path;

/// The `<main>` element of `out/path`, as written.
fn main_of(out: &Path, path: &str) -> String {
    let html = fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("{path} has no <main>"));
    let end = html[start..]
        .find("</main>")
        .map(|i| start + i + "</main>".len())
        .unwrap_or_else(|| panic!("{path} has no </main>"));
    html[start..end].to_string()
}

/// The first file, in name order, of `folder` whose name `keep` accepts.
fn first(out: &Path, folder: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut names: Vec<String> = fs::read_dir(out.join(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| keep(n))
        .collect();
    names.sort();
    let name = names
        .first()
        .unwrap_or_else(|| panic!("nothing fits in {folder}"));
    let path = format!("{folder}/{name}");
    if out.join(&path).is_dir() {
        format!("{path}/index.html")
    } else {
        path
    }
}

/// One page of each kind the site has, by a name for its snapshot.
fn pages_of_every_kind(out: &Path) -> Vec<(&'static str, String)> {
    let folder = |n: &str| !n.contains('.');
    let verdict = |n: &str| {
        [
            "confirmed.html",
            "corroborated.html",
            "reported.html",
            "disputed.html",
            "misleading.html",
            "false.html",
            "retracted.html",
            "superseded.html",
        ]
        .contains(&n)
    };
    vec![
        ("home", "index.html".into()),
        ("not_found", "404.html".into()),
        ("briefs", "briefs/index.html".into()),
        ("brief", first(out, "briefs", folder)),
        ("actors", "actors/index.html".into()),
        ("actor", first(out, "actors", folder)),
        ("claims", "claims/index.html".into()),
        ("claim", first(out, "claims", folder)),
        ("verdict", first(out, "claims", verdict)),
        ("grade", first(out, "claims", |n| n.starts_with("grade-"))),
        ("claimants", "claims/claimants.html".into()),
        ("measures", "measures/index.html".into()),
        ("measure", first(out, "measures", folder)),
        ("tags", "tags/index.html".into()),
        ("tag", first(out, "tags", folder)),
        ("search", "search/index.html".into()),
        ("network", "network/index.html".into()),
        ("timeline", "timeline/index.html".into()),
        (
            "month",
            first(out, "timeline", |n| {
                n.starts_with(|c: char| c.is_ascii_digit())
            }),
        ),
        ("how_to_read", "how-to-read/index.html".into()),
    ]
}

#[test]
fn the_example_sites_pages_of_every_kind() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    crate::fixtures::dossier(&[
        "build".as_ref(),
        "--root".as_ref(),
        repository().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .expect_success();
    let mut pages = pages_of_every_kind(&out);
    pages.push(("page", "about/index.html".into()));
    for (kind, path) in pages {
        insta::assert_snapshot!(format!("example_{kind}"), main_of(&out, &path), &path);
    }
}

#[test]
fn the_fixture_sites_pages_of_every_kind() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    // The built-in guide, search and not-found pages are the example's.
    let mut pages: Vec<(&str, String)> = pages_of_every_kind(&out)
        .into_iter()
        .filter(|(kind, _)| !["how_to_read", "search", "not_found"].contains(kind))
        .collect();
    pages.push(("page", "methodology/index.html".into()));
    pages.push(("redirect", "briefs/old-first-brief/index.html".into()));
    // Incidents and maps (the example has one incident; the fixture a
    // track, an area and a vessel in them).
    pages.push(("incidents", "incidents/index.html".into()));
    pages.push(("incident", "incidents/estlink-2-cut/index.html".into()));
    pages.push(("map", "map/index.html".into()));
    pages.push(("vessel", "actors/eagle-s/index.html".into()));
    for (kind, path) in pages {
        insta::assert_snapshot!(format!("fixture_{kind}"), main_of(&out, &path), &path);
    }
}
