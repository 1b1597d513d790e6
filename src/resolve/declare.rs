//! Ids: checks every declared id (pattern, length, uniqueness across kinds,
//! reserved names), fixes the order of each kind in the site, and builds
//! the table that references and `[[id]]` links are looked up in.

use super::memo::{self, Memo, Mode};
use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::load::raw::{
    RawActor, RawBrief, RawClaim, RawClaimEntry, RawIncident, RawMeasure, RawPage, RawSource,
    RawWhen,
};
use crate::load::yaml::YamlPath;
use crate::load::{Doc, FileId, Kind, Loaded};
use crate::markdown;
use crate::model::*;
use crate::path;
use crate::urls;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashSet};

/// What an id names.
#[derive(Debug, Clone)]
pub struct Entry {
    pub target: Target,
    /// In the output (drafts are not, unless built with --drafts).
    pub published: bool,
    /// Display text for `[[id]]`.
    pub text: String,
    /// Site path of its page.
    pub path: String,
}

/// Every id of the site.
#[derive(Debug, Default)]
pub struct Ids {
    pub entries: FxHashMap<String, Entry>,
    /// Ids of files that could not be read: references to them are not
    /// reported a second time.
    pub broken: FxHashSet<String>,
    /// Sorted ids of each kind, for "did you mean" hints.
    by_kind: BTreeMap<Kind, Vec<String>>,
}

impl Ids {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// The closest id of `kind` to `wanted` (any kind when `None`).
    pub fn closest(&self, wanted: &str, kind: Option<Kind>) -> Option<&str> {
        match kind {
            Some(kind) => closest(
                wanted,
                self.by_kind
                    .get(&kind)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            ),
            None => closest(wanted, self.by_kind.values().flatten().map(String::as_str)),
        }
    }

    /// The `[[id]]` target of `id`.
    pub fn link_target(&self, id: &str) -> Option<markdown::LinkTarget> {
        self.entries.get(id).map(|e| markdown::LinkTarget {
            path: urls::rooted(&e.path),
            text: e.text.clone(),
        })
    }
}

/// When an incident starts, for ordering (unknown first).
fn incident_start(raw: &RawIncident) -> Option<PartialDate> {
    let text = match raw.when.as_ref()? {
        RawWhen::At(t) => t,
        RawWhen::Span { from, .. } => from.as_ref()?,
    };
    // A time of day places it at its UTC date.
    let (date, time) = TimeOfDay::parse_moment(&text.0).ok()?;
    Some(time.map_or(date, |t| t.utc(&date).0))
}

pub fn kind_of(target: Target) -> Kind {
    match target {
        Target::Brief(_) => Kind::Brief,
        Target::Actor(_) => Kind::Actor,
        Target::Claim(_) => Kind::Claim,
        Target::Measure(_) => Kind::Measure,
        Target::Page(_) => Kind::Page,
        Target::Incident(_) => Kind::Incident,
    }
}

/// A claim to be resolved: declared inline in a brief or in its own file.
pub struct ClaimDecl<'a> {
    pub id: String,
    pub raw: &'a RawClaim,
    pub file: FileId,
    /// Path of the claim inside its file's YAML (`claims[i]` or the root).
    pub base: YamlPath,
    /// The declaring brief (inline claims).
    pub brief: Option<BriefIx>,
    /// The `sources:` list the claim's `source` refers to.
    pub sources: &'a [RawSource],
    /// Where each id of `sources` first occurs in it.
    pub source_index: std::sync::Arc<FxHashMap<&'a str, usize>>,
    /// Body of a claim file, with its first line.
    pub body: Option<(&'a str, usize)>,
    pub published: bool,
}

pub struct MeasureDecl<'a> {
    pub id: String,
    pub doc: &'a Doc<RawMeasure>,
}

