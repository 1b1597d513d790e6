//! What a reader meets, as the built-in theme prints it: a header that is
//! a title and a menu behind a disclosure, breadcrumbs that never repeat
//! the page's title, the reading guide ("How to read this site": built
//! in, replaced by a site page of its id or by a template) linked from
//! every page, verdicts and grades explained where they are read,
//! contents at the top of every page of sections, and `dir` on text in
//! right-to-left scripts. Heights, the first screen and the margin are
//! measured in a browser by tests/browser/reading.mjs.

use crate::fixtures::{dossier, files_under, fixture_dir, repository, Site};
use crate::links::{resolve, site_path, Page};
use dossier::model::{Credibility, Likelihood, Reliability, Status};
use scraper::{ElementRef, Selector};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fixture and the repository's example site, each built into a
/// temporary folder: (the folder, kept while it is used; the output).
fn sites() -> Vec<(TempDir, PathBuf)> {
    [fixture_dir("small-site"), repository()]
        .into_iter()
        .map(|root| {
            let temp = tempfile::tempdir().unwrap();
            let out = temp.path().join("public");
            dossier(&[
                "build".as_ref(),
                "--root".as_ref(),
                root.as_os_str(),
                "--out".as_ref(),
                out.as_os_str(),
            ])
            .expect_success();
            (temp, out)
        })
        .collect()
}

/// Every HTML page of an output folder, parsed.
fn pages(out: &Path) -> Vec<Page> {
    files_under(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| Page::open(out, &f))
        // Redirect pages are a link and a refresh, no more.
        .filter(|p| {
            p.html
                .select(&selector("meta[http-equiv=refresh]"))
                .next()
                .is_none()
        })
        .collect()
}

/// Where a link of `page` leads, as a site path.
fn target(page: &Page, a: ElementRef<'_>) -> Option<String> {
    let href = a.value().attr("href")?;
    resolve(&page.path, href)
        .ok()
        .flatten()
        .map(|r| site_path(&r.file))
}

#[test]
fn every_header_is_the_title_and_a_menu_disclosure_with_nav_and_search() {
    for (_temp, out) in sites() {
        for page in pages(&out) {
            let where_ = format!("{} of {}", page.path, out.display());
            let headers: Vec<_> = page.html.select(&selector("body > header")).collect();
            assert_eq!(headers.len(), 1, "{where_}: one site header");
            let header = headers[0];
            // The bar holds the title and the disclosure, nothing else.
            let bar: Vec<String> = header
                .select(&selector(".wrap > *"))
                .map(|e| e.value().name().to_string())
                .collect();
            assert_eq!(bar, ["p", "details"], "{where_}: {}", header.html());
            let menu = header
                .select(&selector("details.site-menu"))
                .next()
                .unwrap();
            assert!(menu.value().attr("open").is_none(), "{where_}: open menu");
            let summary = menu.select(&selector(":scope > summary")).next();
            assert_eq!(summary.map(text).as_deref(), Some("Menu"), "{where_}");
            let nav = menu
                .select(&selector("nav[aria-label=Main] a[href]"))
                .count();
            assert!(nav >= 7, "{where_}: the navigation is not in the menu");
            let search = menu.select(&selector("form[role=search]")).count();
            let expected = usize::from(!page.path.starts_with("search/index"));
            assert_eq!(search, expected, "{where_}: the search field");
            assert!(
                header.select(&selector("script")).next().is_none(),
                "{where_}: the menu needs no script"
            );
        }
    }
}

#[test]
fn breadcrumbs_name_the_ancestors_never_the_page_itself() {
    let mut seen = 0;
    for (_temp, out) in sites() {
        for page in pages(&out) {
            let Some(h1) = page.html.select(&selector("main h1")).next() else {
                continue;
            };
            let title = text(h1);
            let Some(crumbs) = page.html.select(&selector("nav.breadcrumbs")).next() else {
                continue;
            };
            seen += 1;
            let crumbs_text = text(crumbs);
            assert!(
                !crumbs_text.contains(&title),
                "{}: the breadcrumb `{crumbs_text}` repeats the title `{title}`",
                page.path
            );
            let items = crumbs.select(&selector("li")).count();
            let links: Vec<_> = crumbs.select(&selector("li > a[href]")).collect();
            assert_eq!(items, links.len(), "{}: a crumb is not a link", page.path);
            assert!(items >= 2, "{}: a breadcrumb of Home alone", page.path);
            for a in links {
                let to = target(&page, a).expect("an internal link");
                assert_ne!(
                    page.path,
                    crate::links::output_file(&to),
                    "{}: a crumb links the page itself",
                    page.path
                );
            }
        }
    }
    assert!(seen > 20, "only {seen} pages have breadcrumbs");
}

