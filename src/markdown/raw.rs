//! Raw HTML: disarmed in fields, sanitized in bodies (FORMAT §9).

use super::*;

/// Events collected from a link's label, made as safe as the main loop
/// makes them: raw HTML sanitized (bodies) or shown as text (fields),
/// images with unsafe URLs reduced to their alt text, others rebased.
pub(super) fn disarm<'a>(
    events: Vec<Event<'a>>,
    mode: Mode,
    place: Place,
    has_raw_html: &mut bool,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut dropped_images = 0usize;
    for event in events {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => match mode {
                Mode::Body => {
                    *has_raw_html = true;
                    out.push(Event::InlineHtml(raw));
                }
                Mode::Inline => out.push(Event::Text(raw)),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match written_url(&dest_url, place) {
                Some(written) if !matches!(link_type, LinkType::WikiLink { .. }) => {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: written.into(),
                        title,
                        id,
                    }))
                }
                _ => dropped_images += 1,
            },
            Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
            other => out.push(other),
        }
    }
    out
}

/// `text` escaped for HTML text and attribute values.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Sanitizes HTML with the allow-list of FORMAT §9, rebasing root-relative
/// URLs written in raw HTML. Every URL attribute the allow-list keeps is
/// checked again as it will be written, after rebasing (the sanitizer's
/// own check sees it before): one that would not be safe is dropped.
pub(crate) fn sanitize(html: &str, place: Place) -> String {
    let root = place.root.to_string();
    let portable = place.portable;
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align"])
        .add_tags(["section"])
        .url_schemes(ALLOWED_SCHEMES.iter().copied().collect())
        .link_rel(None)
        .attribute_filter(move |_element, attribute, value| {
            if !is_url_attribute(attribute) {
                return Some(value.into());
            }
            let place = Place {
                root: &root,
                portable,
            };
            if attribute == "srcset" {
                // `url 2x, url 480w`: every candidate's URL, or nothing.
                let candidates: Option<Vec<String>> = value
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        let (url, size) =
                            candidate.split_at(candidate.find(' ').unwrap_or(candidate.len()));
                        written_url(url, place).map(|url| format!("{url}{size}"))
                    })
                    .collect();
                return candidates.map(|c| c.join(", ").into());
            }
            written_url(value, place).map(Into::into)
        });
    builder.clean(html).to_string()
}

/// Attributes whose value is a URL, in any element the sanitizer might
/// keep (most are not on its allow-list; they are checked all the same).
pub(super) fn is_url_attribute(name: &str) -> bool {
    matches!(
        name,
        "href"
            | "src"
            | "srcset"
            | "cite"
            | "action"
            | "formaction"
            | "poster"
            | "data"
            | "background"
            | "longdesc"
            | "xlink:href"
            | "ping"
            | "manifest"
            | "codebase"
    )
}
