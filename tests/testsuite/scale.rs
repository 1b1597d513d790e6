//! Sites shaped to grow one list or one chain far past what a page can
//! show: every page stays within READER.md's budget (100 KB of HTML),
//! every long list has an end on its owner's page and is written in full
//! on pages of its own, and the work and output of a deep `part_of` chain
//! grow in proportion to the chain, not to its square.

use crate::fixtures::{files_under, Site};
use crate::links::Page;
use std::collections::BTreeSet;
use std::fmt::Write;

/// READER.md: "HTML ≤ 100 KB a page".
const PAGE_BUDGET: u64 = 100 * 1024;

/// Panics naming every HTML page of `out` over the budget.
fn assert_pages_within_budget(out: &std::path::Path) {
    let over: Vec<String> = files_under(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .filter_map(|f| {
            let size = std::fs::metadata(out.join(&f)).unwrap().len();
            (size > PAGE_BUDGET).then(|| format!("{f}: {size} bytes"))
        })
        .collect();
    assert!(
        over.is_empty(),
        "pages over 100 KB:\n  {}",
        over.join("\n  ")
    );
}

/// The link targets under `<main>` of every page of a paginated list,
/// starting at `first` (a site path) and following "next" links.
fn targets_of_all_pages(site: &Site, first: &str) -> BTreeSet<String> {
    let mut targets = BTreeSet::new();
    let mut next = Some(first.to_string());
    let mut pages = 0;
    while let Some(path) = next.take() {
        pages += 1;
        assert!(pages < 1000, "{first}: the pagination does not end");
        let page = Page::open(&site.out(), &crate::links::output_file(&path));
        targets.extend(page.targets());
        next = page
            .links()
            .into_iter()
            .find(|l| l.text == "Next page")
            .and_then(|l| l.target);
    }
    targets
}

/// The small site plus: an actor with 2,000 members and 300 names, a claim
/// cited by 1,200 briefs and supported by 30 claims, one about 600 actors, a
/// brief of 1,000 actors, 1,100 tags, 400 sources and 300 cited claims, 60
/// measures and 20 pages. Without an end to its lists, each of these
/// owners' pages (and the tags and measures lists) is 150–400 KB.
fn crowded_site() -> Site {
    let site = Site::from_fixture("small-site");
    let mut hub = String::from("---\nname: Hub State\nkind: state\naliases:\n");
    for i in 0..300 {
        let _ = writeln!(hub, "  - {{name: Hub alias number {i}, lang: en}}");
    }
    hub.push_str("---\nThe hub.\n");
    site.write("content/actors/hub.md", hub);
    for i in 0..2000 {
        site.write(
            &format!("content/actors/m/member-{i:04}.md"),
            format!("---\nname: Member {i:04}\nkind: person\npart_of: hub\n---\n"),
        );
    }
    site.write(
        "content/claims/big-claim.md",
        "---\ntext: The hub claims a great deal.\nby: hub\nsaid: 2025-01-01\n---\n",
    );
    let about: Vec<String> = (0..600).map(|i| format!("member-{i:04}")).collect();
    site.write(
        "content/claims/wide-claim.md",
        format!(
            "---\ntext: The hub speaks of its members.\nby: hub\nabout: [{}]\nsaid: 2025-01-01\n---\n",
            about.join(", ")
        ),
    );
    for i in 0..1200 {
        let support = if i < 30 {
            format!("  - id: support-{i:04}\n    text: Support {i}.\n    by: hub\n    supports: [big-claim]\n")
        } else {
            String::new()
        };
        site.write(
            &format!("content/briefs/c/citing-{i:04}.md"),
            format!("---\ntitle: Citing brief number {i:04}\ndate: 2025-02-01\nclaims:\n  - big-claim\n{support}---\nBody.\n"),
        );
    }
    let mut big = String::from("---\ntitle: The big brief\ndate: 2025-03-01\nactors:\n");
    for i in 0..1000 {
        let _ = writeln!(big, "  - member-{i:04}");
    }
    big.push_str("tags:\n");
    for i in 0..1100 {
        let _ = writeln!(big, "  - Subject number {i:04}");
    }
    big.push_str("sources:\n");
    for i in 0..400 {
        let _ = writeln!(
            big,
            "  - {{id: s{i}, title: Source number {i}, url: \"https://example.org/{i}\"}}"
        );
    }
    big.push_str("claims:\n");
    for i in 30..330 {
        let _ = writeln!(big, "  - support-{:04}", i % 30);
        let _ = writeln!(
            big,
            "  - id: big-{i}\n    text: Big claim {i}.\n    by: hub\n    source: s{}",
            i % 400
        );
    }
    big.push_str("---\nThe big one.\n");
    site.write("content/briefs/big-brief.md", big);
    for i in 0..60 {
        site.write(
            &format!("content/measures/measure-{i:02}.md"),
            format!("---\nname: Measure number {i:02}\nunit: things\n---\n"),
        );
    }
    for i in 0..20 {
        site.write(
            &format!("content/pages/page-{i:02}.md"),
            format!("---\ntitle: Page number {i:02}\n---\nText.\n"),
        );
    }
    site
}

#[test]
fn every_list_that_grows_has_an_end_on_every_page() {
    let site = crowded_site();
    site.build(&[]).expect_success();
    let out = site.out();
    assert_pages_within_budget(&out);
    // The links of the owners' pages and of every list page lead to pages
    // of the output (checking all 5,000 pages takes minutes in debug).
    let mut checked = 0;
    for file in files_under(&out) {
        let listed = [
            "actors/hub/",
            "claims/big-claim/",
            "claims/wide-claim/",
            "briefs/big-brief/",
            "tags/index",
            "measures/index",
            "search/pages",
        ];
        if !file.ends_with(".html") || !listed.iter().any(|p| file.starts_with(p)) {
            continue;
        }
        checked += 1;
        for link in Page::open(&out, &file).links() {
            if let Some(target) = link.target {
                let target_file = crate::links::output_file(&target);
                assert!(
                    out.join(&target_file).is_file(),
                    "{file}: link to {target}: no such page"
                );
            }
        }
    }
    assert!(checked > 60, "only {checked} pages checked");

    // Each owner's page shows the start and links the whole list, which
    // names every entry across its pages.
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "actors/hub/",
            "actors/hub/members.html",
            "actors/member-",
            2000,
        ),
        (
            "claims/big-claim/",
            "claims/big-claim/cited-in.html",
            "briefs/citing-",
            1200,
        ),
        (
            "claims/big-claim/",
            "claims/big-claim/related.html",
            "claims/support-",
            30,
        ),
        (
            "claims/wide-claim/",
            "claims/wide-claim/actors.html",
            "actors/member-",
            600,
        ),
        (
            "briefs/big-brief/",
            "briefs/big-brief/actors.html",
            "actors/member-",
            1000,
        ),
        (
            "briefs/big-brief/",
            "briefs/big-brief/tags.html",
            "tags/subject-number-",
            1100,
        ),
        (
            "briefs/big-brief/",
            "briefs/big-brief/claims.html",
            "claims/",
            330,
        ),
    ];
    for &(owner, list, prefix, count) in cases {
        let owner_page = Page::open(&out, &crate::links::output_file(owner));
        assert!(
            owner_page.targets().contains(list),
            "{owner} does not link {list}"
        );
        let listed = targets_of_all_pages(&site, list)
            .into_iter()
            .filter(|t| t.starts_with(prefix) && t.matches('/').count() == 2)
            .count();
        assert_eq!(listed, count, "{list}: entries under {prefix}");
    }
    // The names: plain text, every one on the list's pages.
    let mut names = 0;
    for file in files_under(&out) {
        if file.starts_with("actors/hub/names") {
            names += Page::open(&out, &file)
                .main_text()
                .matches("Hub alias number")
                .count();
        }
    }
    assert_eq!(names, 300, "every name of the hub on its list");
    // Top-level lists paginate beside their index, as FORMAT §10 says.
    for path in [
        "tags/index-2.html",
        "measures/index-2.html",
        "search/pages.html",
    ] {
        assert!(out.join(path).is_file(), "no {path}");
    }
    // The navigation names a few pages and links the rest.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("href=\"search/pages.html\""),
        "no link to every page"
    );
    assert!(
        !home.contains("href=\"page-19/\""),
        "every page in the navigation"
    );
    let all_pages = targets_of_all_pages(&site, "search/pages.html");
    assert!((0..20).all(|i| all_pages.contains(&format!("page-{i:02}/"))));
}

