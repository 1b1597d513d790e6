//! What claims stand on and how they stand: figures checked against their
//! measures, `supersedes` checked for cycles and for what it implies about
//! statuses, judgements resting only on claims that no longer stand; and,
//! on the published view, the claimants of related claims (a claim's
//! stances), each actor's responses, the date of each verdict and each
//! judgement's evidence in numbers.

use super::declare::ClaimDecl;
use crate::diagnostics::Diagnostic;
use crate::load::yaml::YamlPath;
use crate::load::Loaded;
use crate::model::*;
use std::collections::{BTreeMap, HashSet};

/// Where `entry` (an id) sits in the id-or-list field `key` of a claim,
/// as written: `key` itself for one id, `key[i]` in a list.
fn entry_path(
    decl: &ClaimDecl,
    key: &'static str,
    list: Option<&crate::load::raw::OneOrMany>,
    entry: &str,
) -> YamlPath {
    let field = decl.base.key(key);
    match list {
        Some(list) if list.0.len() > 1 => list
            .0
            .iter()
            .position(|t| t.0.trim() == entry)
            .map_or(field.clone(), |i| field.index(i)),
        _ => field,
    }
}

/// Checks each figure's unit against its measure's (an error when they
/// differ) and gives a figure without a unit its measure's. Before
/// publishing: every claim, `decls` in the order of `site.claims`.
pub fn figures(
    site: &mut Site,
    loaded: &Loaded,
    decls: &[ClaimDecl],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let measures = &site.measures;
    for (claim, decl) in site.claims.iter_mut().zip(decls) {
        let (Some(m), Some(figure)) = (claim.measure, claim.figure.as_mut()) else {
            continue;
        };
        let measure = &measures[m.0];
        let Some(unit) = &measure.unit else { continue };
        match &figure.unit {
            None => figure.unit = Some(unit.clone()),
            Some(given) if given == unit => {}
            Some(given) => {
                let other = measures
                    .iter()
                    .find(|o| o.unit.as_deref() == Some(given.as_str()))
                    .map(|o| format!(", or use a measure in {given}, such as `{}`", o.id))
                    .unwrap_or_else(|| ", or use another measure".to_string());
                diagnostics.push(
                    loaded
                        .file(decl.file)
                        .error_at(
                            &decl.base.key("figure").key("unit"),
                            format!(
                                "the figure is in `{given}`, but the measure `{}` counts `{unit}`",
                                measure.id
                            ),
                        )
                        .hint(format!(
                            "convert the figure to {unit} and write `unit: {unit}` (or leave `unit` out){other}"
                        )),
                );
            }
        }
    }
}

