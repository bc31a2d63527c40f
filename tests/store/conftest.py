"""Hand-built articles, analyses and events for the storage tests (invented text)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from detente.records import (
    ActorRef, Article, ArticleAnalysis, Attribution, DateRef, Event, Evidence, Mention, Modality, Place,
    Quantity,
)
from detente.store import SQLiteStore, open_store

TEXT_A = (
    "Envoys from Nordland and Sudmark met in a lakeside town on Tuesday. "
    "Nordland agreed to pull its artillery back ten kilometres, the mediator said. "
    "Sudmark freed forty detained fishermen."
)
TEXT_B = (
    "The coastal republic accused its neighbour of shelling a grain depot overnight. "
    "Officials in the capital threatened new tariffs if the truce collapses."
)


def actor(code: str, sector: str | None, text: str, name: str | None = None,
          kind: str = "state", ident: str | None = None) -> ActorRef:
    return ActorRef(code=code, sector=sector, entity_text=text, entity_name=name, kind=kind,
                    identifier_id=ident)


def make_event(article_id: str, text: str, trigger: str, event: str, date: str | None, *,
               actors: list[ActorRef], recipients: list[ActorRef] = (), mode: str | None = None,
               modality: Modality = Modality.asserted, primary: bool = False,
               confidence: float = 0.9, **extra) -> Event:
    start = text.index(trigger)
    sent_start = text.rfind(". ", 0, start)
    sent_start = 0 if sent_start < 0 else sent_start + 2
    sent_end = text.find(".", start) + 1
    return Event(
        id=Event.make_id(article_id, start, event), event=event, mode=mode,
        actor=list(actors), recipient=list(recipients),
        date=DateRef(date=date, precision="day" if date and len(date) == 10 else "month" if date else "unknown",
                     raw="Tuesday" if date else None),
        modality=modality, primary=primary, confidence=confidence,
        evidence=Evidence(article_id=article_id, sentence=text[sent_start:sent_end],
                          sentence_start=sent_start, sentence_end=sent_end,
                          trigger_start=start, trigger_end=start + len(trigger), trigger=trigger),
        **extra,
    )


NOR = actor("NOR", "GOV", "Nordland", "Kingdom of Nordland", ident="Q1")
SUD = actor("SUD", None, "Sudmark", "Sudmark")
SUD_MIL = actor("SUD", "MIL", "Sudmark's army", "Sudmark Armed Forces", kind="institution")
MEDIATOR = actor("UNO", None, "the mediator", "Mediation Office", kind="institution")


def article_a() -> tuple[Article, ArticleAnalysis]:
    art = Article(id=Article.make_id(TEXT_A), text=TEXT_A, title="Lakeside talks bring a pullback",
                  url="https://example.org/a", outlet="Example Wire",
                  published=datetime(2024, 3, 6, 9, 30, tzinfo=timezone(timedelta(hours=2))),
                  metadata={"section": "world", "tags": ["talks", "truce"]})
    aid = art.id
    events = [
        make_event(aid, TEXT_A, "met", "CONSULT", "2024-03-05", actors=[NOR, SUD], mode="visit",
                   context=["diplomatic"], event_loc=Place(name="Lakeside", raw="a lakeside town",
                                                           country_code="NOR", lat=60.1, lon=10.2,
                                                           geonameid=123, feature="city", resolution=4)),
        make_event(aid, TEXT_A, "agreed", "AGREE", "2024-03-05", actors=[NOR], recipients=[SUD_MIL],
                   primary=True, object="pull its artillery back",
                   attribution=Attribution(speaker=[MEDIATOR], speaker_text="the mediator", cue="said",
                                           outlets=["Example Wire"], hedges=["reportedly"]),
                   quantities=[Quantity(value=10, unit="kilometre", raw="ten kilometres", kind="other")]),
        make_event(aid, TEXT_A, "freed", "RETREAT", "2024-03", actors=[SUD], recipients=[NOR],
                   mode="release", size={"arrested": 40.0}, confidence=0.7),
    ]
    mentions = [
        Mention(kind="actor", start=12, end=20, text="Nordland", label="NOR", data={"sector": "GOV"}),
        Mention(kind="date", start=TEXT_A.index("Tuesday"), end=TEXT_A.index("Tuesday") + 7,
                text="Tuesday", label="DATE", data={"iso": "2024-03-05"}),
    ]
    sentences = [(0, 68), (69, 146), (147, len(TEXT_A))]
    return art, ArticleAnalysis(article_id=aid, sentences=sentences, mentions=mentions, events=events)


def article_b() -> tuple[Article, ArticleAnalysis]:
    art = Article(id=Article.make_id(TEXT_B), text=TEXT_B, title="Depot shelled on the coast",
                  outlet="Harbour Times", published=datetime(2024, 4, 2, 7, 0, tzinfo=timezone.utc))
    aid = art.id
    coast = actor("CST", "GOV", "The coastal republic", "Coastal Republic")
    events = [
        make_event(aid, TEXT_B, "accused", "ACCUSE", "2024-04-01", actors=[coast], recipients=[NOR]),
        make_event(aid, TEXT_B, "threatened", "THREATEN", None, actors=[coast], recipients=[NOR],
                   modality=Modality.conditional, condition="if the truce collapses"),
    ]
    return art, ArticleAnalysis(article_id=aid, events=events)


def article_undated(n: int) -> tuple[Article, ArticleAnalysis]:
    text = f"Bulletin number {n}: no clashes were reported along the river line."
    art = Article(id=Article.make_id(text), text=text, title=f"Bulletin {n}")
    return art, ArticleAnalysis(article_id=art.id)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "detente.db"


@pytest.fixture
def store(db_path: Path) -> SQLiteStore:
    with open_store(db_path) as s:
        yield s


@pytest.fixture
def filled(store: SQLiteStore) -> SQLiteStore:
    for art, ana in (article_a(), article_b()):
        assert store.save(art, ana)
    return store


@pytest.fixture
def sample_a() -> tuple[Article, ArticleAnalysis]:
    return article_a()


@pytest.fixture
def sample_b() -> tuple[Article, ArticleAnalysis]:
    return article_b()


@pytest.fixture
def undated() -> Callable[[int], tuple[Article, ArticleAnalysis]]:
    return article_undated


@pytest.fixture
def event_maker() -> Callable[..., Event]:
    return make_event
