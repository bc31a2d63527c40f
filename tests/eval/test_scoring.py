"""score() against numbers computed by hand."""

from __future__ import annotations

import pytest

from detente.eval import score


def test_hand_computed_scores():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["A", "A", "B", "B", "NONE", "A"]
    s = score(gold, pred)
    # A: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
    assert s.per_label["A"].precision == pytest.approx(2 / 3)
    assert s.per_label["A"].recall == pytest.approx(2 / 3)
    assert s.per_label["A"].f1 == pytest.approx(2 / 3)
    # B: tp 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
    assert s.per_label["B"].f1 == pytest.approx(0.5)
    # C: never predicted -> all zero
    assert s.per_label["C"].precision == 0.0 and s.per_label["C"].f1 == 0.0
    assert s.macro_f1 == pytest.approx((2 / 3 + 0.5 + 0) / 3)
    assert s.weighted_f1 == pytest.approx((2 / 3 * 3 + 0.5 * 2 + 0) / 6)
    assert s.accuracy == pytest.approx(3 / 6)
    assert s.n == 6
    assert s.labels == ["A", "B", "C"]
    assert "NONE" not in s.per_label
    assert s.confusion == {"A": {"A": 2, "B": 1}, "B": {"B": 1, "NONE": 1}, "C": {"A": 1}}


def test_uneven_precision_recall():
    # X: tp 1, predicted 4, support 1 -> P .25, R 1, F1 .4
    s = score(["X", "Y", "Y", "Y"], ["X", "X", "X", "X"])
    assert s.per_label["X"].f1 == pytest.approx(0.4)
    assert s.per_label["Y"].support == 3 and s.per_label["Y"].predicted == 0
    assert s.macro_f1 == pytest.approx(0.2)
    assert s.weighted_f1 == pytest.approx(0.1)


def test_fixed_label_list_and_perfect_run():
    s = score(["P", "Q"], ["P", "Q"], labels=["P", "Q", "R"])
    assert s.per_label["R"].support == 0
    assert s.accuracy == 1.0
    assert s.macro_f1 == pytest.approx(2 / 3)


def test_length_mismatch():
    with pytest.raises(ValueError):
        score(["A"], [])
