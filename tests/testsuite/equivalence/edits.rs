//! The edits a randomized session goes through: each changes the site
//! model the way an author would (keeping it valid), and says what it did
//! in words; `breaking` edits make the site invalid on purpose, as a text
//! written over one or more files until the next fix.

use super::model::*;
use std::collections::BTreeMap;

/// An edit: a description, or `None` when it does not apply to this site.
type Edit = fn(&mut Model, &mut Rng) -> Option<String>;

/// The edits that keep the site valid, with their weights.
const EDITS: &[(usize, &str, Edit)] = &[
    (3, "brief title", brief_title),
    (2, "brief date", brief_date),
    (2, "brief updated", brief_updated),
    (3, "brief tags", brief_tags),
    (8, "body", body_edit),
    (1, "brief summary", brief_summary),
    (2, "brief actors", brief_actors),
    (2, "new brief", new_brief_edit),
    (1, "delete brief", delete_brief),
    (1, "many new briefs", many_briefs),
    (1, "many new claims", many_claims),
    (1, "many members or names", many_members),
    (2, "new actor", new_actor_edit),
    (1, "delete actor", delete_actor),
    (3, "actor fields", actor_fields),
    (3, "actor part_of", actor_part_of),
    (2, "new inline claim", new_inline_claim),
    (1, "delete claim", delete_claim),
    (1, "new claim file", new_claim_file_edit),
    (3, "claim verdict", claim_verdict),
    (2, "claim figure", claim_figure),
    (2, "claim dates", claim_dates),
    (3, "claim actors", claim_actors),
    (1, "claim relations", claim_relations),
    (2, "citation", citation),
    (1, "judgement", judgement),
    (1, "source", source_edit),
    (2, "measure", measure_edit),
    (1, "page", page_edit),
    (2, "draft flag", draft_flag),
    (2, "site.yaml", site_yaml),
    (2, "template", template_edit),
    (1, "static file", static_edit),
    (1, "move brief", move_brief),
    (1, "rename", rename),
    (4, "incident", incident_edit),
];

/// One valid edit (or two, as one batch, now and then).
pub fn valid(model: &mut Model, rng: &mut Rng) -> String {
    let one = one_valid(model, rng);
    if rng.one_in(8) {
        let two = one_valid(model, rng);
        return format!("{one}; and in the same batch: {two}");
    }
    one
}

fn one_valid(model: &mut Model, rng: &mut Rng) -> String {
    let total: usize = EDITS.iter().map(|(w, _, _)| w).sum();
    loop {
        let mut n = rng.below(total);
        for (weight, _, edit) in EDITS {
            if n < *weight {
                if let Some(description) = edit(model, rng) {
                    return description;
                }
                break;
            }
            n -= weight;
        }
    }
}

fn pick_brief(model: &Model, rng: &mut Rng) -> Option<String> {
    let ids: Vec<String> = model.briefs.keys().cloned().collect();
    rng.pick(&ids)
}

fn pick_actor(model: &Model, rng: &mut Rng) -> Option<String> {
    let ids: Vec<String> = model.actors.keys().cloned().collect();
    rng.pick(&ids)
}

fn pick_claim(model: &Model, rng: &mut Rng) -> Option<String> {
    rng.pick(&model.claim_ids())
}

fn brief_title(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let title = format!("New brief {}", rng.title(2));
    m.briefs.get_mut(&id)?.title = title.clone();
    Some(format!("brief `{id}`: title → {title:?}"))
}

fn brief_date(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let date = rng.date();
    let b = m.briefs.get_mut(&id)?;
    b.date = date.clone();
    if b.updated.as_ref().is_some_and(|u| *u < date) {
        b.updated = None;
    }
    Some(format!("brief `{id}`: date → {date}"))
}

fn brief_updated(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let b = m.briefs.get_mut(&id)?;
    if b.updated.is_some() && rng.one_in(2) {
        b.updated = None;
        return Some(format!("brief `{id}`: updated removed"));
    }
    let mut date = rng.date();
    if date < b.date {
        date = b.date.clone();
        date.replace_range(0..4, "2025");
    }
    b.updated = Some(date.clone());
    Some(format!("brief `{id}`: updated → {date}"))
}

fn brief_tags(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let b = m.briefs.get_mut(&id)?;
    match rng.below(3) {
        0 if !b.tags.is_empty() => {
            let i = rng.below(b.tags.len());
            let gone = b.tags.remove(i);
            Some(format!("brief `{id}`: tag {gone:?} removed"))
        }
        1 if !b.tags.is_empty() => {
            let i = rng.below(b.tags.len());
            let spellings = TAGS
                .iter()
                .find(|s| s.iter().any(|t| slug(t) == slug(&b.tags[i])))?;
            let new = rng.pick(spellings)?.to_string();
            let old = std::mem::replace(&mut b.tags[i], new.clone());
            Some(format!("brief `{id}`: tag {old:?} respelled {new:?}"))
        }
        _ => {
            let spellings = TAGS[rng.below(TAGS.len())];
            let tag = rng.pick(spellings)?.to_string();
            if b.tags.iter().any(|t| slug(t) == slug(&tag)) {
                return None;
            }
            b.tags.push(tag.clone());
            Some(format!("brief `{id}`: tag {tag:?} added"))
        }
    }
}

