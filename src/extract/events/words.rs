//! Word-phrase alternations of the event patterns, matched by hand on ASCII
//! text.
//!
//! Most trigger and filter patterns of the events are `(?i)\b(?:a|b c|…)\b`:
//! a list of words and short phrases. Compiling each as a regex cost more
//! than the whole corpus' searches (start-up builds are serial), and each
//! call on a short sentence pays the regex call overhead. On ASCII text a
//! walk over the word starts compares the listed phrases directly; other
//! text still goes to the regex (Unicode `\b`, `\s` and case folding). The
//! tests hold every list to its regex on generated sentences.

use crate::extract::pattern::AsciiFast;
use crate::text::{is_ascii_space, is_ascii_word_byte};
use std::ops::Range;
use std::sync::LazyLock;

/// A pattern `(?i)\b(?:alt|alt|…)\b` with its alternatives spelt out, in the
/// regex's order: lowercase letters and `-`, a space standing for `\s+`, a
/// leading `~` where the alternative has no opening `\b` and a trailing `*`
/// where it has no closing `\b`. Every alternative starts with a letter, so
/// without `~` a match starts at a word start. At most 64 alternatives.
pub(crate) struct Phrases {
    /// The regex the list stands for: searched on text that is not ASCII.
    pub(super) re: &'static LazyLock<AsciiFast>,
    alts: &'static [&'static str],
    /// Per first letter (`c - b'a'`) and second byte (a letter `c - b'a'`,
    /// or [`OTHER`] for any other byte or the end of the text): the
    /// alternatives that may match a place starting so, as bits by index, so
    /// a place is tried against those alone, in order. An alternative is
    /// filed under its own second letter, under [`OTHER`] when its second
    /// character is a space or '-', and under every second byte when it is
    /// a single letter.
    by_first: [[u64; 27]; 26],
    /// Whether some alternative starts with `~` (then every place is tried).
    anywhere: bool,
    /// Case-sensitive (a pattern without `(?i)`): only lowercase text matches.
    exact: bool,
}

impl Phrases {
    pub(crate) const fn new(
        re: &'static LazyLock<AsciiFast>,
        alts: &'static [&'static str],
    ) -> Self {
        Self::with_case(re, alts, false)
    }

    /// The same for a case-sensitive pattern.
    pub(super) const fn exact(
        re: &'static LazyLock<AsciiFast>,
        alts: &'static [&'static str],
    ) -> Self {
        Self::with_case(re, alts, true)
    }

    const fn with_case(
        re: &'static LazyLock<AsciiFast>,
        alts: &'static [&'static str],
        exact: bool,
    ) -> Self {
        assert!(alts.len() <= 64);
        let mut by_first = [[0u64; 27]; 26];
        let mut anywhere = false;
        let mut i = 0;
        while i < alts.len() {
            let a = alts[i].as_bytes();
            let at = if a[0] == b'~' {
                anywhere = true;
                1
            } else {
                0
            };
            let c = a[at];
            assert!(c.is_ascii_lowercase());
            let first = &mut by_first[(c - b'a') as usize];
            // the second character, or '*' for none (a '*' ends the alternative)
            let d = if at + 1 < a.len() { a[at + 1] } else { b'*' };
            match d {
                b'a'..=b'z' => first[(d - b'a') as usize] |= 1 << i,
                b' ' | b'-' => first[OTHER] |= 1 << i,
                _ => {
                    // one letter: whatever follows may do
                    let mut k = 0;
                    while k < first.len() {
                        first[k] |= 1 << i;
                        k += 1;
                    }
                }
            }
            i += 1;
        }
        Phrases {
            re,
            alts,
            by_first,
            anywhere,
            exact,
        }
    }

    /// The leftmost match, as the regex's `find` gives it.
    pub(super) fn find(&self, t: &str) -> Option<Range<usize>> {
        if !t.is_ascii() {
            return self.re.unicode().find(t).map(|m| m.range());
        }
        self.find_ascii(t.as_bytes()).map(|(r, _)| r)
    }

    pub(super) fn is_match(&self, t: &str) -> bool {
        self.find(t).is_some()
    }

    /// On ASCII text: the leftmost match and the index of the alternative
    /// that made it (the first in order that matches there, as in the regex).
    pub(crate) fn find_ascii(&self, b: &[u8]) -> Option<(Range<usize>, usize)> {
        let mut i = 0;
        if self.anywhere {
            while i < b.len() {
                let at_start = WORD[b[i] as usize] && (i == 0 || !WORD[b[i - 1] as usize]);
                if let Some(m) = self.try_at(b, i, at_start) {
                    return Some(m);
                }
                i += 1;
            }
            return None;
        }
        // only word starts: skip the gaps and the rest of each word
        while i < b.len() {
            if !WORD[b[i] as usize] {
                i += 1;
                continue;
            }
            if let Some(m) = self.try_at(b, i, true) {
                return Some(m);
            }
            i += 1;
            while i < b.len() && WORD[b[i] as usize] {
                i += 1;
            }
        }
        None
    }

    /// The first alternative in order that matches at `i`, if any.
    fn try_at(&self, b: &[u8], i: usize, at_start: bool) -> Option<(Range<usize>, usize)> {
        let c = if self.exact {
            b[i]
        } else {
            b[i].to_ascii_lowercase()
        };
        if !c.is_ascii_lowercase() {
            return None;
        }
        let second = match b.get(i + 1) {
            Some(&d) if self.exact => d,
            Some(&d) => d.to_ascii_lowercase(),
            None => 0,
        };
        let second = if second.is_ascii_lowercase() {
            (second - b'a') as usize
        } else {
            OTHER
        };
        let mut set = self.by_first[(c - b'a') as usize][second];
        while set != 0 {
            let k = set.trailing_zeros() as usize;
            set &= set - 1;
            let alt = self.alts[k].as_bytes();
            let alt = match alt.strip_prefix(b"~") {
                Some(a) => a,
                None if at_start => alt,
                None => continue,
            };
            if let Some(end) = match_at(b, i, alt, self.exact) {
                return Some((i..end, k));
            }
        }
        None
    }
}

