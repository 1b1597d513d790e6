//! Rebuilding on change, without HTTP: a `Session` fed a scripted series
//! of edits gives exactly the output (in memory and on disk) of a fresh
//! build after every step; the `Watcher` turns an editor's atomic save and
//! a burst of new files into one batch each and ignores the output folder;
//! `dossier build --watch` rebuilds once per burst and not for its own
//! output. Waits are bounded; child processes are killed when a test ends.

use crate::fixtures::{
    differences, files_under, fresh_build, listed_differences, output_folder, Site,
};
use crate::live::{add_fillers, wait_until, wait_until_first_build_writes, watch, PATIENCE};
use dossier::serve::session::Session;
use dossier::serve::watch::{Watcher, DEBOUNCE};
use dossier::write::OutputDir;
use dossier::BuildOptions;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const FIRST_BRIEF: &str = "content/briefs/2025/first-brief.md";
/// How long a burst must be followed by silence.
const QUIET: Duration = Duration::from_millis(500);
/// Files in the small site's output (the `.dossier` marker not counted).
const BURST: usize = 200;

/// How many files a fresh build of the site writes now.
fn fresh_file_count(site: &Site) -> usize {
    dossier::render_site(&options(site))
        .expect("a fresh build")
        .0
        .len()
}

fn options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    }
}

/// The site's root as the watcher reports paths under it.
fn canonical_root(site: &Site) -> PathBuf {
    site.root().canonicalize().unwrap()
}

/// A fresh in-memory build of the site; panics on errors.
fn fresh(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let (files, diagnostics) = fresh_build(&options(site));
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render(false))
        .collect();
    assert!(
        errors.is_empty(),
        "a fresh build has errors:\n{}",
        errors.join("\n")
    );
    files
}

/// Panics unless the session's output and the output folder (marker
/// excluded) both equal a fresh build of the site, byte for byte.
fn assert_matches_fresh(step: &str, site: &Site, session: &Session) {
    let expected = fresh(site);
    let listed = listed_differences(&session.output(), &expected);
    assert!(
        listed.is_empty(),
        "after `{step}`, the session's list of files differs from a fresh build:\n  {}",
        listed.join("\n  ")
    );
    let on_disk = output_folder(session.out());
    let on_disk = differences(on_disk.iter().map(|(p, b)| (p, b.as_slice())), &expected);
    assert!(
        on_disk.is_empty(),
        "after `{step}`, the output folder differs from a fresh build:\n  {}",
        on_disk.join("\n  ")
    );
}

/// One scripted edit: what it does, and the files it changes.
type Edit = (&'static str, fn(&Site) -> Vec<&'static str>);

