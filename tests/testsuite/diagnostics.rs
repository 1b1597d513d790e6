//! dossier's diagnostics read back from stderr (rustc's layout), and the
//! diagnostics a test expects, placed by searching the site's files so
//! that lines and columns are exact without being hard-coded.

use crate::fixtures::{Run, Site};
use std::fmt;

/// One diagnostic as printed:
///
/// ```text
/// error: unknown actor `niss` in `by`
///  --> content/claims/nis-killed-600.md:3:5
///   |
/// 3 | by: niss
///   |     ^^^^
///   |
///   = help: did you mean `nis`?
/// ```
#[derive(Debug, Clone)]
pub struct Reported {
    pub severity: String,
    pub message: String,
    pub file: Option<String>,
    /// 0 when the location has no line.
    pub line: usize,
    pub col: usize,
    /// The quoted source line: its number and text.
    pub source: Option<(usize, String)>,
    pub caret: bool,
    pub hint: Option<String>,
    /// The block as printed, for failure messages.
    pub printed: String,
}

/// Parses every diagnostic of a run's stderr (the summary line excluded).
pub fn parse(stderr: &str) -> Vec<Reported> {
    let mut reported: Vec<Reported> = Vec::new();
    for line in stderr.lines() {
        let severity = ["error", "warning"]
            .into_iter()
            .find(|s| line.starts_with(&format!("{s}: ")));
        if let Some(severity) = severity {
            let message = &line[severity.len() + 2..];
            if is_summary(message) {
                continue;
            }
            reported.push(Reported {
                severity: severity.to_string(),
                message: message.to_string(),
                file: None,
                line: 0,
                col: 0,
                source: None,
                caret: false,
                hint: None,
                printed: String::new(),
            });
        }
        let Some(current) = reported.last_mut() else {
            continue;
        };
        current.printed.push_str(line);
        current.printed.push('\n');
        let trimmed = line.trim_start();
        if let Some(location) = trimmed.strip_prefix("--> ") {
            let (file, line_number, col) = split_location(location.trim());
            current.file = Some(file);
            current.line = line_number;
            current.col = col;
        } else if let Some(hint) = trimmed
            .strip_prefix("= help: ")
            .or_else(|| trimmed.strip_prefix("help: "))
        {
            current.hint = Some(hint.to_string());
        } else if let Some((number, text)) = trimmed
            .split_once(" |")
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            let text = text.strip_prefix(' ').unwrap_or(text);
            current.source = Some((number.parse().unwrap(), text.to_string()));
        } else if trimmed.starts_with('|') && trimmed.contains('^') {
            current.caret = true;
        }
    }
    reported
}

/// `built nothing: 2 errors` and the like: the run's last line, not a diagnostic.
fn is_summary(message: &str) -> bool {
    message.starts_with("built nothing") || message.starts_with("checked nothing")
}

/// `path:line:col` → (path, line, col); a bare path gives line 0.
fn split_location(location: &str) -> (String, usize, usize) {
    let mut parts = location.rsplitn(3, ':');
    let (col, line, file) = (parts.next(), parts.next(), parts.next());
    match (
        file,
        line.and_then(|l| l.parse().ok()),
        col.and_then(|c| c.parse().ok()),
    ) {
        (Some(file), Some(line), Some(col)) => (file.to_string(), line, col),
        _ => (location.to_string(), 0, 0),
    }
}

/// Where an expected diagnostic must point.
#[derive(Debug, Clone)]
enum Place {
    /// Anywhere in the file (line 0 allowed).
    File,
    /// This line, any column.
    Line(usize),
    /// The first line containing the text, any column.
    LineOf(String),
    /// The first occurrence of the text: its line and column.
    At(String),
}

/// A diagnostic a test expects.
#[derive(Debug, Clone)]
pub struct Expect {
    severity: &'static str,
    file: String,
    place: Place,
    message: Vec<String>,
    hint: Vec<String>,
    /// Other diagnostics that would do as well (e.g. a cycle reported at
    /// any of its members).
    alternatives: Vec<Expect>,
}

/// An expected error in `file` (path relative to the root).
pub fn error(file: &str) -> Expect {
    Expect {
        severity: "error",
        file: file.to_string(),
        place: Place::File,
        message: Vec::new(),
        hint: Vec::new(),
        alternatives: Vec::new(),
    }
}

/// An expected warning in `file`.
pub fn warning(file: &str) -> Expect {
    Expect {
        severity: "warning",
        ..error(file)
    }
}

impl Expect {
    /// On the first line containing `text` (any column): for front-matter
    /// values, whose line FORMAT promises.
    pub fn on(mut self, text: &str) -> Expect {
        self.place = Place::LineOf(text.to_string());
        self
    }

    /// At the exact line and column of the first occurrence of `text`.
    pub fn at(mut self, text: &str) -> Expect {
        self.place = Place::At(text.to_string());
        self
    }

    /// On line `line` (any column).
    pub fn line(mut self, line: usize) -> Expect {
        self.place = Place::Line(line);
        self
    }

    /// The message must contain `fragment` (call again for more fragments).
    pub fn message(mut self, fragment: &str) -> Expect {
        self.message.push(fragment.to_string());
        self
    }

    /// The hint must contain `fragment`.
    pub fn hint(mut self, fragment: &str) -> Expect {
        self.hint.push(fragment.to_string());
        self
    }

    /// Accepts `other` instead of this diagnostic.
    pub fn or(mut self, other: Expect) -> Expect {
        self.alternatives.push(other);
        self
    }

