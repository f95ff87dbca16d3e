//! Entity recognition: gazetteer lookup, then patterns for names no list has.
//!
//! Patterns need a cue — a corporate suffix, a ticker notation, a job title,
//! an attribution verb, a coordination with known names — so that capitalised
//! sentence starts and title-case headings do not flood the graph.

use crate::document::{Document, EntityKind, Mention, Span};
use crate::extract::pattern::{regex_new, AsciiFast};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{layer, Extractor};
use crate::text::{
    ceil_boundary, floor_boundary, is_ascii_space, is_ascii_word_byte, is_function_word,
    word_bounded, WordList,
};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Pre-check groups, one bit each (see [`Gates`]).
const G_SUFFIX: u16 = 1;
const G_ORG: u16 = 2;
const G_SAID: u16 = 4;
const G_SHARES: u16 = 8;
const G_VENUE: u16 = 16;
const G_PRODUCT: u16 = 32;
const G_CUE: u16 = 64;
const G_QUOTED: u16 = 128;
const G_BRAND: u16 = 256;
const G_ALL: u16 = 511;

/// How a literal of a pre-check group must occur in a sentence.
#[derive(Clone, Copy)]
enum Occurs {
    /// in any ASCII case
    AnyCase,
    /// as written
    Exact,
    /// as written, right after whitespace (an ASCII space or control, or the
    /// last byte of a non-ASCII character, which covers Unicode `\s`)
    ExactAfterSpace,
}

/// Necessary conditions for the sentence patterns: for each group, literals of
/// which every match of its pattern contains one. One Aho-Corasick pass over a
/// sentence tells which groups may match; a group whose bit is clear certainly
/// does not, so its pattern is skipped.
struct Gates {
    ac: AhoCorasick,
    lits: Vec<String>,
    any_case: Vec<u16>,
    exact: Vec<u16>,
    after_space: Vec<u16>,
}

impl Gates {
    fn new(groups: &[(u16, Occurs, Vec<String>)]) -> Self {
        let mut lits: Vec<String> = Vec::new();
        let (mut any_case, mut exact, mut after_space) = (Vec::new(), Vec::new(), Vec::new());
        for (bit, occurs, ls) in groups {
            for l in ls {
                assert!(!l.is_empty());
                let i = match lits.iter().position(|x| x == l) {
                    Some(i) => i,
                    None => {
                        lits.push(l.clone());
                        any_case.push(0);
                        exact.push(0);
                        after_space.push(0);
                        lits.len() - 1
                    }
                };
                match occurs {
                    Occurs::AnyCase => any_case[i] |= bit,
                    Occurs::Exact => exact[i] |= bit,
                    Occurs::ExactAfterSpace => after_space[i] |= bit,
                }
            }
        }
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&lits)
            .unwrap();
        Gates {
            ac,
            lits,
            any_case,
            exact,
            after_space,
        }
    }

    /// The groups whose patterns may match `st`.
    #[cfg(test)]
    fn open(&self, st: &str) -> u16 {
        self.scan(st).bits
    }

    /// The groups whose patterns may match `st`, and where the literals of
    /// each group occur (see [`Opened`]).
    fn scan(&self, st: &str) -> Opened {
        let b = st.as_bytes();
        let mut bits = 0u16;
        let mut at = [None; 9];
        for m in self.ac.find_overlapping_iter(st) {
            let p = m.pattern().as_usize();
            let mut groups = self.any_case[p] | self.exact[p] | self.after_space[p];
            while groups != 0 {
                let r: &mut Option<(usize, usize)> = &mut at[groups.trailing_zeros() as usize];
                *r = Some(r.map_or((m.start(), m.start()), |(a, z)| {
                    (a.min(m.start()), z.max(m.start()))
                }));
                groups &= groups - 1;
            }
            bits |= self.any_case[p];
            if (self.exact[p] | self.after_space[p]) & !bits != 0
                && &b[m.range()] == self.lits[p].as_bytes()
            {
                bits |= self.exact[p];
                if m.start() > 0 && matches!(b[m.start() - 1], b'\t'..=b'\r' | b' ' | 0x80..) {
                    bits |= self.after_space[p];
                }
            }
            if bits == G_ALL {
                // the literal positions are not all known: no windows
                return Opened {
                    bits,
                    at: [Some((0, st.len())); 9],
                };
            }
        }
        Opened { bits, at }
    }
}

/// What [`Gates::scan`] found in a sentence: the open groups, and for each
/// group the byte offsets of the first and last occurrence of any of its
/// literals (in any case, after anything), from which [`window`] bounds
/// where its patterns can match.
struct Opened {
    bits: u16,
    at: [Option<(usize, usize)>; 9],
}

impl Opened {
    /// Where the literals of `group` (one bit) occur.
    fn hits(&self, group: u16) -> Option<(usize, usize)> {
        self.at[group.trailing_zeros() as usize]
    }
}

/// Tokens a [`SUFFIX_NAME`] match can start before the token holding its
/// suffix word, and end after it. The match is `\b{CAP}` (which may start
/// inside a token: "(Acme"), up to five times a whitespace-separated `{CAP}`
/// or connector and `{CAP}` (ten whole tokens), whitespace and the suffix word,
/// which starts a token: eleven tokens back. The suffix spans at most two
/// tokens ("Asset Management"), then maybe one more word ("Co."), with a
/// `-A` share class glued on: two tokens ahead. One token of slack each way.
const SUFFIX_BACK: usize = 12;
const SUFFIX_AHEAD: usize = 3;
/// The same for [`ORG_NAME`] around its head word: the first branch has a
/// `{CAP}` token and up to five one-token words before the head, and after
/// it "of", "the", a `{CAP}` and up to three "and {CAP}" (nine tokens); the
/// second starts at the head (maybe inside a token) and has the same tail.
const ORG_BACK: usize = 7;
const ORG_AHEAD: usize = 10;
/// The same for the attribution patterns around their verb: a
/// [`PERSON_NAME`] spans at most five tokens (a word, an initial, a particle
/// and two more words), which in [`NAME_SAID`] come before the verb's token,
/// in [`POSSESSIVE_PERSON`] after the token holding `'s` before them, and in
/// [`SAID_PERSON`] after the verb (and "to" of "according to"). One token of
/// slack each way.
const NAME_SAID_BACK: usize = 6;
const POSSESSIVE_BACK: usize = 7;
const SAID_PERSON_AHEAD: usize = 7;
/// The same for [`SHARES_OF`] around its cue word: the first branch has
/// "of"/"in"/"at"/"from" and up to four `{CAP}` tokens after the cue's token,
/// the second up to three `{CAP}` tokens (the first maybe inside a token)
/// before it and the verb's token after it.
const SHARES_BACK: usize = 4;
const SHARES_AHEAD: usize = 6;
/// The same for [`CUE_COMPANY`]: the match starts in the token holding its
/// cue word ("chipmaker" holds "maker") and goes on over "giant"/"firm" of a
/// two-word cue and up to four `{CAP}` tokens.
const CUE_BACK: usize = 1;
const CUE_AHEAD: usize = 6;

/// The byte range of `st` from the start of the token `back` tokens before
/// the one holding byte `first` to the end of the token `ahead` tokens after
/// the one holding byte `last` (or the end of `st`). `toks` are the tokens of
/// `st` ([`tokens`]: split on the whitespace the patterns' `\s` knows), so the
/// range ends before whitespace or at the end of `st`, where `\b` holds just
/// as in the whole sentence.
fn window(
    st: &str,
    toks: &[(usize, &str)],
    hits: (usize, usize),
    back: usize,
    ahead: usize,
) -> (usize, usize) {
    let holding = |at: usize| toks.partition_point(|&(s, _)| s <= at).saturating_sub(1);
    let (i, j) = (holding(hits.0), holding(hits.1));
    let start = toks.get(i.saturating_sub(back)).map_or(0, |&(s, _)| s);
    let end = toks.get(j + ahead).map_or(st.len(), |&(s, w)| s + w.len());
    (start, end)
}

/// `re.find_iter(st)` for a pattern all of whose matches lie in `range`:
/// the same matches, searched for in `st[..range.1]` from `range.0` on
/// (`find_at` looks behind the start for `\b`). No match of these patterns is
/// empty, so each search goes on at the end of the last match.
fn find_within<'h>(
    re: &'h Regex,
    st: &'h str,
    range: (usize, usize),
) -> impl Iterator<Item = regex::Match<'h>> + 'h {
    let hay = &st[..range.1];
    let mut at = range.0;
    std::iter::from_fn(move || {
        let m = re.find_at(hay, at)?;
        assert!(m.end() > m.start());
        at = m.end();
        Some(m)
    })
}

/// `re.captures_iter(st)` for a pattern all of whose matches lie in `range`,
/// as [`find_within`] does for `find_iter`.
fn captures_within<'h>(
    re: &'h Regex,
    st: &'h str,
    range: (usize, usize),
) -> impl Iterator<Item = regex::Captures<'h>> + 'h {
    let hay = &st[..range.1];
    let mut at = range.0;
    std::iter::from_fn(move || {
        let c = re.captures_at(hay, at)?;
        let m = c.get(0).unwrap();
        assert!(m.end() > m.start());
        at = m.end();
        Some(c)
    })
}

/// The alternatives of a group of plain words such as [`CORP_SUFFIX`], in
/// order, each as its literal and an optional last byte (`s?`, `\.?`), and
/// the bytes they start with (most places hold none, and are passed over
/// without looking at the list).
struct Alternatives {
    alts: Vec<(Vec<u8>, Option<u8>)>,
    first: [bool; 256],
}

impl Alternatives {
    fn of(group: &str) -> Self {
        let inner = group
            .strip_prefix("(?:")
            .and_then(|g| g.strip_suffix(')'))
            .expect("a (?:…) group");
        let alts: Vec<(Vec<u8>, Option<u8>)> = inner
            .split('|')
            .map(|alt| {
                let mut lit = Vec::new();
                let mut opt = None;
                let mut bs = alt.bytes().peekable();
                while let Some(c) = bs.next() {
                    let c = if c == b'\\' {
                        let n = bs.next().expect("an escape");
                        assert!(n.is_ascii_punctuation(), "a class in {alt}");
                        n
                    } else {
                        assert!(c.is_ascii_alphanumeric() || c == b' ', "syntax in {alt}");
                        c
                    };
                    if bs.peek() == Some(&b'?') {
                        bs.next();
                        assert!(bs.peek().is_none(), "only a last byte is optional: {alt}");
                        opt = Some(c);
                    } else {
                        lit.push(c);
                    }
                }
                assert!(!lit.is_empty(), "an empty literal in {alt}");
                (lit, opt)
            })
            .collect();
        let mut first = [false; 256];
        for (lit, _) in &alts {
            first[usize::from(lit[0])] = true;
        }
        Alternatives { alts, first }
    }

    /// The end of the first alternative that matches `b` at `at`, the
    /// optional byte taken when it is there, as a leftmost-first regex does.
    fn first_match(&self, b: &[u8], at: usize) -> Option<usize> {
        let rest = b.get(at..)?;
        if !self.first[usize::from(*rest.first()?)] {
            return None;
        }
        self.alts.iter().find_map(|(lit, opt)| {
            rest.starts_with(lit).then(|| {
                let e = at + lit.len();
                e + usize::from(opt.is_some() && b.get(e) == opt.as_ref())
            })
        })
    }
}

/// `\w` of an ASCII pattern, and the rest of [`CAP`]'s first form.
fn is_cap_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'&' | b'\'' | b'.' | b'-')
}

/// Where a [`CAP`] that starts at `at` in ASCII text ends if whitespace
/// follows it, which is all the patterns here let follow a `CAP`: `[A-Z]`
/// and the longest run of `[\w&'.-]`, or the digits and then letters of
/// `\d+[A-Za-z]*` (any shorter form is followed by one of its own bytes).
fn cap_before_space(b: &[u8], at: usize) -> Option<usize> {
    cap_end(b, at).filter(|&e| e < b.len() && is_ascii_space(b[e]))
}

/// The end of the whitespace run at `at`, if there is one.
fn spaces(b: &[u8], at: usize) -> Option<usize> {
    let mut e = at;
    while e < b.len() && is_ascii_space(b[e]) {
        e += 1;
    }
    (e > at).then_some(e)
}

/// The matches of [`SUFFIX_NAME`] in ASCII text that start in `from..to`
/// (a [`window`] that holds them all), as `find_iter` finds them, by a walk over the words instead of a
/// regex search. From a word boundary, a `CAP` and up to five more (each
/// after whitespace, maybe after a connector word) make a chain whose every
/// link is forced: each `CAP` must end before whitespace, and connectors are
/// never `CAP`s. The greedy repetition then backs off from the longest chain
/// until whitespace and a [`CORP_SUFFIX`] word follow; the first suffix
/// alternative that matches there wins (all after it is optional), then the
/// optional trailing word and share class are taken where they match.
fn ascii_suffix_names(st: &str, (from, to): (usize, usize)) -> Vec<(usize, usize)> {
    static SUFFIXES: LazyLock<Alternatives> = LazyLock::new(|| Alternatives::of(CORP_SUFFIX));
    static TRAILING: LazyLock<Alternatives> = LazyLock::new(|| Alternatives::of(SUFFIX_TRAILING));
    const CONNECTORS: [&[u8]; 6] = [b"of", b"and", b"&", b"de", b"du", b"la"];
    let b = st.as_bytes();
    let word = |k: usize| is_ascii_word_byte(b[k]);
    let mut out = Vec::new();
    let mut p = from;
    while p < to {
        let boundary = p == 0 || !word(p - 1);
        let Some(e0) = boundary.then(|| cap_before_space(b, p)).flatten() else {
            p += 1;
            continue;
        };
        // the ends of the chain's links
        let mut ends = [e0; 6];
        let mut n = 1;
        while n < 6 {
            let t = spaces(b, ends[n - 1]).expect("a CAP here ends before whitespace");
            let t = CONNECTORS
                .iter()
                .find(|c| b[t..].starts_with(c))
                .and_then(|c| spaces(b, t + c.len()))
                .unwrap_or(t);
            match cap_before_space(b, t) {
                Some(e) => {
                    ends[n] = e;
                    n += 1;
                }
                None => break,
            }
        }
        let suffix_end = ends[..n].iter().rev().find_map(|&e| {
            let t = spaces(b, e).expect("a CAP here ends before whitespace");
            SUFFIXES.first_match(b, t)
        });
        let Some(mut e) = suffix_end else {
            p += 1;
            continue;
        };
        if let Some(t) = spaces(b, e) {
            e = TRAILING.first_match(b, t).unwrap_or(e);
        }
        // `(?:-[A-Z]{1,2}\b)?`
        if b.get(e) == Some(&b'-') && b.get(e + 1).is_some_and(u8::is_ascii_uppercase) {
            let bound = |k: usize| k == b.len() || !word(k);
            if b.get(e + 2).is_some_and(u8::is_ascii_uppercase) && bound(e + 3) {
                e += 3;
            } else if bound(e + 2) {
                e += 2;
            }
        }
        out.push((p, e));
        p = e;
    }
    out
}

/// Where the longest [`CAP`] that starts at `at` in ASCII text ends (`[A-Z]`
/// and the run of `[\w&'.-]` after it, or `\d+[A-Za-z]*`).
fn cap_end(b: &[u8], at: usize) -> Option<usize> {
    let c = *b.get(at)?;
    let mut e = at + 1;
    if c.is_ascii_uppercase() {
        while e < b.len() && is_cap_byte(b[e]) {
            e += 1;
        }
    } else if c.is_ascii_digit() {
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        while e < b.len() && b[e].is_ascii_alphabetic() {
            e += 1;
        }
    } else {
        return None;
    }
    Some(e)
}

/// The end of the [`ORG_HEAD`] word at `at`, if one is there (no head word is
/// the start of another, so at most one is).
fn org_head(b: &[u8], at: usize) -> Option<usize> {
    static HEADS: LazyLock<Alternatives> = LazyLock::new(|| Alternatives::of(ORG_HEAD));
    HEADS.first_match(b, at)
}

/// `{CAP}(?:\s+(?:and\s+)?{CAP}){0,3}` at `at`, at the end of a match: every
/// part greedy, and nothing after it to make one back off.
fn cap_list_end(b: &[u8], at: usize) -> Option<usize> {
    let mut e = cap_end(b, at)?;
    for _ in 0..3 {
        let Some(t) = spaces(b, e) else { break };
        let t = b[t..]
            .starts_with(b"and")
            .then(|| spaces(b, t + 3))
            .flatten()
            .unwrap_or(t);
        match cap_end(b, t) {
            Some(x) => e = x,
            None => break,
        }
    }
    Some(e)
}

/// `(?:the\s+)?{CAP}(?:\s+(?:and\s+)?{CAP}){0,3}` at `at` ("the" is no `CAP`,
/// so the group is taken whenever it is there).
fn the_cap_list_end(b: &[u8], at: usize) -> Option<usize> {
    let t = b[at..]
        .starts_with(b"the")
        .then(|| spaces(b, at + 3))
        .flatten()
        .unwrap_or(at);
    cap_list_end(b, t)
}

