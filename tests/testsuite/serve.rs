//! `dossier serve` over real HTTP on 127.0.0.1 (`--port 0`), on copies of
//! the small-site fixture: what is served and how (content types, folders,
//! redirects, 404, HEAD, other methods, traversal), rebuilds after edits
//! (served pages, pages that depend on the edited file, the output folder
//! on disk), the error overlay, live-reload events and a busy port.
//! Every wait is bounded (see `live::wait_until`); every server is killed
//! when its test ends.

use crate::diagnostics;
use crate::fixtures::{files_under, Site};
use crate::live::{
    add_fillers, http, wait_until_first_build_writes, without_injection, Response, Running, Server,
    OVERLAY, PATIENCE, RELOAD_SCRIPT, WARNINGS,
};
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Instant;

const FIRST_BRIEF: &str = "content/briefs/2025/first-brief.md";
const CLAIM_FILE: &str = "content/claims/nis-killed-600.md";
/// Every actor of the first brief: their pages list it by title.
const FIRST_BRIEF_ACTORS: [&str; 6] = [
    "north-korea",
    "nis",
    "lee-seong-kweun",
    "kpa",
    "kim-jong-un",
    "kcna",
];

/// The small site, served, once changes are picked up (see
/// `Running::wait_until_watching`).
fn serve() -> (Site, Server) {
    let site = Site::from_fixture("small-site");
    let mut server = Server::start(&site, &[]);
    server.process.wait_until_watching(&site);
    (site, server)
}

fn assert_status(response: &Response, status: u16, what: &str) {
    assert_eq!(
        response.status,
        status,
        "{what}: expected status {status}, got {}; headers {:?}; body:\n{}",
        response.status,
        response.headers,
        crate::live::excerpt(&response.text())
    );
}

/// Panics unless no file of the output folder carries what `serve` adds
/// to responses.
fn assert_no_injection_on_disk(out: &Path) {
    for rel in files_under(out) {
        let text = String::from_utf8_lossy(&fs::read(out.join(&rel)).unwrap()).into_owned();
        assert!(
            !text.contains(crate::live::RELOAD_SCRIPT)
                && !text.contains("__dossier")
                && !text.contains("dossier-errors")
                && !text.contains("dossier-warnings"),
            "{rel} on disk holds the live-reload script, the error overlay or the warnings panel"
        );
    }
}

/// `(line, column)`, 1-based, of the first occurrence of `needle` in `rel`.
fn position(site: &Site, rel: &str, needle: &str) -> (usize, usize) {
    let text = site.read(rel);
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in {rel}"));
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

#[test]
fn every_built_file_is_served_as_built_with_its_content_type() {
    let (site, server) = serve();
    let out = site.out();
    let files: Vec<String> = files_under(&out)
        .into_iter()
        .filter(|f| f != ".dossier")
        .collect();
    assert!(files.len() > 20, "the fixture built {files:?}");
    for rel in &files {
        let response = server.get(&format!("/{rel}"));
        assert_status(&response, 200, rel);
        let on_disk = fs::read(out.join(rel)).unwrap();
        let content_type = response.header("content-type").unwrap_or("");
        if rel.ends_with(".html") {
            assert_eq!(content_type, "text/html; charset=utf-8", "{rel}");
            let text = response.text();
            assert!(
                text.contains(RELOAD_SCRIPT) && text.contains("/__dossier/events"),
                "{rel}: no live-reload script in the served page"
            );
            assert!(!text.contains(OVERLAY), "{rel}: an overlay without errors");
            assert_eq!(
                response.page(),
                String::from_utf8(on_disk).unwrap(),
                "{rel}: the served page, without the script, differs from the output folder"
            );
        } else {
            assert_eq!(response.body, on_disk, "{rel}: served bytes differ");
        }
    }
    let css = server.get("/style.css");
    let content_type = css.header("content-type").unwrap_or("");
    assert!(
        content_type.starts_with("text/css"),
        "style.css served as {content_type:?}"
    );
    assert!(
        !css.text().contains("<script"),
        "a script was injected into the stylesheet"
    );
    assert_no_injection_on_disk(&out);
}

#[test]
fn folders_serve_their_index_and_redirect_without_a_slash() {
    let (site, server) = serve();
    let out = site.out();
    for (folder, index) in [
        ("/", "index.html"),
        ("/briefs/", "briefs/index.html"),
        ("/actors/nis/", "actors/nis/index.html"),
        ("/methodology/", "methodology/index.html"),
    ] {
        let response = server.get(folder);
        assert_status(&response, 200, folder);
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{folder}"
        );
        assert_eq!(
            response.page(),
            fs::read_to_string(out.join(index)).unwrap(),
            "{folder} must serve {index}"
        );
    }
    for (folder, location) in [
        ("/briefs", "/briefs/"),
        ("/actors/nis", "/actors/nis/"),
        ("/methodology", "/methodology/"),
    ] {
        let response = server.get(folder);
        assert_status(&response, 301, folder);
        assert_eq!(response.header("location"), Some(location), "{folder}");
    }
}

