//! The knowledge model: symptoms, causes, checks and parameters.
//!
//! This is the plain, serialisable form that the content compiler
//! ([`crate::compile`]) produces from `content/` and that the engine
//! ([`crate::Engine`]) consumes. The browser build receives it as JSON made at
//! build time, so it carries no markdown parser.

use serde::{Deserialize, Serialize};

/// The whole compiled knowledge base.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Model {
    /// Every symptom, in file-name order.
    pub symptoms: Vec<Symptom>,
    /// Every cause, in file-name order.
    pub causes: Vec<Cause>,
    /// Every check (a command to run or a yes/no question).
    pub checks: Vec<Check>,
    /// Every parameter that may appear as `<name>` in a command.
    pub params: Vec<ParamSpec>,
    /// The source articles that `source` fields cite, with their titles.
    #[serde(default)]
    pub sources: Vec<SourceDoc>,
    /// Signs that a paste is a lookalike (another platform, a local control
    /// plane), which keep some symptoms from being claimed.
    #[serde(default)]
    pub lookalikes: Vec<Lookalike>,
    /// Signs that a paste comes from AKS (an azmk8s.io name, AKS node names,
    /// the tunnel pods), which let the platform-neutral symptoms be claimed.
    #[serde(default)]
    pub aks_signs: Vec<AksSign>,
}

impl Model {
    /// The symptom with this id.
    pub fn symptom(&self, id: &str) -> Option<&Symptom> {
        self.symptoms.iter().find(|s| s.id == id)
    }
    /// The cause with this id.
    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.causes.iter().find(|c| c.id == id)
    }
    /// The check with this id.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
    /// The parameter with this name.
    pub fn param(&self, name: &str) -> Option<&ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// A source article: its file under `shared/seeds/` and its title.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SourceDoc {
    /// The file name that `source = { file = … }` cites.
    pub file: String,
    /// The article's title, as readers know it.
    pub title: String,
}

impl Model {
    /// The title of a cited source article, if `sources.toml` lists it.
    pub fn source_title(&self, file: &str) -> Option<&str> {
        self.sources.iter().find(|s| s.file == file).map(|s| s.title.as_str())
    }
}

/// Where a piece of knowledge comes from: a source article and its section.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SourceRef {
    /// File name of the article under `shared/seeds/`.
    pub file: String,
    /// The section heading in that article.
    pub section: String,
}

/// Something the user sees: an error message or a state of the cluster.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Symptom {
    /// Stable id (public interface: deep links use it).
    pub id: String,
    /// Short human title.
    pub title: String,
    /// One-paragraph summary, plain text.
    pub summary: String,
    /// The body's prose as markdown (for the terminal).
    pub body_markdown: String,
    /// The body's prose rendered to HTML (for the browser).
    pub body_html: String,
    /// Regular expressions that recognise this symptom in pasted text.
    pub matchers: Vec<Matcher>,
    /// The causes this symptom points to, in the order the articles check them.
    pub causes: Vec<CauseLink>,
    /// Where this symptom is described.
    pub source: SourceRef,
    /// Checks to offer when the user starts from this symptom (yes/no questions).
    pub checks: Vec<String>,
    /// Questions this symptom already answers, so they are never asked
    /// (`kubectl get` failing settles "do only some commands fail?").
    #[serde(default)]
    pub settles: Vec<String>,
    /// The error reads the same on every Kubernetes platform while the causes
    /// linked here are AKS's own: it is claimed only when the paste shows a
    /// sign of AKS (or the user says it is AKS). Otherwise its causes are
    /// offered as `possible` leads and the symptom is listed apart, in
    /// `Diagnosis::generic_symptoms`.
    #[serde(default)]
    pub needs_aks_sign: bool,
    /// Access this symptom shows is unavailable ([`ACCESS_KINDS`]): kubectl
    /// cannot reach the API server, so no check that needs it is proposed.
    #[serde(default)]
    pub unavailable: Vec<String>,
    /// Search terms of the title, summary and body (made at build time; the
    /// wizard's search box reads them).
    #[serde(default)]
    pub terms: Vec<(String, u32)>,
}

