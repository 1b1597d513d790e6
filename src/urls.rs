//! Where every page lives: the one mapping from ids to output paths, and
//! from a page to the links it prints. Paths here are relative to the site
//! root, without a leading `/`; folders end in `/`.

use crate::markdown::rebase;

pub const HOME: &str = "";
pub const BRIEFS: &str = "briefs/";
pub const ACTORS: &str = "actors/";
pub const CLAIMS: &str = "claims/";
pub const MEASURES: &str = "measures/";
pub const TAGS: &str = "tags/";
pub const NETWORK: &str = "network/";
pub const TIMELINE: &str = "timeline/";
pub const INCIDENTS: &str = "incidents/";
pub const MAP: &str = "map/";
pub const NOT_FOUND: &str = "404.html";
/// The id of the reading guide ("How to read this site": verdicts, grades,
/// likelihood, confidence, responses). It is not reserved: a site page of
/// this id (`content/pages/how-to-read.md`) replaces the built-in guide.
pub const HOW_TO_READ_ID: &str = "how-to-read";
/// Where the reading guide lives, built in or the site's own page.
pub const HOW_TO_READ: &str = "how-to-read/";
pub const STYLESHEET: &str = "style.css";
/// The theme's search script.
pub const SEARCH_SCRIPT: &str = "search.js";

/// Top-level paths dossier generates or reserves for later pages; a page id
/// or a static file may not take them.
pub const RESERVED: &[&str] = &[
    "briefs",
    "actors",
    "claims",
    "measures",
    "tags",
    "search",
    "timeline",
    "network",
    "incidents",
    "map",
    "data",
    "index.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
];

pub fn brief(id: &str) -> String {
    format!("briefs/{id}/")
}

pub fn actor(id: &str) -> String {
    format!("actors/{id}/")
}

/// Page `number` (1-based) of every claim an actor made, is the subject
/// of or relayed: `actors/<id>/claims.html`, `claims-2.html`… (files
/// beside the actor's page, so they share its depth).
pub fn actor_claims(id: &str, number: usize) -> String {
    numbered(&format!("actors/{id}/claims"), number)
}

/// Page `number` (1-based) of every brief mentioning an actor:
/// `actors/<id>/briefs.html`, `briefs-2.html`…
pub fn actor_briefs(id: &str, number: usize) -> String {
    numbered(&format!("actors/{id}/briefs"), number)
}

/// Page `number` (1-based) of every figure of a measure:
/// `measures/<id>/figures.html`, `figures-2.html`…
pub fn measure_figures(id: &str, number: usize) -> String {
    numbered(&format!("measures/{id}/figures"), number)
}

/// Page `number` (1-based) of a long list of the entity whose page is at
/// `owner` (a folder path): `<owner><name>.html`, `<name>-2.html`… (files
/// beside the entity's page, so they share its depth).
pub fn sublist(owner: &str, name: &str, number: usize) -> String {
    numbered(&format!("{owner}{name}"), number)
}

/// Page `number` (1-based) of the list of every free-standing page:
/// `search/pages.html`, `search/pages-2.html`… (pages have no folder of
/// their own; the search page is where the site is looked through).
pub fn all_pages(number: usize) -> String {
    numbered("search/pages", number)
}

fn numbered(stem: &str, number: usize) -> String {
    if number <= 1 {
        format!("{stem}.html")
    } else {
        format!("{stem}-{number}.html")
    }
}

pub fn claim(id: &str) -> String {
    format!("claims/{id}/")
}

pub fn measure(id: &str) -> String {
    format!("measures/{id}/")
}

pub fn incident(id: &str) -> String {
    format!("incidents/{id}/")
}

pub fn page(id: &str) -> String {
    format!("{id}/")
}

/// The Atom feed of briefs and claims by or about an actor.
pub fn actor_feed(id: &str) -> String {
    format!("actors/{id}/feed.xml")
}

