//! Reading built pages: parsing them with scraper, resolving their links
//! the way a browser does, and checking that every internal link and
//! fragment of an output folder lands somewhere.

use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A built HTML page.
pub struct Page {
    /// Path inside the output folder, e.g. `briefs/some-id/index.html`.
    pub path: String,
    pub html: Html,
}

/// A link of a page, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link's text, white space collapsed.
    pub text: String,
    pub href: String,
    /// The target as a site path: `briefs/x/` for `briefs/x/index.html`,
    /// `style.css` for a file; `None` for external links.
    pub target: Option<String>,
    pub fragment: Option<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Page {
    /// Reads `out/path`; panics when it does not exist.
    pub fn open(out: &Path, path: &str) -> Page {
        let text = fs::read_to_string(out.join(path))
            .unwrap_or_else(|e| panic!("cannot read page {path}: {e}"));
        Page {
            path: path.to_string(),
            html: Html::parse_document(&text),
        }
    }

    /// The `<main>` element: the meaningful part of a page.
    pub fn main(&self) -> ElementRef<'_> {
        self.html
            .select(&selector("main"))
            .next()
            .unwrap_or_else(|| panic!("{} has no <main>", self.path))
    }

    /// The text of `<main>`, white space collapsed.
    pub fn main_text(&self) -> String {
        collapse(&self.main().text().collect::<String>())
    }

    /// Every `id` of the page.
    pub fn ids(&self) -> BTreeSet<String> {
        self.html
            .select(&selector("[id]"))
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect()
    }

    /// The element with this `id`, if any.
    pub fn by_id(&self, id: &str) -> Option<ElementRef<'_>> {
        self.html
            .select(&selector("[id]"))
            .find(|e| e.value().attr("id") == Some(id))
    }

    fn link_of(&self, element: ElementRef<'_>) -> Link {
        let href = element.value().attr("href").unwrap_or_default().to_string();
        let (target, fragment) = match resolve(&self.path, &href) {
            Ok(Some(resolved)) => (Some(site_path(&resolved.file)), resolved.fragment),
            _ => (None, None),
        };
        Link {
            text: collapse(&element.text().collect::<String>()),
            href,
            target,
            fragment,
        }
    }

    /// Every `<a href>` inside `<main>`, resolved.
    pub fn links(&self) -> Vec<Link> {
        self.main()
            .select(&selector("a[href]"))
            .map(|a| self.link_of(a))
            .collect()
    }

    /// Site paths linked from `<main>`.
    pub fn targets(&self) -> BTreeSet<String> {
        self.links().into_iter().filter_map(|l| l.target).collect()
    }

    /// The links of `<main>` grouped under the nearest heading (h1–h4) before
    /// them, in page order: (heading text, links).
    pub fn sections(&self) -> Vec<(String, Vec<Link>)> {
        let mut sections: Vec<(String, Vec<Link>)> = vec![(String::new(), Vec::new())];
        for node in self.main().descendants() {
            let Some(element) = ElementRef::wrap(node) else {
                continue;
            };
            match element.value().name() {
                "h1" | "h2" | "h3" | "h4" => {
                    sections.push((collapse(&element.text().collect::<String>()), Vec::new()))
                }
                "a" if element.value().attr("href").is_some() => {
                    let link = self.link_of(element);
                    sections.last_mut().unwrap().1.push(link);
                }
                _ => {}
            }
        }
        sections
    }

    /// Site paths linked under the headings whose text contains `heading`
    /// (case-insensitive); panics when no heading matches.
    pub fn targets_under(&self, heading: &str) -> BTreeSet<String> {
        let wanted = heading.to_lowercase();
        let sections = self.sections();
        let matching: Vec<_> = sections
            .iter()
            .filter(|(h, _)| h.to_lowercase().contains(&wanted))
            .collect();
        assert!(
            !matching.is_empty(),
            "{}: no heading containing {heading:?}; headings: {:?}",
            self.path,
            sections.iter().map(|(h, _)| h.as_str()).collect::<Vec<_>>()
        );
        matching
            .iter()
            .flat_map(|(_, links)| links.iter().filter_map(|l| l.target.clone()))
            .collect()
    }
}

