//! The `aks-triage` binary: exit codes, JSON shape, params and answers.

use std::io::Write;
use std::process::{Command, Stdio};

/// The binary, started with all three streams piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_aks-triage")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = spawn(args);
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const ERR_10250: &str = "Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout\n";

#[test]
fn recognised_input_exits_zero_with_json() {
    let (code, out, _) = run(&["diagnose", "--json", "-"], ERR_10250);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["symptoms"][0]["id"], "kubelet-10250-timeout");
    assert!(v["symptoms"][0]["evidence"][0]["start"].is_u64());
    let causes = v["causes"].as_array().unwrap();
    assert!(causes.iter().all(|c| c["id"].is_string() && c["verdict"].is_string() && c["score"].is_number() && c["evidence"].is_array()));
    assert!(v["next_check"]["id"].is_string());
}

#[test]
fn nothing_recognised_exits_one() {
    let (code, out, _) = run(&["diagnose"], "all good here\n");
    assert_eq!(code, 1);
    assert!(out.contains("Nothing recognised"));
}

#[test]
fn bad_usage_and_unreadable_input_exit_two() {
    assert_eq!(run(&["diagnose", "/no/such/file"], "").0, 2);
    assert_eq!(run(&["diagnose", "--param", "oops"], ERR_10250).0, 2);
    assert_eq!(run(&["diagnose", "--param", "nonexistent=1"], ERR_10250).0, 2);
    assert_eq!(run(&["diagnose", "--answer", "private-cluster=maybe"], ERR_10250).0, 2);
    assert_eq!(run(&["frobnicate"], "").0, 2);
    let (code, _, err) = run(&["diagnose"], "abc\0def");
    assert_eq!(code, 2);
    assert!(err.contains("binary"));
}

#[test]
fn params_fill_fix_commands() {
    let ufw = "Status: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n";
    let (code, out, _) = run(&["diagnose", "--param", "node_resource_group=MC_rg_aks_eastus", "--param", "vmss_name=aks-nodepool1-123-vmss", "-"], ufw);
    assert_eq!(code, 0);
    assert!(out.contains("--resource-group MC_rg_aks_eastus"), "{out}");
    assert!(out.contains("<instance_id>"), "unfilled parameter stays marked: {out}");
}

#[test]
fn markdown_format_and_list() {
    let (code, out, _) = run(&["diagnose", "--format", "markdown"], ERR_10250);
    assert_eq!(code, 0);
    assert!(out.starts_with("## AKS triage"));
    let (code, out, _) = run(&["list"], "");
    assert_eq!(code, 0);
    assert!(out.contains("nsg-blocks-10250"));
}

#[test]
fn check_content_reports_file_line_col() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken/unknown-cause/content");
    let (code, _, err) = run(&["check-content", dir], "");
    assert_eq!(code, 2);
    assert!(err.contains("symptoms/s.md:"), "{err}");
    let ok = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    assert_eq!(run(&["check-content", ok], "").0, 0);
}

/// Runs the binary with its stdout closed after the first byte, like
/// `aks-triage … | head -c 1`.
fn run_into_closed_pipe(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    // Commands that do not read stdin exit early; a failed write is fine.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    let _ = std::io::Read::read(&mut stdout, &mut first);
    drop(stdout);
    let _ = feeder.join();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_stdout_ends_quietly_on_every_subcommand() {
    let big = ERR_10250.repeat(2000);
    for args in [&["model"][..], &["list"], &["patterns"], &["diagnose", "-"], &["diagnose", "--json", "-"], &["diagnose", "--format", "markdown", "-"]] {
        let (code, err) = run_into_closed_pipe(args, &big);
        assert!(code == 0 || code == 1, "{args:?} exited {code}: {err}");
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    }
}

#[test]
fn eval_prints_per_label_figures() {
    let dir = std::env::temp_dir().join(format!("aks-triage-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = dir.join("c.jsonl");
    let lines = [
        serde_json::json!({"id": "a", "label": "tunnel-pods-unhealthy", "text": ERR_10250}),
        serde_json::json!({"id": "b", "label": "none", "text": "all good here"}),
    ];
    std::fs::write(&corpus, lines.iter().map(|l| l.to_string() + "\n").collect::<String>()).unwrap();
    let (code, out, err) = run(&["eval", corpus.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("tunnel-pods-unhealthy"), "{out}");
    assert!(out.contains("eval n=2 hit1=100.0% hit3=100.0% neg_confident=0.0%"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn redact_hides_addresses_names_and_secrets_in_every_format() {
    let paste = "Error from server: Get \"https://aks-nodepool1-12345678-vmss000001:10250/containerLogs/default/web/web\": dial tcp 10.240.0.4:10250: i/o timeout\nserver: https://myaks-dns-1a2b3c4d.hcp.westeurope.azmk8s.io:443\ntoken: eyJhbGciOiJSUzI1NiJ9.abcdefgh.ijklmnop\n";
    for format in ["human", "markdown", "json"] {
        let (code, out, _) = run(&["diagnose", "--redact", "--format", format, "--param", "resource_group=team-rg-prod", "-"], paste);
        assert_eq!(code, 0, "{format}");
        for secret in ["10.240.0.4", "myaks-dns-1a2b3c4d", "eyJhbGci", "aks-nodepool1-12345678", "team-rg-prod"] {
            assert!(!out.contains(secret), "{format}: {secret} survived");
        }
        assert!(out.contains("<ip-1>"), "{format}: {out}");
        if format == "json" {
            serde_json::from_str::<serde_json::Value>(&out).expect("redacted JSON is still JSON");
        }
    }
}