/// The body of some entity, by id.
fn body_mut<'m>(m: &'m mut Model, id: &str) -> Option<&'m mut Body> {
    if let Some(b) = m.briefs.get_mut(id) {
        return Some(&mut b.body);
    }
    if let Some(a) = m.actors.get_mut(id) {
        return Some(&mut a.body);
    }
    if let Some(f) = m.claim_files.get_mut(id) {
        return Some(&mut f.body);
    }
    if let Some(x) = m.measures.get_mut(id) {
        return Some(&mut x.body);
    }
    m.pages.get_mut(id).map(|p| &mut p.body)
}

fn body_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    // Briefs most often; every kind with a body now and then.
    let mut ids: Vec<String> = m.briefs.keys().cloned().collect();
    ids.extend(ids.clone());
    ids.extend(m.actors.keys().cloned());
    ids.extend(m.claim_files.keys().cloned());
    ids.extend(m.measures.keys().cloned());
    ids.extend(m.pages.keys().cloned());
    let id = rng.pick(&ids)?;
    // Links from a draft's body may go anywhere published; from a
    // published body too: links always go to published entities.
    let link = new_link(m, rng, true);
    let anchored = m.anchored(&id);
    let sentence = rng.sentence();
    let fresh = new_body(m, rng, true);
    let body = body_mut(m, &id)?;
    let what = match rng.below(6) {
        0 | 1 => {
            // Prose only: the fast path.
            match body.iter_mut().rev().find_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Heading(_) => None,
            }) {
                Some(p) => p.push(Piece::Words(sentence)),
                None => body.push(Block::Para(vec![Piece::Words(sentence)])),
            }
            "a sentence added (prose only)"
        }
        2 => {
            body.push(Block::Para(vec![
                Piece::Words("About".into()),
                link?,
                Piece::Words(sentence),
            ]));
            "a paragraph with a link added"
        }
        3 => {
            let before = body.len();
            for block in body.iter_mut() {
                if let Block::Para(p) = block {
                    p.retain(|x| !matches!(x, Piece::Link { anchor: None, .. }) || rng.one_in(2));
                }
            }
            body.retain(|b| !matches!(b, Block::Para(p) if p.is_empty()));
            if body.len() == before {
                "links removed (if any)"
            } else {
                "a paragraph of links removed"
            }
        }
        4 => {
            let used: Vec<&str> = body
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(h) => Some(*h),
                    Block::Para(_) => None,
                })
                .collect();
            let free: Vec<&str> = HEADINGS
                .iter()
                .map(|(h, _)| *h)
                .filter(|h| !used.contains(h))
                .collect();
            let h = rng.pick(&free)?;
            body.insert(rng.below(body.len() + 1), Block::Heading(h));
            "a heading added"
        }
        _ => {
            // Rewritten; headings other bodies link to are kept.
            let mut new = fresh;
            let kept: Vec<Block> = body
                .iter()
                .filter(|b| match b {
                    Block::Heading(h) => HEADINGS
                        .iter()
                        .any(|(t, a)| t == h && anchored.iter().any(|x| x == a)),
                    Block::Para(_) => false,
                })
                .cloned()
                .collect();
            new.retain(|b| !kept.contains(b));
            new.extend(kept);
            *body = new;
            "rewritten"
        }
    };
    Some(format!("body of `{id}`: {what}"))
}

fn brief_summary(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let summary = (!rng.one_in(3)).then(|| new_inline(m, rng, true));
    let b = m.briefs.get_mut(&id)?;
    let what = if summary.is_some() {
        "rewritten"
    } else {
        "removed"
    };
    b.summary = summary;
    Some(format!("brief `{id}`: summary {what}"))
}

fn brief_actors(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let actor = pick_actor(m, rng)?;
    let b = m.briefs.get_mut(&id)?;
    if let Some(i) = b.actors.iter().position(|a| *a == actor) {
        b.actors.remove(i);
        Some(format!(
            "brief `{id}`: actor `{actor}` removed from `actors`"
        ))
    } else {
        b.actors.push(actor.clone());
        Some(format!("brief `{id}`: actor `{actor}` added to `actors`"))
    }
}

fn new_brief_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let mut brief = new_brief(m, rng);
    // Like the case: about a parent actor, with a link to it.
    if rng.one_in(2) {
        let parents: Vec<String> = m
            .actors
            .values()
            .filter_map(|a| a.part_of.clone())
            .collect();
        if let Some(parent) = rng.pick(&parents) {
            brief.actors = vec![parent.clone()];
            brief.body.push(Block::Para(vec![
                Piece::Words("About".into()),
                Piece::Link {
                    id: parent,
                    label: None,
                    anchor: None,
                },
            ]));
        }
    }
    let (title, date, actors, tags, claims) = (
        brief.title.clone(),
        brief.date.clone(),
        brief.actors.clone(),
        brief.tags.clone(),
        brief.claims.len(),
    );
    let id = add_brief(m, rng, brief);
    Some(format!(
        "new brief `{id}` (title {title:?}, date {date}, actors {actors:?}, tags {tags:?}, \
         {claims} claims)"
    ))
}

