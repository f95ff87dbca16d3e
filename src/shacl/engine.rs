//! Evaluating shapes on a store: targets, value nodes, constraints.
//!
//! The data graph is the union of all graphs (the default graph and every
//! named graph), as a set: a triple stated in five article graphs counts once.
//! Value nodes of a targeted shape are read in bulk (one scan of the
//! predicate) when there are many focus nodes, and by lookups otherwise, so a
//! store of millions of quads is validated in a few passes per property.

use super::shapes::{is_numeric, well_formed, xsd_string, Constraint, Path, Target, MAX_DEPTH};
use super::{Report, ShaclError, Shapes, ValidationResult};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term};
use oxigraph::store::Store;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// Above this many focus nodes, a predicate path is read by scanning the
/// predicate once instead of one lookup per node.
const BULK_THRESHOLD: usize = 2_000;

/// Validates the union of all graphs in `store` against `shapes`.
pub fn validate(store: &Store, shapes: &Shapes) -> Result<Report, ShaclError> {
    let v = Validator {
        store,
        shapes,
        subclasses: RefCell::new(HashMap::new()),
        conforms_cache: RefCell::new(HashMap::new()),
    };
    let mut results = Vec::new();
    let mut focus_total = 0;
    for (idx, shape) in shapes.shapes.iter().enumerate() {
        if shape.targets.is_empty() || shape.deactivated {
            continue;
        }
        let focus = v.focus_nodes(&shape.targets)?;
        focus_total += focus.len();
        v.validate_shape(idx, &focus, &mut results, 0)?;
    }
    let mut seen = HashSet::new();
    results.retain(|r: &ValidationResult| seen.insert(r.clone()));
    results.sort_by_cached_key(|r| {
        (
            r.shape_label.clone(),
            r.focus_node.to_string(),
            r.path.as_ref().map(|p| p.to_string()),
            r.component,
            r.value.as_ref().map(|t| t.to_string()),
        )
    });
    Ok(Report {
        results,
        focus_nodes: focus_total,
    })
}

/// What one constraint found wrong: the offending value (if the component
/// reports one) and, for sh:closed, the predicate it was found under.
struct Hit {
    value: Option<Term>,
    path: Option<Path>,
}

fn hit(value: Option<Term>) -> Hit {
    Hit { value, path: None }
}

struct Validator<'a> {
    store: &'a Store,
    shapes: &'a Shapes,
    subclasses: RefCell<HashMap<NamedNode, HashSet<Term>>>,
    conforms_cache: RefCell<HashMap<(usize, Term), bool>>,
}

fn as_subject(t: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match t {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        Term::Literal(_) => None,
    }
}

fn push_unique(v: &mut Vec<Term>, seen: &mut HashSet<Term>, t: Term) {
    if seen.insert(t.clone()) {
        v.push(t);
    }
}

