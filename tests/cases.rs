//! Runs every case in `tests/cases/*.toml` (ripgrep-style data-driven tests)
//! and checks coverage: each required id has at least three cases, and each
//! analyzer verdict is exercised at least once.

use crate::util::engine;
use aks_triage::analyzers::{self, Effect};
use aks_triage::{Answer, Query, Verdict};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    inputs: Vec<String>,
    #[serde(default)]
    params: BTreeMap<String, String>,
    #[serde(default)]
    answers: BTreeMap<String, String>,
    /// The exact set of symptoms expected.
    #[serde(default)]
    symptoms: Option<Vec<String>>,
    /// The exact set of platform-neutral errors recognised but not claimed
    /// for want of a sign of AKS.
    #[serde(default)]
    generic_symptoms: Option<Vec<String>>,
    /// The user says the cluster is AKS (`--aks`).
    #[serde(default)]
    on_aks: bool,
    /// Causes that must be ranked and not ruled out.
    #[serde(default)]
    causes: Vec<String>,
    /// The cause expected first.
    #[serde(default)]
    top: Option<String>,
    /// Expected verdicts.
    #[serde(default)]
    verdicts: BTreeMap<String, String>,
    /// Expected facts.
    #[serde(default)]
    facts: BTreeMap<String, String>,
    /// Facts that must not be set (redacted values).
    #[serde(default)]
    no_facts: Vec<String>,
    /// Expected next check (`""` for none).
    #[serde(default)]
    next_check: Option<String>,
    /// A lookalike: nothing recognised, no cause above `possible`.
    #[serde(default)]
    negative: bool,
    /// Text that one of a cause's reasons must contain.
    #[serde(default)]
    reasons: BTreeMap<String, String>,
}

fn load_cases() -> Vec<(String, Case)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/cases").flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let parsed: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        for c in parsed.case {
            out.push((format!("{stem}: {}", c.name), c));
        }
    }
    out
}

fn query(case: &Case) -> Query {
    let mut inputs = vec![case.text.clone()];
    inputs.extend(case.inputs.iter().cloned());
    Query {
        inputs,
        params: case.params.clone(),
        answers: case.answers.iter().map(|(k, v)| (k.clone(), v.parse::<Answer>().expect("answer"))).collect(),
        on_aks: case.on_aks,
        ..Default::default()
    }
}

