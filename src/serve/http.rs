//! The HTTP side of `serve`: the last good output's files, read from the
//! output folder (never while the session changes it, so a page is never
//! served half-written nor a new page beside an old one), or before the first
//! build of the session ends, the previous build's (only those its
//! manifest lists); an error overlay while the latest change does not
//! build, and live reload over server-sent events.
//! The overlay and the reload script are added to responses only; they
//! never reach the output folder.

use super::session::Output;
use crate::diagnostics::Diagnostic;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::broadcast;

/// Where live-reload events are served.
pub const EVENTS_PATH: &str = "/__dossier/events";

/// What the server shows: one successful build, and the errors of the
/// latest change if it failed, or its warnings if it did not.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The files served: the last good build's, or while no build of this
    /// session has succeeded yet, the previous build's; `None` when there
    /// are none.
    pub disk: Option<Arc<OnDisk>>,
    /// Diagnostics of the latest build, when it failed.
    pub errors: Vec<Diagnostic>,
    /// Why warnings failed the latest build, when they did.
    pub denial: Option<crate::Denial>,
    /// Warnings of the latest build, when it did not fail: shown in a
    /// panel that leaves the page readable.
    pub warnings: Vec<Diagnostic>,
    /// Increases with every rebuild.
    pub version: u64,
    /// The overlay or panel every page gets, made once per snapshot.
    pub panel: std::sync::OnceLock<String>,
}

/// An output folder: the files a build wrote there, read from disk on
/// request.
#[derive(Debug)]
pub struct OnDisk {
    /// The output folder, canonical.
    root: std::path::PathBuf,
    files: Arc<Output>,
    /// Held for reading while a file is read: the session holds it for
    /// writing while it changes the folder.
    gate: Arc<RwLock<()>>,
}

impl OnDisk {
    /// `files`, written to `out` (by this session or, as its marker's
    /// manifest says, a previous build); `None` when the folder is gone.
    pub fn new(
        out: &crate::write::OutputDir,
        files: Arc<Output>,
        gate: Arc<RwLock<()>>,
    ) -> Option<OnDisk> {
        let root = out.path().canonicalize().ok()?;
        Some(OnDisk { root, files, gate })
    }

    /// The bytes of a listed file, if it is still a regular file inside
    /// the folder (a link out of it is never followed).
    fn read(&self, key: &str) -> Option<Vec<u8>> {
        if !self.files.contains_key(key) {
            return None;
        }
        let _reading = self.gate.read().unwrap_or_else(|e| e.into_inner());
        let path = self.root.join(key);
        let real = path.canonicalize().ok()?;
        if !real.starts_with(&self.root) || !std::fs::metadata(&real).ok()?.is_file() {
            return None;
        }
        std::fs::read(real).ok()
    }
}

impl Snapshot {
    /// Whether the output has the file `key`.
    fn has(&self, key: &str) -> bool {
        self.disk
            .as_ref()
            .is_some_and(|disk| disk.files.contains_key(key))
    }

    /// Whether there is nothing to serve: no build succeeded, and no
    /// previous one left files.
    fn is_empty(&self) -> bool {
        self.disk.is_none()
    }

    /// The bytes of the file `key`.
    fn bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.disk.as_ref()?.read(key)
    }

    /// The error overlay (when the latest change failed) or the warnings
    /// panel (when it built with warnings), or nothing.
    fn panel(&self) -> &str {
        self.panel.get_or_init(|| {
            if !self.errors.is_empty() {
                overlay(&self.errors, self.denial)
            } else if !self.warnings.is_empty() {
                warnings_panel(&self.warnings)
            } else {
                String::new()
            }
        })
    }

    /// What the reload script compares: a page reloads when it changes.
    fn state(&self) -> Shown {
        Shown {
            errors: !self.errors.is_empty(),
            warnings: fingerprint(&self.warnings),
        }
    }
}

/// The state of the overlay a page shows.
struct Shown {
    errors: bool,
    /// Identifies the warnings shown (empty when there are none).
    warnings: String,
}

