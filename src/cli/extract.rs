//! `newsgraph extract`: articles in, RDF out, no store.
//!
//! N-Quads output streams in bounded memory: each article's graph, sorted, in
//! input order, then the shared entities and run graphs, sorted and
//! deduplicated. The bytes depend only on the input (and its order); `sort -u`
//! over any set of shard outputs gives the store's sorted export.

use newsgraph::input::ReadOptions;
use newsgraph::rdf::{self, iri::Minter, RdfOptions};
use newsgraph::store::{
    nquads_line, sort_quads, write_quads, EntityLines, ExportFormat, GraphStore, NQuadsText,
    SortedLines,
};
use newsgraph::Pipeline;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories (recursively); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "nquads")]
    format: ExportFormat,
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
    #[command(flatten)]
    extras: super::export::Extras,
}

/// One article's output: quads to sort with everything else, or its graph
/// already serialised (sorted N-Quads lines) plus its entity lines.
enum Part {
    Quads(rdf::ArticleQuads),
    Lines {
        graph: String,
        article: SortedLines,
        entities: EntityLines,
    },
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    crate::keep_freed_memory();
    let with_extras = a.extras.describe || a.extras.annotations;
    let opts = RdfOptions {
        minter: Minter::new(&a.base),
        // annotations quote the text around each anchor; the text itself is
        // dropped again below unless asked for
        include_text: a.include_text || a.extras.annotations,
    };
    let pipeline = Pipeline::default_pipeline();
    let (run, run_quads) = rdf::run_quads(&opts, &pipeline.names());
    let profile = std::env::var_os("NEWSGRAPH_PROFILE").is_some();
    let mut step_times = vec![std::time::Duration::ZERO; pipeline.names().len()];
    let mut ok = 0;
    let stdout = std::io::stdout();
    // smaller than most articles' graphs, which then go to the OS as one
    // vectored write each, uncopied (SortedLines::write_to)
    let mut out = std::io::BufWriter::with_capacity(1 << 14, stdout);
    // N-Quads stream: each article's graph is serialised and sorted on the
    // worker that built it and written as soon as its batch is done; only the
    // shared graphs (entities, run) wait for the end. Other formats group by
    // subject or graph, and --describe/--annotations need every quad, so
    // those sort the whole output.
    let stream = a.format == ExportFormat::Nquads && !with_extras;
    let mut whole: Vec<oxigraph::model::Quad> = Vec::new();
    // Fx: the lines are our own output, nothing to defend against
    let mut shared: rustc_hash::FxHashSet<String> = Default::default();
    let mut seen_graphs: HashSet<String> = HashSet::new();
    let mut emit = |part: Part, out: &mut dyn Write| -> anyhow::Result<()> {
        match part {
            Part::Quads(aq) => {
                whole.extend(aq.quads);
                whole.extend(aq.entity_quads);
            }
            Part::Lines {
                graph,
                article,
                entities,
            } => {
                if !seen_graphs.insert(graph) {
                    // the same article twice (same id or text): already written
                    return Ok(());
                }
                article.write_to(out)?;
                for l in entities.iter() {
                    if !shared.contains(l) {
                        shared.insert(l.to_owned());
                    }
                }
            }
        }
        Ok(())
    };
    let to_part = |doc: &newsgraph::Document| -> Part {
        if !stream {
            return Part::Quads(rdf::document_quads(doc, &opts, &run));
        }
        let (lines, entity_lines) = rdf::quad_estimate(doc);
        let mut text = NQuadsText::with_capacity(lines, entity_lines);
        let (_, graph) = rdf::build_document(doc, &opts, &run, &mut text);
        let (article, entities) = text.finish();
        Part::Lines {
            graph,
            article,
            entities,
        }
    };
    let pb = super::progress("extracting");
    let batches = super::Batches::new(
        &a.paths,
        ReadOptions {
            date: a.date,
            fields: a.field.clone(),
        },
    );
    // Three stages overlap: a reader thread parses the next batch, all cores
    // analyse this one, and a writer thread prints the previous one. Channels
    // hold one batch each, so memory stays bounded; order is kept because each
    // stage handles batches in turn.
    let failed = std::thread::scope(|scope| -> anyhow::Result<usize> {
        let (batch_rx, reader) = super::read_ahead(scope, batches);
        let (part_tx, part_rx) = std::sync::mpsc::sync_channel::<Vec<Result<Part, String>>>(1);
        let pb = &pb;
        let ok = &mut ok;
        let emit = &mut emit;
        let out = &mut out;
        let writer = scope.spawn(move || -> anyhow::Result<usize> {
            let mut failed = 0;
            for parts in part_rx {
                for r in parts {
                    match r {
                        Ok(part) => {
                            emit(part, out)?;
                            *ok += 1;
                            pb.inc(1);
                        }
                        Err(e) => {
                            pb.suspend(|| eprintln!("newsgraph: skipped {e}"));
                            failed += 1;
                        }
                    }
                }
            }
            Ok(failed)
        });
        for batch in batch_rx {
            let parts = if profile {
                // sequential, so per-extractor times add up
                batch
                    .into_iter()
                    .map(|article| {
                        let mut doc = newsgraph::Document::new(article.text, article.meta);
                        pipeline.run_timed(&mut doc, &mut step_times);
                        Ok(to_part(&doc))
                    })
                    .collect()
            } else {
                newsgraph::analyse_batch_with(&pipeline, batch, |doc| to_part(&doc))
            };
            if part_tx.send(parts).is_err() {
                break; // the writer stopped on an error, reported below
            }
        }
        drop(part_tx);
        let write_failed = writer.join().expect("writer thread")?;
        let read_failed = reader.join().expect("reader thread");
        Ok(write_failed + read_failed)
    })?;
    pb.finish_and_clear();
    if profile {
        for (n, t) in pipeline.names().iter().zip(&step_times) {
            eprintln!("profile: {n:<12} {:>8.3} s", t.as_secs_f64());
        }
    }
    if stream {
        shared.extend(run_quads.iter().map(nquads_line));
        let mut lines: Vec<String> = shared.into_iter().collect();
        lines.sort_unstable();
        for l in &lines {
            out.write_all(l.as_bytes())?;
        }
    } else {
        whole.extend(run_quads);
        if with_extras {
            let store = GraphStore::in_memory()?;
            store.insert_all(&whole)?;
            whole.extend(a.extras.quads(&store, None, a.format, &a.base)?);
            if !a.include_text {
                whole.retain(|q| q.predicate != newsgraph::rdf::vocab::nif::IS_STRING);
            }
        }
        sort_quads(&mut whole);
        write_quads(&whole, a.format, &mut out)?;
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("newsgraph: {ok} articles extracted, {failed} inputs failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
