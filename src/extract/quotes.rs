//! Direct quotes and their speakers, as `Statement` events.
//!
//! Quotes are found in curly and straight quote marks (possibly spanning
//! sentences) and as pull quotes (a quote line followed by "– Attribution").
//! The speaker is the person or organisation attached by a speech verb before or
//! after the quote, a pronoun ("she added") resolved to the last person, or the
//! speaker of the sentence just before (a quote continuing an attribution).

use crate::document::{Document, EntityKind, Event, EventClass, Span};
use crate::extract::events::words::{has_phrase_at_word_start, phrase_at};
use crate::extract::pattern::regex_new;
use crate::pipeline::{layer, Extractor};
use crate::text::is_ascii_space;
use regex::Regex;
use std::sync::LazyLock;

pub struct QuoteExtractor;

pub const SPEECH_VERBS: &str = r"said|says|say|added|adds|noted|notes|told|wrote|writes|stated|states|explained|argued|warned|cautioned|commented|remarked|predicted|believes|believe|according\s+to";

static AFTER_VERB_FIRST: LazyLock<Regex> =
    LazyLock::new(|| regex_new(&format!(r"^[\s,.]*(?:{SPEECH_VERBS})\b")).unwrap());
static AFTER_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(&format!(r"^[\s,.]*(?:he|she|they)\s+(?:{SPEECH_VERBS})\b")).unwrap()
});
static BEFORE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(&format!(r"(?:{SPEECH_VERBS}|warning\s+about|warned\s+of|called\s+it|described\s+\w+\s+as)(?:\s+that)?\s*[:,]?\s*$")).unwrap()
});
/// [`SPEECH_VERBS`] spelt out for the hand matchers on ASCII text (a space
/// stands for `\s+`; see `events::words::Phrases`), in the same order.
const SPEECH_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "noted",
    "notes",
    "told",
    "wrote",
    "writes",
    "stated",
    "states",
    "explained",
    "argued",
    "warned",
    "cautioned",
    "commented",
    "remarked",
    "predicted",
    "believes",
    "believe",
    "according to",
];

/// Where `[\s,.]*` at the start of ASCII `b` ends.
fn skip_lead(b: &[u8]) -> usize {
    b.iter()
        .position(|&c| !(is_ascii_space(c) || c == b',' || c == b'.'))
        .unwrap_or(b.len())
}

/// [`AFTER_VERB_FIRST`], by hand on ASCII text (its regex is built only for
/// other text).
fn after_verb_first(after: &str) -> bool {
    if !after.is_ascii() {
        return AFTER_VERB_FIRST.is_match(after);
    }
    let b = after.as_bytes();
    phrase_at(b, skip_lead(b), SPEECH_WORDS, true).is_some()
}

/// [`AFTER_PRONOUN`], by hand on ASCII text.
fn after_pronoun(after: &str) -> bool {
    if !after.is_ascii() {
        return AFTER_PRONOUN.is_match(after);
    }
    let b = after.as_bytes();
    // the pronoun and the spaces after it (`*`: no word end needed there)
    phrase_at(b, skip_lead(b), &["he *", "she *", "they *"], true)
        .is_some_and(|j| phrase_at(b, j, SPEECH_WORDS, true).is_some())
}

static SAID: LazyLock<Regex> =
    LazyLock::new(|| regex_new(&format!(r"\b(?:{SPEECH_VERBS})\b")).unwrap());

/// [`SAID`], by hand on ASCII text.
fn has_speech_verb(text: &str) -> bool {
    if !text.is_ascii() {
        return SAID.is_match(text);
    }
    has_phrase_at_word_start(text.as_bytes(), SPEECH_WORDS)
}

/// What [`is_attribution_line`] decides, as a regex (the tests hold the two
/// to the same answers).
#[cfg(test)]
static ATTRIBUTION_LINE: LazyLock<Regex> = LazyLock::new(|| regex_new(r"^\s*[–—-]\s*\S").unwrap());

/// "– Chief Strategist, Saxo Markets": a dash first, then some text. `\s` is
/// Unicode White_Space, which is what `trim_start` trims.
fn is_attribution_line(l: &str) -> bool {
    let mut cs = l.trim_start().chars();
    matches!(cs.next(), Some('–' | '—' | '-')) && !cs.as_str().trim_start().is_empty()
}

