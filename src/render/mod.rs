//! Stage 3, render: the resolved site and the templates to every output
//! file, in memory. Pure; pages are rendered in parallel with one shared
//! Tera instance.

pub mod context;
mod pages;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::load::AssetFile;
use crate::model::Site;
use context::{Body, Common};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
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
    let mut diagnostics = Vec::new();
    let tera = match theme::templates(user_templates) {
        Ok(tera) => tera,
        Err(errors) => return (Vec::new(), errors),
    };
    let jobs = pages::jobs(site);
    let rendered: Vec<Result<OutputFile, Box<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
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
                d
            })?;
            Ok(OutputFile {
                path: crate::urls::output_file(&job.path),
                bytes: html.into_bytes(),
            })
        })
        .collect();

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
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
        files.insert(path.to_string(), bytes.to_vec());
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
        files.insert(file.path.clone(), file.bytes.clone());
    }
    let output = files
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect();
    (output, diagnostics)
}
