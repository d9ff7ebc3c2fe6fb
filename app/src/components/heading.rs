//! Page headings that take focus when the page changes, so keyboard and
//! screen-reader users land on the new content.

use crate::state::session;
use leptos::html;
use leptos::prelude::*;

/// An `<h1>` that receives focus on mount and announces itself.
#[component]
pub fn PageHeading(
    /// The heading text.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let node = NodeRef::<html::H1>::new();
    let s = session();
    let announce = text.clone();
    Effect::new(move |_| {
        if let Some(h) = node.get() {
            let _ = h.focus();
        }
        s.announce.set(announce.clone());
    });
    view! { <h1 tabindex="-1" node_ref=node>{text}</h1> }
}