/// A batch of new briefs at once (a checkout, a merge), so that lists,
/// tags and actors get long enough to paginate.
fn many_briefs(m: &mut Model, rng: &mut Rng) -> Option<String> {
    if m.briefs.len() > 40 {
        return None;
    }
    let hub = m.actors.keys().next().cloned()?;
    let tag = TAGS[0][0].to_string();
    // One claim they all cite, so that its list of citing briefs grows.
    let cited = rng.pick(&m.published(Kind::Claim));
    let mut ids = Vec::new();
    for _ in 0..8 + rng.below(10) {
        let mut brief = new_brief(m, rng);
        brief.actors.push(hub.clone());
        brief.tags.retain(|t| slug(t) != slug(&tag));
        brief.tags.push(tag.clone());
        if let Some(c) = &cited {
            brief.claims.push(Entry::Cite(c.clone()));
        }
        ids.push(add_brief(m, rng, brief));
    }
    Some(format!(
        "{} new briefs at once, each with `{hub}`, tag {tag:?} and citing {cited:?}: {}",
        ids.len(),
        ids.join(", ")
    ))
}

/// A new brief declaring many claims at once, all involving the hub actor
/// and most with a dated figure of one measure, so that the hub's lists of
/// claims, the measure's figures and the timeline get long enough to
/// paginate.
fn many_claims(m: &mut Model, rng: &mut Rng) -> Option<String> {
    if m.all_claims().count() > 150 {
        return None;
    }
    let hub = m.actors.keys().next().cloned()?;
    let measure = m.measures.keys().next().cloned();
    let mut brief = new_brief(m, rng);
    let n = 25 + rng.below(50);
    for _ in 0..n {
        let id = m.new_id(rng);
        let mut claim = new_claim(m, rng, id);
        if rng.one_in(2) {
            claim.by = vec![hub.clone()];
        } else {
            claim.about = vec![hub.clone()];
        }
        if !rng.one_in(5) {
            claim.said = Some(rng.partial_date());
        }
        if measure.is_some() && !rng.one_in(4) {
            claim.figure = Some(new_figure(rng));
            claim.measure = measure.clone();
        }
        brief.claims.push(Entry::Declare(Box::new(claim)));
        park(m, &brief);
    }
    unpark(m);
    let id = add_brief(m, rng, brief);
    Some(format!(
        "new brief `{id}` with {n} claims at once, each by or about `{hub}`, most with a \
         figure of {measure:?}"
    ))
}

fn delete_brief(m: &mut Model, rng: &mut Rng) -> Option<String> {
    if m.briefs.len() <= 1 {
        return None;
    }
    let id = pick_brief(m, rng)?;
    let brief = m.briefs.remove(&id)?;
    let fallback = m.actors.keys().next().cloned();
    m.drop_refs(&id, fallback.as_deref());
    for c in own_claims(&brief) {
        m.drop_refs(&c, fallback.as_deref());
        m.retired.push(c);
    }
    m.retired.push(id.clone());
    Some(format!(
        "brief `{id}` deleted (references to it and its claims dropped)"
    ))
}

fn new_actor_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = m.new_id(rng);
    let mut actor = new_actor(m, rng);
    if rng.one_in(2) {
        actor.part_of = pick_actor(m, rng);
    }
    let description = format!(
        "new actor `{id}` ({:?}, {}, part_of {:?})",
        actor.name, actor.kind, actor.part_of
    );
    m.actors.insert(id, actor);
    Some(description)
}

/// Many new members of one actor at once, or many other names for one,
/// so that its page shows only the start of the list and links the rest
/// (`Sublist` pages, which come and go as the list grows and shrinks).
fn many_members(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let parent = if rng.one_in(2) {
        m.actors.keys().next().cloned()?
    } else {
        pick_actor(m, rng)?
    };
    if rng.one_in(3) {
        let n = 20 + rng.below(15);
        let names: Vec<String> = (0..n).map(|_| rng.title(1)).collect();
        m.actors.get_mut(&parent)?.aliases.extend(names);
        return Some(format!("{n} more names for `{parent}`"));
    }
    if m.actors.len() > 80 {
        return None;
    }
    let n = 20 + rng.below(15);
    let mut ids = Vec::new();
    for _ in 0..n {
        let id = m.new_id(rng);
        let mut actor = new_actor(m, rng);
        actor.part_of = Some(parent.clone());
        m.actors.insert(id.clone(), actor);
        ids.push(id);
    }
    Some(format!("{n} new members of `{parent}`: {}", ids.join(", ")))
}

fn delete_actor(m: &mut Model, rng: &mut Rng) -> Option<String> {
    if m.actors.len() <= 2 {
        return None;
    }
    let id = pick_actor(m, rng)?;
    m.actors.remove(&id);
    let fallback = m.actors.keys().next().cloned();
    m.drop_refs(&id, fallback.as_deref());
    m.retired.push(id.clone());
    Some(format!("actor `{id}` deleted (references to it dropped)"))
}

