//! The command-output readers (tables, iptables chains, ufw, JSON wrappers,
//! authorized ranges, metrics) on arbitrary text: no panic, and every span
//! they report lies inside the text.
#![no_main]

use aks_triage::analyzers::{analyze_all, Context};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut ctx = Context::default();
    ctx.extracted.insert("node_ip".into(), "10.240.0.4".into());
    ctx.params.insert("client_ip".into(), "203.0.113.7".into());
    for r in analyze_all(text, &ctx) {
        assert!(r.span.start <= r.span.end && r.span.end <= text.len(), "bad span {:?}", r.span);
        for f in &r.findings {
            for e in &f.evidence {
                assert!(e.start <= e.end && e.end <= text.len(), "bad evidence {e:?}");
            }
        }
    }
});
