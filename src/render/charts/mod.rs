//! Pictures drawn at build time, as inline SVG that needs no JavaScript:
//! a measure's figures over time (`measure`), claims per month
//! (`timeline`), an actor's closest neighbours (`graph`) and who makes
//! claims about and relays whom (`network`); and what they share: text measured and
//! wrapped, labels kept apart, two drawings of each picture.
//!
//! # Two drawings, one shown
//!
//! An SVG scales with its box, and its text with it: a picture drawn 640
//! units wide and shown 358 px wide on a phone shrinks 16-unit text to
//! 8.9 px. So each picture is drawn twice, at the widths it is shown at:
//! `wide` (640 units, text 16) and `narrow` (320 units, text 14), side by
//! side in a `<div class="chart-box">`. The stylesheet makes that box a
//! size container and shows the wide drawing when the box is at least
//! 540 px wide (text at least 13.5 px), the narrow one below (at least
//! 12.6 px from a 288 px box up); without container queries the wide one
//! is shown. No script: it works from file://, prints, and follows the
//! colour scheme (everything is drawn in `currentColor` and the theme's
//! variables). Each drawing has its own title and description (ids end
//! in `-wide` and `-narrow`); the hidden one is out of the accessibility
//! tree.
//!
//! # No label cut
//!
//! Text is never shortened. Its width is estimated from the widths of the
//! characters in a wide sans-serif (DejaVu Sans, the widest common system
//! font, plus a margin), long labels wrap onto lines, and labels are
//! placed where they overlap nothing already drawn (`Placer`), or left
//! to the picture's key and text alternative when no place is free.

mod graph;
mod measure;
mod network;
mod timeline;

pub use graph::{actor_graph, GRAPH_NEIGHBOURS};
pub use measure::measure_chart;
pub use network::{network, Link, NETWORK_LINKS};
pub use timeline::{timeline, Slot, TIMELINE_MONTHS};

use std::fmt::Write;

/// One drawing of a picture: its width in SVG units and its text size.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    width: f64,
    font: f64,
    /// `wide` or `narrow`: its class, and the end of its ids.
    name: &'static str,
}

/// Shown in boxes of 540 px and wider (at most 640 px wide).
const WIDE: Frame = Frame {
    width: 640.0,
    font: 16.0,
    name: "wide",
};

/// Shown in boxes narrower than 540 px (at most 420 px wide).
const NARROW: Frame = Frame {
    width: 320.0,
    font: 14.0,
    name: "narrow",
};

impl Frame {
    /// The distance between the baselines of two lines of text.
    fn line(self) -> f64 {
        (self.font * 1.25).round()
    }

    /// `base` made unique to this drawing: `chart-title-wide`.
    fn id(self, base: &str) -> String {
        format!("{base}-{}", self.name)
    }

    /// The opening tag of the drawing: its class, size, text size and
    /// accessible name (`base-title`) and description (`base-desc`).
    fn open(self, svg: &mut String, class: &str, height: f64, base: &str, title: &str, desc: &str) {
        self.open_as(svg, "img", class, height, base, title, desc);
    }

    /// Opens a picture with links inside: a `group` rather than an `img`,
    /// whose children would be presentational (axe: nested-interactive).
    #[allow(clippy::too_many_arguments)]
    fn open_as(
        self,
        svg: &mut String,
        role: &str,
        class: &str,
        height: f64,
        base: &str,
        title: &str,
        desc: &str,
    ) {
        let _ = write!(
            svg,
            "<svg class=\"{class} {}\" viewBox=\"0 0 {} {height:.0}\" width=\"{}\" height=\"{height:.0}\" font-size=\"{}\" role=\"{role}\" aria-labelledby=\"{} {}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{}\">{}</title><desc id=\"{}\">{}</desc>",
            self.name,
            self.width,
            self.width,
            self.font,
            self.id(&format!("{base}-title")),
            self.id(&format!("{base}-desc")),
            self.id(&format!("{base}-title")),
            escape(title),
            self.id(&format!("{base}-desc")),
            escape(desc),
        );
    }
}

