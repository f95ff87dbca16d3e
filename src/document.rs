//! The `Document`: immutable article text plus typed annotation layers.
//!
//! Every span in every layer is a half-open range of Unicode code points into
//! [`Document::text`] exactly as read, because that is what NIF offsets mean and
//! what users check provenance against. Extractors mostly work with byte offsets
//! (regex, aho-corasick); [`Document::span`] converts once, here, so no extractor
//! can get the conversion wrong.

use chrono::NaiveDate;

/// Half-open code-point range `[start, end)` into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Article metadata as read from headers, markup or the text itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Stable identity of the article: a URL or source id when the input has one.
    pub id: Option<String>,
    pub headline: Option<String>,
    pub date: Option<NaiveDate>,
    /// Where the date came from (header, dateline, option), for users who audit it.
    pub date_source: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// Path or `-`, for error messages and `prov:hadPrimarySource`.
    pub source_path: String,
}

/// What kind of text a zone is; only `Body` is mined for facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ZoneKind {
    Header,
    Body,
    Boilerplate,
    Related,
    Advert,
    ForeignLanguage,
    Byline,
}

impl ZoneKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ZoneKind::Header => "header",
            ZoneKind::Body => "body",
            ZoneKind::Boilerplate => "boilerplate",
            ZoneKind::Related => "related",
            ZoneKind::Advert => "advert",
            ZoneKind::ForeignLanguage => "foreign-language",
            ZoneKind::Byline => "byline",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub span: Span,
    pub kind: ZoneKind,
    /// Why the zone was classified so (shown to users who wonder what was left out).
    pub reason: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
}

/// The public entity classes of the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Company,
    Organization,
    Person,
    StockIndex,
    Place,
    Product,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Company => "Company",
            EntityKind::Organization => "Organization",
            EntityKind::Person => "Person",
            EntityKind::StockIndex => "StockIndex",
            EntityKind::Place => "Place",
            EntityKind::Product => "Product",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "Company" | "company" => EntityKind::Company,
            "Organization" | "organization" | "org" => EntityKind::Organization,
            "Person" | "person" => EntityKind::Person,
            "StockIndex" | "index" => EntityKind::StockIndex,
            "Place" | "place" => EntityKind::Place,
            "Product" | "product" => EntityKind::Product,
            _ => return None,
        })
    }
    /// Companies and other organisations may resolve to each other.
    pub fn is_org(self) -> bool {
        matches!(self, EntityKind::Company | EntityKind::Organization)
    }
}

/// A surface mention of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// The gazetteer entry id when the mention came from (or was linked to) a list.
    pub gazetteer: Option<String>,
    /// A ticker printed next to the mention, e.g. `9618.HK` in "(JD, 9618.HK)".
    pub tickers: Vec<String>,
    pub extractor: &'static str,
    pub confidence: f32,
    /// Index into `Document::entities`, set by `resolve`.
    pub entity: Option<usize>,
}

/// One real-world thing, after resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// Canonical name (gazetteer canonical name, else the best surface form).
    pub name: String,
    pub alt_names: Vec<String>,
    pub tickers: Vec<String>,
    /// ISO 10383 MICs of the exchanges the tickers trade on, where known.
    pub exchanges: Vec<String>,
    pub wikidata: Option<String>,
    pub lei: Option<String>,
    pub gazetteer: Option<String>,
    /// Canonical name of the parent organisation, for business units.
    pub parent: Option<String>,
    pub mentions: Vec<usize>,
}

/// How a figure is expressed.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    /// ISO 4217 currency code and fully scaled amount.
    Money { currency: String, value: f64 },
    /// A quantity with a unit key: `percent`, `percentage-point`, `basis-point`,
    /// `times`, `count`, `GW`, `index-points`...
    Quantity { unit: String, value: f64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub span: Span,
    pub value: FigureValue,
    /// Upper bound of a range ("$70 billion to $72 billion").
    pub upper: Option<f64>,
    /// "over", "about", "nearly", "as much as"...
    pub qualifier: Option<String>,
    /// What it measures: PercentChange, IssueSize, Capex, SharePrice, ForwardPE...
    pub measure: Option<String>,
    /// -1 for a fall, +1 for a rise, 0 when not a change.
    pub direction: i8,
    pub extractor: &'static str,
    pub confidence: f32,
}

