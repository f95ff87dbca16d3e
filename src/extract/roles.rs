//! Roles: person – job title – organisation, as reported.
//!
//! Patterns over resolved mentions in one sentence:
//! "JD.com CEO Xu Ran", "Saxo chief investment strategist Charu Chanana",
//! "Charu Chanana, chief investment strategist at Saxo Markets",
//! "CreditSights' Zerlina Zeng" (no title), "Chinese leader Xi Jinping" (a
//! nationality stands for the country), and "said Thomas Mathews, head of APAC
//! markets" after a sentence naming his firm.

use crate::document::{Document, EntityKind, Mention, Role, Span};
use crate::extract::pattern::{regex_new, AsciiFast};
use crate::extract::sentence_mentions::GrowingMentions;
use crate::gazetteer::Gazetteer;
use crate::pipeline::{layer, Extractor};
use regex::Regex;
use std::sync::LazyLock;

pub struct RoleExtractor;

/// Words a job title is made of (lowercase; matched case-insensitively).
pub(crate) const TITLE_WORD_LIST: &[&str] = &[
    "chief",
    "executive",
    "officer",
    "financial",
    "operating",
    "technology",
    "investment",
    "information",
    "marketing",
    "strategist",
    "strategy",
    "economist",
    "analyst",
    "analysts",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "cio",
    "chairman",
    "chairwoman",
    "chair",
    "vice",
    "deputy",
    "senior",
    "managing",
    "director",
    "president",
    "premier",
    "prime",
    "minister",
    "secretary",
    "governor",
    "founder",
    "co-founder",
    "cofounder",
    "chancellor",
    "head",
    "of",
    "and",
    "&",
    "global",
    "equity",
    "equities",
    "quantitative",
    "research",
    "asia",
    "apac",
    "market",
    "markets",
    "fixed",
    "income",
    "portfolio",
    "fund",
    "manager",
    "general",
    "partner",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "board",
    "group",
    "regional",
    "china",
    "us",
    "u.s.",
    "emerging",
    "macro",
    "credit",
    "rates",
    "fx",
    "currency",
    "commodities",
    "sales",
    "trading",
    "trader",
    "economics",
    "policy",
    "member",
    "lead",
    "principal",
    "associate",
    "treasurer",
    "controller",
    "counsel",
    "advisor",
    "adviser",
    "commissioner",
    "mayor",
    "ambassador",
    "representative",
    "chairperson",
];

/// [`TITLE_WORD_LIST`] as a regex, for words that are not ASCII (Unicode case
/// folding: "\u{212a}" is a capital K).
static TITLE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = TITLE_WORD_LIST.iter().map(|w| regex::escape(w)).collect();
    regex_new(&format!("(?i)^(?:{})$", alts.join("|"))).unwrap()
});
static HEAD_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(r"(?i)\b(?:chief|ceo|cfo|coo|cto|cio|chairman|chairwoman|chair|president|premier|minister|secretary|governor|director|founder|chancellor|head|strategist|economist|analyst|manager|partner|leader|spokes\w+|officer|treasurer|commissioner|mayor|ambassador|advisor|adviser)\b").unwrap()
});
const NATIONALITY: &[(&str, &str)] = &[
    ("Chinese", "China"),
    ("American", "United States"),
    ("U.S.", "United States"),
    ("US", "United States"),
    ("Japanese", "Japan"),
    ("British", "United Kingdom"),
    ("German", "Germany"),
    ("French", "France"),
    ("Indian", "India"),
    ("Russian", "Russia"),
    ("South Korean", "South Korea"),
    ("Korean", "South Korea"),
    ("Taiwanese", "Taiwan"),
    ("Canadian", "Canada"),
    ("Australian", "Australia"),
    ("Italian", "Italy"),
    ("Spanish", "Spain"),
    ("Brazilian", "Brazil"),
    ("Mexican", "Mexico"),
    ("Saudi", "Saudi Arabia"),
    ("Turkish", "Turkey"),
    ("Israeli", "Israel"),
    ("Iranian", "Iran"),
    ("Ukrainian", "Ukraine"),
    ("Swiss", "Switzerland"),
    ("Dutch", "Netherlands"),
];

