//! Stage 1, load: the only reader of a site's folder. Reads site.yaml,
//! content/, templates/ and static/ into raw values, reporting every
//! unreadable, malformed or misplaced file as a diagnostic.

pub mod frontmatter;
mod keys;
pub mod node;
mod parse;
pub mod raw;
mod read;
pub mod yaml;

pub use keys::{config_keys, front_matter_keys};
pub use parse::{parse, parse_one, parse_with, ParseCache};
pub use read::{layer_path, read, refresh, site_path, LayerBytes, SiteFiles, MAX_TEXT_FILE};

use crate::diagnostics::{Diagnostic, Pos};
use frontmatter::SplitError;
use raw::*;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;
use yaml::{Schema, YamlError, YamlIndex, YamlPath};

/// Index of a file in [`Loaded::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// The six kinds of content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Brief,
    Actor,
    Claim,
    Measure,
    Page,
    Incident,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Brief,
        Kind::Actor,
        Kind::Claim,
        Kind::Measure,
        Kind::Page,
        Kind::Incident,
    ];

    /// The folder under content/ holding this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Brief => "briefs",
            Kind::Actor => "actors",
            Kind::Claim => "claims",
            Kind::Measure => "measures",
            Kind::Page => "pages",
            Kind::Incident => "incidents",
        }
    }

    /// "a brief", "an actor"…
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Brief => "a brief",
            Kind::Actor => "an actor",
            Kind::Claim => "a claim",
            Kind::Measure => "a measure",
            Kind::Page => "a page",
            Kind::Incident => "an incident",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Kind::Brief => "brief",
            Kind::Actor => "actor",
            Kind::Claim => "claim",
            Kind::Measure => "measure",
            Kind::Page => "page",
            Kind::Incident => "incident",
        }
    }
}

/// A file read from the site, kept for diagnostics.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the root, `/`-separated.
    pub path: String,
    /// The text, BOM removed, line ends normalised to LF.
    pub text: String,
    /// File line of the first line of the YAML (1 for site.yaml, 2 for front matter).
    pub yaml_line: usize,
    /// Byte range of the YAML inside `text`.
    pub yaml_range: std::ops::Range<usize>,
    /// Entries dropped from the front matter because their value had the
    /// wrong type (already reported), as paths of the file as written:
    /// `resolve` does not also call them missing.
    dropped: Vec<YamlPath>,
    index: OnceLock<YamlIndex>,
}

impl SourceFile {
    fn new(path: String, text: String) -> SourceFile {
        let yaml_range = 0..text.len();
        SourceFile {
            path,
            text,
            yaml_line: 1,
            yaml_range,
            dropped: Vec::new(),
            index: OnceLock::new(),
        }
    }

    /// File position of the value at `path` in the YAML (the key's line for
    /// collections); the start of the YAML when the path is not there.
    pub fn locate(&self, path: &YamlPath) -> Pos {
        self.yaml_pos(self.index().locate(&self.as_written(path)))
    }

    /// File position of the key at `path`.
    pub fn locate_key(&self, path: &YamlPath) -> Pos {
        self.yaml_pos(self.index().locate_key(&self.as_written(path)))
    }

    /// Whether load dropped the value at `path` for having the wrong type.
    pub fn was_dropped(&self, path: &YamlPath) -> bool {
        self.dropped_any() && self.dropped.contains(&self.as_written(path))
    }

    /// Whether load dropped any value of this file for its type.
    pub fn dropped_any(&self) -> bool {
        !self.dropped.is_empty()
    }

    /// `path` of the decoded front matter as a path of the file as written:
    /// after a list item of the wrong type was dropped, the items after it
    /// moved up one place.
    pub fn as_written(&self, path: &YamlPath) -> YamlPath {
        if self.dropped.is_empty() {
            return path.clone();
        }
        let mut written = YamlPath::default();
        for seg in &path.0 {
            let seg = match seg {
                yaml::Seg::Index(index) => {
                    let mut gone: Vec<usize> = self
                        .dropped
                        .iter()
                        .filter_map(|d| match d.0.split_last() {
                            Some((yaml::Seg::Index(i), parent)) if parent == written.0 => Some(*i),
                            _ => None,
                        })
                        .collect();
                    gone.sort_unstable();
                    let mut index = *index;
                    for i in gone {
                        if i <= index {
                            index += 1;
                        }
                    }
                    yaml::Seg::Index(index)
                }
                key => key.clone(),
            };
            written.0.push(seg);
        }
        written
    }

