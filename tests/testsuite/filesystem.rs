//! The file system against the build: symbolic links that loop or lead
//! outside the site, files dossier may not read, an output folder it may
//! not write, a full disk. Each ends quickly with a message naming the file
//! or folder and saying what to do; nothing from outside the site reaches
//! the output, and a failed build leaves the previous output as it was.

use crate::diagnostics::{parse, Reported};
use crate::fixtures::{assert_same_bytes, assert_same_snapshot, files_under, snapshot, Run, Site};
use crate::live::{watch, Running};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// In every file that lives outside the site: no output file may hold it.
const OUTSIDE: &str = "OUTSIDE-THE-SITE-7f3a9c";

/// `dossier build --root ROOT ARGS…`, failing the test if it runs past
/// the bounded wait of `live` (10 s) instead of hanging.
fn build_within_bounds(site: &Site, args: &[&str]) -> Run {
    let mut all: Vec<&OsStr> = vec!["build".as_ref(), "--root".as_ref(), site.root().as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    let mut running = Running::start(&all);
    let code = running.wait_exit("a build of a site with symbolic links");
    Run {
        code,
        stdout: String::new(),
        stderr: running.stderr(),
    }
}

/// The diagnostic reported at `file` with `severity`; panics, showing
/// stderr, when there is none.
fn reported_at(run: &Run, severity: &str, file: &str) -> Reported {
    parse(&run.stderr)
        .into_iter()
        .find(|r| r.severity == severity && r.file.as_deref() == Some(file))
        .unwrap_or_else(|| panic!("no {severity} at {file}; stderr:\n{}", run.stderr))
}

/// Asserts that each of `links` was reported as a skipped symbolic link,
/// with a hint.
fn assert_links_skipped(run: &Run, links: &[&str]) {
    for link in links {
        let warning = reported_at(run, "warning", link);
        assert!(
            warning.message.contains("symbolic link") && warning.hint.is_some(),
            "{link}: expected a warning saying it is a symbolic link, with a hint:\n{}",
            warning.printed
        );
    }
}

/// Panics naming every output file that holds [`OUTSIDE`].
fn assert_nothing_from_outside(dir: &Path) {
    let files = files_under(dir);
    assert!(!files.is_empty(), "nothing was built in {}", dir.display());
    let leaked: Vec<&String> = files
        .iter()
        .filter(|rel| {
            let bytes = fs::read(dir.join(rel)).unwrap();
            bytes
                .windows(OUTSIDE.len())
                .any(|window| window == OUTSIDE.as_bytes())
        })
        .collect();
    assert!(
        leaked.is_empty(),
        "files from outside the site reached the output: {leaked:?}"
    );
}

/// A folder beside the site (in its temporary folder) holding a valid
/// brief, a template and a static file, each carrying [`OUTSIDE`].
fn outside_folder(site: &Site) -> std::path::PathBuf {
    let outside = site.temp().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(
        outside.join("outside.md"),
        format!("---\ntitle: {OUTSIDE}\ndate: 2025-01-01\n---\n{OUTSIDE} in the body.\n"),
    )
    .unwrap();
    fs::write(
        outside.join("brief.html"),
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}{OUTSIDE}{{% endblock content %}}\n"
        ),
    )
    .unwrap();
    fs::write(outside.join("leak.txt"), OUTSIDE).unwrap();
    outside
}

#[test]
fn symbolic_link_loops_are_skipped_with_a_warning_and_the_rest_builds() {
    let plain = Site::from_fixture("small-site");
    plain.build(&[]).expect_success();
    let site = Site::from_fixture("small-site");
    let links = [
        ("content/briefs/loop", ".."),
        ("content/actors/itself", "itself"),
        ("content/pages/site", "../.."),
        ("content/claims/a", "b"),
        ("content/claims/b", "a"),
        ("templates/partials", "."),
        ("static/up", ".."),
    ];
    for (link, target) in links {
        let path = site.path(link);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, &path).unwrap();
    }
    let run = build_within_bounds(&site, &[]);
    run.expect_success();
    assert_links_skipped(&run, &links.map(|(link, _)| link));
    assert_same_bytes(&plain.out(), &site.out());
}

