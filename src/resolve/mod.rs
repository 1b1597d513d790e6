//! Stage 2, resolve: raw files to the linked [`Site`], every problem a
//! diagnostic. Pure: no file system, and never stops at the first problem.
//!
//! - `declare`: ids, their uniqueness and the order of each kind;
//! - `entities`: each file's fields, values and references;
//! - `relations`: inverses and backlinks, actor sets, tags, cycles;
//! - `evidence`: figures against measures, `supersedes` and statuses,
//!   and on the published view stances, responses, verdict dates and
//!   judgements' evidence;
//! - `layers`: site.yaml's map layers, their GeoJSON read and checked;
//! - `publish`: the published view, without drafts, that render receives;
//! - `warnings`: values valid alone but wrong together, and placeholders.

pub mod declare;
mod entities;
mod evidence;
mod layers;
pub mod memo;
pub mod patch;
mod publish;
mod relations;
mod warnings;

use crate::diagnostics::Diagnostic;
use crate::load::yaml::YamlPath;
use crate::load::Loaded;
use crate::model::*;
use entities::{Findings, Scope};
use memo::Memo;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publish drafts.
    pub drafts: bool,
    /// Overrides site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Spell out `index.html` in links to folders (also `portable: true`
    /// in site.yaml).
    pub portable: bool,
}

/// Resolves everything loaded into a site.
pub fn resolve(loaded: &Loaded, options: &Options) -> (Site, Vec<Diagnostic>) {
    resolve_with(loaded, options, &mut Memo::forgetful())
}

/// Like [`resolve`], reusing the Markdown renderings of the previous build
/// in `memo` where their source and links are unchanged; `memo` then holds
/// this build's renderings.
pub fn resolve_with(
    loaded: &Loaded,
    options: &Options,
    memo: &mut Memo,
) -> (Site, Vec<Diagnostic>) {
    let (site, _, diagnostics) = resolve_keeping_ids(loaded, options, memo);
    (site, diagnostics)
}

