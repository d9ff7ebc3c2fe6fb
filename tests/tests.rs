//! Native integration tests, one binary. Each module is one area:

/// Data-driven diagnosis cases from `tests/cases/*.toml`.
mod cases;
/// The `aks-triage` binary: exit codes and output formats.
mod cli;
/// Accuracy on the real-paste corpora stays at or above the recorded figures.
mod eval;
/// The real `content/` compiles; broken fixtures fail with exact messages.
mod content;
/// No input makes the engine panic; limits hold for huge input.
mod robustness;
/// Reviewed snapshots of the model summary and the reports.
mod snapshots;

/// Shared helpers.
mod util {
    use aks_triage::{Engine, Model};
    use std::sync::OnceLock;

    /// The model compiled from the real `content/` folder.
    pub fn model() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
            match aks_triage::compile::compile_dir(&dir) {
                Ok(m) => m,
                Err(diags) => panic!("content/ does not compile:\n{}", diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")),
            }
        })
    }

    /// An engine over the real content.
    pub fn engine() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| Engine::new(model().clone()).expect("matchers compile"))
    }
}