impl Validator<'_> {
    /// `class` and its subclasses by `rdfs:subClassOf*` in the data graph.
    fn subclasses_of(&self, class: &NamedNode) -> Result<HashSet<Term>, ShaclError> {
        if let Some(s) = self.subclasses.borrow().get(class) {
            return Ok(s.clone());
        }
        let mut set: HashSet<Term> = HashSet::new();
        let mut todo = vec![Term::from(class.clone())];
        set.insert(todo[0].clone());
        while let Some(c) = todo.pop() {
            for q in
                self.store
                    .quads_for_pattern(None, Some(rdfs::SUB_CLASS_OF), Some(c.as_ref()), None)
            {
                let s: Term = q?.subject.into();
                if set.insert(s.clone()) {
                    todo.push(s);
                }
            }
        }
        self.subclasses
            .borrow_mut()
            .insert(class.clone(), set.clone());
        Ok(set)
    }

    /// SHACL instance: typed with the class or one of its subclasses.
    fn is_instance(&self, node: &Term, class: &NamedNode) -> Result<bool, ShaclError> {
        let Some(s) = as_subject(node) else {
            return Ok(false);
        };
        let classes = self.subclasses_of(class)?;
        for q in self
            .store
            .quads_for_pattern(Some(s), Some(rdf::TYPE), None, None)
        {
            if classes.contains(&q?.object) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn focus_nodes(&self, targets: &[Target]) -> Result<Vec<Term>, ShaclError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for t in targets {
            match t {
                Target::Node(n) => push_unique(&mut out, &mut seen, n.clone()),
                Target::Class(c) => {
                    let mut classes: Vec<Term> = self.subclasses_of(c)?.into_iter().collect();
                    classes.sort_by_cached_key(|t| t.to_string());
                    for class in classes {
                        for q in self.store.quads_for_pattern(
                            None,
                            Some(rdf::TYPE),
                            Some(class.as_ref()),
                            None,
                        ) {
                            push_unique(&mut out, &mut seen, q?.subject.into());
                        }
                    }
                }
                Target::SubjectsOf(p) => {
                    for q in self
                        .store
                        .quads_for_pattern(None, Some(p.as_ref()), None, None)
                    {
                        push_unique(&mut out, &mut seen, q?.subject.into());
                    }
                }
                Target::ObjectsOf(p) => {
                    for q in self
                        .store
                        .quads_for_pattern(None, Some(p.as_ref()), None, None)
                    {
                        push_unique(&mut out, &mut seen, q?.object);
                    }
                }
            }
        }
        Ok(out)
    }

    /// One step along a predicate, forwards or backwards, from each node.
    fn step(
        &self,
        nodes: &[Term],
        p: NamedNodeRef<'_>,
        inverse: bool,
    ) -> Result<Vec<Term>, ShaclError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for n in nodes {
            if inverse {
                for q in self
                    .store
                    .quads_for_pattern(None, Some(p), Some(n.as_ref()), None)
                {
                    push_unique(&mut out, &mut seen, q?.subject.into());
                }
            } else if let Some(s) = as_subject(n) {
                for q in self.store.quads_for_pattern(Some(s), Some(p), None, None) {
                    push_unique(&mut out, &mut seen, q?.object);
                }
            }
        }
        Ok(out)
    }

    /// The nodes reached from `nodes` by `path` (followed backwards when `inverse`).
    fn eval(&self, nodes: Vec<Term>, path: &Path, inverse: bool) -> Result<Vec<Term>, ShaclError> {
        Ok(match path {
            Path::Predicate(p) => self.step(&nodes, p.as_ref(), inverse)?,
            Path::Inverse(p) => self.eval(nodes, p, !inverse)?,
            Path::Sequence(ps) => {
                let mut cur = nodes;
                let order: Box<dyn Iterator<Item = &Path>> = if inverse {
                    Box::new(ps.iter().rev())
                } else {
                    Box::new(ps.iter())
                };
                for p in order {
                    cur = self.eval(cur, p, inverse)?;
                }
                cur
            }
            Path::Alternative(ps) => {
                let mut out = Vec::new();
                let mut seen = HashSet::new();
                for p in ps {
                    for t in self.eval(nodes.clone(), p, inverse)? {
                        push_unique(&mut out, &mut seen, t);
                    }
                }
                out
            }
            Path::ZeroOrOne(p) => {
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                for t in nodes
                    .iter()
                    .cloned()
                    .chain(self.eval(nodes.clone(), p, inverse)?)
                {
                    push_unique(&mut out, &mut seen, t);
                }
                out
            }
            Path::ZeroOrMore(p) | Path::OneOrMore(p) => {
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                if matches!(path, Path::ZeroOrMore(_)) {
                    for t in &nodes {
                        push_unique(&mut out, &mut seen, t.clone());
                    }
                }
                let mut frontier = nodes;
                while !frontier.is_empty() {
                    let next = self.eval(frontier, p, inverse)?;
                    frontier = next
                        .into_iter()
                        .filter(|t| seen.insert(t.clone()))
                        .collect();
                    out.extend(frontier.iter().cloned());
                }
                out
            }
        })
    }

    /// Value nodes of `path` for every focus node: one scan of the predicate
    /// for many focus nodes on a simple path, lookups otherwise.
    fn value_map(
        &self,
        focus: &[Term],
        path: &Path,
    ) -> Result<HashMap<Term, Vec<Term>>, ShaclError> {
        let mut map: HashMap<Term, Vec<Term>> = HashMap::new();
        let simple = match path {
            Path::Predicate(p) => Some((p, false)),
            Path::Inverse(b) => match b.as_ref() {
                Path::Predicate(p) => Some((p, true)),
                _ => None,
            },
            _ => None,
        };
        match simple {
            Some((p, inverse)) if focus.len() > BULK_THRESHOLD => {
                let wanted: HashSet<&Term> = focus.iter().collect();
                let mut pairs: HashSet<(Term, Term)> = HashSet::new();
                for q in self
                    .store
                    .quads_for_pattern(None, Some(p.as_ref()), None, None)
                {
                    let q = q?;
                    let (from, to): (Term, Term) = if inverse {
                        (q.object, q.subject.into())
                    } else {
                        (q.subject.into(), q.object)
                    };
                    if wanted.contains(&from) && pairs.insert((from.clone(), to.clone())) {
                        map.entry(from).or_default().push(to);
                    }
                }
            }
            _ => {
                for f in focus {
                    let vals = self.eval(vec![f.clone()], path, false)?;
                    if !vals.is_empty() {
                        map.insert(f.clone(), vals);
                    }
                }
            }
        }
        Ok(map)
    }

    fn values_of(&self, focus: &Term, path: &Option<Path>) -> Result<Vec<Term>, ShaclError> {
        match path {
            Some(p) => self.eval(vec![focus.clone()], p, false),
            None => Ok(vec![focus.clone()]),
        }
    }

    fn validate_shape(
        &self,
        idx: usize,
        focus: &[Term],
        out: &mut Vec<ValidationResult>,
        depth: usize,
    ) -> Result<(), ShaclError> {
        if depth > MAX_DEPTH {
            return Err(ShaclError::TooDeep(MAX_DEPTH));
        }
        let shape = &self.shapes.shapes[idx];
        if shape.deactivated {
            return Ok(());
        }
        let vmap = match &shape.path {
            Some(p) => Some(self.value_map(focus, p)?),
            None => None,
        };
        let empty: Vec<Term> = Vec::new();
        for f in focus {
            let values: &[Term] = match &vmap {
                Some(m) => m.get(f).map(Vec::as_slice).unwrap_or(&[]),
                None => std::slice::from_ref(f),
            };
            for c in &shape.constraints {
                for h in self.check(c, f, values, depth)? {
                    out.push(ValidationResult {
                        focus_node: f.clone(),
                        path: h.path.or_else(|| shape.path.clone()),
                        value: h.value,
                        shape_label: shape.label.clone(),
                        shape_iri: match &shape.node {
                            oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
                            _ => None,
                        },
                        component: c.component(),
                        severity: shape.severity.clone(),
                        message: shape.message.clone(),
                    });
                }
            }
        }
        if shape.properties.is_empty() {
            return Ok(());
        }
        let nested_focus: Vec<Term> = match &vmap {
            None => focus.to_vec(),
            Some(m) => {
                let mut seen = HashSet::new();
                let mut v = Vec::new();
                for f in focus {
                    for t in m.get(f).unwrap_or(&empty) {
                        push_unique(&mut v, &mut seen, t.clone());
                    }
                }
                v
            }
        };
        for &p in &shape.properties {
            self.validate_shape(p, &nested_focus, out, depth + 1)?;
        }
        Ok(())
    }

    /// Whether `node` conforms to shape `idx` (for sh:node, sh:or, sh:not, ...).
    fn conforms(&self, node: &Term, idx: usize, depth: usize) -> Result<bool, ShaclError> {
        if depth > MAX_DEPTH {
            return Err(ShaclError::TooDeep(MAX_DEPTH));
        }
        let key = (idx, node.clone());
        if let Some(&c) = self.conforms_cache.borrow().get(&key) {
            return Ok(c);
        }
        let shape = &self.shapes.shapes[idx];
        let ok = if shape.deactivated {
            true
        } else {
            let values = self.values_of(node, &shape.path)?;
            let mut ok = true;
            for c in &shape.constraints {
                if !self.check(c, node, &values, depth + 1)?.is_empty() {
                    ok = false;
                    break;
                }
            }
            if ok {
                let nested = if shape.path.is_some() {
                    values
                } else {
                    vec![node.clone()]
                };
                'outer: for &p in &shape.properties {
                    for t in &nested {
                        if !self.conforms(t, p, depth + 1)? {
                            ok = false;
                            break 'outer;
                        }
                    }
                }
            }
            ok
        };
        self.conforms_cache.borrow_mut().insert(key, ok);
        Ok(ok)
    }

    fn check(
        &self,
        c: &Constraint,
        focus: &Term,
        values: &[Term],
        depth: usize,
    ) -> Result<Vec<Hit>, ShaclError> {
        let mut hits = Vec::new();
        let each = |hits: &mut Vec<Hit>, bad: &dyn Fn(&Term) -> bool| {
            for v in values {
                if bad(v) {
                    hits.push(hit(Some(v.clone())));
                }
            }
        };
        match c {
            Constraint::Class(class) => {
                for v in values {
                    if !self.is_instance(v, class)? {
                        hits.push(hit(Some(v.clone())));
                    }
                }
            }
            Constraint::Datatype(dt) => each(&mut hits, &|v| match v {
                Term::Literal(l) => {
                    let actual = l.datatype();
                    if actual != dt.as_ref() {
                        return true;
                    }
                    if l.language().is_some() || actual.as_str() == xsd_string() {
                        return false;
                    }
                    !well_formed(l.value(), actual.as_str())
                }
                _ => true,
            }),
            Constraint::NodeKind(k) => each(&mut hits, &|v| !k.matches(v)),
            Constraint::MinCount(n) => {
                if (values.len() as u64) < *n {
                    hits.push(hit(None));
                }
            }
            Constraint::MaxCount(n) => {
                if (values.len() as u64) > *n {
                    hits.push(hit(None));
                }
            }
            Constraint::MinExclusive(b) => each(&mut hits, &|v| {
                !matches!(compare_to(v, b), Some(Ordering::Greater))
            }),
            Constraint::MinInclusive(b) => each(&mut hits, &|v| {
                !matches!(compare_to(v, b), Some(Ordering::Greater | Ordering::Equal))
            }),
            Constraint::MaxExclusive(b) => each(&mut hits, &|v| {
                !matches!(compare_to(v, b), Some(Ordering::Less))
            }),
            Constraint::MaxInclusive(b) => each(&mut hits, &|v| {
                !matches!(compare_to(v, b), Some(Ordering::Less | Ordering::Equal))
            }),
            Constraint::MinLength(n) => each(&mut hits, &|v| {
                string_of(v).is_none_or(|s| (s.chars().count() as u64) < *n)
            }),
            Constraint::MaxLength(n) => each(&mut hits, &|v| {
                string_of(v).is_none_or(|s| (s.chars().count() as u64) > *n)
            }),
            Constraint::Pattern(re) => {
                each(&mut hits, &|v| string_of(v).is_none_or(|s| !re.is_match(s)))
            }
            Constraint::LanguageIn(tags) => each(&mut hits, &|v| match v {
                Term::Literal(l) => match l.language() {
                    Some(lang) => !tags.iter().any(|t| lang_matches(lang, t)),
                    None => true,
                },
                _ => true,
            }),
            Constraint::UniqueLang => {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for v in values {
                    if let Term::Literal(l) = v {
                        if let Some(lang) = l.language() {
                            *counts.entry(lang.to_ascii_lowercase()).or_default() += 1;
                        }
                    }
                }
                let mut dup: Vec<_> = counts.into_iter().filter(|(_, n)| *n > 1).collect();
                dup.sort();
                hits.extend(dup.into_iter().map(|_| hit(None)));
            }
            Constraint::Equals(p)
            | Constraint::Disjoint(p)
            | Constraint::LessThan(p)
            | Constraint::LessThanOrEquals(p) => {
                let other = self.eval(vec![focus.clone()], &Path::Predicate(p.clone()), false)?;
                match c {
                    Constraint::Equals(_) => {
                        each(&mut hits, &|v| !other.contains(v));
                        for o in &other {
                            if !values.contains(o) {
                                hits.push(hit(Some(o.clone())));
                            }
                        }
                    }
                    Constraint::Disjoint(_) => each(&mut hits, &|v| other.contains(v)),
                    Constraint::LessThan(_) => each(&mut hits, &|v| {
                        other
                            .iter()
                            .any(|o| !matches!(compare_terms(v, o), Some(Ordering::Less)))
                    }),
                    _ => each(&mut hits, &|v| {
                        other.iter().any(|o| {
                            !matches!(compare_terms(v, o), Some(Ordering::Less | Ordering::Equal))
                        })
                    }),
                }
            }
            Constraint::Not(s) => {
                for v in values {
                    if self.conforms(v, *s, depth + 1)? {
                        hits.push(hit(Some(v.clone())));
                    }
                }
            }
            Constraint::And(ss) | Constraint::Or(ss) | Constraint::Xone(ss) => {
                for v in values {
                    let mut n = 0;
                    for s in ss {
                        if self.conforms(v, *s, depth + 1)? {
                            n += 1;
                        }
                    }
                    let bad = match c {
                        Constraint::And(_) => n < ss.len(),
                        Constraint::Or(_) => n == 0,
                        _ => n != 1,
                    };
                    if bad {
                        hits.push(hit(Some(v.clone())));
                    }
                }
            }
            Constraint::Node(s) => {
                for v in values {
                    if !self.conforms(v, *s, depth + 1)? {
                        hits.push(hit(Some(v.clone())));
                    }
                }
            }
            Constraint::QualifiedMinCount(s, n) | Constraint::QualifiedMaxCount(s, n) => {
                let mut count = 0u64;
                for v in values {
                    if self.conforms(v, *s, depth + 1)? {
                        count += 1;
                    }
                }
                let bad = match c {
                    Constraint::QualifiedMinCount(..) => count < *n,
                    _ => count > *n,
                };
                if bad {
                    hits.push(hit(None));
                }
            }
            Constraint::Closed(allowed) => {
                for v in values {
                    let Some(s) = as_subject(v) else { continue };
                    let mut seen = HashSet::new();
                    for q in self.store.quads_for_pattern(Some(s), None, None, None) {
                        let q = q?;
                        if !allowed.contains(&q.predicate)
                            && seen.insert((q.predicate.clone(), q.object.clone()))
                        {
                            hits.push(Hit {
                                value: Some(q.object),
                                path: Some(Path::Predicate(q.predicate)),
                            });
                        }
                    }
                }
            }
            Constraint::HasValue(t) => {
                if !values.contains(t) {
                    hits.push(hit(None));
                }
            }
            Constraint::In(list) => each(&mut hits, &|v| !list.contains(v)),
        }
        Ok(hits)
    }
}

