//! Arbitrary bytes read as an input file: plain text, JSON Lines, HTML, an
//! extension-less file (HTML sniffing) and gzip of each, through the public
//! `input::read_path`. The first byte picks the file name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::input::{read_path, ReadOptions};
use std::path::PathBuf;
use std::sync::OnceLock;

const NAMES: [&str; 8] = [
    "a.txt",
    "a.jsonl",
    "a.html",
    "a",
    "a.txt.gz",
    "a.jsonl.gz",
    "a.html.gz",
    "a.htm",
];

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("newsgraph-fuzz-input-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((pick, body)) = data.split_first() else {
        return;
    };
    let path = dir().join(NAMES[*pick as usize % NAMES.len()]);
    std::fs::write(&path, body).unwrap();
    for r in read_path(&path, &ReadOptions::default()) {
        if let Ok(a) = r {
            assert!(a.text.len() <= newsgraph::input::MAX_ARTICLE_BYTES);
        } else if let Err(e) = r {
            // every error names the file
            assert!(e.to_string().contains("a"), "{e}");
        }
    }
    let _ = std::fs::remove_file(&path);
});
