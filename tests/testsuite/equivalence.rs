//! Randomized equivalence of serve's rebuilds with fresh builds: a
//! `Session` is driven through long seeded sequences of edits on generated
//! sites (parts, relays, citations across briefs, measures, drafts,
//! redirects, templates, static files, incidents with times of day and
//! claims about them), and after every step its output,
//! in memory and in the output folder, must equal a fresh `render_site`
//! byte for byte, with the same diagnostics. After an edit that breaks the
//! site, the session must fail as a fresh build does and keep the last
//! good output.
//!
//! Bounded in `cargo test`; `DOSSIER_EQ_SEED`, `DOSSIER_EQ_CASES` and
//! `DOSSIER_EQ_STEPS` run other and longer sequences (tests/README.md).
//! A failure prints the seed, the step, every edit so far and the first
//! differing lines of each differing file.

mod edits;
mod model;

use crate::fixtures::{differences, fresh_build, listed_differences, output_folder};
use dossier::serve::session::{Outcome, Session};
use dossier::{BuildOptions, Diagnostic};
use edits::Overrides;
use model::{Model, Rng};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tempfile::TempDir;

/// What `cargo test` runs, about 25 seconds in debug. With the fix of a
/// missing dependency taken out again, it fails: the timeline's list of
/// incidents (a new incident, `Dep::IncidentOrder`) at seed 19, step 8.
/// Earlier fixes were caught at case seeds 4711326484088149635 (issue
/// 17's actor feed), 16147006899247588484 (the sitemap) and
/// 13441761887411576247 (the timeline) before incidents joined the
/// generated sites, which changed every sequence; the measures list's
/// and a Tera component's take longer runs; their scripted tests below
/// catch them.
const DEFAULT_SEED: u64 = 19;
const DEFAULT_CASES: u64 = 5;
const DEFAULT_STEPS: u64 = 20;

struct Settings {
    seed: u64,
    cases: u64,
    steps: u64,
    /// Report every mismatch and go on (with a new session) instead of
    /// stopping at the first: `DOSSIER_EQ_KEEP_GOING=1`.
    keep_going: bool,
    /// Print every step and whether the site is valid after it:
    /// `DOSSIER_EQ_VERBOSE=1`.
    verbose: bool,
}

fn settings() -> Settings {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let number = |name: &str, default: u64| {
        var(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}={v} is not a number"))
        })
    };
    Settings {
        seed: number("DOSSIER_EQ_SEED", DEFAULT_SEED),
        cases: number("DOSSIER_EQ_CASES", DEFAULT_CASES),
        steps: number("DOSSIER_EQ_STEPS", DEFAULT_STEPS),
        keep_going: var("DOSSIER_EQ_KEEP_GOING").is_some(),
        verbose: var("DOSSIER_EQ_VERBOSE").is_some(),
    }
}

/// Case `n`'s seed; case 0 runs the seed itself, so that
/// `DOSSIER_EQ_SEED=<case seed> DOSSIER_EQ_CASES=1` replays any case.
fn case_seed(seed: u64, n: u64) -> u64 {
    match n {
        0 => seed,
        n => model::mix(seed ^ model::mix(n)),
    }
}

#[derive(Default)]
struct Totals {
    steps: usize,
    invalid: usize,
    fast_path: usize,
    mismatches: Vec<String>,
}

