//! Figures to marks: their kind, which marks a line joins, a crowded
//! series thinned to at most `MAX_MARKS`.

use super::*;

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
    pub(super) fn of(row: &FigureRow) -> Kind {
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
    pub(super) day: f64,
    pub(super) kind: Kind,
    pub(super) approximate: bool,
    /// Where the marker sits.
    pub(super) value: f64,
    /// A bar from low to high (a range, a margin, a crowd's spread).
    pub(super) span: Option<(f64, f64)>,
    pub(super) set_apart: bool,
    pub(super) forecast: bool,
    /// The claim's status label ("Superseded"), for set-apart marks.
    pub(super) status: &'a str,
    /// The figure, for a mark of one; its date text.
    pub(super) row: Option<&'a FigureRow>,
    /// How many figures it stands for.
    pub(super) count: usize,
}

impl<'a> Mark<'a> {
    pub(super) fn of(day: f64, row: &'a FigureRow) -> Option<Mark<'a>> {
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
    pub(super) fn joinable(&self) -> bool {
        !self.set_apart && !self.forecast
    }

    /// What it is named beside it: "forecast", "superseded".
    pub(super) fn note(&self) -> Option<String> {
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
pub(super) fn marks_of<'a>(
    points: &[(f64, &'a FigureRow)],
    first: f64,
    span: f64,
) -> Vec<Mark<'a>> {
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
