//! Gazetteers: lists of known companies, organisations, indices, places,
//! people, products and exchanges, from public sources (see data/README.md).
//!
//! The TSV files are embedded in the binary so `newsgraph` runs anywhere with no
//! data directory; a user may still load extra lists with [`Gazetteer::extend_from_tsv`].

use crate::document::EntityKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One known entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    /// `(symbol, MIC)` pairs, e.g. `("9988.HK", "XHKG")`.
    pub tickers: Vec<(String, String)>,
    pub wikidata: Option<String>,
    pub lei: Option<String>,
    pub parent: Option<String>,
    /// Also a common word or name: needs a context cue before it is trusted.
    pub ambiguous: bool,
    pub media: bool,
    pub unit: bool,
}

/// A stock exchange and the notations news uses for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub mic: String,
    pub name: String,
    pub notations: Vec<String>,
    pub country: String,
}

/// A line of a gazetteer file that does not follow the format.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// A surface-form match in a text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub exchanges: Vec<Exchange>,
    by_id: HashMap<String, usize>,
    by_ticker: HashMap<String, usize>,
    patterns: Vec<usize>,
    matcher: AhoCorasick,
}

const FILES: &[(&str, &str)] = &[
    (
        "companies.tsv",
        include_str!("../data/gazetteer/companies.tsv"),
    ),
    (
        "organizations.tsv",
        include_str!("../data/gazetteer/organizations.tsv"),
    ),
    ("indices.tsv", include_str!("../data/gazetteer/indices.tsv")),
    ("places.tsv", include_str!("../data/gazetteer/places.tsv")),
    ("people.tsv", include_str!("../data/gazetteer/people.tsv")),
    (
        "products.tsv",
        include_str!("../data/gazetteer/products.tsv"),
    ),
];
const EXCHANGES: &str = include_str!("../data/gazetteer/exchanges.tsv");

static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for (name, text) in FILES {
        // The embedded files are checked by a unit test; a bad row is skipped here.
        entries.extend(parse_entries(name, text).into_iter().filter_map(Result::ok));
    }
    let exchanges = parse_exchanges(EXCHANGES);
    Gazetteer::new(entries, exchanges)
});

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// Parses entity rows: `id kind name aliases tickers wikidata lei parent flags`.
pub fn parse_entries(file: &str, text: &str) -> Vec<Result<Entry, GazetteerError>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let err = |message: String| GazetteerError {
            file: file.to_string(),
            line: i + 1,
            message,
        };
        if f.len() != 9 {
            out.push(Err(err(format!(
                "expected 9 tab-separated fields, found {}",
                f.len()
            ))));
            continue;
        }
        let Some(kind) = EntityKind::parse(f[1].trim()) else {
            out.push(Err(err(format!("unknown kind `{}`", f[1]))));
            continue;
        };
        let flags: Vec<&str> = f[8].split(',').map(str::trim).collect();
        let tickers = list(f[4])
            .into_iter()
            .map(|t| match t.split_once('@') {
                Some((s, m)) => (s.to_string(), m.to_string()),
                None => (t, String::new()),
            })
            .collect();
        out.push(Ok(Entry {
            id: f[0].trim().to_string(),
            kind,
            name: f[2].trim().to_string(),
            aliases: list(f[3]),
            tickers,
            wikidata: opt(f[5]),
            lei: opt(f[6]),
            parent: opt(f[7]),
            ambiguous: flags.contains(&"ambiguous"),
            media: flags.contains(&"media"),
            unit: flags.contains(&"unit"),
        }));
    }
    out
}

/// Parses exchange rows: `mic name aliases suffixes country`.
pub fn parse_exchanges(text: &str) -> Vec<Exchange> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| {
                let mut notations = list(f[3]);
                notations.extend(list(f[2]));
                Exchange {
                    mic: f[0].trim().to_string(),
                    name: f[1].trim().to_string(),
                    notations,
                    country: f[4].trim().to_string(),
                }
            })
        })
        .collect()
}

