//! The embedded Oxigraph store: one transaction per article, queries over the
//! union of graphs, exports with prefixes and a stable order.

use crate::rdf::{vocab, ArticleQuads};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphNameRef, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef, Term, TermRef,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::io::Write;
#[cfg(feature = "rocksdb")]
use std::path::Path;

/// Store failures, with what to do about them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {source}; is another newsgraph process using it? (the store allows one writer)")]
    Open {
        path: String,
        #[source]
        source: oxigraph::store::StorageError,
    },
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot load RDF: {0}")]
    Load(#[from] oxigraph::store::LoaderError),
    #[error("cannot serialize: {0}")]
    Serialize(String),
}

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IngestOutcome {
    #[default]
    Added,
    Replaced,
    Unchanged,
}

/// A newsgraph store on disk (or in memory, for tests and `extract`).
pub struct GraphStore {
    store: oxigraph::store::Store,
}

impl GraphStore {
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let store = oxigraph::store::Store::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        Ok(GraphStore { store })
    }

    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let store =
            oxigraph::store::Store::open_read_only(path).map_err(|source| StoreError::Open {
                path: path.display().to_string(),
                source,
            })?;
        Ok(GraphStore { store })
    }

    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(GraphStore {
            store: oxigraph::store::Store::new()?,
        })
    }

    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.store
    }

    /// Replaces the article's named graph and adds its entity descriptions, atomically.
    /// An article whose graph already holds the same content hash is left alone.
    pub fn ingest(&self, a: &ArticleQuads, shared: &[Quad]) -> Result<IngestOutcome, StoreError> {
        let graph = NamedNodeRef::new_unchecked(&a.graph_iri);
        let article = NamedNodeRef::new_unchecked(&a.article_iri);
        let new_hash = a.quads.iter().find_map(|q| {
            (matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == a.article_iri)
                && q.predicate == vocab::ng::CONTENT_HASH)
                .then(|| q.object.clone())
        });
        let mut tx = self.store.start_transaction()?;
        let existed = tx.contains_named_graph(graph)?;
        if existed {
            let old_hash = tx
                .quads_for_pattern(
                    Some(article.into()),
                    Some(vocab::ng::CONTENT_HASH),
                    None,
                    Some(graph.into()),
                )
                .next()
                .transpose()?
                .map(|q| q.object);
            if old_hash.is_some() && old_hash == new_hash {
                // same text; the graph may still differ (another --date, a newer extractor)
                let old: std::collections::HashSet<Quad> = tx
                    .quads_for_pattern(None, None, None, Some(graph.into()))
                    .collect::<Result<_, _>>()?;
                if old.len() == a.quads.len() && a.quads.iter().all(|q| old.contains(q)) {
                    return Ok(IngestOutcome::Unchanged);
                }
            }
            tx.clear_graph(graph)?;
        } else {
            tx.insert_named_graph(graph);
        }
        tx.extend(a.quads.iter());
        tx.extend(a.entity_quads.iter());
        tx.extend(shared.iter());
        tx.commit()?;
        Ok(if existed {
            IngestOutcome::Replaced
        } else {
            IngestOutcome::Added
        })
    }

    /// Stores many articles at once, for archive-sized runs. Articles not yet
    /// in the store go through Oxigraph's bulk loader, whose files are all
    /// ingested in one atomic step at commit: a killed run leaves either all
    /// of them or none, never part of an article. Articles already present
    /// (or repeated in `items`) take the [`GraphStore::ingest`] path, one
    /// transaction each. If the bulk step fails, the new articles are retried
    /// one transaction each, so one failure is reported for its article only.
    pub fn ingest_many(&self, items: &[ArticleQuads]) -> Vec<Result<IngestOutcome, StoreError>> {
        let mut out: Vec<Option<Result<IngestOutcome, StoreError>>> =
            (0..items.len()).map(|_| None).collect();
        let mut fresh = Vec::new();
        let mut later = Vec::new();
        let mut pending = std::collections::HashSet::new();
        for (i, a) in items.iter().enumerate() {
            let graph = NamedNodeRef::new_unchecked(&a.graph_iri);
            match self.store.contains_named_graph(graph) {
                Ok(false) if pending.insert(a.graph_iri.as_str()) => fresh.push(i),
                Ok(_) => later.push(i),
                Err(e) => out[i] = Some(Err(e.into())),
            }
        }
        let bulk = || -> Result<(), StoreError> {
            let mut loader = self.store.bulk_loader();
            loader.load_quads(fresh.iter().flat_map(|&i| {
                items[i]
                    .quads
                    .iter()
                    .chain(items[i].entity_quads.iter())
                    .cloned()
            }))?;
            loader.commit()?;
            Ok(())
        };
        if !fresh.is_empty() {
            match bulk() {
                Ok(()) => {
                    for &i in &fresh {
                        out[i] = Some(Ok(IngestOutcome::Added));
                    }
                }
                Err(_) => later.extend(fresh.iter().copied()),
            }
        }
        later.sort_unstable();
        for i in later {
            out[i] = Some(self.ingest(&items[i], &[]));
        }
        out.into_iter()
            .map(|r| r.unwrap_or(Ok(IngestOutcome::Unchanged)))
            .collect()
    }

    /// Inserts quads outside any article graph (the ontology, the run description).
    pub fn insert_all(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// Swaps a graph's whole content in one transaction, so a re-run with a new
    /// input (a link mapping) leaves no stale triples and readers never see half.
    pub fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let g = NamedNodeRef::new_unchecked(graph);
        let mut tx = self.store.start_transaction()?;
        if tx.contains_named_graph(g)? {
            tx.clear_graph(g)?;
        } else {
            tx.insert_named_graph(g);
        }
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// The store's named graphs, sorted, for per-graph work such as `push`.
    pub fn graph_names(&self) -> Result<Vec<String>, StoreError> {
        let mut v: Vec<String> = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                v.push(n.into_string());
            }
        }
        v.sort();
        Ok(v)
    }

    /// Runs a SELECT and returns its rows as terms in variable order; the
    /// library's own counting queries use it instead of matching result kinds.
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        let mut rows = Vec::new();
        if let QueryResults::Solutions(solutions) = self.query(sparql)? {
            let vars: Vec<_> = solutions.variables().to_vec();
            for s in solutions {
                let s = s?;
                rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
            }
        }
        Ok(rows)
    }

    /// Runs a SPARQL query over the union of all graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut q = SparqlEvaluator::new().parse_query(sparql)?;
        q.dataset_mut().set_default_graph_as_union();
        Ok(q.on_store(&self.store).execute()?)
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// All quads (or one graph's), sorted by their N-Quads form for byte-stable output.
    pub fn sorted_quads(&self, graph: Option<&str>) -> Result<Vec<Quad>, StoreError> {
        let g = graph.map(NamedNodeRef::new_unchecked);
        let mut v: Vec<Quad> = self
            .store
            .quads_for_pattern(None, None, None, g.map(GraphNameRef::NamedNode))
            .collect::<Result<_, _>>()?;
        sort_quads(&mut v);
        Ok(v)
    }
}

