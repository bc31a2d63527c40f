"""Who mediates an agreement is decided per agreement, from what the reports say:
"the Russian-brokered truce", "talks mediated by Qatar" (even a sentence or two away),
"the mediators said"; a usual mediator that accepts a truce as a side is a party."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Caucasus Wire", "2020-10-10T09:00:00+00:00",
     "Armenia and Azerbaijan agreed on Saturday to a humanitarian ceasefire after talks in Moscow. "
     "The Russian-brokered truce is meant to allow the exchange of bodies and prisoners."),
    ("Kivu Daily", "2025-07-19T18:00:00+00:00",
     "Congo's government and the M23 signed a declaration of principles on Saturday after talks mediated by "
     "Qatar. The two sides agreed to a permanent ceasefire."),
    ("Shan Herald", "2024-01-12T08:00:00+00:00",
     "In talks facilitated by a Chinese envoy, the Three Brotherhood Alliance agreed on Thursday to a ceasefire "
     "with Myanmar's military."),
    ("Gulf Post", "2022-04-01T10:00:00+00:00",
     "Saudi Arabia and the Houthis accepted a two-month truce on Friday, the UN envoy said. "
     "The United Nations brokered the truce after weeks of shuttle diplomacy."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "mediated", ARTICLES)


def _with(ledger, *parties):
    found = [a for a in ledger.agreements if set(parties) <= set(a.parties)]
    assert found, [(a.kind, a.parties, a.mediators) for a in ledger.agreements]
    return found


def test_a_state_named_as_broker_is_a_mediator_not_a_party(ledger):
    for a in _with(ledger, "ARM", "AZE"):
        assert "RUS" not in a.parties
    assert any("RUS" in a.mediators for a in _with(ledger, "ARM", "AZE"))


def test_a_mediator_named_in_the_sentence_before(ledger):
    ceasefire = [a for a in _with(ledger, "COD", "M23") if a.kind.endswith("ceasefire")]
    assert ceasefire and all("QAT" in a.mediators and "QAT" not in a.parties for a in ceasefire)


def test_a_usual_mediator_that_accepts_is_a_side(ledger):
    truce = _with(ledger, "HOU", "SAU")
    assert all("UN" not in a.parties for a in truce)


def test_the_list_after_a_cue_stops_at_the_next_clause(ledger):
    """"facilitated by a Chinese envoy, the alliance agreed ...": the alliance is a side."""
    truce = _with(ledger, "TBHA")
    assert all("CHN" in a.mediators and "CHN" not in a.parties and "TBHA" not in a.mediators for a in truce)


CREDITED = [
    ("Red Sea Wire", "2023-05-12T09:00:00+00:00",
     "Delegates of Sudan's army and the Rapid Support Forces signed a ceasefire in Jeddah on Thursday, "
     "Saudi Arabia and the United States announced on Friday."),
    ("Nile Courier", "2023-05-13T09:00:00+00:00",
     "Both forces met Saudi and American mediators again on Saturday. The army and the RSF agreed to a "
     "prisoner exchange, the first since April."),
    ("Levant Desk", "2024-03-02T09:00:00+00:00",
     "Israel and Hamas agreed on Saturday to a two-day humanitarian pause. "
     "Israel's prime minister thanked Qatar and Hamas for their efforts."),
]


@pytest.fixture(scope="module")
def credited(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "credited", CREDITED)


def test_a_usual_mediator_announcing_a_deal_between_two_others_mediates_it(credited):
    """", Saudi Arabia and the United States announced": the announcers are the deal's mediators."""
    deal = [a for a in _with(credited, "SDN", "RSF") if a.kind.endswith("ceasefire")]
    assert deal and all({"SAU", "USA"} <= set(a.mediators) and not {"SAU", "USA"} & set(a.parties) for a in deal)


def test_nationality_words_before_mediators_name_them(credited):
    swap = [a for a in _with(credited, "SDN", "RSF") if a.kind == "prisoner_exchange"]
    assert swap and all({"SAU", "USA"} <= set(a.mediators) for a in swap)


def test_those_thanked_for_their_help_mediate_unless_they_are_a_side(credited):
    """Thanks credit a third party; a side thanked (Hamas by Israel) stays a side."""
    pause = _with(credited, "ISR", "HMS")
    assert all("QAT" in a.mediators and "HMS" in a.parties and "HMS" not in a.mediators for a in pause)
