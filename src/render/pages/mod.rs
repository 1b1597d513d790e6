//! Which pages the site has, and the context each receives: model values
//! turned into the template contract of `context`, with links relative to
//! the page.

use super::structured;
use super::{OutputFile, PageJob};
use crate::markdown::Heading;
use crate::model::countries;
use crate::model::*;
use crate::render::context::*;
use crate::render::deps::{Dep, Entity, PlanPrints};
use crate::urls::{self, Linker};
use std::cell::RefCell;
use std::ops::Range;

mod actors;
mod briefs;
mod cards;
mod claims;
mod feeds;
mod home;
mod incidents;
mod measures;
mod network;
mod page;
mod search;
mod sublist;
mod tags;
mod text;
mod timeline;

use cards::{evidence_ctx, Ctx};
use claims::{grade_slug, Facets};
use incidents::incident_item;
use sublist::{relations, Sublist};
use text::{figure_amount, figure_shape, toc, when_ctx};
pub use text::{figure_text, format_number};

const BRIEFS_PER_PAGE: usize = 25;
const CLAIMS_PER_PAGE: usize = 50;
const ACTORS_PER_PAGE: usize = 100;
/// Actors listed under "Often appears with": the closest, not all of them
/// (a busy actor shares briefs with most of a large site).
const CO_ACTORS_SHOWN: usize = 25;
/// Levels of an actor's part-of chain its page shows, nearest first.
const PART_OF_SHOWN: usize = 6;
/// Claims of each kind (made, about, relayed) and briefs an actor page
/// lists, newest first; the rest are on its paginated sub-lists.
const ACTOR_CLAIMS_SHOWN: usize = 10;
const ACTOR_BRIEFS_SHOWN: usize = 20;
/// Figures a measure page tables (the latest), and a page of its list of
/// all figures.
const MEASURE_FIGURES_SHOWN: usize = 50;
const FIGURES_PER_PAGE: usize = 100;
/// Claimants a measure chart draws as series of their own; the others
/// share one.
const CHART_SERIES: usize = 7;
/// Page links shown either side of the current page, besides the first
/// and last: a thousand-page list must not link every page from each.
const PAGE_LINKS_AROUND: usize = 2;
const HOME_BRIEFS: usize = 10;
/// Tags and measures on a page of their lists.
const TAGS_PER_PAGE: usize = 200;
const MEASURES_PER_PAGE: usize = 50;
/// Free-standing pages the navigation names; the others are on the list
/// of all pages.
const NAV_PAGES: usize = 8;
/// Actors of each of `by`, `via` and `about`, and sources, that a claim
/// card shows: a card shows on many pages.
const CARD_ACTORS: usize = 5;
const CARD_SOURCES: usize = 3;
/// Actors of each of `by`, `via` and `about` on the claim's own page.
const RECORD_ACTORS: usize = 25;
/// Claims of each relation on a claim's page.
const RELATED_SHOWN: usize = 10;
/// Briefs citing a claim, on its page.
const CITING_SHOWN: usize = 20;
/// Members and other names on an actor's page.
const MEMBERS_SHOWN: usize = 25;
const ALIASES_SHOWN: usize = 25;
/// Actors, claims (as cards) and tags on a brief's page, and claims under
/// each of its judgements.
const BRIEF_ACTORS_SHOWN: usize = 50;
const BRIEF_CLAIMS_SHOWN: usize = 25;
const BRIEF_TAGS_SHOWN: usize = 25;
const JUDGEMENT_CLAIMS_SHOWN: usize = 10;
/// Sources on a brief's or a claim's page.
const SOURCES_SHOWN: usize = 50;
/// Entries on a page of a long list (`Sublist`, the pages list).
const LIST_PER_PAGE: usize = 100;
/// Tags a brief shows in lists (the first, as written).
const SUMMARY_TAGS: usize = 6;
/// Responses, and claimants of related claims, in a claim's stances
/// (shown wherever the claim is), and responders in each.
const STANCES_SHOWN: usize = 5;
/// Responses on a claim's page, and on an actor's.
const RESPONSES_SHOWN: usize = 50;
const ACTOR_RESPONSES_SHOWN: usize = 10;
/// Changes on a brief's page.
const CHANGES_SHOWN: usize = 50;

