//! Tests of `http`.

use super::*;

fn output() -> Output {
    ["index.html", "briefs/a/index.html", "style.css", "404.html"]
        .into_iter()
        .map(|p| {
            (
                p.to_string(),
                crate::render::Digest::of(b"<html><body>x</body></html>"),
            )
        })
        .collect()
}

#[test]
fn a_previous_build_is_read_only_where_its_manifest_and_folder_agree() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let out_path = root.join("public");
    let out = crate::write::OutputDir::unchecked(&out_path);
    let file = |path: &str, text: &str| crate::render::OutputFile {
        path: path.into(),
        bytes: Arc::new(text.as_bytes().to_vec()),
    };
    crate::write::write(
        &out,
        &[
            file("index.html", "<p>home</p>"),
            file("a/b.css", "b"),
            file("c.txt", "c"),
        ],
    )
    .unwrap();
    std::fs::write(root.join("secret.txt"), "secret").unwrap();
    // A manifest line naming a path out of the folder is dropped.
    let marker = out_path.join(crate::write::MARKER);
    let mut text = std::fs::read_to_string(&marker).unwrap();
    text.push_str("0000000000000000 6 ../secret.txt\n");
    std::fs::write(&marker, text).unwrap();
    // A listed file replaced by a link out of the folder is not read.
    std::fs::remove_file(out_path.join("c.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("secret.txt"), out_path.join("c.txt")).unwrap();
    let previous = crate::write::previous_files(&out).unwrap();
    let disk = OnDisk::new(&out, Arc::new(previous.into()), Arc::default()).unwrap();
    assert_eq!(
        disk.files.keys().map(String::as_str).collect::<Vec<_>>(),
        ["a/b.css", "c.txt", "index.html"]
    );
    assert_eq!(
        disk.read("index.html").as_deref(),
        Some(&b"<p>home</p>"[..])
    );
    assert_eq!(disk.read("a/b.css").as_deref(), Some(&b"b"[..]));
    assert_eq!(disk.read("c.txt"), None);
    assert_eq!(disk.read("../secret.txt"), None);
    assert_eq!(disk.read("d.txt"), None);
    // A folder without a manifest has nothing to show.
    assert!(
        crate::write::previous_files(&crate::write::OutputDir::unchecked(&root.join("none")))
            .is_none()
    );
}

#[test]
fn paths_map_to_output_files_and_folders_to_their_index() {
    let o = output();
    assert_eq!(resolve_path("/", &o), Lookup::File("index.html".into()));
    assert_eq!(
        resolve_path("/briefs/a/", &o),
        Lookup::File("briefs/a/index.html".into())
    );
    assert_eq!(
        resolve_path("/briefs/a", &o),
        Lookup::Redirect("/briefs/a/".into())
    );
    assert_eq!(
        resolve_path("/style.css", &o),
        Lookup::File("style.css".into())
    );
    assert_eq!(
        resolve_path("/%62riefs/a/", &o),
        Lookup::File("briefs/a/index.html".into())
    );
    assert_eq!(resolve_path("/nope/", &o), Lookup::NotFound);
}

#[test]
fn traversal_is_refused_in_every_spelling() {
    let o = output();
    for bad in [
        "/../etc/passwd",
        "/briefs/../../x",
        "/%2e%2e/x",
        "/%2E%2E%2Fx",
        "/..%5cx",
        "/a\\b",
        "/%00",
        "/%ff",
    ] {
        assert!(
            matches!(resolve_path(bad, &o), Lookup::Bad | Lookup::NotFound),
            "{bad}"
        );
    }
}

#[test]
fn only_the_bound_address_names_are_accepted() {
    use HostRefusal::*;
    let loopback = Hosts::new("127.0.0.1".parse().unwrap());
    let v6 = Hosts::new("::1".parse().unwrap());
    let all = Hosts::new("0.0.0.0".parse().unwrap());
    let all6 = Hosts::new("::".parse().unwrap());
    let lan = Hosts::new("192.168.1.5".parse().unwrap());
    for (hosts, host, expected) in [
        (&loopback, "localhost", Ok(())),
        (&loopback, "LocalHost.", Ok(())),
        (&loopback, "localhost:1111", Ok(())),
        (&loopback, "localhost.:1111", Ok(())),
        (&loopback, "localhost:", Ok(())),
        (&loopback, "127.0.0.1", Ok(())),
        (&loopback, "127.0.0.1:1111", Ok(())),
        (&loopback, "127.0.0.1.:1111", Ok(())),
        (&loopback, "127.0.0.2", Err(Other)),
        (&loopback, "[::1]", Err(Other)),
        (&loopback, "evil.com", Err(Other)),
        (&loopback, "localhost.evil.com", Err(Other)),
        (&loopback, "127.0.0.1.nip.io", Err(Other)),
        (&loopback, "localhost:1@evil", Err(Malformed)),
        (&loopback, "localhost:99999", Err(Malformed)),
        (&loopback, "localhost:-1", Err(Malformed)),
        (&loopback, "", Err(Malformed)),
        (&loopback, ".", Err(Malformed)),
        (&loopback, ":1111", Err(Malformed)),
        (&loopback, "local host", Err(Malformed)),
        (&loopback, "evil.com%2F", Err(Malformed)),
        (&loopback, "[::1", Err(Malformed)),
        (&loopback, "[::1]x", Err(Malformed)),
        (&v6, "[::1]", Ok(())),
        (&v6, "[::1]:1111", Ok(())),
        (&v6, "[0:0:0:0:0:0:0:1]:1111", Ok(())),
        (&v6, "localhost", Ok(())),
        (&v6, "127.0.0.1", Err(Other)),
        (&v6, "[::2]", Err(Other)),
        (&all, "192.168.1.5:1111", Ok(())),
        (&all, "[fe80::1]", Ok(())),
        (&all, "localhost", Ok(())),
        (&all, "evil.com", Err(Other)),
        (&all6, "10.0.0.1", Ok(())),
        (&all6, "evil.com:1111", Err(Other)),
        (&lan, "192.168.1.5", Ok(())),
        (&lan, "192.168.1.6", Err(Other)),
        (&lan, "evil.com", Err(Other)),
    ] {
        assert_eq!(hosts.check(host), expected, "{host} on {}", hosts.bound);
    }
}

#[test]
fn the_overlay_shows_each_diagnostic_escaped() {
    let d = Diagnostic::error("content/a.md", "unknown id `<x>`")
        .at("---\nby: <x>\n", crate::diagnostics::Pos::new(2, 5, 3))
        .hint("did you mean `y`?");
    let html = overlay(&[d], None);
    assert!(html.contains("content/a.md:2:5"), "{html}");
    assert!(html.contains("unknown id `&lt;x&gt;`"));
    assert!(html.contains("did you mean `y`?"));
    assert!(!html.contains("<x>"));
}

#[test]
fn the_overlay_escapes_control_characters() {
    let d = Diagnostic::error("content/\u{1b}]0;PWNED\u{7}.md", "bad \u{9b}id")
        .at(
            "---\nby: \u{1b}[2J\n",
            crate::diagnostics::Pos::new(2, 5, 1),
        )
        .hint("x\u{0}y");
    let html = overlay(&[d], None);
    assert!(
        !html.chars().any(|c| c.is_control() && c != '\n'),
        "{html:?}"
    );
    assert!(
        html.contains("content/\\u{1b}]0;PWNED\\u{7}.md:2:5"),
        "{html}"
    );
}

/// Every page carries the panel: thousands of diagnostics show the
/// first few (errors first), count the rest, and keep pages small.
#[test]
fn thousands_of_diagnostics_make_a_small_panel() {
    let text = "---\ntitle: x\n";
    let diagnostic = |error: bool, i: usize| {
        let d = match error {
            true => Diagnostic::error(format!("content/e{i:04}.md"), "broken"),
            false => Diagnostic::warning(format!("content/w{i:04}.md"), "odd"),
        };
        d.at(text, crate::diagnostics::Pos::new(2, 1, 5))
    };
    let warnings: Vec<Diagnostic> = (0..3000).map(|i| diagnostic(false, i)).collect();
    let html = warnings_panel(&warnings);
    assert!(html.contains("dossier: 3000 warnings"), "{html}");
    assert_eq!(html.matches("<pre").count(), SHOWN);
    assert!(html.contains("content/w0019.md") && !html.contains("content/w0020.md"));
    assert!(html.contains("… and 2980 more: <code>dossier check</code> lists every one."));
    assert!(html.len() < 16 * 1024, "{} bytes", html.len());
    // Warnings sort first by file here; errors still come first.
    let mut mixed = warnings;
    mixed.extend((0..500).map(|i| diagnostic(true, i)));
    let html = overlay(&mixed, None);
    assert!(html.contains("500 errors, 3000 warnings"), "{html}");
    assert_eq!(html.matches("<pre").count(), SHOWN);
    assert_eq!(html.matches("error: broken").count(), SHOWN);
    assert!(html.contains("… and 3480 more"), "{html}");
    assert!(html.len() < 16 * 1024, "{} bytes", html.len());
    // One warning: no note.
    let html = warnings_panel(&[diagnostic(false, 1)]);
    assert!(!html.contains("more"), "{html}");
}

#[test]
fn the_warnings_panel_escapes_everything_and_names_each_place() {
    let d = Diagnostic::warning("content/<a>\u{1b}.md", "bad `<script>`")
        .at(
            "---\ntitle: </details><script>x</script>\n",
            crate::diagnostics::Pos::new(2, 8, 3),
        )
        .hint("use `&amp;`\u{7}");
    let html = warnings_panel(&[d.clone(), d]);
    assert!(
        html.starts_with("<details id=\"dossier-warnings\""),
        "{html}"
    );
    assert!(html.contains("dossier: 2 warnings"), "{html}");
    assert!(html.contains("content/&lt;a&gt;\\u{1b}.md:2:8"), "{html}");
    assert!(html.contains("bad `&lt;script&gt;`"), "{html}");
    assert!(html.contains("use `&amp;amp;`\\u{7}"), "{html}");
    // Nothing from the site can close the panel or open a script.
    assert_eq!(html.matches("</details>").count(), 1, "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        !html.chars().any(|c| c.is_control() && c != '\n'),
        "{html:?}"
    );
}
