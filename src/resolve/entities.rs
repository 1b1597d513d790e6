//! Raw front matter to model entities, one entity at a time: required
//! fields, dates, vocabularies, figures, references and Markdown fields.
//! Every problem becomes a diagnostic; a bad value is dropped, not fatal.

use super::declare::{is_valid_id, kind_of, ClaimDecl, Ids, MeasureDecl};
use super::memo::{self, Memo, Mode};
use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::load::raw::*;
use crate::load::yaml::YamlPath;
use crate::load::{Doc, FileId, Kind, Loaded, SourceFile};
use crate::markdown::{self, Place, ProblemKind, Rendered};
use crate::model::identifiers;
use crate::model::*;
use crate::path;
use crate::urls;
use std::collections::HashSet;
use std::sync::Arc;

/// What every conversion reads.
pub struct Scope<'a> {
    pub loaded: &'a Loaded,
    pub ids: &'a Ids,
    /// Renderings of the previous build.
    pub memo: &'a Memo,
    /// Keep this build's renderings for the next one.
    pub remember: bool,
    /// Links to folders spell out `index.html`.
    pub portable: bool,
}

/// An `[[id#anchor]]` to check once every page's headings are known.
#[derive(Debug, Clone)]
pub struct PendingAnchor {
    pub file: FileId,
    pub pos: Pos,
    pub target: Target,
    pub anchor: String,
}

/// A `redirect_from` entry.
#[derive(Debug, Clone)]
pub struct PendingRedirect {
    pub from: String,
    pub to: Target,
    pub file: FileId,
    pub path: YamlPath,
}

/// What converting one entity yields besides the entity.
#[derive(Debug, Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub anchors: Vec<PendingAnchor>,
    pub redirects: Vec<PendingRedirect>,
    /// Actors linked with `[[id]]` from the entity's Markdown fields.
    pub linked_actors: Vec<ActorIx>,
    /// The renderings used, for the next build.
    pub memo: Vec<memo::Keyed>,
}

/// The context of one entity: its file, where it sits in the YAML, and
/// whether it is published (published pages must not link to drafts).
struct Here<'a> {
    scope: &'a Scope<'a>,
    file: &'a SourceFile,
    file_id: FileId,
    base: YamlPath,
    published: bool,
    found: Findings,
}

/// What is wrong with a language tag, as a message and a hint, or `None`
/// when it is a tag of the IANA registry (see [`crate::model::language`]).
pub fn language_problem(tag: &str) -> Option<(String, String)> {
    use crate::model::language::{check, meant, Refusal};
    let refusal = check(tag).err()?;
    let message = match &refusal {
        Refusal::Shape => format!("invalid language tag `{tag}`"),
        Refusal::Unknown(primary) if primary.eq_ignore_ascii_case(tag) => {
            format!("unknown language `{tag}`: not a language subtag of the IANA registry")
        }
        Refusal::Unknown(primary) => format!(
            "unknown language `{primary}` in the tag `{tag}`: not a language subtag of the IANA registry"
        ),
    };
    let hint = match meant(tag) {
        Some((code, "")) => format!("did you mean `{code}`?"),
        Some((code, name)) => format!("did you mean `{code}` ({name})?"),
        None => "write a BCP 47 tag: a language code of ISO 639 (`en`, `ko`, `ru`), \
                 then a script or region if needed (`zh-Hant`, `pt-BR`)"
            .to_string(),
    };
    Some((message, hint))
}

/// The hint for a value outside a fixed list (`allowed`, as
/// `Vocabulary::allowed` writes it): the value meant, then every value.
fn allowed_hint(raw: &str, allowed: &str) -> String {
    let values: Vec<&str> = allowed.split(", ").map(|v| v.trim_matches('`')).collect();
    match meant(raw, &values) {
        Some(value) => format!("did you mean `{value}`? allowed values: {allowed}"),
        None => format!("allowed values: {allowed}"),
    }
}

/// The parts of an Admiralty grade written in one value: a reliability
/// letter and a credibility digit (`B`, `2`, `B2`, `b 2`, `2B`), each
/// `None` when absent; both `None` unless the value is only those.
fn grade_parts(raw: &str) -> (Option<char>, Option<char>) {
    let chars: Vec<char> = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '/')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let letter = |c: &char| ('A'..='F').contains(c);
    let digit = |c: &char| ('1'..='6').contains(c);
    match chars.as_slice() {
        [r] if letter(r) => (Some(*r), None),
        [c] if digit(c) => (None, Some(*c)),
        [r, c] | [c, r] if letter(r) && digit(c) => (Some(*r), Some(*c)),
        _ => (None, None),
    }
}

fn text(value: &Option<Text>) -> Option<String> {
    value
        .as_ref()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty())
}

