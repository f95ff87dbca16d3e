//! Resolution: merging mentions into entities.
//!
//! Within an article: gazetteer ids, then formal vs short names ("Alibaba Group
//! Holding Ltd." = "Alibaba Group" = "Alibaba"), listing suffixes ("-SW"),
//! acronyms ("SMIC"), tickers and surnames. Across articles, identity comes from
//! the entity key (gazetteer id, else kind group + normalised name), so the same
//! name resolves to the same IRI everywhere. Different kinds never merge, except
//! company and organisation, which are one group.

use crate::document::{Document, Entity, EntityKind};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{layer, Extractor};
use crate::text::is_ascii_space;

pub struct Resolver;

const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "ag",
    "sa",
    "se",
    "nv",
    "group",
    "holding",
    "holdings",
    "the",
];
const CONNECTORS: &[&str] = &["of", "and", "the", "&", "for", "de"];

/// Tokens of a name without possessive, listing suffix and corporate suffixes.
///
/// Called for every mention and name form, so tokens stay borrowed until the
/// kept ones are lowercased (once each, by ASCII case mapping when they are
/// ASCII, which is what `to_lowercase` does to ASCII). An ASCII name is split
/// at its ASCII whitespace bytes, which are all the Unicode whitespace there
/// is in ASCII (`\t`..`\r` and space), without decoding characters.
pub fn core_tokens<'a>(name: &'a str) -> Vec<String> {
    let n = strip_listing(strip_possessive(name.trim()));
    let mut toks: Vec<&'a str> = Vec::with_capacity(8);
    let mut keep = |t: &'a str| {
        let t = trim_end_marks(t);
        if !t.is_empty() {
            toks.push(t);
        }
    };
    if n.is_ascii() {
        let b = n.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && is_ascii_space(b[i]) {
                i += 1;
            }
            let s = i;
            while i < b.len() && !is_ascii_space(b[i]) {
                i += 1;
            }
            if s < i {
                keep(&n[s..i]);
            }
        }
    } else {
        n.split_whitespace().for_each(keep);
    }
    let mut end = toks.len();
    while end > 1 && is_suffix_word(toks[end - 1]) {
        end -= 1;
    }
    let mut start = 0;
    while start + 1 < end && toks[start].eq_ignore_ascii_case("the") {
        start += 1;
    }
    toks[start..end].iter().map(|t| lowercase(t)).collect()
}

/// `t.trim_end_matches([',', '.'])` by bytes (neither is part of a longer
/// character in UTF-8).
fn trim_end_marks(t: &str) -> &str {
    let b = t.as_bytes();
    let mut e = b.len();
    while e > 0 && matches!(b[e - 1], b',' | b'.') {
        e -= 1;
    }
    &t[..e]
}

/// `t.to_lowercase()`, without the Unicode tables for ASCII words.
fn lowercase(t: &str) -> String {
    if t.is_ascii() {
        t.to_ascii_lowercase()
    } else {
        t.to_lowercase()
    }
}

/// `t.to_lowercase() == lower`, without a string for an ASCII `t` (whose
/// lowercase is its ASCII lowercase, byte for byte).
fn lowercase_is(t: &str, lower: &str) -> bool {
    if t.is_ascii() {
        t.len() == lower.len()
            && t.bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        t.to_lowercase() == lower
    }
}

/// Whether a token lowercases to one of [`SUFFIXES`] (all ASCII, so an ASCII
/// token is compared ignoring ASCII case).
fn is_suffix_word(t: &str) -> bool {
    if t.is_ascii() {
        SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(t))
    } else {
        SUFFIXES.contains(&t.to_lowercase().as_str())
    }
}

/// Whether a token lowercases to one of [`CONNECTORS`] (see [`is_suffix_word`]).
fn is_connector_word(t: &str) -> bool {
    if t.is_ascii() {
        CONNECTORS.iter().any(|s| s.eq_ignore_ascii_case(t))
    } else {
        CONNECTORS.contains(&t.to_lowercase().as_str())
    }
}

