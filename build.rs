//! Compiles `content/` into the model at build time, so a content mistake (a
//! bad regex, an unknown id, an unreachable cause) stops `cargo build` with
//! `file:line:col: message`, and the CLI starts from the compiled model
//! instead of parsing markdown at every run.
//!
//! The compiler is the library's own `compile` module, included here by path
//! together with the modules it needs (the chrono-tz pattern of a generator
//! shared by the build script and the crate). `AKS_TRIAGE_CONTENT` points at
//! another content folder (the build check of a broken fixture uses it).

#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/analyzers/mod.rs"]
mod analyzers;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/compile/mod.rs"]
mod compile;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/diagnosis.rs"]
mod diagnosis;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/fill.rs"]
mod fill;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/pattern.rs"]
mod pattern;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/search.rs"]
mod search;
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "src/text.rs"]
mod text;

use std::path::{Path, PathBuf};


fn main() {
    println!("cargo:rerun-if-env-changed=AKS_TRIAGE_CONTENT");
    println!("cargo:rerun-if-changed=src");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("model.json");
    // The browser build (no `compile` feature) compiles content in app/build.rs.
    if std::env::var_os("CARGO_FEATURE_COMPILE").is_none() {
        std::fs::write(&out, "{}").expect("write model.json");
        return;
    }
    let content = std::env::var_os("AKS_TRIAGE_CONTENT").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    println!("cargo:rerun-if-changed={}", content.display());
    let files = compile::read_dir(&content);
    // A failed build script always runs again, so the files to watch are
    // named only on success; a failure shows just the diagnostics.
    let watched: Vec<PathBuf> = files.iter().flatten().map(|f| content.join(&f.path)).collect();
    match files.and_then(|files| compile::compile_files(&files)) {
        Ok(model) => {
            for file in watched {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            std::fs::write(&out, serde_json::to_string(&model).expect("the model serialises")).expect("write model.json")
        }
        Err(diags) => {
            for d in &diags {
                println!("cargo:warning=content/{d}");
                eprintln!("content/{d}");
            }
            eprintln!("error: {} problem(s) in {}", diags.len(), content.display());
            std::process::exit(1);
        }
    }
}
