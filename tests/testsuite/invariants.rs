//! The output invariants of "safe against an attacker", in one place:
//! checked on every page that every fuzz target builds (`tests/fuzz/`
//! includes this file), on the fuzz corpus (`fuzz_corpus.rs`), on random
//! hostile sites (`properties.rs`) and on the hostile site (`hostile.rs`).
//!
//! Pages are parsed with a real HTML parser (scraper, html5ever), as a
//! browser parses them; URLs are compared case-insensitively after
//! removing ASCII whitespace and control characters, anywhere (browsers
//! remove tabs and line breaks anywhere, spaces and controls at the ends).
//! Only `scraper`, `serde_json` and `dossier` are used, so the fuzz crate
//! can include this file as it is.
//!
//! What must hold, whatever the content:
//! - no event-handler (`on*`) attribute, no `style` attribute (the theme
//!   writes none but numbers on its SVG pictures, so any other would come
//!   from content), no `srcdoc`;
//! - no `href`, `src`, `srcset`, `action`, `formaction`, `cite`, `poster`,
//!   `data`, `background`, `ping` or `xlink:href` (nor a `<meta>` refresh)
//!   whose URL is `javascript:`, `vbscript:` or `data:` (but the theme's
//!   empty icon, `data:,`), or has any scheme but http(s), mailto or tel;
//! - no `iframe`, `frame`, `object`, `embed`, `applet` or `base` element,
//!   and no script but the theme's (`src` a `.js` file, nothing inside)
//!   and JSON-LD that parses;
//! - in a build without `--drafts` and without errors (one with errors
//!   writes nothing), no file under a draft's folder and no link to it:
//!   in pages, feeds, the sitemap or the search data; and no draft in
//!   the data files (`data/`, `measures/<id>/figures.csv`): neither its
//!   id as a record's id or in a column or key naming briefs or claims,
//!   nor its URL; their URLs are safe too;
//! - Markdown (a body or a field) renders to HTML without any of the
//!   above, nor `style`, `link`, `meta`, forms or foreign (`svg`, `math`)
//!   elements, and with nothing the sanitizer's allow-list would drop.

#![allow(dead_code)]

use scraper::node::Node;
use scraper::Html;

/// Attributes holding a URL (or, for `srcset` and `ping`, a list of them).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "cite",
    "poster",
    "data",
    "background",
    "longdesc",
    "ping",
    "manifest",
    "codebase",
    "xlink:href",
];

/// Schemes a written URL may have.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements that never reach a page, whoever writes them.
const NEVER: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
];

/// Elements Markdown never produces, with or without raw HTML.
const NEVER_IN_MARKDOWN: &[&str] = &[
    "script", "style", "link", "meta", "form", "input", "button", "textarea", "select", "option",
    "template", "noscript", "svg", "math", "title",
];

/// Why `url` may not be written into a page, or `None` when it may.
pub fn unsafe_url(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned == "data:," {
        return None; // the theme's empty icon
    }
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if cleaned.starts_with(scheme) {
            return Some(format!("a `{scheme}` URL"));
        }
    }
    // Any other scheme: a letter, then letters, digits, `+`, `-`, `.`.
    let end = cleaned
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(cleaned.len());
    let scheme = &cleaned[..end];
    let has_scheme =
        cleaned[end..].starts_with(':') && scheme.starts_with(|c: char| c.is_ascii_alphabetic());
    (has_scheme && !SCHEMES.contains(&scheme)).then(|| format!("a `{scheme}:` URL"))
}

/// The URLs of one attribute's value: a list for `srcset`/`ping`, one URL
/// otherwise.
fn urls_of<'v>(name: &str, value: &'v str) -> Vec<&'v str> {
    match name {
        "srcset" | "imagesrcset" => value
            .split(',')
            .filter_map(|candidate| candidate.split_whitespace().next())
            .collect(),
        "ping" => value.split_whitespace().collect(),
        _ => vec![value],
    }
}

/// The URL of a `<meta http-equiv="refresh" content="0; url=…">`.
fn refresh_url(content: &str) -> Option<&str> {
    let at = content.to_ascii_lowercase().find("url=")?;
    Some(content[at + 4..].trim_matches(|c| c == '\'' || c == '"' || c == ' '))
}