/// Like [`resolve_with`], also returning the id table, which
/// [`patch::patch_body`] needs to render a body again.
/// The unit the figures of each measure give most often (ties: the
/// first in alphabetical order): what a measure file without `unit`
/// should say.
fn figure_units<'a>(claims: &[declare::ClaimDecl<'a>]) -> HashMap<&'a str, &'a str> {
    let mut counts: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for decl in claims {
        let (Some(measure), Some(figure)) = (&decl.raw.measure, &decl.raw.figure) else {
            continue;
        };
        let Some(unit) = figure.unit.as_ref().map(|u| u.0.trim()) else {
            continue;
        };
        if !unit.is_empty() {
            *counts
                .entry(measure.0.trim())
                .or_default()
                .entry(unit)
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(measure, units)| {
            let most = units.values().copied().max()?;
            let unit = units.into_iter().find(|&(_, n)| n == most)?.0;
            Some((measure, unit))
        })
        .collect()
}

pub fn resolve_keeping_ids(
    loaded: &Loaded,
    options: &Options,
    memo: &mut Memo,
) -> (Site, declare::Ids, Vec<Diagnostic>) {
    let remember = memo.remembers();
    let previous = std::mem::replace(memo, Memo::forgetful());
    let mut diagnostics = Vec::new();
    let mut site = config(loaded, options, &mut diagnostics);

    let static_top = declare::static_top(loaded.statics.iter().map(|f| f.path.as_str()));
    let mut declared = declare::declare(
        loaded,
        options.drafts,
        &static_top,
        &previous,
        &mut diagnostics,
    );
    let mut used = std::mem::take(&mut declared.memo);
    let scope = Scope {
        loaded,
        ids: &declared.ids,
        memo: &previous,
        remember,
        portable: site.portable,
    };

    let mut converted = convert(&scope, &declared, options.drafts);
    let brief_published = std::mem::take(&mut converted.brief_published);
    let incident_published = std::mem::take(&mut converted.incident_published);
    let Gathered {
        findings,
        tag_names,
        brief_links,
        claim_links,
        memberships,
    } = gather(&mut site, converted);
    let mut anchors = Vec::new();
    let mut redirects = Vec::new();
    for found in findings {
        diagnostics.extend(found.diagnostics);
        anchors.extend(found.anchors);
        redirects.extend(found.redirects);
        used.extend(found.memo);
    }
    if remember {
        *memo = Memo::from_entries(used);
    }

    warnings::check(loaded, &declared, &site, &brief_published, &mut diagnostics);
    relations::membership_cycles(&mut site, loaded, &memberships, &mut diagnostics);
    evidence::figures(&mut site, loaded, &declared.claims, &mut diagnostics);
    evidence::supersedes(&site, loaded, &declared.claims, &mut diagnostics);
    evidence::judgements(&site, loaded, &mut diagnostics);
    relations::actor_sets(&mut site, &brief_links, &claim_links);
    relations::anchors(&site, loaded, &anchors, &mut diagnostics);
    relations::redirects(
        &mut site,
        loaded,
        &declared.ids,
        redirects,
        &mut diagnostics,
    );

    // Everything is checked; from here on only what is published exists.
    let kept = publish::Kept {
        briefs: brief_published,
        claims: declared.claims.iter().map(|c| c.published).collect(),
        incidents: incident_published,
    };
    let (mut site, tag_names) = publish::published(site, &kept, &mut declared.ids, tag_names);
    relations::tags(&mut site, &tag_names);
    relations::backlinks(&mut site);
    evidence::published(&mut site);

    crate::diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    (site, declared.ids, diagnostics)
}

/// Every entity converted from its raw form, one kind after another, the
/// entities of a kind in parallel.
struct Converted {
    brief_published: Vec<bool>,
    incident_published: Vec<bool>,
    briefs: Vec<entities::BriefParts>,
    claims: Vec<(Claim, Findings)>,
    actors: Vec<(Actor, Memberships, Findings)>,
    measures: Vec<(Measure, Findings)>,
    pages: Vec<(Page, Findings)>,
    incidents: Vec<(Incident, Findings)>,
}

fn convert(scope: &Scope, declared: &declare::Declared, drafts: bool) -> Converted {
    let brief_published: Vec<bool> = declared
        .briefs
        .iter()
        .map(|doc| drafts || !doc.raw.draft)
        .collect();
    let briefs: Vec<_> = declared
        .briefs
        .par_iter()
        .zip(&brief_published)
        .enumerate()
        .map(|(i, (doc, &published))| entities::brief(scope, doc, BriefIx(i), published))
        .collect();
    let brief_dates: Vec<Option<PartialDate>> = declared
        .briefs
        .iter()
        .map(|d| {
            d.raw
                .date
                .as_ref()
                .and_then(|t| PartialDate::parse(&t.0))
                .filter(PartialDate::is_full)
        })
        .collect();
    let claims: Vec<_> = declared
        .claims
        .par_iter()
        .map(|decl| entities::claim(scope, decl, decl.brief.and_then(|b| brief_dates[b.0])))
        .collect();
    let actors: Vec<_> = declared
        .actors
        .par_iter()
        .enumerate()
        .map(|(i, doc)| entities::actor(scope, doc, ActorIx(i)))
        .collect();
    let units = figure_units(&declared.claims);
    let measures: Vec<_> = declared
        .measures
        .par_iter()
        .map(|decl| {
            let unit = units.get(decl.id.as_str()).copied();
            entities::measure(scope, decl, declare::measure_name(decl), unit)
        })
        .collect();
    let pages: Vec<_> = declared
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, doc)| entities::page(scope, doc, PageIx(i)))
        .collect();

    let incident_published: Vec<bool> = declared
        .incidents
        .iter()
        .map(|doc| drafts || !doc.raw.draft)
        .collect();
    let incidents: Vec<_> = declared
        .incidents
        .par_iter()
        .zip(&incident_published)
        .enumerate()
        .map(|(i, (doc, &published))| entities::incident(scope, doc, IncidentIx(i), published))
        .collect();
    Converted {
        brief_published,
        incident_published,
        briefs,
        claims,
        actors,
        measures,
        pages,
        incidents,
    }
}

