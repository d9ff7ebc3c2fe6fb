//! The diagnosis engine: pasted blocks → symptoms, ranked causes with evidence,
//! facts, and the single next check.
//!
//! [`Engine::diagnose`] runs five stages, one module each:
//!
//! 1. [`matching`]: symptom matchers over the document (all pasted blocks
//!    joined, see [`document`]), searched only around their anchors;
//! 2. [`facts`]: parameter values from the user, the errors and the outputs;
//!    the analyzers (`crate::analyzers`) read command outputs in between;
//! 3. [`ranking`]: symptom strengths, then
//! 4. [`ranking`]: causes with verdicts, reasons, evidence and their basis;
//! 5. [`next_check`]: the one check that best separates what is still open.
//!
//! The result is plain data ([`crate::diagnosis`]).

mod document;
pub mod facts;
mod matching;
mod next_check;
mod ranking;


pub use facts::vmss_of_node;

use crate::analyzers::{self, Recognition};
use crate::diagnosis::{Diagnosis, FactValue, Query};
use crate::fill::Segment;
use crate::model::{CodeBlock, Model};
use crate::pattern;
use crate::text::InputError;
use document::Document;
use matching::CompiledMatcher;

/// Why the engine could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError(pub String);

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for EngineError {}

/// The compiled engine. Build once, diagnose many times.
pub struct Engine {
    model: Model,
    matchers: Vec<CompiledMatcher>,
}

impl Engine {
    /// Compiles the model's matchers.
    pub fn new(model: Model) -> Result<Engine, EngineError> {
        let mut matchers = Vec::new();
        for (si, s) in model.symptoms.iter().enumerate() {
            for (mi, m) in s.matchers.iter().enumerate() {
                let re = pattern::compile(&m.pattern).map_err(|e| EngineError(format!("symptom {} matcher {}: {e}", s.id, mi + 1)))?;
                matchers.push(CompiledMatcher { symptom: si, matcher: mi, re, on: m.on });
            }
        }
        Ok(Engine { model, matchers })
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Every matcher pattern (for the ripgrep comparison script).
    pub fn patterns(&self) -> Vec<&str> {
        self.model.symptoms.iter().flat_map(|s| s.matchers.iter().map(|m| m.pattern.as_str())).collect()
    }

    /// Diagnoses a query.
    pub fn diagnose(&self, query: &Query) -> Result<Diagnosis, InputError> {
        let doc = Document::assemble(&query.inputs)?;
        let mut diag = Diagnosis::default();
        if doc.text.trim().is_empty() && query.answers.is_empty() && query.declared.is_empty() {
            return Ok(diag);
        }

        let hits = matching::find_hits(&self.model, &self.matchers, &doc.text);

        let mut facts = facts::from_user(&query.params);
        let extracted = facts::add_from_hits(&mut facts, &hits, &doc);
        let context = analyzers::Context { params: query.params.clone(), extracted };
        let recognitions: Vec<Recognition> = analyzers::analyze_all(&doc.text, &context);
        facts::add_from_outputs(&mut facts, &recognitions, &doc);
        facts::add_derived_and_defaults(&mut facts, &self.model);

        let symptoms = ranking::symptoms(&self.model, &hits, &recognitions, &query.declared, &doc, &mut diag);
        let inputs = ranking::CauseInputs { model: &self.model, symptoms: &symptoms, hits: &hits, recognitions: &recognitions, answers: &query.answers, doc: &doc };
        ranking::causes(&inputs, &mut diag);

        diag.facts = facts.into_values().collect();
        diag.next_check = next_check::next_check(&self.model, &diag, query, &recognitions);
        Ok(diag)
    }

    /// Splits a command into text and parameter segments, filled from `facts`.
    pub fn fill(&self, block: &CodeBlock, facts: &[FactValue]) -> Vec<Segment> {
        crate::fill::fill_code(&block.code, facts)
    }
}
