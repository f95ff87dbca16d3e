//! Hand matchers for the small date patterns that ASCII text still searched
//! with regexes: ISO, SLASH, YTD, FISCAL, REL_DAY, FUTURE and the month name
//! that opens a text. Each regex cost more to build (~1 M instructions, on
//! first use) than all its searches of a run, and each search of a short
//! sentence paid the regex call overhead. On ASCII text these find the same
//! matches in the patterns' ASCII forms (`\b`, `\s`, `\d` and `(?i)` all
//! ASCII), so the regexes are built only for non-ASCII text. The tests hold
//! each to its regex on generated sentences.

use super::{month_any_at, FUTURE, REL_DAY};
use crate::extract::events::words::Phrases;
use crate::text::{is_ascii_space, is_ascii_word_byte};
use std::ops::Range;

/// A match and three of its groups.
pub(super) type Parts = (Range<usize>, [Range<usize>; 3]);

pub(super) fn word(b: &[u8], k: usize) -> bool {
    b.get(k).is_some_and(|&c| is_ascii_word_byte(c))
}

fn digit(b: &[u8], k: usize) -> bool {
    b.get(k).is_some_and(u8::is_ascii_digit)
}

/// `@YEAR@` at `y`: "19" or "20" and two digits.
pub(super) fn year_at(b: &[u8], y: usize) -> bool {
    b.len() >= y + 4 && matches!(&b[y..y + 2], b"19" | b"20") && digit(b, y + 2) && digit(b, y + 3)
}

/// The end of `\d{1,2}` at `j` when the byte `sep` follows it. Two digits
/// are tried first; giving one back would put a digit where `sep` must be.
fn digits_then(b: &[u8], j: usize, sep: u8) -> Option<usize> {
    if !digit(b, j) {
        return None;
    }
    let end = j + 1 + usize::from(digit(b, j + 1));
    (b.get(end) == Some(&sep)).then_some(end)
}

/// The end of `\d{1,2}\b` at `j`: one or two digits and no word byte after
/// them (between two digits there is no `\b`).
fn digits_bounded(b: &[u8], j: usize) -> Option<usize> {
    if !digit(b, j) {
        return None;
    }
    let end = j + 1 + usize::from(digit(b, j + 1));
    (!word(b, end)).then_some(end)
}

/// The end of `\s+` from `j`, if it is not empty.
pub(super) fn spaces(b: &[u8], j: usize) -> Option<usize> {
    let mut k = j;
    while b.get(k).is_some_and(|&c| is_ascii_space(c)) {
        k += 1;
    }
    (k > j).then_some(k)
}

