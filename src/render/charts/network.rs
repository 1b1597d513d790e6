//! The overview of the most connected actors. Wide: each on a circle,
//! joined by a line per relation (thicker for more shared briefs), named
//! in a column on its side of the circle, where names are moved apart and
//! a thin leader joins each to its node. Narrow: the same actors down a
//! column, named beside their nodes, each relation an arc to the left
//! (an arc diagram). Names wrap, never cut.

use super::{both, edge_key, spread, wrap, Frame, Label, Relation, WIDE};
use std::fmt::Write;

/// Actors in the network overview, at most.
pub const NETWORK_ACTORS: usize = 20;

/// `names` are the actors; `edges` are (a, b, relation, shared briefs) by
/// index in `names`. Two drawings; `None` for fewer than two actors.
pub fn network(names: &[String], edges: &[(usize, usize, Relation, usize)]) -> Option<String> {
    if names.len() < 2 {
        return None;
    }
    let description = format!(
        "The {} most connected actors, joined where one is part of another or where they appear in the same briefs; {} connection{}. The list below names them all.",
        names.len(),
        edges.len(),
        if edges.len() == 1 { "" } else { "s" }
    );
    Some(both(|frame| draw(frame, names, edges, &description)))
}

/// The style of an edge: shared briefs thicker for more.
fn width(relation: Relation, shared: usize) -> String {
    match relation {
        Relation::SharedBriefs => format!(
            " style=\"stroke-width:{:.1}\"",
            1.0 + (shared.max(1) as f64).ln()
        ),
        _ => String::new(),
    }
}