/// The site's entities in model order, with the id table.
pub struct Declared<'a> {
    pub briefs: Vec<&'a Doc<RawBrief>>,
    pub claims: Vec<ClaimDecl<'a>>,
    pub actors: Vec<&'a Doc<RawActor>>,
    pub measures: Vec<MeasureDecl<'a>>,
    pub pages: Vec<&'a Doc<RawPage>>,
    /// Oldest first (by `when`), then by id.
    pub incidents: Vec<&'a Doc<RawIncident>>,
    pub ids: Ids,
    /// The claims' plain-text renderings, for the next build.
    pub memo: Vec<memo::Keyed>,
}

/// The top-level names of the static files a site publishes, the theme's
/// and those of its own static/ (`site_static`: paths under static/): a
/// page may not take one.
pub fn static_top<'a>(site_static: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    crate::render::theme::STATIC
        .iter()
        .map(|(path, _)| *path)
        .chain(site_static)
        .map(|path| path.split('/').next().unwrap_or("").to_string())
        .collect()
}

/// Whether a page id takes a path of the site: one dossier generates or
/// reserves ([`urls::RESERVED`]) or a top-level static name
/// ([`static_top`]). The build refuses such a page, and `dossier new`
/// refuses to write one.
pub fn is_reserved_page_id(id: &str, static_top: &HashSet<String>) -> bool {
    urls::RESERVED.contains(&id) || static_top.contains(id)
}

/// What to do about a reserved page id.
pub fn reserved_page_hint() -> String {
    let names: Vec<&str> = urls::RESERVED
        .iter()
        .copied()
        .filter(|name| !name.contains('.'))
        .collect();
    format!(
        "rename the page; {} and the top-level names in static/ are taken",
        names.join(", ")
    )
}

/// `[a-z0-9]+(-[a-z0-9]+)*`, at most 100 characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The id a string would have: its slug.
pub fn suggest_id(text: &str) -> String {
    let mut slug = slug::slugify(text);
    slug.truncate(100);
    slug.trim_end_matches('-').to_string()
}

/// Where an id is declared, for diagnostics.
#[derive(Clone)]
struct Place {
    file: FileId,
    /// `None`: the file name.
    path: Option<YamlPath>,
}

struct Declaration<'a> {
    id: String,
    kind: Kind,
    place: Place,
    /// A claim's text, to recognise the same claim declared twice.
    text: Option<&'a str>,
}

pub fn declare<'a>(
    loaded: &'a Loaded,
    drafts: bool,
    static_top: &HashSet<String>,
    previous: &Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Declared<'a> {
    let mut ids = Ids::default();
    note_broken(loaded, &mut ids, diagnostics);
    let decls = declarations(loaded, diagnostics);
    let rejected = duplicates(loaded, decls, static_top, diagnostics);

    // Briefs: newest first, then by id.
    let mut briefs = rejected.files(&loaded.briefs);
    // Each date parsed once, not once per comparison.
    briefs.sort_by_cached_key(|d| {
        let date = d.raw.date.as_ref().and_then(|t| PartialDate::parse(&t.0));
        (std::cmp::Reverse(date), d.stem.as_str())
    });
    let brief_published: Vec<bool> = briefs.iter().map(|d| drafts || !d.raw.draft).collect();

    // Claims: by id.
    let claims = claim_decls(loaded, &briefs, &brief_published, &rejected);

    let name_of = |text: &Option<crate::load::raw::Text>, id: &str| {
        text.as_ref()
            .map_or_else(|| id.to_string(), |t| t.0.trim().to_string())
    };

    let mut actors = rejected.files(&loaded.actors);
    actors.sort_by_cached_key(|d| (name_of(&d.raw.name, &d.stem).to_lowercase(), d.stem.clone()));

    // Measures: their files only (a `measure:` naming no file is an error).
    let mut measures: Vec<MeasureDecl> = rejected
        .files(&loaded.measures)
        .into_iter()
        .map(|doc| MeasureDecl {
            id: doc.stem.clone(),
            doc,
        })
        .collect();
    measures.sort_by_cached_key(|m| (measure_name(m).to_lowercase(), m.id.clone()));

    let mut pages = rejected.files(&loaded.pages);
    pages.sort_by_cached_key(|d| {
        (
            name_of(&d.raw.title, &d.stem).to_lowercase(),
            d.stem.clone(),
        )
    });

    let mut incidents = rejected.files(&loaded.incidents);
    incidents.sort_by_cached_key(|d| (incident_start(&d.raw), d.stem.clone()));

    let mut declared = Declared {
        briefs,
        claims,
        actors,
        measures,
        pages,
        incidents,
        ids,
        memo: Vec::new(),
    };
    add_entries(&mut declared, drafts);
    declared.memo = claim_link_texts(&mut declared, previous);
    declared
}