#[test]
fn a_session_matches_a_fresh_build_through_random_edits() {
    let settings = settings();
    let started = Instant::now();
    let mut totals = Totals::default();
    for n in 0..settings.cases {
        let seed = case_seed(settings.seed, n);
        let mut case = Case::new(seed, settings.steps);
        case.run(&settings, &mut totals);
        // Progress, seen with --nocapture only.
        eprintln!(
            "equivalence: case {}/{} (seed {seed}) done, {} steps, {} mismatches so far, {:.0} s",
            n + 1,
            settings.cases,
            totals.steps,
            totals.mismatches.len(),
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!(
        "equivalence: seed {}, {} cases, {} steps ({} with the site invalid, {} on the \
         fast path for one body), {} mismatches, {:.1} s",
        settings.seed,
        settings.cases,
        totals.steps,
        totals.invalid,
        totals.fast_path,
        totals.mismatches.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        totals.mismatches.is_empty(),
        "{} mismatches:\n\n{}",
        totals.mismatches.len(),
        totals.mismatches.join("\n\n")
    );
}

/// One generated site and its session, going through its edits.
struct Case {
    seed: u64,
    steps: u64,
    rng: Rng,
    model: Model,
    /// The model of the last step a fresh build accepted.
    last_valid: Model,
    overrides: Overrides,
    temp: Option<TempDir>,
    /// The site's root as a watcher reports paths under it.
    root: PathBuf,
    options: BuildOptions,
    on_disk: BTreeMap<String, String>,
    session: Session,
    /// The output of the last step a fresh build accepted.
    good: BTreeMap<String, Vec<u8>>,
    log: Vec<String>,
    /// Steps since the site became invalid (0: valid).
    invalid_for: usize,
}

impl Case {
    fn new(seed: u64, steps: u64) -> Case {
        let mut rng = Rng::new(seed);
        let model = model::generate(&mut rng);
        let temp = tempfile::tempdir().expect("a temporary folder");
        let root = temp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let root = root.canonicalize().unwrap();
        let options = BuildOptions {
            root: root.clone(),
            drafts: rng.one_in(4),
            portable: rng.one_in(4),
            base_url: rng
                .one_in(6)
                .then(|| "https://example.com/given/".to_string()),
            ..BuildOptions::default()
        };
        let on_disk = model.files();
        for (path, text) in &on_disk {
            write_file(&root, path, Some(text));
        }
        let session = Session::open(options.clone()).expect("open a session");
        let summary = format!(
            "step 0: a site of {} briefs, {} actors ({} with part_of), {} claim files, {} \
             measures, {} pages, {} templates, {} static files; options: drafts {}, \
             portable {}, base_url {:?}",
            model.briefs.len(),
            model.actors.len(),
            model
                .actors
                .values()
                .filter(|a| a.part_of.is_some())
                .count(),
            model.claim_files.len(),
            model.measures.len(),
            model.pages.len(),
            model.templates.len(),
            model.statics.len(),
            options.drafts,
            options.portable,
            options.base_url
        );
        Case {
            seed,
            steps,
            rng,
            last_valid: model.clone(),
            model,
            overrides: Overrides::new(),
            temp: Some(temp),
            root,
            options,
            on_disk,
            session,
            good: BTreeMap::new(),
            log: vec![summary],
            invalid_for: 0,
        }
    }

    fn run(&mut self, settings: &Settings, totals: &mut Totals) {
        let outcome = self.session.build();
        let before = self.on_disk.clone();
        match self.check(0, &outcome, &before, &[]) {
            Ok(true) => {}
            Ok(false) => panic!(
                "the generator made an invalid site (seed {}): {:?}",
                self.seed,
                rendered(&outcome.diagnostics)
            ),
            Err(report) => self.mismatch(report, settings, totals),
        }
        for n in 1..=self.steps {
            let before = self.on_disk.clone();
            let description = self.edit();
            let changed = self.write();
            let reported = self.reported(&changed);
            self.log.push(format!(
                "step {n}: {description}\n      files: {}",
                if changed.is_empty() {
                    "none changed".to_string()
                } else {
                    changed.join(", ")
                }
            ));
            let paths: Vec<PathBuf> = reported.iter().map(|p| self.root.join(p)).collect();
            let outcome = self.session.update(&paths);
            totals.steps += 1;
            totals.fast_path += usize::from(outcome.body_only);
            let checked = self.check(n, &outcome, &before, &paths);
            if settings.verbose {
                let first_error = outcome.diagnostics.iter().find(|d| d.is_error());
                eprintln!(
                    "[{}] {}\n      → {}",
                    self.seed,
                    self.log.last().unwrap(),
                    first_error.map_or_else(
                        || match outcome.diagnostics.first() {
                            Some(w) => format!("valid, warning: {}", w.message),
                            None => format!("valid (fast path: {})", outcome.body_only),
                        },
                        |d| format!("invalid: {}: {}", d.file, d.message)
                    )
                );
            }
            match checked {
                Ok(valid) => totals.invalid += usize::from(!valid),
                Err(report) => {
                    self.mismatch(report, settings, totals);
                    if !settings.keep_going {
                        return;
                    }
                }
            }
        }
        if self.invalid_for == 0 {
            if let Err(report) = self.check_marker() {
                self.mismatch(report, settings, totals);
            }
        }
    }

    /// The marker (its manifest holds each file's hash) equals the one a
    /// fresh `dossier build` writes.
    fn check_marker(&self) -> Result<(), String> {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let options = BuildOptions {
            out: Some(temp.path().join("fresh")),
            ..self.options.clone()
        };
        let (_, result) = dossier::build(&options);
        if let Err(failure) = result {
            return Err(format!("a fresh build failed: {failure:?}"));
        }
        let read = |out: &Path| fs::read(out.join(dossier::write::MARKER)).unwrap_or_default();
        if read(self.session.out()) == read(&temp.path().join("fresh")) {
            return Ok(());
        }
        let mut report = format!(
            "after the last step (seed {}, {} steps), the output folder's marker is not \
             the one a fresh build writes\n\nthe edits:\n",
            self.seed, self.steps
        );
        for line in &self.log {
            let _ = writeln!(report, "  {line}");
        }
        Err(report)
    }

    /// Records a mismatch; stops the test unless it keeps going, and then
    /// goes on with a new session (the old one's state is suspect).
    fn mismatch(&mut self, report: String, settings: &Settings, totals: &mut Totals) {
        if !settings.keep_going {
            // Keep the site for a look at it.
            let kept = self.temp.take().map(TempDir::keep);
            panic!(
                "{report}\n\nthe site is kept at {}",
                kept.map_or_else(String::new, |p| p.display().to_string())
            );
        }
        eprintln!("{report}\n");
        totals.mismatches.push(report);
        self.session = Session::open(self.options.clone()).expect("open a session");
        let outcome = self.session.build();
        if !outcome.failed() {
            self.good = output_folder(self.session.out());
        }
    }

    /// Picks and applies the next edit; returns what it did.
    fn edit(&mut self) -> String {
        if self.invalid_for == 0 {
            if self.rng.one_in(8) {
                return self.break_site();
            }
            return edits::valid(&mut self.model, &mut self.rng);
        }
        if self.invalid_for < 3 && self.rng.one_in(3) {
            if self.rng.one_in(3) {
                return self.break_site();
            }
            let what = edits::valid(&mut self.model, &mut self.rng);
            return format!("{what} (the site still broken)");
        }
        if self.overrides.is_empty() {
            self.model = self.last_valid.clone();
            "FIX: back to the last valid site".into()
        } else {
            self.overrides.clear();
            "FIX: the broken files written as they should be".into()
        }
    }

    fn break_site(&mut self) -> String {
        let (description, overrides) = edits::breaking(&self.model, &mut self.rng);
        self.overrides.extend(overrides);
        description
    }

    /// Writes what changed since the last step; returns the changed paths.
    fn write(&mut self) -> Vec<String> {
        let mut files: BTreeMap<String, String> = self.model.files();
        for (path, text) in &self.overrides {
            match text {
                Some(text) => files.insert(path.clone(), text.clone()),
                None => files.remove(path),
            };
        }
        let mut changed = Vec::new();
        for (path, text) in &files {
            if self.on_disk.get(path) != Some(text) {
                write_file(&self.root, path, Some(text));
                changed.push(path.clone());
            }
        }
        for path in self.on_disk.keys() {
            if !files.contains_key(path) {
                write_file(&self.root, path, None);
                changed.push(path.clone());
            }
        }
        changed.sort();
        self.on_disk = files;
        changed
    }

    /// The paths a watcher would report for `changed`: now and then a new
    /// folder in place of the file in it, or a file saved unchanged too.
    fn reported(&mut self, changed: &[String]) -> Vec<String> {
        let mut reported: Vec<String> = changed.to_vec();
        for path in &mut reported {
            let folder = path.split('/').next().unwrap_or("").to_string();
            if matches!(folder.as_str(), "templates" | "static") && self.rng.one_in(3) {
                *path = folder;
            }
        }
        if self.rng.one_in(10) {
            let paths: Vec<String> = self.on_disk.keys().cloned().collect();
            reported.extend(self.rng.pick(&paths));
        }
        reported.sort();
        reported.dedup();
        reported
    }

    /// Compares the session with a fresh build after step `n`: `Ok(valid)`
    /// when they agree, else the report of how they differ. `before` is
    /// the site's files before the step, `paths` what it reported.
    fn check(
        &mut self,
        n: u64,
        outcome: &Outcome,
        before: &BTreeMap<String, String>,
        paths: &[PathBuf],
    ) -> Result<bool, String> {
        let (expected, diagnostics) = fresh_build(&self.options);
        let fresh_failed = diagnostics.iter().any(Diagnostic::is_error);
        let mut problems = Vec::new();
        let (theirs, ours) = (rendered(&outcome.diagnostics), rendered(&diagnostics));
        if theirs != ours {
            problems.push(format!(
                "diagnostics differ:\n--- session:\n{}\n--- fresh build:\n{}",
                theirs.join("\n"),
                ours.join("\n")
            ));
        }
        if outcome.failed() != fresh_failed {
            problems.push(format!(
                "the session {} but a fresh build {}",
                if outcome.failed() {
                    "failed"
                } else {
                    "succeeded"
                },
                if fresh_failed { "failed" } else { "succeeded" }
            ));
        }
        // A failed step keeps the last good output.
        let want = if fresh_failed { &self.good } else { &expected };
        let listed = listed_differences(&self.session.output(), want);
        let disk = output_folder(self.session.out());
        let on_disk = differences(disk.iter().map(|(p, b)| (p, b.as_slice())), want);
        if !listed.is_empty() {
            problems.push(format!(
                "the session's list of files differs from a fresh build's:\n  {}",
                listed.join("\n  "),
            ));
        }
        if !on_disk.is_empty() {
            problems.push(format!(
                "the output folder differs from a fresh build's:\n  {}\n{}",
                on_disk.join("\n  "),
                first_differing_lines(disk.iter().map(|(p, b)| (p, b.as_slice())), want)
            ));
        }
        let manifest = manifest_problems(self.session.out(), want);
        if !manifest.is_empty() {
            problems.push(format!(
                "the marker's manifest does not list the output:\n  {}",
                manifest.join("\n  ")
            ));
        }
        if !outcome.failed() && outcome.files != self.session.output().len() {
            problems.push(format!(
                "the outcome counts {} files, the output has {}",
                outcome.files,
                self.session.output().len()
            ));
        }
        if problems.is_empty() {
            if fresh_failed {
                self.invalid_for += 1;
            } else {
                self.invalid_for = 0;
                self.good = expected;
                self.last_valid = self.model.clone();
            }
            return Ok(!fresh_failed);
        }
        let once = if n == 0 {
            String::new()
        } else {
            let again = self.in_one_update(before, paths);
            if again.is_empty() {
                "\nfrom a new session opened on the files before this step, the same step \
                 in one update matches a fresh build: the mismatch needs the history"
                    .to_string()
            } else {
                format!(
                    "\nfrom a new session opened on the files before this step, the same \
                     step in one update differs too:\n  {}",
                    again.join("\n  ")
                )
            }
        };
        let mut report = format!(
            "serve's session differs from a fresh build\n  seed {} (case seed), step {n} of \
             {}\n  reproduce: DOSSIER_EQ_SEED={} DOSSIER_EQ_CASES=1 DOSSIER_EQ_STEPS={n} \
             cargo test --test testsuite equivalence::\n\nthe edits so far:\n",
            self.seed, self.steps, self.seed
        );
        for line in &self.log {
            let _ = writeln!(report, "  {line}");
        }
        let _ = write!(report, "\n{}{once}", problems.join("\n"));
        Err(report)
    }

    /// Opens a new session on `before`, then applies this step's files in
    /// one update: the differences from a fresh build.
    fn in_one_update(&self, before: &BTreeMap<String, String>, paths: &[PathBuf]) -> Vec<String> {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let root = temp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let root = root.canonicalize().unwrap();
        for (path, text) in before {
            write_file(&root, path, Some(text));
        }
        let options = BuildOptions {
            root: root.clone(),
            ..self.options.clone()
        };
        let mut session = Session::open(options.clone()).expect("open a session");
        session.build();
        for (path, text) in &self.on_disk {
            if before.get(path) != Some(text) {
                write_file(&root, path, Some(text));
            }
        }
        for path in before.keys() {
            if !self.on_disk.contains_key(path) {
                write_file(&root, path, None);
            }
        }
        let paths: Vec<PathBuf> = paths
            .iter()
            .map(|p| root.join(p.strip_prefix(&self.root).unwrap_or(p)))
            .collect();
        let outcome = session.update(&paths);
        let (expected, diagnostics) = fresh_build(&options);
        if outcome.failed() || diagnostics.iter().any(Diagnostic::is_error) {
            return vec![format!(
                "(a build failed: session {}, fresh {})",
                outcome.failed(),
                diagnostics.iter().any(Diagnostic::is_error)
            )];
        }
        let mut problems = listed_differences(&session.output(), &expected);
        let disk = output_folder(session.out());
        problems.extend(differences(
            disk.iter().map(|(p, b)| (p, b.as_slice())),
            &expected,
        ));
        problems
    }
}

/// How the manifest in the output folder's marker (a hash, a length and
/// a path a line) differs from `want`'s paths and lengths.
fn manifest_problems(out: &Path, want: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let marker = match fs::read_to_string(out.join(dossier::write::MARKER)) {
        Ok(text) => text,
        Err(e) => return vec![format!("no marker: {e}")],
    };
    let Some((_, list)) = marker.split_once("# hash length path") else {
        return vec!["no manifest in the marker".to_string()];
    };
    let listed: BTreeMap<&str, &str> = list
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let (_, len, path) = (parts.next()?, parts.next()?, parts.next()?);
            Some((path, len))
        })
        .collect();
    let mut problems = Vec::new();
    for (path, bytes) in want {
        match listed.get(path.as_str()) {
            None => problems.push(format!("not listed: {path}")),
            Some(len) if *len != bytes.len().to_string() => problems.push(format!(
                "listed with length {len}, has {}: {path}",
                bytes.len()
            )),
            Some(_) => {}
        }
    }
    for path in listed.keys() {
        if !want.contains_key(*path) {
            problems.push(format!("listed, not in the output: {path}"));
        }
    }
    problems
}

