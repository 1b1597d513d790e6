//! Markdown to HTML: `[[id]]` links, heading ids and contents, footnotes,
//! URL checks and HTML sanitizing. Pure: the caller says what each id links
//! to and turns the problems found into diagnostics.
//!
//! Links are written relative to the page the HTML is shown on (its
//! [`Place`]): `[[id]]` links and root-relative URLs (`/about/`), in Markdown
//! and in raw HTML alike.

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Where rendered HTML will be shown: the prefix from that page to the
/// site root (`""`, `"../"`, `"../../"`), and whether links to folders spell
/// out `index.html`.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub root: &'a str,
    pub portable: bool,
}

/// Rebases a URL written by an author: root-relative ones (`/about/`) are
/// made relative to the page; in portable mode, relative links to folders
/// (`../about/`) get `index.html`. Others are left as written (`None`).
pub fn rebase_authored(url: &str, place: Place) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(rebase(url, place.root, place.portable));
    }
    // Protocol-relative URLs (`//host/…`) point to other sites.
    if !place.portable || url.starts_with(['#', '?']) || url.starts_with("//") {
        return None;
    }
    let split = url.find(['#', '?']).unwrap_or(url.len());
    let (path, suffix) = url.split_at(split);
    let has_scheme = path
        .find(':')
        .is_some_and(|colon| !path[..colon].contains('/'));
    (!has_scheme && path.ends_with('/')).then(|| format!("{path}index.html{suffix}"))
}

/// A root-relative URL (`/x/y/#f`) made relative to the page's `root`.
pub fn rebase(url: &str, root: &str, portable: bool) -> String {
    let path = url.strip_prefix('/').unwrap_or(url);
    let split = path.find(['#', '?']).unwrap_or(path.len());
    let (path, suffix) = path.split_at(split);
    let mut out = String::with_capacity(root.len() + url.len() + 10);
    out.push_str(root);
    out.push_str(path);
    if portable && (path.is_empty() || path.ends_with('/')) {
        out.push_str("index.html");
    } else if out.is_empty() {
        out.push_str("./");
    }
    out.push_str(suffix);
    out
}

/// A heading of a body, for contents lists and `[[id#anchor]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub id: String,
    pub text: String,
    pub level: u8,
}

/// What an `[[id]]` points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// Root-relative path of the target's page, e.g. `/actors/kim/`.
    pub path: String,
    /// The target's display text.
    pub text: String,
}

/// An `[[id]]` found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiLink {
    pub id: String,
    pub anchor: Option<String>,
    /// Byte range of `[[…]]` in the source.
    pub offset: usize,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `[[id]]` names no known id.
    UnknownId(String),
    /// `![[…]]`.
    Embed,
    /// A `javascript:`, `vbscript:` or `data:` URL, dropped.
    UnsafeUrl(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Byte range in the source.
    pub offset: usize,
    pub len: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The text without markup (link texts included).
    pub plain: String,
    pub headings: Vec<Heading>,
    pub links: Vec<WikiLink>,
    pub problems: Vec<Problem>,
}

