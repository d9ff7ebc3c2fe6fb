//! Structured mixes of real fragments (errors, command outputs, quoting
//! layers, redactions) cut and joined at arbitrary places, in several blocks:
//! the engine never panics and its evidence always points inside the input.
#![no_main]

use aks_triage::{Engine, Query};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(aks_triage::builtin_model().expect("built-in model")).expect("engine"));

/// Pieces of real pastes the engine has opinions about.
const FRAGMENTS: &[&str] = &[
    "Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout\n",
    "Unable to connect to the server: dial tcp 20.1.2.3:443: i/o timeout\n",
    "Get \"https://aks-nodepool1-12345678-vmss000001:10250/containerLogs/default/web/web\": dial tcp 10.240.0.5:10250: ",
    "{\"log\":\"failed calling webhook \\\"validation.gatekeeper.sh\\\": Post \\\"https://gk.svc:443/v1?timeout=3s\\\": context deadline exceeded\"}\n",
    "Status: active\n\nTo                         Action      From\n--                         ------      ----\n10250/tcp                  DENY        Anywhere\n",
    "Chain INPUT (policy DROP)\nnum  target     prot opt source               destination\n1    REJECT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:10250\n",
    "-A INPUT -j REJECT --reject-with icmp-host-prohibited\n",
    "NAME                                  READY   STATUS             RESTARTS   AGE\nkonnectivity-agent-5c7b8d9f4-abcde    0/1     CrashLoopBackOff   12         1h\n",
    "\"authorizedIpRanges\": [\n  \"40.112.0.0/16\",\n  \"x.x.x.x/32\"\n],\n\"enablePrivateCluster\": false,\n",
    "REVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\tDESCRIPTION\n101\tTue Oct 25 2022\tdeployed\tapp-1.0\t1.0\tUpgrade complete\n",
    "nc: connect to 10.240.0.4 port 10250 (tcp) timed out: Operation now in progress\n",
    "{\"value\": [{\"code\": \"ProvisioningState/succeeded\", \"message\": \"Enable succeeded: \\n[stdout]\\nStatus: inactive\\n\\n[stderr]\\n\"}]}\n",
    "etcdserver: mvcc: database space exceeded\n",
    "│ Kubernetes cluster unreachable: Get\n│ \"https://x.hcp.eastus.azmk8s.io/version\": dial tcp 1.2.3.4:443: i/o timeout\n",
    "apiserver_storage_size_bytes{storage_cluster_id=\"x\"} 4.1e+09\n",
    "\u{1b}[31merror\u{1b}[0m: &quot;x&quot; \\u0026 <node-ip> ***** …\n",
    "Endpoints:         <none>\n",
    "I0308 10:34:32.790504   26486 request.go:836] Response Body: ",
];

#[derive(Arbitrary, Debug)]
struct Paste {
    /// (fragment index, cut start, cut end, noise appended) per piece.
    pieces: Vec<(u8, u16, u16, String)>,
    /// Where to split the joined text into separate blocks.
    splits: Vec<u16>,
}

fuzz_target!(|paste: Paste| {
    let mut text = String::new();
    for (i, a, b, noise) in paste.pieces.iter().take(24) {
        let f = FRAGMENTS[*i as usize % FRAGMENTS.len()];
        let (mut a, mut b) = ((*a as usize) % (f.len() + 1), (*b as usize) % (f.len() + 1));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        while !f.is_char_boundary(a) {
            a -= 1;
        }
        while !f.is_char_boundary(b) {
            b += 1;
        }
        text.push_str(&f[a..b]);
        text.push_str(noise);
    }
    let mut inputs = Vec::new();
    let mut rest = text.as_str();
    for s in paste.splits.iter().take(4) {
        let mut at = (*s as usize) % (rest.len() + 1);
        while !rest.is_char_boundary(at) {
            at -= 1;
        }
        inputs.push(rest[..at].to_string());
        rest = &rest[at..];
    }
    inputs.push(rest.to_string());
    let query = Query { inputs: inputs.clone(), ..Default::default() };
    if let Ok(d) = ENGINE.diagnose(&query) {
        let spans = d.symptoms.iter().flat_map(|s| &s.evidence).chain(d.causes.iter().flat_map(|c| &c.evidence)).chain(d.blocks.iter().map(|b| &b.evidence));
        for e in spans {
            let input = &inputs[e.input];
            assert!(e.start <= e.end && e.end <= input.len() && input.is_char_boundary(e.start) && input.is_char_boundary(e.end), "bad evidence {e:?}");
        }
    }
});
