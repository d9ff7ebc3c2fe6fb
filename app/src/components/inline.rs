//! One-line texts from the content (summaries) with `code` spans, rendered as
//! text nodes: backticks become `<code>`, nothing else is interpreted.

use leptos::prelude::*;

/// Splits on backticks: odd pieces are code.
pub fn code_spans(text: &str) -> Vec<(bool, String)> {
    text.split('`').enumerate().filter(|(_, s)| !s.is_empty()).map(|(i, s)| (i % 2 == 1, s.to_string())).collect()
}

/// A summary line with inline code.
#[component]
pub fn Inline(
    /// The text, with `backtick` code spans.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    code_spans(&text)
        .into_iter()
        .map(|(code, s)| if code { view! { <code>{s}</code> }.into_any() } else { view! { <span>{s}</span> }.into_any() })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_code_spans() {
        assert_eq!(code_spans("run `ufw status` now"), vec![(false, "run ".into()), (true, "ufw status".into()), (false, " now".into())]);
        assert_eq!(code_spans("plain"), vec![(false, "plain".into())]);
    }
}