/// One quad as an N-Quads line, byte for byte what the N-Quads serializer
/// writes, so lines can be sorted and merged as text.
///
/// Written by hand for the common terms (IRIs, blank nodes, literals without
/// characters to escape), since `extract` spends much of its time here; every
/// other term goes through oxrdf's own `Display`, so the bytes never differ.
pub fn nquads_line(q: &Quad) -> String {
    let mut s = String::with_capacity(256);
    push_nquad(&mut s, q.as_ref());
    s
}

/// Appends the N-Quads line of `q` (with its newline) to `s`; see [`nquads_line`].
pub fn push_nquad(s: &mut String, q: QuadRef<'_>) {
    use std::fmt::Write as _;
    match q.subject {
        NamedOrBlankNodeRef::NamedNode(n) => push_iri(s, n.as_str()),
        other => {
            let _ = write!(s, "{other}");
        }
    }
    s.push(' ');
    push_iri(s, q.predicate.as_str());
    s.push(' ');
    push_object(s, q.object);
    match q.graph_name {
        GraphNameRef::NamedNode(n) => {
            s.push(' ');
            push_iri(s, n.as_str());
        }
        GraphNameRef::DefaultGraph => {}
        other => {
            let _ = write!(s, " {other}");
        }
    }
    s.push_str(" .\n");
}

/// The object of an N-Quads line: IRIs and literals without a language by
/// hand, anything else through oxrdf's `Display`.
#[inline]
fn push_object(s: &mut String, o: TermRef<'_>) {
    use std::fmt::Write as _;
    match o {
        TermRef::NamedNode(n) => push_iri(s, n.as_str()),
        TermRef::Literal(l) if l.language().is_none() => {
            push_quoted(s, l.value());
            let dt = l.datatype();
            if dt != oxigraph::model::vocab::xsd::STRING {
                s.push_str("^^<");
                s.push_str(dt.as_str());
                s.push('>');
            }
        }
        other => {
            let _ = write!(s, "{other}");
        }
    }
}

/// A literal's value between quotes, escaped as oxrdf's `print_quoted_str`
/// escapes it. One pass: [`next_special`] jumps a word at a time to the next
/// byte that might need an escape, and the text up to it is copied whole.
/// (Nearly every value has nothing to escape; anchors and quotes often have a
/// quote mark or a line break, and used to be scanned twice, byte by byte.)
fn push_quoted(s: &mut String, v: &str) {
    s.reserve(v.len() + 2);
    s.push('"');
    let b = v.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while let Some(j) = next_special(b, i) {
        match escape_at(b, j) {
            Some((esc, len)) => {
                // `j` is at an ASCII byte or a UTF-8 lead byte: a char boundary
                s.push_str(&v[from..j]);
                esc.push_to(s);
                i = j + len;
                from = i;
            }
            None => i = j + 1,
        }
    }
    s.push_str(&v[from..]);
    s.push('"');
}

/// How `print_quoted_str` escapes the character at a byte [`next_special`]
/// found: a short escape, or `\u00XX` for the other controls.
enum Escape {
    Text(&'static str),
    Control(u8),
}

impl Escape {
    fn push_to(&self, s: &mut String) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        match *self {
            Escape::Text(t) => s.push_str(t),
            Escape::Control(c) => {
                // the other controls: `\u{:04X}`
                s.push_str("\\u00");
                s.push(char::from(HEX[usize::from(c >> 4)]));
                s.push(char::from(HEX[usize::from(c & 15)]));
            }
        }
    }
}

/// The escape of the character starting at byte `j`, and its length in bytes;
/// `None` when it is printed as is (an 0xEF lead byte of anything but U+FFFE
/// and U+FFFF, or a byte that is not special at all). Every character
/// `print_quoted_str` escapes is ASCII but those two.
fn escape_at(b: &[u8], j: usize) -> Option<(Escape, usize)> {
    let c = b[j];
    let esc = match c {
        0x08 => Escape::Text("\\b"),
        b'\t' => Escape::Text("\\t"),
        b'\n' => Escape::Text("\\n"),
        0x0C => Escape::Text("\\f"),
        b'\r' => Escape::Text("\\r"),
        b'"' => Escape::Text("\\\""),
        b'\\' => Escape::Text("\\\\"),
        0..=0x1F | 0x7F => Escape::Control(c),
        0xEF if b[j + 1..].starts_with(&[0xBF, 0xBE]) => return Some((Escape::Text("\\uFFFE"), 3)),
        0xEF if b[j + 1..].starts_with(&[0xBF, 0xBF]) => return Some((Escape::Text("\\uFFFF"), 3)),
        _ => return None,
    };
    Some((esc, 1))
}

