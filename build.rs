//! Embeds the named queries of `queries/` so `newsgraph query NAME` works from any directory.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=queries");
    let mut entries: Vec<(String, String)> = Vec::new();
    if let Ok(rd) = std::fs::read_dir("queries") {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some("rq") {
                println!("cargo:rerun-if-changed={}", p.display());
                let stem = p.file_stem().unwrap().to_string_lossy().to_string();
                let abs = std::fs::canonicalize(&p).unwrap();
                entries.push((stem, abs.display().to_string()));
            }
        }
    }
    entries.sort();
    let mut src = String::from("/// Named queries shipped in `queries/`: (name, SPARQL text).\npub const NAMED_QUERIES: &[(&str, &str)] = &[\n");
    for (name, path) in entries {
        writeln!(src, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    src.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("queries.rs");
    std::fs::write(out, src).unwrap();
}