fn pagination(link: &Linker, folder: &str, current: usize, total: usize) -> Pagination {
    paginate(link, |n| urls::list_page(folder, n), current, total)
}

/// Page `n` (1-based) of `list` at `per` items a page, and how many pages
/// the list fills (at least one, so an empty list still has its page).
fn page_of<T>(list: &[T], n: usize, per: usize) -> (&[T], usize) {
    let start = (n.saturating_sub(1) * per).min(list.len());
    let end = (start + per).min(list.len());
    (&list[start..end], list.len().div_ceil(per).max(1))
}

/// Links between the pages of a list whose page `n` is at `path_of(n)`.
fn paginate(
    link: &Linker,
    path_of: impl Fn(usize) -> String,
    current: usize,
    total: usize,
) -> Pagination {
    let url = |n: usize| link.to(&path_of(n));
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: (1..=total)
            .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= PAGE_LINKS_AROUND)
            .scan(0, |last, n| {
                let gap_before = n > *last + 1;
                *last = n;
                Some(PageLink {
                    number: n,
                    url: url(n),
                    current: n == current,
                    gap_before,
                })
            })
            .collect(),
    }
}

/// A page of the site: what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Home,
    /// Page `n` (1-based) of the briefs list.
    Briefs(usize),
    Brief(BriefIx),
    /// Page `n` (1-based) of the actors list.
    Actors(usize),
    Actor(ActorIx),
    /// Page `n` (1-based) of the claims an actor made, is the subject of
    /// or relayed (when there are more than its page shows).
    ActorClaims(ActorIx, usize),
    /// Page `n` (1-based) of the briefs mentioning an actor (when there
    /// are more than its page shows).
    ActorBriefs(ActorIx, usize),
    /// Page `n` (1-based) of the claims list.
    Claims(usize),
    /// Page `n` (1-based) of the claims of the `i`th verdict of
    /// `Facets::statuses`.
    Verdict(usize, usize),
    /// Page `n` (1-based) of the claims of the `i`th grade of
    /// `Facets::grades`.
    Grade(usize, usize),
    /// Page `n` (1-based) of the claimants, most claims first.
    Claimants(usize),
    Claim(ClaimIx),
    /// Page `n` (1-based) of the measures list.
    Measures(usize),
    Measure(MeasureIx),
    /// Page `n` (1-based) of a measure's figures (when there are more than
    /// its page shows).
    MeasureFigures(MeasureIx, usize),
    /// Page `n` (1-based) of the tags list.
    Tags(usize),
    /// Page `n` (1-based) of a tag's briefs.
    Tag(TagIx, usize),
    Page(PageIx),
    /// The built-in reading guide (when the site has no page of its id).
    HowToRead,
    NotFound,
    /// The site's Atom feed (with `base_url` only).
    Feed,
    /// An actor's Atom feed (with `base_url` only).
    ActorFeed(ActorIx),
    /// sitemap.xml (with `base_url` only): all pages (`None`), or when
    /// there are more than a sitemap may hold, the index (`Some(0)`) and
    /// its parts (`Some(1)`…).
    Sitemap(Option<usize>),
    /// The search page.
    Search,
    /// The network: who makes claims about whom and who relays whom.
    Network,
    /// An incident's page.
    Incident(IncidentIx),
    /// Page `n` (1-based) of the incidents list.
    Incidents(usize),
    /// Page `n` (1-based) of the map of the incidents (the same incidents
    /// as page `n` of their list).
    Map(usize),
    /// The timeline's first page: its chart, its index by year and month,
    /// and the newest claims.
    Timeline,
    /// Page `n` (1-based) of the claims made in the `i`th month of
    /// `Facets::months`.
    Month(usize, usize),
    /// Page `n` (1-based) of a long list of one entity's.
    Sublist(Sublist, usize),
    /// Page `n` (1-based) of the list of every free-standing page (when
    /// there are more than the navigation names).
    AllPages(usize),
}

