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
//! script, identifiers (an IMO number finds its ship; a flag, its
//! country's name), role, links' titles, body), measure (name, unit, body), tag
//! (name) and page (title, body). Text is folded (case, accents, Arabic
//! vowel marks; `niinisto` finds `Niinistö`) and split into words, or into
//! pairs of characters for Chinese, Japanese and other scripts written
//! without spaces: see `words`.
//!
//! **Files.**
//! - `search/entry.js` (small; the search page loads it): the number of
//!   documents, how many a fragment holds, a version, and the first term
//!   and the name of each chunk; it calls `dossierSearch.init({...})`.
//! - `search/index/<name>.js`: a chunk of the index, terms with their
//!   posting lists (see `index` for the encoding and the scores), calling
//!   `dossierSearch.chunk(name, [term, postings, …])`. A chunk is named by
//!   a hash of what it holds, so a chunk that holds the same terms and
//!   postings keeps its file when chunks before it change (a new word
//!   that ends a chunk early would otherwise renumber every later one, and
//!   a rebuild would rewrite them all). A query loads the
//!   chunk of each of its words and, for a word of two letters or more
//!   (or any non-ASCII one), the chunks of the terms it starts, at most
//!   four (a short start of many words finds the first of them).
//! - `search/docs/<n>.js`: documents `n·PER_FRAGMENT` to the next, for the
//!   results shown: kind, title, URL, date, verdict, claimant, relays and
//!   the passages of text a snippet is cut from (at most
//!   [`SNIPPET_CHARS`] a document), calling `dossierSearch.docs(n, [...])`.
//!
//! **Sizes** (measured on `gen_corpus`, gzip -9). At 10,000 briefs (62,000
//! documents, 83,000 output files) the index is 519 chunks, 12 MB (about
//! 11 KB compressed a chunk; the largest, `of` alone, 29 KB), the entry
//! 1.7 KB, the 7,849 fragments 72 MB (about 2.7 KB compressed each): the
//! search page loads 14 KB before a query (the page, stylesheet, script
//! and entry), a query one to a few chunks and at most ten fragments, some
//! 30–60 KB. A fragment per result would make 62,000 more files; eight
//! documents a fragment (a brief and its claims, usually) keep ten results
//! to ten small files. Snippets are cut in the browser from the stored
//! passages, so a word deep in a body is shown in context; the cap keeps a
//! 1 MB body from making a 1 MB fragment.
//!
//! search.js ranks the documents having every word (exact words above
//! words that only start with a query word, names above bodies, BM25) and
//! breaks ties by document order backwards (see `order`): actors,
//! measures, tags and pages, then briefs and claims, newest first. The
//! script adds `?v=` and the version to the chunks' and fragments' URLs so
//! that a browser never mixes two builds' parts.
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
//! Documents are analysed on their own (scores use no collection
//! statistics), in parallel, and kept in a [`Cache`] by a fingerprint of
//! their inputs; a rebuild analyses only changed documents, keeps the
//! fragments whose documents did not change, and after an edit to one
//! body alone (serve's fast path) updates only that document's postings:
//! about 20 ms at 10,000 briefs, against about a second for merging the
//! whole index again (and 2–4 s of a cold build's 15–40 s analysing it).

mod index;
pub mod words;

use super::deps::Entity;
use super::OutputFile;
use crate::model::{
    ActorIx, BriefIx, ClaimIx, MeasureIx, PageIx, PartialDate, Site, Status, TagIx, Target,
};
use crate::urls::{self, Linker};
use index::Field;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The page the documents' URLs are relative to.
pub const PAGE: &str = "search/";

/// The entry file, which the search page loads.
pub const ENTRY: &str = "search/entry.js";

/// The kinds of documents, with their labels for readers.
pub const KINDS: [(&str, &str); 7] = [
    ("brief", "Brief"),
    ("claim", "Claim"),
    ("actor", "Actor"),
    ("measure", "Measure"),
    ("tag", "Tag"),
    ("page", "Page"),
    ("incident", "Incident"),
];

/// Documents in one fragment file.
pub const PER_FRAGMENT: usize = 8;

