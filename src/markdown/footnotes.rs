//! Footnotes linked both ways: reference to note and back.

use super::*;

/// Footnote ids contain a colon, which heading ids never do.
pub(super) fn footnote_id(label: &str) -> String {
    format!("fn:{label}")
}

/// Footnotes written as pulldown-cmark writes them (numbered in the
/// order a label is first met, as a reference or a definition), with a
/// way back: the `k`th reference to a note has the id `ref-<note id>-<k>`,
/// and the note ends with a "↩" link to each of its references, so that
/// a reader who jumped to a note at the end of a long page returns to
/// where they were reading.
pub(super) fn footnotes_linked_both_ways(events: &mut Vec<Event<'_>>) {
    use std::collections::HashMap;
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut references: HashMap<String, usize> = HashMap::new();
    for event in events.iter() {
        let label = match event {
            Event::FootnoteReference(label) => {
                *references.entry(label.to_string()).or_default() += 1;
                label
            }
            Event::Start(Tag::FootnoteDefinition(label)) => label,
            _ => continue,
        };
        let next = numbers.len() + 1;
        numbers.entry(label.to_string()).or_insert(next);
    }
    if numbers.is_empty() {
        return;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut open: Option<String> = None;
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events.drain(..) {
        match event {
            Event::FootnoteReference(label) => {
                let k = seen.entry(label.to_string()).or_default();
                *k += 1;
                let id = escape_text(&label);
                out.push(Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\" id=\"ref-{id}-{k}\"><a href=\"#{id}\">{}</a></sup>",
                        numbers[label.as_ref()]
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = escape_text(&label);
                out.push(Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{}</sup>",
                        numbers[label.as_ref()]
                    )
                    .into(),
                ));
                open = Some(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let back = open
                    .take()
                    .map(|label| back_links(&label, references.get(&label).copied().unwrap_or(0)))
                    .unwrap_or_default();
                // Inside the note's last paragraph when it ends with one.
                if matches!(out.last(), Some(Event::End(TagEnd::Paragraph))) {
                    let end = out.pop();
                    out.push(Event::InlineHtml(back.into()));
                    out.extend(end);
                    out.push(Event::Html("</div>\n".into()));
                } else {
                    out.push(Event::Html(format!("{back}</div>\n").into()));
                }
            }
            other => out.push(other),
        }
    }
    *events = out;
}

/// The "↩" links from a note back to its `count` references.
pub(super) fn back_links(label: &str, count: usize) -> String {
    let id = escape_text(label);
    (1..=count)
        .map(|k| {
            let which = if count > 1 {
                format!(" {k}")
            } else {
                String::new()
            };
            format!(
                " <a class=\"footnote-backref\" href=\"#ref-{id}-{k}\">↩{}<span class=\"vh\"> back to reference{which}</span></a>",
                if count > 1 { format!("<sup>{k}</sup>") } else { String::new() }
            )
        })
        .collect()
}
