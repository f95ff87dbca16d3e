//! Time expressions in the body, resolved against the article date.
//!
//! Absolute dates ("September 24th", "Sep 17, 2025", "17 September 2025",
//! "2025-09-17") resolve on their own (a missing year comes from the article
//! date); relative ones ("Wednesday", "yesterday", "last week", "this year")
//! need the article date and get `date: None` without one, but are still
//! recorded. Each expression says how much of a date the text gives
//! ([`DatePrecision`]): a weekday or "yesterday" is a day, "last week" a week,
//! "in January" a month, "Q1 2025" a quarter, "in 2024" a year. Bare years
//! count only after a preposition ("in 2025", "by 2032"), so the "2025" of
//! "the 2025 JD Global Technology Explorer Conference" is left to the name.
//! Fiscal periods ("Q1 FY26", "fiscal 2025") are recorded with no date since
//! the fiscal calendar is unknown.

use crate::document::{DatePrecision, Document, Span, TimeExpr};
use crate::extract::pattern::{regex_new, AsciiFast};
use crate::pipeline::{layer, Extractor};
use crate::text::is_ascii_space;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

mod scans;

pub struct DateExtractor;

const EXTRACTOR: &str = "dates";

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        EXTRACTOR
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::SENTENCES]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::TIMES]
    }
    fn warm_ups(&self) -> &'static [fn()] {
        // ASCII text needs no regex of this module built (hand matchers)
        &[]
    }
    fn run(&self, doc: &mut Document) {
        doc.times = extract(doc);
    }
}

// ---------------------------------------------------------------------------
// Calendar helpers (public: other extractors resolve dates with them)

/// The most recent `weekday` on or before the article date (the same day if it matches).
pub fn resolve_weekday(article: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + article.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    article
        .checked_sub_days(Days::new(back as u64))
        .unwrap_or(article)
}

/// The first `weekday` on or after the article date (the same day if it matches).
pub fn next_weekday(article: NaiveDate, weekday: Weekday) -> NaiveDate {
    let fwd = (7 + weekday.num_days_from_monday() - article.weekday().num_days_from_monday()) % 7;
    article
        .checked_add_days(Days::new(fwd as u64))
        .unwrap_or(article)
}

/// Monday of the ISO week of a date.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))
        .unwrap_or(d)
}

/// First day of the month of a date.
pub fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// First day of quarter `q` (1–4) of `year`.
pub fn quarter_start(year: i32, q: u32) -> Option<NaiveDate> {
    if !(1..=4).contains(&q) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)
}

/// Quarter (1–4) of a date.
pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// First day of the most recent `month` on or before the article date's month.
pub fn most_recent_month(article: NaiveDate, month: u32) -> Option<NaiveDate> {
    let y = if month <= article.month() {
        article.year()
    } else {
        article.year() - 1
    };
    NaiveDate::from_ymd_opt(y, month, 1)
}

/// Month number of an English month name or abbreviation ("Sept", "Sep.", "September").
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_lowercase();
    let key = if l == "sept" { "sep" } else { l.get(..3)? };
    if l.len() > 3 && l != "sept" {
        // a full name must be spelled out completely
        const FULL: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        return FULL.iter().position(|m| *m == l).map(|i| i as u32 + 1);
    }
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)
    .map(|i| i as u32 + 1)
}

/// Weekday of an English weekday name.
pub fn weekday_from_name(s: &str) -> Option<Weekday> {
    Some(match s.to_lowercase().as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Index in `doc.times` of the first time expression (in text order) inside a span.
pub fn time_in(doc: &Document, span: Span) -> Option<usize> {
    doc.times.iter().position(|t| span.contains(t.span))
}

/// Index in `doc.times` of the most precise resolved expression inside a span
/// (a day before a week before a month...), else the first unresolved one.
pub fn best_time_in(doc: &Document, span: Span) -> Option<usize> {
    let inside = || {
        doc.times
            .iter()
            .enumerate()
            .filter(|(_, t)| span.contains(t.span))
    };
    inside()
        .filter(|(_, t)| t.date.is_some())
        .min_by_key(|(i, t)| (t.precision, *i))
        .map(|(i, _)| i)
        .or_else(|| inside().next().map(|(i, _)| i))
}

// ---------------------------------------------------------------------------
// Patterns

const MONTH_FULL: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const MONTH_ANY: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";
const YEAR: &str = r"(?:19|20)\d{2}";

/// A date pattern with its placeholders filled in, compiled on first use in
/// the form for the haystack at hand (see [`AsciiFast`]: same spans, far
/// smaller automata on ASCII text).
fn re(p: &str) -> AsciiFast {
    let p = p
        .replace("@MONTH_FULL@", MONTH_FULL)
        .replace("@MONTH@", MONTH_ANY)
        .replace("@YEAR@", YEAR);
    AsciiFast::new(&p)
}

static MDY: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(r"\b(?P<m>@MONTH@)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>@YEAR@)\b)?")
});
static DMY: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>@MONTH@)(?:,?\s+(?P<y>@YEAR@)\b)?")
});
static MY: LazyLock<AsciiFast> = LazyLock::new(|| re(r"\b(?P<m>@MONTH@),?\s+(?P<y>@YEAR@)\b"));
static ISO: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"\b(?P<y>@YEAR@)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"));
static SLASH: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>@YEAR@)\b"));
static MONTH_REL: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\b(?:(?P<prep>(?i:in|since|from|until|till|by|during|through|throughout|before|after|end\s+of|start\s+of|beginning\s+of))\s+|(?P<mod>(?i:last|next|this|early|late|mid-|mid))(?:\s+|-)?)(?P<m>@MONTH_FULL@|Sept)\b",
    )
});
static WEEKDAY: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\b(?:(?P<pre>(?i:last|next|this\s+coming|this\s+past|this|past|coming))\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<pl>s\b)?",
    )
});
static REL_DAY: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<x>(?:earlier|later)\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday|yesterday|the\s+day\s+after\s+tomorrow|tomorrow)\b",
    )
});
static REL_PERIOD: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:earlier|later)\s+)?(?P<rel>this|last|next|past|previous|coming)\s+(?P<u>week|month|quarter|year)\b",
    )
});
static AGO: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b",
    )
});
static YTD: LazyLock<AsciiFast> = LazyLock::new(|| re(r"\b(?:[Yy]ear[-\s]to[-\s]date|YTD)\b"));
static YEAR_PREP: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\b(?P<pre>(?i:in|by|since|until|till|from|through|to|during|before|after|for|between|and|early|late|end\s+of|start\s+of|beginning\s+of|around|circa|of))\s+(?P<y>@YEAR@)\b",
    )
});
static YEAR_MID: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"\b(?i:mid|early|late|end)-(?P<y>@YEAR@)\b"));
static YEAR_POSS: LazyLock<AsciiFast> = LazyLock::new(|| re(r"\b(?P<y>@YEAR@)['’]s\b"));
static FISCAL: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"\b(?:FY\s?(?:\d{4}|\d{2})|[Ff]iscal\s+(?:[Yy]ear\s+)?@YEAR@)\b"));
static QUARTER_Q: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\bQ(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<y>@YEAR@)\b|\s*(?P<fy>FY\s?\d{2,4}|[Ff]iscal\s+@YEAR@)\b|\s?['’](?P<y2>\d{2})\b)?\b",
    )
});
static QUARTER_NQ: LazyLock<AsciiFast> =
    LazyLock::new(|| re(r"\b(?P<q>[1-4])Q\s?(?P<y>(?:19|20)?\d{2})\b"));
static QUARTER_WORD: LazyLock<AsciiFast> = LazyLock::new(|| {
    re(
        r"\b(?P<ord>(?i:first|second|third|fourth|final))[\s-]quarter\b(?:\s+(?:of\s+)?(?:(?P<y>@YEAR@)\b|(?P<fis>(?:the\s+)?(?i:fiscal|financial)\b)))?",
    )
});
/// Markers of a future event before a weekday in the same clause ("will speak on Friday").
static FUTURE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)(?:\b(?:will|shall|scheduled|upcoming|plans?\s+to|planning\s+to|set\s+to|due\s+to|expected\s+to|going\s+to|is\s+to|are\s+to)\b|['’]ll\b)",
    )
});

// ---------------------------------------------------------------------------
// Recognition

#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    date: Option<NaiveDate>,
    precision: DatePrecision,
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn char_after(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// Not glued to other digits, decimals, codes or currency on either side.
fn standalone(s: &str, start: usize, end: usize) -> bool {
    let before_ok = match char_before(s, start) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',' | ':' | '/' | '$' | '£' | '€' | '¥' | '#') => false,
        Some('-') => !char_before(s, start - 1).is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    };
    let after = s.get(end..).and_then(|p| p.chars().nth(1));
    let after_ok = match char_after(s, end) {
        None => true,
        Some('%' | '％') => false,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',' | ':' | '/' | '-') => !after.is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    };
    before_ok && after_ok
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn small_number(s: &str) -> Option<u32> {
    let l = s.to_lowercase();
    Some(match l.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return l.parse().ok(),
    })
}

/// Whether the clause around a weekday at `[start, end)` speaks of the future.
fn future_clause(s: &str, start: usize, end: usize) -> bool {
    let clause_start = s[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '(' | '“' | '"'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let head = &s[clause_start..start];
    if future(head) {
        return true;
    }
    // "On Friday, the company will report...": a weekday opening the sentence
    let lead = s[..start].trim();
    if lead.is_empty() || lead.eq_ignore_ascii_case("on") {
        let rest = &s[end..];
        let stop = rest.find(['.', ';']).unwrap_or(rest.len());
        let window: String = rest[..stop]
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        return future(&window);
    }
    false
}

/// Whether FUTURE matches `s` (by hand on ASCII text).
fn future(s: &str) -> bool {
    if s.is_ascii() {
        scans::future_ascii(s)
    } else {
        FUTURE.unicode().is_match(s)
    }
}

/// Cheap facts about a sentence, each a necessary condition for some patterns
/// to match, so that a pattern which cannot match is not run at all. Every
/// flag errs towards `true`: it may say a pattern could match when it cannot,
/// never the reverse, so results are the same as running every pattern.
#[derive(Debug, Clone, Copy, Default)]
struct Probe {
    /// An ASCII digit.
    ascii_digit: bool,
    /// "19" or "20" followed by two ASCII digits occurs (`@YEAR@`), or, in
    /// non-ASCII text where `\d` matches other digits too, "19" or "20".
    year: bool,
    /// Some character matches `\d`.
    digit: bool,
    /// A capitalised month abbreviation ("Jan" … "Dec") occurs; every month
    /// name and abbreviation the patterns accept starts with one.
    month: bool,
    /// A word may start (case-insensitively) with "today", "tonight",
    /// "morning", "afternoon", "evening", "yesterday" or "tomorrow".
    rel_day: bool,
    /// A word may start with "week", "month", "quarter" or "year".
    period: bool,
    /// A word may start with "this", "last", "next", "past", "previous" or "coming".
    rel: bool,
    /// A word may start with "quarter".
    quarter: bool,
    /// A word may start with "ago".
    ago: bool,
}

impl Probe {
    /// One lean pass over the bytes. Runs of ASCII lower-case letters, most of
    /// any text, are skipped with a single comparison per byte: such a byte is
    /// never a digit or a capital, and only the first of a run can start a word.
    fn of(s: &str) -> Probe {
        static DIGIT: LazyLock<Regex> = LazyLock::new(|| regex_new(r"\d").unwrap());
        let b = s.as_bytes();
        let n = b.len();
        let mut p = Probe::default();
        let mut non_ascii = false;
        // "19" or "20" not followed by two ASCII digits: enough for `@YEAR@`
        // only where `\d` may match a non-ASCII digit
        let mut loose_year = false;
        // whether the byte before `i` is an ASCII word byte; a word start
        // (`\b` or `\s` before an ASCII letter) needs it not to be (any
        // non-ASCII byte is taken as a non-word character)
        let mut prev_word = false;
        let mut i = 0;
        while i < n {
            let c = b[i];
            if c.is_ascii_lowercase() {
                if !prev_word {
                    p.word_start(c, &b[i..]);
                }
                i += 1;
                while i < n && b[i].is_ascii_lowercase() {
                    i += 1;
                }
                prev_word = true;
                continue;
            }
            if c.is_ascii_digit() {
                p.ascii_digit = true;
                if matches!((c, b.get(i + 1)), (b'1', Some(b'9')) | (b'2', Some(b'0'))) {
                    loose_year = true;
                    if b.get(i + 2).is_some_and(u8::is_ascii_digit)
                        && b.get(i + 3).is_some_and(u8::is_ascii_digit)
                    {
                        p.year = true;
                    }
                }
            } else if c.is_ascii_uppercase() {
                if b.len() >= i + 3
                    && matches!(
                        &b[i..i + 3],
                        b"Jan"
                            | b"Feb"
                            | b"Mar"
                            | b"Apr"
                            | b"May"
                            | b"Jun"
                            | b"Jul"
                            | b"Aug"
                            | b"Sep"
                            | b"Oct"
                            | b"Nov"
                            | b"Dec"
                    )
                {
                    // every month name and abbreviation the patterns accept starts so
                    p.month = true;
                }
                if !prev_word {
                    p.word_start(c.to_ascii_lowercase(), &b[i..]);
                }
            } else if c >= 0x80 {
                non_ascii = true;
            }
            prev_word = crate::text::is_ascii_word_byte(c);
            i += 1;
        }
        p.digit = p.ascii_digit;
        p.period |= p.quarter;
        if non_ascii {
            p.year |= loose_year;
            p.digit = p.digit || DIGIT.is_match(s);
            // "ſ" and the Kelvin sign match "s" and "k" case-insensitively
            if crate::text::has_ascii_case_fold(s) {
                p.rel_day = true;
                p.period = true;
                p.quarter = true;
                p.ago = true;
                p.rel = true;
            }
        }
        p
    }

    /// Notes the trigger words that `w`, starting a word with the lower-cased
    /// ASCII letter `c`, may begin.
    #[inline]
    fn word_start(&mut self, c: u8, w: &[u8]) {
        let has = |x: &[u8]| w.len() >= x.len() && w[..x.len()].eq_ignore_ascii_case(x);
        match c {
            b't' => {
                self.rel_day |= has(b"tod") || has(b"ton") || has(b"tom");
                self.rel |= has(b"thi");
            }
            b'l' => self.rel |= has(b"las"),
            b'n' => self.rel |= has(b"nex"),
            b'p' => self.rel |= has(b"pas") || has(b"pre"),
            b'c' => self.rel |= has(b"com"),
            b'm' => {
                self.rel_day |= has(b"mor");
                self.period |= has(b"mon");
            }
            b'a' => {
                self.rel_day |= has(b"aft");
                self.ago |= has(b"ago");
            }
            b'e' => self.rel_day |= has(b"eve"),
            b'y' => {
                self.rel_day |= has(b"yes");
                self.period |= has(b"yea");
            }
            b'w' => self.period |= has(b"wee"),
            b'q' => self.quarter |= has(b"qua"),
            _ => {}
        }
    }
}

/// Which patterns can match a sentence, one flag per pattern. Each flag is a
/// necessary condition for its pattern to match: it may say a pattern could
/// match when it cannot, never the reverse, so results are the same as
/// running every pattern.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Gates {
    iso: bool,
    slash: bool,
    mdy: bool,
    dmy: bool,
    my: bool,
    month_rel: bool,
    weekday: bool,
    rel_day: bool,
    rel_period: bool,
    ago: bool,
    ytd: bool,
    year_prep: bool,
    year_mid: bool,
    year_poss: bool,
    fiscal: bool,
    quarter_q: bool,
    quarter_nq: bool,
    quarter_word: bool,
}