/// Files that could not be read as their kind, and claims a broken brief
/// seems to declare: their ids are known, so references to them are not
/// reported a second time.
fn note_broken(loaded: &Loaded, ids: &mut Ids, diagnostics: &mut Vec<Diagnostic>) {
    for (kind, id, file) in &loaded.broken {
        ids.broken.insert(id.clone());
        ids.by_kind.entry(*kind).or_default().push(id.clone());
        if !is_valid_id(id) {
            let file = loaded.file(*file);
            diagnostics.push(
                Diagnostic::error(&file.path, format!("invalid id `{id}`: a file's name is its id"))
                    .at(&file.text, Pos::start())
                    .hint(format!("ids are lowercase letters, digits and single hyphens, at most 100 characters: rename the file to `{}.md`", suggest_id(id))),
            );
        }
    }

    // Claims a broken brief seems to declare: references to them are not
    // reported a second time either.
    for id in &loaded.recovered {
        ids.broken.insert(id.clone());
        ids.by_kind.entry(Kind::Claim).or_default().push(id.clone());
    }
}

/// Every declaration in file order, so the first of two duplicates wins.
fn declarations<'a>(loaded: &'a Loaded, diagnostics: &mut Vec<Diagnostic>) -> Vec<Declaration<'a>> {
    let mut decls: Vec<Declaration> = Vec::new();
    for doc in &loaded.briefs {
        decls.push(Declaration {
            id: doc.stem.clone(),
            kind: Kind::Brief,
            place: Place {
                file: doc.file,
                path: None,
            },
            text: None,
        });
        for (i, entry) in doc.raw.claims.iter().enumerate() {
            if let RawClaimEntry::Declare(claim) = entry {
                match &claim.id {
                    Some(id) => decls.push(Declaration {
                        id: id.0.clone(),
                        kind: Kind::Claim,
                        place: Place { file: doc.file, path: Some(path!["claims", i, "id"]) },
                        text: claim.text.as_ref().map(|t| t.0.as_str()),
                    }),
                    // An `id` of the wrong type is already reported.
                    None if loaded.file(doc.file).was_dropped(&path!["claims", i, "id"]) => {}
                    None => diagnostics.push(
                        loaded
                            .file(doc.file)
                            .error_at(&path!["claims", i], "claim without `id`")
                            .hint("give each claim declared in a brief an `id`, e.g. `id: nis-casualty-estimate`"),
                    ),
                }
            }
        }
    }
    // Every other file declares its name, and a claim file its text too.
    let file = |id: &str, kind: Kind, file: FileId, text: Option<&'a str>| Declaration {
        id: id.to_string(),
        kind,
        place: Place { file, path: None },
        text,
    };
    decls.extend(
        loaded
            .actors
            .iter()
            .map(|d| file(&d.stem, Kind::Actor, d.file, None)),
    );
    decls.extend(loaded.claims.iter().map(|d| {
        let text = d.raw.text.as_ref().map(|t| t.0.as_str());
        file(&d.stem, Kind::Claim, d.file, text)
    }));
    decls.extend(
        loaded
            .measures
            .iter()
            .map(|d| file(&d.stem, Kind::Measure, d.file, None)),
    );
    decls.extend(
        loaded
            .incidents
            .iter()
            .map(|d| file(&d.stem, Kind::Incident, d.file, None)),
    );
    decls.extend(
        loaded
            .pages
            .iter()
            .map(|d| file(&d.stem, Kind::Page, d.file, None)),
    );
    decls
}

