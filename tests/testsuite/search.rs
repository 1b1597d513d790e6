//! Search without a server: the search page, the header field, and the
//! index the page loads with `<script src>` (an entry, chunks of terms,
//! fragments of documents), read back here as search.js reads it: every
//! published thing found by every text a reader sees, by its claimants,
//! relays and aliases, folded for case and accents; chunks bounded and
//! every term and document reachable, on the fixture and on a generated
//! corpus. (That static/search.js answers in a real browser, from file://,
//! is checked in `.ci/run` with Chromium: tests/browser/search_from_disk.sh
//! and tests/browser/search.mjs.)

#[path = "../../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use crate::fixtures::{files_under, Site};
use dossier::render::search::words;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// The digits of posting lists (src/render/search/index.rs).
const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// A chunk's target size (index.rs `CHUNK_BYTES`).
const CHUNK_BYTES: usize = 24 * 1024;

/// The arguments of the one call a search file makes: `name(args);`.
fn call(out: &Path, path: &str, name: &str) -> Vec<Value> {
    let text = fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let args = text
        .trim_end()
        .strip_prefix(&format!("dossierSearch.{name}("))
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{path} is not one call of {name}: {text:.120}"));
    match serde_json::from_str(&format!("[{args}]")) {
        Ok(Value::Array(args)) => args,
        other => panic!("{path}: arguments are not JSON: {other:?}"),
    }
}

fn decode(text: &str) -> Vec<(u32, u8)> {
    let value = |b: u8| {
        DIGITS
            .iter()
            .position(|d| *d == b)
            .unwrap_or_else(|| panic!("`{}` is no digit", b as char)) as u32
    };
    let bytes = text.as_bytes();
    let (mut out, mut i, mut previous) = (Vec::new(), 0, -1i64);
    while i < bytes.len() {
        let mut n = 0u32;
        loop {
            let d = value(bytes[i]);
            i += 1;
            n = n * 32 + (d & 31);
            if d < 32 {
                break;
            }
        }
        previous += 1 + i64::from(n);
        out.push((previous as u32, value(bytes[i]) as u8));
        i += 1;
    }
    out
}

/// JavaScript's string order.
fn js_less_or_equal(a: &str, b: &str) -> bool {
    a.encode_utf16().le(b.encode_utf16())
}

/// The whole index of an output folder, read back.
struct Index {
    entry: Value,
    entry_bytes: usize,
    prefixes: Vec<String>,
    /// term → (chunk, postings).
    terms: BTreeMap<String, (usize, Vec<(u32, u8)>)>,
    /// Each chunk's size and term count.
    chunks: Vec<(usize, usize)>,
    docs: Vec<Value>,
    per: usize,
}

