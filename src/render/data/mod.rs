//! The data behind the site (FORMAT §15): every published claim, figure,
//! actor and incident as files that a spreadsheet, pandas or a GIS opens,
//! written beside the pages in every build.
//!
//! - `data/claims.csv` and `data/claims.json`: every claim, one row or
//!   object each ([`CLAIM_COLUMNS`], [`ClaimRecord`]);
//! - `data/figures.csv`: every figure ([`FIGURE_COLUMNS`]), and
//!   `measures/<id>/figures.csv` with one measure's (linked from its page);
//! - `data/actors.json`: every actor ([`ActorRecord`]);
//! - `data/incidents.geojson`: incidents as a GeoJSON FeatureCollection
//!   ([`FeatureCollection`]; the model has no incidents yet, so it is empty
//!   until they come: they only add features);
//! - `data/claims.schema.json` and `data/actors.schema.json`: the JSON
//!   Schemas (draft 2020-12) of the two JSON files, generated from the same
//!   types that write them, so they cannot disagree.
//!
//! CSV is written by the csv crate (RFC 4180: a header row, fields quoted
//! when they must be, CRLF line ends), JSON by serde_json. Lists inside a
//! CSV cell are joined with `; ` ([`LIST_SEPARATOR`]). Columns and keys
//! stay as they are: new ones are only ever added at the end.
//!
//! What each file reads is noted as pages note it (`deps`), so a rebuild
//! rewrites a data file only when something it shows changed.

use super::deps::{Dep, Entity, Frame};
use super::OutputFile;
use crate::model::*;
use crate::urls::{self, Linker};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use schemars::{JsonSchema, Schema};
use serde::Serialize;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

mod cells;
mod reader;
mod records;
#[cfg(test)]
mod tests;

pub use cells::number;
use cells::*;
use reader::*;
pub use records::*;

/// What a build keeps for the next: each data file's bytes with the
/// inputs it read, reused while none of them changed.
#[derive(Default)]
pub struct Cache {
    kept: FxHashMap<String, (Vec<u32>, Vec<OutputFile>)>,
}

/// Every data file of `site`.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = jobs(site)
        .into_par_iter()
        .flat_map_iter(|job| job.run(site, false).0)
        .collect();
    files.extend(schema_files());
    files
}

/// [`files`], reusing each file of the last build whose inputs did not
/// change in `frame`.
pub fn files_with(site: &Site, cache: &mut Cache, frame: &Frame) -> Vec<OutputFile> {
    let kept = std::mem::take(&mut cache.kept);
    let made: Vec<(String, Vec<u32>, Vec<OutputFile>)> = jobs(site)
        .into_par_iter()
        .map(|job| {
            let key = job.key(site);
            if let Some((deps, files)) = kept.get(&key) {
                if !frame.any_changed(deps) {
                    return (key, deps.clone(), files.clone());
                }
            }
            let (files, deps) = job.run(site, true);
            let mut ids: Vec<u32> = deps.into_iter().map(|d| frame.id(d)).collect();
            ids.sort_unstable();
            ids.dedup();
            (key, ids, files)
        })
        .collect();
    let mut files: Vec<OutputFile> = Vec::new();
    for (key, deps, made) in made {
        files.extend(made.iter().cloned());
        cache.kept.insert(key, (deps, made));
    }
    files.extend(schema_files());
    files
}

/// The JSON Schemas of `data/claims.json` and `data/actors.json`.
pub fn schemas() -> [(&'static str, Schema); 2] {
    [
        (urls::CLAIMS_SCHEMA, list_schema::<ClaimRecord>("claims")),
        (urls::ACTORS_SCHEMA, list_schema::<ActorRecord>("actors")),
    ]
}

fn list_schema<T: JsonSchema>(what: &str) -> Schema {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Vec<T>>();
    schema.insert("title".into(), format!("dossier data/{what}.json").into());
    schema.insert(
        "description".into(),
        format!(
            "Every published {} of a dossier site, as the build writes them (FORMAT §15).",
            what.trim_end_matches('s')
        )
        .into(),
    );
    schema
}

fn schema_files() -> Vec<OutputFile> {
    static FILES: OnceLock<Vec<OutputFile>> = OnceLock::new();
    FILES
        .get_or_init(|| {
            schemas()
                .into_iter()
                .map(|(path, schema)| OutputFile {
                    path: path.to_string(),
                    bytes: Arc::new(pretty(&schema)),
                })
                .collect()
        })
        .clone()
}

/// A list as JSON, one item on each line: compact (a large site's claims
/// are tens of megabytes), yet read and compared line by line.
fn json_lines<T: Serialize + Sync>(items: &[T]) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = items
        .par_iter()
        .map(|item| serde_json::to_vec(item).unwrap_or_default())
        .collect();
    let mut bytes = Vec::with_capacity(lines.iter().map(|l| l.len() + 2).sum::<usize>() + 4);
    bytes.push(b'[');
    for (i, line) in lines.iter().enumerate() {
        bytes.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        bytes.extend_from_slice(line);
    }
    bytes.extend_from_slice(b"\n]\n");
    bytes
}

