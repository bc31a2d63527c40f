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