/// Each edit, applied in order, returns the paths (relative to the root)
/// a watcher would report.
fn edits() -> Vec<Edit> {
    vec![
        ("edit a brief's prose only", |site| {
            site.replace(FIRST_BRIEF, "briefed lawmakers;", "briefed the committee;");
            vec![FIRST_BRIEF]
        }),
        ("edit an actor's profile only", |site| {
            site.replace(
                "content/actors/nis.md",
                "South Korea's intelligence service.",
                "South Korea's national intelligence service.",
            );
            vec!["content/actors/nis.md"]
        }),
        ("edit a claim file's discussion only", |site| {
            site.replace(
                "content/claims/nis-killed-600.md",
                "Through [[lee-seong-kweun]].",
                "Through [[lee-seong-kweun]], after a closed briefing.",
            );
            vec!["content/claims/nis-killed-600.md"]
        }),
        ("edit a page's body only", |site| {
            site.replace(
                "content/pages/methodology.md",
                "How we work.",
                "How the desk works.",
            );
            vec!["content/pages/methodology.md"]
        }),
        ("edit a brief's title and body", |site| {
            let text = site
                .read(FIRST_BRIEF)
                .replacen("title: Troops in Kursk\n", "title: Troops near Kursk\n", 1)
                .replacen("briefed the committee", "briefed the assembly", 1);
            site.write(FIRST_BRIEF, text);
            vec![FIRST_BRIEF]
        }),
        ("add a claim to a brief", |site| {
            site.replace(
                "content/briefs/third-brief.md",
                "tags: [Red Sea]\n",
                "tags: [Red Sea]\nclaims:\n  - id: ships-attacked\n    text: Ships were attacked in the Red Sea.\n    by: nis\n    about: [north-korea]\n    status: reported\n",
            );
            vec!["content/briefs/third-brief.md"]
        }),
        ("add an actor", |site| {
            site.write(
                "content/actors/zed-newcomer.md",
                "---\nname: Zed Newcomer\nkind: person\npart_of: north-korea\n---\nA new actor.\n",
            );
            vec!["content/actors/zed-newcomer.md"]
        }),
        ("delete the actor", |site| {
            site.remove("content/actors/zed-newcomer.md");
            vec!["content/actors/zed-newcomer.md"]
        }),
        (
            "change a relation's dates (the other actor's page reads it)",
            |site| {
                site.replace(
                    "content/actors/caravella.md",
                    "from: 2023-06,",
                    "from: 2022-01,",
                );
                vec!["content/actors/caravella.md"]
            },
        ),
        (
            "make an actor a spokesperson (its claims join the other's page)",
            |site| {
                site.replace(
                    "content/actors/lee-seong-kweun.md",
                    "role: Lawmaker\n",
                    "role: Lawmaker\nrelations:\n  - {type: spokesperson-for, to: nis}\n",
                );
                vec!["content/actors/lee-seong-kweun.md"]
            },
        ),
        (
            "change a ship's identifier (the search index reads it)",
            |site| {
                site.replace(
                    "content/actors/eagle-s.md",
                    "callsign: E5U4211",
                    "callsign: E5U4212",
                );
                vec!["content/actors/eagle-s.md"]
            },
        ),
        ("change a source's type and access", |site| {
            site.replace(
                FIRST_BRIEF,
                "    type: official-statement\n    access: indirect\n",
                "    type: document\n    access: unknown\n",
            );
            vec![FIRST_BRIEF]
        }),
        ("change a response's stance", |site| {
            // Shown on every card and link of the claim, and on KCNA's page.
            site.replace(
                "content/claims/nis-killed-600.md",
                "    stance: denies\n",
                "    stance: disputes\n",
            );
            vec!["content/claims/nis-killed-600.md"]
        }),
        ("change the claimant of a contradicting claim", |site| {
            // The stances of the claim it contradicts name the new claimant.
            site.replace(
                "content/briefs/second-brief.md",
                "    by: kcna\n",
                "    by: kim-jong-un\n",
            );
            vec!["content/briefs/second-brief.md"]
        }),
        ("add a correction to a brief", |site| {
            site.replace(
                FIRST_BRIEF,
                "actors: [north-korea]\n",
                "actors: [north-korea]\nchanges: [{date: 2025-06-02, note: Corrected the troop count., kind: correction}]\n",
            );
            vec![FIRST_BRIEF]
        }),
        ("rename a brief file", |site| {
            fs::rename(
                site.path("content/briefs/second-brief.md"),
                site.path("content/briefs/losses-brief.md"),
            )
            .unwrap();
            vec![
                "content/briefs/second-brief.md",
                "content/briefs/losses-brief.md",
            ]
        }),
        ("change a tag's spelling", |site| {
            // `RED SEA` now outnumbers `Red Sea`: every page naming the tag changes.
            site.replace(
                "content/briefs/third-brief.md",
                "tags: [Red Sea]\n",
                "tags: [RED SEA]\n",
            );
            vec!["content/briefs/third-brief.md"]
        }),
        ("edit a claim file's status", |site| {
            site.replace(
                "content/claims/nis-killed-600.md",
                "credibility: 3\n",
                "credibility: 3\nstatus: disputed\n",
            );
            vec!["content/claims/nis-killed-600.md"]
        }),
        (
            "change a claimant's reliability (grades in the data files)",
            |site| {
                site.replace(
                    "content/actors/nis.md",
                    "reliability: B\n",
                    "reliability: C\n",
                );
                vec!["content/actors/nis.md"]
            },
        ),
        ("rename a relay (its name in data/claims.json)", |site| {
            site.replace(
                "content/actors/kcna.md",
                "name: Korean Central News Agency\n",
                "name: KCNA news agency\n",
            );
            vec!["content/actors/kcna.md"]
        }),
        ("change the site's title", |site| {
            site.replace("site.yaml", "title: Small Desk\n", "title: Large Desk\n");
            vec!["site.yaml"]
        }),
        ("add a static file (in a new static/ folder)", |site| {
            site.write("static/extra.txt", "extra\n");
            vec!["static/extra.txt"]
        }),
        (
            "add a template override (a new templates/ folder, reported as the folder)",
            |site| {
                site.write(
                    "templates/base.html",
                    "{% extends \"builtin/base.html\" %}\n{% block footer %}{{ super() }}\n<p>MARKER-one</p>\n{% endblock footer %}\n",
                );
                vec!["templates"]
            },
        ),
        ("edit the template override", |site| {
            site.replace("templates/base.html", "MARKER-one", "MARKER-two");
            vec!["templates/base.html"]
        }),
        ("drop a draft flag", |site| {
            site.replace("content/briefs/draft-brief.md", "draft: true\n", "");
            vec!["content/briefs/draft-brief.md"]
        }),
        ("delete the template override", |site| {
            site.remove("templates/base.html");
            vec!["templates/base.html"]
        }),
        ("delete the static file", |site| {
            site.remove("static/extra.txt");
            vec!["static/extra.txt"]
        }),
    ]
}

