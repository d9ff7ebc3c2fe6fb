//! Bad input never panics: random text, fragments of real errors, binary
//! junk, hostile HTML, empty input, and a 100 MB paste (refused with a clear
//! limit, not read).

use crate::util::engine;
use aks_triage::text::{InputError, MAX_INPUT_BYTES};
use aks_triage::Query;
use proptest::prelude::*;

fn diagnose(text: String) -> Result<aks_triage::Diagnosis, InputError> {
    engine().diagnose(&Query { inputs: vec![text], ..Default::default() })
}

const FRAGMENTS: &[&str] = &[
    "dial tcp ", "10.240.0.4", ":10250", ": i/o timeout", "Unable to connect to the server: ", "Status: active\n",
    "To                         Action      From\n", "10250 ALLOW Anywhere\n", "Chain INPUT (policy DROP)\n",
    "num  target prot opt source destination\n", "1 DROP tcp -- anywhere anywhere tcp dpt:10250\n",
    "NAME   READY   STATUS   RESTARTS   AGE\n", "konnectivity-agent-x 0/1 CrashLoopBackOff 5 1h\n",
    "\"message\": \"Enable succeeded: \\n[stdout]\\n", "[\"1.2.3.4/32\"]", "nodesToReplicas\": [[1, 2], [100, 3]]",
    "etcd_db_total_size_in_bytes 4.2e+09\n", "\u{1b}[31m", "é", "😀", "\r\n", "\"", "\\", "<script>", "\t", "\n\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        let _ = diagnose(s);
    }

    #[test]
    fn shuffled_fragments_never_panic(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..40)) {
        let text: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        let d = diagnose(text.clone());
        if let Ok(d) = d {
            for c in &d.causes {
                for e in &c.evidence {
                    prop_assert!(e.end <= text.len() && text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                }
            }
        }
    }

    #[test]
    fn random_bytes_are_refused_or_read(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(text) = aks_triage::text::decode_bytes(&bytes) {
            let _ = diagnose(text);
        }
    }
}

#[test]
fn empty_input_recognises_nothing() {
    let d = diagnose(String::new()).unwrap();
    assert!(!d.recognised());
    let d = diagnose("   \n\t\n".into()).unwrap();
    assert!(!d.recognised());
}

#[test]
fn hundred_megabytes_is_refused_with_a_clear_limit() {
    let big = "x".repeat(100 * 1024 * 1024);
    match diagnose(big) {
        Err(e @ InputError::TooLarge { .. }) => assert!(e.to_string().contains("limit is 16 MiB")),
        other => panic!("expected TooLarge, got {:?}", other.map(|d| d.symptoms.len())),
    }
}

#[test]
fn just_under_the_limit_is_read() {
    let mut text = String::with_capacity(MAX_INPUT_BYTES);
    let line = "I1123 12:00:00.000000 1 reflector.go:1] ordinary log line with nothing wrong\n";
    while text.len() + line.len() < MAX_INPUT_BYTES - 200 {
        text.push_str(line);
    }
    text.push_str("Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout\n");
    let d = diagnose(text).unwrap();
    assert_eq!(d.symptoms[0].id, "kubelet-10250-timeout");
}

#[test]
fn binary_input_is_refused() {
    let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
    assert!(matches!(aks_triage::text::decode_bytes(&bytes), Err(InputError::Binary { .. })));
}

#[test]
fn hostile_html_is_plain_text_to_the_engine() {
    let text = "<script>alert(1)</script><img src=x onerror=alert(2)>\nError from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout";
    let d = diagnose(text.into()).unwrap();
    assert_eq!(d.symptoms[0].id, "kubelet-10250-timeout");
    // Evidence is the user's own text, unchanged: escaping is the UI's job.
    assert!(d.symptoms[0].evidence[0].text.starts_with("dial tcp") || d.symptoms[0].evidence[0].text.starts_with("error dialing"));
}

#[test]
fn one_huge_line_is_handled() {
    let text = format!("{}dial tcp 10.240.0.4:10250: i/o timeout", "a".repeat(5_000_000));
    let d = diagnose(text).unwrap();
    assert!(d.recognised());
}

#[test]
fn a_check_output_is_read_or_refused_with_a_reason() {
    let engine = crate::util::engine();
    let none = std::collections::BTreeMap::new();
    // A readable output says what it was read as and what it means.
    let ufw = "Status: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n";
    let r = engine.read_output("ufw-status", ufw, &none);
    assert_eq!(r.problem, None);
    assert!(!r.read_as.is_empty(), "{r:?}");
    assert!(r.findings.iter().any(|(id, _, effect, _)| id == "ufw-blocks-10250" && effect == "confirms"), "{r:?}");
    // Output we cannot use keeps the step open, with the reason.
    let not_run = engine.read_output("nc-egress-443", "bash: nc: command not found", &none);
    assert!(not_run.problem.as_deref().is_some_and(|p| p.contains("did not run")), "{not_run:?}");
    let wrong = engine.read_output("ufw-status", "NAME   READY   STATUS\nweb-1  1/1     Running\n", &none);
    assert!(wrong.problem.as_deref().is_some_and(|p| p.contains("could not read this as")), "{wrong:?}");
    assert!(engine.read_output("ufw-status", "  \n", &none).problem.is_some());
    assert!(engine.read_output("ufw-status", "\0\0\0binary", &none).problem.is_some());
}
