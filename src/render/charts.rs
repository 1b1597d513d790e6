//! Pictures drawn at build time, as inline SVG that needs no JavaScript:
//! the chart of a measure's figures over time. Every chart has a title and
//! a description, and the page shows the same figures as a table; series
//! differ by marker shape as well as colour, and are named in a legend.

use super::context::FigureRow;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
/// Height of the plot area with its axes; the legend adds rows below.
const PLOT_HEIGHT: f64 = 320.0;
const LEGEND_ROW: f64 = 28.0;
const LEGEND_COLUMNS: usize = 2;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;
const SHAPES: usize = 6;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Days since 0000-01-01, roughly, for placing a (partial) date in time.
fn day_of(iso: &str) -> Option<f64> {
    let mut parts = iso.split('-').map(|p| p.parse::<f64>().ok());
    let year = parts.next()??;
    let month = parts.next().flatten().unwrap_or(1.0);
    let day = parts.next().flatten().unwrap_or(1.0);
    Some(year * 365.25 + (month - 1.0) * 30.44 + (day - 1.0))
}

/// A round step for about four ticks up to `max`.
fn tick_step(max: f64) -> f64 {
    round_up(max / 4.0)
}

/// The smallest of 1, 2, 5 and 10 times a power of ten that is at least
/// `raw` (at least `f64::MIN_POSITIVE`; at most 1e308 for a finite `raw`).
fn round_up(raw: f64) -> f64 {
    let raw = raw.max(f64::MIN_POSITIVE);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// Ticks a value axis draws, at most (a scale has about six).
const MAX_TICKS: usize = 12;

/// A value axis from `low` to `high` (zero always on it), with round
/// ticks. Any finite values make a finite scale: spans are taken by
/// halves, so even `-f64::MAX` to `f64::MAX` does not overflow, and the
/// ticks are counted, not accumulated, so there are never more than
/// `MAX_TICKS`.
#[derive(Debug, Clone, PartialEq)]
struct Scale {
    low: f64,
    high: f64,
    ticks: Vec<f64>,
}

impl Scale {
    fn of(values: impl Iterator<Item = f64>) -> Scale {
        let (low, high) = values
            .filter(|v| v.is_finite())
            .fold((0.0f64, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
        let half_span = high / 2.0 - low / 2.0;
        if half_span < f64::MIN_POSITIVE {
            // All zero, or too near zero to tell apart: a unit scale.
            let (low, high) = if low < 0.0 { (-1.0, 0.0) } else { (0.0, 1.0) };
            return Scale {
                low,
                high,
                ticks: vec![low, high],
            };
        }
        // About four steps over the span: each at least a quarter of it.
        let step = round_up(half_span / 2.0);
        let first = (low / step).floor();
        let last = (high / step).ceil();
        // A round end past the largest finite number is the value itself.
        let end = |k: f64, value: f64| Some(k * step).filter(|t| t.is_finite()).unwrap_or(value);
        let (low, high) = (end(first, low), end(last, high));
        let ticks = (0..MAX_TICKS)
            .map(|i| (first + i as f64) * step)
            .take_while(|t| *t <= high)
            .filter(|t| t.is_finite() && *t >= low)
            .collect();
        Scale { low, high, ticks }
    }

    /// Where `value` sits from `low` (0) to `high` (1); always finite.
    fn fraction(&self, value: f64) -> f64 {
        let f = (value / 2.0 - self.low / 2.0) / (self.high / 2.0 - self.low / 2.0);
        if f.is_finite() {
            f.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

fn marker(shape: usize, x: f64, y: f64) -> String {
    match shape % SHAPES {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"/>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\"/>",
            x - 4.5,
            y - 4.5
        ),
        2 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"/>",
            y - 6.0,
            x + 6.0,
            y + 5.0,
            x - 6.0,
            y + 5.0
        ),
        3 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"/>",
            y - 6.5,
            x + 6.5,
            y + 6.5,
            x - 6.5
        ),
        4 => format!(
            "<path d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\" class=\"cross\"/>",
            x - 5.0,
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0,
            y + 5.0,
            x + 5.0,
            y - 5.0
        ),
        _ => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" class=\"hollow\"/>",
            y - 6.5,
            x + 6.5,
            y + 6.5,
            x - 6.5
        ),
    }
}

/// The most marks a claimant's series draws. Past this, the figures that
/// fall in the same 1/MAX_MARKS of the time axis (a few pixels) are drawn
/// as one mark at their median, with a bar from their lowest to their
/// highest: thousands of figures would only overdraw each other, and
/// would make the page megabytes (the tables beside the chart list them).
const MAX_MARKS: usize = 92;

/// What a series draws at one place on the time axis.
struct Mark {
    px: f64,
    /// The value the series' line passes through.
    line: Option<f64>,
    /// Where the marker sits.
    marker: Option<f64>,
    /// A bar from low to high.
    range: Option<(f64, f64)>,
}

impl Mark {
    /// One figure: its value (or a range's middle) and its range.
    fn of(px: f64, row: &FigureRow) -> Mark {
        Mark {
            px,
            line: row.figure.value,
            marker: middle(row),
            range: row.figure.low.zip(row.figure.high),
        }
    }
}

/// Where a figure's marker sits: its value, or the middle of its range
/// (by halves: the sum of two huge bounds would overflow).
fn middle(row: &FigureRow) -> Option<f64> {
    let f = &row.figure;
    f.value
        .or(f.low.zip(f.high).map(|(l, h)| l / 2.0 + h / 2.0))
}

/// Marks for a crowded series (`points` sorted by day): one per slice of
/// the time axis that holds figures, at the slice's mean position, with
/// the median of its figures and a bar over all their values and ranges.
fn crowded_marks(points: &[(f64, &FigureRow)], x: &dyn Fn(f64) -> f64) -> Vec<Mark> {
    let plot_w = WIDTH - LEFT - RIGHT;
    let slice = |px: f64| (((px - LEFT) / plot_w * MAX_MARKS as f64) as usize).min(MAX_MARKS - 1);
    let mut marks = Vec::new();
    let mut group: Vec<(f64, &FigureRow)> = Vec::new();
    let mut flush = |group: &mut Vec<(f64, &FigureRow)>| {
        if group.is_empty() {
            return;
        }
        let px = group.iter().map(|(px, _)| px).sum::<f64>() / group.len() as f64;
        let mut middles: Vec<f64> = group.iter().filter_map(|(_, r)| middle(r)).collect();
        middles.sort_by(f64::total_cmp);
        let median = middles.get(middles.len() / 2).copied();
        let all = group
            .iter()
            .flat_map(|(_, r)| [r.figure.value, r.figure.low, r.figure.high])
            .flatten();
        let (low, high) = all.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        marks.push(Mark {
            px,
            line: median,
            marker: median,
            range: (high > low).then_some((low, high)),
        });
        group.clear();
    };
    for (day, row) in points {
        let px = x(*day);
        if group
            .last()
            .is_some_and(|(last, _)| slice(*last) != slice(px))
        {
            flush(&mut group);
        }
        group.push((px, row));
    }
    flush(&mut group);
    marks
}

/// The chart of a measure's dated figures, one series per claimant; `None`
/// when fewer than one figure has a date.
pub fn measure_chart(
    name: &str,
    unit: Option<&str>,
    series: &[(String, Vec<&FigureRow>)],
    claimants: usize,
) -> Option<String> {
    let dated: Vec<(usize, f64, &FigureRow)> = series
        .iter()
        .enumerate()
        .flat_map(|(s, (_, rows))| {
            rows.iter()
                .filter_map(move |r| Some((s, day_of(&r.date.as_ref()?.iso)?, *r)))
        })
        .collect();
    if dated.is_empty() {
        return None;
    }
    let scale = Scale::of(
        dated
            .iter()
            .flat_map(|(_, _, r)| [r.figure.value, r.figure.high, r.figure.low])
            .flatten(),
    );
    let (first, last) = dated
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), (_, d, _)| {
            (a.min(*d), b.max(*d))
        });
    let span = if last > first { last - first } else { 1.0 };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = PLOT_HEIGHT - TOP - BOTTOM;
    let legend_rows = series.len().div_ceil(LEGEND_COLUMNS);
    let height = PLOT_HEIGHT + legend_rows as f64 * LEGEND_ROW;
    let x = |day: f64| {
        if last > first {
            LEFT + (day - first) / span * plot_w
        } else {
            LEFT + plot_w / 2.0
        }
    };
    let y = |value: f64| TOP + plot_h - scale.fraction(value) * plot_h;

    let unit_text = unit.unwrap_or("value");
    let count = dated.len();
    let mut svg = String::new();
    let title = format!("{name}: figures over time");
    let crowded =
        (0..series.len()).any(|k| dated.iter().filter(|(s, _, _)| *s == k).count() > MAX_MARKS);
    let description = format!(
        "{count} dated figure{} from {claimants} claimant{}, on a scale from {} to {} {unit_text}{}; the tables list them all.",
        if count == 1 { "" } else { "s" },
        if claimants == 1 { "" } else { "s" },
        super::pages::format_number(scale.low),
        super::pages::format_number(scale.high),
        if crowded {
            "; where a claimant's figures crowd together, one mark shows their median and a bar their spread"
        } else {
            ""
        }
    );
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
        escape(&title),
        escape(&description)
    );
    // Axes and ticks, in the text colour.
    let _ = write!(
        svg,
        "<g class=\"axes\"><path d=\"M{LEFT} {TOP}V{:.1}H{:.1}\"/>",
        TOP + plot_h,
        LEFT + plot_w
    );
    for &tick in &scale.ticks {
        let ty = y(tick);
        let _ = write!(
            svg,
            "<path class=\"grid\" d=\"M{LEFT} {ty:.1}H{:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            ty + 4.0,
            super::pages::format_number(tick)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"14\" y=\"{:.1}\" transform=\"rotate(-90 14 {:.1})\" text-anchor=\"middle\">{}</text>",
        TOP + plot_h / 2.0,
        TOP + plot_h / 2.0,
        escape(unit_text)
    );
    let mut dates: Vec<(f64, &str)> = dated
        .iter()
        .filter_map(|(_, d, r)| Some((*d, r.date.as_ref()?.text.as_str())))
        .collect();
    dates.sort_by(|a, b| a.0.total_cmp(&b.0));
    dates.dedup_by(|a, b| a.1 == b.1);
    // The first and last dates, and one between when it has room.
    let shown: Vec<(f64, &str)> = match dates.len() {
        0..=2 => dates,
        n => {
            let middle = dates[n / 2];
            // Labels are about 9 units a character at 16px: keep a gap of 16.
            let width = |text: &str| text.chars().count() as f64 * 9.0;
            let (first, last) = (dates[0], dates[n - 1]);
            let left_gap = x(middle.0) - width(middle.1) / 2.0 - (x(first.0) + width(first.1));
            let right_gap = (x(last.0) - width(last.1)) - (x(middle.0) + width(middle.1) / 2.0);
            let room = left_gap > 16.0 && right_gap > 16.0;
            if room {
                vec![dates[0], middle, dates[n - 1]]
            } else {
                vec![dates[0], dates[n - 1]]
            }
        }
    };
    for (day, text) in shown {
        let anchor = if last > first && day == first {
            "start"
        } else if last > first && day == last {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            x(day),
            TOP + plot_h + 20.0,
            escape(text)
        );
    }
    svg.push_str("</g>");
    // One group per claimant: a line through its values, bars for ranges, markers.
    for (s, (claimant, _)) in series.iter().enumerate() {
        let mut points: Vec<(f64, &FigureRow)> = dated
            .iter()
            .filter(|(k, _, _)| *k == s)
            .map(|(_, d, r)| (*d, *r))
            .collect();
        if points.is_empty() {
            continue;
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let _ = write!(
            svg,
            "<g class=\"series series-{}\"><title>{}</title>",
            s % SHAPES,
            escape(claimant)
        );
        let marks = if points.len() > MAX_MARKS {
            crowded_marks(&points, &x)
        } else {
            points.iter().map(|(d, r)| Mark::of(x(*d), r)).collect()
        };
        let values: Vec<(f64, f64)> = marks
            .iter()
            .filter_map(|m| Some((m.px, y(m.line?))))
            .collect();
        if values.len() > 1 {
            let line: Vec<String> = values
                .iter()
                .map(|(px, py)| format!("{px:.1},{py:.1}"))
                .collect();
            let _ = write!(
                svg,
                "<polyline class=\"line\" points=\"{}\"/>",
                line.join(" ")
            );
        }
        for mark in &marks {
            let px = mark.px;
            if let Some((low, high)) = mark.range {
                let _ = write!(svg, "<path class=\"range\" d=\"M{px:.1} {:.1}V{:.1}M{:.1} {:.1}H{:.1}M{:.1} {:.1}H{:.1}\"/>", y(low), y(high), px - 5.0, y(low), px + 5.0, px - 5.0, y(high), px + 5.0);
            }
            if let Some(value) = mark.marker {
                svg.push_str(&marker(s, px, y(value)));
            }
        }
        svg.push_str("</g>");
    }
    // The legend: each claimant with its marker.
    for (s, (claimant, _)) in series.iter().enumerate() {
        let column = (s % LEGEND_COLUMNS) as f64;
        let row = (s / LEGEND_COLUMNS) as f64;
        let lx = LEFT + column * (plot_w / LEGEND_COLUMNS as f64);
        let ly = PLOT_HEIGHT + row * LEGEND_ROW + 8.0;
        let _ = write!(
            svg,
            "<g class=\"series series-{}\">{}</g>",
            s % SHAPES,
            marker(s, lx + 6.0, ly - 5.0)
        );
        let label = shortened(claimant, 34);
        let _ = write!(
            svg,
            "<text class=\"legend\" x=\"{:.1}\" y=\"{ly:.1}\">{}</text>",
            lx + 18.0,
            escape(&label)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::context::{ActorRef, ClaimRef, DateCtx, FigureCtx};

    fn row(date: &str, value: Option<f64>, range: Option<(f64, f64)>) -> FigureRow {
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
            date: Some(DateCtx {
                iso: date.into(),
                text: date.into(),
            }),
            figure: FigureCtx {
                text: String::new(),
                value,
                low: range.map(|r| r.0),
                high: range.map(|r| r.1),
                unit: None,
                qualifier: None,
                shape: "exact",
                as_of: None,
                wording: None,
                forecast: false,
            },
            grade: None,
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
        let svg = measure_chart("Killed", Some("soldiers"), &series, 2).unwrap();
        assert!(svg.starts_with("<svg class=\"chart\"") && svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"chart-title\">Killed: figures over time</title>"));
        assert!(svg.contains("3 dated figures from 2 claimants"), "{svg}");
        assert!(svg.contains(">soldiers</text>") && svg.contains("<title>NIS &lt;ROK&gt;</title>"));
        assert!(svg.contains("class=\"range\""), "no range bar");
        // Two values and one legend entry for the first series.
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(
            svg.contains("<rect"),
            "the second series has its own marker"
        );
        assert!(
            svg.contains(">NIS &lt;ROK&gt;</text>") && svg.contains(">Kremlin</text>"),
            "no legend"
        );
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
            for v in values {
                let f = s.fraction(*v);
                assert!((0.0..=1.0).contains(&f), "{v} at {f} of {s:?}");
            }
        }
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
        let svg = measure_chart("M", None, &series, 1).unwrap();
        // The marks, plus one in the legend.
        let circles = svg.matches("<circle").count();
        assert!(circles > 1 && circles <= MAX_MARKS + 1, "{circles} marks");
        assert!(svg.contains("class=\"range\""), "spreads are drawn");
        assert!(svg.contains("5000 dated figures") && svg.contains("median"));
        assert!(svg.len() < 20_000, "{} bytes", svg.len());
        // Few figures: one mark each, as before.
        let few = vec![("Few".to_string(), rows[..50].iter().collect::<Vec<_>>())];
        let svg = measure_chart("M", None, &few, 1).unwrap();
        assert_eq!(svg.matches("<circle").count(), 51);
        assert!(!svg.contains("median"));
    }

    #[test]
    fn no_dated_figure_means_no_chart() {
        let mut undated = row("2025", Some(1.0), None);
        undated.date = None;
        assert!(measure_chart("M", None, &[("A".into(), vec![&undated])], 1).is_none());
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(4700.0), 2000.0);
        assert_eq!(tick_step(15000.0), 5000.0);
        assert_eq!(tick_step(20.0), 5.0);
    }
}

