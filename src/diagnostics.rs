//! Diagnostics: every problem found in a run, with its place in a file, and
//! how they are printed (rustc's layout, by annotate-snippets).
//!
//! Everything a diagnostic holds may come from the site — a file name, a
//! quoted line, an id in a message — so each part is printed with its
//! control characters escaped ([`escape`]): a file named
//! `x<ESC>]0;title<BEL>.md` cannot retitle or recolour the terminal, and a
//! name holding a line break cannot forge a line of the report.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `line` and `col` are 1-based (`col` counts characters);
/// `line` is 0 only for problems that belong to no place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// Width of the highlighted span, in characters (at least 1).
    pub len: usize,
    /// The text of line `line`, without its line break.
    pub source_line: String,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, file.into(), message.into())
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file.into(), message.into())
    }

    fn new(severity: Severity, file: String, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            file,
            line: 0,
            col: 0,
            len: 1,
            source_line: String::new(),
            message,
            hint: None,
        }
    }

    /// Places the diagnostic at `pos` in `text`, the whole file.
    pub fn at(mut self, text: &str, pos: Pos) -> Diagnostic {
        let line_text = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or("");
        let line_chars = line_text.chars().count();
        self.line = pos.line.max(1);
        self.col = pos.col.clamp(1, line_chars + 1);
        self.len = pos.len.clamp(1, (line_chars + 1 - self.col).max(1));
        self.source_line = line_text.to_string();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Diagnostic {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or just the path when there is no line.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.col)
        }
    }

    /// The diagnostic in rustc's layout: title, `--> path:line:col`, the
    /// source line with a caret under the problem, and the hint.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let short = shorten(&self.message);
        let message = escape(&short);
        let file = escape(&self.file);
        let title = level.primary_title(message.as_ref());
        let source;
        // The column annotate-snippets prints, counted in the escaped line.
        let mut shown_col = self.col;
        let mut group = if self.line == 0 {
            let group = Group::with_title(title);
            if file.is_empty() {
                group
            } else {
                group.element(annotate_snippets::Origin::path(file.as_ref()))
            }
        } else {
            let span;
            (source, span) = escape_line(&self.source_line, self.col - 1, self.len);
            shown_col = source[..span.start].chars().count() + 1;
            title.element(
                Snippet::source(&source)
                    .line_start(self.line)
                    .path(file.as_ref())
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        };
        let short_hint = self.hint.as_deref().map(shorten);
        let hint = short_hint.as_deref().map(escape);
        if let Some(hint) = &hint {
            group = group.element(Level::HELP.message(hint.as_ref()));
        }
        let rendered = renderer.render(&[group]);
        if shown_col == self.col {
            return rendered;
        }
        // `-->` names the file's own column, not the escaped line's.
        let shown = format!("{file}:{}:{shown_col}", self.line);
        let real = format!("{file}:{}:{}", self.line, self.col);
        rendered.replacen(&shown, &real, 1)
    }
}

/// The most characters of a message or hint printed: one quoting a value
/// of 200,000 characters shows its start and end around `…`, as the
/// quoted line does, instead of filling the terminal and every page of
/// `serve`.
const LONGEST: usize = 1000;

/// `text`, or its start and end around `…` when it is longer than
/// [`LONGEST`] characters.
fn shorten(text: &str) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= LONGEST {
        return Cow::Borrowed(text);
    }
    let head: String = text.chars().take(LONGEST - 201).collect();
    let tail: String = text.chars().skip(count - 200).collect();
    Cow::Owned(format!("{head}…{tail}"))
}

/// Whether `c` may not reach a terminal as it is: control characters (C0,
/// DEL and C1, which hold the escape sequences terminals obey) and the
/// bidirectional controls that reorder what a line shows.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Appends `c` as it is printed: itself, or when [`is_unsafe`] a visible
/// escape (`\n`, `\r`, `\t`, or `\u{1b}` as Rust writes it).
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `text` with every control character (line breaks included) and every
/// bidirectional control written as a visible escape: `\n`, `\r`, `\t`, or
/// `\u{1b}`. Everything dossier prints of a site's names and text goes
/// through it.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// A quoted source line with its control characters escaped, and the byte
/// range in it of the `len` characters from character `start` of `line`:
/// the caret stays under the same characters, escapes included. Tabs stay
/// (the renderer widens them to four spaces and moves the caret with them).
fn escape_line(line: &str, start: usize, len: usize) -> (String, std::ops::Range<usize>) {
    let mut out = String::with_capacity(line.len());
    let (mut from, mut to) = (None, None);
    for (i, c) in line.chars().enumerate() {
        if i == start {
            from = Some(out.len());
        }
        if i == start + len {
            to = Some(out.len());
        }
        match c {
            '\t' => out.push(c),
            c => push_escaped(&mut out, c),
        }
    }
    let from = from.unwrap_or(out.len());
    let to = to.unwrap_or(out.len()).max(from);
    (out, from..to)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let location = escape_owned(self.location());
        write!(
            f,
            "{location}: {label}: {}",
            escape(&shorten(&self.message))
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " (help: {})", escape(&shorten(hint)))?;
        }
        Ok(())
    }
}