impl Gazetteer {
    /// The lists shipped in `data/gazetteer/`.
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN
    }

    pub fn new(entries: Vec<Entry>, exchanges: Vec<Exchange>) -> Self {
        let mut by_id = HashMap::new();
        let mut by_ticker = HashMap::new();
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            by_id.insert(e.id.clone(), i);
            for (t, _) in &e.tickers {
                by_ticker.entry(t.to_uppercase()).or_insert(i);
                // "0700.HK" is also written "700.HK"
                if let Some((code, ex)) = t.split_once('.') {
                    let short = code.trim_start_matches('0');
                    if short != code && !short.is_empty() {
                        by_ticker
                            .entry(format!("{short}.{ex}").to_uppercase())
                            .or_insert(i);
                    }
                }
            }
            for f in std::iter::once(&e.name).chain(e.aliases.iter()) {
                if f.chars().count() >= 2 {
                    forms.push(f.clone());
                    patterns.push(i);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .expect("gazetteer patterns build");
        Gazetteer {
            entries,
            exchanges,
            by_id,
            by_ticker,
            patterns,
            matcher,
        }
    }

    /// Adds rows from another TSV in the same format (a user's own list).
    pub fn extend_from_tsv(&mut self, file: &str, text: &str) -> Result<(), GazetteerError> {
        let mut entries = std::mem::take(&mut self.entries);
        for r in parse_entries(file, text) {
            entries.push(r?);
        }
        let ex = std::mem::take(&mut self.exchanges);
        *self = Gazetteer::new(entries, ex);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The entry listed under a ticker such as `9618.HK` or `BIDU`.
    pub fn by_ticker(&self, ticker: &str) -> Option<usize> {
        self.by_ticker.get(&ticker.to_uppercase()).copied()
    }

    /// MIC of an exchange notation such as `NYSE`, `HK`, `.HK`, `LON`.
    pub fn exchange_mic(&self, notation: &str) -> Option<&str> {
        self.exchanges
            .iter()
            .find(|x| x.notations.iter().any(|n| n.eq_ignore_ascii_case(notation)))
            .map(|x| x.mic.as_str())
    }

    /// Word-bounded, leftmost-longest matches of known names and aliases.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.matcher
            .find_iter(text)
            .filter(|m| crate::text::word_bounded(text, m.start(), m.end()))
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                entry: self.patterns[m.pattern().as_usize()],
            })
            .collect()
    }

    /// Entries whose name or alias equals `s` exactly.
    pub fn lookup(&self, s: &str) -> Vec<usize> {
        self.find(s)
            .into_iter()
            .filter(|h| h.start == 0 && h.end == s.len())
            .map(|h| h.entry)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_follow_the_format() {
        let mut ids = std::collections::HashSet::new();
        for (name, text) in FILES {
            for r in parse_entries(name, text) {
                let e = r.unwrap_or_else(|e| panic!("{e}"));
                assert!(ids.insert(e.id.clone()), "duplicate id {}", e.id);
            }
        }
        let g = Gazetteer::builtin();
        for e in &g.entries {
            if let Some(p) = &e.parent {
                assert!(g.get(p).is_some(), "{}: unknown parent {p}", e.id);
            }
            if let Some(q) = &e.wikidata {
                assert!(
                    q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit()),
                    "{q}"
                );
            }
        }
        assert!(!parse_exchanges(EXCHANGES).is_empty());
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let r = parse_entries("x.tsv", "header\nfoo\tCompany\tFoo\n");
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("9 tab-separated fields"));
    }

    #[test]
    fn matching_is_word_bounded_and_longest_first() {
        let g = Gazetteer::new(
            parse_entries(
                "t",
                "h\nhk\tPlace\tHong Kong\t\t\t\t\t\t\nhstech\tStockIndex\tHang Seng Tech Index\tHang Seng Tech\t\t\t\t\t\ncn\tPlace\tChina\t\t\t\t\t\t\ncu\tCompany\tChina Unicom\t\t0762.HK@XHKG\t\t\t\t\n",
            )
            .into_iter()
            .map(Result::unwrap)
            .collect(),
            vec![],
        );
        let t = "The Hang Seng Tech Index in Hong Kong; China Unicom, Chinalco.";
        let hits: Vec<&str> = g.find(t).iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(
            hits,
            vec!["Hang Seng Tech Index", "Hong Kong", "China Unicom"]
        );
        assert_eq!(g.by_ticker("762.hk"), g.index_of("cu"));
    }
}