/// Which view of the pasted text a matcher searches.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Haystack {
    /// Whitespace runs (including line breaks) folded to one space, colour codes
    /// dropped: survives wrapped lines and indentation.
    #[default]
    Joined,
    /// The text as pasted, for matchers that rely on line structure (`(?m)^`).
    Raw,
}

/// One regular expression that recognises a symptom.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Matcher {
    /// The pattern, in the syntax shared by `regex` and `regex-lite`.
    pub pattern: String,
    /// How strongly a match means this symptom, from 0 to 1.
    pub weight: f32,
    /// A label for the block it recognises ("kubectl error").
    pub label: String,
    /// Which view of the text to search.
    pub on: Haystack,
    /// Causes this particular wording points to more strongly than the others.
    pub boosts: Vec<String>,
    /// An exact error form, or a weaker fragment typical of the symptom.
    #[serde(default)]
    pub tier: Tier,
    /// Literals (lower case) of which every match contains one, found at build
    /// time; the engine searches only around their occurrences. Empty: search all.
    #[serde(default)]
    pub anchors: Vec<String>,
}

/// How specific a matcher is.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// An exact error form: the message a client prints for this problem.
    #[default]
    Signature,
    /// A weaker fragment typical of the problem (a probe failing on a tunnel
    /// pod, a generic time-out next to the port): the symptom at lower strength.
    Family,
}

/// A pattern that finds a component, tool or feature named in the text
/// (`konnectivity-agent`, `ufw`, a privatelink FQDN). A mention makes its
/// cause `possible`, never more, and never shows a symptom on its own.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    /// The pattern, in the syntax shared by `regex` and `regex-lite`.
    pub pattern: String,
    /// What is named, for the reason shown ("the konnectivity-agent pods").
    pub label: String,
    /// Literals (lower case) every match contains, as for matchers.
    #[serde(default)]
    pub anchors: Vec<String>,
}

/// A sign that the text is not an AKS problem although its wording matches
/// ours: an EKS host name, an API server on `localhost:6443`, the static
/// control-plane pods of a self-managed cluster, a public API server name
/// that does not resolve. Where one is found, the listed symptoms (all if
/// none are listed) are not claimed; their causes stay `possible` at most
/// through mentions, and the reason is given as a warning.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Lookalike {
    /// What the sign shows, for the warning ("an EKS host name").
    pub label: String,
    /// The pattern (joined view), in the syntax shared by both backends.
    pub pattern: String,
    /// The symptoms it keeps quiet; empty means every symptom.
    #[serde(default)]
    pub symptoms: Vec<String>,
    /// A pattern that, when found too, shows the paste is AKS after all.
    #[serde(default)]
    pub unless: Option<String>,
    /// Literals (lower case) every match contains.
    #[serde(default)]
    pub anchors: Vec<String>,
}

/// A sign that a paste comes from an AKS cluster.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AksSign {
    /// What the sign is, for the reader ("an AKS API server name").
    pub label: String,
    /// The pattern (joined view), in the syntax shared by both backends.
    pub pattern: String,
    /// Literals (lower case) every match contains.
    #[serde(default)]
    pub anchors: Vec<String>,
}

/// A symptom's link to one of its causes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CauseLink {
    /// The cause id.
    pub cause: String,
    /// Prior weight of this cause given the symptom, from 0 to 1.
    pub prior: f32,
}

