//! Relations: what the site knows only once every entity is resolved —
//! tags, actor sets, backlinks in every direction, part-of cycles,
//! `[[id#anchor]]` targets and redirects.

use super::declare::Ids;
use super::entities::{PendingAnchor, PendingRedirect};
use crate::diagnostics::{closest, Diagnostic};
use crate::load::yaml::YamlPath;
use crate::load::Loaded;
use crate::model::*;
use crate::urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Groups the briefs' tags by slug; each tag shows its most frequent
/// spelling. `names` are each brief's tags as written.
pub fn tags(site: &mut Site, names: &[Vec<String>]) {
    let mut by_slug: BTreeMap<String, (BTreeMap<&str, usize>, Vec<BriefIx>)> = BTreeMap::new();
    let mut slugs: Vec<Vec<String>> = Vec::with_capacity(names.len());
    for (bi, list) in names.iter().enumerate() {
        let mut brief_slugs = Vec::with_capacity(list.len());
        for name in list {
            let slug = slug::slugify(name);
            let entry = by_slug.entry(slug.clone()).or_default();
            *entry.0.entry(name).or_default() += 1;
            // Briefs come in order: a brief repeating a tag is the last one.
            if entry.1.last() != Some(&BriefIx(bi)) {
                entry.1.push(BriefIx(bi));
            }
            brief_slugs.push(slug);
        }
        slugs.push(brief_slugs);
    }
    let index: HashMap<String, TagIx> = by_slug
        .keys()
        .enumerate()
        .map(|(i, s)| (s.clone(), TagIx(i)))
        .collect();
    for (slug, (spellings, briefs)) in by_slug {
        // Most frequent; ties go to the first in sort order.
        let name = spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        site.tags.push(Tag { slug, name, briefs });
    }
    for (bi, brief_slugs) in slugs.into_iter().enumerate() {
        let mut seen: HashSet<TagIx> = HashSet::new();
        site.briefs[bi].tags = brief_slugs
            .iter()
            .map(|slug| index[slug])
            .filter(|ix| seen.insert(*ix))
            .collect();
    }
}

/// Reports membership cycles (`part_of` and `member-of`, the same
/// relation) and cuts them, so chains always end: `memberships` are each
/// actor's bodies, with where its file names each. One cycle of each
/// group that goes round is reported, at the membership of its actor
/// whose id sorts first, and its links are cut; the search runs again
/// until none is left (one more round for most sites). Each round is
/// linear in actors and memberships (`evidence::cycles`). Returns the
/// number of steps taken, nodes and links visited in every round.
pub fn membership_cycles(
    site: &mut Site,
    loaded: &Loaded,
    memberships: &[Vec<(ActorIx, YamlPath)>],
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let mut links: Vec<Vec<usize>> = memberships
        .iter()
        .map(|list| list.iter().map(|(a, _)| a.0).collect())
        .collect();
    let mut steps = 0;
    loop {
        steps += links.len() + links.iter().map(Vec::len).sum::<usize>();
        let actors = &site.actors;
        let found = super::evidence::cycles(&links, |i| actors[i].id.as_str());
        if found.is_empty() {
            break;
        }
        for cycle in found {
            report_cycle(site, loaded, memberships, &cycle, diagnostics);
            for k in 0..cycle.len() {
                let next = cycle[(k + 1) % cycle.len()];
                links[cycle[k]].retain(|&to| to != next);
            }
        }
    }
    for (actor, kept) in site.actors.iter_mut().zip(&links) {
        actor.member_of.retain(|a| kept.contains(&a.0));
        actor.part_of = actor.member_of.first().copied();
        let member_of = &actor.member_of;
        actor
            .relations
            .retain(|r| r.kind != RelationType::MemberOf || member_of.contains(&r.to));
    }
    steps
}

/// The error for one membership cycle (starting at its actor whose id
/// sorts first), at that actor's `part_of` or `member-of`, naming the
/// cycle from there.
fn report_cycle(
    site: &Site,
    loaded: &Loaded,
    memberships: &[Vec<(ActorIx, YamlPath)>],
    cycle: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(&first) = cycle.first() else {
        return;
    };
    let names: Vec<&str> = (0..=cycle.len())
        .map(|k| site.actors[cycle[k % cycle.len()]].id.as_str())
        .collect();
    let next = cycle[1 % cycle.len()];
    let Some((_, path)) = memberships[first].iter().find(|(to, _)| to.0 == next) else {
        return;
    };
    let key = if path.0.len() == 1 {
        "part_of"
    } else {
        "member-of"
    };
    diagnostics.push(
        loaded
            .file(site.actors[first].file)
            .error_at(path, format!("`{key}` cycle: {}", names.join(" → ")))
            .hint("an actor cannot belong, directly or through others, to itself (`part_of` and `member-of` are the same relation); remove one of them"),
    );
}

