//! Stage 4, write: the only writer of the output folder. A build is staged
//! in a temporary sibling folder and swapped in whole, so a failed or
//! interrupted build leaves the previous output exactly as it was. Files
//! whose bytes did not change are hard-linked from the previous output and
//! so keep their modification time; a build that changes nothing writes
//! nothing.

use crate::render::OutputFile;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

/// The file that marks a folder as dossier's output.
pub const MARKER: &str = ".dossier";

/// Whether `path` (in the output, `/`-separated) is a name dossier keeps
/// for itself: the marker at the top, or, anywhere, the shape of its
/// temporary files and folders (`.NAME.dossier-PID` beside a file being
/// replaced, `.NAME.dossier-staging-PID` beside the output). A site file
/// there would be overwritten, or taken for dossier's own.
pub fn is_reserved(path: &str) -> bool {
    path == MARKER
        || path
            .split('/')
            .any(|name| name.starts_with('.') && name.contains(".dossier-"))
}
const MARKER_TEXT: &str = "This folder is written by dossier; the next build replaces it whole.\n";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// Refuses output folders dossier must not replace (exit status 2): the
/// root or an ancestor of it, anything inside content/, templates/ or
/// static/, a file, and a non-empty folder without dossier's marker.
pub fn check_output(root: &Path, out: &Path) -> Result<(), String> {
    let root_abs = normalize(root);
    let out_abs = normalize(out);
    if root_abs.starts_with(&out_abs) {
        return Err(format!(
            "refusing to write to `{}`: it is the site's root or contains it, and a build replaces its output folder whole",
            out.display()
        ));
    }
    for folder in ["content", "templates", "static"] {
        if out_abs.starts_with(root_abs.join(folder)) {
            return Err(format!(
                "refusing to write to `{}`: it is inside the site's {folder}/ folder",
                out.display()
            ));
        }
    }
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => Err(format!(
            "refusing to write to `{}`: it is not a folder",
            out.display()
        )),
        Ok(_) => {
            let mut entries =
                fs::read_dir(out).map_err(|e| format!("cannot read `{}`: {e}", out.display()))?;
            if entries.next().is_none() || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(format!(
                    "refusing to write to `{}`: the folder is not empty and was not written by dossier (no {MARKER} file); choose another --out or empty it",
                    out.display()
                ))
            }
        }
    }
}

/// Writes `files` as the new content of `out`.
pub fn write(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    use rayon::prelude::*;
    let staging = Staging::begin(out)?;
    files.par_iter().try_for_each(|file| staging.file(file))?;
    staging.finish()
}

/// A build's output being written: files go into a temporary sibling of
/// the output folder, from any number of threads, and [`Staging::finish`]
/// swaps it in whole. Dropped unfinished, it is removed and the previous
/// output stays as it was.
///
/// Over a previous output, the staging folder is only made once a file
/// differs from it: a build of unchanged content writes nothing at all.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// While no file has differed from the previous output: the files found
    /// unchanged, not yet staged. `None` once the staging folder exists.
    pending: Mutex<Option<Vec<PathBuf>>>,
    /// The previous output's manifest (path to length and hash), trusted
    /// for files not modified since it was written.
    previous: Manifest,
    /// This build's manifest, filled by [`Staging::file`].
    manifest: Mutex<Vec<(String, u64, u64)>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    finished: bool,
    /// Held from `begin` until the staging folder is swapped in or removed.
    _lock: OutputLock,
}

impl Staging {
    /// Starts writing a new content for `out` (removing what interrupted
    /// builds left behind).
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let out = normalize(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(failed("cannot create", &parent))?;
        let lock = OutputLock::take(&parent).map_err(failed("cannot lock", &parent))?;
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.dossier-staging-{}", std::process::id()));
        let has_previous = out.join(MARKER).is_file();
        if !has_previous {
            fs::create_dir_all(&dir).map_err(failed("cannot write in", &parent))?;
        }
        let previous = Manifest::read(&out.join(MARKER));
        Ok(Staging {
            out,
            dir,
            pending: Mutex::new(has_previous.then(Vec::new)),
            previous,
            manifest: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            finished: false,
            _lock: lock,
        })
    }

