//! Gazetteers: lists of known companies, organisations, indices, places,
//! people, products and exchanges, from public sources (see data/README.md).
//!
//! The TSV files are embedded in the binary so `newsgraph` runs anywhere with no
//! data directory; a user may still load extra lists with [`Gazetteer::extend_from_tsv`].

use crate::document::EntityKind;
use rustc_hash::FxHashMap;
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
    /// Fx-hashed: looked up for every gazetteer mention and ticker, and
    /// filled with every entry at start-up; the keys are our own lists, so
    /// SipHash's resistance to chosen keys buys nothing here.
    by_id: FxHashMap<String, usize>,
    by_ticker: FxHashMap<String, usize>,
    forms: Forms,
}

/// Every name and alias, for leftmost-longest matching. It stands for an
/// Aho-Corasick automaton over the same patterns (`MatchKind::LeftmostLongest`,
/// the earlier-listed entry winning a form listed twice), whose build was a
/// large share of start-up (failure links over ~120,000 trie states) while the
/// searches are few: one per body.
///
/// A plain trie of the forms, built in one pass over them sorted, without
/// failure links: every form has at least two bytes, so a table indexed by
/// the next two bytes of the text gives the node to walk from, and most text
/// positions have no form starting with their two bytes and cost that one
/// look-up. The test `forms_match_like_aho_corasick` compares both on real
/// and generated texts.
struct Forms {
    nodes: Vec<Node>,
    /// The byte leading into each node (unused for the nodes of `first`).
    labels: Vec<u8>,
    /// The node of each two-byte prefix (read as a big-endian `u16`), or 0:
    /// node 0 is a placeholder, never reached.
    first: Box<[u32; 1 << 16]>,
    /// For each node of `first` (nodes `1..=third.len()`), the bytes that
    /// lead on from it, as a 256-bit set: most positions whose two bytes
    /// start a form ("th", "ar" inside words) are ruled out by their third
    /// byte without walking the trie.
    third: Vec<[u64; 4]>,
}

/// A trie node: its children are `nodes[kids..kids + n_kids]`.
#[derive(Clone, Copy)]
struct Node {
    /// The entry of the form ending here, or `NONE`.
    entry: u32,
    kids: u32,
    n_kids: u32,
}

const NONE: u32 = u32::MAX;

