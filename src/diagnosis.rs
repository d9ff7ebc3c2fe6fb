//! The result of a diagnosis, as plain data: what the engine returns, what
//! the JSON report carries and what the app and the reports read.
//!
//! Nothing here depends on the engine, so fills, reports and the app can use
//! these types without importing the engine that produces them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A yes/no answer to a question check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
}

impl std::str::FromStr for Answer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Answer::Yes),
            "no" | "n" | "false" => Ok(Answer::No),
            other => Err(format!("`{other}` is not yes or no")),
        }
    }
}

/// What the user gave us.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Pasted blocks or files, in order.
    pub inputs: Vec<String>,
    /// Answers to question checks, by check id.
    pub answers: BTreeMap<String, Answer>,
    /// User-supplied parameter values (`resource_group`, `client_ip`, …).
    pub params: BTreeMap<String, String>,
    /// Symptoms the user picked by hand (starting from a symptom, not a paste).
    pub declared: Vec<String>,
    /// What each input is, in words ("your paste", "output of `ufw status`",
    /// a file name), by position; missing ones are named "input N".
    pub labels: Vec<String>,
    /// The user says the cluster is AKS: symptoms whose wording is the same
    /// on every platform are claimed without a sign of AKS in the text.
    pub on_aks: bool,
}

/// How sure we are about a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Command output proves it.
    Confirmed,
    /// Strongly indicated.
    Likely,
    /// Consistent with what we saw; not yet checked.
    Possible,
    /// Command output or an answer excludes it.
    RuledOut,
}

impl Verdict {
    /// The JSON / display name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Likely => "likely",
            Verdict::Possible => "possible",
            Verdict::RuledOut => "ruled_out",
        }
    }
}

/// What kind of evidence a cause rests on, strongest first. A cause's basis
/// is the strongest kind it has; it bounds how sure we may be (see
/// [`Basis::max_verdict`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Command output the user pasted (an analyzer's finding).
    Output,
    /// The user's answer to a question.
    Answer,
    /// An exact error form of a symptom that points to this cause.
    Signature,
    /// A weaker fragment typical of a symptom.
    Family,
    /// The text names a component, tool or feature tied to this cause.
    Mention,
    /// Nothing matched; full-text search over our content found this cause close.
    #[default]
    Related,
}

impl Basis {
    /// The JSON / display name.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Output => "output",
            Basis::Answer => "answer",
            Basis::Signature => "signature",
            Basis::Family => "family",
            Basis::Mention => "mention",
            Basis::Related => "related",
        }
    }

    /// The most confident verdict this basis alone allows: a mention or a
    /// search result is a lead, never a conclusion.
    pub fn max_verdict(self) -> Verdict {
        match self {
            Basis::Output | Basis::Answer => Verdict::Confirmed,
            Basis::Signature | Basis::Family => Verdict::Likely,
            Basis::Mention | Basis::Related => Verdict::Possible,
        }
    }
}

/// A span of the user's input that supports a conclusion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Which input (0-based) the span is in.
    pub input: usize,
    /// Byte offset of the start, within that input.
    pub start: usize,
    /// Byte offset of the end, within that input.
    pub end: usize,
    /// 1-based line of the start.
    pub line: usize,
    /// The text of the span (at most 300 bytes).
    pub text: String,
    /// What this evidence shows.
    pub note: String,
}

/// A recognised symptom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SymptomHit {
    /// Symptom id.
    pub id: String,
    /// Title.
    pub title: String,
    /// How strongly it was recognised, 0–1.
    pub weight: f32,
    /// Where.
    pub evidence: Vec<Evidence>,
}

/// A cause with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    /// Cause id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Score, 0–1, for ranking.
    pub score: f32,
    /// The strongest kind of evidence behind it.
    pub basis: Basis,
    /// Why, one sentence each.
    pub reasons: Vec<String>,
    /// The spans behind it.
    pub evidence: Vec<Evidence>,
}

/// A labelled block of the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// "kubectl error", "ufw status output".
    pub label: String,
    /// `error` (a symptom matcher) or `output` (an analyzer).
    pub kind: String,
    /// Where.
    pub evidence: Evidence,
}

/// Where a parameter value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Typed by the user.
    User,
    /// Read from the pasted text.
    Extracted,
    /// The parameter's default.
    Default,
}

/// A parameter value and its origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactValue {
    /// Parameter name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Origin.
    pub origin: Origin,
    /// Where it was read, for extracted values.
    pub evidence: Option<Evidence>,
}

/// The check to do next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextCheck {
    /// Check id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Why this one.
    pub reason: String,
    /// The candidate causes it can decide.
    pub separates: Vec<String>,
}

/// One input of the query, as the evidence refers to it (`Evidence::input`
/// is its position).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InputInfo {
    /// What it is, in words.
    pub label: String,
    /// Its number of lines.
    pub lines: usize,
}

/// The result of a diagnosis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The inputs, in query order: what each evidence span's `input` names.
    #[serde(default)]
    pub inputs: Vec<InputInfo>,
    /// Recognised symptoms, strongest first.
    pub symptoms: Vec<SymptomHit>,
    /// Error forms recognised that every Kubernetes platform prints alike,
    /// while their causes here are AKS's own: with no sign of AKS in the
    /// paste they are not claimed, and their causes are `possible` leads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generic_symptoms: Vec<SymptomHit>,
    /// Causes, best first; ruled-out causes last.
    pub causes: Vec<RankedCause>,
    /// Labelled blocks of the input, in input order.
    pub blocks: Vec<Block>,
    /// Known parameter values.
    pub facts: Vec<FactValue>,
    /// The single next check, if any candidate remains open.
    pub next_check: Option<NextCheck>,
    /// Non-fatal notes about the input.
    pub warnings: Vec<String>,
}

impl Diagnosis {
    /// Whether anything was recognised: a symptom, a command output, or a
    /// cause on firmer ground than a mention or a search (an answer).
    pub fn recognised(&self) -> bool {
        !self.symptoms.is_empty() || !self.generic_symptoms.is_empty() || !self.blocks.is_empty() || self.causes.iter().any(|c| c.basis < Basis::Mention)
    }

    /// The value of a fact.
    pub fn fact(&self, name: &str) -> Option<&FactValue> {
        self.facts.iter().find(|f| f.name == name)
    }

    /// Where a piece of evidence is, in words: "your paste, line 3".
    pub fn place(&self, e: &Evidence) -> String {
        let label = self.inputs.get(e.input).map_or_else(|| format!("input {}", e.input + 1), |i| i.label.clone());
        format!("{label}, line {}", e.line)
    }

    /// The verdict of a cause, if it was ranked.
    pub fn verdict(&self, cause: &str) -> Option<Verdict> {
        self.causes.iter().find(|c| c.id == cause).map(|c| c.verdict)
    }
}

/// What a check's pasted output said, shown at the step that asked for it:
/// what it was read as and what that means for each cause, or why it could
/// not be read (the step then stays open).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutputReading {
    /// What the output was read as ("ufw status output"); none when the
    /// check takes any output as it is.
    pub read_as: Vec<String>,
    /// Per cause: (cause id, cause title, what the output does to it —
    /// "confirms", "supports", "rules out", "says nothing on" — and why).
    pub findings: Vec<(String, String, String, String)>,
    /// Why the output cannot be used, and what was expected.
    pub problem: Option<String>,
}

