//! Stage 2: facts, the parameter values commands are filled with.
//!
//! In order of trust: what the user typed, what the errors show (matcher
//! captures), what command outputs show (analyzer facts), what follows from
//! those (a node name encodes its scale set and instance), and last the
//! parameters' defaults. Redacted values (`x.x.x.x`, `<node-ip>`, `*****`)
//! are never taken as facts.

use super::document::Document;
use super::matching::Hit;
use crate::analyzers::Recognition;
use crate::diagnosis::{FactValue, Origin};
use crate::model::Model;
use std::collections::BTreeMap;

/// Facts by parameter name.
pub(crate) type Facts = BTreeMap<String, FactValue>;

/// Values that people paste in place of the real thing.
pub(crate) fn looks_redacted(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    l.is_empty()
        || l.contains("x.x")
        || l.contains('*')
        || l.contains('<')
        || l.contains("...")
        || l.contains("xxx")
        || l.contains("redacted")
        || l.contains('…')
        || l.chars().all(|c| c == 'x' || c == '.' || c == ':')
}

/// The user's own values.
pub(crate) fn from_user(params: &BTreeMap<String, String>) -> Facts {
    params
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), FactValue { name: k.clone(), value: v.trim().to_string(), origin: Origin::User, evidence: None }))
        .collect()
}

/// Adds what the matchers captured; returns the captured values by name (the
/// analyzers' context).
pub(crate) fn add_from_hits(facts: &mut Facts, hits: &[Hit], doc: &Document) -> BTreeMap<String, String> {
    let mut extracted = BTreeMap::new();
    for h in hits {
        for (name, value, span) in &h.captures {
            if looks_redacted(value) {
                continue;
            }
            extracted.entry(name.clone()).or_insert_with(|| value.clone());
            facts.entry(name.clone()).or_insert_with(|| FactValue {
                name: name.clone(),
                value: value.clone(),
                origin: Origin::Extracted,
                evidence: Some(doc.evidence(span.clone(), format!("{name} read from the error"))),
            });
        }
    }
    extracted
}

/// Adds what the command outputs showed.
pub(crate) fn add_from_outputs(facts: &mut Facts, recognitions: &[Recognition], doc: &Document) {
    for r in recognitions {
        for f in &r.facts {
            if looks_redacted(&f.value) {
                continue;
            }
            facts.entry(f.name.to_string()).or_insert_with(|| FactValue {
                name: f.name.to_string(),
                value: f.value.clone(),
                origin: Origin::Extracted,
                evidence: Some(doc.evidence(f.span.clone(), format!("{} read from {}", f.name, r.label))),
            });
        }
    }
}

/// Adds what follows from the facts, then the defaults.
///
/// An AKS node name encodes its scale set and instance:
/// aks-nodepool1-12345678-vmss00000a → aks-nodepool1-12345678-vmss, instance 10.
/// The failing node (from the error) and a tunnel node (from -o wide) fill
/// different commands: firewall checks run on the first, the nc test from the
/// second.
pub(crate) fn add_derived_and_defaults(facts: &mut Facts, model: &Model) {
    for (node_fact, vmss_param, instance_param) in [("node_name", "vmss_name", "instance_id"), ("tunnel_node", "tunnel_vmss_name", "tunnel_instance_id")] {
        let node = facts.get(node_fact).map(|f| (f.value.clone(), f.evidence.clone()));
        if let Some((vmss, instance, evidence)) = node.and_then(|(n, e)| vmss_of_node(&n).map(|(v, i)| (v, i, e))) {
            for (name, value) in [(vmss_param, vmss), (instance_param, instance.to_string())] {
                facts.entry(name.to_string()).or_insert_with(|| FactValue { name: name.to_string(), value, origin: Origin::Extracted, evidence: evidence.clone() });
            }
        }
    }
    for p in &model.params {
        if let Some(d) = &p.default {
            facts.entry(p.name.clone()).or_insert_with(|| FactValue { name: p.name.clone(), value: d.clone(), origin: Origin::Default, evidence: None });
        }
    }
}

/// The scale set name and instance id of an AKS node name
/// (`aks-<pool>-<id>-vmss` + six base-36 digits).
pub fn vmss_of_node(node: &str) -> Option<(String, u64)> {
    let at = node.rfind("-vmss")? + "-vmss".len();
    let (vmss, suffix) = node.split_at(at);
    if suffix.len() != 6 || !vmss.starts_with("aks-") {
        return None;
    }
    let instance = u64::from_str_radix(suffix, 36).ok()?;
    Some((vmss.to_string(), instance))
}

#[cfg(test)]
mod tests {
    use super::{looks_redacted, vmss_of_node};

    #[test]
    fn node_names_give_scale_set_and_instance() {
        assert_eq!(vmss_of_node("aks-nodepool1-12345678-vmss000001"), Some(("aks-nodepool1-12345678-vmss".into(), 1)));
        assert_eq!(vmss_of_node("aks-system-3141-vmss00000a"), Some(("aks-system-3141-vmss".into(), 10)));
        assert_eq!(vmss_of_node("my-node-1"), None);
        assert_eq!(vmss_of_node("aks-x-vmss0001"), None);
    }

    #[test]
    fn redactions_are_not_facts() {
        for v in ["x.x.x.x", "<node-ip>", "*****", "10.0.0.xxx", "[REDACTED]", ""] {
            assert!(looks_redacted(v), "{v}");
        }
        assert!(!looks_redacted("10.240.0.4"));
    }
}
