//! The `dossier` binary: parses the command line and exits with the
//! status the command returns.

use clap::Parser;

fn main() {
    let cli = dossier::cli::Cli::parse();
    std::process::exit(dossier::cli::run(cli));
}
