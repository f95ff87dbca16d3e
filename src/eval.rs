//! `newsgraph eval`: scores extraction against hand-made gold annotations.
//!
//! It reads the graph back through SPARQL with the public vocabulary only, the
//! way an independent user (or `shared/eval/score.py`) would, so the numbers
//! measure the published graph and not internal structures. Matching rules
//! follow the seed set's README: one-to-one greedy matching, names compared
//! after NFKC, case folding, punctuation removal and corporate suffix removal.

use crate::store::{GraphStore, StoreError};
use oxigraph::sparql::QueryResults;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// Gold annotation of one article (format: data/eval/GOLD-FORMAT.md).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub article: GoldArticle,
    #[serde(default)]
    pub companies: Option<Vec<GoldEntity>>,
    #[serde(default)]
    pub people: Option<Vec<GoldPerson>>,
    #[serde(default)]
    pub organizations: Option<Vec<GoldEntity>>,
    #[serde(default)]
    pub indices: Option<Vec<GoldEntity>>,
    #[serde(default)]
    pub places: Option<Vec<GoldEntity>>,
    #[serde(default)]
    pub products: Option<Vec<GoldEntity>>,
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldArticle {
    pub title: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldEntity {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldRole {
    pub title: Option<String>,
    pub org: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldPerson {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<GoldRole>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldFigure {
    pub value: f64,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub date: Option<String>,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldQuote {
    pub speaker: Option<String>,
    pub text: String,
}

/// True positives, predictions and gold items of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Tally {
    pub fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    /// Precision, recall, F1 with the scorer's conventions for empty sets.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else if self.gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp as f64 / self.gold as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Scores of one article (or of a whole set, summed).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub entity_groups: BTreeMap<String, Tally>,
    pub entities: Tally,
    pub roles: Tally,
    pub figures: Tally,
    pub events: Tally,
    pub events_loose: Tally,
    pub quotes: Tally,
    pub anchors: (usize, usize),
    pub facts_with_evidence: (usize, usize),
    pub event_dates: (usize, usize),
    pub article_dates: (usize, usize),
    /// Human-readable misses and extras, for `-v`.
    #[serde(skip)]
    pub notes: Vec<String>,
}

impl Scores {
    pub fn add(&mut self, o: &Scores) {
        for (k, t) in &o.entity_groups {
            self.entity_groups.entry(k.clone()).or_default().add(*t);
        }
        self.entities.add(o.entities);
        self.roles.add(o.roles);
        self.figures.add(o.figures);
        self.events.add(o.events);
        self.events_loose.add(o.events_loose);
        self.quotes.add(o.quotes);
        for (a, b) in [
            (&mut self.anchors, o.anchors),
            (&mut self.facts_with_evidence, o.facts_with_evidence),
            (&mut self.event_dates, o.event_dates),
            (&mut self.article_dates, o.article_dates),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
}

const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "group",
    "holding",
    "holdings",
    "plc",
    "ag",
    "sa",
    "nv",
    "se",
    "llc",
    "the",
];

/// Name normalisation shared with the independent scorer.
pub fn norm(s: &str, org: bool) -> String {
    let s: String = s.nfkc().collect::<String>().to_lowercase();
    let s = s.replace('\u{2019}', "'").replace("'s", "");
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = s.split_whitespace().collect();
    let kept: Vec<&str> = if org {
        let k: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !SUFFIXES.contains(w))
            .collect();
        if k.is_empty() {
            words.clone()
        } else {
            k
        }
    } else {
        words.clone()
    };
    kept.join(" ")
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn greedy(mut pairs: Vec<(usize, String, i64)>) -> Vec<(usize, String)> {
    pairs.sort_by_key(|p| std::cmp::Reverse(p.2));
    let (mut ug, mut up) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (g, p, _) in pairs {
        if ug.contains(&g) || up.contains(&p) {
            continue;
        }
        ug.insert(g);
        up.insert(p.clone());
        out.push((g, p));
    }
    out
}

/// Maximum one-to-one matching for unweighted pairs (Kuhn's augmenting paths):
/// unlike greedy matching it does not depend on the order pairs are listed in.
fn max_matching(pairs: &[(usize, String, i64)]) -> Vec<(usize, String)> {
    let mut golds: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    golds.sort();
    golds.dedup();
    let mut adj: HashMap<usize, Vec<&str>> = HashMap::new();
    for (g, p, _) in pairs {
        adj.entry(*g).or_default().push(p.as_str());
    }
    let mut owner: HashMap<&str, usize> = HashMap::new();
    fn augment<'a>(
        g: usize,
        adj: &HashMap<usize, Vec<&'a str>>,
        owner: &mut HashMap<&'a str, usize>,
        seen: &mut HashSet<&'a str>,
    ) -> bool {
        for &p in adj.get(&g).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(p) {
                let free = match owner.get(p) {
                    None => true,
                    Some(&o) => augment(o, adj, owner, seen),
                };
                if free {
                    owner.insert(p, g);
                    return true;
                }
            }
        }
        false
    }
    for g in golds {
        let mut seen = HashSet::new();
        augment(g, &adj, &mut owner, &mut seen);
    }
    let mut out: Vec<(usize, String)> =
        owner.into_iter().map(|(p, g)| (g, p.to_string())).collect();
    out.sort();
    out
}

const PREFIXES: &str = "PREFIX ng: <https://w3id.org/newsgraph/ont#>
PREFIX schema: <http://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";

type Row = HashMap<String, String>;

fn select(store: &GraphStore, body: &str) -> Result<Vec<Row>, StoreError> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(s) = store.query(&format!("{PREFIXES}{body}"))? {
        let vars = s.variables().to_vec();
        for r in s {
            let r = r?;
            let mut row = Row::new();
            for v in &vars {
                if let Some(t) = r.get(v) {
                    let val = match t {
                        oxigraph::model::Term::NamedNode(n) => n.as_str().to_string(),
                        oxigraph::model::Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    row.insert(v.as_str().to_string(), val);
                }
            }
            out.push(row);
        }
    }
    Ok(out)
}

fn group_of_class(c: &str) -> Option<&'static str> {
    Some(match c {
        "Company" | "Organization" => "ORG",
        "Person" => "PERSON",
        "StockIndex" => "INDEX",
        "Place" => "PLACE",
        "Product" => "PRODUCT",
        _ => return None,
    })
}

fn event_class(t: &str) -> Option<&'static str> {
    Some(match t {
        "PriceMove" | "IndexMove" => "PriceMove",
        "BondIssuance" | "Fundraising" => "SecurityIssuance",
        "CapexPlan" => "InvestmentPlan",
        "RatingChange" | "PriceTargetChange" => "AnalystAction",
        "ProductLaunch" => "ProductLaunch",
        "Deal" | "Acquisition" => "Agreement",
        "Permit" | "Policy" => "RegulatoryAction",
        "Conference" => "Meeting",
        "Earnings" => "FinancialResult",
        "Statement" => "Statement",
        _ => return None,
    })
}

/// Code-point span of a gold sentence in the text, tolerant of whitespace.
fn find_span(text: &str, sentence: &str) -> Option<(usize, usize)> {
    if sentence.is_empty() {
        return None;
    }
    let cp = |b: usize| text[..b].chars().count();
    if let Some(i) = text.find(sentence) {
        return Some((cp(i), cp(i + sentence.len())));
    }
    let pat = sentence
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let re = regex::Regex::new(&pat).ok()?;
    re.find(text).map(|m| (cp(m.start()), cp(m.end())))
}

/// Scores one article's graph (already loaded in `store`) against its gold.
pub fn score_article(store: &GraphStore, gold: &Gold, text: &str) -> Result<Scores, StoreError> {
    let mut res = Scores::default();
    // ---- entities
    let rows = select(
        store,
        "SELECT ?e ?cls ?name WHERE {
        ?e a ?cls . FILTER(STRSTARTS(STR(?cls), STR(ng:)))
        { ?e schema:name ?name } UNION { ?e schema:alternateName ?name }
        UNION { ?m itsrdf:taIdentRef ?e ; nif:anchorOf ?name } }",
    )?;
    struct PredEnt {
        group: &'static str,
        names: HashSet<String>,
        raw: Vec<String>,
    }
    let mut pred: BTreeMap<String, PredEnt> = BTreeMap::new();
    for r in &rows {
        let Some(group) = group_of_class(local(&r["cls"])) else {
            continue;
        };
        let e = pred.entry(r["e"].clone()).or_insert(PredEnt {
            group,
            names: HashSet::new(),
            raw: vec![],
        });
        e.names.insert(norm(&r["name"], true));
        e.raw.push(r["name"].clone());
    }
    struct GoldEnt {
        group: &'static str,
        name: String,
        names: HashSet<String>,
    }
    let mut golds: Vec<GoldEnt> = Vec::new();
    let mut groups_present: Vec<&'static str> = Vec::new();
    let mut add_group = |list: Option<Vec<(String, Vec<String>)>>,
                         group: &'static str,
                         golds: &mut Vec<GoldEnt>| {
        if let Some(list) = list {
            if !groups_present.contains(&group) {
                groups_present.push(group);
            }
            for (name, aliases) in list {
                let names = std::iter::once(&name)
                    .chain(aliases.iter())
                    .map(|a| norm(a, true))
                    .collect();
                golds.push(GoldEnt { group, name, names });
            }
        }
    };
    let ents = |v: &Option<Vec<GoldEntity>>| {
        v.as_ref().map(|v| {
            v.iter()
                .map(|e| (e.name.clone(), e.aliases.clone()))
                .collect()
        })
    };
    add_group(ents(&gold.companies), "ORG", &mut golds);
    add_group(ents(&gold.organizations), "ORG", &mut golds);
    add_group(
        gold.people.as_ref().map(|v| {
            v.iter()
                .map(|e| (e.name.clone(), e.aliases.clone()))
                .collect()
        }),
        "PERSON",
        &mut golds,
    );
    add_group(ents(&gold.indices), "INDEX", &mut golds);
    add_group(ents(&gold.places), "PLACE", &mut golds);
    add_group(ents(&gold.products), "PRODUCT", &mut golds);
    let mut pairs = Vec::new();
    for (i, g) in golds.iter().enumerate() {
        for (k, p) in &pred {
            if g.group == p.group {
                let n = g.names.intersection(&p.names).count() as i64;
                if n > 0 {
                    pairs.push((i, k.clone(), n));
                }
            }
        }
    }
    let matched = greedy(pairs);
    let ent_map: HashMap<String, String> = matched
        .iter()
        .map(|(i, k)| (k.clone(), golds[*i].name.clone()))
        .collect();
    groups_present.sort();
    for grp in &groups_present {
        let tp = matched
            .iter()
            .filter(|(i, _)| golds[*i].group == *grp)
            .count();
        let np = pred.values().filter(|p| p.group == *grp).count();
        let ng = golds.iter().filter(|g| g.group == *grp).count();
        let t = Tally {
            tp,
            pred: np,
            gold: ng,
        };
        res.entity_groups.insert(grp.to_string(), t);
        res.entities.add(t);
    }
    let hit: HashSet<usize> = matched.iter().map(|(i, _)| *i).collect();
    for (i, g) in golds.iter().enumerate() {
        if !hit.contains(&i) {
            res.notes.push(format!("missed {:7} {}", g.group, g.name));
        }
    }
    for (k, p) in &pred {
        if !ent_map.contains_key(k) {
            let mut raw = p.raw.clone();
            raw.sort();
            raw.dedup();
            raw.truncate(3);
            res.notes.push(format!("extra  {:7} {:?}", p.group, raw));
        }
    }
    let mut alias_of: HashMap<String, HashSet<String>> = HashMap::new();
    for g in &golds {
        alias_of
            .entry(g.name.clone())
            .or_default()
            .extend(g.names.iter().cloned());
    }
    let same = |gold_name: &str, iri: &str| -> bool {
        if let Some(g) = ent_map.get(iri) {
            return g == gold_name;
        }
        match pred.get(iri) {
            Some(p) => {
                let al = alias_of
                    .get(gold_name)
                    .cloned()
                    .unwrap_or_else(|| [norm(gold_name, true)].into_iter().collect());
                !p.names.is_disjoint(&al)
            }
            None => false,
        }
    };

    // ---- roles
    let rows = select(
        store,
        "SELECT ?p ?r ?o ?t WHERE { ?p ng:holdsRole ?r . ?r ng:ofOrganization ?o .
         OPTIONAL { ?r schema:jobTitle ?t } }",
    )?;
    let mut preds: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for r in &rows {
        preds.insert(
            r["r"].clone(),
            (
                r["p"].clone(),
                r["o"].clone(),
                norm(r.get("t").map(String::as_str).unwrap_or(""), false),
            ),
        );
    }
    let groles: Vec<(String, String, Option<String>)> = gold
        .people
        .iter()
        .flatten()
        .flat_map(|p| {
            p.roles
                .iter()
                .filter_map(move |r| r.org.clone().map(|o| (p.name.clone(), o, r.title.clone())))
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, (gp, go, gt)) in groles.iter().enumerate() {
        for (k, (pp, po, pt)) in &preds {
            if same(gp, pp) && same(go, po) {
                let s = if gt.as_ref().is_some_and(|t| norm(t, false) == *pt) {
                    2
                } else {
                    1
                };
                pairs.push((i, k.clone(), s));
            }
        }
    }
    res.roles = Tally {
        tp: greedy(pairs).len(),
        pred: preds.len(),
        gold: groles.len(),
    };

    // ---- figures
    let rows = select(
        store,
        "SELECT DISTINCT ?f ?v ?c ?u WHERE {
        { ?f a ng:MonetaryFigure ; schema:value ?v ; schema:currency ?c }
        UNION { ?f a ng:QuantityFigure ; schema:value ?v . OPTIONAL { ?f ng:unit ?u } } }",
    )?;
    const TIME_UNITS: &[&str] = &[
        "YR", "MO", "WK", "DAY", "HR", "MIN", "SEC", "Year", "Month", "Week", "Day",
    ];
    let mut pfig: BTreeMap<String, (f64, Option<String>)> = BTreeMap::new();
    for r in &rows {
        let unit = if let Some(c) = r.get("c") {
            Some(c.clone())
        } else if let Some(u) = r.get("u") {
            let l = local(u);
            if TIME_UNITS.contains(&l) {
                continue;
            }
            match l {
                "PERCENT" => Some("percent".into()),
                "Times" => Some("x".into()),
                "GigaW" => Some("GW".into()),
                "NUM" | "UNITLESS" => None,
                other => Some(other.to_string()),
            }
        } else {
            None
        };
        if let Ok(v) = r["v"].parse::<f64>() {
            pfig.insert(r["f"].clone(), (v.abs(), unit));
        }
    }
    let gfig: Vec<(f64, Option<String>)> = gold
        .figures
        .iter()
        .map(|f| (f.value.abs(), f.unit.clone()))
        .collect();
    let mut pairs = Vec::new();
    for (i, (gv, gu)) in gfig.iter().enumerate() {
        for (k, (pv, pu)) in &pfig {
            if gu == pu && (gv - pv).abs() <= f64::max(1e-9, 0.005 * gv.abs()) {
                pairs.push((i, k.clone(), 1));
            }
        }
    }
    res.figures = Tally {
        tp: max_matching(&pairs).len(),
        pred: pfig.len(),
        gold: gfig.len(),
    };

    // ---- events
    let rows = select(
        store,
        "SELECT ?e ?cls ?x ?d ?b ?end WHERE {
        ?e a ng:Event , ?cls . FILTER(?cls IN (ng:AnalystAction, ng:Agreement, ng:FinancialResult, ng:InvestmentPlan, ng:Meeting, ng:PriceMove, ng:ProductLaunch, ng:RegulatoryAction, ng:SecurityIssuance, ng:Statement))
        OPTIONAL { ?e ng:about|ng:agent|ng:speaker|ng:counterparty ?x }
        OPTIONAL { ?e ng:eventDate ?d }
        OPTIONAL { ?e ng:evidence ?m . ?m nif:beginIndex ?b ; nif:endIndex ?end } }",
    )?;
    #[derive(Default)]
    struct PEv {
        cls: HashSet<String>,
        who: HashSet<String>,
        date: Option<String>,
        spans: HashSet<(usize, usize)>,
    }
    let mut pev: BTreeMap<String, PEv> = BTreeMap::new();
    for r in &rows {
        let e = pev.entry(r["e"].clone()).or_default();
        e.cls.insert(local(&r["cls"]).to_string());
        if let Some(x) = r.get("x") {
            e.who.insert(x.clone());
        }
        if let Some(d) = r.get("d") {
            e.date = Some(d.chars().take(10).collect());
        }
        if let (Some(b), Some(en)) = (r.get("b"), r.get("end")) {
            if let (Ok(b), Ok(en)) = (b.parse(), en.parse()) {
                e.spans.insert((b, en));
            }
        }
    }
    let (mut strict, mut loose) = (Vec::new(), Vec::new());
    for (i, g) in gold.events.iter().enumerate() {
        let Some(cls) = event_class(&g.kind) else {
            continue;
        };
        let span = find_span(text, &g.text);
        for (k, p) in &pev {
            if !p.cls.contains(cls) || !p.who.iter().any(|w| same(&g.subject, w)) {
                continue;
            }
            loose.push((i, k.clone(), 1));
            if let Some((s, e)) = span {
                if p.spans.iter().any(|(b, en)| *b < e && *en > s) {
                    strict.push((i, k.clone(), 1));
                }
            }
        }
    }
    let sm = max_matching(&strict);
    res.events = Tally {
        tp: sm.len(),
        pred: pev.len(),
        gold: gold.events.len(),
    };
    res.events_loose = Tally {
        tp: max_matching(&loose).len(),
        pred: pev.len(),
        gold: gold.events.len(),
    };
    let dated: Vec<&(usize, String)> = sm
        .iter()
        .filter(|(i, _)| gold.events[*i].date.is_some())
        .collect();
    res.event_dates = (
        dated
            .iter()
            .filter(|(i, k)| pev[k].date.as_deref() == gold.events[*i].date.as_deref())
            .count(),
        dated.len(),
    );
    let hit: HashSet<usize> = sm.iter().map(|(i, _)| *i).collect();
    for (i, g) in gold.events.iter().enumerate() {
        if !hit.contains(&i) {
            let t: String = g.text.chars().take(70).collect();
            res.notes
                .push(format!("missed event {:18} {}: {t}", g.kind, g.subject));
        }
    }

    // ---- quotes
    let rows = select(
        store,
        "SELECT ?s ?sp ?t WHERE { ?s a ng:Statement ; ng:quoteText ?t . OPTIONAL { ?s ng:speaker ?sp } }",
    )?;
    let pq: BTreeMap<String, (Option<String>, String)> = rows
        .iter()
        .map(|r| (r["s"].clone(), (r.get("sp").cloned(), norm(&r["t"], false))))
        .collect();
    let mut pairs = Vec::new();
    for (i, g) in gold.quotes.iter().enumerate() {
        let gt = norm(&g.text, false);
        for (k, (sp, t)) in &pq {
            if !gt.is_empty()
                && t.contains(&gt)
                && (g.speaker.is_none()
                    || sp
                        .as_ref()
                        .is_some_and(|s| same(g.speaker.as_ref().unwrap(), s)))
            {
                pairs.push((i, k.clone(), 1));
            }
        }
    }
    res.quotes = Tally {
        tp: max_matching(&pairs).len(),
        pred: pq.len(),
        gold: gold.quotes.len(),
    };

    // ---- provenance
    let rows = select(
        store,
        "SELECT DISTINCT ?m ?b ?e ?s WHERE { ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?s }",
    )?;
    let chars: Vec<char> = text.chars().collect();
    let ok = rows
        .iter()
        .filter(|r| {
            let (Ok(b), Ok(e)) = (r["b"].parse::<usize>(), r["e"].parse::<usize>()) else {
                return false;
            };
            b <= e && e <= chars.len() && chars[b..e].iter().collect::<String>() == r["s"]
        })
        .count();
    res.anchors = (ok, rows.len());
    let rows = select(
        store,
        "SELECT (COUNT(DISTINCT ?f) AS ?n) (COUNT(DISTINCT ?g) AS ?with) WHERE {
         { ?f a ng:Event } UNION { ?x ng:holdsRole ?f }
         OPTIONAL { ?f ng:evidence ?m . BIND(?f AS ?g) } }",
    )?;
    if let Some(r) = rows.first() {
        res.facts_with_evidence = (
            r.get("with").and_then(|v| v.parse().ok()).unwrap_or(0),
            r.get("n").and_then(|v| v.parse().ok()).unwrap_or(0),
        );
    }
    let rows = select(
        store,
        "SELECT ?d WHERE { ?a a ng:Article ; schema:datePublished ?d }",
    )?;
    if let Some(gd) = &gold.article.date {
        let pd = rows
            .first()
            .map(|r| r["d"].chars().take(10).collect::<String>());
        res.article_dates = (usize::from(pd.as_deref() == Some(gd.as_str())), 1);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_matches_the_scorer() {
        assert_eq!(norm("Alibaba Group Holding Ltd.", true), "alibaba");
        assert_eq!(
            norm("Chongqing's Development and Reform Commission", true),
            "chongqing development and reform commission"
        );
        assert_eq!(norm("The Group", true), "the group");
        assert_eq!(norm("U.S.", false), "u s");
    }

    #[test]
    fn tally_conventions() {
        assert_eq!(
            Tally {
                tp: 0,
                pred: 0,
                gold: 0
            }
            .prf(),
            (1.0, 1.0, 1.0)
        );
        let (p, r, f) = Tally {
            tp: 1,
            pred: 2,
            gold: 4,
        }
        .prf();
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.25).abs() < 1e-9 && (f - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn gold_sentences_are_found_despite_whitespace() {
        let t = "Hé said. The plan\u{a0}works.";
        assert_eq!(find_span(t, "The plan works."), Some((9, 24)));
    }
}
