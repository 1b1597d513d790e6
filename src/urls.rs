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
pub const NOT_FOUND: &str = "404.html";
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

pub fn page(id: &str) -> String {
    format!("{id}/")
}

/// The Atom feed of briefs and claims by or about an actor.
pub fn actor_feed(id: &str) -> String {
    format!("actors/{id}/feed.xml")
}

/// The site's Atom feed of briefs.
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The absolute URL of a site path, under `base` (no trailing `/`).
pub fn absolute(base: &str, path: &str) -> String {
    format!("{base}/{path}")
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
    fn folders_are_written_as_index_files() {
        assert_eq!(output_file(HOME), "index.html");
        assert_eq!(output_file(&tag("x")), "tags/x/index.html");
        assert_eq!(output_file(&list_page(CLAIMS, 3)), "claims/index-3.html");
    }
}
