"""Allegations link to the agreement the charge names, in force between those parties then: the
side a one-sided truce addresses may accuse its author, a charge of breaking a peace deal is an
allegation about that deal, and a holiday truce with no stated end binds no attack a year later
(sentences written for detente; the full model runs)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ARTICLES = [
    ("Kabul Desk", "2019-06-02T09:00:00+00:00",
     "The Taliban declared a three-day ceasefire for Eid on Sunday, a spokesman for the group said."),
    ("Kabul Desk", "2019-06-06T09:00:00+00:00",
     "Afghanistan's defence ministry on Thursday accused the Taliban of violating their ceasefire in Kunduz."),
    ("Frontier Post", "2020-03-01T10:00:00+00:00",
     "The United States and the Taliban signed a peace agreement in Doha on Saturday."),
    ("Frontier Post", "2020-05-05T10:00:00+00:00",
     "The Taliban accused the United States on Tuesday of violating the peace agreement with air strikes in "
     "Helmand."),
    ("Frontier Post", "2020-06-10T10:00:00+00:00",
     "Taliban fighters attacked a checkpoint in Kunduz on Wednesday, killing four police officers, the "
     "defence ministry said."),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, ingest_ledger):
    return ingest_ledger(tmp_path_factory, "links", ARTICLES)


def _by_kind(ledger, kind):
    return [a for a in ledger.agreements if a.kind == kind]


def test_the_side_a_one_sided_truce_addresses_accuses_its_author(ledger):
    (truce,) = _by_kind(ledger, "unilateral_truce")
    found = [v for v in ledger.allegations if v.agreement_id == truce.id]
    assert [(v.accuser, v.accused) for v in found] == [(["AFG"], ["TAL"])]


def test_a_charge_of_breaking_a_peace_deal_is_an_allegation_about_it(ledger):
    deal = [a for a in ledger.agreements if {"USA", "TAL"} <= set(a.parties)]
    assert deal, [(a.kind, a.parties) for a in ledger.agreements]
    found = [v for v in ledger.allegations if v.agreement_id in {a.id for a in deal}]
    assert [(v.accuser, v.accused) for v in found] == [(["TAL"], ["USA"])]


def test_a_holiday_truce_binds_no_attack_a_year_later(ledger):
    assert not [v for v in ledger.allegations if (v.date or "") >= "2020-06"]


DECLARATION = [
    ("Red Sea Daily", "2031-05-12T09:00:00+00:00",
     "Sudan's army and the Rapid Support Forces signed a declaration in Jeddah on Thursday committing both sides to "
     "protect civilians."),
    ("Red Sea Daily", "2031-05-16T09:00:00+00:00",
     "The army said on Monday that the Rapid Support Forces had broken the truce in Omdurman."),
]


def test_a_signed_declaration_is_a_framework_and_broken_truces_are_not_charged_to_it(tmp_path_factory,
                                                                                      ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "declaration", DECLARATION)
    (declaration,) = [a for a in ledger.agreements if a.kind == "framework"]
    assert {"SDN", "RSF"} <= set(declaration.parties)
    assert not [v for v in ledger.allegations if v.agreement_id == declaration.id]


NORMS = [
    ("Andes Wire", "2031-06-10T09:00:00+00:00",
     "Colombia's government and the ELN agreed to a bilateral ceasefire on Friday in Havana."),
    ("Andes Wire", "2031-06-20T09:00:00+00:00",
     "Colombia's chief negotiator said on Tuesday that kidnapping is a crime and violates international "
     "humanitarian law."),
    ("Andes Wire", "2031-06-22T09:00:00+00:00",
     "Colombia's government said it had \"recorded breaches by ELN fighters on the fronts of Choco and Cauca\" "
     "near Quibdo."),
]


def test_breaking_a_law_is_no_breach_of_the_truce_and_breaches_by_units_are_charged_to_them(
        tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "norms", NORMS)
    assert [(v.accuser, v.accused) for v in ledger.allegations] == [(["COL"], ["ELN"])]


APPEALS = [
    ("Caucasus Desk", "2031-10-10T09:00:00+00:00",
     "Armenia and Azerbaijan agreed to a humanitarian ceasefire on Saturday in Moscow, Russia's foreign minister "
     "said."),
    ("Caucasus Desk", "2031-10-14T09:00:00+00:00",
     "Azerbaijan's army said Armenian forces shelled Terter on Tuesday. UN Secretary-General Antonio Guterres "
     "criticised both parties for disregarding repeated appeals to end the fighting."),
]


def test_disregarding_appeals_is_no_breach_of_the_truce(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "appeals", APPEALS)
    assert [(v.accuser, v.accused) for v in ledger.allegations] == [(["AZE"], ["ARM"])]
