//! A generated site held as data: briefs with inline claims and citations,
//! actors in `part_of` chains, claim files, measures, pages, tags, drafts,
//! redirects, site settings, template overrides and static files. Edits
//! change the data; `files` writes it out as the site's files, so each
//! step's changed paths are the difference between two `files` maps. Every
//! reference names an existing id, and published content never references
//! a draft, unless an edit breaks that on purpose.

use std::collections::{BTreeMap, BTreeSet};

/// A small seeded generator (SplitMix64): the same seed gives the same
/// site and the same edits on every platform.
pub struct Rng(u64);

/// SplitMix64's output function: nearby seeds give unrelated numbers.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(mix(seed))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            None
        } else {
            Some(items[self.below(items.len())].clone())
        }
    }

    /// A day of 2024.
    pub fn date(&mut self) -> String {
        format!("2024-{:02}-{:02}", 1 + self.below(12), 1 + self.below(28))
    }

    /// A partial or full date of 2024.
    pub fn partial_date(&mut self) -> String {
        match self.below(5) {
            0 => format!("2024-{:02}", 1 + self.below(12)),
            _ => self.date(),
        }
    }

    pub fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    /// A few words, capitalised: a title or a name.
    pub fn title(&mut self, words: usize) -> String {
        let mut out: Vec<String> = Vec::new();
        for _ in 0..words {
            out.push(capitalised(self.word()));
        }
        out.join(" ")
    }

    /// A sentence of prose.
    pub fn sentence(&mut self) -> String {
        let n = 3 + self.below(6);
        let words: Vec<&str> = (0..n).map(|_| self.word()).collect();
        let mut text = capitalised(&words.join(" "));
        text.push('.');
        text
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const WORDS: &[&str] = &[
    "coastal",
    "northern",
    "fleet",
    "harbour",
    "strait",
    "convoy",
    "drone",
    "missile",
    "tanker",
    "cable",
    "border",
    "ministry",
    "council",
    "bureau",
    "guard",
    "patrol",
    "envoy",
    "summit",
    "ceasefire",
    "brigade",
    "delta",
    "river",
    "island",
    "desert",
    "signal",
    "report",
    "cargo",
    "grain",
    "storm",
    "bridge",
    "türkiye",
    "sanaa",
    "aden",
    "hodeidah",
    "kursk",
    "amber",
    "granite",
    "falcon",
    "cedar",
    "lantern",
];

/// Spellings of the tags, several per slug.
pub const TAGS: &[&[&str]] = &[
    &["Red Sea", "RED SEA", "red-sea", "Red  Sea"],
    &["Shipping", "shipping", "SHIPPING"],
    &["Drones", "drones"],
    &["Türkiye", "Turkiye", "türkiye"],
    &["Black Sea", "black sea"],
    &["Sanctions"],
];

/// Headings bodies use; each body uses a heading at most once, so its id
/// is the slug of its text.
pub const HEADINGS: &[(&str, &str)] = &[
    ("Background", "background"),
    ("Losses at sea", "losses-at-sea"),
    ("What changed", "what-changed"),
    ("Sources and methods", "sources-and-methods"),
    ("Outlook", "outlook"),
];

pub const KINDS: &[&str] = &[
    "person",
    "state",
    "government",
    "agency",
    "military",
    "group",
    "organization",
    "company",
    "media",
    "other",
];
pub const STATUSES: &[&str] = &[
    "reported",
    "corroborated",
    "confirmed",
    "disputed",
    "misleading",
    "false",
    "retracted",
    "superseded",
];
pub const QUALIFIERS: &[&str] = &["about", "at-least", "at-most", "exactly"];
pub const LIKELIHOODS: &[&str] = &["unlikely", "roughly even chance", "likely", "very likely"];
pub const CONFIDENCES: &[&str] = &["low", "moderate", "high"];
pub const RELIABILITIES: &[&str] = &["A", "B", "C", "D", "E", "F"];

/// A piece of inline Markdown: words, or a `[[id]]` link.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Words(String),
    Link {
        id: String,
        label: Option<String>,
        anchor: Option<String>,
    },
}

pub type Inline = Vec<Piece>;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Inline),
    /// A `##` heading (its text is one of `HEADINGS`).
    Heading(&'static str),
}

pub type Body = Vec<Block>;

fn inline_text(pieces: &Inline) -> String {
    let parts: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            Piece::Words(w) => w.clone(),
            Piece::Link { id, label, anchor } => {
                let anchor = anchor.as_ref().map_or(String::new(), |a| format!("#{a}"));
                let label = label.as_ref().map_or(String::new(), |l| format!("|{l}"));
                format!("[[{id}{anchor}{label}]]")
            }
        })
        .collect();
    parts.join(" ")
}

