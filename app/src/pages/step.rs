//! `#/step/<check-id>`: one step of the decision tree, with the breadcrumb.

use crate::components::step::CheckStep;
use crate::components::trail::Trail;
use leptos::prelude::*;

/// The step page.
#[component]
pub fn StepPage(
    /// The check id.
    id: String,
) -> impl IntoView {
    view! {
        <Trail />
        <CheckStep id=id />
        <p class="back"><a href="#/">"See all causes and your paste"</a></p>
    }
}