impl Forms {
    /// `forms` are `(form, entry)` pairs in pattern order.
    fn new(forms: Vec<(&str, usize)>) -> Forms {
        // each form with its first eight bytes as a big-endian number (zero
        // padded): comparing those numbers orders the forms as their bytes
        // do, except for ties, which the bytes then break; the sort compares
        // numbers instead of calling memcmp for most pairs
        let mut keyed: Vec<(u64, &[u8], u32)> = forms
            .into_iter()
            .map(|(f, e)| (head_key(f.as_bytes()), f.as_bytes(), e as u32))
            .collect();
        // of a form listed twice, the first listed (the lower entry) comes first and stays
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)).then(a.2.cmp(&b.2)));
        keyed.dedup_by(|later, earlier| later.1 == earlier.1);
        let forms: Vec<(&[u8], u32)> = keyed.into_iter().map(|(_, f, e)| (f, e)).collect();
        let leaf = Node {
            entry: NONE,
            kids: 0,
            n_kids: 0,
        };
        // at most a node per byte of the forms, and a placeholder
        let most = forms.iter().map(|f| f.0.len()).sum::<usize>() + 1;
        let mut nodes = Vec::with_capacity(most);
        nodes.push(leaf);
        let mut labels = Vec::with_capacity(most);
        labels.push(0);
        let mut first: Box<[u32; 1 << 16]> = vec![0u32; 1 << 16]
            .into_boxed_slice()
            .try_into()
            .expect("length");
        // (node, forms[lo..hi] that pass through it, its depth), breadth-first
        let mut todo: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(most);
        let mut lo = 0;
        while lo < forms.len() {
            let f = forms[lo].0;
            let hi = lo + forms[lo..].partition_point(|g| g.0[..2] == f[..2]);
            first[pair(f[0], f[1])] = nodes.len() as u32;
            todo.push((nodes.len(), lo, hi, 2));
            nodes.push(leaf);
            labels.push(0);
            lo = hi;
        }
        let n_first = todo.len();
        let mut next = 0;
        while let Some(&(node, mut lo, hi, k)) = todo.get(next) {
            next += 1;
            if forms[lo].0.len() == k {
                // sorted before its extensions
                nodes[node].entry = forms[lo].1;
                lo += 1;
            }
            nodes[node].kids = nodes.len() as u32;
            while lo < hi {
                let c = forms[lo].0[k];
                let end = lo + forms[lo..hi].partition_point(|g| g.0[k] == c);
                todo.push((nodes.len(), lo, end, k + 1));
                nodes.push(leaf);
                labels.push(c);
                lo = end;
            }
            nodes[node].n_kids = nodes.len() as u32 - nodes[node].kids;
        }
        let third = (1..=n_first)
            .map(|node| {
                let n = nodes[node];
                let mut set = [0u64; 4];
                for &c in &labels[n.kids as usize..(n.kids + n.n_kids) as usize] {
                    set[usize::from(c >> 6)] |= 1 << (c & 63);
                }
                set
            })
            .collect();
        Forms {
            nodes,
            labels,
            first,
            third,
        }
    }

    /// The longest form that `t` starts with, walking from the node of its
    /// first two bytes: the form's length and entry.
    fn longest_at(&self, t: &[u8], mut node: usize) -> Option<(usize, usize)> {
        let mut best = None;
        let mut k = 2;
        loop {
            let n = self.nodes[node];
            if n.entry != NONE {
                best = Some((k, n.entry as usize));
            }
            let Some(&c) = t.get(k) else { break };
            let kids = n.kids as usize..(n.kids + n.n_kids) as usize;
            match self.labels[kids.clone()].iter().position(|&l| l == c) {
                Some(j) => node = kids.start + j,
                None => break,
            }
            k += 1;
        }
        best
    }

    /// Leftmost-longest, non-overlapping matches, as `(start, end, entry)`,
    /// passed to `hit`.
    fn each_match(&self, text: &[u8], mut hit: impl FnMut(usize, usize, usize)) {
        let mut at = 0;
        while at + 1 < text.len() {
            // on to the next position whose two bytes start a form
            let mut node = 0;
            let mut prev = text[at];
            for &b in &text[at + 1..] {
                node = self.first[pair(prev, b)];
                if node != 0 {
                    break;
                }
                prev = b;
                at += 1;
            }
            if node == 0 {
                break;
            }
            let node = node as usize;
            // no two-byte form here and no form goes on with the third byte:
            // `longest_at` would find nothing
            if self.nodes[node].entry == NONE
                && !text.get(at + 2).is_some_and(|&c| {
                    self.third[node - 1][usize::from(c >> 6)] >> (c & 63) & 1 != 0
                })
            {
                at += 1;
                continue;
            }
            match self.longest_at(&text[at..], node) {
                Some((len, entry)) => {
                    hit(at, at + len, entry);
                    at += len;
                }
                None => at += 1,
            }
        }
    }

    /// The entry of the form equal to `s`.
    fn get(&self, s: &[u8]) -> Option<usize> {
        if s.len() < 2 {
            return None;
        }
        let node = self.first[pair(s[0], s[1])] as usize;
        match self.longest_at(s, node) {
            Some((len, entry)) if node != 0 && len == s.len() => Some(entry),
            _ => None,
        }
    }
}

/// The first eight bytes of `f` as a big-endian number, zero padded: of two
/// forms, the one with the smaller number sorts first by bytes.
fn head_key(f: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = f.len().min(8);
    b[..n].copy_from_slice(&f[..n]);
    u64::from_be_bytes(b)
}

fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
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
        // the fields without collecting them: this runs for every row at start-up
        let mut f = [""; 9];
        let mut fields = 0;
        for (j, x) in line.split('\t').enumerate() {
            if let Some(slot) = f.get_mut(j) {
                *slot = x;
            }
            fields = j + 1;
        }
        let err = |message: String| GazetteerError {
            file: file.to_string(),
            line: i + 1,
            message,
        };
        if fields != 9 {
            out.push(Err(err(format!(
                "expected 9 tab-separated fields, found {fields}"
            ))));
            continue;
        }
        let Some(kind) = EntityKind::parse(f[1].trim()) else {
            out.push(Err(err(format!("unknown kind `{}`", f[1]))));
            continue;
        };
        let (mut ambiguous, mut media, mut unit) = (false, false, false);
        for x in f[8].split(',') {
            match x.trim() {
                "ambiguous" => ambiguous = true,
                "media" => media = true,
                "unit" => unit = true,
                _ => {}
            }
        }
        // the pieces of `list(f[4])`, each split at '@' without a string first
        let tickers = f[4]
            .split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|t| match t.split_once('@') {
                Some((s, m)) => (s.to_string(), m.to_string()),
                None => (t.to_string(), String::new()),
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
            ambiguous,
            media,
            unit,
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
        let mut by_id = FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
        let mut by_ticker = FxHashMap::default();
        let mut forms: Vec<(&str, usize)> = Vec::new();
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
                if f.chars().nth(1).is_some() {
                    forms.push((f, i));
                }
            }
        }
        let forms = Forms::new(forms);
        Gazetteer {
            entries,
            exchanges,
            by_id,
            by_ticker,
            forms,
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
        let mut hits = Vec::new();
        self.forms.each_match(text.as_bytes(), |start, end, entry| {
            if crate::text::word_bounded(text, start, end) {
                hits.push(Hit { start, end, entry });
            }
        });
        hits
    }

    /// Entries whose name or alias equals `s` exactly: the hits of [`Self::find`]
    /// that cover all of `s`. There is at most one: the longest form at 0 is
    /// `s` itself when it is listed (the earlier-listed entry if twice), and a
    /// whole-text match is word-bounded.
    pub fn lookup(&self, s: &str) -> Vec<usize> {
        self.forms.get(s.as_bytes()).into_iter().collect()
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

    /// `parse_entries` as it was (flags searched once per flag, tickers
    /// split from listed strings), as the reference.
    fn parse_entries_reference(file: &str, text: &str) -> Vec<Result<Entry, String>> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if i == 0 || line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 9 {
                out.push(Err(format!(
                    "{file}:{}: expected 9 tab-separated fields, found {}",
                    i + 1,
                    f.len()
                )));
                continue;
            }
            let Some(kind) = EntityKind::parse(f[1].trim()) else {
                out.push(Err(format!("{file}:{}: unknown kind `{}`", i + 1, f[1])));
                continue;
            };
            let flag = |name: &str| f[8].split(',').any(|x| x.trim() == name);
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
                ambiguous: flag("ambiguous"),
                media: flag("media"),
                unit: flag("unit"),
            }));
        }
        out
    }

    fn same_as_reference(file: &str, text: &str) {
        let got: Vec<Result<Entry, String>> = parse_entries(file, text)
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect();
        assert_eq!(got, parse_entries_reference(file, text), "{text:?}");
    }

    #[test]
    fn entries_parse_as_the_reference() {
        for (name, text) in FILES {
            same_as_reference(name, text);
        }
        let fields: [&[&str]; 9] = [
            &["x", " y ", "Q1"],
            &["Company", "Place", " Person ", "Nope"],
            &["Acme", " Acme Corp ", ""],
            &["", "A|B", " a | |b ", "|"],
            &[
                "",
                "ACM@XNYS",
                " 0700.HK@XHKG | 700.HK ",
                "A@",
                "@X|B@Y@Z",
                "|",
            ],
            &["", "Q5", " "],
            &["", "5493001KJTIIGC8Y1R12"],
            &["", "x", " y "],
            &[
                "",
                "ambiguous",
                "media",
                "unit",
                " media , unit ",
                "ambiguous,unit",
                "units",
                "media,",
                ",",
                "Media",
            ],
        ];
        let mut rng = crate::text::XorShift(0x6c62_272e_07bb_0142);
        let mut text = String::from("header\n");
        for _ in 0..5_000 {
            let n = match rng.below(10) {
                0 => rng.below(12),
                _ => 9,
            };
            let row: Vec<&str> = (0..n)
                .map(|j| {
                    let opts = fields[j.min(8)];
                    opts[rng.below(opts.len())]
                })
                .collect();
            text.push_str(&row.join("\t"));
            text.push_str(["\n", "\n\n", "\n# c\n", "\r\n"][rng.below(4)]);
        }
        same_as_reference("g.tsv", &text);
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

    /// The matcher this replaces, kept as the reference.
    fn aho_corasick(g: &Gazetteer) -> (aho_corasick::AhoCorasick, Vec<usize>) {
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        for (i, e) in g.entries.iter().enumerate() {
            for f in std::iter::once(&e.name).chain(e.aliases.iter()) {
                if f.chars().count() >= 2 {
                    forms.push(f.clone());
                    patterns.push(i);
                }
            }
        }
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&forms)
            .unwrap();
        (ac, patterns)
    }

    #[test]
    fn forms_match_like_aho_corasick() {
        let g = Gazetteer::builtin();
        let (ac, patterns) = aho_corasick(g);
        let old = |t: &str| -> Vec<Hit> {
            ac.find_iter(t)
                .filter(|m| crate::text::word_bounded(t, m.start(), m.end()))
                .map(|m| Hit {
                    start: m.start(),
                    end: m.end(),
                    entry: patterns[m.pattern().as_usize()],
                })
                .collect()
        };
        let all: Vec<&str> = g
            .entries
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter()))
            .map(String::as_str)
            .collect();
        // every form alone, and every form's prefixes and extensions
        let mut hits = 0;
        for f in &all {
            assert_eq!(g.find(f), old(f), "{f}");
            assert_eq!(
                g.lookup(f),
                old(f).iter().map(|h| h.entry).collect::<Vec<_>>()
            );
            for (i, _) in f.char_indices().skip(1) {
                assert_eq!(g.lookup(&f[..i]), {
                    let h = old(&f[..i]);
                    h.iter()
                        .filter(|h| h.start == 0 && h.end == i)
                        .map(|h| h.entry)
                        .collect::<Vec<_>>()
                });
            }
            hits += old(f).len();
        }
        assert!(hits > all.len() / 2);
        // texts of forms cut, glued and run together with words and symbols
        let glue = [
            " ", "  ", "", "s ", "'s ", "’s ", ", ", ". ", "-", "x", "é", "\n", "(", ") ", " and ",
            " the ", "Co", "ch", "7", " Inc. ", "_",
        ];
        let mut rng = crate::text::XorShift(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..(1 + rng.below(8)) {
                let f = all[rng.below(all.len())];
                let cuts: Vec<usize> = f.char_indices().map(|(i, _)| i).chain([f.len()]).collect();
                let (a, b) = match rng.below(4) {
                    0 => (cuts[rng.below(cuts.len())], f.len()),
                    1 => (0, cuts[rng.below(cuts.len())]),
                    _ => (0, f.len()),
                };
                t.push_str(&f[a..b.max(a)]);
                t.push_str(glue[rng.below(glue.len())]);
            }
            let want = old(&t);
            found += want.len();
            assert_eq!(g.find(&t), want, "{t:?}");
        }
        assert!(found > 20_000, "{found}");
        let t = "Shares of Alibaba Group Holding rose in Hong Kong, while the Hang Seng \
                 Index and China Unicom fell; iPhone sales in the U.S. and eBay Inc. grew.";
        assert_eq!(g.find(t), old(t));
    }
}