/// `briefs/x/index.html` → `briefs/x/`; `index.html` → ``; others unchanged.
pub fn site_path(file: &str) -> String {
    if file == "index.html" {
        String::new()
    } else if let Some(folder) = file.strip_suffix("/index.html") {
        format!("{folder}/")
    } else {
        file.to_string()
    }
}

/// The file a site path is written to.
pub fn output_file(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

/// Where an internal link leads: a file of the output and a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub file: String,
    pub fragment: Option<String>,
}

/// Resolves `href`, found on the page at `page` (a path inside the output),
/// against the page's own URL. `Ok(None)` for external links (http:,
/// https:, mailto:, tel:) and for `data:` URLs, which carry their content
/// and fetch nothing (the theme's empty icon); an error for anything that cannot be an
/// internal link of a portable site (other schemes, `//host`, a path
/// leaving the site, a root-relative path outside 404.html).
pub fn resolve(page: &str, href: &str) -> Result<Option<Resolved>, String> {
    let href = href.trim();
    let scheme_end = href.find([':', '/', '?', '#']);
    if let Some(i) = scheme_end {
        if href[i..].starts_with(':') {
            let scheme = href[..i].to_ascii_lowercase();
            return match scheme.as_str() {
                "http" | "https" | "mailto" | "tel" | "data" => Ok(None),
                _ => Err(format!("unexpected URL scheme `{scheme}:`")),
            };
        }
    }
    if href.starts_with("//") {
        return Err("protocol-relative URL".into());
    }
    let (rest, fragment) = match href.split_once('#') {
        Some((rest, fragment)) => (rest, Some(percent_decode(fragment))),
        None => (href, None),
    };
    let path = rest.split('?').next().unwrap_or_default();
    let mut segments: Vec<String> = Vec::new();
    let relative = if let Some(absolute) = path.strip_prefix('/') {
        if page != "404.html" {
            return Err("root-relative link (internal links must be relative)".into());
        }
        absolute
    } else {
        // The folder of the page's own URL.
        segments = page.split('/').map(str::to_string).collect();
        segments.pop();
        if path.is_empty() {
            return Ok(Some(Resolved {
                file: page.to_string(),
                fragment,
            }));
        }
        path
    };
    let parts: Vec<&str> = relative.split('/').collect();
    for part in &parts {
        match *part {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Err("the link leaves the site".into());
                }
            }
            name => segments.push(percent_decode(name)),
        }
    }
    let ends_in_folder = relative.is_empty()
        || relative.ends_with('/')
        || matches!(parts.last(), Some(&".") | Some(&".."));
    let mut file = segments.join("/");
    if ends_in_folder {
        file = if file.is_empty() {
            "index.html".to_string()
        } else {
            format!("{file}/index.html")
        };
    }
    Ok(Some(Resolved { file, fragment }))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Checks every `href` and `src` of every HTML file under `out`: each