#[test]
fn a_session_matches_a_fresh_build_after_every_edit() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).expect("open a session");
    let first = session.build();
    assert!(!first.failed(), "the first build failed: {first:?}");
    assert_matches_fresh("the first build", &site, &session);
    let root = canonical_root(&site);
    for (step, edit) in edits() {
        let changed: Vec<PathBuf> = edit(&site).into_iter().map(|p| root.join(p)).collect();
        let outcome = session.update(&changed);
        assert!(
            !outcome.failed(),
            "`{step}` failed to build: {:?}",
            outcome
                .diagnostics
                .iter()
                .map(|d| d.render(false))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            outcome.files,
            session.output().len(),
            "`{step}`: the outcome's file count"
        );
        assert!(
            !outcome.written.is_empty() || !outcome.removed.is_empty(),
            "`{step}` changed no output file"
        );
        // Edits to one body alone take the fast path (and still match).
        assert_eq!(
            outcome.body_only,
            step.ends_with("only"),
            "`{step}`: fast path taken or not"
        );
        assert_matches_fresh(step, &site, &session);
    }
    // The script did what it says.
    let output = session.output();
    for path in [
        "briefs/losses-brief/index.html",
        "briefs/draft-brief/index.html",
        "claims/ships-attacked/index.html",
    ] {
        assert!(output.contains_key(path), "no {path}");
    }
    for path in [
        "briefs/second-brief/index.html",
        "actors/zed-newcomer/index.html",
        "extra.txt",
    ] {
        assert!(!output.contains_key(path), "{path} is still there");
    }
}

/// An edit to one body alone takes a fast path that resolves nothing
/// again; one that leaves a placeholder of `dossier new` in the body must
/// still be warned about, as a fresh build warns, and one that removes it
/// must drop the warning.
#[test]
fn a_session_warns_of_a_placeholder_put_in_a_body() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).expect("open a session");
    assert!(session.build().diagnostics.is_empty());
    let path = canonical_root(&site).join("content/pages/methodology.md");
    // A plain edit first: the fast path.
    site.replace(
        "content/pages/methodology.md",
        "How we work.",
        "How we work now.",
    );
    let outcome = session.update(std::slice::from_ref(&path));
    assert!(
        outcome.body_only && outcome.diagnostics.is_empty(),
        "{outcome:?}"
    );
    site.replace(
        "content/pages/methodology.md",
        "How we work now.",
        "How we work now. The page, in Markdown.",
    );
    let outcome = session.update(std::slice::from_ref(&path));
    let messages: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["placeholder text of `dossier new` left in the body: “The page, in Markdown.”"]
    );
    assert!(!outcome.failed());
    assert_matches_fresh("a placeholder in a body", &site, &session);
    site.replace(
        "content/pages/methodology.md",
        " The page, in Markdown.",
        "",
    );
    let outcome = session.update(&[path]);
    assert!(outcome.diagnostics.is_empty(), "{outcome:?}");
}

