//! Malformed files: YAML alias bombs, deep nesting, NUL bytes, invalid
//! UTF-8, oversized files, very long lines, file names with spaces or
//! accents, decomposed (non-NFC) text, text YAML would read as numbers or
//! booleans. Each is a clear error at its file (or builds), quickly, and
//! the previous output survives the failed build.

use crate::diagnostics::{assert_reported, error, Expect};
use crate::fixtures::{assert_same_snapshot, snapshot, Run, Site};

/// Builds the small site, writes `rel` with `bytes`, builds again: the
/// build fails, `check` accepts its report, and the output is as it was.
fn fails(rel: &str, bytes: &[u8], check: impl FnOnce(&Site, &Run)) {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let before = snapshot(&site.out());
    site.write(rel, bytes);
    let run = site.build(&[]);
    run.expect_code(1);
    check(&site, &run);
    assert_same_snapshot(&before, &snapshot(&site.out()), "a failed build");
}

/// Like [`fails_with`], for lines the report cannot quote as they are (a
/// NUL shows as `\u{0}`, a 20,000-character line is cut): checks the place
/// and message in the report's text.
fn fails_at(rel: &str, bytes: &[u8], place: &str, message: &str) {
    fails(rel, bytes, |_, run| {
        let at = format!("--> {rel}:{place}");
        assert!(
            run.stderr.contains(&at) && run.stderr.contains(message),
            "expected `{at}` and `{message}` in:\n{}",
            run.stderr
        );
    });
}

/// The build fails with exactly `expected`.
fn fails_with(rel: &str, bytes: &[u8], expected: &[Expect]) {
    fails(rel, bytes, |site, run| assert_reported(site, run, expected));
}