/// The matches of [`ORG_NAME`] in ASCII text that start in `from..to` (a
/// [`window`] that holds them all), as `find_iter` finds them, by a walk over
/// the words. At a word boundary the first branch takes a `CAP` (maybe with
/// `'s`) before whitespace, then a forced chain of up to five `CAP`s or
/// connectors, each before whitespace, and backs off from its end until an
/// [`ORG_HEAD`] word ends at a word boundary; the optional "of the …" tail is
/// then taken where it matches. Where the first branch fails the second
/// needs an `ORG_HEAD`, " of ", and a list of `CAP`s.
fn ascii_org_names(st: &str, (from, to): (usize, usize)) -> Vec<(usize, usize)> {
    const CONNECTORS: [&[u8]; 3] = [b"and", b"of", b"for"];
    let b = st.as_bytes();
    let word = |k: usize| k < b.len() && is_ascii_word_byte(b[k]);
    let first_branch = |p: usize| -> Option<usize> {
        let e = cap_end(b, p)?;
        let e = if b[e..].starts_with(b"'s") { e + 2 } else { e };
        let mut ends = [spaces(b, e)?; 6];
        let mut n = 1;
        while n < 6 {
            let t = ends[n - 1];
            let unit = match CONNECTORS.iter().find(|c| b[t..].starts_with(c)) {
                Some(c) => t + c.len(),
                None => cap_end(b, t).unwrap_or(t),
            };
            match (unit > t).then(|| spaces(b, unit)).flatten() {
                Some(x) => {
                    ends[n] = x;
                    n += 1;
                }
                None => break,
            }
        }
        let mut e = ends[..n]
            .iter()
            .rev()
            .find_map(|&t| org_head(b, t).filter(|&h| !word(h)))?;
        // `(?:\s+(?:of|for)(?:\s+the)?\s+{CAP}…)?`
        let tail = spaces(b, e).and_then(|t| {
            let c = [&b"of"[..], b"for"]
                .into_iter()
                .find(|c| b[t..].starts_with(c))?;
            the_cap_list_end(b, spaces(b, t + c.len())?)
        });
        if let Some(x) = tail {
            e = x;
        }
        Some(e)
    };
    let second_branch = |p: usize| -> Option<usize> {
        let t = spaces(b, org_head(b, p)?)?;
        if !b[t..].starts_with(b"of") {
            return None;
        }
        the_cap_list_end(b, spaces(b, t + 2)?)
    };
    let mut out = Vec::new();
    let mut p = from;
    while p < to {
        let boundary = word(p) && (p == 0 || !word(p - 1));
        match boundary
            .then(|| first_branch(p).or_else(|| second_branch(p)))
            .flatten()
        {
            Some(e) => {
                out.push((p, e));
                p = e;
            }
            None => p += 1,
        }
    }
    out
}

/// For a group of plain alternatives such as [`CORP_SUFFIX`], the literal each
/// alternative's matches begin with: escapes are unescaped, an optional last
/// character (`s?`, `\.?`) is dropped, and the literal stops at any other
/// regex syntax. Every match of the group contains one of these.
fn required_literals(group: &str) -> Vec<String> {
    let inner = group
        .strip_prefix("(?:")
        .and_then(|g| g.strip_suffix(')'))
        .expect("a (?:…) group");
    assert!(!inner.contains(['(', ')']), "nested group: {group}");
    inner
        .split('|')
        .map(|alt| {
            let mut lit = String::new();
            let mut cs = alt.chars().peekable();
            while let Some(c) = cs.next() {
                let (ch, escaped) = if c == '\\' {
                    match cs.next() {
                        Some(n) if n.is_ascii_punctuation() => (n, true),
                        _ => break, // a class such as \s: the literal ends here
                    }
                } else {
                    (c, false)
                };
                if !escaped && "[]{}*+?.^$|".contains(ch) {
                    break;
                }
                if matches!(cs.peek(), Some('?' | '*' | '{')) {
                    break; // optional or repeated: not required
                }
                lit.push(ch);
            }
            assert!(!lit.is_empty(), "no required literal in {alt}");
            lit
        })
        .collect()
}

pub struct GazetteerEntities;
pub struct PatternEntities;

/// Words that make a preceding known company name more trustworthy.
static CORP_CUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(r"^(?:['’]s\b|\s+(?:Inc|Corp|Ltd|Co|Group|Holdings|Platforms|shares?|stock|ADRs?|analysts?|CEO|executives?|said|says|reported|announced|unveiled|launched|posted|rose|fell|gained|climbed|jumped|slid|dropped)\b|\s*\()").unwrap()
});
static CORP_CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(r"(?:\b(?:shares\s+of|stake\s+in|rival|rivals|peers?|like|including|such\s+as|and|maker|giant|firm|company|startup|operator|group)\s+|,\s*)$").unwrap()
});

fn push(doc: &mut Document, m: Mention) -> bool {
    if m.span.is_empty() || doc.mentions.iter().any(|x| x.span.overlaps(m.span)) {
        return false;
    }
    doc.mentions.push(m);
    true
}

fn mention(span: Span, kind: EntityKind, extractor: &'static str, confidence: f32) -> Mention {
    Mention {
        span,
        kind,
        gazetteer: None,
        tickers: vec![],
        extractor,
        confidence,
        entity: None,
    }
}

fn is_sentence_start(doc: &Document, byte: usize) -> bool {
    let cp = doc.cp(byte);
    doc.sentences.iter().any(|s| s.span.start == cp)
        || doc.text()[..byte].trim_end().ends_with(['\n', '“', '"'])
        || doc.text()[..byte].trim_end().is_empty()
}

impl Extractor for GazetteerEntities {
    fn name(&self) -> &'static str {
        "gazetteer"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::ZONES, layer::SENTENCES]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::MENTIONS]
    }
    fn warm_ups(&self) -> &'static [fn()] {
        &[|| _ = Gazetteer::builtin()]
    }
    fn run(&self, doc: &mut Document) {
        let g = Gazetteer::builtin();
        for body in doc.body_spans() {
            let r = doc.bytes(body);
            let hits = g.find(&doc.text()[r.clone()]);
            // First pass: unambiguous hits; second: ambiguous ones with a cue.
            let mut accepted: Vec<(usize, usize, usize)> = Vec::new();
            let mut pending = Vec::new();
            for h in hits {
                let (s, e) = (r.start + h.start, r.start + h.end);
                if g.entries[h.entry].ambiguous {
                    pending.push((s, e, h.entry));
                } else {
                    accepted.push((s, e, h.entry));
                }
            }
            for (s, e, id) in pending {
                let text = doc.text();
                let after = &text[e..floor_boundary(text, e + 24)];
                let before = &text[ceil_boundary(text, s.saturating_sub(24))..s];
                // listed next to a known name of the same kind: "Microsoft, Meta, Google, and Amazon"
                let glue = |x: usize, y: usize| -> bool {
                    x <= y && y - x <= 6 && {
                        let g = text[x..y].trim();
                        g.trim_matches([',', '&']).trim().is_empty() || g == "and" || g == ", and"
                    }
                };
                let near_known = accepted.iter().any(|&(as_, ae, ai)| {
                    g.entries[ai].kind == g.entries[id].kind && (glue(ae, s) || glue(e, as_))
                });
                let cue = CORP_CUE_AFTER.is_match(after) || CORP_CUE_BEFORE.is_match(before);
                if !is_sentence_start(doc, s) && (near_known || cue) || near_known && cue {
                    accepted.push((s, e, id));
                }
            }
            accepted.sort();
            for (s, e, id) in accepted {
                let entry = &g.entries[id];
                let mut m = mention(doc.span(s, e), entry.kind, "gazetteer", 0.9);
                m.gazetteer = Some(entry.id.clone());
                push(doc, m);
            }
        }
        doc.mentions.sort_by_key(|m| m.span);
    }
}

// ---------------------------------------------------------------------------
// Patterns

const CAP: &str = r"(?:[A-Z][\w&'’.-]*|\d+[A-Za-z]*)";
const CORP_SUFFIX: &str = r"(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|Ltd\.?|Limited|LLC|L\.P\.|LP|PLC|plc|AG|SA|S\.A\.|SE|NV|N\.V\.|Holdings?|Group|Bancorp|Technologies|Technology|Semiconductors?|Capital|Securities|Mining|Motors?|Pharmaceuticals?|Medicine|Energy|Electronics|Software|Systems|Networks|Airlines|Financial|Investments?|Ventures|Labs|Robotics|Logistics|Resources|Insurance|Automotive|Industries|Enterprises|Telecom|Communications|Biotech|Therapeutics|Foods|Brands|Partners|Bank|Research|Economics|Advisors|Advisers|Asset Management|Management|Power Supply)";
/// A second suffix word after a [`CORP_SUFFIX`] ("Holdings Ltd.").
const SUFFIX_TRAILING: &str = r"(?:Co\.|Inc\.?|Ltd\.?|Corp\.?|Holdings|Group)";
const ORG_HEAD: &str = r"(?:Commission|Ministry|Bureau|Agency|Authority|Council|Administration|Department|Committee|Office|Regulator|Exchange|Association|Federation|Institute|University|Court|Parliament|Congress|Senate|Reserve|Fund)";

static SUFFIX_NAME: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b{CAP}(?:\s+(?:of|and|&|de|du|la)\s+{CAP}|\s+{CAP}){{0,5}}\s+{CORP_SUFFIX}(?:\s+{SUFFIX_TRAILING})?(?:-[A-Z]{{1,2}}\b)?"
    ))
});
static ORG_NAME: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?:{CAP}(?:['’]s)?\s+)(?:{CAP}\s+|(?:and|of|for)\s+){{0,5}}{ORG_HEAD}\b(?:\s+(?:of|for)(?:\s+the)?\s+{CAP}(?:\s+(?:and\s+)?{CAP}){{0,3}})?|\b{ORG_HEAD}\s+of\s+(?:the\s+)?{CAP}(?:\s+(?:and\s+)?{CAP}){{0,3}}"
    ))
});
/// A name that ends in a corporate suffix word.
static ENDS_SUFFIX: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(&format!(r"\s{CORP_SUFFIX}$")));
/// A parenthesised ticker notation: (NYSE:OKLO), (HK:1347), (JD, 9618.HK), (AAPL).
static TICKER: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(r"\((?:(?P<ex>[A-Z]{2,8}):\s?(?P<sym>[A-Z0-9][A-Z0-9.]{0,9})|(?P<list>[A-Z0-9][A-Z0-9.]{0,9}(?:,\s*[A-Z0-9][A-Z0-9.]{0,9}){0,3}))\)").unwrap()
});
const PERSON_NAME: &str = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z]\.)?(?:\s+(?:van|von|de|da|del|bin)\s+)?(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}";

static SAID_NAME: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"(?:\b(?:said|says|added|noted|wrote|according\s+to|told\s+\w+)\s+|[,”]\s+)(?P<name>{PERSON_NAME}),\s+(?:the\s+|a\s+)?(?P<title>[a-z][\w\s-]{{2,60}}?)\s+(?:at|of|with|for)\s+"
    ))
});
static NAME_SAID: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?P<name>{PERSON_NAME})\s+(?:said|says|told|added|noted|wrote|stated|believes|warned|predicted)\b"
    ))
});
static SAID_PERSON: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?:said|says|added|according\s+to)\s+(?P<name>{PERSON_NAME})\b"
    ))
});
static POSSESSIVE_PERSON: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"['’]s?\s+(?P<name>{PERSON_NAME})\s+(?:said|says|told|added|noted|wrote)\b"
    ))
});
static CUE_COMPANY: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?:startup|start-up|conglomerate|chipmaker|automaker|carmaker|retailer|lender|insurer|carrier|e-commerce\s+(?:giant|firm)|tech\s+(?:giant|firm)|firm|company|rival|peer|subsidiary|unit|maker|developer|operator)\s+(?P<name>{CAP}(?:\s+{CAP}){{0,3}})"
    ))
});
static SHARES_OF: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?:shares\s+(?:of|in)|analysts\s+(?:at|from)|stake\s+in)\s+(?P<name>{CAP}(?:\s+{CAP}){{0,3}})|(?P<name2>{CAP}(?:\s+{CAP}){{0,2}})\s+(?:shares|stock)\s+(?:rose|fell|gained|climbed|jumped|surged|slid|dropped|declined|tumbled|soared|rallied|advanced|were|was|have|had)\b"
    ))
});
static PRODUCT_QUOTED: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r#"\b(?:assistant|application|app|model|brand|chatbot|platform|phone|smartphone|chip|device|vehicle|car|service|product|system|tool|agent|feature)s?\s+["“](?P<name>[A-Z][^"”,.]{1,40})[,.]?["”]"#,
    )
});
static PRODUCT_BRAND: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"\b(?:brand|model|smartphone|phone|flagship|chatbot|platform)\s+(?:called\s+|named\s+|the\s+)?(?P<name>[A-Z][A-Za-z]+(?:\s+(?:[A-Z][A-Za-z]*|AI|\d{1,3}))?)",
    )
});
static PRODUCT_MODEL: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"\b(?P<name>(?:i[A-Z][a-z]+|[A-Z][a-z]+)\s+\d{1,3}(?:\s+(?:Pro|Max|Ultra|Plus|Mini|Air|Lite))?)\b",
    )
});
static VENUE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?:at|in|from)\s+the\s+(?P<name>{CAP}(?:\s+{CAP}){{0,5}}\s+(?:Center|Centre|Park|Hall|Stadium|Plaza|Tower|Convention\s+Center|Exhibition\s+Center|Port|Airport|Zone))\b|(?:['’]s\s+)(?P<dc>[A-Z][a-z]+\s+data\s+(?:center|centre))\b"
    ))
});
/// Pre-checks of the sentence patterns above.
static GATES: LazyLock<Gates> = LazyLock::new(|| {
    let v = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    Gates::new(&[
        // SUFFIX_NAME: `\s+{CORP_SUFFIX}`
        (
            G_SUFFIX,
            Occurs::ExactAfterSpace,
            required_literals(CORP_SUFFIX),
        ),
        // ORG_NAME: both branches hold an ORG_HEAD
        (G_ORG, Occurs::Exact, required_literals(ORG_HEAD)),
        // NAME_SAID, SAID_PERSON, POSSESSIVE_PERSON: an attribution verb
        (
            G_SAID,
            Occurs::Exact,
            v(&[
                "said",
                "says",
                "told",
                "added",
                "noted",
                "wrote",
                "stated",
                "believes",
                "warned",
                "predicted",
                "according",
            ]),
        ),
        (
            G_SHARES,
            Occurs::Exact,
            v(&["shares", "analysts", "stake", "stock"]),
        ),
        (
            G_VENUE,
            Occurs::Exact,
            v(&[
                "Center", "Centre", "Park", "Hall", "Stadium", "Plaza", "Tower", "Port", "Airport",
                "Zone", "data",
            ]),
        ),
        // `PRODUCT_CONTEXT` words in any ASCII case: the same as searching
        // `to_lowercase()`, as no word has a `k` (Kelvin sign) or ends in `i`
        // (`İ` lowercases to `i` and a combining dot), the only non-ASCII
        // characters whose lowercase holds an ASCII letter
        (G_PRODUCT, Occurs::AnyCase, v(PRODUCT_CONTEXT)),
        // CUE_COMPANY: a cue noun ("maker" stands for chip-, auto- and carmaker)
        (
            G_CUE,
            Occurs::Exact,
            v(&[
                "startup",
                "start-up",
                "conglomerate",
                "maker",
                "retailer",
                "lender",
                "insurer",
                "carrier",
                "e-commerce",
                "tech",
                "firm",
                "company",
                "rival",
                "peer",
                "subsidiary",
                "unit",
                "developer",
                "operator",
            ]),
        ),
        // PRODUCT_QUOTED: an opening quote
        (G_QUOTED, Occurs::Exact, v(&["\"", "“"])),
        // PRODUCT_BRAND: a product noun as written ("phone" stands for "smartphone")
        (
            G_BRAND,
            Occurs::Exact,
            v(&["brand", "model", "phone", "flagship", "chatbot", "platform"]),
        ),
    ])
});

static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| regex_new(r"^[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}$").unwrap());

const PRODUCT_CONTEXT: &[&str] = &[
    "smartphone",
    "phone",
    "model",
    "launch",
    "release",
    "device",
    "chip",
    "vehicle",
    "car",
    "flagship",
];

const NOT_NAMES: &[&str] = &[
    "AI",
    "Chief",
    "Executive",
    "Officer",
    "Head",
    "Market",
    "Markets",
    "Investment",
    "Strategy",
    "Equity",
    "Quantitative",
    "Group",
    "Vice",
    "Chairman",
    "Inc",
    "Ltd",
    "Corp",
    "Stock",
    "Stocks",
    "Index",
    "Technology",
    "Tech",
    "News",
    "Data",
    "Research",
    "Capital",
    "Global",
    "China",
    "Chinese",
    "Hong",
    "Kong",
    "Asian",
    "Asia",
    "American",
    "European",
    "US",
    "U.S.",
    "Federal",
    "Reserve",
    "Bank",
    "Analyst",
    "Analysts",
    "Strategist",
    "Street",
    "Wall",
    "Trade",
    "Development",
    "Reform",
    "Commission",
    "Ministry",
    "Conference",
    "Read",
    "Most",
];

