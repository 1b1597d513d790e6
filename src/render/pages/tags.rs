//! The tags list and each tag's briefs.

use super::*;

/// The tags list, and the pages of each tag's briefs.
pub(super) fn specs(specs: &mut Specs) {
    let site = specs.site;
    specs.list(urls::TAGS, site.tags.len(), TAGS_PER_PAGE, What::Tags);
    for (i, t) in site.tags.iter().enumerate() {
        for n in 1..=t.briefs.len().div_ceil(BRIEFS_PER_PAGE) {
            specs.add(
                urls::list_page(&urls::tag(&t.slug), n),
                What::Tag(TagIx(i), n),
            );
        }
    }
}

pub(super) fn tags(j: &Job, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::TagOrder);
    let all: Vec<TagIx> = (0..site.tags.len()).map(TagIx).collect();
    let (shown, total) = page_of(&all, n, TAGS_PER_PAGE);
    let tags = shown.iter().map(|&t| ctx.tag_ref(t)).collect();
    let description = Some(format!("The subjects of {}'s briefs", site.title));
    let title = if n == 1 {
        "Tags".to_string()
    } else {
        format!("Tags, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::TAGS, n, total);
    j.page(
        title,
        description,
        vec![],
        "tags",
        Body::Tags { tags, pagination },
    )
}

pub(super) fn tag(j: &Job, ti: TagIx, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Tag(ti)));
    let t = site.tag(ti);
    let (shown, total) = page_of(&t.briefs, n, BRIEFS_PER_PAGE);
    let briefs = shown.iter().map(|&b| ctx.brief_summary(b)).collect();
    let description = Some(format!("Briefs tagged {}", t.name));
    let pagination = pagination(&ctx.link, &urls::tag(&t.slug), n, total);
    j.page(
        t.name.clone(),
        description,
        crumb("Tags", urls::TAGS),
        "tags",
        Body::Tag {
            tag: ctx.tag_ref(ti),
            briefs,
            pagination,
        },
    )
}
