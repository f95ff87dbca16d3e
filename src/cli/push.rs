//! `newsgraph push`: every graph of the store to a remote Graph Store endpoint.

use super::DEFAULT_STORE;
use newsgraph::push::{GraphStoreClient, RetryPolicy};
use newsgraph::rdf::iri::{Minter, DEFAULT_BASE};
use newsgraph::store::{write_quads, ExportFormat, GraphStore};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Graph Store HTTP Protocol base URL, e.g. http://127.0.0.1:7878/store (Oxigraph server).
    #[arg(long)]
    endpoint: String,
    /// Bearer token sent as `Authorization: Bearer T`; defaults to $NEWSGRAPH_TOKEN, which keeps it out of the process list.
    #[arg(long)]
    token: Option<String>,
    /// Also push the ontology graph.
    #[arg(long)]
    with_ontology: bool,
    /// Attempts per graph; connection errors and 5xx answers are retried with exponential backoff, 4xx are not.
    #[arg(long, default_value_t = 4)]
    attempts: u32,
    /// Seconds to wait for each request.
    #[arg(long, default_value_t = 120)]
    timeout: u64,
    /// IRI base the store was built with (locates the ontology graph).
    #[arg(long, default_value = DEFAULT_BASE)]
    base: String,
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    super::require_store(&a.store)?;
    let token = a
        .token
        .clone()
        .or_else(|| std::env::var("NEWSGRAPH_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let client = GraphStoreClient::new(
        &a.endpoint,
        token.as_deref(),
        Duration::from_secs(a.timeout),
    )?;
    let policy = RetryPolicy {
        attempts: a.attempts.max(1),
        ..RetryPolicy::default()
    };
    let store = GraphStore::open_read_only(&a.store)?;
    let ontology = Minter::new(&a.base).ontology_graph();
    let graphs: Vec<String> = store
        .graph_names()?
        .into_iter()
        .filter(|g| a.with_ontology || *g != ontology)
        .collect();
    let started = Instant::now();
    let total = graphs.len();
    let mut triples = 0usize;
    let mut failures = Vec::new();
    for (i, g) in graphs.iter().enumerate() {
        let quads = store.sorted_quads(Some(g))?;
        let mut body = Vec::new();
        write_quads(&quads, ExportFormat::Ntriples, &mut body)?;
        let outcome = client.put(g, &body, policy);
        let retried = if outcome.attempts > 1 {
            format!(" after {} attempts", outcome.attempts)
        } else {
            String::new()
        };
        if outcome.ok() {
            triples += quads.len();
            eprintln!(
                "push: {}/{total} <{g}> {} triples{retried}",
                i + 1,
                quads.len()
            );
        } else {
            eprintln!(
                "push: {}/{total} <{g}> FAILED{retried}: {}",
                i + 1,
                outcome.describe()
            );
            failures.push((g.clone(), outcome));
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "pushed {}/{total} graphs ({triples} triples) to {} in {secs:.2} s",
        total - failures.len(),
        a.endpoint
    );
    if failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("newsgraph: {} graphs failed:", failures.len());
    for (g, o) in &failures {
        eprintln!("  <{g}>: {}", o.describe());
    }
    eprintln!("newsgraph: pushing is idempotent (PUT replaces each graph); fix the cause and run the same command again");
    Ok(ExitCode::from(1))
}
