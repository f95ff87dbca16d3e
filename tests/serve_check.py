#!/usr/bin/env python3
"""`newsgraph serve` seen by an independent SPARQL client (rdflib's SPARQLStore).

* every named query of queries/ gives, over HTTP, the same rows as
  `newsgraph query NAME --format csv` (compared as multisets of normalised values);
* SELECT answers parse with rdflib's own result parsers in JSON, XML, CSV and TSV,
  and a CONSTRUCT parses in Turtle, N-Triples, JSON-LD and RDF/XML, with the same triples.

Starts `serve` itself on a free port over a store ingested from data/articles
and stops it at the end. Prints 'N passed, N failed' and exits 1 on any failure.
"""
import argparse
import csv
import io
import os
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from decimal import Decimal, InvalidOperation

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from checklib import ROOT, check, finish, free_port, needs_network


def start_server(binary, store, log):
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen([binary, "serve", "--store", store, "--bind", f"127.0.0.1:{port}", "--quiet"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.time() + 30
        # the banner is printed once this server holds the port
        banner = f"at http://127.0.0.1:{port}/".encode()
        while time.time() < deadline and proc.poll() is None:
            log.flush()
            with open(log.name, "rb") as f:
                if banner in f.read():
                    return proc, port
            time.sleep(0.05)
        proc.kill()
        proc.wait()
    raise SystemExit("serve did not start")


def norm(v):
    """One spelling per value: numbers by value, blank nodes as one label."""
    if v is None:
        return ""
    v = str(v)
    if v.startswith("_:"):
        return "_:b"
    try:
        d = Decimal(v)
        if d.is_finite():
            return format(d.normalize(), "f")
    except (InvalidOperation, ValueError):
        pass
    return v


def cli_rows(binary, store, name):
    out = subprocess.run([binary, "query", name, "--format", "csv", "--store", store],
                         capture_output=True, text=True, check=True).stdout
    reader = csv.reader(io.StringIO(out))
    header = next(reader)
    return header, Counter(tuple(norm(c) if c != "" else "" for c in row) for row in reader)


def client_rows(result, header):
    rows = Counter()
    for row in result:
        values = []
        for var in header:
            t = row[var] if var in row.labels else None
            if isinstance(t, rdflib.BNode):
                values.append("_:b")
            else:
                values.append(norm(t))
        rows[tuple(values)] += 1
    return rows


def http_get(url, accept):
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return resp.headers.get("Content-Type", ""), resp.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/ci/newsgraph"))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        subprocess.run([binary, "ingest", os.path.join(ROOT, "data/articles"), "--store", store],
                       check=True, capture_output=True)
        with open(os.path.join(tmp, "serve.log"), "wb") as log:
            proc, port = start_server(binary, store, log)
            try:
                run_checks(binary, store, f"http://127.0.0.1:{port}")
            finally:
                proc.terminate()
                try:
                    code = proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    code = None
                check("serve exits 0 on SIGTERM", code == 0, f"exit {code}")
    finish()


def run_checks(binary, store, base):
    endpoint = base + "/sparql"
    names = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, "queries")) if f.endswith(".rq"))
    check("named queries found", len(names) > 0)
    for method in ("GET", "POST", "POST_FORM"):
        client = SPARQLStore(query_endpoint=endpoint, method=method, returnFormat="xml")
        for name in names:
            with open(os.path.join(ROOT, "queries", name + ".rq"), encoding="utf-8") as f:
                text = f.read()
            if needs_network(text):  # federated: would reach Wikidata, not a test of serve
                continue
            header, expected = cli_rows(binary, store, name)
            try:
                got = client_rows(client.query(text), header)
            except Exception as e:  # any client or parse error is a failure of this query
                check(f"{name} over {method}", False, repr(e))
                continue
            check(f"{name} over {method}: {sum(expected.values())} rows as in `newsgraph query`",
                  got == expected and (sum(got.values()) > 0 or name in EMPTY_OK),
                  f"only CLI: {list((expected - got).items())[:3]} only HTTP: {list((got - expected).items())[:3]}")

    # every results format parses with rdflib's own parsers, same rows
    q = ("PREFIX ng: <https://w3id.org/newsgraph/ont#> PREFIX schema: <http://schema.org/> "
         "SELECT ?p ?name ?r WHERE { ?p ng:holdsRole ?r ; schema:name ?name }")
    url = endpoint + "?query=" + urllib.parse.quote(q)
    counts = {}
    for accept, fmt in (("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
                        ("text/csv", "csv"), ("text/tab-separated-values", "tsv")):
        ctype, body = http_get(url, accept)
        try:
            res = Result.parse(io.BytesIO(body), format=fmt)
            counts[fmt] = len(list(res))
            check(f"SELECT as {accept} parses ({counts[fmt]} rows)", ctype.startswith(accept) and counts[fmt] > 0, ctype)
        except Exception as e:
            check(f"SELECT as {accept} parses", False, repr(e))
    check("all result formats give the same row count", len(set(counts.values())) == 1, str(counts))

    c = "PREFIX schema: <http://schema.org/> CONSTRUCT { ?s schema:name ?n } WHERE { ?s schema:name ?n }"
    url = endpoint + "?query=" + urllib.parse.quote(c)
    graphs = {}
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")):
        ctype, body = http_get(url, accept)
        try:
            g = rdflib.Graph()
            g.parse(data=body, format=fmt)
            graphs[fmt] = set(g)
            check(f"CONSTRUCT as {accept} parses ({len(g)} triples)", ctype.startswith(accept) and len(g) > 0, ctype)
        except Exception as e:
            check(f"CONSTRUCT as {accept} parses", False, repr(e))
    values = list(graphs.values())
    check("all graph formats carry the same triples", len(values) == 4 and all(v == values[0] for v in values))

    # the service description is valid Turtle with an sd:Service
    _, body = http_get(endpoint, "text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    check("service description names an sd:Service with an endpoint",
          any(g.triples((None, rdflib.RDF.type, sd.Service))) and any(g.triples((None, sd.endpoint, None))))


# named queries whose answer may legitimately be empty on the sample articles
EMPTY_OK = {"figure-conflicts"}

if __name__ == "__main__":
    main()
