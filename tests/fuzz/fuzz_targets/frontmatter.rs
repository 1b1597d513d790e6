//! Fuzz target: one brief file, arbitrary bytes, through front-matter
//! splitting, YAML decoding, resolution and rendering. Must never panic,
//! and every page built must hold the output invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../testsuite/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    invariants::check_output_invariants(&dossier::fuzzing::one_brief(data));
});