fn draw(
    frame: Frame,
    names: &[String],
    edges: &[(usize, usize, Relation, usize)],
    description: &str,
) -> String {
    let mut body = String::new();
    let bottom = if frame == WIDE {
        circle(&mut body, frame, names, edges)
    } else {
        column(&mut body, frame, names, edges)
    };
    let key_y = bottom + 20.0;
    let key_h = edge_key(
        &mut body,
        frame,
        &[
            (Relation::PartOf, "part of"),
            (Relation::SharedBriefs, "same briefs (thicker: more)"),
        ],
        key_y,
    );
    let height = (key_y + key_h + 8.0).ceil();
    let mut svg = String::new();
    frame.open(
        &mut svg,
        "chart graph",
        height,
        "network",
        "The most connected actors",
        description,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

/// The circle, its names in a column on each side; returns its bottom.
fn circle(
    body: &mut String,
    frame: Frame,
    names: &[String],
    edges: &[(usize, usize, Relation, usize)],
) -> f64 {
    let (w, font, line) = (frame.width, frame.font, frame.line());
    let (cx, cy, radius) = (w / 2.0, 24.0 + 130.0, 130.0);
    let count = names.len() as f64;
    let at = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / count;
        (cx + radius * angle.cos(), cy + radius * angle.sin(), angle)
    };
    for &(a, b, relation, shared) in edges {
        let ((ax, ay, _), (bx, by, _)) = (at(a), at(b));
        let _ = write!(
            body,
            "<path class=\"edge {}\"{} d=\"M{ax:.1} {ay:.1}L{bx:.1} {by:.1}\"/>",
            relation.class(),
            width(relation, shared)
        );
    }
    // Right side: from the top clockwise; left: the rest.
    let column_gap = 36.0;
    let room = cx - radius - column_gap - 6.0;
    let lines: Vec<Vec<String>> = names.iter().map(|n| wrap(n, room, font)).collect();
    let mut bottom = cy + radius;
    for right in [true, false] {
        let side: Vec<usize> = (0..names.len())
            .filter(|&i| (at(i).2.cos() > -1e-9) == right)
            .collect();
        let wishes: Vec<(f64, f64)> = side
            .iter()
            .map(|&i| {
                let n = lines[i].len() as f64;
                // Centre the label's lines on its node.
                (
                    at(i).1 + font * 0.35 - (n - 1.0) * line / 2.0,
                    (n - 1.0) * line + font,
                )
            })
            .collect();
        let ys = spread(&wishes, font, font * 0.5);
        for (&i, y) in side.iter().zip(ys) {
            let (nx, ny, _) = at(i);
            let n = lines[i].len() as f64;
            let (lx, anchor, lead) = if right {
                (
                    cx + radius + column_gap,
                    "start",
                    cx + radius + column_gap - 4.0,
                )
            } else {
                (
                    cx - radius - column_gap,
                    "end",
                    cx - radius - column_gap + 4.0,
                )
            };
            let middle = y - font * 0.35 + (n - 1.0) * line / 2.0;
            let _ = write!(
                body,
                "<path class=\"leader\" d=\"M{nx:.1} {ny:.1}L{lead:.1} {middle:.1}\"/>"
            );
            let label = Label::new(lines[i].clone(), lx, y, anchor);
            bottom = bottom.max(label.rect(frame).bottom);
            label.draw(body, frame);
        }
    }
    for i in 0..names.len() {
        let (x, y, _) = at(i);
        let _ = write!(
            body,
            "<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/>"
        );
    }
    bottom
}

/// The arc diagram; returns its bottom.
fn column(
    body: &mut String,
    frame: Frame,
    names: &[String],
    edges: &[(usize, usize, Relation, usize)],
) -> f64 {
    let (w, font, line) = (frame.width, frame.font, frame.line());
    let nx = 120.0;
    let mut ys = Vec::with_capacity(names.len());
    let mut labels = Vec::with_capacity(names.len());
    let mut y = font;
    for name in names {
        let lines = wrap(name, w - nx - 16.0, font);
        let n = lines.len() as f64;
        ys.push(y - font * 0.35);
        labels.push(Label::new(lines, nx + 12.0, y, "start"));
        y += (n - 1.0) * line + line + 8.0;
    }
    for &(a, b, relation, shared) in edges {
        let (top, bottom) = if ys[a] <= ys[b] {
            (ys[a], ys[b])
        } else {
            (ys[b], ys[a])
        };
        let half = (bottom - top) / 2.0;
        let rx = half.min(nx - 8.0);
        let _ = write!(
            body,
            "<path class=\"edge {}\"{} d=\"M{nx:.1} {top:.1}A{rx:.1} {half:.1} 0 0 0 {nx:.1} {bottom:.1}\"/>",
            relation.class(),
            width(relation, shared)
        );
    }
    for (label, cy) in labels.iter().zip(&ys) {
        let _ = write!(
            body,
            "<circle class=\"node\" cx=\"{nx:.1}\" cy=\"{cy:.1}\" r=\"6\"/>"
        );
        label.draw(body, frame);
    }
    y - line
}

#[cfg(test)]
mod tests {
    use super::super::graph::wide_part;
    use super::*;

    #[test]
    fn the_overview_draws_every_actor_and_connection() {
        let names = vec!["A".to_string(), "B".to_string(), "C <x>".to_string()];
        let html = network(
            &names,
            &[
                (0, 1, Relation::PartOf, 0),
                (1, 2, Relation::SharedBriefs, 3),
            ],
        )
        .unwrap();
        assert_eq!(wide_part(&html).matches("class=\"node\"").count(), 3);
        assert_eq!(
            html.matches("class=\"node\"").count(),
            6,
            "in both drawings"
        );
        assert!(html.contains("2 connections") && html.contains("C &lt;x&gt;"));
        assert!(network(&names[..1], &[]).is_none());
    }

    #[test]
    fn long_names_wrap_whole_and_never_meet() {
        let names: Vec<String> = (0..NETWORK_ACTORS)
            .map(|i| format!("Workers' Party of Korea Central Military Commission {i}"))
            .collect();
        let edges: Vec<(usize, usize, Relation, usize)> = (1..names.len())
            .map(|i| (0, i, Relation::SharedBriefs, i))
            .collect();
        let html = network(&names, &edges).unwrap();
        super::super::assert_texts_apart(&html);
        assert!(!html.contains('…'));
        for part in [wide_part(&html), &html[wide_part(&html).len()..]] {
            let texts = super::super::texts(part);
            for name in &names {
                assert!(texts.contains(name), "{name} in {texts:?}");
            }
        }
    }
}
