//! Which pages the site has, and the context each receives: model values
//! turned into the template contract of `context`, with links relative to
//! the page.

use super::context::*;
use super::{OutputFile, PageJob};
use crate::markdown::Heading;
use crate::model::*;
use crate::urls::{self, Linker};

const BRIEFS_PER_PAGE: usize = 25;
const CLAIMS_PER_PAGE: usize = 50;
const HOME_BRIEFS: usize = 10;

/// Builds context values for one page.
struct Ctx<'a> {
    site: &'a Site,
    link: Linker,
}

impl<'a> Ctx<'a> {
    fn html(&self, html: &InlineHtml) -> String {
        html.for_root(self.link.root()).to_string()
    }

    fn date(d: &PartialDate) -> DateCtx {
        DateCtx {
            iso: d.iso(),
            text: d.text(),
        }
    }

    fn actor_ref(&self, ix: ActorIx) -> ActorRef {
        let a = self.site.actor(ix);
        ActorRef {
            id: a.id.clone(),
            url: self.link.to(&urls::actor(&a.id)),
            name: a.name.clone(),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
        }
    }

    fn actor_refs(&self, list: &[ActorIx]) -> Vec<ActorRef> {
        list.iter().map(|&a| self.actor_ref(a)).collect()
    }

    fn brief_ref(&self, ix: BriefIx) -> BriefRef {
        let b = self.site.brief(ix);
        BriefRef {
            id: b.id.clone(),
            url: self.link.to(&urls::brief(&b.id)),
            title: b.title.clone(),
            date: Self::date(&b.date),
        }
    }

    fn claim_ref(&self, ix: ClaimIx) -> ClaimRef {
        let c = self.site.claim(ix);
        ClaimRef {
            id: c.id.clone(),
            url: self.link.to(&urls::claim(&c.id)),
            text: c.text_plain.clone(),
            status: c.status.as_str(),
            status_label: c.status.label(),
        }
    }

    /// Published claims only: drafts never show on published pages.
    fn claim_refs(&self, list: &[ClaimIx]) -> Vec<ClaimRef> {
        list.iter()
            .filter(|c| self.site.claim(**c).published)
            .map(|&c| self.claim_ref(c))
            .collect()
    }

    fn measure_ref(&self, ix: MeasureIx) -> MeasureRef {
        let m = self.site.measure(ix);
        MeasureRef {
            id: m.id.clone(),
            url: self.link.to(&urls::measure(&m.id)),
            name: m.name.clone(),
            unit: m.unit.clone(),
        }
    }

    fn tag_ref(&self, ix: TagIx) -> TagRef {
        let t = self.site.tag(ix);
        TagRef {
            slug: t.slug.clone(),
            url: self.link.to(&urls::tag(&t.slug)),
            name: t.name.clone(),
            count: t.briefs.len(),
        }
    }

    fn source(&self, s: &Source) -> SourceCtx {
        let reliability = s
            .reliability
            .or_else(|| s.publisher.and_then(|p| self.site.actor(p).reliability));
        SourceCtx {
            id: s.id.clone(),
            anchor: format!("source_{}", s.id),
            title: s.title.clone(),
            url: s.url.as_ref().map(|u| self.url(u)),
            publisher: s.publisher.map(|p| self.actor_ref(p)),
            date: s.date.as_ref().map(Self::date),
            reliability: reliability.map(|r| r.as_str().to_string()),
        }
    }

    /// An author-written URL: root-relative ones are made relative.
    fn url(&self, url: &str) -> String {
        if url.starts_with('/') && !url.starts_with("//") {
            crate::markdown::rebase(url, self.link.root(), self.link.portable())
        } else {
            url.to_string()
        }
    }

    fn figure(&self, f: &Figure) -> FigureCtx {
        FigureCtx {
            text: figure_text(f),
            value: f.value,
            low: f.low,
            high: f.high,
            unit: f.unit.clone(),
            qualifier: f.qualifier.map(Qualifier::as_str),
            as_of: f.as_of.as_ref().map(Self::date),
        }
    }

