//! The claims list, its ways in (verdict, grade, claimant) and each claim's page.

use super::*;

/// The claims list and its ways in, and each claim with its long lists.
pub(super) fn specs(specs: &mut Specs, claims: &[ClaimIx], facets: &Facets) {
    specs.list(urls::CLAIMS, claims.len(), CLAIMS_PER_PAGE, What::Claims);
    for (i, (status, range)) in facets.statuses.iter().enumerate() {
        for n in 1..=range.len().div_ceil(CLAIMS_PER_PAGE) {
            specs.add(
                urls::claims_with_status(status.as_str(), n),
                What::Verdict(i, n),
            );
        }
    }
    for (i, (grade, list)) in facets.grades.iter().enumerate() {
        for n in 1..=list.len().div_ceil(CLAIMS_PER_PAGE) {
            specs.add(
                urls::claims_with_grade(&grade_slug(*grade), n),
                What::Grade(i, n),
            );
        }
    }
    for n in 1..=facets.claimants.len().div_ceil(CLAIMANTS_PER_PAGE) {
        specs.add(urls::claimants(n), What::Claimants(n));
    }
    for &c in claims {
        specs.add(urls::claim(&specs.site.claim(c).id), What::Claim(c));
        specs.sublists([
            Sublist::CitedIn(c),
            Sublist::Related(c),
            Sublist::ClaimActors(c),
            Sublist::ClaimSources(c),
            Sublist::ClaimResponses(c),
        ]);
    }
}

pub(super) fn claims(j: &Job, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::ClaimOrder);
    let (shown, total) = page_of(&plan.claims, n, CLAIMS_PER_PAGE);
    let groups = plan.claim_groups(ctx, shown);
    let title = if n == 1 {
        "Claims".to_string()
    } else {
        format!("Claims, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::CLAIMS, n, total);
    let description = Some(format!("Every claim {} tracks, by status", site.title));
    j.page(
        title,
        description,
        vec![],
        "claims",
        Body::Claims {
            groups,
            pagination,
            facets: plan.claim_facets(ctx, None),
            facet: None,
            grade_matrix: (n == 1).then(|| plan.grade_matrix(ctx, None)),
        },
    )
}

pub(super) fn verdict(j: &Job, i: usize, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::ClaimOrder);
    let (status, range) = &plan.facets.statuses[i];
    let (shown, total) = page_of(&plan.claims[range.clone()], n, CLAIMS_PER_PAGE);
    let groups = plan.claim_groups(ctx, shown);
    let facets = plan.claim_facets(ctx, Some(status.as_str()));
    let facet = facets.verdicts.iter().find(|v| v.current).cloned();
    let mut title = format!("Claims the desk judges {}", status.label().to_lowercase());
    if n > 1 {
        title.push_str(&format!(", page {n}"));
    }
    let pagination = paginate(
        &ctx.link,
        |k| urls::claims_with_status(status.as_str(), k),
        n,
        total,
    );
    let description = Some(format!(
        "The {} claims of {} with the verdict {}",
        range.len(),
        site.title,
        status.label()
    ));
    j.page(
        title,
        description,
        crumb("Claims", urls::CLAIMS),
        "claims",
        Body::Claims {
            groups,
            pagination,
            facets,
            facet,
            grade_matrix: None,
        },
    )
}

