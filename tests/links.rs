//! Integration tests of `newsgraph link` and of the `--describe` and
//! `--annotations` export options, running the real binary on the sample
//! articles and `tests/fixtures/links.csv`.
//!
//! Build and run in release mode only: `cargo test --profile ci --test links`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
const LINKS_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/links";
const DESCRIPTION_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/description";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn newsgraph(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run newsgraph")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A temporary sample store (all of data/articles) and working directory.
struct Sample {
    dir: tempfile::TempDir,
}

impl Sample {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let o = newsgraph(
            &[
                "ingest",
                s(&root().join("data/articles")),
                "--store",
                s(&dir.path().join("store")),
            ],
            dir.path(),
        );
        assert!(o.status.success(), "ingest: {:?}", text(&o));
        Sample { dir }
    }
    fn store(&self) -> String {
        s(&self.dir.path().join("store")).to_string()
    }
    fn run(&self, args: &[&str]) -> Output {
        let store = self.store();
        let mut v: Vec<&str> = args.to_vec();
        v.extend(["--store", store.as_str()]);
        newsgraph(&v, self.dir.path())
    }
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {:?}", text(&o));
        text(&o).0
    }
    fn link(&self, mapping: &Path) -> String {
        self.ok(&["link", "--mapping", s(mapping)])
    }
    /// The single value of a one-column CSV query result.
    fn value(&self, sparql: &str) -> String {
        let out = self.ok(&["query", sparql, "--format", "csv"]);
        out.lines().nth(1).unwrap_or_default().trim().to_string()
    }
    fn count(&self, sparql: &str) -> usize {
        self.value(sparql)
            .parse()
            .unwrap_or_else(|_| panic!("{sparql}"))
    }
    fn links_triples(&self) -> usize {
        self.count(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o }} }}"
        ))
    }
    fn entity(&self, name: &str) -> String {
        self.value(&format!(
            "SELECT ?e WHERE {{ GRAPH <https://w3id.org/newsgraph/id/graph/entities> {{ ?e <http://schema.org/name> \"{name}\" }} }}"
        ))
    }
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/links.csv")
}

// ================================================================ link

#[test]
fn fixture_rows_are_matched_or_reported_with_their_line() {
    let sample = Sample::new();
    let out = sample.link(&fixture());
    let line = |n: u32| -> String {
        let prefix = format!("links.csv:{n}: ");
        out.lines()
            .find(|l| l.contains(&prefix))
            .unwrap_or_else(|| panic!("no report for line {n}:\n{out}"))
            .to_string()
    };
    let apple = sample.entity("Apple");
    assert!(
        line(5).contains(&format!("matched \"Apple\" -> <{apple}>")),
        "{out}"
    );
    // accents and case do not matter
    let ubp = sample.entity("Union Bancaire Privee");
    assert!(line(6).contains(&format!("-> <{ubp}>")), "{out}");
    assert!(line(7).contains("matched \"Xiaomi\""), "{out}");
    // "DeepSeek" and "DeepSeek." are two entities with the same folded name
    assert!(
        line(8).contains("ambiguous") && line(8).contains("2 entities"),
        "{out}"
    );
    // the kind restricts: Xiaomi is a company, not a product
    assert!(line(9).contains("not found"), "{out}");
    assert!(line(10).contains("not found"), "{out}");
    assert!(
        line(11).contains("invalid") && line(11).contains("Q0860580"),
        "{out}"
    );
    assert!(
        line(12).contains("invalid") && line(12).contains("check digits"),
        "{out}"
    );
    assert!(
        line(13).contains("invalid") && line(13).contains("permid"),
        "{out}"
    );
    assert!(
        out.contains("9 rows: 3 matched, 1 ambiguous, 2 not found, 3 invalid"),
        "{out}"
    );
    assert!(out.contains("now holds 8 triples"), "{out}");
}

#[test]
fn links_are_queryable_in_their_own_graph() {
    let sample = Sample::new();
    sample.link(&fixture());
    let apple = sample.entity("Apple");
    for (p, o) in [
        (
            "http://www.w3.org/2002/07/owl#sameAs",
            "<http://www.wikidata.org/entity/Q312>".to_string(),
        ),
        (
            "http://www.w3.org/2002/07/owl#sameAs",
            "<https://permid.org/1-4295905573>".to_string(),
        ),
        (
            "http://schema.org/leiCode",
            "\"HWUPKR0MPOU8FGXBT394\"".to_string(),
        ),
        (
            "https://w3id.org/newsgraph/ont#permId",
            "\"4295905573\"".to_string(),
        ),
        ("http://schema.org/tickerSymbol", "\"AAPL\"".to_string()),
    ] {
        let ask = format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ <{apple}> <{p}> {o} }} }}"
        );
        assert_eq!(sample.count(&ask), 1, "{p} {o}");
    }
    // nothing from an invalid or unmatched row
    let stray = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o FILTER(?o IN (<http://www.wikidata.org/entity/Q42>, <http://www.wikidata.org/entity/Q1>, <http://www.wikidata.org/entity/Q123456789>)) }} }}"
    );
    assert_eq!(sample.count(&stray), 0);
}

