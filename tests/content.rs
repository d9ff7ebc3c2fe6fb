//! The real content compiles cleanly and has every required id; each broken
//! fixture under `tests/fixtures/broken/` fails with exactly the diagnostics in
//! its `expected.txt`.

use crate::util::model;
use std::path::Path;

#[test]
fn real_content_compiles_with_zero_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    if let Err(diags) = aks_triage::compile::compile_dir(&dir) {
        panic!("{}", diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    }
}

#[test]
fn builtin_content_equals_content_folder() {
    // The CLI embeds content/ at build time; it must be the same knowledge.
    let embedded = aks_triage::builtin_model().expect("embedded content compiles");
    assert_eq!(&embedded, model());
}

#[test]
fn every_required_id_has_content() {
    let m = model();
    for id in crate::cases::REQUIRED_CAUSES {
        let c = m.cause(id).unwrap_or_else(|| panic!("missing cause {id}"));
        assert!(!c.fixes.is_empty(), "cause {id} has no fix");
        assert!(!c.body_markdown.trim().is_empty(), "cause {id} has no explanation");
        assert!(!c.source.file.is_empty(), "cause {id} cites no source");
    }
    for id in crate::cases::REQUIRED_SYMPTOM_IDS {
        let s = m.symptom(id).unwrap_or_else(|| panic!("missing symptom {id}"));
        assert!(!s.causes.is_empty(), "symptom {id} links no cause");
    }
}

#[test]
fn queries_cover_both_log_modes() {
    let m = model();
    let queries: Vec<_> = m.causes.iter().flat_map(|c| c.queries.iter()).collect();
    let variants: Vec<&str> = queries.iter().filter_map(|q| q.variant.as_deref()).collect();
    assert!(variants.iter().any(|v| v.contains("AKSAudit")), "no resource-specific query");
    assert!(variants.iter().any(|v| v.contains("AzureDiagnostics")), "no AzureDiagnostics query");
    assert!(queries.iter().all(|q| q.params.iter().any(|p| p == "window")), "every query takes the time window");
    assert!(queries.iter().any(|q| q.params.iter().any(|p| p == "user_agent")), "no query filters by user agent");
}

#[test]
fn broken_fixtures_fail_with_exact_messages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 8, "expected at least 8 broken fixtures");
    let mut failures = Vec::new();
    for dir in dirs {
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let got = match aks_triage::compile::compile_dir(&dir.join("content")) {
            Ok(_) => "compiled without diagnostics".to_string(),
            Err(diags) => diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
        };
        if got.trim() != expected.trim() {
            failures.push(format!("{}:\n  expected: {}\n  got:      {}", dir.display(), expected.trim(), got.trim()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn minimal_fixture_compiles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let m = aks_triage::compile::compile_dir(&dir).expect("minimal fixture compiles");
    assert_eq!(m.symptoms.len(), 1);
    assert_eq!(m.causes[0].fixes[0].params, vec!["resource_group", "node_ip"]);
}

#[test]
fn format_md_lists_every_registered_analyzer() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/FORMAT.md")).unwrap();
    let table = aks_triage::analyzers::table_markdown();
    assert!(doc.contains(&table), "content/FORMAT.md's analyzer table is out of date; replace it with:\n{table}");
}

#[test]
fn search_finds_symptoms_and_causes_in_peoples_words() {
    let engine = crate::util::engine();
    let top = |q: &str| engine.search_all(q).into_iter().take(3).map(|f| format!("{}/{}", f.kind, f.id)).collect::<Vec<_>>();
    assert!(top("kubectl logs times out").contains(&"symptom/kubelet-10250-timeout".to_string()), "{:?}", top("kubectl logs times out"));
    assert!(top("snat port exhaustion").contains(&"cause/snat-exhaustion".to_string()), "{:?}", top("snat port exhaustion"));
    assert!(top("admission webhook").iter().any(|x| x == "symptom/webhook-call-failed" || x == "cause/webhook-deadlock"));
    assert!(engine.search_all("").is_empty() && engine.search_all("the and of").is_empty(), "nothing to search finds nothing");
}
