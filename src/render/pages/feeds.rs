//! The Atom feeds (the site's and each actor's) and the sitemap.

use super::*;

/// With a base URL only (they need absolute URLs): the site's feed, each
/// actor's, and the sitemap of every page added before, split in parts
/// when there are more than one may hold.
pub(super) fn specs(specs: &mut Specs) {
    let site = specs.site;
    if site.base_url.is_none() {
        return;
    }
    specs.add(urls::FEED.into(), What::Feed);
    for (i, a) in site.actors.iter().enumerate() {
        specs.add(urls::actor_feed(&a.id), What::ActorFeed(ActorIx(i)));
    }
    let pages = specs.list.iter().filter(|s| s.in_sitemap()).count();
    if pages <= SITEMAP_URLS {
        specs.add(urls::SITEMAP.into(), What::Sitemap(None));
    } else {
        specs.add(urls::SITEMAP.into(), What::Sitemap(Some(0)));
        for n in 1..=pages.div_ceil(SITEMAP_URLS) {
            specs.add(sitemap_part(n), What::Sitemap(Some(n)));
        }
    }
}

pub(super) fn feed(j: &Job) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::BriefOrder);
    let base = site.base_url.as_deref().unwrap_or_default();
    let mut entries: Vec<FeedEntry> = plan
        .briefs
        .iter()
        .take(FEED_ENTRIES)
        .map(|&b| brief_entry(ctx, base, b))
        .collect();
    // Incidents as they happened: any incident's date may move
    // it among the newest.
    ctx.note(Dep::IncidentOrder);
    entries.extend(
        (0..site.incidents.len())
            .filter_map(|i| incident_entry(ctx, base, IncidentIx(i)))
            .map(|(_, e)| e),
    );
    entries.sort_by(|x, y| {
        y.published
            .cmp(&x.published)
            .then_with(|| x.url.cmp(&y.url))
    });
    entries.truncate(FEED_ENTRIES);
    let feed = feed_ctx(
        &plan.site_ctx,
        || {
            ctx.note(Dep::Newest);
            plan.newest
        },
        urls::FEED,
        urls::HOME,
        site.title.clone(),
        site.description.clone(),
        entries,
    );
    j.page(
        site.title.clone(),
        None,
        vec![],
        "",
        Body::Feed {
            feed: Box::new(feed),
        },
    )
}

pub(super) fn actor_feed(j: &Job, ai: ActorIx) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Actor(ai)));
    let base = site.base_url.as_deref().unwrap_or_default();
    let a = site.actor(ai);
    let mut entries: Vec<(PartialDate, FeedEntry)> = a
        .briefs
        .iter()
        .map(|&b| {
            (
                site.brief(b).updated.unwrap_or(site.brief(b).date),
                brief_entry(ctx, base, b),
            )
        })
        .collect();
    let mut claims: Vec<ClaimIx> = a.claims_by.iter().chain(&a.claims_about).copied().collect();
    claims.sort();
    claims.dedup();
    for c in claims {
        if let Some(entry) = claim_entry(ctx, base, c) {
            entries.push(entry);
        }
    }
    entries.extend(
        a.incidents
            .iter()
            .filter_map(|&i| incident_entry(ctx, base, i)),
    );
    entries.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.url.cmp(&y.1.url)));
    let entries = entries
        .into_iter()
        .take(FEED_ENTRIES)
        .map(|(_, e)| e)
        .collect();
    let title = format!("{}: {}", site.title, a.name);
    let feed = feed_ctx(
        &plan.site_ctx,
        || {
            ctx.note(Dep::Newest);
            plan.newest
        },
        &urls::actor_feed(&a.id),
        &urls::actor(&a.id),
        title,
        a.role.clone(),
        entries,
    );
    j.page(
        a.name.clone(),
        None,
        vec![],
        "",
        Body::Feed {
            feed: Box::new(feed),
        },
    )
}

