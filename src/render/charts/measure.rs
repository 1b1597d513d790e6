//! The chart of a measure's figures over time, drawn as FORMAT §7 asks so
//! that it cannot say more than the figures do:
//!
//! - the qualifier is drawn: an `at-least` figure is a mark with an open
//!   bar upwards (towards what it leaves unknown), `at-most` downwards, a
//!   range a bar from low to high, `about`/`nearly` a mark in a dashed
//!   ring;
//! - a line joins only a claimant's consecutive standing figures of the
//!   same kind ([`Kind`]): never an at-least to an at-most, which would
//!   read as growth, and never a forecast or a figure that no longer
//!   stands;
//! - figures of `retracted`, `false` and `superseded` claims are faded and
//!   named, and never a claimant's latest;
//! - a forecast is drawn hollow at the date it describes, and named;
//! - the provenance is under the chart: claims, claimants, the date of the
//!   latest figure, the desk.
//!
//! Few claimants are named beside their last figure (direct labels); more
//! in rows under the chart. A key names each way of drawing the chart
//! uses.

use super::{both, escape, round_up, text_width, wrap, Frame, Label, Placer, Rect};
use crate::render::context::FigureRow;
use std::fmt::Write;

/// Marker shapes and series colours: one each for the seven claimants with
/// most figures and the rest together (`pages::CHART_SERIES` + 1).
const SHAPES: usize = 8;

/// Series named beside their last figure, at most; more get a legend.
const DIRECT_LABELS: usize = 4;

/// Marks named (forecast, superseded…) at most; past this the key alone
/// says what faded and hollow marks are.
const ANNOTATIONS: usize = 20;

/// The most marks a claimant's series draws of one kind. Past this, the
/// figures that fall in the same 1/MAX_MARKS of the time axis (a few
/// pixels) are drawn as one mark at their median, with a bar from their
/// lowest to their highest: thousands of figures would only overdraw each
/// other, and would make the page megabytes (the tables beside the chart
/// list them).
const MAX_MARKS: usize = 92;

/// Ticks a value axis draws, at most (a scale has about six).
const MAX_TICKS: usize = 12;

/// Days since 0000-01-01, roughly, for placing a (partial) date in time.
fn day_of(iso: &str) -> Option<f64> {
    let mut parts = iso.split('-').map(|p| p.parse::<f64>().ok());
    let year = parts.next()??;
    let month = parts.next().flatten().unwrap_or(1.0);
    let day = parts
        .next()
        .flatten()
        .or_else(|| {
            // A date with a time of day: `2024-12-25T12:26Z`.
            iso.get(8..10).and_then(|d| d.parse().ok())
        })
        .unwrap_or(1.0);
    Some(year * 365.25 + (month - 1.0) * 30.44 + (day - 1.0))
}

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
    /// The step between ticks.
    step: f64,
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
                step: 1.0,
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
        Scale {
            low,
            high,
            ticks,
            step,
        }
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

    /// A tick's number, short: grouped digits with the decimals its step
    /// needs, or `1.5e308` for the very large and very small.
    fn label(&self, tick: f64) -> String {
        if tick == 0.0 {
            return "0".into();
        }
        let magnitude = tick.abs();
        if !(1e-4..1e15).contains(&magnitude) {
            let text = format!("{tick:.2e}");
            let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            return format!("{mantissa}e{exponent}");
        }
        let decimals = (-self.step.log10().floor()).clamp(0.0, 6.0) as usize;
        let text = format!("{tick:.decimals$}");
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::from(sign);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if !frac.is_empty() {
            grouped.push('.');
            grouped.push_str(frac);
        }
        grouped
    }
}

/// What a figure says of the quantity, for drawing and joining it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// A number (exact or approximate), perhaps with a margin.
    Point,
    /// At least this much (`at-least`, or only `low`).
    Lower,
    /// At most this much (`at-most`, or only `high`).
    Upper,
    /// Somewhere from `low` to `high`.
    Range,
}

