//! One event, many outlets: cross-article identity of events, checked through
//! the real binary and SPARQL on the union of article graphs.

use std::path::Path;
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

fn ingest(store: &Path, paths: &[&Path]) {
    let mut c = Command::new(bin());
    c.arg("ingest").args(paths).arg("--store").arg(store);
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn csv(store: &Path, q: &str) -> Vec<String> {
    let out = Command::new(bin())
        .args(["query", q, "--format", "csv", "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.trim().to_string())
        .collect()
}

const PREFIX: &str =
    "PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/> ";

/// Number of distinct event nodes of a class about/by a named entity, and of articles reporting them.
fn events_of(store: &Path, class: &str, name: &str, extra: &str) -> (usize, usize) {
    let q = format!(
        "{PREFIX} SELECT (COUNT(DISTINCT ?e) AS ?n) (COUNT(DISTINCT ?a) AS ?arts) WHERE {{
           ?e a ng:{class} ; (ng:about|ng:agent) ?x ; ng:reportedIn ?a . ?x schema:name \"{name}\" . {extra} }}"
    );
    let row = csv(store, &q);
    let parts: Vec<usize> = row[0].split(',').map(|v| v.parse().unwrap()).collect();
    (parts[0], parts[1])
}

#[test]
fn shared_facts_of_the_sample_articles_are_single_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    ingest(&store, &[Path::new("data/articles")]);
    // Hang Seng Tech Index +4.2% (two outlets), Baidu +16% (three), Alibaba's $3.2bn
    // convertible (three), Tencent's bond sale (three)
    let change = |v: &str| format!("?e ng:change/schema:value ?c . FILTER(?c = {v})");
    let amount = |v: &str| format!("?e ng:amount/schema:value ?v . FILTER(?v IN ({v}))");
    assert_eq!(
        events_of(&store, "PriceMove", "Hang Seng Tech Index", &change("4.2")),
        (1, 2)
    );
    assert_eq!(
        events_of(&store, "PriceMove", "Baidu", &change("16")),
        (1, 3)
    );
    assert_eq!(
        events_of(&store, "SecurityIssuance", "Alibaba", &amount("3200000000")),
        (1, 3)
    );
    assert_eq!(
        events_of(
            &store,
            "SecurityIssuance",
            "Tencent",
            &amount("1270000000, 9000000000")
        ),
        (1, 3)
    );
    // the named query lists them
    let rows = csv(&store, "multi-source-facts");
    assert!(rows.len() >= 4, "{rows:?}");
}

#[test]
fn different_issuances_by_one_issuer_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "Zentrix bond sale\nDate: 2025-03-03\n\nZentrix Holdings Ltd. raised $500 million through a bond offering on Monday, the company said in a filing to regulators.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Zentrix taps market again\nDate: 2025-03-06\n\nZentrix Holdings Ltd. raised $750 million through a second bond offering on Thursday, the company said in a filing to regulators.\n",
    )
    .unwrap();
    let store = dir.path().join("s");
    ingest(&store, &[&a, &b]);
    assert_eq!(
        events_of(&store, "SecurityIssuance", "Zentrix Holdings Ltd.", ""),
        (2, 2)
    );
    // the same sale reported again by a third outlet joins the first node
    let c = dir.path().join("c.txt");
    std::fs::write(
        &c,
        "Zentrix debt\nDate: 2025-03-04\n\nZentrix Holdings Ltd. raised about $500 million via a bond offering this week, according to people familiar with the deal.\n",
    )
    .unwrap();
    ingest(&store, &[&c]);
    assert_eq!(
        events_of(&store, "SecurityIssuance", "Zentrix Holdings Ltd.", ""),
        (2, 3)
    );
}

#[test]
fn related_story_teasers_give_no_entities() {
    // 003 ends with "Source link" and teasers for other stories (Oklo, IG Group, NAGA…)
    let out = Command::new(bin())
        .args(["extract", "data/articles/003.txt"])
        .output()
        .unwrap();
    let nq = String::from_utf8(out.stdout).unwrap();
    for teaser in ["Oklo", "IG Group", "NAGA", "TradeLocker", "GetBusy", "Pyth"] {
        assert!(
            !nq.lines()
                .any(|l| l.contains("schema.org/name>") && l.contains(teaser)),
            "entity from a related-story teaser: {teaser}"
        );
    }
    // ...but they are kept as zones, so users can see what was left out
    assert!(nq.contains("\"related\""));
}
