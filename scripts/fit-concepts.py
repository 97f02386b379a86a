#!/usr/bin/env python3
"""Fit the weights of the concept model (internal/extract/concepts.go).

Every candidate concept talkgraph considers, with its features, is written
to standard error when TALKGRAPH_DEBUG_CONCEPTS is set. This script runs
`talkgraph extract` that way over notes that have gold files, labels each
candidate by whether it matches a gold concept of its section (the rules of
../shared/eval/score), fits a logistic regression on the training sets and
reports, for every set, the concept F1 that the fitted model gives at the
thresholds (lexicon concepts, phrases) and cap the extractor uses. Paste the printed weights into
conceptWeights and conceptBias.

The weights in the code were fitted on the layout fixtures, the example
notes and the seed note, and checked on ../shared/real-notes, which the fit
does not see:

    go build -o /tmp/talkgraph ./cmd/talkgraph
    scripts/fit-concepts.py --bin /tmp/talkgraph --train fx,ex,seed --check real

Needs numpy and scikit-learn (pip install numpy scikit-learn).
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
from importlib.machinery import SourceFileLoader

import numpy as np
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, "..", "..", "shared")
SETS = {
    "real": os.path.join(shared, "real-notes"),
    "seed": os.path.join(shared, "notes"),
    "fx": os.path.join(here, "..", "internal", "extract", "testdata", "layouts"),
    "ex": os.path.join(here, "..", "examples", "notes"),
}
THRESHOLD, PHRASE, CAP = 0.30, 0.35, 10
score = SourceFileLoader("score", os.path.join(shared, "eval", "score")).load_module()
line_rx = re.compile(r'^concept (\d+) "(.*)" \[(.*)\]$')


def candidates(bin_, name):
    """Yields (section key, gold concepts, aliases, phrase, features) for a set."""
    gold = score.load_gold([SETS[name]])
    for base, (doc, aliases, path) in sorted(gold.items()):
        note = [f for f in glob.glob(os.path.join(os.path.dirname(path), base + ".*")) if not f.endswith(".yaml")][0]
        env = dict(os.environ, TALKGRAPH_DEBUG_CONCEPTS="1")
        run = subprocess.run([bin_, "extract", "--json", note], capture_output=True, text=True, env=env, check=True)
        cands = []
        for line in run.stderr.splitlines():
            m = line_rx.match(line)
            if m:
                cands.append((int(m.group(1)), json.loads('"' + m.group(2) + '"'), [float(x) for x in m.group(3).split()]))
        secs = sorted(doc["sections"], key=lambda s: s["line"])
        for i, s in enumerate(secs):
            if not s["is_talk"]:
                continue
            end = next((t["line"] for t in secs[i + 1:] if t["line"] > s["line"]), 10**9)
            for line, phrase, feats in cands:
                if s["line"] <= line < end:
                    yield (name, base, s["line"]), s.get("concepts") or [], aliases, phrase, feats


def f1(rows, probs):
    by_sec, golds = collections.defaultdict(list), {}
    for (sec, gold, aliases, phrase, feats), p in zip(rows, probs):
        by_sec[sec].append((p if feats[0] or p >= PHRASE else 0, phrase))
        golds[sec] = (gold, aliases)
    tp = g = pred = 0
    for sec, (gold, aliases) in golds.items():
        out, chosen = [], []
        for p, phrase in sorted(by_sec[sec], key=lambda x: -x[0]):
            ws = set(score.stems(phrase))
            if p < THRESHOLD or len(out) == CAP or any(ws <= u or u <= ws for u in chosen):
                continue
            chosen.append(ws)
            out.append(phrase)
        g, pred = g + len(gold), pred + len(out)
        used = set()
        for x in gold:
            for i, o in enumerate(out):
                if i not in used and score.same_concept(x, o, aliases):
                    used.add(i)
                    tp += 1
                    break
    prec, rec = (tp / pred if pred else 0), (tp / g if g else 0)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="talkgraph")
    ap.add_argument("--train", default="fx,ex,seed")
    ap.add_argument("--check", default="real")
    args = ap.parse_args()
    data = {}
    for name in set(args.train.split(",")) | set(args.check.split(",")):
        data[name] = list(candidates(args.bin, name))

    def label(row):
        _, gold, aliases, phrase, _ = row
        return any(score.same_concept(x, phrase, aliases) for x in gold)

    train = [r for n in args.train.split(",") for r in data[n]]
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(np.array([r[4] for r in train]), np.array([label(r) for r in train]))
    print("conceptWeights = {" + ", ".join("%.3f" % w for w in model.coef_[0]) + "}")
    print("conceptBias = %.3f" % model.intercept_[0])
    for name, rows in sorted(data.items()):
        probs = model.predict_proba(np.array([r[4] for r in rows]))[:, 1]
        print("%-5s %5d candidates, concept F1 %.3f" % (name, len(rows), f1(rows, probs)))


if __name__ == "__main__":
    main()