#[test]
fn symbolic_link_loops_do_not_stop_a_watching_build() {
    let site = Site::from_fixture("small-site");
    symlink("..", site.path("content/briefs/loop")).unwrap();
    symlink("../..", site.path("content/pages/site")).unwrap();
    symlink("itself", site.path("content/actors/itself")).unwrap();
    // The first build, then a rebuild on a change: both within bounds.
    let mut running = watch(&site, &[]);
    running.wait_until_watching(&site);
    site.replace(
        "content/briefs/third-brief.md",
        "No claims here.",
        "Still no claims.",
    );
    running.wait_for_stderr("the edited brief rebuilt", |_| {
        fs::read_to_string(site.out().join("briefs/third-brief/index.html"))
            .is_ok_and(|page| page.contains("Still no claims."))
    });
    let stderr = running.stderr();
    for link in [
        "content/briefs/loop",
        "content/pages/site",
        "content/actors/itself",
    ] {
        assert!(
            stderr.contains(&format!("--> {link}\n")),
            "{link}:\n{stderr}"
        );
    }
}

#[test]
fn nothing_from_outside_the_site_reaches_the_output() {
    let site = Site::from_fixture("small-site");
    let outside = outside_folder(&site);
    let links = [
        ("content/briefs/outside.md", outside.join("outside.md")),
        ("content/briefs/elsewhere", outside.clone()),
        ("templates/brief.html", outside.join("brief.html")),
        ("static/leak.txt", outside.join("leak.txt")),
        ("static/elsewhere", outside.clone()),
    ];
    for (link, target) in &links {
        let path = site.path(link);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, &path).unwrap();
    }
    let run = build_within_bounds(&site, &[]);
    run.expect_success();
    assert_links_skipped(&run, &links.map(|(link, _)| link));
    assert_nothing_from_outside(&site.out());
    assert!(!run.stderr.contains(OUTSIDE), "{}", run.stderr);
}

#[test]
fn a_site_folder_that_is_a_symbolic_link_is_skipped_whole() {
    let site = Site::from_fixture("small-site");
    let outside = outside_folder(&site);
    symlink(&outside, site.path("templates")).unwrap();
    symlink(&outside, site.path("static")).unwrap();
    let run = build_within_bounds(&site, &[]);
    run.expect_success();
    assert_links_skipped(&run, &["templates", "static"]);
    assert_nothing_from_outside(&site.out());
}

#[test]
fn a_site_yaml_that_is_a_symbolic_link_is_refused() {
    let site = Site::from_fixture("small-site");
    let outside = site.temp().join("site.yaml");
    fs::write(&outside, format!("title: {OUTSIDE}\n")).unwrap();
    site.remove("site.yaml");
    symlink(&outside, site.path("site.yaml")).unwrap();
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(OUTSIDE), "{}", run.stderr);
    assert!(!site.out().exists(), "a refused site was built");
}

#[test]
fn a_watching_build_does_not_follow_a_symbolic_link_outside() {
    let site = Site::from_fixture("small-site");
    let outside = site.temp().join("outside");
    fs::create_dir_all(&outside).unwrap();
    symlink(&outside, site.path("content/briefs/elsewhere")).unwrap();
    let mut running = watch(&site, &[]);
    running.wait_until_watching(&site);
    // A file appears and changes behind the link…
    let brief = format!("---\ntitle: {OUTSIDE}\ndate: 2025-01-01\n---\n{OUTSIDE}\n");
    fs::write(outside.join("outside.md"), &brief).unwrap();
    fs::write(
        outside.join("outside.md"),
        brief.replace("\n---\n", "\n---\nEdited. "),
    )
    .unwrap();
    // …then a file of the site: its rebuild comes after any for the link.
    running.wait_until_watching(&site);
    assert_nothing_from_outside(&site.out());
    assert!(!running.stderr().contains(OUTSIDE), "{}", running.stderr());
}

/// The user and group the permission tests run dossier as when the tests
/// run as root: `nobody` on Debian.
const NOBODY: u32 = 65534;

/// Whether the tests run as root, whom file permissions do not stop: then
/// the permission tests run dossier as [`NOBODY`].
fn running_as_root(site: &Site) -> bool {
    fs::metadata(site.root()).unwrap().uid() == 0
}

/// Sets the permission bits of `path`.
fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("cannot chmod {}: {e}", path.display()));
}