/// [`NOT_NAMES`] as a hashed set: looked up for every candidate name word,
/// where a scan of the list compared each word with dozens of entries.
fn not_name(w: &str) -> bool {
    static SET: LazyLock<WordList> = LazyLock::new(|| WordList::of(NOT_NAMES.iter().copied()));
    SET.contains(w)
}

fn plausible_person(name: &str) -> bool {
    let toks: Vec<&str> = name.split_whitespace().collect();
    !toks.is_empty()
        && toks.iter().all(|t| !is_function_word(t) && !not_name(t))
        && Gazetteer::builtin()
            .lookup(name)
            .iter()
            .all(|&i| Gazetteer::builtin().entries[i].kind == EntityKind::Person)
}

/// Trims leading function words ("The", "While") from a capitalised span.
fn trim_leading(doc: &Document, s: usize, e: usize) -> Option<(usize, usize)> {
    let text = doc.text();
    let mut s = s;
    loop {
        let seg = &text[s..e];
        let first = seg.split_whitespace().next()?;
        let w = first.trim_end_matches(['’', '\'', 's']);
        let connector = [
            "of", "and", "&", "de", "du", "la", "the", "for", "in", "at", "on", "by",
        ]
        .contains(&first);
        if connector
            || is_function_word(first)
            || is_function_word(w)
            || first.chars().all(|c| c.is_ascii_digit())
        {
            let next = seg[first.len()..].len() - seg[first.len()..].trim_start().len();
            s += first.len() + next;
            if s >= e {
                return None;
            }
        } else {
            return Some((s, e));
        }
    }
}

fn strip_possessive(text: &str, s: usize, e: usize) -> (usize, usize) {
    let seg = &text[s..e];
    for suf in ["’s", "'s", "’", "'"] {
        if let Some(x) = seg.strip_suffix(suf) {
            return (s, s + x.len());
        }
    }
    (s, e)
}

fn org_kind(name: &str) -> EntityKind {
    static ORGISH: LazyLock<Regex> = LazyLock::new(|| {
        regex_new(&format!(
            r"\b(?:{ORG_HEAD}|Bank|Research|Economics|Advisors|Advisers|Securities|Partners)\b"
        ))
        .unwrap()
    });
    if ORGISH.is_match(name) {
        EntityKind::Organization
    } else {
        EntityKind::Company
    }
}

impl Extractor for PatternEntities {
    fn name(&self) -> &'static str {
        "patterns"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::ZONES, layer::SENTENCES, layer::MENTIONS]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::MENTIONS]
    }
    fn warm_ups(&self) -> &'static [fn()] {
        &[|| _ = &*GATES, || _ = &*LIST_ITEM]
    }
    fn run(&self, doc: &mut Document) {
        let g = Gazetteer::builtin();
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let mut found: Vec<Mention> = Vec::new();
        let mut st_owned = String::new();
        for sent in &sentences {
            let r = doc.bytes(*sent);
            let base = r.start;
            st_owned.clear();
            st_owned.push_str(&doc.text()[r.clone()]);
            let st = st_owned.as_str();

            // ticker notations attach to the name before them
            let tickers = if may_hold_ticker(st) {
                Some(TICKER.captures_iter(st))
            } else {
                None
            };
            for c in tickers.into_iter().flatten() {
                let m = c.get(0).unwrap();
                let tickers: Vec<String> =
                    if let (Some(ex), Some(sym)) = (c.name("ex"), c.name("sym")) {
                        vec![format!("{}:{}", ex.as_str(), sym.as_str())]
                    } else {
                        c["list"].split(',').map(|t| t.trim().to_string()).collect()
                    };
                let listed = tickers
                    .iter()
                    .any(|t| t.contains(':') || t.contains('.') || g.by_ticker(t).is_some());
                let all_tickerish = tickers.iter().all(|t| {
                    t.len() >= 2
                        && (t.contains(':')
                            || t.contains('.')
                            || t.chars().all(|c| c.is_ascii_uppercase()))
                });
                if !all_tickerish {
                    continue;
                }
                // name ends right before "(", maybe with a possessive
                let before = st[..m.start()].trim_end();
                let before = before
                    .strip_suffix("’s")
                    .or_else(|| before.strip_suffix("'s"))
                    .unwrap_or(before);
                let end = base + before.len();
                let end_cp = doc.cp(end);
                if let Some(x) = doc
                    .mentions
                    .iter_mut()
                    .find(|x| x.span.end == end_cp && x.kind.is_org())
                {
                    x.tickers.extend(tickers.clone());
                    continue;
                }
                static NAME_BEFORE: LazyLock<AsciiFast> =
                    LazyLock::new(|| AsciiFast::new(&format!(r"{CAP}(?:\s+{CAP}){{0,5}}$")));
                if let Some(nm) = NAME_BEFORE.get(before).find(before) {
                    let has_suffix = ENDS_SUFFIX.get(nm.as_str()).is_match(nm.as_str());
                    if listed || has_suffix {
                        if let Some((s, e)) = trim_leading(doc, base + nm.start(), base + nm.end())
                        {
                            let mut men = mention(
                                doc.span(s, e),
                                EntityKind::Company,
                                "ticker-notation",
                                0.85,
                            );
                            men.tickers = tickers;
                            found.push(men);
                        }
                    }
                }
            }

            let add = |doc: &Document,
                       s: usize,
                       e: usize,
                       kind: EntityKind,
                       ex: &'static str,
                       conf: f32,
                       found: &mut Vec<Mention>| {
                let (s, e) = strip_possessive(doc.text(), s, e);
                if let Some((s, e)) = trim_leading(doc, s, e) {
                    if word_bounded(doc.text(), s, e) {
                        found.push(mention(doc.span(s, e), kind, ex, conf));
                    }
                }
            };

            let heading = is_heading(st);
            let opened = GATES.scan(st);
            let gates = opened.bits;
            let toks = tokens(st);
            let suffix_names = match opened.hits(G_SUFFIX) {
                Some(hits) if gates & G_SUFFIX != 0 => {
                    let range = window(st, &toks, hits, SUFFIX_BACK, SUFFIX_AHEAD);
                    if st.is_ascii() {
                        ascii_suffix_names(st, range)
                    } else {
                        find_within(SUFFIX_NAME.unicode(), st, range)
                            .map(|m| (m.start(), m.end()))
                            .collect()
                    }
                }
                _ => Vec::new(),
            };
            for (ms, me) in suffix_names {
                let name = &st[ms..me];
                // the name goes on ("JD Global Technology Explorer Conference"): part of
                // a longer name, not a company; headings are title case throughout
                let continues = st[me..]
                    .strip_prefix(' ')
                    .and_then(|r| r.split_whitespace().next())
                    .is_some_and(|w| crate::text::is_capitalised(w) && !is_function_word(w));
                let first = name.split_whitespace().next().unwrap_or("");
                let titled = is_title_word(first) && crate::extract::roles::is_title_head(first);
                // a bare suffix word is not a name ("Group", "the Company")
                if name.split_whitespace().count() >= 2 && !continues && !heading && !titled {
                    // "Blue Owl Capital and Zeta Widgets Holdings Ltd." names two companies
                    let split = [" and ", " & "].iter().find_map(|sep| {
                        name.find(sep)
                            .filter(|&k| ENDS_SUFFIX.get(&name[..k]).is_match(&name[..k]))
                            .map(|k| (k, k + sep.len()))
                    });
                    let parts = match split {
                        Some((k, k2)) => {
                            vec![(ms, ms + k), (ms + k2, me)]
                        }
                        None => vec![(ms, me)],
                    };
                    for (ps, pe) in parts {
                        if st[ps..pe].split_whitespace().count() >= 2 {
                            add(
                                doc,
                                base + ps,
                                base + pe,
                                org_kind(&st[ps..pe]),
                                "corporate-suffix",
                                0.75,
                                &mut found,
                            );
                        }
                    }
                }
            }
            let org_names = match opened.hits(G_ORG) {
                Some(hits) if gates & G_ORG != 0 => {
                    let range = window(st, &toks, hits, ORG_BACK, ORG_AHEAD);
                    if st.is_ascii() {
                        ascii_org_names(st, range)
                    } else {
                        find_within(ORG_NAME.unicode(), st, range)
                            .map(|m| (m.start(), m.end()))
                            .collect()
                    }
                }
                _ => Vec::new(),
            };
            for (ms, me) in org_names {
                add(
                    doc,
                    base + ms,
                    base + me,
                    EntityKind::Organization,
                    "organisation-head",
                    0.7,
                    &mut found,
                );
            }
            for (s, e) in title_then_name(&toks) {
                if plausible_person(&st[s..e]) {
                    add(
                        doc,
                        base + s,
                        base + e,
                        EntityKind::Person,
                        "title-name",
                        0.8,
                        &mut found,
                    );
                }
            }
            // a group's window: around its literals (all of `st` where the gate saw every group)
            let near_hits = |group: u16, back: usize, ahead: usize| {
                opened
                    .hits(group)
                    .map_or((0, st.len()), |hits| window(st, &toks, hits, back, ahead))
            };
            let said = gates & G_SAID != 0;
            let near = if gates & (G_SAID | G_SHARES) != 0 {
                word_cues(st, &toks)
            } else {
                0
            };
            let comma = st.contains(',');
            let say_name = if comma { say_name_commas(st) } else { None };
            for (re, may, back, ahead) in [
                (&*SAID_NAME, say_name.is_some(), usize::MAX, 0),
                (
                    &*NAME_SAID,
                    said && near & NAME_THEN_VERB != 0,
                    NAME_SAID_BACK,
                    1,
                ),
                (
                    &*SAID_PERSON,
                    said && near & VERB_THEN_NAME != 0,
                    1,
                    SAID_PERSON_AHEAD,
                ),
                (
                    &*POSSESSIVE_PERSON,
                    said && near & (NAME_THEN_VERB | POSSESSIVE_CUE)
                        == NAME_THEN_VERB | POSSESSIVE_CUE,
                    POSSESSIVE_BACK,
                    1,
                ),
            ] {
                if !may {
                    continue;
                }
                // SAID_NAME's window is around the commas after its names
                let range = if back == usize::MAX {
                    said_name_range(st, &toks, say_name.unwrap_or((0, 0)))
                } else {
                    near_hits(G_SAID, back, ahead)
                };
                for c in captures_within(re.get(st), st, range) {
                    let n = c.name("name").unwrap();
                    if n.as_str().split_whitespace().count() >= 2 && plausible_person(n.as_str()) {
                        add(
                            doc,
                            base + n.start(),
                            base + n.end(),
                            EntityKind::Person,
                            "attribution",
                            0.8,
                            &mut found,
                        );
                    }
                }
            }
            let cues = if gates & G_CUE != 0 && cue_then_cap(st, &toks) {
                let range = near_hits(G_CUE, CUE_BACK, CUE_AHEAD);
                Some(captures_within(CUE_COMPANY.get(st), st, range))
            } else {
                None
            };
            for c in cues.into_iter().flatten() {
                let n = c.name("name").unwrap();
                add(
                    doc,
                    base + n.start(),
                    base + n.end(),
                    org_kind(n.as_str()),
                    "context-cue",
                    0.65,
                    &mut found,
                );
            }
            let shares = if gates & G_SHARES != 0 && near & SHARES_CUE != 0 {
                let range = near_hits(G_SHARES, SHARES_BACK, SHARES_AHEAD);
                Some(captures_within(SHARES_OF.get(st), st, range))
            } else {
                None
            };
            for c in shares.into_iter().flatten() {
                let n = c.name("name").or(c.name("name2")).unwrap();
                add(
                    doc,
                    base + n.start(),
                    base + n.end(),
                    EntityKind::Company,
                    "context-cue",
                    0.65,
                    &mut found,
                );
            }
            let quoted = if gates & G_QUOTED != 0 && quote_after_noun(st) {
                Some(PRODUCT_QUOTED.get(st).captures_iter(st))
            } else {
                None
            };
            for c in quoted.into_iter().flatten() {
                // quoted names are taken whole: "He She It" starts with a function word
                let n = c.name("name").unwrap();
                let name = n.as_str().trim_end();
                found.push(mention(
                    doc.span(base + n.start(), base + n.start() + name.len()),
                    EntityKind::Product,
                    "product-pattern",
                    0.7,
                ));
            }
            let brands = if gates & G_BRAND != 0 {
                Some(PRODUCT_BRAND.get(st).captures_iter(st))
            } else {
                None
            };
            for c in brands.into_iter().flatten() {
                let n = c.name("name").unwrap();
                add(
                    doc,
                    base + n.start(),
                    base + n.end(),
                    EntityKind::Product,
                    "product-pattern",
                    0.6,
                    &mut found,
                );
            }
            if gates & G_PRODUCT != 0 {
                for c in PRODUCT_MODEL.get(st).captures_iter(st) {
                    let n = c.name("name").unwrap();
                    let brand = n.as_str().split_whitespace().next().unwrap_or("");
                    let known = !g.lookup(brand).is_empty() || brand.starts_with('i');
                    if known {
                        found.push(mention(
                            doc.span(base + n.start(), base + n.end()),
                            EntityKind::Product,
                            "product-pattern",
                            0.7,
                        ));
                    }
                }
            }
            if !heading {
                name_shaped_people(doc, *sent, &toks, &mut found);
                acronym_orgs(doc, *sent, &toks, &mut found);
            }
            let venues = if gates & G_VENUE != 0 {
                Some(VENUE.get(st).captures_iter(st))
            } else {
                None
            };
            for c in venues.into_iter().flatten() {
                let n = c.name("name").or(c.name("dc")).unwrap();
                add(
                    doc,
                    base + n.start(),
                    base + n.end(),
                    EntityKind::Place,
                    "venue-pattern",
                    0.6,
                    &mut found,
                );
            }
        }
        dateline_places(doc, &mut found);
        merge_found(doc, found);
        coordinated_names(doc);
        surname_mentions(doc);
        doc.mentions.sort_by_key(|m| m.span);
    }
}

/// Adds the pattern mentions to the document where they do not clash with
/// the ones it has.
fn merge_found(doc: &mut Document, mut found: Vec<Mention>) {
    // Longer pattern mentions first; a pattern never overrides a gazetteer hit
    // except when it strictly contains it (e.g. "Xiaomi 17" over "Xiaomi").
    found.sort_by_key(|m| (std::cmp::Reverse(m.span.len()), m.span));
    for m in found {
        let contained: Vec<usize> = (0..doc.mentions.len())
            .filter(|&i| m.span.contains(doc.mentions[i].span) && m.span != doc.mentions[i].span)
            .collect();
        let partial = doc
            .mentions
            .iter()
            .any(|x| x.span.overlaps(m.span) && !m.span.contains(x.span));
        if partial || doc.mentions.iter().any(|x| x.span == m.span) {
            continue;
        }
        // A pattern may absorb gazetteer hits inside a longer name ("China Unicom’s
        // Sanjiangyuan data center" keeps its parts) only for products and companies
        // whose name goes on after the hit.
        if !contained.is_empty() {
            let surname_hit = m.kind == EntityKind::Person
                && m.extractor == "name-shape"
                && contained.iter().all(|&i| {
                    doc.mentions[i].span.end == m.span.end
                        && !doc.slice(doc.mentions[i].span).contains(' ')
                        && doc.mentions[i].kind != EntityKind::Person
                });
            let absorb = surname_hit
                || matches!(
                    m.kind,
                    EntityKind::Product
                        | EntityKind::Company
                        | EntityKind::Organization
                        | EntityKind::Place
                ) && contained.iter().all(|&i| {
                    doc.mentions[i].span.start == m.span.start || m.kind == EntityKind::Organization
                });
            if !absorb {
                continue;
            }
            // an organisation named after a place keeps the place ("Chongqing's
            // Development and Reform Commission" also mentions Chongqing)
            let nested_ok = m.kind == EntityKind::Organization;
            let mut keep = Vec::new();
            for (i, x) in doc.mentions.drain(..).enumerate() {
                if !contained.contains(&i) || nested_ok && x.kind == EntityKind::Place {
                    keep.push(x);
                }
            }
            doc.mentions = keep;
        }
        doc.mentions.push(m);
    }
}

/// Whether `st` may hold a match of [`SAID_NAME`] (see [`say_name_commas`]).
#[cfg(test)]
fn may_say_name(st: &str) -> bool {
    say_name_commas(st).is_some()
}

