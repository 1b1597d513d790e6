//! Incidents: each incident's page, their list and their map.

use super::*;

/// With incidents: their list, their map when one has coordinates, and
/// each incident's page.
pub(super) fn specs(specs: &mut Specs) {
    let site = specs.site;
    if site.incidents.is_empty() {
        return;
    }
    let pages = site.incidents.len().div_ceil(LIST_PER_PAGE);
    for n in 1..=pages {
        specs.add(urls::list_page(urls::INCIDENTS, n), What::Incidents(n));
    }
    if site.incidents.iter().any(|i| mark_of(i).is_some()) {
        for n in 1..=pages {
            specs.add(urls::list_page(urls::MAP, n), What::Map(n));
        }
    }
    for (i, incident) in site.incidents.iter().enumerate() {
        specs.add(urls::incident(&incident.id), What::Incident(IncidentIx(i)));
    }
}

pub(super) fn incident(j: &Job, ix: IncidentIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Incident(ix)));
    let incident = incident_ctx(ctx, ix);
    let title = incident.title.clone();
    let description = Some(match &incident.when {
        Some(when) => format!("{}: {}, {}", title, incident.place, when.text),
        None => format!("{}: {}", title, incident.place),
    });
    let json_ld =
        structured::script_text(&structured::incident(&incident, site.base_url.as_deref()));
    let mut job = j.page(
        title,
        description,
        crumb("Incidents", urls::INCIDENTS),
        "incidents",
        Body::Incident {
            incident: Box::new(incident),
        },
    );
    job.common.page.json_ld = Some(json_ld);
    job
}

/// Page `n` of the incidents in list order (by start, then id, as the
/// site keeps them), with the number of incidents. Which fall on the page
/// depends on that order alone, which `Dep::IncidentOrder` prints; what
/// each shows is noted by `incident_item`.
fn listed(ctx: &Ctx, n: usize) -> (Vec<IncidentIx>, usize) {
    ctx.note(Dep::IncidentOrder);
    let all: Vec<IncidentIx> = (0..ctx.site.incidents.len()).map(IncidentIx).collect();
    let (shown, total) = page_of(&all, n, LIST_PER_PAGE);
    (shown.to_vec(), total)
}