pub(super) fn grade(j: &Job, i: usize, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let (grade, list) = &plan.facets.grades[i];
    let slug = grade_slug(*grade);
    let (shown, total) = page_of(list, n, CLAIMS_PER_PAGE);
    let groups = plan.claim_groups(ctx, shown);
    let facets = plan.claim_facets(ctx, Some(&slug));
    let facet = facets.grades.iter().find(|g| g.current).cloned();
    let mut title = match grade {
        Some(_) => format!("Claims graded {}", grade_label(*grade)),
        None => "Claims without a grade".to_string(),
    };
    if n > 1 {
        title.push_str(&format!(", page {n}"));
    }
    let pagination = paginate(&ctx.link, |k| urls::claims_with_grade(&slug, k), n, total);
    let description = Some(match grade {
        Some((r, c)) => format!(
            "The {} claims of {} graded {}: source {}, information {}",
            list.len(),
            site.title,
            grade_label(*grade),
            r.label().to_lowercase(),
            c.label().to_lowercase()
        ),
        None => format!(
            "The {} claims of {} without both a source reliability and a credibility",
            list.len(),
            site.title
        ),
    });
    j.page(
        title,
        description,
        crumb("Claims", urls::CLAIMS),
        "claims",
        Body::Claims {
            groups,
            pagination,
            facets,
            facet,
            grade_matrix: Some(plan.grade_matrix(ctx, Some(&slug))),
        },
    )
}

pub(super) fn claimants(j: &Job, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let (shown, total) = page_of(&plan.facets.claimants, n, CLAIMANTS_PER_PAGE);
    let claimants = shown
        .iter()
        .map(|(a, counts)| {
            let verdicts: Vec<VerdictCount> = Status::ALL
                .iter()
                .zip(counts)
                .filter(|(_, &count)| count > 0)
                .map(|(s, &count)| VerdictCount {
                    status: s.as_str(),
                    label: s.label(),
                    count,
                })
                .collect();
            let verdict_line = verdicts
                .iter()
                .map(|v| format!("{} {}", v.count, v.label.to_lowercase()))
                .collect::<Vec<_>>()
                .join(" · ");
            ClaimantRow {
                actor: ctx.actor_ref(*a),
                claims: counts.iter().sum(),
                verdicts,
                verdict_line,
            }
        })
        .collect();
    let title = if n == 1 {
        "Claimants".to_string()
    } else {
        format!("Claimants, page {n}")
    };
    let pagination = paginate(&ctx.link, urls::claimants, n, total);
    let description = Some(format!(
        "The {} actors who made the claims {} tracks, most claims first",
        plan.facets.claimants.len(),
        site.title
    ));
    j.page(
        title,
        description,
        crumb("Claims", urls::CLAIMS),
        "claims",
        Body::Claimants {
            claimants,
            pagination,
            facets: plan.claim_facets(ctx, Some("claimants")),
        },
    )
}

pub(super) fn claim(j: &Job, ci: ClaimIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let c = site.claim(ci);
    let related = |list: &[ClaimIx]| ctx.claim_refs(&list[..list.len().min(RELATED_SHOWN)]);
    let related_more = relations(c)
        .iter()
        .map(|l| l.len().saturating_sub(RELATED_SHOWN))
        .sum();
    let claim = ClaimCtx {
        card: ctx.claim_card_showing(ci, RECORD_ACTORS, SOURCES_SHOWN),
        responses: c
            .responses
            .iter()
            .take(RESPONSES_SHOWN)
            .map(|r| ctx.response(r))
            .collect(),
        responses_total: c.responses.len(),
        all_responses: Sublist::ClaimResponses(ci).link(ctx, 1),
        verdict_date: c.verdict_date.as_ref().map(Ctx::date),
        citing: c
            .cited_in
            .iter()
            .take(CITING_SHOWN)
            .map(|&b| ctx.brief_ref(b))
            .collect(),
        citing_total: c.cited_in.len(),
        all_citing: Sublist::CitedIn(ci).link(ctx, 1),
        supports: related(&c.supports),
        supported_by: related(&c.supported_by),
        contradicts: related(&c.contradicts),
        contradicted_by: related(&c.contradicted_by),
        supersedes: related(&c.supersedes),
        superseded_by: related(&c.superseded_by),
        related_more,
        all_related: Sublist::Related(ci).link(ctx, 1),
        all_actors: Sublist::ClaimActors(ci).link(ctx, 1),
        all_sources: Sublist::ClaimSources(ci).link(ctx, 1),
        body_html: c.body.to_string(),
        toc: toc(&c.toc),
        extra: c.extra.clone(),
    };
    let title: String = c.text_plain.clone();
    let data = structured::claim(
        &claim,
        &site.title,
        site.author.as_deref(),
        site.base_url.as_deref(),
    );
    let mut job = j.page(
        title.clone(),
        Some(title),
        crumb("Claims", urls::CLAIMS),
        "claims",
        Body::Claim {
            claim: Box::new(claim),
        },
    );
    job.common.page.json_ld = Some(structured::script_text(&data));
    job
}

