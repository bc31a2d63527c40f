"""Only a step taken is a step: plans, hopes, schedules and denials of an accusation leave an
agreement's status alone, and a scheduled start or end is kept as a term (sentences written for
detente; the full model runs)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Horn Wire", "2023-05-20T09:00:00+00:00",
     "Sudan's army and the Rapid Support Forces signed a seven-day ceasefire in Jeddah on Saturday. "
     "The truce is to take effect on Monday evening."),
    ("Nile Post", "2023-05-24T12:00:00+00:00",
     "The Rapid Support Forces on Wednesday rejected the army's charge that its fighters had broken the truce. "
     "An army spokesman denied that his units had attacked anyone since the truce took effect."),
    ("Red Sea Daily", "2023-05-27T10:00:00+00:00",
     "The army said on Saturday that it was willing to talk about prolonging the ceasefire. "
     "Diplomats said Riyadh and Washington hoped to persuade the army and the RSF to extend the truce. "
     "The truce is due to expire at 21:45 on Monday."),
]


@pytest.fixture(scope="module")
def truce(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "steps", ARTICLES)
    found = [a for a in ledger.agreements if {"SDN", "RSF"} <= set(a.parties)]
    assert len(found) == 1, [(a.kind, a.parties, a.status) for a in ledger.agreements]
    return found[0]


def test_a_denied_accusation_rejects_nothing(truce):
    assert "rejected" not in [h.status for h in truce.history]


def test_a_hope_or_a_readiness_to_talk_extends_nothing(truce):
    assert "extended" not in [h.status for h in truce.history]


def test_a_scheduled_start_is_the_start_and_a_scheduled_end_no_expiry(truce):
    assert truce.terms.start == "2023-05-22"
    assert [h.status for h in truce.history if not h.inferred] == ["accepted", "in_force"]


HOLIDAY = [
    ("Kabul Desk", "2031-07-22T09:00:00+00:00",
     "The Taliban on Tuesday declared a three-day ceasefire for the Eid holiday starting Friday, their spokesman said."),
    ("Kabul Desk", "2031-08-02T09:00:00+00:00",
     "Fighting resumed in Helmand on Saturday, officials said."),
]


def test_a_declared_truce_starts_on_its_stated_day_and_lapses_by_its_own_length(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "holiday", HOLIDAY)
    (truce,) = [a for a in ledger.agreements if a.kind == "unilateral_truce"]
    assert truce.terms.start == "2031-07-25" and truce.terms.end == "2031-07-27"
    assert [(h.status, h.date, h.inferred) for h in truce.history] == [
        ("declared", "2031-07-22", False), ("in_force", "2031-07-25", False), ("expired", "2031-07-28", True)]


def test_a_denied_accusation_is_no_rejection_position(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "denial_position", ARTICLES)
    assert not [p for p in ledger.positions if p.party == "RSF" and p.stance == "rejection"
                and p.topic.startswith("ceasefire")], [(p.party, p.stance, p.topic) for p in ledger.positions]


LIFTED = [
    ("Manila Desk", "2031-07-25T09:00:00+00:00",
     "President Rodrigo Duterte on Monday declared a unilateral ceasefire with the New People's Army."),
    ("Manila Desk", "2031-07-30T09:00:00+00:00",
     "President Rodrigo Duterte on Saturday lifted the unilateral ceasefire with the New People's Army."),
]


def test_a_truce_lifted_by_its_author_is_suspended_not_accepted(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "lifted", LIFTED)
    truces = [a for a in ledger.agreements if a.kind == "unilateral_truce" and "PHL" in a.parties]
    assert len(truces) == 1, [(a.kind, a.parties, a.status) for a in ledger.agreements]
    assert truces[0].status == "suspended" and truces[0].history[-1].by == ["PHL"]
    assert not [p for p in ledger.positions if p.party == "PHL" and p.stance == "acceptance"
                and p.last_seen == "2031-07-29"]


WITHDRAWAL = [
    ("Colombo Wire", "2031-02-23T09:00:00+00:00",
     "Sri Lanka's government and the Tamil Tigers signed a ceasefire agreement on Friday, brokered by Norway."),
    ("Colombo Wire", "2032-01-03T09:00:00+00:00",
     "Sri Lanka's government formally withdrew from the 2031 ceasefire agreement with the Tamil Tigers on Friday. "
     "The rebels said the government had unilaterally withdrawn from the CFA."),
]


def test_a_party_withdrawing_from_a_ceasefire_suspends_it(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "withdrawal", WITHDRAWAL)
    truces = [a for a in ledger.agreements if a.kind.endswith("ceasefire")]
    assert [(a.status, sorted(a.parties)) for a in truces] == [("suspended", ["LKA", "LTTE"])], \
        [(a.label, [(h.status, h.date) for h in a.history]) for a in truces]
    assert not [a for a in ledger.agreements if a.kind == "withdrawal"]  # leaving a deal is no troop pull-back


ENDINGS = [
    ("Aden Wire", "2022-04-01T09:00:00+00:00",
     "Yemen's government and the Houthis accepted a two-month truce on Friday."),
    ("Aden Wire", "2022-05-30T09:00:00+00:00",
     "Yemen's government and the Houthis agreed on Monday to extend their truce by two months. "
     "The truce expires on 31 July, the envoy's office said."),
    ("Aden Wire", "2022-08-01T09:00:00+00:00",
     "Houthi fighters shelled government positions on Monday after the four-month truce expired at midnight."),
]


@pytest.fixture(scope="module")
def ended(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "endings", ENDINGS)
    found = [a for a in ledger.agreements if {"YEM", "HOU"} <= set(a.parties)]
    assert len(found) == 1, [(a.kind, a.parties, a.status, a.history) for a in ledger.agreements]
    return found[0]


def test_a_schedule_after_the_agreements_noun_is_no_end(ended):
    """"The truce expires on 31 July" in May: its term, not a step."""
    assert [h.date for h in ended.history if h.status == "expired" and not h.inferred] == ["2022-08-01"]


def test_an_end_in_a_clause_that_times_another_event_is_a_step_of_the_renewed_truce(ended):
    """"after the four-month truce expired": the two-month truce, extended, has ended."""
    assert ended.status == "expired"
