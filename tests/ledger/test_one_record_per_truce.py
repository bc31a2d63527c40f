"""One truce told many ways is one record: the length of the war it ends is no term of it, the
country that persuaded a side to accept is no party, and the group that fought the government
before it took power is not that government (sentences written for detente; the full model runs)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Gulf Desk", "2031-03-10T22:00:00+00:00",
     "The US president said on Monday that Thailand and Cambodia had agreed to a complete ceasefire to end their "
     "12-day war. Officials in both capitals confirmed the truce."),
    ("Harbour Times", "2031-03-11T08:00:00+00:00",
     "Malaysia's prime minister persuaded Cambodia to agree to the ceasefire with Thailand late on Monday. "
     "The ceasefire, starting Tuesday, could end nearly two weeks of escalating cross-border violence."),
    ("Evening Post", "2031-03-11T18:00:00+00:00",
     "Thailand said on Tuesday that it had agreed to the ceasefire, which took effect at dawn."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "one_truce", ARTICLES)


def test_the_war_s_length_is_no_term_and_the_truce_is_one_record(ledger):
    truces = [a for a in ledger.agreements if a.kind.endswith("ceasefire") or a.kind.endswith("truce")]
    assert len(truces) == 1, [(a.label, a.parties, [h.status for h in a.history]) for a in truces]
    assert truces[0].terms.duration_days is None


def test_who_persuades_a_side_is_no_party(ledger):
    (truce,) = [a for a in ledger.agreements if a.kind.endswith("ceasefire")]
    assert "MYS" not in truce.parties


TWO_SIGNINGS = [
    ("Nile Post", "2031-06-28T09:00:00+00:00",
     "South Sudan's government and the SPLM-IO signed a framework agreement in Khartoum on Wednesday."),
    ("Nile Post", "2031-08-01T09:00:00+00:00",
     "South Sudan's government and the SPLM-IO signed a revitalised peace agreement in Addis Ababa on Wednesday."),
]


def test_a_second_signing_weeks_later_is_another_agreement(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "two_signings", TWO_SIGNINGS)
    frameworks = [a for a in ledger.agreements if a.kind == "framework"]
    assert len(frameworks) == 2, [(a.label, [(h.status, h.date) for h in a.history]) for a in frameworks]


RENEWALS = [
    ("Aden Wire", "2032-04-02T20:00:00+00:00",
     "Yemen's government and the Houthis accepted a two-month nationwide truce on Friday, the UN envoy said."),
    ("Aden Wire", "2032-06-02T20:00:00+00:00",
     "Yemen's warring parties agreed on Wednesday to extend their nationwide truce by two months, the UN envoy "
     "said."),
    ("Aden Wire", "2032-08-01T20:00:00+00:00",
     "The envoy said the parties had also pledged to step up talks on an expanded truce."),
]


def test_a_renewal_at_the_end_of_its_term_is_the_same_truce_and_an_expanded_truce_another(
        tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "renewals", RENEWALS)
    truces = [a for a in ledger.agreements if a.kind.endswith("ceasefire")]
    steps = [[(h.status, h.date) for h in a.history] for a in truces]
    (renewed,) = [a for a in truces if any(h.status == "extended" for h in a.history)]
    assert sorted(renewed.parties) == ["HOU", "YEM"], steps
    assert renewed.history[0].status == "accepted" and renewed.history[0].date == "2032-04-02", steps
    assert not any("expanded" in m.sentence for m in renewed.mentions), steps


RETOLD = [
    ("Wire", "2031-05-09T10:00:00+00:00",
     "Colombia's government and the ELN agreed on Friday to a six-month ceasefire starting on 7 August."),
    ("Wire", "2031-08-08T10:00:00+00:00",
     "A six-month ceasefire between Colombia's government and the ELN began on Thursday."),
    # a blog republishes the story a week later: its "Thursday" is a week late
    ("Blog", "2031-08-16T10:00:00+00:00",
     "A six-month ceasefire between Colombia's government and the ELN guerrillas began on Thursday, "
     "after months of talks."),
    ("Wire", "2032-01-27T10:00:00+00:00",
     "Colombia's government and the ELN announced on Tuesday that they had reached an agreement to extend "
     "the ceasefire."),
]


def test_a_truce_retold_late_and_then_extended_is_one_record(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "retold_truce", RETOLD)
    truces = [a for a in ledger.agreements if a.kind == "full_ceasefire"]
    assert len(truces) == 1, [(a.label, [(h.status, h.date) for h in a.history]) for a in truces]
    assert "extended" in [h.status for h in truces[0].history]