    /// FORMAT §6: the first source's reliability, else its publisher's,
    /// else the claimant's.
    fn reliability(&self, c: &Claim) -> Option<Reliability> {
        let first = c.sources.first();
        first
            .and_then(|s| s.reliability)
            .or_else(|| {
                first
                    .and_then(|s| s.publisher)
                    .and_then(|p| self.site.actor(p).reliability)
            })
            .or_else(|| c.by.first().and_then(|a| self.site.actor(*a).reliability))
    }

    fn grade(&self, c: &Claim) -> Option<String> {
        match (self.reliability(c), c.credibility) {
            (Some(r), Some(cr)) => Some(format!("{}{}", r.as_str(), cr.as_str())),
            _ => None,
        }
    }

    fn claim_card(&self, ix: ClaimIx) -> ClaimCard {
        let c = self.site.claim(ix);
        ClaimCard {
            id: c.id.clone(),
            url: self.link.to(&urls::claim(&c.id)),
            text_html: self.html(&c.text),
            text: c.text_plain.clone(),
            by: self.actor_refs(&c.by),
            via: self.actor_refs(&c.via),
            about: self.actor_refs(&c.about),
            said: c.said.as_ref().map(Self::date),
            when: c.when.map(|w| WhenCtx {
                from: Self::date(&w.from),
                to: w.to.as_ref().map(Self::date),
                text: match w.to {
                    Some(to) if to != w.from => format!("{} – {}", w.from.text(), to.text()),
                    _ => w.from.text(),
                },
            }),
            status: c.status.as_str(),
            status_label: c.status.label(),
            credibility: c.credibility.map(|cr| cr.as_str().parse().unwrap_or(0)),
            credibility_label: c.credibility.map(Credibility::label),
            reliability: self.reliability(c).map(|r| r.as_str().to_string()),
            grade: self.grade(c),
            confidence: c.confidence.map(Confidence::as_str),
            quote: c.quote.clone(),
            quote_lang: c.quote_lang.clone(),
            figure: c.figure.as_ref().map(|f| self.figure(f)),
            measure: c.measure.map(|m| self.measure_ref(m)),
            sources: c.sources.iter().map(|s| self.source(s)).collect(),
            declared_in: c
                .declared_in
                .filter(|b| self.site.brief(*b).published)
                .map(|b| self.brief_ref(b)),
        }
    }

    fn claim_cards(&self, list: &[ClaimIx]) -> Vec<ClaimCard> {
        list.iter()
            .filter(|c| self.site.claim(**c).published)
            .map(|&c| self.claim_card(c))
            .collect()
    }

    fn brief_summary(&self, ix: BriefIx) -> BriefSummary {
        let b = self.site.brief(ix);
        BriefSummary {
            id: b.id.clone(),
            url: self.link.to(&urls::brief(&b.id)),
            title: b.title.clone(),
            date: Self::date(&b.date),
            updated: b.updated.as_ref().map(Self::date),
            summary_html: b.summary.as_ref().map(|s| self.html(s)),
            tags: b.tags.iter().map(|&t| self.tag_ref(t)).collect(),
            claim_count: b
                .claims
                .iter()
                .filter(|c| self.site.claim(**c).published)
                .count(),
            draft: b.draft,
        }
    }

    fn figure_row(&self, ix: ClaimIx) -> Option<FigureRow> {
        let c = self.site.claim(ix);
        let figure = c.figure.as_ref()?;
        Some(FigureRow {
            claim: self.claim_ref(ix),
            by: self.actor_refs(&c.by),
            date: c.figure_date().as_ref().map(Self::date),
            figure: self.figure(figure),
            grade: self.grade(c),
        })
    }
}

fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .map(|h| TocEntry {
            id: h.id.clone(),
            text: h.text.clone(),
            level: h.level,
        })
        .collect()
}

