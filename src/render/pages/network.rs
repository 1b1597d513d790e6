//! The network page: who makes claims about whom, who relays whom.

use super::*;

/// The network page.
pub(super) fn specs(specs: &mut Specs) {
    specs.add(urls::NETWORK.into(), What::Network);
}

pub(super) fn network(j: &Job) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::ClaimOrder);
    let network = network_ctx(ctx, &plan.claims);
    let description = Some(format!(
        "Who makes claims about whom and who relays whom in {}",
        site.title
    ));
    j.page(
        "Network".into(),
        description,
        vec![],
        "network",
        Body::Network { network },
    )
}

/// The network: every link between actors the published claims make,
/// claimant → subject (claims about) and relay → claimant or relay →
/// the relay before it (relays), each with its claims, most first.
pub(super) fn network_links(ctx: &Ctx, claims: &[ClaimIx]) -> Vec<(bool, ActorIx, ActorIx, usize)> {
    use std::collections::BTreeMap;
    let site = ctx.site;
    let mut counts: BTreeMap<(bool, ActorIx, ActorIx), usize> = BTreeMap::new();
    for &ix in claims {
        ctx.note(Dep::Full(Entity::Claim(ix)));
        let c = site.claim(ix);
        let mut pairs: Vec<(bool, ActorIx, ActorIx)> = Vec::new();
        for &by in &c.by {
            pairs.extend(
                c.about
                    .iter()
                    .filter(|&&a| a != by)
                    .map(|&a| (false, by, a)),
            );
            if let Some(&first) = c.via.first().filter(|&&v| v != by) {
                pairs.push((true, first, by));
            }
        }
        for pair in c.via.windows(2) {
            if pair[0] != pair[1] {
                pairs.push((true, pair[1], pair[0]));
            }
        }
        // A claim counts once for a link, however often it names it.
        pairs.sort_unstable();
        pairs.dedup();
        for pair in pairs {
            *counts.entry(pair).or_default() += 1;
        }
    }
    // The order goes by names: every actor linked is read.
    for &(_, from, to) in counts.keys() {
        ctx.note(Dep::Ref(Entity::Actor(from)));
        ctx.note(Dep::Ref(Entity::Actor(to)));
    }
    let name = |a: ActorIx| site.actor(a).name.as_str();
    let mut links: Vec<(bool, ActorIx, ActorIx, usize)> = counts
        .into_iter()
        .map(|((relays, from, to), n)| (relays, from, to, n))
        .collect();
    links.sort_by(|x, y| {
        y.3.cmp(&x.3)
            .then(name(x.1).cmp(name(y.1)))
            .then(name(x.2).cmp(name(y.2)))
            .then(x.0.cmp(&y.0))
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });
    links
}

/// Links the network page's table lists at most (the strongest).
pub(super) const NETWORK_TABLE: usize = 200;

/// The network page: its picture and its table.
pub(super) fn network_ctx(ctx: &Ctx, claims: &[ClaimIx]) -> NetworkCtx {
    use crate::render::charts::{Link, NETWORK_LINKS};
    let site = ctx.site;
    let links = network_links(ctx, claims);
    let relays_total = links.iter().filter(|l| l.0).count();
    let claims_about_total = links.len() - relays_total;
    let drawn: Vec<Link> = [false, true]
        .into_iter()
        .flat_map(|relays| {
            links
                .iter()
                .filter(move |l| l.0 == relays)
                .take(NETWORK_LINKS)
        })
        .map(|&(relays, from, to, claims)| Link {
            from: site.actor(from).name.clone(),
            to: site.actor(to).name.clone(),
            relays,
            claims,
        })
        .collect();
    let table = links
        .iter()
        .take(NETWORK_TABLE)
        .map(|&(relays, from, to, claims)| NetworkLink {
            from: ctx.actor_ref(from),
            relation: if relays { "relays" } else { "claims-about" },
            relation_label: if relays { "relays" } else { "claims about" },
            to: ctx.actor_ref(to),
            claims,
        })
        .collect();
    NetworkCtx {
        graph_svg: crate::render::charts::network(&drawn, (claims_about_total, relays_total)),
        links: table,
        links_total: links.len(),
        claims_about_total,
        relays_total,
    }
}