/// Ids a body's headings never take. The theme's own ids contain `_`
/// (and footnotes' a `:`), which heading slugs never do; only `main`, the
/// target of the skip link, is a plain word.
pub const RESERVED_IDS: &[&str] = &["main"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Renders a body: block Markdown, raw HTML sanitized.
pub fn render_body(
    source: &str,
    lookup: &dyn Fn(&str) -> Option<LinkTarget>,
    place: Place,
) -> Rendered {
    render(source, lookup, Mode::Body, place)
}

/// Renders a front-matter field (summary, claim text, judgement text):
/// inline Markdown without paragraphs, raw HTML escaped.
pub fn render_inline(
    source: &str,
    lookup: &dyn Fn(&str) -> Option<LinkTarget>,
    place: Place,
) -> Rendered {
    render(source, lookup, Mode::Inline, place)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Inline,
}

fn render(
    source: &str,
    lookup: &dyn Fn(&str) -> Option<LinkTarget>,
    mode: Mode,
    place: Place,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut paragraphs = 0;
    // The index in `events` of the heading being read, and its explicit id.
    let mut open_heading: Option<(usize, Option<String>)> = None;

    let mut parser = Parser::new_ext(source, options())
        .into_offset_iter()
        .peekable();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let label = disarm(
                    collect_until_link_end(&mut parser),
                    mode,
                    place,
                    &mut has_raw_html,
                );
                let (id, anchor) = match dest_url.split_once('#') {
                    Some((id, anchor)) => (id.trim().to_string(), Some(anchor.trim().to_string())),
                    None => (dest_url.trim().to_string(), None),
                };
                rendered.links.push(WikiLink {
                    id: id.clone(),
                    anchor: anchor.clone(),
                    offset: range.start,
                    len: range.len(),
                });
                match lookup(&id) {
                    Some(target) => {
                        let mut href = rebase(&target.path, place.root, place.portable);
                        if let Some(anchor) = &anchor {
                            href.push('#');
                            href.push_str(anchor);
                        }
                        events.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: href.into(),
                            title: CowStr::Borrowed(""),
                            id: CowStr::Borrowed(""),
                        }));
                        if has_pothole {
                            rendered.plain.push_str(&plain_of(&label));
                            events.extend(label);
                        } else {
                            rendered.plain.push_str(&target.text);
                            events.push(Event::Text(target.text.into()));
                        }
                        events.push(Event::End(TagEnd::Link));
                    }
                    None => {
                        rendered.problems.push(Problem {
                            kind: ProblemKind::UnknownId(id.clone()),
                            offset: range.start,
                            len: range.len(),
                        });
                        let text = if has_pothole { plain_of(&label) } else { id };
                        rendered.plain.push_str(&text);
                        events.push(Event::Text(text.into()));
                    }
                }
            }
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => {
                let label = collect_until_image_end(&mut parser);
                rendered.problems.push(Problem {
                    kind: ProblemKind::Embed,
                    offset: range.start,
                    len: range.len(),
                });
                events.push(Event::Text(plain_of(&label).into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_unsafe_url(&dest_url) {
                    rendered.problems.push(Problem {
                        kind: ProblemKind::UnsafeUrl(dest_url.to_string()),
                        offset: range.start,
                        len: range.len(),
                    });
                    let label = disarm(
                        collect_until_link_end(&mut parser),
                        mode,
                        place,
                        &mut has_raw_html,
                    );
                    rendered.plain.push_str(&plain_of(&label));
                    events.extend(label);
                } else {
                    let dest_url = rebase_authored(&dest_url, place).map_or(dest_url, CowStr::from);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_unsafe_url(&dest_url) {
                    rendered.problems.push(Problem {
                        kind: ProblemKind::UnsafeUrl(dest_url.to_string()),
                        offset: range.start,
                        len: range.len(),
                    });
                    let alt = collect_until_image_end(&mut parser);
                    events.push(Event::Text(plain_of(&alt).into()));
                } else {
                    events.push(image_start(link_type, dest_url, title, id, place));
                }
            }
            // Fields are inline: a heading there is just its text.
            Event::Start(Tag::Heading { .. }) if mode == Mode::Inline => {
                if paragraphs > 0 {
                    events.push(Event::Text(" ".into()));
                    rendered.plain.push(' ');
                }
                paragraphs += 1;
            }
            Event::End(TagEnd::Heading(_)) if mode == Mode::Inline => {}
            // A heading's content goes through this loop like any other
            // (links checked and rebased, raw HTML sanitized); its id is
            // set at its end, from the text.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                open_heading = Some((events.len(), id.map(|i| i.to_string())));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, explicit)) = open_heading.take() {
                    let text = plain_of(&events[start + 1..]);
                    let wanted = explicit.unwrap_or_else(|| heading_slug(&text));
                    let unique = unique_id(&wanted, &mut used_ids);
                    rendered.plain.push(' ');
                    rendered.headings.push(Heading {
                        id: unique.clone(),
                        text,
                        level: level as u8,
                    });
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        *id = Some(unique.into());
                    }
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::FootnoteReference(label) => {
                events.push(Event::FootnoteReference(footnote_id(&label).into()))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => events.push(Event::Start(
                Tag::FootnoteDefinition(footnote_id(&label).into()),
            )),
            Event::Html(raw) | Event::InlineHtml(raw) => match mode {
                Mode::Body => {
                    has_raw_html = true;
                    events.push(Event::Html(raw));
                }
                // Shown as text, so it is part of the plain text too.
                Mode::Inline => {
                    rendered.plain.push_str(&raw);
                    events.push(Event::Text(raw));
                }
            },
            Event::Start(Tag::Paragraph) if mode == Mode::Inline => {
                if paragraphs > 0 {
                    events.push(Event::Text(" ".into()));
                    rendered.plain.push(' ');
                }
                paragraphs += 1;
            }
            Event::End(TagEnd::Paragraph) if mode == Mode::Inline => {}
            Event::Text(text) => {
                rendered.plain.push_str(&text);
                events.push(Event::Text(text));
            }
            Event::Code(code) => {
                rendered.plain.push_str(&code);
                events.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                rendered.plain.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                rendered.plain.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if has_raw_html {
        out = sanitize(&out, place);
    }
    if mode == Mode::Inline {
        out.truncate(out.trim_end().len());
    }
    rendered.html = out;
    rendered.plain = collapse_spaces(&rendered.plain);
    rendered
}

fn collect_until_link_end<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(
    parser: &mut I,
) -> Vec<Event<'a>> {
    collect_until(
        parser,
        |e| matches!(e, Event::End(TagEnd::Link)),
        |e| matches!(e, Event::Start(Tag::Link { .. })),
    )
}

fn collect_until_image_end<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(
    parser: &mut I,
) -> Vec<Event<'a>> {
    collect_until(
        parser,
        |e| matches!(e, Event::End(TagEnd::Image)),
        |e| matches!(e, Event::Start(Tag::Image { .. })),
    )
}

/// The events up to the matching end event (consumed, not returned).
fn collect_until<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(
    parser: &mut I,
    is_end: impl Fn(&Event) -> bool,
    is_start: impl Fn(&Event) -> bool,
) -> Vec<Event<'a>> {
    let mut depth = 0;
    let mut inner = Vec::new();
    for (event, _) in parser.by_ref() {
        if is_start(&event) {
            depth += 1;
        } else if is_end(&event) {
            if depth == 0 {
                break;
            }
            depth -= 1;
        }
        inner.push(event);
    }
    // Links never nest in HTML: flatten inner links to their text.
    inner
        .into_iter()
        .filter(|e| !matches!(e, Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)))
        .collect()
}

