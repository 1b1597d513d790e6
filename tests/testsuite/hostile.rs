//! Hostile content: script and event-handler injection in every string an
//! author can write, `javascript:`/`data:`/`vbscript:` URLs in links and
//! sources, `</script>` in what ends up in JSON-LD. The site must build and
//! no page may carry script the theme did not put there.

use crate::fixtures::{files_under, Site};
use scraper::{Html, Selector};

/// Breaks out of text, of both kinds of attribute quotes, of a `<script>`
/// element and of a JSON string, and tries an event handler.
const PAYLOAD: &str = r#"X</script><script>alert(1)</script><img src=x onerror=alert(1)>"'><svg onload=alert(1)>\u2028"#;

/// YAML double-quoted (the payload has both quote kinds).
fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn hostile_site() -> Site {
    let p = q(PAYLOAD);
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
            "---\ntitle: {p}\ndate: 2024-05-01\nsummary: {md}\nauthors: [{p}]\ntags: [{p}]\nactors: [hostile-actor]\njudgements:\n  - text: {md}\n    likelihood: likely\n    confidence: low\n    claims: [hostile-claim]\nsources:\n  - {{id: s1, title: {p}, url: \"javascript:alert(1)\", publisher: hostile-actor}}\n  - {{id: s2, title: {p}, url: {p}}}\nclaims:\n  - id: hostile-claim\n    text: {p}\n    by: hostile-actor\n    about: [hostile-actor]\n    source: [s1, s2]\n    quote: {p}\n    quote_lang: ru\n    figure: {{value: 12, unit: {p}}}\n    measure: hostile-measure\n---\n# {PAYLOAD}\n\nBody {PAYLOAD} [[hostile-actor|{PAYLOAD}]] <iframe src=\"javascript:alert(1)\"></iframe> <a href=\"data:text/html,x\">d</a>\n",
        ),
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

#[test]
fn injected_markup_and_script_urls_never_reach_a_page() {
    let site = hostile_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.out();
    let all = Selector::parse("*").unwrap();
    let scripts = Selector::parse("script").unwrap();
    let mut checked = 0;
    for file in files_under(&out) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(out.join(&file)).unwrap();
        let doc = Html::parse_document(&html);
        for element in doc.select(&all) {
            for (name, value) in element.value().attrs() {
                assert!(
                    !name.to_ascii_lowercase().starts_with("on"),
                    "{file}: an event handler attribute {name}={value:?} on <{}>",
                    element.value().name()
                );
                if matches!(
                    name,
                    "href" | "src" | "action" | "formaction" | "xlink:href"
                ) {
                    let url: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    assert!(
                        !url.starts_with("javascript:") && !url.starts_with("vbscript:"),
                        "{file}: {name}={value:?}"
                    );
                    assert!(
                        !url.starts_with("data:") || url == "data:,",
                        "{file}: {name}={value:?}"
                    );
                }
            }
            assert!(
                !matches!(element.value().name(), "iframe" | "object" | "embed"),
                "{file}: <{}> from content",
                element.value().name()
            );
        }
        for script in doc.select(&scripts) {
            match script.value().attr("type") {
                Some("application/ld+json") => {
                    let json = script.inner_html();
                    assert!(!json.to_ascii_lowercase().contains("</script"), "{file}");
                    serde_json::from_str::<serde_json::Value>(&json)
                        .unwrap_or_else(|e| panic!("{file}: JSON-LD does not parse: {e}\n{json}"));
                }
                _ => {
                    let src = script.value().attr("src").unwrap_or_default();
                    assert!(
                        script.inner_html().trim().is_empty() && src.ends_with(".js"),
                        "{file}: a script the theme did not write: {}",
                        script.html()
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} pages");
    // The payload is there, as text.
    let brief = site.read("public/briefs/hostile-brief/index.html");
    assert!(brief.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    // Feeds and sitemaps stay well-formed XML.
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
