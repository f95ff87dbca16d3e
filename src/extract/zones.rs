//! Article body vs. page furniture.
//!
//! Scraped pages carry headers, bylines, disclaimers, "Related Articles"
//! teasers, adverts and blocks in another language. Facts come from the body
//! only, and every other zone is kept (with a reason) so users can see what was
//! left out. Classification is per line, with markers that end the body
//! ("Source link", "Most Discussed", "Disclaimer:", "(END)"...).

use crate::document::{Document, Zone, ZoneKind};
use crate::pipeline::{layer, Extractor};
use crate::text::{cjk_ratio, is_ascii_space};
use regex::Regex;
use std::sync::LazyLock;

pub struct Zoner;

/// Lines after which nothing belongs to the article body.
static TERMINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:source\s+link\b|related\s+(?:articles?|stories|news|posts|content|reading)\b|most\s+(?:discussed|popular|viewed)\b|recommended\s+(?:for\s+you|stories|articles)\b|read\s+more\b|more\s+from\b|you\s+may\s+also\s+like\b|disclaimer\b|\(end\)|write\s+to\s+\S|copyright\b|©|all\s+rights\s+reserved|about\s+the\s+author\b|author\s*$|tags?\s*:|免责声明|免責聲明|热议股票|應版權方要求|应版权方要求)").unwrap()
});
/// Lines that are boilerplate wherever they appear.
static BOILER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:most\s+read\s+from\b|\d+\s+min(?:ute)?s?\s+read\s*$|\d+\s+views?\s*$|visited\s+\d+\s+times|listen\s+to\s+(?:this\s+)?article|share\s+this\b|advertisement\s*$|sponsored\s*$|financial\s+market\s+analysis\s+from\b|market\s+conditions\s+may\s+have\s+changed|goTop\s*$|quote\s*$|placeholder\s*$|\?>\s*$|sign\s+up\b|subscribe\b|follow\s+us\b)").unwrap()
});
/// Teasers and adverts inside an otherwise normal paragraph.
static ADVERT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bclick\s+(?:here|to\s+find\s+out|to\s+read)\b|\bjoin\s+\S+(?:\s+\S+)?\s+now\b|\bclaim\s+(?:a|your)\s+\S*\s*bonus\b|\bsign\s+up\s+(?:now|today|for)\b|\bdownload\s+the\s+app\b)").unwrap()
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*By\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:(?:,\s*|\s+and\s+)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*\s*$").unwrap()
});
/// A wire credit opening the first paragraph: "(Bloomberg) — ".
static CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\([A-Z][A-Za-z&.' ]{1,40}\)\s*[—–-]+\s*").unwrap());

/// Whether a trimmed line may match an anchored, case-insensitive regex whose
/// alternatives all start with one of `starts` (ASCII lowercase letters and
/// other ASCII bytes). A line starting with another ASCII byte cannot match; a
/// line starting with a non-ASCII character is left to the regex (Unicode case
/// folding: "ſ" matches `s`, and `\d` matches non-ASCII digits).
fn may_start_with(trimmed: &str, starts: u128) -> bool {
    match trimmed.as_bytes().first() {
        Some(&b) if b.is_ascii() => starts >> b.to_ascii_lowercase() & 1 != 0,
        _ => true,
    }
}

/// A set of ASCII bytes as a bit mask: one shift and test per look-up, where
/// searching a list calls memchr for every line.
const fn byte_set(bytes: &[u8]) -> u128 {
    let mut m = 0u128;
    let mut i = 0;
    while i < bytes.len() {
        m |= 1 << bytes[i];
        i += 1;
    }
    m
}

/// First bytes of the [`TERMINAL`] alternatives (after `^\s*`).
const TERMINAL_STARTS: u128 = byte_set(b"srmydwcat(");
/// First bytes of the [`BOILER_LINE`] alternatives (after `^\s*`).
const BOILER_STARTS: u128 = byte_set(b"m0123456789vlsafgqp?");

/// Whether a trimmed line may match an anchored regex whose alternatives all
/// start with one of `pairs` (two ASCII bytes, letters lower-case; matched
/// without case), given that [`may_start_with`] already allowed its first
/// byte. A first or second character that is not ASCII is left to the regex;
/// no alternative has `s` or `k` (which "ſ" and the Kelvin sign fold to) or a
/// `\d` second, so only ASCII can match there.
fn may_start_with_pair(trimmed: &str, pairs: &[[u8; 2]]) -> bool {
    match trimmed.as_bytes() {
        [a, b, ..] if a.is_ascii() && b.is_ascii() => {
            pairs.contains(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()])
        }
        [_, _, ..] => true,
        // one byte: an ASCII letter, digit or mark; no alternative is that short
        _ => false,
    }
}

/// First two bytes of the ASCII-led [`TERMINAL`] alternatives.
const TERMINAL_PAIRS: &[[u8; 2]] = &[
    *b"so", *b"re", *b"mo", *b"yo", *b"di", *b"(e", *b"wr", *b"co", *b"al", *b"ab", *b"au", *b"ta",
];

/// The first words of the letter-led [`TERMINAL`] alternatives, lower-case.
const TERMINAL_WORDS: &[&str] = &[
    "source",
    "related",
    "most",
    "recommended",
    "read",
    "more",
    "you",
    "disclaimer",
    "write",
    "copyright",
    "all",
    "about",
    "author",
    "tag",
    "tags",
];

fn is_terminal(trimmed: &str) -> bool {
    may_start_with(trimmed, TERMINAL_STARTS)
        && may_start_with_pair(trimmed, TERMINAL_PAIRS)
        && (!trimmed.starts_with(|c: char| c.is_ascii_alphabetic())
            || lead_word_is(trimmed.as_bytes(), TERMINAL_WORDS))
        && TERMINAL.is_match(trimmed)
}

/// Whether the run of ASCII letters that `t` starts with may be the first
/// word of an anchored alternative whose first word is one of `words`
/// (lower-case, matched without case). Every such alternative goes on after
/// its first word with `\s`, `\b`, `:` or the end, none of which matches
/// a letter, so the whole run must be the word. A run followed by a
/// non-ASCII character is left to the regex: "ſ" and the Kelvin sign fold
/// to `s` and `k`, and other letters would be part of the word.
fn lead_word_is(t: &[u8], words: &[&str]) -> bool {
    let k = t.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if t.get(k).is_some_and(|b| !b.is_ascii()) {
        return true;
    }
    let run = &t[..k];
    words.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(run))
}

