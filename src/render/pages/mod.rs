//! Which pages the site has, and the context each receives: model values
//! turned into the template contract of `context`, with links relative to
//! the page.

use super::context::*;
use super::deps::{Dep, Entity, PlanPrints};
use super::structured;
use super::{OutputFile, PageJob};
use crate::markdown::Heading;
use crate::model::countries;
use crate::model::*;
use crate::urls::{self, Linker};
use std::cell::RefCell;
use std::ops::Range;

mod actors;
mod briefs;
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
mod timeline;

use actors::actor_claim_count;
use feeds::{sitemap_part, SITEMAP_URLS};
use incidents::{incident_item, mark_of};
use timeline::TIMELINE_CLAIMS;

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

/// Builds context values for one page, noting what it reads.
struct Ctx<'a> {
    site: &'a Site,
    link: Linker,
    deps: Option<&'a RefCell<Vec<Dep>>>,
}

impl<'a> Ctx<'a> {
    fn note(&self, dep: Dep) {
        if let Some(deps) = self.deps {
            deps.borrow_mut().push(dep);
        }
    }

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
        self.note(Dep::Ref(Entity::Actor(ix)));
        let a = self.site.actor(ix);
        ActorRef {
            id: a.id.clone(),
            url: self.link.to(&urls::actor(&a.id)),
            name: a.name.clone(),
            lang: a.name_lang.clone(),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
        }
    }

    fn actor_refs(&self, list: &[ActorIx]) -> Vec<ActorRef> {
        list.iter().map(|&a| self.actor_ref(a)).collect()
    }

    fn brief_ref(&self, ix: BriefIx) -> BriefRef {
        self.note(Dep::Ref(Entity::Brief(ix)));
        let b = self.site.brief(ix);
        BriefRef {
            id: b.id.clone(),
            url: self.link.to(&urls::brief(&b.id)),
            title: b.title.clone(),
            date: Self::date(&b.date),
        }
    }

    fn claim_ref(&self, ix: ClaimIx) -> ClaimRef {
        self.note(Dep::Ref(Entity::Claim(ix)));
        let c = self.site.claim(ix);
        let (stances, stance_line) = self.stances(c);
        ClaimRef {
            id: c.id.clone(),
            url: self.link.to(&urls::claim(&c.id)),
            text: c.text_plain.clone(),
            status: c.status.as_str(),
            status_label: c.status.label(),
            set_apart: c.status.is_set_apart(),
            stances,
            stance_line,
        }
    }

    /// A response in short: "Denied by Kremlin, 29 April 2025".
    fn stance(&self, r: &Response) -> StanceCtx {
        let by = self.actor_refs(&r.by[..r.by.len().min(STANCES_SHOWN)]);
        let by_more = r.by.len().saturating_sub(STANCES_SHOWN);
        let mut text = format!("{} {}", r.stance.by_phrase(), names(&by, by_more));
        if let Some(said) = &r.said {
            text.push_str(", ");
            text.push_str(&said.text());
        }
        StanceCtx {
            by,
            by_more,
            stance: r.stance.as_str(),
            stance_label: r.stance.label(),
            by_phrase: r.stance.by_phrase(),
            said: r.said.as_ref().map(Self::date),
            text,
        }
    }

    fn response(&self, r: &Response) -> ResponseCtx {
        ResponseCtx {
            stance: self.stance(r),
            text_html: r.text.as_ref().map(|t| self.html(t)),
            sources: r
                .sources
                .iter()
                .take(CARD_SOURCES)
                .map(|s| self.source(s))
                .collect(),
        }
    }

    /// A claim's stances, and the phrase that says them.
    fn stances(&self, c: &Claim) -> (StancesCtx, Option<String>) {
        let first = |list: &[ActorIx]| self.actor_refs(&list[..list.len().min(STANCES_SHOWN)]);
        let stances = StancesCtx {
            responses: c
                .responses
                .iter()
                .take(STANCES_SHOWN)
                .map(|r| self.stance(r))
                .collect(),
            responses_total: c.responses.len(),
            contradicted_by: first(&c.contradicted_by_claimants),
            contradicted_by_total: c.contradicted_by_claimants.len(),
            supported_by: first(&c.supported_by_claimants),
            supported_by_total: c.supported_by_claimants.len(),
        };
        let mut parts: Vec<String> = stances.responses.iter().map(|r| r.text.clone()).collect();
        match stances.responses_total.saturating_sub(STANCES_SHOWN) {
            0 => {}
            1 => parts.push("1 more response".to_string()),
            n => parts.push(format!("{n} more responses")),
        }
        for (phrase, list, total) in [
            (
                "Contradicted by",
                &stances.contradicted_by,
                stances.contradicted_by_total,
            ),
            (
                "Supported by",
                &stances.supported_by,
                stances.supported_by_total,
            ),
        ] {
            if !list.is_empty() {
                parts.push(format!("{phrase} {}", names(list, total - list.len())));
            }
        }
        let line = (!parts.is_empty()).then(|| parts.join(" · "));
        (stances, line)
    }

    /// A claim a judgement rests on, or that cuts against it.
    fn evidence_claim(&self, ix: ClaimIx) -> EvidenceClaim {
        self.note(Dep::Full(Entity::Claim(ix)));
        let c = self.site.claim(ix);
        let first = |list: &[ActorIx]| self.actor_refs(&list[..list.len().min(CARD_ACTORS)]);
        EvidenceClaim {
            claim: self.claim_ref(ix),
            by: first(&c.by),
            by_more: c.by.len().saturating_sub(CARD_ACTORS),
            via: first(&c.via),
            via_more: c.via.len().saturating_sub(CARD_ACTORS),
            grade: self.grade(c),
        }
    }

    fn claim_refs(&self, list: &[ClaimIx]) -> Vec<ClaimRef> {
        list.iter().map(|&c| self.claim_ref(c)).collect()
    }

    fn measure_ref(&self, ix: MeasureIx) -> MeasureRef {
        self.note(Dep::Ref(Entity::Measure(ix)));
        let m = self.site.measure(ix);
        MeasureRef {
            id: m.id.clone(),
            url: self.link.to(&urls::measure(&m.id)),
            name: m.name.clone(),
            unit: m.unit.clone(),
        }
    }

    fn tag_ref(&self, ix: TagIx) -> TagRef {
        self.note(Dep::Ref(Entity::Tag(ix)));
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
        let language_name = s.language.as_deref().map(language_name);
        SourceCtx {
            id: s.id.clone(),
            anchor: format!("source_{}", s.id),
            title: s.title.clone(),
            url: s.url.as_ref().and_then(|u| self.url(u)),
            publisher: s.publisher.map(|p| self.actor_ref(p)),
            date: s.date.as_ref().map(Self::date),
            reliability: reliability.map(|r| r.as_str().to_string()),
            kind: s.kind.map(SourceType::as_str),
            type_label: s.kind.map(SourceType::label),
            access: s.access.map(Access::as_str),
            access_label: s.access.map(Access::label),
            archive: s.archive.as_ref().and_then(|u| self.url(u)),
            retrieved: s.retrieved.as_ref().map(Self::date),
            language: s.language.clone(),
            line: source_line(s, language_name.as_deref()),
            language_name,
            translation: s.translation.clone(),
            anonymous: s.anonymous,
        }
    }

    /// An author-written URL as the page gets it (root-relative ones made
    /// relative), or `None` when that is not a safe URL: the check is on
    /// the written URL (`resolve` warned about the one that was read).
    fn url(&self, url: &str) -> Option<String> {
        let place = crate::markdown::Place {
            root: self.link.root(),
            portable: self.link.portable(),
        };
        crate::markdown::written_url(url, place)
    }

    /// The figure `f` of claim `c`.
    fn figure(&self, c: &Claim, f: &Figure) -> FigureCtx {
        let shape = figure_shape(f);
        FigureCtx {
            text: figure_text(f),
            amount: figure_amount(f),
            value: f.value,
            low: f.low,
            high: f.high,
            unit: f.unit.clone(),
            qualifier: f.qualifier.map(Qualifier::as_str),
            qualifier_label: match (f.qualifier, shape) {
                (Some(q), _) => Some(q.label()),
                (None, "lower-bound") => Some(Qualifier::AtLeast.label()),
                (None, "upper-bound") => Some(Qualifier::AtMost.label()),
                (None, "range") => Some(Qualifier::Range.label()),
                (None, _) => None,
            },
            shape,
            as_of: f.as_of.as_ref().map(Self::date),
            wording: f.wording.clone(),
            forecast: c.is_forecast(),
        }
    }

    /// FORMAT §6: the first source's reliability, else its publisher's,
    /// else the claimant's.
    fn reliability(&self, c: &Claim) -> Option<Reliability> {
        c.sources
            .first()
            .and_then(|s| s.publisher)
            .into_iter()
            .chain(c.by.first().copied())
            .for_each(|a| self.note(Dep::Ref(Entity::Actor(a))));
        self.site.reliability(c)
    }

    fn grade(&self, c: &Claim) -> Option<String> {
        self.reliability(c);
        self.site.grade(c)
    }

    fn claim_card(&self, ix: ClaimIx) -> ClaimCard {
        self.claim_card_showing(ix, CARD_ACTORS, CARD_SOURCES)
    }

    /// A claim card with at most `actors` of each of `by`, `via` and
    /// `about`, and at most `sources` sources.
    fn claim_card_showing(&self, ix: ClaimIx, actors: usize, sources: usize) -> ClaimCard {
        self.note(Dep::Full(Entity::Claim(ix)));
        let c = self.site.claim(ix);
        let first = |list: &[ActorIx]| self.actor_refs(&list[..list.len().min(actors)]);
        let more = |list: &[ActorIx]| list.len().saturating_sub(actors);
        let (stances, stance_line) = self.stances(c);
        ClaimCard {
            id: c.id.clone(),
            url: self.link.to(&urls::claim(&c.id)),
            text_html: self.html(&c.text),
            text: c.text_plain.clone(),
            by: first(&c.by),
            via: first(&c.via),
            about: first(&c.about),
            said: c.said.as_ref().map(Self::date),
            when: c.when.as_ref().map(when_ctx),
            status: c.status.as_str(),
            status_label: c.status.label(),
            set_apart: c.status.is_set_apart(),
            stances,
            stance_line,
            credibility: c.credibility.map(|cr| cr.as_str().parse().unwrap_or(0)),
            credibility_label: c.credibility.map(Credibility::label),
            reliability: self.reliability(c).map(|r| r.as_str().to_string()),
            grade: self.grade(c),
            confidence: c.confidence.map(Confidence::as_str),
            quote: c.quote.clone(),
            quote_lang: c.quote_lang.clone(),
            figure: c.figure.as_ref().map(|f| self.figure(c, f)),
            measure: c.measure.map(|m| self.measure_ref(m)),
            sources: c
                .sources
                .iter()
                .take(sources)
                .map(|s| self.source(s))
                .collect(),
            declared_in: c.declared_in.map(|b| self.brief_ref(b)),
            actors_more: more(&c.by) + more(&c.via) + more(&c.about),
            sources_more: c.sources.len().saturating_sub(sources),
        }
    }

    /// A claim made for an actor by `proxy`, marked as such.
    fn proxy_claim(&self, c: ClaimIx, proxy: ActorIx, how: Proxy) -> ProxyClaim {
        let proxy = self.actor_ref(proxy);
        let (role, note) = match how {
            Proxy::Spokesperson => (
                "spokesperson",
                format!("via its spokesperson {}", proxy.name),
            ),
            Proxy::Member => ("member", format!("by its member {}", proxy.name)),
        };
        ProxyClaim {
            claim: self.claim_card(c),
            proxy,
            role,
            note,
        }
    }

    /// An actor's relations both ways, grouped by type and direction:
    /// those its file declares, then those others declare to it.
    /// Memberships show as `part_of` and `members` instead, but for a
    /// second body it belongs to.
    fn relation_groups(&self, ai: ActorIx) -> Vec<RelationGroup> {
        let a = self.site.actor(ai);
        let mut out: Vec<(RelationType, bool, RelationItem)> = Vec::new();
        for r in &a.relations {
            if r.kind == RelationType::MemberOf && Some(r.to) == a.part_of {
                continue;
            }
            out.push((r.kind, false, self.relation_item(r.to, r, None)));
        }
        for &(other, k) in &a.related {
            let r = &self.site.actor(other).relations[k];
            if r.kind != RelationType::MemberOf {
                let item = self.relation_item(other, r, Some(&self.site.actor(other).id));
                out.push((r.kind, true, item));
            }
        }
        // Stable: file order (or the others' names) within a group.
        out.sort_by_key(|(kind, inverse, _)| (*inverse, *kind));
        let mut groups: Vec<RelationGroup> = Vec::new();
        for (kind, inverse, item) in out {
            match groups.last_mut() {
                Some(g) if g.kind == kind.as_str() && g.inverse == inverse => g.items.push(item),
                _ => groups.push(RelationGroup {
                    kind: kind.as_str(),
                    inverse,
                    label: if inverse {
                        kind.inverse_label()
                    } else {
                        kind.label()
                    },
                    items: vec![item],
                }),
            }
        }
        groups
    }

    /// One relation, to or from `other`; `declared_by` is the actor
    /// whose page lists its source, when that is not this page.
    fn relation_item(
        &self,
        other: ActorIx,
        r: &Relation,
        declared_by: Option<&str>,
    ) -> RelationItem {
        let dates = match (&r.from, &r.until) {
            (Some(from), Some(until)) => Some(format!("{} – {}", from.text(), until.text())),
            (Some(from), None) => Some(format!("since {}", from.text())),
            (None, Some(until)) => Some(format!("until {}", until.text())),
            (None, None) => None,
        };
        RelationItem {
            actor: self.actor_ref(other),
            from: r.from.as_ref().map(Self::date),
            until: r.until.as_ref().map(Self::date),
            dates,
            source_url: r.source.as_ref().map(|s| {
                let page =
                    declared_by.map_or_else(String::new, |id| self.link.to(&urls::actor(id)));
                format!("{page}#source_{}", s.id)
            }),
            source: r.source.as_ref().map(|s| self.source(s)),
        }
    }

    fn claim_cards(&self, list: &[ClaimIx]) -> Vec<ClaimCard> {
        list.iter().map(|&c| self.claim_card(c)).collect()
    }

    fn brief_summary(&self, ix: BriefIx) -> BriefSummary {
        self.note(Dep::Full(Entity::Brief(ix)));
        let b = self.site.brief(ix);
        BriefSummary {
            id: b.id.clone(),
            url: self.link.to(&urls::brief(&b.id)),
            title: b.title.clone(),
            date: Self::date(&b.date),
            updated: b.updated.as_ref().map(Self::date),
            corrected: b.corrected(),
            summary_html: b.summary.as_ref().map(|s| self.html(s)),
            // A brief shows in the lists of each of its tags: all its tags
            // on each would be quadratic output.
            tags: b
                .tags
                .iter()
                .take(SUMMARY_TAGS)
                .map(|&t| self.tag_ref(t))
                .collect(),
            tags_total: b.tags.len(),
            claim_count: b.claims.len(),
            draft: b.draft,
        }
    }

    fn figure_row(&self, ix: ClaimIx) -> Option<FigureRow> {
        self.note(Dep::Full(Entity::Claim(ix)));
        let c = self.site.claim(ix);
        let figure = c.figure.as_ref()?;
        Some(FigureRow {
            claim: self.claim_ref(ix),
            by: self.actor_refs(&c.by[..c.by.len().min(CARD_ACTORS)]),
            by_more: c.by.len().saturating_sub(CARD_ACTORS),
            said: c.said.as_ref().map(Self::date),
            date: c.figure_date().as_ref().map(Self::date),
            figure: self.figure(c, figure),
            grade: self.grade(c),
        })
    }
}

