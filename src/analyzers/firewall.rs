//! Node firewalls: `ufw status` and `iptables --list --line-numbers` (also
//! `iptables -S` / `iptables-save` rule lines).

use super::{lines, AnalyzerInfo, Effect, Recognition};
use std::ops::Range;

/// `ufw status [verbose]`.
pub const UFW: AnalyzerInfo = AnalyzerInfo {
    name: "ufw-status",
    reads: "the output of `ufw status` (or `ufw status verbose`) on a node",
    concludes: &["ufw-blocks-10250"],
    facts: &[],
};

/// `iptables --list --line-numbers`.
pub const IPTABLES: AnalyzerInfo = AnalyzerInfo {
    name: "iptables-list",
    reads: "the output of `iptables --list --line-numbers` (or `iptables -S`) on a node",
    concludes: &["iptables-blocks-10250"],
    facts: &["rule_number"],
};

const KUBELET_PORT: u32 = 10250;

/// Reads every `Status: active|inactive` block of `ufw status`.
pub fn ufw_status(text: &str) -> Vec<Recognition> {
    let all: Vec<(Range<usize>, &str)> = lines(text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let (span, line) = &all[i];
        let t = line.trim();
        let state = t.strip_prefix("Status:").map(str::trim);
        let Some(state) = state.filter(|s| *s == "active" || *s == "inactive") else {
            i += 1;
            continue;
        };
        let status_span = span.start + (line.len() - line.trim_start().len())..span.end;
        let mut rec = Recognition::new("ufw-status", "ufw status output", status_span.clone());
        if state == "inactive" {
            rec.finding(
                "ufw-blocks-10250",
                Effect::RulesOut,
                "UFW is inactive on this node, so it cannot block port 10250.",
                vec![status_span],
            );
            out.push(rec);
            i += 1;
            continue;
        }
        // Active: read "Default:" and the rules table that follows.
        let mut default_allow_incoming = None;
        let mut allow_spans = Vec::new();
        let mut deny_spans = Vec::new();
        let mut end = status_span.end;
        let mut j = i + 1;
        let mut in_rules = false;
        while j < all.len() {
            let (lspan, l) = &all[j];
            let lt = l.trim();
            if lt.starts_with("Status:") || lt.starts_with("Chain ") || lt.starts_with('$') {
                break;
            }
            if let Some(d) = lt.strip_prefix("Default:") {
                let d = d.to_ascii_lowercase();
                default_allow_incoming = Some(d.contains("allow (incoming)"));
                end = lspan.end;
            } else if lt.starts_with("To ") && lt.contains("Action") {
                in_rules = true;
                end = lspan.end;
            } else if in_rules && !lt.is_empty() && !lt.starts_with("--") {
                // `ufw status numbered` prefixes each rule with "[ 1]".
                let lt = match lt.strip_prefix('[').and_then(|r| r.split_once(']')) {
                    Some((n, rest)) if n.trim().chars().all(|c| c.is_ascii_digit()) => rest.trim_start(),
                    _ => lt,
                };
                let fields: Vec<&str> = lt.split_whitespace().collect();
                let action_idx = fields.iter().position(|f| matches!(*f, "ALLOW" | "DENY" | "REJECT" | "LIMIT"));
                let Some(ai) = action_idx else { break };
                let to = fields[..ai].join(" ");
                let action = fields[ai];
                // Outgoing rules say nothing about traffic arriving at kubelet.
                if fields.get(ai + 1) == Some(&"OUT") {
                    end = lspan.end;
                    j += 1;
                    continue;
                }
                if rule_covers_port(&to, KUBELET_PORT) {
                    if action == "ALLOW" || action == "LIMIT" {
                        allow_spans.push(lspan.clone());
                    } else {
                        deny_spans.push(lspan.clone());
                    }
                }
                end = lspan.end;
            } else if (lt.is_empty() && in_rules) || (!in_rules && !lt.is_empty() && !lt.contains(':')) {
                break;
            }
            j += 1;
        }
        rec.span = status_span.start..end;
        if !deny_spans.is_empty() {
            let mut ev = vec![status_span.clone()];
            ev.extend(deny_spans);
            rec.finding("ufw-blocks-10250", Effect::Confirms, "UFW is active and has a rule that denies port 10250.", ev);
        } else if !allow_spans.is_empty() {
            let mut ev = vec![status_span.clone()];
            ev.extend(allow_spans);
            rec.finding("ufw-blocks-10250", Effect::RulesOut, "UFW is active but a rule allows port 10250.", ev);
        } else if default_allow_incoming == Some(true) {
            rec.finding(
                "ufw-blocks-10250",
                Effect::RulesOut,
                "UFW is active but its default policy allows incoming traffic.",
                vec![status_span.clone()],
            );
        } else {
            rec.finding(
                "ufw-blocks-10250",
                Effect::Confirms,
                "UFW is active and no rule allows port 10250, so incoming kubelet traffic is dropped.",
                vec![status_span.clone()],
            );
        }
        out.push(rec);
        i = j.max(i + 1);
    }
    out
}

