"""Score detente against a development corpus: events per field, ledger precision and recall.

Each corpus is ingested into a fresh temporary database.  Events are matched to
the expected events of their article by sentence (then type and trigger); an
event that matches nothing is a non-event.  Ledger records are matched one to
one to the expected records; a second record for one expected record is a
duplicate and counts against precision like any record not on the list.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from detente.eval.corpus_files import (Corpus, ExpectedAgreement, ExpectedAllegation, ExpectedEvent,
                                       ExpectedPosition, file_name, load_corpus, normalise)
from detente.ledger.common import days_apart
from detente.records import Event

FIELDS = ("type", "actor", "recipient", "modality", "speaker", "date")


class Tally(BaseModel):
    """Matched, produced and expected counts of one kind of record."""

    model_config = ConfigDict(frozen=True)

    matched: int = 0
    produced: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.produced if self.produced else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(matched=self.matched + other.matched, produced=self.produced + other.produced,
                     expected=self.expected + other.expected)


class EventScores(BaseModel):
    model_config = ConfigDict(frozen=True)

    events: Tally = Field(default_factory=Tally)
    right: dict[str, int] = Field(default_factory=lambda: {f: 0 for f in FIELDS})
    all_right: int = 0
    errors: list[dict] = Field(default_factory=list, description="non-events and field errors, for analysis")

    def field_accuracy(self, name: str) -> float:
        return self.right[name] / self.events.matched if self.events.matched else 0.0

    @property
    def non_event_share(self) -> float:
        return 1.0 - self.events.precision


class LedgerScores(BaseModel):
    model_config = ConfigDict(frozen=True)

    agreements: Tally = Field(default_factory=Tally)
    allegations: Tally = Field(default_factory=Tally)
    positions: Tally = Field(default_factory=Tally)
    status_right: int = 0
    parties_right: int = 0
    link_right: int = 0
    denial_right: int = 0
    errors: list[dict] = Field(default_factory=list)


class CorpusScores(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    articles: int
    events: EventScores | None = None
    ledger: LedgerScores

    def figures(self) -> dict[str, float]:
        """Flat figures (what the gate pins)."""
        out: dict[str, float] = {}
        for kind in ("agreements", "allegations", "positions"):
            tally: Tally = getattr(self.ledger, kind)
            out[f"{kind}_precision"] = round(tally.precision, 3)
            out[f"{kind}_recall"] = round(tally.recall, 3)
        if self.events is not None:
            out["event_precision"] = round(self.events.events.precision, 3)
            out["event_recall"] = round(self.events.events.recall, 3)
            for f in FIELDS:
                out[f"{f}_accuracy"] = round(self.events.field_accuracy(f), 3)
        return out


# --------------------------------------------------------------------------- matching


def _assign(expected: list, produced: list, score: Callable[[object, object], float | None]) -> list[tuple]:
    """Greedy one-to-one matching by descending score; None = cannot match."""
    pairs = [(s, i, j) for i, e in enumerate(expected) for j, p in enumerate(produced)
             if (s := score(e, p)) is not None]
    used_e: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            out.append((expected[i], produced[j]))
    return out


def _codes(refs: Iterable) -> set[str]:
    return {r.code for r in refs}


def _event_score(exp: ExpectedEvent, ev: Event) -> float | None:
    if normalise(exp.sentence) not in normalise(ev.evidence.sentence):
        return None
    score = 1.0 + 4.0 * (ev.event == exp.event)
    trig, got = normalise(exp.trigger or ""), normalise(ev.evidence.trigger)
    if trig and (trig in got or got in trig):
        score += 2.0
    score += 0.5 * bool(_codes(ev.actor) & set(exp.actor))
    return score


def _date_right(exp: ExpectedEvent, ev: Event) -> bool:
    if exp.date is None:
        return ev.date.date is None or ev.date.fallback
    return ev.date.date == exp.date or (len(exp.date) < 10 and (ev.date.date or "").startswith(exp.date))


def field_checks(exp: ExpectedEvent, ev: Event) -> dict[str, bool]:
    return {
        "type": ev.event == exp.event,
        "actor": _codes(ev.actor) == set(exp.actor),
        "recipient": _codes(ev.recipient) == set(exp.recipient),
        "modality": ev.modality == exp.modality,
        "speaker": _codes(ev.attribution.speaker) == set(exp.speaker),
        "date": _date_right(exp, ev),
    }


def _brief(ev: Event) -> dict:
    return {"event": ev.event, "actor": sorted(_codes(ev.actor)), "recipient": sorted(_codes(ev.recipient)),
            "modality": ev.modality.value, "speaker": sorted(_codes(ev.attribution.speaker)),
            "date": ev.date.date, "trigger": ev.evidence.trigger, "sentence": ev.evidence.sentence}


def score_events(corpus: Corpus, events_by_file: dict[str, list[Event]]) -> EventScores:
    assert corpus.events is not None
    tally, right, all_right, errors = Tally(), {f: 0 for f in FIELDS}, 0, []
    for name, exp_article in corpus.events.articles.items():
        produced = events_by_file.get(name, [])
        pairs = _assign(exp_article.events, produced, _event_score)
        optional = [(e, p) for e, p in pairs if e.optional]
        real = [(e, p) for e, p in pairs if not e.optional]
        matched_ids = {p.id for _, p in pairs}
        n_expected = sum(not e.optional for e in exp_article.events)
        tally = tally + Tally(matched=len(real), produced=len(produced) - len(optional), expected=n_expected)
        for e, p in real:
            checks = field_checks(e, p)
            for f, ok in checks.items():
                right[f] += ok
            all_right += all(checks.values())
            if not all(checks.values()):
                errors.append({"file": name, "kind": "field", "wrong": [f for f, ok in checks.items() if not ok],
                               "expected": e.model_dump(mode="json", exclude_none=True), "got": _brief(p)})
        errors += [{"file": name, "kind": "non_event", "got": _brief(p)} for p in produced if p.id not in matched_ids]
        matched_exp = {id(e) for e, _ in pairs}
        errors += [{"file": name, "kind": "missed", "expected": e.model_dump(mode="json", exclude_none=True)}
                   for e in exp_article.events if not e.optional and id(e) not in matched_exp]
    return EventScores(events=tally, right=right, all_right=all_right, errors=errors)


def _agreement_score(exp: ExpectedAgreement, got) -> float | None:
    """Kind, then shared parties and mediators; between two records of one kind and the same sides (a
    truce call turned aside, the truce signed weeks later), the one whose steps are the expected ones."""
    shared = set(exp.parties) & set(got.parties)
    if got.kind not in exp.kind or not shared:
        return None
    want = set(exp.history or [exp.status])
    steps = {h.status for h in got.history if h.status != "violated"}
    return (len(shared) / len(set(exp.parties) | set(got.parties)) + 0.1 * bool(set(exp.mediators) & set(got.mediators))
            + 0.05 * len(want & steps) / len(want | steps))


def _allegation_score(exp: ExpectedAllegation, got) -> float | None:
    if not (set(exp.accused) & set(got.accused)) or not (set(exp.accuser) & set(got.accuser)):
        return None
    apart = days_apart(exp.date, got.date)
    if apart is not None and apart > 2:
        return None
    return 1.0 + (apart == 0) + 0.5 * (exp.date is None and got.date is None)


def _topic_match(want: str, got: str) -> bool:
    return got == want or got.startswith(want + ":") or want.startswith(got + ":")


class Stance(BaseModel):
    """One stance a position record says its party took on its topic (a step of its history)."""

    id: str
    party: str
    topic: str
    stance: str
    wording: str | None = None


def stances_of(positions: list) -> list[Stance]:
    """Each distinct stance of each position's history: the expected ledgers list a party's demand and
    its later refusal on one topic as two entries, detente keeps them as one record's history."""
    out = []
    for p in positions:
        seen: dict[str, str | None] = {}
        for h in p.history or [p]:
            seen[h.stance] = h.wording
        out += [Stance(id=p.id, party=p.party, topic=p.topic, stance=st, wording=w) for st, w in seen.items()]
    return out


