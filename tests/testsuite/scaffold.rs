//! `dossier init` and `dossier new`: starter files that build at once, and
//! never overwrite anything.

use crate::fixtures::files_under;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let temp = tempfile::tempdir().unwrap();
    let made = dossier(&["init", "site"], temp.path());
    assert!(made.status.success(), "{}", stderr(&made));
    let site = temp.path().join("site");
    assert!(
        !site.join("templates").exists() && !site.join("static").exists(),
        "the theme was copied without --eject-theme"
    );
    let built = dossier(&["build", "--root", "site"], temp.path());
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        built.stderr.is_empty() || !stderr(&built).contains("warning"),
        "{}",
        stderr(&built)
    );
    for page in [
        "briefs/first-brief/index.html",
        "actors/example-agency/index.html",
        "claims/example-count/index.html",
        "claims/example-figure/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "no {page}");
    }
}

#[test]
fn init_never_overwrites_a_site() {
    let temp = tempfile::tempdir().unwrap();
    fs::write(temp.path().join("site.yaml"), "title: Mine\n").unwrap();
    let refused = dossier(&["init", "."], temp.path());
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("already holds a site"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        fs::read_to_string(temp.path().join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(!temp.path().join("content").exists());
}

#[test]
fn an_ejected_theme_builds_the_same_site() {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "plain"], temp.path()).status.success());
    assert!(dossier(&["init", "--eject-theme", "ejected"], temp.path())
        .status
        .success());
    assert!(
        temp.path().join("ejected/templates/base.html").is_file()
            && temp.path().join("ejected/static/style.css").is_file()
    );
    for site in ["plain", "ejected"] {
        let built = dossier(&["build", "--root", site], temp.path());
        assert!(built.status.success(), "{site}: {}", stderr(&built));
    }
    let (plain, ejected) = (
        temp.path().join("plain/public"),
        temp.path().join("ejected/public"),
    );
    let files = files_under(&plain);
    assert_eq!(files, files_under(&ejected));
    for file in files {
        assert_eq!(
            fs::read(plain.join(&file)).unwrap(),
            fs::read(ejected.join(&file)).unwrap(),
            "{file} differs"
        );
    }
}

#[test]
fn new_writes_each_kind_and_the_site_still_builds() {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "site"], temp.path()).status.success());
    let site = temp.path().join("site");
    for (kind, folder) in [
        ("brief", "briefs"),
        ("actor", "actors"),
        ("claim", "claims"),
        ("measure", "measures"),
        ("page", "pages"),
    ] {
        let id = format!("new-{kind}");
        let made = dossier(&["new", kind, &id], &site);
        assert!(made.status.success(), "{kind}: {}", stderr(&made));
        let text =
            fs::read_to_string(site.join("content").join(folder).join(format!("{id}.md"))).unwrap();
        assert!(
            text.starts_with("---\n") && text.contains('#'),
            "{kind}: no commented fields:\n{text}"
        );
    }
    let built = dossier(&["build"], &site);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(site.join("public/new-page/index.html").is_file());
    assert!(site.join("public/claims/new-claim/index.html").is_file());
}

#[test]
fn new_refuses_to_overwrite_bad_ids_and_taken_ids() {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "site"], temp.path()).status.success());
    let site = temp.path().join("site");
    let brief = site.join("content/briefs/first-brief.md");
    let before = fs::read(&brief).unwrap();
    let again = dossier(&["new", "brief", "first-brief"], &site);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("taken"), "{}", stderr(&again));
    assert_eq!(
        fs::read(&brief).unwrap(),
        before,
        "an existing file was changed"
    );
    let other_kind = dossier(&["new", "actor", "first-brief"], &site);
    assert_eq!(
        other_kind.status.code(),
        Some(2),
        "an id was reused across kinds"
    );
    let bad = dossier(&["new", "actor", "Kim Jong Un"], &site);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`kim-jong-un`"),
        "no suggested id: {}",
        stderr(&bad)
    );
    assert!(!site.join("content/actors/Kim Jong Un.md").exists());
    let outside = dossier(&["new", "brief", "x"], temp.path());
    assert_eq!(outside.status.code(), Some(2), "new outside a site");
}
