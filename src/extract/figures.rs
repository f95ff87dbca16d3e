//! Figures: money, percentages, multiples, counts, winning streaks, power
//! capacity and index levels, with their qualifier ("over", "about"), what
//! they measure and the direction of a change.
//!
//! Recognition is per sentence of the body with a set of regular expressions,
//! each followed by checks the regex crate cannot express (no look-around):
//! a number glued to letters or codes ("G20", "Q1", "mid-2024", "9618.HK",
//! "05:36") is never a figure, a number right after a capitalised word is part
//! of a name ("S&P 500", "CSI 300", "Xiaomi 17"), and years, durations and
//! bare numbers without a unit are left out. Overlaps are settled by pattern
//! priority, then length; adjacent figures of one unit joined by "-", "to" or
//! "between … and" become one range.
//!
//! Amounts are scaled in decimal ("$1.27 billion" is 127 × 10⁷, converted to
//! `f64` once) so values carry no float noise from the scaling.

use crate::document::{Document, Figure, FigureValue, Span};
use crate::extract::pattern::{regex_new, AsciiFast};
use crate::pipeline::{layer, Extractor};
use crate::text::{is_ascii_space, is_ascii_word_byte};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub struct FigureExtractor;

const EXTRACTOR: &str = "figures";

impl Extractor for FigureExtractor {
    fn name(&self) -> &'static str {
        EXTRACTOR
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::SENTENCES]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::FIGURES]
    }
    fn warm_ups(&self) -> &'static [fn()] {
        &[|| _ = MONEY_PRE.ascii()]
    }
    fn run(&self, doc: &mut Document) {
        doc.figures = extract(doc);
    }
}

// ---------------------------------------------------------------------------
// Numbers

/// A decimal number as mantissa × 10^exp, exact.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dec {
    mant: i128,
    exp: i32,
}

impl Dec {
    /// Digits with optional thousands commas and decimal part, or a number word.
    fn parse(s: &str) -> Option<Dec> {
        let s = s.trim();
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            let mut mant: i128 = 0;
            let mut exp = 0i32;
            let mut frac = false;
            let mut any = false;
            for c in s.chars() {
                match c {
                    '0'..='9' => {
                        mant = mant
                            .checked_mul(10)?
                            .checked_add((c as u8 - b'0') as i128)?;
                        any = true;
                        if frac {
                            exp -= 1;
                        }
                    }
                    ',' if !frac => {}
                    '.' if !frac => frac = true,
                    _ => return None,
                }
            }
            any.then_some(Dec { mant, exp })
        } else {
            word_value(s).map(|v| Dec {
                mant: v as i128,
                exp: 0,
            })
        }
    }

    /// The value times 10^pow10 as the nearest `f64`.
    fn scaled(self, pow10: i32) -> f64 {
        let e = self.exp + pow10;
        if e >= 0 {
            if let Some(v) = 10i128
                .checked_pow(e as u32)
                .and_then(|p| self.mant.checked_mul(p))
            {
                return v as f64;
            }
            self.mant as f64 * 10f64.powi(e)
        } else if e >= -22 {
            // 10^k is exact in f64 for k <= 22, so the division rounds once.
            self.mant as f64 / 10f64.powi(-e)
        } else {
            self.mant as f64 * 10f64.powi(e)
        }
    }

    fn value(self) -> f64 {
        self.scaled(0)
    }

    /// A plain four-digit number that reads as a year (1800–2199).
    fn is_year_like(s: &str) -> bool {
        s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && matches!(s.parse::<u32>(), Ok(1800..=2199))
    }
}

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ORDINALS: &[&str] = &[
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// `f` of `t.to_lowercase()`, without allocating when `t` is ASCII and
/// short (its lower case is then its ASCII lower case): figures test many
/// short tokens (number words, the word before a number) this way.
fn with_lower<R>(t: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    if let (true, Some(b)) = (t.is_ascii(), buf.get_mut(..t.len())) {
        b.copy_from_slice(t.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(l) = std::str::from_utf8(b) {
            return f(l);
        }
    }
    f(&t.to_lowercase())
}

/// Value of a spelled-out number ("seven", "twenty-five", "hundred").
pub fn word_value(w: &str) -> Option<u32> {
    with_lower(w, word_value_lower)
}

/// [`word_value`] of a lower-cased word.
fn word_value_lower(l: &str) -> Option<u32> {
    if let Some(i) = UNITS.iter().position(|u| *u == l) {
        return Some(i as u32);
    }
    match l {
        "hundred" => return Some(100),
        "thousand" => return Some(1000),
        _ => {}
    }
    let (t, u) = match l.split_once('-') {
        Some((t, u)) => (t, Some(u)),
        None => (l, None),
    };
    let tens = TENS.iter().find(|(n, _)| *n == t)?.1;
    match u {
        None => Some(tens),
        Some(u) => {
            let i = UNITS.iter().position(|x| *x == u)?;
            (1..10).contains(&i).then_some(tens + i as u32)
        }
    }
}

/// Value of an ordinal ("7th", "eighth").
pub fn ordinal_value(w: &str) -> Option<u32> {
    let l = w.to_lowercase();
    if let Some(d) = l
        .strip_suffix("st")
        .or_else(|| l.strip_suffix("nd"))
        .or_else(|| l.strip_suffix("rd"))
        .or_else(|| l.strip_suffix("th"))
    {
        if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) {
            return d.parse().ok();
        }
    }
    ORDINALS.iter().position(|o| *o == l).map(|i| i as u32)
}

/// Powers of ten of scale words and letters.
fn scale_exp(s: &str) -> Option<i32> {
    Some(match s {
        "k" | "K" | "thousand" => 3,
        "m" | "M" | "mn" | "mln" | "million" => 6,
        "b" | "B" | "bn" | "bln" | "billion" => 9,
        "tn" | "trn" | "trillion" => 12,
        "crore" => 7,
        "lakh" => 5,
        _ => return None,
    })
}

/// ISO 4217 code of a currency symbol, prefix or name.
fn currency_code(s: &str, yen_is_yuan: bool) -> Option<&'static str> {
    let norm: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('.', "");
    let n = norm.as_str();
    let n = if n.len() > 3 && n.ends_with('s') && !n.ends_with("us$") {
        &n[..n.len() - 1]
    } else {
        n
    };
    Some(match n {
        "$" | "us$" | "usd" | "us dollar" | "american dollar" | "dollar" => "USD",
        "hk$" | "hkd" | "hong kong dollar" | "hk dollar" => "HKD",
        "s$" | "sgd" | "singapore dollar" => "SGD",
        "a$" | "au$" | "aud" | "australian dollar" => "AUD",
        "c$" | "ca$" | "cad" | "canadian dollar" => "CAD",
        "nt$" | "twd" | "new taiwan dollar" | "taiwan dollar" => "TWD",
        "nz$" | "nzd" | "new zealand dollar" => "NZD",
        "r$" => "BRL",
        "mx$" => "MXN",
        "£" | "uk£" | "gbp" | "pound" | "pound sterling" | "pounds sterling" | "sterling" => {
            "GBP"
        }
        "€" | "eur" | "euro" => "EUR",
        "¥" | "￥" => {
            if yen_is_yuan {
                "CNY"
            } else {
                "JPY"
            }
        }
        "jpy" | "yen" => "JPY",
        "rmb" | "cny" | "yuan" | "renminbi" => "CNY",
        "₹" | "r" | "rs" | "inr" | "rupee" => "INR",
        "₩" | "krw" | "won" => "KRW",
        "chf" | "franc" | "swiss franc" => "CHF",
        "ringgit" => "MYR",
        "baht" => "THB",
        "rupiah" => "IDR",
        "rand" => "ZAR",
        "ruble" | "rouble" => "RUB",
        "lira" => "TRY",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Patterns

const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";
const WORDNUM: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)";
const ORDWORD: &str = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)";
const SCALE: &str = r"(?:trillion|billion|million|thousand|crore|lakh|trn|tn|bln|bn|mln|mn)";
const CURWORDS: &str = r"(?:yuan|renminbi|RMB|CNY|Hong\s+Kong\s+dollars?|HK\s+dollars?|Singapore\s+dollars?|Australian\s+dollars?|Canadian\s+dollars?|New\s+Taiwan\s+dollars?|Taiwan\s+dollars?|New\s+Zealand\s+dollars?|U\.S\.\s+dollars?|US\s+dollars?|American\s+dollars?|dollars?|euros?|pounds?\s+sterling|sterling|pounds?|yen|won|rupees?|Swiss\s+francs?|francs?|ringgit|baht|rupiah|rand|roubles?|rubles?|lira|USD|HKD|EUR|GBP|JPY|SGD|AUD|CAD|TWD|INR|KRW|CHF|NZD)";

/// A figure pattern with its placeholders filled in, compiled on first use in
/// the form for the haystack at hand (see [`AsciiFast`]: same spans, far
/// smaller automata on ASCII text).
fn re(p: &str) -> AsciiFast {
    let p = p
        .replace("@NUM@", NUM)
        .replace("@WORDNUM@", WORDNUM)
        .replace("@ORDWORD@", ORDWORD)
        .replace("@SCALE@", SCALE)
        .replace("@CUR@", CURWORDS);
    AsciiFast::new(&p)
}

static MONEY_PRE: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<cur>\b(?:US|U\.S\.|HK|S|A|AU|C|CA|NT|NZ|R|MX)\$|\bUK£|\$|£|€|¥|￥|₹|₩|\bRs\.?|\b(?:RMB|CNY|USD|HKD|EUR|GBP|JPY|SGD|AUD|CAD|TWD|INR|KRW|CHF|NZD)\b)\s?(?P<a>@NUM@)(?:\s*(?P<sep>-|–|to)\s*(?P<cur2>(?:US|HK|S|A|C|NT)?\$|UK£|£|€|¥)?(?P<b>@NUM@))?(?:(?:\s|-)?(?P<sw>@SCALE@)\b|(?P<sl>[kKmMbB])\b)?",
    )
});
static MONEY_SUF: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<a>@NUM@|\b(?i:@WORDNUM@))(?:\s*(?P<sep>-|–|to)\s*(?P<b>@NUM@))?(?:(?:\s|-)(?P<sw>@SCALE@)|(?P<sl>@SCALE@|[kKmMbB]))?(?:\s|-)(?P<cur>@CUR@)\b",
    )
});
static MONEY_NUMLESS: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\b(?P<sw>trillion|billion|million)(?P<sep>\s|-)(?P<cur>yuan|renminbi|dollars?|euros?|pounds?|yen|won|rupees?)\b",
    )
});
static PERCENT: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<a>@NUM@|\b(?i:@WORDNUM@))(?:\s*(?P<sep>-|–|to)\s*(?P<b>@NUM@))?(?:\s*|-)(?P<u>%|％|percent\b|per\s+cent\b|pct\b|percentage(?:\s|-)points?\b|pp\b|ppts?\b|basis(?:\s|-)points?\b|bps\b|bp\b)",
    )
});
static PERCENTILE: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"(?P<a>\d+(?:\.\d+)?)(?:st|nd|rd|th)(?:\s|-)percentile\b"));
static MULT_X: LazyLock<AsciiFast> = LazyLock::new(|| re(r"(?P<a>@NUM@)(?:[xX]|\s?×)"));
static MULT_TIMES: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"(?P<a>@NUM@|\b(?i:@WORDNUM@))\s+times\b"));
static MULT_FOLD: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"(?P<a>@NUM@|\b(?i:@WORDNUM@|hundred|thousand))(?:\s|-)?fold\b"));
static AVERAGE_OF: LazyLock<AsciiFast> = LazyLock::new(|| re(r"\baverage\s+of\s+(?P<a>@NUM@)"));
static POWER: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<a>@NUM@)(?:\s*|-)(?P<u>gigawatt(?:\s|-)hours?|megawatt(?:\s|-)hours?|terawatt(?:\s|-)hours?|gigawatts?|megawatts?|terawatts?|kilowatts?|GWh|MWh|TWh|kWh|GW|MW|TW|kW)\b",
    )
});
static POINTS: LazyLock<AsciiFast> = LazyLock::new(|| re(r"(?P<a>@NUM@)(?:\s|-)points?\b"));
static LEVEL: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\b(?:at|to|of|near|above|below|around|past)\s+(?P<a>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,6}\.\d{1,2})",
    )
});
static COUNT_DIGITS: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<a>@NUM@)(?:\s+(?P<sw>million|billion|thousand|trillion))?\s+(?P<rest>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})",
    )
});
static COUNT_WORDS: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(r"\b(?P<a>(?i:@WORDNUM@))\s+(?P<rest>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})")
});
static OF_THE: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(r"(?P<a>@NUM@)\s+of\s+(?:the|its|their|these|those)\s+(?:@NUM@|(?i:@WORDNUM@))\b")
});
static STREAK: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<a>\b\d+(?:st|nd|rd|th)?|\b(?i:@ORDWORD@|@WORDNUM@))\s+(?:straight|consecutive|successive|back-to-back)\s+(?:(?:weekly|daily|monthly|quarterly|annual|yearly|trading)\s+)?(?P<n>weeks?|days?|sessions?|months?|quarters?|years?|advances?|gains?|increases?|rises?|declines?|losses?|falls?|drops?|rally|rallies|wins?)\b",
    )
});
static STREAK_RUN: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?P<a>\b\d+|\b(?i:@WORDNUM@))(?:\s|-)(?:day|week|month|session|year|quarter|game)\s+(?P<k>winning|losing|win|loss)\s+(?:streak|run)\b",
    )
});

// Context words.
static QUALIFIER: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(just\s+over|just\s+under|more\s+than|less\s+than|fewer\s+than|as\s+much\s+as|as\s+little\s+as|as\s+many\s+as|as\s+high\s+as|as\s+low\s+as|up\s+to|at\s+least|at\s+most|close\s+to|upwards\s+of|in\s+excess\s+of|an\s+estimated|approximately|roughly|nearly|almost|about|around|over|some|exceeding|under|below|above)\s*$",
    )
});
/// Whether lower-case `words` spell one of [`QUALIFIER`]'s phrases.
fn is_qualifier_phrase(words: &[&[u8]]) -> bool {
    match words {
        [w] => matches!(
            *w,
            b"approximately"
                | b"roughly"
                | b"nearly"
                | b"almost"
                | b"about"
                | b"around"
                | b"over"
                | b"some"
                | b"exceeding"
                | b"under"
                | b"below"
                | b"above"
        ),
        [a, b] => matches!(
            (*a, *b),
            (b"just", b"over" | b"under")
                | (b"more" | b"less" | b"fewer", b"than")
                | (b"up" | b"close", b"to")
                | (b"at", b"least" | b"most")
                | (b"upwards", b"of")
                | (b"an", b"estimated")
        ),
        [a, b, c] => matches!(
            (*a, *b, *c),
            (
                b"as",
                b"much" | b"little" | b"many" | b"high" | b"low",
                b"as"
            ) | (b"in", b"excess", b"of")
        ),
        _ => false,
    }
}

/// Whether the ASCII word `w` (any case) is the last word of some phrase of
/// [`is_qualifier_phrase`]; the `qualifier_last_words_end_every_phrase` test
/// holds it to the phrases of [`QUALIFIER`].
fn ends_qualifier_phrase(w: &[u8]) -> bool {
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..w.len()) else {
        return false;
    };
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"approximately"
            | b"roughly"
            | b"nearly"
            | b"almost"
            | b"about"
            | b"around"
            | b"over"
            | b"some"
            | b"exceeding"
            | b"under"
            | b"below"
            | b"above"
            | b"than"
            | b"to"
            | b"least"
            | b"most"
            | b"of"
            | b"estimated"
            | b"as"
    )
}

/// The span of a trailing qualifier of `before` ("more than", "about"), as
/// [`QUALIFIER`]'s first group (whose start is the match's). On ASCII text the
/// phrase is found by hand, a regex call fewer per figure: it ends at the last
/// letter before the trailing `\s*`, its words are whole letter runs apart by
/// `\s+`, the byte before the first is not a word byte (`\b`), and the
/// leftmost match is the one with most words.
fn qualifier(before: &str) -> Option<Range<usize>> {
    qualifier_of(before, before.is_ascii())
}

/// [`qualifier`] with `ascii` saying whether `before` is ASCII, as known from
/// its sentence's [`Probe`] (a prefix of an ASCII sentence is ASCII), instead
/// of checking the sentence's whole prefix again for each figure.
fn qualifier_of(before: &str, ascii: bool) -> Option<Range<usize>> {
    if !ascii {
        return QUALIFIER
            .get(before)
            .captures(before)
            .map(|c| c.get(1).unwrap().range());
    }
    let b = before.as_bytes();
    let mut end = b.len();
    while end > 0 && is_ascii_space(b[end - 1]) {
        end -= 1;
    }
    // Most figures follow no qualifier: unless the last word can end a
    // phrase, none can match, and the copies below are not made.
    let mut last = end;
    while last > 0 && b[last - 1].is_ascii_alphabetic() {
        last -= 1;
    }
    if !ends_qualifier_phrase(&b[last..end]) {
        return None;
    }
    // up to three trailing words (start, end), last word first, each apart
    // from the next by whitespace only
    let mut words: [(usize, usize); 3] = [(0, 0); 3];
    let mut n = 0;
    let mut e = end;
    while n < 3 {
        let mut st = e;
        while st > 0 && b[st - 1].is_ascii_alphabetic() {
            st -= 1;
        }
        if st == e {
            break;
        }
        words[n] = (st, e);
        n += 1;
        let mut sp = st;
        while sp > 0 && is_ascii_space(b[sp - 1]) {
            sp -= 1;
        }
        if sp == st {
            break;
        }
        e = sp;
    }
    // lower-case copies of the words, last word first, made once for all
    // phrase lengths; longer words match no phrase
    let mut bufs = [[0u8; 16]; 3];
    let mut lowered: [&[u8]; 3] = [&[]; 3];
    for ((buf, low), &(ws, we)) in bufs.iter_mut().zip(&mut lowered).zip(&words[..n]) {
        if let Some(l) = buf.get_mut(..we - ws) {
            l.copy_from_slice(&b[ws..we]);
            l.make_ascii_lowercase();
            *low = l;
        }
    }
    for k in (1..=n).rev() {
        let st = words[k - 1].0;
        if st > 0 && is_ascii_word_byte(b[st - 1]) {
            continue;
        }
        // first word first
        let mut lower: [&[u8]; 3] = [&[]; 3];
        for (i, l) in lower[..k].iter_mut().enumerate() {
            *l = lowered[k - 1 - i];
        }
        if is_qualifier_phrase(&lower[..k]) {
            return Some(st..end);
        }
    }
    None
}
const RISE: &str = r"rose|rise|rises|rising|risen|gain|gains|gained|gaining|climb|climbs|climbed|climbing|jump|jumps|jumped|jumping|surge|surges|surged|surging|soar|soars|soared|soaring|rally|rallies|rallied|rallying|advance|advances|advanced|advancing|up|higher|increase|increases|increased|increasing|add|adds|added|adding|grew|grow|grows|growing|growth|skyrocketed|skyrocketing|spike|spiked|leapt|leaped|rebound|rebounded|boost|boosted|expanded|outperformed|popped|improved";
const FALL: &str = r"fell|fall|falls|falling|fallen|drop|drops|dropped|dropping|decline|declines|declined|declining|slid|slide|slides|sliding|slip|slipped|slips|lost|lose|loses|losing|loss|losses|down|lower|decrease|decreases|decreased|decreasing|slump|slumped|slumps|plunge|plunged|plunges|tumble|tumbled|tumbles|sank|sink|sinks|shed|sheds|retreat|retreated|retreats|dip|dipped|dips|plummet|plummeted|crash|crashed|shrank|shrink|shrinks|contracted|weakened|eased|underperformed";
static DIR_WORD: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(&format!(r"(?i)\b(?:(?P<r>{RISE})|(?P<f>{FALL}))\b")));
static DIR_AFTER: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)^[\s,]*(?:(?P<r>higher|up|gain|gains|rise|jump|increase|advance|rally|surge|climb|growth)|(?P<f>lower|down|drop|decline|fall|decrease|loss|slump|slide|plunge|dip|contraction))\b",
    )
});
static UNIT_PRICE_AFTER: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"^\s*(?:per|an?|/|each)\s*(?:ounce|oz|barrel|bbl|tonne|ton|metric\s+ton|pound|lb|kilogram|kg|gallon|litre|liter|bushel|megawatt-hour|MWh|unit)\b",
    )
});
/// "shares fell 3.5% to $176.24": an unscaled amount after "to"/"at" near shares or stock.
fn share_price_context(s: &str, qual_start: usize) -> bool {
    static R: LazyLock<AsciiFast> =
        LazyLock::new(|| AsciiFast::new(r"(?i)\b(?:shares?|stocks?|ADRs?|ADSs?)\b"));
    let before = &s[..qual_start];
    let last = before.split_whitespace().next_back().unwrap_or("");
    if !matches!(last.to_lowercase().as_str(), "to" | "at") {
        return false;
    }
    let ws = words_before(s, qual_start, 8, 0);
    R.get(&s[ws..qual_start]).is_match(&s[ws..qual_start])
}

static SHARE_AFTER: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(r"^\s*(?:per|a|/|each)\s*(?:share|ADS|ADR)\b"));
static VALUATION_SENTENCE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:earnings|valuations?|multiples?|P/E|price-to-earnings|price/earnings)\b",
    )
});
static INDEX_SENTENCE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"\b(?:[Ii]ndex|[Ii]ndices|gauge|benchmark|Average|Composite|Nikkei|Hang Seng|Dow|Nasdaq|S&P|FTSE|DAX|CAC|Topix|TOPIX|Kospi|KOSPI|Sensex|Nifty|STOXX|Stoxx|CSI|Shanghai|Shenzhen|ChiNext)\b",
    )
});
/// Measure keywords, each a `(?i)\b(?:…)\b` pattern, and the same keywords
/// as a [`Keywords`] list that ASCII windows are searched with by hand.
struct Measures {
    names: Vec<&'static str>,
    res: Vec<AsciiFast>,
    words: Vec<Keywords>,
    /// For each lower-case letter, the measures (bit `i` for `words[i]`)
    /// with an alternative whose first word starts with it.
    by_letter: [u32; 26],
}

impl Measures {
    fn new<const N: usize>(list: [(&'static str, &str, &'static str); N]) -> Measures {
        let pats: Vec<String> = list
            .iter()
            .map(|(_, p, _)| format!(r"(?i)\b(?:{p})\b"))
            .collect();
        assert!(N <= 32);
        let words: Vec<Keywords> = list.iter().map(|(_, _, w)| Keywords::new(w)).collect();
        let mut by_letter = [0u32; 26];
        for (i, w) in words.iter().enumerate() {
            for (l, mask) in w.by_letter.iter().enumerate() {
                if *mask != 0 {
                    by_letter[l] |= 1 << i;
                }
            }
        }
        Measures {
            names: list.iter().map(|(m, _, _)| *m).collect(),
            res: pats.iter().map(|p| AsciiFast::new(p)).collect(),
            words,
            by_letter,
        }
    }

    /// For each measure `i`, what its [`Keywords::find_iter`] on the ASCII
    /// text `b` with word runs `runs` gives: the end of its last match
    /// (`last`) or the start of its first, in `out[i]`. One walk over the
    /// runs serves all measures: at each run that opens with a letter, each
    /// measure with a keyword starting with that letter is tried unless the
    /// run lies inside its previous match, exactly where its own `find_iter`
    /// would try it.
    fn keywords(&self, b: &[u8], runs: &[Range<usize>], last: bool, out: &mut [Option<usize>; 32]) {
        // the first run each measure may start a match at
        let mut next = [0usize; 32];
        let mut active = u32::MAX;
        for (r, run) in runs.iter().enumerate() {
            let c = b[run.start];
            if !c.is_ascii_alphabetic() {
                continue;
            }
            let l = usize::from(c.to_ascii_lowercase() - b'a');
            let mut ms = self.by_letter[l] & active;
            while ms != 0 {
                let i = ms.trailing_zeros() as usize;
                ms &= ms - 1;
                if r < next[i] {
                    continue;
                }
                let words = &self.words[i];
                if let Some((end, last_run)) = words.match_at(b, runs, r, words.by_letter[l]) {
                    next[i] = last_run + 1;
                    if last {
                        out[i] = Some(end);
                    } else {
                        out[i] = Some(run.start);
                        active &= !(1 << i);
                    }
                }
            }
        }
    }
}