impl What {
    /// The page's kind, as templates see it in `page.kind`.
    pub fn kind(self) -> &'static str {
        match self {
            What::Home => "home",
            What::Briefs(_) => "briefs",
            What::Brief(_) => "brief",
            What::Actors(_) => "actors",
            What::Actor(_) => "actor",
            What::ActorClaims(..) => "actor_claims",
            What::ActorBriefs(..) => "actor_briefs",
            What::Claims(_) | What::Verdict(..) | What::Grade(..) => "claims",
            What::Claimants(_) => "claimants",
            What::Claim(_) => "claim",
            What::Measures(_) => "measures",
            What::Measure(_) => "measure",
            What::MeasureFigures(..) => "measure_figures",
            What::Tags(_) => "tags",
            What::Tag(..) => "tag",
            What::Page(_) => "page",
            What::HowToRead => "how-to-read",
            What::NotFound => "404",
            What::Feed | What::ActorFeed(_) => "feed",
            What::Sitemap(_) => "sitemap",
            What::Search => "search",
            What::Network => "network",
            What::Incident(_) => "incident",
            What::Incidents(_) => "incidents",
            What::Map(_) => "map",
            What::Timeline | What::Month(..) => "timeline",
            What::Sublist(..) | What::AllPages(_) => "list",
        }
    }

    /// The template the page is rendered with.
    pub fn template(self) -> &'static str {
        match self {
            What::Home => "index.html",
            What::Briefs(_) => "briefs.html",
            What::Brief(_) => "brief.html",
            What::Actors(_) => "actors.html",
            What::Actor(_) => "actor.html",
            What::ActorClaims(..) => "actor_claims.html",
            What::ActorBriefs(..) => "actor_briefs.html",
            What::Claims(_) | What::Verdict(..) | What::Grade(..) => "claims.html",
            What::Claimants(_) => "claimants.html",
            What::Claim(_) => "claim.html",
            What::Measures(_) => "measures.html",
            What::Measure(_) => "measure.html",
            What::MeasureFigures(..) => "measure_figures.html",
            What::Tags(_) => "tags.html",
            What::Tag(..) => "tag.html",
            What::Page(_) => "page.html",
            What::HowToRead => "how_to_read.html",
            What::NotFound => "404.html",
            What::Feed | What::ActorFeed(_) => "feed.xml",
            What::Sitemap(_) => "sitemap.xml",
            What::Search => "search.html",
            What::Network => "network.html",
            What::Incident(_) => "incident.html",
            What::Incidents(_) => "incidents.html",
            What::Map(_) => "map.html",
            What::Timeline | What::Month(..) => "timeline.html",
            What::Sublist(..) | What::AllPages(_) => "list.html",
        }
    }
}

/// A grade's key: reliability and credibility, or `None` for claims
/// without both.
type GradeKey = Option<(Reliability, Credibility)>;

/// A month of the timeline: year and month, or the year alone for claims
/// dated by their year.
type MonthKey = (u16, Option<u8>);

/// A page to render: its output path, template and subject.
#[derive(Debug, Clone)]
pub struct Spec {
    pub path: String,
    /// The file written: `path`, with `index.html` for folders.
    pub output: String,
    pub template: &'static str,
    pub what: What,
}

/// Every page of a site, and the list orders they share. Making the plan
/// is cheap; building a page's context is not, so it is done per page.
pub struct Plan {
    pub specs: Vec<Spec>,
    /// The indexes of `specs` in the order of their output paths.
    pub by_path: Vec<usize>,
    /// Published briefs, newest first.
    briefs: Vec<BriefIx>,
    /// Published claims in list order: by status, newest first, then id.
    claims: Vec<ClaimIx>,
    /// Published dated claims by date made, newest first, then id.
    timeline: Vec<ClaimIx>,
    /// Actors in list order: by kind (in the order of the kinds), then name.
    actors: Vec<ActorIx>,
    /// The date of the newest published brief (`updated`, else `date`).
    newest: Option<PartialDate>,
    /// The claims by verdict, grade, claimant and month.
    facets: Facets,
    site_ctx: SiteCtx,
}

/// The pages of a plan as each kind adds its own, in the order they are
/// listed (the sitemap's).
struct Specs<'a> {
    site: &'a Site,
    list: Vec<Spec>,
}