/// Reports every `supersedes` cycle (an error, once, at the claim whose id
/// sorts first), a claim superseding another claimant's (a warning), a
/// claim marked `superseded` that nothing supersedes, and a superseded
/// claim with another status (warnings). Linear in claims and links.
pub fn supersedes(
    site: &Site,
    loaded: &Loaded,
    decls: &[ClaimDecl],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let claims = &site.claims;
    // Superseded by any claim; the first claims of its own claimant
    // superseding it.
    let mut superseded = vec![false; claims.len()];
    let mut replaced_by: Vec<Vec<&str>> = vec![Vec::new(); claims.len()];
    for (ci, claim) in claims.iter().enumerate() {
        let decl = &decls[ci];
        for &old in &claim.supersedes {
            superseded[old.0] = true;
            let other = &claims[old.0];
            let shared = claim.by.iter().any(|a| other.by.contains(a));
            let across = !shared && !claim.by.is_empty() && !other.by.is_empty();
            if !across && replaced_by[old.0].len() < 3 {
                replaced_by[old.0].push(&claim.id);
            }
            if across {
                let at = entry_path(decl, "supersedes", decl.raw.supersedes.as_ref(), &other.id);
                diagnostics.push(
                    loaded
                        .file(decl.file)
                        .warning_at(&at, format!("`{}` supersedes `{}`, a claim of another claimant", claim.id, other.id))
                        .hint(format!("superseding is a claimant replacing its own statement; to record that another claimant says otherwise, write `contradicts: [{}]`", other.id)),
                );
            }
        }
    }
    for (ci, claim) in claims.iter().enumerate() {
        let decl = &decls[ci];
        let file = loaded.file(decl.file);
        let status_at = decl.base.key("status");
        // A claim superseded only across claimants is told to use
        // `contradicts` above, not to change its status.
        match (claim.status == Status::Superseded, superseded[ci]) {
            (false, true) if replaced_by[ci].is_empty() => {}
            (true, false) => diagnostics.push(
                file.warning_at(&status_at, format!("claim `{}` is marked `superseded`, but no claim supersedes it", claim.id))
                    .hint(format!("add `supersedes: [{}]` to the claim that replaces it, or give the desk's verdict another status", claim.id)),
            ),
            (false, true) => {
                let at = if decl.raw.status.is_some() {
                    status_at
                } else if decl.body.is_some() {
                    decl.base.key("text")
                } else {
                    decl.base.key("id")
                };
                let by = &replaced_by[ci];
                diagnostics.push(
                    file.warning_at(&at, format!("claim `{}` is superseded by `{}`, but its status is `{}`", claim.id, by.join("`, `"), claim.status))
                        .hint("set `status: superseded`: the claimant replaced this statement with a later one"),
                );
            }
            _ => {}
        }
    }
    supersedes_cycles(site, loaded, decls, diagnostics);
}

/// One error for each group of claims whose `supersedes` links go round,
/// naming one cycle of it.
fn supersedes_cycles(
    site: &Site,
    loaded: &Loaded,
    decls: &[ClaimDecl],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let claims = &site.claims;
    let links: Vec<Vec<usize>> = claims
        .iter()
        .map(|c| c.supersedes.iter().map(|s| s.0).collect())
        .collect();
    for cycle in cycles(&links, |c| claims[c].id.as_str()) {
        let names: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .map(|&c| claims[c].id.as_str())
            .collect();
        let first = cycle[0];
        let next = &claims[cycle[1 % cycle.len()]].id;
        let decl = &decls[first];
        let at = entry_path(decl, "supersedes", decl.raw.supersedes.as_ref(), next);
        diagnostics.push(
            loaded
                .file(decl.file)
                .error_at(&at, format!("`supersedes` cycle: {}", names.join(" → ")))
                .hint("a claim supersedes an earlier statement of its claimant, never one that (directly or through others) supersedes it; remove one `supersedes`"),
        );
    }
}

/// One cycle of each strongly connected group of nodes (of more than one
/// node) of the graph `links`, starting at the node whose `key` sorts
/// first. Linear in nodes and links: Tarjan's algorithm, without
/// recursion, then one search inside each group.
pub(crate) fn cycles<'k>(links: &[Vec<usize>], key: impl Fn(usize) -> &'k str) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = links.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut group = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut next_index = 0;
    // The walk: (node, next link to follow).
    let mut walk: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        walk.push((root, 0));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, k)) = walk.last() {
            if let Some(&w) = links[v].get(k) {
                walk.last_mut().expect("a node is being walked").1 += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    walk.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            walk.pop();
            if let Some(&(parent, _)) = walk.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    group[w] = groups.len();
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                groups.push(members);
            }
        }
    }
    let mut found = Vec::new();
    let mut parent = vec![UNSEEN; n];
    for members in groups.iter().filter(|g| g.len() > 1) {
        let Some(&start) = members.iter().min_by_key(|&&m| key(m)) else {
            continue;
        };
        // Breadth first from `start`, inside the group, back to `start`.
        let mut queue = std::collections::VecDeque::from([start]);
        parent[start] = start;
        let mut last = None;
        'search: while let Some(v) = queue.pop_front() {
            for &w in &links[v] {
                if group[w] != group[start] {
                    continue;
                }
                if w == start {
                    last = Some(v);
                    break 'search;
                }
                if parent[w] == UNSEEN {
                    parent[w] = v;
                    queue.push_back(w);
                }
            }
        }
        let mut cycle = Vec::new();
        let mut at = last;
        while let Some(v) = at {
            cycle.push(v);
            at = (v != start).then(|| parent[v]);
        }
        cycle.reverse();
        found.push(cycle);
    }
    found
}

