//! The diagnosis engine: pasted blocks → symptoms, ranked causes with evidence,
//! facts, and the single next check.
//!
//! All pasted blocks are read together as one document (blocks are joined by a
//! blank line), so a node IP in an error and the same node in `-o wide` output
//! are seen at once. Symptom matchers search the joined view (see
//! [`crate::text::Joined`]); analyzers read the raw lines.

use crate::analyzers::{self, Effect, Recognition};
use crate::fill::Segment;
use crate::model::{CodeBlock, Haystack, Model};
use crate::pattern::{self, Regex};
use crate::text::{self, InputError, Joined};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// At most this many matches per matcher are kept as evidence; a log with a
/// million identical errors says no more than one with fifty.
const MAX_HITS_PER_MATCHER: usize = 50;

/// A yes/no answer to a question check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
}

impl std::str::FromStr for Answer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Answer::Yes),
            "no" | "n" | "false" => Ok(Answer::No),
            other => Err(format!("`{other}` is not yes or no")),
        }
    }
}

/// What the user gave us.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Pasted blocks or files, in order.
    pub inputs: Vec<String>,
    /// Answers to question checks, by check id.
    pub answers: BTreeMap<String, Answer>,
    /// User-supplied parameter values (`resource_group`, `client_ip`, …).
    pub params: BTreeMap<String, String>,
    /// Symptoms the user picked by hand (starting from a symptom, not a paste).
    pub declared: Vec<String>,
}

/// How sure we are about a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Command output proves it.
    Confirmed,
    /// Strongly indicated.
    Likely,
    /// Consistent with what we saw; not yet checked.
    Possible,
    /// Command output or an answer excludes it.
    RuledOut,
}

impl Verdict {
    /// The JSON / display name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Likely => "likely",
            Verdict::Possible => "possible",
            Verdict::RuledOut => "ruled_out",
        }
    }
}

/// A span of the user's input that supports a conclusion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Which input (0-based) the span is in.
    pub input: usize,
    /// Byte offset of the start, within that input.
    pub start: usize,
    /// Byte offset of the end, within that input.
    pub end: usize,
    /// 1-based line of the start.
    pub line: usize,
    /// The text of the span (at most 300 bytes).
    pub text: String,
    /// What this evidence shows.
    pub note: String,
}

/// A recognised symptom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SymptomHit {
    /// Symptom id.
    pub id: String,
    /// Title.
    pub title: String,
    /// How strongly it was recognised, 0–1.
    pub weight: f32,
    /// Where.
    pub evidence: Vec<Evidence>,
}

/// A cause with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    /// Cause id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Score, 0–1, for ranking.
    pub score: f32,
    /// Why, one sentence each.
    pub reasons: Vec<String>,
    /// The spans behind it.
    pub evidence: Vec<Evidence>,
}

/// A labelled block of the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// "kubectl error", "ufw status output".
    pub label: String,
    /// `error` (a symptom matcher) or `output` (an analyzer).
    pub kind: String,
    /// Where.
    pub evidence: Evidence,
}

/// Where a parameter value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Typed by the user.
    User,
    /// Read from the pasted text.
    Extracted,
    /// The parameter's default.
    Default,
}

/// A parameter value and its origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactValue {
    /// Parameter name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Origin.
    pub origin: Origin,
    /// Where it was read, for extracted values.
    pub evidence: Option<Evidence>,
}

/// The check to do next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextCheck {
    /// Check id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Why this one.
    pub reason: String,
    /// The candidate causes it can decide.
    pub separates: Vec<String>,
}

/// The result of a diagnosis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// Recognised symptoms, strongest first.
    pub symptoms: Vec<SymptomHit>,
    /// Causes, best first; ruled-out causes last.
    pub causes: Vec<RankedCause>,
    /// Labelled blocks of the input, in input order.
    pub blocks: Vec<Block>,
    /// Known parameter values.
    pub facts: Vec<FactValue>,
    /// The single next check, if any candidate remains open.
    pub next_check: Option<NextCheck>,
    /// Non-fatal notes about the input.
    pub warnings: Vec<String>,
}

impl Diagnosis {
    /// Whether anything was recognised (symptom or command output).
    pub fn recognised(&self) -> bool {
        !self.symptoms.is_empty() || !self.blocks.is_empty() || !self.causes.is_empty()
    }