impl Index {
    fn read(out: &Path) -> Index {
        let entry = call(out, "search/entry.js", "init").remove(0);
        let entry_bytes = fs::metadata(out.join("search/entry.js")).unwrap().len() as usize;
        let prefixes: Vec<String> = entry["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let names: Vec<String> = entry["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        assert_eq!(names.len(), prefixes.len(), "a name for every chunk");
        let mut terms = BTreeMap::new();
        let mut chunks = Vec::new();
        for (n, name) in names.iter().enumerate() {
            let path = format!("search/index/{name}.js");
            let args = call(out, &path, "chunk");
            assert_eq!(args[0], name.as_str(), "{path} names another chunk");
            let list = args[1].as_array().unwrap();
            let size = fs::metadata(out.join(&path)).unwrap().len() as usize;
            chunks.push((size, list.len() / 2));
            for pair in list.chunks(2) {
                let term = pair[0].as_str().unwrap().to_string();
                let postings = decode(pair[1].as_str().unwrap());
                assert!(
                    terms.insert(term.clone(), (n, postings)).is_none(),
                    "`{term}` is in two chunks"
                );
            }
        }
        let per = entry["per"].as_u64().unwrap() as usize;
        let count = entry["docs"].as_u64().unwrap() as usize;
        let mut docs = Vec::new();
        for n in 0..count.div_ceil(per) {
            let path = format!("search/docs/{n}.js");
            let args = call(out, &path, "docs");
            assert_eq!(args[0], n, "{path} names another fragment");
            let list = args[1].as_array().unwrap();
            assert!(list.len() <= per, "{path} holds {} documents", list.len());
            docs.extend(list.iter().cloned());
        }
        assert_eq!(
            docs.len(),
            count,
            "the fragments hold another number of documents"
        );
        assert!(
            !out.join(format!("search/docs/{}.js", count.div_ceil(per)))
                .exists(),
            "fragments beyond the entry's count"
        );
        let mut on_disk: Vec<String> = fs::read_dir(out.join("search/index"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = names.iter().map(|n| format!("{n}.js")).collect();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "search/index/ holds the entry's chunks, no others"
        );
        Index {
            entry,
            entry_bytes,
            prefixes,
            terms,
            chunks,
            docs,
            per,
        }
    }

    /// The chunk search.js looks in for `term`.
    fn chunk_of(&self, term: &str) -> usize {
        self.prefixes
            .iter()
            .rposition(|p| js_less_or_equal(p, term))
            .unwrap_or(0)
    }

    /// Documents having every term of `query` (the last one also as a
    /// prefix), as search.js finds them, looking only in the chunks the
    /// entry points to.
    fn find(&self, query: &str) -> Vec<&Value> {
        let wanted = words::terms(query);
        let mut found: Option<BTreeSet<u32>> = None;
        for (i, term) in wanted.iter().enumerate() {
            let mut hits = BTreeSet::new();
            let chunk = self.chunk_of(term);
            let last = i + 1 == wanted.len();
            for (t, (n, postings)) in self.terms.range(term.clone()..) {
                if !t.starts_with(term.as_str()) || (!last && t != term) {
                    break;
                }
                if t == term {
                    assert_eq!(*n, chunk, "`{t}` is not where the entry says");
                }
                hits.extend(postings.iter().map(|(doc, _)| *doc));
            }
            found = Some(match found {
                None => hits,
                Some(before) => before.intersection(&hits).copied().collect(),
            });
        }
        found
            .unwrap_or_default()
            .into_iter()
            .map(|d| &self.docs[d as usize])
            .collect()
    }

    /// The titles `query` finds.
    fn titles(&self, query: &str) -> Vec<String> {
        self.find(query)
            .iter()
            .map(|d| d["t"].as_str().unwrap().to_string())
            .collect()
    }

    /// The document with this title.
    fn doc(&self, title: &str) -> &Value {
        self.docs
            .iter()
            .find(|d| d["t"] == title)
            .unwrap_or_else(|| panic!("no document titled `{title}`"))
    }

    /// The score a term's posting gives a document.
    fn score(&self, term: &str, title: &str) -> u8 {
        let id = self.docs.iter().position(|d| d["t"] == title).unwrap() as u32;
        self.terms[term]
            .1
            .iter()
            .find(|(doc, _)| *doc == id)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("`{term}` does not find `{title}`"))
    }
}

/// The output file a URL of the search page names.
fn target(url: &str) -> String {
    let path = url
        .strip_prefix("../")
        .unwrap_or_else(|| panic!("{url} is not relative to search/"));
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The structural promises of the index, on any site: every term in the
/// chunk the entry points to, chunks within their size (or one term),
/// every document reachable by its own title and linking to a page.
fn assert_well_formed(out: &Path) -> Index {
    let index = Index::read(out);
    assert_eq!(index.prefixes.first().map(String::as_str), Some(""));
    for (term, (n, postings)) in &index.terms {
        assert_eq!(
            index.chunk_of(term),
            *n,
            "`{term}`: the entry points elsewhere"
        );
        assert!(!postings.is_empty(), "`{term}` finds nothing");
        assert!(
            postings.windows(2).all(|w| w[0].0 < w[1].0)
                && postings
                    .iter()
                    .all(|(d, v)| (*d as usize) < index.docs.len() && (1..32).contains(v)),
            "`{term}`: postings out of order or range"
        );
    }
    for (n, (size, count)) in index.chunks.iter().enumerate() {
        assert!(
            *size <= CHUNK_BYTES + 64 || *count == 1,
            "chunk {n}: {size} bytes for {count} terms"
        );
    }
    // The entry grows with the chunks only, a few bytes each.
    assert!(
        index.entry_bytes <= 200 + 24 * index.prefixes.len(),
        "entry: {} bytes for {} chunks",
        index.entry_bytes,
        index.prefixes.len()
    );
    for doc in &index.docs {
        let title = doc["t"].as_str().unwrap();
        let url = doc["u"].as_str().unwrap();
        assert!(
            out.join(target(url)).is_file(),
            "`{title}` links to {url}, which is no page"
        );
        assert!(
            index.find(title).contains(&doc),
            "`{title}` is not found by its own title"
        );
        let shown: usize = doc["p"].as_array().map_or(0, |p| {
            p.iter().map(|t| t.as_str().unwrap().chars().count()).sum()
        });
        assert!(
            shown <= 10_001,
            "`{title}` keeps {shown} characters for snippets"
        );
    }
    index
}

#[test]
fn the_search_page_loads_only_the_script_and_the_entry() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    let page = fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(page.contains("<input type=\"search\""), "no search input");
    assert!(
        page.contains("<noscript>"),
        "nothing for readers without JavaScript"
    );
    assert!(
        page.contains("role=\"status\""),
        "no live region for the result count"
    );
    let scripts: Vec<&str> = page
        .match_indices("<script src=\"")
        .map(|(i, _)| &page[i..])
        .collect();
    assert_eq!(scripts.len(), 2, "{page}");
    assert!(scripts[0].starts_with("<script src=\"../search.js\" defer></script>"));
    assert!(scripts[1].starts_with("<script src=\"../search/entry.js\" defer></script>"));
    let script = fs::read_to_string(out.join("search.js")).unwrap();
    assert!(
        !page.contains("fetch(")
            && !script.contains("fetch(")
            && !script.contains("XMLHttpRequest"),
        "search must not fetch files: browsers refuse it from disk"
    );
    assert!(
        script.contains("createElement(\"script\")"),
        "chunks are not loaded as scripts"
    );
}

#[test]
fn every_page_has_a_search_field_leading_to_the_search_page() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let brief = fs::read_to_string(site.out().join("briefs/first-brief/index.html")).unwrap();
    assert!(
        brief.contains(
            "<form class=\"site-search\" role=\"search\" action=\"../../search/\" method=\"get\">"
        ),
        "{brief}"
    );
    assert!(brief.contains("<input type=\"search\" id=\"site-search-q\" name=\"q\""));
}