/// A measure's keywords in a form matched by hand on ASCII text, instead of
/// building twelve `(?i)` regexes at start-up and calling them twice per
/// window. Written `alt|alt|…`: an alternative is words joined by " " (`\s+`)
/// or "-" (a hyphen); a word is `a/b/c` (any of them, whole) or `prefix*`
/// (`prefix\w*`). All alternatives are letters apart from those joints, and
/// the pattern has `\b` on both sides, so on ASCII text each word of a match
/// is a whole run of word bytes (`[0-9A-Za-z_]`), compared case-insensitively
/// (`\w*` takes the rest of its run). The `measure_keywords_by_hand_match_the_regexes`
/// test holds each list to its regex.
struct Keywords {
    /// Alternatives in the regex's order; each word has the joint before it
    /// (`true` for a hyphen; ignored on the first).
    alts: Vec<Vec<(bool, Vec<&'static str>, bool)>>,
    /// For each lower-case letter, the alternatives (bit `i` for `alts[i]`)
    /// whose first word starts with it: the only ones tried at a run.
    by_letter: [u32; 26],
}

impl Keywords {
    fn new(spec: &'static str) -> Keywords {
        let alts = spec
            .split('|')
            .map(|alt| {
                let mut words = Vec::new();
                let mut hyphen = false;
                let mut rest = alt;
                loop {
                    let end = rest.find([' ', '-']).unwrap_or(rest.len());
                    let w = &rest[..end];
                    let prefix = w.ends_with('*');
                    let w = w.trim_end_matches('*');
                    words.push((hyphen, w.split('/').collect(), prefix));
                    if end == rest.len() {
                        break;
                    }
                    hyphen = rest.as_bytes()[end] == b'-';
                    rest = &rest[end + 1..];
                }
                words
            })
            .collect::<Vec<Vec<(bool, Vec<&'static str>, bool)>>>();
        assert!(alts.len() <= 32);
        let mut by_letter = [0u32; 26];
        for (i, alt) in alts.iter().enumerate() {
            for w in &alt[0].1 {
                by_letter[usize::from(w.as_bytes()[0] - b'a')] |= 1 << i;
            }
        }
        Keywords { alts, by_letter }
    }

    /// The end of the match starting at word run `r` of `runs` (runs of
    /// `b`), trying the alternatives of `mask` (those whose first word starts
    /// with the run's letter), and the index of its last run.
    fn match_at(
        &self,
        b: &[u8],
        runs: &[Range<usize>],
        r: usize,
        mut mask: u32,
    ) -> Option<(usize, usize)> {
        'alt: while mask != 0 {
            let alt = &self.alts[mask.trailing_zeros() as usize];
            mask &= mask - 1;
            for (k, (hyphen, words, prefix)) in alt.iter().enumerate() {
                let Some(run) = runs.get(r + k) else {
                    continue 'alt;
                };
                if k > 0 {
                    let gap = &b[runs[r + k - 1].end..run.start];
                    let joined = if *hyphen {
                        gap == b"-"
                    } else {
                        !gap.is_empty() && gap.iter().all(|&c| is_ascii_space(c))
                    };
                    if !joined {
                        continue 'alt;
                    }
                }
                let t = &b[run.clone()];
                let ok = if *prefix {
                    t.len() >= words[0].len()
                        && t[..words[0].len()].eq_ignore_ascii_case(words[0].as_bytes())
                } else {
                    words.iter().any(|w| t.eq_ignore_ascii_case(w.as_bytes()))
                };
                if !ok {
                    continue 'alt;
                }
            }
            let last = r + alt.len() - 1;
            return Some((runs[last].end, last));
        }
        None
    }

    /// Spans of the regex's `find_iter` on the ASCII text `b` with word runs
    /// `runs`: a match starts at a run that opens with a letter; the search
    /// resumes after each match. [`Measures::keywords`] does the same walk
    /// for all measures at once; this one is what tests hold both to.
    #[cfg(test)]
    fn find_iter<'a>(
        &'a self,
        b: &'a [u8],
        runs: &'a [Range<usize>],
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut r = 0;
        std::iter::from_fn(move || {
            while r < runs.len() {
                let start = runs[r].start;
                if b[start].is_ascii_alphabetic() {
                    let mask = self.by_letter[usize::from(b[start].to_ascii_lowercase() - b'a')];
                    if mask != 0 {
                        if let Some((end, last)) = self.match_at(b, runs, r, mask) {
                            r = last + 1;
                            return Some(start..end);
                        }
                    }
                }
                r += 1;
            }
            None
        })
    }
}

/// The maximal runs of ASCII word bytes (`[0-9A-Za-z_]`) of `b`.
fn word_runs(b: &[u8]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if crate::text::is_ascii_word_byte(b[i]) {
            let start = i;
            while i < b.len() && crate::text::is_ascii_word_byte(b[i]) {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    runs
}

/// Money measures, tried by nearest keyword.
static MONEY_MEASURES: LazyLock<Measures> = LazyLock::new(|| {
    Measures::new([
        (
            "PriceTarget",
            r"price\s+targets?|target\s+prices?|price\s+objective",
            "price target/targets|target price/prices|price objective",
        ),
        (
            "MarketCap",
            r"market\s+(?:capitali[sz]ation|value|cap|valuation|worth)|market-cap",
            "market capitalisation/capitalization/value/cap/valuation/worth|market-cap",
        ),
        (
            "Valuation",
            r"valued\s+at|valuation|valuing|values",
            "valued at|valuation|valuing|values",
        ),
        (
            "EarningsPerShare",
            r"EPS|earnings\s+per\s+share|per-share\s+earnings",
            "eps|earnings per share|per-share earnings",
        ),
        (
            "Dividend",
            r"dividends?|payouts?",
            "dividend/dividends|payout/payouts",
        ),
        (
            "Buyback",
            r"buy-?backs?|repurchases?|repurchasing",
            "buy-back/backs|buyback/buybacks|repurchase/repurchases|repurchasing",
        ),
        (
            "DealValue",
            r"deals?|mergers?|acquisitions?|acquire[sd]?|acquiring|takeovers?|buyouts?|transactions?",
            "deal/deals|merger/mergers|acquisition/acquisitions|acquire/acquires/acquired|acquiring|takeover/takeovers|buyout/buyouts|transaction/transactions",
        ),
        (
            "SharePrice",
            r"share\s+price|stock\s+price|trad(?:ed|ing|es)\s+at|closed\s+at|priced\s+at",
            "share price|stock price|traded/trading/trades at|closed at|priced at",
        ),
        (
            "IssueSize",
            r"bonds?|notes|convertibles?|debt|rais(?:e|ed|es|ing)|offerings?|issu(?:e|ed|es|ing|ance)|collected|tapped|fund-?rais\w*|placements?|IPO|loans?|borrow\w*|financing",
            "bond/bonds|notes|convertible/convertibles|debt|raise/raised/raises/raising|offering/offerings|issue/issued/issues/issuing/issuance|collected|tapped|fund-rais*|fundrais*|placement/placements|ipo|loan/loans|borrow*|financing",
        ),
        (
            "Capex",
            r"capital\s+expenditures?|capex|capital\s+spending|invest(?:ed|s|ing|ments?)?|spend|spends|spending|spent",
            "capital expenditure/expenditures|capex|capital spending|invest/invested/invests/investing/investment/investments|spend|spends|spending|spent",
        ),
        (
            "Revenue",
            r"revenues?|sales|turnover|top\s+line",
            "revenue/revenues|sales|turnover|top line",
        ),
        (
            "Profit",
            r"profits?|net\s+income|earnings|EBITDA|operating\s+income|bottom\s+line",
            "profit/profits|net income|earnings|ebitda|operating income|bottom line",
        ),
    ])
});
static PERCENT_MEASURES: LazyLock<Measures> = LazyLock::new(|| {
    Measures::new([
        (
            "Stake",
            r"stake|holding|ownership",
            "stake|holding|ownership",
        ),
        ("MarketShare", r"market\s+share", "market share"),
        ("Margin", r"margins?", "margin/margins"),
    ])
});

/// Words after a number that make "N times" a valuation multiple.
const VALUATION_WORDS: &[&str] = &[
    "earnings",
    "forward",
    "projected",
    "trailing",
    "expected",
    "estimated",
    "estimates",
    "sales",
    "book",
    "revenue",
    "revenues",
    "ebitda",
    "profit",
    "profits",
    "cash",
    "p/e",
    "price-to-earnings",
    "multiple",
    "valuation",
    "its",
    "the",
    "annual",
    "next",
    "current",
    "this",
    "last",
    "future",
    "blended",
    "consensus",
];
/// Words before a number that make "N times" a valuation multiple.
const MULTIPLE_BEFORE: &[&str] = &[
    "at", "of", "trades", "trading", "traded", "valued", "multiple",
];

/// Plural nouns that are durations or units, never counted things.
const NOT_COUNT_NOUNS: &[&str] = &[
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "quarters",
    "sessions",
    "nights",
    "mornings",
    "weekends",
    "yrs",
    "times",
    "percent",
    "points",
    "dollars",
    "euros",
    "pounds",
    "rupees",
    "francs",
    "roubles",
    "rubles",
    "cents",
    "bps",
    "basis",
    "gigawatts",
    "megawatts",
    "kilowatts",
    "terawatts",
    "this",
    "its",
    "was",
    "has",
    "is",
    "as",
    "us",
    "yes",
    "does",
    "goes",
    "rises",
    "falls",
    "gains",
    "climbs",
    "drops",
    "jumps",
    "declines",
    "increases",
    "decreases",
    "remains",
    "seems",
    "looks",
    "means",
    "makes",
    "takes",
    "comes",
    "shows",
    "says",
    "sees",
    "adds",
    "hits",
    "tops",
    "trades",
    "ends",
    "plus",
    "thus",
    "less",
    "unless",
    "whereas",
    "across",
    "besides",
    "towards",
    "afterwards",
    "always",
    "perhaps",
    "series",
    "news",
    "lows",
    "highs",
    "levels",
];
/// Nouns of anaphoric or generic counts ("two major drivers", "four companies").
const GENERIC_NOUNS: &[&str] = &[
    "drivers",
    "reasons",
    "factors",
    "ways",
    "companies",
    "countries",
    "firms",
    "things",
    "sides",
    "parties",
    "aspects",
    "areas",
    "steps",
    "issues",
    "questions",
    "catalysts",
    "trends",
    "themes",
    "pillars",
    "players",
    "giants",
    "leaders",
    "people",
    "groups",
    "categories",
    "kinds",
    "types",
    "sorts",
    "options",
    "scenarios",
    "segments",
    "sectors",
    "markets",
    "words",
    "stages",
    "phases",
    "rounds",
    "cases",
    "examples",
    "men",
    "women",
    "parts",
    "elements",
    "directions",
    "fronts",
    "camps",
    "risks",
    "challenges",
    "goals",
    "priorities",
    "lines",
    "children",
    "tiers",
    "layers",
    "nations",
    "economies",
    "powers",
    "superpowers",
    "sources",
    "points",
    "others",
    "ones",
    "lessons",
    "takeaways",
    "keys",
    "names",
    "stocks",
    "shares",
    "banks",
    "cities",
];
/// Words that may sit between a number and its plural noun only if they are adjectives.
const NOT_MODIFIERS: &[&str] = &[
    "of", "the", "a", "an", "to", "in", "on", "at", "for", "from", "with", "by", "as", "and", "or",
    "but", "than", "that", "which", "who", "is", "are", "was", "were", "be", "been", "will",
    "would", "could", "should", "may", "might", "can", "has", "have", "had", "do", "does", "did",
    "its", "their", "his", "her", "our", "this", "these", "those", "it", "they", "he", "she", "we",
    "per", "into", "over", "under", "after", "before", "since", "until", "when", "while", "if",
    "so", "not", "more", "less", "most", "least", "such", "each", "all", "both", "only", "just",
    "also", "about", "around", "up", "down", "out", "off", "year", "month", "day", "week",
    "percent", "times", "a", "between", "among", "during", "against", "via", "through",
];
/// Words before a spelled-out number that make its count anaphoric.
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "these", "those", "both", "all", "his", "her", "our", "my", "your",
    "first", "last", "next", "past", "other", "such", "another", "every", "each", "of",
];
/// Capitalised words that may precede a number without making it part of a name.
const NOT_NAME_WORDS: &[&str] = &[
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "approximately",
    "over",
    "under",
    "some",
    "just",
    "only",
    "by",
    "with",
    "and",
    "another",
    "its",
    "their",
    "the",
    "at",
    "in",
    "on",
    "of",
    "for",
    "from",
    "to",
    "than",
    "more",
    "less",
    "up",
    "down",
    "exceeding",
    "all",
    "as",
    "nearly",
    "around",
    "fewer",
    "least",
    "most",
    "estimated",
    "an",
    "a",
    "another",
    "than",
    "past",
];

// ---------------------------------------------------------------------------
// Candidates

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Money,
    Percent,
    Multiple,
    Count,
    Streak,
    Power,
    Points,
    Level,
}

#[derive(Debug, Clone)]
struct Cand {
    /// Byte offsets relative to the sentence.
    s: usize,
    e: usize,
    class: Class,
    /// Currency code or unit key.
    unit: &'static str,
    value: f64,
    upper: Option<f64>,
    /// Number and power of ten as written, for ranges whose lower end lacks a scale.
    num: Option<Dec>,
    scale: Option<i32>,
    prio: u8,
    conf: f32,
    measure: Option<&'static str>,
    dir: Option<i8>,
}

impl Cand {
    fn new(s: usize, e: usize, class: Class, unit: &'static str, value: f64) -> Self {
        Cand {
            s,
            e,
            class,
            unit,
            value,
            upper: None,
            num: None,
            scale: None,
            prio: 0,
            conf: 0.7,
            measure: None,
            dir: None,
        }
    }
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn char_after(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// Whether the number starting at `i` stands on its own on the left: not glued
/// to letters, digits or codes ("G20", "mid-2024", "HK:1347", "1.5" read from "5").
fn left_ok(s: &str, i: usize) -> bool {
    match char_before(s, i) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(
            '.' | ',' | ':' | '/' | '#' | '@' | '_' | '$' | '£' | '€' | '¥' | '￥' | '₹' | '₩',
        ) => false,
        Some(c @ ('-' | '–')) => {
            !char_before(s, i - c.len_utf8()).is_some_and(|c| c.is_alphanumeric())
        }
        Some(_) => true,
    }
}

/// Whether a bare number ending at `i` stands on its own on the right: not a
/// ticker ("9618.HK"), time ("05:36"), decade ("1980s") or hyphen compound.
fn right_ok(s: &str, i: usize) -> bool {
    let next = char_after(s, i);
    let after = s.get(i..).and_then(|p| p.chars().nth(1));
    match next {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '%' || c == '％' => false,
        Some('.' | ':' | '/' | '-' | ',') => !after.is_some_and(|c| c.is_alphanumeric()),
        Some(_) => true,
    }
}

/// The whitespace-separated token right before `i`, if only whitespace separates them.
fn prev_token(s: &str, i: usize) -> Option<&str> {
    let before = s.get(..i)?;
    if !before.ends_with(char::is_whitespace) {
        return None;
    }
    before.split_whitespace().next_back()
}

/// Whether the number at `i` follows a capitalised word and so is part of a name.
fn after_name(s: &str, i: usize) -> bool {
    let Some(tok) = prev_token(s, i) else {
        return false;
    };
    if !tok.chars().any(|c| c.is_uppercase()) {
        return false;
    }
    if !tok
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '&')
    {
        return false;
    }
    !with_lower(tok, |l| NOT_NAME_WORDS.contains(&l)) && !crate::text::is_function_word(tok)
}

/// Whether the text before `i` ends with "from" (a change, not a range).
fn after_from(s: &str, i: usize) -> bool {
    prev_token(s, i).is_some_and(|t| t.eq_ignore_ascii_case("from"))
}

/// Lower and upper values of a number written as a range `a-b`; `None` upper when not a range.
fn range_values(s: &str, c: &regex::Captures, pow: i32) -> Option<(usize, f64, Option<f64>, Dec)> {
    let a = c.name("a")?.range();
    let b = c.name("b").map(|m| m.range());
    let sep = c.name("sep").map(|m| m.range());
    range_values_of(s, a, b, sep, pow)
}

/// [`range_values`] from the spans of the groups `a`, `b` and `sep`.
fn range_values_of(
    s: &str,
    a: Range<usize>,
    b: Option<Range<usize>>,
    sep: Option<Range<usize>>,
    pow: i32,
) -> Option<(usize, f64, Option<f64>, Dec)> {
    let da = Dec::parse(&s[a.clone()])?;
    if let Some(b) = b {
        let db = Dec::parse(&s[b.clone()])?;
        let lo = da.scaled(pow);
        let hi = db.scaled(pow);
        let sep = sep.map(|r| &s[r]).unwrap_or("-");
        if hi > lo && !(sep == "to" && after_from(s, a.start)) {
            return Some((a.start, lo, Some(hi), da));
        }
        // "from 5 to 4 percent": only the second number is the figure.
        return Some((b.start, hi, None, db));
    }
    Some((a.start, da.scaled(pow), None, da))
}

fn scale_of(c: &regex::Captures) -> Option<i32> {
    c.name("sw")
        .or_else(|| c.name("sl"))
        .and_then(|m| scale_exp(m.as_str()))
}

fn money(s: &str, p: &Probe, yen_is_yuan: bool, out: &mut Vec<Cand>) {
    let pre = p.money_pre();
    for c in pre
        .then(|| MONEY_PRE.get(s).captures_iter(s))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        let cur = c.name("cur").unwrap();
        if char_before(s, cur.start()).is_some_and(|ch| ch.is_alphanumeric()) {
            continue;
        }
        let Some(code) = currency_code(cur.as_str(), yen_is_yuan) else {
            continue;
        };
        if !right_ok_money(s, m.end()) {
            continue;
        }
        let pow = scale_of(&c).unwrap_or(0);
        let Some((_, lo, hi, d)) = range_values(s, &c, pow) else {
            continue;
        };
        let start = if hi.is_none() && c.name("b").is_some() {
            // keep the currency sign with the second number when only it counts
            c.name("cur2").or_else(|| c.name("b")).unwrap().start()
        } else {
            m.start()
        };
        let mut k = Cand::new(start, m.end(), Class::Money, code, lo);
        k.upper = hi;
        k.num = Some(d);
        k.scale = scale_of(&c);
        k.prio = 90;
        k.conf = 0.9;
        out.push(k);
    }
    // the currency follows a separator: a lower-case word opens a run, a code
    // is three capitals
    let suf = p.money_suf();
    for m in suf.then(|| money_suf_matches(s, p)).into_iter().flatten() {
        let a = &s[m.a.clone()];
        if !left_ok(s, m.a.start) {
            continue;
        }
        let cur = &s[m.cur.clone()];
        let code = match currency_code(cur, yen_is_yuan) {
            Some(code) => code,
            None => continue,
        };
        let scale = m.sw.clone().or(m.sl.clone()).and_then(|r| scale_exp(&s[r]));
        let lc = cur.to_lowercase();
        if lc.starts_with("pound") && scale.is_none() && !lc.contains("sterling") {
            continue; // "500 pounds" is a weight
        }
        if lc == "won" && scale.is_none() && !a.contains(',') {
            continue; // "the team won"
        }
        let is_word = a.starts_with(|ch: char| ch.is_alphabetic());
        if is_word && scale.is_none() {
            continue; // "two dollars" is rare in news, "one euro" is not a figure
        }
        let Some((_, lo, hi, d)) =
            range_values_of(s, m.a.clone(), m.b.clone(), m.sep, scale.unwrap_or(0))
        else {
            continue;
        };
        let start = match m.b {
            Some(b) if hi.is_none() => b.start,
            _ => m.a.start,
        };
        let mut k = Cand::new(start, m.end, Class::Money, code, lo);
        k.upper = hi;
        k.num = Some(d);
        k.scale = scale;
        k.prio = 91;
        k.conf = if code == "USD" && lc.starts_with("dollar") {
            0.85
        } else {
            0.9
        };
        out.push(k);
    }
    let numless = p.has(W_ILLION);
    for c in numless
        .then(|| MONEY_NUMLESS.get(s).captures_iter(s))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        if matches!(char_before(s, m.start()), Some('-' | '–')) {
            continue; // "multi-billion-dollar"
        }
        let hyphen = c.name("sep").unwrap().as_str() == "-";
        let article = prev_token(s, m.start())
            .is_some_and(|t| with_lower(t, |l| matches!(l, "a" | "an" | "one")));
        if !hyphen && !article {
            continue;
        }
        let Some(code) = currency_code(c.name("cur").unwrap().as_str(), yen_is_yuan) else {
            continue;
        };
        let pow = scale_exp(c.name("sw").unwrap().as_str()).unwrap_or(0);
        let mut k = Cand::new(
            m.start(),
            m.end(),
            Class::Money,
            code,
            Dec { mant: 1, exp: 0 }.scaled(pow),
        );
        k.prio = 60;
        k.conf = 0.7;
        out.push(k);
    }
}

/// The groups of a `MONEY_SUF` match.
#[derive(Debug, PartialEq)]
struct MoneySufSpans {
    a: Range<usize>,
    sep: Option<Range<usize>>,
    b: Option<Range<usize>>,
    sw: Option<Range<usize>>,
    sl: Option<Range<usize>>,
    cur: Range<usize>,
    end: usize,
}