impl Kind {
    /// From the qualifier's `shape`, else from which numbers are given: a
    /// figure with only `low` is a lower bound whatever it lacks.
    fn of(row: &FigureRow) -> Kind {
        let f = &row.figure;
        match f.shape {
            "lower-bound" => Kind::Lower,
            "upper-bound" => Kind::Upper,
            "range" => Kind::Range,
            _ => match (f.value, f.low, f.high) {
                (None, Some(_), None) => Kind::Lower,
                (None, None, Some(_)) => Kind::Upper,
                (None, Some(_), Some(_)) => Kind::Range,
                _ => Kind::Point,
            },
        }
    }
}

/// One mark: a figure, or in a crowded series the figures of one kind
/// close together in time.
#[derive(Debug, Clone)]
pub(super) struct Mark<'a> {
    day: f64,
    kind: Kind,
    approximate: bool,
    /// Where the marker sits.
    value: f64,
    /// A bar from low to high (a range, a margin, a crowd's spread).
    span: Option<(f64, f64)>,
    set_apart: bool,
    forecast: bool,
    /// The claim's status label ("Superseded"), for set-apart marks.
    status: &'a str,
    /// The figure, for a mark of one; its date text.
    row: Option<&'a FigureRow>,
    /// How many figures it stands for.
    count: usize,
}

impl<'a> Mark<'a> {
    fn of(day: f64, row: &'a FigureRow) -> Option<Mark<'a>> {
        let f = &row.figure;
        let kind = Kind::of(row);
        let middle = f.low.zip(f.high).map(|(l, h)| l / 2.0 + h / 2.0);
        let value = match kind {
            Kind::Point => f.value.or(middle),
            Kind::Lower => f.value.or(f.low).or(f.high),
            Kind::Upper => f.value.or(f.high).or(f.low),
            Kind::Range => middle.or(f.value),
        }
        .filter(|v| v.is_finite())?;
        let span = match kind {
            Kind::Point | Kind::Range => f.low.zip(f.high),
            Kind::Lower | Kind::Upper => None,
        };
        Some(Mark {
            day,
            kind,
            approximate: f.shape == "approximate",
            value,
            span,
            set_apart: row.claim.set_apart,
            forecast: f.forecast,
            status: row.claim.status_label,
            row: Some(row),
            count: 1,
        })
    }

    /// Whether a line may pass through it: a standing figure, not a
    /// forecast.
    fn joinable(&self) -> bool {
        !self.set_apart && !self.forecast
    }

    /// What it is named beside it: "forecast", "superseded".
    fn note(&self) -> Option<String> {
        let mut words = Vec::new();
        if self.forecast {
            words.push("forecast".to_string());
        }
        if self.set_apart {
            words.push(self.status.to_lowercase());
        }
        (!words.is_empty()).then(|| words.join(", "))
    }
}

/// The pairs of marks (by index into `marks`, sorted by day) a claimant's
/// line joins: consecutive standing figures, not forecasts, of the same
/// kind. A figure of another kind between two breaks the line.
pub(super) fn joins(marks: &[Mark]) -> Vec<(usize, usize)> {
    let standing: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].joinable()).collect();
    standing
        .windows(2)
        .filter(|w| marks[w[0]].kind == marks[w[1]].kind)
        .map(|w| (w[0], w[1]))
        .collect()
}

/// A claimant's latest figure: the last standing one that is not a
/// forecast (a figure that no longer stands is never anyone's latest).
pub(super) fn latest<'m, 'a>(marks: &'m [Mark<'a>]) -> Option<&'m Mark<'a>> {
    marks.iter().rev().find(|m| m.joinable())
}

