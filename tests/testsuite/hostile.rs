//! Hostile content: script and event-handler injection in every string an
//! author can write, `javascript:`/`data:`/`vbscript:` URLs in links and
//! sources in every spelling (also as site paths, which are rebased:
//! `/javascript:x` on the home page), heading attributes, `</script>` in
//! what ends up in JSON-LD. The site must build and every file must hold
//! the output invariants of `invariants.rs`.

use crate::diagnostics::{assert_reported, warning};
use crate::fixtures::{files_under, Site};
use crate::invariants::assert_output_invariants;

/// Breaks out of text, of both kinds of attribute quotes, of a `<script>`
/// element and of a JSON string, and tries an event handler.
const PAYLOAD: &str = r#"X</script><script>alert(1)</script><img src=x onerror=alert(1)>"'><svg onload=alert(1)>\u2028"#;

/// YAML double-quoted (the payload has both quote kinds).
fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// URLs as an attacker spells them, for fields: each must be removed (with
/// a warning) or written so that it stays a path of the site.
const URLS: &[&str] = &[
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "vbscript:msgbox(1)",
    "/javascript:alert(1)",
    "/ javascript:alert(1)",
    "/\tjavascript:alert(1)",
    "/%6Aavascript:alert(1)",
    "//javascript:alert(1)",
    "/data:text/html,x",
    "file:///etc/passwd",
];

/// The same attacks in Markdown alone (a body without raw HTML was never
/// sanitized): heading attributes, URLs in links, images, autolinks,
/// references, table alignment.
const MARKDOWN_ATTACKS: &str = "## Assessment {#a tabindex=1 autofocus onfocus=alert(document.domain)}\n\n\
## Notes {.x style=color:red}\n\n\
[click](/javascript:alert(1)) [c2](</ javascript:alert(1)>) [c3](/%6Aavascript:alert(1)) [c4](//javascript:alert(1)) \
![i](/data:image/svg+xml,x) <javascript:alert(1)> [r]\n\n\
[r]: /vbscript:x\n\n\
| a | b |\n|:--|--:|\n| 1 | 2 |\n";

/// And in raw HTML, entity-encoded too.
const HTML_ATTACKS: &str =
    "<a href=\"/javascript:alert(1)\">h1</a> <a href=\"/&#106;avascript:alert(1)\">h2</a> \
<a href=\"/&#x09;javascript:alert(1)\">h3</a> <a href=\" /javascript:alert(1)\">h4</a> \
<img src=\"/javascript:alert(1)\" srcset=\"/javascript:alert(1) 2x\" alt=\"i\"> \
<q cite=\"vbscript:x\">q</q>\n";