fn actor_fields(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_actor(m, rng)?;
    let name = rng.title(2);
    let sentence = rng.sentence();
    let a = m.actors.get_mut(&id)?;
    Some(match rng.below(5) {
        0 => {
            a.name = name.clone();
            format!("actor `{id}`: name → {name:?}")
        }
        1 => {
            a.kind = rng.pick(KINDS)?;
            format!("actor `{id}`: kind → {}", a.kind)
        }
        2 => {
            a.reliability = if rng.one_in(3) {
                None
            } else {
                rng.pick(RELIABILITIES)
            };
            format!("actor `{id}`: reliability → {:?}", a.reliability)
        }
        3 => {
            a.role = (!rng.one_in(3)).then_some(sentence);
            format!("actor `{id}`: role → {:?}", a.role)
        }
        _ => {
            if a.aliases.is_empty() || rng.one_in(2) {
                a.aliases.push(name.clone());
                format!("actor `{id}`: alias {name:?} added")
            } else {
                a.aliases.clear();
                format!("actor `{id}`: aliases removed")
            }
        }
    })
}

fn actor_part_of(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_actor(m, rng)?;
    let parent = if rng.one_in(4) {
        None
    } else {
        let parent = pick_actor(m, rng)?;
        if m.would_cycle(&id, &parent) {
            return None;
        }
        Some(parent)
    };
    let a = m.actors.get_mut(&id)?;
    let old = std::mem::replace(&mut a.part_of, parent.clone());
    if old == parent {
        return None;
    }
    Some(format!("actor `{id}`: part_of {old:?} → {parent:?}"))
}

fn new_inline_claim(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let brief = pick_brief(m, rng)?;
    let id = m.new_id(rng);
    let mut claim = new_claim(m, rng, id.clone());
    let b = &m.briefs[&brief];
    if !b.sources.is_empty() && rng.one_in(2) {
        claim.source = Some(b.sources[0].id.clone());
    }
    let description = format!(
        "new claim `{id}` in brief `{brief}` (by {:?}, about {:?}, via {:?}, status {}, figure {}, measure {:?})",
        claim.by,
        claim.about,
        claim.via,
        claim.status,
        claim.figure.is_some(),
        claim.measure
    );
    m.briefs
        .get_mut(&brief)?
        .claims
        .push(Entry::Declare(Box::new(claim)));
    Some(description)
}

fn delete_claim(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_claim(m, rng)?;
    let file = m.claim_files.remove(&id).is_some();
    for b in m.briefs.values_mut() {
        b.claims
            .retain(|e| !matches!(e, Entry::Declare(c) if c.id == id));
    }
    let fallback = m.actors.keys().next().cloned();
    m.drop_refs(&id, fallback.as_deref());
    m.retired.push(id.clone());
    let what = if file { "claim file" } else { "inline claim" };
    Some(format!(
        "{what} `{id}` deleted (citations and references dropped)"
    ))
}

fn new_claim_file_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = m.new_id(rng);
    let file = new_claim_file(m, rng, &id);
    let description = format!(
        "new claim file `{id}` (by {:?}, about {:?}, said {:?})",
        file.claim.by, file.claim.about, file.claim.said
    );
    m.claim_files.insert(id, file);
    Some(description)
}

fn claim_verdict(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_claim(m, rng)?;
    let c = m.claim_mut(&id)?;
    Some(match rng.below(4) {
        0 | 1 => {
            c.status = rng.pick(STATUSES)?;
            format!("claim `{id}`: status → {}", c.status)
        }
        2 => {
            c.credibility = (!rng.one_in(3)).then(|| 1 + rng.below(6) as u8);
            format!("claim `{id}`: credibility → {:?}", c.credibility)
        }
        _ => {
            c.confidence = rng.pick(CONFIDENCES);
            format!("claim `{id}`: confidence → {:?}", c.confidence)
        }
    })
}

fn claim_figure(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_claim(m, rng)?;
    let measures: Vec<String> = m.measures.keys().cloned().collect();
    let figure = new_figure(rng);
    let c = m.claim_mut(&id)?;
    Some(match rng.below(4) {
        0 => {
            c.figure = None;
            c.measure = None;
            format!("claim `{id}`: figure removed")
        }
        1 => {
            c.measure = rng.pick(&measures);
            if c.figure.is_none() {
                c.figure = Some(figure);
            }
            format!("claim `{id}`: measure → {:?}", c.measure)
        }
        _ => {
            let text = format!(
                "value {:?}, low {:?}, high {:?}, {:?}, unit {:?}, as_of {:?}",
                figure.value, figure.low, figure.high, figure.qualifier, figure.unit, figure.as_of
            );
            c.figure = Some(figure);
            format!("claim `{id}`: figure → {text}")
        }
    })
}

