//! Each constraint on tiny graphs: one conforming and one violating case.

use super::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
";

fn store_of(data: &str, format: RdfFormat) -> Store {
    let store = Store::new().unwrap();
    let text = if format == RdfFormat::Turtle {
        format!("{PREFIXES}{data}")
    } else {
        data.to_string()
    };
    store
        .load_from_reader(RdfParser::from_format(format), text.as_bytes())
        .unwrap();
    store
}

fn report(shapes: &str, data: &str) -> Report {
    let shapes = Shapes::parse(&format!("{PREFIXES}{shapes}")).unwrap();
    validate(&store_of(data, RdfFormat::Turtle), &shapes).unwrap()
}

/// (focus node local name, component) of every result.
fn results(shapes: &str, data: &str) -> Vec<(String, &'static str)> {
    report(shapes, data)
        .results
        .iter()
        .map(|r| {
            let f = r.focus_node.to_string();
            (
                f.trim_start_matches("<http://example.org/")
                    .trim_end_matches('>')
                    .to_string(),
                r.component,
            )
        })
        .collect()
}

/// A shape on ex:a with one property shape on ex:p carrying `constraint`.
fn on_p(constraint: &str) -> String {
    format!(
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; {constraint} ] ."
    )
}

/// Asserts that `good` conforms and `bad` gives exactly `n` results of `component` on ex:a.
fn case(constraint: &str, good: &str, bad: &str, component: &str, n: usize) {
    let shapes = on_p(constraint);
    let g = results(&shapes, good);
    assert!(
        g.is_empty(),
        "{constraint}: {good} should conform, got {g:?}"
    );
    let b = results(&shapes, bad);
    assert_eq!(b.len(), n, "{constraint}: {bad} gave {b:?}");
    assert!(
        b.iter().all(|(f, c)| f == "a" && *c == component),
        "{constraint}: {bad} gave {b:?}"
    );
}

#[test]
fn cardinality() {
    case(
        "sh:minCount 1",
        "ex:a ex:p 1 .",
        "ex:a ex:q 1 .",
        "MinCountConstraintComponent",
        1,
    );
    case(
        "sh:maxCount 1",
        "ex:a ex:p 1 .",
        "ex:a ex:p 1, 2 .",
        "MaxCountConstraintComponent",
        1,
    );
}

#[test]
fn datatype_checks_type_and_lexical_form() {
    case(
        "sh:datatype xsd:integer",
        "ex:a ex:p 1 .",
        "ex:a ex:p \"1\" .",
        "DatatypeConstraintComponent",
        1,
    );
    case(
        "sh:datatype xsd:integer",
        "ex:a ex:p -7 .",
        "ex:a ex:p \"x\"^^xsd:integer .",
        "DatatypeConstraintComponent",
        1,
    );
    case(
        "sh:datatype xsd:date",
        "ex:a ex:p \"2025-09-17\"^^xsd:date .",
        "ex:a ex:p \"2025-02-30\"^^xsd:date .",
        "DatatypeConstraintComponent",
        1,
    );
    case(
        "sh:datatype xsd:string",
        "ex:a ex:p \"s\" .",
        "ex:a ex:p \"s\"@en .",
        "DatatypeConstraintComponent",
        1,
    );
}

#[test]
fn class_follows_subclasses_in_the_data() {
    case(
        "sh:class ex:C",
        "ex:a ex:p ex:b . ex:b a ex:D . ex:D rdfs:subClassOf ex:C .",
        "ex:a ex:p ex:b, \"lit\" . ex:b a ex:E .",
        "ClassConstraintComponent",
        2,
    );
}

#[test]
fn node_kind() {
    case(
        "sh:nodeKind sh:IRI",
        "ex:a ex:p ex:b .",
        "ex:a ex:p \"b\", [] .",
        "NodeKindConstraintComponent",
        2,
    );
    case(
        "sh:nodeKind sh:BlankNodeOrIRI",
        "ex:a ex:p ex:b, [] .",
        "ex:a ex:p 1 .",
        "NodeKindConstraintComponent",
        1,
    );
    case(
        "sh:nodeKind sh:Literal",
        "ex:a ex:p 1 .",
        "ex:a ex:p ex:b .",
        "NodeKindConstraintComponent",
        1,
    );
}

#[test]
fn pattern_with_flags_and_lengths() {
    case(
        "sh:pattern \"^a[0-9]$\" ; sh:flags \"i\"",
        "ex:a ex:p \"A1\" .",
        "ex:a ex:p \"b1\", [] .",
        "PatternConstraintComponent",
        2,
    );
    case(
        "sh:minLength 2",
        "ex:a ex:p \"ab\" .",
        "ex:a ex:p \"a\" .",
        "MinLengthConstraintComponent",
        1,
    );
    case(
        "sh:maxLength 2",
        "ex:a ex:p \"ab\" .",
        "ex:a ex:p \"abc\" .",
        "MaxLengthConstraintComponent",
        1,
    );
}

