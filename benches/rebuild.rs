//! Rebuild benchmark: the time from saving a file to the updated page on
//! disk, through the same incremental session `serve` and `build --watch`
//! use (the watcher's debounce delay is not included), beside a cold build.
//!
//! `cargo bench --bench rebuild` measures the example site and a
//! 10,000-brief corpus from `examples/gen_corpus.rs` (default seed).
//! `cargo bench --bench rebuild -- 1000 5000` measures corpora of those
//! sizes instead (0 means the example site); `-- --site DIR` measures a
//! site already on disk (its files are edited and put back). `benches/compare.sh`
//! runs it that way.

mod edits;
#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use dossier::serve::session::Session;
use dossier::BuildOptions;
use edits::{first_brief, mark_claim, replace_title};
use std::path::Path;
use std::time::{Duration, Instant};

// The same allocator as the dossier binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (mut sizes, sites) = edits::arguments();
    if sizes.is_empty() && sites.is_empty() {
        sizes = vec![0, 10_000];
    }
    println!("| corpus | pages | cold build | body edit | title edit | claim edit | new brief |");
    println!("|---|---|---|---|---|---|---|");
    for site in sites {
        measure(&site, site.display().to_string());
    }
    for size in sizes {
        let temp =
            std::env::temp_dir().join(format!("dossier-bench-{}-{size}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temp);
        if size == 0 {
            copy_example(&temp);
        } else {
            gen_corpus::write_corpus(size, gen_corpus::DEFAULT_SEED, &temp, None)
                .expect("the corpus is written");
        }
        let label = if size == 0 {
            "example site".to_string()
        } else {
            format!("{size} briefs")
        };
        measure(&temp, label);
        let _ = std::fs::remove_dir_all(&temp);
    }
}

fn measure(root: &Path, label: String) {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let mut session = Session::open(options).expect("the benchmark site opens");
    let started = Instant::now();
    let outcome = session.build();
    let cold = started.elapsed();
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics.first());
    let brief = first_brief(root);
    let page = session
        .out()
        .join("briefs")
        .join(stem(&brief))
        .join("index.html");

    // Each edit: save, rebuild, check the page on disk shows it.
    let mut edit = |what: &str, change: &dyn Fn(&str) -> String, marker: &str| -> Duration {
        let mut times = Vec::new();
        for round in 0..3 {
            let text = std::fs::read_to_string(&brief).unwrap();
            let marker = format!("{marker}{round}");
            std::fs::write(&brief, change(&text).replace("MARKER", &marker)).unwrap();
            let started = Instant::now();
            let outcome = session.update(std::slice::from_ref(&brief));
            let elapsed = started.elapsed();
            assert!(
                !outcome.failed(),
                "{what}: {:?}",
                outcome.diagnostics.first()
            );
            let html = std::fs::read_to_string(&page).unwrap();
            assert!(
                html.contains(&marker),
                "{what}: the page on disk does not show the edit"
            );
            times.push(elapsed);
            std::fs::write(&brief, &text).unwrap();
            session.update(std::slice::from_ref(&brief));
        }
        times.sort();
        times[times.len() / 2]
    };
    let body = edit(
        "body edit",
        &|t| format!("{t}\nMARKER\n"),
        "Edited paragraph ",
    );
    let title = edit("title edit", &replace_title, "Edited title ");
    let claim = edit("claim edit", &mark_claim, "Edited claim ");

    // A new brief: a file that did not exist.
    let new_brief = brief.with_file_name("bench-new-brief.md");
    std::fs::write(
        &new_brief,
        "---\ntitle: A new brief\ndate: 2025-06-01\n---\nBody.\n",
    )
    .unwrap();
    let started = Instant::now();
    let outcome = session.update(std::slice::from_ref(&new_brief));
    let added = started.elapsed();
    assert!(!outcome.failed());
    assert!(session
        .out()
        .join("briefs/bench-new-brief/index.html")
        .is_file());
    std::fs::remove_file(&new_brief).unwrap();
    session.update(std::slice::from_ref(&new_brief));

    println!(
        "| {label} | {} | {} | {} | {} | {} | {} |",
        outcome.files,
        ms(cold),
        ms(body),
        ms(title),
        ms(claim),
        ms(added)
    );
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn copy_example(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(from.join("site.yaml"), to.join("site.yaml")).unwrap();
    copy_dir(&from.join("content"), &to.join("content"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
