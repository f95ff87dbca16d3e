//! `newsgraph eval ARTICLES GOLD`: precision, recall and F1 against gold annotations.

use anyhow::{bail, Context};
use newsgraph::eval::{score_article, Gold, Scores, Tally};
use newsgraph::input::{self, ReadOptions};
use newsgraph::rdf::{self, RdfOptions};
use newsgraph::store::GraphStore;
use newsgraph::Pipeline;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Table,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Directory of articles (NNN.txt) matching the gold files.
    articles: PathBuf,
    /// Directory of gold annotations (NNN.json).
    gold: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print misses and extras per article.
    #[arg(short, long)]
    verbose: bool,
    /// JSON file of minimum F1 per measure; exit 1 when a score falls below its floor.
    #[arg(long)]
    floor: Option<PathBuf>,
}

fn prf_json(t: &Tally) -> serde_json::Value {
    let (p, r, f) = t.prf();
    json!({"p": round3(p), "r": round3(r), "f1": round3(f), "tp": t.tp, "pred": t.pred, "gold": t.gold})
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn ratio(x: (usize, usize), empty: f64) -> f64 {
    if x.1 == 0 {
        empty
    } else {
        x.0 as f64 / x.1 as f64
    }
}

/// The summary as flat `measure -> value` pairs (F1 for P/R/F measures).
pub fn summary(total: &Scores) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    for (g, t) in &total.entity_groups {
        m.insert(format!("entity {g}"), prf_json(t));
    }
    for (k, t) in [
        ("entities", &total.entities),
        ("roles", &total.roles),
        ("figures", &total.figures),
        ("events", &total.events),
        ("events_loose", &total.events_loose),
        ("quotes", &total.quotes),
    ] {
        m.insert(k.into(), prf_json(t));
    }
    m.insert(
        "anchors_valid".into(),
        json!(round3(ratio(total.anchors, 0.0))),
    );
    m.insert(
        "facts_with_evidence".into(),
        json!(round3(ratio(total.facts_with_evidence, 0.0))),
    );
    m.insert(
        "event_date_accuracy".into(),
        json!(round3(ratio(total.event_dates, 1.0))),
    );
    m.insert(
        "article_date_accuracy".into(),
        json!(round3(ratio(total.article_dates, 1.0))),
    );
    m
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(&a.gold)
        .with_context(|| format!("reading gold directory {}", a.gold.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("no *.json gold files in {}", a.gold.display());
    }
    let pipeline = Pipeline::default_pipeline();
    let opts = RdfOptions::default();
    let (run, run_quads) = rdf::run_quads(&opts, &pipeline.names());
    let mut total = Scores::default();
    let mut per_article = serde_json::Map::new();
    let mut failures = 0;
    for gp in &names {
        let stem = gp.file_stem().unwrap().to_string_lossy().to_string();
        let Some(path) = ["txt", "html", "json"]
            .iter()
            .map(|ext| a.articles.join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
        else {
            continue;
        };
        let gold: Gold =
            serde_json::from_str(&std::fs::read_to_string(gp)?).with_context(|| {
                format!(
                    "{}: not a gold annotation (see data/eval/GOLD-FORMAT.md)",
                    gp.display()
                )
            })?;
        let store = GraphStore::in_memory()?;
        let mut text = String::new();
        for item in input::read_path(&path, &ReadOptions::default()) {
            match item {
                Ok(art) => {
                    text = art.text.clone();
                    let mut doc = newsgraph::Document::new(art.text, art.meta);
                    pipeline.run(&mut doc);
                    let aq = rdf::document_quads(&doc, &opts, &run);
                    store.ingest(&aq, &run_quads)?;
                }
                Err(e) => {
                    eprintln!("{stem}: extraction failed: {e}");
                    failures += 1;
                }
            }
        }
        let s = score_article(&store, &gold, &text)?;
        if a.verbose && a.format == Format::Table {
            println!("== {stem}");
            for n in &s.notes {
                println!("    {n}");
            }
        }
        per_article.insert(stem, serde_json::Value::Object(summary(&s)));
        total.add(&s);
    }
    let sum = summary(&total);
    match a.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json!({"summary": sum, "articles": per_article}))?
        ),
        Format::Table => {
            println!(
                "{:<22}{:>7}{:>7}{:>7}   tp/pred/gold",
                "measure", "P", "R", "F1"
            );
            let mut rows: Vec<(String, &Tally)> = total
                .entity_groups
                .iter()
                .map(|(g, t)| (format!("entity {g}"), t))
                .collect();
            rows.extend([
                ("entities".to_string(), &total.entities),
                ("roles".to_string(), &total.roles),
                ("figures".to_string(), &total.figures),
                ("events".to_string(), &total.events),
                ("events_loose".to_string(), &total.events_loose),
                ("quotes".to_string(), &total.quotes),
            ]);
            for (label, t) in rows {
                let (p, r, f) = t.prf();
                println!(
                    "{label:<22}{p:7.3}{r:7.3}{f:7.3}   {}/{}/{}",
                    t.tp, t.pred, t.gold
                );
            }
            println!(
                "anchors valid {}/{}  facts with evidence {}/{}  event dates {}/{}  article dates {}/{}  failures {failures}",
                total.anchors.0, total.anchors.1, total.facts_with_evidence.0, total.facts_with_evidence.1,
                total.event_dates.0, total.event_dates.1, total.article_dates.0, total.article_dates.1
            );
        }
    }
    if let Some(fp) = &a.floor {
        let floor: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(fp)?).with_context(|| {
                format!(
                    "{}: expected a JSON object of measure -> minimum",
                    fp.display()
                )
            })?;
        let mut below = Vec::new();
        for (k, min) in &floor {
            let min = min.as_f64().unwrap_or(0.0);
            let got = match sum.get(k) {
                Some(serde_json::Value::Object(o)) => o.get("f1").and_then(|v| v.as_f64()),
                Some(v) => v.as_f64(),
                None => None,
            };
            match got {
                Some(g) if g + 1e-9 >= min => {}
                Some(g) => below.push(format!("{k}: {g:.3} < floor {min:.3}")),
                None => below.push(format!("{k}: unknown measure in floor file")),
            }
        }
        if !below.is_empty() {
            eprintln!(
                "newsgraph eval: quality below the floor in {}:\n  {}",
                fp.display(),
                below.join("\n  ")
            );
            return Ok(ExitCode::from(1));
        }
        eprintln!(
            "newsgraph eval: all {} measures at or above the floor",
            floor.len()
        );
    }
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
