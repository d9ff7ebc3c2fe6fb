//! One view per route.

pub mod browse;
pub mod cause;
pub mod diagnose;
pub mod step;
pub mod symptom;

use crate::components::heading::PageHeading;
use leptos::prelude::*;

/// An address we do not know.
#[component]
pub fn NotFound(
    /// The hash that was asked for.
    hash: String,
) -> impl IntoView {
    view! {
        <PageHeading text="Page not found" />
        <p>"There is no page at " <code>{hash}</code> ". " <a href="#/">"Start a diagnosis"</a> " or " <a href="#/browse">"browse everything"</a> "."</p>
    }
}
