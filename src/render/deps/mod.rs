//! What each page reads, so a rebuild renders only the pages whose inputs
//! changed. While a page's context is built, every entity it reads is
//! recorded at the level it reads it (`Ref`: the fields shown in a link to
//! it; `Full`: everything). After a rebuild each entity level gets a
//! fingerprint, keyed by ids (never by list positions, which shift); a page
//! whose recorded inputs and templates all kept their fingerprints is
//! reused as it was.

use crate::model::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

mod prints;

use prints::{
    actor_prints, brief_prints, claim_prints, incident_prints, measure_prints, page_prints,
    site_print, tag_prints,
};

/// An entity of this build, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Brief(BriefIx),
    Actor(ActorIx),
    Claim(ClaimIx),
    Measure(MeasureIx),
    Tag(TagIx),
    Page(PageIx),
    Incident(IncidentIx),
}

/// One input of a page, as recorded while its context is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    /// site.yaml's settings and the navigation (every page).
    Site,
    /// The order of the briefs (lists, home).
    BriefOrder,
    /// The order of the claims (claims lists).
    ClaimOrder,
    /// The actors by kind and name (actors list).
    ActorOrder,
    /// The measures by name (measures list).
    MeasureOrder,
    /// The tags in use (tags list).
    TagOrder,
    /// The published incidents by start (incidents list, map, timeline, feed).
    IncidentOrder,
    /// The dated published claims by date made (timeline).
    TimelineOrder,
    /// The claims by verdict, grade, claimant and month, with their
    /// counts (the ways into the claims list).
    ClaimFacets,
    /// Every page of the plan, by path (sitemap).
    Pages,
    /// The date of the newest published brief (a feed without entries).
    Newest,
    /// The counts on the home page.
    Counts,
    /// What a link to the entity shows.
    Ref(Entity),
    /// Everything about the entity.
    Full(Entity),
}

/// The inputs that are not entities, by name: each `Dep` from `Site` to
/// `Counts` has its own, and its print is chosen by name too (in
/// `Tracker::frame`), never by a position two lists must agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Fixed {
    Site,
    BriefOrder,
    ClaimOrder,
    ActorOrder,
    MeasureOrder,
    TagOrder,
    IncidentOrder,
    TimelineOrder,
    ClaimFacets,
    Pages,
    Newest,
    Counts,
}

impl Fixed {
    const ALL: [Fixed; 12] = [
        Fixed::Site,
        Fixed::BriefOrder,
        Fixed::ClaimOrder,
        Fixed::ActorOrder,
        Fixed::MeasureOrder,
        Fixed::TagOrder,
        Fixed::IncidentOrder,
        Fixed::TimelineOrder,
        Fixed::ClaimFacets,
        Fixed::Pages,
        Fixed::Newest,
        Fixed::Counts,
    ];
}

/// A `Dep` by ids, stable from one build to the next.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Fixed(Fixed),
    Ref(u8, String),
    Full(u8, String),
}

/// Fingerprints of what pages read from the plan rather than from one
/// entity: the orders of the lists, the pages there are, the newest date.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanPrints {
    pub briefs: u64,
    pub claims: u64,
    pub actors: u64,
    pub measures: u64,
    pub tags: u64,
    pub incidents: u64,
    pub timeline: u64,
    pub facets: u64,
    pub pages: u64,
    pub newest: u64,
}

/// What the tracker remembers of a rendered page.
#[derive(Debug, Clone)]
pub struct PageRecord {
    pub template: &'static str,
    /// Interned inputs.
    pub deps: Vec<u32>,
    /// What the page made, to tell whether the output holds it.
    pub digest: super::Digest,
}

/// Kept between rebuilds: interned inputs with their fingerprints, and the
/// templates pages were rendered with.
#[derive(Debug, Default)]
pub struct Tracker {
    interner: FxHashMap<Key, u32>,
    fingerprints: Vec<u64>,
    /// Fingerprint of every template source, by name.
    pub templates: HashMap<String, TemplatePrint>,
}

/// This build's view of the tracker: interned ids of every entity level,
/// and which inputs changed since the last build.
pub struct Frame {
    briefs: Vec<[u32; 2]>,
    actors: Vec<[u32; 2]>,
    claims: Vec<[u32; 2]>,
    measures: Vec<[u32; 2]>,
    tags: Vec<[u32; 2]>,
    pages: Vec<[u32; 2]>,
    incidents: Vec<[u32; 2]>,
    /// Interned ids of the `Fixed` inputs, indexed by `Fixed as usize`.
    fixed: [u32; Fixed::ALL.len()],
    changed: Vec<bool>,
}