/// Opens the site's temporary folder to everyone (folders 0o777, files
/// 0o644), so that [`NOBODY`] can build it as the tests' own user could.
fn open_to_everyone(dir: &Path) {
    chmod(dir, 0o777);
    for entry in fs::read_dir(dir).unwrap().flatten() {
        if entry.file_type().unwrap().is_dir() {
            open_to_everyone(&entry.path());
        } else {
            chmod(&entry.path(), 0o644);
        }
    }
}

/// A site for the permission tests: as root, its temporary folder is
/// opened to everyone for [`NOBODY`].
fn site_for_permissions() -> Site {
    let site = Site::from_fixture("small-site");
    if running_as_root(&site) {
        open_to_everyone(site.temp());
    }
    site
}

/// `dossier ARGS` as a user the permissions apply to: the tests' own, or
/// [`NOBODY`] when the tests run as root.
fn dossier_as_user(site: &Site, args: &[&OsStr]) -> Run {
    let binary = env!("CARGO_BIN_EXE_dossier");
    let mut command = Command::new(binary);
    command
        .args(args)
        .current_dir(site.temp())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    if running_as_root(site) {
        command.uid(NOBODY).gid(NOBODY);
    }
    let output = command.output().unwrap_or_else(|e| {
        panic!("cannot run {binary} as user {NOBODY} (it and its folders must be readable and executable by everyone): {e}")
    });
    Run::from(output)
}

/// `dossier build --root ROOT --out OUT` as a user the permissions apply to.
fn build_as_user(site: &Site, out: &Path) -> Run {
    dossier_as_user(
        site,
        &[
            "build".as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
    )
}

/// The one error of a failed run: exit status 1, exactly one error, and
/// the summary line saying nothing was built.
fn the_one_error(run: &Run) -> Reported {
    run.expect_code(1);
    let errors: Vec<Reported> = parse(&run.stderr)
        .into_iter()
        .filter(|r| r.severity == "error")
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "expected one error; stderr:\n{}",
        run.stderr
    );
    assert!(
        run.summary().starts_with("error: built nothing"),
        "the last line must say nothing was built: {:?}",
        run.summary()
    );
    errors.into_iter().next().unwrap()
}

/// Builds `site`, makes `rel` unreadable, builds again: the build must
/// fail with one error, at `rel`, and leave the first build's output as it
/// was. Returns that error.
fn unreadable(site: &Site, rel: &str, readable_mode: u32) -> Reported {
    let out = site.out();
    build_as_user(site, &out).expect_success();
    let before = snapshot(&out);
    chmod(&site.path(rel), 0o000);
    let run = build_as_user(site, &out);
    chmod(&site.path(rel), readable_mode);
    let error = the_one_error(&run);
    assert_eq!(error.file.as_deref(), Some(rel), "{}", error.printed);
    assert_same_snapshot(
        &before,
        &snapshot(&out),
        &format!("a build that could not read {rel}"),
    );
    error
}

#[test]
fn an_unreadable_content_file_is_an_error_naming_it() {
    // An actor that briefs and claims name: its id still exists, so the
    // unreadable file is the one error, not every reference to it too.
    let error = unreadable(&site_for_permissions(), "content/actors/nis.md", 0o644);
    assert!(
        error.message.contains("Permission denied"),
        "{}",
        error.printed
    );
    assert!(
        error
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("readable")),
        "the error should say what to do:\n{}",
        error.printed
    );
}

#[test]
fn an_unreadable_content_folder_is_an_error_naming_it() {
    let site = site_for_permissions();
    let rel = "content/briefs/private";
    site.write(
        &format!("{rel}/kept.md"),
        "---\ntitle: Kept\ndate: 2025-01-01\n---\nBody.\n",
    );
    let error = unreadable(&site, rel, 0o755);
    assert!(
        error.message.contains("Permission denied")
            && !error.message.contains(&site.root().display().to_string()),
        "the message should say what went wrong, once:\n{}",
        error.printed
    );
    assert!(error.hint.is_some(), "{}", error.printed);
}