impl Gates {
    fn of(s: &str) -> Gates {
        if s.is_ascii() {
            Gates::ascii(s)
        } else {
            Gates::any(s)
        }
    }

    /// Loose gates for any text (from [`Probe`] and a few substring checks).
    fn any(s: &str) -> Gates {
        let p = Probe::of(s);
        let q = p.ascii_digit && s.contains('Q');
        Gates {
            iso: p.year && s.contains('-'),
            slash: p.year && s.contains('/'),
            mdy: p.digit && p.month,
            dmy: p.digit && p.month,
            my: p.year && p.month,
            month_rel: p.month,
            weekday: s.contains("day"),
            rel_day: p.rel_day,
            rel_period: p.rel && p.period,
            ago: p.ago,
            ytd: s.contains("date") || s.contains("YTD"),
            year_prep: p.year,
            year_mid: p.year && s.contains('-'),
            year_poss: p.year && s.contains(['\'', '’']),
            fiscal: s.contains("FY") || s.contains("iscal"),
            quarter_q: q,
            quarter_nq: q,
            quarter_word: p.quarter,
        }
    }

    /// Tight gates for ASCII text, from one pass over its words. In ASCII text
    /// the patterns are searched in their ASCII forms, where `\b` and `\s` are
    /// ASCII and `(?i)` pairs only ASCII letters, so every match is made of
    /// whole words: a run of `[0-9A-Za-z_]` ("token") that a pattern enters
    /// after `\b` or `\s` starts at a token start, and one it leaves before `\b`
    /// or `\s` ends at a token end. Each gate asks for the tokens its pattern
    /// must contain, with the bytes between them where the pattern fixes them:
    /// e.g. REL_PERIOD needs a token this/last/next/past/previous/coming, a gap
    /// of `\s` only, and a token week/month/quarter/year (any case).
    ///
    /// Every gate is set at a token of a kind in [`TRIGGERS`] (a year, a month,
    /// "week"...), looking back at the token before it ("in", "last"...) only
    /// then. Most tokens are lower-case words that cannot be a trigger, which
    /// [`may_trigger`] tells from their first two letters and length, so they
    /// cost only the scan.
    fn ascii(s: &str) -> Gates {
        let b = s.as_bytes();
        let mut g = Gates::default();
        let mut i = 0;
        while let Some((start, rest)) = next_token(b, &mut i) {
            let tok = &b[start..i];
            if !may_trigger(tok, rest) {
                continue;
            }
            let kind = token_kind(tok, rest);
            if kind & TRIGGERS != 0 {
                g.trigger(b, start, i, kind);
            }
        }
        g
    }

    /// Sets the gates of the token `b[start..end]` of kinds `kind`, from it and
    /// the token before it (as [`Gates::ascii_reference`] does with the kinds
    /// it carries forward).
    fn trigger(&mut self, b: &[u8], start: usize, end: usize, kind: u32) {
        let (prev_start, prev_end, prev) = token_before(b, start);
        let g = self;
        let gap = &b[prev_end..start];
        let gap_ws = all_space(gap);
        let before = gap.last().copied();
        let after = b.get(end).copied();
        if kind & K_YEAR != 0 {
            g.iso |= after == Some(b'-');
            g.slash |= before == Some(b'/');
            g.year_mid |= before == Some(b'-');
            g.year_poss |= after == Some(b'\'');
            g.year_prep |= gap_ws && prev & K_PREP != 0;
            // "March 2025", "Sep., 2025": `@MONTH@,?\s+@YEAR@`
            g.my |= prev & K_MONTH != 0 && {
                let r = gap.strip_prefix(b".").unwrap_or(gap);
                let r = r.strip_prefix(b",").unwrap_or(r);
                all_space(r)
            };
        }
        if kind & K_DAY != 0 && prev & K_MONTH != 0 {
            // "September 24th", "Sept. 12"
            let r = gap.strip_prefix(b".").unwrap_or(gap);
            g.mdy |= all_space(r);
        }
        // "17 May", "17th of May"
        g.dmy |= kind & K_MONTH != 0
            && gap_ws
            && (prev & K_DAY != 0
                || prev & K_OF != 0 && {
                    let (_, day_end, day) = token_before(b, prev_start);
                    day & K_DAY != 0 && all_space(&b[day_end..prev_start])
                });
        // MONTH_REL: a month name standing alone needs the last word of a
        // preposition or modifier before it, across spaces or hyphens ("in
        // May", "end of May", "mid-May", "mid--May"); one glued to a word
        // ("midJanuary") is left to the regex
        g.month_rel |= kind & K_MONTH_REL != 0
            && (kind & K_MONTH == 0
                || prev & K_MREL != 0
                    && !gap.is_empty()
                    && gap.iter().all(|&x| is_ascii_space(x) || x == b'-'));
        g.weekday |= kind & K_WEEKDAY != 0;
        // REL_DAY takes "morning", "afternoon" and "evening" only in "this\s+morning"
        g.rel_day |= kind & K_REL_DAY != 0
            && (kind & K_DAYPART == 0
                || gap_ws && b[prev_start..prev_end].eq_ignore_ascii_case(b"this"));
        g.rel_period |= kind & K_PERIOD != 0 && gap_ws && prev & K_REL != 0;
        g.ago |= kind & K_AGO != 0 && gap_ws && prev & K_AGO_UNIT != 0;
        g.ytd |= kind & K_YTD != 0;
        g.fiscal |= kind & K_FISCAL != 0;
        g.quarter_q |= kind & K_QN != 0;
        g.quarter_nq |= kind & K_NQ != 0;
        g.quarter_word |= kind & K_QUARTER != 0
            && prev & K_ORD != 0
            && gap.len() == 1
            && (is_ascii_space(gap[0]) || gap[0] == b'-');
    }

    /// [`Gates::ascii`] as it was before the look-back: the kinds of every
    /// token carried forward (the reference the look-back is tested against).
    ///
    /// Tight gates for ASCII text, from one pass over its words. In ASCII text
    /// the patterns are searched in their ASCII forms, where `\b` and `\s` are
    /// ASCII and `(?i)` pairs only ASCII letters, so every match is made of
    /// whole words: a run of `[0-9A-Za-z_]` ("token") that a pattern enters
    /// after `\b` or `\s` starts at a token start, and one it leaves before `\b`
    /// or `\s` ends at a token end. Each gate asks for the tokens its pattern
    /// must contain, with the bytes between them where the pattern fixes them:
    /// e.g. REL_PERIOD needs a token this/last/next/past/previous/coming, a gap
    /// of `\s` only, and a token week/month/quarter/year (any case). Most
    /// tokens are of no kind at all and cost only the scan and a table look-up.
    #[cfg(test)]
    fn ascii_reference(s: &str) -> Gates {
        let b = s.as_bytes();
        let mut g = Gates::default();
        // kinds of the token before the current one (0 after a token of no kind)
        let mut prev = 0u32;
        // the previous token is "of" after a day number (DMY's "17th of May")
        let mut prev_day_of = false;
        let mut prev_end = 0;
        let mut i = 0;
        while let Some((start, rest)) = next_token(b, &mut i) {
            let tok = &b[start..i];
            let kind = token_kind(tok, rest);
            if kind == 0 {
                prev = 0;
                prev_day_of = false;
                prev_end = i;
                continue;
            }
            let gap = &b[prev_end..start];
            let gap_ws = all_space(gap);
            let before = gap.last().copied();
            let after = b.get(i).copied();
            if kind & K_YEAR != 0 {
                g.iso |= after == Some(b'-');
                g.slash |= before == Some(b'/');
                g.year_mid |= before == Some(b'-');
                g.year_poss |= after == Some(b'\'');
                g.year_prep |= gap_ws && prev & K_PREP != 0;
                // "March 2025", "Sep., 2025": `@MONTH@,?\s+@YEAR@`
                g.my |= prev & K_MONTH != 0 && {
                    let r = gap.strip_prefix(b".").unwrap_or(gap);
                    let r = r.strip_prefix(b",").unwrap_or(r);
                    all_space(r)
                };
            }
            if kind & K_DAY != 0 && prev & K_MONTH != 0 {
                // "September 24th", "Sept. 12"
                let r = gap.strip_prefix(b".").unwrap_or(gap);
                g.mdy |= all_space(r);
            }
            g.dmy |= kind & K_MONTH != 0 && gap_ws && (prev & K_DAY != 0 || prev_day_of);
            g.month_rel |= kind & K_MONTH_REL != 0;
            g.weekday |= kind & K_WEEKDAY != 0;
            g.rel_day |= kind & K_REL_DAY != 0;
            g.rel_period |= kind & K_PERIOD != 0 && gap_ws && prev & K_REL != 0;
            g.ago |= kind & K_AGO != 0 && gap_ws && prev & K_AGO_UNIT != 0;
            g.ytd |= kind & K_YTD != 0;
            g.fiscal |= kind & K_FISCAL != 0;
            g.quarter_q |= kind & K_QN != 0;
            g.quarter_nq |= kind & K_NQ != 0;
            g.quarter_word |= kind & K_QUARTER != 0
                && prev & K_ORD != 0
                && gap.len() == 1
                && (is_ascii_space(gap[0]) || gap[0] == b'-');
            prev_day_of = kind & K_OF != 0 && gap_ws && prev & K_DAY != 0;
            prev = kind;
            prev_end = i;
        }
        g
    }
}

/// The high bit of each byte of `w` (eight bytes, little-endian) that is not
/// an ASCII lower-case letter. With the high bits cleared no byte exceeds
/// 0x7F, so adding 0x1F (0x80 - `a`) or 0x05 (0x80 - `{`) to every byte carries
/// into no other byte: the high bit then says "at least `a`", "at least `{`".
fn not_lower_case(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let low7 = w & !HI;
    let at_least_a = low7 + 0x1F * LO;
    let past_z = low7 + 0x05 * LO;
    let lower = at_least_a & !past_z & !w & HI;
    !lower & HI
}

/// Kinds that set a gate on the token that has them; the others (K_PREP,
/// K_REL, K_AGO_UNIT, K_ORD, K_OF) only qualify the token after them.
const TRIGGERS: u32 = K_YEAR
    | K_DAY
    | K_MONTH
    | K_MONTH_REL
    | K_WEEKDAY
    | K_REL_DAY
    | K_PERIOD
    | K_AGO
    | K_YTD
    | K_FISCAL
    | K_QN
    | K_NQ
    | K_QUARTER;

/// Start, end and kinds of the token before `start` (`(0, 0, 0)` at the
/// start of the text): the token [`Gates::ascii_reference`] saw last.
fn token_before(b: &[u8], start: usize) -> (usize, usize, u32) {
    let mut end = start;
    while end > 0 && CLASS[b[end - 1] as usize] == 0 {
        end -= 1;
    }
    let mut s = end;
    while s > 0 && CLASS[b[s - 1] as usize] != 0 {
        s -= 1;
    }
    if s == end {
        return (0, 0, 0);
    }
    let rest = b[s + 1..end].iter().fold(0, |r, &x| r | CLASS[x as usize]);
    (s, end, token_kind(&b[s..end], rest))
}

/// The next token (`[0-9A-Za-z_]` run) of ASCII text from `*i`: its start and
/// the classes of its bytes after the first; `*i` moves to its end. Lower-case
/// letters, most of any token, are stepped over eight at a time.
#[inline]
fn next_token(b: &[u8], i: &mut usize) -> Option<(usize, u8)> {
    let n = b.len();
    while *i < n && CLASS[b[*i] as usize] == 0 {
        *i += 1;
    }
    if *i == n {
        return None;
    }
    let start = *i;
    *i += 1;
    let mut rest = 0;
    while let Some(chunk) = b.get(*i..*i + 8) {
        let not_lower = not_lower_case(u64::from_le_bytes(chunk.try_into().unwrap()));
        let k = (not_lower.trailing_zeros() / 8) as usize;
        if k > 0 {
            rest |= C_LOWER;
        }
        *i += k;
        if k < 8 {
            break;
        }
    }
    while *i < n {
        let c = CLASS[b[*i] as usize];
        if c == 0 {
            break;
        }
        rest |= c;
        *i += 1;
    }
    Some((start, rest))
}

/// Not empty and all `\s`.
fn all_space(gap: &[u8]) -> bool {
    !gap.is_empty() && gap.iter().all(|&x| is_ascii_space(x))
}

/// Whether a token (with `rest` the classes of its bytes after the first)
/// may have a kind in [`TRIGGERS`]. Only tokens of lower-case letters, maybe
/// capitalised, can be ruled out: such a token has a trigger kind only by
/// being one of the lower-case trigger words ([`TRIGGER_PAIRS`], by its
/// first two letters and length) in any case, or a month or weekday name
/// (by its first three letters); with a digit or `_` after a lower-case
/// first letter it has no kind at all.
fn may_trigger(tok: &[u8], rest: u8) -> bool {
    let first = tok[0];
    if first.is_ascii_uppercase() && rest & !C_LOWER == 0 {
        // a capitalised word ("The", "Smith"): its kinds are those of the
        // same word in lower case, and a month or weekday name's
        return month_by_prefix(tok).is_some()
            || weekday_kind(tok) != 0
            || lower_case_may_trigger(first.to_ascii_lowercase(), tok);
    }
    if !first.is_ascii_lowercase() || rest & C_UPPER != 0 {
        return true;
    }
    lower_case_may_trigger(first, tok)
}

