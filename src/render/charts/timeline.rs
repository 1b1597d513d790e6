//! Claims per month (or per year, over a long span), two bars a slot:
//! made then (filled), and about events then (outlined), each slot a link
//! to its claims, with a key of the two under the chart.

use super::{both, escape, text_width, tick_step, wrap, Frame, Label, WIDE};
use std::fmt::Write;

/// Months the timeline chart draws one by one, at most: over a longer
/// span it draws years.
pub const TIMELINE_MONTHS: usize = 36;

/// One slot of the chart: a month or a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// "April 2025" or "2025".
    pub label: String,
    /// Claims made in it.
    pub made: usize,
    /// Claims about events that began in it.
    pub events: usize,
    /// Where its claims are listed (a relative URL), if anywhere.
    pub url: Option<String>,
}

/// `slots` oldest first, each a `per` ("month" or "year"); `note` says
/// what is not drawn, in sentences the description ends with. Two
/// drawings; `None` when empty.
pub fn timeline(slots: &[Slot], per: &str, note: &str) -> Option<String> {
    if slots.is_empty() {
        return None;
    }
    let made: usize = slots.iter().map(|m| m.made).sum();
    let events: usize = slots.iter().map(|m| m.events).sum();
    let mut description = format!(
        "From {} to {}: {made} claim{} by the {per} they were made and {events} by the {per} of the events they describe.",
        slots[0].label,
        slots[slots.len() - 1].label,
        if made == 1 { "" } else { "s" },
    );
    if !note.is_empty() {
        description.push(' ');
        description.push_str(note);
    }
    description.push_str(" The index below links every month to its claims.");
    Some(both(|frame| draw(frame, slots, per, &description)))
}

