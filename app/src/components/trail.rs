//! The breadcrumb: the path of steps taken so far, each a link back to its step.

use crate::state::{session, Taken};
use aks_triage::diagnosis::Answer;
use leptos::prelude::*;

/// The steps taken, in order, with a way to undo each.
#[component]
pub fn Trail() -> impl IntoView {
    let s = session();
    let model = s.model();
    view! {
        {move || {
            let steps = s.steps.get();
            (!steps.is_empty()).then(|| view! {
                <nav class="trail" aria-label="Steps taken">
                    <ol>
                        <li><a href="#/">"Your paste"</a></li>
                        {steps.into_iter().map(|t| {
                            let title = t.title(model);
                            let (href, outcome) = match &t {
                                Taken::Answered { check, answer } => (format!("#/step/{check}"), if *answer == Answer::Yes { "yes" } else { "no" }.to_string()),
                                Taken::Pasted { check, .. } => (format!("#/step/{check}"), "output pasted".to_string()),
                                Taken::Declared { symptom } => (format!("#/symptom/{symptom}"), "chosen".to_string()),
                                Taken::SaidAks => ("#/".to_string(), "you said".to_string()),
                            };
                            let subject = t.subject().to_string();
                            view! {
                                <li>
                                    <a href=href>{title}</a>
                                    " (" {outcome} ") "
                                    <button type="button" class="link" aria-label="Undo this step" on:click=move |_| {
                                        let subject = subject.clone();
                                        s.steps.update(|v| v.retain(|x| x.subject() != subject));
                                    }>"undo"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
            })
        }}
    }
}
