//! The long lists of one entity's, written in full beside its page.

use super::*;

pub(super) fn sublist(j: &Job, list: Sublist, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let owner = list.owner();
    ctx.note(Dep::Full(owner));
    let (section, section_path, owner_name, owner_path) = list.owner_page(site);
    let per = LIST_PER_PAGE;
    let groups = grouped(items(ctx, list, n));
    let (heading, lede) = heading_and_lede(list, &owner_name);
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

/// The items of page `n` of `list`, each with its group's label (one
/// unnamed group for most lists), in order.
fn items(ctx: &Ctx, list: Sublist, n: usize) -> Vec<(Option<&'static str>, ListItem)> {
    let site = ctx.site;
    let per = LIST_PER_PAGE;
    match list {
        Sublist::Members(a) => page_of(&site.actor(a).members, n, per)
            .0
            .iter()
            .map(|&m| (None, actor_item(ctx, m)))
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
            .map(|&b| (None, brief_item(ctx, b)))
            .collect(),
        Sublist::Related(c) => {
            let lists: Vec<(&'static str, &[ClaimIx])> = RELATIONS
                .iter()
                .map(|r| r.1)
                .zip(relations(site.claim(c)))
                .collect();
            grouped_page(&lists, n, per)
                .into_iter()
                .map(|(label, c)| (Some(label), claim_item(ctx, c)))
                .collect()
        }
        Sublist::ClaimActors(c) => grouped_page(&claim_actors(site.claim(c)), n, per)
            .into_iter()
            .map(|(label, a)| (Some(label), actor_item(ctx, a)))
            .collect(),
        Sublist::BriefActors(b) => page_of(&site.brief(b).actors, n, per)
            .0
            .iter()
            .map(|&a| (None, actor_item(ctx, a)))
            .collect(),
        Sublist::BriefClaims(b) => page_of(&site.brief(b).claims, n, per)
            .0
            .iter()
            .map(|&c| (None, claim_item(ctx, c)))
            .collect(),
        Sublist::BriefSources(b) => page_of(&site.brief(b).sources, n, per)
            .0
            .iter()
            .map(|s| (None, source_item(ctx, s)))
            .collect(),
        Sublist::ClaimSources(c) => page_of(&site.claim(c).sources, n, per)
            .0
            .iter()
            .map(|s| (None, source_item(ctx, s)))
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
    }
}

/// Consecutive items with the same label in one group.
fn grouped(items: Vec<(Option<&'static str>, ListItem)>) -> Vec<ListGroup> {
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
    groups
}

/// The heading and the lede of a sublist of `owner_name`'s.
fn heading_and_lede(list: Sublist, owner_name: &str) -> (String, String) {
    match list {
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
    }
}

/// A list of one entity's that its page shows only the start of, written
/// in full, paginated, beside the entity's page (`urls::sublist`): every
/// list that grows with the content has an end on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sublist {
    /// The actors that are part of an actor.
    Members(ActorIx),
    /// An actor's other names.
    Aliases(ActorIx),
    /// The briefs declaring or citing a claim.
    CitedIn(ClaimIx),
    /// A claim's related claims, by relation.
    Related(ClaimIx),
    /// A claim's claimants, relays and subjects.
    ClaimActors(ClaimIx),
    /// A brief's actor set.
    BriefActors(BriefIx),
    /// A brief's claims.
    BriefClaims(BriefIx),
    /// A brief's tags.
    BriefTags(BriefIx),
    /// A brief's sources.
    BriefSources(BriefIx),
    /// A brief's changes.
    BriefChanges(BriefIx),
    /// A claim's sources.
    ClaimSources(ClaimIx),
    /// What other actors said about a claim.
    ClaimResponses(ClaimIx),
    /// What an actor said about claims.
    ActorResponses(ActorIx),
}

/// A claim's relations, in the order pages show them: (key, heading).
pub(super) const RELATIONS: [(&str, &str); 6] = [
    ("supports", "Supports"),
    ("supported-by", "Supported by"),
    ("contradicts", "Contradicts"),
    ("contradicted-by", "Contradicted by"),
    ("supersedes", "Supersedes"),
    ("superseded-by", "Superseded by"),
];

/// A claim's related claims, each list in `RELATIONS` order.
pub(super) fn relations(c: &Claim) -> [&[ClaimIx]; 6] {
    [
        &c.supports,
        &c.supported_by,
        &c.contradicts,
        &c.contradicted_by,
        &c.supersedes,
        &c.superseded_by,
    ]
}

/// A claim's actors by role: (heading, list).
pub(super) fn claim_actors(c: &Claim) -> [(&'static str, &[ActorIx]); 3] {
    [("Claimants", &c.by), ("Via", &c.via), ("About", &c.about)]
}

/// Page `n` (1-based, `per` a page) of lists read one after another, each
/// item with its list's label; only the page's items are visited.
pub(super) fn grouped_page<T: Copy>(
    lists: &[(&'static str, &[T])],
    n: usize,
    per: usize,
) -> Vec<(&'static str, T)> {
    let mut skip = n.saturating_sub(1).saturating_mul(per);
    let mut page = Vec::new();
    for &(label, list) in lists {
        let from = skip.min(list.len());
        skip -= from;
        let take = (per - page.len()).min(list.len() - from);
        page.extend(list[from..from + take].iter().map(|&item| (label, item)));
    }
    page
}

impl Sublist {
    /// The file name stem of its pages, beside the owner's page.
    pub(super) fn name(self) -> &'static str {
        match self {
            Sublist::Members(_) => "members",
            Sublist::Aliases(_) => "names",
            Sublist::CitedIn(_) => "cited-in",
            Sublist::Related(_) => "related",
            Sublist::ClaimActors(_) | Sublist::BriefActors(_) => "actors",
            Sublist::BriefClaims(_) => "claims",
            Sublist::BriefTags(_) => "tags",
            Sublist::BriefSources(_) | Sublist::ClaimSources(_) => "sources",
            Sublist::BriefChanges(_) => "changes",
            Sublist::ClaimResponses(_) | Sublist::ActorResponses(_) => "responses",
        }
    }

    /// `ListCtx::kind`.
    pub(super) fn kind(self) -> &'static str {
        match self {
            Sublist::Members(_) => "members",
            Sublist::Aliases(_) => "aliases",
            Sublist::CitedIn(_) => "cited-in",
            Sublist::Related(_) => "related",
            Sublist::ClaimActors(_) => "claim-actors",
            Sublist::BriefActors(_) => "brief-actors",
            Sublist::BriefClaims(_) => "brief-claims",
            Sublist::BriefTags(_) => "brief-tags",
            Sublist::BriefSources(_) => "brief-sources",
            Sublist::BriefChanges(_) => "brief-changes",
            Sublist::ClaimSources(_) => "claim-sources",
            Sublist::ClaimResponses(_) => "claim-responses",
            Sublist::ActorResponses(_) => "actor-responses",
        }
    }

    pub(super) fn owner(self) -> Entity {
        match self {
            Sublist::Members(a) | Sublist::Aliases(a) | Sublist::ActorResponses(a) => {
                Entity::Actor(a)
            }
            Sublist::CitedIn(c)
            | Sublist::Related(c)
            | Sublist::ClaimActors(c)
            | Sublist::ClaimSources(c)
            | Sublist::ClaimResponses(c) => Entity::Claim(c),
            Sublist::BriefActors(b)
            | Sublist::BriefClaims(b)
            | Sublist::BriefTags(b)
            | Sublist::BriefSources(b)
            | Sublist::BriefChanges(b) => Entity::Brief(b),
        }
    }

    /// The owner's page: (its section's crumb, its name, its path).
    pub(super) fn owner_page(self, site: &Site) -> (&'static str, &'static str, String, String) {
        match self {
            Sublist::Members(a) | Sublist::Aliases(a) | Sublist::ActorResponses(a) => {
                let a = site.actor(a);
                ("Actors", urls::ACTORS, a.name.clone(), urls::actor(&a.id))
            }
            Sublist::CitedIn(c)
            | Sublist::Related(c)
            | Sublist::ClaimActors(c)
            | Sublist::ClaimSources(c)
            | Sublist::ClaimResponses(c) => {
                let c = site.claim(c);
                let name = shortened(&c.text_plain, 80);
                ("Claims", urls::CLAIMS, name, urls::claim(&c.id))
            }
            Sublist::BriefActors(b)
            | Sublist::BriefClaims(b)
            | Sublist::BriefTags(b)
            | Sublist::BriefSources(b)
            | Sublist::BriefChanges(b) => {
                let b = site.brief(b);
                ("Briefs", urls::BRIEFS, b.title.clone(), urls::brief(&b.id))
            }
        }
    }

    /// How many entries it has in all.
    pub(super) fn len(self, site: &Site) -> usize {
        match self {
            Sublist::Members(a) => site.actor(a).members.len(),
            Sublist::Aliases(a) => site.actor(a).aliases.len(),
            Sublist::CitedIn(c) => site.claim(c).cited_in.len(),
            Sublist::Related(c) => relations(site.claim(c)).iter().map(|l| l.len()).sum(),
            Sublist::ClaimActors(c) => claim_actors(site.claim(c)).iter().map(|l| l.1.len()).sum(),
            Sublist::BriefActors(b) => site.brief(b).actors.len(),
            Sublist::BriefClaims(b) => site.brief(b).claims.len(),
            Sublist::BriefTags(b) => site.brief(b).tags.len(),
            Sublist::BriefSources(b) => site.brief(b).sources.len(),
            Sublist::BriefChanges(b) => site.brief(b).changes.len(),
            Sublist::ClaimSources(c) => site.claim(c).sources.len(),
            Sublist::ClaimResponses(c) => site.claim(c).responses.len(),
            Sublist::ActorResponses(a) => site.actor(a).responses.len(),
        }
    }

    /// Whether the owner's page leaves some of it out (then it has pages).
    pub(super) fn needed(self, site: &Site) -> bool {
        let over = |list_len: usize, shown: usize| list_len > shown;
        match self {
            Sublist::Members(_) => over(self.len(site), MEMBERS_SHOWN),
            Sublist::Aliases(_) => over(self.len(site), ALIASES_SHOWN),
            Sublist::CitedIn(_) => over(self.len(site), CITING_SHOWN),
            Sublist::Related(c) => relations(site.claim(c))
                .iter()
                .any(|l| over(l.len(), RELATED_SHOWN)),
            Sublist::ClaimActors(c) => claim_actors(site.claim(c))
                .iter()
                .any(|l| over(l.1.len(), RECORD_ACTORS)),
            Sublist::BriefActors(_) => over(self.len(site), BRIEF_ACTORS_SHOWN),
            Sublist::BriefClaims(_) => over(self.len(site), BRIEF_CLAIMS_SHOWN),
            Sublist::BriefTags(_) => over(self.len(site), BRIEF_TAGS_SHOWN),
            Sublist::BriefSources(_) | Sublist::ClaimSources(_) => {
                over(self.len(site), SOURCES_SHOWN)
            }
            Sublist::BriefChanges(_) => over(self.len(site), CHANGES_SHOWN),
            Sublist::ClaimResponses(_) => over(self.len(site), RESPONSES_SHOWN),
            Sublist::ActorResponses(_) => over(self.len(site), ACTOR_RESPONSES_SHOWN),
        }
    }

    /// Its page `n` (1-based).
    pub(super) fn path(self, site: &Site, n: usize) -> String {
        let (_, _, _, owner) = self.owner_page(site);
        urls::sublist(&owner, self.name(), n)
    }

    /// How many pages it fills (none when the owner's page shows it all).
    pub(super) fn pages(self, site: &Site) -> usize {
        if self.needed(site) {
            self.len(site).div_ceil(LIST_PER_PAGE)
        } else {
            0
        }
    }

    /// The link to its first page, when it has pages.
    pub(super) fn link(self, ctx: &Ctx, n: usize) -> Option<String> {
        self.needed(ctx.site)
            .then(|| ctx.link.to(&self.path(ctx.site, n)))
    }
}

fn actor_item(ctx: &Ctx, a: ActorIx) -> ListItem {
    let r = ctx.actor_ref(a);
    ListItem {
        text: r.name,
        url: Some(r.url),
        lang: r.lang,
        note: Some(r.kind_label.to_string()),
        date: None,
    }
}

fn claim_item(ctx: &Ctx, c: ClaimIx) -> ListItem {
    let r = ctx.claim_ref(c);
    ListItem {
        text: r.text,
        url: Some(r.url),
        lang: None,
        note: Some(r.status_label.to_string()),
        date: None,
    }
}

fn source_item(ctx: &Ctx, s: &Source) -> ListItem {
    let r = ctx.source(s);
    ListItem {
        text: r.title,
        url: r.url,
        lang: None,
        note: r.publisher.map(|p| p.name),
        date: r.date,
    }
}

fn brief_item(ctx: &Ctx, b: BriefIx) -> ListItem {
    let r = ctx.brief_ref(b);
    ListItem {
        text: r.title,
        url: Some(r.url),
        lang: None,
        note: None,
        date: Some(r.date),
    }
}
