//! Stage 1, load: the only reader of a site's folder. Reads site.yaml,
//! content/, templates/ and static/ into raw values, reporting every
//! unreadable, malformed or misplaced file as a diagnostic.

pub mod frontmatter;
pub mod node;
pub mod raw;
pub mod yaml;

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
use yaml::{Nest, Schema, YamlError, YamlIndex, YamlPath};

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
            Some(yaml::Seg::Key(key)) => key.as_str(),
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
#[derive(Debug, Default)]
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

static SOURCE_SCHEMA: Schema = Schema {
    keys: SOURCE_KEYS,
    nested: &[],
};
static FIGURE_SCHEMA: Schema = Schema {
    keys: FIGURE_KEYS,
    nested: &[],
};
static WHEN_SCHEMA: Schema = Schema {
    keys: WHEN_KEYS,
    nested: &[],
};
static JUDGEMENT_SCHEMA: Schema = Schema {
    keys: JUDGEMENT_KEYS,
    nested: &[],
};
static CHANGE_SCHEMA: Schema = Schema {
    keys: CHANGE_KEYS,
    nested: &[],
};
static RESPONSE_SCHEMA: Schema = Schema {
    keys: RESPONSE_KEYS,
    nested: &[],
};
static INLINE_CLAIM_SCHEMA: Schema = Schema {
    keys: INLINE_CLAIM_KEYS,
    nested: &[
        ("figure", Nest::Map(&FIGURE_SCHEMA)),
        ("when", Nest::Map(&WHEN_SCHEMA)),
        ("responses", Nest::ListOf(&RESPONSE_SCHEMA)),
    ],
};
static BRIEF_SCHEMA: Schema = Schema {
    keys: BRIEF_KEYS,
    nested: &[
        ("changes", Nest::ListOf(&CHANGE_SCHEMA)),
        ("judgements", Nest::ListOf(&JUDGEMENT_SCHEMA)),
        ("sources", Nest::ListOf(&SOURCE_SCHEMA)),
        ("claims", Nest::ListOf(&INLINE_CLAIM_SCHEMA)),
    ],
};
static CLAIM_FILE_SCHEMA: Schema = Schema {
    keys: CLAIM_FILE_KEYS,
    nested: &[
        ("figure", Nest::Map(&FIGURE_SCHEMA)),
        ("when", Nest::Map(&WHEN_SCHEMA)),
        ("responses", Nest::ListOf(&RESPONSE_SCHEMA)),
        ("sources", Nest::ListOf(&SOURCE_SCHEMA)),
    ],
};
static ALIAS_SCHEMA: Schema = Schema {
    keys: ALIAS_KEYS,
    nested: &[],
};
static LINK_SCHEMA: Schema = Schema {
    keys: LINK_KEYS,
    nested: &[],
};
static RELATION_SCHEMA: Schema = Schema {
    keys: RELATION_KEYS,
    nested: &[],
};
static ACTOR_SCHEMA: Schema = Schema {
    keys: ACTOR_KEYS,
    nested: &[
        ("aliases", Nest::ListOf(&ALIAS_SCHEMA)),
        ("links", Nest::ListOf(&LINK_SCHEMA)),
        ("relations", Nest::ListOf(&RELATION_SCHEMA)),
        ("sources", Nest::ListOf(&SOURCE_SCHEMA)),
    ],
};
static MEASURE_SCHEMA: Schema = Schema {
    keys: MEASURE_KEYS,
    nested: &[],
};
static WHERE_SCHEMA: Schema = Schema {
    keys: WHERE_KEYS,
    nested: &[],
};
static INCIDENT_SCHEMA: Schema = Schema {
    keys: INCIDENT_KEYS,
    nested: &[
        ("when", Nest::Map(&WHEN_SCHEMA)),
        ("where", Nest::Map(&WHERE_SCHEMA)),
        ("sources", Nest::ListOf(&SOURCE_SCHEMA)),
    ],
};
static PAGE_SCHEMA: Schema = Schema {
    keys: PAGE_KEYS,
    nested: &[],
};
static LAYER_SCHEMA: Schema = Schema {
    keys: LAYER_KEYS,
    nested: &[],
};
static CONFIG_SCHEMA: Schema = Schema {
    keys: CONFIG_KEYS,
    nested: &[("map_layers", Nest::ListOf(&LAYER_SCHEMA))],
};

/// The keys the loader accepts in the front matter of `kind`, with the
/// mappings under them whose keys it checks too (any other key is an
/// error): what `dossier schema` describes.
pub fn front_matter_keys(kind: Kind) -> &'static Schema {
    match kind {
        Kind::Brief => &BRIEF_SCHEMA,
        Kind::Actor => &ACTOR_SCHEMA,
        Kind::Claim => &CLAIM_FILE_SCHEMA,
        Kind::Measure => &MEASURE_SCHEMA,
        Kind::Page => &PAGE_SCHEMA,
        Kind::Incident => &INCIDENT_SCHEMA,
    }
}

