//! The pasted text with the parts we matched highlighted. Text is rendered as
//! text nodes, never as HTML, so a hostile paste cannot run anything.

use leptos::prelude::*;

/// The most text shown with highlights; longer pastes are still diagnosed.
const MAX_SHOWN: usize = 200 * 1024;

/// A highlighted span.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// What it is ("kubectl error").
    pub label: String,
    /// `error` or `output`.
    pub kind: String,
}

/// Splits `text` into plain and marked pieces. Overlapping marks merge; the
/// first mark's label and kind win. Offsets off char boundaries are rounded.
pub fn pieces(text: &str, marks: &[Mark]) -> Vec<(String, Option<Mark>)> {
    let mut marks: Vec<Mark> = marks
        .iter()
        .filter(|m| m.start < m.end && m.start < text.len())
        .map(|m| Mark { start: floor(text, m.start), end: floor(text, m.end.min(text.len())), ..m.clone() })
        .filter(|m| m.start < m.end)
        .collect();
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut merged: Vec<Mark> = Vec::new();
    for m in marks {
        match merged.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => merged.push(m),
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for m in merged {
        if m.start > pos {
            out.push((text[pos..m.start].to_string(), None));
        }
        out.push((text[m.start..m.end].to_string(), Some(m.clone())));
        pos = m.end;
    }
    if pos < text.len() {
        out.push((text[pos..].to_string(), None));
    }
    out
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Shows `text` with `marks` highlighted.
#[component]
pub fn Highlighted(
    /// The text as pasted.
    #[prop(into)]
    text: Signal<String>,
    /// The spans to highlight.
    #[prop(into)]
    marks: Signal<Vec<Mark>>,
) -> impl IntoView {
    view! {
        <pre class="highlighted" aria-label="Your paste with the recognised parts highlighted">
            {move || {
                let t = text.get();
                let cut = floor(&t, MAX_SHOWN);
                let shown = &t[..cut];
                let mut views = pieces(shown, &marks.get())
                    .into_iter()
                    .map(|(s, m)| match m {
                        None => view! { <span>{s}</span> }.into_any(),
                        Some(m) => view! { <mark class=m.kind title=m.label.clone()>{s}</mark> }.into_any(),
                    })
                    .collect::<Vec<_>>();
                if cut < t.len() {
                    views.push(view! { <span class="cut">{format!("\n… {} more bytes not shown (still diagnosed)", t.len() - cut)}</span> }.into_any());
                }
                views
            }}
        </pre>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize) -> Mark {
        Mark { start, end, label: "x".into(), kind: "error".into() }
    }

    #[test]
    fn merges_and_splits() {
        let p = pieces("abcdefgh", &[m(2, 4), m(3, 6), m(7, 8)]);
        let texts: Vec<(&str, bool)> = p.iter().map(|(s, m)| (s.as_str(), m.is_some())).collect();
        assert_eq!(texts, vec![("ab", false), ("cdef", true), ("g", false), ("h", true)]);
    }

    #[test]
    fn survives_bad_offsets() {
        let p = pieces("é<b>", &[m(1, 99), m(50, 60)]);
        let joined: String = p.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, "é<b>");
    }
}
