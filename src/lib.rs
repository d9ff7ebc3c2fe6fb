//! AKS Triage: diagnose Azure Kubernetes Service connectivity and API-server
//! problems from pasted error text and command output.
//!
//! The crate is the plain-Rust engine behind both the browser wizard (`app/`)
//! and the `aks-triage` command-line tool:
//!
//! - [`model`]: the knowledge model (symptoms, causes, checks, parameters);
//! - [`compile`]: markdown under `content/` → validated model (native only);
//! - [`text`]: input limits and the whitespace-folded view matchers search;
//! - [`pattern`]: the regex backend (`regex` natively, `regex-lite` in wasm);
//! - [`analyzers`]: parsers for the command outputs the checks ask for;
//! - [`engine`]: matching, facts, ranking, verdicts and the next check;
//! - [`diagnosis`]: the result as plain data (what the engine returns);
//! - [`eval`]: accuracy on labelled real pastes (native only);
//! - [`fill`]: `<param>` placeholders filled with the user's values;
//! - [`search`]: full-text search over symptoms and causes (the related tier, the search box);
//! - [`render`]: the terminal and markdown reports;
//! - [`redact`]: placeholders for addresses, names and secrets before a report leaves.
//!
//! ```
//! let engine = aks_triage::Engine::new(aks_triage::builtin_model().unwrap()).unwrap();
//! let query = aks_triage::Query {
//!     inputs: vec!["Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout".into()],
//!     ..Default::default()
//! };
//! let d = engine.diagnose(&query).unwrap();
//! assert_eq!(d.symptoms[0].id, "kubelet-10250-timeout");
//! ```
#![warn(missing_docs)]

pub mod analyzers;
#[cfg(feature = "compile")]
pub mod compile;
pub mod diagnosis;
pub mod engine;
#[cfg(feature = "compile")]
pub mod eval;
pub mod fill;
pub mod model;
pub mod pattern;
pub mod redact;
pub mod render;
pub mod search;
pub mod text;

pub use diagnosis::{Answer, Basis, Diagnosis, Query, Verdict};
pub use engine::Engine;
pub use model::Model;

/// The built-in knowledge: `content/` as compiled and validated by the build
/// script, embedded as JSON.
#[cfg(feature = "compile")]
pub fn builtin_model() -> Result<Model, String> {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/model.json"))).map_err(|e| format!("the embedded model does not load: {e}"))
}
