//! The manifest in the output folder's marker: every file of the last
//! build with its length and hash, so that the next build need not read
//! an unchanged file back.

use super::*;

/// What dossier last wrote into an output folder: the manifest of its
/// files, and the marker file holding it as it was on disk once written.
/// `serve` updates the folder in place only while its marker is still
/// that file; otherwise something else (a build, `rm -rf`) changed the
/// folder, and a whole build is written.
#[derive(Debug, Clone)]
pub struct Written {
    /// Path to length and content hash.
    pub(super) files: BTreeMap<String, (u64, u64)>,
    /// The marker file once written (`None` until then): told apart from
    /// any other by its metadata, without reading its megabytes again.
    stamp: Option<Stamp>,
}

/// What tells one marker file from another without reading it: its
/// length and times and, on Unix, its device and inode. Writing or
/// replacing the file changes its change time (`ctime`, which no tool
/// sets back), so a marker rewritten by another build, by hand, or
/// removed with its folder, is never taken for the one `serve` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    unix: [i64; 4],
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::symlink_metadata(path).ok().filter(|m| m.is_file())?;
        #[cfg(unix)]
        let unix = {
            use std::os::unix::fs::MetadataExt;
            [
                meta.dev() as i64,
                meta.ino() as i64,
                meta.ctime(),
                meta.ctime_nsec(),
            ]
        };
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            unix,
        })
    }
}

impl Written {
    /// The folder holds `files`; its marker is not written yet.
    pub(super) fn new(files: BTreeMap<String, (u64, u64)>) -> Written {
        Written { files, stamp: None }
    }

    /// The marker's text: the manifest of `files`.
    pub(super) fn marker(&self) -> String {
        marker_text(
            self.files
                .iter()
                .map(|(path, &(len, hash))| (path.as_str(), len, hash)),
        )
    }

    /// The marker in `out` is now the one written for these files.
    pub(super) fn stamp(&mut self, out: &Path) {
        self.stamp = Stamp::of(&out.join(MARKER));
    }

    /// Whether the output folder is still as dossier left it (its marker
    /// is the one written): then it may be updated in place.
    pub fn is_current(&self, out: &OutputDir) -> bool {
        self.holds(out.path())
    }

    /// Whether the folder's marker is still the one written.
    pub(super) fn holds(&self, out: &Path) -> bool {
        self.stamp.is_some() && Stamp::of(&out.join(MARKER)) == self.stamp
    }

    /// The marker's text with `changes` applied, and the changes as they
    /// apply to the manifest, by path (the last change to a path wins);
    /// the manifest itself is not changed (see [`Written::apply`]).
    pub(super) fn changed(
        &self,
        changes: &[Change],
    ) -> (String, Vec<(String, Option<(u64, u64)>)>) {
        let mut next: Vec<(String, Option<(u64, u64)>)> = changes
            .iter()
            .map(|change| match change {
                Change::Write { path, bytes } => (
                    path.to_string(),
                    Some((bytes.len() as u64, content_hash(bytes))),
                ),
                Change::Remove { path } => (path.to_string(), None),
            })
            .collect();
        // Stable: of two changes to one path, the later stays last.
        next.sort_by(|a, b| a.0.cmp(&b.0));
        next.reverse();
        next.dedup_by(|a, b| a.0 == b.0);
        next.reverse();
        // Walk the manifest and the changes together, both by path.
        let mut changed = next.iter().peekable();
        let mut entries = Vec::with_capacity(self.files.len() + next.len());
        for (path, &(len, hash)) in &self.files {
            while let Some((new, value)) = changed.next_if(|(new, _)| new.as_str() < path.as_str())
            {
                entries.extend(value.map(|(len, hash)| (new.as_str(), len, hash)));
            }
            match changed.next_if(|(new, _)| new == path) {
                Some((_, value)) => {
                    entries.extend(value.map(|(len, hash)| (path.as_str(), len, hash)))
                }
                None => entries.push((path.as_str(), len, hash)),
            }
        }
        for (new, value) in changed {
            entries.extend(value.map(|(len, hash)| (new.as_str(), len, hash)));
        }
        (marker_text(entries.into_iter()), next)
    }

    /// Applies changes from [`Written::changed`] once they are written.
    pub(super) fn apply(&mut self, changes: Vec<(String, Option<(u64, u64)>)>) {
        for (path, value) in changes {
            match value {
                Some(value) => {
                    self.files.insert(path, value);
                }
                None => {
                    self.files.remove(&path);
                }
            }
        }
    }
}

/// The marker's text for files (path, length, hash) in path order: a
/// line each, the hash in 16 hexadecimal digits. Written out by hand: for
/// 90,000 files, `format!` took a third of the time of an edit in `serve`.
fn marker_text<'a>(files: impl Iterator<Item = (&'a str, u64, u64)>) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut marker = String::from(MARKER_TEXT);
    marker.push_str(MANIFEST_HEADER);
    let mut line = Vec::with_capacity(64);
    for (path, len, hash) in files {
        line.clear();
        line.extend(
            (0..16)
                .rev()
                .map(|i| HEX[((hash >> (4 * i)) & 0xf) as usize]),
        );
        line.push(b' ');
        let digits = line.len();
        let mut rest = len;
        loop {
            line.push(b'0' + (rest % 10) as u8);
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        line[digits..].reverse();
        line.push(b' ');
        // ASCII digits and spaces only: still UTF-8.
        marker.push_str(std::str::from_utf8(&line).unwrap_or_default());
        marker.push_str(path);
        marker.push('\n');
    }
    marker
}

/// Opens the manifest in the marker file.
pub(super) const MANIFEST_HEADER: &str = "\n# hash length path, of every file of the last build:\n";

/// A previous build's files by path: their length and content hash, from
/// the manifest in its marker file, with the marker's modification time.
/// It vouches for a file only if the file was not modified after the
/// marker was written (by `serve` or by hand): then the previous file need
/// not be read to know it is the same.
#[derive(Default)]
pub(super) struct Manifest {
    pub(super) files: FxHashMap<String, (u64, u64)>,
    pub(super) written: Option<SystemTime>,
}

impl Manifest {
    pub(super) fn read(marker: &Path) -> Manifest {
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
    pub(super) fn vouches(&self, path: &str, file: &Path, len: u64, hash: u64) -> bool {
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

/// A hash of a file's bytes for the manifest (see [`Digest`]).
pub(super) fn content_hash(bytes: &[u8]) -> u64 {
    Digest::of(bytes).hash
}

/// The files a previous build left in `out`, with their digests, as the
/// manifest in its marker lists them (each path checked as the build
/// checks its own); `None` when there is no manifest or it lists nothing.
/// `serve` shows them while its first build runs.
pub fn previous_files(out: &OutputDir) -> Option<BTreeMap<String, Digest>> {
    let manifest = Manifest::read(&out.path().join(MARKER));
    manifest.written?;
    let files: BTreeMap<String, Digest> = manifest
        .files
        .into_iter()
        .filter(|(path, _)| !is_reserved(path) && safe_relative(path).is_some())
        .map(|(path, (len, hash))| (path, Digest { len, hash }))
        .collect();
    (!files.is_empty()).then_some(files)
}
