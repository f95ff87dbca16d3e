//! Deterministic, content-derived IRIs.
//!
//! Every node that carries provenance gets an IRI `BASE/<kind>/<uuidv5>` where the
//! UUID is derived from a normalised key. The same input therefore always yields
//! the same IRIs, on any machine and in any shard, which is what makes re-ingest
//! idempotent and N-Quads from separate `extract` processes union cleanly.

use unicode_segmentation::UnicodeSegmentation;
use uuid::Uuid;

/// Default IRI base for minted resources.
pub const DEFAULT_BASE: &str = "https://w3id.org/newsgraph/id/";

/// UUIDv5 namespace of newsgraph (itself UUIDv5 of the ontology IRI in the URL namespace).
fn namespace() -> Uuid {
    static NS: std::sync::LazyLock<Uuid> = std::sync::LazyLock::new(|| {
        Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://w3id.org/newsgraph/ont")
    });
    *NS
}

/// Mints IRIs under a base.
#[derive(Debug, Clone)]
pub struct Minter {
    base: String,
}

impl Default for Minter {
    fn default() -> Self {
        Minter::new(DEFAULT_BASE)
    }
}

impl Minter {
    pub fn new(base: &str) -> Self {
        let mut base = base.to_string();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        Minter { base }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `BASE/kind/uuid5(kind + "\u{1f}" + key)`.
    ///
    /// The UUIDv5 is computed here rather than by `Uuid::new_v5` because the
    /// `sha1` crate uses the CPU's SHA instructions where it has them, and
    /// `extract` mints hundreds of IRIs per article; the bytes are the same
    /// (a test compares the two).
    pub fn mint(&self, kind: &str, key: &str) -> String {
        self.mint_parts(kind, &[key.as_bytes()])
    }

    /// [`Minter::mint`] of the key `ARTICLE_KEY#START-END` (span, zone and
    /// figure nodes), hashed piece by piece instead of formatted into a string
    /// first: there are dozens of these per article.
    pub fn mint_span(&self, kind: &str, article_key: &str, start: usize, end: usize) -> String {
        let (mut a, mut b) = (itoa::Buffer::new(), itoa::Buffer::new());
        self.mint_parts(
            kind,
            &[
                article_key.as_bytes(),
                b"#",
                a.format(start).as_bytes(),
                b"-",
                b.format(end).as_bytes(),
            ],
        )
    }

    /// The key is the concatenation of `parts`.
    fn mint_parts(&self, kind: &str, parts: &[&[u8]]) -> String {
        use sha1::Digest;
        let mut h = sha1::Sha1::new();
        h.update(namespace().as_bytes());
        h.update(kind.as_bytes());
        h.update([0x1f]);
        for p in parts {
            h.update(p);
        }
        let digest = h.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        let uuid = uuid::Builder::from_sha1_bytes(first).into_uuid();
        let mut out = String::with_capacity(self.base.len() + kind.len() + 37);
        out.push_str(&self.base);
        out.push_str(kind);
        out.push('/');
        out.push_str(uuid.hyphenated().encode_lower(&mut Uuid::encode_buffer()));
        out
    }

    pub fn entities_graph(&self) -> String {
        format!("{}graph/entities", self.base)
    }

    pub fn ontology_graph(&self) -> String {
        format!("{}graph/ontology", self.base)
    }

    /// Identifier links from `newsgraph link` live apart from extracted facts so
    /// a new mapping can replace them without touching the entities graph.
    pub fn links_graph(&self) -> String {
        format!("{}graph/links", self.base)
    }

    /// The VoID/DCAT description is about the other graphs, so it sits in its own.
    pub fn description_graph(&self) -> String {
        format!("{}graph/description", self.base)
    }
}

/// Normalises a name for identity keys: NFC-ish casefold, curly quotes and
/// dashes unified, possessive and punctuation removed, whitespace collapsed.
pub fn normalize_key(s: &str) -> String {
    if s.is_ascii() {
        return normalize_ascii_key(s);
    }
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2013}', '\u{2014}'], "-");
    if s.is_ascii() {
        // curly quotes and dashes were the only non-ASCII characters
        return normalize_ascii_key(&s);
    }
    let s = s.strip_suffix("'s").unwrap_or(&s);
    let mut out = String::with_capacity(s.len());
    for w in s.unicode_words() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// [`normalize_key`] of an ASCII string, without the replacements (there are no
/// curly quotes or dashes to unify) and with the UAX #29 word split done on
/// bytes: keys are made for every entity and event of every article, and the
/// general path allocates twice before splitting and once per word.
///
/// For ASCII the word rules reduce to: letters, digits and `_` join each
/// other (WB5, WB8-WB10, WB13a/b); a letter, `:`, `.` or `'`, letter stays one
/// word (WB6/WB7); a digit, `,` `;` `.` or `'`, digit too (WB11/WB12);
/// everything else breaks, and only pieces with a letter or digit are words.
/// A test compares this with `unicode_words` on many generated strings.
fn normalize_ascii_key(s: &str) -> String {
    let s = s.strip_suffix("'s").unwrap_or(s);
    let b = s.as_bytes();
    // letters, digits and `_`, looked up rather than tested by ranges: every
    // byte of every event sentence passes here
    const JOINS: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let c = i as u8;
            t[i] = c.is_ascii_alphanumeric() || c == b'_';
            i += 1;
        }
        t
    };
    let joins = |c: u8| JOINS[usize::from(c)];
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if !joins(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        // a word is kept when it has a letter or digit: a byte that joins and
        // is not `_` (a joining punctuation mark has them on both sides)
        let mut alnum = b[i] != b'_';
        i += 1;
        loop {
            if i < b.len() && joins(b[i]) {
                alnum |= b[i] != b'_';
                i += 1;
            } else if i + 1 < b.len() && mid_joins(b[i - 1], b[i], b[i + 1]) {
                alnum = true;
                i += 2;
            } else {
                break;
            }
        }
        if alnum {
            if !out.is_empty() {
                out.push(' ');
            }
            let from = out.len();
            out.push_str(&s[start..i]);
            if let Some(w) = out.get_mut(from..) {
                w.make_ascii_lowercase();
            }
        }
    }
    out
}