    /// A diagnostic at the value of `path`.
    pub fn error_at(&self, path: &YamlPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at(&self.text, self.locate(path))
    }

    /// A warning at the value of `path`.
    pub fn warning_at(&self, path: &YamlPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message).at(&self.text, self.locate(path))
    }

    /// A diagnostic at a position inside the YAML text.
    fn yaml_error(&self, error: YamlError) -> Diagnostic {
        let pos = match (&error.pos, &error.path) {
            (Some(pos), _) => {
                // An error found at the end of the input (an unclosed bracket
                // or quote) is shown on the last line of YAML, not past it.
                let yaml = &self.text[self.yaml_range.clone()];
                let last = yaml
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .last();
                match last {
                    Some((i, line)) if pos.line > i + 1 => {
                        self.yaml_pos(Some(Pos::new(i + 1, line.chars().count(), 1)))
                    }
                    _ => self.yaml_pos(Some(*pos)),
                }
            }
            (None, Some(path)) => self.locate_key(path),
            (None, None) => Pos::new(self.yaml_line, 1, 1),
        };
        Diagnostic::error(&self.path, error.message)
            .at(&self.text, pos)
            .maybe_hint(error.hint)
    }

    /// The error for the `nth` repetition (0: the second writing) of the
    /// key at `path`, at that repetition, naming the line of the first.
    fn repeated_key(&self, path: &YamlPath, nth: usize) -> Diagnostic {
        let first = self.locate_key(path);
        let at = match self.index().locate_repeat(path, nth) {
            Some(pos) => self.yaml_pos(Some(pos)),
            None => first,
        };
        let key = match path.0.last() {
            Some(yaml::Seg::Key(key)) => &**key,
            _ => "",
        };
        let hint = match at == first {
            true => "a key may be given once in a mapping: keep one of them".to_string(),
            false => format!(
                "`{key}` is already given on line {}: keep one of them",
                first.line
            ),
        };
        Diagnostic::error(&self.path, format!("duplicate key `{path}`"))
            .at(&self.text, at)
            .hint(hint)
    }

    fn index(&self) -> &YamlIndex {
        self.index
            .get_or_init(|| YamlIndex::build(&self.text[self.yaml_range.clone()]))
    }

    fn yaml_pos(&self, pos: Option<Pos>) -> Pos {
        match pos {
            Some(p) => Pos::new(p.line + self.yaml_line - 1, p.col, p.len),
            None => Pos::new(self.yaml_line.saturating_sub(1).max(1), 1, 3),
        }
    }
}

/// A content file with its front matter decoded.
#[derive(Debug)]
pub struct Doc<T> {
    pub file: FileId,
    /// The file stem: the id the file declares.
    pub stem: String,
    pub raw: T,
    pub body: String,
    /// File line of the first body line.
    pub body_line: usize,
}

/// A file of static/ or the site's templates/.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Path relative to its folder, `/`-separated.
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
}

/// Everything read from a site.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// Every file read, by [`FileId`]. Shared with the parse cache.
    pub files: Vec<Arc<SourceFile>>,
    pub config: RawConfig,
    pub config_file: Option<FileId>,
    pub briefs: Vec<Arc<Doc<RawBrief>>>,
    pub actors: Vec<Arc<Doc<RawActor>>>,
    pub claims: Vec<Arc<Doc<RawClaim>>>,
    pub measures: Vec<Arc<Doc<RawMeasure>>>,
    pub pages: Vec<Arc<Doc<RawPage>>>,
    pub incidents: Vec<Arc<Doc<RawIncident>>>,
    /// Files whose front matter could not be read: their ids still exist, so
    /// references to them raise no second error.
    pub broken: Vec<(Kind, String, FileId)>,
    /// The ids of the claims that briefs of `broken` seem to declare (read
    /// leniently, line by line): references to them raise no second error
    /// either.
    pub recovered: Vec<String>,
    /// The site's own templates, by name (path under templates/).
    pub templates: Vec<(String, String)>,
    /// The site's static/ files.
    pub statics: Vec<AssetFile>,
    /// The map layer files, as [`SiteFiles::layers`].
    pub layers: BTreeMap<String, LayerBytes>,
}