impl Frame {
    pub fn id(&self, dep: Dep) -> u32 {
        let level = |pair: &[u32; 2], full: bool| pair[usize::from(full)];
        let entity = |e: Entity, full: bool| match e {
            Entity::Brief(i) => level(&self.briefs[i.0], full),
            Entity::Actor(i) => level(&self.actors[i.0], full),
            Entity::Claim(i) => level(&self.claims[i.0], full),
            Entity::Measure(i) => level(&self.measures[i.0], full),
            Entity::Tag(i) => level(&self.tags[i.0], full),
            Entity::Page(i) => level(&self.pages[i.0], full),
            Entity::Incident(i) => level(&self.incidents[i.0], full),
        };
        let fixed = |f: Fixed| self.fixed[f as usize];
        match dep {
            Dep::Site => fixed(Fixed::Site),
            Dep::BriefOrder => fixed(Fixed::BriefOrder),
            Dep::ClaimOrder => fixed(Fixed::ClaimOrder),
            Dep::ActorOrder => fixed(Fixed::ActorOrder),
            Dep::MeasureOrder => fixed(Fixed::MeasureOrder),
            Dep::TagOrder => fixed(Fixed::TagOrder),
            Dep::IncidentOrder => fixed(Fixed::IncidentOrder),
            Dep::TimelineOrder => fixed(Fixed::TimelineOrder),
            Dep::ClaimFacets => fixed(Fixed::ClaimFacets),
            Dep::Pages => fixed(Fixed::Pages),
            Dep::Newest => fixed(Fixed::Newest),
            Dep::Counts => fixed(Fixed::Counts),
            Dep::Ref(e) => entity(e, false),
            Dep::Full(e) => entity(e, true),
        }
    }

    /// Whether any of `deps` changed since the last build.
    /// The interned inputs whose fingerprints changed.
    pub fn changed_ids(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.changed.len() as u32).filter(|&id| self.changed[id as usize])
    }

    /// How many inputs are interned: an id at or past it always counts as
    /// changed.
    pub fn inputs(&self) -> usize {
        self.changed.len()
    }

    pub fn any_changed(&self, deps: &[u32]) -> bool {
        deps.iter()
            .any(|&d| self.changed.get(d as usize).copied().unwrap_or(true))
    }
}

fn hash_of(f: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut hasher = FxHasher::default();
    f(&mut hasher);
    hasher.finish()
}

impl Tracker {
    fn intern(&mut self, key: Key) -> u32 {
        let next = self.interner.len() as u32;
        *self.interner.entry(key).or_insert(next)
    }