fn check_case(case: &Case) -> Vec<String> {
    let mut errs = Vec::new();
    let d = match engine().diagnose(&query(case)) {
        Ok(d) => d,
        Err(e) => return vec![format!("input error: {e}")],
    };
    let got_symptoms: BTreeSet<&str> = d.symptoms.iter().map(|s| s.id.as_str()).collect();
    if let Some(expected) = &case.symptoms {
        let want: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
        if want != got_symptoms {
            errs.push(format!("symptoms: expected {want:?}, got {got_symptoms:?}"));
        }
    }
    if let Some(expected) = &case.generic_symptoms {
        let got: BTreeSet<&str> = d.generic_symptoms.iter().map(|s| s.id.as_str()).collect();
        let want: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
        if want != got {
            errs.push(format!("generic symptoms: expected {want:?}, got {got:?}"));
        }
    }
    if case.negative {
        if !got_symptoms.is_empty() {
            errs.push(format!("negative case recognised symptoms {got_symptoms:?}"));
        }
        for c in &d.causes {
            if matches!(c.verdict, Verdict::Confirmed | Verdict::Likely) {
                errs.push(format!("negative case has cause {} at {:?}", c.id, c.verdict));
            }
        }
    }
    for c in &case.causes {
        match d.verdict(c) {
            None => errs.push(format!("cause {c} not ranked")),
            Some(Verdict::RuledOut) => errs.push(format!("cause {c} ruled out")),
            Some(_) => {}
        }
    }
    if let Some(top) = &case.top {
        let first = d.causes.first().map(|c| c.id.as_str()).unwrap_or("<none>");
        if first != top {
            errs.push(format!("top cause: expected {top}, got {first} ({:?})", d.causes.iter().take(3).map(|c| (&c.id, c.verdict, c.score)).collect::<Vec<_>>()));
        }
    }
    for (cause, verdict) in &case.verdicts {
        let got = d.verdict(cause).map(|v| v.as_str()).unwrap_or("unranked");
        if got != verdict {
            errs.push(format!("verdict of {cause}: expected {verdict}, got {got}"));
        }
    }
    for (name, value) in &case.facts {
        match d.fact(name) {
            Some(f) if &f.value == value => {}
            Some(f) => errs.push(format!("fact {name}: expected {value:?}, got {:?}", f.value)),
            None => errs.push(format!("fact {name}: expected {value:?}, not set")),
        }
    }
    for name in &case.no_facts {
        if let Some(f) = d.fact(name) {
            errs.push(format!("fact {name} should not be set, got {:?}", f.value));
        }
    }
    for (cause, needle) in &case.reasons {
        match d.causes.iter().find(|c| &c.id == cause) {
            Some(c) if c.reasons.iter().any(|r| r.contains(needle.as_str())) => {}
            Some(c) => errs.push(format!("reasons of {cause} lack {needle:?}: {:?}", c.reasons)),
            None => errs.push(format!("cause {cause} not ranked (wanted a reason with {needle:?})")),
        }
    }
    if let Some(next) = &case.next_check {
        let got = d.next_check.as_ref().map(|n| n.id.as_str()).unwrap_or("");
        if got != next {
            errs.push(format!("next check: expected {next:?}, got {got:?}"));
        }
    }
    // Evidence spans must lie inside the input they name and on char boundaries.
    let q = query(case);
    for c in &d.causes {
        for e in &c.evidence {
            let ok = q.inputs.get(e.input).is_some_and(|t| e.start <= e.end && e.end <= t.len() && t.is_char_boundary(e.start) && t.is_char_boundary(e.end));
            if !ok {
                errs.push(format!("bad evidence span {e:?}"));
            }
        }
    }
    errs
}

/// `CASE=<text> cargo test --test tests all_cases` runs only the cases whose
/// "file: name" contains the text.
#[test]
fn all_cases_pass() {
    let cases = load_cases();
    assert!(!cases.is_empty());
    let only = std::env::var("CASE").ok().filter(|c| !c.is_empty());
    let mut failures = Vec::new();
    let mut ran = 0;
    for (name, case) in cases.iter().filter(|(name, _)| only.as_ref().is_none_or(|o| name.contains(o.as_str()))) {
        ran += 1;
        let errs = check_case(case);
        if !errs.is_empty() {
            failures.push(format!("{name}\n    {}", errs.join("\n    ")));
        }
    }
    assert!(ran > 0, "no case matches CASE={only:?}");
    assert!(failures.is_empty(), "{} of {} cases failed ({}):\n{}", failures.len(), ran, aks_triage::pattern::BACKEND, failures.join("\n"));
}

#[test]
fn case_names_are_unique() {
    let mut seen = BTreeSet::new();
    let dups: Vec<String> = load_cases().into_iter().map(|(name, _)| name).filter(|name| !seen.insert(name.clone())).collect();
    assert!(dups.is_empty(), "duplicate case names (CASE=… must pick one): {dups:?}");
}

pub const REQUIRED_SYMPTOM_IDS: &[&str] = &[
    "apiserver-unreachable",
    "kubelet-10250-timeout",
    "kubelet-http-https",
    "pod-ip-allocation-failed",
    "service-no-endpoints",
    "pod-cannot-reach-apiserver",
    "apiserver-forbidden",
    "apiserver-slow",
    "webhook-call-failed",
    "etcd-space-exceeded",
    "tunnel-pods-not-running",
];

/// The cause ids that deep links and runbooks rely on.
pub const REQUIRED_CAUSES: &[&str] = &[
    "tunnel-pods-unhealthy",
    "egress-blocked",
    "tunnel-egress-ports",
    "alpn-blocked",
    "authorized-ip-ranges",
    "private-cluster-unreachable",
    "client-call-leak",
    "helm-history",
    "nsg-blocks-10250",
    "ufw-blocks-10250",
    "iptables-blocks-10250",
    "snat-exhaustion",
    "konnectivity-scale",
    "cni-ip-leak",
    "pod-churn-gc",
    "service-selector-mismatch",
    "service-port-mismatch",
    "container-not-listening",
    "kube-proxy-broken",
    "network-policy-drop",
    "network-policy-blocks-apiserver",
    "private-dns-forwarding",
    "rbac-forbidden",
    "free-tier-control-plane",
    "node-apiserver-network-rule",
    "etcd-object-leak",
    "excessive-list-put",
    "webhook-deadlock",
];


