//! Tests of staged writes, in-place updates and the manifest.

use super::*;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: std::sync::Arc::new(text.as_bytes().to_vec()),
    }
}

/// `dir/public`, as an output folder.
fn public(dir: &tempfile::TempDir) -> (OutputDir, PathBuf) {
    let path = dir.path().canonicalize().unwrap().join("public");
    (OutputDir::unchecked(&path), path)
}

fn written(out: &OutputDir, files: &[OutputFile]) -> Written {
    write(out, files).unwrap().1
}

#[test]
fn replaces_output_whole_and_keeps_unchanged_files() {
    let dir = tempfile::tempdir().unwrap();
    let (checked, out) = public(&dir);
    written(
        &checked,
        &[
            file("a/index.html", "A"),
            file("b.txt", "B"),
            file("stale.txt", "S"),
        ],
    );
    let before = fs::metadata(out.join("a/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (stats, _) = write(&checked, &[file("a/index.html", "A"), file("b.txt", "B2")]).unwrap();
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
    let (checked, out) = public(&dir);
    let mut state = written(&checked, &[file("a/b/index.html", "A"), file("c.txt", "C")]);
    let done = update(
        &checked,
        &mut state,
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
    assert_eq!(done, Updated::Done);
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
        &checked,
        &mut state,
        &[Change::Write {
            path: "../x",
            bytes: b""
        }]
    )
    .is_err());
}

#[test]
fn an_update_keeps_the_manifest_equal_to_a_whole_write() {
    let dir = tempfile::tempdir().unwrap();
    let (checked, out) = public(&dir);
    let mut state = written(&checked, &[file("a.txt", "A"), file("b/c.txt", "C")]);
    update(
        &checked,
        &mut state,
        &[
            Change::Write {
                path: "a.txt",
                bytes: b"A2",
            },
            Change::Remove { path: "b/c.txt" },
            Change::Write {
                path: "d.txt",
                bytes: b"D",
            },
        ],
    )
    .unwrap();
    let in_place = fs::read(out.join(MARKER)).unwrap();
    let other = tempfile::tempdir().unwrap();
    let (fresh, fresh_path) = public(&other);
    written(&fresh, &[file("a.txt", "A2"), file("d.txt", "D")]);
    assert_eq!(in_place, fs::read(fresh_path.join(MARKER)).unwrap());
    // A later build trusts it: nothing to write.
    let (stats, _) = write(&checked, &[file("a.txt", "A2"), file("d.txt", "D")]).unwrap();
    assert_eq!(stats.written, 0);
}

#[test]
fn an_update_of_a_folder_not_as_written_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (checked, out) = public(&dir);
    let change = [Change::Write {
        path: "a.txt",
        bytes: b"A2",
    }];
    // Another build wrote the folder.
    let mut state = written(&checked, &[file("a.txt", "A")]);
    written(&checked, &[file("a.txt", "other"), file("x.txt", "X")]);
    let before = files(&out);
    assert_eq!(
        update(&checked, &mut state, &change).unwrap(),
        Updated::NotAsWritten
    );
    assert_eq!(files(&out), before);
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "other");
    // The folder was removed.
    let mut state = written(&checked, &[file("a.txt", "A")]);
    fs::remove_dir_all(&out).unwrap();
    assert_eq!(
        update(&checked, &mut state, &change).unwrap(),
        Updated::NotAsWritten
    );
    assert!(!out.exists());
}

#[test]
fn a_failed_update_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (checked, out) = public(&dir);
    let mut state = written(&checked, &[file("a.txt", "A"), file("b/c.txt", "C")]);
    let before: Vec<_> = files(&out);
    // The fourth write fails: its folder would be a file.
    let result = update(
        &checked,
        &mut state,
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

/// Every file under `dir` with its bytes, modification time and inode.
fn states(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    files(dir)
        .into_iter()
        .filter(|rel| dir.join(rel).is_file())
        .map(|rel| {
            let meta = fs::metadata(dir.join(&rel)).unwrap();
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, (bytes, meta.modified().unwrap(), meta.ino()))
        })
        .collect()
}

/// A swap that fails as it does for a mount point.
fn busy(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::ResourceBusy))
}

/// A swap that fails as it does across file systems.
fn cross_device(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::CrossesDevices))
}

/// Writes `files` into `out` as a build does, staging in place or
/// beside, swapping with `swap`.
fn build_with(
    out: &OutputDir,
    in_place: bool,
    swap: fn(&Path, &Path) -> io::Result<()>,
    files: &[OutputFile],
) -> io::Result<WriteStats> {
    let staging = Staging::begin_with(out, in_place)?;
    for file in files {
        staging.file(file)?;
    }
    staging.finish_with(swap).map(|(stats, _)| stats)
}

