//! Integration tests that run the real `newsgraph` binary on fixtures.
//!
//! * Inputs: the sample articles in `data/articles/`, the gold annotations in
//!   `data/eval/gold/`, and small fixtures in `tests/fixtures/` (an article
//!   with explicit headers, and `bad/`: one good article and one input of
//!   each kind that must be refused).
//! * Every store lives in a temporary directory, and every command runs with
//!   a temporary working directory, so nothing is written into the repository
//!   (not even the default `./newsgraph-store`).
//!
//! Golden files: `tests/golden/*.nq` hold the exact `extract --format nquads`
//! output for one sample article and for `tests/fixtures/headers.txt`; the
//! tests compare byte for byte. After an intended change to the output,
//! regenerate them and review the diff before committing:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --profile ci --test cli golden
//! git diff tests/golden/
//! ```
//!
//! Build and run only in release mode (`cargo test --profile ci --test cli`):
//! a debug build recompiles RocksDB.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
const ENTITIES_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/entities";
const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const NG: &str = "https://w3id.org/newsgraph/ont#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const COUNT_QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
const COUNT_ARTICLES: &str = "PREFIX ng: <https://w3id.org/newsgraph/ont#>
    SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }";
const SUBCOMMANDS: [&str; 8] = [
    "ingest", "extract", "query", "export", "stats", "eval", "push", "link",
];
const EXPORT_FORMATS: [&str; 6] = ["nquads", "trig", "turtle", "ntriples", "jsonld", "rdfxml"];

// ---------------------------------------------------------------- paths

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn articles_dir() -> PathBuf {
    root().join("data/articles")
}

fn article(n: u32) -> PathBuf {
    articles_dir().join(format!("{n:03}.txt"))
}

fn sample_articles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(articles_dir())
        .expect("data/articles")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "expected five sample articles: {v:?}");
    v
}

fn gold_dir() -> PathBuf {
    root().join("data/eval/gold")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---------------------------------------------------------------- running the binary

/// What one run of the binary did.
struct Run {
    args: Vec<String>,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8(self.stdout.clone())
            .unwrap_or_else(|e| panic!("{}: stdout is not UTF-8: {e}", self.cmd()))
    }

    fn cmd(&self) -> String {
        format!("newsgraph {}", self.args.join(" "))
    }

    fn context(&self) -> String {
        let out = String::from_utf8_lossy(&self.stdout);
        let head: String = out.chars().take(2000).collect();
        format!(
            "`{}` exited with {:?}\n--- stderr:\n{}\n--- stdout (start):\n{head}",
            self.cmd(),
            self.code,
            self.stderr
        )
    }

    /// Asserts exit code 0 and no panic; returns self for chaining.
    fn ok(self) -> Self {
        self.no_panic();
        assert_eq!(self.code, Some(0), "{}", self.context());
        self
    }

    /// Asserts a given exit code and no panic.
    fn code(self, code: i32) -> Self {
        self.no_panic();
        assert_eq!(self.code, Some(code), "{}", self.context());
        self
    }

    /// Asserts failure (a non-zero exit code, not a signal) and no panic.
    fn fails(self) -> Self {
        self.no_panic();
        assert!(
            matches!(self.code, Some(c) if c != 0),
            "expected failure; {}",
            self.context()
        );
        self
    }

    fn no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked; {}",
            self.context()
        );
    }

    fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}; {}",
            self.context()
        );
        self
    }
}