/// Both drawings of a picture, in the box that shows one of them.
fn both(draw: impl Fn(Frame) -> String) -> String {
    format!(
        "<div class=\"chart-box\">{}{}</div>",
        draw(WIDE),
        draw(NARROW)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Characters drawn a full em wide: CJK, Hangul, kana, full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// A character's advance in ems, at least as wide as DejaVu Sans draws
/// it (the widest common system sans-serif), rounded up.
fn char_em(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '’' | '‘' | '!' | '|' | 'i' | 'j' | 'l' | 'I' => {
            0.33
        }
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | '"' | '“' | '”' | 'J' => 0.44,
        'm' | 'M' | 'W' | '%' | '@' | '—' | '…' | 'Æ' | 'Œ' | 'æ' | 'œ' => 1.0,
        'w' | 'O' | 'Q' | 'G' | 'C' | 'D' | 'H' | 'N' | 'U' | 'A' | 'V' | 'X' | 'Y' | 'K' => 0.84,
        '0'..='9' | '–' | '$' | '#' | '+' | '=' | '<' | '>' | '~' | '·' => 0.66,
        'A'..='Z' => 0.76,
        'a'..='z' => 0.64,
        c if is_wide(c) => 1.02,
        c if c.is_alphabetic() && (c as u32) < 0x250 => 0.7,
        _ => 0.8,
    }
}

/// The width of `text` set in `font` units.
fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font
}

/// `text` broken into lines of at most `max` units at `font`: at spaces,
/// and inside a word only when the word alone is too wide. Never empty;
/// nothing is left out.
fn wrap(text: &str, max: f64, font: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&joined, font) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone, cut where it must be.
        for c in word.chars() {
            if !line.is_empty() && text_width(&line, font) + char_em(c) * font > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A rectangle in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            left: x - r,
            top: y - r,
            right: x + r,
            bottom: y + r,
        }
    }

    fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn inside(&self, other: &Rect) -> bool {
        self.left >= other.left
            && self.right <= other.right
            && self.top >= other.top
            && self.bottom <= other.bottom
    }
}

/// Lines of text to draw: where, how anchored, in which class.
#[derive(Debug, Clone)]
struct Label {
    lines: Vec<String>,
    /// The anchor of the first line's baseline.
    x: f64,
    y: f64,
    anchor: &'static str,
    class: &'static str,
}

impl Label {
    /// `lines` with their first baseline at (`x`, `y`).
    fn new(lines: Vec<String>, x: f64, y: f64, anchor: &'static str) -> Label {
        Label {
            lines,
            x,
            y,
            anchor,
            class: "",
        }
    }

    fn with_class(mut self, class: &'static str) -> Label {
        self.class = class;
        self
    }

    fn width(&self, frame: Frame) -> f64 {
        self.lines
            .iter()
            .map(|l| text_width(l, frame.font))
            .fold(0.0, f64::max)
    }

    /// The height from the first line's cap height to the last line's
    /// descenders.
    fn height(&self, frame: Frame) -> f64 {
        frame.font + (self.lines.len().max(1) - 1) as f64 * frame.line()
    }

    /// Where its text lies.
    fn rect(&self, frame: Frame) -> Rect {
        let w = self.width(frame);
        let left = match self.anchor {
            "end" => self.x - w,
            "middle" => self.x - w / 2.0,
            _ => self.x,
        };
        Rect {
            left,
            top: self.y - frame.font * 0.8,
            right: left + w,
            bottom: self.y - frame.font * 0.8 + self.height(frame),
        }
    }

    fn draw(&self, svg: &mut String, frame: Frame) {
        let class = if self.class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", self.class)
        };
        let anchor = if self.anchor == "start" {
            String::new()
        } else {
            format!(" text-anchor=\"{}\"", self.anchor)
        };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\"{anchor}{class}>",
            self.x, self.y
        );
        for (i, line) in self.lines.iter().enumerate() {
            if i == 0 {
                svg.push_str(&escape(line));
            } else {
                let _ = write!(
                    svg,
                    "<tspan x=\"{:.1}\" dy=\"{}\">{}</tspan>",
                    self.x,
                    frame.line(),
                    escape(line)
                );
            }
        }
        svg.push_str("</text>");
    }
}