impl Loaded {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }
}

/// A problem that stops a run before any content is read (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Reads and parses the site at `root`. Fails only when there is no site.
pub fn load(root: &Path) -> Result<(Loaded, Vec<Diagnostic>), UsageError> {
    let (files, mut diagnostics) = read(root)?;
    let (loaded, mut parse_diagnostics) = parse(&files);
    diagnostics.append(&mut parse_diagnostics);
    Ok((loaded, diagnostics))
}

#[cfg(test)]
mod tests {
    use super::parse::recover_claim_ids;
    use super::*;

    fn parse_files(files: &[(&str, &[u8])]) -> (Loaded, Vec<Diagnostic>) {
        let mut site = SiteFiles {
            config: b"title: Desk\n".to_vec(),
            ..SiteFiles::default()
        };
        for (path, bytes) in files {
            site.files
                .insert(path.to_string(), Arc::new(bytes.to_vec()));
        }
        parse(&site)
    }

    #[test]
    fn bom_and_crlf_read_like_plain_lf() {
        let (loaded, diagnostics) = parse_files(&[
            (
                "content/actors/a.md",
                b"\xEF\xBB\xBF---\r\nname: A\r\nkind: person\r\n---\r\nBody\r\n",
            ),
            (
                "content/briefs/2025/deep/b.md",
                b"---\ntitle: B\ndate: 2025-01-01\n---\n",
            ),
        ]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            loaded.actors[0].raw.name.as_ref().map(|t| t.0.as_str()),
            Some("A")
        );
        assert_eq!(
            (loaded.actors[0].body.as_str(), loaded.actors[0].body_line),
            ("Body\n", 5)
        );
        assert_eq!(loaded.briefs[0].stem, "b");
    }

    #[test]
    fn stray_files_are_warnings_and_broken_files_keep_their_id() {
        let (loaded, diagnostics) = parse_files(&[
            ("content/notes.md", b"---\ntitle: x\n---\n"),
            ("content/briefs/map.png", b"\x89PNG"),
            ("content/actors/broken.md", b"no front matter\n"),
        ]);
        let warnings: Vec<&str> = diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            warnings,
            [
                "not a Markdown file: skipped",
                "not in a content folder: skipped"
            ]
        );
        assert_eq!(loaded.broken.len(), 1);
        assert_eq!(
            (loaded.broken[0].0, loaded.broken[0].1.as_str()),
            (Kind::Actor, "broken")
        );
    }

    #[test]
    fn the_claims_of_a_brief_that_does_not_parse_keep_their_ids() {
        let yaml = "title: X\nsources:\n  - id: a-source\n    title: S\nclaims:\n  - id: one\n    text: \"unclosed\n  - {id: two, text: x}\n  - cited-elsewhere\n  -   id: 'three'   # note\n  - text: y\n    id: four\n  - id: Not An Id\n  - {text: \"a, b\", id: five}\ntags: [x]\nid: not-a-claim\n";
        assert_eq!(
            recover_claim_ids(Kind::Brief, yaml),
            ["one", "two", "three", "four", "five"]
        );
        assert!(recover_claim_ids(Kind::Actor, yaml).is_empty());
        let (loaded, diagnostics) = parse_files(&[(
            "content/briefs/b.md",
            b"---\ntitle: [\nclaims:\n  - id: kept\n    by: x\n---\n",
        )]);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(loaded.recovered, ["kept"]);
        let (loaded, _) = parse_files(&[(
            "content/briefs/b.md",
            b"---\ntitle: \xff\nclaims:\n  - id: kept-too\n---\n",
        )]);
        assert_eq!(loaded.recovered, ["kept-too"]);
    }

    #[test]
    fn all_unknown_keys_are_reported_and_the_rest_still_decodes() {
        let (loaded, diagnostics) = parse_files(&[(
            "content/actors/a.md",
            b"---\nnmae: A\nkind: person\nrol: x\n---\n",
        )]);
        let lines: Vec<usize> = diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(
            diagnostics[0].hint.as_deref(),
            Some("did you mean `name`? (free fields go under `extra:`)")
        );
        assert_eq!(
            loaded.actors[0].raw.kind.as_ref().map(|t| t.0.as_str()),
            Some("person")
        );
    }
}
