//! Pictures drawn at build time: inline SVG, readable without JavaScript,
//! each with a text equivalent.

use crate::fixtures::Site;
use std::fs;

#[test]
fn a_measure_page_charts_its_figures_beside_their_table() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("measures/dprk-troops/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("figure.chart-figure svg[role=\"img\"]").unwrap();
    let chart = document
        .select(&svg)
        .next()
        .expect("no chart on the measure page");
    let text = chart.html();
    assert!(
        text.contains("<title id=\"chart-title-wide\">")
            && text.contains("<desc id=\"chart-desc-wide\">"),
        "the chart has no text equivalent"
    );
    assert_eq!(
        chart.value().attr("aria-labelledby"),
        Some("chart-title-wide chart-desc-wide")
    );
    assert!(!text.contains("<script"), "a chart needs no script");
    // The same figures as a table.
    let table = scraper::Selector::parse("table.figures").unwrap();
    assert!(
        document.select(&table).next().is_some(),
        "no table of the figures"
    );
}

#[test]
fn an_actor_page_pictures_its_closest_neighbours() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("actors/kim-jong-un/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("svg.graph[role=\"img\"]").unwrap();
    let graph = document
        .select(&svg)
        .next()
        .expect("no relationship picture on the actor page");
    let desc = scraper::Selector::parse("desc").unwrap();
    let text: String = graph
        .select(&desc)
        .next()
        .expect("no description")
        .text()
        .collect();
    // Kim is part of North Korea in the fixture: that neighbour comes first.
    assert!(text.starts_with("Kim Jong Un and "), "{text}");
    assert!(
        text.contains("North Korea (part of the same body)"),
        "{text}"
    );
    assert!(
        !graph.html().contains("<a "),
        "a picture with role img holds no links; the page lists them"
    );
}

#[test]
fn the_network_page_pictures_and_tables_who_claims_about_and_relays_whom() {
    let site = Site::empty();
    site.write("site.yaml", "title: Desk\n");
    for (id, name) in [
        ("kremlin", "Kremlin"),
        ("putin", "Vladimir Putin"),
        ("tass", "TASS"),
        ("ukraine", "Ukraine"),
        ("nato", "NATO"),
    ] {
        site.write(
            &format!("content/actors/{id}.md"),
            format!("---\nname: {name}\nkind: agency\n---\n"),
        );
    }
    // Putin about Ukraine three times (once naming it twice), through
    // the Kremlin then TASS twice; Ukraine about Putin once; Putin about
    // himself (no link). NATO is in no claim.
    let claim = |id: &str, extra: &str| {
        site.write(
            &format!("content/claims/{id}.md"),
            format!("---\ntext: Claim {id}.\nby: putin\nsaid: 2024-01-01\n{extra}---\n"),
        );
    };
    claim("a", "about: [ukraine, ukraine]\nvia: [kremlin, tass]\n");
    claim("b", "about: ukraine\nvia: [kremlin, tass]\n");
    claim("c", "about: [ukraine, putin]\nvia: kremlin\n");
    site.write(
        "content/claims/e.md",
        "---\ntext: Claim e.\nby: ukraine\nabout: putin\nsaid: 2024-01-02\n---\n",
    );
    site.build(&[]).expect_success();
    let page = crate::links::Page::open(&site.out(), "network/index.html");
    let rows: Vec<String> = page
        .html
        .select(&scraper::Selector::parse("table.network-links tbody tr").unwrap())
        .map(|r| {
            r.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Kremlin relays Vladimir Putin 3",
            "Vladimir Putin claims about Ukraine 3",
            "TASS relays Kremlin 2",
            "Ukraine claims about Vladimir Putin 1",
        ],
        "direction, weights, and order (most claims, then names)"
    );
    // Every name links to its actor.
    let targets = page.targets();
    for actor in ["putin", "kremlin", "tass", "ukraine"] {
        assert!(targets.contains(&format!("actors/{actor}/")), "{actor}");
    }
    assert!(
        !targets.contains("actors/nato/"),
        "an actor in no claim has no link"
    );
    // The picture: an arrow a link, named with direction and count.
    let svg = page
        .html
        .select(&scraper::Selector::parse("figure.chart-figure svg.network.wide").unwrap())
        .next()
        .expect("no picture on the network page")
        .html();
    assert!(svg.contains("<desc id=\"network-desc-wide\">"), "{svg}");
    assert_eq!(svg.matches("class=\"edge flow\"").count(), 4, "{svg}");
    assert!(svg.contains("Vladimir Putin → Ukraine: 3 claims"), "{svg}");
    assert!(svg.contains("TASS → Kremlin: 2 claims"), "{svg}");
    // Every page links to it.
    let brief = fs::read_to_string(site.out().join("timeline/index.html")).unwrap();
    assert!(
        brief.contains("href=\"../network/\""),
        "no link to the network page"
    );
}