/// The column of [`Phrases`]' dispatch table for a second byte that is not
/// a lower-case letter (as compared: case folded unless exact).
const OTHER: usize = 26;

/// [`is_ascii_word_byte`] as a table, for the scans of [`Phrases`].
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c as u8 == b'_';
        c += 1;
    }
    t
};

/// The end of the first of `alts` (in the notation of [`Phrases`], without
/// `~`) that matches ASCII `b` at `i`, letters compared exactly or ignoring
/// ASCII case.
pub(crate) fn phrase_at(b: &[u8], i: usize, alts: &[&str], exact: bool) -> Option<usize> {
    alts.iter()
        .find_map(|a| match_at(b, i, a.as_bytes(), exact))
}

/// Whether one of `alts` (as in [`phrase_at`]) matches ASCII `b` at a word
/// start: `\b(?:alt|…)` of a case-sensitive pattern.
pub(crate) fn has_phrase_at_word_start(b: &[u8], alts: &[&str]) -> bool {
    (0..b.len()).any(|i| {
        is_ascii_word_byte(b[i])
            && (i == 0 || !is_ascii_word_byte(b[i - 1]))
            && phrase_at(b, i, alts, true).is_some()
    })
}

/// The end of `alt` (without its `~`) matched at `i`.
fn match_at(b: &[u8], i: usize, alt: &[u8], exact: bool) -> Option<usize> {
    let (alt, bounded) = match alt.strip_suffix(b"*") {
        Some(a) => (a, false),
        None => (alt, true),
    };
    let mut j = i;
    for &c in alt {
        if c == b' ' {
            // `\s+`: the next alternative byte is a letter, so all of the run
            if !b.get(j).is_some_and(|&x| is_ascii_space(x)) {
                return None;
            }
            while b.get(j).is_some_and(|&x| is_ascii_space(x)) {
                j += 1;
            }
        } else if b
            .get(j)
            .is_some_and(|&x| x == c || !exact && x.to_ascii_lowercase() == c)
        {
            j += 1;
        } else {
            return None;
        }
    }
    (!bounded || j == b.len() || !is_ascii_word_byte(b[j])).then_some(j)
}

