//! Stage 3, render: the resolved site and the templates to every output
//! file, in memory. Pure; pages are rendered in parallel with one shared
//! Tera instance.

pub mod bounds;
pub mod charts;
pub mod context;
pub mod data;
pub mod deps;
mod edit;
pub mod map;
mod pages;
pub mod search;
pub mod structured;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::load::AssetFile;
use crate::model::Site;
use context::{Body, Common};
use deps::{Dep, Entity, Frame, PageRecord, Tracker};
use pages::{Plan, Spec};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated.
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
}

/// A page to render: where it goes, with which template and data.
pub struct PageJob {
    pub path: String,
    pub template: &'static str,
    pub common: Common,
    pub body: Body,
}

#[derive(Serialize)]
struct TemplateContext<'a> {
    #[serde(flatten)]
    common: &'a Common,
    #[serde(flatten)]
    body: &'a Body,
}

/// Renders every page, copies the theme's and the site's static files, and
/// writes redirect pages. Returns the output sorted by path.
pub fn render(
    site: &Site,
    user_templates: &[(String, String)],
    statics: &[AssetFile],
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let files = Mutex::new(Vec::new());
    let Ok(diagnostics) = render_each(site, user_templates, statics, &|file| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok::<(), std::convert::Infallible>(())
    });
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    (files, diagnostics)
}