/// Bytes [`next_special`] stops at: controls, `"`, `\\`, DEL and 0xEF (the lead
/// byte of U+FFFE and U+FFFF).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i < 0x20 || i == 0x22 || i == 0x5C || i == 0x7F || i == 0xEF;
        i += 1;
    }
    t
};

/// Bit 7 set in the bytes of `x` that are [`SPECIAL`] (SWAR: eight bytes in
/// a few integer operations). Only the lowest set bit is sure: a borrow out of
/// a special byte can mark bytes above it, never one below, and a byte that is
/// not special and has no borrow coming in is never marked. So the lowest set
/// bit is the first special byte, which is all [`next_special`] reads.
#[inline(always)]
fn special_bits(x: u64) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    // bytes of `y` that are zero (bytes below 1)
    let zero = |y: u64| y.wrapping_sub(L) & !y & H;
    let below_space = x.wrapping_sub(L * 0x20) & !x & H;
    below_space
        | zero(x ^ (L * u64::from(b'"')))
        | zero(x ^ (L * u64::from(b'\\')))
        | zero(x ^ (L * 0x7F))
        | zero(x ^ (L * 0xEF))
}

/// The index of the first [`SPECIAL`] byte of `b` at or after `from`.
#[inline]
fn next_special(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(w) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let m = special_bits(u64::from_le_bytes(word));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    // fewer than eight bytes left
    (i..b.len()).find(|&k| SPECIAL[usize::from(b[k])])
}

/// The end of an N-Quads line, ` <graph> .\n`, kept for the graph of the last
/// line: every line of an article buffer is in one graph, so the graph IRI is
/// rendered once rather than pieced together per line.
#[derive(Debug, Default)]
struct LineEnd {
    /// The graph `text` is for, when it is a named graph.
    graph: Option<String>,
    text: String,
    /// The builder announced the graph of every line to come
    /// ([`crate::rdf::QuadSink::graphs`]), so lines are not compared with it.
    fixed: bool,
}

impl LineEnd {
    /// Renders the end for `g` once, for lines that are all in `g`.
    fn fix(&mut self, g: NamedNodeRef<'_>) {
        self.fixed = false;
        self.get(g.into());
        self.fixed = true;
    }

    #[inline]
    fn get(&mut self, g: GraphNameRef<'_>) -> &str {
        use std::fmt::Write as _;
        if self.fixed {
            debug_assert!(
                matches!(g, GraphNameRef::NamedNode(n) if self.graph.as_deref() == Some(n.as_str()))
            );
            return &self.text;
        }
        match g {
            GraphNameRef::NamedNode(n) => {
                if self.graph.as_deref() != Some(n.as_str()) {
                    self.graph = Some(n.as_str().to_owned());
                    self.text.clear();
                    self.text.push(' ');
                    push_iri(&mut self.text, n.as_str());
                    self.text.push_str(" .\n");
                }
            }
            GraphNameRef::DefaultGraph => return " .\n",
            other => {
                self.graph = None;
                self.text.clear();
                let _ = writeln!(self.text, " {other} .");
            }
        }
        &self.text
    }
}

/// [`push_nquad`] with the line's end from `end`.
fn push_line(s: &mut String, q: QuadRef<'_>, end: &mut LineEnd) {
    use std::fmt::Write as _;
    match q.subject {
        NamedOrBlankNodeRef::NamedNode(n) => {
            s.push('<');
            s.push_str(n.as_str());
            s.push_str("> <");
        }
        other => {
            let _ = write!(s, "{other} <");
        }
    }
    s.push_str(q.predicate.as_str());
    s.push_str("> ");
    push_object(s, q.object);
    s.push_str(end.get(q.graph_name));
}

/// One article's quads as N-Quads text, written straight from the builder's
/// borrowed terms: no [`Quad`] values, one buffer per graph. `extract` uses it;
/// the bytes are exactly those of [`nquads_line`] over [`crate::rdf::document_quads`].
#[derive(Debug, Default)]
pub struct NQuadsText {
    article: String,
    article_lines: Vec<std::ops::Range<usize>>,
    /// Runs of consecutive article lines with one subject (the builder writes
    /// a node's lines together): the index of each run's first line, and the
    /// length of its subject token `<IRI> `. [`NQuadsText::finish`] sorts
    /// these tokens, then each subject's few lines, instead of all lines.
    runs: Vec<(usize, usize)>,
    /// A subject was not an IRI, or had a space in it, so tokens might not
    /// order the lines: sort whole lines.
    whole_sort: bool,
    article_end: LineEnd,
    entities: String,
    entity_lines: Vec<std::ops::Range<usize>>,
    entities_end: LineEnd,
}

impl crate::rdf::QuadSink for NQuadsText {
    fn graphs(&mut self, article: NamedNodeRef<'_>, shared: NamedNodeRef<'_>) {
        self.article_end.fix(article);
        self.entities_end.fix(shared);
    }

    fn push(&mut self, quad: QuadRef<'_>, shared: bool) {
        if shared {
            let start = self.entities.len();
            push_line(&mut self.entities, quad, &mut self.entities_end);
            self.entity_lines.push(start..self.entities.len());
            return;
        }
        self.push_own(quad, false);
    }