/// The matches of a pattern that opens with `\b` and a word byte `first`
/// accepts, with one way to match at a place (`at(i)`: its end and groups):
/// left to right, the scan going on after each match, as `captures_iter`.
pub(super) fn word_start_matches<T>(
    b: &[u8],
    first: impl Fn(u8) -> bool,
    at: impl Fn(usize) -> Option<(usize, T)>,
) -> Vec<(Range<usize>, T)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if first(b[i]) && (i == 0 || !is_ascii_word_byte(b[i - 1])) {
            if let Some((end, t)) = at(i) {
                out.push((i..end, t));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// ISO's matches (`\b@YEAR@-\d{1,2}-\d{1,2}\b`) with groups `y`, `m`, `d`.
pub(super) fn iso_ascii(s: &str) -> Vec<Parts> {
    let b = s.as_bytes();
    word_start_matches(
        b,
        |c| c == b'1' || c == b'2',
        |i| {
            if !year_at(b, i) || b.get(i + 4) != Some(&b'-') {
                return None;
            }
            let m_end = digits_then(b, i + 5, b'-')?;
            let d_end = digits_bounded(b, m_end + 1)?;
            Some((d_end, [i..i + 4, i + 5..m_end, m_end + 1..d_end]))
        },
    )
}

/// SLASH's matches (`\b\d{1,2}/\d{1,2}/@YEAR@\b`) with groups `a`, `b`, `y`.
pub(super) fn slash_ascii(s: &str) -> Vec<Parts> {
    let b = s.as_bytes();
    word_start_matches(
        b,
        |c| c.is_ascii_digit(),
        |i| {
            let a_end = digits_then(b, i, b'/')?;
            let b_end = digits_then(b, a_end + 1, b'/')?;
            let y = b_end + 1;
            (year_at(b, y) && !word(b, y + 4))
                .then(|| (y + 4, [i..a_end, a_end + 1..b_end, y..y + 4]))
        },
    )
}

/// YTD's matches: `\b(?:[Yy]ear[-\s]to[-\s]date|YTD)\b`.
pub(super) fn ytd_ascii(s: &str) -> Vec<Range<usize>> {
    let b = s.as_bytes();
    let sep = |k: usize| b.get(k).is_some_and(|&c| c == b'-' || is_ascii_space(c));
    let has = |k: usize, w: &[u8]| b.get(k..k + w.len()) == Some(w);
    word_start_matches(
        b,
        |c| c == b'Y' || c == b'y',
        |i| {
            let end = if has(i, b"YTD") {
                i + 3
            } else if has(i + 1, b"ear")
                && sep(i + 4)
                && has(i + 5, b"to")
                && sep(i + 7)
                && has(i + 8, b"date")
            {
                i + 12
            } else {
                return None;
            };
            (!word(b, end)).then_some((end, ()))
        },
    )
    .into_iter()
    .map(|(m, ())| m)
    .collect()
}

/// FISCAL's matches: `\b(?:FY\s?(?:\d{4}|\d{2})|[Ff]iscal\s+(?:[Yy]ear\s+)?@YEAR@)\b`.
/// After "FY" a space is taken if there (a digit must follow either way);
/// four digits then two are tried, and only a run of exactly that many
/// digits has `\b` after it. After "fiscal" `\s+` takes every space (a
/// letter or digit must follow), and "year" with its spaces is tried before
/// the year itself.
pub(super) fn fiscal_ascii(s: &str) -> Vec<Range<usize>> {
    let b = s.as_bytes();
    let has = |k: usize, w: &[u8]| b.get(k..k + w.len()) == Some(w);
    let year_end = |y: usize| (year_at(b, y) && !word(b, y + 4)).then_some(y + 4);
    word_start_matches(
        b,
        |c| c == b'F' || c == b'f',
        |i| {
            let end = if has(i, b"FY") {
                let j = i + 2 + usize::from(b.get(i + 2).is_some_and(|&c| is_ascii_space(c)));
                let run = (j..b.len()).take_while(|&k| digit(b, k)).count();
                if (run == 4 || run == 2) && !word(b, j + run) {
                    j + run
                } else {
                    return None;
                }
            } else if has(i + 1, b"iscal") {
                let k = spaces(b, i + 6)?;
                let after_year = (matches!(b.get(k), Some(b'Y' | b'y')) && has(k + 1, b"ear"))
                    .then(|| spaces(b, k + 4))
                    .flatten()
                    .and_then(year_end);
                after_year.or_else(|| year_end(k))?
            } else {
                return None;
            };
            Some((end, ()))
        },
    )
    .into_iter()
    .map(|(m, ())| m)
    .collect()
}

/// REL_DAY spelt out for [`Phrases`] (same order).
static REL_DAY_W: Phrases = Phrases::new(
    &REL_DAY,
    &[
        "earlier today",
        "later today",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "the day before yesterday",
        "yesterday",
        "the day after tomorrow",
        "tomorrow",
    ],
);

/// REL_DAY's matches (its group `x` is the whole match: only `\b` around it).
/// A match ends before a non-word byte, so the search goes on from there.
pub(super) fn rel_day_ascii(s: &str) -> Vec<Range<usize>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((r, _)) = REL_DAY_W.find_ascii(&b[from..]) {
        out.push(from + r.start..from + r.end);
        from += r.end;
    }
    out
}

/// FUTURE's word alternatives spelt out for [`Phrases`]; its `['’]ll\b`
/// is checked by [`future_ascii`].
static FUTURE_W: Phrases = Phrases::new(
    &FUTURE,
    &[
        "will",
        "shall",
        "scheduled",
        "upcoming",
        "plans to",
        "plan to",
        "planning to",
        "set to",
        "due to",
        "expected to",
        "going to",
        "is to",
        "are to",
    ],
);

/// Whether FUTURE matches ASCII text.
pub(super) fn future_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    let ll = |i: usize| {
        b[i] == b'\''
            && b.get(i + 1).is_some_and(|&c| c | 0x20 == b'l')
            && b.get(i + 2).is_some_and(|&c| c | 0x20 == b'l')
            && !word(b, i + 3)
    };
    (0..b.len()).any(ll) || FUTURE_W.find_ascii(b).is_some()
}

