//! Tests of the measure chart: it never says more than the figures do.

use super::*;

use crate::render::context::{ActorRef, ClaimRef, DateCtx, FigureCtx};

pub(crate) fn row(date: &str, value: Option<f64>, range: Option<(f64, f64)>) -> FigureRow {
    FigureRow {
        claim: ClaimRef {
            id: "c".into(),
            url: "u".into(),
            text: "t".into(),
            status: "reported",
            status_label: "Reported",
            set_apart: false,
            stances: crate::render::context::StancesCtx {
                responses: Vec::new(),
                responses_total: 0,
                contradicted_by: Vec::new(),
                contradicted_by_total: 0,
                supported_by: Vec::new(),
                supported_by_total: 0,
            },
            stance_line: None,
        },
        by: vec![ActorRef {
            id: "a".into(),
            url: "u".into(),
            name: "A".into(),
            lang: None,
            kind: "agency",
            kind_label: "Agency",
        }],
        by_more: 0,
        said: None,
        date: Some(DateCtx {
            iso: date.into(),
            text: date.into(),
        }),
        figure: FigureCtx {
            text: String::new(),
            amount: String::new(),
            value,
            low: range.map(|r| r.0),
            high: range.map(|r| r.1),
            unit: None,
            qualifier: None,
            qualifier_label: None,
            shape: "exact",
            as_of: None,
            wording: None,
            forecast: false,
        },
        grade: None,
    }
}

fn shaped(date: &str, value: f64, shape: &'static str) -> FigureRow {
    let mut r = row(date, Some(value), None);
    r.figure.shape = shape;
    r
}

fn chart(series: &[(&str, Vec<FigureRow>)]) -> String {
    let named: Vec<(String, Vec<&FigureRow>)> = series
        .iter()
        .map(|(n, rows)| (n.to_string(), rows.iter().collect()))
        .collect();
    measure_chart("Killed", Some("soldiers"), &named, named.len(), "The Desk").unwrap()
}

fn marks_of_rows(rows: &[FigureRow]) -> Vec<Mark<'_>> {
    let points: Vec<(f64, &FigureRow)> = rows
        .iter()
        .map(|r| (day_of(&r.date.as_ref().unwrap().iso).unwrap(), r))
        .collect();
    let mut points = points;
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (first, last) = (points[0].0, points[points.len() - 1].0);
    marks_of(&points, first, (last - first).max(1.0))
}

#[test]
fn an_at_least_and_an_at_most_figure_are_never_joined() {
    // The chart: at least 20, then at most 100, read as growth.
    let rows = [
        shaped("2025-01", 20.0, "lower-bound"),
        shaped("2025-03", 100.0, "upper-bound"),
        shaped("2025-04", 90.0, "upper-bound"),
        shaped("2025-05", 30.0, "lower-bound"),
    ];
    let marks = marks_of_rows(&rows);
    assert_eq!(joins(&marks), [(1, 2)], "only the two at-most figures");
    // Bounds given as numbers alone are bounds too.
    let bare = [row("2025-01", None, None), row("2025-02", None, None)];
    let mut bare = bare;
    bare[0].figure.low = Some(20.0);
    bare[1].figure.high = Some(100.0);
    let marks = marks_of_rows(&bare);
    assert_eq!((marks[0].kind, marks[1].kind), (Kind::Lower, Kind::Upper));
    assert!(joins(&marks).is_empty());
    // Drawn: no line at all in the chart of the two figures.
    let svg = chart(&[(
        "NIS",
        vec![
            shaped("2025-01", 20.0, "lower-bound"),
            shaped("2025-03", 100.0, "upper-bound"),
        ],
    )]);
    assert!(!svg.contains("class=\"line"), "{svg}");
    assert_eq!(
        svg.matches("class=\"open\"").count(),
        2 * 2 + 2 * 2,
        "two marks and two key symbols, in each drawing"
    );
}

