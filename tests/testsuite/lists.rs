//! The ways into a long list of claims: a page per verdict, per grade and
//! per month made, the claimants, the grade matrix, true counts, and a
//! timeline whose chart covers the whole list and links to it.

use crate::fixtures::Site;
use crate::links::{broken_links, Page};
use scraper::Selector;

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// A desk with three actors and `n` claims a verdict, spread over months
/// of 2023 and 2024, graded by their claimant's reliability and their own
/// credibility.
fn desk(site: &Site, per_status: usize) {
    site.write("site.yaml", "title: Desk\n");
    for (id, reliability) in [("kremlin", "C"), ("nis", "B"), ("kcna", "D")] {
        site.write(
            &format!("content/actors/{id}.md"),
            format!(
                "---\nname: {}\nkind: agency\nreliability: {reliability}\n---\n",
                id.to_uppercase()
            ),
        );
    }
    let statuses = ["confirmed", "reported", "disputed", "false"];
    let claimants = ["kremlin", "nis", "kcna"];
    let mut k = 0;
    for status in statuses {
        for i in 0..per_status {
            let by = claimants[k % 3];
            let month = 1 + k % 12;
            let year = 2023 + (k / 12) % 2;
            let credibility = 1 + k % 3;
            site.write(
                &format!("content/claims/{status}-{i}.md"),
                format!("---\ntext: Claim {k}, {status}.\nby: {by}\nsaid: {year}-{month:02}-03\nstatus: {status}\ncredibility: {credibility}\n---\n"),
            );
            k += 1;
        }
    }
}

