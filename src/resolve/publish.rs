//! The published view of the site: what the output shows. Drafts are
//! resolved and checked like everything else (FORMAT §3: in every run);
//! without `--drafts` they are then left out here, once, before any
//! backlink, list or count exists: the `Site` that render receives holds
//! no draft brief, no claim declared only in a draft (nor its responses),
//! no draft incident, no tag only drafts carry and no redirect to any of these. Measures,
//! declared by files of their own, are published like actors and pages. Every backlink, tag and count is computed
//! afterwards from what remains, so no page, feed, sitemap or search file
//! can show a draft by forgetting a filter.

use super::declare::Ids;
use crate::model::*;

/// What is published, by the indices of the full site.
pub struct Kept {
    /// Each brief: published (not a draft, or built with --drafts).
    pub briefs: Vec<bool>,
    /// Each claim: published (a claim file, or declared in a published brief).
    pub claims: Vec<bool>,
    /// Each incident: published (not a draft, or built with --drafts).
    pub incidents: Vec<bool>,
}

/// New positions of the kept entries of a list: `None` for those left out.
fn positions(kept: impl Iterator<Item = bool>) -> Vec<Option<usize>> {
    let mut next = 0;
    kept.map(|k| {
        k.then(|| {
            next += 1;
            next - 1
        })
    })
    .collect()
}

/// Keeps the entries of `list` whose position has a new one, in order.
fn retain<T>(list: Vec<T>, at: &[Option<usize>]) -> Vec<T> {
    list.into_iter()
        .zip(at)
        .filter_map(|(item, at)| at.map(|_| item))
        .collect()
}

/// The published view of `site` (whose backlinks and tags are not yet
/// computed): drafts and what only they use are removed, every index is
/// renumbered, and `ids` keeps only published targets (at their new
/// indices). `tag_names` (each brief's tags as written) follow the briefs.
pub fn published(
    site: Site,
    kept: &Kept,
    ids: &mut Ids,
    tag_names: Vec<Vec<String>>,
) -> (Site, Vec<Vec<String>>) {
    let brief_at = positions(kept.briefs.iter().copied());
    let claim_at = positions(
        site.claims
            .iter()
            .zip(&kept.claims)
            .map(|(c, &k)| k && c.declared_in.is_none_or(|b| brief_at[b.0].is_some())),
    );
    let incident_at = positions(kept.incidents.iter().copied());
    let incident = |i: IncidentIx| incident_at[i.0].map(IncidentIx);
    let brief = |b: BriefIx| brief_at[b.0].map(BriefIx);
    let claim = |c: ClaimIx| claim_at[c.0].map(ClaimIx);
    let claims =
        |list: Vec<ClaimIx>| -> Vec<ClaimIx> { list.into_iter().filter_map(claim).collect() };
    let target = |t: Target| -> Option<Target> {
        match t {
            Target::Brief(b) => brief(b).map(Target::Brief),
            Target::Claim(c) => claim(c).map(Target::Claim),
            Target::Incident(i) => incident(i).map(Target::Incident),
            Target::Measure(_) | Target::Actor(_) | Target::Page(_) => Some(t),
        }
    };

    let Site {
        briefs,
        claims: all_claims,
        incidents,
        redirects,
        ..
    } = site;
    let mut site = Site {
        briefs: Vec::new(),
        claims: Vec::new(),
        incidents: Vec::new(),
        redirects: Vec::new(),
        ..site
    };
    site.briefs = retain(briefs, &brief_at)
        .into_iter()
        .map(|mut b| {
            b.claims = claims(std::mem::take(&mut b.claims));
            for j in &mut b.judgements {
                j.claims = claims(std::mem::take(&mut j.claims));
                j.against = claims(std::mem::take(&mut j.against));
            }
            b.tags = Vec::new();
            b
        })
        .collect();
    site.claims = retain(all_claims, &claim_at)
        .into_iter()
        .map(|mut c| {
            c.supports = claims(std::mem::take(&mut c.supports));
            c.contradicts = claims(std::mem::take(&mut c.contradicts));
            c.supersedes = claims(std::mem::take(&mut c.supersedes));
            c.declared_in = c.declared_in.and_then(brief);
            c.incidents = std::mem::take(&mut c.incidents)
                .into_iter()
                .filter_map(incident)
                .collect();
            c
        })
        .collect();
    site.incidents = retain(incidents, &incident_at);
    site.redirects = redirects
        .into_iter()
        .filter_map(|r| {
            Some(Redirect {
                to: target(r.to)?,
                from: r.from,
            })
        })
        .collect();
    ids.entries.retain(|_, entry| match target(entry.target) {
        Some(t) => {
            entry.target = t;
            true
        }
        None => false,
    });
    (site, retain(tag_names, &brief_at))
}