#[test]
fn missing_paths_get_the_site_404_page_with_status_404() {
    let (site, server) = serve();
    let not_found = fs::read_to_string(site.out().join("404.html")).unwrap();
    for path in [
        "/no-such-page/",
        "/briefs/no-such-brief/",
        "/missing.css",
        "/actors/nis/x",
    ] {
        let response = server.get(path);
        assert_status(&response, 404, path);
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(
            response.page(),
            not_found,
            "{path}: not the site's 404.html"
        );
    }
}

#[test]
fn head_has_the_get_headers_and_no_body() {
    let (_site, server) = serve();
    for path in ["/", "/briefs/first-brief/", "/style.css", "/no-such-page/"] {
        let get = server.get(path);
        let head = server.request("HEAD", path);
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "HEAD {path}"
        );
        assert!(
            head.body.is_empty(),
            "HEAD {path} sent a body of {} bytes",
            head.body.len()
        );
        // RFC 9110 §8.6: a Content-Length in a HEAD response must be the
        // length GET would have sent.
        if let Some(length) = head.header("content-length") {
            assert_eq!(
                length,
                get.body.len().to_string(),
                "HEAD {path}: Content-Length differs from the GET body's length ({} bytes)",
                get.body.len()
            );
        }
    }
}

#[test]
fn other_methods_get_405_with_allow() {
    let (_site, server) = serve();
    for method in ["POST", "PUT", "DELETE"] {
        for path in ["/", "/style.css", "/no-such-page/"] {
            let response = server.request(method, path);
            assert_status(&response, 405, &format!("{method} {path}"));
            let allow = response.header("allow").unwrap_or_else(|| {
                panic!("{method} {path}: 405 without Allow: {:?}", response.headers)
            });
            let allowed: Vec<&str> = allow.split(',').map(str::trim).collect();
            assert!(
                allowed.contains(&"GET") && allowed.contains(&"HEAD"),
                "{method} {path}: Allow: {allow}"
            );
        }
    }
}

#[test]
fn traversal_never_serves_a_file_from_outside_the_output() {
    let (site, server) = serve();
    // Secrets beside the site and in its root (which the build does not read).
    let secret = "SECRET-7c1f outside the output";
    fs::write(site.temp().join("secret.txt"), secret).unwrap();
    site.write("secret.txt", secret);
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/briefs/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..%5c..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2e%2e/content/briefs/third-brief.md",
        "/%00",
        "/secret.txt%00",
        "/%00/../secret.txt",
        "/index.html%00.txt",
        "/%ff%fe",
    ] {
        let response = server.get(target);
        assert!(
            response.status == 400 || response.status == 404,
            "GET {target}: status {} (expected 400 or 404); body:\n{}",
            response.status,
            crate::live::excerpt(&response.text())
        );
        let text = response.text();
        assert!(
            !text.contains("SECRET-7c1f") && !text.contains("title: Small Desk"),
            "GET {target} served a file from outside the output:\n{}",
            crate::live::excerpt(&text)
        );
    }
    // The server is still fine.
    assert_status(&server.get("/"), 200, "/ after the traversal attempts");
}

#[test]
fn editing_a_brief_updates_its_page_and_the_pages_of_its_actors() {
    let (site, mut server) = serve();
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Soldiers near Kursk, revised\n",
    );
    let page = server.wait_for(
        "the new title on the brief's page",
        "/briefs/first-brief/",
        |r| r.status == 200 && r.text().contains("Soldiers near Kursk, revised"),
    );
    assert!(
        !page.text().contains("Troops in Kursk"),
        "the old title is still on the brief's page"
    );
    for actor in FIRST_BRIEF_ACTORS {
        let path = format!("/actors/{actor}/");
        // The rebuild is published at once: no waiting for dependent pages.
        let response = server.get(&path);
        assert_status(&response, 200, &path);
        let text = response.text();
        assert!(
            text.contains("Soldiers near Kursk, revised") && !text.contains("Troops in Kursk"),
            "{path} does not list the brief under its new title"
        );
        let on_disk =
            fs::read_to_string(site.out().join(format!("actors/{actor}/index.html"))).unwrap();
        assert!(
            on_disk.contains("Soldiers near Kursk, revised")
                && !on_disk.contains("Troops in Kursk"),
            "actors/{actor}/index.html on disk does not have the new title"
        );
    }
    let on_disk = fs::read_to_string(site.out().join("briefs/first-brief/index.html")).unwrap();
    assert!(on_disk.contains("Soldiers near Kursk, revised"));
    assert_no_injection_on_disk(&site.out());
    // The first build, the one `serve()` waited for, and this one.
    server
        .process
        .wait_for_stderr("a `built` line for the rebuild", |text| {
            text.lines().filter(|l| l.starts_with("built ")).count() >= 3
        });
}

