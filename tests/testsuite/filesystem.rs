//! The file system against the build: symbolic links that loop or lead
//! outside the site. A build skips each with a warning naming it, in
//! bounded time, and nothing from outside the site reaches the output.

use crate::diagnostics::{parse, Reported};
use crate::fixtures::{assert_same_bytes, files_under, Run, Site};
use crate::live::{watch, Running};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

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
