//! What the chart draws a figure with: markers, open and range bars, the key.

use super::*;

/// A marker of series `shape` at (x, y), `r` its half size; hollow for a
/// forecast.
pub(super) fn marker(shape: usize, x: f64, y: f64, hollow: bool) -> String {
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
pub(super) enum KeyItem {
    Approximate,
    Lower,
    Upper,
    Range,
    Forecast,
    SetApart,
    Crowd,
}

impl KeyItem {
    pub(super) fn text(self) -> &'static str {
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
    pub(super) fn symbol(self, x: f64, y: f64) -> String {
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
pub(super) fn open_bar(x: f64, from: f64, to: f64) -> String {
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
pub(super) fn range_bar(x: f64, top: f64, bottom: f64) -> String {
    format!(
        "<path class=\"range\" d=\"M{x:.1} {top:.1}V{bottom:.1}M{:.1} {top:.1}H{:.1}M{:.1} {bottom:.1}H{:.1}\"/>",
        x - 5.0,
        x + 5.0,
        x - 5.0,
        x + 5.0
    )
}