/// `15000` → "15,000"; `4.5` → "4.5".
pub fn format_number(n: f64) -> String {
    let negative = n < 0.0;
    let n = n.abs();
    let text = if n.fract() == 0.0 && n < 1e15 {
        format!("{}", n as u64)
    } else {
        format!("{n}")
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// "about 15,000 troops", "500–700 killed", "at least 20 billion USD".
pub fn figure_text(f: &Figure) -> String {
    let range = match (f.low, f.high) {
        (Some(l), Some(h)) => Some(format!("{}–{}", format_number(l), format_number(h))),
        (Some(l), None) => Some(format!("at least {}", format_number(l))),
        (None, Some(h)) => Some(format!("at most {}", format_number(h))),
        _ => None,
    };
    let mut text = match (f.value, &range) {
        (Some(v), Some(r)) => format!("{} ({r})", format_number(v)),
        (Some(v), None) => format_number(v),
        (None, Some(r)) => r.clone(),
        (None, None) => String::new(),
    };
    match f.qualifier {
        Some(Qualifier::Range) | None => {}
        Some(q) if f.value.is_some() => text = format!("{} {text}", q.label()),
        Some(_) => {}
    }
    if let Some(unit) = &f.unit {
        text.push(' ');
        text.push_str(unit);
    }
    text
}

fn pagination(link: &Linker, folder: &str, current: usize, total: usize) -> Pagination {
    let url = |n: usize| link.to(&urls::list_page(folder, n));
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: (1..=total)
            .map(|n| PageLink {
                number: n,
                url: url(n),
                current: n == current,
            })
            .collect(),
    }
}

/// Every page of the site.
pub fn jobs(site: &Site) -> Vec<PageJob> {
    let portable = site.portable;
    let site_ctx = SiteCtx {
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        author: site.author.clone(),
        base_url: site.base_url.clone(),
        portable: site.portable,
        extra: site.extra.clone(),
        generator: format!("dossier {}", env!("CARGO_PKG_VERSION")),
    };
    let mut jobs = Vec::new();
    let mut add = |path: String,
                   link: Linker,
                   template: &'static str,
                   kind: &'static str,
                   title: String,
                   description: Option<String>,
                   crumbs: Vec<(String, String)>,
                   current: &str,
                   body: Body| {
        let nav = NavCtx {
            home: link.to(urls::HOME),
            briefs: link.to(urls::BRIEFS),
            actors: link.to(urls::ACTORS),
            claims: link.to(urls::CLAIMS),
            measures: link.to(urls::MEASURES),
            tags: link.to(urls::TAGS),
            stylesheet: link.to(urls::STYLESHEET),
            pages: site
                .pages
                .iter()
                .map(|p| NavPage {
                    id: p.id.clone(),
                    url: link.to(&urls::page(&p.id)),
                    text: p.title.clone(),
                })
                .collect(),
            current: current.to_string(),
        };
        let mut breadcrumbs: Vec<Crumb> = Vec::new();
        if kind != "home" {
            breadcrumbs.push(Crumb {
                text: "Home".into(),
                url: Some(link.to(urls::HOME)),
            });
            for (text, path) in crumbs {
                breadcrumbs.push(Crumb {
                    text,
                    url: Some(link.to(&path)),
                });
            }
            breadcrumbs.push(Crumb {
                text: title.clone(),
                url: None,
            });
        }
        let page = PageCtx {
            kind,
            title,
            description,
            root: link.root().to_string(),
            path: path.clone(),
            breadcrumbs,
        };
        jobs.push(PageJob {
            path,
            template,
            common: Common {
                site: site_ctx.clone(),
                page,
                nav,
            },
            body,
        });
    };
    let from = |path: &str| Linker::from_page(path, portable);
    let crumb = |text: &str, path: &str| (text.to_string(), path.to_string());

    // Home.
    {
        let ctx = Ctx {
            site,
            link: from(urls::HOME),
        };
        let latest = site
            .published_briefs()
            .take(HOME_BRIEFS)
            .map(|(i, _)| ctx.brief_summary(i))
            .collect();
        let counts = Counts {
            briefs: site.published_briefs().count(),
            actors: site.actors.len(),
            claims: site.published_claims().count(),
            measures: site.measures.len(),
            tags: site.tags.iter().filter(|t| !t.briefs.is_empty()).count(),
        };
        add(
            urls::HOME.into(),
            ctx.link.clone(),
            "index.html",
            "home",
            site.title.clone(),
            site.description.clone(),
            vec![],
            "home",
            Body::Home { latest, counts },
        );
    }

    // Briefs.
    let published: Vec<BriefIx> = site.published_briefs().map(|(i, _)| i).collect();
    let total = published.len().div_ceil(BRIEFS_PER_PAGE).max(1);
    for n in 1..=total {
        let path = urls::list_page(urls::BRIEFS, n);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let chunk = published
            .iter()
            .skip((n - 1) * BRIEFS_PER_PAGE)
            .take(BRIEFS_PER_PAGE);
        let briefs = chunk.map(|&b| ctx.brief_summary(b)).collect();
        let title = if n == 1 {
            "Briefs".to_string()
        } else {
            format!("Briefs, page {n}")
        };
        let pagination = pagination(&ctx.link, urls::BRIEFS, n, total);
        add(
            path,
            ctx.link.clone(),
            "briefs.html",
            "briefs",
            title,
            Some(format!("All briefs of {}, newest first", site.title)),
            vec![],
            "briefs",
            Body::Briefs { briefs, pagination },
        );
    }
    for &bi in &published {
        let b = site.brief(bi);
        let path = urls::brief(&b.id);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let brief = BriefCtx {
            id: b.id.clone(),
            url: ctx.link.to(&path),
            title: b.title.clone(),
            date: Ctx::date(&b.date),
            updated: b.updated.as_ref().map(Ctx::date),
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
                    claims: ctx.claim_refs(&j.claims),
                })
                .collect(),
            tags: b.tags.iter().map(|&t| ctx.tag_ref(t)).collect(),
            authors: b.authors.clone(),
            actors: ctx.actor_refs(&b.actors),
            sources: b.sources.iter().map(|s| ctx.source(s)).collect(),
            claims: ctx.claim_cards(&b.claims),
            body_html: b.body.clone(),
            toc: toc(&b.toc),
            draft: b.draft,
            extra: b.extra.clone(),
        };
        add(
            path,
            ctx.link.clone(),
            "brief.html",
            "brief",
            b.title.clone(),
            b.summary_text.clone(),
            vec![crumb("Briefs", urls::BRIEFS)],
            "briefs",
            Body::Brief {
                brief: Box::new(brief),
            },
        );
    }

    // Actors.
    {
        let ctx = Ctx {
            site,
            link: from(urls::ACTORS),
        };
        let mut groups: Vec<ActorGroup> = Vec::new();
        for &kind in ActorKind::ALL {
            let actors: Vec<ActorListItem> = site
                .actors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.kind == kind)
                .map(|(i, a)| ActorListItem {
                    actor: ctx.actor_ref(ActorIx(i)),
                    role: a.role.clone(),
                    claims_by: a.claims_by.len(),
                    briefs: a.briefs.len(),
                })
                .collect();
            if !actors.is_empty() {
                groups.push(ActorGroup {
                    kind: kind.as_str(),
                    label: kind.plural(),
                    actors,
                });
            }
        }
        add(
            urls::ACTORS.into(),
            ctx.link.clone(),
            "actors.html",
            "actors",
            "Actors".into(),
            Some(format!(
                "Everyone whose claims {} tracks, by kind",
                site.title
            )),
            vec![],
            "actors",
            Body::Actors { groups },
        );
    }
    for a in &site.actors {
        let path = urls::actor(&a.id);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let mut part_of = Vec::new();
        let mut parent = a.part_of;
        while let Some(p) = parent {
            if part_of.len() > site.actors.len() {
                break;
            }
            part_of.push(ctx.actor_ref(p));
            parent = site.actor(p).part_of;
        }
        let actor = ActorCtx {
            id: a.id.clone(),
            url: ctx.link.to(&path),
            name: a.name.clone(),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
            role: a.role.clone(),
            aliases: a
                .aliases
                .iter()
                .map(|al| AliasCtx {
                    name: al.name.clone(),
                    lang: al.lang.clone(),
                })
                .collect(),
            reliability: a.reliability.map(|r| r.as_str().to_string()),
            same_as: a.same_as.iter().map(|u| ctx.url(u)).collect(),
            links: a
                .links
                .iter()
                .map(|(t, u)| Link {
                    text: t.clone(),
                    url: ctx.url(u),
                })
                .collect(),
            part_of,
            members: ctx.actor_refs(&a.members),
            claims_by: ctx.claim_cards(&a.claims_by),
            claims_about: ctx.claim_cards(&a.claims_about),
            claims_relayed: ctx.claim_cards(&a.claims_relayed),
            briefs: a.briefs.iter().map(|&b| ctx.brief_ref(b)).collect(),
            co_actors: a
                .co_actors
                .iter()
                .map(|&(o, n)| CoActor {
                    actor: ctx.actor_ref(o),
                    briefs: n,
                })
                .collect(),
            body_html: a.body.clone(),
            toc: toc(&a.toc),
            extra: a.extra.clone(),
        };
        add(
            path,
            ctx.link.clone(),
            "actor.html",
            "actor",
            a.name.clone(),
            a.role.clone(),
            vec![crumb("Actors", urls::ACTORS)],
            "actors",
            Body::Actor {
                actor: Box::new(actor),
            },
        );
    }

    // Claims.
    let mut claims: Vec<ClaimIx> = site.published_claims().map(|(i, _)| i).collect();
    claims.sort_by(|a, b| {
        let (ca, cb) = (site.claim(*a), site.claim(*b));
        ca.status
            .cmp(&cb.status)
            .then(cb.said.cmp(&ca.said))
            .then(ca.id.cmp(&cb.id))
    });
    let total = claims.len().div_ceil(CLAIMS_PER_PAGE).max(1);
    for n in 1..=total {
        let path = urls::list_page(urls::CLAIMS, n);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let mut groups: Vec<ClaimGroup> = Vec::new();
        for &c in claims
            .iter()
            .skip((n - 1) * CLAIMS_PER_PAGE)
            .take(CLAIMS_PER_PAGE)
        {
            let status = site.claim(c).status;
            match groups.last_mut() {
                Some(g) if g.status == status.as_str() => g.claims.push(ctx.claim_card(c)),
                _ => groups.push(ClaimGroup {
                    status: status.as_str(),
                    label: status.label(),
                    claims: vec![ctx.claim_card(c)],
                }),
            }
        }
        let title = if n == 1 {
            "Claims".to_string()
        } else {
            format!("Claims, page {n}")
        };
        let pagination = pagination(&ctx.link, urls::CLAIMS, n, total);
        add(
            path,
            ctx.link.clone(),
            "claims.html",
            "claims",
            title,
            Some(format!("Every claim {} tracks, by status", site.title)),
            vec![],
            "claims",
            Body::Claims { groups, pagination },
        );
    }
    for &ci in claims.iter() {
        let c = site.claim(ci);
        let path = urls::claim(&c.id);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let claim = ClaimCtx {
            card: ctx.claim_card(ci),
            citing: c.cited_in.iter().map(|&b| ctx.brief_ref(b)).collect(),
            supports: ctx.claim_refs(&c.supports),
            supported_by: ctx.claim_refs(&c.supported_by),
            contradicts: ctx.claim_refs(&c.contradicts),
            contradicted_by: ctx.claim_refs(&c.contradicted_by),
            supersedes: ctx.claim_refs(&c.supersedes),
            superseded_by: ctx.claim_refs(&c.superseded_by),
            body_html: c.body.clone(),
            toc: toc(&c.toc),
            extra: c.extra.clone(),
        };
        let title: String = c.text_plain.clone();
        add(
            path,
            ctx.link.clone(),
            "claim.html",
            "claim",
            title.clone(),
            Some(title),
            vec![crumb("Claims", urls::CLAIMS)],
            "claims",
            Body::Claim {
                claim: Box::new(claim),
            },
        );
    }

    // Measures.
    {
        let ctx = Ctx {
            site,
            link: from(urls::MEASURES),
        };
        let measures = site
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| MeasureListItem {
                measure: ctx.measure_ref(MeasureIx(i)),
                figures: m.claims.len(),
                latest: m
                    .claims
                    .iter()
                    .rfind(|c| site.claim(**c).figure_date().is_some())
                    .and_then(|&c| ctx.figure_row(c)),
            })
            .collect();
        add(
            urls::MEASURES.into(),
            ctx.link.clone(),
            "measures.html",
            "measures",
            "Measures".into(),
            Some(format!("Quantities {} tracks across claimants", site.title)),
            vec![],
            "measures",
            Body::Measures { measures },
        );
    }
    for m in &site.measures {
        let path = urls::measure(&m.id);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let figures: Vec<FigureRow> = m.claims.iter().filter_map(|&c| ctx.figure_row(c)).collect();
        let mut by_claimant: Vec<ClaimantSeries> = Vec::new();
        for (&c, row) in m.claims.iter().zip(figures.iter()) {
            let key = &site.claim(c).by;
            match by_claimant.iter_mut().find(|s| {
                s.by.iter()
                    .map(|a| a.id.as_str())
                    .eq(key.iter().map(|a| site.actor(*a).id.as_str()))
            }) {
                Some(series) => series.figures.push(row.clone()),
                None => by_claimant.push(ClaimantSeries {
                    by: row.by.clone(),
                    figures: vec![row.clone()],
                }),
            }
        }
        by_claimant.sort_by(|a, b| {
            a.by.iter()
                .map(|x| &x.name)
                .cmp(b.by.iter().map(|x| &x.name))
        });
        let measure = MeasureCtx {
            id: m.id.clone(),
            url: ctx.link.to(&path),
            name: m.name.clone(),
            unit: m.unit.clone(),
            body_html: m.body.clone(),
            toc: toc(&m.toc),
            figures,
            by_claimant,
            extra: m.extra.clone(),
        };
        add(
            path,
            ctx.link.clone(),
            "measure.html",
            "measure",
            m.name.clone(),
            Some(format!("Every figure claimed for {}, over time", m.name)),
            vec![crumb("Measures", urls::MEASURES)],
            "measures",
            Body::Measure {
                measure: Box::new(measure),
            },
        );
    }

    // Tags.
    {
        let ctx = Ctx {
            site,
            link: from(urls::TAGS),
        };
        let tags = site
            .tags
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.briefs.is_empty())
            .map(|(i, _)| ctx.tag_ref(TagIx(i)))
            .collect();
        add(
            urls::TAGS.into(),
            ctx.link.clone(),
            "tags.html",
            "tags",
            "Tags".into(),
            Some(format!("The subjects of {}'s briefs", site.title)),
            vec![],
            "tags",
            Body::Tags { tags },
        );
    }
    for (ti, t) in site.tags.iter().enumerate() {
        if t.briefs.is_empty() {
            continue;
        }
        let path = urls::tag(&t.slug);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let briefs = t.briefs.iter().map(|&b| ctx.brief_summary(b)).collect();
        add(
            path,
            ctx.link.clone(),
            "tag.html",
            "tag",
            t.name.clone(),
            Some(format!("Briefs tagged {}", t.name)),
            vec![crumb("Tags", urls::TAGS)],
            "tags",
            Body::Tag {
                tag: ctx.tag_ref(TagIx(ti)),
                briefs,
            },
        );
    }

    // Pages.
    for p in &site.pages {
        let path = urls::page(&p.id);
        let ctx = Ctx {
            site,
            link: from(&path),
        };
        let article = ArticleCtx {
            id: p.id.clone(),
            title: p.title.clone(),
            body_html: p.body.clone(),
            toc: toc(&p.toc),
            extra: p.extra.clone(),
        };
        add(
            path,
            ctx.link.clone(),
            "page.html",
            "page",
            p.title.clone(),
            None,
            vec![],
            &p.id,
            Body::Article {
                article: Box::new(article),
            },
        );
    }

    // 404: served at any missing URL, so its links are absolute.
    {
        let base = site.base_url.as_deref().map_or("/".to_string(), |u| {
            let after_scheme = u.split_once("://").map_or(u, |(_, rest)| rest);
            after_scheme
                .find('/')
                .map_or("/".to_string(), |i| after_scheme[i..].to_string())
        });
        let link = Linker::absolute(&base);
        add(
            urls::NOT_FOUND.into(),
            link,
            "404.html",
            "404",
            "Page not found".into(),
            None,
            vec![],
            "",
            Body::NotFound {},
        );
    }
    jobs
}