/// The marks of a series (`points` sorted by day): one per figure, or
/// when there are more than `MAX_MARKS`, one per slice of the time axis
/// and kind of figure (standing or not, forecast or not), at the median of
/// its figures with a bar over their spread: at most MAX_MARKS, or 8
/// slices of each of the (at most 16) kinds.
fn marks_of<'a>(points: &[(f64, &'a FigureRow)], first: f64, span: f64) -> Vec<Mark<'a>> {
    let marks: Vec<Mark> = points
        .iter()
        .filter_map(|(day, row)| Mark::of(*day, row))
        .collect();
    if marks.len() <= MAX_MARKS {
        return marks;
    }
    // Fewer slices when figures of several kinds share the axis, so that
    // the series still draws about MAX_MARKS marks.
    let mut classes: Vec<(Kind, bool, bool)> = marks
        .iter()
        .map(|m| (m.kind, m.set_apart, m.forecast))
        .collect();
    classes.sort();
    classes.dedup();
    let slices = (MAX_MARKS / classes.len()).max(8);
    let slice = |day: f64| {
        let f = ((day - first) / span).clamp(0.0, 1.0);
        ((f * slices as f64) as usize).min(slices - 1)
    };
    let mut groups: std::collections::BTreeMap<(usize, Kind, bool, bool), Vec<Mark>> =
        std::collections::BTreeMap::new();
    for mark in marks {
        groups
            .entry((slice(mark.day), mark.kind, mark.set_apart, mark.forecast))
            .or_default()
            .push(mark);
    }
    let mut crowded: Vec<Mark> = groups
        .into_values()
        .map(|group| {
            if group.len() == 1 {
                return group.into_iter().next().expect("one mark");
            }
            let day = group.iter().map(|m| m.day).sum::<f64>() / group.len() as f64;
            let mut values: Vec<f64> = group.iter().map(|m| m.value).collect();
            values.sort_by(f64::total_cmp);
            let (low, high) = group
                .iter()
                .flat_map(|m| {
                    let (l, h) = m.span.unwrap_or((m.value, m.value));
                    [m.value, l, h]
                })
                .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
            let statuses_agree = group.iter().all(|m| m.status == group[0].status);
            Mark {
                day,
                kind: group[0].kind,
                approximate: group.iter().any(|m| m.approximate),
                value: values[values.len() / 2],
                span: (high > low).then_some((low, high)),
                set_apart: group[0].set_apart,
                forecast: group[0].forecast,
                status: if statuses_agree {
                    group[0].status
                } else {
                    "No longer stands"
                },
                row: None,
                count: group.len(),
            }
        })
        .collect();
    crowded.sort_by(|a, b| a.day.total_cmp(&b.day));
    crowded
}

/// A marker of series `shape` at (x, y), `r` its half size; hollow for a
/// forecast.
fn marker(shape: usize, x: f64, y: f64, hollow: bool) -> String {
    let class = if hollow { " class=\"forecast\"" } else { "" };
    match shape % SHAPES {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5.5\"{class}/>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\"{class}/>",
            x - 5.0,
            y - 5.0
        ),
        2 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"{class}/>",
            y - 6.5,
            x + 6.5,
            y + 5.0,
            x - 6.5,
            y + 5.0
        ),
        3 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"{class}/>",
            y - 7.0,
            x + 7.0,
            y + 7.0,
            x - 7.0
        ),
        4 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"{class}/>",
            y + 6.5,
            x + 6.5,
            y - 5.0,
            x - 6.5,
            y - 5.0
        ),
        6 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"7\"{class}/>",
            x - 7.0,
            y - 3.5
        ),
        7 => format!(
            "<path d=\"M{:.1} {:.1}L{:.1} {y:.1}L{:.1} {:.1}Z\"{class}/>",
            x - 5.0,
            y - 6.5,
            x + 6.5,
            x - 5.0,
            y + 6.5
        ),
        _ => format!(
            "<path d=\"M{:.1} {:.1}H{:.1}L{:.1} {y:.1}L{:.1} {:.1}H{:.1}L{:.1} {y:.1}Z\"{class}/>",
            x - 3.5,
            y - 6.0,
            x + 3.5,
            x + 7.0,
            x + 3.5,
            y + 6.0,
            x - 3.5,
            x - 7.0
        ),
    }
}

/// What the key explains, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KeyItem {
    Approximate,
    Lower,
    Upper,
    Range,
    Forecast,
    SetApart,
    Crowd,
}

