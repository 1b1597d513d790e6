//! What dossier promises about its output folder: unchanged files keep
//! their modification time, stale files go, unsafe `--out` folders are
//! refused, `check` writes nothing, builds are deterministic, line ends
//! and BOMs do not matter, hidden names are ignored and stray files warn.

use crate::diagnostics::{assert_reported, warning};
use crate::fixtures::{
    assert_same_bytes, assert_same_snapshot, dossier, files_under, repository, set_modified_all,
    snapshot, Run, Site,
};
use crate::live::{wait_until, Running, PATIENCE, POLL};
use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// A time no build can produce, to tell rewritten files from kept ones
/// without waiting for the clock.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(978_307_200) // 2001-01-01
}

/// The number before `word` in a summary line such as
/// `built N pages, M files (W written, U unchanged) in T ms`.
fn count_before(summary: &str, word: &str) -> usize {
    let end = summary
        .find(word)
        .unwrap_or_else(|| panic!("no `{word}` in the summary {summary:?}"));
    let digits: String = summary[..end]
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no count before `{word}` in {summary:?}"))
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    set_modified_all(&site.out(), long_ago());
    let before = snapshot(&site.out());
    let run = site.build(&[]);
    run.expect_success();
    let summary = run.summary();
    assert_eq!(
        count_before(summary, " written"),
        0,
        "a rebuild of the same input wrote files: {summary}"
    );
    assert_eq!(
        count_before(summary, " unchanged"),
        count_before(summary, " files"),
        "a rebuild of the same input must report every file unchanged: {summary}"
    );
    // Every file, the marker included: deploy tools syncing by time must
    // see nothing to upload.
    assert_same_snapshot(
        &before,
        &snapshot(&site.out()),
        "a rebuild of the same input touched the output",
    );
}

#[test]
fn a_rebuild_of_unchanged_content_leaves_the_output_folder_itself_alone() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let folder = |site: &Site| std::fs::metadata(site.out()).unwrap().ino();
    let before = folder(&site);
    site.build(&[]).expect_success();
    assert_eq!(
        folder(&site),
        before,
        "nothing changed, yet the output folder was replaced"
    );

    // A file that is not the build's makes the build replace the folder,
    // as any build with changes does.
    site.write("public/stray.txt", "left by hand");
    site.build(&[]).expect_success();
    assert!(!site.out().join("stray.txt").exists());
    assert_ne!(folder(&site), before);
    let leftovers = site.names_in_root("dossier");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_output_file_edited_by_hand_is_restored_even_at_the_same_length() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let built = site.read("public/index.html");
    // The build trusts its manifest only for files older than it.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let edited = built.replacen("<html", "<HTML", 1);
    assert_eq!(edited.len(), built.len());
    site.write("public/index.html", &edited);
    site.build(&[]).expect_success();
    assert_eq!(site.read("public/index.html"), built);
}

#[test]
fn only_changed_pages_are_rewritten() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    set_modified_all(&site.out(), long_ago());
    let before = snapshot(&site.out());
    site.replace(
        "content/briefs/third-brief.md",
        "No claims here.",
        "Still no claims here.",
    );
    let run = site.build(&[]);
    run.expect_success();
    let after = snapshot(&site.out());
    let page = "briefs/third-brief/index.html";
    assert_ne!(
        after[page].bytes, before[page].bytes,
        "the edited brief's page did not change"
    );
    assert_ne!(
        after[page].modified,
        long_ago(),
        "the edited brief's page kept its old time"
    );
    let kept = after
        .iter()
        .filter(|(path, state)| state.modified == long_ago() && before[*path].bytes == state.bytes)
        .count();
    // The marker's manifest changes with any file; it is not counted.
    let changed: Vec<_> = after
        .iter()
        .filter(|(path, _)| *path != ".dossier")
        .filter(|(path, state)| before.get(*path).is_none_or(|old| old.bytes != state.bytes))
        .map(|(p, _)| p.clone())
        .collect();
    assert!(kept > 0, "no file kept its modification time");
    // Files with identical bytes were not rewritten (the marker is
    // unchanged_files_keep_their_modification_time's business).
    let retimed: Vec<_> = after
        .iter()
        .filter(|(path, _)| *path != ".dossier")
        .filter(|(path, state)| {
            state.modified != long_ago()
                && before
                    .get(*path)
                    .is_some_and(|old| old.bytes == state.bytes)
        })
        .map(|(p, _)| p.clone())
        .collect();
    assert!(
        retimed.is_empty(),
        "files rewritten with identical bytes: {retimed:?} (changed: {changed:?})"
    );
    let written = count_before(run.summary(), " written");
    assert_eq!(
        written,
        changed.len(),
        "the summary's written count vs the files that changed {changed:?}: {}",
        run.summary()
    );
}

