//! Command-output analyzers: recognise, parse and conclude from the outputs the
//! checks ask for.
//!
//! Each analyzer finds its own output anywhere in the pasted text (several
//! blocks may be pasted at once), parses it, and returns [`Recognition`]s: a
//! labelled span, the facts it read (a rule number, a node name), and a
//! [`Finding`] per cause it can speak about — confirms, supports, rules out or
//! no conclusion — with the byte spans that justify it. Analyzers never panic
//! on malformed output: what they cannot parse they do not claim.

/// A fixed analyzer regex, compiled once on first use (`None` if it does not
/// compile, which a unit test rules out: analyzers never panic).
macro_rules! cached {
    ($pat:expr) => {{
        static RE: std::sync::LazyLock<Option<crate::pattern::Regex>> = std::sync::LazyLock::new(|| crate::analyzers::re($pat));
        RE.as_ref()
    }};
}

pub mod cluster;
pub mod firewall;
pub mod network;
pub mod storage;
pub mod table;

use std::collections::BTreeMap;
use std::ops::Range;

/// How a piece of output bears on a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The output proves the cause.
    Confirms,
    /// The output makes the cause likely.
    Supports,
    /// The output was read but says nothing either way.
    NoConclusion,
    /// The output proves the cause is not at play.
    RulesOut,
}

/// An analyzer's conclusion about one cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The cause id.
    pub cause: &'static str,
    /// What the output says about it.
    pub effect: Effect,
    /// Why, in one sentence.
    pub reason: String,
    /// The spans (in the analyzed text) that justify it.
    pub evidence: Vec<Range<usize>>,
}

/// A fact read from the output, usable as a command parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The parameter name (`rule_number`).
    pub name: &'static str,
    /// The value.
    pub value: String,
    /// Where it was read.
    pub span: Range<usize>,
}

/// One recognised block of command output.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognition {
    /// The analyzer's name (as used by checks in `content/checks/`).
    pub analyzer: &'static str,
    /// A label for the block ("ufw status output").
    pub label: String,
    /// The block's span in the analyzed text.
    pub span: Range<usize>,
    /// Facts read.
    pub facts: Vec<Fact>,
    /// Conclusions per cause.
    pub findings: Vec<Finding>,
    /// Symptoms this output shows by itself (an endpoints list with `<none>`).
    pub symptoms: Vec<(&'static str, Range<usize>)>,
}

impl Recognition {
    fn new(analyzer: &'static str, label: impl Into<String>, span: Range<usize>) -> Self {
        Recognition { analyzer, label: label.into(), span, facts: Vec::new(), findings: Vec::new(), symptoms: Vec::new() }
    }

    fn finding(&mut self, cause: &'static str, effect: Effect, reason: impl Into<String>, evidence: Vec<Range<usize>>) {
        self.findings.push(Finding { cause, effect, reason: reason.into(), evidence });
    }

    fn fact(&mut self, name: &'static str, value: impl Into<String>, span: Range<usize>) {
        self.facts.push(Fact { name, value: value.into(), span });
    }

    /// Shifts every span through `map` (used for text decoded from a wrapper).
    pub(crate) fn remap(mut self, map: &dyn Fn(Range<usize>) -> Range<usize>) -> Self {
        self.span = map(self.span.clone());
        for f in &mut self.facts {
            f.span = map(f.span.clone());
        }
        for f in &mut self.findings {
            for e in &mut f.evidence {
                *e = map(e.clone());
            }
        }
        for s in &mut self.symptoms {
            s.1 = map(s.1.clone());
        }
        self
    }
}

/// What analyzers may know besides the output itself.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Values the user supplied (`client_ip`, `node_count`, `k8s_version`).
    pub params: BTreeMap<String, String>,
    /// Values extracted from error text by symptom matchers (`node_ip`).
    pub extracted: BTreeMap<String, String>,
}

/// Describes one analyzer for validation and documentation.
#[derive(Debug, Clone, Copy)]
pub struct AnalyzerInfo {
    /// Name used in `content/checks/*.md` (`analyzer = "ufw-status"`).
    pub name: &'static str,
    /// What it reads.
    pub reads: &'static str,
    /// The causes it can conclude on.
    pub concludes: &'static [&'static str],
    /// The facts (parameters) it can produce.
    pub facts: &'static [&'static str],
}

