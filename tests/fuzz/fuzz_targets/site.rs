//! Fuzz target: a small site made from the input (files split at NUL
//! bytes, each put in a content folder by its first byte) through load,
//! resolve and render. Must never panic, and every page built must hold
//! the output invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../testsuite/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    invariants::check_output_invariants(&dossier::fuzzing::site(data));
});
