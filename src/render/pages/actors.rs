//! The actors list, each actor's page and its long lists of claims and briefs.

use super::*;

/// The actors list (`actors` in list order), and each actor with its
/// long lists.
pub(super) fn specs(specs: &mut Specs, actors: &[ActorIx]) {
    specs.list(urls::ACTORS, actors.len(), ACTORS_PER_PAGE, What::Actors);
    let site = specs.site;
    for (i, a) in site.actors.iter().enumerate() {
        let ai = ActorIx(i);
        specs.add(urls::actor(&a.id), What::Actor(ai));
        specs.sublists([
            Sublist::Members(ai),
            Sublist::Aliases(ai),
            Sublist::ActorResponses(ai),
        ]);
        let claims = actor_claim_count(a);
        if claims > ACTOR_CLAIMS_SHOWN {
            for n in 1..=claims.div_ceil(CLAIMS_PER_PAGE) {
                specs.add(urls::actor_claims(&a.id, n), What::ActorClaims(ai, n));
            }
        }
        if a.briefs.len() > ACTOR_BRIEFS_SHOWN {
            for n in 1..=a.briefs.len().div_ceil(BRIEFS_PER_PAGE) {
                specs.add(urls::actor_briefs(&a.id, n), What::ActorBriefs(ai, n));
            }
        }
    }
}