pub(super) fn incidents(j: &Job, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let (shown, total) = listed(ctx, n);
    let incidents = shown.iter().map(|&ix| incident_item(ctx, ix)).collect();
    let title = if n == 1 {
        "Incidents".to_string()
    } else {
        format!("Incidents, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::INCIDENTS, n, total);
    let description = Some(format!(
        "The incidents {} tracks, oldest first: when, where, and the claims about each",
        site.title
    ));
    let map_url = site
        .incidents
        .iter()
        .any(|i| mark_of(i).is_some())
        .then(|| ctx.link.to(&urls::list_page(urls::MAP, n)));
    j.page(
        title,
        description,
        vec![],
        "incidents",
        Body::Incidents {
            incidents,
            pagination,
            map_url,
        },
    )
}

pub(super) fn map(j: &Job, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    // The same incidents as page `n` of the list.
    let (shown, total) = listed(ctx, n);
    let incidents: Vec<IncidentItem> = shown.iter().map(|&ix| incident_item(ctx, ix)).collect();
    let labels: Vec<String> = incidents
        .iter()
        .map(|i| match &i.when {
            Some(when) => format!("{} ({})", i.title, when.text),
            None => i.title.clone(),
        })
        .collect();
    let marks: Vec<crate::render::map::Mark> = shown
        .iter()
        .zip(&incidents)
        .zip(&labels)
        .filter_map(|((&ix, item), label)| {
            let (lat, lon) = mark_of(site.incident(ix))?;
            Some(crate::render::map::Mark {
                lat,
                lon,
                url: &item.url,
                label,
            })
        })
        .collect();
    let map = crate::render::map::overview_map(&marks, &site.map_layers);
    let title = if n == 1 {
        "Map of the incidents".to_string()
    } else {
        format!("Map of the incidents, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::MAP, n, total);
    let description = Some(format!(
        "Where the incidents {} tracks happened, on a map and as a list",
        site.title
    ));
    j.page(
        title,
        description,
        crumb("Incidents", urls::INCIDENTS),
        "incidents",
        Body::Map {
            map,
            incidents,
            pagination,
            incidents_url: ctx.link.to(&urls::list_page(urls::INCIDENTS, n)),
        },
    )
}

/// Where an incident's mark goes on a map of many: its point, else the
/// start of its track, else the middle of its area; `None` without
/// coordinates.
pub(super) fn mark_of(i: &Incident) -> Option<(f64, f64)> {
    i.point
        .or_else(|| i.track.first().map(|&(lat, lon, _)| (lat, lon)))
        .or_else(|| {
            let n = i.area.len() as f64;
            (n > 0.0).then(|| {
                let (lat, lon) = i
                    .area
                    .iter()
                    .fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
                (lat / n, lon / n)
            })
        })
}

/// An incident in a list: what it was, when, where.
pub(super) fn incident_item(ctx: &Ctx, ix: IncidentIx) -> IncidentItem {
    ctx.note(Dep::Full(Entity::Incident(ix)));
    let i = ctx.site.incident(ix);
    IncidentItem {
        id: i.id.clone(),
        url: ctx.link.to(&urls::incident(&i.id)),
        title: i.title.clone(),
        kind: i.kind.clone(),
        when: i.when.as_ref().map(when_ctx),
        place: i.place.clone(),
        position: mark_of(i).map(|(lat, lon)| crate::render::map::position_text(lat, lon)),
        claims: i.claims.len(),
    }
}

/// An incident's page: when and where, its account, every claim about
/// it oldest first, the briefs citing them, its actors and sources.
pub(super) fn incident_ctx(ctx: &Ctx, ix: IncidentIx) -> IncidentCtx {
    let site = ctx.site;
    let i = site.incident(ix);
    let mut claims = i.claims.clone();
    claims.sort_by(|a, b| {
        let (ca, cb) = (site.claim(*a), site.claim(*b));
        // Undated claims last; else oldest first.
        (ca.said.is_none(), ca.said, &ca.id).cmp(&(cb.said.is_none(), cb.said, &cb.id))
    });
    let mut briefs: Vec<BriefIx> = claims
        .iter()
        .flat_map(|&c| {
            let claim = site.claim(c);
            claim
                .declared_in
                .into_iter()
                .chain(claim.cited_in.iter().copied())
        })
        .collect();
    briefs.sort_by(|a, b| {
        let (ba, bb) = (site.brief(*a), site.brief(*b));
        bb.date.cmp(&ba.date).then(ba.id.cmp(&bb.id))
    });
    briefs.dedup();
    let point = |&(lat, lon): &(f64, f64), time: Option<String>| PointRow {
        lat,
        lon,
        text: crate::render::map::position_text(lat, lon),
        time,
    };
    IncidentCtx {
        id: i.id.clone(),
        title: i.title.clone(),
        kind: i.kind.clone(),
        when: i.when.as_ref().map(when_ctx),
        place: i.place.clone(),
        position: i
            .point
            .map(|(lat, lon)| crate::render::map::position_text(lat, lon)),
        latitude: i.point.map(|p| p.0),
        longitude: i.point.map(|p| p.1),
        precision: i.precision.map(Precision::label),
        track: i
            .track
            .iter()
            .map(|(lat, lon, time)| point(&(*lat, *lon), time.clone()))
            .collect(),
        area: i.area.iter().map(|p| point(p, None)).collect(),
        map: crate::render::map::incident_map(i, &site.map_layers),
        body_html: i.body.to_string(),
        toc: toc(&i.toc),
        actors: ctx.actor_refs(&i.actors),
        claims: claims.iter().map(|&c| ctx.claim_card(c)).collect(),
        briefs: briefs.iter().map(|&b| ctx.brief_ref(b)).collect(),
        sources: i.sources.iter().map(|s| ctx.source(s)).collect(),
        tags: i
            .tags
            .iter()
            .map(|name| {
                // Whether the tag has a page depends on the tags in use.
                ctx.note(Dep::TagOrder);
                let slug = slug::slugify(name);
                let found = site
                    .tags
                    .binary_search_by(|t| t.slug.as_str().cmp(&slug))
                    .ok();
                IncidentTag {
                    name: name.clone(),
                    url: found.map(|t| ctx.tag_ref(TagIx(t)).url),
                }
            })
            .collect(),
        extra: i.extra.clone(),
    }
}
