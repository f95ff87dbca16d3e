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
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2013}', '\u{2014}'], "-");
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

    #[test]
    fn folded_keys_ignore_diacritics() {
        assert_eq!(fold_key("Union Bancaire Privée"), "union bancaire privee");
        assert_eq!(fold_key("NESTLÉ S.A."), fold_key("Nestle S.A."));
        assert_ne!(fold_key("Nestlé"), fold_key("Nestor"));
    }
}
