//! Serve benchmark: `dossier serve` as a writer meets it, over HTTP. On a
//! site already built, it measures the time from starting the server to
//! the first page served, the first build of the session, the server's
//! resident memory after it, and the time from saving a brief (a body
//! edit, a title edit, an edit to a claim inside it) to its page served
//! with the change, polling the page every 10 ms (the watcher's 50 ms
//! debounce is inside these times).
//!
//! `cargo bench --bench serve` measures a 10,000-brief corpus from
//! `examples/gen_corpus.rs` (default seed: 2,000 incidents with it);
//! `cargo bench --bench serve -- 1000` another size; `-- --site DIR` a
//! site on disk (its files are edited and put back; its `public/` is
//! built first when it has none). Corpora go under `BENCH_DIR` (default:
//! the system's temporary folder) and are removed at the end.

mod edits;
#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use edits::{first_brief, mark_claim, replace_title};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const DOSSIER: &str = env!("CARGO_BIN_EXE_dossier");
/// How long anything may take before the benchmark gives up.
const PATIENCE: Duration = Duration::from_secs(600);

fn main() {
    let (mut sizes, sites) = edits::arguments();
    if sizes.is_empty() && sites.is_empty() {
        sizes = vec![10_000];
    }
    println!("| corpus | files | start → first page | first build | memory after it | body edit | title edit | claim edit | memory after edits |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for site in sites {
        measure(&site, &site.display().to_string());
    }
    let base = std::env::var_os("BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    for size in sizes {
        let root = base.join(format!("dossier-serve-bench-{}-{size}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        gen_corpus::write_corpus(size, gen_corpus::DEFAULT_SEED, &root, None)
            .expect("the corpus is written");
        measure(&root, &format!("{size} briefs"));
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// A running `dossier serve`, killed when dropped.
struct Server {
    child: Child,
    lines: Receiver<String>,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(DOSSIER)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dossier serve starts");
        let (send, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let send = send.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if send.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            lines,
            port: 0,
        };
        let line = server.wait_for(|l| l.contains("serving at http://"));
        let port = line
            .rsplit(':')
            .next()
            .and_then(|tail| tail.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("a port in the serving line");
        server.port = port;
        server
    }

    /// The next line of the server's output that `want` accepts.
    fn wait_for(&self, want: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .expect("the server said what was expected in time");
            assert!(!line.starts_with("error"), "the server: {line}");
            if want(&line) {
                return line;
            }
        }
    }

    /// The status and body of `GET path`.
    fn get(&self, path: &str) -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).ok()?;
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text.split(' ').nth(1)?.parse().ok()?;
        Some((status, text))
    }

    /// Polls `path` every 10 ms until its body has `text`; the time taken.
    fn until_shown(&self, path: &str, text: &str) -> Duration {
        let started = Instant::now();
        loop {
            if self.get(path).is_some_and(|(_, body)| body.contains(text)) {
                return started.elapsed();
            }
            assert!(started.elapsed() < PATIENCE, "{path} never showed {text}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Resident memory, from /proc (Linux).
    fn memory(&self) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .map(|kb| format!("{} MiB", kb / 1024))
            .unwrap_or_else(|| "?".into())
    }
}

fn measure(root: &Path, label: &str) {
    if !root.join("public/.dossier").is_file() {
        let status = Command::new(DOSSIER)
            .args(["build", "--root"])
            .arg(root)
            .stdout(Stdio::null())
            .status()
            .expect("dossier build runs");
        assert!(status.success(), "the site builds");
    }
    let started = Instant::now();
    let server = Server::start(root);
    let first_page = {
        loop {
            if server
                .get("/briefs/")
                .is_some_and(|(status, _)| status == 200)
            {
                break started.elapsed();
            }
            assert!(started.elapsed() < PATIENCE, "no page served");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    let built = server.wait_for(|l| l.starts_with("built "));
    let files = built.split(' ').nth(1).unwrap_or("?").to_string();
    let first_build = built
        .split(" in ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .unwrap_or("?")
        .to_string();
    let memory = server.memory();
    let brief = first_brief(root);
    let page = format!("/briefs/{}/", brief.file_stem().unwrap().to_string_lossy());
    let edit = |change: &dyn Fn(&str) -> String, marker: &str| -> Duration {
        let mut times = Vec::new();
        for round in 0..3 {
            let text = std::fs::read_to_string(&brief).unwrap();
            let marker = format!("{marker} {round}");
            std::fs::write(&brief, change(&text).replace("MARKER", &marker)).unwrap();
            times.push(server.until_shown(&page, &marker));
            server.wait_for(|l| l.starts_with("built "));
            std::fs::write(&brief, &text).unwrap();
            server.wait_for(|l| l.starts_with("built "));
        }
        times.sort();
        times[times.len() / 2]
    };
    let body = edit(&|t| format!("{t}\nMARKER\n"), "Edited paragraph");
    let title = edit(&replace_title, "Edited title");
    let claim = edit(&mark_claim, "Edited claim");
    println!(
        "| {label} | {files} | {} | {first_build} ms | {memory} | {} | {} | {} | {} |",
        ms(first_page),
        ms(body),
        ms(title),
        ms(claim),
        server.memory()
    );
}

fn ms(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}
