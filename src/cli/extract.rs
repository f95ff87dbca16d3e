//! `newsgraph extract`: articles in, sorted RDF out, no store.

use newsgraph::input::ReadOptions;
use newsgraph::rdf::{self, iri::Minter, RdfOptions};
use newsgraph::store::{sort_quads, write_quads, ExportFormat, GraphStore};
use newsgraph::Pipeline;
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
    /// IRI base for minted resources.
    #[arg(long, default_value = rdf::iri::DEFAULT_BASE)]
    base: String,
    /// Also store each article's full text as nif:isString.
    #[arg(long)]
    include_text: bool,
    #[command(flatten)]
    extras: super::export::Extras,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let with_extras = a.extras.describe || a.extras.annotations;
    let opts = RdfOptions {
        minter: Minter::new(&a.base),
        // annotations quote the text around each anchor; the text itself is
        // dropped again below unless asked for
        include_text: a.include_text || a.extras.annotations,
    };
    let pipeline = Pipeline::default_pipeline();
    let (run, run_quads) = rdf::run_quads(&opts, &pipeline.names());
    let mut quads = run_quads;
    let profile = std::env::var_os("NEWSGRAPH_PROFILE").is_some();
    let mut step_times = vec![std::time::Duration::ZERO; pipeline.names().len()];
    let mut failed = 0;
    let mut ok = 0;
    let ropts = ReadOptions { date: a.date };
    for path in newsgraph::input::expand_paths(&a.paths) {
        let articles = super::read_articles(path, &ropts, &mut failed);
        if profile {
            // sequential, so per-extractor times add up
            for article in articles {
                let mut doc = newsgraph::Document::new(article.text, article.meta);
                pipeline.run_timed(&mut doc, &mut step_times);
                let aq = rdf::document_quads(&doc, &opts, &run);
                quads.extend(aq.quads);
                quads.extend(aq.entity_quads);
                ok += 1;
            }
            continue;
        }
        for batch in super::batches(articles) {
            for r in newsgraph::analyse_batch(&pipeline, &opts, &run, batch) {
                match r {
                    Ok((_, aq)) => {
                        quads.extend(aq.quads);
                        quads.extend(aq.entity_quads);
                        ok += 1;
                    }
                    Err(e) => {
                        eprintln!("newsgraph: skipped {e}");
                        failed += 1;
                    }
                }
            }
        }
    }
    if profile {
        for (n, t) in pipeline.names().iter().zip(&step_times) {
            eprintln!("profile: {n:<12} {:>8.3} s", t.as_secs_f64());
        }
    }
    if with_extras {
        let store = GraphStore::in_memory()?;
        store.insert_all(&quads)?;
        quads.extend(a.extras.quads(&store, None, a.format, &a.base)?);
        if !a.include_text {
            quads.retain(|q| q.predicate != newsgraph::rdf::vocab::nif::IS_STRING);
        }
    }
    sort_quads(&mut quads);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_quads(&quads, a.format, &mut out)?;
    out.flush()?;
    if failed > 0 {
        eprintln!("newsgraph: {ok} articles extracted, {failed} inputs failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