fn claim_dates(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_claim(m, rng)?;
    let date = rng.partial_date();
    let c = m.claim_mut(&id)?;
    Some(if rng.one_in(3) {
        c.when = (!rng.one_in(3)).then_some(date);
        format!("claim `{id}`: when → {:?}", c.when)
    } else {
        c.said = (!rng.one_in(4)).then_some(date);
        format!("claim `{id}`: said → {:?}", c.said)
    })
}

fn claim_actors(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_claim(m, rng)?;
    let actor = pick_actor(m, rng)?;
    let hub = m.actors.keys().next().cloned()?;
    let c = m.claim_mut(&id)?;
    Some(match rng.below(4) {
        0 => {
            c.by = vec![actor.clone()];
            format!("claim `{id}`: by → {actor}")
        }
        1 => {
            if c.via.contains(&actor) {
                c.via.retain(|x| *x != actor);
                format!("claim `{id}`: via `{actor}` removed")
            } else {
                c.via.push(actor.clone());
                format!("claim `{id}`: via `{actor}` added")
            }
        }
        _ => {
            let actor = if rng.one_in(2) { hub } else { actor };
            if c.about.contains(&actor) {
                c.about.retain(|x| *x != actor);
                format!("claim `{id}`: about `{actor}` removed")
            } else {
                c.about.push(actor.clone());
                format!("claim `{id}`: about `{actor}` added")
            }
        }
    })
}

fn claim_relations(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_claim(m, rng)?;
    let draft = m.is_draft(&id);
    let other = rng.pick(&m.published(Kind::Claim))?;
    if other == id || (m.is_draft(&other) && !draft) {
        return None;
    }
    let c = m.claim_mut(&id)?;
    let list = if rng.one_in(2) {
        &mut c.supports
    } else {
        &mut c.contradicts
    };
    if list.contains(&other) {
        list.retain(|x| *x != other);
        Some(format!(
            "claim `{id}`: no longer supports/contradicts `{other}`"
        ))
    } else {
        list.push(other.clone());
        Some(format!("claim `{id}`: supports/contradicts `{other}`"))
    }
}

fn citation(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let brief = pick_brief(m, rng)?;
    let claims = m.published(Kind::Claim);
    let b = m.briefs.get_mut(&brief)?;
    let cited: Vec<String> = b
        .claims
        .iter()
        .filter_map(|e| match e {
            Entry::Cite(c) => Some(c.clone()),
            Entry::Declare(_) => None,
        })
        .collect();
    if !cited.is_empty() && rng.one_in(2) {
        let c = rng.pick(&cited)?;
        b.claims.retain(|e| !matches!(e, Entry::Cite(x) if *x == c));
        return Some(format!("brief `{brief}`: citation of `{c}` removed"));
    }
    let c = rng.pick(&claims)?;
    if own_claims(b).contains(&c) || cites(b, &c) {
        return None;
    }
    b.claims.push(Entry::Cite(c.clone()));
    Some(format!("brief `{brief}`: cites `{c}`"))
}

fn judgement(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let brief = pick_brief(m, rng)?;
    let claims = m.published(Kind::Claim);
    let text = new_inline(m, rng, true);
    let b = m.briefs.get_mut(&brief)?;
    if !b.judgements.is_empty() && rng.one_in(3) {
        b.judgements.pop();
        return Some(format!("brief `{brief}`: last judgement removed"));
    }
    b.judgements.push(Judgement {
        text,
        likelihood: rng.pick(LIKELIHOODS),
        confidence: rng.pick(CONFIDENCES),
        claims: rng.pick(&claims).into_iter().collect(),
    });
    Some(format!("brief `{brief}`: judgement added"))
}

fn source_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let brief = pick_brief(m, rng)?;
    let actor = pick_actor(m, rng);
    let taken = m.briefs[&brief].sources.clone();
    let new = new_source(m, rng, &taken);
    let b = m.briefs.get_mut(&brief)?;
    if b.sources.is_empty() || rng.one_in(3) {
        let sid = new.id.clone();
        b.sources.push(new);
        // A claim of the brief names it.
        let own: Vec<&mut Claim> = b
            .claims
            .iter_mut()
            .filter_map(|e| match e {
                Entry::Declare(c) => Some(&mut **c),
                Entry::Cite(_) => None,
            })
            .collect();
        if let Some(c) = own.into_iter().next() {
            c.source = Some(sid.clone());
        }
        return Some(format!("brief `{brief}`: source `{sid}` added"));
    }
    let i = rng.below(b.sources.len());
    let s = &mut b.sources[i];
    Some(if rng.one_in(2) {
        s.publisher = actor;
        format!(
            "brief `{brief}`: source `{}` publisher → {:?}",
            s.id, s.publisher
        )
    } else {
        s.reliability = rng.pick(RELIABILITIES);
        format!(
            "brief `{brief}`: source `{}` reliability → {:?}",
            s.id, s.reliability
        )
    })
}

