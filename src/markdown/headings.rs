//! Heading ids: slugs, `{#id}` attributes, uniqueness within a page.

use super::*;

/// A heading's `{…}` classes and attributes as written (`.note style=x`),
/// or `""`.
pub(super) fn heading_attributes(classes: &[CowStr], attrs: &[(CowStr, Option<CowStr>)]) -> String {
    let classes = classes.iter().map(|c| format!(".{c}"));
    let attrs = attrs.iter().map(|(name, value)| match value {
        Some(value) => format!("{name}={value}"),
        None => name.to_string(),
    });
    classes.chain(attrs).collect::<Vec<_>>().join(" ")
}

/// The byte range of a heading's `{…}` in the source (its last `{` to the
/// `}` after it), else of the whole heading.
pub(super) fn attribute_block(source: &str, heading: &std::ops::Range<usize>) -> (usize, usize) {
    let text = &source[heading.clone()];
    text.rfind('{')
        .and_then(|open| {
            let close = text[open..].find('}')? + open;
            Some((heading.start + open, close + 1 - open))
        })
        .unwrap_or((heading.start, heading.len()))
}

/// Is `id` usable as a heading id as written: lowercase letters, digits
/// and single hyphens, as heading slugs are? Such an id can take neither
/// a footnote's (`fn:…`) nor a theme's id (they contain `_`).
pub(super) fn is_heading_id(id: &str) -> bool {
    !id.is_empty() && heading_slug(id) == id
}

/// The id a heading gets from its text: its slug, or `section` when the
/// text has no letters or digits.
pub fn heading_slug(text: &str) -> String {
    let slug = slug::slugify(text);
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

pub(super) fn unique_id(wanted: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = wanted.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}
