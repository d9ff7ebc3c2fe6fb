//! Copyable commands with their parameters filled in, and the copy button.

use crate::state::session;
use aks_triage::diagnosis::{FactValue, Origin};
use aks_triage::fill::{fill_code, segments_to_string, Segment};
use aks_triage::model::CodeBlock;
use leptos::prelude::*;
use leptos_use_clipboard::{use_clipboard, UseClipboardReturn};

/// The facts currently known: user parameters, values read from the paste,
/// and defaults, as the engine reports them.
pub fn current_facts() -> Vec<FactValue> {
    let s = session();
    // Read only the facts: cloning the whole diagnosis per command block is wasteful.
    let mut facts = s.diagnosis.with(|d| d.as_ref().map(|d| d.facts.clone()).unwrap_or_default());
    // Parameters typed by the user apply even when the paste cannot be read.
    for (k, v) in s.params.get() {
        if !v.trim().is_empty() && !facts.iter().any(|f| f.name == k) {
            facts.push(FactValue { name: k, value: v, origin: Origin::User, evidence: None });
        }
    }
    for p in &s.model().params {
        if let (Some(d), false) = (&p.default, facts.iter().any(|f| f.name == p.name)) {
            facts.push(FactValue { name: p.name.clone(), value: d.clone(), origin: Origin::Default, evidence: None });
        }
    }
    facts
}

/// A button that copies `text` and says "Copied" for a moment.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// What is being copied, for screen readers ("command").
    #[prop(into, default = "command".to_string())]
    what: String,
) -> impl IntoView {
    let UseClipboardReturn { is_supported, copy, copied, .. } = use_clipboard();
    let s = session();
    Effect::new(move |_| {
        if copied.get() {
            s.announce.set("Copied to the clipboard".into());
        }
    });
    let label = format!("Copy {what}");
    view! {
        <button
            type="button"
            class="copy"
            aria-label=label
            disabled=move || !is_supported.get()
            title=move || if is_supported.get() { "Copy to the clipboard" } else { "The clipboard needs a secure (https) page" }
            on:click=move |_| copy(&text.get())
        >
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}

/// A command, manifest or query with filled parameters and a copy button.
#[component]
pub fn CodeView(
    /// The block to show.
    block: CodeBlock,
) -> impl IntoView {
    let code = block.code.clone();
    let segments = Memo::new(move |_| fill_code(&code, &current_facts()));
    let text = Signal::derive(move || segments_to_string(&segments.get()));
    let title = block.title.clone();
    let variant = block.variant.clone();
    let lang = block.lang.clone();
    let missing = move || {
        segments
            .get()
            .iter()
            .filter_map(|s| match s {
                Segment::Param { name, value: None, .. } => Some(name.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    view! {
        <figure class="code">
            <figcaption>
                <span class="code-title">{title}</span>
                {variant.map(|v| view! { <span class="variant">{v}</span> })}
                <CopyButton text=text what=lang.clone() />
            </figcaption>
            <pre><code class=format!("lang-{lang}")>
                {move || segments.get().into_iter().map(|seg| match seg {
                    Segment::Text(t) => view! { <span>{t}</span> }.into_any(),
                    Segment::Param { name, value: Some(v), origin } => {
                        let (class, how) = match origin {
                            Some(Origin::User) => ("param user", "you entered"),
                            Some(Origin::Extracted) => ("param extracted", "read from your paste"),
                            _ => ("param default", "default"),
                        };
                        view! { <span class=class title=format!("{name}: {how}")>{v}</span> }.into_any()
                    }
                    Segment::Param { name, value: None, .. } => view! {
                        <span class="param missing" title=format!("{name}: not filled; set it in Parameters")>{format!("<{name}>")}</span>
                    }.into_any(),
                }).collect_view()}
            </code></pre>
            {move || {
                let m = missing();
                (!m.is_empty()).then(|| view! {
                    <p class="missing-note">"Still to fill: " {m.join(", ")} " (see Parameters)."</p>
                })
            }}
        </figure>
    }
}
