//! From an analysed [`Document`] to quads. The only place that mints IRIs.
//!
//! Layout: one named graph per article holds the article node, its zones,
//! mentions, figures, roles and the events it reports (with this article's
//! evidence); the entities graph holds entity descriptions. An event's IRI does
//! not depend on the article, so the union of graphs shows one event node with
//! evidence from every article reporting it.

pub mod annotate;
pub mod describe;
pub mod iri;
pub mod links;
pub mod vocab;

use crate::document::{Document, EntityKind, EventClass, FigureRole, FigureValue, Span};
use iri::{normalize_key, Minter};
use oxigraph::model::{
    GraphName, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
    TermRef,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use vocab::{itsrdf, ng, nif, prov, schema, w3c};

/// Settings that shape the output graph.
#[derive(Debug, Clone, Default)]
pub struct RdfOptions {
    pub minter: Minter,
    /// Store the whole article text as `nif:isString` (large; off by default).
    pub include_text: bool,
}

/// The quads of one article: its own named graph, and entity descriptions.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuads {
    pub article_iri: String,
    pub graph_iri: String,
    /// Quads of the article's named graph.
    pub quads: Vec<Quad>,
    /// Entity descriptions, in the shared entities graph.
    pub entity_quads: Vec<Quad>,
}

/// Receives an article's quads as the builder makes them. The store takes owned
/// [`Quad`]s ([`ArticleQuads`]); `extract` writes N-Quads text straight from the
/// borrowed terms ([`crate::store::NQuadsText`]), which saves allocating, hashing
/// and freeing every term of every quad on the hot path.
pub trait QuadSink {
    /// Announces, before the first [`QuadSink::push`], that every quad to come
    /// is in `article` (own quads) or `shared` (shared quads): a text sink then
    /// renders each graph once instead of comparing every quad's graph with
    /// the previous one's.
    fn graphs(&mut self, _article: NamedNodeRef<'_>, _shared: NamedNodeRef<'_>) {}

    /// `shared`: the quad belongs to the shared entities graph rather than the
    /// article's own graph.
    fn push(&mut self, quad: QuadRef<'_>, shared: bool);

    /// [`QuadSink::push`] of an own quad, with `same_subject` set when the
    /// builder knows its subject is the previous own quad's (it numbers its
    /// subject nodes), so a text sink need not compare the two IRIs.
    fn push_own(&mut self, quad: QuadRef<'_>, same_subject: bool) {
        let _ = same_subject;
        self.push(quad, false);
    }
}

impl QuadSink for ArticleQuads {
    fn push(&mut self, quad: QuadRef<'_>, shared: bool) {
        if shared {
            self.entity_quads.push(quad.into_owned());
        } else {
            self.quads.push(quad.into_owned());
        }
    }
}

/// Hex SHA-256 of the text: the article's content hash.
pub fn content_hash(text: &str) -> String {
    let mut h = Sha256::new();
    h.update(text.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// Identity key of an article: its declared id or URL, else its content hash.
pub fn article_key(doc: &Document) -> String {
    if let Some(id) = doc.meta.id.as_ref().or(doc.meta.url.as_ref()) {
        format!("id:{}", id.trim())
    } else {
        format!("sha256:{}", content_hash(doc.text()))
    }
}

/// Identity key of an entity: its gazetteer id, else kind group + normalised name.
pub fn entity_key(kind: EntityKind, name: &str, gazetteer: Option<&str>) -> String {
    if let Some(g) = gazetteer {
        return format!("gaz:{g}");
    }
    // kind names are ASCII, so ASCII lowercasing is `to_lowercase`
    let group = if kind.is_org() { "org" } else { kind.as_str() };
    let name = normalize_key(name);
    let mut k = String::with_capacity(group.len() + 1 + name.len());
    k.extend(group.chars().map(|c| c.to_ascii_lowercase()));
    k.push(':');
    k.push_str(&name);
    k
}

/// Formats a number as an `xsd:decimal` lexical form (no exponent, trimmed).
pub fn decimal(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    // Whole numbers (most figures) are exact in i64 below 2^53 and print as
    // their digits; `{:.6}` would add ".000000" only for it to be trimmed.
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        if v == 0.0 {
            return "0".into();
        }
        return itoa::Buffer::new().format(v as i64).to_string();
    }
    let mut s = format!("{:.6}", v);
    let keep = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(keep);
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s
    }
}

fn unit_iri(unit: &str) -> String {
    if let Some(q) = vocab::qudt_unit(unit) {
        return q.to_string();
    }
    match unit {
        "times" => ng::TIMES.as_str().to_string(),
        "percentage-point" => ng::PERCENTAGE_POINT.as_str().to_string(),
        "index-points" => ng::INDEX_POINT.as_str().to_string(),
        other => format!("{}{}", vocab::QUDT_UNIT_NS, other),
    }
}

/// The ontology class of an entity kind.
pub(crate) fn class_iri(kind: EntityKind) -> NamedNode {
    match kind {
        EntityKind::Company => ng::COMPANY.into_owned(),
        EntityKind::Organization => ng::ORGANIZATION.into_owned(),
        EntityKind::Person => ng::PERSON.into_owned(),
        EntityKind::StockIndex => ng::STOCK_INDEX.into_owned(),
        EntityKind::Place => ng::PLACE.into_owned(),
        EntityKind::Product => ng::PRODUCT.into_owned(),
    }
}

fn event_class_iri(c: EventClass) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", vocab::NG_NS, c.as_str()))
}