/// How an actor is related to a neighbour in its relationship picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// One is part of the other.
    PartOf,
    /// One made claims about the other.
    Claims,
    /// They appear in the same briefs.
    SharedBriefs,
}

impl Relation {
    fn class(self) -> &'static str {
        match self {
            Relation::PartOf => "part-of",
            Relation::Claims => "claims",
            Relation::SharedBriefs => "shared",
        }
    }
}

/// A legend of line styles: each relation's line and its words, in a row
/// at `y`, `step` apart.
fn legend(svg: &mut String, entries: &[(Relation, &str)], y: f64, step: f64) {
    for (k, (relation, text)) in entries.iter().enumerate() {
        let lx = 40.0 + k as f64 * step;
        let _ = write!(
            svg,
            "<path class=\"edge {}\" d=\"M{lx:.1} {:.1}h36\"/><text x=\"{:.1}\" y=\"{y:.1}\">{text}</text>",
            relation.class(),
            y - 5.0,
            lx + 44.0
        );
    }
}

/// Neighbours shown at most.
pub const GRAPH_NEIGHBOURS: usize = 24;

/// A picture of an actor and its closest neighbours: the actor at the top,
/// its neighbours in two columns below (closest first, down the left, then
/// down the right), each joined to it by a line whose style says how they
/// are related. Labels sit outside the columns, so none overlaps another
/// whatever the number. `None` without neighbours.
pub fn actor_graph(name: &str, neighbours: &[(String, Relation)]) -> Option<String> {
    if neighbours.is_empty() {
        return None;
    }
    let shown = &neighbours[..neighbours.len().min(GRAPH_NEIGHBOURS)];
    let rows = shown.len().div_ceil(2);
    let (cx, cy) = (WIDTH / 2.0, 44.0);
    let (first_row, row_gap) = (96.0, 28.0);
    let columns = [WIDTH / 2.0 - 90.0, WIDTH / 2.0 + 90.0];
    let legend_y = first_row + rows as f64 * row_gap + 24.0;
    let height = legend_y + 16.0;
    let mut svg = String::new();
    let description = format!(
        "{name} and {} related actor{}: {}.",
        shown.len(),
        if shown.len() == 1 { "" } else { "s" },
        shown
            .iter()
            .map(|(n, r)| format!(
                "{n} ({})",
                match r {
                    Relation::PartOf => "part of the same body",
                    Relation::Claims => "claims between them",
                    Relation::SharedBriefs => "in the same briefs",
                }
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let _ = write!(
        svg,
        "<svg class=\"chart graph\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"graph-title graph-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"graph-title\">{}</title><desc id=\"graph-desc\">{}</desc>",
        escape(&format!("{name} and related actors")),
        escape(&description)
    );
    let mut labels = String::new();
    for (i, (neighbour, relation)) in shown.iter().enumerate() {
        let (column, row) = if i < rows { (0, i) } else { (1, i - rows) };
        let (nx, ny) = (columns[column], first_row + row as f64 * row_gap);
        let _ = write!(
            svg,
            "<path class=\"edge {}\" d=\"M{cx:.1} {cy:.1}L{nx:.1} {ny:.1}\"/>",
            relation.class()
        );
        let _ = write!(
            labels,
            "<circle class=\"node\" cx=\"{nx:.1}\" cy=\"{ny:.1}\" r=\"6\"/>"
        );
        // Left column labels run leftwards, right column rightwards; about
        // 20 characters fit at 16px between a column and the edge.
        let (lx, anchor) = if column == 0 {
            (nx - 12.0, "end")
        } else {
            (nx + 12.0, "start")
        };
        let label = shortened(neighbour, 20);
        let _ = write!(
            labels,
            "<text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            ny + 5.0,
            escape(&label)
        );
    }
    svg.push_str(&labels);
    let centre = shortened(name, 40);
    let _ = write!(
        svg,
        "<circle class=\"node centre\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"9\"/><text class=\"centre-label\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        cy - 18.0,
        escape(&centre)
    );
    legend(
        &mut svg,
        &[
            (Relation::PartOf, "part of"),
            (Relation::Claims, "claims about"),
            (Relation::SharedBriefs, "same briefs"),
        ],
        legend_y,
        200.0,
    );
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod graph_tests {
    use super::*;

    #[test]
    fn a_graph_names_the_actor_and_every_neighbour_with_how_they_relate() {
        let neighbours = vec![
            ("North Korea".to_string(), Relation::PartOf),
            ("Putin <V>".to_string(), Relation::SharedBriefs),
        ];
        let svg = actor_graph("Kim Jong Un", &neighbours).unwrap();
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("<title id=\"graph-title\">Kim Jong Un and related actors</title>")
        );
        assert!(
            svg.contains(
                "North Korea (part of the same body); Putin &lt;V&gt; (in the same briefs)"
            ),
            "{svg}"
        );
        assert_eq!(
            svg.matches("class=\"edge part-of\"").count(),
            2,
            "one edge and its legend"
        );
        assert!(actor_graph("Alone", &[]).is_none());
    }

    #[test]
    fn at_most_24_neighbours_are_drawn_with_labels_apart() {
        let many: Vec<(String, Relation)> = (0..30)
            .map(|i| (format!("Actor {i}"), Relation::SharedBriefs))
            .collect();
        let svg = actor_graph("Hub", &many).unwrap();
        assert_eq!(svg.matches("class=\"node\"").count(), GRAPH_NEIGHBOURS);
        assert!(svg.contains("Actor 23") && !svg.contains("Actor 24"));
        // Labels of a column (same anchor) are at least a line apart.
        for anchor in ["end", "start"] {
            let mut ys: Vec<f64> = svg
                .split("<text ")
                .filter(|t| t.contains(&format!("text-anchor=\"{anchor}\"")))
                .filter_map(|t| {
                    let y = t.split("y=\"").nth(1)?;
                    y[..y.find('"')?].parse().ok()
                })
                .collect();
            ys.sort_by(f64::total_cmp);
            assert_eq!(ys.len(), 12, "{anchor}");
            assert!(ys.windows(2).all(|w| w[1] - w[0] >= 20.0), "{ys:?}");
        }
    }
}

/// Actors in the network overview, at most.
pub const NETWORK_ACTORS: usize = 20;

/// The overview of the most connected actors: each on a circle, joined by
/// a line per relation, thicker for more shared briefs. `names` are the
/// actors; `edges` are (a, b, relation, shared briefs) by index in `names`.
pub fn network(names: &[String], edges: &[(usize, usize, Relation, usize)]) -> Option<String> {
    if names.len() < 2 {
        return None;
    }
    let (cx, cy, radius) = (WIDTH / 2.0, 250.0, 160.0);
    let legend_y = 500.0;
    let height = legend_y + 24.0;
    let count = names.len() as f64;
    let at = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / count;
        (cx + radius * angle.cos(), cy + radius * angle.sin(), angle)
    };
    let mut svg = String::new();
    let description = format!(
        "The {} most connected actors, joined where one is part of another or where they appear in the same briefs; {} connection{}. The list below names them all.",
        names.len(),
        edges.len(),
        if edges.len() == 1 { "" } else { "s" }
    );
    let _ = write!(
        svg,
        "<svg class=\"chart graph\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"network-title network-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"network-title\">The most connected actors</title><desc id=\"network-desc\">{}</desc>",
        escape(&description)
    );
    for &(a, b, relation, shared) in edges {
        let ((ax, ay, _), (bx, by, _)) = (at(a), at(b));
        // Shared briefs: thicker for more; part-of keeps its own style.
        let width = match relation {
            Relation::SharedBriefs => format!(
                " style=\"stroke-width:{:.1}\"",
                1.0 + (shared.max(1) as f64).ln()
            ),
            _ => String::new(),
        };
        let _ = write!(
            svg,
            "<path class=\"edge {}\"{width} d=\"M{ax:.1} {ay:.1}L{bx:.1} {by:.1}\"/>",
            relation.class()
        );
    }
    for (i, name) in names.iter().enumerate() {
        let (x, y, angle) = at(i);
        // Outward from the circle; only a node at the very top or bottom is centred.
        let anchor = outward_anchor(angle, 0.05);
        let (lx, ly) = (
            cx + (radius + 12.0) * angle.cos(),
            cy + (radius + 12.0) * angle.sin() + 5.0 + if angle.sin() > 0.99 { 10.0 } else { 0.0 },
        );
        let label = shortened(name, 15);
        let _ = write!(
            svg,
            "<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/><text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text>",
            escape(&label)
        );
    }
    legend(
        &mut svg,
        &[
            (Relation::PartOf, "part of"),
            (Relation::SharedBriefs, "same briefs (thicker: more)"),
        ],
        legend_y,
        220.0,
    );
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod network_tests {
    use super::*;

    #[test]
    fn the_overview_draws_every_actor_and_connection() {
        let names = vec!["A".to_string(), "B".to_string(), "C <x>".to_string()];
        let svg = network(
            &names,
            &[
                (0, 1, Relation::PartOf, 0),
                (1, 2, Relation::SharedBriefs, 3),
            ],
        )
        .unwrap();
        assert_eq!(svg.matches("class=\"node\"").count(), 3);
        assert!(svg.contains("2 connections") && svg.contains("C &lt;x&gt;"));
        assert!(network(&names[..1], &[]).is_none());
    }
}

/// `text` cut to `max_chars` characters, with "…" when something was cut.
fn shortened(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// The text anchor of a label placed outside a circle at `angle`: away
/// from the centre, and centred only within `band` of the vertical.
fn outward_anchor(angle: f64, band: f64) -> &'static str {
    if angle.cos() > band {
        "start"
    } else if angle.cos() < -band {
        "end"
    } else {
        "middle"
    }
}

/// Months shown in the timeline chart, at most (the latest).
pub const TIMELINE_MONTHS: usize = 36;

/// Claims per month, two bars a month: made then, and about events then.
/// `months` are (label, made, events), oldest first. `None` when empty.
pub fn timeline(months: &[(String, usize, usize)]) -> Option<String> {
    if months.is_empty() {
        return None;
    }
    let months = &months[months.len().saturating_sub(TIMELINE_MONTHS)..];
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = PLOT_HEIGHT - TOP - BOTTOM;
    let top = months
        .iter()
        .map(|(_, m, e)| (*m).max(*e))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let step = tick_step(top).max(1.0);
    let y_max = (top / step).ceil() * step;
    let slot = plot_w / months.len() as f64;
    let bar = (slot * 0.4).min(18.0);
    let y = |v: f64| TOP + plot_h - v / y_max * plot_h;
    let height = PLOT_HEIGHT + LEGEND_ROW;
    let made: usize = months.iter().map(|m| m.1).sum();
    let events: usize = months.iter().map(|m| m.2).sum();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"timeline-title\">Claims per month</title><desc id=\"timeline-desc\">{}</desc>",
        escape(&format!(
            "From {} to {}: {made} claims by the month they were made and {events} by the month of the events they describe. The list below gives every claim.",
            months[0].0,
            months[months.len() - 1].0
        ))
    );
    let _ = write!(
        svg,
        "<g class=\"axes\"><path d=\"M{LEFT} {TOP}V{:.1}H{:.1}\"/>",
        TOP + plot_h,
        LEFT + plot_w
    );
    let mut tick = 0.0;
    while tick <= y_max + step / 2.0 {
        let ty = y(tick);
        let _ = write!(svg, "<path class=\"grid\" d=\"M{LEFT} {ty:.1}H{:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>", LEFT + plot_w, LEFT - 6.0, ty + 4.0, tick as u64);
        tick += step;
    }
    let labelled = [0, months.len() / 2, months.len() - 1];
    for (i, (label, _, _)) in months.iter().enumerate() {
        if labelled.contains(&i) && (i == 0 || i == months.len() - 1 || months.len() > 4) {
            let anchor = if i == 0 {
                "start"
            } else if i == months.len() - 1 {
                "end"
            } else {
                "middle"
            };
            let x = if i == 0 {
                LEFT
            } else if i == months.len() - 1 {
                LEFT + plot_w
            } else {
                LEFT + slot * (i as f64 + 0.5)
            };
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                TOP + plot_h + 20.0,
                escape(label)
            );
        }
    }
    svg.push_str("</g>");
    for (series, class) in [(0usize, "series series-0"), (1, "series series-1")] {
        let _ = write!(svg, "<g class=\"{class}\">");
        for (i, (_, made, events)) in months.iter().enumerate() {
            let value = if series == 0 { *made } else { *events } as f64;
            if value == 0.0 {
                continue;
            }
            let x = LEFT + slot * i as f64 + slot / 2.0 - bar + series as f64 * bar;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\"{}/>",
                y(value),
                TOP + plot_h - y(value),
                if series == 1 {
                    " class=\"hatched\""
                } else {
                    ""
                }
            );
        }
        svg.push_str("</g>");
    }
    for (k, (text, class)) in [
        ("made that month", "series series-0"),
        ("about events that month (outlined)", "series series-1"),
    ]
    .iter()
    .enumerate()
    {
        let lx = LEFT + k as f64 * 220.0;
        let ly = PLOT_HEIGHT + 8.0;
        let hatched = if k == 1 { " class=\"hatched\"" } else { "" };
        let _ = write!(svg, "<g class=\"{class}\"><rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\"{hatched}/></g><text class=\"legend\" x=\"{:.1}\" y=\"{ly:.1}\">{text}</text>", ly - 11.0, lx + 18.0);
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod timeline_tests {
    use super::*;

    #[test]
    fn a_month_gets_a_bar_per_kind_of_date() {
        let months = vec![
            ("January 2025".to_string(), 2, 0),
            ("February 2025".to_string(), 0, 1),
            ("March 2025".to_string(), 3, 2),
        ];
        let svg = timeline(&months).unwrap();
        assert!(
            svg.contains("5 claims by the month they were made and 3 by the month of the events"),
            "{svg}"
        );
        // Two bars made, two bars of events, and two legend swatches.
        assert_eq!(svg.matches("<rect").count(), 6);
        assert!(timeline(&[]).is_none());
    }
}
