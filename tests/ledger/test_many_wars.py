"""Issue 7's acceptance sentences, written for detente: a Gaza truce and an
India–Pakistan understanding, each accused of being broken and the charge denied.

The ledger must hold both agreements (mediators apart from parties, no "4-day"
ceasefire read off "after four days of fighting") and both allegations, each
with the accused side's denial.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Test Wire A", "2023-11-22T09:00:00+00:00",
     "Israel and Hamas agreed on Wednesday to a four-day humanitarian pause in Gaza, mediated by Qatar, Egypt "
     "and the United States.\n\nUnder the deal, Hamas will free 50 hostages and Israel will release 150 "
     "Palestinian prisoners."),
    ("Test Wire B", "2023-11-25T18:00:00+00:00",
     "Hamas accused Israel on Saturday of violating the truce by opening fire on farmers near Khan Younis, "
     "a charge the Israeli military denied."),
    ("Test Wire C", "2025-05-10T20:00:00+00:00",
     "India and Pakistan agreed to a full ceasefire on Saturday after four days of fighting, officials in both "
     "capitals said."),
    ("Test Wire D", "2025-05-11T08:00:00+00:00",
     "India accused Pakistan on Sunday of violating the understanding within hours of its announcement. "
     "Pakistan denied the charge and said it remained committed to the ceasefire."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "wars", ARTICLES)


def _one(records, pred):
    found = [r for r in records if pred(r)]
    assert len(found) == 1, records
    return found[0]


def test_gaza_pause_with_mediators_apart(ledger):
    # one truce record (the release of hostages and prisoners under it is a record of its own)
    pause = _one(ledger.agreements, lambda a: {"ISR", "HMS"} <= set(a.parties) and a.kind != "release")
    assert pause.kind == "humanitarian_pause" and pause.terms.duration_days == 4
    assert {"QAT", "EGY", "USA"} <= set(pause.mediators) and not {"QAT", "EGY", "USA"} & set(pause.parties)


def test_india_pakistan_ceasefire_is_not_a_four_day_one(ledger):
    truce = _one(ledger.agreements, lambda a: {"IND", "PAK"} <= set(a.parties))
    assert truce.kind == "full_ceasefire" and truce.terms.duration_days is None
    assert not any("4-day" in a.label and "full" in a.label for a in ledger.agreements)


@pytest.mark.parametrize("accuser, accused", [("HMS", "ISR"), ("IND", "PAK")])
def test_allegation_with_its_denial(ledger, accuser, accused):
    v = _one(ledger.allegations, lambda v: v.accuser == [accuser] and v.accused == [accused])
    agreement = next(a for a in ledger.agreements if a.id == v.agreement_id)
    assert {accuser, accused} <= set(agreement.parties)
    assert [d.by for d in v.denials] == [[accused]]
