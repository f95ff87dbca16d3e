//! Compiling the extractors' regexes: one cache size for all, and [`AsciiFast`],
//! which searches ASCII text with ASCII-only classes (same spans, far smaller
//! automata).

use regex::Regex;
use std::sync::OnceLock;

/// Compiles a pattern with a lazy-DFA cache large enough for its Unicode classes
/// and bounded repetitions; the default (2 MiB) thrashes on long sentences and
/// costs far more time than matching. Results are the same for any cache size.
pub(crate) fn regex_new(p: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(p).dfa_size_limit(16 << 20).build()
}

/// A pattern compiled twice: as written, and with ASCII-only shorthand classes
/// and word boundaries (see [`ascii_classes`]) for ASCII haystacks. On an ASCII haystack both find exactly the same
/// spans, but the ASCII form has a far smaller automaton, so the lazy DFA spends
/// its time matching instead of building states for Unicode classes. Each form
/// is compiled on first use: an all-ASCII corpus never pays for the Unicode one.
pub(crate) struct AsciiFast {
    pattern: String,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<Regex>,
}

impl AsciiFast {
    pub(crate) fn new(p: &str) -> Self {
        AsciiFast {
            pattern: p.to_string(),
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    pub(crate) fn unicode(&self) -> &Regex {
        self.unicode
            .get_or_init(|| regex_new(&self.pattern).unwrap())
    }

    pub(crate) fn ascii(&self) -> &Regex {
        self.ascii
            .get_or_init(|| regex_new(&ascii_classes(&self.pattern)).unwrap())
    }

    /// The compiled form to search `hay` with.
    pub(crate) fn get(&self, hay: &str) -> &Regex {
        if hay.is_ascii() {
            self.ascii()
        } else {
            self.unicode()
        }
    }
}

/// Holds a gate to its pattern on one text: a pattern the gate rules out must
/// not match, and on ASCII text the ASCII form must find the pattern's spans.
#[cfg(test)]
pub(crate) fn assert_gate(name: &str, r: &AsciiFast, may: bool, t: &str) {
    assert!(
        may || !r.unicode().is_match(t),
        "{name} ruled out but matches {t:?}"
    );
    if t.is_ascii() {
        let u: Vec<_> = r.unicode().find_iter(t).map(|m| m.range()).collect();
        let a: Vec<_> = r.ascii().find_iter(t).map(|m| m.range()).collect();
        assert_eq!(u, a, "{name} {t:?}");
    }
}

/// Rewrites `\w`, `\s`, `\d`, `\W`, `\S`, `\D` (in and out of classes), `\b` and
/// `\B` to their ASCII forms, and limits negated classes to ASCII (`[^,;]`
/// becomes `[\x00-\x7F&&[^,;]]`): as written, `[^,;]{2,80}` is every code
/// point eighty times over, an automaton that takes milliseconds to build.
fn ascii_classes(p: &str) -> String {
    let mut out = String::with_capacity(p.len() * 2);
    let mut in_class = false;
    let mut negated = false;
    let mut cs = p.chars().peekable();
    while let Some(c) = cs.next() {
        match c {
            '\\' => {
                let Some(n) = cs.next() else {
                    return p.to_string();
                };
                let rep = match (n, in_class) {
                    ('w', false) => "[0-9A-Za-z_]",
                    ('w', true) => "0-9A-Za-z_",
                    ('s', false) => r"[\t\n\x0B\x0C\r ]",
                    ('s', true) => r"\t\n\x0B\x0C\r ",
                    ('d', false) => "[0-9]",
                    ('d', true) => "0-9",
                    ('b', false) => r"(?-u:\b)",
                    ('B', false) => r"(?-u:\B)",
                    // the complements within ASCII (Unicode White_Space in ASCII is \t-\r and space)
                    ('S', false) => r"[\x00-\x08\x0E-\x1F\x21-\x7F]",
                    ('S', true) => r"\x00-\x08\x0E-\x1F\x21-\x7F",
                    ('W', false) => r"[\x00-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\x7F]",
                    ('W', true) => r"\x00-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\x7F",
                    ('D', false) => r"[\x00-\x2F\x3A-\x7F]",
                    ('D', true) => r"\x00-\x2F\x3A-\x7F",
                    ('B' | 'b', true) => return p.to_string(),
                    _ => {
                        out.push('\\');
                        out.push(n);
                        continue;
                    }
                };
                out.push_str(rep);
            }
            '[' if in_class => return p.to_string(),
            '[' => {
                in_class = true;
                negated = cs.next_if_eq(&'^').is_some();
                out.push_str(if negated { r"[\x00-\x7F&&[^" } else { "[" });
                if let Some(c) = cs.next_if_eq(&']') {
                    out.push(c);
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push_str(if negated { "]]" } else { "]" });
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_forms_match_the_unicode_forms_on_ascii_text() {
        assert_eq!(
            ascii_classes(r"\b[\w&'.-]+\s\d"),
            r"(?-u:\b)[0-9A-Za-z_&'.-]+[\t\n\x0B\x0C\r ][0-9]"
        );
        assert_eq!(ascii_classes(r"\S+"), r"[\x00-\x08\x0E-\x1F\x21-\x7F]+");
        assert_eq!(ascii_classes(r"[\b]"), r"[\b]");
        assert_eq!(
            ascii_classes(r"a[^,;]{2}b[^.]"),
            r"a[\x00-\x7F&&[^,;]]{2}b[\x00-\x7F&&[^.]]"
        );
        assert_eq!(
            ascii_classes(r"[^]\s]"),
            r"[\x00-\x7F&&[^]\t\n\x0B\x0C\r ]]"
        );
        // every ASCII char, alone and between others: the rewritten shorthands
        // and boundaries agree with the Unicode ones
        let all: String = (0u8..128).map(char::from).collect();
        let mixed: String = all
            .chars()
            .flat_map(|c| [c, 'a', c, ' ', c, '7', c, '_'])
            .collect();
        for p in [
            r"\S+",
            r"\W+",
            r"\D+",
            r"\B.",
            r"[\S]",
            r"[^\S]",
            r"[\W\d]+",
            r"[^\D]",
            r"\b\w+\b",
            r"\s+\S*",
            r"(?i)k\S",
            r"x\B\W",
            r"[^,;]{2,5}",
            r"(?i)[^k\d]+",
            r"[^]\s]+",
        ] {
            let (u, a) = (regex_new(p).unwrap(), regex_new(&ascii_classes(p)).unwrap());
            for hay in [&all, &mixed] {
                let su: Vec<_> = u.find_iter(hay).map(|m| m.range()).collect();
                let sa: Vec<_> = a.find_iter(hay).map(|m| m.range()).collect();
                assert_eq!(su, sa, "{p}");
            }
        }
    }
}
