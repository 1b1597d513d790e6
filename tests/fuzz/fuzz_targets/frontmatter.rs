//! Fuzz target: one brief file, arbitrary bytes, through front-matter
//! splitting, YAML decoding, resolution and rendering. Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier::fuzzing::one_brief(data);
});