/// The most text a document keeps for snippets, in characters.
pub const SNIPPET_CHARS: usize = 10_000;

/// How much each field counts (titles and names count [`index::TITLE`]).
const ABSTRACT: u8 = 3;
const NAMES: u8 = 2;
const OTHER: u8 = 1;

/// The chunk of the index named `name`.
pub fn chunk_path(name: &str) -> String {
    format!("search/index/{name}.js")
}

/// Fragment `n` of the documents.
pub fn fragment_path(n: usize) -> String {
    format!("search/docs/{n}.js")
}

/// What a build keeps for the next: documents by the fingerprint of
/// their inputs, and the last build's index, which an edit to bodies alone
/// updates in place (see [`files_with`]).
#[derive(Default)]
pub struct Cache {
    analysed: FxHashMap<u64, Arc<Analysed>>,
    last: Option<Last>,
}

/// A document, ready to merge: its scored terms and its record (JSON, NFC).
struct Analysed {
    terms: Vec<(Box<str>, u8)>,
    record: String,
}

/// One document of a build.
struct Doc {
    entity: Entity,
    print: u64,
    analysed: Arc<Analysed>,
}

/// A fragment file, with a fingerprint of its documents and its hash.
#[derive(Clone)]
struct Fragment {
    print: u64,
    bytes: Arc<Vec<u8>>,
    hash: u64,
}

/// A build's index.
struct Last {
    docs: Vec<Doc>,
    /// Where each entity's document is.
    at: FxHashMap<Entity, usize>,
    lists: FxHashMap<Box<str>, Vec<(u32, u8)>>,
    /// Every term with its encoded list, in JavaScript's order.
    encoded: Vec<(Box<str>, String)>,
    fragments: Vec<Fragment>,
    /// The index chunks last made, by their first term, to make again only
    /// those whose terms changed.
    built: FxHashMap<Box<str>, Built>,
    /// Terms whose lists changed (or went) since the chunks were made.
    dirty: FxHashSet<Box<str>>,
}

/// An index chunk as made: how many terms it holds, its file, its name
/// and the hash of its list.
#[derive(Clone)]
struct Built {
    terms: usize,
    file: OutputFile,
    name: String,
    hash: u64,
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
            record: super::composed(Value::Object(record).to_string()),
        }
    }
}

/// The search files of a site.
pub fn files(site: &Site) -> Vec<OutputFile> {
    files_with(site, &mut Cache::default(), None)
}

/// The search files of a site, reusing what `cache` kept from the last
/// build: documents whose inputs did not change are not analysed again,
/// fragments whose documents did not change are kept, and when `only`
/// names the entities whose bodies alone changed since (nothing added,
/// removed or reordered), only their documents' postings are updated.
/// The files are the same as [`files`]'s.
pub fn files_with(site: &Site, cache: &mut Cache, only: Option<&[Entity]>) -> Vec<OutputFile> {
    if let Some(only) = only {
        if update(site, cache, only) {
            if let Some(last) = &mut cache.last {
                return last.files();
            }
        }
    }
    let link = Linker::from_page(PAGE, site.portable);
    let docs: Vec<Doc> = order(site)
        .into_par_iter()
        .map(|entity| {
            let source = source(site, &link, entity);
            let print = source.fingerprint();
            let analysed = match cache.analysed.get(&print) {
                Some(kept) => Arc::clone(kept),
                None => Arc::new(source.analyse()),
            };
            Doc {
                entity,
                print,
                analysed,
            }
        })
        .collect();
    // The same documents in the same order as the last build: only those
    // whose text changed are put in (a title edit changes a few).
    if let Some(last) = cache.last.as_mut().filter(|last| {
        last.docs
            .iter()
            .map(|d| d.entity)
            .eq(docs.iter().map(|d| d.entity))
    }) {
        let mut changes = Changes::default();
        for (i, doc) in docs.into_iter().enumerate() {
            if doc.print != last.docs[i].print {
                changes.replace(last, &mut cache.analysed, i, doc);
            }
        }
        changes.apply(last);
        return last.files();
    }
    cache.analysed = docs
        .iter()
        .map(|d| (d.print, Arc::clone(&d.analysed)))
        .collect();
    let lists = index::lists(docs.iter().map(|d| &d.analysed.terms[..]));
    let mut encoded: Vec<(Box<str>, String)> = lists
        .iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(term, postings)| (term.clone(), index::encode(postings)))
        .collect();
    encoded.par_sort_unstable_by(|a, b| index::js_order(&a.0, &b.0));
    let old = cache.last.take().map(|l| l.fragments).unwrap_or_default();
    let fragments = docs
        .chunks(PER_FRAGMENT)
        .enumerate()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(n, group)| {
            let print = group_print(n, group);
            match old.get(n) {
                Some(kept) if kept.print == print => kept.clone(),
                _ => fragment(n, group, print),
            }
        })
        .collect();
    let at = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.entity, i))
        .collect();
    let mut last = Last {
        docs,
        at,
        lists,
        encoded,
        fragments,
        built: FxHashMap::default(),
        dirty: FxHashSet::default(),
    };
    let files = last.files();
    cache.last = Some(last);
    files
}