impl Extractor for QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::SENTENCES, layer::MENTIONS, layer::ENTITIES]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::EVENTS]
    }
    fn run(&self, doc: &mut Document) {
        let mut events = Vec::new();
        let mut last_speaker: Option<(usize, usize)> = None; // (speaker mention, sentence index)
        for (start, end) in quote_spans(doc) {
            let q = Span::new(start, end);
            let words = doc.slice(q).split_whitespace().count();
            if words < 3 || is_title_case(doc.slice(q)) {
                continue;
            }
            let Some(si) = doc.sentence_of(Span::new(start, start)) else {
                continue;
            };
            let last_si = doc.sentence_of(Span::new(end, end)).unwrap_or(si);
            let sent = Span::new(
                doc.sentences[si].span.start,
                doc.sentences[last_si].span.end,
            );
            let speaker = attribute(doc, q, sent)
                .or_else(|| {
                    // continuation of the previous sentence's attributed quote or statement
                    last_speaker
                        .filter(|(_, lsi)| si <= lsi + 1)
                        .map(|(m, _)| m)
                })
                .or_else(|| previous_sentence_speaker(doc, si));
            if let Some(sp) = speaker {
                last_speaker = Some((sp, last_si));
            }
            let mut ev = Event::new(EventClass::Statement, sent, "quotes");
            ev.speaker = speaker;
            ev.quote = Some(q);
            ev.about = about_in(doc, q, speaker);
            ev.status = Some("reported");
            ev.confidence = if speaker.is_some() { 0.8 } else { 0.5 };
            events.push(ev);
        }
        events.extend(pull_quotes(doc));
        doc.events.extend(events);
    }
}