/// The violations of one element's attributes, at `place`.
fn attribute_violations(
    place: &str,
    element: &scraper::node::Element,
    urls: &mut Vec<String>,
    out: &mut Vec<String>,
) {
    let tag = element.name();
    for (name, value) in element.attrs() {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("on") {
            out.push(format!(
                "{place}: an event handler {name}={value:?} on <{tag}>"
            ));
        }
        if lower == "style" && !is_picture_style(element, value) {
            out.push(format!("{place}: a style attribute {value:?} on <{tag}>"));
        }
        if lower == "srcdoc" {
            out.push(format!("{place}: srcdoc on <{tag}>"));
        }
        if URL_ATTRIBUTES.contains(&lower.as_str()) {
            for url in urls_of(&lower, value) {
                if let Some(why) = unsafe_url(url) {
                    out.push(format!("{place}: {why} in <{tag} {name}={value:?}>"));
                }
                urls.push(url.to_string());
            }
        }
    }
    let refresh = element
        .attr("http-equiv")
        .is_some_and(|h| h.eq_ignore_ascii_case("refresh"));
    if tag == "meta" && refresh {
        if let Some(url) = element.attr("content").and_then(refresh_url) {
            if let Some(why) = unsafe_url(url) {
                out.push(format!("{place}: {why} in a <meta> refresh"));
            }
            urls.push(url.to_string());
        }
    }
}

/// Is this `style` the theme's own, on its inline SVG pictures (the
/// network's line widths)? Only numbers, on an SVG element: content
/// never reaches SVG (the sanitizer drops it), nor could it write this.
fn is_picture_style(element: &scraper::node::Element, value: &str) -> bool {
    &*element.name.ns == "http://www.w3.org/2000/svg"
        && value
            .split(';')
            .filter(|d| !d.trim().is_empty())
            .all(|declaration| {
                declaration
                    .split_once(':')
                    .is_some_and(|(property, number)| {
                        property
                            .trim()
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-')
                            && number.trim().parse::<f64>().is_ok()
                    })
            })
}

/// Does `url`, on the page at site path `page`, lead into the folder
/// `draft` (`briefs/<id>/`)? Relative URLs are resolved against the page;
/// absolute ones (`https://host/base/briefs/<id>/`, `/base/briefs/<id>/`)
/// lead there when their path has the folder's segments.
fn leads_to(page: &str, url: &str, draft: &str) -> bool {
    let url = url.trim();
    let path = &url[..url.find(['#', '?']).unwrap_or(url.len())];
    let absolute = path.starts_with('/') || path.split('/').next().is_some_and(|s| s.contains(':'));
    if absolute {
        return format!("{path}/").contains(&format!("/{draft}"));
    }
    let mut segments: Vec<&str> = page.split('/').collect();
    segments.pop();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    format!("{}/", segments.join("/")).starts_with(draft)
}

/// Every violation of the output invariants in the files of one build
/// (site paths and bytes), given the folders of its drafts (empty for a
/// build with `--drafts`, or one with errors).
pub fn output_violations<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    drafts: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in files {
        for draft in drafts {
            if path.starts_with(draft.as_str()) {
                out.push(format!("{path}: a file of the draft {draft}"));
            }
        }
        let text = String::from_utf8_lossy(bytes);
        let mut urls = Vec::new();
        if path.ends_with(".html") {
            page_violations(path, &text, &mut urls, &mut out);
        } else if path.ends_with(".xml") {
            // Feeds and sitemaps: links in attributes, URLs in the text
            // of `<loc>`, `<id>` and `<uri>`.
            let doc = Html::parse_fragment(&text);
            for node in doc.tree.nodes() {
                let Node::Element(element) = node.value() else {
                    continue;
                };
                attribute_violations(path, element, &mut urls, &mut out);
                if matches!(element.name(), "loc" | "id" | "uri") {
                    let inner: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    urls.push(inner.trim().to_string());
                }
            }
        } else if path.starts_with("search/") && path.ends_with(".js") {
            search_violations(path, &text, &mut urls, &mut out);
        } else if path.starts_with("data/") || path.ends_with(".csv") {
            data_violations(path, &text, drafts, &mut out);
        }
        for url in &urls {
            for draft in drafts {
                if leads_to(path, url, draft) {
                    out.push(format!("{path}: {url:?} leads to the draft {draft}"));
                }
            }
        }
    }
    out
}

