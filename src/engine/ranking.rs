//! Stages 3 and 4: how strongly each symptom is shown, then the causes ranked
//! with their verdicts, reasons and evidence.
//!
//! A symptom's strength combines its matchers' weights as independent clues
//! (1 − Π(1 − w)). A cause starts from the strongest symptom that links to it
//! (strength × the link's prior), may be raised by a wording that points to
//! it, and is then settled by what command outputs and answers say, which
//! always win over wording. Its [`Basis`] — the strongest kind of evidence it
//! has — caps the verdict: a mention or a search hit is never more than
//! `possible`.

use super::document::Document;
use super::matching::{Hit, MentionHit};
use crate::analyzers::{Effect, Recognition};
use crate::diagnosis::{Answer, Basis, Block, Diagnosis, Evidence, RankedCause, SymptomHit, Verdict};
use crate::model::Model;
use std::collections::BTreeMap;
use std::ops::Range;

/// A command output that shows a symptom by itself (endpoints `<none>`) is
/// near-certain evidence of it, a little below a verdict on a cause.
const OUTPUT_SYMPTOM_WEIGHT: f32 = 0.9;
/// A symptom the user picked by hand: they know what they see, but have not
/// shown us the text.
const DECLARED_SYMPTOM_WEIGHT: f32 = 0.8;
/// Evidence spans kept per symptom; more add nothing for a reader.
const MAX_EVIDENCE_PER_SYMPTOM: usize = 20;
/// A wording that points to a cause raises it by this share of the matcher's
/// weight: enough to move it ahead of its siblings, not to confirm it.
const BOOST_SHARE: f32 = 0.35;
/// Wording alone never lifts a cause above this score: only command output or
/// an answer may come closer to certainty.
const BOOST_CAP: f32 = 0.85;
/// The score of a cause that command output or an answer confirms.
const CONFIRMED_SCORE: f32 = 0.95;
/// Output or an answer that supports a cause adds this to its score…
const SUPPORTED_BONUS: f32 = 0.3;
/// …and keeps the result within this range (likely, never confirmed).
const SUPPORTED_RANGE: (f32, f32) = (0.6, 0.9);
/// From this score a cause is `likely`; below it, `possible`.
const LIKELY_FROM: f32 = 0.6;
/// A cause that only has "no conclusion" findings stays visible, but last.
pub(crate) const NO_CONCLUSION_SCORE: f32 = 0.05;
/// A cause named only by a mention: above the weakest links of a recognised
/// symptom (priors of 0.2–0.3), below a symptom's first causes.
const MENTION_SCORE: f32 = 0.45;
/// A mention of a cause that no recognised symptom links, when symptoms were
/// recognised: a side remark, ranked below the symptom's leading causes.
const MENTION_BESIDE_SYMPTOM_SCORE: f32 = 0.3;
/// A mention of a cause that a recognised symptom already links raises it by
/// this much: "10250 time-out" plus "the tunnelfront pod keeps restarting".
const MENTION_BOOST: f32 = 0.25;
/// Related causes (search only) score at most this, so any other basis
/// ranks ahead of them.
const RELATED_MAX_SCORE: f32 = 0.3;
/// How many related causes to offer.
const RELATED_COUNT: usize = 3;
/// A related cause must score at least this share of the best one.
const RELATED_MIN_SHARE: f32 = 0.35;
/// …and at least this BM25 score: one common word is not a lead.
const RELATED_MIN_SCORE: f32 = 2.0;

/// A platform-neutral error with no sign of AKS lifts its causes to at most
/// this: the top of `possible`, never `likely`.
const UNCLAIMED_MAX_SCORE: f32 = LIKELY_FROM - 0.01;

/// A recognised symptom: its index in the model, strength and evidence, and
/// whether it is claimed (see [`crate::model::Symptom::needs_aks_sign`]).
pub(crate) struct ShownSymptom {
    pub(crate) index: usize,
    pub(crate) weight: f32,
    pub(crate) evidence: Vec<Evidence>,
    pub(crate) claimed: bool,
    /// Only `tier = "family"` matchers found it (no exact error form, no output).
    pub(crate) family_only: bool,
}