/// Runs the binary with `args` and `stdin`, in a fresh temporary working directory.
fn run_with_stdin<S: AsRef<str>>(args: &[S], stdin: &[u8]) -> Run {
    let cwd = tempfile::tempdir().unwrap();
    let args: Vec<String> = args.iter().map(|a| a.as_ref().to_string()).collect();
    let mut child = Command::new(BIN)
        .args(&args)
        .current_dir(cwd.path())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsgraph");
    {
        let mut w = child.stdin.take().unwrap();
        // The binary may exit without reading stdin: ignore a broken pipe here.
        let _ = w.write_all(stdin);
    }
    let o = child.wait_with_output().expect("wait for newsgraph");
    Run {
        args,
        code: o.status.code(),
        stdout: o.stdout,
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn run<S: AsRef<str>>(args: &[S]) -> Run {
    run_with_stdin(args, b"")
}

/// Runs the binary with its stdout already closed (as in `newsgraph ... | head -0`).
fn run_with_closed_stdout<S: AsRef<str>>(args: &[S]) -> Run {
    let cwd = tempfile::tempdir().unwrap();
    let args: Vec<String> = args.iter().map(|a| a.as_ref().to_string()).collect();
    let mut child = Command::new(BIN)
        .args(&args)
        .current_dir(cwd.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsgraph");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait for newsgraph");
    Run {
        args,
        code: o.status.code(),
        stdout: Vec::new(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

// ---------------------------------------------------------------- store helpers

/// A temporary directory with a store path inside it (not yet created).
struct TempStore {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl TempStore {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        TempStore { _dir: dir, path }
    }

    fn arg(&self) -> &str {
        path_str(&self.path)
    }

    fn ingest(&self, inputs: &[&Path], extra: &[&str]) -> Run {
        let mut args: Vec<String> = vec!["ingest".into()];
        args.extend(inputs.iter().map(|p| path_str(p).to_string()));
        args.extend(["--store".into(), self.arg().into()]);
        args.extend(extra.iter().map(|s| s.to_string()));
        run(&args)
    }

    /// A store holding the five sample articles.
    fn sample() -> Self {
        let s = TempStore::new();
        s.ingest(&[&articles_dir()], &[]).ok();
        s
    }

    fn query(&self, sparql: &str, format: &str) -> Run {
        run(&["query", sparql, "--store", self.arg(), "--format", format]).ok()
    }

    /// Rows of a SELECT as SPARQL JSON results: variable -> plain value.
    fn select(&self, sparql: &str) -> Vec<BTreeMap<String, String>> {
        let r = self.query(sparql, "json");
        let v: serde_json::Value = serde_json::from_slice(&r.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}); {}", r.context()));
        v["results"]["bindings"]
            .as_array()
            .unwrap_or_else(|| panic!("no results.bindings; {}", r.context()))
            .iter()
            .map(|b| {
                b.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_string()))
                    .collect()
            })
            .collect()
    }

    /// The single number of a `SELECT (COUNT(..) AS ?n)` query, read from CSV output.
    fn count_csv(&self, sparql: &str) -> u64 {
        let r = self.query(sparql, "csv");
        let out = r.out();
        let lines: Vec<&str> = out.lines().map(|l| l.trim_end_matches('\r')).collect();
        assert_eq!(lines.len(), 2, "one header and one row; {}", r.context());
        assert_eq!(lines[0], "n", "{}", r.context());
        lines[1]
            .parse()
            .unwrap_or_else(|e| panic!("not a count ({e}); {}", r.context()))
    }

    fn export(&self, extra: &[&str]) -> Run {
        let mut args = vec!["export", "--store", self.arg()];
        args.extend_from_slice(extra);
        run(&args).ok()
    }
}

// ---------------------------------------------------------------- RDF helpers

fn parse_rdf(data: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(data)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| {
            panic!(
                "output does not parse as {format}: {e}\n{}",
                String::from_utf8_lossy(&data[..data.len().min(2000)])
            )
        })
}

fn parse_nquads(data: &[u8]) -> Vec<Quad> {
    parse_rdf(data, RdfFormat::NQuads)
}

fn export_format(name: &str) -> RdfFormat {
    match name {
        "nquads" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "turtle" => RdfFormat::Turtle,
        "ntriples" => RdfFormat::NTriples,
        "jsonld" => RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        "rdfxml" => RdfFormat::RdfXml,
        other => panic!("unknown format {other}"),
    }
}

/// Non-empty lines of N-Quads output as a set.
fn line_set(data: &[u8]) -> BTreeSet<String> {
    String::from_utf8(data.to_vec())
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Subjects typed `ng:<class>` in parsed quads.
fn subjects_of_class(quads: &[Quad], class: &str) -> BTreeSet<String> {
    let class = format!("{NG}{class}");
    quads
        .iter()
        .filter(|q| q.predicate.as_str() == RDF_TYPE)
        .filter(|q| matches!(&q.object, Term::NamedNode(n) if n.as_str() == class))
        .map(|q| q.subject.to_string())
        .collect()
}

fn literal_value(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn extract(paths: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<&str> = vec!["extract"];
    args.extend(paths.iter().map(|p| path_str(p)));
    args.extend_from_slice(extra);
    run(&args)
}

// ---------------------------------------------------------------- golden files

/// Compares `actual` with `tests/golden/NAME` byte for byte, or rewrites the
/// golden file when `UPDATE_GOLDEN=1`.
fn check_golden(name: &str, actual: &[u8]) {
    let path = root().join("tests/golden").join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!("rewrote {}", path.display());
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_GOLDEN=1 cargo test --profile ci --test cli golden",
            path.display()
        )
    });
    if expected != actual {
        let (exp, act) = (line_set(&expected), line_set(actual));
        let missing: Vec<_> = exp.difference(&act).take(10).collect();
        let extra: Vec<_> = act.difference(&exp).take(10).collect();
        panic!(
            "output differs from {} ({} vs {} bytes).\nFirst lines only in the golden file:\n{}\nFirst lines only in the output:\n{}\n\
             If the change is intended: UPDATE_GOLDEN=1 cargo test --profile ci --test cli golden",
            path.display(),
            expected.len(),
            actual.len(),
            missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
            extra.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        );
    }
}

// ================================================================ 1. ingest, stats, re-ingest

/// The numbers of an ingest summary line.
#[derive(Debug, PartialEq)]
struct Summary {
    articles: u64,
    added: u64,
    replaced: u64,
    unchanged: u64,
    failed: u64,
    quads: u64,
    seconds: f64,
}