    /// Stages one file: hard-linked from the previous output when its
    /// bytes are the same (keeping its modification time), written otherwise.
    pub fn file(&self, file: &OutputFile) -> io::Result<()> {
        let rel = safe_relative(&file.path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe output path `{}`", file.path),
            )
        })?;
        let previous = self.out.join(&rel);
        let hash = content_hash(&file.bytes);
        let len = file.bytes.len() as u64;
        let same = self.previous.vouches(&file.path, &previous, len, hash)
            || same_bytes(&previous, &file.bytes);
        self.manifest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((file.path.clone(), len, hash));
        {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(unchanged) = pending.as_mut() {
                if same {
                    unchanged.push(rel);
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                // The first difference: stage what was found unchanged so far.
                let unchanged = std::mem::take(unchanged);
                self.stage_unchanged(&unchanged)?;
                *pending = None;
            }
        }
        let target = self.dir.join(&rel);
        if let Some(dir) = target.parent() {
            if dir != self.dir {
                fs::create_dir_all(dir).map_err(failed("cannot create", &previous))?;
            }
        }
        if same && fs::hard_link(&previous, &target).is_ok() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        fs::write(&target, &file.bytes[..]).map_err(failed("cannot write", &previous))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Makes the staging folder with hard links to the previous output's
    /// files at `paths`.
    fn stage_unchanged(&self, paths: &[PathBuf]) -> io::Result<()> {
        use rayon::prelude::*;
        let parent = self.dir.parent().unwrap_or(&self.dir);
        fs::create_dir_all(&self.dir).map_err(failed("cannot write in", parent))?;
        paths.par_iter().try_for_each(|rel| {
            let target = self.dir.join(rel);
            let previous = self.out.join(rel);
            if let Some(dir) = target.parent() {
                if dir != self.dir {
                    fs::create_dir_all(dir).map_err(failed("cannot create", &previous))?;
                }
            }
            fs::hard_link(&previous, &target).map_err(failed("cannot write", &previous))
        })
    }

    /// Marks the staged folder as dossier's and swaps it in for the output;
    /// when every file was unchanged and none is left over, keeps the
    /// output as it is.
    pub fn finish(mut self) -> io::Result<WriteStats> {
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let mut manifest =
            std::mem::take(&mut *self.manifest.lock().unwrap_or_else(|e| e.into_inner()));
        manifest.sort_unstable();
        let mut marker_text = String::from(MARKER_TEXT);
        marker_text.push_str(MANIFEST_HEADER);
        for (path, len, hash) in &manifest {
            let _ = writeln!(marker_text, "{hash:016x} {len} {path}");
        }
        let previous = self.out.join(MARKER);
        if let Some(unchanged) = pending {
            if holds_exactly(&self.out, &unchanged) {
                // Nothing to write but, from an older dossier, the manifest.
                if !same_bytes(&previous, marker_text.as_bytes()) {
                    replace_file(&previous, marker_text.as_bytes())
                        .map_err(failed("cannot write", &previous))?;
                }
                self.finished = true;
                return Ok(stats);
            }
            self.stage_unchanged(&unchanged)?;
        }
        let marker = self.dir.join(MARKER);
        if !(same_bytes(&previous, marker_text.as_bytes())
            && fs::hard_link(&previous, &marker).is_ok())
        {
            fs::write(&marker, &marker_text).map_err(failed("cannot write", &previous))?;
        }
        swap(&self.dir, &self.out).map_err(failed("cannot replace", &self.out))?;
        self.finished = true;
        Ok(stats)
    }
}