/// Symptom strengths from matcher hits, outputs and declarations, strongest
/// first. Also labels the error blocks in `diag.blocks`.
/// `claimed` says which symptoms the wording alone may claim; outputs and
/// declarations always do.
pub(crate) fn symptoms(model: &Model, hits: &[Hit], recognitions: &[Recognition], declared: &[String], claimed: &dyn Fn(usize) -> bool, doc: &Document, diag: &mut Diagnosis) -> Vec<ShownSymptom> {
    let weight = |h: &Hit| model.symptoms[h.symptom].matchers[h.matcher].weight;
    let mut by_symptom: BTreeMap<usize, (f32, Vec<Evidence>)> = BTreeMap::new();
    let mut seen_matchers: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    let mut error_spans: Vec<Range<usize>> = Vec::new();
    let mut longest_first: Vec<&Hit> = hits.iter().collect();
    // Longest first, so a block shows the whole matched wording.
    longest_first.sort_by(|a, b| (b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)).then(weight(b).total_cmp(&weight(a))).then(a.span.start.cmp(&b.span.start)));
    for h in longest_first {
        let s = &model.symptoms[h.symptom];
        let m = &s.matchers[h.matcher];
        seen_matchers.insert((h.symptom, h.matcher), m.weight);
        let entry = by_symptom.entry(h.symptom).or_insert((0.0, Vec::new()));
        if entry.1.len() < MAX_EVIDENCE_PER_SYMPTOM {
            entry.1.push(doc.evidence(h.span.clone(), format!("{}: {}", m.label, s.title)));
        }
        // One block per stretch of text: a second matcher of the same
        // wording adds weight, not another label.
        let overlaps = error_spans.iter().any(|r| r.start < h.span.end && h.span.start < r.end);
        if !overlaps {
            error_spans.push(h.span.clone());
            diag.blocks.push(Block { label: m.label.clone(), kind: "error".into(), evidence: doc.evidence(h.span.clone(), s.title.clone()) });
        }
    }
    for ((si, _), w) in &seen_matchers {
        let entry = by_symptom.entry(*si).or_insert((0.0, Vec::new()));
        entry.0 = 1.0 - (1.0 - entry.0) * (1.0 - w);
    }
    // Symptoms that output or the user shows, not wording: always claimed.
    let mut firm: Vec<usize> = Vec::new();
    for r in recognitions {
        for (sid, span) in &r.symptoms {
            if let Some(si) = model.symptoms.iter().position(|s| s.id == *sid) {
                firm.push(si);
                let entry = by_symptom.entry(si).or_insert((0.0, Vec::new()));
                entry.0 = entry.0.max(OUTPUT_SYMPTOM_WEIGHT);
                if entry.1.len() < MAX_EVIDENCE_PER_SYMPTOM {
                    entry.1.push(doc.evidence(span.clone(), format!("{}: {}", r.label, model.symptoms[si].title)));
                }
            }
        }
    }
    for id in declared {
        match model.symptoms.iter().position(|s| &s.id == id) {
            Some(si) => {
                firm.push(si);
                let entry = by_symptom.entry(si).or_insert((0.0, Vec::new()));
                entry.0 = entry.0.max(DECLARED_SYMPTOM_WEIGHT);
            }
            None => diag.warnings.push(format!("unknown symptom `{id}`")),
        }
    }
    for r in recognitions {
        diag.blocks.push(Block { label: r.label.clone(), kind: "output".into(), evidence: doc.evidence(r.span.clone(), r.analyzer.to_string()) });
    }
    diag.blocks.sort_by_key(|b| (b.evidence.input, b.evidence.start));
    diag.blocks.dedup_by(|a, b| a.evidence.input == b.evidence.input && a.evidence.start == b.evidence.start && a.label == b.label);

    let exact = |si: usize| hits.iter().any(|h| h.symptom == si && model.symptoms[si].matchers[h.matcher].tier != crate::model::Tier::Family);
    let mut shown: Vec<ShownSymptom> = by_symptom
        .into_iter()
        .map(|(index, (weight, evidence))| {
            let firm = firm.contains(&index);
            ShownSymptom { index, weight, evidence, claimed: claimed(index) || firm, family_only: !firm && !exact(index) }
        })
        .collect();
    shown.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    shown
}

/// What is known about one cause while the evidence is collected.
#[derive(Default)]
struct Tally {
    score: f32,
    confirmed: bool,
    ruled_out: bool,
    supported: bool,
    basis: Option<Basis>,
    reasons: Vec<String>,
    evidence: Vec<Evidence>,
}

impl Tally {
    fn based_on(&mut self, basis: Basis) {
        self.basis = Some(self.basis.map_or(basis, |b| b.min(basis)));
    }
}

/// Everything the causes are ranked from.
pub(crate) struct CauseInputs<'a> {
    pub(crate) model: &'a Model,
    pub(crate) symptoms: &'a [ShownSymptom],
    pub(crate) hits: &'a [Hit],
    pub(crate) mentions: &'a [MentionHit],
    pub(crate) recognitions: &'a [Recognition],
    pub(crate) answers: &'a BTreeMap<String, Answer>,
    pub(crate) doc: &'a Document<'a>,
}

