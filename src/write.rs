//! Stage 4, write: the only writer of the output folder. A build is staged
//! in a temporary sibling folder and swapped in whole, so a failed or
//! interrupted build leaves the previous output exactly as it was. Files
//! whose bytes did not change are hard-linked from the previous output and
//! so keep their modification time; a build that changes nothing writes
//! nothing. An output folder that cannot be swapped (a mount point) is
//! updated in place instead, all or nothing all the same.
//!
//! - `folder`: [`OutputDir`], the output folder resolved and checked once;
//! - `stop`: writes that end cleanly, temporary files removed, on a signal.

mod folder;
mod lock;
mod manifest;
mod stop;
mod update;

pub use folder::{OutputDir, Refusal};
use lock::OutputLock;
use manifest::{content_hash, Manifest};
pub use manifest::{previous_files, Written};
pub use stop::{stop, stopped_by};
use update::{remove_empty_folders, replace_file, temporary_beside};
pub use update::{update, Change, Updated};

use crate::render::{Digest, OutputFile};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashSet};
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

/// Writes `files` as the new content of `out`; what was written, to
/// update it in place later.
pub fn write(out: &OutputDir, files: &[OutputFile]) -> io::Result<(WriteStats, Written)> {
    use rayon::prelude::*;
    let staging = Staging::begin(out)?;
    files.par_iter().try_for_each(|file| staging.file(file))?;
    staging.finish_with(swap)
}

/// A build's output being written: files go into a temporary sibling of
/// the output folder, from any number of threads, and [`Staging::finish`]
/// swaps it in whole. Dropped unfinished, it is removed and the previous
/// output stays as it was.
///
/// Over a previous output, the staging folder is only made once a file
/// differs from it: a build of unchanged content writes nothing at all.
///
/// An output folder that is a mount point cannot be swapped: then the
/// staging folder is made inside it, and its files are renamed into place
/// at the end (`move_in`).
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The staging folder is inside the output folder, moved in at the end.
    in_place: bool,
    /// The folders made to hold the output folder, removed again when the
    /// build writes nothing.
    made: MadeFolders,
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
    _activity: stop::Activity,
    _lock: OutputLock,
}

impl Staging {
    /// Starts writing a new content for `out` (removing what interrupted
    /// builds left behind).
    pub fn begin(out: &OutputDir) -> io::Result<Staging> {
        Staging::begin_with(out, is_mount_point(out.path()))
    }

