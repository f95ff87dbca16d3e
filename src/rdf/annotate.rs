//! Provenance as W3C Web Annotations (`--annotations`).
//!
//! newsgraph records provenance in NIF: a mention node with `nif:beginIndex`,
//! `nif:endIndex`, `nif:anchorOf` and `nif:referenceContext`, linked from a
//! fact by `ng:evidence` or to an entity by `itsrdf:taIdentRef`. Annotation
//! tools (Hypothesis, Recogito, IIIF viewers) read `oa:` instead, so each such
//! anchor is restated as an `oa:Annotation` whose target selects the same
//! span two ways: by position (code points, as NIF) and by quote, which
//! survives small edits of the page. Every node gets a content-derived IRI
//! from the mention and the fact, so the output is deterministic and unions
//! cleanly across shards, like the rest of the graph.

use super::iri::Minter;
use super::vocab::{itsrdf, ng, nif, oa, prov, w3c};
use crate::store::{sort_quads, GraphStore, StoreError};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::HashMap;

/// Characters of context kept in `oa:prefix` and `oa:suffix`.
pub const CONTEXT_CHARS: usize = 32;

fn int(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), w3c::XSD_NON_NEGATIVE_INTEGER)
}

/// Annotations for every evidence and mention anchor, in the graph of the
/// anchor (or only for `graph`). `oa:prefix`/`oa:suffix` need the article text,
/// so they are present only when the store holds it (`nif:isString`, from
/// `--include-text`); position and exact quote are always there.
pub fn annotation_quads(
    store: &GraphStore,
    minter: &Minter,
    graph: Option<&str>,
) -> Result<Vec<Quad>, StoreError> {
    let filter = graph
        .map(|g| format!("FILTER(?g = <{g}>)"))
        .unwrap_or_default();
    let texts: HashMap<String, Vec<char>> = store
        .select(&format!(
            "SELECT ?src ?text WHERE {{ GRAPH ?g {{ ?src <{}> ?text }} {filter} }}",
            nif::IS_STRING.as_str()
        ))?
        .into_iter()
        .filter_map(|r| match (&r[0], &r[1]) {
            (Some(Term::NamedNode(s)), Some(Term::Literal(t))) => {
                Some((s.as_str().to_string(), t.value().chars().collect()))
            }
            _ => None,
        })
        .collect();
    let rows = store.select(&format!(
        "SELECT ?g ?m ?body ?kind ?b ?e ?exact ?src WHERE {{ GRAPH ?g {{
           {{ ?body <{evidence}> ?m BIND(\"evidence\" AS ?kind) }}
           UNION {{ ?m <{ident}> ?body BIND(\"mention\" AS ?kind) }}
           ?m <{begin}> ?b ; <{end}> ?e ; <{anchor}> ?exact ; <{ctx}> ?src .
         }} {filter} }}",
        evidence = ng::EVIDENCE.as_str(),
        ident = itsrdf::TA_IDENT_REF.as_str(),
        begin = nif::BEGIN_INDEX.as_str(),
        end = nif::END_INDEX.as_str(),
        anchor = nif::ANCHOR_OF.as_str(),
        ctx = nif::REFERENCE_CONTEXT.as_str(),
    ))?;
    let mut out = Vec::new();
    for r in rows {
        let (
            Some(Term::NamedNode(g)),
            Some(Term::NamedNode(m)),
            Some(Term::NamedNode(body)),
            Some(Term::Literal(kind)),
            Some(Term::Literal(b)),
            Some(Term::Literal(e)),
            Some(Term::Literal(exact)),
            Some(Term::NamedNode(src)),
        ) = (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6], &r[7])
        else {
            continue;
        };
        let (Ok(b), Ok(e)) = (b.value().parse::<u64>(), e.value().parse::<u64>()) else {
            continue;
        };
        let g: GraphName = g.clone().into();
        let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
            out.push(Quad::new(s.clone(), p, o, g.clone()));
        };
        let mint = |kind: &str, key: &str| NamedNode::new_unchecked(minter.mint(kind, key));
        let ann = mint("annotation", &format!("{}|{}", m.as_str(), body.as_str()));
        let target = mint("annotation/target", m.as_str());
        let pos = mint("annotation/position", m.as_str());
        let quote = mint("annotation/quote", m.as_str());

        add(&ann, w3c::RDF_TYPE, oa::ANNOTATION.into());
        let motive = if kind.value() == "mention" {
            oa::IDENTIFYING
        } else {
            oa::DESCRIBING
        };
        add(&ann, oa::MOTIVATED_BY, motive.into());
        add(&ann, oa::HAS_BODY, body.clone().into());
        add(&ann, oa::HAS_TARGET, target.clone().into());
        add(&ann, prov::WAS_DERIVED_FROM, m.clone().into());

        add(&target, w3c::RDF_TYPE, oa::SPECIFIC_RESOURCE.into());
        add(&target, oa::HAS_SOURCE, src.clone().into());
        add(&target, oa::HAS_SELECTOR, pos.clone().into());
        add(&target, oa::HAS_SELECTOR, quote.clone().into());

        add(&pos, w3c::RDF_TYPE, oa::TEXT_POSITION_SELECTOR.into());
        add(&pos, oa::START, int(b).into());
        add(&pos, oa::END, int(e).into());

        add(&quote, w3c::RDF_TYPE, oa::TEXT_QUOTE_SELECTOR.into());
        add(&quote, oa::EXACT, exact.clone().into());
        if let Some(text) = texts.get(src.as_str()) {
            let (b, e) = (b as usize, e as usize);
            if b <= e && e <= text.len() {
                let pre: String = text[b.saturating_sub(CONTEXT_CHARS)..b].iter().collect();
                let suf: String = text[e..(e + CONTEXT_CHARS).min(text.len())]
                    .iter()
                    .collect();
                add(&quote, oa::PREFIX, Literal::new_simple_literal(pre).into());
                add(&quote, oa::SUFFIX, Literal::new_simple_literal(suf).into());
            }
        }
    }
    sort_quads(&mut out);
    Ok(out)
}
