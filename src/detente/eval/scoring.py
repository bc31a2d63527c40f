"""Classification scores in plain Python: per-label P/R/F1, macro, weighted, accuracy.

Written without scikit-learn so that evaluation needs nothing beyond the
standard library at run time.  Macro F1 averages over the gold labels (or the
labels given); a prediction outside them (such as "NONE") only ever counts
as a miss.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict


class LabelScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


class Scores(BaseModel):
    """Scores of one prediction run against gold labels."""

    model_config = ConfigDict(frozen=True)

    labels: list[str]
    per_label: dict[str, LabelScore]
    macro_f1: float
    weighted_f1: float
    accuracy: float
    n: int
    confusion: dict[str, dict[str, int]]


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def score(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> Scores:
    """Score predictions against gold labels (same length, same order).

    `labels` fixes the labels averaged over; by default, the labels present
    in gold.  The confusion matrix is nested gold -> predicted -> count.
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels, predictions {len(pred)}")
    label_list = list(labels) if labels is not None else sorted(set(gold))
    pairs = Counter(zip(gold, pred))
    gold_count, pred_count = Counter(gold), Counter(pred)
    per_label = {}
    for label in label_list:
        tp = pairs[(label, label)]
        p = _ratio(tp, pred_count[label])
        r = _ratio(tp, gold_count[label])
        per_label[label] = LabelScore(precision=p, recall=r, f1=_ratio(2 * p * r, p + r),
                                      support=gold_count[label], predicted=pred_count[label])
    total_support = sum(s.support for s in per_label.values())
    confusion: dict[str, dict[str, int]] = {}
    for (g, p), count in sorted(pairs.items()):
        confusion.setdefault(g, {})[p] = count
    return Scores(
        labels=label_list,
        per_label=per_label,
        macro_f1=_ratio(sum(s.f1 for s in per_label.values()), len(per_label)),
        weighted_f1=_ratio(sum(s.f1 * s.support for s in per_label.values()), total_support),
        accuracy=_ratio(sum(1 for g, p in zip(gold, pred) if g == p), len(gold)),
        n=len(gold),
        confusion=confusion,
    )
