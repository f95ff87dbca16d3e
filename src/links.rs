//! Identifier mappings for `newsgraph link`: a CSV naming entities (by IRI or
//! by name) and their public identifiers, checked and matched against the
//! entities in a store.
//!
//! Matching is deliberately conservative: a row links only when it names
//! exactly one entity, because one wrong `owl:sameAs` merges two companies for
//! every consumer downstream. Everything else is reported, not guessed.

use crate::document::EntityKind;
use crate::rdf::iri::fold_key;
use crate::rdf::vocab::{self, ng};
use crate::store::{GraphStore, StoreError};
use oxigraph::model::Term;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Why a mapping file cannot be used at all (bad rows are reported per row instead).
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("cannot read the mapping {path}: {source}; check the path and permissions")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Header { path: String, message: String },
    #[error("{path}: CSV error: {source}; fix the file (it must be UTF-8, comma-separated, with a header line)")]
    Csv {
        path: String,
        #[source]
        source: csv::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Columns a mapping may have; `entity` or `name` is required, and at least one identifier.
pub const COLUMNS: &[&str] = &[
    "entity", "name", "kind", "wikidata", "lei", "permid", "ticker",
];

/// Public identifiers of one entity, already validated and normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    /// Wikidata QID, e.g. `Q1359568`.
    pub wikidata: Option<String>,
    /// ISO 17442 LEI, upper case.
    pub lei: Option<String>,
    /// LSEG PermID digits.
    pub permid: Option<String>,
    pub ticker: Option<String>,
}

impl Identifiers {
    pub fn is_empty(&self) -> bool {
        self.wikidata.is_none()
            && self.lei.is_none()
            && self.permid.is_none()
            && self.ticker.is_none()
    }

    /// A short human summary for reports, e.g. `wikidata Q1, lei 5493…`.
    pub fn summary(&self) -> String {
        let mut v = Vec::new();
        if let Some(x) = &self.wikidata {
            v.push(format!("wikidata {x}"));
        }
        if let Some(x) = &self.lei {
            v.push(format!("lei {x}"));
        }
        if let Some(x) = &self.permid {
            v.push(format!("permid {x}"));
        }
        if let Some(x) = &self.ticker {
            v.push(format!("ticker {x}"));
        }
        v.join(", ")
    }
}

/// The kind a mapping row names (`company`, `organization`, `person`, `index`,
/// `place`, `product`).
fn parse_kind(s: &str) -> Option<EntityKind> {
    Some(match fold_key(s).replace(' ', "").as_str() {
        "company" => EntityKind::Company,
        "organization" | "organisation" | "org" => EntityKind::Organization,
        "person" => EntityKind::Person,
        "index" | "stockindex" => EntityKind::StockIndex,
        "place" => EntityKind::Place,
        "product" => EntityKind::Product,
        _ => return None,
    })
}

/// Whether an entity of class `class` is of the row's kind; companies are
/// organisations too (they share identity keys).
fn admits(kind: EntityKind, class: &str) -> bool {
    class == crate::rdf::class_iri(kind).as_str()
        || (kind == EntityKind::Organization && class == ng::COMPANY.as_str())
}

/// One usable row of a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRow {
    pub entity: Option<String>,
    pub name: Option<String>,
    pub kind: Option<EntityKind>,
    pub ids: Identifiers,
}

impl MappingRow {
    /// How the row names its entity, for reports.
    pub fn label(&self) -> String {
        match (&self.entity, &self.name) {
            (Some(e), _) => format!("<{e}>"),
            (None, Some(n)) => format!("\"{n}\""),
            (None, None) => String::new(),
        }
    }
}

/// A row of the file: its line number and either the row or why it is invalid.
pub type ParsedRow = (u64, Result<MappingRow, String>);