/// The keys the loader accepts in site.yaml.
pub fn config_keys() -> &'static Schema {
    &CONFIG_SCHEMA
}

/// The bytes of a site: what `read` takes from disk, and `parse` reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteFiles {
    /// site.yaml.
    pub config: Vec<u8>,
    /// Every file under content/, templates/ and static/, by its
    /// root-relative `/` path, in sorted order. Shared, so an unchanged
    /// file is recognised without comparing its bytes.
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
    /// Files found but not readable (permissions, say), by path, with the
    /// error for each: reported by `parse` on every run until they can be
    /// read, and their ids still exist, so references to them raise no
    /// second error.
    pub unreadable: BTreeMap<String, Diagnostic>,
    /// Entries found and not read, by path (shown escaped when the name is
    /// not UTF-8), with why: a symbolic link, a FIFO, a socket or a device
    /// node (warnings), a name that is not UTF-8 (an error). Reported by
    /// `parse` on every run until they change; they declare no id.
    pub skipped: BTreeMap<String, Diagnostic>,
    /// The GeoJSON files site.yaml's `map_layers` name, by the path as
    /// written there: re-read with site.yaml, wherever they are.
    pub layers: BTreeMap<String, LayerBytes>,
}

/// A map layer file's bytes, or why they could not be read.
pub type LayerBytes = Result<Arc<Vec<u8>>, String>;

/// The largest map layer file read (a regional extract of a world layer
/// is far smaller).
const MAX_LAYER_FILE: u64 = 64 * 1024 * 1024;

/// Reads the files named by site.yaml's `map_layers` (read leniently here:
/// `parse` reports a site.yaml that is wrong).
fn read_layers(root: &Path, config: &[u8]) -> BTreeMap<String, LayerBytes> {
    let Ok(value) = serde_yaml::from_slice::<serde_yaml::Value>(config) else {
        return BTreeMap::new();
    };
    value
        .get("map_layers")
        .and_then(serde_yaml::Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|layer| layer.get("file")?.as_str())
        .map(|file| (file.to_string(), read_layer(root, file)))
        .collect()
}

/// Reads one map layer file: a path under the site's folder, with no `..`
/// and no symbolic link on the way.
fn read_layer(root: &Path, file: &str) -> LayerBytes {
    let rel = layer_path(file)?;
    let mut full = root.to_path_buf();
    for name in rel.split('/') {
        full.push(name);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.is_symlink() => {
                return Err(format!(
                "`{}` is a symbolic link, and dossier reads nothing from outside the site's folder",
                relative(root, &full)
            ))
            }
            Ok(_) => {}
            Err(error) => return Err(format!("cannot read it: {error}")),
        }
    }
    read_regular(&full, Some(MAX_LAYER_FILE))
        .map(Arc::new)
        .map_err(|error| format!("cannot read it: {error}"))
}

/// A layer file's path as written, checked: relative, `/`-separated, under
/// the site's folder (no `..`); `./` parts and doubled slashes dropped.
pub fn layer_path(file: &str) -> Result<String, String> {
    let file = file.trim();
    if file.is_empty() {
        return Err("the path is empty".into());
    }
    if file.starts_with('/') || file.contains('\\') || file.as_bytes().get(1) == Some(&b':') {
        return Err("it must be a path inside the site's folder, written with `/`".into());
    }
    let mut names = Vec::new();
    for name in file.split('/') {
        match name {
            "" | "." => {}
            ".." => return Err("`..` would leave the site's folder".into()),
            name => names.push(name),
        }
    }
    if names.is_empty() {
        return Err("the path names no file".into());
    }
    Ok(names.join("/"))
}

impl SiteFiles {
    /// Records what reading the file at `rel` gave: its bytes, or the error.
    fn insert(&mut self, rel: String, bytes: std::io::Result<Vec<u8>>) {
        match bytes {
            Ok(bytes) => {
                self.files.insert(rel, Arc::new(bytes));
            }
            Err(error) => {
                let diagnostic = unreadable(&rel, "file", &error);
                self.unreadable.insert(rel, diagnostic);
            }
        }
    }
}

/// Reads and parses the site at `root`. Fails only when there is no site.
pub fn load(root: &Path) -> Result<(Loaded, Vec<Diagnostic>), UsageError> {
    let (files, mut diagnostics) = read(root)?;
    let (loaded, mut parse_diagnostics) = parse(&files);
    diagnostics.append(&mut parse_diagnostics);
    Ok((loaded, diagnostics))
}

