//! Model values as words: dates and times, numbers, figures, contents lists.

use super::*;

/// One end of a `when`: the date, and the time of day as written and
/// in UTC ("25 December 2024, 14:26 UTC+02:00 (12:26 UTC)").
pub(super) fn moment_ctx(date: &PartialDate, time: Option<TimeOfDay>) -> DateCtx {
    match time {
        None => Ctx::date(date),
        Some(t) => {
            let (utc_date, utc) = t.utc(date);
            let mut text = format!("{}, {}", date.text(), t.text());
            if t.offset != 0 {
                if utc_date == *date {
                    text.push_str(&format!(" ({})", utc.text()));
                } else {
                    text.push_str(&format!(" ({}, {})", utc_date.text(), utc.text()));
                }
            }
            DateCtx {
                iso: format!("{}T{}", date.iso(), t.iso()),
                text,
            }
        }
    }
}

pub(super) fn when_ctx(w: &When) -> WhenCtx {
    let from = moment_ctx(&w.from, w.from_time);
    let to = w.to.as_ref().map(|d| moment_ctx(d, w.to_time));
    let text = match &to {
        Some(to) if to.iso != from.iso => format!("{} – {}", from.text, to.text),
        _ => from.text.clone(),
    };
    WhenCtx { from, to, text }
}

pub(super) fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .map(|h| TocEntry {
            id: h.id.clone(),
            text: h.text.clone(),
            level: h.level,
        })
        .collect()
}

/// `15000` → "15,000"; `4.5` → "4.5".
pub fn format_number(n: f64) -> String {
    let negative = n < 0.0;
    let n = n.abs();
    let text = if n.fract() == 0.0 && n < 1e15 {
        format!("{}", n as u64)
    } else {
        format!("{n}")
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// What a figure's qualifier and numbers make of it, for drawing it
/// (FigureCtx `shape`): a figure with only `low` is a lower bound even
/// without `qualifier: at-least`, since its text says "at least".
pub(super) fn figure_shape(f: &Figure) -> &'static str {
    match f.qualifier {
        Some(Qualifier::About | Qualifier::Nearly) => "approximate",
        Some(Qualifier::AtLeast) => "lower-bound",
        Some(Qualifier::AtMost) => "upper-bound",
        Some(Qualifier::Range) => "range",
        Some(Qualifier::Exactly) | None => match (f.value, f.low, f.high) {
            (None, Some(_), None) => "lower-bound",
            (None, None, Some(_)) => "upper-bound",
            (None, Some(_), Some(_)) => "range",
            _ => "exact",
        },
    }
}

/// "15,000 troops", "500–700 killed", "20 billion USD": the numbers and
/// unit, without qualifier or wording.
pub(super) fn figure_amount(f: &Figure) -> String {
    let mut text = match (f.value, f.low, f.high) {
        (Some(v), Some(l), Some(h)) => format!(
            "{} ({}–{})",
            format_number(v),
            format_number(l),
            format_number(h)
        ),
        (Some(v), _, _) => format_number(v),
        (None, Some(l), Some(h)) => format!("{}–{}", format_number(l), format_number(h)),
        (None, Some(n), None) | (None, None, Some(n)) => format_number(n),
        (None, None, None) => String::new(),
    };
    if let Some(unit) = &f.unit {
        text.push(' ');
        text.push_str(unit);
    }
    text
}

/// "about 15,000 troops", "500–700 killed", "at least 20 billion USD".
pub fn figure_text(f: &Figure) -> String {
    let range = match (f.low, f.high) {
        (Some(l), Some(h)) => Some(format!("{}–{}", format_number(l), format_number(h))),
        (Some(l), None) => Some(format!("at least {}", format_number(l))),
        (None, Some(h)) => Some(format!("at most {}", format_number(h))),
        _ => None,
    };
    let mut text = match (f.value, &range) {
        (Some(v), Some(r)) => format!("{} ({r})", format_number(v)),
        (Some(v), None) => format_number(v),
        (None, Some(r)) => r.clone(),
        (None, None) => String::new(),
    };
    match f.qualifier {
        Some(Qualifier::Range) | None => {}
        Some(q) if f.value.is_some() => text = format!("{} {text}", q.label()),
        Some(_) => {}
    }
    if let Some(unit) = &f.unit {
        text.push(' ');
        text.push_str(unit);
    }
    if let Some(wording) = &f.wording {
        text.push_str(&format!(" (“{wording}”)"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(format_number(15000.0), "15,000");
        assert_eq!(format_number(600.0), "600");
        assert_eq!(format_number(1234567.5), "1,234,567.5");
        assert_eq!(format_number(-4700.0), "-4,700");
    }

    #[test]
    fn figures_read_as_text() {
        let f = |value, low, high, unit: Option<&str>, q| Figure {
            value,
            low,
            high,
            unit: unit.map(String::from),
            qualifier: q,
            as_of: None,
            wording: None,
        };
        assert_eq!(
            figure_text(&f(
                Some(15000.0),
                None,
                None,
                Some("troops"),
                Some(Qualifier::About)
            )),
            "about 15,000 troops"
        );
        assert_eq!(
            figure_text(&f(
                None,
                Some(500.0),
                Some(700.0),
                Some("killed"),
                Some(Qualifier::Range)
            )),
            "500–700 killed"
        );
        assert_eq!(
            figure_text(&f(
                Some(20.0),
                None,
                None,
                Some("billion USD"),
                Some(Qualifier::AtLeast)
            )),
            "at least 20 billion USD"
        );
        let worded = Figure {
            wording: Some("dozens of kilometres".into()),
            ..f(Some(30.0), None, None, Some("km"), Some(Qualifier::Nearly))
        };
        assert_eq!(
            figure_text(&worded),
            "nearly 30 km (“dozens of kilometres”)"
        );
    }
}