fn measure_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let ids: Vec<String> = m.measures.keys().cloned().collect();
    match rng.below(4) {
        0 => {
            let id = m.new_id(rng);
            let body = new_body(m, rng, false);
            m.measures.insert(
                id.clone(),
                Measure {
                    name: rng.title(2),
                    unit: Some("troops".to_string()),
                    body,
                },
            );
            Some(format!("new measure `{id}`"))
        }
        1 => {
            let id = rng.pick(&ids)?;
            m.measures.remove(&id);
            let fallback = m.actors.keys().next().cloned();
            m.drop_refs(&id, fallback.as_deref());
            m.retired.push(id.clone());
            Some(format!("measure `{id}` deleted"))
        }
        2 => {
            let id = rng.pick(&ids)?;
            let name = rng.title(2);
            m.measures.get_mut(&id)?.name = name.clone();
            Some(format!("measure `{id}`: name → {name:?}"))
        }
        _ => {
            let id = rng.pick(&ids)?;
            let unit = rng.pick(&[Some("troops".to_string()), Some("ships".into())])?;
            m.measures.get_mut(&id)?.unit = unit.clone();
            Some(format!("measure `{id}`: unit → {unit:?}"))
        }
    }
}

fn page_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let ids: Vec<String> = m.pages.keys().cloned().collect();
    match rng.below(3) {
        0 => {
            let id = m.new_id(rng);
            let body = new_body(m, rng, true);
            m.pages.insert(
                id.clone(),
                Page {
                    title: rng.title(1),
                    redirect_from: Vec::new(),
                    body,
                },
            );
            Some(format!("new page `{id}`"))
        }
        1 => {
            let id = rng.pick(&ids)?;
            m.pages.remove(&id);
            let fallback = m.actors.keys().next().cloned();
            m.drop_refs(&id, fallback.as_deref());
            m.retired.push(id.clone());
            Some(format!("page `{id}` deleted"))
        }
        _ => {
            let id = rng.pick(&ids)?;
            let title = rng.title(1);
            m.pages.get_mut(&id)?.title = title.clone();
            Some(format!("page `{id}`: title → {title:?}"))
        }
    }
}

fn draft_flag(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    if m.briefs[&id].draft {
        m.briefs.get_mut(&id)?.draft = false;
        return Some(format!("brief `{id}`: draft flag dropped"));
    }
    // Only a brief nothing published names can become a draft.
    if !m.may_be_draft(&id) {
        return None;
    }
    m.briefs.get_mut(&id)?.draft = true;
    Some(format!("brief `{id}`: draft: true"))
}

fn site_yaml(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let c = &mut m.config;
    Some(match rng.below(5) {
        0 => {
            c.title = rng.title(2);
            format!("site.yaml: title → {:?}", c.title)
        }
        1 => {
            c.description = (!rng.one_in(3)).then(|| rng.sentence());
            format!("site.yaml: description → {:?}", c.description)
        }
        2 => {
            c.author = (!rng.one_in(3)).then(|| format!("{} desk", rng.title(1)));
            format!("site.yaml: author → {:?}", c.author)
        }
        3 => {
            c.base_url = match c.base_url {
                Some(_) if rng.one_in(2) => None,
                Some(_) => Some("https://example.org/other/".into()),
                None => Some("https://example.org/desk/".into()),
            };
            format!("site.yaml: base_url → {:?}", c.base_url)
        }
        _ => {
            c.portable = !c.portable;
            format!("site.yaml: portable → {}", c.portable)
        }
    })
}

const TEMPLATE_NAMES: &[&str] = &[
    "base.html",
    "brief.html",
    "actor.html",
    "feed.xml",
    "partials/claim_badges.html",
    "components.html",
];

/// `claim.html` while `components.html` defines `stamp`: it calls the
/// component, which Tera finds in any template (no `include`).
pub const CLAIM_CALLING_STAMP: &str = "{% extends \"builtin/claim.html\" %}\n{% block content %}{{<stamp/>}}{{ super() }}{% endblock content %}\n";

fn template_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let name = rng.pick(TEMPLATE_NAMES)?;
    let n = rng.below(100);
    if m.templates.contains_key(name) && rng.one_in(2) {
        m.templates.remove(name);
        if name == "components.html" {
            m.templates.remove("claim.html");
        }
        return Some(format!("templates/{name} removed"));
    }
    let source = match name {
        "base.html" => format!("{{% extends \"builtin/base.html\" %}}\n{{% block footer %}}{{{{ super() }}}}<p>MARK-{n}</p>{{% endblock footer %}}\n"),
        "feed.xml" => format!("{{% extends \"builtin/feed.xml\" %}}{{# MARK-{n} #}}\n"),
        // Included by other templates, themselves included.
        "partials/claim_badges.html" => format!("{{% include \"builtin/partials/claim_badges.html\" %}}<span>MARK-{n}</span>"),
        "components.html" => {
            m.templates
                .insert("claim.html".into(), CLAIM_CALLING_STAMP.into());
            format!("{{% component stamp() %}}<p>MARK-{n}</p>{{% endcomponent stamp %}}\n")
        }
        other => format!("{{% extends \"builtin/{other}\" %}}\n{{% block content %}}<p>MARK-{n}</p>{{{{ super() }}}}{{% endblock content %}}\n"),
    };
    let verb = if m.templates.contains_key(name) {
        "edited"
    } else {
        "added"
    };
    m.templates.insert(name.to_string(), source);
    Some(format!("templates/{name} {verb} (MARK-{n})"))
}

