//! `newsgraph export`: the store (or one graph) in an RDF format, sorted.

use super::DEFAULT_STORE;
use anyhow::{bail, Context};
use newsgraph::store::{write_quads, ExportFormat, GraphStore};
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
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if !a.store.exists() {
        bail!(
            "no store at {}; create one with `newsgraph ingest PATH`",
            a.store.display()
        );
    }
    let store = GraphStore::open_read_only(&a.store)?;
    let quads = store.sorted_quads(a.graph.as_deref())?;
    if let (Some(g), true) = (&a.graph, quads.is_empty()) {
        bail!("graph {g} is empty or absent; list graphs with `newsgraph stats`");
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
