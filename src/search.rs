//! Full-text search over the causes: the "related" tier of evidence, and the
//! search box of the wizard.
//!
//! When no error form, fragment or mention is recognised, a paste may still
//! describe the problem in words ("SNAT port exhaustion", "the API server is a
//! bottleneck", "not in the authorized IP ranges"). Each cause is a document
//! made at build time from its title, summary, body and the `keywords` its
//! front matter declares ([`terms`]); a paste or a search query is scored
//! against them with Okapi BM25.
//!
//! Written by hand rather than with a search crate: the index is a few dozen
//! short documents, and it must run in the browser's WebAssembly, where a
//! general engine (tantivy) is far too heavy. The tokenizer is ASCII-only and
//! folds a few English endings so that "times out" meets "time-out".

use std::collections::{BTreeMap, BTreeSet};

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.75;
/// Title and keyword terms count this many times over body terms: they say
/// what the cause is about, the body also says what it is not.
const TITLE_WEIGHT: u32 = 3;

/// Two-letter words that still tell causes apart ("pod IP", "authorized IP").
const SHORT_WORDS: &[&str] = &["ip"];

/// Words too common in pastes and prose to tell causes apart.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "do", "does", "for", "from", "get", "got", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "up", "us", "was", "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "you", "your", "error", "errors", "failed", "fail", "failure", "issue", "problem", "using", "use", "used", "run", "running", "see", "seem", "still", "work", "working", "http", "https", "com", "www", "io", "v1", "default", "kube", "kubectl", "kubernetes", "k8s", "aks", "azure", "cluster", "clusters", "node", "nodes", "pod", "pods", "server", "under", "found", "find", "dial", "tcp", "udp", "post", "within", "need", "needs", "every", "specified", "simply", "file", "happened", "what", "observed", "report", "diagnose", "solve", "call", "calls", "help", "please", "thanks", "anyone", "same", "day", "today", "again", "now",
];

/// The stopwords with their endings folded, made once: a long paste is
/// tokenized word by word, and folding every stopword per word was the cost.
static FOLDED_STOPWORDS: std::sync::LazyLock<BTreeSet<String>> = std::sync::LazyLock::new(|| STOPWORDS.iter().map(|s| fold(s)).collect());

/// The search terms of a text: lower-case ASCII words of three or more
/// characters (and "ip"), without stopwords or numbers, with common endings folded.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric()))
        .filter(|w| (w.len() >= 3 || SHORT_WORDS.contains(&w.to_ascii_lowercase().as_str())) && w.len() <= 40)
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| fold(&w))
        // Again after folding: "problems" is "problem".
        .filter(|w| (w.len() >= 3 || SHORT_WORDS.contains(&w.as_str())) && !FOLDED_STOPWORDS.contains(w.as_str()))
        .collect()
}

/// Folds plurals and verb endings ("timeouts", "timed", "timing" → "time").
fn fold(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 && !(suffix == "s" && stem.ends_with('s')) {
                return stem.trim_end_matches('e').to_string();
            }
        }
    }
    word.trim_end_matches('e').to_string()
}

/// The term counts of one document, from its weighted and plain parts.
pub fn terms(weighted: &[&str], plain: &[&str]) -> Vec<(String, u32)> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for part in weighted {
        for t in tokenize(part) {
            *counts.entry(t).or_default() += TITLE_WEIGHT;
        }
    }
    for part in plain {
        for t in tokenize(part) {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

/// A BM25 index over a fixed set of documents.
#[derive(Debug, Clone, Default)]
pub struct Index {
    docs: Vec<BTreeMap<String, u32>>,
    lengths: Vec<f32>,
    average_length: f32,
    document_frequency: BTreeMap<String, usize>,
}

/// One document's score for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The document's position in the index.
    pub doc: usize,
    /// Its BM25 score.
    pub score: f32,
    /// The query terms it shares, best first.
    pub shared: Vec<String>,
}

impl Index {
    /// Builds the index from each document's term counts.
    pub fn new(docs: &[&[(String, u32)]]) -> Index {
        let docs: Vec<BTreeMap<String, u32>> = docs.iter().map(|d| d.iter().cloned().collect()).collect();
        let lengths: Vec<f32> = docs.iter().map(|d| d.values().sum::<u32>() as f32).collect();
        let average_length = if lengths.is_empty() { 0.0 } else { lengths.iter().sum::<f32>() / lengths.len() as f32 };
        let mut document_frequency = BTreeMap::new();
        for d in &docs {
            for t in d.keys() {
                *document_frequency.entry(t.clone()).or_default() += 1;
            }
        }
        Index { docs, lengths, average_length, document_frequency }
    }

    /// Documents that share terms with the query, best first. Each distinct
    /// query term counts once: a log that repeats a word a thousand times
    /// says no more about it than one line.
    pub fn search(&self, query: &str) -> Vec<Scored> {
        let query: BTreeSet<String> = tokenize(query).into_iter().collect();
        let n = self.docs.len() as f32;
        let mut out = Vec::new();
        for (i, doc) in self.docs.iter().enumerate() {
            let mut score = 0.0;
            let mut shared: Vec<(f32, String)> = Vec::new();
            for term in &query {
                let Some(&tf) = doc.get(term) else { continue };
                let df = self.document_frequency.get(term).copied().unwrap_or(0) as f32;
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                let tf = tf as f32;
                let norm = 1.0 - B + B * self.lengths[i] / self.average_length.max(1.0);
                let s = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                score += s;
                shared.push((s, term.clone()));
            }
            if score > 0.0 {
                shared.sort_by(|a, b| b.0.total_cmp(&a.0));
                out.push(Scored { doc: i, score, shared: shared.into_iter().map(|(_, t)| t).collect() });
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_endings_and_drop_noise() {
        assert_eq!(tokenize("Timeouts timed-out 10250 the SNAT ports"), vec!["timeout", "tim", "snat", "port"]);
        assert_eq!(fold("exhaustion"), "exhaustion");
        assert_eq!(fold("ranges"), "rang");
        assert_eq!(fold("range"), "rang");
    }

    #[test]
    fn the_document_with_the_rare_shared_terms_wins() {
        let a = terms(&["SNAT port exhaustion"], &["outbound connections from the load balancer"]);
        let b = terms(&["Authorized IP ranges"], &["the client address is not in the allowed ranges"]);
        let index = Index::new(&[&a, &b]);
        let hits = index.search("we found a SNAT port exhaustion report");
        assert_eq!(hits[0].doc, 0);
        assert!(hits[0].shared.contains(&"snat".to_string()));
        let hits = index.search("our runner is not in the authorized ip ranges");
        assert_eq!(hits[0].doc, 1);
        assert!(index.search("nothing in common here").is_empty());
    }
}