/// [`may_trigger`] for a token of lower-case letters (but maybe its first,
/// given lower-cased as `first`), by its first two letters and length.
fn lower_case_may_trigger(first: u8, tok: &[u8]) -> bool {
    let n = tok.len();
    match tok.get(1) {
        Some(&c) if c.is_ascii_lowercase() && n < 16 => {
            TRIGGER_PAIRS[(first - b'a') as usize * 26 + (c - b'a') as usize] >> n & 1 != 0
        }
        _ => false,
    }
}

/// The lower-case words with a trigger kind: the keywords of such kinds, and
/// "date" (YTD) and "fiscal" (FISCAL), which [`token_kind`] checks by itself.
const TRIGGER_WORDS: [&[u8]; 2] = [b"date", b"fiscal"];

/// For each pair of first two lower-case letters, a bit per length of the
/// lower-case trigger words starting with them.
static TRIGGER_PAIRS: [u16; 26 * 26] = {
    let mut t = [0u16; 26 * 26];
    let mut i = 0;
    while i < KEYWORDS.len() + TRIGGER_WORDS.len() {
        let (w, k) = if i < KEYWORDS.len() {
            KEYWORDS[i]
        } else {
            (TRIGGER_WORDS[i - KEYWORDS.len()], TRIGGERS)
        };
        if k & TRIGGERS != 0 {
            t[(w[0] - b'a') as usize * 26 + (w[1] - b'a') as usize] |= 1 << w.len();
        }
        i += 1;
    }
    t
};

const C_LOWER: u8 = 1;
const C_UPPER: u8 = 2;
const C_OTHER: u8 = 4;

/// The class of each byte: 0 for a non-word byte, else lower-case letter,
/// upper-case letter or other word byte (digit, `_`).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_lowercase() {
            C_LOWER
        } else if b.is_ascii_uppercase() {
            C_UPPER
        } else if b.is_ascii_digit() || b == b'_' {
            C_OTHER
        } else {
            0
        };
        c += 1;
    }
    t
};

/// A year `@YEAR@` standing as a whole token: four digits starting 19 or 20.
const K_YEAR: u32 = 1;
/// `\d{1,2}(?:st|nd|rd|th)?`: the day of MDY and DMY.
const K_DAY: u32 = 1 << 1;
/// A month name or abbreviation of `@MONTH@` (case as written).
const K_MONTH: u32 = 1 << 2;
/// The relative word of REL_PERIOD (any case).
const K_REL: u32 = 1 << 3;
/// The unit of REL_PERIOD (any case).
const K_PERIOD: u32 = 1 << 4;
/// The unit of AGO (any case).
const K_AGO_UNIT: u32 = 1 << 5;
/// "ago" (any case).
const K_AGO: u32 = 1 << 6;
/// The last word of a YEAR_PREP preposition (any case).
const K_PREP: u32 = 1 << 7;
/// The ordinal of QUARTER_WORD (any case).
const K_ORD: u32 = 1 << 8;
/// The last word of a REL_DAY expression (any case).
const K_REL_DAY: u32 = 1 << 9;
/// "of", as DMY writes it.
const K_OF: u32 = 1 << 10;
/// Ends with a MONTH_REL month (`@MONTH_FULL@|Sept`), maybe glued to its
/// modifier ("midJanuary").
const K_MONTH_REL: u32 = 1 << 11;
/// Starts with a weekday name (WEEKDAY needs no `\b` after it).
const K_WEEKDAY: u32 = 1 << 12;
/// "date" or "YTD" (YTD).
const K_YTD: u32 = 1 << 13;
/// Starts with "FY", or is "fiscal" or "Fiscal" (FISCAL).
const K_FISCAL: u32 = 1 << 14;
/// Starts with "Q1" … "Q4" (QUARTER_Q).
const K_QN: u32 = 1 << 15;
/// Starts with "1Q" … "4Q" (QUARTER_NQ).
const K_NQ: u32 = 1 << 16;
/// "quarter", as QUARTER_WORD writes it.
const K_QUARTER: u32 = 1 << 17;
/// The last word of a MONTH_REL preposition or modifier (any case): "in",
/// "of" ("end of"), "last", "mid"...
const K_MREL: u32 = 1 << 18;
/// "morning", "afternoon", "evening": REL_DAY only after "this".
const K_DAYPART: u32 = 1 << 19;

/// The case-insensitive words of the patterns, with their kinds.
const KEYWORDS: [(&[u8], u32); 49] = [
    (b"this", K_REL | K_MREL),
    (b"last", K_REL | K_MREL),
    (b"next", K_REL | K_MREL),
    (b"past", K_REL),
    (b"previous", K_REL),
    (b"coming", K_REL),
    (b"week", K_PERIOD | K_AGO_UNIT),
    (b"month", K_PERIOD | K_AGO_UNIT),
    (b"year", K_PERIOD | K_AGO_UNIT),
    (b"quarter", K_PERIOD),
    (b"weeks", K_AGO_UNIT),
    (b"months", K_AGO_UNIT),
    (b"years", K_AGO_UNIT),
    (b"day", K_AGO_UNIT),
    (b"days", K_AGO_UNIT),
    (b"ago", K_AGO),
    (b"first", K_ORD),
    (b"second", K_ORD),
    (b"third", K_ORD),
    (b"fourth", K_ORD),
    (b"final", K_ORD),
    (b"today", K_REL_DAY),
    (b"tonight", K_REL_DAY),
    (b"yesterday", K_REL_DAY),
    (b"tomorrow", K_REL_DAY),
    (b"morning", K_REL_DAY | K_DAYPART),
    (b"afternoon", K_REL_DAY | K_DAYPART),
    (b"evening", K_REL_DAY | K_DAYPART),
    (b"in", K_PREP | K_MREL),
    (b"by", K_PREP | K_MREL),
    (b"since", K_PREP | K_MREL),
    (b"until", K_PREP | K_MREL),
    (b"till", K_PREP | K_MREL),
    (b"from", K_PREP | K_MREL),
    (b"through", K_PREP | K_MREL),
    (b"to", K_PREP),
    (b"during", K_PREP | K_MREL),
    (b"before", K_PREP | K_MREL),
    (b"after", K_PREP | K_MREL),
    (b"for", K_PREP),
    (b"between", K_PREP),
    (b"and", K_PREP),
    (b"early", K_PREP | K_MREL),
    (b"late", K_PREP | K_MREL),
    (b"of", K_PREP | K_MREL),
    (b"around", K_PREP),
    (b"circa", K_PREP),
    (b"throughout", K_MREL),
    (b"mid", K_MREL),
];

/// Up to 16 ASCII letters packed into an integer, lower-cased: equal keys are
/// equal words up to ASCII case.
const fn fold_key(w: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < w.len() {
        k = (k << 8) | w[i].to_ascii_lowercase() as u128;
        i += 1;
    }
    k
}

/// For each letter, the keywords starting with it (any case), as (key, length,
/// kinds); at most 9 share a letter ("t").
static BY_LETTER: [[(u128, usize, u32); 9]; 26] = {
    let mut t = [[(0u128, 0usize, 0u32); 9]; 26];
    let mut used = [0usize; 26];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let (w, k) = KEYWORDS[i];
        let l = (w[0] - b'a') as usize;
        t[l][used[l]] = (fold_key(w), w.len(), k);
        used[l] += 1;
        i += 1;
    }
    t
};

