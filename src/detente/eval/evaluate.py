"""Evaluate a predictor against a gold file: labels, scores and actor matches.

`evaluate(path, labels, predict)` reads the gold file, asks `predict` for one
Prediction per text (in order), maps gold and predictions into the label
set, and scores them.  The predictor over detente's real pipeline is written
elsewhere (the CLI); any callable of the same shape works.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from detente.errors import DetenteError
from detente.eval.actors import relaxed_match
from detente.eval.gold import GoldRow, load_gold
from detente.eval.labels import check_label_set, normalise_gold, predicted_label
from detente.eval.scoring import Scores, score


class Prediction(BaseModel):
    """What a predictor says about one text: its main event, or None for no event."""

    model_config = ConfigDict(frozen=True)

    event: str | None = None
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actor_texts: list[str] = Field(default_factory=list)
    recipient_texts: list[str] = Field(default_factory=list)
    recipient_sectors: list[str] = Field(default_factory=list)


class ActorMatch(BaseModel):
    """Relaxed-match accuracy of actors against one gold column (rows with a gold string)."""

    model_config = ConfigDict(frozen=True)

    matched: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.matched / self.total if self.total else 0.0


class Miss(BaseModel):
    """One wrongly labelled row, for error analysis."""

    model_config = ConfigDict(frozen=True)

    line: int
    gold: str
    pred: str
    text: str


class EvalReport(BaseModel):
    """Everything an evaluation run found."""

    model_config = ConfigDict(frozen=True)

    path: str
    label_set: str
    scores: Scores
    actor_match: dict[str, ActorMatch] = Field(default_factory=dict)
    misses: list[Miss] = Field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        s = self.scores
        out: dict[str, Any] = {
            "path": self.path,
            "label_set": self.label_set,
            "n": s.n,
            "labels": list(s.labels),
            "macro_f1": s.macro_f1,
            "weighted_f1": s.weighted_f1,
            "accuracy": s.accuracy,
            "per_label": {k: v.model_dump() for k, v in s.per_label.items()},
            "confusion": s.confusion,
        }
        if self.actor_match:
            out["actor_match"] = {k: {"accuracy": v.accuracy, "matched": v.matched, "total": v.total}
                                  for k, v in self.actor_match.items()}
        return out


def _actor_match(rows: Sequence[GoldRow], preds: Sequence[Prediction], column: str) -> ActorMatch | None:
    if not any(getattr(r, column) for r in rows):
        return None
    matched = total = 0
    for row, pred in zip(rows, preds):
        texts = pred.actor_texts if column == "source" else pred.recipient_texts
        verdict = relaxed_match(getattr(row, column), texts)
        if verdict is None:
            continue
        total += 1
        matched += int(verdict)
    return ActorMatch(matched=matched, total=total)


def evaluate_rows(rows: Sequence[GoldRow], labels: str, preds: Sequence[Prediction],
                  path: str = "", max_misses: int = 50) -> EvalReport:
    """Score predictions already made for gold rows."""
    check_label_set(labels)
    if len(rows) != len(preds):
        raise DetenteError("E203", f"the predictor returned {len(preds)} predictions for {len(rows)} texts")
    gold = [normalise_gold(r.label, labels, r.mode) for r in rows]
    pred = [predicted_label(p.event, labels, p.mode, p.context, r.text, p.recipient_sectors)
            for r, p in zip(rows, preds)]
    scores = score(gold, pred, labels=sorted(set(gold)))
    matches = {col: m for col in ("source", "target") if (m := _actor_match(rows, preds, col))}
    misses = [Miss(line=r.line, gold=g, pred=p, text=r.text)
              for r, g, p in zip(rows, gold, pred) if g != p][:max_misses]
    return EvalReport(path=path, label_set=labels, scores=scores, actor_match=matches, misses=misses)


def evaluate(path: str | Path, labels: str,
             predict: Callable[[list[str]], list[Prediction]]) -> EvalReport:
    """Read a gold file, run `predict` on its texts, and score it in label set `labels`."""
    check_label_set(labels)
    rows = load_gold(path)
    preds = list(predict([r.text for r in rows]))
    return evaluate_rows(rows, labels, preds, path=str(path))
