//! Content negotiation: the `format` parameter first (a link or a browser
//! form cannot set `Accept`), then the `Accept` header with its q-values.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// A result format the endpoint can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

impl Format {
    /// The `Content-Type` of a response in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Results(f) => f.media_type(),
            Format::Rdf(RdfFormat::Turtle) => "text/turtle; charset=utf-8",
            Format::Rdf(RdfFormat::NTriples) => "application/n-triples; charset=utf-8",
            Format::Rdf(f) => f.media_type(),
        }
    }
}

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// Media types offered for SELECT and ASK results, the first being the default.
pub const SOLUTIONS: &[(&str, Format)] = &[
    (
        "application/sparql-results+json",
        Format::Results(QueryResultsFormat::Json),
    ),
    (
        "application/sparql-results+xml",
        Format::Results(QueryResultsFormat::Xml),
    ),
    ("text/csv", Format::Results(QueryResultsFormat::Csv)),
    (
        "text/tab-separated-values",
        Format::Results(QueryResultsFormat::Tsv),
    ),
    (
        "application/json",
        Format::Results(QueryResultsFormat::Json),
    ),
    ("application/xml", Format::Results(QueryResultsFormat::Xml)),
    ("text/xml", Format::Results(QueryResultsFormat::Xml)),
];

/// Media types offered for graphs (CONSTRUCT, DESCRIBE, the service
/// description, Graph Store GET), the first being the default.
pub const GRAPHS: &[(&str, Format)] = &[
    ("text/turtle", Format::Rdf(RdfFormat::Turtle)),
    ("application/n-triples", Format::Rdf(RdfFormat::NTriples)),
    ("application/ld+json", Format::Rdf(JSON_LD)),
    ("application/rdf+xml", Format::Rdf(RdfFormat::RdfXml)),
    ("application/x-turtle", Format::Rdf(RdfFormat::Turtle)),
    ("text/plain", Format::Rdf(RdfFormat::NTriples)),
    ("application/json", Format::Rdf(JSON_LD)),
    ("application/xml", Format::Rdf(RdfFormat::RdfXml)),
    ("text/xml", Format::Rdf(RdfFormat::RdfXml)),
];

/// Short names accepted by the `format` parameter.
const NAMES: &[(&str, Format, Format)] = &[
    // name, for solutions, for graphs
    (
        "json",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(JSON_LD),
    ),
    (
        "xml",
        Format::Results(QueryResultsFormat::Xml),
        Format::Rdf(RdfFormat::RdfXml),
    ),
    (
        "csv",
        Format::Results(QueryResultsFormat::Csv),
        Format::Rdf(RdfFormat::NTriples),
    ),
    (
        "tsv",
        Format::Results(QueryResultsFormat::Tsv),
        Format::Rdf(RdfFormat::NTriples),
    ),
    (
        "turtle",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(RdfFormat::Turtle),
    ),
    (
        "ttl",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(RdfFormat::Turtle),
    ),
    (
        "ntriples",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(RdfFormat::NTriples),
    ),
    (
        "nt",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(RdfFormat::NTriples),
    ),
    (
        "jsonld",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(JSON_LD),
    ),
    (
        "json-ld",
        Format::Results(QueryResultsFormat::Json),
        Format::Rdf(JSON_LD),
    ),
    (
        "rdfxml",
        Format::Results(QueryResultsFormat::Xml),
        Format::Rdf(RdfFormat::RdfXml),
    ),
];

/// Why no format could be chosen.
#[derive(Debug, thiserror::Error)]
pub enum NegotiationError {
    #[error("unknown format `{given}`; use one of: {known}")]
    UnknownFormat { given: String, known: String },
    #[error(
        "cannot answer in any type of `Accept: {accept}`; this answer is available as {offered}"
    )]
    NotAcceptable { accept: String, offered: String },
}

/// What kind of answer is being negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// SELECT and ASK results.
    Solutions,
    /// RDF graphs.
    Graph,
}