fn hostile_site() -> Site {
    let p = q(PAYLOAD);
    // An http(s) address with the payload in it: a valid archive.
    let archive = q(&format!("https://archive.example/{PAYLOAD}"));
    // Markdown fields: the payload in a heading and in a link label too.
    let md = q(&format!("## {PAYLOAD} [[hostile-actor|{PAYLOAD}]]"));
    let site = Site::from_fixture("small-site");
    site.write(
        "site.yaml",
        format!(
            "title: {p}\ndescription: {p}\nauthor: {p}\nlanguage: en\nbase_url: https://example.org/\nextra:\n  note: {p}\n"
        ),
    );
    site.write(
        "content/actors/hostile-actor.md",
        format!(
            "---\nname: {p}\nkind: group\nrole: {p}\naliases: [{p}, {{name: {p}, lang: ko}}]\nsame_as: [\"javascript:alert(1)\", \"data:text/html,<script>alert(1)</script>\", {p}]\nlinks:\n  - {{title: {p}, url: \"javascript:alert(1)\"}}\n  - {{title: {p}, url: \" JavaScript:alert(1)\"}}\n  - {{title: {p}, url: \"vbscript:msgbox(1)\"}}\n  - {{title: {p}, url: {p}}}\n---\nProfile {PAYLOAD} with [a link](javascript:alert(1)) and [another](data:text/html;base64,PHNjcmlwdD4=) and <a href=\"javascript:alert(1)\" onclick=\"alert(1)\">raw</a>.\n\n<script>alert(1)</script>\n",
        ),
    );
    site.write(
        "content/briefs/hostile-brief.md",
        format!(
            "---\ntitle: {p}\ndate: 2024-05-01\nchanges:\n  - {{date: 2024-05-02, note: {md}, kind: correction}}\n  - {{date: 2024-05-03, note: {p}}}\nsummary: {md}\nauthors: [{p}]\ntags: [{p}]\nactors: [hostile-actor]\njudgements:\n  - text: {md}\n    likelihood: likely\n    confidence: low\n    claims: [hostile-claim]\n    against: [hostile-rebuttal]\nsources:\n  - {{id: s1, title: {p}, url: \"javascript:alert(1)\", publisher: hostile-actor}}\n  - {{id: s2, title: {p}, url: {p}}}\n  - {{id: s3, title: {p}, anonymous: true, type: interview, access: indirect, archive: {archive}, retrieved: 2024-05-01, language: ko, translation: {p}}}\nclaims:\n  - id: hostile-claim\n    text: {p}\n    by: hostile-actor\n    about: [hostile-actor]\n    source: [s1, s2, s3]\n    quote: {p}\n    quote_lang: ru\n    figure: {{value: 12, unit: {p}, wording: {p}, as_of: 2024-06}}\n    measure: hostile-measure\n    status: misleading\n    responses:\n      - {{by: hostile-actor, stance: denies, said: 2024-05-02, source: s1, text: {md}}}\n      - {{by: [hostile-actor, zz-linked], stance: declines-to-comment, source: [s1, s2], text: {p}}}\n  - id: hostile-rebuttal\n    text: {p}\n    by: zz-linked\n    measure: hostile-measure\n    figure: {{low: 1, high: 2, qualifier: range, wording: {p}}}\n    contradicts: [hostile-claim]\n    status: false\n    responses:\n      - {{by: hostile-actor, stance: disputes, text: {md}}}\n---\n# {PAYLOAD}\n\nBody {PAYLOAD} [[hostile-actor|{PAYLOAD}]] <iframe src=\"javascript:alert(1)\"></iframe> <a href=\"data:text/html,x\">d</a>\n",
        ),
    );
    let links: String = URLS
        .iter()
        .map(|u| format!("  - {{title: link, url: {}}}\n", q(u)))
        .collect();
    let same_as: Vec<String> = URLS.iter().map(|u| q(u)).collect();
    let sources: String = URLS
        .iter()
        .enumerate()
        .map(|(i, u)| format!("  - {{id: u{i}, title: source, url: {}}}\n", q(u)))
        .collect();
    // A brief on the home page (prefix ``), its summary linking a site
    // path that is a script URL once the prefix is put in front.
    site.write(
        "content/briefs/zz-rebased.md",
        format!(
            "---\ntitle: Rebased\ndate: 2030-01-01\nsummary: \"[click](/javascript:alert(1)) [x](/ javascript:alert(1)) [y](</\\tjavascript:alert(1)>)\"\nsources:\n{sources}---\n{MARKDOWN_ATTACKS}"
        ),
    );
    site.write(
        "content/actors/zz-linked.md",
        format!(
            "---\nname: Linked\nkind: group\nsame_as: [{}]\nlinks:\n{links}---\n{MARKDOWN_ATTACKS}\n{HTML_ATTACKS}",
            same_as.join(", ")
        ),
    );
    // FORMAT v1.3's actor fields: identifiers (a free scheme named by
    // the payload too), relations both ways with their source, and a
    // spokesperson whose claims join the other actor's page.
    let archives: String = [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ]
    .iter()
    .enumerate()
    .map(|(i, u)| format!("  - {{id: a{i}, title: {p}, archive: {}}}\n", q(u)))
    .collect();
    site.write(
        "content/actors/hostile-ship.md",
        format!(
            "---\nname: {p}\nkind: vessel\nidentifiers:\n  imo: 9329760\n  callsign: {p}\n  {p}: {p}\nrelations:\n  - {{type: operates, to: hostile-actor, from: 2024, source: r1}}\n  - {{type: flag-state, to: zz-linked, source: a0}}\nsources:\n  - {{id: r1, title: {p}, type: tracking-data, access: direct, archive: {archive}, language: ru, translation: {p}, anonymous: true}}\n{archives}---\n{PAYLOAD}\n"
        ),
    );
    site.replace(
        "content/actors/zz-linked.md",
        "kind: group\n",
        "kind: group\nrelations:\n  - {type: spokesperson-for, to: hostile-actor}\n",
    );
    site.write(
        "content/pages/zz-page.md",
        format!("---\ntitle: Z\n---\n{MARKDOWN_ATTACKS}"),
    );
    site.write(
        "content/measures/hostile-measure.md",
        format!("---\nname: {p}\nunit: {p}\n---\n{PAYLOAD}\n"),
    );
    site.write(
        "content/pages/hostile-page.md",
        format!("---\ntitle: {p}\n---\n{PAYLOAD}\n"),
    );
    site
}