fn summary(r: &Run) -> Summary {
    let re = Regex::new(
        r"ingested (\d+) articles \((\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed\);.*store has (\d+) quads; (\d+(?:\.\d+)?) s",
    )
    .unwrap();
    let out = r.out();
    let c = re
        .captures(&out)
        .unwrap_or_else(|| panic!("no ingest summary line; {}", r.context()));
    let n = |i: usize| c[i].parse::<u64>().unwrap();
    Summary {
        articles: n(1),
        added: n(2),
        replaced: n(3),
        unchanged: n(4),
        failed: n(5),
        quads: n(6),
        seconds: c[7].parse().unwrap(),
    }
}

#[test]
fn ingest_prints_summary_and_stats_counts_articles() {
    let s = TempStore::new();
    let r = s.ingest(&[&articles_dir()], &[]).ok();
    let sum = summary(&r);
    assert_eq!(sum.articles, 5, "{}", r.context());
    assert_eq!(
        (sum.added, sum.replaced, sum.unchanged, sum.failed),
        (5, 0, 0, 0)
    );
    assert!(sum.seconds >= 0.0);
    assert!(sum.quads > 1000, "{}", r.context());
    assert_eq!(sum.quads, s.count_csv(COUNT_QUADS), "summary vs store");
    assert_eq!(s.count_csv(COUNT_ARTICLES), 5);

    let st = run(&["stats", "--store", s.arg()]).ok();
    let out = st.out();
    assert!(
        Regex::new(r"(?m)^\s*Article\s+5\s*$")
            .unwrap()
            .is_match(&out),
        "stats lacks `Article 5`; {}",
        st.context()
    );
    assert!(
        out.contains(&format!("quads: {}", sum.quads)),
        "{}",
        st.context()
    );
    // One row per article graph, each with its headline.
    let graphs = out.matches("/graph/article/").count();
    assert_eq!(graphs, 5, "{}", st.context());
    assert!(out.contains("China's tech index rides AI wave to 4 year high"));
}

#[test]
fn reingest_reports_articles_unchanged() {
    let s = TempStore::sample();
    let again = s.ingest(&[&articles_dir()], &[]).ok();
    let sum = summary(&again);
    assert_eq!(
        (
            sum.articles,
            sum.added,
            sum.replaced,
            sum.unchanged,
            sum.failed
        ),
        (5, 0, 0, 5, 0),
        "{}",
        again.context()
    );
    assert_eq!(s.count_csv(COUNT_ARTICLES), 5);
}

#[test]
fn reingest_leaves_quad_count_unchanged() {
    let s = TempStore::sample();
    let before = s.count_csv(COUNT_QUADS);
    let again = s.ingest(&[&articles_dir()], &[]).ok();
    let after = s.count_csv(COUNT_QUADS);
    assert_eq!(before, after, "re-ingest changed the quad count");
    assert_eq!(summary(&again).quads, before);
    // Also file by file, in another order.
    for p in sample_articles().iter().rev() {
        s.ingest(&[p], &[]).ok();
    }
    assert_eq!(s.count_csv(COUNT_QUADS), before);
}

#[test]
fn reingest_with_another_date_replaces_the_article() {
    let s = TempStore::new();
    s.ingest(&[&article(2)], &[]).ok();
    let r = s.ingest(&[&article(2)], &["--date", "2024-01-02"]).ok();
    let sum = summary(&r);
    assert_eq!((sum.replaced, sum.unchanged), (1, 0), "{}", r.context());
    let rows = s.select(
        "PREFIX schema: <http://schema.org/> SELECT ?d WHERE { ?a schema:datePublished ?d }",
    );
    let dates: Vec<&str> = rows.iter().map(|r| r["d"].as_str()).collect();
    assert_eq!(dates, ["2024-01-02"]);
}

// ================================================================ 2. determinism and sharding

#[test]
fn export_twice_is_byte_identical() {
    let s = TempStore::sample();
    for f in ["nquads", "trig", "turtle"] {
        let a = s.export(&["--format", f]);
        let b = s.export(&["--format", f]);
        assert!(!a.stdout.is_empty(), "{}", a.context());
        assert!(
            a.stdout == b.stdout,
            "export --format {f} differs between runs"
        );
    }
}

#[test]
fn export_of_two_stores_from_the_same_input_is_byte_identical() {
    let a = TempStore::sample();
    let b = TempStore::sample();
    let ea = a.export(&["--format", "nquads"]);
    let eb = b.export(&["--format", "nquads"]);
    let (la, lb) = (line_set(&ea.stdout), line_set(&eb.stdout));
    let only_a: Vec<_> = la.difference(&lb).take(3).collect();
    assert!(ea.stdout == eb.stdout, "exports differ, e.g. {only_a:#?}");
}

#[test]
fn extract_twice_is_byte_identical() {
    let a = extract(&[&articles_dir()], &[]).ok();
    let b = extract(&[&articles_dir()], &[]).ok();
    assert!(a.stdout.len() > 10_000, "{}", a.context());
    assert!(a.stdout == b.stdout, "extract output differs between runs");
}

