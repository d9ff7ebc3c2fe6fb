//! The regular-expression backend, chosen at compile time.
//!
//! Natively the engine uses the `regex` crate (fast, literal prefilters); the
//! browser build uses `regex-lite`, which is about a fifth of the size in
//! WebAssembly. Content patterns are restricted to the syntax both accept with
//! the same meaning (ASCII classes only; see [`lint`]) and the test suite runs
//! every case under both backends, so a paste is diagnosed the same everywhere.

#[cfg(feature = "full-regex")]
pub use regex::{Captures, Regex};
#[cfg(not(feature = "full-regex"))]
pub use regex_lite::{Captures, Regex};

/// Name of the backend in use, for reports and benchmarks.
pub const BACKEND: &str = if cfg!(feature = "full-regex") { "regex" } else { "regex-lite" };

/// Compiles a pattern with the active backend.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| first_line(&e.to_string()))
}

/// Compiles a pattern with `regex-lite`, whatever the active backend is.
pub fn compile_lite(pattern: &str) -> Result<regex_lite::Regex, String> {
    regex_lite::Regex::new(pattern).map_err(|e| first_line(&e.to_string()))
}

fn first_line(s: &str) -> String {
    // Both crates print a multi-line message with the pattern and a caret; the
    // last non-empty line holds the reason.
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().trim_start_matches("error: ").to_string())
        .unwrap_or_default()
}

/// Finds constructs whose meaning differs between `regex` (Unicode) and
/// `regex-lite` (ASCII), or that make the `regex` crate fall back to a slow
/// engine. Returns the byte offset in the pattern and a message.
pub fn lint(pattern: &str) -> Option<(usize, String)> {
    let bytes = pattern.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => {
                let next = bytes[i + 1];
                let advice = match next {
                    b'd' | b'D' => Some("`\\d` means any Unicode digit in `regex` but ASCII in `regex-lite`; write [0-9]"),
                    b'w' | b'W' => Some("`\\w` differs between `regex` and `regex-lite`; write [A-Za-z0-9_]"),
                    b'b' | b'B' if !in_class => Some("`\\b` is a Unicode word boundary in `regex` (slow, and ASCII in `regex-lite`); write (?-u:\\b) is not portable either, so use an explicit class such as (?:^|[^A-Za-z0-9_])"),
                    b'p' | b'P' => Some("Unicode classes (`\\p{..}`) are not available in `regex-lite`"),
                    _ => None,
                };
                if let Some(msg) = advice {
                    return Some((i, msg.to_string()));
                }
                i += 2;
                continue;
            }
            b'[' => in_class = true,
            b']' => in_class = false,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The named capture groups of a pattern (empty if it does not compile).
pub fn capture_names(pattern: &str) -> Vec<String> {
    compile_lite(pattern)
        .map(|re| re.capture_names().flatten().map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_rejects_unicode_dependent_escapes() {
        assert!(lint(r"dial tcp \d+").is_some());
        assert!(lint(r"\bfoo").is_some());
        assert!(lint(r"[0-9]+\.[0-9]+\s+\S+").is_none());
        assert!(lint(r"a\\d").is_none());
    }

    #[test]
    fn capture_names_are_listed() {
        assert_eq!(capture_names(r"(?P<node_ip>[0-9.]+):(?P<port>[0-9]+)"), vec!["node_ip", "port"]);
    }
}