/// Normalised job title, e.g. "CEO" → "chief executive officer".
pub fn normalize_title(title: &str) -> String {
    let t = title.trim().to_lowercase();
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            match w.trim_end_matches('.') {
                "ceo" => "chief executive officer",
                "cfo" => "chief financial officer",
                "cto" => "chief technology officer",
                "coo" => "chief operating officer",
                "cio" => "chief investment officer",
                "chmn" | "chairman" | "chairwoman" | "chairperson" => "chair",
                "md" => "managing director",
                "vp" => "vice president",
                "evp" => "executive vice president",
                "svp" => "senior vice president",
                "gm" => "general manager",
                "pres" => "president",
                other => return other.to_string(),
            }
            .to_string()
        })
        .collect();
    words.join(" ")
}

struct Builder<'a, S: QuadSink> {
    doc: &'a Document,
    opts: &'a RdfOptions,
    graph: NamedNode,
    entities_graph: NamedNode,
    article: NamedNode,
    article_key: String,
    sink: &'a mut S,
    entity_keys: Vec<String>,
    /// Span nodes already described: a span cited by several facts is minted and
    /// described once.
    spans: rustc_hash::FxHashMap<Span, Node>,
    /// The number of the last [`Node`] made, and of the subject of the last
    /// own quad (0: none yet).
    last_node: u32,
    last_subject: u32,
}

/// A subject node of the article graph and its number, unique within one
/// article's build (a clone keeps it, so equal numbers mean equal IRIs): the
/// builder tells the sink when a quad's subject is the previous quad's by
/// comparing numbers instead of IRIs.
#[derive(Clone)]
struct Node {
    iri: NamedNode,
    id: u32,
}

impl Object for Node {
    fn term(&self) -> TermRef<'_> {
        self.iri.as_ref().into()
    }
}

/// An object term, given by value or by reference; the builder only borrows it.
trait Object {
    fn term(&self) -> TermRef<'_>;
}

impl Object for NamedNode {
    fn term(&self) -> TermRef<'_> {
        self.as_ref().into()
    }
}

impl Object for NamedNodeRef<'_> {
    fn term(&self) -> TermRef<'_> {
        (*self).into()
    }
}

impl Object for Literal {
    fn term(&self) -> TermRef<'_> {
        self.as_ref().into()
    }
}

impl Object for LiteralRef<'_> {
    fn term(&self) -> TermRef<'_> {
        (*self).into()
    }
}

fn lit(s: &str) -> LiteralRef<'_> {
    LiteralRef::new_simple_literal(s)
}

/// A confidence rounded to hundredths, as `xsd:decimal`. Every fact has one, so
/// the 101 lexical forms are made once (with [`decimal`], so they are the same
/// strings) instead of being formatted per fact.
fn conf(c: f32) -> LiteralRef<'static> {
    static FORMS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        (0..=100u32)
            .map(|h| decimal(f64::from(h) / 100.0))
            .collect()
    });
    // NaN clamps to NaN and casts to 0, which `decimal` also prints as "0"
    let h = (c.clamp(0.0, 1.0) as f64 * 100.0).round() as usize;
    LiteralRef::new_typed_literal(&FORMS[h.min(100)], w3c::XSD_DECIMAL)
}

/// An `xsd:integer` formatted on the stack: offsets are the commonest literal
/// (two per span node), and a heap string for each was a measurable cost.
struct Int {
    digits: [u8; 20],
    start: usize,
}

impl Object for Int {
    fn term(&self) -> TermRef<'_> {
        // only ASCII digits are ever written, so this never falls back
        let s = std::str::from_utf8(&self.digits[self.start..]).unwrap_or("0");
        LiteralRef::new_typed_literal(s, w3c::XSD_INTEGER).into()
    }
}

/// Offsets as xsd:integer: the store keeps integer subtypes as xsd:integer, and
/// `extract` must print exactly what `export` prints.
fn offset(n: usize) -> Int {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut n = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    Int { digits, start }
}

fn date(d: chrono::NaiveDate) -> Literal {
    Literal::new_typed_literal(ymd(d), w3c::XSD_DATE)
}

/// `d.to_string()`, which is [`ymd`] for four-digit years (chrono's
/// `Display` goes through its formatter).
fn date_key(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        ymd(d)
    } else {
        d.to_string()
    }
}

/// `d.format("%Y-%m-%d")`, written directly for four-digit years (chrono's
/// formatter parses the format string on every call).
fn ymd(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let digits = [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        -1,
        (m / 10) as i32,
        (m % 10) as i32,
        -1,
        (day / 10) as i32,
        (day % 10) as i32,
    ];
    digits
        .iter()
        .map(|&n| {
            if n < 0 {
                '-'
            } else {
                char::from(b'0' + n as u8)
            }
        })
        .collect()
}