fn body_text(body: &Body) -> String {
    let mut out = String::new();
    for block in body {
        match block {
            Block::Para(p) => out.push_str(&inline_text(p)),
            Block::Heading(h) => {
                out.push_str("## ");
                out.push_str(h);
            }
        }
        out.push_str("\n\n");
    }
    out
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    pub author: Option<String>,
    pub base_url: Option<String>,
    pub portable: bool,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub kind: &'static str,
    pub part_of: Option<String>,
    pub role: Option<String>,
    pub reliability: Option<&'static str>,
    pub aliases: Vec<String>,
    pub redirect_from: Vec<String>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub reliability: Option<&'static str>,
    pub date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub value: Option<i64>,
    pub low: Option<i64>,
    pub high: Option<i64>,
    pub qualifier: Option<&'static str>,
    pub unit: Option<String>,
    pub as_of: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub text: Inline,
    pub by: Vec<String>,
    pub via: Vec<String>,
    pub about: Vec<String>,
    pub said: Option<String>,
    pub when: Option<String>,
    pub status: &'static str,
    pub credibility: Option<u8>,
    pub confidence: Option<&'static str>,
    pub quote: Option<String>,
    pub figure: Option<Figure>,
    pub measure: Option<String>,
    pub supports: Vec<String>,
    pub contradicts: Vec<String>,
    pub supersedes: Vec<String>,
    /// A source id of the declaring file.
    pub source: Option<String>,
    /// A published incident the claim is about.
    pub incident: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Entry {
    Declare(Box<Claim>),
    Cite(String),
}

#[derive(Debug, Clone)]
pub struct Judgement {
    pub text: Inline,
    pub likelihood: Option<&'static str>,
    pub confidence: Option<&'static str>,
    pub claims: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Brief {
    /// The sub-folder under content/briefs/ (`""` or `2024/`).
    pub folder: String,
    pub title: String,
    pub date: String,
    pub updated: Option<String>,
    pub summary: Option<Inline>,
    pub tags: Vec<String>,
    pub actors: Vec<String>,
    pub sources: Vec<Source>,
    pub claims: Vec<Entry>,
    pub judgements: Vec<Judgement>,
    pub authors: Vec<String>,
    pub draft: bool,
    pub redirect_from: Vec<String>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct ClaimFile {
    pub claim: Claim,
    pub sources: Vec<Source>,
    pub redirect_from: Vec<String>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub name: String,
    pub unit: Option<String>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Incident {
    pub title: String,
    /// As written: a date, a month, or a date and time with its zone.
    pub when: String,
    pub place: String,
    /// Whole degrees, to keep the file short.
    pub point: Option<(i32, i32)>,
    pub kind: Option<&'static str>,
    pub actors: Vec<String>,
    pub draft: bool,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub title: String,
    pub redirect_from: Vec<String>,
    pub body: Body,
}

/// What kind of thing an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Brief,
    Actor,
    Claim,
    Measure,
    Page,
    Incident,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub config: Config,
    pub actors: BTreeMap<String, Actor>,
    pub briefs: BTreeMap<String, Brief>,
    pub claim_files: BTreeMap<String, ClaimFile>,
    pub measures: BTreeMap<String, Measure>,
    pub pages: BTreeMap<String, Page>,
    pub incidents: BTreeMap<String, Incident>,
    /// `templates/<name>` → source.
    pub templates: BTreeMap<String, String>,
    /// `static/<path>` → text.
    pub statics: BTreeMap<String, String>,
    /// Ids used before and free now (a new entity may take one again).
    pub retired: Vec<String>,
}

fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn q_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap()
}

fn write_sources(out: &mut String, sources: &[Source]) {
    if sources.is_empty() {
        return;
    }
    out.push_str("sources:\n");
    for s in sources {
        out.push_str(&format!("  - id: {}\n    title: {}\n", s.id, q(&s.title)));
        if let Some(p) = &s.publisher {
            out.push_str(&format!("    publisher: {p}\n"));
        }
        if let Some(r) = s.reliability {
            out.push_str(&format!("    reliability: {r}\n"));
        }
        if let Some(d) = &s.date {
            out.push_str(&format!("    date: {d}\n"));
        }
    }
}

/// A claim's keys, each line prefixed with `indent` (the first with `first`).
fn write_claim(out: &mut String, c: &Claim, first: &str, indent: &str, with_id: bool) {
    let mut lines: Vec<String> = Vec::new();
    if with_id {
        lines.push(format!("id: {}", c.id));
    }
    lines.push(format!("text: {}", q(&inline_text(&c.text))));
    lines.push(format!("by: {}", q_list(&c.by)));
    if !c.via.is_empty() {
        lines.push(format!("via: {}", q_list(&c.via)));
    }
    if !c.about.is_empty() {
        lines.push(format!("about: {}", q_list(&c.about)));
    }
    if let Some(s) = &c.said {
        lines.push(format!("said: {s}"));
    }
    if let Some(w) = &c.when {
        lines.push(format!("when: {w}"));
    }
    if c.status != "reported" || c.id.len().is_multiple_of(2) {
        lines.push(format!("status: {}", c.status));
    }
    if let Some(cr) = c.credibility {
        lines.push(format!("credibility: {cr}"));
    }
    if let Some(cf) = c.confidence {
        lines.push(format!("confidence: {cf}"));
    }
    if let Some(quote) = &c.quote {
        lines.push(format!("quote: {}", q(quote)));
    }
    if let Some(f) = &c.figure {
        let mut parts: Vec<String> = Vec::new();
        for (key, v) in [("value", f.value), ("low", f.low), ("high", f.high)] {
            if let Some(v) = v {
                parts.push(format!("{key}: {v}"));
            }
        }
        if let Some(qual) = f.qualifier {
            parts.push(format!("qualifier: {qual}"));
        }
        if let Some(u) = &f.unit {
            parts.push(format!("unit: {}", q(u)));
        }
        if let Some(a) = &f.as_of {
            parts.push(format!("as_of: {a}"));
        }
        lines.push(format!("figure: {{{}}}", parts.join(", ")));
    }
    if let Some(m) = &c.measure {
        lines.push(format!("measure: {m}"));
    }
    if !c.supports.is_empty() {
        lines.push(format!("supports: {}", q_list(&c.supports)));
    }
    if !c.contradicts.is_empty() {
        lines.push(format!("contradicts: {}", q_list(&c.contradicts)));
    }
    if !c.supersedes.is_empty() {
        lines.push(format!("supersedes: {}", q_list(&c.supersedes)));
    }
    if let Some(s) = &c.source {
        lines.push(format!("source: {s}"));
    }
    if let Some(i) = &c.incident {
        lines.push(format!("incident: {i}"));
    }
    for (i, line) in lines.iter().enumerate() {
        out.push_str(if i == 0 { first } else { indent });
        out.push_str(line);
        out.push('\n');
    }
}

fn redirects(out: &mut String, list: &[String]) {
    if !list.is_empty() {
        out.push_str(&format!("redirect_from: {}\n", q_list(list)));
    }
}

impl Model {
    /// The site's files: path (relative to the root) → text.
    pub fn files(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        let c = &self.config;
        let mut yaml = format!("title: {}\nlanguage: en\n", q(&c.title));
        if let Some(d) = &c.description {
            yaml.push_str(&format!("description: {}\n", q(d)));
        }
        if let Some(a) = &c.author {
            yaml.push_str(&format!("author: {}\n", q(a)));
        }
        if let Some(b) = &c.base_url {
            yaml.push_str(&format!("base_url: {}\n", q(b)));
        }
        if c.portable {
            yaml.push_str("portable: true\n");
        }
        files.insert("site.yaml".to_string(), yaml);
        for (id, a) in &self.actors {
            let mut t = format!("---\nname: {}\nkind: {}\n", q(&a.name), a.kind);
            if let Some(p) = &a.part_of {
                t.push_str(&format!("part_of: {p}\n"));
            }
            if let Some(r) = &a.role {
                t.push_str(&format!("role: {}\n", q(r)));
            }
            if let Some(r) = a.reliability {
                t.push_str(&format!("reliability: {r}\n"));
            }
            if !a.aliases.is_empty() {
                t.push_str(&format!("aliases: {}\n", q_list(&a.aliases)));
            }
            redirects(&mut t, &a.redirect_from);
            t.push_str("---\n");
            t.push_str(&body_text(&a.body));
            files.insert(format!("content/actors/{id}.md"), t);
        }
        for (id, b) in &self.briefs {
            let mut t = format!("---\ntitle: {}\ndate: {}\n", q(&b.title), b.date);
            if let Some(u) = &b.updated {
                t.push_str(&format!("updated: {u}\n"));
            }
            if let Some(s) = &b.summary {
                t.push_str(&format!("summary: {}\n", q(&inline_text(s))));
            }
            if !b.tags.is_empty() {
                t.push_str(&format!("tags: {}\n", q_list(&b.tags)));
            }
            if !b.actors.is_empty() {
                t.push_str(&format!("actors: {}\n", q_list(&b.actors)));
            }
            if !b.authors.is_empty() {
                t.push_str(&format!("authors: {}\n", q_list(&b.authors)));
            }
            if b.draft {
                t.push_str("draft: true\n");
            }
            redirects(&mut t, &b.redirect_from);
            if !b.judgements.is_empty() {
                t.push_str("judgements:\n");
                for j in &b.judgements {
                    t.push_str(&format!("  - text: {}\n", q(&inline_text(&j.text))));
                    if let Some(l) = j.likelihood {
                        t.push_str(&format!("    likelihood: {l}\n"));
                    }
                    if let Some(c) = j.confidence {
                        t.push_str(&format!("    confidence: {c}\n"));
                    }
                    if !j.claims.is_empty() {
                        t.push_str(&format!("    claims: {}\n", q_list(&j.claims)));
                    }
                }
            }
            write_sources(&mut t, &b.sources);
            if !b.claims.is_empty() {
                t.push_str("claims:\n");
                for e in &b.claims {
                    match e {
                        Entry::Cite(id) => t.push_str(&format!("  - {id}\n")),
                        Entry::Declare(c) => write_claim(&mut t, c, "  - ", "    ", true),
                    }
                }
            }
            t.push_str("---\n");
            t.push_str(&body_text(&b.body));
            files.insert(format!("content/briefs/{}{id}.md", b.folder), t);
        }
        for (id, f) in &self.claim_files {
            let mut t = String::from("---\n");
            write_claim(&mut t, &f.claim, "", "", false);
            write_sources(&mut t, &f.sources);
            redirects(&mut t, &f.redirect_from);
            t.push_str("---\n");
            t.push_str(&body_text(&f.body));
            files.insert(format!("content/claims/{id}.md"), t);
        }
        for (id, m) in &self.measures {
            let mut t = format!("---\nname: {}\n", q(&m.name));
            if let Some(u) = &m.unit {
                t.push_str(&format!("unit: {}\n", q(u)));
            }
            t.push_str("---\n");
            t.push_str(&body_text(&m.body));
            files.insert(format!("content/measures/{id}.md"), t);
        }
        for (id, p) in &self.pages {
            let mut t = format!("---\ntitle: {}\n", q(&p.title));
            redirects(&mut t, &p.redirect_from);
            t.push_str("---\n");
            t.push_str(&body_text(&p.body));
            files.insert(format!("content/pages/{id}.md"), t);
        }
        for (id, i) in &self.incidents {
            let mut t = format!(
                "---\ntitle: {}\nwhen: {}\nwhere:\n  place: {}\n",
                q(&i.title),
                i.when,
                q(&i.place)
            );
            if let Some((lat, lon)) = i.point {
                t.push_str(&format!("  lat: {lat}\n  lon: {lon}\n"));
            }
            if let Some(k) = i.kind {
                t.push_str(&format!("kind: {k}\n"));
            }
            if !i.actors.is_empty() {
                t.push_str(&format!("actors: {}\n", q_list(&i.actors)));
            }
            if i.draft {
                t.push_str("draft: true\n");
            }
            t.push_str("---\n");
            t.push_str(&body_text(&i.body));
            files.insert(format!("content/incidents/{id}.md"), t);
        }
        for (name, source) in &self.templates {
            files.insert(format!("templates/{name}"), source.clone());
        }
        for (path, text) in &self.statics {
            files.insert(format!("static/{path}"), text.clone());
        }
        files
    }

    /// Every inline claim with the brief declaring it.
    pub fn inline_claims(&self) -> impl Iterator<Item = (&String, &Claim)> {
        self.briefs.iter().flat_map(|(id, b)| {
            b.claims.iter().filter_map(move |e| match e {
                Entry::Declare(c) => Some((id, &**c)),
                Entry::Cite(_) => None,
            })
        })
    }

    /// The claim `id`, wherever it is declared.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_files.get(id).map(|f| &f.claim).or_else(|| {
            self.inline_claims()
                .find(|(_, c)| c.id == id)
                .map(|(_, c)| c)
        })
    }

    pub fn claim_mut(&mut self, id: &str) -> Option<&mut Claim> {
        if let Some(f) = self.claim_files.get_mut(id) {
            return Some(&mut f.claim);
        }
        self.briefs.values_mut().find_map(|b| {
            b.claims.iter_mut().find_map(|e| match e {
                Entry::Declare(c) if c.id == id => Some(&mut **c),
                _ => None,
            })
        })
    }

    /// The brief declaring the inline claim `id`.
    pub fn declaring_brief(&self, id: &str) -> Option<String> {
        self.inline_claims()
            .find(|(_, c)| c.id == id)
            .map(|(b, _)| b.clone())
    }

    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        if self.briefs.contains_key(id) {
            Some(Kind::Brief)
        } else if self.actors.contains_key(id) {
            Some(Kind::Actor)
        } else if self.measures.contains_key(id) {
            Some(Kind::Measure)
        } else if self.pages.contains_key(id) {
            Some(Kind::Page)
        } else if self.incidents.contains_key(id) {
            Some(Kind::Incident)
        } else if self.claim(id).is_some() {
            Some(Kind::Claim)
        } else {
            None
        }
    }

    /// Every claim id.
    pub fn claim_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.claim_files.keys().cloned().collect();
        ids.extend(self.inline_claims().map(|(_, c)| c.id.clone()));
        ids.sort();
        ids
    }

    /// Whether `id` is a draft brief or a claim declared in one.
    pub fn is_draft(&self, id: &str) -> bool {
        match self.briefs.get(id) {
            Some(b) => b.draft,
            None => self
                .declaring_brief(id)
                .is_some_and(|b| self.briefs[&b].draft),
        }
    }

    /// Published ids of a kind (what a published page may reference).
    pub fn published(&self, kind: Kind) -> Vec<String> {
        match kind {
            Kind::Brief => self
                .briefs
                .iter()
                .filter(|(_, b)| !b.draft)
                .map(|(id, _)| id.clone())
                .collect(),
            Kind::Actor => self.actors.keys().cloned().collect(),
            Kind::Measure => self.measures.keys().cloned().collect(),
            Kind::Page => self.pages.keys().cloned().collect(),
            Kind::Incident => self
                .incidents
                .iter()
                .filter(|(_, i)| !i.draft)
                .map(|(id, _)| id.clone())
                .collect(),
            Kind::Claim => self
                .claim_ids()
                .into_iter()
                .filter(|c| !self.is_draft(c))
                .collect(),
        }
    }

    /// Every id in use, redirects included.
    pub fn taken(&self) -> BTreeSet<String> {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        ids.extend(self.actors.keys().cloned());
        ids.extend(self.briefs.keys().cloned());
        ids.extend(self.claim_files.keys().cloned());
        ids.extend(self.measures.keys().cloned());
        ids.extend(self.pages.keys().cloned());
        ids.extend(self.incidents.keys().cloned());
        ids.extend(self.inline_claims().map(|(_, c)| c.id.clone()));
        // Ids claims use as a measure without a file are declared too.
        let implicit: Vec<String> = self
            .all_claims()
            .filter_map(|c| c.measure.clone())
            .collect();
        ids.extend(implicit);
        for a in self.actors.values() {
            ids.extend(a.redirect_from.iter().cloned());
        }
        for b in self.briefs.values() {
            ids.extend(b.redirect_from.iter().cloned());
        }
        for f in self.claim_files.values() {
            ids.extend(f.redirect_from.iter().cloned());
        }
        for p in self.pages.values() {
            ids.extend(p.redirect_from.iter().cloned());
        }
        ids
    }

    pub fn all_claims(&self) -> impl Iterator<Item = &Claim> {
        self.claim_files
            .values()
            .map(|f| &f.claim)
            .chain(self.inline_claims().map(|(_, c)| c))
    }

    /// Applies `f` to every claim.
    pub fn each_claim_mut(&mut self, mut f: impl FnMut(&mut Claim)) {
        for file in self.claim_files.values_mut() {
            f(&mut file.claim);
        }
        for b in self.briefs.values_mut() {
            for e in &mut b.claims {
                if let Entry::Declare(c) = e {
                    f(c);
                }
            }
        }
    }

    /// A new id: a retired one now and then, else two words.
    pub fn new_id(&mut self, rng: &mut Rng) -> String {
        let taken = self.taken();
        let free: Vec<String> = self
            .retired
            .iter()
            .filter(|id| !taken.contains(*id))
            .cloned()
            .collect();
        if !free.is_empty() && rng.one_in(4) {
            return rng.pick(&free).unwrap();
        }
        loop {
            let id = slug(&format!("{} {}", rng.word(), rng.word()));
            if !taken.contains(&id) && !RESERVED.contains(&id.as_str()) {
                return id;
            }
        }
    }

    /// Every place that names `id`, in every kind of reference: whether
    /// there is one outside the entity `except` (and its inline claims).
    pub fn referenced_outside(&self, id: &str, except: &str) -> bool {
        let mut model = self.clone();
        let before = model.files();
        model.drop_refs(id, None);
        let after = model.files();
        before.iter().any(|(path, text)| {
            after.get(path) != Some(text) && !path.ends_with(&format!("/{except}.md"))
        })
    }

    /// Whether the brief `id` may become a draft: nothing outside it
    /// names it or a claim it declares.
    pub fn may_be_draft(&self, id: &str) -> bool {
        let own = own_claims(&self.briefs[id]);
        !self.referenced_outside(id, id) && !own.iter().any(|c| self.referenced_outside(c, id))
    }

    /// Removes every reference to `id` (links become words; a claim left
    /// with no claimant gets `fallback`).
    pub fn drop_refs(&mut self, id: &str, fallback: Option<&str>) {
        let unlink = |pieces: &mut Inline| {
            for p in pieces.iter_mut() {
                if let Piece::Link {
                    id: target, label, ..
                } = p
                {
                    if target == id {
                        *p = Piece::Words(label.clone().unwrap_or_else(|| "someone".into()));
                    }
                }
            }
        };
        let unlink_body = |body: &mut Body| {
            for block in body.iter_mut() {
                if let Block::Para(p) = block {
                    unlink(p);
                }
            }
        };
        let keep = |list: &mut Vec<String>| list.retain(|x| x != id);
        for a in self.actors.values_mut() {
            if a.part_of.as_deref() == Some(id) {
                a.part_of = None;
            }
            unlink_body(&mut a.body);
        }
        for m in self.measures.values_mut() {
            unlink_body(&mut m.body);
        }
        for p in self.pages.values_mut() {
            unlink_body(&mut p.body);
        }
        for i in self.incidents.values_mut() {
            unlink_body(&mut i.body);
            keep(&mut i.actors);
        }
        let fix_sources = |sources: &mut Vec<Source>| {
            for s in sources {
                if s.publisher.as_deref() == Some(id) {
                    s.publisher = None;
                }
            }
        };
        for f in self.claim_files.values_mut() {
            unlink_body(&mut f.body);
            fix_sources(&mut f.sources);
        }
        for b in self.briefs.values_mut() {
            unlink_body(&mut b.body);
            if let Some(s) = &mut b.summary {
                unlink(s);
            }
            keep(&mut b.actors);
            fix_sources(&mut b.sources);
            b.claims.retain(|e| !matches!(e, Entry::Cite(c) if c == id));
            for j in &mut b.judgements {
                unlink(&mut j.text);
                keep(&mut j.claims);
            }
        }
        self.each_claim_mut(|c| {
            unlink(&mut c.text);
            keep(&mut c.by);
            keep(&mut c.via);
            keep(&mut c.about);
            keep(&mut c.supports);
            keep(&mut c.contradicts);
            keep(&mut c.supersedes);
            if c.measure.as_deref() == Some(id) {
                c.measure = None;
            }
            if c.incident.as_deref() == Some(id) {
                c.incident = None;
            }
            if c.by.is_empty() {
                c.by.push(fallback.unwrap_or("nobody").to_string());
            }
        });
    }

    /// Renames every reference to `old` as `new`.
    pub fn rename_refs(&mut self, old: &str, new: &str) {
        let rename = |s: &mut String| {
            if s == old {
                *s = new.to_string();
            }
        };
        let relink = |pieces: &mut Inline| {
            for p in pieces.iter_mut() {
                if let Piece::Link { id, .. } = p {
                    if id == old {
                        *id = new.to_string();
                    }
                }
            }
        };
        let relink_body = |body: &mut Body| {
            for block in body.iter_mut() {
                if let Block::Para(p) = block {
                    relink(p);
                }
            }
        };
        for a in self.actors.values_mut() {
            if let Some(p) = &mut a.part_of {
                rename(p);
            }
            relink_body(&mut a.body);
        }
        for m in self.measures.values_mut() {
            relink_body(&mut m.body);
        }
        for p in self.pages.values_mut() {
            relink_body(&mut p.body);
        }
        for i in self.incidents.values_mut() {
            relink_body(&mut i.body);
            i.actors.iter_mut().for_each(rename);
        }
        for f in self.claim_files.values_mut() {
            relink_body(&mut f.body);
            for s in &mut f.sources {
                if let Some(p) = &mut s.publisher {
                    rename(p);
                }
            }
        }
        for b in self.briefs.values_mut() {
            relink_body(&mut b.body);
            if let Some(s) = &mut b.summary {
                relink(s);
            }
            b.actors.iter_mut().for_each(rename);
            for s in &mut b.sources {
                if let Some(p) = &mut s.publisher {
                    rename(p);
                }
            }
            for e in &mut b.claims {
                if let Entry::Cite(c) = e {
                    rename(c);
                }
            }
            for j in &mut b.judgements {
                relink(&mut j.text);
                j.claims.iter_mut().for_each(rename);
            }
        }
        self.each_claim_mut(|c| {
            relink(&mut c.text);
            for list in [
                &mut c.by,
                &mut c.via,
                &mut c.about,
                &mut c.supports,
                &mut c.contradicts,
                &mut c.supersedes,
            ] {
                list.iter_mut().for_each(rename);
            }
            if let Some(m) = &mut c.measure {
                rename(m);
            }
            if let Some(i) = &mut c.incident {
                rename(i);
            }
        });
    }

    /// Whether making `child` part of `parent` would close a cycle.
    pub fn would_cycle(&self, child: &str, parent: &str) -> bool {
        let mut at = Some(parent.to_string());
        let mut steps = 0;
        while let Some(a) = at {
            if a == child || steps > self.actors.len() {
                return true;
            }
            at = self.actors.get(&a).and_then(|x| x.part_of.clone());
            steps += 1;
        }
        false
    }

    /// Headings of the entity `id`'s body (for `[[id#anchor]]`).
    pub fn headings_of(&self, id: &str) -> Vec<&'static str> {
        let body = match self.kind_of(id) {
            Some(Kind::Brief) => &self.briefs[id].body,
            Some(Kind::Page) => &self.pages[id].body,
            Some(Kind::Actor) => &self.actors[id].body,
            _ => return Vec::new(),
        };
        body.iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(*h),
                Block::Para(_) => None,
            })
            .collect()
    }

    /// Anchors other bodies link to in `id`'s body.
    pub fn anchored(&self, id: &str) -> Vec<String> {
        let mut anchors = Vec::new();
        let mut look = |pieces: &Inline| {
            for p in pieces {
                if let Piece::Link {
                    id: target,
                    anchor: Some(a),
                    ..
                } = p
                {
                    if target == id {
                        anchors.push(a.clone());
                    }
                }
            }
        };
        let bodies = self
            .actors
            .values()
            .map(|a| &a.body)
            .chain(self.briefs.values().map(|b| &b.body))
            .chain(self.pages.values().map(|p| &p.body))
            .chain(self.measures.values().map(|m| &m.body))
            .chain(self.claim_files.values().map(|f| &f.body));
        for body in bodies {
            for block in body {
                if let Block::Para(p) = block {
                    look(p);
                }
            }
        }
        anchors
    }
}

