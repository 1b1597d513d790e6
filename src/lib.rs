//! dossier: a static site generator for briefings.
//!
//! Analysts write briefs, actors and claims as Markdown files with YAML
//! front matter; dossier checks every id and reference and renders a linked
//! static site with a page for every brief, actor, claim, measure and tag.
//!
//! # Bird's-eye view
//!
//! A build is four stages, in this order ([`build`] shows all of them):
//!
//! 1. **load** reads the site folder into raw values (`load::Loaded`);
//! 2. **resolve** turns them into the linked [`model::Site`], collecting
//!    every problem as a [`Diagnostic`];
//! 3. **render** turns the site and the templates into output files;
//! 4. **write** replaces the output folder with them.
//!
//! A build streams render into write: pages are rendered in parallel and
//! each is handed to a `write::Staging` folder as soon as it is made
//! (`render::render_each`), so the pages of a large site never sit in
//! memory together; the staged folder replaces the output only when the
//! whole build succeeded (`check` hands them to a sink that drops them).
//! `render::render` collects them in memory instead, for `render_site`.
//!
//! On top, **serve** (and `build --watch`) keeps a rebuild session: the
//! site stays in memory, a change re-reads and re-parses only the files it
//! touched, Markdown renderings and pages whose inputs did not change are
//! reused, and only changed output files are written. An edit to one body
//! alone patches the kept site instead of resolving it again. Whatever the
//! shortcut, the output equals a clean build's (the tests check it). The
//! session keeps no page's bytes, only a digest of each output file: the
//! output folder holds the pages, and the server reads them from it.
//!
//! # Codemap
//!
//! - `cli` — the commands; each is a few lines over [`build`]/[`check`].
//! - `load/` — stage 1: `read` (disk, `load/read.rs`) and `parse` (pure,
//!   `load/parse.rs`; `parse_with` and
//!   `ParseCache` keep parsed files between rebuilds; `refresh` re-reads
//!   changed paths); `frontmatter` splits files, `yaml` parses them
//!   (through `node`, the only user of serde_yaml's parser: a tree whose
//!   scalars keep their text as written) and finds positions for
//!   diagnostics (`yaml/decode.rs`: trees to raw types, with the messages
//!   for serde's errors; `yaml/index.rs`: where each key is), `raw/` holds
//!   the serde types, a module per kind of file; `keys` derives from them
//!   the keys each place accepts and the mappings whose keys are checked
//!   (each field is declared once, in its struct).
//! - `model/` — resolved types: `Site`, `Brief`, `Actor`, `Claim`…, indices
//!   between them, the closed vocabularies and partial dates (`enums`);
//!   `language`
//!   checks language tags against the IANA registry; `identifiers` (the
//!   schemes with a check: IMO check digits, MMSI, flags…) and
//!   `countries` (ISO 3166 codes and names).
//! - `resolve/` — stage 2: `declare` (ids), `entities/` (fields and
//!   references: `here` reads the values every kind shares, `rendering`
//!   its Markdown, `sources` its sources; a module per kind), `relations` (backlinks, actor sets, tags, cycles),
//!   `evidence` (figures against measures, `supersedes` and statuses,
//!   stances, responses, verdict dates, judgements' evidence), `publish`
//!   (the published view: drafts, checked, are dropped before any
//!   backlink or count exists), `warnings` (FORMAT §13: values valid
//!   alone but wrong together, `dossier new`'s placeholders), `memo`
//!   (Markdown renderings kept between rebuilds), `patch` (the fast path
//!   for an edit to one body alone).
//! - `markdown/` — Markdown to HTML (`mod.rs`: the renderer): `urls`
//!   (allowed schemes, root-relative URLs rebased), `raw` (raw HTML
//!   disarmed or sanitized), `headings` (ids), `footnotes`, `direction`
//!   (right-to-left text).
//! - `urls` — every id-to-path mapping and relative links.
//! - `render/` — stage 3: `context` (the template contract, the only
//!   `Serialize` types), `pages/` (which pages exist and what they get:
//!   `mod.rs` holds the `Plan`, the `What` of every page with its kind and
//!   template, and a short dispatch; each page kind is a module —
//!   `briefs`, `actors`, `claims`, `measures`, `tags`, `incidents`,
//!   `timeline`, `network`, `search`, `page`, `sublist`, `feeds`, `home` —
//!   that adds its pages to the plan and builds each one's context;
//!   `cards` holds what many kinds show (references, claim cards, source
//!   lines) and `text` dates, numbers and figures as words), `map/` (maps
//!   drawn at build time over embedded Natural Earth land: views,
//!   clipping, simplification), `theme` (the embedded built-in theme and the Tera instance), `bounds`
//!   (the limits on what a site's templates may do: guards rewritten into
//!   them in `bounds/instrument.rs`, each page's budget, the bounded page
//!   buffer), `deps` (what each
//!   page reads, for incremental rendering; `deps/prints.rs` fingerprints
//!   the model by exhaustive destructuring, so a new field does not
//!   compile until it is hashed or skipped with a reason), `data` (the
//!   data behind the site: claims, figures, actors and incidents as CSV,
//!   JSON and GeoJSON, with the JSON Schemas of the JSON files: `records`
//!   the types, `reader` the site read into them, `cells` CSV), `search`
//!   (the full-text index in parts: `words` folds and splits text as
//!   static/search.js does, `index` scores, encodes and chunks), `charts`
//!   (the pictures, one module each: `measure/` (with its `scale`,
//!   `marks` and `symbols`), `timeline`, `graph`, `network`, each drawn
//!   wide and narrow, with the shared text and
//!   label helpers in `charts/mod.rs`).
//! - `write` — stage 4: staged, atomic replacement of the output folder
//!   (`Staging` takes files from any thread; unchanged ones are hard-linked
//!   from the previous output and keep their modification time), and in
//!   `write/`: `update`, the all-or-nothing in-place update of serve's
//!   rebuilds; `manifest` (every file's length and hash, in the marker);
//!   `lock` (one writer per folder); `folder` (`OutputDir`: `--out` resolved as the system will and
//!   checked once; every writer takes one) and `stop` (writes that end
//!   cleanly, temporary files removed, on a signal).
//! - `diagnostics` — `Diagnostic`, positions, rendering in rustc's layout.
//! - `scaffold` — `dossier init` and `dossier new`: starter files, never
//!   overwriting, each naming its JSON Schema; `dossier schema` writes
//!   the schemas.
//! - `schema` — JSON Schemas (draft 2020-12): of the front matter and
//!   site.yaml, derived from `load::raw`'s types and the keys the loader
//!   accepts (`dossier schema`), and the ids, dates and vocabularies they
//!   share with the data files' schemas.
//! - `fuzzing` — entry points for the fuzz targets (`tests/fuzz/`) and
//!   for `cargo test`'s replay of their corpus.
//! - `serve/` — `session` (the site kept in memory between rebuilds),
//!   `watch` (debounced file events, links not followed), `http` (the
//!   server over the last good output, with a header timeout; the error
//!   overlay and live reload).
//!
//! # Invariants
//!
//! - Only `load` reads the site folder; only `write` writes the output;
//!   only `serve` opens sockets and watches files; only `scaffold` writes
//!   into a site: new files, and the JSON Schemas of `schemas/` that
//!   `dossier schema` replaces.
//! - `resolve` and `render` touch no file system and never stop at the first
//!   content error: they return diagnostics with their values.
//! - Only the types of `render::context` (what templates get) and
//!   `render::data` (what the data files hold) are `Serialize`.
//! - Every id-to-URL mapping goes through `urls`; templates receive finished
//!   relative URLs and never join strings into URLs.
//! - Output is deterministic: sorted walks, ordered maps, sorted lists, no
//!   timestamps. The same input gives the same bytes, in Unicode NFC.
//! - A failed build writes nothing; the previous output stays as it was.
//! - The built-in theme on disk (templates/, static/) is exactly what is
//!   embedded (build.rs lists every file).
//! - The library never prints; `cli` does.
//! - The reload script and error overlay of `serve` are added to HTTP
//!   responses only; the output folder holds exactly what `build` writes.