#[test]
fn removed_content_removes_its_pages() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    assert!(out.join("briefs/third-brief/index.html").is_file());
    assert!(out.join("briefs/old-first-brief/index.html").is_file());
    site.remove("content/briefs/third-brief.md");
    site.replace(
        "content/briefs/2025/first-brief.md",
        "redirect_from: [old-first-brief]\n",
        "",
    );
    fs::write(out.join("stray.html"), "not dossier's").unwrap();
    site.build(&[]).expect_success();
    assert!(
        !out.join("briefs/third-brief").exists(),
        "the removed brief's page is still there"
    );
    assert!(
        !out.join("briefs/old-first-brief").exists(),
        "the removed redirect is still there"
    );
    assert!(
        !out.join("stray.html").exists(),
        "a file dossier did not write survived the build"
    );
    assert!(out.join("briefs/first-brief/index.html").is_file());
}

#[test]
fn unsafe_output_folders_are_refused() {
    let site = Site::from_fixture("small-site");
    site.write("static/robots-note.txt", "static file\n");
    site.write("templates/partials/.keep", "");
    let mine = site.temp().join("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "my notes").unwrap();
    let cases = [
        ("the root itself", site.root().to_path_buf()),
        ("a parent of the root", site.temp().to_path_buf()),
        ("the root, spelled with ..", site.root().join("content/..")),
        (
            "a folder inside content/",
            site.root().join("content/public"),
        ),
        ("content/ itself", site.root().join("content")),
        (
            "a folder inside templates/",
            site.root().join("templates/out"),
        ),
        ("a folder inside static/", site.root().join("static/out")),
        ("a non-empty folder without the marker", mine.clone()),
    ];
    for (what, out) in cases {
        let before = snapshot(site.temp());
        let run = site.build_into(&out, &[]);
        assert_eq!(
            run.code,
            2,
            "--out {what} ({}) must be refused with exit 2; stderr:\n{}",
            out.display(),
            run.stderr
        );
        assert!(
            run.stderr.contains("refus"),
            "--out {what}: the message should say it refuses: {}",
            run.stderr
        );
        assert_same_snapshot(
            &before,
            &snapshot(site.temp()),
            &format!("a refused --out ({what}) changed files"),
        );
    }
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn empty_and_marked_output_folders_are_accepted() {
    let site = Site::from_fixture("small-site");
    let empty = site.temp().join("empty");
    fs::create_dir_all(&empty).unwrap();
    site.build_into(&empty, &[]).expect_success();
    assert!(empty.join("index.html").is_file());
    // Now it holds dossier's marker: a second build may replace it.
    site.build_into(&empty, &[]).expect_success();
}

#[test]
fn check_writes_nothing() {
    let site = Site::from_fixture("small-site");
    let before = snapshot(site.temp());
    let run = site.check(&[]);
    run.expect_success();
    assert_same_snapshot(&before, &snapshot(site.temp()), "dossier check wrote files");
    assert!(!site.out().exists(), "dossier check created public/");
}

#[test]
fn builds_are_deterministic() {
    let site = Site::from_fixture("small-site");
    let (a, b) = (site.temp().join("a"), site.temp().join("b"));
    site.build_into(&a, &["--drafts"]).expect_success();
    site.build_into(&b, &["--drafts"]).expect_success();
    assert_same_bytes(&a, &b);

    let temp = tempfile::tempdir().unwrap();
    let root = repository();
    for name in ["a", "b"] {
        let out = temp.path().join(name);
        dossier(&[
            "build".as_ref(),
            "--root".as_ref(),
            root.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ])
        .expect_success();
    }
    assert_same_bytes(&temp.path().join("a"), &temp.path().join("b"));
}

/// A site with templates of its own has every template bounded (guards
/// rewritten into them, `render::bounds`): the pages must not change.
#[test]
fn bounded_templates_build_the_same_bytes() {
    let plain = Site::from_fixture("small-site");
    plain.build(&["--drafts"]).expect_success();
    let site = Site::from_fixture("small-site");
    site.write("templates/unused.html", "<p>{{ site.title }}</p>\n");
    site.build(&["--drafts"]).expect_success();
    assert_same_bytes(&plain.out(), &site.out());
}

#[test]
fn crlf_and_bom_files_build_the_same_pages() {
    let plain = Site::from_fixture("small-site");
    plain.build(&["--drafts"]).expect_success();
    let windows = Site::from_fixture("small-site");
    let mut converted = 0;
    for rel in files_under(windows.root()) {
        if rel.ends_with(".md") || rel.ends_with(".yaml") {
            let text = windows.read(&rel);
            assert!(!text.contains('\r'));
            windows.write(&rel, format!("\u{feff}{}", text.replace('\n', "\r\n")));
            converted += 1;
        }
    }
    assert!(converted > 10);
    windows.build(&["--drafts"]).expect_success();
    assert_same_bytes(&plain.out(), &windows.out());
}

#[test]
fn dot_and_underscore_names_are_ignored() {
    let plain = Site::from_fixture("small-site");
    plain.build(&[]).expect_success();
    let site = Site::from_fixture("small-site");
    let garbage = "not a content file: no front matter, {{ broken";
    for rel in [
        "content/briefs/_index.md",
        "content/briefs/.hidden.md",
        "content/briefs/_archive/old.md",
        "content/.obsidian/workspace.md",
        "content/actors/.DS_Store",
        "content/_notes.txt",
        // Editors' temporary files beside templates. (static/ is copied
        // verbatim, `_redirects` and `.well-known/` included.)
        "templates/.brief.html.swp",
    ] {
        site.write(rel, garbage);
    }
    let run = site.build(&[]);
    run.expect_success();
    assert!(
        !run.stderr.contains("warning:") && run.summary().ends_with("no warnings"),
        "ignored files caused warnings:\n{}",
        run.stderr
    );
    assert_same_bytes(&plain.out(), &site.out());
}

#[test]
fn stray_file_under_content_is_a_warning() {
    let site = Site::from_fixture("small-site");
    site.write("content/briefs/notes.txt", "some notes\n");
    let run = site.build(&[]);
    run.expect_success();
    assert_reported(&site, &run, &[warning("content/briefs/notes.txt")]);
    assert!(run.summary().contains("1 warning"), "{}", run.summary());
    assert!(
        !files_under(&site.out()).iter().any(|f| f.contains("notes")),
        "the stray file reached the output"
    );
}

#[test]
fn builds_at_once_into_the_same_output_leave_one_whole_build() {
    let site = Site::from_fixture("small-site");
    // Enough pages that the builds overlap.
    for n in 0..300 {
        site.write(
            &format!("content/briefs/bulk/bulk-{n:03}.md"),
            format!("---\ntitle: Bulk {n}\ndate: 2024-01-01\n---\nBody [[kim-jong-un]].\n"),
        );
    }
    let reference = site.temp().join("reference");
    site.build_into(&reference, &[]).expect_success();
    for _ in 0..3 {
        let runs: Vec<_> = (0..4)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                    .args(["build", "--root"])
                    .arg(site.root())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for run in runs {
            let output = run.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let built = snapshot(&site.out());
        let expected = snapshot(&reference);
        let paths = |s: &crate::fixtures::Snapshot| s.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&built), paths(&expected), "not one whole build");
        for (path, state) in &expected {
            assert!(built[path].bytes == state.bytes, "{path} differs");
        }
        let leftovers = site.names_in_root("dossier-staging");
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_or_the_new_one_whole() {
    let site = Site::from_fixture("small-site");
    for n in 0..400 {
        site.write(
            &format!("content/briefs/bulk/bulk-{n:03}.md"),
            format!("---\ntitle: Bulk {n}\ndate: 2024-01-01\n---\nBody [[kim-jong-un]].\n"),
        );
    }
    site.build(&[]).expect_success();
    let old = snapshot(&site.out());
    // Every page shows the site title: the next build changes every file.
    site.replace("site.yaml", "title: Small Desk", "title: Renamed Desk");
    let new_dir = site.temp().join("new");
    site.build_into(&new_dir, &[]).expect_success();
    let new = snapshot(&new_dir);
    let bytes = |s: &crate::fixtures::Snapshot| {
        s.iter()
            .filter(|(p, _)| *p != ".dossier")
            .map(|(p, f)| (p.clone(), f.bytes.clone()))
            .collect::<Vec<_>>()
    };
    let (old, new) = (bytes(&old), bytes(&new));
    let mut staged_when_killed = 0;
    // Kills at fixed times from the start (while loading, rendering or
    // writing, depending on the machine's load), then kills timed from the
    // moment the staging folder appears, so that some land while the build
    // writes however slow or fast the machine is.
    let kills = [5u64, 50, 200]
        .map(|delay| (false, delay))
        .into_iter()
        .chain([0u64, 2, 10, 40].map(|delay| (true, delay)));
    for (from_staging, delay) in kills {
        for _attempt in 0..20 {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["build", "--root"])
                .arg(site.root())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            if from_staging {
                while site.names_in_root("dossier-staging").is_empty()
                    && child.try_wait().unwrap().is_none()
                {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(delay));
            let _ = child.kill();
            let finished = child.wait().unwrap().success();
            let interrupted = !site.names_in_root("dossier-staging").is_empty();
            staged_when_killed += usize::from(interrupted);
            let now = bytes(&snapshot(&site.out()));
            assert!(
                now == old || now == new,
                "killed {delay} ms after {}: the output is neither the previous build nor the new one",
                if from_staging { "staging began" } else { "the start" }
            );
            if now == new {
                // The build landed: put the previous output back so that
                // the next kill has something to lose.
                site.replace("site.yaml", "title: Renamed Desk", "title: Small Desk");
                site.build(&[]).expect_success();
                site.replace("site.yaml", "title: Small Desk", "title: Renamed Desk");
            }
            // Timed from the start, one kill each; timed from staging,
            // again until one lands while the build writes.
            if !from_staging || interrupted || !finished {
                break;
            }
        }
    }
    assert!(
        staged_when_killed > 0,
        "no kill landed while the build was writing: the test proves nothing"
    );
    // The next build completes and leaves no staging folder behind.
    site.build(&[]).expect_success();
    assert_eq!(bytes(&snapshot(&site.out())), new);
    let leftovers = site.names_in_root("dossier-staging");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Every entry under `dir` (folders and links too, links not followed),
/// relative, sorted, with what it is: to see that nothing was made.
fn entries_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, all: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let rel = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(entry.path()).unwrap();
                all.push(format!("{rel} -> {}", target.display()));
            } else if kind.is_dir() {
                all.push(format!("{rel}/"));
                walk(&entry.path(), &format!("{rel}/"), all);
            } else {
                all.push(rel);
            }
        }
    }
    let mut all = Vec::new();
    walk(dir, "", &mut all);
    all.sort();
    all
}