#[test]
fn every_published_thing_is_a_document_found_by_its_title() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    let index = assert_well_formed(&out);
    let kinds: BTreeMap<&str, usize> = index.docs.iter().fold(BTreeMap::new(), |mut m, d| {
        *m.entry(d["k"].as_str().unwrap()).or_default() += 1;
        m
    });
    // 3 published briefs, 6 actors, 4 published claims, the measures with
    // pages, the tags with published briefs, 1 page.
    let pages_of = |section: &str| {
        files_under(&out.join(section))
            .iter()
            .filter(|f| f.ends_with("/index.html") && f.matches('/').count() == 1)
            // Redirect pages (`redirect_from`) are no documents.
            .filter(|f| {
                !fs::read_to_string(out.join(section).join(f))
                    .unwrap()
                    .contains("http-equiv=\"refresh\"")
            })
            .count()
    };
    for (kind, section) in [
        ("brief", "briefs"),
        ("actor", "actors"),
        ("claim", "claims"),
        ("measure", "measures"),
        ("tag", "tags"),
    ] {
        assert_eq!(
            kinds.get(kind).copied().unwrap_or(0),
            pages_of(section),
            "{kind}s: {kinds:?}"
        );
    }
    assert_eq!(kinds.get("page"), Some(&1));
    assert!(
        !index
            .docs
            .iter()
            .any(|d| d["u"].as_str().unwrap().contains("draft")),
        "a draft is searchable"
    );
    assert!(
        index.find("unpublished").is_empty() && index.find("something").is_empty(),
        "a draft's words are searchable"
    );
}