/// A warning for each judgement whose claims are all `false`, `retracted`
/// or `superseded`: it rests on nothing that still stands. Before
/// publishing (drafts are checked too).
pub fn judgements(site: &Site, loaded: &Loaded, diagnostics: &mut Vec<Diagnostic>) {
    for brief in &site.briefs {
        for (i, j) in brief.judgements.iter().enumerate() {
            if j.claims.is_empty()
                || !j
                    .claims
                    .iter()
                    .all(|c| site.claim(*c).status.is_set_apart())
            {
                continue;
            }
            let listed: Vec<String> = j
                .claims
                .iter()
                .take(5)
                .map(|c| {
                    let c = site.claim(*c);
                    format!("`{}` is {}", c.id, c.status)
                })
                .collect();
            diagnostics.push(
                loaded
                    .file(brief.file)
                    .warning_at(
                        &YamlPath::default().key("judgements").index(i).key("claims"),
                        format!("this judgement rests only on claims that no longer stand ({})", listed.join(", ")),
                    )
                    .hint("cite the claims it rests on now, move these to `against:`, or revise the judgement"),
            );
        }
    }
}

/// On the published view, once inverses and citing briefs are known: each
/// claim's related claimants and verdict date, each actor's responses,
/// each judgement's evidence.
pub fn published(site: &mut Site) {
    for ci in 0..site.claims.len() {
        let claim = &site.claims[ci];
        let claimants = |list: &[ClaimIx], skip: &[ActorIx]| -> Vec<ActorIx> {
            let mut set: Vec<ActorIx> = list
                .iter()
                .flat_map(|c| site.claims[c.0].by.iter().copied())
                .filter(|a| !skip.contains(a))
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        };
        let mut against: Vec<ClaimIx> = claim.contradicts.clone();
        against.extend(&claim.contradicted_by);
        let contradicted = claimants(&against, &[]);
        let supported = claimants(&claim.supported_by, &claim.by);
        let verdict_date = match claim.declared_in {
            Some(b) => Some(brief_changed(&site.briefs[b.0])),
            None => claim
                .cited_in
                .iter()
                .map(|b| brief_changed(&site.briefs[b.0]))
                .max(),
        };
        let claim = &mut site.claims[ci];
        claim.contradicted_by_claimants = contradicted;
        claim.supported_by_claimants = supported;
        claim.verdict_date = verdict_date;
    }
    for (ci, claim) in site.claims.iter().enumerate() {
        for (ri, response) in claim.responses.iter().enumerate() {
            for a in &response.by {
                site.actors[a.0].responses.push((ClaimIx(ci), ri));
            }
        }
    }
    let claims = &site.claims;
    let date = |&(c, r): &(ClaimIx, usize)| claims[c.0].responses[r].said.or(claims[c.0].said);
    for actor in &mut site.actors {
        actor.responses.sort_by(|a, b| {
            date(b)
                .cmp(&date(a))
                .then_with(|| claims[a.0 .0].id.cmp(&claims[b.0 .0].id))
                .then(a.1.cmp(&b.1))
        });
    }
    let evidence: Vec<Vec<Evidence>> = site
        .briefs
        .iter()
        .map(|b| {
            b.judgements
                .iter()
                .map(|j| judgement_evidence(site, j))
                .collect()
        })
        .collect();
    for (brief, list) in site.briefs.iter_mut().zip(evidence) {
        for (j, e) in brief.judgements.iter_mut().zip(list) {
            j.evidence = e;
        }
    }
}