#[test]
fn a_folder_that_cannot_be_swapped_is_updated_in_place() {
    for (in_place, swap) in [
        (false, busy as fn(&Path, &Path) -> io::Result<()>),
        (false, cross_device),
        (true, busy),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (checked, out) = public(&dir);
        let old = [
            file("a/index.html", "A"),
            file("b.txt", "B"),
            file("stale/x.txt", "S"),
        ];
        written(&checked, &old);
        let folder = {
            use std::os::unix::fs::MetadataExt;
            || fs::metadata(&out).unwrap().ino()
        };
        let inode = folder();
        // Left by killed runs: a temporary file and a staging folder.
        fs::write(out.join("a/.index.html.dossier-1"), "partial").unwrap();
        fs::create_dir_all(out.join(".dossier-staging-1/a")).unwrap();
        let before = states(&out);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let new = [
            file("a/index.html", "A"),
            file("b.txt", "B2"),
            file("c/d.txt", "D"),
        ];
        build_with(&checked, in_place, swap, &new).unwrap();
        let after = states(&out);
        let expected = tempfile::tempdir().unwrap();
        let (fresh, fresh_path) = public(&expected);
        written(&fresh, &new);
        assert_eq!(files(&out), files(&fresh_path), "in place: {in_place}");
        for (rel, (bytes, ..)) in states(&fresh_path) {
            assert_eq!(after[&rel].0, bytes, "{rel}");
        }
        assert_eq!(folder(), inode, "the folder itself was replaced");
        // The unchanged file was not rewritten.
        assert_eq!(after["a/index.html"], before["a/index.html"]);
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside, vec![std::ffi::OsString::from("public")]);
    }
}

#[test]
fn a_failed_in_place_update_leaves_the_previous_output() {
    for in_place in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (checked, out) = public(&dir);
        written(&checked, &[file("a.txt", "A"), file("b.txt", "B")]);
        let before = states(&out);
        // `a.txt` must become a folder, which a file in the way forbids
        // in place; every other change is undone.
        let result = build_with(
            &checked,
            in_place,
            busy,
            &[
                file("0.txt", "new"),
                file("a.txt/x.txt", "X"),
                file("b.txt", "B2"),
                file("z.txt", "new"),
            ],
        );
        let error = result.unwrap_err().to_string();
        assert!(error.contains("a.txt"), "{error}");
        assert_eq!(states(&out), before, "in place: {in_place}");
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside, vec![std::ffi::OsString::from("public")]);
    }
}

#[test]
fn a_failed_build_removes_the_folders_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().canonicalize().unwrap();
    let out = OutputDir::unchecked(&base.join("new/deeper/public"));
    let staging = Staging::begin(&out).unwrap();
    staging.file(&file("a.txt", "A")).unwrap();
    drop(staging);
    assert_eq!(files(&base), vec![String::new()]);
}

#[test]
fn output_paths_never_leave_the_folder() {
    assert!(safe_relative("../x").is_none());
    assert!(safe_relative("/etc/x").is_none());
    assert!(safe_relative("a/./b").is_some() || safe_relative("a/./b").is_none());
    assert!(safe_relative("briefs/x/index.html").is_some());
}

#[test]
fn a_spliced_manifest_equals_one_written_whole() {
    // Paths that sort around each other: prefixes, `-` before `/`, the
    // first and the last, with writes, removals and repeats of a path.
    let paths = [
        "a",
        "a-b",
        "a/b",
        "a/b/c",
        "ab",
        "b",
        "b/index.html",
        "c",
        "zz/z",
        "é",
    ];
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for _ in 0..500 {
        let mut files: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for path in paths {
            if next(2) == 0 {
                files.insert(path.to_string(), (next(1000) as u64, next(1 << 30) as u64));
            }
        }
        let before = Written::new(files.clone());
        let texts: Vec<String> = (0..4).map(|i| "x".repeat(next(5) + i)).collect();
        let mut changes = Vec::new();
        for _ in 0..next(6) {
            let path = paths[next(paths.len())];
            match next(3) {
                0 => changes.push(Change::Remove { path }),
                _ => changes.push(Change::Write {
                    path,
                    bytes: texts[next(texts.len())].as_bytes(),
                }),
            }
        }
        for change in &changes {
            match change {
                Change::Write { path, bytes } => {
                    files.insert(path.to_string(), (bytes.len() as u64, content_hash(bytes)));
                }
                Change::Remove { path } => {
                    files.remove(*path);
                }
            }
        }
        assert_eq!(
            before.changed(&changes).marker(),
            Written::new(files).marker(),
            "{changes:?}"
        );
    }
}