/// First two bytes of the [`BOILER_LINE`] alternatives that start with a
/// letter or `?` (those starting with `\d` are left to the regex).
const BOILER_PAIRS: &[[u8; 2]] = &[
    *b"mo", *b"vi", *b"li", *b"sh", *b"ad", *b"sp", *b"fi", *b"ma", *b"go", *b"qu", *b"pl", *b"?>",
    *b"si", *b"su", *b"fo",
];

/// The first words of the letter-led [`BOILER_LINE`] alternatives, lower-case.
const BOILER_WORDS: &[&str] = &[
    "most",
    "visited",
    "listen",
    "share",
    "advertisement",
    "sponsored",
    "financial",
    "market",
    "gotop",
    "quote",
    "placeholder",
    "sign",
    "subscribe",
    "follow",
];

/// The words after `\d+\s+` in the digit-led [`BOILER_LINE`] alternatives.
const BOILER_COUNTED: &[&str] = &["min", "mins", "minute", "minutes", "view", "views"];

fn is_boiler_line(trimmed: &str) -> bool {
    may_start_with(trimmed, BOILER_STARTS)
        && (trimmed.starts_with(|c: char| c.is_ascii_digit())
            || may_start_with_pair(trimmed, BOILER_PAIRS))
        && boiler_lead(trimmed.as_bytes())
        && BOILER_LINE.is_match(trimmed)
}