/// Ranks the causes into `diag.causes`: confirmed, likely, possible, ruled out;
/// by score within each; by the articles' order among equal scores.
pub(crate) fn causes(input: &CauseInputs, diag: &mut Diagnosis) {
    let model = input.model;
    let doc = input.doc;
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    for shown in input.symptoms {
        let s = &model.symptoms[shown.index];
        for link in &s.causes {
            let t = tally.entry(link.cause.clone()).or_default();
            if shown.claimed {
                t.score = t.score.max(shown.weight * link.prior);
                t.based_on(if shown.family_only { Basis::Family } else { Basis::Signature });
                t.reasons.push(format!("Consistent with “{}”.", s.title));
            } else {
                t.score = t.score.max((shown.weight * link.prior).min(UNCLAIMED_MAX_SCORE));
                t.based_on(Basis::Family);
                t.reasons.push(format!("On AKS, a frequent cause of this error (“{}”); nothing in the paste shows AKS yet.", s.title));
            }
            if let Some(e) = shown.evidence.first() {
                t.evidence.push(e.clone());
            }
        }
    }
    for h in input.hits {
        let m = &model.symptoms[h.symptom].matchers[h.matcher];
        let claimed = input.symptoms.iter().any(|s| s.index == h.symptom && s.claimed);
        let (cap, basis) = match (claimed, m.tier) {
            (false, _) => (UNCLAIMED_MAX_SCORE, Basis::Family),
            (true, crate::model::Tier::Family) => (BOOST_CAP, Basis::Family),
            (true, _) => (BOOST_CAP, Basis::Signature),
        };
        for b in &m.boosts {
            let t = tally.entry(b.clone()).or_default();
            let boosted = (t.score + BOOST_SHARE * m.weight).min(cap);
            if boosted > t.score {
                t.score = boosted;
                t.based_on(basis);
                let reason = format!("The wording “{}” points to this cause.", short(&doc.text[h.span.clone()]));
                if !t.reasons.contains(&reason) {
                    t.reasons.push(reason);
                    t.evidence.push(doc.evidence(h.span.clone(), "points to this cause".into()));
                }
            }
        }
    }
    for m in input.mentions {
        // A name inside command output we read (the `authorizedIpRanges` key
        // of `az aks show`) is the analyzer's to judge, not a mention.
        // Nor is a name inside a recognised error: its wording already counts.
        let inside = |span: &Range<usize>| span.start <= m.span.start && m.span.end <= span.end;
        if input.recognitions.iter().any(|r| inside(&r.span)) || input.hits.iter().any(|h| inside(&h.span)) {
            continue;
        }
        let cause = &model.causes[m.cause];
        let mention = &cause.mentions[m.mention];
        let t = tally.entry(cause.id.clone()).or_default();
        // A mention reorders causes but never changes a verdict: it lifts a
        // possible cause at most to just below likely.
        t.score = if t.score > 0.0 {
            (t.score + MENTION_BOOST).min(t.score.max(LIKELY_FROM - 0.01))
        } else if input.symptoms.is_empty() {
            MENTION_SCORE
        } else {
            MENTION_BESIDE_SYMPTOM_SCORE
        };
        t.based_on(Basis::Mention);
        t.reasons.push(format!("The text mentions {} (“{}”).", mention.label, short(&doc.text[m.span.clone()])));
        t.evidence.push(doc.evidence(m.span.clone(), format!("mentions {}", mention.label)));
    }
    let mut apply = |cause: &str, effect: Effect, basis: Basis, reason: String, evidence: Vec<Evidence>| {
        let t = tally.entry(cause.to_string()).or_default();
        match effect {
            Effect::Confirms => t.confirmed = true,
            Effect::RulesOut => t.ruled_out = true,
            Effect::Supports => t.supported = true,
            Effect::NoConclusion => {}
        }
        t.based_on(basis);
        t.reasons.push(reason);
        t.evidence.extend(evidence);
    };
    for r in input.recognitions {
        for f in &r.findings {
            let evs = f.evidence.iter().map(|s| doc.evidence(s.clone(), f.reason.clone())).collect();
            apply(f.cause, f.effect, Basis::Output, f.reason.clone(), evs);
        }
    }
    for (check_id, answer) in input.answers {
        let Some(check) = model.check(check_id) else {
            diag.warnings.push(format!("unknown check `{check_id}` in answers"));
            continue;
        };
        let effects = if *answer == Answer::Yes { &check.yes } else { &check.no };
        let said = format!("You answered {} to “{}”.", if *answer == Answer::Yes { "yes" } else { "no" }, check.question);
        for c in &effects.confirms {
            apply(c, Effect::Confirms, Basis::Answer, said.clone(), Vec::new());
        }
        for c in &effects.supports {
            apply(c, Effect::Supports, Basis::Answer, said.clone(), Vec::new());
        }
        for c in &effects.rules_out {
            apply(c, Effect::RulesOut, Basis::Answer, said.clone(), Vec::new());
        }
    }
    for (id, t) in tally {
        let Some(cause) = model.cause(&id) else { continue };
        let basis = t.basis.unwrap_or_default();
        let (verdict, score) = if t.confirmed {
            (Verdict::Confirmed, CONFIRMED_SCORE.max(t.score))
        } else if t.ruled_out {
            (Verdict::RuledOut, 0.0)
        } else if t.supported {
            (Verdict::Likely, (t.score + SUPPORTED_BONUS).clamp(SUPPORTED_RANGE.0, SUPPORTED_RANGE.1))
        } else if t.score >= LIKELY_FROM {
            (Verdict::Likely, t.score)
        } else if t.score > 0.0 {
            (Verdict::Possible, t.score)
        } else {
            (Verdict::Possible, NO_CONCLUSION_SCORE)
        };
        // The basis caps the verdict (a ruled-out cause stays ruled out).
        let verdict = if verdict != Verdict::RuledOut { verdict.max(basis.max_verdict()) } else { verdict };
        let mut reasons = t.reasons;
        reasons.dedup();
        let mut evidence = t.evidence;
        evidence.sort_by_key(|e| (e.input, e.start, e.end));
        evidence.dedup_by(|x, y| x.input == y.input && x.start == y.start && x.end == y.end);
        diag.causes.push(RankedCause { id, title: cause.title.clone(), verdict, score: round2(score), basis, reasons, evidence });
    }
    // Preserve the articles' order among equal scores.
    let pos = |id: &str| -> usize { input.symptoms.iter().flat_map(|s| model.symptoms[s.index].causes.iter()).position(|l| l.cause == id).unwrap_or(usize::MAX) };
    diag.causes.sort_by(|x, y| by_verdict_then_score(x, y).then(pos(&x.id).cmp(&pos(&y.id))));

    let hit = |shown: &ShownSymptom| {
        let s = &model.symptoms[shown.index];
        SymptomHit { id: s.id.clone(), title: s.title.clone(), weight: round2(shown.weight), evidence: shown.evidence.clone() }
    };
    diag.symptoms = input.symptoms.iter().filter(|s| s.claimed).map(hit).collect();
    diag.generic_symptoms = input.symptoms.iter().filter(|s| !s.claimed).map(hit).collect();
}