/// `^Q[1-9][0-9]*$`; a full Wikidata entity IRI is accepted and reduced to its QID.
pub fn parse_qid(s: &str) -> Result<String, String> {
    let t = s.trim();
    let q = t
        .strip_prefix(vocab::WIKIDATA_ENTITY_NS)
        .or_else(|| t.strip_prefix("https://www.wikidata.org/wiki/"))
        .unwrap_or(t);
    let ok = q.len() >= 2
        && q.starts_with('Q')
        && q.as_bytes()[1] != b'0'
        && q[1..].bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(q.to_string())
    } else {
        Err(format!(
            "wikidata `{t}` is not a QID (Q followed by digits, e.g. Q1359568)"
        ))
    }
}

/// 20 characters `[A-Z0-9]{18}[0-9]{2}` whose ISO 17442 (ISO 7064 mod 97-10) check passes.
pub fn parse_lei(s: &str) -> Result<String, String> {
    let t = s.trim().to_ascii_uppercase();
    let shape = t.len() == 20
        && t.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && t[18..].bytes().all(|b| b.is_ascii_digit());
    if !shape {
        return Err(format!(
            "lei `{}` is not 20 letters/digits ending in two check digits",
            s.trim()
        ));
    }
    // letters count as 10..35; the whole number mod 97 must be 1
    let mut rem: u32 = 0;
    for b in t.bytes() {
        let v = if b.is_ascii_digit() {
            (b - b'0') as u32
        } else {
            (b - b'A') as u32 + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    if rem == 1 {
        Ok(t)
    } else {
        Err(format!(
            "lei `{t}` fails the ISO 17442 check digits; check for a typo"
        ))
    }
}

/// Digits only (1 to 20); a `https://permid.org/1-…` IRI is accepted and reduced to its digits.
pub fn parse_permid(s: &str) -> Result<String, String> {
    let t = s.trim();
    let d = t.strip_prefix(vocab::PERMID_NS).unwrap_or(t);
    if !d.is_empty() && d.len() <= 20 && d.bytes().all(|b| b.is_ascii_digit()) {
        Ok(d.to_string())
    } else {
        Err(format!(
            "permid `{t}` is not a PermID (digits, e.g. 4295865175)"
        ))
    }
}

fn parse_ticker(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.chars().count() <= 20 && !t.chars().any(char::is_whitespace) {
        Ok(t.to_string())
    } else {
        Err(format!(
            "ticker `{t}` has spaces or is longer than 20 characters"
        ))
    }
}

/// Reads a mapping file. Fails only when the file as a whole is unusable
/// (unreadable, no header naming `entity` or `name`, no identifier column);
/// each bad row comes back as an `Err` with the reason and its line number.
pub fn read_mapping(path: &Path) -> Result<Vec<ParsedRow>, LinkError> {
    let p = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LinkError::Read {
        path: p.clone(),
        source,
    })?;
    parse_mapping(&bytes, &p)
}

/// [`read_mapping`] on bytes already read; `path` only names the input in messages.
pub fn parse_mapping(bytes: &[u8], path: &str) -> Result<Vec<ParsedRow>, LinkError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(bytes);
    let headers = rdr
        .headers()
        .map_err(|source| LinkError::Csv {
            path: path.to_string(),
            source,
        })?
        .clone();
    let mut col: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').to_ascii_lowercase();
        match COLUMNS.iter().find(|c| **c == h) {
            Some(c) => {
                col.insert(*c, i);
            }
            None => {
                return Err(LinkError::Header {
                    path: path.to_string(),
                    message: format!(
                        "header: unknown column `{h}`; the header may name {}",
                        COLUMNS.join(", ")
                    ),
                })
            }
        }
    }
    if !col.contains_key("entity") && !col.contains_key("name") {
        return Err(LinkError::Header {
            path: path.to_string(),
            message: "header: it needs an `entity` (IRI) or a `name` column".into(),
        });
    }
    if !["wikidata", "lei", "permid", "ticker"]
        .iter()
        .any(|c| col.contains_key(c))
    {
        return Err(LinkError::Header {
            path: path.to_string(),
            message: "header: it names no identifier column (wikidata, lei, permid, ticker)".into(),
        });
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_hint = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line_hint, |p| p.line());
                rows.push((line, row_of(&record, &col, headers.len())));
            }
            Err(e) => {
                let line = e.position().map_or(line_hint, |p| p.line());
                if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    rows.push((line, Err("not valid UTF-8; save the file as UTF-8".into())));
                    continue;
                }
                return Err(LinkError::Csv {
                    path: path.to_string(),
                    source: e,
                });
            }
        }
    }
    Ok(rows)
}

