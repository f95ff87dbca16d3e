//! Sentence splitting of body zones.
//!
//! Rule-based: a sentence ends at `.`, `!` or `?` (plus closing quotes or
//! brackets) followed by whitespace and an uppercase letter, digit or opening
//! quote, unless the period ends an abbreviation ("Inc.", "U.S.", "Corp.") that
//! is not followed by a typical sentence opener. Line breaks always end one.

use crate::document::{Document, Sentence};
use crate::pipeline::{layer, Extractor};
use crate::text::is_function_word;

pub struct SentenceSplitter;

const ABBREVIATIONS: &[&str] = &[
    "Inc", "Ltd", "Corp", "Co", "Cos", "Plc", "plc", "LLC", "Bhd", "Mr", "Mrs", "Ms", "Dr", "Prof",
    "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "No", "vs", "etc", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "est", "Fig", "Ave", "Dept",
    "Mt", "Ft", "S.A", "N.V", "U.S", "U.K", "U.N", "E.U", "S", "U",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    ABBREVIATIONS.contains(&w)
        || (w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        || (w.contains('.') && w.split('.').all(|p| p.len() <= 2 && !p.is_empty()))
}

impl Extractor for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::ZONES]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::SENTENCES]
    }
    fn run(&self, doc: &mut Document) {
        let mut out = Vec::new();
        for z in doc.body_spans() {
            let r = doc.bytes(z);
            for (s, e) in split(&doc.text()[r.clone()]) {
                out.push(Sentence {
                    span: doc.span(r.start + s, r.start + e),
                });
            }
        }
        out.sort_by_key(|s| s.span);
        doc.sentences = out;
    }
}

/// Whether the line break at byte `b` ends a sentence. Wire copy wraps long
/// sentences over several lines ("…in\nthe Bahia cocoa zone…"): a break inside a
/// long line that does not end in punctuation, followed directly by more text,
/// is a wrap. Paragraph breaks, indented lines, headings, list items and lines
/// ending in terminal punctuation are boundaries. `line_start` is the byte after
/// the previous line break (or 0), which the caller tracks so the line need not
/// be searched for again.
///
/// Of the next line only its first character counts: none (the text ends), a
/// line break or other whitespace means an empty, blank or indented line, a
/// boundary; any other character is also the first after trimming. So the
/// next line is never searched for its end.
fn line_break_ends_sentence(text: &str, line_start: usize, b: usize) -> bool {
    let first = match text[b + 1..].chars().next() {
        Some(c) if !c.is_whitespace() => c,
        _ => return true,
    };
    let line = text[line_start..b].trim_end_matches('\r');
    let t = line.trim_end();
    if t.is_empty()
        || t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '—', '–'])
        || char_count_below_50(t)
    {
        return true;
    }
    // bullets and numbered items start new units
    matches!(first, '•' | '-' | '*' | '–' | '—')
}

/// The first byte at or after `i` that may end a sentence (`\n`, `.`, `!`,
/// `?`), or the length: eight bytes at a time while none of them is one
/// (a word has a zero byte after `xor` with a repeated mark exactly when the
/// classic `(x - 0x01…) & !x & 0x80…` test is non-zero).
fn next_mark(bytes: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(LO) & !x & HI;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap());
        if zero_in(w ^ (LO * b'\n' as u64))
            | zero_in(w ^ (LO * b'.' as u64))
            | zero_in(w ^ (LO * b'!' as u64))
            | zero_in(w ^ (LO * b'?' as u64))
            != 0
        {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !matches!(bytes[i], b'\n' | b'.' | b'!' | b'?') {
        i += 1;
    }
    i
}

/// `t.chars().count() < 50` without counting when the byte length decides it
/// (a char is 1 to 4 bytes, an ASCII one 1).
fn char_count_below_50(t: &str) -> bool {
    if t.len() < 50 {
        true
    } else if t.len() >= 200 || t.is_ascii() {
        false
    } else {
        t.chars().count() < 50
    }
}

