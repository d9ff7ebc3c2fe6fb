//! Node firewalls: `ufw status` and `iptables --list --line-numbers` (also
//! `iptables -S` / `iptables-save` rule lines).

use super::{lines, AnalyzerInfo, Context, Effect, Recognition};
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
///
/// An allow from one source covers the failing node when the node's address
/// (from the error) lies in that source: the tunnel reaches kubelet from
/// inside the node network.
pub fn ufw_status(text: &str, ctx: &Context) -> Vec<Recognition> {
    let node_ip: Option<std::net::Ipv4Addr> = ctx.extracted.get("node_ip").or_else(|| ctx.params.get("node_ip")).and_then(|ip| ip.parse().ok());
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
        // Allows from one source only (`10250/tcp ALLOW IN 10.1.1.0/24`,
        // `Anywhere ALLOW IN 10.0.1.0/24`): open to that source, closed to
        // the tunnel's traffic if it comes from elsewhere.
        let mut limited_allow_spans: Vec<(Range<usize>, String)> = Vec::new();
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
                    let from = fields[ai + 1..].iter().skip_while(|f| **f == "IN" || **f == "FWD").take_while(|f| !f.starts_with('#')).copied().collect::<Vec<_>>().join(" ");
                    // "Anywhere on ens10": only traffic arriving on that interface.
                    let from_anywhere = (from.is_empty() || from.starts_with("Anywhere")) && !to.contains(" on ");
                    let covers_node = !to.contains(" on ") && node_ip.is_some_and(|ip| crate::analyzers::network::Cidr::parse(from.split_whitespace().next().unwrap_or("")).is_some_and(|c| c.contains(ip)));
                    if (action == "ALLOW" || action == "LIMIT") && !from_anywhere && !covers_node {
                        let from = if to.contains(" on ") { format!("{from} on interface {}", to.split(" on ").nth(1).unwrap_or("").trim()) } else { from };
                    limited_allow_spans.push((lspan.clone(), from));
                    } else if action == "ALLOW" || action == "LIMIT" {
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
        } else if !limited_allow_spans.is_empty() {
            let sources: Vec<String> = limited_allow_spans.iter().map(|(_, f)| f.clone()).collect();
            let mut ev = vec![status_span.clone()];
            ev.extend(limited_allow_spans.into_iter().map(|(s, _)| s));
            rec.finding(
                "ufw-blocks-10250",
                Effect::Supports,
                format!("UFW denies incoming traffic by default and allows port 10250 only from {}: kubelet traffic from any other source is dropped.", sources.join(", ")),
                ev,
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
        // INPUT decides for packets to the node; PREROUTING (raw, mangle,
        // nat) sees them first and can drop them before INPUT.
        let Some(chain) = ["INPUT", "PREROUTING"].into_iter().find(|c| t.starts_with(&format!("Chain {c} (policy")) || t == format!("Chain {c}")) else {
            i += 1;
            continue;
        };
        let policy_drop = t.contains("policy DROP");
        let chain_span = span.start + (line.len() - line.trim_start().len())..span.end;
        let mut rec = Recognition::new("iptables-list", format!("iptables {chain} chain"), chain_span.clone());
        let mut block: Option<(usize, Range<usize>)> = None;
        let mut catch_all: Option<(usize, Range<usize>)> = None;
        let mut allow = false;
        let mut verbose = false;
        // A rule above the catch-all that may accept port 10250 unseen: a
        // jump to another chain, or an accept-all whose interface is hidden.
        let mut unseen_accept: Option<usize> = None;
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
                verbose |= lt.contains("pkts") || lt.split_whitespace().any(|f| f == "in");
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
            if hits_port && *target == "ACCEPT" && block.is_none() && catch_all.is_none() {
                allow = true;
            }
            // A rule with no port, address, interface or state match applies to
            // every packet that reaches it. Without -v the interface column is
            // hidden (`ACCEPT all 0.0.0.0/0 0.0.0.0/0` is usually `-i lo`), so
            // only a verbose listing shows an accept-everything rule.
            let undecided = block.is_none() && catch_all.is_none();
            if listed_rule_is_catch_all(&rest, verbose) && tcp {
                if matches!(*target, "DROP" | "REJECT") && undecided && !allow {
                    catch_all = Some((num, lspan.clone()));
                } else if *target == "ACCEPT" && verbose && undecided {
                    allow = true;
                } else if *target == "ACCEPT" && undecided {
                    unseen_accept.get_or_insert(num);
                }
            }
            let builtin = matches!(*target, "ACCEPT" | "DROP" | "REJECT" | "LOG" | "RETURN" | "MARK" | "CONNMARK" | "CT" | "NOTRACK" | "TRACE" | "AUDIT" | "NFLOG" | "ULOG");
            if !builtin && undecided && tcp {
                unseen_accept.get_or_insert(num);
            }
        }
        rec.span = chain_span.start..end;
        if let (Some((num, span)), Some(above)) = (&catch_all, unseen_accept) {
            rec.finding(
                "iptables-blocks-10250",
                Effect::NoConclusion,
                format!("Rule {num} drops what is left, but rule {above} above it may accept port 10250 (a jump to another chain, or an accept-all whose interface this listing hides); list with -v or -S to decide."),
                vec![chain_span.clone(), span.clone()],
            );
            out.push(rec);
            i = j.max(i + 1);
            continue;
        }
        decide_iptables(&mut rec, block, catch_all, allow, policy_drop, chain_span);
        out.push(rec);
        i = j.max(i + 1);
    }
    // `iptables -S` / `iptables-save`: -A INPUT ... --dport 10250 ... -j DROP
    for chain in ["INPUT", "PREROUTING"] {
        let prefix = format!("-A {chain} ");
        let mut position = 0usize;
        let mut state: Option<SaveState> = None;
        for (span, line) in &all {
            let t = line.trim();
            if !t.starts_with(&prefix) {
                continue;
            }
            position += 1;
            let s = state.get_or_insert_with(|| SaveState { rec: Recognition::new("iptables-list", format!("iptables {chain} rules (-S)"), span.clone()), block: None, catch_all: None, allow: false });
            s.rec.span.end = span.end;
            let target = t.split("-j ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap_or("");
            let proto_ok = !t.contains(" -p ") || t.contains("-p tcp") || t.contains("-p 6 ");
            let undecided = s.block.is_none() && s.catch_all.is_none();
            if line_hits_port(t, KUBELET_PORT) && proto_ok {
                if matches!(target, "DROP" | "REJECT") && undecided && !s.allow {
                    s.block = Some((position, span.clone()));
                } else if target == "ACCEPT" && undecided {
                    s.allow = true;
                }
            } else if saved_rule_is_catch_all(t) && proto_ok {
                if matches!(target, "DROP" | "REJECT") && undecided && !s.allow {
                    s.catch_all = Some((position, span.clone()));
                } else if target == "ACCEPT" && undecided {
                    s.allow = true;
                }
            }
        }
        if let Some(mut s) = state {
            let span = s.rec.span.clone();
            decide_iptables(&mut s.rec, s.block, s.catch_all, s.allow, false, span);
            out.push(s.rec);
        }
    }
    out
}

/// What the rules of one chain in `iptables -S` form decided so far.
struct SaveState {
    rec: Recognition,
    /// The first rule that drops port 10250 (position, span).
    block: Option<(usize, Range<usize>)>,
    /// The first rule that drops everything (position, span).
    catch_all: Option<(usize, Range<usize>)>,
    /// Whether an accept of port 10250 (or of everything) came first.
    allow: bool,
}

/// Whether a `-A CHAIN …` rule matches every packet: no address, interface,
/// port or connection-state match.
fn saved_rule_is_catch_all(rule: &str) -> bool {
    const NARROWING: &[&str] = &[" -s ", " -d ", " -i ", " -o ", " --dport", " --dports", " --sport", " --state", " --ctstate", " --match-set", " -m set", " --uid-owner", " --src-range", " --dst-range", " -m addrtype", " --icmp-type", " -p icmp", " -p udp"];
    !NARROWING.iter().any(|n| rule.contains(n))
}

/// Whether a rule row of `iptables --list` (target onwards, counters removed)
/// matches every packet: any protocol or TCP, any source and destination, and
/// nothing after the addresses but a comment or the reject type.
fn listed_rule_is_catch_all(rest: &[&str], verbose: bool) -> bool {
    let any_addr = |a: &str| matches!(a, "0.0.0.0/0" | "anywhere" | "::/0");
    let any_if = |i: &str| matches!(i, "*" | "any");
    let (addrs, extras) = if verbose {
        match rest {
            [_, _, _, inp, outp, src, dst, extras @ ..] if any_if(inp) && any_if(outp) => ((*src, *dst), extras),
            _ => return false,
        }
    } else {
        match rest {
            [_, _, _, src, dst, extras @ ..] => ((*src, *dst), extras),
            _ => return false,
        }
    };
    if !(any_addr(addrs.0) && any_addr(addrs.1)) {
        return false;
    }
    let mut in_comment = false;
    extras.iter().all(|e| {
        if e.starts_with("/*") {
            in_comment = !e.ends_with("*/");
            return true;
        }
        if in_comment {
            in_comment = !e.ends_with("*/");
            return true;
        }
        e.starts_with("reject-with") || e.starts_with("icmp-") || e.starts_with("tcp-reset")
    })
}

fn decide_iptables(rec: &mut Recognition, block: Option<(usize, Range<usize>)>, catch_all: Option<(usize, Range<usize>)>, allow: bool, policy_drop: bool, chain_span: Range<usize>) {
    if let Some((num, span)) = block {
        rec.fact("rule_number", num.to_string(), span.clone());
        rec.finding(
            "iptables-blocks-10250",
            Effect::Confirms,
            format!("Rule {num} of the chain drops TCP traffic to port 10250."),
            vec![chain_span, span],
        );
    } else if let Some((num, span)) = catch_all {
        rec.fact("rule_number", num.to_string(), span.clone());
        rec.finding(
            "iptables-blocks-10250",
            Effect::Supports,
            format!("Rule {num} drops or rejects every packet not accepted above it, and no rule above it accepts port 10250."),
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