/// A place in a file: 1-based line, 1-based column in characters, and the
/// width of the span in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize, len: usize) -> Pos {
        Pos { line, col, len }
    }

    /// The start of a file.
    pub fn start() -> Pos {
        Pos::new(1, 1, 1)
    }

    /// The position of byte `offset` of `text` (clamped to the text).
    pub fn of_offset(text: &str, offset: usize, len_bytes: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        let col = text[line_start..offset].chars().count() + 1;
        let mut end = (offset + len_bytes).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let len = text[offset..end].chars().take_while(|c| *c != '\n').count();
        Pos::new(line, col, len.max(1))
    }
}

fn escape_owned(text: String) -> String {
    match escape(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}

/// All diagnostics of a run, errors first within each file, in a stable order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
    });
}

/// The counts of a run's diagnostics, both always named: "3 errors, 1
/// warning", "no errors, 2 warnings", "no errors, no warnings".
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let count = |n: usize, word: &str| match n {
        0 => format!("no {word}s"),
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    format!("{}, {}", count(errors, "error"), count(warnings, "warning"))
}

/// How many warnings are shown where thousands would flood: the terminal
/// of `build`, `serve` and `build --watch` (each rebuild), and each page
/// `serve` sends. `check` prints every one; every summary counts them all.
pub const WARNINGS_SHOWN: usize = 20;

/// What a terminal shows of a run's diagnostics (in their order): every
/// error, and the first `warnings` warnings; with the number of warnings
/// left out.
pub fn shown(diagnostics: &[Diagnostic], warnings: usize) -> (Vec<&Diagnostic>, usize) {
    let mut left = warnings;
    let mut hidden = 0;
    let shown = diagnostics
        .iter()
        .filter(|d| {
            if d.is_error() {
                return true;
            }
            if left == 0 {
                hidden += 1;
                return false;
            }
            left -= 1;
            true
        })
        .collect();
    (shown, hidden)
}

/// At most `limit` of `diagnostics`, errors first (each kind in its
/// order), and how many are left out: for a page, where every error of a
/// large site would not fit.
pub fn first(diagnostics: &[Diagnostic], limit: usize) -> (Vec<&Diagnostic>, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error());
    let warnings = diagnostics.iter().filter(|d| !d.is_error());
    let first: Vec<&Diagnostic> = errors.chain(warnings).take(limit).collect();
    let left = diagnostics.len() - first.len();
    (first, left)
}

/// The closest of `candidates` to `wanted` by edit distance, if close enough
/// to be a likely typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wanted, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

