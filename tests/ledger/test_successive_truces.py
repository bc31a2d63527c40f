"""Successive truces between the same sides are separate records, each with its own breaches:
one agreed after another collapsed, one that took effect weeks later, a deal the sides signed
again weeks on. Hand-built events about the invented Nordland (NRD) and Sudmark (SDM)."""

from __future__ import annotations

from detente.ledger import build_ledger

from .conftest import Corpus


def _agreed(c: Corpus, published: str, day: str, outlet: str = "Wire", speaker=()) -> None:
    c.add(outlet, published, f"Nordland and Sudmark agreed to a ceasefire on {day}, the envoy announced.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="a ceasefire", date=day, raw=day,
               speaker=list(speaker)))


def _collapsed(c: Corpus, published: str, day: str) -> None:
    c.add("Herald", published, f"The ceasefire collapsed on {day} amid heavy shelling.",
          dict(trigger="ceasefire", type="RETREAT", mode="ceasefire", recipients=["NRD", "SDM"],
               obj="The ceasefire", date=day, raw=day))


def _shelled(c: Corpus, published: str, day: str) -> None:
    c.add("Gazette", published, f"Nordland shelled the town of Saltby on {day}, Sudmark said.",
          dict(trigger="shelled", type="ASSAULT", actors=["NRD"], obj="the town of Saltby", speaker=["SDM"],
               place="Saltby", date=day, raw=day))


def _ceasefires(ledger):
    return sorted((a for a in ledger.agreements if a.kind == "full_ceasefire"), key=lambda a: a.history[0].date or "")


def test_a_truce_agreed_after_the_last_one_collapsed_is_another_record():
    c = Corpus()
    _agreed(c, "2030-03-01T08:00", "2030-03-01")
    _collapsed(c, "2030-03-05T08:00", "2030-03-05")
    _agreed(c, "2030-03-08T08:00", "2030-03-08")
    first, second = _ceasefires(build_ledger(c.events, c.articles))
    assert first.status == "collapsed" and second.status == "accepted"
    assert [h.date for h in second.history if not h.alleged] == ["2030-03-08"]


def test_sides_agreeing_together_again_weeks_later_made_another_deal():
    c = Corpus()
    _agreed(c, "2030-03-01T08:00", "2030-03-01")
    _agreed(c, "2030-04-10T08:00", "2030-04-10", outlet="Gazette")
    assert len(_ceasefires(build_ledger(c.events, c.articles))) == 2


def test_an_attack_breaches_only_the_truce_in_force_that_day():
    c = Corpus()
    _agreed(c, "2030-03-01T08:00", "2030-03-01")
    c.add("Wire", "2030-03-03T08:00", "Nordland and Sudmark agreed to a humanitarian pause on March 3.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="a humanitarian pause",
               date="2030-03-03", raw="March 3"))
    _shelled(c, "2030-03-05T08:00", "2030-03-05")
    ledger = build_ledger(c.events, c.articles)
    [v] = ledger.allegations  # one incident, one record: not one per agreement that could bind it
    pause = next(a for a in ledger.agreements if a.kind == "humanitarian_pause")
    assert v.agreement_id == pause.id  # the one that began last


def test_a_third_party_announcing_what_both_sides_agreed_is_their_mediator():
    c = Corpus()
    c.add("Wire", "2030-03-01T08:00", "Nordland and Sudmark agreed to a ceasefire, Russia's foreign minister announced.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="a ceasefire", speaker=["RUS"],
               date="2030-03-01", raw="Saturday"))
    c.add("Herald", "2030-03-02T08:00", "Sudmark said it would respect the ceasefire.",
          dict(trigger="respect", type="AGREE", actors=["SDM"], obj="the ceasefire", speaker=["SDM"],
               date="2030-03-02", raw="Sunday"))
    [a] = _ceasefires(build_ledger(c.events, c.articles))
    assert a.parties == ["NRD", "SDM"] and a.mediators == ["RUS"]


