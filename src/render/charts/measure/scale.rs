//! The chart's axes: days from dates, a value scale with round ticks.

use super::*;
use crate::model::PartialDate;

/// Days since 0000-01-01, for placing a (partial) date in time: a
/// month or a year at its first day.
pub(super) fn day_of(iso: &str) -> Option<f64> {
    let date = iso.get(..10).unwrap_or(iso);
    let (year, month, day) = PartialDate::parse(date)?.first_day();
    let date = jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
    let days = date.since(jiff::civil::Date::new(0, 1, 1).ok()?).ok()?;
    Some(f64::from(days.get_days()))
}

/// A value axis from `low` to `high` (zero always on it), with round
/// ticks. Any finite values make a finite scale: spans are taken by
/// halves, so even `-f64::MAX` to `f64::MAX` does not overflow, and the
/// ticks are counted, not accumulated, so there are never more than
/// `MAX_TICKS`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scale {
    pub(super) low: f64,
    pub(super) high: f64,
    pub(super) ticks: Vec<f64>,
    /// The step between ticks.
    pub(super) step: f64,
}

impl Scale {
    pub(super) fn of(values: impl Iterator<Item = f64>) -> Scale {
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
    pub(super) fn fraction(&self, value: f64) -> f64 {
        let f = (value / 2.0 - self.low / 2.0) / (self.high / 2.0 - self.low / 2.0);
        if f.is_finite() {
            f.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// A tick's number, short: grouped digits with the decimals its step
    /// needs, or `1.5e308` for the very large and very small.
    pub(super) fn label(&self, tick: f64) -> String {
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
