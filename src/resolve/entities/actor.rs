//! An actor file to an `Actor`: identifiers and typed relations.

use super::*;

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
                ActorKind::allowed,
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
        let at = path!["identifiers", written.clone()];
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
                RelationType::allowed,
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
