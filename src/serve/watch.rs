//! Watching a site: file-system events from notify, debounced (so an
//! editor's atomic save or a `git checkout` of many files arrives as one
//! batch), filtered to the files a build reads.

use notify_debouncer_full::notify::event::{EventKind, MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{Config, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the watcher waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How long notify's debouncer holds a path's events (an editor's save is
/// several: a temporary file written, renamed over) before handing them
/// on, and how often it looks. The burst itself is waited out in
/// [`Watcher::next_batch`], for [`DEBOUNCE`]: were the debouncer to wait
/// that long too, a save would wait twice (at 10,000 briefs, 100 of the
/// 144 ms from a save to its page served).
const PER_PATH: Duration = Duration::from_millis(10);
const TICK: Duration = Duration::from_millis(5);

/// The folders a build reads, watched recursively when they exist.
const FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// Whether an event kind means a file's content or presence may have
/// changed. Reads are not changes: re-reading a changed file emits access
/// events, which would otherwise start the next rebuild.
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    out: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Watches site.yaml and the site's folders under `root`; events under
    /// `out` (the output folder, as the system resolved it) are ignored.
    pub fn new(
        root: &Path,
        out: &crate::write::OutputDir,
    ) -> notify_debouncer_full::notify::Result<Watcher> {
        let (sender, events) = channel();
        // Symbolic links are not followed: a build never reads through one
        // (`load` skips them), so changes behind one are not the site's.
        let debouncer = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            PER_PATH,
            Some(TICK),
            sender,
            RecommendedCache::new(),
            Config::default().with_follow_symlinks(false),
        )?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let out = out.path().to_path_buf();
        let mut watcher = Watcher {
            debouncer,
            events,
            root,
            out,
            watched: BTreeSet::new(),
        };
        // The root itself, not recursively: site.yaml, and folders created later.
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)?;
        watcher.watch_folders()?;
        Ok(watcher)
    }

    fn watch_folders(&mut self) -> notify_debouncer_full::notify::Result<()> {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer.watch(&path, RecursiveMode::Recursive)?;
                self.watched.insert(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
        Ok(())
    }

    /// Blocks until files change; returns the changed paths of one burst
    /// (debounced batches are merged until no change has come for a
    /// debounce period), or `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = BTreeSet::new();
        // When the burst ends, unless another change of the site comes:
        // events that are not (reads, the output folder) do not hold it up.
        let mut ends = Instant::now();
        loop {
            let result = if paths.is_empty() {
                self.events.recv().ok()?
            } else {
                // Batches keep coming while files keep changing: a burst
                // ends when the site has been quiet for a debounce period.
                let left = ends.saturating_duration_since(Instant::now());
                match self.events.recv_timeout(left) {
                    Ok(result) => result,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            };
            let Ok(events) = result else { continue };
            let mut changed = false;
            for event in events {
                if !is_change(&event.event.kind) {
                    continue;
                }
                for path in &event.paths {
                    if self.is_relevant(path) {
                        changed = true;
                        paths.insert(path.clone());
                    }
                }
            }
            if changed {
                ends = Instant::now() + DEBOUNCE;
            }
        }
        // A site folder created since the start is watched from now on.
        let _ = self.watch_folders();
        Some(paths.into_iter().collect())
    }

    /// Whether a build reads `path`: site.yaml or anything under the site's
    /// folders, but never the output.
    fn is_relevant(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut components = rel.components();
        match components
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
        {
            Some(first) if first == "site.yaml" => rel.components().count() == 1,
            Some(first) => FOLDERS.contains(&first.as_str()),
            None => false,
        }
    }
}