#[test]
fn adding_then_deleting_an_actor_adds_then_removes_its_page() {
    let (site, server) = serve();
    site.write(
        "content/actors/zed-newcomer.md",
        "---\nname: Zed Newcomer\nkind: person\n---\nA new actor.\n",
    );
    let page = server.wait_for("the new actor's page", "/actors/zed-newcomer/", |r| {
        r.status == 200
    });
    assert!(page.text().contains("Zed Newcomer"));
    let list = server.get("/actors/");
    assert!(
        list.text().contains("Zed Newcomer")
            && list.text().contains("href=\"../actors/zed-newcomer/\""),
        "the actors list does not link the new actor"
    );
    let file = site.out().join("actors/zed-newcomer/index.html");
    assert!(file.is_file(), "the new actor's page is not on disk");

    site.remove("content/actors/zed-newcomer.md");
    let gone = server.wait_for("404 for the deleted actor", "/actors/zed-newcomer/", |r| {
        r.status == 404
    });
    assert!(!gone.text().contains("Zed Newcomer"));
    assert!(
        !server.get("/actors/").text().contains("Zed Newcomer"),
        "the actors list still lists the deleted actor"
    );
    assert!(!file.exists(), "the deleted actor's page is still on disk");
    assert!(
        !site.out().join("actors/zed-newcomer").exists(),
        "the deleted actor's folder is still on disk"
    );
    assert_no_injection_on_disk(&site.out());
}

#[test]
fn renaming_a_brief_file_moves_its_page() {
    let (site, server) = serve();
    fs::rename(
        site.path("content/briefs/third-brief.md"),
        site.path("content/briefs/fourth-brief.md"),
    )
    .unwrap();
    let page = server.wait_for("the renamed brief's page", "/briefs/fourth-brief/", |r| {
        r.status == 200
    });
    assert!(page.text().contains("Shipping in the Red Sea"));
    assert_status(&server.get("/briefs/third-brief/"), 404, "the old URL");
    let out = site.out();
    assert!(out.join("briefs/fourth-brief/index.html").is_file());
    assert!(
        !out.join("briefs/third-brief").exists(),
        "the old brief's output folder is still on disk: {:?}",
        files_under(&out.join("briefs/third-brief"))
    );
    assert!(
        server
            .get("/briefs/")
            .text()
            .contains("href=\"../briefs/fourth-brief/\""),
        "the briefs list does not link the new URL"
    );
}

#[test]
fn a_new_base_template_override_changes_every_page() {
    let (site, server) = serve();
    site.write(
        "templates/base.html",
        "{% extends \"builtin/base.html\" %}\n{% block footer %}{{ super() }}\n<p class=\"desk-note\">MARKER-base-override</p>\n{% endblock footer %}\n",
    );
    server.wait_for("the override's marker", "/", |r| {
        r.text().contains("MARKER-base-override")
    });
    for path in [
        "/briefs/first-brief/",
        "/actors/nis/",
        "/methodology/",
        "/no-such-page/",
    ] {
        assert!(
            server.get(path).text().contains("MARKER-base-override"),
            "{path} does not use templates/base.html"
        );
    }
    let on_disk = fs::read_to_string(site.out().join("claims/nis-killed-600/index.html")).unwrap();
    assert!(on_disk.contains("MARKER-base-override"));

    // Editing the override changes every page again.
    site.replace(
        "templates/base.html",
        "MARKER-base-override",
        "MARKER-edited-override",
    );
    server.wait_for("the edited marker", "/actors/kpa/", |r| {
        r.text().contains("MARKER-edited-override")
    });
    assert!(!server.get("/").text().contains("MARKER-base-override"));
    assert_no_injection_on_disk(&site.out());
}

