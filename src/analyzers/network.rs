//! Reachability tests: `nc -v` / `telnet` results, `kubectl aks
//! check-apiserver-connectivity`, the API server's authorized IP ranges, and
//! the JSON wrapper that `az vmss run-command invoke` puts around a node's
//! output.

use super::{lines, AnalyzerInfo, Context, Effect, Recognition};
use crate::pattern::Regex;
use std::net::Ipv4Addr;
use std::ops::Range;

/// `nc -v -w 2 <ip> <port>` and similar.
pub const NC: AnalyzerInfo = AnalyzerInfo {
    name: "nc",
    reads: "the result of `nc -v` (or telnet/ncat) from one node to another node or endpoint",
    concludes: &["nsg-blocks-10250", "iptables-blocks-10250", "egress-blocked", "tunnel-egress-ports", "node-apiserver-network-rule"],
    facts: &["target_ip"],
};

/// `kubectl aks check-apiserver-connectivity`.
pub const CHECK_APISERVER: AnalyzerInfo = AnalyzerInfo {
    name: "check-apiserver-connectivity",
    reads: "the output of `kubectl aks check-apiserver-connectivity --node <node>`",
    concludes: &["node-apiserver-network-rule"],
    facts: &[],
};

/// `az aks show --query apiServerAccessProfile.authorizedIpRanges` + the client's IP.
pub const AUTHORIZED_RANGES: AnalyzerInfo = AnalyzerInfo {
    name: "authorized-ranges",
    reads: "the authorized IP ranges from `az aks show` (JSON or tsv) together with your public IP (from `curl -s https://ifconfig.me` or the client_ip parameter); also `enablePrivateCluster` when the whole access profile is pasted",
    concludes: &["authorized-ip-ranges", "private-cluster-unreachable", "private-dns-forwarding"],
    facts: &["client_ip", "authorized_ranges"],
};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Succeeded,
    TimedOut,
    Refused,
}

/// Whether a probe target tells us about AKS: an IP address (a node, the API
/// server), the API server's name, or an endpoint AKS nodes must reach.
/// A probe of a public website (`nc -z google.com 443`) does not.
fn is_aks_endpoint(host: &str) -> bool {
    let h = host.trim_matches(|c| c == '[' || c == ']').to_ascii_lowercase();
    if h.parse::<std::net::IpAddr>().is_ok() || !h.contains('.') {
        return true;
    }
    const AKS_DOMAINS: &[&str] = &[
        "azmk8s.io", "mcr.microsoft.com", "data.mcr.microsoft.com", "management.azure.com", "login.microsoftonline.com",
        "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com", "kubernetes.default", "svc.cluster.local",
    ];
    AKS_DOMAINS.iter().any(|d| h == *d || h.ends_with(&format!(".{d}")))
}

