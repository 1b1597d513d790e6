//! Search without a server: what the search page searches, written as
//! script files (`search/<kind>.js`) that the page loads with `<script
//! src>`, so search works from a web server and from disk (file://, where
//! browsers refuse to fetch files). Each file calls
//! `dossierSearch.add(kind, documents)`; static/search.js indexes them in
//! the browser: Unicode words, prefix matching, results grouped by kind.
//! Bodies are not indexed; names in every script are.
//!
//! Why not elasticlunr-rs (mdBook's and Zola's index): its English
//! trimmer (3.1.0, `lang/en.rs`) trims every character that is not an ASCII
//! letter, digit or `_` from both ends of a token, so a Hangul or Arabic
//! name becomes an empty token and cannot be found; and it ships a
//! prebuilt index larger than these documents. The documents here are short (names, titles, claim texts),
//! so the browser indexes them as they load: at 10,000 briefs the data are
//! about 640 KB gzipped and a query takes a few milliseconds.

use super::OutputFile;
use crate::model::Site;
use crate::urls::{self, Linker};
use serde_json::{json, Value};
use std::sync::Arc;

/// The page the documents' URLs are relative to.
pub const PAGE: &str = "search/";

/// The kinds searched, in the order their files load (claims, the
/// largest, last): (kind, heading).
pub const KINDS: [(&str, &str); 6] = [
    ("briefs", "Briefs"),
    ("actors", "Actors"),
    ("tags", "Tags"),
    ("measures", "Measures"),
    ("pages", "Pages"),
    ("claims", "Claims"),
];

/// The data file of a kind.
pub fn data_path(kind: &str) -> String {
    format!("search/{kind}.js")
}

/// One data file per kind: `[title, url, other searchable text]` for every
/// brief, actor (all its names), tag, measure, page and claim.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let link = Linker::from_page(PAGE, site.portable);
    let doc = |title: &str, path: &str, text: String| json!([title, link.to(path), text]);
    let names = |ids: &[crate::model::ActorIx]| {
        ids.iter()
            .map(|a| site.actor(*a).name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    KINDS
        .iter()
        .map(|(kind, _)| {
            let docs: Vec<Value> = match *kind {
                "briefs" => site
                    .briefs
                    .iter()
                    .map(|b| {
                        let tags: Vec<&str> =
                            b.tags.iter().map(|t| site.tag(*t).name.as_str()).collect();
                        doc(&b.title, &urls::brief(&b.id), tags.join(", "))
                    })
                    .collect(),
                "actors" => site
                    .actors
                    .iter()
                    .map(|a| {
                        let mut text: Vec<&str> =
                            a.aliases.iter().map(|al| al.name.as_str()).collect();
                        text.extend(a.role.as_deref());
                        doc(&a.name, &urls::actor(&a.id), text.join(" · "))
                    })
                    .collect(),
                "tags" => site
                    .tags
                    .iter()
                    .map(|t| doc(&t.name, &urls::tag(&t.slug), String::new()))
                    .collect(),
                "measures" => site
                    .measures
                    .iter()
                    .map(|m| {
                        doc(
                            &m.name,
                            &urls::measure(&m.id),
                            m.unit.clone().unwrap_or_default(),
                        )
                    })
                    .collect(),
                "pages" => site
                    .pages
                    .iter()
                    .map(|p| doc(&p.title, &urls::page(&p.id), String::new()))
                    .collect(),
                _ => site
                    .claims
                    .iter()
                    .map(|c| doc(&c.text_plain, &urls::claim(&c.id), names(&c.by)))
                    .collect(),
            };
            let script = format!(
                "dossierSearch.add({},{});\n",
                json!(kind),
                Value::Array(docs)
            );
            OutputFile {
                path: data_path(kind),
                bytes: Arc::new(super::composed(script).into_bytes()),
            }
        })
        .collect()
}