fn draw(frame: Frame, months: &[Slot], per: &str, description: &str) -> String {
    let (w, font) = (frame.width, frame.font);
    let top_count = months
        .iter()
        .map(|m| m.made.max(m.events))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let step = tick_step(top_count).max(1.0);
    let y_max = (top_count / step).ceil() * step;
    let ticks: Vec<u64> = (0..=(y_max / step) as u64)
        .map(|k| k * step as u64)
        .collect();
    let left = ticks
        .iter()
        .map(|t| text_width(&t.to_string(), font))
        .fold(0.0, f64::max)
        + 12.0;
    let right = w - 8.0;
    let top = font;
    let plot_h = if frame == WIDE { 240.0 } else { 200.0 };
    let bottom = top + plot_h;
    let plot_w = right - left;
    let slot_w = plot_w / months.len() as f64;
    let bar = (slot_w * 0.4).min(18.0);
    let y = |v: f64| bottom - v / y_max * plot_h;
    let mut body = String::new();
    let _ = write!(
        body,
        "<g class=\"axes\"><path d=\"M{left:.1} {top:.1}V{bottom:.1}H{right:.1}\"/>"
    );
    for tick in &ticks {
        let ty = y(*tick as f64);
        let _ = write!(
            body,
            "<path class=\"grid\" d=\"M{left:.1} {ty:.1}H{right:.1}\"/>"
        );
        Label::new(vec![tick.to_string()], left - 6.0, ty + font * 0.35, "end")
            .draw(&mut body, frame);
    }
    let labels = month_labels(frame, months, left, right, bottom);
    let axis_bottom = labels
        .iter()
        .map(|l| l.rect(frame).bottom)
        .fold(bottom, f64::max);
    for label in &labels {
        label.draw(&mut body, frame);
    }
    body.push_str("</g>");
    // A slot's bars in one link to its claims (out of the tab order: the
    // index below the chart holds the same links for keyboards).
    for (i, slot) in months.iter().enumerate() {
        if slot.made == 0 && slot.events == 0 {
            continue;
        }
        if let Some(url) = &slot.url {
            let _ = write!(
                body,
                "<a href=\"{}\" tabindex=\"-1\"><title>{}: {} made, {} about events</title>",
                escape(url),
                escape(&slot.label),
                slot.made,
                slot.events
            );
        }
        for (series, value) in [slot.made, slot.events].into_iter().enumerate() {
            if value == 0 {
                continue;
            }
            let value = value as f64;
            let x = left + slot_w * i as f64 + slot_w / 2.0 - bar + series as f64 * bar;
            let _ = write!(
                body,
                "<rect class=\"series series-{series}{}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\"/>",
                if series == 1 { " hatched" } else { "" },
                y(value),
                bottom - y(value),
            );
        }
        if slot.url.is_some() {
            body.push_str("</a>");
        }
    }
    let ky = key(frame, per, axis_bottom, &mut body);
    let height = (ky + 4.0).ceil();
    let mut svg = String::new();
    let linked = months.iter().any(|m| m.url.is_some());
    frame.open_as(
        &mut svg,
        if linked { "group" } else { "img" },
        "chart",
        height,
        "timeline",
        &format!("Claims per {per}"),
        description,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

/// The first and last months under the axis, and one between when all
/// three fit; the last on a row of its own if it would meet the first.
fn month_labels(frame: Frame, months: &[Slot], left: f64, right: f64, bottom: f64) -> Vec<Label> {
    let line = frame.line();
    let plot_w = right - left;
    let slot_w = plot_w / months.len() as f64;
    let n = months.len();
    let label_at = |i: usize| {
        let (x, anchor) = if n == 1 {
            (left + plot_w / 2.0, "middle")
        } else if i == 0 {
            (left, "start")
        } else if i == n - 1 {
            (right, "end")
        } else {
            (left + slot_w * (i as f64 + 0.5), "middle")
        };
        Label::new(
            vec![months[i].label.clone()],
            x,
            bottom + line + 2.0,
            anchor,
        )
    };
    let mut labels = vec![label_at(0)];
    if n > 1 {
        let last = label_at(n - 1);
        let first = labels[0].rect(frame);
        if last.rect(frame).left < first.right + 12.0 {
            let mut last = last;
            last.y += line;
            labels.push(last);
        } else {
            if n > 4 {
                let middle = label_at(n / 2).rect(frame);
                if middle.left > first.right + 12.0 && middle.right + 12.0 < last.rect(frame).left {
                    labels.push(label_at(n / 2));
                }
            }
            labels.push(last);
        }
    }
    labels
}

/// The key, a row each, from `top`. Returns where it ends.
fn key(frame: Frame, per: &str, top: f64, body: &mut String) -> f64 {
    let (w, font) = (frame.width, frame.font);
    let mut ky = top + 16.0;
    let key = [
        format!("made that {per}"),
        format!("about events that {per} (outlined)"),
    ];
    for (k, text) in key.iter().enumerate() {
        let lines = wrap(text, w - 30.0, font);
        let ly = ky + font * 0.8;
        let hatched = if k == 1 { " class=\"hatched\"" } else { "" };
        let _ = write!(
            body,
            "<g class=\"series series-{k}\"><rect x=\"4\" y=\"{:.1}\" width=\"12\" height=\"12\"{hatched}/></g>",
            ly - 11.0
        );
        let label = Label::new(lines, 24.0, ly, "start").with_class("legend");
        ky = label.rect(frame).bottom + 8.0;
        label.draw(body, frame);
    }
    ky
}

#[cfg(test)]
mod tests {
    use super::super::graph::wide_part;
    use super::*;

    fn slot(label: &str, made: usize, events: usize, url: Option<&str>) -> Slot {
        Slot {
            label: label.to_string(),
            made,
            events,
            url: url.map(str::to_string),
        }
    }

    #[test]
    fn a_month_gets_a_bar_per_kind_of_date() {
        let months = vec![
            slot("January 2025", 2, 0, Some("2025-01.html")),
            slot("February 2025", 0, 1, None),
            slot("March 2025", 3, 2, Some("2025-03.html")),
        ];
        let html = timeline(&months, "month", "").unwrap();
        super::super::assert_texts_apart(&html);
        let many: Vec<Slot> = (0..40)
            .map(|i| slot(&format!("September {}", 1990 + i), i, 40 - i, None))
            .collect();
        super::super::assert_texts_apart(&timeline(&many, "year", "").unwrap());
        assert!(
            html.contains("5 claims by the month they were made and 3 by the month of the events"),
            "{html}"
        );
        // Two bars made, two bars of events, and two key swatches.
        assert_eq!(wide_part(&html).matches("<rect").count(), 6);
        assert_eq!(html.matches("<rect").count(), 12, "in both drawings");
        assert!(timeline(&[], "month", "").is_none());
    }

    #[test]
    fn each_slot_links_to_its_claims_and_says_what_is_left_out() {
        let years = vec![
            slot("2023", 4, 1, Some("#y2023")),
            slot("2024", 0, 0, Some("#y2024")),
            slot("2025 <b>", 1, 0, Some("#y2025")),
        ];
        let html = timeline(&years, "year", "7 claims made before 2023 are not drawn.").unwrap();
        let wide = wide_part(&html);
        // A link per slot with bars, out of the tab order, named.
        assert_eq!(wide.matches("<a href=").count(), 2, "{wide}");
        assert!(
            wide.contains(
                r##"<a href="#y2023" tabindex="-1"><title>2023: 4 made, 1 about events</title>"##
            ),
            "{wide}"
        );
        assert!(!wide.contains("#y2024"), "an empty slot has no link");
        assert!(html.contains("Claims per year"), "{html}");
        assert!(html.contains("made that year"), "{html}");
        assert!(
            html.contains("7 claims made before 2023 are not drawn."),
            "{html}"
        );
        assert!(!html.contains("<b>"), "labels are escaped");
        // Links may not sit inside an image (axe: nested-interactive).
        assert!(wide.contains("role=\"group\""), "{wide}");
        let plain = timeline(&[slot("2025", 1, 0, None)], "year", "").unwrap();
        assert!(plain.contains("role=\"img\""), "{plain}");
        assert!(html.contains("2025 &lt;b&gt;"), "{html}");
    }
}
