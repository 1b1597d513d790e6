//! Stage 2, resolve: raw files to the linked [`Site`], every problem a
//! diagnostic. Pure: no file system, and never stops at the first problem.
//!
//! - `declare`: ids, their uniqueness and the order of each kind;
//! - `entities`: each file's fields, values and references;
//! - `relations`: inverses and backlinks, actor sets, tags, cycles.

pub mod declare;
mod entities;
mod relations;

use crate::diagnostics::Diagnostic;
use crate::load::yaml::YamlPath;
use crate::load::Loaded;
use crate::model::*;
use entities::{Findings, Scope};
use rayon::prelude::*;
use std::collections::HashSet;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publish drafts.
    pub drafts: bool,
    /// Overrides site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Spell out `index.html` in links to folders (also `portable: true`
    /// in site.yaml).
    pub portable: bool,
}

/// Resolves everything loaded into a site.
pub fn resolve(loaded: &Loaded, options: &Options) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut site = config(loaded, options, &mut diagnostics);

    let static_top: HashSet<String> = loaded
        .statics
        .iter()
        .map(|f| f.path.split('/').next().unwrap_or("").to_string())
        .collect();
    let declared = declare::declare(loaded, options.drafts, &static_top, &mut diagnostics);
    let scope = Scope {
        loaded,
        ids: &declared.ids,
        portable: site.portable,
    };

    let briefs: Vec<_> = declared
        .briefs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| entities::brief(&scope, doc, BriefIx(i), options.drafts || !doc.raw.draft))
        .collect();
    let brief_dates: Vec<Option<PartialDate>> = declared
        .briefs
        .iter()
        .map(|d| {
            d.raw
                .date
                .as_ref()
                .and_then(|t| PartialDate::parse(&t.0))
                .filter(PartialDate::is_full)
        })
        .collect();
    let claims: Vec<_> = declared
        .claims
        .par_iter()
        .map(|decl| entities::claim(&scope, decl, decl.brief.and_then(|b| brief_dates[b.0])))
        .collect();
    let actors: Vec<_> = declared
        .actors
        .par_iter()
        .enumerate()
        .map(|(i, doc)| entities::actor(&scope, doc, ActorIx(i)))
        .collect();
    let measures: Vec<_> = declared
        .measures
        .par_iter()
        .map(|decl| entities::measure(&scope, decl, declare::measure_name(decl)))
        .collect();
    let pages: Vec<_> = declared
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, doc)| entities::page(&scope, doc, PageIx(i)))
        .collect();

    let mut findings: Vec<Findings> = Vec::new();
    let mut tag_names = Vec::new();
    let mut brief_links = Vec::new();
    for parts in briefs {
        tag_names.push(parts.tag_names);
        site.briefs.push(parts.brief);
        brief_links.push(parts.found.linked_actors.clone());
        findings.push(parts.found);
    }
    let mut claim_links = Vec::new();
    for (claim, found) in claims {
        site.claims.push(claim);
        claim_links.push(found.linked_actors.clone());
        findings.push(found);
    }
    let mut part_of: Vec<Option<(ActorIx, YamlPath)>> = Vec::new();
    for (actor, parent, found) in actors {
        site.actors.push(actor);
        part_of.push(parent);
        findings.push(found);
    }
    for (measure, found) in measures {
        site.measures.push(measure);
        findings.push(found);
    }
    for (page, found) in pages {
        site.pages.push(page);
        findings.push(found);
    }

    let mut anchors = Vec::new();
    let mut redirects = Vec::new();
    for found in findings {
        diagnostics.extend(found.diagnostics);
        anchors.extend(found.anchors);
        redirects.extend(found.redirects);
    }

    relations::tags(&mut site, &tag_names);
    relations::part_of_cycles(&mut site, loaded, &part_of, &mut diagnostics);
    relations::actor_sets(&mut site, &brief_links, &claim_links);
    relations::backlinks(&mut site);
    relations::anchors(&site, loaded, &anchors, &mut diagnostics);
    relations::redirects(
        &mut site,
        loaded,
        &declared.ids,
        redirects,
        &mut diagnostics,
    );

    crate::diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    (site, diagnostics)
}

/// site.yaml's settings.
fn config(loaded: &Loaded, options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Site {
    let raw = &loaded.config;
    let text = |t: &Option<crate::load::raw::Text>| {
        t.as_ref()
            .map(|t| t.0.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let title = match text(&raw.title) {
        Some(t) => t,
        None => {
            if let Some(file) = loaded.config_file.map(|f| loaded.file(f)) {
                diagnostics.push(
                    file.error_at(
                        &YamlPath::default(),
                        "missing required field `title` in site.yaml",
                    )
                    .hint("add `title: Your desk's name`"),
                );
            }
            String::new()
        }
    };
    let base_url = options
        .base_url
        .clone()
        .or_else(|| text(&raw.base_url))
        .map(|u| u.trim_end_matches('/').to_string());
    if let Some(url) = &base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            let message = format!("base_url `{url}` is not an absolute http(s) URL");
            let hint = "write the full address, e.g. `https://example.org/briefings`";
            match (&options.base_url, loaded.config_file) {
                (None, Some(file)) => diagnostics.push(
                    loaded
                        .file(file)
                        .error_at(&YamlPath::default().key("base_url"), message)
                        .hint(hint),
                ),
                _ => diagnostics.push(Diagnostic::error("--base-url", message).hint(hint)),
            }
        }
    }
    Site {
        title,
        description: text(&raw.description),
        language: text(&raw.language).unwrap_or_else(|| "en".to_string()),
        author: text(&raw.author),
        base_url,
        portable: options.portable || raw.portable.unwrap_or(false),
        extra: raw
            .extra
            .as_ref()
            .map_or_else(|| serde_json::json!({}), entities::yaml_to_json),
        ..Site::default()
    }
}