    fn push_own(&mut self, quad: QuadRef<'_>, same_subject: bool) {
        match quad.subject {
            NamedOrBlankNodeRef::NamedNode(n) => {
                let iri = n.as_str().as_bytes();
                let token = iri.len() + 3;
                // the last line is in the last run; same token length and
                // same IRI after its `<` is the same subject
                let same_as_last = || match (self.runs.last(), self.article_lines.last()) {
                    (Some(&(_, len)), Some(prev)) => {
                        len == token
                            && &self.article.as_bytes()[prev.start + 1..prev.start + token - 2]
                                == iri
                    }
                    _ => false,
                };
                debug_assert!(!same_subject || same_as_last());
                // the builder's word saves comparing the IRIs
                let same = same_subject || same_as_last();
                if !same {
                    // a branch-free scan (vectorised): `contains` calls memchr
                    self.whole_sort |= iri.iter().fold(false, |any, &b| any | (b == b' '));
                    self.runs.push((self.article_lines.len(), token));
                }
            }
            _ => self.whole_sort = true,
        }
        let start = self.article.len();
        push_line(&mut self.article, quad, &mut self.article_end);
        self.article_lines.push(start..self.article.len());
    }
}

impl NQuadsText {
    /// A spent article's buffers, emptied, for the next article: a worker that
    /// reuses them writes into memory it already has instead of asking the
    /// allocator for fresh pages (which the kernel zeroes on first touch; a
    /// Reuters profile showed page zeroing where buffers were allocated).
    pub fn recycle(article: SortedLines, entities: EntityLines) -> Self {
        let SortedLines {
            text: mut article_text,
            lines: mut article_lines,
        } = article;
        let EntityLines {
            text: mut entity_text,
            lines: mut entity_lines,
        } = entities;
        article_text.clear();
        article_lines.clear();
        entity_text.clear();
        entity_lines.clear();
        NQuadsText {
            article: article_text,
            article_lines,
            entities: entity_text,
            entity_lines,
            ..Default::default()
        }
    }

    /// Bytes of text the buffers can hold without growing: a pool of spent
    /// buffers keeps only ordinary-sized ones, or each would grow to the
    /// largest article it ever held and the pool to many times that.
    pub fn held(&self) -> usize {
        self.article.capacity() + self.entities.capacity()
    }

    /// Makes room for about `article` and `entities` lines (see
    /// [`crate::rdf::quad_estimate`]) in new or recycled, emptied buffers, so
    /// they are not regrown while the article is written.
    pub fn reserve(&mut self, article: usize, entities: usize) {
        debug_assert!(self.article.is_empty() && self.entities.is_empty());
        self.article.reserve(article * 272);
        self.article_lines.reserve(article);
        self.runs.reserve(article / 4);
        self.entities.reserve(entities * 160);
        self.entity_lines.reserve(entities);
    }

    /// The article graph's lines, sorted and deduplicated; and the entity lines
    /// in builder order (duplicates kept: the caller merges them across
    /// articles).
    pub fn finish(self) -> (SortedLines, EntityLines) {
        let NQuadsText {
            article,
            article_lines,
            runs,
            whole_sort,
            entities,
            entity_lines,
            ..
        } = self;
        let bytes = article.as_bytes();
        let lines = if whole_sort {
            sort_whole_lines(bytes, &article_lines)
        } else {
            sort_by_subject(bytes, &article_lines, &runs)
        };
        let ents = EntityLines {
            text: entities,
            lines: entity_lines,
        };
        (
            SortedLines {
                text: article,
                lines,
            },
            ents,
        )
    }
}

/// Lines sorted by their bytes and deduplicated, by keys (see [`sort_keys`]).
fn sort_whole_lines(bytes: &[u8], lines: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let (skip, mut keyed) = sort_keys(bytes, lines);
    // equal keys mean equal bytes up to `skip` (or two identical short
    // lines), so ties compare only what follows
    let rest = |r: &std::ops::Range<usize>| &bytes[(r.start + skip).min(r.end)..r.end];
    keyed.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| rest(a).cmp(rest(b))));
    keyed.dedup_by(|(_, a), (_, b)| bytes[a.clone()] == bytes[b.clone()]);
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// The same as [`sort_whole_lines`] when every line starts with its subject
/// token `<IRI> ` (`runs`, see [`NQuadsText`]) and no token has a space but
/// its last byte. Then no token is a prefix of another, so lines with
/// different subjects are in the order of their tokens, and lines with the
/// same subject in the order of what follows. So the subjects are sorted
/// (a few dozen per article), and then each subject's lines (a handful,
/// compared past the token), instead of hundreds of lines that mostly share
/// their first 70 bytes with their neighbours.
fn sort_by_subject(
    bytes: &[u8],
    lines: &[std::ops::Range<usize>],
    runs: &[(usize, usize)],
) -> Vec<std::ops::Range<usize>> {
    let token = |r: usize| {
        let (first, len) = runs[r];
        let at = lines[first].start;
        &bytes[at..at + len]
    };
    let run_lines = |r: usize| runs[r].0..runs.get(r + 1).map_or(lines.len(), |n| n.0);
    // Tokens share the IRI base (`<https://…/id/`), so they are sorted by a
    // 16-byte key read past the prefix they all share (kind and start of the
    // UUID), as `sort_keys` does for whole lines, and compared past it only
    // on a tie.
    let first = if runs.is_empty() { &[][..] } else { token(0) };
    let shared = (1..runs.len()).fold(first.len(), |n, r| {
        n.min(common_prefix(&first[..n], token(r)))
    });
    let skip = shared + 16;
    let key = |t: &[u8]| {
        let mut k = [0u8; 16];
        let tail = &t[shared.min(t.len())..];
        let n = tail.len().min(16);
        k[..n].copy_from_slice(&tail[..n]);
        u128::from_be_bytes(k)
    };
    let past = |r: usize| {
        let t = token(r);
        &t[skip.min(t.len())..]
    };
    let mut order: Vec<(u128, usize)> = (0..runs.len()).map(|r| (key(token(r)), r)).collect();
    order.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| past(*a).cmp(past(*b))));
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < order.len() {
        // the runs of one subject (it recurs when a node is described in
        // several places, such as the article's zones and mentions)
        let (k, r) = order[i];
        let t = token(r);
        let from = out.len();
        while i < order.len() && order[i].0 == k && token(order[i].1) == t {
            out.extend_from_slice(&lines[run_lines(order[i].1)]);
            i += 1;
        }
        let skip = t.len();
        let rest = |r: &std::ops::Range<usize>| &bytes[r.start + skip..r.end];
        out[from..].sort_unstable_by(|a, b| rest(a).cmp(rest(b)));
        let mut kept = from + 1;
        for k in from + 1..out.len() {
            if rest(&out[k]) != rest(&out[kept - 1]) {
                out[kept] = out[k].clone();
                kept += 1;
            }
        }
        out.truncate(kept);
    }
    out
}