/// Whether one word can be part of a job title ("Head", "of", "Equity", "CEO").
pub fn is_title_word(w: &str) -> bool {
    title_word_trimmed(w.trim_end_matches(','))
}

/// ASCII words are compared with the list directly (ASCII case folding is
/// all `(?i)` does to them); others go to the regex. Called for nearly every
/// capitalised word, so the regex search mattered.
fn title_word_trimmed(t: &str) -> bool {
    if !t.is_ascii() {
        return TITLE_WORDS.is_match(t);
    }
    static SET: LazyLock<rustc_hash::FxHashSet<&'static [u8]>> =
        LazyLock::new(|| TITLE_WORD_LIST.iter().map(|w| w.as_bytes()).collect());
    let mut buf = [0u8; 16];
    if t.len() > buf.len() {
        return false; // longer than any listed word
    }
    let lw = &mut buf[..t.len()];
    lw.copy_from_slice(t.as_bytes());
    lw.make_ascii_lowercase();
    SET.contains(&*lw)
}

/// Whether a word heads a job title ("CEO", "strategist", "Chairman").
pub fn is_title_head(w: &str) -> bool {
    HEAD_TITLE.is_match(w)
}

/// Whether a phrase is a job title as written.
pub fn is_title(s: &str) -> bool {
    let s = s.trim().trim_matches(',');
    !s.is_empty()
        && s.split_whitespace().count() <= 9
        && s.split_whitespace()
            .all(|w| title_word_trimmed(w.trim_end_matches(',')))
        && HEAD_TITLE.is_match(s)
}