/// Opens the manifest in the marker file.
const MANIFEST_HEADER: &str = "\n# hash length path, of every file of the last build:\n";

/// A previous build's files by path: their length and content hash, from
/// the manifest in its marker file, with the marker's modification time.
/// It vouches for a file only if the file was not modified after the
/// marker was written (by `serve` or by hand): then the previous file need
/// not be read to know it is the same.
#[derive(Default)]
struct Manifest {
    files: FxHashMap<String, (u64, u64)>,
    written: Option<SystemTime>,
}

impl Manifest {
    fn read(marker: &Path) -> Manifest {
        let (Ok(text), Ok(meta)) = (fs::read_to_string(marker), fs::metadata(marker)) else {
            return Manifest::default();
        };
        let Some((_, list)) = text.split_once(MANIFEST_HEADER) else {
            return Manifest::default();
        };
        let files = list
            .lines()
            .filter_map(|line| {
                let (hash, rest) = line.split_once(' ')?;
                let (len, path) = rest.split_once(' ')?;
                let hash = u64::from_str_radix(hash, 16).ok()?;
                Some((path.to_string(), (len.parse().ok()?, hash)))
            })
            .collect();
        Manifest {
            files,
            written: meta.modified().ok(),
        }
    }

    /// Whether the file at `path` (on disk at `file`) is known to hold
    /// `len` bytes hashing to `hash`.
    fn vouches(&self, path: &str, file: &Path, len: u64, hash: u64) -> bool {
        let Some(written) = self.written else {
            return false;
        };
        self.files.get(path) == Some(&(len, hash))
            && fs::symlink_metadata(file).is_ok_and(|meta| {
                meta.is_file()
                    && meta.len() == len
                    && meta.modified().is_ok_and(|modified| modified <= written)
            })
    }
}

/// A hash of a file's bytes for the manifest (SipHash with fixed keys: the
/// same bytes give the same hash from one build to the next).
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Whether the files under `out` (besides the marker) are exactly `paths`.
fn holds_exactly(out: &Path, paths: &[PathBuf]) -> bool {
    let wanted: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut found = 0;
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else {
            return false;
        };
        if rel == Path::new(MARKER) {
            continue;
        }
        if !entry.file_type().is_file() || !wanted.contains(rel) {
            return false;
        }
        found += 1;
    }
    found == wanted.len()
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished && self.dir.exists() {
            let _ = remove_all(&self.dir);
        }
    }
}

/// An exclusive lock on the folder that holds the output, taken by every
/// writer: a second build (or a `serve` session) writing to the same place
/// waits until the first is done, so neither removes the other's staging
/// folder and the output is always one whole build. Released when dropped.
/// (Advisory `flock`, on Linux; elsewhere no lock is taken.)
struct OutputLock {
    _folder: Option<fs::File>,
}

impl OutputLock {
    fn take(parent: &Path) -> io::Result<OutputLock> {
        #[cfg(target_os = "linux")]
        {
            let folder = fs::File::open(parent)?;
            rustix::fs::flock(&folder, rustix::fs::FlockOperation::LockExclusive)?;
            Ok(OutputLock {
                _folder: Some(folder),
            })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = parent;
            Ok(OutputLock { _folder: None })
        }
    }
}

/// Removes a folder and everything in it, its subfolders in parallel.
fn remove_all(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut children = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                children.push(inner?.path());
            }
        }
    }
    children.par_iter().for_each(|child| {
        let _ = match fs::symlink_metadata(child) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(child),
            _ => fs::remove_file(child),
        };
    });
    fs::remove_dir_all(dir)
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// One change to an output folder already written by dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    Write { path: &'a str, bytes: &'a [u8] },
    Remove { path: &'a str },
}

impl Change<'_> {
    fn write_path(&self) -> Option<&str> {
        match self {
            Change::Write { path, .. } => Some(path),
            Change::Remove { .. } => None,
        }
    }
}