fn rendered(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.render(false)).collect()
}

/// Writes (or with `None` removes) `root/path`.
fn write_file(root: &Path, path: &str, text: Option<&String>) {
    let full = root.join(path);
    match text {
        Some(text) => {
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(&full, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
        }
        None => fs::remove_file(&full).unwrap_or_else(|e| panic!("cannot remove {path}: {e}")),
    }
}

/// For the first few files that differ, the first differing line of each
/// side (cut around the first differing character).
fn first_differing_lines<'a>(
    left: impl IntoIterator<Item = (&'a String, &'a [u8])>,
    right: &BTreeMap<String, Vec<u8>>,
) -> String {
    let mut out = String::new();
    let differing = left
        .into_iter()
        .filter_map(|(path, bytes)| Some((path, bytes, right.get(path)?)))
        .filter(|(_, a, b)| *a != b.as_slice())
        .take(4);
    for (path, a, b) in differing {
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let Some((line, (x, y))) = a
            .lines()
            .chain(std::iter::repeat(""))
            .zip(b.lines().chain(std::iter::repeat("")))
            .take(a.lines().count().max(b.lines().count()))
            .enumerate()
            .find(|(_, (x, y))| x != y)
        else {
            let _ = writeln!(out, "  {path}: differs in line endings only");
            continue;
        };
        let column = x
            .char_indices()
            .zip(y.chars())
            .find(|((_, c), d)| c != d)
            .map_or(x.len().min(y.len()), |((i, _), _)| i);
        let cut = |s: &str| {
            let mut start = column.saturating_sub(80).min(s.len());
            while !s.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (column + 120).min(s.len());
            while !s.is_char_boundary(end) {
                end += 1;
            }
            s[start..end].to_string()
        };
        let _ = writeln!(
            out,
            "  {path}, line {}:\n    session: {}\n    fresh:   {}",
            line + 1,
            cut(x),
            cut(y)
        );
    }
    out
}

