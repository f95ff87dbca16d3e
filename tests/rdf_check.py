#!/usr/bin/env python3
"""Independent checks of newsgraph's RDF output (not Oxigraph's own parser).

* every export format from `extract` and from `export` parses with rdflib, and
  all of them carry the same triples;
* the export validates against ontology/shapes.ttl with pySHACL, also with
  the VoID/DCAT description and Web Annotations (`--describe --annotations`);
* the ontology parses, and every named query parses with rdflib's SPARQL parser
  and runs on the sample store through `newsgraph query`.

Prints 'N passed, N failed' and exits 1 on any failure.
"""
import argparse
import json
import os
import subprocess
import tempfile

import rdflib
from pyshacl import validate

from checklib import ROOT, check, finish, needs_network
FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "ntriples": "nt",
           "jsonld": "json-ld", "rdfxml": "xml"}


def run(args, **kw):
    return subprocess.run(args, capture_output=True, check=False, **kw)


def triples_of(data, fmt):
    if fmt in ("nquads", "trig", "json-ld"):
        g = rdflib.Dataset()
        g.parse(data=data, format=fmt)
        return {(s, p, o) for s, p, o, _ in g.quads((None, None, None, None))}
    g = rdflib.Graph()
    g.parse(data=data, format=fmt)
    return set(g)


def parsed(label, p, read, fmt):
    """Checks that a command succeeded and that rdflib parses what it wrote; the triples, or None."""
    if p.returncode != 0:
        check(label, False, p.stderr.decode()[-300:])
        return None
    try:
        ts = triples_of(read(), fmt)
        check(f"rdflib parses {label} ({len(ts)} triples)", len(ts) > 0)
        return ts
    except Exception as e:  # noqa: BLE001
        check(f"rdflib parses {label}", False, str(e)[:300])
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/ci/newsgraph"))
    a = ap.parse_args()
    articles = os.path.join(ROOT, "data/articles")

    # ontology and shapes parse
    for f in ("ontology/newsgraph.ttl", "ontology/shapes.ttl"):
        try:
            rdflib.Graph().parse(os.path.join(ROOT, f))
            check(f"rdflib parses {f}", True)
        except Exception as e:  # noqa: BLE001
            check(f"rdflib parses {f}", False, str(e)[:300])

    # extract in every format
    sets = {}
    for name, fmt in FORMATS.items():
        p = run([a.bin, "extract", articles, "--format", name])
        ts = parsed(f"extract --format {name}", p, lambda: p.stdout.decode(), fmt)
        if ts is not None:
            sets[name] = ts
    if "nquads" in sets:
        ref = sets["nquads"]
        for name, s in sets.items():
            # literal forms may differ in datatype canonicalisation; compare sizes and subjects
            same = len(s) == len(ref) and {t[0] for t in s} == {t[0] for t in ref}
            check(f"{name} carries the same triples as nquads", same, f"{len(s)} vs {len(ref)}")

    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        p = run([a.bin, "ingest", articles, "--store", store])
        check("ingest sample articles", p.returncode == 0, p.stderr.decode()[-300:])
        for name, fmt in FORMATS.items():
            out = os.path.join(tmp, f"export.{name}")
            p = run([a.bin, "export", "--store", store, "--format", name, "-o", out])
            parsed(f"export --format {name}", p, lambda: open(out, encoding="utf-8").read(), fmt)

        # SHACL: the data graph (without the ontology graph) against the shapes
        data = rdflib.Graph()
        data.parse(os.path.join(tmp, "export.turtle"), format="turtle")
        shapes = rdflib.Graph().parse(os.path.join(ROOT, "ontology/shapes.ttl"))
        conforms, _, text = validate(data, shacl_graph=shapes, inference="none", abort_on_first=False)
        check("pySHACL: export conforms to ontology/shapes.ttl", conforms, text[:3000])

        # --describe and --annotations: parse with rdflib, validate with pySHACL
        for name, fmt in (("trig", "trig"), ("turtle", "turtle")):
            out = os.path.join(tmp, f"described.{name}")
            p = run([a.bin, "export", "--store", store, "--format", name, "--describe",
                     "--annotations", "--license", "https://creativecommons.org/licenses/by/4.0/",
                     "-o", out])
            parsed(f"export --describe --annotations --format {name}", p,
                   lambda: open(out, encoding="utf-8").read(), fmt)
        extra = rdflib.Graph()
        extra.parse(os.path.join(tmp, "described.turtle"), format="turtle")
        OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
        VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
        annotations = len(set(extra.subjects(rdflib.RDF.type, OA.Annotation)))
        check(f"export --annotations has oa:Annotation nodes ({annotations})", annotations > 100)
        datasets = list(extra.subjects(rdflib.RDF.type, VOID.Dataset))
        triples = [int(o) for d in datasets for o in extra.objects(d, VOID.triples)]
        check(f"export --describe has a void:Dataset with void:triples ({triples})", len(triples) >= 1)
        conforms, _, text = validate(extra, shacl_graph=shapes, inference="none", abort_on_first=False)
        check("pySHACL: export --describe --annotations conforms to ontology/shapes.ttl", conforms, text[:3000])
        p = run([a.bin, "extract", articles, "--format", "trig", "--describe", "--annotations"])
        try:
            ex = triples_of(p.stdout.decode(), "trig")
            prefixes = sum(1 for t in ex if str(t[1]) == str(OA.prefix))
            check(f"rdflib parses extract --describe --annotations ({len(ex)} triples, {prefixes} oa:prefix)",
                  p.returncode == 0 and prefixes > 0, p.stderr.decode()[-300:])
        except Exception as e:  # noqa: BLE001
            check("rdflib parses extract --describe --annotations", False, str(e)[:300])

        # named queries: parse with rdflib, run through newsgraph
        qdir = os.path.join(ROOT, "queries")
        for f in sorted(os.listdir(qdir)):
            if not f.endswith(".rq"):
                continue
            text = open(os.path.join(qdir, f), encoding="utf-8").read()
            try:
                rdflib.plugins.sparql.prepareQuery(text)
                check(f"rdflib parses queries/{f}", True)
            except Exception as e:  # noqa: BLE001
                check(f"rdflib parses queries/{f}", False, str(e)[:300])
            if needs_network(text):
                continue  # parsed above; running it needs the network
            p = run([a.bin, "query", f[:-3], "--store", store, "--format", "json"])
            ok = p.returncode == 0
            if ok:
                try:
                    json.loads(p.stdout)
                except ValueError:
                    ok = False
            check(f"newsgraph query {f[:-3]} runs on the sample store", ok, p.stderr.decode()[-300:])

    finish()


if __name__ == "__main__":
    main()