/// `dossier ARGS` run in `cwd` with `HOME` set to `home`; killed (and
/// the test failed) if it is still running after [`PATIENCE`]: a refused
/// `serve` or `build --watch` exits at once.
fn dossier_in(cwd: &Path, home: &Path, args: &[&OsStr]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "`dossier {args:?}` in {} still runs after {PATIENCE:?}; stderr:\n{}",
                cwd.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(POLL);
    }
    Run::from(child.wait_with_output().unwrap())
}

/// A site at `TEMP/site` beside a folder of someone's (`mine/`, with
/// `a/b/` and a file), an empty home folder, and symbolic links:
/// `to-mine` and `to-site` to those folders, `deep` to `mine/a/b`,
/// `dangling` to nothing.
fn site_among_folders() -> Site {
    let site = Site::from_fixture("small-site");
    let temp = site.temp();
    fs::create_dir_all(temp.join("mine/a/b")).unwrap();
    fs::write(temp.join("mine/notes.txt"), "my notes").unwrap();
    fs::create_dir_all(temp.join("home")).unwrap();
    for (link, target) in [
        ("to-mine", "mine"),
        ("to-site", "site"),
        ("deep", "mine/a/b"),
        ("dangling", "missing"),
    ] {
        std::os::unix::fs::symlink(target, temp.join(link)).unwrap();
    }
    site
}

