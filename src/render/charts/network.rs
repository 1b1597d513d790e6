//! The network: who makes claims about whom and who relays whom, each a
//! band of two columns joined by arrows from the one who claims (or
//! relays) to the one claimed about (or relayed), thicker for more claims.

use super::{both, escape, wrap, Frame, Label, WIDE};
use std::fmt::Write;

/// Links a band draws at most: the strongest.
pub const NETWORK_LINKS: usize = 14;

/// A directed link between two actors, with the claims it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The claimant, or the relay.
    pub from: String,
    /// The actor claimed about, or the one relayed.
    pub to: String,
    /// `true`: `from` relayed `to`'s claims; `false`: `from` made claims
    /// about `to`.
    pub relays: bool,
    pub claims: usize,
}

/// The network from `links` (the strongest of each kind, strongest
/// first); `totals` are how many links of each kind there are in all
/// (claims about, relays). Two drawings; `None` without links.
pub fn network(links: &[Link], totals: (usize, usize)) -> Option<String> {
    if links.is_empty() {
        return None;
    }
    let about = links.iter().filter(|l| !l.relays).count();
    let relays = links.len() - about;
    let part = |shown: usize, total: usize, what: &str| match (shown, total) {
        (0, _) => None,
        (s, t) if s == t => Some(format!("{what}: {s} link{}", if s == 1 { "" } else { "s" })),
        (s, t) => Some(format!("{what}: the {s} strongest of {t} links")),
    };
    let parts: Vec<String> = [
        part(about, totals.0, "who makes claims about whom"),
        part(relays, totals.1, "who relays whom"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let description = format!(
        "{}. Each arrow runs from the actor who makes the claims, or relays them, to the actor they are about, or whose claims are relayed, and is thicker for more claims. The table below gives every link with its number of claims.",
        upper_first(&parts.join("; "))
    );
    Some(both(|frame| draw(frame, links, &description)))
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn draw(frame: Frame, links: &[Link], description: &str) -> String {
    let mut body = String::new();
    let mut y = 0.0;
    for (relays, title) in [
        (false, "Who makes claims about whom"),
        (true, "Who relays whom"),
    ] {
        let band: Vec<&Link> = links.iter().filter(|l| l.relays == relays).collect();
        if band.is_empty() {
            continue;
        }
        y = self::band(&mut body, frame, title, &band, y);
    }
    let height = (y + 4.0).ceil();
    let mut svg = String::new();
    frame.open(
        &mut svg,
        "chart graph network",
        height,
        "network",
        "Who makes claims about whom, and who relays whom",
        description,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

/// The stroke width of a link of `claims` claims.
fn stroke(claims: usize) -> f64 {
    (1.5 + 1.5 * (claims.max(1) as f64).ln()).min(9.0)
}

/// Actors of one column in order, with the total of their links' claims.
fn ordered<'a>(names: impl Iterator<Item = (&'a str, usize)>) -> Vec<(&'a str, usize)> {
    let mut totals: Vec<(&str, usize)> = Vec::new();
    for (name, claims) in names {
        match totals.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += claims,
            None => totals.push((name, claims)),
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    totals
}

/// One band: its title, its sources on the left, its targets on the
/// right, the arrows between; returns its bottom.
fn band(body: &mut String, frame: Frame, title: &str, links: &[&Link], top: f64) -> f64 {
    let (w, font, line) = (frame.width, frame.font, frame.line());
    let gap = if frame == WIDE { 120.0 } else { 64.0 };
    let column = (w - gap) / 2.0;
    let room = column - 8.0;
    let heading =
        Label::new(wrap(title, w - 8.0, font), 0.0, top + font, "start").with_class("band-title");
    let mut y0 = heading.rect(frame).bottom + 12.0;
    heading.draw(body, frame);
    let _ = write!(
        body,
        "<path class=\"band-rule\" d=\"M0 {:.1}H{w:.1}\"/>",
        y0 - 6.0
    );
    y0 += 4.0;
    let sources = ordered(links.iter().map(|l| (l.from.as_str(), l.claims)));
    // Targets in the order of their sources, to keep arrows from crossing.
    let mut targets = ordered(links.iter().map(|l| (l.to.as_str(), l.claims)));
    let rank = |name: &str| {
        let (mut sum, mut weight) = (0.0, 0.0);
        for l in links.iter().filter(|l| l.to == name) {
            let at = sources.iter().position(|(s, _)| *s == l.from).unwrap_or(0);
            sum += at as f64 * l.claims as f64;
            weight += l.claims as f64;
        }
        if weight > 0.0 {
            sum / weight
        } else {
            0.0
        }
    };
    targets.sort_by(|a, b| {
        rank(a.0)
            .total_cmp(&rank(b.0))
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(b.0))
    });
    // Each column's labels, one after another, then the shorter spread
    // to the height of the taller.
    let place = |names: &[(&str, usize)]| -> (Vec<Vec<String>>, Vec<f64>, f64) {
        let lines: Vec<Vec<String>> = names.iter().map(|(n, _)| wrap(n, room, font)).collect();
        let heights: Vec<f64> = lines
            .iter()
            .map(|l| font + (l.len() - 1) as f64 * line + 10.0)
            .collect();
        let total = heights.iter().sum();
        (lines, heights, total)
    };
    let (left_lines, left_heights, left_total) = place(&sources);
    let (right_lines, right_heights, right_total) = place(&targets);
    let height = left_total.max(right_total);
    let tops = |heights: &[f64], total: f64| -> Vec<f64> {
        let extra = (height - total) / heights.len().max(1) as f64;
        let mut y = y0 + extra / 2.0;
        heights
            .iter()
            .map(|h| {
                let at = y;
                y += h + extra;
                at
            })
            .collect()
    };
    let left_tops = tops(&left_heights, left_total);
    let right_tops = tops(&right_heights, right_total);
    // The middle of a label block: where its arrows meet it.
    let middle = |top: f64, lines: usize| top + (font + (lines - 1) as f64 * line) / 2.0;
    let (x0, x1) = (column, column + gap);
    for l in links {
        let (Some(a), Some(b)) = (
            sources.iter().position(|(n, _)| *n == l.from),
            targets.iter().position(|(n, _)| *n == l.to),
        ) else {
            continue;
        };
        let ya = middle(left_tops[a], left_lines[a].len());
        let yb = middle(right_tops[b], right_lines[b].len());
        let (start, end) = (x0 + 2.0, x1 - 9.0);
        let bend = (end - start) / 2.0;
        let _ = write!(
            body,
            "<path class=\"edge flow\" style=\"stroke-width:{:.1}\" d=\"M{start:.1} {ya:.1}C{:.1} {ya:.1} {:.1} {yb:.1} {end:.1} {yb:.1}\"><title>{} → {}: {} claim{}</title></path>",
            stroke(l.claims),
            start + bend,
            end - bend,
            escape(&l.from),
            escape(&l.to),
            l.claims,
            if l.claims == 1 { "" } else { "s" },
        );
        let _ = write!(
            body,
            "<path class=\"arrow\" d=\"M{end:.1} {:.1}L{:.1} {yb:.1}L{end:.1} {:.1}Z\"/>",
            yb - 5.0,
            x1 - 2.0,
            yb + 5.0
        );
    }
    let mut bottom = y0 + height;
    for (i, lines) in left_lines.into_iter().enumerate() {
        let label = Label::new(lines, x0 - 6.0, left_tops[i] + font * 0.8, "end");
        bottom = bottom.max(label.rect(frame).bottom);
        label.draw(body, frame);
    }
    for (i, lines) in right_lines.into_iter().enumerate() {
        let label = Label::new(lines, x1 + 4.0, right_tops[i] + font * 0.8, "start");
        bottom = bottom.max(label.rect(frame).bottom);
        label.draw(body, frame);
    }
    // The columns' names under the band.
    let foot = bottom + line;
    let from = if links.first().is_some_and(|l| l.relays) {
        "relays"
    } else {
        "claimants"
    };
    let to = if links.first().is_some_and(|l| l.relays) {
        "relayed"
    } else {
        "claimed about"
    };
    Label::new(vec![from.to_string()], x0 - 6.0, foot, "end")
        .with_class("column-name")
        .draw(body, frame);
    Label::new(vec![to.to_string()], x1 + 4.0, foot, "start")
        .with_class("column-name")
        .draw(body, frame);
    foot + 16.0
}

#[cfg(test)]
mod tests {
    use super::super::graph::wide_part;
    use super::*;

    fn link(from: &str, to: &str, relays: bool, claims: usize) -> Link {
        Link {
            from: from.to_string(),
            to: to.to_string(),
            relays,
            claims,
        }
    }

    #[test]
    fn arrows_run_from_claimant_to_subject_thicker_for_more_claims() {
        let links = vec![
            link("Kremlin", "Ukraine", false, 5),
            link(
                "National Intelligence Service",
                "Korean People's Army",
                false,
                2,
            ),
            link("Kremlin", "United States", false, 1),
            link("KCNA", "Kim Jong Un", true, 3),
        ];
        let html = network(&links, (3, 1)).unwrap();
        super::super::assert_texts_apart(&html);
        let wide = wide_part(&html);
        // One arrow a link, named with its direction and count.
        assert_eq!(wide.matches("class=\"edge flow\"").count(), 4, "{wide}");
        assert!(
            wide.contains("<title>Kremlin → Ukraine: 5 claims</title>"),
            "{wide}"
        );
        assert!(
            wide.contains("<title>KCNA → Kim Jong Un: 3 claims</title>"),
            "{wide}"
        );
        assert!(
            wide.contains("<title>Kremlin → United States: 1 claim</title>"),
            "{wide}"
        );
        // Thicker for more claims.
        assert!(stroke(5) > stroke(2) && stroke(2) > stroke(1));
        assert!(wide.contains(&format!("stroke-width:{:.1}", stroke(5))));
        // Both bands, their columns named; the claimant on the left
        // (right-aligned at the column's edge), the subject on the right.
        for text in [
            "Who makes claims about whom",
            "Who relays whom",
            "claimants",
            "claimed about",
            "relays",
            "relayed",
        ] {
            assert!(wide.contains(&format!(">{text}<")), "no {text}: {wide}");
        }
        let kremlin = wide.find(">Kremlin<").unwrap();
        let tag = &wide[wide[..kremlin].rfind("<text").unwrap()..kremlin];
        assert!(tag.contains("text-anchor=\"end\""), "{tag}");
        // Every name whole, however long (never cut with "…").
        assert!(!html.contains('…'));
        assert!(html.contains("Intelligence"));
        assert!(
            html.contains("the 1 strongest") || html.contains("who relays whom: 1 link"),
            "{html}"
        );
        assert!(network(&[], (0, 0)).is_none());
    }

    #[test]
    fn the_description_says_how_many_links_are_left_out() {
        let links = vec![link("A", "B", false, 4), link("C", "B", false, 2)];
        let html = network(&links, (9, 0)).unwrap();
        assert!(
            html.contains("Who makes claims about whom: the 2 strongest of 9 links."),
            "{html}"
        );
        assert!(
            !html.contains("Who relays whom"),
            "no relay band without relays"
        );
        let odd = network(&[link("<A & B>", "\"C\"", false, 1)], (1, 0)).unwrap();
        assert!(!odd.contains("<A & B>"), "names are escaped: {odd}");
        assert!(odd.contains("&lt;A &amp; B&gt;"), "{odd}");
    }
}
