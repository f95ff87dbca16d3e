//! Bad input never panics and never stops a run; HTML and gzip input.
//!
//! Runs the real `newsgraph` binary on files generated in a temporary
//! directory — every kind of bad input next to good articles — and checks that
//! `ingest` exits 1, names each bad file (and line) on stderr, never panics,
//! and stores every good article. Also checks the HTML fixture
//! `tests/fixtures/html/article.html` (metadata from og/JSON-LD tags, entities
//! from the body only) and that its gzipped copy, written at test time, gives
//! byte-identical output.
//!
//! Build and run only in release mode (`cargo test --profile ci --test bad_input`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
const COUNT_ARTICLES: &str =
    "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/newsgraph/ont#Article> }";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run newsgraph");
    let r = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "newsgraph panicked on {args:?}:\n{}",
        r.stderr
    );
    r
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn record(id: &str, title: &str, date: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": title, "date": date, "body": body}).to_string() + "\n"
}

fn count_articles(store: &Path, cwd: &Path) -> u64 {
    let r = run(
        &[
            "query",
            COUNT_ARTICLES,
            "--format",
            "csv",
            "--store",
            s(store),
        ],
        cwd,
    );
    assert_eq!(r.code, Some(0), "query failed: {}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert_eq!(lines.first(), Some(&"n"), "{}", r.stdout);
    lines[1].parse().expect("a count")
}

/// The stderr line naming `file`, which must say `why`.
fn assert_names(stderr: &str, file: &str, why: &str) {
    let line = stderr
        .lines()
        .find(|l| l.contains(&format!("{}{file}", std::path::MAIN_SEPARATOR)))
        .unwrap_or_else(|| panic!("stderr does not name {file}:\n{stderr}"));
    assert!(
        line.contains(why),
        "the message for {file} does not say {why:?}: {line}"
    );
}

/// Writes good and bad inputs into `dir`; returns the number of good articles.
fn write_inputs(dir: &Path) -> u64 {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let mut good = 0;

    // ---- good
    w(
        "good.txt",
        &std::fs::read(fixture("bad/good.txt")).expect("good.txt fixture"),
    );
    good += 1;
    w(
        "page.html",
        &std::fs::read(fixture("html/article.html")).unwrap(),
    );
    good += 1;
    w(
        "other.txt.gz",
        &gzip(b"Contoso Bank Raises Dividend\nDate: 2025-03-04\n\nContoso Bank said on Tuesday it would raise its quarterly dividend by 10%.\n"),
    );
    good += 1;
    // line 1 good, line 2 malformed, line 3 unknown date format (still read), line 4 no body
    let mut feed = record(
        "1",
        "Fabrikam wins order",
        "2025-09-01",
        "Fabrikam Inc. won a $50 million order from Litware on Monday.",
    );
    feed.push_str("{\"id\": \"2\", \"body\": \"unterminated\n");
    feed.push_str(&record(
        "3",
        "Tailspin expands",
        "the day after yesterday",
        "Tailspin Toys said it would open 12 stores in Canada.",
    ));
    feed.push_str("{\"id\": \"4\", \"title\": \"No body\"}\n");
    w("feed.jsonl.gz", &gzip(feed.as_bytes()));
    good += 2;

    // ---- a truncated JSON Lines archive: the complete lines before the damage are read
    let mut archive = String::new();
    for i in 0..3000 {
        archive.push_str(&record(
            &format!("a{i}"),
            &format!("Archive story {i}"),
            "2024-05-06",
            &format!(
                "Woodgrove Bank said on Monday that deposits rose {}% in region {i}.",
                i % 17 + 1
            ),
        ));
    }
    let full = gzip(archive.as_bytes());
    let cut = &full[..full.len() * 2 / 3];
    w("archive.jsonl.gz", cut);
    let mut partial = Vec::new();
    let _ = flate2::read::MultiGzDecoder::new(cut).read_to_end(&mut partial);
    let complete = partial.iter().filter(|&&b| b == b'\n').count() as u64;
    assert!(complete > 0 && complete < 3000, "{complete}");
    good += complete;

    // ---- bad
    let mut bin = vec![0x7fu8, b'E', b'L', b'F', 2, 1, 1, 0];
    bin.extend((0..4096u32).map(|i| (i * 31 % 256) as u8));
    w("binary.bin", &bin);
    w(
        "latin1.txt",
        b"Caf\xe9 profits rise\n\nThe caf\xe9 chain said profits rose.\n",
    );
    w("empty.txt", b"");
    w("blank.html", b"<html><head><title>Nothing</title></head><body><nav><a href=\"/\">Home</a></nav><footer><p>(c) 2025</p></footer></body></html>");
    // a single 20 MB line: refused without being read
    let huge = "word ".repeat(4 << 20);
    w("huge.txt", huge.as_bytes());
    w(
        "huge.jsonl",
        format!("{{\"body\": \"{huge}\"}}\n").as_bytes(),
    );
    w(
        "truncated.txt.gz",
        &gzip(
            "Headline\n\nSome text that will be cut off before the end of the stream.\n"
                .repeat(50)
                .as_bytes(),
        )[..54],
    );
    w(
        "not-gzip.html.gz",
        b"<html><body><p>plain</p></body></html>",
    );
    good
}

/// Bad inputs and what their message must say.
const BAD: [(&str, &str); 12] = [
    ("binary.bin", "binary"),
    ("latin1.txt", "UTF-8"),
    ("empty.txt", "empty"),
    ("blank.html", "no article text"),
    ("huge.txt", "too large"),
    ("huge.jsonl:1", "too large"),
    ("truncated.txt.gz", "truncated or corrupt gzip"),
    ("not-gzip.html.gz", "truncated or corrupt gzip"),
    ("archive.jsonl.gz", "re-download or recompress"),
    ("feed.jsonl.gz:2", "malformed JSON"),
    ("feed.jsonl.gz:4", "no `body`"),
    ("truncated.txt.gz", "re-download or recompress"),
];

#[test]
fn ingest_names_every_bad_file_and_stores_every_good_article() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let good = write_inputs(&inputs);
    let store = tmp.path().join("store");

    let t0 = Instant::now();
    let r = run(&["ingest", s(&inputs), "--store", s(&store)], tmp.path());
    let took = t0.elapsed();
    assert_eq!(
        r.code,
        Some(1),
        "stdout: {}\nstderr: {}",
        r.stdout,
        r.stderr
    );
    for (file, why) in BAD {
        assert_names(&r.stderr, file, why);
    }
    // Good records of the JSON Lines file are not reported; the odd date is no error.
    for ok in [
        "feed.jsonl.gz:1",
        "feed.jsonl.gz:3",
        "good.txt",
        "page.html",
    ] {
        assert!(
            !r.stderr
                .contains(&format!("{}{ok}", std::path::MAIN_SEPARATOR)),
            "{ok} reported:\n{}",
            r.stderr
        );
    }
    // One line per failed input or record, no more.
    let reported = r.stderr.lines().filter(|l| l.contains("skipped")).count();
    assert_eq!(reported, 11, "{}", r.stderr);
    assert_eq!(count_articles(&store, tmp.path()), good);
    assert!(
        took < Duration::from_secs(120),
        "ingest took {took:?}; something is slow on bad input"
    );
}

