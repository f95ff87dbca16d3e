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
use rayon::slice::ParallelSliceMut;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

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

/// Articles a worker takes at a time: small, so the last chunk of a run (when
/// one core may be idle) is short, yet large enough that handing out chunks
/// costs nothing beside analysing them.
const CHUNK: usize = 16;

/// Chunks read ahead of the writer: enough to keep every worker busy while
/// one chunk is slow, few enough that memory stays bounded.
const WINDOW: usize = 16;

/// Spent output buffers kept for reuse: a few chunks' worth, about as many
/// articles as are analysed but not yet written at a time, so a worker seldom
/// allocates a fresh one.
const SPENT: usize = 4 * CHUNK;

/// The largest spent buffers kept (text bytes): a few times an average
/// Reuters article's graph (about 37 KB of N-Quads); bigger ones are freed.
const SPENT_BYTES: usize = 128 << 10;

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
    // written articles' buffers, emptied, for the workers to fill again
    let spent: Mutex<Vec<NQuadsText>> = Mutex::new(Vec::new());
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
                // the same article twice (same id or text) is written once
                if seen_graphs.insert(graph) {
                    article.write_to(out)?;
                    for l in entities.iter() {
                        if !shared.contains(l) {
                            shared.insert(l.to_owned());
                        }
                    }
                }
                let text = NQuadsText::recycle(article, entities);
                let mut pool = spent.lock().unwrap_or_else(PoisonError::into_inner);
                if pool.len() < SPENT && text.held() <= SPENT_BYTES {
                    pool.push(text);
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
        let reused = spent.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let mut text = reused.unwrap_or_default();
        text.reserve(lines, entity_lines);
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
    // N-Quads stream: a reader thread parses input, one worker per core
    // analyses and serialises articles as soon as it is free, and this thread
    // writes them in input order (see `parallel`). With NEWSGRAPH_PROFILE
    // everything runs here in turn, so per-extractor times add up.
    let mut article_failed = 0;
    let read_failed = if profile {
        let mut batches = batches;
        for article in batches.by_ref().flatten() {
            let mut doc = newsgraph::Document::new(article.text, article.meta);
            pipeline.run_timed(&mut doc, &mut step_times);
            emit(to_part(&doc), &mut out)?;
            ok += 1;
            pb.inc(1);
        }
        batches.failed
    } else {
        super::parallel::ordered(
            batches.chunked(CHUNK),
            rayon::current_num_threads(),
            WINDOW,
            || pipeline.warm_up(),
            |article| newsgraph::analyse_one(&pipeline, article, |doc| to_part(&doc)),
            |r| {
                match r {
                    Ok(part) => {
                        emit(part, &mut out)?;
                        ok += 1;
                        pb.inc(1);
                    }
                    Err(e) => {
                        pb.suspend(|| eprintln!("newsgraph: skipped {e}"));
                        article_failed += 1;
                    }
                }
                Ok(())
            },
        )?
    };
    let failed = article_failed + read_failed;
    pb.finish_and_clear();
    if profile {
        for (n, t) in pipeline.names().iter().zip(&step_times) {
            eprintln!("profile: {n:<12} {:>8.3} s", t.as_secs_f64());
        }
    }
    if stream {
        shared.extend(run_quads.iter().map(nquads_line));
        let mut lines: Vec<String> = shared.into_iter().collect();
        // the one serial step after the last article: use every core
        lines.par_sort_unstable();
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