/// The ways into the claims list, each a slice of the plan's orders:
/// claims by verdict, by grade and by claimant, dated claims by month.
#[derive(Debug, Default)]
pub(super) struct Facets {
    /// Every verdict with claims, in list order, and where its claims are
    /// in `Plan::claims` (the list is sorted by verdict first).
    pub(super) statuses: Vec<(Status, Range<usize>)>,
    /// Every grade with claims (`A1`…`F6`, then the ungraded), its claims
    /// in list order.
    pub(super) grades: Vec<(GradeKey, Vec<ClaimIx>)>,
    /// Every actor that made claims, most first, then by name: its claims
    /// by verdict, in `Status::ALL` order.
    pub(super) claimants: Vec<(ActorIx, [usize; STATUSES])>,
    /// Every month with dated claims, newest first, and where its claims
    /// are in `Plan::timeline` (sorted by date made first).
    pub(super) months: Vec<(MonthKey, Range<usize>)>,
}

pub(super) const STATUSES: usize = Status::ALL.len();

/// Claimants a page of claimants.html lists.
pub(super) const CLAIMANTS_PER_PAGE: usize = 100;

impl Facets {
    pub(super) fn new(site: &Site, claims: &[ClaimIx], timeline: &[ClaimIx]) -> Facets {
        use std::collections::BTreeMap;
        let mut statuses: Vec<(Status, Range<usize>)> = Vec::new();
        for (i, &c) in claims.iter().enumerate() {
            let status = site.claim(c).status;
            match statuses.last_mut() {
                Some((s, range)) if *s == status => range.end = i + 1,
                _ => statuses.push((status, i..i + 1)),
            }
        }
        let mut grades: BTreeMap<(bool, GradeKey), Vec<ClaimIx>> = BTreeMap::new();
        let mut made: BTreeMap<ActorIx, [usize; STATUSES]> = BTreeMap::new();
        for &c in claims {
            let claim = site.claim(c);
            let key = site.reliability(claim).zip(claim.credibility);
            grades.entry((key.is_none(), key)).or_default().push(c);
            let status = Status::ALL
                .iter()
                .position(|s| *s == claim.status)
                .unwrap_or(0);
            for &a in &claim.by {
                made.entry(a).or_insert([0; STATUSES])[status] += 1;
            }
        }
        let mut claimants: Vec<(ActorIx, [usize; STATUSES])> = made.into_iter().collect();
        claimants.sort_by(|(a, x), (b, y)| {
            let (x, y): (usize, usize) = (x.iter().sum(), y.iter().sum());
            y.cmp(&x)
                .then(site.actor(*a).name.cmp(&site.actor(*b).name))
                .then(a.cmp(b))
        });
        let mut months: Vec<(MonthKey, Range<usize>)> = Vec::new();
        for (i, &c) in timeline.iter().enumerate() {
            let Some(said) = site.claim(c).said else {
                continue;
            };
            let key = (said.year, said.month);
            match months.last_mut() {
                Some((k, range)) if *k == key => range.end = i + 1,
                _ => months.push((key, i..i + 1)),
            }
        }
        Facets {
            statuses,
            grades: grades.into_iter().map(|((_, k), v)| (k, v)).collect(),
            claimants,
            months,
        }
    }
}