/// Whether a UFW "To" column (`10250`, `10250/tcp`, `10000:11000/tcp`,
/// `Anywhere`) covers `port`.
fn rule_covers_port(to: &str, port: u32) -> bool {
    let to = to.trim();
    if to.contains("(v6)") && !to.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return to.starts_with("Anywhere");
    }
    if to.starts_with("Anywhere") {
        return true;
    }
    let spec = to.split_whitespace().next().unwrap_or("");
    let (ports, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
    if proto != "tcp" && proto != "any" && !proto.is_empty() {
        return false;
    }
    ports.split(',').any(|p| port_in_spec(p, port))
}

/// `10250`, `10000:11000` or `10000-11000`.
fn port_in_spec(spec: &str, port: u32) -> bool {
    let spec = spec.trim();
    if let Some((a, b)) = spec.split_once([':', '-']) {
        match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(a), Ok(b)) => a <= port && port <= b,
            _ => false,
        }
    } else {
        spec.parse::<u32>() == Ok(port)
    }
}

/// Reads `iptables --list [--line-numbers]` INPUT chains and `-A INPUT` rule lines.
pub fn iptables_list(text: &str) -> Vec<Recognition> {
    let mut out = Vec::new();
    let all: Vec<(Range<usize>, &str)> = lines(text).collect();
    let mut i = 0;
    while i < all.len() {
        let (span, line) = &all[i];
        let t = line.trim();
        if !(t.starts_with("Chain INPUT (policy") || t == "Chain INPUT") {
            i += 1;
            continue;
        }
        let policy_drop = t.contains("policy DROP");
        let chain_span = span.start + (line.len() - line.trim_start().len())..span.end;
        let mut rec = Recognition::new("iptables-list", "iptables INPUT chain", chain_span.clone());
        let mut block: Option<(usize, Range<usize>)> = None;
        let mut allow = false;
        let mut j = i + 1;
        let mut end = chain_span.end;
        let mut position = 0usize;
        while j < all.len() {
            let (lspan, l) = &all[j];
            let lt = l.trim();
            if lt.is_empty() || lt.starts_with("Chain ") {
                break;
            }
            end = lspan.end;
            j += 1;
            if lt.starts_with("num ") || lt.starts_with("target ") || lt.starts_with("pkts ") {
                continue;
            }
            position += 1;
            let fields: Vec<&str> = lt.split_whitespace().collect();
            // With --line-numbers the first field is the rule number.
            let (num, rest) = match fields.first().and_then(|f| f.parse::<usize>().ok()) {
                Some(n) if fields.len() > 1 && !fields[1].chars().all(|c| c.is_ascii_digit()) => (n, &fields[1..]),
                _ => (position, &fields[..]),
            };
            // `-v` adds pkts/bytes columns before target.
            let rest: Vec<&str> = rest.iter().copied().skip_while(|f| f.chars().next().is_some_and(|c| c.is_ascii_digit())).collect();
            let Some(target) = rest.first() else { continue };
            let prot = rest.get(1).copied().unwrap_or("");
            let hits_port = line_hits_port(lt, KUBELET_PORT);
            let tcp = matches!(prot, "tcp" | "6" | "all" | "0");
            // iptables stops at the first rule that matches: an ACCEPT above the
            // DROP wins, a DROP above the ACCEPT wins.
            if hits_port && tcp && matches!(*target, "DROP" | "REJECT") && block.is_none() && !allow {
                block = Some((num, lspan.clone()));
            }
            if hits_port && *target == "ACCEPT" && block.is_none() {
                allow = true;
            }
        }
        rec.span = chain_span.start..end;
        decide_iptables(&mut rec, block, allow, policy_drop, chain_span);
        out.push(rec);
        i = j.max(i + 1);
    }
    // `iptables -S` / `iptables-save`: -A INPUT ... --dport 10250 ... -j DROP
    let mut input_pos = 0usize;
    // The recognition, the first blocking rule (position, span), and whether an ACCEPT came first.
    type SaveState = (Recognition, Option<(usize, Range<usize>)>, bool);
    let mut save_rec: Option<SaveState> = None;
    for (span, line) in &all {
        let t = line.trim();
        if !t.starts_with("-A INPUT ") {
            continue;
        }
        input_pos += 1;
        let entry = save_rec.get_or_insert_with(|| (Recognition::new("iptables-list", "iptables rules (-S)", span.clone()), None, false));
        entry.0.span.end = span.end;
        let target = t.split("-j ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap_or("");
        let proto_ok = !t.contains(" -p ") || t.contains("-p tcp") || t.contains("-p 6 ");
        if line_hits_port(t, KUBELET_PORT) && proto_ok {
            if matches!(target, "DROP" | "REJECT") && entry.1.is_none() && !entry.2 {
                entry.1 = Some((input_pos, span.clone()));
            } else if target == "ACCEPT" && entry.1.is_none() {
                entry.2 = true;
            }
        }
    }
    if let Some((mut rec, block, allow)) = save_rec {
        let span = rec.span.clone();
        decide_iptables(&mut rec, block, allow, false, span);
        out.push(rec);
    }
    out
}

fn decide_iptables(rec: &mut Recognition, block: Option<(usize, Range<usize>)>, allow: bool, policy_drop: bool, chain_span: Range<usize>) {
    if let Some((num, span)) = block {
        rec.fact("rule_number", num.to_string(), span.clone());
        rec.finding(
            "iptables-blocks-10250",
            Effect::Confirms,
            format!("Rule {num} of the INPUT chain drops TCP traffic to port 10250."),
            vec![chain_span, span],
        );
    } else if policy_drop && !allow {
        rec.finding(
            "iptables-blocks-10250",
            Effect::Supports,
            "The INPUT chain's default policy is DROP and no rule accepts port 10250.",
            vec![chain_span],
        );
    } else {
        rec.finding(
            "iptables-blocks-10250",
            Effect::RulesOut,
            "No rule in the INPUT chain drops or rejects TCP port 10250.",
            vec![chain_span],
        );
    }
}

/// Whether an iptables rule line names `port` as its destination port
/// (`dpt:10250`, `dpts:10000:11000`, `multiport dports 22,10250`, `--dport 10250`).
fn line_hits_port(line: &str, port: u32) -> bool {
    for (key, sep) in [("dpt:", None), ("dpts:", None), ("--dport ", None), ("--dports ", Some(',')), ("dports ", Some(','))] {
        let mut rest = line;
        while let Some(pos) = rest.find(key) {
            let after = &rest[pos + key.len()..];
            let token = after.split_whitespace().next().unwrap_or("");
            // `! --dport 10250` and `dpt:!10250` match every port but 10250.
            if rest[..pos].trim_end().ends_with('!') || token.starts_with('!') {
                rest = after;
                continue;
            }
            let hit = match sep {
                Some(s) => token.split(s).any(|p| port_in_spec(p, port)),
                None => token.split(',').any(|p| port_in_spec(p, port)),
            };
            if hit {
                return true;
            }
            rest = after;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iptables_rule_number_is_read() {
        let text = "Chain INPUT (policy ACCEPT)\nnum  target     prot opt source               destination\n1    KUBE-FIREWALL  all  --  anywhere             anywhere\n2    DROP       tcp  --  anywhere             anywhere             tcp dpt:10250\n\nChain FORWARD (policy ACCEPT)\n";
        let r = iptables_list(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].facts[0].value, "2");
        assert_eq!(r[0].findings[0].effect, Effect::Confirms);
    }

    #[test]
    fn ufw_ranges_and_defaults() {
        assert!(rule_covers_port("10000:11000/tcp", 10250));
        assert!(!rule_covers_port("10250/udp", 10250));
        assert!(!rule_covers_port("22/tcp", 10250));
    }
}
