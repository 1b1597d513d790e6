//! Fuzz target: a small site made from the input (files split at NUL
//! bytes, each put in a content folder by its first byte) through load,
//! resolve and render. Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier::fuzzing::site(data);
});