#[test]
fn every_text_a_reader_sees_is_searched() {
    let site = Site::from_fixture("small-site");
    let first = "content/briefs/2025/first-brief.md";
    site.replace(
        first,
        "  - text: North Korea will likely keep troops in Russia.",
        "  - text: Seoul is unlikely to send lethal aid to Ukraine.",
    );
    site.replace(
        first,
        "## Background\n",
        "## Background\n\nThe armistice line stays quiet.\n",
    );
    site.replace(
        first,
        "    text: North Korean troops fought for Russia.\n",
        "    text: North Korean troops fought for Russia.\n    quote: representatives of the honour of the motherland\n",
    );
    // A claim that names KCNA only as its relay.
    site.replace(
        "content/briefs/second-brief.md",
        "  - id: kcna-denies-losses\n",
        "  - id: pledge-relayed\n    text: Pyongyang pledged more troops.\n    by: kim-jong-un\n    via: kcna\n  - id: kcna-denies-losses\n",
    );
    site.write(
        "content/actors/sauli-niinisto.md",
        "---\nname: Sauli Niinistö\nkind: person\nrole: Former president of Finland\naliases:\n  - {name: 尼尼斯托, lang: zh}\n  - {name: ニーニスト, lang: ja}\n---\nHe spoke of Kursk.\n",
    );
    site.build(&[]).expect_success();
    let index = assert_well_formed(&site.out());
    let brief = "Troops in Kursk";
    // Key judgement, body and bottom line of a brief.
    assert_eq!(index.titles("lethal"), [brief]);
    assert_eq!(index.titles("armistice"), [brief]);
    assert!(index.titles("counts about").contains(&brief.to_string()));
    // Tags, sources' titles and the names of a brief's actors.
    assert!(index.titles("closed-door").contains(&brief.to_string()));
    // A claim by its claimant, its relay (via) and the actors it is about,
    // by any of their names, and by its quote and figure.
    let relayed = index.titles("KCNA");
    for claim in [
        "Pyongyang pledged more troops.",
        "North Korean troops fought for Russia.",
        "No North Korean soldier has died in Russia.",
    ] {
        assert!(
            relayed.contains(&claim.to_string()),
            "KCNA finds {relayed:?}"
        );
    }
    assert!(index
        .titles("Seong Kweun")
        .contains(&"About 600 North Korean soldiers have been killed.".to_string()));
    assert!(index
        .titles("김정은")
        .contains(&"North Korean troops fought for Russia.".to_string()));
    assert!(index
        .titles("motherland")
        .contains(&"North Korean troops fought for Russia.".to_string()));
    assert!(index
        .titles("15,000 troops")
        .contains(&"North Korea has sent about 15,000 troops to Russia.".to_string()));
    // Actors by name, alias in any script, role and profile; folded.
    for query in [
        "niinisto",
        "NIINISTÖ",
        "Niinisto\u{308}",
        "niini",
        "尼尼",
        "尼尼斯托",
        "ニー",
        "ニーニスト",
        "president",
    ] {
        assert_eq!(index.titles(query), ["Sauli Niinistö"], "{query}");
    }
    // Finland's president, and the incident in the Gulf of Finland.
    assert_eq!(
        index.titles("finland"),
        ["Sauli Niinistö", "Estlink 2 cable cut by a dragged anchor"]
    );
    assert!(index.titles("김정").contains(&"Kim Jong Un".to_string()));
    assert!(index
        .titles("kim jong-un")
        .contains(&"Kim Jong Un".to_string()));
    // Measures and pages by their bodies; tags by name.
    assert!(index
        .titles("admiralty")
        .contains(&"Methodology".to_string()));
    assert!(!index.titles("red sea").is_empty());
    assert!(index.titles("zzyzxq").is_empty());
}

