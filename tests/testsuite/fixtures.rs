//! Test sites: fixture folders copied into temporary directories, small
//! edits to them, running the `dossier` binary, snapshots of folders, and
//! fresh in-memory builds to compare rebuilds with.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;
use tempfile::TempDir;

/// The repository: its own example site lives here.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture_dir(name: &str) -> PathBuf {
    repository().join("tests/fixtures").join(name)
}

/// A site in a temporary folder: `<temp>/site`, built into `<temp>/site/public`
/// unless a test says otherwise. The folder is removed when the value drops.
pub struct Site {
    temp: TempDir,
    root: PathBuf,
}

impl Site {
    /// A fresh copy of `tests/fixtures/<name>`.
    pub fn from_fixture(name: &str) -> Site {
        let temp = tempfile::tempdir().expect("create a temporary folder");
        let root = temp.path().join("site");
        copy_tree(&fixture_dir(name), &root);
        Site { temp, root }
    }

    /// An empty site folder: the test writes what it needs.
    pub fn empty() -> Site {
        let temp = tempfile::tempdir().expect("create a temporary folder");
        let root = temp.path().join("site");
        fs::create_dir_all(&root).expect("create the site folder");
        Site { temp, root }
    }

    /// The temporary folder holding the site (the root's parent).
    pub fn temp(&self) -> &Path {
        self.temp.path()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `root/rel`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The default output folder, `root/public`.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Writes `rel` (creating folders), replacing any file there.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap_or_else(|e| panic!("cannot write {rel}: {e}"));
    }

