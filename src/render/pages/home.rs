//! The home page: the latest briefs and the counts.

use super::*;

/// The home page.
pub(super) fn specs(specs: &mut Specs) {
    specs.add(urls::HOME.into(), What::Home);
}

pub(super) fn home(j: &Job) -> PageJob {
    let plan = j.plan;
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::BriefOrder);
    ctx.note(Dep::Counts);
    let latest = plan
        .briefs
        .iter()
        .take(HOME_BRIEFS)
        .map(|&b| ctx.brief_summary(b))
        .collect();
    let counts = Counts {
        briefs: plan.briefs.len(),
        actors: site.actors.len(),
        claims: plan.claims.len(),
        measures: site.measures.len(),
        tags: site.tags.len(),
    };
    j.page(
        site.title.clone(),
        site.description.clone(),
        vec![],
        "home",
        Body::Home { latest, counts },
    )
}
