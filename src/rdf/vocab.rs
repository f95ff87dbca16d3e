//! The newsgraph vocabulary, mirroring `ontology/newsgraph.ttl`.
//!
//! Users, the named queries and independent scorers rely on these names, so they
//! are public API: extend, never rename. A unit test parses the ontology and
//! checks that every term here is declared there and vice versa.

use oxigraph::model::NamedNodeRef;

/// Namespace of the newsgraph ontology.
pub const NG_NS: &str = "https://w3id.org/newsgraph/ont#";
pub const SCHEMA_NS: &str = "http://schema.org/";
pub const NIF_NS: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const ITSRDF_NS: &str = "http://www.w3.org/2005/11/its/rdf#";
pub const PROV_NS: &str = "http://www.w3.org/ns/prov#";
pub const OWL_NS: &str = "http://www.w3.org/2002/07/owl#";
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS_NS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema#";
pub const QUDT_UNIT_NS: &str = "http://qudt.org/vocab/unit/";
pub const SEM_NS: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const DCT_NS: &str = "http://purl.org/dc/terms/";
pub const VOID_NS: &str = "http://rdfs.org/ns/void#";
pub const DCAT_NS: &str = "http://www.w3.org/ns/dcat#";
pub const OA_NS: &str = "http://www.w3.org/ns/oa#";
pub const WIKIDATA_ENTITY_NS: &str = "http://www.wikidata.org/entity/";
pub const PERMID_NS: &str = "https://permid.org/1-";

/// Prefixes used when writing Turtle/TriG and in the named queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", NG_NS),
    ("schema", SCHEMA_NS),
    ("nif", NIF_NS),
    ("itsrdf", ITSRDF_NS),
    ("prov", PROV_NS),
    ("owl", OWL_NS),
    ("rdf", RDF_NS),
    ("rdfs", RDFS_NS),
    ("xsd", XSD_NS),
    ("unit", QUDT_UNIT_NS),
    ("dct", DCT_NS),
    ("void", VOID_NS),
    ("dcat", DCAT_NS),
    ("oa", OA_NS),
];

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
        /// Every term of this namespace, for the ontology sync test.
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// Terms of the newsgraph ontology (`ng:`).
pub mod ng {
    use super::*;
    terms! { "https://w3id.org/newsgraph/ont#";
        // classes
        ARTICLE = "Article",
        ZONE = "Zone",
        MENTION = "Mention",
        ENTITY = "Entity",
        COMPANY = "Company",
        ORGANIZATION = "Organization",
        PERSON = "Person",
        STOCK_INDEX = "StockIndex",
        PLACE = "Place",
        PRODUCT = "Product",
        ROLE = "Role",
        EVENT = "Event",
        PRICE_MOVE = "PriceMove",
        SECURITY_ISSUANCE = "SecurityIssuance",
        INVESTMENT_PLAN = "InvestmentPlan",
        ANALYST_ACTION = "AnalystAction",
        PRODUCT_LAUNCH = "ProductLaunch",
        AGREEMENT = "Agreement",
        REGULATORY_ACTION = "RegulatoryAction",
        MEETING = "Meeting",
        FINANCIAL_RESULT = "FinancialResult",
        STATEMENT = "Statement",
        FIGURE = "Figure",
        MONETARY_FIGURE = "MonetaryFigure",
        QUANTITY_FIGURE = "QuantityFigure",
        TIME_EXPRESSION_CLASS = "TimeExpression",
        EXTRACTION_RUN = "ExtractionRun",
        // units and individuals
        TIMES = "Times",
        PERCENTAGE_POINT = "PercentagePoint",
        INDEX_POINT = "IndexPoint",
        // object properties
        MENTIONS = "mentions",
        HAS_ZONE = "hasZone",
        HOLDS_ROLE = "holdsRole",
        OF_ORGANIZATION = "ofOrganization",
        ABOUT = "about",
        AGENT = "agent",
        COUNTERPARTY = "counterparty",
        SPEAKER = "speaker",
        HAS_FIGURE = "hasFigure",
        CHANGE = "change",
        AMOUNT = "amount",
        PRICE_TARGET = "priceTarget",
        LEVEL = "level",
        EVIDENCE = "evidence",
        UNIT = "unit",
        HAS_TIME = "hasTime",
        REPORTED_IN = "reportedIn",
        // data properties
        QUOTE_TEXT = "quoteText",
        EVENT_DATE = "eventDate",
        EVENT_SUBTYPE = "eventSubtype",
        STATUS = "status",
        RATING_FROM = "ratingFrom",
        RATING_TO = "ratingTo",
        CONFIDENCE = "confidence",
        EXTRACTOR = "extractor",
        MEASURE = "measure",
        QUALIFIER = "qualifier",
        UPPER_VALUE = "upperValue",
        DIRECTION = "direction",
        ZONE_KIND = "zoneKind",
        ZONE_REASON = "zoneReason",
        LINK_STATUS = "linkStatus",
        TIME_EXPRESSION = "timeExpression",
        DATE_PRECISION = "datePrecision",
        REPORTED_DATE = "reportedDate",
        CONTENT_HASH = "contentHash",
        DATE_SOURCE = "dateSource",
        EXCHANGE = "exchange",
        GAZETTEER_ID = "gazetteerId",
        TOOL_VERSION = "toolVersion",
        PERM_ID = "permId",
    }
}