/// Updates the last build's index for edits to the bodies of `only`;
/// false when there is no last build.
fn update(site: &Site, cache: &mut Cache, only: &[Entity]) -> bool {
    let Some(last) = cache.last.as_mut() else {
        return false;
    };
    let link = Linker::from_page(PAGE, site.portable);
    let mut changes = Changes::default();
    for &entity in only {
        // A draft's edit changes nothing searched.
        let Some(&i) = last.at.get(&entity) else {
            continue;
        };
        let source = source(site, &link, entity);
        let print = source.fingerprint();
        if print == last.docs[i].print {
            continue;
        }
        let doc = Doc {
            entity,
            print,
            analysed: Arc::new(source.analyse()),
        };
        changes.replace(last, &mut cache.analysed, i, doc);
    }
    changes.apply(last);
    true
}

/// What replacing documents of the last index changed.
#[derive(Default)]
struct Changes {
    /// Terms whose lists changed.
    dirty: FxHashSet<Box<str>>,
    /// Fragments holding a replaced document.
    fragments: Vec<usize>,
}

impl Changes {
    /// Puts `doc` in place of document `i` of `last`, its postings
    /// updated where its terms or their scores differ.
    fn replace(
        &mut self,
        last: &mut Last,
        analysed: &mut FxHashMap<u64, Arc<Analysed>>,
        i: usize,
        doc: Doc,
    ) {
        let id = i as u32;
        let (old, new) = (&last.docs[i].analysed.terms, &doc.analysed.terms);
        let (mut a, mut b) = (0, 0);
        while a < old.len() || b < new.len() {
            let order = match (old.get(a), new.get(b)) {
                (Some(x), Some(y)) => x.0.cmp(&y.0),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            let (term, value) = match order {
                std::cmp::Ordering::Less => {
                    a += 1;
                    (&old[a - 1].0, None)
                }
                std::cmp::Ordering::Greater => {
                    b += 1;
                    (&new[b - 1].0, Some(new[b - 1].1))
                }
                std::cmp::Ordering::Equal => {
                    a += 1;
                    b += 1;
                    if old[a - 1].1 == new[b - 1].1 {
                        continue;
                    }
                    (&new[b - 1].0, Some(new[b - 1].1))
                }
            };
            let list = last.lists.entry(term.clone()).or_default();
            match (list.binary_search_by_key(&id, |p| p.0), value) {
                (Ok(at), Some(v)) => list[at].1 = v,
                (Ok(at), None) => {
                    list.remove(at);
                }
                (Err(at), Some(v)) => list.insert(at, (id, v)),
                (Err(_), None) => {}
            }
            if list.is_empty() {
                last.lists.remove(term);
            }
            self.dirty.insert(term.clone());
            last.dirty.insert(term.clone());
        }
        analysed.remove(&last.docs[i].print);
        analysed.insert(doc.print, Arc::clone(&doc.analysed));
        last.docs[i] = doc;
        self.fragments.push(i / PER_FRAGMENT);
    }

    /// Encodes the changed lists again and remakes the changed fragments.
    fn apply(self, last: &mut Last) {
        for term in self.dirty {
            let at = last
                .encoded
                .binary_search_by(|(t, _)| index::js_order(t, &term));
            match (last.lists.get(&term), at) {
                (Some(list), Ok(at)) => last.encoded[at].1 = index::encode(list),
                (Some(list), Err(at)) => last.encoded.insert(at, (term, index::encode(list))),
                (None, Ok(at)) => {
                    last.encoded.remove(at);
                }
                (None, Err(_)) => {}
            }
        }
        for n in self.fragments {
            let group = &last.docs[n * PER_FRAGMENT..((n + 1) * PER_FRAGMENT).min(last.docs.len())];
            let print = group_print(n, group);
            last.fragments[n] = fragment(n, group, print);
        }
    }
}

/// A fingerprint of fragment `n`'s documents.
fn group_print(n: usize, group: &[Doc]) -> u64 {
    let mut h = FxHasher::default();
    n.hash(&mut h);
    for d in group {
        d.print.hash(&mut h);
    }
    h.finish()
}

/// Fragment `n`: its documents' records.
fn fragment(n: usize, group: &[Doc], print: u64) -> Fragment {
    let mut script = format!("dossierSearch.docs({n},[");
    for (i, doc) in group.iter().enumerate() {
        if i > 0 {
            script.push(',');
        }
        script.push_str(&doc.analysed.record);
    }
    script.push_str("]);\n");
    // Records are NFC, and ASCII joins them.
    let bytes = script.into_bytes();
    Fragment {
        print,
        hash: index::stable_hash(0, &bytes),
        bytes: Arc::new(bytes),
    }
}

impl Last {
    /// The files: chunks, fragments, and the entry, whose version is a hash
    /// of all the others.
    fn files(&mut self) -> Vec<OutputFile> {
        let chunks = index::chunks(&self.encoded);
        // The chunks that hold a changed term, or stand where one went.
        let mut touched = vec![false; chunks.len()];
        for term in self.dirty.drain() {
            let at = self
                .encoded
                .binary_search_by(|(t, _)| index::js_order(t, &term))
                .unwrap_or_else(|at| at);
            for at in [at.saturating_sub(1), at] {
                let n = chunks.partition_point(|(_, range)| range.end <= at);
                if let Some(touched) = touched.get_mut(n) {
                    *touched = true;
                }
            }
        }
        let old = std::mem::take(&mut self.built);
        let built: Vec<Built> = chunks
            .par_iter()
            .zip(touched)
            .map(|((_, range), touched)| {
                match old.get(&self.encoded[range.start].0) {
                    Some(kept) if !touched && kept.terms == range.len() => return kept.clone(),
                    _ => {}
                }
                let mut list = String::from("[");
                for (i, (term, postings)) in self.encoded[range.clone()].iter().enumerate() {
                    if i > 0 {
                        list.push(',');
                    }
                    list.push_str(&Value::from(&**term).to_string());
                    list.push_str(",\"");
                    list.push_str(postings);
                    list.push('"');
                }
                list.push(']');
                let list = super::composed(list);
                let hash = index::stable_hash(0, list.as_bytes());
                let name = format!("{hash:016x}");
                let script = format!("dossierSearch.chunk(\"{name}\",{list});\n");
                let file = OutputFile {
                    path: chunk_path(&name),
                    bytes: Arc::new(script.into_bytes()),
                };
                Built {
                    terms: range.len(),
                    file,
                    name,
                    hash,
                }
            })
            .collect();
        drop(old);
        self.built = chunks
            .iter()
            .zip(&built)
            .map(|((_, range), b)| (self.encoded[range.start].0.clone(), b.clone()))
            .collect();
        let mut version = 0u64;
        let mut files = Vec::with_capacity(built.len() + self.fragments.len() + 1);
        let mut names = Vec::with_capacity(built.len());
        for Built {
            file, name, hash, ..
        } in built
        {
            version = index::stable_hash(version, &hash.to_le_bytes());
            files.push(file);
            names.push(name);
        }
        for (n, f) in self.fragments.iter().enumerate() {
            version = index::stable_hash(version, &f.hash.to_le_bytes());
            files.push(OutputFile {
                path: fragment_path(n),
                bytes: Arc::clone(&f.bytes),
            });
        }
        let prefixes: Vec<&str> = chunks.iter().map(|(p, _)| p.as_str()).collect();
        let entry = json!({
            "version": format!("{version:016x}"),
            "docs": self.docs.len(),
            "per": PER_FRAGMENT,
            "chunks": prefixes,
            "files": names,
        });
        files.push(OutputFile {
            path: ENTRY.to_string(),
            bytes: Arc::new(
                super::composed(format!("dossierSearch.init({entry});\n")).into_bytes(),
            ),
        });
        files
    }
}

/// Every document, in document order: claim files without a date, then
/// briefs (each after the claims it declares) and dated claim files,
/// oldest first, then actors, measures, tags and pages. search.js breaks
/// ties by this order backwards: names first, then the newest. Adding a
/// brief of the day appends its documents before the named ones, so the
/// fragments of older documents stay as they were.
fn order(site: &Site) -> Vec<Entity> {
    // The site holds only what is published (drafts were left out).
    let mut groups: Vec<(Option<PartialDate>, Target)> = site
        .briefs
        .iter()
        .enumerate()
        .map(|(i, b)| (Some(b.date), Target::Brief(BriefIx(i))))
        .collect();
    groups.extend(
        site.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.declared_in.is_none())
            .map(|(i, c)| (c.said, Target::Claim(ClaimIx(i)))),
    );
    // Oldest first, undated first; equal dates in the site's order
    // backwards (briefs are newest first there, claims by id).
    groups.reverse();
    groups.sort_by_key(|g| g.0);
    let mut out = Vec::new();
    for (_, target) in groups {
        match target {
            Target::Brief(i) => {
                for &c in &site.brief(i).claims {
                    let declared = site.claim(c);
                    if declared.declared_in == Some(i) {
                        out.push(Entity::Claim(c));
                    }
                }
                out.push(Entity::Brief(i));
            }
            Target::Claim(i) => out.push(Entity::Claim(i)),
            _ => {}
        }
    }
    out.extend((0..site.actors.len()).map(|i| Entity::Actor(ActorIx(i))));
    out.extend((0..site.measures.len()).map(|i| Entity::Measure(MeasureIx(i))));
    out.extend(
        site.tags
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.briefs.is_empty())
            .map(|(i, _)| Entity::Tag(TagIx(i))),
    );
    out.extend((0..site.pages.len()).map(|i| Entity::Page(PageIx(i))));
    out.extend((0..site.incidents.len()).map(|i| Entity::Incident(crate::model::IncidentIx(i))));
    out
}