/// The first and last comma of `st` that may end the name of a
/// [`SAID_NAME`] match, whose name ("Vey-Sern Ling,") ends in a word after
/// whitespace that starts with a capital and has a lowercase letter right
/// before the comma, and whose title ("managing", "the", "a") starts with a
/// lowercase letter after the comma and whitespace. A non-ASCII byte after
/// the comma may be whitespace: such a comma may end one too. None: no
/// match. The commas are found with memchr searches.
fn say_name_commas(st: &str) -> Option<(usize, usize)> {
    let b = st.as_bytes();
    let word_byte = |c: u8| c.is_ascii_alphabetic() || c == b'-';
    let may_end_name = |i: usize| {
        if i == 0 || !b[i - 1].is_ascii_lowercase() {
            return false;
        }
        let mut p = i - 1;
        while p > 0 && word_byte(b[p - 1]) {
            p -= 1;
        }
        if !b[p].is_ascii_uppercase() {
            return false;
        }
        let mut q = i + 1;
        while q < b.len() && is_ascii_space(b[q]) {
            q += 1;
        }
        q < b.len() && (b[q] >= 0x80 || q > i + 1 && b[q].is_ascii_lowercase())
    };
    let mut found: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some(k) = st[from..].find(',') {
        let i = from + k;
        if may_end_name(i) {
            found = Some(found.map_or((i, i), |(a, _)| (a, i)));
        }
        from = i + 1;
    }
    found
}

/// Tokens a [`SAID_NAME`] match can start before the token holding the comma
/// after its name: the name spans at most five tokens ending in that one, and
/// its lead-in ("according to", "told him", or a comma or quote glued to a
/// token) two more. One token of slack.
const SAID_NAME_BACK: usize = 7;

/// Where in ASCII `st` the [`SAID_NAME`] matches lie, given the first and
/// last comma that may end their names ([`say_name_commas`]): from
/// [`SAID_NAME_BACK`] tokens before the first, to the first byte after the
/// last that is not in `[\w\s-]`, the class of everything the pattern takes
/// after the comma (the cut leaves no assertion there to look at). On other
/// text, all of `st`.
fn said_name_range(st: &str, toks: &[(usize, &str)], commas: (usize, usize)) -> (usize, usize) {
    if !st.is_ascii() {
        return (0, st.len());
    }
    let b = st.as_bytes();
    let mut end = commas.1 + 1;
    while end < b.len() && (is_ascii_word_byte(b[end]) || is_ascii_space(b[end]) || b[end] == b'-')
    {
        end += 1;
    }
    (window(st, toks, commas, SAID_NAME_BACK, 0).0, end)
}

/// [`word_cues`]: a word shaped like the end of a [`PERSON_NAME`] ("Smith")
/// right before an attribution verb of [`NAME_SAID`] or [`POSSESSIVE_PERSON`].
const NAME_THEN_VERB: u8 = 1;
/// [`word_cues`]: a word ending in a [`SAID_PERSON`] verb ("said", "to" of
/// "according to") right before a word that starts like a `PERSON_NAME`.
const VERB_THEN_NAME: u8 = 2;
/// [`word_cues`]: "shares", "analysts" or "stake" two words before a [`CAP`]
/// start, or "shares" or "stock" right before a [`SHARES_OF`] verb.
const SHARES_CUE: u8 = 4;
/// [`word_cues`]: a word ending in the `['’]s?` of [`POSSESSIVE_PERSON`]
/// right before a word that starts like a `PERSON_NAME` (most sentences
/// with an attribution verb have none, and that pattern rarely matches).
const POSSESSIVE_CUE: u8 = 8;

/// Necessary conditions for the attribution and share patterns, read off
/// the words (`toks`, split on the whitespace their `\s+` stands for) of an
/// ASCII sentence: in [`NAME_SAID`] and [`POSSESSIVE_PERSON`] the name's last
/// word (`[A-Z][a-z]+`, maybe hyphenated) is a whole word before the verb,
/// which starts the next; in [`SAID_PERSON`] the verb ends a word and the
/// name starts the next; in [`SHARES_OF`] the cue word ends a word and a
/// `CAP` starts the word after "of"/"in"/"at"/"from", or "shares"/"stock" is
/// a whole word and the next starts with its verb. A `PERSON_NAME` has two
/// words or more, so the word before its last one ends like a name word, an
/// initial or a particle (a lower-case letter or `.`), and in
/// `POSSESSIVE_PERSON` its first word starts the word after one that ends in
/// `'` or `'s`. Other text: all bits set.
fn word_cues(st: &str, toks: &[(usize, &str)]) -> u8 {
    const NAME_VERBS: &[&str] = &[
        "said",
        "says",
        "told",
        "added",
        "noted",
        "wrote",
        "stated",
        "believes",
        "warned",
        "predicted",
    ];
    const SHARE_VERBS: &[&str] = &[
        "rose", "fell", "gained", "climbed", "jumped", "surged", "slid", "dropped", "declined",
        "tumbled", "soared", "rallied", "advanced", "were", "was", "have", "had",
    ];
    if !st.is_ascii() {
        return NAME_THEN_VERB | VERB_THEN_NAME | SHARES_CUE | POSSESSIVE_CUE;
    }
    let mut cues = 0;
    for (k, &(_, w)) in toks.iter().enumerate() {
        let b = w.as_bytes();
        let next = toks.get(k + 1).map_or(&b""[..], |(_, n)| n.as_bytes());
        let capital = |x: &[u8]| x.first().is_some_and(u8::is_ascii_uppercase);
        if capital(b)
            && b[b.len() - 1].is_ascii_lowercase()
            && k > 0
            && matches!(toks[k - 1].1.as_bytes().last(), Some(b'a'..=b'z' | b'.'))
            && NAME_VERBS.iter().any(|v| next.starts_with(v.as_bytes()))
        {
            cues |= NAME_THEN_VERB;
        }
        if capital(next) && (w.ends_with('\'') || w.ends_with("'s")) {
            cues |= POSSESSIVE_CUE;
        }
        if capital(next)
            && next.get(1).is_some_and(u8::is_ascii_lowercase)
            && ["said", "says", "added", "to"]
                .iter()
                .any(|v| w.ends_with(v))
        {
            cues |= VERB_THEN_NAME;
        }
        let after_next = toks.get(k + 2).map_or(&b""[..], |(_, n)| n.as_bytes());
        if after_next
            .first()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && ["shares", "analysts", "stake"]
                .iter()
                .any(|v| w.ends_with(v))
            || matches!(w, "shares" | "stock")
                && SHARE_VERBS.iter().any(|v| next.starts_with(v.as_bytes()))
        {
            cues |= SHARES_CUE;
        }
    }
    cues
}

/// The last words of the cue alternatives of [`CUE_COMPANY`] ("maker" ends
/// "chipmaker", "automaker" and "carmaker"; "giant" and "firm" end the
/// two-word cues).
const CUE_ENDS: &[&str] = &[
    "startup",
    "start-up",
    "conglomerate",
    "maker",
    "retailer",
    "lender",
    "insurer",
    "carrier",
    "giant",
    "firm",
    "company",
    "rival",
    "peer",
    "subsidiary",
    "unit",
    "developer",
    "operator",
];

/// A necessary condition for [`CUE_COMPANY`] on ASCII `st` (other text:
/// true): its cue is followed by `\s+` and a `CAP`, so a word (`toks`, split
/// on that whitespace) ends in a [`CUE_ENDS`] word and the next starts with
/// `[A-Z]` or a digit. The gate's cue words are far more common than that
/// ("the company said"), and a regex call that finds nothing is not cheap.
fn cue_then_cap(st: &str, toks: &[(usize, &str)]) -> bool {
    !st.is_ascii()
        || toks.windows(2).any(|p| {
            let c = p[1].1.as_bytes()[0];
            (c.is_ascii_uppercase() || c.is_ascii_digit())
                && CUE_ENDS.iter().any(|e| p[0].1.ends_with(e))
        })
}

/// The nouns before the opening quote of [`PRODUCT_QUOTED`].
const QUOTED_NOUNS: &[&str] = &[
    "assistant",
    "application",
    "app",
    "model",
    "brand",
    "chatbot",
    "platform",
    "phone",
    "smartphone",
    "chip",
    "device",
    "vehicle",
    "car",
    "service",
    "product",
    "system",
    "tool",
    "agent",
    "feature",
];

/// A necessary condition for [`PRODUCT_QUOTED`]: an opening quote (`"` or
/// `“`) right after whitespace that follows a [`QUOTED_NOUNS`] word, maybe
/// with an `s`. `trim_end` takes Unicode whitespace, which holds the ASCII
/// `\s` of the pattern's ASCII form. Most quotes open a sentence or follow
/// a comma or a verb.
fn quote_after_noun(st: &str) -> bool {
    st.match_indices(['"', '“']).any(|(q, _)| {
        let before = &st[..q];
        let t = before.trim_end();
        let bare = t.strip_suffix('s').unwrap_or(t);
        t.len() < before.len()
            && QUOTED_NOUNS
                .iter()
                .any(|n| t.ends_with(n) || bare.ends_with(n))
    })
}

/// A title-case line without final punctuation: a subheading, not a sentence.
fn is_heading(st: &str) -> bool {
    let t = st.trim().trim_matches('*');
    if t.ends_with(['.', '!', '?', '"', '”', ':']) {
        return false;
    }
    let (mut words, mut caps) = (0usize, 0usize);
    for w in t.split_whitespace() {
        words += 1;
        caps += usize::from(crate::text::is_capitalised(w));
    }
    words >= 2 && caps * 10 >= words * 6
}

/// `st.split_whitespace()` with each word's byte offset in `st`; on ASCII text
/// a plain byte scan (the whitespace `char::is_whitespace` knows there is
/// `\t`, `\n`, `\x0B`, `\x0C`, `\r` and space), which finds each word's end
/// eight bytes at a time ([`next_ascii_space`]).
fn tokens(st: &str) -> Vec<(usize, &str)> {
    if !st.is_ascii() {
        return st
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - st.as_ptr() as usize, w))
            .collect();
    }
    let b = st.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    loop {
        while i < b.len() && is_ascii_space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return out;
        }
        let s = i;
        i = next_ascii_space(b, i + 1);
        out.push((s, &st[s..i]));
    }
}

/// Eight bytes of `b` from `i` as one little-endian word (the first byte
/// lowest), for the scans below.
fn chunk(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Every byte of a word set to `x`.
const fn bytes(x: u8) -> u64 {
    u64::from_le_bytes([x; 8])
}

/// The top bit of each byte of `x` (ASCII: every byte below 0x80) that is
/// at least `lo`: adding `0x80 - lo` carries into a byte's top bit exactly
/// then, and never out of the byte.
fn at_least(x: u64, lo: u8) -> u64 {
    x.wrapping_add(bytes(0x80 - lo)) & bytes(0x80)
}

/// The first byte at or after `i` of ASCII `b` that [`is_ascii_space`], or
/// `b.len()`: eight bytes at a time (a byte is space if it is in `\t..=\r`
/// or equal to a space, i.e. its xor with a space is zero), then one by one.
fn next_ascii_space(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let x = chunk(b, i);
        let y = x ^ bytes(b' ');
        let zero = !((y & bytes(0x7f)).wrapping_add(bytes(0x7f)) | y) & bytes(0x80);
        let m = at_least(x, b'\t') & !at_least(x, b'\r' + 1) | zero;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !is_ascii_space(b[i]) {
        i += 1;
    }
    i
}

/// The first ASCII capital at or after `i` in ASCII `b`, or `b.len()`: eight
/// bytes at a time, then one by one.
fn next_ascii_upper(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let x = chunk(b, i);
        let m = at_least(x, b'A') & !at_least(x, b'Z' + 1);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !b[i].is_ascii_uppercase() {
        i += 1;
    }
    i
}

/// `s.trim_end_matches(suffix)` for a string suffix, without setting up a
/// substring searcher.
fn trim_suffix_all<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(x) = s.strip_suffix(suffix) {
        s = x;
    }
    s
}

/// For [`is_title_word`]: per length (1 to 16 bytes) and first byte (its low
/// five bits), the sets of last bytes and of second bytes (low five bits) of
/// listed title words. Built at compile time, so the check costs no lazy
/// initialisation.
static TITLE_SHAPES: [[[u32; 32]; 17]; 2] = {
    let list = crate::extract::roles::TITLE_WORD_LIST;
    let mut t = [[[0u32; 32]; 17]; 2];
    let mut i = 0;
    while i < list.len() {
        let b = list[i].as_bytes();
        let n = b.len();
        if n >= 1 && n <= 16 {
            let first = (b[0] & 31) as usize;
            t[0][n][first] |= 1 << (b[n - 1] & 31);
            if n >= 2 {
                t[1][n][first] |= 1 << (b[1] & 31);
            }
        }
        i += 1;
    }
    t
};

/// [`crate::extract::roles::is_title_word`], which most tokens fail, with a
/// cheap rejection first: an ASCII word (its trailing commas trimmed) is a
/// listed title word only if a listed word has its length and its first, last
/// and second letters. Bytes are compared by their low five bits, which ASCII
/// case does not change; words the tables let through get the full check.
/// Inlined (it runs on nearly every token), the full check is not.
#[inline]
fn is_title_word(w: &str) -> bool {
    let mut b = w.as_bytes();
    while let [rest @ .., b','] = b {
        b = rest;
    }
    let n = b.len();
    if (1..=16).contains(&n) {
        let first = usize::from(b[0] & 31);
        let shaped = TITLE_SHAPES[0][n][first] & (1 << (b[n - 1] & 31)) != 0
            && (n < 2 || TITLE_SHAPES[1][n][first] & (1 << (b[1] & 31)) != 0);
        if !shaped && b.is_ascii() {
            return false;
        }
    }
    full_title_word(w)
}

#[inline(never)]
fn full_title_word(w: &str) -> bool {
    crate::extract::roles::is_title_word(w)
}

/// "JD.com CEO Xu Ran", "Head of Equity and Quantitative Strategy Subramanian":
/// a run of title words with a head word, then one to three capitalised name words.
fn title_then_name(toks: &[(usize, &str)]) -> Vec<(usize, usize)> {
    use crate::extract::roles::is_title_head;
    let name_word = |w: &str| -> bool {
        let w = w.trim_end_matches([',', '.', ';', ':', '?', '!']);
        let w = trim_suffix_all(trim_suffix_all(w, "’s"), "'s").trim_end_matches(['’', '\'']);
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase())
            && w.len() >= 2
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && !is_function_word(w)
            && !is_title_word(w)
            && !not_name(w)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_title_word(toks[i].1) || ["of", "and", "&"].contains(&toks[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut head = false;
        while j < toks.len() && is_title_word(toks[j].1) && !toks[j].1.ends_with(',') {
            // (the head-word regex runs only until one is found)
            head = head || is_title_head(toks[j].1);
            j += 1;
        }
        let dangling = j == i || ["of", "for", "and", "&"].contains(&toks[j - 1].1);
        if head && !dangling && j < toks.len() && name_word(toks[j].1) {
            let mut k = j;
            while k < toks.len() && k < j + 3 && name_word(toks[k].1) {
                let w = toks[k].1;
                k += 1;
                if w.ends_with(',') || w.ends_with("’s") || w.ends_with("'s") || w.ends_with('.')
                {
                    break;
                }
            }
            let (s, _) = toks[j];
            let (ls, lw) = toks[k - 1];
            let lw_clean = lw.trim_end_matches([',', '.', ';', ':']);
            out.push((s, ls + lw_clean.len()));
            i = k;
        } else {
            i = j.max(i + 1);
        }
    }
    out
}

/// In "CATL, New Easy, Zhongji Xuchuang, and Cambricon", unknown names listed
/// with known companies are companies too.
fn coordinated_names(doc: &mut Document) {
    let mut new = Vec::new();
    let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    static SEPS: LazyLock<Regex> =
        LazyLock::new(|| regex_new(r",\s+and\s+|,\s+or\s+|,\s+|\s+and\s+|;\s+").unwrap());
    for sent in sentences {
        // Names join a list only where two of its items are known companies,
        // each exactly a distinct company mention inside the sentence: with
        // fewer such mentions, nothing below can fire, so the splitting is skipped.
        if doc
            .mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Company && sent.contains(m.span))
            .nth(1)
            .is_none()
        {
            continue;
        }
        let r = doc.bytes(sent);
        let st = &doc.text()[r.clone()];
        // split into comma/and-separated items with byte ranges
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for m in SEPS.find_iter(st) {
            items.push((start, m.start()));
            start = m.end();
        }
        items.push((start, st.len()));
        if items.len() < 3 {
            continue;
        }
        // per item: the known mention kind it is exactly, if any
        let kind_of = |s: usize, e: usize| -> Option<EntityKind> {
            let sp = doc.span(r.start + s, r.start + e);
            doc.mentions.iter().find(|m| m.span == sp).map(|m| m.kind)
        };
        // trim the last word group of the first item and first word group of last item
        let n = items.len();
        let mut trimmed: Vec<(usize, usize)> = items.clone();
        // first item: keep trailing capitalised words only
        {
            let (s, e) = items[0];
            let seg = &st[s..e];
            let words: Vec<(usize, &str)> = seg
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - seg.as_ptr() as usize, w))
                .collect();
            let mut k = words.len();
            while k > 0
                && crate::text::is_capitalised(words[k - 1].1)
                && !is_function_word(words[k - 1].1)
            {
                k -= 1;
            }
            if k < words.len() {
                trimmed[0] = (s + words[k].0, e);
            }
        }
        {
            let (s, e) = items[n - 1];
            let seg = &st[s..e];
            let mut end = 0;
            for w in seg.split_whitespace() {
                if crate::text::is_capitalised(w) && !is_function_word(w) {
                    end = w.as_ptr() as usize - seg.as_ptr() as usize + w.len();
                } else {
                    break;
                }
            }
            trimmed[n - 1] = (s, s + end);
        }
        let kinds: Vec<Option<EntityKind>> = trimmed
            .iter()
            .map(|&(s, e)| if e > s { kind_of(s, e) } else { None })
            .collect();
        let companies = kinds
            .iter()
            .filter(|k| **k == Some(EntityKind::Company))
            .count();
        if companies < 2 || companies * 2 < n {
            continue;
        }
        for (i, &(s, e)) in trimmed.iter().enumerate() {
            if kinds[i].is_some() || e <= s {
                continue;
            }
            let item = st[s..e].trim();
            if LIST_ITEM.is_match(item) && !item.split_whitespace().any(is_function_word) {
                let (a, b) = strip_possessive(doc.text(), r.start + s, r.start + s + item.len());
                let sp = doc.span(a, b);
                if !doc.mentions.iter().any(|m| m.span.overlaps(sp)) {
                    new.push(mention(sp, EntityKind::Company, "coordination", 0.6));
                }
            }
        }
    }
    for m in new {
        push(doc, m);
    }
}