/// The violations of one HTML page; its URLs go to `urls`.
fn page_violations(path: &str, html: &str, urls: &mut Vec<String>, out: &mut Vec<String>) {
    let doc = Html::parse_document(html);
    for node in doc.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        attribute_violations(path, element, urls, out);
        let tag = element.name();
        if NEVER.contains(&tag) {
            out.push(format!("{path}: an <{tag}> element"));
        }
        if tag == "script" {
            let inner: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect();
            match (element.attr("type"), element.attr("src")) {
                (Some("application/ld+json"), None) => {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&inner) {
                        out.push(format!("{path}: JSON-LD that does not parse ({e})"));
                    }
                }
                (None, Some(src)) if src.ends_with(".js") && inner.trim().is_empty() => {}
                _ => out.push(format!(
                    "{path}: a script the theme did not write: {:?}",
                    inner.chars().take(80).collect::<String>()
                )),
            }
        }
    }
}

/// Search data: one call per file, `dossierSearch.<f>(…);` (`init`,
/// `chunk` or `docs`), whose arguments must be JSON; the records' URLs
/// (`u`) must be safe.
fn search_violations(path: &str, text: &str, urls: &mut Vec<String>, out: &mut Vec<String>) {
    let args = ["init", "chunk", "docs"]
        .iter()
        .find_map(|f| text.strip_prefix(&format!("dossierSearch.{f}(")))
        .and_then(|t| t.trim_end().strip_suffix(");"));
    let Some(Ok(value)) =
        args.map(|args| serde_json::from_str::<serde_json::Value>(&format!("[{args}]")))
    else {
        out.push(format!(
            "{path}: search data that is not one call with JSON"
        ));
        return;
    };
    let mut stack = vec![&value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(fields) => {
                if let Some(url) = fields.get("u").and_then(|u| u.as_str()) {
                    if let Some(why) = unsafe_url(url) {
                        out.push(format!("{path}: {why} in the search data"));
                    }
                    urls.push(url.to_string());
                }
                stack.extend(fields.values());
            }
            _ => {}
        }
    }
}

/// The keys and CSV columns of the data files that name briefs or claims
/// (what a draft would appear as); top-level records' `id` too.
const NAMING_KEYS: &[&str] = &[
    "claim",
    "declared_in",
    "cited_in",
    "supports",
    "contradicts",
    "supersedes",
    "claims",
];

/// A data file (FORMAT §15): JSON that parses, CSV whose rows have the
/// header's fields; no draft's id where a brief or claim is named, no URL
/// leading to a draft (data URLs are relative to the site's root) and no
/// unsafe URL.
fn data_violations(path: &str, text: &str, drafts: &[String], out: &mut Vec<String>) {
    let draft_ids: Vec<&str> = drafts
        .iter()
        .filter_map(|d| d.trim_end_matches('/').rsplit('/').next())
        .collect();
    let mut named: Vec<String> = Vec::new();
    let mut urls: Vec<String> = Vec::new();
    if path.ends_with(".csv") {
        let Some(rows) = csv_rows(text) else {
            out.push(format!("{path}: CSV with an unclosed quote"));
            return;
        };
        let Some((header, rows)) = rows.split_first() else {
            out.push(format!("{path}: CSV without a header"));
            return;
        };
        for row in rows {
            if row.len() != header.len() {
                out.push(format!(
                    "{path}: a row of {} fields under a header of {}",
                    row.len(),
                    header.len()
                ));
            }
            for (column, cell) in header.iter().zip(row) {
                match column.as_str() {
                    "url" => urls.push(cell.clone()),
                    "id" => named.push(cell.clone()),
                    c if NAMING_KEYS.contains(&c) => {
                        named.extend(cell.split("; ").map(str::to_string))
                    }
                    _ => {}
                }
            }
        }
    } else {
        let value = match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => value,
            Err(e) => {
                out.push(format!("{path}: JSON that does not parse ({e})"));
                return;
            }
        };
        let records = match &value {
            serde_json::Value::Array(items) => items.iter().collect(),
            serde_json::Value::Object(o) => match o.get("features") {
                Some(serde_json::Value::Array(features)) => features.iter().collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        for record in records {
            if let Some(id) = record.get("id").and_then(|i| i.as_str()) {
                named.push(id.to_string());
            }
        }
        let mut stack = vec![&value];
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(fields) => {
                    for (key, field) in fields {
                        let strings: Vec<&str> = match field {
                            serde_json::Value::String(s) => vec![s.as_str()],
                            serde_json::Value::Array(items) => {
                                items.iter().filter_map(|i| i.as_str()).collect()
                            }
                            _ => Vec::new(),
                        };
                        if key == "url" || key == "same_as" {
                            urls.extend(strings.iter().map(|s| s.to_string()));
                        } else if NAMING_KEYS.contains(&key.as_str()) {
                            named.extend(strings.iter().map(|s| s.to_string()));
                        }
                    }
                    stack.extend(fields.values());
                }
                _ => {}
            }
        }
    }
    for name in &named {
        if draft_ids.contains(&name.as_str()) {
            out.push(format!("{path}: the draft {name} in the data"));
        }
    }
    for url in &urls {
        if let Some(why) = unsafe_url(url) {
            out.push(format!("{path}: {why} in the data"));
        }
        for draft in drafts {
            // Relative to the site's root, as the data files write them.
            if leads_to("index.html", url, draft) {
                out.push(format!("{path}: {url:?} leads to the draft {draft}"));
            }
        }
    }
}

