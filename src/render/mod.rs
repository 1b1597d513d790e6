//! Stage 3, render: the resolved site and the templates to every output
//! file, in memory. Pure; pages are rendered in parallel with one shared
//! Tera instance.

pub mod context;
pub mod deps;
mod pages;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::load::AssetFile;
use crate::model::Site;
use context::{Body, Common};
use deps::{Dep, Entity, Frame, PageRecord, Tracker};
use pages::{Plan, Spec};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

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

/// A rendered page, or the template error that stopped it.
type Rendered = Result<OutputFile, Box<Diagnostic>>;

/// Renders every page, copies the theme's and the site's static files, and
/// writes redirect pages. Returns the output sorted by path.
pub fn render(
    site: &Site,
    user_templates: &[(String, String)],
    statics: &[AssetFile],
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    render_with(site, user_templates, statics, None)
}

/// What incremental rendering keeps from one build to the next.
#[derive(Default)]
pub struct RenderState {
    tracker: Tracker,
    /// The pages of the last build, and its fingerprints.
    last: Option<(Plan, Frame)>,
}

/// Like [`render`], reusing every page of the previous render whose inputs
/// (the entities it read, at the level it read them, and its templates)
/// did not change. `only` names the entities that changed when nothing
/// was added, removed or reordered since the last render (then nothing
/// else is fingerprinted again). The result is the same as [`render`]'s.
pub fn render_incremental(
    site: &Site,
    user_templates: &[(String, String)],
    statics: &[AssetFile],
    state: &mut RenderState,
    only: Option<&[Entity]>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    render_with(site, user_templates, statics, Some((state, only)))
}

