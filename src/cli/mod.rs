//! Subcommands of the `newsgraph` binary.

mod eval;
mod export;
mod extract;
mod ingest;
mod link;
mod parallel;
mod push;
mod query;
mod serve;
mod stats;
mod validate;

use clap::{Parser, Subcommand};
use newsgraph::input::{self, InputError, ReadOptions, SourceArticle};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "Examples:
  newsgraph ingest data/articles                 # build ./newsgraph-store from the sample articles
  newsgraph query biggest-movers                 # run a named query from queries/
  newsgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
  newsgraph extract article.txt --format turtle  # no store: print the article's graph
  newsgraph export --format trig -o graph.trig   # the whole store, with prefixes
  newsgraph stats
  newsgraph serve                                # SPARQL endpoint and web page on 127.0.0.1:7878
  newsgraph validate --format json               # SHACL check of the store
  newsgraph push --endpoint http://host:7878/store --token T  # copy graphs to a SPARQL store
  newsgraph link --mapping links.csv             # add Wikidata/LEI/PermID links";

/// Business and financial news in, an RDF knowledge graph out.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract facts from articles into the on-disk store (one transaction per article).
    #[command(after_help = "Example: newsgraph ingest data/articles --store ./newsgraph-store")]
    Ingest(ingest::Args),
    /// Extract facts and print the graphs (no store); the stateless filter for scoring and sharding.
    #[command(
        after_help = "Example: newsgraph extract data/articles/000.txt --format nquads > 000.nq"
    )]
    Extract(extract::Args),
    /// Run a SPARQL query (text, --file, or the name of a query in queries/).
    #[command(
        after_help = "Examples:\n  newsgraph query people-and-roles\n  newsgraph query --file my.rq --format json"
    )]
    Query(query::Args),
    /// Export the store (or one graph) in an RDF format.
    #[command(after_help = "Example: newsgraph export --format turtle -o newsgraph.ttl")]
    Export(export::Args),
    /// Counts by class and by article.
    #[command(after_help = "Example: newsgraph stats --store ./newsgraph-store")]
    Stats(stats::Args),
    /// Score extraction against gold annotations (precision, recall, F1).
    #[command(
        after_help = "Example: newsgraph eval data/articles data/eval/gold --floor data/eval/floor.json"
    )]
    Eval(eval::Args),
    /// Serve the store over HTTP: a SPARQL 1.1 endpoint at /sparql and a web page at /.
    #[command(
        after_help = "Examples:\n  newsgraph serve --store ./newsgraph-store\n  curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%7D'"
    )]
    Serve(serve::Args),
    /// Check the store or RDF files against the SHACL shapes; exit 1 when any result.
    #[command(
        after_help = "Examples:\n  newsgraph validate                       # ./newsgraph-store, embedded shapes\n  newsgraph validate export.nq --format json\n  newsgraph validate --store DIR --shapes my-shapes.ttl --limit 20\n\nExit codes: 0 conforms, 1 validation results, 2 error (unreadable input, unsupported shapes)."
    )]
    Validate(validate::Args),
    /// Send every graph to a SPARQL 1.1 Graph Store endpoint (PUT per graph, idempotent).
    #[command(
        after_help = "Example: newsgraph push --endpoint http://127.0.0.1:7878/store --token \"$TOKEN\""
    )]
    Push(push::Args),
    /// Link entities to Wikidata, LEI, PermID and tickers from a CSV mapping.
    #[command(
        after_help = "Example: newsgraph link --mapping links.csv\n\nThe CSV header names `entity` (an entity IRI) or `name` (matched ignoring case,\npunctuation and accents), optionally `kind`, and any of `wikidata`, `lei`, `permid`,\n`ticker`. Each run replaces the links graph with the links of the mapping."
    )]
    Link(link::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(a) => ingest::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Push(a) => push::run(a),
        Command::Link(a) => link::run(a),
    }
}

/// Parses `--date YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; use YYYY-MM-DD, e.g. 2025-09-17"))
}