#[test]
fn an_unreadable_site_yaml_is_an_error_naming_it() {
    let site = site_for_permissions();
    chmod(&site.path("site.yaml"), 0o000);
    let run = build_as_user(&site, &site.out());
    chmod(&site.path("site.yaml"), 0o644);
    run.expect_code(2);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("Permission denied"),
        "an unreadable site.yaml is not a missing one:\n{}",
        run.stderr
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_error_naming_it() {
    let site = site_for_permissions();
    let www = site.temp().join("www");
    fs::create_dir_all(&www).unwrap();
    chmod(&www, 0o777);
    let out = www.join("public");
    build_as_user(&site, &out).expect_success();
    let before = snapshot(&out);
    chmod(&www, 0o555);
    site.replace(
        "content/briefs/third-brief.md",
        "No claims here.",
        "Still no claims.",
    );
    let run = build_as_user(&site, &out);
    // A first build into the same folder fails the same way.
    let first = build_as_user(&site, &www.join("first"));
    chmod(&www, 0o777);
    for run in [&run, &first] {
        let error = the_one_error(run);
        assert!(
            error.message.contains(&format!("`{}`", www.display()))
                && error.message.contains("Permission denied"),
            "the error should name the folder that cannot be written:\n{}",
            error.printed
        );
        assert!(
            error
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("writable")),
            "the error should say what to do:\n{}",
            error.printed
        );
    }
    assert_same_snapshot(&before, &snapshot(&out), "a build that could not write");
    let names: Vec<String> = fs::read_dir(&www)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["public"], "the build left files beside the output");
}

/// `dossier ARGS` under a file-size limit of 64 blocks (32 KB for dash,
/// 64 KB for bash): a longer write fails with EFBIG, as on a full disk.
/// SIGXFSZ is ignored first, and stays ignored across `exec`, so the write
/// fails instead of killing the process.
fn with_file_size_limit(args: &[&OsStr]) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 64 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// Fails the test, loudly, where a file-size limit cannot be set.
fn assert_file_size_limit_permitted() {
    let status = Command::new("sh")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 64"#)
        .status()
        .unwrap();
    assert!(status.success(), "`ulimit -f 64` is not permitted here");
}

/// A brief whose page is far over the file-size limit.
fn long_brief() -> String {
    format!(
        "---\ntitle: Long\ndate: 2025-01-01\n---\n{}\n",
        "A sentence of the long brief. ".repeat(20_000)
    )
}

#[test]
fn a_full_disk_is_an_error_naming_the_file_and_leaves_the_output_alone() {
    assert_file_size_limit_permitted();
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let before = snapshot(&site.out());
    site.write("content/briefs/long.md", long_brief());
    let output =
        with_file_size_limit(&["build".as_ref(), "--root".as_ref(), site.root().as_os_str()])
            .output()
            .unwrap();
    let run = Run::from(output);
    let error = the_one_error(&run);
    let page = site.out().join("briefs/long/index.html");
    assert!(
        error.message.contains(&format!("`{}`", page.display()))
            && error.message.contains("File too large"),
        "the error should name the file it could not write:\n{}",
        error.printed
    );
    assert!(
        error.hint.as_deref().is_some_and(|h| h.contains("disk")),
        "the error should say what to do:\n{}",
        error.printed
    );
    assert_same_snapshot(&before, &snapshot(&site.out()), "a build on a full disk");
    let leftovers = site.names_in_root("dossier");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_full_disk_during_watch_leaves_the_output_as_it_was() {
    assert_file_size_limit_permitted();
    let site = Site::from_fixture("small-site");
    let log = site.temp().join("watch.log");
    let mut child = with_file_size_limit(&[
        "build".as_ref(),
        "--watch".as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ])
    .stderr(fs::File::create(&log).unwrap())
    .spawn()
    .unwrap();
    let read_log = || fs::read_to_string(&log).unwrap_or_default();
    let wait_for = |what: &str, done: &dyn Fn(&str) -> bool| {
        crate::live::wait_until(what, || {
            let text = read_log();
            if done(&text) {
                Ok(())
            } else {
                Err(text)
            }
        })
    };
    wait_for("the first build", &|text| {
        text.contains("\nbuilt ") || text.starts_with("built ")
    });
    let before = snapshot(&site.out());
    // The new brief's page is too large; the lists that now link it are
    // written first, then undone: the update is all or nothing.
    site.write("content/briefs/long.md", long_brief());
    wait_for("the write to fail", &|text| {
        text.contains("File too large") && text.contains("the output keeps the last good build")
    });
    let _ = child.kill();
    let _ = child.wait();
    let text = read_log();
    let page = site.out().join("briefs/long/index.html");
    assert!(
        text.contains(&format!("`{}`", page.display())),
        "the error should name the file it could not write:\n{text}"
    );
    let partial: Vec<String> = files_under(&site.out())
        .into_iter()
        .filter(|rel| rel.contains("dossier-") || rel.starts_with("briefs/long/"))
        .collect();
    assert!(
        partial.is_empty(),
        "partial files in the output: {partial:?}"
    );
    assert_same_snapshot(&before, &snapshot(&site.out()), "an update on a full disk");
}

/// Makes a special file at `path`: a FIFO, or (as root, who alone may) a
/// character device like `/dev/null`.
fn make_node(path: &Path, file_type: rustix::fs::FileType) {
    let dev = match file_type {
        rustix::fs::FileType::CharacterDevice => rustix::fs::makedev(1, 3),
        _ => 0,
    };
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        file_type,
        rustix::fs::Mode::from_raw_mode(0o644),
        dev,
    )
    .unwrap_or_else(|e| panic!("cannot make {}: {e}", path.display()));
}