/// How much of a date the text actually gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Quarter => "quarter",
            DatePrecision::Year => "year",
        }
    }
}

/// A time expression resolved against the article date.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    pub span: Span,
    /// First day of the period meant.
    pub date: Option<NaiveDate>,
    pub precision: DatePrecision,
    pub extractor: &'static str,
}

/// Person holds a job at an organisation, as reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Mention index of the person.
    pub person: usize,
    /// Mention index of the organisation (or place, for heads of state).
    pub org: usize,
    /// Title as written, e.g. "chief investment strategist".
    pub title: Option<String>,
    /// The sentence or clause showing the role.
    pub evidence: Span,
    pub extractor: &'static str,
    pub confidence: f32,
}

/// The event classes of the public vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventClass {
    PriceMove,
    SecurityIssuance,
    InvestmentPlan,
    AnalystAction,
    ProductLaunch,
    Agreement,
    RegulatoryAction,
    Meeting,
    FinancialResult,
    Statement,
}

impl EventClass {
    pub fn as_str(self) -> &'static str {
        match self {
            EventClass::PriceMove => "PriceMove",
            EventClass::SecurityIssuance => "SecurityIssuance",
            EventClass::InvestmentPlan => "InvestmentPlan",
            EventClass::AnalystAction => "AnalystAction",
            EventClass::ProductLaunch => "ProductLaunch",
            EventClass::Agreement => "Agreement",
            EventClass::RegulatoryAction => "RegulatoryAction",
            EventClass::Meeting => "Meeting",
            EventClass::FinancialResult => "FinancialResult",
            EventClass::Statement => "Statement",
        }
    }
}

/// How a figure takes part in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureRole {
    Change,
    Amount,
    PriceTarget,
    Level,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub class: EventClass,
    pub subtype: Option<String>,
    /// Mention indices.
    pub about: Vec<usize>,
    pub agent: Vec<usize>,
    pub counterparty: Vec<usize>,
    pub speaker: Option<usize>,
    /// Figure indices with their part in the event.
    pub figures: Vec<(usize, FigureRole)>,
    /// Index into `Document::times` when the event is dated by an expression.
    pub time: Option<usize>,
    pub date: Option<NaiveDate>,
    pub status: Option<&'static str>,
    pub rating_from: Option<String>,
    pub rating_to: Option<String>,
    pub quote: Option<Span>,
    /// The sentence stating the event.
    pub evidence: Span,
    pub extractor: &'static str,
    pub confidence: f32,
}

impl Event {
    pub fn new(class: EventClass, evidence: Span, extractor: &'static str) -> Self {
        Event {
            class,
            subtype: None,
            about: vec![],
            agent: vec![],
            counterparty: vec![],
            speaker: None,
            figures: vec![],
            time: None,
            date: None,
            status: None,
            rating_from: None,
            rating_to: None,
            quote: None,
            evidence,
            extractor,
            confidence: 0.7,
        }
    }
}

/// Immutable text plus annotation layers filled by extractors.
#[derive(Debug, Clone, Default)]
pub struct Document {
    text: String,
    /// Byte offset of every code point (plus one past the end); empty for ASCII text.
    char_bytes: Vec<usize>,
    n_chars: usize,
    pub meta: Meta,
    pub zones: Vec<Zone>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub figures: Vec<Figure>,
    pub times: Vec<TimeExpr>,
    pub roles: Vec<Role>,
    pub events: Vec<Event>,
}