/// Reads site.yaml and every file under content/, templates/ and static/.
/// Unreadable files, symbolic links, special files (FIFOs, sockets, device
/// nodes) and names that are not UTF-8 are diagnostics; only regular files
/// are ever opened, and never one that would block.
pub fn read(root: &Path) -> Result<(SiteFiles, Vec<Diagnostic>), UsageError> {
    if !root.is_dir() {
        return Err(UsageError(format!("`{}` is not a folder", root.display())));
    }
    let config = read_config(root).map_err(|error| {
        UsageError(match error.kind() {
            std::io::ErrorKind::NotFound => format!(
                "no site.yaml in `{}`: run dossier in a site's folder, or pass --root DIR",
                root.display()
            ),
            _ => format!(
                "cannot read `{}`: {error}",
                root.join("site.yaml").display()
            ),
        })
    })?;
    let diagnostics = Vec::new();
    let mut site = SiteFiles {
        config,
        ..SiteFiles::default()
    };
    let mut paths = walk(root, "content", Skip::DotAndUnderscore, &mut site);
    paths.extend(walk(root, "templates", Skip::Dot, &mut site));
    paths.extend(walk(root, "static", Skip::Nothing, &mut site));
    let read: Vec<(String, std::io::Result<Vec<u8>>)> = paths
        .into_par_iter()
        .map(|rel| {
            let bytes = read_site_file(root, &rel);
            (rel, bytes)
        })
        .collect();
    for (rel, bytes) in read {
        site.insert(rel, bytes);
    }
    site.layers = read_layers(root, &site.config);
    Ok((site, diagnostics))
}

/// Reads site.yaml, refusing a symbolic link (dossier reads nothing from
/// outside the site's folder) and anything but a regular file (a FIFO would
/// block the build forever).
fn read_config(root: &Path) -> std::io::Result<Vec<u8>> {
    let path = root.join("site.yaml");
    let meta = std::fs::symlink_metadata(&path)?;
    if meta.is_symlink() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is a symbolic link, and dossier reads nothing from outside the site's folder: copy the file instead",
        ));
    }
    read_regular(&path, None)
}

/// What a directory entry is, for messages: "a named pipe (FIFO)"…
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_file() {
        "a file"
    } else {
        "a special file"
    }
}

/// The warning for an entry of the site that is neither a regular file nor
/// a folder: a symbolic link, a FIFO, a socket or a device node.
fn not_a_file(rel: &str, file_type: &std::fs::FileType) -> Diagnostic {
    if file_type.is_symlink() {
        return Diagnostic::warning(rel, "symbolic link: skipped")
            .hint("dossier does not follow symbolic links; copy the file instead");
    }
    let kind = kind_of(file_type);
    let kind = kind.strip_prefix("a ").unwrap_or(kind);
    Diagnostic::warning(rel, format!("{kind}: skipped"))
        .hint("dossier reads only regular files and folders: remove it, or move it out of the site")
}

/// The error for an entry whose name is not UTF-8 (`rel` shows it escaped).
fn not_utf8(rel: &str, is_dir: bool) -> Diagnostic {
    let what = if is_dir { "folder" } else { "file" };
    let skipped = if is_dir {
        "skipped with everything in it"
    } else {
        "skipped"
    };
    Diagnostic::error(rel, format!("{what} name is not valid UTF-8: {skipped}")).hint(format!(
        "rename the {what} (its invalid bytes are shown as `\\xNN`): ids and the paths of the output are UTF-8"
    ))
}

/// Opens `path` for reading only if it is a regular file, and reads it,
/// refusing one longer than `limit` bytes without reading it. A FIFO is
/// never waited on: the file is opened non-blocking (and, on Linux, without
/// following a symbolic link), then its type checked on the open file, so
/// a file swapped for a FIFO after the walk saw it is refused too.
fn read_regular(path: &Path, limit: Option<u64>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((OFlags::NONBLOCK | OFlags::NOFOLLOW).bits() as i32);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "it is {}, and dossier reads only regular files",
                kind_of(&meta.file_type())
            ),
        ));
    }
    let len = meta.len();
    if let Some(limit) = limit.filter(|limit| len > *limit) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is {} MB, and content and template files may be at most {} MB (put large data under static/)",
                len.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 30));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The error for a file or folder of the site that cannot be read.
fn unreadable(rel: &str, what: &str, error: &std::io::Error) -> Diagnostic {
    let diagnostic = Diagnostic::error(rel, format!("cannot read {what}: {error}"));
    let chmod = if what == "folder" { "a+rx" } else { "a+r" };
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => diagnostic.hint(format!(
            "dossier reads every {what} of the site as the user running it: make this one readable (`chmod {chmod}`) or move it out of the site"
        )),
        _ => diagnostic,
    }
}

/// Whether a folder on the way from `root` to `rel` is a symbolic link:
/// a file watcher may report paths through one.
fn through_symlink(root: &Path, rel: &str) -> bool {
    let mut path = root.to_path_buf();
    let folders: Vec<&str> = rel.split('/').collect();
    folders[..folders.len() - 1].iter().any(|folder| {
        path.push(folder);
        path.is_symlink()
    })
}

