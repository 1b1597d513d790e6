//! Rebuild benchmark: the time from saving a file to the updated page on
//! disk, through the same incremental session `serve` and `build --watch`
//! use (the watcher's debounce delay is not included), beside a cold build.
//!
//! `cargo bench --bench rebuild` measures the example site and a generated
//! 10,000-brief corpus. `cargo bench --bench rebuild -- 1000 5000` measures
//! generated corpora of those sizes instead (0 means the example site).
//! The corpus is deterministic: the same size gives the same files.

use dossier::serve::session::Session;
use dossier::BuildOptions;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![0, 10_000]
    } else {
        sizes
    };
    println!("| corpus | pages | cold build | body edit | title edit | claim edit | new brief |");
    println!("|---|---|---|---|---|---|---|");
    for size in sizes {
        let temp =
            std::env::temp_dir().join(format!("dossier-bench-{}-{size}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temp);
        let root = if size == 0 {
            copy_example(&temp);
            temp.clone()
        } else {
            generate(&temp, size);
            temp.clone()
        };
        measure(
            &root,
            if size == 0 {
                "example site".to_string()
            } else {
                format!("{size} briefs")
            },
        );
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
    let claim = edit(
        "claim edit",
        &|t| t.replacen("    text: ", "    text: MARKER ", 1),
        "Edited claim ",
    );

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

/// The brief with its title line replaced by `title: MARKER`.
fn replace_title(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with("title:") {
                "title: MARKER".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The brief with an inline claim that the edits change.
fn first_brief(root: &Path) -> PathBuf {
    let mut briefs: Vec<PathBuf> = walk(&root.join("content/briefs"));
    briefs.sort();
    briefs
        .into_iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("    text: ")))
        .expect("a brief with a claim")
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
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

/// A small deterministic random number generator (xorshift).
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Writes a corpus of `briefs` briefs: ~600 words each with headings, a
/// list, a table and `[[id]]` links, five inline claims with figures and
/// measures, a claim cited from an earlier brief, contradictions, tags;
/// actors = briefs / 5 in part-of chains, with aliases in Korean.
fn generate(root: &Path, briefs: usize) {
    let mut random = Random(0x2545_F491_4F6C_DD1D);
    let actors = (briefs / 5).max(10);
    std::fs::create_dir_all(root.join("content/briefs")).unwrap();
    std::fs::create_dir_all(root.join("content/actors")).unwrap();
    std::fs::write(root.join("site.yaml"), "title: Benchmark desk\n").unwrap();
    let kinds = [
        "person",
        "state",
        "agency",
        "military",
        "media",
        "organization",
    ];
    for a in 0..actors {
        let part_of = if a >= 10 {
            format!("part_of: actor-{}\n", a / 10)
        } else {
            String::new()
        };
        let text = format!(
            "---\nname: Actor {a}\nkind: {}\n{part_of}aliases: [A{a}, {{name: 행위자 {a}, lang: ko}}]\n---\nProfile of actor {a}, linked to [[actor-{}]].\n",
            kinds[a % kinds.len()],
            (a + 1) % actors
        );
        std::fs::write(root.join(format!("content/actors/actor-{a}.md")), text).unwrap();
    }
    let words = "the desk assesses that reporting from several channels points to a sustained deployment with growing costs and uncertain returns for both governments involved";
    let words: Vec<&str> = words.split(' ').collect();
    let statuses = [
        "reported",
        "corroborated",
        "confirmed",
        "disputed",
        "denied",
    ];
    for b in 0..briefs {
        let mut text = String::new();
        let (month, day) = (b % 12 + 1, b % 28 + 1);
        let year = 2020 + (b / 336) % 6;
        writeln!(
            text,
            "---\ntitle: Brief {b} on the situation\ndate: {year}-{month:02}-{day:02}"
        )
        .unwrap();
        writeln!(
            text,
            "summary: Actor {} made claims about [[actor-{}]] this week.",
            random.below(actors),
            random.below(actors)
        )
        .unwrap();
        writeln!(text, "tags: [Region {}, Topic {}]", b % 40, b % 9).unwrap();
        writeln!(
            text,
            "sources:\n  - {{id: report, title: Report {b}, publisher: actor-{}, reliability: B}}",
            random.below(actors)
        )
        .unwrap();
        writeln!(text, "claims:").unwrap();
        for c in 0..5 {
            let by = random.below(actors);
            let about = random.below(actors);
            write!(
                text,
                "  - id: c{b}-{c}\n    text: Actor {by} says {} units moved near [[actor-{about}]].\n    by: actor-{by}\n    about: [actor-{about}]\n    source: report\n    status: {}\n    credibility: {}\n    figure: {{value: {}, unit: troops, qualifier: about}}\n    measure: measure-{c}\n",
                random.below(20_000),
                statuses[random.below(statuses.len())],
                random.below(6) + 1,
                1000 + random.below(20_000)
            )
            .unwrap();
            if b > 0 && c == 0 {
                writeln!(text, "    contradicts: [c{}-0]", random.below(b)).unwrap();
            }
        }
        if b > 10 && b % 5 == 0 {
            writeln!(text, "  - c{}-1", b - 5).unwrap();
        }
        text.push_str("---\n");
        for section in 0..5 {
            writeln!(text, "## Section {section}\n").unwrap();
            for _ in 0..4 {
                let sentence: Vec<&str> =
                    (0..24).map(|_| words[random.below(words.len())]).collect();
                writeln!(
                    text,
                    "{} [[actor-{}]].\n",
                    sentence.join(" "),
                    random.below(actors)
                )
                .unwrap();
            }
            if section == 2 {
                text.push_str("- first point\n- second point\n\n| figure | value |\n|---|---|\n| troops | 15,000 |\n\n> A quoted line.\n\n");
            }
        }
        std::fs::write(root.join(format!("content/briefs/brief-{b}.md")), text).unwrap();
    }
}