/// The string a length or pattern constraint looks at; blank nodes have none.
fn string_of(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        Term::BlankNode(_) => None,
    }
}

/// SPARQL `langMatches` for a basic language range.
fn lang_matches(lang: &str, range: &str) -> bool {
    if range == "*" {
        return !lang.is_empty();
    }
    let lang = lang.to_ascii_lowercase();
    lang == range
        || lang
            .strip_prefix(range)
            .is_some_and(|rest| rest.starts_with('-'))
}

fn compare_to(v: &Term, bound: &Literal) -> Option<Ordering> {
    match v {
        Term::Literal(l) => compare(l, bound),
        _ => None,
    }
}

fn compare_terms(a: &Term, b: &Term) -> Option<Ordering> {
    match (a, b) {
        (Term::Literal(a), Term::Literal(b)) => compare(a, b),
        _ => None,
    }
}

/// Orders two literals the way SPARQL's `<` does for the types that matter
/// here: numbers by value, dates and date-times of one type and strings by
/// their lexical form. Anything else is incomparable, which SHACL counts as
/// a violation.
fn compare(a: &Literal, b: &Literal) -> Option<Ordering> {
    let (da, db) = (a.datatype().as_str(), b.datatype().as_str());
    if is_numeric(da) && is_numeric(db) {
        if !well_formed(a.value(), da) || !well_formed(b.value(), db) {
            return None;
        }
        let x: f64 = a.value().trim().parse().ok()?;
        let y: f64 = b.value().trim().parse().ok()?;
        return x.partial_cmp(&y);
    }
    if da != db || a.language().is_some() || b.language().is_some() {
        return None;
    }
    let xsd = "http://www.w3.org/2001/XMLSchema#";
    match da.strip_prefix(xsd) {
        Some("string") => Some(a.value().cmp(b.value())),
        Some("date" | "dateTime") if well_formed(a.value(), da) && well_formed(b.value(), db) => {
            // same timezone form on both sides, else incomparable
            let tz = |s: &str| s.ends_with('Z') || s.len() > 10 && s[10..].contains(['+', '-']);
            (tz(a.value()) == tz(b.value())).then(|| a.value().cmp(b.value()))
        }
        _ => None,
    }
}
