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
        stderr(&built).ends_with(": no errors, no warnings\n"),
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
    // Each new file still holds the placeholder text it was given: a
    // warning in each (a title or claim text, and a body), until replaced.
    let reported = crate::diagnostics::parse(&stderr(&built));
    for folder in ["briefs", "actors", "claims", "measures", "pages"] {
        let id = format!("new-{}", folder.trim_end_matches('s'));
        let file = format!("content/{folder}/{id}.md");
        assert!(
            reported.iter().any(|d| d.severity == "warning"
                && d.file.as_deref() == Some(file.as_str())
                && d.message.contains("placeholder text of `dossier new`")),
            "no placeholder warning for {file}:\n{}",
            stderr(&built)
        );
    }
    assert!(
        stderr(&built).ends_with(": no errors, 7 warnings\n"),
        "{}",
        stderr(&built)
    );
    let strict = dossier(&["build", "--deny-warnings"], &site);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
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

/// A site made by `dossier init` in a temporary folder: (temp, site).
fn initialized() -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "site"], temp.path()).status.success());
    let site = temp.path().join("site");
    (temp, site)
}

#[test]
fn new_refuses_a_page_id_the_build_would_refuse_as_reserved() {
    let (_temp, site) = initialized();
    fs::create_dir_all(site.join("static/archive")).unwrap();
    fs::write(site.join("static/archive/old.pdf"), "%PDF").unwrap();
    fs::write(site.join("static/press"), "a file without extension").unwrap();
    let reserved = dossier::urls::RESERVED
        .iter()
        .filter(|name| !name.contains('.'));
    for id in reserved.copied().chain(["archive", "press"]) {
        let refused = dossier(&["new", "page", id], &site);
        assert_eq!(refused.status.code(), Some(2), "new page {id}");
        assert!(
            stderr(&refused).contains("reserved path")
                && stderr(&refused).contains("the next build would refuse it"),
            "new page {id}: {}",
            stderr(&refused)
        );
        assert!(!site.join(format!("content/pages/{id}.md")).exists());
    }
    // Only pages take top-level paths: a brief may be called `search`.
    assert!(dossier(&["new", "brief", "search"], &site).status.success());
    // The build refuses the same ids: FORMAT's `incidents`, `map`, `data`
    // and a static folder's name.
    for id in ["incidents", "map", "data", "archive"] {
        let page = site.join(format!("content/pages/{id}.md"));
        fs::create_dir_all(page.parent().unwrap()).unwrap();
        fs::write(&page, "---\ntitle: Mine\n---\n").unwrap();
        let built = dossier(&["build"], &site);
        assert_eq!(built.status.code(), Some(1), "{id}");
        assert!(
            stderr(&built).contains(&format!("page id `{id}` is a reserved path")),
            "{}",
            stderr(&built)
        );
        fs::remove_file(&page).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_symbolic_link() {
    use std::os::unix::fs::symlink;
    let (temp, site) = initialized();
    let outside = temp.path().join("outside");
    fs::create_dir_all(outside.join("claims")).unwrap();
    let refuse = |args: &[&str], link: &str| {
        let refused = dossier(args, &site);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&refused).contains(&format!("{link}` is a symbolic link")),
            "{args:?}: {}",
            stderr(&refused)
        );
        assert!(
            files_under(&outside).is_empty(),
            "{args:?} wrote outside the site: {:?}",
            files_under(&outside)
        );
    };
    // content/<kind>/ is a link (to an existing folder, and to a missing one).
    fs::remove_dir_all(site.join("content/claims")).unwrap();
    symlink(outside.join("claims"), site.join("content/claims")).unwrap();
    refuse(&["new", "claim", "leak"], "content/claims");
    symlink(outside.join("pages"), site.join("content/pages")).unwrap();
    refuse(&["new", "page", "leak"], "content/pages");
    // The file's place is a dangling link.
    symlink(outside.join("leak.md"), site.join("content/actors/leak.md")).unwrap();
    refuse(&["new", "actor", "leak"], "content/actors/leak.md");
    // content/ itself is a link.
    let content = site.join("content");
    fs::rename(&content, temp.path().join("content-real")).unwrap();
    fs::create_dir_all(outside.join("content/briefs")).unwrap();
    symlink(outside.join("content"), &content).unwrap();
    refuse(&["new", "brief", "leak"], "content");
    fs::remove_file(&content).unwrap();
    fs::rename(temp.path().join("content-real"), &content).unwrap();

    // The root itself may be given through a link.
    let via = temp.path().join("via");
    symlink(&site, &via).unwrap();
    let made = dossier(
        &["new", "brief", "through-root", "--root", "via"],
        temp.path(),
    );
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(site.join("content/briefs/through-root.md").is_file());

    // init does not write through a link either, and refuses before
    // writing anything.
    let fresh = temp.path().join("fresh");
    fs::create_dir_all(&fresh).unwrap();
    symlink(outside.join("static"), fresh.join("static")).unwrap();
    let refused = dossier(&["init", "--eject-theme", "fresh"], temp.path());
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("is a symbolic link"));
    assert!(!fresh.join("site.yaml").exists());
    assert!(files_under(&outside).is_empty());
}
