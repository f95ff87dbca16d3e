//! Rendering a [`Report`]: a summary for people grouped by shape, JSON for
//! programs, and a W3C `sh:ValidationReport` graph in Turtle for RDF tools.

use super::shapes::{compact_iri, Path};
use super::{Report, ValidationResult, SH};
use oxigraph::model::{Literal, Term};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Output formats of `newsgraph validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    #[default]
    Text,
    Json,
    Turtle,
}

fn local(iri: &str) -> &str {
    iri.strip_prefix(SH).unwrap_or(iri)
}

fn term_compact(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => compact_iri(n.as_str()),
        Term::Literal(l) if l.language().is_none() && l.datatype().as_str() != SH_XSD_STRING => {
            let full = l.to_string();
            let suffix = format!("^^{}", l.datatype());
            match full.strip_suffix(&suffix) {
                Some(lexical) => format!("{lexical}^^{}", compact_iri(l.datatype().as_str())),
                None => full,
            }
        }
        other => other.to_string(),
    }
}

const SH_XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

impl Report {
    /// Counts per severity, e.g. "3 violations, 1 warning".
    fn severity_counts(&self) -> String {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &self.results {
            *by.entry(local(r.severity.as_str())).or_default() += 1;
        }
        by.iter()
            .map(|(s, n)| {
                let name = s.to_lowercase();
                format!("{n} {name}{}", if *n == 1 { "" } else { "s" })
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The human report: one block per shape with its count and up to `limit`
    /// example focus nodes, then a one-line verdict.
    pub fn to_text(&self, limit: usize) -> String {
        let mut out = String::new();
        let mut groups: BTreeMap<&str, Vec<&ValidationResult>> = BTreeMap::new();
        for r in &self.results {
            groups.entry(r.shape_label.as_str()).or_default().push(r);
        }
        for (shape, rs) in &groups {
            let nodes: std::collections::BTreeSet<String> =
                rs.iter().map(|r| r.focus_node.to_string()).collect();
            let _ = writeln!(
                out,
                "{shape}: {} result{} on {} node{} ({})",
                rs.len(),
                if rs.len() == 1 { "" } else { "s" },
                nodes.len(),
                if nodes.len() == 1 { "" } else { "s" },
                local(rs[0].severity.as_str()),
            );
            for r in rs.iter().take(limit) {
                let mut line = format!("  {} ", r.focus_node);
                if let Some(p) = &r.path {
                    let _ = write!(line, "{} ", p.compact());
                }
                let _ = write!(
                    line,
                    "[{}]",
                    r.component.trim_end_matches("ConstraintComponent")
                );
                if let Some(v) = &r.value {
                    let _ = write!(line, " value {}", term_compact(v));
                }
                if let Some(m) = &r.message {
                    let _ = write!(line, ": {}", m.value());
                }
                let _ = writeln!(out, "{line}");
            }
            if rs.len() > limit {
                let _ = writeln!(
                    out,
                    "  ... and {} more (--limit N shows more)",
                    rs.len() - limit
                );
            }
        }
        if self.conforms() {
            let _ = writeln!(
                out,
                "conforms: {} focus nodes checked, no results",
                self.focus_nodes
            );
        } else {
            let _ = writeln!(
                out,
                "does not conform: {} in {} shape{} ({} focus nodes checked)",
                self.severity_counts(),
                groups.len(),
                if groups.len() == 1 { "" } else { "s" },
                self.focus_nodes
            );
        }
        out
    }

    /// JSON for programs: terms in N-Triples syntax, paths in SPARQL path
    /// syntax, components and severities as full IRIs.
    pub fn to_json(&self) -> serde_json::Value {
        let results: Vec<serde_json::Value> = self
            .results
            .iter()
            .map(|r| {
                serde_json::json!({
                    "focusNode": r.focus_node.to_string(),
                    "resultPath": r.path.as_ref().map(Path::to_string),
                    "value": r.value.as_ref().map(Term::to_string),
                    "sourceShape": r.shape_iri.as_ref().map(|n| n.as_str().to_string()),
                    "shape": r.shape_label,
                    "sourceConstraintComponent": format!("{SH}{}", r.component),
                    "severity": r.severity.as_str(),
                    "message": r.message.as_ref().map(|m| m.value().to_string()),
                })
            })
            .collect();
        serde_json::json!({
            "conforms": self.conforms(),
            "focusNodes": self.focus_nodes,
            "results": results,
        })
    }

    /// A W3C `sh:ValidationReport` in Turtle, in the report's sorted order.
    /// Blank-node shapes get `_:shapeN` labels numbered by shape name, since
    /// the shapes graph's own blank nodes have no stable identity.
    pub fn to_turtle(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "@prefix sh: <{SH}> .");
        let _ = writeln!(out, "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n");
        let _ = writeln!(out, "_:report a sh:ValidationReport ;");
        let _ = write!(out, "\tsh:conforms {}", self.conforms());
        for i in 0..self.results.len() {
            let _ = write!(out, " ;\n\tsh:result _:result{}", i + 1);
        }
        let _ = writeln!(out, " .");
        let mut blank_shapes: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &self.results {
            if r.shape_iri.is_none() {
                let n = blank_shapes.len() + 1;
                blank_shapes.entry(r.shape_label.as_str()).or_insert(n);
            }
        }
        for (i, r) in self.results.iter().enumerate() {
            let _ = writeln!(out, "\n_:result{} a sh:ValidationResult ;", i + 1);
            let _ = writeln!(out, "\tsh:focusNode {} ;", r.focus_node);
            if let Some(p) = &r.path {
                let _ = writeln!(out, "\tsh:resultPath {} ;", path_turtle(p));
            }
            if let Some(v) = &r.value {
                let _ = writeln!(out, "\tsh:value {v} ;");
            }
            match &r.shape_iri {
                Some(n) => {
                    let _ = writeln!(out, "\tsh:sourceShape {n} ;");
                }
                None => {
                    let _ = writeln!(
                        out,
                        "\tsh:sourceShape _:shape{} ;",
                        blank_shapes[r.shape_label.as_str()]
                    );
                }
            }
            let _ = writeln!(out, "\tsh:sourceConstraintComponent sh:{} ;", r.component);
            let _ = write!(out, "\tsh:resultSeverity {}", r.severity);
            if let Some(m) = &r.message {
                let _ = write!(out, " ;\n\tsh:resultMessage {}", Literal::to_string(m));
            }
            let _ = writeln!(out, " .");
        }
        out
    }
}

/// A path as the SHACL RDF structure, written inline with `[ ]` and `( )`.
fn path_turtle(p: &Path) -> String {
    let list = |ps: &[Path]| ps.iter().map(path_turtle).collect::<Vec<_>>().join(" ");
    match p {
        Path::Predicate(n) => n.to_string(),
        Path::Inverse(b) => format!("[ sh:inversePath {} ]", path_turtle(b)),
        Path::Sequence(ps) => format!("( {} )", list(ps)),
        Path::Alternative(ps) => format!("[ sh:alternativePath ( {} ) ]", list(ps)),
        Path::ZeroOrMore(b) => format!("[ sh:zeroOrMorePath {} ]", path_turtle(b)),
        Path::OneOrMore(b) => format!("[ sh:oneOrMorePath {} ]", path_turtle(b)),
        Path::ZeroOrOne(b) => format!("[ sh:zeroOrOnePath {} ]", path_turtle(b)),
    }
}