#[test]
fn value_ranges_and_incomparable_values() {
    case(
        "sh:minInclusive 0",
        "ex:a ex:p 0, 0.5 .",
        "ex:a ex:p -1, \"x\" .",
        "MinInclusiveConstraintComponent",
        2,
    );
    case(
        "sh:maxInclusive 1",
        "ex:a ex:p 1, 1.0 .",
        "ex:a ex:p 1.5 .",
        "MaxInclusiveConstraintComponent",
        1,
    );
    case(
        "sh:minExclusive 0",
        "ex:a ex:p 1 .",
        "ex:a ex:p 0 .",
        "MinExclusiveConstraintComponent",
        1,
    );
    case(
        "sh:maxExclusive 1",
        "ex:a ex:p 0.5 .",
        "ex:a ex:p 1 .",
        "MaxExclusiveConstraintComponent",
        1,
    );
    case(
        "sh:minInclusive \"2025-01-01\"^^xsd:date",
        "ex:a ex:p \"2025-09-17\"^^xsd:date .",
        "ex:a ex:p \"2024-12-31\"^^xsd:date .",
        "MinInclusiveConstraintComponent",
        1,
    );
}

#[test]
fn in_and_has_value() {
    case(
        "sh:in ( \"x\" 1 ex:b )",
        "ex:a ex:p \"x\", 1, ex:b .",
        "ex:a ex:p \"z\", \"1\" .",
        "InConstraintComponent",
        2,
    );
    case(
        "sh:hasValue ex:b",
        "ex:a ex:p ex:b, ex:c .",
        "ex:a ex:p ex:c .",
        "HasValueConstraintComponent",
        1,
    );
}

#[test]
fn property_pair_constraints() {
    case(
        "sh:lessThan ex:q",
        "ex:a ex:p 1 ; ex:q 2 .",
        "ex:a ex:p 2 ; ex:q 2, 3 .",
        "LessThanConstraintComponent",
        1,
    );
    case(
        "sh:lessThanOrEquals ex:q",
        "ex:a ex:p 2 ; ex:q 2 .",
        "ex:a ex:p 3 ; ex:q 2 .",
        "LessThanOrEqualsConstraintComponent",
        1,
    );
    case(
        "sh:equals ex:q",
        "ex:a ex:p 1 ; ex:q 1 .",
        "ex:a ex:p 1 ; ex:q 2 .",
        "EqualsConstraintComponent",
        2,
    );
    case(
        "sh:disjoint ex:q",
        "ex:a ex:p 1 ; ex:q 2 .",
        "ex:a ex:p 1 ; ex:q 1 .",
        "DisjointConstraintComponent",
        1,
    );
}

#[test]
fn language_constraints() {
    case(
        "sh:languageIn ( \"en\" )",
        "ex:a ex:p \"x\"@en-GB .",
        "ex:a ex:p \"x\"@fr, \"y\" .",
        "LanguageInConstraintComponent",
        2,
    );
    case(
        "sh:uniqueLang true",
        "ex:a ex:p \"x\"@en, \"x\"@fr .",
        "ex:a ex:p \"x\"@en, \"y\"@en .",
        "UniqueLangConstraintComponent",
        1,
    );
}

#[test]
fn logical_and_shape_constraints() {
    let typed = "ex:b a ex:C . ex:c a ex:D . ex:d a ex:C, ex:D .";
    case(
        "sh:node [ sh:class ex:C ]",
        &format!("{typed} ex:a ex:p ex:b ."),
        &format!("{typed} ex:a ex:p ex:c ."),
        "NodeConstraintComponent",
        1,
    );
    case(
        "sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] )",
        &format!("{typed} ex:a ex:p ex:b, ex:c ."),
        &format!("{typed} ex:a ex:p ex:b, ex:e ."),
        "OrConstraintComponent",
        1,
    );
    case(
        "sh:and ( [ sh:class ex:C ] [ sh:class ex:D ] )",
        &format!("{typed} ex:a ex:p ex:d ."),
        &format!("{typed} ex:a ex:p ex:b ."),
        "AndConstraintComponent",
        1,
    );
    case(
        "sh:xone ( [ sh:class ex:C ] [ sh:class ex:D ] )",
        &format!("{typed} ex:a ex:p ex:b ."),
        &format!("{typed} ex:a ex:p ex:d ."),
        "XoneConstraintComponent",
        1,
    );
    case(
        "sh:not [ sh:class ex:C ]",
        &format!("{typed} ex:a ex:p ex:c ."),
        &format!("{typed} ex:a ex:p ex:b ."),
        "NotConstraintComponent",
        1,
    );
    // a nested property shape inside sh:node
    case(
        "sh:node [ sh:property [ sh:path ex:q ; sh:minCount 1 ] ]",
        "ex:a ex:p ex:b . ex:b ex:q 1 .",
        "ex:a ex:p ex:b .",
        "NodeConstraintComponent",
        1,
    );
}

