//! A SHACL Core validator over an Oxigraph store.
//!
//! No Rust SHACL crate builds on Oxigraph 0.5 without pulling in a second RDF
//! stack, so newsgraph carries its own engine for the SHACL Core features its
//! shapes need (and most of the rest). It refuses shapes that use anything it
//! does not implement, instead of silently passing data it never checked.
//!
//! [`Shapes::parse`] reads a shapes graph; [`validate`] checks the union of
//! all graphs of a store against it and returns a [`Report`], which renders
//! as text, JSON or a W3C `sh:ValidationReport` in Turtle (see `report`).

mod engine;
mod report;
mod shapes;

pub use engine::validate;
pub use report::ReportFormat;
pub use shapes::{Path, Shapes};

use oxigraph::model::{Literal, NamedNode, Term};

/// The SHACL namespace.
pub const SH: &str = "http://www.w3.org/ns/shacl#";

/// Why validation could not be carried out (as opposed to data that fails it).
#[derive(Debug, thiserror::Error)]
pub enum ShaclError {
    #[error("cannot parse the shapes graph: {0}")]
    ShapesSyntax(String),
    #[error("the shapes use SHACL features this validator does not implement, so it cannot vouch for the data: {0}")]
    Unsupported(String),
    #[error("malformed shape {shape}: {reason}")]
    Malformed { shape: String, reason: String },
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("shapes nest deeper than {0} levels; recursive shapes are not supported")]
    TooDeep(usize),
}

/// One validation result, in the terms of the W3C validation report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidationResult {
    pub focus_node: Term,
    pub path: Option<Path>,
    pub value: Option<Term>,
    /// Readable name of the shape: its IRI's local name, or for a blank
    /// property shape its parent's name and path, so reports group sensibly.
    pub shape_label: String,
    /// The shape's IRI when it has one (blank shapes have no stable name).
    pub shape_iri: Option<NamedNode>,
    /// Local name of the constraint component, e.g. `MinCountConstraintComponent`.
    pub component: &'static str,
    pub severity: NamedNode,
    pub message: Option<Literal>,
}

/// All results of one validation, sorted by shape, focus node, path and value
/// so that two runs over the same data print the same bytes.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub results: Vec<ValidationResult>,
    /// How many focus nodes the targeted shapes selected (for the summary).
    pub focus_nodes: usize,
}

impl Report {
    /// SHACL's definition: any result, of any severity, means non-conformance
    /// (pySHACL does the same unless told to allow warnings).
    pub fn conforms(&self) -> bool {
        self.results.is_empty()
    }
}

#[cfg(test)]
mod tests;
