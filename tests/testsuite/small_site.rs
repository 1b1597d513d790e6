//! The small-site fixture built: what each kind of page shows and links to.
//! Assertions look at the `<main>` of pages and at where links lead, not
//! at the theme's markup.

use crate::fixtures::{files_under, Site};
use crate::links::{broken_links, Page};
use std::collections::BTreeSet;

/// The fixture, built (without drafts unless `args` say so).
fn built(args: &[&str]) -> Site {
    let site = Site::from_fixture("small-site");
    site.build(args).expect_success();
    site
}

fn page(site: &Site, site_path: &str) -> Page {
    Page::open(&site.out(), &crate::links::output_file(site_path))
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Panics unless every one of `wanted` is in `have`.
fn assert_contains_all(have: &BTreeSet<String>, wanted: &[&str], what: &str) {
    let missing: Vec<_> = wanted.iter().filter(|w| !have.contains(**w)).collect();
    assert!(
        missing.is_empty(),
        "{what}: missing {missing:?}; found {have:?}"
    );
}

#[test]
fn builds_with_every_link_resolving() {
    for args in [&[][..], &["--drafts"][..]] {
        let site = built(args);
        let problems = broken_links(&site.out());
        assert!(
            problems.is_empty(),
            "broken links ({args:?}):\n  {}",
            problems.join("\n  ")
        );
    }
}

#[test]
fn brief_page_links_its_actors_and_claims() {
    let site = built(&[]);
    let first = page(&site, "briefs/first-brief/");
    assert_contains_all(
        &first.targets(),
        &[
            // `actors:`, claimants, relays, subjects, and actors linked in the body.
            "actors/north-korea/",
            "actors/nis/",
            "actors/lee-seong-kweun/",
            "actors/kpa/",
            "actors/kim-jong-un/",
            "actors/kcna/",
            // Declared claims.
            "claims/nis-troops-15000/",
            "claims/kim-acknowledges/",
        ],
        "first brief",
    );
    let second = page(&site, "briefs/second-brief/");
    assert_contains_all(
        &second.targets(),
        &[
            // Cited from the other brief, cited from a claim file, declared here.
            "claims/nis-troops-15000/",
            "claims/nis-killed-600/",
            "claims/kcna-denies-losses/",
            // Actors of the cited claims count too.
            "actors/nis/",
            "actors/kcna/",
        ],
        "second brief",
    );
}

#[test]
fn claim_page_lists_every_citing_brief() {
    let site = built(&[]);
    let claim = page(&site, "claims/nis-troops-15000/");
    assert_contains_all(
        &claim.targets(),
        &["briefs/first-brief/", "briefs/second-brief/"],
        "claim declared in one brief and cited in another",
    );
    let file_claim = page(&site, "claims/nis-killed-600/");
    assert_contains_all(
        &file_claim.targets(),
        &["briefs/second-brief/"],
        "claim file cited by a brief",
    );
    assert!(
        file_claim.main_text().contains("How the figure reached us"),
        "a claim file's body is on its page"
    );
}

#[test]
fn claim_relations_show_on_both_claims() {
    let site = built(&[]);
    // kim-acknowledges supports nis-troops-15000 (declared in a brief).
    let supporting = page(&site, "claims/kim-acknowledges/");
    assert_contains_all(
        &supporting.targets_under("supports"),
        &["claims/nis-troops-15000/"],
        "supports",
    );
    let supported = page(&site, "claims/nis-troops-15000/");
    assert_contains_all(
        &supported.targets_under("supported by"),
        &["claims/kim-acknowledges/"],
        "supported by (computed)",
    );
    // nis-killed-600 (a claim file) contradicts kcna-denies-losses.
    let contradicting = page(&site, "claims/nis-killed-600/");
    assert_contains_all(
        &contradicting.targets_under("contradicts"),
        &["claims/kcna-denies-losses/"],
        "contradicts",
    );
    let contradicted = page(&site, "claims/kcna-denies-losses/");
    assert_contains_all(
        &contradicted.targets_under("contradicted by"),
        &["claims/nis-killed-600/"],
        "contradicted by (computed)",
    );
}

#[test]
fn actor_page_lists_claims_made_about_and_relayed_and_briefs() {
    let site = built(&[]);
    let kcna = page(&site, "actors/kcna/");
    assert_contains_all(
        &kcna.targets_under("made"),
        &["claims/kcna-denies-losses/"],
        "kcna: claims made",
    );
    assert_contains_all(
        &kcna.targets_under("relayed"),
        &["claims/kim-acknowledges/"],
        "kcna: claims relayed",
    );
    assert_contains_all(
        &kcna.targets_under("briefs"),
        &["briefs/first-brief/", "briefs/second-brief/"],
        "kcna: briefs",
    );
    let kpa = page(&site, "actors/kpa/");
    assert_contains_all(
        &kpa.targets_under("about"),
        &[
            "claims/nis-troops-15000/",
            "claims/kim-acknowledges/",
            "claims/nis-killed-600/",
            "claims/kcna-denies-losses/",
        ],
        "kpa: claims about",
    );
    let lee = page(&site, "actors/lee-seong-kweun/");
    assert_contains_all(
        &lee.targets_under("relayed"),
        &["claims/nis-troops-15000/", "claims/nis-killed-600/"],
        "lee: claims relayed",
    );
    // Drafts stay out of actor pages.
    let nis = page(&site, "actors/nis/");
    assert!(
        !nis.targets().contains("briefs/draft-brief/"),
        "nis page links the draft brief"
    );
    assert!(
        !nis.targets().contains("claims/draft-claim/"),
        "nis page links the draft's claim"
    );
}

#[test]
fn actor_page_shows_aliases_and_part_of() {
    let site = built(&[]);
    let kim = page(&site, "actors/kim-jong-un/");
    let text = kim.main_text();
    assert!(
        text.contains("Kim Jong-un") && text.contains("김정은"),
        "aliases: {text}"
    );
    assert!(
        kim.targets().contains("actors/north-korea/"),
        "part_of links the body"
    );
    let north_korea = page(&site, "actors/north-korea/");
    assert_contains_all(
        &north_korea.targets(),
        &["actors/kpa/", "actors/kim-jong-un/", "actors/kcna/"],
        "members",
    );
}

#[test]
fn actors_list_groups_by_kind() {
    let site = built(&[]);
    let actors = page(&site, "actors/");
    let group_of = |actor: &str| -> String {
        let target = format!("actors/{actor}/");
        let sections = actors.sections();
        let found: Vec<_> = sections
            .iter()
            .filter(|(_, links)| links.iter().any(|l| l.target.as_deref() == Some(&target)))
            .map(|(h, _)| h.clone())
            .collect();
        // A table of contents may link the groups; the actor itself is listed once.
        assert_eq!(found.len(), 1, "{actor} is listed under {found:?}");
        found[0].clone()
    };
    assert_eq!(
        group_of("kim-jong-un"),
        group_of("lee-seong-kweun"),
        "both people share a group"
    );
    for (actor, heading) in [
        ("kim-jong-un", "People"),
        ("north-korea", "States"),
        ("nis", "Agencies"),
        ("kpa", "Military"),
        ("kcna", "Media"),
    ] {
        assert!(
            group_of(actor).contains(heading),
            "{actor} should be under {heading}, is under {}",
            group_of(actor)
        );
    }
}

#[test]
fn tags_are_merged_by_slug_and_named_by_the_most_frequent_spelling() {
    let site = built(&[]);
    // `RED SEA` (first loaded, sorts first), `Red Sea` twice, `red-sea` (in the
    // draft, sorts last): one tag page, named by the most frequent spelling.
    let tag_folders: BTreeSet<String> = files_under(&site.out().join("tags")).into_iter().collect();
    assert_eq!(
        tag_folders,
        set(&["index.html", "kursk/index.html", "red-sea/index.html"])
    );
    let red_sea = page(&site, "tags/red-sea/");
    let heading = red_sea
        .html
        .select(&scraper::Selector::parse("main h1").unwrap())
        .next()
        .expect("a tag page has a title");
    assert_eq!(heading.text().collect::<String>().trim(), "Red Sea");
    assert_contains_all(
        &red_sea.targets(),
        &[
            "briefs/first-brief/",
            "briefs/second-brief/",
            "briefs/third-brief/",
        ],
        "tagged briefs",
    );
    let tags = page(&site, "tags/");
    let links: Vec<_> = tags
        .links()
        .into_iter()
        .filter(|l| l.target.as_deref() == Some("tags/red-sea/"))
        .collect();
    assert_eq!(links.len(), 1, "tags index lists red-sea once: {links:?}");
    assert!(links[0].text.contains("Red Sea"), "{links:?}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = built(&[]);
    let out = site.out();
    assert!(
        !out.join("briefs/draft-brief").exists(),
        "draft brief published without --drafts"
    );
    assert!(
        !out.join("claims/draft-claim").exists(),
        "a draft's claim published without --drafts"
    );
    assert!(!page(&site, "briefs/")
        .targets()
        .contains("briefs/draft-brief/"));
    let with_drafts = built(&["--drafts"]);
    let out = with_drafts.out();
    assert!(
        out.join("briefs/draft-brief/index.html").is_file(),
        "--drafts publishes the draft"
    );
    assert!(
        out.join("claims/draft-claim/index.html").is_file(),
        "--drafts publishes the draft's claims"
    );
    assert!(page(&with_drafts, "briefs/")
        .targets()
        .contains("briefs/draft-brief/"));
}

/// A draft brief that touches everything a brief can: it declares a claim
/// (with a figure of a measure nothing else uses, about an actor only
/// drafts mention, supporting a published claim, with a response by that
/// actor), cites a published claim, carries a tag of its own, a change, a
/// judgement resting on a published claim and cutting against another,
/// names actors and keeps a `redirect_from`.
const DRAFT_EVERYTHING: &str = "---
title: Operation Quiet Harbour
date: 2026-01-15
draft: true
changes: [{date: 2026-01-20, note: Nectarine-walrus correction., kind: correction}]
tags: [Zanzibar Lantern, Red Sea]
actors: [lonely-watcher, kcna]
redirect_from: [old-quiet-harbour]
summary: Quokka-marmalade summary text.
judgements:
  - text: Gooseberry-lantern judgement.
    claims: [nis-killed-600]
    against: [kcna-denies-losses]
claims:
  - nis-killed-600
  - id: harbour-secret-claim
    text: Seventeen submarines wait at Quiet Harbour.
    by: nis
    via: kcna
    about: [lonely-watcher, kpa]
    said: 2026-01-15
    measure: harbour-submarines
    figure: {value: 17, unit: submarines}
    supports: [nis-killed-600]
    contradicts: [kcna-denies-losses]
    responses:
      - {by: lonely-watcher, stance: denies, text: Pumpernickel-heron response.}
---
Xylophone-mandrake body text about [[lonely-watcher]] and [[kpa]].
";

/// The measure of the draft's figure: declared like every measure, and
/// published whatever uses it, like actors.
const HARBOUR_MEASURE: &str =
    "---\nname: Harbour submarines\nunit: submarines\n---\nSubmarines in harbour.\n";

/// An actor file is never a draft; this one is mentioned only by drafts.
const LONELY_ACTOR: &str = "---\nname: Lonely Watcher\nkind: person\n---\nWatches harbours.\n";

/// What the draft alone brings: ids, titles and texts that no published
/// file has.
const DRAFT_ONLY: &[&str] = &[
    "quiet-harbour",
    "Quiet Harbour",
    "harbour-secret-claim",
    "Seventeen submarines",
    "Nectarine-walrus",
    "Gooseberry-lantern",
    "Pumpernickel-heron",
    "zanzibar",
    "Zanzibar",
    "Quokka-marmalade",
    "Xylophone-mandrake",
];

#[test]
fn nothing_derived_from_a_draft_is_published() {
    let base = ["--base-url", "https://example.org/desk"];
    // The same site with and without the draft: outputs equal byte for
    // byte, so no list, count, backlink, feed, sitemap, search file,
    // redirect or structured data shows anything of it.
    let without = Site::from_fixture("small-site");
    without.write("content/actors/lonely-watcher.md", LONELY_ACTOR);
    without.write("content/measures/harbour-submarines.md", HARBOUR_MEASURE);
    without.build(&base).expect_success();
    let with = Site::from_fixture("small-site");
    with.write("content/actors/lonely-watcher.md", LONELY_ACTOR);
    with.write("content/measures/harbour-submarines.md", HARBOUR_MEASURE);
    with.write("content/briefs/quiet-harbour.md", DRAFT_EVERYTHING);
    with.build(&base).expect_success();
    let (a, b) = (without.out(), with.out());
    assert_eq!(
        files_under(&a),
        files_under(&b),
        "the draft added or removed files"
    );
    for rel in files_under(&b) {
        let bytes = std::fs::read(b.join(&rel)).unwrap();
        assert!(
            bytes == std::fs::read(a.join(&rel)).unwrap(),
            "{rel} differs when a draft exists"
        );
        let text = String::from_utf8_lossy(&bytes);
        for secret in DRAFT_ONLY {
            assert!(!text.contains(secret), "{rel} shows `{secret}` of a draft");
        }
    }
    // The actor only drafts mention has its page, with nothing of them;
    // so has the measure only a draft uses, without the draft's figure.
    assert!(!page(&with, "measures/harbour-submarines/")
        .targets()
        .contains("claims/harbour-secret-claim/"));
    let lonely = page(&with, "actors/lonely-watcher/");
    assert!(
        lonely
            .targets()
            .iter()
            .all(|t| !t.starts_with("briefs/") && !t.starts_with("claims/")),
        "{:?}",
        lonely.targets()
    );

    // Built with --drafts, all of it is there.
    with.build(&["--drafts", base[0], base[1]]).expect_success();
    let out = with.out();
    for path in [
        "briefs/quiet-harbour/index.html",
        "briefs/old-quiet-harbour/index.html",
        "claims/harbour-secret-claim/index.html",
        "measures/harbour-submarines/index.html",
        "tags/zanzibar-lantern/index.html",
    ] {
        assert!(out.join(path).is_file(), "--drafts: no {path}");
    }
    let everything: String = files_under(&out)
        .iter()
        .map(|rel| String::from_utf8_lossy(&std::fs::read(out.join(rel)).unwrap()).into_owned())
        .collect();
    for secret in DRAFT_ONLY {
        assert!(
            everything.contains(secret),
            "--drafts: `{secret}` shown nowhere"
        );
    }
    assert!(page(&with, "actors/lonely-watcher/")
        .targets()
        .contains("briefs/quiet-harbour/"));
    assert!(page(&with, "claims/nis-killed-600/")
        .targets()
        .contains("briefs/quiet-harbour/"));
    assert!(page(&with, "actors/lonely-watcher/")
        .main_text()
        .contains("Pumpernickel-heron"));
}

#[test]
fn brief_folders_do_not_change_urls() {
    let site = built(&[]);
    assert!(site.out().join("briefs/first-brief/index.html").is_file());
    assert!(
        !site.out().join("briefs/2025").exists(),
        "the brief's sub-folder leaked into the output"
    );
}

#[test]
fn body_markdown_headings_footnotes_tables_and_links() {
    let site = built(&[]);
    let first = page(&site, "briefs/first-brief/");
    let background = first.by_id("background").expect("heading id `background`");
    assert_eq!(background.text().collect::<String>().trim(), "Background");
    // The footnote reference points at an element holding the footnote text.
    let footnote = first
        .links()
        .into_iter()
        .filter(|l| l.href.starts_with('#'))
        .filter_map(|l| l.fragment)
        .find(|id| {
            first.by_id(id).is_some_and(|e| {
                e.text()
                    .collect::<String>()
                    .contains("Grades follow the Admiralty code")
            })
        });
    assert!(
        footnote.is_some(),
        "no footnote link whose target holds the footnote: {:?}",
        first.links()
    );
    // And the footnote links back to its reference, which has that id.
    let note = footnote.unwrap();
    let back = first
        .links()
        .into_iter()
        .filter(|l| l.href.starts_with("#ref-"))
        .filter_map(|l| l.fragment)
        .collect::<Vec<_>>();
    assert_eq!(back.len(), 1, "one back-link: {back:?}");
    let reference = first.by_id(&back[0]).expect("the back-link's target");
    assert!(
        reference.html().contains(&format!("href=\"#{note}\"")),
        "{}",
        reference.html()
    );
    let table = first
        .main()
        .select(&scraper::Selector::parse("table th").unwrap())
        .map(|th| th.text().collect::<String>())
        .collect::<Vec<_>>();
    assert_eq!(table, ["Claimant", "Figure"]);
    let links = first.links();
    let find = |target: &str, fragment: Option<&str>| {
        links
            .iter()
            .find(|l| l.target.as_deref() == Some(target) && l.fragment.as_deref() == fragment)
            .map(|l| l.text.clone())
    };
    // [[nis|spy agency]], [[kim-jong-un]], [[methodology#grading]].
    assert!(
        links
            .iter()
            .any(|l| l.text == "spy agency" && l.target.as_deref() == Some("actors/nis/")),
        "[[nis|spy agency]]: {links:?}"
    );
    assert!(
        links
            .iter()
            .any(|l| l.text == "Kim Jong Un" && l.target.as_deref() == Some("actors/kim-jong-un/")),
        "[[kim-jong-un]]: {links:?}"
    );
    assert_eq!(
        find("methodology/", Some("grading")).as_deref(),
        Some("Methodology"),
        "[[methodology#grading]]"
    );
    // A claim linked by id shows its text; a measure its name.
    let second = page(&site, "briefs/second-brief/");
    let links = second.links();
    assert!(
        links
            .iter()
            .any(|l| l.target.as_deref() == Some("claims/nis-troops-15000/")
                && l.text == "North Korea has sent about 15,000 troops to Russia."),
        "[[nis-troops-15000]]: {links:?}"
    );
    assert!(
        links
            .iter()
            .any(|l| l.target.as_deref() == Some("measures/dprk-troops/")
                && l.text == "North Korean troops in Russia"),
        "[[dprk-troops]]: {links:?}"
    );
}

#[test]
fn measures_have_pages_with_their_figures() {
    let site = built(&[]);
    let troops = page(&site, "measures/dprk-troops/");
    assert!(
        troops.targets().contains("claims/nis-troops-15000/"),
        "{:?}",
        troops.targets()
    );
    assert!(
        troops.main_text().contains("15,000"),
        "{}",
        troops.main_text()
    );
    // Each measure file has its page, named from the file.
    let killed = page(&site, "measures/dprk-killed/");
    assert!(killed.main_text().contains("North Korean soldiers killed"));
    assert!(killed.targets().contains("claims/nis-killed-600/"));
}

#[test]
fn lists_exist_and_link_every_published_item() {
    let site = built(&[]);
    assert_contains_all(
        &page(&site, "briefs/").targets(),
        &[
            "briefs/first-brief/",
            "briefs/second-brief/",
            "briefs/third-brief/",
        ],
        "briefs list",
    );
    assert_contains_all(
        &page(&site, "claims/").targets(),
        &[
            "claims/nis-troops-15000/",
            "claims/kim-acknowledges/",
            "claims/nis-killed-600/",
            "claims/kcna-denies-losses/",
        ],
        "claims list",
    );
    assert_contains_all(
        &page(&site, "measures/").targets(),
        &["measures/dprk-troops/", "measures/dprk-killed/"],
        "measures list",
    );
    assert!(site.out().join("index.html").is_file() && site.out().join("404.html").is_file());
    assert!(
        site.out().join("methodology/index.html").is_file(),
        "free page at <id>/"
    );
}

#[test]
fn redirect_from_leaves_a_page_at_the_old_id() {
    let site = built(&[]);
    let old = page(&site, "briefs/old-first-brief/");
    assert!(
        old.targets().contains("briefs/first-brief/"),
        "the old page links the new one: {:?}",
        old.targets()
    );
}

#[test]
fn long_brief_lists_paginate() {
    let site = Site::from_fixture("small-site");
    for n in 1..=60 {
        site.write(
            &format!("content/briefs/bulk/bulk-{n:02}.md"),
            format!(
                "---\ntitle: Bulk brief {n}\ndate: 2024-01-{:02}\n---\nBody.\n",
                n % 28 + 1
            ),
        );
    }
    site.build(&[]).expect_success();
    let lists: Vec<String> = files_under(&site.out().join("briefs"))
        .into_iter()
        .filter(|f| f == "index.html" || (f.starts_with("index-") && f.ends_with(".html")))
        .map(|f| format!("briefs/{f}"))
        .collect();
    assert!(lists.len() >= 2, "63 briefs on one list page: {lists:?}");
    for n in 2..=lists.len() {
        assert!(
            lists.contains(&format!("briefs/index-{n}.html")),
            "list pages are numbered from 2 without gaps: {lists:?}"
        );
    }
    assert!(
        page(&site, "briefs/")
            .targets()
            .contains("briefs/index-2.html"),
        "page 1 links page 2"
    );
    let mut listed: Vec<String> = Vec::new();
    for list in &lists {
        let on_page: BTreeSet<String> = Page::open(&site.out(), list)
            .targets()
            .into_iter()
            .filter(|t| t.starts_with("briefs/") && t.ends_with('/') && t != "briefs/")
            .collect();
        listed.extend(on_page);
    }
    listed.sort();
    let mut expected: Vec<String> = (1..=60).map(|n| format!("briefs/bulk-{n:02}/")).collect();
    expected.extend(
        [
            "briefs/first-brief/",
            "briefs/second-brief/",
            "briefs/third-brief/",
        ]
        .map(String::from),
    );
    expected.sort();
    assert_eq!(
        listed, expected,
        "every published brief is on exactly one list page"
    );
    assert!(
        broken_links(&site.out()).is_empty(),
        "{:?}",
        broken_links(&site.out())
    );
}

#[test]
fn busy_tags_paginate_and_long_lists_link_a_window_of_pages() {
    let site = Site::from_fixture("small-site");
    for n in 1..=300 {
        site.write(
            &format!("content/briefs/bulk/bulk-{n:03}.md"),
            format!(
                "---\ntitle: Bulk brief {n}\ndate: 2024-{:02}-{:02}\ntags: [Bulk]\n---\nBody.\n",
                n % 12 + 1,
                n % 28 + 1
            ),
        );
    }
    site.build(&[]).expect_success();
    // 300 briefs tagged: 12 pages of 25.
    let tag_pages: Vec<String> = files_under(&site.out().join("tags/bulk"))
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let mut expected = vec!["index.html".to_string()];
    expected.extend((2..=12).map(|n| format!("index-{n}.html")));
    expected.sort();
    assert_eq!(tag_pages, expected);
    let mut tagged = BTreeSet::new();
    for file in &tag_pages {
        let on_page: BTreeSet<String> = Page::open(&site.out(), &format!("tags/bulk/{file}"))
            .targets()
            .into_iter()
            .filter(|t| t.starts_with("briefs/bulk-"))
            .collect();
        assert!(on_page.len() <= 25, "{file} lists {}", on_page.len());
        tagged.extend(on_page);
    }
    assert_eq!(tagged.len(), 300, "every tagged brief is on a tag page");

    // Page 6 of 12 links the first and last pages and two either side of
    // itself, with a gap marked on each side, not all twelve.
    let sixth = Page::open(&site.out(), "tags/bulk/index-6.html");
    let numbered: BTreeSet<String> = sixth
        .targets()
        .into_iter()
        .filter(|t| t.starts_with("tags/bulk/"))
        .collect();
    assert_eq!(
        numbered,
        set(&[
            "tags/bulk/",
            "tags/bulk/index-4.html",
            "tags/bulk/index-5.html",
            "tags/bulk/index-6.html",
            "tags/bulk/index-7.html",
            "tags/bulk/index-8.html",
            "tags/bulk/index-12.html",
        ])
    );
    let html = site.read("public/tags/bulk/index-6.html");
    assert_eq!(html.matches("class=\"gap\"").count(), 2);
    assert!(html.contains("<title>Tag: Bulk, page 6 of 12"));
    assert!(
        broken_links(&site.out()).is_empty(),
        "{:?}",
        broken_links(&site.out())
    );
}

#[test]
fn an_actor_page_names_its_25_closest_co_actors_and_counts_the_rest() {
    let site = Site::from_fixture("small-site");
    let mut links = String::new();
    for n in 1..=30 {
        site.write(
            &format!("content/actors/crowd-{n:02}.md"),
            format!("---\nname: Crowd member {n}\nkind: person\n---\n"),
        );
        links.push_str(&format!("[[crowd-{n:02}]] "));
    }
    site.write(
        "content/briefs/crowd.md",
        format!("---\ntitle: A crowded brief\ndate: 2024-05-01\n---\n{links}\n"),
    );
    site.build(&[]).expect_success();
    let html = site.read("public/actors/crowd-01/index.html");
    let section = &html[html.find("id=\"actor_co_actors\"").expect("the section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(section.matches("<li>").count(), 25, "{section}");
    assert!(
        section.contains(
            "The 25 closest of 29 actors that share a brief with <span dir=\"auto\">Crowd member 1</span>."
        ),
        "{section}"
    );
}

#[test]
fn a_busy_actor_page_shows_the_newest_and_links_lists_of_all() {
    let site = Site::from_fixture("small-site");
    for n in 1..=30 {
        site.write(
            &format!("content/briefs/busy/busy-{n:02}.md"),
            format!(
                "---\ntitle: Busy brief {n}\ndate: 2024-03-{n:02}\nclaims:\n  - id: busy-claim-{n:02}\n    text: The agency said thing {n}.\n    by: nis\n    said: 2024-03-{n:02}\n---\nBody about [[nis]].\n",
            ),
        );
    }
    site.build(&[]).expect_success();
    let html = site.read("public/actors/nis/index.html");
    let made = &html[html.find("id=\"actor_claims_by\"").expect("claims made")..];
    let made = &made[..made.find("</section>").unwrap()];
    assert_eq!(made.matches("<li class=\"claim-item").count(), 10);
    assert!(made.contains("busy-claim-30/"), "the newest first: {made}");
    assert!(!made.contains("busy-claim-01/"));
    let nis = page(&site, "actors/nis/");
    assert!(nis.targets().contains("actors/nis/claims.html"));
    assert!(nis.targets().contains("actors/nis/briefs.html"));

    // The lists hold every claim and every brief, over pages.
    // 50 claims a page: one page; 25 briefs a page: two.
    let claims: BTreeSet<String> = page(&site, "actors/nis/claims.html")
        .targets()
        .into_iter()
        .filter(|t| t.starts_with("claims/busy-claim-"))
        .collect();
    assert_eq!(claims.len(), 30, "{claims:?}");
    let mut briefs = BTreeSet::new();
    for list in ["actors/nis/briefs.html", "actors/nis/briefs-2.html"] {
        briefs.extend(
            page(&site, list)
                .targets()
                .into_iter()
                .filter(|t| t.starts_with("briefs/busy-")),
        );
    }
    assert_eq!(briefs.len(), 30, "{briefs:?}");
    assert!(
        broken_links(&site.out()).is_empty(),
        "{:?}",
        broken_links(&site.out())
    );
}

#[test]
fn a_busy_measure_tables_its_latest_figures_and_lists_all_and_charts_few_series() {
    let site = Site::from_fixture("small-site");
    let mut claims = String::new();
    for n in 1..=120 {
        // Twelve more claimants than the fixture has.
        claims.push_str(&format!(
            "  - id: count-{n:03}\n    text: A count of {n}.\n    by: crowd-{:02}\n    said: 2024-{:02}-{:02}\n    figure: {{value: {}, unit: troops}}\n    measure: dprk-troops\n",
            n % 12,
            n % 12 + 1,
            n % 28 + 1,
            1000 + n
        ));
    }
    for k in 0..12 {
        site.write(
            &format!("content/actors/crowd-{k:02}.md"),
            format!("---\nname: Counter {k}\nkind: agency\n---\n"),
        );
    }
    site.write(
        "content/briefs/counts.md",
        format!("---\ntitle: Counts\ndate: 2024-12-30\nclaims:\n{claims}---\nBody.\n"),
    );
    site.build(&[]).expect_success();
    let html = site.read("public/measures/dprk-troops/index.html");
    let table = &html[html.find("<table class=\"figures\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<tr>").count(),
        1 + 50,
        "the latest 50 rows and a header"
    );
    assert!(!html.contains("id=\"measure_by_claimant\""));
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    // 13 claimants with the fixture's own: seven drawn on their own.
    assert!(
        svg.contains("6 other claimants"),
        "the chart groups the rest: {svg}"
    );
    assert!(svg.contains("from 13 claimants"));
    let measure = page(&site, "measures/dprk-troops/");
    assert!(measure
        .targets()
        .contains("measures/dprk-troops/figures.html"));
    let mut listed = BTreeSet::new();
    for list in [
        "measures/dprk-troops/figures.html",
        "measures/dprk-troops/figures-2.html",
    ] {
        listed.extend(
            page(&site, list)
                .targets()
                .into_iter()
                .filter(|t| t.starts_with("claims/")),
        );
    }
    assert!(
        listed.len() >= 120,
        "every figure's claim is listed: {}",
        listed.len()
    );
    assert!(
        broken_links(&site.out()).is_empty(),
        "{:?}",
        broken_links(&site.out())
    );
}

#[test]
fn the_actors_list_paginates_and_links_each_kind_where_it_starts() {
    let site = Site::from_fixture("small-site");
    for n in 0..250 {
        let kind = ["person", "media", "group"][n % 3];
        site.write(
            &format!("content/actors/many-{n:03}.md"),
            format!("---\nname: Many {n:03}\nkind: {kind}\n---\n"),
        );
    }
    site.build(&[]).expect_success();
    let mut listed = BTreeSet::new();
    for list in ["actors/", "actors/index-2.html", "actors/index-3.html"] {
        let on_page: BTreeSet<String> = page(&site, list)
            .targets()
            .into_iter()
            .filter(|t| t.starts_with("actors/many-"))
            .collect();
        assert!(on_page.len() <= 100, "{list}: {}", on_page.len());
        listed.extend(on_page);
    }
    assert_eq!(listed.len(), 250, "every actor on one of the pages");
    // Kind links on a later page reach the heading where each kind starts.
    let third = site.read("public/actors/index-3.html");
    assert!(
        third.contains("href=\"../actors/#kind_person\"")
            || third.contains("href=\"./#kind_person\""),
        "{}",
        &third[..third.len().min(3000)]
    );
    assert!(
        broken_links(&site.out()).is_empty(),
        "{:?}",
        broken_links(&site.out())
    );
}

// Content format v1.2: what the new fields bring to pages.

#[test]
fn responses_show_on_the_claim_its_cards_and_the_responders_page() {
    let site = built(&[]);
    // The claim's page: the response in full, with its source and text.
    let claim = page(&site, "claims/nis-killed-600/");
    let text = claim.main_text();
    for wanted in [
        "Denied by Korean Central News Agency, 2 May 2025",
        "Called the count a fabrication",
        "KCNA statement on South Korean figures",
        // Apart from the desk's verdict, which stays `reported`.
        "Reported",
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }
    // Every card of the claim says it in one line, with the claimants of
    // contradicting claims.
    let brief = page(&site, "briefs/second-brief/").main_text();
    assert!(
        brief.contains(
            "Denied by Korean Central News Agency, 2 May 2025 · Contradicted by Korean Central News Agency"
        ),
        "{brief}"
    );
    // Supported by another claimant; a response without a date.
    let first = page(&site, "briefs/first-brief/").main_text();
    assert!(
        first.contains("No comment from North Korea · Supported by Kim Jong Un"),
        "{first}"
    );
    // The responder's page lists what it said, linking the claim.
    let kcna = page(&site, "actors/kcna/");
    assert!(kcna.targets().contains("claims/nis-killed-600/"));
    assert!(
        kcna.main_text()
            .contains("Responses by Korean Central News Agency"),
        "{}",
        kcna.main_text()
    );
}

#[test]
fn changes_show_on_the_brief_newest_first_and_date_its_update() {
    let site = built(&[]);
    let text = page(&site, "briefs/second-brief/").main_text();
    let correction = text
        .find("14 May 2025 Correction: Corrected the date of the NIS briefing.")
        .unwrap_or_else(|| panic!("no correction: {text}"));
    let update = text
        .find("12 May 2025 Added the Korean Central News Agency denial")
        .unwrap_or_else(|| panic!("no update: {text}"));
    assert!(correction < update, "newest first: {text}");
    assert!(text.contains("Updated 14 May 2025"), "{text}");
    // The note's `[[kcna]]` is a link.
    assert!(page(&site, "briefs/second-brief/")
        .targets()
        .contains("actors/kcna/"));
    // The briefs list marks the updated brief, and the corrected one as
    // such (FORMAT §3), and no other.
    let list = page(&site, "briefs/");
    let items: Vec<String> = list
        .main()
        .select(&scraper::Selector::parse("li.brief-item").unwrap())
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let item = |title: &str| {
        items
            .iter()
            .find(|i| i.contains(title))
            .unwrap_or_else(|| panic!("no {title}: {items:?}"))
    };
    assert!(item("Losses in Kursk").contains("Updated 14 May 2025 · Corrected"));
    for other in items.iter().filter(|i| !i.contains("Losses in Kursk")) {
        assert!(!other.contains("Corrected"), "{other}");
    }
}

#[test]
fn judgements_show_what_they_rest_on_and_what_cuts_against_them() {
    let site = built(&[]);
    let second = page(&site, "briefs/second-brief/");
    let text = second.main_text();
    assert!(
        text.contains("1 claim from 1 claimant · B3 · 1 against · single source"),
        "{text}"
    );
    assert!(text.contains("1 claim against"), "{text}");
    assert!(second.targets().contains("claims/kcna-denies-losses/"));
    let first = page(&site, "briefs/first-brief/").main_text();
    assert!(
        first.contains("2 claims from 2 claimants · B2, 1 ungraded"),
        "{first}"
    );
}

#[test]
fn figures_carry_their_wording_and_forecasts_their_date() {
    let site = built(&[]);
    let claim = page(&site, "claims/nis-troops-15000/").main_text();
    assert!(
        claim.contains("about 15,000 troops (“some fifteen thousand”)"),
        "{claim}"
    );
    // No unit written: the measure's; an `as_of` after `said`: a forecast.
    let forecast = page(&site, "claims/nis-troops-forecast/").main_text();
    assert!(
        forecast.contains("about 25,000 troops, forecast for December 2025"),
        "{forecast}"
    );
    let measure = page(&site, "measures/dprk-troops/").main_text();
    assert!(measure.contains("some fifteen thousand"), "{measure}");
    // In the measure's tables, the forecast is labelled as one (in the
    // table of all figures and in its claimant's), the count is not; the
    // qualifier and wording have columns of their own.
    assert_eq!(
        measure.matches("25,000 troops Forecast about").count(),
        2,
        "{measure}"
    );
    assert!(!measure.contains("15,000 troops Forecast"), "{measure}");
    assert_eq!(
        measure
            .matches("15,000 troops about “some fifteen thousand”")
            .count(),
        2,
        "{measure}"
    );
}

#[test]
fn a_vessel_shows_its_identifiers_and_relations_read_both_ways() {
    let site = built(&[]);
    let ship = page(&site, "actors/eagle-s/");
    assert!(ship.main_text().contains("Vessel"));
    let ship_record = record(&ship);
    for (term, value) in [
        ("IMO number", "9329760"),
        ("MMSI", "518998000"),
        ("Flag", "CK (Cook Islands)"),
        ("Call sign", "E5U4211"),
        // Declared by the owner's file, read backwards here.
        (
            "Owned by",
            "Caravella LLC FZ (since June 2023) [source: Ship record of the Eagle S]",
        ),
    ] {
        assert!(
            ship_record.contains(&(term.to_string(), value.to_string())),
            "the ship's record lacks {term}: {value}; it has {ship_record:?}"
        );
    }
    // Its source is on the page of the actor whose file names it.
    assert!(
        ship.targets().contains("actors/caravella/"),
        "{:?}",
        ship.targets()
    );
    let owner = page(&site, "actors/caravella/");
    let text = owner.main_text();
    assert!(record(&owner).contains(&(
        "Owns".to_string(),
        "Eagle S (since June 2023) [source: Ship record of the Eagle S]".to_string()
    )));
    assert!(
        text.contains("Document · direct access · retrieved 2 January 2025 · archived copy"),
        "{text}"
    );
    assert!(owner
        .links()
        .iter()
        .any(|l| l.href == "https://web.archive.org/web/2025/https://www.equasis.org/"));
    // A spokesperson reads as such on both pages; a company is no member.
    let state = page(&site, "actors/north-korea/");
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert!(record(&state).contains(&pair("Spokesperson", "Korean Central News Agency")));
    assert!(!state.main_text().contains("Caravella"));
    let agency = page(&site, "actors/kcna/");
    assert!(record(&agency).contains(&pair("Spokesperson for", "North Korea")));
}

/// The terms and values of a page's record (`<dt>` and `<dd>` pairs in
/// `<main>`), white space collapsed.
fn record(page: &Page) -> Vec<(String, String)> {
    let pairs = scraper::Selector::parse("dl > div").unwrap();
    let (dt, dd) = (
        scraper::Selector::parse("dt").unwrap(),
        scraper::Selector::parse("dd").unwrap(),
    );
    let text = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    page.main()
        .select(&pairs)
        .filter_map(|div| Some((text(div.select(&dt).next()?), text(div.select(&dd).next()?))))
        .collect()
}

#[test]
fn an_actor_lists_and_counts_the_claims_of_its_spokespersons_and_members() {
    let site = built(&[]);
    let state = page(&site, "actors/north-korea/");
    let text = state.main_text();
    assert!(
        text.contains("Claims made for North Korea by its spokespersons and members (2)"),
        "{text}"
    );
    // Marked with who made each, and how: a spokesperson first.
    assert!(
        text.contains("via its spokesperson Korean Central News Agency"),
        "{text}"
    );
    assert!(text.contains("by its member Kim Jong Un"), "{text}");
    // On the actors list, North Korea made claims (through them).
    let list = page(&site, "actors/").main_text();
    assert!(
        list.contains("2 claims made (2 by its spokespersons and members)"),
        "{list}"
    );
    // A member's claim in a draft counts only when drafts are published.
    site.replace(
        "content/briefs/draft-brief.md",
        "    by: nis\n",
        "    by: kim-jong-un\n",
    );
    for (args, count) in [(&[][..], 2), (&["--drafts"][..], 3)] {
        site.build(args).expect_success();
        let text = page(&site, "actors/north-korea/").main_text();
        let heading =
            format!("Claims made for North Korea by its spokespersons and members ({count})");
        assert!(text.contains(&heading), "{args:?}: {text}");
        assert_eq!(text.contains("Something not yet checked."), count == 3);
    }
}

#[test]
fn a_source_says_in_one_line_what_it_is_and_how_it_knows() {
    let site = built(&[]);
    let brief = page(&site, "briefs/first-brief/");
    let text = brief.main_text();
    assert!(
        text.contains("a senior South Korean official (anonymous). Anonymous · Interview · direct access · in Korean, translated by the desk"),
        "{text}"
    );
    assert!(
        text.contains("Official statement · indirect access"),
        "{text}"
    );
    // Counted in the judgement's evidence line.
    assert!(
        text.contains("1 official statement, 1 interview · 1 anonymous source"),
        "{text}"
    );
    let claim = page(&site, "claims/nis-troops-15000/").main_text();
    assert!(
        claim.contains("in Korean, translated by the desk"),
        "{claim}"
    );
    // An anonymous source is never an actor: no page, no link.
    assert!(!site.out().join("actors/official").exists());
}

/// FORMAT v1.3: a time of day with its zone, shown as written and in UTC,
/// in `<time datetime>`, in the data files, and placed on the timeline by
/// its UTC date.
#[test]
fn times_of_day_show_as_written_and_in_utc() {
    let site = Site::from_fixture("small-site");
    site.replace(
        "content/claims/nis-killed-600.md",
        "said: 2025-04-30\n",
        "said: 2025-04-30\nwhen: {from: 2025-04-01T01:00+02:00, to: 2025-04-02T03:00Z}\n",
    );
    site.build(&[]).expect_success();
    let claim = site.read("public/claims/nis-killed-600/index.html");
    assert!(
        claim.contains(
            "<time datetime=\"2025-04-01T01:00+02:00\">1 April 2025, 01:00 UTC+02:00 (31 March 2025, 23:00 UTC)</time>"
        ),
        "{claim}"
    );
    assert!(
        claim.contains("<time datetime=\"2025-04-02T03:00Z\">2 April 2025, 03:00 UTC</time>"),
        "{claim}"
    );
    let csv = site.read("public/data/claims.csv");
    assert!(
        csv.contains(",2025-04-01T01:00+02:00/2025-04-02T03:00Z,"),
        "{csv}"
    );
    let json = site.read("public/data/claims.json");
    assert!(
        json.contains("\"from\": \"2025-04-01T01:00+02:00\"")
            || json.contains("\"from\":\"2025-04-01T01:00+02:00\""),
        "{json}"
    );
    // The event began on 31 March in UTC: the timeline's chart counts it
    // there, not in April (the chart starts in March).
    let timeline = site.read("public/timeline/index.html");
    assert!(timeline.contains("From March 2025 to"), "{timeline}");
}