/// For each letter, a bit per length of the keywords starting with it: most
/// words ("the", "said") are ruled out by this look-up alone.
static LENGTHS: [u16; 26] = {
    let mut t = [0u16; 26];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let w = KEYWORDS[i].0;
        t[(w[0] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    t
};

/// The kinds (`K_*`) of one ASCII token; `rest` holds the classes of its bytes
/// after the first.
fn token_kind(tok: &[u8], rest: u8) -> u32 {
    let n = tok.len();
    let first = tok[0];
    let second = tok.get(1).copied();
    if first.is_ascii_digit() {
        let d = |i: usize| tok.get(i).is_some_and(u8::is_ascii_digit);
        if n == 4 && matches!(&tok[..2], b"19" | b"20") && d(2) && d(3) {
            return K_YEAR;
        }
        if matches!(first, b'1'..=b'4') && second == Some(b'Q') {
            return K_NQ;
        }
        let digits = if d(1) { 2 } else { 1 };
        return match &tok[digits..] {
            b"" | b"st" | b"nd" | b"rd" | b"th" => K_DAY,
            _ => 0,
        };
    }
    let mut kind = 0;
    let letter = first.to_ascii_lowercase().wrapping_sub(b'a') as usize;
    if letter < 26 && n <= 10 && LENGTHS[letter] & (1 << n) != 0 && rest & C_OTHER == 0 {
        let key = fold_key(tok);
        for &(k, l, kinds) in &BY_LETTER[letter] {
            if l == n && k == key {
                kind = kinds;
                break;
            }
        }
    }
    if kind & K_PREP != 0 && tok == b"of" {
        kind |= K_OF;
    }
    if kind & K_PERIOD != 0 && tok == b"quarter" {
        kind |= K_QUARTER;
    }
    match first {
        b'd' if tok == b"date" => kind |= K_YTD,
        b'f' | b'F' if &tok[1..] == b"iscal" => kind |= K_FISCAL,
        _ => {}
    }
    if first.is_ascii_uppercase() {
        if rest & !C_LOWER == 0 {
            // a capital and lower-case letters: a month or weekday name?
            kind |= month_kinds(tok) | weekday_kind(tok);
        } else {
            kind |= weekday_kind(tok);
            match (first, second) {
                (b'Q', Some(b'1'..=b'4')) => kind |= K_QN,
                (b'F', Some(b'Y')) => kind |= K_FISCAL,
                _ if tok == b"YTD" => kind |= K_YTD,
                _ => {}
            }
        }
    }
    if rest & C_UPPER != 0 {
        // "midJanuary": a month at the end after a capital inside
        kind |= glued_month(tok);
    }
    kind
}

/// The full month name or abbreviation starting with the three bytes of `t`.
fn month_by_prefix(t: &[u8]) -> Option<&'static [u8]> {
    Some(match t.get(..3)? {
        b"Jan" => b"January",
        b"Feb" => b"February",
        b"Mar" => b"March",
        b"Apr" => b"April",
        b"May" => b"May",
        b"Jun" => b"June",
        b"Jul" => b"July",
        b"Aug" => b"August",
        b"Sep" => b"September",
        b"Oct" => b"October",
        b"Nov" => b"November",
        b"Dec" => b"December",
        _ => return None,
    })
}

/// K_MONTH and K_MONTH_REL of a whole token.
fn month_kinds(tok: &[u8]) -> u32 {
    let Some(full) = month_by_prefix(tok) else {
        return 0;
    };
    if tok == full || tok == b"Sept" {
        K_MONTH | K_MONTH_REL
    } else if tok.len() == 3 {
        // "Jan" … "Dec" ("May" is the full name)
        K_MONTH
    } else {
        0
    }
}

/// K_MONTH_REL for a token ending in a capital and lower-case letters that
/// spell a full month name or "Sept".
fn glued_month(tok: &[u8]) -> u32 {
    let n = tok.len();
    let mut k = n;
    while k > 0 && n - k < 8 && tok[k - 1].is_ascii_lowercase() {
        k -= 1;
    }
    if k == 0 || !tok[k - 1].is_ascii_uppercase() {
        return 0;
    }
    month_kinds(&tok[k - 1..]) & K_MONTH_REL
}

/// K_WEEKDAY when a token starts with a weekday name.
fn weekday_kind(tok: &[u8]) -> u32 {
    let name: &[u8] = match tok.get(..3) {
        Some(b"Mon") => b"Monday",
        Some(b"Tue") => b"Tuesday",
        Some(b"Wed") => b"Wednesday",
        Some(b"Thu") => b"Thursday",
        Some(b"Fri") => b"Friday",
        Some(b"Sat") => b"Saturday",
        Some(b"Sun") => b"Sunday",
        _ => return 0,
    };
    if tok.starts_with(name) {
        K_WEEKDAY
    } else {
        0
    }
}

fn sentence_times(s: &str, article: Option<NaiveDate>) -> Vec<Cand> {
    use DatePrecision::*;
    let g = Gates::of(s);
    if g == Gates::default() {
        // no pattern can match: most sentences
        return Vec::new();
    }
    let mut out: Vec<Cand> = Vec::new();
    let mut push = |s: usize, e: usize, date: Option<NaiveDate>, precision: DatePrecision| {
        out.push(Cand {
            s,
            e,
            date,
            precision,
        })
    };
    let ay = article.map(|a| a.year());
    // the compiled form of each pattern for this sentence
    let ascii = s.is_ascii();
    let pick = |r: &'static AsciiFast| if ascii { r.ascii() } else { r.unicode() };
    // runs `$re` only when `$cond`, a necessary condition of a match, holds
    macro_rules! caps {
        ($re:expr, $cond:expr) => {
            IfIter(($cond).then(|| pick(&$re).captures_iter(s)))
        };
    }

    let isos = match (g.iso, ascii) {
        (false, _) => Vec::new(),
        (true, true) => scans::iso_ascii(s),
        (true, false) => four_groups(&ISO, s, ["y", "m", "d"]),
    };
    for (m, [y, mo, d]) in isos {
        if !standalone(s, m.start, m.end) {
            continue;
        }
        let (Some(y), Some(mo), Some(d)) = (num(&s[y]), num(&s[mo]), num(&s[d])) else {
            continue;
        };
        if let Some(date) = ymd(y as i32, mo, d) {
            push(m.start, m.end, Some(date), Day);
        }
    }
    let slashes = match (g.slash, ascii) {
        (false, _) => Vec::new(),
        (true, true) => scans::slash_ascii(s),
        (true, false) => four_groups(&SLASH, s, ["a", "b", "y"]),
    };
    for (m, [a, b, y]) in slashes {
        if !standalone(s, m.start, m.end) {
            continue;
        }
        let (Some(a), Some(b), Some(y)) = (num(&s[a]), num(&s[b]), num(&s[y])) else {
            continue;
        };
        let y = y as i32;
        let date = if a > 12 {
            ymd(y, b, a)
        } else if b > 12 || a == b {
            ymd(y, a, b)
        } else {
            None // 03/04/2025: day-month order unknown
        };
        if a >= 1 && b >= 1 && a <= 31 && b <= 31 {
            push(m.start, m.end, date, Day);
        }
    }
    let mdys = match (g.mdy, ascii) {
        (false, _) => Vec::new(),
        (true, true) => mdy_ascii(s),
        (true, false) => MDY
            .unicode()
            .captures_iter(s)
            .map(|c| DaySpans::of(&c))
            .collect(),
    };
    for c in mdys {
        let m = c.m;
        if !standalone(s, m.start, m.end) {
            continue;
        }
        let (Some(mo), Some(day)) = (month_number(&s[c.mon]), num(&s[c.d])) else {
            continue;
        };
        if !(1..=31).contains(&day) {
            continue;
        }
        let y =
            c.y.as_ref()
                .and_then(|y| num(&s[y.clone()]))
                .map(|y| y as i32)
                .or(ay);
        let date = y.and_then(|y| ymd(y, mo, day));
        if c.y.is_some() && date.is_none() {
            continue;
        }
        push(m.start, m.end, date, Day);
    }
    let dmys = match (g.dmy, ascii) {
        (false, _) => Vec::new(),
        (true, true) => dmy_ascii(s),
        (true, false) => DMY
            .unicode()
            .captures_iter(s)
            .map(|c| DaySpans::of(&c))
            .collect(),
    };
    for c in dmys {
        let m = c.m;
        let before_ok = match char_before(s, c.d.start) {
            None => true,
            Some(ch) => {
                !(ch.is_alphanumeric() || matches!(ch, '.' | ',' | '$' | '£' | '€' | '-' | '/'))
            }
        };
        if !before_ok {
            continue;
        }
        let (Some(mo), Some(day)) = (month_number(s[c.mon].trim()), num(&s[c.d])) else {
            continue;
        };
        if !(1..=31).contains(&day) {
            continue;
        }
        let y =
            c.y.as_ref()
                .and_then(|y| num(&s[y.clone()]))
                .map(|y| y as i32)
                .or(ay);
        let date = y.and_then(|y| ymd(y, mo, day));
        if c.y.is_some() && date.is_none() {
            continue;
        }
        let end = if c.y.is_none() && s[m.clone()].ends_with('.') {
            m.end - 1
        } else {
            m.end
        };
        push(m.start, end, date, Day);
    }
    let mys = match (g.my, ascii) {
        (false, _) => Vec::new(),
        (true, true) => my_ascii(s),
        (true, false) => three_groups(&MY, s, ["m", "y"]),
    };
    for (m, mon, y) in mys {
        if matches!(char_after(s, m.end), Some('%' | '-' | '/')) {
            continue;
        }
        let (Some(mo), Some(y)) = (month_number(s[mon].trim()), num(&s[y])) else {
            continue;
        };
        push(m.start, m.end, ymd(y as i32, mo, 1), Month);
    }
    let month_rels = match (g.month_rel, ascii) {
        (false, _) => Vec::new(),
        (true, true) => month_rel_ascii(s),
        (true, false) => MONTH_REL
            .unicode()
            .captures_iter(s)
            .map(|c| MonthRelSpans::of(&c))
            .collect(),
    };
    for c in month_rels {
        let Some(mo) = month_number(&s[c.mon.clone()]) else {
            continue;
        };
        // "May" right after "by"/"in" could still be the modal verb in odd text; require it capitalised (regex is case-sensitive)
        let (start, date) = match c.md {
            Some(md) => {
                let md_l = s[md.clone()].to_lowercase();
                let date = article.and_then(|a| match md_l.trim_end_matches('-') {
                    "last" => {
                        let y = if mo < a.month() {
                            a.year()
                        } else {
                            a.year() - 1
                        };
                        ymd(y, mo, 1)
                    }
                    "next" => {
                        let y = if mo > a.month() {
                            a.year()
                        } else {
                            a.year() + 1
                        };
                        ymd(y, mo, 1)
                    }
                    "this" => ymd(a.year(), mo, 1),
                    _ => most_recent_month(a, mo),
                });
                (md.start, date)
            }
            None => {
                let prep = c.prep.map(|p| s[p].to_lowercase()).unwrap_or_default();
                let date = article.and_then(|a| {
                    if matches!(prep.as_str(), "until" | "till" | "by" | "before") && mo > a.month()
                    {
                        ymd(a.year(), mo, 1)
                    } else {
                        most_recent_month(a, mo)
                    }
                });
                (c.mon.start, date)
            }
        };
        push(start, c.m.end, date, Month);
    }
    let weekdays = match (g.weekday, ascii) {
        (false, _) => Vec::new(),
        (true, true) => weekday_ascii(s),
        (true, false) => pick(&WEEKDAY)
            .captures_iter(s)
            .map(|c| WeekdaySpans {
                m: c.get(0).unwrap().range(),
                pre: c.name("pre").map(|p| p.range()),
                w: c.name("w").unwrap().range(),
                pl: c.name("pl").is_some(),
            })
            .collect(),
    };
    for c in weekdays {
        if c.pl {
            continue; // "on Mondays" is a habit, not a date
        }
        let w = &s[c.w.clone()];
        let m = c.m;
        // "Wednesday, September 17": the explicit date says it all
        let rest = &s[c.w.end..];
        let rest_t = rest.trim_start_matches([',', ' ', '\u{a0}']);
        if rest_t.len() < rest.len()
            && (rest_t.starts_with(|ch: char| ch.is_ascii_digit()) || month_prefix(rest_t))
        {
            continue;
        }
        let Some(wd) = weekday_from_name(w) else {
            continue;
        };
        let pre = c.pre.map(|p| s[p].to_lowercase());
        let start = if pre.is_some() { m.start } else { c.w.start };
        let date = article.map(|a| match pre.as_deref() {
            Some("last") | Some("this past") | Some("past") => {
                let d = resolve_weekday(a, wd);
                if d == a {
                    a.checked_sub_days(Days::new(7)).unwrap_or(a)
                } else {
                    d
                }
            }
            Some("next") | Some("this coming") | Some("coming") => {
                let d = next_weekday(a, wd);
                if d == a {
                    a.checked_add_days(Days::new(7)).unwrap_or(a)
                } else {
                    d
                }
            }
            _ => {
                if future_clause(s, start, m.end) {
                    next_weekday(a, wd)
                } else {
                    resolve_weekday(a, wd)
                }
            }
        });
        push(start, m.end, date, Day);
    }
    let rel_days = match (g.rel_day, ascii) {
        (false, _) => Vec::new(),
        // the match is all of group `x` (only `\b` around it)
        (true, true) => scans::rel_day_ascii(s)
            .into_iter()
            .map(|m| (m.clone(), m))
            .collect(),
        (true, false) => REL_DAY
            .unicode()
            .captures_iter(s)
            .map(|c| (c.get(0).unwrap().range(), c.name("x").unwrap().range()))
            .collect(),
    };
    for (m, x) in rel_days {
        let x = s[x].to_lowercase();
        let offset: i64 = if x.contains("before yesterday") {
            -2
        } else if x.contains("after tomorrow") {
            2
        } else if x.contains("yesterday") {
            -1
        } else if x.contains("tomorrow") {
            1
        } else {
            0
        };
        let date = article.and_then(|a| {
            if offset >= 0 {
                a.checked_add_days(Days::new(offset as u64))
            } else {
                a.checked_sub_days(Days::new((-offset) as u64))
            }
        });
        push(m.start, m.end, date, Day);
    }
    let rel_periods = match (g.rel_period, ascii) {
        (false, _) => Vec::new(),
        (true, true) => rel_period_ascii(s),
        (true, false) => three_groups(&REL_PERIOD, s, ["rel", "u"]),
    };
    for (m, rel, u) in rel_periods {
        let rel = s[rel].to_lowercase();
        let unit = s[u].to_lowercase();
        let step: i32 = match rel.as_str() {
            "last" | "past" | "previous" => -1,
            "next" | "coming" => 1,
            _ => 0,
        };
        let (precision, date) = match unit.as_str() {
            "week" => (
                Week,
                article.and_then(|a| {
                    let w = week_start(a);
                    shift_days(w, 7 * step as i64)
                }),
            ),
            "month" => (
                Month,
                article.and_then(|a| shift_months(month_start(a), step)),
            ),
            "quarter" => (
                Quarter,
                article.and_then(|a| {
                    quarter_start(a.year(), quarter_of(a)).and_then(|q| shift_months(q, 3 * step))
                }),
            ),
            _ => (Year, article.and_then(|a| ymd(a.year() + step, 1, 1))),
        };
        push(m.start, m.end, date, precision);
    }
    let agos = match (g.ago, ascii) {
        (false, _) => Vec::new(),
        (true, true) => ago_ascii(s),
        (true, false) => three_groups(&AGO, s, ["n", "u"]),
    };
    for (m, n, u) in agos {
        let Some(n) = small_number(&s[n]) else {
            continue;
        };
        let unit = s[u].to_lowercase();
        let (precision, date) = if unit.starts_with("day") {
            (Day, article.and_then(|a| shift_days(a, -(n as i64))))
        } else if unit.starts_with("week") {
            (
                Week,
                article.and_then(|a| shift_days(week_start(a), -7 * n as i64)),
            )
        } else if unit.starts_with("month") {
            (
                Month,
                article.and_then(|a| shift_months(month_start(a), -(n as i32))),
            )
        } else {
            (Year, article.and_then(|a| ymd(a.year() - n as i32, 1, 1)))
        };
        push(m.start, m.end, date, precision);
    }
    for m in finds(&YTD, scans::ytd_ascii, g.ytd, s) {
        push(
            m.start,
            m.end,
            article.and_then(|a| ymd(a.year(), 1, 1)),
            Year,
        );
    }
    let year_preps = match (g.year_prep, ascii) {
        (false, _) => Vec::new(),
        (true, true) => year_prep_ascii(s),
        (true, false) => three_groups(&YEAR_PREP, s, ["pre", "y"]),
    };
    for (m, pre, y) in year_preps {
        if !standalone(s, y.start, y.end) && !matches!(char_after(s, y.end), Some('\'' | '’')) {
            continue;
        }
        let pre_start = pre.start;
        let pre = s[pre].to_lowercase();
        if pre == "and" {
            // only "between 2020 and 2025"
            let before = &s[..pre_start];
            let mut toks = before.split_whitespace().rev();
            let y1 = toks.next().unwrap_or("");
            let b = toks.next().unwrap_or("");
            if !(y1.len() == 4
                && y1.bytes().all(|x| x.is_ascii_digit())
                && b.eq_ignore_ascii_case("between"))
            {
                continue;
            }
        }
        if matches!(
            pre.as_str(),
            "of" | "for" | "and" | "to" | "around" | "circa"
        ) {
            // "of 2000 stores" is a count
            let next: String = s[y.end..]
                .trim_start()
                .chars()
                .take_while(|ch| ch.is_alphabetic())
                .collect();
            if next.len() > 2 && next.ends_with('s') && next.chars().all(|ch| ch.is_lowercase()) {
                continue;
            }
        }
        let Some(yv) = num(&s[y.clone()]) else {
            continue;
        };
        let start = if pre.starts_with("early") || pre.starts_with("late") {
            m.start
        } else {
            y.start
        };
        push(start, y.end, ymd(yv as i32, 1, 1), Year);
    }
    let year_mids = match (g.year_mid, ascii) {
        (false, _) => Vec::new(),
        (true, true) => year_mid_ascii(s),
        (true, false) => three_groups(&YEAR_MID, s, ["y", "y"]),
    };
    for (m, y, _) in year_mids {
        let Some(yv) = num(&s[y]) else { continue };
        if matches!(char_after(s, m.end), Some('%' | '-')) {
            continue;
        }
        push(m.start, m.end, ymd(yv as i32, 1, 1), Year);
    }
    let year_posses = match (g.year_poss, ascii) {
        (false, _) => Vec::new(),
        (true, true) => year_poss_ascii(s),
        (true, false) => three_groups(&YEAR_POSS, s, ["y", "y"]),
    };
    for (_, y, _) in year_posses {
        if char_before(s, y.start).is_some_and(|ch| ch.is_alphanumeric() || ch == '-') {
            continue;
        }
        let Some(yv) = num(&s[y.clone()]) else {
            continue;
        };
        push(y.start, y.end, ymd(yv as i32, 1, 1), Year);
    }
    for m in finds(&FISCAL, scans::fiscal_ascii, g.fiscal, s) {
        push(m.start, m.end, None, Year);
    }
    for c in caps!(QUARTER_Q, g.quarter_q) {
        let m = c.get(0).unwrap();
        if !standalone(s, m.start(), m.end()) {
            continue;
        }
        let Some(q) = num(&c["q"]) else { continue };
        let date = if c.name("fy").is_some() {
            None
        } else if let Some(y) = c.name("y") {
            num(y.as_str()).and_then(|y| quarter_start(y as i32, q))
        } else if let Some(y2) = c.name("y2") {
            num(y2.as_str()).and_then(|y| quarter_start(2000 + y as i32, q))
        } else {
            ay.and_then(|y| quarter_start(y, q))
        };
        push(m.start(), m.end(), date, Quarter);
    }
    for c in caps!(QUARTER_NQ, g.quarter_nq) {
        let m = c.get(0).unwrap();
        if !standalone(s, m.start(), m.end()) {
            continue;
        }
        let (Some(q), Some(y)) = (num(&c["q"]), num(&c["y"])) else {
            continue;
        };
        let y = if y < 100 { 2000 + y } else { y };
        push(m.start(), m.end(), quarter_start(y as i32, q), Quarter);
    }
    for c in caps!(QUARTER_WORD, g.quarter_word) {
        let m = c.get(0).unwrap();
        let q = match c["ord"].to_lowercase().as_str() {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            _ => 4,
        };
        let date = if c.name("fis").is_some() {
            None
        } else if let Some(y) = c.name("y") {
            num(y.as_str()).and_then(|y| quarter_start(y as i32, q))
        } else {
            ay.and_then(|y| quarter_start(y, q))
        };
        let end = match (c.name("y"), c.name("fis")) {
            (Some(y), _) => y.end(),
            _ => c.get(0).unwrap().start() + c["ord"].len() + "-quarter".len(),
        };
        push(m.start(), end.min(m.end()), date, Quarter);
    }
    out
}

/// A match with two groups: (whole match, first group, second group).
type Groups = (Range<usize>, Range<usize>, Range<usize>);

/// The matches of a three-group pattern in its Unicode form (for non-ASCII
/// text), as its hand matcher gives them on ASCII text.
fn four_groups(r: &AsciiFast, s: &str, names: [&str; 3]) -> Vec<scans::Parts> {
    r.unicode()
        .captures_iter(s)
        .map(|c| {
            let group = |n: &str| c.name(n).unwrap().range();
            (c.get(0).unwrap().range(), names.map(group))
        })
        .collect()
}

/// The matches of a pattern when `gate` holds: by `hand` on ASCII text, by
/// the pattern's Unicode form on other text.
fn finds(
    r: &AsciiFast,
    hand: fn(&str) -> Vec<Range<usize>>,
    gate: bool,
    s: &str,
) -> Vec<Range<usize>> {
    match (gate, s.is_ascii()) {
        (false, _) => Vec::new(),
        (true, true) => hand(s),
        (true, false) => r.unicode().find_iter(s).map(|m| m.range()).collect(),
    }
}

/// The matches of a two-group pattern in its Unicode form (for non-ASCII text).
fn three_groups(r: &AsciiFast, s: &str, names: [&str; 2]) -> Vec<Groups> {
    r.unicode()
        .captures_iter(s)
        .map(|c| {
            let group = |n: &str| c.name(n).unwrap().range();
            (c.get(0).unwrap().range(), group(names[0]), group(names[1]))
        })
        .collect()
}

/// The tokens (`[0-9A-Za-z_]` runs) of ASCII text, as (start, end).
fn ascii_tokens(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(b.len() / 4 + 1);
    let mut i = 0;
    while i < b.len() {
        if CLASS[b[i] as usize] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && CLASS[b[i] as usize] != 0 {
            i += 1;
        }
        out.push((start, i));
    }
    out
}

/// Tokens of ASCII text with the word tests the hand matchers need. A match
/// of a pattern's ASCII form is made of whole tokens (see [`Gates::ascii`]).
struct Tokens<'a> {
    b: &'a [u8],
    t: Vec<(usize, usize)>,
}