/// The `MONEY_SUF` matches of `s`: by hand in ASCII text (`money_suf_at`, so
/// the regex, with its `(?i)` number words and currency list, is only built
/// for other text), else by the regex.
fn money_suf_matches(s: &str, p: &Probe) -> Vec<MoneySufSpans> {
    if p.non_ascii {
        return MONEY_SUF
            .get(s)
            .captures_iter(s)
            .map(|c| MoneySufSpans {
                a: c.name("a").unwrap().range(),
                sep: c.name("sep").map(|m| m.range()),
                b: c.name("b").map(|m| m.range()),
                sw: c.name("sw").map(|m| m.range()),
                sl: c.name("sl").map(|m| m.range()),
                cur: c.name("cur").unwrap().range(),
                end: c.get(0).unwrap().end(),
            })
            .collect();
    }
    // leftmost-first, resuming after each match, as `captures_iter` does;
    // only at digits and at word starts that may open a number word
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let may_start = c.is_ascii_digit()
            || c.is_ascii_alphabetic()
                && (i == 0 || !crate::text::is_ascii_word_byte(b[i - 1]))
                && starts_number_word(&b[i..]);
        if may_start {
            if let Some(m) = money_suf_at(b, i) {
                i = m.end;
                out.push(m);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `@SCALE@`'s alternatives in the regex's order (case-sensitive).
const SCALE_WORDS: [&[u8]; 12] = [
    b"trillion",
    b"billion",
    b"million",
    b"thousand",
    b"crore",
    b"lakh",
    b"trn",
    b"tn",
    b"bln",
    b"bn",
    b"mln",
    b"mn",
];

/// A word of a currency phrase: its letters and whether "s" may follow.
type CurWord = (Vec<u8>, bool);

/// `@CUR@`'s alternatives in the regex's order, each as its words (joined by
/// `\s+` in the pattern), a word as its letters (`\.` unescaped) and whether
/// an optional "s" follows (`s?`); read from `CURWORDS` itself.
static CUR_PHRASES: LazyLock<Vec<Vec<CurWord>>> = LazyLock::new(|| {
    CURWORDS
        .strip_prefix("(?:")
        .and_then(|c| c.strip_suffix(')'))
        .unwrap()
        .split('|')
        .map(|alt| {
            alt.split(r"\s+")
                .map(|w| {
                    let (stem, opt) = w.strip_suffix("s?").map_or((w, false), |st| (st, true));
                    (stem.replace(r"\.", ".").into_bytes(), opt)
                })
                .collect()
        })
        .collect()
});

/// The end of the currency phrase `words` at `j` of ASCII text, with `\b`
/// after it: each optional "s" tried first (greedy), then without.
fn phrase_end(b: &[u8], j: usize, words: &[CurWord]) -> Option<usize> {
    let ((stem, opt), rest) = words.split_first()?;
    if !b.get(j..)?.starts_with(stem) {
        return None;
    }
    let e = j + stem.len();
    let with_s = (*opt && b.get(e) == Some(&b's')).then_some(e + 1);
    [with_s, Some(e)].into_iter().flatten().find_map(|end| {
        if rest.is_empty() {
            ascii_word_end(b, end).then_some(end)
        } else {
            ascii_ws1(b, end).and_then(|k| phrase_end(b, k, rest))
        }
    })
}

/// `(?:\s|-)(?P<cur>@CUR@)\b` at `j` of ASCII text: the currency's span, the
/// first alternative that fits.
fn currency_after(b: &[u8], j: usize) -> Option<Range<usize>> {
    if !matches!(
        b.get(j),
        Some(b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ' | b'-')
    ) {
        return None;
    }
    let k = j + 1;
    let first = *b.get(k)?;
    CUR_PHRASES
        .iter()
        .filter(|w| w[0].0[0] == first)
        .find_map(|w| phrase_end(b, k, w))
        .map(|e| k..e)
}

/// The `MONEY_SUF` match at `p` of ASCII text, as the regex reports it
/// (`money_suf_by_hand_matches_the_regex`): the number's ends in order of
/// preference, each first with the range `\s*(?:-|to)\s*@NUM@` (every `\s*`
/// greedy: what follows it never starts with whitespace), then without; after
/// the number, the scale alternatives in order (`(?:\s|-)@SCALE@`, then
/// `@SCALE@` or a scale letter glued, then none), each with the currency
/// after it.
fn money_suf_at(b: &[u8], p: usize) -> Option<MoneySufSpans> {
    let mut ends = Vec::new();
    if b[p].is_ascii_digit() {
        num_ends(b, p, &mut ends);
    } else {
        wordnum_ends(b, p, &mut ends);
    }
    type Tail = (Option<Range<usize>>, Option<Range<usize>>, Range<usize>);
    // the scale and currency after the number ending at `e`
    let tail = |e: usize| -> Option<Tail> {
        let glued = |j: usize| SCALE_WORDS.iter().filter(move |w| b[j..].starts_with(w));
        if matches!(
            b.get(e),
            Some(b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ' | b'-')
        ) {
            for w in glued(e + 1) {
                let se = e + 1 + w.len();
                if let Some(cur) = currency_after(b, se) {
                    return Some((Some(e + 1..se), None, cur));
                }
            }
        }
        for w in glued(e) {
            if let Some(cur) = currency_after(b, e + w.len()) {
                return Some((None, Some(e..e + w.len()), cur));
            }
        }
        if matches!(b.get(e), Some(b'k' | b'K' | b'm' | b'M' | b'b' | b'B')) {
            if let Some(cur) = currency_after(b, e + 1) {
                return Some((None, Some(e..e + 1), cur));
            }
        }
        currency_after(b, e).map(|cur| (None, None, cur))
    };
    let mut b_ends = Vec::new();
    for e in ends {
        let j = ascii_skip_ws(b, e);
        let sep_end = if b.get(j) == Some(&b'-') {
            Some(j + 1)
        } else if b.get(j..).is_some_and(|t| t.starts_with(b"to")) {
            Some(j + 2)
        } else {
            None
        };
        if let Some(se) = sep_end {
            let k = ascii_skip_ws(b, se);
            if b.get(k).is_some_and(u8::is_ascii_digit) {
                b_ends.clear();
                num_ends(b, k, &mut b_ends);
                for &be in &b_ends {
                    if let Some((sw, sl, cur)) = tail(be) {
                        return Some(MoneySufSpans {
                            a: p..e,
                            sep: Some(j..se),
                            b: Some(k..be),
                            sw,
                            sl,
                            end: cur.end,
                            cur,
                        });
                    }
                }
            }
        }
        if let Some((sw, sl, cur)) = tail(e) {
            return Some(MoneySufSpans {
                a: p..e,
                sep: None,
                b: None,
                sw,
                sl,
                end: cur.end,
                cur,
            });
        }
    }
    None
}

/// After a money amount: no glued letters unless the amount ended in a scale letter.
fn right_ok_money(s: &str, i: usize) -> bool {
    let next = char_after(s, i);
    let after = s.get(i..).and_then(|p| p.chars().nth(1));
    match next {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ':' | '/') => !after.is_some_and(|c| c.is_alphanumeric()),
        Some(_) => true,
    }
}

/// The groups of a `PERCENT` match.
#[derive(Debug, PartialEq)]
struct PercentSpans {
    a: Range<usize>,
    sep: Option<Range<usize>>,
    b: Option<Range<usize>>,
    u: Range<usize>,
    end: usize,
}

/// The `PERCENT` matches of `s`: by hand in ASCII text (`percent_at`, so the
/// regex is only built for other text), else by the regex.
fn percent_matches(s: &str, p: &Probe) -> Vec<PercentSpans> {
    if p.non_ascii {
        return PERCENT
            .get(s)
            .captures_iter(s)
            .map(|c| PercentSpans {
                a: c.name("a").unwrap().range(),
                sep: c.name("sep").map(|m| m.range()),
                b: c.name("b").map(|m| m.range()),
                u: c.name("u").unwrap().range(),
                end: c.get(0).unwrap().end(),
            })
            .collect();
    }
    // leftmost-first, resuming after each match, as `captures_iter` does;
    // only where a match can start
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            // a number from any digit of this run of digits, commas and
            // points ends at the run's end (no separator or unit starts with
            // one of them), where a unit, "-" or "to" has to follow
            let r = i + b[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || matches!(c, b',' | b'.'))
                .count();
            let q = ascii_skip_ws(b, r);
            if !matches!(b.get(q), Some(b'%' | b'p' | b'b' | b'-' | b't')) {
                i = r;
                continue;
            }
        } else if c.is_ascii_alphabetic() {
            // a spelled number opens a word; the rest of its letters cannot
            if i > 0 && crate::text::is_ascii_word_byte(b[i - 1]) || !starts_number_word(&b[i..]) {
                i += 1 + b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count();
                continue;
            }
        } else {
            i += 1;
            continue;
        }
        if let Some(m) = percent_at(b, i) {
            i = m.end;
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

/// The `PERCENT` match at `p` of ASCII text, as the regex reports it
/// (`percent_by_hand_matches_the_regex`): the number's ends in order of
/// preference, each first with the range `\s*(?:-|to)\s*@NUM@` (every `\s*`
/// greedy: what follows it never starts with whitespace), then without; then
/// `(?:\s*|-)` and the first unit alternative that matches.
fn percent_at(b: &[u8], p: usize) -> Option<PercentSpans> {
    let c = b[p];
    if !(c.is_ascii_digit() || c.is_ascii_alphabetic() && may_start_number_word(c)) {
        return None;
    }
    let mut ends = Vec::new();
    if c.is_ascii_digit() {
        num_ends(b, p, &mut ends);
    } else if p == 0 || !crate::text::is_ascii_word_byte(b[p - 1]) {
        wordnum_ends(b, p, &mut ends);
    }
    // `(?:\s*|-)` then the unit, at `j`: the unit's span
    let unit_after = |j: usize| {
        let w = ascii_skip_ws(b, j);
        percent_unit(b, w).map(|e| w..e).or_else(|| {
            (b.get(j) == Some(&b'-')).then(|| percent_unit(b, j + 1).map(|e| j + 1..e))?
        })
    };
    let mut b_ends = Vec::new();
    for e in ends {
        // the range, its separator first "-" then "to"
        let j = ascii_skip_ws(b, e);
        let sep_end = if b.get(j) == Some(&b'-') {
            Some(j + 1)
        } else if b.get(j..).is_some_and(|t| t.starts_with(b"to")) {
            Some(j + 2)
        } else {
            None
        };
        if let Some(se) = sep_end {
            let k = ascii_skip_ws(b, se);
            if b.get(k).is_some_and(u8::is_ascii_digit) {
                b_ends.clear();
                num_ends(b, k, &mut b_ends);
                for &be in &b_ends {
                    if let Some(u) = unit_after(be) {
                        return Some(PercentSpans {
                            a: p..e,
                            sep: Some(j..se),
                            b: Some(k..be),
                            end: u.end,
                            u,
                        });
                    }
                }
            }
        }
        if let Some(u) = unit_after(e) {
            return Some(PercentSpans {
                a: p..e,
                sep: None,
                b: None,
                end: u.end,
                u,
            });
        }
    }
    None
}

/// The end of the first `PERCENT` unit alternative at `j` of ASCII text:
/// `%|％|percent\b|per\s+cent\b|pct\b|percentage(?:\s|-)points?\b|pp\b|ppts?\b|basis(?:\s|-)points?\b|bps\b|bp\b`.
fn percent_unit(b: &[u8], j: usize) -> Option<usize> {
    let t = b.get(j..)?;
    let word = |w: &[u8]| (t.starts_with(w) && ascii_word_end(b, j + w.len())).then(|| j + w.len());
    // `(?:\s|-)points?\b` after a word ending at `e`
    let points = |e: usize| {
        let sep = matches!(
            b.get(e),
            Some(b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ' | b'-')
        );
        if !sep || !b[e + 1..].starts_with(b"point") {
            return None;
        }
        let pe = e + 6;
        if b.get(pe) == Some(&b's') && ascii_word_end(b, pe + 1) {
            Some(pe + 1)
        } else {
            ascii_word_end(b, pe).then_some(pe)
        }
    };
    if t.first() == Some(&b'%') {
        return Some(j + 1);
    }
    word(b"percent")
        .or_else(|| {
            if !t.starts_with(b"per") {
                return None;
            }
            let k = ascii_ws1(b, j + 3)?;
            b[k..]
                .starts_with(b"cent")
                .then_some(k + 4)
                .filter(|&e| ascii_word_end(b, e))
        })
        .or_else(|| word(b"pct"))
        .or_else(|| t.starts_with(b"percentage").then(|| points(j + 10))?)
        .or_else(|| word(b"pp"))
        .or_else(|| word(b"ppts"))
        .or_else(|| word(b"ppt"))
        .or_else(|| t.starts_with(b"basis").then(|| points(j + 5))?)
        .or_else(|| word(b"bps"))
        .or_else(|| word(b"bp"))
}

fn percents(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    // the unit may be glued to a spelled number ("fivepercent"), inside its run
    let percent = p.percent(s);
    for m in percent.then(|| percent_matches(s, p)).into_iter().flatten() {
        let a = &s[m.a.clone()];
        if !left_ok(s, m.a.start) {
            continue;
        }
        let u = s[m.u.clone()].to_lowercase();
        let unit = if u.starts_with("percentage") || u.starts_with("pp") {
            "percentage-point"
        } else if u.starts_with("basis") || u.starts_with("bp") {
            "basis-point"
        } else {
            "percent"
        };
        let Some((start, lo, hi, d)) = range_values_of(s, m.a.clone(), m.b, m.sep, 0) else {
            continue;
        };
        let mut k = Cand::new(start, m.end, Class::Percent, unit, lo);
        k.upper = hi;
        k.num = Some(d);
        k.prio = 85;
        k.conf = if a.starts_with(|ch: char| ch.is_alphabetic()) {
            0.8
        } else {
            0.9
        };
        out.push(k);
    }
    let pctile = p.digit && p.has(W_PERCENTILE);
    for c in pctile
        .then(|| PERCENTILE.get(s).captures_iter(s))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        if !left_ok(s, m.start()) {
            continue;
        }
        let Some(d) = Dec::parse(&c["a"]) else {
            continue;
        };
        let mut k = Cand::new(m.start(), m.end(), Class::Percent, "percent", d.value());
        k.prio = 86;
        k.conf = 0.8;
        out.push(k);
    }
}

static FRACTION_POINT: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(r"\b(?P<w>quarter|half)(?:\s+a)?(?:\s|-)(?P<pp>percentage(?:\s|-))?points?\b")
});

/// "a quarter point", "half a percentage point": 0.25 and 0.5 percentage points.
fn fraction_points(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    if !(p.has(W_POINT) && p.has(W_FRACTION)) {
        return;
    }
    for c in FRACTION_POINT.get(s).captures_iter(s) {
        let m = c.get(0).unwrap();
        let v = if &c["w"] == "quarter" { 0.25 } else { 0.5 };
        let mut k = Cand::new(m.start(), m.end(), Class::Percent, "percentage-point", v);
        k.prio = 84;
        k.conf = 0.8;
        out.push(k);
    }
}

static PENCE: LazyLock<AsciiFast> = LazyLock::new(|| re(r"(?P<a>@NUM@)(?:\s+pence\b|p\b)"));

/// "5,400 pence" and "250p" are sterling amounts (in pounds).
fn pence(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    if !(p.digit && (p.digit_p || p.has(W_PENCE))) {
        return;
    }
    for c in PENCE.get(s).captures_iter(s) {
        let m = c.get(0).unwrap();
        if !left_ok(s, m.start()) || after_name(s, m.start()) {
            continue;
        }
        let attached = !m.as_str().contains("pence");
        // "250p" only with a share or price nearby; "5G"/"1080p" never
        if attached && !share_price_context(s, m.start()) {
            continue;
        }
        let Some(d) = Dec::parse(&c["a"]) else {
            continue;
        };
        let mut k = Cand::new(m.start(), m.end(), Class::Money, "GBP", d.scaled(-2));
        k.prio = 89;
        k.conf = 0.85;
        out.push(k);
    }
}

fn multiples(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    let x = p.digit && p.digit_x;
    for c in x
        .then(|| MULT_X.get(s).captures_iter(s))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        if !left_ok(s, m.start()) || char_after(s, m.end()).is_some_and(|ch| ch.is_alphanumeric()) {
            continue;
        }
        let Some(d) = Dec::parse(&c["a"]) else {
            continue;
        };
        let mut k = Cand::new(m.start(), m.end(), Class::Multiple, "times", d.value());
        k.prio = 70;
        out.push(k);
    }
    let times = p.number() && p.has(W_TIMES);
    for c in times
        .then(|| led_matches(s, p, &MULT_TIMES, "a", times_at))
        .into_iter()
        .flatten()
    {
        let m = c.a.start..c.end;
        if !left_ok(s, m.start) || after_name(s, m.start) {
            continue;
        }
        let next: Vec<String> = s[m.end..]
            .split_whitespace()
            .take(2)
            .map(|w| {
                w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '/' && ch != '-')
                    .to_lowercase()
            })
            .collect();
        let followed = next
            .first()
            .is_some_and(|w| VALUATION_WORDS.contains(&w.as_str()))
            && next.first().is_some_and(|w| {
                !matches!(w.as_str(), "its" | "the" | "this" | "last" | "next")
                    || next
                        .get(1)
                        .is_some_and(|w2| VALUATION_WORDS.contains(&w2.as_str()))
            });
        let before = before_skipping_qualifier(s, m.start);
        let preceded = before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| MULTIPLE_BEFORE.contains(&w.to_lowercase().as_str()));
        let ends = s[m.end..].trim_start().is_empty()
            || s[m.end..].trim_start().starts_with([',', '.', ';', ')']);
        if !(followed
            || (preceded
                && (ends
                    || next
                        .first()
                        .is_some_and(|w| w == "and" || w == "in" || w == "on" || w == "for"))))
        {
            continue;
        }
        let Some(d) = Dec::parse(&s[c.a]) else {
            continue;
        };
        let mut k = Cand::new(m.start, m.end, Class::Multiple, "times", d.value());
        k.prio = 70;
        out.push(k);
    }
    let fold = p.number() && s.contains("fold");
    for c in fold
        .then(|| led_matches(s, p, &MULT_FOLD, "a", fold_at))
        .into_iter()
        .flatten()
    {
        if !left_ok(s, c.a.start) {
            continue;
        }
        let Some(d) = Dec::parse(&s[c.a.clone()]) else {
            continue;
        };
        let mut k = Cand::new(c.a.start, c.end, Class::Multiple, "times", d.value());
        k.prio = 70;
        out.push(k);
    }
    // "above its three-year average of 18": only next to another multiple or valuation words
    if p.digit
        && p.has(W_AVERAGE)
        && (out.iter().any(|k| k.class == Class::Multiple) || VALUATION_SENTENCE.get(s).is_match(s))
    {
        for c in AVERAGE_OF.get(s).captures_iter(s) {
            let a = c.name("a").unwrap();
            if Dec::is_year_like(a.as_str()) || !right_ok(s, a.end()) {
                continue;
            }
            let rest = s[a.end()..].trim_start();
            let next_word: String = rest.chars().take_while(|ch| ch.is_alphanumeric()).collect();
            if !next_word.is_empty()
                && !matches!(
                    next_word.as_str(),
                    "and" | "in" | "for" | "over" | "during" | "since" | "while" | "but" | "as"
                )
            {
                continue;
            }
            let Some(d) = Dec::parse(a.as_str()) else {
                continue;
            };
            let mut k = Cand::new(a.start(), a.end(), Class::Multiple, "times", d.value());
            k.prio = 30;
            k.conf = 0.6;
            out.push(k);
        }
    }
}

/// The text before `i` with a trailing qualifier ("about", "over") removed.
fn before_skipping_qualifier(s: &str, i: usize) -> &str {
    let before = &s[..i];
    match qualifier(before) {
        Some(q) => &before[..q.start],
        None => before,
    }
}

fn power(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    if !(p.digit && (p.watt_code || p.has(W_WATT))) {
        return;
    }
    for c in POWER.get(s).captures_iter(s) {
        let m = c.get(0).unwrap();
        if !left_ok(s, m.start()) {
            continue;
        }
        let u = c.name("u").unwrap().as_str();
        let lu = u.to_lowercase().replace(['-', ' '], "");
        let unit = match lu.as_str() {
            "gw" | "gigawatt" | "gigawatts" => "GW",
            "mw" | "megawatt" | "megawatts" => "MW",
            "tw" | "terawatt" | "terawatts" => "TW",
            "kw" | "kilowatt" | "kilowatts" => "kW",
            "gwh" | "gigawatthour" | "gigawatthours" => "GWh",
            "mwh" | "megawatthour" | "megawatthours" => "MWh",
            "twh" | "terawatthour" | "terawatthours" => "TWh",
            "kwh" => "kWh",
            _ => continue,
        };
        let Some(d) = Dec::parse(&c["a"]) else {
            continue;
        };
        let mut k = Cand::new(m.start(), m.end(), Class::Power, unit, d.value());
        k.prio = 80;
        k.conf = 0.9;
        out.push(k);
    }
}

fn index_points(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    // both patterns need a digit, and nothing is kept outside index sentences;
    // POINTS needs "point", LEVEL a digit before "," or "."
    if !p.digit || !(p.has(W_POINT) || p.digit_punct) || !INDEX_SENTENCE.get(s).is_match(s) {
        return;
    }
    let points = p.has(W_POINT);
    for c in points
        .then(|| POINTS.get(s).captures_iter(s))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        if !left_ok(s, m.start()) || after_name(s, m.start()) {
            continue;
        }
        let Some(d) = Dec::parse(&c["a"]) else {
            continue;
        };
        let mut k = Cand::new(m.start(), m.end(), Class::Points, "index-points", d.value());
        k.prio = 65;
        // "closed at 553.41 points" is a level, not a move
        if prev_token(s, m.start()).is_some_and(|t| {
            matches!(
                t.to_lowercase().as_str(),
                "at" | "to" | "near" | "above" | "below" | "of"
            )
        }) {
            k.class = Class::Level;
            k.measure = Some("IndexLevel");
            k.conf = 0.6;
        }
        out.push(k);
    }
    for c in LEVEL.get(s).captures_iter(s) {
        let a = c.name("a").unwrap();
        if !right_ok(s, a.end()) {
            continue;
        }
        let rest = s[a.end()..].trim_start();
        let next_word: String = rest.chars().take_while(|ch| ch.is_alphanumeric()).collect();
        if !next_word.is_empty()
            && !matches!(
                next_word.as_str(),
                "points"
                    | "on"
                    | "in"
                    | "at"
                    | "after"
                    | "before"
                    | "as"
                    | "and"
                    | "while"
                    | "by"
                    | "for"
                    | "with"
                    | "from"
                    | "to"
                    | "when"
                    | "but"
            )
        {
            continue;
        }
        if rest.starts_with(['%', '％']) {
            continue;
        }
        let Some(d) = Dec::parse(a.as_str()) else {
            continue;
        };
        let mut k = Cand::new(a.start(), a.end(), Class::Level, "index-points", d.value());
        k.prio = 50;
        k.conf = 0.6;
        k.measure = Some("IndexLevel");
        out.push(k);
    }
}

/// The plural noun a count's number refers to: index of the noun among `words`,
/// with only adjectives before it.
fn count_noun(words: &[&str]) -> Option<usize> {
    for (i, w) in words.iter().enumerate() {
        if is_plural_noun(w) {
            return Some(i);
        }
        if not_modifier(w) || w.ends_with("ly") || not_count_noun(w) {
            return None;
        }
    }
    None
}

/// Whether `w` is in `NOT_MODIFIERS` (hashed).
fn not_modifier(w: &str) -> bool {
    static SET: LazyLock<crate::text::WordList> =
        LazyLock::new(|| crate::text::WordList::of(NOT_MODIFIERS.iter().copied()));
    SET.contains(w)
}

/// Whether `w` is in `NOT_COUNT_NOUNS` (hashed).
fn not_count_noun(w: &str) -> bool {
    static SET: LazyLock<crate::text::WordList> =
        LazyLock::new(|| crate::text::WordList::of(NOT_COUNT_NOUNS.iter().copied()));
    SET.contains(w)
}

fn is_plural_noun(w: &str) -> bool {
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with('-')
        && !not_count_noun(w)
}

/// The words of a count's `rest` group, which has one to three (no vector).
fn three_words(rest: &str) -> ([&str; 3], usize) {
    let mut words = [""; 3];
    let mut n = 0;
    for w in rest.split_whitespace() {
        words[n] = w;
        n += 1;
    }
    (words, n)
}

/// Spans of a `COUNT_DIGITS` match: the number, the scale word, the words after.
#[derive(Debug, PartialEq)]
struct CountSpans {
    a: Range<usize>,
    sw: Option<Range<usize>>,
    rest: Range<usize>,
}

/// The `COUNT_DIGITS` matches of `s`: found by hand in ASCII text (see
/// [`count_digits_at`]), else by the regex.
fn count_digit_matches(s: &str, p: &Probe) -> Vec<CountSpans> {
    if !p.digit {
        return Vec::new();
    }
    if p.non_ascii {
        return COUNT_DIGITS
            .get(s)
            .captures_iter(s)
            .map(|c| CountSpans {
                a: c.name("a").unwrap().range(),
                sw: c.name("sw").map(|m| m.range()),
                rest: c.name("rest").unwrap().range(),
            })
            .collect();
    }
    let b = s.as_bytes();
    leftmost_matches(
        b,
        p.first_digit,
        |i| next_digit_start(b, i),
        count_digits_at,
    )
}

