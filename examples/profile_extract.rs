//! Sequential extract of a JSON Lines file, for profilers (perf, callgrind):
//! one thread, no store, so samples map straight onto extractor code.
//!
//!     cargo run --release --no-default-features --example profile_extract -- FILE.jsonl [--print] [--text]
//!
//! With `--print` the N-Quads go to stdout (unsorted; `sort -u` gives what
//! `newsgraph extract` prints), so a speed change can be checked to leave the
//! output byte-identical.
//!
//! With `--text` the quads are written as `newsgraph extract --format nquads`
//! writes them (`to_part` in `src/cli/extract.rs`): straight into an
//! [`NQuadsText`] sized by [`rdf::quad_estimate`] and reused across articles,
//! then sorted by [`NQuadsText::finish`]. `--print` then prints each article's
//! sorted lines, then its entity lines.
use newsgraph::input::{read_path_stream, ReadOptions};
use newsgraph::rdf::{self, RdfOptions};
use newsgraph::store::{nquads_line, NQuadsText};
use std::io::Write;

// the same allocator as the binary, so profiles show what users run
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: profile_extract FILE.jsonl");
    let pipeline = newsgraph::Pipeline::default_pipeline();
    let opts = RdfOptions::default();
    let (run, _) = rdf::run_quads(&opts, &pipeline.names());
    let print = std::env::args().any(|a| a == "--print");
    let text_mode = std::env::args().any(|a| a == "--text");
    let sink: Box<dyn Write> = if print {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::io::sink())
    };
    let mut out = std::io::BufWriter::new(sink);
    let mut n = 0usize;
    let mut spent: Option<NQuadsText> = None;
    for a in read_path_stream(std::path::Path::new(&path), &ReadOptions::default()).flatten() {
        let mut doc = newsgraph::Document::new(a.text, a.meta);
        pipeline.run(&mut doc);
        if text_mode {
            let (lines, entity_lines) = rdf::quad_estimate(&doc);
            let mut text = spent.take().unwrap_or_default();
            text.reserve(lines, entity_lines);
            let _ = rdf::build_document(&doc, &opts, &run, &mut text);
            let (article, entities) = text.finish();
            if print {
                article.write_to(&mut out).unwrap();
                for l in entities.iter() {
                    out.write_all(l.as_bytes()).unwrap();
                }
            }
            spent = Some(NQuadsText::recycle(article, entities));
        } else {
            let q = rdf::document_quads(&doc, &opts, &run);
            for quad in q.quads.iter().chain(&q.entity_quads) {
                out.write_all(nquads_line(quad).as_bytes()).unwrap();
            }
        }
        n += 1;
    }
    out.flush().unwrap();
    eprintln!("{n} articles");
}
