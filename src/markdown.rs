//! Markdown to HTML: `[[id]]` links, heading ids and contents, footnotes,
//! URL checks and HTML sanitizing. Pure: the caller says what each id links
//! to and turns the problems found into diagnostics.
//!
//! Site links in the HTML produced here are root-relative (`/actors/x/`);
//! [`RootedHtml::relative_to`] makes them relative to the page showing them,
//! so one rendering serves pages at any depth.

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

/// HTML whose site links are root-relative (`href="/…"`, `src="/…"`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RootedHtml(pub String);

impl RootedHtml {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The HTML with every root-relative `href` and `src` made relative to
    /// a page whose path to the root is `root` (`""`, `"../"`, `"../../"`, or
    /// an absolute prefix such as `"/"`). `portable` spells out `index.html`
    /// in links to folders.
    pub fn relative_to(&self, root: &str, portable: bool) -> String {
        let html = &self.0;
        let mut out = String::with_capacity(html.len() + 64);
        let mut rest = html.as_str();
        while let Some(at) = find_rooted_attr(rest) {
            let (before, after) = rest.split_at(at.value_start);
            out.push_str(before);
            // `after` starts with the '/' of the URL.
            let end = after.find('"').unwrap_or(after.len());
            let url = &after[1..end];
            out.push_str(&rebase(url, root, portable));
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }
}

struct RootedAttr {
    /// Offset of the URL's leading '/'.
    value_start: usize,
}

/// The next ` href="/x` or ` src="/x` (not `//`) in `html`.
fn find_rooted_attr(html: &str) -> Option<RootedAttr> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr_quote_slash(&bytes[from..]) {
        let at = from + i; // index of '"' followed by '/'
        let is_attr = html[..at].ends_with(" href=") || html[..at].ends_with(" src=");
        let protocol_relative = bytes.get(at + 2) == Some(&b'/');
        if is_attr && !protocol_relative {
            return Some(RootedAttr { value_start: at + 1 });
        }
        from = at + 1;
    }
    None
}

fn memchr_quote_slash(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|w| w == b"\"/")
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
    pub html: RootedHtml,
    /// The text without markup (link texts included).
    pub plain: String,
    pub headings: Vec<Heading>,
    pub links: Vec<WikiLink>,
    pub problems: Vec<Problem>,
}

/// Ids a body's headings never take, so they cannot clash with the ids
/// of the page around them.
pub const RESERVED_IDS: &[&str] = &[
    "main", "top", "contents", "summary", "bottom-line", "judgements", "claims", "sources", "actors",
    "tags", "authors", "profile", "members", "briefs", "figures", "relations", "cited-in", "discussion",
];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Renders a body: block Markdown, raw HTML sanitized.
pub fn render_body(source: &str, lookup: &dyn Fn(&str) -> Option<LinkTarget>) -> Rendered {
    render(source, lookup, Mode::Body)
}

/// Renders a front-matter field (summary, claim text, judgement text):
/// inline Markdown without paragraphs, raw HTML escaped.
pub fn render_inline(source: &str, lookup: &dyn Fn(&str) -> Option<LinkTarget>) -> Rendered {
    render(source, lookup, Mode::Inline)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Inline,
}