/// Every file of the output, as (site path, bytes).
fn output(site: &Site) -> Vec<(String, Vec<u8>)> {
    let out = site.out();
    files_under(&out)
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(out.join(&file)).unwrap();
            (file, bytes)
        })
        .collect()
}

/// The small-site fixture's draft and its claim.
fn drafts() -> Vec<String> {
    vec![
        "briefs/draft-brief/".to_string(),
        "claims/draft-claim/".to_string(),
    ]
}

#[test]
fn injected_markup_and_script_urls_never_reach_a_page() {
    let site = hostile_site();
    // At the root of a host, portable (links spell out index.html), and
    // under a sub-path: the written URLs differ, the invariants do not.
    for args in [
        &[][..],
        &["--portable"],
        &["--base-url", "https://example.org/desk/"],
    ] {
        let run = site.build(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let files = output(&site);
        let pages = files.iter().filter(|(f, _)| f.ends_with(".html")).count();
        assert!(pages > 20, "only {pages} pages");
        assert_output_invariants(
            files.iter().map(|(f, b)| (f.as_str(), b.as_slice())),
            &drafts(),
        );
    }
    // The payload is there, as text.
    let brief = site.read("public/briefs/hostile-brief/index.html");
    assert!(brief.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // In every place the fields of content format v1.2 reach, as text
    // (the payload read back whole from the parsed page means it was
    // escaped): change notes, responses and their sources, stance lines
    // (the responder's and the contradicting claimant's names), the
    // claims against a judgement, figure wording. (Inline Markdown makes
    // the quotes typographic: the markup before them must be whole.)
    let markup = "</script><script>alert(1)</script><img src=x onerror=alert(1)>";
    for (page, selector, at_least) in [
        ("briefs/hostile-brief", "section.changes li", 2),
        ("briefs/hostile-brief", ".judgement-against li", 1),
        ("briefs/hostile-brief", "p.stances", 2),
        ("claims/hostile-claim", "section.responses li", 2),
        ("claims/hostile-claim", "p.stances", 1),
        ("claims/hostile-claim", "dl.record", 1),
        ("claims/hostile-rebuttal", "section.responses li", 1),
        ("actors/hostile-actor", "ul.responses li", 3),
        // v1.3: a source's line, identifiers, relations both ways, the
        // claims of a spokesperson.
        ("briefs/hostile-brief", "ol.sources li", 3),
        ("claims/hostile-claim", "ol.sources li", 3),
        ("actors/hostile-ship", "dl.record", 1),
        ("actors/hostile-ship", "ol.sources li", 5),
        ("actors/hostile-actor", "dl.record", 1),
        ("actors/zz-linked", "dl.record", 1),
        (
            "actors/hostile-actor",
            "section[aria-labelledby=actor_claims_for]",
            1,
        ),
        ("measures/hostile-measure", "table", 1),
    ] {
        let html = site.read(&format!("public/{page}/index.html"));
        let doc = scraper::Html::parse_document(&html);
        let selector_text = selector;
        let selector = scraper::Selector::parse(selector).unwrap();
        let found = doc
            .select(&selector)
            .filter(|e| e.text().collect::<String>().contains(markup))
            .count();
        assert!(
            found >= at_least,
            "{page}: `{}` holds the payload as text {found} times: {:?}",
            selector_text,
            doc.select(&selector).map(|e| e.html()).collect::<Vec<_>>()
        );
    }
    // The site path `/javascript:alert(1)` stays one on the home page.
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"./javascript:alert(1)\""), "{home}");

    // Feeds and sitemaps stay well-formed XML.
    let out = site.out();
    for file in files_under(&out) {
        if file.ends_with(".xml") {
            let xml = std::fs::read_to_string(out.join(&file)).unwrap();
            roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{file} is not well-formed: {e}"));
        }
    }
    // Search data: each file is one call whose arguments are JSON.
    for file in files_under(&out.join("search")) {
        if !file.ends_with(".js") {
            continue;
        }
        let text = std::fs::read_to_string(out.join("search").join(&file)).unwrap();
        let args = ["init", "chunk", "docs"]
            .iter()
            .find_map(|f| text.strip_prefix(&format!("dossierSearch.{f}(")))
            .and_then(|t| t.trim_end().strip_suffix(");"))
            .unwrap_or_else(|| panic!("search/{file}: {text:.80}"));
        serde_json::from_str::<serde_json::Value>(&format!("[{args}]"))
            .unwrap_or_else(|e| panic!("search/{file}: arguments are not JSON: {e}"));
    }
}