/// Declarations that lose to an earlier one of the same id, by file and
/// place in it (`None`: the file).
struct Rejected(HashSet<(FileId, Option<YamlPath>)>);

impl Rejected {
    /// Whether the declaration at `path` in `file` stands.
    fn keeps(&self, file: FileId, path: impl FnOnce() -> Option<YamlPath>) -> bool {
        // Nearly always empty: then nothing needs looking up.
        self.0.is_empty() || !self.0.contains(&(file, path()))
    }

    /// The files of a kind whose name stands as their id.
    fn files<'d, T>(&self, docs: &'d [std::sync::Arc<Doc<T>>]) -> Vec<&'d Doc<T>> {
        docs.iter()
            .filter(|d| self.keeps(d.file, || None))
            .map(|d| &**d)
            .collect()
    }
}

/// Reports invalid, reserved and duplicate ids; returns the declarations
/// that lose to an earlier one of the same id.
fn duplicates(
    loaded: &Loaded,
    decls: Vec<Declaration>,
    static_top: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rejected {
    let mut first: FxHashMap<String, (Kind, Place)> = FxHashMap::default();
    // The text of each claim declared first, by id.
    let mut first_text: FxHashMap<String, &str> = FxHashMap::default();
    for (kind, id, file) in &loaded.broken {
        first.insert(
            id.clone(),
            (
                *kind,
                Place {
                    file: *file,
                    path: None,
                },
            ),
        );
    }
    let mut rejected: HashSet<(FileId, Option<YamlPath>)> = HashSet::new();
    for decl in decls {
        let file = loaded.file(decl.place.file);
        let at = |message: String| match &decl.place.path {
            Some(path) => file.error_at(path, message),
            None => Diagnostic::error(&file.path, message).at(&file.text, Pos::start()),
        };
        if !is_valid_id(&decl.id) {
            let suggestion = suggest_id(&decl.id);
            let (message, hint) = match &decl.place.path {
                None => (
                    format!("invalid id `{}`: a file's name is its id", decl.id),
                    format!("ids are lowercase letters, digits and single hyphens, at most 100 characters: rename the file to `{suggestion}.md`"),
                ),
                Some(_) => (
                    format!("invalid id `{}`", decl.id),
                    format!("ids are lowercase letters, digits and single hyphens, at most 100 characters, e.g. `{suggestion}`"),
                ),
            };
            diagnostics.push(at(message).hint(hint));
        }
        if decl.kind == Kind::Page && is_reserved_page_id(&decl.id, static_top) {
            diagnostics.push(
                at(format!(
                    "page id `{}` is a reserved path of the site",
                    decl.id
                ))
                .hint(reserved_page_hint()),
            );
        }
        if let Some((kind, place)) = first.get(&decl.id) {
            let other = loaded.file(place.file);
            let other_line = match &place.path {
                Some(p) => other.locate(p).line,
                None => 1,
            };
            let same_claim = decl.kind == Kind::Claim
                && *kind == Kind::Claim
                && decl
                    .text
                    .zip(first_text.get(&decl.id))
                    .is_some_and(|(a, b)| same_text(a, b));
            let hint = match (same_claim, &decl.place.path) {
                (true, Some(_)) => format!(
                    "this is the claim of {}:{}, with the same text: cite it by its id instead, as an item of `claims:` (`- {}`), without a text or claimant of its own",
                    other.path, other_line, decl.id
                ),
                (true, None) => format!(
                    "this is the claim of {}:{}, with the same text: remove this file, and cite the claim by its id (`claims: [{}]`) in the briefs that need it",
                    other.path, other_line, decl.id
                ),
                (false, _) => "ids are unique across briefs, actors, claims, measures, incidents and pages; rename one of them".to_string(),
            };
            diagnostics.push(
                at(format!(
                    "duplicate id `{}`: already used by the {} in {}:{}",
                    decl.id,
                    kind.noun(),
                    other.path,
                    other_line
                ))
                .hint(hint),
            );
            rejected.insert((decl.place.file, decl.place.path.clone()));
            continue;
        }
        if let Some(text) = decl.text {
            first_text.insert(decl.id.clone(), text);
        }
        first.insert(decl.id.clone(), (decl.kind, decl.place.clone()));
    }
    Rejected(rejected)
}

/// The claims declared in briefs (in the briefs' order) and in files of
/// their own, by id.
fn claim_decls<'a>(
    loaded: &'a Loaded,
    briefs: &[&'a Doc<RawBrief>],
    brief_published: &[bool],
    rejected: &Rejected,
) -> Vec<ClaimDecl<'a>> {
    let mut claims: Vec<ClaimDecl> = Vec::new();
    for (bi, doc) in briefs.iter().enumerate() {
        let source_index = std::sync::Arc::new(source_index(&doc.raw.sources));
        for (i, entry) in doc.raw.claims.iter().enumerate() {
            if let RawClaimEntry::Declare(raw) = entry {
                let Some(id) = &raw.id else { continue };
                if !rejected.keeps(doc.file, || Some(path!["claims", i, "id"])) {
                    continue;
                }
                claims.push(ClaimDecl {
                    id: id.0.clone(),
                    raw,
                    file: doc.file,
                    base: path!["claims", i],
                    brief: Some(BriefIx(bi)),
                    sources: &doc.raw.sources,
                    source_index: std::sync::Arc::clone(&source_index),
                    body: None,
                    published: brief_published[bi],
                });
            }
        }
    }
    for doc in rejected.files(&loaded.claims) {
        claims.push(ClaimDecl {
            id: doc.stem.clone(),
            raw: &doc.raw,
            file: doc.file,
            base: YamlPath::default(),
            brief: None,
            sources: &doc.raw.sources,
            source_index: std::sync::Arc::new(source_index(&doc.raw.sources)),
            body: Some((&doc.body, doc.body_line)),
            published: true,
        });
    }
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    claims
}