#[test]
fn the_timeline_page_charts_claims_by_month_and_lists_them() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("timeline/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("figure.chart-figure svg.chart[role=\"group\"]").unwrap();
    let chart = document
        .select(&svg)
        .next()
        .expect("no chart on the timeline page");
    assert!(chart.html().contains("<desc id=\"timeline-desc-wide\">"));
    // The dated claim sits under the month it was made, with its date.
    let heading = scraper::Selector::parse("section h3 time[datetime=\"2025-04\"]").unwrap();
    let month = document
        .select(&heading)
        .next()
        .expect("no April 2025 heading");
    assert_eq!(month.text().collect::<String>(), "April 2025");
    let claim = scraper::Selector::parse("ul.timeline-list li").unwrap();
    let items: Vec<String> = document.select(&claim).map(|li| li.html()).collect();
    assert!(
        items
            .iter()
            .any(|li| li.contains("href=\"../claims/nis-killed-600/\"")
                && li.contains("<time datetime=\"2025-04-30\">30 April 2025</time>")),
        "{items:#?}"
    );
    // Every page links to it.
    let brief = fs::read_to_string(site.out().join("briefs/first-brief/index.html")).unwrap();
    assert!(
        brief.contains("href=\"../../timeline/\""),
        "no link to the timeline page"
    );
}

#[test]
fn absurd_figures_and_dates_draw_finite_charts() {
    // `value: 1.7e308` made every run loop for ever (the axis's ticks
    // overflowed); the others are the other ends of what a number and a
    // date may be. Each build finishes, and every chart is finite.
    let site = Site::from_fixture("small-site");
    let figures = [
        ("0001", "{value: 1.7e308, unit: troops}"),
        (
            "9999-12-31",
            "{value: -1.7976931348623157e308, unit: troops}",
        ),
        ("2025-01-02", "{value: 5e-324, unit: troops}"),
        ("2025-01-03", "{low: 1e-300, high: 1e300, unit: troops}"),
        (
            "2025-01-04",
            "{low: 1.7976931348623157e308, high: 1.7976931348623157e308, unit: troops}",
        ),
    ];
    for (i, (said, figure)) in figures.iter().enumerate() {
        site.write(
            &format!("content/claims/absurd-{i}.md"),
            format!("---\ntext: An absurd figure.\nby: nis\nsaid: {said}\nmeasure: dprk-troops\nfigure: {figure}\n---\n"),
        );
    }
    site.build(&[]).expect_success();
    for page in ["measures/dprk-troops/index.html", "timeline/index.html"] {
        let html = fs::read_to_string(site.out().join(page)).unwrap();
        let start = html
            .find("<svg")
            .unwrap_or_else(|| panic!("{page}: no chart"));
        let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
        let svg = &html[start..end];
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(
            !svg.contains("NaN") && !svg.contains("inf"),
            "{page}: {svg}"
        );
        assert!(svg.matches("class=\"grid\"").count() <= 12, "{page}: {svg}");
    }
}

/// The texts of the first (wide) drawing in `html`'s measure chart, each
/// with its lines joined by spaces.
fn chart_texts(html: &str) -> (String, Vec<String>) {
    let document = scraper::Html::parse_document(html);
    let svg = scraper::Selector::parse("figure.chart-figure svg.chart.wide").unwrap();
    let text = scraper::Selector::parse("text").unwrap();
    let chart = document.select(&svg).next().expect("no wide chart");
    let texts = chart
        .select(&text)
        .map(|t| t.text().collect::<Vec<_>>().join(" "))
        .collect();
    (chart.html(), texts)
}

