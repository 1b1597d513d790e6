//! The timeline: its first page and one page per month.

use super::*;

pub(super) fn timeline(j: &Job) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::TimelineOrder);
    ctx.note(Dep::ClaimFacets);
    let (shown, _) = page_of(&plan.timeline, 1, TIMELINE_CLAIMS);
    let months = plan.timeline_months(ctx, shown);
    let description = Some(format!(
        "The claims {} tracks, by the month they were made",
        site.title
    ));
    let timeline = TimelineCtx {
        chart_svg: plan.timeline_chart(ctx),
        months,
        index: plan.timeline_index(ctx),
        index_year_only: plan.facets.months.iter().any(|((_, m), _)| m.is_none()),
        month: None,
        dated: plan.timeline.len(),
        index_url: ctx.link.to(urls::TIMELINE),
        incidents: vec![],
        incidents_total: 0,
        incidents_url: None,
    };
    let timeline = timeline_incidents(ctx, timeline, None);
    j.page(
        "timeline",
        "Timeline".into(),
        description,
        vec![],
        "timeline",
        Body::Timeline {
            timeline,
            pagination: paginate(&ctx.link, |_| urls::TIMELINE.to_string(), 1, 1),
        },
    )
}

pub(super) fn month(j: &Job, i: usize, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::TimelineOrder);
    ctx.note(Dep::ClaimFacets);
    let (key, range) = &plan.facets.months[i];
    let (shown, total) = page_of(&plan.timeline[range.clone()], n, TIMELINE_CLAIMS);
    let months = plan.timeline_months(ctx, shown);
    let link = |j: usize| plan.month_link(ctx, j, Some(i));
    let nav = MonthNav {
        current: link(i),
        older: (i + 1 < plan.facets.months.len()).then(|| link(i + 1)),
        newer: i.checked_sub(1).map(link),
    };
    let label = month_label(*key);
    let mut title = match key.1 {
        Some(_) => format!("Claims made in {label}"),
        None => format!("Claims dated {label} alone"),
    };
    if n > 1 {
        title.push_str(&format!(", page {n}"));
    }
    let pagination = paginate(
        &ctx.link,
        |k| urls::timeline_month(key.0, key.1, k),
        n,
        total,
    );
    let description = Some(format!(
        "The {} claims {} tracks that were made in {label}",
        range.len(),
        site.title
    ));
    let timeline = TimelineCtx {
        chart_svg: None,
        months,
        index: vec![],
        index_year_only: false,
        month: Some(nav),
        dated: plan.timeline.len(),
        index_url: ctx.link.to(urls::TIMELINE),
        incidents: vec![],
        incidents_total: 0,
        incidents_url: None,
    };
    let timeline = timeline_incidents(ctx, timeline, Some(*key));
    j.page(
        "timeline",
        title,
        description,
        crumb("Timeline", urls::TIMELINE),
        "timeline",
        Body::Timeline {
            timeline,
            pagination,
        },
    )
}

/// The most incidents the timeline's first page lists.
pub(super) const TIMELINE_INCIDENTS: usize = 100;

/// The timeline with its incidents: on the first page (`month` `None`)
/// the newest, on a month's page those that began in it (by UTC date;
/// `(year, None)`: those dated by the year alone).
pub(super) fn timeline_incidents(
    ctx: &Ctx,
    mut timeline: TimelineCtx,
    month: Option<MonthKey>,
) -> TimelineCtx {
    let site = ctx.site;
    ctx.note(Dep::IncidentOrder);
    if site.incidents.is_empty() {
        return timeline;
    }
    // Which incidents fall where depends on every incident's date.
    for ix in 0..site.incidents.len() {
        ctx.note(Dep::Ref(Entity::Incident(IncidentIx(ix))));
    }
    let matching: Vec<IncidentIx> = (0..site.incidents.len())
        .rev()
        .map(IncidentIx)
        .filter(|&ix| match month {
            None => true,
            Some((year, m)) => site.incident(ix).when.is_some_and(|w| {
                let from = w.from_utc();
                from.year == year && from.month == m
            }),
        })
        .collect();
    timeline.incidents_total = matching.len();
    timeline.incidents = matching
        .iter()
        .take(TIMELINE_INCIDENTS)
        .map(|&ix| incident_item(ctx, ix))
        .collect();
    timeline.incidents_url = Some(ctx.link.to(urls::INCIDENTS));
    timeline
}

/// Claims a timeline page lists, at most.
pub(super) const TIMELINE_CLAIMS: usize = 100;
