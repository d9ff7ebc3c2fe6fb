//! `#/` and `#/?q=`: paste, see what matched, the ranked causes, the next
//! check and the fix.

use crate::components::causes::CauseList;
use crate::components::code::CodeView;
use crate::components::heading::PageHeading;
use crate::components::highlight::{Highlighted, Mark};
use crate::components::params::ParamsPanel;
use crate::components::step::CheckStep;
use crate::components::trail::Trail;
use crate::state::{record, session, Kept, Taken};
use crate::components::causes::verdict_label;
use aks_triage::diagnosis::{Diagnosis, Verdict};
use leptos::prelude::*;
use leptos_use_fn_debounce_throttle::use_debounce_fn_with_arg;

/// Example pastes for a first visit.
/// How long "Undo clear" is offered.
const UNDO_FOR: std::time::Duration = std::time::Duration::from_secs(30);

const EXAMPLES: &[(&str, &str)] = &[
    ("kubectl logs times out", "$ kubectl logs web-7d4b9c-xk2lp\nError from server: Get \"https://aks-nodepool1-12345678-vmss000001:10250/containerLogs/default/web-7d4b9c-xk2lp/web\": dial tcp 10.224.0.5:10250: i/o timeout"),
    ("kubectl cannot connect", "$ kubectl get pods\nUnable to connect to the server: dial tcp 20.62.141.9:443: i/o timeout"),
    ("ufw status output", "Enable succeeded:\n[stdout]\nStatus: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n\n[stderr]\n"),
];

fn marks_for_first_input(d: &Diagnosis) -> Vec<Mark> {
    d.blocks
        .iter()
        .filter(|b| b.evidence.input == 0)
        .map(|b| Mark { start: b.evidence.start, end: b.evidence.end, label: b.label.clone(), kind: b.kind.clone() })
        .collect()
}