/// The English name of a language tag's language ("Finnish" for `fi`,
/// `fi-FI` or `fin`), else the tag itself.
fn language_name(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let language = match primary.len() {
        2 => isolang::Language::from_639_1(&primary),
        3 => isolang::Language::from_639_3(&primary),
        _ => None,
    };
    language.map_or_else(|| tag.to_string(), |l| l.to_name().to_string())
}

/// What a source is and how it knows, in one line (FORMAT §6): "Press
/// conference · direct access · in Finnish, translated by the desk ·
/// retrieved 3 May 2025"; `None` when the source says none of it.
fn source_line(s: &Source, language_name: Option<&str>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if s.anonymous {
        parts.push("Anonymous".to_string());
    }
    if let Some(kind) = s.kind {
        parts.push(kind.label().to_string());
    }
    if let Some(access) = s.access {
        parts.push(access.label().to_string());
    }
    let translated = s.translation.as_deref().map(|t| match t {
        "desk" | "the desk" => "translated by the desk".to_string(),
        name => format!("translated by {name}"),
    });
    match (language_name, translated) {
        (Some(language), Some(t)) => parts.push(format!("in {language}, {t}")),
        (Some(language), None) => parts.push(format!("in {language}")),
        (None, Some(t)) => parts.push(t),
        (None, None) => {}
    }
    if let Some(retrieved) = &s.retrieved {
        parts.push(format!("retrieved {}", retrieved.text()));
    }
    if parts.is_empty() {
        return None;
    }
    // The first word starts with a capital: "Anonymous", a type, or
    // "Direct access".
    let mut line = parts.join(" · ");
    if let Some(first) = line.get(..1) {
        line = first.to_uppercase() + &line[1..];
    }
    Some(line)
}