fn render_with(
    site: &Site,
    user_templates: &[(String, String)],
    statics: &[AssetFile],
    state: Option<(&mut RenderState, Option<&[Entity]>)>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let tera = match theme::templates(user_templates) {
        Ok(tera) => tera,
        Err(errors) => {
            if let Some((state, _)) = state {
                // Nothing rendered is known to be current any more.
                state.tracker.pages.clear();
                state.last = None;
            }
            return (Vec::new(), errors);
        }
    };
    // The plan and fingerprints: reused when only some entities changed.
    let (plan, frame, state) = match state {
        None => (Plan::new(site), None, None),
        Some((state, only)) => {
            let (plan, frame) = match (only, state.last.take()) {
                (Some(entities), Some((plan, frame))) => {
                    let frame = state.tracker.refresh(site, frame, entities);
                    (plan, frame)
                }
                _ => {
                    let plan = Plan::new(site);
                    let frame = state.tracker.frame(site, plan.orders(site));
                    (plan, frame)
                }
            };
            (plan, Some(frame), Some(state))
        }
    };
    let render_page =
        |spec: &Spec, deps: Option<&RefCell<Vec<Dep>>>| -> Result<Vec<u8>, Box<Diagnostic>> {
            let job = plan.job(site, spec, deps);
            let context = tera::Context::from_serialize(&TemplateContext {
                common: &job.common,
                body: &job.body,
            })
            .map_err(|e| Box::new(theme::diagnostic(&e, user_templates)))?;
            let html = tera.render(job.template, &context).map_err(|e| {
                let mut d = theme::diagnostic(&e, user_templates);
                d.message = format!(
                    "{} (rendering {})",
                    d.message,
                    crate::urls::output_file(&job.path)
                );
                Box::new(d)
            })?;
            Ok(html.into_bytes())
        };

    let (rendered, state): (Vec<Rendered>, Option<&mut RenderState>) = match (state, &frame) {
        (None, _) | (_, None) => (
            plan.specs
                .par_iter()
                .map(|spec| {
                    let bytes = render_page(spec, None)?;
                    Ok(OutputFile {
                        path: crate::urls::output_file(&spec.path),
                        bytes: Arc::new(bytes),
                    })
                })
                .collect(),
            None,
        ),
        (Some(state), Some(frame)) => {
            let tracker = &mut state.tracker;
            let changed_templates = changed_templates(tracker, user_templates);
            let sources = template_sources(user_templates);
            let mut closures: HashMap<&'static str, bool> = HashMap::new();
            for spec in &plan.specs {
                closures.entry(spec.template).or_insert_with(|| {
                    deps::template_closure(spec.template, &sources)
                        .iter()
                        .any(|name| changed_templates.contains(name))
                });
            }
            let previous = &tracker.pages;
            let results: Vec<(Rendered, Option<PageRecord>)> = plan
                .specs
                .par_iter()
                .map(|spec| {
                    let path = crate::urls::output_file(&spec.path);
                    if let Some(record) = previous.get(&path) {
                        let clean = record.template == spec.template
                            && !closures[spec.template]
                            && !frame.any_changed(&record.deps);
                        if clean {
                            let file = OutputFile {
                                path,
                                bytes: Arc::clone(&record.bytes),
                            };
                            return (Ok(file), Some(record.clone()));
                        }
                    }
                    let deps = RefCell::new(Vec::new());
                    match render_page(spec, Some(&deps)) {
                        Ok(bytes) => {
                            let bytes = Arc::new(bytes);
                            let mut ids: Vec<u32> =
                                deps.into_inner().into_iter().map(|d| frame.id(d)).collect();
                            ids.sort_unstable();
                            ids.dedup();
                            let record = PageRecord {
                                template: spec.template,
                                deps: ids,
                                bytes: Arc::clone(&bytes),
                            };
                            (Ok(OutputFile { path, bytes }), Some(record))
                        }
                        Err(d) => (Err(d), None),
                    }
                })
                .collect();
            let mut pages = HashMap::with_capacity(results.len());
            let mut files = Vec::with_capacity(results.len());
            for (file, record) in results {
                if let (Ok(f), Some(record)) = (&file, record) {
                    pages.insert(f.path.clone(), record);
                }
                files.push(file);
            }
            tracker.pages = pages;
            tracker.templates = user_templates
                .iter()
                .map(|(n, s)| (n.clone(), deps::template_print(s)))
                .collect();
            (files, Some(state))
        }
    };
    if let (Some(state), Some(frame)) = (state, frame) {
        state.last = Some((plan, frame));
    }

    let mut files: BTreeMap<String, Arc<Vec<u8>>> = BTreeMap::new();
    let mut template_errors: HashSet<(String, usize, usize)> = HashSet::new();
    for result in rendered {
        match result {
            Ok(file) => {
                files.insert(file.path, file.bytes);
            }
            // One report per place in a template, not one per page.
            Err(d) => {
                if template_errors.insert((d.file.clone(), d.line, d.col)) {
                    diagnostics.push(*d);
                }
            }
        }
    }
    for file in pages::redirects(site) {
        files.entry(file.path).or_insert(file.bytes);
    }
    let generated: HashSet<String> = files.keys().cloned().collect();
    for (path, bytes) in theme::STATIC {
        files.insert(path.to_string(), Arc::new(bytes.to_vec()));
    }
    for file in statics {
        if generated.contains(&file.path) {
            diagnostics.push(
                Diagnostic::error(
                    format!("static/{}", file.path),
                    format!(
                        "static file collides with the generated page `{}`",
                        file.path
                    ),
                )
                .hint("rename or move the static file; generated pages take their paths first"),
            );
            continue;
        }
        files.insert(file.path.clone(), Arc::new(file.bytes.clone()));
    }
    let output = files
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect();
    (output, diagnostics)
}

/// The user templates added, removed or changed since the last render.
fn changed_templates(tracker: &Tracker, user_templates: &[(String, String)]) -> HashSet<String> {
    let mut changed: HashSet<String> = HashSet::new();
    for (name, source) in user_templates {
        if tracker.templates.get(name) != Some(&deps::template_print(source)) {
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