/// Top-level paths a page id must not take.
pub const RESERVED: &[&str] = &[
    "briefs", "actors", "claims", "measures", "tags", "search", "timeline", "network", "files",
];

/// FORMAT's slug: ASCII, lowercase, runs of other characters as one `-`.
pub fn slug(text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            'ü' | 'Ü' => 'u',
            'ö' | 'Ö' => 'o',
            'ç' | 'Ç' => 'c',
            c => c,
        })
        .collect();
    let mut out = String::new();
    for c in ascii.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Generates a small but rich site.
pub fn generate(rng: &mut Rng) -> Model {
    let mut model = Model {
        config: Config {
            title: rng.title(2),
            description: rng.one_in(2).then(|| rng.sentence()),
            author: rng.one_in(2).then(|| format!("{} desk", rng.title(1))),
            base_url: (!rng.one_in(5)).then(|| "https://example.org/desk/".to_string()),
            portable: rng.one_in(6),
        },
        actors: BTreeMap::new(),
        briefs: BTreeMap::new(),
        claim_files: BTreeMap::new(),
        measures: BTreeMap::new(),
        pages: BTreeMap::new(),
        incidents: BTreeMap::new(),
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        retired: Vec::new(),
    };
    // Actors, some in part_of chains.
    for _ in 0..4 + rng.below(4) {
        let id = model.new_id(rng);
        let actor = new_actor(&model, rng);
        model.actors.insert(id, actor);
    }
    let ids: Vec<String> = model.actors.keys().cloned().collect();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 && rng.one_in(2) {
            let parent = ids[rng.below(i)].clone();
            model.actors.get_mut(id).unwrap().part_of = Some(parent);
        }
    }
    for _ in 0..1 + rng.below(2) {
        let id = model.new_id(rng);
        let measure = Measure {
            name: rng.title(2),
            // A measure names its unit (FORMAT v1.2).
            unit: rng
                .pick(&[Some("troops".to_string()), Some("ships".into())])
                .unwrap(),
            body: new_body(&model, rng, false),
        };
        model.measures.insert(id, measure);
    }
    for _ in 0..rng.below(3) {
        let id = model.new_id(rng);
        let page = Page {
            title: rng.title(1),
            redirect_from: Vec::new(),
            body: new_body(&model, rng, true),
        };
        model.pages.insert(id, page);
    }
    for _ in 0..3 + rng.below(4) {
        let brief = new_brief(&mut model, rng);
        add_brief(&mut model, rng, brief);
    }
    for _ in 0..rng.below(3) {
        let id = model.new_id(rng);
        let file = new_claim_file(&mut model, rng, &id);
        model.claim_files.insert(id, file);
    }
    // A few drafts, and citations across briefs.
    let brief_ids: Vec<String> = model.briefs.keys().cloned().collect();
    for id in &brief_ids {
        if rng.one_in(3) {
            let claims = model.published(Kind::Claim);
            let own: Vec<String> = own_claims(&model.briefs[id]);
            if let Some(c) = rng.pick(&claims) {
                if !own.contains(&c) && !cites(&model.briefs[id], &c) {
                    model
                        .briefs
                        .get_mut(id)
                        .unwrap()
                        .claims
                        .push(Entry::Cite(c));
                }
            }
        }
    }
    for id in &brief_ids {
        if rng.one_in(5) && model.may_be_draft(id) {
            model.briefs.get_mut(id).unwrap().draft = true;
        }
    }
    // Most sites start with incidents (a new one then changes lists that
    // exist already), some claims about them.
    for _ in 0..rng.below(4) {
        let id = model.new_id(rng);
        let mut incident = new_incident(&model, rng);
        incident.draft = rng.one_in(6);
        model.incidents.insert(id, incident);
    }
    let incidents = model.published(Kind::Incident);
    let claims = model.claim_ids();
    for c in claims {
        if rng.one_in(3) {
            if let Some(i) = rng.pick(&incidents) {
                model.claim_mut(&c).unwrap().incident = Some(i);
            }
        }
    }
    // A member no brief or claim names yet: its feed has no entries and
    // takes the site's newest date (issue 17's page).
    if rng.one_in(2) {
        let id = model.new_id(rng);
        let mut actor = new_actor(&model, rng);
        actor.part_of = model.actors.keys().next().cloned();
        model.actors.insert(id, actor);
    }
    if rng.one_in(4) {
        model.templates.insert(
            "base.html".into(),
            "{% extends \"builtin/base.html\" %}\n{% block footer %}{{ super() }}<p>MARK-0</p>{% endblock footer %}\n".into(),
        );
    }
    if rng.one_in(4) {
        model.templates.insert(
            "components.html".into(),
            "{% component stamp() %}<p>MARK-0</p>{% endcomponent stamp %}\n".into(),
        );
        model.templates.insert(
            "claim.html".into(),
            super::edits::CLAIM_CALLING_STAMP.into(),
        );
    }
    if rng.one_in(3) {
        model
            .statics
            .insert("files/notes.txt".into(), rng.sentence());
    }
    model
}

