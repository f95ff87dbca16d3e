//! The embedded Oxigraph store: one transaction per article, queries over the
//! union of graphs, exports with prefixes and a stable order.

use crate::rdf::{vocab, ArticleQuads};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::io::Write;
#[cfg(feature = "rocksdb")]
use std::path::Path;

/// Store failures, with what to do about them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {source}; is another newsgraph process using it? (the store allows one writer)")]
    Open {
        path: String,
        #[source]
        source: oxigraph::store::StorageError,
    },
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot load RDF: {0}")]
    Load(#[from] oxigraph::store::LoaderError),
    #[error("cannot serialize: {0}")]
    Serialize(String),
}

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IngestOutcome {
    #[default]
    Added,
    Replaced,
    Unchanged,
}

/// A newsgraph store on disk (or in memory, for tests and `extract`).
pub struct GraphStore {
    store: oxigraph::store::Store,
}

impl GraphStore {
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let store = oxigraph::store::Store::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        Ok(GraphStore { store })
    }

    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let store =
            oxigraph::store::Store::open_read_only(path).map_err(|source| StoreError::Open {
                path: path.display().to_string(),
                source,
            })?;
        Ok(GraphStore { store })
    }

    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(GraphStore {
            store: oxigraph::store::Store::new()?,
        })
    }

    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.store
    }

    /// Replaces the article's named graph and adds its entity descriptions, atomically.
    /// An article whose graph already holds the same content hash is left alone.
    pub fn ingest(&self, a: &ArticleQuads, shared: &[Quad]) -> Result<IngestOutcome, StoreError> {
        let graph = NamedNodeRef::new_unchecked(&a.graph_iri);
        let article = NamedNodeRef::new_unchecked(&a.article_iri);
        let new_hash = a.quads.iter().find_map(|q| {
            (matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == a.article_iri)
                && q.predicate == vocab::ng::CONTENT_HASH)
                .then(|| q.object.clone())
        });
        let mut tx = self.store.start_transaction()?;
        let existed = tx.contains_named_graph(graph)?;
        if existed {
            let old_hash = tx
                .quads_for_pattern(
                    Some(article.into()),
                    Some(vocab::ng::CONTENT_HASH),
                    None,
                    Some(graph.into()),
                )
                .next()
                .transpose()?
                .map(|q| q.object);
            if old_hash.is_some() && old_hash == new_hash {
                // same text; the graph may still differ (another --date, a newer extractor)
                let old: std::collections::HashSet<Quad> = tx
                    .quads_for_pattern(None, None, None, Some(graph.into()))
                    .collect::<Result<_, _>>()?;
                if old.len() == a.quads.len() && a.quads.iter().all(|q| old.contains(q)) {
                    return Ok(IngestOutcome::Unchanged);
                }
            }
            tx.clear_graph(graph)?;
        } else {
            tx.insert_named_graph(graph);
        }
        tx.extend(a.quads.iter());
        tx.extend(a.entity_quads.iter());
        tx.extend(shared.iter());
        tx.commit()?;
        Ok(if existed {
            IngestOutcome::Replaced
        } else {
            IngestOutcome::Added
        })
    }

    /// Inserts quads outside any article graph (the ontology, the run description).
    pub fn insert_all(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// Runs a SPARQL query over the union of all graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut q = SparqlEvaluator::new().parse_query(sparql)?;
        q.dataset_mut().set_default_graph_as_union();
        Ok(q.on_store(&self.store).execute()?)
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// All quads (or one graph's), sorted by their N-Quads form for byte-stable output.
    pub fn sorted_quads(&self, graph: Option<&str>) -> Result<Vec<Quad>, StoreError> {
        let g = graph.map(NamedNodeRef::new_unchecked);
        let mut v: Vec<Quad> = self
            .store
            .quads_for_pattern(None, None, None, g.map(GraphNameRef::NamedNode))
            .collect::<Result<_, _>>()?;
        sort_quads(&mut v);
        Ok(v)
    }
}

/// Sorts quads by their N-Quads serialization and removes duplicates.
pub fn sort_quads(v: &mut Vec<Quad>) {
    v.sort_by_cached_key(|q| q.to_string());
    v.dedup();
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Nquads,
    Trig,
    Turtle,
    Ntriples,
    Jsonld,
    Rdfxml,
}

impl ExportFormat {
    fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
        }
    }
    /// Whether the format keeps named graphs (others merge all graphs into one).
    pub fn has_graphs(self) -> bool {
        matches!(
            self,
            ExportFormat::Nquads | ExportFormat::Trig | ExportFormat::Jsonld
        )
    }
}

/// Writes sorted quads in a format; triple formats get the union of the graphs.
pub fn write_quads(
    quads: &[Quad],
    format: ExportFormat,
    out: impl Write,
) -> Result<(), StoreError> {
    let mut ser = RdfSerializer::from_format(format.rdf_format());
    if matches!(
        format,
        ExportFormat::Turtle | ExportFormat::Trig | ExportFormat::Rdfxml | ExportFormat::Jsonld
    ) {
        for (p, ns) in vocab::PREFIXES {
            ser = ser
                .with_prefix(*p, *ns)
                .map_err(|e| StoreError::Serialize(e.to_string()))?;
        }
    }
    let mut w = ser.for_writer(out);
    if format.has_graphs() {
        for q in quads {
            w.serialize_quad(q)?;
        }
    } else {
        let mut triples: Vec<_> = quads
            .iter()
            .map(|q| {
                QuadRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                    GraphNameRef::DefaultGraph,
                )
            })
            .collect();
        triples.sort_by_cached_key(|q| q.to_string());
        triples.dedup();
        for q in triples {
            w.serialize_quad(q)?;
        }
    }
    w.finish()?;
    Ok(())
}

include!(concat!(env!("OUT_DIR"), "/queries.rs"));

/// The named queries of `queries/`, embedded at build time.
pub fn named_queries() -> &'static [(&'static str, &'static str)] {
    NAMED_QUERIES
}
