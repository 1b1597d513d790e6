//! Markdown renderings remembered between rebuilds (`serve`, `build
//! --watch`): a field whose source is unchanged, and whose `[[links]]`
//! still point to the same pages with the same texts, is not rendered
//! again. A hit is checked against the source text itself, never against
//! its hash alone.

use crate::markdown::{LinkTarget, Rendered};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What was rendered: a body for a page at some depth, or a front-matter
/// field for all three depths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Body { depth: u8 },
    Inline,
    Plain,
}

/// An entry with its key.
pub type Keyed = (u64, Arc<Entry>);

/// One remembered rendering.
#[derive(Debug)]
pub struct Entry {
    mode: Mode,
    portable: bool,
    source: String,
    /// Every `[[id]]` of the source with what it resolved to.
    targets: Vec<(String, Option<LinkTarget>)>,
    /// The rendering (for `Inline`, at depth 0), its HTML apart in `html`.
    pub rendered: Rendered,
    /// The HTML, shared with the entities of the site that show it: a body
    /// is kept once however many builds reuse it.
    pub html: Arc<str>,
    /// For `Inline`, the HTML at depths 1 and 2 when it differs.
    pub deeper: Option<Box<[String; 2]>>,
}

/// The renderings of one build, for the next one.
#[derive(Debug, Default)]
pub struct Memo {
    entries: FxHashMap<u64, Arc<Entry>>,
    /// Keep nothing: a one-off build has no next build to serve.
    forget: bool,
}

fn key(mode: Mode, portable: bool, source: &str) -> u64 {
    // Fx: fast, and good enough for a key whose hit is checked anyway.
    let mut hasher = FxHasher::default();
    (mode, portable, source).hash(&mut hasher);
    hasher.finish()
}

impl Memo {
    /// A memo that stays empty: resolving with it keeps no rendering.
    pub fn forgetful() -> Memo {
        Memo {
            forget: true,
            ..Memo::default()
        }
    }

    /// Whether this memo keeps the renderings it is given.
    pub fn remembers(&self) -> bool {
        !self.forget
    }

    /// A remembered rendering of `source`, if its links still resolve the
    /// same way through `lookup`.
    pub fn get(
        &self,
        mode: Mode,
        portable: bool,
        source: &str,
        lookup: &dyn Fn(&str) -> Option<LinkTarget>,
    ) -> Option<Keyed> {
        let key = key(mode, portable, source);
        let entry = self.entries.get(&key)?;
        let same = entry.mode == mode
            && entry.portable == portable
            && entry.source == source
            && entry
                .targets
                .iter()
                .all(|(id, target)| lookup(id) == *target);
        same.then(|| (key, Arc::clone(entry)))
    }

    /// Remembers a rendering made through `lookup`.
    pub fn entry(
        mode: Mode,
        portable: bool,
        source: &str,
        mut rendered: Rendered,
        deeper: Option<Box<[String; 2]>>,
        lookup: &dyn Fn(&str) -> Option<LinkTarget>,
    ) -> (u64, Arc<Entry>) {
        let mut ids: Vec<&str> = rendered.links.iter().map(|l| l.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let targets = ids
            .into_iter()
            .map(|id| (id.to_string(), lookup(id)))
            .collect();
        let html = Arc::from(std::mem::take(&mut rendered.html));
        let entry = Entry {
            mode,
            portable,
            source: source.to_string(),
            targets,
            rendered,
            html,
            deeper,
        };
        (key(mode, portable, source), Arc::new(entry))
    }

    /// The memo of this build: the entries it used or made.
    pub fn from_entries(entries: impl IntoIterator<Item = Keyed>) -> Memo {
        Memo {
            entries: entries.into_iter().collect(),
            forget: false,
        }
    }

    /// Adds one entry.
    pub fn insert(&mut self, keyed: Keyed) {
        self.entries.insert(keyed.0, keyed.1);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{render_body, Place};

    fn lookup_with(text: &'static str) -> impl Fn(&str) -> Option<LinkTarget> {
        move |id: &str| {
            (id == "kim").then(|| LinkTarget {
                path: "/actors/kim/".into(),
                text: text.into(),
            })
        }
    }

    #[test]
    fn a_hit_needs_the_same_source_and_the_same_link_targets() {
        let source = "Said [[kim]].";
        let lookup = lookup_with("Kim Jong Un");
        let place = Place {
            root: "../../",
            portable: false,
        };
        let rendered = render_body(source, &lookup, place);
        let mode = Mode::Body { depth: 2 };
        let memo = Memo::from_entries([Memo::entry(
            mode,
            false,
            source,
            rendered,
            Default::default(),
            &lookup,
        )]);
        assert!(memo.get(mode, false, source, &lookup).is_some());
        assert!(memo.get(mode, false, "Said [[kim]]!", &lookup).is_none());
        assert!(memo.get(mode, true, source, &lookup).is_none());
        assert!(memo
            .get(Mode::Body { depth: 1 }, false, source, &lookup)
            .is_none());
        assert!(memo.get(mode, false, source, &lookup_with("Kim")).is_none());
    }
}