#[test]
fn extract_shards_union_to_the_whole() {
    let whole = extract(&[&articles_dir()], &[]).ok();
    let whole_set = line_set(&whole.stdout);
    let mut union = BTreeSet::new();
    for p in sample_articles() {
        let part = extract(&[&p], &[]).ok();
        let set = line_set(&part.stdout);
        assert!(set.is_subset(&whole_set), "{} adds quads", p.display());
        union.extend(set);
    }
    let missing: Vec<_> = whole_set.difference(&union).take(5).collect();
    assert!(missing.is_empty(), "only in the whole: {missing:#?}");
    assert_eq!(union, whole_set);
    // The whole output is sorted and free of duplicates.
    let lines: Vec<&str> = std::str::from_utf8(&whole.stdout)
        .unwrap()
        .lines()
        .collect();
    assert_eq!(lines.len(), whole_set.len(), "duplicate lines");
    // The directory and the list of its files give the same bytes.
    let files = sample_articles();
    let listed = extract(&files.iter().map(|p| p.as_path()).collect::<Vec<_>>(), &[]).ok();
    assert!(listed.stdout == whole.stdout);
}

// ================================================================ 3. golden N-Quads

#[test]
fn golden_000_nquads() {
    let r = extract(&[&article(0)], &["--format", "nquads"]).ok();
    check_golden("000.nq", &r.stdout);
}

#[test]
fn golden_headers_nquads() {
    let r = extract(&[&fixture("headers.txt")], &["--format", "nquads"]).ok();
    check_golden("headers.nq", &r.stdout);
}

#[test]
fn headers_are_read_into_article_metadata() {
    let s = TempStore::new();
    s.ingest(&[&fixture("headers.txt")], &[]).ok();
    let rows = s.select(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#>
         PREFIX schema: <http://schema.org/>
         SELECT ?headline ?date ?dt ?publisher ?url ?urlKind WHERE {
           ?a a ng:Article ; schema:headline ?headline ; schema:datePublished ?date ;
              schema:publisher ?publisher ; schema:url ?url .
           BIND(DATATYPE(?date) AS ?dt)
           BIND(IF(isIRI(?url), \"iri\", \"literal\") AS ?urlKind)
         }",
    );
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let r = &rows[0];
    assert_eq!(r["headline"], "Acme Robotics Shares Jump After Bond Sale");
    assert_eq!(r["date"], "2024-03-05");
    assert_eq!(r["dt"], "http://www.w3.org/2001/XMLSchema#date");
    assert_eq!(r["publisher"], "Example Wire");
    assert_eq!(r["url"], "https://example.com/a1");
    assert_eq!(r["urlKind"], "iri");
}

#[test]
fn headers_fixture_body_facts_are_extracted() {
    let s = TempStore::new();
    s.ingest(&[&fixture("headers.txt")], &[]).ok();
    // The 7.5% rise, the $500 million bond sale and the quote with its speaker.
    let moves = s.select(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/>
         SELECT ?v WHERE { ?e a ng:PriceMove ; ng:change ?f . ?f schema:value ?v }",
    );
    assert!(
        moves
            .iter()
            .any(|r| r["v"].parse::<f64>().ok() == Some(7.5)),
        "{moves:#?}"
    );
    let issues = s.select(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/>
         SELECT ?v ?c WHERE { ?e a ng:SecurityIssuance ; ng:amount ?f . ?f schema:value ?v ; schema:currency ?c }",
    );
    assert!(
        issues
            .iter()
            .any(|r| r["v"].parse::<f64>().ok() == Some(5e8) && r["c"] == "USD"),
        "{issues:#?}"
    );
    let quotes = s.select(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/>
         SELECT ?name ?q WHERE { ?e a ng:Statement ; ng:speaker ?p ; ng:quoteText ?q . ?p schema:name ?name }",
    );
    assert!(
        quotes
            .iter()
            .any(|r| r["name"] == "Jane Smith" && r["q"].contains("Demand for our bonds")),
        "{quotes:#?}"
    );
}

#[test]
fn headers_fixture_company_is_one_entity_without_leading_preposition() {
    let s = TempStore::new();
    s.ingest(&[&fixture("headers.txt")], &[]).ok();
    let rows = s.select(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/>
         SELECT ?name WHERE { ?c a ng:Company ; schema:name ?name }",
    );
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str()).collect();
    assert_eq!(names.len(), 1, "one company expected: {names:?}");
    assert!(names[0].starts_with("Acme Robotics"), "{names:?}");
}

// ================================================================ 4. bad input

const BAD_FILES: [(&str, &str); 5] = [
    ("binary.bin", "binary"),
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("latin1.txt", "UTF-8"),
    ("feed.jsonl:2", "malformed JSON"),
];

/// The stderr line that names `file`, asserting it says `why`.
fn assert_names_bad_file(r: &Run, file: &str, why: &str) {
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains(&format!("{}{file}", std::path::MAIN_SEPARATOR)))
        .unwrap_or_else(|| panic!("stderr does not name {file}; {}", r.context()));
    assert!(
        line.contains(why),
        "the message for {file} does not say {why:?}: {line}"
    );
}

