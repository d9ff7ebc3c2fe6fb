//! `#/cause/<id>`: the cause explained, its checks, fixes, queries and source.

use crate::components::causes::verdict_label;
use crate::components::code::CodeView;
use crate::components::heading::PageHeading;
use crate::components::params::ParamsPanel;
use crate::state::session;
use leptos::prelude::*;

/// Human name of a source article, from `content/sources.toml`.
pub fn article_title(file: &str) -> String {
    session().model().source_title(file).unwrap_or("AKS troubleshooting").to_string()
}

/// The cause page.
#[component]
pub fn CausePage(
    /// The cause id.
    id: String,
) -> impl IntoView {
    let s = session();
    let Some(cause) = s.model().cause(&id) else {
        return view! { <crate::pages::NotFound hash=format!("#/cause/{id}") /> }.into_any();
    };
    let cid = cause.id.clone();
    let verdict = move || s.diagnosis.with(|d| d.as_ref().ok().and_then(|d| d.causes.iter().find(|c| c.id == cid).cloned()));
    let symptoms: Vec<_> = s.model().symptoms.iter().filter(|sy| sy.causes.iter().any(|l| l.cause == cause.id)).collect();
    view! {
        <div class="layout">
            <article class="main-col cause-page">
                <p class="kicker">"Cause " <code>{cause.id.clone()}</code></p>
                <PageHeading text=cause.title.clone() />
                {move || verdict().map(|c| view! {
                    <p class=format!("badge {}", c.verdict.as_str())>{format!("From your paste: {}", verdict_label(c.verdict))}</p>
                    <ul class="reasons">{c.reasons.into_iter().take(4).map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                })}
                <p class="summary"><crate::components::inline::Inline text=cause.summary.clone() /></p>
                <div class="prose" inner_html=cause.body_html.clone()></div>
                {(!cause.fixes.is_empty()).then(|| view! {
                    <h2>"Fix"</h2>
                    {cause.fixes.iter().cloned().map(|b| view! { <CodeView block=b /> }).collect_view()}
                })}
                {(!cause.queries.is_empty()).then(|| view! {
                    <h2>"Find the culprit in the audit log"</h2>
                    <p class="hint">"Resource-specific mode writes to the AKSAudit table; Azure diagnostics mode to AzureDiagnostics. Your Diagnostic settings show which one you use."</p>
                    {cause.queries.iter().cloned().map(|b| view! { <CodeView block=b /> }).collect_view()}
                })}
                {(!cause.checks.is_empty()).then(|| view! {
                    <h2>"Checks"</h2>
                    <ul>
                        {cause.checks.iter().filter_map(|c| s.model().check(c)).map(|c| view! {
                            <li><a href=format!("#/step/{}", c.id)>{c.title.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                })}
                {(!symptoms.is_empty()).then(|| view! {
                    <h2>"Seen with"</h2>
                    <ul>{symptoms.iter().map(|sy| view! { <li><a href=format!("#/symptom/{}", sy.id)>{sy.title.clone()}</a></li> }).collect_view()}</ul>
                })}
                <p class="source">"Source: " <cite>{article_title(&cause.source.file)}</cite> ", section “" {cause.source.section.clone()} "”."</p>
            </article>
            <aside class="side"><ParamsPanel /></aside>
        </div>
    }
    .into_any()
}