/// How many leading bytes `a` and `b` share, compared eight at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n {
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(&a[i..i + 8]);
        y.copy_from_slice(&b[i..i + 8]);
        let d = u64::from_le_bytes(x) ^ u64::from_le_bytes(y);
        if d != 0 {
            return i + (d.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// An article's entity-graph lines, in builder order and with repeats: the
/// writer keeps one copy of each across articles, and most are repeats (the
/// same company in many articles), so they stay in the article's buffer
/// rather than each becoming a `String` the writer would mostly drop.
#[derive(Debug, Default)]
pub struct EntityLines {
    text: String,
    lines: Vec<std::ops::Range<usize>>,
}

impl EntityLines {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|r| &self.text[r.clone()])
    }
}

/// N-Quads lines in sorted order, kept where they were written: the writer
/// copies each line once, straight into its output buffer, instead of the
/// article's whole graph being copied into a second, sorted string first.
#[derive(Debug, Default)]
pub struct SortedLines {
    text: String,
    lines: Vec<std::ops::Range<usize>>,
}

impl SortedLines {
    /// Writes the lines as one vectored write (looping over partial writes):
    /// a writer whose buffer is smaller than the article hands the slices
    /// straight to `writev`, so the text is not first copied into its buffer.
    pub fn write_to(&self, w: &mut dyn Write) -> std::io::Result<()> {
        use std::io::{Error, ErrorKind, IoSlice};
        let text = self.text.as_bytes();
        let mut slices: Vec<IoSlice<'_>> = self
            .lines
            .iter()
            .map(|r| IoSlice::new(&text[r.clone()]))
            .collect();
        let mut bufs = &mut slices[..];
        while !bufs.is_empty() {
            match w.write_vectored(bufs) {
                Ok(0) => return Err(Error::from(ErrorKind::WriteZero)),
                Ok(n) => IoSlice::advance_slices(&mut bufs, n),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The lines as one string (tests and small outputs).
    pub fn concat(&self) -> String {
        self.lines.iter().map(|r| &self.text[r.clone()]).collect()
    }
}

/// Pairs each line with a 16-byte big-endian key read just past the prefix all
/// lines share (in an article graph, most of the subject IRI), so sorting
/// mostly compares integers instead of long common prefixes. Ordering by (key,
/// line) is ordering by line: the key is the line's next bytes, zero-padded,
/// and no line has a zero byte. Also gives how many leading bytes the key
/// stands for (shared prefix + 16): lines with equal keys agree that far.
fn sort_keys(
    bytes: &[u8],
    lines: &[std::ops::Range<usize>],
) -> (usize, Vec<(u128, std::ops::Range<usize>)>) {
    let first = lines.first().map(|r| &bytes[r.clone()]).unwrap_or(&[]);
    let mut shared = first.len();
    for r in lines {
        let l = &bytes[r.clone()];
        shared = shared.min(first.iter().zip(l).take_while(|(a, b)| a == b).count());
    }
    let keys = lines
        .iter()
        .map(|r| {
            let mut k = [0u8; 16];
            let tail = &bytes[r.start + shared..r.end];
            let n = tail.len().min(16);
            k[..n].copy_from_slice(&tail[..n]);
            (u128::from_be_bytes(k), r.clone())
        })
        .collect();
    (shared + 16, keys)
}

fn push_iri(s: &mut String, iri: &str) {
    s.push('<');
    s.push_str(iri);
    s.push('>');
}

/// Whether `print_quoted_str` escapes any character of `v`: what
/// [`push_quoted`] finds with [`next_special`] and [`escape_at`] (kept as
/// one function so a test can compare it with a plain char loop).
#[cfg(test)]
fn needs_escape(v: &str) -> bool {
    let b = v.as_bytes();
    let mut i = 0;
    while let Some(j) = next_special(b, i) {
        if escape_at(b, j).is_some() {
            return true;
        }
        i = j + 1;
    }
    false
}

/// Sorts quads by their N-Quads serialization and removes duplicates.
pub fn sort_quads(v: &mut Vec<Quad>) {
    v.sort_by_cached_key(|q| q.to_string());
    v.dedup();
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Nquads,
    Trig,
    Turtle,
    Ntriples,
    Jsonld,
    Rdfxml,
}

impl ExportFormat {
    fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
        }
    }
    /// The IANA media type, for the DCAT distribution of `--describe`.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Nquads => "application/n-quads",
            ExportFormat::Trig => "application/trig",
            ExportFormat::Turtle => "text/turtle",
            ExportFormat::Ntriples => "application/n-triples",
            ExportFormat::Jsonld => "application/ld+json",
            ExportFormat::Rdfxml => "application/rdf+xml",
        }
    }
    /// Whether the format keeps named graphs (others merge all graphs into one).
    pub fn has_graphs(self) -> bool {
        matches!(
            self,
            ExportFormat::Nquads | ExportFormat::Trig | ExportFormat::Jsonld
        )
    }
}