/// Whether a byte belongs to a count's `@NUM@` run (digits, "," and ".").
fn in_digit_number(c: u8) -> bool {
    c.is_ascii_digit() || c == b',' || c == b'.'
}

/// The first position from `i` where a `COUNT_DIGITS` match may start: a
/// digit whose number run [`opens_lower_word`]. Every digit of one run shares
/// the run's end, so a run that fails is skipped whole instead of byte by
/// byte (`next_starts_skip_only_failing_runs` holds this to the per-byte test).
fn next_digit_start(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let q = i + b[i..].iter().take_while(|&&c| in_digit_number(c)).count();
        if lower_word_after(b, q) {
            return i;
        }
        i = q;
    }
    b.len()
}

/// The first position from `i` where a `COUNT_WORDS` match may start: a word
/// start (`\b` then a letter) that opens a number word whose letter-and-hyphen
/// run [`opens_lower_word`]. The other letters of a run of letters are not
/// word starts, so a run that fails is skipped whole
/// (`next_starts_skip_only_failing_runs`).
fn next_numword_start(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        if (i == 0 || !crate::text::is_ascii_word_byte(b[i - 1]))
            && starts_number_word(&b[i..])
            && opens_lower_word(b, i, |c| c.is_ascii_alphabetic() || c == b'-')
        {
            return i;
        }
        i += 1 + b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    }
    b.len()
}

/// Whether the run of bytes from `i` that `in_number` accepts is followed by
/// ASCII whitespace and then a lower-case letter. A count's number (`@NUM@`:
/// digits, "," and "."; `@WORDNUM@`: letters and "-") is followed by `\s+`
/// and a lower-case scale word or rest, so it can only end where that run
/// ends: when this fails, no match starts anywhere in the run, and the hand
/// matchers are not tried there.
fn opens_lower_word(b: &[u8], i: usize, in_number: impl Fn(u8) -> bool) -> bool {
    let q = i + b[i..].iter().take_while(|&&c| in_number(c)).count();
    lower_word_after(b, q)
}

/// Whether ASCII whitespace and then a lower-case letter follow `q`.
fn lower_word_after(b: &[u8], q: usize) -> bool {
    let j = ascii_skip_ws(b, q);
    j > q && b.get(j).is_some_and(u8::is_ascii_lowercase)
}

/// What `captures_iter` reports for a pattern matched by hand: at each
/// position in order where a match may start (`next_start(i)`: the first
/// such position from `i`, or the end), try `at`; after a match, resume where
/// it ends. No match starts before `from` (the probe's first digit or number
/// word).
fn leftmost_matches(
    b: &[u8],
    from: usize,
    next_start: impl Fn(usize) -> usize,
    at: impl Fn(&[u8], usize) -> Option<CountSpans>,
) -> Vec<CountSpans> {
    let mut out = Vec::new();
    let mut i = next_start(from);
    while i < b.len() {
        match at(b, i) {
            Some(m) => {
                i = m.rest.end;
                out.push(m);
            }
            None => i += 1,
        }
        i = next_start(i);
    }
    out
}

/// The `COUNT_DIGITS` match starting at `p` in ASCII text, as the regex's
/// leftmost-first search reports it: a match can only start at a digit, and
/// scanning the digits in order and resuming after each match gives the same
/// matches as `captures_iter`. Alternatives and repetitions are tried in the
/// regex's order of preference, so the groups are the ones it reports (the
/// `count_digits_by_hand_matches_the_regex` test holds the two together).
fn count_digits_at(b: &[u8], p: usize) -> Option<CountSpans> {
    let skip_ws = |j: usize| ascii_skip_ws(b, j);
    let rest = |r: usize| ascii_rest(b, r);
    let lower = |j: usize| b.get(j).is_some_and(u8::is_ascii_lowercase);
    let digits = |j: usize| {
        b.get(j..)
            .map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    // `(?:\s+(?P<sw>million|billion|thousand|trillion))?\s+(?P<rest>…)` after
    // the number ending at `e` (a greedy `\s+` never gives back whitespace
    // here: a letter must follow it)
    let cont = |e: usize| -> Option<(Option<Range<usize>>, Range<usize>)> {
        let j = skip_ws(e);
        if j == e {
            return None;
        }
        for w in [&b"million"[..], b"billion", b"thousand", b"trillion"] {
            if b[j..].starts_with(w) {
                let k = j + w.len();
                let r = skip_ws(k);
                if r > k && lower(r) {
                    return Some((Some(j..k), rest(r)));
                }
            }
        }
        lower(j).then(|| (None, rest(j)))
    };
    // `(?:\.\d+)?` (greedy) after the integer part ending at `e`, then the rest
    let frac_cont = |e: usize| {
        if b.get(e) == Some(&b'.') {
            for l in (1..=digits(e + 1)).rev() {
                if let Some((sw, r)) = cont(e + 1 + l) {
                    return Some((e + 1 + l, sw, r));
                }
            }
        }
        cont(e).map(|(sw, r)| (e, sw, r))
    };
    let n = digits(p);
    // `\d{1,3}(?:,\d{3})+`: groups after 1-3 digits, longest first
    for k in (1..=n.min(3)).rev() {
        let mut ends = Vec::new();
        let mut j = p + k;
        while b.get(j) == Some(&b',') && digits(j + 1) >= 3 {
            j += 4;
            ends.push(j);
        }
        for &e in ends.iter().rev() {
            if let Some((ae, sw, rest)) = frac_cont(e) {
                return Some(CountSpans { a: p..ae, sw, rest });
            }
        }
    }
    // `\d+`, longest first
    for l in (1..=n).rev() {
        if let Some((ae, sw, rest)) = frac_cont(p + l) {
            return Some(CountSpans { a: p..ae, sw, rest });
        }
    }
    None
}

/// The `COUNT_WORDS` matches of `s` (no scale word): found by hand in ASCII
/// text (see [`count_words_at`]), else by the regex.
fn count_word_matches(s: &str, p: &Probe) -> Vec<CountSpans> {
    if !p.numword {
        return Vec::new();
    }
    if p.non_ascii {
        return COUNT_WORDS
            .get(s)
            .captures_iter(s)
            .map(|c| CountSpans {
                a: c.name("a").unwrap().range(),
                sw: None,
                rest: c.name("rest").unwrap().range(),
            })
            .collect();
    }
    let b = s.as_bytes();
    leftmost_matches(
        b,
        p.first_numword,
        |i| next_numword_start(b, i),
        count_words_at,
    )
}

/// The `COUNT_WORDS` match at the word start `p` of ASCII text, as the regex
/// reports it: the `(?i)` alternatives of `@WORDNUM@` in their order of
/// preference (a tens word with its greedy "-unit", the teens, the units,
/// "ten"), the first that whitespace and a lower-case word follow (the
/// `count_words_by_hand_matches_the_regex` test holds the two together).
fn count_words_at(b: &[u8], p: usize) -> Option<CountSpans> {
    let mut ends: Vec<usize> = Vec::with_capacity(4);
    wordnum_ends(b, p, &mut ends);
    ends.into_iter().find_map(|e| {
        let j = ascii_skip_ws(b, e);
        (j > e && b.get(j).is_some_and(u8::is_ascii_lowercase)).then(|| CountSpans {
            a: p..e,
            sw: None,
            rest: ascii_rest(b, j),
        })
    })
}

/// The end of the ASCII whitespace (`\s` on ASCII text) from `j`.
fn ascii_skip_ws(b: &[u8], mut j: usize) -> usize {
    while b.get(j).is_some_and(|&c| is_ascii_space(c)) {
        j += 1;
    }
    j
}

/// The span of `[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}` (greedy, nothing after
/// it in the pattern) from the lower-case letter at `r` of ASCII text.
fn ascii_rest(b: &[u8], r: usize) -> Range<usize> {
    let word_end = |j: usize| {
        j + 1
            + b[j + 1..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase() || **c == b'-')
                .count()
    };
    let mut e = word_end(r);
    for _ in 0..2 {
        let j = ascii_skip_ws(b, e);
        if j > e && b.get(j).is_some_and(u8::is_ascii_lowercase) {
            e = word_end(j);
        } else {
            break;
        }
    }
    r..e
}

fn counts(s: &str, p: &Probe, out: &mut Vec<Cand>) {
    for c in count_digit_matches(s, p) {
        let a = &s[c.a.clone()];
        let a_start = c.a.start;
        if !left_ok(s, a_start) || after_name(s, a_start) {
            continue;
        }
        if Dec::is_year_like(a) && c.sw.is_none() {
            continue;
        }
        // "top 10 brands", "No. 2 carmaker": ranks, not counts
        if prev_token(s, a_start).is_some_and(|t| {
            with_lower(t, |l| {
                matches!(
                    l.trim_end_matches('.'),
                    "top" | "no" | "number" | "rank" | "ranked" | "bottom" | "#"
                )
            })
        }) {
            continue;
        }
        let rest = &s[c.rest.clone()];
        let (words, n) = three_words(rest);
        let Some(k) = count_noun(&words[..n]) else {
            continue;
        };
        // end of the k-th word inside `rest`
        let mut end = c.rest.start;
        for (idx, (off, w)) in word_offsets(rest).enumerate() {
            if idx == k {
                end = c.rest.start + off + w.len();
                break;
            }
        }
        let pow = c.sw.and_then(|m| scale_exp(&s[m])).unwrap_or(0);
        let Some(d) = Dec::parse(a) else {
            continue;
        };
        let mut cand = Cand::new(a_start, end, Class::Count, "count", d.scaled(pow));
        cand.prio = 40;
        out.push(cand);
    }
    for c in count_word_matches(s, p) {
        let a_start = c.a.start;
        let v = match word_value(&s[c.a]) {
            Some(v) if v >= 2 => v,
            _ => continue,
        };
        if !left_ok(s, a_start) {
            continue;
        }
        if prev_token(s, a_start).is_some_and(|t| with_lower(t, |l| DETERMINERS.contains(&l))) {
            continue;
        }
        if char_before(s, a_start).is_some_and(|ch| ch == '\'' || ch == '’') {
            continue;
        }
        let rest = &s[c.rest.clone()];
        let (words, n) = three_words(rest);
        let Some(k) = count_noun(&words[..n.min(2)]) else {
            continue;
        };
        if GENERIC_NOUNS.contains(&words[k]) {
            continue;
        }
        // the noun must not be possessive or lead into "of" ("two of", "four companies’")
        let mut end = c.rest.start;
        for (idx, (off, w)) in word_offsets(rest).enumerate() {
            if idx == k {
                end = c.rest.start + off + w.len();
                break;
            }
        }
        if matches!(char_after(s, end), Some('\'' | '’')) {
            continue;
        }
        let mut cand = Cand::new(a_start, end, Class::Count, "count", v as f64);
        cand.prio = 30;
        cand.conf = 0.6;
        out.push(cand);
    }
    let of_the = p.digit_of;
    for c in of_the
        .then(|| OF_THE.get(s).captures_iter(s))
        .into_iter()
        .flatten()
    {
        let a = c.name("a").unwrap();
        if !left_ok(s, a.start()) || after_name(s, a.start()) || Dec::is_year_like(a.as_str()) {
            continue;
        }
        let Some(d) = Dec::parse(a.as_str()) else {
            continue;
        };
        let mut cand = Cand::new(a.start(), a.end(), Class::Count, "count", d.value());
        cand.prio = 35;
        cand.conf = 0.6;
        out.push(cand);
    }
    let streak = p.number() && p.has(W_STREAK);
    for c in streak
        .then(|| led_matches(s, p, &STREAK, "n", streak_at))
        .into_iter()
        .flatten()
    {
        let a = &s[c.a.clone()];
        if !left_ok(s, c.a.start) {
            continue;
        }
        let Some(v) = ordinal_value(a)
            .or_else(|| word_value(a))
            .or_else(|| a.parse().ok())
        else {
            continue;
        };
        if v == 0 {
            continue;
        }
        let noun = s[c.w].to_lowercase();
        let mut cand = Cand::new(c.a.start, c.end, Class::Streak, "count", v as f64);
        cand.prio = 80;
        cand.dir = if ["declin", "loss", "fall", "drop"]
            .iter()
            .any(|p| noun.starts_with(p))
        {
            Some(-1)
        } else if ["advanc", "gain", "increas", "rise", "rall", "win"]
            .iter()
            .any(|p| noun.starts_with(p))
        {
            Some(1)
        } else {
            None
        };
        out.push(cand);
    }
    let run = p.number() && p.has(W_RUN);
    for c in run
        .then(|| led_matches(s, p, &STREAK_RUN, "k", run_at))
        .into_iter()
        .flatten()
    {
        let a = &s[c.a.clone()];
        if !left_ok(s, c.a.start) {
            continue;
        }
        let Some(v) = word_value(a).or_else(|| a.parse().ok()) else {
            continue;
        };
        let mut cand = Cand::new(c.a.start, c.end, Class::Streak, "count", v as f64);
        cand.prio = 81;
        let k = s[c.w].to_lowercase();
        cand.dir = Some(if k.starts_with("win") { 1 } else { -1 });
        out.push(cand);
    }
}

/// The spans of a match that opens with its number `a` (`STREAK`,
/// `STREAK_RUN`, `MULT_TIMES`, `MULT_FOLD`): `a`, a word group `w` (`n`: the
/// noun, `k`: "winning", "losing", …; for multiples `a` again) and the end of
/// the whole match.
#[derive(Debug, PartialEq)]
struct LedSpans {
    a: Range<usize>,
    w: Range<usize>,
    end: usize,
}

/// The matches of a number-led pattern in `s`: found by hand in ASCII text (with
/// `at`, so the regex with its `(?i)` number-word lists is never built for
/// ASCII text), else by the regex, whose group `w` is the word group.
fn led_matches(
    s: &str,
    p: &Probe,
    regex: &AsciiFast,
    w: &str,
    at: fn(&[u8], usize) -> Option<LedSpans>,
) -> Vec<LedSpans> {
    if p.non_ascii {
        return regex
            .get(s)
            .captures_iter(s)
            .map(|c| LedSpans {
                a: c.name("a").unwrap().range(),
                w: c.name(w).unwrap().range(),
                end: c.get(0).unwrap().end(),
            })
            .collect();
    }
    // leftmost-first, resuming after each match, as `captures_iter` does
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some(m) = at(b, i) {
            i = m.end;
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

/// The ends of the `(?i:@WORDNUM@)` alternatives that match at `p` of ASCII
/// text, in the regex's order of preference: a tens word with its greedy
/// "-unit", then the tens word alone, the teens, the units, "ten".
fn wordnum_ends(b: &[u8], p: usize, ends: &mut Vec<usize>) {
    const TENS_WORDS: [&[u8]; 8] = [
        b"twenty", b"thirty", b"forty", b"fifty", b"sixty", b"seventy", b"eighty", b"ninety",
    ];
    const UNIT_WORDS: [&[u8]; 9] = [
        b"one", b"two", b"three", b"four", b"five", b"six", b"seven", b"eight", b"nine",
    ];
    const TEENS: [&[u8]; 9] = [
        b"eleven",
        b"twelve",
        b"thirteen",
        b"fourteen",
        b"fifteen",
        b"sixteen",
        b"seventeen",
        b"eighteen",
        b"nineteen",
    ];
    // every listed word is lower case: comparing the first letter first
    // skips the other ~25 whole-word comparisons of each call
    let has = |j: usize, w: &[u8]| {
        b.get(j).is_some_and(|c| c.to_ascii_lowercase() == w[0]) && ascii_has_ci(b, j, w)
    };
    for t in TENS_WORDS {
        if has(p, t) {
            let e = p + t.len();
            if b.get(e) == Some(&b'-') {
                if let Some(u) = UNIT_WORDS.iter().find(|u| has(e + 1, u)) {
                    ends.push(e + 1 + u.len());
                }
            }
            ends.push(e);
        }
    }
    // plain loops: a chained, filtered `extend` cost ~570 instructions a call
    for list in [&TEENS[..], &UNIT_WORDS[..], &[&b"ten"[..]]] {
        for w in list {
            if has(p, w) {
                ends.push(p + w.len());
            }
        }
    }
}

/// Whether `w` occurs at `j` of `b`, ASCII case-insensitively.
fn ascii_has_ci(b: &[u8], j: usize, w: &[u8]) -> bool {
    b.len() >= j + w.len() && b[j..j + w.len()].eq_ignore_ascii_case(w)
}

/// The first word of `words` (case-sensitive) at `j`, as its end.
fn ascii_word_of(b: &[u8], j: usize, words: &[&[u8]]) -> Option<usize> {
    words
        .iter()
        .find(|w| b.get(j..).is_some_and(|t| t.starts_with(w)))
        .map(|w| j + w.len())
}

/// `\b` at `j` of ASCII text right after a word character.
fn ascii_word_end(b: &[u8], j: usize) -> bool {
    !b.get(j)
        .is_some_and(|&c| crate::text::is_ascii_word_byte(c))
}

/// The `\s+` from `j` of ASCII text: its end, if there is any whitespace.
fn ascii_ws1(b: &[u8], j: usize) -> Option<usize> {
    let e = ascii_skip_ws(b, j);
    (e > j).then_some(e)
}

/// The ends of `@NUM@` from the digit at `p` of ASCII text, in the regex's
/// order of preference: `\d{1,3}(?:,\d{3})+` (1-3 leading digits, longest
/// first, groups longest first), then `\d+` longest first, each with its
/// greedy `(?:\.\d+)?` longest first, then without it.
fn num_ends(b: &[u8], p: usize, ends: &mut Vec<usize>) {
    let digits = |j: usize| {
        b.get(j..)
            .map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let mut with_frac = |e: usize| {
        if b.get(e) == Some(&b'.') {
            ends.extend((1..=digits(e + 1)).rev().map(|l| e + 1 + l));
        }
        ends.push(e);
    };
    let n = digits(p);
    for k in (1..=n.min(3)).rev() {
        let mut groups = Vec::new();
        let mut j = p + k;
        while b.get(j) == Some(&b',') && digits(j + 1) >= 3 {
            j += 4;
            groups.push(j);
        }
        groups.into_iter().rev().for_each(&mut with_frac);
    }
    (1..=n).rev().for_each(|l| with_frac(p + l));
}

/// A match of `(?P<a>@NUM@|\b(?i:@WORDNUM@|<extra>))<rest>` at `p` of ASCII
/// text: the number's ends in order of preference, the first that `rest`
/// (giving the end of the match) follows.
fn multiple_at(
    b: &[u8],
    p: usize,
    extra: &[&[u8]],
    rest: impl Fn(usize) -> Option<usize>,
) -> Option<LedSpans> {
    let mut ends = Vec::new();
    if b[p].is_ascii_digit() {
        num_ends(b, p, &mut ends);
    } else if b[p].is_ascii_alphabetic() && (p == 0 || !crate::text::is_ascii_word_byte(b[p - 1])) {
        wordnum_ends(b, p, &mut ends);
        ends.extend(
            extra
                .iter()
                .filter(|w| ascii_has_ci(b, p, w))
                .map(|w| p + w.len()),
        );
    }
    ends.into_iter().find_map(|e| {
        rest(e).map(|end| LedSpans {
            a: p..e,
            w: p..e,
            end,
        })
    })
}

/// The `MULT_TIMES` match (`…\s+times\b`) at `p` of ASCII text, as the
/// regex reports it (`multiples_by_hand_match_the_regexes`).
fn times_at(b: &[u8], p: usize) -> Option<LedSpans> {
    multiple_at(b, p, &[], |e| {
        let j = ascii_ws1(b, e)?;
        let end = ascii_word_of(b, j, &[b"times"])?;
        ascii_word_end(b, end).then_some(end)
    })
}

/// The `MULT_FOLD` match (`…(?:\s|-)?fold\b`, "hundred" and "thousand" among
/// the words) at `p` of ASCII text, as the regex reports it
/// (`multiples_by_hand_match_the_regexes`).
fn fold_at(b: &[u8], p: usize) -> Option<LedSpans> {
    multiple_at(b, p, &[b"hundred", b"thousand"], |e| {
        let fold = |j: usize| ascii_word_of(b, j, &[b"fold"]).filter(|&end| ascii_word_end(b, end));
        let sep = matches!(
            b.get(e),
            Some(b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ' | b'-')
        );
        sep.then(|| fold(e + 1)).flatten().or_else(|| fold(e))
    })
}

/// The `STREAK` match starting at `p` of ASCII text, as the regex reports it
/// (`streak_by_hand_matches_the_regex` holds the two together): the ends of
/// the number alternatives in order of preference (`\d+` longest first, each
/// with its ordinal suffix first; the ordinal words, then `@WORDNUM@`), the
/// first that the rest of the pattern follows. Each `\s+` is greedy and a
/// letter follows it, so it never gives whitespace back.
fn streak_at(b: &[u8], p: usize) -> Option<LedSpans> {
    if !b[p].is_ascii_alphanumeric() || p > 0 && crate::text::is_ascii_word_byte(b[p - 1]) {
        return None;
    }
    let mut ends = Vec::new();
    if b[p].is_ascii_digit() {
        let n = b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        for l in (1..=n).rev() {
            let e = p + l;
            if let Some(s) = ascii_word_of(b, e, &[b"st", b"nd", b"rd", b"th"]) {
                ends.push(s);
            }
            ends.push(e);
        }
    } else {
        ends.extend(
            ORDINALS[1..]
                .iter()
                .filter(|o| ascii_has_ci(b, p, o.as_bytes()))
                .map(|o| p + o.len()),
        );
        wordnum_ends(b, p, &mut ends);
    }
    // `(?P<n>weeks?|…|rally|rallies|wins?)\b` at `j`: a stem with its
    // optional "s" (greedy), in the order of the pattern
    let noun = |j: usize| -> Option<Range<usize>> {
        const NOUNS: [(&[u8], bool); 17] = [
            (b"week", true),
            (b"day", true),
            (b"session", true),
            (b"month", true),
            (b"quarter", true),
            (b"year", true),
            (b"advance", true),
            (b"gain", true),
            (b"increase", true),
            (b"rise", true),
            (b"decline", true),
            (b"losse", true),
            (b"fall", true),
            (b"drop", true),
            (b"rally", false),
            (b"rallies", false),
            (b"win", true),
        ];
        NOUNS.iter().find_map(|&(w, s)| {
            let e = ascii_word_of(b, j, &[w])?;
            if s && b.get(e) == Some(&b's') && ascii_word_end(b, e + 1) {
                return Some(j..e + 1);
            }
            ascii_word_end(b, e).then_some(j..e)
        })
    };
    ends.into_iter().find_map(|e| {
        let j = ascii_ws1(b, e)?;
        let k = ascii_word_of(
            b,
            j,
            &[b"straight", b"consecutive", b"successive", b"back-to-back"],
        )?;
        let j = ascii_ws1(b, k)?;
        // `(?:(?:weekly|…|trading)\s+)?` (greedy), then the noun
        let with = ascii_word_of(
            b,
            j,
            &[
                b"weekly",
                b"daily",
                b"monthly",
                b"quarterly",
                b"annual",
                b"yearly",
                b"trading",
            ],
        )
        .and_then(|q| ascii_ws1(b, q))
        .and_then(noun);
        let n = with.or_else(|| noun(j))?;
        Some(LedSpans {
            a: p..e,
            end: n.end,
            w: n,
        })
    })
}

/// The `STREAK_RUN` match starting at `p` of ASCII text, as the regex reports
/// it (`streak_run_by_hand_matches_the_regex` holds the two together): the
/// ends of `\b\d+` (longest first) or of `(?i:@WORDNUM@)`, the first that the
/// rest of the pattern follows.
fn run_at(b: &[u8], p: usize) -> Option<LedSpans> {
    if !b[p].is_ascii_alphanumeric() || p > 0 && crate::text::is_ascii_word_byte(b[p - 1]) {
        return None;
    }
    let mut ends = Vec::new();
    if b[p].is_ascii_digit() {
        let n = b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        ends.extend((1..=n).rev().map(|l| p + l));
    } else {
        wordnum_ends(b, p, &mut ends);
    }
    ends.into_iter().find_map(|e| {
        // `(?:\s|-)`, one character
        if !matches!(
            b.get(e),
            Some(b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ' | b'-')
        ) {
            return None;
        }
        let u = ascii_word_of(
            b,
            e + 1,
            &[
                b"day", b"week", b"month", b"session", b"year", b"quarter", b"game",
            ],
        )?;
        let j = ascii_ws1(b, u)?;
        // `(?P<k>winning|losing|win|loss)\s+(?:streak|run)\b`, first that fits
        [&b"winning"[..], b"losing", b"win", b"loss"]
            .iter()
            .find_map(|k| {
                let ke = ascii_word_of(b, j, &[k])?;
                let r = ascii_ws1(b, ke)?;
                let end = ascii_word_of(b, r, &[b"streak", b"run"])?;
                ascii_word_end(b, end).then_some(LedSpans {
                    a: p..e,
                    w: j..ke,
                    end,
                })
            })
    })
}

/// (byte offset, word) of the whitespace-separated words of a string.
fn word_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

// ---------------------------------------------------------------------------
// Context: qualifier, direction, measure

/// Start of the window of `n` words before `i` (not crossing `floor`).
fn words_before(s: &str, i: usize, n: usize, floor: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    let mut start = floor.min(i);
    for (b, ch) in s[..i].char_indices().rev() {
        if b < floor {
            break;
        }
        if ch.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    start = b + ch.len_utf8();
                    return start.max(floor);
                }
            }
            in_word = false;
        } else {
            in_word = true;
            start = b;
        }
    }
    start.max(floor)
}

/// End of the window of `n` words after `i` (not crossing `ceil`).
fn words_after(s: &str, i: usize, n: usize, ceil: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    let ceil = ceil.min(s.len());
    if i >= ceil {
        return ceil;
    }
    for (b, ch) in s[i..ceil].char_indices() {
        if ch.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return i + b;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    ceil
}

/// Direction of the last rise/fall word in `window` (ignoring hyphen compounds
/// such as "jaw-dropping"), 0 when none.
///
/// On ASCII text the words are found by hand: every alternative of `DIR_WORD`
/// is letters only between two `\b`, so a match is exactly a maximal run of
/// ASCII word bytes (`[0-9A-Za-z_]`) whose lower case is a listed word, and
/// such runs never overlap. That saves building `DIR_WORD` (a large `(?i)`
/// alternation) and a regex call per window; the
/// `direction_words_by_hand_match_the_regex` test holds the two together.
fn last_direction(window: &str) -> i8 {
    if !window.is_ascii() {
        return last_direction_regex(window);
    }
    let b = window.as_bytes();
    let mut dir = 0;
    let mut i = 0;
    while i < b.len() {
        if !crate::text::is_ascii_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && crate::text::is_ascii_word_byte(b[i]) {
            i += 1;
        }
        // the longest listed word has 14 letters
        let mut buf = [0u8; 16];
        if i - start > buf.len() || (start > 0 && b[start - 1] == b'-') {
            continue;
        }
        let w = &mut buf[..i - start];
        w.copy_from_slice(&b[start..i]);
        w.make_ascii_lowercase();
        let w = std::str::from_utf8(w).unwrap_or("");
        let Some(d) = word_direction(w) else {
            continue;
        };
        // "up to" and "down to" introduce a level, not a move
        if (w == "up" || w == "down") && window[i..].trim_start().starts_with("to ") {
            continue;
        }
        dir = d;
    }
    dir
}

/// [`last_direction`] by the `DIR_WORD` regex, for text that is not ASCII.
fn last_direction_regex(window: &str) -> i8 {
    let mut dir = 0;
    for m in DIR_WORD.get(window).find_iter(window) {
        if matches!(char_before(window, m.start()), Some('-')) {
            continue;
        }
        let w = m.as_str().to_lowercase();
        // "up to" and "down to" introduce a level, not a move
        if (w == "up" || w == "down") && window[m.end()..].trim_start().starts_with("to ") {
            continue;
        }
        dir = word_direction(&w).unwrap_or_else(|| {
            let c = DIR_WORD.get(window).captures_at(window, m.start()).unwrap();
            if c.name("r").is_some() {
                1
            } else {
                -1
            }
        });
    }
    dir
}

/// The group of `DIR_WORD` a matched word fell in, from the word itself: an
/// ASCII match lower-cases to exactly one of the alternatives, and the rise
/// group is tried first, so a word of `RISE` is a rise. `None` (search for the
/// group) when the match is not a listed word, as "ſ" or the Kelvin sign make
/// possible under `(?i)`.
fn word_direction(lower: &str) -> Option<i8> {
    static WORDS: LazyLock<[crate::text::WordList; 2]> =
        LazyLock::new(|| [RISE, FALL].map(|l| crate::text::WordList::of(l.split('|'))));
    if WORDS[0].contains(lower) {
        Some(1)
    } else if WORDS[1].contains(lower) {
        Some(-1)
    } else {
        None
    }
}

fn direction_of(s: &str, k: &Cand, qual_start: usize, floor: usize) -> i8 {
    if let Some(c) = DIR_AFTER.get(&s[k.e..]).captures(&s[k.e..]) {
        return if c.name("r").is_some() { 1 } else { -1 };
    }
    let ws = words_before(s, qual_start, 6, floor);
    let d = last_direction(&s[ws..qual_start]);
    if d != 0 {
        return d;
    }
    match char_before(s, k.s) {
        Some(c @ ('-' | '−'))
            if !char_before(s, k.s - c.len_utf8()).is_some_and(|c| c.is_alphanumeric()) =>
        {
            -1
        }
        Some('+') => 1,
        _ => 0,
    }
}

/// The measure whose keyword is nearest the figure within a window of words.
fn nearest_measure(
    s: &str,
    k: &Cand,
    qual_start: usize,
    measures: &Measures,
    n: usize,
    bounds: (usize, usize),
) -> Option<&'static str> {
    let window = measure_window(s, k, qual_start, n, bounds);
    nearest_measure_in(s, k, qual_start, measures, window)
}

/// The window [`nearest_measure`] searches: from `n` words before the
/// qualifier (not before `floor`) to `n` words after the figure (not after
/// `ceil`), cut at the end of the figure's clause. The measure found depends
/// on nothing else, so a window seen before gives the same answer.
fn measure_window(
    s: &str,
    k: &Cand,
    qual_start: usize,
    n: usize,
    (floor, ceil): (usize, usize),
) -> (usize, usize) {
    let ws = words_before(s, qual_start, n, floor.min(qual_start));
    let mut we = words_after(s, k.e, n, ceil.max(k.e));
    // a keyword after the figure belongs to it only within its clause
    if let Some(i) = s[k.e..we].find([',', ';', ':', '—']) {
        we = k.e + i;
    }
    (ws, we)
}

/// [`nearest_measure`] in the window `(ws, we)` from [`measure_window`].
fn nearest_measure_in(
    s: &str,
    k: &Cand,
    qual_start: usize,
    measures: &Measures,
    (ws, we): (usize, usize),
) -> Option<&'static str> {
    let (before, after) = (&s[ws..qual_start], &s[k.e..we]);
    // for each measure, the end of its last keyword before the figure and
    // the start of its first one after it
    let mut last_end = [None; 32];
    let mut first_start = [None; 32];
    if before.is_ascii() {
        // searched by hand (see `Keywords`), with the word runs found once
        let b = before.as_bytes();
        measures.keywords(b, &word_runs(b), true, &mut last_end);
    } else {
        for (i, r) in measures.res.iter().enumerate() {
            last_end[i] = r.get(before).find_iter(before).last().map(|m| m.end());
        }
    }
    if after.is_ascii() {
        let b = after.as_bytes();
        measures.keywords(b, &word_runs(b), false, &mut first_start);
    } else {
        for (i, r) in measures.res.iter().enumerate() {
            first_start[i] = r.get(after).find(after).map(|m| m.start());
        }
    }
    let mut best: Option<(usize, &'static str)> = None;
    for (i, name) in measures.names.iter().enumerate() {
        if let Some(end) = last_end[i] {
            let d = qual_start - (ws + end);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, *name));
            }
        }
        if let Some(d) = first_start[i] {
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, *name));
            }
        }
    }
    best.map(|(_, n)| n)
}