impl<S: QuadSink> Builder<'_, S> {
    /// A new subject node with its own number.
    fn node(&mut self, iri: String) -> Node {
        self.last_node += 1;
        Node {
            iri: NamedNode::new_unchecked(iri),
            id: self.last_node,
        }
    }

    /// Whether `s` is the previous own quad's subject, now that it is the
    /// subject of the next one.
    fn same_subject(&mut self, s: &Node) -> bool {
        std::mem::replace(&mut self.last_subject, s.id) == s.id
    }

    fn add(&mut self, s: &Node, p: NamedNodeRef, o: impl Object) {
        let same = self.same_subject(s);
        let q = QuadRef::new(&s.iri, p, o.term(), &self.graph);
        self.sink.push_own(q, same);
    }
    fn add_ent(&mut self, s: &NamedNode, p: NamedNodeRef, o: impl Object) {
        let q = QuadRef::new(s, p, o.term(), &self.entities_graph);
        self.sink.push(q, true);
    }

    /// A span node (mention, zone, evidence) in this article.
    fn span_node(&mut self, span: Span) -> Node {
        if let Some(n) = self.spans.get(&span) {
            return n.clone();
        }
        let iri = self
            .opts
            .minter
            .mint_span("mention", &self.article_key, span.start, span.end);
        let n = self.node(iri);
        let doc = self.doc;
        self.add(&n, nif::BEGIN_INDEX, offset(span.start));
        self.add(&n, nif::END_INDEX, offset(span.end));
        self.add(&n, nif::ANCHOR_OF, lit(doc.slice(span)));
        // the article is borrowed from `self`, so not through `add`
        let same = self.same_subject(&n);
        let q = QuadRef::new(&n.iri, nif::REFERENCE_CONTEXT, &self.article, &self.graph);
        self.sink.push_own(q, same);
        self.spans.insert(span, n.clone());
        n
    }

    fn evidence(&mut self, fact: &Node, span: Span, extractor: &str) {
        let m = self.span_node(span);
        self.add(&m, w3c::RDF_TYPE, ng::MENTION);
        self.add(&m, ng::EXTRACTOR, lit(extractor));
        self.add(fact, ng::EVIDENCE, m);
    }
}

/// About how many quads [`build_document`] gives `doc`: (article graph,
/// entities graph). Sinks reserve their buffers with it, because growing a
/// 40 KB text buffer by doubling copied it several times per article.
pub fn quad_estimate(doc: &Document) -> (usize, usize) {
    let article = 12
        + 7 * doc.zones.len()
        + doc.entities.len()
        + 8 * doc.mentions.len()
        + 14 * doc.figures.len()
        + 8 * doc.times.len()
        + 15 * doc.roles.len()
        + 20 * doc.events.len();
    (article, 6 * doc.entities.len())
}

/// Builds the quads for one analysed document, duplicates removed.
pub fn document_quads(doc: &Document, opts: &RdfOptions, run: &NamedNode) -> ArticleQuads {
    let mut aq = ArticleQuads::default();
    let (article_iri, graph_iri) = build_document(doc, opts, run, &mut aq);
    // Builder order is deterministic (the pipeline is), so only duplicates go;
    // sorting is left to the writers, which sort serialised lines anyway.
    ArticleQuads {
        article_iri,
        graph_iri,
        quads: dedup_in_order(aq.quads),
        entity_quads: dedup_in_order(aq.entity_quads),
    }
}