/// Like [`render`], but hands each file to `sink` as soon as it is made,
/// from any thread and in no particular order, and keeps none: the pages
/// of a large site never sit in memory all at once. Stops at the first
/// error `sink` returns. Without a sink error, returns the diagnostics;
/// when they hold an error, what the sink got is incomplete.
pub fn render_each<E: Send>(
    site: &Site,
    user_templates: &[(String, String)],
    statics: &[AssetFile],
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<Vec<Diagnostic>, E> {
    match theme::templates(user_templates) {
        Ok(templates) => render_each_with(&templates, site, statics, sink),
        Err(errors) => Ok(errors),
    }
}

/// [`render_each`] with the template set already compiled (the fuzz
/// targets compile the theme once, not once per input).
pub(crate) fn render_each_with<E: Send>(
    templates: &theme::Templates,
    site: &Site,
    statics: &[AssetFile],
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<Vec<Diagnostic>, E> {
    let plan = Plan::new(site);
    let mut diagnostics = Vec::new();
    let pages = PagePaths::of(&plan);
    // Apart from each other's work: the search index is mostly one thread's.
    let (mut generated, data) = rayon::join(|| search::files(site), || data::files(site));
    generated.extend(data);
    let others = other_files(site, statics, pages, generated, &mut diagnostics);
    let results: Vec<Option<Box<Diagnostic>>> = plan
        .specs
        .par_iter()
        .filter(|spec| !others.contains_key(&spec.output))
        .map(
            |spec| match render_page(templates, &plan, site, spec, None) {
                Ok(bytes) => sink(OutputFile {
                    path: spec.output.clone(),
                    bytes: Arc::new(bytes),
                })
                .map(|()| None),
                Err(d) => Ok(Some(d)),
            },
        )
        .collect::<Result<_, E>>()?;
    report_template_errors(results.into_iter().flatten(), &mut diagnostics);
    for (path, bytes) in others {
        sink(OutputFile { path, bytes })?;
    }
    Ok(diagnostics)
}

/// One page, rendered: its context built and serialized, its template run
/// within the bounds of `bounds` (a fresh budget, a bounded buffer).
fn render_page(
    templates: &theme::Templates,
    plan: &Plan,
    site: &Site,
    spec: &Spec,
    deps: Option<&RefCell<Vec<Dep>>>,
) -> Result<Vec<u8>, Box<Diagnostic>> {
    let job = plan.job(site, spec, deps);
    let context = tera::Context::from_serialize(&TemplateContext {
        common: &job.common,
        body: &job.body,
    })
    .map_err(|e| Box::new(theme::diagnostic(&e, templates)))?;
    let _budget = bounds::Page::begin();
    let mut page = bounds::PageWriter::default();
    let rendered = templates.tera.render_to(job.template, &context, &mut page);
    let failed = |mut d: Diagnostic| {
        d.message = format!("{} (rendering {})", d.message, spec.output);
        Box::new(d)
    };
    if let Err(error) = rendered {
        return Err(failed(if page.overflowed() {
            templates.page_too_large(job.template)
        } else {
            theme::diagnostic(&error, templates)
        }));
    }
    let html = String::from_utf8(page.into_bytes()).map_err(|_| {
        failed(theme::diagnostic(
            &tera::Error::message("the page is not valid UTF-8"),
            templates,
        ))
    })?;
    Ok(composed(html).into_bytes())
}

/// `text` in Unicode Normalization Form C, as the web expects (W3C
/// Character Model; the HTML validator warns otherwise). Content may
/// arrive decomposed — macOS file names, text pasted from PDFs — and an
/// `é` written as `e` + U+0301 would not match an `é` typed in the search
/// field or in the reader's find-in-page. Pages are mostly ASCII, which is
/// checked first at memory speed.
pub fn composed(text: String) -> String {
    if text.is_ascii() {
        return text;
    }
    match icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(nfc) => nfc,
    }
}

/// Template errors, one report per place in a template, not one per page.
fn report_template_errors(
    errors: impl Iterator<Item = Box<Diagnostic>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashSet<(String, usize, usize)> = HashSet::new();
    for d in errors {
        if seen.insert((d.file.clone(), d.line, d.col)) {
            diagnostics.push(*d);
        }
    }
}

/// The files besides pages, by path: redirects (where no page has the
/// path), search data and data files (`generated`), robots.txt (with a
/// base URL), the theme's static files and the site's. A site's static
/// file may replace a theme file, never a generated page or file, nor
/// stand where the output needs a folder (or the reverse), nor take a
/// name dossier keeps for itself: each such file is an error at it, and
/// left out.
fn other_files(
    site: &Site,
    statics: &[AssetFile],
    pages: PagePaths,
    generated: Vec<OutputFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Arc<Vec<u8>>> {
    let mut files: BTreeMap<String, Arc<Vec<u8>>> = BTreeMap::new();
    for file in pages::redirects(site) {
        if !pages.contains(file.path.as_str()) {
            files.entry(file.path).or_insert(file.bytes);
        }
    }
    for file in generated {
        files.insert(file.path, file.bytes);
    }
    if let Some(base) = &site.base_url {
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            crate::urls::absolute(base, crate::urls::SITEMAP)
        );
        files.insert(
            crate::urls::ROBOTS.to_string(),
            Arc::new(robots.into_bytes()),
        );
    }
    let generated = Generated::new(pages, &files, statics);
    let mut site_statics = Vec::with_capacity(statics.len());
    for file in statics {
        match generated.conflict(&file.path) {
            Some(conflict) => diagnostics.push(conflict.diagnostic(&file.path)),
            None => site_statics.push(file),
        }
    }
    for (path, bytes) in theme::STATIC {
        files.insert(path.to_string(), Arc::new(bytes.to_vec()));
    }
    for file in site_statics {
        files.insert(file.path.clone(), Arc::clone(&file.bytes));
    }
    files
}

/// Every path the output has besides the site's static files, to find
/// where a static file cannot go.
struct Generated<'a> {
    pages: PagePaths<'a>,
    /// Redirects, search data, data files, robots.txt.
    files: &'a BTreeMap<String, Arc<Vec<u8>>>,
    /// Each static file's path that is a folder of the output, with one
    /// file in that folder.
    folders: FxHashMap<&'a str, &'a str>,
}

/// The output paths of a plan's pages, looked up in the plan's order of
/// paths (no set of 90,000 paths built for a few lookups).
#[derive(Clone, Copy)]
struct PagePaths<'a> {
    specs: &'a [Spec],
    by_path: &'a [usize],
}