#[test]
fn the_reading_guide_explains_every_verdict_grade_and_likelihood() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", "https://example.org/"])
        .expect_success();
    let out = site.out();
    let guide = Page::open(&out, "how-to-read/index.html");
    assert_eq!(
        text(guide.html.select(&selector("h1")).next().unwrap()),
        "How to read this site"
    );
    // Every verdict the format knows, with a meaning in words.
    let verdicts = guide.by_id("verdicts").expect("a Verdicts section");
    let section = ElementRef::wrap(verdicts.parent().unwrap()).unwrap();
    let terms: Vec<(String, String)> = section
        .select(&selector("dl > div"))
        .map(|d| {
            let dt = d
                .select(&selector("dt"))
                .next()
                .map(text)
                .unwrap_or_default();
            let dd = d
                .select(&selector("dd"))
                .next()
                .map(text)
                .unwrap_or_default();
            (dt, dd)
        })
        .collect();
    let labels: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    let wanted: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels, wanted);
    for (term, meaning) in &terms {
        assert!(meaning.len() > 15, "{term}: no meaning, `{meaning}`");
    }
    // The tables of grades and likelihoods, row by row.
    let rows: Vec<String> = guide
        .main()
        .select(&selector("tbody tr"))
        .map(|tr| {
            tr.children()
                .filter_map(ElementRef::wrap)
                .map(text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for r in Reliability::ALL {
        assert!(
            rows.contains(&format!("{} {}", r.as_str(), r.label())),
            "{r}: {rows:?}"
        );
    }
    for c in Credibility::ALL {
        assert!(
            rows.contains(&format!("{} {}", c.as_str(), c.label())),
            "{c}: {rows:?}"
        );
    }
    for l in Likelihood::ALL {
        assert!(
            rows.contains(&format!("{} {}", l.label(), l.range())),
            "{l}: {rows:?}"
        );
    }
    let all = guide.main_text();
    for words in [
        "Low confidence",
        "Moderate confidence",
        "High confidence",
        "Confirms",
        "Denies",
        "Disputes",
        "Acknowledges",
        "Declines to comment",
        "“Confirmed” beside “Grade D1” is no contradiction",
    ] {
        assert!(all.contains(words), "the guide lacks `{words}`");
    }
    // It starts with its contents, and the sitemap lists it.
    let contents: Vec<String> = guide
        .html
        .select(&selector("nav.toc a[href]"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        contents,
        [
            "#verdicts",
            "#grades",
            "#likelihood",
            "#confidence",
            "#responses"
        ]
    );
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/how-to-read/</loc>"));
    // Every page's footer links it.
    for page in pages(&out) {
        let footer = page.html.select(&selector("footer")).next().unwrap();
        let linked = footer
            .select(&selector("a[href]"))
            .filter_map(|a| target(&page, a))
            .any(|t| t == "how-to-read/");
        let absolute = footer
            .select(&selector("a[href='/how-to-read/']"))
            .next()
            .is_some();
        assert!(
            linked || (page.path == "404.html" && absolute),
            "{}: no link to the guide in the footer",
            page.path
        );
    }
}

#[test]
fn a_site_page_of_the_guides_id_replaces_it_and_a_template_can_too() {
    let site = Site::from_fixture("small-site");
    site.write(
        "content/pages/how-to-read.md",
        "---\ntitle: Reading our briefs\n---\nOur grades, in our words.\n\n## Verdicts\n\nWhat we mean.\n",
    );
    site.build(&[]).expect_success();
    let guide = Page::open(&site.out(), "how-to-read/index.html");
    assert_eq!(
        text(guide.html.select(&selector("h1")).next().unwrap()),
        "Reading our briefs"
    );
    assert!(
        !guide.main_text().contains("Admiralty"),
        "the built-in guide"
    );
    let brief = Page::open(&site.out(), "briefs/first-brief/index.html");
    let footer = brief.html.select(&selector("footer")).next().unwrap();
    assert!(footer
        .select(&selector("a[href]"))
        .filter_map(|a| target(&brief, a))
        .any(|t| t == "how-to-read/"));

    let site = Site::from_fixture("small-site");
    site.write(
        "templates/how_to_read.html",
        "{% extends \"builtin/how_to_read.html\" %}{% block intro %}<p class=\"lede\">In our own words.</p>{% endblock intro %}",
    );
    site.build(&[]).expect_success();
    let guide = Page::open(&site.out(), "how-to-read/index.html");
    let all = guide.main_text();
    assert!(all.contains("In our own words.") && all.contains("Source reliability"));
}

#[test]
fn verdicts_and_grades_are_explained_where_they_are_read() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    let guide_linked = |page: &Page, scope: ElementRef<'_>| {
        scope
            .select(&selector("a[href]"))
            .filter_map(|a| target(page, a))
            .any(|t| t == "how-to-read/")
    };
    // Each claim card: its verdict, grade and confidence in words, a step
    // away (a disclosure, not a tooltip), and the guide.
    let brief = Page::open(&out, "briefs/first-brief/index.html");
    let cards: Vec<_> = brief.main().select(&selector(".claim-card")).collect();
    assert_eq!(cards.len(), 2);
    for card in &cards {
        let explain = card
            .select(&selector("details.explain"))
            .next()
            .expect("an explanation under the badges");
        let words = text(explain);
        assert!(words.contains("is the desk’s verdict"), "{words}");
        assert!(guide_linked(&brief, explain), "{words}");
    }
    let graded = text(
        cards[0]
            .select(&selector("details.explain"))
            .next()
            .unwrap(),
    );
    assert!(
        graded.contains("Reported is the desk’s verdict. Recorded as the claimant made it")
            && graded.contains("Grade B2 rates the source and the report, not the verdict: source reliability B (usually reliable), information credibility 2 (probably true)."),
        "{graded}"
    );
    let confirmed = text(
        cards[1]
            .select(&selector("details.explain"))
            .next()
            .unwrap(),
    );
    assert!(
        confirmed.contains("Confirmed is the desk’s verdict. Established"),
        "{confirmed}"
    );
    // Lists of claims say what verdicts and grades mean once, in a key
    // that names every verdict and links the guide, not under each item.
    for path in ["actors/nis/index.html", "claims/index.html"] {
        let page = Page::open(&out, path);
        let items = page.main().select(&selector(".claim-item")).count();
        assert!(items >= 1, "{path}");
        let keys: Vec<_> = page
            .main()
            .select(&selector("details.claims-key"))
            .collect();
        assert_eq!(keys.len(), 1, "{path}: one key for the list");
        let words = text(keys[0]);
        for label in [
            "Reported",
            "Confirmed",
            "Disputed",
            "Misleading",
            "False",
            "Retracted",
        ] {
            assert!(words.contains(label), "{path}: {words}");
        }
        assert!(words.contains("rates the source and the report"), "{words}");
        assert!(guide_linked(&page, keys[0]), "{path}");
        let per_item = page
            .main()
            .select(&selector(".claim-item details.explain"))
            .count();
        assert_eq!(per_item, 0, "{path}: no explanation repeated per item");
    }
    // The claim's own record says what its status means.
    let claim = Page::open(&out, "claims/nis-killed-600/index.html");
    let record = claim.main().select(&selector("dl.record")).next().unwrap();
    assert!(
        text(record).contains(
            "Reported, as of 14 May 2025 (the desk’s verdict). Recorded as the claimant made it"
        ),
        "{}",
        text(record)
    );
    assert!(guide_linked(&claim, claim.main()));
    // A table of figures says what its Status and Grade columns mean.
    let measure = Page::open(&out, "measures/dprk-troops/index.html");
    let note = measure
        .main()
        .select(&selector(".table-note"))
        .next()
        .unwrap();
    assert!(text(note).contains("Grade rates its source, from A"));
    assert!(guide_linked(&measure, note));
    // Key judgements say what their likelihood and confidence mean.
    let judgements = brief
        .main()
        .select(&selector(".judgements"))
        .next()
        .unwrap();
    let note = judgements
        .select(&selector(".table-note"))
        .next()
        .expect("a note under graded key judgements");
    assert!(
        text(note).contains("Directive 203") && text(note).contains("confidence is how sound"),
        "{}",
        text(note)
    );
    assert!(guide_linked(&brief, note));
    // Judgements without likelihood or confidence need no note.
    let site = Site::from_fixture("small-site");
    site.replace(
        "content/briefs/2025/first-brief.md",
        "    likelihood: likely\n    confidence: moderate\n",
        "",
    );
    site.build(&[]).expect_success();
    let brief = Page::open(&site.out(), "briefs/first-brief/index.html");
    assert!(brief
        .main()
        .select(&selector(".judgements"))
        .next()
        .is_some());
    assert!(brief
        .main()
        .select(&selector(".judgements .table-note"))
        .next()
        .is_none());
}

/// The `h2`s of `main` with an id, in order, and the position of each.
fn sections(main: ElementRef<'_>) -> Vec<String> {
    main.select(&selector("h2[id]"))
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect()
}

#[test]
fn pages_of_sections_start_with_their_contents() {
    let mut with_contents = 0;
    for (_temp, out) in sites() {
        for page in pages(&out) {
            let body = page.html.select(&selector("body")).next().unwrap();
            let kind = body.value().attr("class").unwrap_or_default();
            if ![
                "kind-home",
                "kind-brief",
                "kind-actor",
                "kind-claim",
                "kind-measure",
                "kind-page",
                "kind-how-to-read",
            ]
            .contains(&kind)
            {
                continue;
            }
            let main = page.main();
            let ids = sections(main);
            // The bottom line and key judgements come first on a brief.
            let body_sections: Vec<&String> = ids
                .iter()
                .filter(|id| {
                    !["bottom_line", "key_judgements", "toc_heading"].contains(&id.as_str())
                })
                .collect();
            if body_sections.len() < 2 {
                continue;
            }
            let Some(toc) = main.select(&selector("nav.toc")).next() else {
                panic!(
                    "{}: {} sections and no contents",
                    page.path,
                    body_sections.len()
                );
            };
            with_contents += 1;
            let listed: Vec<String> = toc
                .select(&selector("a[href^='#']"))
                .map(|a| a.value().attr("href").unwrap()[1..].to_string())
                .collect();
            for id in &body_sections {
                assert!(
                    listed.contains(id),
                    "{}: the contents {listed:?} leave out #{id}",
                    page.path
                );
            }
            // Before every section it lists: nothing but the page's head,
            // its record and the bottom line precede it.
            let position = |id: &str| main.html().find(&format!("id=\"{id}\"")).unwrap();
            let toc_at = position("toc_heading");
            for id in &body_sections {
                assert!(
                    toc_at < position(id),
                    "{}: the contents come after #{id}",
                    page.path
                );
            }
        }
    }
    assert!(
        with_contents > 20,
        "only {with_contents} pages with contents"
    );
}

#[test]
fn right_to_left_text_carries_its_direction() {
    let site = Site::from_fixture("small-site");
    site.replace(
        "content/actors/kcna.md",
        "name: Korean Central News Agency\n",
        "name: وكالة الأنباء المركزية الكورية\nname_lang: ar\n",
    );
    site.replace(
        "content/claims/nis-killed-600.md",
        "said: 2025-04-30\n",
        "said: 2025-04-30\nquote: הם נהרגו\nquote_lang: he\n",
    );
    site.replace(
        "content/actors/nis.md",
        "name: National Intelligence Service\n",
        "name: جهاز الاستخبارات الوطني\n",
    );
    site.replace(
        "content/briefs/2025/first-brief.md",
        "title: KCNA report",
        "title: تقرير وكالة الأنباء",
    );
    site.build(&[]).expect_success();
    let out = site.out();
    let kim = fs::read_to_string(out.join("actors/kim-jong-un/index.html")).unwrap();
    // An alias in Korean is marked as such; one in Arabic script without a
    // tag is left to the browser, which reads its direction from the text.
    assert!(kim.contains("<span class=\"alias\" lang=\"ko\" dir=\"ltr\">김정은</span>"));
    assert!(kim.contains("<span class=\"alias\" dir=\"auto\">كيم جونغ أون</span>"));
    assert!(kim.contains("<html lang=\"en\" dir=\"ltr\">"));
    // A name given in Arabic: its page's title and every link to it.
    let kcna = fs::read_to_string(out.join("actors/kcna/index.html")).unwrap();
    assert!(kcna
        .contains("<h1><span lang=\"ar\" dir=\"rtl\">وكالة الأنباء المركزية الكورية</span></h1>"));
    let brief = fs::read_to_string(out.join("briefs/first-brief/index.html")).unwrap();
    let links = brief
        .matches("href=\"../../actors/kcna/\" lang=\"ar\" dir=\"rtl\">")
        .count();
    assert!(links >= 2, "{links} links to KCNA marked (via and actors)");
    // Wherever its page names it, in headings and sentences too.
    let named = kcna
        .matches("<span lang=\"ar\" dir=\"rtl\">وكالة الأنباء المركزية الكورية</span>")
        .count();
    assert!(named >= 4, "{named} names marked on the actor's page");
    // A name in Arabic script without a tag, and a source's title in it:
    // the browser reads their direction from the text, wherever they are.
    let nis = fs::read_to_string(out.join("actors/nis/index.html")).unwrap();
    assert!(nis.contains("<h1><span dir=\"auto\">جهاز الاستخبارات الوطني</span></h1>"));
    let nis_links = brief
        .matches("href=\"../../actors/nis/\" dir=\"auto\">جهاز الاستخبارات الوطني</a>")
        .count();
    assert!(
        nis_links >= 2,
        "{nis_links} links to NIS left to the browser"
    );
    assert!(brief.contains("dir=\"auto\">تقرير وكالة الأنباء</"));
    // A quote in Hebrew, on the claim's page.
    let claim = fs::read_to_string(out.join("claims/nis-killed-600/index.html")).unwrap();
    assert!(claim.contains("<blockquote lang=\"he\" dir=\"rtl\"><p>הם נהרגו</p></blockquote>"));
    // A site in Arabic.
    let site = Site::from_fixture("small-site");
    site.replace("site.yaml", "language: en", "language: ar");
    site.build(&[]).expect_success();
    let home = fs::read_to_string(site.out().join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"ar\" dir=\"rtl\">"));
}