/// Places labels where they overlap nothing placed before, inside bounds.
struct Placer {
    bounds: Rect,
    taken: Vec<Rect>,
}

impl Placer {
    fn new(bounds: Rect) -> Placer {
        Placer {
            bounds,
            taken: Vec::new(),
        }
    }

    /// Marks `rect` as drawn on.
    fn block(&mut self, rect: Rect) {
        self.taken.push(rect);
    }

    fn free(&self, rect: &Rect) -> bool {
        rect.inside(&self.bounds) && !self.taken.iter().any(|t| t.overlaps(rect))
    }

    /// The first of `candidates` that is free, taken.
    fn place(&mut self, frame: Frame, candidates: Vec<Label>) -> Option<Label> {
        let chosen = candidates.into_iter().find(|l| self.free(&l.rect(frame)))?;
        self.block(chosen.rect(frame));
        Some(chosen)
    }
}

/// Labels of a column (each at the y it wants), moved apart so that none
/// overlaps the next, each as near its wish as the others allow, and
/// none above `top`. Returns each label's first baseline, in input order.
fn spread(wishes: &[(f64, f64)], top: f64, gap: f64) -> Vec<f64> {
    // (wanted baseline, height) sorted by wish; pushed down, then up.
    let mut order: Vec<usize> = (0..wishes.len()).collect();
    order.sort_by(|&a, &b| wishes[a].0.total_cmp(&wishes[b].0).then(a.cmp(&b)));
    let mut placed = vec![0.0; wishes.len()];
    let mut floor = top;
    for &i in &order {
        let y = wishes[i].0.max(floor);
        placed[i] = y;
        floor = y + wishes[i].1 + gap;
    }
    placed
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

/// A key of line styles, each relation's line and its words, in rows
/// from `y` (as many to a row as fit); returns the height it took.
fn edge_key(svg: &mut String, frame: Frame, entries: &[(Relation, &str)], y: f64) -> f64 {
    let (mut x, mut row) = (8.0, 0.0);
    for (relation, text) in entries {
        let w = 44.0 + text_width(text, frame.font);
        if x > 8.0 && x + w > frame.width - 8.0 {
            x = 8.0;
            row += frame.line() + 6.0;
        }
        let ly = y + row + frame.font * 0.8;
        let _ = write!(
            svg,
            "<path class=\"edge {}\" d=\"M{x:.1} {:.1}h36\"/>",
            relation.class(),
            ly - frame.font * 0.3,
        );
        Label::new(vec![text.to_string()], x + 44.0, ly, "start").draw(svg, frame);
        x += w + 24.0;
    }
    row + frame.line()
}

/// The texts of a drawing, each with its lines joined by spaces.
#[cfg(test)]
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let inner = &t[t.find('>')? + 1..t.find("</text>")?];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.replace("<tspan", " <tspan").chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            Some(
                text.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            )
        })
        .collect()
}

/// Where the texts of one drawing lie, as the layout estimated them (its
/// width in `viewBox` and each text's lines), and the drawing's height:
/// for tests that no two overlap and none leaves the picture.
#[cfg(test)]
fn text_boxes(svg: &str, frame: Frame) -> (Vec<(String, Rect)>, f64) {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..start + tag[start..].find('"')?].to_string())
    };
    let view = attr(svg, "viewBox").expect("a viewBox");
    let height: f64 = view.split(' ').nth(3).unwrap().parse().unwrap();
    let names = texts(svg);
    let boxes = svg
        .split("<text ")
        .skip(1)
        .zip(names)
        .map(|(t, name)| {
            let tag = &t[..t.find('>').unwrap()];
            let body = &t[..t.find("</text>").unwrap()];
            let x: f64 = attr(&format!(" {tag}"), "x").unwrap().parse().unwrap();
            let y: f64 = attr(&format!(" {tag}"), "y").unwrap().parse().unwrap();
            let anchor = match attr(&format!(" {tag}"), "text-anchor").as_deref() {
                Some("end") => "end",
                Some("middle") => "middle",
                _ => "start",
            };
            let lines: Vec<String> = body
                .split("<tspan")
                .map(|part| {
                    let inner = &part[part.find('>').map_or(0, |i| i + 1)..];
                    inner
                        .split('<')
                        .next()
                        .unwrap_or("")
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                })
                .collect();
            (name, Label::new(lines, x, y, anchor).rect(frame))
        })
        .collect();
    (boxes, height)
}

