//! dossier's integration tests: one binary, one module per feature.
//! See tests/README.md for what each module covers and how fixtures work.

mod data;
mod diagnostics;
mod equivalence;
mod errors;
mod example_site;
mod filesystem;
mod fixtures;
mod fuzz_corpus;
mod hostile;
mod invariants;
mod links;
mod lists;
mod live;
mod malformed;
mod maps;
mod output;
mod pictures;
mod properties;
mod publish;
mod reading;
mod scaffold;
mod scale;
mod schema;
mod search;
mod serve;
mod server_load;
mod small_site;
mod snapshots;
mod theme;
mod watch;