/// `dossier check --root ROOT`, failing the test if it runs past the
/// bounded wait of `live` (10 s) instead of hanging on a FIFO.
fn check_within_bounds(site: &Site) -> Run {
    let mut running =
        Running::start(&["check".as_ref(), "--root".as_ref(), site.root().as_os_str()]);
    let code = running.wait_exit("a check of a site with special files");
    Run {
        code,
        stdout: String::new(),
        stderr: running.stderr(),
    }
}

#[test]
fn a_site_yaml_that_is_a_fifo_is_refused_without_waiting() {
    let site = Site::from_fixture("small-site");
    site.remove("site.yaml");
    make_node(&site.path("site.yaml"), rustix::fs::FileType::Fifo);
    for run in [check_within_bounds(&site), build_within_bounds(&site, &[])] {
        run.expect_code(2);
        assert!(
            run.stderr.contains("site.yaml") && run.stderr.contains("named pipe (FIFO)"),
            "the error should name site.yaml and say what it is:\n{}",
            run.stderr
        );
    }
    assert!(!site.out().exists(), "a refused site was built");
}

#[test]
fn fifos_sockets_and_devices_are_skipped_with_a_warning_naming_them() {
    let plain = Site::from_fixture("small-site");
    plain.build(&[]).expect_success();
    let site = Site::from_fixture("small-site");
    fs::create_dir_all(site.path("templates")).unwrap();
    fs::create_dir_all(site.path("static")).unwrap();
    let mut special = vec![
        ("content/briefs/pipe.md", "named pipe (FIFO)"),
        ("templates/brief.html", "named pipe (FIFO)"),
        ("static/pipe", "named pipe (FIFO)"),
        ("content/actors/socket.md", "socket"),
    ];
    for (rel, _) in &special[..3] {
        make_node(&site.path(rel), rustix::fs::FileType::Fifo);
    }
    let _socket = std::os::unix::net::UnixListener::bind(site.path(special[3].0)).unwrap();
    if running_as_root(&site) {
        special.push(("static/null", "character device"));
        make_node(
            &site.path("static/null"),
            rustix::fs::FileType::CharacterDevice,
        );
    }
    let check = check_within_bounds(&site);
    let build = build_within_bounds(&site, &[]);
    for run in [&check, &build] {
        run.expect_success();
        for (rel, kind) in &special {
            let warning = reported_at(run, "warning", rel);
            assert!(
                warning.message == format!("{kind}: skipped") && warning.hint.is_some(),
                "{rel}: expected a warning saying it is a {kind}, with a hint:\n{}",
                warning.printed
            );
        }
    }
    assert_same_bytes(&plain.out(), &site.out());
}

#[test]
fn a_watching_build_skips_fifos_that_appear_and_does_not_hang() {
    let site = Site::from_fixture("small-site");
    let mut running = watch(&site, &[]);
    running.wait_until_watching(&site);
    make_node(
        &site.path("content/briefs/pipe.md"),
        rustix::fs::FileType::Fifo,
    );
    running.wait_for_stderr("a warning for the FIFO", |text| {
        text.contains("warning: named pipe (FIFO): skipped\n--> content/briefs/pipe.md\n")
    });
    // site.yaml swapped for a FIFO: an error, and the watcher goes on.
    let config = site.read("site.yaml");
    site.remove("site.yaml");
    make_node(&site.path("site.yaml"), rustix::fs::FileType::Fifo);
    running.wait_for_stderr("an error for site.yaml", |text| {
        text.contains("named pipe (FIFO), and dossier reads only regular files")
            && text.contains("the output keeps the last good build")
    });
    site.remove("site.yaml");
    site.write("site.yaml", &config);
    site.replace(
        "content/briefs/third-brief.md",
        "No claims here.",
        "Still no claims.",
    );
    running.wait_for_stderr("a rebuild once site.yaml is a file again", |_| {
        fs::read_to_string(site.out().join("briefs/third-brief/index.html"))
            .is_ok_and(|page| page.contains("Still no claims."))
    });
}

