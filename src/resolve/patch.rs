//! The fast path for the commonest edit while writing: one file's body
//! changed and nothing else. If the new body links to exactly the same
//! pages and anchors, keeps its heading ids and has no problem, nothing
//! but that entity's body can differ from a full resolve, so the entity is
//! patched in place. In every other case the caller resolves in full.

use super::declare::Ids;
use super::memo::{Memo, Mode};
use crate::markdown::{self, Place};
use crate::model::{Site, Target};
use crate::urls;
use std::sync::Arc;

/// Replaces the body of `target` (whose page shows `old_body`) with
/// `new_body`, if that is all that changes; returns whether it did.
pub fn patch_body(
    site: &mut Site,
    ids: &Ids,
    memo: &mut Memo,
    target: Target,
    old_body: &str,
    new_body: &str,
) -> bool {
    let path = match target {
        Target::Brief(i) => urls::brief(&site.brief(i).id),
        Target::Actor(i) => urls::actor(&site.actor(i).id),
        Target::Claim(i) => urls::claim(&site.claim(i).id),
        Target::Measure(i) => urls::measure(&site.measure(i).id),
        Target::Page(i) => urls::page(&site.page(i).id),
        // An incident's page shows more than its body: no fast path.
        Target::Incident(_) => return false,
    };
    let root = urls::root_of(&path);
    let portable = site.portable;
    let mode = Mode::Body {
        depth: root.matches("../").count() as u8,
    };
    let lookup = |id: &str| ids.link_target(id);
    // The old rendering, as the last build made it.
    let Some((_, old)) = memo.get(mode, portable, old_body, &lookup) else {
        return false;
    };
    let (key, new) = memo
        .get(mode, portable, new_body, &lookup)
        .unwrap_or_else(|| {
            let rendered = markdown::render_body(
                new_body,
                &lookup,
                Place {
                    root: &root,
                    portable,
                },
            );
            Memo::entry(
                mode,
                portable,
                new_body,
                rendered,
                Default::default(),
                &lookup,
            )
        });
    let links = |r: &markdown::Rendered| {
        let mut links: Vec<(String, Option<String>)> = r
            .links
            .iter()
            .map(|l| (l.id.clone(), l.anchor.clone()))
            .collect();
        links.sort();
        links.dedup();
        links
    };
    let heading_ids =
        |r: &markdown::Rendered| r.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    let same_shape = new.rendered.problems.is_empty()
        && old.rendered.problems.is_empty()
        && links(&old.rendered) == links(&new.rendered)
        && heading_ids(&old.rendered) == heading_ids(&new.rendered);
    if !same_shape {
        return false;
    }
    let (body, toc) = (Arc::clone(&new.html), new.rendered.headings.clone());
    match target {
        Target::Brief(i) => (site.briefs[i.0].body, site.briefs[i.0].toc) = (body, toc),
        Target::Actor(i) => (site.actors[i.0].body, site.actors[i.0].toc) = (body, toc),
        Target::Claim(i) => (site.claims[i.0].body, site.claims[i.0].toc) = (body, toc),
        Target::Measure(i) => (site.measures[i.0].body, site.measures[i.0].toc) = (body, toc),
        Target::Page(i) => (site.pages[i.0].body, site.pages[i.0].toc) = (body, toc),
        Target::Incident(i) => (site.incidents[i.0].body, site.incidents[i.0].toc) = (body, toc),
    }
    memo.insert((key, new));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, SiteFiles};
    use crate::resolve::{resolve_keeping_ids, Options};

    const BRIEF: &str = "---\ntitle: B\ndate: 2025-01-01\n---\n## Casualties\n\nAs [[kim]] said.\n";
    const ACTOR: &str = "---\nname: Kim\nkind: person\n---\n";

    fn resolved(brief: &str) -> (Site, Ids, Memo) {
        let mut files = SiteFiles {
            config: b"title: T\n".to_vec(),
            ..SiteFiles::default()
        };
        files.files.insert(
            "content/briefs/b.md".into(),
            std::sync::Arc::new(brief.as_bytes().to_vec()),
        );
        files.files.insert(
            "content/actors/kim.md".into(),
            std::sync::Arc::new(ACTOR.as_bytes().to_vec()),
        );
        let (loaded, _) = load::parse(&files);
        let mut memo = Memo::default();
        let (site, ids, diagnostics) = resolve_keeping_ids(&loaded, &Options::default(), &mut memo);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        (site, ids, memo)
    }

    fn body(text: &str) -> &str {
        text.splitn(3, "---\n").nth(2).unwrap()
    }

    #[test]
    fn a_prose_edit_gives_what_a_full_resolve_gives() {
        let edited = BRIEF.replace("said.", "said, again.");
        let (mut site, ids, mut memo) = resolved(BRIEF);
        let target = Target::Brief(crate::model::BriefIx(0));
        assert!(patch_body(
            &mut site,
            &ids,
            &mut memo,
            target,
            body(BRIEF),
            body(&edited)
        ));
        let (full, _, _) = resolved(&edited);
        assert_eq!(site.briefs[0].body, full.briefs[0].body);
        assert_eq!(site.briefs[0].toc, full.briefs[0].toc);
    }

    #[test]
    fn new_links_headings_or_problems_need_a_full_resolve() {
        let target = Target::Brief(crate::model::BriefIx(0));
        for edited in [
            BRIEF.replace("As [[kim]] said.", "Nobody said."),
            BRIEF.replace("## Casualties", "## Losses"),
            BRIEF.replace("said.", "said [[nobody]]."),
        ] {
            let (mut site, ids, mut memo) = resolved(BRIEF);
            let before = site.briefs[0].body.clone();
            assert!(
                !patch_body(
                    &mut site,
                    &ids,
                    &mut memo,
                    target,
                    body(BRIEF),
                    body(&edited)
                ),
                "{edited}"
            );
            assert_eq!(site.briefs[0].body, before);
        }
    }
}