impl Extractor for RoleExtractor {
    fn name(&self) -> &'static str {
        "roles"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[layer::SENTENCES, layer::MENTIONS, layer::ENTITIES]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::ROLES, layer::MENTIONS]
    }
    fn warm_ups(&self) -> &'static [fn()] {
        &[|| _ = &*HEAD_TITLE, || _ = &*NAT, || _ = AT.ascii()]
    }
    fn run(&self, doc: &mut Document) {
        let mut roles: Vec<Role> = Vec::new();
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        // nationality mentions are added on the way (see `place_mention`)
        let by_sentence = GrowingMentions::new(doc, &sentences);
        for (si, sent) in sentences.iter().enumerate() {
            let ms = by_sentence.get(doc, si, *sent);
            for (k, &pi) in ms.iter().enumerate() {
                if doc.mentions[pi].kind != EntityKind::Person {
                    continue;
                }
                let p = doc.mentions[pi].span;
                let mut found = false;
                // 1. "<Org>['s] <title> <Person>"
                if k > 0 {
                    let oi = ms[k - 1];
                    let o = &doc.mentions[oi];
                    if o.kind.is_org() || o.kind == EntityKind::Place {
                        let between = gap(doc, o.span.end, p.start);
                        let t = between
                            .trim_start_matches(['’', '\''])
                            .trim_start_matches('s')
                            .trim();
                        let t0 = between.trim();
                        if is_title(t) || is_title(t0) {
                            let title = if is_title(t0) { t0 } else { t };
                            roles.push(role(pi, oi, Some(title), *sent));
                            found = true;
                        } else if matches!(t0, "’" | "'" | "’s" | "'s") && o.kind.is_org() {
                            // "CreditSights' Zerlina Zeng": a role with no title
                            roles.push(role(pi, oi, None, *sent));
                            found = true;
                        }
                    }
                }
                // 2. "<Person>, [the] <title> at|of|with <Org>"
                if !found && k + 1 < ms.len() {
                    let oi = ms[k + 1];
                    let o = &doc.mentions[oi];
                    if o.kind.is_org() {
                        let between = gap(doc, p.end, o.span.start);
                        static ORG_TITLE: LazyLock<Regex> =
                            LazyLock::new(|| regex_new(r"^,\s+(?:the\s+)?$").unwrap());
                        // both patterns start with a comma
                        let comma = between.starts_with(',');
                        if let Some(c) = comma.then(|| AT.get(between).captures(between)).flatten()
                        {
                            if is_title(&c["t"]) {
                                roles.push(role(pi, oi, Some(c["t"].trim()), *sent));
                                found = true;
                            }
                        } else if comma && ORG_TITLE.is_match(between) {
                            // "<Person>, <Org>'s <title>"
                            let after = gap(doc, o.span.end, sent.end);
                            let t = after
                                .trim_start_matches(['’', '\''])
                                .trim_start_matches('s')
                                .trim_start();
                            let t: String = t
                                .split([',', '.', ';'])
                                .next()
                                .unwrap_or("")
                                .trim()
                                .to_string();
                            if is_title(&t) {
                                roles.push(role(pi, oi, Some(&t), *sent));
                                found = true;
                            }
                        }
                    }
                }
                // 3. "Chinese leader Xi Jinping": a nationality before the title
                if !found && may_have_nationality_title(gap(doc, sent.start, p.start)) {
                    // owned: `place_mention` changes the document
                    let before = gap(doc, sent.start, p.start).to_string();
                    if let Some(c) = NAT.captures(&before) {
                        let nat = c.name("nat").unwrap();
                        let place = NATIONALITY
                            .iter()
                            .find(|(a, _)| *a == nat.as_str())
                            .map(|(_, p)| *p);
                        if let (Some(place), true) = (place, is_title(&c["t"])) {
                            let s = doc.byte(sent.start) + nat.start();
                            let span = doc.span(s, s + nat.len());
                            if let Some(mi) = place_mention(doc, span, place) {
                                roles.push(role(pi, mi, Some(c["t"].trim()), *sent));
                                found = true;
                            }
                        }
                    }
                }
                // 4. "…, said Thomas Mathews, head of APAC markets." – firm named in the sentence before
                if !found && si > 0 {
                    let after = gap(doc, p.end, sent.end);
                    // APPOS starts with a comma
                    let comma = after.starts_with(',');
                    if let Some(c) = comma.then(|| APPOS.get(after).captures(after)).flatten() {
                        if is_title(&c["t"]) && !c["t"].contains(" at ") {
                            let prev = doc.mentions_in(sentences[si - 1]);
                            if let Some(&oi) = prev.iter().find(|&&m| {
                                doc.mentions[m].kind == EntityKind::Organization
                                    || doc.mentions[m].kind == EntityKind::Company
                            }) {
                                let mut r = role(pi, oi, Some(c["t"].trim()), *sent);
                                r.confidence = 0.55;
                                roles.push(r);
                            }
                        }
                    }
                }
            }
        }
        // one role per (person entity, org entity, title)
        let mut seen = std::collections::HashSet::new();
        roles.retain(|r| {
            let key = (
                doc.mentions[r.person].entity,
                doc.mentions[r.org].entity,
                r.title.as_ref().map(|t| t.to_lowercase()),
            );
            seen.insert(key)
        });
        doc.roles = roles;
    }
}

fn gap(doc: &Document, a: usize, b: usize) -> &str {
    if a <= b {
        doc.slice(Span::new(a, b))
    } else {
        ""
    }
}

/// Rule 2's "…, head of markets at <org>": the title between a person and an
/// organisation.
static AT: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"^,\s+(?:the\s+|a\s+|an\s+)?(?P<t>[^,;]{2,80}?)\s+(?:at|of|with|for|from)\s+(?:the\s+)?$",
    )
});
/// Rule 4's "…, said Thomas Mathews, head of APAC markets.".
static APPOS: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(r"^,\s+(?P<t>[a-z][^,;.]{2,60})[.,;]"));