/// Whether a trimmed line may match [`BOILER_LINE`] by its first word (see
/// [`lead_word_is`]), or for a line led by ASCII digits, by the word after
/// them and ASCII whitespace. Anything non-ASCII on the way (a digit or a
/// space for `\d` or `\s`) is left to the regex, as are lines led by
/// other characters.
fn boiler_lead(t: &[u8]) -> bool {
    match t.first() {
        Some(c) if c.is_ascii_alphabetic() => lead_word_is(t, BOILER_WORDS),
        Some(c) if c.is_ascii_digit() => {
            let d = t.iter().take_while(|b| b.is_ascii_digit()).count();
            let s = t[d..].iter().take_while(|&&b| is_ascii_space(b)).count();
            match t.get(d + s) {
                Some(b) if !b.is_ascii() => true,
                // `\d+` needs `\s+` after it
                _ if s == 0 => false,
                _ => lead_word_is(&t[d + s..], BOILER_COUNTED),
            }
        }
        _ => true,
    }
}

/// The number of words of `s`, counted up to `cap` (enough to compare it with
/// a bound below `cap`). ASCII text is counted by bytes (Unicode White_Space in
/// ASCII is `\t`..`\r` and space).
fn words(s: &str, cap: usize) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().take(cap).count();
    }
    let mut n = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = is_ascii_space(b);
        if !space && !in_word {
            n += 1;
            if n == cap {
                break;
            }
        }
        in_word = !space;
    }
    n
}

impl Extractor for Zoner {
    fn name(&self) -> &'static str {
        "zones"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::ZONES]
    }
    fn run(&self, doc: &mut Document) {
        let zones = classify(doc);
        doc.zones = zones;
    }
}