/// Initials of a formal name, with and without a trailing suffix word.
#[cfg(test)]
fn initials(name: &str) -> Vec<String> {
    let toks: Vec<&str> = name
        .split_whitespace()
        .filter(|t| !CONNECTORS.contains(&t.to_lowercase().as_str()))
        .collect();
    let all: String = toks
        .iter()
        .filter_map(|t| t.chars().next())
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let core = core_tokens(name);
    let core_init: String = core
        .iter()
        .filter(|t| !CONNECTORS.contains(&t.as_str()))
        .filter_map(|t| t.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut v = vec![all, core_init.clone()];
    // "Contemporary Amperex Technology Co. Limited" is "CATL": the L stands for a suffix
    for s in ["L", "C", "G", "H"] {
        v.push(format!("{core_init}{s}"));
    }
    v
}

/// Whether `acronym` is one of the initials of `name`, whose [`core_tokens`]
/// are `core`: the first letters of all its words but connectors
/// ("Quantum Manufacturing International Corp." is "QMIC"), or of its core
/// words, alone or with a trailing suffix letter ("Contemporary Amperex
/// Technology Co. Limited" is "CATL": the L stands for a suffix).
///
/// The same answer as building every initials string and looking `acronym`
/// up among them, without the strings.
fn is_initials_of(name: &str, core: &[String], acronym: &str) -> bool {
    let a = acronym.as_bytes();
    // all words: alphabetic first letters, ASCII-uppercased
    let mut k = 0;
    let mut all = true;
    for t in name.split_whitespace().filter(|t| !is_connector_word(t)) {
        let Some(c) = t.chars().next().filter(|c| c.is_alphabetic()) else {
            continue;
        };
        let c = c.to_ascii_uppercase();
        if k >= a.len() || c != char::from(a[k]) {
            all = false;
            break;
        }
        k += 1;
    }
    if all && k == a.len() {
        return true;
    }
    // core words: every first character, ASCII-uppercased
    let mut k = 0;
    for t in core.iter().filter(|t| !CONNECTORS.contains(&t.as_str())) {
        let Some(c) = t.chars().next() else { continue };
        if k >= a.len() || c.to_ascii_uppercase() != char::from(a[k]) {
            return false;
        }
        k += 1;
    }
    k == a.len() || (k + 1 == a.len() && matches!(a[k], b'L' | b'C' | b'G' | b'H'))
}

fn same_thing(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    // "alibaba group" is a prefix of "alibaba group holding"; "alibaba" of "alibaba cloud" is
    // NOT the same thing, so a prefix must cover every token of the shorter name and the
    // longer one must only add suffix-like words.
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.starts_with(short)
        && long[short.len()..]
            .iter()
            .all(|t| SUFFIXES.contains(&t.as_str()))
}

impl Extractor for Resolver {
    fn name(&self) -> &'static str {
        "resolve"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::MENTIONS]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::ENTITIES]
    }
    fn run(&self, doc: &mut Document) {
        resolve(doc);
    }
}

