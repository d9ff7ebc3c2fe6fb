//! Required literals ("anchors") of matcher patterns, found at build time.
//!
//! Every match of a pattern must contain its anchor (compared in ASCII lower
//! case), so the engine runs the regex only on windows of text around the
//! anchor's occurrences. `regex-lite` has no literal optimisations, and this
//! keeps a large paste fast in the browser too. Uses `regex-syntax` (native
//! only) to read the pattern's structure.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The longest literal every match of `pattern` must contain, lower-cased,
/// if one of at least three characters exists.
pub fn required_literal(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    literal_of(&hir)
}

fn literal_of(hir: &Hir) -> Option<String> {
    let mut best = String::new();
    collect(hir, &mut best);
    (best.chars().count() >= 3).then(|| best.to_ascii_lowercase())
}

/// Literals of which every match contains at least one: the required literal,
/// or for a top-level alternation one per branch. Empty when there is none.
pub fn anchors(pattern: &str) -> Vec<String> {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else { return Vec::new() };
    if let Some(l) = literal_of(&hir) {
        return vec![l];
    }
    let mut top = &hir;
    while let HirKind::Capture(c) = top.kind() {
        top = &c.sub;
    }
    // A leading look-around then an alternation: `(?m)^(?:a|b)`.
    if let HirKind::Concat(items) = top.kind() {
        let rest: Vec<&Hir> = items.iter().filter(|h| !matches!(h.kind(), HirKind::Look(_))).collect();
        if let [only] = rest.as_slice() {
            top = only;
            while let HirKind::Capture(c) = top.kind() {
                top = &c.sub;
            }
        }
    }
    if let HirKind::Alternation(branches) = top.kind() {
        let lits: Option<Vec<String>> = branches.iter().map(literal_of).collect();
        if let Some(mut lits) = lits {
            lits.sort();
            lits.dedup();
            return lits;
        }
    }
    Vec::new()
}

fn flush(cur: &mut String, best: &mut String) {
    if cur.len() > best.len() {
        *best = cur.clone();
    }
    cur.clear();
}

/// A class that stands for one character, ignoring case: `[Aa]`, `[.]`.
/// Non-ASCII case variants (the Kelvin sign for `k`) are ignored.
fn single_char(h: &Hir) -> Option<char> {
    let HirKind::Class(class) = h.kind() else { return None };
    let mut chars: Vec<char> = Vec::new();
    match class {
        Class::Unicode(u) => {
            for r in u.ranges() {
                if (r.end() as u32) - (r.start() as u32) > 2 {
                    return None;
                }
                for c in r.start()..=r.end() {
                    if c.is_ascii() {
                        chars.push(c);
                    }
                }
            }
        }
        Class::Bytes(b) => {
            for r in b.ranges() {
                if r.end() - r.start() > 2 {
                    return None;
                }
                for c in r.start()..=r.end() {
                    if c.is_ascii() {
                        chars.push(c as char);
                    }
                }
            }
        }
    }
    let lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    match lower.as_slice() {
        [a] => Some(*a),
        [a, b] if a == b => Some(*a),
        _ => None,
    }
}

fn collect(h: &Hir, best: &mut String) {
    match h.kind() {
        HirKind::Literal(lit) => {
            if let Ok(s) = std::str::from_utf8(&lit.0) {
                let mut cur = s.to_string();
                flush(&mut cur, best);
            }
        }
        HirKind::Capture(c) => collect(&c.sub, best),
        HirKind::Repetition(r) if r.min >= 1 => collect(&r.sub, best),
        HirKind::Concat(items) => {
            let mut cur = String::new();
            for it in items {
                if let Some(c) = single_char(it) {
                    cur.push(c);
                    continue;
                }
                if let HirKind::Literal(lit) = it.kind() {
                    if let Ok(s) = std::str::from_utf8(&lit.0) {
                        cur.push_str(s);
                        continue;
                    }
                }
                // Look-arounds (^, $) take no text and do not break a run.
                if matches!(it.kind(), HirKind::Look(_)) {
                    continue;
                }
                flush(&mut cur, best);
                collect(it, best);
            }
            flush(&mut cur, best);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_required_literals() {
        assert_eq!(required_literal(r"(?i)error dialing backend: dial tcp (?P<ip>[^:]+):10250").as_deref(), Some("error dialing backend: dial tcp "));
        assert_eq!(required_literal(r"dial tcp [0-9.]+:443: i/o timeout").as_deref(), Some(":443: i/o timeout"));
        assert_eq!(required_literal(r"(?:foo|bar)"), None);
        assert_eq!(required_literal(r"(?m)^[ \t]*(?:kube-system[ \t]+)?(?P<pod>(?:konnectivity-agent|tunnelfront)-[a-z0-9-]+)"), None);
        assert_eq!(required_literal(r"(?i)mvcc: database space exceeded").as_deref(), Some("mvcc: database space exceeded"));
        assert_eq!(anchors(r"(?i)(?:Failed to allocate (?:address|pool)|No available address(?:es| pools))"), vec!["failed to allocate ".to_string(), "no available address".to_string()]);
        assert!(anchors(r"(?:ab|[0-9]+)").is_empty());
    }
}
