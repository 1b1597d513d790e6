//! `dossier serve` and `dossier build --watch`: build, then rebuild on
//! every change to the site's files, writing only what changed; `serve`
//! also serves the site over HTTP with live reload and an error overlay.
//!
//! - `session`: the site in memory between rebuilds;
//! - `watch`: debounced file-system events;
//! - `http`: the server, the overlay and the reload events.

pub mod http;
pub mod session;
pub mod watch;

use crate::{BuildOptions, Failure};
use session::{Outcome, Session};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// What a running server or watcher reports; the CLI prints it.
#[derive(Debug)]
pub enum Event<'a> {
    /// The server is listening at `url`; `exposed` when not on loopback.
    Listening { url: &'a str, exposed: bool },
    /// A build or rebuild finished (successfully or not).
    Built(&'a Outcome),
    /// Watching stopped working (the site is still served).
    WatchFailed(&'a str),
}

pub type Reporter = Arc<dyn Fn(Event) + Send + Sync>;

/// Builds, serves and rebuilds on change until the process is stopped.
/// (The command line stops it on SIGINT or SIGTERM, once
/// [`crate::write::stop`] has ended the write in progress cleanly.)
pub fn serve(options: ServeOptions, report: Reporter) -> Result<(), Failure> {
    let mut session = Session::open(options.build.clone())?;
    // Watch before the first build, so changes made during it are not lost.
    let watcher = watch::Watcher::new(session.root(), session.output_dir());
    // A previous build's output is served at once, while the first build
    // checks it; without one, the first build comes first.
    let previous = !session.output().is_empty();
    let shared = match previous {
        true => http::Shared::new(http::Snapshot {
            disk: http::OnDisk::new(session.output_dir(), session.output(), session.gate())
                .map(Arc::new),
            version: 1,
            ..http::Snapshot::default()
        }),
        false => {
            let first = session.build();
            report(Event::Built(&first));
            http::Shared::new(snapshot(&session, &first, 1))
        }
    };

    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|error| {
        Failure::Usage(match error.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {} is already in use on {}: pass another --port, or --port 0 to pick a free one",
                options.port, options.bind
            ),
            _ => format!("cannot listen on {}:{}: {error}", options.bind, options.port),
        })
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Failure::Io(e.to_string()))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::Io(e.to_string()))?;
    let url = format!("http://{address}/");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Files are read on these (see `http`): a few suffice for one
        // writer's browser, and each thread holds memory of its own.
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the server: {e}")))?;
    let result = runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Failure::Io(e.to_string()))?;
        report(Event::Listening {
            url: &url,
            exposed: !options.bind.is_loopback(),
        });
        if options.open {
            let _ = open::that_detached(&url);
        }
        spawn_rebuilds(
            session,
            watcher,
            Arc::clone(&shared),
            Arc::clone(&report),
            previous,
        );
        let app = http::router(shared, http::Hosts::new(options.bind));
        match tokio::spawn(http::accept(listener, app)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(Failure::Io(format!("the server stopped: {error}"))),
            Err(error) => Err(Failure::Io(format!("the server stopped: {error}"))),
        }
    });
    // Open live-reload connections never end by themselves: do not wait for them.
    runtime.shutdown_timeout(Duration::from_millis(200));
    result
}

/// Builds, then rebuilds on change until the process is stopped (see
/// [`serve`]), without serving.
pub fn watch(options: BuildOptions, report: Reporter) -> Result<(), Failure> {
    let mut session = Session::open(options)?;
    // Watch before the first build, so changes made during it are not lost.
    let mut watcher = watch::Watcher::new(session.root(), session.output_dir())
        .map_err(|e| Failure::Io(format!("cannot watch the site: {e}")))?;
    let first = session.build();
    report(Event::Built(&first));
    while let Some(batch) = watcher.next_batch() {
        if batch.is_empty() {
            continue;
        }
        let outcome = session.update(&batch);
        report(Event::Built(&outcome));
    }
    Err(Failure::Io("watching the site stopped".into()))
}

/// What the server shows after a build: the files of the session's last
/// good output (or while no build of the session has succeeded, the
/// previous build's), with the errors over them.
fn snapshot(session: &Session, outcome: &Outcome, version: u64) -> http::Snapshot {
    http::Snapshot {
        disk: http::OnDisk::new(session.output_dir(), session.output(), session.gate())
            .map(Arc::new),
        errors: if outcome.failed() {
            outcome.diagnostics.clone()
        } else {
            Vec::new()
        },
        denial: outcome.denial,
        warnings: outcome.warnings(),
        version,
        panel: std::sync::OnceLock::new(),
    }
}

/// On a thread of its own: the first build when the server started on a
/// previous build's files (`previous`), then a rebuild on every change the
/// watcher reports.
fn spawn_rebuilds(
    mut session: Session,
    watcher: notify_debouncer_full::notify::Result<watch::Watcher>,
    shared: Arc<http::Shared>,
    report: Reporter,
    previous: bool,
) {
    std::thread::spawn(move || {
        let mut version = 1;
        if previous {
            let first = session.build();
            report(Event::Built(&first));
            version += 1;
            // Any page may have changed since the previous build (its files
            // may have been edited by hand since its manifest was written).
            let changed: Vec<String> = session.output().keys().cloned().collect();
            shared.publish(snapshot(&session, &first, version), &changed);
        }
        let mut watcher = match watcher {
            Ok(watcher) => watcher,
            Err(error) => {
                report(Event::WatchFailed(&format!(
                    "cannot watch the site: {error}"
                )));
                return;
            }
        };
        while let Some(batch) = watcher.next_batch() {
            if batch.is_empty() {
                continue;
            }
            let outcome = session.update(&batch);
            report(Event::Built(&outcome));
            version += 1;
            let mut changed = outcome.written.clone();
            changed.extend(outcome.removed.iter().cloned());
            shared.publish(snapshot(&session, &outcome, version), &changed);
        }
    });
}
