//! `newsgraph validate` through the real binary: the sample store conforms,
//! the broken fixture (`tests/fixtures/validate/broken.nq`) gives the expected
//! results by shape and node, and bad input is an error (exit 2).
//!
//! Build and run only in release mode (`cargo test --profile ci --test validate`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
const ID: &str = "https://w3id.org/newsgraph/id/";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn broken() -> PathBuf {
    root().join("tests/fixtures/validate/broken.nq")
}

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run newsgraph")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_sample_store_conforms() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let articles = root().join("data/articles");
    let o = run(
        &["ingest", articles.to_str().unwrap(), "--store", store],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["validate", "--store", store], tmp.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout(&o).starts_with("conforms: "), "{}", stdout(&o));
    let o = run(
        &["validate", "--store", store, "--format", "json"],
        tmp.path(),
    );
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["conforms"], true);
    assert!(
        j["focusNodes"].as_u64().unwrap() > 500,
        "{}",
        j["focusNodes"]
    );
}

/// (shape, focus node without the id base, component without the suffix).
fn triples(j: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    j["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["shape"].as_str().unwrap().to_string(),
                r["focusNode"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches('<')
                    .trim_start_matches(ID)
                    .trim_end_matches('>')
                    .to_string(),
                r["sourceConstraintComponent"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("http://www.w3.org/ns/shacl#")
                    .trim_end_matches("ConstraintComponent")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn the_broken_fixture_fails_by_shape_and_node() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(
        &["validate", broken().to_str().unwrap(), "--format", "json"],
        tmp.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["conforms"], false);
    let expected: BTreeSet<(String, String, String)> = [
        (
            "ngsh:ArticleShape ng:contentHash",
            "article/two-hashes",
            "MaxCount",
        ),
        (
            "ngsh:ArticleShape ng:contentHash",
            "article/no-hash",
            "MinCount",
        ),
        (
            "ngsh:ArticleShape schema:datePublished",
            "article/two-hashes",
            "Datatype",
        ),
        (
            "ngsh:ZoneShape nif:beginIndex",
            "zone/negative",
            "MinInclusive",
        ),
        (
            "ngsh:MentionShape nif:beginIndex",
            "mention/backwards",
            "LessThan",
        ),
        ("ngsh:EntityShape owl:sameAs", "entity/sameas", "Pattern"),
        (
            "ngsh:FigureShape schema:value",
            "figure/currency",
            "LessThanOrEquals",
        ),
        (
            "ngsh:MonetaryFigureShape schema:currency",
            "figure/currency",
            "Pattern",
        ),
        ("ngsh:EventShape rdf:type", "event/untyped", "HasValue"),
        (
            "ngsh:EventShape rdf:type #2",
            "event/untyped",
            "QualifiedMaxCount",
        ),
        ("ngsh:EventShape ng:status", "event/untyped", "In"),
        (
            "ngsh:EventShape ng:confidence",
            "event/untyped",
            "MaxInclusive",
        ),
        (
            "ngsh:ConfidenceShape ng:confidence",
            "event/untyped",
            "MaxInclusive",
        ),
        ("ngsh:EventShape ng:hasFigure", "event/untyped", "Or"),
        ("ngsh:RoleShape ^ng:holdsRole", "role/orphan", "MinCount"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    let got = triples(&j);
    assert_eq!(
        got,
        expected,
        "\nmissing: {:?}\nunexpected: {:?}",
        expected.difference(&got),
        got.difference(&expected)
    );
    // the sameAs shape is a warning, all others violations
    let warnings: Vec<&serde_json::Value> = j["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["severity"] == "http://www.w3.org/ns/shacl#Warning")
        .collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0]["value"],
        "<http://dbpedia.org/resource/Alibaba_Group>"
    );

    // the text report groups by shape and names the node and the message
    let o = run(
        &["validate", broken().to_str().unwrap(), "--limit", "1"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("ngsh:ArticleShape ng:contentHash: 2 results on 2 nodes (Violation)"),
        "{text}"
    );
    assert!(text.contains("  ... and 1 more"), "{text}");
    assert!(
        text.contains("does not conform: 14 violations, 1 warning in 14 shapes"),
        "{text}"
    );
    assert!(text.contains("<https://w3id.org/newsgraph/id/zone/negative> nif:beginIndex [MinInclusive] value \"-3\"^^xsd:integer"), "{text}");

    // the Turtle report is a W3C validation report with one result each
    let o = run(
        &["validate", broken().to_str().unwrap(), "--format", "turtle"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let ttl = stdout(&o);
    assert!(ttl.contains("sh:conforms false"));
    assert_eq!(ttl.matches("a sh:ValidationResult").count(), 15, "{ttl}");
    assert!(
        ttl.contains("sh:resultPath [ sh:inversePath <https://w3id.org/newsgraph/ont#holdsRole> ]"),
        "{ttl}"
    );
}

#[test]
fn custom_shapes_and_errors() {
    let tmp = tempfile::tempdir().unwrap();
    // a shapes file with a SHACL feature the engine does not implement: error, not a pass
    let shapes = tmp.path().join("shapes.ttl");
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://example.org/S> a sh:NodeShape ; sh:targetNode <http://example.org/a> ; sh:sparql [ sh:select \"SELECT $this {}\" ] .\n",
    )
    .unwrap();
    let o = run(
        &[
            "validate",
            broken().to_str().unwrap(),
            "--shapes",
            shapes.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("sh:sparql"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // a shapes file that the data meets
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://example.org/S> a sh:NodeShape ; sh:targetClass <https://w3id.org/newsgraph/ont#Article> ; sh:nodeKind sh:IRI .\n",
    )
    .unwrap();
    let o = run(
        &[
            "validate",
            broken().to_str().unwrap(),
            "--shapes",
            shapes.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with("conforms: 2 focus nodes"),
        "{}",
        stdout(&o)
    );

    // missing file, unknown extension, unparsable data, missing store: exit 2
    let bad = tmp.path().join("bad.nq");
    std::fs::write(&bad, "<a> <b> .\n").unwrap();
    let unknown = tmp.path().join("data.csv");
    std::fs::write(&unknown, "a,b\n").unwrap();
    for args in [
        vec!["validate", "/no/such/file.nq"],
        vec!["validate", unknown.to_str().unwrap()],
        vec!["validate", bad.to_str().unwrap()],
        vec!["validate", "--store", "/no/such/store"],
    ] {
        let o = run(&args, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(!o.stderr.is_empty());
    }

    // gzip input
    let gz = tmp.path().join("broken.nq.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    std::io::Write::write_all(&mut enc, &std::fs::read(broken()).unwrap()).unwrap();
    enc.finish().unwrap();
    let o = run(
        &["validate", gz.to_str().unwrap(), "--format", "json"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["results"].as_array().unwrap().len(), 15);
}