/// A when as an incident may write it: a day, a month, or a day and time
/// with its zone (which may move it across midnight, and across a month,
/// in UTC).
pub fn incident_when(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => rng.partial_date(),
        1 => rng.date(),
        _ => {
            let zones = ["Z", "+02:00", "-05:00", "+13:45"];
            format!(
                "{}T{:02}:{:02}{}",
                rng.date(),
                rng.below(24),
                rng.below(60),
                zones[rng.below(zones.len())]
            )
        }
    }
}

/// A point somewhere, in whole degrees; now and then none.
pub fn incident_point(rng: &mut Rng) -> Option<(i32, i32)> {
    (!rng.one_in(4)).then(|| (rng.below(140) as i32 - 70, rng.below(340) as i32 - 170))
}

/// A published incident with up to two of the site's actors.
pub fn new_incident(model: &Model, rng: &mut Rng) -> Incident {
    let actors: Vec<String> = model.actors.keys().cloned().collect();
    let mut involved: Vec<String> = (0..rng.below(3))
        .filter_map(|_| rng.pick(&actors))
        .collect();
    involved.sort();
    involved.dedup();
    Incident {
        title: rng.title(3),
        when: incident_when(rng),
        place: rng.title(1),
        point: incident_point(rng),
        kind: rng
            .pick(&[None, Some("cable damage"), Some("strike")])
            .flatten(),
        actors: involved,
        draft: false,
        body: new_body(model, rng, false),
    }
}