pub mod cli;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod urls;
pub mod write;

pub use diagnostics::Diagnostic;

use std::path::{Path, PathBuf};

/// What to build, and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `ROOT/public` when `None`.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Links to folders spell out `index.html` (also `portable: true`).
    pub portable: bool,
    /// Warnings fail the run like errors (also `strict: true`).
    pub deny_warnings: bool,
}

impl BuildOptions {
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }

    /// Whether warnings fail this run, and why: `--deny-warnings`, else
    /// `strict: true` in the site's settings (`config`).
    pub fn denies_warnings(&self, config: &load::raw::RawConfig) -> Option<Denial> {
        if self.deny_warnings {
            Some(Denial::Flag)
        } else if config.strict == Some(true) {
            Some(Denial::Strict)
        } else {
            None
        }
    }

    pub fn resolve_options(&self) -> resolve::Options {
        resolve::Options {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            portable: self.portable,
        }
    }
}

/// What makes warnings fail a run like errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// `--deny-warnings`.
    Flag,
    /// `strict: true` in site.yaml.
    Strict,
}

impl std::fmt::Display for Denial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Denial::Flag => "--deny-warnings",
            Denial::Strict => "`strict: true` in site.yaml",
        })
    }
}

/// Whether `diagnostics` fail a run: any error, or any warning when
/// warnings are denied.
pub fn fails(diagnostics: &[Diagnostic], denial: Option<Denial>) -> bool {
    diagnostics.iter().any(|d| d.is_error() || denial.is_some())
}

