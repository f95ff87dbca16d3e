#!/usr/bin/env bash
# Extract a big JSON Lines corpus in N parallel shards and merge the N-Quads.
#
#   scripts/shard.sh CORPUS.jsonl [N] [OUT.nq]
#
# Splits CORPUS into N slices of whole lines (`split -n l/N`), runs
# `newsgraph extract --format nquads` on each (GNU parallel when installed,
# else `xargs -P`), and merges the outputs with `sort -u` into OUT
# (default corpus.nq). IRIs are content-derived and a JSON Lines record's id is
# its identity whatever file it is in, so OUT equals the quads of
# `newsgraph ingest CORPUS` + `newsgraph export --format nquads`, less the
# ontology graph (tests/shards.rs checks this). Load OUT into any store, e.g.
# `oxigraph load --location DB --file OUT.nq`.
set -euo pipefail
corpus=${1:?usage: scripts/shard.sh CORPUS.jsonl [N] [OUT.nq]}
n=${2:-$(nproc)}
out=${3:-corpus.nq}
bin=${NEWSGRAPH:-newsgraph}
command -v "$bin" > /dev/null || bin="$(cd "$(dirname "$0")/.." && pwd)/target/release/newsgraph"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

split -n "l/$n" -d -a 4 --additional-suffix=.jsonl "$corpus" "$work/shard."
if command -v parallel > /dev/null; then
  parallel -j "$n" "$bin" extract {} --format nquads '>' {.}.nq ::: "$work"/shard.*.jsonl
else
  printf '%s\n' "$work"/shard.*.jsonl \
    | xargs -P "$n" -I{} sh -c '"$0" extract "$1" --format nquads > "${1%.jsonl}.nq"' "$bin" {}
fi
# entity descriptions recur across shards: sort by bytes, drop duplicates
LC_ALL=C sort -u "$work"/shard.*.nq > "$out"
echo "$(wc -l < "$out") quads from $n shards of $corpus in $out" >&2