impl<'a> Tokens<'a> {
    fn of(s: &'a str) -> Tokens<'a> {
        Tokens {
            b: s.as_bytes(),
            t: ascii_tokens(s.as_bytes()),
        }
    }

    /// The bytes between token `k` and the next one, if there is one.
    fn gap_after(&self, k: usize) -> Option<&'a [u8]> {
        let next = self.t.get(k + 1)?;
        Some(&self.b[self.t[k].1..next.0])
    }

    /// Whether token `k` is one of `words` (any case).
    fn is(&self, k: usize, words: &[&str]) -> bool {
        self.t.get(k).is_some_and(|&(x, y)| {
            words
                .iter()
                .any(|w| self.b[x..y].eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    /// Whether token `k` has a token after it across `\s+` only.
    fn space_after(&self, k: usize) -> bool {
        k + 1 < self.t.len() && all_space(&self.b[self.t[k].1..self.t[k + 1].0])
    }

    /// Whether token `k` is `@YEAR@` standing alone: four ASCII digits, 19xx or 20xx.
    fn is_year(&self, k: usize) -> bool {
        self.t.get(k).is_some_and(|&(x, y)| {
            y - x == 4
                && matches!(&self.b[x..x + 2], b"19" | b"20")
                && self.b[x + 2..y].iter().all(u8::is_ascii_digit)
        })
    }

    fn range(&self, from: usize, to: usize) -> Range<usize> {
        self.t[from].0..self.t[to].1
    }
}

/// REL_PERIOD's matches in ASCII text, read off its tokens: an optional
/// "earlier"/"later", a relative word and a unit, any case, `\s+` between.
/// At each token the regex tries the optional word first, and no token is
/// both that word and a relative word, so these are its leftmost-first
/// matches, as (match, `rel`, `u`).
fn rel_period_ascii(s: &str) -> Vec<Groups> {
    const REL: &[&str] = &["this", "last", "next", "past", "previous", "coming"];
    const UNIT: &[&str] = &["week", "month", "quarter", "year"];
    let t = Tokens::of(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.t.len() {
        let r = i + usize::from(t.is(i, &["earlier", "later"]) && t.space_after(i));
        if t.is(r, REL) && t.space_after(r) && t.is(r + 1, UNIT) {
            out.push((t.range(i, r + 1), t.range(r, r), t.range(r + 1, r + 1)));
            i = r + 2;
        } else {
            i += 1;
        }
    }
    out
}

/// YEAR_PREP's matches in ASCII text, read off its tokens: a preposition
/// (one word, or "end"/"start"/"beginning" `\s+` "of"), `\s+`, a year. No
/// token starts both a one-word and a two-word preposition, so these are the
/// regex's leftmost-first matches, as (match, `pre`, `y`).
fn year_prep_ascii(s: &str) -> Vec<Groups> {
    const ONE: &[&str] = &[
        "in", "by", "since", "until", "till", "from", "through", "to", "during", "before", "after",
        "for", "between", "and", "early", "late", "around", "circa", "of",
    ];
    let t = Tokens::of(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.t.len() {
        // a match needs a year one or two tokens on: most tokens have none,
        // and this is far cheaper than comparing them with the prepositions
        if !t.is_year(i + 1) && !t.is_year(i + 2) {
            i += 1;
            continue;
        }
        let two =
            t.is(i, &["end", "start", "beginning"]) && t.space_after(i) && t.is(i + 1, &["of"]);
        // the last token of the preposition
        let p = i + usize::from(two);
        if (two || t.is(i, ONE)) && t.space_after(p) && t.is_year(p + 1) {
            out.push((t.range(i, p + 1), t.range(i, p), t.range(p + 1, p + 1)));
            i = p + 2;
        } else {
            i += 1;
        }
    }
    out
}

/// AGO's matches in ASCII text, read off its tokens: a count (a number word
/// or one or two digits), a unit and "ago", any case, `\s+` between; each
/// a whole token, so one way to match at a token (match, `n`, `u`).
fn ago_ascii(s: &str) -> Vec<Groups> {
    const COUNT: &[&str] = &[
        "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    const UNIT: &[&str] = &[
        "day", "days", "week", "weeks", "month", "months", "year", "years",
    ];
    let t = Tokens::of(s);
    let digits = |k: usize| {
        let (x, y) = t.t[k];
        y - x <= 2 && t.b[x..y].iter().all(u8::is_ascii_digit)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.t.len() {
        if (t.is(i, COUNT) || digits(i))
            && t.space_after(i)
            && t.is(i + 1, UNIT)
            && t.space_after(i + 1)
            && t.is(i + 2, &["ago"])
        {
            out.push((t.range(i, i + 2), t.range(i, i), t.range(i + 1, i + 1)));
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// YEAR_MID's matches in ASCII text: "mid", "early", "late" or "end" (any
/// case), a hyphen, a year (match, `y`, `y`).
fn year_mid_ascii(s: &str) -> Vec<Groups> {
    let t = Tokens::of(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.t.len() {
        if t.is(i, &["mid", "early", "late", "end"])
            && t.gap_after(i) == Some(b"-")
            && t.is_year(i + 1)
        {
            let y = t.range(i + 1, i + 1);
            out.push((t.range(i, i + 1), y.clone(), y));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// YEAR_POSS's matches in ASCII text: a year, an apostrophe, "s" (match,
/// `y`, `y`).
fn year_poss_ascii(s: &str) -> Vec<Groups> {
    let t = Tokens::of(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.t.len() {
        if t.is_year(i) && t.gap_after(i) == Some(b"'") && t.b[t.t[i + 1].0..t.t[i + 1].1] == *b"s"
        {
            let y = t.range(i, i);
            out.push((t.range(i, i + 1), y.clone(), y));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// MY's matches in ASCII text (match, `m`, `y`): at each capital letter
/// after `\b`, a month name ([`month_any_at`]) and the year that must follow
/// it ([`year_after`]: an optional ',', `\s+`, a year and `\b`). Each part
/// has one way to match at a place and matches do not overlap, so the scan
/// goes on after each one.
fn my_ascii(s: &str) -> Vec<Groups> {
    let b = s.as_bytes();
    scans::word_start_matches(
        b,
        |c| c.is_ascii_uppercase(),
        |i| {
            let m_end = month_any_at(b, i)?;
            let y = year_after(b, m_end)?;
            Some((y.end, (i..m_end, y)))
        },
    )
    .into_iter()
    .map(|(m, (mon, y))| (m, mon, y))
    .collect()
}

/// The groups of an MDY or DMY match: the match, `m` (the month, with an
/// abbreviation's '.'), `d` and `y` if it matched.
#[derive(Debug, PartialEq)]
struct DaySpans {
    m: Range<usize>,
    mon: Range<usize>,
    d: Range<usize>,
    y: Option<Range<usize>>,
}

impl DaySpans {
    /// The groups of one MDY or DMY regex match.
    fn of(c: &regex::Captures) -> DaySpans {
        DaySpans {
            m: c.get(0).unwrap().range(),
            mon: c.name("m").unwrap().range(),
            d: c.name("d").unwrap().range(),
            y: c.name("y").map(|y| y.range()),
        }
    }
}

/// `@MONTH@` at `i` of ASCII text (case-sensitive, `\b` after the name, an
/// abbreviation maybe followed by one '.'): the end of the match. At most one
/// name fits at a place ("Sep" before "t" has no `\b`), and a '.' after an
/// abbreviation is taken whenever it is there: what follows the month in
/// MDY, DMY and MY ('.', `\s`, ',' or the end) could never follow without it.
fn month_any_at(b: &[u8], i: usize) -> Option<usize> {
    const FULL: [&[u8]; 12] = [
        b"January",
        b"February",
        b"March",
        b"April",
        b"May",
        b"June",
        b"July",
        b"August",
        b"September",
        b"October",
        b"November",
        b"December",
    ];
    const ABBR: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"Jun", b"Jul", b"Aug", b"Sept", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let rest = &b[i..];
    // every name and abbreviation starts with one of these (most capitals don't)
    month_by_prefix(rest)?;
    let word = |k: usize| {
        b.get(k)
            .is_some_and(|&c| crate::text::is_ascii_word_byte(c))
    };
    let fits = |n: &&&[u8]| rest.starts_with(n) && !word(i + n.len());
    match (FULL.iter().find(fits), ABBR.iter().find(fits)) {
        (Some(n), _) => Some(i + n.len()),
        (None, Some(n)) => Some(i + n.len() + usize::from(b.get(i + n.len()) == Some(&b'.'))),
        (None, None) => None,
    }
}

/// The end of the digits of `\d{1,2}` at `j`: one or two ASCII digits, as
/// many as there are (with a third digit after two, the patterns' `\b` or
/// `\s+` after the day fails at either length).
fn day_digits(b: &[u8], j: usize) -> Option<usize> {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if !digit(j) {
        return None;
    }
    Some(j + 1 + usize::from(digit(j + 1)))
}

/// Whether an ordinal suffix (`st|nd|rd|th`) starts at `k`.
fn ordinal_at(b: &[u8], k: usize) -> bool {
    matches!(b.get(k..k + 2), Some(b"st" | b"nd" | b"rd" | b"th"))
}

/// MDY's and DMY's optional `(?:,?\s+(?P<y>@YEAR@)\b)?` from `k`: the
/// year's span. ',' is taken whenever it is there, as `\s+` cannot start
/// with it; the greedy `\s+` leaves nothing a year could start with.
fn year_after(b: &[u8], k: usize) -> Option<Range<usize>> {
    let k = k + usize::from(b.get(k) == Some(&b','));
    let y = scans::spaces(b, k)?;
    (scans::year_at(b, y) && !scans::word(b, y + 4)).then_some(y..y + 4)
}

/// MDY's matches in ASCII text, from each month name after `\b`: `\s+`, a
/// day token (one or two digits, maybe an ordinal suffix, `\b` after: the
/// whole token) and the optional year. There is one way to match at a place
/// (see [`month_any_at`], [`day_digits`], [`year_after`]) and matches do
/// not overlap, so the scan goes on after each one.
fn mdy_ascii(s: &str) -> Vec<DaySpans> {
    let b = s.as_bytes();
    let word = |k: usize| scans::word(b, k);
    day_matches(
        b,
        |c| c.is_ascii_uppercase(),
        |i| {
            let m_end = month_any_at(b, i)?;
            let d = scans::spaces(b, m_end)?;
            let d_end = day_digits(b, d)?;
            let end = if ordinal_at(b, d_end) && !word(d_end + 2) {
                d_end + 2
            } else if !word(d_end) {
                d_end
            } else {
                return None;
            };
            let y = year_after(b, end);
            Some(DaySpans {
                m: i..y.as_ref().map_or(end, |y| y.end),
                mon: i..m_end,
                d: d..d_end,
                y,
            })
        },
    )
}

/// DMY's matches in ASCII text, from each token start: a day (one or two
/// digits, maybe an ordinal suffix, then `\s+`), maybe "of" and `\s+`, a
/// month name and the optional year. The day ends where `\s` follows its
/// digits or its suffix, never both; "of" and a month name cannot start at
/// the same place; so there is one way to match at a place, and matches do
/// not overlap.
fn dmy_ascii(s: &str) -> Vec<DaySpans> {
    let b = s.as_bytes();
    day_matches(
        b,
        |c| c.is_ascii_digit(),
        |i| {
            let d_end = day_digits(b, i)?;
            let suffix = if ordinal_at(b, d_end) { 2 } else { 0 };
            let j = scans::spaces(b, d_end + suffix)?;
            let (mon, m_end) = match month_any_at(b, j) {
                Some(e) => (j, e),
                None if b[j..].starts_with(b"of") => {
                    let k = scans::spaces(b, j + 2)?;
                    (k, month_any_at(b, k)?)
                }
                None => return None,
            };
            let y = year_after(b, m_end);
            Some(DaySpans {
                m: i..y.as_ref().map_or(m_end, |y| y.end),
                mon: mon..m_end,
                d: i..d_end,
                y,
            })
        },
    )
}

/// MDY's or DMY's matches: those of [`scans::word_start_matches`] from each
/// `\b` before a byte `first` accepts, `at(i)` giving the match at `i`.
fn day_matches(
    b: &[u8],
    first: impl Fn(u8) -> bool,
    at: impl Fn(usize) -> Option<DaySpans>,
) -> Vec<DaySpans> {
    scans::word_start_matches(b, first, |i| at(i).map(|f| (f.m.end, f)))
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// The groups of a MONTH_REL match: the match, `m`, `prep` and `mod`.
#[derive(Debug, PartialEq)]
struct MonthRelSpans {
    m: Range<usize>,
    mon: Range<usize>,
    prep: Option<Range<usize>>,
    md: Option<Range<usize>>,
}

impl MonthRelSpans {
    /// The groups of one MONTH_REL regex match.
    fn of(c: &regex::Captures) -> MonthRelSpans {
        MonthRelSpans {
            m: c.get(0).unwrap().range(),
            mon: c.name("m").unwrap().range(),
            prep: c.name("prep").map(|p| p.range()),
            md: c.name("mod").map(|p| p.range()),
        }
    }
}

/// MONTH_REL's matches in ASCII text, from each month name of
/// `@MONTH_FULL@|Sept` (case-sensitive, `\b` after it, none needed before).
/// A match starts at `\b` and reaches the name through a preposition and
/// `\s+`, or a modifier and `\s+`, '-' or nothing, so its start is a token
/// start at most two tokens back: a modifier glued to the name is the rest
/// of the name's token ("midJanuary"); else the token before the name
/// decides, as a modifier ("mid" may keep one '-' as "mid-" and then take
/// `\s+` or another '-'), a one-word preposition, or "of" after
/// "end"/"start"/"beginning" across `\s+`. No word is both, so each name
/// has at most one match, and none of these words is a month name, so no
/// match reaches back into an earlier one.
fn month_rel_ascii(s: &str) -> Vec<MonthRelSpans> {
    const NAMES: [&[u8]; 13] = [
        b"January",
        b"February",
        b"March",
        b"April",
        b"May",
        b"June",
        b"July",
        b"August",
        b"September",
        b"October",
        b"November",
        b"December",
        b"Sept",
    ];
    const MODS: [&str; 6] = ["last", "next", "this", "early", "late", "mid"];
    const PREPS: [&str; 11] = [
        "in",
        "since",
        "from",
        "until",
        "till",
        "by",
        "during",
        "through",
        "throughout",
        "before",
        "after",
    ];
    let b = s.as_bytes();
    let word = |k: usize| {
        b.get(k)
            .is_some_and(|&c| crate::text::is_ascii_word_byte(c))
    };
    let is = |r: &Range<usize>, w: &str| b[r.clone()].eq_ignore_ascii_case(w.as_bytes());
    let is_mod = |r: &Range<usize>| MODS.iter().any(|w| is(r, w));
    // the token before the non-word bytes before `i`
    let token_before = |i: usize| -> Option<Range<usize>> {
        let mut e = i;
        while e > 0 && !word(e - 1) {
            e -= 1;
        }
        let mut st = e;
        while st > 0 && word(st - 1) {
            st -= 1;
        }
        (st < e).then_some(st..e)
    };
    let mut out: Vec<MonthRelSpans> = Vec::new();
    for p in 0..b.len() {
        if !b[p].is_ascii_uppercase() || month_by_prefix(&b[p..]).is_none() {
            continue;
        }
        let Some(n) = NAMES
            .iter()
            .find(|n| b[p..].starts_with(n) && !word(p + n.len()))
        else {
            continue;
        };
        let mon = p..p + n.len();
        let mut start = p;
        while start > 0 && word(start - 1) {
            start -= 1;
        }
        // (prep, mod)
        let found = if start < p {
            let md = start..p;
            is_mod(&md).then_some((None, Some(md)))
        } else {
            token_before(p).and_then(|t| {
                let gap = &b[t.end..p];
                if all_space(gap) {
                    if is_mod(&t) {
                        Some((None, Some(t)))
                    } else if PREPS.iter().any(|w| is(&t, w)) {
                        Some((Some(t), None))
                    } else if is(&t, "of") {
                        let t2 = token_before(t.start)?;
                        let two = all_space(&b[t2.end..t.start])
                            && ["end", "start", "beginning"].iter().any(|w| is(&t2, w));
                        two.then_some((Some(t2.start..t.end), None))
                    } else {
                        None
                    }
                } else if is(&t, "mid")
                    && gap[0] == b'-'
                    && (gap.len() == 1 || gap == b"--" || all_space(&gap[1..]))
                {
                    Some((None, Some(t.start..t.end + 1)))
                } else if gap == b"-" && is_mod(&t) {
                    Some((None, Some(t)))
                } else {
                    None
                }
            })
        };
        if let Some((prep, md)) = found {
            let st = prep.as_ref().or(md.as_ref()).map_or(p, |r| r.start);
            out.push(MonthRelSpans {
                m: st..mon.end,
                mon,
                prep,
                md,
            });
        }
    }
    out
}

/// The groups of a `WEEKDAY` match: the match, `pre`, `w` and whether `pl`
/// matched.
#[derive(Debug, PartialEq)]
struct WeekdaySpans {
    m: Range<usize>,
    pre: Option<Range<usize>>,
    w: Range<usize>,
    pl: bool,
}

/// WEEKDAY's matches in ASCII text. Every match holds one weekday name
/// (case-sensitive, after `\b`, with no `\b` needed after it), found by
/// its "day"; `s\b` after it is `pl`. A modifier is a whole token (any case)
/// before the name across `\s+`: the regex, trying each start from the
/// left, takes "this coming"/"this past" (two tokens back) before a
/// one-token modifier, before none. No modifier is a weekday name, so no
/// modifier is part of an earlier match.
fn weekday_ascii(s: &str) -> Vec<WeekdaySpans> {
    const NAMES: [&[u8]; 7] = [
        b"Monday",
        b"Tuesday",
        b"Wednesday",
        b"Thursday",
        b"Friday",
        b"Saturday",
        b"Sunday",
    ];
    let b = s.as_bytes();
    let word = |c: u8| crate::text::is_ascii_word_byte(c);
    // the token that ends right before `\s+` before `i`
    let token_before = |i: usize| -> Option<Range<usize>> {
        let mut j = i;
        while j > 0 && is_ascii_space(b[j - 1]) {
            j -= 1;
        }
        if j == i || j == 0 || !word(b[j - 1]) {
            return None;
        }
        let mut k = j;
        while k > 0 && word(b[k - 1]) {
            k -= 1;
        }
        Some(k..j)
    };
    let is = |r: &Range<usize>, w: &str| b[r.clone()].eq_ignore_ascii_case(w.as_bytes());
    let mut out = Vec::new();
    for (pos, _) in s.match_indices("day") {
        let end = pos + 3;
        let Some(n) = NAMES
            .iter()
            .find(|n| end >= n.len() && b[end - n.len()..end] == ***n)
        else {
            continue;
        };
        let start = end - n.len();
        if start > 0 && word(b[start - 1]) {
            continue;
        }
        let pl = b.get(end) == Some(&b's') && !b.get(end + 1).is_some_and(|&c| word(c));
        let prev = token_before(start);
        let two = prev.as_ref().and_then(|p| {
            let p2 = token_before(p.start)?;
            (is(&p2, "this") && (is(p, "coming") || is(p, "past"))).then_some(p2.start..p.end)
        });
        let pre = two.or_else(|| {
            prev.filter(|p| {
                ["last", "next", "this", "past", "coming"]
                    .iter()
                    .any(|w| is(p, w))
            })
        });
        out.push(WeekdaySpans {
            m: pre.as_ref().map_or(start, |p| p.start)..if pl { end + 1 } else { end },
            pre,
            w: start..end,
            pl,
        });
    }
    out
}

/// The items of an iterator that may not have been made: a cheaper
/// `Option<I>` flattening than `.into_iter().flatten()`, which moves three
/// copies of a regex iterator about for every pattern a gate skips.
struct IfIter<I>(Option<I>);

impl<I: Iterator> Iterator for IfIter<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        self.0.as_mut()?.next()
    }
}

fn month_prefix(s: &str) -> bool {
    static R: LazyLock<AsciiFast> = LazyLock::new(|| re(r"^@MONTH@"));
    if s.is_ascii() {
        scans::month_prefix_ascii(s)
    } else {
        R.unicode().is_match(s)
    }
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new((-n) as u64))
    }
}

fn shift_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new((-n) as u32))
    }
}

fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| (b.e - b.s).cmp(&(a.e - a.s)).then(a.s.cmp(&b.s)));
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

/// All time expressions of a document's body, sorted by span.
pub fn extract(doc: &Document) -> Vec<TimeExpr> {
    let text = doc.text();
    let article = doc.meta.date;
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
    let mut out = Vec::new();
    for unit in units {
        let r = doc.bytes(unit);
        let Some(s) = text.get(r.clone()) else {
            continue;
        };
        for c in select(sentence_times(s, article)) {
            out.push(TimeExpr {
                span: doc.span(r.start + c.s, r.start + c.e),
                date: c.date,
                precision: c.precision,
                extractor: EXTRACTOR,
            });
        }
    }
    out.sort_by_key(|t| t.span);
    out.dedup_by(|b, a| a.span.overlaps(b.span));
    out
}

#[cfg(test)]
mod tests {
    /// MY's hand matcher finds the regex's matches and groups on generated
    /// ASCII sentences of month names, near-names, years and separators.
    #[test]
    fn my_ascii_matches_the_regex() {
        const TOKENS: &[&str] = &[
            "Jan", "January", "Sept", "Sep", "Sept.", "Sep.", "May", "Mayor", "June", "Jun",
            "june", "Decem", "December", "Nov", "2020", "1987", "2100", "20201", "19", "x", "_",
            "in", "3", "Oct_", "JanFeb",
        ];
        const SEPS: &[&str] = &[
            " ", " ", ", ", ".", ". ", "\t", "  ", "", "-", ",", "\x0B", "/", "%", "_",
        ];
        let mut rng = crate::text::XorShift(0x6d79_5f61_7363_6969);
        let mut hits = 0;
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + rng.below(7) {
                t.push_str(TOKENS[rng.below(TOKENS.len())]);
                t.push_str(SEPS[rng.below(SEPS.len())]);
            }
            let want: Vec<Groups> = MY
                .ascii()
                .captures_iter(&t)
                .map(|c| {
                    let group = |n: &str| c.name(n).unwrap().range();
                    (c.get(0).unwrap().range(), group("m"), group("y"))
                })
                .collect();
            assert_eq!(my_ascii(&t), want, "{t:?}");
            assert_eq!(three_groups(&MY, &t, ["m", "y"]), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits >= 1000, "{hits}");
    }

    /// MDY's and DMY's hand matchers find the regexes' matches and groups on
    /// generated ASCII sentences of month names, near-names, days, years and
    /// separators.
    #[test]
    fn mdy_and_dmy_by_hand_find_the_regex_captures() {
        const TOKENS: &[&str] = &[
            "Jan", "January", "Sept", "Sep", "Sept.", "Sep.", "May", "Mayor", "June", "Jun",
            "june", "Decem", "December", "Nov", "Nov.", "2020", "1987", "2100", "20201", "19", "x",
            "_", "in", "of", "Of", "ofx", "3", "12", "123", "1st", "2nd", "23rd", "4th", "12th",
            "12st", "4thx", "th", "0", "99", "Oct_", "JanFeb", "3x",
        ];
        const SEPS: &[&str] = &[
            " ", " ", " ", ", ", ".", ". ", "\t", "  ", "", "", "-", ",", "\x0B", "/", "%", "_",
            "\n",
        ];
        let mut rng = crate::text::XorShift(0x6d64_795f_646d_7921);
        // matches of MDY, DMY, and of each with a year
        let mut hits = [0usize; 4];
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + rng.below(8) {
                t.push_str(TOKENS[rng.below(TOKENS.len())]);
                t.push_str(SEPS[rng.below(SEPS.len())]);
            }
            let want: Vec<DaySpans> = MDY
                .ascii()
                .captures_iter(&t)
                .map(|c| DaySpans::of(&c))
                .collect();
            assert_eq!(mdy_ascii(&t), want, "MDY {t:?}");
            hits[0] += want.len();
            hits[2] += want.iter().filter(|d| d.y.is_some()).count();
            let want: Vec<DaySpans> = DMY
                .ascii()
                .captures_iter(&t)
                .map(|c| DaySpans::of(&c))
                .collect();
            assert_eq!(dmy_ascii(&t), want, "DMY {t:?}");
            hits[1] += want.len();
            hits[3] += want.iter().filter(|d| d.y.is_some()).count();
        }
        assert!(hits[0] >= 1000 && hits[1] >= 1000, "{hits:?}");
        assert!(hits[2] >= 50 && hits[3] >= 50, "{hits:?}");
    }

    /// MONTH_REL's hand matcher finds the regex's matches and groups on
    /// generated ASCII sentences of month names, prepositions, modifiers,
    /// near-words and separators.
    #[test]
    fn month_rel_by_hand_finds_the_regex_captures() {
        const TOKENS: &[&str] = &[
            "January",
            "Sept",
            "Sep",
            "September",
            "May",
            "Mayor",
            "June",
            "june",
            "Decem",
            "in",
            "IN",
            "In",
            "inn",
            "since",
            "through",
            "throughout",
            "Throughout",
            "by",
            "of",
            "end",
            "End",
            "start",
            "beginning",
            "last",
            "LAST",
            "next",
            "this",
            "early",
            "late",
            "mid",
            "Mid",
            "midst",
            "midMarch",
            "lastMay",
            "xMay",
            "lateSept",
            "mid-",
            "x",
            "_",
            "3",
            "the",
        ];
        const SEPS: &[&str] = &[
            " ", " ", " ", "  ", "\t", "\n", "", "", "-", "-", "--", "- ", " -", ",", ".", "_",
        ];
        let mut rng = crate::text::XorShift(0x6d6f_6e74_685f_7265);
        // matches with a preposition, with a modifier
        let mut hits = [0usize; 2];
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + rng.below(7) {
                t.push_str(TOKENS[rng.below(TOKENS.len())]);
                t.push_str(SEPS[rng.below(SEPS.len())]);
            }
            let want: Vec<MonthRelSpans> = MONTH_REL
                .ascii()
                .captures_iter(&t)
                .map(|c| MonthRelSpans::of(&c))
                .collect();
            assert_eq!(month_rel_ascii(&t), want, "{t:?}");
            hits[0] += want.iter().filter(|m| m.prep.is_some()).count();
            hits[1] += want.iter().filter(|m| m.md.is_some()).count();
        }
        assert!(hits.iter().all(|&h| h >= 1000), "{hits:?}");
    }

    use super::*;
    use crate::document::Meta;
    use crate::extract::sentences::SentenceSplitter;
    use crate::extract::zones::Zoner;
    use DatePrecision::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn run(body: &str, date: Option<NaiveDate>) -> Document {
        let text = format!("Test Headline For Dates\n\n{body}\n");
        let mut doc = Document::new(
            text,
            Meta {
                date,
                ..Default::default()
            },
        );
        Zoner.run(&mut doc);
        SentenceSplitter.run(&mut doc);
        DateExtractor.run(&mut doc);
        doc
    }

    /// (text, date, precision) of every expression.
    fn got(doc: &Document) -> Vec<(&str, Option<NaiveDate>, DatePrecision)> {
        doc.times
            .iter()
            .map(|t| (doc.slice(t.span), t.date, t.precision))
            .collect()
    }

    fn find<'a>(doc: &'a Document, t: &str) -> &'a TimeExpr {
        doc.times
            .iter()
            .find(|x| doc.slice(x.span) == t)
            .unwrap_or_else(|| panic!("no time {t:?} in {:?}", got(doc)))
    }

    fn run_wed(body: &str) -> Document {
        run(body, wed())
    }

    // 2025-09-17 was a Wednesday.
    const WED: (i32, u32, u32) = (2025, 9, 17);

    fn wed() -> Option<NaiveDate> {
        Some(d(WED.0, WED.1, WED.2))
    }

    #[test]
    fn weekday_helpers() {
        let a = d(2025, 9, 17);
        assert_eq!(resolve_weekday(a, Weekday::Wed), a);
        assert_eq!(resolve_weekday(a, Weekday::Tue), d(2025, 9, 16));
        assert_eq!(resolve_weekday(a, Weekday::Thu), d(2025, 9, 11));
        assert_eq!(next_weekday(a, Weekday::Fri), d(2025, 9, 19));
        assert_eq!(next_weekday(a, Weekday::Wed), a);
        assert_eq!(week_start(a), d(2025, 9, 15));
        assert_eq!(quarter_start(2025, 3), Some(d(2025, 7, 1)));
        assert_eq!(most_recent_month(a, 1), Some(d(2025, 1, 1)));
        assert_eq!(most_recent_month(a, 11), Some(d(2024, 11, 1)));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Sep."), Some(9));
        assert_eq!(month_number("Septembre"), None);
    }

    #[test]
    fn weekdays_resolve_to_the_most_recent_on_or_before() {
        let doc = run("China's tech rally shows no signs of slowing, with shares gaining on Wednesday as players raise funds.", wed());
        assert_eq!(got(&doc), vec![("Wednesday", wed(), Day)]);
        let doc = run("Tencent tapped the offshore yuan market on Tuesday, issuing bonds to several investors.", wed());
        assert_eq!(find(&doc, "Tuesday").date, Some(d(2025, 9, 16)));
        let doc = run(
            "Wednesday’s jump left the Hang Seng Tech Index ahead of other key Asian gauges today.",
            wed(),
        );
        assert_eq!(find(&doc, "Wednesday").date, wed());
        assert_eq!(find(&doc, "Wednesday").precision, Day);
        let doc = run("Chinese tech stocks extended their rally Thursday, fueled by investor enthusiasm for AI.", wed());
        assert_eq!(find(&doc, "Thursday").date, Some(d(2025, 9, 11)));
    }

    #[test]
    fn future_and_modified_weekdays() {
        let doc = run("President Donald Trump said he will speak with Chinese leader Xi Jinping on Friday about trade.", wed());
        assert_eq!(find(&doc, "Friday").date, Some(d(2025, 9, 19)));
        let doc = run(
            "The central bank cut rates last Wednesday and will meet again next Monday to decide.",
            wed(),
        );
        assert_eq!(find(&doc, "last Wednesday").date, Some(d(2025, 9, 10)));
        assert_eq!(find(&doc, "next Monday").date, Some(d(2025, 9, 22)));
        let doc = run(
            "The market is usually quiet on Mondays and busier on Fridays for most traders.",
            wed(),
        );
        assert!(doc.times.is_empty(), "{:?}", got(&doc));
    }

    #[test]
    fn relative_days() {
        let a = Some(d(2025, 9, 25));
        let doc = run("Today's trading session saw two major drivers, and Alibaba's CEO revealed yesterday new plans for tomorrow.", a);
        assert_eq!(find(&doc, "Today").date, a);
        assert_eq!(find(&doc, "yesterday").date, Some(d(2025, 9, 24)));
        assert_eq!(find(&doc, "tomorrow").date, Some(d(2025, 9, 26)));
        let doc = run(
            "Shares fell sharply this morning after the company warned on profits for the year.",
            a,
        );
        assert_eq!(find(&doc, "this morning").date, a);
        assert_eq!(find(&doc, "this morning").precision, Day);
    }

    #[test]
    fn absolute_dates() {
        let a = Some(d(2025, 9, 25));
        let doc = run("On September 24th, Morgan Stanley predicted in a research report that capacity would grow.", a);
        assert_eq!(
            got(&doc),
            vec![("September 24th", Some(d(2025, 9, 24)), Day)]
        );
        let doc = run("The report was published on Sep 17, 2025 and revised on 17 September 2025 and on 2025-09-18 again.", a);
        assert_eq!(find(&doc, "Sep 17, 2025").date, Some(d(2025, 9, 17)));
        assert_eq!(find(&doc, "17 September 2025").date, Some(d(2025, 9, 17)));
        assert_eq!(find(&doc, "2025-09-18").date, Some(d(2025, 9, 18)));
        let doc = run("The firm issued a trading update for the three months to 31 August 2025 covering the quarter.", a);
        assert_eq!(find(&doc, "31 August 2025").date, Some(d(2025, 8, 31)));
        assert_eq!(find(&doc, "31 August 2025").precision, Day);
    }

    #[test]
    fn month_day_without_year_uses_article_year_or_none() {
        let doc = run("Markets showed renewed strength on the morning of September 25th, with the index rising.", Some(d(2025, 9, 25)));
        assert_eq!(find(&doc, "September 25th").date, Some(d(2025, 9, 25)));
        let doc = run("Markets showed renewed strength on the morning of September 25th, with the index rising.", None);
        let t = find(&doc, "September 25th");
        assert_eq!(t.date, None);
        assert_eq!(t.precision, Day);
        let doc = run("Meanwhile absolute dates like 17 September 2025 still resolve without an article date.", None);
        assert_eq!(find(&doc, "17 September 2025").date, Some(d(2025, 9, 17)));
    }

    #[test]
    fn weeks_months_years() {
        let doc = run("Alibaba collected $3.2 billion last week, and the premier visited the site earlier this week.", wed());
        let lw = find(&doc, "last week");
        assert_eq!((lw.date, lw.precision), (Some(d(2025, 9, 8)), Week));
        assert_eq!(find(&doc, "earlier this week").date, Some(d(2025, 9, 15)));
        let doc = run("The Wall Street Journal reported last month that an event is planned later this month in Hangzhou.", wed());
        assert_eq!(find(&doc, "last month").date, Some(d(2025, 8, 1)));
        assert_eq!(find(&doc, "last month").precision, Month);
        assert_eq!(find(&doc, "later this month").date, Some(d(2025, 9, 1)));
        let doc = run(
            "So far this year, the gauge has risen 42% and its year-to-date gain is large.",
            wed(),
        );
        let ty = find(&doc, "this year");
        assert_eq!((ty.date, ty.precision), (Some(d(2025, 1, 1)), Year));
        assert_eq!(find(&doc, "year-to-date").date, Some(d(2025, 1, 1)));
        let doc = run("The startup's offering made waves in January and the index peaked in February 2021 and November 2021.", wed());
        let jan = find(&doc, "January");
        assert_eq!((jan.date, jan.precision), (Some(d(2025, 1, 1)), Month));
        assert_eq!(find(&doc, "February 2021").date, Some(d(2021, 2, 1)));
        assert_eq!(find(&doc, "November 2021").precision, Month);
        let doc = run(
            "The startup made waves in November, according to several analysts in the region.",
            wed(),
        );
        assert_eq!(find(&doc, "November").date, Some(d(2024, 11, 1)));
    }

    #[test]
    fn bare_years_need_a_preposition() {
        let a = Some(d(2025, 9, 25));
        let doc = run("Second, the 2025 JD Global Technology Explorer Conference was held in Beijing by the company.", a);
        assert!(doc.times.is_empty(), "{:?}", got(&doc));
        let doc = run("Capacity will grow annually from 2026 to 2032, nearly equal to additions in 2025 and by 2030.", a);
        let g = got(&doc);
        assert_eq!(
            g,
            vec![
                ("2026", Some(d(2026, 1, 1)), Year),
                ("2032", Some(d(2032, 1, 1)), Year),
                ("2025", Some(d(2025, 1, 1)), Year),
                ("2030", Some(d(2030, 1, 1)), Year),
            ]
        );
        let doc = run("Positions are approaching historical peaks from mid-2024, unlike the 1980s and 1990s markets.", a);
        assert_eq!(got(&doc), vec![("mid-2024", Some(d(2024, 1, 1)), Year)]);
        let doc = run(
            "Profits doubled between 2020 and 2024, the company said in its annual report today.",
            a,
        );
        assert_eq!(find(&doc, "2024").date, Some(d(2024, 1, 1)));
        assert_eq!(find(&doc, "2020").precision, Year);
        let doc = run(
            "The chain has grown to 2000 stores and 2025 expected sales look strong for the group.",
            a,
        );
        assert!(doc.times.is_empty(), "{:?}", got(&doc));
    }

    #[test]
    fn quarters_and_fiscal_periods() {
        let a = Some(d(2025, 9, 17));
        let doc = run("Revenue in Q1 2025 rose while the first quarter of 2024 was weak and 3Q25 looked better.", a);
        let q = find(&doc, "Q1 2025");
        assert_eq!((q.date, q.precision), (Some(d(2025, 1, 1)), Quarter));
        assert_eq!(
            find(&doc, "first quarter of 2024").date,
            Some(d(2024, 1, 1))
        );
        assert_eq!(find(&doc, "3Q25").date, Some(d(2025, 7, 1)));
        let doc = run("IG Group issued a trading update for the three months to 31 August 2025 (“Q1 FY26”) covering the quarter.", a);
        let f = find(&doc, "Q1 FY26");
        assert_eq!((f.date, f.precision), (None, Quarter));
        assert_eq!(find(&doc, "31 August 2025").date, Some(d(2025, 8, 31)));
        let doc = run("The company expects margins to improve in the second quarter and in fiscal 2026 overall.", a);
        assert_eq!(find(&doc, "second quarter").date, Some(d(2025, 4, 1)));
        let fy = find(&doc, "fiscal 2026");
        assert_eq!((fy.date, fy.precision), (None, Year));
        let doc = run(
            "Sales rose last quarter and should rise further next quarter according to management.",
            a,
        );
        assert_eq!(find(&doc, "last quarter").date, Some(d(2025, 4, 1)));
        assert_eq!(find(&doc, "next quarter").date, Some(d(2025, 10, 1)));
    }

    #[test]
    fn relative_expressions_without_article_date_are_kept_unresolved() {
        let doc = run("Chinese technology shares rallied on Wednesday as bets lifted an index, up 42% this year.", None);
        let g = got(&doc);
        assert_eq!(g, vec![("Wednesday", None, Day), ("this year", None, Year)]);
    }

    #[test]
    fn never_day_precision_without_a_day() {
        let doc = run("Shares hit highs in September 2025 and again in early October, analysts said this week.", wed());
        for t in &doc.times {
            assert_ne!(t.precision, Day, "{:?}", doc.slice(t.span));
        }
        assert_eq!(find(&doc, "early October").date, Some(d(2024, 10, 1)));
    }

    #[test]
    fn ago_expressions() {
        let doc = run("The elevated momentum marks a sharp reversal from just a year ago, and from two weeks ago too.", wed());
        let y = find(&doc, "a year ago");
        assert_eq!((y.date, y.precision), (Some(d(2024, 1, 1)), Year));
        assert_eq!(find(&doc, "two weeks ago").date, Some(d(2025, 9, 1)));
    }

    #[test]
    fn only_body_and_not_numbers_or_tickers() {
        let doc = run("Baidu Inc. (BIDU, 9888.HK) shares climbed over 5%, and 19 of the 20 indicators look high.\n\nDisclaimer: Investing carries risk since 2020.", wed());
        assert!(doc.times.is_empty(), "{:?}", got(&doc));
    }

    #[test]
    fn time_in_finds_expressions_inside_a_span() {
        let doc = run(
            "Tencent on Wednesday said it planned to issue debt. Alibaba raised money last week.",
            wed(),
        );
        let s0 = doc.sentences[0].span;
        let i = time_in(&doc, s0).unwrap();
        assert_eq!(doc.slice(doc.times[i].span), "Wednesday");
        let s1 = doc.sentences[1].span;
        let j = best_time_in(&doc, s1).unwrap();
        assert_eq!(doc.times[j].precision, Week);
        assert_eq!(time_in(&doc, Span::new(0, 3)), None);
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
            let d = run_wed(&t);
            for x in &d.times {
                let _ = d.slice(x.span);
            }
        }
    }

    #[test]
    fn capitalised_prepositions_slashes_and_ago() {
        let doc = run("In March, exports rose; in Q3 they fell, and a filing dated 09/17/2025 showed it, with 03/04/2025 unclear.", wed());
        assert_eq!(find(&doc, "March").date, Some(d(2025, 3, 1)));
        assert_eq!(find(&doc, "Q3").date, Some(d(2025, 7, 1)));
        assert_eq!(find(&doc, "09/17/2025").date, Some(d(2025, 9, 17)));
        let amb = find(&doc, "03/04/2025");
        assert_eq!((amb.date, amb.precision), (None, Day));
        let doc = run("Stocks fell on Friday, Sept. 12, after data showed inflation rose in August, the most since January 2023.", wed());
        assert_eq!(got(&doc)[0], ("Sept. 12", Some(d(2025, 9, 12)), Day));
        assert!(doc.times.iter().all(|t| doc.slice(t.span) != "Friday"));
        assert_eq!(find(&doc, "August").date, Some(d(2025, 8, 1)));
        assert_eq!(find(&doc, "January 2023").precision, Month);
    }

    /// The pre-checks are necessary conditions: whenever one rules a pattern
    /// out, the pattern indeed finds nothing.
    #[test]
    fn probe_never_rules_out_a_match() {
        const TOKENS: &[&str] = &[
            "1",
            "7",
            "2025",
            "1999",
            "19",
            "20",
            "٣",
            "12",
            "-",
            "/",
            "'",
            "’",
            "s",
            "Q",
            "Q3",
            "3Q",
            "FY",
            "fiscal",
            "Fiscal",
            "year",
            "YEAR",
            "Year-to-date",
            "YTD",
            "date",
            "to",
            "in",
            "mid",
            "early",
            "since",
            "January",
            "Sept",
            "Sep",
            "May",
            "mar",
            "Monday",
            "day",
            "last",
            "next",
            "this",
            "Past",
            "coming",
            "week",
            "MONTH",
            "quarter",
            "first",
            "Third",
            "of",
            "the",
            "fiscal",
            "today",
            "TONIGHT",
            "morning",
            "evening",
            "yesterday",
            "yeſterday",
            "tomorrow",
            "earlier",
            "two",
            "an",
            "ago",
            "AGO",
            "days",
            "\u{212A}",
            "é",
            "_",
            "\u{a0}",
            " ",
            " ",
            ",",
            ".",
        ];
        for t in crate::text::token_sentences(TOKENS, 10, 3000) {
            let p = Probe::of(&t);
            let has = |x: &str| t.contains(x);
            let checks: [(&str, &AsciiFast, bool); 18] = [
                ("ISO", &ISO, p.year && has("-")),
                ("SLASH", &SLASH, p.year && has("/")),
                ("MDY", &MDY, p.digit && p.month),
                ("DMY", &DMY, p.digit && p.month),
                ("MY", &MY, p.year && p.month),
                ("MONTH_REL", &MONTH_REL, p.month),
                ("WEEKDAY", &WEEKDAY, has("day")),
                ("REL_DAY", &REL_DAY, p.rel_day),
                ("REL_PERIOD", &REL_PERIOD, p.rel && p.period),
                ("AGO", &AGO, p.ago),
                ("YTD", &YTD, has("date") || has("YTD")),
                ("YEAR_PREP", &YEAR_PREP, p.year),
                ("YEAR_MID", &YEAR_MID, p.year && has("-")),
                ("YEAR_POSS", &YEAR_POSS, p.year && (has("'") || has("’"))),
                ("FISCAL", &FISCAL, has("FY") || has("iscal")),
                ("QUARTER_Q", &QUARTER_Q, p.ascii_digit && has("Q")),
                ("QUARTER_NQ", &QUARTER_NQ, p.ascii_digit && has("Q")),
                ("QUARTER_WORD", &QUARTER_WORD, p.quarter),
            ];
            for (name, r, may) in checks {
                crate::extract::pattern::assert_gate(name, r, may, &t);
            }
            if t.is_ascii() {
                assert_tighter(Gates::ascii(&t), Gates::ascii_reference(&t), &t);
            }
            for g in [Gates::any(&t), Gates::of(&t)] {
                for (name, r, may) in gate_checks(&g) {
                    crate::extract::pattern::assert_gate(name, r, may, &t);
                }
            }
        }
    }

    #[test]
    fn not_lower_case_marks_the_other_bytes() {
        let mut rng = crate::text::XorShift(0x1405_7b7e_f767_814f);
        for _ in 0..100_000 {
            let w = rng.next_u64();
            // bias towards letters and their neighbours
            let w = if w & 1 == 0 {
                w & 0x3F3F_3F3F_3F3F_3F3F | 0x4040_4040_4040_4040
            } else {
                w
            };
            let want = w
                .to_le_bytes()
                .iter()
                .enumerate()
                .filter(|(_, b)| !b.is_ascii_lowercase())
                .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
            assert_eq!(not_lower_case(w), want, "{w:#x}");
        }
    }

    /// The look-back gates are the reference gates, but for MONTH_REL and
    /// REL_DAY, which they may close where the reference opens them (the
    /// pattern checks show those closings are right).
    fn assert_tighter(g: Gates, mut reference: Gates, t: &str) {
        assert!(!g.month_rel || reference.month_rel, "{t:?}");
        assert!(!g.rel_day || reference.rel_day, "{t:?}");
        reference.month_rel = g.month_rel;
        reference.rel_day = g.rel_day;
        assert_eq!(g, reference, "{t:?}");
    }

    #[test]
    fn hand_matchers_find_the_regex_captures() {
        const TOKENS: &[&str] = &[
            "earlier",
            "Later",
            "this",
            "LAST",
            "next",
            "past",
            "previous",
            "coming",
            "week",
            "weeks",
            "month",
            "Quarter",
            "year",
            "years",
            "in",
            "IN",
            "of",
            "end",
            "End",
            "start",
            "beginning",
            "for",
            "and",
            "between",
            "to",
            "early",
            "circa",
            "1987",
            "2025",
            "2100",
            "19",
            "20255",
            "1999_",
            "x",
            "_",
            "2025s",
            "(",
            "the",
            "ago",
            "AGO",
            "a",
            "An",
            "two",
            "Twelve",
            "3",
            "12",
            "123",
            "day",
            "Days",
            "mid",
            "Late",
            "s",
            "S",
        ];
        const SEPS: &[&str] = &[
            " ", " ", " ", "  ", "\t", "\n", "", "-", "-", ",", ".", "'", "'", " - ", "--",
        ];
        const FOCUS: &[&str] = &[
            "2025", "1987", "2100", "s", "S", "mid", "End", "late", "x", "ago", "Ago", "an", "two",
            "12", "123", "days", "Year", "month",
        ];
        let mut rng = crate::text::XorShift(0xa54f_f53a_5f1d_36f1);
        let mut hits = [0usize; 5];
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + rng.below(7) {
                t.push_str(TOKENS[rng.below(TOKENS.len())]);
                t.push_str(SEPS[rng.below(SEPS.len())]);
            }
            let regex = |r: &AsciiFast, names: [&str; 2]| -> Vec<Groups> {
                r.ascii()
                    .captures_iter(&t)
                    .map(|c| {
                        let group = |n: &str| c.name(n).unwrap().range();
                        (c.get(0).unwrap().range(), group(names[0]), group(names[1]))
                    })
                    .collect()
            };
            let want = regex(&REL_PERIOD, ["rel", "u"]);
            assert_eq!(rel_period_ascii(&t), want, "{t:?}");
            hits[0] += want.len();
            let want = regex(&YEAR_PREP, ["pre", "y"]);
            assert_eq!(year_prep_ascii(&t), want, "{t:?}");
            hits[1] += want.len();
            // the Unicode form finds the same on ASCII text
            assert_eq!(three_groups(&YEAR_PREP, &t, ["pre", "y"]), want, "{t:?}");
            // and a sentence of the words of AGO, YEAR_MID and YEAR_POSS
            let mut u = String::new();
            for _ in 0..1 + rng.below(6) {
                u.push_str(FOCUS[rng.below(FOCUS.len())]);
                u.push_str(SEPS[rng.below(SEPS.len())]);
            }
            for t in [&t, &u] {
                let regex = |r: &AsciiFast, names: [&str; 2]| -> Vec<Groups> {
                    r.ascii()
                        .captures_iter(t)
                        .map(|c| {
                            let group = |n: &str| c.name(n).unwrap().range();
                            (c.get(0).unwrap().range(), group(names[0]), group(names[1]))
                        })
                        .collect()
                };
                let want = regex(&AGO, ["n", "u"]);
                assert_eq!(ago_ascii(t), want, "{t:?}");
                hits[2] += want.len();
                let want = regex(&YEAR_MID, ["y", "y"]);
                assert_eq!(year_mid_ascii(t), want, "{t:?}");
                hits[3] += want.len();
                let want = regex(&YEAR_POSS, ["y", "y"]);
                assert_eq!(year_poss_ascii(t), want, "{t:?}");
                hits[4] += want.len();
            }
        }
        // AGO and YEAR_POSS need rarer runs of words and separators
        let least = [300, 300, 50, 300, 80];
        assert!((0..5).all(|k| hits[k] >= least[k]), "{hits:?}");
    }

    /// The hand-written WEEKDAY matcher finds the regex's groups on ASCII text.
    #[test]
    fn weekday_by_hand_finds_the_regex_captures() {
        const TOKENS: &[&str] = &[
            "last",
            "LAST",
            "next",
            "this",
            "This",
            "coming",
            "past",
            "Past",
            "lastly",
            "on",
            "Monday",
            "Mondays",
            "Mondaysx",
            "Mondayx",
            "monday",
            "xMonday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Fridays",
            "Saturday",
            "Sunday",
            "Sun",
            "day",
            "s",
            "_",
            "1",
        ];
        const SEPS: &[&str] = &[" ", " ", "  ", "\t", "\n", "", "-", ",", ".", "'", ", "];
        let mut rng = crate::text::XorShift(0x005e_edda_7e0f_ce11);
        let mut hits = 0;
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + rng.below(7) {
                t.push_str(TOKENS[rng.below(TOKENS.len())]);
                t.push_str(SEPS[rng.below(SEPS.len())]);
            }
            let want: Vec<WeekdaySpans> = WEEKDAY
                .ascii()
                .captures_iter(&t)
                .map(|c| WeekdaySpans {
                    m: c.get(0).unwrap().range(),
                    pre: c.name("pre").map(|p| p.range()),
                    w: c.name("w").unwrap().range(),
                    pl: c.name("pl").is_some(),
                })
                .collect();
            hits += want.iter().filter(|w| w.pre.is_some()).count();
            assert_eq!(weekday_ascii(&t), want, "{t:?}");
        }
        assert!(hits > 3000, "{hits}");
    }

    /// Each gate with its pattern.
    fn gate_checks(g: &Gates) -> [(&'static str, &'static AsciiFast, bool); 18] {
        [
            ("ISO", &ISO, g.iso),
            ("SLASH", &SLASH, g.slash),
            ("MDY", &MDY, g.mdy),
            ("DMY", &DMY, g.dmy),
            ("MY", &MY, g.my),
            ("MONTH_REL", &MONTH_REL, g.month_rel),
            ("WEEKDAY", &WEEKDAY, g.weekday),
            ("REL_DAY", &REL_DAY, g.rel_day),
            ("REL_PERIOD", &REL_PERIOD, g.rel_period),
            ("AGO", &AGO, g.ago),
            ("YTD", &YTD, g.ytd),
            ("YEAR_PREP", &YEAR_PREP, g.year_prep),
            ("YEAR_MID", &YEAR_MID, g.year_mid),
            ("YEAR_POSS", &YEAR_POSS, g.year_poss),
            ("FISCAL", &FISCAL, g.fiscal),
            ("QUARTER_Q", &QUARTER_Q, g.quarter_q),
            ("QUARTER_NQ", &QUARTER_NQ, g.quarter_nq),
            ("QUARTER_WORD", &QUARTER_WORD, g.quarter_word),
        ]
    }

    /// The word gates of ASCII text are necessary conditions too: short
    /// random sentences, dense in the patterns' words in all cases and glued by
    /// every kind of separator, never match a pattern whose gate is off; and
    /// every pattern matches often enough for this to mean something.
    #[test]
    fn ascii_gates_never_rule_out_a_match() {
        const TOKENS: &[&str] = &[
            "throughout",
            "end of",
            "By",
            "THIS",
            "afternoon",
            "Mid-",
            "mid--",
            "1",
            "7",
            "12",
            "31",
            "24th",
            "1st",
            "2nd",
            "3rd",
            "2025",
            "1999",
            "2100",
            "19",
            "20",
            "202",
            "20255",
            "Q",
            "Q3",
            "Q5",
            "3Q",
            "3Q25",
            "4Q2024",
            "FY",
            "FY26",
            "FY2025",
            "fiscal",
            "Fiscal",
            "FISCAL",
            "year",
            "Year",
            "YEAR",
            "years",
            "date",
            "Date",
            "YTD",
            "to",
            "in",
            "In",
            "IN",
            "by",
            "of",
            "Of",
            "and",
            "between",
            "end",
            "start",
            "mid",
            "Mid",
            "early",
            "late",
            "since",
            "around",
            "circa",
            "January",
            "Sept",
            "Sep",
            "Septs",
            "May",
            "may",
            "Mar",
            "March",
            "Marches",
            "midJanuary",
            "lastMay",
            "xSept",
            "Dec",
            "Decs",
            "Monday",
            "Mondays",
            "Fridayx",
            "xFriday",
            "monday",
            "day",
            "days",
            "last",
            "LAST",
            "next",
            "this",
            "This",
            "past",
            "Past",
            "previous",
            "coming",
            "past",
            "week",
            "Week",
            "weeks",
            "month",
            "MONTH",
            "months",
            "quarter",
            "Quarter",
            "first",
            "Third",
            "final",
            "fourth",
            "today",
            "Today",
            "TONIGHT",
            "tonight",
            "morning",
            "evening",
            "afternoon",
            "yesterday",
            "tomorrow",
            "the",
            "before",
            "after",
            "earlier",
            "later",
            "two",
            "an",
            "a",
            "ago",
            "AGO",
            "Ago",
            "st",
            "th",
            "_",
            "x",
            "2025_",
            "_2025",
            "2025-09-17",
            "1999-1-31",
            "2025-09-1x",
            "09/17/2025",
            "3/4/2025",
            "3/4/20255",
            "17 September 2025",
            "Sep 17, 2025",
            "Sept. 12",
            "24th of May",
            "March 2025",
            "Mar., 2025",
            "last week",
            "this Year",
            "next quarter",
            "two weeks ago",
            "a year ago",
            "year-to-date",
            "in 2025",
            "end of 2025",
            "mid-2024",
            "2025's",
            "fiscal 2025",
            "FY 26",
            "Q1 2025",
            "Q3 FY26",
            "3Q25",
            "first quarter",
            "second-quarter",
            "last Monday",
            "this morning",
            "the day before yesterday",
            "early-January",
            "LastJanuary",
            "midSept",
            "McMarch",
            "SEPTEMBER",
            "MondayX",
            "Monday_",
            "Q1x",
            "FYx",
            "YTDs",
            "dates",
            "Fiscal2025",
            "iscal",
            "of_",
            "In_",
            "QUARTER",
            "Quarter",
        ];
        const SEPS: &[&str] = &[
            " ", " ", " ", " ", "  ", "", "-", "/", ".", ". ", ", ", ",", "'", "'s ", "\t", "\n",
            " - ", "%", "$",
        ];
        let mut rng = crate::text::XorShift(0x853c_49e6_748f_ea9b);
        let mut hits = [0usize; 18];
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..2 + rng.below(6) {
                t.push_str(TOKENS[rng.below(TOKENS.len())]);
                t.push_str(SEPS[rng.below(SEPS.len())]);
            }
            let g = Gates::of(&t);
            assert_eq!(g, Gates::ascii(&t));
            assert_tighter(g, Gates::ascii_reference(&t), &t);
            for (k, (name, r, may)) in gate_checks(&g).into_iter().enumerate() {
                crate::extract::pattern::assert_gate(name, r, may, &t);
                if may && r.ascii().is_match(&t) {
                    hits[k] += 1;
                }
            }
        }
        for (k, (name, _, _)) in gate_checks(&Gates::default()).into_iter().enumerate() {
            assert!(hits[k] >= 100, "{name} matched only {} times", hits[k]);
        }
    }

    #[test]
    fn no_panic_on_unicode() {
        for t in [
            "来源 Cryptopolitan 星期三 2025年9月17日 on Wednesday’s “Sep 17, 2025” and ３月 in\u{a0}2024.",
            "Q5 Q0 0Q25 32 September 2025 September 0 2025-13-45 99/99/2025 00/00/2025 mid- in 20",
            "in May, may in May 2025; on Sept. 3, Sept 31 2025, 31 February 2025, Feb 29 2025",
        ] {
            let doc = run(t, wed());
            for x in &doc.times {
                let _ = doc.slice(x.span);
            }
        }
    }
}
