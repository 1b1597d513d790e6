//! A rebuild session: the site kept in memory between rebuilds, so a
//! change re-reads only the files it touched and writes only the output
//! files whose bytes changed. Used by `serve` and `build --watch`.

use crate::diagnostics::Diagnostic;
use crate::load::{self, ParseCache, SiteFiles};
use crate::model::{Site, Target};
use crate::render::deps::Entity;
use crate::render::{self, Digest, Digests, RenderState};
use crate::resolve::memo::Memo;
use crate::resolve::{self, declare::Ids};
use crate::write::{self, Change, OutputDir, Updated};
use crate::{BuildOptions, Denial, Failure};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The files of the last successful build, by path, with their digests:
/// their bytes are in the output folder, not in memory. A persistent map:
/// the server holds the last one while an edit makes the next from it,
/// sharing all but the paths that changed (a copy of 90,000 paths took
/// 15 ms of an edit).
pub type Output = imbl::OrdMap<String, Digest>;

/// What a (re)build did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Every diagnostic of the build; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// Output paths written (new or changed bytes).
    pub written: Vec<String>,
    /// Output paths removed.
    pub removed: Vec<String>,
    /// Number of output files.
    pub files: usize,
    pub elapsed: Duration,
    /// The change touched one file's body alone and took the fast path.
    pub body_only: bool,
    /// Warnings fail the build, and why (then nothing is written).
    pub denial: Option<Denial>,
}

impl Outcome {
    /// Errors, or warnings denied: nothing was written.
    pub fn failed(&self) -> bool {
        crate::fails(&self.diagnostics, self.denial)
    }

    /// The warnings of a build that did not fail: shown, not blocking.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        match self.failed() {
            true => Vec::new(),
            false => self.diagnostics.clone(),
        }
    }
}

pub struct Session {
    options: BuildOptions,
    files: SiteFiles,
    /// Problems reading files, kept until the next full read.
    read_diagnostics: Vec<Diagnostic>,
    /// Parsed files, to parse only files whose bytes changed.
    parse_cache: ParseCache,
    /// Markdown renderings, to render only fields whose source or links changed.
    memo: Memo,
    /// The last build without errors, for edits that touch one body only.
    kept: Option<Kept>,
    folder: Folder,
}

/// The output folder and what the session knows of it.
struct Folder {
    out: OutputDir,
    /// The files of the last good build (in the folder), as the marker's
    /// manifest lists them until the session's first build.
    output: Arc<Output>,
    /// What was last written to the output folder, to update it in place;
    /// `None` before the first write and after a write failed: then the
    /// next one writes a whole build.
    written: Option<write::Written>,
    /// What each page read, to render only pages whose inputs changed.
    render: RenderState,
    /// Held for writing while the folder changes: readers that hold it for
    /// reading (the server) see the files all before or all after.
    gate: Arc<RwLock<()>>,
}

/// The site of the last build that had no diagnostic at all, with what it
/// was made from.
struct Kept {
    loaded: load::Loaded,
    site: Site,
    ids: Ids,
}

/// The body of the file `id` declaring `target`.
fn body_of(loaded: &load::Loaded, target: Target, id: load::FileId) -> Option<String> {
    match target {
        Target::Brief(_) => loaded
            .briefs
            .iter()
            .find(|d| d.file == id)
            .map(|d| d.body.clone()),
        Target::Actor(_) => loaded
            .actors
            .iter()
            .find(|d| d.file == id)
            .map(|d| d.body.clone()),
        Target::Claim(_) => loaded
            .claims
            .iter()
            .find(|d| d.file == id)
            .map(|d| d.body.clone()),
        Target::Measure(_) => loaded
            .measures
            .iter()
            .find(|d| d.file == id)
            .map(|d| d.body.clone()),
        Target::Page(_) => loaded
            .pages
            .iter()
            .find(|d| d.file == id)
            .map(|d| d.body.clone()),
        Target::Incident(_) => loaded
            .incidents
            .iter()
            .find(|d| d.file == id)
            .map(|d| d.body.clone()),
    }
}

