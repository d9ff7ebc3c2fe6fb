//! Accuracy on labelled real pastes: hit@1, hit@3, confident answers on
//! lookalikes, and the confusions, per label.
//!
//! A corpus is JSON Lines, one paste per line, in the format of
//! `eval/*.jsonl` (and the shared corpus it started from):
//! `{"id", "label", "alt_labels", "text", "source", "note"}`. A label names a
//! cause family; [`Labels`] (from `eval/labels.toml`) maps it to the symptom
//! and cause ids that count as a correct answer. The label `none` marks a
//! lookalike: it counts against us if any symptom is recognised or any cause
//! is `likely` or `confirmed`.
//!
//! The scoring rule is the one the project is judged by (the shared
//! `score.py`): hit@3 means an accepted id is among the first three causes or
//! among the recognised symptoms; hit@1 means it is the first cause (or, with
//! no cause, the first symptom).

use crate::diagnosis::{Diagnosis, Query, Verdict};
use crate::Engine;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One labelled paste.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// A short unique id.
    pub id: String,
    /// The cause family the thread established, or `none`.
    pub label: String,
    /// Other labels that also count as correct (ambiguous threads).
    #[serde(default)]
    pub alt_labels: Vec<String>,
    /// The paste, verbatim.
    pub text: String,
    /// Where it was found (`owner/repo#N` or a URL).
    #[serde(default)]
    pub source: String,
}

/// Label → the ids (causes or symptoms) that count as a correct answer.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Labels {
    /// The mapping; a label missing here accepts only the id equal to it.
    #[serde(flatten)]
    pub accept: BTreeMap<String, Vec<String>>,
}

impl Labels {
    /// Reads `labels.toml` text.
    pub fn parse(text: &str) -> Result<Labels, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    fn accepted(&self, label: &str) -> BTreeSet<String> {
        match self.accept.get(label) {
            Some(ids) => ids.iter().cloned().collect(),
            None => std::iter::once(label.to_string()).collect(),
        }
    }
}

/// Reads a JSON Lines corpus; errors name the line.
pub fn parse_cases(text: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?);
    }
    Ok(out)
}

/// The outcome for one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The case id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// For positives: an accepted id is the first answer.
    pub hit1: bool,
    /// For positives: an accepted id is in the first three causes or the symptoms.
    pub hit3: bool,
    /// For lookalikes: a symptom was recognised or a cause was confident.
    pub confident_on_negative: bool,
    /// The first three cause ids we answered, for the confusion list.
    pub answered: Vec<String>,
    /// How the hit was earned (`symptom`, or the cause's basis).
    pub basis: Option<String>,
}

/// Scores one diagnosis against one case.
pub fn score(case: &Case, d: &Diagnosis, labels: &Labels) -> Outcome {
    // Like score.py, every ranked cause counts; ruled-out ones are ranked last.
    let cause_ids: Vec<&str> = d.causes.iter().map(|c| c.id.as_str()).collect();
    let symptom_ids: BTreeSet<&str> = d.symptoms.iter().map(|s| s.id.as_str()).collect();
    let answered = cause_ids.iter().take(3).map(|s| s.to_string()).collect();
    let mut outcome = Outcome { id: case.id.clone(), label: case.label.clone(), hit1: false, hit3: false, confident_on_negative: false, answered, basis: None };
    if case.label == "none" {
        outcome.confident_on_negative = !symptom_ids.is_empty() || d.causes.iter().any(|c| matches!(c.verdict, Verdict::Likely | Verdict::Confirmed));
        return outcome;
    }
    let mut accept = labels.accepted(&case.label);
    for alt in case.alt_labels.iter().filter(|a| *a != "none") {
        accept.extend(labels.accepted(alt));
    }
    let first: Option<&str> = cause_ids.first().copied().or_else(|| symptom_ids.iter().next().copied());
    // score.py also counts the protocol-mismatch symptom as a first answer:
    // that symptom is its own cause.
    outcome.hit1 = first.is_some_and(|f| accept.contains(f)) || (case.label == "kubelet-http-https" && symptom_ids.iter().any(|s| accept.contains(*s)));
    let top3: BTreeSet<&str> = cause_ids.iter().take(3).copied().chain(symptom_ids.iter().copied()).collect();
    outcome.hit3 = top3.iter().any(|id| accept.contains(*id));
    if outcome.hit3 {
        outcome.basis = if symptom_ids.iter().any(|s| accept.contains(*s)) {
            Some("symptom".into())
        } else {
            d.causes.iter().take(3).find(|c| accept.contains(&c.id)).map(|c| c.basis.as_str().to_string())
        };
    }
    outcome
}