/// `text` as an author may have meant it among a fixed list of values:
/// lowercase, with `_`, `-` and runs of spaces as one space (`At_Least`,
/// `at least` and `at-least` read alike).
pub fn normalize_value(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value of `allowed` an author most likely meant by `wanted`: the
/// one that reads the same once [normalized](normalize_value) (`at least`
/// → `at-least`), else the closest by edit distance among the normalized
/// values, if close enough to be a likely typo (`confimed` → `confirmed`).
pub fn closest_value<'a>(
    wanted: &str,
    allowed: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = normalize_value(wanted);
    let allowed: Vec<(String, &str)> = allowed
        .into_iter()
        .map(|value| (normalize_value(value), value))
        .collect();
    if let Some((_, value)) = allowed.iter().find(|(n, _)| *n == wanted) {
        return Some(value);
    }
    let limit = (wanted.chars().count() / 3).max(2);
    allowed
        .iter()
        .map(|(n, value)| (strsim::damerau_levenshtein(&wanted, n), *value))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_value_in_a_message_shows_its_start_and_end() {
        let huge = "x".repeat(200_000);
        let d = Diagnostic::error("f.md", format!("invalid value `{huge}` for `kind`"))
            .at("kind: x\n", Pos::new(1, 7, 1))
            .hint(format!("not `{huge}`"));
        for out in [d.render(false), d.to_string()] {
            assert!(out.len() < 3 * LONGEST, "{} bytes", out.len());
            assert!(out.contains("invalid value `xxx") && out.contains("xxx` for `kind`"));
            assert!(out.contains("…"), "{out}");
        }
        let short = Diagnostic::error("f.md", "short `x`");
        assert!(short.render(false).contains("short `x`"));
    }

    #[test]
    fn a_terminal_shows_every_error_and_the_first_warnings() {
        let w = |i: usize| Diagnostic::warning(format!("a{i}.md"), "w");
        let mut all: Vec<Diagnostic> = (0..30).map(w).collect();
        all.push(Diagnostic::error("z.md", "e"));
        all.insert(3, Diagnostic::error("a2b.md", "e"));
        let (shown, hidden) = shown(&all, 20);
        assert_eq!(hidden, 10);
        assert_eq!(shown.len(), 22);
        assert_eq!(shown.iter().filter(|d| d.is_error()).count(), 2);
        assert_eq!(shown[21].file, "z.md");
        let (shown, hidden) = super::shown(&all, usize::MAX);
        assert_eq!((shown.len(), hidden), (32, 0));
        let (first, left) = first(&all, 5);
        assert_eq!(left, 27);
        assert_eq!(
            first.iter().map(|d| d.file.as_str()).collect::<Vec<_>>(),
            ["a2b.md", "z.md", "a0.md", "a1.md", "a2.md"]
        );
    }

    #[test]
    fn renders_rustc_layout_with_caret_and_hint() {
        let text = "---\ntitle: A\nby: kim-jong-uun\n---\n";
        let d = Diagnostic::error("content/briefs/a.md", "unknown actor `kim-jong-uun`")
            .at(text, Pos::new(3, 5, 12))
            .hint("did you mean `kim-jong-un`?");
        let out = d.render(false);
        assert!(out.contains("error: unknown actor `kim-jong-uun`"), "{out}");
        assert!(out.contains("--> content/briefs/a.md:3:5"), "{out}");
        assert!(out.contains("3 | by: kim-jong-uun"), "{out}");
        assert!(out.contains("^^^^^^^^^^^^"), "{out}");
        assert!(out.contains("help: did you mean `kim-jong-un`?"), "{out}");
    }

    #[test]
    fn positions_are_clamped_inside_the_line() {
        let d = Diagnostic::error("f.md", "x").at("ab\ncd", Pos::new(2, 40, 9));
        assert_eq!((d.line, d.col, d.len), (2, 3, 1));
        assert_eq!(d.source_line, "cd");
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nçé [[x]]\n";
        let at = text.find("[[").unwrap();
        assert_eq!(Pos::of_offset(text, at, 5), Pos::new(2, 4, 5));
    }

    #[test]
    fn control_characters_are_escaped_in_every_part() {
        let d = Diagnostic::error("content/briefs/\u{1b}]0;PWNED\u{7}x.md", "bad `\u{9b}31m`")
            .at("---\nby: a\u{1b}[2Jb\n", Pos::new(2, 11, 1))
            .hint("line\nbreak\r\u{202e}");
        for styled in [false, true] {
            let out = d.render(styled);
            let plain = strip_styles(&out);
            assert!(
                !plain.chars().any(|c| c.is_control() && c != '\n'),
                "{plain:?}"
            );
            assert!(
                plain.contains("content/briefs/\\u{1b}]0;PWNED\\u{7}x.md:2:11"),
                "{plain}"
            );
            assert!(plain.contains("bad `\\u{9b}31m`"), "{plain}");
            assert!(plain.contains("help: line\\nbreak\\r\\u{202e}"), "{plain}");
        }
        let line = d.to_string();
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }

    #[test]
    fn carets_stay_under_their_characters_after_escapes() {
        // `b` is character 11 of the line; before it, ESC became six characters.
        let d = Diagnostic::error("f.md", "x").at("by: a\u{1b}[2Jb\n", Pos::new(1, 10, 1));
        let out = d.render(false);
        let lines: Vec<&str> = out.lines().collect();
        let source = lines.iter().find(|l| l.starts_with("1 |")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            source
                .char_indices()
                .nth(caret.find('^').unwrap())
                .map(|(_, c)| c),
            Some('b'),
            "{out}"
        );
    }

    /// `text` without the SGR sequences (`ESC [ … m`) the styled renderer adds.
    fn strip_styles(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' && chars.peek() == Some(&'[') {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn closest_values_set_aside_case_spaces_and_hyphens() {
        let qualifiers = ["about", "nearly", "at-least", "at-most", "exactly", "range"];
        assert_eq!(closest_value("at least", qualifiers), Some("at-least"));
        assert_eq!(closest_value("At_Most", qualifiers), Some("at-most"));
        assert_eq!(closest_value("atleast", qualifiers), Some("at-least"));
        assert_eq!(closest_value("exactely", qualifiers), Some("exactly"));
        assert_eq!(closest_value("roughly", qualifiers), None);
        let statuses = ["confirmed", "corroborated", "reported"];
        assert_eq!(closest_value("confimed", statuses), Some("confirmed"));
        assert_eq!(closest_value("CONFIRMED", statuses), Some("confirmed"));
    }

    #[test]
    fn closest_finds_typos_only() {
        let ids = ["kim-jong-un", "vladimir-putin"];
        assert_eq!(closest("kim-jong-uun", ids), Some("kim-jong-un"));
        assert_eq!(closest("zzz", ids), None);
    }
}