/// Hands every quad of one analysed document to `sink` (duplicates included:
/// a fact cited twice gives its quads twice), and returns the article's IRI
/// and its graph's IRI.
pub fn build_document<S: QuadSink>(
    doc: &Document,
    opts: &RdfOptions,
    run: &NamedNode,
    sink: &mut S,
) -> (String, String) {
    let key = article_key(doc);
    let article_iri = opts.minter.mint("article", &key);
    let graph_iri = opts.minter.mint("graph/article", &key);
    let article = Node {
        iri: NamedNode::new_unchecked(article_iri.clone()),
        id: 1,
    };
    let mut b = Builder {
        doc,
        opts,
        graph: NamedNode::new_unchecked(graph_iri.clone()),
        entities_graph: NamedNode::new_unchecked(opts.minter.entities_graph()),
        article: article.iri.clone(),
        article_key: key,
        sink,
        entity_keys: Vec::new(),
        spans: rustc_hash::FxHashMap::default(),
        last_node: article.id,
        last_subject: 0,
    };
    // `add` and `span_node` push in `graph`, `add_ent` in `entities_graph`
    b.sink.graphs(b.graph.as_ref(), b.entities_graph.as_ref());

    // ---- article
    b.add(&article, w3c::RDF_TYPE, ng::ARTICLE);
    b.add(&article, w3c::RDF_TYPE, nif::CONTEXT);
    b.add(&article, ng::CONTENT_HASH, lit(&content_hash(doc.text())));
    b.add(&article, prov::WAS_GENERATED_BY, run.as_ref());
    b.add(&article, nif::BEGIN_INDEX, offset(0));
    b.add(&article, nif::END_INDEX, offset(doc.len_chars()));
    let m = &doc.meta;
    if let Some(h) = &m.headline {
        b.add(&article, schema::HEADLINE, lit(h));
    }
    if let Some(d) = m.date {
        b.add(&article, schema::DATE_PUBLISHED, date(d));
        if let Some(src) = &m.date_source {
            b.add(&article, ng::DATE_SOURCE, lit(src));
        }
    }
    if let Some(p) = &m.publisher {
        b.add(&article, schema::PUBLISHER, lit(p));
    }
    if let Some(u) = &m.url {
        if let Ok(n) = NamedNode::new(u.trim()) {
            b.add(&article, schema::URL, n);
        } else {
            b.add(&article, schema::URL, lit(u));
        }
    }
    for a in &m.authors {
        b.add(&article, schema::AUTHOR, lit(a));
    }
    if opts.include_text {
        b.add(&article, nif::IS_STRING, lit(doc.text()));
    }

    // ---- zones
    for z in &doc.zones {
        let n = b.node(
            opts.minter
                .mint_span("zone", &b.article_key, z.span.start, z.span.end),
        );
        // offsets only: repeating whole zones as anchors would double the output
        b.add(&n, nif::BEGIN_INDEX, offset(z.span.start));
        b.add(&n, nif::END_INDEX, offset(z.span.end));
        b.add(&n, nif::REFERENCE_CONTEXT, article.iri.as_ref());
        b.add(&n, w3c::RDF_TYPE, ng::ZONE);
        b.add(&n, ng::ZONE_KIND, lit(z.kind.as_str()));
        b.add(&n, ng::ZONE_REASON, lit(z.reason));
        b.add(&article, ng::HAS_ZONE, n);
    }

    // ---- entities (descriptions in the entities graph)
    // outside the builder, so quads can borrow them while it is mutably borrowed
    let mut entity_iris: Vec<Node> = Vec::with_capacity(doc.entities.len());
    for e in &doc.entities {
        let k = entity_key(e.kind, &e.name, e.gazetteer.as_deref());
        let n = b.node(opts.minter.mint("entity", &k));
        b.add_ent(&n.iri, w3c::RDF_TYPE, class_iri(e.kind));
        b.add_ent(&n.iri, schema::NAME, lit(&e.name));
        for a in &e.alt_names {
            if a != &e.name {
                b.add_ent(&n.iri, schema::ALTERNATE_NAME, lit(a));
            }
        }
        for t in &e.tickers {
            b.add_ent(&n.iri, schema::TICKER_SYMBOL, lit(t));
        }
        for x in &e.exchanges {
            b.add_ent(&n.iri, ng::EXCHANGE, lit(x));
        }
        if let Some(g) = &e.gazetteer {
            b.add_ent(&n.iri, ng::GAZETTEER_ID, lit(g));
        }
        if let Some(q) = &e.wikidata {
            b.add_ent(
                &n.iri,
                w3c::OWL_SAME_AS,
                NamedNode::new_unchecked(format!("http://www.wikidata.org/entity/{q}")),
            );
        }
        if let Some(l) = &e.lei {
            b.add_ent(&n.iri, schema::LEI_CODE, lit(l));
        }
        let status = if e.wikidata.is_some() || e.lei.is_some() {
            "linked"
        } else {
            "unlinked"
        };
        b.add_ent(&n.iri, ng::LINK_STATUS, lit(status));
        if let Some(p) = &e.parent {
            let pk = if p.starts_with("gaz:") {
                p.clone()
            } else {
                entity_key(EntityKind::Company, p, None)
            };
            b.add_ent(
                &n.iri,
                schema::PARENT_ORGANIZATION,
                NamedNode::new_unchecked(opts.minter.mint("entity", &pk)),
            );
        }
        b.add(&article, ng::MENTIONS, n.iri.as_ref());
        entity_iris.push(n);
        b.entity_keys.push(k);
    }

    // ---- mentions
    for men in &doc.mentions {
        let Some(ei) = men.entity else { continue };
        let n = b.span_node(men.span);
        b.add(&n, w3c::RDF_TYPE, ng::MENTION);
        b.add(&n, itsrdf::TA_IDENT_REF, entity_iris[ei].iri.as_ref());
        b.add(&n, ng::EXTRACTOR, lit(men.extractor));
        b.add(&n, ng::CONFIDENCE, conf(men.confidence));
    }

    // ---- figures
    let mut figure_iris = Vec::with_capacity(doc.figures.len());
    for f in &doc.figures {
        let n = b.node(
            opts.minter
                .mint_span("figure", &b.article_key, f.span.start, f.span.end),
        );
        match &f.value {
            FigureValue::Money { currency, value } => {
                b.add(&n, w3c::RDF_TYPE, ng::MONETARY_FIGURE);
                b.add(
                    &n,
                    schema::VALUE,
                    Literal::new_typed_literal(decimal(*value), w3c::XSD_DECIMAL),
                );
                b.add(&n, schema::CURRENCY, lit(currency));
            }
            FigureValue::Quantity { unit, value } => {
                b.add(&n, w3c::RDF_TYPE, ng::QUANTITY_FIGURE);
                b.add(
                    &n,
                    schema::VALUE,
                    Literal::new_typed_literal(decimal(*value), w3c::XSD_DECIMAL),
                );
                b.add(&n, ng::UNIT, NamedNode::new_unchecked(unit_iri(unit)));
            }
        }
        b.add(&n, w3c::RDF_TYPE, ng::FIGURE);
        if let Some(u) = f.upper {
            b.add(
                &n,
                ng::UPPER_VALUE,
                Literal::new_typed_literal(decimal(u), w3c::XSD_DECIMAL),
            );
        }
        if let Some(q) = &f.qualifier {
            b.add(&n, ng::QUALIFIER, lit(q));
        }
        if let Some(ms) = &f.measure {
            b.add(&n, ng::MEASURE, lit(ms));
        }
        if f.direction != 0 {
            b.add(
                &n,
                ng::DIRECTION,
                Literal::new_typed_literal(f.direction.to_string(), w3c::XSD_INTEGER),
            );
        }
        b.add(&n, ng::CONFIDENCE, conf(f.confidence));
        b.evidence(&n, f.span, f.extractor);
        figure_iris.push(n);
    }

    // ---- time expressions
    let mut time_iris = Vec::with_capacity(doc.times.len());
    for t in &doc.times {
        let n = b.span_node(t.span);
        b.add(&n, w3c::RDF_TYPE, ng::TIME_EXPRESSION_CLASS);
        b.add(&n, ng::TIME_EXPRESSION, lit(doc.slice(t.span)));
        b.add(&n, ng::DATE_PRECISION, lit(t.precision.as_str()));
        b.add(&n, ng::EXTRACTOR, lit(t.extractor));
        time_iris.push(n);
    }

    // ---- roles
    for r in &doc.roles {
        let (Some(pe), Some(oe)) = (doc.mentions[r.person].entity, doc.mentions[r.org].entity)
        else {
            continue;
        };
        let norm = r.title.as_deref().map(normalize_title).unwrap_or_default();
        let key = format!("{}|{}|{}", b.entity_keys[pe], b.entity_keys[oe], norm);
        let n = b.node(opts.minter.mint("role", &key));
        let person = &entity_iris[pe];
        let org = entity_iris[oe].iri.as_ref();
        b.add(person, ng::HOLDS_ROLE, n.iri.as_ref());
        b.add(&n, w3c::RDF_TYPE, ng::ROLE);
        b.add(&n, ng::OF_ORGANIZATION, org);
        if let Some(t) = &r.title {
            b.add(&n, schema::JOB_TITLE, lit(t));
            b.add(&n, schema::ROLE_NAME, lit(&norm));
        }
        if let Some(d) = doc.meta.date {
            b.add(&n, ng::REPORTED_DATE, date(d));
        }
        b.add(&n, ng::CONFIDENCE, conf(r.confidence));
        b.evidence(&n, r.evidence, r.extractor);
    }

    // ---- events
    for ev in &doc.events {
        let ents = |ms: &[usize]| -> BTreeSet<&str> {
            ms.iter()
                .filter_map(|&m| doc.mentions.get(m).and_then(|m| m.entity))
                .map(|e| b.entity_keys[e].as_str())
                .collect()
        };
        let about = ents(&ev.about);
        let agent = ents(&ev.agent);
        let cp = ents(&ev.counterparty);
        let speaker = ents(&ev.speaker.into_iter().collect::<Vec<_>>());
        let key = event_key(doc, ev, &about, &agent, &cp, &speaker);
        let n = b.node(opts.minter.mint("event", &key));
        b.add(&n, w3c::RDF_TYPE, ng::EVENT);
        b.add(&n, w3c::RDF_TYPE, event_class_iri(ev.class));
        let link = |b: &mut Builder<S>, p, ms: &[usize]| {
            for &m in ms {
                if let Some(e) = doc.mentions.get(m).and_then(|m| m.entity) {
                    b.add(&n, p, entity_iris[e].iri.as_ref());
                }
            }
        };
        link(&mut b, ng::ABOUT, &ev.about);
        link(&mut b, ng::AGENT, &ev.agent);
        link(&mut b, ng::COUNTERPARTY, &ev.counterparty);
        if let Some(s) = ev.speaker {
            link(&mut b, ng::SPEAKER, &[s]);
        }
        if let Some(q) = ev.quote {
            b.add(&n, ng::QUOTE_TEXT, lit(doc.slice(q)));
        }
        for (fi, role) in &ev.figures {
            let p = match role {
                FigureRole::Change => ng::CHANGE,
                FigureRole::Amount => ng::AMOUNT,
                FigureRole::PriceTarget => ng::PRICE_TARGET,
                FigureRole::Level => ng::LEVEL,
                FigureRole::Other => ng::HAS_FIGURE,
            };
            b.add(&n, p, figure_iris[*fi].iri.as_ref());
        }
        if let Some(d) = ev.date {
            b.add(&n, ng::EVENT_DATE, date(d));
        }
        if let Some(t) = ev.time {
            b.add(&n, ng::HAS_TIME, time_iris[t].iri.as_ref());
        }
        if let Some(s) = &ev.subtype {
            b.add(&n, ng::EVENT_SUBTYPE, lit(s));
        }
        if let Some(s) = ev.status {
            b.add(&n, ng::STATUS, lit(s));
        }
        if let Some(r) = &ev.rating_from {
            b.add(&n, ng::RATING_FROM, lit(r));
        }
        if let Some(r) = &ev.rating_to {
            b.add(&n, ng::RATING_TO, lit(r));
        }
        b.add(&n, ng::REPORTED_IN, article.iri.as_ref());
        b.add(&n, ng::CONFIDENCE, conf(ev.confidence));
        b.evidence(&n, ev.evidence, ev.extractor);
    }

    (article_iri, graph_iri)
}

