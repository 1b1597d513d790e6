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

/// The schemes a URL written into a page may have. Anything else
/// (`javascript:`, `vbscript:`, `data:`, `file:`…) never reaches a page.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of `url` as a browser finds it, lowercased, or `None` for a
/// relative URL. Stricter than a browser: every whitespace and control
/// character is removed first (a browser removes tabs and line breaks
/// anywhere, and spaces and control characters at either end), so any
/// spelling a browser reads as a scheme is found too (`\tjava\nscript:`,
/// ` JAVASCRIPT:`, `java\0script:`).
pub fn scheme(url: &str) -> Option<String> {
    let mut chars = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control());
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut scheme = String::from(first.to_ascii_lowercase());
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase())
            }
            _ => return None,
        }
    }
    None
}

/// May `url` be written into a page as it is? Relative URLs may; absolute
/// ones only with a scheme of [`ALLOWED_SCHEMES`].
pub fn is_safe_url(url: &str) -> bool {
    scheme(url).is_none_or(|s| ALLOWED_SCHEMES.contains(&s.as_str()))
}

/// `javascript:`, `vbscript:`, `data:` and every other URL whose scheme is
/// not allowed, however it is spelled.
pub fn is_unsafe_url(url: &str) -> bool {
    !is_safe_url(url)
}

/// The URL written into the page at `place` for `url`, as an author wrote
/// it: rebased ([`rebase_authored`]), then checked. `None` when what
/// would be written is not a safe URL: the check is on the URL the page
/// gets, not on the one that was read.
pub fn written_url(url: &str, place: Place) -> Option<String> {
    let written = rebase_authored(url, place).unwrap_or_else(|| url.to_string());
    is_safe_url(&written).then_some(written)
}

/// Rebases a URL written by an author: root-relative ones (`/about/`) are
/// made relative to the page; in portable mode, relative links to folders
/// (`../about/`) get `index.html`. Others are left as written (`None`).
/// Use [`written_url`], which also checks the result.
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
///
/// The result always leads to a path of the site: a path whose first
/// segment has a colon (`/javascript:x`) would be read as a scheme on the
/// home page, where the prefix is empty, and one that starts with a slash
/// once a browser drops spaces and tabs (`/ /x`, `/\\x`) as a host; such a
/// path gets `./` in front (`./javascript:x`).
pub fn rebase(url: &str, root: &str, portable: bool) -> String {
    let path = url.strip_prefix('/').unwrap_or(url);
    let split = path.find(['#', '?']).unwrap_or(path.len());
    let (path, suffix) = path.split_at(split);
    let mut out = String::with_capacity(root.len() + url.len() + 12);
    out.push_str(root);
    if leaves_the_site(path, root.is_empty()) {
        out.push_str("./");
    }
    out.push_str(path);
    if portable && (path.is_empty() || path.ends_with('/')) {
        out.push_str("index.html");
    } else if out.is_empty() {
        out.push_str("./");
    }
    out.push_str(suffix);
    out
}