#[test]
fn a_new_static_file_is_served_as_text_plain() {
    let (site, server) = serve();
    site.write("static/extra.txt", "extra static text\n");
    let response = server.wait_for("static/extra.txt", "/extra.txt", |r| r.status == 200);
    assert_eq!(response.body, b"extra static text\n");
    let content_type = response.header("content-type").unwrap_or("");
    assert!(
        content_type.starts_with("text/plain"),
        "extra.txt served as {content_type:?}"
    );
    assert_eq!(
        fs::read(site.out().join("extra.txt")).unwrap(),
        b"extra static text\n"
    );
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_build_until_fixed() {
    let (site, mut server) = serve();
    let claim_page = "/claims/nis-killed-600/";
    // One write: a text change (must not be served) and an unknown actor.
    let original = site.read(CLAIM_FILE);
    let broken = original
        .replacen("About 600 North", "About 700 North", 1)
        .replacen("\nby: nis\n", "\nby: niss\n", 1);
    assert_ne!(broken, original);
    site.write(CLAIM_FILE, &broken);
    let (line, col) = position(&site, CLAIM_FILE, "niss");
    let location = format!("{CLAIM_FILE}:{line}:{col}");

    let response = server.wait_for("the error overlay", claim_page, |r| {
        r.text().contains(OVERLAY)
    });
    for (path, status, served) in [
        (claim_page, 200, response),
        ("/actors/nis/", 200, server.get("/actors/nis/")),
        ("/", 200, server.get("/")),
        ("/no-such-page/", 404, server.get("/no-such-page/")),
    ] {
        assert_status(&served, status, path);
        let text = served.text();
        let start = text
            .find(OVERLAY)
            .unwrap_or_else(|| panic!("{path}: no error overlay"));
        let overlay = &text[start..start + text[start..].find("</div>").unwrap()];
        assert!(
            overlay.contains(&location),
            "{path}: the overlay does not point at {location}:\n{overlay}"
        );
        assert!(
            overlay.contains("niss") && overlay.contains("did you mean"),
            "{path}: the overlay lacks the message or the hint:\n{overlay}"
        );
        assert!(
            text.contains(RELOAD_SCRIPT),
            "{path}: no live-reload script"
        );
    }
    // Underneath, the last good build.
    let page = server.get(claim_page).page();
    assert!(
        page.contains("About 600 North") && !page.contains("About 700"),
        "the page under the overlay is not the last good build"
    );
    let on_disk = fs::read_to_string(site.out().join("claims/nis-killed-600/index.html")).unwrap();
    assert!(on_disk.contains("About 600 North") && !on_disk.contains("About 700"));
    assert_no_injection_on_disk(&site.out());

    // The terminal shows the same diagnostic.
    let stderr = server
        .process
        .wait_for_stderr("`still serving the last good build`", |text| {
            text.contains("still serving the last good build")
        });
    let reported = diagnostics::parse(&stderr);
    let found = reported
        .iter()
        .find(|d| d.file.as_deref() == Some(CLAIM_FILE) && d.line == line && d.col == col);
    let found = found.unwrap_or_else(|| panic!("no diagnostic at {location} in stderr:\n{stderr}"));
    assert!(found.message.contains("niss"), "{}", found.printed);
    assert!(
        found
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("did you mean `nis`?")),
        "{}",
        found.printed
    );

    // Fixed: the overlay goes, the new text comes.
    site.write(
        CLAIM_FILE,
        broken.replacen("\nby: niss\n", "\nby: nis\n", 1),
    );
    let fixed = server.wait_for("the page without the overlay", claim_page, |r| {
        !r.text().contains(OVERLAY)
    });
    assert!(
        fixed.text().contains("About 700 North"),
        "the fixed change is not served"
    );
    for path in ["/actors/nis/", "/", "/no-such-page/"] {
        assert!(
            !server.get(path).text().contains(OVERLAY),
            "{path} still shows the overlay"
        );
    }
}

const KIM: &str = "content/actors/kim-jong-un.md";

/// Gives Kim a new name (to see which build is served) and a link whose
/// URL is unsafe: a warning, quoting a line that holds markup.
fn rename_kim_with_a_warning(site: &Site) {
    let text = site
        .read(KIM)
        .replacen("name: Kim Jong Un\n", "name: Kim Jong-un the Warned\n", 1)
        .replacen(
            "kind: person\n",
            "kind: person\nlinks:\n  - {title: \"<b>bold</b>\", url: \"javascript:alert(1)\"}\n",
            1,
        );
    site.write(KIM, text);
}