/// The answers of [`nearest_measure_in`] for one figure, by window: a money
/// figure asks up to four times, often for the same window (a sentence with
/// one figure has the same window between its neighbours as in the whole).
#[derive(Default)]
struct MeasureMemo {
    seen: [((usize, usize), Option<&'static str>); 4],
    len: usize,
}

impl MeasureMemo {
    fn nearest(
        &mut self,
        s: &str,
        k: &Cand,
        qual_start: usize,
        measures: &Measures,
        n: usize,
        bounds: (usize, usize),
    ) -> Option<&'static str> {
        let window = measure_window(s, k, qual_start, n, bounds);
        if let Some(&(_, m)) = self.seen[..self.len].iter().find(|(w, _)| *w == window) {
            return m;
        }
        let m = nearest_measure_in(s, k, qual_start, measures, window);
        if self.len < self.seen.len() {
            self.seen[self.len] = (window, m);
            self.len += 1;
        }
        m
    }
}

fn earnings_sentence(s: &str) -> bool {
    static R: LazyLock<AsciiFast> = LazyLock::new(|| {
        AsciiFast::new(r"(?i)\b(?:earnings|P/E|price-to-earnings|price/earnings|PE\s+ratio)\b")
    });
    R.get(s).is_match(s)
}

// ---------------------------------------------------------------------------
// Pre-checks

/// Cheap facts about a sentence, each a necessary condition for some patterns
/// to match, so that a pattern which cannot match is not run at all. Every
/// flag errs towards `true`: it may say a pattern could match when it cannot,
/// never the reverse, so results are the same as running every pattern.
#[derive(Debug, Clone, Copy, Default)]
struct Probe {
    /// Some character matches `\d` (ASCII or any Unicode decimal digit).
    digit: bool,
    /// A word may start with a (case-insensitive) number word, ordinal word,
    /// "hundred" or "thousand", as `\b(?i:@WORDNUM@|@ORDWORD@|hundred|thousand)`.
    numword: bool,
    /// Not pure ASCII (currency signs, "×", "％", non-ASCII digits or spaces).
    non_ascii: bool,
    /// A currency sign or code could open a prefixed amount (`$`, `Rs`, a
    /// currency code opening an upper-case run, or any non-ASCII character).
    money_sign: bool,
    /// An upper-case run opens with one of the currency codes of `@CUR@`
    /// (or the sentence is not ASCII). A code matches after `\b` or a
    /// separator, so never right after another capital: it opens a run.
    cur_code: bool,
    /// An ASCII digit right before "x"/"X" (or the sentence is not ASCII).
    digit_x: bool,
    /// An ASCII digit right before "p" (or the sentence is not ASCII).
    digit_p: bool,
    /// "GW", "MW", "TW" or "kW" occurs.
    watt_code: bool,
    /// An ASCII digit, then ASCII whitespace, then "of" (or the sentence is
    /// not ASCII): where `OF_THE` has to start.
    digit_of: bool,
    /// An ASCII digit right before "," or "." (or the sentence is not ASCII).
    digit_punct: bool,
    /// In ASCII text, the first ASCII digit (where `COUNT_DIGITS` can first
    /// start) and the first word start that may open a number word (where
    /// `COUNT_WORDS` can first start); 0 when unknown.
    first_digit: usize,
    first_numword: usize,
    /// Keywords (the `W_*` bits) that open a run of ASCII lower-case letters,
    /// all of them if the sentence is not ASCII. Each is a literal that its
    /// patterns require right after whitespace, a hyphen, a digit or a word
    /// boundary, so never after an ASCII lower-case letter: wherever it
    /// matches, it opens such a run.
    words: u32,
}

/// A currency word of `@CUR@`; the codes written in capitals are covered by
/// `cur_code`, and every other capitalised one ("Hong Kong dollars") ends in
/// a lower-case word that is here.
const W_CUR: u32 = 1;
/// A unit of `PERCENT` ("percent", "per cent", "percentage", "pct", "pp",
/// "bp", "basis").
const W_PCT: u32 = 1 << 1;
/// "trillion", "billion" or "million" (`MONEY_NUMLESS`).
const W_ILLION: u32 = 1 << 2;
const W_TIMES: u32 = 1 << 3;
const W_AVERAGE: u32 = 1 << 4;
const W_POINT: u32 = 1 << 5;
/// "quarter" or "half" (`FRACTION_POINT`).
const W_FRACTION: u32 = 1 << 6;
const W_PERCENTILE: u32 = 1 << 7;
const W_PENCE: u32 = 1 << 8;
/// "gigawatt", "megawatt", "terawatt" or "kilowatt".
const W_WATT: u32 = 1 << 9;
/// "straight", "consecutive", "successive" or "back-to-back" (`STREAK`).
const W_STREAK: u32 = 1 << 10;
/// "streak" or "run" (`STREAK_RUN`).
const W_RUN: u32 = 1 << 11;

/// The `W_*` keywords that the run of lower-case letters `w` starts with.
fn run_words(w: &[u8]) -> u32 {
    let has = |p: &[u8]| w.starts_with(p);
    match w[0] {
        b'b' => {
            let mut k = 0;
            if has(b"baht") {
                k |= W_CUR;
            }
            if has(b"bp") || has(b"basis") {
                k |= W_PCT;
            }
            if has(b"billion") {
                k |= W_ILLION;
            }
            if has(b"back-to-back") {
                k |= W_STREAK;
            }
            k
        }
        b'c' if has(b"consecutive") => W_STREAK,
        b'a' if has(b"average") => W_AVERAGE,
        b'd' if has(b"dollar") => W_CUR,
        b'e' if has(b"euro") => W_CUR,
        b'f' if has(b"franc") => W_CUR,
        b'g' if has(b"gigawatt") => W_WATT,
        b'h' if has(b"half") => W_FRACTION,
        b'k' if has(b"kilowatt") => W_WATT,
        b'l' if has(b"lira") => W_CUR,
        b'm' if has(b"million") => W_ILLION,
        b'm' if has(b"megawatt") => W_WATT,
        b'p' => {
            let mut k = 0;
            if has(b"pound") {
                k |= W_CUR;
            }
            if has(b"per") || has(b"pct") || has(b"pp") {
                k |= W_PCT;
            }
            if has(b"percentile") {
                k |= W_PERCENTILE;
            }
            if has(b"point") {
                k |= W_POINT;
            }
            if has(b"pence") {
                k |= W_PENCE;
            }
            k
        }
        b'q' if has(b"quarter") => W_FRACTION,
        b'r' => {
            if has(b"run") {
                W_RUN
            } else if has(b"renminbi")
                || has(b"rupee")
                || has(b"ringgit")
                || has(b"rupiah")
                || has(b"rand")
                || has(b"rouble")
                || has(b"ruble")
            {
                W_CUR
            } else {
                0
            }
        }
        b's' => {
            if has(b"sterling") {
                W_CUR
            } else if has(b"straight") || has(b"successive") {
                W_STREAK
            } else if has(b"streak") {
                W_RUN
            } else {
                0
            }
        }
        b't' if has(b"times") => W_TIMES,
        b't' if has(b"trillion") => W_ILLION,
        b't' if has(b"terawatt") => W_WATT,
        b'w' if has(b"won") => W_CUR,
        b'y' if has(b"yuan") || has(b"yen") => W_CUR,
        _ => 0,
    }
}

/// Whether an ASCII letter is the first of some prefix of
/// [`starts_number_word`] (either case), checked before calling it.
fn may_start_number_word(c: u8) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h'
    )
}

/// Prefixes (lower-case) of every word the `(?i)` number patterns accept at a
/// word start: WORDNUM, ORDWORD, "hundred" and "thousand".
fn starts_number_word(w: &[u8]) -> bool {
    let has = |p: &[u8]| w.len() >= p.len() && w[..p.len()].eq_ignore_ascii_case(p);
    match w[0].to_ascii_lowercase() {
        b'o' => has(b"one"),
        b't' => {
            has(b"two")
                || has(b"thre")
                || has(b"thir")
                || has(b"ten")
                || has(b"twel")
                || has(b"twen")
                || has(b"thou")
        }
        b'f' => has(b"four") || has(b"fort") || has(b"five") || has(b"fift") || has(b"firs"),
        b's' => has(b"six") || has(b"seve") || has(b"seco"),
        b'e' => has(b"eigh") || has(b"elev"),
        b'n' => has(b"nine") || has(b"nint"),
        b'h' => has(b"hund"),
        _ => false,
    }
}

/// The currency codes of `@CUR@` (and of `MONEY_PRE`).
fn is_currency_code(w: &[u8]) -> bool {
    matches!(
        w,
        b"RMB"
            | b"CNY"
            | b"USD"
            | b"HKD"
            | b"EUR"
            | b"GBP"
            | b"JPY"
            | b"SGD"
            | b"AUD"
            | b"CAD"
            | b"TWD"
            | b"INR"
            | b"KRW"
            | b"CHF"
            | b"NZD"
    )
}

/// Whether `b` holds the start of a `PERCENT` unit word anywhere ("per",
/// "pct", "pp", "bp", "basis"; the units are case-sensitive).
fn may_hold_unit(b: &[u8]) -> bool {
    (0..b.len()).any(|i| {
        let w = &b[i..];
        match b[i] {
            b'p' => w.starts_with(b"per") || w.starts_with(b"pct") || w.starts_with(b"pp"),
            b'b' => w.starts_with(b"bp") || w.starts_with(b"basis"),
            _ => false,
        }
    })
}

/// The end of the run of ASCII lower-case letters from `i`, eight bytes at a
/// time: in each word the high bit of a byte is set where `y = x & 0x7F` has
/// `y + 0x1F >= 0x80` (`y >= b'a'`), `y + 0x05 < 0x80` (`y <= b'z'`) and `x`
/// itself is ASCII; no sum carries into the next byte.
fn lower_run_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap());
        let y = x & !HIGH;
        let lower = (y + ONES * 0x1F) & !(y + ONES * 0x05) & !x & HIGH;
        let other = !lower & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_lowercase() {
        i += 1;
    }
    i
}

impl Probe {
    fn of(s: &str) -> Probe {
        static DIGIT: LazyLock<Regex> = LazyLock::new(|| regex_new(r"\d").unwrap());
        let b = s.as_bytes();
        let mut p = Probe::default();
        let n = b.len();
        let mut upper_run = 0;
        let mut i = 0;
        while i < n {
            let c = b[i];
            if c.is_ascii_lowercase() {
                // A run of ASCII lower-case letters, most of any text: only its
                // first letter can start a word or follow the "R" of "Rs"; the
                // rest is skipped with one comparison per byte.
                upper_run = 0;
                let prev = i.checked_sub(1).map(|j| b[j]);
                if !p.numword
                    && may_start_number_word(c)
                    && !prev.is_some_and(crate::text::is_ascii_word_byte)
                    && starts_number_word(&b[i..])
                {
                    p.numword = true;
                    p.first_numword = i;
                }
                if c == b's' && prev == Some(b'R') {
                    p.money_sign = true;
                }
                p.words |= run_words(&b[i..]);
                i = lower_run_end(b, i + 1);
                continue;
            }
            if c == b' ' {
                upper_run = 0;
                i += 1;
                continue;
            }
            if c.is_ascii_uppercase() {
                upper_run += 1;
                if upper_run == 3 && is_currency_code(&b[i - 2..=i]) {
                    p.cur_code = true;
                    p.money_sign = true;
                }
            } else {
                upper_run = 0;
            }
            if c.is_ascii_digit() {
                if !p.digit {
                    p.first_digit = i;
                }
                p.digit = true;
                match b.get(i + 1) {
                    Some(b'x' | b'X') => p.digit_x = true,
                    Some(b'p') => p.digit_p = true,
                    Some(b',' | b'.') => p.digit_punct = true,
                    Some(&c) if is_ascii_space(c) && !p.digit_of => {
                        let mut j = i + 2;
                        while j < n && is_ascii_space(b[j]) {
                            j += 1;
                        }
                        p.digit_of = b[j..].starts_with(b"of");
                    }
                    _ => {}
                }
            } else if c.is_ascii_alphabetic() {
                // a word start: `\b` before an ASCII letter needs a non-word
                // character before it (any non-ASCII one is taken as such)
                if !p.numword
                    && may_start_number_word(c)
                    && (i == 0 || !crate::text::is_ascii_word_byte(b[i - 1]))
                    && starts_number_word(&b[i..])
                {
                    p.numword = true;
                    p.first_numword = i;
                }
                match c {
                    b'W' if i > 0 && matches!(b[i - 1], b'G' | b'M' | b'T' | b'k') => {
                        p.watt_code = true
                    }
                    b's' if i > 0 && b[i - 1] == b'R' => p.money_sign = true,
                    _ => {}
                }
            } else if c == b'$' {
                p.money_sign = true;
            } else if c == b'%' {
                p.words |= W_PCT;
            } else if c >= 0x80 {
                p.non_ascii = true;
            }
            i += 1;
        }
        if p.non_ascii {
            p.first_digit = 0;
            p.first_numword = 0;
            p.money_sign = true;
            p.cur_code = true;
            p.digit_x = true;
            p.digit_p = true;
            p.digit_of = true;
            p.digit_punct = true;
            p.words = u32::MAX;
            p.digit = p.digit || DIGIT.is_match(s);
            // "ſ" and the Kelvin sign match "s" and "k" case-insensitively
            if crate::text::has_ascii_case_fold(s) {
                p.numword = true;
            }
        }
        p
    }

    /// `@NUM@` or a spelled number can occur.
    fn number(&self) -> bool {
        self.digit || self.numword
    }

    /// `MONEY_PRE` can match: a digit and a currency sign or code.
    fn money_pre(&self) -> bool {
        self.digit && self.money_sign
    }

    /// `MONEY_SUF` can match: a number, then a currency word (a lower-case
    /// one opens a run after the separator) or code.
    fn money_suf(&self) -> bool {
        self.number() && (self.has(W_CUR) || self.cur_code)
    }

    /// `PERCENT` can match in `s`: its unit opens a lower-case run after a
    /// digit, a space or a hyphen, or is glued to a spelled number inside
    /// its run ("fivepercent"), where `may_hold_unit` finds it.
    fn percent(&self, s: &str) -> bool {
        self.number() && self.has(W_PCT) || self.numword && may_hold_unit(s.as_bytes())
    }

    /// Whether a lower-case run starts with one of the `W_*` keywords `w`.
    fn has(&self, w: u32) -> bool {
        self.words & w != 0
    }
}

// ---------------------------------------------------------------------------
// Driver

fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        b.prio
            .cmp(&a.prio)
            .then((b.e - b.s).cmp(&(a.e - a.s)))
            .then(a.s.cmp(&b.s))
    });
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if c.e <= c.s {
            continue;
        }
        if kept.iter().all(|k| c.e <= k.s || k.e <= c.s) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|k| k.s);
    kept
}

