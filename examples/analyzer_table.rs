//! Prints the analyzer table for content/FORMAT.md from the registry:
//! `cargo run --example analyzer_table`.
fn main() { print!("{}", aks_triage::analyzers::table_markdown()); }