/// `--out` spellings that must be refused, run from the site's temporary
/// folder: each with what it is.
const UNSAFE_SPELLINGS: &[(&str, &str)] = &[
    (
        "nope/../mine",
        "someone's folder, through a missing folder and ..",
    ),
    ("site/nope/../content", "content/, through a missing folder"),
    ("site/nope/..", "the root, through a missing folder"),
    (
        "nope/../site/public",
        "the default output, through a missing folder",
    ),
    ("mine/nope/..", "someone's folder, through a missing folder"),
    (
        "deep/../out",
        "`..` after a link: mine/a/out to the system, out as written",
    ),
    ("to-mine", "a link to someone's folder"),
    ("to-mine/.", "a link to someone's folder, with /."),
    ("to-site", "a link to the root"),
    ("to-site/.", "a link to the root, with /."),
    ("to-site/content/..", "the root through a link and .."),
    ("to-site/content/out", "content/ through a link"),
    ("site/.", "the root, with /."),
    ("site/content/.", "content/, with /."),
    (".", "the current folder (holding the site)"),
    ("..", "a folder holding the site"),
    ("/", "the file system's root"),
    ("~", "a literal ~"),
    ("~/out", "a folder under a literal ~"),
    ("home", "the home folder"),
    ("dangling", "a link that leads nowhere"),
    ("dangling/out", "a folder under a link that leads nowhere"),
    ("mine/notes.txt", "a file"),
    ("mine/notes.txt/out", "a folder under a file"),
    (
        "nope\nerror: forged/\u{1b}]0;x\u{7}/../../mine",
        "someone's folder, through names holding a line break and an escape",
    ),
];

