//! The parameters panel: values typed once, remembered on this device only
//! (local storage), and substituted into every command; values read from the
//! paste are listed as such.

use crate::state::session;
use aks_triage::diagnosis::Origin;
use aks_triage::model::ParamSource;
use leptos::prelude::*;

/// The panel.
#[component]
pub fn ParamsPanel() -> impl IntoView {
    let s = session();
    let model = s.model();
    let mut user: Vec<_> = model.params.iter().filter(|p| p.source == ParamSource::User).collect();
    // The order comes from content/parameters.toml (`panel = N`).
    user.sort_by_key(|p| p.panel.unwrap_or(u32::MAX));
    let field = move |p: &aks_triage::model::ParamSpec| {
        let name = p.name.clone();
        let id = format!("param-{}", p.name);
        let n1 = name.clone();
        let placeholder = p.default.clone().unwrap_or_default();
        view! {
            <div class="field">
                <label for=id.clone()>{p.label.clone()}</label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=placeholder
                    title=p.help.clone()
                    prop:value=move || s.params.with(|m| m.get(&n1).cloned().unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let name = name.clone();
                        s.params.update(|m| {
                            if v.trim().is_empty() { m.remove(&name); } else { m.insert(name, v.trim().to_string()); }
                        });
                    }
                />
            </div>
        }
    };
    let main_fields: Vec<_> = user.iter().filter(|p| p.panel.is_some()).map(|p| field(p)).collect();
    let more_fields: Vec<_> = user.iter().filter(|p| p.panel.is_none()).map(|p| field(p)).collect();
    // Values normally read from the paste can be typed too (a service account
    // for a throttling rule, a node IP); what you type wins.
    let extracted_fields: Vec<_> = model.params.iter().filter(|p| p.source == ParamSource::Extracted).map(field).collect();
    // On a phone the panel starts folded under its heading: the answer and
    // the commands come first, and each command asks for what it lacks.
    let wide = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_none_or(|w| w > NARROW_MAX_PX);
    view! {
        <section class="params" aria-labelledby="params-h">
          <details class="params-box" open=wide>
            <summary><h2 id="params-h">"Parameters"</h2></summary>
            <p class="hint">"Typed once, kept in this browser only, and filled into every command."</p>
            {main_fields}
            <details>
                <summary>"More values"</summary>
                {more_fields}
            </details>
            <details>
                <summary>"Values read from a paste"</summary>
                <p class="hint">"Filled from what you paste; type here to set or override them."</p>
                {extracted_fields}
            </details>
            {move || {
                let extracted: Vec<_> = s.diagnosis.with(|d| d.as_ref().map(|d| d.facts.iter().filter(|f| f.origin == Origin::Extracted).cloned().collect()).unwrap_or_default());
                (!extracted.is_empty()).then(|| view! {
                    <h3>"Read from your paste"</h3>
                    <dl class="facts">
                        {extracted.into_iter().map(|f| view! { <dt>{f.name}</dt><dd>{f.value}</dd> }).collect_view()}
                    </dl>
                })
            }}
          </details>
        </section>
    }
}

/// Up to this viewport width (the layout's one-column breakpoint) the panel
/// starts folded.
const NARROW_MAX_PX: f64 = 900.0;