/// One scripted step: what it does, and the files it writes (`None`
/// removes one).
type Step<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);

/// Builds `files` in a session, then applies each step as one update:
/// after each, the session's output and its output folder must equal a
/// fresh build's.
fn assert_steps_match_fresh(files: &[(&str, &str)], steps: &[Step]) {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("site");
    fs::create_dir_all(&root).unwrap();
    let root = root.canonicalize().unwrap();
    for (path, text) in files {
        write_file(&root, path, Some(&text.to_string()));
    }
    let options = BuildOptions {
        root: root.clone(),
        ..BuildOptions::default()
    };
    let mut session = Session::open(options.clone()).expect("open a session");
    let first = session.build();
    assert!(!first.failed(), "{:?}", rendered(&first.diagnostics));
    for (what, writes) in steps {
        for (path, text) in *writes {
            write_file(&root, path, text.map(str::to_string).as_ref());
        }
        let paths: Vec<PathBuf> = writes.iter().map(|(p, _)| root.join(p)).collect();
        let outcome = session.update(&paths);
        let (expected, diagnostics) = fresh_build(&options);
        assert!(
            !outcome.failed() && !diagnostics.iter().any(Diagnostic::is_error),
            "`{what}` failed: {:?}",
            rendered(&outcome.diagnostics)
        );
        let listed = listed_differences(&session.output(), &expected);
        assert!(
            listed.is_empty(),
            "after `{what}`, the session's list of files differs from a fresh build's:\n  {}",
            listed.join("\n  "),
        );
        let disk = output_folder(session.out());
        let on_disk = differences(disk.iter().map(|(p, b)| (p, b.as_slice())), &expected);
        assert!(
            on_disk.is_empty(),
            "after `{what}`, the output folder differs from a fresh build's:\n  {}\n{}",
            on_disk.join("\n  "),
            first_differing_lines(disk.iter().map(|(p, b)| (p, b.as_slice())), &expected)
        );
    }
}

