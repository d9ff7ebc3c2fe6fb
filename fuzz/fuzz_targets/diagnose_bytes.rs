//! Arbitrary bytes, as a user might paste or pipe them: decoding either
//! refuses them with a message or the engine diagnoses them, and nothing
//! panics.
#![no_main]

use aks_triage::{text, Engine, Query};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(aks_triage::builtin_model().expect("built-in model")).expect("engine"));

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = text::decode_bytes(data) {
        let query = Query { inputs: vec![text], ..Default::default() };
        if let Ok(d) = ENGINE.diagnose(&query) {
            let _ = aks_triage::render::human(&ENGINE, &d, &["fuzz".to_string()]);
            let _ = aks_triage::render::markdown(&ENGINE, &d);
        }
    }
});