    /// [`Staging::begin`], staging inside the output folder when `in_place`.
    fn begin_with(out: &OutputDir, in_place: bool) -> io::Result<Staging> {
        let parent = out.parent().to_path_buf();
        let name = out.name().to_string_lossy().into_owned();
        let made = MadeFolders::create(&parent)?;
        let lock = OutputLock::take(&parent).map_err(failed("cannot lock", &parent))?;
        let activity = stop::Activity::begin()?;
        let out = out.path().to_path_buf();
        remove_leftovers(&parent, &name);
        remove_leftovers(&out, "");
        let id = std::process::id();
        let dir = if in_place {
            out.join(format!(".dossier-staging-{id}"))
        } else {
            parent.join(format!(".{name}.dossier-staging-{id}"))
        };
        let has_previous = fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file());
        if !has_previous {
            fs::create_dir_all(&dir).map_err(failed("cannot write in", &parent))?;
        }
        let previous = Manifest::read(&out.join(MARKER));
        Ok(Staging {
            out,
            dir,
            in_place,
            made,
            pending: Mutex::new(has_previous.then(Vec::new)),
            previous,
            manifest: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            finished: false,
            _activity: activity,
            _lock: lock,
        })
    }

    /// Stages one file: hard-linked from the previous output when its
    /// bytes are the same (keeping its modification time), written otherwise.
    pub fn file(&self, file: &OutputFile) -> io::Result<()> {
        stop::check()?;
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
            // Across file systems (a mount point), a copy.
            fs::hard_link(&previous, &target)
                .or_else(|_| fs::copy(&previous, &target).map(drop))
                .map_err(failed("cannot write", &previous))
        })
    }

    /// Marks the staged folder as dossier's and swaps it in for the output;
    /// when every file was unchanged and none is left over, keeps the
    /// output as it is.
    pub fn finish(self) -> io::Result<WriteStats> {
        self.finish_with(swap).map(|(stats, _)| stats)
    }

    /// [`Staging::finish`], with what was written, to update it in place later.
    pub fn finish_written(self) -> io::Result<(WriteStats, Written)> {
        self.finish_with(swap)
    }

    /// [`Staging::finish`], swapping with `swap`; when the output folder
    /// cannot be swapped (`EBUSY`: a mount point; `EXDEV`: its parent is
    /// on another file system), the staged files are moved in instead.
    fn finish_with(
        mut self,
        swap: impl FnOnce(&Path, &Path) -> io::Result<()>,
    ) -> io::Result<(WriteStats, Written)> {
        stop::check()?;
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let manifest =
            std::mem::take(&mut *self.manifest.lock().unwrap_or_else(|e| e.into_inner()));
        let mut written = Written::new(
            manifest
                .into_iter()
                .map(|(path, len, hash)| (path, (len, hash)))
                .collect(),
        );
        let marker = written.marker().to_string();
        let marker_text = marker.as_bytes();
        let previous = self.out.join(MARKER);
        if let Some(unchanged) = pending {
            if holds_exactly(&self.out, &unchanged) {
                // Nothing to write but, from an older dossier, the manifest.
                if !same_bytes(&previous, marker_text) {
                    replace_file(&previous, marker_text)
                        .map_err(failed("cannot write", &previous))?;
                }
                written.stamp(&self.out);
                self.finished = true;
                return Ok((stats, written));
            }
            self.stage_unchanged(&unchanged)?;
        }
        let marker = self.dir.join(MARKER);
        if !(same_bytes(&previous, marker_text) && fs::hard_link(&previous, &marker).is_ok()) {
            fs::write(&marker, marker_text).map_err(failed("cannot write", &previous))?;
        }
        if self.in_place {
            move_in(&self.dir, &self.out)?;
        } else {
            match swap(&self.dir, &self.out) {
                Ok(()) => {}
                Err(error) if cannot_swap(&error) => move_in(&self.dir, &self.out)?,
                Err(error) => return Err(failed("cannot replace", &self.out)(error)),
            }
        }
        written.stamp(&self.out);
        self.finished = true;
        Ok((stats, written))
    }
}

/// Whether a swap failed because the output folder cannot be renamed
/// (a mount point) or not across file systems.
fn cannot_swap(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices
    )
}

/// The folders made to hold the output folder (its missing ancestors):
/// removed again, if still empty, when the build ends without output.
struct MadeFolders {
    /// The highest folder made, and the output's parent.
    made: Option<(PathBuf, PathBuf)>,
}

impl MadeFolders {
    fn create(parent: &Path) -> io::Result<MadeFolders> {
        let mut top = None;
        let mut dir = Some(parent);
        while let Some(d) = dir {
            if fs::symlink_metadata(d).is_ok() {
                break;
            }
            top = Some(d.to_path_buf());
            dir = d.parent();
        }
        let made = MadeFolders {
            made: top.map(|top| (top, parent.to_path_buf())),
        };
        fs::create_dir_all(parent).map_err(|error| {
            made.remove();
            failed("cannot create", parent)(error)
        })?;
        Ok(made)
    }

