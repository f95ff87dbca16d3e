//! `newsgraph ingest`: articles into the on-disk store, one transaction each.

use super::DEFAULT_STORE;
use anyhow::Context;
use newsgraph::input::ReadOptions;
use newsgraph::rdf::{self, iri::Minter, RdfOptions};
use newsgraph::store::{GraphStore, IngestOutcome};
use newsgraph::Pipeline;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories (recursively); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Store directory (created if missing).
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Publication date (YYYY-MM-DD) for articles, overriding what the text says.
    #[arg(long, value_parser = super::parse_date)]
    date: Option<chrono::NaiveDate>,
    /// IRI base for minted resources.
    #[arg(long, default_value = rdf::iri::DEFAULT_BASE)]
    base: String,
    /// Also store each article's full text as nif:isString.
    #[arg(long)]
    include_text: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    super::require_some_input(&a.paths)?;
    let store = GraphStore::open(&a.store)
        .with_context(|| format!("opening store {}", a.store.display()))?;
    let opts = RdfOptions {
        minter: Minter::new(&a.base),
        include_text: a.include_text,
    };
    let pipeline = Pipeline::default_pipeline();
    let (run, run_quads) = rdf::run_quads(&opts, &pipeline.names());
    store.insert_all(&run_quads)?;
    store.insert_all(&newsgraph::rdf::ontology_quads(&opts)?)?;
    let (mut added, mut replaced, mut unchanged, mut failed) = (0, 0, 0, 0);
    let (mut entities, mut events) = (0usize, 0usize);
    let ropts = ReadOptions { date: a.date };
    for path in newsgraph::input::expand_paths(&a.paths) {
        let articles = super::read_articles(path, &ropts, &mut failed);
        // analysed on all cores, then stored one transaction per article
        for batch in super::batches(articles) {
            for r in newsgraph::analyse_batch(&pipeline, &opts, &run, batch) {
                let (doc, aq) = match r {
                    Ok(x) => x,
                    Err(e) => {
                        eprintln!("newsgraph: skipped {e}");
                        failed += 1;
                        continue;
                    }
                };
                entities += doc.entities.len();
                events += doc.events.len();
                match store.ingest(&aq, &[]) {
                    Ok(IngestOutcome::Added) => added += 1,
                    Ok(IngestOutcome::Replaced) => replaced += 1,
                    Ok(IngestOutcome::Unchanged) => unchanged += 1,
                    Err(e) => {
                        eprintln!("newsgraph: {}: not stored: {e}", doc.meta.source_path);
                        failed += 1;
                    }
                }
            }
        }
    }
    let triples = store.len()?;
    println!(
        "ingested {} articles ({added} added, {replaced} replaced, {unchanged} unchanged, {failed} failed); {entities} entities resolved, {events} events; store has {triples} quads; {:.2} s",
        added + replaced + unchanged,
        t0.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