#[test]
fn an_identifier_finds_its_actor() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let index = assert_well_formed(&site.out());
    // Typing a ship's IMO number (alone or as written) or its MMSI finds
    // the ship; its flag, by the country's name.
    for query in ["9329760", "IMO 9329760", "518998000", "cook islands"] {
        assert_eq!(index.titles(query), ["Eagle S"], "{query}");
    }
}

#[test]
fn each_document_carries_what_a_result_shows() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let index = Index::read(&site.out());
    let claim = index.doc("North Korean troops fought for Russia.");
    assert_eq!(claim["k"], "claim");
    assert_eq!(claim["u"], "../claims/kim-acknowledges/");
    assert_eq!(
        claim["d"],
        serde_json::json!(["2025-04-30", "30 April 2025"])
    );
    assert_eq!(claim["v"], serde_json::json!(["confirmed", "Confirmed"]));
    assert_eq!(claim["by"], serde_json::json!(["Kim Jong Un"]));
    assert_eq!(
        claim["via"],
        serde_json::json!(["Korean Central News Agency"])
    );
    let brief = index.doc("Troops in Kursk");
    assert_eq!(brief["k"], "brief");
    assert_eq!(brief["d"][0], "2025-04-30");
    let passages: Vec<&str> = brief["p"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        passages[0],
        "The National Intelligence Service counts about 15,000 troops."
    );
    assert!(
        passages.contains(&"North Korea will likely keep troops in Russia."),
        "{passages:?}"
    );
    assert!(
        passages.iter().any(|p| p.contains("briefed lawmakers")),
        "{passages:?}"
    );
    let actor = index.doc("Kim Jong Un");
    assert_eq!(actor["s"], "Person");
    assert_eq!(actor["p"][0], "Leader of North Korea");
    assert!(actor["p"][1].as_str().unwrap().contains("김정은"));
    // Names and titles outscore bodies: KCNA's own name against a brief's
    // source title.
    assert!(index.score("kcna", "Korean Central News Agency") >= 16);
    assert!(index.score("kcna", "Troops in Kursk") < 16);
    // Briefs oldest first, each after the claims it declares, then the
    // named things (search.js breaks ties newest first, names before).
    let order: Vec<&str> = index
        .docs
        .iter()
        .filter(|d| d["k"] == "brief")
        .map(|d| d["t"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "Troops in Kursk",
            "Losses in Kursk",
            "Shipping in the Red Sea"
        ]
    );
    let at = index
        .docs
        .iter()
        .position(|d| d["t"] == "Troops in Kursk")
        .unwrap();
    assert_eq!(
        index.docs[at - 2]["t"],
        "North Korea has sent about 15,000 troops to Russia."
    );
    assert_eq!(
        index.docs[at - 1]["t"],
        "North Korean troops fought for Russia."
    );
    assert_eq!(index.docs.last().unwrap()["k"], "incident");
    assert_eq!(index.per, index.entry["per"].as_u64().unwrap() as usize);
}

#[test]
fn an_edit_to_one_body_is_searchable_at_once() {
    let site = Site::from_fixture("small-site");
    let brief = "content/briefs/2025/first-brief.md";
    let options = dossier::BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let mut session = dossier::serve::session::Session::open(options).unwrap();
    assert!(!session.build().failed());
    site.replace(
        brief,
        "briefed lawmakers;",
        "briefed the armistice committee;",
    );
    let changed = site.root().canonicalize().unwrap().join(brief);
    let outcome = session.update(&[changed]);
    assert!(outcome.body_only && !outcome.failed(), "{outcome:?}");
    let index = assert_well_formed(session.out());
    assert_eq!(index.titles("armistice"), ["Troops in Kursk"]);
    assert!(!index
        .titles("lawmakers")
        .contains(&"Troops in Kursk".to_string()));
}

