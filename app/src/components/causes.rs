//! Ranked causes with verdicts, reasons and evidence; ruled-out causes apart.

use crate::state::session;
use aks_triage::diagnosis::{Basis, Evidence, RankedCause, Verdict};
use leptos::prelude::*;

/// Human name of the kind of evidence a cause rests on, and what it means.
pub fn basis_label(b: Basis) -> (&'static str, &'static str) {
    match b {
        Basis::Output => ("from your command output", "A command output you pasted decides this cause."),
        Basis::Answer => ("from your answer", "Your answer to a question decides this cause."),
        Basis::Signature => ("exact error", "An exact error message of this problem was recognised."),
        Basis::Family => ("error fragment", "A fragment typical of this problem was recognised; not proof."),
        Basis::Mention => ("mentioned", "The text names a component tied to this cause; a lead, never a conclusion."),
        Basis::Related => ("related by search", "Nothing matched an error form; our notes on this cause share words with your text."),
    }
}

/// Human name of a verdict.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Confirmed => "Confirmed",
        Verdict::Likely => "Likely",
        Verdict::Possible => "Possible",
        Verdict::RuledOut => "Ruled out",
    }
}

/// Where a piece of evidence comes from, in words: the engine names its
/// inputs.
fn source_name(e: &Evidence) -> String {
    session().diagnosis.with_untracked(|d| d.as_ref().map(|d| d.place(e)).unwrap_or_else(|_| format!("input {}, line {}", e.input + 1, e.line)))
}

fn evidence_list(evidence: Vec<Evidence>) -> impl IntoView {
    (!evidence.is_empty()).then(|| {
        view! {
            <ul class="evidence">
                {evidence.into_iter().take(4).map(|e| {
                    let text: String = e.text.lines().take(3).collect::<Vec<_>>().join("\n");
                    view! { <li><span class="where">{source_name(&e)}</span><code>{text}</code></li> }
                }).collect_view()}
            </ul>
        }
    })
}

/// How the score is made, for the tooltip next to it.
const SCORE_HELP: &str = "Score 0–1: how strongly the evidence points to this cause. From 0.60 a cause is likely; command output or an answer can confirm it or rule it out. Within one verdict, a higher score ranks first.";

/// Why a cause sits below the one before it, in words.
fn rank_note(cause: &RankedCause, above: &RankedCause) -> String {
    if above.verdict != cause.verdict {
        format!("Below “{}”, which is {}.", above.title, verdict_label(above.verdict).to_lowercase())
    } else if above.basis < cause.basis {
        format!("Below “{}”: its evidence is firmer ({} vs {}).", above.title, basis_label(above.basis).0, basis_label(cause.basis).0)
    } else {
        format!("Below “{}” ({:.2} vs {:.2}): on the same evidence, it explains this less often.", above.title, above.score, cause.score)
    }
}