fn render(source: &str, lookup: &dyn Fn(&str) -> Option<LinkTarget>, mode: Mode) -> Rendered {
    let mut rendered = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut paragraphs = 0;

    let mut parser = Parser::new_ext(source, options()).into_offset_iter().peekable();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. }) => {
                let label = collect_until_link_end(&mut parser);
                let (id, anchor) = match dest_url.split_once('#') {
                    Some((id, anchor)) => (id.trim().to_string(), Some(anchor.trim().to_string())),
                    None => (dest_url.trim().to_string(), None),
                };
                rendered.links.push(WikiLink { id: id.clone(), anchor: anchor.clone(), offset: range.start, len: range.len() });
                match lookup(&id) {
                    Some(target) => {
                        let mut href = target.path;
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
                        rendered.problems.push(Problem { kind: ProblemKind::UnknownId(id.clone()), offset: range.start, len: range.len() });
                        let text = if has_pothole { plain_of(&label) } else { id };
                        rendered.plain.push_str(&text);
                        events.push(Event::Text(text.into()));
                    }
                }
            }
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, .. }) => {
                let label = collect_until_image_end(&mut parser);
                rendered.problems.push(Problem { kind: ProblemKind::Embed, offset: range.start, len: range.len() });
                events.push(Event::Text(plain_of(&label).into()));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if is_unsafe_url(&dest_url) {
                    rendered.problems.push(Problem { kind: ProblemKind::UnsafeUrl(dest_url.to_string()), offset: range.start, len: range.len() });
                    let label = collect_until_link_end(&mut parser);
                    rendered.plain.push_str(&plain_of(&label));
                    events.extend(label);
                } else {
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                if is_unsafe_url(&dest_url) {
                    rendered.problems.push(Problem { kind: ProblemKind::UnsafeUrl(dest_url.to_string()), offset: range.start, len: range.len() });
                    let alt = collect_until_image_end(&mut parser);
                    events.push(Event::Text(plain_of(&alt).into()));
                } else {
                    events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                }
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let inner = collect_until_heading_end(&mut parser);
                let text = plain_of(&inner);
                let wanted = match &id {
                    Some(explicit) => explicit.to_string(),
                    None => heading_slug(&text),
                };
                let unique = unique_id(&wanted, &mut used_ids);
                let level_number = level as u8;
                rendered.plain.push_str(&text);
                rendered.plain.push(' ');
                rendered.headings.push(Heading { id: unique.clone(), text, level: level_number });
                events.push(Event::Start(Tag::Heading { level, id: Some(unique.into()), classes, attrs }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::FootnoteReference(label) => events.push(Event::FootnoteReference(footnote_id(&label).into())),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label).into())))
            }
            Event::Html(raw) | Event::InlineHtml(raw) => match mode {
                Mode::Body => {
                    has_raw_html = true;
                    events.push(Event::Html(raw));
                }
                Mode::Inline => events.push(Event::Text(raw)),
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
        out = sanitizer().clean(&out).to_string();
    }
    if mode == Mode::Inline {
        out.truncate(out.trim_end().len());
    }
    rendered.html = RootedHtml(out);
    rendered.plain = collapse_spaces(&rendered.plain);
    rendered
}

/// Plain text of an inline Markdown field (for `[[claim]]` display texts
/// and meta descriptions): links become their text.
pub fn plain_text(source: &str) -> String {
    render_inline(source, &|id| Some(LinkTarget { path: String::new(), text: id.to_string() })).plain
}

fn collect_until_link_end<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(parser: &mut I) -> Vec<Event<'a>> {
    collect_until(parser, |e| matches!(e, Event::End(TagEnd::Link)), |e| matches!(e, Event::Start(Tag::Link { .. })))
}

fn collect_until_image_end<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(parser: &mut I) -> Vec<Event<'a>> {
    collect_until(parser, |e| matches!(e, Event::End(TagEnd::Image)), |e| matches!(e, Event::Start(Tag::Image { .. })))
}

fn collect_until_heading_end<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(parser: &mut I) -> Vec<Event<'a>> {
    collect_until(parser, |e| matches!(e, Event::End(TagEnd::Heading(_))), |e| matches!(e, Event::Start(Tag::Heading { .. })))
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
    ["javascript:", "vbscript:", "data:"].iter().any(|scheme| cleaned.starts_with(scheme))
}