/// The largest content or template file read, in bytes: a brief is a few
/// kilobytes; a file past this is a mistake (a pasted dump), and parsing
/// it would take seconds and gigabytes. Static files have no limit.
pub const MAX_TEXT_FILE: u64 = 16 * 1024 * 1024;

/// Reads one file of the site (`rel` under `root`), refusing content and
/// template files larger than [`MAX_TEXT_FILE`] without reading them.
fn read_site_file(root: &Path, rel: &str) -> std::io::Result<Vec<u8>> {
    let limit = (!rel.starts_with("static/")).then_some(MAX_TEXT_FILE);
    read_regular(&root.join(rel), limit)
}

/// The skip rule of each folder a site reads.
fn skip_rule(top: &str) -> Option<Skip> {
    match top {
        "content" => Some(Skip::DotAndUnderscore),
        "templates" => Some(Skip::Dot),
        "static" => Some(Skip::Nothing),
        _ => None,
    }
}

/// A path as the site knows it (`content/briefs/x.md`), from an absolute
/// path as a watcher reports it; bytes that are not UTF-8 are shown as `\xNN`.
pub fn site_path(root: &Path, path: &Path) -> String {
    relative(Path::new(""), site_relative(root, path))
}

/// `path` relative to the site's root.
fn site_relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root_abs)
        .or_else(|_| path.strip_prefix(root))
        .unwrap_or(path)
}

/// [`site_path`], cut after the first name that is not UTF-8, with the
/// path on disk of what it names and whether every name was UTF-8.
fn site_path_checked(root: &Path, path: &Path) -> (String, PathBuf, bool) {
    let mut names = Vec::new();
    let mut full = root.to_path_buf();
    for component in site_relative(root, path).components() {
        let name = component.as_os_str();
        full.push(name);
        names.push(shown(name));
        if name.to_str().is_none() {
            return (names.join("/"), full, false);
        }
    }
    (names.join("/"), full, true)
}

impl SiteFiles {
    /// Forgets what is known of `rel` and of everything under it.
    fn forget(&mut self, rel: &str) {
        let prefix = format!("{rel}/");
        let gone = |p: &String| p == rel || p.starts_with(&prefix);
        self.files.retain(|p, _| !gone(p));
        self.unreadable.retain(|p, _| !gone(p));
        self.skipped.retain(|p, _| !gone(p));
    }
}

/// Brings `site` up to date with the files at `changed` (absolute paths,
/// as a file watcher reports them): each is re-read, or forgotten when it
/// no longer exists; a changed folder is walked. Only these are read, with
/// the same rules as [`read`].
pub fn refresh(
    root: &Path,
    site: &mut SiteFiles,
    changed: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for path in changed {
        let (rel, full, utf8) = site_path_checked(root, path);
        if rel == "site.yaml" {
            site.config = match read_config(root) {
                Ok(bytes) => bytes,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(error) => {
                    diagnostics.push(unreadable("site.yaml", "file", &error));
                    Vec::new()
                }
            };
            continue;
        }
        let mut parts = rel.split('/');
        let top = parts.next().unwrap_or("");
        let Some(skip) = skip_rule(top) else { continue };
        let hidden = rel.split('/').skip(1).any(|name| match skip {
            Skip::DotAndUnderscore => name.starts_with('.') || name.starts_with('_'),
            Skip::Dot => name.starts_with('.'),
            Skip::Nothing => false,
        });
        if hidden {
            continue;
        }
        // Forget the path and everything under it, then read what is there now.
        site.forget(&rel);
        if !utf8 {
            // The first name on the way that is not UTF-8: reported (as
            // `read` does) while it exists; nothing under it is read.
            if let Ok(meta) = std::fs::symlink_metadata(&full) {
                site.skipped
                    .insert(rel.clone(), not_utf8(&rel, meta.is_dir()));
            }
            continue;
        }
        if through_symlink(root, &rel) {
            continue;
        }
        match std::fs::symlink_metadata(&full) {
            Ok(m) if m.is_dir() => {
                for file in walk(root, &rel, skip, site) {
                    let bytes = read_site_file(root, &file);
                    site.insert(file, bytes);
                }
            }
            Ok(m) if m.is_file() => {
                let bytes = read_site_file(root, &rel);
                site.insert(rel, bytes);
            }
            Ok(m) => {
                let warning = not_a_file(&rel, &m.file_type());
                site.skipped.insert(rel, warning);
            }
            Err(_) => {}
        }
    }
    // Layer files may live anywhere under the root, where no watcher
    // looks: they are few, and read again on every change.
    site.layers = read_layers(root, &site.config);
}

/// Parses a site's files into raw values. Pure.
pub fn parse(site: &SiteFiles) -> (Loaded, Vec<Diagnostic>) {
    parse_with(site, &mut ParseCache::default())
}