    /// The value of a fact.
    pub fn fact(&self, name: &str) -> Option<&FactValue> {
        self.facts.iter().find(|f| f.name == name)
    }

    /// The verdict of a cause, if it was ranked.
    pub fn verdict(&self, cause: &str) -> Option<Verdict> {
        self.causes.iter().find(|c| c.id == cause).map(|c| c.verdict)
    }
}

/// Why the engine could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError(pub String);

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for EngineError {}

struct CompiledMatcher {
    symptom: usize,
    matcher: usize,
    re: Regex,
    on: Haystack,
}

/// The compiled engine. Build once, diagnose many times.
pub struct Engine {
    model: Model,
    matchers: Vec<CompiledMatcher>,
}

struct Hit {
    symptom: usize,
    matcher: usize,
    span: Range<usize>,
    captures: Vec<(String, String, Range<usize>)>,
}

/// Values that people paste in place of the real thing.
fn looks_redacted(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    l.is_empty()
        || l.contains("x.x")
        || l.contains('*')
        || l.contains('<')
        || l.contains("...")
        || l.contains("xxx")
        || l.contains("redacted")
        || l.contains("…")
        || l.chars().all(|c| c == 'x' || c == '.' || c == ':')
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
        let total: usize = query.inputs.iter().map(String::len).sum();
        if total > text::MAX_INPUT_BYTES {
            return Err(InputError::TooLarge { bytes: total });
        }
        for input in &query.inputs {
            text::check_input(input)?;
        }
        let mut doc = String::with_capacity(total + 2 * query.inputs.len());
        let mut starts = Vec::new();
        for (i, input) in query.inputs.iter().enumerate() {
            if i > 0 {
                doc.push_str("\n\n");
            }
            starts.push(doc.len());
            doc.push_str(input);
        }
        let line_starts: Vec<Vec<usize>> = query
            .inputs
            .iter()
            .map(|t| std::iter::once(0).chain(t.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect())
            .collect();
        let ev = EvidenceMaker { doc: &doc, starts: &starts, inputs: &query.inputs, line_starts: &line_starts };
        let mut diag = Diagnosis::default();
        if doc.trim().is_empty() && query.answers.is_empty() && query.declared.is_empty() {
            return Ok(diag);
        }

        // 1. Symptom matchers, searched only around their anchors.
        let joined = Joined::new(&doc);
        let joined_lower = joined.text.to_ascii_lowercase();
        let raw_lower = if self.matchers.iter().any(|m| m.on == Haystack::Raw) { doc.to_ascii_lowercase() } else { String::new() };
        let mut hits = Vec::new();
        for cm in &self.matchers {
            let (hay, lower, joined_view) = match cm.on {
                Haystack::Joined => (joined.text.as_str(), joined_lower.as_str(), true),
                Haystack::Raw => (doc.as_str(), raw_lower.as_str(), false),
            };
            let map = |r: Range<usize>| if joined_view { joined.to_source(r) } else { r };
            let anchors = &self.model.symptoms[cm.symptom].matchers[cm.matcher].anchors;
            let mut count = 0;
            'windows: for window in search_windows(hay, lower, anchors, !joined_view) {
                for caps in cm.re.captures_iter(&hay[window.clone()]) {
                    let Some(all) = caps.get(0) else { continue };
                    if all.as_str().is_empty() {
                        continue;
                    }
                    let shift = |r: Range<usize>| map(r.start + window.start..r.end + window.start);
                    let mut captures = Vec::new();
                    for name in cm.re.capture_names().flatten() {
                        if let Some(g) = caps.name(name) {
                            captures.push((name.to_string(), g.as_str().to_string(), shift(g.range())));
                        }
                    }
                    hits.push(Hit { symptom: cm.symptom, matcher: cm.matcher, span: shift(all.range()), captures });
                    count += 1;
                    if count >= MAX_HITS_PER_MATCHER {
                        break 'windows;
                    }
                }
            }
        }
        // Where matchers of different symptoms claim overlapping text, the
        // heavier (more specific) matcher wins.
        let weight = |h: &Hit| self.model.symptoms[h.symptom].matchers[h.matcher].weight;
        // Sweep in start order: each overlapping pair is seen once.
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&i| (hits[i].span.start, i));
        let mut keep = vec![true; hits.len()];
        for (a, &i) in order.iter().enumerate() {
            for &j in &order[a + 1..] {
                if hits[j].span.start >= hits[i].span.end {
                    break;
                }
                if hits[i].symptom == hits[j].symptom {
                    continue;
                }
                let (wi, wj) = (weight(&hits[i]), weight(&hits[j]));
                let loser = if wi > wj || (wi == wj && i < j) { j } else { i };
                keep[loser] = false;
            }
        }
        let hits: Vec<Hit> = hits.into_iter().zip(keep).filter(|(_, k)| *k).map(|(h, _)| h).collect();

        // 2. Facts: user values, then what the errors show.
        let mut facts: BTreeMap<String, FactValue> = BTreeMap::new();
        for (k, v) in &query.params {
            if !v.trim().is_empty() {
                facts.insert(k.clone(), FactValue { name: k.clone(), value: v.trim().to_string(), origin: Origin::User, evidence: None });
            }
        }
        let mut extracted = BTreeMap::new();
        for h in &hits {
            for (name, value, span) in &h.captures {
                if looks_redacted(value) {
                    continue;
                }
                extracted.entry(name.clone()).or_insert_with(|| value.clone());
                facts.entry(name.clone()).or_insert_with(|| FactValue {
                    name: name.clone(),
                    value: value.clone(),
                    origin: Origin::Extracted,
                    evidence: Some(ev.make(span.clone(), format!("{name} read from the error"))),
                });
            }
        }

        // 3. Analyzers.
        let ctx = analyzers::Context { params: query.params.clone(), extracted };
        let recognitions: Vec<Recognition> = analyzers::analyze_all(&doc, &ctx);
        for r in &recognitions {
            for f in &r.facts {
                if looks_redacted(&f.value) {
                    continue;
                }
                facts.entry(f.name.to_string()).or_insert_with(|| FactValue {
                    name: f.name.to_string(),
                    value: f.value.clone(),
                    origin: Origin::Extracted,
                    evidence: Some(ev.make(f.span.clone(), format!("{} read from {}", f.name, r.label))),
                });
            }
        }
        // An AKS node name encodes its scale set and instance:
        // aks-nodepool1-12345678-vmss00000a → aks-nodepool1-12345678-vmss, instance 10.
        // The failing node (from the error) and a tunnel node (from -o wide)
        // fill different commands: firewall checks run on the first, the nc
        // test from the second.
        for (node_fact, vmss_param, instance_param) in [("node_name", "vmss_name", "instance_id"), ("tunnel_node", "tunnel_vmss_name", "tunnel_instance_id")] {
            let node = facts.get(node_fact).map(|f| (f.value.clone(), f.evidence.clone()));
            if let Some((vmss, instance, evidence)) = node.and_then(|(n, e)| vmss_of_node(&n).map(|(v, i)| (v, i, e))) {
                for (name, value) in [(vmss_param, vmss), (instance_param, instance.to_string())] {
                    facts.entry(name.to_string()).or_insert_with(|| FactValue { name: name.to_string(), value, origin: Origin::Extracted, evidence: evidence.clone() });
                }
            }
        }
        for p in &self.model.params {
            if let Some(d) = &p.default {
                facts.entry(p.name.clone()).or_insert_with(|| FactValue { name: p.name.clone(), value: d.clone(), origin: Origin::Default, evidence: None });
            }
        }

        // 4. Symptoms.
        let mut symptom_weight: BTreeMap<usize, (f32, Vec<Evidence>)> = BTreeMap::new();
        let mut seen_matchers: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        let mut error_spans: Vec<Range<usize>> = Vec::new();
        let mut by_weight: Vec<&Hit> = hits.iter().collect();
        // Longest first, so a block shows the whole matched wording.
        by_weight.sort_by(|a, b| (b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)).then(weight(b).total_cmp(&weight(a))).then(a.span.start.cmp(&b.span.start)));
        for h in by_weight {
            let s = &self.model.symptoms[h.symptom];
            let m = &s.matchers[h.matcher];
            seen_matchers.insert((h.symptom, h.matcher), m.weight);
            let entry = symptom_weight.entry(h.symptom).or_insert((0.0, Vec::new()));
            if entry.1.len() < 20 {
                entry.1.push(ev.make(h.span.clone(), format!("{}: {}", m.label, s.title)));
            }
            // One block per stretch of text: a second matcher of the same
            // wording adds weight, not another label.
            let overlaps = error_spans.iter().any(|r: &Range<usize>| r.start < h.span.end && h.span.start < r.end);
            if !overlaps {
                error_spans.push(h.span.clone());
                diag.blocks.push(Block { label: m.label.clone(), kind: "error".into(), evidence: ev.make(h.span.clone(), s.title.clone()) });
            }
        }
        for ((si, _), w) in &seen_matchers {
            let entry = symptom_weight.entry(*si).or_insert((0.0, Vec::new()));
            entry.0 = 1.0 - (1.0 - entry.0) * (1.0 - w);
        }
        for r in &recognitions {
            for (sid, span) in &r.symptoms {
                if let Some(si) = self.model.symptoms.iter().position(|s| s.id == *sid) {
                    let entry = symptom_weight.entry(si).or_insert((0.0, Vec::new()));
                    entry.0 = entry.0.max(0.9);
                    if entry.1.len() < 20 {
                        entry.1.push(ev.make(span.clone(), format!("{}: {}", r.label, self.model.symptoms[si].title)));
                    }
                }
            }
        }
        for id in &query.declared {
            match self.model.symptoms.iter().position(|s| &s.id == id) {
                Some(si) => {
                    let entry = symptom_weight.entry(si).or_insert((0.0, Vec::new()));
                    entry.0 = entry.0.max(0.8);
                }
                None => diag.warnings.push(format!("unknown symptom `{id}`")),
            }
        }
        for r in &recognitions {
            diag.blocks.push(Block { label: r.label.clone(), kind: "output".into(), evidence: ev.make(r.span.clone(), r.analyzer.to_string()) });
        }
        diag.blocks.sort_by_key(|b| (b.evidence.input, b.evidence.start));
        diag.blocks.dedup_by(|a, b| a.evidence.input == b.evidence.input && a.evidence.start == b.evidence.start && a.label == b.label);

        // 5. Causes.
        #[derive(Default)]
        struct Acc {
            score: f32,
            confirmed: bool,
            ruled_out: bool,
            supported: bool,
            order: usize,
            reasons: Vec<String>,
            evidence: Vec<Evidence>,
        }
        let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
        let mut order = 0;
        let mut symptom_list: Vec<(&usize, &(f32, Vec<Evidence>))> = symptom_weight.iter().collect();
        symptom_list.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0));
        for (si, (w, evs)) in &symptom_list {
            let s = &self.model.symptoms[**si];
            for link in &s.causes {
                let a = acc.entry(link.cause.clone()).or_default();
                if a.order == 0 {
                    order += 1;
                    a.order = order;
                }
                let contrib = w * link.prior;
                if contrib > a.score {
                    a.score = contrib;
                }
                a.reasons.push(format!("Consistent with “{}”.", s.title));
                if let Some(e) = evs.first() {
                    a.evidence.push(e.clone());
                }
            }
        }
        for h in &hits {
            let m = &self.model.symptoms[h.symptom].matchers[h.matcher];
            for b in &m.boosts {
                let a = acc.entry(b.clone()).or_default();
                let boosted = (a.score + 0.35 * m.weight).min(0.85);
                if boosted > a.score {
                    a.score = boosted;
                    let reason = format!("The wording “{}” points to this cause.", short(&doc[h.span.clone()]));
                    if !a.reasons.contains(&reason) {
                        a.reasons.push(reason);
                        a.evidence.push(ev.make(h.span.clone(), "points to this cause".into()));
                    }
                }
            }
        }
        let mut apply = |cause: &str, effect: Effect, reason: String, evidence: Vec<Evidence>| {
            let a = acc.entry(cause.to_string()).or_default();
            if a.order == 0 {
                order += 1;
                a.order = order;
            }
            match effect {
                Effect::Confirms => a.confirmed = true,
                Effect::RulesOut => a.ruled_out = true,
                Effect::Supports => a.supported = true,
                Effect::NoConclusion => {}
            }
            a.reasons.push(reason);
            a.evidence.extend(evidence);
        };
        for r in &recognitions {
            for f in &r.findings {
                let evs = f.evidence.iter().map(|s| ev.make(s.clone(), f.reason.clone())).collect();
                apply(f.cause, f.effect, f.reason.clone(), evs);
            }
        }
        for (check_id, answer) in &query.answers {
            let Some(check) = self.model.check(check_id) else {
                diag.warnings.push(format!("unknown check `{check_id}` in answers"));
                continue;
            };
            let effects = if *answer == Answer::Yes { &check.yes } else { &check.no };
            let said = format!("You answered {} to “{}”.", if *answer == Answer::Yes { "yes" } else { "no" }, check.question);
            for c in &effects.confirms {
                apply(c, Effect::Confirms, said.clone(), Vec::new());
            }
            for c in &effects.supports {
                apply(c, Effect::Supports, said.clone(), Vec::new());
            }
            for c in &effects.rules_out {
                apply(c, Effect::RulesOut, said.clone(), Vec::new());
            }
        }
        for (id, a) in acc {
            let Some(cause) = self.model.cause(&id) else { continue };
            let (verdict, score) = if a.confirmed {
                (Verdict::Confirmed, (0.95f32).max(a.score))
            } else if a.ruled_out {
                (Verdict::RuledOut, 0.0)
            } else if a.supported {
                (Verdict::Likely, (a.score + 0.3).clamp(0.6, 0.9))
            } else if a.score >= 0.6 {
                (Verdict::Likely, a.score)
            } else if a.score > 0.0 {
                (Verdict::Possible, a.score)
            } else {
                // Only "no conclusion" findings: keep it visible but low.
                (Verdict::Possible, 0.05)
            };
            let mut reasons = a.reasons;
            reasons.dedup();
            let mut evidence = a.evidence;
            evidence.sort_by_key(|e| (e.input, e.start, e.end));
            evidence.dedup_by(|x, y| x.input == y.input && x.start == y.start && x.end == y.end);
            diag.causes.push(RankedCause { id, title: cause.title.clone(), verdict, score: (score * 100.0).round() / 100.0, reasons, evidence });
            let _ = a.order;
        }
        // Preserve the articles' order among equal scores.
        let pos = |id: &str| -> usize {
            symptom_list
                .iter()
                .flat_map(|(si, _)| self.model.symptoms[**si].causes.iter())
                .position(|l| l.cause == id)
                .unwrap_or(usize::MAX)
        };
        diag.causes.sort_by(|x, y| {
            let rank = |v: Verdict| v as u8;
            rank(x.verdict).cmp(&rank(y.verdict)).then(y.score.total_cmp(&x.score)).then(pos(&x.id).cmp(&pos(&y.id)))
        });

        diag.symptoms = symptom_list
            .iter()
            .map(|(si, (w, evs))| {
                let s = &self.model.symptoms[**si];
                SymptomHit { id: s.id.clone(), title: s.title.clone(), weight: (w * 100.0).round() / 100.0, evidence: evs.clone() }
            })
            .collect();
        diag.facts = facts.into_values().collect();
        diag.next_check = self.next_check(&diag, query, &recognitions);
        Ok(diag)
    }

    /// The check that best separates the open candidates: the one whose
    /// conclusions cover the most candidate score, among checks not yet done.
    fn next_check(&self, diag: &Diagnosis, query: &Query, recognitions: &[Recognition]) -> Option<NextCheck> {
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
            if let Some(cause) = self.model.cause(&c.id) {
                for ch in &cause.checks {
                    if !candidates.contains(&ch.as_str()) {
                        candidates.push(ch);
                    }
                }
            }
        }
        for s in &diag.symptoms {
            if let Some(sym) = self.model.symptom(&s.id) {
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
            .filter_map(|s| self.model.symptom(&s.id))
            .flat_map(|s| s.settles.iter().map(String::as_str))
            .collect();
        let mut best: Option<(f32, usize, &crate::model::Check, Vec<String>)> = None;
        for (idx, id) in candidates.iter().enumerate() {
            let Some(check) = self.model.check(id) else { continue };
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
                if check.kind == crate::model::CheckKind::Command {
                    return 1.0;
                }
                let strong = [&check.yes, &check.no].iter().any(|e| e.confirms.iter().chain(&e.rules_out).any(|c| c == cause));
                if strong { 1.0 } else { 0.5 }
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
            let titles: Vec<String> = separates.iter().filter_map(|c| self.model.cause(c)).map(|c| c.title.clone()).collect();
            NextCheck {
                id: check.id.clone(),
                title: check.title.clone(),
                reason: format!("It can confirm or rule out: {}.", titles.join("; ")),
                separates,
            }
        })
    }

    /// Splits a command into text and parameter segments, filled from `facts`.
    pub fn fill(&self, block: &CodeBlock, facts: &[FactValue]) -> Vec<Segment> {
        crate::fill::fill_code(&block.code, facts)
    }
}