def test_a_truce_extended_twice_then_lapsing_on_an_undated_page_expired_at_its_end():
    c = Corpus()
    c.add("Wire", "2030-04-01T08:00", "Nordland and Sudmark accepted a two-month truce.",
          dict(trigger="accepted", type="AGREE", actors=["NRD", "SDM"], obj="a two-month truce",
               date="2030-04-01", raw="Friday", quantities=[(2, "months", "duration", "two-month", None)]))
    c.add("Herald", "2030-04-02T20:00", "The truce took effect on April 2.",
          dict(trigger="truce", type="RETREAT", mode="ceasefire", recipients=["NRD", "SDM"], obj="The truce",
               date="2030-04-02", raw="April 2"))
    for outlet, day in (("Gazette", "2030-05-30"), ("Post", "2030-07-30")):
        c.add(outlet, f"{day}T08:00", "Nordland and Sudmark agreed to extend the truce by two months.",
              dict(trigger="extend", type="AGREE", actors=["NRD", "SDM"], obj="the truce by two months",
                   date=day, raw="Thursday", quantities=[(2, "months", "duration", "two months", None)]))
    art = c.add("Hill Courier", "2030-01-01T08:00", "The truce lapsed on Sunday after talks failed.",
                dict(trigger="truce", type="RETREAT", mode="ceasefire", recipients=["NRD", "SDM"],
                     obj="The truce", date="2030-03-27", raw="Sunday"))
    art.metadata["published_fallback"] = True  # undated: its Sunday was read against a background date
    [a] = _ceasefires(build_ledger(c.events, c.articles))
    assert a.status == "expired"
    expired = [h for h in a.history if h.status == "expired"]
    assert len(expired) == 1 and expired[0].date == "2030-09-29"  # from 2 April: 60 days, twice extended by 60


def test_a_truce_call_one_side_accepts_and_the_other_refuses_then_a_deal_signed_weeks_later():
    c = Corpus()
    c.add("Wire", "2030-10-16T08:00", "The rebel leaders said they accepted the call for a truce.",
          dict(trigger="accepted", type="AGREE", actors=["TPLF"], obj="the call for a truce", speaker=["TPLF"],
               date="2030-10-16", raw="Sunday"))
    c.add("Herald", "2030-10-17T08:00", "The government turned aside the appeal for a truce.",
          dict(trigger="turned aside", type="REJECT", actors=["ETH"], obj="the appeal for a truce",
               date="2030-10-17", raw="Monday"))
    c.add("Gazette", "2030-10-23T08:00", "Rebel officials said they were demanding an immediate ceasefire.",
          dict(trigger="demanding", type="REQUEST", actors=["TPLF"], obj="an immediate ceasefire",
               speaker=["TPLF"], date="2030-10-23", raw="Sunday", modality="proposed"))
    c.add("Wire", "2030-11-02T08:00", "The government and the rebels signed a permanent truce on Wednesday.",
          dict(trigger="signed", type="AGREE", actors=["ETH", "TPLF"], obj="a permanent truce",
               date="2030-11-02", raw="Wednesday"))
    first, second = _ceasefires(build_ledger(c.events, c.articles))
    # the rebels (an armed group fighting in that state) and the state are the two sides of one call
    assert set(first.parties) == {"ETH", "TPLF"}
    assert first.status == "rejected"  # a demand after the answers restates it
    assert second.status == "accepted" and [h.date for h in second.history] == ["2030-11-02"]


def test_a_side_leaving_without_signing_has_rejected_the_deal():
    c = Corpus()
    c.add("Wire", "2030-01-13T20:00", "Nordland's leader signed the ceasefire deal with Sudmark on Monday.",
          dict(trigger="signed", type="SUPPORT", actors=["NRD"], recipients=["SDM"], obj="the ceasefire deal",
               date="2030-01-13", raw="Monday"))
    c.add("Herald", "2030-01-14T09:00", "Sudmark's general left on Tuesday without signing the ceasefire deal.",
          dict(trigger="signing", type="SUPPORT", actors=["SDM"], obj="the ceasefire deal", date="2030-01-14",
               raw="Tuesday", modality="negated"))
    [a] = _ceasefires(build_ledger(c.events, c.articles))
    assert [(h.status, h.by) for h in a.history] == [("accepted", ["NRD"]), ("rejected", ["SDM"])]


