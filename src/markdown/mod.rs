//! Markdown to HTML: `[[id]]` links, heading ids and contents, footnotes,
//! URL checks and HTML sanitizing. Pure: the caller says what each id links
//! to and turns the problems found into diagnostics.
//!
//! Links are written relative to the page the HTML is shown on (its
//! [`Place`]): `[[id]]` links and root-relative URLs (`/about/`), in Markdown
//! and in raw HTML alike.
//!
//! What a body or field may put in a page, whatever it holds:
//!
//! - every URL is checked as it is *written*, after rebasing
//!   ([`written_url`]): relative, or with a scheme of [`ALLOWED_SCHEMES`];
//!   rebasing never turns a site path into a URL with a scheme
//!   (`/javascript:x` on the home page is `./javascript:x`);
//! - Markdown alone emits only what the sanitizer would keep: headings keep
//!   an id and nothing else of `{…}` (an id that is not lowercase letters,
//!   digits and single hyphens is replaced by the text's slug; both are
//!   reported), table alignment is an `align` attribute, never `style`;
//! - raw HTML goes through the sanitizer (bodies) or is shown as text
//!   (fields).

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

mod direction;
mod footnotes;
mod headings;
mod raw;
#[cfg(test)]
mod tests;
mod urls;

pub use headings::heading_slug;
pub(crate) use raw::{escape_text, sanitize};
pub use urls::{
    is_safe_url, is_unsafe_url, rebase, rebase_authored, scheme, written_url, ALLOWED_SCHEMES,
};

use direction::*;
use footnotes::*;
use headings::*;
use raw::*;

/// Where rendered HTML will be shown: the prefix from that page to the
/// site root (`""`, `"../"`, `"../../"`), and whether links to folders spell
/// out `index.html`.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub root: &'a str,
    pub portable: bool,
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
    /// A URL that would be written with a scheme other than those of
    /// [`ALLOWED_SCHEMES`] (`javascript:`, `data:`…), dropped.
    UnsafeUrl(String),
    /// A heading's `{…}` classes and attributes (`.note`, `style=…`),
    /// dropped: a heading keeps only its id.
    HeadingAttributes(String),
    /// A heading's `{#…}` id that is not lowercase letters, digits and
    /// single hyphens, dropped; the heading takes `used` (from its text).
    HeadingId { written: String, used: String },
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

/// Does `source`, rendered inline, read the same on a page at any depth?
/// Only `[[id]]` links and root-relative URLs depend on the page, and a
/// root-relative URL needs a `/`, written or as an entity (`&#47;`).
pub fn same_at_every_depth(source: &str) -> bool {
    !source.contains("[[") && !source.contains(['/', '&'])
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
    let mut renderer = Renderer {
        source,
        lookup,
        mode,
        place,
        rendered: Rendered::default(),
        events: Vec::new(),
        has_raw_html: false,
        used_ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
        paragraphs: 0,
        heading: None,
        table: Table::default(),
    };
    let mut parser = Parser::new_ext(source, options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        renderer.event(event, range, &mut parser);
    }
    renderer.finish()
}

/// One rendering under way: the events to write, and what is learnt
/// on the way (plain text, headings, links, problems).
struct Renderer<'a, 'p> {
    source: &'a str,
    lookup: &'p dyn Fn(&str) -> Option<LinkTarget>,
    mode: Mode,
    place: Place<'p>,
    rendered: Rendered,
    events: Vec<Event<'a>>,
    /// Raw HTML was kept: the output is sanitized.
    has_raw_html: bool,
    /// Heading ids taken so far.
    used_ids: HashSet<String>,
    /// Paragraphs and headings of an inline field so far.
    paragraphs: usize,
    heading: Option<OpenHeading>,
    table: Table,
}

