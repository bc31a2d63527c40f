"""make bench-web: render time of every page of `detente serve` on a large database.

    python bench/bench_web.py [--events 100000] [--per-article 20] [--requests 30] [--db PATH]

Builds a database of generated events quickly (Event records saved straight
through the store, many small synthetic articles, no NLP), adds a synthetic
ledger (agreements, positions, alleged violations citing those events), then
requests each page N times in-process (TestClient) and prints p50 and p95 in
milliseconds, cold (the pages' result cache emptied before every request) and
warm.  Target: p95 < 300 ms.  A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from detente.ledger.records import (Agreement, Allegation, Denial, EvidenceRef, Ledger, Mention as LMention,
                                    Position, PositionChange, StatusChange, Terms, make_id)
from detente.records import (QUADS, ActorRef, Article, ArticleAnalysis, DateRef, Event, EventFilter, Evidence,
                             Mention)
from detente.settings import load_settings
from detente.store import open_store

PARTIES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "the United States", "TUR": "Turkey", "SAU": "Saudi Arabia",
           "FRA": "France", "DEU": "Germany", "GBR": "Britain", "CHN": "China", "QAT": "Qatar"}
VERBS = {"AGREE": "agreed with", "CONSULT": "held talks with", "SUPPORT": "backed", "CONCEDE": "conceded to",
         "COOPERATE": "worked with", "AID": "sent aid to", "RETREAT": "pulled back from", "REQUEST": "asked",
         "ACCUSE": "accused", "REJECT": "turned down", "THREATEN": "warned", "PROTEST": "protested against",
         "SANCTION": "sanctioned", "MOBILIZE": "massed troops near", "COERCE": "detained citizens of",
         "ASSAULT": "shelled positions of"}
TOPICS = ["ceasefire", "ceasefire:energy", "prisoners", "territory", "sanctions", "black_sea", "security_guarantees",
          "elections", "nuclear_plant", "humanitarian_corridors"]
STATUSES = ["proposed", "accepted", "declared", "in_force", "implemented", "suspended", "collapsed"]
START = date(2024, 1, 1)
DAYS = 700


def make_article(i: int, per_article: int, rng: random.Random) -> tuple[Article, ArticleAnalysis]:
    """One synthetic article of `per_article` sentences, each coding one event."""
    codes = list(PARTIES)
    day = START + timedelta(days=rng.randrange(DAYS))
    parts, sentences, mentions, pending = [], [], [], []
    pos = 0
    for k in range(per_article):
        a, r = rng.sample(codes, 2)
        etype = rng.choice(list(QUADS))
        sentence = f"Officials of {PARTIES[a]} {VERBS[etype]} {PARTIES[r]} in report {i} item {k}."
        s_start = pos
        a_start = s_start + len("Officials of ")
        v_start = a_start + len(PARTIES[a]) + 1
        r_start = v_start + len(VERBS[etype]) + 1
        mentions += [Mention(kind="actor", start=a_start, end=a_start + len(PARTIES[a]), text=PARTIES[a], label=a),
                     Mention(kind="trigger", start=v_start, end=v_start + len(VERBS[etype]), text=VERBS[etype],
                             label=etype),
                     Mention(kind="actor", start=r_start, end=r_start + len(PARTIES[r]), text=PARTIES[r], label=r)]
        sentences.append((s_start, s_start + len(sentence)))
        pending.append((sentence, s_start, a, r, etype, v_start))
        parts.append(sentence)
        pos += len(sentence) + 1
    text = " ".join(parts)
    article_id = Article.make_id(text)
    events = []
    for sentence, s_start, a, r, etype, v_start in pending:
        verb = VERBS[etype]
        ev_day = (day + timedelta(days=rng.randrange(-3, 1))).isoformat()
        events.append(Event(
            id=Event.make_id(article_id, v_start, etype), event=etype,
            actor=[ActorRef(code=a, sector="GOV", entity_text=PARTIES[a], entity_name=PARTIES[a], kind="state")],
            recipient=[ActorRef(code=r, entity_text=PARTIES[r], entity_name=PARTIES[r], kind="state")],
            date=DateRef(date=ev_day, precision="day"),
            evidence=Evidence(article_id=article_id, sentence=sentence, sentence_start=s_start,
                              sentence_end=s_start + len(sentence), trigger_start=v_start,
                              trigger_end=v_start + len(verb), trigger=verb)))
    published = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=12)
    article = Article(id=article_id, text=text, title=f"Synthetic report {i}", outlet=f"Wire {i % 7}",
                      published=published)
    return article, ArticleAnalysis(article_id=article_id, sentences=sentences, mentions=mentions, events=events)


def _ref(ev: Event) -> EvidenceRef:
    return EvidenceRef(event_id=ev.id, article_id=ev.evidence.article_id, date=ev.date.date,
                       sentence=ev.evidence.sentence, speaker=[ev.actor[0].code])


def make_ledger(sample: list[Event], rng: random.Random, n_agreements: int = 40, n_allegations: int = 4000) -> Ledger:
    """A synthetic ledger whose every record cites events that are in the database."""
    agreements = []
    for i in range(n_agreements):
        parties = rng.sample(list(PARTIES), 2)
        cited = rng.sample(sample, 4)
        history = [StatusChange(status=rng.choice(STATUSES), by=parties, date=ev.date.date, evidence=[_ref(ev)])
                   for ev in sorted(cited, key=lambda e: e.date.date)]
        agreements.append(Agreement(
            id=make_id("a", i), kind="partial_ceasefire", label=f"synthetic truce {i}", parties=parties,
            mediators=["TUR"], terms=Terms(duration_days=30), history=history, status=history[-1].status,
            mentions=[LMention(article_id=e.evidence.article_id, event_id=e.id, sentence=e.evidence.sentence,
                               offsets=(e.evidence.trigger_start, e.evidence.trigger_end)) for e in cited]))
    allegations = []
    for j in range(n_allegations):
        ag = agreements[j % n_agreements]
        ev, denial = rng.sample(sample, 2)
        accused = [rng.choice(ag.parties)]
        allegations.append(Allegation(
            id=make_id("v", j), agreement_id=ag.id, accused=accused,
            accuser=[c for c in ag.parties if c not in accused], date=ev.date.date, evidence=[_ref(ev)],
            denials=[Denial(by=accused, evidence=_ref(denial))] if j % 5 == 0 else [], n_outlets=1))
    positions = []
    for party in PARTIES:
        for topic in TOPICS:
            cited = sorted(rng.sample(sample, 3), key=lambda e: e.date.date)
            stances = [rng.choice(["demand", "red_line", "offer", "acceptance", "rejection"]) for _ in cited]
            positions.append(Position(
                id=make_id("p", party, topic), party=party, stance=stances[-1], topic=topic,
                wording=f"{topic} terms", first_seen=cited[0].date.date, last_seen=cited[-1].date.date,
                n_reports=3, n_outlets=2, evidence=[_ref(e) for e in cited],
                history=[PositionChange(stance=s, wording=f"{topic} terms", date=e.date.date, evidence=_ref(e))
                         for s, e in zip(stances, cited)]))
    return Ledger(positions=positions, agreements=agreements, allegations=allegations)


def build(db: Path, n_events: int, per_article: int, seed: int = 7) -> tuple[list[Event], float]:
    rng = random.Random(seed)
    started = time.perf_counter()
    sample: list[Event] = []
    n_articles = -(-n_events // per_article)
    with open_store(db) as store:
        for i in range(n_articles):
            article, analysis = make_article(i, per_article, rng)
            store.save(article, analysis)
            if i % 50 == 0:
                sample.extend(analysis.events[:2])
        store.replace_ledger(make_ledger(sample, rng))
    return sample, time.perf_counter() - started


def time_pages(db: Path, sample: list[Event], requests: int) -> list[tuple[str, float, float, float, float, int]]:
    """(page, cold p50, cold p95, warm p50, warm p95, status): cold empties the page cache first."""
    from fastapi.testclient import TestClient

    from detente.web.app import create_app
    from detente.web.view_data import clear_cache

    client = TestClient(create_app(load_settings(env={}, db=str(db))))
    ev = sample[len(sample) // 2]
    pages = {
        "overview": "/",
        "timeline": "/timeline",
        "timeline filtered": "/timeline?party=RUS&quad=4&unit=day",
        "positions": "/positions",
        "position": "/positions/RUS/ceasefire",
        "agreement": f"/agreements/{make_id('a', 0)}",
        "actor": "/actors/RUS",
        "article": f"/articles/{ev.evidence.article_id}?s={ev.evidence.sentence_start}",
        "search": "/search?q=Turkey",
    }
    results = []
    for name, url in pages.items():
        status = client.get(url).status_code  # warm-up (imports, templates)
        cold = _timed(client, url, requests, before=clear_cache)
        warm = _timed(client, url, requests)
        results.append((name, *_p50_p95(cold), *_p50_p95(warm), status))
    return results


def _timed(client, url: str, requests: int, before=None) -> list[float]:
    """Milliseconds of `requests` GETs of url; `before` runs (untimed) before each one."""
    times = []
    for _ in range(requests):
        if before:
            before()
        t0 = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _p50_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="where to build the database (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="time the pages of an existing --db, build nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench-web.db"
        if args.reuse and db.exists():
            with open_store(db, readonly=True) as store:
                sample, seconds = store.events(EventFilter(limit=2000))[::10], 0.0
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            sample, seconds = build(db, args.events, args.per_article)
        with open_store(db, readonly=True) as store:
            stats = store.stats()
        print(f"built {db.name}: {stats['events']:,} events, {stats['articles']:,} articles "
              f"in {seconds:.1f} s")
        print(f"{args.requests} requests per page; cold = page cache emptied before each request")
        print(f"{'page':<20}{'cold p50':>10}{'cold p95':>10}{'warm p50':>10}{'warm p95':>10}  status")
        worst = 0.0
        for name, c50, c95, w50, w95, status in time_pages(db, sample, args.requests):
            worst = max(worst, c95)
            print(f"{name:<20}{c50:>10.1f}{c95:>10.1f}{w50:>10.1f}{w95:>10.1f}  {status}")
        print(f"worst cold p95 {worst:.1f} ms (target < 300 ms): {'met' if worst < 300 else 'NOT met'}")


if __name__ == "__main__":
    main()
