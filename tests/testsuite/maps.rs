//! Incidents in place and time (FORMAT §14): an incident's page and `map/`
//! draw inline SVG from Natural Earth with the marks where the coordinates
//! say, the site's own GeoJSON layers drawn and credited where they cross,
//! every map with its text, and every bad layer reported at its line; the
//! timeline lists incidents at their time, actors' pages theirs.

use crate::diagnostics::{assert_reported, error, warning};
use crate::fixtures::Site;
use dossier::render::map::{View, MIN_SPAN};
use scraper::{Html, Selector};

const ESTLINK: &str = "incidents/estlink-2-cut/index.html";
const KURSK: &str = "incidents/kursk-fighting/index.html";

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn page(site: &Site, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(site.out().join(rel)).unwrap())
}

fn number(e: &scraper::ElementRef, attr: &str) -> f64 {
    e.value().attr(attr).unwrap().parse().unwrap()
}

#[test]
fn an_incident_map_marks_its_point_and_track_where_they_are() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let html = page(&site, ESTLINK);
    let svg = select(&html, "figure.map-figure svg.map");
    assert_eq!(svg.len(), 1, "one map");
    // The view the map draws: around the point and the track.
    let placed = [
        (59.95, 25.2),
        (60.05, 24.90),
        (59.98, 25.10),
        (59.93, 25.35),
    ];
    let view = View::around(placed, MIN_SPAN);
    let mark = &select(&html, "svg.map circle.mark")[0];
    let (x, y) = view.project(59.95, 25.2);
    assert!((number(mark, "cx") - x).abs() < 0.1 && (number(mark, "cy") - y).abs() < 0.1);
    // Approximate: ringed.
    assert_eq!(select(&html, "svg.map circle.uncertain").len(), 1);
    let start = &select(&html, "svg.map circle.track-start")[0];
    let (x, y) = view.project(60.05, 24.90);
    assert!((number(start, "cx") - x).abs() < 0.1 && (number(start, "cy") - y).abs() < 0.1);
    assert_eq!(select(&html, "svg.map path.track").len(), 1);
    // Land, the Gulf's coasts, and the borders around it.
    let land = select(&html, "svg.map path.land")[0]
        .value()
        .attr("d")
        .unwrap()
        .len();
    assert!(land > 2_000, "the Gulf of Finland's coasts: {land} bytes");
    assert_eq!(select(&html, "svg.map path.border").len(), 1);
    // No text in the picture; its words are HTML: the text equivalent, the
    // scale and the credit.
    assert!(select(&html, "svg.map text").is_empty());
    let caption = select(&html, "figure.map-figure figcaption")[0]
        .text()
        .collect::<String>();
    assert!(caption.contains("60.05° N, 24.90° E"), "{caption}");
    assert!(caption.contains("approximate position"), "{caption}");
    assert!(caption.contains("Map data: Natural Earth."), "{caption}");
    assert!(
        caption.contains("The bar at the bottom left is 100 km long"),
        "{caption}"
    );
    assert_eq!(
        select(&html, ".map-scale")[0].text().collect::<String>(),
        "100 km"
    );
    // The picture's own name and description.
    let svg = svg[0].value();
    assert_eq!(svg.attr("role"), Some("img"));
    assert_eq!(svg.attr("aria-label"), Some("Map of Gulf of Finland"));
    // An area is shaded; a region's point is ringed.
    let html = page(&site, KURSK);
    assert_eq!(select(&html, "svg.map path.area").len(), 1);
    assert_eq!(select(&html, "svg.map circle.uncertain").len(), 1);
}