/// The watcher's batches, delivered over a channel by a thread of their
/// own (so a test never blocks on `next_batch` without a bound). The
/// thread ends once the receiver is gone and one more event arrives (the
/// removal of the temporary folder is one).
struct Batches {
    receiver: Receiver<Vec<PathBuf>>,
}

impl Batches {
    fn watch(site: &Site) -> Batches {
        let out = OutputDir::check(site.root(), &site.out()).expect("a safe output folder");
        let mut watcher = Watcher::new(site.root(), &out).expect("watch the site");
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            while let Some(batch) = watcher.next_batch() {
                if sender.send(batch).is_err() {
                    break;
                }
            }
        });
        Batches { receiver }
    }

    /// The non-empty batches received until `done` holds for all of them
    /// together (at most [`PATIENCE`]).
    fn until(&self, what: &str, done: impl Fn(&[Vec<PathBuf>]) -> bool) -> Vec<Vec<PathBuf>> {
        let deadline = Instant::now() + PATIENCE;
        let mut batches: Vec<Vec<PathBuf>> = Vec::new();
        while !done(&batches) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok(batch) if batch.is_empty() => {}
                Ok(batch) => batches.push(batch),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "gave up after {PATIENCE:?} waiting for {what}; batches: {}",
                    describe(&batches)
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the watcher stopped; batches: {}", describe(&batches))
                }
            }
        }
        batches
    }

    /// The non-empty batches received within `span`.
    fn within(&self, span: Duration) -> Vec<Vec<PathBuf>> {
        let deadline = Instant::now() + span;
        let mut batches = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok(batch) if batch.is_empty() => {}
                Ok(batch) => batches.push(batch),
                Err(_) => return batches,
            }
        }
    }
}

fn describe(batches: &[Vec<PathBuf>]) -> String {
    let shown: Vec<String> = batches
        .iter()
        .map(|b| {
            let mut names: Vec<String> =
                b.iter().take(5).map(|p| p.display().to_string()).collect();
            if b.len() > 5 {
                names.push(format!("… {} paths in all", b.len()));
            }
            format!("[{}]", names.join(", "))
        })
        .collect();
    format!("{} non-empty: {}", batches.len(), shown.join(" "))
}

fn contains(batches: &[Vec<PathBuf>], path: &Path) -> bool {
    batches.iter().flatten().any(|p| p == path)
}

fn page(session: &Session, path: &str) -> String {
    assert!(
        session.output().contains_key(path),
        "no {path} in the output"
    );
    let bytes = std::fs::read(session.out().join(path))
        .unwrap_or_else(|e| panic!("{path} is listed, not in the output folder: {e}"));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn an_atomic_save_arrives_as_a_batch_naming_the_file() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    let batches = Batches::watch(&site);
    let file = "content/briefs/third-brief.md";
    let target = canonical_root(&site).join(file);
    // As editors save: write a temporary file beside, rename it over.
    let temporary = site.path(&format!("{file}.tmp"));
    let text = site.read(file).replacen(
        "title: Shipping in the Red Sea\n",
        "title: Shipping, saved atomically\n",
        1,
    );
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, site.path(file)).unwrap();
    let received = batches.until(&format!("a batch naming {file}"), |b| contains(b, &target));
    for batch in &received {
        let outcome = session.update(batch);
        assert!(!outcome.failed(), "{outcome:?}");
    }
    let outcome_after = session.update(&[]);
    assert!(
        outcome_after.diagnostics.is_empty(),
        "the editor's temporary file left diagnostics: {:?}",
        outcome_after
            .diagnostics
            .iter()
            .map(|d| d.render(false))
            .collect::<Vec<_>>()
    );
    let html = page(&session, "briefs/third-brief/index.html");
    assert!(
        html.contains("Shipping, saved atomically") && !html.contains("Shipping in the Red Sea"),
        "the rebuilt page does not have the saved title"
    );
    assert_eq!(session.output().len(), fresh(&site).len());
}

