//! Search without a server: a full-text index of every text a reader sees,
//! written as script files that static/search.js loads on demand with
//! `<script src>`, so that search works from a web server and from disk
//! (file://, where browsers refuse to fetch files), and a query loads only
//! the parts of the index its words need.
//!
//! **What is searched.** One document per published brief (title, bottom
//! line, key judgements, body, tags, authors, the names of its actors, its
//! sources' titles), claim (text, the names and aliases of its claimants,
//! of those who relayed it (`via`) and of those it is about, quote, figure,
//! measure, sources' titles, body), actor (name and every alias, in any
//! script, role, links' titles, body), measure (name, unit, body), tag
//! (name) and page (title, body). Text is folded (case, accents, Arabic
//! vowel marks; `niinisto` finds `Niinistö`) and split into words, or into
//! pairs of characters for Chinese, Japanese and other scripts written
//! without spaces: see `words`.
//!
//! **Files.**
//! - `search/entry.js` (small; the search page loads it): the number of
//!   documents, how many a fragment holds, a version, and the first term
//!   of each chunk; it calls `dossierSearch.init({...})`.
//! - `search/index/<n>.js`: chunk `n` of the index, terms with their
//!   posting lists (see `index` for the encoding and the scores), calling
//!   `dossierSearch.chunk(n, [term, postings, …])`. A query loads the
//!   chunks of its words (for the last word typed, every chunk of the terms
//!   it starts).
//! - `search/docs/<n>.js`: documents `n·PER_FRAGMENT` to the next, for the
//!   results shown: kind, title, URL, date, verdict, claimant, relays and
//!   the passages of text a snippet is cut from (at most
//!   [`SNIPPET_CHARS`] a document), calling `dossierSearch.docs(n, [...])`.
//!
//! search.js ranks the documents having every word (exact words above
//! words that only start with a query word, names above bodies, BM25) and
//! breaks ties by document order: actors, measures, tags and pages first,
//! then briefs (each followed by the claims it declares) and claim files,
//! newest first. The script adds `?v=` and the version to the chunks' and
//! fragments' URLs so that a browser never mixes two builds' parts.
//!
//! Why not Pagefind itself: it indexes built HTML with a separate binary
//! and fetches its files, which browsers refuse from disk; its design (a
//! small entry, chunks by term, one fragment per result) is the model here.
//! Why not elasticlunr-rs (mdBook's and Zola's index): its English trimmer
//! (3.1.0, `lang/en.rs`) trims every character that is not an ASCII letter,
//! digit or `_` from both ends of a token, so a Hangul or Arabic name
//! becomes an empty token and cannot be found, and its index is one file,
//! loaded whole.
//!
//! An edit to one document analyses that document alone again: documents
//! are analysed on their own (scores use no collection statistics) and
//! kept in a [`Cache`] by a fingerprint of their inputs; merging and
//! encoding the postings is what every build repeats.

mod index;
pub mod words;

use super::OutputFile;
use crate::model::{ActorIx, BriefIx, ClaimIx, PartialDate, Site, Status, Target};
use crate::urls::{self, Linker};
use index::Field;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The page the documents' URLs are relative to.
pub const PAGE: &str = "search/";

/// The entry file, which the search page loads.
pub const ENTRY: &str = "search/entry.js";

/// The kinds of documents, with their labels for readers.
pub const KINDS: [(&str, &str); 6] = [
    ("brief", "Brief"),
    ("claim", "Claim"),
    ("actor", "Actor"),
    ("measure", "Measure"),
    ("tag", "Tag"),
    ("page", "Page"),
];

/// Documents in one fragment file.
pub const PER_FRAGMENT: usize = 8;

/// The most text a document keeps for snippets, in characters.
pub const SNIPPET_CHARS: usize = 10_000;

/// How much each field counts (titles and names count [`index::TITLE`]).
const ABSTRACT: u8 = 3;
const NAMES: u8 = 2;
const OTHER: u8 = 1;

/// Chunk `n` of the index.
pub fn chunk_path(n: usize) -> String {
    format!("search/index/{n}.js")
}