/// The rows of an RFC 4180 file (quoted fields, `""` inside them, CRLF or
/// LF), read here rather than with the csv crate that writes them, which
/// the fuzz targets do not have; `None` for an unclosed quote.
fn csv_rows(text: &str) -> Option<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Some(rows)
}

/// Panics, listing every violation, unless the files of a build hold the
/// output invariants.
pub fn assert_output_invariants<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    drafts: &[String],
) {
    let violations = output_violations(files, drafts);
    assert!(
        violations.is_empty(),
        "{} violation(s) of the output invariants:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// The output invariants on what a `dossier::fuzzing` build made. Drafts
/// are checked only when it has no error (then it would be written).
pub fn check_output_invariants(built: &dossier::fuzzing::Built) {
    let none: &[String] = &[];
    let drafts = if built.has_errors() {
        none
    } else {
        &built.drafts
    };
    assert_output_invariants(
        built
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.bytes.as_slice())),
        drafts,
    );
}

/// Every violation in the HTML of a body or a field.
pub fn fragment_violations(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let doc = Html::parse_fragment(html);
    for node in doc.tree.values() {
        let Node::Element(element) = node else {
            continue;
        };
        let tag = element.name();
        if NEVER.contains(&tag) || NEVER_IN_MARKDOWN.contains(&tag) {
            out.push(format!("an <{tag}> element"));
        }
        attribute_violations("Markdown", element, &mut Vec::new(), &mut out);
    }
    out
}

/// The elements of `html` with their attributes, sorted, in a sorted
/// list: what the allow-list comparison compares.
fn elements(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut all: Vec<String> = doc
        .tree
        .values()
        .filter_map(|node| {
            let element = node.as_element()?;
            let mut attrs: Vec<String> = element
                .attrs()
                .map(|(name, value)| format!("{name}={value:?}"))
                .collect();
            attrs.sort();
            Some(format!("<{} {}>", element.name(), attrs.join(" ")))
        })
        .collect();
    all.sort();
    all
}