/// Why a run ended without output.
#[derive(Debug)]
pub enum Failure {
    /// Bad command line or unusable folders (exit status 2).
    Usage(String),
    /// An output folder refused (exit status 2), with what to do instead.
    Refused(write::Refusal),
    /// Content or template errors, or warnings denied (exit status 1); all
    /// of them are in the report.
    Content,
    /// The output could not be written (exit status 1).
    Io(String),
}

/// The result of a run: every diagnostic, and what was built.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Number of output files.
    pub files: usize,
    pub pages: usize,
    pub stats: write::WriteStats,
    /// The output folder written (`--out` as the system resolved it,
    /// symbolic links followed); `None` when nothing was.
    pub out: Option<write::OutputDir>,
    /// Warnings fail the run, and why.
    pub denial: Option<Denial>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether the diagnostics so far fail the run: an error, or a
    /// warning when warnings are denied.
    pub fn failed(&self) -> bool {
        fails(&self.diagnostics, self.denial)
    }
}

/// Runs load, resolve and render: the whole build in memory.
pub fn render_site(
    options: &BuildOptions,
) -> Result<(Vec<render::OutputFile>, Vec<Diagnostic>), Failure> {
    let (loaded, mut diagnostics) = load::load(&options.root).map_err(|e| Failure::Usage(e.0))?;
    let (files, mut more) = resolve_and_render(&loaded, options);
    diagnostics.append(&mut more);
    diagnostics::sort(&mut diagnostics);
    Ok((files, diagnostics))
}

/// Resolves what was loaded and renders it. Pages are rendered even when
/// the content has errors, so template errors are reported in the same
/// run; the caller writes nothing then.
pub fn resolve_and_render(
    loaded: &load::Loaded,
    options: &BuildOptions,
) -> (Vec<render::OutputFile>, Vec<Diagnostic>) {
    let (site, mut diagnostics) = resolve::resolve(loaded, &options.resolve_options());
    let (files, mut render_diagnostics) = render::render(&site, &loaded.templates, &loaded.statics);
    diagnostics.append(&mut render_diagnostics);
    // Freeing a large site takes a while; nothing waits for it.
    std::thread::spawn(move || drop(site));
    (files, diagnostics)
}