#[test]
fn a_measure_chart_draws_what_its_figures_are() {
    // Issue 12: an at-least 20 joined to an at-most 100 read as growth;
    // superseded figures were drawn like current ones; a forecast ("back
    // in service by April", said in December) was plotted in April as if
    // it had happened.
    let site = Site::from_fixture("small-site");
    site.replace(
        "site.yaml",
        "language: en\n",
        "language: en\nauthor: The Small Desk team\n",
    );
    let claim = |id: &str, said: &str, figure: &str, extra: &str| {
        site.write(
            &format!("content/claims/{id}.md"),
            format!("---\ntext: A figure.\nby: kcna\nsaid: {said}\nmeasure: dprk-troops\nfigure: {figure}\n{extra}---\n"),
        );
    };
    claim(
        "kcna-at-least",
        "2025-01-10",
        "{value: 20, qualifier: at-least}",
        "",
    );
    claim(
        "kcna-at-most",
        "2025-03-10",
        "{value: 100, qualifier: at-most}",
        "",
    );
    // Bounds written as bare numbers are bounds too.
    claim("kcna-low", "2025-05-10", "{low: 30}", "");
    claim(
        "kcna-old",
        "2025-06-10",
        "{value: 50000}",
        "status: superseded\n",
    );
    claim(
        "kcna-new",
        "2025-07-10",
        "{value: 40}",
        "supersedes: [kcna-old]\n",
    );
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("measures/dprk-troops/index.html")).unwrap();
    let (svg, texts) = chart_texts(&html);
    // KCNA's series: no line at all (bounds of two kinds, a bare number,
    // a superseded one, its replacement: no two consecutive standing
    // figures of one kind).
    let kcna = svg
        .split("<g class=\"series ")
        .find(|g| g.contains("<title>Korean Central News Agency</title>") && g.contains("<path"))
        .expect("a KCNA series");
    assert!(!kcna.contains("class=\"line"), "{kcna}");
    assert_eq!(
        kcna.matches("class=\"open\"").count(),
        3,
        "three bounds drawn open: {kcna}"
    );
    // Superseded: faded, named, not the latest.
    assert!(svg.contains("<g class=\"set-apart\">"), "{svg}");
    assert!(texts.iter().any(|t| t == "superseded"), "{texts:?}");
    let desc = scraper::Html::parse_document(&html)
        .select(&scraper::Selector::parse("svg.chart.wide desc").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        desc.contains("Latest:") && desc.contains("Korean Central News Agency, 40"),
        "{desc}"
    );
    assert!(
        !desc.contains("Korean Central News Agency, 50,000"),
        "{desc}"
    );
    // The forecast: hollow, at the date it describes, named.
    assert!(svg.contains("class=\"forecast\""), "{svg}");
    assert!(texts.iter().any(|t| t == "forecast"), "{texts:?}");
    assert!(desc.contains("1 forecast drawn hollow"), "{desc}");
    // The key says what each drawing means; the provenance is under it.
    for key in [
        "open bar up: at least",
        "open bar down: at most",
        "hollow: a forecast",
        "faded: no longer stands",
        "ring: about",
    ] {
        assert!(texts.iter().any(|t| t.starts_with(key)), "{key}: {texts:?}");
    }
    let provenance = texts.last().unwrap();
    assert_eq!(
        provenance,
        "7 claims from 2 claimants · latest figure 10 July 2025 · The Small Desk team"
    );
    // Direct labels, not a legend, for two claimants; nothing cut.
    assert!(
        texts.iter().any(|t| t == "Korean Central News Agency")
            && !svg.contains("class=\"legend\"")
    );
    assert!(!html.contains('…'));
}

#[test]
fn one_figure_is_a_statement_not_a_chart() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("measures/dprk-killed/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    assert!(
        document
            .select(&scraper::Selector::parse("main svg").unwrap())
            .next()
            .is_none(),
        "one figure is not charted"
    );
    let statement: String = document
        .select(&scraper::Selector::parse("p.statement").unwrap())
        .next()
        .expect("no statement")
        .text()
        .collect();
    assert!(
        statement.starts_with(
            "National Intelligence Service said on 30 April 2025 that it was about 600 soldiers."
        ),
        "{statement}"
    );
    assert!(statement.contains("Reported"), "{statement}");
}

#[test]
fn the_figures_table_gives_each_figure_with_its_said_as_of_qualifier_and_wording() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("measures/dprk-troops/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let table = document
        .select(&scraper::Selector::parse("table.figures").unwrap())
        .next()
        .unwrap();
    let cells = |selector: &str| -> Vec<String> {
        table
            .select(&scraper::Selector::parse(selector).unwrap())
            .map(|c| c.text().collect::<String>().trim().to_string())
            .collect()
    };
    assert_eq!(
        cells("thead th"),
        [
            "As of",
            "Figure",
            "Qualifier",
            "Wording",
            "Claimant",
            "Said",
            "Status",
            "Grade",
            "Claim"
        ]
    );
    let rows: Vec<Vec<String>> = table
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .map(|tr| {
            tr.select(&scraper::Selector::parse("td").unwrap())
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    // The forecast: placed at December, said in the brief's month, named.
    let forecast = rows
        .iter()
        .find(|r| r[1].contains("Forecast"))
        .expect("{rows:?}");
    assert_eq!(forecast[0], "December 2025");
    assert_eq!(forecast[1], "25,000 troops Forecast");
    assert_eq!(forecast[2], "about");
    assert_ne!(forecast[5], "Undated");
    // Every row has its wording cell, its said date and status.
    assert!(rows.iter().all(|r| r.len() == 9), "{rows:?}");
    let wording = rows.iter().filter(|r| r[3].starts_with('“')).count();
    assert!(
        wording >= 1,
        "the fixture's wording is in its column: {rows:?}"
    );
}

#[test]
fn a_superseded_figure_is_never_a_measures_latest() {
    let site = Site::from_fixture("small-site");
    for (id, said, figure, extra) in [
        (
            "old",
            "2026-01-01",
            "{value: 30000}",
            "status: superseded\n",
        ),
        ("new", "2025-12-30", "{value: 20000}", "supersedes: [old]\n"),
    ] {
        site.write(
            &format!("content/claims/{id}.md"),
            format!("---\ntext: A figure.\nby: kcna\nsaid: {said}\nmeasure: dprk-troops\nfigure: {figure}\n{extra}---\n"),
        );
    }
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("measures/index.html")).unwrap();
    assert!(html.contains("Latest: 20,000"), "{html}");
    assert!(!html.contains("Latest: 30,000"), "{html}");
}
