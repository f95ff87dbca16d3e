//! `newsgraph export`: the store (or one graph) in an RDF format, sorted.

use super::DEFAULT_STORE;
use anyhow::{bail, Context};
use newsgraph::store::{sort_quads, write_quads, ExportFormat, GraphStore};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum, default_value = "turtle")]
    format: ExportFormat,
    /// Only this named graph (an article graph, or the entities graph).
    #[arg(long)]
    graph: Option<String>,
    /// Output file (default: stdout).
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// IRI base the store was built with (for the IRIs of descriptions and annotations).
    #[arg(long, default_value = newsgraph::rdf::iri::DEFAULT_BASE)]
    base: String,
    #[command(flatten)]
    extras: Extras,
}

/// Optional descriptions added to an export (`export` and `extract`).
#[derive(clap::Args, Debug, Clone)]
pub struct Extras {
    /// Add a VoID + DCAT description of the dataset (counts, classes, vocabularies, linksets) in its own graph.
    #[arg(long)]
    pub describe: bool,
    /// dct:license IRI of the data for --describe.
    #[arg(long, requires = "describe")]
    pub license: Option<String>,
    /// dct:created date (YYYY-MM-DD) for --describe; never taken from the clock, so output stays reproducible.
    #[arg(long, requires = "describe", value_parser = super::parse_date)]
    pub describe_date: Option<chrono::NaiveDate>,
    /// Also write provenance as W3C Web Annotations (oa:Annotation with position and quote selectors).
    #[arg(long)]
    pub annotations: bool,
}

impl Extras {
    /// The extra quads for `store` (restricted to `graph` for annotations), sorted.
    pub fn quads(
        &self,
        store: &GraphStore,
        graph: Option<&str>,
        format: ExportFormat,
        base: &str,
    ) -> anyhow::Result<Vec<oxigraph::model::Quad>> {
        let minter = newsgraph::rdf::iri::Minter::new(base);
        let mut v = Vec::new();
        if self.describe {
            let opts = newsgraph::rdf::describe::DescribeOptions {
                license: self.license.clone(),
                date: self.describe_date,
                media_type: Some(format.media_type()),
            };
            v.extend(newsgraph::rdf::describe::describe_quads(
                store, &minter, &opts,
            )?);
        }
        if self.annotations {
            v.extend(newsgraph::rdf::annotate::annotation_quads(
                store, &minter, graph,
            )?);
        }
        Ok(v)
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    super::require_store(&a.store)?;
    if a.graph.is_some() && a.extras.describe {
        bail!("--describe describes the whole store; drop --graph (or --describe)");
    }
    let store = GraphStore::open_read_only(&a.store)?;
    let mut quads = store.sorted_quads(a.graph.as_deref())?;
    if let (Some(g), true) = (&a.graph, quads.is_empty()) {
        bail!("graph {g} is empty or absent; list graphs with `newsgraph stats`");
    }
    if a.extras.describe || a.extras.annotations {
        quads.extend(
            a.extras
                .quads(&store, a.graph.as_deref(), a.format, &a.base)?,
        );
        sort_quads(&mut quads);
    }
    match &a.output {
        Some(p) => {
            let f =
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            let mut w = std::io::BufWriter::new(f);
            write_quads(&quads, a.format, &mut w)?;
            w.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            write_quads(&quads, a.format, &mut w)?;
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