const BRIEF: &str = "content/briefs/malformed.md";

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let mut yaml = String::from("---\ntitle: Bomb\ndate: 2024-01-01\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for n in 1..10 {
        let p = n - 1;
        yaml.push_str(&format!(
            "a{n}: &a{n} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    yaml.push_str("extra: {x: *a9}\n---\nBody.\n");
    fails_with(
        BRIEF,
        yaml.as_bytes(),
        &[error(BRIEF)
            .on("a1: &a1 [")
            .message("repetition limit exceeded")],
    );
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let text = format!(
        "---\ntitle: Deep\ndate: 2024-01-01\nextra: {}{}\n---\nBody.\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    fails_at(BRIEF, text.as_bytes(), "4:", "recursion limit exceeded");
}

#[test]
fn a_nul_byte_in_front_matter_is_refused() {
    fails_at(
        BRIEF,
        b"---\ntitle: N\x00ul\ndate: 2024-01-01\n---\nBody.\n",
        "2:9",
        "the control character U+0000 (null) is not allowed",
    );
}

#[test]
fn invalid_utf8_is_reported_at_its_byte() {
    fails_with(
        BRIEF,
        b"---\ntitle: Bad \xff utf\ndate: 2024-01-01\n---\nBody.\n",
        &[error(BRIEF).line(2).message("not valid UTF-8: byte 0xFF")],
    );
}

#[test]
fn file_names_with_spaces_or_accents_are_not_ids() {
    let rel = "content/briefs/my brief.md";
    fails_with(
        rel,
        b"---\ntitle: Spaces\ndate: 2024-01-01\n---\nBody.\n",
        &[error(rel).line(1).message("invalid id `my brief`")],
    );
    let rel = "content/briefs/café.md";
    fails_with(
        rel,
        b"---\ntitle: Accent\ndate: 2024-01-01\n---\nBody.\n",
        &[error(rel).line(1).message("invalid id `café`")],
    );
}

#[test]
fn an_oversized_content_file_is_refused_unread() {
    let mut text = b"---\ntitle: Huge\ndate: 2024-01-01\n---\n".to_vec();
    text.resize(17 * 1024 * 1024, b'a');
    fails_with(
        BRIEF,
        &text,
        &[error(BRIEF).message("content and template files may be at most 16 MB")],
    );
}

#[test]
fn a_very_long_line_builds() {
    let site = Site::from_fixture("small-site");
    let text = format!(
        "---\ntitle: Long\ndate: 2024-01-01\n---\n{}\n",
        "word [[kim-jong-un]] ".repeat(50_000)
    );
    site.write(BRIEF, text);
    site.build(&[]).expect_success();
    let page = site.read("public/briefs/malformed/index.html");
    assert!(page.matches("../../actors/kim-jong-un/").count() >= 50_000);
}

/// Text written decomposed (`e` + U+0301, as macOS file names and text
/// pasted from PDFs often are) is written composed (NFC) in every page and
/// data file, and a tag spelled both ways is one tag.
#[test]
fn decomposed_text_is_written_composed() {
    let site = Site::from_fixture("small-site");
    site.write(
        "content/actors/jose.md",
        "---\nname: Jose\u{301} Marti\u{301}\nkind: person\naliases: [{name: Pepe\u{301}, lang: es}]\n---\nA man from the cafe\u{301}.\n",
    );
    site.write(
        BRIEF,
        "---\ntitle: Cafe\u{301} society\ndate: 2024-01-01\ntags: [Cafe\u{301}]\nactors: [jose]\n---\nRe\u{301}sume\u{301} of [[jose]].\n",
    );
    site.replace(
        "content/briefs/third-brief.md",
        "tags: [Red Sea]",
        "tags: [Red Sea, Café]",
    );
    site.build(&[]).expect_success();
    let out = site.out();
    for file in crate::fixtures::files_under(&out) {
        let Ok(text) = std::fs::read_to_string(out.join(&file)) else {
            continue;
        };
        assert!(
            !text.contains('\u{301}'),
            "{file} holds a decomposed character"
        );
    }
    let actor = site.read("public/actors/jose/index.html");
    assert!(actor.contains("José Martí") && actor.contains("Pepé"));
    assert!(site
        .read("public/briefs/malformed/index.html")
        .contains("Résumé of"));
    let tags: Vec<_> = std::fs::read_dir(out.join("tags"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("caf"))
        .collect();
    assert_eq!(tags, ["cafe"], "one tag for both spellings");
    let tag = site.read("public/tags/cafe/index.html");
    assert!(tag.contains("Café society") && tag.contains("Shipping in the Red Sea"));
}

/// Text YAML would read as a number or a boolean (`1.10`, `2.0`, `1e3`,
/// `0x1F`, `.inf`, `True`, a whole number past 64 bits) shows exactly as
/// written in every text field, on pages and in search data; under
/// `extra:` too, except numbers a template prints the same (`15000`) and
/// booleans, which stay data. Numbers and dates still read as such.
#[test]
fn numbers_and_booleans_in_text_fields_are_kept_as_written() {
    let site = Site::from_fixture("small-site");
    site.write(
        "content/actors/thousand.md",
        "---\nname: 1e3\nkind: group\nrole: 0x1F\naliases: [.inf, TRUE, {name: 2.0, lang: en}]\nlinks:\n  - {title: 1.10, url: \"https://example.org/\"}\n---\nA group.\n",
    );
    site.write(
        BRIEF,
        "---\ntitle: 1.10\ndate: 2024-01-05\nsummary: True\ntags: [2.0, 0x1F]\nauthors: [99999999999999999999]\nsources:\n  - {id: s, title: 1e-3}\nclaims:\n  - id: thousand-counts\n    text: Many.\n    by: thousand\n    quote: -.inf\n    source: s\n    figure: {value: 1.5e3, unit: troops}\nextra: {v: 1.10, n: 15000, deep: [{w: 0o17}], flag: False}\n---\nBody.\n",
    );
    site.write(
        "templates/brief.html",
        "{% extends \"builtin/brief.html\" %}\n{% block content %}{{ super() }}\n{% if brief.extra.v is defined %}<p id=\"extra\">{{ brief.extra.v }}|{{ brief.extra.n + 1 }}|{{ brief.extra.deep[0].w }}|{% if brief.extra.flag %}on{% else %}off{% endif %}</p>{% endif %}\n{% endblock content %}\n",
    );
    site.build(&[]).expect_success();
    let brief = site.read("public/briefs/malformed/index.html");
    for written in [
        "<h1>1.10</h1>",
        ">True<",
        ">2.0<",
        ">0x1F<",
        "99999999999999999999",
        "1e-3",
        "-.inf",
        "<p id=\"extra\">1.10|15001|0o17|off</p>",
    ] {
        assert!(brief.contains(written), "the brief page lacks {written}");
    }
    assert!(brief.contains("2024"), "the date still reads as a date");
    let actor = site.read("public/actors/thousand/index.html");
    for written in [
        "<h1><span dir=\"auto\">1e3</span></h1>",
        "0x1F",
        ".inf",
        "TRUE",
        ">2.0<",
        ">1.10<",
    ] {
        assert!(actor.contains(written), "the actor page lacks {written}");
    }
    assert!(site.read("public/tags/2-0/index.html").contains("2.0"));
    // The search records (`search/docs/*.js`) show the text as written.
    let records: String = std::fs::read_dir(site.path("public/search/docs"))
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    for written in ["\"1e3\"", "\"1.10\"", ".inf", "TRUE", "0x1F"] {
        assert!(
            records.contains(written),
            "the search records lack {written}"
        );
    }
    let claim = site.read("public/claims/thousand-counts/index.html");
    assert!(
        claim.contains("1,500") || claim.contains("1500"),
        "the figure reads as 1500"
    );
}
