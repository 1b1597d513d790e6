//! The `dossier` binary: parses the command line and exits with the
//! status the command returns.

use clap::Parser;

// Rendering allocates many small strings on every thread; mimalloc's
// per-thread heaps make that several times cheaper than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = dossier::cli::Cli::parse();
    std::process::exit(dossier::cli::run(cli));
}
