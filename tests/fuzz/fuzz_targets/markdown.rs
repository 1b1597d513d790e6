//! Fuzz target: Markdown with `[[id]]` links and URL rewriting, as a body
//! and as an inline field, at three page depths, portable or not. Must
//! never panic, every problem must lie inside the source, and every
//! rendering must hold the invariants of Markdown HTML (nothing the
//! sanitizer would drop, no handler, style or script URL).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../testsuite/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for rendering in dossier::fuzzing::markdown(text) {
            invariants::check_rendering(&rendering);
        }
    }
});