fn row_of(
    r: &csv::StringRecord,
    col: &BTreeMap<&str, usize>,
    width: usize,
) -> Result<MappingRow, String> {
    if r.len() != width {
        return Err(format!(
            "has {} fields, the header has {width}; quote fields that contain commas",
            r.len()
        ));
    }
    let get = |c: &str| -> Option<&str> {
        col.get(c)
            .and_then(|&i| r.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let entity = match get("entity") {
        Some(e) => Some(
            oxigraph::model::NamedNode::new(e.trim_start_matches('<').trim_end_matches('>'))
                .map_err(|_| format!("entity `{e}` is not an IRI"))?
                .into_string(),
        ),
        None => None,
    };
    let name = get("name").map(str::to_string);
    if entity.is_none() && name.as_deref().is_none_or(|n| fold_key(n).is_empty()) {
        return Err("names no entity (both `entity` and `name` are empty)".into());
    }
    let kind = match get("kind") {
        Some(k) => Some(parse_kind(k).ok_or_else(|| {
            format!("kind `{k}` is not one of company, organization, person, index, place, product")
        })?),
        None => None,
    };
    let mut errors = Vec::new();
    let mut ids = Identifiers::default();
    let mut take = |c: &str, f: fn(&str) -> Result<String, String>| -> Option<String> {
        get(c).and_then(|v| f(v).map_err(|e| errors.push(e)).ok())
    };
    ids.wikidata = take("wikidata", parse_qid);
    ids.lei = take("lei", parse_lei);
    ids.permid = take("permid", parse_permid);
    ids.ticker = take("ticker", parse_ticker);
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    if ids.is_empty() {
        return Err("gives no identifier (wikidata, lei, permid or ticker)".into());
    }
    Ok(MappingRow {
        entity,
        name,
        kind,
        ids,
    })
}

/// The outcome of matching one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Exactly one entity: (IRI, canonical name).
    Found(String, String),
    /// Several entities carry the name (after the kind filter): (IRI, name), sorted.
    Ambiguous(Vec<(String, String)>),
    NotFound,
}

#[derive(Debug, Default)]
struct EntityInfo {
    name: String,
    classes: BTreeSet<String>,
}

/// The entities of a store, looked up by IRI and by folded name.
#[derive(Debug, Default)]
pub struct EntityIndex {
    by_iri: BTreeMap<String, EntityInfo>,
    by_name: BTreeMap<String, BTreeSet<String>>,
    by_alt_name: BTreeMap<String, BTreeSet<String>>,
}

impl EntityIndex {
    /// Reads entity names and classes from the entities graph.
    pub fn load(store: &GraphStore, entities_graph: &str) -> Result<Self, StoreError> {
        let q = format!(
            "SELECT ?e ?c ?n ?alt WHERE {{ GRAPH <{entities_graph}> {{
               ?e a ?c .
               {{ ?e <{name}> ?n }} UNION {{ ?e <{alt}> ?alt }}
             }} }}",
            name = vocab::schema::NAME.as_str(),
            alt = vocab::schema::ALTERNATE_NAME.as_str(),
        );
        let mut idx = EntityIndex::default();
        for row in store.select(&q)? {
            let text = |t: &Option<Term>| match t {
                Some(Term::Literal(l)) => Some(l.value().to_string()),
                Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
                _ => None,
            };
            let (Some(e), Some(c)) = (text(&row[0]), text(&row[1])) else {
                continue;
            };
            let info = idx.by_iri.entry(e.clone()).or_default();
            info.classes.insert(c);
            if let Some(n) = text(&row[2]) {
                info.name = n.clone();
                idx.by_name
                    .entry(fold_key(&n))
                    .or_default()
                    .insert(e.clone());
            }
            if let Some(a) = text(&row[3]) {
                idx.by_alt_name.entry(fold_key(&a)).or_default().insert(e);
            }
        }
        Ok(idx)
    }

    pub fn len(&self) -> usize {
        self.by_iri.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_iri.is_empty()
    }

    /// By IRI when the row gives one, else by canonical name, else by alternate name.
    pub fn find(&self, row: &MappingRow) -> Match {
        let admits = |iri: &String| -> bool {
            match (row.kind, self.by_iri.get(iri)) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(k), Some(info)) => info.classes.iter().any(|c| admits(k, c)),
            }
        };
        let pick = |set: Option<&BTreeSet<String>>| -> Vec<(String, String)> {
            set.into_iter()
                .flatten()
                .filter(|i| admits(i))
                .map(|i| (i.clone(), self.by_iri[i].name.clone()))
                .collect()
        };
        let found = if let Some(e) = &row.entity {
            pick(Some(&BTreeSet::from([e.clone()])))
        } else {
            let key = fold_key(row.name.as_deref().unwrap_or_default());
            let primary = pick(self.by_name.get(&key));
            if primary.is_empty() {
                pick(self.by_alt_name.get(&key))
            } else {
                primary
            }
        };
        match found.len() {
            0 => Match::NotFound,
            1 => {
                let (i, n) = found.into_iter().next().expect("one");
                Match::Found(i, n)
            }
            _ => Match::Ambiguous(found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qids() {
        assert_eq!(parse_qid("Q1359568").unwrap(), "Q1359568");
        assert_eq!(
            parse_qid("http://www.wikidata.org/entity/Q42").unwrap(),
            "Q42"
        );
        for bad in ["Q0", "Q01", "q42", "Q", "P31", "Q4x"] {
            assert!(parse_qid(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn leis_need_the_mod97_check() {
        // Apple Inc.'s published LEI, and another code whose check digits hold
        assert!(parse_lei("HWUPKR0MPOU8FGXBT394").is_ok());
        assert!(parse_lei("5493001NTNQJDH60PM02").is_ok());
        assert!(parse_lei("hwupkr0mpou8fgxbt394").is_ok());
        // one digit changed, wrong length, letters in the check digits
        assert!(parse_lei("HWUPKR0MPOU8FGXBT395").is_err());
        assert!(parse_lei("HWUPKR0MPOU8FGXBT39").is_err());
        assert!(parse_lei("HWUPKR0MPOU8FGXBT3A4").is_err());
    }

    #[test]
    fn permids_are_digits() {
        assert_eq!(parse_permid("4295905573").unwrap(), "4295905573");
        assert_eq!(
            parse_permid("https://permid.org/1-4295905573").unwrap(),
            "4295905573"
        );
        assert!(parse_permid("42959O5573").is_err());
        assert!(parse_permid("").is_err());
    }

    #[test]
    fn rows_are_reported_with_line_numbers() {
        let csv = "name,kind,wikidata,lei\n\
                   Alibaba,company,Q1359568,\n\
                   \"Acme, Inc.\",company,Q0,\n\
                   ,company,Q5,\n\
                   Foo,planet,Q5,\n\
                   Bar,,,\n";
        let rows = parse_mapping(csv.as_bytes(), "m.csv").unwrap();
        let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6]);
        assert!(rows[0].1.is_ok());
        assert!(rows[1].1.as_ref().unwrap_err().contains("Q0"));
        assert!(rows[2].1.as_ref().unwrap_err().contains("names no entity"));
        assert!(rows[3].1.as_ref().unwrap_err().contains("planet"));
        assert!(rows[4].1.as_ref().unwrap_err().contains("no identifier"));
    }

    #[test]
    fn headers_must_name_an_entity_and_an_identifier() {
        assert!(parse_mapping(b"kind,wikidata\ncompany,Q5\n", "m.csv").is_err());
        assert!(parse_mapping(b"name,kind\nAcme,company\n", "m.csv").is_err());
        assert!(parse_mapping(b"name,colour\nAcme,red\n", "m.csv").is_err());
    }
}
