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
pub mod links;
pub mod pipeline;
pub mod push;
pub mod rdf;
pub mod resolve;
pub mod server;
pub mod shacl;
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

/// Analyses a batch of articles in parallel (all cores) and builds their quads.
///
/// Results come back in input order, so output stays deterministic. A bug that
/// panics on one article is caught and reported for that article only: one bad
/// page never stops a run.
pub fn analyse_batch(
    pipeline: &Pipeline,
    opts: &rdf::RdfOptions,
    run: &oxigraph::model::NamedNode,
    articles: Vec<input::SourceArticle>,
) -> Vec<Result<(Document, rdf::ArticleQuads), String>> {
    analyse_batch_with(pipeline, articles, |doc| {
        let q = rdf::document_quads(&doc, opts, run);
        (doc, q)
    })
}

/// Analyses a batch on all cores, with `then` applied to each analysed
/// document on the same worker thread, so per-article follow-up work (building
/// quads, serialising, counting) runs on all cores too.
pub fn analyse_batch_with<T: Send>(
    pipeline: &Pipeline,
    articles: Vec<input::SourceArticle>,
    then: impl Fn(Document) -> T + Sync,
) -> Vec<Result<T, String>> {
    use rayon::prelude::*;
    articles
        .into_par_iter()
        .map(|a| analyse_one(pipeline, a, &then))
        .collect()
}

/// Analyses one article and applies `then` to the document, on the calling
/// thread. A panic (a bug) becomes an error naming the article's file, so the
/// caller reports it and goes on with the others.
pub fn analyse_one<T>(
    pipeline: &Pipeline,
    article: input::SourceArticle,
    then: impl Fn(Document) -> T,
) -> Result<T, String> {
    let name = article.meta.source_path.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut doc = Document::new(article.text, article.meta);
        pipeline.run(&mut doc);
        then(doc)
    }))
    .map_err(|p| {
        let why = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        format!("{name}: internal error while extracting ({why}); please report it with this file")
    })
}