#[test]
fn portable_search_results_link_to_index_files() {
    let site = Site::from_fixture("small-site");
    site.build(&["--portable"]).expect_success();
    let out = site.out();
    let index = Index::read(&out);
    for doc in &index.docs {
        let url = doc["u"].as_str().unwrap();
        assert!(url.ends_with("/index.html"), "{url}");
    }
    let page = fs::read_to_string(out.join("briefs/first-brief/index.html")).unwrap();
    assert!(
        page.contains("action=\"../../search/index.html\""),
        "the header form does not work from disk"
    );
}

/// `dossier build --root root --out out`, which must succeed.
fn build(root: &Path, out: &Path) {
    let args: Vec<OsString> = vec![
        "build".into(),
        "--root".into(),
        root.into(),
        "--out".into(),
        out.into(),
    ];
    crate::fixtures::dossier(&args).expect_success();
}

#[test]
fn a_generated_corpus_has_a_bounded_reachable_deterministic_index() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    gen_corpus::write_corpus(150, gen_corpus::DEFAULT_SEED, &root, None).unwrap();
    let build = |out: &PathBuf| build(&root, out);
    let (a, b) = (temp.path().join("a"), temp.path().join("b"));
    build(&a);
    build(&b);
    let index = assert_well_formed(&a);
    assert!(index.prefixes.len() >= 4, "{} chunks", index.prefixes.len());
    let briefs = files_under(&root.join("content/briefs")).len();
    assert_eq!(
        index.docs.iter().filter(|d| d["k"] == "brief").count(),
        briefs
    );
    // Deterministic: the same input gives the same files.
    let (fa, fb) = (
        files_under(&a.join("search")),
        files_under(&b.join("search")),
    );
    assert_eq!(fa, fb);
    let differ: Vec<&String> = fa
        .iter()
        .filter(|f| {
            fs::read(a.join("search").join(f)).unwrap()
                != fs::read(b.join("search").join(f)).unwrap()
        })
        .collect();
    assert!(differ.is_empty(), "{differ:?} differ between two builds");
}