#[test]
fn ingest_of_bad_inputs_stores_the_good_ones_and_exits_1() {
    let s = TempStore::new();
    let r = s.ingest(&[&fixture("bad")], &[]).code(1);
    for (file, why) in BAD_FILES {
        assert_names_bad_file(&r, file, why);
    }
    // The good record of the JSON Lines file is not reported.
    assert!(!r.stderr.contains("feed.jsonl:1"), "{}", r.context());
    let sum = summary(&r);
    assert_eq!((sum.added, sum.failed), (2, 5), "{}", r.context());
    assert_eq!(s.count_csv(COUNT_ARTICLES), 2);
    let rows = s.select(
        "PREFIX schema: <http://schema.org/> SELECT ?h WHERE { ?a schema:headline ?h } ORDER BY ?h",
    );
    let headlines: Vec<&str> = rows.iter().map(|r| r["h"].as_str()).collect();
    assert_eq!(
        headlines,
        [
            "Contoso Bank Raises Dividend",
            "Northwind Foods Expands Into Asia"
        ]
    );
}

#[test]
fn extract_of_bad_inputs_prints_the_good_ones_and_exits_1() {
    let r = extract(&[&fixture("bad")], &[]).code(1);
    for (file, why) in BAD_FILES {
        assert_names_bad_file(&r, file, why);
    }
    let quads = parse_nquads(&r.stdout);
    assert_eq!(subjects_of_class(&quads, "Article").len(), 2);
    // The good article's graph is exactly what extracting it alone gives.
    let alone = extract(&[&fixture("bad/good.txt")], &[]).ok();
    assert!(line_set(&alone.stdout).is_subset(&line_set(&r.stdout)));
}

#[test]
fn missing_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    let m = path_str(&missing);
    let r = run(&["extract", m]).fails();
    r.stderr_has(m).stderr_has("no such file");
    let s = TempStore::new();
    let r = s.ingest(&[&missing], &[]).fails();
    r.stderr_has(m).stderr_has("no such file");
    // With a good path too, the good article is still extracted.
    let r = extract(&[&missing, &article(0)], &[]).fails();
    assert_eq!(
        subjects_of_class(&parse_nquads(&r.stdout), "Article").len(),
        1
    );
}

// ================================================================ 5. --date

#[test]
fn date_option_overrides_the_article_date() {
    let r = extract(&[&article(0)], &["--date", "2024-01-02"]).ok();
    let out = r.out();
    let published: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("<http://schema.org/datePublished>"))
        .collect();
    assert_eq!(published.len(), 1, "{published:#?}");
    assert!(
        published[0].contains("\"2024-01-02\"^^<http://www.w3.org/2001/XMLSchema#date>"),
        "{}",
        published[0]
    );
    // Without the option the sample article has its own date.
    let plain = extract(&[&article(0)], &[]).ok();
    assert!(plain
        .out()
        .contains("\"2025-09-25\"^^<http://www.w3.org/2001/XMLSchema#date>"));

    let s = TempStore::new();
    s.ingest(&[&article(0)], &["--date", "2024-01-02"]).ok();
    let rows = s.select(
        "PREFIX schema: <http://schema.org/> PREFIX ng: <https://w3id.org/newsgraph/ont#>
         SELECT ?d ?src WHERE { ?a schema:datePublished ?d ; ng:dateSource ?src }",
    );
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["d"], "2024-01-02");
    assert_eq!(rows[0]["src"], "option");
}

#[test]
fn bad_date_option_says_how_to_write_a_date() {
    let r = extract(&[&article(0)], &["--date", "notadate"]).fails();
    r.stderr_has("YYYY-MM-DD").stderr_has("notadate");
    assert!(r.stdout.is_empty());
    let s = TempStore::new();
    s.ingest(&[&article(0)], &["--date", "2024-13-40"])
        .fails()
        .stderr_has("YYYY-MM-DD");
    assert!(!s.path.exists(), "a refused command created the store");
}

// ================================================================ 6. stdin

#[test]
fn extract_reads_an_article_from_stdin() {
    let text = std::fs::read(article(0)).unwrap();
    let r = run_with_stdin(&["extract", "-"], &text).ok();
    let quads = parse_nquads(&r.stdout);
    assert_eq!(subjects_of_class(&quads, "Article").len(), 1);
    // Identity is content-derived: stdin gives the same graph as the file.
    let from_file = extract(&[&article(0)], &[]).ok();
    assert!(
        r.stdout == from_file.stdout,
        "stdin and file outputs differ"
    );
}

#[test]
fn ingest_reads_an_article_from_stdin() {
    let s = TempStore::new();
    let text = std::fs::read(fixture("headers.txt")).unwrap();
    let r = run_with_stdin(&["ingest", "-", "--store", s.arg()], &text).ok();
    assert_eq!(summary(&r).added, 1);
    assert_eq!(s.count_csv(COUNT_ARTICLES), 1);
}

// ================================================================ 7. queries

fn named_query_names() -> Vec<String> {
    let r = run(&["query", "--list"]).ok();
    let names: Vec<String> = r
        .out()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 5, "{}", r.context());
    names
}