#[test]
fn every_verdict_grade_claimant_and_month_has_its_page_with_true_counts() {
    let site = Site::empty();
    // 60 claims a verdict: more than a page (50) of each.
    desk(&site, 60);
    // One claim without a grade (no credibility), dated by the year alone.
    site.write(
        "content/claims/loose.md",
        "---\ntext: A loose claim.\nby: nis\nsaid: 2022\n---\n",
    );
    site.build(&[]).expect_success();
    let out = site.out();
    assert!(broken_links(&out).is_empty(), "{:#?}", broken_links(&out));

    // The claims list says how many claims each verdict has in all, not on
    // the page, and links to the verdict's own list.
    let index = Page::open(&out, "claims/index.html");
    let heading = index
        .html
        .select(&selector("h2#status_confirmed"))
        .next()
        .expect("no Confirmed heading");
    let text: String = heading.text().collect();
    assert!(text.contains("50 here of 60"), "{text}");
    let nav = index
        .html
        .select(&selector("nav.facets"))
        .next()
        .expect("no ways into the claims");
    let nav_text: String = nav.text().collect::<String>();
    let nav_text = nav_text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(nav_text.contains("Ways into the 241 claims"), "{nav_text}");
    // `loose` has no status: it is reported.
    for (label, count) in [
        ("Confirmed", 60),
        ("Reported", 61),
        ("Disputed", 60),
        ("False", 60),
    ] {
        assert!(
            nav_text.contains(&format!("{label} {count}")),
            "{label} {count} in {nav_text}"
        );
    }
    let targets = index.targets();
    for page in [
        "claims/confirmed.html",
        "claims/reported.html",
        "claims/disputed.html",
        "claims/false.html",
        "claims/claimants.html",
        "timeline/",
        "claims/grade-b2.html",
        "claims/grade-ungraded.html",
    ] {
        assert!(targets.contains(page), "no link to {page}: {targets:#?}");
    }

    // A verdict's list has only its claims, on as many pages as it needs.
    let confirmed = Page::open(&out, "claims/confirmed.html");
    let main = confirmed.main_text();
    assert!(main.contains("Claims the desk judges confirmed"), "{main}");
    assert!(
        !main.contains("Claim 60, reported."),
        "another verdict's claim"
    );
    let items = confirmed.html.select(&selector("ul.cards li")).count();
    assert_eq!(items, 50);
    let second = Page::open(&out, "claims/confirmed-2.html");
    assert_eq!(second.html.select(&selector("ul.cards li")).count(), 10);
    assert!(!out.join("claims/confirmed-3.html").exists());
    assert!(
        !out.join("claims/retracted.html").exists(),
        "a verdict without claims has no page"
    );

    // The grade matrix: reliability by credibility, each count a link to
    // that grade's claims; B1 is NIS's claims of credibility 1.
    let matrix = index
        .html
        .select(&selector("table.grade-matrix"))
        .next()
        .expect("no grade matrix");
    let cells: Vec<String> = matrix
        .select(&selector("tbody tr"))
        .map(|row| row.text().collect::<Vec<_>>().join("|"))
        .collect();
    assert_eq!(cells.len(), 6, "{cells:#?}");
    // k % 3 decides both the claimant and the credibility: KREMLIN (C) 1,
    // NIS (B) 2, KCNA (D) 3; 80 each.
    let grade = Page::open(&out, "claims/grade-b2.html");
    assert!(grade.main_text().contains("Claims graded B2"));
    let b2: usize = grade.html.select(&selector("ul.cards li")).count()
        + Page::open(&out, "claims/grade-b2-2.html")
            .html
            .select(&selector("ul.cards li"))
            .count();
    assert_eq!(b2, 80);
    for (row, cell) in [("C", "C1"), ("B", "B2"), ("D", "D3")] {
        let line = cells.iter().find(|c| c.starts_with(row)).unwrap();
        assert!(line.contains(&format!("{cell}: |80")), "{line}");
    }
    let ungraded = Page::open(&out, "claims/grade-ungraded.html");
    assert!(ungraded.main_text().contains("A loose claim."));

    // The claimants, most claims first, with their verdicts.
    let claimants = Page::open(&out, "claims/claimants.html");
    let rows: Vec<String> = claimants
        .html
        .select(&selector("table.claimants tbody tr"))
        .map(|row| {
            row.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(rows[0].starts_with("NIS"), "{rows:#?}");
    assert!(rows[0].contains(" 81 "), "{rows:#?}");
    assert!(
        rows[0].contains("20 confirmed · 21 reported · 20 disputed · 20 false"),
        "{rows:#?}"
    );
}

#[test]
fn the_timeline_indexes_every_month_and_its_chart_covers_the_whole_list() {
    let site = Site::empty();
    desk(&site, 30);
    // A claim years before the others: the chart goes by year.
    site.write(
        "content/claims/old.md",
        "---\ntext: An old claim.\nby: nis\nsaid: 2015-06-01\ncredibility: 2\n---\n",
    );
    site.build(&[]).expect_success();
    let out = site.out();
    assert!(broken_links(&out).is_empty(), "{:#?}", broken_links(&out));
    let timeline = Page::open(&out, "timeline/index.html");
    // The index: a row a year, each month's count a link to its page.
    let rows: Vec<String> = timeline
        .html
        .select(&selector("table.month-index tbody tr"))
        .map(|r| r.value().attr("id").unwrap_or_default().to_string())
        .collect();
    assert_eq!(rows, ["y2024", "y2023", "y2015"]);
    let targets = timeline.targets();
    for month in [
        "timeline/2015-06.html",
        "timeline/2023-01.html",
        "timeline/2024-12.html",
    ] {
        assert!(targets.contains(month), "no link to {month}");
    }
    // 120 claims over 24 months: 5 a month.
    let june = Page::open(&out, "timeline/2023-06.html");
    assert_eq!(
        june.html.select(&selector("ul.timeline-list li")).count(),
        5
    );
    assert!(june.main_text().contains("Claims made in June 2023"));
    let nav: Vec<String> = june
        .html
        .select(&selector("nav.month-nav a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(nav, ["← May 2023", "All months", "July 2023 →"], "{nav:#?}");
    // The chart spans 2015 to 2024 by year, its bars links to the index.
    let chart = timeline
        .html
        .select(&selector("figure.chart-figure svg"))
        .next()
        .expect("no chart");
    let svg = chart.html();
    assert!(svg.contains("From 2015 to 2024"), "{svg}");
    assert!(svg.contains("Claims per year"), "{svg}");
    for year in ["#y2015", "#y2023", "#y2024"] {
        assert!(
            svg.contains(&format!("href=\"{year}\"")),
            "no bar linked to {year}"
        );
    }
    assert!(
        !svg.contains("href=\"#y2016\""),
        "an empty year has no link"
    );
    // The newest claims follow, each month linking to its page with its
    // true count.
    let newest: String = timeline
        .html
        .select(&selector("section h3"))
        .next()
        .expect("no month heading")
        .text()
        .collect();
    assert!(newest.contains("December 2024"), "{newest}");
    assert!(
        !out.join("timeline/index-2.html").exists(),
        "months replace numbered pages"
    );
}

#[test]
fn a_short_timeline_charts_months_each_bar_a_link_to_its_month() {
    let site = Site::empty();
    desk(&site, 3);
    site.build(&[]).expect_success();
    let out = site.out();
    let timeline = Page::open(&out, "timeline/index.html");
    let svg = timeline
        .html
        .select(&selector("figure.chart-figure svg"))
        .next()
        .expect("no chart")
        .html();
    assert!(svg.contains("Claims per month"), "{svg}");
    assert!(svg.contains("timeline/2023-01.html\""), "{svg}");
    assert!(
        svg.contains("tabindex=\"-1\""),
        "bar links stay out of the tab order"
    );
    assert!(broken_links(&out).is_empty(), "{:#?}", broken_links(&out));
}

#[test]
fn hostile_names_stay_text_on_the_new_lists() {
    let site = Site::empty();
    site.write("site.yaml", "title: Desk\n");
    site.write(
        "content/actors/evil.md",
        "---\nname: \"<script>alert(1)</script> & co\"\nkind: group\nreliability: E\n---\n",
    );
    site.write(
        "content/claims/one.md",
        "---\ntext: \"<img src=x onerror=alert(1)>\"\nby: evil\nsaid: 2024-02-01\ncredibility: 5\n---\n",
    );
    site.build(&[]).expect_success();
    let out = site.out();
    for page in [
        "claims/claimants.html",
        "claims/grade-e5.html",
        "claims/reported.html",
        "timeline/2024-02.html",
        "timeline/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
    }
}
