"""eval-corpus scoring on hand-built records: every record not listed counts against precision."""

from __future__ import annotations

from datetime import datetime, timezone

from detente.eval.corpus import score_events, score_ledger
from detente.eval.corpus_files import Corpus, ExpectedEvents, ExpectedLedger
from detente.ledger.records import Agreement, Allegation, EvidenceRef, Ledger, Position, PositionChange
from detente.records import ActorRef, Article, DateRef, Event, Evidence, Modality

TEXT = "Hamas accused Israel of violating the truce. Talks resumed in Doha on Monday."


def _corpus(ledger: dict, events: dict | None = None) -> Corpus:
    art = Article(id="a1", text=TEXT, published=datetime(2023, 11, 25, tzinfo=timezone.utc), source_path="x/01.txt")
    return Corpus(name="t", folder="x", ledger=ExpectedLedger.model_validate({"version": 1, **ledger}),
                  events=ExpectedEvents.model_validate({"version": 1, "articles": events}) if events else None,
                  articles={"01.txt": art})


def _event(trigger: str, event: str, actor=(), recipient=(), date="2023-11-25") -> Event:
    start = TEXT.index(trigger)
    sent_end = TEXT.index(".") + 1 if start < TEXT.index(".") else len(TEXT)
    sent_start = 0 if start < TEXT.index(".") else TEXT.index(".") + 2
    ref = lambda c: ActorRef(code=c, entity_text=c)  # noqa: E731
    return Event(id=f"e{start}", event=event, actor=[ref(c) for c in actor], recipient=[ref(c) for c in recipient],
                 date=DateRef(date=date, precision="day"), modality=Modality.asserted,
                 evidence=Evidence(article_id="a1", sentence=TEXT[sent_start:sent_end], sentence_start=sent_start,
                                   sentence_end=sent_end, trigger_start=start, trigger_end=start + len(trigger),
                                   trigger=trigger))


def test_events_matched_by_sentence_fields_scored_extras_are_non_events():
    corpus = _corpus({}, {"01.txt": {"events": [
        {"sentence": "Hamas accused Israel", "event": "ACCUSE", "actor": ["HMS"], "recipient": ["ISR"],
         "date": "2023-11-25"},
        {"sentence": "Talks resumed in Doha", "event": "CONSULT", "date": "2023-11-27", "optional": True}]}})
    got = [_event("accused", "ACCUSE", ["HMS"], []), _event("violating", "ASSAULT", ["ISR"]),
           _event("Talks", "CONSULT")]
    scores = score_events(corpus, {"01.txt": got})
    assert (scores.events.matched, scores.events.produced, scores.events.expected) == (1, 2, 1)
    assert scores.right["actor"] == 1 and scores.right["recipient"] == 0 and scores.right["type"] == 1
    assert [e["kind"] for e in scores.errors] == ["field", "non_event"]


def _agreement(id_, kind, parties, status="accepted", mediators=()):
    return Agreement(id=id_, kind=kind, label=kind, parties=list(parties), mediators=list(mediators), status=status)


def test_a_second_record_of_one_agreement_is_a_duplicate_and_topics_match_subtopics():
    corpus = _corpus({
        "agreements": [{"key": "truce", "kind": ["humanitarian_pause", "full_ceasefire"], "parties": ["HMS", "ISR"],
                        "mediators": ["QAT"], "status": "expired"}],
        "allegations": [{"agreement": "truce", "accuser": ["HMS"], "accused": ["ISR"], "date": "2023-11-25",
                         "denied": True}],
        "positions": [{"party": "HMS", "topic": "ceasefire", "stance": "demand"}]})
    ledger = Ledger(
        agreements=[_agreement("a1", "humanitarian_pause", ["HMS", "ISR"], "expired", ["QAT"]),
                    _agreement("a2", "full_ceasefire", ["ISR"])],
        allegations=[Allegation(id="v1", agreement_id="a1", accused=["ISR"], accuser=["HMS"], date="2023-11-26")],
        positions=[Position(id="p1", party="HMS", stance="demand", topic="ceasefire:full", wording="w")])
    s = score_ledger(corpus, ledger)
    assert (s.agreements.matched, s.agreements.produced, s.agreements.expected) == (1, 2, 1)
    assert s.status_right == 1 and s.parties_right == 1 and s.link_right == 1 and s.denial_right == 0
    assert (s.allegations.matched, s.positions.matched) == (1, 1)
    assert [e["kind"] for e in s.errors] == ["extra_agreement"]


def test_positions_are_scored_per_stance_of_their_history():
    corpus = _corpus({"positions": [{"party": "M23", "topic": "troop_withdrawal", "stance": "demand"},
                                    {"party": "M23", "topic": "troop_withdrawal", "stance": "rejection"},
                                    {"party": "COD", "topic": "ceasefire", "stance": "acceptance"}]})
    seen = EvidenceRef(event_id="e1", article_id="a1", sentence="s")
    steps = [PositionChange(stance="demand", wording="called on the force to withdraw", evidence=seen),
             PositionChange(stance="rejection", wording="would not pull back", evidence=seen),
             PositionChange(stance="demand", wording="again called on the force to leave", evidence=seen)]
    ledger = Ledger(positions=[Position(id="p1", party="M23", stance="rejection", topic="troop_withdrawal",
                                       wording="w", history=steps),
                               Position(id="p2", party="M23", stance="offer", topic="prisoners", wording="w")])
    s = score_ledger(corpus, ledger)
    # two distinct stances of p1 match two expected entries; p2's offer is an extra; COD's is missed
    assert (s.positions.matched, s.positions.produced, s.positions.expected) == (2, 3, 3)
    assert sorted(e["kind"] for e in s.errors) == ["extra_position", "missed_position"]


def test_two_records_of_one_kind_and_sides_are_told_apart_by_their_steps():
    from detente.ledger.records import StatusChange

    corpus = _corpus({"agreements": [
        {"key": "call", "kind": "full_ceasefire", "parties": ["ETH", "TPLF"], "status": "rejected",
         "history": ["accepted", "rejected"]},
        {"key": "deal", "kind": "full_ceasefire", "parties": ["ETH", "TPLF"], "status": "in_force",
         "history": [{"status": "accepted"}, {"status": "in_force"}]}]})
    deal = _agreement("a-deal", "full_ceasefire", ["ETH", "TPLF"], status="in_force").model_copy(update={
        "history": [StatusChange(status="accepted"), StatusChange(status="in_force")]})
    call = _agreement("a-call", "full_ceasefire", ["ETH", "TPLF"], status="rejected").model_copy(update={
        "history": [StatusChange(status="accepted"), StatusChange(status="rejected")]})
    scores = score_ledger(corpus, Ledger(agreements=[deal, call]))
    assert scores.agreements.matched == 2 and scores.status_right == 2