/// Reads connection test results.
pub fn nc_results(text: &str, _ctx: &Context) -> Vec<Recognition> {
    let mut out = Vec::new();
    let patterns: [(Option<&Regex>, Outcome); 9] = [
        (cached!(r"Connection to (?P<host>[^\s]+)(?: \([^)\s]*\))? (?:port )?(?P<port>[0-9]+) (?:port )?\[tcp/[^\]]*\] succeeded"), Outcome::Succeeded),
        (cached!(r"(?:nc|netcat): connect to (?P<host>[^\s]+)(?: \([^)\s]*\))? port (?P<port>[0-9]+) \([a-z]+\) timed out"), Outcome::TimedOut),
        (cached!(r"(?:nc|netcat): connect to (?P<host>[^\s]+)(?: \([^)\s]*\))? port (?P<port>[0-9]+) \([a-z]+\) failed: Connection refused"), Outcome::Refused),
        (cached!(r"nc: (?P<host>[^\s]+) \([^)]*:(?P<port>[0-9]+)\): Connection timed out"), Outcome::TimedOut),
        (cached!(r"nc: (?P<host>[^\s]+) \([^)]*:(?P<port>[0-9]+)\): Connection refused"), Outcome::Refused),
        (cached!(r"Ncat: Connected to (?P<host>[^\s:]+):(?P<port>[0-9]+)"), Outcome::Succeeded),
        (cached!(r"(?:nc|netcat): connect to (?P<host>[^\s]+)(?: \([^)\s]*\))? port (?P<port>[0-9]+) \([a-z]+\) failed: (?:No route to host|Network is unreachable|Connection timed out)"), Outcome::TimedOut),
        // busybox nc -v: "10.240.0.5 (10.240.0.5:10250) open"
        (cached!(r"(?m)^[ \t]*(?P<host>[^\s(]+) \([^)\s]*:(?P<port>[0-9]+)\) open"), Outcome::Succeeded),
        (cached!(r"telnet: connect to address (?P<host>[^\s:]+): Connection timed out(?P<port>)"), Outcome::TimedOut),
    ];
    for (re, outcome) in patterns {
        let Some(re) = re else { continue };
        for caps in re.captures_iter(text) {
            let (Some(all), Some(host), Some(port)) = (caps.get(0), caps.name("host"), caps.name("port")) else { continue };
            let port: u32 = port.as_str().parse().unwrap_or(0);
            let span = all.range();
            let label = match outcome {
                Outcome::Succeeded => "nc: connection succeeded",
                Outcome::TimedOut => "nc: connection timed out",
                Outcome::Refused => "nc: connection refused",
            };
            let mut rec = Recognition::new("nc", label, span.clone());
            rec.fact("target_ip", host.as_str(), host.range());
            let h = host.as_str();
            match (port, outcome) {
                (10250, Outcome::Succeeded) => {
                    rec.finding("nsg-blocks-10250", Effect::RulesOut, format!("A node reached {h}:10250, so no NSG rule blocks it on that path."), vec![span.clone()]);
                    rec.finding("iptables-blocks-10250", Effect::RulesOut, format!("{h} accepted a connection on port 10250."), vec![span.clone()]);
                }
                (10250, Outcome::TimedOut) => {
                    rec.finding("nsg-blocks-10250", Effect::Supports, format!("The connection to {h}:10250 timed out: packets are dropped on the way (an NSG rule, or a firewall on that node)."), vec![span.clone()]);
                }
                (10250, Outcome::Refused) => {
                    rec.finding("nsg-blocks-10250", Effect::RulesOut, format!("{h} answered on port 10250 (refused), so the NSG lets the traffic through."), vec![span.clone()]);
                    rec.finding("iptables-blocks-10250", Effect::Supports, format!("{h} actively refused port 10250: an iptables REJECT rule, or kubelet is not listening."), vec![span.clone()]);
                }
                (9000 | 1194, Outcome::Succeeded) => {
                    rec.finding("tunnel-egress-ports", Effect::RulesOut, format!("Egress to {h}:{port} works."), vec![span.clone()]);
                }
                (9000 | 1194, _) => {
                    rec.finding("tunnel-egress-ports", Effect::Confirms, format!("Egress to {h}:{port} (the legacy tunnel port) fails."), vec![span.clone()]);
                }
                (443, _) if !is_aks_endpoint(h) => {
                    rec.finding("egress-blocked", Effect::NoConclusion, format!("{h} is not an AKS endpoint (the API server, a node, or an address AKS needs), so this probe says nothing about the cluster's egress."), vec![span.clone()]);
                }
                (443, Outcome::Succeeded) => {
                    rec.finding("egress-blocked", Effect::RulesOut, format!("The node reached {h}:443."), vec![span.clone()]);
                    rec.finding("node-apiserver-network-rule", Effect::RulesOut, format!("The node reached {h}:443."), vec![span.clone()]);
                }
                (443, _) => {
                    rec.finding("egress-blocked", Effect::Supports, format!("The node could not open {h}:443."), vec![span.clone()]);
                    rec.finding("node-apiserver-network-rule", Effect::Supports, format!("The node could not open {h}:443."), vec![span.clone()]);
                }
                _ => continue,
            }
            out.push(rec);
        }
    }
    out
}