#[test]
fn linked_entities_leave_the_to_link_list() {
    let sample = Sample::new();
    let listed = |sample: &Sample| -> Vec<String> {
        sample
            .ok(&["query", "entities-to-link", "--format", "csv"])
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next().map(str::to_string))
            .collect()
    };
    let before = listed(&sample);
    assert!(before.contains(&"Xiaomi".to_string()), "{before:?}");
    sample.link(&fixture());
    let after = listed(&sample);
    assert!(!after.contains(&"Xiaomi".to_string()), "{after:?}");
    assert!(
        !after.contains(&"Union Bancaire Privee".to_string()),
        "{after:?}"
    );
    assert_eq!(after.len() + 2, before.len());
}

#[test]
fn linking_again_replaces_the_links_graph() {
    let sample = Sample::new();
    sample.link(&fixture());
    assert_eq!(sample.links_triples(), 8);
    sample.link(&fixture());
    assert_eq!(sample.links_triples(), 8, "a second run adds nothing");
    let small = sample.dir.path().join("small.csv");
    std::fs::write(&small, "name,wikidata\nApple,Q312\n").unwrap();
    let out = sample.link(&small);
    assert!(out.contains("1 rows: 1 matched"), "{out}");
    assert_eq!(
        sample.links_triples(),
        1,
        "links of the old mapping are gone"
    );
    // the entities graph is untouched
    let gaz_links = sample.count(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/entities> { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o } }",
    );
    assert!(gaz_links > 0);
}

#[test]
fn rows_may_name_entities_by_iri() {
    let sample = Sample::new();
    let jd = sample.entity("JD.com");
    assert!(jd.starts_with("https://"), "{jd}");
    let m = sample.dir.path().join("by-iri.csv");
    std::fs::write(
        &m,
        format!(
            "entity,kind,wikidata\n<{jd}>,company,Q5\n{jd},person,Q6\nhttps://w3id.org/newsgraph/id/entity/nope,,Q7\n"
        ),
    )
    .unwrap();
    let out = sample.link(&m);
    assert!(
        out.contains(&format!("by-iri.csv:2: matched <{jd}> -> <{jd}>")),
        "{out}"
    );
    assert!(
        out.contains("by-iri.csv:3: not found"),
        "kind still applies: {out}"
    );
    assert!(out.contains("by-iri.csv:4: not found"), "{out}");
}

