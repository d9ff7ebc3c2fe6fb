//! AKS Triage in the browser: a thin Leptos (client-side rendering) shell
//! over the `aks-triage` engine. The model is compiled from `content/` at
//! build time (see `build.rs`) and embedded; nothing the user pastes leaves
//! the page.
//!
//! - [`route`]: hash routes (deep links that work under any sub-path);
//! - [`state`]: the session (paste, steps, parameters) → engine query;
//! - [`components`]: reusable views (commands, causes, steps, parameters);
//! - [`pages`]: one view per route.

pub mod components;
pub mod pages;
pub mod route;
pub mod state;

use aks_triage::{Engine, Model};
use leptos::prelude::*;
use route::Route;
use state::Session;
use std::collections::BTreeMap;

/// The compiled knowledge, made by `build.rs` from `content/`.
const MODEL_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/model.json"));

/// Local-storage key of the user's parameters.
const PARAMS_KEY: &str = "aks-triage.params";
/// Local-storage key of the kept session (paste and steps).
const SESSION_KEY: &str = "aks-triage.session";

/// Shows a message with a reload link instead of a dead page when the app
/// panics (in WebAssembly a panic aborts the module).
fn install_panic_page() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(body) = doc.body() else { return };
        body.set_text_content(None);
        if let Ok(main) = doc.create_element("main") {
            main.set_class_name("crash");
            main.set_attribute("role", "alert").ok();
            if let Ok(h) = doc.create_element("h1") {
                h.set_text_content(Some("AKS Triage stopped unexpectedly"));
                main.append_child(&h).ok();
            }
            if let Ok(p) = doc.create_element("p") {
                p.set_text_content(Some("Something went wrong inside the page. Your paste never left this browser. Reload to start again."));
                main.append_child(&p).ok();
            }
            if let Ok(pre) = doc.create_element("pre") {
                pre.set_text_content(Some(&msg));
                main.append_child(&pre).ok();
            }
            if let Ok(a) = doc.create_element("a") {
                let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "./".into());
                a.set_attribute("href", &href).ok();
                a.set_class_name("button");
                a.set_text_content(Some("Reload"));
                main.append_child(&a).ok();
            }
            body.append_child(&main).ok();
        }
    }));
}

fn load_params() -> BTreeMap<String, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(PARAMS_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn load_session() -> state::Kept {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
        .map(|json| state::Kept::from_json(&json))
        .unwrap_or_default()
}

/// Keeps the session; a paste too big for the browser's storage quota is
/// not kept (the steps still are), and the page goes on without it.
fn save_session(kept: &state::Kept) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        if storage.set_item(SESSION_KEY, &kept.to_json()).is_err() {
            let without_paste = state::Kept { paste: String::new(), steps: kept.steps.clone() };
            let _ = storage.set_item(SESSION_KEY, &without_paste.to_json());
        }
    }
}

fn save_params(params: &BTreeMap<String, String>) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        if let Ok(json) = serde_json::to_string(params) {
            let _ = storage.set_item(PARAMS_KEY, &json);
        }
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Navigates to a route (adds a history entry, so Back works).
pub fn navigate(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.to_hash());
    }
}

fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let sw = w.navigator().service_worker();
        let _ = sw.register("./sw.js");
    }
}

/// Mounts the app on the page.
pub fn start() {
    install_panic_page();
    let model: Model = match serde_json::from_str(MODEL_JSON) {
        Ok(m) => m,
        Err(e) => panic!("the embedded knowledge model is unreadable: {e}"),
    };
    let engine: &'static Engine = match Engine::new(model) {
        Ok(e) => Box::leak(Box::new(e)),
        Err(e) => panic!("the embedded matchers do not compile: {e}"),
    };
    register_service_worker();
    if let Some(loading) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("loading")) {
        loading.remove();
    }
    leptos::mount::mount_to_body(move || view! { <App engine=engine /> });
}

/// The root component: provides the session, follows the hash, renders the page.
#[component]
pub fn App(
    /// The compiled engine.
    engine: &'static Engine,
) -> impl IntoView {
    let params = RwSignal::new(load_params());
    Effect::new(move |_| save_params(&params.get()));
    let session = Session::new(engine, params);
    provide_context(session);
    // A reload or a reopened tab picks up where the user was.
    let kept = load_session();
    session.paste.set(kept.paste.clone());
    session.settled_paste.set(kept.paste);
    session.steps.set(kept.steps);
    Effect::new(move |_| save_session(&state::Kept { paste: session.settled_paste.get(), steps: session.steps.get() }));

    let route = RwSignal::new(Route::parse(&current_hash()));
    let _listener = leptos_use_event_listener::use_event_listener(leptos_use_window::use_window(), leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&current_hash()));
    });
    // A `#/?q=` link pre-fills and diagnoses the text at once.
    Effect::new(move |_| {
        if let Route::Home { prefill: Some(q) } = route.get() {
            session.paste.set(q.clone());
            session.settled_paste.set(q);
        }
    });

    view! {
        <a class="skip" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }>"Skip to content"</a>
        <header class="top">
            <a class="brand" href="#/">"AKS Triage"</a>
            <nav aria-label="Main">
                <a href="#/">"Diagnose"</a>
                <a href="#/browse">"Browse symptoms and causes"</a>
            </nav>
            <span class="privacy">"Runs in your browser; nothing you paste is sent anywhere."</span>
        </header>
        <div class="live" role="status" aria-live="polite" aria-atomic="true">{move || session.announce.get()}</div>
        <main id="main" tabindex="-1">
            {move || match route.get() {
                Route::Home { .. } => view! { <pages::diagnose::DiagnosePage /> }.into_any(),
                Route::Cause(id) => view! { <pages::cause::CausePage id=id /> }.into_any(),
                Route::Symptom(id) => view! { <pages::symptom::SymptomPage id=id /> }.into_any(),
                Route::Step(id) => view! { <pages::step::StepPage id=id /> }.into_any(),
                Route::Browse => view! { <pages::browse::BrowsePage /> }.into_any(),
                Route::NotFound(h) => view! { <pages::NotFound hash=h /> }.into_any(),
            }}
        </main>
        <footer>
            "Knowledge from Microsoft's AKS troubleshooting articles, rewritten. "
            <a href="#/browse">"Everything we know"</a>
        </footer>
    }
}