/// What the converted entities found besides themselves.
struct Gathered {
    findings: Vec<Findings>,
    tag_names: Vec<Vec<String>>,
    brief_links: Vec<Vec<ActorIx>>,
    claim_links: Vec<Vec<ActorIx>>,
    memberships: Vec<Memberships>,
}

/// The bodies an actor belongs to, each with where its file names it.
type Memberships = Vec<(ActorIx, YamlPath)>;

/// Puts the converted entities into `site`, in their declared order.
fn gather(site: &mut Site, converted: Converted) -> Gathered {
    let Converted {
        briefs,
        claims,
        actors,
        measures,
        pages,
        incidents,
        ..
    } = converted;
    let mut findings: Vec<Findings> = Vec::new();
    let mut tag_names = Vec::new();
    let mut brief_links = Vec::new();
    for parts in briefs {
        tag_names.push(parts.tag_names);
        site.briefs.push(parts.brief);
        brief_links.push(parts.found.linked_actors.clone());
        findings.push(parts.found);
    }
    let mut claim_links = Vec::new();
    for (claim, found) in claims {
        site.claims.push(claim);
        claim_links.push(found.linked_actors.clone());
        findings.push(found);
    }
    let mut memberships: Vec<Memberships> = Vec::new();
    for (actor, bodies, found) in actors {
        site.actors.push(actor);
        memberships.push(bodies);
        findings.push(found);
    }
    for (measure, found) in measures {
        site.measures.push(measure);
        findings.push(found);
    }
    for (page, found) in pages {
        site.pages.push(page);
        findings.push(found);
    }
    for (incident, found) in incidents {
        site.incidents.push(incident);
        findings.push(found);
    }
    Gathered {
        findings,
        tag_names,
        brief_links,
        claim_links,
        memberships,
    }
}