def test_a_states_truce_with_one_armed_group_is_not_its_truce_with_another():
    c = Corpus()
    c.add("Wire", "2030-06-09T08:00", "Colombia and the ELN agreed to a ceasefire.",
          dict(trigger="agreed", type="AGREE", actors=["COL", "ELN"], obj="a ceasefire", date="2030-06-09",
               raw="Friday"))
    c.add("Herald", "2030-06-20T08:00", "Colombia and FARC dissidents agreed to a ceasefire.",
          dict(trigger="agreed", type="AGREE", actors=["COL", "FARC"], obj="a ceasefire", date="2030-06-20",
               raw="Tuesday"))
    eln, farc = _ceasefires(build_ledger(c.events, c.articles))
    assert set(eln.parties) == {"COL", "ELN"} and set(farc.parties) == {"COL", "FARC"}


def test_an_open_ended_truce_is_extended_months_after_it_took_effect():
    c = Corpus()
    _agreed(c, "2030-03-01T08:00", "2030-03-01")
    c.add("Herald", "2030-05-20T08:00", "Sudmark's government agreed to extend the ceasefire, its premier said.",
          dict(trigger="agreed", type="AGREE", actors=["SDM"], obj="to extend the ceasefire", speaker=["SDM"],
               date="2030-05-20", raw="Monday"))
    [a] = _ceasefires(build_ledger(c.events, c.articles))
    assert a.status == "extended" and a.history[-1].date == "2030-05-20"


def test_a_truce_that_took_effect_between_sides_the_sentence_names_is_a_record_and_collapses():
    c = Corpus()
    c.add("Wire", "2030-10-26T12:00", "A truce negotiated abroad took effect on Monday, and within minutes Nordland "
          "accused Sudmark of shelling.",
          dict(trigger="truce", type="RETREAT", mode="ceasefire", obj="A truce negotiated abroad took effect",
               date="2030-10-26", raw="Monday"),
          dict(trigger="accused", type="ACCUSE", actors=["NRD"], recipients=["SDM"], obj="Sudmark of shelling",
               date="2030-10-26", raw="Monday"))
    c.add("Herald", "2030-10-28T12:00", "Diplomats said the truce had collapsed.",
          dict(trigger="truce", type="RETREAT", mode="ceasefire", obj="the truce had collapsed",
               date="2030-10-28", raw="Wednesday"))
    [a] = _ceasefires(build_ledger(c.events, c.articles))
    assert a.parties == ["NRD", "SDM"] and a.status == "collapsed"


def test_a_side_restating_its_commitment_leaves_the_truce_in_force():
    c = Corpus()
    c.add("Wire", "2030-03-01T08:00", "Nordland and Sudmark agreed to a ceasefire that took effect on Sunday.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="a ceasefire that took effect on Sunday",
               date="2030-03-01", raw="Sunday"))
    c.add("Herald", "2030-03-04T08:00", "Nordland said on Wednesday it was committed to the ceasefire.",
          dict(trigger="committed", type="AGREE", actors=["NRD"], obj="the ceasefire", speaker=["NRD"],
               date="2030-03-04", raw="Wednesday"))
    [a] = _ceasefires(build_ledger(c.events, c.articles))
    assert "in_force" in [h.status for h in a.history] and a.status == "in_force"


def test_a_sides_own_truce_declared_as_the_other_side_agrees_is_its_half_of_one_ceasefire():
    c = Corpus()
    c.add("Wire", "2030-01-11T22:00", "Sudmark's forces announced their ceasefire toward Nordland late on Saturday.",
          dict(trigger="announced", type="AGREE", actors=["SDM"], recipients=["NRD"], obj="their ceasefire",
               date="2030-01-11", raw="Saturday"))
    c.add("Herald", "2030-01-12T09:00", "Nordland agreed to a ceasefire with Sudmark on Sunday.",
          dict(trigger="agreed", type="AGREE", actors=["NRD"], recipients=["SDM"], obj="a ceasefire with Sudmark",
               date="2030-01-12", raw="Sunday"))
    ledger = build_ledger(c.events, c.articles)
    assert [(a.kind, a.parties) for a in ledger.agreements] == [("full_ceasefire", ["NRD", "SDM"])]


