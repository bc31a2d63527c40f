"""Denials and mediators: a denial is the accused denying the charge (denying that a deal exists denies no
breach of it), and the mediator agreeing in a report of its mediation holds no position (sentences written
for detente; the full model runs)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

EXISTENCE = [
    ("Gulf Desk", "2031-06-23T20:00:00+00:00", "Israel and Iran agreed to a complete ceasefire on Monday."),
    ("Gulf Desk", "2031-06-24T20:00:00+00:00",
     "Israel accused Iran on Tuesday of violating the ceasefire with a missile launch at Beersheba. "
     "Iran's foreign minister denied the US claim that a ceasefire agreement had been reached."),
]
DENIED = EXISTENCE + [
    ("Harbour Times", "2031-06-25T08:00:00+00:00",
     "Iran denied violating the ceasefire on Wednesday and said it had launched no missiles at Beersheba."),
]


def _charge(ledger):
    return [v for v in ledger.allegations if v.accuser == ["ISR"] and v.accused == ["IRN"]]


def test_denying_that_a_deal_exists_denies_no_breach(tmp_path_factory, ingest_ledger):
    charges = _charge(ingest_ledger(tmp_path_factory, "existence", EXISTENCE))
    assert charges and not any(v.denials for v in charges)


def test_the_accused_denying_the_breach_is_a_denial(tmp_path_factory, ingest_ledger):
    charges = _charge(ingest_ledger(tmp_path_factory, "denied", DENIED))
    assert charges and all(len(v.denials) == 1 and v.denials[0].by == ["IRN"] for v in charges)


MEDIATED = [
    ("Gulf Desk", "2031-06-23T20:00:00+00:00",
     "Israel and Hamas agreed to a four-day truce on Monday in talks mediated by Qatar. "
     "Qatar also agreed to the truce and said it would host the next round."),
]


def test_the_mediator_holds_no_acceptance_position(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "mediated", MEDIATED)
    assert not [p for p in ledger.positions if p.party == "QAT" and p.stance in ("acceptance", "offer")]
    assert [p for p in ledger.positions if p.party == "HMS" and p.stance == "acceptance"]