/// Fragment `n` of the documents.
pub fn fragment_path(n: usize) -> String {
    format!("search/docs/{n}.js")
}

/// Documents analysed by earlier builds, by the fingerprint of their inputs.
#[derive(Default)]
pub struct Cache {
    docs: FxHashMap<u64, Arc<Analysed>>,
}

/// A document, ready to merge: its scored terms and its record (JSON).
struct Analysed {
    terms: Vec<(Box<str>, u8)>,
    record: String,
}

/// One text of a document.
#[derive(Hash)]
struct Text<'a> {
    /// How much its words count; 0: shown, not searched.
    weight: u8,
    /// A title or name.
    name: bool,
    /// Kept for snippets.
    shown: bool,
    /// Rendered HTML (else plain text).
    html: bool,
    text: Cow<'a, str>,
}

/// A document's inputs, borrowed from the site.
#[derive(Hash)]
struct Source<'a> {
    kind: &'static str,
    title: &'a str,
    url: String,
    /// A finer kind ("Person", "Media outlet").
    sub: Option<&'static str>,
    date: Option<PartialDate>,
    status: Option<Status>,
    by: Vec<&'a str>,
    via: Vec<&'a str>,
    texts: Vec<Text<'a>>,
}

impl<'a> Source<'a> {
    fn text(&mut self, weight: u8, text: impl Into<Cow<'a, str>>) -> &mut Self {
        self.push(weight, false, false, false, text)
    }
    fn shown(&mut self, weight: u8, text: impl Into<Cow<'a, str>>) -> &mut Self {
        self.push(weight, false, true, false, text)
    }
    fn html(&mut self, weight: u8, html: &'a str) -> &mut Self {
        self.push(weight, false, true, true, html)
    }
    fn name(&mut self, text: impl Into<Cow<'a, str>>, shown: bool) -> &mut Self {
        self.push(index::TITLE, true, shown, false, text)
    }
    fn push(
        &mut self,
        weight: u8,
        name: bool,
        shown: bool,
        html: bool,
        text: impl Into<Cow<'a, str>>,
    ) -> &mut Self {
        let text = text.into();
        if !text.is_empty() {
            self.texts.push(Text {
                weight,
                name,
                shown,
                html,
                text,
            });
        }
        self
    }

    fn fingerprint(&self) -> u64 {
        let mut h = FxHasher::default();
        self.hash(&mut h);
        h.finish()
    }

    fn analyse(&self) -> Analysed {
        let mut plain: Vec<(u8, bool, bool, Cow<str>)> = Vec::new();
        for t in &self.texts {
            if t.html {
                for p in words::passages(&t.text) {
                    plain.push((t.weight, t.name, t.shown, Cow::Owned(p)));
                }
            } else {
                plain.push((t.weight, t.name, t.shown, Cow::Borrowed(&*t.text)));
            }
        }
        let mut fields = vec![Field {
            weight: index::TITLE,
            name: true,
            text: self.title,
        }];
        fields.extend(
            plain
                .iter()
                .filter(|p| p.0 > 0)
                .map(|(weight, name, _, text)| Field {
                    weight: *weight,
                    name: *name,
                    text,
                }),
        );
        let terms = index::score(&fields);
        let mut passages = Vec::new();
        let mut room = SNIPPET_CHARS;
        for (_, _, shown, text) in &plain {
            if !shown || room == 0 {
                continue;
            }
            let len = text.chars().count();
            if len <= room {
                passages.push(Value::from(&**text));
                room -= len;
            } else {
                let cut: String = text.chars().take(room).collect();
                passages.push(Value::from(format!("{}…", cut.trim_end())));
                room = 0;
            }
        }
        let mut record = Map::new();
        record.insert("k".into(), json!(self.kind));
        record.insert("t".into(), json!(self.title));
        record.insert("u".into(), json!(self.url));
        if let Some(sub) = self.sub {
            record.insert("s".into(), json!(sub));
        }
        if let Some(date) = self.date {
            record.insert("d".into(), json!([date.iso(), date.text()]));
        }
        if let Some(status) = self.status {
            record.insert("v".into(), json!([status.as_str(), status.label()]));
        }
        if !self.by.is_empty() {
            record.insert("by".into(), json!(self.by));
        }
        if !self.via.is_empty() {
            record.insert("via".into(), json!(self.via));
        }
        if !passages.is_empty() {
            record.insert("p".into(), Value::Array(passages));
        }
        Analysed {
            terms,
            record: Value::Object(record).to_string(),
        }
    }
}