#[test]
fn a_figure_of_another_kind_between_breaks_the_line() {
    let rows = [
        shaped("2025-01", 20.0, "exact"),
        shaped("2025-02", 30.0, "lower-bound"),
        shaped("2025-03", 40.0, "approximate"),
        shaped("2025-04", 50.0, "exact"),
    ];
    let marks = marks_of_rows(&rows);
    // Exact and approximate numbers are one kind: a line from the
    // third to the fourth, none across the at-least.
    assert_eq!(joins(&marks), [(2, 3)]);
}

#[test]
fn set_apart_figures_are_faded_named_never_joined_nor_latest() {
    let mut rows = vec![
        shaped("2025-01", 600.0, "exact"),
        shaped("2025-02", 1000.0, "exact"),
        shaped("2025-04", 4700.0, "exact"),
    ];
    rows[2].claim.set_apart = true;
    rows[2].claim.status = "superseded";
    rows[2].claim.status_label = "Superseded";
    rows[2].figure.text = "4,700".into();
    rows[1].figure.text = "1,000".into();
    let marks = marks_of_rows(&rows);
    assert_eq!(joins(&marks), [(0, 1)]);
    assert_eq!(latest(&marks).unwrap().value, 1000.0);
    let svg = chart(&[("NIS", rows)]);
    assert_eq!(
        svg.matches("<g class=\"set-apart\">").count(),
        2 + 2,
        "the mark and its key, twice"
    );
    assert!(svg.contains(">superseded</text>"), "named beside it");
    assert!(svg.contains("Latest: NIS, 1,000 (2025-02)"), "{svg}");
    assert!(svg.contains("faded: no longer stands"));
}

#[test]
fn forecasts_are_hollow_labelled_and_not_joined() {
    let mut rows = vec![
        shaped("2024-11", 0.0, "exact"),
        shaped("2024-12", 1.0, "exact"),
        shaped("2025-04", 5.0, "exact"),
    ];
    rows[2].figure.forecast = true;
    let marks = marks_of_rows(&rows);
    assert_eq!(joins(&marks), [(0, 1)]);
    assert_eq!(
        latest(&marks).unwrap().value,
        1.0,
        "a forecast is not the latest"
    );
    let svg = chart(&[("Navy", rows)]);
    // Its marker and the key's, in each drawing.
    assert_eq!(svg.matches("class=\"forecast\"").count(), 4, "{svg}");
    assert!(svg.contains(">forecast</text>"));
    assert!(svg.contains("hollow: a forecast"));
    assert!(svg.contains("1 forecast drawn hollow"));
}

#[test]
fn qualifiers_are_drawn() {
    let mut range = row("2025-03", None, Some((500.0, 700.0)));
    range.figure.shape = "range";
    let svg = chart(&[(
        "A",
        vec![
            shaped("2025-01", 600.0, "approximate"),
            shaped("2025-02", 650.0, "upper-bound"),
            range,
        ],
    )]);
    for class in ["approx", "open", "range"] {
        assert!(svg.contains(&format!("class=\"{class}\"")), "{class}");
    }
    for text in ["ring: about", "open bar down: at most", "bar: a range"] {
        assert!(svg.contains(text), "{text}");
    }
}

#[test]
fn a_chart_names_itself_its_axes_and_every_series() {
    let a = [
        row("2025-01", Some(600.0), None),
        row("2025-04-30", Some(4700.0), None),
    ];
    let b = [row("2025-03", None, Some((500.0, 700.0)))];
    let series = vec![
        ("NIS <ROK>".to_string(), a.iter().collect::<Vec<_>>()),
        ("Kremlin".to_string(), b.iter().collect()),
    ];
    let html = measure_chart("Killed", Some("soldiers"), &series, 2, "Desk & Co").unwrap();
    assert!(html.starts_with("<div class=\"chart-box\"><svg class=\"chart wide\""));
    assert_eq!(html.matches("role=\"img\"").count(), 2);
    assert!(html.contains("<title id=\"chart-title-wide\">Killed: figures over time</title>"));
    assert!(html.contains("3 dated figures from 2 claimants"), "{html}");
    assert!(html.contains(">soldiers</text>") && html.contains("<title>NIS &lt;ROK&gt;</title>"));
    assert!(html.contains("class=\"range\""), "no range bar");
    // Named beside their figures, not in a legend.
    assert!(html.contains(">NIS &lt;ROK&gt;</text>") && html.contains(">Kremlin</text>"));
    assert!(!html.contains("class=\"legend\""));
    // The provenance, under it.
    assert!(
        html.contains(
            ">3 claims from 2 claimants · latest figure 2025-04-30 · Desk &amp; Co</text>"
        ),
        "{html}"
    );
    // Nothing shortened.
    assert!(!html.contains('…'));
}

