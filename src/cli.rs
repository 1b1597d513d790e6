//! The command line: `dossier build` and `dossier check`, each a few lines
//! over the pipeline, printing diagnostics and a one-line summary.

use crate::{diagnostics, BuildOptions, Failure, Report};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
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
        /// Absolute URL the site will be served from (overrides site.yaml)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Spell out index.html in every link to a folder, to read the site from disk
        #[arg(long)]
        portable: bool,
    },
    /// Check everything a build checks, and write nothing
    Check {
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
    },
}

/// Runs the command; returns the process exit status.
pub fn run(cli: Cli) -> i32 {
    let started = Instant::now();
    let (report, result, verb) = match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            base_url,
            portable,
        } => {
            let options = BuildOptions {
                root: crate::root_or_current(root.as_deref()),
                out,
                drafts,
                base_url,
                portable,
            };
            let (report, result) = crate::build(&options);
            (report, result, "built")
        }
        Command::Check { root, drafts } => {
            let options = BuildOptions {
                root: crate::root_or_current(root.as_deref()),
                drafts,
                ..BuildOptions::default()
            };
            let (report, result) = crate::check(&options);
            (report, result, "checked")
        }
    };
    print_diagnostics(&report);
    let elapsed = started.elapsed().as_millis();
    match result {
        Ok(()) => {
            let warnings = if report.diagnostics.is_empty() {
                String::new()
            } else {
                format!(", {}", diagnostics::summary(&report.diagnostics))
            };
            if verb == "built" {
                eprintln!(
                    "{verb} {} pages, {} files ({} written, {} unchanged) in {elapsed} ms{warnings}",
                    report.pages, report.files, report.stats.written, report.stats.unchanged
                );
            } else {
                eprintln!(
                    "{verb} {} pages in {elapsed} ms: no errors{warnings}",
                    report.pages
                );
            }
            0
        }
        Err(Failure::Content) => {
            eprintln!(
                "error: {verb} nothing: {}",
                diagnostics::summary(&report.diagnostics)
            );
            1
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            1
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            2
        }
    }
}

fn print_diagnostics(report: &Report) {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in &report.diagnostics {
        eprintln!("{}\n", d.render(styled));
    }
}