impl Specs<'_> {
    /// One page at `path`.
    fn add(&mut self, path: String, what: What) {
        let output = urls::output_file(&path);
        self.list.push(Spec {
            path,
            output,
            template: what.template(),
            what,
        });
    }

    /// The pages of a list of `len` items in `folder`, `per` a page: at
    /// least one, so that an empty list says it is empty.
    fn list(&mut self, folder: &str, len: usize, per: usize, what: fn(usize) -> What) {
        for n in 1..=len.div_ceil(per).max(1) {
            self.add(urls::list_page(folder, n), what(n));
        }
    }

    /// The pages of the long lists of one entity's that need them.
    fn sublists(&mut self, lists: impl IntoIterator<Item = Sublist>) {
        for list in lists {
            for n in 1..=list.pages(self.site) {
                self.add(list.path(self.site, n), What::Sublist(list, n));
            }
        }
    }
}

/// What a page builder is given: the plan with its list orders, the
/// context that notes what the page reads, and the page's spec.
struct Job<'a> {
    plan: &'a Plan,
    ctx: Ctx<'a>,
    spec: &'a Spec,
}

impl Job<'_> {
    /// The page: its title, description, breadcrumbs between Home
    /// and itself, the navigation entry it is under, and its body.
    fn page(
        &self,
        title: String,
        description: Option<String>,
        crumbs: Vec<(String, String)>,
        current: &str,
        body: Body,
    ) -> PageJob {
        let common = self.plan.common(
            &self.ctx,
            &self.spec.path,
            self.spec.what.kind(),
            title,
            description,
            crumbs,
            current,
        );
        PageJob {
            path: self.spec.path.clone(),
            template: self.spec.template,
            common,
            body,
        }
    }
}

/// A breadcrumb between Home and the page.
fn crumb(text: &str, path: &str) -> Vec<(String, String)> {
    vec![(text.to_string(), path.to_string())]
}

impl Plan {
    pub fn new(site: &Site) -> Plan {
        let briefs: Vec<BriefIx> = (0..site.briefs.len()).map(BriefIx).collect();
        let mut claims: Vec<ClaimIx> = (0..site.claims.len()).map(ClaimIx).collect();
        claims.sort_by(|a, b| {
            let (ca, cb) = (site.claim(*a), site.claim(*b));
            ca.status
                .cmp(&cb.status)
                .then(cb.said.cmp(&ca.said))
                .then(ca.id.cmp(&cb.id))
        });
        let mut timeline: Vec<ClaimIx> = claims
            .iter()
            .copied()
            .filter(|c| site.claim(*c).said.is_some())
            .collect();
        timeline.sort_by(|a, b| {
            site.claim(*b)
                .said
                .cmp(&site.claim(*a).said)
                .then(site.claim(*a).id.cmp(&site.claim(*b).id))
        });
        let facets = Facets::new(site, &claims, &timeline);
        let actors: Vec<ActorIx> = ActorKind::ALL
            .iter()
            .flat_map(|&kind| {
                site.actors
                    .iter()
                    .enumerate()
                    .filter(move |(_, a)| a.kind == kind)
                    .map(|(i, _)| ActorIx(i))
            })
            .collect();
        // The order pages are listed in (the sitemap's).
        let mut specs = Specs {
            site,
            list: Vec::new(),
        };
        home::specs(&mut specs);
        briefs::specs(&mut specs, &briefs);
        actors::specs(&mut specs, &actors);
        claims::specs(&mut specs, &claims, &facets);
        measures::specs(&mut specs);
        tags::specs(&mut specs);
        page::specs(&mut specs);
        search::specs(&mut specs);
        network::specs(&mut specs);
        incidents::specs(&mut specs);
        timeline::specs(&mut specs, &facets);
        page::not_found_specs(&mut specs);
        feeds::specs(&mut specs);
        let specs = specs.list;
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
        let newest = site
            .briefs
            .iter()
            .map(|b| b.updated.unwrap_or(b.date))
            .max();
        let mut by_path: Vec<usize> = (0..specs.len()).collect();
        by_path.sort_unstable_by(|&a, &b| specs[a].output.cmp(&specs[b].output));
        Plan {
            specs,
            by_path,
            briefs,
            claims,
            timeline,
            actors,
            newest,
            facets,
            site_ctx,
        }
    }

