//! The picture of an actor and its closest neighbours. Wide: the actor at
//! the top, its neighbours in two columns below (closest first, down the
//! left, then down the right), each joined to it by a line whose style
//! says how they are related, labels outside the columns. Narrow: one
//! column, each neighbour on a branch of a stem from the actor, the
//! branch in the relation's style. Names wrap; rows are as tall as their
//! names, so no label is cut or overlaps another.

use super::{both, edge_key, wrap, Frame, Label, Relation, WIDE};
use std::fmt::Write;

/// Neighbours shown at most.
pub const GRAPH_NEIGHBOURS: usize = 24;

/// The picture of `name` and its `neighbours` (closest first), in two
/// drawings; `None` without neighbours.
pub fn actor_graph(name: &str, neighbours: &[(String, Relation)]) -> Option<String> {
    if neighbours.is_empty() {
        return None;
    }
    let shown = &neighbours[..neighbours.len().min(GRAPH_NEIGHBOURS)];
    let description = format!(
        "{name} and {} related actor{}: {}.",
        shown.len(),
        if shown.len() == 1 { "" } else { "s" },
        shown
            .iter()
            .map(|(n, r)| format!(
                "{n} ({})",
                match r {
                    Relation::PartOf => "part of the same body",
                    Relation::Claims => "claims between them",
                    Relation::SharedBriefs => "in the same briefs",
                }
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Some(both(|frame| draw(frame, name, shown, &description)))
}

fn draw(frame: Frame, name: &str, shown: &[(String, Relation)], description: &str) -> String {
    let (w, font, line) = (frame.width, frame.font, frame.line());
    let mut body = String::new();
    let mut nodes = String::new();
    let wide = frame == WIDE;
    // The actor's name, on top, then its node.
    let centre_lines = wrap(name, if wide { w - 8.0 } else { w - 40.0 }, font * 1.1);
    let (cx, centre_label) = if wide {
        (w / 2.0, Label::new(centre_lines, w / 2.0, font, "middle"))
    } else {
        (14.0, Label::new(centre_lines, 30.0, font, "start"))
    };
    let centre_label = centre_label.with_class("centre-label");
    let cy = if wide {
        centre_label.rect(frame).bottom + 18.0
    } else {
        font * 0.65
    };
    let mut y = centre_label.rect(frame).bottom.max(cy) + if wide { 40.0 } else { 18.0 };
    let mut bottom = y;
    if wide {
        let rows = shown.len().div_ceil(2);
        let columns = [w / 2.0 - 90.0, w / 2.0 + 90.0];
        let room = columns[0] - 16.0;
        for row in 0..rows {
            let pair: Vec<(usize, &(String, Relation))> = [row, row + rows]
                .into_iter()
                .filter(|&i| i < shown.len())
                .map(|i| (usize::from(i >= rows), &shown[i]))
                .collect();
            let lines: Vec<Vec<String>> =
                pair.iter().map(|(_, (n, _))| wrap(n, room, font)).collect();
            let tallest = lines.iter().map(Vec::len).max().unwrap_or(1);
            for ((column, (_, relation)), lines) in pair.iter().zip(lines) {
                let nx = columns[*column];
                let _ = write!(
                    body,
                    "<path class=\"edge {}\" d=\"M{cx:.1} {cy:.1}L{nx:.1} {y:.1}\"/>",
                    relation.class()
                );
                let _ = write!(
                    nodes,
                    "<circle class=\"node\" cx=\"{nx:.1}\" cy=\"{y:.1}\" r=\"6\"/>"
                );
                let label = if *column == 0 {
                    Label::new(lines, nx - 12.0, y + font * 0.35, "end")
                } else {
                    Label::new(lines, nx + 12.0, y + font * 0.35, "start")
                };
                label.draw(&mut nodes, frame);
            }
            bottom = y + (tallest - 1) as f64 * line + font;
            y += (tallest - 1) as f64 * line + line + 10.0;
        }
    } else {
        let (stem, nx) = (cx, 44.0);
        let mut last = cy;
        for (neighbour, relation) in shown {
            let lines = wrap(neighbour, w - nx - 16.0, font);
            let n = lines.len();
            let _ = write!(
                body,
                "<path class=\"edge {}\" d=\"M{stem:.1} {y:.1}H{nx:.1}\"/>",
                relation.class()
            );
            let _ = write!(
                nodes,
                "<circle class=\"node\" cx=\"{nx:.1}\" cy=\"{y:.1}\" r=\"6\"/>"
            );
            Label::new(lines, nx + 12.0, y + font * 0.35, "start").draw(&mut nodes, frame);
            last = y;
            bottom = y + (n - 1) as f64 * line + font;
            y += (n - 1) as f64 * line + line + 10.0;
        }
        let _ = write!(
            body,
            "<path class=\"stem\" d=\"M{stem:.1} {cy:.1}V{last:.1}\"/>"
        );
    }
    body.push_str(&nodes);
    let _ = write!(
        body,
        "<circle class=\"node centre\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"9\"/>"
    );
    centre_label.draw(&mut body, frame);
    let key_y = bottom + 24.0;
    let key_h = edge_key(
        &mut body,
        frame,
        &[
            (Relation::PartOf, "part of"),
            (Relation::Claims, "claims about"),
            (Relation::SharedBriefs, "same briefs"),
        ],
        key_y,
    );
    let height = (key_y + key_h + 8.0).ceil();
    let mut svg = String::new();
    frame.open(
        &mut svg,
        "chart graph",
        height,
        "graph",
        &format!("{name} and related actors"),
        description,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

/// The wide drawing of `html` (the first of the two).
#[cfg(test)]
pub(super) fn wide_part(html: &str) -> &str {
    &html[..html.find("</svg>").expect("a drawing")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_names_the_actor_and_every_neighbour_with_how_they_relate() {
        let neighbours = vec![
            ("North Korea".to_string(), Relation::PartOf),
            ("Putin <V>".to_string(), Relation::SharedBriefs),
        ];
        let html = actor_graph("Kim Jong Un", &neighbours).unwrap();
        assert!(
            html.contains("role=\"img\"")
                && html.contains(
                    "<title id=\"graph-title-wide\">Kim Jong Un and related actors</title>"
                )
        );
        assert!(
            html.contains(
                "North Korea (part of the same body); Putin &lt;V&gt; (in the same briefs)"
            ),
            "{html}"
        );
        assert_eq!(
            wide_part(&html).matches("class=\"edge part-of\"").count(),
            2,
            "one edge and its key"
        );
        assert!(actor_graph("Alone", &[]).is_none());
    }

    #[test]
    fn at_most_24_neighbours_are_drawn_with_labels_apart_and_whole() {
        let many: Vec<(String, Relation)> = (0..30)
            .map(|i| {
                (
                    format!("Actor {i} of the Democratic People's Republic of Korea"),
                    Relation::SharedBriefs,
                )
            })
            .collect();
        let html = actor_graph("Hub", &many).unwrap();
        super::super::assert_texts_apart(&html);
        let wide = wide_part(&html);
        assert_eq!(wide.matches("class=\"node\"").count(), GRAPH_NEIGHBOURS);
        assert!(wide.contains("Actor 23") && !wide.contains("Actor 24"));
        assert!(!html.contains('…'), "no name is cut");
        let texts = super::super::texts(wide);
        for i in 0..GRAPH_NEIGHBOURS {
            let name = format!("Actor {i} of the Democratic People's Republic of Korea");
            assert!(texts.iter().any(|t| t == &name), "{name} in {texts:?}");
        }
        // Labels of a column (same anchor) are at least their lines apart.
        for anchor in ["end", "start"] {
            let mut spans: Vec<(f64, f64)> = wide
                .split("<text ")
                .skip(1)
                .filter_map(|t| t.get(..t.find("</text>")?))
                .filter(|t| {
                    t.contains(&format!("text-anchor=\"{anchor}\""))
                        || (anchor == "start" && !t.contains("text-anchor"))
                })
                .filter(|t| !t.contains("class=") && t.contains("Actor"))
                .filter_map(|t| {
                    let y = t.split("y=\"").nth(1)?;
                    let y: f64 = y[..y.find('"')?].parse().ok()?;
                    let lines = t.matches("<tspan").count() as f64;
                    Some((y, y + lines * WIDE.line()))
                })
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert_eq!(spans.len(), 12, "{anchor}");
            assert!(
                spans.windows(2).all(|w| w[1].0 - w[0].1 >= 16.0),
                "{spans:?}"
            );
        }
    }
}
