//! Shared pieces of pages: the context that notes what a page reads, and the references, cards and lines it builds from the model.

use super::*;

/// Builds context values for one page, noting what it reads.
pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    pub(super) link: Linker,
    pub(super) deps: Option<&'a RefCell<Vec<Dep>>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn note(&self, dep: Dep) {
        if let Some(deps) = self.deps {
            deps.borrow_mut().push(dep);
        }
    }

    pub(super) fn html(&self, html: &InlineHtml) -> String {
        html.for_root(self.link.root()).to_string()
    }

    pub(super) fn date(d: &PartialDate) -> DateCtx {
        DateCtx {
            iso: d.iso(),
            text: d.text(),
        }
    }

    pub(super) fn actor_ref(&self, ix: ActorIx) -> ActorRef {
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

    pub(super) fn actor_refs(&self, list: &[ActorIx]) -> Vec<ActorRef> {
        list.iter().map(|&a| self.actor_ref(a)).collect()
    }

    pub(super) fn brief_ref(&self, ix: BriefIx) -> BriefRef {
        self.note(Dep::Ref(Entity::Brief(ix)));
        let b = self.site.brief(ix);
        BriefRef {
            id: b.id.clone(),
            url: self.link.to(&urls::brief(&b.id)),
            title: b.title.clone(),
            date: Self::date(&b.date),
        }
    }

    pub(super) fn claim_ref(&self, ix: ClaimIx) -> ClaimRef {
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
    pub(super) fn stance(&self, r: &Response) -> StanceCtx {
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

    pub(super) fn response(&self, r: &Response) -> ResponseCtx {
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
    pub(super) fn stances(&self, c: &Claim) -> (StancesCtx, Option<String>) {
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
    pub(super) fn evidence_claim(&self, ix: ClaimIx) -> EvidenceClaim {
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

    pub(super) fn claim_refs(&self, list: &[ClaimIx]) -> Vec<ClaimRef> {
        list.iter().map(|&c| self.claim_ref(c)).collect()
    }

    pub(super) fn measure_ref(&self, ix: MeasureIx) -> MeasureRef {
        self.note(Dep::Ref(Entity::Measure(ix)));
        let m = self.site.measure(ix);
        MeasureRef {
            id: m.id.clone(),
            url: self.link.to(&urls::measure(&m.id)),
            name: m.name.clone(),
            unit: m.unit.clone(),
        }
    }

    pub(super) fn tag_ref(&self, ix: TagIx) -> TagRef {
        self.note(Dep::Ref(Entity::Tag(ix)));
        let t = self.site.tag(ix);
        TagRef {
            slug: t.slug.clone(),
            url: self.link.to(&urls::tag(&t.slug)),
            name: t.name.clone(),
            count: t.briefs.len(),
        }
    }

    pub(super) fn source(&self, s: &Source) -> SourceCtx {
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
    pub(super) fn url(&self, url: &str) -> Option<String> {
        let place = crate::markdown::Place {
            root: self.link.root(),
            portable: self.link.portable(),
        };
        crate::markdown::written_url(url, place)
    }

    /// The figure `f` of claim `c`.
    pub(super) fn figure(&self, c: &Claim, f: &Figure) -> FigureCtx {
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
    pub(super) fn reliability(&self, c: &Claim) -> Option<Reliability> {
        c.sources
            .first()
            .and_then(|s| s.publisher)
            .into_iter()
            .chain(c.by.first().copied())
            .for_each(|a| self.note(Dep::Ref(Entity::Actor(a))));
        self.site.reliability(c)
    }

    pub(super) fn grade(&self, c: &Claim) -> Option<String> {
        self.reliability(c);
        self.site.grade(c)
    }

    pub(super) fn claim_card(&self, ix: ClaimIx) -> ClaimCard {
        self.claim_card_showing(ix, CARD_ACTORS, CARD_SOURCES)
    }

    /// A claim card with at most `actors` of each of `by`, `via` and
    /// `about`, and at most `sources` sources.
    pub(super) fn claim_card_showing(
        &self,
        ix: ClaimIx,
        actors: usize,
        sources: usize,
    ) -> ClaimCard {
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
    pub(super) fn proxy_claim(&self, c: ClaimIx, proxy: ActorIx, how: Proxy) -> ProxyClaim {
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
    pub(super) fn relation_groups(&self, ai: ActorIx) -> Vec<RelationGroup> {
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
    pub(super) fn relation_item(
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

    pub(super) fn claim_cards(&self, list: &[ClaimIx]) -> Vec<ClaimCard> {
        list.iter().map(|&c| self.claim_card(c)).collect()
    }

    pub(super) fn brief_summary(&self, ix: BriefIx) -> BriefSummary {
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

    pub(super) fn figure_row(&self, ix: ClaimIx) -> Option<FigureRow> {
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
pub(super) fn language_name(tag: &str) -> String {
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
pub(super) fn source_line(s: &Source, language_name: Option<&str>) -> Option<String> {
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
pub(super) fn names(actors: &[ActorRef], more: usize) -> String {
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    match (names.split_last(), more) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.to_string(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", names.join(", ")),
    }
}

/// A judgement's evidence, and the line that says it.
pub(super) fn evidence_ctx(e: &Evidence) -> EvidenceCtx {
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

#[cfg(test)]
mod tests {
    use super::*;

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