/// The 200 actor files of a burst, relative to the root.
fn burst_files() -> Vec<String> {
    (0..BURST)
        .map(|i| format!("content/actors/burst-{i:03}.md"))
        .collect()
}

/// Writes the burst as a `git checkout` does: one file after another,
/// each gap far shorter than the watcher's debounce time (a pause of 1 ms
/// after each file, so the burst outlasts `DEBOUNCE` however fast the
/// disk is). Returns the longest gap between two writes: on a loaded
/// machine the writer itself can stall for longer than the debounce time,
/// and then what it wrote was not one burst.
fn write_burst(site: &Site) -> Duration {
    assert!(DEBOUNCE >= Duration::from_millis(20), "{DEBOUNCE:?}");
    let mut longest = Duration::ZERO;
    let mut last = Instant::now();
    for (i, rel) in burst_files().iter().enumerate() {
        fs::write(
            site.path(rel),
            format!("---\nname: Burst {i}\nkind: person\n---\n"),
        )
        .unwrap();
        longest = longest.max(last.elapsed());
        std::thread::sleep(Duration::from_millis(1));
        last = Instant::now();
    }
    longest
}

/// Runs a burst test until it passes, at most five times, and fails when
/// three real bursts (every gap of the writer under half the debounce
/// time) did not arrive as one. Both sides can stall on a loaded machine:
/// the writer (then what it wrote was not one burst, measured), and the
/// watcher's threads, starved while the other tests build (seen once in
/// a few hundred runs, never twice in a row); a watcher that does not
/// merge batches splits every burst, and still fails. `attempt` returns
/// the longest gap, and an error when the burst did not arrive as one.
fn with_a_real_burst(mut attempt: impl FnMut() -> (Duration, Result<(), String>)) {
    let mut split = Vec::new();
    for _ in 0..5 {
        let (gap, outcome) = attempt();
        match outcome {
            Ok(()) => return,
            Err(message) if gap < DEBOUNCE / 2 => {
                split.push(format!("{message} (longest gap {gap:?})"));
                if split.len() == 3 {
                    panic!("{}", split.join("\n"));
                }
            }
            // The writer stalled: not a burst. Try again.
            Err(_) => continue,
        }
    }
    panic!(
        "in five tries, the writer did not write three real bursts: the machine is too loaded to test bursts\n{}",
        split.join("\n")
    );
}

#[test]
fn a_burst_of_new_files_arrives_as_one_batch() {
    with_a_real_burst(|| {
        let site = Site::from_fixture("small-site");
        let mut session = Session::open(options(&site)).unwrap();
        assert!(!session.build().failed());
        let batches = Batches::watch(&site);
        let root = canonical_root(&site);
        let wanted: Vec<PathBuf> = burst_files().iter().map(|f| root.join(f)).collect();
        let gap = write_burst(&site);
        let received = batches.until("every file of the burst", |b| {
            wanted.iter().all(|p| contains(b, p))
        });
        let later = batches.within(QUIET);
        if received.len() != 1 {
            let message = format!(
                "a burst of {BURST} files came in several batches: {}",
                describe(&received)
            );
            return (gap, Err(message));
        }
        if !later.is_empty() {
            let message = format!("more batches followed the burst: {}", describe(&later));
            return (gap, Err(message));
        }
        let outcome = session.update(&received[0]);
        assert!(!outcome.failed());
        assert_eq!(outcome.files, fresh_file_count(&site));
        assert!(session.output().contains_key("actors/burst-199/index.html"));
        (gap, Ok(()))
    });
}