/// A content file as parsed, kept between rebuilds.
#[derive(Debug, Clone)]
enum Parsed {
    Brief(Arc<Doc<RawBrief>>),
    Actor(Arc<Doc<RawActor>>),
    Claim(Arc<Doc<RawClaim>>),
    Measure(Arc<Doc<RawMeasure>>),
    Page(Arc<Doc<RawPage>>),
    Incident(Arc<Doc<RawIncident>>),
    /// Read, but not usable (not UTF-8, front matter broken): (kind, id,
    /// the ids of the claims it seems to declare).
    Broken(Kind, String, Vec<String>),
}

#[derive(Debug)]
struct CachedFile {
    bytes: Arc<Vec<u8>>,
    file: Option<Arc<SourceFile>>,
    parsed: Parsed,
    diagnostics: Vec<Diagnostic>,
}

/// Parsed content files kept between rebuilds, so a file whose bytes did
/// not change is not parsed again. It also gives every path a [`FileId`]
/// that stays the same for as long as the cache lives.
#[derive(Debug, Default)]
pub struct ParseCache {
    ids: FxHashMap<String, FileId>,
    files: FxHashMap<String, CachedFile>,
}

impl ParseCache {
    /// The id of a path seen before.
    pub fn id_of(&self, path: &str) -> Option<FileId> {
        self.ids.get(path).copied()
    }

    fn id(&mut self, path: &str) -> FileId {
        // Id 0 is site.yaml's.
        let next = FileId(self.ids.len() + 1);
        *self.ids.entry(path.to_string()).or_insert(next)
    }
}

/// Like [`parse`], parsing only the content files whose bytes differ from
/// those `cache` holds.
pub fn parse_with(site: &SiteFiles, cache: &mut ParseCache) -> (Loaded, Vec<Diagnostic>) {
    let mut loaded = Loaded {
        layers: site.layers.clone(),
        ..Loaded::default()
    };
    let mut diagnostics = Vec::new();

    let config_file = match decode_text("site.yaml", &site.config) {
        Ok(file) => {
            let mut file = *file;
            // site.yaml unreadable as YAML (already reported) has no
            // settings to check, and no missing title either.
            if let Some(config) =
                decode_yaml::<RawConfig>(&mut file, &CONFIG_SCHEMA, &mut diagnostics)
            {
                loaded.config = config;
                loaded.config_file = Some(FileId(0));
            }
            Arc::new(file)
        }
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            Arc::new(SourceFile::new("site.yaml".into(), String::new()))
        }
    };

    let mut entries: Vec<(Kind, &str)> = Vec::new();
    for (rel, bytes) in &site.files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match decode_text(rel, bytes) {
                Ok(file) => loaded.templates.push((name.to_string(), file.text)),
                Err(diagnostic) => diagnostics.push(*diagnostic),
            }
            continue;
        }
        if let Some(path) = rel.strip_prefix("static/") {
            loaded.statics.push(AssetFile {
                path: path.to_string(),
                bytes: Arc::clone(bytes),
            });
            continue;
        }
        if !rel.starts_with("content/") {
            continue;
        }
        let kind = content_kind(rel);
        let is_markdown = rel.ends_with(".md");
        match (kind, is_markdown) {
            (Some(kind), true) => entries.push((kind, rel.as_str())),
            (_, false) => diagnostics.push(
                Diagnostic::warning(rel, "not a Markdown file: skipped")
                    .hint("content files end in `.md`; put images and other files in static/"),
            ),
            (None, true) => diagnostics.push(
                Diagnostic::warning(rel, "not in a content folder: skipped").hint(
                    "content files go in content/briefs/, actors/, claims/, measures/, incidents/ or pages/",
                ),
            ),
        }
    }

    // Entries not read (links, special files, names not UTF-8): reported
    // on every run, declaring nothing.
    diagnostics.extend(site.skipped.values().cloned());
    // Files that could not be read: reported on every run, their ids kept.
    let mut unreadable = Vec::new();
    for (rel, diagnostic) in &site.unreadable {
        diagnostics.push(diagnostic.clone());
        if let Some(kind) = content_kind(rel).filter(|_| rel.ends_with(".md")) {
            unreadable.push((kind, stem_of(rel), cache.id(rel), rel));
        }
    }

    // Parse what is new or changed, in parallel.
    cache.files.retain(|path, _| site.files.contains_key(path));
    let stale: Vec<(Kind, &str, FileId)> = entries
        .iter()
        .filter(|(_, rel)| {
            cache
                .files
                .get(*rel)
                .is_none_or(|c| c.bytes != site.files[*rel])
        })
        .map(|&(kind, rel)| (kind, rel))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(kind, rel)| (kind, rel, cache.id(rel)))
        .collect();
    let fresh: Vec<(String, CachedFile)> = stale
        .into_par_iter()
        .map(|(kind, rel, id)| {
            let bytes = &site.files[rel];
            let (file, doc, diagnostics) = parse_content(kind, rel, bytes);
            let stem = stem_of(rel);
            let parsed = match (file.is_some(), doc) {
                (false, ParsedDoc::Broken(kind, claims)) => Parsed::Broken(kind, stem, claims),
                (false, _) => Parsed::Broken(kind, stem, Vec::new()),
                (true, ParsedDoc::Brief(raw, body)) => {
                    Parsed::Brief(Arc::new(doc_of(id, stem, *raw, body)))
                }
                (true, ParsedDoc::Actor(raw, body)) => {
                    Parsed::Actor(Arc::new(doc_of(id, stem, *raw, body)))
                }
                (true, ParsedDoc::Claim(raw, body)) => {
                    Parsed::Claim(Arc::new(doc_of(id, stem, *raw, body)))
                }
                (true, ParsedDoc::Measure(raw, body)) => {
                    Parsed::Measure(Arc::new(doc_of(id, stem, *raw, body)))
                }
                (true, ParsedDoc::Page(raw, body)) => {
                    Parsed::Page(Arc::new(doc_of(id, stem, *raw, body)))
                }
                (true, ParsedDoc::Incident(raw, body)) => {
                    Parsed::Incident(Arc::new(doc_of(id, stem, *raw, body)))
                }
                (true, ParsedDoc::Broken(kind, claims)) => Parsed::Broken(kind, stem, claims),
            };
            // A file that is not text still has its path, for diagnostics.
            let file = file.unwrap_or_else(|| SourceFile::new(rel.to_string(), String::new()));
            let cached = CachedFile {
                bytes: bytes.clone(),
                file: Some(Arc::new(file)),
                parsed,
                diagnostics,
            };
            (rel.to_string(), cached)
        })
        .collect();
    cache.files.extend(fresh);

    // Assemble, in path order.
    let placeholder = Arc::new(SourceFile::new(String::new(), String::new()));
    loaded.files = vec![placeholder; cache.ids.len() + 1];
    loaded.files[0] = config_file;
    for (_, rel) in &entries {
        let Some(cached) = cache.files.get(*rel) else {
            continue;
        };
        diagnostics.extend(cached.diagnostics.iter().cloned());
        let id = cache.ids[*rel];
        if let Some(file) = &cached.file {
            loaded.files[id.0] = Arc::clone(file);
        }
        match &cached.parsed {
            Parsed::Brief(doc) => loaded.briefs.push(Arc::clone(doc)),
            Parsed::Actor(doc) => loaded.actors.push(Arc::clone(doc)),
            Parsed::Claim(doc) => loaded.claims.push(Arc::clone(doc)),
            Parsed::Measure(doc) => loaded.measures.push(Arc::clone(doc)),
            Parsed::Page(doc) => loaded.pages.push(Arc::clone(doc)),
            Parsed::Incident(doc) => loaded.incidents.push(Arc::clone(doc)),
            Parsed::Broken(kind, stem, claims) => {
                loaded.broken.push((*kind, stem.clone(), id));
                loaded.recovered.extend(claims.iter().cloned());
            }
        }
    }
    for (kind, stem, id, rel) in unreadable {
        loaded.files[id.0] = Arc::new(SourceFile::new(rel.clone(), String::new()));
        loaded.broken.push((kind, stem, id));
    }
    (loaded, diagnostics)
}

