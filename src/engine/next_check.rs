//! Stage 5: the single next check.
//!
//! Among the checks the open causes list (and the questions the recognised
//! symptoms offer), the one that decides the most candidate score, weighted
//! towards the leading causes and towards decisive checks. Checks already
//! answered, settled by a symptom, or whose output is already pasted are
//! skipped.

use crate::analyzers::Recognition;
use crate::diagnosis::{Diagnosis, NextCheck, Query, RankedCause, Verdict};
use crate::model::{CheckKind, Model};

/// An answer that only makes a cause likelier decides half as much as one
/// that confirms or rules it out.
const SUPPORT_ONLY_DECISIVENESS: f32 = 0.5;

/// The check that best separates the open candidates: the one whose
/// conclusions cover the most candidate score, among checks not yet done.
pub(crate) fn next_check(model: &Model, diag: &Diagnosis, query: &Query, recognitions: &[Recognition]) -> Option<NextCheck> {
    if diag.causes.iter().any(|c| c.verdict == Verdict::Confirmed) {
        return None;
    }
    let open: Vec<&RankedCause> = diag.causes.iter().filter(|c| matches!(c.verdict, Verdict::Likely | Verdict::Possible)).collect();
    if open.is_empty() {
        return None;
    }
    let done_analyzers: Vec<&str> = recognitions.iter().map(|r| r.analyzer).collect();
    // Candidate checks: those the open causes list (in their order), then
    // the questions that the recognised symptoms offer.
    let mut candidates: Vec<&str> = Vec::new();
    for c in &open {
        if let Some(cause) = model.cause(&c.id) {
            for ch in &cause.checks {
                if !candidates.contains(&ch.as_str()) {
                    candidates.push(ch);
                }
            }
        }
    }
    for s in diag.symptoms.iter().chain(&diag.generic_symptoms) {
        if let Some(sym) = model.symptom(&s.id) {
            for ch in &sym.checks {
                if !candidates.contains(&ch.as_str()) {
                    candidates.push(ch);
                }
            }
        }
    }
    let settled: Vec<&str> = diag
        .symptoms
        .iter()
        .chain(&diag.generic_symptoms)
        .filter_map(|s| model.symptom(&s.id))
        .flat_map(|s| s.settles.iter().map(String::as_str))
        .collect();
    // Access the evidence shows is unavailable (kubectl cannot reach the API
    // server): no check that needs it is proposed.
    let unavailable: Vec<&str> =
        diag.symptoms.iter().chain(&diag.generic_symptoms).filter_map(|s| model.symptom(&s.id)).flat_map(|s| s.unavailable.iter().map(String::as_str)).collect();
    let mut best: Option<(f32, usize, &crate::model::Check, Vec<String>)> = None;
    for (idx, id) in candidates.iter().enumerate() {
        let Some(check) = model.check(id) else { continue };
        if check.needs.iter().any(|n| unavailable.contains(&n.as_str())) {
            continue;
        }
        if query.answers.contains_key(&check.id) || settled.contains(&check.id.as_str()) {
            continue;
        }
        if check.analyzer.as_deref().is_some_and(|a| done_analyzers.contains(&a)) {
            continue;
        }
        let separates: Vec<String> = open.iter().filter(|c| check.concludes.contains(&c.id)).map(|c| c.id.clone()).collect();
        if separates.is_empty() {
            continue;
        }
        // Value: the candidates it decides, weighted by their score (squared,
        // so the leading causes count most) and by how decisive the check is
        // for each: command output and confirm/rule-out answers count fully,
        // an answer that only makes a cause likelier counts half.
        let decisive = |cause: &str| -> f32 {
            if check.kind == CheckKind::Command {
                return 1.0;
            }
            let strong = [&check.yes, &check.no].iter().any(|e| e.confirms.iter().chain(&e.rules_out).any(|c| c == cause));
            if strong { 1.0 } else { SUPPORT_ONLY_DECISIVENESS }
        };
        let value: f32 = open.iter().filter(|c| check.concludes.contains(&c.id)).map(|c| c.score * c.score * decisive(&c.id)).sum();
        let better = match &best {
            None => true,
            Some((v, i, _, _)) => value > *v + 1e-6 || ((value - *v).abs() <= 1e-6 && idx < *i),
        };
        if better {
            best = Some((value, idx, check, separates));
        }
    }
    best.map(|(_, _, check, separates)| {
        let titles: Vec<String> = separates.iter().filter_map(|c| model.cause(c)).map(|c| c.title.clone()).collect();
        NextCheck {
            id: check.id.clone(),
            title: check.title.clone(),
            reason: format!("It can confirm or rule out: {}.", titles.join("; ")),
            separates,
        }
    })
}