/// A chunk is named by what it holds: an edit that changes a few terms'
/// postings rewrites those chunks and the entry, and every other chunk
/// keeps its file, name and bytes (a boundary that moves is tested in
/// `render::search`'s unit tests).
#[test]
fn an_edit_rewrites_only_the_chunks_it_changes() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    gen_corpus::write_corpus(150, gen_corpus::DEFAULT_SEED, &root, None).unwrap();
    let build = |out: &PathBuf| build(&root, out);
    let chunks = |out: &PathBuf| -> BTreeMap<String, Vec<u8>> {
        files_under(&out.join("search/index"))
            .into_iter()
            .map(|f| {
                let bytes = fs::read(out.join("search/index").join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let (a, b) = (temp.path().join("a"), temp.path().join("b"));
    build(&a);
    let before = chunks(&a);
    // One word of a body becomes a word no brief has: the same number of
    // words, so only these two terms' postings change.
    let brief = files_under(&root.join("content/briefs"))
        .into_iter()
        .map(|f| root.join("content/briefs").join(f))
        .find(|p| fs::read_to_string(p).unwrap().contains(" the "))
        .unwrap();
    let text = fs::read_to_string(&brief).unwrap();
    let at = text.rfind(" the ").unwrap();
    let edited = format!("{} zebrafinchery {}", &text[..at], &text[at + 5..]);
    fs::write(&brief, edited).unwrap();
    build(&b);
    let after = chunks(&b);
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    assert!(before.len() >= 8, "{} chunks", before.len());
    assert!(
        !rewritten.is_empty() && rewritten.len() <= 3,
        "{} of {} chunks rewritten: {rewritten:?}",
        rewritten.len(),
        after.len()
    );
    assert_well_formed(&b);
}

/// Through serve's session, body edits take the fast path and make again
/// only the chunks whose terms changed: after each, the search files are
/// those of a fresh build, byte for byte (terms new to the site, terms
/// gone from it, the same edit undone).
#[test]
fn body_edits_in_a_session_leave_the_search_files_a_fresh_build_makes() {
    let add = |words: &'static str| {
        move |text: &str| match words {
            "" => text.to_string(),
            _ => format!("{text}\n{words}\n"),
        }
    };
    search_files_after_edits(
        vec![
            (0, Box::new(add("aardvarkish zebrafinchery"))),
            (1, Box::new(add("zebrafinchery mmmiddleword"))),
            (0, Box::new(add(""))),
            (7, Box::new(add("aardvarkish"))),
            (1, Box::new(add(""))),
        ],
        150,
        true,
    );
}

/// Front-matter edits resolve the site again; when the documents are the
/// same and in the same order, only those whose text changed are put in
/// the last index. After each edit (a title with a new word, another
/// title, a date that moves the brief, each undone), the search files
/// are those of a fresh build.
#[test]
fn front_matter_edits_in_a_session_leave_the_search_files_a_fresh_build_makes() {
    let field = |key: &'static str, value: &'static str| {
        move |text: &str| {
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            if let Some(line) = lines.iter_mut().find(|l| l.starts_with(key)) {
                *line = format!("{key} {value}");
            }
            lines.join("\n") + "\n"
        }
    };
    let same = |text: &str| text.to_string();
    search_files_after_edits(
        vec![
            (
                0,
                Box::new(field("title:", "Quokkaspeak in the archipelago")),
            ),
            (3, Box::new(field("title:", "Another title entirely"))),
            (0, Box::new(same)),
            (5, Box::new(field("date:", "1999-01-02"))),
            (3, Box::new(same)),
            (5, Box::new(same)),
        ],
        60,
        false,
    );
}

/// An edit: the brief to change (by its place among the briefs' paths),
/// and its new text made from its first.
type Edit = (usize, Box<dyn Fn(&str) -> String>);

/// Applies `edits` one by one to a corpus of `briefs` through serve's
/// session (`body_only`: each takes the fast path for bodies) and checks
/// after each that the search files are a fresh build's.
fn search_files_after_edits(edits: Vec<Edit>, briefs: usize, body_only: bool) {
    use dossier::serve::session::Session;
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    gen_corpus::write_corpus(briefs, gen_corpus::DEFAULT_SEED, &root, None).unwrap();
    let root = root.canonicalize().unwrap();
    let options = dossier::BuildOptions {
        root: root.clone(),
        out: Some(temp.path().join("served")),
        ..dossier::BuildOptions::default()
    };
    let mut session = Session::open(options).unwrap();
    assert!(!session.build().failed());
    let search = |out: &Path| -> BTreeMap<String, Vec<u8>> {
        files_under(&out.join("search"))
            .into_iter()
            .map(|f| {
                let bytes = fs::read(out.join("search").join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let briefs: Vec<PathBuf> = files_under(&root.join("content/briefs"))
        .into_iter()
        .map(|f| root.join("content/briefs").join(f))
        .collect();
    let originals: Vec<String> = briefs
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    for (step, (brief, edit)) in edits.into_iter().enumerate() {
        fs::write(&briefs[brief], edit(&originals[brief])).unwrap();
        let outcome = session.update(std::slice::from_ref(&briefs[brief]));
        assert!(!outcome.failed(), "step {step}: {:?}", outcome.diagnostics);
        assert_eq!(outcome.body_only, body_only, "step {step}: path taken");
        let fresh = temp.path().join(format!("fresh-{step}"));
        build(&root, &fresh);
        let (served, built) = (search(session.out()), search(&fresh));
        let differ: Vec<&String> = built
            .keys()
            .chain(served.keys())
            .filter(|name| served.get(*name) != built.get(*name))
            .collect();
        assert!(differ.is_empty(), "step {step}: {differ:?} differ");
    }
}
