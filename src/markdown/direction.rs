//! Right-to-left text in left-to-right pages: marked so it reads in order.

use super::*;

/// Whether `c` is a letter of a script written right to left: Hebrew,
/// Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, their presentation
/// forms, and the historic scripts of the supplementary planes.
pub(super) fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
        && c.is_alphabetic()
}

/// Marks the paragraphs, list items and headings of a body written mostly
/// in a right-to-left script (a quotation in Arabic in an English brief)
/// `dir="rtl"`, so that they are set right to left, their punctuation at
/// their end. The others inherit the page's direction.
pub(super) fn mark_right_to_left(events: &mut [Event<'_>]) {
    // The blocks open at this point: where each starts, and the strong
    // letters met in it so far, right to left and not (one pass: a closed
    // block adds its letters to the one around it).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. }) => open.push((i, 0, 0)),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, rtl, ltr)) = open.last_mut() {
                    for c in text.chars().filter(|c| c.is_alphabetic()) {
                        if is_right_to_left(c) {
                            *rtl += 1;
                        } else {
                            *ltr += 1;
                        }
                    }
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                let Some((start, rtl, ltr)) = open.pop() else {
                    continue;
                };
                if let Some((_, outer_rtl, outer_ltr)) = open.last_mut() {
                    *outer_rtl += rtl;
                    *outer_ltr += ltr;
                }
                if rtl <= ltr {
                    continue;
                }
                match &mut events[start] {
                    Event::Start(Tag::Paragraph) => {
                        events[start] = Event::Html("<p dir=\"rtl\">".into())
                    }
                    Event::Start(Tag::Item) => {
                        events[start] = Event::Html("<li dir=\"rtl\">".into())
                    }
                    Event::Start(Tag::Heading { attrs, .. }) => {
                        attrs.push(("dir".into(), Some("rtl".into())))
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}