/// Writes sorted quads in a format; triple formats get the union of the graphs.
pub fn write_quads(
    quads: &[Quad],
    format: ExportFormat,
    out: impl Write,
) -> Result<(), StoreError> {
    let mut ser = RdfSerializer::from_format(format.rdf_format());
    if matches!(
        format,
        ExportFormat::Turtle | ExportFormat::Trig | ExportFormat::Rdfxml | ExportFormat::Jsonld
    ) {
        for (p, ns) in vocab::PREFIXES {
            ser = ser
                .with_prefix(*p, *ns)
                .map_err(|e| StoreError::Serialize(e.to_string()))?;
        }
    }
    let mut w = ser.for_writer(out);
    if format.has_graphs() {
        for q in quads {
            w.serialize_quad(q)?;
        }
    } else {
        let mut triples: Vec<_> = quads
            .iter()
            .map(|q| {
                QuadRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                    GraphNameRef::DefaultGraph,
                )
            })
            .collect();
        triples.sort_by_cached_key(|q| q.to_string());
        triples.dedup();
        for q in triples {
            w.serialize_quad(q)?;
        }
    }
    w.finish()?;
    Ok(())
}

include!(concat!(env!("OUT_DIR"), "/queries.rs"));

/// The named queries of `queries/`, embedded at build time.
pub fn named_queries() -> &'static [(&'static str, &'static str)] {
    NAMED_QUERIES
}

/// The comment line that marks a query calling a remote SERVICE: tests parse
/// such queries but do not run them, since CI may have no network.
pub const NEEDS_NETWORK: &str = "# needs-network";