/// Drops repeated quads, keeping first occurrences in order.
fn dedup_in_order(v: Vec<Quad>) -> Vec<Quad> {
    let first: Vec<bool> = {
        // Fx: the quads are our own, so no hash-flooding to defend against
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(v.len());
        v.iter().map(|q| seen.insert(q)).collect()
    };
    v.into_iter()
        .zip(first)
        .filter_map(|(q, keep)| keep.then_some(q))
        .collect()
}

/// Three significant digits: "$1.27 billion" and "about $1.27bn" are one amount.
fn sig3(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let mag = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(2 - mag);
    decimal((v * scale).round() / scale)
}

/// The identity of an event, independent of the article reporting it.
///
/// A fact with a headline figure (a move of 16%, an issue of $3.2 billion) is
/// identified by its class, family, participants and that figure, and not by
/// date: outlets date the same fact differently or not at all ("on Wednesday"
/// in an undated page), and the same subject with the same exact figure is the
/// same fact far more often than a coincidence. Two bond sales of one issuer
/// with different amounts stay apart. Money prefers the USD amount when an
/// article gives several ("9 billion yuan ($1.27 billion)"). Quotes are
/// identified by speaker and words; rating changes by firm, stock and ratings;
/// everything else by participants and date (event date, else article date).
fn event_key(
    doc: &Document,
    ev: &crate::document::Event,
    about: &BTreeSet<&str>,
    agent: &BTreeSet<&str>,
    cp: &BTreeSet<&str>,
    speaker: &BTreeSet<&str>,
) -> String {
    let money: Vec<(&str, f64)> = ev
        .figures
        .iter()
        .filter_map(|(i, _)| match &doc.figures[*i].value {
            FigureValue::Money { currency, value } => Some((currency.as_str(), *value)),
            _ => None,
        })
        .collect();
    let primary: Option<String> = match ev.class {
        EventClass::PriceMove => ev
            .figures
            .iter()
            .find(|(_, r)| *r == FigureRole::Change)
            .map(|(i, _)| match &doc.figures[*i].value {
                FigureValue::Quantity { unit, value } => format!("{}{unit}", sig3(*value)),
                FigureValue::Money { currency, value } => format!("{currency}{}", sig3(*value)),
            })
            .map(|f| format!("{f}{}", doc.figures[ev.figures[0].0].direction.signum())),
        EventClass::SecurityIssuance | EventClass::InvestmentPlan | EventClass::FinancialResult => {
            money
                .iter()
                .find(|(c, _)| *c == "USD")
                .or(money.first())
                .map(|(c, v)| format!("{c}{}", sig3(*v)))
        }
        _ => None,
    };
    let family = match ev.class {
        EventClass::SecurityIssuance => match ev.subtype.as_deref() {
            Some("ShareIssuance") | Some("IPO") => "equity",
            Some("Loan") => "loan",
            _ => "debt",
        },
        EventClass::PriceMove => "move",
        _ => ev.subtype.as_deref().unwrap_or(""),
    };
    let mut parts = String::with_capacity(64);
    for (label, set) in [("a=", about), ("|g=", agent), ("|c=", cp), ("|s=", speaker)] {
        parts.push_str(label);
        push_debug_set(&mut parts, set);
    }
    if let Some(f) = primary {
        return format!("{}|{family}|{parts}|f={f}", ev.class.as_str());
    }
    if let Some(q) = ev.quote {
        let words: Vec<String> = normalize_key(doc.slice(q))
            .split(' ')
            .take(12)
            .map(String::from)
            .collect();
        return format!("{}|{parts}|q={}", ev.class.as_str(), words.join(" "));
    }
    if ev.class == EventClass::AnalystAction && ev.rating_to.is_some() {
        return format!(
            "{}|{family}|{parts}|r={:?}>{:?}",
            ev.class.as_str(),
            ev.rating_from,
            ev.rating_to
        );
    }
    let date = ev
        .date
        .or(doc.meta.date)
        .map(date_key)
        .unwrap_or_else(|| format!("undated:{}", article_key(doc)));
    let sentence = if ev.class == EventClass::Statement {
        // statements without a quote: one per speaker and sentence
        normalize_key(doc.slice(ev.evidence))
    } else {
        String::new()
    };
    format!("{}|{family}|{parts}|d={date}|{sentence}", ev.class.as_str())
}

