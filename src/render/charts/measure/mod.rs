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

mod marks;
mod scale;
mod symbols;
#[cfg(test)]
mod tests;

use marks::*;
use scale::*;
use symbols::*;

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

/// The provenance line: every figure of the measure (dated or not), its
/// claimants, the date of the latest standing figure, the desk.
fn provenance(
    days: &[Vec<(f64, &FigureRow)>],
    series_rows: &[(String, Vec<&FigureRow>)],
    claimants: usize,
    desk: &str,
) -> String {
    let claims: usize = series_rows.iter().map(|(_, rows)| rows.len()).sum();
    let latest_date = days
        .iter()
        .flatten()
        .filter(|(_, r)| !r.claim.set_apart && !r.figure.forecast)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .or_else(|| days.iter().flatten().max_by(|a, b| a.0.total_cmp(&b.0)))
        .and_then(|(_, r)| r.date.as_ref())
        .map(|d| d.text.clone());
    let mut provenance = format!(
        "{} from {}",
        plural(claims, "claim", "claims"),
        plural(claimants, "claimant", "claimants")
    );
    if let Some(date) = &latest_date {
        let _ = write!(provenance, " · latest figure {date}");
    }
    let _ = write!(provenance, " · {desk}");
    provenance
}

/// The chart's description, its text equivalent with the table.
fn describe(
    series: &[(&str, Vec<Mark>)],
    count: usize,
    claimants: usize,
    scale: &Scale,
    unit_text: &str,
    key: &[KeyItem],
    provenance: &str,
) -> String {
    let marks = || series.iter().flat_map(|(_, m)| m);
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
    description
}

/// `n` and the noun, singular or plural.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Space between the plot's edges and its first and last days.
const PAD: f64 = 12.0;

/// The plot area of one drawing, and where days and values fall in it.
#[derive(Clone, Copy)]
struct Plot<'s> {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    height: f64,
    first: f64,
    last: f64,
    scale: &'s Scale,
}

