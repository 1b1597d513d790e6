//! The long lists of one entity's, written in full beside its page.

use super::*;

pub(super) fn sublist(j: &Job, list: Sublist, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let owner = list.owner();
    ctx.note(Dep::Full(owner));
    let (section, section_path, owner_name, owner_path) = list.owner_page(site);
    let per = LIST_PER_PAGE;
    let actor_item = |a: ActorIx| {
        let r = ctx.actor_ref(a);
        ListItem {
            text: r.name,
            url: Some(r.url),
            lang: r.lang,
            note: Some(r.kind_label.to_string()),
            date: None,
        }
    };
    let claim_item = |c: ClaimIx| {
        let r = ctx.claim_ref(c);
        ListItem {
            text: r.text,
            url: Some(r.url),
            lang: None,
            note: Some(r.status_label.to_string()),
            date: None,
        }
    };
    let source_item = |s: &Source| {
        let r = ctx.source(s);
        ListItem {
            text: r.title,
            url: r.url,
            lang: None,
            note: r.publisher.map(|p| p.name),
            date: r.date,
        }
    };
    let brief_item = |b: BriefIx| {
        let r = ctx.brief_ref(b);
        ListItem {
            text: r.title,
            url: Some(r.url),
            lang: None,
            note: None,
            date: Some(r.date),
        }
    };
    // (label, item) in order; one unnamed group for most lists.
    let items: Vec<(Option<&'static str>, ListItem)> = match list {
        Sublist::Members(a) => page_of(&site.actor(a).members, n, per)
            .0
            .iter()
            .map(|&m| (None, actor_item(m)))
            .collect(),
        Sublist::Aliases(a) => page_of(&site.actor(a).aliases, n, per)
            .0
            .iter()
            .map(|al| {
                let item = ListItem {
                    text: al.name.clone(),
                    url: None,
                    lang: al.lang.clone(),
                    note: None,
                    date: None,
                };
                (None, item)
            })
            .collect(),
        Sublist::CitedIn(c) => page_of(&site.claim(c).cited_in, n, per)
            .0
            .iter()
            .map(|&b| (None, brief_item(b)))
            .collect(),
        Sublist::Related(c) => {
            let lists: Vec<(&'static str, &[ClaimIx])> = RELATIONS
                .iter()
                .map(|r| r.1)
                .zip(relations(site.claim(c)))
                .collect();
            grouped_page(&lists, n, per)
                .into_iter()
                .map(|(label, c)| (Some(label), claim_item(c)))
                .collect()
        }
        Sublist::ClaimActors(c) => grouped_page(&claim_actors(site.claim(c)), n, per)
            .into_iter()
            .map(|(label, a)| (Some(label), actor_item(a)))
            .collect(),
        Sublist::BriefActors(b) => page_of(&site.brief(b).actors, n, per)
            .0
            .iter()
            .map(|&a| (None, actor_item(a)))
            .collect(),
        Sublist::BriefClaims(b) => page_of(&site.brief(b).claims, n, per)
            .0
            .iter()
            .map(|&c| (None, claim_item(c)))
            .collect(),
        Sublist::BriefSources(b) => page_of(&site.brief(b).sources, n, per)
            .0
            .iter()
            .map(|s| (None, source_item(s)))
            .collect(),
        Sublist::ClaimSources(c) => page_of(&site.claim(c).sources, n, per)
            .0
            .iter()
            .map(|s| (None, source_item(s)))
            .collect(),
        Sublist::BriefChanges(b) => page_of(&site.brief(b).changes, n, per)
            .0
            .iter()
            .map(|c| {
                let item = ListItem {
                    text: c.note_text.clone(),
                    url: None,
                    lang: None,
                    note: Some(c.kind.label().to_string()),
                    date: Some(Ctx::date(&c.date)),
                };
                (None, item)
            })
            .collect(),
        Sublist::ClaimResponses(c) => page_of(&site.claim(c).responses, n, per)
            .0
            .iter()
            .map(|r| {
                let stance = ctx.stance(r);
                let item = ListItem {
                    url: stance.by.first().map(|a| a.url.clone()),
                    text: stance.text,
                    lang: None,
                    note: Some(stance.stance_label.to_string()),
                    date: None,
                };
                (None, item)
            })
            .collect(),
        Sublist::ActorResponses(a) => page_of(&site.actor(a).responses, n, per)
            .0
            .iter()
            .map(|&(c, r)| {
                ctx.note(Dep::Full(Entity::Claim(c)));
                let claim = ctx.claim_ref(c);
                let response = &site.claim(c).responses[r];
                let item = ListItem {
                    text: claim.text,
                    url: Some(claim.url),
                    lang: None,
                    note: Some(response.stance.label().to_string()),
                    date: response.said.as_ref().map(Ctx::date),
                };
                (None, item)
            })
            .collect(),
        Sublist::BriefTags(b) => page_of(&site.brief(b).tags, n, per)
            .0
            .iter()
            .map(|&t| {
                let r = ctx.tag_ref(t);
                let note = format!("{} brief{}", r.count, if r.count == 1 { "" } else { "s" });
                let item = ListItem {
                    text: r.name,
                    url: Some(r.url),
                    lang: None,
                    note: Some(note),
                    date: None,
                };
                (None, item)
            })
            .collect(),
    };
    let mut groups: Vec<ListGroup> = Vec::new();
    for (label, item) in items {
        let label = label.map(String::from);
        match groups.last_mut() {
            Some(g) if g.label == label => g.items.push(item),
            _ => groups.push(ListGroup {
                label,
                items: vec![item],
            }),
        }
    }
    let (heading, lede) = match list {
        Sublist::Members(_) => (
            format!("Members of {owner_name}"),
            format!("The actors that are part of {owner_name}, by name."),
        ),
        Sublist::Aliases(_) => (
            format!("Names of {owner_name}"),
            format!("Every other name {owner_name} is known by, as listed."),
        ),
        Sublist::CitedIn(_) => (
            "Briefs citing the claim".to_string(),
            format!("Every brief that declares or cites “{owner_name}”, newest first."),
        ),
        Sublist::Related(_) => (
            "Related claims".to_string(),
            format!("Every claim related to “{owner_name}”, by relation."),
        ),
        Sublist::ClaimActors(_) => (
            "Actors of the claim".to_string(),
            format!("Who made “{owner_name}”, who relayed it and whom it is about."),
        ),
        Sublist::BriefActors(_) => (
            format!("Actors: {owner_name}"),
            format!("Every actor of the brief “{owner_name}”, by name."),
        ),
        Sublist::BriefClaims(_) => (
            format!("Claims: {owner_name}"),
            format!("Every claim the brief “{owner_name}” declares or cites, in its order."),
        ),
        Sublist::BriefTags(_) => (
            format!("Tags: {owner_name}"),
            format!("Every tag of the brief “{owner_name}”, as written."),
        ),
        Sublist::BriefSources(_) => (
            format!("Sources: {owner_name}"),
            format!("Every source of the brief “{owner_name}”, as listed."),
        ),
        Sublist::BriefChanges(_) => (
            format!("Changes: {owner_name}"),
            format!("Every update and correction of the brief “{owner_name}”, newest first."),
        ),
        Sublist::ClaimSources(_) => (
            "Sources of the claim".to_string(),
            format!("Every source of “{owner_name}”, as listed."),
        ),
        Sublist::ClaimResponses(_) => (
            "Responses to the claim".to_string(),
            format!("What other actors said about “{owner_name}”, as listed."),
        ),
        Sublist::ActorResponses(_) => (
            format!("Responses: {owner_name}"),
            format!("Every claim {owner_name} responded to, newest first, with its stance."),
        ),
    };
    let total_items = list.len(site);
    let total = total_items.div_ceil(per).max(1);
    let title = if n == 1 {
        heading.clone()
    } else {
        format!("{heading}, page {n}")
    };
    let pagination = paginate(&ctx.link, |k| list.path(site, k), n, total);
    let mut crumbs = crumb(section, section_path);
    crumbs.push((owner_name.clone(), owner_path.clone()));
    let current = match owner {
        Entity::Actor(_) => "actors",
        Entity::Claim(_) => "claims",
        _ => "briefs",
    };
    j.page(
        "list",
        title,
        Some(lede.clone()),
        crumbs,
        current,
        Body::List {
            list: ListCtx {
                kind: list.kind(),
                heading,
                lede,
                owner: Some(Link {
                    url: ctx.link.to(&owner_path),
                    text: owner_name,
                }),
                total: total_items,
                groups,
            },
            pagination,
        },
    )
}
