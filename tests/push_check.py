#!/usr/bin/env python3
"""Round trip of `newsgraph push` through an independent server.

Ingests data/articles into a temporary store, starts Oxigraph's own server
from PyPI (`oxigraph serve`, package `oxigraph` in tests/requirements.txt) on
a free port, pushes, and checks that:

* every pushed graph has the same number of quads remotely as locally;
* every named query (except those marked `# needs-network`) gives the same
  rows through the server's /query endpoint as through `newsgraph query`
  (the server runs with --union-default-graph, like newsgraph's queries);
* pushing again changes nothing (PUT replaces each graph);
* failures are reported: a 4xx is not retried and names the graph and status,
  an unreachable endpoint is retried and exits 1.

Prints 'N passed, N failed' and exits 1 on any failure.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from checklib import ROOT, check, finish, free_port, needs_network
ONTOLOGY = "https://w3id.org/newsgraph/id/graph/ontology"
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def run(args):
    return subprocess.run(args, capture_output=True, check=False, text=True)


def oxigraph_command():
    local = os.path.join(os.path.dirname(sys.executable), "oxigraph")
    return local if os.path.exists(local) else shutil.which("oxigraph")


def remote_select(base, query):
    req = urllib.request.Request(
        base + "/query",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def rows(results):
    """Bindings as a sorted list of comparable tuples (blank node labels dropped)."""
    if "boolean" in results:
        return [("boolean", results["boolean"])]
    out = []
    for b in results["results"]["bindings"]:
        row = []
        for var, t in sorted(b.items()):
            value = "_:" if t["type"] in ("bnode", "blank node") else t["value"]
            row.append((var, value, t.get("datatype", ""), t.get("xml:lang", "")))
        out.append(tuple(row))
    return sorted(out)


def counts(results):
    return {b["g"]["value"]: int(b["n"]["value"]) for b in results["results"]["bindings"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/ci/newsgraph"))
    a = ap.parse_args()
    server_cmd = oxigraph_command()
    if not server_cmd:
        check("the oxigraph server (pip package `oxigraph`) is installed", False,
              "run bash .ci/setup")
        finish()

    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        p = run([a.bin, "ingest", os.path.join(ROOT, "data/articles"), "--store", store])
        check("ingest sample articles", p.returncode == 0, p.stderr[-300:])

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [server_cmd, "serve", "--location", os.path.join(tmp, "remote"),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 60
            up = False
            while time.time() < deadline and server.poll() is None:
                try:
                    remote_select(base, "ASK {}")
                    up = True
                    break
                except OSError:
                    time.sleep(0.2)
            check(f"oxigraph server listens on {base}", up,
                  server.stderr.read().decode()[-300:] if server.poll() is not None else "timeout")
            if not up:
                return

            local_counts = counts(json.loads(run(
                [a.bin, "query", COUNT_PER_GRAPH, "--store", store, "--format", "json"]).stdout))
            data_graphs = {g: n for g, n in local_counts.items() if g != ONTOLOGY}

            # 1. data graphs only
            t0 = time.time()
            p = run([a.bin, "push", "--endpoint", base + "/store", "--store", store])
            secs = time.time() - t0
            check("push exits 0", p.returncode == 0, p.stderr[-500:])
            total = len(data_graphs)
            check(f"push reports progress {total}/{total}", f"{total}/{total} " in p.stderr, p.stderr[-300:])
            print(f"     pushed {total} graphs, {sum(data_graphs.values())} quads in {secs:.2f} s: {p.stdout.strip()}")
            remote = counts(remote_select(base, COUNT_PER_GRAPH))
            check("remote graphs = local graphs without the ontology", remote == data_graphs,
                  f"{len(remote)} vs {len(data_graphs)} graphs")

            # 2. with the ontology: the remote store now equals the local one
            p = run([a.bin, "push", "--endpoint", base + "/store", "--store", store,
                     "--with-ontology", "--token", "secret-token"])
            check("push --with-ontology --token exits 0", p.returncode == 0, p.stderr[-500:])
            p = subprocess.run([a.bin, "push", "--endpoint", base + "/store", "--store", store,
                                "--with-ontology"], capture_output=True, text=True, check=False,
                               env=dict(os.environ, NEWSGRAPH_TOKEN="secret-token"))
            check("push with NEWSGRAPH_TOKEN exits 0", p.returncode == 0, p.stderr[-500:])
            remote = counts(remote_select(base, COUNT_PER_GRAPH))
            check("quad count per graph agrees (ontology included)", remote == local_counts,
                  f"{sorted(set(remote.items()) ^ set(local_counts.items()))[:5]}")

            # 3. named queries agree
            names = [l.split()[0] for l in run([a.bin, "query", "--list"]).stdout.splitlines() if l.strip()]
            for name in names:
                text = open(os.path.join(ROOT, "queries", name + ".rq"), encoding="utf-8").read()
                if needs_network(text):
                    continue
                p = run([a.bin, "query", name, "--store", store, "--format", "json"])
                try:
                    local = rows(json.loads(p.stdout))
                    there = rows(remote_select(base, text))
                    check(f"query {name}: {len(local)} rows, same remotely", local == there,
                          f"{len(local)} local vs {len(there)} remote rows")
                except Exception as e:  # noqa: BLE001
                    check(f"query {name} runs locally and remotely", False, str(e)[:300])

            # 4. idempotent
            p = run([a.bin, "push", "--endpoint", base + "/store", "--store", store, "--with-ontology"])
            again = counts(remote_select(base, COUNT_PER_GRAPH))
            check("pushing again changes nothing", p.returncode == 0 and again == local_counts)

            # 5. failures: a 4xx is reported once, with the graph and the status
            p = run([a.bin, "push", "--endpoint", base + "/no-such-service", "--store", store])
            check("a refused push exits 1", p.returncode == 1, p.stderr[-300:])
            check("the failure summary names graph and HTTP status",
                  "graphs failed" in p.stderr and "<https://w3id.org/newsgraph/id/graph/" in p.stderr
                  and "HTTP 4" in p.stderr, p.stderr[-500:])
            check("4xx answers are not retried", "attempts" not in p.stderr, p.stderr[-300:])
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()

        # 6. nobody listening: retried, then reported
        dead = f"http://127.0.0.1:{free_port()}/store"
        p = run([a.bin, "push", "--endpoint", dead, "--store", store, "--attempts", "2"])
        check("an unreachable endpoint exits 1 after retrying",
              p.returncode == 1 and "after 2 attempts" in p.stderr and "no response" in p.stderr,
              p.stderr[-300:])

    finish()


if __name__ == "__main__":
    main()