/// `b2`, or `ungraded`: a grade's key in URLs.
pub(super) fn grade_slug(key: GradeKey) -> String {
    match key {
        Some((r, c)) => format!("{}{}", r.as_str(), c.as_str()).to_lowercase(),
        None => "ungraded".to_string(),
    }
}

/// `B2`, or "Not graded".
pub(super) fn grade_label(key: GradeKey) -> String {
    match key {
        Some((r, c)) => format!("{}{}", r.as_str(), c.as_str()),
        None => "Not graded".to_string(),
    }
}

/// The link to a grade's claims; `current` is the page's own key.
pub(super) fn grade_link(
    ctx: &Ctx,
    key: GradeKey,
    count: usize,
    current: Option<&str>,
) -> FacetLink {
    let slug = grade_slug(key);
    FacetLink {
        url: ctx.link.to(&urls::claims_with_grade(&slug, 1)),
        current: current == Some(slug.as_str()),
        key: slug,
        label: grade_label(key),
        count,
    }
}

impl Plan {
    /// A page's claims grouped by verdict, each group with its true count
    /// and the link to all its claims.
    pub(super) fn claim_groups(&self, ctx: &Ctx, shown: &[ClaimIx]) -> Vec<ClaimGroup> {
        ctx.note(Dep::ClaimFacets);
        let mut groups: Vec<ClaimGroup> = Vec::new();
        for &c in shown {
            let status = ctx.site.claim(c).status;
            match groups.last_mut() {
                Some(g) if g.status == status.as_str() => g.claims.push(ctx.claim_card(c)),
                _ => groups.push(ClaimGroup {
                    status: status.as_str(),
                    label: status.label(),
                    claims: vec![ctx.claim_card(c)],
                    total: self
                        .facets
                        .statuses
                        .iter()
                        .find(|(s, _)| *s == status)
                        .map_or(0, |(_, r)| r.len()),
                    url: ctx.link.to(&urls::claims_with_status(status.as_str(), 1)),
                }),
            }
        }
        groups
    }

    /// The ways into the claims; `current` is the key of the page's own
    /// verdict or grade.
    pub(super) fn claim_facets(&self, ctx: &Ctx, current: Option<&str>) -> ClaimFacets {
        ctx.note(Dep::ClaimFacets);
        let verdicts = self
            .facets
            .statuses
            .iter()
            .map(|(s, r)| FacetLink {
                key: s.as_str().to_string(),
                label: s.label().to_string(),
                count: r.len(),
                url: ctx.link.to(&urls::claims_with_status(s.as_str(), 1)),
                current: current == Some(s.as_str()),
            })
            .collect();
        let grades = self
            .facets
            .grades
            .iter()
            .map(|(g, list)| grade_link(ctx, *g, list.len(), current))
            .collect();
        ClaimFacets {
            total: self.claims.len(),
            all_url: ctx.link.to(urls::CLAIMS),
            verdicts,
            grades,
            claimants_url: ctx.link.to(&urls::claimants(1)),
            claimants: self.facets.claimants.len(),
            timeline_url: ctx.link.to(urls::TIMELINE),
            dated: self.timeline.len(),
        }
    }

    /// The grade matrix: reliability `A`…`F` by credibility `1`…`6`.
    pub(super) fn grade_matrix(&self, ctx: &Ctx, current: Option<&str>) -> Vec<GradeRow> {
        ctx.note(Dep::ClaimFacets);
        Reliability::ALL
            .iter()
            .map(|&r| GradeRow {
                reliability: r.as_str(),
                label: r.label(),
                cells: Credibility::ALL
                    .iter()
                    .map(|&c| {
                        let key = Some((r, c));
                        self.facets
                            .grades
                            .iter()
                            .find(|(g, _)| *g == key)
                            .map(|(_, list)| grade_link(ctx, key, list.len(), current))
                    })
                    .collect(),
            })
            .collect()
    }
}