/// Code-point spans of quoted text (inside the marks) in body zones.
///
/// Walks bytes: the marks are `"` and the three-byte `“`/`”` (E2 80 9C/9D),
/// and a line break resets the open quotes; other characters are skipped
/// without being decoded, eight at a time (see [`next_mark`]).
pub fn quote_spans(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for body in doc.body_spans() {
        let r = doc.bytes(body);
        let t = &doc.text()[r.clone()];
        let bytes = t.as_bytes();
        let mut line_start = 0;
        let mut open: Option<usize> = None;
        let mut straight: Option<usize> = None;
        let mut from = 0;
        while let Some(i) = next_mark(bytes, from) {
            from = i + 1;
            match bytes[i] {
                b'\n' => {
                    line_start = i + 1;
                    open = None;
                    straight = None;
                }
                0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                    Some(0x9C) => open = Some(i + 3),
                    Some(0x9D) => {
                        if let Some(s) = open.take() {
                            out.push((doc.cp(r.start + s), doc.cp(r.start + i)));
                        }
                    }
                    _ => {}
                },
                b'"' => {
                    let prev = t[line_start..i].chars().next_back();
                    let opening = prev.is_none_or(|p| {
                        p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | ':')
                    });
                    match straight {
                        None if opening => straight = Some(i + 1),
                        Some(s) if !opening || i > s => {
                            out.push((doc.cp(r.start + s), doc.cp(r.start + i)));
                            straight = None;
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The first byte at or after `from` that is a line feed, a straight quote or
/// 0xE2 (the lead byte of `“` and `”`): the only bytes [`quote_spans`] acts on.
/// Tests eight bytes at a time with the "has a zero byte" trick on `w ^ x`:
/// its lowest flagged byte is always a real match (borrows only flag bytes
/// above one), so the lowest flag over the three marks is the first mark.
fn next_mark(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let flags = |w: u64, x: u8| {
        let v = w ^ (ONES * u64::from(x));
        v.wrapping_sub(ONES) & !v & HIGHS
    };
    let mut i = from;
    while i + 8 <= b.len() {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let m = flags(w, b'\n') | flags(w, b'"') | flags(w, 0xE2);
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|&c| matches!(c, b'\n' | b'"' | 0xE2))
        .map(|p| i + p)
}

fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    words.len() >= 3 && caps * 10 >= words.len() * 7
}

fn is_speaker_kind(k: EntityKind) -> bool {
    matches!(
        k,
        EntityKind::Person | EntityKind::Organization | EntityKind::Company
    )
}

/// The speaker attached to a quote inside its sentence(s).
fn attribute(doc: &Document, q: Span, sent: Span) -> Option<usize> {
    let after_q = Span::new((q.end + 1).min(sent.end), sent.end);
    let after = doc.slice(after_q);
    let ms_after: Vec<usize> = doc
        .mentions_in(after_q)
        .into_iter()
        .filter(|&m| is_speaker_kind(doc.mentions[m].kind))
        .collect();
    let person_after = ms_after
        .iter()
        .copied()
        .find(|&m| doc.mentions[m].kind == EntityKind::Person);
    // "…,” said Charu Chanana" / "…,” noted Bank of America's Head … Subramanian"
    if after_verb_first(after) {
        if let Some(m) = person_after.or(ms_after.first().copied()) {
            return Some(m);
        }
    }
    // "Powell's warning about “…”" / "X said: “…”"
    let before_q = Span::new(sent.start, q.start.saturating_sub(1).max(sent.start));
    let before = doc.slice(before_q);
    if BEFORE_VERB.is_match(before) {
        let ms: Vec<usize> = doc
            .mentions_in(before_q)
            .into_iter()
            .filter(|&m| is_speaker_kind(doc.mentions[m].kind))
            .collect();
        let person = ms
            .iter()
            .rev()
            .find(|&&m| doc.mentions[m].kind == EntityKind::Person);
        if let Some(m) = person.or(ms.last()) {
            return Some(*m);
        }
    }
    // "…,” she added"
    if after_pronoun(after) {
        return last_person_before(doc, q.start);
    }
    // "…,” Citi said."
    if let Some(&m) = ms_after.first() {
        let gap = doc.slice(Span::new(after_q.start, doc.mentions[m].span.start));
        let rest = doc.slice(Span::new(doc.mentions[m].span.end, sent.end));
        static VERB_NEXT: LazyLock<Regex> = LazyLock::new(|| {
            regex_new(&format!(
                r"^(?:['’]s?)?\s+(?:\w+\s+){{0,2}}(?:{SPEECH_VERBS})\b"
            ))
            .unwrap()
        });
        if gap.trim_matches([',', ' ', '.', '”', '"']).is_empty() && VERB_NEXT.is_match(rest) {
            return Some(m);
        }
    }
    None
}

/// A quote with no attribution right after a sentence that names a speaker.
fn previous_sentence_speaker(doc: &Document, si: usize) -> Option<usize> {
    if si == 0 {
        return None;
    }
    let prev = doc.sentences[si - 1].span;
    let text = doc.slice(prev);
    if !has_speech_verb(text) {
        return None;
    }
    let ms = doc.mentions_in(prev);
    ms.iter()
        .copied()
        .find(|&m| doc.mentions[m].kind == EntityKind::Person)
        .or_else(|| ms.into_iter().find(|&m| doc.mentions[m].kind.is_org()))
}

fn last_person_before(doc: &Document, cp: usize) -> Option<usize> {
    doc.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == EntityKind::Person && m.span.end <= cp)
        .max_by_key(|(_, m)| m.span.end)
        .map(|(i, _)| i)
}

/// Companies named inside the quote (other than the speaker's own entity).
fn about_in(doc: &Document, q: Span, speaker: Option<usize>) -> Vec<usize> {
    let se = speaker.and_then(|s| doc.mentions[s].entity);
    let mut v: Vec<usize> = doc
        .mentions_in(q)
        .into_iter()
        .filter(|&m| doc.mentions[m].kind == EntityKind::Company && doc.mentions[m].entity != se)
        .collect();
    v.truncate(1);
    v
}

/// Pull quotes: a line of text followed by a line "– Chief Strategist, Saxo Markets".
fn pull_quotes(doc: &Document) -> Vec<Event> {
    let mut out = Vec::new();
    for body in doc.body_spans() {
        let r = doc.bytes(body);
        let t = &doc.text()[r.clone()];
        // each non-blank line (with its byte offset) after the one before it
        let mut prev: Option<(usize, &str)> = None;
        for l in t.split('\n') {
            if l.trim().is_empty() {
                continue;
            }
            let (ab, al) = (l.as_ptr() as usize - doc.text().as_ptr() as usize, l);
            let Some((qb, ql)) = prev.replace((ab, al)) else {
                continue;
            };
            if !is_attribution_line(al) || is_attribution_line(ql) {
                continue;
            }
            if al.split_whitespace().count() > 10 || ql.split_whitespace().count() < 4 {
                continue;
            }
            let lead = ql.len() - ql.trim_start().len();
            let qt = ql.trim();
            let qs = doc.span(qb + lead, qb + lead + qt.len());
            let lead_a = al.len() - al.trim_start().len();
            let at = doc.span(ab + lead_a, ab + lead_a + al.trim().len());
            let ms: Vec<usize> = doc
                .mentions_in(at)
                .into_iter()
                .filter(|&m| is_speaker_kind(doc.mentions[m].kind))
                .collect();
            let speaker = ms
                .iter()
                .copied()
                .find(|&m| doc.mentions[m].kind == EntityKind::Person)
                .or(ms.first().copied());
            let mut ev = Event::new(
                EventClass::Statement,
                Span::new(qs.start, at.end),
                "pull-quotes",
            );
            ev.speaker = speaker;
            ev.quote = Some(qs);
            ev.about = about_in(doc, qs, speaker);
            ev.status = Some("reported");
            ev.confidence = 0.6;
            out.push(ev);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand matchers of SAID, AFTER_VERB_FIRST and AFTER_PRONOUN answer
    /// as the regexes on sentences from their words, behind leads of
    /// spaces, commas and stops.
    #[test]
    fn speech_verb_matchers_match_the_regexes() {
        let sources = [AFTER_PRONOUN.as_str(), "He SHE They x"];
        let base = crate::extract::events::words::tests::sentences(
            &sources,
            30_000,
            0x7777_1234_abcd_0042,
        );
        let leads = [
            "", " ", ",", ", ", ".", "\t", " ,. ", "\u{b}", "-", "x ", "he ", ", she  ", "they\t",
            "he", "They ", ". he\n", "hex ",
        ];
        let mut hits = [0usize; 3];
        for (k, s) in base.iter().enumerate() {
            let t = format!("{}{s}", leads[k % leads.len()]);
            let want = [
                SAID.is_match(&t),
                AFTER_VERB_FIRST.is_match(&t),
                AFTER_PRONOUN.is_match(&t),
            ];
            let got = [has_speech_verb(&t), after_verb_first(&t), after_pronoun(&t)];
            assert_eq!(got, want, "{t:?}");
            for (h, w) in hits.iter_mut().zip(want) {
                *h += w as usize;
            }
        }
        assert!(hits.iter().all(|&h| h > 300), "{hits:?}");
    }

    use crate::document::{Document, EventClass, Meta};

    /// The char-by-char version the byte walk replaced, as a reference.
    fn quote_spans_reference(doc: &Document) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for body in doc.body_spans() {
            let r = doc.bytes(body);
            let t = &doc.text()[r.clone()];
            for line in t.split_inclusive('\n') {
                let lbase = line.as_ptr() as usize - doc.text().as_ptr() as usize;
                // curly quotes
                let mut open: Option<usize> = None;
                let mut straight: Option<usize> = None;
                for (i, c) in line.char_indices() {
                    match c {
                        '“' => open = Some(i + c.len_utf8()),
                        '”' => {
                            if let Some(s) = open.take() {
                                out.push((doc.cp(lbase + s), doc.cp(lbase + i)));
                            }
                        }
                        '"' => {
                            let prev = line[..i].chars().next_back();
                            let opening = prev.is_none_or(|p| {
                                p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | ':')
                            });
                            match straight {
                                None if opening => straight = Some(i + 1),
                                Some(s) if !opening || i > s => {
                                    out.push((doc.cp(lbase + s), doc.cp(lbase + i)));
                                    straight = None;
                                }
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        out
    }

    #[test]
    fn byte_walk_matches_the_char_reference() {
        let pieces = [
            "Headline", "\n", "\n\n", " ", "“", "”", "\"", "(", "[", "—", "–", ":", "é", "股",
            "said", " Lorna", " rose 3%", ",", ".", "‘", "’", "\u{2003}", "\u{a0}", "a", "The",
        ];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = || rng.next_u64();
        for _ in 0..20_000 {
            let n = (next() % 40) as usize;
            let t: String = std::iter::once("Headline\n\nThe first line of text is here.\n")
                .chain((0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]))
                .collect();
            let mut d = Document::new(t.clone(), Meta::default());
            crate::extract::zones::Zoner.run(&mut d);
            assert_eq!(quote_spans(&d), quote_spans_reference(&d), "{t:?}");
        }
    }

    #[test]
    fn attribution_lines_match_the_regex() {
        let pieces = [
            "–", "—", "-", "‐", " ", "\t", "\u{a0}", "\u{2003}", "\u{85}", "\u{b}", "x", "Saxo",
            ",", "é", "\r",
        ];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..50_000 {
            let n = rng.below(6);
            let l: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(
                is_attribution_line(&l),
                ATTRIBUTION_LINE.is_match(&l),
                "{l:?}"
            );
        }
    }

    #[test]
    fn next_mark_finds_the_first_mark() {
        let pieces: [&[u8]; 9] = [
            b"\n",
            b"\"",
            "“".as_bytes(),
            "”".as_bytes(),
            "é".as_bytes(),
            b"abcdefgh",
            b"a",
            b" ",
            &[0xE1, 0xE3, 0x0B, 0x22 ^ 0x80, 0x0A ^ 0x01],
        ];
        let mut rng = crate::text::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let n = rng.below(12);
            let b: Vec<u8> = (0..n)
                .flat_map(|_| pieces[rng.below(pieces.len())].iter().copied())
                .collect();
            for from in 0..=b.len() {
                let want = b[from..]
                    .iter()
                    .position(|&c| matches!(c, b'\n' | b'"' | 0xE2))
                    .map(|p| from + p);
                assert_eq!(next_mark(&b, from), want, "{b:?} {from}");
            }
        }
    }

    fn quotes(body: &str) -> Vec<(Option<String>, String)> {
        let mut d = Document::new(format!("Headline\n\n{body}\n"), Meta::default());
        crate::Pipeline::default_pipeline().run(&mut d);
        d.events
            .iter()
            .filter(|e| e.class == EventClass::Statement && e.quote.is_some())
            .map(|e| {
                (
                    e.speaker
                        .and_then(|s| d.entity_of(s))
                        .map(|x| x.name.clone()),
                    d.slice(e.quote.unwrap()).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn said_after_the_quote_names_the_speaker() {
        let q = quotes("“Demand for chips is strong everywhere,” said Lorna Quist, chief economist at Fictive Capital.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0.as_deref(), Some("Lorna Quist"));
        assert_eq!(q[0].1, "Demand for chips is strong everywhere,");
    }

    #[test]
    fn a_following_quote_continues_the_same_speaker() {
        let q = quotes("“Demand is strong in every market,” said Lorna Quist, an analyst at Fictive Capital. “We expect more upside next year.”");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].0.as_deref(), Some("Lorna Quist"));
    }

    #[test]
    fn pronouns_and_organisations_as_speakers() {
        let q = quotes("Tomas Brenner said the rally could last. \"It may pressure credit spreads later,\" he added. \"Baidu has finally unlocked its hidden value,\" Citi said.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0.as_deref(), Some("Tomas Brenner"));
        assert_eq!(q[1].0.as_deref(), Some("Citi"));
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotes() {
        let q = quotes("Valuations look \"expensive\" and a \"new normal\" may follow, the draft \"Several Policy Measures Supporting Battery Recycling\" says.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn pull_quote_with_attribution_line() {
        let q = quotes("Some paragraph of ordinary text comes first here.\n\nChinese tech leaders are doubling down on AI and chips.\n\n– Chief Investment Strategist, Saxo Markets\n\nMore text follows in the next paragraph of the story.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0.as_deref(), Some("Saxo Markets"));
    }
}