/// site.yaml's settings.
fn config(loaded: &Loaded, options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Site {
    let raw = &loaded.config;
    let text = |t: &Option<crate::load::raw::Text>| {
        t.as_ref()
            .map(|t| t.0.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let title = match text(&raw.title) {
        Some(t) => t,
        None => {
            let file = loaded.config_file.map(|f| loaded.file(f));
            // A `title:` of the wrong type is already reported.
            if let Some(file) = file.filter(|f| !f.was_dropped(&YamlPath::default().key("title"))) {
                diagnostics.push(
                    file.error_at(
                        &YamlPath::default(),
                        "missing required field `title` in site.yaml",
                    )
                    .hint("add `title: Your desk's name`"),
                );
            }
            String::new()
        }
    };
    // site.yaml's value is checked even when `--base-url` overrides it.
    let in_file = text(&raw.base_url).and_then(|text| match crate::urls::base_url(&text) {
        Ok(url) => Some(url),
        Err(bad) => {
            if let Some(file) = loaded.config_file {
                diagnostics.push(
                    loaded
                        .file(file)
                        .error_at(&YamlPath::default().key("base_url"), bad.message)
                        .hint(bad.hint),
                );
            }
            None
        }
    });
    let base_url = match &options.base_url {
        Some(text) => match crate::urls::base_url(text) {
            Ok(url) => Some(url),
            Err(bad) => {
                diagnostics.push(Diagnostic::error("--base-url", bad.message).hint(bad.hint));
                None
            }
        },
        None => in_file,
    };
    let language = match text(&raw.language) {
        Some(tag) => match entities::language_problem(&tag) {
            None => tag,
            Some((message, hint)) => {
                if let Some(file) = loaded.config_file {
                    diagnostics.push(
                        loaded
                            .file(file)
                            .error_at(&YamlPath::default().key("language"), message)
                            .hint(hint),
                    );
                }
                "en".to_string()
            }
        },
        None => "en".to_string(),
    };
    Site {
        title,
        description: text(&raw.description),
        language,
        author: text(&raw.author),
        base_url,
        portable: options.portable || raw.portable.unwrap_or(false),
        extra: raw
            .extra
            .as_ref()
            .map_or_else(|| serde_json::json!({}), entities::yaml_to_json),
        map_layers: std::sync::Arc::new(layers::layers(loaded, diagnostics)),
        ..Site::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, SiteFiles};

    const ACTORS: &[(&str, &str)] = &[
        (
            "content/actors/kim.md",
            "---\nname: Kim Jong Un\nkind: person\npart_of: dprk\n---\n",
        ),
        (
            "content/actors/dprk.md",
            "---\nname: North Korea\nkind: state\n---\n",
        ),
        (
            "content/actors/nis.md",
            "---\nname: NIS\nkind: agency\nreliability: B\n---\n",
        ),
        (
            "content/actors/lee.md",
            "---\nname: Lee Seong Kweun\nkind: person\n---\n",
        ),
        (
            "content/actors/putin.md",
            "---\nname: Vladimir Putin\nkind: person\n---\n",
        ),
    ];

    /// Resolves a site made of `files` plus the actors above.
    fn resolve_files(files: &[(&str, &str)], drafts: bool) -> (Site, Vec<Diagnostic>) {
        let mut site = SiteFiles {
            config: b"title: Desk\n".to_vec(),
            ..SiteFiles::default()
        };
        for (path, text) in ACTORS.iter().chain(files) {
            site.files.insert(
                path.to_string(),
                std::sync::Arc::new(text.as_bytes().to_vec()),
            );
        }
        let (loaded, mut diagnostics) = load::parse(&site);
        let (site, mut more) = resolve(
            &loaded,
            &Options {
                drafts,
                ..Options::default()
            },
        );
        diagnostics.append(&mut more);
        (site, diagnostics)
    }

    fn claim<'a>(site: &'a Site, id: &str) -> &'a Claim {
        site.claims.iter().find(|c| c.id == id).unwrap()
    }

    fn names(site: &Site, actors: &[ActorIx]) -> Vec<String> {
        actors.iter().map(|a| site.actor(*a).id.clone()).collect()
    }

    const FIRST: (&str, &str) = (
        "content/briefs/first.md",
        "---\ntitle: First\ndate: 2025-04-30\ntags: [Red Sea, Kursk]\nactors: [putin]\nclaims:\n  - id: killed\n    text: About 600 killed.\n    by: nis\n    via: lee\n    about: [dprk]\n    credibility: 2\n  - id: troops\n    text: 15,000 troops.\n    by: nis\n    supports: [killed]\n    contradicts: [later]\n---\nAs [[kim]] said.\n",
    );
    const SECOND: (&str, &str) = (
        "content/briefs/second.md",
        "---\ntitle: Second\ndate: 2025-05-02\ntags: [red-sea, Red Sea]\nclaims:\n  - killed\n  - id: later\n    text: Fewer.\n    by: kim\n    said: 2025-05\n---\n",
    );

    #[test]
    fn inverse_relations_are_computed() {
        let (site, diagnostics) = resolve_files(&[FIRST, SECOND], false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let killed = claim(&site, "killed");
        assert_eq!(
            killed
                .supported_by
                .iter()
                .map(|c| site.claim(*c).id.as_str())
                .collect::<Vec<_>>(),
            ["troops"]
        );
        let later = claim(&site, "later");
        assert_eq!(
            later
                .contradicted_by
                .iter()
                .map(|c| site.claim(*c).id.as_str())
                .collect::<Vec<_>>(),
            ["troops"]
        );
    }

    #[test]
    fn a_claim_lists_every_citing_brief_newest_first() {
        let (site, _) = resolve_files(&[FIRST, SECOND], false);
        let cited: Vec<&str> = claim(&site, "killed")
            .cited_in
            .iter()
            .map(|b| site.brief(*b).id.as_str())
            .collect();
        assert_eq!(cited, ["second", "first"]);
    }

    #[test]
    fn a_briefs_actors_are_its_own_its_claims_and_its_links() {
        let (site, _) = resolve_files(&[FIRST, SECOND], false);
        let first = site.briefs.iter().find(|b| b.id == "first").unwrap();
        // By name: Kim (link), Lee (via), NIS (by), North Korea (about), Putin (actors).
        assert_eq!(
            names(&site, &first.actors),
            ["kim", "lee", "nis", "dprk", "putin"]
        );
    }

    #[test]
    fn said_defaults_to_the_declaring_briefs_date() {
        let (site, _) = resolve_files(&[FIRST, SECOND], false);
        assert_eq!(
            claim(&site, "killed").said.map(|d| d.iso()).as_deref(),
            Some("2025-04-30")
        );
        assert_eq!(
            claim(&site, "later").said.map(|d| d.iso()).as_deref(),
            Some("2025-05")
        );
    }

    #[test]
    fn tags_merge_by_slug_and_take_the_most_frequent_spelling() {
        let (site, _) = resolve_files(&[FIRST, SECOND], false);
        let tags: Vec<(&str, &str, usize)> = site
            .tags
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str(), t.briefs.len()))
            .collect();
        assert_eq!(tags, [("kursk", "Kursk", 1), ("red-sea", "Red Sea", 2)]);
    }

    #[test]
    fn actors_know_their_claims_members_and_briefs() {
        let (site, _) = resolve_files(&[FIRST, SECOND], false);
        let actor = |id: &str| site.actors.iter().find(|a| a.id == id).unwrap();
        assert_eq!(actor("nis").claims_by.len(), 2);
        assert_eq!(actor("lee").claims_relayed.len(), 1);
        assert_eq!(actor("dprk").claims_about.len(), 1);
        assert_eq!(names(&site, &actor("dprk").members), ["kim"]);
        assert_eq!(actor("kim").briefs.len(), 2);
    }

    #[test]
    fn part_of_cycles_are_reported_once_and_cut() {
        let cycle = [
            (
                "content/actors/a.md",
                "---\nname: A\nkind: group\npart_of: b\n---\n",
            ),
            (
                "content/actors/b.md",
                "---\nname: B\nkind: group\npart_of: a\n---\n",
            ),
        ];
        let (site, diagnostics) = resolve_files(&cycle, false);
        let cycles: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.message.contains("cycle"))
            .collect();
        assert_eq!(cycles.len(), 1, "{diagnostics:?}");
        assert_eq!(cycles[0].message, "`part_of` cycle: a → b → a");
        assert!(site
            .actors
            .iter()
            .filter(|a| a.id == "a" || a.id == "b")
            .all(|a| a.part_of.is_none()));
    }

    #[test]
    fn drafts_hide_their_claims_and_may_not_be_cited() {
        let draft = ("content/briefs/draft.md", "---\ntitle: D\ndate: 2025-01-01\ndraft: true\nclaims:\n  - id: secret\n    text: S.\n    by: nis\n---\n");
        let citing = (
            "content/briefs/open.md",
            "---\ntitle: O\ndate: 2025-01-02\nclaims: [secret]\n---\n",
        );
        let (site, diagnostics) = resolve_files(&[draft, citing], false);
        assert!(site.claims.iter().all(|c| c.id != "secret"));
        assert!(site.briefs.iter().all(|b| b.id != "draft"));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            (diagnostics[0].file.as_str(), diagnostics[0].line),
            ("content/briefs/open.md", 4)
        );
        let (_, with_drafts) = resolve_files(&[draft, citing], true);
        assert!(with_drafts.is_empty(), "{with_drafts:?}");
    }

    #[test]
    fn the_id_table_points_into_the_published_view() {
        // The draft is newer, so it sorts first among all briefs.
        let draft = ("content/briefs/draft.md", "---\ntitle: D\ndate: 2025-03-01\ndraft: true\nclaims:\n  - id: secret\n    text: S.\n    by: nis\n    figure: {value: 1}\n---\n");
        let open = (
            "content/briefs/open.md",
            "---\ntitle: O\ndate: 2025-01-02\n---\n",
        );
        let mut files = SiteFiles {
            config: b"title: Desk\n".to_vec(),
            ..SiteFiles::default()
        };
        for (path, text) in ACTORS.iter().chain(&[draft, open]) {
            files.files.insert(
                path.to_string(),
                std::sync::Arc::new(text.as_bytes().to_vec()),
            );
        }
        let (loaded, _) = load::parse(&files);
        let (site, ids, diagnostics) =
            resolve_keeping_ids(&loaded, &Options::default(), &mut Memo::forgetful());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            ids.get("open").map(|e| e.target),
            Some(Target::Brief(BriefIx(0)))
        );
        assert_eq!(site.briefs.len(), 1);
        assert_eq!(site.briefs[0].id, "open");
        for gone in ["draft", "secret"] {
            assert!(ids.get(gone).is_none(), "{gone}");
        }
        assert!(site.measures.is_empty() && site.claims.is_empty());
    }

    #[test]
    fn ids_are_unique_across_kinds() {
        let page = ("content/pages/kim.md", "---\ntitle: Kim\n---\n");
        let (_, diagnostics) = resolve_files(&[page], false);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.starts_with(
                "duplicate id `kim`: already used by the actor in content/actors/kim.md"
            ),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let bad = ("content/briefs/bad.md", "---\ntitle: Bad\ndate: 2025-02-30\nclaims:\n  - id: x\n    text: X [[nobody]].\n    by: niss\n    status: sure\n---\nSee [[kimm]].\n");
        let (_, diagnostics) = resolve_files(&[bad], false);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(diagnostics
            .iter()
            .any(|d| d.hint.as_deref() == Some("did you mean `[[kim]]`?")));
        assert!(diagnostics
            .iter()
            .any(|d| d.hint.as_deref() == Some("did you mean `nis`?")));
    }

    const RESPONDED: (&str, &str) = (
        "content/briefs/responded.md",
        "---\ntitle: R\ndate: 2025-04-30\nupdated: 2025-06-30\nsources:\n  - {id: tass, title: TASS}\njudgements:\n  - text: J.\n    claims: [killed, troops]\n    against: [later]\n  - text: K.\n    claims: [killed, later]\nclaims:\n  - id: killed\n    text: K.\n    by: nis\n    credibility: 2\n    responses:\n      - {by: putin, stance: denies, said: 2025-05-01, source: tass, text: A lie.}\n      - {by: [kim, dprk], stance: acknowledges}\n  - id: troops\n    text: T.\n    by: nis\n    credibility: 3\n    supports: [killed]\n  - id: later\n    text: L.\n    by: kim\n    said: 2025-06\n    contradicts: [killed]\n    responses:\n      - {by: putin, stance: confirms, said: 2025-06-02}\n---\n",
    );

    #[test]
    fn responses_are_resolved_and_listed_on_each_responder() {
        let (site, diagnostics) = resolve_files(&[RESPONDED], false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let killed = claim(&site, "killed");
        assert_eq!(killed.responses.len(), 2);
        let denial = &killed.responses[0];
        assert_eq!(denial.stance, Stance::Denies);
        assert_eq!(names(&site, &denial.by), ["putin"]);
        assert_eq!(denial.said.map(|d| d.iso()).as_deref(), Some("2025-05-01"));
        assert_eq!(denial.sources[0].id, "tass");
        assert_eq!(names(&site, &killed.responses[1].by), ["kim", "dprk"]);
        let actor = |id: &str| site.actors.iter().find(|a| a.id == id).unwrap();
        let responded: Vec<&str> = actor("putin")
            .responses
            .iter()
            .map(|(c, _)| site.claim(*c).id.as_str())
            .collect();
        assert_eq!(responded, ["later", "killed"], "newest first");
        assert_eq!(actor("dprk").responses.len(), 1);
        // Stances: who contradicts and who supports, by name; NIS's own
        // support of its claim is not support.
        assert_eq!(names(&site, &killed.contradicted_by_claimants), ["kim"]);
        assert!(killed.supported_by_claimants.is_empty());
        assert_eq!(
            names(&site, &claim(&site, "later").contradicted_by_claimants),
            ["nis"]
        );
    }

    #[test]
    fn a_judgement_counts_what_it_rests_on() {
        let (site, _) = resolve_files(&[RESPONDED], false);
        let brief = &site.briefs[0];
        let e = &brief.judgements[0].evidence;
        assert_eq!((e.claims, e.claimants, e.against), (2, 1, 1));
        assert_eq!(e.grades, [("B2".to_string(), 1), ("B3".to_string(), 1)]);
        assert!(e.single_source, "one claimant");
        let e = &brief.judgements[1].evidence;
        assert_eq!((e.claims, e.claimants, e.ungraded), (2, 2, 1));
        assert!(!e.single_source);
        // A claim named twice counts once, in either list.
        let (path, text) = RESPONDED;
        let text = text
            .replace(
                "claims: [killed, troops]",
                "claims: [killed, troops, killed]",
            )
            .replace("against: [later]", "against: [later, later]");
        let (site, diagnostics) = resolve_files(&[(path, &text)], false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let j = &site.briefs[0].judgements[0];
        assert_eq!((j.claims.len(), j.against.len()), (2, 1));
        assert_eq!((j.evidence.claims, j.evidence.against), (2, 1));
    }

    #[test]
    fn changes_come_newest_first_and_date_the_update() {
        let brief = |updated: &str| {
            (
                "content/briefs/changed.md",
                format!("---\ntitle: C\ndate: 2025-04-30\n{updated}changes:\n  - {{date: 2025-05-02, note: A}}\n  - {{date: 2025-05-20, note: B, kind: correction}}\n  - {{date: 2025-05-05, note: C}}\n---\n"),
            )
        };
        let (path, text) = brief("");
        let (site, diagnostics) = resolve_files(&[(path, &text)], false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let b = &site.briefs[0];
        let notes: Vec<&str> = b.changes.iter().map(|c| c.note_text.as_str()).collect();
        assert_eq!(notes, ["B", "C", "A"]);
        assert_eq!(b.updated.map(|d| d.iso()).as_deref(), Some("2025-05-20"));
        assert!(b.corrected());
        let (path, text) = brief("updated: 2025-06-01\n");
        let (site, _) = resolve_files(&[(path, &text)], false);
        assert_eq!(
            site.briefs[0].updated.map(|d| d.iso()).as_deref(),
            Some("2025-06-01")
        );
    }

    #[test]
    fn figures_take_their_measures_unit_and_later_ones_are_forecasts() {
        let measure = (
            "content/measures/troops.md",
            "---\nname: Troops\nunit: troops\n---\n",
        );
        let brief = ("content/briefs/f.md", "---\ntitle: F\ndate: 2025-04-30\nclaims:\n  - id: now\n    text: N.\n    by: nis\n    measure: troops\n    figure: {value: 1, as_of: 2025-04}\n  - id: soon\n    text: S.\n    by: nis\n    measure: troops\n    figure: {value: 2, as_of: 2025-05, wording: a couple}\n---\n");
        let (site, diagnostics) = resolve_files(&[measure, brief], false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let now = claim(&site, "now");
        assert_eq!(now.figure.as_ref().unwrap().unit.as_deref(), Some("troops"));
        assert!(!now.is_forecast());
        let soon = claim(&site, "soon");
        assert!(soon.is_forecast());
        assert_eq!(
            soon.figure.as_ref().unwrap().wording.as_deref(),
            Some("a couple")
        );
        assert_eq!(site.measures[0].claims.len(), 2);
    }

    #[test]
    fn the_verdict_is_dated_by_the_brief_that_publishes_it() {
        let file = (
            "content/claims/filed.md",
            "---\ntext: F.\nby: nis\nstatus: confirmed\n---\n",
        );
        let citing = ("content/briefs/cites.md", "---\ntitle: C\ndate: 2025-05-01\nchanges: [{date: 2025-05-09, note: N}]\nclaims: [filed]\n---\n");
        let (site, _) = resolve_files(&[FIRST, file, citing], false);
        let iso = |id: &str| claim(&site, id).verdict_date.map(|d| d.iso());
        assert_eq!(iso("killed").as_deref(), Some("2025-04-30"));
        assert_eq!(iso("filed").as_deref(), Some("2025-05-09"));
    }
}
