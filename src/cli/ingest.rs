//! `newsgraph ingest`: articles into the on-disk store. New articles are
//! bulk-loaded in atomic groups, known ones replaced one transaction each; a
//! killed run leaves only whole articles.

use super::DEFAULT_STORE;
use anyhow::Context;
use newsgraph::input::ReadOptions;
use newsgraph::rdf::{self, iri::Minter, ArticleQuads, RdfOptions};
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
    /// JSON Lines field names, ROLE=NAME (roles: id, url, title, date, body,
    /// publisher), e.g. `--field body=article_text --field date=pubDate`.
    #[arg(long, value_parser = newsgraph::input::parse_field)]
    field: Vec<(newsgraph::input::FieldRole, String)>,
    /// IRI base for minted resources.
    #[arg(long, default_value = rdf::iri::DEFAULT_BASE)]
    base: String,
    /// Also store each article's full text as nif:isString.
    #[arg(long)]
    include_text: bool,
}

/// Quads gathered before a bulk write: large enough that the store receives
/// few, big files; small enough to bound memory (~100 MB).
const FLUSH_QUADS: usize = 300_000;

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
    let pb = super::progress("ingesting");
    let batches = super::Batches::new(
        &a.paths,
        ReadOptions {
            date: a.date,
            fields: a.field.clone(),
        },
    );
    // Analysis (all cores) and storing (a writer thread) overlap: while one
    // batch is written, the next is analysed. The channel holds two batches,
    // so memory stays bounded however large the input.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(String, ArticleQuads)>>(2);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let store = &store;
        let pb = &pb;
        let writer = scope.spawn(move || {
            let mut counts = (0usize, 0usize, 0usize, 0usize);
            let mut sources: Vec<String> = Vec::new();
            let mut items: Vec<ArticleQuads> = Vec::new();
            let mut pending_quads = 0usize;
            let mut flush = |sources: &mut Vec<String>, items: &mut Vec<ArticleQuads>| {
                for (source, r) in sources.iter().zip(store.ingest_many(items)) {
                    match r {
                        Ok(IngestOutcome::Added) => counts.0 += 1,
                        Ok(IngestOutcome::Replaced) => counts.1 += 1,
                        Ok(IngestOutcome::Unchanged) => counts.2 += 1,
                        Err(e) => {
                            pb.suspend(|| eprintln!("newsgraph: {source}: not stored: {e}"));
                            counts.3 += 1;
                        }
                    }
                }
                pb.inc(items.len() as u64);
                sources.clear();
                items.clear();
            };
            for batch in rx {
                for (source, aq) in batch {
                    pending_quads += aq.quads.len() + aq.entity_quads.len();
                    sources.push(source);
                    items.push(aq);
                }
                if pending_quads >= FLUSH_QUADS {
                    flush(&mut sources, &mut items);
                    pending_quads = 0;
                }
            }
            flush(&mut sources, &mut items);
            counts
        });
        let (batch_rx, reader) = super::read_ahead(scope, batches);
        for batch in batch_rx {
            let mut done = Vec::with_capacity(batch.len());
            for r in newsgraph::analyse_batch(&pipeline, &opts, &run, batch) {
                match r {
                    Ok((doc, aq)) => {
                        entities += doc.entities.len();
                        events += doc.events.len();
                        done.push((doc.meta.source_path, aq));
                    }
                    Err(e) => {
                        pb.suspend(|| eprintln!("newsgraph: skipped {e}"));
                        failed += 1;
                    }
                }
            }
            if tx.send(done).is_err() {
                break; // the writer stopped; its error is reported below
            }
        }
        drop(tx);
        let (ad, re, un, fa) = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))?;
        added += ad;
        replaced += re;
        unchanged += un;
        failed += fa;
        failed += reader.join().expect("reader thread");
        Ok(())
    })?;
    pb.finish_and_clear();
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