    /// Fingerprints of what pages read from the plan: the list orders,
    /// the pages there are, and the newest date.
    pub fn prints(&self, site: &Site) -> PlanPrints {
        use crate::render::deps::{order_print, value_print};
        PlanPrints {
            briefs: order_print(self.briefs.iter().map(|b| site.brief(*b).id.as_str())),
            claims: order_print(self.claims.iter().map(|c| site.claim(*c).id.as_str())),
            actors: order_print(
                site.actors
                    .iter()
                    .flat_map(|a| [a.id.as_str(), a.kind.as_str()]),
            ),
            measures: order_print(site.measures.iter().map(|m| m.id.as_str())),
            tags: order_print(site.tags.iter().map(|t| t.slug.as_str())),
            incidents: order_print(site.incidents.iter().map(|i| i.id.as_str())),
            timeline: order_print(self.timeline.iter().map(|c| site.claim(*c).id.as_str())),
            facets: {
                let f = &self.facets;
                let id = |c: &ClaimIx| site.claim(*c).id.as_str();
                value_print(&(
                    f.statuses
                        .iter()
                        .map(|(s, r)| (s.as_str(), r.clone()))
                        .collect::<Vec<_>>(),
                    f.grades
                        .iter()
                        .map(|(g, list)| (grade_slug(*g), list.iter().map(id).collect::<Vec<_>>()))
                        .collect::<Vec<_>>(),
                    f.claimants
                        .iter()
                        .map(|(a, counts)| (site.actor(*a).id.as_str(), *counts))
                        .collect::<Vec<_>>(),
                    f.months.clone(),
                ))
            },
            pages: order_print(self.specs.iter().map(|s| s.output.as_str())),
            newest: value_print(&self.newest),
        }
    }

    /// The template context of one page; what it reads is noted in `deps`.
    pub fn job(&self, site: &Site, spec: &Spec, deps: Option<&RefCell<Vec<Dep>>>) -> PageJob {
        let link = match spec.what {
            // 404: served at any missing URL, so its links are absolute.
            What::NotFound => {
                Linker::absolute(site.base_url.as_deref().map_or("/", urls::base_path))
            }
            _ => Linker::from_page(&spec.path, site.portable),
        };
        let ctx = Ctx { site, link, deps };
        ctx.note(Dep::Site);
        let j = Job {
            plan: self,
            ctx,
            spec,
        };
        match spec.what {
            What::Home => home::home(&j),
            What::Briefs(n) => briefs::briefs(&j, n),
            What::Brief(bi) => briefs::brief(&j, bi),
            What::Actors(n) => actors::actors(&j, n),
            What::Actor(ai) => actors::actor(&j, ai),
            What::ActorClaims(ai, n) => actors::actor_claims(&j, ai, n),
            What::ActorBriefs(ai, n) => actors::actor_briefs(&j, ai, n),
            What::Claims(n) => claims::claims(&j, n),
            What::Verdict(i, n) => claims::verdict(&j, i, n),
            What::Grade(i, n) => claims::grade(&j, i, n),
            What::Claimants(n) => claims::claimants(&j, n),
            What::Claim(ci) => claims::claim(&j, ci),
            What::Measures(n) => measures::measures(&j, n),
            What::Measure(mi) => measures::measure(&j, mi),
            What::MeasureFigures(mi, n) => measures::measure_figures(&j, mi, n),
            What::Tags(n) => tags::tags(&j, n),
            What::Tag(ti, n) => tags::tag(&j, ti, n),
            What::Page(pi) => page::page(&j, pi),
            What::HowToRead => page::how_to_read(&j),
            What::NotFound => page::not_found(&j),
            What::Search => search::search(&j),
            What::Timeline => timeline::timeline(&j),
            What::Month(i, n) => timeline::month(&j, i, n),
            What::Incident(ix) => incidents::incident(&j, ix),
            What::Incidents(n) => incidents::incidents(&j, n),
            What::Map(n) => incidents::map(&j, n),
            What::Network => network::network(&j),
            What::Sublist(list, n) => sublist::sublist(&j, list, n),
            What::AllPages(n) => page::all_pages(&j, n),
            What::Feed => feeds::feed(&j),
            What::ActorFeed(ai) => feeds::actor_feed(&j, ai),
            What::Sitemap(part) => feeds::sitemap(&j, part),
        }
    }

