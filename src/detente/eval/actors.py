"""Relaxed actor matching between annotators' strings and predicted spans.

A gold actor string ("Iranian Foreign Minister Mohammad Javad Zarif") matches
a predicted span ("Zarif") when either text contains the other (and the span
has a word that is not generic), or when the
gold string's head (last content word) or one of its names (capitalised
words) is a word of the span.  Generic words (titles, function words; listed
in crosswalk.yaml under actor_match) never count as a head or a name.
Several gold actors may be separated by ";".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detente.knowledge.crosswalk import load_crosswalk

_WORD = re.compile(r"[\w][\w.'’\-]*")


def _words(text: str) -> list[str]:
    return [w.strip(".'’-").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text)]


def gold_keys(gold: str) -> set[str]:
    """Lower-cased head and names of one gold actor string."""
    ignore = load_crosswalk().actor_ignore
    words = [w for w in _words(gold) if w and w.lower() not in ignore]
    keys = {w.lower() for w in words if w[:1].isupper()}
    if words:
        keys.add(words[-1].lower())
    return keys


def relaxed_match(gold: str | None, predicted: Sequence[str]) -> bool | None:
    """True/False for a gold actor string against predicted span texts; None when gold is empty."""
    if not gold or not gold.strip():
        return None
    ignore = load_crosswalk().actor_ignore
    parts = [p.strip() for p in gold.split(";") if p.strip()]
    # a span of generic words only ("the Minister") can match nothing
    spans = [s.strip() for s in predicted if any(w.lower() not in ignore for w in _words(s or ""))]
    for part in parts:
        low = part.lower()
        keys = gold_keys(part)
        for span in spans:
            span_low = span.lower()
            if len(span_low) >= 3 and (span_low in low or low in span_low):
                return True
            if keys.intersection(w.lower() for w in _words(span)):
                return True
    return False
