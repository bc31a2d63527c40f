"""Fallback sentence classifier for sentences the trigger lexicon leaves empty.

A TF-IDF + logistic-regression model over word uni/bigrams, trained at first use
(well under a second on one CPU core, plus the scikit-learn import) and cached in memory.  It learns only from
sentences written in this project: the templates in data/training/templates.txt,
whose slots ({A}, {B}, {P}, {D}, {N}) are filled from data/training/slots.txt
with a fixed random seed, so training is deterministic.  Besides the 16 PLOVER
types it knows NONE (no event), which lets it abstain.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline, make_pipeline

from detente.errors import DetenteError
from detente.records import EVENT_TYPES

TRAINING_DIR = Path(__file__).resolve().parents[1] / "data" / "training"
LABELS = (*EVENT_TYPES, "NONE")
#: below this probability the classifier abstains
MIN_PROBABILITY = 0.35
FILLS_PER_TEMPLATE = 12
_SLOT = re.compile(r"\{([A-Z])\}")


def _tsv(path: Path) -> list[tuple[str, str]]:
    """Non-comment lines of a two-column tab-separated file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DetenteError("E402", f"{path}: {exc}") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise DetenteError("E402", f"{path.name}:{n}: expected LABEL<TAB>text")
        rows.append((parts[0].strip(), parts[1].strip()))
    return rows


def load_templates(directory: Path = TRAINING_DIR) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """(label, template) pairs and slot fillers; E402 on an unknown label or slot."""
    templates = _tsv(directory / "templates.txt")
    slots: dict[str, list[str]] = {}
    for slot, value in _tsv(directory / "slots.txt"):
        slots.setdefault(slot, []).append(value)
    for label, template in templates:
        if label not in LABELS:
            raise DetenteError("E402", f"templates.txt: unknown label {label!r}")
        for slot in _SLOT.findall(template):
            if slot not in slots:
                raise DetenteError("E402", f"templates.txt: no fillers for slot {{{slot}}}")
    return templates, slots


def training_examples(directory: Path = TRAINING_DIR, fills: int = FILLS_PER_TEMPLATE,
                      seed: int = 13) -> list[tuple[str, str]]:
    """(text, label) examples: each template filled `fills` times (deterministic)."""
    templates, slots = load_templates(directory)
    rng = random.Random(seed)
    out = []
    for label, template in templates:
        for _ in range(fills):
            text = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
            out.append((text[0].upper() + text[1:], label))
    return out


def train(examples: list[tuple[str, str]]) -> Pipeline:
    """Fit TF-IDF (word 1-2 grams) + logistic regression (by SGD: well under a second)."""
    texts = [t for t, _ in examples]
    labels = [lab for _, lab in examples]
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True),
        SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, tol=1e-4, random_state=0),
    )
    model.fit(texts, labels)
    return model


@lru_cache(maxsize=1)
def get_model() -> Pipeline:
    """The trained model, built once per process."""
    return train(training_examples())


def classify_sentence(text: str, min_probability: float = MIN_PROBABILITY) -> tuple[str, float] | None:
    """(PLOVER type, probability) for one sentence, or None when it sees no event."""
    model = get_model()
    probs = model.predict_proba([text])[0]
    best = int(probs.argmax())
    label = str(model.classes_[best])
    prob = float(probs[best])
    if label == "NONE" or prob < min_probability:
        return None
    return label, prob