    /// The keys every page receives: `site`, `page` and `nav`.
    #[allow(clippy::too_many_arguments)]
    fn common(
        &self,
        ctx: &Ctx,
        path: &str,
        kind: &'static str,
        title: String,
        description: Option<String>,
        crumbs: Vec<(String, String)>,
        current: &str,
    ) -> Common {
        let link = &ctx.link;
        let nav = NavCtx {
            home: link.to(urls::HOME),
            briefs: link.to(urls::BRIEFS),
            actors: link.to(urls::ACTORS),
            claims: link.to(urls::CLAIMS),
            measures: link.to(urls::MEASURES),
            tags: link.to(urls::TAGS),
            search: link.to(crate::render::search::PAGE),
            network: link.to(urls::NETWORK),
            timeline: link.to(urls::TIMELINE),
            incidents: (!ctx.site.incidents.is_empty()).then(|| link.to(urls::INCIDENTS)),
            stylesheet: link.to(urls::STYLESHEET),
            how_to_read: link.to(urls::HOW_TO_READ),
            pages: ctx
                .site
                .pages
                .iter()
                .take(NAV_PAGES)
                .map(|p| NavPage {
                    id: p.id.clone(),
                    url: link.to(&urls::page(&p.id)),
                    text: p.title.clone(),
                })
                .collect(),
            all_pages: (ctx.site.pages.len() > NAV_PAGES).then(|| link.to(&urls::all_pages(1))),
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
        let base = ctx.site.base_url.as_deref();
        let canonical = base
            .filter(|_| kind != "404")
            .map(|b| urls::absolute(b, path));
        let feeds = match base {
            Some(_) => vec![Link {
                url: link.to(urls::FEED),
                // The feed holds incidents too when there are some (their
                // presence is part of the site's print, as the navigation).
                text: match ctx.site.incidents.is_empty() {
                    true => format!("{}: latest briefs", ctx.site.title),
                    false => format!("{}: latest briefs and incidents", ctx.site.title),
                },
            }],
            None => Vec::new(),
        };
        let page = PageCtx {
            kind,
            title,
            description,
            root: link.root().to_string(),
            path: path.to_string(),
            breadcrumbs,
            canonical,
            feeds,
            json_ld: None,
        };
        Common {
            site: self.site_ctx.clone(),
            page,
            nav,
        }
    }
}

/// The first `n` of a list (lists of the model are newest first).
fn newest<T>(list: &[T], n: usize) -> &[T] {
    &list[..list.len().min(n)]
}

/// `text` cut to `max` characters, with "…" when something was cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// An actor's role in a claim on its list of claims: its key and its words.
type ClaimRole = (&'static str, &'static str);

/// Who made a claim for an actor, and how.
type MadeFor = Option<(ActorIx, Proxy)>;

impl Spec {
    /// Whether the page is listed in the sitemap: every HTML page but 404.
    fn in_sitemap(&self) -> bool {
        self.template.ends_with(".html") && self.what != What::NotFound
    }
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
                Target::Incident(i) => (urls::incident(&r.from), urls::incident(&site.incident(i).id), site.incident(i).title.clone()),
            };
            let href = Linker::from_page(&old, site.portable).to(&new);
            let title = escape(&title);
            let lang = escape(&site.language);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<link rel=\"canonical\" href=\"{href}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<main>\n<p>This page has moved to <a href=\"{href}\">{title}</a>.</p>\n</main>\n</body>\n</html>\n"
            );
            OutputFile { path: urls::output_file(&old), bytes: std::sync::Arc::new(super::composed(html).into_bytes()) }
        })
        .collect()
}

/// HTML-escapes text written outside templates.
fn escape(text: &str) -> String {
    crate::markdown::escape_text(text)
}