/// The warnings panel of a served page: the page is whole and readable
/// beneath it (a panel in a corner, not an overlay), and the panel lists
/// each warning escaped, with its place and hint.
#[test]
fn warnings_show_in_a_panel_beside_the_new_page() {
    let (site, mut server) = serve();
    rename_kim_with_a_warning(&site);
    let (line, col) = position(&site, KIM, "\"javascript:");
    let location = format!("{KIM}:{line}:{col}");
    let kim_page = "/actors/kim-jong-un/";
    let response = server.wait_for("the warnings panel", kim_page, |r| {
        r.text().contains(WARNINGS)
    });
    for (path, status, served) in [
        (kim_page, 200, response),
        ("/", 200, server.get("/")),
        ("/no-such-page/", 404, server.get("/no-such-page/")),
    ] {
        assert_status(&served, status, path);
        let text = served.text();
        assert!(
            !text.contains(OVERLAY),
            "{path}: an error overlay for a warning"
        );
        let start = text.find(WARNINGS).unwrap();
        let panel = &text[start..start + text[start..].find("</details>").unwrap()];
        assert!(
            panel.contains(&location),
            "{path}: no {location} in:\n{panel}"
        );
        assert!(
            panel.contains("unsafe URL removed") && panel.contains("reach a page"),
            "{path}: the panel lacks the message or the hint:\n{panel}"
        );
        assert!(
            panel.contains("dossier: 1 warning: the site builds") && panel.contains("Dismiss"),
            "{path}: {panel}"
        );
        // Everything from the site is escaped.
        assert!(
            panel.contains("&lt;b&gt;bold&lt;/b&gt;") && !panel.contains("<b>"),
            "{path}: the quoted line is not escaped:\n{panel}"
        );
        // Fixed in a corner, at most part of the screen: never over all of it.
        assert!(
            panel.contains("position:fixed") && panel.contains("max-height:40vh"),
            "{path}: {panel}"
        );
        assert!(
            text.contains(RELOAD_SCRIPT),
            "{path}: no live-reload script"
        );
    }
    // The page is the new build, whole.
    let page = server.get(kim_page).page();
    assert!(
        page.contains("Kim Jong-un the Warned"),
        "the new page is not served"
    );
    assert!(page.contains("</html>"));
    let on_disk = fs::read_to_string(site.out().join("actors/kim-jong-un/index.html")).unwrap();
    assert!(on_disk.contains("Kim Jong-un the Warned"));
    assert_no_injection_on_disk(&site.out());
    server
        .process
        .wait_for_stderr("a `built` line counting the warning", |text| {
            text.lines()
                .any(|l| l.starts_with("built ") && l.ends_with(": no errors, 1 warning"))
        });
    // Fixed: the panel goes.
    site.replace(
        KIM,
        "url: \"javascript:alert(1)\"",
        "url: \"https://example.org/\"",
    );
    server.wait_for("the page without the panel", kim_page, |r| {
        !r.text().contains(WARNINGS)
    });
    assert!(!server.get("/").text().contains(WARNINGS));
    // A warning naming a file whose name is markup, with a control
    // character: escaped in the panel as in the terminal.
    let name = "content/actors/<img src=x onerror=alert(1)>\u{1b}[2J.txt";
    site.write(name, "notes");
    let response = server.wait_for("a warning for the file", kim_page, |r| {
        r.text().contains(WARNINGS)
    });
    let text = response.text();
    let start = text.find(WARNINGS).unwrap();
    let panel = &text[start..start + text[start..].find("</details>").unwrap()];
    assert!(
        panel.contains("content/actors/&lt;img src=x onerror=alert(1)&gt;\\u{1b}[2J.txt")
            && panel.contains("not a Markdown file"),
        "{panel}"
    );
    assert!(
        !panel.contains("<img") && !panel.contains('\u{1b}'),
        "{panel}"
    );
    let stderr = server
        .process
        .wait_for_stderr("the warning in the terminal", |text| {
            text.contains("not a Markdown file")
        });
    assert!(
        !stderr.contains('\u{1b}') && stderr.contains("onerror=alert(1)>\\u{1b}[2J.txt"),
        "{stderr}"
    );
}

/// `serve --deny-warnings`: a warning fails the rebuild as an error does,
/// the last good build is served under the overlay, which shows the
/// warning, and the output folder keeps the last good build.
#[test]
fn with_deny_warnings_a_warning_keeps_the_last_good_build() {
    let site = Site::from_fixture("small-site");
    let mut server = Server::start(&site, &["--deny-warnings"]);
    server.process.wait_until_watching(&site);
    rename_kim_with_a_warning(&site);
    let (line, col) = position(&site, KIM, "\"javascript:");
    let kim_page = "/actors/kim-jong-un/";
    let response = server.wait_for("the error overlay", kim_page, |r| {
        r.text().contains(OVERLAY)
    });
    let text = response.text();
    let start = text.find(OVERLAY).unwrap();
    let overlay = &text[start..start + text[start..].find("</div>").unwrap()];
    assert!(
        overlay.contains(&format!("{KIM}:{line}:{col}"))
            && overlay.contains("unsafe URL removed")
            && overlay.contains("no errors, 1 warning (warnings fail the build: --deny-warnings)"),
        "{overlay}"
    );
    assert!(!text.contains(WARNINGS));
    let page = response.page();
    assert!(
        page.contains("Kim Jong Un") && !page.contains("the Warned"),
        "the page under the overlay is not the last good build"
    );
    let on_disk = fs::read_to_string(site.out().join("actors/kim-jong-un/index.html")).unwrap();
    assert!(!on_disk.contains("the Warned"));
    server.process.wait_for_stderr("the denied rebuild", |text| {
        text.contains(
            "error: no errors, 1 warning, denied by --deny-warnings; still serving the last good build",
        )
    });
}