/// The inputs of an entity's document.
fn source<'a>(site: &'a Site, link: &Linker, entity: Entity) -> Source<'a> {
    let new = |kind, title: &'a str, path: String| Source {
        kind,
        title,
        url: link.to(&path),
        sub: None,
        date: None,
        status: None,
        by: Vec::new(),
        via: Vec::new(),
        texts: Vec::new(),
    };
    let name = |a: &ActorIx| site.actor(*a).name.as_str();
    match entity {
        Entity::Brief(i) => {
            let b = site.brief(i);
            let mut s = new("brief", &b.title, urls::brief(&b.id));
            s.date = Some(b.date);
            s.by = b.authors.iter().map(String::as_str).collect();
            s.shown(ABSTRACT, b.summary_text.as_deref().unwrap_or(""));
            for j in &b.judgements {
                s.html(ABSTRACT, j.text.for_root("../../"));
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
        }
        Entity::Claim(i) => {
            let c = site.claim(i);
            let mut s = new("claim", &c.text_plain, urls::claim(&c.id));
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
        }
        Entity::Actor(i) => {
            let a = site.actor(i);
            let mut s = new("actor", &a.name, urls::actor(&a.id));
            s.sub = Some(a.kind.label());
            s.shown(ABSTRACT, a.role.as_deref().unwrap_or(""));
            let aliases: Vec<&str> = a.aliases.iter().map(|al| al.name.as_str()).collect();
            s.name(aliases.join(" · "), true);
            // Typing a ship's IMO number or MMSI finds the ship; a flag
            // is searched by its country's name.
            let numbers: Vec<String> = a
                .identifiers
                .iter()
                .filter(|i| i.scheme != "flag")
                .map(|i| format!("{} {}", i.label(), i.value))
                .collect();
            s.name(numbers.join(" · "), true);
            for i in a.identifiers.iter().filter(|i| i.scheme == "flag") {
                if let Some((_, country)) = crate::model::countries::by_alpha2(&i.value) {
                    s.text(OTHER, country);
                }
            }
            for (title, _) in &a.links {
                s.text(OTHER, title.as_str());
            }
            s.html(OTHER, &a.body);
            s
        }
        Entity::Measure(i) => {
            let m = site.measure(i);
            let mut s = new("measure", &m.name, urls::measure(&m.id));
            s.shown(NAMES, m.unit.as_deref().unwrap_or(""));
            s.html(OTHER, &m.body);
            s
        }
        Entity::Tag(i) => {
            let t = site.tag(i);
            let mut s = new("tag", &t.name, urls::tag(&t.slug));
            let count = t.briefs.len();
            s.shown(
                0,
                format!("{count} brief{}", if count == 1 { "" } else { "s" }),
            );
            s
        }
        Entity::Page(i) => {
            let p = site.page(i);
            let mut s = new("page", &p.title, urls::page(&p.id));
            s.html(OTHER, &p.body);
            s
        }
        Entity::Incident(i) => {
            let incident = site.incident(i);
            let mut s = new("incident", &incident.title, urls::incident(&incident.id));
            s.date = incident.when.map(|w| w.from);
            s.shown(ABSTRACT, incident.place.as_str());
            if let Some(kind) = &incident.kind {
                s.text(NAMES, kind.as_str());
            }
            for a in &incident.actors {
                s.text(OTHER, name(a));
            }
            s.html(OTHER, &incident.body);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn chunk_files(encoded: Vec<(Box<str>, String)>) -> BTreeMap<String, Arc<Vec<u8>>> {
        let mut last = Last {
            docs: Vec::new(),
            at: FxHashMap::default(),
            lists: FxHashMap::default(),
            encoded,
            fragments: Vec::new(),
            built: FxHashMap::default(),
            dirty: FxHashSet::default(),
        };
        last.files()
            .into_iter()
            .filter(|f| f.path.starts_with("search/index/"))
            .map(|f| (f.path, f.bytes))
            .collect()
    }

    /// A new term that ends a chunk early splits that chunk in two; every
    /// later chunk keeps its file, bytes and all, since chunks are named
    /// by what they hold, not by their place.
    #[test]
    fn a_new_chunk_early_leaves_later_chunk_files_as_they_were() {
        let mut terms: Vec<(Box<str>, String)> = (0..6_000)
            .map(|i| (format!("t{i}").into(), "A".repeat(40 + i % 90)))
            .collect();
        terms.sort_by(|a, b| index::js_order(&a.0, &b.0));
        let before = chunk_files(terms.clone());
        // A new term early in the index, so long that it is a chunk of its
        // own: the chunk it lands in is cut in two around it.
        let new: Box<str> = format!("{}x", terms[terms.len() / 10].0).into();
        let mut edited = terms.clone();
        let at = edited.partition_point(|(t, _)| index::js_order(t, &new).is_lt());
        edited.insert(at, (new, "B".repeat(index::CHUNK_BYTES)));
        let after = chunk_files(edited);
        assert!(after.len() > before.len(), "the new term adds a chunk");
        let rewritten: Vec<&String> = after
            .iter()
            .filter(|(path, bytes)| before.get(*path) != Some(bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(
            rewritten.len() <= 4,
            "{} of {} chunks rewritten: the one split and those until boundaries agree again",
            rewritten.len(),
            after.len()
        );
    }
}
