//! `#/browse`: every symptom, cause and check, filterable by typing.

use crate::components::heading::PageHeading;
use crate::state::session;
use leptos::prelude::*;

/// Whether an entry matches every word of the filter (case-insensitive).
pub fn matches_filter(filter: &str, fields: &[&str]) -> bool {
    let hay = fields.join(" ").to_lowercase();
    filter.to_lowercase().split_whitespace().all(|w| hay.contains(w))
}

/// The index page.
#[component]
pub fn BrowsePage() -> impl IntoView {
    let s = session();
    let model = s.model();
    let filter = RwSignal::new(String::new());
    let section = move |title: &'static str, prefix: &'static str, items: Vec<(String, String, String)>| {
        view! {
            <section aria-label=title>
                <h2>{title}</h2>
                <ul class="index">
                    {move || {
                        let f = filter.get();
                        let shown: Vec<_> = items.iter().filter(|(id, t, sum)| matches_filter(&f, &[id, t, sum])).cloned().collect();
                        if shown.is_empty() {
                            view! { <li class="none">"No match."</li> }.into_any()
                        } else {
                            shown.into_iter().map(|(id, t, sum)| view! {
                                <li><a href=format!("#/{prefix}/{id}")>{t}</a> " " <code>{id}</code><p><crate::components::inline::Inline text=sum /></p></li>
                            }).collect_view().into_any()
                        }
                    }}
                </ul>
            </section>
        }
    };
    let symptoms = model.symptoms.iter().map(|x| (x.id.clone(), x.title.clone(), x.summary.clone())).collect();
    let causes = model.causes.iter().map(|x| (x.id.clone(), x.title.clone(), x.summary.clone())).collect();
    let checks = model.checks.iter().map(|x| (x.id.clone(), x.title.clone(), x.question.clone())).collect();
    view! {
        <PageHeading text="Symptoms, causes and checks" />
        <crate::components::search::CauseSearch id="browse-search" />
        <label for="filter">"Filter"</label>
        <input id="filter" type="search" placeholder="10250, ufw, private, etcd…" prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev)) />
        <div class="browse">
            {section("Symptoms", "symptom", symptoms)}
            {section("Causes", "cause", causes)}
            {section("Checks", "step", checks)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_words() {
        assert!(matches_filter("ufw 10250", &["ufw-blocks-10250", "UFW on the node blocks port 10250"]));
        assert!(!matches_filter("etcd", &["ufw-blocks-10250", "UFW"]));
        assert!(matches_filter("", &["anything"]));
    }
}
