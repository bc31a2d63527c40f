"""One claim told twice is one allegation: it keeps its first report's id, and a mediator who
repeats a side's charge is not added as a co-accuser (typed records, no model)."""

from __future__ import annotations

from detente.ledger.compliance import _merge_same_claims
from detente.ledger.records import Allegation, EvidenceRef

SENTENCE = "Tehran said Israeli jets struck a radar site after the truce began, a charge Washington repeated."


def _claim(id_: str, event_id: str, accuser: list[str], date: str) -> Allegation:
    return Allegation(id=id_, agreement_id="a-1", accused=["ISR"], accuser=accuser, date=date, kind="accusation",
                      evidence=[EvidenceRef(event_id=event_id, article_id="art-1", sentence=SENTENCE)])


def test_a_claim_told_twice_keeps_its_first_id_and_its_party_accuser():
    merged = _merge_same_claims([_claim("v-first", "e1", ["IRN"], "2031-06-24"),
                                 _claim("v-second", "e2", ["USA"], "2031-06-24")], {"a-1": {"IRN", "ISR"}})
    assert [(v.id, v.accuser, len(v.evidence)) for v in merged] == [("v-first", ["IRN"], 2)]


def test_a_mediator_alone_stays_the_accuser():
    merged = _merge_same_claims([_claim("v-first", "e1", ["USA"], "2031-06-24"),
                                 _claim("v-second", "e2", ["QAT"], "2031-06-24")], {"a-1": {"IRN", "ISR"}})
    assert [v.accuser for v in merged] == [["QAT", "USA"]]


def _told(id_: str, article: str, place: str | None, accuser: list[str] = ["ISR"]) -> Allegation:
    return Allegation(id=id_, agreement_id="a-1", accused=["IRN"], accuser=accuser, date="2031-06-24", place=place,
                      kind="accusation", evidence=[EvidenceRef(event_id=f"e-{id_}", article_id=article,
                                                               sentence=f"A report of the charge in {article}.")])


def test_one_charge_told_by_two_outlets_is_one_allegation():
    merged = _merge_same_claims([_told("v-1", "paper-a", "Tehran"), _told("v-2", "paper-b", "Tehran"),
                                 _told("v-3", "paper-c", None)], {"a-1": {"IRN", "ISR"}})
    assert [(v.id, len(v.evidence)) for v in merged] == [("v-1", 3)]


def test_charges_at_two_places_or_by_two_accusers_stay_apart():
    merged = _merge_same_claims([_told("v-1", "paper-a", "Tehran"), _told("v-2", "paper-b", "Tabriz"),
                                 _told("v-3", "paper-c", "Tehran", ["USA"])], {"a-1": {"IRN", "ISR"}})
    assert len(merged) == 3
