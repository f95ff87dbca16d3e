//! `newsgraph query`: SPARQL over the union of all graphs.

use super::DEFAULT_STORE;
use anyhow::{bail, Context};
use newsgraph::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// SPARQL text, or the name of a query in queries/ (e.g. `biggest-movers`).
    #[arg(required_unless_present_any = ["file", "list"])]
    query: Option<String>,
    /// Read the query from a file.
    #[arg(long, short)]
    file: Option<PathBuf>,
    /// List the named queries and what they answer.
    #[arg(long)]
    list: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
}

/// The text of a query given by name, file or literally.
pub fn resolve_query(q: Option<&str>, file: Option<&PathBuf>) -> anyhow::Result<String> {
    if let Some(f) = file {
        return std::fs::read_to_string(f)
            .with_context(|| format!("reading query file {}", f.display()));
    }
    let q = q.unwrap_or_default();
    if let Some((_, text)) = newsgraph::store::named_queries()
        .iter()
        .find(|(n, _)| *n == q)
    {
        return Ok(text.to_string());
    }
    let looks_like_name = !q.contains(char::is_whitespace) && !q.contains('{');
    if looks_like_name {
        let names: Vec<&str> = newsgraph::store::named_queries()
            .iter()
            .map(|(n, _)| *n)
            .collect();
        bail!("no named query `{q}`; known names: {}", names.join(", "));
    }
    Ok(q.to_string())
}

fn term_text(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.list {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for (name, text) in newsgraph::store::named_queries() {
            let about = text
                .lines()
                .find(|l| {
                    l.starts_with('#') && l.len() > 2 && l.trim() != newsgraph::store::NEEDS_NETWORK
                })
                .map(|l| l.trim_start_matches('#').trim())
                .unwrap_or("");
            let mark = if newsgraph::store::needs_network(text) {
                "[needs-network] "
            } else {
                ""
            };
            writeln!(out, "{name:<28} {mark}{about}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let sparql = resolve_query(a.query.as_deref(), a.file.as_ref())?;
    super::require_store(&a.store)?;
    let store = GraphStore::open_read_only(&a.store)?;
    let results = store.query(&sparql)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<_> = solutions.variables().to_vec();
            if a.format == Format::Table {
                let mut rows: Vec<Vec<String>> = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(
                        vars.iter()
                            .map(|v| s.get(v).map(term_text).unwrap_or_default())
                            .collect(),
                    );
                }
                let headers: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let widths: Vec<usize> = (0..headers.len())
                    .map(|i| {
                        rows.iter()
                            .map(|r| r[i].chars().count().min(80))
                            .chain(std::iter::once(headers[i].len()))
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |cells: &[String]| -> String {
                    cells
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| {
                            let c: String = if c.chars().count() > 80 {
                                c.chars().take(77).collect::<String>() + "..."
                            } else {
                                c.clone()
                            };
                            format!("{c:<w$}")
                        })
                        .collect::<Vec<_>>()
                        .join(" | ")
                        .trim_end()
                        .to_string()
                };
                writeln!(out, "{}", line(&headers))?;
                writeln!(
                    out,
                    "{}",
                    widths
                        .iter()
                        .map(|w| "-".repeat(*w))
                        .collect::<Vec<_>>()
                        .join("-+-")
                )?;
                for r in &rows {
                    writeln!(out, "{}", line(r))?;
                }
                writeln!(out, "({} rows)", rows.len())?;
            } else {
                let fmt = match a.format {
                    Format::Csv => QueryResultsFormat::Csv,
                    Format::Tsv => QueryResultsFormat::Tsv,
                    Format::Json => QueryResultsFormat::Json,
                    _ => QueryResultsFormat::Xml,
                };
                let mut ser = QueryResultsSerializer::from_format(fmt)
                    .serialize_solutions_to_writer(&mut out, vars.clone())?;
                for s in solutions {
                    let s = s?;
                    ser.serialize(&s)?;
                }
                ser.finish()?;
            }
        }
        QueryResults::Boolean(b) => {
            if a.format == Format::Table {
                writeln!(out, "{b}")?;
            } else {
                let fmt = match a.format {
                    Format::Csv => QueryResultsFormat::Csv,
                    Format::Tsv => QueryResultsFormat::Tsv,
                    Format::Json => QueryResultsFormat::Json,
                    _ => QueryResultsFormat::Xml,
                };
                QueryResultsSerializer::from_format(fmt)
                    .serialize_boolean_to_writer(&mut out, b)?;
            }
        }
        QueryResults::Graph(triples) => {
            let mut quads = Vec::new();
            for t in triples {
                let t = t?;
                quads.push(oxigraph::model::Quad::new(
                    t.subject,
                    t.predicate,
                    t.object,
                    oxigraph::model::GraphName::DefaultGraph,
                ));
            }
            newsgraph::store::sort_quads(&mut quads);
            newsgraph::store::write_quads(
                &quads,
                newsgraph::store::ExportFormat::Turtle,
                &mut out,
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