/// An analyzer: what it is (for validation and documentation) and the
/// function that reads its output.
#[derive(Clone, Copy)]
pub struct Analyzer {
    /// Its name, what it reads, what it concludes on.
    pub info: AnalyzerInfo,
    /// Finds and reads its output anywhere in a text.
    pub run: fn(&str, &Context) -> Vec<Recognition>,
}

/// Every analyzer the engine has, each registered once: the engine runs
/// them in this order, and the content compiler checks checks against them.
pub const REGISTRY: &[Analyzer] = &[
    Analyzer { info: firewall::UFW, run: firewall::ufw_status },
    Analyzer { info: firewall::IPTABLES, run: |text, _| firewall::iptables_list(text) },
    Analyzer { info: network::NC, run: network::nc_results },
    Analyzer { info: network::CHECK_APISERVER, run: |text, _| network::check_apiserver_connectivity(text) },
    Analyzer { info: network::AUTHORIZED_RANGES, run: network::authorized_ranges },
    Analyzer { info: cluster::KUBE_SYSTEM_PODS, run: cluster::kube_system_pods },
    Analyzer { info: cluster::TOP_NODE, run: cluster::top_nodes },
    Analyzer { info: cluster::OOM_EVENTS, run: |text, _| cluster::oom_events(text) },
    Analyzer { info: cluster::CPA_LADDER, run: cluster::cpa_ladder },
    Analyzer { info: cluster::ENDPOINTS, run: |text, _| cluster::endpoints(text) },
    Analyzer { info: storage::ETCD_METRICS, run: storage::etcd_metrics },
    Analyzer { info: storage::HELM_HISTORY, run: |text, _| storage::helm_history(text) },
];

/// The description of every analyzer, in registry order.
pub fn infos() -> impl Iterator<Item = &'static AnalyzerInfo> {
    REGISTRY.iter().map(|a| &a.info)
}

/// The analyzer table of `content/FORMAT.md`, made from the registry (a test
/// fails when the two drift apart).
pub fn table_markdown() -> String {
    let mut out = String::from("| analyzer | reads | concludes on | facts |\n|---|---|---|---|\n");
    for a in infos() {
        let facts = if a.facts.is_empty() { "–".to_string() } else { a.facts.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ") };
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", a.name, a.reads, a.concludes.join(", "), facts));
    }
    out
}

/// The analyzer with this name.
pub fn analyzer(name: &str) -> Option<&'static AnalyzerInfo> {
    infos().find(|a| a.name == name)
}

/// Runs every analyzer over `text`, including the text inside
/// `az vmss run-command invoke` JSON wrappers.
pub fn analyze_all(text: &str, ctx: &Context) -> Vec<Recognition> {
    let mut out = analyze_plain(text, ctx);
    for (decoded, map) in network::run_command_messages(text) {
        let inner = analyze_plain(&decoded, ctx);
        for r in inner {
            let mapper = |r: Range<usize>| map_range(&map, r, text.len());
            let mut r = r.remap(&mapper);
            r.label = format!("{} (inside az vmss run-command JSON)", r.label);
            out.push(r);
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

fn analyze_plain(text: &str, ctx: &Context) -> Vec<Recognition> {
    REGISTRY.iter().flat_map(|a| (a.run)(text, ctx)).collect()
}

fn map_range(map: &[u32], r: Range<usize>, source_len: usize) -> Range<usize> {
    if map.is_empty() {
        return 0..0;
    }
    let start = map.get(r.start).copied().map_or(source_len, |v| v as usize);
    let end = if r.end == 0 { start } else { map.get(r.end - 1).map_or(source_len, |&v| v as usize + 1) };
    start..end.max(start)
}

/// Lines of `text` with their byte ranges (without line breaks).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut pos = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = pos;
        pos += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        (start..start + line.len(), line)
    })
}

/// A fixed regex for analyzers (patterns here are constants; a failure is a
/// programming error caught by the unit tests, but we still never panic).
pub(crate) fn re(pattern: &str) -> Option<crate::pattern::Regex> {
    crate::pattern::compile(pattern).ok()
}
