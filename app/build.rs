//! Compiles `content/` into the model JSON the app embeds. Content mistakes
//! fail `trunk build` here, with `file:line:col: message` diagnostics.
use std::path::Path;

fn main() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    println!("cargo:rerun-if-changed={}", content.display());
    match aks_triage::compile::compile_dir(&content) {
        Ok(mut model) => {
            // The browser shows the HTML bodies; the markdown copies are for the terminal.
            for s in &mut model.symptoms {
                s.body_markdown.clear();
            }
            for c in &mut model.causes {
                c.body_markdown.clear();
            }
            for c in &mut model.checks {
                c.body_markdown.clear();
            }
            let json = serde_json::to_string(&model).expect("model serialises");
            let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("model.json");
            std::fs::write(out, json).expect("write model.json");
        }
        Err(diags) => {
            for d in &diags {
                println!("cargo:warning=content/{d}");
                eprintln!("content/{d}");
            }
            panic!("{} problem(s) in content/", diags.len());
        }
    }
}
