//! Sharding (issue #6): `extract` over N slices of a JSON Lines corpus gives
//! N-Quads whose union (deduplicated, sorted) is exactly `ingest` of the whole
//! corpus then `export --format nquads`, less the ontology graph that only
//! ingest writes. Runs on a generated corpus, and on the first 300 Reuters
//! 21578 records when `../shared/eval/reuters21578/reuters21578.jsonl` is beside
//! the clone (it is skipped, with a message, on a fresh clone).

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;

const ONTOLOGY_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/ontology";
const SHARDS: usize = 3;

/// Splits `jsonl` into `SHARDS` contiguous slices of whole lines, extracts each
/// and compares the union with the whole ingested and exported.
fn check_shards_union(jsonl: &str, cwd: &Path) -> usize {
    let lines: Vec<&str> = jsonl.lines().collect();
    let per = lines.len().div_ceil(SHARDS);
    let mut union = BTreeSet::new();
    let mut shard_paths = Vec::new();
    for (i, chunk) in lines.chunks(per).enumerate() {
        let p = cwd.join(format!("shard-{i}.jsonl"));
        std::fs::write(&p, chunk.join("\n") + "\n").unwrap();
        let out = run_ok(&["extract", p.to_str().unwrap(), "--format", "nquads"], cwd);
        union.extend(line_set(&out.stdout));
        shard_paths.push(p);
    }
    assert_eq!(shard_paths.len(), SHARDS);

    let whole = cwd.join("whole.jsonl");
    std::fs::write(&whole, jsonl).unwrap();
    let store = cwd.join("store");
    let o = run_ok(
        &[
            "ingest",
            whole.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ],
        cwd,
    );
    let [added, _, _, failed] = summary(&o.stdout);
    assert_eq!(failed, 0);
    let exported = run_ok(
        &[
            "export",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "nquads",
        ],
        cwd,
    )
    .stdout;
    let ingested: BTreeSet<String> = by_graph(&exported)
        .into_iter()
        .filter(|(g, _)| g != ONTOLOGY_GRAPH)
        .flat_map(|(_, q)| q)
        .collect();
    // `by_graph` gives each quad's own N-Quads form; compare like with like
    let union: BTreeSet<String> =
        by_graph(union.into_iter().collect::<Vec<_>>().join("\n").as_bytes())
            .into_values()
            .flatten()
            .collect();
    let only_shards: Vec<_> = union.difference(&ingested).take(3).collect();
    let only_whole: Vec<_> = ingested.difference(&union).take(3).collect();
    assert!(
        only_shards.is_empty() && only_whole.is_empty(),
        "shards and whole differ\nonly in the shards: {only_shards:#?}\nonly in the whole: {only_whole:#?}"
    );
    // and the one-process extract of the whole is the same set
    let all = line_set(&run_ok(&["extract", whole.to_str().unwrap()], cwd).stdout);
    let all: BTreeSet<String> = by_graph(all.into_iter().collect::<Vec<_>>().join("\n").as_bytes())
        .into_values()
        .flatten()
        .collect();
    assert_eq!(all, union);
    added
}

#[test]
fn extract_of_generated_shards_unions_to_the_ingested_whole() {
    let dir = tempfile::tempdir().unwrap();
    let n = check_shards_union(&corpus(150), dir.path());
    assert_eq!(n, 150);
}

#[test]
fn extract_of_reuters_shards_unions_to_the_ingested_whole() {
    let path = root().join("../shared/eval/reuters21578/reuters21578.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipped the Reuters part: {} is not there (only the generated corpus was checked)",
            path.display()
        );
        return;
    };
    let slice: String = text.lines().take(300).map(|l| format!("{l}\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    let n = check_shards_union(&slice, dir.path());
    assert!(
        n > 250,
        "only {n} of the first 300 Reuters records ingested"
    );
}

#[test]
fn extract_reads_json_lines_from_stdin_like_a_file() {
    // what `rdd.pipe("newsgraph extract -")` and Hadoop Streaming do
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let jsonl = corpus(20);
    let file = dir.path().join("c.jsonl");
    std::fs::write(&file, &jsonl).unwrap();
    let from_file = run_ok(&["extract", file.to_str().unwrap()], dir.path()).stdout;
    let mut child = Command::new(BIN)
        .args(["extract", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(jsonl.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        by_graph(&o.stdout)
            .keys()
            .filter(|g| g.starts_with(ARTICLE_GRAPH))
            .count(),
        20
    );
    assert!(
        o.stdout == from_file,
        "stdin and file give different N-Quads"
    );
}