#[test]
fn every_spelling_of_an_unsafe_out_is_refused_and_nothing_is_made() {
    let site = site_among_folders();
    let temp = site.temp();
    let home = temp.join("home");
    let before_entries = entries_under(temp);
    let folders = [site.root().to_path_buf(), temp.join("mine")];
    let before = folders.clone().map(|f| snapshot(&f));
    for (out, what) in UNSAFE_SPELLINGS {
        for command in [
            &["build"][..],
            &["build", "--watch"],
            &["serve", "--port", "0"],
        ] {
            let mut args: Vec<&OsStr> = command.iter().map(OsStr::new).collect();
            args.extend(["--root", "site", "--out", out].map(OsStr::new));
            let run = dossier_in(temp, &home, &args);
            let shown = format!("`dossier {} --out {out}` ({what})", command.join(" "));
            assert_eq!(
                run.code, 2,
                "{shown} must be refused with exit 2; stderr:\n{}",
                run.stderr
            );
            // Two lines of their own, whatever the path holds: the error,
            // then what to do.
            let lines: Vec<&str> = run.stderr.lines().collect();
            assert!(
                lines
                    .windows(2)
                    .any(|pair| pair[0].starts_with("error: refusing to write to")
                        && pair[1].starts_with("  = help: ")),
                "{shown}: the message should say it refuses, then what to do:\n{}",
                run.stderr
            );
            assert!(
                !run.stderr.contains("error: forged") || run.stderr.contains("\\nerror: forged"),
                "{shown}: a line break in the path forged a line:\n{}",
                run.stderr
            );
            assert!(
                !run.stderr.contains('\u{1b}'),
                "{shown}: an escape reached the terminal"
            );
            assert_eq!(
                entries_under(temp),
                before_entries,
                "{shown} made or removed something"
            );
        }
    }
    for (folder, before) in folders.iter().zip(&before) {
        assert_same_snapshot(before, &snapshot(folder), "a refused --out changed files");
    }
}

