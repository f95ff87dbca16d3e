//! Property tests of the library on arbitrary text (issue #6): analysis never
//! panics; every span lies in the text on char boundaries; `nif:anchorOf` is
//! the text between `nif:beginIndex` and `nif:endIndex`; the same input gives
//! the same sorted quads. The libFuzzer targets in `fuzz/` explore further.

use newsgraph::document::{Meta, Span};
use newsgraph::input::SourceArticle;
use newsgraph::rdf::{self, vocab, ArticleQuads, RdfOptions};
use newsgraph::{Document, Pipeline};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use proptest::prelude::*;
use std::collections::HashMap;

/// Pieces that news text and hostile text are made of.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        // business words that wake up the extractors
        prop::sample::select(vec![
            "Apple",
            "Inc.",
            "Alibaba",
            "Group",
            "Holdings",
            "Ltd",
            "said",
            "shares",
            "rose",
            "fell",
            "5%",
            "$3.2 billion",
            "HK$",
            "¥",
            "€1.5bn",
            "(NYSE: BABA)",
            "on Monday",
            "Sept. 17",
            "2025",
            "last week",
            "CEO",
            "Eddie",
            "Wu",
            "chief executive",
            "Hang Seng Index",
            "convertible bonds",
            "\"",
            "“",
            "”",
            "'s",
            "’s",
            ",",
            ".",
            ":",
            "—",
            "-",
            "(",
            ")",
            "Reuters",
            "BEIJING",
            "billion",
            "percent",
            "launched",
            "AI",
            "By",
            "\n",
            "\n\n",
            "Date: 2025-09-17",
            "Source: Reuters",
        ])
        .prop_map(str::to_string),
        // odd whitespace and controls
        prop::sample::select(vec![
            " ", "\t", "\r\n", "\r", "\u{a0}", "\u{2028}", "\u{2029}", "\u{200b}", "\u{feff}",
            "\u{3000}", "\u{85}", "\u{b}", "\u{c}",
        ])
        .prop_map(str::to_string),
        // combining marks, right-to-left, emoji, CJK
        prop::sample::select(vec![
            "e\u{301}",
            "A\u{308}\u{332}",
            "\u{301}",
            "مرحبا",
            "שלום",
            "\u{202e}abc\u{202c}",
            "\u{200f}",
            "👍🏽",
            "👨\u{200d}👩\u{200d}👧",
            "🇨🇳",
            "腾讯控股",
            "阿里巴巴",
            "ｆｕｌｌ",
            "İ",
            "ß",
            "ﬁ",
            "\u{10ffff}",
            "\u{fffd}",
        ])
        .prop_map(str::to_string),
        // very long tokens
        (
            1usize..6000,
            prop::sample::select(vec!['a', 'Z', '9', '$', '%', '.', 'é', '中'])
        )
            .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
        // anything at all
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::sample::select(vec!["", " ", "\n"])), 0..80).prop_map(
        |v| {
            v.into_iter()
                .flat_map(|(t, s)| [t, s.to_string()])
                .collect()
        },
    )
}

fn meta() -> Meta {
    Meta {
        source_path: "prop".into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 9, 17),
        ..Default::default()
    }
}

fn quads_of(text: &str) -> (Document, ArticleQuads) {
    let opts = RdfOptions {
        include_text: true,
        ..Default::default()
    };
    let pipeline = Pipeline::default_pipeline();
    let (run, _) = rdf::run_quads(&opts, &pipeline.names());
    let mut doc = Document::new(text.to_string(), meta());
    pipeline.run(&mut doc);
    let aq = rdf::document_quads(&doc, &opts, &run);
    (doc, aq)
}

fn spans(doc: &Document) -> Vec<(&'static str, Span)> {
    let mut v = Vec::new();
    v.extend(doc.zones.iter().map(|z| ("zone", z.span)));
    v.extend(doc.sentences.iter().map(|s| ("sentence", s.span)));
    v.extend(doc.mentions.iter().map(|m| ("mention", m.span)));
    v.extend(doc.figures.iter().map(|f| ("figure", f.span)));
    v.extend(doc.times.iter().map(|t| ("time", t.span)));
    v.extend(doc.roles.iter().map(|r| ("role", r.evidence)));
    v.extend(doc.events.iter().map(|e| ("event", e.evidence)));
    v
}

/// A mention's `nif:beginIndex`, `nif:endIndex` and `nif:anchorOf`, as found.
type Anchor = (Option<usize>, Option<usize>, Option<String>);

fn sorted(mut v: Vec<Quad>) -> Vec<String> {
    newsgraph::store::sort_quads(&mut v);
    v.iter().map(|q| q.to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn analyse_never_panics_and_spans_are_in_the_text(t in text()) {
        let doc = newsgraph::analyse(SourceArticle { text: t.clone(), meta: meta() });
        let n = t.chars().count();
        prop_assert_eq!(doc.len_chars(), n);
        for (what, s) in spans(&doc) {
            prop_assert!(s.start <= s.end && s.end <= n, "{} {:?} outside 0..{}", what, s, n);
            let (b, e) = (doc.byte(s.start), doc.byte(s.end));
            prop_assert!(t.is_char_boundary(b) && t.is_char_boundary(e), "{} {:?}", what, s);
            let slice: String = t.chars().skip(s.start).take(s.len()).collect();
            prop_assert_eq!(doc.slice(s), slice.as_str());
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(t in any::<String>()) {
        let doc = newsgraph::analyse(SourceArticle { text: t.clone(), meta: meta() });
        for (what, s) in spans(&doc) {
            prop_assert!(s.end <= doc.len_chars(), "{} {:?}", what, s);
        }
    }

    #[test]
    fn anchor_of_is_the_text_slice(t in text()) {
        let (doc, aq) = quads_of(&t);
        let chars: Vec<char> = doc.text().chars().collect();
        let mut fields: HashMap<String, Anchor> = HashMap::new();
        for q in &aq.quads {
            let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (&q.subject, &q.object) else {
                continue;
            };
            let e = fields.entry(s.as_str().to_string()).or_default();
            if q.predicate == vocab::nif::BEGIN_INDEX {
                e.0 = Some(l.value().parse().unwrap());
            } else if q.predicate == vocab::nif::END_INDEX {
                e.1 = Some(l.value().parse().unwrap());
            } else if q.predicate == vocab::nif::ANCHOR_OF {
                e.2 = Some(l.value().to_string());
            }
        }
        for (s, (b, e, a)) in fields {
            let Some(a) = a else { continue };
            let (b, e) = (b.expect("beginIndex"), e.expect("endIndex"));
            prop_assert!(b <= e && e <= chars.len(), "{}: {}..{} outside 0..{}", s, b, e, chars.len());
            let slice: String = chars[b..e].iter().collect();
            prop_assert_eq!(slice, a, "{}", s);
        }
    }

    #[test]
    fn same_input_same_sorted_quads(t in text()) {
        let (_, a) = quads_of(&t);
        let (_, b) = quads_of(&t);
        prop_assert_eq!(a.graph_iri, b.graph_iri);
        prop_assert_eq!(sorted(a.quads), sorted(b.quads));
        prop_assert_eq!(sorted(a.entity_quads), sorted(b.entity_quads));
    }
}
