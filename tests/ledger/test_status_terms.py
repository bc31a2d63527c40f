"""Statuses read off what reports say about time: a truce accepted "effective at once" is in
force from that day; a fixed-term truce with nothing reported after its end has expired (an
inferred step, marked so); "agreed to extend the truce" extends the same truce."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Horn Wire", "2023-05-20T09:00:00+00:00",
     "Sudan's army and the Rapid Support Forces signed a seven-day ceasefire in Jeddah on Saturday. "
     "The truce is to take effect on Monday evening."),
    ("Nile Post", "2023-05-29T18:00:00+00:00",
     "Sudan's army and the Rapid Support Forces agreed on Monday to extend the truce by five days."),
    ("Border Times", "2025-05-10T20:00:00+00:00",
     "India and Pakistan accepted a complete ceasefire on Saturday, effective at once, officials said."),
    ("Later Wire", "2025-06-20T08:00:00+00:00",
     "Farmers returned to fields near the border on Friday."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "terms", ARTICLES)


def _with(ledger, *parties):
    found = [a for a in ledger.agreements if set(parties) <= set(a.parties)]
    assert len(found) == 1, [(a.kind, a.parties, a.status) for a in ledger.agreements]
    return found[0]


def test_an_extension_is_the_same_truce(ledger):
    truce = _with(ledger, "SDN", "RSF")
    assert "extended" in [h.status for h in truce.history]


def test_accepted_effective_at_once_is_in_force_that_day(ledger):
    truce = _with(ledger, "IND", "PAK")
    assert truce.status == "in_force" and truce.terms.start == "2025-05-10"
    assert not any(h.inferred for h in truce.history)  # open-ended: never expires by itself


def test_a_fixed_term_truce_past_its_end_expired_inferred(ledger):
    truce = _with(ledger, "SDN", "RSF")
    last = truce.history[-1]
    assert truce.status == "expired" and last.inferred and not last.evidence
