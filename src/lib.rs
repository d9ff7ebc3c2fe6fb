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
//! - [`engine`]: matching, ranking, verdicts and the next check;
//! - [`fill`]: `<param>` placeholders filled with the user's values;
//! - [`render`]: the terminal and markdown reports.
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
pub mod engine;
pub mod fill;
pub mod model;
pub mod pattern;
pub mod render;
pub mod text;

pub use engine::{Answer, Diagnosis, Engine, Query, Verdict};
pub use model::Model;

#[cfg(feature = "compile")]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_content.rs"));
}

/// The content folder's files as compiled into this binary.
#[cfg(feature = "compile")]
pub fn builtin_files() -> Vec<compile::SourceFile> {
    embedded::FILES.iter().map(|(p, t)| compile::SourceFile { path: (*p).to_string(), text: (*t).to_string() }).collect()
}

/// The built-in knowledge, compiled from the content embedded at build time.
#[cfg(feature = "compile")]
pub fn builtin_model() -> Result<Model, Vec<compile::Diagnostic>> {
    compile::compile_files(&builtin_files())
}