/// The search files of a site.
pub fn files(site: &Site) -> Vec<OutputFile> {
    files_with(site, &mut Cache::default())
}

/// The search files of a site, reusing the documents of `cache` whose
/// inputs did not change (and keeping this build's there).
pub fn files_with(site: &Site, cache: &mut Cache) -> Vec<OutputFile> {
    let sources = sources(site);
    let docs: Vec<(u64, Arc<Analysed>)> = sources
        .par_iter()
        .map(|source| {
            let print = source.fingerprint();
            let analysed = match cache.docs.get(&print) {
                Some(kept) => Arc::clone(kept),
                None => Arc::new(source.analyse()),
            };
            (print, analysed)
        })
        .collect();
    cache.docs = docs.iter().map(|(p, a)| (*p, Arc::clone(a))).collect();

    let terms = index::merge(docs.iter().map(|(_, a)| &a.terms[..]));
    let chunks = index::chunks(&terms);
    let mut files: Vec<OutputFile> = Vec::new();
    let mut version = 0u64;
    let mut prefixes = Vec::with_capacity(chunks.len());
    for (n, (prefix, part)) in chunks.iter().enumerate() {
        let mut script = format!("dossierSearch.chunk({n},[");
        for (i, (term, postings)) in part.iter().enumerate() {
            if i > 0 {
                script.push(',');
            }
            script.push_str(&json!(term).to_string());
            script.push_str(",\"");
            script.push_str(postings);
            script.push('"');
        }
        script.push_str("]);\n");
        prefixes.push(prefix.as_str());
        files.push(file(chunk_path(n), script, &mut version));
    }
    for (n, group) in docs.chunks(PER_FRAGMENT).enumerate() {
        let mut script = format!("dossierSearch.docs({n},[");
        for (i, (_, doc)) in group.iter().enumerate() {
            if i > 0 {
                script.push(',');
            }
            script.push_str(&doc.record);
        }
        script.push_str("]);\n");
        files.push(file(fragment_path(n), script, &mut version));
    }
    let entry = json!({
        "version": format!("{version:016x}"),
        "docs": docs.len(),
        "per": PER_FRAGMENT,
        "chunks": prefixes,
    });
    files.push(file(
        ENTRY.to_string(),
        format!("dossierSearch.init({entry});\n"),
        &mut version,
    ));
    files
}

/// An output file; its bytes go into the version.
fn file(path: String, script: String, version: &mut u64) -> OutputFile {
    let bytes = super::composed(script).into_bytes();
    *version = index::stable_hash(*version, &bytes);
    OutputFile {
        path,
        bytes: Arc::new(bytes),
    }
}

fn new_source<'a>(kind: &'static str, title: &'a str, url: String) -> Source<'a> {
    Source {
        kind,
        title,
        url,
        sub: None,
        date: None,
        status: None,
        by: Vec::new(),
        via: Vec::new(),
        texts: Vec::new(),
    }
}

