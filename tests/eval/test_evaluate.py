"""evaluate() end to end with a hand-written predictor and gold file."""

from __future__ import annotations

import csv
import json

import pytest

from detente.errors import DetenteError
from detente.eval import EvalReport, Prediction, evaluate, report_text

GOLD = [
    ("Lithuania's foreign ministry condemned the border incident.", "DISAPPROVE", "Lithuania", "border incident"),
    ("Protesters in the port city demanded the mayor quit.", "DEMAND", "Protesters", "mayor"),
    ("Navy gunboats fired on the smugglers' vessel.", "FIGHT", "Navy gunboats", "smugglers"),
    ("The two premiers met in the capital on Monday.", "CONSULT", "premiers", ""),
]

ANSWERS = {
    "Lithuania": Prediction(event="ACCUSE", actor_texts=["Lithuania's foreign ministry"], recipient_texts=["incident"]),
    "Protesters": Prediction(event="PROTEST", actor_texts=["Protesters"], recipient_texts=["the mayor"]),
    "Navy": Prediction(event="ASSAULT", mode="firearms", actor_texts=["gunboats"], recipient_texts=["vessel"]),
    "The": Prediction(event=None),
}


def predict(texts):
    return [ANSWERS[t.split()[0].removesuffix("'s")] for t in texts]


@pytest.fixture()
def gold_file(tmp_path):
    path = tmp_path / "gold.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label", "source", "target"])
        w.writerows(GOLD)
    return path


def test_evaluate_plover05(gold_file):
    report = evaluate(gold_file, "plover05", predict)
    assert isinstance(report, EvalReport)
    out = report.to_json()
    assert set(out) >= {"macro_f1", "weighted_f1", "accuracy", "per_label", "confusion", "n", "labels", "actor_match"}
    assert out["n"] == 4
    assert out["labels"] == ["ACCUSE", "ASSAULT", "CONSULT", "REQUEST"]
    assert out["accuracy"] == pytest.approx(0.5)
    assert out["macro_f1"] == pytest.approx(0.5)
    assert out["confusion"]["CONSULT"] == {"NONE": 1}
    assert out["actor_match"]["source"] == {"accuracy": 0.75, "matched": 3, "total": 4}
    assert out["actor_match"]["target"]["total"] == 3
    assert out["actor_match"]["target"]["matched"] == 2   # "border incident"/"incident", "mayor"; "vessel" misses
    json.dumps(out)
    text = report_text(report)
    assert "macro F1" in text and "ACCUSE" in text and "NONE" in text


def test_evaluate_errors(gold_file):
    with pytest.raises(DetenteError) as err:
        evaluate(gold_file, "nonsense", predict)
    assert err.value.code == "E502"
    with pytest.raises(DetenteError) as err:
        evaluate(gold_file, "plover16", lambda texts: [])
    assert err.value.code == "E203"


def test_shared_sets_load(shared_dir):
    """The real development sets parse with the expected columns (skips without ../shared)."""
    from detente.eval import load_gold, normalise_gold, LABEL_SETS
    for name, labels in (("plv-dev.csv", "plover15"), ("plover-gsr.csv", "plover05"), ("case2021-dev.tsv", "acled")):
        rows = load_gold(shared_dir / "eval" / name)
        assert rows
        unknown = {normalise_gold(r.label, labels) for r in rows} - set(LABEL_SETS[labels])
        assert not unknown, (name, unknown)