/// When a brief last changed: its `updated` (or last change), else its date.
fn brief_changed(brief: &Brief) -> PartialDate {
    brief.updated.unwrap_or(brief.date)
}

/// A judgement's evidence in numbers.
pub fn judgement_evidence(site: &Site, j: &Judgement) -> Evidence {
    let mut claimants: HashSet<ActorIx> = HashSet::new();
    let mut grades: BTreeMap<String, usize> = BTreeMap::new();
    let mut ungraded = 0;
    // A source is one entry of one file's `sources:`: its id, title and URL.
    let mut sources: HashSet<(&str, &str, Option<&str>)> = HashSet::new();
    let mut every_claim_sourced = true;
    for c in &j.claims {
        let claim = site.claim(*c);
        claimants.extend(&claim.by);
        match site.grade(claim) {
            Some(grade) => *grades.entry(grade).or_default() += 1,
            None => ungraded += 1,
        }
        every_claim_sourced &= !claim.sources.is_empty();
        sources.extend(
            claim
                .sources
                .iter()
                .map(|s| (s.id.as_str(), s.title.as_str(), s.url.as_deref())),
        );
    }
    let one_source = every_claim_sourced && sources.len() == 1;
    // Each distinct source once, by type, and the anonymous ones.
    let mut counted: HashSet<(&str, &str, Option<&str>)> = HashSet::new();
    let mut types: BTreeMap<SourceType, usize> = BTreeMap::new();
    let mut anonymous = 0;
    for c in &j.claims {
        for s in &site.claim(*c).sources {
            if !counted.insert((s.id.as_str(), s.title.as_str(), s.url.as_deref())) {
                continue;
            }
            if let Some(kind) = s.kind {
                *types.entry(kind).or_default() += 1;
            }
            anonymous += usize::from(s.anonymous);
        }
    }
    Evidence {
        claims: j.claims.len(),
        claimants: claimants.len(),
        // `A1` before `B2`: the best grade first.
        grades: grades.into_iter().collect(),
        ungraded,
        against: j.against.len(),
        single_source: !j.claims.is_empty() && (claimants.len() == 1 || one_source),
        source_types: types.into_iter().collect(),
        anonymous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("c{i:07}")).collect()
    }

    #[test]
    fn one_cycle_is_named_for_each_group_that_goes_round() {
        // 0 → 1 → 2 → 0, and 3 → 4 → 3 with 4 → 0; 5 alone.
        let links = vec![vec![1], vec![2], vec![0], vec![4], vec![3, 0], vec![0]];
        let names = ids(links.len());
        let mut found = cycles(&links, |i| names[i].as_str());
        found.sort();
        assert_eq!(found, [vec![0, 1, 2], vec![3, 4]]);
        assert!(cycles(&[vec![1], vec![2], vec![]], |i| names[i].as_str()).is_empty());
    }

    #[test]
    fn long_chains_and_cycles_are_walked_in_linear_time() {
        // A chain of 200,000 claims each superseding the next, and a cycle
        // of 100,000 with every member also superseding its first: a walk
        // that searched the path for each link would take minutes.
        let (chain, cycle) = (200_000, 100_000);
        let mut links: Vec<Vec<usize>> = (0..chain)
            .map(|i| if i + 1 < chain { vec![i + 1] } else { vec![] })
            .collect();
        for i in 0..cycle {
            let next = chain + (i + 1) % cycle;
            links.push(if i == 0 {
                vec![next]
            } else {
                vec![next, chain]
            });
        }
        let names = ids(links.len());
        let found = cycles(&links, |i| names[i].as_str());
        // One group; its shortest cycle through its first claim.
        assert_eq!(found, [vec![chain, chain + 1]]);
        let ring: Vec<Vec<usize>> = (0..cycle).map(|i| vec![(i + 1) % cycle]).collect();
        let found = cycles(&ring, |i| names[i].as_str());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), cycle);
    }
}