impl<'a> Here<'a> {
    fn new(scope: &'a Scope<'a>, file_id: FileId, base: YamlPath, published: bool) -> Here<'a> {
        Here {
            scope,
            file: scope.loaded.file(file_id),
            file_id,
            base,
            published,
            found: Findings::default(),
        }
    }

    fn path(&self, rel: &YamlPath) -> YamlPath {
        let mut p = self.base.clone();
        p.0.extend(rel.0.iter().cloned());
        p
    }

    /// A language tag, reported and dropped unless it is one of the IANA
    /// registry (see [`language_problem`]).
    fn lang(&mut self, value: &Option<Text>, rel: &YamlPath) -> Option<String> {
        let lang = text(value)?;
        match language_problem(&lang) {
            None => Some(lang),
            Some((message, hint)) => {
                self.error(rel, message, hint);
                None
            }
        }
    }

    fn error(&mut self, rel: &YamlPath, message: impl Into<String>, hint: impl Into<String>) {
        let d = self.file.error_at(&self.path(rel), message).hint(hint);
        self.found.diagnostics.push(d);
    }

    /// Reports that `key` is missing under `rel`, unless load dropped it
    /// for a value of the wrong type (that error is already reported).
    fn missing(
        &mut self,
        rel: &YamlPath,
        key: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        if !self.was_dropped(&rel.key(key)) {
            self.error(rel, message, hint);
        }
    }

    /// `rel` as the file has it, for messages: list items after one that
    /// load dropped for its type have moved up one place.
    fn written(&self, rel: &YamlPath) -> YamlPath {
        if !self.file.dropped_any() {
            return rel.clone();
        }
        let full = self.file.as_written(&self.path(rel));
        YamlPath(full.0[self.base.0.len()..].to_vec())
    }

    /// Whether load dropped the value at `rel` for having the wrong type.
    fn was_dropped(&self, rel: &YamlPath) -> bool {
        self.file.dropped_any() && self.file.was_dropped(&self.path(rel))
    }

    fn warning(&mut self, rel: &YamlPath, message: impl Into<String>, hint: impl Into<String>) {
        let d = self.file.warning_at(&self.path(rel), message).hint(hint);
        self.found.diagnostics.push(d);
    }

    /// A required text field.
    fn required(&mut self, value: &Option<Text>, key: &str, example: &str) -> String {
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

    fn full_date(&mut self, value: &Option<Text>, key: &str) -> Option<PartialDate> {
        self.full_date_at(value, &path![key])
    }

    /// A full date at `at`, reported and dropped unless it is one.
    fn full_date_at(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<PartialDate> {
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
    fn moment(
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

    fn partial_date(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<PartialDate> {
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

    fn vocabulary<T: Copy>(
        &mut self,
        value: &Option<Text>,
        at: &YamlPath,
        parse: fn(&str) -> Option<T>,
        allowed: String,
    ) -> Option<T> {
        let raw = text(value)?;
        match parse(&raw).or_else(|| parse(&raw.to_lowercase())) {
            Some(v) => Some(v),
            None => {
                let shown = self.written(at);
                self.error(
                    at,
                    format!("invalid value `{raw}` for `{shown}`"),
                    allowed_hint(&raw, &allowed),
                );
                None
            }
        }
    }

    /// Admiralty source reliability, `A`–`F`; a credibility (`1`–`6`) or
    /// a whole grade (`B2`) written here is explained.
    fn reliability(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<Reliability> {
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
    fn credibility(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<Credibility> {
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
    fn reference(&mut self, rel: &YamlPath, raw: &str, want: Kind) -> Option<Target> {
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
                    .map(super::declare::suggest_id)
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

    fn actor(&mut self, at: &YamlPath, raw: &str) -> Option<ActorIx> {
        match self.reference(at, raw, Kind::Actor)? {
            Target::Actor(ix) => Some(ix),
            _ => None,
        }
    }

    fn claim(&mut self, at: &YamlPath, raw: &str) -> Option<ClaimIx> {
        match self.reference(at, raw, Kind::Claim)? {
            Target::Claim(ix) => Some(ix),
            _ => None,
        }
    }

    /// A `when` (a claim's or an incident's): a date, or `{from, to}`.
    /// A claim's or an incident's `when`: a date or a time of day with
    /// its zone, or `{from, to}` of those, the ends compared in UTC.
    fn when(&mut self, value: &Option<RawWhen>) -> Option<When> {
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
    fn incidents(&mut self, value: &Option<OneOrMany>, key: &str) -> Vec<IncidentIx> {
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
    fn coordinate(
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
    fn points(
        &mut self,
        list: &[RawPoint],
        key: &str,
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

    fn actors(&mut self, value: &Option<OneOrMany>, key: &str) -> Vec<ActorIx> {
        self.actors_at(value, &path![key])
    }

    /// The actors of an id-or-list field at `field`.
    fn actors_at(&mut self, value: &Option<OneOrMany>, field: &YamlPath) -> Vec<ActorIx> {
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

    fn claims(&mut self, value: &Option<OneOrMany>, key: &str, this: Option<&str>) -> Vec<ClaimIx> {
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

    /// Renders a front-matter Markdown field for pages at every depth;
    /// problems are placed at the link in the file, else at the field.
    fn inline_markdown(&mut self, value: &str, at: &YamlPath) -> (InlineHtml, String) {
        let ids = self.scope.ids;
        let lookup = |id: &str| ids.link_target(id);
        let portable = self.scope.portable;
        let (key, entry) = match self.scope.memo.get(Mode::Inline, portable, value, &lookup) {
            Some(hit) => hit,
            None => {
                let render =
                    |root: &str| markdown::render_inline(value, &lookup, Place { root, portable });
                let deeper = (!markdown::same_at_every_depth(value))
                    .then(|| Box::new([render("../").html, render("../../").html]));
                Memo::entry(Mode::Inline, portable, value, render(""), deeper, &lookup)
            }
        };
        let rendered = &entry.rendered;
        let html = match &entry.deeper {
            None => InlineHtml::same(rendered.html.clone()),
            Some(deeper) => {
                let [one, two] = &**deeper;
                InlineHtml::per_depth([rendered.html.clone(), one.clone(), two.clone()])
            }
        };
        // Positions are worked out only for problems: finding a field's line
        // means parsing the front matter a second time.
        let file = self.file;
        let field_path = self.path(at);
        self.check_markdown(rendered, |offset, len| {
            let field = file.locate(&field_path);
            let text = &file.text;
            let field_start = text
                .split_inclusive('\n')
                .take(field.line - 1)
                .map(str::len)
                .sum::<usize>();
            // YAML may fold or quote the value, but `[[…]]` itself is written
            // as is: find it in the file from the field on, else use the field.
            let needle = &value[offset..offset + len];
            match text
                .get(field_start..file.yaml_range.end)
                .and_then(|rest| rest.find(needle))
            {
                Some(i) => Pos::of_offset(text, field_start + i, len),
                None => field,
            }
        });
        let plain = rendered.plain.clone();
        if self.scope.remember {
            self.found.memo.push((key, entry));
        }
        (html, plain)
    }

    /// Renders a body for the page at `page_path`; problems are placed exactly.
    fn body_markdown(&mut self, body: &str, first_line: usize, page_path: &str) -> Rendered {
        let ids = self.scope.ids;
        let lookup = |id: &str| ids.link_target(id);
        let root = urls::root_of(page_path);
        let portable = self.scope.portable;
        let mode = Mode::Body {
            depth: root.matches("../").count() as u8,
        };
        let (key, entry) = match self.scope.memo.get(mode, portable, body, &lookup) {
            Some(hit) => hit,
            None => {
                let rendered = markdown::render_body(
                    body,
                    &lookup,
                    Place {
                        root: &root,
                        portable,
                    },
                );
                Memo::entry(mode, portable, body, rendered, Default::default(), &lookup)
            }
        };
        self.check_markdown(&entry.rendered, |offset, len| {
            let p = Pos::of_offset(body, offset, len);
            Pos::new(p.line + first_line - 1, p.col, p.len)
        });
        if !self.scope.remember {
            // Not kept: take the rendering rather than copy it when this
            // is its only holder.
            return Arc::try_unwrap(entry)
                .map(|entry| entry.rendered)
                .unwrap_or_else(|shared| shared.rendered.clone());
        }
        let rendered = entry.rendered.clone();
        self.found.memo.push((key, entry));
        rendered
    }

    fn check_markdown(&mut self, rendered: &Rendered, place: impl Fn(usize, usize) -> Pos) {
        let ids = self.scope.ids;
        for problem in &rendered.problems {
            let pos = place(problem.offset, problem.len);
            let d = match &problem.kind {
                ProblemKind::UnknownId(id) if ids.broken.contains(id.as_str()) => continue,
                ProblemKind::UnknownId(id) if id.is_empty() => Diagnostic::error(&self.file.path, "`[[…]]` link without an id")
                    .hint("write `[[id]]`, `[[id|text]]` or `[[id#heading]]` with the id of a brief, actor, claim, measure or page"),
                ProblemKind::UnknownId(id) => {
                    let hint = match ids.closest(id, None) {
                        Some(near) => format!("did you mean `[[{near}]]`?"),
                        None => "`[[id]]` links a brief, actor, claim, measure or page by its id".to_string(),
                    };
                    Diagnostic::error(&self.file.path, format!("unknown id `{id}` in `[[{id}]]`")).hint(hint)
                }
                ProblemKind::Embed => Diagnostic::error(&self.file.path, "`![[…]]` embeds are not supported")
                    .hint("to show an image, write `![description](/path/to/image.png)` with the image in static/"),
                ProblemKind::UnsafeUrl(url) => {
                    let shown: String = url.chars().take(40).collect();
                    Diagnostic::warning(&self.file.path, format!("unsafe link `{shown}` removed"))
                        .hint("only http(s), mailto and tel URLs and site paths reach a page (`javascript:`, `vbscript:`, `data:` never do); link to an http(s) address or a site path")
                }
                ProblemKind::HeadingAttributes(written) => {
                    let shown: String = written.chars().take(40).collect();
                    Diagnostic::warning(&self.file.path, format!("heading attributes `{shown}` removed"))
                        .hint("a heading keeps only its id, `{#my-id}`; classes and attributes never reach a page")
                }
                ProblemKind::HeadingId { written, used } => {
                    let shown: String = written.chars().take(40).collect();
                    Diagnostic::warning(&self.file.path, format!("invalid heading id `{shown}`; the heading's id is `{used}`"))
                        .hint("heading ids are lowercase letters, digits and single hyphens: `{#my-id}`")
                }
            };
            self.found.diagnostics.push(d.at(&self.file.text, pos));
        }
        for link in &rendered.links {
            let Some(entry) = ids.get(&link.id) else {
                continue;
            };
            if self.published && !entry.published {
                let d = Diagnostic::error(&self.file.path, format!("`[[{}]]` links to a draft", link.id))
                    .hint("publish the target (remove `draft: true`), remove the link, or build with --drafts")
                    .at(&self.file.text, place(link.offset, link.len));
                self.found.diagnostics.push(d);
            }
            if let Target::Actor(ix) = entry.target {
                self.found.linked_actors.push(ix);
            }
            if let Some(anchor) = &link.anchor {
                self.found.anchors.push(PendingAnchor {
                    file: self.file_id,
                    pos: place(link.offset, link.len),
                    target: entry.target,
                    anchor: anchor.clone(),
                });
            }
        }
    }

    fn extra(&mut self, value: &Option<serde_yaml::Value>) -> serde_json::Value {
        match value {
            None => serde_json::Value::Object(Default::default()),
            Some(v) => yaml_to_json(v),
        }
    }

    fn redirects(&mut self, list: &[Text], to: Target) {
        for (i, old) in list.iter().enumerate() {
            let old = old.0.trim().to_string();
            let at = path!["redirect_from", i];
            if !is_valid_id(&old) {
                self.error(
                    &at,
                    format!("invalid id `{old}` in `redirect_from`"),
                    "list the old ids of this page: lowercase letters, digits and hyphens",
                );
                continue;
            }
            self.found.redirects.push(PendingRedirect {
                from: old,
                to,
                file: self.file_id,
                path: self.path(&at),
            });
        }
    }

    fn url(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<String> {
        let url = text(value)?;
        if markdown::is_unsafe_url(&url) {
            self.warning(
                at,
                "unsafe URL removed",
                "only http(s), mailto and tel URLs and site paths reach a page (`javascript:`, `vbscript:`, `data:` never do)",
            );
            return None;
        }
        Some(url)
    }

    /// A source's `archive`: a URL like any other (an unsafe one is
    /// reported and dropped by `url`), and an http(s) address, since an
    /// archived copy is a page on the web.
    fn archive(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<String> {
        let url = self.url(value, at)?;
        let scheme_end = url.find("://").unwrap_or(0);
        let scheme = url[..scheme_end].to_ascii_lowercase();
        if (scheme == "http" || scheme == "https") && url.len() > scheme_end + 3 {
            return Some(url);
        }
        let shown: String = url.chars().take(60).collect();
        self.error(
            at,
            format!("`archive` must be an http(s) address, not `{shown}`"),
            "write the full address of the archived copy, e.g. `https://web.archive.org/web/2025/https://example.org/page`",
        );
        None
    }

    /// Converts a `sources:` list. `report` is false when the list's own
    /// entity already reported its problems.
    fn sources(&mut self, raw: &[RawSource], at: &YamlPath, report: bool) -> Vec<Source> {
        let saved = std::mem::take(&mut self.found.diagnostics);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, s) in raw.iter().enumerate() {
            let item = at.index(i);
            let id = match text(&s.id) {
                Some(id) => id,
                None => {
                    self.missing(
                        &item,
                        "id",
                        "source without `id`",
                        "give each source an `id` that the claims' `source:` can name",
                    );
                    continue;
                }
            };
            if !is_valid_id(&id) {
                self.error(
                    &item.key("id"),
                    format!("invalid source id `{id}`"),
                    "source ids are lowercase letters, digits and single hyphens",
                );
            }
            if !seen.insert(id.clone()) {
                self.error(
                    &item.key("id"),
                    format!("duplicate source id `{id}`"),
                    "source ids are unique within their file",
                );
                continue;
            }
            let title = match text(&s.title) {
                Some(t) => t,
                None => {
                    self.missing(
                        &item,
                        "title",
                        format!("source `{id}` has no `title`"),
                        "add `title:` to the source",
                    );
                    id.clone()
                }
            };
            let publisher = s
                .publisher
                .as_ref()
                .and_then(|p| self.actor(&item.key("publisher"), &p.0));
            let url = self.url(&s.url, &item.key("url"));
            let date = self.partial_date(&s.date, &item.key("date"));
            let reliability = self.reliability(&s.reliability, &item.key("reliability"));
            let kind = self.vocabulary(
                &s.kind,
                &item.key("type"),
                SourceType::parse,
                SourceType::allowed(),
            );
            let access = self.vocabulary(
                &s.access,
                &item.key("access"),
                Access::parse,
                Access::allowed(),
            );
            let archive = self.archive(&s.archive, &item.key("archive"));
            let retrieved = self.partial_date(&s.retrieved, &item.key("retrieved"));
            let language = self.lang(&s.language, &item.key("language"));
            let translation = text(&s.translation);
            out.push(Source {
                id,
                title,
                publisher,
                url,
                date,
                reliability,
                kind,
                access,
                archive,
                retrieved,
                language,
                translation,
                anonymous: s.anonymous.unwrap_or(false),
            });
        }
        if !report {
            self.found.diagnostics.clear();
        }
        let mut reported = std::mem::replace(&mut self.found.diagnostics, saved);
        self.found.diagnostics.append(&mut reported);
        out
    }
}

/// YAML to JSON for templates' `extra`: keys become strings.
pub fn yaml_to_json(value: &serde_yaml::Value) -> serde_json::Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        }
        Y::String(s) => serde_json::Value::String(s.clone()),
        Y::Sequence(items) => serde_json::Value::Array(items.iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

/// A brief and what else it names: its tags as written (with their
/// positions), and the actors its fields link to.
pub struct BriefParts {
    pub brief: Brief,
    pub tag_names: Vec<String>,
    pub found: Findings,
}

pub fn brief(scope: &Scope, doc: &Doc<RawBrief>, ix: BriefIx, published: bool) -> BriefParts {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), published);
    let raw = &doc.raw;
    let title = here.required(&raw.title, "title", "A short, specific title");
    let date = here.full_date(&raw.date, "date");
    if raw.date.is_none() {
        here.missing(
            &path![],
            "date",
            "missing required field `date`",
            "add `date: YYYY-MM-DD`, the publication date",
        );
    }
    let written_updated = here.full_date(&raw.updated, "updated");
    let changes = changes(&mut here, &raw.changes, date);
    let last_change = changes.iter().map(|c| c.date).max();
    if let (Some(updated), Some(last)) = (written_updated, last_change) {
        if updated < last {
            here.warning(
                &path!["updated"],
                format!(
                    "`updated` ({}) is before the last change ({})",
                    updated.iso(),
                    last.iso()
                ),
                format!(
                    "write `updated: {}`, or leave `updated` out: it defaults to the date of the last change",
                    last.iso()
                ),
            );
        }
    }
    let updated = written_updated.or(last_change);
    let as_of = here.full_date(&raw.as_of, "as_of");
    let (summary, summary_text) = match text(&raw.summary) {
        Some(s) => {
            let (html, plain) = here.inline_markdown(&s, &path!["summary"]);
            (Some(html), Some(plain))
        }
        None => (None, None),
    };
    let mut judgements = Vec::new();
    for (i, j) in raw.judgements.iter().enumerate() {
        let at = path!["judgements", i];
        let text_html = match text(&j.text) {
            Some(t) => here.inline_markdown(&t, &at.key("text")).0,
            None => {
                here.missing(
                    &at,
                    "text",
                    "judgement without `text`",
                    "add `text:` with the judgement in one or two sentences",
                );
                InlineHtml::default()
            }
        };
        let likelihood = here.vocabulary(
            &j.likelihood,
            &at.key("likelihood"),
            Likelihood::parse,
            Likelihood::allowed(),
        );
        let confidence = here.vocabulary(
            &j.confidence,
            &at.key("confidence"),
            Confidence::parse,
            Confidence::allowed(),
        );
        // A claim named twice counts once (the evidence line counts them).
        let mut claims = Vec::new();
        let mut named = HashSet::new();
        for (k, id) in j.claims.iter().enumerate() {
            if let Some(c) = here.claim(&at.key("claims").index(k), &id.0) {
                if named.insert(c) {
                    claims.push(c);
                }
            }
        }
        let supporting = named.clone();
        let mut against = Vec::new();
        for (k, id) in j.against.iter().enumerate() {
            let place = at.key("against").index(k);
            if let Some(c) = here.claim(&place, &id.0) {
                if supporting.contains(&c) {
                    here.error(
                        &place,
                        format!("`{}` is both in `claims` and in `against`", id.0.trim()),
                        "a claim either supports the judgement (`claims`) or cuts against it (`against`); keep it in one list",
                    );
                    continue;
                }
                if named.insert(c) {
                    against.push(c);
                }
            }
        }
        judgements.push(Judgement {
            text: text_html,
            likelihood,
            confidence,
            claims,
            against,
            evidence: Evidence::default(),
        });
    }
    let mut tag_names = Vec::new();
    for (i, t) in raw.tags.iter().enumerate() {
        let name = t.0.trim().to_string();
        if slug::slugify(&name).is_empty() {
            here.error(
                &path!["tags", i],
                format!("tag `{name}` has no letters or digits"),
                "tags are compared by their slug; give the tag a name with letters or digits",
            );
            continue;
        }
        tag_names.push(name);
    }
    let mut actors = Vec::new();
    for (i, a) in raw.actors.iter().enumerate() {
        if let Some(ix) = here.actor(&path!["actors", i], &a.0) {
            actors.push(ix);
        }
    }
    let sources = here.sources(&raw.sources, &path!["sources"], true);
    let mut claims = Vec::new();
    let mut seen = HashSet::new();
    for (i, entry) in raw.claims.iter().enumerate() {
        let ix = match entry {
            RawClaimEntry::Declare(c) => {
                c.id.as_ref()
                    .and_then(|id| match scope.ids.get(id.0.as_str()) {
                        Some(e) => match e.target {
                            Target::Claim(ix) if scope.ids.get(id.0.as_str()).is_some() => Some(ix),
                            _ => None,
                        },
                        None => None,
                    })
            }
            RawClaimEntry::Cite(id) => here.claim(&path!["claims", i], &id.0),
        };
        if let Some(ix) = ix {
            if seen.insert(ix) {
                claims.push(ix);
            }
        }
    }
    // Inline claims declared here belong to this brief only if the id table
    // says so (a duplicate id points elsewhere).
    let authors = raw
        .authors
        .iter()
        .map(|a| a.0.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::brief(&doc.stem));
    let extra = here.extra(&raw.extra);
    here.redirects(&raw.redirect_from, Target::Brief(ix));
    let brief = Brief {
        id: doc.stem.clone(),
        file: doc.file,
        title,
        date: date.unwrap_or(PartialDate {
            year: 1970,
            month: Some(1),
            day: Some(1),
        }),
        updated,
        changes,
        as_of,
        summary,
        summary_text,
        judgements,
        tags: Vec::new(),
        actors,
        sources,
        claims,
        authors,
        draft: raw.draft,
        body: body.html,
        toc: body.headings,
        extra,
    };
    BriefParts {
        brief,
        tag_names,
        found: here.found,
    }
}

/// A brief's `changes`, newest first (ties: the later entry first). A
/// change dated before the brief's `date` is a warning.
fn changes(here: &mut Here, raw: &[RawChange], brief_date: Option<PartialDate>) -> Vec<Change> {
    let mut out: Vec<(usize, Change)> = Vec::new();
    for (i, c) in raw.iter().enumerate() {
        let at = path!["changes", i];
        let date = match &c.date {
            Some(_) => here.full_date_at(&c.date, &at.key("date")),
            None => {
                here.missing(
                    &at,
                    "date",
                    "change without `date`",
                    "write `- {date: YYYY-MM-DD, note: What changed}`",
                );
                None
            }
        };
        let note = match text(&c.note) {
            Some(note) => Some(here.inline_markdown(&note, &at.key("note"))),
            None => {
                here.missing(
                    &at,
                    "note",
                    "change without `note`",
                    "add `note:` saying what changed, e.g. `note: Corrected the casualty figure.`",
                );
                None
            }
        };
        let kind = here
            .vocabulary(
                &c.kind,
                &at.key("kind"),
                ChangeKind::parse,
                ChangeKind::allowed(),
            )
            .unwrap_or(ChangeKind::Update);
        if let (Some(d), Some(published)) = (date, brief_date) {
            if d < published {
                here.warning(
                    &at.key("date"),
                    format!(
                        "change dated {}, before the brief's `date` ({})",
                        d.iso(),
                        published.iso()
                    ),
                    "a change comes after publication: check the change's date and the brief's `date`",
                );
            }
        }
        if let (Some(date), Some((note, note_text))) = (date, note) {
            out.push((
                i,
                Change {
                    date,
                    note,
                    note_text,
                    kind,
                },
            ));
        }
    }
    out.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
    out.into_iter().map(|(_, c)| c).collect()
}

pub fn claim(
    scope: &Scope,
    decl: &ClaimDecl,
    declaring_brief_date: Option<PartialDate>,
) -> (Claim, Findings) {
    let mut here = Here::new(scope, decl.file, decl.base.clone(), decl.published);
    let raw = decl.raw;
    let (text_html, text_plain) = match text(&raw.text) {
        Some(t) => here.inline_markdown(&t, &path!["text"]),
        None => {
            here.missing(
                &path![],
                "text",
                format!("claim `{}` has no `text`", decl.id),
                "add `text:` with the claim in one sentence",
            );
            (InlineHtml::default(), decl.id.clone())
        }
    };
    let by = here.actors(&raw.by, "by");
    // A `by` of the wrong type is reported already.
    if raw.by.as_ref().is_none_or(|b| b.0.is_empty()) && !here.was_dropped(&path!["by"]) {
        here.error(
            &path![],
            format!("claim `{}` has no claimant", decl.id),
            "add `by:` with the id of the actor who made the claim",
        );
    }
    let via = here.actors(&raw.via, "via");
    let about = here.actors(&raw.about, "about");
    let said = match &raw.said {
        Some(_) => here.partial_date(&raw.said, &path!["said"]),
        None => declaring_brief_date,
    };
    let when = here.when(&raw.when);
    let incidents = here.incidents(&raw.incident, "incident");
    // The source ids the claim and its responses name.
    let wanted: Vec<&str> = raw
        .source
        .iter()
        .chain(raw.responses.iter().filter_map(|r| r.source.as_ref()))
        .flat_map(|l| l.0.iter().map(|t| t.0.trim()))
        .collect();
    let all_sources = if decl.body.is_some() {
        // A claim file's own list: converted and reported here.
        here.sources(decl.sources, &YamlPath::default().key("sources"), true)
    } else {
        // Its brief's list, which the brief reports: convert only what is
        // named, found through the brief's index (not a walk of its list
        // per claim, which would be quadratic in a long brief).
        let mut at: Vec<usize> = wanted
            .iter()
            .filter_map(|id| decl.source_index.get(*id).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        let named: Vec<RawSource> = at.iter().map(|&i| decl.sources[i].clone()).collect();
        here.sources(&named, &YamlPath::default().key("sources"), false)
    };
    let by_id: std::collections::HashMap<&str, &Source> = all_sources
        .iter()
        .rev()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let sources = named_sources(
        &mut here,
        &raw.source,
        &path!["source"],
        &by_id,
        decl.sources,
    );
    let status = match text(&raw.status) {
        // v1.1's `denied` was someone's denial, not a verdict of the desk.
        Some(written) if written.eq_ignore_ascii_case("denied") => {
            let denier = raw
                .about
                .as_ref()
                .and_then(|a| a.0.first())
                .map_or("an-actor-id", |a| a.0.trim());
            here.error(
                &path!["status"],
                "`denied` is not a status: a denial is an actor's response, not the desk's verdict",
                format!("write who denied it under `responses:` and give the desk's own verdict, e.g. `status: reported` (or `disputed`, `false`…) and `responses: [{{by: {denier}, stance: denies}}]`"),
            );
            Status::Reported
        }
        _ => here
            .vocabulary(
                &raw.status,
                &path!["status"],
                Status::parse,
                Status::allowed(),
            )
            .unwrap_or(Status::Reported),
    };
    let responses = responses(&mut here, &raw.responses, &by_id, decl.sources);
    let credibility = here.credibility(&raw.credibility, &path!["credibility"]);
    let confidence = here.vocabulary(
        &raw.confidence,
        &path!["confidence"],
        Confidence::parse,
        Confidence::allowed(),
    );
    let quote = text(&raw.quote);
    let quote_lang = here.lang(&raw.quote_lang, &path!["quote_lang"]);
    let figure = raw.figure.as_ref().and_then(|f| figure(&mut here, f));
    let measure = raw.measure.as_ref().and_then(|m| {
        let id = m.0.trim();
        let ids = scope.ids;
        if id.is_empty() {
            here.error(
                &path!["measure"],
                "`measure` is empty",
                "write the id of a measure of content/measures/, or leave `measure` out",
            );
            return None;
        }
        if ids.get(id).is_none() && !ids.broken.contains(id) {
            // A measure is declared by its file: a typo must never start a
            // second, fake measure. The file is named by the id as it
            // should be written (`DPRK troops` → `dprk-troops`).
            let file_id = Some(id)
                .filter(|id| is_valid_id(id))
                .map_or_else(|| super::declare::suggest_id(id), str::to_string);
            let file_id = if file_id.is_empty() {
                "my-measure".to_string()
            } else {
                file_id
            };
            let near = ids
                .closest(id, Some(Kind::Measure))
                .or_else(|| ids.closest(&file_id, Some(Kind::Measure)));
            let unit = figure
                .as_ref()
                .and_then(|f| f.unit.as_deref())
                .map_or_else(|| "…".to_string(), yaml_value);
            let declare = format!("create content/measures/{file_id}.md holding `---`, `name: …`, `unit: {unit}`, `---` (or run `dossier new measure {file_id}`)");
            let hint = match near {
                Some(near) if near == file_id => {
                    format!("did you mean `{near}`? Ids are lowercase words joined by `-`")
                }
                Some(near) => format!("did you mean `{near}`? To track a new measure, {declare}"),
                None if file_id != id => format!(
                    "write `measure: {file_id}` (ids are lowercase words joined by `-`) and {declare}"
                ),
                None => format!("every measure is declared in content/measures/: {declare}"),
            };
            here.error(
                &path!["measure"],
                format!("unknown measure `{id}`: no file declares it"),
                hint,
            );
            return None;
        }
        match here.reference(&path!["measure"], &m.0, Kind::Measure)? {
            Target::Measure(ix) => Some(ix),
            _ => None,
        }
    });
    if measure.is_some()
        && figure.is_none()
        && raw.figure.is_none()
        && !here.was_dropped(&path!["figure"])
    {
        here.warning(
            &path!["measure"],
            format!("claim `{}` has a `measure` but no `figure`", decl.id),
            "add `figure: {value: …, unit: …}` so the measure page can show it",
        );
    }
    let this = Some(decl.id.as_str());
    let supports = here.claims(&raw.supports, "supports", this);
    let contradicts = here.claims(&raw.contradicts, "contradicts", this);
    let supersedes = here.claims(&raw.supersedes, "supersedes", this);
    let (body, toc) = match decl.body {
        Some((body, line)) => {
            let r = here.body_markdown(body, line, &urls::claim(&decl.id));
            (r.html, r.headings)
        }
        None => (String::new(), Vec::new()),
    };
    let extra = here.extra(&raw.extra);
    let ix = match scope.ids.get(&decl.id).map(|e| e.target) {
        Some(Target::Claim(ix)) => ix,
        _ => ClaimIx(usize::MAX),
    };
    if decl.body.is_some() {
        here.redirects(&raw.redirect_from, Target::Claim(ix));
    }
    let claim = Claim {
        id: decl.id.clone(),
        file: decl.file,
        text: text_html,
        text_plain,
        by,
        via,
        about,
        said,
        when,
        sources,
        status,
        responses,
        credibility,
        confidence,
        quote,
        quote_lang,
        figure,
        measure,
        incidents,
        supports,
        contradicts,
        supersedes,
        supported_by: Vec::new(),
        contradicted_by: Vec::new(),
        superseded_by: Vec::new(),
        contradicted_by_claimants: Vec::new(),
        supported_by_claimants: Vec::new(),
        verdict_date: None,
        declared_in: decl.brief,
        cited_in: Vec::new(),
        body,
        toc,
        extra,
    };
    (claim, here.found)
}

/// The sources an id-or-list field at `field` names, from the declaring
/// file's `sources:` (converted in `by_id`; `declared` for hints).
fn named_sources(
    here: &mut Here,
    list: &Option<OneOrMany>,
    field: &YamlPath,
    by_id: &std::collections::HashMap<&str, &Source>,
    declared: &[RawSource],
) -> Vec<Source> {
    let mut sources = Vec::new();
    let Some(list) = list else {
        return sources;
    };
    let single = list.0.len() == 1;
    for (i, id) in list.0.iter().enumerate() {
        let id = id.0.trim();
        let at = if single {
            field.clone()
        } else {
            field.index(i)
        };
        match by_id.get(id) {
            Some(s) => sources.push((*s).clone()),
            None => {
                let mut known: Vec<&str> = declared
                    .iter()
                    .filter_map(|s| s.id.as_ref().map(|t| t.0.trim()))
                    .collect();
                // A hint names a few, not a list as long as the file.
                if known.len() > 12 {
                    known.truncate(10);
                    known.push("…");
                }
                let hint = match closest(id, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? `source` names a source of this file's `sources:` list"),
                    None if known.is_empty() => "this file has no `sources:` list; declare the source there".to_string(),
                    None => format!("`source` names a source of this file's `sources:` list: {}", known.join(", ")),
                };
                here.error(&at, format!("unknown source `{id}`"), hint);
            }
        }
    }
    sources
}

/// A claim's `responses`; one without a known actor or stance is left out.
fn responses(
    here: &mut Here,
    raw: &[RawResponse],
    by_id: &std::collections::HashMap<&str, &Source>,
    declared: &[RawSource],
) -> Vec<Response> {
    let mut out = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let at = path!["responses", i];
        if r.by.as_ref().is_none_or(|b| b.0.is_empty()) {
            here.missing(
                &at,
                "by",
                "response without `by`",
                "add `by:` with the id of the actor who responded, e.g. `- {by: kremlin, stance: denies}`",
            );
        }
        let by = here.actors_at(&r.by, &at.key("by"));
        let stance = match &r.stance {
            None => {
                here.missing(
                    &at,
                    "stance",
                    "response without `stance`",
                    format!("add `stance:`, one of {}", Stance::allowed()),
                );
                None
            }
            Some(_) => here.vocabulary(
                &r.stance,
                &at.key("stance"),
                Stance::parse,
                Stance::allowed(),
            ),
        };
        let said = here.partial_date(&r.said, &at.key("said"));
        let sources = named_sources(here, &r.source, &at.key("source"), by_id, declared);
        let text = text(&r.text).map(|t| here.inline_markdown(&t, &at.key("text")));
        let (text, text_plain) = text.unzip();
        if let (false, Some(stance)) = (by.is_empty(), stance) {
            out.push(Response {
                by,
                stance,
                said,
                sources,
                text,
                text_plain,
            });
        }
    }
    out
}

/// `text` as a YAML value in a hint: as it is when it is plain words
/// that YAML reads back as the same text (also inside `{…}`), else
/// double-quoted.
fn yaml_value(text: &str) -> String {
    let word_char = |c: char| {
        c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '%' | '(' | ')' | '\'')
    };
    let special = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
    ) || text.to_ascii_lowercase().parse::<f64>().is_ok();
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(' ')
        && text.chars().all(word_char)
        && !special;
    if plain {
        return text.to_string();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn figure(here: &mut Here, raw: &RawFigure) -> Option<Figure> {
    let at = path!["figure"];
    let qualifier = here.vocabulary(
        &raw.qualifier,
        &at.key("qualifier"),
        Qualifier::parse,
        Qualifier::allowed(),
    );
    for (key, v) in [("value", raw.value), ("low", raw.low), ("high", raw.high)] {
        // A number of the wrong type is reported; the figure is left out.
        if here.was_dropped(&at.key(key)) {
            return None;
        }
        if v.is_some_and(|v| !v.is_finite()) {
            here.error(
                &at.key(key),
                format!("`figure.{key}` is not a finite number"),
                "write a plain number such as `15000`",
            );
            return None;
        }
    }
    match (raw.value, raw.low, raw.high) {
        (None, None, None) => {
            here.error(
                &at,
                "`figure` has no number",
                "give `value`, or `low` and `high` for a range",
            );
            return None;
        }
        (_, Some(low), Some(high)) if low > high => {
            here.error(
                &at.key("low"),
                format!("`figure.low` ({low}) is above `figure.high` ({high})"),
                "swap `low` and `high`",
            );
            return None;
        }
        (None, Some(_), None) | (None, None, Some(_)) if qualifier == Some(Qualifier::Range) => {
            here.error(
                &at,
                "a `range` figure needs both `low` and `high`",
                "add the missing bound, or use `at-least`/`at-most` with `value`",
            );
            return None;
        }
        _ => {}
    }
    if qualifier == Some(Qualifier::Range) && (raw.low.is_none() || raw.high.is_none()) {
        here.error(
            &at,
            "a `range` figure needs both `low` and `high`",
            "add `low:` and `high:`",
        );
        return None;
    }
    let as_of = here.partial_date(&raw.as_of, &at.key("as_of"));
    let qualifier = qualifier.or(
        if raw.value.is_none() && raw.low.is_some() && raw.high.is_some() {
            Some(Qualifier::Range)
        } else {
            None
        },
    );
    Some(Figure {
        value: raw.value,
        low: raw.low,
        high: raw.high,
        unit: text(&raw.unit),
        qualifier,
        as_of,
        wording: text(&raw.wording),
    })
}

/// An actor file, and every body it belongs to (`part_of`, then each
/// `member-of`), each with where the file names it.
pub fn actor(
    scope: &Scope,
    doc: &Doc<RawActor>,
    ix: ActorIx,
) -> (Actor, Vec<(ActorIx, YamlPath)>, Findings) {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), true);
    let raw = &doc.raw;
    let name = here.required(&raw.name, "name", "Kim Jong Un");
    let name_lang = here.lang(&raw.name_lang, &path!["name_lang"]);
    let kind = match &raw.kind {
        None => {
            here.missing(
                &path![],
                "kind",
                "missing required field `kind`",
                format!("add `kind:`, one of {}", ActorKind::allowed()),
            );
            ActorKind::Other
        }
        Some(_) => here
            .vocabulary(
                &raw.kind,
                &path!["kind"],
                ActorKind::parse,
                ActorKind::allowed(),
            )
            .unwrap_or(ActorKind::Other),
    };
    let mut aliases = Vec::new();
    for (i, a) in raw.aliases.iter().enumerate() {
        match text(&a.name) {
            Some(name) => aliases.push(Alias {
                name,
                lang: here.lang(&a.lang, &path!["aliases", i, "lang"]),
            }),
            None => here.missing(
                &path!["aliases", i],
                "name",
                "alias without `name`",
                "write `- {name: 김정은, lang: ko}` or just `- Kim`",
            ),
        }
    }
    let part_of = raw.part_of.as_ref().and_then(|p| {
        let at = path!["part_of"];
        if p.0.trim() == doc.stem {
            here.error(
                &at,
                format!("`{}` cannot be part of itself", doc.stem),
                "name the body it belongs to",
            );
            return None;
        }
        here.actor(&at, &p.0).map(|a| (a, at))
    });
    let sources = here.sources(&raw.sources, &path!["sources"], true);
    let identifiers = identifiers(&mut here, raw.identifiers.as_ref());
    let relations = relations(&mut here, &raw.relations, &doc.stem, &sources, &raw.sources);
    // Every body it belongs to, once: `part_of`, then each `member-of`.
    let mut memberships: Vec<(ActorIx, YamlPath)> = part_of.iter().cloned().collect();
    for (i, relation) in &relations {
        if relation.kind == RelationType::MemberOf
            && !memberships.iter().any(|(to, _)| *to == relation.to)
        {
            memberships.push((relation.to, path!["relations", *i, "to"]));
        }
    }
    let relations: Vec<Relation> = relations.into_iter().map(|(_, r)| r).collect();
    let reliability = here.reliability(&raw.reliability, &path!["reliability"]);
    let mut same_as = Vec::new();
    for (i, url) in raw.same_as.iter().enumerate() {
        if let Some(url) = here.url(&Some(url.clone()), &path!["same_as", i]) {
            same_as.push(url);
        }
    }
    let mut links = Vec::new();
    for (i, link) in raw.links.iter().enumerate() {
        let at = path!["links", i];
        let url = here.url(&link.url, &at.key("url"));
        match (text(&link.title), url) {
            (Some(title), Some(url)) => links.push((title, url)),
            // An unsafe URL is reported (and dropped) by `url`; so is its link.
            (Some(_), None) if text(&link.url).is_some() => {}
            // So is a `title` or `url` of the wrong type.
            _ if here.was_dropped(&at.key("title")) || here.was_dropped(&at.key("url")) => {}
            _ => here.error(
                &at,
                "a link needs `title` and `url`",
                "write `- {title: Official site, url: https://…}`",
            ),
        }
    }
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::actor(&doc.stem));
    let extra = here.extra(&raw.extra);
    here.redirects(&raw.redirect_from, Target::Actor(ix));
    let actor = Actor {
        id: doc.stem.clone(),
        file: doc.file,
        name,
        name_lang,
        kind,
        aliases,
        role: text(&raw.role),
        part_of: memberships.first().map(|(a, _)| *a),
        member_of: memberships.iter().map(|(a, _)| *a).collect(),
        identifiers,
        relations,
        sources,
        reliability,
        same_as,
        links,
        body: body.html,
        toc: body.headings,
        extra,
        members: Vec::new(),
        related: Vec::new(),
        claims_for: Vec::new(),
        claims_by: Vec::new(),
        claims_about: Vec::new(),
        claims_relayed: Vec::new(),
        responses: Vec::new(),
        briefs: Vec::new(),
        incidents: Vec::new(),
        co_actors: Vec::new(),
        co_actors_total: 0,
    };
    (actor, memberships, here.found)
}

/// An actor's `identifiers`: each known scheme's value checked and
/// normalised (`model::identifiers`), any other scheme kept as written.
fn identifiers(here: &mut Here, raw: Option<&RawIdentifiers>) -> Vec<Identifier> {
    let mut out: Vec<Identifier> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (written, value) in raw.map(|r| r.0.as_slice()).unwrap_or_default() {
        let at = path!["identifiers", written.as_str()];
        let scheme = identifiers::scheme(written);
        // `IMO` and `imo` are one scheme (YAML reports the same key twice).
        if !seen.insert(scheme.clone()) {
            here.error(
                &at,
                format!("identifier `{scheme}` written twice"),
                "keep one value for each scheme",
            );
            continue;
        }
        if scheme.is_empty() {
            here.error(
                &at,
                "identifier without a scheme",
                format!(
                    "write `scheme: value`, e.g. `imo: 9329760`; known schemes: {}",
                    identifiers::KNOWN.join(", ")
                ),
            );
            continue;
        }
        match identifiers::check(&scheme, &value.0) {
            Ok(value) => out.push(Identifier { scheme, value }),
            Err(problem) => here.error(&at, problem.message, problem.hint),
        }
    }
    out
}

/// An actor's `relations`, each with its index in the file; an entry
/// without a known type or target is reported and left out.
fn relations(
    here: &mut Here,
    raw: &[RawRelation],
    this: &str,
    sources: &[Source],
    declared: &[RawSource],
) -> Vec<(usize, Relation)> {
    let by_id: std::collections::HashMap<&str, &Source> =
        sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out: Vec<(usize, Relation)> = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let at = path!["relations", i];
        let kind = match &r.kind {
            None => {
                here.missing(
                    &at,
                    "type",
                    "relation without `type`",
                    format!("add `type:`, one of {}", RelationType::allowed()),
                );
                None
            }
            Some(_) => here.vocabulary(
                &r.kind,
                &at.key("type"),
                RelationType::parse,
                RelationType::allowed(),
            ),
        };
        let to = match text(&r.to) {
            None => {
                here.missing(
                    &at,
                    "to",
                    "relation without `to`",
                    "add `to:` with the id of the other actor, e.g. `- {type: owns, to: eagle-s}`",
                );
                None
            }
            Some(id) if id == this => {
                here.error(
                    &at.key("to"),
                    format!("`{this}` cannot be related to itself"),
                    "name the other actor's id",
                );
                None
            }
            Some(id) => here.actor(&at.key("to"), &id),
        };
        let from = here.partial_date(&r.from, &at.key("from"));
        let until = here.partial_date(&r.until, &at.key("until"));
        if let (Some(f), Some(u)) = (from, until) {
            if f.wholly_after(&u) {
                here.error(
                    &at.key("until"),
                    format!("`until` ({}) is before `from` ({})", u.iso(), f.iso()),
                    "swap them, or fix the year",
                );
            }
        }
        let source = r.source.as_ref().and_then(|id| {
            let list = Some(OneOrMany(vec![id.clone()]));
            named_sources(here, &list, &at.key("source"), &by_id, declared)
                .into_iter()
                .next()
        });
        let (Some(kind), Some(to)) = (kind, to) else {
            continue;
        };
        let twice = out
            .iter()
            .any(|(_, o)| o.kind == kind && o.to == to && o.from == from && o.until == until);
        if twice {
            here.error(
                &at,
                format!(
                    "relation `{kind}` to `{}` written twice",
                    r.to.as_ref().map_or("", |t| t.0.trim())
                ),
                "keep one entry (entries with different `from`/`until` are kept apart)",
            );
            continue;
        }
        out.push((
            i,
            Relation {
                kind,
                to,
                from,
                until,
                source,
            },
        ));
    }
    out
}

/// A measure file. `figures_unit` is the unit its figures give most
/// often, the one to suggest when the file has none.
pub fn measure(
    scope: &Scope,
    decl: &MeasureDecl,
    name: String,
    figures_unit: Option<&str>,
) -> (Measure, Findings) {
    let doc = decl.doc;
    let mut here = Here::new(scope, doc.file, YamlPath::default(), true);
    // Both required (FORMAT §7); without a name the id-derived one (what
    // pages showed before names were required) stands in, and is the hint.
    here.required(&doc.raw.name, "name", &yaml_value(&name));
    let unit = here.required(
        &doc.raw.unit,
        "unit",
        &figures_unit.map_or_else(|| "troops".to_string(), yaml_value),
    );
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::measure(&decl.id));
    let extra = here.extra(&doc.raw.extra);
    let measure = Measure {
        id: decl.id.clone(),
        name,
        unit: Some(unit).filter(|u| !u.is_empty()),
        body: body.html,
        toc: body.headings,
        extra,
        claims: Vec::new(),
    };
    (measure, here.found)
}

pub fn page(scope: &Scope, doc: &Doc<RawPage>, ix: PageIx) -> (Page, Findings) {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), true);
    let title = here.required(&doc.raw.title, "title", "About this desk");
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::page(&doc.stem));
    let extra = here.extra(&doc.raw.extra);
    here.redirects(&doc.raw.redirect_from, Target::Page(ix));
    (
        Page {
            id: doc.stem.clone(),
            title,
            body: body.html,
            toc: body.headings,
            extra,
        },
        here.found,
    )
}

/// An incident file (FORMAT §14): its fields checked, its place's
/// coordinates, track and area in range.
pub fn incident(
    scope: &Scope,
    doc: &Doc<RawIncident>,
    ix: IncidentIx,
    published: bool,
) -> (Incident, Findings) {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), published);
    let title = here.required(&doc.raw.title, "title", "Anchor dragged across a cable");
    if doc.raw.when.is_none() {
        here.missing(
            &path![],
            "when",
            "missing required field `when`",
            "add `when: 2024-12-25` (a date, or `{from, to}`)",
        );
    }
    let when = here.when(&doc.raw.when);
    let (place, point, precision, track, area) = match &doc.raw.place {
        None => {
            here.missing(
                &path![],
                "where",
                "missing required field `where`",
                "add `where: {place: Gulf of Finland, lat: 59.9, lon: 25.0}`",
            );
            (String::new(), None, None, Vec::new(), Vec::new())
        }
        Some(raw) => incident_where(&mut here, raw),
    };
    let kind = text(&doc.raw.kind);
    let actors = if doc.raw.actors.is_empty() {
        Vec::new()
    } else {
        let list = Some(OneOrMany(doc.raw.actors.clone()));
        let field = path!["actors"];
        if doc.raw.actors.len() == 1 {
            // One item: placed at the item, not at the key.
            let mut out = Vec::new();
            if let Some(a) = here.actor(&field.index(0), &doc.raw.actors[0].0) {
                out.push(a);
            }
            out
        } else {
            here.actors_at(&list, &field)
        }
    };
    let sources = here.sources(&doc.raw.sources, &path!["sources"], true);
    let tags = doc
        .raw
        .tags
        .iter()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::incident(&doc.stem));
    let extra = here.extra(&doc.raw.extra);
    here.redirects(&doc.raw.redirect_from, Target::Incident(ix));
    (
        Incident {
            id: doc.stem.clone(),
            title,
            when,
            place,
            point,
            precision,
            track,
            area,
            kind,
            actors,
            tags,
            sources,
            body: body.html,
            toc: body.headings,
            extra,
            claims: Vec::new(),
        },
        here.found,
    )
}

type Where = (
    String,
    Option<(f64, f64)>,
    Option<Precision>,
    Vec<(f64, f64, Option<String>)>,
    Vec<(f64, f64)>,
);

/// An incident's `where`, checked.
fn incident_where(here: &mut Here, raw: &RawWhere) -> Where {
    let place = match text(&raw.place) {
        Some(p) => p,
        None => {
            let hint = "add `place:` with the name readers know, e.g. `place: Gulf of Finland`";
            if raw.place.is_some() {
                here.error(&path!["where", "place"], "`where.place` is empty", hint);
            } else {
                here.missing(&path!["where"], "place", "`where` has no `place`", hint);
            }
            String::new()
        }
    };
    let lat = raw
        .lat
        .and_then(|v| here.coordinate(v, &path!["where", "lat"], true, raw.lon));
    let lon = raw
        .lon
        .and_then(|v| here.coordinate(v, &path!["where", "lon"], false, None));
    match (raw.lat.is_some(), raw.lon.is_some()) {
        (true, false) => here.error(
            &path!["where", "lat"],
            "`where` has `lat` but no `lon`",
            "give both `lat` and `lon`, in decimal degrees",
        ),
        (false, true) => here.error(
            &path!["where", "lon"],
            "`where` has `lon` but no `lat`",
            "give both `lat` and `lon`, in decimal degrees",
        ),
        _ => {}
    }
    let point = lat.zip(lon);
    let precision = text(&raw.precision).and_then(|written| match Precision::parse(&written) {
        Some(p) => Some(p),
        None => {
            let hint = match meant(&written, &Precision::values()) {
                Some(near) => format!(
                    "did you mean `{near}`? allowed values: {}",
                    Precision::allowed()
                ),
                None => format!("allowed values: {}", Precision::allowed()),
            };
            here.error(
                &path!["where", "precision"],
                format!("invalid precision `{written}`"),
                hint,
            );
            None
        }
    });
    let track = here.points(&raw.track, "track", true);
    let area: Vec<(f64, f64)> = here
        .points(&raw.area, "area", false)
        .into_iter()
        .map(|(lat, lon, _)| (lat, lon))
        .collect();
    if !raw.area.is_empty() && raw.area.len() < 3 {
        here.error(
            &path!["where", "area"],
            format!(
                "`where.area` has {} point(s): an area needs at least 3",
                raw.area.len()
            ),
            "list the corners of the polygon, at least three `[lat, lon]` points",
        );
    }
    let area = if area.len() >= 3 { area } else { Vec::new() };
    (place, point, precision, track, area)
}

#[cfg(test)]
mod tests {
    use super::yaml_value;

    #[test]
    fn hints_write_values_yaml_reads_back_as_written() {
        for plain in ["troops", "USD billion", "km/h", "tonnes (CO2)", "Soldaten"] {
            assert_eq!(yaml_value(plain), plain);
        }
        for (text, quoted) in [
            ("soldiers: dead", r#""soldiers: dead""#),
            ("true", r#""true""#),
            ("1e3", r#""1e3""#),
            ("#tag", r##""#tag""##),
            ("a \"b\"", r#""a \"b\"""#),
            ("{x}", r#""{x}""#),
            ("a,b", r#""a,b""#),
            ("", r#""""#),
            ("line\nbreak", r#""line\u000abreak""#),
        ] {
            assert_eq!(yaml_value(text), quoted, "{text:?}");
        }
    }
}