/// Terms used from schema.org.
pub mod schema {
    use super::*;
    terms! { "http://schema.org/";
        NAME = "name",
        ALTERNATE_NAME = "alternateName",
        TICKER_SYMBOL = "tickerSymbol",
        JOB_TITLE = "jobTitle",
        ROLE_NAME = "roleName",
        VALUE = "value",
        CURRENCY = "currency",
        HEADLINE = "headline",
        DATE_PUBLISHED = "datePublished",
        PUBLISHER = "publisher",
        URL = "url",
        AUTHOR = "author",
        PARENT_ORGANIZATION = "parentOrganization",
        LEI_CODE = "leiCode",
        NEWS_ARTICLE = "NewsArticle",
    }
}

/// Terms used from NIF 2.0 core.
pub mod nif {
    use super::*;
    terms! { "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        BEGIN_INDEX = "beginIndex",
        END_INDEX = "endIndex",
        ANCHOR_OF = "anchorOf",
        REFERENCE_CONTEXT = "referenceContext",
        IS_STRING = "isString",
        CONTEXT = "Context",
        PHRASE = "Phrase",
    }
}

/// Terms used from ITS 2.0 RDF.
pub mod itsrdf {
    use super::*;
    terms! { "http://www.w3.org/2005/11/its/rdf#";
        TA_IDENT_REF = "taIdentRef",
    }
}

/// Terms used from PROV-O.
pub mod prov {
    use super::*;
    terms! { "http://www.w3.org/ns/prov#";
        WAS_GENERATED_BY = "wasGeneratedBy",
        ACTIVITY = "Activity",
        HAD_PRIMARY_SOURCE = "hadPrimarySource",
        USED = "used",
        WAS_DERIVED_FROM = "wasDerivedFrom",
    }
}

/// Terms used from VoID, to describe the dataset (`--describe`).
pub mod void {
    use super::*;
    terms! { "http://rdfs.org/ns/void#";
        DATASET = "Dataset",
        LINKSET = "Linkset",
        TRIPLES = "triples",
        ENTITIES = "entities",
        CLASSES = "classes",
        PROPERTIES = "properties",
        DISTINCT_SUBJECTS = "distinctSubjects",
        DISTINCT_OBJECTS = "distinctObjects",
        CLASS_PARTITION = "classPartition",
        PROPERTY_PARTITION = "propertyPartition",
        CLASS = "class",
        PROPERTY = "property",
        VOCABULARY = "vocabulary",
        SUBSET = "subset",
        LINK_PREDICATE = "linkPredicate",
        SUBJECTS_TARGET = "subjectsTarget",
        OBJECTS_TARGET = "objectsTarget",
        URI_SPACE = "uriSpace",
    }
}

/// Terms used from DCAT, to describe the dataset (`--describe`).
pub mod dcat {
    use super::*;
    terms! { "http://www.w3.org/ns/dcat#";
        DATASET = "Dataset",
        DISTRIBUTION_CLASS = "Distribution",
        DISTRIBUTION = "distribution",
        MEDIA_TYPE = "mediaType",
    }
}

/// Terms used from Dublin Core terms.
pub mod dct {
    use super::*;
    terms! { "http://purl.org/dc/terms/";
        TITLE = "title",
        DESCRIPTION = "description",
        LICENSE = "license",
        CREATED = "created",
        FORMAT = "format",
    }
}