    /// Replaces the one occurrence of `from` in `rel` with `to`; panics if
    /// `from` is missing or occurs more than once, so a mutation never
    /// silently misses its target.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        let count = text.matches(from).count();
        assert_eq!(
            count, 1,
            "`{from}` occurs {count} times in {rel}, expected once"
        );
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Appends `text` to `rel`.
    pub fn append(&self, rel: &str, text: &str) {
        let mut contents = self.read(rel);
        contents.push_str(text);
        self.write(rel, contents);
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("cannot remove {rel}: {e}"));
    }

    /// `dossier build --root ROOT ARGS…`.
    /// Names in the site's root folder (where the output's staging folders
    /// go) that contain `fragment`.
    pub fn names_in_root(&self, fragment: &str) -> Vec<String> {
        fs::read_dir(self.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(fragment))
            .collect()
    }

    pub fn build(&self, args: &[&str]) -> Run {
        let mut all: Vec<&OsStr> = vec![
            OsStr::new("build"),
            OsStr::new("--root"),
            self.root.as_os_str(),
        ];
        all.extend(args.iter().map(OsStr::new));
        dossier(&all)
    }

    /// `dossier build --root ROOT --out OUT ARGS…`.
    pub fn build_into(&self, out: &Path, args: &[&str]) -> Run {
        let mut all: Vec<&OsStr> = vec![
            OsStr::new("build"),
            OsStr::new("--root"),
            self.root.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ];
        all.extend(args.iter().map(OsStr::new));
        dossier(&all)
    }

    /// `dossier check --root ROOT ARGS…`.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut all: Vec<&OsStr> = vec![
            OsStr::new("check"),
            OsStr::new("--root"),
            self.root.as_os_str(),
        ];
        all.extend(args.iter().map(OsStr::new));
        dossier(&all)
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Panics, showing stderr, unless the run exited with `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "dossier exited with {} instead of {code}; stderr:\n{}\nstdout:\n{}",
            self.code, self.stderr, self.stdout
        );
        self
    }

    pub fn expect_success(&self) -> &Run {
        self.expect_code(0)
    }

    /// The last line of stderr: the run's summary.
    pub fn summary(&self) -> &str {
        self.stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }
}

/// Runs the dossier binary with `args`, without colours.
pub fn dossier<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run the dossier binary");
    Run::from(output)
}

/// Copies a folder recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in
        fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()))
    {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (hidden ones included), as `/`-separated
/// relative paths, sorted. Empty when `dir` does not exist.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, files: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &rel, files);
            } else {
                files.push(rel);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files);
    files.sort();
    files
}

/// One file of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub bytes: Vec<u8>,
    pub modified: SystemTime,
}

/// Every file under a folder with its bytes and modification time.
pub type Snapshot = BTreeMap<String, FileState>;

pub fn snapshot(dir: &Path) -> Snapshot {
    files_under(dir)
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let state = FileState {
                bytes: fs::read(&path).unwrap(),
                modified: fs::metadata(&path).unwrap().modified().unwrap(),
            };
            (rel, state)
        })
        .collect()
}

/// Panics with the list of differences unless both snapshots hold the same
/// files with the same bytes and modification times.
pub fn assert_same_snapshot(before: &Snapshot, after: &Snapshot, what: &str) {
    let mut differences = Vec::new();
    for (path, old) in before {
        match after.get(path) {
            None => differences.push(format!("removed: {path}")),
            Some(new) if new.bytes != old.bytes => {
                differences.push(format!("bytes changed: {path}"))
            }
            Some(new) if new.modified != old.modified => {
                differences.push(format!("modification time changed: {path}"))
            }
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        differences.push(format!("added: {path}"));
    }
    assert!(
        differences.is_empty(),
        "{what}:\n  {}",
        differences.join("\n  ")
    );
}

/// Panics unless both folders hold the same files with the same bytes
/// (modification times are not compared).
pub fn assert_same_bytes(a: &Path, b: &Path) {
    let (left, right) = (snapshot(a), snapshot(b));
    let mut differences = Vec::new();
    for (path, state) in &left {
        match right.get(path) {
            None => differences.push(format!("only in {}: {path}", a.display())),
            Some(other) if other.bytes != state.bytes => {
                differences.push(format!("different bytes: {path}"))
            }
            Some(_) => {}
        }
    }
    for path in right.keys().filter(|p| !left.contains_key(*p)) {
        differences.push(format!("only in {}: {path}", b.display()));
    }
    assert!(
        differences.is_empty(),
        "the two output folders differ:\n  {}",
        differences.join("\n  ")
    );
}

/// Sets the modification time of every file under `dir` to `time`.
pub fn set_modified_all(dir: &Path, time: SystemTime) {
    for rel in files_under(dir) {
        let file = fs::File::options()
            .write(true)
            .open(dir.join(&rel))
            .unwrap();
        file.set_modified(time).unwrap();
    }
}

/// Splits a content file into its YAML front matter (parsed) and body.
pub fn front_matter(text: &str) -> (serde_yaml::Value, String) {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let rest = text
        .strip_prefix("---\n")
        .expect("a content file starts with `---`");
    let (yaml, body) = if let Some(body) = rest.strip_prefix("---\n") {
        ("", body)
    } else {
        match rest.find("\n---\n") {
            Some(i) => (&rest[..i + 1], &rest[i + 5..]),
            None => (rest.strip_suffix("\n---").expect("closed front matter"), ""),
        }
    };
    let value = if yaml.trim().is_empty() {
        serde_yaml::Value::Null
    } else {
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("front matter: {e}"))
    };
    (value, body.to_string())
}

/// A fresh in-memory build (`dossier::render_site`), as a rebuild must
/// equal it: the output by path, and every diagnostic. Panics only when
/// the build cannot start (an unusable root).
pub fn fresh_build(
    options: &dossier::BuildOptions,
) -> (BTreeMap<String, Vec<u8>>, Vec<dossier::Diagnostic>) {
    let (files, diagnostics) = dossier::render_site(options)
        .unwrap_or_else(|f| panic!("a fresh build could not start: {f:?}"));
    let files = files
        .into_iter()
        .map(|f| (f.path, f.bytes.to_vec()))
        .collect();
    (files, diagnostics)
}

/// The files of an output folder by path, its marker left out.
pub fn output_folder(out: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(out)
        .into_iter()
        .filter(|p| p != dossier::write::MARKER)
        .map(|p| {
            let bytes = fs::read(out.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Differences between the files a session lists (with their digests)
/// and a fresh build's, one line each.
pub fn listed_differences(
    listed: &dossier::serve::session::Output,
    right: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut lines = Vec::new();
    for (path, digest) in listed {
        match right.get(path) {
            None => lines.push(format!("listed, not in a fresh build: {path}")),
            Some(bytes) if dossier::render::Digest::of(bytes) != *digest => {
                lines.push(format!("listed with another digest: {path}"))
            }
            Some(_) => {}
        }
    }
    for path in right.keys().filter(|p| !listed.contains_key(*p)) {
        lines.push(format!("not listed: {path}"));
    }
    lines
}

/// Differences between an output and a fresh build's, one line each.
pub fn differences<'a>(
    left: impl IntoIterator<Item = (&'a String, &'a [u8])>,
    right: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (path, bytes) in left {
        seen.insert(path.clone());
        match right.get(path) {
            None => lines.push(format!("not in a fresh build: {path}")),
            Some(other) if other.as_slice() != bytes => {
                lines.push(format!("different bytes: {path}"))
            }
            Some(_) => {}
        }
    }
    for path in right.keys().filter(|p| !seen.contains(*p)) {
        lines.push(format!("missing (a fresh build has it): {path}"));
    }
    lines
}