/// Figures over a whole corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Positive cases.
    pub positives: usize,
    /// Lookalikes.
    pub negatives: usize,
    /// Percentage of positives with an accepted first answer.
    pub hit1: f64,
    /// Percentage of positives with an accepted answer in the top three.
    pub hit3: f64,
    /// Percentage of lookalikes answered with a symptom or a confident cause.
    pub negative_confident: f64,
    /// Cases the engine refused (binary, too large).
    pub errors: usize,
}

/// Runs every case through the engine.
pub fn run(engine: &Engine, cases: &[Case], labels: &Labels) -> (Vec<Outcome>, Summary) {
    let mut outcomes = Vec::new();
    let mut errors = 0;
    for case in cases {
        let query = Query { inputs: vec![case.text.clone()], ..Default::default() };
        let d = match engine.diagnose(&query) {
            Ok(d) => d,
            Err(_) => {
                errors += 1;
                Diagnosis::default()
            }
        };
        outcomes.push(score(case, &d, labels));
    }
    let pos: Vec<&Outcome> = outcomes.iter().filter(|o| o.label != "none").collect();
    let neg: Vec<&Outcome> = outcomes.iter().filter(|o| o.label == "none").collect();
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let summary = Summary {
        positives: pos.len(),
        negatives: neg.len(),
        hit1: pct(pos.iter().filter(|o| o.hit1).count(), pos.len()),
        hit3: pct(pos.iter().filter(|o| o.hit3).count(), pos.len()),
        negative_confident: pct(neg.iter().filter(|o| o.confident_on_negative).count(), neg.len()),
        errors,
    };
    (outcomes, summary)
}

/// The per-label table, the confusions and the summary line.
pub fn report(outcomes: &[Outcome], summary: &Summary, verbose: bool) -> String {
    let mut out = String::new();
    let mut per: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut bases: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        let e = per.entry(o.label.as_str()).or_default();
        e.0 += 1;
        if o.label == "none" {
            e.2 += usize::from(o.confident_on_negative);
        } else {
            e.1 += usize::from(o.hit1);
            e.2 += usize::from(o.hit3);
        }
        if let Some(b) = &o.basis {
            *bases.entry(b.as_str()).or_default() += 1;
        }
    }
    let _ = writeln!(out, "{:<30} {:>4} {:>6} {:>6}", "label", "n", "hit@1", "hit@3");
    for (label, (n, h1, h3)) in &per {
        if *label == "none" {
            let _ = writeln!(out, "{:<30} {:>4} {:>6} {:>6}  (confident on {h3})", label, n, "-", "-");
        } else {
            let _ = writeln!(out, "{label:<30} {n:>4} {h1:>6} {h3:>6}");
        }
    }
    let mut confusions: BTreeMap<(String, String), usize> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| o.label != "none" && !o.hit1) {
        let got = o.answered.first().cloned().unwrap_or_else(|| "(nothing)".into());
        *confusions.entry((o.label.clone(), got)).or_default() += 1;
    }
    if !confusions.is_empty() {
        let mut list: Vec<_> = confusions.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = writeln!(out, "\nconfusions (label → first answer):");
        for ((label, got), n) in list.iter().take(25) {
            let _ = writeln!(out, "  {n:>3}  {label} → {got}");
        }
    }
    if verbose {
        let _ = writeln!(out);
        for o in outcomes {
            if o.label == "none" && o.confident_on_negative {
                let _ = writeln!(out, "FP   {}: {:?}", o.id, o.answered);
            } else if o.label != "none" && !o.hit3 {
                let _ = writeln!(out, "MISS {} [{}]: {:?}", o.id, o.label, o.answered);
            }
        }
    }
    let _ = writeln!(out, "hit@3 by basis: {}", bases.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "));
    let _ = writeln!(
        out,
        "eval n={} hit1={:.1}% hit3={:.1}% neg_confident={:.1}% errors={}",
        summary.positives + summary.negatives,
        summary.hit1,
        summary.hit3,
        summary.negative_confident,
        summary.errors
    );
    out
}