/// Would a browser read `path`, put after a page's prefix to the root, as
/// starting from the root of a host (`/x`, `//host`, `\\host`), or, when
/// the prefix is empty, as having a scheme? Whitespace and control
/// characters in front are skipped, as browsers skip them.
fn leaves_the_site(path: &str, bare: bool) -> bool {
    let start = path.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    start.starts_with(['/', '\\']) || (bare && scheme(path).is_some())
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
    let mut rendered = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut paragraphs = 0;
    let mut open_heading: Option<OpenHeading> = None;
    let mut table = Table::default();

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
            }) => match link_url(link_type, &dest_url, place) {
                Some(written) => events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: written,
                    title,
                    id,
                })),
                None => {
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
                }
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match written_url(&dest_url, place) {
                Some(written) => events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: written.into(),
                    title,
                    id,
                })),
                None => {
                    rendered.problems.push(Problem {
                        kind: ProblemKind::UnsafeUrl(dest_url.to_string()),
                        offset: range.start,
                        len: range.len(),
                    });
                    let alt = collect_until_image_end(&mut parser);
                    events.push(Event::Text(plain_of(&alt).into()));
                }
            },
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
            // set at its end, from the text. Of `{…}`, only a valid id is
            // kept: classes and attributes (`onfocus=…`, `style=…`) never
            // reach the page.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let written = heading_attributes(&classes, &attrs);
                if !written.is_empty() {
                    let (offset, len) = attribute_block(source, &range);
                    rendered.problems.push(Problem {
                        kind: ProblemKind::HeadingAttributes(written),
                        offset,
                        len,
                    });
                }
                open_heading = Some(OpenHeading {
                    start: events.len(),
                    explicit: id.map(|id| id.to_string()),
                    block: attribute_block(source, &range),
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(OpenHeading {
                    start,
                    explicit,
                    block: (offset, len),
                }) = open_heading.take()
                {
                    let text = plain_of(&events[start + 1..]);
                    let wanted = match explicit {
                        Some(id) if is_heading_id(&id) => id,
                        Some(id) => {
                            let used = heading_slug(&text);
                            rendered.problems.push(Problem {
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
            // pulldown-cmark writes a cell's alignment as a `style`
            // attribute, which the sanitizer drops: cells are written
            // here, with `align`.
            Event::Start(Tag::Table(alignments)) => {
                table.alignments.clone_from(&alignments);
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                (table.head, table.cell) = (true, 0);
                events.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                table.head = false;
                events.push(event);
            }
            Event::Start(Tag::TableRow) => {
                table.cell = 0;
                events.push(event);
            }
            Event::Start(Tag::TableCell) => {
                events.push(Event::Html(table.open_cell().into()));
                table.cell += 1;
            }
            Event::End(TagEnd::TableCell) => {
                events.push(Event::Html(table.close_cell().into()));
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
    if mode == Mode::Body {
        mark_right_to_left(&mut events);
    }
    footnotes_linked_both_ways(&mut events);
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

/// Whether `c` is a letter of a script written right to left: Hebrew,
/// Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, their presentation
/// forms, and the historic scripts of the supplementary planes.
fn is_right_to_left(c: char) -> bool {
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
fn mark_right_to_left(events: &mut [Event<'_>]) {
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

/// A heading's `{…}` classes and attributes as written (`.note style=x`),
/// or `""`.
fn heading_attributes(classes: &[CowStr], attrs: &[(CowStr, Option<CowStr>)]) -> String {
    let classes = classes.iter().map(|c| format!(".{c}"));
    let attrs = attrs.iter().map(|(name, value)| match value {
        Some(value) => format!("{name}={value}"),
        None => name.to_string(),
    });
    classes.chain(attrs).collect::<Vec<_>>().join(" ")
}

/// The byte range of a heading's `{…}` in the source (its last `{` to the
/// `}` after it), else of the whole heading.
fn attribute_block(source: &str, heading: &std::ops::Range<usize>) -> (usize, usize) {
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
fn is_heading_id(id: &str) -> bool {
    !id.is_empty() && heading_slug(id) == id
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

/// Footnotes written as pulldown-cmark writes them (numbered in the
/// order a label is first met, as a reference or a definition), with a
/// way back: the `k`th reference to a note has the id `ref-<note id>-<k>`,
/// and the note ends with a "↩" link to each of its references, so that
/// a reader who jumped to a note at the end of a long page returns to
/// where they were reading.
fn footnotes_linked_both_ways(events: &mut Vec<Event<'_>>) {
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
fn back_links(label: &str, count: usize) -> String {
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

/// `text` escaped for HTML text and attribute values.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
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
fn is_url_attribute(name: &str) -> bool {
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
    fn blocks_written_mostly_right_to_left_are_marked_so() {
        let source = "An English paragraph naming \u{0643}\u{064A}\u{0645}.\n\n\
            > \u{0644}\u{0646} \u{0646}\u{062A}\u{0631}\u{0627}\u{062C}\u{0639}.\n\n\
            - \u{05E9}\u{05DC}\u{05D5}\u{05DD} [[kim|\u{05E7}\u{05D9}\u{05DD}]] (KJU)\n\
            - English item\n\n\
            ## \u{0639}\u{0646}\u{0648}\u{0627}\u{0646}\n\n\
            1. \u{0623}\u{0648}\u{0644}\n\n   \u{062B}\u{0627}\u{0646}\u{064A} is more\n";
        let html = render_body(source, &lookup, DEEP).html;
        // A paragraph mostly in English keeps the page's direction.
        assert!(html.starts_with("<p>An English paragraph"), "{html}");
        // A quotation in Arabic, a list item in Hebrew (its link's text
        // counted), a heading in Arabic.
        assert!(
            html.contains("<blockquote>\n<p dir=\"rtl\">\u{0644}\u{0646}"),
            "{html}"
        );
        assert!(html.contains("<li dir=\"rtl\">\u{05E9}"), "{html}");
        assert!(html.contains("<li>English item</li>"), "{html}");
        assert!(html.contains("<h2 id="), "{html}");
        assert!(html.contains("dir=\"rtl\">\u{0639}\u{0646}"), "{html}");
        // A loose item: its letters are those of its paragraphs together.
        assert!(
            html.contains("<li dir=\"rtl\"><p dir=\"rtl\">\u{0623}"),
            "{html}"
        );
        assert!(
            html.contains("<p>\u{062B}\u{0627}\u{0646}\u{064A} is more</p>"),
            "{html}"
        );
        // Fields rendered inline are never marked.
        let inline = render_inline("\u{0644}\u{0646}", &lookup, DEEP).html;
        assert!(!inline.contains("dir="), "{inline}");
        // Deep nesting stays linear and well formed.
        let deep = "- ".repeat(2_000) + "\u{0644}\u{0646}";
        let html = render_body(&deep, &lookup, DEEP).html;
        assert_eq!(html.matches("<li dir=\"rtl\">").count(), 2_000);
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
    fn footnotes_link_back_to_every_reference() {
        let md = "One.[^a] Two.[^b] Three.[^a]\n\n[^b]: Bee.\n\n[^a]: Ay <b>x</b>.\n";
        let html = render_body(md, &|_| None, DEEP).html;
        // Numbered in the order first met; each reference has its own id.
        assert!(
            html.contains(
                r##"<sup class="footnote-reference" id="ref-fn:a-1"><a href="#fn:a">1</a></sup>"##
            ),
            "{html}"
        );
        assert!(
            html.contains(
                r##"<sup class="footnote-reference" id="ref-fn:b-1"><a href="#fn:b">2</a></sup>"##
            ),
            "{html}"
        );
        assert!(
            html.contains(r##"id="ref-fn:a-2"><a href="#fn:a">1</a>"##),
            "{html}"
        );
        // Each note links back, inside its paragraph, to each reference.
        assert!(html.contains(r##"<div class="footnote-definition" id="fn:b"><sup class="footnote-definition-label">2</sup>
<p>Bee. <a class="footnote-backref" href="#ref-fn:b-1">↩<span class="vh"> back to reference</span></a></p>"##), "{html}");
        assert!(
            html.contains(r##"href="#ref-fn:a-1">↩<sup>1</sup>"##),
            "{html}"
        );
        assert!(
            html.contains(r##"href="#ref-fn:a-2">↩<sup>2</sup>"##),
            "{html}"
        );
        // A label is escaped where it becomes an id.
        let odd = render_body("X[^\"q]\n\n[^\"q]: Y\n", &|_| None, DEEP).html;
        assert!(!odd.contains("id=\"ref-fn:\"q"), "{odd}");
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

    /// The values of the URL attributes of `html` as this module writes
    /// them (double-quoted), entities decoded as a browser would.
    fn urls_in(html: &str) -> Vec<String> {
        let mut urls = Vec::new();
        for name in [" href=\"", " src=\"", " srcset=\"", " cite=\""] {
            for (at, _) in html.match_indices(name) {
                let value = &html[at + name.len()..];
                let value = &value[..value.find('"').unwrap()];
                urls.push(
                    value
                        .replace("&amp;", "&")
                        .replace("&#9;", "\t")
                        .replace("&#x9;", "\t"),
                );
            }
        }
        urls
    }

    const HOME: Place = Place {
        root: "",
        portable: false,
    };

    #[test]
    fn heading_attributes_keep_only_a_valid_id() {
        // Issue 11: `{…}` reached the page as written when the body had no
        // raw HTML, and the handler fired on load.
        let source = "## Assessment {#a tabindex=1 autofocus onfocus=alert(document.domain)}\n";
        let r = render_body(source, &lookup, DEEP);
        assert_eq!(r.html, "<h2 id=\"a\">Assessment</h2>\n");
        assert_eq!(
            r.problems[0].kind,
            ProblemKind::HeadingAttributes(
                "tabindex=1 autofocus onfocus=alert(document.domain)".into()
            )
        );
        let p = &r.problems[0];
        assert!(source[p.offset..p.offset + p.len].starts_with("{#a tabindex"));
        assert!(source[p.offset..p.offset + p.len].ends_with(")}"));
        for source in [
            "# T {.x style=color:red}",
            "# T {class=x}",
            "# T {#t .a onmouseover=\"alert(1)\"}",
            "T {style=x onclick=y}\n===",
        ] {
            let r = render_body(source, &lookup, DEEP);
            assert!(
                !r.html.contains("class") && !r.html.contains("style") && !r.html.contains("on"),
                "{source}: {}",
                r.html
            );
            assert!(matches!(
                r.problems[0].kind,
                ProblemKind::HeadingAttributes(_)
            ));
        }
    }

    #[test]
    fn explicit_heading_ids_are_valid_and_unique_or_dropped() {
        let r = render_body(
            "## One {#Bad_Id}\n\n## Two {#fn:1}\n\n## Three {#main}\n\n## Four {#x}\n\n## Five {#x}\n\n## Six {#a\"b}\n",
            &lookup,
            DEEP,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["one", "two", "main-2", "x", "x-2", "six"]);
        let kinds: Vec<_> = r.problems.iter().map(|p| &p.kind).collect();
        assert_eq!(
            kinds,
            [
                &ProblemKind::HeadingId {
                    written: "Bad_Id".into(),
                    used: "one".into()
                },
                &ProblemKind::HeadingId {
                    written: "fn:1".into(),
                    used: "two".into()
                },
                &ProblemKind::HeadingId {
                    written: "a\"b".into(),
                    used: "six".into()
                },
            ]
        );
        assert!(
            !r.html.contains("Bad_Id") && !r.html.contains("a\"b"),
            "{}",
            r.html
        );
    }

    #[test]
    fn table_alignment_is_an_align_attribute_not_a_style() {
        let r = render_body(
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
            &lookup,
            DEEP,
        );
        assert!(!r.html.contains("style"), "{}", r.html);
        assert!(
            r.html.contains(
                "<th align=\"left\">a</th><th align=\"center\">b</th><th align=\"right\">c</th>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<td align=\"left\">1</td>"), "{}", r.html);
        // The same with raw HTML in the body, which goes through the
        // sanitizer: the alignment is kept.
        let r = render_body("| a |\n|--:|\n| <b>1</b> |\n", &lookup, DEEP);
        assert!(
            r.html.contains("<td align=\"right\"><b>1</b></td>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn schemes_are_found_as_browsers_find_them() {
        for url in [
            "javascript:x",
            " JavaScript:x",
            "\tjava\nscript:x",
            "java\rscript:x",
            "\u{0}javascript:x",
            "java\u{0}script:x",
            "vbscript:x",
            "data:text/html,x",
            "DATA:x",
            "file:///etc/passwd",
            "x-custom+a.b:y",
        ] {
            assert!(is_unsafe_url(url), "{url:?}");
        }
        for url in [
            "https://x.org/a:b",
            "HTTP://x",
            "mailto:a@b.org",
            "tel:+1",
            "/javascript:x",
            "./javascript:x",
            "%6Aavascript:x",
            "&#106;avascript:x",
            "#javascript:x",
            "?javascript:x",
            "a/b:c",
            "//javascript:x",
            "",
        ] {
            assert!(is_safe_url(url), "{url:?}");
        }
        assert_eq!(scheme(" JaVa\tScript:x").as_deref(), Some("javascript"));
    }

    #[test]
    fn root_relative_urls_never_become_script_urls_once_rebased() {
        // Issue 11: on the home page the prefix is empty, and
        // `/javascript:alert(1)` was written `javascript:alert(1)`.
        for url in [
            "/javascript:alert(1)",
            "/JavaScript:alert(1)",
            "/data:text/html,x",
            "/vbscript:x",
            "/%6Aavascript:alert(1)",
            "/\tjavascript:alert(1)",
            "/ javascript:alert(1)",
            "/\\evil.org/x",
            "/ /evil.org/x",
        ] {
            for portable in [false, true] {
                for root in ["", "../", "../../", "/sub/"] {
                    let place = Place { root, portable };
                    let written = written_url(url, place).unwrap_or_default();
                    assert!(is_safe_url(&written), "{url:?} at {root:?}: {written:?}");
                    let start =
                        written.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
                    assert!(
                        !start.starts_with("//")
                            && !start.starts_with("/\\")
                            && !start.starts_with('\\'),
                        "{url:?} at {root:?} leaves the site: {written:?}"
                    );
                }
            }
        }
        assert_eq!(
            rebase("/javascript:alert(1)", "", false),
            "./javascript:alert(1)"
        );
        assert_eq!(
            rebase("/javascript:alert(1)", "../", false),
            "../javascript:alert(1)"
        );
        assert_eq!(rebase("/a:b/", "", true), "./a:b/index.html");
        // In fields (rendered inline) and bodies, Markdown and raw HTML.
        for source in [
            "[click](/javascript:alert(1))",
            "[click](</javascript:alert(1)>)",
            "[click](/&#106;avascript:alert(1))",
            "![i](/data:image/svg+xml,x)",
            "<a href=\"/javascript:alert(1)\">raw</a>",
            "<a href=\"/&#106;avascript:alert(1)\">raw</a>",
            "<a href=\"/&#x09;javascript:alert(1)\">raw</a>",
            "<a href=\"/ javascript:alert(1)\">raw</a>",
            "<img src=\"/javascript:alert(1)\" alt=\"x\">",
            "<img srcset=\"/javascript:alert(1) 2x\" src=\"/a.png\" alt=\"x\">",
            "<blockquote cite=\"/javascript:alert(1)\">q</blockquote>",
        ] {
            for portable in [false, true] {
                let place = Place { root: "", portable };
                // Fields show raw HTML as text, which `urls_in` would read.
                let inline =
                    (!source.starts_with('<')).then(|| render_inline(source, &lookup, place));
                for r in [render_body(source, &lookup, place)]
                    .into_iter()
                    .chain(inline)
                {
                    for url in urls_in(&r.html) {
                        assert!(is_safe_url(&url), "{source}: {}", r.html);
                        assert!(!url.starts_with(['/', '\\', ' ']), "{source}: {}", r.html);
                    }
                }
            }
        }
        let r = render_inline("[click](/javascript:alert(1))", &lookup, HOME);
        assert_eq!(r.html, "<a href=\"./javascript:alert(1)\">click</a>");
    }

    #[test]
    fn fields_said_to_read_the_same_at_every_depth_do() {
        // Every pair of pieces, so that constructs meet (a link's text next
        // to a URL, an entity inside a destination…).
        let pieces = [
            "plain words",
            "*em*",
            "`code`",
            "[a](x)",
            "[a](#f)",
            "[a](x:y)",
            "<x:y>",
            "<a href=\"x\">r</a>",
            "<img src=x>",
            "[a][r]\n\n[r]: x",
            "![i](x)",
            "\\",
            "[[",
            "]]",
            "kim",
            "[[kim]]",
            "/",
            "&#47;",
            "&sol;",
            "&amp;",
            "[a](/x)",
            "[a](&#47;x)",
            "[a](&sol;x)",
            "[a][r]\n\n[r]: &#x2F;x",
            "<a href=\"/x\">r</a>",
            "[a](<\\x>)",
            "\u{0}",
            "\u{FFFF}",
            "![i](/x)",
            "<",
        ];
        for a in pieces {
            for b in pieces {
                let source = format!("{a}{b}");
                for portable in [false, true] {
                    let at = |root| render_inline(&source, &lookup, Place { root, portable }).html;
                    let (home, one, two) = (at(""), at("../"), at("../../"));
                    if same_at_every_depth(&source) {
                        assert!(
                            home == one && one == two,
                            "{source:?}: {home} / {one} / {two}"
                        );
                    }
                }
            }
        }
        assert!(!same_at_every_depth("see [[kim]]"));
        assert!(!same_at_every_depth("[a](&#47;about/)"));
        assert!(same_at_every_depth("Pyongyang said it *would* respond."));
    }

    #[test]
    fn urls_are_checked_as_written_in_every_construct() {
        for source in [
            "<javascript:alert(1)>",
            "<JAVASCRIPT:alert(1)>",
            "<data:text/html,x>",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[x](javascript:alert(1) \"t\")",
            "[x](file:///etc/passwd)",
            "[x](javascript:alert(1)/)",
            "![x](vbscript:x)",
            "## A [x](javascript:alert(1))",
        ] {
            for portable in [false, true] {
                let r = render_body(source, &lookup, Place { root: "", portable });
                assert!(
                    !r.html.contains("href") && !r.html.contains(" src="),
                    "{source}: {}",
                    r.html
                );
                assert!(
                    r.problems
                        .iter()
                        .all(|p| matches!(p.kind, ProblemKind::UnsafeUrl(_))),
                    "{source}: {:?}",
                    r.problems
                );
            }
        }
        let r = render_body("[[kim|![i](javascript:x)]]", &lookup, DEEP);
        assert_eq!(r.html, "<p><a href=\"../../actors/kim/\">i</a></p>\n");
        let r = render_body("<a@b.org> <https://x.org/>", &lookup, DEEP);
        assert!(r.html.contains("href=\"mailto:a@b.org\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.org/\""), "{}", r.html);
        // Titles, code info strings and footnote labels are escaped into
        // attributes the allow-list keeps.
        let r = render_body(
            "[x](/a \"t\\\" onclick=\\\"y\")\n\n```js\" onclick=\"x\nc\n```\n\nA[^a\"b]\n\n[^a\"b]: n\n",
            &lookup,
            DEEP,
        );
        assert!(!r.html.contains("\" onclick"), "{}", r.html);
    }

    #[test]
    fn text_that_looks_like_a_link_is_left_alone() {
        let source = "Write ` href=\"/x\"` in code and \" href=\"/y in text.";
        let html = render_body(source, &lookup, DEEP).html;
        assert!(html.contains(" href=\"/x\""), "{html}");
    }
}