const SITE_WITH_FEEDS: &str = "title: Desk\nbase_url: https://example.org/\n";

/// Issue 17's case: an actor's feed without entries is dated by the
/// site's newest brief, so a new brief about its parent must update it
/// (and later edits must not leave it stale).
#[test]
fn a_new_brief_about_a_parent_updates_the_feed_of_its_member() {
    let new_one = "---\ntitle: New brief 1\ndate: 2024-03-15\nactors: [houthis]\ntags: [Fresh]\n---\nAbout [[houthis]].\n";
    let edited = "---\ntitle: New brief 1\ndate: 2024-03-15\nactors: [houthis]\ntags: [Fresh]\n---\nAbout [[houthis]], again.\n";
    assert_steps_match_fresh(
        &[
            ("site.yaml", SITE_WITH_FEEDS),
            ("content/actors/houthis.md", "---\nname: Houthis\nkind: group\n---\n"),
            (
                "content/actors/houthi-armed-forces.md",
                "---\nname: Houthi Armed Forces\nkind: military\npart_of: houthis\n---\n",
            ),
            (
                "content/briefs/old-one.md",
                "---\ntitle: Old brief\ndate: 2024-02-19\nactors: [houthis]\n---\nEarlier.\n",
            ),
        ],
        &[
            (
                "add a brief about the parent",
                &[("content/briefs/new-one.md", Some(new_one))],
            ),
            (
                "edit its body",
                &[("content/briefs/new-one.md", Some(edited))],
            ),
            (
                "date the old brief later",
                &[(
                    "content/briefs/old-one.md",
                    Some("---\ntitle: Old brief\ndate: 2024-02-19\nupdated: 2024-05-01\nactors: [houthis]\n---\nEarlier.\n"),
                )],
            ),
        ],
    );
}