/// Whether ASCII `t` contains one of the lowercase `words`, ignoring ASCII
/// case: a `(?i)a|b|…` pattern of plain words without boundaries.
pub(super) fn contains_any_ignore_case(t: &str, words: &[&str]) -> bool {
    let b = t.as_bytes();
    (0..b.len()).any(|i| {
        words
            .iter()
            .any(|w| b.len() - i >= w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// `INSERT.replace_all(s, " ")` of the events on ASCII text, where its dash
/// alternative (em and en dashes) cannot match: `,\s[^,;]{1,120}?,` (a comma,
/// a space, up to 120 bytes without comma or semicolon up to the next comma)
/// and `\([^)]*\)` (up to the first closing bracket), each replaced by a
/// space, leftmost first.
pub(super) fn strip_insertions_ascii(s: &str) -> String {
    debug_assert!(s.is_ascii());
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        let end = match b[i] {
            b',' if b.get(i + 1).is_some_and(|&c| is_ascii_space(c)) => {
                let rest = &b[i + 2..];
                rest.iter()
                    .take(121)
                    .position(|&c| c == b',' || c == b';')
                    .filter(|&k| k >= 1 && rest[k] == b',')
                    .map(|k| i + 2 + k + 1)
            }
            b'(' => b[i + 1..]
                .iter()
                .position(|&c| c == b')')
                .map(|k| i + 1 + k + 1),
            _ => None,
        };
        match end {
            Some(e) => {
                out.push_str(&s[last..i]);
                out.push(' ');
                last = e;
                i = e;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Sentences from the words of the pattern sources and the listed
    /// alternatives, glued by spaces, tabs, hyphens, underscores, digits and
    /// punctuation, re-cased and inflected.
    pub(crate) fn sentences(sources: &[&str], n: usize, seed: u64) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for src in sources {
            let src = src
                .replace(r"\s", " ")
                .replace(r"\b", " ")
                .replace(r"\S", " ")
                .replace(r"\w", " ")
                .replace("?P<", " ");
            words.extend(
                src.split(|c: char| !c.is_ascii_alphabetic() && c != '-')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
        words.extend(
            [
                "the", "a", "x", "Acme", "said", "to", "up", "out", "over", "next",
            ]
            .map(String::from),
        );
        let seps = [
            " ", " ", " ", " ", "", "-", "_", "1", "\t", "  ", "\n ", ", ", ". ", "; ", "(", ") ",
            "'", "\u{b}",
        ];
        let mut rng = crate::text::XorShift(seed);
        let mut out = Vec::new();
        for _ in 0..n {
            let mut s = String::new();
            let mut i = rng.below(words.len());
            for k in 0..1 + rng.below(8) {
                if k > 0 {
                    s.push_str(seps[rng.below(seps.len())]);
                    i = if rng.below(3) > 0 && i + 1 < words.len() {
                        i + 1
                    } else {
                        rng.below(words.len())
                    };
                }
                let w = &words[i];
                let w = match rng.below(10) {
                    0 => w.to_uppercase(),
                    1 => w[..1].to_uppercase() + &w[1..],
                    2 => format!("{w}s"),
                    3 => format!("{w}ed"),
                    4 => format!("re{w}"),
                    5 => w[..w.len() - 1].to_string(),
                    _ => w.clone(),
                };
                s.push_str(&w);
            }
            out.push(s);
        }
        out
    }

    /// Holds a phrase list to its regex: the same leftmost match (start and
    /// end) on every generated ASCII sentence; returns how many matched.
    pub(crate) fn assert_same(name: &str, p: &Phrases, extra: &[&str]) -> usize {
        let alts: Vec<&str> = p.alts.to_vec();
        let mut sources = vec![p.re.unicode().as_str()];
        sources.extend(&alts);
        let mut texts = sentences(&sources, 40_000, 0x2545_f491_4f6c_dd1d);
        texts.extend(alts.iter().map(|a| a.trim_matches(['~', '*']).to_string()));
        texts.extend(extra.iter().map(|s| s.to_string()));
        let mut hits = 0;
        for t in &texts {
            let want = p.re.unicode().find(t).map(|m| m.range());
            assert_eq!(p.find(t), want, "{name} on {t:?}");
            hits += want.is_some() as usize;
        }
        assert!(hits > 2_000, "{name}: {hits}");
        hits
    }

    #[test]
    fn word_table_is_is_ascii_word_byte() {
        for c in 0..=255u8 {
            assert_eq!(WORD[c as usize], is_ascii_word_byte(c), "{c}");
        }
    }

    #[test]
    fn match_at_reads_the_notation() {
        assert_eq!(
            match_at(b"Net \t Profit rose", 0, b"net profit", false),
            Some(12)
        );
        assert_eq!(
            match_at(b"Net \t Profit rose", 0, b"net profit", true),
            None
        );
        assert_eq!(match_at(b"netprofit", 0, b"net profit", false), None);
        assert_eq!(match_at(b"gains", 0, b"gain*", false), Some(4));
        assert_eq!(match_at(b"gains", 0, b"gain", false), None);
        assert_eq!(match_at(b"gain-", 0, b"gain", false), Some(4));
        assert_eq!(match_at(b"in  x", 0, b"in *", false), Some(4));
    }

    #[test]
    fn contains_any_ignore_case_is_a_substring_search() {
        assert!(contains_any_ignore_case(
            "Securities Commission",
            &["commission"]
        ));
        assert!(contains_any_ignore_case("xBANKx", &["bank"]));
        assert!(!contains_any_ignore_case("Ban", &["bank"]));
        assert!(!contains_any_ignore_case("", &["bank"]));
    }

    #[test]
    fn strip_insertions_ascii_replaces_as_the_regex_does() {
        let re = crate::extract::pattern::regex_new(
            r",\s[^,;]{1,120}?,|\([^)]*\)|\s[—–]\s[^—–]{1,120}?\s[—–]",
        )
        .unwrap();
        let long = "y".repeat(119);
        let longer = "y".repeat(121);
        let mut texts: Vec<String> = vec![
            String::new(),
            ", a, b, c,".into(),
            ",, x,".into(),
            ", ,".into(),
            "(a (b) c)".into(),
            "(unclosed".into(),
            ", x; y, z,".into(),
            format!(", {long},"),
            format!(", {long}y,"),
            format!(", {longer},"),
            ",\t(x), y,".into(),
        ];
        let toks = [
            ",",
            ", ",
            ",\t",
            ";",
            "(",
            ")",
            " ",
            "x",
            "ab",
            "\u{b}",
            ",\n",
            "yyyyyyyyyyyyyyyyyyyy",
        ];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..60_000 {
            let mut s = String::new();
            for _ in 0..rng.below(30) {
                s.push_str(toks[rng.below(toks.len())]);
            }
            texts.push(s);
        }
        for t in &texts {
            assert_eq!(strip_insertions_ascii(t), re.replace_all(t, " "), "{t:?}");
        }
    }
}