/// The data behind the site (FORMAT §15), beside the pages.
pub const CLAIMS_CSV: &str = "data/claims.csv";
pub const CLAIMS_JSON: &str = "data/claims.json";
pub const FIGURES_CSV: &str = "data/figures.csv";
pub const ACTORS_JSON: &str = "data/actors.json";
pub const INCIDENTS_GEOJSON: &str = "data/incidents.geojson";
/// The JSON Schemas of the JSON data files.
pub const CLAIMS_SCHEMA: &str = "data/claims.schema.json";
pub const ACTORS_SCHEMA: &str = "data/actors.schema.json";

/// One measure's figures as CSV, beside its page.
pub fn measure_data(id: &str) -> String {
    format!("measures/{id}/figures.csv")
}

/// The site's Atom feed of briefs.
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The absolute URL of a site path, under `base` (a [`base_url`]: no
/// trailing `/`).
pub fn absolute(base: &str, path: &str) -> String {
    format!("{base}/{path}")
}

/// The path of a [`base_url`] (`/` or `/sub`), from which 404.html links.
pub fn base_path(base: &str) -> &str {
    let after_scheme = base.split_once("://").map_or(base, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

/// A base URL refused: what is wrong with it, and how to write one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBaseUrl {
    pub message: String,
    pub hint: String,
}

/// The address a site will live at (`base_url`, `--base-url`), parsed as a
/// browser parses it and normalized: scheme and host in lowercase, an
/// international host name in punycode, the default port dropped, `.` and
/// `..` resolved, the path percent-encoded (so the result is ASCII with no
/// space or control character, safe on a line of robots.txt). Returned
/// without its trailing `/`, as [`absolute`] joins it.
///
/// Refused, because the result is printed into feeds, sitemaps, robots.txt
/// and every page: whitespace or control characters anywhere (a browser
/// would drop a line break silently), a scheme other than http and https,
/// no host, an invalid host or port, a user name or password (they would
/// be published), a query or fragment (page paths are joined after it).
pub fn base_url(text: &str) -> Result<String, BadBaseUrl> {
    let refuse = |what: String, hint: &str| BadBaseUrl {
        message: format!("base_url `{}` {what}", shown(text)),
        hint: hint.to_string(),
    };
    const EXAMPLE: &str = "write the full address, e.g. `https://example.org/briefings/`";
    const HOST_HINT: &str = "write a domain name (international names are fine) or an IP address, e.g. `https://example.org/` or `http://[::1]:8080/`";
    if text.is_empty() {
        return Err(refuse("is empty".into(), EXAMPLE));
    }
    if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace()) {
        let what = match c {
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => "a line break".to_string(),
            c if c.is_whitespace() => "a space".to_string(),
            c => format!("a control character (U+{:04X})", c as u32),
        };
        return Err(refuse(
            format!("contains {what}"),
            "a base URL is one address without spaces: remove it (inside a path, write a space as `%20`)",
        ));
    }
    let url = url::Url::parse(text).map_err(|error| {
        use url::ParseError::*;
        match error {
            EmptyHost => refuse(
                "has no host".into(),
                "write the host after the scheme, e.g. `https://example.org/briefings/`",
            ),
            InvalidPort => refuse(
                "has an invalid port".into(),
                "a port is a number from 1 to 65535, e.g. `https://example.org:8443/`",
            ),
            IdnaError | InvalidDomainCharacter | InvalidIpv4Address | InvalidIpv6Address => {
                refuse(format!("has an invalid host ({error})"), HOST_HINT)
            }
            RelativeUrlWithoutBase => refuse("is not an absolute URL".into(), EXAMPLE),
            _ => refuse(format!("is not a valid URL ({error})"), EXAMPLE),
        }
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse(
            format!(
                "is not an http(s) address (its scheme is `{}`)",
                url.scheme()
            ),
            "a site is served over http or https: write e.g. `https://example.org/briefings/`",
        ));
    }
    match url.host() {
        None => return Err(refuse("has no host".into(), EXAMPLE)),
        // The URL standard lets `"`, `'`, `{`… into a host; no name has them.
        Some(url::Host::Domain(name))
            if !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) =>
        {
            return Err(refuse(format!("has an invalid host (`{name}`)"), HOST_HINT))
        }
        Some(_) => {}
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            "holds a user name or password".into(),
            "remove `user:password@`: the base URL is printed in every feed, sitemap and page, so they would be published",
        ));
    }
    if url.port() == Some(0) {
        return Err(refuse(
            "has port 0".into(),
            "a port is a number from 1 to 65535, e.g. `https://example.org:8443/`",
        ));
    }
    if url.query().is_some() {
        return Err(refuse(
            "has a query (`?…`)".into(),
            "remove the `?…` part: page paths are joined to the end of the base URL",
        ));
    }
    if url.fragment().is_some() {
        return Err(refuse(
            "has a fragment (`#…`)".into(),
            "remove the `#…` part: page paths are joined to the end of the base URL",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// `text` for a message: control characters and line breaks escaped.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || (c.is_whitespace() && c != ' ') {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Page `number` (1-based) of the claims with one verdict:
/// `claims/confirmed.html`, `confirmed-2.html`… (files beside the claims
/// list: a claim id has no dot, so none can take their place).
pub fn claims_with_status(status: &str, number: usize) -> String {
    numbered(&format!("claims/{status}"), number)
}

/// Page `number` (1-based) of the claims of one grade (`b2`), or of those
/// without one (`ungraded`): `claims/grade-b2.html`, `grade-b2-2.html`…
pub fn claims_with_grade(grade: &str, number: usize) -> String {
    numbered(&format!("claims/grade-{grade}"), number)
}

/// Page `number` (1-based) of the claimants, most claims first:
/// `claims/claimants.html`, `claimants-2.html`…
pub fn claimants(number: usize) -> String {
    numbered("claims/claimants", number)
}

/// Page `number` (1-based) of the claims made in one month:
/// `timeline/2025-04.html`, `2025-04-2.html`…; claims dated by their year
/// alone are on `timeline/2025-year.html` (never `2025-<n>`, which a
/// month's name could take).
pub fn timeline_month(year: u16, month: Option<u8>, number: usize) -> String {
    match month {
        Some(m) => numbered(&format!("timeline/{year:04}-{m:02}"), number),
        None => numbered(&format!("timeline/{year:04}-year"), number),
    }
}

pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// Page `number` (1-based) of a paginated list in `folder`: `briefs/`,
/// `briefs/index-2.html`…
pub fn list_page(folder: &str, number: usize) -> String {
    if number <= 1 {
        folder.to_string()
    } else {
        format!("{folder}index-{number}.html")
    }
}

/// The file a path is written to: folders get `index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The prefix leading from the page at `path` back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `/path`: the root-relative form used inside rendered Markdown.
pub fn rooted(path: &str) -> String {
    format!("/{path}")
}

/// How pages link to each other: relative to the page, or (404.html)
/// absolute from the site's base.
#[derive(Debug, Clone)]
pub struct Linker {
    root: String,
    portable: bool,
}

impl Linker {
    /// Links from the page at `path`.
    pub fn from_page(path: &str, portable: bool) -> Linker {
        Linker {
            root: root_of(path),
            portable,
        }
    }

    /// Links from a page served at any URL (404.html): absolute, from
    /// `base` (the base URL's path, or `/`).
    pub fn absolute(base: &str) -> Linker {
        let mut root = base.to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Linker {
            root,
            portable: false,
        }
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn portable(&self) -> bool {
        self.portable
    }

    /// The link to the site path `path`.
    pub fn to(&self, path: &str) -> String {
        rebase(&rooted(path), &self.root, self.portable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        let l = Linker::from_page(&brief("b"), false);
        assert_eq!(l.to(&actor("kim")), "../../actors/kim/");
        assert_eq!(l.to(HOME), "../../");
        let home = Linker::from_page(HOME, false);
        assert_eq!(home.to(HOME), "./");
        assert_eq!(home.to(STYLESHEET), "style.css");
        let list = Linker::from_page(&list_page(BRIEFS, 2), true);
        assert_eq!(list.to(&list_page(BRIEFS, 1)), "../briefs/index.html");
    }

    #[test]
    fn the_404_page_links_absolutely() {
        assert_eq!(Linker::absolute("/sub").to(ACTORS), "/sub/actors/");
        assert_eq!(Linker::absolute("/").to(HOME), "/");
    }

    #[test]
    fn base_urls_are_normalized_as_browsers_read_them() {
        for (text, normal) in [
            ("https://example.org", "https://example.org"),
            ("https://example.org/", "https://example.org"),
            ("HTTPS://X.ORG/", "https://x.org"),
            ("HTTPS://X.ORG/Sub", "https://x.org/Sub"),
            ("https://x.org/sub/", "https://x.org/sub"),
            ("https://x.org:443/a/", "https://x.org/a"),
            ("http://x.org:80/", "http://x.org"),
            ("http://x.org:8080/", "http://x.org:8080"),
            ("https://bücher.example/", "https://xn--bcher-kva.example"),
            ("https://x.org/a/../b/./c/", "https://x.org/b/c"),
            ("https://x.org/café/", "https://x.org/caf%C3%A9"),
            ("http://[::1]:8080/", "http://[::1]:8080"),
            ("http://127.0.0.1/", "http://127.0.0.1"),
        ] {
            assert_eq!(base_url(text).as_deref(), Ok(normal), "{text}");
            // Normalizing again changes nothing.
            assert_eq!(base_url(normal).as_deref(), Ok(normal), "{normal}");
        }
    }

    #[test]
    fn base_urls_that_would_break_the_output_are_refused() {
        for (text, message) in [
            ("", "is empty"),
            ("example.org/desk", "not an absolute URL"),
            ("ftp://x.org/", "scheme is `ftp`"),
            ("javascript:alert(1)", "scheme is `javascript`"),
            ("file:///srv/site/", "scheme is `file`"),
            ("https://", "no host"),
            ("https://:443/", "no host"),
            ("https://x.org:99999/", "invalid port"),
            ("https://x.org:0/", "port 0"),
            ("https://x.org:1@evil/", "user name or password"),
            ("https://user:secret@x.org/", "user name or password"),
            ("https://x.org/?a=1#f", "query"),
            ("https://x.org/?", "query"),
            ("https://x.org/#f", "fragment"),
            ("https://x.org/my desk/", "a space"),
            ("https://x.org/\nDisallow: /", "a line break"),
            ("https://x.org/\r", "a line break"),
            ("https://x.org/\t", "a space"),
            ("https://x.org/\u{7}", "control character (U+0007)"),
            (" https://x.org/", "a space"),
            ("https://x<y.org/", "invalid host"),
            ("https://[::1/", "invalid host"),
            ("https://x\"y.org/", "invalid host"),
            ("https://{x}.org/", "invalid host"),
        ] {
            let refused = base_url(text).expect_err(text);
            assert!(refused.message.contains(message), "{text}: {refused:?}");
            assert!(!refused.message.contains('\n'), "{text}: {refused:?}");
            assert!(!refused.hint.is_empty());
        }
    }

    #[test]
    fn the_404_page_links_from_the_base_path() {
        assert_eq!(base_path("https://x.org"), "/");
        assert_eq!(base_path("https://x.org/sub/path"), "/sub/path");
        assert_eq!(base_path("http://[::1]:8080/a"), "/a");
    }

    #[test]
    fn folders_are_written_as_index_files() {
        assert_eq!(output_file(HOME), "index.html");
        assert_eq!(output_file(&tag("x")), "tags/x/index.html");
        assert_eq!(output_file(&list_page(CLAIMS, 3)), "claims/index-3.html");
    }
}