/// One cause card: its own reasons and evidence (what it shares with the
/// other causes is shown once, above the list).
#[component]
pub fn CauseCard(
    /// The ranked cause.
    cause: RankedCause,
    /// Its position in the list (1-based).
    rank: usize,
    /// Reasons shown once for the whole list.
    #[prop(optional)]
    shared_reasons: Vec<String>,
    /// Evidence shown once for the whole list.
    #[prop(optional)]
    shared_evidence: Vec<Evidence>,
    /// Why it ranks below the cause before it.
    #[prop(optional)]
    note: Option<String>,
) -> impl IntoView {
    let href = format!("#/cause/{}", cause.id);
    let class = format!("cause verdict-{}", cause.verdict.as_str());
    let pct = (cause.score * 100.0).round() as u32;
    let own_reasons: Vec<String> = cause.reasons.iter().filter(|r| !shared_reasons.contains(r)).take(4).cloned().collect();
    let own_evidence: Vec<Evidence> = cause.evidence.iter().filter(|e| !shared_evidence.iter().any(|x| same_place(x, e))).cloned().collect();
    view! {
        <li class=class>
            <div class="cause-head">
                <span class="rank">{rank}"."</span>
                <span class=format!("badge {}", cause.verdict.as_str())>{verdict_label(cause.verdict)}</span>
                <a href=href>{cause.title.clone()}</a>
                <span class=format!("basis basis-{}", cause.basis.as_str()) title=basis_label(cause.basis).1>{basis_label(cause.basis).0}</span>
                <span class="score" title=SCORE_HELP>{format!("{:.2}", cause.score)}</span>
                <meter min="0" max="100" value=pct aria-label=format!("score {pct} of 100") title=SCORE_HELP></meter>
            </div>
            {(!own_reasons.is_empty()).then(|| view! {
                <ul class="reasons">{own_reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })}
            {evidence_list(own_evidence)}
            {note.filter(|n| !n.is_empty()).map(|n| view! { <p class="rank-note">{n}</p> })}
        </li>
    }
}

fn same_place(a: &Evidence, b: &Evidence) -> bool {
    a.input == b.input && a.start == b.start && a.end == b.end
}

/// The reasons and evidence that two or more of the open causes share.
fn shared_by_several(open: &[RankedCause]) -> (Vec<String>, Vec<Evidence>) {
    if open.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    let mut reasons: Vec<String> = Vec::new();
    for c in open {
        for r in &c.reasons {
            if !reasons.contains(r) && open.iter().filter(|o| o.reasons.contains(r)).count() >= 2 {
                reasons.push(r.clone());
            }
        }
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    for c in open {
        for e in &c.evidence {
            if !evidence.iter().any(|x| same_place(x, e)) && open.iter().filter(|o| o.evidence.iter().any(|x| same_place(x, e))).count() >= 2 {
                evidence.push(e.clone());
            }
        }
    }
    (reasons, evidence)
}

/// The ranked list, with ruled-out causes in their own section.
#[component]
pub fn CauseList(
    /// Causes as ranked by the engine.
    #[prop(into)]
    causes: Signal<Vec<RankedCause>>,
) -> impl IntoView {
    view! {
        {move || {
            let all = causes.get();
            let open: Vec<RankedCause> = all.iter().filter(|c| c.verdict != Verdict::RuledOut).cloned().collect();
            let ruled: Vec<RankedCause> = all.iter().filter(|c| c.verdict == Verdict::RuledOut).cloned().collect();
            view! {
                <section class="causes" aria-labelledby="causes-h">
                    <h2 id="causes-h">"Likely causes"</h2>
                    {if open.is_empty() {
                        view! { <p>"No cause is left open."</p> }.into_any()
                    } else {
                        let (shared_reasons, shared_evidence) = shared_by_several(&open);
                        let notes: Vec<Option<String>> = (0..open.len()).map(|i| i.checked_sub(1).map(|j| rank_note(&open[i], &open[j]))).collect();
                        view! {
                            {(!shared_reasons.is_empty()).then(|| view! {
                                <div class="shared-reasons">
                                    <p>"What several causes below rest on:"</p>
                                    <ul class="reasons">{shared_reasons.iter().cloned().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                    {evidence_list(shared_evidence.clone())}
                                </div>
                            })}
                            <ol class="cause-list">
                                {open.into_iter().zip(notes).enumerate().map(|(i, (c, note))| view! {
                                    <CauseCard cause=c rank=i + 1 shared_reasons=shared_reasons.clone() shared_evidence=shared_evidence.clone() note=note.unwrap_or_default() />
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    {(!ruled.is_empty()).then(|| view! {
                        <details class="ruled-out" open=true>
                            <summary>{format!("Ruled out ({})", ruled.len())}</summary>
                            <ul>
                                {ruled.into_iter().map(|c| {
                                    let why = c.reasons.last().cloned().unwrap_or_default();
                                    view! { <li><a href=format!("#/cause/{}", c.id)>{c.title.clone()}</a>": " {why}</li> }
                                }).collect_view()}
                            </ul>
                        </details>
                    })}
                </section>
            }
        }}
    }
}
