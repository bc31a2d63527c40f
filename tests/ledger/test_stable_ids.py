"""A record keeps its id when more articles arrive (issue 8): saved links and API clients
keep working even when the new article is an earlier report of the same agreement."""

from __future__ import annotations

import pytest

from detente import api
from detente.ledger import build_ledger, carry_ids
from detente.ledger.records import Ledger
from detente.settings import load_settings

pytestmark = pytest.mark.model

FIRST = [
    ("Nile Post", "2023-05-21T09:00:00+00:00",
     "Sudan's army and the Rapid Support Forces signed a seven-day ceasefire in Jeddah on Saturday."),
    ("Horn Wire", "2023-05-25T09:00:00+00:00",
     "The army accused the Rapid Support Forces on Wednesday of violating the ceasefire by shelling "
     "Omdurman. The RSF denied the charge."),
]
LATER = [
    ("Gulf Daily", "2023-05-20T18:00:00+00:00",  # an earlier report, ingested later
     "Sudan's army and the Rapid Support Forces agreed on Saturday to a seven-day ceasefire, mediators said."),
    ("Red Sea Times", "2023-05-26T09:00:00+00:00",
     "The army again accused the RSF of violating the ceasefire by shelling Omdurman on Wednesday."),
]


def test_ids_survive_new_articles(tmp_path, article_writer):
    settings = load_settings(db=str(tmp_path / "ids.db"), env={})
    first = tmp_path / "first"
    first.mkdir()
    article_writer(first, FIRST)
    api.ingest_paths([first], settings)
    before = api.ledger(settings)
    truce = [a for a in before.agreements if {"SDN", "RSF"} <= set(a.parties)]
    assert truce, before.agreements
    later = tmp_path / "later"
    later.mkdir()
    article_writer(later, LATER, start=10)
    api.ingest_paths([later], settings)
    after = api.ledger(settings)
    assert truce[0].id in {a.id for a in after.agreements}
    kept = next(a for a in after.agreements if a.id == truce[0].id)
    assert len(kept.mentions) > len(truce[0].mentions)  # the same record, with more evidence
    for v in after.allegations:  # allegations point at the carried id
        assert v.agreement_id in {a.id for a in after.agreements}
    old_allegations = {v.id for v in before.allegations}
    assert old_allegations <= {v.id for v in after.allegations}
    # a rebuild from scratch keeps them too
    rebuilt = api.rebuild_ledger(settings)
    assert {a.id for a in rebuilt.agreements} == {a.id for a in after.agreements}


def test_carry_ids_without_a_predecessor_keeps_content_ids():
    empty = Ledger()
    built = build_ledger([], {})
    assert carry_ids(built, empty) == built