/// The checker itself: the hostile site with the fix of issue 11 undone
/// by hand (a page written as it was before) is caught.
#[test]
fn the_checker_catches_what_issue_11_reported() {
    for (page, html) in [
        ("index.html", "<a href=\"javascript:alert(1)\">click</a>"),
        (
            "briefs/a/index.html",
            "<h2 id=\"a\" tabindex=\"1\" autofocus=\"\" onfocus=\"alert(document.domain)\">A</h2>",
        ),
        (
            "briefs/a/index.html",
            "<h2 class=\"x\" style=\"color:red\">A</h2>",
        ),
        (
            "index.html",
            "<a href=\"../../briefs/draft-brief/\">draft</a>",
        ),
    ] {
        let violations = crate::invariants::output_violations([(page, html.as_bytes())], &drafts());
        assert!(!violations.is_empty(), "{html}");
    }
}

#[test]
fn every_attack_is_reported_where_it_was_written() {
    const BRIEF: &str = "content/briefs/third-brief.md";
    let site = Site::from_fixture("small-site");
    site.append(
        BRIEF,
        "\n## Assessment {#a tabindex=1 autofocus onfocus=alert(document.domain)}\n\n## Notes {#Bad_Id .x}\n\n[click](/javascript:alert(1)) [c2]( JavaScript:alert(1))\n",
    );
    let run = site.build(&[]);
    run.expect_success();
    assert_reported(
        &site,
        &run,
        &[
            warning(BRIEF)
                .at("{#a tabindex")
                .message("heading attributes `tabindex=1 autofocus onfocus=alert(docum` removed")
                .hint("{#my-id}"),
            warning(BRIEF)
                .at("{#Bad_Id")
                .message("heading attributes `.x` removed"),
            warning(BRIEF)
                .at("{#Bad_Id")
                .message("invalid heading id `Bad_Id`; the heading's id is `notes`"),
            warning(BRIEF)
                .at("[c2]( JavaScript")
                .message("unsafe link `JavaScript:alert(1)` removed")
                .hint("http(s)"),
        ],
    );
    let page = site.read("public/briefs/third-brief/index.html");
    assert!(page.contains("<h2 id=\"a\">Assessment</h2>"), "{page}");
    assert!(page.contains("<h2 id=\"notes\">Notes</h2>"), "{page}");
    assert!(!page.contains("onfocus") && !page.contains("Bad_Id"));
    // A site path with a colon is a site path (no warning), at any depth.
    assert!(
        page.contains("href=\"../../javascript:alert(1)\""),
        "{page}"
    );
}
