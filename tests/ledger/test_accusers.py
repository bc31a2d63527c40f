"""The accuser of an alleged violation is a side of the agreement (issue 8): a mediator that
relays the charge, or a bystander a sentence names, is not one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Gulf Wire", "2023-11-22T09:00:00+00:00",
     "Israel and Hamas agreed on Wednesday to a four-day humanitarian pause in Gaza, mediated by Qatar."),
    ("Doha Daily", "2023-11-25T18:00:00+00:00",
     "Hamas accused Israel on Saturday of violating the truce by firing on farmers near Khan Younis, "
     "Qatar's foreign ministry said."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "accusers", ARTICLES)


def test_the_side_accuses_not_the_mediator_who_relays_it(ledger):
    found = [v for v in ledger.allegations if v.accused == ["ISR"]]
    assert found, ledger.allegations
    assert all(v.accuser == ["HMS"] for v in found)


DENIAL_ONLY = [
    ("Aden Wire", "2032-04-03T09:00:00+00:00",
     "Yemen's government and the Houthis accepted a two-month truce on Friday, the UN envoy said."),
    ("Aden Wire", "2032-04-19T09:00:00+00:00",
     "Yemen's government on Monday denied Houthi accusations that it was blocking fuel ships in breach "
     "of the truce."),
]


def test_denying_an_accusation_is_no_accusation(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "denial_only", DENIAL_ONLY)
    assert not [v for v in ledger.allegations if v.accuser == ["YEM"]], ledger.allegations