impl<'a> Renderer<'a, '_> {
    /// Takes one event of the parser (and, for a link or an image, the
    /// events up to its end).
    fn event<I: Iterator<Item = (Event<'a>, Range<usize>)>>(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        parser: &mut I,
    ) {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => self.wiki_link(has_pothole, &dest_url, range, parser),
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => {
                let label = collect_until_image_end(parser);
                self.rendered.problems.push(Problem {
                    kind: ProblemKind::Embed,
                    offset: range.start,
                    len: range.len(),
                });
                self.events.push(Event::Text(plain_of(&label).into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(link_type, dest_url, title, id, range, parser),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.image(link_type, dest_url, title, id, range, parser),
            // Fields are inline: a heading there is just its text.
            Event::Start(Tag::Heading { .. }) if self.mode == Mode::Inline => {
                if self.paragraphs > 0 {
                    self.events.push(Event::Text(" ".into()));
                    self.rendered.plain.push(' ');
                }
                self.paragraphs += 1;
            }
            Event::End(TagEnd::Heading(_)) if self.mode == Mode::Inline => {}
            // A heading's content goes through this loop like any other
            // (links checked and rebased, raw HTML sanitized); its id is
            // set at its end, from the text. Of `{…}`, only a valid id is
            // kept: classes and attributes (`onfocus=…`, `style=…`) never
            // reach the page.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.open_heading(level, id, &classes, &attrs, range),
            Event::End(TagEnd::Heading(level)) => self.close_heading(level),
            // pulldown-cmark writes a cell's alignment as a `style`
            // attribute, which the sanitizer drops: cells are written
            // here, with `align`.
            Event::Start(Tag::Table(alignments)) => {
                self.table.alignments.clone_from(&alignments);
                self.events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                (self.table.head, self.table.cell) = (true, 0);
                self.events.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                self.table.head = false;
                self.events.push(event);
            }
            Event::Start(Tag::TableRow) => {
                self.table.cell = 0;
                self.events.push(event);
            }
            Event::Start(Tag::TableCell) => {
                self.events.push(Event::Html(self.table.open_cell().into()));
                self.table.cell += 1;
            }
            Event::End(TagEnd::TableCell) => {
                self.events
                    .push(Event::Html(self.table.close_cell().into()));
            }
            Event::FootnoteReference(label) => self
                .events
                .push(Event::FootnoteReference(footnote_id(&label).into())),
            Event::Start(Tag::FootnoteDefinition(label)) => self.events.push(Event::Start(
                Tag::FootnoteDefinition(footnote_id(&label).into()),
            )),
            Event::Html(raw) | Event::InlineHtml(raw) => match self.mode {
                Mode::Body => {
                    self.has_raw_html = true;
                    self.events.push(Event::Html(raw));
                }
                // Shown as text, so it is part of the plain text too.
                Mode::Inline => {
                    self.rendered.plain.push_str(&raw);
                    self.events.push(Event::Text(raw));
                }
            },
            Event::Start(Tag::Paragraph) if self.mode == Mode::Inline => {
                if self.paragraphs > 0 {
                    self.events.push(Event::Text(" ".into()));
                    self.rendered.plain.push(' ');
                }
                self.paragraphs += 1;
            }
            Event::End(TagEnd::Paragraph) if self.mode == Mode::Inline => {}
            Event::Text(text) => {
                self.rendered.plain.push_str(&text);
                self.events.push(Event::Text(text));
            }
            Event::Code(code) => {
                self.rendered.plain.push_str(&code);
                self.events.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.rendered.plain.push(' ');
                self.events.push(event);
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                self.rendered.plain.push(' ');
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// A Markdown link: its URL rebased and checked; an unsafe one is dropped
    /// with a problem, keeping the link's text.
    fn link<I: Iterator<Item = (Event<'a>, Range<usize>)>>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
        parser: &mut I,
    ) {
        match link_url(link_type, &dest_url, self.place) {
            Some(written) => self.events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: written,
                title,
                id,
            })),
            None => {
                self.rendered.problems.push(Problem {
                    kind: ProblemKind::UnsafeUrl(dest_url.to_string()),
                    offset: range.start,
                    len: range.len(),
                });
                let label = disarm(
                    collect_until_link_end(parser),
                    self.mode,
                    self.place,
                    &mut self.has_raw_html,
                );
                self.rendered.plain.push_str(&plain_of(&label));
                self.events.extend(label);
            }
        }
    }

    /// An image: its URL rebased and checked; an unsafe one is dropped with a
    /// problem, keeping the alt text.
    fn image<I: Iterator<Item = (Event<'a>, Range<usize>)>>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
        parser: &mut I,
    ) {
        match written_url(&dest_url, self.place) {
            Some(written) => self.events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: written.into(),
                title,
                id,
            })),
            None => {
                self.rendered.problems.push(Problem {
                    kind: ProblemKind::UnsafeUrl(dest_url.to_string()),
                    offset: range.start,
                    len: range.len(),
                });
                let alt = collect_until_image_end(parser);
                self.events.push(Event::Text(plain_of(&alt).into()));
            }
        }
    }

    /// `[[id]]`, `[[id#anchor]]`, `[[id|label]]`: a link to the page of
    /// `id`, or its text and a problem when no page has that id.
    fn wiki_link<I: Iterator<Item = (Event<'a>, Range<usize>)>>(
        &mut self,
        has_pothole: bool,
        dest_url: &str,
        range: Range<usize>,
        parser: &mut I,
    ) {
        let label = disarm(
            collect_until_link_end(parser),
            self.mode,
            self.place,
            &mut self.has_raw_html,
        );
        let (id, anchor) = match dest_url.split_once('#') {
            Some((id, anchor)) => (id.trim().to_string(), Some(anchor.trim().to_string())),
            None => (dest_url.trim().to_string(), None),
        };
        self.rendered.links.push(WikiLink {
            id: id.clone(),
            anchor: anchor.clone(),
            offset: range.start,
            len: range.len(),
        });
        match (self.lookup)(&id) {
            Some(target) => {
                let mut href = rebase(&target.path, self.place.root, self.place.portable);
                if let Some(anchor) = &anchor {
                    href.push('#');
                    href.push_str(anchor);
                }
                self.events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: href.into(),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }));
                if has_pothole {
                    self.rendered.plain.push_str(&plain_of(&label));
                    self.events.extend(label);
                } else {
                    self.rendered.plain.push_str(&target.text);
                    self.events.push(Event::Text(target.text.into()));
                }
                self.events.push(Event::End(TagEnd::Link));
            }
            None => {
                self.rendered.problems.push(Problem {
                    kind: ProblemKind::UnknownId(id.clone()),
                    offset: range.start,
                    len: range.len(),
                });
                let text = if has_pothole { plain_of(&label) } else { id };
                self.rendered.plain.push_str(&text);
                self.events.push(Event::Text(text.into()));
            }
        }
    }

    /// A heading's content goes through `event` like any other (links
    /// checked and rebased, raw HTML sanitized); its id is set at its end,
    /// from the text. Of `{…}`, only a valid id is kept: classes and
    /// attributes (`onfocus=…`, `style=…`) never reach the page.
    fn open_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: &[CowStr<'a>],
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        range: Range<usize>,
    ) {
        let written = heading_attributes(classes, attrs);
        if !written.is_empty() {
            let (offset, len) = attribute_block(self.source, &range);
            self.rendered.problems.push(Problem {
                kind: ProblemKind::HeadingAttributes(written),
                offset,
                len,
            });
        }
        self.heading = Some(OpenHeading {
            start: self.events.len(),
            explicit: id.map(|id| id.to_string()),
            block: attribute_block(self.source, &range),
        });
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
    }

    /// The end of a heading: its id, unique on the page, and its entry in
    /// the contents.
    fn close_heading(&mut self, level: HeadingLevel) {
        if let Some(OpenHeading {
            start,
            explicit,
            block: (offset, len),
        }) = self.heading.take()
        {
            let text = plain_of(&self.events[start + 1..]);
            let wanted = match explicit {
                Some(id) if is_heading_id(&id) => id,
                Some(id) => {
                    let used = heading_slug(&text);
                    self.rendered.problems.push(Problem {
                        kind: ProblemKind::HeadingId {
                            written: id,
                            used: used.clone(),
                        },
                        offset,
                        len,
                    });
                    used
                }
                None => heading_slug(&text),
            };
            let unique = unique_id(&wanted, &mut self.used_ids);
            self.rendered.plain.push(' ');
            self.rendered.headings.push(Heading {
                id: unique.clone(),
                text,
                level: level as u8,
            });
            if let Event::Start(Tag::Heading { id, .. }) = &mut self.events[start] {
                *id = Some(unique.into());
            }
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// The HTML and the plain text of what was taken.
    fn finish(mut self) -> Rendered {
        if self.mode == Mode::Body {
            mark_right_to_left(&mut self.events);
        }
        footnotes_linked_both_ways(&mut self.events);
        let mut out = String::with_capacity(self.source.len() * 3 / 2);
        html::push_html(&mut out, self.events.into_iter());
        if self.has_raw_html {
            out = sanitize(&out, self.place);
        }
        if self.mode == Mode::Inline {
            out.truncate(out.trim_end().len());
        }
        self.rendered.html = out;
        self.rendered.plain = collapse_spaces(&self.rendered.plain);
        self.rendered
    }
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

/// The URL a Markdown link is written with, or `None` when it is unsafe.
/// An e-mail autolink (`<a@b.org>`) is written `mailto:` + its address,
/// never rebased.
fn link_url<'a>(link_type: LinkType, dest_url: &CowStr<'a>, place: Place) -> Option<CowStr<'a>> {
    if link_type == LinkType::Email {
        return Some(dest_url.clone());
    }
    written_url(dest_url, place).map(CowStr::from)
}

/// The heading being read: its start event's index in the events, its
/// explicit id (`{#…}`) and the byte range of its `{…}`.
struct OpenHeading {
    start: usize,
    explicit: Option<String>,
    block: (usize, usize),
}

/// The table being written: its columns' alignments, whether the head row
/// is being read, and the index of the next cell of the row.
#[derive(Default)]
struct Table {
    alignments: Vec<pulldown_cmark::Alignment>,
    head: bool,
    cell: usize,
}

impl Table {
    fn open_cell(&self) -> String {
        use pulldown_cmark::Alignment;
        let tag = if self.head { "th" } else { "td" };
        let align = match self.alignments.get(self.cell) {
            Some(Alignment::Left) => " align=\"left\"",
            Some(Alignment::Center) => " align=\"center\"",
            Some(Alignment::Right) => " align=\"right\"",
            _ => "",
        };
        format!("<{tag}{align}>")
    }

    fn close_cell(&self) -> &'static str {
        if self.head {
            "</th>"
        } else {
            "</td>"
        }
    }
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
