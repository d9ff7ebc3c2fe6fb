//! Stage 1: symptom matchers over the document.
//!
//! Each matcher is searched only around its anchors (the literals every match
//! must contain, found at build time), on the view of the text it asks for:
//! the joined view that survives wrapping and indentation, or the raw text.
//! Where matchers of different symptoms claim overlapping text, the heavier
//! (more specific) one wins.

use crate::model::{Haystack, Model};
use crate::pattern::Regex;
use crate::text::{self, Joined};
use std::ops::Range;

/// At most this many matches per matcher are kept as evidence; a log with a
/// million identical errors says no more than one with fifty.
const MAX_HITS_PER_MATCHER: usize = 50;

/// How far around an anchor a match may reach. Matchers are written with
/// bounded repeats; a few KiB of context holds any real match.
const WINDOW_MARGIN: usize = 2048;

/// A matcher compiled for the current regex backend.
pub(crate) struct CompiledMatcher {
    pub(crate) symptom: usize,
    pub(crate) matcher: usize,
    pub(crate) re: Regex,
    pub(crate) on: Haystack,
}

/// One match of one matcher, with spans in the raw document.
pub(crate) struct Hit {
    pub(crate) symptom: usize,
    pub(crate) matcher: usize,
    pub(crate) span: Range<usize>,
    /// (capture name, value, span).
    pub(crate) captures: Vec<(String, String, Range<usize>)>,
}

/// A cause's mention pattern compiled for the current regex backend.
pub(crate) struct CompiledMention {
    pub(crate) cause: usize,
    pub(crate) mention: usize,
    pub(crate) re: Regex,
}

/// The first place a mention names its component.
pub(crate) struct MentionHit {
    pub(crate) cause: usize,
    pub(crate) mention: usize,
    pub(crate) span: Range<usize>,
}

/// The views of the document that patterns search, made once.
pub(crate) struct Views<'a> {
    raw: &'a str,
    joined: Joined,
    joined_lower: String,
    raw_lower: String,
}

impl<'a> Views<'a> {
    pub(crate) fn new(raw: &'a str, need_raw_lower: bool) -> Views<'a> {
        let joined = Joined::new(raw);
        let joined_lower = joined.text.to_ascii_lowercase();
        let raw_lower = if need_raw_lower { raw.to_ascii_lowercase() } else { String::new() };
        Views { raw, joined, joined_lower, raw_lower }
    }
}

/// The first match of each mention (on the joined view), in the raw document.
pub(crate) fn find_mentions(model: &Model, mentions: &[CompiledMention], views: &Views) -> Vec<MentionHit> {
    let mut out = Vec::new();
    for cm in mentions {
        let anchors = &model.causes[cm.cause].mentions[cm.mention].anchors;
        let found = search_windows(&views.joined.text, &views.joined_lower, anchors, false)
            .into_iter()
            .find_map(|w| cm.re.find(&views.joined.text[w.clone()]).filter(|m| !m.as_str().is_empty()).map(|m| m.start() + w.start..m.end() + w.start));
        if let Some(span) = found {
            out.push(MentionHit { cause: cm.cause, mention: cm.mention, span: views.joined.to_source(span) });
        }
    }
    out
}

/// Every match of every matcher, overlaps between symptoms resolved.
pub(crate) fn find_hits(model: &Model, matchers: &[CompiledMatcher], views: &Views) -> Vec<Hit> {
    let (joined, joined_lower, raw_lower, doc) = (&views.joined, &views.joined_lower, &views.raw_lower, views.raw);
    let mut hits = Vec::new();
    for cm in matchers {
        let (hay, lower, joined_view) = match cm.on {
            Haystack::Joined => (joined.text.as_str(), joined_lower.as_str(), true),
            Haystack::Raw => (doc, raw_lower.as_str(), false),
        };
        let map = |r: Range<usize>| if joined_view { joined.to_source(r) } else { r };
        let anchors = &model.symptoms[cm.symptom].matchers[cm.matcher].anchors;
        let mut count = 0;
        'windows: for window in search_windows(hay, lower, anchors, !joined_view) {
            for caps in cm.re.captures_iter(&hay[window.clone()]) {
                let Some(all) = caps.get(0) else { continue };
                if all.as_str().is_empty() {
                    continue;
                }
                let shift = |r: Range<usize>| map(r.start + window.start..r.end + window.start);
                let mut captures = Vec::new();
                for name in cm.re.capture_names().flatten() {
                    if let Some(g) = caps.name(name) {
                        captures.push((name.to_string(), g.as_str().to_string(), shift(g.range())));
                    }
                }
                hits.push(Hit { symptom: cm.symptom, matcher: cm.matcher, span: shift(all.range()), captures });
                count += 1;
                if count >= MAX_HITS_PER_MATCHER {
                    break 'windows;
                }
            }
        }
    }
    resolve_overlaps(model, hits)
}

