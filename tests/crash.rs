//! Crash safety of `newsgraph ingest` (issue #6), with the real binary: a run
//! killed with SIGKILL at several moments leaves a store that opens and holds
//! only whole articles (each article graph present is exactly the graph of a
//! clean run); running ingest again completes it, and the export is then byte
//! for byte the clean run's. Also: a changed article replaces its graph, the
//! unchanged ones are reported unchanged.
//!
//! The corpus (a few hundred JSON Lines records made from the paragraphs of
//! `data/articles/`) is generated in a temporary directory.
#![cfg(unix)]

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 600;

fn export(store: &Path, cwd: &Path) -> Vec<u8> {
    let s = store.to_str().unwrap();
    run_ok(&["export", "--store", s, "--format", "nquads"], cwd).stdout
}

/// Starts `ingest`, kills it with SIGKILL after `after` (unless it ended
/// first); whether it was killed.
fn ingest_killed_after(corpus: &Path, store: &Path, cwd: &Path, after: Duration) -> bool {
    let mut child = Command::new(BIN)
        .args(["ingest", corpus.to_str().unwrap(), "--store"])
        .arg(store)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn newsgraph");
    let t0 = Instant::now();
    while t0.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(9)
}

/// Checks a store left by a killed run against the clean run's graphs:
/// article graphs are whole, everything else a subset. Returns how many
/// article graphs it holds.
fn check_whole_articles(
    state: &BTreeMap<String, BTreeSet<String>>,
    clean: &BTreeMap<String, BTreeSet<String>>,
    when: &str,
) -> usize {
    let mut articles = 0;
    for (g, quads) in state {
        let Some(want) = clean.get(g) else {
            panic!("{when}: graph {g} is not in the clean run");
        };
        if g.starts_with(ARTICLE_GRAPH) {
            articles += 1;
            if quads != want {
                let missing = want.difference(quads).count();
                let extra = quads.difference(want).count();
                panic!("{when}: partial article graph {g}: {missing} quads missing, {extra} extra");
            }
        } else {
            let extra: Vec<_> = quads.difference(want).take(3).collect();
            assert!(
                extra.is_empty(),
                "{when}: graph {g} has quads a clean run lacks: {extra:?}"
            );
        }
    }
    articles
}

#[test]
fn killed_ingest_leaves_whole_articles_and_resumes_to_the_clean_store() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let corpus = cwd.join("corpus.jsonl");
    std::fs::write(&corpus, common::corpus(ARTICLES)).unwrap();
    let c = corpus.to_str().unwrap();

    // the clean run, timed to spread the kills over a run
    let clean_store = cwd.join("clean");
    let t0 = Instant::now();
    let o = run_ok(
        &["ingest", c, "--store", clean_store.to_str().unwrap()],
        cwd,
    );
    let took = t0.elapsed();
    assert_eq!(summary(&o.stdout), [ARTICLES, 0, 0, 0]);
    let clean_bytes = export(&clean_store, cwd);
    let clean = by_graph(&clean_bytes);
    let n_articles = clean
        .keys()
        .filter(|g| g.starts_with(ARTICLE_GRAPH))
        .count();
    assert_eq!(n_articles, ARTICLES);

    // kill, check, resume from what is there; again at a later moment
    let store = cwd.join("store");
    let mut killed = 0;
    let mut seen = Vec::new();
    for frac in [0.05, 0.3, 0.6, 0.9, 0.45, 0.75] {
        let after = took.mul_f64(frac);
        let was_killed = ingest_killed_after(&corpus, &store, cwd, after);
        killed += usize::from(was_killed);
        if !store.exists() {
            seen.push((frac, 0));
            continue;
        }
        let when = format!("after a kill at {after:?}");
        let state = by_graph(&export(&store, cwd));
        let n = check_whole_articles(&state, &clean, &when);
        seen.push((frac, n));
    }
    eprintln!(
        "clean ingest of {ARTICLES} articles: {took:?}; kills: {killed}; (fraction, article graphs present): {seen:?}"
    );
    assert!(killed > 0, "no run was still going when killed: {seen:?}");

    // resume to completion: the same bytes as the clean run
    let o = run_ok(&["ingest", c, "--store", store.to_str().unwrap()], cwd);
    let [added, replaced, unchanged, failed] = summary(&o.stdout);
    assert_eq!((replaced, failed), (0, 0), "resume: {o:?}");
    assert_eq!(added + unchanged, ARTICLES);
    let resumed = export(&store, cwd);
    assert!(
        resumed == clean_bytes,
        "the resumed store differs from a clean run ({} vs {} bytes)",
        resumed.len(),
        clean_bytes.len()
    );

    // a changed article replaces its graph; the others are unchanged
    let changed_corpus = cwd.join("corpus.jsonl");
    let text = std::fs::read_to_string(&changed_corpus).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut rec: serde_json::Value = serde_json::from_str(&lines[7]).unwrap();
    let added_sentence =
        "Tencent Holdings said on Tuesday it would invest $2 billion in cloud computing.";
    let body = format!("{}\n\n{added_sentence}", rec["body"].as_str().unwrap());
    rec["body"] = serde_json::Value::String(body);
    lines[7] = rec.to_string();
    std::fs::write(&changed_corpus, lines.join("\n") + "\n").unwrap();
    let o = run_ok(&["ingest", c, "--store", store.to_str().unwrap()], cwd);
    assert_eq!(summary(&o.stdout), [0, 1, ARTICLES - 1, 0]);
    let after = by_graph(&export(&store, cwd));
    let changed: Vec<&String> = after
        .iter()
        .filter(|(g, q)| g.starts_with(ARTICLE_GRAPH) && clean.get(*g) != Some(*q))
        .map(|(g, _)| g)
        .collect();
    assert_eq!(
        changed.len(),
        1,
        "exactly one article graph changes: {changed:?}"
    );
    // the replaced graph is exactly what extract makes of the changed record
    let single = cwd.join("one.jsonl");
    std::fs::write(&single, format!("{}\n", lines[7])).unwrap();
    let extracted = by_graph(&run_ok(&["extract", single.to_str().unwrap()], cwd).stdout);
    assert_eq!(after.get(changed[0]), extracted.get(changed[0]));
    assert!(
        after[changed[0]].iter().any(|q| q.contains("Tencent")),
        "the new sentence is in the replaced graph"
    );
    assert_eq!(
        after
            .keys()
            .filter(|g| g.starts_with(ARTICLE_GRAPH))
            .count(),
        ARTICLES
    );
}