    /// Removes the folders made, from the lowest, while they are empty.
    fn remove(&self) {
        let Some((top, parent)) = &self.made else {
            return;
        };
        let mut dir = Some(parent.as_path());
        while let Some(d) = dir {
            if !d.starts_with(top) || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
}

/// Moves a staged build into `out` in place, for an output folder that
/// cannot be swapped: every staged file that differs is first put beside
/// its place (where it is not already: renamed, or copied from another
/// file system), then all are renamed into place, then the files of the
/// previous output that the build does not have are removed (leftovers
/// of interrupted runs too), and the staging folder. Until the renames, a
/// failure leaves `out` exactly as it was.
fn move_in(staged: &Path, out: &Path) -> io::Result<()> {
    let inside = staged.starts_with(out);
    let mut keep: HashSet<PathBuf> = HashSet::new();
    let mut placed: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut beside: Vec<PathBuf> = Vec::new();
    // The places whose folders may have been made.
    let mut touched: Vec<PathBuf> = Vec::new();
    let mut place = || -> io::Result<()> {
        for entry in walkdir::WalkDir::new(staged).min_depth(1) {
            let entry = entry.map_err(io::Error::from)?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(staged)
                .map_err(io::Error::other)?
                .to_path_buf();
            let target = out.join(&rel);
            keep.insert(rel);
            if same_file(entry.path(), &target) {
                continue;
            }
            let dir = target.parent().unwrap_or(out);
            touched.push(target.clone());
            fs::create_dir_all(dir).map_err(failed("cannot create", dir))?;
            if inside {
                placed.push((entry.path().to_path_buf(), target));
                continue;
            }
            let temporary = temporary_beside(&target);
            beside.push(temporary.clone());
            match fs::rename(entry.path(), &temporary) {
                Ok(()) => {}
                Err(error) if error.kind() == io::ErrorKind::CrossesDevices => {
                    fs::copy(entry.path(), &temporary).map_err(failed("cannot write", &target))?;
                }
                Err(error) => return Err(failed("cannot write", &target)(error)),
            }
            placed.push((temporary, target));
        }
        Ok(())
    };
    if let Err(error) = place() {
        for temporary in &beside {
            let _ = fs::remove_file(temporary);
        }
        for target in &touched {
            remove_empty_folders(out, target);
        }
        return Err(error);
    }
    for (from, target) in &placed {
        fs::rename(from, target).map_err(failed("cannot write", target))?;
    }
    remove_stale(out, &keep, staged);
    let _ = remove_all(staged);
    Ok(())
}

/// Removes everything under `out` but `keep` (paths relative to it) and
/// `staged`, and the folders left empty.
fn remove_stale(out: &Path, keep: &HashSet<PathBuf>, staged: &Path) {
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.path() != staged)
        .flatten()
        .collect();
    // Files first, then folders from the deepest, once emptied.
    for entry in entries.iter().filter(|e| !e.file_type().is_dir()) {
        if let Ok(rel) = entry.path().strip_prefix(out) {
            if !keep.contains(rel) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    for entry in entries.iter().rev().filter(|e| e.file_type().is_dir()) {
        let _ = fs::remove_dir(entry.path());
    }
}

/// Whether `staged` needs no move: it is `target` (a hard link), or
/// holds the same bytes.
fn same_file(staged: &Path, target: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::symlink_metadata(staged), fs::symlink_metadata(target)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if a.dev() == b.dev() && a.ino() == b.ino() {
            return true;
        }
    }
    a.is_file()
        && b.is_file()
        && a.len() == b.len()
        && fs::read(staged).is_ok_and(|bytes| same_bytes(target, &bytes))
}

/// Whether `path` is a folder on which another file system is mounted
/// (a container volume, a tmpfs): it cannot be renamed.
fn is_mount_point(path: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{statx, AtFlags, StatxAttributes, StatxFlags, CWD};
        if let Ok(st) = statx(
            CWD,
            path,
            AtFlags::SYMLINK_NOFOLLOW,
            StatxFlags::BASIC_STATS,
        ) {
            if st.stx_attributes_mask.contains(StatxAttributes::MOUNT_ROOT) {
                return st.stx_attributes.contains(StatxAttributes::MOUNT_ROOT);
            }
        }
    }
    // Without statx: on another device than its parent.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(meta), Some(Ok(parent))) =
            (fs::symlink_metadata(path), path.parent().map(fs::metadata))
        {
            return meta.is_dir() && meta.dev() != parent.dev();
        }
    }
    false
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
        if !self.finished {
            if self.dir.exists() {
                let _ = remove_all(&self.dir);
            }
            if !self.out.exists() {
                self.made.remove();
            }
        }
    }
}

/// Removes a folder and everything in it, its subfolders in parallel.
fn remove_all(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    if fs::symlink_metadata(dir)?.file_type().is_symlink() {
        // A link is removed, never what it leads to.
        return fs::remove_file(dir);
    }
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

/// Removes staging folders left by interrupted builds in `parent`: those
/// beside the output folder `name`, or with `name` empty, those inside it.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = if name.is_empty() {
        ".dossier-staging-".to_string()
    } else {
        format!(".{name}.dossier-staging-")
    };
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

#[cfg(test)]
mod tests;
