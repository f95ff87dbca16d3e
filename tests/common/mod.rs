//! Helpers shared by the corpus-scale CLI tests (`crash.rs`, `shards.rs`):
//! a generated JSON Lines corpus and running the real binary.
#![allow(dead_code)]

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::GraphName;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
pub const ARTICLE_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/article/";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Paragraphs of the sample articles in `data/articles/`.
fn paragraphs() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        out.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| p.split_whitespace().count() >= 12)
                .map(str::to_string),
        );
    }
    assert!(out.len() >= 20, "too few paragraphs in data/articles");
    out
}

/// `n` distinct JSON Lines records (one per line, with a final newline), each a
/// few paragraphs of the sample articles in a varying order, with its own id
/// and date.
pub fn corpus(n: usize) -> String {
    let paras = paragraphs();
    let p = paras.len();
    let mut out = String::new();
    for i in 0..n {
        let k = 2 + i % 3;
        let body: Vec<&str> = (0..k)
            .map(|j| paras[(i * 7 + j * 13 + i / p) % p].as_str())
            .collect();
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
            + chrono::Days::new((i * 5 % 600) as u64);
        let rec = serde_json::json!({
            "id": format!("gen-{i}"),
            "title": format!("Generated market report {i}"),
            "date": date.format("%Y-%m-%d").to_string(),
            "body": body.join("\n\n"),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

/// Runs the binary to completion in `cwd`.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    let o = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .expect("spawn newsgraph");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        !stderr.contains("panicked"),
        "newsgraph {args:?} panicked:\n{stderr}"
    );
    o
}

/// Runs the binary and asserts exit code 0.
pub fn run_ok(args: &[&str], cwd: &Path) -> Output {
    let o = run(args, cwd);
    assert!(
        o.status.success(),
        "newsgraph {args:?} exited with {:?}:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// N-Quads grouped by graph name (`""` for the default graph), each quad in its
/// N-Quads form.
pub fn by_graph(nquads: &[u8]) -> BTreeMap<String, BTreeSet<String>> {
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads) {
        let q = q.expect("valid N-Quads");
        let g = match &q.graph_name {
            GraphName::NamedNode(n) => n.as_str().to_string(),
            GraphName::BlankNode(b) => b.to_string(),
            GraphName::DefaultGraph => String::new(),
        };
        m.entry(g).or_default().insert(q.to_string());
    }
    m
}

/// The lines of N-Quads output, deduplicated and sorted.
pub fn line_set(nquads: &[u8]) -> BTreeSet<String> {
    std::str::from_utf8(nquads)
        .expect("UTF-8 N-Quads")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// "ingested N articles (A added, R replaced, U unchanged, F failed)" as
/// [added, replaced, unchanged, failed].
pub fn summary(stdout: &[u8]) -> [usize; 4] {
    let s = String::from_utf8_lossy(stdout);
    let inner = s
        .split_once('(')
        .and_then(|(_, r)| r.split_once(')'))
        .unwrap_or_else(|| panic!("no ingest summary in {s:?}"))
        .0;
    let mut out = [0; 4];
    for (i, part) in inner.split(", ").enumerate().take(4) {
        out[i] = part
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad summary {s:?}"));
    }
    out
}