#[test]
fn qualified_value_shape() {
    let c = "sh:qualifiedValueShape [ sh:in ( ex:X ex:Y ) ] ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1";
    case(
        c,
        "ex:a ex:p ex:X, ex:Z .",
        "ex:a ex:p ex:Z .",
        "QualifiedMinCountConstraintComponent",
        1,
    );
    case(
        c,
        "ex:a ex:p ex:Y .",
        "ex:a ex:p ex:X, ex:Y .",
        "QualifiedMaxCountConstraintComponent",
        1,
    );
}

#[test]
fn closed_shape_reports_the_extra_predicate() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:closed true ; sh:ignoredProperties ( rdf:type ) ;
        sh:property [ sh:path ex:p ] .";
    assert!(results(shapes, "ex:a a ex:C ; ex:p 1 .").is_empty());
    let r = report(shapes, "ex:a ex:p 1 ; ex:q 2 .");
    assert_eq!(r.results.len(), 1);
    assert_eq!(r.results[0].component, "ClosedConstraintComponent");
    assert_eq!(
        r.results[0].path.as_ref().unwrap().to_string(),
        "<http://example.org/q>"
    );
}

#[test]
fn paths() {
    let inv = "ex:S a sh:NodeShape ; sh:targetNode ex:b ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ; sh:maxCount 1 ] .";
    assert!(results(inv, "ex:a ex:p ex:b .").is_empty());
    assert_eq!(
        results(inv, "ex:a ex:p ex:c .")[0].1,
        "MinCountConstraintComponent"
    );
    assert_eq!(
        results(inv, "ex:a ex:p ex:b . ex:c ex:p ex:b .")[0].1,
        "MaxCountConstraintComponent"
    );
    let alt = "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:maxCount 1 ] .";
    assert!(results(alt, "ex:a ex:p 1 .").is_empty());
    assert_eq!(results(alt, "ex:a ex:p 1 ; ex:q 2 .").len(), 1);
    let seq = "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ( ex:p ex:q ) ; sh:datatype xsd:integer ] .";
    assert!(results(seq, "ex:a ex:p ex:b . ex:b ex:q 1 .").is_empty());
    assert_eq!(results(seq, "ex:a ex:p ex:b . ex:b ex:q \"1\" .").len(), 1);
    let star = "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:nodeKind sh:IRI ] .";
    assert!(results(star, "ex:a ex:p ex:b . ex:b ex:p ex:a .").is_empty());
    assert_eq!(results(star, "ex:a ex:p ex:b . ex:b ex:p 1 .").len(), 1);
}

#[test]
fn targets() {
    let p = "sh:property [ sh:path ex:p ; sh:minCount 1 ] .";
    let by_class = format!("ex:S a sh:NodeShape ; sh:targetClass ex:C ; {p}");
    let r = results(
        &by_class,
        "ex:a a ex:D . ex:D rdfs:subClassOf ex:C . ex:b a ex:C ; ex:p 1 . ex:c a ex:E .",
    );
    assert_eq!(r, vec![("a".to_string(), "MinCountConstraintComponent")]);
    let subjects = format!("ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:q ; {p}");
    assert_eq!(
        results(&subjects, "ex:a ex:q 1 . ex:b ex:q 2 ; ex:p 1 .").len(),
        1
    );
    let objects = format!("ex:S a sh:NodeShape ; sh:targetObjectsOf ex:q ; {p}");
    assert_eq!(
        results(&objects, "ex:x ex:q ex:a, ex:b . ex:b ex:p 1 .")[0].0,
        "a"
    );
    let implicit = format!("ex:C a sh:NodeShape, rdfs:Class ; {p}");
    assert_eq!(results(&implicit, "ex:a a ex:C .").len(), 1);
}

#[test]
fn node_level_constraints_report_the_focus_node_as_value() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:nodeKind sh:IRI .";
    let r = report(shapes, "ex:a a ex:C . [] a ex:C .");
    assert_eq!(r.results.len(), 1);
    assert!(r.results[0].path.is_none());
    assert_eq!(Some(&r.results[0].focus_node), r.results[0].value.as_ref());
}