/// Assigns every mention to an entity and fills `doc.entities`.
pub fn resolve(doc: &mut Document) {
    let g = Gazetteer::builtin();
    doc.entities.clear();
    let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
    // Longer names first, so short forms find the formal name to join.
    order.sort_by_key(|&i| {
        (
            doc.mentions[i].gazetteer.is_none(),
            std::cmp::Reverse(doc.mentions[i].span.len()),
            doc.mentions[i].span.start,
        )
    });
    let mut cores: Vec<Vec<String>> = Vec::new();
    // `core_tokens` of every name form (alt names, then the name) of each entity,
    // kept in step with `alt_names` so `find_existing` does not recompute them
    // for every mention.
    let mut name_cores: Vec<Vec<Vec<String>>> = Vec::new();
    for i in order {
        let surface = doc.slice(doc.mentions[i].span);
        let clean = clean_surface(surface);
        let core = core_tokens(surface);
        let kind = doc.mentions[i].kind;
        let mut gaz = doc.mentions[i].gazetteer.clone();
        // link unknown names through tickers or the gazetteer under their core form
        if gaz.is_none() {
            for t in &doc.mentions[i].tickers {
                let sym = t.split(':').next_back().unwrap_or(t);
                if let Some(ix) = g.by_ticker(sym).or_else(|| g.by_ticker(t)) {
                    gaz = Some(g.entries[ix].id.clone());
                    break;
                }
            }
        }
        if gaz.is_none() && kind == EntityKind::Person && !surface.trim().contains(' ') {
            // "Federal Reserve Chairman Powell": a surname that identifies one listed person
            gaz = crate::extract::entities::person_by_surname(clean.as_str());
        }
        if gaz.is_none() {
            // "JD.com Group-SW" is listed under its core form "JD.com"
            let hits = g.lookup(&core_surface(surface, &core));
            if let Some(&ix) = hits
                .iter()
                .find(|&&ix| g.entries[ix].kind.is_org() == kind.is_org())
            {
                gaz = Some(g.entries[ix].id.clone());
            }
        }
        let target = if let Some(id) = &gaz {
            doc.entities
                .iter()
                .position(|e| e.gazetteer.as_deref() == Some(id.as_str()))
        } else {
            find_existing(doc, &cores, &name_cores, kind, &clean, &core)
        };
        let ei = match target {
            Some(ei) => ei,
            None => {
                let (name, kind, tickers, wikidata, lei, parent) =
                    match gaz.as_deref().and_then(|id| g.get(id)) {
                        Some(e) => (
                            e.name.clone(),
                            e.kind,
                            e.tickers.iter().map(|(t, _)| t.clone()).collect(),
                            e.wikidata.clone(),
                            e.lei.clone(),
                            // only organisations have a parent organisation (a place's
                            // "parent" is the region containing it, a product's its maker)
                            e.parent
                                .as_ref()
                                .filter(|p| {
                                    e.kind.is_org() && g.get(p).is_some_and(|pe| pe.kind.is_org())
                                })
                                .map(|p| format!("gaz:{p}")),
                        ),
                        None => (clean.clone(), kind, vec![], None, None, None),
                    };
                let mut exchanges: Vec<String> = gaz
                    .as_deref()
                    .and_then(|id| g.get(id))
                    .map(|e| {
                        e.tickers
                            .iter()
                            .map(|(_, mic)| mic.clone())
                            .filter(|m| !m.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                exchanges.sort();
                exchanges.dedup();
                doc.entities.push(Entity {
                    kind,
                    name,
                    alt_names: vec![],
                    tickers,
                    exchanges,
                    wikidata,
                    lei,
                    gazetteer: gaz.clone(),
                    parent,
                    mentions: vec![],
                });
                cores.push(core.clone());
                name_cores.push(vec![core_tokens(&doc.entities.last().unwrap().name)]);
                doc.entities.len() - 1
            }
        };
        let e = &mut doc.entities[ei];
        e.mentions.push(i);
        if !e.alt_names.contains(&clean) && clean != e.name {
            name_cores[ei].push(core_tokens(&clean));
            e.alt_names.push(clean);
        }
        for t in &doc.mentions[i].tickers {
            let sym = t.split(':').next_back().unwrap_or(t).to_string();
            if !e.tickers.contains(&sym) {
                e.tickers.push(sym);
            }
            // "(NYSE:OKLO)", "(9618.HK)": the notation names the exchange
            let notation = match t.split_once(':') {
                Some((ex, _)) => Some(ex.to_string()),
                None => t.rsplit_once('.').map(|(_, suffix)| format!(".{suffix}")),
            };
            if let Some(mic) = notation.and_then(|n| g.exchange_mic(&n).map(str::to_string)) {
                if !e.exchanges.contains(&mic) {
                    e.exchanges.push(mic);
                }
            }
        }
        doc.mentions[i].entity = Some(ei);
    }
    for e in &mut doc.entities {
        e.mentions.sort();
        e.alt_names.sort();
        e.tickers.sort();
        e.exchanges.sort();
    }
}

/// Surface without possessive and listing suffix: "JD.com Group-SW’s" → "JD.com Group".
/// `core` is `core_tokens(s)`, the tokens of the stripped surface `n`: when
/// stripping `n` again takes nothing off, they are `core_tokens(n)` too.
fn core_surface(s: &str, core: &[String]) -> String {
    let n = strip_listing(strip_possessive(s.trim()));
    let again;
    let toks = if strip_listing(strip_possessive(n.trim())).len() == n.len() {
        core
    } else {
        again = core_tokens(n);
        &again
    };
    // rebuild with the original casing of the kept tokens
    let words: Vec<&str> = n.split_whitespace().collect();
    let first = toks.first().map_or("", String::as_str);
    let start = words
        .iter()
        .position(|w| lowercase_is(w.trim_end_matches([',', '.']), first))
        .unwrap_or(0);
    words[start..(start + toks.len()).min(words.len())]
        .join(" ")
        .trim_end_matches(',')
        .to_string()
}

fn clean_surface(s: &str) -> String {
    strip_possessive(s.trim()).to_string()
}

/// Without a possessive ending: "Alibaba’s" → "Alibaba", "CreditSights'" → "CreditSights".
fn strip_possessive(s: &str) -> &str {
    ["’s", "'s", "’", "'"]
        .iter()
        .fold(s, |n, suf| n.strip_suffix(suf).unwrap_or(n))
}

/// Without a Hong Kong listing marker: "JD.com Group-SW" → "JD.com Group", "Meituan-W".
fn strip_listing(s: &str) -> &str {
    ["-SW", "-W", "-S", "-R", "-B"]
        .iter()
        .fold(s, |n, suf| n.strip_suffix(suf).unwrap_or(n))
}

fn find_existing(
    doc: &Document,
    cores: &[Vec<String>],
    name_cores: &[Vec<Vec<String>>],
    kind: EntityKind,
    clean: &str,
    core: &[String],
) -> Option<usize> {
    let s = clean;
    let is_acronym = s.len() >= 2 && s.len() <= 6 && s.chars().all(|c| c.is_ascii_uppercase());
    for (ei, e) in doc.entities.iter().enumerate() {
        let compatible = e.kind == kind || (e.kind.is_org() && kind.is_org());
        if !compatible {
            continue;
        }
        if same_thing(&cores[ei], core) {
            return Some(ei);
        }
        // every name form of the entity, not only the first
        if name_cores[ei].iter().any(|n| same_thing(n, core)) {
            return Some(ei);
        }
        if kind.is_org() {
            // name_cores[ei] holds the cores of the name, then of each alt name
            if is_acronym
                && e.alt_names
                    .iter()
                    .zip(&name_cores[ei][1..])
                    .chain(std::iter::once((&e.name, &name_cores[ei][0])))
                    .any(|(n, c)| n.split_whitespace().count() >= 2 && is_initials_of(n, c, s))
            {
                return Some(ei);
            }
            // the formal name whose first word(s) this short name is: "Alibaba" ⊂ "Alibaba Group Holding Ltd."
            let ecore = &cores[ei];
            if !core.is_empty() && ecore.len() > core.len() && ecore.starts_with(core) {
                let rest = &ecore[core.len()..];
                if rest.iter().all(|t| SUFFIXES.contains(&t.as_str())) {
                    return Some(ei);
                }
            }
        }
        if kind == EntityKind::Person && core.len() == 1 {
            let toks = &cores[ei];
            if toks.len() >= 2 && (toks.first() == core.first() || toks.last() == core.first()) {
                return Some(ei);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Mention, Meta, Span};

    fn doc_with(names: &[(&str, EntityKind)]) -> Document {
        let text = names
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(" | ");
        let mut d = Document::new(text.clone(), Meta::default());
        let mut off = 0;
        for (n, k) in names {
            let s = text[off..].find(n).unwrap() + off;
            d.mentions.push(Mention {
                span: Span::new(d.cp(s), d.cp(s + n.len())),
                kind: *k,
                gazetteer: None,
                tickers: vec![],
                extractor: "test",
                confidence: 1.0,
                entity: None,
            });
            off = s + n.len();
        }
        d
    }

    #[test]
    fn formal_and_short_company_names_merge() {
        let mut d = doc_with(&[
            ("Zorblax Group Holding Ltd.", EntityKind::Company),
            ("Zorblax Group", EntityKind::Company),
            ("Zorblax’s", EntityKind::Company),
        ]);
        resolve(&mut d);
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
    }

    #[test]
    fn acronyms_merge_with_formal_names() {
        let mut d = doc_with(&[
            (
                "Quantum Manufacturing International Corp.",
                EntityKind::Company,
            ),
            ("QMIC", EntityKind::Company),
        ]);
        resolve(&mut d);
        assert_eq!(d.entities.len(), 1);
    }

    #[test]
    fn business_units_stay_separate() {
        let mut d = doc_with(&[
            ("Zorblax Cloud", EntityKind::Company),
            ("Zorblax", EntityKind::Company),
        ]);
        resolve(&mut d);
        assert_eq!(d.entities.len(), 2);
    }

    #[test]
    fn surnames_join_full_names_but_kinds_do_not_mix() {
        let mut d = doc_with(&[
            ("Lorna Quist", EntityKind::Person),
            ("Quist", EntityKind::Person),
            ("Quist", EntityKind::Place),
        ]);
        resolve(&mut d);
        assert_eq!(d.entities.len(), 2);
    }

    /// The allocating form `core_tokens` replaced, as a reference.
    fn core_tokens_reference(name: &str) -> Vec<String> {
        let n = strip_listing(strip_possessive(name.trim()));
        let toks: Vec<String> = n
            .split_whitespace()
            .map(|t| t.trim_end_matches([',', '.']).to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let mut end = toks.len();
        while end > 1 && SUFFIXES.contains(&toks[end - 1].to_lowercase().as_str()) {
            end -= 1;
        }
        let mut start = 0;
        while start + 1 < end && toks[start].eq_ignore_ascii_case("the") {
            start += 1;
        }
        toks[start..end].iter().map(|t| t.to_lowercase()).collect()
    }

    /// `core_surface` as it was, tokenizing the stripped surface again and
    /// lowercasing every word into a string.
    fn core_surface_reference(s: &str) -> String {
        let n = strip_listing(strip_possessive(s.trim()));
        let toks = core_tokens_reference(n);
        let words: Vec<&str> = n.split_whitespace().collect();
        let start = words
            .iter()
            .position(|w| {
                w.trim_end_matches([',', '.']).to_lowercase()
                    == toks.first().cloned().unwrap_or_default()
            })
            .unwrap_or(0);
        words[start..(start + toks.len()).min(words.len())]
            .join(" ")
            .trim_end_matches(',')
            .to_string()
    }

    #[test]
    fn core_tokens_match_the_reference() {
        let pieces = [
            "Alibaba",
            "Group",
            "GROUP",
            "Holding",
            "Ltd.",
            "Inc,",
            "the",
            "The",
            "THE",
            "Co",
            "co.",
            ",",
            ".",
            "Σ",
            "ΑΣ",
            "Ärzte",
            "\u{212a}",
            "İstanbul",
            "ſ",
            "-SW",
            "’s",
            "'s",
            "’",
            "de",
            "SE",
            "plc",
            "JD.com",
            "Meituan-W",
            " ",
            "\t",
            "x",
            "\x0b",
            "\u{a0}",
            "\u{3000}",
            "\n",
            "\r\n",
            ".,",
            "Inc.,",
        ];
        let mut rng = crate::text::XorShift(0x2545_f491_4f6c_dd1d);
        let mut rnd = |k: usize| rng.below(k);
        for _ in 0..30_000 {
            let n = rnd(7);
            let mut name = String::new();
            for _ in 0..n {
                if rnd(3) > 0 {
                    name.push(' ');
                }
                name.push_str(pieces[rnd(pieces.len())]);
            }
            assert_eq!(core_tokens(&name), core_tokens_reference(&name), "{name:?}");
            assert_eq!(
                core_surface(&name, &core_tokens(&name)),
                core_surface_reference(&name),
                "{name:?}"
            );
        }
    }

    /// Names and acronyms from word pieces (connectors, suffixes, initials of
    /// other words, non-ASCII letters, a Kelvin sign, punctuation).
    #[test]
    fn initials_match_the_built_strings() {
        let pieces = [
            "Quantum",
            "Manufacturing",
            "International",
            "Corp.",
            "Co.",
            "Limited",
            "of",
            "OF",
            "and",
            "&",
            "the",
            "The",
            "for",
            "de",
            "Group",
            "Holding",
            "Ltd",
            "Inc,",
            "Ärzte",
            "Éclair",
            "\u{212a}ing",
            "3M",
            "x",
            "L",
            "-SW",
            "’s",
            "'s",
            "Amperex",
            "Technology",
            "Contemporary",
            "Bank",
            "China",
            "Mobile",
            "(HK)",
            "Ω",
        ];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut rnd = |k: usize| rng.below(k);
        for _ in 0..30_000 {
            let n = 1 + rnd(6);
            let name: Vec<&str> = (0..n).map(|_| pieces[rnd(pieces.len())]).collect();
            let name = name.join(if rnd(5) == 0 { "  " } else { " " });
            let core = core_tokens(&name);
            let mut acronyms: Vec<String> = initials(&name)
                .into_iter()
                .filter(|a| !a.is_empty())
                .collect();
            let random: String = (0..2 + rnd(5))
                .map(|_| char::from(b"QMICLGHABTCO"[rnd(12)]))
                .collect();
            acronyms.push(random);
            for a in acronyms {
                if a.len() < 2 || a.len() > 6 || !a.chars().all(|c| c.is_ascii_uppercase()) {
                    continue;
                }
                assert_eq!(
                    is_initials_of(&name, &core, &a),
                    initials(&name).contains(&a),
                    "{name:?} {a:?}"
                );
            }
        }
    }

    #[test]
    fn listing_suffixes_are_ignored() {
        assert_eq!(core_tokens("JD.com Group-SW"), vec!["jd.com"]);
        assert_eq!(
            core_surface("JD.com Group-SW", &core_tokens("JD.com Group-SW")),
            "JD.com"
        );
    }
}