impl Session {
    /// Reads the site; checks the output folder (a usage error when unsafe).
    pub fn open(options: BuildOptions) -> Result<Session, Failure> {
        let out = OutputDir::check(&options.root, &options.out_dir()).map_err(Failure::Refused)?;
        let (files, read_diagnostics) =
            load::read(&options.root).map_err(|e| Failure::Usage(e.0))?;
        Ok(Session {
            options,
            files,
            read_diagnostics,
            parse_cache: ParseCache::default(),
            memo: Memo::default(),
            kept: None,
            folder: Folder {
                output: Arc::new(
                    write::previous_files(&out)
                        .map(Output::from)
                        .unwrap_or_default(),
                ),
                out,
                written: None,
                render: RenderState::default(),
                gate: Arc::default(),
            },
        })
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The output folder, as the system resolved it.
    pub fn out(&self) -> &Path {
        self.folder.out.path()
    }

    /// The output folder, checked.
    pub fn output_dir(&self) -> &OutputDir {
        &self.folder.out
    }

    /// Held for writing while the session changes the output folder: hold
    /// it for reading to read files from it that belong together.
    pub fn gate(&self) -> Arc<RwLock<()>> {
        Arc::clone(&self.folder.gate)
    }

    /// The files of the last good output (in the output folder): before
    /// the first build, those of a previous build's manifest.
    pub fn output(&self) -> Arc<Output> {
        Arc::clone(&self.folder.output)
    }

    /// Takes in the changed paths reported by a watcher (re-reading only
    /// them) and rebuilds.
    pub fn update(&mut self, changed: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let mut read_diagnostics = Vec::new();
        load::refresh(
            &self.options.root,
            &mut self.files,
            changed,
            &mut read_diagnostics,
        );
        // Keep earlier read problems of files that were not re-read.
        self.read_diagnostics
            .retain(|d| !changed.iter().any(|p| p.ends_with(&d.file)));
        self.read_diagnostics.extend(read_diagnostics);
        let mut outcome = match changed {
            [one] if self.read_diagnostics.is_empty() => {
                self.body_only(one).unwrap_or_else(|| self.build())
            }
            _ => self.build(),
        };
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Builds from the files in memory; when there is no error, writes what
    /// changed since the last good build.
    pub fn build(&mut self) -> Outcome {
        let started = Instant::now();
        // The kept site is not needed by a full build: freed while it runs
        // (it takes a while for a large site), so that two sites are not
        // held at once.
        let old = self.kept.take();
        std::thread::spawn(move || drop(old));
        let (loaded, mut diagnostics) = load::parse_with(&self.files, &mut self.parse_cache);
        diagnostics.splice(0..0, self.read_diagnostics.iter().cloned());
        let (site, ids, mut more) =
            resolve::resolve_keeping_ids(&loaded, &self.options.resolve_options(), &mut self.memo);
        diagnostics.append(&mut more);
        let denial = self.options.denies_warnings(&loaded.config);
        let outcome =
            self.folder
                .render_and_write(&site, &loaded, None, diagnostics, denial, started);
        if outcome.diagnostics.is_empty() {
            self.kept = Some(Kept { loaded, site, ids });
        } else {
            // Freeing a large site takes a while; nothing waits for it.
            std::thread::spawn(move || drop((loaded, site, ids)));
        }
        outcome
    }

    /// The fast path for an edit to one content file's body alone (see
    /// `resolve::patch`); `None` when the edit needs a full build.
    fn body_only(&mut self, path: &Path) -> Option<Outcome> {
        let started = Instant::now();
        let rel = load::site_path(&self.options.root, path);
        if !rel.starts_with("content/") || !rel.ends_with(".md") {
            return None;
        }
        let kept = self.kept.as_mut()?;
        let id = self.parse_cache.id_of(&rel)?;
        let old_file = Arc::clone(kept.loaded.files.get(id.0)?);
        let (loaded, diagnostics) =
            load::parse_one(&self.files, &mut self.parse_cache, &kept.loaded, &rel)?;
        let new_file = loaded.files.get(id.0)?;
        let same_front_matter = !diagnostics.iter().any(Diagnostic::is_error)
            && old_file.path == rel
            && new_file.path == rel
            && old_file.text.get(old_file.yaml_range.clone())
                == new_file.text.get(new_file.yaml_range.clone());
        if !same_front_matter || !diagnostics.is_empty() {
            return None;
        }
        let stem = rel.rsplit('/').next()?.trim_end_matches(".md");
        let target = kept.ids.get(stem)?.target;
        let old_body = body_of(&kept.loaded, target, id)?;
        let new_body = body_of(&loaded, target, id)?;
        // A placeholder in the body is a warning: a full build reports it.
        if crate::scaffold::find_placeholder(&new_body).is_some() {
            return None;
        }
        if !resolve::patch::patch_body(
            &mut kept.site,
            &kept.ids,
            &mut self.memo,
            target,
            &old_body,
            &new_body,
        ) {
            return None;
        }
        let entity = match target {
            Target::Brief(i) => Entity::Brief(i),
            Target::Actor(i) => Entity::Actor(i),
            Target::Claim(i) => Entity::Claim(i),
            Target::Measure(i) => Entity::Measure(i),
            Target::Page(i) => Entity::Page(i),
            // `patch_body` refuses incidents: never here.
            Target::Incident(_) => return None,
        };
        kept.loaded = loaded;
        let denial = self.options.denies_warnings(&kept.loaded.config);
        let mut outcome = self.folder.render_and_write(
            &kept.site,
            &kept.loaded,
            Some(&[entity]),
            diagnostics,
            denial,
            started,
        );
        outcome.body_only = true;
        if !outcome.diagnostics.is_empty() {
            self.kept = None;
        }
        Some(outcome)
    }
}

impl Folder {
    /// Renders what changed (all of `only`'s pages, or every page whose
    /// inputs changed) and, when the build has no error (and no warning,
    /// when warnings are denied), writes it: in place while the output
    /// folder is as the session left it; otherwise (the first time, after
    /// a failed write, or when something else changed or removed the
    /// folder) a whole build, never a mix of two, streamed into a staging
    /// folder as pages are made so that no build's pages are all in memory.
    fn render_and_write(
        &mut self,
        site: &Site,
        loaded: &load::Loaded,
        only: Option<&[Entity]>,
        diagnostics: Vec<Diagnostic>,
        denial: Option<Denial>,
        started: Instant,
    ) -> Outcome {
        let in_place = self
            .written
            .as_ref()
            .is_some_and(|written| written.is_current(&self.out));
        let mut outcome = if in_place {
            match self.in_place(site, loaded, only, diagnostics.clone(), denial) {
                Some(outcome) => outcome,
                // Something else wrote to the folder meanwhile.
                None => self.whole(site, loaded, diagnostics, denial),
            }
        } else {
            self.whole(site, loaded, diagnostics, denial)
        };
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Renders what changed into memory, then updates the folder in place;
    /// `None` when the folder is no longer as the session left it.
    fn in_place(
        &mut self,
        site: &Site,
        loaded: &load::Loaded,
        only: Option<&[Entity]>,
        diagnostics: Vec<Diagnostic>,
        denial: Option<Denial>,
    ) -> Option<Outcome> {
        // Nothing is written when the build already fails: pages are
        // rendered for their errors only.
        let keep = !crate::fails(&diagnostics, denial);
        let fresh = std::sync::Mutex::new(Vec::new());
        let Ok((made, more)) = render::render_incremental(
            site,
            &loaded.templates,
            &loaded.statics,
            &mut self.render,
            only,
            &|file| {
                if keep {
                    fresh.lock().unwrap_or_else(|e| e.into_inner()).push(file);
                }
                Ok::<(), std::convert::Infallible>(())
            },
        );
        let mut outcome = outcome(diagnostics, more, denial);
        if outcome.failed() {
            return Some(outcome);
        }
        let mut fresh = fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        fresh.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let old = Arc::clone(&self.output);
        let mut changes: Vec<Change> = Vec::new();
        match &made.digests {
            Digests::All(digests) => {
                changes.extend(
                    fresh
                        .iter()
                        .filter(|file| old.get(&file.path) != digests.get(&file.path))
                        .map(|file| Change::Write {
                            path: &file.path,
                            bytes: &file.bytes,
                        }),
                );
                // Both maps are sorted by path: walk them together.
                let mut new_paths = digests.keys().peekable();
                for path in old.keys() {
                    while new_paths.next_if(|p| *p < path).is_some() {}
                    if new_paths.next_if(|p| *p == path).is_none() {
                        changes.push(Change::Remove { path });
                    }
                }
            }
            // Only what changed was handed over.
            Digests::Changed { removed, .. } => {
                changes.extend(fresh.iter().map(|file| Change::Write {
                    path: &file.path,
                    bytes: &file.bytes,
                }));
                changes.extend(removed.iter().map(|path| Change::Remove { path }));
            }
        }
        let written = self.written.as_mut()?;
        let updated = {
            let _writing = self.gate.write().unwrap_or_else(|e| e.into_inner());
            write::update(&self.out, written, &changes)
        };
        match updated {
            Ok(Updated::Done) => {}
            Ok(Updated::NotAsWritten) => {
                self.written = None;
                self.render.unwritten();
                return None;
            }
            Err(error) => {
                self.written = None;
                self.render.unwritten();
                outcome.diagnostics.push(self.io_error(&error));
                return Some(outcome);
            }
        }
        self.render.written();
        for change in &changes {
            match change {
                Change::Write { path, .. } => outcome.written.push(path.to_string()),
                Change::Remove { path } => outcome.removed.push(path.to_string()),
            }
        }
        drop(changes);
        drop(old);
        self.output = Arc::new(match made.digests {
            Digests::All(digests) => Output::from(digests),
            Digests::Changed { changed, removed } => {
                // Shares all but the changed paths with the last one.
                let mut output = Output::clone(&self.output);
                for path in removed {
                    output.remove(&path);
                }
                output.extend(changed);
                output
            }
        });
        outcome.files = self.output.len();
        Some(outcome)
    }

    /// Renders every page, streaming the output into a staging folder
    /// swapped in at the end when the build has no error.
    fn whole(
        &mut self,
        site: &Site,
        loaded: &load::Loaded,
        diagnostics: Vec<Diagnostic>,
        denial: Option<Denial>,
    ) -> Outcome {
        self.written = None;
        self.render.unwritten();
        let keep = !crate::fails(&diagnostics, denial);
        let staging = match keep {
            true => match self.begin() {
                Ok(staging) => Some(staging),
                Err(diagnostic) => {
                    let mut outcome = outcome(diagnostics, Vec::new(), denial);
                    outcome.diagnostics.push(*diagnostic);
                    return outcome;
                }
            },
            false => None,
        };
        let rendered = render::render_incremental(
            site,
            &loaded.templates,
            &loaded.statics,
            &mut self.render,
            None,
            &|file| match &staging {
                Some(staging) => staging.file(&file),
                None => Ok(()),
            },
        );
        let (made, more) = match rendered {
            Ok(rendered) => rendered,
            Err(error) => {
                let mut outcome = outcome(diagnostics, Vec::new(), denial);
                outcome.diagnostics.push(self.io_error(&error));
                return outcome;
            }
        };
        let mut outcome = outcome(diagnostics, more, denial);
        // A failed build drops the staging folder: the output stays as it was.
        let Some(staging) = staging.filter(|_| !outcome.failed()) else {
            return outcome;
        };
        let finished = {
            let _writing = self.gate.write().unwrap_or_else(|e| e.into_inner());
            staging.finish_written()
        };
        match finished {
            Ok((_, written)) => {
                self.written = Some(written);
                self.render.written();
                let Digests::All(digests) = made.digests else {
                    unreachable!("a render of every page lists every file")
                };
                self.published(Output::from(digests), &mut outcome);
            }
            Err(error) => outcome.diagnostics.push(self.io_error(&error)),
        }
        outcome
    }

    /// Starts writing a whole build, once the folder is checked again.
    fn begin(&self) -> Result<write::Staging, Box<Diagnostic>> {
        self.out.recheck().map_err(|refusal| {
            Box::new(
                Diagnostic::error(self.out.path().display().to_string(), refusal.message)
                    .hint(refusal.hint),
            )
        })?;
        write::Staging::begin(&self.out).map_err(|error| Box::new(self.io_error(&error)))
    }

    /// The folder now holds a whole build, `digests`: what changed goes in
    /// the outcome.
    fn published(&mut self, digests: Output, outcome: &mut Outcome) {
        let old = &self.output;
        outcome.files = digests.len();
        outcome.written = digests
            .iter()
            .filter(|(path, digest)| old.get(*path) != Some(digest))
            .map(|(path, _)| path.clone())
            .collect();
        outcome.removed = old
            .keys()
            .filter(|path| !digests.contains_key(*path))
            .cloned()
            .collect();
        self.output = Arc::new(digests);
    }

    /// An error writing the output, as a diagnostic.
    fn io_error(&self, error: &std::io::Error) -> Diagnostic {
        Diagnostic::error(self.out.path().display().to_string(), error.to_string())
            .maybe_hint(write::hint_for(error).map(String::from))
    }
}

/// The outcome of a build with `diagnostics` before rendering and `more`
/// from it, before anything is written.
fn outcome(
    mut diagnostics: Vec<Diagnostic>,
    more: Vec<Diagnostic>,
    denial: Option<Denial>,
) -> Outcome {
    diagnostics.extend(more);
    crate::diagnostics::sort(&mut diagnostics);
    Outcome {
        diagnostics,
        denial,
        ..Outcome::default()
    }
}
