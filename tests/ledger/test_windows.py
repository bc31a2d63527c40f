"""How long a ceasefire binds: until a later one between the same sides begins, and (for attacks
that name no agreement) only while the news still speaks of an open-ended truce. Hand-built events."""

from __future__ import annotations

from detente.ledger import build_ledger

from .conftest import Corpus


def _truce(c: Corpus, published: str, day: str) -> None:
    c.add("Wire", published, f"Nordland and Sudmark agreed to a truce on {day}.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="a truce", date=day, raw=day))


def _shelling(c: Corpus, published: str, day: str) -> None:
    c.add("Herald", published, f"Nordland shelled the town of Saltby on {day}, Sudmark said.",
          dict(trigger="shelled", type="ASSAULT", actors=["NRD"], obj="the town of Saltby", speaker=["SDM"],
               place="Saltby", date=day))


def test_a_later_truce_between_the_same_sides_takes_over_its_breaches():
    c = Corpus()
    _truce(c, "2030-01-05T08:00", "2030-01-05")
    _truce(c, "2030-03-01T08:00", "2030-03-01")
    _shelling(c, "2030-03-10T08:00", "2030-03-10")
    ledger = build_ledger(c.events, c.articles)
    truces = sorted((a for a in ledger.agreements if a.kind == "full_ceasefire"),
                    key=lambda a: a.history[0].date)
    assert len(truces) == 2
    [v] = ledger.allegations  # one breach, of the truce in force that day; not one per truce ever agreed
    assert v.agreement_id == truces[1].id and v.accuser == ["SDM"] and v.accused == ["NRD"]


def test_an_open_ended_truce_long_out_of_the_news_binds_no_attack():
    c = Corpus()
    _truce(c, "2030-01-05T08:00", "2030-01-05")
    _shelling(c, "2030-02-01T08:00", "2030-02-01")
    _shelling(c, "2031-06-01T08:00", "2031-06-01")
    ledger = build_ledger(c.events, c.articles)
    assert [v.date for v in ledger.allegations] == ["2030-02-01"]


def test_an_undated_page_telling_its_charge_twice_is_one_allegation():
    c = Corpus()
    _truce(c, "2030-01-05T08:00", "2030-01-05")
    text = ("Sudmark accused Nordland of violating the truce. Sudmark accused Nordland of violating the truce "
            "by moving tanks.")
    art = c.add("Hill Courier", "2030-01-09T08:00", text)
    art.metadata["published_fallback"] = True  # an undated page: its stand-in day is no day of the charge
    from .conftest import event
    second = text.index("accused", 10)
    for start in (text.index("accused"), second):
        ev = event(art, text, trigger="accused", type="ACCUSE", actors=["SDM"], recipients=["NRD"],
                   obj="Nordland of violating the truce")
        c.events.append(ev.model_copy(update={
            "id": f"acc{start}", "evidence": ev.evidence.model_copy(update={
                "trigger_start": start, "trigger_end": start + 7,
                "sentence": text[:second - 8] if start < second else text[second - 8:]})}))
    [v] = build_ledger(c.events, c.articles).allegations
    assert (v.accuser, v.accused, v.date, len(v.evidence)) == (["SDM"], ["NRD"], None, 2)


def _signed(c: Corpus, outlet: str, day: str, what: str) -> None:
    c.add(outlet, f"{day}T08:00", f"Nordland and Sudmark signed {what} on {day}.",
          dict(trigger="signed", type="AGREE", actors=["NRD", "SDM"], obj=what, date=day, raw=day))


def test_a_peace_plan_signed_the_day_of_a_ceasefire_is_that_ceasefire():
    c = Corpus()
    _signed(c, "Wire", "2030-08-15", "the ceasefire agreement")
    _signed(c, "Herald", "2030-08-15", "the six-point peace plan")
    ledger = build_ledger(c.events, c.articles)
    assert [a.kind for a in ledger.agreements] == ["full_ceasefire"]
    assert len(ledger.agreements[0].mentions) == 2


def test_a_declaration_signed_days_before_a_ceasefire_stays_its_own_record():
    c = Corpus()
    _signed(c, "Wire", "2030-05-11", "a declaration of principles")
    _signed(c, "Herald", "2030-05-20", "a seven-day ceasefire")
    assert sorted(a.kind for a in build_ledger(c.events, c.articles).agreements) == ["framework", "full_ceasefire"]
