//! Filling `<param>` placeholders in commands with the user's values.
//!
//! A command is split into [`Segment`]s so the browser can mark which values
//! came from the paste, which the user typed, and which are still missing; in
//! plain text an unfilled parameter stays visibly `<name>`.

use crate::diagnosis::{FactValue, Origin};
use serde::{Deserialize, Serialize};

/// A piece of a filled command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// A parameter: its name, and its value and origin if known.
    Param {
        /// Parameter name.
        name: String,
        /// Value, if known.
        value: Option<String>,
        /// Origin of the value.
        origin: Option<Origin>,
    },
}

/// The `<param>` placeholders in `code`: name, start and end byte offsets.
/// A placeholder is `<` + lower_snake_case name + `>`; shell redirections such
/// as `< file` are not placeholders.
pub fn placeholder_positions(code: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_lowercase() {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j].is_ascii_lowercase() || bytes[j].is_ascii_digit() || bytes[j] == b'_') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'>' {
                out.push((code[i + 1..j].to_string(), i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Splits `code` into text and `<param>` segments, filled from `facts`.
pub fn fill_code(code: &str, facts: &[FactValue]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut last = 0;
    let found = placeholder_positions(code);
    for (name, start, end) in found {
        if start > last {
            out.push(Segment::Text(code[last..start].to_string()));
        }
        let fact = facts.iter().find(|f| f.name == name);
        out.push(Segment::Param { name, value: fact.map(|f| f.value.clone()), origin: fact.map(|f| f.origin) });
        last = end;
    }
    if last < code.len() {
        out.push(Segment::Text(code[last..].to_string()));
    }
    out
}

/// Renders segments as plain text; unfilled parameters stay as `<name>`.
pub fn segments_to_string(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Param { value: Some(v), .. } => v.clone(),
            Segment::Param { name, value: None, .. } => format!("<{name}>"),
        })
        .collect()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_and_marks_unknown() {
        let facts = vec![FactValue { name: "rule_number".into(), value: "3".into(), origin: Origin::Extracted, evidence: None }];
        let segs = fill_code("iptables --delete INPUT <rule_number> # on <vmss_name>", &facts);
        assert_eq!(segments_to_string(&segs), "iptables --delete INPUT 3 # on <vmss_name>");
        assert!(matches!(&segs[1], Segment::Param { value: Some(v), origin: Some(Origin::Extracted), .. } if v == "3"));
    }
}