fn classify(doc: &Document) -> Vec<Zone> {
    let text = doc.text();
    // (byte start, byte end, kind, reason) per non-empty line, trimmed.
    let mut lines: Vec<(usize, usize, ZoneKind, &'static str)> =
        Vec::with_capacity(text.len() / 64 + 4);
    let mut off = 0;
    let mut body_started = false;
    let mut ended: Option<(ZoneKind, &'static str)> = None;
    let mut first = true;
    let doc_cjk = cjk_ratio(text);
    // an ASCII text has no CJK line
    let may_be_foreign = !text.is_ascii() && doc_cjk < 0.5;
    let may_advert = may_have_advert(text);
    while off < text.len() {
        // the pieces of `text.split_inclusive('\n')`
        let start = off;
        off = line_end(text.as_bytes(), off);
        let raw = &text[start..off];
        let line = trim_line_break(raw);
        let rest = trim_start_ws(line);
        let lead = line.len() - rest.len();
        let trimmed = trim_end_ws(rest);
        if trimmed.is_empty() {
            continue;
        }
        let (s, e) = (start + lead, start + lead + trimmed.len());
        if first {
            first = false;
            // a long first line ending like a sentence is text, not a headline
            let sentence_like =
                words(trimmed, 10) >= 10 && trimmed.ends_with(['.', '?', '!', '”', '"']);
            // a record whose title came separately (JSON Lines, HTML metadata) starts with text
            let is_title = doc
                .meta
                .headline
                .as_deref()
                .is_none_or(|h| h.trim() == trimmed);
            if !sentence_like && is_title {
                lines.push((s, e, ZoneKind::Header, "headline"));
                continue;
            }
        }
        let foreign = may_be_foreign && cjk_ratio(trimmed) > 0.3;
        if let Some((kind, reason)) = ended {
            let (k, r) = if foreign {
                (
                    ZoneKind::ForeignLanguage,
                    "text in another language than the article",
                )
            } else {
                (kind, reason)
            };
            lines.push((s, e, k, r));
            continue;
        }
        if is_terminal(trimmed) && (body_started || words(trimmed, 4) <= 3) {
            let lower = trimmed.to_lowercase();
            let (kind, reason) = if lower.starts_with("source link")
                || lower.starts_with("related")
                || lower.starts_with("most ")
                || lower.starts_with("recommended")
                || lower.starts_with("read more")
                || lower.starts_with("more from")
                || lower.starts_with("you may")
            {
                (
                    ZoneKind::Related,
                    "links and teasers for other stories after the article",
                )
            } else if lower.starts_with("write to")
                || lower.starts_with("author")
                || lower.starts_with("about the author")
            {
                (ZoneKind::Byline, "author contact or bio after the article")
            } else {
                (
                    ZoneKind::Boilerplate,
                    "disclaimer, credit or copyright after the article",
                )
            };
            if body_started {
                ended = Some((kind, reason));
            }
            lines.push((s, e, kind, reason));
            continue;
        }
        if foreign {
            lines.push((
                s,
                e,
                ZoneKind::ForeignLanguage,
                "text in another language than the article",
            ));
            continue;
        }
        if is_boiler_line(trimmed) {
            lines.push((
                s,
                e,
                ZoneKind::Boilerplate,
                "page furniture (reading time, views, notices)",
            ));
            continue;
        }
        if may_advert && ADVERT.is_match(trimmed) {
            lines.push((
                s,
                e,
                ZoneKind::Advert,
                "advert or teaser asking the reader to act",
            ));
            continue;
        }
        if !body_started {
            // both are anchored at a literal: "By", "("
            if trimmed.starts_with("By") && BYLINE.is_match(trimmed) {
                lines.push((s, e, ZoneKind::Byline, "byline"));
                continue;
            }
            if let Some(m) = CREDIT.find(trimmed).filter(|_| trimmed.starts_with('(')) {
                lines.push((
                    s,
                    s + m.end(),
                    ZoneKind::Header,
                    "wire credit naming the publisher",
                ));
                lines.push((s + m.end(), e, ZoneKind::Body, "article text"));
                body_started = true;
                continue;
            }
            // a short line that wraps into a lower-case continuation is the start of a sentence
            let wraps = || {
                text[off..]
                    .split('\n')
                    .next()
                    .is_some_and(|next| next.starts_with(|c: char| c.is_lowercase()))
            };
            if words(trimmed, 8) < 8
                && may_be_date(trimmed)
                && crate::input::parse_any_date(trimmed).is_some()
                || words(trimmed, 5) < 5 && !trimmed.ends_with(['.', '?', '!', ':']) && !wraps()
            {
                lines.push((
                    s,
                    e,
                    ZoneKind::Header,
                    "header line (source, date) before the body",
                ));
                continue;
            }
            body_started = true;
        }
        lines.push((s, e, ZoneKind::Body, "article text"));
    }
    // Merge consecutive lines of one kind into zones (gaps are whitespace only).
    let mut zones: Vec<Zone> = Vec::new();
    for (s, e, kind, reason) in lines {
        let span = doc.span(s, e);
        if let Some(last) = zones.last_mut() {
            if last.kind == kind && last.reason == reason {
                last.span.end = span.end;
                continue;
            }
        }
        zones.push(Zone { span, kind, reason });
    }
    zones
}

/// The byte after the first line break at or after `i`, or the length: eight
/// bytes at a time while none is a line break (a word has a zero byte after
/// `xor` with repeated `\n` exactly when `(x - 0x01…) & !x & 0x80…` is not zero).
fn line_end(bytes: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap()) ^ (LO * b'\n' as u64);
        if x.wrapping_sub(LO) & !x & HI != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() {
        i += 1;
        if bytes[i - 1] == b'\n' {
            break;
        }
    }
    i
}

/// `s.trim_end_matches(['\n', '\r'])` by bytes (neither byte occurs inside
/// a multi-byte character).
fn trim_line_break(s: &str) -> &str {
    let b = s.as_bytes();
    let mut e = b.len();
    while e > 0 && matches!(b[e - 1], b'\n' | b'\r') {
        e -= 1;
    }
    &s[..e]
}

/// `s.trim_start()`, skipping ASCII whitespace by bytes and leaving the rest
/// to `trim_start` when a non-ASCII character follows (it may be a space).
fn trim_start_ws(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && is_ascii_space(b[i]) {
        i += 1;
    }
    if b.get(i).is_some_and(|&c| c >= 0x80) {
        s[i..].trim_start()
    } else {
        &s[i..]
    }
}

/// `s.trim_end()`, the mirror of [`trim_start_ws`].
fn trim_end_ws(s: &str) -> &str {
    let b = s.as_bytes();
    let mut e = b.len();
    while e > 0 && is_ascii_space(b[e - 1]) {
        e -= 1;
    }
    if e > 0 && b[e - 1] >= 0x80 {
        s[..e].trim_end()
    } else {
        &s[..e]
    }
}

/// Whether a line of `text` may match [`ADVERT`]. A match inside a trimmed
/// line is one of the whole text at the same place: the line is bordered by
/// whitespace, line breaks or the ends of the text, all of which `\b` and
/// `\s` see as they see the ends of the line. So one search of the text
/// stands for all its lines; it is made only for ASCII text, which the lazy
/// DFA searches whole (elsewhere each line is searched, as before).
fn may_have_advert(text: &str) -> bool {
    !text.is_ascii() || ADVERT.is_match(text)
}

/// Whether [`crate::input::parse_any_date`] may read a date in `s`: each of its
/// forms needs a digit (its regexes a `\d`, which may be a non-ASCII digit).
fn may_be_date(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii())
}

