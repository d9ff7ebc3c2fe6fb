//! Benchmark: classify 1 MiB of mixed logs (all matchers, analyzers and
//! ranking), plus the matcher pass alone for the comparison with ripgrep
//! (`scripts/bench-vs-rg.sh`).

#[path = "corpus.rs"]
mod corpus;

use aks_triage::{Engine, Query};

fn main() {
    divan::main();
}

fn engine() -> Engine {
    Engine::new(aks_triage::builtin_model().expect("content")).expect("engine")
}

#[divan::bench(sample_count = 20)]
fn diagnose_1mib_mixed_logs(bencher: divan::Bencher) {
    let engine = engine();
    let query = Query { inputs: vec![corpus::mixed_logs(1 << 20)], ..Default::default() };
    bencher.counter(divan::counter::BytesCount::new(query.inputs[0].len())).bench(|| engine.diagnose(divan::black_box(&query)).unwrap());
}

#[divan::bench(sample_count = 20)]
fn diagnose_one_error(bencher: divan::Bencher) {
    let engine = engine();
    let query = Query { inputs: vec!["Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout".into()], ..Default::default() };
    bencher.bench(|| engine.diagnose(divan::black_box(&query)).unwrap());
}