/// A brief's actors: its `actors`, those of its claims, and its `[[actor]]`
/// links (its own fields and the claims it declares).
pub fn actor_sets(site: &mut Site, brief_links: &[Vec<ActorIx>], claim_links: &[Vec<ActorIx>]) {
    for (bi, links) in brief_links.iter().enumerate() {
        let mut set: Vec<ActorIx> = site.briefs[bi].actors.clone();
        set.extend(links);
        for &c in &site.briefs[bi].claims {
            let claim = &site.claims[c.0];
            set.extend(&claim.by);
            set.extend(&claim.via);
            set.extend(&claim.about);
            if claim.declared_in == Some(BriefIx(bi)) {
                set.extend(&claim_links[c.0]);
            }
        }
        set.sort();
        set.dedup();
        site.briefs[bi].actors = set;
    }
}

/// Co-occurring actors an actor keeps, the closest first.
const CO_ACTORS_KEPT: usize = 50;

/// Briefs naming more actors than this leave co-occurrence alone: each
/// would pair everyone with everyone, at a cost quadratic in its size.
const CO_OCCURRING_BRIEF_ACTORS: usize = 250;

/// Every backlink: claim inverses and citing briefs, actors' claims,
/// briefs, members and co-actors, measures' claims. The site is the
/// published view: everything in it is shown, so everything counts.
pub fn backlinks(site: &mut Site) {
    for ci in 0..site.claims.len() {
        let c = &site.claims[ci];
        let (supports, contradicts, supersedes) = (
            c.supports.clone(),
            c.contradicts.clone(),
            c.supersedes.clone(),
        );
        for t in supports {
            site.claims[t.0].supported_by.push(ClaimIx(ci));
        }
        for t in contradicts {
            site.claims[t.0].contradicted_by.push(ClaimIx(ci));
        }
        for t in supersedes {
            site.claims[t.0].superseded_by.push(ClaimIx(ci));
        }
    }
    // Each incident's claims, by id (the claims' order).
    for (ci, c) in site.claims.iter().enumerate() {
        for i in &c.incidents {
            site.incidents[i.0].claims.push(ClaimIx(ci));
        }
    }
    // Each actor's incidents, in the incidents' order (oldest first).
    for (ii, incident) in site.incidents.iter().enumerate() {
        for a in &incident.actors {
            let incidents = &mut site.actors[a.0].incidents;
            if incidents.last() != Some(&IncidentIx(ii)) {
                incidents.push(IncidentIx(ii));
            }
        }
    }
    for (bi, brief) in site.briefs.iter().enumerate() {
        for c in &brief.claims {
            site.claims[c.0].cited_in.push(BriefIx(bi));
        }
        for a in &brief.actors {
            site.actors[a.0].briefs.push(BriefIx(bi));
        }
    }
    for (ci, c) in site.claims.iter().enumerate() {
        for a in &c.by {
            site.actors[a.0].claims_by.push(ClaimIx(ci));
        }
        for a in &c.about {
            site.actors[a.0].claims_about.push(ClaimIx(ci));
        }
        for a in &c.via {
            site.actors[a.0].claims_relayed.push(ClaimIx(ci));
        }
        if let (Some(m), true) = (c.measure, c.figure.is_some()) {
            site.measures[m.0].claims.push(ClaimIx(ci));
        }
    }
    let said: Vec<Option<PartialDate>> = site.claims.iter().map(|c| c.said).collect();
    let newest_first = |a: &ClaimIx, b: &ClaimIx| said[b.0].cmp(&said[a.0]).then(a.cmp(b));
    for actor in &mut site.actors {
        actor.claims_by.sort_by(newest_first);
        actor.claims_about.sort_by(newest_first);
        actor.claims_relayed.sort_by(newest_first);
    }
    for ai in 0..site.actors.len() {
        for k in 0..site.actors[ai].member_of.len() {
            let parent = site.actors[ai].member_of[k];
            site.actors[parent.0].members.push(ActorIx(ai));
        }
        for k in 0..site.actors[ai].relations.len() {
            let to = site.actors[ai].relations[k].to;
            site.actors[to.0].related.push((ActorIx(ai), k));
        }
    }
    let claims_for: Vec<Vec<(ClaimIx, ActorIx, Proxy)>> = (0..site.actors.len())
        .into_par_iter()
        .map(|ai| claims_for(site, ActorIx(ai)))
        .collect();
    for (actor, mut list) in site.actors.iter_mut().zip(claims_for) {
        list.sort_by(|a, b| newest_first(&a.0, &b.0));
        actor.claims_for = list;
    }
    // Co-occurrence: for each actor, the actors of its briefs, counted in a
    // dense array: at most CO_OCCURRING_BRIEF_ACTORS steps per actor of a
    // brief, so linear in the size of the site.
    let briefs = &site.briefs;
    let actor_count = site.actors.len();
    let co_actors: Vec<(Vec<(ActorIx, usize)>, usize)> = site
        .actors
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0usize; actor_count], Vec::new()),
            |(counts, touched), (ai, actor)| {
                for b in &actor.briefs {
                    let set = &briefs[b.0].actors;
                    if set.len() > CO_OCCURRING_BRIEF_ACTORS {
                        continue;
                    }
                    for other in set {
                        if other.0 != ai {
                            if counts[other.0] == 0 {
                                touched.push(other.0);
                            }
                            counts[other.0] += 1;
                        }
                    }
                }
                let mut list: Vec<(ActorIx, usize)> =
                    touched.iter().map(|&o| (ActorIx(o), counts[o])).collect();
                for &o in touched.iter() {
                    counts[o] = 0;
                }
                touched.clear();
                let total = list.len();
                let closest =
                    |x: &(ActorIx, usize), y: &(ActorIx, usize)| y.1.cmp(&x.1).then(x.0.cmp(&y.0));
                if list.len() > CO_ACTORS_KEPT {
                    list.select_nth_unstable_by(CO_ACTORS_KEPT, closest);
                    list.truncate(CO_ACTORS_KEPT);
                }
                list.sort_by(closest);
                (list, total)
            },
        )
        .collect();
    for (actor, (list, total)) in site.actors.iter_mut().zip(co_actors) {
        actor.co_actors = list;
        actor.co_actors_total = total;
    }
    let claims = &site.claims;
    let actors = &site.actors;
    for measure in &mut site.measures {
        measure.claims.sort_by_cached_key(|c| {
            let claim = &claims[c.0];
            let date = claim.figure_date();
            let claimant = claim
                .by
                .first()
                .map(|a| actors[a.0].name.clone())
                .unwrap_or_default();
            (date.is_none(), date, claimant, claim.id.clone())
        });
    }
}