/// Applies `changes` to `out` in place, for incremental rebuilds, in two
/// steps: every new file is first written whole under a temporary name
/// beside its place; only when all are written are they renamed over the
/// old ones (a rename takes no space), then the removals done. A reader
/// never sees half a file, and a write that fails (a full disk) leaves the
/// output exactly as it was. Folders left empty are removed.
pub fn update(out: &Path, changes: &[Change]) -> io::Result<()> {
    let parent = normalize(out)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
    let _lock = OutputLock::take(&parent)?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    if let Err(error) = stage_writes(out, changes, &mut staged) {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        // And the folders made for new files, now empty.
        for change in changes {
            if let Some(rel) = change.write_path().and_then(safe_relative) {
                remove_empty_folders(out, &out.join(rel));
            }
        }
        return Err(error);
    }
    for (temporary, target) in &staged {
        fs::rename(temporary, target).map_err(failed("cannot write", target))?;
    }
    for change in changes {
        let Change::Remove { path } = change else {
            continue;
        };
        let Some(rel) = safe_relative(path) else {
            continue;
        };
        let target = out.join(&rel);
        match fs::remove_file(&target) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(failed("cannot remove", &target)(error)),
        }
        remove_empty_folders(out, &target);
    }
    Ok(())
}

/// Writes each file of `changes` under a temporary name beside its place,
/// recording (temporary, place) in `staged`; stops at the first failure
/// (whose own temporary file is already removed; the folders it made are
/// the caller's to remove).
fn stage_writes(
    out: &Path,
    changes: &[Change],
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> io::Result<()> {
    for change in changes {
        let Change::Write { path, bytes } = change else {
            continue;
        };
        let rel = safe_relative(path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe output path `{path}`"),
            )
        })?;
        let target = out.join(&rel);
        let dir = target.parent().unwrap_or(out);
        fs::create_dir_all(dir).map_err(failed("cannot create", dir))?;
        let temporary = write_beside(&target, bytes).map_err(failed("cannot write", &target))?;
        staged.push((temporary, target));
    }
    Ok(())
}

/// Removes the folders above `file` that are empty, up to `out`.
fn remove_empty_folders(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Writes `bytes` to a temporary file beside `path` and returns its name;
/// the temporary file is removed when it cannot be written whole.
fn write_beside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.dossier-{}", std::process::id()));
    match fs::write(&temporary, bytes) {
        Ok(()) => Ok(temporary),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// Replaces the file at `path` with `bytes` through a temporary file beside
/// it, so a reader never sees half a file.
fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = write_beside(path, bytes)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// An error that says what could not be done to which file or folder, as
/// the user knows it: a path of the output, never of the staging folder.
fn failed<'a>(what: &'a str, path: &'a Path) -> impl FnOnce(io::Error) -> io::Error + 'a {
    move |error| {
        io::Error::new(
            error.kind(),
            format!("{what} `{}`: {error}", path.display()),
        )
    }
}

/// What to do about an error writing the output, when there is more to
/// say than the error itself.
pub fn hint_for(error: &io::Error) -> Option<&'static str> {
    use io::ErrorKind::{
        FileTooLarge, PermissionDenied, QuotaExceeded, ReadOnlyFilesystem, StorageFull,
    };
    match error.kind() {
        StorageFull | QuotaExceeded | FileTooLarge => Some(
            "the disk is full, or a file-size limit (`ulimit -f`) was reached: make room and build again",
        ),
        PermissionDenied | ReadOnlyFilesystem => Some(
            "a build writes the new output beside the output folder and swaps it in, so the folder that holds it must be writable too: fix its permissions or choose another --out",
        ),
        _ => None,
    }
}

/// Puts the staged folder in place of `out`, atomically where the system allows.
fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        return fs::rename(staging, out);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous output; the build succeeded
            // even if it cannot be removed (the next build removes it).
            let _ = remove_all(staging);
            return Ok(());
        }
    }
    let old = staging.with_extension("old");
    fs::rename(out, &old)?;
    if let Err(error) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(error);
    }
    let _ = remove_all(&old);
    Ok(())
}

