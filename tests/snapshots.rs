//! Reviewed snapshots (insta) of what people read: the compiled model's
//! summary, and the terminal, markdown and JSON reports for a handful of
//! representative pastes. A change shows up as a diff to review
//! (`cargo insta review`, or accept with `INSTA_UPDATE=always`).

use crate::util::{engine, model};
use aks_triage::{render, Query};

/// Representative pastes: each a kind of input the engine must handle.
const PASTES: &[(&str, &str)] = &[
    ("tunnel_10250", "$ kubectl logs web-5c9d7b8f4-qwz8m\nError from server: Get \"https://aks-nodepool1-12345678-vmss000001:10250/containerLogs/default/web-5c9d7b8f4-qwz8m/web\": dial tcp 10.240.0.5:10250: i/o timeout\n"),
    ("ufw_confirms", "Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout\n\nStatus: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n10250/tcp                  DENY        Anywhere\n"),
    ("json_escaped_webhook", "{\"log\":\"Internal error occurred: failed calling webhook \\\"validation.gatekeeper.sh\\\": failed to call webhook: Post \\\"https://gatekeeper-webhook-service.gatekeeper-system.svc:443/v1/admit?timeout=3s\\\": context deadline exceeded\"}\n"),
    ("sentence_only", "Intermittent inability to connect to the AKS API server from our pipeline: the hosted agent's IP is not in the authorized IP ranges.\n"),
    ("eks_lookalike", "Error from server: Get \"https://ip-10-0-37-234.ec2.internal:10250/containerLogs/default/nginx/nginx\": dial tcp 10.0.37.234:10250: i/o timeout\n"),
];

fn diagnose(text: &str) -> aks_triage::Diagnosis {
    engine().diagnose(&Query { inputs: vec![text.to_string()], ..Default::default() }).expect("diagnosis")
}

#[test]
fn model_summary() {
    let m = model();
    let mut out = String::new();
    for s in &m.symptoms {
        out.push_str(&format!("symptom {} ({} matchers) → {}\n", s.id, s.matchers.len(), s.causes.iter().map(|c| format!("{}@{:.2}", c.cause, c.prior)).collect::<Vec<_>>().join(", ")));
    }
    for c in &m.causes {
        out.push_str(&format!("cause {} ({} mentions, {} fixes, {} checks)\n", c.id, c.mentions.len(), c.fixes.len(), c.checks.len()));
    }
    out.push_str(&format!("{} checks, {} parameters, {} lookalike signs\n", m.checks.len(), m.params.len(), m.lookalikes.len()));
    insta::assert_snapshot!("model_summary", out);
}

#[test]
fn reports_for_representative_pastes() {
    for (name, text) in PASTES {
        let d = diagnose(text);
        insta::assert_snapshot!(format!("{name}_human"), render::human(engine(), &d, &["paste".to_string()]));
        insta::assert_snapshot!(format!("{name}_markdown"), render::markdown(engine(), &d));
        let report = render::JsonReport { diagnosis: &d, fixes: render::fixes(engine(), &d) };
        insta::assert_snapshot!(format!("{name}_json"), serde_json::to_string_pretty(&report).unwrap());
    }
}