/// Terms used from the W3C Web Annotation vocabulary (`--annotations`).
pub mod oa {
    use super::*;
    terms! { "http://www.w3.org/ns/oa#";
        ANNOTATION = "Annotation",
        SPECIFIC_RESOURCE = "SpecificResource",
        TEXT_POSITION_SELECTOR = "TextPositionSelector",
        TEXT_QUOTE_SELECTOR = "TextQuoteSelector",
        HAS_TARGET = "hasTarget",
        HAS_SOURCE = "hasSource",
        HAS_SELECTOR = "hasSelector",
        HAS_BODY = "hasBody",
        MOTIVATED_BY = "motivatedBy",
        IDENTIFYING = "identifying",
        DESCRIBING = "describing",
        START = "start",
        END = "end",
        EXACT = "exact",
        PREFIX = "prefix",
        SUFFIX = "suffix",
    }
}

/// Miscellaneous W3C terms.
pub mod w3c {
    use oxigraph::model::NamedNodeRef;
    pub const RDF_TYPE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    pub const OWL_SAME_AS: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");
    pub const RDFS_LABEL: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
    pub const XSD_DATE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#date");
    pub const XSD_DECIMAL: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#decimal");
    pub const XSD_INTEGER: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#integer");
    pub const XSD_NON_NEGATIVE_INTEGER: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#nonNegativeInteger");
}

/// QUDT unit IRI for a figure unit key; `None` for units newsgraph defines itself.
pub fn qudt_unit(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "percent" => "http://qudt.org/vocab/unit/PERCENT",
        "basis-point" => "http://qudt.org/vocab/unit/BASIS-POINT",
        "GW" => "http://qudt.org/vocab/unit/GigaW",
        "MW" => "http://qudt.org/vocab/unit/MegaW",
        "count" => "http://qudt.org/vocab/unit/NUM",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::Term;
    use std::collections::BTreeSet;

    /// Every ng: term declared in the ontology is in `ng::ALL`, and vice versa,
    /// and each has a label and a comment.
    #[test]
    fn vocab_mirrors_the_ontology() {
        let decl: BTreeSet<&str> = [
            "http://www.w3.org/2002/07/owl#Class",
            "http://www.w3.org/2002/07/owl#ObjectProperty",
            "http://www.w3.org/2002/07/owl#DatatypeProperty",
            "http://www.w3.org/2002/07/owl#NamedIndividual",
            "http://www.w3.org/2002/07/owl#AnnotationProperty",
        ]
        .into_iter()
        .collect();
        let mut declared = BTreeSet::new();
        let mut labelled = BTreeSet::new();
        let mut commented = BTreeSet::new();
        for q in
            RdfParser::from_format(RdfFormat::Turtle).for_slice(crate::rdf::ONTOLOGY_TTL.as_bytes())
        {
            let q = q.expect("ontology parses");
            let s = q.subject.to_string();
            let s = s.trim_start_matches('<').trim_end_matches('>').to_string();
            if !s.starts_with(NG_NS) {
                continue;
            }
            match (q.predicate.as_str(), &q.object) {
                ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", Term::NamedNode(o))
                    if decl.contains(o.as_str()) =>
                {
                    declared.insert(s);
                }
                ("http://www.w3.org/2000/01/rdf-schema#label", _) => {
                    labelled.insert(s);
                }
                ("http://www.w3.org/2000/01/rdf-schema#comment", _) => {
                    commented.insert(s);
                }
                _ => {}
            }
        }
        let code: BTreeSet<String> = ng::ALL.iter().map(|t| t.as_str().to_string()).collect();
        let missing_in_ontology: Vec<_> = code.difference(&declared).collect();
        let missing_in_code: Vec<_> = declared.difference(&code).collect();
        assert!(
            missing_in_ontology.is_empty(),
            "in vocab.rs, not declared in ontology: {missing_in_ontology:?}"
        );
        assert!(
            missing_in_code.is_empty(),
            "declared in ontology, not in vocab.rs: {missing_in_code:?}"
        );
        for t in &code {
            assert!(labelled.contains(t), "{t} has no rdfs:label");
            assert!(commented.contains(t), "{t} has no rdfs:comment");
        }
    }
}