#[test]
fn unusable_mapping_files_exit_1_and_name_the_file() {
    let sample = Sample::new();
    let missing = sample.dir.path().join("missing.csv");
    let o = sample.run(&["link", "--mapping", s(&missing)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("missing.csv"), "{:?}", text(&o));
    let bad = sample.dir.path().join("bad.csv");
    std::fs::write(&bad, "company,qid\nApple,Q312\n").unwrap();
    let o = sample.run(&["link", "--mapping", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o).1;
    assert!(
        err.contains("bad.csv: header: unknown column `company`"),
        "{err}"
    );
    assert_eq!(sample.links_triples(), 0, "nothing written");
}

// ================================================================ --describe, --annotations

fn export(sample: &Sample, extra: &[&str]) -> String {
    let mut args = vec!["export", "--format", "nquads"];
    args.extend(extra);
    sample.ok(&args)
}

#[test]
fn describe_counts_the_dataset_and_its_linksets() {
    let sample = Sample::new();
    sample.link(&fixture());
    let plain = export(&sample, &[]);
    let described = export(&sample, &["--describe", "--describe-date", "2025-10-01"]);
    assert_eq!(
        described,
        export(&sample, &["--describe", "--describe-date", "2025-10-01"])
    );
    let desc: Vec<&str> = described
        .lines()
        .filter(|l| l.ends_with(&format!("<{DESCRIPTION_GRAPH}> .")))
        .collect();
    assert_eq!(
        plain.lines().count() + desc.len(),
        described.lines().count(),
        "the description is added in its own graph, nothing else changes"
    );
    let has = |needle: &str| desc.iter().any(|l| l.contains(needle));
    let distinct_triples: std::collections::BTreeSet<String> = plain
        .lines()
        .map(|l| {
            l.rsplit_once(" <")
                .map(|(t, _)| t.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert!(
        has(&format!(
            "<http://rdfs.org/ns/void#triples> \"{}\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            distinct_triples.len()
        )),
        "void:triples counts distinct triples ({})",
        distinct_triples.len()
    );
    assert!(has("<http://rdfs.org/ns/void#Linkset>"));
    assert!(has("\"http://www.wikidata.org/entity/\""));
    assert!(has("\"https://permid.org/1-\""));
    assert!(has(
        "<http://rdfs.org/ns/void#vocabulary> <http://schema.org/>"
    ));
    assert!(has(
        "<http://rdfs.org/ns/void#class> <https://w3id.org/newsgraph/ont#Company>"
    ));
    assert!(has("<http://purl.org/dc/terms/created> \"2025-10-01\""));
    assert!(has("<http://www.w3.org/ns/prov#wasGeneratedBy>"));
    assert!(has(
        "<https://www.iana.org/assignments/media-types/application/n-quads>"
    ));
    assert!(!desc.iter().any(|l| l.contains("_:")), "no blank nodes");
}

#[test]
fn annotations_restate_every_anchor_with_selectors() {
    let sample = Sample::new();
    let anchors = sample.count(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#>
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
         SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?m ?x WHERE {
           { ?x ng:evidence ?m } UNION { ?m itsrdf:taIdentRef ?x } } }",
    );
    assert!(anchors > 100, "{anchors}");
    let out = export(&sample, &["--annotations"]);
    let count = |needle: &str| out.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(
        count("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation>"),
        anchors
    );
    assert_eq!(count("<http://www.w3.org/ns/oa#hasBody>"), anchors);
    let positions = count("<http://www.w3.org/ns/oa#TextPositionSelector>");
    assert_eq!(count("<http://www.w3.org/ns/oa#start>"), positions);
    assert_eq!(count("<http://www.w3.org/ns/oa#exact>"), positions);
    assert!(
        !out.lines()
            .filter(|l| l.contains("/annotation/"))
            .any(|l| l.contains("_:")),
        "no blank nodes"
    );
    // the store has no article text, so no prefix/suffix there ...
    assert_eq!(count("<http://www.w3.org/ns/oa#prefix>"), 0);
    assert_eq!(out, export(&sample, &["--annotations"]), "deterministic");

    // ... while extract has the text: prefix + exact + suffix is in the article
    let article = root().join("data/articles/001.txt");
    let o = newsgraph(
        &[
            "extract",
            s(&article),
            "--annotations",
            "--format",
            "nquads",
        ],
        sample.dir.path(),
    );
    assert!(o.status.success(), "{:?}", text(&o));
    let ex = text(&o).0;
    assert!(
        !ex.contains("nif-core#isString"),
        "the text is not printed unless asked for"
    );
    let ds = oxigraph::store::Store::new().unwrap();
    ds.load_from_slice(oxigraph::io::RdfFormat::NQuads, ex.as_bytes())
        .unwrap();
    let q = "PREFIX oa: <http://www.w3.org/ns/oa#>
             SELECT ?p ?x ?s WHERE { GRAPH ?g { ?q oa:prefix ?p ; oa:exact ?x ; oa:suffix ?s } }";
    let mut checked = 0;
    let body = std::fs::read_to_string(&article).unwrap();
    let mut eval = oxigraph::sparql::SparqlEvaluator::new()
        .parse_query(q)
        .unwrap();
    eval.dataset_mut().set_default_graph_as_union();
    if let oxigraph::sparql::QueryResults::Solutions(sol) = eval.on_store(&ds).execute().unwrap() {
        for r in sol {
            let r = r.unwrap();
            let v = |n: &str| match r.get(n) {
                Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
                other => panic!("{other:?}"),
            };
            let joined = format!("{}{}{}", v("p"), v("x"), v("s"));
            assert!(body.contains(&joined), "not in the article: {joined:?}");
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
}

#[test]
fn describe_refuses_a_single_graph() {
    let sample = Sample::new();
    let o = sample.run(&["export", "--describe", "--graph", LINKS_GRAPH]);
    assert!(!o.status.success());
    assert!(text(&o).1.contains("--describe"), "{:?}", text(&o));
}