/// Every document, in document order (see the module note).
fn sources(site: &Site) -> Vec<Source<'_>> {
    let link = Linker::from_page(PAGE, site.portable);
    let mut out: Vec<Source> = Vec::new();
    let source = |kind, title, path: &str| new_source(kind, title, link.to(path));
    let name = |a: &ActorIx| site.actor(*a).name.as_str();

    for a in &site.actors {
        let mut s = source("actor", a.name.as_str(), &urls::actor(&a.id));
        s.sub = Some(a.kind.label());
        let aliases: Vec<&str> = a.aliases.iter().map(|al| al.name.as_str()).collect();
        s.name(aliases.join(" · "), true);
        s.shown(ABSTRACT, a.role.as_deref().unwrap_or(""));
        for (title, _) in &a.links {
            s.text(OTHER, title.as_str());
        }
        s.html(OTHER, &a.body);
        out.push(s);
    }
    for m in &site.measures {
        let mut s = source("measure", m.name.as_str(), &urls::measure(&m.id));
        s.shown(NAMES, m.unit.as_deref().unwrap_or(""));
        s.html(OTHER, &m.body);
        out.push(s);
    }
    for t in site.tags.iter().filter(|t| !t.briefs.is_empty()) {
        let mut s = source("tag", t.name.as_str(), &urls::tag(&t.slug));
        let count = t.briefs.len();
        s.shown(
            0,
            format!("{count} brief{}", if count == 1 { "" } else { "s" }),
        );
        out.push(s);
    }
    for p in &site.pages {
        let mut s = source("page", p.title.as_str(), &urls::page(&p.id));
        s.html(OTHER, &p.body);
        out.push(s);
    }

    // Briefs, each with the claims it declares, and claim files, newest first.
    let mut groups: Vec<(Option<PartialDate>, Target)> = site
        .published_briefs()
        .map(|(i, b)| (Some(b.date), Target::Brief(i)))
        .collect();
    groups.extend(
        site.published_claims()
            .filter(|(_, c)| !c.declared_in.is_some_and(|b| site.brief(b).published))
            .map(|(i, c)| (c.said, Target::Claim(i))),
    );
    // Newest first, undated last; equal dates keep the site's order.
    groups.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => y.cmp(&x),
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    let claim = |i: ClaimIx| {
        let c = site.claim(i);
        let mut s = source("claim", c.text_plain.as_str(), &urls::claim(&c.id));
        s.date = c.said;
        s.status = Some(c.status);
        s.by = c.by.iter().map(name).collect();
        s.via = c.via.iter().map(name).collect();
        for (weight, actors) in [(ABSTRACT, &c.by), (NAMES, &c.via), (OTHER, &c.about)] {
            for a in actors {
                let actor = site.actor(*a);
                s.text(weight, actor.name.as_str());
                for alias in &actor.aliases {
                    s.text(weight, alias.name.as_str());
                }
            }
        }
        if let Some(quote) = &c.quote {
            s.shown(NAMES, format!("“{quote}”"));
        }
        if let Some(figure) = &c.figure {
            s.shown(
                OTHER,
                format!("Figure: {}", super::pages::figure_text(figure)),
            );
        }
        if let Some(m) = c.measure {
            s.text(OTHER, site.measure(m).name.as_str());
        }
        for source in &c.sources {
            s.text(OTHER, source.title.as_str());
            if let Some(p) = source.publisher {
                s.text(OTHER, name(&p));
            }
        }
        s.html(OTHER, &c.body);
        s
    };
    let brief = |i: BriefIx| {
        let b = site.brief(i);
        let mut s = source("brief", b.title.as_str(), &urls::brief(&b.id));
        s.date = Some(b.date);
        s.by = b.authors.iter().map(String::as_str).collect();
        s.shown(ABSTRACT, b.summary_text.as_deref().unwrap_or(""));
        for j in &b.judgements {
            s.push(ABSTRACT, false, true, true, j.text.at_depth[2].as_str());
        }
        for t in &b.tags {
            s.text(NAMES, site.tag(*t).name.as_str());
        }
        for author in &b.authors {
            s.text(NAMES, author.as_str());
        }
        for a in &b.actors {
            s.text(OTHER, name(a));
        }
        for source in &b.sources {
            s.text(OTHER, source.title.as_str());
        }
        s.html(OTHER, &b.body);
        s
    };
    for (_, target) in groups {
        match target {
            Target::Brief(i) => {
                out.push(brief(i));
                for &c in &site.brief(i).claims {
                    let declared = site.claim(c);
                    if declared.published && declared.declared_in == Some(i) {
                        out.push(claim(c));
                    }
                }
            }
            Target::Claim(i) => out.push(claim(i)),
            _ => {}
        }
    }
    out
}
