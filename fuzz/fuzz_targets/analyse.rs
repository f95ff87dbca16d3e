//! Arbitrary bytes (read as lossy UTF-8) through the whole extraction pipeline.
//! Checks the span invariants of every layer: in the text, start <= end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::document::{Meta, Span};
use newsgraph::input::SourceArticle;

fuzz_target!(|data: &[u8]| {
    // First byte: whether the article has a date (date arithmetic is a path of its own).
    let (dated, body) = match data.split_first() {
        Some((b, rest)) => (b & 1 == 1, rest),
        None => (false, data),
    };
    let text = String::from_utf8_lossy(body).into_owned();
    let meta = Meta {
        source_path: "fuzz".into(),
        date: dated.then(|| chrono::NaiveDate::from_ymd_opt(2025, 9, 17).unwrap()),
        ..Default::default()
    };
    let doc = newsgraph::analyse(SourceArticle { text, meta });
    let n = doc.len_chars();
    let ok = |s: Span| s.start <= s.end && s.end <= n;
    for z in &doc.zones {
        assert!(ok(z.span), "zone {:?} outside 0..{n}", z.span);
    }
    for s in &doc.sentences {
        assert!(ok(s.span), "sentence {:?} outside 0..{n}", s.span);
    }
    for m in &doc.mentions {
        assert!(ok(m.span), "mention {:?} outside 0..{n}", m.span);
    }
    for f in &doc.figures {
        assert!(ok(f.span), "figure {:?} outside 0..{n}", f.span);
    }
    for t in &doc.times {
        assert!(ok(t.span), "time {:?} outside 0..{n}", t.span);
    }
    for e in &doc.events {
        assert!(
            ok(e.evidence),
            "event evidence {:?} outside 0..{n}",
            e.evidence
        );
    }
});
