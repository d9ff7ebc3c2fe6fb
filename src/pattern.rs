//! The regular-expression backend, chosen at compile time.
//!
//! Natively the engine uses the `regex` crate (fast, literal prefilters); the
//! browser build uses `regex-lite`, which is about a fifth of the size in
//! WebAssembly. Content patterns are restricted to the syntax both accept with
//! the same meaning (ASCII classes only; see `compile::lint`) and the test suite runs
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
    fn capture_names_are_listed() {
        assert_eq!(capture_names(r"(?P<node_ip>[0-9.]+):(?P<port>[0-9]+)"), vec!["node_ip", "port"]);
    }
}