/// "Kremlin", "Kremlin, KCNA and NIS", "Kremlin, KCNA and 3 more".
fn names(actors: &[ActorRef], more: usize) -> String {
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    match (names.split_last(), more) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.to_string(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", names.join(", ")),
    }
}

/// A judgement's evidence, and the line that says it.
fn evidence_ctx(e: &Evidence) -> EvidenceCtx {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = vec![if e.claims == 0 {
        "No claim cited".to_string()
    } else {
        format!(
            "{} from {}",
            plural(e.claims, "claim", "claims"),
            plural(e.claimants, "claimant", "claimants")
        )
    }];
    let mut grades: Vec<String> = e
        .grades
        .iter()
        .map(|(g, n)| {
            if *n == 1 {
                g.clone()
            } else {
                format!("{g} ×{n}")
            }
        })
        .collect();
    if e.ungraded > 0 {
        grades.push(format!("{} ungraded", e.ungraded));
    }
    if !grades.is_empty() {
        parts.push(grades.join(", "));
    }
    if !e.source_types.is_empty() {
        parts.push(
            e.source_types
                .iter()
                .map(|(kind, n)| kind.counted(*n))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if e.anonymous > 0 {
        parts.push(plural(e.anonymous, "anonymous source", "anonymous sources"));
    }
    if e.against > 0 {
        parts.push(format!("{} against", e.against));
    }
    if e.single_source {
        parts.push("single source".to_string());
    }
    EvidenceCtx {
        claims: e.claims,
        claimants: e.claimants,
        grades: e
            .grades
            .iter()
            .map(|(grade, count)| GradeCount {
                grade: grade.clone(),
                count: *count,
            })
            .collect(),
        ungraded: e.ungraded,
        against: e.against,
        single_source: e.single_source,
        source_types: e
            .source_types
            .iter()
            .map(|(kind, count)| SourceTypeCount {
                kind: kind.as_str(),
                label: kind.label(),
                count: *count,
                text: kind.counted(*count),
            })
            .collect(),
        anonymous: e.anonymous,
        line: parts.join(" · "),
    }
}

/// One end of a `when`: the date, and the time of day as written and
/// in UTC ("25 December 2024, 14:26 UTC+02:00 (12:26 UTC)").
fn moment_ctx(date: &PartialDate, time: Option<TimeOfDay>) -> DateCtx {
    match time {
        None => Ctx::date(date),
        Some(t) => {
            let (utc_date, utc) = t.utc(date);
            let mut text = format!("{}, {}", date.text(), t.text());
            if t.offset != 0 {
                if utc_date == *date {
                    text.push_str(&format!(" ({})", utc.text()));
                } else {
                    text.push_str(&format!(" ({}, {})", utc_date.text(), utc.text()));
                }
            }
            DateCtx {
                iso: format!("{}T{}", date.iso(), t.iso()),
                text,
            }
        }
    }
}

fn when_ctx(w: &When) -> WhenCtx {
    let from = moment_ctx(&w.from, w.from_time);
    let to = w.to.as_ref().map(|d| moment_ctx(d, w.to_time));
    let text = match &to {
        Some(to) if to.iso != from.iso => format!("{} – {}", from.text, to.text),
        _ => from.text.clone(),
    };
    WhenCtx { from, to, text }
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

/// What a figure's qualifier and numbers make of it, for drawing it
/// (FigureCtx `shape`): a figure with only `low` is a lower bound even
/// without `qualifier: at-least`, since its text says "at least".
fn figure_shape(f: &Figure) -> &'static str {
    match f.qualifier {
        Some(Qualifier::About | Qualifier::Nearly) => "approximate",
        Some(Qualifier::AtLeast) => "lower-bound",
        Some(Qualifier::AtMost) => "upper-bound",
        Some(Qualifier::Range) => "range",
        Some(Qualifier::Exactly) | None => match (f.value, f.low, f.high) {
            (None, Some(_), None) => "lower-bound",
            (None, None, Some(_)) => "upper-bound",
            (None, Some(_), Some(_)) => "range",
            _ => "exact",
        },
    }
}

/// "15,000 troops", "500–700 killed", "20 billion USD": the numbers and
/// unit, without qualifier or wording.
fn figure_amount(f: &Figure) -> String {
    let mut text = match (f.value, f.low, f.high) {
        (Some(v), Some(l), Some(h)) => format!(
            "{} ({}–{})",
            format_number(v),
            format_number(l),
            format_number(h)
        ),
        (Some(v), _, _) => format_number(v),
        (None, Some(l), Some(h)) => format!("{}–{}", format_number(l), format_number(h)),
        (None, Some(n), None) | (None, None, Some(n)) => format_number(n),
        (None, None, None) => String::new(),
    };
    if let Some(unit) = &f.unit {
        text.push(' ');
        text.push_str(unit);
    }
    text
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
    if let Some(wording) = &f.wording {
        text.push_str(&format!(" (“{wording}”)"));
    }
    text
}

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

/// A list of one entity's that its page shows only the start of, written
/// in full, paginated, beside the entity's page (`urls::sublist`): every
/// list that grows with the content has an end on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sublist {
    /// The actors that are part of an actor.
    Members(ActorIx),
    /// An actor's other names.
    Aliases(ActorIx),
    /// The briefs declaring or citing a claim.
    CitedIn(ClaimIx),
    /// A claim's related claims, by relation.
    Related(ClaimIx),
    /// A claim's claimants, relays and subjects.
    ClaimActors(ClaimIx),
    /// A brief's actor set.
    BriefActors(BriefIx),
    /// A brief's claims.
    BriefClaims(BriefIx),
    /// A brief's tags.
    BriefTags(BriefIx),
    /// A brief's sources.
    BriefSources(BriefIx),
    /// A brief's changes.
    BriefChanges(BriefIx),
    /// A claim's sources.
    ClaimSources(ClaimIx),
    /// What other actors said about a claim.
    ClaimResponses(ClaimIx),
    /// What an actor said about claims.
    ActorResponses(ActorIx),
}

/// A claim's relations, in the order pages show them: (key, heading).
const RELATIONS: [(&str, &str); 6] = [
    ("supports", "Supports"),
    ("supported-by", "Supported by"),
    ("contradicts", "Contradicts"),
    ("contradicted-by", "Contradicted by"),
    ("supersedes", "Supersedes"),
    ("superseded-by", "Superseded by"),
];

/// A claim's related claims, each list in `RELATIONS` order.
fn relations(c: &Claim) -> [&[ClaimIx]; 6] {
    [
        &c.supports,
        &c.supported_by,
        &c.contradicts,
        &c.contradicted_by,
        &c.supersedes,
        &c.superseded_by,
    ]
}

/// A claim's actors by role: (heading, list).
fn claim_actors(c: &Claim) -> [(&'static str, &[ActorIx]); 3] {
    [("Claimants", &c.by), ("Via", &c.via), ("About", &c.about)]
}

/// Page `n` (1-based, `per` a page) of lists read one after another, each
/// item with its list's label; only the page's items are visited.
fn grouped_page<T: Copy>(
    lists: &[(&'static str, &[T])],
    n: usize,
    per: usize,
) -> Vec<(&'static str, T)> {
    let mut skip = n.saturating_sub(1).saturating_mul(per);
    let mut page = Vec::new();
    for &(label, list) in lists {
        let from = skip.min(list.len());
        skip -= from;
        let take = (per - page.len()).min(list.len() - from);
        page.extend(list[from..from + take].iter().map(|&item| (label, item)));
    }
    page
}

impl Sublist {
    /// The file name stem of its pages, beside the owner's page.
    fn name(self) -> &'static str {
        match self {
            Sublist::Members(_) => "members",
            Sublist::Aliases(_) => "names",
            Sublist::CitedIn(_) => "cited-in",
            Sublist::Related(_) => "related",
            Sublist::ClaimActors(_) | Sublist::BriefActors(_) => "actors",
            Sublist::BriefClaims(_) => "claims",
            Sublist::BriefTags(_) => "tags",
            Sublist::BriefSources(_) | Sublist::ClaimSources(_) => "sources",
            Sublist::BriefChanges(_) => "changes",
            Sublist::ClaimResponses(_) | Sublist::ActorResponses(_) => "responses",
        }
    }

    /// `ListCtx::kind`.
    fn kind(self) -> &'static str {
        match self {
            Sublist::Members(_) => "members",
            Sublist::Aliases(_) => "aliases",
            Sublist::CitedIn(_) => "cited-in",
            Sublist::Related(_) => "related",
            Sublist::ClaimActors(_) => "claim-actors",
            Sublist::BriefActors(_) => "brief-actors",
            Sublist::BriefClaims(_) => "brief-claims",
            Sublist::BriefTags(_) => "brief-tags",
            Sublist::BriefSources(_) => "brief-sources",
            Sublist::BriefChanges(_) => "brief-changes",
            Sublist::ClaimSources(_) => "claim-sources",
            Sublist::ClaimResponses(_) => "claim-responses",
            Sublist::ActorResponses(_) => "actor-responses",
        }
    }

    fn owner(self) -> Entity {
        match self {
            Sublist::Members(a) | Sublist::Aliases(a) | Sublist::ActorResponses(a) => {
                Entity::Actor(a)
            }
            Sublist::CitedIn(c)
            | Sublist::Related(c)
            | Sublist::ClaimActors(c)
            | Sublist::ClaimSources(c)
            | Sublist::ClaimResponses(c) => Entity::Claim(c),
            Sublist::BriefActors(b)
            | Sublist::BriefClaims(b)
            | Sublist::BriefTags(b)
            | Sublist::BriefSources(b)
            | Sublist::BriefChanges(b) => Entity::Brief(b),
        }
    }

    /// The owner's page: (its section's crumb, its name, its path).
    fn owner_page(self, site: &Site) -> (&'static str, &'static str, String, String) {
        match self {
            Sublist::Members(a) | Sublist::Aliases(a) | Sublist::ActorResponses(a) => {
                let a = site.actor(a);
                ("Actors", urls::ACTORS, a.name.clone(), urls::actor(&a.id))
            }
            Sublist::CitedIn(c)
            | Sublist::Related(c)
            | Sublist::ClaimActors(c)
            | Sublist::ClaimSources(c)
            | Sublist::ClaimResponses(c) => {
                let c = site.claim(c);
                let name = shortened(&c.text_plain, 80);
                ("Claims", urls::CLAIMS, name, urls::claim(&c.id))
            }
            Sublist::BriefActors(b)
            | Sublist::BriefClaims(b)
            | Sublist::BriefTags(b)
            | Sublist::BriefSources(b)
            | Sublist::BriefChanges(b) => {
                let b = site.brief(b);
                ("Briefs", urls::BRIEFS, b.title.clone(), urls::brief(&b.id))
            }
        }
    }

    /// How many entries it has in all.
    fn len(self, site: &Site) -> usize {
        match self {
            Sublist::Members(a) => site.actor(a).members.len(),
            Sublist::Aliases(a) => site.actor(a).aliases.len(),
            Sublist::CitedIn(c) => site.claim(c).cited_in.len(),
            Sublist::Related(c) => relations(site.claim(c)).iter().map(|l| l.len()).sum(),
            Sublist::ClaimActors(c) => claim_actors(site.claim(c)).iter().map(|l| l.1.len()).sum(),
            Sublist::BriefActors(b) => site.brief(b).actors.len(),
            Sublist::BriefClaims(b) => site.brief(b).claims.len(),
            Sublist::BriefTags(b) => site.brief(b).tags.len(),
            Sublist::BriefSources(b) => site.brief(b).sources.len(),
            Sublist::BriefChanges(b) => site.brief(b).changes.len(),
            Sublist::ClaimSources(c) => site.claim(c).sources.len(),
            Sublist::ClaimResponses(c) => site.claim(c).responses.len(),
            Sublist::ActorResponses(a) => site.actor(a).responses.len(),
        }
    }

    /// Whether the owner's page leaves some of it out (then it has pages).
    fn needed(self, site: &Site) -> bool {
        let over = |list_len: usize, shown: usize| list_len > shown;
        match self {
            Sublist::Members(_) => over(self.len(site), MEMBERS_SHOWN),
            Sublist::Aliases(_) => over(self.len(site), ALIASES_SHOWN),
            Sublist::CitedIn(_) => over(self.len(site), CITING_SHOWN),
            Sublist::Related(c) => relations(site.claim(c))
                .iter()
                .any(|l| over(l.len(), RELATED_SHOWN)),
            Sublist::ClaimActors(c) => claim_actors(site.claim(c))
                .iter()
                .any(|l| over(l.1.len(), RECORD_ACTORS)),
            Sublist::BriefActors(_) => over(self.len(site), BRIEF_ACTORS_SHOWN),
            Sublist::BriefClaims(_) => over(self.len(site), BRIEF_CLAIMS_SHOWN),
            Sublist::BriefTags(_) => over(self.len(site), BRIEF_TAGS_SHOWN),
            Sublist::BriefSources(_) | Sublist::ClaimSources(_) => {
                over(self.len(site), SOURCES_SHOWN)
            }
            Sublist::BriefChanges(_) => over(self.len(site), CHANGES_SHOWN),
            Sublist::ClaimResponses(_) => over(self.len(site), RESPONSES_SHOWN),
            Sublist::ActorResponses(_) => over(self.len(site), ACTOR_RESPONSES_SHOWN),
        }
    }

    /// Its page `n` (1-based).
    fn path(self, site: &Site, n: usize) -> String {
        let (_, _, _, owner) = self.owner_page(site);
        urls::sublist(&owner, self.name(), n)
    }

    /// How many pages it fills (none when the owner's page shows it all).
    fn pages(self, site: &Site) -> usize {
        if self.needed(site) {
            self.len(site).div_ceil(LIST_PER_PAGE)
        } else {
            0
        }
    }

    /// The link to its first page, when it has pages.
    fn link(self, ctx: &Ctx, n: usize) -> Option<String> {
        self.needed(ctx.site)
            .then(|| ctx.link.to(&self.path(ctx.site, n)))
    }
}

/// A grade's key: reliability and credibility, or `None` for claims
/// without both.
type GradeKey = Option<(Reliability, Credibility)>;

/// A month of the timeline: year and month, or the year alone for claims
/// dated by their year.
type MonthKey = (u16, Option<u8>);

/// The ways into the claims list, each a slice of the plan's orders:
/// claims by verdict, by grade and by claimant, dated claims by month.
#[derive(Debug, Default)]
struct Facets {
    /// Every verdict with claims, in list order, and where its claims are
    /// in `Plan::claims` (the list is sorted by verdict first).
    statuses: Vec<(Status, Range<usize>)>,
    /// Every grade with claims (`A1`…`F6`, then the ungraded), its claims
    /// in list order.
    grades: Vec<(GradeKey, Vec<ClaimIx>)>,
    /// Every actor that made claims, most first, then by name: its claims
    /// by verdict, in `Status::ALL` order.
    claimants: Vec<(ActorIx, [usize; STATUSES])>,
    /// Every month with dated claims, newest first, and where its claims
    /// are in `Plan::timeline` (sorted by date made first).
    months: Vec<(MonthKey, Range<usize>)>,
}

const STATUSES: usize = Status::ALL.len();

/// Claimants a page of claimants.html lists.
const CLAIMANTS_PER_PAGE: usize = 100;

impl Facets {
    fn new(site: &Site, claims: &[ClaimIx], timeline: &[ClaimIx]) -> Facets {
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
fn grade_slug(key: GradeKey) -> String {
    match key {
        Some((r, c)) => format!("{}{}", r.as_str(), c.as_str()).to_lowercase(),
        None => "ungraded".to_string(),
    }
}

/// `B2`, or "Not graded".
fn grade_label(key: GradeKey) -> String {
    match key {
        Some((r, c)) => format!("{}{}", r.as_str(), c.as_str()),
        None => "Not graded".to_string(),
    }
}

/// "April 2025", or "2025" for the year alone.
fn month_label((year, month): MonthKey) -> String {
    PartialDate {
        year,
        month,
        day: None,
    }
    .text()
}

/// `2025-04`, or `2025`.
fn month_iso((year, month): MonthKey) -> String {
    PartialDate {
        year,
        month,
        day: None,
    }
    .iso()
}

/// The link to a grade's claims; `current` is the page's own key.
fn grade_link(ctx: &Ctx, key: GradeKey, count: usize, current: Option<&str>) -> FacetLink {
    let slug = grade_slug(key);
    FacetLink {
        url: ctx.link.to(&urls::claims_with_grade(&slug, 1)),
        current: current == Some(slug.as_str()),
        key: slug,
        label: grade_label(key),
        count,
    }
}

/// Years the timeline chart draws at most (the latest).
const TIMELINE_YEARS: u16 = 60;

/// The months as the timeline's index heads them.
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

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

/// What a page builder is given: the plan with its list orders, the
/// context that notes what the page reads, and the page's spec.
struct Job<'a> {
    plan: &'a Plan,
    ctx: Ctx<'a>,
    spec: &'a Spec,
}

impl Job<'_> {
    /// The page: its kind, title, description, breadcrumbs between Home
    /// and itself, the navigation entry it is under, and its body.
    fn page(
        &self,
        kind: &'static str,
        title: String,
        description: Option<String>,
        crumbs: Vec<(String, String)>,
        current: &str,
        body: Body,
    ) -> PageJob {
        let common = self.plan.common(
            &self.ctx,
            &self.spec.path,
            kind,
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
        let mut specs = Vec::new();
        fn add(specs: &mut Vec<Spec>, path: String, template: &'static str, what: What) {
            let output = urls::output_file(&path);
            specs.push(Spec {
                path,
                output,
                template,
                what,
            });
        }
        add(&mut specs, urls::HOME.into(), "index.html", What::Home);
        for n in 1..=briefs.len().div_ceil(BRIEFS_PER_PAGE).max(1) {
            add(
                &mut specs,
                urls::list_page(urls::BRIEFS, n),
                "briefs.html",
                What::Briefs(n),
            );
        }
        let add_sublist = |specs: &mut Vec<Spec>, list: Sublist| {
            for n in 1..=list.pages(site) {
                add(
                    specs,
                    list.path(site, n),
                    "list.html",
                    What::Sublist(list, n),
                );
            }
        };
        for &b in &briefs {
            add(
                &mut specs,
                urls::brief(&site.brief(b).id),
                "brief.html",
                What::Brief(b),
            );
            for list in [
                Sublist::BriefActors(b),
                Sublist::BriefClaims(b),
                Sublist::BriefTags(b),
                Sublist::BriefSources(b),
                Sublist::BriefChanges(b),
            ] {
                add_sublist(&mut specs, list);
            }
        }
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
        for n in 1..=actors.len().div_ceil(ACTORS_PER_PAGE).max(1) {
            add(
                &mut specs,
                urls::list_page(urls::ACTORS, n),
                "actors.html",
                What::Actors(n),
            );
        }
        for (i, a) in site.actors.iter().enumerate() {
            add(
                &mut specs,
                urls::actor(&a.id),
                "actor.html",
                What::Actor(ActorIx(i)),
            );
            for list in [
                Sublist::Members(ActorIx(i)),
                Sublist::Aliases(ActorIx(i)),
                Sublist::ActorResponses(ActorIx(i)),
            ] {
                add_sublist(&mut specs, list);
            }
            let claims = actor_claim_count(a);
            if claims > ACTOR_CLAIMS_SHOWN {
                for n in 1..=claims.div_ceil(CLAIMS_PER_PAGE) {
                    add(
                        &mut specs,
                        urls::actor_claims(&a.id, n),
                        "actor_claims.html",
                        What::ActorClaims(ActorIx(i), n),
                    );
                }
            }
            if a.briefs.len() > ACTOR_BRIEFS_SHOWN {
                for n in 1..=a.briefs.len().div_ceil(BRIEFS_PER_PAGE) {
                    add(
                        &mut specs,
                        urls::actor_briefs(&a.id, n),
                        "actor_briefs.html",
                        What::ActorBriefs(ActorIx(i), n),
                    );
                }
            }
        }
        for n in 1..=claims.len().div_ceil(CLAIMS_PER_PAGE).max(1) {
            add(
                &mut specs,
                urls::list_page(urls::CLAIMS, n),
                "claims.html",
                What::Claims(n),
            );
        }
        for (i, (status, range)) in facets.statuses.iter().enumerate() {
            for n in 1..=range.len().div_ceil(CLAIMS_PER_PAGE) {
                add(
                    &mut specs,
                    urls::claims_with_status(status.as_str(), n),
                    "claims.html",
                    What::Verdict(i, n),
                );
            }
        }
        for (i, (grade, list)) in facets.grades.iter().enumerate() {
            for n in 1..=list.len().div_ceil(CLAIMS_PER_PAGE) {
                add(
                    &mut specs,
                    urls::claims_with_grade(&grade_slug(*grade), n),
                    "claims.html",
                    What::Grade(i, n),
                );
            }
        }
        for n in 1..=facets.claimants.len().div_ceil(CLAIMANTS_PER_PAGE) {
            add(
                &mut specs,
                urls::claimants(n),
                "claimants.html",
                What::Claimants(n),
            );
        }
        for &c in &claims {
            add(
                &mut specs,
                urls::claim(&site.claim(c).id),
                "claim.html",
                What::Claim(c),
            );
            for list in [
                Sublist::CitedIn(c),
                Sublist::Related(c),
                Sublist::ClaimActors(c),
                Sublist::ClaimSources(c),
                Sublist::ClaimResponses(c),
            ] {
                add_sublist(&mut specs, list);
            }
        }
        for n in 1..=site.measures.len().div_ceil(MEASURES_PER_PAGE).max(1) {
            add(
                &mut specs,
                urls::list_page(urls::MEASURES, n),
                "measures.html",
                What::Measures(n),
            );
        }
        for (i, m) in site.measures.iter().enumerate() {
            add(
                &mut specs,
                urls::measure(&m.id),
                "measure.html",
                What::Measure(MeasureIx(i)),
            );
            let figures = m.claims.len();
            if figures > MEASURE_FIGURES_SHOWN {
                for n in 1..=figures.div_ceil(FIGURES_PER_PAGE) {
                    add(
                        &mut specs,
                        urls::measure_figures(&m.id, n),
                        "measure_figures.html",
                        What::MeasureFigures(MeasureIx(i), n),
                    );
                }
            }
        }
        for n in 1..=site.tags.len().div_ceil(TAGS_PER_PAGE).max(1) {
            add(
                &mut specs,
                urls::list_page(urls::TAGS, n),
                "tags.html",
                What::Tags(n),
            );
        }
        for (i, t) in site.tags.iter().enumerate() {
            for n in 1..=t.briefs.len().div_ceil(BRIEFS_PER_PAGE) {
                add(
                    &mut specs,
                    urls::list_page(&urls::tag(&t.slug), n),
                    "tag.html",
                    What::Tag(TagIx(i), n),
                );
            }
        }
        for (i, p) in site.pages.iter().enumerate() {
            add(
                &mut specs,
                urls::page(&p.id),
                "page.html",
                What::Page(PageIx(i)),
            );
        }
        // The site's own page of the guide's id takes its place.
        if !site.pages.iter().any(|p| p.id == urls::HOW_TO_READ_ID) {
            add(
                &mut specs,
                urls::HOW_TO_READ.into(),
                "how_to_read.html",
                What::HowToRead,
            );
        }
        if site.pages.len() > NAV_PAGES {
            for n in 1..=site.pages.len().div_ceil(LIST_PER_PAGE) {
                add(
                    &mut specs,
                    urls::all_pages(n),
                    "list.html",
                    What::AllPages(n),
                );
            }
        }
        add(
            &mut specs,
            super::search::PAGE.into(),
            "search.html",
            What::Search,
        );
        add(
            &mut specs,
            urls::NETWORK.into(),
            "network.html",
            What::Network,
        );
        if !site.incidents.is_empty() {
            for n in 1..=site.incidents.len().div_ceil(LIST_PER_PAGE) {
                add(
                    &mut specs,
                    urls::list_page(urls::INCIDENTS, n),
                    "incidents.html",
                    What::Incidents(n),
                );
            }
            if site.incidents.iter().any(|i| mark_of(i).is_some()) {
                for n in 1..=site.incidents.len().div_ceil(LIST_PER_PAGE) {
                    add(
                        &mut specs,
                        urls::list_page(urls::MAP, n),
                        "map.html",
                        What::Map(n),
                    );
                }
            }
            for i in 0..site.incidents.len() {
                add(
                    &mut specs,
                    urls::incident(&site.incidents[i].id),
                    "incident.html",
                    What::Incident(IncidentIx(i)),
                );
            }
        }
        add(
            &mut specs,
            urls::TIMELINE.into(),
            "timeline.html",
            What::Timeline,
        );
        for (i, ((year, month), range)) in facets.months.iter().enumerate() {
            for n in 1..=range.len().div_ceil(TIMELINE_CLAIMS) {
                add(
                    &mut specs,
                    urls::timeline_month(*year, *month, n),
                    "timeline.html",
                    What::Month(i, n),
                );
            }
        }
        add(
            &mut specs,
            urls::NOT_FOUND.into(),
            "404.html",
            What::NotFound,
        );
        // What needs absolute URLs exists only with a base URL.
        if site.base_url.is_some() {
            add(&mut specs, urls::FEED.into(), "feed.xml", What::Feed);
            for (i, a) in site.actors.iter().enumerate() {
                add(
                    &mut specs,
                    urls::actor_feed(&a.id),
                    "feed.xml",
                    What::ActorFeed(ActorIx(i)),
                );
            }
            let pages = specs.iter().filter(|s| s.in_sitemap()).count();
            if pages <= SITEMAP_URLS {
                add(
                    &mut specs,
                    urls::SITEMAP.into(),
                    "sitemap.xml",
                    What::Sitemap(None),
                );
            } else {
                add(
                    &mut specs,
                    urls::SITEMAP.into(),
                    "sitemap.xml",
                    What::Sitemap(Some(0)),
                );
                for n in 1..=pages.div_ceil(SITEMAP_URLS) {
                    add(
                        &mut specs,
                        sitemap_part(n),
                        "sitemap.xml",
                        What::Sitemap(Some(n)),
                    );
                }
            }
        }
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
        Plan {
            specs,
            briefs,
            claims,
            timeline,
            actors,
            newest,
            facets,
            site_ctx,
        }
    }

    /// A page's claims grouped by verdict, each group with its true count
    /// and the link to all its claims.
    fn claim_groups(&self, ctx: &Ctx, shown: &[ClaimIx]) -> Vec<ClaimGroup> {
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
    fn claim_facets(&self, ctx: &Ctx, current: Option<&str>) -> ClaimFacets {
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
    fn grade_matrix(&self, ctx: &Ctx, current: Option<&str>) -> Vec<GradeRow> {
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

    /// A page's dated claims grouped by the month they were made, each
    /// month with its true count and the link to its page.
    fn timeline_months(&self, ctx: &Ctx, shown: &[ClaimIx]) -> Vec<TimelineMonth> {
        let site = ctx.site;
        let mut months: Vec<TimelineMonth> = Vec::new();
        for &c in shown {
            ctx.note(Dep::Full(Entity::Claim(c)));
            let claim = site.claim(c);
            let Some(said) = claim.said else { continue };
            let key = (said.year, said.month);
            let item = TimelineItem {
                claim: ctx.claim_ref(c),
                by: ctx.actor_refs(&claim.by[..claim.by.len().min(CARD_ACTORS)]),
                by_more: claim.by.len().saturating_sub(CARD_ACTORS),
                said: Ctx::date(&said),
                when: claim.when.as_ref().map(when_ctx),
            };
            match months.last_mut() {
                Some(last) if last.iso == month_iso(key) => last.claims.push(item),
                _ => {
                    let total = self
                        .facets
                        .months
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or(0, |(_, r)| r.len());
                    months.push(TimelineMonth {
                        label: month_label(key),
                        iso: month_iso(key),
                        claims: vec![item],
                        total,
                        url: ctx.link.to(&urls::timeline_month(key.0, key.1, 1)),
                    })
                }
            }
        }
        months
    }

    /// The link to the `i`th month of the timeline; `current` is the
    /// page's own.
    fn month_link(&self, ctx: &Ctx, i: usize, current: Option<usize>) -> FacetLink {
        let (key, range) = &self.facets.months[i];
        FacetLink {
            key: month_iso(*key),
            label: month_label(*key),
            count: range.len(),
            url: ctx.link.to(&urls::timeline_month(key.0, key.1, 1)),
            current: current == Some(i),
        }
    }

    /// The timeline's index: every year with dated claims, newest first,
    /// its months linked.
    fn timeline_index(&self, ctx: &Ctx) -> Vec<TimelineYear> {
        let mut years: Vec<TimelineYear> = Vec::new();
        for (i, ((year, month), range)) in self.facets.months.iter().enumerate() {
            if years.last().is_none_or(|y| y.year != *year) {
                years.push(TimelineYear {
                    year: *year,
                    anchor: format!("y{year:04}"),
                    count: 0,
                    months: vec![None; 12],
                    year_only: None,
                });
            }
            let Some(row) = years.last_mut() else {
                continue;
            };
            row.count += range.len();
            let mut link = self.month_link(ctx, i, None);
            match month {
                Some(m) => {
                    let m = usize::from(*m).clamp(1, 12);
                    link.label = MONTH_ABBREVIATIONS[m - 1].to_string();
                    row.months[m - 1] = Some(link);
                }
                None => row.year_only = Some(link),
            }
        }
        years
    }

    /// Claims per month from the first dated claim to the last, or per
    /// year when that is more than `TIMELINE_MONTHS` months (the latest
    /// `TIMELINE_YEARS` years at most); each slot links to its claims, and
    /// the description says what is not drawn.
    fn timeline_chart(&self, ctx: &Ctx) -> Option<String> {
        use super::charts::{Slot, TIMELINE_MONTHS};
        use std::collections::BTreeMap;
        let site = ctx.site;
        let (first, last) = (self.facets.months.last()?.0, self.facets.months.first()?.0);
        let months_of = |(y, m): (u16, u8)| u32::from(y) * 12 + u32::from(m) - 1;
        let (made_lo, made_hi) = (
            (first.0, first.1.unwrap_or(1)),
            (last.0, last.1.unwrap_or(12)),
        );
        let monthly = months_of(made_hi) - months_of(made_lo) < TIMELINE_MONTHS as u32;
        // Slots are (year, month), or (year, 0) by year. Claims dated
        // centuries apart (`said: 0001` beside `said: 2025`) must not make
        // a bar of every year between.
        let (mut lo, mut hi) = if monthly {
            (made_lo, made_hi)
        } else {
            let start = first.0.max(last.0.saturating_sub(TIMELINE_YEARS - 1));
            ((start, 0), (last.0, 0))
        };
        // By month, the months of the events the claims describe widen
        // the chart as long as it stays within `TIMELINE_MONTHS`.
        if monthly {
            let mut events: Vec<(u16, u8)> = self
                .timeline
                .iter()
                .filter_map(|&c| site.claim(c).when)
                .map(|w| w.from_utc())
                .filter_map(|d| d.month.map(|m| (d.year, m)))
                .collect();
            events.sort_unstable();
            let fits =
                |a: (u16, u8), b: (u16, u8)| months_of(b) - months_of(a) < TIMELINE_MONTHS as u32;
            let (made_lo, made_hi) = (lo, hi);
            for &e in events.iter().filter(|e| **e < made_lo).rev() {
                if fits(e, hi) {
                    lo = e;
                }
            }
            for &e in events.iter().filter(|e| **e > made_hi) {
                if fits(lo, e) {
                    hi = e;
                }
            }
        }
        let slot_of = |d: &PartialDate| match (monthly, d.month) {
            (true, Some(m)) => Some((d.year, m)),
            (true, None) => None,
            (false, _) => Some((d.year, 0)),
        };
        let mut counts: BTreeMap<(u16, u8), (usize, usize)> = BTreeMap::new();
        let (mut made_out, mut events_out) = (0, 0);
        for &c in &self.timeline {
            ctx.note(Dep::Full(Entity::Claim(c)));
            let claim = site.claim(c);
            let Some(said) = claim.said else { continue };
            match slot_of(&said).filter(|k| (lo..=hi).contains(k)) {
                Some(k) => counts.entry(k).or_default().0 += 1,
                None => made_out += 1,
            }
            if let Some(when) = claim.when {
                match slot_of(&when.from_utc()).filter(|k| (lo..=hi).contains(k)) {
                    Some(k) => counts.entry(k).or_default().1 += 1,
                    None => events_out += 1,
                }
            }
        }
        let mut slots = Vec::new();
        if monthly {
            let (mut year, mut month) = lo;
            while (year, month) <= hi {
                let (made, events) = counts.get(&(year, month)).copied().unwrap_or_default();
                slots.push(Slot {
                    label: month_label((year, Some(month))),
                    made,
                    events,
                    url: (made > 0)
                        .then(|| ctx.link.to(&urls::timeline_month(year, Some(month), 1))),
                });
                (year, month) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
            }
        } else {
            for year in lo.0..=hi.0 {
                let (made, events) = counts.get(&(year, 0)).copied().unwrap_or_default();
                slots.push(Slot {
                    label: format!("{year:04}"),
                    made,
                    events,
                    url: (made > 0).then(|| format!("#y{year:04}")),
                });
            }
        }
        let plural = |n: usize| if n == 1 { ("", "is") } else { ("s", "are") };
        let mut notes = Vec::new();
        if made_out > 0 {
            let (s, be) = plural(made_out);
            notes.push(if monthly {
                format!("{made_out} claim{s} dated by the year alone {be} not drawn.")
            } else {
                format!(
                    "{made_out} claim{s} made before {:04} {be} not drawn.",
                    lo.0
                )
            });
        }
        if events_out > 0 {
            let (s, be) = plural(events_out);
            notes.push(format!(
                "{events_out} claim{s} about events outside these {} {be} not drawn as events.",
                if monthly { "months" } else { "years" }
            ));
        }
        let per = if monthly { "month" } else { "year" };
        super::charts::timeline(&slots, per, &notes.join(" "))
    }

    /// Fingerprints of what pages read from the plan: the list orders,
    /// the pages there are, and the newest date.
    pub fn prints(&self, site: &Site) -> PlanPrints {
        use super::deps::{order_print, value_print};
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
            search: link.to(super::search::PAGE),
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
                text: format!("{}: latest briefs", ctx.site.title),
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
            wording: None,
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
        let worded = Figure {
            wording: Some("dozens of kilometres".into()),
            ..f(Some(30.0), None, None, Some("km"), Some(Qualifier::Nearly))
        };
        assert_eq!(
            figure_text(&worded),
            "nearly 30 km (“dozens of kilometres”)"
        );
    }

    #[test]
    fn stances_and_evidence_read_as_one_line() {
        let actor = |name: &str| ActorRef {
            id: name.to_lowercase(),
            url: String::new(),
            name: name.into(),
            lang: None,
            kind: "state",
            kind_label: "State",
        };
        assert_eq!(names(&[actor("Kremlin")], 0), "Kremlin");
        assert_eq!(
            names(&[actor("Kremlin"), actor("KCNA"), actor("NIS")], 0),
            "Kremlin, KCNA and NIS"
        );
        assert_eq!(names(&[actor("Kremlin")], 3), "Kremlin and 3 more");
        let evidence = Evidence {
            claims: 3,
            claimants: 2,
            grades: vec![("B2".into(), 2), ("C3".into(), 1)],
            ungraded: 0,
            against: 1,
            single_source: false,
            source_types: vec![
                (SourceType::PressConference, 2),
                (SourceType::MediaReport, 1),
            ],
            anonymous: 1,
        };
        assert_eq!(
            evidence_ctx(&evidence).line,
            "3 claims from 2 claimants · B2 ×2, C3 · 2 press conferences, 1 media report · 1 anonymous source · 1 against"
        );
        let single = Evidence {
            claims: 1,
            claimants: 1,
            grades: Vec::new(),
            ungraded: 1,
            against: 0,
            single_source: true,
            ..Evidence::default()
        };
        assert_eq!(
            evidence_ctx(&single).line,
            "1 claim from 1 claimant · 1 ungraded · single source"
        );
        // Resting on nothing cited (a judgement without `claims`).
        let none = Evidence {
            against: 2,
            ..Evidence::default()
        };
        assert_eq!(evidence_ctx(&none).line, "No claim cited · 2 against");
        assert_eq!(evidence_ctx(&Evidence::default()).line, "No claim cited");
    }
}