    /// (line, column) this expectation requires, read from the site's file.
    fn position(&self, site: &Site) -> (Option<usize>, Option<usize>) {
        let text = file_text(site, &self.file);
        let find = |needle: &str| -> (usize, usize) {
            for (i, line) in text.lines().enumerate() {
                if let Some(byte) = line.find(needle) {
                    return (i + 1, line[..byte].chars().count() + 1);
                }
            }
            panic!("test bug: `{needle}` is not in {}", self.file)
        };
        match &self.place {
            Place::File => (None, None),
            Place::Line(line) => (Some(*line), None),
            Place::LineOf(needle) => (Some(find(needle).0), None),
            Place::At(needle) => {
                let (line, col) = find(needle);
                (Some(line), Some(col))
            }
        }
    }

    fn matches(&self, reported: &Reported, line: Option<usize>, col: Option<usize>) -> bool {
        reported.severity == self.severity
            && reported.file.as_deref() == Some(self.file.as_str())
            && line.is_none_or(|l| reported.line == l)
            && col.is_none_or(|c| reported.col == c)
            && self
                .message
                .iter()
                .all(|m| reported.message.contains(m.as_str()))
            && self.hint.iter().all(|h| {
                reported
                    .hint
                    .as_deref()
                    .is_some_and(|hint| hint.contains(h.as_str()))
            })
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in {} ({:?})", self.severity, self.file, self.place)?;
        write!(f, ", message containing {:?}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, ", hint containing {:?}", self.hint)?;
        }
        for other in &self.alternatives {
            write!(f, "; or {other}")?;
        }
        Ok(())
    }
}

/// A site file as dossier reads it: BOM dropped, LF line ends, invalid
/// UTF-8 replaced.
fn file_text(site: &Site, rel: &str) -> String {
    let bytes = std::fs::read(site.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

/// A line as a report quotes it: control characters escaped as the
/// library escapes them (U+0007 as `\u{7}`), a tab as four spaces.
fn as_printed(line: &str) -> String {
    line.split('\t')
        .map(|part| dossier::diagnostics::escape(part).into_owned())
        .collect::<Vec<_>>()
        .join("    ")
}

/// Asserts that the run reported each expected diagnostic, placed exactly,
/// quoting the file's line with a caret under it, and no other error or
/// warning; and that the summary line counts both.
pub fn assert_reported(site: &Site, run: &Run, expected: &[Expect]) {
    let reported = parse(&run.stderr);
    for wanted in expected {
        let choices: Vec<&Expect> = std::iter::once(wanted)
            .chain(&wanted.alternatives)
            .collect();
        let found = choices.iter().find_map(|expect| {
            let (line, col) = expect.position(site);
            reported
                .iter()
                .find(|r| expect.matches(r, line, col))
                .map(|r| (*expect, r, line))
        });
        let Some((expect, found, line)) = found else {
            let places: Vec<String> = choices
                .iter()
                .map(|expect| match expect.position(site) {
                    (Some(l), Some(c)) => format!("{}:{l}:{c}", expect.file),
                    (Some(l), None) => format!("{}:{l}", expect.file),
                    _ => expect.file.clone(),
                })
                .collect();
            panic!(
                "expected {wanted}, at {}; stderr was:\n{}",
                places.join(" or "),
                run.stderr
            );
        };
        if let Some(line) = line {
            let text = file_text(site, &expect.file);
            let source_line = as_printed(text.lines().nth(line - 1).unwrap_or(""))
                .trim_end()
                .to_string();
            let shown = found
                .source
                .as_ref()
                .map(|(n, t)| (*n, t.trim_end().to_string()));
            assert_eq!(
                shown,
                Some((line, source_line)),
                "the diagnostic must quote the file's line:\n{}",
                found.printed
            );
            assert!(
                found.caret,
                "the diagnostic must put a caret under the problem:\n{}",
                found.printed
            );
        }
    }
    // The parser's words never reach an author.
    for r in &reported {
        for words in [
            "invalid type:",
            "expected f64",
            "expected a sequence",
            "expected struct",
            "expected a string",
            "expected a boolean",
        ] {
            assert!(
                !r.message.contains(words) && !r.hint.as_deref().unwrap_or("").contains(words),
                "a diagnostic speaks the parser's words ({words}):\n{}",
                r.printed
            );
        }
    }
    let count = |severity: &str| reported.iter().filter(|r| r.severity == severity).count();
    let wanted = |severity: &str| expected.iter().filter(|e| e.severity == severity).count();
    let (errors, expected_errors) = (count("error"), wanted("error"));
    let (warnings, expected_warnings) = (count("warning"), wanted("warning"));
    assert_eq!(
        errors, expected_errors,
        "expected {expected_errors} errors, got {errors}; stderr was:\n{}",
        run.stderr
    );
    assert_eq!(
        warnings, expected_warnings,
        "expected {expected_warnings} warnings, got {warnings}; stderr was:\n{}",
        run.stderr
    );
    let counts = summary_counts(expected_errors, expected_warnings);
    assert!(
        run.summary().contains(&format!(": {counts}")),
        "the summary line must count {counts}: {:?}",
        run.summary()
    );
}

/// How a summary line counts errors and warnings: "2 errors, 1 warning",
/// "no errors, no warnings".
pub fn summary_counts(errors: usize, warnings: usize) -> String {
    let count = |n: usize, word: &str| match n {
        0 => format!("no {word}s"),
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    format!("{}, {}", count(errors, "error"), count(warnings, "warning"))
}