/// A small page at each old id that sends readers to the new page.
pub fn redirects(site: &Site) -> Vec<OutputFile> {
    site.redirects
        .iter()
        .map(|r| {
            let (old, new, title) = match r.to {
                Target::Brief(b) => (urls::brief(&r.from), urls::brief(&site.brief(b).id), site.brief(b).title.clone()),
                Target::Actor(a) => (urls::actor(&r.from), urls::actor(&site.actor(a).id), site.actor(a).name.clone()),
                Target::Claim(c) => (urls::claim(&r.from), urls::claim(&site.claim(c).id), site.claim(c).text_plain.clone()),
                Target::Measure(m) => (urls::measure(&r.from), urls::measure(&site.measure(m).id), site.measure(m).name.clone()),
                Target::Page(p) => (urls::page(&r.from), urls::page(&site.page(p).id), site.page(p).title.clone()),
            };
            let href = Linker::from_page(&old, false).to(&new);
            let title = escape(&title);
            let lang = escape(&site.language);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<link rel=\"canonical\" href=\"{href}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<main>\n<p>This page has moved to <a href=\"{href}\">{title}</a>.</p>\n</main>\n</body>\n</html>\n"
            );
            OutputFile { path: urls::output_file(&old), bytes: html.into_bytes() }
        })
        .collect()
}

/// HTML-escapes text written outside templates.
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(format_number(15000.0), "15,000");
        assert_eq!(format_number(600.0), "600");
        assert_eq!(format_number(1234567.5), "1,234,567.5");
        assert_eq!(format_number(-4700.0), "-4,700");
    }

    #[test]
    fn figures_read_as_text() {
        let f = |value, low, high, unit: Option<&str>, q| Figure {
            value,
            low,
            high,
            unit: unit.map(String::from),
            qualifier: q,
            as_of: None,
        };
        assert_eq!(
            figure_text(&f(
                Some(15000.0),
                None,
                None,
                Some("troops"),
                Some(Qualifier::About)
            )),
            "about 15,000 troops"
        );
        assert_eq!(
            figure_text(&f(
                None,
                Some(500.0),
                Some(700.0),
                Some("killed"),
                Some(Qualifier::Range)
            )),
            "500–700 killed"
        );
        assert_eq!(
            figure_text(&f(
                Some(20.0),
                None,
                None,
                Some("billion USD"),
                Some(Qualifier::AtLeast)
            )),
            "at least 20 billion USD"
        );
    }
}