/// A short, stable name for a list of diagnostics: a page whose panel
/// shows other warnings reloads.
fn fingerprint(diagnostics: &[Diagnostic]) -> String {
    use std::hash::{Hash, Hasher};
    if diagnostics.is_empty() {
        return String::new();
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for d in diagnostics {
        (&d.file, d.line, d.col, &d.message, &d.hint).hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// State shared by the server and the rebuild loop.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<String>,
}

impl Shared {
    pub fn new(snapshot: Snapshot) -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            events,
        })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Publishes a rebuild: the new snapshot, and an event naming the
    /// output paths that changed, so only their pages reload.
    pub fn publish(&self, snapshot: Snapshot, changed: &[String]) {
        let message = reload_message(snapshot.version, &snapshot.state(), changed, false);
        match self.snapshot.write() {
            Ok(mut guard) => *guard = Arc::new(snapshot),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snapshot),
        }
        let _ = self.events.send(message);
    }
}

fn reload_message(version: u64, state: &Shown, changed: &[String], full: bool) -> String {
    serde_json::json!({
        "version": version,
        "errors": state.errors,
        "warnings": state.warnings,
        "changed": changed,
        "full": full,
    })
    .to_string()
}

/// How long a client may take to send a request's headers before its
/// connection is closed: a client that trickles them (or never finishes)
/// does not hold a connection, a task and a file descriptor for ever.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections and serves `app` on each over HTTP/1.1, with
/// [`HEADER_TIMEOUT`] (which `axum::serve` does not set). Runs until the
/// listener fails for good.
pub async fn accept(listener: TcpListener, app: Router) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // A connection reset before it was accepted: nothing to serve.
            Err(error) if is_connection_error(&error) => continue,
            // Out of file descriptors, say: wait for connections to close.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            // A failed connection (a client gone, a refused header) is the
            // client's business; the server goes on.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// Every route, behind the Host check: a request naming another host
/// reaches no page and no event stream.
pub fn router(shared: Arc<Shared>, hosts: Hosts) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(files)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(hosts),
            check_host,
        ))
        .with_state(shared)
}

/// The names this server answers to, against DNS rebinding: a page of
/// another site (`evil.example`, which its DNS then points at 127.0.0.1)
/// makes the browser send `Host: evil.example`; such requests are refused,
/// so that page can read nothing.
///
/// Accepted, case-blind, with or without a trailing dot and with or
/// without a port: `localhost` (browsers resolve it to loopback
/// themselves), and the bound address as an IP literal (`127.0.0.1`,
/// `[::1]`). Bound to all addresses (`0.0.0.0`, `::`), any IP literal, as
/// the machine's own addresses are many and change: an IP literal cannot
/// be rebound (a page can make a browser send one only by addressing that
/// IP itself, which is another origin than its own). Bound to anything but
/// loopback, also the machine's host name, alone and under `.local`.
#[derive(Debug, Clone)]
pub struct Hosts {
    bound: IpAddr,
    /// Lowercase, without a trailing dot.
    names: Vec<String>,
}

impl Hosts {
    /// The names of a server bound to `bound`.
    pub fn new(bound: IpAddr) -> Hosts {
        let mut names = vec!["localhost".to_string()];
        if !bound.is_loopback() {
            if let Some(name) = machine_name() {
                names.push(format!("{name}.local"));
                names.push(name);
            }
        }
        Hosts { bound, names }
    }