/// An image's start event, its URL rebased for the page's depth.
fn image_start<'a>(
    link_type: LinkType,
    dest_url: CowStr<'a>,
    title: CowStr<'a>,
    id: CowStr<'a>,
    place: Place,
) -> Event<'a> {
    let dest_url = rebase_authored(&dest_url, place).map_or(dest_url, CowStr::from);
    Event::Start(Tag::Image {
        link_type,
        dest_url,
        title,
        id,
    })
}

/// Events collected from a link's label, made as safe as the main loop
/// makes them: raw HTML sanitized (bodies) or shown as text (fields),
/// images with unsafe URLs reduced to their alt text, others rebased.
fn disarm<'a>(
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
            }) => {
                if is_unsafe_url(&dest_url) || matches!(link_type, LinkType::WikiLink { .. }) {
                    dropped_images += 1;
                } else {
                    out.push(image_start(link_type, dest_url, title, id, place));
                }
            }
            Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
            other => out.push(other),
        }
    }
    out
}

fn plain_of(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Footnote ids contain a colon, which heading ids never do.
fn footnote_id(label: &str) -> String {
    format!("fn:{label}")
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

fn unique_id(wanted: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = wanted.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// `javascript:`, `vbscript:` and `data:` URLs, however they are spelled.
pub fn is_unsafe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

/// Sanitizes HTML with the allow-list of FORMAT §9, rebasing root-relative
/// `href` and `src` values written in raw HTML.
fn sanitize(html: &str, place: Place) -> String {
    let root = place.root.to_string();
    let portable = place.portable;
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align"])
        .add_tags(["section"])
        .link_rel(None)
        .attribute_filter(move |_element, attribute, value| match attribute {
            "href" | "src" => Some(
                rebase_authored(
                    value,
                    Place {
                        root: &root,
                        portable,
                    },
                )
                .map_or_else(|| value.into(), Into::into),
            ),
            _ => Some(value.into()),
        });
    builder.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEEP: Place = Place {
        root: "../../",
        portable: false,
    };

    fn lookup(id: &str) -> Option<LinkTarget> {
        match id {
            "kim" => Some(LinkTarget {
                path: "/actors/kim/".into(),
                text: "Kim Jong Un".into(),
            }),
            "about" => Some(LinkTarget {
                path: "/about/".into(),
                text: "About <us>".into(),
            }),
            _ => None,
        }
    }

    #[test]
    fn wiki_links_take_the_target_text_or_the_label() {
        let r = render_body("See [[kim]] and [[kim|the leader]].", &lookup, DEEP);
        assert_eq!(r.html, "<p>See <a href=\"../../actors/kim/\">Kim Jong Un</a> and <a href=\"../../actors/kim/\">the leader</a>.</p>\n");
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.plain, "See Kim Jong Un and the leader.");
    }

    #[test]
    fn headings_and_labels_are_checked_and_sanitized_like_any_text() {
        // Found by properties.rs: these skipped the sanitizer and the
        // link checks.
        let r = render_body("## <img src=\"//x/\" onerror=alert(1)>", &lookup, DEEP);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        let r = render_body("## A <script>alert(1)</script>", &lookup, DEEP);
        assert!(!r.html.contains("<script"), "{}", r.html);
        let r = render_body("See [[kim|<img src=x onerror=alert(1)>]].", &lookup, DEEP);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        let r = render_body("[a <script>x</script>](javascript:x)", &lookup, DEEP);
        assert!(!r.html.contains("<script"), "{}", r.html);
        let r = render_body("## See [[nobody]] and [[kim]]", &lookup, DEEP);
        assert_eq!(r.problems[0].kind, ProblemKind::UnknownId("nobody".into()));
        assert!(
            r.html.contains("<h2 id=\"see-nobody-and-kim-jong-un\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"../../actors/kim/\""));
        let r = render_body(
            "## ![x](javascript:alert(1)) ![m](/img/a.png)",
            &lookup,
            DEEP,
        );
        assert!(!r.html.contains("javascript:") && r.html.contains("src=\"../../img/a.png\""));
        // Fields are inline: no heading, the markup shown as text.
        let r = render_inline("## S <script>alert(2)</script>", &lookup, DEEP);
        assert_eq!(r.html, "S &lt;script&gt;alert(2)&lt;/script&gt;");
    }

    #[test]
    fn display_texts_are_escaped() {
        let r = render_inline("[[about]]", &lookup, DEEP);
        assert_eq!(r.html, "<a href=\"../../about/\">About &lt;us&gt;</a>");
    }

    #[test]
    fn unknown_ids_and_embeds_are_problems_at_their_offset() {
        let source = "Intro\n\nA [[nobody]] here. ![[map.png]]";
        let r = render_body(source, &lookup, DEEP);
        assert_eq!(r.problems[0].kind, ProblemKind::UnknownId("nobody".into()));
        assert_eq!(
            &source[r.problems[0].offset..r.problems[0].offset + r.problems[0].len],
            "[[nobody]]"
        );
        assert_eq!(r.problems[1].kind, ProblemKind::Embed);
        assert!(!r.html.contains("<a"));
    }

    #[test]
    fn anchors_are_kept_and_reported() {
        let r = render_body("[[kim#early-life]]", &lookup, DEEP);
        assert!(r.html.contains("href=\"../../actors/kim/#early-life\""));
        assert_eq!(r.links[0].anchor.as_deref(), Some("early-life"));
    }

    #[test]
    fn headings_get_unique_ids_that_avoid_reserved_and_footnote_ids() {
        let r = render_body(
            "## Main\n\n## Casualties\n\n## Casualties\n\nText[^1]\n\n[^1]: A note.\n",
            &lookup,
            DEEP,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-2", "casualties", "casualties-2"]);
        assert!(r.html.contains("href=\"#fn:1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn:1\""), "{}", r.html);
    }

    #[test]
    fn raw_html_is_sanitized_in_bodies_and_escaped_inline() {
        let body = render_body("<details><summary>More</summary>ok</details>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>", &lookup, DEEP);
        assert!(body.html.contains("<details>"));
        assert!(!body.html.contains("<script"));
        assert!(!body.html.contains("onerror"));
        let inline = render_inline("<b>bold</b> claim", &lookup, DEEP);
        assert_eq!(inline.html, "&lt;b&gt;bold&lt;/b&gt; claim");
        assert_eq!(inline.plain, "<b>bold</b> claim");
    }

    #[test]
    fn unsafe_urls_are_dropped() {
        let r = render_body("[click](javascript:alert(1)) and [x]( JaVaScRiPt:alert(1)) ![i](data:image/png;base64,AA)", &lookup, DEEP);
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("data:"));
        assert_eq!(r.problems.len(), 3);
    }

    #[test]
    fn root_relative_urls_are_rebased_per_page() {
        let source = "[About](/about/) ![map](/img/map.svg) [ext](https://x.org/) [proto](//cdn.x/y) [top](/#a)";
        let html = render_body(source, &lookup, DEEP).html;
        assert!(html.contains("href=\"../../about/\""), "{html}");
        assert!(html.contains("src=\"../../img/map.svg\""), "{html}");
        assert!(html.contains("href=\"https://x.org/\""), "{html}");
        assert!(html.contains("href=\"//cdn.x/y\""), "{html}");
        assert!(html.contains("href=\"../../#a\""), "{html}");
        let home = render_body(
            source,
            &lookup,
            Place {
                root: "",
                portable: true,
            },
        )
        .html;
        assert!(home.contains("href=\"about/index.html\""), "{home}");
        assert!(home.contains("href=\"index.html#a\""), "{home}");
    }

    #[test]
    fn portable_links_to_folders_spell_out_index_html() {
        let place = Place {
            root: "../",
            portable: true,
        };
        assert_eq!(
            rebase_authored("../about/#team", place).as_deref(),
            Some("../about/index.html#team")
        );
        assert_eq!(
            rebase_authored("/about/", place).as_deref(),
            Some("../about/index.html")
        );
        assert_eq!(rebase_authored("https://x.org/a/", place), None);
        assert_eq!(rebase_authored("map.svg", place), None);
        assert_eq!(rebase_authored("#notes", place), None);
        assert_eq!(
            rebase_authored(
                "../about/",
                Place {
                    root: "../",
                    portable: false
                }
            ),
            None
        );
    }

    #[test]
    fn root_relative_urls_in_raw_html_are_rebased_too() {
        let html = render_body(
            "<a href=\"/about/\">About</a> <img src=\"/m.png\" alt=\"m\">",
            &lookup,
            DEEP,
        )
        .html;
        assert!(html.contains("href=\"../../about/\""), "{html}");
        assert!(html.contains("src=\"../../m.png\""), "{html}");
    }

    #[test]
    fn text_that_looks_like_a_link_is_left_alone() {
        let source = "Write ` href=\"/x\"` in code and \" href=\"/y in text.";
        let html = render_body(source, &lookup, DEEP).html;
        assert!(html.contains(" href=\"/x\""), "{html}");
    }
}
