//! The manifest in the output folder's marker: every file of the last
//! build with its length and hash, so that the next build need not read
//! an unchanged file back.

use super::*;

/// What dossier last wrote into an output folder: the manifest of its
/// files and the marker holding it. `serve` updates the folder in place
/// only while its marker is still this one; otherwise something else
/// (a build, `rm -rf`) changed the folder, and a whole build is written.
#[derive(Debug, Clone)]
pub struct Written {
    /// Path to length and content hash.
    pub(super) files: BTreeMap<String, (u64, u64)>,
    /// The marker's text, the manifest included.
    pub(super) marker: String,
}

impl Written {
    pub(super) fn new(files: BTreeMap<String, (u64, u64)>) -> Written {
        let mut marker = String::from(MARKER_TEXT);
        marker.push_str(MANIFEST_HEADER);
        for (path, (len, hash)) in &files {
            let _ = writeln!(marker, "{hash:016x} {len} {path}");
        }
        Written { files, marker }
    }

    /// Whether the output folder is still as dossier left it (its marker
    /// is the one written): then it may be updated in place.
    pub fn is_current(&self, out: &OutputDir) -> bool {
        self.holds(out.path())
    }

    /// Whether the folder's marker is still the one written.
    pub(super) fn holds(&self, out: &Path) -> bool {
        same_bytes(&out.join(MARKER), self.marker.as_bytes())
    }

    /// With `changes` applied.
    pub(super) fn changed(&self, changes: &[Change]) -> Written {
        let mut files = self.files.clone();
        for change in changes {
            match change {
                Change::Write { path, bytes } => {
                    files.insert(path.to_string(), (bytes.len() as u64, content_hash(bytes)));
                }
                Change::Remove { path } => {
                    files.remove(*path);
                }
            }
        }
        Written::new(files)
    }
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