/// Ten claims involving `hub` (what its page shows in full), and one
/// claim by `other` alone.
fn hub_files() -> Vec<(String, String)> {
    let mut claims = String::new();
    for i in 0..10 {
        claims.push_str(&format!(
            "  - id: hub-claim-{i}\n    text: Claim {i}.\n    by: hub\n"
        ));
    }
    vec![
        ("site.yaml".into(), SITE_WITH_FEEDS.into()),
        (
            "content/actors/hub.md".into(),
            "---\nname: Hub\nkind: group\n---\n".into(),
        ),
        (
            "content/actors/other.md".into(),
            "---\nname: Other\nkind: group\n---\n".into(),
        ),
        (
            "content/briefs/many.md".into(),
            format!("---\ntitle: Many\ndate: 2024-02-19\nclaims:\n{claims}---\n"),
        ),
        (
            "content/claims/lone.md".into(),
            "---\ntext: Alone.\nby: other\nsaid: 2024-01-01\n---\n".into(),
        ),
    ]
}

/// The sitemap lists every page, so it changes when a page appears
/// without any list order changing: here an actor's list of all its
/// claims, once it is involved in more than its page shows.
#[test]
fn a_page_that_appears_without_a_new_entity_is_in_the_sitemap() {
    let files = hub_files();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    assert_steps_match_fresh(
        &files,
        &[(
            "an eleventh claim about the hub",
            &[(
                "content/claims/lone.md",
                Some("---\ntext: Alone.\nby: other\nabout: hub\nsaid: 2024-01-01\n---\n"),
            )],
        )],
    );
}

