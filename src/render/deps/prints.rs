//! Fingerprints of the model: for each entity, one of what a link to it
//! shows and one of everything its own page shows; and one of site.yaml's
//! settings that every page reads.

use super::hash_of;
use crate::model::*;
use rustc_hash::FxHasher;
use std::hash::Hash;

// The prints below destructure every model type they read without `..`:
// a field added to the model is a compile error here until it is hashed
// (a page may show it) or skipped with `_` and a reason.

fn hash_sources(h: &mut FxHasher, site: &Site, sources: &[Source]) {
    for s in sources {
        let Source {
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
            anonymous,
        } = s;
        (id, title, url, date, reliability).hash(h);
        (kind, access, archive, retrieved).hash(h);
        (language, translation, anonymous).hash(h);
        publisher.map(|p| &site.actor(p).id).hash(h);
    }
}

fn hash_relation(h: &mut FxHasher, site: &Site, r: &Relation) {
    let Relation {
        kind,
        to,
        from,
        until,
        source,
    } = r;
    (kind, &site.actor(*to).id, from, until).hash(h);
    hash_sources(h, site, source.as_slice());
}

fn hash_ids<'s, T>(h: &mut FxHasher, list: &[T], id: impl Fn(&T) -> &'s str) {
    list.len().hash(h);
    for item in list {
        id(item).hash(h);
    }
}

fn hash_toc(h: &mut FxHasher, toc: &[crate::markdown::Heading]) {
    for heading in toc {
        let crate::markdown::Heading { id, text, level } = heading;
        (id, text, level).hash(h);
    }
}

fn hash_extra(h: &mut FxHasher, extra: &serde_json::Value) {
    extra.to_string().hash(h);
}

fn hash_when(h: &mut FxHasher, when: &Option<When>) {
    when.map(|w| {
        let When {
            from,
            to,
            from_time,
            to_time,
        } = w;
        (from, to, from_time, to_time)
    })
    .hash(h);
}

/// What every page reads of site.yaml, and the navigation.
pub(super) fn site_print(site: &Site) -> u64 {
    let Site {
        title,
        description,
        language,
        author,
        base_url,
        portable,
        extra,
        map_layers,
        // Entities have prints of their own; the navigation's part of
        // pages and incidents is hashed below.
        briefs: _,
        actors: _,
        claims: _,
        measures: _,
        pages,
        incidents,
        tags: _,
        // Redirect pages are written whole by every build.
        redirects: _,
    } = site;
    hash_of(|h| {
        (title, description, language, author, base_url, portable).hash(h);
        hash_extra(h, extra);
        for l in map_layers.iter() {
            // The shapes are read from the file whose bytes `print` hashes.
            let MapLayer {
                file,
                title,
                attribution,
                shapes: _,
                print,
            } = l;
            (file, title, attribution, print).hash(h);
        }
        for p in pages {
            (&p.id, &p.title).hash(h);
        }
        // The navigation names the incidents when there are some.
        incidents.is_empty().hash(h);
    })
}

pub(super) fn brief_prints(site: &Site, ix: BriefIx) -> [u64; 2] {
    let Brief {
        id,
        // Where it was read from: for messages, never shown.
        file: _,
        title,
        date,
        updated,
        changes,
        as_of,
        summary,
        summary_text,
        judgements,
        tags,
        actors,
        sources,
        claims,
        authors,
        draft,
        body,
        toc,
        extra,
    } = site.brief(ix);
    let r = hash_of(|h| (id, title, date, updated).hash(h));
    let f = hash_of(|h| {
        r.hash(h);
        (changes, as_of, summary, summary_text, authors, draft, body).hash(h);
        for j in judgements {
            let Judgement {
                text,
                likelihood,
                confidence,
                claims,
                against,
                evidence,
            } = j;
            (text, likelihood, confidence, evidence).hash(h);
            hash_ids(h, claims, |c| &site.claim(*c).id);
            hash_ids(h, against, |c| &site.claim(*c).id);
        }
        hash_ids(h, tags, |t| &site.tag(*t).slug);
        hash_ids(h, actors, |a| &site.actor(*a).id);
        hash_ids(h, claims, |c| &site.claim(*c).id);
        hash_sources(h, site, sources);
        hash_toc(h, toc);
        hash_extra(h, extra);
    });
    [r, f]
}

pub(super) fn actor_prints(site: &Site, ix: ActorIx) -> [u64; 2] {
    let Actor {
        id,
        // Where it was read from: for messages, never shown.
        file: _,
        name,
        name_lang,
        kind,
        aliases,
        role,
        part_of,
        member_of,
        identifiers,
        relations,
        sources,
        reliability,
        same_as,
        links,
        body,
        toc,
        extra,
        members,
        related,
        claims_for,
        claims_by,
        claims_about,
        claims_relayed,
        responses,
        briefs,
        incidents,
        co_actors,
        co_actors_total,
    } = site.actor(ix);
    let r = hash_of(|h| {
        (id, name, name_lang, kind, reliability).hash(h);
        part_of.map(|p| &site.actor(p).id).hash(h);
    });
    let f = hash_of(|h| {
        r.hash(h);
        (role, same_as, links, body).hash(h);
        for alias in aliases {
            let Alias { name, lang } = alias;
            (name, lang).hash(h);
        }
        hash_ids(h, members, |m| &site.actor(*m).id);
        hash_ids(h, member_of, |m| &site.actor(*m).id);
        identifiers.hash(h);
        hash_sources(h, site, sources);
        // Relations both ways: its own, and those others declare to it
        // (an edit to another actor's relation changes this page).
        for r in relations {
            hash_relation(h, site, r);
        }
        for (other, k) in related {
            site.actor(*other).id.hash(h);
            hash_relation(h, site, &site.actor(*other).relations[*k]);
        }
        for (c, proxy, how) in claims_for {
            (&site.claim(*c).id, &site.actor(*proxy).id, how).hash(h);
        }
        hash_ids(h, claims_by, |c| &site.claim(*c).id);
        hash_ids(h, claims_about, |c| &site.claim(*c).id);
        hash_ids(h, claims_relayed, |c| &site.claim(*c).id);
        for (c, r) in responses {
            (&site.claim(*c).id, r).hash(h);
        }
        hash_ids(h, briefs, |b| &site.brief(*b).id);
        hash_ids(h, incidents, |i| &site.incident(*i).id);
        for (other, n) in co_actors {
            (&site.actor(*other).id, n).hash(h);
        }
        co_actors_total.hash(h);
        hash_toc(h, toc);
        hash_extra(h, extra);
    });
    [r, f]
}

