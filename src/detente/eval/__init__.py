"""Evaluation against gold-labelled sets: label sets, scores, actor matching, reports."""

from detente.eval.actors import relaxed_match
from detente.eval.evaluate import ActorMatch, EvalReport, Miss, Prediction, evaluate, evaluate_rows
from detente.eval.gold import GoldRow, load_gold
from detente.eval.labels import LABEL_SETS, NONE, normalise_gold, predicted_label
from detente.eval.report import render_report, report_text
from detente.eval.scoring import LabelScore, Scores, score

__all__ = [
    "ActorMatch", "EvalReport", "GoldRow", "LABEL_SETS", "LabelScore", "Miss", "NONE", "Prediction",
    "Scores", "evaluate", "evaluate_rows", "load_gold", "normalise_gold", "predicted_label",
    "relaxed_match", "render_report", "report_text", "score",
]