/// Whether ASCII text opens with `@MONTH@` (`^@MONTH@`).
pub(super) fn month_prefix_ascii(s: &str) -> bool {
    month_any_at(s.as_bytes(), 0).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::{FISCAL, ISO, SLASH, YTD};
    use super::*;
    use crate::extract::pattern::AsciiFast;

    /// Sentences of date-like tokens and separators.
    fn texts(tokens: &[&str], seps: &[&str], n: usize, seed: u64) -> Vec<String> {
        let mut rng = crate::text::XorShift(seed);
        (0..n)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..1 + rng.below(7) {
                    t.push_str(tokens[rng.below(tokens.len())]);
                    t.push_str(seps[rng.below(seps.len())]);
                }
                t
            })
            .collect()
    }

    fn regex_parts(r: &AsciiFast, t: &str, names: [&str; 3]) -> Vec<Parts> {
        r.ascii()
            .captures_iter(t)
            .map(|c| {
                let g = |n: &str| c.name(n).unwrap().range();
                (c.get(0).unwrap().range(), names.map(g))
            })
            .collect()
    }

    fn regex_finds(r: &AsciiFast, t: &str) -> Vec<Range<usize>> {
        r.ascii().find_iter(t).map(|m| m.range()).collect()
    }

    /// ISO and SLASH by hand find the regexes' matches and groups.
    #[test]
    fn iso_and_slash_match_their_regexes() {
        const TOKENS: &[&str] = &[
            "2025",
            "1999",
            "2100",
            "19",
            "20255",
            "1",
            "12",
            "123",
            "05",
            "7",
            "x",
            "a1",
            "_",
            "2025-",
            "-",
            "/",
            "3/",
            "12/",
            "2025-09-17",
            "03/04/2025",
        ];
        const SEPS: &[&str] = &["-", "-", "/", "/", " ", "", "_", ".", "--", "x"];
        let mut hits = [0; 2];
        for t in texts(TOKENS, SEPS, 60_000, 0x6973_6f5f_736c_6173) {
            let want = regex_parts(&ISO, &t, ["y", "m", "d"]);
            assert_eq!(iso_ascii(&t), want, "ISO {t:?}");
            hits[0] += want.len();
            let want = regex_parts(&SLASH, &t, ["a", "b", "y"]);
            assert_eq!(slash_ascii(&t), want, "SLASH {t:?}");
            hits[1] += want.len();
        }
        assert!(hits[0] >= 1000 && hits[1] >= 1000, "{hits:?}");
    }

    /// YTD and FISCAL by hand find the regexes' matches.
    #[test]
    fn ytd_and_fiscal_match_their_regexes() {
        const TOKENS: &[&str] = &[
            "year", "Year", "YEAR", "to", "To", "date", "dates", "YTD", "YTDs", "ytd", "FY",
            "FY2025", "FY25", "FY255", "FY 25", "FY  25", "fy", "fiscal", "Fiscal", "FISCAL",
            "fiscals", "2025", "1999", "2100", "25", "123", "12345", "x", "_", "Yyear",
        ];
        const SEPS: &[&str] = &[" ", " ", "-", "", "\t", "  ", "_", ",", "\n"];
        let mut hits = [0; 2];
        for t in texts(TOKENS, SEPS, 60_000, 0x7974_645f_6669_7363) {
            let want = regex_finds(&YTD, &t);
            assert_eq!(ytd_ascii(&t), want, "YTD {t:?}");
            hits[0] += want.len();
            let want = regex_finds(&FISCAL, &t);
            assert_eq!(fiscal_ascii(&t), want, "FISCAL {t:?}");
            hits[1] += want.len();
        }
        assert!(hits[0] >= 1000 && hits[1] >= 1000, "{hits:?}");
    }

    /// REL_DAY and FUTURE by hand match their regexes.
    #[test]
    fn rel_day_and_future_match_their_regexes() {
        use crate::extract::events::words::tests::sentences;
        let mut texts = sentences(
            &[REL_DAY.ascii().as_str(), FUTURE.ascii().as_str()],
            60_000,
            0x7265_6c5f_6461_7921,
        );
        texts.extend(
            [
                "we'll",
                "WE'LL go",
                "it'll_",
                "'ll",
                "x 'llx",
                "'l",
                "the  day\tbefore yesterday",
            ]
            .map(String::from),
        );
        let mut hits = [0; 2];
        for t in &texts {
            let want: Vec<Range<usize>> = REL_DAY
                .ascii()
                .captures_iter(t)
                .map(|c| {
                    let m = c.get(0).unwrap().range();
                    assert_eq!(c.name("x").unwrap().range(), m);
                    m
                })
                .collect();
            assert_eq!(rel_day_ascii(t), want, "REL_DAY {t:?}");
            hits[0] += want.len();
            let want = FUTURE.ascii().is_match(t);
            assert_eq!(future_ascii(t), want, "FUTURE {t:?}");
            hits[1] += want as usize;
        }
        assert!(hits[0] >= 1000 && hits[1] >= 1000, "{hits:?}");
    }

    /// A leading month name by hand, as `^@MONTH@`.
    #[test]
    fn month_prefix_matches_its_regex() {
        const TOKENS: &[&str] = &[
            "Jan", "January", "Sept", "Sep", "Sept.", "May", "Mayor", "june", "Decem", "Nov_",
            "JanFeb", "x", "3", "",
        ];
        const SEPS: &[&str] = &[" ", ".", "", ",", "_", "1"];
        let re = super::super::re(r"^@MONTH@");
        let mut hits = 0;
        for t in texts(TOKENS, SEPS, 20_000, 0x6d6f_6e74_685f_7072) {
            let want = re.ascii().is_match(&t);
            assert_eq!(month_prefix_ascii(&t), want, "{t:?}");
            hits += want as usize;
        }
        assert!(hits >= 1000, "{hits}");
    }
}