/// Picks the answer format (the first offer is the default).
///
/// A `format` parameter wins over `Accept`: it is either a short name
/// (`json`, `csv`, `turtle`...) or a media type.
pub fn choose(
    answer: Answer,
    format_param: Option<&str>,
    accept: Option<&str>,
) -> Result<Format, NegotiationError> {
    let graphs = answer == Answer::Graph;
    let offers = if graphs { GRAPHS } else { SOLUTIONS };
    if let Some(name) = format_param.map(str::trim).filter(|f| !f.is_empty()) {
        let lower = name.to_ascii_lowercase();
        if let Some((_, s, g)) = NAMES.iter().find(|(n, _, _)| *n == lower) {
            return Ok(if graphs { *g } else { *s });
        }
        if let Some((_, f)) = offers.iter().find(|(m, _)| *m == essence(&lower)) {
            return Ok(*f);
        }
        let mut known: Vec<&str> = NAMES.iter().map(|(n, _, _)| *n).collect();
        known.extend(offers.iter().map(|(m, _)| *m));
        return Err(NegotiationError::UnknownFormat {
            given: name.to_string(),
            known: known.join(", "),
        });
    }
    let Some(accept) = accept.map(str::trim).filter(|a| !a.is_empty()) else {
        return Ok(offers[0].1);
    };
    let ranges = parse_accept(accept);
    let mut best: Option<(f32, usize)> = None;
    for (i, (media, _)) in offers.iter().enumerate() {
        let Some(q) = quality(&ranges, media) else {
            continue;
        };
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, i));
        }
    }
    match best {
        Some((_, i)) => Ok(offers[i].1),
        None => Err(NegotiationError::NotAcceptable {
            accept: accept.to_string(),
            offered: offers
                .iter()
                .map(|(m, _)| *m)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The media type without parameters, lower case.
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

struct Range {
    kind: String,
    subtype: String,
    q: f32,
}

fn parse_accept(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (kind, subtype) = media.split_once('/')?;
            let mut q = 1.0;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0);
                    }
                }
            }
            Some(Range {
                kind: kind.trim().to_string(),
                subtype: subtype.trim().to_string(),
                q,
            })
        })
        .collect()
}

/// The q-value the most specific matching range gives a media type.
fn quality(ranges: &[Range], media: &str) -> Option<f32> {
    let (kind, subtype) = media.split_once('/')?;
    let mut best: Option<(u8, f32)> = None;
    for r in ranges {
        let specificity = if r.kind == kind && r.subtype == subtype {
            3
        } else if r.kind == kind && r.subtype == "*" {
            2
        } else if r.kind == "*" && r.subtype == "*" {
            1
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, r.q));
        }
    }
    best.map(|(_, q)| q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sol(accept: &str) -> Format {
        choose(Answer::Solutions, None, Some(accept)).unwrap()
    }

    #[test]
    fn accept_picks_the_best_offer() {
        assert_eq!(sol("text/csv"), Format::Results(QueryResultsFormat::Csv));
        assert_eq!(
            sol("text/tab-separated-values;q=0.9, text/csv;q=0.5"),
            Format::Results(QueryResultsFormat::Tsv)
        );
        assert_eq!(sol("*/*"), Format::Results(QueryResultsFormat::Json));
        assert_eq!(
            sol("text/*;q=0.8, application/sparql-results+xml;q=0.1"),
            Format::Results(QueryResultsFormat::Csv)
        );
        // a specific q=0 refuses a type a wildcard would accept
        assert_eq!(
            sol("application/sparql-results+json;q=0, */*"),
            Format::Results(QueryResultsFormat::Xml)
        );
        assert_eq!(
            choose(Answer::Graph, None, Some("application/ld+json")).unwrap(),
            Format::Rdf(JSON_LD)
        );
        assert_eq!(
            choose(Answer::Graph, None, None).unwrap(),
            Format::Rdf(RdfFormat::Turtle)
        );
    }

    #[test]
    fn unacceptable_and_unknown_are_errors() {
        assert!(matches!(
            choose(Answer::Solutions, None, Some("image/png")),
            Err(NegotiationError::NotAcceptable { .. })
        ));
        assert!(matches!(
            choose(Answer::Solutions, Some("yaml"), None),
            Err(NegotiationError::UnknownFormat { .. })
        ));
    }

    #[test]
    fn format_parameter_wins_and_depends_on_the_answer() {
        assert_eq!(
            choose(Answer::Solutions, Some("csv"), Some("application/json")).unwrap(),
            Format::Results(QueryResultsFormat::Csv)
        );
        assert_eq!(
            choose(Answer::Graph, Some("xml"), None).unwrap(),
            Format::Rdf(RdfFormat::RdfXml)
        );
        assert_eq!(
            choose(Answer::Graph, Some("application/n-triples"), None).unwrap(),
            Format::Rdf(RdfFormat::NTriples)
        );
    }
}