/// Numbers every declared entity in its list's order.
fn add_entries(declared: &mut Declared, drafts: bool) {
    let Declared {
        briefs,
        claims,
        actors,
        measures,
        pages,
        incidents,
        ids,
        ..
    } = declared;
    let brief_published: Vec<bool> = briefs.iter().map(|d| drafts || !d.raw.draft).collect();
    let name_of = |text: &Option<crate::load::raw::Text>, id: &str| {
        text.as_ref()
            .map_or_else(|| id.to_string(), |t| t.0.trim().to_string())
    };
    let mut add = |id: &str, kind: Kind, entry: Entry| {
        ids.by_kind.entry(kind).or_default().push(id.to_string());
        ids.entries.insert(id.to_string(), entry);
    };
    for (i, doc) in briefs.iter().enumerate() {
        add(
            &doc.stem,
            Kind::Brief,
            Entry {
                target: Target::Brief(BriefIx(i)),
                published: brief_published[i],
                text: name_of(&doc.raw.title, &doc.stem),
                path: urls::brief(&doc.stem),
            },
        );
    }
    for (i, decl) in claims.iter().enumerate() {
        add(
            &decl.id,
            Kind::Claim,
            Entry {
                target: Target::Claim(ClaimIx(i)),
                published: decl.published,
                // Set below, once the names its links show are known.
                text: String::new(),
                path: urls::claim(&decl.id),
            },
        );
    }
    for (i, doc) in actors.iter().enumerate() {
        add(
            &doc.stem,
            Kind::Actor,
            Entry {
                target: Target::Actor(ActorIx(i)),
                published: true,
                text: name_of(&doc.raw.name, &doc.stem),
                path: urls::actor(&doc.stem),
            },
        );
    }
    for (i, decl) in measures.iter().enumerate() {
        add(
            &decl.id,
            Kind::Measure,
            Entry {
                target: Target::Measure(MeasureIx(i)),
                published: true,
                text: measure_name(decl),
                path: urls::measure(&decl.id),
            },
        );
    }
    for (i, doc) in pages.iter().enumerate() {
        add(
            &doc.stem,
            Kind::Page,
            Entry {
                target: Target::Page(PageIx(i)),
                published: true,
                text: name_of(&doc.raw.title, &doc.stem),
                path: urls::page(&doc.stem),
            },
        );
    }
    for (i, doc) in incidents.iter().enumerate() {
        add(
            &doc.stem,
            Kind::Incident,
            Entry {
                target: Target::Incident(IncidentIx(i)),
                published: drafts || !doc.raw.draft,
                text: name_of(&doc.raw.title, &doc.stem),
                path: urls::incident(&doc.stem),
            },
        );
    }
    for list in ids.by_kind.values_mut() {
        list.sort();
    }
}

