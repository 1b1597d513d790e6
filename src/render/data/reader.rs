//! The site read into records, noting what each file reads (`deps`).

use super::*;

/// Reads the site for the data files, noting what it reads.
pub(super) struct Reader<'a> {
    pub(super) site: &'a Site,
    pub(super) deps: Option<RefCell<Vec<Dep>>>,
}

/// One row of a figures CSV, before it is written.
pub(super) struct FigureRow {
    pub(super) cells: [String; 13],
}

impl<'a> Reader<'a> {
    pub(super) fn new(site: &'a Site, tracking: bool) -> Reader<'a> {
        Reader {
            site,
            deps: tracking.then(|| RefCell::new(Vec::new())),
        }
    }

    pub(super) fn note(&self, dep: Dep) {
        if let Some(deps) = &self.deps {
            deps.borrow_mut().push(dep);
        }
    }

    pub(super) fn extend(&self, more: Vec<Dep>) {
        if let Some(deps) = &self.deps {
            deps.borrow_mut().extend(more);
        }
    }

    pub(super) fn into_deps(self) -> Vec<Dep> {
        self.deps.map(RefCell::into_inner).unwrap_or_default()
    }

    /// The URL of the site path `path` for data: absolute under the base
    /// URL, else relative to the site's root (`index.html` spelt out in a
    /// portable build).
    /// An incident as a GeoJSON feature: its point, track and area (a
    /// collection of those it has when more than one).
    pub(super) fn incident(&self, ix: IncidentIx) -> Feature {
        self.note(Dep::Full(Entity::Incident(ix)));
        let site = self.site;
        let i = site.incident(ix);
        let track: Vec<(f64, f64)> = i.track.iter().map(|&(lat, lon, _)| (lat, lon)).collect();
        let mut shapes: Vec<Geometry> = i
            .point
            .map(|(lat, lon)| Geometry::point(lat, lon))
            .into_iter()
            .chain(Geometry::track(&track))
            .chain(Geometry::area(&i.area))
            .collect();
        let geometry = match shapes.len() {
            0 => None,
            1 => shapes.pop(),
            _ => Some(Geometry::GeometryCollection { geometries: shapes }),
        };
        let end = |d: PartialDate, t: Option<TimeOfDay>| match t {
            Some(t) => format!("{}T{}", d.iso(), t.iso()),
            None => d.iso(),
        };
        Feature {
            kind: "Feature",
            id: i.id.clone(),
            geometry,
            properties: FeatureProperties {
                title: i.title.clone(),
                when: i.when.map(|w| match w.to {
                    Some(to) => format!("{}/{}", end(w.from, w.from_time), end(to, w.to_time)),
                    None => end(w.from, w.from_time),
                }),
                place: Some(i.place.clone()),
                precision: i.precision.map(|p| p.as_str().to_string()),
                kind: i.kind.clone(),
                claims: i.claims.iter().map(|c| site.claim(*c).id.clone()).collect(),
                url: self.url(&urls::incident(&i.id)),
            },
        }
    }

    pub(super) fn url(&self, path: &str) -> String {
        self.note(Dep::Site);
        match &self.site.base_url {
            Some(base) => urls::absolute(base, path),
            None => Linker::from_page(urls::HOME, self.site.portable).to(path),
        }
    }

    /// An author-written URL as data gets it, or `None` when it is not a
    /// safe one (pages leave those out too).
    pub(super) fn written_url(&self, url: &str) -> Option<String> {
        self.note(Dep::Site);
        let place = crate::markdown::Place {
            root: "",
            portable: self.site.portable,
        };
        crate::markdown::written_url(url, place)
    }

    pub(super) fn actor_name(&self, a: ActorIx) -> ActorName {
        self.note(Dep::Ref(Entity::Actor(a)));
        let actor = self.site.actor(a);
        ActorName {
            id: actor.id.clone(),
            name: actor.name.clone(),
        }
    }

    pub(super) fn actor_names(&self, list: &[ActorIx]) -> Vec<ActorName> {
        list.iter().map(|&a| self.actor_name(a)).collect()
    }

    pub(super) fn claim_ids(&self, list: &[ClaimIx]) -> Vec<String> {
        list.iter()
            .map(|&c| self.site.claim(c).id.clone())
            .collect()
    }

    /// The claim's reliability and grade (FORMAT §6), noting the actors
    /// they may come from.
    pub(super) fn grade(&self, c: &Claim) -> (Option<Reliability>, Option<String>) {
        c.sources
            .first()
            .and_then(|s| s.publisher)
            .into_iter()
            .chain(c.by.first().copied())
            .for_each(|a| self.note(Dep::Ref(Entity::Actor(a))));
        (self.site.reliability(c), self.site.grade(c))
    }

    pub(super) fn source(&self, s: &Source) -> SourceRecord {
        let publisher = s.publisher.map(|p| self.actor_name(p));
        let reliability = s
            .reliability
            .or_else(|| s.publisher.and_then(|p| self.site.actor(p).reliability));
        SourceRecord {
            id: s.id.clone(),
            title: s.title.clone(),
            publisher,
            url: s.url.as_deref().and_then(|u| self.written_url(u)),
            date: s.date.map(|d| d.iso()),
            reliability: reliability.map(Reliability::as_str),
            kind: s.kind.map(SourceType::as_str),
            access: s.access.map(Access::as_str),
            archive: s.archive.as_deref().and_then(|u| self.written_url(u)),
            retrieved: s.retrieved.map(|d| d.iso()),
            language: s.language.clone(),
            translation: s.translation.clone(),
            anonymous: s.anonymous,
        }
    }

    /// The unit of claim `c`'s figure: its own, else its measure's.
    pub(super) fn unit(&self, c: &Claim, f: &Figure) -> Option<String> {
        f.unit.clone().or_else(|| {
            c.measure.and_then(|m| {
                self.note(Dep::Ref(Entity::Measure(m)));
                self.site.measure(m).unit.clone()
            })
        })
    }

    pub(super) fn claim(&self, ix: ClaimIx) -> ClaimRecord {
        self.note(Dep::Full(Entity::Claim(ix)));
        let site = self.site;
        let c = site.claim(ix);
        let (reliability, grade) = self.grade(c);
        ClaimRecord {
            id: c.id.clone(),
            text: c.text_plain.clone(),
            by: self.actor_names(&c.by),
            via: self.actor_names(&c.via),
            about: self.actor_names(&c.about),
            said: c.said.map(|d| d.iso()),
            when: c.when.map(|w| {
                let end = |d: PartialDate, t: Option<TimeOfDay>| match t {
                    Some(t) => format!("{}T{}", d.iso(), t.iso()),
                    None => d.iso(),
                };
                WhenRecord {
                    from: end(w.from, w.from_time),
                    to: w.to.map(|d| end(d, w.to_time)),
                }
            }),
            status: c.status.as_str(),
            grade,
            reliability: reliability.map(Reliability::as_str),
            credibility: c.credibility.map(Credibility::as_str),
            confidence: c.confidence.map(Confidence::as_str),
            quote: c.quote.clone(),
            quote_lang: c.quote_lang.clone(),
            figure: c.figure.as_ref().map(|f| FigureRecord {
                value: f.value,
                low: f.low,
                high: f.high,
                unit: self.unit(c, f),
                qualifier: f.qualifier.map(Qualifier::as_str),
                as_of: f.as_of.map(|d| d.iso()),
                wording: f.wording.clone(),
                forecast: c.is_forecast(),
            }),
            measure: c.measure.map(|m| site.measure(m).id.clone()),
            responses: c
                .responses
                .iter()
                .map(|r| ResponseRecord {
                    by: self.actor_names(&r.by),
                    stance: r.stance.as_str(),
                    said: r.said.map(|d| d.iso()),
                    text: r.text_plain.clone(),
                    sources: r.sources.iter().map(|s| self.source(s)).collect(),
                })
                .collect(),
            sources: c.sources.iter().map(|s| self.source(s)).collect(),
            supports: self.claim_ids(&c.supports),
            contradicts: self.claim_ids(&c.contradicts),
            supersedes: self.claim_ids(&c.supersedes),
            declared_in: c.declared_in.map(|b| site.brief(b).id.clone()),
            cited_in: c
                .cited_in
                .iter()
                .map(|&b| site.brief(b).id.clone())
                .collect(),
            url: self.url(&urls::claim(&c.id)),
            incident: c
                .incidents
                .iter()
                .map(|&i| site.incident(i).id.clone())
                .collect(),
        }
    }

    /// The rows of measure `m`'s figures, in the order of its page.
    pub(super) fn measure_rows(&self, m: MeasureIx) -> Vec<FigureRow> {
        self.note(Dep::Full(Entity::Measure(m)));
        self.site
            .measure(m)
            .claims
            .iter()
            .filter_map(|&c| self.figure_row(c))
            .collect()
    }

    /// The figures CSV row of claim `ix`, when it has a figure.
    pub(super) fn figure_row(&self, ix: ClaimIx) -> Option<FigureRow> {
        self.note(Dep::Full(Entity::Claim(ix)));
        let site = self.site;
        let c = site.claim(ix);
        let f = c.figure.as_ref()?;
        let (_, grade) = self.grade(c);
        let by: Vec<String> = self.actor_names(&c.by).into_iter().map(|a| a.id).collect();
        Some(FigureRow {
            cells: [
                c.measure
                    .map(|m| site.measure(m).id.clone())
                    .unwrap_or_default(),
                c.id.clone(),
                by.join(LIST_SEPARATOR),
                iso(c.said),
                iso(f.as_of),
                number(f.value),
                number(f.low),
                number(f.high),
                f.qualifier.map(Qualifier::as_str).unwrap_or("").to_string(),
                f.wording.clone().unwrap_or_default(),
                self.unit(c, f).unwrap_or_default(),
                c.status.as_str().to_string(),
                grade.unwrap_or_default(),
            ],
        })
    }

    pub(super) fn actor(&self, ix: ActorIx) -> ActorRecord {
        self.note(Dep::Full(Entity::Actor(ix)));
        let a = self.site.actor(ix);
        ActorRecord {
            id: a.id.clone(),
            name: a.name.clone(),
            name_lang: a.name_lang.clone(),
            kind: a.kind.as_str(),
            aliases: a
                .aliases
                .iter()
                .map(|alias| AliasRecord {
                    name: alias.name.clone(),
                    lang: alias.lang.clone(),
                })
                .collect(),
            role: a.role.clone(),
            part_of: a.part_of.map(|p| self.site.actor(p).id.clone()),
            identifiers: a
                .identifiers
                .iter()
                .map(|i| IdentifierRecord {
                    scheme: i.scheme.clone(),
                    value: i.value.clone(),
                })
                .collect(),
            relations: a
                .relations
                .iter()
                .map(|r| RelationRecord {
                    kind: r.kind.as_str(),
                    to: self.actor_name(r.to),
                    from: r.from.map(|d| d.iso()),
                    until: r.until.map(|d| d.iso()),
                    source: r.source.as_ref().map(|s| self.source(s)),
                })
                .collect(),
            reliability: a.reliability.map(Reliability::as_str),
            same_as: a
                .same_as
                .iter()
                .filter_map(|u| self.written_url(u))
                .collect(),
            links: a
                .links
                .iter()
                .filter_map(|(title, url)| {
                    Some(LinkRecord {
                        title: title.clone(),
                        url: self.written_url(url)?,
                    })
                })
                .collect(),
            url: self.url(&urls::actor(&a.id)),
        }
    }
}