pub(super) fn claim_prints(site: &Site, ix: ClaimIx) -> [u64; 2] {
    let Claim {
        id,
        // Where it was read from: for messages, never shown.
        file: _,
        text,
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
        supported_by,
        contradicted_by,
        superseded_by,
        contradicted_by_claimants,
        supported_by_claimants,
        verdict_date,
        declared_in,
        cited_in,
        body,
        toc,
        extra,
    } = site.claim(ix);
    // A link to a claim shows its verdict and its stances.
    let r = hash_of(|h| {
        (id, text_plain, status).hash(h);
        for response in responses {
            (response.stance, response.said).hash(h);
            hash_ids(h, &response.by, |a| &site.actor(*a).id);
        }
        hash_ids(h, contradicted_by_claimants, |a| &site.actor(*a).id);
        hash_ids(h, supported_by_claimants, |a| &site.actor(*a).id);
    });
    let f = hash_of(|h| {
        r.hash(h);
        for response in responses {
            let Response {
                by: _,
                stance: _,
                said: _,
                sources,
                text,
                // The text without markup: derived from `text`.
                text_plain: _,
            } = response;
            text.hash(h);
            hash_sources(h, site, sources);
        }
        verdict_date.hash(h);
        (text, said, credibility, confidence, quote, quote_lang, body).hash(h);
        hash_when(h, when);
        hash_ids(h, incidents, |i| &site.incident(*i).id);
        if let Some(fig) = figure {
            let Figure {
                value,
                low,
                high,
                unit,
                qualifier,
                as_of,
                wording,
            } = fig;
            (
                value.map(f64::to_bits),
                low.map(f64::to_bits),
                high.map(f64::to_bits),
            )
                .hash(h);
            (unit, qualifier, wording, as_of).hash(h);
        }
        measure.map(|m| &site.measure(m).id).hash(h);
        hash_ids(h, by, |a| &site.actor(*a).id);
        hash_ids(h, via, |a| &site.actor(*a).id);
        hash_ids(h, about, |a| &site.actor(*a).id);
        for list in [
            supports,
            contradicts,
            supersedes,
            supported_by,
            contradicted_by,
            superseded_by,
        ] {
            hash_ids(h, list, |x| &site.claim(*x).id);
        }
        declared_in.map(|b| &site.brief(b).id).hash(h);
        hash_ids(h, cited_in, |b| &site.brief(*b).id);
        hash_sources(h, site, sources);
        hash_toc(h, toc);
        hash_extra(h, extra);
    });
    [r, f]
}

pub(super) fn measure_prints(site: &Site, ix: MeasureIx) -> [u64; 2] {
    let Measure {
        id,
        name,
        unit,
        body,
        toc,
        extra,
        claims,
    } = site.measure(ix);
    let r = hash_of(|h| (id, name, unit).hash(h));
    let f = hash_of(|h| {
        r.hash(h);
        body.hash(h);
        hash_ids(h, claims, |c| &site.claim(*c).id);
        hash_toc(h, toc);
        hash_extra(h, extra);
    });
    [r, f]
}

pub(super) fn tag_prints(site: &Site, ix: TagIx) -> [u64; 2] {
    let Tag { slug, name, briefs } = site.tag(ix);
    let r = hash_of(|h| (slug, name, briefs.len()).hash(h));
    let f = hash_of(|h| {
        r.hash(h);
        hash_ids(h, briefs, |b| &site.brief(*b).id);
    });
    [r, f]
}

pub(super) fn page_prints(site: &Site, ix: PageIx) -> [u64; 2] {
    let Page {
        id,
        title,
        body,
        toc,
        extra,
    } = site.page(ix);
    let r = hash_of(|h| (id, title).hash(h));
    let f = hash_of(|h| {
        r.hash(h);
        body.hash(h);
        hash_toc(h, toc);
        hash_extra(h, extra);
    });
    [r, f]
}

pub(super) fn incident_prints(site: &Site, ix: IncidentIx) -> [u64; 2] {
    let Incident {
        id,
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
        body,
        toc,
        extra,
        claims,
    } = site.incident(ix);
    let r = hash_of(|h| {
        (id, title, kind, place).hash(h);
        hash_when(h, when);
    });
    let f = hash_of(|h| {
        r.hash(h);
        precision.hash(h);
        for &(lat, lon) in point.iter().chain(area) {
            (lat.to_bits(), lon.to_bits()).hash(h);
        }
        for (lat, lon, time) in track {
            (lat.to_bits(), lon.to_bits(), time).hash(h);
        }
        hash_ids(h, actors, |a| &site.actor(*a).id);
        tags.hash(h);
        hash_sources(h, site, sources);
        body.hash(h);
        hash_toc(h, toc);
        hash_extra(h, extra);
        hash_ids(h, claims, |c| &site.claim(*c).id);
    });
    [r, f]
}