def test_an_undated_pages_nameless_start_joins_no_truce_of_other_sides_nor_one_of_two():
    from detente.records import DateRef

    from .conftest import event

    c = Corpus()
    _agreed(c, "2030-01-12T08:00", "2030-01-12")
    c.add("Herald", "2030-10-23T08:00", "Nordland and Sudmark signed a permanent ceasefire on Friday.",
          dict(trigger="signed", type="SUPPORT", actors=["NRD", "SDM"], obj="a permanent ceasefire",
               date="2030-10-23", raw="Friday"))
    c.add("Wire", "2031-03-01T08:00", "Colombia and the ELN agreed to a ceasefire.",
          dict(trigger="agreed", type="AGREE", actors=["COL", "ELN"], obj="a ceasefire", date="2031-03-01",
               raw="Monday"))
    # an undated page: Nordland's charge, then "the ceasefire officially started" on a day it cannot tell
    page = c.add("Undated", "2031-05-01T08:00", "Nordland accused Sudmark of shelling.",
                 dict(trigger="accused", type="ACCUSE", actors=["NRD"], recipients=["SDM"], obj="Sudmark of shelling"))
    start = event(page, "The ceasefire officially started.", trigger="ceasefire", type="RETREAT", mode="ceasefire",
                  obj="The ceasefire officially started")
    c.events.append(start.model_copy(update={
        "date": DateRef(date=None, precision="unknown"),
        "evidence": start.evidence.model_copy(update={"sentence_start": 40, "sentence_end": 73})}))
    ledger = build_ledger(c.events, c.articles)
    undated = [(a.parties, h.status) for a in ledger.agreements for h in a.history if h.date is None]
    # two truces of those sides and nothing to tell which: it joins neither, nor the other war's
    assert undated == []


def test_a_deal_to_reopen_roads_is_its_own_record_and_a_condition_names_no_instrument():
    c = Corpus()
    _agreed(c, "2030-04-01T08:00", "2030-04-01")
    c.add("Herald", "2030-05-30T08:00", "Nordland accepted the renewal on condition that Sudmark open the roads "
          "into the city.",
          dict(trigger="accepted", type="AGREE", actors=["NRD"], recipients=["SDM"],
               obj="the renewal on condition that Sudmark open the roads into the city",
               condition="on condition that Sudmark open the roads into the city", date="2030-05-30", raw="Monday"))
    c.add("Gazette", "2030-06-20T08:00", "Nordland and Sudmark agreed to reopen the roads into the city.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="to reopen the roads into the city",
               date="2030-06-20", raw="Friday"))
    records = {a.kind: [h.date for h in a.history] for a in build_ledger(c.events, c.articles).agreements}
    assert set(records) == {"full_ceasefire", "other"}, records
    assert records["other"] == ["2030-06-20"]  # the condition of a renewal names no roads deal


def test_an_undated_pages_charge_that_one_dated_allegation_records_is_that_allegation():
    from detente.records import DateRef

    from .conftest import event

    c = Corpus()
    _agreed(c, "2030-03-01T08:00", "2030-03-01")
    c.add("Herald", "2030-03-05T08:00", "Sudmark accused Nordland on Thursday of breaking the ceasefire.",
          dict(trigger="accused", type="ACCUSE", actors=["SDM"], recipients=["NRD"], obj="Nordland",
               date="2030-03-05", raw="Thursday"))
    page = c.add("Undated", "2031-05-01T08:00", "Sudmark's commander said Nordland had broken the ceasefire.")
    page = c.articles[page.id] = page.model_copy(update={"metadata": {"published_fallback": "mtime"}})
    charge = event(page, "Sudmark's commander said Nordland had broken the ceasefire.", trigger="broken",
                   type="ACCUSE", actors=["SDM"], recipients=["NRD"], obj="the ceasefire")
    c.events.append(charge.model_copy(update={"date": DateRef(date=None, precision="unknown", fallback=True)}))
    ledger = build_ledger(c.events, c.articles)
    assert [(v.accuser, v.accused, v.date, len(v.evidence)) for v in ledger.allegations] == \
        [(["SDM"], ["NRD"], "2030-03-05", 2)]