pub(super) fn actors(j: &Job, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::ActorOrder);
    for i in 0..site.actors.len() {
        ctx.note(Dep::Full(Entity::Actor(ActorIx(i))));
    }
    let (shown, total) = page_of(&plan.actors, n, ACTORS_PER_PAGE);
    let mut groups: Vec<ActorGroup> = Vec::new();
    for &ix in shown {
        let a = site.actor(ix);
        let item = ActorListItem {
            actor: ctx.actor_ref(ix),
            role: a.role.clone(),
            claims_by: a.claims_by.len(),
            claims_for: a.claims_for.len(),
            briefs: a.briefs.len(),
        };
        match groups.last_mut() {
            Some(g) if g.kind == a.kind.as_str() => g.actors.push(item),
            _ => groups.push(ActorGroup {
                kind: a.kind.as_str(),
                label: a.kind.plural(),
                actors: vec![item],
            }),
        }
    }
    // Every kind, linked on the page where its list starts.
    let mut kinds: Vec<KindLink> = Vec::new();
    for (position, &ix) in plan.actors.iter().enumerate() {
        let kind = site.actor(ix).kind;
        match kinds.last_mut() {
            Some(k) if k.kind == kind.as_str() => k.count += 1,
            _ => {
                let page = position / ACTORS_PER_PAGE + 1;
                let url = if page == n {
                    format!("#kind_{}", kind.as_str())
                } else {
                    format!(
                        "{}#kind_{}",
                        ctx.link.to(&urls::list_page(urls::ACTORS, page)),
                        kind.as_str()
                    )
                };
                kinds.push(KindLink {
                    kind: kind.as_str(),
                    label: kind.plural(),
                    count: 1,
                    url,
                });
            }
        }
    }
    let title = if n == 1 {
        "Actors".to_string()
    } else {
        format!("Actors, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::ACTORS, n, total);
    let description = Some(format!(
        "Everyone whose claims {} tracks, by kind",
        site.title
    ));
    j.page(
        title,
        description,
        vec![],
        "actors",
        Body::Actors {
            groups,
            kinds,
            pagination,
        },
    )
}

pub(super) fn actor(j: &Job, ai: ActorIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Actor(ai)));
    let a = site.actor(ai);
    let (part_of, part_of_more) = part_of(ctx, a);
    let involved = actor_claim_count(a);
    let actor = ActorCtx {
        id: a.id.clone(),
        url: ctx.link.to(&j.spec.path),
        name: a.name.clone(),
        name_lang: a.name_lang.clone(),
        kind: a.kind.as_str(),
        kind_label: a.kind.label(),
        role: a.role.clone(),
        aliases: a
            .aliases
            .iter()
            .take(ALIASES_SHOWN)
            .map(|al| AliasCtx {
                name: al.name.clone(),
                lang: al.lang.clone(),
            })
            .collect(),
        aliases_total: a.aliases.len(),
        all_aliases: Sublist::Aliases(ai).link(ctx, 1),
        reliability: a.reliability.map(|r| r.as_str().to_string()),
        same_as: a.same_as.iter().filter_map(|u| ctx.url(u)).collect(),
        links: a
            .links
            .iter()
            .filter_map(|(t, u)| {
                Some(Link {
                    text: t.clone(),
                    url: ctx.url(u)?,
                })
            })
            .collect(),
        part_of,
        part_of_more,
        identifiers: a.identifiers.iter().map(identifier).collect(),
        relations: ctx.relation_groups(ai),
        sources: a.sources.iter().map(|s| ctx.source(s)).collect(),
        members: ctx.actor_refs(&a.members[..a.members.len().min(MEMBERS_SHOWN)]),
        members_total: a.members.len(),
        all_members: Sublist::Members(ai).link(ctx, 1),
        // Only what the page shows is built: a busy actor has
        // thousands of claims and briefs.
        claims_by: ctx.claim_cards(newest(&a.claims_by, ACTOR_CLAIMS_SHOWN)),
        claims_about: ctx.claim_cards(newest(&a.claims_about, ACTOR_CLAIMS_SHOWN)),
        claims_relayed: ctx.claim_cards(newest(&a.claims_relayed, ACTOR_CLAIMS_SHOWN)),
        claims_for: newest(&a.claims_for, ACTOR_CLAIMS_SHOWN)
            .iter()
            .map(|&(c, proxy, how)| ctx.proxy_claim(c, proxy, how))
            .collect(),
        claims_for_total: a.claims_for.len(),
        responses: a
            .responses
            .iter()
            .take(ACTOR_RESPONSES_SHOWN)
            .map(|&(c, r)| response(ctx, c, r))
            .collect(),
        responses_total: a.responses.len(),
        all_responses: Sublist::ActorResponses(ai).link(ctx, 1),
        briefs: newest(&a.briefs, ACTOR_BRIEFS_SHOWN)
            .iter()
            .map(|&b| ctx.brief_ref(b))
            .collect(),
        co_actors: a
            .co_actors
            .iter()
            .take(CO_ACTORS_SHOWN)
            .map(|&(o, n)| CoActor {
                actor: ctx.actor_ref(o),
                briefs: n,
            })
            .collect(),
        co_actors_total: a.co_actors_total,
        incidents: a
            .incidents
            .iter()
            .rev()
            .take(ACTOR_INCIDENTS_SHOWN)
            .map(|&i| incident_item(ctx, i))
            .collect(),
        incidents_total: a.incidents.len(),
        all_incidents: (a.incidents.len() > ACTOR_INCIDENTS_SHOWN)
            .then(|| ctx.link.to(urls::INCIDENTS)),
        claims_total: involved,
        claims_by_total: a.claims_by.len(),
        claims_about_total: a.claims_about.len(),
        claims_relayed_total: a.claims_relayed.len(),
        briefs_total: a.briefs.len(),
        all_claims: (involved > ACTOR_CLAIMS_SHOWN)
            .then(|| ctx.link.to(&urls::actor_claims(&a.id, 1))),
        all_briefs: (a.briefs.len() > ACTOR_BRIEFS_SHOWN)
            .then(|| ctx.link.to(&urls::actor_briefs(&a.id, 1))),
        body_html: a.body.to_string(),
        toc: toc(&a.toc),
        graph_svg: actor_graph(ctx, ai),
        extra: a.extra.clone(),
    };
    let mut job = j.page(
        a.name.clone(),
        a.role.clone(),
        crumb("Actors", urls::ACTORS),
        "actors",
        Body::Actor {
            actor: Box::new(actor),
        },
    );
    if site.base_url.is_some() {
        job.common.page.feeds.push(Link {
            url: ctx.link.to(&urls::actor_feed(&a.id)),
            text: format!("{}: briefs and claims", a.name),
        });
    }
    if let Body::Actor { actor } = &job.body {
        job.common.page.json_ld = Some(structured::script_text(&structured::actor(
            actor,
            site.base_url.as_deref(),
        )));
    }
    job
}

/// The nearest levels of an actor's `part_of` chain, and whether it goes
/// on: showing all of a deep chain on each member's page would be
/// quadratic output.
fn part_of(ctx: &Ctx, a: &Actor) -> (Vec<ActorRef>, bool) {
    let mut part_of = Vec::new();
    let mut parent = a.part_of;
    while let Some(p) = parent.filter(|_| part_of.len() < PART_OF_SHOWN) {
        part_of.push(ctx.actor_ref(p));
        parent = ctx.site.actor(p).part_of;
    }
    (part_of, parent.is_some())
}

