//! `update`: serve's all-or-nothing in-place update of the output
//! folder, writing only what changed.

use super::*;

/// One change to an output folder already written by dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    Write { path: &'a str, bytes: &'a [u8] },
    Remove { path: &'a str },
}

impl Change<'_> {
    pub(super) fn write_path(&self) -> Option<&str> {
        match self {
            Change::Write { path, .. } => Some(path),
            Change::Remove { .. } => None,
        }
    }
}

/// What [`update`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Updated {
    /// The changes are in the folder, and its marker's manifest.
    Done,
    /// Nothing: the folder is no longer as dossier last wrote it (its
    /// marker changed or is gone); only a whole build may go there.
    NotAsWritten,
}

/// Applies `changes` to `out` in place, for incremental rebuilds, if the
/// folder is still as `written` says, in two steps: every new file (the
/// marker with its manifest last) is first written whole under a
/// temporary name beside its place; only when all are written are they
/// renamed over the old ones (a rename takes no space), then the removals
/// done. A reader never sees half a file, and a write that fails (a full
/// disk) or is stopped by a signal leaves the output exactly as it was,
/// no temporary file behind. Folders left empty are removed.
pub fn update(out: &OutputDir, written: &mut Written, changes: &[Change]) -> io::Result<Updated> {
    let parent = out.parent();
    let out = out.path();
    let _lock = OutputLock::take(parent).map_err(failed("cannot lock", parent))?;
    let _activity = stop::Activity::begin()?;
    if !written.holds(out) {
        return Ok(Updated::NotAsWritten);
    }
    if changes.is_empty() {
        // Nothing to write, not even the marker.
        return Ok(Updated::Done);
    }
    let mut next = written.changed(changes);
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let staging = stage_writes(out, changes, &mut staged).and_then(|()| {
        stop::check()?;
        let marker = out.join(MARKER);
        let temporary = write_beside(&marker, next.marker().as_bytes())
            .map_err(failed("cannot write", &marker))?;
        staged.push((temporary, marker));
        Ok(())
    });
    if let Err(error) = staging {
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
    next.stamp(out);
    *written = next;
    Ok(Updated::Done)
}

/// Writes each file of `changes` under a temporary name beside its place,
/// recording (temporary, place) in `staged`; stops at the first failure
/// (whose own temporary file is already removed; the folders it made are
/// the caller's to remove).
pub(super) fn stage_writes(
    out: &Path,
    changes: &[Change],
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> io::Result<()> {
    for change in changes {
        let Change::Write { path, bytes } = change else {
            continue;
        };
        stop::check()?;
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
pub(super) fn remove_empty_folders(out: &Path, file: &Path) {
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
pub(super) fn write_beside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let temporary = temporary_beside(path);
    match fs::write(&temporary, bytes) {
        Ok(()) => Ok(temporary),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// The temporary name beside `path`: `.NAME.dossier-PID`. (A run killed
/// before renaming it leaves it: the next build replaces the folder whole,
/// and `serve` starts with one.)
pub(super) fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.dossier-{}", std::process::id()))
}

/// Replaces the file at `path` with `bytes` through a temporary file beside
/// it, so a reader never sees half a file.
pub(super) fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = write_beside(path, bytes)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}