/// Builds the site and, when there is no error, replaces the output folder.
/// Pages are written as they are rendered, into a staging folder that
/// replaces the output only when the whole build succeeded.
pub fn build(options: &BuildOptions) -> (Report, Result<(), Failure>) {
    // Checked before anything is read or made; written as checked.
    let out = match write::OutputDir::check(&options.root, &options.out_dir()) {
        Ok(out) => out,
        Err(refusal) => return (Report::default(), Err(Failure::Refused(refusal))),
    };
    let (mut report, site, loaded) = match load_and_resolve(options) {
        Ok(loaded) => loaded,
        Err(failure) => return (Report::default(), Err(failure)),
    };
    if report.failed() {
        // Render anyway, writing nothing, for the template errors.
        let (counts, diagnostics) = render_counted(&site, &loaded, &|_| Ok(()));
        return finish(report, counts, diagnostics, Err(Failure::Content));
    }
    let staging = match write::Staging::begin(&out) {
        Ok(staging) => staging,
        Err(error) => return write_failed(report, error),
    };
    let (counts, diagnostics) = render_counted(&site, &loaded, &|file| staging.file(&file));
    let diagnostics = match diagnostics {
        Ok(diagnostics) => diagnostics,
        Err(error) => return write_failed(report, error),
    };
    report.diagnostics.extend(diagnostics);
    if report.failed() {
        // Dropping the staging folder removes it; the output is untouched.
        return finish(report, counts, Ok(Vec::new()), Err(Failure::Content));
    }
    match staging.finish() {
        Ok(stats) => {
            report.stats = stats;
            report.out = Some(out);
            finish(report, counts, Ok(Vec::new()), Ok(()))
        }
        Err(error) => write_failed(report, error),
    }
}

/// Ends a build whose output could not be written: the error (naming the
/// file or folder, with what to do) joins the report's diagnostics.
fn write_failed(mut report: Report, error: std::io::Error) -> (Report, Result<(), Failure>) {
    report.diagnostics.push(
        Diagnostic::error("", error.to_string())
            .maybe_hint(write::hint_for(&error).map(String::from)),
    );
    let message =
        "built nothing: the output could not be written; the previous output is unchanged";
    (report, Err(Failure::Io(message.to_string())))
}

/// Checks the site (everything a build does) without writing anything.
pub fn check(options: &BuildOptions) -> (Report, Result<(), Failure>) {
    let (report, site, loaded) = match load_and_resolve(options) {
        Ok(loaded) => loaded,
        Err(failure) => return (Report::default(), Err(failure)),
    };
    let (counts, diagnostics) = render_counted(&site, &loaded, &|_| Ok(()));
    let failed = report.failed() || diagnostics.as_ref().is_ok_and(|d| fails(d, report.denial));
    let result = if failed {
        Err(Failure::Content)
    } else {
        Ok(())
    };
    finish(report, counts, diagnostics, result)
}

/// Loads and resolves the site; the report holds their diagnostics.
fn load_and_resolve(
    options: &BuildOptions,
) -> Result<(Report, model::Site, load::Loaded), Failure> {
    let (loaded, mut diagnostics) = load::load(&options.root).map_err(|e| Failure::Usage(e.0))?;
    let (site, mut more) = resolve::resolve(&loaded, &options.resolve_options());
    diagnostics.append(&mut more);
    let report = Report {
        diagnostics,
        denial: options.denies_warnings(&loaded.config),
        ..Report::default()
    };
    Ok((report, site, loaded))
}

/// Output files and pages handed to a sink.
#[derive(Default)]
struct Counts {
    files: std::sync::atomic::AtomicUsize,
    pages: std::sync::atomic::AtomicUsize,
}

/// Renders the site into `sink`, counting files and pages; frees the site
/// on another thread (freeing a large site takes a while; nothing waits).
fn render_counted(
    site: &model::Site,
    loaded: &load::Loaded,
    sink: &(dyn Fn(render::OutputFile) -> std::io::Result<()> + Sync),
) -> (Counts, std::io::Result<Vec<Diagnostic>>) {
    use std::sync::atomic::Ordering::Relaxed;
    let counts = Counts::default();
    let diagnostics = render::render_each(site, &loaded.templates, &loaded.statics, &|file| {
        counts.files.fetch_add(1, Relaxed);
        if file.path.ends_with(".html") {
            counts.pages.fetch_add(1, Relaxed);
        }
        sink(file)
    });
    (counts, diagnostics)
}

/// Completes a report: its counts, and every diagnostic in order.
fn finish(
    mut report: Report,
    counts: Counts,
    diagnostics: std::io::Result<Vec<Diagnostic>>,
    result: Result<(), Failure>,
) -> (Report, Result<(), Failure>) {
    report.files = counts.files.into_inner();
    report.pages = counts.pages.into_inner();
    report.diagnostics.extend(diagnostics.unwrap_or_default());
    diagnostics::sort(&mut report.diagnostics);
    (report, result)
}

/// The root given, or the current folder.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