#[test]
fn events_in_the_output_folder_are_ignored() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    let batches = Batches::watch(&site);
    let out = canonical_root(&site).join("public");
    // Writes into the output folder first, then one content change.
    fs::write(site.out().join("stray.txt"), "stray").unwrap();
    fs::create_dir_all(site.out().join("new-folder")).unwrap();
    fs::write(site.out().join("new-folder/index.html"), "<p>stray</p>").unwrap();
    fs::write(site.out().join("index.html"), "overwritten").unwrap();
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Troops near Kursk\n",
    );
    let target = canonical_root(&site).join(FIRST_BRIEF);
    let received = batches.until("the content change", |b| contains(b, &target));
    let all: Vec<&PathBuf> = received.iter().flatten().collect();
    assert_eq!(
        all,
        vec![&target],
        "batches other than the content change: {}",
        describe(&received)
    );
    assert!(all.iter().all(|p| !p.starts_with(&out)));
}

/// Activity that is not a change of the site (an editor's swap files and
/// git writing beside the site's folders, readers walking the output
/// folder) never holds a change back: the burst ends a debounce period
/// after the last change of the site, however much else goes on.
#[test]
fn other_activity_does_not_hold_a_change_back() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    let batches = Batches::watch(&site);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let busy = {
        let (stop, out, root) = (stop.clone(), site.out(), site.root().to_path_buf());
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let _ = fs::write(root.join(format!(".swap-{}", n % 4)), n.to_string());
                let _ = files_under(&out);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(100));
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Troops near Kursk\n",
    );
    let target = canonical_root(&site).join(FIRST_BRIEF);
    // Held back, it would never come while the activity goes on.
    let received = batches.until("the content change, while other files change", |b| {
        contains(b, &target)
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    busy.join().unwrap();
    let all: Vec<&PathBuf> = received.iter().flatten().collect();
    assert_eq!(all, vec![&target], "{}", describe(&received));
}

#[test]
fn build_watch_rebuilds_once_for_a_burst_of_files() {
    with_a_real_burst(|| {
        let site = Site::from_fixture("small-site");
        let mut running = watch(&site, &[]);
        running.wait_until_watching(&site);
        let before = running.built_lines().len();
        let gap = write_burst(&site);
        let wanted = format!("built {} files ", fresh_file_count(&site));
        running.wait_for_stderr("the rebuild with every file of the burst", |text| {
            text.lines().any(|l| l.starts_with(&wanted))
        });
        // The burst has settled when nothing more comes for a while.
        std::thread::sleep(QUIET);
        let built = running.built_lines();
        assert!(site.out().join("actors/burst-000/index.html").is_file());
        if built.len() != before + 1 {
            let message = format!(
                "the burst of {BURST} files took {} rebuilds: {:?}",
                built.len() - before,
                &built[before..]
            );
            return (gap, Err(message));
        }
        (gap, Ok(()))
    });
}

#[test]
fn build_watch_ignores_writes_to_its_output_folder() {
    let site = Site::from_fixture("small-site");
    let mut running = watch(&site, &[]);
    running.wait_until_watching(&site);
    let before = running.built_lines().len();
    fs::write(site.out().join("stray.txt"), "stray").unwrap();
    fs::create_dir_all(site.out().join("new-folder")).unwrap();
    fs::write(site.out().join("new-folder/index.html"), "<p>stray</p>").unwrap();
    std::thread::sleep(QUIET);
    assert_eq!(
        running.built_lines().len(),
        before,
        "writing into the output folder started a rebuild:\n{}",
        running.stderr()
    );
    // Still watching the site itself.
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Troops near Kursk\n",
    );
    running.wait_for_stderr("the rebuild after a content change", |text| {
        text.lines().filter(|l| l.starts_with("built ")).count() > before
    });
    let page = fs::read_to_string(site.out().join("briefs/first-brief/index.html")).unwrap();
    assert!(page.contains("Troops near Kursk"));
    assert_eq!(
        running.built_lines().len(),
        before + 1,
        "{}",
        running.stderr()
    );
}