/// Rule 3: a nationality, then a lowercase title, right before the person.
static NAT: LazyLock<Regex> = LazyLock::new(|| {
    regex_new(r"(?P<nat>\b[A-Z][a-zA-Z.]+(?:\s+[A-Z][a-z]+)?)\s+(?P<t>[a-z][a-z -]{2,40})\s*$")
        .unwrap()
});

/// Whether the NAT pattern of rule 3 can give a role on the text before a
/// person: its title group is lowercase words (`[a-z][a-z -]*`) ending at
/// the end but for whitespace, and its nationality group (a substring of
/// the text) must be one of [`NATIONALITY`]. The regex costs far more than
/// these two looks.
fn may_have_nationality_title(before: &str) -> bool {
    static NAMES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(NATIONALITY.iter().map(|(a, _)| a)).unwrap()
    });
    before
        .trim_end()
        .ends_with(|c: char| c.is_ascii_lowercase() || c == '-')
        && NAMES.is_match(before)
}

fn role(person: usize, org: usize, title: Option<&str>, evidence: Span) -> Role {
    Role {
        person,
        org,
        title: title.map(|t| t.trim().trim_end_matches(',').to_string()),
        evidence,
        extractor: "roles",
        confidence: 0.75,
    }
}

/// A mention of a country written as a nationality ("Chinese"), linked to its entity.
fn place_mention(doc: &mut Document, span: Span, place: &str) -> Option<usize> {
    if let Some(i) = doc.mentions.iter().position(|m| m.span == span) {
        return Some(i);
    }
    let g = Gazetteer::builtin();
    let ix = g
        .lookup(place)
        .into_iter()
        .find(|&i| g.entries[i].kind == EntityKind::Place)?;
    let id = g.entries[ix].id.clone();
    let ei = match doc
        .entities
        .iter()
        .position(|e| e.gazetteer.as_deref() == Some(id.as_str()))
    {
        Some(ei) => ei,
        None => {
            let e = &g.entries[ix];
            doc.entities.push(crate::document::Entity {
                kind: EntityKind::Place,
                name: e.name.clone(),
                alt_names: vec![],
                tickers: vec![],
                exchanges: vec![],
                wikidata: e.wikidata.clone(),
                lei: None,
                gazetteer: Some(id),
                parent: None,
                mentions: vec![],
            });
            doc.entities.len() - 1
        }
    };
    doc.mentions.push(Mention {
        span,
        kind: EntityKind::Place,
        gazetteer: doc.entities[ei].gazetteer.clone(),
        tickers: vec![],
        extractor: "roles-nationality",
        confidence: 0.7,
        entity: Some(ei),
    });
    let mi = doc.mentions.len() - 1;
    doc.entities[ei].mentions.push(mi);
    Some(mi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On ASCII text the ASCII forms of AT and APPOS capture exactly what the
    /// patterns as written capture, on generated gaps of words, commas,
    /// semicolons, stops, spaces and the pattern's own words.
    #[test]
    fn ascii_forms_of_negated_classes_match_the_patterns() {
        let tokens = [
            ",",
            ", ",
            ";",
            ".",
            " ",
            "  ",
            "\t",
            "\n",
            "the ",
            "a ",
            "an ",
            "at ",
            "of ",
            "with ",
            "for ",
            "from ",
            "head",
            "chief executive",
            "markets",
            "APAC",
            "x",
            "-",
            "'",
            "(",
            ")",
            "Vice President",
            "senior analyst",
            "é",
        ];
        let mut rng = crate::text::XorShift(0x5eed_2a11);
        let mut checked = 0;
        for _ in 0..30_000 {
            let n = 1 + rng.below(14);
            let mut gap = String::from(if rng.below(4) == 0 { "" } else { ", " });
            for _ in 0..n {
                gap.push_str(tokens[rng.below(tokens.len())]);
            }
            if !gap.is_ascii() {
                continue;
            }
            for (name, rx) in [("AT", &*AT), ("APPOS", &*APPOS)] {
                let got = rx
                    .ascii()
                    .captures(&gap)
                    .map(|c| (c.get(0).map(|m| m.range()), c["t"].to_string()));
                let want = rx
                    .unicode()
                    .captures(&gap)
                    .map(|c| (c.get(0).map(|m| m.range()), c["t"].to_string()));
                assert_eq!(got, want, "{name} on {gap:?}");
                checked += usize::from(want.is_some());
            }
        }
        assert!(checked > 1000, "only {checked} matches checked");
    }

    /// Texts before a person from nationalities, titles, names and
    /// punctuation: where the gate says no, NAT finds no listed nationality.
    #[test]
    fn nationality_gate_never_hides_a_role() {
        let mut pieces: Vec<&str> = NATIONALITY.iter().map(|(a, _)| *a).collect();
        pieces.extend([
            "leader",
            "prime minister",
            "chief",
            "co-founder",
            "head of",
            "President",
            "Acme",
            "Korea",
            "Chin",
            "u.s.",
            "Xi",
            "said",
            ",",
            ".",
            "-",
            "’",
            "é",
            "İ",
            "\u{212a}",
            "South",
            "Corp",
            "x",
        ]);
        let seps = [" ", " ", " ", "  ", "\t", "\n", "", "\u{a0}", ", "];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut open, mut roles) = (0, 0);
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + rng.below(6) {
                t.push_str(pieces[rng.below(pieces.len())]);
                t.push_str(seps[rng.below(seps.len())]);
            }
            let may = may_have_nationality_title(&t);
            let nat = NAT.captures(&t).map(|c| c["nat"].to_string());
            let listed = nat.is_some_and(|n| NATIONALITY.iter().any(|(a, _)| *a == n));
            assert!(may || !listed, "{t:?}");
            open += usize::from(may);
            roles += usize::from(listed);
        }
        assert!(roles > 500 && open < 50_000, "{roles} {open}");
    }

    #[test]
    fn ascii_title_words_match_the_regex() {
        assert!(TITLE_WORD_LIST
            .iter()
            .all(|w| w.len() <= 16 && *w == w.to_ascii_lowercase()));
        let mut words: Vec<String> = Vec::new();
        for text in [
            include_str!("../../data/gazetteer/people.tsv"),
            include_str!("../../data/gazetteer/organizations.tsv"),
            include_str!("../../data/gazetteer/companies.tsv"),
            "Chief Executive Officer CEO, co-founder Co-Founder U.S. u.s. US, &, and, \
             Markets markets market MARKET spokesperson representative representatives \
             chairpersons Kelvin \u{212a}ing ſales CEO’s Head, Head,, ,",
        ] {
            for w in text.split(|c: char| c.is_whitespace() || c == '\t' || c == '|') {
                words.push(w.to_string());
                words.push(w.to_lowercase());
                words.push(w.to_uppercase());
                words.push(format!("{w},"));
            }
        }
        for w in TITLE_WORD_LIST {
            let cap = w[..1].to_uppercase() + &w[1..];
            words.extend([
                w.to_string(),
                w.to_uppercase(),
                cap,
                format!("{w}s"),
                format!("x{w}"),
            ]);
        }
        for w in &words {
            assert_eq!(
                is_title_word(w),
                TITLE_WORDS.is_match(w.trim_end_matches(',')),
                "{w:?}"
            );
        }
    }

    #[test]
    fn titles_are_recognised() {
        assert!(is_title("CEO"));
        assert!(is_title("Group Vice Chairman and CEO"));
        assert!(is_title("chief investment strategist"));
        assert!(is_title("Head of Equity and Quantitative Strategy"));
        assert!(is_title("managing director"));
        assert!(!is_title("said on Monday"));
        assert!(!is_title("and"));
    }
}
