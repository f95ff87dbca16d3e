//! newsgraph: business and financial news in, an RDF knowledge graph out.
//!
//! Flow: [`input`] reads articles into [`document::Document`]s; a
//! [`pipeline::Pipeline`] of [`extract`] steps fills annotation layers;
//! [`resolve`] merges mentions into entities; [`rdf`] mints IRIs and builds
//! quads; [`store`] keeps them in Oxigraph. See ARCHITECTURE.md.

pub mod document;
pub mod eval;

pub mod extract;
pub mod gazetteer;
pub mod input;
pub mod pipeline;
pub mod rdf;
pub mod resolve;
pub mod store;
pub mod text;

pub use document::Document;
pub use pipeline::Pipeline;

/// Analyses one article with the default pipeline.
pub fn analyse(article: input::SourceArticle) -> Document {
    let mut doc = Document::new(article.text, article.meta);
    Pipeline::default_pipeline().run(&mut doc);
    doc
}