/// Joins "X to Y", "X-Y" and "between X and Y" of one unit into ranges.
fn merge_ranges(s: &str, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for c in cands {
        if let Some(p) = out.last_mut() {
            if p.upper.is_none()
                && c.upper.is_none()
                && p.class == c.class
                && p.unit == c.unit
                && matches!(p.class, Class::Money | Class::Percent | Class::Multiple)
            {
                let between = &s[p.e..c.s];
                let bt = between.trim();
                let dash_or_to = matches!(bt, "-" | "–" | "—" | "to") && !after_from(s, p.s);
                let between_and = bt == "and"
                    && before_skipping_qualifier(s, p.s)
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| w.eq_ignore_ascii_case("between"));
                if dash_or_to || between_and {
                    let mut lo = p.value;
                    // "$70 to $72 billion": the lower end takes the upper end's scale
                    if p.scale.is_none() && c.scale.is_some() {
                        if let (Some(d), Some(pow)) = (p.num, c.scale) {
                            lo = d.scaled(pow);
                        }
                    }
                    if lo < c.value {
                        p.value = lo;
                        p.upper = Some(c.value);
                        p.e = c.e;
                        continue;
                    }
                }
            }
        }
        out.push(c);
    }
    out
}

/// Whether "¥" in this document means yuan rather than yen.
fn yen_means_yuan(text: &str) -> bool {
    static YUAN: LazyLock<AsciiFast> =
        LazyLock::new(|| AsciiFast::new(r"(?i)\b(?:yuan|rmb|renminbi|cny)\b"));
    static YEN: LazyLock<AsciiFast> =
        LazyLock::new(|| AsciiFast::new(r"(?i)\b(?:yen|jpy|japan|japanese)\b"));
    YUAN.get(text).is_match(text) && !YEN.get(text).is_match(text)
}