/// Where matchers of different symptoms claim overlapping text, the heavier
/// matcher wins (the earlier one on a tie).
fn resolve_overlaps(model: &Model, hits: Vec<Hit>) -> Vec<Hit> {
    let weight = |h: &Hit| model.symptoms[h.symptom].matchers[h.matcher].weight;
    // Sweep in start order: each overlapping pair is seen once.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| (hits[i].span.start, i));
    let mut keep = vec![true; hits.len()];
    for (a, &i) in order.iter().enumerate() {
        for &j in &order[a + 1..] {
            if hits[j].span.start >= hits[i].span.end {
                break;
            }
            if hits[i].symptom == hits[j].symptom {
                continue;
            }
            let (wi, wj) = (weight(&hits[i]), weight(&hits[j]));
            let loser = if wi > wj || (wi == wj && i < j) { j } else { i };
            keep[loser] = false;
        }
    }
    hits.into_iter().zip(keep).filter(|(_, k)| *k).map(|(h, _)| h).collect()
}

/// The stretches of `hay` to search: text (whole lines if `align_lines`) within [`WINDOW_MARGIN`] of
/// an occurrence of any anchor (found in `lower`, the ASCII-lower-cased copy
/// with the same offsets), merged. No anchors: the whole text.
pub(crate) fn search_windows(hay: &str, lower: &str, anchors: &[String], align_lines: bool) -> Vec<Range<usize>> {
    if anchors.is_empty() {
        return std::iter::once(0..hay.len()).collect();
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for anchor in anchors {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(anchor.as_str()) {
            let at = from + pos;
            let start = text::floor_boundary(hay, at.saturating_sub(WINDOW_MARGIN));
            let end = text::floor_boundary(hay, (at + anchor.len() + WINDOW_MARGIN).min(hay.len()));
            // Raw-text matchers may anchor on line starts: search whole lines.
            let (start, end) = if align_lines {
                (hay[..start].rfind('\n').map_or(0, |i| i + 1), hay[end..].find('\n').map_or(hay.len(), |i| end + i))
            } else {
                (start, end)
            };
            windows.push(start..end);
            from = at + anchor.len();
        }
    }
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

/// A lookalike sign compiled for the current regex backend.
pub(crate) struct CompiledLookalike {
    pub(crate) index: usize,
    pub(crate) re: Regex,
    pub(crate) unless: Option<Regex>,
}

/// A sign of AKS compiled for the current regex backend.
pub(crate) struct CompiledAksSign {
    pub(crate) index: usize,
    pub(crate) re: Regex,
}

/// The first non-empty match of `re` in the joined view, searching only
/// around its anchors.
fn first_match(re: &Regex, anchors: &[String], views: &Views) -> Option<String> {
    search_windows(&views.joined.text, &views.joined_lower, anchors, false)
        .into_iter()
        .find_map(|w| re.find(&views.joined.text[w]).filter(|m| !m.as_str().is_empty()).map(|m| m.as_str().to_string()))
}

/// The first sign of AKS in the paste: the sign's label and the text found.
pub(crate) fn find_aks_sign(model: &Model, signs: &[CompiledAksSign], views: &Views) -> Option<(String, String)> {
    signs.iter().find_map(|cs| {
        let sign = &model.aks_signs[cs.index];
        first_match(&cs.re, &sign.anchors, views).map(|found| (sign.label.clone(), found))
    })
}

/// Drops the hits of symptoms that a lookalike sign keeps quiet; returns the
/// warnings that say why.
pub(crate) fn quiet_lookalikes(model: &Model, lookalikes: &[CompiledLookalike], views: &Views, hits: &mut Vec<Hit>) -> Vec<String> {
    let mut warnings = Vec::new();
    if hits.is_empty() {
        return warnings;
    }
    for cl in lookalikes {
        let l = &model.lookalikes[cl.index];
        let Some(found) = first_match(&cl.re, &l.anchors, views) else { continue };
        if cl.unless.as_ref().is_some_and(|u| u.is_match(&views.joined.text)) {
            continue;
        }
        let quiet = |h: &Hit| l.symptoms.is_empty() || l.symptoms.iter().any(|s| *s == model.symptoms[h.symptom].id);
        let before = hits.len();
        hits.retain(|h| !quiet(h));
        if hits.len() < before {
            let short: String = found.chars().take(80).collect();
            warnings.push(format!("This looks like {} (“{short}”), not an AKS problem: the matching AKS symptoms are not claimed.", l.label));
        }
    }
    warnings
}

#[cfg(all(test, feature = "compile"))]
mod tests {
    //! Searching only around the anchors must find exactly what searching the
    //! whole text finds, for every content matcher; and both regex backends
    //! must agree on every match and capture.
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static MODEL: LazyLock<Model> = LazyLock::new(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::compile::compile_dir(&dir).unwrap_or_else(|d| panic!("content: {d:?}"))
    });

    /// Real pastes: the dev corpora.
    static PASTES: LazyLock<Vec<String>> = LazyLock::new(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
        ["dev.jsonl", "dev-extra.jsonl"]
            .iter()
            .flat_map(|f| std::fs::read_to_string(root.join(f)).unwrap().lines().map(str::to_string).collect::<Vec<_>>())
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    });

    /// Every content matcher compiled once: (symptom, matcher, regex, regex-lite).
    #[allow(clippy::type_complexity)]
    static COMPILED: LazyLock<Vec<(&'static str, &'static crate::model::Matcher, Regex, regex_lite::Regex)>> = LazyLock::new(|| {
        MODEL
            .symptoms
            .iter()
            .flat_map(|s| s.matchers.iter().map(move |m| (s.id.as_str(), m, crate::pattern::compile(&m.pattern).unwrap(), regex_lite::Regex::new(&m.pattern).unwrap())))
            .collect()
    });

    fn views(text: &str) -> (String, String) {
        let joined = Joined::new(text).text;
        let lower = joined.to_ascii_lowercase();
        (joined, lower)
    }

    fn check_windowed_equals_whole(text: &str) -> Result<(), String> {
        let (joined, lower) = views(text);
        let raw_lower = text.to_ascii_lowercase();
        for (symptom, m, re, _) in COMPILED.iter() {
            {
                let (hay, low, align) = match m.on {
                    Haystack::Joined => (joined.as_str(), lower.as_str(), false),
                    Haystack::Raw => (text, raw_lower.as_str(), true),
                };
                let whole: Vec<Range<usize>> = re.find_iter(hay).map(|x| x.range()).filter(|r| !r.is_empty()).collect();
                let mut windowed: Vec<Range<usize>> = Vec::new();
                for w in search_windows(hay, low, &m.anchors, align) {
                    windowed.extend(re.find_iter(&hay[w.clone()]).map(|x| x.start() + w.start..x.end() + w.start).filter(|r| !r.is_empty()));
                }
                windowed.dedup();
                if whole != windowed {
                    return Err(format!("{symptom}: {}\n  whole:    {whole:?}\n  windowed: {windowed:?}", m.pattern));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn windowed_search_finds_what_a_whole_search_finds_on_real_pastes() {
        for text in PASTES.iter() {
            check_windowed_equals_whole(text).unwrap();
        }
    }

    #[cfg(feature = "full-regex")]
    #[test]
    fn both_backends_agree_on_every_match_and_capture() {
        for text in PASTES.iter() {
            let (joined, _) = views(text);
            for (symptom, m, full, lite) in COMPILED.iter() {
                {
                    let hay = if m.on == Haystack::Joined { joined.as_str() } else { text.as_str() };
                    let a: Vec<Vec<Option<(usize, usize)>>> = full.captures_iter(hay).map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()).collect();
                    let b: Vec<Vec<Option<(usize, usize)>>> = lite.captures_iter(hay).map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()).collect();
                    assert_eq!(a, b, "{symptom}: {} disagrees between regex and regex-lite on:\n{hay}", m.pattern);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Two real pastes with filler between and around them, far enough
        /// apart to fall in different windows.
        #[test]
        fn windowed_search_holds_with_filler(a in 0usize..1000, b in 0usize..1000, gap in 0usize..6000, word in "[a-z0-9 :./\"-]{1,12}") {
            let pastes = &*PASTES;
            let filler: String = word.repeat(gap / word.len().max(1) + 1);
            let text = format!("{}{}{}\n{}{}", &filler[..gap.min(filler.len()) / 3], pastes[a % pastes.len()], filler, pastes[b % pastes.len()], &filler[..gap.min(filler.len()) / 2]);
            prop_assert!(check_windowed_equals_whole(&text).is_ok(), "{}", check_windowed_equals_whole(&text).unwrap_err());
        }
    }
}