    /// Fingerprints every input of `site` and notes which changed since
    /// the last build. `plan` holds the fingerprints of what pages read
    /// from the plan.
    pub fn frame(&mut self, site: &Site, plan: PlanPrints) -> Frame {
        use rayon::prelude::*;
        let brief_ids: Vec<String> = site.briefs.iter().map(|b| b.id.clone()).collect();
        let brief_prints: Vec<[u64; 2]> = (0..site.briefs.len())
            .into_par_iter()
            .map(|i| brief_prints(site, BriefIx(i)))
            .collect();
        let actor_prints: Vec<[u64; 2]> = (0..site.actors.len())
            .into_par_iter()
            .map(|i| actor_prints(site, ActorIx(i)))
            .collect();
        let claim_prints: Vec<[u64; 2]> = (0..site.claims.len())
            .into_par_iter()
            .map(|i| claim_prints(site, ClaimIx(i)))
            .collect();
        let measure_prints: Vec<[u64; 2]> = (0..site.measures.len())
            .map(|i| measure_prints(site, MeasureIx(i)))
            .collect();
        let tag_prints: Vec<[u64; 2]> = (0..site.tags.len())
            .map(|i| tag_prints(site, TagIx(i)))
            .collect();
        let page_prints: Vec<[u64; 2]> = (0..site.pages.len())
            .map(|i| page_prints(site, PageIx(i)))
            .collect();
        let incident_prints: Vec<[u64; 2]> = (0..site.incidents.len())
            .map(|i| incident_prints(site, IncidentIx(i)))
            .collect();

        let mut fresh: Vec<(u32, u64)> = Vec::new();
        let mut intern_kind = |tracker: &mut Tracker,
                               kind: u8,
                               ids: Vec<String>,
                               prints: Vec<[u64; 2]>|
         -> Vec<[u32; 2]> {
            ids.into_iter()
                .zip(prints)
                .map(|(id, [r, f])| {
                    let rid = tracker.intern(Key::Ref(kind, id.clone()));
                    let fid = tracker.intern(Key::Full(kind, id));
                    fresh.push((rid, r));
                    fresh.push((fid, f));
                    [rid, fid]
                })
                .collect()
        };
        let briefs = intern_kind(self, 0, brief_ids, brief_prints);
        let actors = intern_kind(
            self,
            1,
            site.actors.iter().map(|a| a.id.clone()).collect(),
            actor_prints,
        );
        let claims = intern_kind(
            self,
            2,
            site.claims.iter().map(|c| c.id.clone()).collect(),
            claim_prints,
        );
        let measures = intern_kind(
            self,
            3,
            site.measures.iter().map(|m| m.id.clone()).collect(),
            measure_prints,
        );
        let tags = intern_kind(
            self,
            4,
            site.tags.iter().map(|t| t.slug.clone()).collect(),
            tag_prints,
        );
        let pages = intern_kind(
            self,
            5,
            site.pages.iter().map(|p| p.id.clone()).collect(),
            page_prints,
        );
        let incidents = intern_kind(
            self,
            6,
            site.incidents.iter().map(|i| i.id.clone()).collect(),
            incident_prints,
        );
        let site_print = site_print(site);
        let counts = hash_of(|h| {
            site.briefs.len().hash(h);
            site.actors.len().hash(h);
            site.claims.len().hash(h);
            site.measures.len().hash(h);
            site.tags.len().hash(h);
        });
        let fixed_print = |f: Fixed| match f {
            Fixed::Site => site_print,
            Fixed::BriefOrder => plan.briefs,
            Fixed::ClaimOrder => plan.claims,
            Fixed::ActorOrder => plan.actors,
            Fixed::MeasureOrder => plan.measures,
            Fixed::TagOrder => plan.tags,
            Fixed::IncidentOrder => plan.incidents,
            Fixed::TimelineOrder => plan.timeline,
            Fixed::ClaimFacets => plan.facets,
            Fixed::Pages => plan.pages,
            Fixed::Newest => plan.newest,
            Fixed::Counts => counts,
        };
        let mut fixed = [0u32; Fixed::ALL.len()];
        for f in Fixed::ALL {
            fixed[f as usize] = self.intern(Key::Fixed(f));
            fresh.push((fixed[f as usize], fixed_print(f)));
        }

        let mut prints = vec![None; self.interner.len()];
        for (id, print) in fresh {
            prints[id as usize] = Some(print);
        }
        let changed: Vec<bool> = prints
            .iter()
            .enumerate()
            .map(|(id, now)| match (now, self.fingerprints.get(id)) {
                (Some(now), Some(before)) => now != before,
                _ => true,
            })
            .collect();
        // Inputs that no longer exist keep a print that can never match.
        self.fingerprints = prints.into_iter().map(|p| p.unwrap_or(u64::MAX)).collect();
        Frame {
            briefs,
            actors,
            claims,
            measures,
            tags,
            pages,
            incidents,
            fixed,
            changed,
        }
    }
}

impl Tracker {
    /// The frame of a build in which only `entities` changed since the
    /// last one, and nothing was added, removed or reordered: only their
    /// fingerprints are computed again.
    pub fn refresh(&mut self, site: &Site, mut frame: Frame, entities: &[Entity]) -> Frame {
        frame.changed.iter_mut().for_each(|c| *c = false);
        for &entity in entities {
            let prints = match entity {
                Entity::Brief(i) => brief_prints(site, i),
                Entity::Actor(i) => actor_prints(site, i),
                Entity::Claim(i) => claim_prints(site, i),
                Entity::Measure(i) => measure_prints(site, i),
                Entity::Tag(i) => tag_prints(site, i),
                Entity::Page(i) => page_prints(site, i),
                Entity::Incident(i) => incident_prints(site, i),
            };
            for (dep, print) in [Dep::Ref(entity), Dep::Full(entity)]
                .into_iter()
                .zip(prints)
            {
                let id = frame.id(dep) as usize;
                if let (Some(slot), Some(changed)) =
                    (self.fingerprints.get_mut(id), frame.changed.get_mut(id))
                {
                    *changed = *slot != print;
                    *slot = print;
                }
            }
        }
        frame
    }
}

/// A fingerprint of a list of ids in order.
pub fn order_print<'a>(ids: impl Iterator<Item = &'a str>) -> u64 {
    hash_of(|h| {
        for id in ids {
            id.hash(h);
        }
    })
}

/// A fingerprint of one value.
pub fn value_print(value: &impl Hash) -> u64 {
    hash_of(|h| value.hash(h))
}

/// The names of the templates `source` extends or includes.
pub fn template_uses(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for keyword in ["extends", "include"] {
        let mut rest = source;
        while let Some(at) = rest.find(keyword) {
            rest = &rest[at + keyword.len()..];
            let trimmed = rest.trim_start();
            let Some(quote) = trimmed.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = trimmed[1..].find(quote) {
                names.push(trimmed[1..1 + end].to_string());
            }
        }
    }
    names
}