pub fn own_claims(b: &Brief) -> Vec<String> {
    b.claims
        .iter()
        .filter_map(|e| match e {
            Entry::Declare(c) => Some(c.id.clone()),
            Entry::Cite(_) => None,
        })
        .collect()
}

pub fn cites(b: &Brief, id: &str) -> bool {
    b.claims
        .iter()
        .any(|e| matches!(e, Entry::Cite(c) if c == id))
}

pub fn new_actor(model: &Model, rng: &mut Rng) -> Actor {
    Actor {
        name: rng.title(2),
        kind: rng.pick(KINDS).unwrap(),
        part_of: None,
        role: rng.one_in(2).then(|| rng.sentence()),
        reliability: rng.one_in(2).then(|| rng.pick(RELIABILITIES).unwrap()),
        aliases: if rng.one_in(3) {
            vec![rng.title(1)]
        } else {
            Vec::new()
        },
        redirect_from: Vec::new(),
        body: new_body(model, rng, false),
    }
}

/// Words with now and then a `[[id]]` link to a published entity.
pub fn new_inline(model: &Model, rng: &mut Rng, links: bool) -> Inline {
    let mut pieces = vec![Piece::Words(rng.sentence())];
    if links && rng.one_in(2) {
        if let Some(link) = new_link(model, rng, false) {
            pieces.push(link);
            pieces.push(Piece::Words(rng.sentence()));
        }
    }
    pieces
}

