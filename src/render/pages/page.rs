//! Free-standing pages, their list, the reading guide and 404.

use super::*;

pub(super) fn page(j: &Job, pi: PageIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Page(pi)));
    let p = site.page(pi);
    let article = ArticleCtx {
        id: p.id.clone(),
        title: p.title.clone(),
        body_html: p.body.clone(),
        toc: toc(&p.toc),
        extra: p.extra.clone(),
    };
    j.page(
        "page",
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
        "how-to-read",
        "How to read this site".into(),
        description,
        vec![],
        urls::HOW_TO_READ_ID,
        Body::HowToRead { guide },
    )
}

pub(super) fn not_found(j: &Job) -> PageJob {
    j.page(
        "404",
        "Page not found".into(),
        None,
        vec![],
        "",
        Body::NotFound {},
    )
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
        "list",
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
