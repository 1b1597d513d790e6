//! The claims list, its ways in (verdict, grade, claimant) and each claim's page.

use super::*;

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
        "claims",
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
        "claims",
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
        "claims",
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
        "claimants",
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
        body_html: c.body.clone(),
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
        "claim",
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