/// Byte ranges of the sentences of a text (trimmed, non-empty).
///
/// Walks the bytes, not a collected `Vec` of chars: every character that can
/// end a sentence (`.`, `!`, `?`, line break) is ASCII, and in UTF-8 an ASCII
/// byte is never part of a longer character, so only those bytes need looking
/// at; the characters after a mark are decoded as needed.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut line_start = 0usize;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let seg = &text[s..e];
        let rest = seg.trim_start();
        let lead = seg.len() - rest.len();
        let t = rest.trim_end();
        if !t.is_empty() {
            out.push((s + lead, s + lead + t.len()));
        }
    };
    let mut b = 0;
    loop {
        // bytes before the next mark need no look
        b = next_mark(bytes, b);
        if b >= bytes.len() {
            break;
        }
        let c = bytes[b];
        if c == b'\n' {
            if line_break_ends_sentence(text, line_start, b) {
                push(&mut out, start, b);
                start = b + 1;
            }
            line_start = b + 1;
            b += 1;
            continue;
        }
        // `.`, `!` or `?`: extend over closing quotes/brackets and repeated marks
        let rest = &text[b + 1..];
        let closers = rest
            .find(|ch: char| !matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?'))
            .unwrap_or(rest.len());
        let end_b = b + 1 + closers;
        // need whitespace then a plausible sentence start
        let mut k = end_b;
        let mut saw_space = false;
        let mut next = None;
        for (o, ch) in text[end_b..].char_indices() {
            if ch.is_whitespace() && ch != '\n' {
                saw_space = true;
            } else {
                k = end_b + o;
                next = Some(ch);
                break;
            }
        }
        let next = match next {
            Some(ch) if ch != '\n' => ch,
            _ => {
                b = end_b;
                continue;
            }
        };
        let starts_sentence = saw_space
            && (next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '['));
        if c == b'.' && starts_sentence {
            let before = &text[start..b];
            let word = before
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("");
            if is_abbreviation(word) {
                let rest = &text[k..];
                let next_word: String = rest
                    .chars()
                    .take_while(|ch| ch.is_alphanumeric() || *ch == '\'')
                    .collect();
                if !is_function_word(&next_word) {
                    b = end_b;
                    continue;
                }
            }
            // "..." ellipsis inside a quote followed by lowercase is handled by starts_sentence
        }
        if starts_sentence {
            push(&mut out, start, end_b);
            start = end_b;
        }
        b = end_b;
    }
    push(&mut out, start, text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sents("Baidu rose 16%. Alibaba fell."),
            vec!["Baidu rose 16%.", "Alibaba fell."]
        );
    }

    #[test]
    fn keeps_corporate_abbreviations_inside() {
        let s =
            sents("Baidu Inc. led the advance, while JD.com Inc. also climbed. The index rose.");
        assert_eq!(s.len(), 2);
        let s = sents("Contemporary Amperex Technology Co. advanced this week after JPMorgan raised its rating.");
        assert_eq!(s.len(), 1);
        let s = sents(
            "With valuations lagging the U.S., investors are starting to pay attention again.",
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn abbreviation_followed_by_sentence_opener_splits() {
        let s = sents("Its new partnership with Nvidia Corp. These developments helped.");
        assert_eq!(
            s,
            vec![
                "Its new partnership with Nvidia Corp.",
                "These developments helped."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let s = sents("“It is good,” he said. “We agree.” She left.");
        assert_eq!(
            s,
            vec!["“It is good,” he said.", "“We agree.”", "She left."]
        );
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let t = "Showers continued throughout the week in the Bahia cocoa zone, alleviating\nthe drought since early January.\n    The dry period means the temporao will be late.";
        assert_eq!(
            sents(t),
            vec![
                "Showers continued throughout the week in the Bahia cocoa zone, alleviating\nthe drought since early January.",
                "The dry period means the temporao will be late."
            ]
        );
    }

    /// The char-vector splitter this module used before the byte walk, kept as
    /// the reference the fast version must agree with.
    fn split_reference(text: &str) -> Vec<(usize, usize)> {
        fn line_break_ends(text: &str, b: usize) -> bool {
            let before = &text[..b];
            let line = before
                .rsplit('\n')
                .next()
                .unwrap_or("")
                .trim_end_matches('\r');
            let after = &text[b + 1..];
            let next_line = after.split('\n').next().unwrap_or("");
            let t = line.trim_end();
            if t.is_empty()
                || next_line.trim().is_empty()
                || next_line.starts_with(char::is_whitespace)
                || t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '—', '–'])
                || t.chars().count() < 50
            {
                return true;
            }
            let first = next_line.trim_start().chars().next();
            matches!(first, Some('•' | '-' | '*' | '–' | '—'))
        }
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut start = 0usize;
        let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
            let seg = &text[s..e];
            let lead = seg.len() - seg.trim_start().len();
            let t = seg.trim();
            if !t.is_empty() {
                out.push((s + lead, s + lead + t.len()));
            }
        };
        let mut i = 0;
        while i < chars.len() {
            let (b, c) = chars[i];
            if c == '\n' {
                if line_break_ends(text, b) {
                    push(&mut out, start, b);
                    start = b + 1;
                }
                i += 1;
                continue;
            }
            if matches!(c, '.' | '!' | '?') {
                let mut j = i + 1;
                while j < chars.len()
                    && matches!(
                        chars[j].1,
                        '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?'
                    )
                {
                    j += 1;
                }
                let end_b = if j < chars.len() {
                    chars[j].0
                } else {
                    text.len()
                };
                let mut k = j;
                let mut saw_space = false;
                while k < chars.len() && chars[k].1.is_whitespace() && chars[k].1 != '\n' {
                    saw_space = true;
                    k += 1;
                }
                if k >= chars.len() || chars[k].1 == '\n' {
                    i = j;
                    continue;
                }
                let next = chars[k].1;
                let starts_sentence = saw_space
                    && (next.is_uppercase()
                        || next.is_ascii_digit()
                        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '['));
                if c == '.' && starts_sentence {
                    let before = &text[start..b];
                    let word = before
                        .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                        .next()
                        .unwrap_or("");
                    if is_abbreviation(word) {
                        let rest = &text[chars[k].0..];
                        let next_word: String = rest
                            .chars()
                            .take_while(|ch| ch.is_alphanumeric() || *ch == '\'')
                            .collect();
                        if !is_function_word(&next_word) {
                            i = j;
                            continue;
                        }
                    }
                }
                if starts_sentence {
                    push(&mut out, start, end_b);
                    start = end_b;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        push(&mut out, start, text.len());
        out
    }

    #[test]
    fn byte_walk_matches_the_char_reference() {
        let pieces = [
            "Baidu",
            " rose",
            " 16%",
            ".",
            "!",
            "?",
            "...",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "“",
            "”",
            "’",
            "‘",
            "\"",
            "'",
            ")",
            "]",
            "(",
            "[",
            " Inc",
            " U.S",
            " Corp",
            " the",
            " The",
            " It",
            " 3",
            " é",
            " É",
            " Ölpreis",
            "•",
            "-",
            "—",
            "–",
            "*",
            ":",
            ";",
            "a",
            "x",
            " in",
            " long line of wire copy that keeps on going past fifty chars",
            "股票",
            "\t",
            " Mr",
            " S.A",
            " he",
        ];
        let mut rng = crate::text::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = || rng.next_u64();
        for _ in 0..40_000 {
            let n = (next() % 30) as usize;
            let t: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(split(&t), split_reference(&t), "{t:?}");
        }
        for t in [
            include_str!("../../data/gazetteer/companies.tsv"),
            "“It is good,” he said. “We agree.” She left.",
        ] {
            assert_eq!(split(t), split_reference(t));
        }
    }

    #[test]
    fn next_mark_finds_the_first_mark() {
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        let alphabet = b"ab .!?\n\x80\xff\x0a\x2e\x21\x3f\x00\x01";
        for _ in 0..20_000 {
            let n = rng.below(40);
            let bytes: Vec<u8> = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            for i in 0..=n {
                let want = (i..n)
                    .find(|&j| matches!(bytes[j], b'\n' | b'.' | b'!' | b'?'))
                    .unwrap_or(n);
                assert_eq!(next_mark(&bytes, i), want, "{bytes:?} {i}");
            }
        }
    }

    #[test]
    fn newlines_end_sentences() {
        assert_eq!(
            sents("A heading\nBody text here."),
            vec!["A heading", "Body text here."]
        );
    }
}