    /// Whether an authority (`host[:port]`, a Host header or the authority
    /// of an absolute request target) names this server.
    pub fn check(&self, authority: &str) -> Result<(), HostRefusal> {
        let (host, port) = match authority.strip_prefix('[') {
            Some(rest) => {
                let (inside, after) = rest.split_once(']').ok_or(HostRefusal::Malformed)?;
                let ip: std::net::Ipv6Addr = inside.parse().map_err(|_| HostRefusal::Malformed)?;
                (Host::Ip(IpAddr::V6(ip)), after)
            }
            None => {
                let end = authority.find(':').unwrap_or(authority.len());
                let name = &authority[..end];
                let name = name.strip_suffix('.').unwrap_or(name);
                let valid = !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
                if !valid {
                    return Err(HostRefusal::Malformed);
                }
                let host = match name.parse::<std::net::Ipv4Addr>() {
                    Ok(ip) => Host::Ip(IpAddr::V4(ip)),
                    Err(_) => Host::Name(name.to_ascii_lowercase()),
                };
                (host, &authority[end..])
            }
        };
        if let Some(port) = port.strip_prefix(':') {
            // Any port: a tunnel or forward may put the server behind another.
            if !port.is_empty() && port.parse::<u16>().is_err() {
                return Err(HostRefusal::Malformed);
            }
        } else if !port.is_empty() {
            return Err(HostRefusal::Malformed);
        }
        let ours = match host {
            Host::Ip(ip) => self.bound.is_unspecified() || ip == self.bound,
            Host::Name(name) => self.names.contains(&name),
        };
        if ours {
            Ok(())
        } else {
            Err(HostRefusal::Other)
        }
    }

    /// The names accepted, for a refusal's message.
    fn describe(&self) -> String {
        let ip = if self.bound.is_unspecified() {
            "an IP address".to_string()
        } else {
            match self.bound {
                IpAddr::V4(ip) => ip.to_string(),
                IpAddr::V6(ip) => format!("[{ip}]"),
            }
        };
        format!("{} or {ip}", self.names.join(", "))
    }
}

enum Host {
    Ip(IpAddr),
    Name(String),
}

/// Why a request's host was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostRefusal {
    /// Not a host and port at all (`localhost:1@evil`, empty): 400.
    Malformed,
    /// Another site's name: 421.
    Other,
}

/// The machine's host name (Linux), lowercase.
fn machine_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    valid.then_some(name)
}

