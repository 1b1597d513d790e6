//! The file system against the build: symbolic links that loop or lead
//! outside the site, files dossier may not read. Each ends quickly with a
//! message naming the file or folder and saying what to do; nothing from
//! outside the site reaches the output, and a failed build leaves the
//! previous output as it was.

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
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
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

#[test]
fn an_unreadable_content_file_is_an_error_naming_it() {
    let site = site_for_permissions();
    let out = site.out();
    build_as_user(&site, &out).expect_success();
    let before = snapshot(&out);
    let rel = "content/briefs/third-brief.md";
    chmod(&site.path(rel), 0o000);
    let run = build_as_user(&site, &out);
    chmod(&site.path(rel), 0o644);
    let error = the_one_error(&run);
    assert_eq!(error.file.as_deref(), Some(rel), "{}", error.printed);
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
    assert_same_snapshot(
        &before,
        &snapshot(&out),
        "a build that could not read a file",
    );
}

#[test]
fn an_unreadable_content_folder_is_an_error_naming_it() {
    let site = site_for_permissions();
    let out = site.out();
    build_as_user(&site, &out).expect_success();
    let before = snapshot(&out);
    let rel = "content/briefs/private";
    site.write(
        &format!("{rel}/kept.md"),
        "---\ntitle: Kept\ndate: 2025-01-01\n---\nBody.\n",
    );
    chmod(&site.path(rel), 0o000);
    let run = build_as_user(&site, &out);
    chmod(&site.path(rel), 0o755);
    let error = the_one_error(&run);
    assert_eq!(error.file.as_deref(), Some(rel), "{}", error.printed);
    assert!(
        error.message.contains("Permission denied")
            && !error.message.contains(&site.root().display().to_string()),
        "the message should say what went wrong, once:\n{}",
        error.printed
    );
    assert!(error.hint.is_some(), "{}", error.printed);
    assert_same_snapshot(
        &before,
        &snapshot(&out),
        "a build that could not read a folder",
    );
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
