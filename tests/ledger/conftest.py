"""Hand-built events for the ledger tests: an invented war between Nordland (NRD) and Sudmark (SDM),
mediated by Turkey (TUR). Every sentence is invented for these tests."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from detente.records import (ActorRef, Article, Attribution, DateRef, Event, Evidence, Modality, Place,
                             Quantity)


def ref(code: str) -> ActorRef:
    names = {"NRD": "Nordland", "SDM": "Sudmark", "TUR": "Turkey"}
    return ActorRef(code=code, entity_text=names.get(code, code), entity_name=names.get(code, code), kind="state")


class Corpus:
    """Collects articles and events; `add` makes one single-sentence article with one or more events."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.events: list[Event] = []

    def add(self, outlet: str, published: str, sentence: str, *events: dict) -> Article:
        art = Article(id=Article.make_id(f"{outlet} {sentence}"), text=sentence, outlet=outlet,
                      published=datetime.fromisoformat(published).replace(tzinfo=timezone.utc))
        self.articles[art.id] = art
        for spec in events:
            self.events.append(event(art, sentence, **spec))
        return art


def event(art: Article, sentence: str, *, trigger: str, type: str, actors=(), recipients=(), obj=None,
          date=None, raw=None, modality="asserted", mode=None, condition=None, quantities=(), speaker=(),
          place=None, standing=False) -> Event:
    start = sentence.index(trigger)
    qs = [Quantity(value=v, unit=u, kind=k, raw=r, per=p) for v, u, k, r, p in quantities]
    return Event(
        id=Event.make_id(art.id, start, type), event=type, mode=mode,
        actor=[ref(c) for c in actors], recipient=[ref(c) for c in recipients], object=obj,
        date=DateRef(date=date or art.published.date().isoformat(), precision="day", raw=raw,
                     fallback=raw is None),
        modality=Modality(modality), condition=condition, standing=standing, quantities=qs,
        event_loc=Place(name=place, raw=place) if place else None,
        attribution=Attribution(speaker=[ref(c) for c in speaker]),
        evidence=Evidence(article_id=art.id, sentence=sentence, sentence_start=0, sentence_end=len(sentence),
                          trigger_start=start, trigger_end=start + len(trigger), trigger=trigger))


def war_corpus() -> Corpus:
    c = Corpus()
    c.add("Wire", "2030-05-01T08:00",
          "Turkey proposed a 20-day ceasefire between Nordland and Sudmark.",
          dict(trigger="proposed", type="AGREE", actors=["TUR"], recipients=["NRD", "SDM"], modality="proposed",
               obj="a 20-day ceasefire between Nordland and Sudmark",
               quantities=[(20, "day", "duration", "20-day", None)]))
    c.add("Gazette", "2030-05-02T09:00",
          "Nordland accepted the 20-day ceasefire on condition that its soldiers are freed.",
          dict(trigger="accepted", type="AGREE", actors=["NRD"], modality="conditional",
               obj="the 20-day ceasefire", condition="on condition that its soldiers are freed",
               quantities=[(20, "day", "duration", "20-day", None)]))
    c.add("Herald", "2030-05-02T10:00",
          "Sudmark will never accept a ceasefire while foreign troops stay, its premier said.",
          dict(trigger="accept", type="REJECT", actors=["SDM"], obj="a ceasefire while foreign troops stay",
               standing=True))
    c.add("Wire", "2030-05-06T08:00",
          "Nordland and Sudmark agreed to a truce on ports from May 10.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="a truce on ports",
               date="2030-05-10", raw="from May 10"))
    c.add("Gazette", "2030-05-06T12:00",
          "The two sides agreed that Nordland and Sudmark would halt strikes on ports from May 12.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="halt strikes on ports",
               date="2030-05-12", raw="from May 12"))
    c.add("Herald", "2030-05-14T07:00",
          "Nordland shelled the port of Saltby overnight, Sudmark said.",
          dict(trigger="shelled", type="ASSAULT", actors=["NRD"], obj="the port of Saltby", speaker=["SDM"],
               place="Saltby", date="2030-05-14"))
    c.add("Wire", "2030-05-14T09:00",
          "Sudmark says Nordland artillery shelled the port of Saltby.",
          dict(trigger="shelled", type="ASSAULT", actors=["NRD"], obj="the port of Saltby", speaker=["SDM"],
               place="Saltby", date="2030-05-14"))
    c.add("Gazette", "2030-05-15T07:00",
          "Nordland denied shelling Saltby and called the claim a provocation.",
          dict(trigger="denied", type="REJECT", actors=["NRD"], obj="shelling Saltby", date="2030-05-15"))
    c.add("Herald", "2030-05-20T07:00",
          "Sudmark accused Nordland of 1,200 violations of the port truce.",
          dict(trigger="accused", type="ACCUSE", actors=["SDM"], recipients=["NRD"],
               obj="1,200 violations of the port truce", date="2030-05-20",
               quantities=[(1200, "violations", "count", "1,200 violations", None)]))
    c.add("Wire", "2030-05-21T07:00",
          "Nordland and Sudmark agreed to exchange 100 prisoners for 100.",
          dict(trigger="agreed", type="AGREE", actors=["NRD", "SDM"], obj="to exchange 100 prisoners for 100",
               quantities=[(100, "prisoners", "count", "100 prisoners", None)]))
    c.add("Gazette", "2030-05-28T07:00",
          "Sudmark freed 80 prisoners in the swap, fewer than promised.",
          dict(trigger="freed", type="RETREAT", actors=["SDM"], recipients=["NRD"], mode="release",
               obj="80 prisoners in the swap", quantities=[(80, "prisoners", "count", "80 prisoners", None)]))
    return c


@pytest.fixture
def corpus() -> Corpus:
    return war_corpus()


def write_articles(folder, articles: list[tuple[str, str, str]], start: int = 0):
    """Write (outlet, published ISO time, text) articles into `folder` as JSON records; return it."""
    import json

    for i, (outlet, published, text) in enumerate(articles, start):
        record = {"title": f"report {i}", "outlet": outlet, "published": published, "text": text}
        (folder / f"{i}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def article_writer():
    """`article_writer(folder, articles, start=0)`: see `write_articles`."""
    return write_articles


@pytest.fixture(scope="session")
def ingest_ledger():
    """`ingest_ledger(tmp_path_factory, name, articles)`: see `ledger_of`."""
    return ledger_of


def ledger_of(tmp_path_factory, name: str, articles: list[tuple[str, str, str]]):
    """Ingest (outlet, published ISO time, text) articles, written as JSON records, into a fresh
    database through the public API; return the stored ledger."""
    from detente import api
    from detente.settings import load_settings

    folder = write_articles(tmp_path_factory.mktemp(name), articles)
    settings = load_settings(db=str(tmp_path_factory.mktemp("db") / f"{name}.db"), env={})
    report = api.ingest_paths([folder], settings)
    assert report.failed == 0 and report.stored == len(articles)
    return api.ledger(settings)