#[test]
fn severity_message_and_deactivation() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ;
        sh:severity sh:Warning ; sh:message \"needs p\"@en ] .
        ex:T a sh:NodeShape ; sh:targetNode ex:a ; sh:deactivated true ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .";
    let r = report(shapes, "ex:a ex:z 1 .");
    assert_eq!(r.results.len(), 1, "{:?}", r.results);
    assert_eq!(
        r.results[0].severity.as_str(),
        "http://www.w3.org/ns/shacl#Warning"
    );
    assert_eq!(r.results[0].message.as_ref().unwrap().value(), "needs p");
    assert_eq!(
        r.results[0].shape_label,
        "<http://example.org/S> <http://example.org/p>"
    );
    assert!(
        !r.conforms(),
        "a warning is a result, so the data does not conform"
    );
}

#[test]
fn the_data_graph_is_the_set_union_of_all_graphs() {
    let shapes = Shapes::parse(&format!(
        "{PREFIXES}{}",
        on_p("sh:maxCount 1 ; sh:minCount 1")
    ))
    .unwrap();
    let one_triple_twice =
        "<http://example.org/a> <http://example.org/p> \"1\" <http://example.org/g1> .
<http://example.org/a> <http://example.org/p> \"1\" <http://example.org/g2> .
";
    let r = validate(&store_of(one_triple_twice, RdfFormat::NQuads), &shapes).unwrap();
    assert!(r.conforms(), "{:?}", r.results);
    let two_values =
        format!("{one_triple_twice}<http://example.org/a> <http://example.org/p> \"2\" .\n");
    let r = validate(&store_of(&two_values, RdfFormat::NQuads), &shapes).unwrap();
    assert_eq!(r.results.len(), 1);
}

#[test]
fn unsupported_features_are_refused_not_ignored() {
    for extra in [
        "sh:sparql [ sh:select \"SELECT $this WHERE {}\" ]",
        "sh:fooBar 1",
        "sh:pattern \"a\" ; sh:flags \"q\"",
    ] {
        let shapes = format!("{PREFIXES}{}", on_p(extra));
        match Shapes::parse(&shapes) {
            Err(ShaclError::Unsupported(msg)) => assert!(msg.contains("sh:"), "{msg}"),
            other => panic!("{extra}: expected Unsupported, got {other:?}"),
        }
    }
    assert!(matches!(
        Shapes::parse(&format!("{PREFIXES}{}", on_p("sh:minCount \"x\""))),
        Err(ShaclError::Malformed { .. })
    ));
    assert!(matches!(
        Shapes::parse("not turtle {"),
        Err(ShaclError::ShapesSyntax(_))
    ));
}

#[test]
fn the_shipped_shapes_parse_completely() {
    let s = Shapes::parse(include_str!("../../ontology/shapes.ttl")).unwrap();
    let targeted = s.shapes.iter().filter(|s| !s.targets.is_empty()).count();
    // 15 for the extraction graph, 6 for links, descriptions and annotations
    assert_eq!(targeted, 21);
    assert!(s.len() > 80, "{} shapes", s.len());
    // labels are unique and name the parent shape and path
    let labels: std::collections::HashSet<&str> =
        s.shapes.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels.len(), s.len());
    assert!(labels.contains("ngsh:ArticleShape ng:contentHash"));
    assert!(labels.contains("ngsh:RoleShape ^ng:holdsRole"));
}

#[test]
fn reports_render_in_every_format() {
    let shapes = format!("{}\nex:S2 a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ; sh:message \"m \\\"q\\\"\" ] .", on_p("sh:datatype xsd:integer"));
    let r = report(&shapes, "ex:a ex:p \"x\" .");
    assert_eq!(r.results.len(), 2);
    let text = r.to_text(5);
    assert!(
        text.contains("does not conform: 2 violations in 2 shapes"),
        "{text}"
    );
    let json = r.to_json();
    assert_eq!(json["conforms"], false);
    let by = |c: &str| {
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["sourceConstraintComponent"] == format!("http://www.w3.org/ns/shacl#{c}"))
            .unwrap()
            .clone()
    };
    assert_eq!(by("DatatypeConstraintComponent")["value"], "\"x\"");
    assert_eq!(
        by("MinCountConstraintComponent")["resultPath"],
        "^<http://example.org/p>"
    );
    assert_eq!(by("MinCountConstraintComponent")["message"], "m \"q\"");
    let ttl = r.to_turtle();
    let back = store_of(&ttl, RdfFormat::Turtle);
    let n = back
        .quads_for_pattern(
            None,
            Some(oxigraph::model::NamedNodeRef::new_unchecked(
                "http://www.w3.org/ns/shacl#result",
            )),
            None,
            None,
        )
        .count();
    assert_eq!(n, 2, "{ttl}");
    assert_eq!(
        ttl,
        report(&shapes, "ex:a ex:p \"x\" .").to_turtle(),
        "deterministic"
    );
    assert!(report(&shapes, "ex:a ex:p 1 . ex:z ex:p ex:a .")
        .to_text(5)
        .starts_with("conforms"));
}