/// The claims made for an actor by those who speak or act for it: its
/// spokespersons (`spokesperson-for`), then its members (`part_of`,
/// `member-of`), each claim once, and only claims made while the
/// relation held (by its `from` and `until`) and not by the actor itself.
fn claims_for(site: &Site, ai: ActorIx) -> Vec<(ClaimIx, ActorIx, Proxy)> {
    let actor = site.actor(ai);
    let spokespersons = actor.related.iter().filter_map(|&(other, k)| {
        let relation = &site.actor(other).relations[k];
        (relation.kind == RelationType::SpokespersonFor).then_some((
            other,
            Proxy::Spokesperson,
            Some(relation),
        ))
    });
    let members = actor.members.iter().map(|&member| {
        let relation = site
            .actor(member)
            .relations
            .iter()
            .find(|r| r.kind == RelationType::MemberOf && r.to == ai);
        (member, Proxy::Member, relation)
    });
    let mut seen: HashSet<ClaimIx> = HashSet::new();
    let mut out = Vec::new();
    for (proxy, how, relation) in spokespersons.chain(members) {
        for &c in &site.actor(proxy).claims_by {
            let claim = site.claim(c);
            if claim.by.contains(&ai) || relation.is_some_and(|r| !r.held_at(claim.said)) {
                continue;
            }
            if seen.insert(c) {
                out.push((c, proxy, how));
            }
        }
    }
    out
}