/// Fails before any store is touched when none of the paths exists (`-` is stdin).
/// Commands that read a store refuse a missing one with the command that makes it
/// (opening would create an empty store and answer as if it were the data).
pub fn require_store(dir: &std::path::Path) -> anyhow::Result<()> {
    if !dir.exists() {
        anyhow::bail!(
            "no store at {}; create one with `newsgraph ingest PATH --store {}`",
            dir.display(),
            dir.display()
        );
    }
    Ok(())
}

pub fn require_some_input(paths: &[PathBuf]) -> anyhow::Result<()> {
    if !paths.iter().any(|p| p.as_os_str() == "-" || p.exists()) {
        let missing: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "{}: no such file or directory; check the path (nothing was stored)",
            missing.join(", ")
        );
    }
    Ok(())
}

/// Articles analysed together on all cores.
pub const BATCH: usize = 256;

/// All inputs' articles in input order, `BATCH` at a time, read lazily (a
/// JSON Lines archive is never held whole). Each unreadable input or record
/// is reported on stderr and counted in `failed`.
pub struct Batches {
    paths: std::vec::IntoIter<Result<PathBuf, InputError>>,
    current: Option<Box<dyn Iterator<Item = Result<SourceArticle, InputError>> + Send>>,
    opts: ReadOptions,
    /// Inputs and records that could not be read so far.
    pub failed: usize,
    /// Bytes of article text handed out so far (for progress and rates).
    pub text_bytes: u64,
    /// Articles per batch.
    size: usize,
}

impl Batches {
    pub fn new(paths: &[PathBuf], opts: ReadOptions) -> Self {
        Batches {
            paths: input::expand_paths(paths).into_iter(),
            current: None,
            opts,
            failed: 0,
            text_bytes: 0,
            size: BATCH,
        }
    }

    /// Hands out `size` articles at a time instead of [`BATCH`].
    pub fn chunked(mut self, size: usize) -> Self {
        self.size = size.max(1);
        self
    }

    fn next_article(&mut self) -> Option<SourceArticle> {
        loop {
            if let Some(it) = self.current.as_mut() {
                match it.next() {
                    Some(Ok(a)) => {
                        self.text_bytes += a.text.len() as u64;
                        return Some(a);
                    }
                    Some(Err(e)) => {
                        eprintln!("newsgraph: skipped {e}");
                        self.failed += 1;
                        continue;
                    }
                    None => self.current = None,
                }
            }
            match self.paths.next()? {
                Ok(p) => self.current = Some(input::read_path_stream(&p, &self.opts)),
                Err(e) => {
                    eprintln!("newsgraph: skipped {e}");
                    self.failed += 1;
                }
            }
        }
    }
}

impl Iterator for Batches {
    type Item = Vec<SourceArticle>;

    fn next(&mut self) -> Option<Vec<SourceArticle>> {
        let size = self.size;
        let batch: Vec<SourceArticle> = std::iter::from_fn(|| self.next_article())
            .take(size)
            .collect();
        (!batch.is_empty()).then_some(batch)
    }
}

/// Reads `batches` on a thread of its own, one batch ahead of the consumer, so
/// parsing input overlaps analysis. The handle gives the number of inputs and
/// records that could not be read (each already reported on stderr).
pub fn read_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut batches: Batches,
) -> (
    std::sync::mpsc::Receiver<Vec<SourceArticle>>,
    std::thread::ScopedJoinHandle<'scope, usize>,
) {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let handle = scope.spawn(move || {
        for batch in batches.by_ref() {
            if tx.send(batch).is_err() {
                break; // the consumer stopped
            }
        }
        batches.failed
    });
    (rx, handle)
}

/// A live count of articles on stderr when it is a terminal (hidden otherwise,
/// so logs and pipes stay clean).
pub fn progress(what: &str) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::with_draw_target(
        None,
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    pb.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {what} {{pos}} articles ({{per_sec}}, {{elapsed}}) {{msg}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    pb
}

/// Default store location.
pub const DEFAULT_STORE: &str = "newsgraph-store";