/// Appends `format!("{set:?}")`: every event key has four of these, and keys
/// that Debug prints unescaped (plain printable ASCII) are copied between
/// quotes instead of going through the formatter char by char.
fn push_debug_set(out: &mut String, set: &BTreeSet<&str>) {
    use std::fmt::Write;
    out.push('{');
    for (i, k) in set.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let plain = k
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
        if plain {
            out.push('"');
            out.push_str(k);
            out.push('"');
        } else {
            let _ = write!(out, "{k:?}");
        }
    }
    out.push('}');
}

/// The extraction run node: deterministic for a tool version and pipeline.
pub fn run_quads(opts: &RdfOptions, extractors: &[&str]) -> (NamedNode, Vec<Quad>) {
    let version = env!("CARGO_PKG_VERSION");
    let key = format!("newsgraph {version}|{}", extractors.join(","));
    let n = NamedNode::new_unchecked(opts.minter.mint("run", &key));
    let g: GraphName = NamedNode::new_unchecked(opts.minter.entities_graph()).into();
    let mut q = vec![
        Quad::new(n.clone(), w3c::RDF_TYPE, ng::EXTRACTION_RUN, g.clone()),
        Quad::new(n.clone(), w3c::RDF_TYPE, prov::ACTIVITY, g.clone()),
        Quad::new(
            n.clone(),
            ng::TOOL_VERSION,
            Literal::new_simple_literal(format!("newsgraph {version}")),
            g.clone(),
        ),
        Quad::new(
            n.clone(),
            w3c::RDFS_LABEL,
            Literal::new_simple_literal(format!("newsgraph {version} extraction")),
            g.clone(),
        ),
    ];
    for e in extractors {
        q.push(Quad::new(
            n.clone(),
            ng::EXTRACTOR,
            Literal::new_simple_literal(*e),
            g.clone(),
        ));
    }
    (n, q)
}