/// A value as pretty JSON, with a final line break.
fn pretty<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// One data file or group of files, made and kept together.
#[derive(Debug, Clone, Copy)]
enum Job {
    /// `data/claims.csv` and `data/claims.json`.
    Claims,
    Figures,
    Measure(MeasureIx),
    Actors,
    Incidents,
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Claims, Job::Figures, Job::Actors, Job::Incidents];
    jobs.extend((0..site.measures.len()).map(|i| Job::Measure(MeasureIx(i))));
    jobs
}

impl Job {
    /// What the job is across builds (by id, never by list position).
    fn key(self, site: &Site) -> String {
        match self {
            Job::Claims => "claims".into(),
            Job::Figures => "figures".into(),
            Job::Actors => "actors".into(),
            Job::Incidents => "incidents".into(),
            Job::Measure(m) => format!("measure {}", site.measure(m).id),
        }
    }

    /// Makes the job's files; with `tracking`, also what they read.
    fn run(self, site: &Site, tracking: bool) -> (Vec<OutputFile>, Vec<Dep>) {
        let reader = Reader::new(site, tracking);
        let files = match self {
            Job::Claims => {
                reader.note(Dep::ClaimOrder);
                let (records, deps) = per_item(site, site.claims.len(), tracking, |r, i| {
                    r.claim(ClaimIx(i))
                });
                reader.extend(deps);
                let csv = claims_csv(&records);
                vec![
                    file(urls::CLAIMS_CSV, csv),
                    file(urls::CLAIMS_JSON, json_lines(&records)),
                ]
            }
            Job::Figures => {
                reader.note(Dep::ClaimOrder);
                reader.note(Dep::MeasureOrder);
                let mut measures: Vec<MeasureIx> =
                    (0..site.measures.len()).map(MeasureIx).collect();
                measures.sort_by(|a, b| site.measure(*a).id.cmp(&site.measure(*b).id));
                let mut rows = Vec::new();
                for m in measures {
                    rows.extend(reader.measure_rows(m));
                }
                // Figures of no measure, by claim id.
                for (i, c) in site.claims.iter().enumerate() {
                    reader.note(Dep::Full(Entity::Claim(ClaimIx(i))));
                    if c.measure.is_none() {
                        rows.extend(reader.figure_row(ClaimIx(i)));
                    }
                }
                vec![file(urls::FIGURES_CSV, figures_csv(&rows))]
            }
            Job::Measure(m) => {
                let rows = reader.measure_rows(m);
                let path = urls::measure_data(&site.measure(m).id);
                vec![file(&path, figures_csv(&rows))]
            }
            Job::Actors => {
                reader.note(Dep::ActorOrder);
                let mut actors: Vec<ActorIx> = (0..site.actors.len()).map(ActorIx).collect();
                actors.sort_by(|a, b| site.actor(*a).id.cmp(&site.actor(*b).id));
                let records: Vec<ActorRecord> = actors.iter().map(|&a| reader.actor(a)).collect();
                vec![file(urls::ACTORS_JSON, json_lines(&records))]
            }
            Job::Incidents => {
                reader.note(Dep::Site);
                reader.note(Dep::Pages);
                let features = (0..site.incidents.len())
                    .map(|i| reader.incident(IncidentIx(i)))
                    .collect();
                let collection = FeatureCollection {
                    kind: "FeatureCollection",
                    features,
                };
                vec![file(urls::INCIDENTS_GEOJSON, pretty(&collection))]
            }
        };
        (files, reader.into_deps())
    }
}

fn file(path: &str, bytes: Vec<u8>) -> OutputFile {
    // Text as the pages have it: in Unicode NFC.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => super::composed(text).into_bytes(),
        Err(e) => e.into_bytes(),
    };
    OutputFile {
        path: path.to_string(),
        bytes: Arc::new(bytes),
    }
}

/// `f(reader, i)` for `i` in `0..n`, in parallel, in order, with what
/// they read.
fn per_item<T: Send>(
    site: &Site,
    n: usize,
    tracking: bool,
    f: impl Fn(&Reader, usize) -> T + Sync,
) -> (Vec<T>, Vec<Dep>) {
    const CHUNK: usize = 512;
    let parts: Vec<(Vec<T>, Vec<Dep>)> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|k| {
            let reader = Reader::new(site, tracking);
            let items = (k * CHUNK..n.min((k + 1) * CHUNK))
                .map(|i| f(&reader, i))
                .collect();
            (items, reader.into_deps())
        })
        .collect();
    let mut items = Vec::with_capacity(n);
    let mut deps = Vec::new();
    for (part, part_deps) in parts {
        items.extend(part);
        deps.extend(part_deps);
    }
    (items, deps)
}
