#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the sample articles and test fixtures
# (kept out of git; libFuzzer adds what it finds there).
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/analyse corpus/rdf corpus/input
for f in "$root"/data/articles/*.txt "$root"/tests/fixtures/*.txt "$root"/tests/fixtures/bad/*.txt; do
  n=$(basename "$f")
  # analyse: the first byte says whether the article has a date
  { printf '\001'; cat "$f"; } > "corpus/analyse/$n"
  # rdf: the text as it is; the long articles cut to 2 kB to keep runs fast
  head -c 2048 "$f" > "corpus/rdf/$n"
done
# input: the first byte picks the file name, see fuzz_targets/input.rs
#   0 a.txt  1 a.jsonl  2 a.html  3 a (sniffed)  4 a.txt.gz  5 a.jsonl.gz  6 a.html.gz  7 a.htm
seed() { { printf "\\$(printf '%03o' "$1")"; cat; } > "corpus/input/$2"; }
seed 0 headers < "$root"/tests/fixtures/headers.txt
seed 0 latin1 < "$root"/tests/fixtures/bad/latin1.txt
seed 1 feed < "$root"/tests/fixtures/bad/feed.jsonl
seed 3 feed-sniffed < "$root"/tests/fixtures/bad/feed.jsonl
seed 2 article < "$root"/tests/fixtures/html/article.html
seed 3 article-sniffed < "$root"/tests/fixtures/html/article.html
gzip -c "$root"/tests/fixtures/headers.txt | seed 4 headers-gz
gzip -c "$root"/tests/fixtures/bad/feed.jsonl | seed 5 feed-gz
gzip -c "$root"/tests/fixtures/html/article.html | seed 6 article-gz
echo "seeded: $(ls corpus/analyse | wc -l) analyse, $(ls corpus/rdf | wc -l) rdf, $(ls corpus/input | wc -l) input"
