//! The fast path of [`super::render_incremental`], after an edit to some
//! entities alone (no page added, removed or moved, no template changed,
//! every page of the last render written): only the pages that read what
//! changed are rendered, found through an index of who reads what, and
//! only the files whose bytes changed are reported. Its work grows with
//! the edit, not with the site: at 90,000 files, walking every page and
//! every path took most of an edit's time in `serve`.

use super::*;

/// For each interned input, the pages (indexes into the plan's specs)
/// that read it when last rendered. A page that no longer reads an input
/// may stay listed: it is then rendered once more than it needs to be.
#[derive(Debug, Default)]
pub(super) struct Readers {
    by_input: Vec<Vec<u32>>,
    /// Pages that failed (no record) or read an input not interned: made
    /// on every render, as the general path makes them.
    always: Vec<u32>,
}

impl Readers {
    pub(super) fn of(records: &[Option<PageRecord>], inputs: usize) -> Readers {
        let mut readers = Readers {
            by_input: vec![Vec::new(); inputs],
            always: Vec::new(),
        };
        for (page, record) in records.iter().enumerate() {
            match record {
                Some(record) => readers.add(page as u32, &record.deps, &[]),
                None => readers.always.push(page as u32),
            }
        }
        readers
    }

    /// Page `page` now reads `deps` (sorted), where it read `before`.
    fn add(&mut self, page: u32, deps: &[u32], before: &[u32]) {
        for &dep in deps {
            if before.binary_search(&dep).is_ok() {
                continue;
            }
            match self.by_input.get_mut(dep as usize) {
                Some(pages) => pages.push(page),
                None => self.always.push(page),
            }
        }
    }

    /// The pages that read an input of `changed`, in plan order.
    fn of_changed(&self, changed: impl Iterator<Item = u32>) -> Vec<usize> {
        let mut pages: Vec<usize> = changed
            .filter_map(|id| self.by_input.get(id as usize))
            .flatten()
            .chain(&self.always)
            .map(|&page| page as usize)
            .collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    }
}

/// What the fast path makes of a page.
enum Page {
    Made(Vec<u8>, PageRecord),
    Failed(Box<Diagnostic>),
}

/// Renders what the edit of `entities` changed, given the last render
/// (`last`) and the template set it used; hands the files whose bytes
/// changed to `sink`, and returns them with the files removed.
pub(super) fn render_edit<E: Send>(
    site: &Site,
    tera: &theme::Templates,
    statics: &[AssetFile],
    state: &mut RenderState,
    entities: &[Entity],
    last: (Plan, Frame, Vec<Option<PageRecord>>),
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(Incremental, Vec<Diagnostic>), E> {
    let (plan, frame, mut records) = last;
    let frame = state.tracker.refresh(site, frame, entities);
    let readers = state
        .readers
        .get_or_insert_with(|| Readers::of(&records, frame.inputs()));
    let dirty = readers.of_changed(frame.changed_ids());
    let made: Vec<(usize, Page)> = dirty
        .into_par_iter()
        .map(|i| {
            let page = match render_recorded(tera, &plan, site, &frame, &plan.specs[i]) {
                Ok((bytes, record)) => Page::Made(bytes, record),
                Err(d) => Page::Failed(d),
            };
            (i, page)
        })
        .collect();
    let mut changed = Vec::new();
    let mut errors = Vec::new();
    let mut handed = 0;
    for (i, page) in made {
        let path = &plan.specs[i].output;
        match page {
            Page::Made(bytes, record) => {
                let before = records[i].take();
                let before_deps = before.as_ref().map_or(&[][..], |r| &r.deps[..]);
                readers.add(i as u32, &record.deps, before_deps);
                if before.map(|r| r.digest) != Some(record.digest) {
                    changed.push((path.clone(), record.digest));
                    handed += 1;
                    if let Err(error) = sink(OutputFile {
                        path: path.clone(),
                        bytes: Arc::new(bytes),
                    }) {
                        // The records no longer say what the output holds.
                        state.readers = None;
                        state.unwritten = Unwritten::All;
                        return Err(error);
                    }
                }
                if let Unwritten::Some(paths) = &mut state.unwritten {
                    paths.insert(path.clone());
                }
                records[i] = Some(record);
            }
            Page::Failed(d) => {
                records[i] = None;
                readers.always.push(i as u32);
                errors.push(d);
            }
        }
    }
    let mut diagnostics = Vec::new();
    report_template_errors(errors.into_iter(), &mut diagnostics);
    let mut generated = search::files_with(site, &mut state.search, Some(entities));
    generated.extend(data::files_with(site, &mut state.data, &frame));
    let others = other_files(
        site,
        statics,
        PagePaths::of(&plan),
        generated,
        &mut diagnostics,
    );
    let (others_changed, removed) = hand_over_changed(state, others, sink)?;
    handed += others_changed.len();
    changed.extend(others_changed);
    state.last = Some((plan, frame, records));
    let digests = Digests::Changed { changed, removed };
    Ok((
        Incremental {
            digests,
            made: handed,
        },
        diagnostics,
    ))
}

/// Files handed over (path, digest), and the paths of files gone.
type Handed = (Vec<(String, Digest)>, Vec<String>);

/// The files besides pages whose bytes changed since the last render,
/// handed to the sink, and the paths of those gone. A file handed back
/// as the same shared bytes as last time is not hashed again.
fn hand_over_changed<E>(
    state: &mut RenderState,
    others: BTreeMap<String, Arc<Vec<u8>>>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<Handed, E> {
    state.round += 1;
    let round = state.round;
    let mut changed = Vec::new();
    let mut made = 0;
    for (path, bytes) in others {
        made += 1;
        let digest = match state.others.get_mut(&path) {
            Some(other) => {
                other.round = round;
                if Arc::ptr_eq(&other.bytes, &bytes) {
                    continue;
                }
                let digest = Digest::of(&bytes);
                other.bytes = Arc::clone(&bytes);
                if digest == other.digest {
                    continue;
                }
                other.digest = digest;
                digest
            }
            None => {
                let digest = Digest::of(&bytes);
                let other = Other {
                    bytes: Arc::clone(&bytes),
                    digest,
                    round,
                };
                state.others.insert(path.clone(), other);
                digest
            }
        };
        changed.push((path.clone(), digest));
        if let Unwritten::Some(paths) = &mut state.unwritten {
            paths.insert(path.clone());
        }
        if let Err(error) = sink(OutputFile { path, bytes }) {
            state.unwritten = Unwritten::All;
            return Err(error);
        }
    }
    let mut removed = Vec::new();
    if made < state.others.len() {
        state.others.retain(|path, other| {
            let kept = other.round == round;
            if !kept {
                removed.push(path.clone());
            }
            kept
        });
        removed.sort_unstable();
    }
    Ok((changed, removed))
}