#[test]
fn live_reload_events_name_the_changed_pages() {
    let (site, server) = serve();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    )
    .unwrap();
    let mut received = String::new();
    let mut next_data = |count: usize| -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let data: Vec<String> = received
                .lines()
                .filter_map(|l| l.trim_end().strip_prefix("data: "))
                .map(str::to_string)
                .collect();
            if data.len() >= count {
                return data;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {count} events; received:\n{received}"
            );
            let mut buffer = [0u8; 4096];
            let n = stream
                .read(&mut buffer)
                .unwrap_or_else(|e| panic!("reading the event stream: {e}; received:\n{received}"));
            assert!(n > 0, "the event stream ended; received:\n{received}");
            received.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    };
    let first = next_data(1);
    assert!(
        first[0].contains("\"full\":true"),
        "the first event must ask for a full check: {first:?}"
    );
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Soldiers near Kursk\n",
    );
    let events = next_data(2);
    let event: serde_json::Value = serde_json::from_str(&events[1]).unwrap();
    let changed: Vec<&str> = event["changed"]
        .as_array()
        .unwrap_or_else(|| panic!("no `changed` in {event}"))
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for page in ["briefs/first-brief/index.html", "actors/nis/index.html"] {
        assert!(changed.contains(&page), "{page} not in {changed:?}");
    }
    assert!(
        !changed.contains(&"briefs/third-brief/index.html"),
        "an unchanged page was reported changed: {changed:?}"
    );
    assert_eq!(event["errors"], false, "{event}");
}

/// A change made while the first build runs (after it read the files) must
/// be served eventually: `serving at` promises that the site follows its
/// files.
#[test]
fn a_previous_build_is_served_at_once_while_the_first_build_checks_it() {
    let site = Site::from_fixture("small-site");
    // A first build that takes a while, after an earlier build.
    add_fillers(&site, 800);
    site.build(&[]).expect_success();
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Troops near Kursk\n",
    );
    // A listed file replaced by a link out of the output is never served.
    let secret = "SECRET-5e2a outside the output";
    fs::write(site.temp().join("secret.txt"), secret).unwrap();
    let style = site.out().join("style.css");
    fs::remove_file(&style).unwrap();
    std::os::unix::fs::symlink(site.temp().join("secret.txt"), &style).unwrap();
    let mut server = Server::start(&site, &[]);
    // Served before the first build reports, from the previous output.
    let first = server.get("/briefs/first-brief/");
    assert_status(&first, 200, "the previous build's page");
    let text = first.text();
    assert!(
        text.contains("Troops in Kursk") || text.contains("Troops near Kursk"),
        "{}",
        crate::live::excerpt(&text)
    );
    assert!(!server.get("/style.css").text().contains("SECRET-5e2a"));
    let stderr = server
        .process
        .wait_for_stderr("the first build", |t| t.contains("built "));
    let listening = stderr.find("serving at ").unwrap();
    let built = stderr.find("built ").unwrap();
    assert!(
        listening < built,
        "the server waited for the first build:\n{stderr}"
    );
    // Then the first build's pages.
    server.wait_for("the first build's page", "/briefs/first-brief/", |r| {
        r.text().contains("Troops near Kursk")
    });
    assert!(!server.get("/style.css").text().contains("SECRET-5e2a"));
    assert_no_injection_on_disk(&site.out());
}

#[test]
fn a_change_made_during_the_first_build_is_served() {
    let site = Site::from_fixture("small-site");
    // A first build long enough to edit a file while it writes.
    add_fillers(&site, 800);
    let process = Running::start(&[
        "serve",
        "--root",
        site.root().to_str().unwrap(),
        "--port",
        "0",
    ]);
    wait_until_first_build_writes(&site);
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Changed during the first build\n",
    );
    let server = Server::attach(process);
    server.wait_for(
        "the change made during the first build",
        "/briefs/first-brief/",
        |r| r.text().contains("Changed during the first build"),
    );
}

