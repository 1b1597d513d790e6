//! `Here`: one entity's conversion under way, and the readers of values every
//! kind of file shares (required fields, dates, vocabularies, references, places).

use super::*;

impl<'a> Here<'a> {
    pub(super) fn new(
        scope: &'a Scope<'a>,
        file_id: FileId,
        base: YamlPath,
        published: bool,
    ) -> Here<'a> {
        Here {
            scope,
            file: scope.loaded.file(file_id),
            file_id,
            base,
            published,
            found: Findings::default(),
        }
    }

    pub(super) fn path(&self, rel: &YamlPath) -> YamlPath {
        let mut p = self.base.clone();
        p.0.extend(rel.0.iter().cloned());
        p
    }

    /// A language tag, reported and dropped unless it is one of the IANA
    /// registry (see [`language_problem`]).
    pub(super) fn lang(&mut self, value: &Option<Text>, rel: &YamlPath) -> Option<String> {
        let lang = text(value)?;
        match language_problem(&lang) {
            None => Some(lang),
            Some((message, hint)) => {
                self.error(rel, message, hint);
                None
            }
        }
    }

    pub(super) fn error(
        &mut self,
        rel: &YamlPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.file.error_at(&self.path(rel), message).hint(hint);
        self.found.diagnostics.push(d);
    }

    /// Reports that `key` is missing under `rel`, unless load dropped it
    /// for a value of the wrong type (that error is already reported).
    pub(super) fn missing(
        &mut self,
        rel: &YamlPath,
        key: &'static str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        if !self.was_dropped(&rel.key(key)) {
            self.error(rel, message, hint);
        }
    }

    /// `rel` as the file has it, for messages: list items after one that
    /// load dropped for its type have moved up one place.
    pub(super) fn written(&self, rel: &YamlPath) -> YamlPath {
        if !self.file.dropped_any() {
            return rel.clone();
        }
        let full = self.file.as_written(&self.path(rel));
        YamlPath(full.0[self.base.0.len()..].to_vec())
    }

    /// Whether load dropped the value at `rel` for having the wrong type.
    pub(super) fn was_dropped(&self, rel: &YamlPath) -> bool {
        self.file.dropped_any() && self.file.was_dropped(&self.path(rel))
    }

    pub(super) fn warning(
        &mut self,
        rel: &YamlPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.file.warning_at(&self.path(rel), message).hint(hint);
        self.found.diagnostics.push(d);
    }

    /// A required text field.
    pub(super) fn required(
        &mut self,
        value: &Option<Text>,
        key: &'static str,
        example: &str,
    ) -> String {
        match text(value) {
            Some(t) => t,
            None => {
                let hint = format!("add `{key}: {example}`");
                if value.is_some() {
                    self.error(&path![key], format!("`{key}` is empty"), hint);
                } else {
                    let message = format!("missing required field `{key}`");
                    self.missing(&path![], key, message, hint);
                }
                String::new()
            }
        }
    }

    pub(super) fn full_date(
        &mut self,
        value: &Option<Text>,
        key: &'static str,
    ) -> Option<PartialDate> {
        self.full_date_at(value, &path![key])
    }

    /// A full date at `at`, reported and dropped unless it is one.
    pub(super) fn full_date_at(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
    ) -> Option<PartialDate> {
        let raw = text(value)?;
        let key = self.written(at);
        match PartialDate::parse(&raw) {
            Some(d) if d.is_full() => Some(d),
            Some(_) => {
                self.error(
                    at,
                    format!("`{key}` must be a full date, not `{raw}`"),
                    "write the day too: `YYYY-MM-DD`, e.g. `2025-04-30`",
                );
                None
            }
            None => {
                self.error(
                    at,
                    format!("invalid date `{raw}` in `{key}`"),
                    "write dates as `YYYY-MM-DD`, e.g. `2025-04-30`, and check the day exists",
                );
                None
            }
        }
    }

    /// A date, or a full date with its time of day and zone (`when`).
    pub(super) fn moment(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
    ) -> Option<(PartialDate, Option<TimeOfDay>)> {
        let raw = text(value)?;
        let shown = self.written(at);
        let (message, hint) = match TimeOfDay::parse_moment(&raw) {
            Ok(moment) => return Some(moment),
            Err(MomentProblem::Date) => (
                format!("invalid date `{raw}` in `{shown}`"),
                "write `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or a date and time with its zone, e.g. `2024-12-25T14:26+02:00`".to_string(),
            ),
            Err(MomentProblem::NotFullDate) => (
                format!("a time of day needs a full date in `{shown}`: `{raw}`"),
                "write the day too, e.g. `2024-12-25T14:26Z`, or the date alone".to_string(),
            ),
            Err(MomentProblem::NoZone) => (
                format!("a time of day needs its zone in `{shown}`: `{raw}`"),
                format!("add `Z` for UTC or the offset, e.g. `{}Z` or `{}+02:00`", raw.trim(), raw.trim()),
            ),
            Err(MomentProblem::Time) => (
                format!("invalid time of day `{raw}` in `{shown}`"),
                "write the time as `HH:MM` or `HH:MM:SS` (00:00 to 23:59) and the zone as `Z` or `+HH:MM`/`-HH:MM`, e.g. `2024-12-25T14:26+02:00`".to_string(),
            ),
        };
        self.error(at, message, hint);
        None
    }

    pub(super) fn partial_date(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
    ) -> Option<PartialDate> {
        let raw = text(value)?;
        let parsed = PartialDate::parse(&raw);
        if parsed.is_none() {
            let shown = self.written(at);
            self.error(
                at,
                format!("invalid date `{raw}` in `{shown}`"),
                "write `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, e.g. `2025-04`",
            );
        }
        parsed
    }

    pub(super) fn vocabulary<T: Copy>(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
        parse: fn(&str) -> Option<T>,
        allowed: fn() -> String,
    ) -> Option<T> {
        let raw = text(value)?;
        match parse(&raw).or_else(|| parse(&raw.to_lowercase())) {
            Some(v) => Some(v),
            None => {
                let shown = self.written(at);
                self.error(
                    at,
                    format!("invalid value `{raw}` for `{shown}`"),
                    allowed_hint(&raw, &allowed()),
                );
                None
            }
        }
    }

    /// Admiralty source reliability, `A`–`F`; a credibility (`1`–`6`) or
    /// a whole grade (`B2`) written here is explained.
    pub(super) fn reliability(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
    ) -> Option<Reliability> {
        let raw = text(value)?;
        if let Some(r) = Reliability::parse(&raw.to_uppercase()) {
            return Some(r);
        }
        let (message, hint) = match grade_parts(&raw) {
            (None, Some(c)) => (
                format!("`{raw}` is a credibility, not a reliability"),
                format!("reliability is a letter from `A` (completely reliable) to `F` (cannot be judged), for a source or an actor; the credibility of a claim's information, `1` to `6`, goes on the claim: `credibility: {c}`"),
            ),
            (Some(r), Some(c)) => (
                format!("`{raw}` is a whole grade: reliability `{r}` and credibility `{c}`"),
                format!("write `reliability: {r}` here, and `credibility: {c}` on the claim"),
            ),
            _ => (
                format!("invalid reliability `{raw}`"),
                "Admiralty source reliability is a letter from `A` (completely reliable) to `F` (cannot be judged)".to_string(),
            ),
        };
        self.error(at, message, hint);
        None
    }

    /// Admiralty information credibility, `1`–`6`; a reliability (`A`–`F`)
    /// or a whole grade (`B2`) written here is explained.
    pub(super) fn credibility(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
    ) -> Option<Credibility> {
        let raw = text(value)?;
        if let Some(c) = Credibility::parse(&raw) {
            return Some(c);
        }
        let (message, hint) = match grade_parts(&raw) {
            (Some(r), None) => (
                format!("`{raw}` is a reliability, not a credibility"),
                format!("credibility is a number from `1` (confirmed by other sources) to `6` (truth cannot be judged); letters `A`–`F` are the reliability of a source, written on the source or its publisher (the actor): `reliability: {r}`"),
            ),
            (Some(r), Some(c)) => (
                format!("`{raw}` is a whole grade: reliability `{r}` and credibility `{c}`"),
                format!("write `credibility: {c}` here, and `reliability: {r}` on the claim's source or its publisher (the actor)"),
            ),
            _ => (
                format!("invalid value `{raw}` for `{}`", self.written(at)),
                format!("credibility is a number from `1` (confirmed by other sources) to `6` (truth cannot be judged); allowed values: {}", Credibility::allowed()),
            ),
        };
        self.error(at, message, hint);
        None
    }

    /// Looks up a reference to an entity of `want`.
    pub(super) fn reference(&mut self, rel: &YamlPath, raw: &str, want: Kind) -> Option<Target> {
        // `at` names the place in messages (only needed for one); `rel`
        // places them.
        let id = raw.trim();
        let ids = self.scope.ids;
        match ids.get(id) {
            None if ids.broken.contains(id) => None,
            None => {
                let at = self.written(rel);
                // An id written as a name (`Kcna-Agency`) is looked for,
                // and would be created, under the id it should be.
                let slug = Some(id)
                    .filter(|id| !is_valid_id(id))
                    .map(crate::resolve::declare::suggest_id)
                    .filter(|slug| !slug.is_empty());
                let near = ids.closest(id, Some(want)).or_else(|| {
                    slug.as_deref()
                        .and_then(|slug| ids.closest(slug, Some(want)))
                });
                let hint = match (near, &slug) {
                    (Some(near), _) => format!("did you mean `{near}`?"),
                    (None, Some(slug)) => format!(
                        "ids are lowercase words joined by `-`: write `{slug}`, and create content/{}/{slug}.md if no {} has it yet",
                        want.folder(),
                        want.noun()
                    ),
                    (None, None) => format!(
                        "no {} has this id; create content/{}/{id}.md or fix the id",
                        want.noun(),
                        want.folder()
                    ),
                };
                self.error(
                    rel,
                    format!("unknown {} `{id}` in `{at}`", want.noun()),
                    hint,
                );
                None
            }
            Some(entry) if kind_of(entry.target) != want => {
                let at = self.written(rel);
                let hint = match ids.closest(id, Some(want)) {
                    Some(near) => {
                        format!("`{at}` takes {} ids; did you mean `{near}`?", want.noun())
                    }
                    None => format!("`{at}` takes {} ids", want.noun()),
                };
                self.error(
                    rel,
                    format!(
                        "`{id}` is {}, not {}",
                        kind_of(entry.target).with_article(),
                        want.with_article()
                    ),
                    hint,
                );
                None
            }
            Some(entry) => {
                if self.published && !entry.published {
                    self.error(rel, format!("`{id}` is a draft (or declared only in a draft brief)"), "publish it (remove `draft: true`), drop this reference, or build with --drafts");
                }
                Some(entry.target)
            }
        }
    }

    pub(super) fn actor(&mut self, at: &YamlPath, raw: &str) -> Option<ActorIx> {
        match self.reference(at, raw, Kind::Actor)? {
            Target::Actor(ix) => Some(ix),
            _ => None,
        }
    }

    pub(super) fn claim(&mut self, at: &YamlPath, raw: &str) -> Option<ClaimIx> {
        match self.reference(at, raw, Kind::Claim)? {
            Target::Claim(ix) => Some(ix),
            _ => None,
        }
    }

    /// A `when` (a claim's or an incident's): a date, or `{from, to}`.
    /// A claim's or an incident's `when`: a date or a time of day with
    /// its zone, or `{from, to}` of those, the ends compared in UTC.
    pub(super) fn when(&mut self, value: &Option<RawWhen>) -> Option<When> {
        match value {
            None => None,
            Some(RawWhen::At(t)) => {
                self.moment(&Some(t.clone()), &path!["when"])
                    .map(|(from, from_time)| When {
                        from,
                        to: None,
                        from_time,
                        to_time: None,
                    })
            }
            Some(RawWhen::Span { from, to }) => {
                if from.is_none() {
                    self.missing(
                        &path!["when"],
                        "from",
                        "`when` has no `from`",
                        "write `when: {from: 2025-01, to: 2025-03}` or a single date",
                    );
                }
                let from = self.moment(from, &path!["when", "from"]);
                let to = self.moment(to, &path!["when", "to"]);
                if let (Some(f), Some(t)) = (from, to) {
                    let utc = |(d, time): (PartialDate, Option<TimeOfDay>)| match time {
                        Some(time) => {
                            let (d, t) = time.utc(&d);
                            (d, Some((t.hour, t.minute, t.second)))
                        }
                        None => (d, None),
                    };
                    let (fu, tu) = (utc(f), utc(t));
                    // Ends compared as UTC sees them; a date alone against a
                    // time compares by date.
                    let before = if fu.0 == tu.0 {
                        matches!((fu.1, tu.1), (Some(a), Some(b)) if b < a)
                    } else {
                        tu.0 < fu.0
                    };
                    if before {
                        let written = |(d, time): (PartialDate, Option<TimeOfDay>)| match time {
                            Some(time) => format!("{}T{}", d.iso(), time.iso()),
                            None => d.iso(),
                        };
                        self.error(
                            &path!["when", "to"],
                            format!(
                                "`when` ends ({}) before it starts ({})",
                                written(t),
                                written(f)
                            ),
                            "swap `from` and `to`",
                        );
                    }
                }
                from.map(|(from, from_time)| When {
                    from,
                    to: to.map(|t| t.0),
                    from_time,
                    to_time: to.and_then(|t| t.1),
                })
            }
        }
    }

    /// The incidents of an id-or-list field (`incident:`).
    pub(super) fn incidents(
        &mut self,
        value: &Option<OneOrMany>,
        key: &'static str,
    ) -> Vec<IncidentIx> {
        let Some(list) = value else { return Vec::new() };
        let single = list.0.len() == 1;
        let mut out = Vec::new();
        for (i, id) in list.0.iter().enumerate() {
            let at = if single { path![key] } else { path![key, i] };
            if let Some(Target::Incident(ix)) = self.reference(&at, &id.0, Kind::Incident) {
                if !out.contains(&ix) {
                    out.push(ix);
                }
            }
        }
        out
    }

    /// A coordinate at `at`: finite and within `limit` (90 for a
    /// latitude, 180 for a longitude); `other` is the coordinate paired
    /// with it, for the hint that the two were swapped.
    pub(super) fn coordinate(
        &mut self,
        value: f64,
        at: &YamlPath,
        lat: bool,
        other: Option<f64>,
    ) -> Option<f64> {
        let (name, limit) = if lat {
            ("latitude", 90.0)
        } else {
            ("longitude", 180.0)
        };
        let key = self.written(at);
        if !value.is_finite() {
            self.error(
                at,
                format!("`{key}` is not a number: `{value}`"),
                format!("write the {name} in decimal degrees, from -{limit} to {limit}"),
            );
            return None;
        }
        if value.abs() > limit {
            let swapped = lat
                && value.abs() <= 180.0
                && other.is_some_and(|o| o.is_finite() && o.abs() <= 90.0);
            let hint = if swapped {
                format!("a latitude is from -90 to 90; {value} looks like a longitude: are `lat` and `lon` swapped?")
            } else {
                format!("a {name} is from -{limit} to {limit} decimal degrees (WGS 84)")
            };
            self.error(
                at,
                format!("{name} {value} is out of range in `{key}`"),
                hint,
            );
            return None;
        }
        Some(value)
    }

    /// The points of a `track` or `area`: `[lat, lon]`, or (`timed`)
    /// `[lat, lon, time]`.
    pub(super) fn points(
        &mut self,
        list: &[RawPoint],
        key: &'static str,
        timed: bool,
    ) -> Vec<(f64, f64, Option<String>)> {
        let mut out = Vec::new();
        for (i, point) in list.iter().enumerate() {
            let at = path!["where", key, i];
            let shape = if timed {
                "`[lat, lon]` or `[lat, lon, time]`"
            } else {
                "`[lat, lon]`"
            };
            let numbers = match point.0.as_slice() {
                [RawCoord::Number(a), RawCoord::Number(b)] => Some((*a, *b, None)),
                [RawCoord::Number(a), RawCoord::Number(b), RawCoord::Text(t)] if timed => {
                    Some((*a, *b, Some(t.trim().to_string())))
                }
                _ => None,
            };
            let Some((lat, lon, time)) = numbers else {
                let written = self.written(&at);
                self.error(
                    &at,
                    format!("`{written}` is not a point"),
                    format!("each point of `where.{key}` is {shape} in decimal degrees, e.g. `[59.4, 24.7]`"),
                );
                continue;
            };
            let lat_ok = self.coordinate(lat, &at.index(0), true, Some(lon));
            let lon_ok = self.coordinate(lon, &at.index(1), false, None);
            if let (Some(lat), Some(lon)) = (lat_ok, lon_ok) {
                out.push((lat, lon, time));
            }
        }
        out
    }

    pub(super) fn actors(&mut self, value: &Option<OneOrMany>, key: &'static str) -> Vec<ActorIx> {
        self.actors_at(value, &path![key])
    }

    /// The actors of an id-or-list field at `field`.
    pub(super) fn actors_at(
        &mut self,
        value: &Option<OneOrMany>,
        field: &YamlPath,
    ) -> Vec<ActorIx> {
        let Some(list) = value else { return Vec::new() };
        let single = list.0.len() == 1;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (i, id) in list.0.iter().enumerate() {
            let at = if single {
                field.clone()
            } else {
                field.index(i)
            };
            if let Some(ix) = self.actor(&at, &id.0) {
                if seen.insert(ix) {
                    out.push(ix);
                }
            }
        }
        out
    }

    pub(super) fn claims(
        &mut self,
        value: &Option<OneOrMany>,
        key: &'static str,
        this: Option<&str>,
    ) -> Vec<ClaimIx> {
        let Some(list) = value else { return Vec::new() };
        let single = list.0.len() == 1;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (i, id) in list.0.iter().enumerate() {
            let at = if single { path![key] } else { path![key, i] };
            if Some(id.0.trim()) == this {
                self.error(
                    &at,
                    format!("a claim cannot name itself in `{key}`"),
                    "name another claim's id",
                );
                continue;
            }
            if let Some(ix) = self.claim(&at, &id.0) {
                if seen.insert(ix) {
                    out.push(ix);
                }
            }
        }
        out
    }
}