/// Removes staging folders left by interrupted builds.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.dossier-staging-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A `/`-separated output path as a relative path with no `..`, root or prefix.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let rel = PathBuf::from(path);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

/// An absolute path with `.` and `..` resolved, following symbolic links
/// as far as the path exists.
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Canonicalize the longest existing prefix, then append the rest.
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut result = canonical;
            for part in rest.iter().rev() {
                if part == ".." {
                    result.pop();
                } else if part != "." {
                    result.push(part);
                }
            }
            return result;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: std::sync::Arc::new(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_output_whole_and_keeps_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            &out,
            &[
                file("a/index.html", "A"),
                file("b.txt", "B"),
                file("stale.txt", "S"),
            ],
        )
        .unwrap();
        let before = fs::metadata(out.join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let stats = write(&out, &[file("a/index.html", "A"), file("b.txt", "B2")]).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        assert_eq!(
            fs::metadata(out.join("a/index.html"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "B2");
        assert!(!out.join("stale.txt").exists());
        assert!(out.join(MARKER).is_file());
        let siblings: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(siblings, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn updates_in_place_and_removes_emptied_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a/b/index.html", "A"), file("c.txt", "C")]).unwrap();
        update(
            &out,
            &[
                Change::Write {
                    path: "c.txt",
                    bytes: b"C2",
                },
                Change::Remove {
                    path: "a/b/index.html",
                },
                Change::Write {
                    path: "d/e.txt",
                    bytes: b"E",
                },
            ],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "C2");
        assert_eq!(fs::read_to_string(out.join("d/e.txt")).unwrap(), "E");
        assert!(!out.join("a").exists());
        let names: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("dossier-")), "{names:?}");
        assert!(update(
            &out,
            &[Change::Write {
                path: "../x",
                bytes: b""
            }]
        )
        .is_err());
    }

    #[test]
    fn a_failed_update_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a.txt", "A"), file("b/c.txt", "C")]).unwrap();
        let before: Vec<_> = files(&out);
        // The fourth write fails: its folder would be a file.
        let result = update(
            &out,
            &[
                Change::Write {
                    path: "a.txt",
                    bytes: b"A2",
                },
                Change::Write {
                    path: "new/d.txt",
                    bytes: b"D",
                },
                Change::Write {
                    path: "b/c.txt",
                    bytes: b"C2",
                },
                Change::Write {
                    path: "a.txt/x.txt",
                    bytes: b"X",
                },
                Change::Remove { path: "b/c.txt" },
            ],
        );
        let error = result.unwrap_err().to_string();
        assert!(
            error.contains("cannot create") && error.contains("a.txt"),
            "{error}"
        );
        assert_eq!(files(&out), before);
        assert_eq!(fs::read_to_string(out.join("b/c.txt")).unwrap(), "C");
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "A");
    }

    /// Every path under `dir`, relative, sorted.
    fn files(dir: &Path) -> Vec<String> {
        let mut all: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
            .collect();
        all.sort();
        all
    }

    #[test]
    fn refuses_unsafe_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/briefs")).unwrap();
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, root.parent().unwrap()).is_err());
        assert!(check_output(root, &root.join("content/out")).is_err());
        assert!(check_output(root, &root.join("mine")).is_err());
        assert!(check_output(root, &root.join("mine/notes.txt")).is_err());
        assert!(check_output(root, &root.join("public")).is_ok());
        assert!(check_output(root, &root.join("content/../public")).is_ok());
    }

    #[test]
    fn output_paths_never_leave_the_folder() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/x").is_none());
        assert!(safe_relative("a/./b").is_some() || safe_relative("a/./b").is_none());
        assert!(safe_relative("briefs/x/index.html").is_some());
    }
}