/// Figures of one sentence (byte offsets relative to it).
fn sentence_figures(s: &str, yen_is_yuan: bool) -> Vec<(Cand, Option<String>)> {
    let mut cands = Vec::new();
    let p = Probe::of(s);
    money(s, &p, yen_is_yuan, &mut cands);
    pence(s, &p, &mut cands);
    percents(s, &p, &mut cands);
    fraction_points(s, &p, &mut cands);
    multiples(s, &p, &mut cands);
    power(s, &p, &mut cands);
    index_points(s, &p, &mut cands);
    counts(s, &p, &mut cands);
    let cands = merge_ranges(s, select(cands));

    let mut out: Vec<(Cand, Option<String>)> = Vec::with_capacity(cands.len());
    let mut prev_end = 0usize;
    let mut prev_dir: Option<(Class, &'static str, i8)> = None;
    let starts: Vec<usize> = cands.iter().map(|c| c.s).collect();
    for (i, mut k) in cands.into_iter().enumerate() {
        let next_start = starts.get(i + 1).copied().unwrap_or(s.len());
        let whole = (0, s.len());
        let before = &s[..k.s];
        let ascii = !p.non_ascii || before.is_ascii();
        let (qual, qual_start) = match qualifier_of(before, ascii) {
            Some(q) => {
                let q_text = before[q.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                (Some(q_text), q.start)
            }
            None => (None, k.s),
        };
        let floor = prev_end.min(qual_start);
        let dir = match k.class {
            Class::Percent | Class::Points => {
                let mut d = direction_of(s, &k, qual_start, floor);
                if d == 0 {
                    // "declined 4% from FY25 and 8% from the preceding quarter"
                    if let Some((pc, pu, pd)) = prev_dir {
                        let gap = &s[prev_end.min(k.s)..k.s];
                        if pc == k.class
                            && pu == k.unit
                            && pd != 0
                            && gap.split_whitespace().count() <= 8
                            && gap.split_whitespace().any(|w| w == "and" || w == "while")
                        {
                            d = pd;
                        }
                    }
                }
                d
            }
            Class::Streak => {
                let d = k.dir.unwrap_or_else(|| {
                    let we = words_after(s, k.e, 3, s.len());
                    let after = last_direction(&s[k.e..we]);
                    if after != 0 {
                        after
                    } else {
                        let ws = words_before(s, qual_start, 6, floor);
                        last_direction(&s[ws..qual_start])
                    }
                });
                if d < 0 {
                    -1
                } else {
                    1
                }
            }
            Class::Money | Class::Multiple => {
                // only a move verb right before the amount: "rose by $5 billion"
                let b = before_skipping_qualifier(s, k.s);
                let mut words = b.split_whitespace().rev();
                let mut w = words.next().unwrap_or("");
                if w.eq_ignore_ascii_case("by") {
                    w = words.next().unwrap_or("");
                }
                if !b.ends_with(char::is_whitespace) {
                    0
                } else {
                    last_direction(w)
                }
            }
            _ => 0,
        };
        let measure = match k.class {
            Class::Money => {
                // nearest keyword between the neighbouring figures, then anywhere near
                let mut memo = MeasureMemo::default();
                let mut nearest =
                    |n, bounds| memo.nearest(s, &k, qual_start, &MONEY_MEASURES, n, bounds);
                let near = nearest(12, (prev_end, next_start))
                    .or_else(|| nearest(12, whole))
                    .or_else(|| nearest(80, whole));
                if SHARE_AFTER.get(&s[k.e..]).is_match(&s[k.e..]) {
                    // "$1.57 a share" after net income is earnings per share
                    match nearest(10, whole) {
                        Some("Profit" | "EarningsPerShare") => Some("EarningsPerShare"),
                        Some("Dividend") => Some("Dividend"),
                        Some("PriceTarget") => Some("PriceTarget"),
                        _ => Some("SharePrice"),
                    }
                } else if UNIT_PRICE_AFTER.get(&s[k.e..]).is_match(&s[k.e..]) {
                    Some("Price")
                } else if k.scale.is_none()
                    && k.value < 100_000.0
                    && share_price_context(s, qual_start)
                {
                    Some("SharePrice")
                } else {
                    near
                }
            }
            Class::Percent => {
                if k.unit == "percent" && dir != 0 {
                    Some("PercentChange")
                } else if dir != 0 {
                    Some("PointChange")
                } else {
                    nearest_measure(
                        s,
                        &k,
                        qual_start,
                        &PERCENT_MEASURES,
                        4,
                        (prev_end, next_start),
                    )
                }
            }
            Class::Multiple => {
                let lower = s.to_lowercase();
                let fold = s[k.s..k.e].to_lowercase().contains("fold");
                if fold {
                    None
                } else if earnings_sentence(s) {
                    Some("ForwardPE")
                } else if lower.contains("book value") || lower.contains("price-to-book") {
                    Some("PriceToBook")
                } else if lower.contains("sales") {
                    Some("PriceToSales")
                } else if VALUATION_SENTENCE.get(s).is_match(s) {
                    Some("Valuation")
                } else {
                    None
                }
            }
            Class::Streak => Some(if dir < 0 {
                "LosingStreak"
            } else {
                "WinningStreak"
            }),
            Class::Points => (dir != 0).then_some("IndexChange"),
            _ => k.measure,
        };
        k.measure = measure;
        k.dir = Some(dir);
        prev_end = k.e;
        if matches!(k.class, Class::Percent | Class::Points) {
            prev_dir = Some((k.class, k.unit, dir));
        }
        out.push((k, qual));
    }
    out
}

/// All figures of a document's body, sorted by span.
pub fn extract(doc: &Document) -> Vec<Figure> {
    let text = doc.text();
    // only a yen sign asks what the yen sign means (one-character searches
    // run on memchr; a character-set search decodes every character)
    let yen_is_yuan = (text.contains('¥') || text.contains('￥')) && yen_means_yuan(text);
    let bodies = doc.body_spans();
    let units: Vec<Span> = if doc.sentences.is_empty() {
        bodies.clone()
    } else {
        doc.sentences
            .iter()
            .map(|s| s.span)
            .filter(|sp| bodies.iter().any(|b| b.contains(*sp)))
            .collect()
    };
    let mut figures = Vec::new();
    for unit in units {
        let r = doc.bytes(unit);
        let Some(s) = text.get(r.clone()) else {
            continue;
        };
        for (k, qualifier) in sentence_figures(s, yen_is_yuan) {
            let value = match k.class {
                Class::Money => FigureValue::Money {
                    currency: k.unit.to_string(),
                    value: k.value,
                },
                _ => FigureValue::Quantity {
                    unit: k.unit.to_string(),
                    value: k.value,
                },
            };
            figures.push(Figure {
                span: doc.span(r.start + k.s, r.start + k.e),
                value,
                upper: k.upper,
                qualifier,
                measure: k.measure.map(str::to_string),
                direction: k.dir.unwrap_or(0),
                extractor: EXTRACTOR,
                confidence: k.conf,
            });
        }
    }
    figures.sort_by_key(|f| f.span);
    let mut out: Vec<Figure> = Vec::with_capacity(figures.len());
    for f in figures {
        if out.last().is_some_and(|l: &Figure| l.span.overlaps(f.span)) {
            continue;
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;
    use crate::extract::sentences::SentenceSplitter;
    use crate::extract::zones::Zoner;
    use chrono::NaiveDate;

    fn doc(body: &str) -> Document {
        let text = format!("Test Headline For Figures\n\n{body}\n");
        let mut d = Document::new(
            text,
            Meta {
                date: NaiveDate::from_ymd_opt(2025, 9, 17),
                ..Default::default()
            },
        );
        Zoner.run(&mut d);
        SentenceSplitter.run(&mut d);
        FigureExtractor.run(&mut d);
        d
    }

    fn texts(d: &Document) -> Vec<&str> {
        d.figures.iter().map(|f| d.slice(f.span)).collect()
    }

    fn find<'a>(d: &'a Document, t: &str) -> &'a Figure {
        d.figures
            .iter()
            .find(|f| d.slice(f.span) == t)
            .unwrap_or_else(|| panic!("no figure {t:?} in {:?}", texts(d)))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * b.abs().max(1.0)
    }

    fn money_of(f: &Figure) -> (&str, f64) {
        match &f.value {
            FigureValue::Money { currency, value } => (currency.as_str(), *value),
            v => panic!("not money: {v:?}"),
        }
    }

    fn qty_of(f: &Figure) -> (&str, f64) {
        match &f.value {
            FigureValue::Quantity { unit, value } => (unit.as_str(), *value),
            v => panic!("not a quantity: {v:?}"),
        }
    }

    #[test]
    fn decimal_scaling_is_exact() {
        let d = Dec::parse("1.27").unwrap();
        assert_eq!(d.scaled(9), 1_270_000_000.0);
        assert_eq!(Dec::parse("3.2").unwrap().scaled(9), 3_200_000_000.0);
        assert_eq!(Dec::parse("1.8").unwrap().scaled(12), 1.8e12);
        assert_eq!(Dec::parse("142.4").unwrap().value(), 142.4);
        assert_eq!(Dec::parse("3,000").unwrap().value(), 3000.0);
        assert_eq!(Dec::parse("618.5").unwrap().scaled(6), 618_500_000.0);
        assert!(Dec::parse("99999999999999999999999999999999999999999").is_none());
        assert_eq!(word_value("twenty-five"), Some(25));
        assert_eq!(ordinal_value("eighth"), Some(8));
        assert_eq!(ordinal_value("7th"), Some(7));
    }

    #[test]
    fn money_with_qualifier_and_scale() {
        let d = doc("Tencent on Wednesday said it planned to issue debt to raise about $1.27 billion for cloud work.");
        let f = find(&d, "$1.27 billion");
        assert_eq!(money_of(f), ("USD", 1_270_000_000.0));
        assert_eq!(f.qualifier.as_deref(), Some("about"));
        assert_eq!(f.measure.as_deref(), Some("IssueSize"));
        assert_eq!(f.direction, 0);
        assert!((f.confidence - 0.9).abs() < 1e-6);
    }

    #[test]
    fn money_exact_values_and_issue_size() {
        let d = doc("Alibaba collected $3.2 billion last week through a sizable convertible bond sale to investors.");
        let f = find(&d, "$3.2 billion");
        assert_eq!(money_of(f).1, 3.2e9);
        assert_eq!(f.measure.as_deref(), Some("IssueSize"));
    }

    #[test]
    fn yuan_amounts_and_parenthesised_dollars() {
        let d = doc("Tencent tapped the offshore yuan market on Tuesday, issuing 9 billion yuan ($1.27 billion) in so-called dim sum bonds.");
        assert_eq!(money_of(find(&d, "9 billion yuan")), ("CNY", 9e9));
        let f = find(&d, "$1.27 billion");
        assert!(close(money_of(f).1, 1.27e9));
        assert_eq!(f.measure.as_deref(), Some("IssueSize"));
    }

    #[test]
    fn market_cap_trillion_yuan_with_exceeding() {
        let d = doc("CATL surged over 5% at one point, reaching new highs with a total market capitalization exceeding 1.8 trillion yuan, surpassing Moutai.");
        let f = find(&d, "1.8 trillion yuan");
        assert_eq!(money_of(f), ("CNY", 1.8e12));
        assert_eq!(f.qualifier.as_deref(), Some("exceeding"));
        assert_eq!(f.measure.as_deref(), Some("MarketCap"));
        let p = find(&d, "5%");
        assert_eq!(qty_of(p), ("percent", 5.0));
        assert_eq!(p.qualifier.as_deref(), Some("over"));
        assert_eq!(p.measure.as_deref(), Some("PercentChange"));
        assert_eq!(p.direction, 1);
    }

    #[test]
    fn share_prices_in_yuan_and_hong_kong_dollars() {
        let d = doc("By midday close, it traded at 398.86 yuan per share while JD.com was trading at 142.4 Hong Kong dollars per share.");
        let a = find(&d, "398.86 yuan");
        assert_eq!(money_of(a), ("CNY", 398.86));
        assert_eq!(a.measure.as_deref(), Some("SharePrice"));
        let b = find(&d, "142.4 Hong Kong dollars");
        assert_eq!(money_of(b), ("HKD", 142.4));
        assert_eq!(b.measure.as_deref(), Some("SharePrice"));
    }

    #[test]
    fn adjectival_trillion_yuan_without_number() {
        let d = doc("The company will keep investing over the next three years to drive a trillion-yuan artificial intelligence ecosystem.");
        let f = find(&d, "trillion-yuan");
        assert_eq!(money_of(f), ("CNY", 1e12));
        assert_eq!(f.measure.as_deref(), Some("Capex"));
        assert!(!texts(&d).contains(&"three years"));
    }

    #[test]
    fn currency_prefixes_and_codes() {
        let d = doc("The fund raised US$5m, then HK$10bn, then £231.9 million and €3bn, while a rival paid UK£3.5m for the stake.");
        assert_eq!(money_of(find(&d, "US$5m")), ("USD", 5e6));
        assert_eq!(money_of(find(&d, "HK$10bn")), ("HKD", 1e10));
        assert_eq!(money_of(find(&d, "£231.9 million")), ("GBP", 231_900_000.0));
        assert_eq!(money_of(find(&d, "€3bn")), ("EUR", 3e9));
        assert_eq!(money_of(find(&d, "UK£3.5m")), ("GBP", 3.5e6));
        let d = doc("Singapore's bank paid S$2 billion, Sydney paid A$3 million and Toronto paid C$4 million in total.");
        assert_eq!(money_of(find(&d, "S$2 billion")).0, "SGD");
        assert_eq!(money_of(find(&d, "A$3 million")).0, "AUD");
        assert_eq!(money_of(find(&d, "C$4 million")).0, "CAD");
        let d = doc("TSMC spent NT$100 billion and the Indian unit spent Rs 500 crore on new factories this year.");
        assert_eq!(money_of(find(&d, "NT$100 billion")), ("TWD", 1e11));
        assert_eq!(money_of(find(&d, "Rs 500 crore")), ("INR", 5e9));
        let d = doc("The deal was worth USD 5 million, and another was priced at 7 million USD by the lenders.");
        assert_eq!(money_of(find(&d, "USD 5 million")), ("USD", 5e6));
        assert_eq!(money_of(find(&d, "7 million USD")), ("USD", 7e6));
    }

    #[test]
    fn yen_sign_is_jpy_unless_the_article_is_about_yuan() {
        let d =
            doc("The Tokyo retailer said each item will cost ¥100 at its new stores next month.");
        assert_eq!(money_of(find(&d, "¥100")).0, "JPY");
        let d = doc("The Shanghai retailer said each item will cost ¥100, or about 14 yuan less than before.");
        assert_eq!(money_of(find(&d, "¥100")).0, "CNY");
    }

    #[test]
    fn currency_words_after_numbers() {
        let d = doc("Samsung will invest 5 trillion won while Sony spends 300 billion yen and Siemens 2 billion euros on plants.");
        assert_eq!(money_of(find(&d, "5 trillion won")), ("KRW", 5e12));
        assert_eq!(money_of(find(&d, "300 billion yen")), ("JPY", 3e11));
        assert_eq!(money_of(find(&d, "2 billion euros")), ("EUR", 2e9));
        let d = doc("The club paid 40 million pounds sterling and sold assets for 3 million Singapore dollars last year.");
        assert_eq!(money_of(find(&d, "40 million pounds sterling")).0, "GBP");
        assert_eq!(money_of(find(&d, "3 million Singapore dollars")).0, "SGD");
        let d = doc(
            "The parcel weighed 500 pounds and the driver said the team won the cup easily again.",
        );
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Investors poured 20 million dollars into the fund, and 10 billion rupees into Indian bonds.");
        assert_eq!(money_of(find(&d, "20 million dollars")).0, "USD");
        assert_eq!(money_of(find(&d, "10 billion rupees")).0, "INR");
    }

    #[test]
    fn percentages_and_points() {
        let d = doc("Meituan rose 4.2 percent, Baidu gained 3 per cent and JD.com was trading 5.15% higher on the day.");
        let f = find(&d, "4.2 percent");
        assert_eq!(qty_of(f), ("percent", 4.2));
        assert_eq!(f.direction, 1);
        assert_eq!(qty_of(find(&d, "3 per cent")).1, 3.0);
        let h = find(&d, "5.15%");
        assert_eq!(h.direction, 1);
        assert_eq!(h.measure.as_deref(), Some("PercentChange"));
        let d = doc("The central bank cut rates by 50 bps after yields fell 2 percentage points and spreads widened 25 basis points.");
        assert_eq!(qty_of(find(&d, "50 bps")), ("basis-point", 50.0));
        let pp = find(&d, "2 percentage points");
        assert_eq!(qty_of(pp), ("percentage-point", 2.0));
        assert_eq!(pp.direction, -1);
        assert_eq!(qty_of(find(&d, "25 basis points")).0, "basis-point");
    }

    #[test]
    fn falls_have_negative_direction_and_positive_value() {
        let d = doc("Net trading revenue of £231.9 million declined 4% from the period in FY25 and 8% from the preceding quarter.");
        let f = find(&d, "4%");
        assert_eq!(f.direction, -1);
        assert_eq!(qty_of(f).1, 4.0);
        assert_eq!(find(&d, "8%").direction, -1);
        let r = find(&d, "£231.9 million");
        assert_eq!(r.measure.as_deref(), Some("Revenue"));
        assert_eq!(r.direction, 0);
        let d = doc(
            "Shares of the carmaker slid 3.5% while the broader market was down 1.2% by the close.",
        );
        assert_eq!(find(&d, "3.5%").direction, -1);
        assert_eq!(find(&d, "1.2%").direction, -1);
    }

    #[test]
    fn gain_after_the_number_and_up_to_qualifier() {
        let d = doc("Baidu Inc. led the advance with a 16% gain, and peers could rise up to 5% tomorrow morning.");
        let g = find(&d, "16%");
        assert_eq!(g.direction, 1);
        let u = find(&d, "5%");
        assert_eq!(u.qualifier.as_deref(), Some("up to"));
        assert_eq!(u.direction, 1);
        let d =
            doc("Baidu posted a jaw-dropping 16% gain in a single day of trading in Hong Kong.");
        assert_eq!(find(&d, "16%").direction, 1);
    }

    #[test]
    fn ranges_become_one_figure() {
        let d = doc("The company expects capital spending of $70 billion to $72 billion next year, above forecasts.");
        let f = find(&d, "$70 billion to $72 billion");
        assert_eq!(money_of(f).1, 7e10);
        assert_eq!(f.upper, Some(7.2e10));
        let d = doc(
            "Analysts see growth of 5%-7% this year and margins between 3% and 4% over the period.",
        );
        let g = find(&d, "5%-7%");
        assert_eq!(qty_of(g).1, 5.0);
        assert_eq!(g.upper, Some(7.0));
        let m = find(&d, "3% and 4%");
        assert_eq!(m.upper, Some(4.0));
        let d = doc(
            "The company expects revenue of $70-72 billion and growth of 5-7% in the coming year.",
        );
        assert_eq!(find(&d, "$70-72 billion").upper, Some(7.2e10));
        assert_eq!(find(&d, "5-7%").upper, Some(7.0));
        let d = doc("The bank raised its forecast for growth from 3% to 4% after the strong data on Monday.");
        assert!(
            d.figures.iter().all(|f| f.upper.is_none()),
            "{:?}",
            d.figures
        );
    }

    #[test]
    fn multiples_with_valuation_context() {
        let d = doc("On valuation, the Hang Seng Tech Index trades at about 21 times projected earnings, below its five-year average of 23.3 times and under the Nasdaq 100’s multiple of 27 times.");
        let a = find(&d, "21 times");
        assert_eq!(qty_of(a), ("times", 21.0));
        assert_eq!(a.qualifier.as_deref(), Some("about"));
        assert_eq!(a.measure.as_deref(), Some("ForwardPE"));
        assert_eq!(qty_of(find(&d, "23.3 times")).1, 23.3);
        assert_eq!(qty_of(find(&d, "27 times")).1, 27.0);
        assert!(
            !texts(&d).iter().any(|t| t.contains("100")),
            "{:?}",
            texts(&d)
        );
        assert!(
            !texts(&d).iter().any(|t| t.contains("five")),
            "{:?}",
            texts(&d)
        );
        assert!((a.confidence - 0.7).abs() < 1e-6);
    }

    #[test]
    fn x_suffix_fold_and_historical_average() {
        let d = doc("At 21x forward earnings, the index is a bargain compared to the Nasdaq 100’s 27x valuation.");
        assert_eq!(qty_of(find(&d, "21x")), ("times", 21.0));
        assert_eq!(qty_of(find(&d, "27x")), ("times", 27.0));
        let d = doc("Wu projected that by 2032 data center power consumption will increase tenfold, and storage two-fold.");
        assert_eq!(qty_of(find(&d, "tenfold")), ("times", 10.0));
        assert_eq!(qty_of(find(&d, "two-fold")), ("times", 2.0));
        assert_eq!(find(&d, "tenfold").direction, 1);
        let d = doc("In terms of valuation, the index now trades at 21.5 times forward earnings estimates, above its three-year average of 18.");
        assert_eq!(qty_of(find(&d, "18")), ("times", 18.0));
        assert_eq!(qty_of(find(&d, "21.5 times")).1, 21.5);
        assert!(!texts(&d).iter().any(|t| t.contains("three")));
    }

    #[test]
    fn frequencies_are_not_multiples() {
        let d = doc(
            "Patients take the pill three times a day and visit the clinic four times in a year.",
        );
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("The committee met 12 times last year, and the average of 18 was reported by the members.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
    }

    #[test]
    fn counts_with_their_noun() {
        let d = doc("Against this backdrop, although over 3,000 stocks declined across the market, the index still rose.");
        let f = find(&d, "3,000 stocks");
        assert_eq!(qty_of(f), ("count", 3000.0));
        assert_eq!(f.qualifier.as_deref(), Some("over"));
        let d = doc("Subsequently, Xu Ran demonstrated ordering 100 cups of coffee for 1,694 yuan from his own account.");
        assert_eq!(qty_of(find(&d, "100 cups")).1, 100.0);
        assert_eq!(money_of(find(&d, "1,694 yuan")), ("CNY", 1694.0));
        let d = doc("Bank of America noted that by 19 of the 20 internal indicators it tracks, valuations look expensive, with four metrics reaching highs.");
        assert_eq!(qty_of(find(&d, "19")).1, 19.0);
        assert_eq!(qty_of(find(&d, "20 internal indicators")).1, 20.0);
        assert_eq!(qty_of(find(&d, "four metrics")).1, 4.0);
        let d = doc(
            "The carmaker sold 3.5 million vehicles last year, up from a year earlier in China.",
        );
        assert_eq!(qty_of(find(&d, "3.5 million vehicles")).1, 3.5e6);
    }

    #[test]
    fn anaphoric_and_generic_spelled_counts_are_excluded() {
        let d = doc("Today's trading session saw two major drivers for batteries and artificial intelligence overall.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Reports predict growth will continue until 2030, when the four companies’ combined spending may rise.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Officials from both countries have set a framework, and the three analysts agreed with it.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
    }

    #[test]
    fn streaks() {
        let d = doc("The index has marked the 7th straight week in gains due to easing tensions between the two sides.");
        let f = find(&d, "7th straight week");
        assert_eq!(qty_of(f), ("count", 7.0));
        assert_eq!(f.measure.as_deref(), Some("WinningStreak"));
        assert_eq!(f.direction, 1);
        let d = doc("Perhaps the most compelling part is the momentum, as seven straight weeks of gains don’t happen by accident.");
        assert_eq!(qty_of(find(&d, "seven straight weeks")).1, 7.0);
        let d = doc("The index, which tracks technology companies, is now set for its eighth consecutive weekly advance this week.");
        let e = find(&d, "eighth consecutive weekly advance");
        assert_eq!(qty_of(e).1, 8.0);
        assert_eq!(e.measure.as_deref(), Some("WinningStreak"));
        let d = doc("The stock fell for a third straight session and extended its five-day losing streak on Friday.");
        assert_eq!(find(&d, "third straight session").direction, -1);
        let l = find(&d, "five-day losing streak");
        assert_eq!(l.measure.as_deref(), Some("LosingStreak"));
        assert_eq!(qty_of(l).1, 5.0);
    }

    #[test]
    fn power_and_percentile() {
        let d = doc("Morgan Stanley predicted that the cloud unit will add over 3 gigawatts of new data center capacity annually.");
        let f = find(&d, "3 gigawatts");
        assert_eq!(qty_of(f), ("GW", 3.0));
        assert_eq!(f.qualifier.as_deref(), Some("over"));
        let d = doc(
            "The utility will build 500 MW of solar and a 3 GW wind farm in the northern region.",
        );
        assert_eq!(qty_of(find(&d, "500 MW")), ("MW", 500.0));
        assert_eq!(qty_of(find(&d, "3 GW")), ("GW", 3.0));
        let d = doc("Hedge fund positioning in AI stocks has reached the 90th percentile in crowding, Goldman Sachs said.");
        assert_eq!(qty_of(find(&d, "90th percentile")), ("percent", 90.0));
    }

    #[test]
    fn index_levels_and_points() {
        let d = doc("Japan’s Nikkei 225 notched a fresh record on Thursday at 45,754.93, marking gains for the index.");
        let f = find(&d, "45,754.93");
        assert_eq!(qty_of(f), ("index-points", 45754.93));
        assert!(!texts(&d).contains(&"225"));
        let d = doc("The Dow Jones Industrial Average fell 300 points as investors sold bank shares heavily.");
        let p = find(&d, "300 points");
        assert_eq!(qty_of(p).0, "index-points");
        assert_eq!(p.direction, -1);
    }

    #[test]
    fn years_dates_durations_and_names_are_excluded() {
        let d = doc("Their 2024 capital expenditures exceeded $200 billion, with 2025 expected to approach $400 billion by mid-2024 levels.");
        assert_eq!(texts(&d), vec!["$200 billion", "$400 billion"]);
        let d = doc("The S&P 500 has changed significantly compared to the 1980s, 1990s, and early 2000s, noted the strategist.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Markets showed renewed strength on the morning of September 25th, after a four-year high and a 14-day rally.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("CATL supported the CSI 300, while Cambricon supported the STAR 50 and ChiNext 50 gauges on the day.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Xiaomi will release the Xiaomi 17 to compete with the iPhone 17 and Nikkei 225 stocks, the FTSE 100 and Russell 2000 firms.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Leaders of the G20 met in Q1 to discuss FY26 plans after Covid-19 hit over the next three years.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
    }

    #[test]
    fn tickers_times_and_list_numbers_are_excluded() {
        let d = doc("The index was led by JD.com Inc. (JD, 9618.HK) and smartphone maker Xiaomi (1810.HK, XIACF) today.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Trading in HK:1347 resumed at 05:36 ET after a halt, the exchange said in a statement.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Here is what investors should do now.\n\n1. Research the players: look into companies like Baidu and Alibaba.\n2. Assess valuations: compare Chinese tech stocks to global peers.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
    }

    #[test]
    fn only_body_text_is_mined() {
        let d = doc("Chinese technology shares rallied on Wednesday as renewed AI bets lifted the index higher.\n\nJoin Bybit now and claim a $50 bonus in minutes\n\nDisclaimer: Investing carries risk of losing 100% of your money.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
    }

    #[test]
    fn percent_change_measure_and_sorting() {
        let d = doc("E-commerce juggernauts climbed too, with Alibaba Group up 5.3%, Meituan rising 4.9% and JD.com trading 5.15% higher.");
        assert_eq!(texts(&d), vec!["5.3%", "4.9%", "5.15%"]);
        assert!(d.figures.iter().all(|f| f.direction == 1));
        assert!(d
            .figures
            .iter()
            .all(|f| f.measure.as_deref() == Some("PercentChange")));
        assert!(d
            .figures
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start));
        let d = doc("Even with recent strength, the Hong Kong tech gauge would still need to rise about 70% to revisit its record.");
        let f = find(&d, "70%");
        assert_eq!(f.qualifier.as_deref(), Some("about"));
        let d = doc("These developments helped push the benchmark’s year-to-date gain to about 44% this week.");
        assert_eq!(find(&d, "44%").direction, 1);
    }

    #[test]
    fn capex_measure() {
        let d = doc("Microsoft and Meta said their capital expenditures exceeded $200 billion in total last year.");
        assert_eq!(find(&d, "$200 billion").measure.as_deref(), Some("Capex"));
        let d =
            doc("Goldman Sachs raised its price target to $150 on the stock after the results.");
        assert_eq!(find(&d, "$150").measure.as_deref(), Some("PriceTarget"));
    }

    #[test]
    fn no_panic_on_unicode_and_odd_input() {
        for t in [
            "来源 Cryptopolitan 说 股价上涨 5% 以及 ¥ 和 $ 和 ５% and 3\u{a0}billion yuan plus ‘nine’ times.",
            "$ % x × 1, 2. 3- -4 5–6 7to 8 ... trillion- -fold .5% 1.2.3 $1.2.3bn",
            "Prices rose 5\u{a0}% on “Wednesday’s” jump — the 3rd straight day — to 1,000,000,000,000,000,000,000,000,000,000,000,000,000,000 yuan.",
            "¥¥¥ 99999999999999999999999999999999999999999999 percent of 1e9 dollars",
        ] {
            let d = doc(t);
            for f in &d.figures {
                let _ = d.slice(f.span);
            }
        }
        let d = doc("Prices rose 5\u{a0}% on the day, and the firm raised 3\u{a0}billion yuan in a bond sale.");
        assert_eq!(qty_of(find(&d, "5\u{a0}%")).1, 5.0);
        assert_eq!(money_of(find(&d, "3\u{a0}billion yuan")).1, 3e9);
    }

    #[test]
    fn per_share_earnings_prices_and_deals() {
        let d = doc("Apple reported revenue of $94.9 billion, and net income rose to $23.4 billion, or $1.57 a share, in the quarter.");
        assert_eq!(
            find(&d, "$94.9 billion").measure.as_deref(),
            Some("Revenue")
        );
        assert_eq!(find(&d, "$23.4 billion").measure.as_deref(), Some("Profit"));
        assert_eq!(
            find(&d, "$1.57").measure.as_deref(),
            Some("EarningsPerShare")
        );
        let d = doc(
            "Revenue for fiscal 2025 is expected at $12 billion, with EPS of $3.10 for the year.",
        );
        assert_eq!(find(&d, "$12 billion").measure.as_deref(), Some("Revenue"));
        assert_eq!(
            find(&d, "$3.10").measure.as_deref(),
            Some("EarningsPerShare")
        );
        let d = doc("Nvidia shares fell 3.5% to $176.24 in New York, and Rio shares climbed to 5,400 pence in London.");
        assert_eq!(find(&d, "$176.24").measure.as_deref(), Some("SharePrice"));
        let p = find(&d, "5,400 pence");
        assert_eq!(money_of(p), ("GBP", 54.0));
        let d = doc("Oil rose 2% to $85 a barrel, the company approved a $10 billion buyback and agreed a deal worth about $5bn.");
        assert_eq!(find(&d, "$85").measure.as_deref(), Some("Price"));
        assert_eq!(find(&d, "$10 billion").measure.as_deref(), Some("Buyback"));
        assert_eq!(find(&d, "$5bn").measure.as_deref(), Some("DealValue"));
        let d = doc("The deal values the startup at $30 billion, or roughly 25x its annual revenue of $1.2bn.");
        assert_eq!(
            find(&d, "$30 billion").measure.as_deref(),
            Some("Valuation")
        );
        assert_eq!(find(&d, "25x").qualifier.as_deref(), Some("roughly"));
    }

    #[test]
    fn fractional_points_levels_and_ranks() {
        let d = doc("The central bank raised rates by a quarter point, and by half a percentage point in June, to 5.5%.");
        assert_eq!(
            qty_of(find(&d, "quarter point")),
            ("percentage-point", 0.25)
        );
        assert_eq!(qty_of(find(&d, "half a percentage point")).1, 0.5);
        let d = doc("In Europe, the Stoxx 600 closed 0.6% lower at 553.41 points, and Germany's DAX lost 120 points.");
        let l = find(&d, "553.41 points");
        assert_eq!(l.measure.as_deref(), Some("IndexLevel"));
        assert_eq!(l.direction, 0);
        assert_eq!(find(&d, "0.6%").direction, -1);
        assert!(!texts(&d).contains(&"600"));
        let d = doc("The 45-year-old chief said the No. 2 carmaker is among the top 10 brands and runs 24/7 operations.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
        let d = doc("Boeing delivered 737 Max jets while Sony sold PS5 consoles alongside Nvidia RTX 5090 chips and 5G phones.");
        assert!(d.figures.is_empty(), "{:?}", texts(&d));
    }

    /// Random token soup with multi-byte characters next to every pattern's edges.
    #[test]
    fn fuzz_never_panics() {
        const TOKENS: &[&str] = &[
            "$",
            "US$",
            "HK$",
            "£",
            "€",
            "¥",
            "₹",
            "—",
            "–",
            "-",
            "−",
            "’",
            "“",
            "”",
            "\u{a0}",
            "中",
            "股",
            " ",
            " ",
            " ",
            ",",
            ".",
            ":",
            "/",
            "%",
            "x",
            "×",
            "(",
            ")",
            "1",
            "2.5",
            "3,000",
            "2025",
            "17",
            "24th",
            "7th",
            "billion",
            "bn",
            "m",
            "yuan",
            "dollars",
            "Hong Kong",
            "percent",
            "points",
            "times",
            "fold",
            "ten",
            "seven",
            "straight",
            "weeks",
            "on",
            "Wednesday",
            "last",
            "week",
            "September",
            "Sep",
            "in",
            "Q1",
            "FY26",
            "mid-",
            "rose",
            "fell",
            "about",
            "over",
            "to",
            "and",
            "between",
            "average of",
            "stocks",
            "GW",
            "per share",
            "today",
            "ago",
            "a",
            "year",
        ];
        let mut rng = crate::text::XorShift(0x9e3779b97f4a7c15);
        for _ in 0..400 {
            let mut t = String::new();
            for _ in 0..40 {
                let r = rng.next_u64();
                t.push_str(TOKENS[(r % TOKENS.len() as u64) as usize]);
                if r.is_multiple_of(3) {
                    t.push(' ');
                }
            }
            let d = doc(&t);
            for x in &d.figures {
                let _ = d.slice(x.span);
            }
        }
    }

    /// Holds every pattern's pre-check (as the extractor computes it) on `t`.
    fn assert_gates(t: &str) {
        let p = Probe::of(t);
        let checks: [(&str, &AsciiFast, bool); 19] = [
            ("MONEY_PRE", &MONEY_PRE, p.money_pre()),
            ("MONEY_SUF", &MONEY_SUF, p.money_suf()),
            ("MONEY_NUMLESS", &MONEY_NUMLESS, p.has(W_ILLION)),
            ("PERCENT", &PERCENT, p.percent(t)),
            ("PERCENTILE", &PERCENTILE, p.digit && p.has(W_PERCENTILE)),
            (
                "FRACTION_POINT",
                &FRACTION_POINT,
                p.has(W_POINT) && p.has(W_FRACTION),
            ),
            ("PENCE", &PENCE, p.digit && (p.digit_p || p.has(W_PENCE))),
            ("MULT_X", &MULT_X, p.digit && p.digit_x),
            ("MULT_TIMES", &MULT_TIMES, p.number() && p.has(W_TIMES)),
            ("MULT_FOLD", &MULT_FOLD, p.number() && t.contains("fold")),
            ("AVERAGE_OF", &AVERAGE_OF, p.digit && p.has(W_AVERAGE)),
            ("POWER", &POWER, p.digit && (p.watt_code || p.has(W_WATT))),
            ("POINTS", &POINTS, p.digit && p.has(W_POINT)),
            ("LEVEL", &LEVEL, p.digit && p.digit_punct),
            ("COUNT_DIGITS", &COUNT_DIGITS, p.digit),
            ("COUNT_WORDS", &COUNT_WORDS, p.numword),
            ("OF_THE", &OF_THE, p.digit_of),
            ("STREAK", &STREAK, p.number() && p.has(W_STREAK)),
            ("STREAK_RUN", &STREAK_RUN, p.number() && p.has(W_RUN)),
        ];
        for (name, r, may) in checks {
            crate::extract::pattern::assert_gate(name, r, may, t);
        }
    }

    /// The pre-checks are necessary conditions: whenever one rules a pattern
    /// out, the pattern indeed finds nothing.
    #[test]
    fn probe_never_rules_out_a_match() {
        const TOKENS: &[&str] = &[
            "1",
            "25",
            "3,000",
            "4.5",
            "٣",
            "５",
            "One",
            "TWELFTH",
            "twenty-one",
            "Thirteenth",
            "hundredfold",
            "thousand",
            "ſix",
            "ſeven",
            "\u{212A}",
            "é",
            "_",
            "-",
            "–",
            "×",
            "％",
            "%",
            "\u{a0}",
            " ",
            " ",
            " ",
            ",",
            ".",
            "$",
            "US$",
            "£",
            "€",
            "¥",
            "₹",
            "Rs",
            "Rs.",
            "USD",
            "RMB",
            "CHF",
            "NZD",
            "ABC",
            "HK",
            "U.S.",
            "US",
            "Swiss francs",
            "XUSD",
            "fivepercent",
            "TENpct",
            "x",
            "X",
            "p",
            "pence",
            "GW",
            "kW",
            "MWh",
            "megawatts",
            "percentile",
            "th",
            "quarter",
            "half",
            "a",
            "point",
            "points",
            "percentage",
            "times",
            "fold",
            "average",
            "of",
            "the",
            "straight",
            "consecutive",
            "weeks",
            "day",
            "winning",
            "streak",
            "run",
            "million",
            "billion",
            "yuan",
            "dollars",
            "won",
            "percent",
            "pct",
            "bps",
            "at",
            "index",
            "companies",
            "seven",
            "ten",
            "first",
            "second",
            "dollars",
            "Dollars",
            "yen",
            "Hong Kong",
            "pounds",
            "sterling",
            "lira",
            "rand",
            "pct",
            "per",
            "cent",
            "pp",
            "bp",
            "basis",
            "trillion",
            "gigawatt",
            "back-to-back",
            "successive",
            "half",
            "its",
            "five",
            "\n",
            "\t",
            "of the",
            "runs",
        ];
        for t in crate::text::token_sentences(TOKENS, 12, 20000) {
            assert_gates(&t);
        }
        // every currency word and percent unit, after numbers and number words
        let alternatives = |p: &str| -> Vec<String> {
            p.trim_start_matches("(?:")
                .trim_end_matches(')')
                .split('|')
                .map(|a| {
                    a.replace(r"\s+", " ")
                        .replace(r"(?:\s|-)", " ")
                        .replace('\\', "")
                })
                .collect()
        };
        let mut units = alternatives(CURWORDS);
        units.extend(
            [
                "%",
                "percent",
                "per cent",
                "pct",
                "percentage points",
                "pp",
                "ppt",
                "ppts",
            ]
            .map(String::from),
        );
        units
            .extend(["basis-point", "bps", "bp", "Percent", "dollar", "Dollars"].map(String::from));
        for u in units {
            for n in [
                "5",
                "5 million",
                "5bn",
                "5-",
                "five",
                "FIVE",
                "ten-",
                "5 to 7",
            ] {
                for sep in [" ", "", "-", "\n"] {
                    for t in [format!("{n}{sep}{u}"), format!("paid {n}{sep}{u}s.")] {
                        assert_gates(&t);
                    }
                }
            }
        }
        for t in [
            "5 of the 7",
            "5\t of  its ten",
            "a quarter point",
            "half a percentage point",
            "7 gigawatts",
            "3 back-to-back wins",
            "a 3-day winning streak",
            "the 80th percentile",
            "at an average of 12",
            "a billion-dollar deal",
            "up 5 points",
            "4 times earnings",
            "50 pence",
        ] {
            let p = Probe::of(t);
            assert!(p.words != 0 || p.digit_of, "{t}");
            assert_gates(t);
        }
        // every spelled number the patterns know counts as one
        for w in WORDNUM
            .trim_start_matches("(?:")
            .split(['|', '(', ')', '?', ':', '-'])
        {
            if w.chars().all(|c| c.is_ascii_alphabetic()) && !w.is_empty() {
                assert!(Probe::of(&format!("x {}", w.to_uppercase())).numword, "{w}");
            }
        }
        for w in ORDWORD.split(['|', '(', ')', '?', ':']) {
            if w.chars().all(|c| c.is_ascii_alphabetic()) && !w.is_empty() {
                assert!(Probe::of(&format!("({w}")).numword, "{w}");
            }
        }
        assert!(Probe::of("٣").digit && !Probe::of("three").digit);
        assert!(!Probe::of("someone often intends").numword);
    }

    /// Sentences of streak-like phrases: each slot is a right word, a near
    /// miss or a stray token, joined by varied separators (or none).
    fn streak_sentences(slots: &[&[&str]], n: usize) -> Vec<String> {
        const SEPS: &[&str] = &[" ", " ", " ", "  ", "\t", "-", "", "\n", ", "];
        const STRAY: &[&str] = &["a", "X", "_", "'", "the", "Seven", "1st", "2", "-", "."];
        let mut rng = crate::text::XorShift(0x9e3779b97f4a7c15);
        let mut pick = |l: &[&str]| {
            let r = rng.next_u64();
            (l[(r % l.len() as u64) as usize].to_string(), r >> 40)
        };
        (0..n)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..3 {
                    for slot in slots {
                        let (w, r) = pick(slot);
                        let (stray, _) = pick(STRAY);
                        t.push_str(if r % 13 == 0 { &stray } else { &w });
                        t.push_str(&pick(SEPS).0);
                    }
                }
                t
            })
            .collect()
    }

    /// Checks a hand matcher against the ASCII form of the regex it replaces
    /// on `n` sentences built from `slots`: the same matches with the same
    /// groups (`spans` reads them from the regex's captures). Gives how many
    /// matches there were, so a test can check it saw enough.
    fn hand_matches_regex<T: PartialEq + std::fmt::Debug>(
        slots: &[&[&str]],
        n: usize,
        re: &AsciiFast,
        spans: impl Fn(&regex::Captures) -> T,
        hand: impl Fn(&str, &Probe) -> Vec<T>,
    ) -> usize {
        let mut matched = 0;
        for t in streak_sentences(slots, n) {
            let slow: Vec<T> = re.ascii().captures_iter(&t).map(|c| spans(&c)).collect();
            matched += slow.len();
            let p = Probe::of(&t);
            assert!(!p.non_ascii);
            assert_eq!(hand(&t, &p), slow, "{t:?}");
        }
        matched
    }

    fn led_by_hand_matches(
        re: &AsciiFast,
        w: &str,
        at: fn(&[u8], usize) -> Option<LedSpans>,
        slots: &[&[&str]],
    ) -> usize {
        hand_matches_regex(
            slots,
            30000,
            re,
            |c| LedSpans {
                a: c.name("a").unwrap().range(),
                w: c.name(w).unwrap().range(),
                end: c.get(0).unwrap().end(),
            },
            |t, p| led_matches(t, p, re, w, at),
        )
    }

    const STREAK_NUMBERS: &[&str] = &[
        "3",
        "12",
        "21st",
        "3rd",
        "4th",
        "2nd",
        "22nd",
        "1sts",
        "first",
        "Seventh",
        "TWENTIETH",
        "seven",
        "seventeen",
        "twenty-one",
        "Twenty-ONE",
        "twenty-",
        "forty",
        "ten",
        "tenth",
        "eleven",
        "eleventh",
        "one",
        "nine",
        "ninety-nine",
        "hundred",
        "x7",
        "7x",
        "teen",
    ];

    /// The hand-written `STREAK` matcher finds the regex's matches and groups
    /// on ASCII text.
    #[test]
    fn streak_by_hand_matches_the_regex() {
        let slots: &[&[&str]] = &[
            STREAK_NUMBERS,
            &[
                "straight",
                "consecutive",
                "successive",
                "back-to-back",
                "Straight",
                "back",
                "straights",
            ],
            &[
                "weekly",
                "daily",
                "monthly",
                "quarterly",
                "annual",
                "yearly",
                "trading",
                "",
                "",
                "",
                "",
                "weeklyx",
                "week",
            ],
            &[
                "week",
                "weeks",
                "weekss",
                "days",
                "day",
                "sessions",
                "months",
                "quarter",
                "years",
                "advances",
                "gain",
                "increases",
                "rise",
                "declines",
                "losse",
                "losses",
                "loss",
                "falls",
                "drop",
                "rally",
                "rallies",
                "rallys",
                "win",
                "wins",
                "winning",
                "Weeks",
                "days_",
                "day1",
            ],
        ];
        let matched = led_by_hand_matches(&STREAK, "n", streak_at, slots);
        assert!(matched > 5000, "{matched}");
    }

    /// The hand-written `STREAK_RUN` matcher finds the regex's matches and
    /// groups on ASCII text.
    #[test]
    fn streak_run_by_hand_matches_the_regex() {
        let slots: &[&[&str]] = &[
            STREAK_NUMBERS,
            &[
                "day", "week", "month", "session", "year", "quarter", "game", "Day", "days",
                "games",
            ],
            &[
                "winning", "losing", "win", "loss", "wins", "Winning", "lose", "winningx",
            ],
            &[
                "streak", "run", "streaks", "runs", "Streak", "run_", "run-up",
            ],
        ];
        let matched = led_by_hand_matches(&STREAK_RUN, "k", run_at, slots);
        assert!(matched > 1000, "{matched}");
    }

    /// The hand-written `MULT_TIMES` and `MULT_FOLD` matchers find the
    /// regexes' matches and groups on ASCII text.
    #[test]
    fn multiples_by_hand_match_the_regexes() {
        let slots: &[&[&str]] = &[
            &[
                "3",
                "12",
                "1234",
                "1,234",
                "1,2345",
                "12,345,678",
                "1,23",
                "1.5",
                "3.",
                "0.25",
                "1,234.5",
                "x7",
                "7x",
                "a1",
                "seven",
                "Twenty-one",
                "twenty-",
                "hundred",
                "Thousand",
                "hundreds",
                "ten",
                "eleven",
                "one",
                "_9",
                "nine",
                "fourty",
            ],
            &[
                "fold", "folds", "Fold", "fold-", "times", "Times", "timesx", "time", "fold_",
                "times.",
            ],
        ];
        for (re, at) in [
            (
                &MULT_TIMES,
                times_at as fn(&[u8], usize) -> Option<LedSpans>,
            ),
            (&MULT_FOLD, fold_at),
        ] {
            let matched = led_by_hand_matches(re, "a", at, slots);
            assert!(matched > 3000, "{matched}");
        }
    }

    /// The hand-written `PERCENT` matcher finds the regex's matches and groups
    /// on ASCII text: numbers, spelled numbers and ranges before every unit
    /// and near misses, with varied separators.
    #[test]
    fn percent_by_hand_matches_the_regex() {
        let slots: &[&[&str]] = &[
            &[
                "3",
                "12",
                "1,234",
                "1,2345",
                "1.5",
                "3.",
                "0.25",
                "x7",
                "a1",
                "seven",
                "Twenty-one",
                "twenty-",
                "FIVE",
                "ten",
                "eleven",
                "one",
                "_9",
                "fourty",
                "someone",
                "5 to 7",
                "5-7",
                "5 -7",
                "five to 6",
                "5to",
                "5 - 6.5",
                "2 to",
                "4-",
                "to 8",
                "3.5.2",
                "abc5",
                "x,5",
                "1.",
                "5,",
                "tenfold",
                "Xseven",
                "2nine",
                "7_",
            ],
            &[
                "%",
                "percent",
                "Percent",
                "percents",
                "per cent",
                "per  cent",
                "per\tcents",
                "per",
                "pct",
                "pct.",
                "pctx",
                "percentage points",
                "percentage-point",
                "percentage point_",
                "percentagepoints",
                "pp",
                "ppt",
                "ppts",
                "pptsx",
                "ppx",
                "basis points",
                "basis-point",
                "basis pointss",
                "bps",
                "bp",
                "bpx",
                "cent",
                "points",
                "-",
            ],
        ];
        let matched = hand_matches_regex(
            slots,
            40000,
            &PERCENT,
            |c| PercentSpans {
                a: c.name("a").unwrap().range(),
                sep: c.name("sep").map(|m| m.range()),
                b: c.name("b").map(|m| m.range()),
                u: c.name("u").unwrap().range(),
                end: c.get(0).unwrap().end(),
            },
            percent_matches,
        );
        assert!(matched > 20000, "{matched}");
    }

    /// The hand-written `MONEY_SUF` matcher finds the regex's matches and
    /// groups on ASCII text.
    #[test]
    fn money_suf_by_hand_matches_the_regex() {
        let slots: &[&[&str]] = &[
            &[
                "3",
                "12",
                "1,234",
                "1,2345",
                "1.5",
                "3.",
                "0.25",
                "x7",
                "a1",
                "seven",
                "Twenty-one",
                "FIVE",
                "ten",
                "one",
                "someone",
                "5 to 7",
                "5-7",
                "5 -7",
                "five to 6",
                "5to",
                "2 to",
                "4-",
                "3.5.2",
                "1.",
                "5,",
                "Xseven",
                "7_",
            ],
            &[
                "billion", "million", "mln", "mn", "bln", "bn", "trn", "tn", "thousand", "crore",
                "lakh", "trillion", "k", "K", "m", "M", "b", "B", "bx", "mlnx", "", "", "",
                "Billion",
            ],
            &[
                "dollars",
                "dollar",
                "dollarss",
                "Dollars",
                "U.S. dollars",
                "US  dollar",
                "U.S.",
                "Hong Kong dollars",
                "Hong\tKong\ndollar",
                "Hong Kong",
                "HK dollars",
                "New Taiwan dollar",
                "New Zealand dollars",
                "Taiwan dollars",
                "Singapore dollar",
                "pounds sterling",
                "pound  sterling",
                "pounds",
                "sterling",
                "yen",
                "yenx",
                "won",
                "yuan",
                "renminbi",
                "RMB",
                "CNY",
                "USD",
                "USDX",
                "EUR",
                "NZD",
                "euros",
                "euro",
                "rupees",
                "Swiss francs",
                "Swiss",
                "francs",
                "ringgit",
                "baht",
                "rupiah",
                "rand",
                "roubles",
                "rubles",
                "lira",
                "liras",
                "shares",
                "-",
            ],
        ];
        let matched = hand_matches_regex(
            slots,
            40000,
            &MONEY_SUF,
            |c| MoneySufSpans {
                a: c.name("a").unwrap().range(),
                sep: c.name("sep").map(|m| m.range()),
                b: c.name("b").map(|m| m.range()),
                sw: c.name("sw").map(|m| m.range()),
                sl: c.name("sl").map(|m| m.range()),
                cur: c.name("cur").unwrap().range(),
                end: c.get(0).unwrap().end(),
            },
            money_suf_matches,
        );
        assert!(matched > 10000, "{matched}");
    }

    /// The hand-written `COUNT_WORDS` matcher finds the regex's matches and
    /// groups on ASCII text.
    #[test]
    fn count_words_by_hand_matches_the_regex() {
        let mut tokens: Vec<&str> = WORDNUM
            .trim_start_matches("(?:")
            .split(['|', '(', ')', '?', ':', '-'])
            .filter(|w| !w.is_empty())
            .collect();
        tokens.extend([
            "Seven", "TWENTY", "-", "-", "ten", "tenth", "s", "ty", "teen", "people", "big-", "a",
            "X", "Cars", "_", "1", "'", ",", " ", " ", " ", "\t", "\n", "of", "someone",
        ]);
        let regex = COUNT_WORDS.ascii();
        let mut matched = 0;
        for t in crate::text::token_sentences(&tokens, 10, 30000) {
            let p = Probe::of(&t);
            let slow: Vec<CountSpans> = if p.numword {
                regex
                    .captures_iter(&t)
                    .map(|c| CountSpans {
                        a: c.name("a").unwrap().range(),
                        sw: None,
                        rest: c.name("rest").unwrap().range(),
                    })
                    .collect()
            } else {
                assert!(!regex.is_match(&t), "{t:?}");
                Vec::new()
            };
            matched += slow.len();
            assert_eq!(count_word_matches(&t, &p), slow, "{t:?}");
        }
        assert!(matched > 10000, "{matched}");
    }

    /// `next_digit_start` and `next_numword_start` skip a failing run whole
    /// but land on exactly the positions the per-byte start tests accept.
    #[test]
    fn next_starts_skip_only_failing_runs() {
        const TOKENS: &[&str] = &[
            "1", "12", "1,234", "1.5", ",", ".", "-", "'", " ", " ", "\t", "\n", "people", "big-",
            "a", "x", "Cars", "_", "5G", "$", "to", "of", "two", "Seven", "twenty", "ten", "tenth",
            "one-", "thousand", "se", "Y", "9",
        ];
        let mut starts = 0;
        for t in crate::text::token_sentences(TOKENS, 10, 20000) {
            let b = t.as_bytes();
            let digit = |i: usize| {
                b[i].is_ascii_digit()
                    && opens_lower_word(b, i, |c| c.is_ascii_digit() || c == b',' || c == b'.')
            };
            let word = |i: usize| {
                b[i].is_ascii_alphabetic()
                    && (i == 0 || !crate::text::is_ascii_word_byte(b[i - 1]))
                    && starts_number_word(&b[i..])
                    && opens_lower_word(b, i, |c| c.is_ascii_alphabetic() || c == b'-')
            };
            for i in 0..=b.len() {
                let first = |f: &dyn Fn(usize) -> bool| (i..b.len()).find(|&j| f(j));
                let d = first(&digit);
                let w = first(&word);
                starts += usize::from(d == Some(i)) + usize::from(w == Some(i));
                assert_eq!(next_digit_start(b, i), d.unwrap_or(b.len()), "{t:?} {i}");
                assert_eq!(next_numword_start(b, i), w.unwrap_or(b.len()), "{t:?} {i}");
            }
        }
        assert!(starts > 10000, "{starts}");
    }

    /// The hashed word sets hold exactly their lists.
    #[test]
    fn word_sets_agree_with_their_lists() {
        let words = NOT_MODIFIERS
            .iter()
            .chain(NOT_COUNT_NOUNS)
            .chain(GENERIC_NOUNS)
            .chain(DETERMINERS);
        for w in words
            .copied()
            .chain(["", "A", "The", "yearly", "years-", "x"])
        {
            assert_eq!(not_modifier(w), NOT_MODIFIERS.contains(&w), "{w}");
            assert_eq!(not_count_noun(w), NOT_COUNT_NOUNS.contains(&w), "{w}");
        }
    }

    /// The hand-written `COUNT_DIGITS` matcher finds the regex's matches and
    /// groups on ASCII text.
    #[test]
    fn count_digits_by_hand_matches_the_regex() {
        const TOKENS: &[&str] = &[
            "1",
            "12",
            "123",
            "1234",
            "1,234",
            "1,2345",
            "12,345,678",
            "1,23",
            "1.5",
            "3.",
            ".5",
            "1,234.56",
            "0.25",
            ",",
            ".",
            "-",
            "'",
            "million",
            "millions",
            "billion",
            "thousand",
            "trillion",
            " ",
            " ",
            " ",
            "\t",
            "\n",
            "people",
            "big-",
            "a",
            "x",
            "Cars",
            "new",
            "red",
            "mln",
            "5G",
            "_",
            "$",
            "to",
            "of",
        ];
        let regex = COUNT_DIGITS.ascii();
        let mut matched = 0;
        for t in crate::text::token_sentences(TOKENS, 10, 30000) {
            let p = Probe::of(&t);
            let slow: Vec<CountSpans> = regex
                .captures_iter(&t)
                .map(|c| CountSpans {
                    a: c.name("a").unwrap().range(),
                    sw: c.name("sw").map(|m| m.range()),
                    rest: c.name("rest").unwrap().range(),
                })
                .collect();
            matched += slow.len();
            assert_eq!(count_digit_matches(&t, &p), slow, "{t:?}");
        }
        assert!(matched > 10000, "{matched}");
    }

    /// The direction of the last `DIR_WORD` match that moves (not after a
    /// hyphen, not "up to"/"down to"), read from its capture groups: the
    /// reference `last_direction` is held to.
    fn direction_by_captures(t: &str) -> i8 {
        DIR_WORD
            .unicode()
            .captures_iter(t)
            .filter(|c| {
                let m = c.get(0).unwrap();
                let w = m.as_str().to_lowercase();
                !matches!(char_before(t, m.start()), Some('-'))
                    && !((w == "up" || w == "down") && t[m.end()..].trim_start().starts_with("to "))
            })
            .last()
            .map_or(0, |c| if c.name("r").is_some() { 1 } else { -1 })
    }

    /// Direction words classified from the matched word agree with the
    /// capture groups.
    #[test]
    fn direction_words_agree_with_the_capture_groups() {
        let mut tokens: Vec<&str> = RISE.split('|').chain(FALL.split('|')).collect();
        tokens.extend([
            "UP",
            "Down",
            "riſe",
            "ſoared",
            "\u{212A}",
            "to",
            "-",
            "up-",
            "price",
            "target",
            "market",
            "value",
            "EPS",
            "per",
            "share",
            "net",
            "income",
            "stake",
            "margins",
            "é",
            ",",
            "capital",
            "spending",
            "bonds",
            "fund-raising",
            "Sales",
            "deals",
        ]);
        let words: Vec<&str> = RISE.split('|').collect();
        assert!(FALL.split('|').all(|w| !words.contains(&w)));
        for t in crate::text::token_sentences(&tokens, 10, 3000) {
            let slow = direction_by_captures(&t);
            assert_eq!(last_direction(&t), slow, "{t:?}");
        }
    }

    /// The hand search of direction words in ASCII windows finds what the
    /// `DIR_WORD` regex finds, including words glued to digits, underscores
    /// and hyphens.
    #[test]
    fn direction_words_by_hand_match_the_regex() {
        let mut tokens: Vec<&str> = RISE.split('|').chain(FALL.split('|')).collect();
        tokens.extend([
            "UP", "Down", "ROSE", "Fell", "to", "to", "-", "-", "1", "_", "x", "s", "ing", "ed",
            " ", " ", "\t", "\n", ",", ".", "'", "price", "up-", "down-",
        ]);
        let mut moved = 0;
        for t in crate::text::token_sentences(&tokens, 8, 30000) {
            let slow = direction_by_captures(&t);
            moved += usize::from(slow != 0);
            assert_eq!(last_direction(&t), slow, "{t:?}");
        }
        assert!(moved > 10000, "{moved}");
    }

    /// The hand search of measure keywords (`Keywords`) finds the spans of
    /// each measure's regex on ASCII text.
    #[test]
    fn measure_keywords_by_hand_match_the_regexes() {
        for measures in [&*MONEY_MEASURES, &*PERCENT_MEASURES] {
            for (name, (r, words)) in measures
                .names
                .iter()
                .zip(measures.res.iter().zip(&measures.words))
            {
                let mut tokens: Vec<String> = Vec::new();
                for alt in &words.alts {
                    for (_, ws, prefix) in alt {
                        for w in ws {
                            tokens.push(w.to_string());
                            tokens.push(w.to_uppercase());
                            if *prefix {
                                tokens.push(format!("{w}ing"));
                                tokens.push(format!("{w}9_x"));
                            }
                        }
                    }
                }
                for t in [
                    " ", " ", " ", "  ", "\t", "\n", "-", "-", ",", ".", "'", "1", "_", "x", "s",
                    "ed", "at", "per", "share", "Market",
                ] {
                    tokens.push(t.to_string());
                }
                let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
                let mut matched = 0;
                for t in crate::text::token_sentences(&tokens, 8, 8000) {
                    let slow: Vec<Range<usize>> =
                        r.unicode().find_iter(&t).map(|m| m.range()).collect();
                    let runs = word_runs(t.as_bytes());
                    let fast: Vec<Range<usize>> = words.find_iter(t.as_bytes(), &runs).collect();
                    matched += slow.len();
                    assert_eq!(fast, slow, "{name} {t:?}");
                }
                assert!(matched > 300, "{name} {matched}");
            }
        }
    }

    /// The one walk of [`Measures::keywords`] gives each measure the last
    /// match end and the first match start its own `find_iter` gives, on
    /// sentences mixing the keywords of all measures (overlapping and
    /// multi-word ones included).
    #[test]
    fn measure_keywords_in_one_walk_match_each_search() {
        for measures in [&*MONEY_MEASURES, &*PERCENT_MEASURES] {
            let mut tokens: Vec<String> = Vec::new();
            for words in &measures.words {
                for alt in &words.alts {
                    for (_, ws, prefix) in alt {
                        for w in ws {
                            tokens.push(w.to_string());
                            tokens.push(w.to_uppercase());
                            if *prefix {
                                tokens.push(format!("{w}ing"));
                            }
                        }
                    }
                }
            }
            for t in [
                " ", " ", " ", " ", " ", " ", "  ", "\t", "\n", "-", "-", ",", "1", "_", "x", "ed",
                "at", "per", "share", "Market",
            ] {
                tokens.push(t.to_string());
            }
            let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let mut found = 0;
            for t in crate::text::token_sentences(&tokens, 10, 6000) {
                let b = t.as_bytes();
                let runs = word_runs(b);
                let (mut last_end, mut first_start) = ([None; 32], [None; 32]);
                measures.keywords(b, &runs, true, &mut last_end);
                measures.keywords(b, &runs, false, &mut first_start);
                for (i, words) in measures.words.iter().enumerate() {
                    let all: Vec<Range<usize>> = words.find_iter(b, &runs).collect();
                    assert_eq!(last_end[i], all.last().map(|m| m.end), "{i} {t:?}");
                    assert_eq!(first_start[i], all.first().map(|m| m.start), "{i} {t:?}");
                    found += all.len();
                }
                assert!(last_end[measures.words.len()..].iter().all(Option::is_none));
            }
            assert!(found > 5000, "{found}");
        }
    }

    /// The hand-found qualifier is [`QUALIFIER`]'s first group on ASCII text:
    /// generated tails of qualifier words in any case, other words, digits,
    /// underscores, dashes and every kind of ASCII space.
    #[test]
    fn qualifier_matches_the_regex() {
        let pool = [
            "just",
            "over",
            "under",
            "more",
            "than",
            "less",
            "fewer",
            "as",
            "much",
            "little",
            "many",
            "high",
            "low",
            "up",
            "to",
            "at",
            "least",
            "most",
            "close",
            "upwards",
            "of",
            "in",
            "excess",
            "an",
            "estimated",
            "approximately",
            "roughly",
            "nearly",
            "almost",
            "about",
            "around",
            "some",
            "exceeding",
            "below",
            "above",
            "awesome",
            "overs",
            "x",
            "5",
            "_",
            "-",
            ",",
            "$",
            "1.5",
        ];
        let spaces = [" ", " ", "  ", "\t", "\n", "\x0B", "\x0C", "\r", ""];
        let mut rng = crate::text::XorShift(0x9e3779b97f4a7c15);
        let mut matched = 0;
        for _ in 0..40000 {
            let mut t = String::new();
            for _ in 0..rng.below(6) {
                let w = pool[rng.below(pool.len())];
                match rng.below(4) {
                    0 => t.push_str(&w.to_ascii_uppercase()),
                    1 => {
                        let mut c = w.chars();
                        t.extend(c.next().map(|c| c.to_ascii_uppercase()));
                        t.push_str(c.as_str());
                    }
                    _ => t.push_str(w),
                }
                t.push_str(spaces[rng.below(spaces.len())]);
            }
            let slow = QUALIFIER
                .ascii()
                .captures(&t)
                .map(|c| c.get(1).unwrap().range());
            matched += usize::from(slow.is_some());
            assert_eq!(qualifier(&t), slow, "{t:?}");
        }
        assert!(matched > 3000, "{matched}");
    }

    /// `with_lower` hands `f` what `to_lowercase` gives, for ASCII and other
    /// tokens of every length around its buffer's.
    #[test]
    fn with_lower_is_to_lowercase() {
        for t in [
            "",
            "A",
            "Top",
            "NO.",
            "ﬁve",
            "KELVIN \u{212A}",
            "İstanbul",
            "ΣΑΣ",
            "Twenty-Five",
            "ABCDEFGHIJKLMNOPQRSTUVW",
            "ABCDEFGHIJKLMNOPQRSTUVWX",
            "ABCDEFGHIJKLMNOPQRSTUVWXY",
        ] {
            assert_eq!(with_lower(t, str::to_string), t.to_lowercase(), "{t:?}");
        }
        for w in UNITS.iter().chain(ORDINALS) {
            assert_eq!(word_value(&w.to_uppercase()), word_value(w), "{w}");
        }
        assert_eq!(word_value("Twenty-FIVE"), Some(25));
        assert_eq!(word_value("\u{212A}"), None);
    }

    /// The quick rejection of [`qualifier`] accepts the last word of every
    /// phrase of [`QUALIFIER`], in any case, and rejects a word none ends with.
    #[test]
    fn qualifier_last_words_end_every_phrase() {
        let src = QUALIFIER.unicode().as_str().to_string();
        let inner = &src[src.find("\\b(").unwrap() + 3..src.rfind(")\\s*$").unwrap()];
        let mut phrases = 0;
        for phrase in inner.split('|') {
            let last = phrase.rsplit("\\s+").next().unwrap();
            for w in [last.to_string(), last.to_ascii_uppercase()] {
                assert!(ends_qualifier_phrase(w.as_bytes()), "{phrase}");
            }
            phrases += 1;
        }
        assert_eq!(phrases, 29);
        for w in [
            "",
            "more",
            "just",
            "overs",
            "x",
            "estimate",
            "approximatelyyyyy",
        ] {
            assert!(!ends_qualifier_phrase(w.as_bytes()), "{w}");
        }
    }

    /// The word-at-a-time end of a lower-case run is the byte-by-byte one,
    /// for every byte value at every position of a word.
    #[test]
    fn lower_run_end_matches_the_byte_loop() {
        let slow = |b: &[u8], mut i: usize| {
            while i < b.len() && b[i].is_ascii_lowercase() {
                i += 1;
            }
            i
        };
        let mut rng = crate::text::XorShift(0x9e3779b97f4a7c15);
        for _ in 0..20000 {
            let len = rng.below(24);
            let b: Vec<u8> = (0..len)
                .map(|_| match rng.below(4) {
                    0 => rng.below(256) as u8,
                    1 => [b'a', b'z', b'`', b'{', b'A', b'Z', 0x80, 0xE1, 0xFF][rng.below(9)],
                    _ => b'a' + rng.below(26) as u8,
                })
                .collect();
            for i in 0..=len {
                assert_eq!(lower_run_end(&b, i), slow(&b, i), "{b:?} {i}");
            }
        }
        for x in 0..=255u8 {
            let b = [b'a', b'b', b'c', x, b'd', b'e', b'f', b'g', b'h'];
            assert_eq!(lower_run_end(&b, 0), slow(&b, 0), "{x}");
        }
    }

    /// The first-letter check before `starts_number_word` passes every
    /// letter that function can accept.
    #[test]
    fn number_word_first_letters_cover_the_prefixes() {
        for c in 0..=255u8 {
            let w = [c, c, c, c, c];
            if !may_start_number_word(c) {
                for rest in [
                    &b"ne"[..],
                    b"wo",
                    b"hree",
                    b"en",
                    b"our",
                    b"ive",
                    b"ix",
                    b"even",
                    b"ight",
                    b"ine",
                    b"undred",
                    b"housand",
                    b"irst",
                    b"econd",
                    b"leven",
                    b"welve",
                    b"hirteen",
                    b"orty",
                    b"ifty",
                    b"inth",
                ] {
                    let mut v = vec![c];
                    v.extend_from_slice(rest);
                    assert!(!starts_number_word(&v), "{v:?}");
                }
                assert!(!starts_number_word(&w));
            }
        }
        for w in WORDNUM
            .split(['|', '(', ')', '?', ':', '-'])
            .chain(ORDWORD.split(['|', '(', ')', '?', ':']))
            .chain(["hundred", "thousand"])
        {
            if let Some(&c) = w.as_bytes().first() {
                if c.is_ascii_alphabetic() {
                    assert!(
                        may_start_number_word(c) && may_start_number_word(c.to_ascii_uppercase()),
                        "{w}"
                    );
                }
            }
        }
    }

    /// Recall against the seed gold when the shared evaluation set is present.
    #[test]
    fn seed_gold_recall_when_available() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/seeds");
        if !dir.join("gold").is_dir() {
            return;
        }
        let mut total = 0;
        let mut found = 0;
        for n in 0..5 {
            let Ok(text) = std::fs::read_to_string(dir.join(format!("articles/{n:03}.txt"))) else {
                continue;
            };
            let Ok(gold) = std::fs::read_to_string(dir.join(format!("gold/{n:03}.json"))) else {
                continue;
            };
            let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
            let mut d = Document::new(text, Meta::default());
            Zoner.run(&mut d);
            SentenceSplitter.run(&mut d);
            FigureExtractor.run(&mut d);
            let got: Vec<&str> = d.figures.iter().map(|f| d.slice(f.span)).collect();
            for g in gold["figures"].as_array().unwrap() {
                total += 1;
                let t = g["text"].as_str().unwrap();
                if got.contains(&t) {
                    found += 1;
                } else {
                    eprintln!("{n:03}: missed {t:?}");
                }
            }
            eprintln!("{n:03}: found {:?}", got);
        }
        eprintln!("seed figure recall: {found}/{total}");
        assert!(
            total == 0 || found * 10 >= total * 8,
            "recall {found}/{total}"
        );
    }
}