#[test]
fn a_brief_shows_its_newest_correction_first_and_every_change_at_its_end() {
    let site = Site::from_fixture("small-site");
    // An update after the correction, and a bottom line: the correction
    // shows right under it, the update only in the list (and the date
    // line).
    site.replace(
        "content/briefs/second-brief.md",
        "changes:\n",
        "summary: About 600 soldiers died.\nchanges:\n  - {date: 2025-05-20, note: Added a map.}\n",
    );
    site.build(&[]).expect_success();
    let brief = Page::open(&site.out(), "briefs/second-brief/index.html");
    let main = brief.main();
    let notes: Vec<String> = main.select(&selector(".change-note")).map(text).collect();
    assert_eq!(
        notes,
        ["Correction 14 May 2025: Corrected the date of the NIS briefing. All 3 changes"]
    );
    let html = main.html();
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("no {needle} in {html}"))
    };
    // The bottom line first, then the correction, then the judgements.
    assert!(at("id=\"bottom_line\"") < at("class=\"change-note\""));
    assert!(at("class=\"change-note\"") < at("id=\"key_judgements\""));
    assert!(
        text(main.select(&selector(".dateline")).next().unwrap()).contains("Updated 20 May 2025")
    );
    // The whole list comes after the body, and the contents link it.
    assert!(at("id=\"brief_changes\"") > at("class=\"prose\""));
    let list: Vec<String> = main
        .select(&selector("section.changes li"))
        .map(text)
        .collect();
    assert_eq!(list.len(), 3, "{list:?}");
    assert!(list[0].starts_with("20 May 2025"), "{list:?}");
    let toc = main.select(&selector("nav.toc")).next().expect("contents");
    assert!(toc
        .select(&selector("a[href='#brief_changes']"))
        .next()
        .is_some());
    // Updates alone add nothing above the fold.
    let site = Site::from_fixture("small-site");
    site.replace("content/briefs/second-brief.md", ", kind: correction}", "}");
    site.build(&[]).expect_success();
    let brief = Page::open(&site.out(), "briefs/second-brief/index.html");
    assert!(brief
        .main()
        .select(&selector(".change-note"))
        .next()
        .is_none());
    assert_eq!(
        brief.main().select(&selector("section.changes li")).count(),
        2
    );
}