/// The allow-list for raw HTML in bodies (FORMAT §9).
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["id", "class", "lang", "dir", "title"])
            .add_tag_attributes("td", ["align"])
            .add_tag_attributes("th", ["align"])
            .add_tags(["section"])
            .link_rel(None);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(id: &str) -> Option<LinkTarget> {
        match id {
            "kim" => Some(LinkTarget { path: "/actors/kim/".into(), text: "Kim Jong Un".into() }),
            "about" => Some(LinkTarget { path: "/about/".into(), text: "About <us>".into() }),
            _ => None,
        }
    }

    #[test]
    fn wiki_links_take_the_target_text_or_the_label() {
        let r = render_body("See [[kim]] and [[kim|the leader]].", &lookup);
        assert_eq!(r.html.0, "<p>See <a href=\"/actors/kim/\">Kim Jong Un</a> and <a href=\"/actors/kim/\">the leader</a>.</p>\n");
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.plain, "See Kim Jong Un and the leader.");
    }

    #[test]
    fn display_texts_are_escaped() {
        let r = render_inline("[[about]]", &lookup);
        assert_eq!(r.html.0, "<a href=\"/about/\">About &lt;us&gt;</a>");
    }

    #[test]
    fn unknown_ids_and_embeds_are_problems_at_their_offset() {
        let source = "Intro\n\nA [[nobody]] here. ![[map.png]]";
        let r = render_body(source, &lookup);
        assert_eq!(r.problems[0].kind, ProblemKind::UnknownId("nobody".into()));
        assert_eq!(&source[r.problems[0].offset..r.problems[0].offset + r.problems[0].len], "[[nobody]]");
        assert_eq!(r.problems[1].kind, ProblemKind::Embed);
        assert!(!r.html.0.contains("<a"));
    }

    #[test]
    fn anchors_are_kept_and_reported() {
        let r = render_body("[[kim#early-life]]", &lookup);
        assert!(r.html.0.contains("href=\"/actors/kim/#early-life\""));
        assert_eq!(r.links[0].anchor.as_deref(), Some("early-life"));
    }

    #[test]
    fn headings_get_unique_ids_that_avoid_reserved_and_footnote_ids() {
        let r = render_body("## Sources\n\n## Casualties\n\n## Casualties\n\nText[^1]\n\n[^1]: A note.\n", &lookup);
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["sources-2", "casualties", "casualties-2"]);
        assert!(r.html.0.contains("href=\"#fn:1\""), "{}", r.html.0);
        assert!(r.html.0.contains("id=\"fn:1\""), "{}", r.html.0);
    }

    #[test]
    fn raw_html_is_sanitized_in_bodies_and_escaped_inline() {
        let body = render_body("<details><summary>More</summary>ok</details>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>", &lookup);
        assert!(body.html.0.contains("<details>"));
        assert!(!body.html.0.contains("<script"));
        assert!(!body.html.0.contains("onerror"));
        let inline = render_inline("<b>bold</b> claim", &lookup);
        assert_eq!(inline.html.0, "&lt;b&gt;bold&lt;/b&gt; claim");
    }

    #[test]
    fn unsafe_urls_are_dropped() {
        let r = render_body("[click](javascript:alert(1)) and [x]( JaVaScRiPt:alert(1)) ![i](data:image/png;base64,AA)", &lookup);
        assert!(!r.html.0.to_lowercase().contains("javascript"), "{}", r.html.0);
        assert!(!r.html.0.contains("data:"));
        assert_eq!(r.problems.len(), 3);
    }

    #[test]
    fn root_relative_urls_are_rebased_per_page() {
        let r = render_body("[About](/about/) ![map](/img/map.svg) [ext](https://x.org/) [proto](//cdn.x/y) [top](/#a)", &lookup);
        let html = r.html.relative_to("../../", false);
        assert!(html.contains("href=\"../../about/\""), "{html}");
        assert!(html.contains("src=\"../../img/map.svg\""), "{html}");
        assert!(html.contains("href=\"https://x.org/\""), "{html}");
        assert!(html.contains("href=\"//cdn.x/y\""), "{html}");
        assert!(html.contains("href=\"../../#a\""), "{html}");
        let home = r.html.relative_to("", true);
        assert!(home.contains("href=\"about/index.html\""), "{home}");
        assert!(home.contains("href=\"index.html#a\""), "{home}");
    }

    #[test]
    fn text_mentioning_href_is_not_rewritten() {
        let r = render_body("Write ` href=\"/x\"` in code and \" href=\"/y in text.", &lookup);
        assert_eq!(r.html.relative_to("../", false), r.html.0);
    }
}
