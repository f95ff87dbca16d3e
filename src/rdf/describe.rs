//! A VoID + DCAT description of the dataset (`--describe`).
//!
//! Catalogues and SPARQL tooling (dataset browsers, LOD crawlers, data
//! portals) decide what a dump is worth from its VoID/DCAT description: size,
//! classes, vocabularies, and links into other datasets. It is computed with
//! SPARQL from the store itself, so it always matches what is exported, and
//! holds no wall-clock time: `dct:created` only when the caller gives a date,
//! so describing the same store twice gives the same bytes.

use super::iri::Minter;
use super::vocab::{self, dcat, dct, ng, prov, void, w3c};
use crate::store::{sort_quads, GraphStore, StoreError};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::BTreeMap;

/// What the caller knows that the store does not.
#[derive(Debug, Clone, Default)]
pub struct DescribeOptions {
    /// `dct:license` of the data, when known.
    pub license: Option<String>,
    /// `dct:created`, when given; never the clock, to keep output reproducible.
    pub date: Option<chrono::NaiveDate>,
    /// IANA media type of the distribution being written, e.g. `text/turtle`.
    pub media_type: Option<&'static str>,
}

/// Known link targets: namespace and title.
const LINK_TARGETS: &[(&str, &str)] = &[
    (vocab::WIKIDATA_ENTITY_NS, "Wikidata"),
    (vocab::PERMID_NS, "PermID"),
];

fn int(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), w3c::XSD_INTEGER)
}

fn count(store: &GraphStore, q: &str) -> Result<u64, StoreError> {
    Ok(store
        .select(q)?
        .first()
        .and_then(|r| r.first().cloned().flatten())
        .and_then(|t| match t {
            Term::Literal(l) => l.value().parse().ok(),
            _ => None,
        })
        .unwrap_or(0))
}

fn iri_counts(store: &GraphStore, q: &str) -> Result<Vec<(String, u64)>, StoreError> {
    Ok(store
        .select(q)?
        .into_iter()
        .filter_map(|r| match (&r[0], &r[1]) {
            (Some(Term::NamedNode(n)), Some(Term::Literal(l))) => {
                Some((n.as_str().to_string(), l.value().parse().unwrap_or(0)))
            }
            _ => None,
        })
        .collect())
}

/// The namespace of a link target IRI: a known one, else up to the last `/` or `#`.
fn target_namespace(iri: &str) -> String {
    if let Some((ns, _)) = LINK_TARGETS.iter().find(|(ns, _)| iri.starts_with(*ns)) {
        return ns.to_string();
    }
    match iri.rfind(['/', '#']) {
        Some(i) => iri[..=i].to_string(),
        None => iri.to_string(),
    }
}