#[test]
fn judgements_and_claims_can_be_cited_precisely() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    let brief = Page::open(&out, "briefs/first-brief/index.html");
    let main = brief.main();
    // Every key judgement and every claim card: a stable anchor and a
    // visible link to it, named for screen readers.
    let judgements: Vec<_> = main.select(&selector("li.judgement")).collect();
    assert!(!judgements.is_empty());
    for (i, j) in judgements.iter().enumerate() {
        let id = format!("judgement_{}", i + 1);
        assert_eq!(j.value().attr("id"), Some(id.as_str()));
        let link = j
            .select(&selector("a.permalink"))
            .next()
            .expect("a permalink");
        assert_eq!(link.value().attr("href"), Some(format!("#{id}").as_str()));
        assert!(text(link).contains('#') && text(link).contains("Link to key judgement"));
    }
    let cards: Vec<_> = main.select(&selector("li.claim-card")).collect();
    assert_eq!(cards.len(), 2);
    for card in &cards {
        let id = card.value().attr("id").expect("a card's anchor");
        assert!(id.starts_with("claim_"), "{id}");
        let link = card
            .select(&selector("a.permalink"))
            .next()
            .expect("a permalink");
        assert_eq!(link.value().attr("href"), Some(format!("#{id}").as_str()));
    }
    let card = cards
        .iter()
        .find(|c| c.value().attr("id") == Some("claim_nis-troops-15000"))
        .expect("the anchor is the claim's own id");
    // A card's source links to the brief's list of sources, where the
    // source is described once.
    let source_links: Vec<String> = card
        .select(&selector(".claim-line a[href^='#source_']"))
        .map(|a| a.value().attr("href").unwrap()[1..].to_string())
        .collect();
    assert!(!source_links.is_empty(), "{}", card.html());
    for id in &source_links {
        let entry = brief.by_id(id).expect("the source in the list");
        assert_eq!(entry.value().name(), "li");
    }
    // "Cite this": title, desk, date, where, and the reader's date.
    let cite = main
        .select(&selector("details.cite .citation"))
        .next()
        .expect("a citation");
    let words = text(cite);
    let title = text(main.select(&selector("h1")).next().unwrap());
    assert!(words.contains(&format!("“{title}.”")), "{words}");
    assert!(words.contains("/briefs/first-brief/"), "{words}");
    assert!(words.contains("Accessed"), "{words}");
    let claim = Page::open(&out, "claims/nis-killed-600/index.html");
    let words = text(
        claim
            .main()
            .select(&selector("details.cite .citation"))
            .next()
            .expect("a claim's citation"),
    );
    assert!(
        words.contains("“Claim: ") && words.contains("/claims/nis-killed-600/"),
        "{words}"
    );
    // With a base URL, the citation gives the page's address in full.
    site.build(&["--base-url", "https://desk.example.org/briefing"])
        .expect_success();
    let brief = Page::open(&out, "briefs/first-brief/index.html");
    let words = text(brief.main().select(&selector(".citation")).next().unwrap());
    assert!(
        words.contains("https://desk.example.org/briefing/briefs/first-brief/"),
        "{words}"
    );
}
