//! A search box over our notes on every symptom and cause (the engine's
//! full-text index), for people who know what they are looking for or whose
//! paste matched nothing: "snat", "times out", "free tier".

use crate::state::session;
use leptos::prelude::*;

/// At most this many results are listed.
const MAX_RESULTS: usize = 6;

/// The search box and its ranked results, each linking to its cause page.
#[component]
pub fn CauseSearch(
    /// The id of the input, unique on the page.
    id: &'static str,
) -> impl IntoView {
    let s = session();
    let query = RwSignal::new(String::new());
    let results = Memo::new(move |_| {
        let q = query.get();
        let engine = s.engine.get_value();
        engine.search_all(&q).into_iter().take(MAX_RESULTS).map(|f| (f.kind, f.id.to_string(), f.title.to_string(), f.shared)).collect::<Vec<_>>()
    });
    view! {
        <div class="cause-search" role="search">
            <label for=id>"Search the symptoms and causes we know"</label>
            <input id=id type="search" placeholder="snat, times out, private cluster, free tier…" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            {move || {
                let q = query.get();
                let found = results.get();
                if q.trim().is_empty() {
                    ().into_any()
                } else if found.is_empty() {
                    view! { <p class="none" role="status">"No symptom or cause shares these words. Try the words of the error, a component (konnectivity, ufw, NSG) or a feature (authorized IP ranges)."</p> }.into_any()
                } else {
                    view! {
                        <ol class="search-results" aria-label="Matching symptoms and causes">
                            {found.into_iter().map(|(kind, id, title, shared)| view! {
                                <li><span class="kind">{kind}</span>" " <a href=format!("#/{kind}/{id}")>{title}</a>" " <span class="shared">{format!("matches: {}", shared.join(", "))}</span></li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </div>
    }
}