/// Reads `Connectivity check: succeeded|failed` from kubectl-aks.
pub fn check_apiserver_connectivity(text: &str) -> Vec<Recognition> {
    let Some(re) = cached!(r"(?i)connectivity check: ?(?P<result>succeeded|success|failed|failure)[^\n]*") else { return Vec::new() };
    re.captures_iter(text)
        .filter_map(|caps| {
            let all = caps.get(0)?;
            let ok = caps.name("result")?.as_str().to_ascii_lowercase().starts_with("succe");
            let mut rec = Recognition::new("check-apiserver-connectivity", "kubectl aks check-apiserver-connectivity output", all.range());
            if ok {
                rec.finding("node-apiserver-network-rule", Effect::RulesOut, "The node can reach the API server: no network rule blocks it.", vec![all.range()]);
            } else {
                rec.finding("node-apiserver-network-rule", Effect::Confirms, "The connectivity check from the node to the API server failed.", vec![all.range()]);
            }
            Some(rec)
        })
        .collect()
}

/// An IPv4 CIDR block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// Network address.
    pub addr: Ipv4Addr,
    /// Prefix length (0–32).
    pub prefix: u8,
}

impl Cidr {
    /// Parses `a.b.c.d/n` or a bare address (a /32).
    pub fn parse(s: &str) -> Option<Cidr> {
        let (a, p) = s.trim().split_once('/').unwrap_or((s.trim(), "32"));
        let addr: Ipv4Addr = a.parse().ok()?;
        let prefix: u8 = p.parse().ok().filter(|p| *p <= 32)?;
        Some(Cidr { addr, prefix })
    }

    /// Whether `ip` lies in this block.
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let mask = if self.prefix == 0 { 0 } else { u32::MAX << (32 - u32::from(self.prefix)) };
        (u32::from(self.addr) & mask) == (u32::from(ip) & mask)
    }
}

/// One authorized range: the block, its text, and where it was read.
type AuthorizedRange = (Cidr, String, Range<usize>);