def _position_score(exp: ExpectedPosition, got) -> float | None:
    if exp.party != got.party or exp.stance != got.stance or not _topic_match(exp.topic, got.topic):
        return None
    return 1.0 + (exp.topic == got.topic)


def score_ledger(corpus: Corpus, ledger) -> LedgerScores:
    exp = corpus.ledger
    agreements = _assign(exp.agreements, ledger.agreements, _agreement_score)
    key_of = {got.id: e.key for e, got in agreements}
    allegations = _assign(exp.allegations, ledger.allegations, _allegation_score)
    stances = stances_of(ledger.positions)
    positions = _assign(exp.positions, stances, _position_score)
    errors: list[dict] = []
    matched = {id(g) for _, g in agreements + allegations + positions}
    for kind, records in (("agreement", ledger.agreements), ("allegation", ledger.allegations),
                          ("position", stances)):
        errors += [{"kind": f"extra_{kind}", "got": r.model_dump(mode="json", include=_SHOWN[kind])}
                   for r in records if id(r) not in matched]
    for e, g in agreements:
        wrong = [f for f, ok in (("status", e.status == g.status), ("parties", set(e.parties) == set(g.parties)),
                                 ("mediators", set(e.mediators) == set(g.mediators))) if not ok]
        if wrong:
            errors.append({"kind": "agreement_fields", "wrong": wrong, "expected": e.model_dump(mode="json"),
                           "got": g.model_dump(mode="json", include=_SHOWN["agreement"])})
    for kind, wanted, pairs in (("agreement", exp.agreements, agreements), ("allegation", exp.allegations, allegations),
                                ("position", exp.positions, positions)):
        found = {id(e) for e, _ in pairs}
        errors += [{"kind": f"missed_{kind}", "expected": e.model_dump(mode="json")} for e in wanted if id(e) not in found]
    return LedgerScores(
        agreements=Tally(matched=len(agreements), produced=len(ledger.agreements), expected=len(exp.agreements)),
        allegations=Tally(matched=len(allegations), produced=len(ledger.allegations), expected=len(exp.allegations)),
        positions=Tally(matched=len(positions), produced=len(stances), expected=len(exp.positions)),
        status_right=sum(e.status == g.status for e, g in agreements),
        parties_right=sum(set(e.parties) == set(g.parties) and set(e.mediators) == set(g.mediators)
                          for e, g in agreements),
        link_right=sum(e.agreement == key_of.get(g.agreement_id) for e, g in allegations),
        denial_right=sum(e.denied == bool(g.denials) for e, g in allegations),
        errors=errors)