/// Refuses a request whose Host (or absolute target) names another host,
/// that has no Host in HTTP/1.1, or two.
async fn check_host(
    State(hosts): State<Arc<Hosts>>,
    request: Request<Body>,
    next: axum::middleware::Next,
) -> Response {
    let refuse = |status: StatusCode, why: String| {
        let mut response = (status, format!("{status}: {why}\n")).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    };
    let mut host_headers = request.headers().get_all(header::HOST).iter();
    let host = host_headers.next();
    if host_headers.next().is_some() {
        return refuse(StatusCode::BAD_REQUEST, "more than one Host header".into());
    }
    let mut named: Vec<&str> = Vec::new();
    match host.map(|h| h.to_str()) {
        Some(Ok(host)) => named.push(host),
        Some(Err(_)) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "the Host header is not text".into(),
            )
        }
        None if request.version() >= axum::http::Version::HTTP_11 => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "an HTTP/1.1 request needs a Host header".into(),
            )
        }
        None => {}
    }
    // An absolute target (`GET http://host/ HTTP/1.1`) names a host too.
    if let Some(authority) = request.uri().authority() {
        named.push(authority.as_str());
    }
    for authority in named {
        match hosts.check(authority) {
            Ok(()) => {}
            Err(HostRefusal::Malformed) => {
                return refuse(StatusCode::BAD_REQUEST, "the Host is not a host name and port".into())
            }
            Err(HostRefusal::Other) => {
                return refuse(
                    StatusCode::MISDIRECTED_REQUEST,
                    format!(
                        "this is dossier serve, which answers only to {}; a page of another site cannot read it",
                        hosts.describe()
                    ),
                )
            }
        }
    }
    next.run(request).await
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.events.subscribe();
    let snapshot = shared.snapshot();
    // The current state first: a page served before a rebuild it missed reloads.
    let first = reload_message(snapshot.version, &snapshot.state(), &[], true);
    let updates = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(message) => return Some((Ok(Event::default().data(message)), receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let all = futures_util::StreamExt::chain(
        stream::once(async move { Ok(Event::default().data(first)) }),
        updates,
    );
    Sse::new(all).keep_alive(KeepAlive::default())
}

async fn files(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response =
            (StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed\n").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let snapshot = shared.snapshot();
    if snapshot.is_empty() {
        // No build has succeeded yet: show the errors on every page.
        let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dossier: errors</title></head><body><main><h1>The site does not build yet</h1></main></body></html>";
        let body = inject(page.as_bytes(), "", &snapshot);
        let mut response = (StatusCode::INTERNAL_SERVER_ERROR, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let raw_path = request.uri().path().to_string();
    // Files are read from disk: off the threads that serve connections.
    let respond = move || respond(&snapshot, &raw_path);
    let mut response = tokio::task::spawn_blocking(respond)
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // For HEAD the server sends the headers of this response (its length
    // included) without the body.
    response
}

/// The response to a GET or HEAD of `raw_path` (percent-encoded).
fn respond(snapshot: &Snapshot, raw_path: &str) -> Response {
    match resolve_with(raw_path, |key| snapshot.has(key)) {
        Lookup::File(key) => file_response(snapshot, &key, StatusCode::OK),
        Lookup::Redirect(location) => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Lookup::NotFound => {
            if snapshot.has(crate::urls::NOT_FOUND) {
                file_response(snapshot, crate::urls::NOT_FOUND, StatusCode::NOT_FOUND)
            } else {
                (StatusCode::NOT_FOUND, "404 not found\n").into_response()
            }
        }
        Lookup::Bad => (StatusCode::BAD_REQUEST, "400 bad request\n").into_response(),
    }
}

fn file_response(snapshot: &Snapshot, key: &str, status: StatusCode) -> Response {
    let Some(bytes) = snapshot.bytes(key) else {
        return (StatusCode::NOT_FOUND, "404 not found\n").into_response();
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body: Vec<u8> = if is_html {
        inject(&bytes, key, snapshot)
    } else {
        bytes
    };
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut response = (status, body).into_response();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// What a request path names in the output.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    File(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    Bad,
}

/// Maps a raw (percent-encoded) request path to an output file. Paths are
/// decoded once; `..`, backslashes, NUL and invalid UTF-8 are refused, and
/// only keys of the in-memory output can be named, so nothing outside the
/// output is ever served.
pub fn resolve_path(raw: &str, output: &Output) -> Lookup {
    resolve_with(raw, |key| output.contains_key(key))
}

/// As [`resolve_path`], with `has` saying which keys exist.
fn resolve_with(raw: &str, has: impl Fn(&str) -> bool) -> Lookup {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Lookup::Bad;
    };
    if decoded.contains(['\\', '\0']) || !decoded.starts_with('/') {
        return Lookup::Bad;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Lookup::Bad,
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    let is_folder = decoded.ends_with('/') || key.is_empty();
    if is_folder {
        let index = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
        return if has(&index) {
            Lookup::File(index)
        } else {
            Lookup::NotFound
        };
    }
    if has(&key) {
        return Lookup::File(key);
    }
    if has(&format!("{key}/index.html")) {
        return Lookup::Redirect(format!("/{key}/"));
    }
    Lookup::NotFound
}

/// Adds the error overlay (when the latest change failed) or the warnings
/// panel (when it built with warnings), and the reload script, before
/// `</body>`.
fn inject(html: &[u8], key: &str, snapshot: &Snapshot) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + 2048);
    out.push_str(&text[..at]);
    out.push_str(snapshot.panel());
    out.push_str(&reload_script(key, snapshot.version, &snapshot.state()));
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// How many diagnostics a page shows: every page carries them, and a site
/// with thousands of warnings (or errors) must not make each page huge.
/// The summary counts them all.
const SHOWN: usize = crate::diagnostics::WARNINGS_SHOWN;

/// The diagnostics as a panel over the page: the same text as the terminal.
/// `denial` says why warnings alone failed the build, when they did.
pub fn overlay(errors: &[Diagnostic], denial: Option<crate::Denial>) -> String {
    let mut html = String::from(
        "<div id=\"dossier-errors\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;\
         z-index:2147483647;background:#fff;color:#111;border-top:6px solid #b00020;padding:1rem 1.25rem;\
         font:15px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.25)\">",
    );
    let denied = match denial {
        Some(denial) if !errors.iter().any(Diagnostic::is_error) => {
            format!(" (warnings fail the build: {denial})")
        }
        _ => String::new(),
    };
    html.push_str(&format!(
        "<p style=\"margin:0 0 .75rem;font-weight:bold\">dossier: the latest change has {}{}; the site shows the last good build. Fix the file and save: this panel goes away by itself.</p>",
        escape(&crate::diagnostics::summary(errors)),
        escape(&denied)
    ));
    let (shown, left) = crate::diagnostics::first(errors, SHOWN);
    for d in shown {
        html.push_str("<pre style=\"margin:0 0 .75rem;white-space:pre-wrap;background:#f6f6f6;padding:.5rem;border-left:4px solid ");
        html.push_str(if d.is_error() { "#b00020" } else { "#8a6d00" });
        html.push_str("\">");
        html.push_str(&escape(&d.render(false)));
        html.push_str("</pre>");
    }
    if left > 0 {
        html.push_str(&format!(
            "<p style=\"margin:0\">… and {left} more: the terminal lists every error, and <code>dossier check</code> every warning.</p>"
        ));
    }
    html.push_str("</div>");
    html
}

/// The warnings of a build that succeeded, as a panel in a corner of the
/// page: it leaves the page readable, folds to one line (a `<details>`),
/// and its button removes it. The same text as the terminal, escaped.
pub fn warnings_panel(warnings: &[Diagnostic]) -> String {
    let mut html = String::from(
        "<details id=\"dossier-warnings\" open role=\"status\" style=\"position:fixed;right:.75rem;bottom:.75rem;\
         max-width:min(48rem,calc(100vw - 1.5rem));max-height:40vh;overflow:auto;z-index:2147483647;box-sizing:border-box;\
         background:#fffbea;color:#111;border:1px solid #8a6d00;border-left:6px solid #8a6d00;border-radius:4px;\
         padding:.5rem .75rem;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
         box-shadow:0 2px 10px rgba(0,0,0,.2)\">",
    );
    html.push_str(&format!(
        "<summary style=\"cursor:pointer;font-weight:bold\">dossier: {}: the site builds; look before publishing. \
         <button type=\"button\" aria-label=\"Dismiss the warnings\" onclick=\"event.preventDefault();this.closest('details').remove()\" \
         style=\"font:inherit;margin-left:.5rem;cursor:pointer\">Dismiss</button></summary>",
        match warnings.len() {
            1 => "1 warning".to_string(),
            n => format!("{n} warnings"),
        }
    ));
    let (shown, left) = crate::diagnostics::first(warnings, SHOWN);
    for d in shown {
        html.push_str("<pre style=\"margin:.5rem 0 0;white-space:pre-wrap;background:#fff;padding:.5rem;border-left:4px solid #8a6d00\">");
        html.push_str(&escape(&d.render(false)));
        html.push_str("</pre>");
    }
    if left > 0 {
        html.push_str(&format!(
            "<p style=\"margin:.5rem 0 0\">… and {left} more: <code>dossier check</code> lists every one.</p>"
        ));
    }
    html.push_str("</details>");
    html
}

fn reload_script(key: &str, version: u64, state: &Shown) -> String {
    let page = serde_json::to_string(key)
        .unwrap_or_else(|_| "\"\"".into())
        .replace("</", "<\\/");
    let errors = state.errors;
    let warnings = serde_json::to_string(&state.warnings).unwrap_or_else(|_| "\"\"".into());
    format!(
        "<script>/* dossier serve: live reload */(()=>{{const page={page},served={version},errors={errors},warnings={warnings};\
         const source=new EventSource(\"{EVENTS_PATH}\");\
         source.onmessage=(e)=>{{const m=JSON.parse(e.data);if(m.version<=served)return;\
         if(m.full||m.errors!==errors||m.warnings!==warnings||m.changed.includes(page))location.reload();}};}})();</script>"
    )
}

#[cfg(test)]
mod tests;
