//! Arbitrary text through analysis and `rdf::document_quads`: every mention's
//! `nif:anchorOf` is the text between its `nif:beginIndex` and `nif:endIndex`
//! (code points), and the quads serialize as N-Quads that parse back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::document::Meta;
use newsgraph::rdf::{self, RdfOptions};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{Literal, NamedOrBlankNode, Term};
use std::collections::HashMap;

const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let meta = Meta {
        source_path: "fuzz".into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 9, 17),
        ..Default::default()
    };
    let opts = RdfOptions {
        include_text: true,
        ..Default::default()
    };
    let pipeline = newsgraph::Pipeline::default_pipeline();
    let (run, _) = rdf::run_quads(&opts, &pipeline.names());
    let mut doc = newsgraph::Document::new(text, meta);
    pipeline.run(&mut doc);
    let aq = rdf::document_quads(&doc, &opts, &run);

    // anchors
    let mut begin: HashMap<String, usize> = HashMap::new();
    let mut end: HashMap<String, usize> = HashMap::new();
    let mut anchor: HashMap<String, String> = HashMap::new();
    for q in &aq.quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let Term::Literal(l) = &q.object else {
            continue;
        };
        let p = q.predicate.as_str();
        let key = s.as_str().to_string();
        if p == format!("{NIF}beginIndex") {
            begin.insert(key, num(l));
        } else if p == format!("{NIF}endIndex") {
            end.insert(key, num(l));
        } else if p == format!("{NIF}anchorOf") {
            anchor.insert(key, l.value().to_string());
        }
    }
    let chars: Vec<char> = doc.text().chars().collect();
    for (s, a) in &anchor {
        let (b, e) = (begin[s], end[s]);
        assert!(
            b <= e && e <= chars.len(),
            "{s}: {b}..{e} outside 0..{}",
            chars.len()
        );
        let slice: String = chars[b..e].iter().collect();
        assert_eq!(&slice, a, "{s}: anchorOf differs from text[{b}..{e}]");
    }

    // N-Quads round trip
    let mut buf = Vec::new();
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut buf);
    for q in aq.quads.iter().chain(&aq.entity_quads) {
        w.serialize_quad(q).unwrap();
    }
    w.finish().unwrap();
    let back = RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(buf.as_slice())
        .collect::<Result<Vec<_>, _>>()
        .expect("our N-Quads parse");
    assert_eq!(back.len(), aq.quads.len() + aq.entity_quads.len());
});

fn num(l: &Literal) -> usize {
    l.value().parse().expect("integer index")
}