/// "Wu also projected…" after "Alibaba CEO Wu Yongming": a lone capitalised
/// token equal to the first or last name of a person found in full earlier.
fn surname_mentions(doc: &mut Document) {
    let mut persons: Vec<(usize, Vec<String>)> = Vec::new();
    for m in &doc.mentions {
        if m.kind == EntityKind::Person {
            let toks: Vec<String> = doc
                .slice(m.span)
                .split_whitespace()
                .map(String::from)
                .collect();
            if toks.len() >= 2 {
                persons.push((m.span.end, toks));
            }
        }
    }
    let mut new = Vec::new();
    let mut overrides = Vec::new();
    let index = MentionIndex::new(&doc.mentions);
    for body in doc.body_spans() {
        let r = doc.bytes(body);
        let body_text = &doc.text()[r.clone()];
        let words: Vec<(usize, usize)> = if body_text.is_ascii() {
            AsciiCapWords {
                b: body_text.as_bytes(),
                at: 0,
            }
            .collect()
        } else {
            WORD.unicode()
                .find_iter(body_text)
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        for (ms, me) in words {
            let (s, e) = (r.start + ms, r.start + me);
            let sp = doc.span(s, e);
            let w = &body_text[ms..me];
            // one sense per article: after "Tony Abbott", a lone "Abbott" is the person,
            // not the company a list knows by that name
            // (every test below is pure, so each runs only when its outcome
            // can still matter: the cheap ones first, the look-back to the
            // previous word only for a listed surname)
            if let Some(x) = index.position(sp) {
                if doc.mentions[x].kind != EntityKind::Person
                    && doc.mentions[x].extractor == "gazetteer"
                    && persons
                        .iter()
                        .any(|(_, toks)| toks.len() >= 2 && toks.last().is_some_and(|t| t == w))
                {
                    overrides.push(x);
                }
                continue;
            }
            if index.overlaps(sp) {
                continue;
            }
            // Followed by another capitalised word → part of some other name.
            let next_cap = doc.text()[e..].starts_with(' ')
                && doc.text()[e..]
                    .trim_start_matches(' ')
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase());
            if next_cap || is_function_word(w) {
                continue;
            }
            let hit = persons.iter().any(|(end, toks)| {
                *end <= sp.start
                    && (toks.first().is_some_and(|t| t == w) || toks.last().is_some_and(|t| t == w))
            });
            if hit {
                new.push(mention(sp, EntityKind::Person, "surname", 0.7));
            } else if w.len() >= 4 {
                // "Trump said": the surname of a well-known person, alone
                if let Some(id) = KNOWN_SURNAMES.get(w) {
                    let prev_cap = doc.text()[..s]
                        .strip_suffix(' ')
                        .and_then(|p| p.split_whitespace().next_back())
                        .is_some_and(|p| {
                            crate::text::is_capitalised(p)
                                && !is_function_word(p)
                                && !p.ends_with(['.', ',', ':', ';'])
                        });
                    if !prev_cap {
                        let mut m = mention(sp, EntityKind::Person, "surname", 0.6);
                        m.gazetteer = Some(id.to_string());
                        new.push(m);
                    }
                }
            }
        }
    }
    for x in overrides {
        let m = &mut doc.mentions[x];
        m.kind = EntityKind::Person;
        m.gazetteer = None;
        m.extractor = "surname";
        m.confidence = 0.7;
    }
    for m in new {
        push(doc, m);
    }
}

/// A capitalised word, maybe hyphenated ("Wu", "Vey-Sern"): the tokens
/// [`surname_mentions`] looks at.
static WORD: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(r"\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?\b"));

/// The spans [`WORD`] finds in ASCII text, by a walk over the bytes instead of
/// one regex call per word. At a word start (an upper-case letter after a
/// non-word byte) the regex takes the whole run of lower-case letters that
/// follows (a shorter run would leave a letter, not `-` or a boundary, next),
/// then `-`, an optional capital and another whole lower-case run if a
/// boundary follows them, else stops before the `-` if a boundary follows the
/// first run; a start where neither holds has no match and the search goes on
/// at the next byte, and after a match at its end, as `find_iter` does.
struct AsciiCapWords<'a> {
    b: &'a [u8],
    at: usize,
}

impl Iterator for AsciiCapWords<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let b = self.b;
        let word = |k: usize| k < b.len() && is_ascii_word_byte(b[k]);
        let lower_run = |mut k: usize| {
            while k < b.len() && b[k].is_ascii_lowercase() {
                k += 1;
            }
            k
        };
        let mut i = self.at;
        loop {
            // most bytes are not capitals: skip them eight at a time
            i = next_ascii_upper(b, i);
            if i == b.len() {
                break;
            }
            if i == 0 || !word(i - 1) {
                let e = lower_run(i + 1);
                if e > i + 1 {
                    let mut end = None;
                    if e < b.len() && b[e] == b'-' {
                        let k =
                            e + 1 + usize::from(b.get(e + 1).is_some_and(u8::is_ascii_uppercase));
                        let e2 = lower_run(k);
                        if e2 > k && !word(e2) {
                            end = Some(e2);
                        }
                    }
                    if end.is_none() && !word(e) {
                        end = Some(e);
                    }
                    if let Some(end) = end {
                        self.at = end;
                        return Some((i, end));
                    }
                }
            }
            i += 1;
        }
        self.at = b.len();
        None
    }
}

/// Whether `st` may hold a [`TICKER`] notation, all of which open with `(`
/// and a capital or digit (each `(` found with a memchr search).
fn may_hold_ticker(st: &str) -> bool {
    let b = st.as_bytes();
    let mut from = 0;
    while let Some(k) = st[from..].find('(') {
        from += k + 1;
        if b.get(from)
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return true;
        }
    }
    false
}

/// The spans of a fixed list of mentions, sorted, to answer per word what
/// `iter().position(|x| x.span == sp)` and `iter().any(|x| x.span.overlaps(sp))`
/// would, in logarithmic instead of linear time.
struct MentionIndex {
    /// `(span, index in the list)`, sorted
    spans: Vec<(Span, usize)>,
    /// `max_end[k]`: the largest end of `spans[..=k]`
    max_end: Vec<usize>,
}

impl MentionIndex {
    fn new(mentions: &[Mention]) -> Self {
        let mut spans: Vec<(Span, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.span, i))
            .collect();
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |mx, (s, _)| {
                *mx = (*mx).max(s.end);
                Some(*mx)
            })
            .collect();
        MentionIndex { spans, max_end }
    }

    /// The first mention with exactly this span.
    fn position(&self, sp: Span) -> Option<usize> {
        let k = self.spans.partition_point(|(s, _)| *s < sp);
        self.spans.get(k).filter(|(s, _)| *s == sp).map(|&(_, i)| i)
    }

    /// Whether a mention overlaps `sp`: one starts before `sp` ends and ends
    /// after `sp` starts.
    fn overlaps(&self, sp: Span) -> bool {
        let k = self.spans.partition_point(|(s, _)| s.start < sp.end);
        k > 0 && self.max_end[k - 1] > sp.start
    }
}

/// The people-gazetteer id of the one listed person with this surname, if any.
pub fn person_by_surname(surname: &str) -> Option<String> {
    KNOWN_SURNAMES.get(surname).cloned()
}

/// Surnames that identify exactly one person of the people gazetteer.
static KNOWN_SURNAMES: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
    let g = Gazetteer::builtin();
    let mut counts: std::collections::HashMap<String, Vec<String>> = Default::default();
    for e in g.entries.iter().filter(|e| e.kind == EntityKind::Person) {
        if let Some(last) = e.name.split_whitespace().last() {
            if e.name.split_whitespace().count() >= 2 {
                counts
                    .entry(last.to_string())
                    .or_default()
                    .push(e.id.clone());
            }
        }
    }
    // a surname that is also another list's name ("Cook", "Ford") is not a person alone
    counts
        .into_iter()
        .filter(|(s, ids)| {
            ids.len() == 1 && g.lookup(s).is_empty() && !GIVEN_NAMES.contains(s.as_str())
        })
        .map(|(s, mut ids)| (s, ids.remove(0)))
        .collect()
});

/// The entries of a one-per-line list with `#` comments.
fn word_list(text: &'static str) -> WordList {
    WordList::of(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#')),
    )
}

static GIVEN_NAMES: LazyLock<WordList> =
    LazyLock::new(|| word_list(include_str!("../../data/gazetteer/given-names.txt")));
static FAMILY_FIRST: LazyLock<WordList> =
    LazyLock::new(|| word_list(include_str!("../../data/gazetteer/chinese-surnames.txt")));

fn is_name_token(w: &str) -> bool {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        regex_new(r"^(?:Mc|Mac|O['’]|D['’]|Di|De|Da|La|Le|Van|Von|Fitz)?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?$").unwrap()
    });
    NAME.is_match(w) && !is_function_word(w) && !not_name(w)
}

/// A syllable shape of Hanyu Pinyin / common romanisations: "Ran", "Yongming", "Jinping".
fn pinyin_like(w: &str) -> bool {
    static PINYIN: LazyLock<Regex> = LazyLock::new(|| {
        regex_new(r"^(?:(?:[BPMFDTNLGKHJQXRZCSWY]|Zh|Ch|Sh)?(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|ong|i|ia|ie|iao|iu|ian|in|iang|ing|iong|u|ua|uo|uai|ui|uan|un|uang|ueng|v|ve|er)(?:-?(?:[bpmfdtnlgkhjqxrzcswy]|zh|ch|sh)?(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|ong|i|ia|ie|iao|iu|ian|in|iang|ing|iong|u|ua|uo|uai|ui|uan|un|uang|v|ve|er))?)$").unwrap()
    });
    PINYIN.is_match(w)
}

/// People by name shape: a known given name and a capitalised surname ("Robin Lee"),
/// a common Chinese surname and a pinyin given name ("Xu Ran"), or an honorific ("Mr. Abe").
fn name_shaped_people(
    doc: &Document,
    sent: Span,
    toks: &[(usize, &str)],
    found: &mut Vec<Mention>,
) {
    let base = doc.byte(sent.start);
    fn clean(w: &str) -> &str {
        let w = w.trim_end_matches([',', '.', ';', ':', '?', '!', ')', '”', '"']);
        trim_suffix_all(trim_suffix_all(w, "’s"), "'s")
    }
    let mut i = 0;
    while i < toks.len() {
        // every honorific, listed given name and family name starts with an
        // ASCII capital (a test checks the lists), which `clean` keeps
        if !toks[i].1.as_bytes()[0].is_ascii_uppercase() {
            i += 1;
            continue;
        }
        let w0 = clean(toks[i].1);
        let honorific = matches!(
            toks[i].1,
            "Mr."
                | "Mrs."
                | "Ms."
                | "Dr."
                | "Mr"
                | "Mrs"
                | "Ms"
                | "Dr"
                | "Sir"
                | "Dame"
                | "Lord"
                | "Prof."
        );
        let bare = toks[i].1 == w0;
        let given = bare && GIVEN_NAMES.contains(w0);
        let family = bare && FAMILY_FIRST.contains(w0);
        if !(honorific || given || family) || i + 1 >= toks.len() {
            i += 1;
            continue;
        }
        let start = if honorific { i + 1 } else { i };
        // collect up to two more capitalised name tokens
        let mut j = i + 1;
        let mut last = i;
        while j < toks.len() && j <= i + 2 {
            let raw = toks[j].1;
            let w = clean(raw);
            let ok = is_name_token(w)
                || w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_uppercase());
            let ok = ok && (!family || pinyin_like(w) || given);
            if !ok {
                break;
            }
            last = j;
            j += 1;
            if raw != w {
                break; // punctuation or possessive ends the name
            }
        }
        if last == i || (honorific && last < start) {
            i += 1;
            continue;
        }
        // the name must not go on into a company or place ("Morgan Stanley Capital")
        let next_cap = toks
            .get(last + 1)
            .is_some_and(|(_, w)| crate::text::is_capitalised(w) && !is_function_word(w))
            && clean(toks[last].1) == toks[last].1;
        if next_cap {
            i = last + 1;
            continue;
        }
        let (s, _) = toks[start];
        let (ls, lw) = toks[last];
        let e = ls + clean(lw).len();
        found.push(mention(
            doc.span(base + s, base + e),
            EntityKind::Person,
            "name-shape",
            0.7,
        ));
        i = last + 1;
    }
}