/// Asserts that no two texts of `html`'s drawings overlap and none leaves
/// its picture.
#[cfg(test)]
fn assert_texts_apart(html: &str) {
    for (frame, svg) in [WIDE, NARROW].into_iter().zip(html.split("</svg>")) {
        let (boxes, height) = text_boxes(svg, frame);
        let picture = Rect {
            left: 0.0,
            top: 0.0,
            right: frame.width,
            bottom: height,
        };
        for (i, (name, rect)) in boxes.iter().enumerate() {
            assert!(
                rect.inside(&picture),
                "{}: {name:?} at {rect:?} leaves {picture:?}",
                frame.name
            );
            for (other, o) in &boxes[..i] {
                assert!(
                    !rect.overlaps(o),
                    "{}: {name:?} {rect:?} overlaps {other:?} {o:?}",
                    frame.name
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_fits_the_width() {
        let text =
            "Democratic People's Republic of Korea Supercalifragilisticexpialidocious 김정은";
        for max in [40.0, 90.0, 200.0, 2000.0] {
            let lines = wrap(text, max, 14.0);
            assert!(!lines.is_empty());
            let joined: String = lines.concat();
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "nothing is lost at {max}"
            );
            for line in &lines {
                // A single character may be wider than a tiny width.
                assert!(
                    text_width(line, 14.0) <= max || line.chars().count() == 1,
                    "{line:?} at {max}"
                );
            }
        }
        assert_eq!(wrap("", 100.0, 14.0), [""]);
        assert_eq!(wrap("NIS", 100.0, 14.0), ["NIS"]);
    }

    #[test]
    fn wide_scripts_measure_wider() {
        assert!(text_width("김정은", 16.0) > text_width("abc", 16.0));
        assert!(text_width("WWW", 16.0) > text_width("iii", 16.0));
    }

    #[test]
    fn spread_labels_never_overlap_and_stay_below_the_top() {
        let placed = spread(
            &[(50.0, 20.0), (52.0, 40.0), (10.0, 20.0), (51.0, 20.0)],
            20.0,
            4.0,
        );
        assert_eq!(placed[2], 20.0);
        let mut spans: Vec<(f64, f64)> = placed
            .iter()
            .zip([20.0, 40.0, 20.0, 20.0])
            .map(|(y, h)| (*y, y + h))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(spans.windows(2).all(|w| w[1].0 >= w[0].1), "{spans:?}");
    }

    #[test]
    fn the_placer_refuses_overlaps_and_the_outside() {
        let frame = WIDE;
        let mut placer = Placer::new(Rect {
            left: 0.0,
            top: 0.0,
            right: 200.0,
            bottom: 100.0,
        });
        let label = |x| Label::new(vec!["forecast".into()], x, 50.0, "start");
        assert!(placer.place(frame, vec![label(10.0)]).is_some());
        assert!(placer.place(frame, vec![label(20.0)]).is_none(), "overlap");
        assert!(placer.place(frame, vec![label(190.0)]).is_none(), "outside");
        let placed = placer
            .place(frame, vec![label(20.0), label(110.0)])
            .unwrap();
        assert_eq!(placed.x, 110.0);
    }

    #[test]
    fn both_drawings_have_their_own_ids() {
        let html = both(|frame| {
            let mut svg = String::new();
            frame.open(&mut svg, "chart", 100.0, "chart", "T", "D");
            svg.push_str("</svg>");
            svg
        });
        assert!(html.starts_with("<div class=\"chart-box\"><svg class=\"chart wide\""));
        assert!(
            html.contains("id=\"chart-title-wide\"") && html.contains("id=\"chart-title-narrow\"")
        );
        assert!(html.contains("aria-labelledby=\"chart-title-narrow chart-desc-narrow\""));
    }
}