/// A link to a published entity (with a label or an anchor now and then).
pub fn new_link(model: &Model, rng: &mut Rng, anchors: bool) -> Option<Piece> {
    let kind = rng.pick(&[
        Kind::Actor,
        Kind::Actor,
        Kind::Brief,
        Kind::Claim,
        Kind::Measure,
        Kind::Page,
    ])?;
    let id = rng.pick(&model.published(kind))?;
    let headings = model.headings_of(&id);
    let anchor = if anchors && !headings.is_empty() && rng.one_in(2) {
        let h = rng.pick(&headings)?;
        HEADINGS
            .iter()
            .find(|(t, _)| *t == h)
            .map(|(_, a)| a.to_string())
    } else {
        None
    };
    let label = rng.one_in(4).then(|| rng.word().to_string());
    Some(Piece::Link { id, label, anchor })
}

pub fn new_body(model: &Model, rng: &mut Rng, headings: bool) -> Body {
    let mut body = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        if headings && rng.one_in(2) {
            let (h, _) = HEADINGS[rng.below(HEADINGS.len())];
            if !used.contains(&h) {
                used.push(h);
                body.push(Block::Heading(h));
            }
        }
        let mut para = new_inline(model, rng, true);
        if rng.one_in(3) {
            if let Some(link) = new_link(model, rng, true) {
                para.push(link);
            }
        }
        body.push(Block::Para(para));
    }
    body
}

