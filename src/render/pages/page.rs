//! Free-standing pages, their list, the reading guide and 404.

use super::*;

/// The site's free-standing pages, the reading guide unless a page of
/// its id takes its place, and their list when the navigation cannot
/// name them all.
pub(super) fn specs(specs: &mut Specs) {
    let site = specs.site;
    for (i, p) in site.pages.iter().enumerate() {
        specs.add(urls::page(&p.id), What::Page(PageIx(i)));
    }
    if !site.pages.iter().any(|p| p.id == urls::HOW_TO_READ_ID) {
        specs.add(urls::HOW_TO_READ.into(), What::HowToRead);
    }
    if site.pages.len() > NAV_PAGES {
        for n in 1..=site.pages.len().div_ceil(LIST_PER_PAGE) {
            specs.add(urls::all_pages(n), What::AllPages(n));
        }
    }
}

/// The page a host serves at any missing URL.
pub(super) fn not_found_specs(specs: &mut Specs) {
    specs.add(urls::NOT_FOUND.into(), What::NotFound);
}

pub(super) fn page(j: &Job, pi: PageIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Page(pi)));
    let p = site.page(pi);
    let article = ArticleCtx {
        id: p.id.clone(),
        title: p.title.clone(),
        body_html: p.body.to_string(),
        toc: toc(&p.toc),
        extra: p.extra.clone(),
    };
    j.page(
        p.title.clone(),
        None,
        vec![],
        &p.id,
        Body::Article {
            article: Box::new(article),
        },
    )
}

pub(super) fn how_to_read(j: &Job) -> PageJob {
    let site = j.ctx.site;
    let guide = GuideCtx {
        statuses: terms(Status::ALL, Status::as_str, Status::label),
        reliability: terms(Reliability::ALL, Reliability::as_str, Reliability::label),
        credibility: terms(Credibility::ALL, Credibility::as_str, Credibility::label),
        likelihoods: Likelihood::ALL
            .iter()
            .map(|l| LikelihoodCtx {
                term: l.as_str(),
                range: l.range(),
            })
            .collect(),
        confidence: terms(Confidence::ALL, Confidence::as_str, Confidence::label),
        stances: terms(Stance::ALL, Stance::as_str, Stance::label),
    };
    let description = Some(format!(
        "What the verdicts, grades, likelihoods and confidence levels of {} mean",
        site.title
    ));
    j.page(
        "How to read this site".into(),
        description,
        vec![],
        urls::HOW_TO_READ_ID,
        Body::HowToRead { guide },
    )
}

pub(super) fn not_found(j: &Job) -> PageJob {
    j.page("Page not found".into(), None, vec![], "", Body::NotFound {})
}

pub(super) fn all_pages(j: &Job, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    let (shown, total) = page_of(&site.pages, n, LIST_PER_PAGE);
    let items = shown
        .iter()
        .map(|p| ListItem {
            text: p.title.clone(),
            url: Some(ctx.link.to(&urls::page(&p.id))),
            lang: None,
            note: None,
            date: None,
        })
        .collect();
    let title = if n == 1 {
        "Pages".to_string()
    } else {
        format!("Pages, page {n}")
    };
    let lede = format!("Every page of {} besides its lists, by title.", site.title);
    let pagination = paginate(&ctx.link, urls::all_pages, n, total);
    j.page(
        title,
        Some(lede.clone()),
        vec![],
        "",
        Body::List {
            list: ListCtx {
                kind: "pages",
                heading: "Pages".to_string(),
                lede,
                owner: None,
                total: site.pages.len(),
                groups: vec![ListGroup { label: None, items }],
            },
            pagination,
        },
    )
}

/// Every value of a vocabulary, as written and for readers (the guide).
pub(super) fn terms<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<TermCtx> {
    all.iter()
        .map(|&t| TermCtx {
            value: value(t),
            label: label(t),
        })
        .collect()
}
