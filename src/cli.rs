//! The command line: `dossier build` and `dossier check`, each a few lines
//! over the pipeline, printing diagnostics and a one-line summary. Every
//! line printed goes through `say`, which escapes control characters:
//! paths and messages may hold names from the site.

use crate::serve::{Event, Reporter, ServeOptions};
use crate::{diagnostics, BuildOptions, Failure, Report};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build briefing sites: briefs, actors and claims, linked and checked"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (ROOT/public by default)
    Build {
        /// The site's folder (holding site.yaml)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Output folder [default: ROOT/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Publish briefs marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Absolute http(s) URL the site will be served from (overrides site.yaml)
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
        /// Spell out index.html in every link to a folder, to read the site from disk
        #[arg(long)]
        portable: bool,
        /// Keep running and rebuild whenever the site's files change
        #[arg(long)]
        watch: bool,
        /// Fail on warnings as on errors (also `strict: true` in site.yaml)
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Make a new site in DIR that builds at once
    Init {
        dir: PathBuf,
        /// Also copy the built-in templates/ and static/, to change them
        #[arg(long)]
        eject_theme: bool,
    },
    /// Write a new content file with every field commented
    New {
        #[arg(value_enum)]
        kind: NewKind,
        /// Its id: lowercase letters, digits and hyphens
        id: String,
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Build, serve the site over HTTP and rebuild on every change, with live reload
    Serve {
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Output folder, kept up to date too [default: ROOT/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback exposes the site to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Publish briefs marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Treat warnings as errors: keep serving the last build without any
        /// (also `strict: true` in site.yaml)
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write the JSON Schemas of site.yaml and the front matter, for editors
    Schema {
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Folder to write them in [default: ROOT/schemas]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Check everything a build checks, and write nothing
    Check {
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings as on errors (also `strict: true` in site.yaml)
        #[arg(long)]
        deny_warnings: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    Brief,
    Actor,
    Claim,
    Measure,
    Page,
    Incident,
}

/// `--base-url`, normalized; a refusal is a usage error (exit status 2)
/// with its hint.
fn base_url(text: &str) -> Result<String, String> {
    crate::urls::base_url(text).map_err(|bad| format!("{}\n  hint: {}", bad.message, bad.hint))
}

/// Runs the command; returns the process exit status.
pub fn run(cli: Cli) -> i32 {
    let started = Instant::now();
    match &cli.command {
        Command::Build { watch, .. } => stop_on_signals(*watch),
        Command::Serve { .. } => stop_on_signals(true),
        _ => {}
    }
    let (report, result, verb) = match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            base_url,
            portable,
            watch,
            deny_warnings,
        } => {
            let options = BuildOptions {
                root: crate::root_or_current(root.as_deref()),
                out,
                drafts,
                base_url,
                portable,
                deny_warnings,
            };
            if watch {
                return exit_status(crate::serve::watch(options, reporter(false)));
            }
            let (report, result) = build(&options);
            (report, result, "built")
        }
        Command::Check {
            root,
            drafts,
            deny_warnings,
        } => {
            let options = BuildOptions {
                root: crate::root_or_current(root.as_deref()),
                drafts,
                deny_warnings,
                ..BuildOptions::default()
            };
            let (report, result) = crate::check(&options);
            (report, result, "checked")
        }
        Command::Init { dir, eject_theme } => return init(&dir, eject_theme),
        Command::Schema { root, out } => return schema(root, out),
        Command::New { kind, id, root } => return new(kind, &id, root),
        Command::Serve {
            root,
            out,
            port,
            bind,
            drafts,
            open,
            deny_warnings,
        } => {
            let build = BuildOptions {
                root: crate::root_or_current(root.as_deref()),
                out,
                drafts,
                deny_warnings,
                ..BuildOptions::default()
            };
            return exit_status(crate::serve::serve(
                ServeOptions {
                    build,
                    bind,
                    port,
                    open,
                },
                reporter(true),
            ));
        }
    };
    finish(&report, result, verb, started)
}

/// `dossier build`, once: the build, and a note when the output folder
/// is reached through a link.
fn build(options: &BuildOptions) -> (Report, Result<(), Failure>) {
    let (report, result) = crate::build(options);
    if let Some(signal) = crate::write::stopped_by() {
        stopped(signal, false);
    }
    if let Some(out) = &report.out {
        if out.leads_from().is_some() {
            let given = options.out.as_deref().unwrap_or(out.path());
            eprintln!(
                "note: wrote into `{}`, where `{}` leads",
                out.path().display(),
                given.display()
            );
        }
    }
    (report, result)
}

/// `dossier init`.
fn init(dir: &Path, eject_theme: bool) -> i32 {
    match crate::scaffold::init(dir, eject_theme) {
        Ok(files) => {
            say(&format!(
                "created a site in {} ({} files)",
                dir.display(),
                files.len()
            ));
            say(&format!(
                "build it with: dossier build --root {0}   or write with: dossier serve --root {0}",
                dir.display()
            ));
            0
        }
        Err(refused) => exit_status(Err(Failure::Usage(refused.0))),
    }
}

/// `dossier schema`.
fn schema(root: Option<PathBuf>, out: Option<PathBuf>) -> i32 {
    let root = crate::root_or_current(root.as_deref());
    match crate::scaffold::schemas(&root, out.as_deref()) {
        Ok(files) => {
            for file in &files {
                say(&format!("wrote {}", file.display()));
            }
            0
        }
        Err(refused) => exit_status(Err(Failure::Usage(refused.0))),
    }
}

/// `dossier new`.
fn new(kind: NewKind, id: &str, root: Option<PathBuf>) -> i32 {
    let root = crate::root_or_current(root.as_deref());
    let kind = match kind {
        NewKind::Brief => crate::load::Kind::Brief,
        NewKind::Actor => crate::load::Kind::Actor,
        NewKind::Claim => crate::load::Kind::Claim,
        NewKind::Measure => crate::load::Kind::Measure,
        NewKind::Page => crate::load::Kind::Page,
        NewKind::Incident => crate::load::Kind::Incident,
    };
    match crate::scaffold::new(&root, kind, id) {
        Ok(path) => {
            say(&format!("created {}", path.display()));
            0
        }
        Err(refused) => exit_status(Err(Failure::Usage(refused.0))),
    }
}

/// The diagnostics and the summary line of a build or a check, and its
/// exit status.
fn finish(report: &Report, result: Result<(), Failure>, verb: &str, started: Instant) -> i32 {
    // `check` is the full report; a build shows the first warnings.
    let warnings = match verb {
        "checked" => usize::MAX,
        _ => diagnostics::WARNINGS_SHOWN,
    };
    print_diagnostics(&report.diagnostics, warnings);
    let elapsed = started.elapsed().as_millis();
    let counts = diagnostics::summary(&report.diagnostics);
    match result {
        Ok(()) => {
            if verb == "built" {
                say(&format!(
                    "{verb} {} pages, {} files ({} written, {} unchanged) in {elapsed} ms: {counts}",
                    report.pages, report.files, report.stats.written, report.stats.unchanged
                ));
            } else {
                say(&format!(
                    "{verb} {} pages in {elapsed} ms: {counts}",
                    report.pages
                ));
            }
            0
        }
        Err(failure) => {
            if matches!(failure, Failure::Content) {
                say(&format!(
                    "error: {verb} nothing: {counts}{}",
                    denied(&report.diagnostics, report.denial)
                ));
            }
            exit_status(Err(failure))
        }
    }
}

/// ", warnings denied by --deny-warnings" when warnings alone failed a
/// run; else nothing.
fn denied(diagnostics: &[crate::Diagnostic], denial: Option<crate::Denial>) -> String {
    match denial {
        Some(denial)
            if !diagnostics.is_empty() && !diagnostics.iter().any(crate::Diagnostic::is_error) =>
        {
            format!(", denied by {denial}")
        }
        _ => String::new(),
    }
}

/// On SIGINT or SIGTERM, stops writing cleanly (see [`crate::write::stop`]:
/// the write in progress ends and removes its temporary files) and exits;
/// a second signal exits at once. `serve` and `build --watch` (`running`)
/// exit with status 0, as they are meant to be stopped; an interrupted
/// build with 128 + the signal's number. The handlers are in place before
/// anything is written.
fn stop_on_signals(running: bool) {
    use tokio::signal::unix::{signal, SignalKind};
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    let streams = {
        let _context = runtime.enter();
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    let (Ok(mut interrupt), Ok(mut terminate)) = streams else {
        return;
    };
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let number = tokio::select! {
                _ = interrupt.recv() => 2,
                _ = terminate.recv() => 15,
            };
            std::thread::spawn(move || stopped(number, running));
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
            std::process::exit(if running { 0 } else { 128 + number });
        });
    });
}