fn static_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let path = rng.pick(&["files/notes.txt", "files/img/map.svg", "robots-extra.txt"])?;
    if m.statics.contains_key(path) && rng.one_in(2) {
        m.statics.remove(path);
        return Some(format!("static/{path} removed"));
    }
    let text = rng.sentence();
    m.statics.insert(path.to_string(), text);
    Some(format!("static/{path} written"))
}

fn move_brief(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let id = pick_brief(m, rng)?;
    let b = m.briefs.get_mut(&id)?;
    b.folder = if b.folder.is_empty() {
        rng.pick(&["2024/".to_string(), "2024/q3/".into()])?
    } else {
        String::new()
    };
    Some(format!("brief `{id}` moved to content/briefs/{}", b.folder))
}

/// A new id for a brief, actor, claim file or page, with a redirect from
/// the old one now and then; every reference follows.
fn rename(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let new = m.new_id(rng);
    let redirect = rng.one_in(2);
    let old;
    match rng.below(4) {
        0 => {
            old = pick_brief(m, rng)?;
            let mut b = m.briefs.remove(&old)?;
            if redirect {
                b.redirect_from.push(old.clone());
            }
            m.briefs.insert(new.clone(), b);
        }
        1 => {
            old = pick_actor(m, rng)?;
            let mut a = m.actors.remove(&old)?;
            if redirect {
                a.redirect_from.push(old.clone());
            }
            m.actors.insert(new.clone(), a);
        }
        2 => {
            let ids: Vec<String> = m.claim_files.keys().cloned().collect();
            old = rng.pick(&ids)?;
            let mut f = m.claim_files.remove(&old)?;
            f.claim.id = new.clone();
            if redirect {
                f.redirect_from.push(old.clone());
            }
            m.claim_files.insert(new.clone(), f);
        }
        _ => {
            let ids: Vec<String> = m.pages.keys().cloned().collect();
            old = rng.pick(&ids)?;
            let mut p = m.pages.remove(&old)?;
            if redirect {
                p.redirect_from.push(old.clone());
            }
            m.pages.insert(new.clone(), p);
        }
    }
    m.rename_refs(&old, &new);
    if !redirect {
        m.retired.push(old.clone());
    }
    let how = if redirect { " with a redirect" } else { "" };
    Some(format!("`{old}` renamed `{new}`{how}"))
}

/// Files written over the site's own until the next fix: path → text, or
/// `None` for a file removed.
pub type Overrides = BTreeMap<String, Option<String>>;

/// An edit that makes the site invalid: what it did, and the files it
/// writes over the model's.
pub fn breaking(m: &Model, rng: &mut Rng) -> (String, Overrides) {
    let files = m.files();
    let content: Vec<String> = files
        .keys()
        .filter(|p| p.starts_with("content/"))
        .cloned()
        .collect();
    loop {
        let mut overrides = Overrides::new();
        let mut broken = m.clone();
        let description = match rng.below(10) {
            0 => {
                let Some(path) = rng.pick(&content) else {
                    continue;
                };
                let text = files[&path].replacen("---\n", "---\ntitle: [unclosed\n", 1);
                overrides.insert(path.clone(), Some(text));
                format!("BREAK: YAML syntax error in {path}")
            }
            1 => {
                let Some(id) = pick_claim(m, rng) else {
                    continue;
                };
                broken.claim_mut(&id).unwrap().by = vec!["nobody-here".into()];
                format!("BREAK: claim `{id}` by an unknown actor")
            }
            2 => {
                let Some(id) = pick_brief(m, rng) else {
                    continue;
                };
                broken
                    .briefs
                    .get_mut(&id)
                    .unwrap()
                    .body
                    .push(Block::Para(vec![
                        Piece::Words("See".into()),
                        Piece::Link {
                            id: "no-such-id".into(),
                            label: None,
                            anchor: None,
                        },
                    ]));
                format!("BREAK: brief `{id}`'s body links to an unknown id")
            }
            3 => {
                let chained: Vec<(String, String)> = m
                    .actors
                    .iter()
                    .filter_map(|(id, a)| a.part_of.clone().map(|p| (id.clone(), p)))
                    .collect();
                let Some((child, parent)) = rng.pick(&chained) else {
                    continue;
                };
                broken.actors.get_mut(&parent).unwrap().part_of = Some(child.clone());
                format!("BREAK: part_of cycle between `{child}` and `{parent}`")
            }
            4 => {
                let Some(id) = pick_brief(m, rng) else {
                    continue;
                };
                overrides.insert(
                    format!("content/actors/{id}.md"),
                    Some("---\nname: Twin\nkind: person\n---\n".into()),
                );
                format!("BREAK: an actor with brief `{id}`'s id")
            }
            5 => {
                let Some(id) = pick_actor(m, rng) else {
                    continue;
                };
                if !m.referenced_outside(&id, &id) {
                    continue;
                }
                broken.actors.remove(&id);
                format!("BREAK: actor `{id}` deleted while still referenced")
            }
            6 => {
                let name = rng.pick(TEMPLATE_NAMES).unwrap();
                overrides.insert(
                    format!("templates/{name}"),
                    Some("{% extends \"builtin/base.html\" %}{% if %}\n".into()),
                );
                format!("BREAK: template syntax error in templates/{name}")
            }
            7 => {
                overrides.insert(
                    "static/briefs/index.html".into(),
                    Some("<p>collides</p>".into()),
                );
                "BREAK: static file over a generated page".to_string()
            }
            8 => {
                let Some(id) = pick_brief(m, rng) else {
                    continue;
                };
                let b = broken.briefs.get_mut(&id).unwrap();
                b.date = "2024-13-45".into();
                format!("BREAK: brief `{id}` has an invalid date")
            }
            _ => {
                // A heading another body links to is renamed.
                let targets: Vec<String> = m
                    .briefs
                    .keys()
                    .chain(m.pages.keys())
                    .filter(|id| !m.anchored(id).is_empty())
                    .cloned()
                    .collect();
                let Some(id) = rng.pick(&targets) else {
                    continue;
                };
                let anchor = m.anchored(&id)[0].clone();
                let body = match broken.briefs.get_mut(&id) {
                    Some(b) => &mut b.body,
                    None => &mut broken.pages.get_mut(&id).unwrap().body,
                };
                let Some((h, _)) = HEADINGS.iter().find(|(_, a)| *a == anchor) else {
                    continue;
                };
                let Some(free) = HEADINGS
                    .iter()
                    .map(|(t, _)| *t)
                    .find(|t| !body.contains(&Block::Heading(t)))
                else {
                    continue;
                };
                for block in body.iter_mut() {
                    if *block == Block::Heading(h) {
                        *block = Block::Heading(free);
                    }
                }
                format!("BREAK: heading {h:?} of `{id}` (linked as #{anchor}) renamed {free:?}")
            }
        };
        let after = broken.files();
        for (path, text) in &after {
            if files.get(path) != Some(text) {
                overrides.insert(path.clone(), Some(text.clone()));
            }
        }
        for path in files.keys() {
            if !after.contains_key(path) {
                overrides.insert(path.clone(), None);
            }
        }
        if !overrides.is_empty() {
            return (description, overrides);
        }
    }
}

