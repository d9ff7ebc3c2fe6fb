//! Redaction before a report leaves the page (or the terminal, with
//! `--redact`): addresses, API server names, GUIDs, secrets and the names the
//! user gave are replaced by placeholders. The same value always gets the same
//! placeholder (`10.240.0.4` is `<ip-1>` everywhere), so a redacted report
//! still reads: "the node at <ip-1> times out; <ip-1> is in the NSG rule".
//!
//! Secrets (bearer tokens, `Authorization:` headers, kubeconfig key and token
//! values, PEM blocks) become `<secret>`: they are never worth telling apart.

use crate::pattern::{self, Regex};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Each kind of value, its placeholder stem and its pattern (shared syntax of
/// both regex backends), applied in this order: secrets first, so that a
/// token's characters are not taken for names.
const KINDS: &[(&str, &str)] = &[
    ("secret", r"-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----"),
    // The value only (group 1): the key and any quotes stay, so JSON stays JSON.
    ("secret", r"(?i)(?:authorization:\s*(?:bearer|basic)\s+|bearer\s+)([A-Za-z0-9._~+/=-]{8,})"),
    ("secret", r"(?i)(?:client-key-data|client-certificate-data|certificate-authority-data|token|password|secret)[\x22']?\s*[:=]\s*[\x22']?([A-Za-z0-9._~+/=-]{8,})"),
    ("fqdn", r"(?i)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:hcp|privatelink)\.[a-z0-9]+\.azmk8s\.io"),
    ("guid", r"(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    ("ip", r"(?:^|[^0-9.])((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})(?:[^0-9]|$)"),
    // IPv6: eight groups, or fewer around one "::" (not a clock's 10:11:12).
    ("ip", r"(?i)(?:^|[^0-9a-z:])((?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){0,6}:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})(?:[^0-9a-z:]|$)"),
    ("node", r"aks-[a-z0-9]+-[0-9]{6,}-vmss[0-9a-z]{0,6}"),
    ("group", r"MC_[A-Za-z0-9_.()-]+"),
];

static COMPILED: LazyLock<Vec<(&'static str, Regex)>> =
    LazyLock::new(|| KINDS.iter().map(|(kind, p)| (*kind, pattern::compile(p).unwrap_or_else(|e| panic!("redaction pattern {p}: {e}")))).collect());

/// Replaces sensitive values with consistent placeholders; `names` are
/// further values to hide (the resource group, cluster and pod names the
/// user typed), each as `<name-N>`.
pub fn redact(text: &str, names: &[&str]) -> String {
    let mut seen: BTreeMap<(&'static str, String), String> = BTreeMap::new();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut placeholder = |kind: &'static str, value: &str| -> String {
        if kind == "secret" {
            return "<secret>".to_string();
        }
        seen.entry((kind, value.to_string()))
            .or_insert_with(|| {
                let n = counts.entry(kind).or_default();
                *n += 1;
                format!("<{kind}-{n}>")
            })
            .clone()
    };
    let mut out = text.to_string();
    for (kind, re) in COMPILED.iter() {
        // Patterns that need a character of context around the value can
        // miss a value right after another ("1.2.3.4,5.6.7.8"): go again.
        for _ in 0..4 {
            let mut next = String::with_capacity(out.len());
            let mut last = 0;
            for caps in re.captures_iter(&out) {
                // The value is the first group where the pattern needs
                // context around it, else the whole match.
                let Some(m) = caps.get(1).or_else(|| caps.get(0)) else { continue };
                next.push_str(&out[last..m.start()]);
                next.push_str(&placeholder(kind, m.as_str()));
                last = m.end();
            }
            if last == 0 {
                break;
            }
            next.push_str(&out[last..]);
            out = next;
        }
    }
    let mut names: Vec<&str> = names.iter().map(|n| n.trim()).filter(|n| n.len() >= 3).collect();
    // Longer names first, so that a name inside another is not cut out of it.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in names {
        if out.contains(name) {
            let p = placeholder("name", name);
            out = out.replace(name, &p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_kind_is_replaced_and_the_same_value_keeps_its_placeholder() {
        let text = "Error from server: Get \"https://aks-nodepool1-12345678-vmss000001:10250/containerLogs\": dial tcp 10.240.0.4:10250: i/o timeout\n\
            kubectl logs again: dial tcp 10.240.0.4:10250 and 10.240.0.5:10250\n\
            server: https://myaks-dns-1a2b3c4d.hcp.westeurope.azmk8s.io:443\n\
            subscription 0b1f6471-1bf0-4dda-aec3-111122223333 in MC_rg_myaks_westeurope\n\
            Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.payload.sig\n\
            client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=\n\
            -----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\n-----END CERTIFICATE-----\n\
            fe80::1ff:fe23:4567:890a on my-cluster in team-rg";
        let r = redact(text, &["my-cluster", "team-rg"]);
        for gone in ["10.240.0.4", "10.240.0.5", "myaks-dns", "0b1f6471", "MC_rg", "eyJhbGci", "LS0tLS1C", "MIIC5zCC", "fe80::", "my-cluster", "team-rg", "aks-nodepool1-12345678"] {
            assert!(!r.contains(gone), "{gone} survived:\n{r}");
        }
        assert_eq!(r.matches("<ip-1>").count(), 2, "one address, one placeholder:\n{r}");
        assert!(r.contains("<ip-2>") && r.contains("<fqdn-1>") && r.contains("<guid-1>") && r.contains("<secret>") && r.contains("<name-1>"), "{r}");
        assert!(r.contains(":10250: i/o timeout"), "the error's own words stay:\n{r}");
    }

    proptest! {
        /// No IPv4 address of a paste survives, wherever it sits.
        #[test]
        fn no_address_survives(a in 1u8..=254, b: u8, c: u8, d in 1u8..=254, before in "[ a-z:/=\"(\\[]{0,3}", after in "[ a-z:/,\")\\]]{0,3}") {
            let ip = format!("{a}.{b}.{c}.{d}");
            let text = format!("dial tcp{before}{ip}{after}: i/o timeout");
            let r = redact(&text, &[]);
            prop_assert!(!r.contains(&ip), "{} survived in {}", ip, r);
        }
    }
}