impl Plot<'_> {
    fn x(&self, day: f64) -> f64 {
        if self.last > self.first {
            self.left
                + PAD
                + (day - self.first) / (self.last - self.first)
                    * (self.right - self.left - 2.0 * PAD)
        } else {
            (self.left + self.right) / 2.0
        }
    }

    fn y(&self, value: f64) -> f64 {
        self.bottom - self.scale.fraction(value) * self.height
    }
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

        let provenance = provenance(&days, series_rows, claimants, desk);

        let unit_text = unit.unwrap_or("value");
        let description = describe(
            &series,
            count,
            claimants,
            &scale,
            unit_text,
            &key,
            &provenance,
        );
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
        let (w, font) = (frame.width, frame.font);
        // The unit, over the value axis.
        let unit = Label::new(wrap(self.unit, w - 8.0, font), 4.0, font, "start");
        let tick_labels: Vec<String> = self
            .scale
            .ticks
            .iter()
            .map(|t| self.scale.label(*t))
            .collect();
        // Direct labels for few series: the right margin holds them.
        let direct = self.series.len() <= DIRECT_LABELS;
        let name_max = (w * 0.3).max(60.0);
        let names: Vec<Vec<String>> = self
            .series
            .iter()
            .map(|(n, _)| wrap(n, if direct { name_max } else { w - 40.0 }, font))
            .collect();
        let plot = self.plot(frame, &unit, &tick_labels, direct.then_some(&names[..]));
        let mut placer = Placer::new(Rect {
            left: plot.left + 2.0,
            top: 0.0,
            right: w - 2.0,
            bottom: plot.bottom - 2.0,
        });
        placer.block(unit.rect(frame));
        let mut body = String::new();
        let axis_bottom = self.axes(frame, &plot, &unit, &tick_labels, &mut body);
        self.block_marks(&plot, &mut placer);
        let direct_labels = match direct {
            true => self.direct_labels(frame, &plot, &names, &mut placer),
            false => Vec::new(),
        };
        self.series_groups(frame, &plot, &mut placer, &mut body);
        let below = match direct {
            true => self.direct_names(frame, &plot, &direct_labels, axis_bottom, &mut body),
            false => self.legend(frame, &names, axis_bottom, &mut body),
        };
        let height = self.key_and_provenance(frame, below, &mut body);
        let mut svg = String::new();
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

    /// Where the plot area is: the unit above it, the ticks' labels to its
    /// left, the direct labels (`names`, when there are) to its right.
    fn plot(
        &self,
        frame: Frame,
        unit: &Label,
        tick_labels: &[String],
        names: Option<&[Vec<String>]>,
    ) -> Plot<'_> {
        let (w, font) = (frame.width, frame.font);
        let top = unit.height(frame) + 4.0 + 22.0;
        let tick_w = tick_labels
            .iter()
            .map(|t| text_width(t, font))
            .fold(0.0, f64::max)
            .min(w * 0.3);
        let height = if frame == super::WIDE { 260.0 } else { 220.0 };
        let right = match names {
            Some(names) => {
                names
                    .iter()
                    .flatten()
                    .map(|l| text_width(l, font))
                    .fold(0.0, f64::max)
                    + 30.0
            }
            None => 12.0,
        };
        Plot {
            left: tick_w + 12.0,
            right: w - right,
            top,
            bottom: top + height,
            height,
            first: self.first,
            last: self.last,
            scale: &self.scale,
        }
    }

    /// Axes, grid and ticks, and the dates under the axis: the first and
    /// last, and one between if it has room; the last on a row of its own
    /// if it would meet the first. Returns the bottom of the dates.
    fn axes(
        &self,
        frame: Frame,
        plot: &Plot,
        unit: &Label,
        tick_labels: &[String],
        body: &mut String,
    ) -> f64 {
        let (w, font, line) = (frame.width, frame.font, frame.line());
        let Plot {
            left,
            right: plot_right,
            top,
            bottom,
            ..
        } = *plot;
        let pad = PAD;
        let _ = write!(
            body,
            "<g class=\"axes\"><path d=\"M{left:.1} {top:.1}V{bottom:.1}H{plot_right:.1}\"/>"
        );
        for (tick, text) in self.scale.ticks.iter().zip(tick_labels) {
            let ty = plot.y(*tick);
            let _ = write!(
                body,
                "<path class=\"grid\" d=\"M{left:.1} {ty:.1}H{plot_right:.1}\"/>"
            );
            Label::new(vec![text.clone()], left - 6.0, ty + font * 0.35, "end").draw(body, frame);
        }
        unit.draw(body, frame);
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
                "start" => (plot.x(*day) - pad).max(left),
                "end" => (plot.x(*day) + pad).min(plot_right),
                _ => plot.x(*day),
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
            label.draw(body, frame);
        }
        body.push_str("</g>");
        axis_bottom
    }

    /// Every mark blocks its place for labels.
    fn block_marks(&self, plot: &Plot, placer: &mut Placer) {
        for (_, marks) in &self.series {
            for m in marks {
                let (px, py) = (plot.x(m.day), plot.y(m.value));
                let mut r = Rect::around(px, py, 11.0);
                let (l, h) = m.span.unwrap_or((m.value, m.value));
                r.top = r.top.min(plot.y(h) - 2.0);
                r.bottom = r.bottom.max(plot.y(l) + 2.0);
                match m.kind {
                    Kind::Lower => r.top = r.top.min(py - 30.0),
                    Kind::Upper => r.bottom = r.bottom.max(py + 30.0),
                    _ => {}
                }
                placer.block(r);
            }
        }
    }

    /// Names beside each series' latest figure (its last standing one, else
    /// its last), moved apart: placed before any note.
    fn direct_labels(
        &self,
        frame: Frame,
        plot: &Plot,
        names: &[Vec<String>],
        placer: &mut Placer,
    ) -> Vec<(usize, f64, Label)> {
        let (font, line) = (frame.font, frame.line());
        let Plot {
            right: plot_right,
            top,
            ..
        } = *plot;
        let mut direct_labels: Vec<(usize, f64, Label)> = Vec::new();
        let wishes: Vec<(f64, f64)> = self
            .series
            .iter()
            .zip(names)
            .map(|((_, marks), lines)| {
                let anchor = latest(marks).or(marks.last());
                let wish = anchor.map_or(top, |m| plot.y(m.value)) + font * 0.35;
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
        direct_labels
    }

    /// One group per claimant: its lines, then its marks; notes beside the
    /// marks where they fit.
    fn series_groups(&self, frame: Frame, plot: &Plot, placer: &mut Placer, body: &mut String) {
        let font = frame.font;
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
                    plot.x(marks[a].day),
                    plot.y(marks[a].value),
                    plot.x(marks[b].day),
                    plot.y(marks[b].value)
                );
            }
            for m in marks {
                let (px, py) = (plot.x(m.day), plot.y(m.value));
                let mut mark = String::new();
                if let Some((low, high)) = m.span {
                    mark.push_str(&range_bar(px, plot.y(high), plot.y(low)));
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
            note.draw(body, frame);
        }
    }

    /// The claimants' names beside their series. Returns where what comes
    /// under the chart starts.
    fn direct_names(
        &self,
        frame: Frame,
        plot: &Plot,
        direct_labels: &[(usize, f64, Label)],
        axis_bottom: f64,
        body: &mut String,
    ) -> f64 {
        let font = frame.font;
        let plot_right = plot.right;
        let mut below = axis_bottom + 12.0;
        for (s, y0, label) in direct_labels {
            let (name, _) = &self.series[*s];
            let _ = write!(
                body,
                "<g class=\"series series-{}\"><title>{}</title>{}</g>",
                s % SHAPES,
                escape(name),
                marker(*s, plot_right + 12.0, y0 - font * 0.35, false)
            );
            below = below.max(label.rect(frame).bottom + 12.0);
            label.draw(body, frame);
        }
        below
    }

    /// The claimants' names in rows under the chart, each with its marker.
    /// Returns where what comes under them starts.
    fn legend(
        &self,
        frame: Frame,
        names: &[Vec<String>],
        axis_bottom: f64,
        body: &mut String,
    ) -> f64 {
        let (w, font, line) = (frame.width, frame.font, frame.line());
        let below = axis_bottom + 12.0;
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
                label.draw(body, frame);
            }
            row_top += row_h + 8.0;
        }
        row_top + 4.0
    }

    /// The key (each way of drawing this chart uses), then the provenance.
    /// Returns the height of the chart.
    fn key_and_provenance(&self, frame: Frame, mut below: f64, body: &mut String) -> f64 {
        let (w, font) = (frame.width, frame.font);
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
            label.draw(body, frame);
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
        provenance.draw(body, frame);
        height
    }
}