/// The main page.
#[component]
pub fn DiagnosePage() -> impl IntoView {
    let s = session();
    let model = s.model();
    let settle = use_debounce_fn_with_arg(move |v: String| s.settled_paste.set(v), 250.0);
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        s.paste.set(v.clone());
        settle(v);
    };
    let set_text = move |v: String| {
        s.paste.set(v.clone());
        s.settled_paste.set(v);
    };
    // Announce results once they settle.
    Effect::new(move |_| {
        let message = s.diagnosis.with(|d| match d {
            Ok(d) if d.recognised() => {
                let top = d.causes.first().map(|c| format!(" Top cause: {} ({}).", c.title, c.verdict.as_str().replace('_', " "))).unwrap_or_default();
                Some(format!("Recognised {} block(s), {} cause(s).{top}", d.blocks.len(), d.causes.len()))
            }
            Ok(_) if !s.settled_paste.get_untracked().trim().is_empty() => Some("Nothing recognised.".to_string()),
            Ok(_) => None,
            Err(e) => Some(format!("We cannot read this input: {e}")),
        });
        if let Some(m) = message {
            s.announce.set(m);
        }
    });
    // Each part of the page reads only its slice of the diagnosis (memos
    // re-render only when that slice changes), never a clone of the whole.
    let recognised = Memo::new(move |_| s.diagnosis.with(|d| d.as_ref().is_ok_and(|d| d.recognised())));
    let text = Signal::derive(move || s.settled_paste.get());
    let marks = Memo::new(move |_| s.diagnosis.with(|d| d.as_ref().map(marks_for_first_input).unwrap_or_default()));
    let causes = Memo::new(move |_| s.diagnosis.with(|d| d.as_ref().map(|d| d.causes.clone()).unwrap_or_default()));
    let next_check = Memo::new(move |_| s.diagnosis.with(|d| d.as_ref().ok().and_then(|d| d.next_check.clone())));
    // The answer, once there is one: the leading cause when it is likely or
    // confirmed, with the reason that weighs most.
    let answer = Memo::new(move |_| {
        s.diagnosis.with(|d| {
            d.as_ref().ok().and_then(|d| d.causes.first()).filter(|c| matches!(c.verdict, Verdict::Confirmed | Verdict::Likely)).map(|c| (c.id.clone(), c.title.clone(), c.verdict, c.reasons.last().cloned().unwrap_or_default()))
        })
    });
    // What "Clear all" removed, while it can still be brought back.
    let cleared: RwSignal<Option<Kept>> = RwSignal::new(None);
    // With an answer the paste folds to one line; "Edit" opens it again.
    let editing = RwSignal::new(false);
    let folded = move || answer.with(Option::is_some) && !editing.get();
    let paste_lines = move || s.settled_paste.with(|t| t.lines().count());
    let fix_ids = Memo::new(move |_| s.diagnosis.with(|d| d.as_ref().map(|d| aks_triage::render::fix_causes(d).into_iter().map(str::to_string).collect::<Vec<_>>()).unwrap_or_default()));

    view! {
        <PageHeading text="Diagnose an AKS connectivity or API-server problem" />
        <div class="layout">
            <div class="main-col">
                {move || answer.get().map(|(id, title, verdict, why)| view! {
                    <section class="answer" aria-labelledby="answer-h">
                        <p class="answer-verdict"><span class=format!("badge {}", verdict.as_str())>{verdict_label(verdict)}</span></p>
                        <h2 id="answer-h"><a href=format!("#/cause/{id}")>{title}</a></h2>
                        <p class="why">{why}</p>
                        <p>
                            <button type="button" on:click=move |_| {
                                if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fix-h")) {
                                    el.scroll_into_view();
                                }
                            }>"Jump to the fix"</button>
                        </p>
                    </section>
                })}
                {move || folded().then(|| view! {
                    <p class="paste-folded">
                        {format!("Your paste ({} lines) ", paste_lines())}
                        <button type="button" class="link" on:click=move |_| editing.set(true)>"Edit"</button>
                    </p>
                })}
                <section class="paste" aria-labelledby="paste-label" hidden=folded>
                    <label id="paste-label" for="paste">"Paste the error and any command output (several blocks at once are fine)"</label>
                    <textarea
                        id="paste"
                        rows="12"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout"
                        prop:value=move || s.paste.get()
                        on:input=on_input
                    ></textarea>
                    <div class="paste-actions">
                        <button type="button" on:click=move |_| {
                            // Nothing is asked: the cleared work stays one click away for a while.
                            cleared.set(Some(Kept { paste: s.settled_paste.get_untracked(), steps: s.steps.get_untracked() }));
                            set_text(String::new());
                            s.steps.set(Vec::new());
                            s.announce.set("Cleared. Undo brings the paste and steps back.".into());
                            set_timeout(move || cleared.set(None), UNDO_FOR);
                        }>"Clear all"</button>
                        {move || cleared.get().map(|kept| view! {
                            <button type="button" class="undo" on:click=move |_| {
                                set_text(kept.paste.clone());
                                s.steps.set(kept.steps.clone());
                                cleared.set(None);
                            }>"Undo clear"</button>
                        })}
                        <span class="examples">"Try: "
                            {EXAMPLES.iter().map(|(label, text)| {
                                let text = text.to_string();
                                view! { <button type="button" class="link" on:click=move |_| set_text(text.clone())>{*label}</button> }
                            }).collect_view()}
                        </span>
                    </div>
                    {move || match s.diagnosis.with(|d| d.as_ref().map(|d| d.recognised().then(|| (d.blocks.clone(), d.symptoms.clone(), d.generic_symptoms.clone(), d.warnings.clone()))).map_err(|e| e.clone())) {
                        Err(e) => view! { <p class="error" role="alert">{format!("We cannot read this input: {e}.")}</p> }.into_any(),
                        Ok(Some((blocks, symptoms, generic, warnings))) => view! {
                            <ul class="blocks" aria-label="Recognised blocks">
                                {blocks.iter().map(|b| view! {
                                    <li class=format!("chip {}", b.kind)>{b.label.clone()}<span class="where">{format!(" line {}", b.evidence.line)}</span></li>
                                }).collect_view()}
                            </ul>
                            {(!symptoms.is_empty()).then(|| view! { <h2>"Symptoms"</h2> {symptom_list(&symptoms)} })}
                            {(!generic.is_empty()).then(|| view! {
                                <h2>"Recognised wording, not yet shown to be AKS"</h2>
                                {symptom_list(&generic)}
                                <p><button type="button" class="said-aks" on:click=move |_| s.steps.update(|v| record(v, Taken::SaidAks))>"It is AKS"</button></p>
                            })}
                            {(!warnings.is_empty()).then(|| view! {
                                <ul class="warnings" aria-label="Notes on the input">
                                    {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                                </ul>
                            })}
                        }.into_any(),
                        Ok(None) => ().into_any(),
                    }}
                </section>

                {move || {
                    let recognised = recognised.get();
                    let pasted = !s.settled_paste.get().trim().is_empty();
                    if recognised && pasted {
                        view! {
                            <section aria-labelledby="matched-h">
                                <h2 id="matched-h">"What we matched"</h2>
                                <Highlighted text=text marks=marks />
                            </section>
                        }.into_any()
                    } else if !recognised {
                        let intro = if pasted {
                            "Nothing recognised: no error form of the AKS connectivity and API-server problems we know. Any causes listed below are only related by their words. Paste the full error with the lines around it, search our causes, or start from what you see:"
                        } else {
                            "Or start from what you see:"
                        };
                        view! {
                            <section class="start" aria-labelledby="start-h">
                                <h2 id="start-h">{if pasted { "Nothing recognised" } else { "No error to paste?" }}</h2>
                                <p>{intro}</p>
                                <crate::components::search::CauseSearch id="search-causes" />
                                <ul class="symptom-picks">
                                    {model.symptoms.iter().map(|sym| {
                                        let id = sym.id.clone();
                                        view! {
                                            <li><button type="button" class="link" on:click=move |_| {
                                                s.steps.update(|v| record(v, Taken::Declared { symptom: id.clone() }));
                                            }>{sym.title.clone()}</button></li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        }.into_any()
                    } else {
                        ().into_any()
                    }
                }}

                <Trail />
                <crate::components::step::LastReading />

                {move || next_check.get().map(|n| {
                    let id = n.id.clone();
                    view! {
                        <section class="next" aria-labelledby="next-h">
                            <h2 id="next-h">"Next check"</h2>
                            <p class="why">{n.reason.clone()} " " <a href=format!("#/step/{id}")>"Open this step on its own"</a></p>
                            <CheckStep id=n.id inline=true />
                        </section>
                    }
                })}

                {move || {
                    let ids = fix_ids.get();
                    (!ids.is_empty()).then(|| view! {
                        <section class="fix" aria-labelledby="fix-h">
                            <h2 id="fix-h">"Fix"</h2>
                            {ids.into_iter().filter_map(|id| model.cause(&id)).map(|c| view! {
                                <article>
                                    <h3><a href=format!("#/cause/{}", c.id)>{c.title.clone()}</a></h3>
                                    <p><crate::components::inline::Inline text=c.summary.clone() /></p>
                                    {c.fixes.iter().cloned().map(|b| view! { <CodeView block=b /> }).collect_view()}
                                </article>
                            }).collect_view()}
                        </section>
                    })
                }}

                {move || (!causes.get().is_empty()).then(|| view! { <CauseList causes=causes /> })}
                {move || recognised.get().then(|| view! { <crate::components::report::CopyReport /> })}
            </div>
            <aside class="side"><ParamsPanel /></aside>
        </div>
    }
}

/// Recognised symptoms, each linking to its page.
fn symptom_list(list: &[aks_triage::diagnosis::SymptomHit]) -> impl IntoView {
    view! {
        <ul class="symptoms">
            {list.iter().map(|sy| view! {
                <li><a href=format!("#/symptom/{}", sy.id)>{sy.title.clone()}</a>" " <code>{sy.id.clone()}</code></li>
            }).collect_view()}
        </ul>
    }
}