/// A root cause with its explanation, checks and fixes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Cause {
    /// Stable id (public interface).
    pub id: String,
    /// Short human title.
    pub title: String,
    /// One-paragraph summary, plain text.
    pub summary: String,
    /// The explanation as markdown.
    pub body_markdown: String,
    /// The explanation as HTML.
    pub body_html: String,
    /// Checks that confirm or rule out this cause, best first.
    pub checks: Vec<String>,
    /// Fix commands and manifests.
    pub fixes: Vec<CodeBlock>,
    /// Log queries that help find the culprit.
    pub queries: Vec<CodeBlock>,
    /// Where this cause is described.
    pub source: SourceRef,
    /// Components, tools and features named in a paste that point to it.
    #[serde(default)]
    pub mentions: Vec<Mention>,
    /// Search terms of the title, summary, body and declared keywords, with
    /// their counts (made at build time; the related-causes search reads them).
    #[serde(default)]
    pub terms: Vec<(String, u32)>,
}

/// What a fenced block is for.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BlockRole {
    /// A fix to apply.
    #[default]
    Fix,
    /// A command to run for a check.
    Command,
    /// A log-analytics query.
    Query,
}

/// A copyable command, manifest or query, with `<param>` placeholders.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CodeBlock {
    /// What the block is for.
    pub role: BlockRole,
    /// Language for display (`sh`, `yaml`, `kusto`).
    pub lang: String,
    /// Short title ("Allow port 10250 in UFW").
    pub title: String,
    /// For version- or mode-dependent blocks: which variant this is ("Helm 3").
    pub variant: Option<String>,
    /// The text, with `<param>` placeholders.
    pub code: String,
    /// The placeholders used, in order of first appearance.
    pub params: Vec<String>,
}

/// A check: a command whose output we read, or a question for the user.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Check {
    /// Stable id (deep links to steps use it).
    pub id: String,
    /// Short title ("Is UFW enabled on the node?").
    pub title: String,
    /// Instructions as markdown.
    pub body_markdown: String,
    /// Instructions as HTML.
    pub body_html: String,
    /// What kind of check.
    pub kind: CheckKind,
    /// For commands: which analyzer reads the pasted output.
    pub analyzer: Option<String>,
    /// For commands: the commands to run (variants for versions or modes).
    pub commands: Vec<CodeBlock>,
    /// For commands: what to paste back.
    pub paste_hint: String,
    /// For questions: the question.
    pub question: String,
    /// For questions: what a "yes" does.
    pub yes: Effects,
    /// For questions: what a "no" does.
    pub no: Effects,
    /// Every cause this check can conclude on (derived).
    pub concludes: Vec<String>,
    /// What running it needs ([`ACCESS_KINDS`]): declared with `needs`, or
    /// read from its commands (`kubectl` needs the Kubernetes API, `az` the
    /// Azure CLI). The next check never asks for what the evidence shows is
    /// unavailable.
    #[serde(default)]
    pub needs: Vec<String>,
}

/// The kinds of access a check may need.
pub const ACCESS_KINDS: &[&str] = &["kubernetes-api", "azure-cli", "node-shell"];

/// The kind of a check.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Run a command and paste its output.
    #[default]
    Command,
    /// Answer yes or no.
    Question,
}

/// What an answer does to causes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Effects {
    /// Causes this answer confirms.
    pub confirms: Vec<String>,
    /// Causes this answer makes likely.
    pub supports: Vec<String>,
    /// Causes this answer rules out.
    pub rules_out: Vec<String>,
}

/// Where a parameter's value comes from.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ParamSource {
    /// Typed by the user (resource group, cluster name, …).
    #[default]
    User,
    /// Extracted from pasted text by a matcher capture or an analyzer.
    Extracted,
}

/// A parameter that commands may use as `<name>`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ParamSpec {
    /// The placeholder name (`resource_group`).
    pub name: String,
    /// Human label ("Resource group").
    pub label: String,
    /// One-line help.
    pub help: String,
    /// Where its value comes from.
    pub source: ParamSource,
    /// A value used when nothing else fills it.
    pub default: Option<String>,
    /// Its place in the wizard's parameters panel (the ones most commands
    /// need come first); none: after those.
    #[serde(default)]
    pub panel: Option<u32>,
    /// A command that prints the value, offered next to a command that still
    /// needs it (it may use other parameters).
    #[serde(default)]
    pub find: Option<String>,
}
