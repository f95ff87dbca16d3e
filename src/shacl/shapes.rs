//! Reading a SHACL shapes graph into [`Shapes`]: targets, paths and
//! constraints, with every `sh:` property either understood or rejected.

use super::{ShaclError, SH};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{Graph, Literal, NamedNode, NamedOrBlankNode, Term, TermRef};
use regex::Regex;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

/// A SHACL property path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Path {
    Predicate(NamedNode),
    Inverse(Box<Path>),
    Sequence(Vec<Path>),
    Alternative(Vec<Path>),
    ZeroOrMore(Box<Path>),
    OneOrMore(Box<Path>),
    ZeroOrOne(Box<Path>),
}

/// SPARQL property path syntax with full IRIs: unambiguous, and the form the
/// JSON report and the pySHACL cross-check compare.
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, ps: &[Path], sep: &str) -> fmt::Result {
            write!(f, "(")?;
            for (i, p) in ps.iter().enumerate() {
                if i > 0 {
                    write!(f, "{sep}")?;
                }
                write!(f, "{p}")?;
            }
            write!(f, ")")
        }
        match self {
            Path::Predicate(p) => write!(f, "{p}"),
            Path::Inverse(p) => write!(f, "^{p}"),
            Path::Sequence(ps) => list(f, ps, "/"),
            Path::Alternative(ps) => list(f, ps, "|"),
            Path::ZeroOrMore(p) => write!(f, "({p})*"),
            Path::OneOrMore(p) => write!(f, "({p})+"),
            Path::ZeroOrOne(p) => write!(f, "({p})?"),
        }
    }
}