/// The description quads, in the description graph. Counts cover every graph
/// of the store except a description graph already in it.
pub fn describe_quads(
    store: &GraphStore,
    minter: &Minter,
    opts: &DescribeOptions,
) -> Result<Vec<Quad>, StoreError> {
    let dg = minter.description_graph();
    let g: GraphName = NamedNode::new_unchecked(dg.clone()).into();
    // distinct triples of all graphs but the description
    let triples = format!(
        "{{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{dg}>) }} }}"
    );
    let base = minter.base();
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        out.push(Quad::new(s.clone(), p, o, g.clone()));
    };
    let ds = NamedNode::new_unchecked(minter.mint("dataset", base));
    add(&ds, w3c::RDF_TYPE, void::DATASET.into());
    add(&ds, w3c::RDF_TYPE, dcat::DATASET.into());
    add(
        &ds,
        dct::TITLE,
        Literal::new_simple_literal("newsgraph knowledge graph").into(),
    );
    add(
        &ds,
        dct::DESCRIPTION,
        Literal::new_simple_literal(
            "Companies, people, events and figures extracted from news articles, with provenance.",
        )
        .into(),
    );
    add(
        &ds,
        void::URI_SPACE,
        Literal::new_simple_literal(base).into(),
    );
    if let Some(l) = &opts.license {
        if let Ok(n) = NamedNode::new(l.as_str()) {
            add(&ds, dct::LICENSE, n.into());
        } else {
            add(&ds, dct::LICENSE, Literal::new_simple_literal(l).into());
        }
    }
    if let Some(d) = opts.date {
        add(
            &ds,
            dct::CREATED,
            Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), w3c::XSD_DATE).into(),
        );
    }

    let n = |q: &str| count(store, q);
    add(
        &ds,
        void::TRIPLES,
        int(n(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ {triples} }}"
        ))?)
        .into(),
    );
    add(
        &ds,
        void::ENTITIES,
        int(n(&format!(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {triples} FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{base}\")) }}"
        ))?)
        .into(),
    );
    add(
        &ds,
        void::DISTINCT_SUBJECTS,
        int(n(&format!(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {triples} }}"
        ))?)
        .into(),
    );
    add(
        &ds,
        void::DISTINCT_OBJECTS,
        int(n(&format!(
            "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {triples} }}"
        ))?)
        .into(),
    );

    let rdf_type = w3c::RDF_TYPE.as_str();
    let classes = iri_counts(
        store,
        &format!(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{rdf_type}> ?c }} FILTER(?g != <{dg}>) }} GROUP BY ?c"
        ),
    )?;
    let properties = iri_counts(
        store,
        &format!("SELECT ?p (COUNT(*) AS ?n) WHERE {{ {triples} }} GROUP BY ?p"),
    )?;
    add(&ds, void::CLASSES, int(classes.len() as u64).into());
    add(&ds, void::PROPERTIES, int(properties.len() as u64).into());
    for (c, k) in &classes {
        let part = NamedNode::new_unchecked(minter.mint("dataset/class-partition", c));
        add(&ds, void::CLASS_PARTITION, part.clone().into());
        add(&part, void::CLASS, NamedNode::new_unchecked(c).into());
        add(&part, void::ENTITIES, int(*k).into());
    }
    for (p, k) in &properties {
        let part = NamedNode::new_unchecked(minter.mint("dataset/property-partition", p));
        add(&ds, void::PROPERTY_PARTITION, part.clone().into());
        add(&part, void::PROPERTY, NamedNode::new_unchecked(p).into());
        add(&part, void::TRIPLES, int(*k).into());
    }
    // vocabularies: the known namespaces that a class or property comes from
    let mut vocabularies: Vec<&str> = vocab::PREFIXES
        .iter()
        .map(|(_, ns)| *ns)
        .filter(|ns| {
            classes
                .iter()
                .chain(properties.iter())
                .any(|(t, _)| t.starts_with(ns))
        })
        .collect();
    vocabularies.sort();
    vocabularies.dedup();
    for ns in vocabularies {
        add(&ds, void::VOCABULARY, NamedNode::new_unchecked(ns).into());
    }

    // linksets: owl:sameAs grouped by target namespace
    let mut linksets: BTreeMap<String, u64> = BTreeMap::new();
    for r in store.select(&format!(
        "SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{}> ?o }} FILTER(?g != <{dg}> && isIRI(?o)) }}",
        w3c::OWL_SAME_AS.as_str()
    ))? {
        if let Some(Term::NamedNode(o)) = &r[1] {
            *linksets.entry(target_namespace(o.as_str())).or_default() += 1;
        }
    }
    for (ns, k) in &linksets {
        let ls = NamedNode::new_unchecked(minter.mint("dataset/linkset", ns));
        let target = NamedNode::new_unchecked(minter.mint("dataset/link-target", ns));
        add(&ds, void::SUBSET, ls.clone().into());
        add(&ls, w3c::RDF_TYPE, void::LINKSET.into());
        add(&ls, void::LINK_PREDICATE, w3c::OWL_SAME_AS.into());
        add(&ls, void::SUBJECTS_TARGET, ds.clone().into());
        add(&ls, void::OBJECTS_TARGET, target.clone().into());
        add(&ls, void::TRIPLES, int(*k).into());
        add(&target, w3c::RDF_TYPE, void::DATASET.into());
        add(
            &target,
            void::URI_SPACE,
            Literal::new_simple_literal(ns).into(),
        );
        if let Some((_, title)) = LINK_TARGETS.iter().find(|(t, _)| *t == ns.as_str()) {
            add(
                &target,
                dct::TITLE,
                Literal::new_simple_literal(*title).into(),
            );
        }
    }

    // provenance: the extraction runs that generated the data
    for r in store.select(&format!(
        "SELECT DISTINCT ?r WHERE {{ GRAPH ?g {{ ?r <{rdf_type}> <{}> }} FILTER(?g != <{dg}>) }}",
        ng::EXTRACTION_RUN.as_str()
    ))? {
        if let Some(Term::NamedNode(run)) = &r[0] {
            add(&ds, prov::WAS_GENERATED_BY, run.clone().into());
        }
    }

    if let Some(mt) = opts.media_type {
        let dist = NamedNode::new_unchecked(minter.mint("dataset/distribution", mt));
        add(&ds, dcat::DISTRIBUTION, dist.clone().into());
        add(&dist, w3c::RDF_TYPE, dcat::DISTRIBUTION_CLASS.into());
        add(
            &dist,
            dcat::MEDIA_TYPE,
            NamedNode::new_unchecked(format!("https://www.iana.org/assignments/media-types/{mt}"))
                .into(),
        );
        add(
            &dist,
            dct::TITLE,
            Literal::new_simple_literal(format!("newsgraph export as {mt}")).into(),
        );
    }
    sort_quads(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_group_by_known_namespace() {
        assert_eq!(
            target_namespace("http://www.wikidata.org/entity/Q42"),
            vocab::WIKIDATA_ENTITY_NS
        );
        assert_eq!(
            target_namespace("https://permid.org/1-4295905573"),
            vocab::PERMID_NS
        );
        assert_eq!(
            target_namespace("http://dbpedia.org/resource/Apple"),
            "http://dbpedia.org/resource/"
        );
    }
}