/// The kind of content a file under content/ is, by its folder.
fn content_kind(rel: &str) -> Option<Kind> {
    Kind::ALL
        .into_iter()
        .find(|k| rel.starts_with(&format!("content/{}/", k.folder())))
}

fn doc_of<T>(file: FileId, stem: String, raw: T, body: (String, usize)) -> Doc<T> {
    Doc {
        file,
        stem,
        raw,
        body: body.0,
        body_line: body.1,
    }
}

/// The file name without `.md`.
fn stem_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

enum ParsedDoc {
    Brief(Box<RawBrief>, (String, usize)),
    Actor(Box<RawActor>, (String, usize)),
    Claim(Box<RawClaim>, (String, usize)),
    Measure(Box<RawMeasure>, (String, usize)),
    Page(Box<RawPage>, (String, usize)),
    Incident(Box<RawIncident>, (String, usize)),
    /// Read, but its front matter is unusable: with the ids of the claims
    /// it seems to declare (see [`claim_ids_in`]).
    Broken(Kind, Vec<String>),
}

fn parse_content(
    kind: Kind,
    rel: &str,
    bytes: &[u8],
) -> (Option<SourceFile>, ParsedDoc, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut file = match decode_text(rel, bytes) {
        Ok(file) => *file,
        Err(diagnostic) => {
            let text = String::from_utf8_lossy(bytes);
            let claims = recover_claim_ids(kind, &text);
            return (None, ParsedDoc::Broken(kind, claims), vec![*diagnostic]);
        }
    };
    let (yaml_range, yaml_line, body) = match frontmatter::split(&file.text) {
        Ok(split) => {
            let start = split.yaml.as_ptr() as usize - file.text.as_ptr() as usize;
            (
                start..start + split.yaml.len(),
                split.yaml_line,
                (split.body.to_string(), split.body_line),
            )
        }
        Err(error) => {
            let (message, hint) = match error {
                SplitError::Empty => (
                    "empty file",
                    "a content file starts with a line `---`, then YAML front matter, a line `---` and the Markdown body",
                ),
                SplitError::NoOpening => (
                    "missing front matter: the first line must be `---`",
                    "did you forget to add `---` before the front matter?",
                ),
                SplitError::Unclosed => (
                    "front matter is not closed",
                    "add a line `---` after the last front-matter line",
                ),
            };
            diagnostics.push(
                Diagnostic::error(&file.path, message)
                    .at(&file.text, Pos::new(1, 1, 3))
                    .hint(hint),
            );
            // No front matter to split: the claims' ids are read from it all.
            let claims = recover_claim_ids(kind, &file.text);
            return (Some(file), ParsedDoc::Broken(kind, claims), diagnostics);
        }
    };
    file.yaml_range = yaml_range;
    file.yaml_line = yaml_line;
    let doc = match kind {
        Kind::Brief => decode_yaml::<RawBrief>(&mut file, &BRIEF_SCHEMA, &mut diagnostics)
            .map(|r| ParsedDoc::Brief(Box::new(r), body)),
        Kind::Actor => decode_yaml::<RawActor>(&mut file, &ACTOR_SCHEMA, &mut diagnostics)
            .map(|r| ParsedDoc::Actor(Box::new(r), body)),
        Kind::Claim => decode_yaml::<RawClaim>(&mut file, &CLAIM_FILE_SCHEMA, &mut diagnostics)
            .map(|r| ParsedDoc::Claim(Box::new(r), body)),
        Kind::Measure => decode_yaml::<RawMeasure>(&mut file, &MEASURE_SCHEMA, &mut diagnostics)
            .map(|r| ParsedDoc::Measure(Box::new(r), body)),
        Kind::Page => decode_yaml::<RawPage>(&mut file, &PAGE_SCHEMA, &mut diagnostics)
            .map(|r| ParsedDoc::Page(Box::new(r), body)),
        Kind::Incident => decode_yaml::<RawIncident>(&mut file, &INCIDENT_SCHEMA, &mut diagnostics)
            .map(|r| ParsedDoc::Incident(Box::new(r), body)),
    };
    let doc = doc.unwrap_or_else(|| {
        let claims = recover_claim_ids(kind, &file.text[file.yaml_range.clone()]);
        ParsedDoc::Broken(kind, claims)
    });
    (Some(file), doc, diagnostics)
}