impl Path {
    /// The same path with well-known namespaces shortened, for people.
    pub fn compact(&self) -> String {
        let mut s = self.to_string();
        for (prefix, ns) in PREFIXES {
            s = s.replace(&format!("<{ns}"), &format!("{prefix}:"));
        }
        // the remaining '>' closed a shortened IRI only when no '<' opened it
        let mut out = String::with_capacity(s.len());
        let mut open = 0usize;
        for c in s.chars() {
            match c {
                '<' => {
                    open += 1;
                    out.push(c);
                }
                '>' if open == 0 => {}
                '>' => {
                    open -= 1;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }
}

/// Namespaces shortened in human-readable output.
pub(crate) const PREFIXES: [(&str, &str); 13] = [
    ("ngsh", "https://w3id.org/newsgraph/shapes#"),
    ("ng", "https://w3id.org/newsgraph/ont#"),
    ("schema", "http://schema.org/"),
    (
        "nif",
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    ),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("sh", "http://www.w3.org/ns/shacl#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
];

/// `prefix:local` for a well-known namespace, else `<iri>`.
pub(crate) fn compact_iri(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    BlankNode,
    Iri,
    Literal,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

impl NodeKind {
    pub(crate) fn matches(self, t: &Term) -> bool {
        let (b, i, l) = match t {
            Term::BlankNode(_) => (true, false, false),
            Term::NamedNode(_) => (false, true, false),
            Term::Literal(_) => (false, false, true),
        };
        match self {
            NodeKind::BlankNode => b,
            NodeKind::Iri => i,
            NodeKind::Literal => l,
            NodeKind::BlankNodeOrIri => b || i,
            NodeKind::BlankNodeOrLiteral => b || l,
            NodeKind::IriOrLiteral => i || l,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Class(NamedNode),
    Node(Term),
    SubjectsOf(NamedNode),
    ObjectsOf(NamedNode),
}

/// One constraint component with its parameters; nested shapes are indices
/// into [`Shapes`].
#[derive(Debug, Clone)]
pub(crate) enum Constraint {
    Class(NamedNode),
    Datatype(NamedNode),
    NodeKind(NodeKind),
    MinCount(u64),
    MaxCount(u64),
    MinExclusive(Literal),
    MinInclusive(Literal),
    MaxExclusive(Literal),
    MaxInclusive(Literal),
    MinLength(u64),
    MaxLength(u64),
    Pattern(Regex),
    LanguageIn(Vec<String>),
    UniqueLang,
    Equals(NamedNode),
    Disjoint(NamedNode),
    LessThan(NamedNode),
    LessThanOrEquals(NamedNode),
    Not(usize),
    And(Vec<usize>),
    Or(Vec<usize>),
    Xone(Vec<usize>),
    Node(usize),
    QualifiedMinCount(usize, u64),
    QualifiedMaxCount(usize, u64),
    Closed(HashSet<NamedNode>),
    HasValue(Term),
    In(Vec<Term>),
}

impl Constraint {
    /// The `sh:…ConstraintComponent` local name reported for this constraint.
    pub(crate) fn component(&self) -> &'static str {
        match self {
            Constraint::Class(_) => "ClassConstraintComponent",
            Constraint::Datatype(_) => "DatatypeConstraintComponent",
            Constraint::NodeKind(_) => "NodeKindConstraintComponent",
            Constraint::MinCount(_) => "MinCountConstraintComponent",
            Constraint::MaxCount(_) => "MaxCountConstraintComponent",
            Constraint::MinExclusive(_) => "MinExclusiveConstraintComponent",
            Constraint::MinInclusive(_) => "MinInclusiveConstraintComponent",
            Constraint::MaxExclusive(_) => "MaxExclusiveConstraintComponent",
            Constraint::MaxInclusive(_) => "MaxInclusiveConstraintComponent",
            Constraint::MinLength(_) => "MinLengthConstraintComponent",
            Constraint::MaxLength(_) => "MaxLengthConstraintComponent",
            Constraint::Pattern(_) => "PatternConstraintComponent",
            Constraint::LanguageIn(_) => "LanguageInConstraintComponent",
            Constraint::UniqueLang => "UniqueLangConstraintComponent",
            Constraint::Equals(_) => "EqualsConstraintComponent",
            Constraint::Disjoint(_) => "DisjointConstraintComponent",
            Constraint::LessThan(_) => "LessThanConstraintComponent",
            Constraint::LessThanOrEquals(_) => "LessThanOrEqualsConstraintComponent",
            Constraint::Not(_) => "NotConstraintComponent",
            Constraint::And(_) => "AndConstraintComponent",
            Constraint::Or(_) => "OrConstraintComponent",
            Constraint::Xone(_) => "XoneConstraintComponent",
            Constraint::Node(_) => "NodeConstraintComponent",
            Constraint::QualifiedMinCount(..) => "QualifiedMinCountConstraintComponent",
            Constraint::QualifiedMaxCount(..) => "QualifiedMaxCountConstraintComponent",
            Constraint::Closed(_) => "ClosedConstraintComponent",
            Constraint::HasValue(_) => "HasValueConstraintComponent",
            Constraint::In(_) => "InConstraintComponent",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) node: NamedOrBlankNode,
    pub(crate) label: String,
    pub(crate) path: Option<Path>,
    pub(crate) targets: Vec<Target>,
    pub(crate) constraints: Vec<Constraint>,
    /// `sh:property` shapes, validated on the same focus nodes (node shape) or
    /// on the value nodes (property shape).
    pub(crate) properties: Vec<usize>,
    pub(crate) severity: NamedNode,
    pub(crate) message: Option<Literal>,
    pub(crate) deactivated: bool,
}

/// A parsed shapes graph.
#[derive(Debug, Clone)]
pub struct Shapes {
    pub(crate) shapes: Vec<Shape>,
}

/// `sh:` properties that carry no constraint of their own, or are the extra
/// parameters of a constraint read together with it.
const NON_CONSTRAINT: [&str; 22] = [
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "path",
    "property",
    "message",
    "severity",
    "deactivated",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
    "flags",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint",
    "ignoredProperties",
    "declare",
    "prefixes",
    "shapesGraphWellFormed",
];

/// Constraint parameters this engine evaluates.
const SUPPORTED: [&str; 27] = [
    "in",
    "class",
    "datatype",
    "nodeKind",
    "minCount",
    "maxCount",
    "minExclusive",
    "minInclusive",
    "maxExclusive",
    "maxInclusive",
    "minLength",
    "maxLength",
    "pattern",
    "languageIn",
    "uniqueLang",
    "equals",
    "disjoint",
    "lessThan",
    "lessThanOrEquals",
    "not",
    "and",
    "or",
    "xone",
    "node",
    "qualifiedValueShape",
    "closed",
    "hasValue",
];

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// Nesting limit for shape descriptions and recursive shape references.
pub(crate) const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    g: &'a Graph,
    shapes: Vec<Shape>,
    index: HashMap<NamedOrBlankNode, usize>,
    labels: HashSet<String>,
}

impl Shapes {
    /// Parses a shapes graph written in Turtle (the embedded `ontology/shapes.ttl`
    /// or a user's `--shapes FILE`).
    pub fn parse(turtle: &str) -> Result<Self, ShaclError> {
        Self::parse_format(turtle.as_bytes(), RdfFormat::Turtle)
    }

    /// Parses a shapes graph in any RDF syntax; named graphs are merged.
    pub fn parse_format(data: &[u8], format: RdfFormat) -> Result<Self, ShaclError> {
        let mut g = Graph::new();
        for q in RdfParser::from_format(format).for_slice(data) {
            let q = q.map_err(|e| ShaclError::ShapesSyntax(e.to_string()))?;
            g.insert(q.as_ref());
        }
        Self::from_graph(&g)
    }

    /// Reads the shapes of a graph: every `sh:NodeShape`/`sh:PropertyShape`
    /// and every node with a target, and the shapes they refer to.
    pub fn from_graph(g: &Graph) -> Result<Self, ShaclError> {
        let mut p = Parser {
            g,
            shapes: Vec::new(),
            index: HashMap::new(),
            labels: HashSet::new(),
        };
        let mut roots: BTreeSet<String> = BTreeSet::new();
        let mut root_nodes: HashMap<String, NamedOrBlankNode> = HashMap::new();
        let mut add = |n: NamedOrBlankNode, g: &Graph| {
            let key = describe(g, n.as_ref().into(), 0);
            root_nodes.insert(key.clone(), n);
            roots.insert(key);
        };
        for class in ["NodeShape", "PropertyShape"] {
            for s in g.subjects_for_predicate_object(rdf::TYPE, sh(class).as_ref()) {
                add(s.into_owned(), g);
            }
        }
        for t in [
            "targetClass",
            "targetNode",
            "targetSubjectsOf",
            "targetObjectsOf",
        ] {
            for tr in g.triples_for_predicate(sh(t).as_ref()) {
                add(tr.subject.into_owned(), g);
            }
        }
        // shapes referenced from others are parsed (and named) through their parent
        let referenced: HashSet<NamedOrBlankNode> =
            ["property", "node", "not", "qualifiedValueShape"]
                .iter()
                .flat_map(|r| g.triples_for_predicate(sh(r).as_ref()).collect::<Vec<_>>())
                .filter_map(|t| match t.object {
                    TermRef::BlankNode(b) => Some(NamedOrBlankNode::from(b.into_owned())),
                    _ => None,
                })
                .collect();
        for key in &roots {
            let n = &root_nodes[key];
            if matches!(n, NamedOrBlankNode::BlankNode(_)) && referenced.contains(n) {
                continue;
            }
            p.shape(n, None, 0)?;
        }
        for key in &roots {
            p.shape(&root_nodes[key], None, 0)?;
        }
        Ok(Shapes { shapes: p.shapes })
    }

    /// How many shapes (including nested property shapes) were read.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

/// A canonical text for a node and what hangs off it (blank nodes expanded),
/// so sibling shapes sort the same way whatever blank node ids the parser drew.
fn describe(g: &Graph, t: TermRef<'_>, depth: usize) -> String {
    match t {
        TermRef::BlankNode(b) if depth < 8 => {
            let mut parts: Vec<String> = g
                .triples_for_subject(b)
                .map(|tr| format!("{} {}", tr.predicate, describe(g, tr.object, depth + 1)))
                .collect();
            parts.sort();
            format!("[{}]", parts.join("; "))
        }
        TermRef::BlankNode(_) => "[…]".into(),
        other => other.to_string(),
    }
}

impl Parser<'_> {
    fn malformed(&self, node: &NamedOrBlankNode, reason: impl Into<String>) -> ShaclError {
        ShaclError::Malformed {
            shape: node_name(node),
            reason: reason.into(),
        }
    }

    fn objects(&self, node: &NamedOrBlankNode, local: &str) -> Vec<Term> {
        let mut v: Vec<Term> = self
            .g
            .objects_for_subject_predicate(node.as_ref(), sh(local).as_ref())
            .map(|t| t.into_owned())
            .collect();
        v.sort_by_cached_key(|t| describe(self.g, t.as_ref(), 0));
        v
    }

    fn single(&self, node: &NamedOrBlankNode, local: &str) -> Result<Option<Term>, ShaclError> {
        let v = self.objects(node, local);
        if v.len() > 1 {
            return Err(self.malformed(node, format!("more than one sh:{local}")));
        }
        Ok(v.into_iter().next())
    }

    fn list(&self, node: &NamedOrBlankNode, head: &Term) -> Result<Vec<Term>, ShaclError> {
        let mut out = Vec::new();
        let mut cur = head.clone();
        loop {
            if cur == Term::from(rdf::NIL.into_owned()) {
                return Ok(out);
            }
            let subject = match &cur {
                Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
                Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
                Term::Literal(_) => {
                    return Err(self.malformed(node, "an RDF list ends in a literal"))
                }
            };
            let first = self
                .g
                .object_for_subject_predicate(subject.as_ref(), rdf::FIRST);
            let rest = self
                .g
                .object_for_subject_predicate(subject.as_ref(), rdf::REST);
            match (first, rest) {
                (Some(f), Some(r)) if out.len() < 100_000 => {
                    out.push(f.into_owned());
                    cur = r.into_owned();
                }
                _ => return Err(self.malformed(node, "a malformed RDF list")),
            }
        }
    }

    fn path(&self, node: &NamedOrBlankNode, t: &Term, depth: usize) -> Result<Path, ShaclError> {
        if depth > MAX_DEPTH {
            return Err(ShaclError::TooDeep(MAX_DEPTH));
        }
        match t {
            Term::NamedNode(n) => Ok(Path::Predicate(n.clone())),
            Term::Literal(_) => Err(self.malformed(node, "sh:path is a literal")),
            Term::BlankNode(b) => {
                let bn = NamedOrBlankNode::from(b.clone());
                if self
                    .g
                    .object_for_subject_predicate(bn.as_ref(), rdf::FIRST)
                    .is_some()
                {
                    let items = self.list(node, t)?;
                    if items.len() < 2 {
                        return Err(self.malformed(node, "a sequence path needs two or more steps"));
                    }
                    return Ok(Path::Sequence(
                        items
                            .iter()
                            .map(|i| self.path(node, i, depth + 1))
                            .collect::<Result<_, _>>()?,
                    ));
                }
                let one = |local: &str| self.single(&bn, local);
                if let Some(p) = one("inversePath")? {
                    return Ok(Path::Inverse(Box::new(self.path(node, &p, depth + 1)?)));
                }
                if let Some(l) = one("alternativePath")? {
                    let items = self.list(node, &l)?;
                    if items.len() < 2 {
                        return Err(
                            self.malformed(node, "an alternative path needs two or more members")
                        );
                    }
                    return Ok(Path::Alternative(
                        items
                            .iter()
                            .map(|i| self.path(node, i, depth + 1))
                            .collect::<Result<_, _>>()?,
                    ));
                }
                if let Some(p) = one("zeroOrMorePath")? {
                    return Ok(Path::ZeroOrMore(Box::new(self.path(
                        node,
                        &p,
                        depth + 1,
                    )?)));
                }
                if let Some(p) = one("oneOrMorePath")? {
                    return Ok(Path::OneOrMore(Box::new(self.path(node, &p, depth + 1)?)));
                }
                if let Some(p) = one("zeroOrOnePath")? {
                    return Ok(Path::ZeroOrOne(Box::new(self.path(node, &p, depth + 1)?)));
                }
                Err(self.malformed(node, "an sh:path blank node that is no SHACL path"))
            }
        }
    }

    fn iri(&self, node: &NamedOrBlankNode, t: Term, what: &str) -> Result<NamedNode, ShaclError> {
        match t {
            Term::NamedNode(n) => Ok(n),
            _ => Err(self.malformed(node, format!("sh:{what} must be an IRI"))),
        }
    }

    fn count(&self, node: &NamedOrBlankNode, t: Term, what: &str) -> Result<u64, ShaclError> {
        match &t {
            Term::Literal(l) => l.value().trim().parse::<u64>().map_err(|_| {
                self.malformed(node, format!("sh:{what} must be a non-negative integer"))
            }),
            _ => Err(self.malformed(node, format!("sh:{what} must be a non-negative integer"))),
        }
    }

    fn literal(&self, node: &NamedOrBlankNode, t: Term, what: &str) -> Result<Literal, ShaclError> {
        match t {
            Term::Literal(l) => Ok(l),
            _ => Err(self.malformed(node, format!("sh:{what} must be a literal"))),
        }
    }

    fn shape_ref(
        &mut self,
        parent: &NamedOrBlankNode,
        t: &Term,
        label: String,
        depth: usize,
    ) -> Result<usize, ShaclError> {
        let n = match t {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            Term::Literal(_) => {
                return Err(self.malformed(parent, "a shape reference is a literal"))
            }
        };
        self.shape(&n, Some(label), depth + 1)
    }

    fn unique_label(&mut self, base: String) -> String {
        let mut label = base.clone();
        let mut i = 2;
        while self.labels.contains(&label) {
            label = format!("{base} #{i}");
            i += 1;
        }
        self.labels.insert(label.clone());
        label
    }

    /// Parses one shape (once: later references reuse its index, which also
    /// lets recursive shapes refer to themselves).
    fn shape(
        &mut self,
        node: &NamedOrBlankNode,
        hint: Option<String>,
        depth: usize,
    ) -> Result<usize, ShaclError> {
        if let Some(&i) = self.index.get(node) {
            return Ok(i);
        }
        if depth > MAX_DEPTH {
            return Err(ShaclError::TooDeep(MAX_DEPTH));
        }
        // refuse what we would otherwise ignore
        let mut unsupported: BTreeSet<String> = BTreeSet::new();
        for tr in self.g.triples_for_subject(node.as_ref()) {
            if let Some(local) = tr.predicate.as_str().strip_prefix(SH) {
                if !NON_CONSTRAINT.contains(&local) && !SUPPORTED.contains(&local) {
                    unsupported.insert(format!("sh:{local}"));
                }
            }
        }
        if !unsupported.is_empty() {
            return Err(ShaclError::Unsupported(format!(
                "{} on shape {}",
                unsupported.into_iter().collect::<Vec<_>>().join(", "),
                node_name(node)
            )));
        }
        if let Some(Term::Literal(l)) = self.single(node, "qualifiedValueShapesDisjoint")? {
            if l.value() == "true" {
                return Err(ShaclError::Unsupported(format!(
                    "sh:qualifiedValueShapesDisjoint true on shape {}",
                    node_name(node)
                )));
            }
        }
        let path = match self.single(node, "path")? {
            Some(t) => Some(self.path(node, &t, 0)?),
            None => None,
        };
        let base = match (node, &hint) {
            (NamedOrBlankNode::NamedNode(n), _) => compact_iri(n.as_str()),
            (NamedOrBlankNode::BlankNode(_), Some(h)) => match &path {
                Some(p) => format!("{h} {}", p.compact()),
                None => h.clone(),
            },
            (NamedOrBlankNode::BlankNode(_), None) => match &path {
                Some(p) => format!("[{}]", p.compact()),
                None => "[]".into(),
            },
        };
        let label = self.unique_label(base);
        let idx = self.shapes.len();
        self.index.insert(node.clone(), idx);
        self.shapes.push(Shape {
            node: node.clone(),
            label: label.clone(),
            path: path.clone(),
            targets: Vec::new(),
            constraints: Vec::new(),
            properties: Vec::new(),
            severity: sh("Violation"),
            message: None,
            deactivated: false,
        });

        let mut targets = Vec::new();
        for t in self.objects(node, "targetClass") {
            targets.push(Target::Class(self.iri(node, t, "targetClass")?));
        }
        for t in self.objects(node, "targetNode") {
            targets.push(Target::Node(t));
        }
        for t in self.objects(node, "targetSubjectsOf") {
            targets.push(Target::SubjectsOf(self.iri(node, t, "targetSubjectsOf")?));
        }
        for t in self.objects(node, "targetObjectsOf") {
            targets.push(Target::ObjectsOf(self.iri(node, t, "targetObjectsOf")?));
        }
        // implicit class target: a shape that is also an rdfs:Class
        if let NamedOrBlankNode::NamedNode(n) = node {
            if self.g.contains(oxigraph::model::TripleRef::new(
                n.as_ref(),
                rdf::TYPE,
                rdfs::CLASS,
            )) {
                targets.push(Target::Class(n.clone()));
            }
        }

        let severity = match self.single(node, "severity")? {
            Some(t) => self.iri(node, t, "severity")?,
            None => sh("Violation"),
        };
        let messages = self.objects(node, "message");
        let message = messages
            .iter()
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l.clone()),
                _ => None,
            })
            .min_by_key(|l| match l.language() {
                Some("en") => 0,
                None => 1,
                Some(_) => 2,
            });
        let deactivated = matches!(self.single(node, "deactivated")?, Some(Term::Literal(l)) if l.value() == "true");

        let mut cs = Vec::new();
        for t in self.objects(node, "class") {
            cs.push(Constraint::Class(self.iri(node, t, "class")?));
        }
        if let Some(t) = self.single(node, "datatype")? {
            cs.push(Constraint::Datatype(self.iri(node, t, "datatype")?));
        }
        if let Some(t) = self.single(node, "nodeKind")? {
            let k = self.iri(node, t, "nodeKind")?;
            let kind = match k.as_str().strip_prefix(SH) {
                Some("BlankNode") => NodeKind::BlankNode,
                Some("IRI") => NodeKind::Iri,
                Some("Literal") => NodeKind::Literal,
                Some("BlankNodeOrIRI") => NodeKind::BlankNodeOrIri,
                Some("BlankNodeOrLiteral") => NodeKind::BlankNodeOrLiteral,
                Some("IRIOrLiteral") => NodeKind::IriOrLiteral,
                _ => return Err(self.malformed(node, format!("unknown sh:nodeKind {k}"))),
            };
            cs.push(Constraint::NodeKind(kind));
        }
        if let Some(t) = self.single(node, "minCount")? {
            if path.is_none() {
                return Err(self.malformed(node, "sh:minCount on a shape without sh:path"));
            }
            cs.push(Constraint::MinCount(self.count(node, t, "minCount")?));
        }
        if let Some(t) = self.single(node, "maxCount")? {
            if path.is_none() {
                return Err(self.malformed(node, "sh:maxCount on a shape without sh:path"));
            }
            cs.push(Constraint::MaxCount(self.count(node, t, "maxCount")?));
        }
        for (local, make) in [
            (
                "minExclusive",
                Constraint::MinExclusive as fn(Literal) -> Constraint,
            ),
            ("minInclusive", Constraint::MinInclusive),
            ("maxExclusive", Constraint::MaxExclusive),
            ("maxInclusive", Constraint::MaxInclusive),
        ] {
            if let Some(t) = self.single(node, local)? {
                cs.push(make(self.literal(node, t, local)?));
            }
        }
        if let Some(t) = self.single(node, "minLength")? {
            cs.push(Constraint::MinLength(self.count(node, t, "minLength")?));
        }
        if let Some(t) = self.single(node, "maxLength")? {
            cs.push(Constraint::MaxLength(self.count(node, t, "maxLength")?));
        }
        let flags = match self.single(node, "flags")? {
            Some(t) => self.literal(node, t, "flags")?.value().to_string(),
            None => String::new(),
        };
        for t in self.objects(node, "pattern") {
            let pattern = self.literal(node, t, "pattern")?.value().to_string();
            let mut inline = String::new();
            for f in flags.chars() {
                match f {
                    'i' | 'm' | 's' | 'x' => inline.push(f),
                    _ => {
                        return Err(ShaclError::Unsupported(format!(
                            "sh:flags \"{f}\" on shape {}",
                            node_name(node)
                        )))
                    }
                }
            }
            let src = if inline.is_empty() {
                pattern.clone()
            } else {
                format!("(?{inline}){pattern}")
            };
            let re = Regex::new(&src)
                .map_err(|e| self.malformed(node, format!("sh:pattern {pattern:?}: {e}")))?;
            cs.push(Constraint::Pattern(re));
        }
        if let Some(t) = self.single(node, "languageIn")? {
            let tags = self
                .list(node, &t)?
                .into_iter()
                .map(|t| {
                    self.literal(node, t, "languageIn")
                        .map(|l| l.value().to_ascii_lowercase())
                })
                .collect::<Result<_, _>>()?;
            cs.push(Constraint::LanguageIn(tags));
        }
        if let Some(Term::Literal(l)) = self.single(node, "uniqueLang")? {
            if l.value() == "true" {
                cs.push(Constraint::UniqueLang);
            }
        }
        for (local, make) in [
            ("equals", Constraint::Equals as fn(NamedNode) -> Constraint),
            ("disjoint", Constraint::Disjoint),
            ("lessThan", Constraint::LessThan),
            ("lessThanOrEquals", Constraint::LessThanOrEquals),
        ] {
            for t in self.objects(node, local) {
                if path.is_none() && matches!(local, "lessThan" | "lessThanOrEquals") {
                    return Err(
                        self.malformed(node, format!("sh:{local} on a shape without sh:path"))
                    );
                }
                cs.push(make(self.iri(node, t, local)?));
            }
        }
        for (i, t) in self.objects(node, "not").into_iter().enumerate() {
            let s = self.shape_ref(node, &t, format!("{label} not[{i}]"), depth)?;
            cs.push(Constraint::Not(s));
        }
        for local in ["and", "or", "xone"] {
            for (i, t) in self.objects(node, local).into_iter().enumerate() {
                let members = self.list(node, &t)?;
                let mut ids = Vec::new();
                for (j, m) in members.iter().enumerate() {
                    ids.push(self.shape_ref(
                        node,
                        m,
                        format!("{label} {local}[{i}.{j}]"),
                        depth,
                    )?);
                }
                cs.push(match local {
                    "and" => Constraint::And(ids),
                    "or" => Constraint::Or(ids),
                    _ => Constraint::Xone(ids),
                });
            }
        }
        for (i, t) in self.objects(node, "node").into_iter().enumerate() {
            let s = self.shape_ref(node, &t, format!("{label} node[{i}]"), depth)?;
            cs.push(Constraint::Node(s));
        }
        if let Some(t) = self.single(node, "qualifiedValueShape")? {
            if path.is_none() {
                return Err(
                    self.malformed(node, "sh:qualifiedValueShape on a shape without sh:path")
                );
            }
            let s = self.shape_ref(node, &t, format!("{label} qualified"), depth)?;
            let min = self.single(node, "qualifiedMinCount")?;
            let max = self.single(node, "qualifiedMaxCount")?;
            if min.is_none() && max.is_none() {
                return Err(self.malformed(
                    node,
                    "sh:qualifiedValueShape without sh:qualifiedMinCount or sh:qualifiedMaxCount",
                ));
            }
            if let Some(t) = min {
                cs.push(Constraint::QualifiedMinCount(
                    s,
                    self.count(node, t, "qualifiedMinCount")?,
                ));
            }
            if let Some(t) = max {
                cs.push(Constraint::QualifiedMaxCount(
                    s,
                    self.count(node, t, "qualifiedMaxCount")?,
                ));
            }
        }
        let mut properties = Vec::new();
        for t in self.objects(node, "property") {
            properties.push(self.shape_ref(node, &t, label.clone(), depth)?);
        }
        if let Some(Term::Literal(l)) = self.single(node, "closed")? {
            if l.value() == "true" {
                let mut allowed: HashSet<NamedNode> = properties
                    .iter()
                    .filter_map(|&p| match &self.shapes[p].path {
                        Some(Path::Predicate(n)) => Some(n.clone()),
                        _ => None,
                    })
                    .collect();
                if let Some(t) = self.single(node, "ignoredProperties")? {
                    for m in self.list(node, &t)? {
                        allowed.insert(self.iri(node, m, "ignoredProperties")?);
                    }
                }
                cs.push(Constraint::Closed(allowed));
            }
        }
        for t in self.objects(node, "hasValue") {
            cs.push(Constraint::HasValue(t));
        }
        if let Some(t) = self.single(node, "in")? {
            cs.push(Constraint::In(self.list(node, &t)?));
        }
        let s = &mut self.shapes[idx];
        s.targets = targets;
        s.severity = severity;
        s.message = message;
        s.deactivated = deactivated;
        s.constraints = cs;
        s.properties = properties;
        Ok(idx)
    }
}

/// A shape node as people see it in an error message.
fn node_name(n: &NamedOrBlankNode) -> String {
    match n {
        NamedOrBlankNode::NamedNode(n) => compact_iri(n.as_str()),
        NamedOrBlankNode::BlankNode(_) => "(a blank-node shape)".into(),
    }
}

/// Whether `lexical` is a valid literal of datatype `dt` (for the XSD types
/// newsgraph writes and the common others; unknown datatypes are accepted).
pub(crate) fn well_formed(lexical: &str, dt: &str) -> bool {
    use std::sync::OnceLock;
    static INT: OnceLock<Regex> = OnceLock::new();
    static DEC: OnceLock<Regex> = OnceLock::new();
    static FLOAT: OnceLock<Regex> = OnceLock::new();
    static DATE: OnceLock<Regex> = OnceLock::new();
    static DATETIME: OnceLock<Regex> = OnceLock::new();
    let re = |cell: &'static OnceLock<Regex>, src: &str| -> &'static Regex {
        cell.get_or_init(|| Regex::new(src).expect("valid literal regex"))
    };
    let Some(local) = dt.strip_prefix("http://www.w3.org/2001/XMLSchema#") else {
        return true;
    };
    let int = || re(&INT, r"^[+-]?[0-9]+$").is_match(lexical);
    match local {
        "integer" | "long" | "int" | "short" | "byte" => int(),
        "nonNegativeInteger" | "unsignedLong" | "unsignedInt" | "unsignedShort" | "unsignedByte" => {
            int() && (!lexical.starts_with('-') || lexical.trim_start_matches(['-', '0']).is_empty())
        }
        "positiveInteger" => int() && !lexical.starts_with('-') && !lexical.trim_start_matches(['+', '0']).is_empty(),
        "nonPositiveInteger" => int() && (lexical.starts_with('-') || lexical.trim_start_matches(['+', '0']).is_empty()),
        "negativeInteger" => int() && lexical.starts_with('-') && !lexical.trim_start_matches(['-', '0']).is_empty(),
        "decimal" => re(&DEC, r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$").is_match(lexical),
        "float" | "double" => re(
            &FLOAT,
            r"^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
        )
        .is_match(lexical),
        "boolean" => matches!(lexical, "true" | "false" | "1" | "0"),
        "date" => {
            re(&DATE, r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$").is_match(lexical)
                && chrono::NaiveDate::parse_from_str(lexical.get(..10).unwrap_or(""), "%Y-%m-%d").is_ok()
        }
        "dateTime" => re(
            &DATETIME,
            r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
        )
        .is_match(lexical),
        _ => true,
    }
}

/// The XSD datatypes compared as numbers by sh:min/maxInclusive/Exclusive
/// and sh:lessThan.
pub(crate) fn is_numeric(dt: &str) -> bool {
    matches!(
        dt.strip_prefix("http://www.w3.org/2001/XMLSchema#"),
        Some(
            "integer"
                | "decimal"
                | "float"
                | "double"
                | "long"
                | "int"
                | "short"
                | "byte"
                | "nonNegativeInteger"
                | "positiveInteger"
                | "negativeInteger"
                | "nonPositiveInteger"
                | "unsignedLong"
                | "unsignedInt"
                | "unsignedShort"
                | "unsignedByte"
        )
    )
}

/// `xsd:string` as a `&str`, for datatype checks.
pub(crate) fn xsd_string() -> &'static str {
    xsd::STRING.as_str()
}