#[test]
fn every_named_query_runs_and_prints_json() {
    let s = TempStore::sample();
    let names = named_query_names();
    // `--list` names the files of queries/.
    for n in &names {
        assert!(
            root().join("queries").join(format!("{n}.rq")).exists(),
            "{n} is not in queries/"
        );
    }
    let mut with_rows = 0;
    let mut offline = 0;
    for n in &names {
        let text = std::fs::read_to_string(root().join("queries").join(format!("{n}.rq"))).unwrap();
        if newsgraph::store::needs_network(&text) {
            // parsed, but not run: CI may have no network
            if let Err(e) = oxigraph::sparql::SparqlEvaluator::new().parse_query(&text) {
                panic!("{n} does not parse: {e}");
            }
            offline += 1;
            continue;
        }
        let r = run(&["query", n, "--store", s.arg(), "--format", "json"]).ok();
        let v: serde_json::Value = serde_json::from_slice(&r.stdout)
            .unwrap_or_else(|e| panic!("{n}: not JSON ({e}); {}", r.context()));
        let is_select = v["results"]["bindings"].is_array() && v["head"]["vars"].is_array();
        assert!(is_select || v["boolean"].is_boolean(), "{n}: {v}");
        if v["results"]["bindings"]
            .as_array()
            .is_some_and(|b| !b.is_empty())
        {
            with_rows += 1;
        }
        run(&["query", n, "--store", s.arg()]).ok();
    }
    assert!(
        with_rows * 2 > names.len() - offline,
        "most named queries should find something in the sample store ({with_rows}/{})",
        names.len() - offline
    );
}

#[test]
fn query_list_marks_queries_that_need_the_network() {
    let r = run(&["query", "--list"]).ok();
    let out = r.out();
    let line = |name: &str| -> String {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not listed; {}", r.context()))
            .to_string()
    };
    let wd = line("wikidata-companies");
    assert!(wd.contains("[needs-network]"), "{wd}");
    assert!(
        wd.contains("Wikidata"),
        "the description follows the mark: {wd}"
    );
    assert!(!line("biggest-movers").contains("needs-network"));
}

#[test]
fn unknown_query_name_lists_known_names() {
    let s = TempStore::sample();
    let r = run(&["query", "no-such-query", "--store", s.arg()]).fails();
    r.stderr_has("no-such-query");
    for n in named_query_names() {
        r.stderr_has(&n);
    }
}

