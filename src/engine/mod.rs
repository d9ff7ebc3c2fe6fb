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
use std::collections::BTreeMap;
use crate::diagnosis::{Basis, Diagnosis, FactValue, Query};
use crate::fill::Segment;
use crate::model::{CodeBlock, Model};
use crate::pattern;
use crate::text::InputError;
use document::Document;
use matching::{CompiledAksSign, CompiledLookalike, CompiledMatcher, CompiledMention, Views};

/// Why the engine could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError(pub String);

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for EngineError {}

/// Words of a shell or OS saying the command itself did not run.
const NOT_RUN: &[&str] = &["command not found", "is not recognized as an internal or external command", "is not recognized as the name of a cmdlet", "executable file not found in $path", "no such file or directory: "];

/// Said when a platform-neutral error is not claimed for want of an AKS sign.
const NO_AKS_SIGN_WARNING: &str = "This error reads the same on every Kubernetes cluster, and nothing in the paste shows AKS (an azmk8s.io API server, AKS node names, the tunnel pods, `az aks`). Its usual AKS causes are listed as possible leads, not as a recognised AKS symptom. If this is an AKS cluster, say so (`--aks` on the command line, “It is AKS” on the page) or paste more of the output.";

/// The compiled engine. Build once, diagnose many times.
pub struct Engine {
    model: Model,
    matchers: Vec<CompiledMatcher>,
    mentions: Vec<CompiledMention>,
    lookalikes: Vec<CompiledLookalike>,
    aks_signs: Vec<CompiledAksSign>,
    related: crate::search::Index,
    search_box: crate::search::Index,
}

