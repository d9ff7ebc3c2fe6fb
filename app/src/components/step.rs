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
            let submit = move |_| {
                let text = output.get_untracked();
                if text.trim().is_empty() {
                    s.announce.set("Paste the command's output first.".into());
                    return;
                }
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
            }
            .into_any()
        }
    };
    view! {
        <section class="step" aria-label="Next check">
            {heading}
            <div class="prose" inner_html=body></div>
            {action}
        </section>
    }
    .into_any()
}