#[test]
fn a_busy_port_is_a_usage_error_naming_the_port() {
    let (_site, server) = serve();
    let other = Site::from_fixture("small-site");
    let port = server.port.to_string();
    let mut second = Running::start(&[
        "serve",
        "--root",
        other.root().to_str().unwrap(),
        "--port",
        &port,
    ]);
    let code = second.wait_exit("a second `serve` on a busy port");
    let stderr = second.stderr();
    assert_eq!(code, 2, "exit status; stderr:\n{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("error: ") && l.contains(&port)),
        "the error does not name port {port}:\n{stderr}"
    );
    assert!(!stderr.contains("serving at"), "{stderr}");
    // The first server is unaffected.
    assert_eq!(http(server.port, "GET", "/").status, 200);
}

/// `without_injection` itself, so the page comparisons above mean something.
#[test]
fn without_injection_removes_exactly_the_script_and_the_overlay() {
    let page = "<html><body><p>x</p></body></html>";
    let served = format!(
        "<html><body><p>x</p>{OVERLAY} role=\"alert\"><pre>e</pre></div>{RELOAD_SCRIPT}(()=>{{}})();</script></body></html>"
    );
    assert_eq!(without_injection(&served), page);
    assert_eq!(without_injection(page), page);
}

/// Sends `request` (bytes as given) to 127.0.0.1:`port` and returns the
/// status and the whole response.
fn raw(port: u16, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?} for {request:?}"));
    (status, text)
}

