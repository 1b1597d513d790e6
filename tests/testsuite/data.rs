//! The data behind the site (FORMAT §15) read back as their readers read
//! them: every CSV with the csv crate (strict: a header and the same number
//! of fields on every row), the JSON files against the JSON Schemas the
//! build publishes beside them (the jsonschema crate), the GeoJSON against
//! the GeoJSON schema (geojson-schema 1.0.5, vendored in `tests/data/`).
//! `tests/data/check.py` (run by `.ci/run`) reads them with Python's csv
//! module, pandas, geojson and shapely.

use crate::fixtures::*;
use dossier::render::data::{Geometry, CLAIM_COLUMNS, FIGURE_COLUMNS};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const CLAIM_FILE: &str = "content/claims/nis-killed-600.md";

/// A CSV file as the csv crate reads it: header, then rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

/// The rows of a CSV file as maps from column to cell.
fn csv_maps(path: &Path) -> Vec<BTreeMap<String, String>> {
    let (header, rows) = read_csv(path);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

fn read_json(path: &Path) -> Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every error of `instance` against `schema`, as text.
fn schema_errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn geojson_schema() -> Value {
    read_json(&repository().join("tests/data/geojson-schema/FeatureCollection.json"))
}

/// The `;`-joined ids of a list of `{id, name}`.
fn ids(list: &Value) -> String {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("; ")
}

fn text(value: &Value) -> String {
    value.as_str().map(str::to_string).unwrap_or_default()
}

/// The small site built with a base URL into `public/`.
fn built_fixture() -> Site {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", "https://example.org/desk/"])
        .expect_success();
    site
}

#[test]
fn claims_csv_holds_every_published_claim_as_claims_json_does() {
    let site = built_fixture();
    let out = site.out();
    let (header, _) = read_csv(&out.join("data/claims.csv"));
    assert_eq!(header, CLAIM_COLUMNS);
    let rows = csv_maps(&out.join("data/claims.csv"));
    let claims = read_json(&out.join("data/claims.json"));
    let claims = claims.as_array().unwrap();
    assert_eq!(rows.len(), claims.len());
    // Every published claim has its page; no other claim has a row.
    let pages: Vec<String> = fs::read_dir(out.join("claims"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut listed: Vec<String> = rows.iter().map(|r| r["id"].clone()).collect();
    let mut expected = pages.clone();
    listed.sort();
    expected.sort();
    assert_eq!(listed, expected);
    for (row, claim) in rows.iter().zip(claims) {
        assert_eq!(row["id"], text(&claim["id"]));
        assert_eq!(row["text"], text(&claim["text"]));
        assert_eq!(row["by"], ids(&claim["by"]));
        assert_eq!(row["via"], ids(&claim["via"]));
        assert_eq!(row["about"], ids(&claim["about"]));
        assert_eq!(row["said"], text(&claim["said"]));
        assert_eq!(row["status"], text(&claim["status"]));
        assert_eq!(row["grade"], text(&claim["grade"]));
        assert_eq!(row["confidence"], text(&claim["confidence"]));
        assert_eq!(
            row["url"],
            format!("https://example.org/desk/claims/{}/", row["id"])
        );
        let cited: Vec<&str> = claim["cited_in"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        assert_eq!(row["cited_in"], cited.join("; "));
        for brief in cited {
            assert!(out.join(format!("briefs/{brief}/index.html")).is_file());
        }
    }
    // One claim, against its source file: a response, sources, relays.
    let row = rows.iter().find(|r| r["id"] == "nis-killed-600").unwrap();
    assert_eq!(
        row["text"],
        "About 600 North Korean soldiers have been killed."
    );
    assert_eq!(row["by"], "nis");
    assert_eq!(row["via"], "lee-seong-kweun");
    assert_eq!(row["about"], "kpa");
    assert_eq!(row["said"], "2025-04-30");
    assert_eq!(row["status"], "reported");
    assert_eq!(row["responses"], "denies: kcna (2025-05-02)");
    assert_eq!(row["sources"], "NIS closed-door briefing");
    let claim = claims.iter().find(|c| c["id"] == "nis-killed-600").unwrap();
    assert_eq!(
        claim["responses"][0]["text"],
        "Called the count a fabrication of the National Intelligence Service."
    );
    assert_eq!(
        claim["responses"][0]["sources"][0]["publisher"]["id"],
        "kcna"
    );
    let row = rows.iter().find(|r| r["id"] == "nis-troops-15000").unwrap();
    assert_eq!(row["responses"], "declines-to-comment: north-korea");
    // Sources as ICD 206 describes them, an anonymous one among them.
    let sources: Vec<&Value> = claims
        .iter()
        .flat_map(|c| c["sources"].as_array().unwrap())
        .collect();
    assert!(
        sources.iter().any(|s| s["anonymous"] == true),
        "{sources:?}"
    );
    // Actors with their identifiers and typed relations.
    let actors = read_json(&out.join("data/actors.json"));
    let actor = |id: &str| {
        actors
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        actor("eagle-s")["identifiers"][0],
        serde_json::json!({"scheme": "imo", "value": "9329760"})
    );
    let owns = &actor("caravella")["relations"][0];
    assert_eq!(owns["type"], "owns");
    assert_eq!(owns["to"]["id"], "eagle-s");
    assert!(owns["source"]["archive"]
        .as_str()
        .unwrap()
        .starts_with("https://web.archive.org/"));
}

#[test]
fn a_figure_reaches_its_csv_cell_as_written() {
    // Each figure as a desk might write it, and the cells it must give.
    let cases: &[(&str, [&str; 4])] = &[
        (
            "{value: 600, unit: soldiers, qualifier: about}",
            ["600", "", "", "about"],
        ),
        (
            "{low: 550.5, high: 700, unit: soldiers, qualifier: range, wording: \"five or six hundred; perhaps more\"}",
            ["", "550.5", "700", "range"],
        ),
        (
            "{value: 1e300, low: -2.5e-7, qualifier: at-least, as_of: 2025-03}",
            ["1e300", "-2.5e-7", "", "at-least"],
        ),
        ("{value: 0.1, qualifier: exactly}", ["0.1", "", "", "exactly"]),
    ];
    for (figure, cells) in cases {
        let site = Site::from_fixture("small-site");
        site.replace(
            CLAIM_FILE,
            "figure: {value: 600, unit: soldiers, qualifier: about}",
            &format!("figure: {figure}"),
        );
        site.build(&[]).expect_success();
        // The figure as the Markdown file has it.
        let (front, _) = front_matter(&site.read(CLAIM_FILE));
        let source = &front["figure"];
        let rows = csv_maps(&site.out().join("data/figures.csv"));
        let row = rows
            .iter()
            .find(|r| r["claim"] == "nis-killed-600")
            .unwrap_or_else(|| panic!("no row for the claim: {rows:?}"));
        for (column, expected) in ["value", "low", "high", "qualifier"].iter().zip(cells) {
            assert_eq!(&row[*column], expected, "{column} of {figure}");
            let written = &source[*column];
            if let Some(number) = written.as_f64() {
                assert_eq!(
                    row[*column].parse::<f64>().unwrap(),
                    number,
                    "{column} of {figure} reads back as written"
                );
            }
        }
        let as_str = |key: &str| source[key].as_str().unwrap_or("").to_string();
        assert_eq!(row["wording"], as_str("wording"), "{figure}");
        assert_eq!(row["as_of"], as_str("as_of"), "{figure}");
        // A figure without a unit has its measure's.
        assert_eq!(row["unit"], "soldiers", "{figure}");
        assert_eq!(row["measure"], "dprk-killed");
        assert_eq!(row["by"], "nis");
        assert_eq!(row["said"], "2025-04-30");
        // The measure's own file has the same row.
        let own = csv_maps(&site.out().join("measures/dprk-killed/figures.csv"));
        assert!(own.contains(row), "{own:?}");
    }
}

#[test]
fn each_measure_has_its_figures_as_csv_linked_from_its_page() {
    let site = built_fixture();
    let out = site.out();
    let (header, _) = read_csv(&out.join("data/figures.csv"));
    assert_eq!(header, FIGURE_COLUMNS);
    let all = csv_maps(&out.join("data/figures.csv"));
    let claims = read_json(&out.join("data/claims.json"));
    let with_figure = claims
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["figure"].is_null())
        .count();
    assert_eq!(all.len(), with_figure, "one row per figure");
    for measure in ["dprk-killed", "dprk-troops"] {
        let folder = out.join("measures").join(measure);
        let (header, _) = read_csv(&folder.join("figures.csv"));
        assert_eq!(header, FIGURE_COLUMNS);
        let own = csv_maps(&folder.join("figures.csv"));
        let expected: Vec<_> = all
            .iter()
            .filter(|r| r["measure"] == measure)
            .cloned()
            .collect();
        assert!(!own.is_empty());
        assert_eq!(own, expected, "{measure}");
        let page = fs::read_to_string(folder.join("index.html")).unwrap();
        let html = scraper::Html::parse_document(&page);
        let links: Vec<String> = html
            .select(&scraper::Selector::parse("a[download]").unwrap())
            .filter(|a| a.text().collect::<String>().contains("Download the data"))
            .filter_map(|a| a.attr("href").map(str::to_string))
            .collect();
        let page_path = format!("measures/{measure}/index.html");
        let csv = format!("measures/{measure}/figures.csv");
        let leads_to_csv = |href: &str| {
            crate::links::resolve(&page_path, href)
                .ok()
                .flatten()
                .is_some_and(|r| r.file == csv)
        };
        assert!(
            !links.is_empty() && links.iter().all(|href| leads_to_csv(href)),
            "{measure}: {links:?}"
        );
        // Under the chart too, when there is one.
        let chart = scraper::Selector::parse("figure.chart-figure figcaption a[download]").unwrap();
        let under_chart: Vec<&str> = html.select(&chart).filter_map(|a| a.attr("href")).collect();
        if page.contains("<figure class=\"chart-figure\">") {
            assert!(
                under_chart.len() == 1 && leads_to_csv(under_chart[0]),
                "{measure}: {under_chart:?}"
            );
        }
    }
}

#[test]
fn json_files_are_valid_against_their_published_schemas() {
    for (name, site) in [
        ("the fixture", built_fixture()),
        ("the example site", {
            let site = Site::from_fixture("small-site");
            // The repository's own site, built into the fixture's folder.
            dossier(&[
                "build",
                "--root",
                repository().to_str().unwrap(),
                "--out",
                site.out().to_str().unwrap(),
            ])
            .expect_success();
            site
        }),
    ] {
        let data = site.out().join("data");
        for file in ["claims", "actors"] {
            let schema = read_json(&data.join(format!("{file}.schema.json")));
            assert_eq!(
                schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}: {file}"
            );
            assert!(
                jsonschema::meta::is_valid(&schema),
                "{name}: {file}.schema.json is no valid schema"
            );
            let instance = read_json(&data.join(format!("{file}.json")));
            assert!(!instance.as_array().unwrap().is_empty());
            let errors = schema_errors(&schema, &instance);
            assert!(errors.is_empty(), "{name}: {file}.json: {errors:#?}");
        }
        let geojson = read_json(&data.join("incidents.geojson"));
        let errors = schema_errors(&geojson_schema(), &geojson);
        assert!(errors.is_empty(), "{name}: incidents.geojson: {errors:#?}");
    }
}

#[test]
fn the_schemas_catch_what_the_build_never_writes() {
    let site = built_fixture();
    let data = site.out().join("data");
    let schema = read_json(&data.join("claims.schema.json"));
    let claims = read_json(&data.join("claims.json"));
    let tampered = |edit: &dyn Fn(&mut Value)| {
        let mut value = claims.clone();
        edit(&mut value[0]);
        schema_errors(&schema, &value)
    };
    for (what, edit) in [
        (
            "a status",
            &(|c: &mut Value| c["status"] = "denied".into()) as &dyn Fn(&mut Value),
        ),
        ("an unknown key", &|c: &mut Value| {
            c["verdict"] = "false".into()
        }),
        ("a missing key", &|c: &mut Value| {
            c.as_object_mut().unwrap().remove("url");
        }),
        ("an id", &|c: &mut Value| c["id"] = "Not An Id".into()),
        ("a date", &|c: &mut Value| {
            c["said"] = "30 April 2025".into()
        }),
    ] {
        assert!(!tampered(edit).is_empty(), "{what} passed the schema");
    }
}

#[test]
fn incidents_are_a_geojson_feature_collection_of_valid_geometries() {
    use dossier::render::data::{Feature, FeatureCollection, FeatureProperties};
    // The fixture's published incidents, oldest first: a point and an
    // area; a point and a track ([lon, lat], as RFC 7946 orders them).
    let site = built_fixture();
    let geojson = read_json(&site.out().join("data/incidents.geojson"));
    assert_eq!(geojson["type"], "FeatureCollection");
    let features = geojson["features"].as_array().unwrap();
    let ids: Vec<&str> = features.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["kursk-fighting", "estlink-2-cut"],
        "no draft, by date"
    );
    let estlink = &features[1];
    assert_eq!(estlink["geometry"]["type"], "GeometryCollection");
    let shapes = &estlink["geometry"]["geometries"];
    assert_eq!(shapes[0]["type"], "Point");
    assert_eq!(shapes[0]["coordinates"], serde_json::json!([25.2, 59.95]));
    assert_eq!(shapes[1]["type"], "LineString");
    assert_eq!(
        shapes[1]["coordinates"][0],
        serde_json::json!([24.9, 60.05])
    );
    assert_eq!(estlink["properties"]["when"], "2024-12-25");
    assert_eq!(estlink["properties"]["precision"], "approximate");
    assert_eq!(
        estlink["properties"]["url"],
        "https://example.org/desk/incidents/estlink-2-cut/"
    );
    // What the writer makes of a point, a track and an area (an anchor
    // dragged across a cable, a zone), as incidents will give them.
    let geometries = [
        Geometry::point(59.45, 24.75),
        Geometry::track(&[(59.4, 24.1), (59.5, 24.6), (59.6, 25.2)]).unwrap(),
        Geometry::area(&[(59.0, 24.0), (59.0, 25.0), (60.0, 25.0), (60.0, 24.0)]).unwrap(),
    ];
    let feature = |id: &str, geometry: Option<Geometry>| Feature {
        kind: "Feature",
        id: id.to_string(),
        geometry,
        properties: FeatureProperties {
            title: "Cable damaged".into(),
            when: Some("2024-12-25T12:26Z".into()),
            place: Some("Gulf of Finland".into()),
            precision: Some("approximate".into()),
            kind: Some("cable damage".into()),
            claims: vec!["a-claim".into()],
            url: "incidents/x/".into(),
        },
    };
    let mut features: Vec<Feature> = geometries
        .iter()
        .enumerate()
        .map(|(i, g)| feature(&format!("f{i}"), Some(g.clone())))
        .collect();
    features.push(feature("all", Geometry::all(geometries.to_vec())));
    features.push(feature("nowhere", None));
    let collection = FeatureCollection {
        kind: "FeatureCollection",
        features,
    };
    let value = serde_json::to_value(&collection).unwrap();
    // For tests/data/check.py (run by .ci/run after cargo test): geojson
    // and shapely read the same collection.
    let sample = Path::new(env!("CARGO_TARGET_TMPDIR")).join("incidents-sample.geojson");
    fs::write(&sample, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    let errors = schema_errors(&geojson_schema(), &value);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        value["features"][0]["geometry"]["coordinates"],
        serde_json::json!([24.75, 59.45]),
        "longitude first"
    );
}

#[test]
fn a_second_build_rewrites_no_data_file() {
    let site = built_fixture();
    let data_files: Vec<String> = files_under(&site.out())
        .into_iter()
        .filter(|f| f.starts_with("data/") || f.ends_with("figures.csv"))
        .collect();
    assert_eq!(data_files.len(), 9, "{data_files:?}");
    let before = snapshot(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = site.build(&["--base-url", "https://example.org/desk/"]);
    run.expect_success();
    assert!(run.summary().contains("0 written"), "{}", run.summary());
    assert_same_snapshot(&before, &snapshot(&site.out()), "a second build");
}

#[test]
fn cells_with_quotes_commas_semicolons_and_line_breaks_read_back_whole() {
    let site = Site::from_fixture("small-site");
    let written = r#"text: "Kim said: \"We, the people\"; 30% — =1+1, ok?\n\tNext line.""#;
    site.replace(
        CLAIM_FILE,
        "text: About 600 North Korean soldiers have been killed.",
        written,
    );
    site.replace(
        CLAIM_FILE,
        "    title: NIS closed-door briefing\n",
        "    title: \"NIS briefing, \\\"closed\\\"; door\"\n    url: https://example.org/a,b?c=\"d\"\n    archive: https://web.archive.org/web/2025/https://example.org/a\n",
    );
    site.build(&[]).expect_success();
    let out = site.out();
    let rows = csv_maps(&out.join("data/claims.csv"));
    let claims = read_json(&out.join("data/claims.json"));
    let claims = claims.as_array().unwrap();
    assert_eq!(rows.len(), claims.len());
    let row = rows.iter().find(|r| r["id"] == "nis-killed-600").unwrap();
    let claim = claims.iter().find(|c| c["id"] == "nis-killed-600").unwrap();
    assert_eq!(row["text"], text(&claim["text"]));
    for piece in ["We, the people", "; 30% — =1+1, ok?", "Next line."] {
        assert!(
            row["text"].contains(piece),
            "{piece:?} in {:?}",
            row["text"]
        );
    }
    assert_eq!(
        row["sources"],
        "NIS briefing, \"closed\"; door <https://example.org/a,b?c=\"d\"> (archived <https://web.archive.org/web/2025/https://example.org/a>)",
        "{:?}",
        claim["sources"]
    );
}

/// The README's section on the data, from its heading to the next.
fn readme_data_section() -> String {
    let readme = fs::read_to_string(repository().join("README.md")).unwrap();
    let start = readme
        .find("\n## The data behind the site\n")
        .expect("README has a section on the data");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

#[test]
fn the_readme_documents_every_column_with_a_real_row() {
    let section = readme_data_section();
    // The column tables: `| `name` |` rows, in order, one table per file.
    let mut tables: Vec<Vec<String>> = Vec::new();
    let mut in_table = false;
    for line in section.lines() {
        if line.starts_with("| column |") {
            tables.push(Vec::new());
            in_table = true;
        } else if in_table && line.starts_with("| `") {
            let names = line.split('|').nth(1).unwrap();
            for name in names.split(',') {
                tables
                    .last_mut()
                    .unwrap()
                    .push(name.trim().trim_matches('`').to_string());
            }
        } else if !line.starts_with('|') {
            in_table = false;
        }
    }
    assert_eq!(tables, [CLAIM_COLUMNS.to_vec(), FIGURE_COLUMNS.to_vec()]);
    // The example rows are the example site's, built with a base URL.
    let site = Site::from_fixture("small-site");
    dossier(&[
        "build",
        "--root",
        repository().to_str().unwrap(),
        "--out",
        site.out().to_str().unwrap(),
        "--base-url",
        "https://example.org/desk/",
    ])
    .expect_success();
    let mut examples = 0;
    for (file, header) in [
        ("claims.csv", CLAIM_COLUMNS),
        ("figures.csv", FIGURE_COLUMNS),
    ] {
        let built = fs::read_to_string(site.out().join("data").join(file)).unwrap();
        let header = header.join(",");
        let block = section
            .split("```\n")
            .find(|block| block.starts_with(&format!("{header}\n")))
            .unwrap_or_else(|| panic!("no example of {file} in the README"));
        for line in block.lines() {
            assert!(
                built.lines().any(|l| l == line),
                "the README's line of {file} is not in the example site's:\n{line}"
            );
            examples += 1;
        }
    }
    assert_eq!(examples, 4);
}
