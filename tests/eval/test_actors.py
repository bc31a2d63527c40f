"""Relaxed actor matching."""

from __future__ import annotations

import pytest

from detente.eval import relaxed_match


@pytest.mark.parametrize("gold,spans,expected", [
    ("Finnish Defence Minister Aino Virtanen", ["Virtanen"], True),          # name inside
    ("Virtanen", ["Finnish Defence Minister Aino Virtanen"], True),          # the reverse
    ("the coastal guard regiment", ["regiment"], True),                      # head noun
    ("Finnish Defence Minister Aino Virtanen", ["Minister"], False),         # a title is no name
    ("Chilean senators", ["chilean senators"], True),                        # case-insensitive
    ("Chilean senators", ["Peruvian court"], False),
    ("Norwegian; Danish", ["the Danish navy"], True),                        # several gold actors
    ("Kenyan police", [], False),                                            # nothing predicted
])
def test_relaxed_match(gold, spans, expected):
    assert relaxed_match(gold, spans) is expected


def test_empty_gold_is_skipped():
    assert relaxed_match("", ["anything"]) is None
    assert relaxed_match(None, ["anything"]) is None