#[test]
fn many_series_get_a_legend_with_whole_names() {
    let long = "Democratic People's Republic of Korea Ministry of Foreign Affairs";
    let series: Vec<(String, Vec<FigureRow>)> = (0..6)
        .map(|i| {
            (
                format!("{long} {i}"),
                vec![
                    row("2025-01", Some(i as f64), None),
                    row("2025-02", Some(2.0), None),
                ],
            )
        })
        .collect();
    let refs: Vec<(&str, Vec<FigureRow>)> = series
        .iter()
        .map(|(n, r)| (n.as_str(), r.clone()))
        .collect();
    let svg = chart(&refs);
    assert!(svg.contains("class=\"legend\""));
    assert!(!svg.contains('…'));
    assert!(svg.contains("Affairs 5"), "the whole name");
}

#[test]
fn every_finite_scale_is_finite_with_few_round_ticks() {
    let scale = |values: &[f64]| Scale::of(values.iter().copied());
    // Round ticks from zero, as before.
    assert_eq!(scale(&[600.0, 4700.0]).ticks, [0.0, 2000.0, 4000.0, 6000.0]);
    assert_eq!(
        scale(&[-30.0, 10.0]).ticks,
        [-30.0, -20.0, -10.0, 0.0, 10.0]
    );
    // 1.7e308 made the old axis loop for ever: its last tick was inf.
    for values in [
        &[1.7e308][..],
        &[f64::MAX, -f64::MAX],
        &[1e-300, 1e300],
        &[5e-324],
        &[-5e-324, 0.0],
        &[f64::MIN_POSITIVE],
        &[0.0],
        &[-f64::MAX],
    ] {
        let s = scale(values);
        assert!(
            s.low.is_finite() && s.high.is_finite() && s.low < s.high,
            "{values:?}: {s:?}"
        );
        assert!(
            (2..=MAX_TICKS).contains(&s.ticks.len()),
            "{values:?}: {s:?}"
        );
        assert!(s
            .ticks
            .iter()
            .all(|t| t.is_finite() && *t >= s.low && *t <= s.high));
        for t in &s.ticks {
            assert!(s.label(*t).chars().count() <= 12, "{}", s.label(*t));
        }
        for v in values {
            let f = s.fraction(*v);
            assert!((0.0..=1.0).contains(&f), "{v} at {f} of {s:?}");
        }
    }
    let s = scale(&[0.0, 0.3]);
    assert_eq!(s.label(0.1), "0.1");
    assert_eq!(scale(&[0.0, 4700.0]).label(2000.0), "2,000");
}

#[test]
fn a_crowded_series_draws_at_most_max_marks() {
    let rows: Vec<FigureRow> = (0..5000)
        .map(|i| {
            let date = format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28);
            row(&date, Some((i % 97) as f64), None)
        })
        .collect();
    let series = vec![("Many".to_string(), rows.iter().collect::<Vec<_>>())];
    let html = measure_chart("M", None, &series, 1, "D").unwrap();
    let wide = &html[..html.find("</svg>").unwrap()];
    // The marks, plus one beside the name and two in the key.
    let circles = wide.matches("<circle").count();
    assert!(circles > 1 && circles <= MAX_MARKS + 3, "{circles} marks");
    assert!(wide.contains("class=\"range\""), "spreads are drawn");
    assert!(wide.contains("5000 dated figures") && wide.contains("median"));
    assert!(html.len() < 60_000, "{} bytes", html.len());
    // Few figures: one mark each, as before.
    let few = vec![("Few".to_string(), rows[..50].iter().collect::<Vec<_>>())];
    let html = measure_chart("M", None, &few, 1, "D").unwrap();
    let wide = &html[..html.find("</svg>").unwrap()];
    assert_eq!(wide.matches("<circle").count(), 51);
    assert!(!wide.contains("median"));
}

