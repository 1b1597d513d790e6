//! Search without a server: the search page, the header field, and the
//! data files the page loads with `<script src>`. (That search answers in
//! a real browser from file:// is checked in `.ci/run`, with Chromium.)

use crate::fixtures::Site;
use std::fs;
use std::path::Path;

/// The documents of a data file: `[name, url, other names]`.
fn documents(out: &Path, kind: &str) -> Vec<(String, String, String)> {
    let text = fs::read_to_string(out.join(format!("search/{kind}.js"))).unwrap();
    let prefix = format!("dossierSearch.add(\"{kind}\",");
    let json = text
        .trim_end()
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("search/{kind}.js: {text}"));
    let docs: Vec<(String, String, String)> =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("search/{kind}.js is not data: {e}"));
    docs
}

/// The output file a URL of the search page names.
fn target(url: &str) -> String {
    let path = url
        .strip_prefix("../")
        .unwrap_or_else(|| panic!("{url} is not relative to search/"));
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn the_search_page_loads_its_data_with_script_src() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    let page = fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(page.contains("<input type=\"search\""), "no search input");
    assert!(
        page.contains("<noscript>"),
        "nothing for readers without JavaScript"
    );
    for script in [
        "../search.js",
        "search/briefs.js",
        "search/actors.js",
        "search/claims.js",
    ] {
        let wanted = if script.starts_with("..") {
            script.to_string()
        } else {
            format!("../{script}")
        };
        assert!(
            page.contains(&format!("<script src=\"{wanted}\"></script>")),
            "{script} is not loaded"
        );
    }
    assert!(
        !page.contains("fetch(")
            && !fs::read_to_string(out.join("search.js"))
                .unwrap()
                .contains("fetch("),
        "search must not fetch files"
    );
}

#[test]
fn every_page_has_a_search_field_leading_to_the_search_page() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let brief = fs::read_to_string(site.out().join("briefs/first-brief/index.html")).unwrap();
    assert!(
        brief.contains(
            "<form class=\"site-search\" role=\"search\" action=\"../../search/\" method=\"get\">"
        ),
        "{brief}"
    );
    assert!(brief.contains("<input type=\"search\" id=\"site-search-q\" name=\"q\""));
}

#[test]
fn the_data_name_every_published_thing_by_all_its_names() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    let actors = documents(&out, "actors");
    let kim = actors
        .iter()
        .find(|(name, _, _)| name == "Kim Jong Un")
        .expect("Kim Jong Un is searchable");
    assert!(
        kim.2.contains("김정은"),
        "the Korean name is not searchable: {kim:?}"
    );
    for kind in ["briefs", "actors", "tags", "measures", "pages", "claims"] {
        for (name, url, _) in documents(&out, kind) {
            assert!(
                out.join(target(&url)).is_file(),
                "{kind}: `{name}` links to {url}, which is no page"
            );
        }
    }
    let briefs = documents(&out, "briefs");
    assert!(
        !briefs.iter().any(|(_, url, _)| url.contains("draft-brief")),
        "a draft is searchable"
    );
    assert!(
        documents(&out, "claims")
            .iter()
            .any(|(_, _, by)| by.contains("National Intelligence Service")),
        "claims are not searchable by claimant"
    );
}

#[test]
fn portable_search_results_link_to_index_files() {
    let site = Site::from_fixture("small-site");
    site.build(&["--portable"]).expect_success();
    let out = site.out();
    for (_, url, _) in documents(&out, "actors") {
        assert!(url.ends_with("/index.html"), "{url}");
    }
    let page = fs::read_to_string(out.join("briefs/first-brief/index.html")).unwrap();
    assert!(
        page.contains("action=\"../../search/index.html\""),
        "the header form does not work from disk"
    );
}
