//! Writes the benchmark corpus (1 MiB of mixed logs) to standard output, so
//! `scripts/bench-vs-rg.sh` can time ripgrep on exactly the same bytes.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    print!("{}", corpus::mixed_logs(1 << 20));
}
