//! Fuzz target: Markdown with `[[id]]` links and URL rewriting, as a body
//! and as an inline field, at three page depths, portable or not. Must
//! never panic, and every problem must lie inside the source.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        dossier::fuzzing::markdown(text);
    }
});
