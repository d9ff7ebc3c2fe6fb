//! Cluster state from `kubectl`: kube-system pods (`-o wide`), `kubectl top
//! node`, OOM-kill events, the konnectivity autoscaler ladder, and endpoints.

use super::table::{find_tables, Row, Table};
use super::{lines, AnalyzerInfo, Context, Effect, Recognition};
use std::ops::Range;

/// `kubectl get pods -n kube-system -o wide`.
pub const KUBE_SYSTEM_PODS: AnalyzerInfo = AnalyzerInfo {
    name: "kube-system-pods",
    reads: "the output of `kubectl get pods -n kube-system -o wide`",
    concludes: &["tunnel-pods-unhealthy", "konnectivity-scale"],
    facts: &["tunnel_node", "konnectivity_replicas"],
};

/// `kubectl top node`.
pub const TOP_NODE: AnalyzerInfo = AnalyzerInfo {
    name: "top-node",
    reads: "the output of `kubectl top node`",
    concludes: &["tunnel-pods-unhealthy"],
    facts: &["stressed_node"],
};

/// `kubectl get events -A | grep -i oomkill`.
pub const OOM_EVENTS: AnalyzerInfo = AnalyzerInfo {
    name: "oom-events",
    reads: "OOM-kill lines from `kubectl get events --all-namespaces`",
    concludes: &["konnectivity-scale"],
    facts: &[],
};

/// The `konnectivity-agent-autoscaler` ConfigMap ladder.
pub const CPA_LADDER: AnalyzerInfo = AnalyzerInfo {
    name: "cpa-ladder",
    reads: "the `nodesToReplicas` ladder of the konnectivity-agent-autoscaler ConfigMap, with the node count",
    concludes: &["konnectivity-scale"],
    facts: &["expected_replicas", "node_count"],
};

/// `kubectl get endpoints`.
pub const ENDPOINTS: AnalyzerInfo = AnalyzerInfo {
    name: "endpoints",
    reads: "the output of `kubectl get endpoints <service>`",
    concludes: &["service-selector-mismatch"],
    facts: &["service_name"],
};

const TUNNEL_PREFIXES: [&str; 4] = ["konnectivity-agent-", "tunnelfront-", "aks-link-", "tunnel-front-"];

fn is_tunnel_pod(name: &str) -> bool {
    TUNNEL_PREFIXES.iter().any(|p| name.starts_with(p)) && !name.starts_with("konnectivity-agent-autoscaler")
}

/// A tunnel pod row as read from a pods table.
struct TunnelPod {
    name: String,
    status: String,
    ready: Option<(u32, u32)>,
    restarts: u32,
    node: Option<String>,
    row: Range<usize>,
}

fn tunnel_pods(table: &Table) -> Vec<TunnelPod> {
    table
        .rows
        .iter()
        .filter_map(|row: &Row| {
            // `kubectl get all` names pods `pod/<name>`.
            let name = table.cell(row, "NAME")?.text.trim_start_matches("pod/").to_string();
            if !is_tunnel_pod(&name) {
                return None;
            }
            let status = table.cell(row, "STATUS").map(|c| c.text.clone()).unwrap_or_default();
            let ready = table.cell(row, "READY").and_then(|c| {
                let (a, b) = c.text.split_once('/')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            });
            let restarts = table
                .cell(row, "RESTARTS")
                .and_then(|c| c.text.split_whitespace().next()?.parse().ok())
                .unwrap_or(0);
            let node = table.cell(row, "NODE").map(|c| c.text.clone()).filter(|n| n != "<none>");
            Some(TunnelPod { name, status, ready, restarts, node, row: row.span.clone() })
        })
        .collect()
}

fn pod_tables(text: &str) -> Vec<Table> {
    find_tables(text, &["NAME", "READY", "STATUS"])
}

/// Nodes that host a tunnel pod, as read from any pods table in `text`.
fn tunnel_nodes(text: &str) -> Vec<String> {
    let mut nodes: Vec<String> = pod_tables(text).iter().flat_map(tunnel_pods).filter_map(|p| p.node).collect();
    nodes.sort();
    nodes.dedup();
    nodes
}