impl KeyItem {
    fn text(self) -> &'static str {
        match self {
            KeyItem::Approximate => "ring: about, or nearly",
            KeyItem::Lower => "open bar up: at least (more not ruled out)",
            KeyItem::Upper => "open bar down: at most",
            KeyItem::Range => "bar: a range, from low to high",
            KeyItem::Forecast => "hollow: a forecast, placed at the date it describes",
            KeyItem::SetApart => "faded: no longer stands (superseded, retracted or false)",
            KeyItem::Crowd => {
                "one mark for figures close in time: their median, a bar their spread"
            }
        }
    }

    /// Its symbol, centred at (x, y).
    fn symbol(self, x: f64, y: f64) -> String {
        match self {
            KeyItem::Approximate => format!(
                "{}<circle class=\"approx\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"10\"/>",
                marker(0, x, y, false)
            ),
            KeyItem::Lower => format!(
                "{}{}",
                marker(0, x, y + 5.0, false),
                open_bar(x, y + 5.0, y - 9.0)
            ),
            KeyItem::Upper => format!(
                "{}{}",
                marker(0, x, y - 5.0, false),
                open_bar(x, y - 5.0, y + 9.0)
            ),
            KeyItem::Range | KeyItem::Crowd => format!(
                "{}{}",
                range_bar(x, y - 9.0, y + 9.0),
                marker(0, x, y, false)
            ),
            KeyItem::Forecast => marker(0, x, y, true),
            KeyItem::SetApart => format!("<g class=\"set-apart\">{}</g>", marker(0, x, y, false)),
        }
    }
}

/// A bar from a bound at `from` to `to`, open at `to` (a chevron, no cap).
fn open_bar(x: f64, from: f64, to: f64) -> String {
    let back = if to < from { 5.0 } else { -5.0 };
    format!(
        "<path class=\"open\" d=\"M{x:.1} {from:.1}V{to:.1}M{:.1} {:.1}L{x:.1} {to:.1}L{:.1} {:.1}\"/>",
        x - 4.5,
        to + back,
        x + 4.5,
        to + back
    )
}

/// A bar from `top` to `bottom`, capped at both ends.
fn range_bar(x: f64, top: f64, bottom: f64) -> String {
    format!(
        "<path class=\"range\" d=\"M{x:.1} {top:.1}V{bottom:.1}M{:.1} {top:.1}H{:.1}M{:.1} {bottom:.1}H{:.1}\"/>",
        x - 5.0,
        x + 5.0,
        x - 5.0,
        x + 5.0
    )
}

/// Everything the two drawings share.
struct Chart<'a> {
    name: &'a str,
    unit: &'a str,
    /// Each series' name and marks (sorted by day).
    series: Vec<(&'a str, Vec<Mark<'a>>)>,
    scale: Scale,
    first: f64,
    last: f64,
    /// The date texts at the first and last day, and one between.
    dates: Vec<(f64, &'a str)>,
    key: Vec<KeyItem>,
    provenance: String,
    description: String,
}

/// The chart of a measure's dated figures, one series per claimant, as
/// two drawings (wide and narrow) in a `chart-box`; `None` when fewer
/// than two figures are dated (one figure is a statement, not a chart).
/// `claimants` counts the measure's claimants, `desk` is who keeps the
/// site (its `author`, else its title): both for the provenance line.
pub fn measure_chart(
    name: &str,
    unit: Option<&str>,
    series: &[(String, Vec<&FigureRow>)],
    claimants: usize,
    desk: &str,
) -> Option<String> {
    let chart = Chart::new(name, unit, series, claimants, desk)?;
    Some(both(|frame| chart.draw(frame)))
}

