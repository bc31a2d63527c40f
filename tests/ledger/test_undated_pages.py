"""An undated page's charge is linked to the agreement the same page reports, with no date of its
own (the file's day is no day of the charge); sentences written for detente, the full model runs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Ubangi Wire", "2021-10-15T18:00:00+00:00",
     "The president of the Central African Republic declared a unilateral ceasefire with the rebels on Friday."),
    # no publication date: the page's own words are all there is
    ("Sango Review", None,
     "The president of the Central African Republic declared a unilateral ceasefire with the rebels in October. "
     "The 3R rebel group has since accused the army of violating the ceasefire."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "undated", ARTICLES)


def test_the_charge_on_an_undated_page_links_to_the_truce_that_page_reports(ledger):
    truce = [a for a in ledger.agreements if a.kind == "unilateral_truce" and "CAF" in a.parties]
    assert len(truce) == 1
    charges = [v for v in ledger.allegations if v.agreement_id == truce[0].id]
    assert charges and all(v.accused == ["CAF"] and v.date is None for v in charges)


BORDER_WAR = [
    ("Caucasus Wire", "2030-08-12T18:00:00+00:00",
     "Eritrea and Djibouti agreed to a ceasefire on Tuesday after five days of war."),
    # undated, and it reports no agreement of its own: the one ceasefire the two sides have
    ("Hill Courier", None, "Djibouti accused Eritrea this evening of violating the ceasefire by sending tanks "
                          "beyond the zone of fighting."),
]
TWO_TRUCES = BORDER_WAR[:1] + [
    ("Caucasus Wire", "2031-03-02T18:00:00+00:00", "Eritrea and Djibouti agreed to a new ceasefire on Monday."),
    BORDER_WAR[1],
]


def test_an_undated_charge_links_to_the_one_agreement_of_the_sides(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "one_truce", BORDER_WAR)
    [truce] = [a for a in ledger.agreements if a.kind == "full_ceasefire"]
    [charge] = [v for v in ledger.allegations if v.agreement_id == truce.id]
    assert (charge.accuser, charge.accused, charge.date) == (["DJI"], ["ERI"], None)


def test_with_two_agreements_an_undated_charge_links_to_neither(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "two_truces", TWO_TRUCES)
    assert len([a for a in ledger.agreements if a.kind == "full_ceasefire"]) == 2
    assert not ledger.allegations


def test_an_undated_report_of_a_deal_the_sides_made_twice_joins_neither(tmp_path_factory, ingest_ledger):
    articles = TWO_TRUCES[:2] + [
        # undated, about one of the two truces, nothing tells which: no third record, no wrong merge
        ("Hill Courier", None, "The regional envoy said Eritrea and Djibouti had agreed to an immediate ceasefire."),
    ]
    ledger = ingest_ledger(tmp_path_factory, "undated_twice", articles)
    truces = sorted((a for a in ledger.agreements if a.kind == "full_ceasefire"), key=lambda a: a.history[0].date)
    assert len(truces) == 2
    assert all(h.date for a in truces for h in a.history)


SUSPENDED_ACCORD = [
    ("Mekong Wire", "2031-10-26T12:00:00+00:00",
     "Laos and Vietnam signed a peace declaration in Hanoi on Sunday to end their border dispute."),
    ("Mekong Wire", "2031-11-10T12:00:00+00:00",
     "Vietnam suspended the peace declaration with Laos on Monday after two of its soldiers were wounded by a mine."),
    ("Delta Post", "2031-12-27T12:00:00+00:00",
     "Laos and Vietnam signed a new joint statement on the border on Saturday, the foreign ministry said."),
]


def test_a_deal_signed_after_the_last_one_was_suspended_is_another_record(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "suspended_accord", SUSPENDED_ACCORD)
    deals = sorted((a for a in ledger.agreements if {"LAO", "VNM"} <= set(a.parties)),
                   key=lambda a: a.history[0].date)
    assert [a.status for a in deals] == ["suspended", "accepted"]


CHARGED_TRUCE = [
    ("Andes Wire", "2031-05-03T12:00:00+00:00", "Peru and Ecuador agreed to a ceasefire on Saturday."),
    ("Andes Wire", "2031-05-09T12:00:00+00:00",
     "Ecuador accused Peru on Friday of violating the ceasefire by shelling a border post."),
]


def test_a_truce_charged_with_a_breach_is_in_force(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "charged_truce", CHARGED_TRUCE)
    [truce] = [a for a in ledger.agreements if a.kind == "full_ceasefire"]
    assert truce.status == "in_force"
    step = next(h for h in truce.history if h.status == "in_force")
    assert step.inferred and step.date == "2031-05-09"


def test_an_accord_signed_months_before_is_not_the_document_of_a_new_truce(tmp_path_factory, ingest_ledger):
    articles = SUSPENDED_ACCORD[:2] + [
        ("Delta Post", "2031-12-27T12:00:00+00:00",
         "Laos and Vietnam agreed to an immediate ceasefire on Saturday. As a result of the border committee "
         "meeting, both the Laotian and Vietnamese sides have agreed to sign a joint statement."),
    ]
    ledger = ingest_ledger(tmp_path_factory, "accord_then_truce", articles)
    [truce] = [a for a in ledger.agreements if a.kind == "full_ceasefire"]
    assert {h.status for h in truce.history} == {"accepted"} and truce.status == "accepted"