#[test]
fn a_map_adds_at_most_40_kb_to_a_page() {
    // The densest coasts in reach: Norway's fjords, the Aegean, Denmark.
    let site = Site::from_fixture("small-site");
    for (id, lat, lon) in [
        ("fjords", 61.5, 5.2),
        ("aegean", 37.4, 25.4),
        ("belts", 55.5, 10.8),
    ] {
        site.write(
            &format!("content/incidents/{id}.md"),
            format!("---\ntitle: At {id}\nwhen: 2025-01-02\nwhere: {{place: {id}, lat: {lat}, lon: {lon}}}\n---\n"),
        );
    }
    site.build(&[]).expect_success();
    for id in ["fjords", "aegean", "belts"] {
        let text =
            std::fs::read_to_string(site.out().join(format!("incidents/{id}/index.html"))).unwrap();
        let start = text.find("<figure class=\"map-figure\"").unwrap();
        let end = text[start..].find("</figure>").unwrap() + start;
        assert!(
            end - start <= 40_000,
            "{id}: the map takes {} bytes",
            end - start
        );
    }
}

#[test]
fn the_map_page_links_every_placed_incident_and_lists_them_as_text() {
    let site = Site::from_fixture("small-site");
    site.write(
        "content/incidents/nowhere.md",
        "---\ntitle: Somewhere unknown\nwhen: 2025-03\nwhere: {place: Undisclosed}\n---\n",
    );
    site.build(&[]).expect_success();
    let html = page(&site, "map/index.html");
    let links: Vec<&str> = select(&html, "svg.map a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "../incidents/kursk-fighting/",
            "../incidents/estlink-2-cut/"
        ],
        "each placed incident a link, oldest first; drafts and unplaced ones not"
    );
    assert_eq!(
        select(&html, "svg.map")[0].value().attr("role"),
        Some("group")
    );
    let titles: Vec<String> = select(&html, "svg.map a title")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(
        titles[1],
        "Estlink 2 cable cut by a dragged anchor (25 December 2024)"
    );
    let list: Vec<String> = select(&html, "ol.incident-list li")
        .iter()
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(list.len(), 3);
    assert!(list[1].contains("59.95° N, 25.20° E"), "{list:?}");
    assert!(
        list[2].contains("not on the map: no coordinates"),
        "{list:?}"
    );
    // The incidents list says where the map is.
    let incidents = page(&site, "incidents/index.html");
    assert!(select(&incidents, "a[href=\"../map/\"]").len() == 1);
    // A site without placed incidents has no map page.
    let site = Site::from_fixture("small-site");
    for id in ["estlink-2-cut", "kursk-fighting"] {
        site.write(
            &format!("content/incidents/{id}.md"),
            "---\ntitle: Unplaced\nwhen: 2025-01\nwhere: {place: Somewhere}\n---\n",
        );
    }
    site.build(&[]).expect_success();
    assert!(!site.out().join("map/index.html").exists());
}

const LAYER: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
   "coordinates": [[24.0, 59.7], [25.0, 59.9], [26.5, 60.0]]}},
  {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
   "coordinates": [[[23.0, 59.5], [27.0, 59.5], [27.0, 60.2], [23.0, 59.5]]]}}
]}
"#;

fn with_layer(site: &Site, entry: &str) {
    site.append("site.yaml", &format!("map_layers:\n{entry}"));
}

#[test]
fn a_layer_is_drawn_and_credited_on_the_maps_it_crosses() {
    let site = Site::from_fixture("small-site");
    site.write("static/maps/cables.geojson", LAYER);
    with_layer(
        &site,
        "  - file: static/maps/cables.geojson\n    title: Power cables\n    attribution: Desk survey, CC BY 4.0\n",
    );
    site.build(&[]).expect_success();
    let html = page(&site, ESTLINK);
    assert_eq!(select(&html, "svg.map g.layer.layer-1 path.line").len(), 1);
    assert_eq!(
        select(&html, "svg.map g.layer.layer-1 path.outline").len(),
        1
    );
    let credit: String = select(&html, ".map-credit")[0].text().collect();
    assert_eq!(
        credit,
        "Map data: Natural Earth; Power cables: Desk survey, CC BY 4.0."
    );
    let key: String = select(&html, ".map-key li")[0].text().collect();
    assert!(key.contains("Power cables"));
    // Kursk's map does not reach the Gulf: no layer, no credit for it.
    let html = page(&site, KURSK);
    assert!(select(&html, "svg.map g.layer").is_empty());
    let credit: String = select(&html, ".map-credit")[0].text().collect();
    assert_eq!(credit, "Map data: Natural Earth.");
    // The file is published as it is, for readers who want the data.
    assert!(site.out().join("maps/cables.geojson").exists());
}

