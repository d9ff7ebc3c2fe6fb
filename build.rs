//! Embeds every file under `content/` so the CLI carries its knowledge.
use std::fmt::Write;
use std::path::Path;

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "md" || x == "toml") {
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            if rel.contains('/') || rel.ends_with(".toml") {
                out.push((rel, p.canonicalize().unwrap().to_string_lossy().into_owned()));
            }
        }
    }
}

fn main() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed=content");
    let mut files = Vec::new();
    walk(&base, &base, &mut files);
    files.sort();
    let mut code = String::from("/// (path, text) of every content file.\npub static FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={abs}");
        writeln!(code, "    ({rel:?}, include_str!({abs:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_content.rs");
    std::fs::write(out, code).unwrap();
}
