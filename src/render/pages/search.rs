//! The search page.

use super::*;

/// The search page.
pub(super) fn specs(specs: &mut Specs) {
    specs.add(crate::render::search::PAGE.into(), What::Search);
}

pub(super) fn search(j: &Job) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let scripts = vec![
        ctx.link.to(urls::SEARCH_SCRIPT),
        ctx.link.to(crate::render::search::ENTRY),
    ];
    let kinds = crate::render::search::KINDS
        .iter()
        .map(|(kind, heading)| Link {
            url: kind.to_string(),
            text: heading.to_string(),
        })
        .collect();
    let description = Some(format!(
        "Search the briefs, actors and claims of {}",
        site.title
    ));
    j.page(
        "Search".into(),
        description,
        vec![],
        "search",
        Body::Search {
            search: SearchCtx { scripts, kinds },
        },
    )
}