/// DNS rebinding: a page of another site whose name its DNS points at
/// 127.0.0.1 makes the browser send its own name as Host. Only the bound
/// address's names are answered, on every route (pages, missing pages,
/// the live-reload events), whatever the method.
#[test]
fn requests_naming_another_host_are_refused() {
    let (_site, server) = serve();
    let port = server.port;
    let get = |target: &str, headers: &str| {
        raw(
            port,
            &format!("GET {target} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"),
        )
    };
    for host in [
        "localhost".to_string(),
        "LOCALHOST".to_string(),
        "localhost.".to_string(),
        format!("localhost:{port}"),
        format!("LocalHost.:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
    ] {
        let (status, text) = get("/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "Host: {host}\n{text}");
    }
    // HTTP/1.0 needs no Host.
    let (status, _) = raw(port, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200, "HTTP/1.0 without Host");

    let misdirected = [
        "evil.com".to_string(),
        format!("evil.com:{port}"),
        "localhost.evil.com".to_string(),
        "127.0.0.1.nip.io".to_string(),
        format!("[::1]:{port}"),
        "10.0.0.1".to_string(),
    ];
    for host in &misdirected {
        for target in [
            "/",
            "/briefs/first-brief/",
            "/no/such/page",
            "/__dossier/events",
        ] {
            let (status, text) = get(target, &format!("Host: {host}\r\n"));
            assert_eq!(status, 421, "GET {target} with Host: {host}\n{text}");
            assert!(
                text.contains("text/plain") && text.contains("answers only to localhost"),
                "{text}"
            );
            assert!(!text.contains("data:") && !text.contains("<html"), "{text}");
        }
    }
    for method in ["HEAD", "POST", "DELETE"] {
        let (status, _) = raw(
            port,
            &format!("{method} /__dossier/events HTTP/1.1\r\nHost: evil.com\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status, 421, "{method} with Host: evil.com");
    }
    for (what, headers) in [
        (
            "`localhost:1@evil`",
            "Host: localhost:1@evil\r\n".to_string(),
        ),
        ("an empty Host", "Host: \r\n".to_string()),
        ("no Host", String::new()),
        (
            "two Host headers",
            format!("Host: localhost:{port}\r\nHost: evil.com\r\n"),
        ),
        (
            "the same Host twice",
            "Host: localhost\r\nHost: localhost\r\n".to_string(),
        ),
        (
            "a port out of range",
            "Host: localhost:99999\r\n".to_string(),
        ),
    ] {
        let (status, text) = get("/", &headers);
        assert_eq!(status, 400, "{what}\n{text}");
    }
    // An absolute target names the host it is for; the Host header cannot
    // vouch for it.
    for (target, expected) in [
        ("http://evil.com/".to_string(), 421),
        (format!("http://evil.com:{port}/briefs/"), 421),
        (format!("http://localhost:{port}/"), 200),
        ("http://localhost:1@evil.com/".to_string(), 400),
    ] {
        let (status, text) = get(&target, &format!("Host: localhost:{port}\r\n"));
        assert_eq!(status, expected, "GET {target}\n{text}");
    }
    // The server keeps serving.
    assert_eq!(server.get("/").status, 200);
}

/// The temporary files of an in-place update (`.NAME.dossier-PID`) in
/// the output folder.
fn temporaries(site: &Site) -> Vec<String> {
    files_under(&site.out())
        .into_iter()
        .filter(|rel| rel.contains(".dossier-"))
        .collect()
}

/// The bytes of every output file but the marker.
fn output_bytes(site: &Site) -> Vec<(String, Vec<u8>)> {
    files_under(&site.out())
        .into_iter()
        .filter(|rel| rel != ".dossier")
        .map(|rel| {
            let bytes = fs::read(site.out().join(&rel)).unwrap_or_default();
            (rel, bytes)
        })
        .collect()
}

/// The small site with 500 more actors: changing its title rewrites
/// more than 500 pages in place, which takes a while.
fn large_site() -> Site {
    let site = Site::from_fixture("small-site");
    add_fillers(&site, 500);
    site
}

/// `dossier serve` or `dossier build --watch` (`command`) on `site`, once
/// it picks up changes.
fn start_rebuilding(site: &Site, command: &str) -> Running {
    let mut running = if command == "serve" {
        Server::start(site, &[]).process
    } else {
        crate::live::watch(site, &[])
    };
    running.wait_until_watching(site);
    running
}

/// Changes the site's title (every page shows it, `n` tells changes
/// apart), then waits until the update has written temporary files
/// (true), or finished without being seen writing (false).
fn retitle_and_catch_the_update(site: &Site, running: &Running, n: usize) -> bool {
    let built = running.built_lines().len();
    let title = site
        .read("site.yaml")
        .lines()
        .find(|l| l.starts_with("title: "))
        .unwrap()
        .to_string();
    site.replace("site.yaml", &title, &format!("title: Desk {n}"));
    let deadline = Instant::now() + PATIENCE;
    loop {
        if !temporaries(site).is_empty() {
            return true;
        }
        if running.built_lines().len() > built {
            return false;
        }
        assert!(
            Instant::now() < deadline,
            "gave up after {PATIENCE:?} waiting for the update; stderr:\n{}",
            running.stderr()
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_signal_during_an_update_leaves_no_temporary_file() {
    let mut caught = 0;
    for (n, (command, signal)) in [
        ("serve", "INT"),
        ("serve", "TERM"),
        ("build --watch", "INT"),
        ("build --watch", "TERM"),
    ]
    .into_iter()
    .enumerate()
    {
        let site = large_site();
        let mut running = start_rebuilding(&site, command);
        let before = output_bytes(&site);
        let writing = retitle_and_catch_the_update(&site, &running, n);
        running.signal(signal);
        let code = running.wait_exit(&format!("`dossier {command}` after SIG{signal}"));
        assert_eq!(code, 0, "{command}, SIG{signal}: {}", running.stderr());
        let left = temporaries(&site);
        assert!(
            left.is_empty(),
            "{command}, SIG{signal} during an update: {} temporary files left, such as {:?}",
            left.len(),
            &left[..left.len().min(5)]
        );
        let staging = site.names_in_root("dossier");
        assert!(staging.is_empty(), "{command}, SIG{signal}: {staging:?}");
        // The output is one whole build: the previous one (the update
        // given up) or the new one (the update had its files in place).
        let now = output_bytes(&site);
        if now != before {
            let fresh = site.temp().join("fresh");
            let _ = fs::remove_dir_all(&fresh);
            site.build_into(&fresh, &[]).expect_success();
            crate::fixtures::assert_same_bytes(&fresh, &site.out());
        }
        caught += usize::from(writing && now == before);
    }
    assert!(
        caught > 0,
        "no signal came while an update was writing: the test proves nothing"
    );
}

/// Kills (SIGKILL) `dossier serve` on `site` while an update writes;
/// the temporary files it leaves. Tries up to three times.
fn kill_during_an_update(site: &Site) -> Vec<String> {
    for n in 0..3 {
        let running = start_rebuilding(site, "serve");
        let writing = retitle_and_catch_the_update(site, &running, 100 + n);
        running.signal("KILL");
        drop(running);
        let left = temporaries(site);
        if writing && !left.is_empty() {
            return left;
        }
    }
    panic!("three kills missed the update: the test proves nothing");
}

#[test]
fn temporaries_left_by_a_killed_update_are_removed_by_the_next_run() {
    let site = large_site();
    for next in ["serve", "build"] {
        let left = kill_during_an_update(&site);
        if next == "serve" {
            let running = start_rebuilding(&site, "serve");
            drop(running);
        } else {
            site.build(&[]).expect_success();
        }
        let still = temporaries(&site);
        assert!(
            still.is_empty(),
            "the next {next} left {} of the {} temporary files of a killed update, such as {:?}",
            still.len(),
            left.len(),
            &still[..still.len().min(5)]
        );
        let fresh = site.temp().join("fresh");
        let _ = fs::remove_dir_all(&fresh);
        site.build_into(&fresh, &[]).expect_success();
        crate::fixtures::assert_same_bytes(&fresh, &site.out());
    }
}