/// Whether `mid` between `prev` and `next` stays inside a word (UAX #29 WB6,
/// WB7, WB11, WB12, restricted to ASCII).
fn mid_joins(prev: u8, mid: u8, next: u8) -> bool {
    let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
    let digits = prev.is_ascii_digit() && next.is_ascii_digit();
    match mid {
        b'.' | b'\'' => letters || digits,
        b':' => letters,
        b',' | b';' => digits,
        _ => false,
    }
}

/// [`normalize_key`] after dropping diacritics, so names typed in a mapping
/// file ("Union Bancaire Privée") find entities read from plain-ASCII news
/// ("Union Bancaire Privee") and the other way round.
pub fn fold_key(s: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let stripped: String = s.nfd().filter(|c| !is_combining_mark(*c)).collect();
    normalize_key(&stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_keys_hash_like_their_formatted_string() {
        let m = Minter::default();
        for (k, a, b) in [("id:x", 0, 0), ("sha256:ab", 12, 345), ("", usize::MAX, 7)] {
            assert_eq!(
                m.mint_span("mention", k, a, b),
                m.mint("mention", &format!("{k}#{a}-{b}"))
            );
        }
    }

    #[test]
    fn minted_uuids_are_the_uuid_crates_v5() {
        let m = Minter::default();
        for (kind, key) in [
            ("entity", "org:acme"),
            ("mention", "id:reuters-1#0-12"),
            ("event", "PriceMove|move|a={\"gaz:x\"}|d=2025-01-02|"),
            ("figure", "sha256:00ff#5-9 \u{e9}\u{4e2d}"),
            ("run", ""),
        ] {
            let name = format!("{kind}\u{1f}{key}");
            let want = format!(
                "{DEFAULT_BASE}{kind}/{}",
                Uuid::new_v5(&namespace(), name.as_bytes())
            );
            assert_eq!(m.mint(kind, key), want);
        }
    }

    /// Keys of every length around the hasher's 64-byte blocks.
    #[test]
    fn long_and_short_keys_mint_the_uuid_crates_v5() {
        let m = Minter::default();
        for n in [
            0, 1, 55, 56, 63, 64, 200, 230, 231, 232, 233, 239, 240, 241, 300, 1000,
        ] {
            let key: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            for kind in ["entity", "mention", "x"] {
                let name = format!("{kind}\u{1f}{key}");
                let want = format!(
                    "{DEFAULT_BASE}{kind}/{}",
                    Uuid::new_v5(&namespace(), name.as_bytes())
                );
                assert_eq!(m.mint(kind, &key), want, "{kind} {n}");
                let (a, b) = (key.len() / 2, key.len());
                assert_eq!(
                    m.mint_span(kind, &key, a, b),
                    m.mint(kind, &format!("{key}#{a}-{b}"))
                );
            }
        }
    }

    #[test]
    fn minting_is_deterministic_and_kind_scoped() {
        let m = Minter::default();
        assert_eq!(m.mint("entity", "alibaba"), m.mint("entity", "alibaba"));
        assert_ne!(m.mint("entity", "alibaba"), m.mint("event", "alibaba"));
        assert!(m
            .mint("entity", "x")
            .starts_with("https://w3id.org/newsgraph/id/entity/"));
    }

    #[test]
    fn base_gets_a_trailing_slash() {
        let m = Minter::new("http://example.org/kg");
        assert!(m.mint("a", "b").starts_with("http://example.org/kg/a/"));
    }

    #[test]
    fn keys_ignore_case_punctuation_and_possessives() {
        assert_eq!(normalize_key("Alibaba’s"), "alibaba");
        assert_eq!(normalize_key("JD.com  Inc."), normalize_key("jd.com inc"));
        assert_eq!(normalize_key("S&P 500"), "s p 500");
    }

    /// The general path of [`normalize_key`], for comparison.
    fn normalize_key_general(s: &str) -> String {
        let s = s
            .replace(['\u{2019}', '\u{2018}'], "'")
            .replace(['\u{2013}', '\u{2014}'], "-");
        let s = s.strip_suffix("'s").unwrap_or(&s);
        let words: Vec<String> = s.unicode_words().map(|w| w.to_lowercase()).collect();
        words.join(" ")
    }

    #[test]
    fn ascii_keys_split_words_like_unicode_segmentation() {
        let mut cases: Vec<String> = [
            "U.S. Steel's",
            "1,234.5 mln",
            "a:b",
            "a::b",
            "x_y _ __ _a a_",
            "e.g..",
            "1.a",
            "a.1",
            "3'4 o'clock",
            "1;2,3.4'5",
            "AT&T",
            "S&P 500",
            "A-1",
            "'s",
            "",
            " 's's",
            "rock'n'roll",
            "1,",
            ",1",
            ".a",
            "a.",
            "_1_",
            "a_1.2",
            "1_a.b",
            "a:1",
            "1:2",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // alphabet: every ASCII class that matters to the word rules, many times over
        let alphabet: Vec<u8> = b"aZq09._:',;-_ \t\n\r&\"!/()$%@#+=?\x0b\x0c\x01\x7f"
            .iter()
            .copied()
            .chain(0u8..128)
            .collect();
        let mut rng = crate::text::XorShift(0x51ed_270b_27d3_9f1d);
        for _ in 0..200_000 {
            let len = rng.below(14);
            let mut w = String::new();
            for _ in 0..len {
                let c = if rng.below(4) == 0 {
                    alphabet[rng.below(alphabet.len())]
                } else {
                    b"aB7._:',;_ "[rng.below(11)]
                };
                w.push(char::from(c));
            }
            if rng.below(5) == 0 {
                w.push_str("'s");
            }
            if rng.below(8) == 0 {
                // curly quotes and dashes (made ASCII first), and other letters
                let c = [
                    '\u{2019}', '\u{2018}', '\u{2013}', '\u{2014}', '\u{e9}', '\u{130}',
                ];
                let at = rng.below(w.len() + 1);
                w.insert(at, c[rng.below(c.len())]);
                if rng.below(3) == 0 {
                    w.push('\u{2019}');
                    w.push('s');
                }
            }
            cases.push(w);
        }
        for c in cases {
            assert_eq!(normalize_key(&c), normalize_key_general(&c), "{c:?}");
        }
    }

    #[test]
    fn folded_keys_ignore_diacritics() {
        assert_eq!(fold_key("Union Bancaire Privée"), "union bancaire privee");
        assert_eq!(fold_key("NESTLÉ S.A."), fold_key("Nestle S.A."));
        assert_ne!(fold_key("Nestlé"), fold_key("Nestor"));
    }
}
