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
