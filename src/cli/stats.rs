//! `newsgraph stats`: what the store holds, by class and by article.

use super::DEFAULT_STORE;
use newsgraph::store::GraphStore;
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
}

fn rows(store: &GraphStore, q: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(s) = store.query(q)? {
        let vars = s.variables().to_vec();
        for r in s {
            let r = r?;
            out.push(
                vars.iter()
                    .map(|v| match r.get(v) {
                        Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
                        Some(t) => t.to_string(),
                        None => String::new(),
                    })
                    .collect(),
            );
        }
    }
    Ok(out)
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    super::require_store(&a.store)?;
    let store = GraphStore::open_read_only(&a.store)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "quads: {}", store.len()?)?;
    writeln!(out, "\nby class:")?;
    let by_class = rows(
        &store,
        "PREFIX ng: <https://w3id.org/newsgraph/ont#>
        SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(ng:))) }
        GROUP BY ?c ORDER BY DESC(?n) ?c",
    )?;
    for r in by_class {
        let class = r[0]
            .trim_start_matches("<https://w3id.org/newsgraph/ont#")
            .trim_end_matches('>');
        writeln!(out, "  {class:<28} {}", r[1])?;
    }
    writeln!(out, "\nby article:")?;
    let by_article = rows(
        &store,
        "PREFIX ng: <https://w3id.org/newsgraph/ont#>
        PREFIX schema: <http://schema.org/>
        SELECT ?g ?headline ?date ?quads WHERE {
          { SELECT ?g (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
          GRAPH ?g { ?a a ng:Article . OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:datePublished ?date } }
        } ORDER BY ?date ?headline",
    )?;
    for r in by_article {
        writeln!(out, "  {} {:<10} {:>6} quads  {}", r[0], r[2], r[3], r[1])?;
    }
    Ok(ExitCode::SUCCESS)
}
