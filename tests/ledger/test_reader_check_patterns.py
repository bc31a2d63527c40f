"""Ledger patterns found on real pages in the reader check (sentences written for detente, the
full model runs): a deal made after the last one was suspended, a truce charged with a breach, an
accord that is no new truce's document, a page's mediator that carried out a deal itself."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


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


def test_a_page_s_mediator_that_carried_out_a_deal_is_its_party(tmp_path_factory, ingest_ledger):
    articles = [("Mekong Wire", "2031-07-28T12:00:00+00:00",
                 "Laos and Cambodia agreed on Monday to a ceasefire brokered by Thailand. "
                 "Thailand agreed on Monday to release 18 Cambodian soldiers to Cambodia. "
                 "Thailand released the 18 Cambodian soldiers on Thursday.")]
    ledger = ingest_ledger(tmp_path_factory, "mediator_party", articles)
    [release] = [a for a in ledger.agreements if a.kind == "release"]
    assert "THA" in release.parties and "THA" not in release.mediators


TWO_WARS = [
    ("Levant Wire", "2031-02-22T12:00:00+00:00",
     "The United States called for a ceasefire between Syria and the Syrian opposition on Monday."),
    ("Mekong Wire", "2031-07-25T12:00:00+00:00",
     "The United States called for a ceasefire between Thailand and Cambodia on Friday."),
    ("Mekong Wire", "2031-07-28T12:00:00+00:00",
     "The United States again called for a ceasefire between Thailand and Cambodia on Monday."),
]


def test_a_party_s_stance_in_one_war_is_not_its_stance_in_another(tmp_path_factory, ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "two_wars", TWO_WARS)
    calls = sorted((p for p in ledger.positions if p.party == "USA" and p.topic.startswith("ceasefire")),
                   key=lambda p: p.first_seen)
    assert len(calls) == 2
    assert calls[0].last_seen < "2031-03" and calls[1].first_seen > "2031-07" and calls[1].n_reports == 2
    assert len({p.id for p in calls}) == 2


def test_a_threat_over_a_supposed_breach_is_no_charge(tmp_path_factory, ingest_ledger):
    articles = [("Cedar Wire", "2031-11-26T12:00:00+00:00",
                 "Israel and Lebanon agreed to a ceasefire on Tuesday. The Israeli prime minister warned that "
                 "Israel would strike Lebanon if it broke the deal.")]
    ledger = ingest_ledger(tmp_path_factory, "threat_if", articles)
    assert not ledger.allegations


def test_a_warning_is_a_demand_only_over_what_it_threatens(tmp_path_factory, ingest_ledger):
    # "warned that if the ceasefire collapses, it will strike harder": no demand for a ceasefire
    articles = [("Cedar Wire", "2031-12-02T12:00:00+00:00",
                 "Israel and Lebanon agreed to a ceasefire last week. On Monday the Israeli defence minister "
                 "warned that if the ceasefire with Lebanon collapses, Israel will strike deeper.")]
    ledger = ingest_ledger(tmp_path_factory, "warning_topic", articles)
    assert not [p for p in ledger.positions if p.party == "ISR" and p.stance == "demand"]



def test_one_side_s_charge_of_a_day_placed_only_in_a_country_is_one_allegation():
    # "accused Pakistan of breaching the ceasefire" placed in "Pakistan" places no incident: the same
    # day's charge by the same side, told twice, is one allegation; two towns (or capitals) stay two
    from detente.ledger.compliance import _same_claim
    from detente.ledger.records import Allegation

    def charge(id_, place):
        return Allegation(id=id_, agreement_id="a-1", accused=["PAK"], accuser=["IND"], date="2031-05-10",
                          place=place, kind="accusation")

    assert _same_claim(charge("v-1", "Pakistan"), charge("v-2", "Islamabad"), set())
    assert _same_claim(charge("v-1", "Pakistan"), charge("v-2", "Poonch"), set())
    assert not _same_claim(charge("v-1", "Poonch"), charge("v-2", "Uri"), set())
    assert not _same_claim(charge("v-1", "Islamabad"), charge("v-2", "Lahore"), set())


MOSCOW = [
    ("Bosphorus Wire", "2032-01-08T20:00:00+00:00",
     "Turkey and Russia called on Wednesday for a ceasefire between Libya's Government of National Accord "
     "and the Libyan National Army."),
    ("Bosphorus Wire", "2032-01-12T20:00:00+00:00",
     "Libya's Government of National Accord and the Libyan National Army declared a ceasefire on Sunday."),
    ("Bosphorus Wire", "2032-01-14T20:00:00+00:00",
     "Khalifa Haftar left Moscow on Tuesday without signing a ceasefire agreement."),
]


def test_a_side_refusing_a_text_days_after_its_truce_took_hold_leaves_the_truce_standing(tmp_path_factory,
                                                                                        ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "moscow_text", MOSCOW)
    truces = [a for a in ledger.agreements if {"LBY", "LNA"} <= set(a.parties) and a.kind.endswith("ceasefire")]
    declared = [a for a in truces if any(h.status == "declared" for h in a.history)]
    assert declared and all(a.status == "declared" for a in declared)
    # who called for the truce the two sides declared mediates it
    assert all("RUS" not in a.parties and {"RUS", "TUR"} <= set(a.mediators) for a in declared)


def test_the_state_an_armed_party_fights_in_named_only_as_whom_a_step_concerns_is_no_party(tmp_path_factory,
                                                                                              ingest_ledger):
    articles = [("Levant Desk", "2031-11-24T12:00:00+00:00",
                 "Israel and Hamas agreed to exchange captives for prisoners on Thursday. On Friday Hamas freed "
                 "24 hostages and Israel released 39 Palestinian prisoners under the deal.")]
    ledger = ingest_ledger(tmp_path_factory, "home_state", articles)
    deals = [a for a in ledger.agreements if {"HMS", "ISR"} <= set(a.parties)]
    assert deals and all("PSE" not in a.parties for a in deals)


def test_a_first_exchange_on_an_undated_page_is_the_deal_carried_out_in_part(tmp_path_factory, ingest_ledger):
    articles = [("Caucasus Wire", "2031-11-10T12:00:00+00:00",
                 "Armenia and Azerbaijan agreed on Monday to exchange all prisoners of war."),
                ("Caucasus Site", None,
                 "Armenia and Azerbaijan swapped prisoners of war in the first exchange since the ceasefire.")]
    ledger = ingest_ledger(tmp_path_factory, "first_swap", articles)
    swaps = [a for a in ledger.agreements if a.kind == "prisoner_exchange"]
    assert swaps and swaps[0].status == "partly_implemented"


#: Colombia's two truces of one winter: with the EMC (FARC dissidents) and with the ELN
TWO_TRUCES = [
    ("Andes Wire", "2031-10-09T12:00:00+00:00",
     "Colombia's government and the Estado Mayor Central agreed to a ceasefire on Sunday."),
    ("Andes Wire", "2032-02-06T12:00:00+00:00",
     "Colombia's government and the ELN agreed on Tuesday to a new ceasefire."),
]


def test_a_charge_naming_no_accused_goes_to_the_deal_whose_other_side_its_page_names(tmp_path_factory,
                                                                                       ingest_ledger):
    articles = TWO_TRUCES + [
        ("Andes Wire", "2032-03-17T12:00:00+00:00",
         "President Gustavo Petro on Sunday suspended military talks with the Estado Mayor Central. "
         "Petro said group was violating the ceasefire agreement."),
    ]
    ledger = ingest_ledger(tmp_path_factory, "page_side", articles)
    charges = [v for v in ledger.allegations if v.accuser == ["COL"]]
    by_id = {a.id: a for a in ledger.agreements}
    assert charges and all("FARC" in by_id[v.agreement_id].parties and v.accused == ["FARC"] for v in charges)


def test_a_step_naming_no_other_side_goes_to_the_deal_its_page_names(tmp_path_factory, ingest_ledger):
    articles = TWO_TRUCES + [
        ("Andes Wire", "2032-03-17T12:00:00+00:00",
         "Colombian President Gustavo Petro on Sunday suspended a ceasefire with one of the armed groups. "
         "The government said the army would attack the Estado Mayor Central from Wednesday."),
    ]
    ledger = ingest_ledger(tmp_path_factory, "page_step", articles)
    suspended = [a for a in ledger.agreements if any(h.status == "suspended" for h in a.history)]
    assert suspended and all("FARC" in a.parties for a in suspended)


UNREPORTED_TRUCE = [
    ("Levant Wire", "2031-03-01T12:00:00+00:00",
     "Syria's opposition accused the government on Tuesday of violating the truce by shelling two villages."),
    ("Levant Wire", "2031-03-04T12:00:00+00:00",
     "The Syrian army said on Friday that the opposition had violated the ceasefire near Homs."),
]


def test_a_truce_known_only_from_charges_of_breaking_it_is_a_record(tmp_path_factory, ingest_ledger):
    """No page reports the truce itself: the charges say it was in force between the two sides, and
    "Syria's opposition" is the opposition, never Syria's state."""
    ledger = ingest_ledger(tmp_path_factory, "unreported_truce", UNREPORTED_TRUCE)
    [truce] = ledger.agreements
    assert truce.parties == ["SYR", "SYROPP"] and truce.status == "in_force"
    step = truce.history[0]
    assert step.status == "in_force" and step.inferred and step.date == "2031-02-25"  # the Tuesday
    charges = {(tuple(v.accuser), tuple(v.accused)) for v in ledger.allegations if v.agreement_id == truce.id}
    assert charges == {(("SYROPP",), ("SYR",)), (("SYR",), ("SYROPP",))}