#[test]
fn safe_spellings_write_the_folder_the_system_resolves() {
    let site = site_among_folders();
    let temp = site.temp();
    let home = temp.join("home");
    fs::create_dir_all(temp.join("empty")).unwrap();
    std::os::unix::fs::symlink("empty", temp.join("to-empty")).unwrap();
    let reference = temp.join("reference");
    site.build_into(&reference, &[]).expect_success();
    let build = |out: &str| {
        let args = ["build", "--root", "site", "--out", out].map(OsStr::new);
        let run = dossier_in(temp, &home, &args);
        run.expect_success();
        run
    };
    for (out, written) in [
        ("site/public/.", "site/public"),
        ("site/content/../public", "site/public"),
        ("to-site/public", "site/public"),
        ("mine/a/b/../out", "mine/a/out"),
        ("to-empty", "empty"),
        ("to-empty/.", "empty"),
        ("new/deeper/out", "new/deeper/out"),
    ] {
        let run = build(out);
        assert_same_bytes(&reference, &temp.join(written));
        if out.starts_with("to-") {
            assert!(
                run.stderr
                    .contains(&format!("wrote into `{}`", temp.join(written).display())),
                "--out {out} should say which folder it wrote:\n{}",
                run.stderr
            );
        }
    }
    // The link is still a link, to the folder written.
    assert_eq!(
        fs::read_link(temp.join("to-empty")).unwrap(),
        Path::new("empty")
    );
    assert_eq!(
        fs::read_to_string(temp.join("mine/notes.txt")).unwrap(),
        "my notes"
    );
}

/// A site large enough that a build writes for a while (a few hundred
/// pages), built once.
fn large_site() -> Site {
    let site = Site::from_fixture("small-site");
    crate::live::add_fillers(&site, 600);
    site.build(&[]).expect_success();
    site
}

/// The bytes of every file of a snapshot but the marker.
fn bytes_of(snapshot: &crate::fixtures::Snapshot) -> Vec<(String, Vec<u8>)> {
    snapshot
        .iter()
        .filter(|(path, _)| *path != ".dossier")
        .map(|(path, state)| (path.clone(), state.bytes.clone()))
        .collect()
}

#[test]
fn a_signal_during_a_build_leaves_no_staging_folder() {
    let site = large_site();
    let mut landed = 0;
    for (attempt, signal) in ["INT", "TERM"].iter().enumerate() {
        let before = bytes_of(&snapshot(&site.out()));
        // Every page shows the site's title: every file changes.
        site.replace(
            "site.yaml",
            &format!("title: Small Desk{}\n", "!".repeat(attempt)),
            &format!("title: Small Desk{}\n", "!".repeat(attempt + 1)),
        );
        let mut running = Running::start(&["build", "--root", site.root().to_str().unwrap()]);
        let staged = wait_until("the build to stage its files, or to finish", || {
            if !site.names_in_root("dossier-staging").is_empty() {
                Ok(true)
            } else if running.stderr().contains("built ") {
                Ok(false)
            } else {
                Err(running.stderr())
            }
        });
        running.signal(signal);
        let code = running.wait_exit("an interrupted build");
        let leftovers = site.names_in_root("dossier");
        assert!(leftovers.is_empty(), "SIG{signal} left {leftovers:?}");
        let temporaries: Vec<String> = files_under(&site.out())
            .into_iter()
            .filter(|f| f.contains("dossier-"))
            .collect();
        assert!(temporaries.is_empty(), "SIG{signal} left {temporaries:?}");
        let interrupted = bytes_of(&snapshot(&site.out()));
        site.build(&[]).expect_success();
        let new = bytes_of(&snapshot(&site.out()));
        assert!(
            interrupted == before || interrupted == new,
            "SIG{signal}: the output is neither the previous build nor the new one"
        );
        if code != 0 {
            let number = if *signal == "INT" { 2 } else { 15 };
            assert_eq!(code, 128 + number, "SIG{signal}: {}", running.stderr());
            assert!(
                running.stderr().contains("interrupted"),
                "SIG{signal}: {}",
                running.stderr()
            );
        }
        if staged && code != 0 && interrupted == before {
            landed += 1;
        }
    }
    assert!(landed > 0, "no signal landed while a build was writing");
}