/// The measures list shows each measure's latest dated figure: a claim
/// that gets a date without changing the order of the measure's claims
/// becomes the latest.
#[test]
fn a_figure_that_gets_a_date_becomes_the_latest_on_the_measures_list() {
    let figure = "figure: {value: 100, unit: ships}\nmeasure: ships-seen\n";
    let dated = format!("---\ntext: One.\nby: desk\nsaid: 2024-01-01\n{figure}---\n");
    let undated = format!("---\ntext: Two.\nby: desk\n{figure}---\n");
    let now_dated = format!("---\ntext: Two.\nby: desk\nsaid: 2024-06-01\n{figure}---\n");
    assert_steps_match_fresh(
        &[
            ("site.yaml", "title: Desk\n"),
            (
                "content/actors/desk.md",
                "---\nname: Desk\nkind: agency\n---\n",
            ),
            (
                "content/measures/ships-seen.md",
                "---\nname: Ships seen\nunit: ships\n---\n",
            ),
            ("content/claims/one.md", &dated),
            ("content/claims/two.md", &undated),
        ],
        &[(
            "date the undated figure",
            &[("content/claims/two.md", Some(&now_dated))],
        )],
    );
}

/// The timeline lists dated claims by date made: a claim that gets a
/// date joins it, though the claims list keeps its order (by status
/// first).
#[test]
fn a_claim_that_gets_a_date_joins_the_timeline() {
    assert_steps_match_fresh(
        &[
            ("site.yaml", "title: Desk\n"),
            (
                "content/actors/desk.md",
                "---\nname: Desk\nkind: agency\n---\n",
            ),
            (
                "content/claims/one.md",
                "---\ntext: One.\nby: desk\nsaid: 2024-01-01\n---\n",
            ),
            (
                "content/claims/two.md",
                "---\ntext: Two.\nby: desk\nstatus: confirmed\n---\n",
            ),
        ],
        &[(
            "date the undated claim",
            &[(
                "content/claims/two.md",
                Some("---\ntext: Two.\nby: desk\nstatus: confirmed\nsaid: 2024-06-01\n---\n"),
            )],
        )],
    );
}

/// Tera's components are global: a template calls one defined in another
/// template without `extends` or `include`, so an edit to the template
/// that defines it must render again the pages whose templates call it.
#[test]
fn an_edited_component_renders_the_pages_that_call_it_again() {
    let brief = "{% extends \"builtin/brief.html\" %}\n{% block content %}{{<stamp/>}}{{ super() }}{% endblock content %}\n";
    assert_steps_match_fresh(
        &[
            ("site.yaml", "title: Desk\n"),
            (
                "content/briefs/one.md",
                "---\ntitle: One\ndate: 2024-02-19\n---\nText.\n",
            ),
            ("templates/brief.html", brief),
            (
                "templates/components.html",
                "{% component stamp() %}<p>STAMP-1</p>{% endcomponent stamp %}\n",
            ),
        ],
        &[
            (
                "edit the component",
                &[(
                    "templates/components.html",
                    Some("{% component stamp() %}<p>STAMP-2</p>{% endcomponent stamp %}\n"),
                )],
            ),
            (
                "move the component to another template",
                &[
                    ("templates/components.html", None),
                    (
                        "templates/more/stamps.html",
                        Some("{% component stamp() %}<p>STAMP-3</p>{% endcomponent stamp %}\n"),
                    ),
                ],
            ),
        ],
    );
}

