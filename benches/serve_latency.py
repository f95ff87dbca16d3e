#!/usr/bin/env python3
"""HTTP latency of the named queries on `newsgraph serve` over the sample store.

Ingests data/articles into a temporary store, starts serve on a free port,
runs each named query N times over one keep-alive connection (GET /query/NAME,
JSON results, body read in full) after one warm-up, prints the median and p95
per query, and stops the server. Standard library only.

    python3 benches/serve_latency.py [--bin target/release/newsgraph] [-n 30]
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from checklib import ROOT, free_port, needs_network  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def query_needs_network(name):
    """Federated queries (`# needs-network`) would time the remote, not serve."""
    with open(os.path.join(ROOT, "queries", name), encoding="utf-8") as f:
        return needs_network(f.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newsgraph"))
    ap.add_argument("-n", type=int, default=30, help="runs per query (default 30)")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    names = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, "queries"))
                   if f.endswith(".rq") and not query_needs_network(f))
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        subprocess.run([binary, "ingest", os.path.join(ROOT, "data/articles"), "--store", store],
                       check=True, capture_output=True)
        port = free_port()
        proc = subprocess.Popen([binary, "serve", "--store", store, "--bind", f"127.0.0.1:{port}", "--quiet"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        sys.exit("serve did not start")
                    time.sleep(0.05)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            print(f"{'query':<22} {'rows':>5} {'median ms':>10} {'p95 ms':>8}   ({a.n} runs each, HTTP keep-alive, JSON)")
            for name in names:
                times, rows = [], 0
                for i in range(a.n + 1):
                    t0 = time.perf_counter()
                    conn.request("GET", f"/query/{name}", headers={"Accept": "application/sparql-results+json"})
                    resp = conn.getresponse()
                    body = resp.read()
                    elapsed = (time.perf_counter() - t0) * 1000
                    if resp.status != 200:
                        sys.exit(f"{name}: HTTP {resp.status}: {body[:300]!r}")
                    if i == 0:
                        rows = len(json.loads(body)["results"]["bindings"])  # the warm-up run is not timed
                        continue
                    times.append(elapsed)
                print(f"{name:<22} {rows:>5} {statistics.median(times):>10.2f} {percentile(times, 95):>8.2f}")
            conn.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
