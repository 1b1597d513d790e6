//! The timeline: its first page and one page per month.

use super::*;

/// The timeline's first page and the pages of each month.
pub(super) fn specs(specs: &mut Specs, facets: &Facets) {
    specs.add(urls::TIMELINE.into(), What::Timeline);
    for (i, ((year, month), range)) in facets.months.iter().enumerate() {
        for n in 1..=range.len().div_ceil(TIMELINE_CLAIMS) {
            specs.add(urls::timeline_month(*year, *month, n), What::Month(i, n));
        }
    }
}

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

/// "April 2025", or "2025" for the year alone.
pub(super) fn month_label((year, month): MonthKey) -> String {
    PartialDate {
        year,
        month,
        day: None,
    }
    .text()
}

/// `2025-04`, or `2025`.
pub(super) fn month_iso((year, month): MonthKey) -> String {
    PartialDate {
        year,
        month,
        day: None,
    }
    .iso()
}

/// Years the timeline chart draws at most (the latest).
pub(super) const TIMELINE_YEARS: u16 = 60;

/// The months as the timeline's index heads them.
pub(super) const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Plan {
    /// A page's dated claims grouped by the month they were made, each
    /// month with its true count and the link to its page.
    pub(super) fn timeline_months(&self, ctx: &Ctx, shown: &[ClaimIx]) -> Vec<TimelineMonth> {
        let site = ctx.site;
        let mut months: Vec<TimelineMonth> = Vec::new();
        for &c in shown {
            ctx.note(Dep::Full(Entity::Claim(c)));
            let claim = site.claim(c);
            let Some(said) = claim.said else { continue };
            let key = (said.year, said.month);
            let item = TimelineItem {
                claim: ctx.claim_ref(c),
                by: ctx.actor_refs(&claim.by[..claim.by.len().min(CARD_ACTORS)]),
                by_more: claim.by.len().saturating_sub(CARD_ACTORS),
                said: Ctx::date(&said),
                when: claim.when.as_ref().map(when_ctx),
            };
            match months.last_mut() {
                Some(last) if last.iso == month_iso(key) => last.claims.push(item),
                _ => {
                    let total = self
                        .facets
                        .months
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or(0, |(_, r)| r.len());
                    months.push(TimelineMonth {
                        label: month_label(key),
                        iso: month_iso(key),
                        claims: vec![item],
                        total,
                        url: ctx.link.to(&urls::timeline_month(key.0, key.1, 1)),
                    })
                }
            }
        }
        months
    }

    /// The link to the `i`th month of the timeline; `current` is the
    /// page's own.
    pub(super) fn month_link(&self, ctx: &Ctx, i: usize, current: Option<usize>) -> FacetLink {
        let (key, range) = &self.facets.months[i];
        FacetLink {
            key: month_iso(*key),
            label: month_label(*key),
            count: range.len(),
            url: ctx.link.to(&urls::timeline_month(key.0, key.1, 1)),
            current: current == Some(i),
        }
    }

    /// The timeline's index: every year with dated claims, newest first,
    /// its months linked.
    pub(super) fn timeline_index(&self, ctx: &Ctx) -> Vec<TimelineYear> {
        let mut years: Vec<TimelineYear> = Vec::new();
        for (i, ((year, month), range)) in self.facets.months.iter().enumerate() {
            if years.last().is_none_or(|y| y.year != *year) {
                years.push(TimelineYear {
                    year: *year,
                    anchor: format!("y{year:04}"),
                    count: 0,
                    months: vec![None; 12],
                    year_only: None,
                });
            }
            let Some(row) = years.last_mut() else {
                continue;
            };
            row.count += range.len();
            let mut link = self.month_link(ctx, i, None);
            match month {
                Some(m) => {
                    let m = usize::from(*m).clamp(1, 12);
                    link.label = MONTH_ABBREVIATIONS[m - 1].to_string();
                    row.months[m - 1] = Some(link);
                }
                None => row.year_only = Some(link),
            }
        }
        years
    }

    /// Claims per month from the first dated claim to the last, or per
    /// year when that is more than `TIMELINE_MONTHS` months (the latest
    /// `TIMELINE_YEARS` years at most); each slot links to its claims, and
    /// the description says what is not drawn.
    pub(super) fn timeline_chart(&self, ctx: &Ctx) -> Option<String> {
        use crate::render::charts::{Slot, TIMELINE_MONTHS};
        use std::collections::BTreeMap;
        let site = ctx.site;
        let (first, last) = (self.facets.months.last()?.0, self.facets.months.first()?.0);
        let months_of = |(y, m): (u16, u8)| u32::from(y) * 12 + u32::from(m) - 1;
        let (made_lo, made_hi) = (
            (first.0, first.1.unwrap_or(1)),
            (last.0, last.1.unwrap_or(12)),
        );
        let monthly = months_of(made_hi) - months_of(made_lo) < TIMELINE_MONTHS as u32;
        // Slots are (year, month), or (year, 0) by year. Claims dated
        // centuries apart (`said: 0001` beside `said: 2025`) must not make
        // a bar of every year between.
        let (mut lo, mut hi) = if monthly {
            (made_lo, made_hi)
        } else {
            let start = first.0.max(last.0.saturating_sub(TIMELINE_YEARS - 1));
            ((start, 0), (last.0, 0))
        };
        // By month, the months of the events the claims describe widen
        // the chart as long as it stays within `TIMELINE_MONTHS`.
        if monthly {
            let mut events: Vec<(u16, u8)> = self
                .timeline
                .iter()
                .filter_map(|&c| site.claim(c).when)
                .map(|w| w.from_utc())
                .filter_map(|d| d.month.map(|m| (d.year, m)))
                .collect();
            events.sort_unstable();
            let fits =
                |a: (u16, u8), b: (u16, u8)| months_of(b) - months_of(a) < TIMELINE_MONTHS as u32;
            let (made_lo, made_hi) = (lo, hi);
            for &e in events.iter().filter(|e| **e < made_lo).rev() {
                if fits(e, hi) {
                    lo = e;
                }
            }
            for &e in events.iter().filter(|e| **e > made_hi) {
                if fits(lo, e) {
                    hi = e;
                }
            }
        }
        let slot_of = |d: &PartialDate| match (monthly, d.month) {
            (true, Some(m)) => Some((d.year, m)),
            (true, None) => None,
            (false, _) => Some((d.year, 0)),
        };
        let mut counts: BTreeMap<(u16, u8), (usize, usize)> = BTreeMap::new();
        let (mut made_out, mut events_out) = (0, 0);
        for &c in &self.timeline {
            ctx.note(Dep::Full(Entity::Claim(c)));
            let claim = site.claim(c);
            let Some(said) = claim.said else { continue };
            match slot_of(&said).filter(|k| (lo..=hi).contains(k)) {
                Some(k) => counts.entry(k).or_default().0 += 1,
                None => made_out += 1,
            }
            if let Some(when) = claim.when {
                match slot_of(&when.from_utc()).filter(|k| (lo..=hi).contains(k)) {
                    Some(k) => counts.entry(k).or_default().1 += 1,
                    None => events_out += 1,
                }
            }
        }
        let mut slots = Vec::new();
        if monthly {
            let (mut year, mut month) = lo;
            while (year, month) <= hi {
                let (made, events) = counts.get(&(year, month)).copied().unwrap_or_default();
                slots.push(Slot {
                    label: month_label((year, Some(month))),
                    made,
                    events,
                    url: (made > 0)
                        .then(|| ctx.link.to(&urls::timeline_month(year, Some(month), 1))),
                });
                (year, month) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
            }
        } else {
            for year in lo.0..=hi.0 {
                let (made, events) = counts.get(&(year, 0)).copied().unwrap_or_default();
                slots.push(Slot {
                    label: format!("{year:04}"),
                    made,
                    events,
                    url: (made > 0).then(|| format!("#y{year:04}")),
                });
            }
        }
        let plural = |n: usize| if n == 1 { ("", "is") } else { ("s", "are") };
        let mut notes = Vec::new();
        if made_out > 0 {
            let (s, be) = plural(made_out);
            notes.push(if monthly {
                format!("{made_out} claim{s} dated by the year alone {be} not drawn.")
            } else {
                format!(
                    "{made_out} claim{s} made before {:04} {be} not drawn.",
                    lo.0
                )
            });
        }
        if events_out > 0 {
            let (s, be) = plural(events_out);
            notes.push(format!(
                "{events_out} claim{s} about events outside these {} {be} not drawn as events.",
                if monthly { "months" } else { "years" }
            ));
        }
        let per = if monthly { "month" } else { "year" };
        crate::render::charts::timeline(&slots, per, &notes.join(" "))
    }
}