/// Every template `name` uses, itself included, through extends and includes.
pub fn template_closure(name: &str, sources: &HashMap<String, &str>) -> Vec<String> {
    let mut seen = vec![name.to_string()];
    let mut next = 0;
    while next < seen.len() {
        if let Some(source) = sources.get(&seen[next]) {
            for used in template_uses(source) {
                if !seen.contains(&used) {
                    seen.push(used);
                }
            }
        }
        next += 1;
    }
    seen
}

/// What the tracker keeps of a template: a fingerprint of its source, and
/// whether it may define a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplatePrint {
    pub print: u64,
    /// Tera's components are global: any template may call one defined
    /// in another without `extends` or `include`, so `template_closure`
    /// cannot follow them. A template that may define one (its source
    /// has the word anywhere, which `{% component` needs) counts as used
    /// by every page.
    pub components: bool,
}

/// A fingerprint of a template source.
pub fn template_print(source: &str) -> TemplatePrint {
    TemplatePrint {
        print: hash_of(|h| source.hash(h)),
        components: source.contains("component"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_plan_input_has_its_own_print() {
        for (slot, f) in Fixed::ALL.iter().enumerate() {
            assert_eq!(*f as usize, slot);
        }
        let site = Site::default();
        let plan = |k: u64| PlanPrints {
            briefs: k,
            claims: k + 1,
            actors: k + 2,
            measures: k + 3,
            tags: k + 4,
            incidents: k + 9,
            timeline: k + 5,
            facets: k + 8,
            pages: k + 6,
            newest: k + 7,
        };
        let mut tracker = Tracker::default();
        let frame = tracker.frame(&site, plan(100));
        let deps = [
            Dep::Site,
            Dep::BriefOrder,
            Dep::ClaimOrder,
            Dep::ActorOrder,
            Dep::MeasureOrder,
            Dep::TagOrder,
            Dep::IncidentOrder,
            Dep::TimelineOrder,
            Dep::ClaimFacets,
            Dep::Pages,
            Dep::Newest,
            Dep::Counts,
        ];
        let mut ids: Vec<u32> = deps.iter().map(|d| frame.id(*d)).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), deps.len(), "two inputs share a print");
        // Each plan print moves its own input, and only it.
        type Change = fn(&mut PlanPrints);
        let prints: [(Dep, Change); 10] = [
            (Dep::BriefOrder, |p: &mut PlanPrints| p.briefs = 0),
            (Dep::ClaimOrder, |p: &mut PlanPrints| p.claims = 0),
            (Dep::ActorOrder, |p: &mut PlanPrints| p.actors = 0),
            (Dep::MeasureOrder, |p: &mut PlanPrints| p.measures = 0),
            (Dep::TagOrder, |p: &mut PlanPrints| p.tags = 0),
            (Dep::IncidentOrder, |p: &mut PlanPrints| p.incidents = 0),
            (Dep::TimelineOrder, |p: &mut PlanPrints| p.timeline = 0),
            (Dep::ClaimFacets, |p: &mut PlanPrints| p.facets = 0),
            (Dep::Pages, |p: &mut PlanPrints| p.pages = 0),
            (Dep::Newest, |p: &mut PlanPrints| p.newest = 0),
        ];
        for (dep, change) in prints {
            tracker.frame(&site, plan(100));
            let mut changed = plan(100);
            change(&mut changed);
            let frame = tracker.frame(&site, changed);
            for other in deps {
                assert_eq!(
                    frame.any_changed(&[frame.id(other)]),
                    other == dep,
                    "{other:?} after a change of {dep:?}'s print"
                );
            }
        }
    }

    #[test]
    fn template_uses_finds_extends_and_includes() {
        let source = "{% extends \"base.html\" %}{% include 'partials/card.html' %}{% include \"partials/x.html\" %}";
        assert_eq!(
            template_uses(source),
            ["base.html", "partials/card.html", "partials/x.html"]
        );
    }

    #[test]
    fn closures_follow_includes_transitively() {
        let mut sources = HashMap::new();
        sources.insert(
            "brief.html".to_string(),
            "{% extends \"base.html\" %}{% include \"partials/card.html\" %}",
        );
        sources.insert(
            "partials/card.html".to_string(),
            "{% include \"partials/badge.html\" %}",
        );
        sources.insert("base.html".to_string(), "");
        let closure = template_closure("brief.html", &sources);
        assert_eq!(
            closure,
            [
                "brief.html",
                "base.html",
                "partials/card.html",
                "partials/badge.html"
            ]
        );
    }
}