/// `build --watch` counts warnings in its `built` line; with `strict:
/// true` in site.yaml (or `--deny-warnings`) a warning fails the rebuild
/// like an error: nothing is written, the output keeps the last good
/// build, and the line says why.
#[test]
fn build_watch_counts_warnings_and_denies_them_when_strict() {
    const KIM: &str = "content/actors/kim-jong-un.md";
    let warn = |site: &Site, name: &str| {
        let text = site.read(KIM);
        let start = text.find("name: ").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        let text = format!(
            "{}name: {name}\nlinks:\n  - {{title: P, url: \"javascript:x\"}}{}",
            &text[..start],
            &text[end..]
        );
        site.write(KIM, text);
    };
    let page =
        |site: &Site| fs::read_to_string(site.out().join("actors/kim-jong-un/index.html")).unwrap();
    for (args, strict) in [
        (&[][..], false),
        (&[][..], true),
        (&["--deny-warnings"][..], false),
    ] {
        let site = Site::from_fixture("small-site");
        if strict {
            site.append("site.yaml", "strict: true\n");
        }
        let mut running = watch(&site, args);
        running.wait_until_watching(&site);
        assert!(
            running
                .built_lines()
                .iter()
                .all(|l| l.ends_with(": no errors, no warnings")),
            "{}",
            running.stderr()
        );
        warn(&site, "Kim the Warned");
        let denied = strict || !args.is_empty();
        if !denied {
            running.wait_for_stderr("a `built` line counting the warning", |text| {
                text.lines()
                    .any(|l| l.starts_with("built ") && l.ends_with(": no errors, 1 warning"))
            });
            assert!(page(&site).contains("Kim the Warned"));
            continue;
        }
        let why = if strict {
            "`strict: true` in site.yaml"
        } else {
            "--deny-warnings"
        };
        let line = format!(
            "error: no errors, 1 warning, denied by {why}; the output keeps the last good build"
        );
        let stderr = running.wait_for_stderr("the denied rebuild", |text| text.contains(&line));
        assert!(stderr.contains("warning: unsafe URL removed"), "{stderr}");
        assert!(
            !page(&site).contains("Kim the Warned"),
            "a denied rebuild wrote its pages"
        );
    }
}

/// Like `serve::a_change_made_during_the_first_build_is_served`, for
/// `build --watch`: a change made after the first build read the files
/// must be rebuilt.
#[test]
fn a_change_made_during_the_first_build_is_rebuilt() {
    let site = Site::from_fixture("small-site");
    add_fillers(&site, 800);
    let running =
        crate::live::Running::start(&["build", "--watch", "--root", site.root().to_str().unwrap()]);
    wait_until_first_build_writes(&site);
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Changed during the first build\n",
    );
    let page = site.out().join("briefs/first-brief/index.html");
    wait_until("the change made during the first build, on disk", || {
        let text = fs::read_to_string(&page).unwrap_or_default();
        if text.contains("Changed during the first build") {
            Ok(())
        } else {
            Err(format!("stderr:\n{}", running.stderr()))
        }
    });
}

/// The marker (with its manifest) that a fresh `dossier build` of the
/// site writes.
fn fresh_marker(site: &Site) -> Vec<u8> {
    let out = site.temp().join("fresh-build");
    let _ = fs::remove_dir_all(&out);
    site.build_into(&out, &[]).expect_success();
    fs::read(out.join(dossier::write::MARKER)).unwrap()
}

/// Panics unless the output folder is a fresh build's, byte for byte,
/// marker and manifest included.
fn assert_whole_build(step: &str, site: &Site, session: &Session) {
    assert_matches_fresh(step, site, session);
    let marker = fs::read(session.out().join(dossier::write::MARKER))
        .unwrap_or_else(|e| panic!("after `{step}`, no marker in the output folder: {e}"));
    assert!(
        marker == fresh_marker(site),
        "after `{step}`, the marker is not the one a fresh build writes:\n{}",
        String::from_utf8_lossy(&marker)
    );
}

/// Edits the first brief's title (`n` tells the edits apart) and hands
/// the change to the session.
fn edit_title(site: &Site, session: &mut Session, n: usize) {
    let text = site.read(FIRST_BRIEF);
    let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    site.replace(FIRST_BRIEF, title, &format!("title: Troops, edit {n}"));
    let outcome = session.update(&[canonical_root(site).join(FIRST_BRIEF)]);
    assert!(
        !outcome.failed(),
        "edit {n} failed: {:?}",
        outcome
            .diagnostics
            .iter()
            .map(|d| d.render(false))
            .collect::<Vec<_>>()
    );
}