/// How far around an anchor a match may reach. Matchers are written with
/// bounded repeats; a few KiB of context holds any real match.
const WINDOW_MARGIN: usize = 2048;

/// The stretches of `hay` to search: text (whole lines if `align_lines`) within [`WINDOW_MARGIN`] of
/// an occurrence of any anchor (found in `lower`, the ASCII-lower-cased copy
/// with the same offsets), merged. No anchors: the whole text.
fn search_windows(hay: &str, lower: &str, anchors: &[String], align_lines: bool) -> Vec<Range<usize>> {
    if anchors.is_empty() {
        return std::iter::once(0..hay.len()).collect();
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for anchor in anchors {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(anchor.as_str()) {
            let at = from + pos;
            let start = text::floor_boundary(hay, at.saturating_sub(WINDOW_MARGIN));
            let end = text::floor_boundary(hay, (at + anchor.len() + WINDOW_MARGIN).min(hay.len()));
            // Raw-text matchers may anchor on line starts: search whole lines.
            let (start, end) = if align_lines {
                (hay[..start].rfind('\n').map_or(0, |i| i + 1), hay[end..].find('\n').map_or(hay.len(), |i| end + i))
            } else {
                (start, end)
            };
            windows.push(start..end);
            from = at + anchor.len();
        }
    }
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

/// The scale set name and instance id of an AKS node name
/// (`aks-<pool>-<id>-vmss` + six base-36 digits).
pub fn vmss_of_node(node: &str) -> Option<(String, u64)> {
    let at = node.rfind("-vmss")? + "-vmss".len();
    let (vmss, suffix) = node.split_at(at);
    if suffix.len() != 6 || !vmss.starts_with("aks-") {
        return None;
    }
    let instance = u64::from_str_radix(suffix, 36).ok()?;
    Some((vmss.to_string(), instance))
}

fn short(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > 80 {
        let cut = text::floor_boundary(&s, 77);
        format!("{}…", &s[..cut])
    } else {
        s
    }
}

struct EvidenceMaker<'a> {
    doc: &'a str,
    starts: &'a [usize],
    inputs: &'a [String],
    /// For each input, the byte offset where each line starts.
    line_starts: &'a [Vec<usize>],
}

impl EvidenceMaker<'_> {
    fn make(&self, span: Range<usize>, note: String) -> Evidence {
        let start = text::floor_boundary(self.doc, span.start);
        let end = text::floor_boundary(self.doc, span.end.max(start));
        let input = self.starts.iter().rposition(|&s| s <= start).unwrap_or(0);
        let base = self.starts.get(input).copied().unwrap_or(0);
        let local_len = self.inputs.get(input).map_or(0, String::len);
        let ls = (start - base).min(local_len);
        let le = (end.saturating_sub(base)).min(local_len).max(ls);
        let local = self.inputs.get(input).map_or("", String::as_str);
        let mut text_end = le.min(ls + 300);
        text_end = text::floor_boundary(local, text_end);
        let line = self.line_starts.get(input).map_or(1, |starts| starts.partition_point(|&s| s <= ls));
        Evidence { input, start: ls, end: le, line, text: local[ls..text_end.max(ls)].to_string(), note }
    }
}

#[cfg(test)]
mod tests {
    use super::vmss_of_node;

    #[test]
    fn node_names_give_scale_set_and_instance() {
        assert_eq!(vmss_of_node("aks-nodepool1-12345678-vmss000001"), Some(("aks-nodepool1-12345678-vmss".into(), 1)));
        assert_eq!(vmss_of_node("aks-system-3141-vmss00000a"), Some(("aks-system-3141-vmss".into(), 10)));
        assert_eq!(vmss_of_node("my-node-1"), None);
        assert_eq!(vmss_of_node("aks-x-vmss0001"), None);
    }
}