/// Each claim's link text: its text as plain text, with the names of what
/// its own `[[…]]` links point to (another claim shows as its id). Returns
/// the renderings for the next build's memo.
fn claim_link_texts(declared: &mut Declared, previous: &Memo) -> Vec<memo::Keyed> {
    let Declared { claims, ids, .. } = declared;
    let names = |id: &str| {
        let name = ids
            .get(id)
            .filter(|e| kind_of(e.target) != Kind::Claim)
            .map(|e| e.text.clone());
        Some(markdown::LinkTarget {
            path: String::new(),
            text: name.unwrap_or_else(|| id.to_string()),
        })
    };
    let plain: Vec<(String, Option<memo::Keyed>)> = claims
        .par_iter()
        .map(|decl| match &decl.raw.text {
            Some(text) => {
                let (key, entry) = previous
                    .get(Mode::Plain, false, &text.0, &names)
                    .unwrap_or_else(|| {
                        let place = markdown::Place {
                            root: "",
                            portable: false,
                        };
                        let rendered = markdown::render_inline(&text.0, &names, place);
                        Memo::entry(
                            Mode::Plain,
                            false,
                            &text.0,
                            rendered,
                            Default::default(),
                            &names,
                        )
                    });
                (entry.rendered.plain.clone(), Some((key, entry)))
            }
            None => (decl.id.clone(), None),
        })
        .collect();
    let mut memo_entries = Vec::with_capacity(plain.len());
    let mut texts = Vec::with_capacity(plain.len());
    for (text, entry) in plain {
        texts.push(text);
        memo_entries.extend(entry);
    }
    for (decl, text) in claims.iter().zip(texts) {
        if let Some(entry) = ids.entries.get_mut(&decl.id) {
            entry.text = text;
        }
    }
    memo_entries
}

/// Whether two claim texts are the same but for case and spacing.
fn same_text(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> { t.split_whitespace().map(str::to_lowercase).collect() };
    words(a) == words(b)
}

/// Where each source id of a `sources:` list first occurs in it.
fn source_index(sources: &[RawSource]) -> FxHashMap<&str, usize> {
    let mut index = FxHashMap::default();
    for (i, s) in sources.iter().enumerate() {
        if let Some(id) = &s.id {
            index.entry(id.0.trim()).or_insert(i);
        }
    }
    index
}

/// A measure's name: from its file, else (a missing name is an error)
/// made from its id (`dprk-troops-in-russia` → "Dprk troops in russia").
pub fn measure_name(decl: &MeasureDecl) -> String {
    if let Some(name) = decl
        .doc
        .raw
        .name
        .as_ref()
        .map(|n| n.0.trim())
        .filter(|n| !n.is_empty())
    {
        return name.to_string();
    }
    let words = decl.id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        for good in ["a", "kim-jong-un", "2025-brief", "x1"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in [
            "",
            "Kim",
            "a--b",
            "-a",
            "a-",
            "a_b",
            "a b",
            "é",
            &"a".repeat(101),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn suggested_ids_are_slugs() {
        assert_eq!(suggest_id("Kim Jong Un"), "kim-jong-un");
        assert_eq!(suggest_id("Türkiye_2025"), "turkiye-2025");
    }
}