impl<'a> PagePaths<'a> {
    fn of(plan: &'a Plan) -> Self {
        PagePaths {
            specs: &plan.specs,
            by_path: &plan.by_path,
        }
    }

    fn path(&self, i: usize) -> &'a str {
        self.specs[i].output.as_str()
    }

    fn contains(&self, path: &str) -> bool {
        self.by_path
            .binary_search_by(|&i| self.path(i).cmp(path))
            .is_ok()
    }

    /// The paths that start with `prefix`, in order.
    fn under<'p>(&self, prefix: &'p str) -> impl Iterator<Item = &'a str> + 'p
    where
        'a: 'p,
    {
        let pages = *self;
        let start = self.by_path.partition_point(|&i| pages.path(i) < prefix);
        self.by_path[start..]
            .iter()
            .map(move |&i| pages.path(i))
            .take_while(move |path| path.starts_with(prefix))
    }
}

/// What makes a file of the output.
#[derive(Clone, Copy)]
enum Maker {
    Page,
    /// Redirects, search data, data files, robots.txt.
    File,
    Theme,
}

impl Maker {
    fn describe(self, path: &str) -> String {
        match self {
            Maker::Page => format!("the generated page `{path}`"),
            Maker::File => format!("the generated file `{path}`"),
            Maker::Theme => format!("the theme's file `{path}`"),
        }
    }
}

