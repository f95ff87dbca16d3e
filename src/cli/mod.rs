//! Subcommands of the `newsgraph` binary.

mod eval;
mod export;
mod extract;
mod ingest;
mod query;
mod stats;

use clap::{Parser, Subcommand};
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
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(a) => ingest::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Eval(a) => eval::run(a),
    }
}

/// Parses `--date YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; use YYYY-MM-DD, e.g. 2025-09-17"))
}

/// The paths that exist (or `-`), failing before any store is touched when none does.
pub fn input_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let ok: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() == "-" || p.exists())
        .cloned()
        .collect();
    if ok.is_empty() {
        let missing: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "{}: no such file or directory; check the path (nothing was stored)",
            missing.join(", ")
        );
    }
    Ok(paths.to_vec())
}

/// Default store location.
pub const DEFAULT_STORE: &str = "newsgraph-store";