pub(super) fn sitemap(j: &Job, part: Option<usize>) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    // Every page: some come and go with no list order changing
    // (an actor's list of all its claims).
    ctx.note(Dep::Pages);
    let base = site.base_url.as_deref().unwrap_or_default();
    let pages: Vec<&Spec> = plan.specs.iter().filter(|s| s.in_sitemap()).collect();
    let (urls, sitemaps) = match part {
        // The index of a sitemap split in parts.
        Some(0) => {
            let parts = pages.len().div_ceil(SITEMAP_URLS);
            (
                Vec::new(),
                (1..=parts)
                    .map(|n| urls::absolute(base, &sitemap_part(n)))
                    .collect(),
            )
        }
        _ => {
            let chunk = match part {
                Some(n) => pages
                    .iter()
                    .skip((n - 1) * SITEMAP_URLS)
                    .take(SITEMAP_URLS)
                    .copied()
                    .collect(),
                None => pages,
            };
            let urls = chunk
                .into_iter()
                .map(|s| SitemapUrl {
                    loc: urls::absolute(base, &s.path),
                    lastmod: match s.what {
                        What::Brief(b) => {
                            ctx.note(Dep::Ref(Entity::Brief(b)));
                            let b = site.brief(b);
                            Some(b.updated.unwrap_or(b.date).iso())
                        }
                        _ => None,
                    },
                })
                .collect();
            (urls, Vec::new())
        }
    };
    j.page(
        "Sitemap".into(),
        None,
        vec![],
        "",
        Body::Sitemap { urls, sitemaps },
    )
}

/// URLs in one sitemap file, at most (the sitemap protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// Part `n` of a sitemap too large for one file.
pub(super) fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// Entries in a feed, at most.
pub(super) const FEED_ENTRIES: usize = 50;

/// An RFC 3339 timestamp for a (partial) date: its first day, at midnight UTC.
pub(super) fn timestamp(d: &PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

pub(super) fn brief_entry(ctx: &Ctx, base: &str, ix: BriefIx) -> FeedEntry {
    ctx.note(Dep::Full(Entity::Brief(ix)));
    let b = ctx.site.brief(ix);
    FeedEntry {
        url: urls::absolute(base, &urls::brief(&b.id)),
        title: b.title.clone(),
        published: timestamp(&b.date),
        updated: timestamp(&b.updated.unwrap_or(b.date)),
        summary: b.summary_text.clone(),
        category: "Brief",
    }
}

/// A claim as a feed entry, dated by when it was made; undated claims are left out.
pub(super) fn claim_entry(ctx: &Ctx, base: &str, ix: ClaimIx) -> Option<(PartialDate, FeedEntry)> {
    ctx.note(Dep::Full(Entity::Claim(ix)));
    let c = ctx.site.claim(ix);
    let said = c.said?;
    let by: Vec<String> = c.by.iter().map(|a| ctx.actor_ref(*a).name).collect();
    let entry = FeedEntry {
        url: urls::absolute(base, &urls::claim(&c.id)),
        title: c.text_plain.clone(),
        published: timestamp(&said),
        updated: timestamp(&said),
        summary: Some(format!(
            "Claim by {}; status: {}.",
            by.join(", "),
            c.status.label().to_lowercase()
        )),
        category: "Claim",
    };
    Some((said, entry))
}

/// An incident as a feed entry, dated by when it happened (in UTC, to the
/// minute when its time is known); incidents without a date are left out.
pub(super) fn incident_entry(
    ctx: &Ctx,
    base: &str,
    ix: IncidentIx,
) -> Option<(PartialDate, FeedEntry)> {
    ctx.note(Dep::Ref(Entity::Incident(ix)));
    let i = ctx.site.incident(ix);
    let when = i.when?;
    let at = match when.from_time {
        Some(t) => {
            let (day, t) = t.utc(&when.from);
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                day.year,
                day.month.unwrap_or(1),
                day.day.unwrap_or(1),
                t.hour,
                t.minute,
                t.second.unwrap_or(0)
            )
        }
        None => timestamp(&when.from),
    };
    let summary = match &i.kind {
        Some(kind) => format!("Incident ({kind}) at {}.", i.place),
        None => format!("Incident at {}.", i.place),
    };
    let entry = FeedEntry {
        url: urls::absolute(base, &urls::incident(&i.id)),
        title: i.title.clone(),
        published: at.clone(),
        updated: at,
        summary: Some(summary),
        category: "Incident",
    };
    Some((when.from_utc(), entry))
}

/// A feed of `entries`, dated by its newest entry; a feed without entries
/// takes the date of the site's newest brief, which `newest` gives (and
/// notes as read: the feed depends on it only then). It gets site.yaml's
/// settings, not the site, so that it reads nothing else unnoted.
fn feed_ctx(
    site: &SiteCtx,
    newest: impl FnOnce() -> Option<PartialDate>,
    path: &str,
    about: &str,
    title: String,
    subtitle: Option<String>,
    entries: Vec<FeedEntry>,
) -> FeedCtx {
    let base = site.base_url.as_deref().unwrap_or_default();
    let updated = entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        .or_else(|| newest().as_ref().map(timestamp))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    FeedCtx {
        title,
        subtitle,
        url: urls::absolute(base, path),
        alternate: urls::absolute(base, about),
        updated,
        author: site.author.clone().unwrap_or_else(|| site.title.clone()),
        entries,
    }
}
