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

/// One cause card.
#[component]
pub fn CauseCard(
    /// The ranked cause.
    cause: RankedCause,
    /// Its position in the list (1-based).
    rank: usize,
) -> impl IntoView {
    let href = format!("#/cause/{}", cause.id);
    let class = format!("cause verdict-{}", cause.verdict.as_str());
    let pct = (cause.score * 100.0).round() as u32;
    view! {
        <li class=class>
            <div class="cause-head">
                <span class="rank">{rank}"."</span>
                <span class=format!("badge {}", cause.verdict.as_str())>{verdict_label(cause.verdict)}</span>
                <a href=href>{cause.title.clone()}</a>
                <span class=format!("basis basis-{}", cause.basis.as_str()) title=basis_label(cause.basis).1>{basis_label(cause.basis).0}</span>
                <meter min="0" max="100" value=pct aria-label=format!("score {pct} of 100")></meter>
            </div>
            <ul class="reasons">
                {cause.reasons.iter().take(4).cloned().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
            {evidence_list(cause.evidence.clone())}
        </li>
    }
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
                        view! { <ol class="cause-list">{open.into_iter().enumerate().map(|(i, c)| view! { <CauseCard cause=c rank=i + 1 /> }).collect_view()}</ol> }.into_any()
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