/// An identifier as shown, a flag with its country's name.
fn identifier(i: &Identifier) -> IdentifierCtx {
    IdentifierCtx {
        scheme: i.scheme.clone(),
        label: i.label().to_string(),
        value: i.value.clone(),
        name: (i.scheme == "flag")
            .then(|| countries::by_alpha2(&i.value).map(|c| c.1.to_string()))
            .flatten(),
    }
}

/// An actor's response `r` to claim `c`, with the claim.
fn response(ctx: &Ctx, c: ClaimIx, r: usize) -> ActorResponseCtx {
    ctx.note(Dep::Full(Entity::Claim(c)));
    ActorResponseCtx {
        claim: ctx.claim_ref(c),
        response: ctx.response(&ctx.site.claim(c).responses[r]),
    }
}

pub(super) fn actor_claims(j: &Job, ai: ActorIx, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Actor(ai)));
    let a = site.actor(ai);
    let all = actor_claim_count(a);
    let total = all.div_ceil(CLAIMS_PER_PAGE).max(1);
    let mut groups: Vec<ActorClaimGroup> = Vec::new();
    for (role, c, proxy) in actor_claims_page(a, n, CLAIMS_PER_PAGE) {
        ctx.note(Dep::Ref(Entity::Claim(c)));
        if groups.last().is_none_or(|g| g.role != role.0) {
            groups.push(ActorClaimGroup {
                role: role.0,
                label: match role.0 {
                    "for" => format!("{} {} by its spokespersons and members", role.1, a.name),
                    _ => format!("{} {}", role.1, a.name),
                },
                claims: Vec::new(),
                proxies: Vec::new(),
            });
        }
        let group = groups.last_mut().expect("a group was just added");
        group.claims.push(ctx.claim_card(c));
        if let Some((who, how)) = proxy {
            group.proxies.push(ctx.proxy_claim(c, who, how));
        }
    }
    let title = format!("Claims: {}", a.name);
    let pagination = paginate(&ctx.link, |n| urls::actor_claims(&a.id, n), n, total);
    let description = Some(format!(
        "Every claim {} made, is the subject of or relayed",
        a.name
    ));
    let mut crumbs = crumb("Actors", urls::ACTORS);
    crumbs.push((a.name.clone(), urls::actor(&a.id)));
    j.page(
        title,
        description,
        crumbs,
        "actors",
        Body::ActorClaims {
            actor: ctx.actor_ref(ai),
            total: all,
            groups,
            pagination,
        },
    )
}

pub(super) fn actor_briefs(j: &Job, ai: ActorIx, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Actor(ai)));
    let a = site.actor(ai);
    let (shown, total) = page_of(&a.briefs, n, BRIEFS_PER_PAGE);
    let briefs = shown.iter().map(|&b| ctx.brief_summary(b)).collect();
    let pagination = paginate(&ctx.link, |n| urls::actor_briefs(&a.id, n), n, total);
    let description = Some(format!("Every brief mentioning {}", a.name));
    let mut crumbs = crumb("Actors", urls::ACTORS);
    crumbs.push((a.name.clone(), urls::actor(&a.id)));
    j.page(
        format!("Briefs: {}", a.name),
        description,
        crumbs,
        "actors",
        Body::ActorBriefs {
            actor: ctx.actor_ref(ai),
            total: a.briefs.len(),
            briefs,
            pagination,
        },
    )
}

/// Claims of each kind, and actors of each claim, that an actor's picture
/// weighs: its neighbours are drawn from a bounded part of its record.
pub(super) const GRAPH_CLAIMS: usize = 100;
pub(super) const GRAPH_CLAIM_ACTORS: usize = 25;