/// Pages are rendered while the site has an error (for their own errors)
/// but not written, and their bytes are not kept: once the error is
/// fixed they must be rendered again and written, though their inputs did
/// not change since.
#[test]
fn pages_rendered_while_the_site_fails_are_written_once_it_builds() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    let root = canonical_root(&site);
    let broken = "content/briefs/broken.md";
    site.write(broken, "---\ntitle: [unclosed\n---\nBody.\n");
    assert!(session.update(&[root.join(broken)]).failed());
    let text = site.read(FIRST_BRIEF);
    let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    site.replace(FIRST_BRIEF, title, "title: Troops, retitled while broken");
    let outcome = session.update(&[root.join(FIRST_BRIEF)]);
    assert!(
        outcome.failed() && outcome.written.is_empty(),
        "{outcome:?}"
    );
    assert!(!page(&session, "index.html").contains("retitled while broken"));
    fs::remove_file(site.root().join(broken)).unwrap();
    let outcome = session.update(&[root.join(broken)]);
    assert!(!outcome.failed(), "{outcome:?}");
    assert!(page(&session, "index.html").contains("retitled while broken"));
    assert_whole_build("an error, an edit, the error fixed", &site, &session);
}

#[test]
fn in_place_updates_keep_the_manifest_a_fresh_builds() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    for n in 0..3 {
        edit_title(&site, &mut session, n);
        assert_whole_build(&format!("edit {n}"), &site, &session);
    }
    // A build trusts the manifest: nothing to write.
    let run = site.build(&[]);
    run.expect_success();
    assert!(run.summary().contains("(0 written"), "{}", run.summary());
}

#[test]
fn a_session_writes_a_whole_build_after_its_output_folder_is_removed() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    edit_title(&site, &mut session, 0);
    fs::remove_dir_all(site.out()).unwrap();
    edit_title(&site, &mut session, 1);
    assert_whole_build("rm -rf public, then an edit", &site, &session);
    // A later build accepts the folder as dossier's.
    site.build(&[]).expect_success();
}

#[test]
fn a_session_writes_a_whole_build_after_another_build_wrote_its_folder() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    // Another build, with a base URL: a feed, a sitemap, other links.
    site.build(&["--base-url", "https://example.org/desk/"])
        .expect_success();
    assert!(site.out().join("sitemap.xml").is_file());
    edit_title(&site, &mut session, 0);
    assert_whole_build("another build, then an edit", &site, &session);
    // The same after an edit to a body alone (the fast path).
    site.build(&["--base-url", "https://example.org/desk/"])
        .expect_success();
    site.replace(FIRST_BRIEF, "briefed lawmakers;", "briefed the committee;");
    let outcome = session.update(&[canonical_root(&site).join(FIRST_BRIEF)]);
    assert!(outcome.body_only && !outcome.failed(), "{outcome:?}");
    assert_whole_build("another build, then a body edit", &site, &session);
}

#[test]
fn a_session_never_replaces_a_folder_that_is_no_longer_dossiers() {
    let site = Site::from_fixture("small-site");
    let mut session = Session::open(options(&site)).unwrap();
    assert!(!session.build().failed());
    fs::remove_dir_all(site.out()).unwrap();
    fs::create_dir_all(site.out()).unwrap();
    fs::write(site.out().join("notes.txt"), "my notes").unwrap();
    site.replace(
        FIRST_BRIEF,
        "title: Troops in Kursk\n",
        "title: Troops near Kursk\n",
    );
    let outcome = session.update(&[canonical_root(&site).join(FIRST_BRIEF)]);
    let error = outcome
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error: the folder is someone's now");
    assert!(
        error.message.contains("refusing") && error.hint.is_some(),
        "{}",
        error.render(false)
    );
    assert_eq!(files_under(&site.out()), ["notes.txt"]);
    assert_eq!(
        fs::read_to_string(site.out().join("notes.txt")).unwrap(),
        "my notes"
    );
}
