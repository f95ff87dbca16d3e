//! `newsgraph validate`: the store, or RDF files, against the SHACL shapes.

use super::DEFAULT_STORE;
use anyhow::{bail, Context};
use newsgraph::shacl::{self, ReportFormat, Shapes};
use newsgraph::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfParser};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The shapes shipped with newsgraph, so a bare binary can validate.
const SHAPES: &str = include_str!("../../ontology/shapes.ttl");

#[derive(clap::Args, Debug)]
pub struct Args {
    /// RDF files to validate instead of the store (.nq, .nt, .ttl, .trig,
    /// .rdf/.xml, .jsonld; optionally .gz); their graphs are merged.
    #[arg(conflicts_with = "store")]
    files: Vec<PathBuf>,
    /// Store to validate (opened read-only) when no FILE is given.
    #[arg(long)]
    store: Option<PathBuf>,
    /// Shapes graph (Turtle) instead of the embedded ontology/shapes.ttl.
    #[arg(long)]
    shapes: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
    /// Example focus nodes shown per shape in the text report.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

/// The RDF syntax of a file from its extension (after an optional `.gz`).
fn format_of(path: &Path) -> anyhow::Result<(RdfFormat, bool)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    };
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let format = match ext {
        "owl" => Some(RdfFormat::RdfXml),
        "txt" => None,
        e => RdfFormat::from_extension(e),
    };
    match format {
        Some(f) => Ok((f, gz)),
        None => bail!(
            "{}: unknown RDF format; name it .nq, .nt, .ttl, .trig, .rdf, .xml or .jsonld (optionally .gz)",
            path.display()
        ),
    }
}

fn load_files(files: &[PathBuf]) -> anyhow::Result<GraphStore> {
    let store = GraphStore::in_memory()?;
    for path in files {
        let (format, gz) = format_of(path)?;
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let reader: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
        } else {
            Box::new(BufReader::new(file))
        };
        store
            .inner()
            .load_from_reader(RdfParser::from_format(format), reader)
            .with_context(|| format!("cannot load {}", path.display()))?;
    }
    Ok(store)
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let shapes = match &a.shapes {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read shapes {}", p.display()))?;
            Shapes::parse(&text).with_context(|| format!("shapes {}", p.display()))?
        }
        None => Shapes::parse(SHAPES).context("embedded ontology/shapes.ttl")?,
    };
    let store = if a.files.is_empty() {
        let dir = a
            .store
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE));
        if !dir.exists() {
            bail!(
                "no store at {}; create one with `newsgraph ingest PATH`, or name RDF files to validate",
                dir.display()
            );
        }
        GraphStore::open_read_only(&dir)?
    } else {
        load_files(&a.files)?
    };
    let report = shacl::validate(store.inner(), &shapes)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        ReportFormat::Text => write!(out, "{}", report.to_text(a.limit))?,
        ReportFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?
        }
        ReportFormat::Turtle => write!(out, "{}", report.to_turtle())?,
    }
    out.flush()?;
    Ok(if report.conforms() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
