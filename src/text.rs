//! Small text helpers shared by extractors.

/// Whether a char is CJK (Han, Kana, Hangul, CJK punctuation or full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// A byte of an ASCII word (`[0-9A-Za-z_]`): a `\b` before an ASCII letter needs
/// something else before it.
pub fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `\s` of a pattern's ASCII form (`[\t\n\x0B\x0C\r ]`, see
/// `pattern::ascii_classes`): one more byte than [`u8::is_ascii_whitespace`],
/// which leaves out `\x0B`.
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether `s` holds one of the two non-ASCII characters that `(?i)` folds to an
/// ASCII letter ("ſ" to s, the Kelvin sign to k), so a case-insensitive ASCII
/// word can match text that is not ASCII there.
pub fn has_ascii_case_fold(s: &str) -> bool {
    s.contains(['\u{17F}', '\u{212A}'])
}

/// Share of CJK among the letters of a string.
pub fn cjk_ratio(s: &str) -> f32 {
    if s.is_ascii() {
        return 0.0; // no CJK at all; the common case, checked at memory speed
    }
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in s.chars() {
        if is_cjk(c) {
            cjk += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        cjk as f32 / letters as f32
    }
}

/// The largest char boundary of `s` at or below byte `i` (clamped to `s.len()`).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above byte `i` (clamped to `s.len()`).
pub fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether the bytes before `start` and after `end` are word boundaries.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    !before.is_some_and(is_word) && !after.is_some_and(is_word)
}

/// Whether a word starts with an uppercase letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Words that start sentences or headlines in title case but never names.
pub const FUNCTION_WORDS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Our",
    "Their",
    "His",
    "Her",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "With",
    "As",
    "And",
    "But",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "So",
    "Yet",
    "Still",
    "Also",
    "Even",
    "Why",
    "What",
    "How",
    "Who",
    "Where",
    "Which",
    "Here",
    "There",
    "Despite",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Separately",
    "First",
    "Second",
    "Third",
    "Finally",
    "Perhaps",
    "Take",
    "Not",
    "No",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "Other",
    "Another",
    "Such",
    "Last",
    "Next",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Has",
    "Have",
    "Had",
    "Do",
    "Does",
    "Did",
    "Will",
    "Would",
    "Can",
    "Could",
    "May",
    "Might",
    "Should",
    "Must",
    "Against",
    "Beyond",
    "Following",
    "Given",
    "Based",
    "According",
    "Unlike",
    "Like",
    "Amid",
    "Among",
    "Between",
    "Through",
    "During",
    "Over",
    "Under",
    "Up",
    "Down",
    "Into",
    "About",
    "Above",
    "Below",
    "Around",
    "Across",
    "Whether",
    "Because",
    "Then",
    "Now",
    "Just",
    "Only",
    "More",
    "Less",
    "Much",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Let",
    "Let’s",
    "Let's",
    "Attention",
    "Interest",
    "Total",
    "Brokerage",
    "Analysts",
    "Investors",
    "Shares",
    "Stocks",
    "Markets",
    "Companies",
    "Chinese",
    "Local",
    "Home-grown",
    "Individual",
    "Recent",
    "Fresh",
    "Concerns",
    "Timing",
    "Valuations",
    "Subsequently",
    "Specifically",
    "Therefore",
    "Thus",
    "Hence",
    "Currently",
    "Overall",
    // descriptors that open sentences before a name: "Broker Qorvel Holdings plc said…"
    "Broker",
    "Lender",
    "Insurer",
    "Retailer",
    "Carmaker",
    "Automaker",
    "Chipmaker",
    "Miner",
    "Airline",
    "Conglomerate",
    "Startup",
    "Developer",
    "Rival",
    "Regulator",
    "Electronic",
    "Online",
    "Leading",
    "Giant",
    "Drugmaker",
];

/// Whether a token is a function word (case-sensitive, title case as at sentence start).
/// Asked about nearly every token, so the list is hashed.
pub fn is_function_word(w: &str) -> bool {
    static FUNCTION: std::sync::LazyLock<WordList> =
        std::sync::LazyLock::new(|| WordList::of(FUNCTION_WORDS.iter().copied()));
    FUNCTION.contains(w)
}

/// A set of words that rejects most other words by their first byte, before
/// hashing them (with the fast non-cryptographic Fx hash: the words are fixed).
pub(crate) struct WordList {
    words: rustc_hash::FxHashSet<&'static str>,
    /// first bytes of the words (none is empty)
    first: [bool; 256],
}

impl WordList {
    /// The set of `words`, none of which may be empty.
    pub(crate) fn of(words: impl Iterator<Item = &'static str>) -> WordList {
        let words: rustc_hash::FxHashSet<&'static str> = words.collect();
        let mut first = [false; 256];
        for w in &words {
            first[usize::from(w.as_bytes()[0])] = true;
        }
        WordList { words, first }
    }

    pub(crate) fn contains(&self, w: &str) -> bool {
        w.as_bytes()
            .first()
            .is_some_and(|&b| self.first[usize::from(b)])
            && self.words.contains(w)
    }
}

/// The tests' pseudo-random source (xorshift64, fixed seeds, so a failure
/// reproduces): generated inputs that hold a shortcut to what it stands for.
#[cfg(test)]
pub(crate) struct XorShift(pub u64);

#[cfg(test)]
impl XorShift {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A draw in `0..k`.
    pub(crate) fn below(&mut self, k: usize) -> usize {
        (self.next_u64() % k as u64) as usize
    }
}

/// Pseudo-random sentences of `words` tokens drawn from `tokens`, for tests
/// that hold a shortcut to the pattern it stands for.
#[cfg(test)]
pub(crate) fn token_sentences(tokens: &[&str], words: usize, n: usize) -> Vec<String> {
    let mut rng = XorShift(0x2545f4914f6cdd1d);
    (0..n)
        .map(|_| {
            let mut t = String::new();
            for _ in 0..words {
                let r = rng.next_u64();
                t.push_str(tokens[(r % tokens.len() as u64) as usize]);
                if !(r >> 20).is_multiple_of(3) {
                    t.push(' ');
                }
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_detection() {
        assert!(cjk_ratio("免责声明:仅供参考。") > 0.9);
        assert!(cjk_ratio("Baidu rose") < 0.01);
        assert!(cjk_ratio("来源 Cryptopolitan") < 0.5);
    }

    #[test]
    fn only_the_listed_characters_fold_to_ascii_letters() {
        let letter = regex::Regex::new(r"(?i)^[a-z]$").unwrap();
        for c in ('\u{80}'..=char::MAX).filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4]))) {
            assert!(
                has_ascii_case_fold(c.encode_utf8(&mut [0; 4])),
                "{c:?} folds to an ASCII letter"
            );
        }
    }

    #[test]
    fn boundaries() {
        let t = "JD.com and JDD";
        assert!(word_bounded(t, 0, 6));
        assert!(!word_bounded(t, 11, 13));
    }
}