_SHOWN = {"agreement": {"id", "kind", "label", "parties", "mediators", "status"},
          "allegation": {"id", "agreement_id", "accuser", "accused", "date", "place"},
          "position": {"id", "party", "stance", "topic", "wording"}}


# --------------------------------------------------------------------------- running


def score_corpus(folder: str | Path, settings) -> CorpusScores:
    """Ingest one corpus folder into a temporary database and score it."""
    from detente import api
    from detente.records import EventFilter
    from detente.store import open_store

    corpus = load_corpus(folder, settings)
    with tempfile.TemporaryDirectory(prefix="detente-eval-") as tmp:
        run = replace(settings, db=str(Path(tmp) / "corpus.db"))
        api.ingest_paths([Path(folder) / "articles"], run)
        with open_store(run.db, readonly=True) as store:
            events = store.events(EventFilter())
            ledger = store.ledger()
    by_id = {a.id: name for name, a in corpus.articles.items()}
    events_by_file: dict[str, list[Event]] = {}
    for ev in events:
        events_by_file.setdefault(by_id.get(ev.evidence.article_id, "?"), []).append(ev)
    return CorpusScores(name=corpus.name, articles=len(corpus.articles),
                        events=score_events(corpus, events_by_file) if corpus.events else None,
                        ledger=score_ledger(corpus, ledger))


def combine(results: list[CorpusScores], name: str = "all") -> CorpusScores:
    """The sum of several corpora's tallies (their errors are not repeated)."""
    with_events = [r.events for r in results if r.events is not None]
    events = None
    if with_events:
        events = EventScores(events=sum((e.events for e in with_events), Tally()),
                             right={f: sum(e.right[f] for e in with_events) for f in FIELDS},
                             all_right=sum(e.all_right for e in with_events))
    ledgers = [r.ledger for r in results]
    ledger = LedgerScores(**{k: sum((getattr(lg, k) for lg in ledgers), Tally())
                             for k in ("agreements", "allegations", "positions")},
                          **{k: sum(getattr(lg, k) for lg in ledgers)
                             for k in ("status_right", "parties_right", "link_right", "denial_right")})
    return CorpusScores(name=name, articles=sum(r.articles for r in results), events=events, ledger=ledger)


__all__ = ["combine", "CorpusScores", "EventScores", "LedgerScores", "Tally", "field_checks", "file_name",
           "score_corpus", "score_events", "score_ledger"]