/// A claim by published actors (when there are any).
pub fn new_claim(model: &Model, rng: &mut Rng, id: String) -> Claim {
    let actors: Vec<String> = model.actors.keys().cloned().collect();
    let by = rng.pick(&actors).into_iter().collect();
    let about = if rng.one_in(3) {
        Vec::new()
    } else {
        // Claims crowd around a few actors, so that some actor pages pass
        // the number of claims they show in full.
        let hub = actors.first().cloned();
        let one = if rng.one_in(2) {
            hub
        } else {
            rng.pick(&actors)
        };
        one.into_iter().collect()
    };
    let via = if rng.one_in(3) {
        rng.pick(&actors).into_iter().collect()
    } else {
        Vec::new()
    };
    let measures: Vec<String> = model.measures.keys().cloned().collect();
    let figure = rng.one_in(2).then(|| new_figure(rng));
    let measure = match &figure {
        Some(_) if !measures.is_empty() && !rng.one_in(4) => rng.pick(&measures),
        _ => None,
    };
    let claims = model.published(Kind::Claim);
    let links = rng.one_in(4);
    Claim {
        text: new_inline(model, rng, links),
        id,
        by,
        via,
        about,
        said: rng.one_in(2).then(|| rng.partial_date()),
        when: match rng.below(6) {
            0 => Some(rng.partial_date()),
            1 => Some(format!(
                "{{from: {}, to: {}}}",
                rng.date(),
                rng.date().replace("2024", "2025")
            )),
            _ => None,
        },
        status: rng.pick(STATUSES).unwrap(),
        credibility: rng.one_in(2).then(|| 1 + rng.below(6) as u8),
        confidence: rng.one_in(3).then(|| rng.pick(CONFIDENCES).unwrap()),
        quote: rng.one_in(5).then(|| rng.sentence()),
        figure,
        measure,
        supports: if rng.one_in(4) {
            rng.pick(&claims).into_iter().collect()
        } else {
            Vec::new()
        },
        contradicts: if rng.one_in(5) {
            rng.pick(&claims).into_iter().collect()
        } else {
            Vec::new()
        },
        supersedes: Vec::new(),
        source: None,
        incident: None,
    }
}