/// Reads the authorized IP ranges and decides whether the client is covered.
pub fn authorized_ranges(text: &str, ctx: &Context) -> Vec<Recognition> {
    let mut out = Vec::new();
    let list_re = cached!(r#"(?:"authorizedIpRanges"\s*:\s*)?\[\s*"[0-9.]+(?:/[0-9]+)?"(?:\s*,\s*"[0-9.]+(?:/[0-9]+)?")*\s*,?\s*\]"#);
    let empty_re = cached!(r#"(?:"authorizedIpRanges"\s*:\s*(?:null|\[\s*\]))|(?:apiServerAccessProfile\.authorizedIpRanges[^\n]*\n\s*(?:null|\[\s*\])\s*(?:\n|$))"#);
    let item_re = cached!(r#""([0-9.]+(?:/[0-9]+)?)""#);
    if let Some(re) = empty_re {
        for m in re.find_iter(text) {
            let mut rec = Recognition::new("authorized-ranges", "authorized IP ranges (none)", m.range());
            rec.finding(
                "authorized-ip-ranges",
                Effect::RulesOut,
                "The cluster has no authorized IP ranges, so the API server accepts every client address.",
                vec![m.range()],
            );
            out.push(rec);
        }
    }
    if let Some(re) = cached!(r#""enablePrivateCluster"\s*:\s*(?P<v>true|false)"#) {
        for c in re.captures_iter(text) {
            let (Some(all), Some(v)) = (c.get(0), c.name("v")) else { continue };
            let mut rec = Recognition::new("authorized-ranges", "API server access profile", all.range());
            if v.as_str() == "true" {
                rec.finding("private-cluster-unreachable", Effect::Supports, "The cluster is private: its API server has no public address, so the client must be in (or peered with) its network.", vec![all.range()]);
            } else {
                rec.finding("private-cluster-unreachable", Effect::RulesOut, "The cluster is not private.", vec![all.range()]);
                rec.finding("private-dns-forwarding", Effect::RulesOut, "The cluster is not private, so no private DNS zone is involved.", vec![all.range()]);
            }
            out.push(rec);
        }
    }
    let (Some(list_re), Some(item_re)) = (list_re, item_re) else { return out };
    let client = client_ip(text, ctx);
    // JSON lists, and tsv output: a line holding only CIDR blocks.
    let mut lists: Vec<(Range<usize>, Vec<AuthorizedRange>)> = Vec::new();
    for m in list_re.find_iter(text) {
        let mut ranges = Vec::new();
        for c in item_re.captures_iter(m.as_str()) {
            let Some(g) = c.get(1) else { continue };
            if let Some(cidr) = Cidr::parse(g.as_str()) {
                ranges.push((cidr, g.as_str().to_string(), m.start() + g.start()..m.start() + g.end()));
            }
        }
        lists.push((m.range(), ranges));
    }
    for (span, line) in lines(text) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() || !words.iter().all(|w| w.contains('/') && Cidr::parse(w).is_some()) || lists.iter().any(|(r, _)| r.start <= span.start && span.end <= r.end) {
            continue;
        }
        let mut ranges = Vec::new();
        let mut pos = 0;
        for w in words {
            let at = line[pos..].find(w).map_or(pos, |i| pos + i);
            pos = at + w.len();
            if let Some(cidr) = Cidr::parse(w) {
                ranges.push((cidr, w.to_string(), span.start + at..span.start + at + w.len()));
            }
        }
        lists.push((span, ranges));
    }
    for (list_span, ranges) in lists {
        if ranges.is_empty() {
            continue;
        }
        let mut rec = Recognition::new("authorized-ranges", "authorized IP ranges", list_span.clone());
        match &client {
            None => rec.finding(
                "authorized-ip-ranges",
                Effect::NoConclusion,
                format!("Authorized IP ranges are on ({} ranges); paste your public IP (curl -s https://ifconfig.me) or set client_ip to check it.", ranges.len()),
                vec![list_span.clone()],
            ),
            Some((ip, ip_span)) => {
                if let Some(idx) = ranges.iter().position(|(c, _, _)| c.contains(*ip)) {
                    let mut ev = vec![ranges[idx].2.clone()];
                    ev.extend(ip_span.clone());
                    rec.finding("authorized-ip-ranges", Effect::RulesOut, format!("Your IP {ip} is inside the authorized range {}.", ranges[idx].1), ev);
                } else {
                    let mut list: Vec<String> = ranges.iter().map(|r| r.1.clone()).collect();
                    list.push(format!("{ip}/32"));
                    rec.fact("authorized_ranges", list.join(","), list_span.clone());
                    let mut ev = vec![list_span.clone()];
                    ev.extend(ip_span.clone());
                    rec.finding(
                        "authorized-ip-ranges",
                        Effect::Confirms,
                        format!("Your IP {ip} is in none of the {} authorized ranges, so the API server drops your connection.", ranges.len()),
                        ev,
                    );
                }
                rec.fact("client_ip", ip.to_string(), ip_span.clone().unwrap_or(list_span.clone()));
            }
        }
        out.push(rec);
    }
    out
}

/// The client's public IP: the `client_ip` parameter, a line of text that is
/// only an IPv4 address (what `curl ifconfig.me` prints), or "my IP is …".
fn client_ip(text: &str, ctx: &Context) -> Option<(Ipv4Addr, Option<Range<usize>>)> {
    if let Some(v) = ctx.params.get("client_ip") {
        if let Ok(ip) = v.trim().parse() {
            return Some((ip, None));
        }
    }
    if let Some(re) = cached!(r"(?i)(?:my (?:public )?ip(?: address)?(?: is)?|client[ _-]?ip(?: address)?|public ip(?: address)?|ifconfig\.me[^\n]*\n)\s*[:=]?\s*(?P<ip>[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})") {
        if let Some(c) = re.captures(text) {
            if let Some(g) = c.name("ip") {
                if let Ok(ip) = g.as_str().parse() {
                    return Some((ip, Some(g.range())));
                }
            }
        }
    }
    // A line holding only an address counts when it follows a what-is-my-IP
    // command (curl ifconfig.me, ipify, …), or when no command is shown at
    // all; after `dig` or `nslookup` it is a DNS answer, not the client.
    let mut previous = "";
    for (span, line) in lines(text) {
        let t = line.trim().trim_end_matches('%');
        if let Ok(ip) = t.parse::<Ipv4Addr>() {
            let p = previous.to_ascii_lowercase();
            let asked = ["ifconfig", "ipify", "icanhazip", "ipinfo", "myip", "checkip", "whatismyip", "my ip"].iter().any(|k| p.contains(k));
            let dns = ["dig ", "nslookup", "host ", "getent", "resolve-dnsname"].iter().any(|k| p.contains(k));
            let command = p.trim_start().starts_with('$') || p.contains("> ") || dns;
            if asked || (!command && !dns) {
                let lead = line.len() - line.trim_start().len();
                return Some((ip, Some(span.start + lead..span.start + lead + t.len())));
            }
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
    None
}

/// Finds `"message": "…"` JSON strings that contain line breaks (the
/// `az vmss run-command invoke` wrapper) and decodes them, with a map from each
/// decoded byte to its source offset.
///
/// Written by hand because a JSON library gives the value but not where each
/// character came from, and the evidence must point into the user's own paste.
pub fn run_command_messages(text: &str) -> Vec<(String, Vec<u32>)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut search = 0;
    while let Some(pos) = text[search..].find("\"message\"") {
        let mut i = search + pos + "\"message\"".len();
        search = i;
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b':' || bytes[i] == b'\t') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'"' {
            continue;
        }
        i += 1;
        let mut decoded = String::new();
        let mut map = Vec::new();
        let mut closed = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'"' {
                closed = true;
                break;
            }
            if b == b'\\' && i + 1 < bytes.len() {
                let esc = bytes[i + 1];
                let ch = match esc {
                    b'n' => Some('\n'),
                    b't' => Some('\t'),
                    b'r' => Some('\r'),
                    b'"' => Some('"'),
                    b'\\' => Some('\\'),
                    b'/' => Some('/'),
                    b'b' | b'f' => Some(' '),
                    b'u' => text.get(i + 2..i + 6).and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32),
                    _ => None,
                };
                let width = if esc == b'u' { 6 } else { 2 };
                if let Some(ch) = ch {
                    let mut buf = [0u8; 4];
                    for _ in 0..ch.encode_utf8(&mut buf).len() {
                        map.push(i as u32);
                    }
                    decoded.push(ch);
                }
                i += width;
                continue;
            }
            let ch = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            for k in 0..ch.len_utf8() {
                map.push((i + k) as u32);
            }
            decoded.push(ch);
            i += ch.len_utf8();
        }
        search = i.min(text.len());
        if closed && decoded.contains('\n') {
            out.push((decoded, map));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_membership() {
        let c = Cidr::parse("73.140.245.0/24").unwrap();
        assert!(c.contains("73.140.245.17".parse().unwrap()));
        assert!(!c.contains("73.140.246.1".parse().unwrap()));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
        assert!(Cidr::parse("1.2.3.4/33").is_none());
    }

    #[test]
    fn decodes_run_command_json_with_offsets() {
        let text = r#"{"value":[{"message":"Enable succeeded: \n[stdout]\nStatus: active\n"}]}"#;
        let msgs = run_command_messages(text);
        assert_eq!(msgs.len(), 1);
        let (decoded, map) = &msgs[0];
        let at = decoded.find("Status").unwrap();
        assert_eq!(&text[map[at] as usize..map[at] as usize + 6], "Status");
    }
}