/// Node names whose INTERNAL-IP is `ip`, from `kubectl get nodes -o wide`.
fn nodes_with_ip(text: &str, ip: &str) -> Vec<String> {
    find_tables(text, &["NAME", "INTERNAL-IP"])
        .iter()
        .flat_map(|t| {
            t.rows
                .iter()
                .filter(|r| t.cell(r, "INTERNAL-IP").is_some_and(|c| c.text == ip))
                .filter_map(|r| t.cell(r, "NAME").map(|c| c.text.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Reads tunnel pod health from kube-system pod listings.
pub fn kube_system_pods(text: &str, ctx: &Context) -> Vec<Recognition> {
    let mut out = Vec::new();
    // The node the user's error names, by name or by IP through a nodes table.
    let mut error_nodes: Vec<String> = ctx.extracted.get("node_name").into_iter().cloned().collect();
    if let Some(ip) = ctx.extracted.get("node_ip") {
        error_nodes.extend(nodes_with_ip(text, ip));
    }
    for table in pod_tables(text) {
        let pods = tunnel_pods(&table);
        if pods.is_empty() {
            continue;
        }
        let mut rec = Recognition::new("kube-system-pods", "kubectl get pods -n kube-system output", table.span());
        let running: Vec<&TunnelPod> = pods.iter().filter(|p| p.status == "Running").collect();
        let agents = pods.iter().filter(|p| p.name.starts_with("konnectivity-agent-") && p.status == "Running").count();
        if agents > 0 {
            rec.fact("konnectivity_replicas", agents.to_string(), table.span());
        }
        if let Some(node) = pods.iter().find_map(|p| p.node.clone()) {
            let span = pods.iter().find(|p| p.node.is_some()).map_or(table.span(), |p| p.row.clone());
            rec.fact("tunnel_node", node, span);
        }
        let broken: Vec<&TunnelPod> = pods
            .iter()
            .filter(|p| p.status != "Running" || p.ready.is_some_and(|(a, b)| a < b))
            .collect();
        let restarting: Vec<&TunnelPod> = running.iter().copied().filter(|p| p.restarts >= 5).collect();
        let oom: Vec<&TunnelPod> = pods.iter().filter(|p| p.status.contains("OOMKilled")).collect();
        if !broken.is_empty() {
            let states: Vec<String> = broken.iter().map(|p| format!("{} ({})", p.name, p.status)).collect();
            let mut reason = format!("Tunnel pod(s) not running or not ready: {}.", states.join(", "));
            if broken.iter().any(|p| p.node.as_ref().is_some_and(|n| error_nodes.contains(n))) {
                reason.push_str(" One of them runs on the node named in your error.");
            }
            rec.finding("tunnel-pods-unhealthy", Effect::Confirms, reason, broken.iter().map(|p| p.row.clone()).collect());
            for p in &broken {
                rec.symptoms.push(("tunnel-pods-not-running", p.row.clone()));
            }
        } else if !restarting.is_empty() {
            rec.finding(
                "tunnel-pods-unhealthy",
                Effect::Supports,
                format!("Tunnel pods are running but restart often ({} restarts).", restarting.iter().map(|p| p.restarts).max().unwrap_or(0)),
                restarting.iter().map(|p| p.row.clone()).collect(),
            );
        } else if pods.iter().filter_map(|p| p.node.as_ref()).any(|n| stressed_nodes(text).contains(n)) {
            rec.finding(
                "tunnel-pods-unhealthy",
                Effect::NoConclusion,
                "The tunnel pods are Running, but one runs on a node under heavy load (see kubectl top node).",
                pods.iter().map(|p| p.row.clone()).collect(),
            );
        } else {
            let mut reason = format!("All {} tunnel pod(s) are Running and ready.", pods.len());
            let hosts: Vec<&String> = pods.iter().filter_map(|p| p.node.as_ref()).collect();
            if !error_nodes.is_empty() && !hosts.iter().any(|h| error_nodes.contains(h)) {
                reason.push_str(" The node in your error hosts none of them, which fits traffic to port 10250 being blocked between nodes.");
            }
            rec.finding("tunnel-pods-unhealthy", Effect::RulesOut, reason, pods.iter().map(|p| p.row.clone()).collect());
        }
        if !oom.is_empty() {
            rec.finding(
                "konnectivity-scale",
                Effect::Supports,
                "A tunnel pod was OOM-killed: the agents lack memory or replicas for the cluster's size.",
                oom.iter().map(|p| p.row.clone()).collect(),
            );
        }
        out.push(rec);
    }
    out
}

/// The share of CPU or memory at which a node counts as under stress.
const STRESSED_PERCENT: u32 = 80;

/// Each node of a `kubectl top node` table: name, CPU %, memory %, row span.
fn node_loads(table: &Table) -> Vec<(String, u32, u32, Range<usize>)> {
    table
        .rows
        .iter()
        .map(|row| {
            let name = table.cell(row, "NAME").map(|c| c.text.clone()).unwrap_or_default();
            let cpu = table.cell(row, "CPU%").and_then(|c| percent(&c.text)).unwrap_or(0);
            let mem = table.cell(row, "MEMORY%").and_then(|c| percent(&c.text)).unwrap_or(0);
            (name, cpu, mem, row.span.clone())
        })
        .collect()
}

/// Nodes at [`STRESSED_PERCENT`] CPU or memory or more, from any `kubectl top node` table.
fn stressed_nodes(text: &str) -> Vec<String> {
    find_tables(text, &["NAME", "CPU%", "MEMORY%"])
        .iter()
        .flat_map(node_loads)
        .filter(|(_, cpu, mem, _)| *cpu >= STRESSED_PERCENT || *mem >= STRESSED_PERCENT)
        .map(|(name, ..)| name)
        .collect()
}

fn percent(cell: &str) -> Option<u32> {
    cell.trim_end_matches('%').parse().ok()
}

/// Reads `kubectl top node` and flags stressed nodes.
pub fn top_nodes(text: &str, _ctx: &Context) -> Vec<Recognition> {
    let hosts = tunnel_nodes(text);
    let mut out = Vec::new();
    for table in find_tables(text, &["NAME", "CPU%", "MEMORY%"]) {
        // Older kubectl prints CPU%, newer CPU(%); both are found.
        if table.rows.is_empty() {
            continue;
        }
        let mut rec = Recognition::new("top-node", "kubectl top node output", table.span());
        let stressed: Vec<_> = node_loads(&table).into_iter().filter(|(_, cpu, mem, _)| *cpu >= STRESSED_PERCENT || *mem >= STRESSED_PERCENT).collect();
        let on_tunnel: Vec<&(String, u32, u32, Range<usize>)> = stressed.iter().filter(|s| hosts.contains(&s.0)).collect();
        if let Some(first) = stressed.first() {
            rec.fact("stressed_node", first.0.clone(), first.3.clone());
        }
        if !on_tunnel.is_empty() {
            // The article's first cause includes a tunnel pod whose host is overloaded.
            let s = on_tunnel[0];
            let effect = if s.1 >= 90 || s.2 >= 90 { Effect::Confirms } else { Effect::Supports };
            rec.finding(
                "tunnel-pods-unhealthy",
                effect,
                format!("Node {} hosts a tunnel pod and is at {}% CPU / {}% memory: the tunnel starves there.", s.0, s.1, s.2),
                on_tunnel.iter().map(|s| s.3.clone()).collect(),
            );
        } else if !stressed.is_empty() {
            let names: Vec<&str> = stressed.iter().map(|s| s.0.as_str()).collect();
            let reason = if hosts.is_empty() {
                format!("Stressed node(s): {}. Paste `kubectl get pods -n kube-system -o wide` to see whether they host the tunnel pods.", names.join(", "))
            } else {
                format!("Stressed node(s) {} do not host tunnel pods.", names.join(", "))
            };
            rec.finding("tunnel-pods-unhealthy", Effect::NoConclusion, reason, stressed.iter().map(|s| s.3.clone()).collect());
        } else {
            rec.finding("tunnel-pods-unhealthy", Effect::NoConclusion, "No node is above 80% CPU or memory.", vec![table.span()]);
        }
        out.push(rec);
    }
    out
}

/// Reads OOM-kill event lines.
pub fn oom_events(text: &str) -> Vec<Recognition> {
    let mut konn = Vec::new();
    let mut other = Vec::new();
    for (span, line) in lines(text) {
        let lower = line.to_ascii_lowercase();
        if !(lower.contains("oomkilling") || lower.contains("oomkilled") || lower.contains("oom-kill") || lower.contains("out of memory: killed process")) {
            continue;
        }
        if lower.contains("konnectivity") || lower.contains("proxy-agent") || lower.contains("tunnelfront") {
            konn.push(span);
        } else {
            other.push(span);
        }
    }
    if konn.is_empty() && other.is_empty() {
        return Vec::new();
    }
    let all: Vec<Range<usize>> = konn.iter().chain(other.iter()).cloned().collect();
    let whole = all.iter().map(|r| r.start).min().unwrap_or(0)..all.iter().map(|r| r.end).max().unwrap_or(0);
    let mut rec = Recognition::new("oom-events", "OOM-kill events", whole);
    if !konn.is_empty() {
        rec.finding(
            "konnectivity-scale",
            Effect::Confirms,
            format!("{} OOM kill(s) hit the konnectivity agent: it needs more memory or more replicas.", konn.len()),
            konn,
        );
    } else {
        rec.finding(
            "konnectivity-scale",
            Effect::NoConclusion,
            format!("{} OOM kill(s), none of them of the konnectivity agent.", other.len()),
            other,
        );
    }
    vec![rec]
}

/// The AKS default ladder, for comparison with a customised one.
const DEFAULT_LADDER: [(u32, u32); 6] = [(1, 2), (100, 3), (250, 4), (500, 5), (1000, 6), (5000, 10)];

/// Replicas a ladder asks for at `nodes` nodes.
pub fn ladder_replicas(ladder: &[(u32, u32)], nodes: u32) -> u32 {
    ladder.iter().filter(|(n, _)| *n <= nodes).map(|(_, r)| *r).next_back().unwrap_or(ladder.first().map_or(1, |l| l.1))
}

/// Reads the `nodesToReplicas` ladder and compares it with the cluster.
pub fn cpa_ladder(text: &str, ctx: &Context) -> Vec<Recognition> {
    let (Some(block_re), Some(pair_re)) = (
        cached!(r#"nodesToReplicas\\?"?\s*:\s*\[(?P<body>(?:\s*\[\s*[0-9]+\s*,\s*[0-9]+\s*\]\s*,?)+)\s*\]"#),
        cached!(r"\[\s*([0-9]+)\s*,\s*([0-9]+)\s*\]"),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for caps in block_re.captures_iter(text) {
        let (Some(all), Some(body)) = (caps.get(0), caps.name("body")) else { continue };
        let mut ladder: Vec<(u32, u32)> = pair_re
            .captures_iter(body.as_str())
            .filter_map(|c| Some((c.get(1)?.as_str().parse().ok()?, c.get(2)?.as_str().parse().ok()?)))
            .collect();
        ladder.sort();
        if ladder.is_empty() {
            continue;
        }
        let mut rec = Recognition::new("cpa-ladder", "konnectivity autoscaler ladder", all.range());
        let node_count = ctx
            .params
            .get("node_count")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .or_else(|| {
                let rows: usize = find_tables(text, &["NAME", "STATUS", "ROLES"]).iter().map(|t| t.rows.len()).sum();
                (rows > 0).then_some(rows as u32)
            });
        let replicas = ctx.params.get("konnectivity_replicas").and_then(|v| v.trim().parse::<u32>().ok()).or_else(|| {
            let n = pod_tables(text).iter().flat_map(tunnel_pods).filter(|p| p.name.starts_with("konnectivity-agent-") && p.status == "Running").count();
            (n > 0).then_some(n as u32)
        });
        match node_count {
            None => rec.finding(
                "konnectivity-scale",
                Effect::NoConclusion,
                "Ladder read; paste `kubectl get nodes` or set node_count to compare it with the cluster.",
                vec![all.range()],
            ),
            Some(nodes) => {
                let expected = ladder_replicas(&ladder, nodes);
                let default = ladder_replicas(&DEFAULT_LADDER, nodes);
                rec.fact("node_count", nodes.to_string(), all.range());
                rec.fact("expected_replicas", expected.to_string(), all.range());
                match replicas {
                    Some(actual) if actual < expected => rec.finding(
                        "konnectivity-scale",
                        Effect::Confirms,
                        format!("At {nodes} nodes the ladder asks for {expected} konnectivity-agent replicas but only {actual} run."),
                        vec![all.range()],
                    ),
                    _ if expected < default => rec.finding(
                        "konnectivity-scale",
                        Effect::Supports,
                        format!("At {nodes} nodes this ladder gives {expected} replicas, fewer than the AKS default of {default}."),
                        vec![all.range()],
                    ),
                    Some(actual) => rec.finding(
                        "konnectivity-scale",
                        Effect::RulesOut,
                        format!("At {nodes} nodes the ladder asks for {expected} replicas and {actual} run."),
                        vec![all.range()],
                    ),
                    None => rec.finding(
                        "konnectivity-scale",
                        Effect::NoConclusion,
                        format!("At {nodes} nodes the ladder asks for {expected} replicas; paste the kube-system pods to compare."),
                        vec![all.range()],
                    ),
                }
            }
        }
        out.push(rec);
    }
    out
}

/// Reads `kubectl get endpoints` tables.
pub fn endpoints(text: &str) -> Vec<Recognition> {
    let mut out = Vec::new();
    for table in find_tables(text, &["NAME", "ENDPOINTS"]) {
        if table.rows.is_empty() {
            continue;
        }
        let mut rec = Recognition::new("endpoints", "kubectl get endpoints output", table.span());
        let mut empty = Vec::new();
        let mut full = Vec::new();
        for row in &table.rows {
            let name = table.cell(row, "NAME").map(|c| c.text.clone()).unwrap_or_default();
            let eps = table.cell(row, "ENDPOINTS").map(|c| c.text.clone()).unwrap_or_default();
            // `<none>` (endpoints), `<unset>` (endpointslices) or a blank cell.
            if eps == "<none>" || eps == "<unset>" || eps.is_empty() {
                empty.push((name, row.span.clone()));
            } else {
                full.push((name, row.span.clone()));
            }
        }
        if let Some((name, span)) = empty.first() {
            rec.fact("service_name", name.clone(), span.clone());
            for (_, s) in &empty {
                rec.symptoms.push(("service-no-endpoints", s.clone()));
            }
            rec.finding(
                "service-selector-mismatch",
                Effect::Supports,
                format!("Service {name} has no endpoints: its selector matches no ready pod."),
                empty.iter().map(|e| e.1.clone()).collect(),
            );
        } else if let Some((name, span)) = full.first() {
            rec.fact("service_name", name.clone(), span.clone());
            rec.finding(
                "service-selector-mismatch",
                Effect::RulesOut,
                format!("Service {name} has endpoints, so its selector matches running pods."),
                full.iter().map(|e| e.1.clone()).collect(),
            );
        }
        out.push(rec);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_steps() {
        assert_eq!(ladder_replicas(&DEFAULT_LADDER, 1), 2);
        assert_eq!(ladder_replicas(&DEFAULT_LADDER, 99), 2);
        assert_eq!(ladder_replicas(&DEFAULT_LADDER, 100), 3);
        assert_eq!(ladder_replicas(&DEFAULT_LADDER, 6000), 10);
    }
}