/// Waits until no write is in progress (see [`crate::write::stop`]), then
/// exits: 0 for `serve` and `build --watch` (`running`), 128 + `signal`
/// for a build, which says it was interrupted.
fn stopped(signal: i32, running: bool) -> ! {
    static EXITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    crate::write::stop(signal);
    // The first thread here exits; another waits for it.
    let _exiting = EXITING.lock();
    if running {
        std::process::exit(0);
    }
    eprintln!("error: interrupted: the output folder holds a whole build, and no temporary file");
    std::process::exit(128 + signal);
}

fn exit_status(result: Result<(), Failure>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(Failure::Content) => 1,
        Err(Failure::Io(message)) => {
            say(&format!("error: {message}"));
            1
        }
        Err(Failure::Usage(message)) => {
            say(&format!("error: {message}"));
            2
        }
        Err(Failure::Refused(refusal)) => {
            // Two lines, each escaped: a path cannot forge a third.
            say(&format!("error: {}", refusal.message));
            say(&format!("  = help: {}", refusal.hint));
            2
        }
    }
}

/// Prints what `serve` (`serving`) and `build --watch` report.
fn reporter(serving: bool) -> Reporter {
    // After a failed rebuild, what readers still get.
    let kept = if serving {
        "still serving the last good build"
    } else {
        "the output keeps the last good build"
    };
    Arc::new(move |event: Event| match event {
        // Stopping: a write given up is no error.
        _ if crate::write::stopped_by().is_some() => {}
        Event::Listening { url, exposed } => {
            if exposed {
                say("warning: listening on a non-loopback address: anyone on your network can read this site");
            }
            say(&format!("serving at {url} (Ctrl-C to stop)"));
        }
        Event::Built(outcome) => {
            print_diagnostics(&outcome.diagnostics, diagnostics::WARNINGS_SHOWN);
            let ms = outcome.elapsed.as_millis();
            let counts = diagnostics::summary(&outcome.diagnostics);
            if outcome.failed() {
                say(&format!(
                    "error: {counts}{}; {kept}",
                    denied(&outcome.diagnostics, outcome.denial)
                ));
            } else {
                say(&format!(
                    "built {} files in {ms} ms ({} written, {} removed): {counts}",
                    outcome.files,
                    outcome.written.len(),
                    outcome.removed.len()
                ));
            }
        }
        Event::WatchFailed(message) => say(&format!(
            "warning: {message}; changes will not be picked up"
        )),
    })
}

/// Prints each error and the first `warnings` warnings (their parts
/// escaped by `Diagnostic::render`), then how many warnings were left out:
/// thousands of warnings, reprinted at every rebuild, would bury the
/// errors and the summary. `dossier check` prints them all.
fn print_diagnostics(diagnostics: &[crate::Diagnostic], warnings: usize) {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (shown, hidden) = diagnostics::shown(diagnostics, warnings);
    for d in shown {
        eprintln!("{}\n", d.render(styled));
    }
    if hidden > 0 {
        let more = if hidden == 1 { "warning" } else { "warnings" };
        say(&format!(
            "note: {hidden} more {more} not shown (the first {warnings} are above); `dossier check` lists every one"
        ));
    }
}

/// Prints one line on stderr, its control characters escaped: a path or
/// message naming a site's file cannot send the terminal escape sequences,
/// nor a line break that would forge a line of the report.
fn say(line: &str) {
    eprintln!("{}", diagnostics::escape(line));
}