/// When nothing firmer than a mention was recognised: the causes whose
/// content shares the most telling words with the paste, as `possible` leads
/// with the basis `related`, after the mentioned causes and up to
/// [`RELATED_COUNT`] causes in all.
pub(crate) fn related(model: &Model, found: Vec<crate::search::Scored>, diag: &mut Diagnosis) {
    let Some(best) = found.first().map(|s| s.score) else { return };
    for s in found {
        if diag.causes.iter().filter(|c| c.score > NO_CONCLUSION_SCORE).count() >= RELATED_COUNT || s.score < RELATED_MIN_SCORE || s.score < RELATED_MIN_SHARE * best {
            break;
        }
        let cause = &model.causes[s.doc];
        if diag.causes.iter().any(|c| c.id == cause.id) {
            continue;
        }
        let words: Vec<String> = s.shared.iter().take(4).map(|w| format!("“{w}”")).collect();
        diag.causes.push(RankedCause {
            id: cause.id.clone(),
            title: cause.title.clone(),
            verdict: Verdict::Possible,
            score: round2(RELATED_MAX_SCORE * s.score / best),
            basis: Basis::Related,
            reasons: vec![format!("No error form was recognised; this cause is related by the words {}.", words.join(", "))],
            evidence: Vec::new(),
        });
    }
    // A related lead outranks an output read without a conclusion.
    diag.causes.sort_by(by_verdict_then_score);
}

/// The ranking order: confirmed, likely, possible, ruled out; higher score first.
fn by_verdict_then_score(x: &RankedCause, y: &RankedCause) -> std::cmp::Ordering {
    (x.verdict as u8).cmp(&(y.verdict as u8)).then(y.score.total_cmp(&x.score))
}

/// Scores are shown with two decimals.
fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// A matched wording, whitespace folded and cut for a one-line reason.
fn short(s: &str) -> String {
    crate::text::one_line(s, REASON_WORDING_MAX)
}

/// A wording quoted in a reason is cut to this many characters.
const REASON_WORDING_MAX: usize = 80;