/// What the search box found: a symptom or a cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    /// `"symptom"` or `"cause"`.
    pub kind: &'static str,
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The BM25 score.
    pub score: f32,
    /// The query's terms it shares.
    pub shared: Vec<String>,
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
        let mut mentions = Vec::new();
        for (ci, c) in model.causes.iter().enumerate() {
            for (mi, m) in c.mentions.iter().enumerate() {
                let re = pattern::compile(&m.pattern).map_err(|e| EngineError(format!("cause {} mention {}: {e}", c.id, mi + 1)))?;
                mentions.push(CompiledMention { cause: ci, mention: mi, re });
            }
        }
        let mut lookalikes = Vec::new();
        for (index, l) in model.lookalikes.iter().enumerate() {
            let re = pattern::compile(&l.pattern).map_err(|e| EngineError(format!("lookalike {}: {e}", index + 1)))?;
            let unless = l.unless.as_deref().map(pattern::compile).transpose().map_err(|e| EngineError(format!("lookalike {}: {e}", index + 1)))?;
            lookalikes.push(CompiledLookalike { index, re, unless });
        }
        let mut aks_signs = Vec::new();
        for (index, a) in model.aks_signs.iter().enumerate() {
            let re = pattern::compile(&a.pattern).map_err(|e| EngineError(format!("AKS sign {}: {e}", index + 1)))?;
            aks_signs.push(CompiledAksSign { index, re });
        }
        let docs: Vec<&[(String, u32)]> = model.causes.iter().map(|c| c.terms.as_slice()).collect();
        let related = crate::search::Index::new(&docs);
        // The search box ranks symptoms and causes in one index (causes
        // first, then symptoms), so their scores compare.
        let all_docs: Vec<&[(String, u32)]> = model.causes.iter().map(|c| c.terms.as_slice()).chain(model.symptoms.iter().map(|s| s.terms.as_slice())).collect();
        let search_box = crate::search::Index::new(&all_docs);
        Ok(Engine { model, matchers, mentions, lookalikes, aks_signs, related, search_box })
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Diagnoses a query.
    pub fn diagnose(&self, query: &Query) -> Result<Diagnosis, InputError> {
        let doc = Document::assemble(&query.inputs)?;
        let inputs = query
            .inputs
            .iter()
            .enumerate()
            .map(|(i, text)| crate::diagnosis::InputInfo {
                label: query.labels.get(i).cloned().unwrap_or_else(|| if i == 0 { "your paste".to_string() } else { format!("input {}", i + 1) }),
                lines: text.lines().count(),
            })
            .collect();
        let mut diag = Diagnosis { inputs, ..Diagnosis::default() };
        if doc.text.trim().is_empty() && query.answers.is_empty() && query.declared.is_empty() {
            return Ok(diag);
        }

        let views = Views::new(&doc.text, self.matchers.iter().any(|m| m.on == crate::model::Haystack::Raw));
        let mut hits = matching::find_hits(&self.model, &self.matchers, &views);
        diag.warnings.extend(matching::quiet_lookalikes(&self.model, &self.lookalikes, &views, &mut hits));
        let mentions = matching::find_mentions(&self.model, &self.mentions, &views);
        // A platform-neutral error is claimed as an AKS symptom only where
        // the paste shows AKS (or the user says so).
        let needs_sign = hits.iter().any(|h| self.model.symptoms[h.symptom].needs_aks_sign);
        let on_aks = query.on_aks || (needs_sign && matching::find_aks_sign(&self.model, &self.aks_signs, &views).is_some());
        if needs_sign && !on_aks {
            diag.warnings.push(NO_AKS_SIGN_WARNING.to_string());
        }
        let claimed = |symptom: usize| on_aks || !self.model.symptoms[symptom].needs_aks_sign;

        let mut facts = facts::from_user(&query.params);
        let extracted = facts::add_from_hits(&mut facts, &hits, &doc);
        let context = analyzers::Context { params: query.params.clone(), extracted };
        let recognitions: Vec<Recognition> = analyzers::analyze_all(&doc.text, &context);
        facts::add_from_outputs(&mut facts, &recognitions, &doc);
        facts::add_derived_and_defaults(&mut facts, &self.model);

        let symptoms = ranking::symptoms(&self.model, &hits, &recognitions, &query.declared, &claimed, &doc, &mut diag);
        let inputs = ranking::CauseInputs { model: &self.model, symptoms: &symptoms, hits: &hits, mentions: &mentions, recognitions: &recognitions, answers: &query.answers, doc: &doc };
        ranking::causes(&inputs, &mut diag);
        // With no symptom and nothing firmer than mentions, the leads are
        // thin: search our notes for related causes to fill the first places.
        // A lookalike keeps them too: they are labelled as leads, and the
        // mechanism (a firewall, a security group) is often the same.
        // An output read without a conclusion ("1 OOM kill, not of the
        // tunnel") is no lead either.
        if diag.symptoms.is_empty() && diag.causes.iter().all(|c| c.basis >= Basis::Mention || c.score <= ranking::NO_CONCLUSION_SCORE) {
            ranking::related(&self.model, self.related.search(&doc.text), &mut diag);
        }

        diag.facts = facts.into_values().collect();
        diag.next_check = next_check::next_check(&self.model, &diag, query, &recognitions);
        Ok(diag)
    }

    /// Symptoms and causes whose content matches a search query, best first
    /// (the wizard's search box: "times out" finds the 10250 symptom).
    pub fn search_all(&self, query: &str) -> Vec<Found<'_>> {
        let causes = self.model.causes.len();
        self.search_box
            .search(query)
            .into_iter()
            .map(|s| {
                let (kind, id, title) = match s.doc.checked_sub(causes) {
                    None => ("cause", &self.model.causes[s.doc].id, &self.model.causes[s.doc].title),
                    Some(i) => ("symptom", &self.model.symptoms[i].id, &self.model.symptoms[i].title),
                };
                Found { kind, id, title, score: s.score, shared: s.shared }
            })
            .collect()
    }

    /// Reads the output pasted at a command check: what it was read as and
    /// what it says about each cause, or a clear reason why it cannot be
    /// used (empty, binary, the command did not run, not the expected output).
    pub fn read_output(&self, check_id: &str, text: &str, params: &BTreeMap<String, String>) -> crate::diagnosis::OutputReading {
        use crate::diagnosis::OutputReading;
        let problem = |p: String| OutputReading { problem: Some(p), ..OutputReading::default() };
        if text.trim().is_empty() {
            return problem("Paste the command's output first.".into());
        }
        if let Err(e) = crate::text::check_input(text) {
            return problem(format!("We cannot read this output: {e}."));
        }
        if let Some(line) = text.lines().find(|l| NOT_RUN.iter().any(|w| l.to_ascii_lowercase().contains(w))) {
            return problem(format!("The command did not run (“{}”). Install it, or run the check where it is available (on the node, through kubectl debug or az vmss run-command), then paste its output.", crate::text::one_line(line.trim(), 100)));
        }
        let Some(check) = self.model.check(check_id) else { return problem(format!("Unknown check `{check_id}`.")) };
        let Some(name) = check.analyzer.as_deref() else { return OutputReading::default() };
        let context = analyzers::Context { params: params.clone(), extracted: BTreeMap::new() };
        let read: Vec<Recognition> = analyzers::analyze_all(text, &context).into_iter().filter(|r| r.analyzer == name).collect();
        if read.is_empty() {
            let expected = analyzers::analyzer(name).map_or("the output of the command above", |a| a.reads);
            return problem(format!("We could not read this as {expected}. Paste the whole output of the command above, from its first line; a cut or reformatted output cannot be read."));
        }
        let mut reading = OutputReading { read_as: read.iter().map(|r| r.label.clone()).collect(), ..OutputReading::default() };
        for f in read.iter().flat_map(|r| &r.findings) {
            let title = self.model.cause(f.cause).map_or(f.cause, |c| c.title.as_str()).to_string();
            let effect = match f.effect {
                analyzers::Effect::Confirms => "confirms",
                analyzers::Effect::Supports => "supports",
                analyzers::Effect::RulesOut => "rules out",
                analyzers::Effect::NoConclusion => "says nothing on",
            };
            reading.findings.push((f.cause.to_string(), title, effect.to_string(), f.reason.clone()));
        }
        reading
    }

    /// Splits a command into text and parameter segments, filled from `facts`.
    pub fn fill(&self, block: &CodeBlock, facts: &[FactValue]) -> Vec<Segment> {
        crate::fill::fill_code(&block.code, facts)
    }
}