/// Why a static file cannot be written where it is.
enum Conflict<'a> {
    /// Its path is a file the build makes.
    Same(Maker),
    /// A folder above it is a file the build makes.
    UnderFile(&'a str, Maker),
    /// Its path is a folder the build needs, for this file.
    IsFolder(&'a str),
    /// Its name is one dossier keeps for itself.
    Reserved,
}

impl<'a> Generated<'a> {
    /// The output's paths besides static files, to check `statics` against.
    fn new(
        pages: PagePaths<'a>,
        files: &'a BTreeMap<String, Arc<Vec<u8>>>,
        statics: &'a [AssetFile],
    ) -> Self {
        let mut generated = Generated {
            pages,
            files,
            folders: FxHashMap::default(),
        };
        // Each folder names a page in it (the shallowest, then the first by
        // path), else a file: the same one on every run. Only the paths
        // under a static file's path are looked at, by range: none, mostly.
        let rank = |path: &'a str| (!pages.contains(path), path.matches('/').count(), path);
        for file in statics {
            let folder = file.path.as_str();
            let prefix = format!("{folder}/");
            let under = |path: &&str| path.starts_with(&prefix);
            let files_under = files
                .range::<str, _>((
                    std::ops::Bound::Included(prefix.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .map(|(path, _)| path.as_str())
                .take_while(under);
            let theme_under = theme::STATIC.iter().map(|(path, _)| *path).filter(under);
            let first = pages
                .under(&prefix)
                .chain(files_under)
                .chain(theme_under)
                .min_by(|a, b| rank(a).cmp(&rank(b)));
            if let Some(first) = first {
                generated.folders.insert(folder, first);
            }
        }
        generated
    }

    /// What makes the output file at `path`, if the build makes one.
    fn maker(&self, path: &str) -> Option<Maker> {
        if self.pages.contains(path) {
            Some(Maker::Page)
        } else if self.files.contains_key(path) {
            Some(Maker::File)
        } else if theme::STATIC.iter().any(|(p, _)| *p == path) {
            Some(Maker::Theme)
        } else {
            None
        }
    }

    /// What keeps a static file at `path` out of the output, if anything.
    /// A site's file replaces the theme's of the same path.
    fn conflict(&self, path: &'a str) -> Option<Conflict<'a>> {
        if crate::write::is_reserved(path) {
            return Some(Conflict::Reserved);
        }
        match self.maker(path) {
            Some(Maker::Theme) => return None,
            Some(maker) => return Some(Conflict::Same(maker)),
            None => {}
        }
        if let Some(inside) = self.folders.get(path) {
            return Some(Conflict::IsFolder(inside));
        }
        path.match_indices('/').find_map(|(i, _)| {
            let above = &path[..i];
            self.maker(above)
                .map(|maker| Conflict::UnderFile(above, maker))
        })
    }
}

impl Conflict<'_> {
    /// The error at the static file `static/<path>`.
    fn diagnostic(&self, path: &str) -> Diagnostic {
        let file = format!("static/{path}");
        let (message, hint) = match self {
            Conflict::Same(maker) => (
                format!("static file collides with {}", maker.describe(path)),
                "rename or move the static file; generated pages take their paths first".to_string(),
            ),
            Conflict::UnderFile(above, maker) => (
                format!(
                    "static file needs a folder `{above}/`, where the output has {}",
                    maker.describe(above)
                ),
                format!("move the static file out of `static/{above}/`; the output cannot hold both"),
            ),
            Conflict::IsFolder(inside) => (
                format!(
                    "static file stands where the output needs the folder `{path}/` (for `{inside}`)"
                ),
                format!("rename `static/{path}`, or make it a folder of static files beside the generated ones"),
            ),
            Conflict::Reserved => {
                let what = if path == crate::write::MARKER {
                    "the file that marks dossier's output folder"
                } else {
                    "the temporary files of dossier's writes"
                };
                (
                    format!("static file takes a name dossier keeps for itself: {what}"),
                    "rename it: dossier keeps `.dossier` at the top of the output and names like `.NAME.dossier-PID` for itself".to_string(),
                )
            }
        };
        Diagnostic::error(file, message).hint(hint)
    }
}

/// A file's length and content hash (SipHash with fixed keys: the same
/// bytes give the same digest on every run and every machine): what
/// `serve` keeps of each output file instead of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest {
    pub len: u64,
    pub hash: u64,
}

impl Digest {
    pub fn of(bytes: &[u8]) -> Digest {
        use std::hash::Hasher;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        hasher.write(bytes);
        Digest {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }
}

/// What incremental rendering keeps from one build to the next: no page's
/// bytes, only what each page read and the digest of what it made.
#[derive(Default)]
pub struct RenderState {
    tracker: Tracker,
    /// The last build's plan, fingerprints, and page records (one per spec
    /// of the plan; `None` where rendering failed).
    last: Option<(Plan, Frame, Vec<Option<PageRecord>>)>,
    /// The template set, with a fingerprint of the site's own templates.
    tera: Option<(u64, theme::Templates)>,
    /// The search documents of the last build, reused where unchanged.
    search: search::Cache,
    /// The data files of the last build, reused where unchanged.
    data: data::Cache,
    /// The digests of the files besides pages, by path, with the bytes they
    /// were taken of (kept alive by the caches and the loaded site anyway):
    /// a file handed back unchanged is not hashed again.
    others: FxHashMap<String, Other>,
    /// Counts renders, to tell which files besides pages the last one made.
    round: u64,
    /// Pages rendered but not yet known to be written: rendered again next
    /// time, whatever their inputs, as their bytes are not kept.
    unwritten: Unwritten,
    /// Which pages read each input, for edits (built at the first edit
    /// after a render of every page, then kept up to date).
    readers: Option<edit::Readers>,
}

/// A file besides pages, as the last render made it.
struct Other {
    bytes: Arc<Vec<u8>>,
    digest: Digest,
    /// The render that last made it.
    round: u64,
}

/// Which pages were rendered since the output was last written.
#[derive(Default)]
enum Unwritten {
    /// All of them (no output written yet, or it cannot be trusted).
    #[default]
    All,
    /// These pages and files (none: the output holds the last render).
    Some(FxHashSet<String>),
}

impl RenderState {
    /// The output holds what the last render made: pages whose inputs do
    /// not change need not be rendered again.
    pub fn written(&mut self) {
        self.unwritten = Unwritten::Some(FxHashSet::default());
    }

    /// The output may no longer hold what was rendered (a write failed, or
    /// something else changed the folder): the next render makes every page.
    pub fn unwritten(&mut self) {
        self.unwritten = Unwritten::All;
    }

    fn is_written(&self, path: &str) -> bool {
        match &self.unwritten {
            Unwritten::All => false,
            Unwritten::Some(paths) => paths.is_empty() || !paths.contains(path),
        }
    }
}

/// What [`render_incremental`] made.
#[derive(Debug)]
pub struct Incremental {
    /// The files of the output with their digests.
    pub digests: Digests,
    /// How many files it handed to the sink: every page rendered again,
    /// and every file besides pages.
    pub made: usize,
}

/// The files of an output with their digests.
#[derive(Debug)]
pub enum Digests {
    /// Every file, by path.
    All(BTreeMap<String, Digest>),
    /// After an edit of some entities alone: the files whose bytes changed
    /// (all of them handed to the sink), and the paths of those gone; the
    /// others are as the last render made them.
    Changed {
        changed: Vec<(String, Digest)>,
        removed: Vec<String>,
    },
}

impl Default for Incremental {
    fn default() -> Self {
        Incremental {
            digests: Digests::All(BTreeMap::new()),
            made: 0,
        }
    }
}

/// Like [`render_each`], but renders only the pages whose inputs (the
/// entities each read, at the level it read them, and its templates)
/// changed since the last render, or that were not written since (see
/// [`RenderState::written`]); hands those and every file besides pages to
/// `sink`, and returns the digest of every file of the output. `only`
/// names the entities that changed when nothing was added, removed or
/// reordered since the last render (then nothing else is fingerprinted
/// again). Every file made is the same as [`render`]'s.
pub fn render_incremental<E: Send>(
    site: &Site,
    user_templates: &[(String, String)],
    statics: &[AssetFile],
    state: &mut RenderState,
    only: Option<&[Entity]>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(Incremental, Vec<Diagnostic>), E> {
    let mut diagnostics = Vec::new();
    // The templates: reused while the site's own templates are the same.
    let templates_print = deps::order_print(
        user_templates
            .iter()
            .flat_map(|(n, s)| [n.as_str(), s.as_str()]),
    );
    let cached = state
        .tera
        .take()
        .filter(|(print, _)| *print == templates_print);
    // An edit of entities alone, after a render whose output was written
    // whole: the fast path.
    let all_written = matches!(&state.unwritten, Unwritten::Some(paths) if paths.is_empty());
    if let (Some(entities), Some((_, tera)), true) = (only, &cached, all_written) {
        if let Some(last) = state.last.take() {
            let made = edit::render_edit(site, tera, statics, state, entities, last, sink);
            state.tera = cached;
            return made;
        }
    }
    state.readers = None;
    let tera = match cached {
        Some((_, tera)) => tera,
        None => match theme::templates(user_templates) {
            Ok(tera) => tera,
            Err(errors) => {
                // Nothing rendered is known to be current any more.
                state.last = None;
                return Ok((Incremental::default(), errors));
            }
        },
    };
    let (plan, frame, records) = plan_and_records(site, state, only);
    let closures = templates_changed(&state.tracker, user_templates, &plan);
    let state_ref = &*state;
    // Each page: reused (its digest kept) or rendered and handed to the sink.
    let results: Result<Vec<PageResult>, E> = plan
        .specs
        .par_iter()
        .zip(records.into_par_iter())
        .map(|(spec, record)| {
            if let Some(record) = record {
                let clean = record.template == spec.template
                    && !closures[spec.template]
                    && !frame.any_changed(&record.deps)
                    && state_ref.is_written(&spec.output);
                if clean {
                    return Ok(PageResult::Kept(record));
                }
            }
            match render_recorded(&tera, &plan, site, &frame, spec) {
                Ok((bytes, record)) => {
                    sink(OutputFile {
                        path: spec.output.clone(),
                        bytes: Arc::new(bytes),
                    })?;
                    Ok(PageResult::Made(record))
                }
                Err(d) => Ok(PageResult::Failed(d)),
            }
        })
        .collect();
    let results = match results {
        Ok(results) => results,
        Err(error) => {
            // Records are lost with the pages not yet rendered.
            state.tera = Some((templates_print, tera));
            state.unwritten = Unwritten::All;
            return Err(error);
        }
    };
    let mut made = 0;
    let mut errors = Vec::new();
    let mut kept_records = Vec::with_capacity(results.len());
    let mut rendered = Vec::new();
    for (spec, result) in plan.specs.iter().zip(results) {
        match result {
            PageResult::Kept(record) => kept_records.push(Some(record)),
            PageResult::Made(record) => {
                made += 1;
                rendered.push(spec.output.clone());
                kept_records.push(Some(record));
            }
            PageResult::Failed(d) => {
                errors.push(d);
                kept_records.push(None);
            }
        }
    }
    // By path, in the plan's order of paths (a map built in order is built
    // in one pass).
    let pages_by_path: Vec<(&String, Digest)> = plan
        .by_path
        .iter()
        .filter_map(|&i| Some((&plan.specs[i].output, kept_records[i].as_ref()?.digest)))
        .collect();
    if let Unwritten::Some(paths) = &mut state.unwritten {
        paths.extend(rendered);
    }
    report_template_errors(errors.into_iter(), &mut diagnostics);
    state.tracker.templates = user_templates
        .iter()
        .map(|(n, s)| (n.clone(), deps::template_print(s)))
        .collect();
    let mut generated = search::files_with(site, &mut state.search, only);
    generated.extend(data::files_with(site, &mut state.data, &frame));
    let others = other_files(
        site,
        statics,
        PagePaths::of(&plan),
        generated,
        &mut diagnostics,
    );
    let other_digests = hand_over(state, others, sink)?;
    made += other_digests.len();
    let digests = Digests::All(merged(pages_by_path, other_digests));
    state.last = Some((plan, frame, kept_records));
    state.tera = Some((templates_print, tera));
    Ok((Incremental { digests, made }, diagnostics))
}

/// One page rendered, with the record of what it read and made.
fn render_recorded(
    tera: &theme::Templates,
    plan: &Plan,
    site: &Site,
    frame: &Frame,
    spec: &Spec,
) -> Result<(Vec<u8>, PageRecord), Box<Diagnostic>> {
    let deps = RefCell::new(Vec::new());
    let bytes = render_page(tera, plan, site, spec, Some(&deps))?;
    let mut ids: Vec<u32> = deps.into_inner().into_iter().map(|d| frame.id(d)).collect();
    ids.sort_unstable();
    ids.dedup();
    let record = PageRecord {
        template: spec.template,
        deps: ids,
        digest: Digest::of(&bytes),
    };
    Ok((bytes, record))
}

/// The plan, fingerprints and page records: the plan is reused when only
/// some entities changed; otherwise records follow their pages by path.
fn plan_and_records(
    site: &Site,
    state: &mut RenderState,
    only: Option<&[Entity]>,
) -> (Plan, Frame, Vec<Option<PageRecord>>) {
    match (only, state.last.take()) {
        (Some(entities), Some((plan, frame, records))) => {
            let frame = state.tracker.refresh(site, frame, entities);
            (plan, frame, records)
        }
        (_, last) => {
            let plan = Plan::new(site);
            let frame = state.tracker.frame(site, plan.prints(site));
            let mut by_path: FxHashMap<String, PageRecord> = FxHashMap::default();
            if let Some((old_plan, _, old_records)) = last {
                for (spec, record) in old_plan.specs.into_iter().zip(old_records) {
                    if let Some(record) = record {
                        by_path.insert(spec.output, record);
                    }
                }
            }
            let records = plan
                .specs
                .iter()
                .map(|spec| by_path.remove(&spec.output))
                .collect();
            (plan, frame, records)
        }
    }
}

/// For each template the plan uses, whether it or a template it includes,
/// extends or imports changed. A changed template that may define a
/// component (global in Tera, called from any template) may change every
/// page.
fn templates_changed(
    tracker: &Tracker,
    user_templates: &[(String, String)],
    plan: &Plan,
) -> FxHashMap<&'static str, bool> {
    let changed_templates = changed_templates(tracker, user_templates);
    let components_changed = changed_templates.iter().any(|name| {
        let now = user_templates.iter().find(|(n, _)| n == name);
        let before = tracker.templates.get(name);
        now.is_some_and(|(_, source)| deps::template_print(source).components)
            || before.is_some_and(|print| print.components)
    });
    let sources = template_sources(user_templates);
    let mut closures: FxHashMap<&'static str, bool> = FxHashMap::default();
    for spec in &plan.specs {
        closures.entry(spec.template).or_insert_with(|| {
            components_changed
                || deps::template_closure(spec.template, &sources)
                    .iter()
                    .any(|name| changed_templates.contains(name))
        });
    }
    closures
}

/// The files besides pages handed to the sink, with their digests (kept
/// for a file whose bytes are the same shared bytes as last time).
fn hand_over<E>(
    state: &mut RenderState,
    others: BTreeMap<String, Arc<Vec<u8>>>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<Vec<(String, Digest)>, E> {
    let mut known = std::mem::take(&mut state.others);
    state.round += 1;
    let mut other_digests = Vec::with_capacity(others.len());
    for (path, bytes) in others {
        let digest = match known.remove(&path) {
            Some(before) if Arc::ptr_eq(&before.bytes, &bytes) => before.digest,
            _ => Digest::of(&bytes),
        };
        other_digests.push((path.clone(), digest));
        let other = Other {
            bytes: Arc::clone(&bytes),
            digest,
            round: state.round,
        };
        state.others.insert(path.clone(), other);
        sink(OutputFile { path, bytes })?;
    }
    Ok(other_digests)
}

/// The digests of pages and of other files, both sorted by path, as one
/// map; a path in both is the other file's (as in [`render`]).
fn merged(
    pages: Vec<(&String, Digest)>,
    others: Vec<(String, Digest)>,
) -> BTreeMap<String, Digest> {
    let mut pages = pages.into_iter().peekable();
    let mut all = Vec::with_capacity(pages.len() + others.len());
    for (path, digest) in others {
        while let Some((page, d)) = pages.next_if(|(p, _)| p.as_str() < path.as_str()) {
            all.push((page.clone(), d));
        }
        pages.next_if(|(p, _)| **p == path);
        all.push((path, digest));
    }
    all.extend(pages.map(|(p, d)| (p.clone(), d)));
    // Already in order: collecting sorts in one pass and builds in bulk.
    all.into_iter().collect()
}

/// A page of an incremental render.
enum PageResult {
    /// Its inputs did not change: not rendered again.
    Kept(PageRecord),
    /// Rendered and handed to the sink.
    Made(PageRecord),
    Failed(Box<Diagnostic>),
}

/// The user templates added, removed or changed since the last render.
fn changed_templates(tracker: &Tracker, user_templates: &[(String, String)]) -> HashSet<String> {
    let mut changed: HashSet<String> = HashSet::new();
    for (name, source) in user_templates {
        if tracker.templates.get(name).map(|t| t.print) != Some(deps::template_print(source).print)
        {
            changed.insert(name.clone());
        }
    }
    for name in tracker.templates.keys() {
        if !user_templates.iter().any(|(n, _)| n == name) {
            changed.insert(name.clone());
        }
    }
    changed
}

/// Every template by the names pages use: built-ins (also as
/// `builtin/<name>`), replaced by the site's own of the same name.
fn template_sources(user_templates: &[(String, String)]) -> HashMap<String, &str> {
    let mut sources: HashMap<String, &str> = HashMap::new();
    for (name, source) in theme::TEMPLATES {
        sources.insert(format!("{}{name}", theme::BUILTIN_PREFIX), source);
        sources.insert(name.to_string(), source);
    }
    for (name, source) in user_templates {
        sources.insert(name.clone(), source.as_str());
    }
    sources
}
