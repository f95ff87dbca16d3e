#!/usr/bin/env python3
"""Cross-check of `newsgraph validate` against pySHACL, an independent SHACL engine.

On the sample store (ingested from data/articles, exported as Turtle with all
graphs merged) and on the deliberately broken fixture
tests/fixtures/validate/broken.nq, both validators must agree on the
`conforms` flag and on the set of (focus node, result path, constraint
component) of the results. The data graph is the union of all graphs on both
sides, and pySHACL runs with inference="none": like newsgraph it still follows
rdfs:subClassOf in the data graph for sh:targetClass and sh:class, as SHACL
requires, and infers nothing else.

Prints 'N passed, N failed' and exits 1 on any failure.
"""
import argparse
import json
import os
import subprocess
import tempfile

import rdflib
from pyshacl import validate
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from checklib import ROOT, check, finish


def node(t):
    """A focus node as newsgraph prints it (N-Triples); blank nodes cannot be matched by label."""
    return "_:b" if isinstance(t, rdflib.BNode) else t.n3()


def path_str(g, p):
    """A SHACL path node in the SPARQL path syntax newsgraph's JSON uses."""
    if p is None:
        return None
    if isinstance(p, rdflib.URIRef):
        return f"<{p}>"
    inv = g.value(p, SH.inversePath)
    if inv is not None:
        return "^" + path_str(g, inv)
    alt = g.value(p, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(path_str(g, x) for x in Collection(g, alt)) + ")"
    for key, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(p, key)
        if inner is not None:
            return "(" + path_str(g, inner) + ")" + suffix
    if g.value(p, RDF.first) is not None:
        return "(" + "/".join(path_str(g, x) for x in Collection(g, p)) + ")"
    return "?unknown-path"


def pyshacl_results(data_graph):
    shapes = rdflib.Graph().parse(os.path.join(ROOT, "ontology/shapes.ttl"))
    conforms, results, _ = validate(data_graph, shacl_graph=shapes, inference="none", abort_on_first=False)
    found = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        found.add((node(results.value(r, SH.focusNode)),
                   path_str(results, results.value(r, SH.resultPath)),
                   str(results.value(r, SH.sourceConstraintComponent))))
    return conforms, found


def newsgraph_results(bin_, args):
    p = subprocess.run([bin_, "validate", *args, "--format", "json"], capture_output=True, check=False)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"newsgraph validate exited {p.returncode}: {p.stderr.decode()[-500:]}")
    report = json.loads(p.stdout)
    if (p.returncode == 0) != report["conforms"]:
        raise RuntimeError(f"exit code {p.returncode} disagrees with conforms={report['conforms']}")
    found = set()
    for r in report["results"]:
        focus = "_:b" if r["focusNode"].startswith("_:") else r["focusNode"]
        found.add((focus, r["resultPath"], r["sourceConstraintComponent"]))
    return report["conforms"], found


def compare(name, ours, theirs):
    (c1, s1), (c2, s2) = ours, theirs
    check(f"{name}: same conforms flag (newsgraph {c1}, pySHACL {c2})", c1 == c2)
    detail = ""
    if s1 != s2:
        only_ours = "\n  ".join(map(str, sorted(s1 - s2)))
        only_theirs = "\n  ".join(map(str, sorted(s2 - s1)))
        detail = f"\n only newsgraph:\n  {only_ours}\n only pySHACL:\n  {only_theirs}"
    check(f"{name}: same (focus, path, component) results ({len(s1)} vs {len(s2)})", s1 == s2, detail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/ci/newsgraph"))
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        p = subprocess.run([a.bin, "ingest", os.path.join(ROOT, "data/articles"), "--store", store],
                           capture_output=True, check=False)
        check("ingest sample articles", p.returncode == 0, p.stderr.decode()[-300:])
        export = os.path.join(tmp, "export.ttl")
        p = subprocess.run([a.bin, "export", "--store", store, "--format", "turtle", "-o", export],
                           capture_output=True, check=False)
        check("export the sample store", p.returncode == 0, p.stderr.decode()[-300:])
        data = rdflib.Graph().parse(export, format="turtle")
        compare("sample store", newsgraph_results(a.bin, ["--store", store]), pyshacl_results(data))

    fixture = os.path.join(ROOT, "tests/fixtures/validate/broken.nq")
    ds = rdflib.Dataset()
    ds.parse(fixture, format="nquads")
    merged = rdflib.Graph()
    for s, p_, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p_, o))
    ours = newsgraph_results(a.bin, [fixture])
    theirs = pyshacl_results(merged)
    check("broken fixture does not conform", not ours[0] and len(ours[1]) > 0)
    compare("broken fixture", ours, theirs)

    finish()


if __name__ == "__main__":
    main()
