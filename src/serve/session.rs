//! A rebuild session: the site kept in memory between rebuilds, so a
//! change re-reads only the files it touched and writes only the output
//! files whose bytes changed. Used by `serve` and `build --watch`.

use crate::diagnostics::Diagnostic;
use crate::load::{self, ParseCache, SiteFiles};
use crate::render::deps::Tracker;
use crate::render::OutputFile;
use crate::resolve::memo::Memo;
use crate::write::{self, Change};
use crate::{BuildOptions, Failure};
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
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub struct Session {
    options: BuildOptions,
    out: PathBuf,
    files: SiteFiles,
    /// Problems reading files, kept until the next full read.
    read_diagnostics: Vec<Diagnostic>,
    output: Arc<Output>,
    written_once: bool,
    /// Parsed files, to parse only files whose bytes changed.
    parse_cache: ParseCache,
    /// Markdown renderings, to render only fields whose source or links changed.
    memo: Memo,
    /// What each page read, to render only pages whose inputs changed.
    tracker: Tracker,
}

impl Session {
    /// Reads the site; checks the output folder (a usage error when unsafe).
    pub fn open(options: BuildOptions) -> Result<Session, Failure> {
        let out = options.out_dir();
        write::check_output(&options.root, &out).map_err(Failure::Usage)?;
        let (files, read_diagnostics) =
            load::read(&options.root).map_err(|e| Failure::Usage(e.0))?;
        Ok(Session {
            options,
            out,
            files,
            read_diagnostics,
            output: Arc::new(Output::new()),
            written_once: false,
            parse_cache: ParseCache::default(),
            memo: Memo::default(),
            tracker: Tracker::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    pub fn out(&self) -> &Path {
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
        let mut outcome = self.build();
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Builds from the files in memory; when there is no error, writes what
    /// changed since the last good build.
    pub fn build(&mut self) -> Outcome {
        let started = Instant::now();
        let (loaded, mut diagnostics) = load::parse_with(&self.files, &mut self.parse_cache);
        diagnostics.splice(0..0, self.read_diagnostics.iter().cloned());
        let (files, mut more) = crate::resolve_and_render(
            &loaded,
            &self.options,
            Some((&mut self.memo, &mut self.tracker)),
        );
        diagnostics.append(&mut more);
        crate::diagnostics::sort(&mut diagnostics);
        let mut outcome = Outcome {
            diagnostics,
            ..Outcome::default()
        };
        if outcome.failed() {
            outcome.elapsed = started.elapsed();
            return outcome;
        }
        outcome.files = files.len();
        if let Err(error) = self.write(files, &mut outcome) {
            outcome.diagnostics.push(Diagnostic::error(
                self.out.display().to_string(),
                format!("cannot write the output: {error}"),
            ));
        }
        outcome.elapsed = started.elapsed();
        outcome
    }

    fn write(&mut self, files: Vec<OutputFile>, outcome: &mut Outcome) -> std::io::Result<()> {
        let new: Output = files
            .iter()
            .map(|f| (f.path.clone(), Arc::clone(&f.bytes)))
            .collect();
        if !self.written_once {
            write::write(&self.out, &files)?;
            outcome.written = new.keys().cloned().collect();
            self.written_once = true;
        } else {
            let old = &self.output;
            let mut changes = Vec::new();
            for (path, bytes) in &new {
                let same = old
                    .get(path)
                    .is_some_and(|b| Arc::ptr_eq(b, bytes) || b == bytes);
                if !same {
                    changes.push(Change::Write { path, bytes });
                    outcome.written.push(path.clone());
                }
            }
            for path in old.keys() {
                if !new.contains_key(path) {
                    changes.push(Change::Remove { path });
                    outcome.removed.push(path.clone());
                }
            }
            write::update(&self.out, &changes)?;
        }
        self.output = Arc::new(new);
        Ok(())
    }
}