/// Checks every `[[id#anchor]]` against the target's headings.
pub fn anchors(
    site: &Site,
    loaded: &Loaded,
    pending: &[PendingAnchor],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for p in pending {
        let toc = match p.target {
            Target::Brief(i) => &site.briefs[i.0].toc,
            Target::Actor(i) => &site.actors[i.0].toc,
            Target::Claim(i) => &site.claims[i.0].toc,
            Target::Measure(i) => &site.measures[i.0].toc,
            Target::Page(i) => &site.pages[i.0].toc,
            Target::Incident(i) => &site.incidents[i.0].toc,
        };
        if toc.iter().any(|h| h.id == p.anchor) {
            continue;
        }
        let file = loaded.file(p.file);
        let hint = match closest(&p.anchor, toc.iter().map(|h| h.id.as_str())) {
            Some(near) => format!("did you mean `#{near}`?"),
            None if toc.is_empty() => "the target's body has no headings".to_string(),
            None => format!(
                "the target's headings are: {}",
                toc.iter()
                    .map(|h| format!("#{}", h.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                format!(
                    "unknown anchor `#{}`: no such heading in the target",
                    p.anchor
                ),
            )
            .at(&file.text, p.pos)
            .hint(hint),
        );
    }
}

/// Keeps redirects whose old id is free.
pub fn redirects(
    site: &mut Site,
    loaded: &Loaded,
    ids: &Ids,
    pending: Vec<PendingRedirect>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut taken: HashSet<String> = HashSet::new();
    for r in pending {
        let file = loaded.file(r.file);
        let page_collision =
            matches!(r.to, Target::Page(_)) && urls::RESERVED.contains(&r.from.as_str());
        if ids.get(&r.from).is_some() || ids.broken.contains(&r.from) || page_collision {
            diagnostics.push(
                file.error_at(
                    &r.path,
                    format!("`redirect_from: {}` names an id still in use", r.from),
                )
                .hint("list only old ids that no longer exist"),
            );
            continue;
        }
        if !taken.insert(format!("{:?}{}", std::mem::discriminant(&r.to), r.from)) {
            diagnostics.push(
                file.error_at(&r.path, format!("old id `{}` is redirected twice", r.from))
                    .hint("keep one `redirect_from` entry for it"),
            );
            continue;
        }
        site.redirects.push(Redirect {
            from: r.from,
            to: r.to,
        });
    }
    site.redirects
        .sort_by(|a, b| (a.to, &a.from).cmp(&(b.to, &b.from)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, SiteFiles};

    /// `n` actors, all declared by the one file of `loaded`.
    fn actors(n: usize, file: crate::load::FileId) -> Site {
        let actor = |i: usize| Actor {
            id: format!("a{i:06}"),
            file,
            name: format!("A {i}"),
            name_lang: None,
            kind: ActorKind::Group,
            aliases: Vec::new(),
            role: None,
            part_of: None,
            member_of: Vec::new(),
            identifiers: Vec::new(),
            relations: Vec::new(),
            sources: Vec::new(),
            reliability: None,
            same_as: Vec::new(),
            links: Vec::new(),
            body: "".into(),
            toc: Vec::new(),
            extra: serde_json::Value::Null,
            members: Vec::new(),
            related: Vec::new(),
            claims_for: Vec::new(),
            claims_by: Vec::new(),
            claims_about: Vec::new(),
            claims_relayed: Vec::new(),
            responses: Vec::new(),
            briefs: Vec::new(),
            incidents: Vec::new(),
            co_actors: Vec::new(),
            co_actors_total: 0,
        };
        Site {
            actors: (0..n).map(actor).collect(),
            ..Site::default()
        }
    }

    #[test]
    fn part_of_chains_and_cycles_are_walked_once() {
        // A chain of 200,000 and a cycle of 100,000: walking each chain
        // from each of its actors (or searching the walk so far at each
        // step) would take minutes; one walk takes milliseconds.
        let mut files = SiteFiles::default();
        files.files.insert(
            "content/actors/a.md".into(),
            std::sync::Arc::new(b"---\nname: A\nkind: group\npart_of: b\n---\n".to_vec()),
        );
        let (loaded, _) = load::parse(&files);
        let file = loaded.actors[0].file;
        let (chain, cycle) = (200_000, 100_000);
        let mut site = actors(chain + cycle, file);
        let mut part_of = Vec::new();
        // The deepest actors come first, so the first walk is the longest.
        for i in 0..chain + cycle {
            let parent = match i {
                i if i + 1 == chain => None,
                i if i + 1 == chain + cycle => Some(chain),
                i => Some(i + 1),
            };
            site.actors[i].part_of = parent.map(ActorIx);
            site.actors[i].member_of = parent.map(ActorIx).into_iter().collect();
            part_of.push(
                parent
                    .map(|p| (ActorIx(p), YamlPath::default().key("part_of")))
                    .into_iter()
                    .collect(),
            );
        }
        let mut diagnostics = Vec::new();
        let steps = membership_cycles(&mut site, &loaded, &part_of, &mut diagnostics);
        // Two rounds: one finds the cycle, the next finds none.
        assert!(steps <= 4 * (chain + cycle), "{steps} steps");
        assert_eq!(diagnostics.len(), 1, "one cycle, reported once");
        assert!(diagnostics[0]
            .message
            .starts_with("`part_of` cycle: a200000 → a200001 → a200002"));
        assert!((chain..chain + cycle).all(|i| site.actors[i].part_of.is_none()));
        assert!((0..chain - 1).all(|i| site.actors[i].part_of == Some(ActorIx(i + 1))));
    }
}