pub fn new_figure(rng: &mut Rng) -> Figure {
    // A figure's unit is its measure's (FORMAT v1.2): figures leave it to
    // the measure, whose unit the edits change.
    let unit = None;
    let as_of = rng.one_in(3).then(|| rng.partial_date());
    if rng.one_in(4) {
        let low = 100 * (1 + rng.below(50) as i64);
        Figure {
            value: None,
            low: Some(low),
            high: Some(low + 100 * (1 + rng.below(20) as i64)),
            qualifier: Some("range"),
            unit,
            as_of,
        }
    } else {
        Figure {
            value: Some(50 * (1 + rng.below(400) as i64)),
            low: None,
            high: None,
            qualifier: rng.one_in(2).then(|| rng.pick(QUALIFIERS).unwrap()),
            unit,
            as_of,
        }
    }
}

pub fn new_source(model: &Model, rng: &mut Rng, taken: &[Source]) -> Source {
    let mut n = taken.len() + 1;
    while taken.iter().any(|s| s.id == format!("src-{n}")) {
        n += 1;
    }
    let actors: Vec<String> = model.actors.keys().cloned().collect();
    Source {
        id: format!("src-{n}"),
        title: rng.title(3),
        publisher: if rng.one_in(3) {
            None
        } else {
            rng.pick(&actors)
        },
        reliability: rng.one_in(3).then(|| rng.pick(RELIABILITIES).unwrap()),
        date: rng.one_in(2).then(|| rng.date()),
    }
}

pub fn new_brief(model: &mut Model, rng: &mut Rng) -> Brief {
    let actors: Vec<String> = model.actors.keys().cloned().collect();
    let mut brief = Brief {
        folder: if rng.one_in(4) {
            "2024/".into()
        } else {
            String::new()
        },
        title: rng.title(3),
        date: rng.date(),
        updated: None,
        summary: rng.one_in(2).then(|| new_inline(model, rng, true)),
        tags: Vec::new(),
        actors: if rng.one_in(2) {
            rng.pick(&actors).into_iter().collect()
        } else {
            Vec::new()
        },
        sources: Vec::new(),
        claims: Vec::new(),
        judgements: Vec::new(),
        authors: if rng.one_in(3) {
            vec![rng.title(2)]
        } else {
            Vec::new()
        },
        draft: false,
        redirect_from: Vec::new(),
        body: new_body(model, rng, true),
    };
    for _ in 0..rng.below(3) {
        let spellings = TAGS[rng.below(TAGS.len())];
        let tag = rng.pick(spellings).unwrap().to_string();
        if !brief.tags.iter().any(|t| slug(t) == slug(&tag)) {
            brief.tags.push(tag);
        }
    }
    if rng.one_in(2) {
        let s = new_source(model, rng, &brief.sources);
        brief.sources.push(s);
    }
    for _ in 0..rng.below(4) {
        let id = model.new_id(rng);
        let mut claim = new_claim(model, rng, id);
        if !brief.sources.is_empty() && rng.one_in(2) {
            claim.source = Some(brief.sources[0].id.clone());
        }
        brief.claims.push(Entry::Declare(Box::new(claim)));
        // `new_id` looks at the model: park the claim in a scratch brief.
        park(model, &brief);
    }
    unpark(model);
    if rng.one_in(3) {
        let claims = model.published(Kind::Claim);
        brief.judgements.push(Judgement {
            text: new_inline(model, rng, true),
            likelihood: rng.one_in(4).then(|| rng.pick(LIKELIHOODS).unwrap()),
            confidence: rng.one_in(2).then(|| rng.pick(CONFIDENCES).unwrap()),
            claims: rng.pick(&claims).into_iter().collect(),
        });
    }
    brief
}

/// Adds `brief` under a new id (one its claims do not have); returns it.
pub fn add_brief(model: &mut Model, rng: &mut Rng, brief: Brief) -> String {
    park(model, &brief);
    let id = model.new_id(rng);
    unpark(model);
    model.briefs.insert(id.clone(), brief);
    id
}

/// The id of the scratch brief that holds a brief's claims while it is
/// being made (so that `new_id` sees their ids).
const PARKED: &str = "zz-parked";

pub fn park(model: &mut Model, brief: &Brief) {
    let mut scratch = brief.clone();
    scratch.draft = true;
    model.briefs.insert(PARKED.into(), scratch);
}

pub fn unpark(model: &mut Model) {
    model.briefs.remove(PARKED);
}

pub fn new_claim_file(model: &mut Model, rng: &mut Rng, id: &str) -> ClaimFile {
    let mut claim = new_claim(model, rng, id.to_string());
    let mut sources = Vec::new();
    if rng.one_in(2) {
        sources.push(new_source(model, rng, &sources));
        claim.source = Some(sources[0].id.clone());
    }
    ClaimFile {
        claim,
        sources,
        redirect_from: Vec::new(),
        body: new_body(model, rng, true),
    }
}