/// `n` actors, each part of the one before.
fn chain(n: usize) -> Site {
    let site = Site::from_fixture("small-site");
    for i in 0..n {
        let parent = if i == 0 {
            String::new()
        } else {
            format!("part_of: link-{:05}\n", i - 1)
        };
        site.write(
            &format!("content/actors/chain/link-{i:05}.md"),
            format!("---\nname: Link {i:05}\nkind: group\n{parent}---\n"),
        );
    }
    site
}

#[test]
fn a_deep_part_of_chain_costs_in_proportion_to_its_length() {
    let n = 2000;
    let site = chain(n);
    site.build(&[]).expect_success();
    let out = site.out();
    assert_pages_within_budget(&out);
    // Each page shows the nearest levels of the chain and says it goes on:
    // the output grows with the chain, not with its square.
    let deepest = Page::open(&out, &format!("actors/link-{:05}/index.html", n - 1));
    let chain_links = deepest
        .targets()
        .into_iter()
        .filter(|t| t.starts_with("actors/link-"))
        .count();
    assert!(
        (2..=8).contains(&chain_links),
        "the deepest member links {chain_links} actors of its chain"
    );
    assert!(
        deepest.main_text().contains("…"),
        "no sign that the chain goes on"
    );
    let total: u64 = files_under(&out)
        .iter()
        .filter(|f| f.starts_with("actors/link-"))
        .map(|f| std::fs::metadata(out.join(f)).unwrap().len())
        .sum();
    assert!(
        total < n as u64 * 12 * 1024,
        "{total} bytes of actor pages for a chain of {n}"
    );
}
