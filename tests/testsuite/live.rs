//! Helpers for the long-running commands (`dossier serve`, `dossier build
//! --watch`): child processes killed when a test ends (even by a panic),
//! their stderr collected as it comes, a minimal HTTP/1.1 client over
//! `std::net::TcpStream` (127.0.0.1 only), and bounded waits that poll
//! until a condition holds.

use crate::fixtures::Site;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often a bounded wait looks again.
pub const POLL: Duration = Duration::from_millis(50);
/// How long a bounded wait looks before failing.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// Polls `check` every [`POLL`] until it returns `Ok`, for at most
/// [`PATIENCE`]; then panics with `what` and the last `Err` (what was seen
/// instead).
pub fn wait_until<T>(what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        match check() {
            Ok(value) => return value,
            Err(seen) if Instant::now() >= deadline => {
                panic!("gave up after {PATIENCE:?} waiting for {what}; last seen: {seen}")
            }
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

/// A running `dossier` process: killed and reaped when dropped, so a
/// failing test never leaves it behind. Its stderr is collected line by
/// line on a thread of its own.
pub struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
    reader: Option<JoinHandle<()>>,
}

impl Running {
    /// Starts the dossier binary with `args`, without colours.
    pub fn start<S: AsRef<OsStr>>(args: &[S]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the dossier binary");
        let pipe = child.stderr.take().expect("piped stderr");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let reader = std::thread::spawn(move || {
            let mut lines = BufReader::new(pipe);
            let mut line = String::new();
            while matches!(lines.read_line(&mut line), Ok(n) if n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Running {
            child,
            stderr,
            reader: Some(reader),
        }
    }

    /// The process id (to read its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` (`INT`, `TERM`, `KILL`) to the process.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args(["-s", signal, &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {signal} failed");
    }

    /// Everything the process printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The `built N files …` lines printed so far (one per build).
    pub fn built_lines(&self) -> Vec<String> {
        self.stderr()
            .lines()
            .filter(|l| l.starts_with("built "))
            .map(str::to_string)
            .collect()
    }

    /// Waits until stderr satisfies `ready`; panics (showing stderr) if
    /// the process exits first or the wait runs out.
    pub fn wait_for_stderr(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.stderr();
            if ready(&text) {
                return text;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader catch the last lines.
                if let Some(reader) = self.reader.take() {
                    let _ = reader.join();
                }
                panic!(
                    "dossier exited ({status}) while waiting for {what}; stderr:\n{}",
                    self.stderr()
                );
            }
            if Instant::now() >= deadline {
                panic!("gave up after {PATIENCE:?} waiting for {what}; stderr:\n{text}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the process rebuilds on change: rewrites `site.yaml`
    /// with the same bytes until a new `built` line appears (retrying every
    /// second, for at most [`PATIENCE`]).
    ///
    /// Tests that edit files wait here first, so that each tests one thing:
    /// that a change made right after `serving at` (or the first `built`
    /// line of `build --watch`) is not lost is the business of
    /// `serve::a_change_made_during_the_first_build_is_served` and
    /// `watch::a_change_made_during_the_first_build_is_rebuilt` alone.
    pub fn wait_until_watching(&mut self, site: &Site) {
        let config = std::fs::read(site.path("site.yaml")).unwrap();
        let deadline = Instant::now() + PATIENCE;
        let before = self.built_lines().len();
        loop {
            std::fs::write(site.path("site.yaml"), &config).unwrap();
            let retry = Instant::now() + Duration::from_secs(1);
            while Instant::now() < retry {
                if self.built_lines().len() > before {
                    return;
                }
                if let Ok(Some(status)) = self.child.try_wait() {
                    panic!("dossier exited ({status}); stderr:\n{}", self.stderr());
                }
                std::thread::sleep(POLL);
            }
            if Instant::now() >= deadline {
                panic!(
                    "gave up after {PATIENCE:?} waiting for a rebuild after touching site.yaml; stderr:\n{}",
                    self.stderr()
                );
            }
        }
    }

    /// Waits (boundedly) for the process to exit by itself; its exit code.
    pub fn wait_exit(&mut self, what: &str) -> i32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                if let Some(reader) = self.reader.take() {
                    let _ = reader.join();
                }
                return status.code().unwrap_or(-1);
            }
            if Instant::now() >= deadline {
                panic!(
                    "gave up after {PATIENCE:?} waiting for {what} to exit; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// Adds `count` valid actor files (`content/actors/filler-N.md`), so that
/// the first build takes long enough to act during it.
pub fn add_fillers(site: &Site, count: usize) {
    for i in 0..count {
        site.write(
            &format!("content/actors/filler-{i}.md"),
            format!("---\nname: Filler {i}\nkind: person\n---\nFiller.\n"),
        );
    }
}

/// Waits (polling every 2 ms, at most [`PATIENCE`]) until a first build,
/// started with no output folder, has begun writing its output: its
/// staging folder beside `root/public` (or `public/` itself) exists. By
/// then the build has read every site file.
pub fn wait_until_first_build_writes(site: &Site) {
    assert!(!site.out().exists(), "the output folder already exists");
    let deadline = Instant::now() + PATIENCE;
    loop {
        let staging = std::fs::read_dir(site.root()).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".public.dossier-staging-")
        });
        if staging || site.out().exists() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "gave up after {PATIENCE:?} waiting for the first build to write"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// `dossier build --watch --root ROOT ARGS…`, once its first build is done.
pub fn watch(site: &Site, args: &[&str]) -> Running {
    let mut all: Vec<&OsStr> = vec![
        OsStr::new("build"),
        OsStr::new("--watch"),
        OsStr::new("--root"),
        site.root().as_os_str(),
    ];
    all.extend(args.iter().map(OsStr::new));
    let mut running = Running::start(&all);
    running.wait_for_stderr("the first build of `build --watch`", |text| {
        text.lines().any(|l| l.starts_with("built "))
    });
    running
}

/// A running `dossier serve`, listening.
pub struct Server {
    pub process: Running,
    pub port: u16,
}

impl Server {
    /// `dossier serve --root ROOT --port 0 ARGS…`, once it is listening.
    pub fn start(site: &Site, args: &[&str]) -> Server {
        let mut all: Vec<&OsStr> = vec![
            OsStr::new("serve"),
            OsStr::new("--root"),
            site.root().as_os_str(),
            OsStr::new("--port"),
            OsStr::new("0"),
        ];
        all.extend(args.iter().map(OsStr::new));
        Server::attach(Running::start(&all))
    }

    /// Waits until a started `dossier serve` is listening.
    pub fn attach(mut process: Running) -> Server {
        let text = process.wait_for_stderr("`serving at http://127.0.0.1:PORT/`", |text| {
            text.lines().any(|l| l.starts_with("serving at "))
        });
        let line = text.lines().find(|l| l.starts_with("serving at ")).unwrap();
        let port = line
            .strip_prefix("serving at http://127.0.0.1:")
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { process, port }
    }

    pub fn get(&self, target: &str) -> Response {
        http(self.port, "GET", target)
    }

    pub fn request(&self, method: &str, target: &str) -> Response {
        http(self.port, method, target)
    }

    /// Polls `GET target` until `check` accepts the response; panics with
    /// the last response and the server's stderr otherwise.
    pub fn wait_for(
        &self,
        what: &str,
        target: &str,
        check: impl Fn(&Response) -> bool,
    ) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let response = self.get(target);
            if check(&response) {
                return response;
            }
            if Instant::now() >= deadline {
                panic!(
                    "gave up after {PATIENCE:?} waiting for {what} at {target}; last response: {} ({} bytes):\n{}\n\nserver stderr:\n{}",
                    response.status,
                    response.body.len(),
                    excerpt(&response.text()),
                    self.process.stderr()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

/// The first 2000 characters of `text`, for failure messages.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(2000) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// An HTTP response, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Header names lowercased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body without what `serve` adds to HTML (the live-reload script
    /// and the error overlay): the page as built.
    pub fn page(&self) -> String {
        without_injection(&self.text())
    }
}

/// Start of the script `serve` adds to every HTML response.
pub const RELOAD_SCRIPT: &str = "<script>/* dossier serve: live reload */";
/// Start of the error overlay.
pub const OVERLAY: &str = "<div id=\"dossier-errors\"";
/// Start of the warnings panel.
pub const WARNINGS: &str = "<details id=\"dossier-warnings\"";

/// `html` without the live-reload script, the error overlay and the
/// warnings panel.
pub fn without_injection(html: &str) -> String {
    let mut text = html.to_string();
    for (start, end) in [
        (OVERLAY, "</div>"),
        (WARNINGS, "</details>"),
        (RELOAD_SCRIPT, "</script>"),
    ] {
        if let Some(from) = text.find(start) {
            let to = text[from..]
                .find(end)
                .map(|i| from + i + end.len())
                .unwrap_or(text.len());
            text.replace_range(from..to, "");
        }
    }
    text
}

/// Sends one request to 127.0.0.1:`port` exactly as given (the target is
/// not normalized or encoded), with `Connection: close`, and reads the
/// whole response.
pub fn http(port: u16, method: &str, target: &str) -> Response {
    try_http(port, method, target).unwrap_or_else(|e| panic!("{e}"))
}

/// [`http`], returning what went wrong instead of panicking (for load
/// tests, which count failures).
pub fn try_http(port: u16, method: &str, target: &str) -> Result<Response, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .map_err(|e| format!("cannot connect to 127.0.0.1:{port}: {e}"))?;
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.set_write_timeout(Some(PATIENCE)).unwrap();
    let body = if method == "GET" || method == "HEAD" {
        ""
    } else {
        "Content-Length: 0\r\n"
    };
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{body}\r\n"
    )
    .map_err(|e| format!("{method} {target}: cannot send the request: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("{method} {target}: cannot read the response: {e}"))?;
    parse_response(&raw)
        .map_err(|e| format!("{method} {target}: {e}:\n{}", String::from_utf8_lossy(&raw)))
}

fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| "headers are not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("truncated chunk size")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).map_err(|_| "bad chunk size")?;
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| "bad chunk size")?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if raw.len() < size + 2 {
            return Err("truncated chunk".into());
        }
        body.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}
