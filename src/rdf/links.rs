//! Quads for identifier links (`newsgraph link`), in the links graph.
//!
//! Identifiers are written both as `owl:sameAs` IRIs (what linked-data tools
//! follow) and as plain literals (what people filter on), reusing the
//! properties the entities graph already uses: `schema:leiCode`,
//! `schema:tickerSymbol`, and `ng:permId` for the one newsgraph had no term for.

use super::iri::Minter;
use super::vocab::{self, ng, schema, w3c};
use crate::links::Identifiers;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

/// The quads linking one entity to its identifiers.
pub fn link_quads(minter: &Minter, entity: &str, ids: &Identifiers) -> Vec<Quad> {
    let g: GraphName = NamedNode::new_unchecked(minter.links_graph()).into();
    let s = NamedNode::new_unchecked(entity);
    let mut v = Vec::new();
    let mut add = |p: oxigraph::model::NamedNodeRef<'_>, o: oxigraph::model::Term| {
        v.push(Quad::new(s.clone(), p, o, g.clone()));
    };
    if let Some(q) = &ids.wikidata {
        add(
            w3c::OWL_SAME_AS,
            NamedNode::new_unchecked(format!("{}{q}", vocab::WIKIDATA_ENTITY_NS)).into(),
        );
    }
    if let Some(l) = &ids.lei {
        add(schema::LEI_CODE, Literal::new_simple_literal(l).into());
    }
    if let Some(p) = &ids.permid {
        add(
            w3c::OWL_SAME_AS,
            NamedNode::new_unchecked(format!("{}{p}", vocab::PERMID_NS)).into(),
        );
        add(ng::PERM_ID, Literal::new_simple_literal(p).into());
    }
    if let Some(t) = &ids.ticker {
        add(schema::TICKER_SYMBOL, Literal::new_simple_literal(t).into());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_identifier_becomes_a_quad_in_the_links_graph() {
        let m = Minter::default();
        let ids = Identifiers {
            wikidata: Some("Q42".into()),
            lei: Some("HWUPKR0MPOU8FGXBT394".into()),
            permid: Some("4295905573".into()),
            ticker: Some("AAPL".into()),
        };
        let q = link_quads(&m, "https://w3id.org/newsgraph/id/entity/x", &ids);
        assert_eq!(q.len(), 5);
        assert!(q
            .iter()
            .all(|q| q.graph_name.to_string() == format!("<{}>", m.links_graph())));
        let text: Vec<String> = q.iter().map(|q| q.object.to_string()).collect();
        assert!(text.contains(&"<http://www.wikidata.org/entity/Q42>".to_string()));
        assert!(text.contains(&"<https://permid.org/1-4295905573>".to_string()));
    }
}
