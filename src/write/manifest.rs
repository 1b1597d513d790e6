//! The manifest in the output folder's marker: every file of the last
//! build with its length and hash, so that the next build need not read
//! an unchanged file back.

use super::*;

/// What dossier last wrote into an output folder: its marker, with the
/// manifest of its files, as it was on disk once written. `serve` updates
/// the folder in place only while its marker is still that file;
/// otherwise something else (a build, `rm -rf`) changed the folder, and a
/// whole build is written.
#[derive(Debug, Clone)]
pub struct Written {
    /// The marker's text: a line per file, by path.
    marker: String,
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
        let mut marker = String::from(MARKER_TEXT);
        marker.push_str(MANIFEST_HEADER);
        for (path, &(len, hash)) in &files {
            push_line(&mut marker, path, len, hash);
        }
        Written {
            marker,
            stamp: None,
        }
    }

    /// The marker's text.
    pub(super) fn marker(&self) -> &str {
        &self.marker
    }

    /// The marker in `out` is now the one written.
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

    /// The marker's text with `changes` applied (the last change to a path
    /// wins), the same as a whole write of the files would give: the lines
    /// of the paths changed are found by binary search in the text and the
    /// rest is copied, so that an edit does not format 90,000 lines.
    pub(super) fn changed(&self, changes: &[Change]) -> Written {
        let mut next: Vec<(&str, Option<(u64, u64)>)> = changes
            .iter()
            .map(|change| match change {
                Change::Write { path, bytes } => {
                    (*path, Some((bytes.len() as u64, content_hash(bytes))))
                }
                Change::Remove { path } => (*path, None),
            })
            .collect();
        // Stable: of two changes to one path, the later stays last.
        next.sort_by(|a, b| a.0.cmp(b.0));
        next.reverse();
        next.dedup_by(|a, b| a.0 == b.0);
        next.reverse();
        let text = &self.marker;
        let list = text
            .find(MANIFEST_HEADER)
            .map_or(text.len(), |at| at + MANIFEST_HEADER.len());
        let mut marker = String::with_capacity(text.len() + 128 * next.len());
        let mut at = list;
        marker.push_str(&text[..at]);
        for (path, value) in next {
            let start = first_line_from(text, at, path);
            marker.push_str(&text[at..start]);
            let (found, end) = line_at(text, start);
            at = if found == path { end } else { start };
            if let Some((len, hash)) = value {
                push_line(&mut marker, path, len, hash);
            }
        }
        marker.push_str(&text[at..]);
        Written {
            marker,
            stamp: None,
        }
    }
}

/// The start of the first manifest line at or after `from` (a line start)
/// whose path is not before `path`, by binary search over the bytes.
fn first_line_from(text: &str, from: usize, path: &str) -> usize {
    let (mut low, mut high) = (from, text.len());
    // Lines starting before `low` are before `path`; the line at `high`
    // (or the end) is not.
    while low < high {
        let mid = low + (high - low) / 2;
        let start = text[low..mid].rfind('\n').map_or(low, |i| low + i + 1);
        let (found, end) = line_at(text, start);
        if found < path {
            low = end;
        } else {
            high = start;
        }
    }
    low
}

/// The path of the manifest line starting at `start`, and where the next
/// line starts.
fn line_at(text: &str, start: usize) -> (&str, usize) {
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let line = text[start..end].trim_end_matches('\n');
    let path = line.splitn(3, ' ').nth(2).unwrap_or_default();
    (path, end)
}

/// A manifest line: the hash in 16 hexadecimal digits, the length, the
/// path. Written out by hand: with `format!`, 90,000 lines took a fifth of
/// a whole build's write.
fn push_line(marker: &mut String, path: &str, len: u64, hash: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut line = [0u8; 16 + 1 + 20 + 1];
    for (i, digit) in line[..16].iter_mut().enumerate() {
        *digit = HEX[((hash >> (4 * (15 - i))) & 0xf) as usize];
    }
    line[16] = b' ';
    let mut digits = [0u8; 20];
    let mut rest = len;
    let mut n = 0;
    loop {
        digits[19 - n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    line[17..17 + n].copy_from_slice(&digits[20 - n..]);
    line[17 + n] = b' ';
    // ASCII digits and spaces only: still UTF-8.
    marker.push_str(std::str::from_utf8(&line[..18 + n]).unwrap_or_default());
    marker.push_str(path);
    marker.push('\n');
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
