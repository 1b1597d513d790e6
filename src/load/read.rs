//! Reading a site from disk: which files exist, their bytes (regular
//! files only, within limits, never through a link), and what changed.

use super::*;

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
pub(super) const MAX_LAYER_FILE: u64 = 64 * 1024 * 1024;

/// Reads the files named by site.yaml's `map_layers` (read leniently here:
/// `parse` reports a site.yaml that is wrong).
pub(super) fn read_layers(root: &Path, config: &[u8]) -> BTreeMap<String, LayerBytes> {
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
pub(super) fn read_layer(root: &Path, file: &str) -> LayerBytes {
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
pub(super) fn read_config(root: &Path) -> std::io::Result<Vec<u8>> {
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
pub(super) fn kind_of(file_type: &std::fs::FileType) -> &'static str {
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
pub(super) fn not_a_file(rel: &str, file_type: &std::fs::FileType) -> Diagnostic {
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
pub(super) fn not_utf8(rel: &str, is_dir: bool) -> Diagnostic {
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
pub(super) fn read_regular(path: &Path, limit: Option<u64>) -> std::io::Result<Vec<u8>> {
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
pub(super) fn unreadable(rel: &str, what: &str, error: &std::io::Error) -> Diagnostic {
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
pub(super) fn through_symlink(root: &Path, rel: &str) -> bool {
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
pub(super) fn read_site_file(root: &Path, rel: &str) -> std::io::Result<Vec<u8>> {
    let limit = (!rel.starts_with("static/")).then_some(MAX_TEXT_FILE);
    read_regular(&root.join(rel), limit)
}

/// The skip rule of each folder a site reads.
pub(super) fn skip_rule(top: &str) -> Option<Skip> {
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
pub(super) fn site_relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root_abs)
        .or_else(|_| path.strip_prefix(root))
        .unwrap_or(path)
}

/// [`site_path`], cut after the first name that is not UTF-8, with the
/// path on disk of what it names and whether every name was UTF-8.
pub(super) fn site_path_checked(root: &Path, path: &Path) -> (String, PathBuf, bool) {
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

/// Which names a walk skips.
#[derive(Clone, Copy)]
pub(super) enum Skip {
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
pub(super) fn walk(root: &Path, folder: &str, skip: Skip, site: &mut SiteFiles) -> Vec<String> {
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
pub(super) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| shown(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as dossier shows it: itself when it is UTF-8, else its
/// valid parts with every other byte as `\xNN`.
pub(super) fn shown(name: &std::ffi::OsStr) -> String {
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
