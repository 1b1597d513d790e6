//! A rebuild session: the site kept in memory between rebuilds, so a
//! change re-reads only the files it touched and writes only the output
//! files whose bytes changed. Used by `serve` and `build --watch`.

use crate::diagnostics::Diagnostic;
use crate::load::{self, ParseCache, SiteFiles};
use crate::model::{Site, Target};
use crate::render::deps::Entity;
use crate::render::OutputFile;
use crate::render::{self, RenderState};
use crate::resolve::memo::Memo;
use crate::resolve::{self, declare::Ids};
use crate::write::{self, Change, OutputDir, Updated};
use crate::{BuildOptions, Denial, Failure};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The output of the last successful build, by path.
pub type Output = BTreeMap<String, Arc<Vec<u8>>>;

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
    out: OutputDir,
    files: SiteFiles,
    /// Problems reading files, kept until the next full read.
    read_diagnostics: Vec<Diagnostic>,
    output: Arc<Output>,
    /// What was last written to the output folder, to update it in place;
    /// `None` before the first write and after a write failed: then the
    /// next one writes a whole build.
    written: Option<write::Written>,
    /// Parsed files, to parse only files whose bytes changed.
    parse_cache: ParseCache,
    /// Markdown renderings, to render only fields whose source or links changed.
    memo: Memo,
    /// What each page read, to render only pages whose inputs changed.
    render: RenderState,
    /// The last build without errors, for edits that touch one body only.
    kept: Option<Kept>,
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
            out,
            files,
            read_diagnostics,
            output: Arc::new(Output::new()),
            written: None,
            parse_cache: ParseCache::default(),
            memo: Memo::default(),
            render: RenderState::default(),
            kept: None,
        })
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The output folder, as the system resolved it.
    pub fn out(&self) -> &Path {
        self.out.path()
    }

    /// The output folder, checked.
    pub fn output_dir(&self) -> &OutputDir {
        &self.out
    }

    /// The last good output.
    pub fn output(&self) -> Arc<Output> {
        Arc::clone(&self.output)
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
        let (loaded, mut diagnostics) = load::parse_with(&self.files, &mut self.parse_cache);
        diagnostics.splice(0..0, self.read_diagnostics.iter().cloned());
        let (site, ids, mut more) =
            resolve::resolve_keeping_ids(&loaded, &self.options.resolve_options(), &mut self.memo);
        diagnostics.append(&mut more);
        let (files, mut more) = render::render_incremental(
            &site,
            &loaded.templates,
            &loaded.statics,
            &mut self.render,
            None,
        );
        diagnostics.append(&mut more);
        crate::diagnostics::sort(&mut diagnostics);
        let denial = self.options.denies_warnings(&loaded.config);
        let outcome = self.finish(files, diagnostics, denial, started);
        let kept = outcome
            .diagnostics
            .is_empty()
            .then_some(Kept { loaded, site, ids });
        // Freeing a large site takes a while; nothing waits for it.
        let old = std::mem::replace(&mut self.kept, kept);
        std::thread::spawn(move || drop(old));
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
        let (loaded, diagnostics) = load::parse_with(&self.files, &mut self.parse_cache);
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
        let (files, render_diagnostics) = render::render_incremental(
            &kept.site,
            &kept.loaded.templates,
            &kept.loaded.statics,
            &mut self.render,
            Some(&[entity]),
        );
        let mut all = diagnostics;
        all.extend(render_diagnostics);
        crate::diagnostics::sort(&mut all);
        let denial = self.options.denies_warnings(&kept.loaded.config);
        let mut outcome = self.finish(files, all, denial, started);
        outcome.body_only = true;
        if !outcome.diagnostics.is_empty() {
            self.kept = None;
        }
        Some(outcome)
    }

    /// Writes a build's output when it has no error (and no warning,
    /// when warnings are denied).
    fn finish(
        &mut self,
        files: Vec<OutputFile>,
        diagnostics: Vec<Diagnostic>,
        denial: Option<Denial>,
        started: Instant,
    ) -> Outcome {
        let mut outcome = Outcome {
            diagnostics,
            denial,
            ..Outcome::default()
        };
        if !outcome.failed() {
            outcome.files = files.len();
            if let Err(diagnostic) = self.write(files, &mut outcome) {
                outcome.diagnostics.push(*diagnostic);
            }
        }
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Writes what changed since the last write, in place, while the
    /// output folder is as the session left it; otherwise (the first
    /// time, after a failed write, or when something else changed or
    /// removed the folder) a whole build, never a mix of two.
    fn write(
        &mut self,
        files: Vec<OutputFile>,
        outcome: &mut Outcome,
    ) -> Result<(), Box<Diagnostic>> {
        let new: Output = files.into_iter().map(|f| (f.path, f.bytes)).collect();
        let old = Arc::clone(&self.output);
        // Both sides are sorted by path: walk them together.
        let mut changes = Vec::new();
        let mut old_files = old.iter().peekable();
        for (path, bytes) in &new {
            while let Some((gone, _)) = old_files.next_if(|(p, _)| p.as_str() < path.as_str()) {
                changes.push(Change::Remove { path: gone });
            }
            let same = old_files
                .next_if(|(p, _)| *p == path)
                .is_some_and(|(_, b)| Arc::ptr_eq(b, bytes) || b == bytes);
            if !same {
                changes.push(Change::Write { path, bytes });
            }
        }
        for (gone, _) in old_files {
            changes.push(Change::Remove { path: gone });
        }
        let in_place = match self.written.as_mut() {
            Some(written) => match write::update(&self.out, written, &changes) {
                Ok(updated) => updated == Updated::Done,
                Err(error) => {
                    self.written = None;
                    return Err(Box::new(self.io_error(&error)));
                }
            },
            None => false,
        };
        if !in_place {
            self.out.recheck().map_err(|refusal| {
                Box::new(
                    Diagnostic::error(self.out.path().display().to_string(), refusal.message)
                        .hint(refusal.hint),
                )
            })?;
            let all: Vec<OutputFile> = new
                .iter()
                .map(|(path, bytes)| OutputFile {
                    path: path.clone(),
                    bytes: Arc::clone(bytes),
                })
                .collect();
            let (_, written) =
                write::write(&self.out, &all).map_err(|e| Box::new(self.io_error(&e)))?;
            self.written = Some(written);
        }
        for change in &changes {
            match change {
                Change::Write { path, .. } => outcome.written.push(path.to_string()),
                Change::Remove { path } => outcome.removed.push(path.to_string()),
            }
        }
        drop(changes);
        self.output = Arc::new(new);
        Ok(())
    }

    /// An error writing the output, as a diagnostic.
    fn io_error(&self, error: &std::io::Error) -> Diagnostic {
        Diagnostic::error(self.out.path().display().to_string(), error.to_string())
            .maybe_hint(write::hint_for(error).map(String::from))
    }
}