#[test]
fn sparql_syntax_error_is_reported() {
    let s = TempStore::sample();
    let r = run(&["query", "SELECT * WHERE { ?s ?p }", "--store", s.arg()]).fails();
    assert!(
        r.stderr.to_lowercase().contains("syntax"),
        "{}",
        r.context()
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn query_without_store_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let m = path_str(&missing);
    for args in [
        vec!["query", "biggest-movers", "--store", m],
        vec!["export", "--store", m],
        vec!["stats", "--store", m],
        vec![
            "push",
            "--endpoint",
            "http://127.0.0.1:9/store",
            "--store",
            m,
        ],
        vec!["link", "--mapping", "links.csv", "--store", m],
    ] {
        let r = run(&args).fails();
        r.stderr_has(m).stderr_has("newsgraph ingest");
        assert!(!missing.exists(), "`{}` created the store", r.cmd());
    }
}

#[test]
fn query_from_file() {
    let s = TempStore::sample();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("q.rq");
    std::fs::write(&f, COUNT_ARTICLES).unwrap();
    let r = run(&[
        "query",
        "--file",
        path_str(&f),
        "--store",
        s.arg(),
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(
        r.out().lines().map(|l| l.trim_end()).collect::<Vec<_>>(),
        ["n", "5"]
    );
}

// ================================================================ 8. formats

const SELECT_ARTICLES: &str = "PREFIX ng: <https://w3id.org/newsgraph/ont#>
    SELECT ?a WHERE { ?a a ng:Article } ORDER BY ?a";

#[test]
fn select_results_in_every_format() {
    let s = TempStore::sample();
    let articles: Vec<String> = s
        .select(SELECT_ARTICLES)
        .into_iter()
        .map(|r| r["a"].clone())
        .collect();
    assert_eq!(articles.len(), 5);

    let csv = s.query(SELECT_ARTICLES, "csv").out();
    let csv: Vec<&str> = csv.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert_eq!(csv[0], "a");
    assert_eq!(&csv[1..], articles.as_slice());

    let tsv = s.query(SELECT_ARTICLES, "tsv").out();
    let tsv: Vec<&str> = tsv.lines().collect();
    assert_eq!(tsv[0], "?a");
    let expected: Vec<String> = articles.iter().map(|a| format!("<{a}>")).collect();
    assert_eq!(&tsv[1..], expected.as_slice());

    let xml = s.query(SELECT_ARTICLES, "xml").out();
    assert!(
        xml.contains("<sparql") && xml.contains("<variable name=\"a\"/>"),
        "{xml}"
    );
    for a in &articles {
        assert!(xml.contains(&format!("<uri>{a}</uri>")), "{xml}");
    }

    let table = s.query(SELECT_ARTICLES, "table").out();
    assert!(table.lines().next().unwrap().trim() == "a", "{table}");
    assert!(table.contains("(5 rows)"), "{table}");
    for a in &articles {
        assert!(table.contains(a.as_str()), "{table}");
    }

    let ask = "PREFIX ng: <https://w3id.org/newsgraph/ont#> ASK { ?a a ng:Article }";
    assert_eq!(s.query(ask, "table").out().trim(), "true");
    let v: serde_json::Value = serde_json::from_slice(&s.query(ask, "json").stdout).unwrap();
    assert_eq!(v["boolean"], true);
}

#[test]
fn construct_prints_turtle() {
    let s = TempStore::sample();
    let r = s.query(
        "PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/>
         CONSTRUCT { ?a schema:headline ?h } WHERE { ?a a ng:Article ; schema:headline ?h }",
        "table",
    );
    let out = r.out();
    assert!(out.contains("@prefix") || out.contains("PREFIX"), "{out}");
    let triples = parse_rdf(&r.stdout, RdfFormat::Turtle);
    assert_eq!(triples.len(), 5, "{out}");
}

#[test]
fn export_to_a_file_in_every_format() {
    let s = TempStore::sample();
    let dir = tempfile::tempdir().unwrap();
    let all = s.count_csv(COUNT_QUADS) as usize;
    let mut triple_counts = BTreeMap::new();
    for f in EXPORT_FORMATS {
        let out = dir.path().join(format!("all.{f}"));
        let r = s.export(&["--format", f, "-o", path_str(&out)]);
        assert!(
            r.stdout.is_empty(),
            "-o still wrote to stdout; {}",
            r.context()
        );
        let data = std::fs::read(&out).unwrap();
        let quads = parse_rdf(&data, export_format(f));
        match f {
            "nquads" | "trig" | "jsonld" => {
                assert_eq!(quads.len(), all, "{f}: every quad of the store");
                assert!(quads
                    .iter()
                    .all(|q| q.graph_name != GraphName::DefaultGraph));
            }
            _ => {
                assert!(!quads.is_empty(), "{f}");
                triple_counts.insert(f, quads.len());
            }
        }
        // Same output on stdout.
        let stdout = s.export(&["--format", f]);
        assert!(stdout.stdout == data, "{f}: -o and stdout differ");
    }
    let counts: BTreeSet<usize> = triple_counts.values().copied().collect();
    assert_eq!(
        counts.len(),
        1,
        "triple formats disagree: {triple_counts:?}"
    );
}

#[test]
fn export_graph_restricts_output() {
    let s = TempStore::sample();
    let all = parse_nquads(&s.export(&["--format", "nquads"]).stdout);
    let r = s.export(&["--format", "nquads", "--graph", ENTITIES_GRAPH]);
    let quads = parse_nquads(&r.stdout);
    assert!(!quads.is_empty());
    assert!(quads.len() < all.len());
    let expected = all
        .iter()
        .filter(
            |q| matches!(&q.graph_name, GraphName::NamedNode(n) if n.as_str() == ENTITIES_GRAPH),
        )
        .count();
    assert_eq!(quads.len(), expected);
    assert!(quads
        .iter()
        .all(|q| matches!(&q.graph_name, GraphName::NamedNode(n) if n.as_str() == ENTITIES_GRAPH)));
    assert!(!subjects_of_class(&quads, "Company").is_empty());
    assert!(subjects_of_class(&quads, "Article").is_empty());

    // A triple format with --graph, to a file.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("entities.ttl");
    s.export(&[
        "--format",
        "turtle",
        "--graph",
        ENTITIES_GRAPH,
        "-o",
        path_str(&out),
    ]);
    let triples = parse_rdf(&std::fs::read(&out).unwrap(), RdfFormat::Turtle);
    assert_eq!(triples.len(), quads.len());

    // An unknown graph is an error, not an empty file.
    run(&[
        "export",
        "--store",
        s.arg(),
        "--graph",
        "https://example.com/no-graph",
    ])
    .fails()
    .stderr_has("https://example.com/no-graph");
}

// ================================================================ 9. eval

fn eval(extra: &[&str]) -> Run {
    let (articles, gold) = (articles_dir(), gold_dir());
    let mut args = vec!["eval", path_str(&articles), path_str(&gold)];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn eval_json_has_summary_scores() {
    let r = eval(&["--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_slice(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); {}", r.context()));
    for m in ["entities", "figures", "events"] {
        let f1 = v["summary"][m]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("summary.{m}.f1 missing or not a number: {v:#}"));
        assert!((0.0..=1.0).contains(&f1), "summary.{m}.f1 = {f1}");
    }
    let articles = v["articles"].as_object().expect("articles");
    assert_eq!(articles.len(), 5);
}

#[test]
fn eval_floor_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let high = dir.path().join("high.json");
    std::fs::write(&high, r#"{"entities": 1.01}"#).unwrap();
    eval(&["--floor", path_str(&high)])
        .code(1)
        .stderr_has("entities");
    let zero = dir.path().join("zero.json");
    std::fs::write(&zero, r#"{"entities": 0, "figures": 0, "events": 0}"#).unwrap();
    eval(&["--floor", path_str(&zero)]).ok();
}

// ================================================================ 10. help

fn assert_help_has_example(args: &[&str]) {
    let r = run(args).ok();
    assert!(
        r.out().contains("Example"),
        "no example in help; {}",
        r.context()
    );
}

#[test]
fn help_of_binary_has_examples() {
    assert_help_has_example(&["--help"]);
    let out = run(&["--help"]).out();
    for c in SUBCOMMANDS {
        assert!(out.contains(c), "--help does not list {c}");
    }
}

macro_rules! help_test {
    ($($name:ident => $cmd:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            assert_help_has_example(&[$cmd, "--help"]);
        }
    )*};
}

help_test! {
    help_of_ingest_has_an_example => "ingest",
    help_of_extract_has_an_example => "extract",
    help_of_query_has_an_example => "query",
    help_of_export_has_an_example => "export",
    help_of_eval_has_an_example => "eval",
    help_of_push_has_an_example => "push",
    help_of_link_has_an_example => "link",
}

#[test]
fn help_of_stats_has_an_example() {
    assert_help_has_example(&["stats", "--help"]);
}

// ================================================================ 11. provenance

/// Checks that every node with begin/end/anchor has `anchor == text[begin..end]` in code
/// points, and that spans without an anchor (zones, the article itself) lie inside the
/// text; returns how many anchors were checked.
fn check_anchors(quads: &[Quad], text: &str) -> usize {
    #[derive(Default)]
    struct Span {
        begin: Option<usize>,
        end: Option<usize>,
        anchor: Option<String>,
    }
    let mut spans: BTreeMap<String, Span> = BTreeMap::new();
    for q in quads {
        let Some(local) = q.predicate.as_str().strip_prefix(NIF) else {
            continue;
        };
        let Some(v) = literal_value(&q.object) else {
            continue;
        };
        let e = spans.entry(q.subject.to_string()).or_default();
        match local {
            "beginIndex" => e.begin = Some(v.parse().unwrap()),
            "endIndex" => e.end = Some(v.parse().unwrap()),
            "anchorOf" => e.anchor = Some(v.to_string()),
            _ => {}
        }
    }
    let zones = subjects_of_class(quads, "Zone");
    let articles = subjects_of_class(quads, "Article");
    let chars: Vec<char> = text.chars().collect();
    let mut checked = 0;
    for (node, s) in &spans {
        assert!(
            s.anchor.is_none() || (s.begin.is_some() && s.end.is_some()),
            "{node}: anchorOf without offsets"
        );
        let (Some(b), Some(e)) = (s.begin, s.end) else {
            continue;
        };
        assert!(
            b <= e && e <= chars.len(),
            "{node}: span {b}..{e} out of the text"
        );
        if let Some(anchor) = &s.anchor {
            let slice: String = chars[b..e].iter().collect();
            assert_eq!(&slice, anchor, "{node}: anchorOf is not text[{b}..{e}]");
            checked += 1;
        } else if articles.contains(node) {
            assert_eq!(
                (b, e),
                (0, chars.len()),
                "{node}: the article spans the text"
            );
        } else {
            assert!(zones.contains(node), "{node}: span without anchorOf");
        }
    }
    checked
}

#[test]
fn anchors_are_code_point_slices_of_001() {
    let path = article(1);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.chars().count() < text.len(),
        "001.txt should contain non-ASCII text to tell code points from bytes"
    );
    let r = extract(&[&path], &["--format", "nquads"]).ok();
    let quads = parse_nquads(&r.stdout);
    let n = check_anchors(&quads, &text);
    assert!(n > 50, "only {n} anchors checked");
}

#[test]
fn anchors_are_code_point_slices_in_every_input() {
    let mut inputs = sample_articles();
    inputs.push(fixture("headers.txt"));
    inputs.push(fixture("bad/good.txt"));
    for p in inputs {
        let text = std::fs::read_to_string(&p).unwrap();
        let r = extract(&[&p], &["--include-text"]).ok();
        let quads = parse_nquads(&r.stdout);
        assert!(check_anchors(&quads, &text) > 0, "{}", p.display());
        // --include-text stores the text exactly as read.
        let stored: Vec<&str> = quads
            .iter()
            .filter(|q| q.predicate.as_str() == format!("{NIF}isString"))
            .filter_map(|q| literal_value(&q.object))
            .collect();
        assert_eq!(stored, [text.as_str()], "{}", p.display());
    }
}

// ================================================================ robustness

#[test]
fn closed_stdout_does_not_panic() {
    let s = TempStore::sample();
    for args in [
        vec!["stats", "--store", s.arg()],
        vec!["query", "--list"],
        vec!["export", "--store", s.arg()],
        vec!["query", SELECT_ARTICLES, "--store", s.arg()],
    ] {
        let r = run_with_closed_stdout(&args);
        r.no_panic();
    }
}