/// Whether a query carries the [`NEEDS_NETWORK`] mark among its leading comments.
pub fn needs_network(sparql: &str) -> bool {
    sparql
        .lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .any(|l| l.trim() == NEEDS_NETWORK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{parse_text, ReadOptions};
    use crate::rdf::{document_quads, iri::Minter, run_quads, RdfOptions};

    #[test]
    fn nquads_line_is_what_oxrdf_prints() {
        use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode};
        let s = NamedNode::new_unchecked("https://e.org/s");
        let p = NamedNode::new_unchecked("https://e.org/p");
        let g = NamedNode::new_unchecked("https://e.org/g");
        let objects: Vec<Term> = vec![
            s.clone().into(),
            BlankNode::new_unchecked("b1").into(),
            Literal::new_simple_literal("plain text, €5 and 中文").into(),
            Literal::new_simple_literal(
                "quote \" back \\ tab \t nl \n cr \r bell \u{7} del \u{7f} \u{FFFE}",
            )
            .into(),
            Literal::new_typed_literal("12", oxigraph::model::vocab::xsd::INTEGER).into(),
            Literal::new_typed_literal("a\"b", oxigraph::model::vocab::xsd::DATE).into(),
            Literal::new_language_tagged_literal_unchecked("Bonjour", "fr").into(),
            Literal::new_simple_literal("").into(),
            // 0xEF lead bytes that are and are not U+FFFE/U+FFFF
            Literal::new_simple_literal("bom \u{FEFF} ok \u{FFFD}").into(),
            Literal::new_simple_literal("end \u{FFFF}").into(),
        ];
        let subjects: Vec<NamedOrBlankNode> =
            vec![s.clone().into(), BlankNode::new_unchecked("x").into()];
        let graphs: Vec<GraphName> = vec![
            g.into(),
            GraphName::DefaultGraph,
            BlankNode::new_unchecked("gb").into(),
        ];
        for su in &subjects {
            for o in &objects {
                for gr in &graphs {
                    let q = Quad::new(su.clone(), p.clone(), o.clone(), gr.clone());
                    assert_eq!(nquads_line(&q), format!("{q} .\n"));
                }
            }
        }
    }

    fn sample() -> (Vec<ArticleQuads>, RdfOptions) {
        let opts = RdfOptions {
            minter: Minter::new(crate::rdf::iri::DEFAULT_BASE),
            include_text: false,
        };
        let pipeline = crate::Pipeline::default_pipeline();
        let (run, _) = run_quads(&opts, &pipeline.names());
        let texts = [
            "Acme Corp shares rose 5% on Monday.\n\nAcme Corp said profit rose to $3 billion.",
            "Tencent sold $2 billion of bonds, the company said on Tuesday.",
        ];
        let aqs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let a = parse_text(t.to_string(), &format!("t{i}.txt"), &ReadOptions::default());
                let mut doc = crate::Document::new(a.text, a.meta);
                pipeline.run(&mut doc);
                document_quads(&doc, &opts, &run)
            })
            .collect();
        (aqs, opts)
    }

    #[test]
    fn nquads_line_is_what_the_serializer_writes() {
        let (aqs, _) = sample();
        let quads: Vec<Quad> = aqs.iter().flat_map(|a| a.quads.clone()).collect();
        let mut ser = Vec::new();
        write_quads(&quads, ExportFormat::Nquads, &mut ser).unwrap();
        let lines: String = quads.iter().map(nquads_line).collect();
        assert_eq!(String::from_utf8(ser).unwrap(), lines);
    }

    /// Accepts a few bytes per call, from the first slice only, and is
    /// interrupted now and then: vectored writes must still deliver every byte
    /// in order.
    #[derive(Debug)]
    struct Stingy {
        got: Vec<u8>,
        calls: usize,
    }

    impl Write for Stingy {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(5) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = b.len().min(1 + self.calls % 7);
            self.got.extend_from_slice(&b[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn sorted_lines_survive_partial_and_interrupted_writes() {
        let lines = SortedLines {
            text: "b 2\na 1\nc 3\n".to_string(),
            lines: vec![4..8, 0..4, 8..12],
        };
        let mut w = Stingy {
            got: Vec::new(),
            calls: 0,
        };
        lines.write_to(&mut w).unwrap();
        assert_eq!(String::from_utf8(w.got).unwrap(), lines.concat());
        assert_eq!(lines.concat(), "a 1\nb 2\nc 3\n");
        // through a buffer smaller than the lines, as `extract` writes them
        let mut buffered = std::io::BufWriter::with_capacity(
            5,
            Stingy {
                got: Vec::new(),
                calls: 0,
            },
        );
        lines.write_to(&mut buffered).unwrap();
        let inner = buffered.into_inner().unwrap();
        assert_eq!(String::from_utf8(inner.got).unwrap(), lines.concat());
    }

    #[test]
    fn nquads_text_is_the_sorted_lines_of_document_quads() {
        let opts = RdfOptions::default();
        let pipeline = crate::Pipeline::default_pipeline();
        let (run, _) = run_quads(&opts, &pipeline.names());
        for t in [
            "Acme Corp shares rose 5% on Monday.\n\nAcme Corp said profit rose to $3 billion.",
            "Tencent sold $2 billion of bonds, the company said on Tuesday. \"We are glad,\" \
             Pony Ma, chief executive of Tencent, said. Tencent rose 2%.",
            "",
        ] {
            let a = parse_text(t.to_string(), "t.txt", &ReadOptions::default());
            let mut doc = crate::Document::new(a.text, a.meta);
            pipeline.run(&mut doc);
            let aq = document_quads(&doc, &opts, &run);
            let mut want: Vec<String> = aq.quads.iter().map(nquads_line).collect();
            want.sort();
            want.dedup();
            let mut text = NQuadsText::default();
            let (article, graph) = crate::rdf::build_document(&doc, &opts, &run, &mut text);
            assert_eq!(
                (article, graph),
                (aq.article_iri.clone(), aq.graph_iri.clone())
            );
            let (lines, ents) = text.finish();
            assert_eq!(lines.concat(), want.concat());
            let want_ents: Vec<String> = aq.entity_quads.iter().map(nquads_line).collect();
            let mut got: Vec<String> = ents.iter().map(String::from).collect();
            got.sort();
            got.dedup();
            let mut w = want_ents.clone();
            w.sort();
            assert_eq!(got, w);
        }
    }

    #[test]
    fn escape_check_matches_the_byte_loop() {
        fn slow(v: &str) -> bool {
            v.chars().any(|c| {
                matches!(
                    c,
                    '\0'..='\u{1F}' | '"' | '\\' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}'
                )
            })
        }
        let mut rng = crate::text::XorShift(0x3c6e_f372_fe94_f82b);
        let odd = [
            '"', '\\', '\n', '\u{1f}', '\u{7f}', '\u{fffe}', '\u{ffff}', '\u{feff}', '\u{e9}',
            '\u{ef}',
        ];
        for _ in 0..50_000 {
            let len = rng.below(50);
            let mut v: String = (0..len)
                .map(|_| char::from(b' ' + rng.below(95) as u8))
                .collect();
            if rng.below(2) == 0 {
                let at = rng.below(v.len() + 1);
                v.insert(at, odd[rng.below(odd.len())]);
            }
            assert_eq!(needs_escape(&v), slow(&v), "{v:?}");
        }
    }

    /// The one-pass, word-at-a-time [`push_quoted`] against oxrdf's own
    /// printing, on values with many specials: next to each other, at every
    /// position of an 8-byte word, controls before bytes a SWAR borrow could
    /// mark (a space after a control), and 0xEF lead bytes of escaped and
    /// unescaped characters.
    #[test]
    fn quoted_literals_print_as_oxrdf_prints_them() {
        use oxigraph::model::Literal;
        let mut rng = crate::text::XorShift(0x9b05_688c_2b3e_6c1f);
        let odd = [
            "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{c}", "\u{0}", "\u{1}", "\u{1f}", "\u{7f}",
            "\u{fffe}", "\u{ffff}", "\u{feff}", "\u{fffd}", "\u{e9}", "\u{ef}", "\u{4e2d}", " ",
            "!", "#", "[", "]", "\u{80}", "\u{a0}", "\u{20ac}",
        ];
        for _ in 0..60_000 {
            let mut v = String::new();
            for _ in 0..rng.below(40) {
                if rng.below(4) == 0 {
                    v.push_str(odd[rng.below(odd.len())]);
                } else {
                    v.push(char::from(b' ' + rng.below(95) as u8));
                }
            }
            let mut got = String::new();
            push_quoted(&mut got, &v);
            let want = Literal::new_simple_literal(v.as_str()).to_string();
            assert_eq!(got, want, "{v:?}");
        }
    }

    #[test]
    fn common_prefix_counts_like_a_byte_loop() {
        let mut rng = crate::text::XorShift(0x5851_f42d_4c95_7f2d);
        for _ in 0..20_000 {
            let a: Vec<u8> = (0..rng.below(40))
                .map(|_| b'a' + rng.below(3) as u8)
                .collect();
            let mut b = a.clone();
            b.truncate(rng.below(a.len() + 1));
            if !b.is_empty() && rng.below(2) == 0 {
                let at = rng.below(b.len());
                b[at] = b'a' + rng.below(3) as u8;
            }
            b.extend((0..rng.below(20)).map(|_| b'a' + rng.below(3) as u8));
            let want = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            assert_eq!(common_prefix(&a, &b), want);
            assert_eq!(common_prefix(&b, &a), want);
        }
    }

    /// Random quads through [`NQuadsText`] against [`nquads_line`], sorted
    /// and deduplicated: subjects recur apart from their first run, are
    /// prefixes of one another, and now and then have a space or are blank
    /// nodes (whole-line sort); literals have characters to escape.
    #[test]
    fn nquads_text_sorts_like_whole_lines() {
        use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode};
        let mut rng = crate::text::XorShift(0x0dd_c0ff_ee15_900d);
        let iris = [
            // long shared prefixes: ties past the sort key of the tokens
            "https://e.org/id/kind/0123456789abcdef0123-x",
            "https://e.org/id/kind/0123456789abcdef0123-y",
            "https://e.org/id/kind/0123456789abcdef0123",
            "https://e.org/id/a",
            "https://e.org/id/a1",
            "https://e.org/id/a-",
            "https://e.org/id/a/b",
            "https://e.org/id/b",
            "https://e.org/id/a>",
            "https://e.org/id/",
            "https://e.org/id/a 1",
        ];
        let preds = [
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "https://w3id.org/newsgraph/ont#confidence",
            "https://w3id.org/newsgraph/ont#confidenc",
            "http://schema.org/name",
        ];
        let pieces = [
            "a", "\"", "\\", "\n", "\u{1}", "\u{7f}", "\u{fffe}", "\u{ffff}", "\u{feff}", "\u{e9}",
            " ", "1",
        ];
        let g = NamedNode::new_unchecked("https://e.org/graph/g");
        for case in 0..3000 {
            let with_odd = case % 3 == 0;
            let n_quads = rng.below(40);
            let mut quads: Vec<Quad> = Vec::new();
            for _ in 0..n_quads {
                let s: NamedOrBlankNode = if with_odd && rng.below(20) == 0 {
                    BlankNode::new_unchecked(format!("b{}", rng.below(3))).into()
                } else {
                    let k = if with_odd { iris.len() } else { iris.len() - 1 };
                    NamedNode::new_unchecked(iris[rng.below(k)]).into()
                };
                let p = NamedNode::new_unchecked(preds[rng.below(preds.len())]);
                let o: Term = match rng.below(4) {
                    0 => NamedNode::new_unchecked(iris[rng.below(iris.len() - 1)]).into(),
                    1 => Literal::new_typed_literal(
                        rng.below(12).to_string(),
                        oxigraph::model::vocab::xsd::INTEGER,
                    )
                    .into(),
                    _ => {
                        let v: String = (0..rng.below(4))
                            .map(|_| pieces[rng.below(pieces.len())])
                            .collect();
                        Literal::new_simple_literal(v).into()
                    }
                };
                let q = Quad::new(s, p, o, GraphName::from(g.clone()));
                // repeats, some right after the first and some later
                let times = 1 + usize::from(rng.below(6) == 0);
                for _ in 0..times {
                    quads.push(q.clone());
                }
                if rng.below(8) == 0 && !quads.is_empty() {
                    quads.push(quads[rng.below(quads.len())].clone());
                }
            }
            let mut text = NQuadsText::default();
            for q in &quads {
                crate::rdf::QuadSink::push(&mut text, q.as_ref(), false);
                crate::rdf::QuadSink::push(&mut text, q.as_ref(), true);
            }
            let mut want: Vec<String> = quads.iter().map(nquads_line).collect();
            for (q, l) in quads.iter().zip(&want) {
                assert_eq!(l, &format!("{q} .\n"));
            }
            let ents: Vec<String> = want.clone();
            want.sort();
            want.dedup();
            let (lines, got_ents) = text.finish();
            assert_eq!(lines.concat(), want.concat(), "case {case}");
            assert_eq!(got_ents.iter().collect::<Vec<_>>(), ents);
        }
    }

    #[test]
    fn bulk_and_per_article_ingest_give_the_same_store() {
        let (aqs, _) = sample();
        let bulk = GraphStore::in_memory().unwrap();
        let outcomes: Vec<_> = bulk
            .ingest_many(&aqs)
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(outcomes, vec![IngestOutcome::Added; 2]);
        let one = GraphStore::in_memory().unwrap();
        for a in &aqs {
            assert_eq!(one.ingest(a, &[]).unwrap(), IngestOutcome::Added);
        }
        assert_eq!(
            bulk.sorted_quads(None).unwrap(),
            one.sorted_quads(None).unwrap()
        );
        // again: nothing new, so every article takes the transaction path
        let again: Vec<_> = bulk
            .ingest_many(&aqs)
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(again, vec![IngestOutcome::Unchanged; 2]);
        // an article twice in one call: the second reading replaces the first
        let twice = GraphStore::in_memory().unwrap();
        let r: Vec<_> = twice
            .ingest_many(&[aqs[0].clone(), aqs[0].clone()])
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(r, vec![IngestOutcome::Added, IngestOutcome::Unchanged]);
    }

    #[test]
    fn network_mark_is_read_from_leading_comments_only() {
        assert!(needs_network("# needs-network\n# About\nSELECT * {}"));
        assert!(needs_network("# About\n# needs-network\nSELECT * {}"));
        assert!(!needs_network("# About\nSELECT * {}\n# needs-network"));
    }
}
