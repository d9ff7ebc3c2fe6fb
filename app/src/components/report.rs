//! "Copy report": the diagnosis as Markdown for a ticket or a chat, from the
//! same renderer as `aks-triage diagnose --format markdown`, with the steps
//! taken, redacted by default (addresses, API server names, GUIDs, secrets and
//! the values typed in Parameters become placeholders).

use crate::components::code::CopyButton;
use crate::state::{session, Taken};
use aks_triage::diagnosis::Answer;
use leptos::prelude::*;

/// The report, its redaction switch, a preview and the copy button.
#[component]
pub fn CopyReport() -> impl IntoView {
    let s = session();
    let redacted = RwSignal::new(true);
    let report = Memo::new(move |_| {
        let engine = s.engine.get_value();
        let mut text = s.diagnosis.with(|d| d.as_ref().map(|d| aks_triage::render::markdown(engine, d)).unwrap_or_default());
        let steps = s.steps.get();
        if !steps.is_empty() {
            text.push_str("\n### Steps taken\n\n");
            for step in &steps {
                let line = match step {
                    Taken::Answered { check, answer } => {
                        let q = engine.model().check(check).map_or(check.as_str(), |c| c.question.as_str());
                        format!("- {q} **{}**", if *answer == Answer::Yes { "Yes" } else { "No" })
                    }
                    Taken::Pasted { .. } => format!("- Pasted the output of “{}”", step.title(engine.model())),
                    Taken::Declared { .. } => format!("- Started from “{}”", step.title(engine.model())),
                    Taken::SaidAks => "- Said the cluster is AKS".to_string(),
                };
                text.push_str(&line);
                text.push('\n');
            }
        }
        if redacted.get() {
            let values: Vec<String> = s.params.get().into_values().collect();
            let names: Vec<&str> = values.iter().map(String::as_str).collect();
            text = aks_triage::redact::redact(&text, &names);
        }
        text
    });
    view! {
        <section class="report" aria-labelledby="report-h">
            <h2 id="report-h">"Hand it on"</h2>
            <p>
                <label><input type="checkbox" prop:checked=move || redacted.get() on:change=move |ev| redacted.set(event_target_checked(&ev)) />" Redact addresses, names and secrets"</label>
                " "
                <CopyButton text=Signal::derive(move || report.get()) what="report" />
            </p>
            <details>
                <summary>"Preview the report"</summary>
                <pre class="report-preview">{move || report.get()}</pre>
            </details>
        </section>
    }
}