/// The claim ids a brief (`kind`) whose front matter cannot be read seems
/// to declare, from `text` (its YAML, or the whole file): each `id:` of an
/// item of the top-level `claims:` list (`- id: x`, an `id: x` line under
/// an item, `- {id: x, …}`), when it is a valid id. Read line by line, so
/// that one mistake does not hide every claim of the file.
fn recover_claim_ids(kind: Kind, text: &str) -> Vec<String> {
    if kind != Kind::Brief {
        return Vec::new();
    }
    let mut ids = Vec::new();
    let mut in_claims = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || line.trim_end() == "---" {
            continue;
        }
        let top_level = trimmed.len() == line.len() && !trimmed.starts_with('-');
        if top_level {
            in_claims = trimmed.starts_with("claims:");
        }
        if !in_claims {
            continue;
        }
        // `id:` at the start of the line's text (after `- `), or after `{` or `,`.
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        let mut values: Vec<&str> = item.strip_prefix("id:").into_iter().collect();
        for opening in ['{', ','] {
            for (i, _) in line.match_indices(opening) {
                if let Some(value) = line[i + 1..].trim_start().strip_prefix("id:") {
                    values.push(value);
                }
            }
        }
        for value in values {
            let end = value.find([',', '}', '#']).unwrap_or(value.len());
            let id = value[..end].trim().trim_matches(['"', '\'']);
            if crate::resolve::declare::is_valid_id(id) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// Parses the YAML of `file`, reports unknown keys (and drops them, so the
/// rest of the file is still checked), and decodes it.
fn decode_yaml<T: DeserializeOwned + Default>(
    file: &mut SourceFile,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = &file.text[file.yaml_range.clone()];
    let tree = match yaml::parse(text) {
        Ok(tree) => tree,
        Err(errors) => {
            diagnostics.extend(errors.into_iter().map(|error| file.yaml_error(error)));
            return None;
        }
    };
    // A key written twice: reported at the repetition; the first is kept.
    for (i, path) in tree.repeated.iter().enumerate() {
        let nth = tree.repeated[..i].iter().filter(|p| *p == path).count();
        diagnostics.push(file.repeated_key(path, nth));
    }
    let mut value = tree.node;
    if value.is_null() {
        return Some(T::default());
    }
    if !value.is_map() {
        diagnostics.push(file.yaml_error(YamlError {
            message: "front matter must be a mapping of keys to values".into(),
            hint: Some("write one `key: value` per line".into()),
            path: None,
            pos: Some(Pos::new(1, 1, 1)),
        }));
        return None;
    }
    for error in yaml::unknown_keys(&value, schema) {
        if let Some(path) = &error.path {
            value.remove(path);
        }
        diagnostics.push(file.yaml_error(error));
    }
    // A value of the wrong type (`draft: maybe`, a list item `{b: c}` in
    // `tags`) is reported, dropped like an unknown key, and decoding tried
    // again, so that one such value does not hide the file's other
    // mistakes. Each round drops one entry, so this ends.
    loop {
        match yaml::decode::<T>(&value, schema) {
            Ok(raw) => return Some(raw),
            Err(error) => {
                let path = error.path.clone().unwrap_or_default();
                let written = file.as_written(&path);
                // The message names the path as written, too.
                let message = match written == path {
                    true => error.message,
                    false => {
                        error
                            .message
                            .replacen(&format!("`{path}`"), &format!("`{written}`"), 1)
                    }
                };
                diagnostics.push(
                    Diagnostic::error(&file.path, message)
                        .at(&file.text, file.locate(&path))
                        .maybe_hint(error.hint),
                );
                if !value.remove(&path) {
                    return None;
                }
                file.dropped.push(written);
            }
        }
    }
}

/// Decodes a text file: BOM dropped, CRLF to LF; invalid UTF-8 is a diagnostic
/// at the first bad byte.
fn decode_text(rel: &str, bytes: &[u8]) -> Result<Box<SourceFile>, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let lossy = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
            let valid =
                String::from_utf8_lossy(&bytes[..error.valid_up_to()]).replace("\r\n", "\n");
            let pos = Pos::of_offset(&lossy, valid.len(), 1);
            return Err(Box::new(
                Diagnostic::error(
                    rel,
                    format!(
                        "not valid UTF-8: byte 0x{:02X} at offset {}",
                        bytes[error.valid_up_to()],
                        error.valid_up_to()
                    ),
                )
                .at(&lossy, pos)
                .hint("save the file as UTF-8"),
            ));
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    Ok(Box::new(SourceFile::new(rel.to_string(), text)))
}

/// Which names a walk skips.
#[derive(Clone, Copy)]
enum Skip {
    /// Names starting with `.` or `_` (content/).
    DotAndUnderscore,
    /// Names starting with `.` (templates/: editors' temporary files).
    Dot,
    /// Nothing: static/ is copied verbatim (`_redirects`, `.well-known/`).
    Nothing,
}

/// Files under `root/folder`, sorted, as root-relative `/` paths.
/// Symbolic links are not followed, `root/folder` itself included; they,
/// special files and names that are not UTF-8 go to `site.skipped`, and
/// folders that cannot be read to `site.unreadable`.
fn walk(root: &Path, folder: &str, skip: Skip, site: &mut SiteFiles) -> Vec<String> {
    let dir = root.join(folder);
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if meta.is_dir() => {}
        // A file where the folder should be is not the site's folder.
        Ok(meta) if meta.is_file() => return Vec::new(),
        Ok(meta) => {
            let warning = not_a_file(folder, &meta.file_type());
            site.skipped.insert(folder.to_string(), warning);
            return Vec::new();
        }
        Err(_) => return Vec::new(),
    }
    let mut files = Vec::new();
    let mut walker = walkdir::WalkDir::new(&dir)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || match skip {
                    Skip::DotAndUnderscore => !name.starts_with('.') && !name.starts_with('_'),
                    Skip::Dot => !name.starts_with('.'),
                    Skip::Nothing => true,
                }
        });
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) if entry.file_name().to_str().is_none() => {
                let rel = relative(root, entry.path());
                let is_dir = entry.file_type().is_dir();
                if is_dir {
                    walker.skip_current_dir();
                }
                site.skipped.insert(rel.clone(), not_utf8(&rel, is_dir));
            }
            Ok(entry) if entry.file_type().is_file() => files.push(relative(root, entry.path())),
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                let rel = relative(root, entry.path());
                let warning = not_a_file(&rel, &entry.file_type());
                site.skipped.insert(rel, warning);
            }
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| folder.to_string());
                let diagnostic = match error.io_error() {
                    Some(io) => unreadable(&path, "folder", io),
                    None => Diagnostic::error(&path, format!("cannot read: {error}")),
                };
                site.unreadable.insert(path, diagnostic);
            }
        }
    }
    files
}

/// `path` relative to `root`, `/`-separated; bytes of a name that are not
/// UTF-8 are shown as `\xNN`.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| shown(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as dossier shows it: itself when it is UTF-8, else its
/// valid parts with every other byte as `\xNN`.
fn shown(name: &std::ffi::OsStr) -> String {
    if let Some(name) = name.to_str() {
        return name.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
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