/// The ontology, embedded so every store carries the vocabulary it uses.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/newsgraph.ttl");

/// The ontology's triples in the ontology graph.
///
/// Blank nodes (OWL restrictions, lists) get labels from their order of
/// appearance, so loading the ontology twice, or into two stores, gives the
/// same quads.
pub fn ontology_quads(opts: &RdfOptions) -> Result<Vec<Quad>, oxigraph::io::RdfParseError> {
    use oxigraph::model::BlankNode;
    use std::collections::HashMap;
    let g = NamedNode::new_unchecked(opts.minter.ontology_graph());
    let mut labels: HashMap<String, BlankNode> = HashMap::new();
    let mut stable = |b: &BlankNode| -> BlankNode {
        let n = labels.len();
        labels
            .entry(b.as_str().to_string())
            .or_insert_with(|| BlankNode::new_unchecked(format!("ngont{n}")))
            .clone()
    };
    let mut out = Vec::new();
    for q in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .with_default_graph(g)
        .for_slice(ONTOLOGY_TTL.as_bytes())
    {
        let mut q = q.map_err(oxigraph::io::RdfParseError::from)?;
        if let NamedOrBlankNode::BlankNode(b) = &q.subject {
            q.subject = NamedOrBlankNode::BlankNode(stable(b));
        }
        if let Term::BlankNode(b) = &q.object {
            q.object = Term::BlankNode(stable(b));
        }
        out.push(q);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_literals_print_as_the_formatted_ones() {
        let mut rng = crate::text::XorShift(0x9e3779b97f4a7c15);
        let mut ns: Vec<usize> = vec![0, 1, 9, 10, 99, 100, usize::MAX];
        ns.extend((0..2000).map(|_| (rng.next_u64() as usize) >> rng.below(64)));
        for n in ns {
            let want = Literal::new_typed_literal(n.to_string(), w3c::XSD_INTEGER);
            assert_eq!(offset(n).term(), want.as_ref().into(), "{n}");
        }
        let mut cs: Vec<f32> = vec![0.0, 0.005, 0.015, 0.5, 0.995, 1.0, -1.0, 2.0, f32::NAN];
        cs.extend((0..2000).map(|_| rng.below(12_000) as f32 / 10_000.0 - 0.1));
        for c in cs {
            let want = Literal::new_typed_literal(
                decimal((c.clamp(0.0, 1.0) as f64 * 100.0).round() / 100.0),
                w3c::XSD_DECIMAL,
            );
            assert_eq!(Object::term(&conf(c)), want.as_ref().into(), "{c}");
        }
    }

    /// A sink that checks what the builder promises: every quad in the graphs
    /// it announced, and `same_subject` only when the subject is the previous
    /// own quad's.
    #[derive(Default)]
    struct Promises {
        graphs: Option<(String, String)>,
        last_subject: Option<String>,
        claimed: usize,
        own: usize,
    }

    impl QuadSink for Promises {
        fn graphs(&mut self, article: NamedNodeRef<'_>, shared: NamedNodeRef<'_>) {
            assert!(self.graphs.is_none() && self.own == 0);
            self.graphs = Some((article.as_str().into(), shared.as_str().into()));
        }

        fn push(&mut self, quad: QuadRef<'_>, shared: bool) {
            let (article, entities) = self.graphs.clone().expect("graphs announced first");
            let want = if shared { entities } else { article };
            assert_eq!(quad.graph_name, NamedNodeRef::new_unchecked(&want).into());
            if !shared {
                self.own += 1;
                self.last_subject = Some(quad.subject.to_string());
            }
        }

        fn push_own(&mut self, quad: QuadRef<'_>, same_subject: bool) {
            if same_subject {
                self.claimed += 1;
                assert_eq!(self.last_subject, Some(quad.subject.to_string()), "{quad}");
            }
            self.push(quad, false);
        }
    }

    #[test]
    fn builder_keeps_its_promises_to_sinks() {
        let opts = RdfOptions::default();
        let pipeline = crate::Pipeline::default_pipeline();
        let (run, _) = run_quads(&opts, &pipeline.names());
        let mut claimed = 0;
        for t in [
            "Acme Corp shares rose 5% on Monday.\n\nAcme Corp said profit rose to $3 billion.",
            "Tencent sold $2 billion of bonds, the company said on Tuesday. \"We are glad,\" \
             Pony Ma, chief executive of Tencent, said. Tencent rose 2%.",
            "Goldman Sachs raised Apple Inc to buy from neutral on March 3, 2024. Apple \
             shares rose 3.5% to $180. John Smith, chief financial officer of Apple, said \
             revenue fell 2% in the first quarter. Apple agreed to buy Acme Ltd for \
             $1.2 billion, Apple said. \"We are pleased,\" said Tim Cook, CEO of Apple.",
            "",
        ] {
            let a = crate::input::parse_text(
                t.to_string(),
                "t.txt",
                &crate::input::ReadOptions::default(),
            );
            let mut doc = crate::Document::new(a.text, a.meta);
            pipeline.run(&mut doc);
            let mut sink = Promises::default();
            build_document(&doc, &opts, &run, &mut sink);
            assert!(sink.own > 0);
            claimed += sink.claimed;
        }
        assert!(claimed > 50, "{claimed}");
    }

    #[test]
    fn decimals_have_no_exponent_and_no_float_noise() {
        assert_eq!(decimal(3.2e9), "3200000000");
        assert_eq!(decimal(1.27 * 1e9), "1270000000");
        assert_eq!(decimal(4.2), "4.2");
        assert_eq!(decimal(-5.15), "-5.15");
        assert_eq!(decimal(0.0), "0");
    }

    #[test]
    fn fast_decimals_and_dates_print_like_the_formatted_ones() {
        fn slow(v: f64) -> String {
            if !v.is_finite() {
                return "0".into();
            }
            let s = format!("{:.6}", v);
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" || s.is_empty() {
                "0".into()
            } else {
                s.to_string()
            }
        }
        let mut rng = crate::text::XorShift(0x2545_f491_4f6c_dd1d);
        let mut vs: Vec<f64> = vec![0.0, -0.0, 1.0, -1.0, 9.0e15, 8.99e15, 1e300, -1e-7, 0.5e-6];
        vs.extend([
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ]);
        for _ in 0..20_000 {
            let x = rng.next_u64();
            vs.push(f64::from_bits(x));
            vs.push((x >> rng.below(64)) as f64 * if x & 1 == 0 { 1.0 } else { -1.0 });
            vs.push((x % 1_000_000) as f64 / [1.0, 10.0, 100.0, 1000.0][rng.below(4)]);
        }
        for v in vs {
            assert_eq!(decimal(v), slow(v), "{v:e}");
        }
        for _ in 0..20_000 {
            let days = rng.below(4_000_000) as i32 - 1_000_000;
            let d = chrono::NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            assert_eq!(ymd(d), d.format("%Y-%m-%d").to_string());
            assert_eq!(date_key(d), d.to_string());
        }
    }

    #[test]
    fn participant_sets_print_like_debug() {
        let mut rng = crate::text::XorShift(0x1234_5678_9abc_def1);
        let pieces = [
            "org:acme",
            "gaz:x",
            "a\"b",
            "c\\d",
            "tab\t",
            "\u{e9}t\u{e9}",
            "\u{301}x",
            "'q'",
            " ",
            "",
            "~",
            "\u{7f}",
            "\u{0}",
            "\n",
        ];
        for _ in 0..5_000 {
            let mut keys: Vec<String> = Vec::new();
            for _ in 0..rng.below(4) {
                let mut k = String::new();
                for _ in 0..rng.below(4) {
                    k.push_str(pieces[rng.below(pieces.len())]);
                }
                keys.push(k);
            }
            let set: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
            let mut got = String::new();
            push_debug_set(&mut got, &set);
            assert_eq!(got, format!("{set:?}"));
        }
    }

    #[test]
    fn titles_normalise_abbreviations() {
        assert_eq!(normalize_title("CEO"), "chief executive officer");
        assert_eq!(
            normalize_title("Vice Chairman and CEO"),
            "vice chair and chief executive officer"
        );
        assert_eq!(
            normalize_title("chief investment strategist"),
            "chief investment strategist"
        );
    }

    #[test]
    fn entity_keys_prefer_gazetteer_ids_and_group_orgs() {
        assert_eq!(
            entity_key(EntityKind::Company, "Alibaba", Some("alibaba")),
            "gaz:alibaba"
        );
        assert_eq!(
            entity_key(EntityKind::Company, "Acme Ltd", None),
            entity_key(EntityKind::Organization, "acme ltd", None)
        );
        assert_ne!(
            entity_key(EntityKind::Person, "Jordan", None),
            entity_key(EntityKind::Place, "Jordan", None)
        );
    }
}