/// Acronyms used as names ("AGCO", "NBN", "GKN"): organisations, unless they are
/// common abbreviations or tickers in parentheses.
fn acronym_orgs(doc: &Document, sent: Span, toks: &[(usize, &str)], found: &mut Vec<Mention>) {
    const COMMON: &[&str] = &[
        "CEO",
        "CFO",
        "COO",
        "CTO",
        "CIO",
        "AI",
        "IT",
        "HR",
        "PR",
        "IPO",
        "ETF",
        "ETFs",
        "GDP",
        "CPI",
        "PPI",
        "PMI",
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "CNY",
        "HKD",
        "RMB",
        "ET",
        "GMT",
        "EST",
        "PST",
        "BST",
        "UTC",
        "AM",
        "PM",
        "TV",
        "PC",
        "OK",
        "EV",
        "EVs",
        "LLM",
        "LLMs",
        "API",
        "APP",
        "ADR",
        "ADRs",
        "NAV",
        "EPS",
        "ROE",
        "FY",
        "YTD",
        "YOY",
        "QE",
        "M&A",
        "R&D",
        "ESG",
        "VAT",
        "CEOs",
        "OPEC+",
        "ATM",
        "SUV",
        "SUVs",
        "USB",
        "GPU",
        "GPUs",
        "CPU",
        "AGM",
        "IoT",
        "VR",
        "AR",
        "UK",
        "US",
        "USA",
        "EU",
        "UN",
        "NYC",
        "LA",
        "DC",
        "II",
        "III",
        "IV",
        "VI",
        "VII",
        "VIII",
        "IX",
        "XI",
        "FAQ",
        "PDF",
        "CEO’s",
        "FX",
        "ID",
        "DNA",
        "RNA",
        "COVID",
        "NFT",
        "NFTs",
        "CBD",
        "GW",
        "MW",
        "KW",
        "KWH",
        "SEO",
        "SME",
        "SMEs",
        "B2B",
        "B2C",
        "EBIT",
        "EBITDA",
        "P/E",
        "LNG",
        "EBT",
        "YoY",
        "QoQ",
        "MoM",
        "OTC",
        "REIT",
        "REITs",
        "SPAC",
        "SPACs",
        "ICO",
        "ICOs",
        "IPOs",
        "APR",
        "ROI",
        "KPI",
        "KPIs",
        "NOT",
        "AND",
        "THE",
        "FOR",
        "NEW",
        "NEWS",
        "UPDATE",
        "BRIEF",
        "CORRECTED",
        "WRAPUP",
        "I",
        "A",
    ];
    let base = doc.byte(sent.start);
    let st = doc.slice(sent);
    // every run below starts at an upper-case word: none, nothing to do (and
    // no need to count the letters); the loop below passes over the words
    // before the first one, so it starts there
    let Some(first) = toks.iter().position(|(_, w)| is_caps(w)) else {
        return;
    };
    // a mostly upper-case sentence is a shouted headline, not a list of acronyms
    // (on ASCII text one pass over the bytes, which are the characters)
    let (letters, upper) = if st.is_ascii() {
        st.bytes().fold((0usize, 0usize), |(l, u), b| {
            (
                l + usize::from(b.is_ascii_alphabetic()),
                u + usize::from(b.is_ascii_uppercase()),
            )
        })
    } else {
        (
            st.chars().filter(|c| c.is_alphabetic()).count(),
            st.chars().filter(|c| c.is_uppercase()).count(),
        )
    };
    if letters > 0 && upper * 2 > letters {
        return;
    }
    // Whether the character at byte `b` is inside parentheses: the nesting
    // depth once it is read. Candidates come in text order, so one running
    // count serves them all (`(` and `)` are single bytes in UTF-8).
    let (mut seen, mut depth) = (0usize, 0i32);
    let mut in_parens = |b: usize| {
        if b < seen {
            (seen, depth) = (0, 0);
        }
        for &c in &st.as_bytes()[seen..=b] {
            match c {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
        }
        seen = b + 1;
        depth > 0
    };
    let whole = doc.text();
    let corp_suffix = |w: &str| {
        matches!(
            w,
            "INC"
                | "CO"
                | "CORP"
                | "LTD"
                | "LLC"
                | "PLC"
                | "AG"
                | "SA"
                | "NV"
                | "SE"
                | "LP"
                | "GROUP"
                | "HOLDINGS"
        )
    };
    let mut i = first;
    while i < toks.len() {
        if !is_caps(toks[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len()
            && is_caps(toks[j + 1].1)
            && !toks[j].1.ends_with([',', ';', ':', ')'])
        {
            j += 1;
        }
        let run: Vec<&str> = toks[i..=j]
            .iter()
            .map(|(_, w)| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
            .collect();
        let (s0, _) = toks[i];
        let (sj, wj) = toks[j];
        let lead = toks[i].1.len()
            - toks[i]
                .1
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let start = s0 + lead;
        let end = sj + wj.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        i = j + 1;
        if start >= end || in_parens(start) {
            continue;
        }
        if run.len() >= 2 {
            // "GENERAL MOTORS CO", "MATTEL INC": a shouted company name
            if run.last().is_some_and(|w| corp_suffix(w)) {
                found.push(mention(
                    doc.span(base + start, base + end),
                    EntityKind::Company,
                    "acronym",
                    0.5,
                ));
            }
            continue;
        }
        let w = run[0];
        if w.len() < 3
            || COMMON.contains(&w)
            || corp_suffix(w)
            || !w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
        {
            continue;
        }
        // "DULUTH, Ga." opens a dateline; "Q1", "HSTECH.HK", "JD Global": not a name of its own
        let after = st[end..].chars().next();
        let before = st[..start].chars().next_back();
        let next_word_cap = st[end..]
            .strip_prefix(' ')
            .and_then(|r| r.split_whitespace().next())
            .is_some_and(|n| crate::text::is_capitalised(n) && !is_function_word(n));
        if start == 0 && after == Some(',')
            || next_word_cap
            || after.is_some_and(|c| {
                c.is_ascii_digit()
                    || c == '-'
                    || c == ':'
                    || c == '.' && st[end + 1..].starts_with(|c: char| c.is_alphanumeric())
            })
            || before
                .is_some_and(|c| c == '-' || c == ':' || c == '$' || c == '@' || c.is_ascii_digit())
        {
            continue;
        }
        // seen twice in the article, or with a cue: a name, not a one-off abbreviation
        // (the search stops at the second sighting, and the cue is looked
        // for only without one)
        let twice = bounded_sightings(whole, w).nth(1).is_some();
        if twice || CORP_CUE_AFTER.is_match(&st[end..]) {
            found.push(mention(
                doc.span(base + start, base + end),
                EntityKind::Organization,
                "acronym",
                0.5,
            ));
        }
    }
}

/// Whether a word of [`acronym_orgs`] is upper case: no ASCII lower-case
/// letter, and at least two characters, all upper-case ASCII or `&`, once
/// the other non-alphanumeric ones at its ends are trimmed. Inlined: a
/// lower-case letter among the first two bytes rules out most words at once.
#[inline]
fn is_caps(w: &str) -> bool {
    let b = w.as_bytes();
    if b.first().is_some_and(u8::is_ascii_lowercase) || b.get(1).is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    caps_word(w)
}

/// [`is_caps`] in full.
#[inline(never)]
fn caps_word(w: &str) -> bool {
    // a lower-case letter is neither trimmed nor upper case: most words stop here
    if w.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
}

/// The starts of the word-bounded sightings of `w` (non-empty ASCII) in
/// `text`: what `text.match_indices(w)` with a [`crate::text::word_bounded`]
/// filter gives, but each candidate found by a memchr search for the first
/// byte (upper case, so rare in running text) instead of a substring search
/// over every byte. After a sighting the search goes on at its end, as
/// `match_indices` does; else at the next byte.
fn bounded_sightings<'a>(text: &'a str, w: &'a str) -> impl Iterator<Item = usize> + 'a {
    let b = text.as_bytes();
    let first = w.as_bytes()[0];
    debug_assert!(first.is_ascii());
    let mut at = 0;
    std::iter::from_fn(move || {
        // (`at` is always a character boundary: it follows an ASCII byte)
        while let Some(k) = text.get(at..).and_then(|r| r.find(char::from(first))) {
            let k = at + k;
            if b[k..].starts_with(w.as_bytes()) {
                at = k + w.len();
                if crate::text::word_bounded(text, k, k + w.len()) {
                    return Some(k);
                }
            } else {
                at = k + 1;
            }
        }
        at = b.len() + 1;
        None
    })
}

/// "DUBLIN, Ireland —", "NEW YORK (Reuters) -": an upper-case dateline place
/// (searched in ASCII bodies with ASCII classes, see [`AsciiFast`]).
const DATELINE_PATTERN: &str =
    r"(?m)^\s*(?P<place>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,2})(?:,\s+[A-Z][\w. ]+)?\s*(?:\(|—|–|-+|,)";
#[cfg(test)]
static DATELINE: LazyLock<AsciiFast> = LazyLock::new(|| AsciiFast::new(DATELINE_PATTERN));
/// [`DATELINE_PATTERN`] anchored at the start of its haystack: tried only at
/// the line starts where a match can begin, instead of a search of the body.
static DATELINE_AT: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(&DATELINE_PATTERN.replacen("(?m)^", r"\A", 1)));

/// The spans of the `place` group of the matches `DATELINE.captures_iter(t)`
/// finds. Every match starts at a line start (`(?m)^`: the text start or
/// after `\n`) after which whitespace (which `\s*` and `trim_start` both
/// take as Unicode `White_Space`; on ASCII text that is the ASCII `\s`) and
/// three capitals follow; the leftmost such start at or after the last match
/// where the pattern matches, anchored, is where the search would find the
/// next match, with the same captures (the pattern looks at nothing before
/// its start but the line start). The form (ASCII or Unicode) is chosen for
/// the whole body, as the search does.
fn dateline_matches(t: &str) -> Vec<(usize, usize)> {
    let re = DATELINE_AT.get(t);
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut q = 0;
    while q < t.len() {
        let rest = t[q..].trim_start().as_bytes();
        if rest.len() >= 3 && rest[..3].iter().all(u8::is_ascii_uppercase) {
            if let Some(c) = re.captures(&t[q..]) {
                let (m, p) = (c.get(0).unwrap(), c.name("place").unwrap());
                out.push((q + p.start(), q + p.end()));
                q += m.end();
                if b[q - 1] == b'\n' {
                    continue;
                }
            }
        }
        match t[q..].find('\n') {
            Some(k) => q += k + 1,
            None => break,
        }
    }
    out
}

/// An upper-case dateline place.
fn dateline_places(doc: &Document, found: &mut Vec<Mention>) {
    let g = Gazetteer::builtin();
    for body in doc.body_spans() {
        let r = doc.bytes(body);
        let t = &doc.text()[r.clone()];
        for (ps, pe) in dateline_matches(t) {
            let title: String = t[ps..pe]
                .split(' ')
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|f| f.to_string() + &cs.as_str().to_lowercase())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(&ix) = g
                .lookup(&title)
                .iter()
                .find(|&&i| g.entries[i].kind == EntityKind::Place)
            {
                let mut m = mention(
                    doc.span(r.start + ps, r.start + pe),
                    EntityKind::Place,
                    "dateline",
                    0.8,
                );
                m.gazetteer = Some(g.entries[ix].id.clone());
                found.push(m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;
    use crate::extract::{sentences::SentenceSplitter, zones::Zoner};

    fn run(body: &str) -> Vec<(EntityKind, String)> {
        let mut d = Document::new(format!("Headline\n\n{body}\n"), Meta::default());
        Zoner.run(&mut d);
        SentenceSplitter.run(&mut d);
        GazetteerEntities.run(&mut d);
        PatternEntities.run(&mut d);
        d.mentions
            .iter()
            .map(|m| (m.kind, d.slice(m.span).to_string()))
            .collect()
    }

    fn has(v: &[(EntityKind, String)], k: EntityKind, s: &str) -> bool {
        v.iter().any(|(kk, ss)| *kk == k && ss == s)
    }

    #[test]
    fn cue_windows_of_ambiguous_names_end_on_char_boundaries() {
        // found by tests/fuzz_props.rs: the 24-byte window after or before an
        // ambiguous name ("Apple") cut a multi-byte character and panicked
        for t in [
            "e\u{301}\nApple\néééééééééééé",
            "e\u{301}\ne\u{301}\néééééé\u{202e}abc\u{202c} Apple",
            "\u{200b}\n$3.2 billion Apple (NYSE: BABA)Apple\r\n éé阿里巴巴\n",
            "中中中中中中中中中中中中 Apple ¥¥¥¥¥¥¥¥¥¥¥¥¥¥",
        ] {
            let d = crate::analyse(crate::input::SourceArticle {
                text: t.to_string(),
                meta: Meta::default(),
            });
            assert!(
                d.mentions.iter().all(|m| m.span.end <= d.len_chars()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn corporate_suffix_names() {
        let v = run("Shares of Hua Hong Semiconductor rose while Blue Owl Capital and Zeta Widgets Holdings Ltd. fell sharply today.");
        assert!(
            has(&v, EntityKind::Company, "Hua Hong Semiconductor"),
            "{v:?}"
        );
        assert!(has(&v, EntityKind::Company, "Blue Owl Capital"), "{v:?}");
        assert!(
            has(&v, EntityKind::Company, "Zeta Widgets Holdings Ltd."),
            "{v:?}"
        );
    }

    #[test]
    fn ticker_notation_names_a_company() {
        let v = run("The share price of Qorvex Dynamics Inc. (NYSE:QRVX) surged by 48% between two dates last week.");
        assert!(
            has(&v, EntityKind::Company, "Qorvex Dynamics Inc."),
            "{v:?}"
        );
        let v = run("Gains in Zentra Systems (ZNT, 9999.HK) led the market higher on Thursday afternoon trading.");
        assert!(has(&v, EntityKind::Company, "Zentra Systems"), "{v:?}");
    }

    #[test]
    fn people_by_title_and_attribution() {
        let v =
            run("Acme CEO Lorna Quist said prices would rise this year across all its markets.");
        assert!(has(&v, EntityKind::Person, "Lorna Quist"), "{v:?}");
        let v = run("“Demand is strong,” said Vey-Sern Ling, managing director at Union Bancaire Privee, in a note.");
        assert!(has(&v, EntityKind::Person, "Vey-Sern Ling"), "{v:?}");
        let v = run("Tomas Brenner, head of markets at Fictive Capital, said demand held up well this week.");
        assert!(has(&v, EntityKind::Person, "Tomas Brenner"), "{v:?}");
    }

    #[test]
    fn sentence_initial_capitals_are_not_entities() {
        let v = run("Despite many investors adjusting strategies before the holiday, growth steadily supported indices. Technology Gaming Concept Stocks led the gains overall this morning.");
        assert!(v.iter().all(|(k, _)| *k != EntityKind::Person), "{v:?}");
        assert!(
            !v.iter()
                .any(|(_, s)| s.contains("Despite") || s.contains("Technology Gaming")),
            "{v:?}"
        );
    }

    #[test]
    fn surname_after_full_name() {
        let v = run("Acme CEO Lorna Quist revealed new plans yesterday. Quist also projected strong growth in demand.");
        assert_eq!(
            v.iter().filter(|(k, _)| *k == EntityKind::Person).count(),
            2,
            "{v:?}"
        );
    }

    #[test]
    fn coordinated_unknown_names_join_known_companies() {
        let v = run("On the floor, Alibaba, Tencent, Quorra Vell, and Baidu demonstrated strong performance in trading.");
        assert!(has(&v, EntityKind::Company, "Quorra Vell"), "{v:?}");
    }

    #[test]
    fn quoted_products_after_product_nouns() {
        let v = run("The firm launched the shopping assistant “Jinglo,” and the digital assistant “Ho Ha” for users.");
        assert!(has(&v, EntityKind::Product, "Jinglo"), "{v:?}");
        assert!(has(&v, EntityKind::Product, "Ho Ha"), "{v:?}");
    }
    #[test]
    fn ascii_forms_match_the_same_spans_on_ascii_text() {
        let text = "DUBLIN, Ireland - NEW YORK (Reuters) -\n  HONG KONG-SAR , Hk. x_1 —\nSEOUL —Shares of Hua Hong Semiconductor rose, said Vey-Sern Ling, managing director at Union Bancaire Privee.\n\tThe Securities and Exchange Commission of the United States (NYSE:QRVX) 12 3rd_x";
        for re in [
            &*SUFFIX_NAME,
            &*ORG_NAME,
            &*SAID_NAME,
            &*NAME_SAID,
            &*SAID_PERSON,
            &*SHARES_OF,
            &*VENUE,
            &*DATELINE,
        ] {
            let a: Vec<_> = re.ascii().find_iter(text).map(|m| m.range()).collect();
            let u: Vec<_> = re.unicode().find_iter(text).map(|m| m.range()).collect();
            assert_eq!(a, u);
        }
    }

    #[test]
    fn fast_tokens_are_split_whitespace() {
        let all: String = (0u8..128).map(char::from).collect();
        for t in [
            all.as_str(),
            "  Acme\tCEO\x0BLorna\x0C Quist\r\nsaid  ",
            "",
            " ",
            "one",
            "a\u{1c}b\u{1f}c d",
        ] {
            let want: Vec<(usize, &str)> = t
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
                .collect();
            assert_eq!(tokens(t), want, "{t:?}");
        }
    }

    #[test]
    fn required_literals_of_groups() {
        let s = required_literals(CORP_SUFFIX);
        for l in [
            "Inc",
            "Co.",
            "L.P.",
            "Holding",
            "Motor",
            "Asset Management",
            "Power Supply",
        ] {
            assert!(s.iter().any(|x| x == l), "{l} in {s:?}");
        }
        assert!(!s
            .iter()
            .any(|x| x == "Inc." || x == "Holdings" || x == "Co"));
        assert_eq!(
            required_literals(ORG_HEAD).len(),
            ORG_HEAD.matches('|').count() + 1
        );
        // each pattern gated by a pre-check still finds what it found without one
        let text = "Shares of Hua Hong Semiconductor rose. The Securities and Exchange Commission of the United States met at the Madison Square Garden Convention Center. Alibaba's Zhangbei data center opened. Lorna Quist said so, Tom Wu, head of research at Acme. The chipmaker Zeta Widgets and carmaker Ford launched the app “Zoom” and model \"Ola.\"";
        for (bit, re) in [
            (G_SUFFIX, &*SUFFIX_NAME),
            (G_ORG, &*ORG_NAME),
            (G_SHARES, &*SHARES_OF),
            (G_VENUE, &*VENUE),
            (G_SAID, &*NAME_SAID),
            (G_CUE, &*CUE_COMPANY),
            (G_QUOTED, &*PRODUCT_QUOTED),
            (G_BRAND, &*PRODUCT_BRAND),
        ] {
            for t in [text.to_string(), text.replace(' ', "\u{a0}")] {
                for m in re.get(&t).find_iter(&t) {
                    assert!(
                        GATES.open(&t[floor_boundary(&t, m.start().saturating_sub(3))..m.end()])
                            & bit
                            != 0,
                        "{:?}",
                        m.as_str()
                    );
                }
            }
        }
        assert_eq!(GATES.open("NYSE listed") & G_SUFFIX, 0);
        assert_eq!(GATES.open("the Group") & G_SUFFIX, G_SUFFIX);
        assert_eq!(GATES.open("the\u{a0}Group") & G_SUFFIX, G_SUFFIX);
        assert_eq!(GATES.open("SAID STOCK") & (G_SAID | G_SHARES), 0);
    }

    /// Sentences put together from words the patterns care about (cue words,
    /// names, title words, quotes, non-ASCII spaces), by a fixed pseudo-random
    /// sequence.
    fn generated_sentences(n: usize) -> Vec<String> {
        sentences_of(WORDS, n)
    }

    /// Sentences of the given words, by a fixed pseudo-random sequence.
    fn sentences_of(words: &[&str], n: usize) -> Vec<String> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = 3 + next() % 14;
                let mut st = String::new();
                for _ in 0..len {
                    let w = words[(next() % words.len() as u64) as usize];
                    let sep = [" ", " ", " ", "", "\u{a0}", "  ", "\n"][(next() % 7) as usize];
                    st.push_str(w);
                    st.push_str(sep);
                }
                st
            })
            .collect()
    }

    #[test]
    fn said_name_precheck_never_rules_out_a_match() {
        const SAYING: &[&str] = &[
            "said",
            "says",
            "told",
            "Vey-Sern",
            "Ling",
            "Lorna",
            "Quist",
            "Tom",
            "Wu",
            ",",
            "”",
            "managing director",
            "head",
            "the",
            "a",
            "at",
            "of",
            "with",
            "for",
            "Acme",
            "é",
            "\u{a0}",
            "AI",
            "van",
            "J.",
            "rose",
        ];
        let mut sentences = sentences_of(SAYING, 30_000);
        sentences.extend(generated_sentences(5_000));
        // and slot by slot: lead-in, name, comma, title, preposition, each
        // sometimes right and sometimes not
        let slots: [&[&str]; 6] = [
            &["said ", "“Yes,” ", "told him ", "so, ", "’s ", "é, "],
            &[
                "Vey-Sern Ling",
                "Lorna Quist",
                "Tom J. van Wu",
                "lorna Quist",
                "Ling AI",
                "Wu",
            ],
            &[",", ", ", ",\u{a0}", ",\n ", " ,", ""],
            &[
                " managing director",
                " the head",
                "  a chief",
                " Chief",
                " é",
                "x",
            ],
            &[" at ", " of\t", " with\u{a0}", " for ", " in ", "at "],
            &["Acme.", "", "the Fund", "é"],
        ];
        let mut k = 0usize;
        for _ in 0..20_000 {
            let mut st = String::new();
            for slot in &slots {
                k = k.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                st.push_str(slot[(k >> 16) % slot.len()]);
            }
            sentences.push(st);
        }
        let mut fired = 0;
        for st in &sentences {
            let re = SAID_NAME.get(st);
            if re.is_match(st) {
                assert!(may_say_name(st), "{st:?}");
                fired += 1;
            }
            // and all matches lie in the window around the commas
            if let Some(commas) = say_name_commas(st) {
                let span = |c: regex::Captures| c.get(0).unwrap().range();
                let whole: Vec<_> = re.captures_iter(st).map(span).collect();
                let range = said_name_range(st, &tokens(st), commas);
                let windowed: Vec<_> = captures_within(re, st, range).map(span).collect();
                assert_eq!(windowed, whole, "{st:?}");
            }
        }
        assert!(fired > 100, "{fired}");
    }

    const WORDS: &[&str] = &[
        "said",
        "Said",
        "says",
        "told",
        "according to",
        "shares",
        "stock",
        "stake in",
        "analysts at",
        "Center",
        "Park",
        "Tower",
        "data center",
        "at the",
        "in the",
        "’s",
        "'s",
        "phone",
        "smartphone",
        "Phone",
        "model",
        "brand",
        "flagship",
        "chatbot",
        "platform",
        "called",
        "named",
        "the",
        "\"",
        "“",
        "”",
        ",",
        ".",
        "(",
        ")",
        "Inc.",
        "Corp",
        "Group",
        "Holdings",
        "Ltd",
        "Co.",
        "S.A.",
        "Asset Management",
        "Commission",
        "Ministry",
        "of",
        "and",
        "&",
        "for",
        "chipmaker",
        "firm",
        "rival",
        "start-up",
        "e-commerce",
        "giant",
        "tech",
        "iPhone",
        "Pro",
        "17",
        "3",
        "AI",
        "Acme",
        "Lorna",
        "Quist",
        "Tom",
        "Wu",
        "Xu",
        "Ran",
        "Zeta",
        "Widgets",
        "CEO",
        "chief",
        "Chief",
        "Executive",
        "head",
        "of research",
        "NYSE:QRVX",
        "\u{a0}",
        "é",
        "中",
        "Ola",
        "Nova",
        "Qwen",
        "rose",
        "fell",
        "app",
        "assistant",
        "launch",
    ];

    #[test]
    fn gates_never_rule_out_a_match() {
        let mut sentences = generated_sentences(20_000);
        sentences.extend(
            [
                "Its flagship Nova 3 and the chatbot named Qwen AI run on the platform Tmall.",
                "The phone called Mate X5 sold out, said Lorna Quist, head of sales at Acme.",
            ]
            .map(String::from),
        );
        let mut fired = [0usize; 9];
        for st in &sentences {
            let gates = GATES.open(st);
            for (k, (bit, re)) in [
                (G_SUFFIX, &*SUFFIX_NAME),
                (G_ORG, &*ORG_NAME),
                (G_SHARES, &*SHARES_OF),
                (G_VENUE, &*VENUE),
                (G_SAID, &*NAME_SAID),
                (G_SAID, &*SAID_PERSON),
                (G_SAID, &*POSSESSIVE_PERSON),
                (G_CUE, &*CUE_COMPANY),
                (G_QUOTED, &*PRODUCT_QUOTED),
                (G_BRAND, &*PRODUCT_BRAND),
            ]
            .into_iter()
            .enumerate()
            {
                if re.get(st).is_match(st) {
                    assert!(gates & bit != 0, "{k}: {st:?}");
                    fired[k.min(8)] += 1;
                }
            }
        }
        // the generated sentences do exercise every pattern
        assert!(fired.iter().all(|&n| n > 0), "{fired:?}");
    }

    #[test]
    fn word_cues_never_rule_out_a_match() {
        const PIECES: &[&str] = &[
            "Lorna",
            "Quist",
            "Vey-Sern",
            "Ling",
            "Van-Dyke",
            "O'Neil",
            "Smith's",
            "Quist'",
            "'",
            "Smith,",
            "LORNA",
            "de",
            "van",
            "J.",
            "said",
            "said,",
            "(said",
            "says",
            "told",
            "added",
            "noted",
            "wrote",
            "stated",
            "believes",
            "warned",
            "predicted",
            "saidx",
            "according",
            "to",
            "Acme's",
            "'s",
            "’s",
            "’",
            "shares",
            "Shares",
            "analysts",
            "stake",
            "stock",
            "of",
            "in",
            "at",
            "from",
            "rose",
            "fell",
            "were",
            "had",
            "Acme",
            "3M",
            "(Acme",
            "the",
            "Zeta",
            ",",
            ".",
            "é",
        ];
        let mut sentences = sentences_of(PIECES, 60_000);
        sentences.extend(generated_sentences(20_000));
        let mut fired = [0usize; 4];
        for st in &sentences {
            let cues = word_cues(st, &tokens(st));
            for (k, (re, bits)) in [
                (&*NAME_SAID, NAME_THEN_VERB),
                (&*POSSESSIVE_PERSON, NAME_THEN_VERB | POSSESSIVE_CUE),
                (&*SAID_PERSON, VERB_THEN_NAME),
                (&*SHARES_OF, SHARES_CUE),
            ]
            .into_iter()
            .enumerate()
            {
                crate::extract::pattern::assert_gate("word cue", re, cues & bits == bits, st);
                fired[k] += usize::from(re.get(st).is_match(st));
            }
        }
        assert!(fired.iter().all(|&n| n > 50), "{fired:?}");
    }

    #[test]
    fn cue_and_quote_checks_never_rule_out_a_match() {
        const PIECES: &[&str] = &[
            "startup",
            "start-up",
            "chipmaker",
            "automaker",
            "maker",
            "the",
            "company",
            "companys",
            "firm",
            "tech",
            "e-commerce",
            "giant",
            "unit",
            "Unit",
            "peer",
            "rival",
            "operator",
            "Acme",
            "(Acme",
            "3M",
            "Zeta",
            "app",
            "apps",
            "phone",
            "smartphones",
            "car",
            "cars",
            "model",
            "service",
            "feature",
            "\"",
            "“",
            "”",
            "\"Nova",
            "“Nova",
            "Nova\"",
            "Nova”",
            "X,\"",
            "s",
            ",",
            "said",
            "é",
        ];
        let mut sentences = sentences_of(PIECES, 60_000);
        sentences.extend(generated_sentences(20_000));
        let mut fired = [0usize; 2];
        for st in &sentences {
            let toks = tokens(st);
            for (k, (re, may)) in [
                (&*CUE_COMPANY, cue_then_cap(st, &toks)),
                (&*PRODUCT_QUOTED, quote_after_noun(st)),
            ]
            .into_iter()
            .enumerate()
            {
                crate::extract::pattern::assert_gate("cue or quote", re, may, st);
                fired[k] += usize::from(re.get(st).is_match(st));
            }
        }
        assert!(fired.iter().all(|&n| n > 50), "{fired:?}");
        // most cue words and quotes are not followed by a name
        assert!(!cue_then_cap(
            "the company said",
            &tokens("the company said")
        ));
        assert!(!quote_after_noun("he said \"Nova\" sold"));
    }

    #[test]
    fn hashed_not_names_answer_like_the_list() {
        let mut words: Vec<String> = generated_sentences(5_000)
            .iter()
            .flat_map(|st| tokens(st).into_iter().map(|(_, w)| w.to_string()))
            .collect();
        for w in NOT_NAMES {
            words.extend([
                w.to_string(),
                w.to_lowercase(),
                format!("{w}s"),
                w[1..].to_string(),
            ]);
        }
        let mut hits = 0;
        for w in &words {
            assert_eq!(not_name(w), NOT_NAMES.contains(&w.as_str()), "{w:?}");
            hits += usize::from(not_name(w));
        }
        assert!(hits >= NOT_NAMES.len(), "{hits}");
    }

    #[test]
    fn caps_words_answer_like_the_full_check() {
        let full = |w: &str| {
            if w.bytes().any(|b| b.is_ascii_lowercase()) {
                return false;
            }
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
        };
        let mut words: Vec<String> = generated_sentences(5_000)
            .iter()
            .flat_map(|st| tokens(st).into_iter().map(|(_, w)| w.to_string()))
            .collect();
        let mut rng = crate::text::XorShift(7);
        const BYTES: &[&str] = &[
            "A", "B", "a", "z", "&", ".", "(", ")", "-", "1", "é", "Ü", "’",
        ];
        for _ in 0..40_000 {
            let n = 1 + rng.below(6);
            words.push((0..n).map(|_| BYTES[rng.below(BYTES.len())]).collect());
        }
        let mut caps = 0;
        for w in &words {
            assert_eq!(is_caps(w), full(w), "{w:?}");
            caps += usize::from(is_caps(w));
        }
        assert!(caps > 1_000, "{caps}");
    }

    #[test]
    fn title_word_shapes_only_reject_non_title_words() {
        let mut words: Vec<String> = Vec::new();
        for w in crate::extract::roles::TITLE_WORD_LIST {
            let mut cap = w.to_string();
            cap[..1].make_ascii_uppercase();
            // the second letter in the other case, or another letter
            if w.len() >= 2 {
                let mut second = w.to_string();
                second[1..2].make_ascii_uppercase();
                words.push(second);
                words.push(format!("{}q{}", &w[..1], &w[2..]));
            }
            words.extend([
                w.to_string(),
                w.to_ascii_uppercase(),
                cap.clone(),
                format!("{cap},"),
                format!("{w},,"),
                format!("{w}s"),
                format!("{w}."),
                w[1..].to_string(),
                w[..w.len() - 1].to_string(),
                format!("{w}\u{212a}"),
                w.replace('k', "\u{212a}"),
            ]);
        }
        words.extend(
            generated_sentences(2_000)
                .iter()
                .flat_map(|s| s.split_whitespace().map(String::from).collect::<Vec<_>>()),
        );
        words.extend(["", ",", ",,", "a", "A,", "-", "x".repeat(17).as_str()].map(String::from));
        for w in &words {
            assert_eq!(
                is_title_word(w),
                crate::extract::roles::is_title_word(w),
                "{w:?}"
            );
        }
    }

    #[test]
    fn bounded_sightings_are_the_bounded_match_indices() {
        let words = [
            "AAA",
            "AA",
            "NBN",
            "NBNS",
            "GKN",
            "GKN's",
            "A",
            "x",
            "_",
            "é",
            "(GKN)",
            "NB",
            "N",
            " ",
            "-",
            "1",
            "AGCO",
            "AGCOA",
            "\u{e9}GKN",
            "BNB",
            "\n",
        ];
        let mut rng = crate::text::XorShift(0x5eed_acc0_0a11_0b0b);
        let mut broken = 0;
        for _ in 0..20_000 {
            let n = 1 + rng.below(12);
            let text: String = (0..n)
                .map(|_| words[rng.below(words.len())])
                .collect::<Vec<_>>()
                .join(if rng.below(2) == 0 { "" } else { " " });
            for w in ["AAA", "NBN", "GKN", "AGCO", "BNB", "AA"] {
                let old: Vec<usize> = text
                    .match_indices(w)
                    .filter(|(k, _)| crate::text::word_bounded(&text, *k, k + w.len()))
                    .map(|(k, _)| k)
                    .collect();
                let new: Vec<usize> = bounded_sightings(&text, w).collect();
                assert_eq!(old, new, "{text:?} {w:?}");
                broken += usize::from(old.len() > 1);
            }
        }
        assert!(broken > 1000, "too few texts with two sightings: {broken}");
    }

    #[test]
    fn acronyms_in_parentheses_are_not_names() {
        for body in [
            "Farm equipment maker QXRZ (QXRZ) said sales rose (by QXRZ estimates) while QXRZ shares fell.",
            "Farm equipment maker QXRZ (QXRZ) said sales rose (by QXRZ estimates) while QXRZ shares fell — é.",
            "Sales (in (QXRZ) units) QXRZ rose (QXRZ) while QXRZ fell.",
        ] {
            let mut d = Document::new(format!("Headline\n\n{body}\n"), Meta::default());
            Zoner.run(&mut d);
            SentenceSplitter.run(&mut d);
            let mut found = Vec::new();
            for s in d.sentences.clone() {
                let st = d.slice(s.span).to_string();
                acronym_orgs(&d, s.span, &tokens(&st), &mut found);
            }
            let at: Vec<usize> = found
                .iter()
                .map(|m| d.byte(m.span.start) - "Headline\n\n".len())
                .collect();
            let outside: Vec<usize> = body
                .match_indices("QXRZ")
                .map(|(k, _)| k)
                .filter(|&k| body[..k].matches('(').count() == body[..k].matches(')').count())
                .collect();
            // the ones in parentheses are left out, the others may be names
            assert!(!at.is_empty(), "{body}");
            assert!(at.iter().all(|k| outside.contains(k)), "{at:?} {outside:?}");
        }
    }

    #[test]
    fn windows_hold_every_suffix_and_organisation_match() {
        const PIECES: &[&str] = &[
            "Acme",
            "Zeta",
            "Blue",
            "Owl",
            "of",
            "and",
            "&",
            "de",
            "the",
            "for",
            "Inc.",
            "Inc",
            "Group",
            "Co.",
            "Asset Management",
            "Asset",
            "Holdings",
            "Ltd",
            "Bank",
            "Capital",
            "Commission",
            "Ministry",
            "Reserve",
            "Fund",
            "Office",
            "(Acme",
            "x-Commission",
            "-A",
            "Corp.-B",
            "3M",
            "Acme's",
            "Acme’s",
            ",",
            ".",
            "said",
            "é",
            "\u{a0}",
            "Zé",
            "Incé",
        ];
        let mut sentences = crate::text::token_sentences(PIECES, 24, 20_000);
        sentences.extend(generated_sentences(5_000));
        let mut rng = crate::text::XorShift(0x0bad_cafe_f00d_d00d);
        for _ in 0..10_000 {
            // long runs of names and connectors, with far-apart literals
            let mut st = String::new();
            for _ in 0..(10 + rng.below(30)) {
                st.push_str(PIECES[rng.below(8)]);
                st.push_str([" ", " ", "\u{a0}", "\t"][rng.below(4)]);
                if rng.below(6) == 0 {
                    st.push_str(PIECES[8 + rng.below(PIECES.len() - 8)]);
                    st.push(' ');
                }
            }
            sentences.push(st);
        }
        sentences.push(
            "Acme Zeta of Blue Owl and Acme de Zeta & Owl of Acme Asset Management Co.-A rose"
                .to_string(),
        );
        sentences.push(
            "Acme's Blue and Owl of Zeta for Acme Commission of the Blue and Owl and Zeta and Acme rose"
                .to_string(),
        );
        let mut found = [0usize; 2];
        for st in &sentences {
            let opened = GATES.scan(st);
            let toks = tokens(st);
            for (k, (bit, hits, re, back, ahead)) in [
                (
                    G_SUFFIX,
                    opened.hits(G_SUFFIX),
                    &*SUFFIX_NAME,
                    SUFFIX_BACK,
                    SUFFIX_AHEAD,
                ),
                (G_ORG, opened.hits(G_ORG), &*ORG_NAME, ORG_BACK, ORG_AHEAD),
            ]
            .into_iter()
            .enumerate()
            {
                let re = re.get(st);
                let whole: Vec<_> = re.find_iter(st).map(|m| m.range()).collect();
                let windowed: Vec<_> = match hits {
                    Some(h) if opened.bits & bit != 0 => {
                        find_within(re, st, window(st, &toks, h, back, ahead))
                            .map(|m| m.range())
                            .collect()
                    }
                    _ => vec![],
                };
                assert_eq!(windowed, whole, "{k}: {st:?}");
                found[k] += whole.len();
            }
        }
        assert!(found.iter().all(|&n| n > 5_000), "{found:?}");
    }

    #[test]
    fn attribution_windows_hold_every_match() {
        // names of every length and shape, the verbs and look-alikes, and
        // fillers that push verbs far apart
        const PIECES: &[&str] = &[
            "John",
            "Smith",
            "Vey-Sern",
            "Ling",
            "Li",
            "Wu-xi",
            "J.",
            "van",
            "de",
            "bin",
            "Acme's",
            "Acme\u{2019}s",
            "'s",
            "s",
            "(John",
            "said",
            "says",
            "told",
            "added",
            "noted",
            "wrote",
            "stated",
            "believes",
            "warned",
            "predicted",
            "according",
            "to",
            "unsaid",
            "said,",
            "Said",
            "the",
            "and",
            "x",
            ",",
            "é",
            "SMITH",
            // whole matches, among the rest
            "Acme's John J. van Smith said",
            "\u{2019}s Wu Li told",
            "according to Vey-Sern Ling",
            "said John Smith",
        ];
        assert_windows_hold_every_match(
            PIECES,
            0x5a1d_0fbe_117e_1100,
            &[
                (G_SAID, &*NAME_SAID, NAME_SAID_BACK, 1),
                (G_SAID, &*SAID_PERSON, 1, SAID_PERSON_AHEAD),
                (G_SAID, &*POSSESSIVE_PERSON, POSSESSIVE_BACK, 1),
            ],
        );
    }

    #[test]
    fn cue_and_share_windows_hold_every_match() {
        const PIECES: &[&str] = &[
            "Acme",
            "Zeta",
            "3M",
            "A&B",
            "Acme's",
            "(Acme",
            "x",
            "the",
            "shares",
            "Shares",
            "stock",
            "of",
            "in",
            "analysts",
            "at",
            "from",
            "stake",
            "rose",
            "fell",
            "were",
            "had",
            "chipmaker",
            "maker",
            "tech",
            "e-commerce",
            "giant",
            "firm",
            "company",
            "unit",
            "start-up",
            "startup",
            "operator",
            ",",
            "é",
            // whole matches, among the rest
            "shares of Acme Zeta",
            "Acme 3M stock fell",
            "analysts at Zeta",
        ];
        assert_windows_hold_every_match(
            PIECES,
            0xc0e5_5ba4_e500_f00d,
            &[
                (G_CUE, &*CUE_COMPANY, CUE_BACK, CUE_AHEAD),
                (G_SHARES, &*SHARES_OF, SHARES_BACK, SHARES_AHEAD),
            ],
        );
    }

    /// On sentences of `pieces` (and the generated ones), each pattern finds
    /// the same matches in the window around its group's literals as in the
    /// whole sentence, and none where the gate rules the group out.
    fn assert_windows_hold_every_match(
        pieces: &[&str],
        seed: u64,
        cases: &[(u16, &AsciiFast, usize, usize)],
    ) {
        let mut sentences = crate::text::token_sentences(pieces, 24, 20_000);
        sentences.extend(generated_sentences(5_000));
        let mut rng = crate::text::XorShift(seed);
        for _ in 0..20_000 {
            // far-apart cue words
            let mut st = String::new();
            for _ in 0..(4 + rng.below(30)) {
                st.push_str(pieces[rng.below(pieces.len())]);
                st.push_str([" ", " ", " ", "\u{a0}", "\t", "\n", ""][rng.below(7)]);
            }
            sentences.push(st);
        }
        let mut found = vec![0usize; cases.len()];
        for st in &sentences {
            let opened = GATES.scan(st);
            let toks = tokens(st);
            for (k, &(group, re, back, ahead)) in cases.iter().enumerate() {
                let re = re.get(st);
                let span = |c: regex::Captures| c.get(0).unwrap().range();
                let whole: Vec<_> = re.captures_iter(st).map(span).collect();
                let windowed: Vec<_> = match opened.hits(group) {
                    Some(h) if opened.bits & group != 0 => {
                        captures_within(re, st, window(st, &toks, h, back, ahead))
                            .map(span)
                            .collect()
                    }
                    _ => vec![],
                };
                assert_eq!(windowed, whole, "{k}: {st:?}");
                found[k] += whole.len();
            }
        }
        assert!(found.iter().all(|&n| n > 2_000), "{found:?}");
    }

    /// Pieces that put [`SUFFIX_NAME`]'s every branch to work: names, digit
    /// names, connectors and look-alikes, suffix words and their prefixes and
    /// extensions, share classes, punctuation glued on.
    const SUFFIX_PIECES: &[&str] = &[
        "Acme",
        "Zeta",
        "Blue",
        "O'Neil",
        "3M",
        "3Ms",
        "5G-Tech",
        "12",
        "X",
        "(Acme",
        "x-Acme",
        "ACME",
        "Acme_Co",
        "of",
        "and",
        "&",
        "de",
        "du",
        "la",
        "often",
        "and,",
        "&Co",
        "the",
        "said",
        "Inc",
        "Inc.",
        "Inc.,",
        "Incorporated",
        "Corp",
        "Corp.",
        "Corporation",
        "Co",
        "Co.",
        "Company",
        "Ltd",
        "Ltd.",
        "Limited",
        "LLC",
        "L.P.",
        "LP",
        "PLC",
        "plc",
        "AG",
        "SA",
        "S.A.",
        "SE",
        "SEC",
        "NV",
        "N.V.",
        "Holding",
        "Holdings",
        "Group",
        "Groupon",
        "Bank",
        "Motor",
        "Motors",
        "Asset",
        "Management",
        "Asset Management",
        "Power Supply",
        "Power",
        "Capital",
        "-A",
        "-AB",
        "-Ab",
        "-ABC",
        "Group-B",
        "Inc.-A",
        "Co.-AB",
        ",",
        ".",
        "Acme,",
    ];

    /// A word walk: the matches in a sentence that start in a window.
    type Walk = fn(&str, (usize, usize)) -> Vec<(usize, usize)>;

    /// Holds a word walk to its regex's `find_iter` on ASCII sentences: word
    /// sentences from `pieces`, generated ones, and 20,000 runs of up to
    /// `most` pieces glued to or spaced from each other in every way
    /// (`last_sep` is the one separator that differs between the walks).
    fn assert_walk_finds_the_regex_matches(
        pieces: &[&str],
        last_sep: &str,
        most: usize,
        seed: u64,
        re: &regex::Regex,
        walk: Walk,
    ) {
        let mut sentences = sentences_of(pieces, 40_000);
        sentences.extend(generated_sentences(5_000));
        let mut rng = crate::text::XorShift(seed);
        for _ in 0..20_000 {
            let mut st = String::new();
            for _ in 0..(1 + rng.below(most)) {
                st.push_str(pieces[rng.below(pieces.len())]);
                st.push_str([" ", " ", " ", "", "  ", "\t", "\n", "-", last_sep][rng.below(9)]);
            }
            sentences.push(st);
        }
        let mut found = 0;
        for st in sentences.iter().filter(|s| s.is_ascii()) {
            let want: Vec<_> = re.find_iter(st).map(|m| (m.start(), m.end())).collect();
            assert_eq!(walk(st, (0, st.len())), want, "{st:?}");
            found += want.len();
        }
        assert!(found > 20_000, "{found}");
    }

    #[test]
    fn suffix_name_walk_finds_the_regex_matches() {
        // names glued to or spaced from suffixes in every way
        assert_walk_finds_the_regex_matches(
            SUFFIX_PIECES,
            ".",
            12,
            0x5eed_0f5a_11ed_c0de,
            SUFFIX_NAME.ascii(),
            ascii_suffix_names,
        );
    }

    /// Pieces for [`ORG_NAME`]: names, possessives, connectors and their
    /// look-alikes, head words and longer words that start with one.
    const ORG_PIECES: &[&str] = &[
        "Acme",
        "Zeta",
        "Blue",
        "3M",
        "1990's",
        "90s",
        "Acme's",
        "Acme'",
        "(Acme",
        "x-Acme",
        "ACME",
        "and",
        "of",
        "for",
        "the",
        "theory",
        "often",
        "forward",
        "Andes",
        "said",
        "Commission",
        "Commissioner",
        "Ministry",
        "Bureau",
        "Agency",
        "Authority",
        "Council",
        "Office",
        "Exchange",
        "Exchanges",
        "University",
        "Court",
        "Courts",
        "Reserve",
        "Fund",
        "Fund's",
        "Funds",
        "Fund_",
        "Office-",
        "Senate",
        ",",
        ".",
        "Acme,",
        "Zeta.",
        "and,",
    ];

    #[test]
    fn org_name_walk_finds_the_regex_matches() {
        assert_walk_finds_the_regex_matches(
            ORG_PIECES,
            "'",
            14,
            0x0f0f_1234_abcd_9876,
            ORG_NAME.ascii(),
            ascii_org_names,
        );
    }

    #[test]
    fn name_lists_start_with_a_capital() {
        for text in [
            include_str!("../../data/gazetteer/given-names.txt"),
            include_str!("../../data/gazetteer/chinese-surnames.txt"),
        ] {
            for l in text.lines().map(str::trim) {
                assert!(
                    l.is_empty() || l.starts_with('#') || l.as_bytes()[0].is_ascii_uppercase(),
                    "{l:?}"
                );
            }
        }
        // and a word that does not is in neither list
        for w in ["lee", "wang", "mr.", "é", "(Lee", "Lee"] {
            let listed = GIVEN_NAMES.contains(w) || FAMILY_FIRST.contains(w);
            assert!(!listed || w.as_bytes()[0].is_ascii_uppercase(), "{w}");
        }
    }

    #[test]
    fn dateline_matches_are_the_regex_captures() {
        const PIECES: &[&str] = &[
            "NEW",
            "YORK",
            "DUBLIN",
            "HK",
            "AB",
            "A",
            "Abc",
            "ABCD",
            "x_1",
            "Ga.",
            "Ireland",
            ",",
            ", ",
            " ",
            " ",
            "  ",
            "\n",
            "\n",
            "\n\n",
            "\t",
            "\r\n",
            "(",
            "(Reuters)",
            "—",
            "–",
            "-",
            "--",
            "-NY",
            "é",
            "\u{a0}",
            "\u{3000}",
            "ÉTÉ",
            "said",
            ".",
        ];
        let mut rng = crate::text::XorShift(0xda7e_11e5_0bad_5eed);
        let (mut found, mut texts) = (0, 0);
        for _ in 0..60_000 {
            let t: String = (0..1 + rng.below(16))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect();
            let want: Vec<(usize, usize)> = DATELINE
                .get(&t)
                .captures_iter(&t)
                .map(|c| c.name("place").unwrap().range())
                .map(|r| (r.start, r.end))
                .collect();
            assert_eq!(dateline_matches(&t), want, "{t:?}");
            found += want.len();
            texts += usize::from(!t.is_ascii() && !want.is_empty());
        }
        assert!(found > 5_000 && texts > 1_000, "{found} {texts}");
    }

    #[test]
    fn eight_byte_scans_are_the_byte_loops() {
        let check = |b: &[u8]| {
            for i in 0..=b.len() {
                let want = |f: fn(&u8) -> bool| (i..b.len()).find(|&k| f(&b[k])).unwrap_or(b.len());
                assert_eq!(
                    next_ascii_space(b, i),
                    want(|c| is_ascii_space(*c)),
                    "{b:?} {i}"
                );
                assert_eq!(
                    next_ascii_upper(b, i),
                    want(u8::is_ascii_uppercase),
                    "{b:?} {i}"
                );
            }
        };
        // every ASCII byte at every place of a chunk, among letters or spaces
        for v in 0..128u8 {
            for fill in [b'a', b' ', b'Z', 0] {
                for at in 0..17 {
                    let mut b = vec![fill; 17];
                    b[at] = v;
                    check(&b);
                }
            }
        }
        let mut rng = crate::text::XorShift(0x8b17_e5ca_0000_5eed);
        for _ in 0..20_000 {
            let b: Vec<u8> = (0..rng.below(30)).map(|_| rng.below(128) as u8).collect();
            check(&b);
        }
    }

    #[test]
    fn ascii_cap_words_are_the_word_regex_spans() {
        const PIECES: &[&str] = &[
            "A", "B", "Wu", "a", "b", "ab", "-", "-", "_", "0", "7", " ", " ", "\n", ".", ",", "'",
            "(", "Vey-Sern", "Ran-x", "Ab-C", "AB", "Ab_", "Ab9",
        ];
        let mut sentences = crate::text::token_sentences(PIECES, 12, 20_000);
        let mut rng = crate::text::XorShift(0x1234_5678_9abc_def1);
        for _ in 0..20_000 {
            let n = 1 + rng.below(10);
            sentences.push(
                (0..n)
                    .map(|_| PIECES[rng.below(PIECES.len())])
                    .collect::<String>(),
            );
        }
        let mut found = 0;
        for t in &sentences {
            let want: Vec<(usize, usize)> = WORD
                .unicode()
                .find_iter(t)
                .map(|m| (m.start(), m.end()))
                .collect();
            let got: Vec<(usize, usize)> = AsciiCapWords {
                b: t.as_bytes(),
                at: 0,
            }
            .collect();
            assert_eq!(got, want, "{t:?}");
            found += want.len();
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn ticker_precheck_never_rules_out_a_match() {
        const PIECES: &[&str] = &[
            "(", ")", "NYSE", ":", "QRVX", "HK", "9618.HK", ",", " ", "JD", "a", "x(", "(é", "9",
            "AAPL", "é",
        ];
        let mut sentences = crate::text::token_sentences(PIECES, 8, 30_000);
        // and glued together, as notations are
        let mut rng = crate::text::XorShift(0x5eed_1234_0bad_f00d);
        for _ in 0..30_000 {
            let n = 2 + rng.below(8);
            sentences.push((0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect());
        }
        let mut fired = 0;
        for t in sentences {
            if TICKER.is_match(&t) {
                assert!(may_hold_ticker(&t), "{t:?}");
                fired += 1;
            }
        }
        assert!(fired > 300, "{fired}");
        assert!(!may_hold_ticker("no notation (here) or ("));
    }

    #[test]
    fn mention_index_answers_like_a_linear_scan() {
        let mut x: u64 = 12345;
        let mut next = move |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % n) as usize
        };
        for round in 0..300 {
            let mentions: Vec<Mention> = (0..round % 25)
                .map(|_| {
                    let s = next(60);
                    let e = s + next(12); // some empty
                    mention(Span::new(s, e), EntityKind::Company, "t", 1.0)
                })
                .collect();
            let index = MentionIndex::new(&mentions);
            for _ in 0..200 {
                let s = next(70);
                let sp = Span::new(s, s + next(8));
                assert_eq!(
                    index.position(sp),
                    mentions.iter().position(|m| m.span == sp)
                );
                assert_eq!(
                    index.overlaps(sp),
                    mentions.iter().any(|m| m.span.overlaps(sp))
                );
            }
        }
    }

    #[test]
    fn hashed_function_words_answer_like_the_list() {
        let mut words: Vec<String> = crate::text::FUNCTION_WORDS
            .iter()
            .flat_map(|w| {
                [
                    w.to_string(),
                    w.to_lowercase(),
                    w.to_uppercase(),
                    format!("{w},"),
                    format!("{w}s"),
                    w[1..].to_string(),
                    w[..w.len() - 1].to_string(),
                ]
            })
            .collect();
        words.extend(
            generated_sentences(2_000)
                .iter()
                .flat_map(|s| s.split_whitespace().map(String::from).collect::<Vec<_>>()),
        );
        words.extend(["", " ", "é", "The\u{a0}"].map(String::from));
        for w in &words {
            assert_eq!(
                is_function_word(w),
                crate::text::FUNCTION_WORDS.contains(&w.as_str()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn product_context_is_ascii_case_insensitive_lowercase() {
        for w in PRODUCT_CONTEXT {
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
            assert!(!w.contains('k') && !w.ends_with('i'), "{w}");
        }
        for t in [
            "A SMARTPHONE",
            "DEVİCE",
            "CHİP",
            "new Model",
            "\u{212a}car",
            "nothing",
        ] {
            let lower = t.to_lowercase();
            assert_eq!(
                GATES.open(t) & G_PRODUCT != 0,
                PRODUCT_CONTEXT.iter().any(|w| lower.contains(w)),
                "{t}"
            );
        }
    }
}