#[test]
fn extract_reports_bad_files_and_prints_good_ones() {
    let tmp = tempfile::tempdir().unwrap();
    write_inputs(tmp.path());
    for (file, _) in BAD {
        let f = file.split(':').next().unwrap();
        let r = run(&["extract", s(&tmp.path().join(f))], tmp.path());
        assert_eq!(r.code, Some(1), "{f}: {}", r.stderr);
        let why = BAD
            .iter()
            .filter(|(g, _)| g.starts_with(f))
            .map(|(_, w)| *w)
            .collect::<Vec<_>>();
        for w in why {
            assert!(r.stderr.contains(w), "{f}: {}", r.stderr);
        }
    }
}

fn extract_nquads(path: &Path, cwd: &Path) -> String {
    let r = run(&["extract", s(path), "--format", "nquads"], cwd);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
}

#[test]
fn html_article_metadata_from_tags_and_entities_from_body_only() {
    let tmp = tempfile::tempdir().unwrap();
    let html = fixture("html/article.html");
    let out = extract_nquads(&html, tmp.path());
    for want in [
        "<http://schema.org/headline> \"Tencent shares jump 6% after record quarterly profit\"",
        "<http://schema.org/datePublished> \"2025-09-17\"^^<http://www.w3.org/2001/XMLSchema#date>",
        "<http://schema.org/publisher> \"Harbour Business Daily\"",
        "<http://schema.org/author> \"Mei Lin\"",
        "<http://schema.org/url> <https://harbour-daily.example/markets/2025/09/17/tencent-record-quarter>",
        "\"Tencent Holdings\"",
        "\"Pony Ma\"",
        "\"Alibaba Group\"",
        "\"Hong Kong\"",
        "\"55 billion yuan\"",
    ] {
        assert!(out.contains(want), "missing {want}:\n{out}");
    }
    // Navigation, header, ads, figure credits, related links, newsletter, footer, scripts.
    for junk in [
        "Amazon",
        "Samsung",
        "Microsoft",
        "Toyota",
        "Getty",
        "Nvidia",
        "Bloomberg",
        "Reuters",
        "Apple",
        "JPMorgan",
        "Markets news you can trust",
    ] {
        assert!(
            !out.contains(junk),
            "{junk} leaked from page furniture:\n{out}"
        );
    }

    // The same page gzipped gives identical output.
    let gz = tmp.path().join("article.html.gz");
    std::fs::write(&gz, gzip(&std::fs::read(&html).unwrap())).unwrap();
    assert_eq!(extract_nquads(&gz, tmp.path()), out);
}