#[test]
fn a_layer_file_outside_static_is_read_and_not_published() {
    let site = Site::from_fixture("small-site");
    site.write("layers/cables.geojson", LAYER);
    with_layer(
        &site,
        "  - {file: ./layers//cables.geojson, title: Cables, attribution: Desk}\n",
    );
    site.build(&[]).expect_success();
    assert_eq!(select(&page(&site, ESTLINK), "svg.map g.layer").len(), 1);
    assert!(!site.out().join("layers").exists());
}

#[test]
fn bad_layers_are_reported_where_they_are_named() {
    let site = Site::from_fixture("small-site");
    site.write("outside.geojson", LAYER);
    site.write("static/broken.geojson", "{\"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\" \"geometry\": null}\n]}\n");
    site.write(
        "static/swapped.geojson",
        r#"{"type": "Point", "coordinates": [59.9, 125.3]}"#,
    );
    site.write(
        "static/notgeo.geojson",
        r#"{"type": "Circle", "radius": 3}"#,
    );
    site.write("static/ok.geojson", LAYER);
    with_layer(
        &site,
        concat!(
            "  - {file: ../outside.geojson, title: Up, attribution: X}\n",
            "  - {file: /etc/passwd, title: Absolute, attribution: X}\n",
            "  - {file: static/missing.geojson, title: Missing, attribution: X}\n",
            "  - {file: static/broken.geojson, title: Broken, attribution: X}\n",
            "  - {file: static/swapped.geojson, title: Swapped, attribution: X}\n",
            "  - {file: static/notgeo.geojson, title: Circle, attribution: X}\n",
            "  - {title: No file}\n",
            "  - {file: static/ok.geojson, attribution: X, colour: red}\n",
        ),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert_reported(
        &site,
        &run,
        &[
            error("site.yaml")
                .at("../outside.geojson")
                .message("`..` would leave the site's folder"),
            error("site.yaml")
                .at("/etc/passwd")
                .message("inside the site's folder"),
            error("site.yaml")
                .at("static/missing.geojson")
                .message("cannot use map layer file `static/missing.geojson`: cannot read it"),
            error("static/broken.geojson")
                .line(3)
                .message("not GeoJSON")
                .hint("[longitude, latitude]"),
            error("site.yaml")
                .at("static/swapped.geojson, title: Swapped")
                .message("the position [59.9, 125.3] out of range")
                .hint("[longitude, latitude]"),
            error("static/notgeo.geojson")
                .line(1)
                .message("not GeoJSON: unknown variant `Circle`"),
            error("site.yaml")
                .at("{title: No file}")
                .message("a map layer needs a `file`"),
            error("site.yaml")
                .at("colour")
                .message("unknown key `colour`"),
            error("site.yaml")
                .at("{file: static/ok.geojson")
                .message("a map layer needs a `title`"),
        ],
    );
}

#[test]
fn a_layer_without_credit_or_geometry_is_warned_about() {
    let site = Site::from_fixture("small-site");
    site.write(
        "static/empty.geojson",
        r#"{"type": "FeatureCollection", "features": []}"#,
    );
    site.write("static/cables.geojson", LAYER);
    with_layer(
        &site,
        "  - {file: static/empty.geojson, title: Empty, attribution: X}\n  - {file: static/cables.geojson, title: Cables}\n",
    );
    let run = site.build(&[]);
    run.expect_success();
    assert_reported(
        &site,
        &run,
        &[
            warning("site.yaml")
                .at("static/empty.geojson")
                .message("has no geometry"),
            warning("site.yaml")
                .at("{file: static/cables.geojson")
                .message("has no `attribution`"),
        ],
    );
    // Drawn all the same, credited by its title alone.
    let credit: String = select(&page(&site, ESTLINK), ".map-credit")[0]
        .text()
        .collect();
    assert_eq!(credit, "Map data: Natural Earth; Cables.");
}

#[cfg(unix)]
#[test]
fn a_layer_reached_through_a_symbolic_link_is_refused() {
    let site = Site::from_fixture("small-site");
    let outside = site.temp().join("secret.geojson");
    std::fs::write(&outside, LAYER).unwrap();
    std::fs::create_dir_all(site.path("linked")).unwrap();
    std::os::unix::fs::symlink(site.temp(), site.path("linked/up")).unwrap();
    with_layer(
        &site,
        "  - {file: linked/up/secret.geojson, title: Secret, attribution: X}\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert_reported(
        &site,
        &run,
        &[error("site.yaml")
            .at("linked/up/secret.geojson")
            .message("`linked/up` is a symbolic link")],
    );
}

#[test]
fn incidents_are_on_the_timeline_at_their_time_and_on_their_actors_pages() {
    let site = Site::from_fixture("small-site");
    // 30 April at 23:00 two hours behind UTC: 1 May in UTC, May's page.
    site.write(
        "content/incidents/late-april.md",
        "---\ntitle: Shelling at the border\nwhen: 2025-04-30T23:00-02:00\nwhere: {place: Sudzha, lat: 51.19, lon: 35.27}\nactors: [kpa]\ntags: [Kursk, Unshared]\n---\n",
    );
    site.write(
        "content/incidents/mid-april.md",
        "---\ntitle: A depot burns\nwhen: 2025-04-12\nwhere: {place: Kursk}\nactors: [kpa, nis]\n---\n",
    );
    site.build(&[]).expect_success();
    let titles = |rel: &str| -> Vec<String> {
        select(&page(&site, rel), "ul.timeline-list.incidents li > a")
            .iter()
            .map(|a| a.text().collect())
            .collect()
    };
    // The first page: every incident, newest first.
    assert_eq!(
        titles("timeline/index.html"),
        [
            "Shelling at the border",
            "A depot burns",
            "Estlink 2 cable cut by a dragged anchor",
            "North Korean troops fight in Kursk oblast"
        ]
    );
    assert_eq!(titles("timeline/2025-04.html"), ["A depot burns"]);
    assert_eq!(titles("timeline/2025-05.html"), ["Shelling at the border"]);
    let heading: String = select(&page(&site, "timeline/2025-05.html"), "#timeline_incidents")[0]
        .text()
        .collect();
    assert!(
        heading.starts_with("Incidents that began in May 2025"),
        "{heading}"
    );
    // The actor's page lists its incidents, newest first.
    let kpa: Vec<String> = select(
        &page(&site, "actors/kpa/index.html"),
        "#actor_incidents + ul li > a",
    )
    .iter()
    .map(|a| a.text().collect())
    .collect();
    assert_eq!(
        kpa,
        [
            "Shelling at the border",
            "A depot burns",
            "North Korean troops fight in Kursk oblast"
        ]
    );
    // A tag that briefs share links to its page; one they do not is text.
    let html = page(&site, "incidents/late-april/index.html");
    let tags: Vec<(String, Option<String>)> = select(&html, "dl.meta dd")
        .last()
        .unwrap()
        .children()
        .filter_map(|n| {
            if let Some(e) = n.value().as_element() {
                let a = scraper::ElementRef::wrap(n).unwrap();
                Some((a.text().collect(), e.attr("href").map(str::to_string)))
            } else {
                n.value()
                    .as_text()
                    .map(|t| t.trim_matches([',', ' ']).to_string())
                    .filter(|t| !t.is_empty())
                    .map(|t| (t, None))
            }
        })
        .collect();
    assert_eq!(
        tags,
        [
            ("Kursk".to_string(), Some("../../tags/kursk/".to_string())),
            ("Unshared".to_string(), None)
        ]
    );
}