/// The ways into the claims (a page per verdict, grade and month, the
/// claimants) follow every edit that moves a claim between them.
#[test]
fn claims_move_between_verdict_grade_claimant_and_month_pages() {
    let claim = |text: &str, by: &str, said: &str, status: &str, credibility: &str| {
        format!("---\ntext: {text}\nby: {by}\nsaid: {said}\nstatus: {status}\ncredibility: {credibility}\n---\n")
    };
    let one = claim("One.", "desk", "2024-01-05", "reported", "2");
    let two = claim("Two.", "desk", "2024-02-05", "confirmed", "1");
    let one_disputed = claim("One.", "desk", "2024-01-05", "disputed", "2");
    let one_graded_4 = claim("One.", "desk", "2024-01-05", "disputed", "4");
    let one_by_other = claim("One.", "other", "2024-01-05", "disputed", "4");
    let one_in_march = claim("One.", "other", "2024-03-05", "disputed", "4");
    let one_by_year = claim("One.", "other", "2023", "disputed", "4");
    assert_steps_match_fresh(
        &[
            ("site.yaml", "title: Desk\n"),
            (
                "content/actors/desk.md",
                "---\nname: Desk\nkind: agency\nreliability: B\n---\n",
            ),
            (
                "content/actors/other.md",
                "---\nname: Other\nkind: agency\nreliability: C\n---\n",
            ),
            ("content/claims/one.md", &one),
            ("content/claims/two.md", &two),
        ],
        &[
            (
                "a new verdict",
                &[("content/claims/one.md", Some(&one_disputed))],
            ),
            (
                "a new grade",
                &[("content/claims/one.md", Some(&one_graded_4))],
            ),
            (
                "a new claimant",
                &[("content/claims/one.md", Some(&one_by_other))],
            ),
            (
                "a claimant's reliability",
                &[(
                    "content/actors/other.md",
                    Some("---\nname: Other\nkind: agency\nreliability: A\n---\n"),
                )],
            ),
            (
                "a new month",
                &[("content/claims/one.md", Some(&one_in_march))],
            ),
            (
                "the year alone",
                &[("content/claims/one.md", Some(&one_by_year))],
            ),
            ("a claim gone", &[("content/claims/two.md", None)]),
        ],
    );
}

/// The network follows edits to who claims, about whom, through whom,
/// and to the names it draws.
#[test]
fn the_network_follows_claimants_subjects_relays_and_names() {
    assert_steps_match_fresh(
        &[
            ("site.yaml", "title: Desk\n"),
            (
                "content/actors/a.md",
                "---\nname: Alpha\nkind: agency\n---\n",
            ),
            (
                "content/actors/b.md",
                "---\nname: Bravo\nkind: agency\n---\n",
            ),
            (
                "content/actors/c.md",
                "---\nname: Charlie\nkind: media\n---\n",
            ),
            (
                "content/claims/one.md",
                "---\ntext: One.\nby: a\nabout: b\nsaid: 2024-01-01\n---\n",
            ),
        ],
        &[
            (
                "a relay",
                &[(
                    "content/claims/one.md",
                    Some("---\ntext: One.\nby: a\nabout: b\nvia: c\nsaid: 2024-01-01\n---\n"),
                )],
            ),
            (
                "a renamed relay",
                &[(
                    "content/actors/c.md",
                    Some("---\nname: Delta\nkind: media\n---\n"),
                )],
            ),
            (
                "another subject",
                &[(
                    "content/claims/one.md",
                    Some("---\ntext: One.\nby: a\nabout: c\nvia: c\nsaid: 2024-01-01\n---\n"),
                )],
            ),
            ("the claim gone", &[("content/claims/one.md", None)]),
        ],
    );
}

/// Incident pages, their list and the navigation follow every edit to
/// an incident and to the claims about it.
#[test]
fn incident_pages_follow_incidents_and_their_claims() {
    let incident = |title: &str, when: &str| {
        format!("---\ntitle: {title}\nwhen: {when}\nwhere: {{place: Gulf of Finland, lat: 59.9, lon: 25.0}}\n---\nThe account.\n")
    };
    let first = incident("Cable cut", "2024-12-25T12:26+02:00");
    let renamed = incident("Estlink 2 cut", "2024-12-25T12:26+02:00");
    let earlier = incident("Estlink 2 cut", "2023-10-08");
    assert_steps_match_fresh(
        &[
            ("site.yaml", "title: Desk\n"),
            ("content/actors/fingrid.md", "---\nname: Fingrid\nkind: company\n---\n"),
            ("content/incidents/cut.md", &first),
            (
                "content/incidents/later.md",
                &incident("Later", "2024-12-26"),
            ),
            (
                "content/claims/one.md",
                "---\ntext: The cable failed.\nby: fingrid\nsaid: 2024-12-26\nincident: cut\n---\n",
            ),
        ],
        &[
            ("a new title", &[("content/incidents/cut.md", Some(&renamed))]),
            ("an earlier date", &[("content/incidents/cut.md", Some(&earlier))]),
            (
                "the claim about another",
                &[(
                    "content/claims/one.md",
                    Some("---\ntext: The cable failed.\nby: fingrid\nsaid: 2024-12-26\nincident: later\n---\n"),
                )],
            ),
            ("an incident gone", &[("content/incidents/cut.md", None)]),
        ],
    );
}