#[test]
fn every_required_id_has_three_cases() {
    let cases = load_cases();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, c) in &cases {
        let mut ids: BTreeSet<&str> = BTreeSet::new();
        ids.extend(c.symptoms.iter().flatten().map(String::as_str));
        ids.extend(c.causes.iter().map(String::as_str));
        ids.extend(c.verdicts.keys().map(String::as_str));
        ids.extend(c.top.iter().map(String::as_str));
        for id in ids {
            *count.entry(id).or_default() += 1;
        }
    }
    let short: Vec<String> = REQUIRED_SYMPTOM_IDS
        .iter()
        .chain(REQUIRED_CAUSES)
        .filter(|id| count.get(*id).copied().unwrap_or(0) < 3)
        .map(|id| format!("{id} ({})", count.get(id).copied().unwrap_or(0)))
        .collect();
    assert!(short.is_empty(), "ids with fewer than 3 cases: {short:?}");
    let negatives = cases.iter().filter(|(_, c)| c.negative).count();
    assert!(negatives >= 15, "only {negatives} negative cases");
}

/// Every verdict each analyzer can give is exercised by some case.
#[test]
fn every_analyzer_verdict_has_a_case() {
    let expected: &[(&str, Effect)] = &[
        ("ufw-status", Effect::Confirms),
        ("ufw-status", Effect::RulesOut),
        ("iptables-list", Effect::Confirms),
        ("iptables-list", Effect::Supports),
        ("iptables-list", Effect::RulesOut),
        ("nc", Effect::Supports),
        ("nc", Effect::RulesOut),
        ("nc", Effect::Confirms),
        ("check-apiserver-connectivity", Effect::Confirms),
        ("check-apiserver-connectivity", Effect::RulesOut),
        ("authorized-ranges", Effect::Confirms),
        ("authorized-ranges", Effect::RulesOut),
        ("authorized-ranges", Effect::NoConclusion),
        ("authorized-ranges", Effect::Supports),
        ("kube-system-pods", Effect::Confirms),
        ("kube-system-pods", Effect::Supports),
        ("kube-system-pods", Effect::RulesOut),
        ("top-node", Effect::Confirms),
        ("top-node", Effect::Supports),
        ("top-node", Effect::NoConclusion),
        ("oom-events", Effect::Confirms),
        ("oom-events", Effect::NoConclusion),
        ("cpa-ladder", Effect::Confirms),
        ("cpa-ladder", Effect::Supports),
        ("cpa-ladder", Effect::RulesOut),
        ("cpa-ladder", Effect::NoConclusion),
        ("endpoints", Effect::Supports),
        ("endpoints", Effect::RulesOut),
        ("etcd-metrics", Effect::Confirms),
        ("etcd-metrics", Effect::Supports),
        ("etcd-metrics", Effect::NoConclusion),
        ("etcd-metrics", Effect::RulesOut),
        ("helm-history", Effect::Confirms),
        ("helm-history", Effect::Supports),
        ("helm-history", Effect::RulesOut),
    ];
    let mut seen: BTreeSet<(&'static str, Effect)> = BTreeSet::new();
    for (_, case) in load_cases() {
        let q = query(&case);
        let doc = q.inputs.join("\n\n");
        let ctx = analyzers::Context { params: q.params.clone(), extracted: Default::default() };
        for r in analyzers::analyze_all(&doc, &ctx) {
            for f in &r.findings {
                seen.insert((r.analyzer, f.effect));
            }
        }
    }
    let missing: Vec<_> = expected.iter().filter(|e| !seen.contains(e)).collect();
    assert!(missing.is_empty(), "analyzer verdicts without a case: {missing:?}");
}
