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
        text.contains("<title id=\"chart-title\">") && text.contains("<desc id=\"chart-desc\">"),
        "the chart has no text equivalent"
    );
    assert_eq!(
        chart.value().attr("aria-labelledby"),
        Some("chart-title chart-desc")
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
fn the_network_page_pictures_and_lists_the_most_connected_actors() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("network/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("svg.graph[role=\"img\"]").unwrap();
    let graph = document
        .select(&svg)
        .next()
        .expect("no picture on the network page");
    assert!(graph.html().contains("<desc id=\"network-desc\">"));
    // The list names the same actors, as links.
    let items = scraper::Selector::parse("ol.actor-list li a").unwrap();
    let names: Vec<String> = document
        .select(&items)
        .map(|a| a.text().collect())
        .collect();
    assert!(names.iter().any(|n| n == "North Korea"), "{names:?}");
    assert!(names.len() <= dossier::render::charts::NETWORK_ACTORS);
    // Every page links to it.
    let brief = fs::read_to_string(site.out().join("briefs/first-brief/index.html")).unwrap();
    assert!(
        brief.contains("href=\"../../network/\""),
        "no link to the network page"
    );
}

#[test]
fn the_timeline_page_charts_claims_by_month_and_lists_them() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = fs::read_to_string(site.out().join("timeline/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("figure.chart-figure svg.chart[role=\"img\"]").unwrap();
    let chart = document
        .select(&svg)
        .next()
        .expect("no chart on the timeline page");
    assert!(chart.html().contains("<desc id=\"timeline-desc\">"));
    // The dated claim sits under the month it was made, with its date.
    let heading = scraper::Selector::parse("section h2 time[datetime=\"2025-04\"]").unwrap();
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