/// internal one must name a file of the output, and each fragment an `id`
/// of its target page. Returns the problems, one line each.
pub fn broken_links(out: &Path) -> Vec<String> {
    let files = crate::fixtures::files_under(out);
    let file_set: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let pages: BTreeMap<&str, Page> = files
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| (f.as_str(), Page::open(out, f)))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, page)| (*path, page.ids()))
        .collect();
    let with_url = selector("[href], [src]");
    let mut problems = Vec::new();
    for (path, page) in &pages {
        for element in page.html.select(&with_url) {
            for attribute in ["href", "src"] {
                let Some(url) = element.value().attr(attribute) else {
                    continue;
                };
                let resolved = match resolve(path, url) {
                    Ok(Some(resolved)) => resolved,
                    Ok(None) => continue,
                    Err(why) => {
                        problems.push(format!("{path}: {attribute}=\"{url}\": {why}"));
                        continue;
                    }
                };
                if !file_set.contains(resolved.file.as_str()) {
                    let why = if out.join(&resolved.file).is_dir() {
                        "a folder, linked without a trailing `/`"
                    } else {
                        "no such file in the output"
                    };
                    problems.push(format!(
                        "{path}: {attribute}=\"{url}\" → {}: {why}",
                        resolved.file
                    ));
                    continue;
                }
                if let Some(fragment) = &resolved.fragment {
                    match ids.get(resolved.file.as_str()) {
                        Some(target_ids)
                            if fragment.is_empty() || target_ids.contains(fragment) => {}
                        Some(_) => problems.push(format!(
                            "{path}: {attribute}=\"{url}\": no id `{fragment}` in {}",
                            resolved.file
                        )),
                        None => problems.push(format!(
                            "{path}: {attribute}=\"{url}\": a fragment on a file that is not HTML"
                        )),
                    }
                }
            }
        }
    }
    problems
}

// The checker checks: on a hand-made output folder it must find exactly
// the broken links, so that a clean report on a real site means something.

#[test]
fn link_checker_finds_every_kind_of_broken_link() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path();
    let write = |rel: &str, text: &str| {
        let path = out.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("style.css", "body {}");
    write("404.html", r##"<a href="/briefs/a/">ok from 404</a>"##);
    write(
        "index.html",
        r##"<link href="style.css" rel="stylesheet"><h1 id="top">Home</h1>
        <a href="briefs/a/">ok</a> <a href="briefs/a/#part">ok</a> <a href="#top">ok</a>
        <a href="https://example.org/x">external</a> <a href="mailto:a@b.c">mail</a>
        <a href="briefs/a/?q=1">ok with query</a>
        <a href="briefs/missing/">missing page</a>
        <a href="briefs/a/#nowhere">missing fragment</a>
        <a href="#nope">missing fragment here</a>
        <a href="/briefs/a/">root-relative</a>
        <a href="briefs/a">folder without slash</a>
        <a href="javascript:alert(1)">script</a>
        <img src="img/none.png">"##,
    );
    write(
        "briefs/a/index.html",
        r##"<h2 id="part">Part</h2><a href="../../">home</a><a href="../../../x">outside</a><a href="../../style.css">css</a>"##,
    );
    let problems = broken_links(out);
    let expected = [
        "briefs/missing/",
        "#nowhere",
        "#nope",
        "href=\"/briefs/a/\"",
        "href=\"briefs/a\"",
        "javascript:",
        "img/none.png",
        "../../../x",
    ];
    for fragment in expected {
        assert!(
            problems.iter().any(|p| p.contains(fragment)),
            "not reported: {fragment}; problems: {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}

#[test]
fn links_resolve_against_the_page_url() {
    let resolved =
        |page: &str, href: &str| resolve(page, href).unwrap().map(|r| (r.file, r.fragment));
    assert_eq!(
        resolved("briefs/a/index.html", "../../actors/b/"),
        Some(("actors/b/index.html".into(), None))
    );
    assert_eq!(
        resolved("briefs/a/index.html", "../"),
        Some(("briefs/index.html".into(), None))
    );
    assert_eq!(
        resolved("briefs/index-2.html", "index.html#x"),
        Some(("briefs/index.html".into(), Some("x".into())))
    );
    assert_eq!(
        resolved("index.html", "style.css?v=1"),
        Some(("style.css".into(), None))
    );
    assert_eq!(
        resolved("a/index.html", "#fn%3A1"),
        Some(("a/index.html".into(), Some("fn:1".into())))
    );
    assert_eq!(resolved("a/index.html", "https://example.org/"), None);
    assert!(resolve("a/index.html", "/a/").is_err());
}