impl Document {
    pub fn new(text: String, meta: Meta) -> Self {
        let (char_bytes, n_chars) = if text.is_ascii() {
            (Vec::new(), text.len())
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let n = v.len();
            v.push(text.len());
            (v, n)
        };
        Document {
            text,
            char_bytes,
            n_chars,
            meta,
            ..Default::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn len_chars(&self) -> usize {
        self.n_chars
    }

    /// Code-point offset of a byte offset (which must be on a char boundary).
    pub fn cp(&self, byte: usize) -> usize {
        if self.char_bytes.is_empty() {
            byte
        } else {
            match self.char_bytes.binary_search(&byte) {
                Ok(i) => i,
                Err(i) => i,
            }
        }
    }

    /// Byte offset of a code-point offset.
    pub fn byte(&self, cp: usize) -> usize {
        if self.char_bytes.is_empty() {
            cp.min(self.text.len())
        } else {
            self.char_bytes[cp.min(self.n_chars)]
        }
    }

    /// Code-point span of a byte range.
    pub fn span(&self, start_byte: usize, end_byte: usize) -> Span {
        Span::new(self.cp(start_byte), self.cp(end_byte))
    }

    /// The text of a code-point span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.byte(span.start)..self.byte(span.end)]
    }

    /// Byte range of a code-point span.
    pub fn bytes(&self, span: Span) -> std::ops::Range<usize> {
        self.byte(span.start)..self.byte(span.end)
    }

    /// Body zones, or the whole text when no zoning ran.
    pub fn body_spans(&self) -> Vec<Span> {
        let body: Vec<Span> = self
            .zones
            .iter()
            .filter(|z| z.kind == ZoneKind::Body)
            .map(|z| z.span)
            .collect();
        if body.is_empty() && self.zones.is_empty() {
            vec![Span::new(0, self.n_chars)]
        } else {
            body
        }
    }

    /// Index of the sentence containing a span.
    pub fn sentence_of(&self, span: Span) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= span.start);
        (i < self.sentences.len() && self.sentences[i].span.start <= span.start).then_some(i)
    }

    /// Mention indices inside a span, in text order.
    pub fn mentions_in(&self, span: Span) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.mentions.len())
            .filter(|&i| span.contains(self.mentions[i].span))
            .collect();
        v.sort_by_key(|&i| self.mentions[i].span);
        v
    }

    /// Figure indices inside a span, in text order.
    pub fn figures_in(&self, span: Span) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.figures.len())
            .filter(|&i| span.contains(self.figures[i].span))
            .collect();
        v.sort_by_key(|&i| self.figures[i].span);
        v
    }

    /// The entity a mention resolved to.
    pub fn entity_of(&self, mention: usize) -> Option<&Entity> {
        self.mentions
            .get(mention)
            .and_then(|m| m.entity)
            .and_then(|e| self.entities.get(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_point_spans_round_trip_on_non_ascii_text() {
        let d = Document::new("来源 Cryptopolitan said “hi”".into(), Meta::default());
        let b = d.text().find("Cryptopolitan").unwrap();
        let s = d.span(b, b + "Cryptopolitan".len());
        assert_eq!(s, Span::new(3, 16));
        assert_eq!(d.slice(s), "Cryptopolitan");
        let q = d.text().find('“').unwrap();
        let qs = d.span(q, d.text().len());
        assert_eq!(d.slice(qs), "“hi”");
        assert_eq!(d.len_chars(), d.text().chars().count());
    }

    #[test]
    fn ascii_text_uses_identity_offsets() {
        let d = Document::new("Baidu rose 16%.".into(), Meta::default());
        assert_eq!(d.cp(6), 6);
        assert_eq!(d.slice(Span::new(11, 14)), "16%");
    }

    #[test]
    fn sentence_lookup_finds_containing_sentence() {
        let mut d = Document::new("A b. C d.".into(), Meta::default());
        d.sentences = vec![
            Sentence {
                span: Span::new(0, 4),
            },
            Sentence {
                span: Span::new(5, 9),
            },
        ];
        assert_eq!(d.sentence_of(Span::new(7, 8)), Some(1));
        assert_eq!(d.sentence_of(Span::new(0, 1)), Some(0));
    }
}