/// The relationship picture of an actor page: part-of first, then actors
/// it made claims about or that made claims about it (most first; from its
/// newest claims), then actors sharing briefs (most first).
pub(super) fn actor_graph(ctx: &Ctx, ai: ActorIx) -> Option<String> {
    use crate::render::charts::Relation;
    let site = ctx.site;
    let actor = site.actor(ai);
    let mut neighbours: Vec<(ActorIx, Relation, usize)> = Vec::new();
    // Where each neighbour is in `neighbours`: a busy actor has thousands.
    let mut at: std::collections::HashMap<ActorIx, usize> = std::collections::HashMap::new();
    let mut add = |ix: ActorIx, relation: Relation, weight: usize| {
        if ix == ai {
            return;
        }
        match at.get(&ix) {
            Some(&k) if neighbours[k].1 == relation => {
                neighbours[k].2 = neighbours[k].2.saturating_add(weight)
            }
            Some(_) => {}
            None => {
                at.insert(ix, neighbours.len());
                neighbours.push((ix, relation, weight));
            }
        }
    };
    for &a in actor.part_of.iter().chain(&actor.members) {
        add(a, Relation::PartOf, usize::MAX / 2);
    }
    for (claims, other) in [(&actor.claims_by, true), (&actor.claims_about, false)] {
        for &c in newest(claims, GRAPH_CLAIMS) {
            ctx.note(Dep::Full(Entity::Claim(c)));
            let claim = site.claim(c);
            let actors = if other { &claim.about } else { &claim.by };
            for &a in newest(actors, GRAPH_CLAIM_ACTORS) {
                add(a, Relation::Claims, 1);
            }
        }
    }
    for &(other, briefs) in newest(&actor.co_actors, CO_ACTORS_SHOWN) {
        add(other, Relation::SharedBriefs, briefs);
    }
    for &(ix, _, _) in &neighbours {
        ctx.note(Dep::Ref(Entity::Actor(ix)));
    }
    let name = |ix: ActorIx| site.actor(ix).name.as_str();
    neighbours.sort_by(|x, y| {
        x.1.cmp(&y.1)
            .then(y.2.cmp(&x.2))
            .then(name(x.0).cmp(name(y.0)))
    });
    let shown: Vec<(String, Relation)> = neighbours
        .into_iter()
        .take(crate::render::charts::GRAPH_NEIGHBOURS)
        .map(|(ix, relation, _)| (name(ix).to_string(), relation))
        .collect();
    crate::render::charts::actor_graph(&actor.name, &shown)
}

/// The most incidents an actor's page lists.
pub(super) const ACTOR_INCIDENTS_SHOWN: usize = 20;

/// How many claims an actor made (itself, and for it by its
/// spokespersons and members), is the subject of and relayed.
pub(super) fn actor_claim_count(a: &Actor) -> usize {
    a.claims_by.len() + a.claims_for.len() + a.claims_about.len() + a.claims_relayed.len()
}

/// Page `n` (1-based, `per` a page) of the claims an actor made, made
/// for it, is the subject of and relayed, in that order (each newest
/// first), with the role and, for a claim made for it, who made it and
/// how. Only the page's claims are visited.
pub(super) fn actor_claims_page(
    a: &Actor,
    n: usize,
    per: usize,
) -> Vec<(ClaimRole, ClaimIx, MadeFor)> {
    let own =
        |list: &[ClaimIx], from: usize, take: usize| -> Vec<(ClaimIx, Option<(ActorIx, Proxy)>)> {
            list[from..from + take].iter().map(|&c| (c, None)).collect()
        };
    let proxied = |from: usize, take: usize| -> Vec<(ClaimIx, MadeFor)> {
        a.claims_for[from..from + take]
            .iter()
            .map(|&(c, who, how)| (c, Some((who, how))))
            .collect()
    };
    let roles: [(ClaimRole, usize); 4] = [
        (("by", "Claims made by"), a.claims_by.len()),
        (("for", "Claims made for"), a.claims_for.len()),
        (("about", "Claims about"), a.claims_about.len()),
        (("relayed", "Claims relayed by"), a.claims_relayed.len()),
    ];
    let mut skip = n.saturating_sub(1).saturating_mul(per);
    let mut page = Vec::new();
    for (role, len) in roles {
        let from = skip.min(len);
        skip -= from;
        let take = (per - page.len()).min(len - from);
        let entries = match role.0 {
            "by" => own(&a.claims_by, from, take),
            "for" => proxied(from, take),
            "about" => own(&a.claims_about, from, take),
            _ => own(&a.claims_relayed, from, take),
        };
        page.extend(entries.into_iter().map(|(c, p)| (role, c, p)));
    }
    page
}