#[test]
fn a_crowded_series_of_every_kind_still_draws_about_max_marks() {
    let shapes = [
        "exact",
        "approximate",
        "lower-bound",
        "upper-bound",
        "range",
    ];
    let rows: Vec<FigureRow> = (0..4000)
        .map(|i| {
            let date = format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28);
            let mut r = row(
                &date,
                Some((i % 97) as f64),
                Some((1.0, 2.0 + (i % 5) as f64)),
            );
            r.figure.shape = shapes[i % 5];
            r.figure.forecast = i % 3 == 0;
            r.claim.set_apart = i % 7 == 0;
            r
        })
        .collect();
    let marks = marks_of_rows(&rows);
    assert!(
        marks.len() > 8 && marks.len() <= MAX_MARKS + 8,
        "{} marks",
        marks.len()
    );
}

#[test]
fn no_two_texts_overlap_whatever_the_series() {
    let names = [
        "NIS",
        "Democratic People's Republic of Korea Ministry of Foreign Affairs",
        "김정은",
        "Armed Forces of Ukraine General Staff",
        "A",
        "Supercalifragilisticexpialidociousagencyofnowhere",
        "Kremlin",
        "12 other claimants",
    ];
    let shapes = [
        "exact",
        "approximate",
        "lower-bound",
        "upper-bound",
        "range",
    ];
    for count in 1..=names.len() {
        for spread_out in [false, true] {
            let series: Vec<(&str, Vec<FigureRow>)> = names[..count]
                .iter()
                .enumerate()
                .map(|(s, name)| {
                    let rows = (0..5)
                        .map(|i| {
                            let month = if spread_out {
                                1 + (i * 2 + s) % 12
                            } else {
                                1 + i % 2
                            };
                            let mut r = row(
                                &format!("2025-{month:02}"),
                                Some(100.0 * (i + s) as f64),
                                Some((10.0, 900.0)),
                            );
                            r.figure.shape = shapes[(i + s) % 5];
                            r.figure.forecast = (i + s) % 4 == 1;
                            r.claim.set_apart = (i + s) % 6 == 2;
                            r.claim.status_label = "Retracted";
                            r.figure.text = format!("{} soldiers", i);
                            r
                        })
                        .collect();
                    (*name, rows)
                })
                .collect();
            let html = chart(&series);
            super::super::assert_texts_apart(&html);
        }
    }
}

#[test]
fn one_dated_figure_is_no_chart() {
    let mut undated = row("2025", Some(1.0), None);
    undated.date = None;
    let one = row("2025", Some(1.0), None);
    assert!(measure_chart("M", None, &[("A".into(), vec![&undated])], 1, "D").is_none());
    assert!(measure_chart("M", None, &[("A".into(), vec![&one, &undated])], 1, "D").is_none());
    assert!(measure_chart("M", None, &[("A".into(), vec![&one, &one])], 1, "D").is_some());
}

#[test]
fn times_of_day_place_a_figure_on_its_day() {
    assert_eq!(day_of("2024-12-25T12:26Z"), day_of("2024-12-25"));
}

#[test]
fn dates_are_placed_by_the_days_between_them() {
    let between = |a: &str, b: &str| day_of(b).unwrap() - day_of(a).unwrap();
    assert_eq!(between("2024-02-28", "2024-03-01"), 2.0);
    assert_eq!(between("2023-02-28", "2023-03-01"), 1.0);
    assert_eq!(between("2023-12-31", "2024-01-01"), 1.0);
    assert_eq!(between("2024-01-01", "2025-01-01"), 366.0);
    assert_eq!(day_of("2024-03"), day_of("2024-03-01"));
    assert_eq!(day_of("2024"), day_of("2024-01-01"));
    assert_eq!(day_of("0001-01-01"), Some(366.0));
    assert_eq!(day_of("not a date"), None);
}
