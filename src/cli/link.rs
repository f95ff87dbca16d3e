//! `newsgraph link`: identifier links from a CSV mapping into the links graph.

use super::DEFAULT_STORE;
use newsgraph::links::{read_mapping, EntityIndex, Match};
use newsgraph::rdf::iri::{Minter, DEFAULT_BASE};
use newsgraph::rdf::links::link_quads;
use newsgraph::store::{sort_quads, GraphStore};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// CSV with a header: `entity` (IRI) or `name`, optional `kind`, and identifiers `wikidata`, `lei`, `permid`, `ticker`.
    #[arg(long)]
    mapping: PathBuf,
    /// IRI base the store was built with (locates the entities and links graphs).
    #[arg(long, default_value = DEFAULT_BASE)]
    base: String,
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    super::require_store(&a.store)?;
    let rows = match read_mapping(&a.mapping) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newsgraph: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let minter = Minter::new(&a.base);
    let store = GraphStore::open(&a.store)?;
    let index = EntityIndex::load(&store, &minter.entities_graph())?;
    let file = a.mapping.display().to_string();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut matched, mut ambiguous, mut missing, mut invalid) = (0, 0, 0, 0);
    let mut quads = Vec::new();
    for (line, row) in &rows {
        let row = match row {
            Ok(r) => r,
            Err(why) => {
                invalid += 1;
                writeln!(out, "{file}:{line}: invalid: {why}")?;
                continue;
            }
        };
        match index.find(row) {
            Match::Found(iri, name) => {
                matched += 1;
                writeln!(
                    out,
                    "{file}:{line}: matched {} -> <{iri}> ({name}): {}",
                    row.label(),
                    row.ids.summary()
                )?;
                quads.extend(link_quads(&minter, &iri, &row.ids));
            }
            Match::Ambiguous(c) => {
                ambiguous += 1;
                let list: Vec<String> = c.iter().map(|(i, n)| format!("<{i}> ({n})")).collect();
                writeln!(
                    out,
                    "{file}:{line}: ambiguous {}: {} entities: {}; add a `kind` or use the `entity` column",
                    row.label(),
                    c.len(),
                    list.join(", ")
                )?;
            }
            Match::NotFound => {
                missing += 1;
                let kind = row
                    .kind
                    .map(|k| format!(" of kind {k:?}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{file}:{line}: not found: no entity {}{kind} in {}",
                    row.label(),
                    a.store.display()
                )?;
            }
        }
    }
    sort_quads(&mut quads);
    let graph = minter.links_graph();
    store.replace_graph(&graph, &quads)?;
    writeln!(
        out,
        "links: {} rows: {matched} matched, {ambiguous} ambiguous, {missing} not found, {invalid} invalid; <{graph}> now holds {} triples (replaced, not added to)",
        rows.len(),
        quads.len()
    )?;
    Ok(ExitCode::SUCCESS)
}
