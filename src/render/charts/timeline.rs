//! Claims per month, two bars a month: made then (filled), and about
//! events then (outlined), with a key of the two under the chart.

use super::{both, text_width, tick_step, wrap, Frame, Label, WIDE};
use std::fmt::Write;

/// Months shown in the timeline chart, at most (the latest).
pub const TIMELINE_MONTHS: usize = 36;

/// `months` are (label, made, events), oldest first. Two drawings; `None`
/// when empty.
pub fn timeline(months: &[(String, usize, usize)]) -> Option<String> {
    if months.is_empty() {
        return None;
    }
    let months = &months[months.len().saturating_sub(TIMELINE_MONTHS)..];
    let made: usize = months.iter().map(|m| m.1).sum();
    let events: usize = months.iter().map(|m| m.2).sum();
    let description = format!(
        "From {} to {}: {made} claims by the month they were made and {events} by the month of the events they describe. The list below gives every claim.",
        months[0].0,
        months[months.len() - 1].0
    );
    Some(both(|frame| draw(frame, months, &description)))
}

fn draw(frame: Frame, months: &[(String, usize, usize)], description: &str) -> String {
    let (w, font, line) = (frame.width, frame.font, frame.line());
    let top_count = months
        .iter()
        .map(|(_, m, e)| (*m).max(*e))
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
    let slot = plot_w / months.len() as f64;
    let bar = (slot * 0.4).min(18.0);
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
    // The first and last months, and one between when all three fit.
    let n = months.len();
    let label_at = |i: usize| {
        let (x, anchor) = if n == 1 {
            (left + plot_w / 2.0, "middle")
        } else if i == 0 {
            (left, "start")
        } else if i == n - 1 {
            (right, "end")
        } else {
            (left + slot * (i as f64 + 0.5), "middle")
        };
        Label::new(vec![months[i].0.clone()], x, bottom + line + 2.0, anchor)
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
    let axis_bottom = labels
        .iter()
        .map(|l| l.rect(frame).bottom)
        .fold(bottom, f64::max);
    for label in &labels {
        label.draw(&mut body, frame);
    }
    body.push_str("</g>");
    for series in 0..2 {
        let _ = write!(body, "<g class=\"series series-{series}\">");
        for (i, (_, made, events)) in months.iter().enumerate() {
            let value = if series == 0 { *made } else { *events } as f64;
            if value == 0.0 {
                continue;
            }
            let x = left + slot * i as f64 + slot / 2.0 - bar + series as f64 * bar;
            let _ = write!(
                body,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\"{}/>",
                y(value),
                bottom - y(value),
                if series == 1 {
                    " class=\"hatched\""
                } else {
                    ""
                }
            );
        }
        body.push_str("</g>");
    }
    // The key, a row each.
    let mut ky = axis_bottom + 16.0;
    for (k, text) in ["made that month", "about events that month (outlined)"]
        .iter()
        .enumerate()
    {
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
        label.draw(&mut body, frame);
    }
    let height = (ky + 4.0).ceil();
    let mut svg = String::new();
    frame.open(
        &mut svg,
        "chart",
        height,
        "timeline",
        "Claims per month",
        description,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::super::graph::wide_part;
    use super::*;

    #[test]
    fn a_month_gets_a_bar_per_kind_of_date() {
        let months = vec![
            ("January 2025".to_string(), 2, 0),
            ("February 2025".to_string(), 0, 1),
            ("March 2025".to_string(), 3, 2),
        ];
        let html = timeline(&months).unwrap();
        super::super::assert_texts_apart(&html);
        let many: Vec<(String, usize, usize)> = (0..40)
            .map(|i| (format!("September {}", 1990 + i), i, 40 - i))
            .collect();
        super::super::assert_texts_apart(&timeline(&many).unwrap());
        assert!(
            html.contains("5 claims by the month they were made and 3 by the month of the events"),
            "{html}"
        );
        // Two bars made, two bars of events, and two key swatches.
        assert_eq!(wide_part(&html).matches("<rect").count(), 6);
        assert_eq!(html.matches("<rect").count(), 12, "in both drawings");
        assert!(timeline(&[]).is_none());
    }
}