/// Names no terminal should see raw: an escape sequence that retitles the
/// window, one that clears the screen, a line break that would forge a
/// line of the report, and a byte that is not UTF-8.
const HOSTILE_NAMES: [&[u8]; 4] = [
    b"content/briefs/\x1b]0;PWNED\x07x.txt",
    b"content/actors/a\x1b[2Jb.md",
    b"content/briefs/line\nerror: forged.txt",
    b"static/caf\xe9\x1b[31m.css",
];

#[test]
fn hostile_file_names_are_printed_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::from_fixture("small-site");
    fs::create_dir_all(site.path("static")).unwrap();
    for name in HOSTILE_NAMES {
        fs::write(site.root().join(OsStr::from_bytes(name)), "x").unwrap();
    }
    for run in [check_within_bounds(&site), build_within_bounds(&site, &[])] {
        run.expect_code(1);
        let controls: Vec<char> = run
            .stderr
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(controls.is_empty(), "{controls:?} in:\n{}", run.stderr);
        assert!(!run.stderr.contains("\nerror: forged"), "{}", run.stderr);
        for shown in [
            "content/briefs/\\u{1b}]0;PWNED\\u{7}x.txt",
            "content/briefs/line\\nerror: forged.txt",
            "static/caf\\xE9\\u{1b}[31m.css",
        ] {
            assert!(
                run.stderr.contains(&format!("--> {shown}\n")),
                "{shown} not reported:\n{}",
                run.stderr
            );
        }
        let id = reported_at(&run, "error", "content/actors/a\\u{1b}[2Jb.md");
        assert!(id.message.contains("invalid id"), "{}", id.printed);
        let name = reported_at(&run, "error", "static/caf\\xE9\\u{1b}[31m.css");
        assert!(
            name.message.contains("not valid UTF-8")
                && name.hint.as_deref().is_some_and(|h| h.contains("rename")),
            "{}",
            name.printed
        );
    }
}

#[test]
fn a_name_that_is_not_utf8_fails_a_watching_build_until_renamed() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::from_fixture("small-site");
    let mut running = watch(&site, &[]);
    running.wait_until_watching(&site);
    let bad = site
        .root()
        .join(OsStr::from_bytes(b"content/briefs/caf\xe9.md"));
    fs::write(&bad, "---\ntitle: Cafe\ndate: 2025-01-01\n---\nBody.\n").unwrap();
    running.wait_for_stderr("the error for the name", |text| {
        text.contains(
            "error: file name is not valid UTF-8: skipped\n--> content/briefs/caf\\xE9.md\n",
        ) && text.contains("the output keeps the last good build")
    });
    fs::rename(&bad, site.path("content/briefs/cafe.md")).unwrap();
    // The last rebuild's line counts no error (every summary names both
    // counts: "no errors, no warnings").
    running.wait_for_stderr("a clean rebuild with the renamed file", |text| {
        site.out().join("briefs/cafe/index.html").is_file()
            && text
                .rsplit("built ")
                .next()
                .is_some_and(|last| last.trim_end().ends_with(": no errors, no warnings"))
    });
}

/// The `unshare` options that give a command a mount namespace of its
/// own, where it may mount: as root, or through a user namespace. Fails
/// the test, loudly, where neither is permitted.
fn mount_namespace() -> &'static [&'static str] {
    for options in [&["--mount"][..], &["--map-root-user", "--mount"]] {
        let permitted = Command::new("unshare")
            .args(options)
            .arg("true")
            .status()
            .is_ok_and(|s| s.success());
        if permitted {
            return options;
        }
    }
    panic!("`unshare --mount` is not permitted here (nor with --map-root-user): the mount-point tests need it");
}

