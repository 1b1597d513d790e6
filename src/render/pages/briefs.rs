//! The briefs list and each brief's page.

use super::*;

/// The briefs list, and each brief with its long lists.
pub(super) fn specs(specs: &mut Specs, briefs: &[BriefIx]) {
    specs.list(urls::BRIEFS, briefs.len(), BRIEFS_PER_PAGE, What::Briefs);
    for &b in briefs {
        specs.add(urls::brief(&specs.site.brief(b).id), What::Brief(b));
        specs.sublists([
            Sublist::BriefActors(b),
            Sublist::BriefClaims(b),
            Sublist::BriefTags(b),
            Sublist::BriefSources(b),
            Sublist::BriefChanges(b),
        ]);
    }
}

pub(super) fn briefs(j: &Job, n: usize) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::BriefOrder);
    let (shown, total) = page_of(&plan.briefs, n, BRIEFS_PER_PAGE);
    let briefs = shown.iter().map(|&b| ctx.brief_summary(b)).collect();
    let title = if n == 1 {
        "Briefs".to_string()
    } else {
        format!("Briefs, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::BRIEFS, n, total);
    let description = Some(format!("All briefs of {}, newest first", site.title));
    j.page(
        title,
        description,
        vec![],
        "briefs",
        Body::Briefs { briefs, pagination },
    )
}

pub(super) fn brief(j: &Job, bi: BriefIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Brief(bi)));
    let b = site.brief(bi);
    let brief = BriefCtx {
        id: b.id.clone(),
        url: ctx.link.to(&j.spec.path),
        title: b.title.clone(),
        date: Ctx::date(&b.date),
        updated: b.updated.as_ref().map(Ctx::date),
        changes: b
            .changes
            .iter()
            .take(CHANGES_SHOWN)
            .map(|c| ChangeCtx {
                date: Ctx::date(&c.date),
                note_html: ctx.html(&c.note),
                kind: c.kind.as_str(),
                kind_label: c.kind.label(),
                correction: c.kind == ChangeKind::Correction,
            })
            .collect(),
        changes_total: b.changes.len(),
        all_changes: Sublist::BriefChanges(bi).link(ctx, 1),
        corrected: b.corrected(),
        as_of: b.as_of.as_ref().map(Ctx::date),
        summary_html: b.summary.as_ref().map(|s| ctx.html(s)),
        judgements: b
            .judgements
            .iter()
            .map(|j| JudgementCtx {
                text_html: ctx.html(&j.text),
                likelihood: j.likelihood.map(|l| LikelihoodCtx {
                    term: l.as_str(),
                    range: l.range(),
                }),
                confidence: j.confidence.map(Confidence::as_str),
                claims: ctx.claim_refs(&j.claims[..j.claims.len().min(JUDGEMENT_CLAIMS_SHOWN)]),
                claims_total: j.claims.len(),
                basis: j
                    .claims
                    .iter()
                    .take(JUDGEMENT_CLAIMS_SHOWN)
                    .map(|&c| ctx.evidence_claim(c))
                    .collect(),
                against: j
                    .against
                    .iter()
                    .take(JUDGEMENT_CLAIMS_SHOWN)
                    .map(|&c| ctx.evidence_claim(c))
                    .collect(),
                against_total: j.against.len(),
                evidence: evidence_ctx(&j.evidence),
            })
            .collect(),
        tags: b
            .tags
            .iter()
            .take(BRIEF_TAGS_SHOWN)
            .map(|&t| ctx.tag_ref(t))
            .collect(),
        tags_total: b.tags.len(),
        all_tags: Sublist::BriefTags(bi).link(ctx, 1),
        authors: b.authors.clone(),
        actors: ctx.actor_refs(&b.actors[..b.actors.len().min(BRIEF_ACTORS_SHOWN)]),
        actors_total: b.actors.len(),
        all_actors: Sublist::BriefActors(bi).link(ctx, 1),
        sources: b
            .sources
            .iter()
            .take(SOURCES_SHOWN)
            .map(|s| ctx.source(s))
            .collect(),
        sources_total: b.sources.len(),
        all_sources: Sublist::BriefSources(bi).link(ctx, 1),
        claims: ctx.claim_cards(&b.claims[..b.claims.len().min(BRIEF_CLAIMS_SHOWN)]),
        claims_total: b.claims.len(),
        all_claims: Sublist::BriefClaims(bi).link(ctx, 1),
        body_html: b.body.to_string(),
        toc: toc(&b.toc),
        draft: b.draft,
        extra: b.extra.clone(),
    };
    let corrections: Vec<structured::Correction> = b
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Correction)
        .map(|c| structured::Correction {
            date: c.date.iso(),
            text: &c.note_text,
        })
        .collect();
    let data = structured::brief(
        &brief,
        &corrections,
        b.summary_text.as_deref(),
        &site.title,
        site.author.as_deref(),
        site.base_url.as_deref(),
    );
    let mut job = j.page(
        b.title.clone(),
        b.summary_text.clone(),
        crumb("Briefs", urls::BRIEFS),
        "briefs",
        Body::Brief {
            brief: Box::new(brief),
        },
    );
    job.common.page.json_ld = Some(structured::script_text(&data));
    job
}
