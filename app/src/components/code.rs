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

/// A button that copies `text` and says "Copied" for a moment. While the
/// text still has unfilled placeholders, the first press warns instead and
/// a second press copies anyway.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// What is being copied, for screen readers ("command").
    #[prop(into, default = "command".to_string())]
    what: String,
    /// How many placeholders are still unfilled.
    #[prop(into, default = Signal::derive(|| 0))]
    unfilled: Signal<usize>,
) -> impl IntoView {
    let UseClipboardReturn { is_supported, copy, copied, .. } = use_clipboard();
    let s = session();
    let warned = RwSignal::new(false);
    Effect::new(move |_| {
        if copied.get() {
            s.announce.set("Copied to the clipboard".into());
            warned.set(false);
        }
    });
    // A value filled in since the warning makes it moot.
    Effect::new(move |_| {
        if unfilled.get() == 0 {
            warned.set(false);
        }
    });
    let label = format!("Copy {what}");
    view! {
        <button
            type="button"
            class="copy"
            class:warn=move || warned.get()
            aria-label=label
            disabled=move || !is_supported.get()
            title=move || if is_supported.get() { "Copy to the clipboard" } else { "The clipboard needs a secure (https) page" }
            on:click=move |_| {
                let missing = unfilled.get_untracked();
                if missing > 0 && !warned.get_untracked() {
                    warned.set(true);
                    s.announce.set(format!("This command still has {missing} value(s) to fill. Press Copy again to copy it anyway."));
                } else {
                    copy(&text.get());
                }
            }
        >
            {move || if copied.get() { "Copied".to_string() } else if warned.get() { format!("{} to fill — copy anyway?", unfilled.get()) } else { "Copy".to_string() }}
        </button>
    }
}

/// Unique ids for the inline fields (one parameter may be asked for by
/// several commands on a page).
static FIELD_IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Fields for the values a command still needs, right at the command: each
/// with its label and help, and the command that prints it. They share the
/// Parameters store, so every command on the page fills at once.
#[component]
fn FillHere(
    /// The names still unfilled, each once.
    #[prop(into)]
    missing: Signal<Vec<String>>,
) -> impl IntoView {
    let s = session();
    let serial = FIELD_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    view! {
        {move || {
            let names = missing.get();
            (!names.is_empty()).then(|| view! {
                <div class="fill-here" role="group" aria-label="Values this command still needs">
                    {names.into_iter().map(|name| {
                        let spec = s.model().param(&name).cloned();
                        let label = spec.as_ref().map_or_else(|| name.clone(), |p| p.label.clone());
                        let help = spec.as_ref().map(|p| p.help.clone()).unwrap_or_default();
                        let find = spec.as_ref().and_then(|p| p.find.clone());
                        let id = format!("fill-{serial}-{name}");
                        let key = name.clone();
                        view! {
                            <div class="fill-field">
                                <label for=id.clone()>{label}" "<code>{format!("<{name}>")}</code></label>
                                <input id=id type="text" spellcheck="false" autocomplete="off"
                                    prop:value=move || s.params.with(|p| p.get(&key).cloned().unwrap_or_default())
                                    on:change={
                                        let key = name.clone();
                                        move |ev| { let v = event_target_value(&ev); s.params.update(|p| { p.insert(key.clone(), v.trim().to_string()); }); }
                                    } />
                                <span class="help">{help}</span>
                                {find.map(|cmd| view! { <FindCommand code=cmd /> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
            })
        }}
    }
}

/// The command that prints a value, filled as far as known, with a copy button.
#[component]
fn FindCommand(
    /// The command.
    code: String,
) -> impl IntoView {
    let segments = Memo::new(move |_| fill_code(&code, &current_facts()));
    let text = Signal::derive(move || segments_to_string(&segments.get()));
    let unfilled = Signal::derive(move || segments.with(|segs| segs.iter().filter(|s| matches!(s, Segment::Param { value: None, .. })).count()));
    view! {
        <span class="find">"Find it: "<code>{move || text.get()}</code>" "<CopyButton text=text what="the command that finds it" unfilled=unfilled /></span>
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
    // Each missing name once, in order of first use.
    let missing = Memo::new(move |_| {
        let mut names: Vec<String> = Vec::new();
        for seg in segments.get() {
            if let Segment::Param { name, value: None, .. } = seg {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    });
    let unfilled = Signal::derive(move || missing.with(Vec::len));
    view! {
        <figure class="code">
            <figcaption>
                <span class="code-title">{title}</span>
                {variant.map(|v| view! { <span class="variant">{v}</span> })}
                <CopyButton text=text what=lang.clone() unfilled=unfilled />
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
                        <span class="param missing" title=format!("{name}: not filled yet; fill it below")>{format!("<{name}>")}</span>
                    }.into_any(),
                }).collect_view()}
            </code></pre>
            <FillHere missing=missing />
        </figure>
    }
}