/// Runs the shell `script` in a mount namespace of its own (so what it
/// mounts goes with it), `$1`… being `args` and `$DOSSIER` the binary.
fn in_mount_namespace(script: &str, args: &[&OsStr]) -> Run {
    let output = Command::new("unshare")
        .args(mount_namespace())
        .args(["sh", "-c", script, "sh"])
        .args(args)
        .env("DOSSIER", env!("CARGO_BIN_EXE_dossier"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run::from(output)
}

/// A fresh build of `site` into `TEMP/reference`.
fn reference_build(site: &Site) -> std::path::PathBuf {
    let reference = site.temp().join("reference");
    let _ = fs::remove_dir_all(&reference);
    site.build_into(&reference, &[]).expect_success();
    reference
}

/// Names in `dir` (not below) and files under it that are dossier's
/// staging folders or temporary files.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("dossier-"))
        .collect();
    found.extend(
        files_under(dir)
            .into_iter()
            .filter(|rel| rel.contains("dossier-")),
    );
    found
}

/// A time no build can produce, to tell rewritten files from kept ones.
fn long_ago() -> std::time::SystemTime {
    std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(978_307_200)
}

#[test]
fn an_output_folder_that_is_a_bind_mount_is_built_into_in_place() {
    let site = Site::from_fixture("small-site");
    // What the output folder shows inside the namespace, `backing` keeps.
    let (backing, out) = (site.temp().join("backing"), site.temp().join("out"));
    fs::create_dir_all(&backing).unwrap();
    fs::create_dir_all(&out).unwrap();
    let build = |limited: bool| {
        let limit = if limited {
            r#"trap "" XFSZ; ulimit -f 64 && "#
        } else {
            ""
        };
        in_mount_namespace(
            &format!(
                r#"mount --bind "$1" "$2" && {limit}exec "$DOSSIER" build --root "$3" --out "$2""#
            ),
            &[
                backing.as_os_str(),
                out.as_os_str(),
                site.root().as_os_str(),
            ],
        )
    };
    site.write(
        "content/actors/zed-newcomer.md",
        "---\nname: Zed Newcomer\nkind: person\n---\nA new actor.\n",
    );
    build(false).expect_success();
    assert_same_bytes(&reference_build(&site), &backing);
    // Edits: a page changes, one goes; unchanged files are not rewritten.
    crate::fixtures::set_modified_all(&backing, long_ago());
    site.replace(
        "content/briefs/third-brief.md",
        "No claims here.",
        "Still no claims.",
    );
    site.remove("content/actors/zed-newcomer.md");
    build(false).expect_success();
    assert_same_bytes(&reference_build(&site), &backing);
    let kept = snapshot(&backing);
    assert_eq!(
        kept["style.css"].modified,
        long_ago(),
        "style.css was rewritten"
    );
    assert!(!backing.join("actors/zed-newcomer").exists());
    // A write that fails leaves the previous output whole.
    assert_file_size_limit_permitted();
    site.write("content/briefs/long.md", long_brief());
    let failed = build(true);
    let error = the_one_error(&failed);
    assert!(
        error.message.contains("File too large"),
        "{}",
        error.printed
    );
    assert_same_snapshot(
        &kept,
        &snapshot(&backing),
        "a failed build into a mount point",
    );
    let left = leftovers(site.temp());
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_output_folder_that_is_a_tmpfs_is_built_into_in_place() {
    let site = Site::from_fixture("small-site");
    let (out, copy) = (site.temp().join("out"), site.temp().join("copy"));
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&copy).unwrap();
    // Two builds (the second after an edit) into a tmpfs, then a copy of
    // it (hidden files too) where the test can see it.
    let brief = site.path("content/briefs/third-brief.md");
    let run = in_mount_namespace(
        r#"mount -t tmpfs tmpfs "$1" && "$DOSSIER" build --root "$2" --out "$1" && printf '\nOne more line.\n' >> "$3" && "$DOSSIER" build --root "$2" --out "$1" && cp -a "$1/." "$4/""#,
        &[
            out.as_os_str(),
            site.root().as_os_str(),
            brief.as_os_str(),
            copy.as_os_str(),
        ],
    );
    run.expect_success();
    assert!(site
        .read("content/briefs/third-brief.md")
        .ends_with("One more line.\n"));
    assert_same_bytes(&reference_build(&site), &copy);
    let left = leftovers(site.temp());
    assert!(left.is_empty(), "{left:?}");
}