/// Incidents come, go, move in time and place, change their actors, turn
/// draft and back, and claims point at them or stop.
fn incident_edit(m: &mut Model, rng: &mut Rng) -> Option<String> {
    let ids: Vec<String> = m.incidents.keys().cloned().collect();
    let referenced =
        |m: &Model, id: &str| m.all_claims().any(|c| c.incident.as_deref() == Some(id));
    match rng.below(8) {
        0 | 1 if m.incidents.len() < 12 => {
            let id = m.new_id(rng);
            let mut incident = new_incident(m, rng);
            incident.draft = rng.one_in(5);
            let description = format!(
                "new incident `{id}` ({}, {}, draft {})",
                incident.title, incident.when, incident.draft
            );
            m.incidents.insert(id, incident);
            Some(description)
        }
        2 => {
            let id = rng.pick(&ids)?;
            let when = incident_when(rng);
            m.incidents.get_mut(&id)?.when = when.clone();
            Some(format!("incident `{id}` now happened {when}"))
        }
        3 => {
            let id = rng.pick(&ids)?;
            let (title, place) = (rng.title(3), rng.title(1));
            let point = incident_point(rng);
            let i = m.incidents.get_mut(&id)?;
            i.title = title.clone();
            i.place = place.clone();
            i.point = point;
            Some(format!(
                "incident `{id}` is now {title:?} at {place} {point:?}"
            ))
        }
        4 => {
            let id = rng.pick(&ids)?;
            let actor = pick_actor(m, rng)?;
            let i = m.incidents.get_mut(&id)?;
            if let Some(at) = i.actors.iter().position(|a| *a == actor) {
                i.actors.remove(at);
                Some(format!("`{actor}` no longer in incident `{id}`"))
            } else {
                i.actors.push(actor.clone());
                Some(format!("`{actor}` added to incident `{id}`"))
            }
        }
        5 => {
            let id = rng.pick(&ids)?;
            m.incidents.remove(&id);
            m.drop_refs(&id, None);
            m.retired.push(id.clone());
            Some(format!("incident `{id}` deleted (claims about it let go)"))
        }
        6 => {
            let id = rng.pick(&ids)?;
            if referenced(m, &id) {
                return None;
            }
            let i = m.incidents.get_mut(&id)?;
            i.draft = !i.draft;
            Some(format!("incident `{id}` draft: {}", i.draft))
        }
        _ => {
            let claim = pick_claim(m, rng)?;
            let target = if rng.one_in(4) {
                None
            } else {
                Some(rng.pick(&m.published(Kind::Incident))?)
            };
            m.claim_mut(&claim)?.incident = target.clone();
            Some(format!("claim `{claim}` now about incident {target:?}"))
        }
    }
}
