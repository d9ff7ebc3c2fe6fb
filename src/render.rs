//! Reports for people: the terminal report and a markdown report for tickets,
//! plus the JSON report's shape.

use crate::diagnosis::{Diagnosis, Verdict};
use crate::engine::Engine;
use crate::fill::segments_to_string;
use crate::model::CodeBlock;
use serde::Serialize;
use std::fmt::Write;

/// A fix or query with its parameters filled, for the JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct FilledBlock {
    /// The cause it belongs to.
    pub cause: String,
    /// Title of the block.
    pub title: String,
    /// Variant ("Helm 3"), if any.
    pub variant: Option<String>,
    /// The text with known parameters filled; unknown ones stay `<name>`.
    pub code: String,
    /// Parameters still unfilled.
    pub missing: Vec<String>,
}

/// The machine-readable report (`--json`).
#[derive(Debug, Clone, Serialize)]
pub struct JsonReport<'a> {
    /// The diagnosis (symptoms, causes, blocks, facts, next check).
    #[serde(flatten)]
    pub diagnosis: &'a Diagnosis,
    /// Fixes of confirmed and likely causes, filled.
    pub fixes: Vec<FilledBlock>,
}

/// Fills one block.
pub fn filled(engine: &Engine, cause: &str, block: &CodeBlock, d: &Diagnosis) -> FilledBlock {
    let segs = engine.fill(block, &d.facts);
    let missing = segs
        .iter()
        .filter_map(|s| match s {
            crate::fill::Segment::Param { name, value: None, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    FilledBlock { cause: cause.to_string(), title: block.title.clone(), variant: block.variant.clone(), code: segments_to_string(&segs), missing }
}

/// The causes whose fixes to offer: the confirmed ones, or else the two most
/// likely.
pub fn fix_causes(d: &Diagnosis) -> Vec<&str> {
    let confirmed: Vec<&str> = d.causes.iter().filter(|c| c.verdict == Verdict::Confirmed).map(|c| c.id.as_str()).collect();
    if confirmed.is_empty() {
        d.causes.iter().filter(|c| c.verdict == Verdict::Likely).map(|c| c.id.as_str()).take(2).collect()
    } else {
        confirmed
    }
}

/// The fixes to show, filled: see [`fix_causes`].
pub fn fixes(engine: &Engine, d: &Diagnosis) -> Vec<FilledBlock> {
    fix_causes(d)
        .iter()
        .filter_map(|id| engine.model().cause(id))
        .flat_map(|c| c.fixes.iter().map(move |b| (c, b)))
        .map(|(c, b)| filled(engine, &c.id, b, d))
        .collect()
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

use crate::text::one_line;

/// The terminal report.
pub fn human(engine: &Engine, d: &Diagnosis, input_names: &[String]) -> String {
    let mut out = String::new();
    let name = |i: usize| input_names.get(i).cloned().unwrap_or_else(|| format!("input {}", i + 1));
    for w in &d.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    if !d.recognised() {
        out.push_str("Nothing recognised.\n\nThis does not look like one of the AKS connectivity or API-server problems we know.\n");
        out.push_str("Run `aks-triage list` to see the symptoms we recognise, or paste the full error (with the line before and after it).\n");
        if !d.causes.is_empty() {
            out.push_str("\nLEADS (named in the text or related by its words; not conclusions)\n");
            for (i, c) in d.causes.iter().enumerate() {
                let _ = writeln!(out, "  {}. {} — {}  [{}]", i + 1, c.id, c.title, c.basis.as_str());
                for r in c.reasons.iter().take(2) {
                    let _ = writeln!(out, "       · {r}");
                }
            }
        }
        return out;
    }
    out.push_str("RECOGNISED\n");
    for b in &d.blocks {
        let _ = writeln!(out, "  [{}] {}:{}  {}", b.label, name(b.evidence.input), b.evidence.line, one_line(&b.evidence.text, 90));
    }
    for (heading, list) in [("SYMPTOMS", &d.symptoms), ("RECOGNISED WORDING, NOT YET SHOWN TO BE AKS (pass --aks if it is)", &d.generic_symptoms)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading}");
        for s in list {
            let _ = writeln!(out, "  {:<28} {}  (strength {:.2})", s.id, s.title, s.weight);
            if let Some(e) = s.evidence.first() {
                let _ = writeln!(out, "       > {}:{}  {}", name(e.input), e.line, one_line(&e.text, 80));
            }
        }
    }
    let open: Vec<_> = d.causes.iter().filter(|c| c.verdict != Verdict::RuledOut).collect();
    if !open.is_empty() {
        out.push_str("\nCAUSES, BEST FIRST\n");
        for (i, c) in open.iter().enumerate() {
            let _ = writeln!(out, "  {}. {:<10} {:.2}  {} — {}  [{}]", i + 1, c.verdict.as_str(), c.score, c.id, c.title, c.basis.as_str());
            for r in c.reasons.iter().take(4) {
                let _ = writeln!(out, "       · {r}");
            }
            // The symptom lines are shown once above; list only what is specific to this cause.
            let specific = c.evidence.iter().filter(|e| !d.symptoms.iter().chain(&d.generic_symptoms).any(|s| s.evidence.iter().any(|x| x.input == e.input && x.start == e.start)));
            for e in specific.take(3) {
                let _ = writeln!(out, "       > {}:{}  {}", name(e.input), e.line, one_line(&e.text, 80));
            }
        }
    }
    let ruled: Vec<_> = d.causes.iter().filter(|c| c.verdict == Verdict::RuledOut).collect();
    if !ruled.is_empty() {
        out.push_str("\nRULED OUT\n");
        for c in ruled {
            let _ = writeln!(out, "  - {} — {}", c.id, c.reasons.last().cloned().unwrap_or_default());
        }
    }
    if let Some(n) = &d.next_check {
        out.push_str("\nNEXT CHECK\n");
        let _ = writeln!(out, "  {} — {}", n.id, n.title);
        let _ = writeln!(out, "  {}", n.reason);
        if let Some(check) = engine.model().check(&n.id) {
            if !check.question.is_empty() {
                let _ = writeln!(out, "  Question: {}  (answer with --answer {}=yes|no)", check.question, check.id);
            }
            for cmd in &check.commands {
                let f = filled(engine, "", cmd, d);
                if let Some(v) = &f.variant {
                    let _ = writeln!(out, "  Run ({v}):");
                } else {
                    out.push_str("  Run:\n");
                }
                out.push_str(&indent(&f.code, "    "));
            }
            if !check.paste_hint.is_empty() {
                let _ = writeln!(out, "  Then: {}", check.paste_hint);
            }
        }
    }
    let fixes = fixes(engine, d);
    if !fixes.is_empty() {
        out.push_str("\nFIX\n");
        for f in &fixes {
            let variant = f.variant.as_ref().map(|v| format!(" ({v})")).unwrap_or_default();
            let _ = writeln!(out, "  # {} — {}{}", f.cause, f.title, variant);
            out.push_str(&indent(&f.code, "    "));
            if !f.missing.is_empty() {
                let _ = writeln!(out, "    (fill in: {}; or pass --param NAME=VALUE)", f.missing.join(", "));
            }
        }
    }
    let known: Vec<_> = d.facts.iter().filter(|f| f.origin != crate::diagnosis::Origin::Default).collect();
    if !known.is_empty() {
        out.push_str("\nVALUES\n");
        for f in known {
            let origin = match f.origin {
                crate::diagnosis::Origin::User => "you gave",
                crate::diagnosis::Origin::Extracted => "read from input",
                crate::diagnosis::Origin::Default => "default",
            };
            let _ = writeln!(out, "  {:<22} {}  ({origin})", f.name, f.value);
        }
    }
    out
}

/// A markdown report for tickets and chat.
pub fn markdown(engine: &Engine, d: &Diagnosis) -> String {
    let mut out = String::from("## AKS triage\n\n");
    if !d.recognised() {
        out.push_str("Nothing recognised.\n");
        if !d.causes.is_empty() {
            out.push_str("\nLeads (named in the text or related by its words; not conclusions):\n\n");
            for c in &d.causes {
                let _ = writeln!(out, "- `{}` {} ({})", c.id, c.title, c.basis.as_str());
            }
        }
        return out;
    }
    for (heading, list) in [("Symptoms", &d.symptoms), ("Recognised wording, not yet shown to be AKS", &d.generic_symptoms)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {heading}\n");
        for s in list {
            let _ = writeln!(out, "- **{}** (`{}`)", s.title, s.id);
            if let Some(e) = s.evidence.first() {
                let _ = writeln!(out, "  - line {}: `{}`", e.line, one_line(&e.text, 120).replace('`', "'"));
            }
        }
        out.push('\n');
    }
    out.push_str("### Causes\n\n| # | verdict | score | basis | cause | why |\n|---|---|---|---|---|---|\n");
    for (i, c) in d.causes.iter().enumerate() {
        let why = c.reasons.last().cloned().unwrap_or_default().replace('|', "\\|");
        let _ = writeln!(out, "| {} | {} | {:.2} | {} | `{}` {} | {} |", i + 1, c.verdict.as_str(), c.score, c.basis.as_str(), c.id, c.title, why);
    }
    if let Some(n) = &d.next_check {
        let _ = write!(out, "\n### Next check\n\n**{}** (`{}`): {}\n", n.title, n.id, n.reason);
        if let Some(check) = engine.model().check(&n.id) {
            for cmd in &check.commands {
                let f = filled(engine, "", cmd, d);
                let _ = write!(out, "\n```{}\n{}\n```\n", cmd.lang, f.code);
            }
        }
    }
    let fixes = fixes(engine, d);
    if !fixes.is_empty() {
        out.push_str("\n### Fix\n");
        for f in &fixes {
            let _ = write!(out, "\n**{}** (`{}`)\n\n```\n{}\n```\n", f.title, f.cause, f.code);
        }
    }
    // The articles behind the open causes, each once.
    let mut sources: Vec<String> = Vec::new();
    for c in d.causes.iter().filter(|c| c.verdict != Verdict::RuledOut) {
        if let Some(cause) = engine.model().cause(&c.id) {
            let title = engine.model().source_title(&cause.source.file).unwrap_or("AKS troubleshooting article");
            let line = format!("- {title}, “{}”", cause.source.section);
            if !sources.contains(&line) {
                sources.push(line);
            }
        }
    }
    if !sources.is_empty() {
        let _ = write!(out, "\n### Sources\n\n{}\n", sources.join("\n"));
    }
    out
}
