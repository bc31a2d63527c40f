"""A condition of an acceptance is the accepting side's demand (sentences written for detente; the full
model runs)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Horn Wire", "2031-05-29T09:00:00+00:00",
     "The RSF said it would respect the truce. The army accepted the truce extension on condition that the "
     "RSF withdraw from hospitals and homes."),
]


def test_a_topic_named_only_in_the_condition_is_a_demand(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "conditions", ARTICLES)
    stances = {(p.party, p.topic): p.stance for p in ledger.positions}
    assert stances.get(("SDN", "troop_withdrawal")) == "demand", stances
    assert stances.get(("SDN", "ceasefire")) == "acceptance", stances


CLAIMED = [
    ("Andes Wire", "2031-03-10T09:00:00+00:00",
     "Colombia's president said on Friday that the ELN had agreed to a bilateral ceasefire."),
]


def test_one_sides_claim_that_the_other_agreed_is_not_the_others_acceptance(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "claimed", CLAIMED)
    assert not [p for p in ledger.positions if p.party == "ELN" and p.stance == "acceptance"], \
        [(p.party, p.topic, p.stance) for p in ledger.positions]