/// Panics unless a Markdown rendering holds the invariants of fragments
/// and has exactly the elements and attributes the sanitizer keeps.
pub fn check_rendering(rendering: &dossier::fuzzing::Rendering) {
    let violations = fragment_violations(&rendering.html);
    assert!(
        violations.is_empty(),
        "{}\nin {}",
        violations.join("\n"),
        rendering.html
    );
    let (ours, kept) = (elements(&rendering.html), elements(&rendering.sanitized));
    if ours != kept {
        let dropped: Vec<&String> = ours.iter().filter(|e| !kept.contains(e)).collect();
        let changed: Vec<&String> = kept.iter().filter(|e| !ours.contains(e)).collect();
        panic!(
            "the sanitizer would change this HTML: {dropped:?} became {changed:?}\nin {}\nsanitized {}",
            rendering.html, rendering.sanitized
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_script_url_is_unsafe() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "\tjava\nscript:alert(1)",
            "java\u{0}script:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "DATA:image/svg+xml,x",
            "file:///etc/passwd",
            "x-y:z",
        ] {
            assert!(unsafe_url(url).is_some(), "{url:?}");
        }
        for url in [
            "https://x.org/",
            "HTTP://x",
            "mailto:a@b",
            "tel:1",
            "./javascript:x",
            "../javascript:x",
            "#javascript:x",
            "data:,",
            "a/b:c",
            "%6Aavascript:x",
        ] {
            assert!(unsafe_url(url).is_none(), "{url:?}");
        }
    }

    #[test]
    fn pages_with_handlers_styles_or_script_urls_are_caught() {
        let page = |body: &str| {
            format!("<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
        };
        for bad in [
            "<h2 id=a ONFOCUS=alert(1)>x</h2>",
            "<h2 style=color:red>x</h2>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<img srcset=\"a.png 1x, javascript:alert(1) 2x\" alt=\"\">",
            "<form action=\"javascript:alert(1)\"></form>",
            "<meta http-equiv=refresh content=\"0; url=javascript:alert(1)\">",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<iframe src=\"https://x.org/\"></iframe>",
            "<script>alert(1)</script>",
        ] {
            let html = page(bad);
            assert!(
                !output_violations([("index.html", html.as_bytes())], &[]).is_empty(),
                "{bad}"
            );
        }
        let good = page("<a href=\"./javascript:x\">x</a><link rel=icon href=\"data:,\"><script src=\"search.js\"></script>");
        assert_eq!(
            output_violations([("index.html", good.as_bytes())], &[]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn links_to_drafts_are_caught_at_any_depth() {
        let drafts = ["briefs/secret/".to_string()];
        for (page, url) in [
            ("index.html", "briefs/secret/"),
            ("briefs/a/index.html", "../../briefs/secret/index.html#x"),
            ("404.html", "/base/briefs/secret/"),
            ("feed.xml", "https://example.org/briefs/secret/"),
        ] {
            let html = format!("<a href=\"{url}\">x</a>");
            assert!(
                !output_violations([(page, html.as_bytes())], &drafts).is_empty(),
                "{page} {url}"
            );
        }
        let html = "<a href=\"../../briefs/secret-2/\">x</a><a href=\"secret/\">y</a>";
        assert!(output_violations([("briefs/a/index.html", html.as_bytes())], &drafts).is_empty());
        assert!(!output_violations([("briefs/secret/index.html", &b""[..])], &drafts).is_empty());
    }

    #[test]
    fn drafts_in_data_files_are_caught() {
        let drafts = ["briefs/secret/".to_string(), "claims/hidden/".to_string()];
        let caught = |path: &str, text: &str| {
            !output_violations([(path, text.as_bytes())], &drafts).is_empty()
        };
        let header = "id,text,cited_in,url\r\n";
        for bad in [
            "hidden,x,,claims/hidden/\r\n",
            "a,x,b; secret,claims/a/\r\n",
            "a,\"x, \"\"quoted\"\"\r\nover lines\",,https://example.org/briefs/secret/\r\n",
            "a,x,,javascript:alert(1)\r\n",
            "a,x\r\n",
            "a,\"unclosed,,\r\n",
        ] {
            assert!(
                caught("data/claims.csv", &format!("{header}{bad}")),
                "{bad:?}"
            );
        }
        assert!(caught(
            "measures/m/figures.csv",
            "measure,claim\r\nm,hidden\r\n"
        ));
        for bad in [
            r#"[{"id": "hidden", "url": "claims/a/"}]"#,
            r#"[{"id": "a", "cited_in": ["b", "secret"]}]"#,
            r#"[{"id": "a", "declared_in": "secret"}]"#,
            r#"[{"id": "a", "supports": ["hidden"]}]"#,
            r#"[{"id": "a", "sources": [{"id": "s", "url": "javascript:x"}]}]"#,
            r#"[{"id": "a", "url": "briefs/secret/index.html"}]"#,
            r#"{"type": "FeatureCollection", "features": [{"id": "x", "properties": {"claims": ["hidden"]}}]}"#,
            "[not json",
        ] {
            assert!(caught("data/claims.json", bad), "{bad}");
        }
        // A text that happens to hold a draft's id is no draft; nor is a
        // source id (sources have ids of their own).
        let fine = "id,text,cited_in,url\r\na,secret,b,claims/a/\r\n";
        assert!(!caught("data/claims.csv", fine));
        let fine =
            r#"[{"id": "a", "text": "hidden", "sources": [{"id": "secret"}], "url": "claims/a/"}]"#;
        assert!(!caught("data/claims.json", fine));
    }
}
