//! One step of the decision tree: a command to run with a box for its
//! output, or a yes/no question. Taking the step records it in the session
//! and moves on to the engine's next check.

use crate::components::code::CodeView;
use crate::route::Route;
use crate::state::{record, session, Taken};
use aks_triage::diagnosis::Answer;
use aks_triage::model::CheckKind;
use leptos::prelude::*;

/// Moves to the next check the engine proposes, or back to the results.
pub fn go_to_next() {
    let s = session();
    let next = s.diagnosis.get_untracked().ok().and_then(|d| d.next_check).map(|n| n.id);
    match next {
        Some(id) => crate::navigate(&Route::Step(id)),
        None => crate::navigate(&Route::Home { prefill: None }),
    }
}

/// A check as a step.
#[component]
pub fn CheckStep(
    /// The check id.
    id: String,
    /// Whether this is the inline "next check" on the results page (a lower heading level).
    #[prop(default = false)]
    inline: bool,
) -> impl IntoView {
    let s = session();
    let Some(check) = s.model().check(&id) else {
        return view! { <p class="error">"Unknown step " <code>{id}</code>"."</p> }.into_any();
    };
    let title = check.title.clone();
    let heading = if inline {
        view! { <h3 id=format!("step-{}", check.id)>{title}</h3> }.into_any()
    } else {
        view! { <crate::components::heading::PageHeading text=title /> }.into_any()
    };
    let body = check.body_html.clone();
    let needs: Vec<&'static str> = check
        .needs
        .iter()
        .map(|n| match n.as_str() {
            "kubernetes-api" => "kubectl access to the API server",
            "azure-cli" => "the Azure CLI with rights on the cluster's resource groups",
            "node-shell" => "a shell on the node",
            _ => "other access",
        })
        .collect();
    let cid = check.id.clone();
    let current = Memo::new({
        let cid = cid.clone();
        move |_| s.steps.get().into_iter().find(|t| t.subject() == cid)
    });
    let action = match check.kind {
        CheckKind::Question => {
            let answer = move |a: Answer| {
                let cid = cid.clone();
                move |_| {
                    s.last_reading.set(None);
                    s.steps.update(|v| record(v, Taken::Answered { check: cid.clone(), answer: a }));
                    go_to_next();
                }
            };
            let pressed = move |a: Answer| move || matches!(current.get(), Some(Taken::Answered { answer, .. }) if answer == a);
            view! {
                <p class="question">{check.question.clone()}</p>
                <div class="answers" role="group" aria-label="Your answer">
                    <button type="button" class="answer" aria-pressed=move || pressed(Answer::Yes)().to_string() on:click=answer(Answer::Yes)>"Yes"</button>
                    <button type="button" class="answer" aria-pressed=move || pressed(Answer::No)().to_string() on:click=answer(Answer::No)>"No"</button>
                </div>
            }
            .into_any()
        }
        CheckKind::Command => {
            let output = RwSignal::new(match current.get_untracked() {
                Some(Taken::Pasted { text, .. }) => text,
                _ => String::new(),
            });
            let box_id = format!("output-{}", check.id);
            let problem: RwSignal<Option<String>> = RwSignal::new(None);
            let check_title = check.title.clone();
            let submit = move |_| {
                let text = output.get_untracked();
                let reading = s.engine.get_value().read_output(&cid, &text, &s.params.get_untracked());
                if let Some(p) = reading.problem.clone() {
                    // The step stays open, with what went wrong.
                    s.announce.set(p.clone());
                    problem.set(Some(p));
                    return;
                }
                problem.set(None);
                s.announce.set(reading_sentence(&reading));
                s.last_reading.set(Some((check_title.clone(), reading)));
                s.steps.update(|v| record(v, Taken::Pasted { check: cid.clone(), text }));
                go_to_next();
            };
            view! {
                {check.commands.iter().cloned().map(|b| view! { <CodeView block=b /> }).collect_view()}
                <label for=box_id.clone()>{check.paste_hint.clone()}</label>
                <textarea
                    id=box_id
                    class="output"
                    rows="8"
                    spellcheck="false"
                    prop:value=move || output.get()
                    on:input=move |ev| output.set(event_target_value(&ev))
                ></textarea>
                <button type="button" class="primary" on:click=submit>"Read this output"</button>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            }
            .into_any()
        }
    };
    view! {
        <section class="step" aria-label="Next check">
            {(!inline).then(|| view! { <LastReading /> })}
            {heading}
            {(!needs.is_empty()).then(|| view! { <p class="needs">"Needs: " {needs.join("; ")} "."</p> })}
            <div class="prose" inner_html=body></div>
            {action}
        </section>
    }
    .into_any()
}

/// One sentence for what an output was read as.
fn reading_sentence(r: &aks_triage::diagnosis::OutputReading) -> String {
    if r.read_as.is_empty() {
        "Taken as it is.".to_string()
    } else if r.findings.is_empty() {
        format!("Read as {}; it settles none of the open causes.", r.read_as.join(", "))
    } else {
        format!("Read as {}.", r.read_as.join(", "))
    }
}

/// What the last pasted check output said (on the next step, or on the
/// results when no step is left).
#[component]
pub fn LastReading() -> impl IntoView {
    let s = session();
    move || {
        s.last_reading.get().map(|(title, r)| {
            view! {
                <div class="reading" role="status">
                    <p><strong>{format!("What your output for “{title}” says: ")}</strong>{reading_sentence(&r)}</p>
                    <ul>{r.findings.iter().map(|(id, cause, effect, why)| view! {
                        <li><span class=format!("effect effect-{}", effect.replace(' ', "-"))>{effect.clone()}</span>" " <a href=format!("#/cause/{id}")>{cause.clone()}</a>": " {why.clone()}</li>
                    }).collect_view()}</ul>
                </div>
            }
        })
    }
}