/// The zones of a text, for tests and tools.
pub fn zones_of(text: &str) -> Vec<(ZoneKind, String)> {
    let doc = Document::new(text.to_string(), Default::default());
    classify(&doc)
        .into_iter()
        .map(|z| (z.kind, doc.slice(z.span).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<ZoneKind> {
        zones_of(t).into_iter().map(|z| z.0).collect()
    }

    #[test]
    fn first_byte_gates_never_rule_out_a_match() {
        let heads = [
            "Source link",
            "source  LINK",
            "Related Articles",
            "related stories",
            "Most Discussed",
            "most read from Bloomberg",
            "MOST VIEWED",
            "Recommended for you",
            "Read more",
            "More from",
            "You may also like",
            "Disclaimer: x",
            "(END) Dow Jones",
            "(end)",
            "Write to a@b.c",
            "Copyright 2024",
            "© Reuters",
            "All rights reserved",
            "About the author",
            "Author",
            "Tags: x",
            "tag :",
            "免责声明",
            "免責聲明",
            "热议股票",
            "應版權方要求",
            "应版权方要求",
            "5 min read",
            "12 minutes read",
            "300 views",
            "١٢ views",
            "Visited 3 times",
            "Listen to this article",
            "Share this",
            "Advertisement",
            "Sponsored",
            "Financial market analysis from x",
            "Market conditions may have changed",
            "goTop",
            "Quote",
            "Placeholder",
            "?>",
            "Sign up",
            "Subscribe",
            "Follow us",
            "ſource link",
            "ſhare this",
            "ſubscribe",
            "\u{212a}",
            "Shares rose 3%.",
            "The index",
            "By Reuters",
            "Kelvin",
            "x",
            "1",
            "-",
            "\"quote\"",
            "Émile",
            "股票",
        ];
        let mut lines: Vec<String> = Vec::new();
        for h in heads {
            lines.push(h.to_string());
            lines.push(h.to_uppercase());
            lines.push(h.to_lowercase());
            lines.push(format!("{h} and more words"));
        }
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            lines.push(format!("{c}ource link"));
            lines.push(format!("{c} views"));
        }
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for h in [
                "v{c}sited 3 times",
                "1{c}views",
                "12{c}min read",
                "?{c}",
                "s{c}gn up",
                "g{c}Top",
                "q{c}ote",
                "s{c}urce link",
                "({c}nd)",
                "a{c}out the author",
                "t{c}g:",
                "m{c}st read from",
                "c{c}ick here",
                "{c}",
                "a{c}",
            ] {
                lines.push(h.replace("{c}", &c.to_string()));
            }
        }
        // every head with a character put in each of its first twelve places,
        // or a character's place taken, and digit-led counts
        let mut chars: Vec<char> = (0u8..128).map(char::from).collect();
        chars.extend(['ſ', '\u{212a}', 'é', '\u{a0}', '١', '\u{3000}', 'İ']);
        let mut edited: Vec<String> = Vec::new();
        for h in
            heads
                .iter()
                .copied()
                .chain(["1 min read", "12 Views", "3\tminutes read", "4 viewsx"])
        {
            for (i, _) in h.char_indices().take(12) {
                for &c in &chars {
                    let mut t = h.to_string();
                    t.insert(i, c);
                    edited.push(t.trim().to_string());
                    let mut t = h.to_string();
                    let next = h[i..].chars().next().map_or(0, char::len_utf8);
                    t.replace_range(i..i + next, c.encode_utf8(&mut [0; 4]));
                    edited.push(t.trim().to_string());
                }
            }
        }
        let mut hits = 0;
        for l in &edited {
            let t = TERMINAL.is_match(l);
            let b = BOILER_LINE.is_match(l);
            hits += usize::from(t) + usize::from(b);
            assert_eq!(is_terminal(l), t, "{l:?}");
            assert_eq!(is_boiler_line(l), b, "{l:?}");
        }
        assert!(hits > 5_000, "{hits}");
        for l in &lines {
            assert_eq!(is_terminal(l), TERMINAL.is_match(l), "{l:?}");
            assert!(may_be_date(l) || crate::input::parse_any_date(l).is_none());
            for cap in [1, 4, 5, 8, 10] {
                assert_eq!(
                    words(l, cap),
                    l.split_whitespace().take(cap).count(),
                    "{l:?}"
                );
            }
            assert_eq!(is_boiler_line(l), BOILER_LINE.is_match(l), "{l:?}");
            assert_eq!(
                l.starts_with("By") && BYLINE.is_match(l),
                BYLINE.is_match(l),
                "{l:?}"
            );
            assert_eq!(
                CREDIT.find(l).filter(|_| l.starts_with('(')),
                CREDIT.find(l),
                "{l:?}"
            );
        }
    }

    #[test]
    fn byte_trims_are_the_std_trims() {
        let mut rng = crate::text::XorShift(0x9b05_688c_2b3e_6c1f);
        let alphabet = [
            "a", "\n", "\r", " ", "\t", "\x0b", "\x0c", "é", "\u{a0}", "\u{85}", "\u{2028}",
            "\u{3000}", "\u{200b}", "x y",
        ];
        for _ in 0..30_000 {
            let t: String = (0..rng.below(12))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            assert_eq!(
                trim_line_break(&t),
                t.trim_end_matches(['\n', '\r']),
                "{t:?}"
            );
            assert_eq!(trim_start_ws(&t), t.trim_start(), "{t:?}");
            assert_eq!(trim_end_ws(&t), t.trim_end(), "{t:?}");
        }
    }

    #[test]
    fn line_end_walks_the_pieces_of_split_inclusive() {
        let mut rng = crate::text::XorShift(0x3c6e_f372_fe94_f82b);
        let alphabet = [
            "a", "\n", "\r\n", " ", "é", "\x0a\x0a", "\u{2028}", "\u{10a}",
        ];
        for _ in 0..20_000 {
            let t: String = (0..rng.below(40))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let mut got = Vec::new();
            let mut off = 0;
            while off < t.len() {
                let start = off;
                off = line_end(t.as_bytes(), off);
                got.push(&t[start..off]);
            }
            let want: Vec<&str> = t.split_inclusive('\n').collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    /// No line matches the advert regex unless the whole text does.
    #[test]
    fn advert_in_a_line_is_advert_in_the_text() {
        const PIECES: &[&str] = &[
            "click", "CLICK", "here", "to", "read", "find", "out", "join", "Join", "now", "claim",
            "a", "your", "bonus", "sign", "up", "today", "for", "download", "the", "app", "x", "é",
            "ſign", " ", " ", "  ", "\n", "\n", "\r\n", "\n  ", "\t", "-", ".", "\u{a0}",
        ];
        let mut rng = crate::text::XorShift(0x6a09_e667_f3bc_c908);
        let mut hits = 0;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..rng.below(24) {
                t.push_str(PIECES[rng.below(PIECES.len())]);
                if rng.below(3) > 0 {
                    t.push(' ');
                }
            }
            for line in t.split('\n') {
                let trimmed = line.trim_end_matches('\r').trim();
                if !trimmed.is_empty() && ADVERT.is_match(trimmed) {
                    hits += 1;
                    assert!(may_have_advert(&t), "{t:?}");
                    assert!(ADVERT.is_match(&t), "{t:?}");
                }
            }
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn header_body_and_disclaimer() {
        let z = zones_of("Headline Here\n\nDeep News\nSep 25\n\nMarkets showed renewed strength on the morning, with the index rising.\n\nMore body text follows here in a second paragraph of words.\n\nDisclaimer: Investing carries risk.\n\nMost Discussed\n\n1. 1\n");
        assert_eq!(z[0].0, ZoneKind::Header);
        assert_eq!(z[1].0, ZoneKind::Header);
        let body: Vec<_> = z.iter().filter(|z| z.0 == ZoneKind::Body).collect();
        assert_eq!(body.len(), 1);
        assert!(body[0].1.starts_with("Markets showed"));
        assert!(body[0].1.ends_with("paragraph of words."));
        assert!(z
            .iter()
            .any(|z| z.0 == ZoneKind::Boilerplate && z.1.starts_with("Disclaimer")));
    }

    #[test]
    fn a_separate_title_means_the_text_starts_with_body() {
        let meta = crate::document::Meta {
            headline: Some("FARM PRICES".into()),
            ..Default::default()
        };
        let d = Document::new(
            "The U.S. Agriculture Department\nreported prices for the week.\n".into(),
            meta,
        );
        let z = classify(&d);
        assert_eq!(z.len(), 1);
        assert_eq!(z[0].kind, ZoneKind::Body);
    }

    #[test]
    fn wire_credit_is_split_from_the_body() {
        let z = zones_of("Title\n\n(Bloomberg) — Chinese tech stocks extended their rally Thursday, fueled by enthusiasm.\n\nMost Read from Bloomberg\n\nChinese technology companies have been on a strong upward trajectory lately.\n\nSource link\n\nRelated Article\n\nOklo Inc. (NYSE:OKLO) surged by 48.86% this week on news.\n");
        assert_eq!(z[1], (ZoneKind::Header, "(Bloomberg) — ".to_string()));
        assert!(z[2].1.starts_with("Chinese tech stocks"));
        assert_eq!(z[3].0, ZoneKind::Boilerplate);
        assert_eq!(z[4].0, ZoneKind::Body);
        assert!(z[5..].iter().all(|z| z.0 == ZoneKind::Related));
    }

    #[test]
    fn adverts_and_foreign_blocks_are_not_body() {
        let k = kinds("T\n\n来源 Cryptopolitan\n\nChinese technology shares rallied on Wednesday as bets lifted an index.\n\nJoin Bybit now and claim a $50 bonus in minutes\n\n免责声明:仅供参考。 过去的表现并不预示未来的结果。\n");
        assert_eq!(
            k,
            vec![
                ZoneKind::Header,
                ZoneKind::Header,
                ZoneKind::Body,
                ZoneKind::Advert,
                ZoneKind::Boilerplate
            ]
        );
    }

    #[test]
    fn bylines_and_end_credits() {
        let z = zones_of("T\n\nBy Sherry Qin and Tracy Qu\n\nChina's tech rally shows no signs of slowing, with shares gaining.\n\nWrite to Sherry Qin at sherry.qin@wsj.com\n\n(END) Dow Jones Newswires\n");
        assert_eq!(z[1].0, ZoneKind::Byline);
        assert_eq!(z[2].0, ZoneKind::Body);
        assert_eq!(z[3].0, ZoneKind::Byline);
        assert!(z[3..].iter().all(|z| z.0 != ZoneKind::Body));
    }
}
