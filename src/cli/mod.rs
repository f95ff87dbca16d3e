//! Subcommands of the `newsgraph` binary.

mod eval;
mod export;
mod extract;
mod ingest;
mod link;
mod push;
mod query;
mod stats;

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
  newsgraph stats";

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

/// The articles of one expanded input path; each unreadable input is reported
/// and counted in `failed`, and the others are returned.
pub fn read_articles(
    path: Result<PathBuf, InputError>,
    opts: &ReadOptions,
    failed: &mut usize,
) -> Vec<SourceArticle> {
    let items = match path {
        Ok(p) => input::read_path(&p, opts),
        Err(e) => vec![Err(e)],
    };
    let mut articles = Vec::new();
    for item in items {
        match item {
            Ok(article) => articles.push(article),
            Err(e) => {
                eprintln!("newsgraph: skipped {e}");
                *failed += 1;
            }
        }
    }
    articles
}

/// Articles in input order, `BATCH` at a time.
pub fn batches(articles: Vec<SourceArticle>) -> impl Iterator<Item = Vec<SourceArticle>> {
    let mut it = articles.into_iter();
    std::iter::from_fn(move || {
        let batch: Vec<SourceArticle> = it.by_ref().take(BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    })
}

/// Default store location.
pub const DEFAULT_STORE: &str = "newsgraph-store";
