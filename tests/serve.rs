//! `newsgraph serve` end to end: the real binary on a free port, over a
//! store ingested from data/articles, spoken to with a minimal HTTP client.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One sample store for all read-only servers of this file.
fn sample_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("store");
            let out = Command::new(BIN)
                .args(["ingest", root().join("data/articles").to_str().unwrap()])
                .arg("--store")
                .arg(&store)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "ingest failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            (dir, store)
        })
        .1
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(store: &Path, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("stderr.log");
        // a port taken between the probe and the bind is retried with another
        for _ in 0..5 {
            let port = free_port();
            let mut child = Command::new(BIN)
                .arg("serve")
                .arg("--store")
                .arg(store)
                .args(["--bind", &format!("127.0.0.1:{port}")])
                .args(extra)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .unwrap();
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                // the banner is printed once this server holds the port (a bare
                // connect could reach another test's server that got the same port)
                let banner = format!("at http://127.0.0.1:{port}/");
                if std::fs::read_to_string(&log).is_ok_and(|l| l.contains(&banner)) {
                    return Server {
                        child,
                        port,
                        log,
                        _dir: dir,
                    };
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!(
            "the server did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        http(self.port, method, path, headers, body)
    }

    fn get(&self, path: &str, accept: &str) -> Reply {
        self.request("GET", path, &[("Accept", accept)], b"")
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
    fn ok(self) -> Self {
        assert_eq!(self.status, 200, "{}", self.text());
        self
    }
}

/// A minimal HTTP/1.1 client: one request per connection, bodies with Content-Length.
fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if let Some(n) = headers.get("content-length") {
        body.truncate(n.parse().unwrap());
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Number of solutions in a results document, parsed with the format's own
/// parser (CSV, which Oxigraph does not read back, by a small RFC 4180 reader).
fn count_solutions(body: &[u8], format: QueryResultsFormat) -> usize {
    if format == QueryResultsFormat::Csv {
        return csv_records(std::str::from_utf8(body).expect("CSV is UTF-8")) - 1;
    }
    match QueryResultsParser::from_format(format)
        .for_slice(body)
        .unwrap_or_else(|e| panic!("{format:?} does not parse: {e}"))
    {
        SliceQueryResultsParserOutput::Solutions(s) => {
            s.collect::<Result<Vec<_>, _>>().unwrap().len()
        }
        SliceQueryResultsParserOutput::Boolean(_) => panic!("boolean instead of solutions"),
    }
}

/// Records of a CSV text (header included); quoted fields may hold commas,
/// doubled quotes and line breaks.
fn csv_records(text: &str) -> usize {
    let (mut records, mut quoted, mut at_line_start) = (0, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if at_line_start {
            records += 1;
            at_line_start = false;
        }
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' => quoted = !quoted,
            '\n' if !quoted => at_line_start = true,
            _ => {}
        }
    }
    assert!(!quoted, "unterminated quoted CSV field");
    records
}

fn count_triples(body: &[u8], format: RdfFormat) -> usize {
    let mut set = std::collections::HashSet::new();
    for q in RdfParser::from_format(format).for_slice(body) {
        let q = q.unwrap_or_else(|e| panic!("{format:?} does not parse: {e}"));
        set.insert(q.to_string());
    }
    set.len()
}

fn cli_count(store: &Path, sparql: &str) -> usize {
    let out = Command::new(BIN)
        .args(["query", sparql, "--format", "csv", "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(out.status.success());
    csv_records(&String::from_utf8_lossy(&out.stdout)) - 1
}

const PEOPLE: &str =
    "PREFIX ng: <https://w3id.org/newsgraph/ont#> SELECT ?p ?r WHERE { ?p ng:holdsRole ?r }";

#[test]
fn queries_by_get_post_and_form_in_every_format() {
    let store = sample_store();
    let srv = Server::start(store, &[]);
    let expected = cli_count(store, PEOPLE);
    assert!(expected > 0);

    let get = srv.get(&format!("/sparql?query={}", enc(PEOPLE)), "").ok();
    assert!(get
        .header("content-type")
        .starts_with("application/sparql-results+json"));
    let json: serde_json::Value = serde_json::from_slice(&get.body).unwrap();
    assert_eq!(
        json["results"]["bindings"].as_array().unwrap().len(),
        expected
    );

    let direct = srv
        .request(
            "POST",
            "/sparql",
            &[
                ("Content-Type", "application/sparql-query"),
                ("Accept", "text/csv"),
            ],
            PEOPLE.as_bytes(),
        )
        .ok();
    assert_eq!(
        count_solutions(&direct.body, QueryResultsFormat::Csv),
        expected
    );
    let form = srv
        .request(
            "POST",
            "/sparql",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/sparql-results+xml"),
            ],
            format!("query={}", enc(PEOPLE)).as_bytes(),
        )
        .ok();
    assert_eq!(
        count_solutions(&form.body, QueryResultsFormat::Xml),
        expected
    );

    for (accept, format) in [
        ("application/sparql-results+json", QueryResultsFormat::Json),
        ("application/sparql-results+xml", QueryResultsFormat::Xml),
        ("text/csv", QueryResultsFormat::Csv),
        ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ] {
        let r = srv
            .get(&format!("/sparql?query={}", enc(PEOPLE)), accept)
            .ok();
        assert!(
            r.header("content-type").starts_with(accept),
            "{accept}: {:?}",
            r.headers
        );
        assert_eq!(count_solutions(&r.body, format), expected, "{accept}");
    }
    // the format parameter wins over Accept
    let r = srv
        .get(
            &format!("/sparql?format=tsv&query={}", enc(PEOPLE)),
            "text/csv",
        )
        .ok();
    assert_eq!(count_solutions(&r.body, QueryResultsFormat::Tsv), expected);
    let ask = srv
        .get(
            "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
            "application/sparql-results+xml",
        )
        .ok();
    assert!(
        ask.text().contains("<boolean>true</boolean>"),
        "{}",
        ask.text()
    );

    let construct = "PREFIX schema: <http://schema.org/> CONSTRUCT { ?s schema:name ?n } WHERE { ?s schema:name ?n }";
    let names = cli_count(
        store,
        "PREFIX schema: <http://schema.org/> SELECT DISTINCT ?s ?n WHERE { ?s schema:name ?n }",
    );
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
        ("application/rdf+xml", RdfFormat::RdfXml),
    ] {
        let r = srv
            .get(&format!("/sparql?query={}", enc(construct)), accept)
            .ok();
        assert!(
            r.header("content-type").starts_with(accept),
            "{accept}: {:?}",
            r.headers
        );
        assert_eq!(count_triples(&r.body, format), names, "{accept}");
    }

    // named queries: the list and one of them, same rows as the CLI
    let list: serde_json::Value =
        serde_json::from_slice(&srv.get("/queries", "").ok().body).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), newsgraph::store::named_queries().len());
    assert!(list
        .iter()
        .all(|q| q["query"].as_str().is_some_and(|t| t.contains("SELECT"))));
    let named = srv.get("/query/people-and-roles", "text/csv").ok();
    assert_eq!(
        count_solutions(&named.body, QueryResultsFormat::Csv),
        cli_count(store, "people-and-roles")
    );
    assert_eq!(srv.get("/query/no-such-query", "").status, 404);

    // service description, web page, errors
    let sd = srv.get("/sparql", "text/turtle").ok();
    assert!(
        sd.text().contains("sparql-service-description#Service")
            || sd.text().contains("sd:Service")
            || sd.text().contains("Service"),
        "{}",
        sd.text()
    );
    assert!(count_triples(&sd.body, RdfFormat::Turtle) > 5);
    let page = srv.get("/", "text/html").ok();
    assert!(page.text().contains("<textarea"));
    assert!(srv.get("/app.js", "").ok().text().contains("showEntity"));
    let bad = srv.get("/sparql?query=SELEKT%20nothing", "");
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("syntax error"), "{}", bad.text());
    assert_eq!(
        srv.get(&format!("/sparql?query={}", enc(PEOPLE)), "image/png")
            .status,
        406
    );
    assert_eq!(
        srv.get(&format!("/sparql?format=yaml&query={}", enc(PEOPLE)), "")
            .status,
        400
    );
    assert_eq!(
        srv.request(
            "POST",
            "/sparql",
            &[("Content-Type", "text/plain")],
            b"ASK{}"
        )
        .status,
        415
    );
    assert_eq!(
        srv.get(
            "/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri",
            ""
        )
        .status,
        400
    );
    assert_eq!(srv.get("/nowhere", "").status, 404);

    // CORS on answers and errors, and the preflight
    assert_eq!(get.header("access-control-allow-origin"), "*");
    assert_eq!(bad.header("access-control-allow-origin"), "*");
    let pre = srv.request(
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "http://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(pre.status, 204);
    // (GET and POST need no Access-Control-Allow-Methods; oxhttp drops that header)
    assert!(pre
        .header("access-control-allow-headers")
        .contains("Content-Type"));
    assert!(pre
        .header("access-control-allow-headers")
        .contains("Authorization"));
}

#[test]
fn dataset_parameters_choose_the_graphs() {
    let store = sample_store();
    let srv = Server::start(store, &[]);
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let graph_q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g LIMIT 1";
    let r = srv
        .get(
            &format!("/sparql?query={}", enc(graph_q)),
            "application/sparql-results+json",
        )
        .ok();
    let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let g = json["results"]["bindings"][0]["g"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let n_g: u64 = json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let r = srv
        .get(
            &format!("/sparql?query={}&default-graph-uri={}", enc(q), enc(&g)),
            "text/csv",
        )
        .ok();
    let text = r.text();
    assert_eq!(
        text.lines().nth(1).unwrap().trim(),
        n_g.to_string(),
        "{text}"
    );
}

#[test]
fn many_readers_at_once() {
    let srv = Server::start(sample_store(), &["--quiet"]);
    let port = srv.port;
    let threads: Vec<_> = (0..12)
        .map(|i| {
            std::thread::spawn(move || {
                for _ in 0..4 {
                    let q = format!(
                        "SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} LIMIT {}",
                        i + 1
                    );
                    let r = http(port, "GET", &format!("/sparql?query={}", enc(&q)), &[], b"");
                    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn updates_need_the_token() {
    let ro = Server::start(sample_store(), &[]);
    let upd = [("Content-Type", "application/sparql-update")];
    let r = ro.request("POST", "/sparql", &upd, b"CLEAR ALL");
    assert_eq!(r.status, 403);
    assert!(r.text().contains("--update-token"), "{}", r.text());
    assert_eq!(ro.get("/sparql?update=CLEAR%20ALL", "").status, 405);

    let dir = tempfile::tempdir().unwrap();
    let rw = Server::start(&dir.path().join("store"), &["--update-token", "s3cret"]);
    let insert = b"INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> \"o\" } }";
    let r = rw.request("POST", "/sparql", &upd, insert);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").starts_with("Bearer"));
    let wrong = [upd[0], ("Authorization", "Bearer guess")];
    assert_eq!(rw.request("POST", "/sparql", &wrong, insert).status, 403);
    let ask = "/sparql?query=ASK%7B%3Chttp%3A%2F%2Fexample.com%2Fs%3E%20%3Fp%20%3Fo%7D";
    assert!(rw
        .get(ask, "application/sparql-results+json")
        .ok()
        .text()
        .contains("false"));
    let right = [upd[0], ("Authorization", "Bearer s3cret")];
    assert_eq!(rw.request("POST", "/sparql", &right, insert).status, 204);
    // queries see the union of graphs, so the quad in <g> is found
    assert!(rw
        .get(ask, "application/sparql-results+json")
        .ok()
        .text()
        .contains("true"));
    // the form encoding works for updates too
    let form = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Authorization", "Bearer s3cret"),
    ];
    let body = format!("update={}", enc("CLEAR GRAPH <http://example.com/g>"));
    assert_eq!(
        rw.request("POST", "/sparql", &form, body.as_bytes()).status,
        204
    );
    assert!(rw
        .get(ask, "application/sparql-results+json")
        .ok()
        .text()
        .contains("false"));
    let bad = rw.request("POST", "/sparql", &right, b"INSERT NOTHING");
    assert_eq!(bad.status, 400);
}

#[test]
fn graph_store_put_get_post_delete() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Server::start(&dir.path().join("store"), &["--update-token", "tok"]);
    let auth = ("Authorization", "Bearer tok");
    let turtle = ("Content-Type", "text/turtle");
    let path = "/store?graph=http%3A%2F%2Fexample.com%2Fg1";
    let data = b"<http://example.com/a> <http://example.com/p> \"one\" , \"two\" .";
    assert_eq!(srv.request("PUT", path, &[turtle], data).status, 401);
    assert_eq!(
        srv.request("PUT", path, &[turtle, ("Authorization", "Bearer no")], data)
            .status,
        403
    );
    assert_eq!(srv.get(path, "text/turtle").status, 404);
    assert_eq!(srv.request("PUT", path, &[turtle, auth], data).status, 201);
    let got = srv.get(path, "application/n-triples").ok();
    assert_eq!(count_triples(&got.body, RdfFormat::NTriples), 2);
    // PUT replaces, POST adds
    assert_eq!(
        srv.request(
            "PUT",
            path,
            &[turtle, auth],
            b"<http://example.com/a> <http://example.com/p> \"three\" ."
        )
        .status,
        204
    );
    assert_eq!(
        srv.request(
            "POST",
            path,
            &[("Content-Type", "application/n-triples"), auth],
            b"<http://example.com/b> <http://example.com/p> <http://example.com/a> .\n"
        )
        .status,
        204
    );
    let got = srv.get(path, "text/turtle").ok();
    assert_eq!(
        count_triples(&got.body, RdfFormat::Turtle),
        2,
        "{}",
        got.text()
    );
    assert!(
        got.text().contains("three") && !got.text().contains("one"),
        "{}",
        got.text()
    );
    assert_eq!(
        srv.request("PUT", path, &[turtle, auth], b"this is not turtle")
            .status,
        400
    );
    assert_eq!(
        srv.request("PUT", path, &[("Content-Type", "image/png"), auth], data)
            .status,
        415
    );
    assert_eq!(srv.request("DELETE", path, &[auth], b"").status, 204);
    assert_eq!(srv.get(path, "text/turtle").status, 404);
    assert_eq!(srv.request("DELETE", path, &[auth], b"").status, 404);
    // the default graph
    assert_eq!(
        srv.request("POST", "/store?default", &[turtle, auth], data)
            .status,
        204
    );
    assert_eq!(
        count_triples(
            &srv.get("/store?default", "text/turtle").ok().body,
            RdfFormat::Turtle
        ),
        2
    );
    assert_eq!(srv.get("/store", "").status, 400);
}

#[test]
fn slow_query_times_out_and_the_next_is_served() {
    let srv = Server::start(sample_store(), &["--timeout-ms", "700"]);
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let r = srv.get(&format!("/sparql?query={}", enc(slow)), "");
    let took = started.elapsed();
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("--timeout-ms"), "{}", r.text());
    assert!(
        took < Duration::from_secs(5),
        "the time limit took {took:?}"
    );
    let started = Instant::now();
    srv.get("/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "")
        .ok();
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn row_and_body_limits() {
    let srv = Server::start(
        sample_store(),
        &["--max-rows", "10", "--max-body-bytes", "200"],
    );
    let r = srv.get(
        "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
        "",
    );
    assert_eq!(r.status, 422);
    assert!(r.text().contains("--max-rows"), "{}", r.text());
    let r = srv
        .get(
            "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%2010",
            "text/csv",
        )
        .ok();
    assert_eq!(count_solutions(&r.body, QueryResultsFormat::Csv), 10);
    let big = format!(
        "SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 # {}",
        "x".repeat(300)
    );
    let r = srv.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        big.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.text());
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_zero() {
    let mut srv = Server::start(sample_store(), &["--timeout-ms", "1500"]);
    let port = srv.port;
    // a request that takes the whole time limit is in flight when the signal comes
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let in_flight = std::thread::spawn(move || {
        http(
            port,
            "GET",
            &format!("/sparql?query={}", enc(slow)),
            &[],
            b"",
        )
    });
    std::thread::sleep(Duration::from_millis(400));
    let killed = Command::new("kill")
        .args(["-TERM", &srv.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let reply = in_flight.join().unwrap();
    assert_eq!(reply.status, 503, "{}", reply.text());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(s) = srv.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", srv.stderr());
    assert!(srv.stderr().contains("stopped"), "{}", srv.stderr());
}

#[test]
fn missing_store_without_token_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["serve", "--store"])
        .arg(dir.path().join("nothing"))
        .args(["--bind", &format!("127.0.0.1:{}", free_port())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newsgraph ingest"));
}