def test_a_charge_by_a_pages_mediator_implies_no_truce(tmp_path_factory, ingest_ledger):
    articles = [("Levant Wire", "2031-03-01T12:00:00+00:00",
                 "Under the Qatar-brokered deal, Qatar accused Syria on Tuesday of violating the truce.")]
    ledger = ingest_ledger(tmp_path_factory, "mediator_charge", articles)
    assert not ledger.agreements


SHIPPING_DEAL = [
    ("Baltic Wire", "2031-03-14T12:00:00+00:00",
     "Estonia and Latvia signed a deal in Oslo on Friday to reopen their ports for timber exports, "
     "brokered by Norway."),
    ("Baltic Wire", "2031-04-20T12:00:00+00:00",
     "Latvia pulled out of the timber shipping deal on Sunday, accusing Estonia of inspecting its ships."),
]


def test_a_deal_named_by_what_it_opens_is_a_record_and_leaving_it_is_no_pull_back(tmp_path_factory,
                                                                                ingest_ledger):
    ledger = ingest_ledger(tmp_path_factory, "shipping_deal", SHIPPING_DEAL)
    [deal] = [a for a in ledger.agreements if {"EST", "LVA"} <= set(a.parties)]
    assert deal.kind == "other" and deal.mediators == ["NOR"]
    assert [h.status for h in deal.history] == ["accepted", "suspended"]
    assert not [a for a in ledger.agreements if a.kind == "withdrawal"]


def test_halting_an_accords_implementation_suspends_it(tmp_path_factory, ingest_ledger):
    articles = SUSPENDED_ACCORD[:1] + [
        ("Mekong Wire", "2031-11-10T12:00:00+00:00",
         "Vietnam halted the implementation of the peace declaration with Laos on Monday after a mine blast."),
    ]
    ledger = ingest_ledger(tmp_path_factory, "halted_accord", articles)
    [deal] = [a for a in ledger.agreements if {"LAO", "VNM"} <= set(a.parties)]
    assert [h.status for h in deal.history] == ["accepted", "suspended"]


def test_a_deal_that_is_no_truce_lives_on_after_a_suspension(tmp_path_factory, ingest_ledger):
    articles = SHIPPING_DEAL + [
        ("Baltic Wire", "2031-09-02T12:00:00+00:00",
         "Latvia agreed on Tuesday to extend the timber shipping deal with Estonia by 120 days."),
    ]
    ledger = ingest_ledger(tmp_path_factory, "deal_lives_on", articles)
    [deal] = [a for a in ledger.agreements if {"EST", "LVA"} <= set(a.parties)]
    assert [h.status for h in deal.history] == ["accepted", "suspended", "extended"]
