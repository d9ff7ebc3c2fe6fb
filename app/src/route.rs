//! Hash routes. Every symptom, cause and step has a stable URL that works on a
//! static host under any sub-path, because only the fragment changes:
//! `#/`, `#/?q=<url-encoded text>`, `#/cause/<id>`, `#/symptom/<id>`,
//! `#/step/<check-id>`, `#/browse`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The paste-and-diagnose page, optionally pre-filled from `?q=`.
    Home {
        /// Text to diagnose, from a runbook link.
        prefill: Option<String>,
    },
    /// A cause page.
    Cause(String),
    /// A symptom page.
    Symptom(String),
    /// One step (check) of the decision tree.
    Step(String),
    /// The index of everything, filterable.
    Browse,
    /// An address we do not know.
    NotFound(String),
}

fn decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#');
        let h = h.strip_prefix('/').unwrap_or(h);
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let first = parts.next();
        let second = parts.next().map(decode);
        match (first, second) {
            (None, _) => {
                let prefill = query.split('&').find_map(|kv| kv.strip_prefix("q=")).map(decode);
                Route::Home { prefill }
            }
            (Some("cause"), Some(id)) => Route::Cause(id),
            (Some("symptom"), Some(id)) => Route::Symptom(id),
            (Some("step"), Some(id)) => Route::Step(id),
            (Some("browse"), None) => Route::Browse,
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The hash for this route.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home { prefill: None } => "#/".into(),
            Route::Home { prefill: Some(q) } => format!("#/?q={}", utf8_percent_encode(q, NON_ALPHANUMERIC)),
            Route::Cause(id) => format!("#/cause/{id}"),
            Route::Symptom(id) => format!("#/symptom/{id}"),
            Route::Step(id) => format!("#/step/{id}"),
            Route::Browse => "#/browse".into(),
            Route::NotFound(h) => h.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_routes() {
        assert_eq!(Route::parse(""), Route::Home { prefill: None });
        assert_eq!(Route::parse("#/"), Route::Home { prefill: None });
        assert_eq!(Route::parse("#/cause/nsg-blocks-10250"), Route::Cause("nsg-blocks-10250".into()));
        assert_eq!(Route::parse("#/step/ufw-status"), Route::Step("ufw-status".into()));
        assert_eq!(Route::parse("#/browse"), Route::Browse);
        assert_eq!(
            Route::parse("#/?q=dial%20tcp%2010.0.0.4%3A10250%3A+i%2Fo+timeout"),
            Route::Home { prefill: Some("dial tcp 10.0.0.4:10250: i/o timeout".into()) }
        );
        assert!(matches!(Route::parse("#/nope/x/y"), Route::NotFound(_)));
    }

    #[test]
    fn round_trips() {
        let r = Route::Home { prefill: Some("a b\nc:d/é".into()) };
        assert_eq!(Route::parse(&r.to_hash()), r);
    }
}
