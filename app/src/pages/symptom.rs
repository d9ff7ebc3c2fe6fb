//! `#/symptom/<id>`: what the symptom means and its causes, in the order the
//! articles check them; a way to start the wizard from it.

use crate::components::heading::PageHeading;
use crate::pages::cause::article_title;
use crate::route::Route;
use crate::state::{record, session, Taken};
use leptos::prelude::*;

/// The symptom page.
#[component]
pub fn SymptomPage(
    /// The symptom id.
    id: String,
) -> impl IntoView {
    let s = session();
    let Some(sym) = s.model().symptom(&id) else {
        return view! { <crate::pages::NotFound hash=format!("#/symptom/{id}") /> }.into_any();
    };
    let sid = sym.id.clone();
    view! {
        <article class="symptom-page">
            <p class="kicker">"Symptom " <code>{sym.id.clone()}</code></p>
            <PageHeading text=sym.title.clone() />
            <p class="summary"><crate::components::inline::Inline text=sym.summary.clone() /></p>
            <div class="prose" inner_html=sym.body_html.clone()></div>
            <button type="button" class="primary" on:click=move |_| {
                s.steps.update(|v| record(v, Taken::Declared { symptom: sid.clone() }));
                crate::navigate(&Route::Home { prefill: None });
            }>"Start from this symptom"</button>
            <h2>"Causes, in the order to check them"</h2>
            <ol>
                {sym.causes.iter().filter_map(|l| s.model().cause(&l.cause)).map(|c| view! {
                    <li><a href=format!("#/cause/{}", c.id)>{c.title.clone()}</a>" — " <crate::components::inline::Inline text=c.summary.clone() /></li>
                }).collect_view()}
            </ol>
            <h2>"How we recognise it"</h2>
            <ul>{sym.matchers.iter().map(|m| view! { <li>{m.label.clone()}": " <code>{m.pattern.clone()}</code></li> }).collect_view()}</ul>
            <p class="source">"Source: " <cite>{article_title(&sym.source.file)}</cite> ", section “" {sym.source.section.clone()} "”."</p>
        </article>
    }
    .into_any()
}