impl<'a> Chart<'a> {
    fn new(
        name: &'a str,
        unit: Option<&'a str>,
        series: &'a [(String, Vec<&'a FigureRow>)],
        claimants: usize,
        desk: &str,
    ) -> Option<Chart<'a>> {
        let days: Vec<Vec<(f64, &FigureRow)>> = series
            .iter()
            .map(|(_, rows)| {
                let mut points: Vec<(f64, &FigureRow)> = rows
                    .iter()
                    .filter_map(|r| Some((day_of(&r.date.as_ref()?.iso)?, *r)))
                    .filter(|(d, _)| d.is_finite())
                    .collect();
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                points
            })
            .collect();
        let count: usize = days.iter().map(Vec::len).sum();
        if count < 2 {
            return None;
        }
        let (first, last) = days
            .iter()
            .flatten()
            .fold((f64::MAX, f64::MIN), |(a, b), (d, _)| {
                (a.min(*d), b.max(*d))
            });
        let span = if last > first { last - first } else { 1.0 };
        let series_rows = series;
        let series: Vec<(&str, Vec<Mark>)> = series
            .iter()
            .zip(&days)
            .map(|((name, _), points)| (name.as_str(), marks_of(points, first, span)))
            .collect();
        let marks = || series.iter().flat_map(|(_, m)| m);
        if marks().count() < 2 {
            return None;
        }
        let scale = Scale::of(marks().flat_map(|m| {
            let (l, h) = m.span.unwrap_or((m.value, m.value));
            [m.value, l, h]
        }));
        let mut dates: Vec<(f64, &str)> = days
            .iter()
            .flatten()
            .filter_map(|(d, r)| Some((*d, r.date.as_ref()?.text.as_str())))
            .collect();
        dates.sort_by(|a, b| a.0.total_cmp(&b.0));
        dates.dedup_by(|a, b| a.1 == b.1);
        let dates = match dates.len() {
            0..=2 => dates,
            n => vec![dates[0], dates[n / 2], dates[n - 1]],
        };
        let mut key: Vec<KeyItem> = marks()
            .flat_map(|m| {
                [
                    m.approximate.then_some(KeyItem::Approximate),
                    (m.kind == Kind::Lower).then_some(KeyItem::Lower),
                    (m.kind == Kind::Upper).then_some(KeyItem::Upper),
                    (m.row.is_some() && m.span.is_some()).then_some(KeyItem::Range),
                    m.forecast.then_some(KeyItem::Forecast),
                    m.set_apart.then_some(KeyItem::SetApart),
                    (m.count > 1).then_some(KeyItem::Crowd),
                ]
            })
            .flatten()
            .collect();
        key.sort();
        key.dedup();

        // Provenance: every figure of the measure (dated or not).
        let claims: usize = series_rows.iter().map(|(_, rows)| rows.len()).sum();
        let latest_date = days
            .iter()
            .flatten()
            .filter(|(_, r)| !r.claim.set_apart && !r.figure.forecast)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .or_else(|| days.iter().flatten().max_by(|a, b| a.0.total_cmp(&b.0)))
            .and_then(|(_, r)| r.date.as_ref())
            .map(|d| d.text.clone());
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut provenance = format!(
            "{} from {}",
            plural(claims, "claim", "claims"),
            plural(claimants, "claimant", "claimants")
        );
        if let Some(date) = &latest_date {
            let _ = write!(provenance, " · latest figure {date}");
        }
        let _ = write!(provenance, " · {desk}");

        let unit_text = unit.unwrap_or("value");
        let latest_text: Vec<String> = series
            .iter()
            .filter_map(|(name, marks)| {
                let m = latest(marks)?;
                let row = m.row?;
                let date = row.date.as_ref().map(|d| d.text.as_str()).unwrap_or("");
                Some(format!("{name}, {} ({date})", row.figure.text))
            })
            .collect();
        let forecasts = marks()
            .filter(|m| m.forecast)
            .map(|m| m.count)
            .sum::<usize>();
        let set_apart = marks()
            .filter(|m| m.set_apart)
            .map(|m| m.count)
            .sum::<usize>();
        let mut description = format!(
            "{} from {}, on a scale from {} to {} {unit_text}.",
            plural(count, "dated figure", "dated figures"),
            plural(claimants, "claimant", "claimants"),
            crate::render::pages::format_number(scale.low),
            crate::render::pages::format_number(scale.high),
        );
        if !latest_text.is_empty() {
            let _ = write!(description, " Latest: {}.", latest_text.join("; "));
        }
        if forecasts > 0 {
            let _ = write!(
                description,
                " {} drawn hollow at the date {} describe{}.",
                plural(forecasts, "forecast", "forecasts"),
                if forecasts == 1 { "it" } else { "they" },
                if forecasts == 1 { "s" } else { "" }
            );
        }
        if set_apart > 0 {
            let _ = write!(
                description,
                " {} no longer stand{} (superseded, retracted or false): drawn faded, never counted as latest.",
                plural(set_apart, "figure", "figures"),
                if set_apart == 1 { "s" } else { "" }
            );
        }
        if key.contains(&KeyItem::Crowd) {
            description.push_str(
                " Where a claimant's figures crowd together, one mark shows their median and a bar their spread.",
            );
        }
        let _ = write!(description, " {provenance}. The table lists every figure.");
        Some(Chart {
            name,
            unit: unit_text,
            series,
            scale,
            first,
            last,
            dates,
            key,
            provenance,
            description,
        })
    }

    fn draw(&self, frame: Frame) -> String {
        let (w, font, line) = (frame.width, frame.font, frame.line());
        let mut svg = String::new();
        let mut body = String::new();
        // The unit, over the value axis.
        let unit = Label::new(wrap(self.unit, w - 8.0, font), 4.0, font, "start");
        let top = unit.height(frame) + 4.0 + 22.0;
        let tick_labels: Vec<String> = self
            .scale
            .ticks
            .iter()
            .map(|t| self.scale.label(*t))
            .collect();
        let tick_w = tick_labels
            .iter()
            .map(|t| text_width(t, font))
            .fold(0.0, f64::max)
            .min(w * 0.3);
        let left = tick_w + 12.0;
        let plot_h = if frame == super::WIDE { 260.0 } else { 220.0 };
        let bottom = top + plot_h;
        // Direct labels for few series: the right margin holds them.
        let direct = self.series.len() <= DIRECT_LABELS;
        let name_max = (w * 0.3).max(60.0);
        let names: Vec<Vec<String>> = self
            .series
            .iter()
            .map(|(n, _)| wrap(n, if direct { name_max } else { w - 40.0 }, font))
            .collect();
        let right = if direct {
            names
                .iter()
                .flatten()
                .map(|l| text_width(l, font))
                .fold(0.0, f64::max)
                + 30.0
        } else {
            12.0
        };
        let plot_right = w - right;
        let pad = 12.0;
        let x = |day: f64| {
            if self.last > self.first {
                left + pad
                    + (day - self.first) / (self.last - self.first)
                        * (plot_right - left - 2.0 * pad)
            } else {
                (left + plot_right) / 2.0
            }
        };
        let y = |value: f64| bottom - self.scale.fraction(value) * plot_h;
        let mut placer = Placer::new(Rect {
            left: left + 2.0,
            top: 0.0,
            right: w - 2.0,
            bottom: bottom - 2.0,
        });
        placer.block(unit.rect(frame));

        // Axes, grid and ticks.
        let _ = write!(
            body,
            "<g class=\"axes\"><path d=\"M{left:.1} {top:.1}V{bottom:.1}H{plot_right:.1}\"/>"
        );
        for (tick, text) in self.scale.ticks.iter().zip(&tick_labels) {
            let ty = y(*tick);
            let _ = write!(
                body,
                "<path class=\"grid\" d=\"M{left:.1} {ty:.1}H{plot_right:.1}\"/>"
            );
            Label::new(vec![text.clone()], left - 6.0, ty + font * 0.35, "end")
                .draw(&mut body, frame);
        }
        unit.draw(&mut body, frame);
        // Dates under the axis: the first and last, and one between if it
        // has room; the last on a row of its own if it would meet the first.
        let date_y = bottom + line + 2.0;
        let mut date_labels: Vec<Label> = Vec::new();
        for (i, (day, text)) in self.dates.iter().enumerate() {
            let is_last = i + 1 == self.dates.len() && i > 0;
            let anchor = if self.last <= self.first {
                "middle"
            } else if i == 0 {
                "start"
            } else if is_last {
                "end"
            } else {
                "middle"
            };
            let px = match anchor {
                "start" => (x(*day) - pad).max(left),
                "end" => (x(*day) + pad).min(plot_right),
                _ => x(*day),
            };
            let mut label = Label::new(vec![text.to_string()], px, date_y, anchor);
            let r = label.rect(frame);
            let clash = |l: &Label| {
                let o = l.rect(frame);
                o.left - 12.0 < r.right && r.left < o.right + 12.0 && (o.top - r.top).abs() < 1.0
            };
            if date_labels.iter().any(clash) {
                if !is_last {
                    continue;
                }
                label.y += line;
            }
            if label.rect(frame).left < 0.0 || label.rect(frame).right > w {
                continue;
            }
            date_labels.push(label);
        }
        let axis_bottom = date_labels
            .iter()
            .map(|l| l.rect(frame).bottom)
            .fold(bottom, f64::max);
        for label in &date_labels {
            label.draw(&mut body, frame);
        }
        body.push_str("</g>");

        // Every mark blocks its place for labels.
        for (_, marks) in &self.series {
            for m in marks {
                let (px, py) = (x(m.day), y(m.value));
                let mut r = Rect::around(px, py, 11.0);
                let (l, h) = m.span.unwrap_or((m.value, m.value));
                r.top = r.top.min(y(h) - 2.0);
                r.bottom = r.bottom.max(y(l) + 2.0);
                match m.kind {
                    Kind::Lower => r.top = r.top.min(py - 30.0),
                    Kind::Upper => r.bottom = r.bottom.max(py + 30.0),
                    _ => {}
                }
                placer.block(r);
            }
        }

        // Names beside each series' latest figure (its last standing one,
        // else its last), moved apart: placed before any note.
        let mut direct_labels: Vec<(usize, f64, Label)> = Vec::new();
        if direct {
            let wishes: Vec<(f64, f64)> = self
                .series
                .iter()
                .zip(&names)
                .map(|((_, marks), lines)| {
                    let anchor = latest(marks).or(marks.last());
                    let wish = anchor.map_or(top, |m| y(m.value)) + font * 0.35;
                    (wish, (lines.len() - 1) as f64 * line + font)
                })
                .collect();
            let ys = super::spread(&wishes, top + font * 0.35, 6.0);
            for (s, (lines, y0)) in names.iter().zip(ys).enumerate() {
                let label = Label::new(lines.clone(), plot_right + 24.0, y0, "start");
                let mut taken = label.rect(frame);
                taken.left = plot_right + 4.0;
                placer.block(taken);
                direct_labels.push((s, y0, label));
            }
        }

        // One group per claimant: its lines, then its marks.
        let annotations: usize = self
            .series
            .iter()
            .flat_map(|(_, m)| m)
            .filter(|m| m.note().is_some())
            .count();
        let mut notes: Vec<Label> = Vec::new();
        for (s, (name, marks)) in self.series.iter().enumerate() {
            let _ = write!(
                body,
                "<g class=\"series series-{}\"><title>{}</title>",
                s % SHAPES,
                escape(name)
            );
            for (a, b) in joins(marks) {
                let class = if marks[a].kind == Kind::Point {
                    "line"
                } else {
                    "line bound"
                };
                let _ = write!(
                    body,
                    "<path class=\"{class}\" d=\"M{:.1} {:.1}L{:.1} {:.1}\"/>",
                    x(marks[a].day),
                    y(marks[a].value),
                    x(marks[b].day),
                    y(marks[b].value)
                );
            }
            for m in marks {
                let (px, py) = (x(m.day), y(m.value));
                let mut mark = String::new();
                if let Some((low, high)) = m.span {
                    mark.push_str(&range_bar(px, y(high), y(low)));
                }
                match m.kind {
                    Kind::Lower => mark.push_str(&open_bar(px, py, (py - 28.0).max(4.0))),
                    Kind::Upper => mark.push_str(&open_bar(px, py, py + 28.0)),
                    _ => {}
                }
                if m.approximate {
                    let _ = write!(
                        mark,
                        "<circle class=\"approx\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"10\"/>"
                    );
                }
                mark.push_str(&marker(s, px, py, m.forecast));
                if m.set_apart {
                    let _ = write!(body, "<g class=\"set-apart\">{mark}</g>");
                } else {
                    body.push_str(&mark);
                }
                if annotations <= ANNOTATIONS {
                    if let Some(note) = m.note() {
                        let lines = vec![note];
                        let gap = 14.0;
                        let candidates = vec![
                            Label::new(lines.clone(), px + gap, py + font * 0.35, "start"),
                            Label::new(lines.clone(), px - gap, py + font * 0.35, "end"),
                            Label::new(lines.clone(), px, py + gap + font, "middle"),
                            Label::new(lines.clone(), px, py - gap - 2.0, "middle"),
                            Label::new(lines.clone(), px + gap, py + gap + font, "start"),
                            Label::new(lines.clone(), px - gap, py + gap + font, "end"),
                            Label::new(lines.clone(), px + gap, py - gap, "start"),
                            Label::new(lines, px - gap, py - gap, "end"),
                        ];
                        if let Some(label) = placer.place(frame, candidates) {
                            notes.push(label.with_class("note"));
                        }
                    }
                }
            }
            body.push_str("</g>");
        }
        for note in &notes {
            note.draw(&mut body, frame);
        }

        // The names: beside the series, or in rows under the chart.
        let mut below = axis_bottom + 12.0;
        if direct {
            for (s, y0, label) in &direct_labels {
                let (name, _) = &self.series[*s];
                let _ = write!(
                    body,
                    "<g class=\"series series-{}\"><title>{}</title>{}</g>",
                    s % SHAPES,
                    escape(name),
                    marker(*s, plot_right + 12.0, y0 - font * 0.35, false)
                );
                below = below.max(label.rect(frame).bottom + 12.0);
                label.draw(&mut body, frame);
            }
        } else {
            let columns = if w >= 600.0 { 2 } else { 1 };
            let column_w = (w - 8.0) / columns as f64;
            let mut row_top = below;
            for (chunk, chunk_names) in self.series.chunks(columns).zip(names.chunks(columns)) {
                let mut row_h: f64 = line;
                for (c, ((name, _), _)) in chunk.iter().zip(chunk_names).enumerate() {
                    let s = self
                        .series
                        .iter()
                        .position(|(n, _)| std::ptr::eq(*n, *name))
                        .unwrap_or(0);
                    let lx = 4.0 + c as f64 * column_w;
                    let lines = wrap(name, column_w - 32.0, font);
                    let ly = row_top + font * 0.8;
                    let _ = write!(
                        body,
                        "<g class=\"series series-{}\">{}</g>",
                        s % SHAPES,
                        marker(s, lx + 8.0, ly - font * 0.35, false)
                    );
                    let label = Label::new(lines, lx + 22.0, ly, "start").with_class("legend");
                    row_h = row_h.max(label.height(frame));
                    label.draw(&mut body, frame);
                }
                row_top += row_h + 8.0;
            }
            below = row_top + 4.0;
        }

        // The key: each way of drawing this chart uses.
        for item in &self.key {
            let lines = wrap(item.text(), w - 40.0, font);
            let ly = below + font * 0.8;
            let label = Label::new(lines, 34.0, ly, "start").with_class("key");
            let _ = write!(
                body,
                "<g class=\"key-symbol\">{}</g>",
                item.symbol(14.0, ly - font * 0.35)
            );
            below += label.height(frame).max(22.0) + 6.0;
            label.draw(&mut body, frame);
        }

        // The provenance, last.
        let provenance = Label::new(
            wrap(&self.provenance, w - 8.0, font),
            4.0,
            below + font * 0.8 + 4.0,
            "start",
        )
        .with_class("provenance");
        let height = (provenance.rect(frame).bottom + 8.0).ceil();
        provenance.draw(&mut body, frame);

        frame.open(
            &mut svg,
            "chart",
            height,
            "chart",
            &format!("{}: figures over time", self.name),
            &self.description,
        );
        svg.push_str(&body);
        svg.push_str("</svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
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
        assert!(
            html.contains(">soldiers</text>") && html.contains("<title>NIS &lt;ROK&gt;</title>")
        );
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
}
