"""Step 2: positions — where each party stands on each topic, with its history.

Stances come from the event type and modality: REQUEST and THREATEN are
demands, REJECT a rejection (a red line when the NLP found a standing refusal,
`Event.standing`: "will not", "cannot", "never"; none when it denies an
accusation: "denied breaching the truce" is compliance, not a stance), AGREE and CONCEDE an
acceptance (an offer when its modality is promised or intended, "ready to accept", or the NLP
read an offer, `Event.standing`: "willing to talk", "prepared to withdraw";
none for a state the article names as the mediator: its "agreeing" is its role), any proposed-modality
event a proposal; "a ceasefire proposed by X and Y" in an object makes X and
Y proposers.  Topics come from the object and condition, else from the rest
of the sentence after the trigger.  One position per (party, topic) in each war (a party's
stances that name other sides go together when they share one); when the stance changes the
change is kept in `history`.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.ledger.common import Reported, codes, denies_accusation, one_war, proposers
from detente.knowledge.ledger import LedgerKnowledge
from detente.ledger.observations import instrument_of
from detente.ledger.records import Position, PositionChange, Stance, make_id

_SKIP = {"hypothetical", "negated", "historical", "predicted"}


@dataclass(frozen=True)
class StanceReport:
    party: str
    name: str | None
    stance: Stance
    topic: str
    report: Reported


def stance_of(r: Reported, kb: LedgerKnowledge) -> Stance | None:
    """The stance an event expresses for its actors, or None."""
    ev = r.event
    if ev.modality.value in _SKIP:
        return None
    if ev.modality.value == "proposed":
        return "proposal"
    if ev.event in ("REQUEST", "THREATEN"):
        return "demand"
    if ev.event == "REJECT" and denies_accusation(r, kb):
        return None  # "denied breaching the truce": a denial (compliance), not a stance on the truce
    if ev.event == "REJECT":
        return "red_line" if ev.standing else "rejection"
    if ev.event in ("AGREE", "CONCEDE"):
        offer = ev.standing or ev.modality.value in ("promised", "intended")
        if ev.event == "CONCEDE" and not offer and instrument_of(r, kb) is None:
            return None  # "announced a pardon for 3,300 prisoners": a concession made, an act, no stance
        return "offer" if offer else "acceptance"
    return None


def topics_of(r: Reported, kb: LedgerKnowledge) -> list[str]:
    ev = r.event
    obj, condition = ev.object, ev.condition
    if ev.event == "THREATEN" and condition and any(
            ph.search(condition) for status, ph in kb.status_cues if status in ("collapsed", "expired")):
        # "warned that if the ceasefire collapses, ...": the deal's end is no demand
        obj, condition = (obj or "").replace(condition, " "), None
    found = kb.topics_in(" ".join(p for p in (obj, condition) if p))
    if found or ev.event == "THREATEN":
        return found  # a warning's stance is in what it threatens over, not in the rest of its sentence
    return [t for t in kb.topics_in(r.after_trigger) if t.split(":")[0] not in kb.object_only] \
        or _agreement_topic(r, kb)


def _agreement_topic(r: Reported, kb: LedgerKnowledge) -> list[str]:
    """The topic of the agreement an event names when no topic word does: "agreed to extend the deal
    to reopen the ports" is a stance on trade and access (topics.yaml instrument_topics)."""
    named = instrument_of(r, kb)
    topic = kb.topic_of_kind(named[0], r.text) if named else None
    return [topic] if topic else []


def _condition_only(topic: str, r: Reported, kb: LedgerKnowledge) -> bool:
    """A topic named only in the condition of an acceptance: "accepted the extension on condition that
    the RSF withdraw" accepts the truce and demands the withdrawal."""
    ev = r.event
    if not ev.condition or topic not in kb.topics_in(ev.condition):
        return False
    obj = (ev.object or "").replace(ev.condition, " ")
    return topic not in kb.topics_in(obj)


def _parties(r: Reported) -> list[tuple[str, str | None]]:
    ev = r.event
    # the actor holds the stance; a speaker only for an act with no doer at all named ("any extension must
    # include the salaries, the Houthis said"): "warring groups agreed, the UN said" is not the UN's
    refs = ev.actor or (ev.attribution.speaker if ev.event in ("REQUEST", "REJECT", "THREATEN") else [])
    out: dict[str, str | None] = {}
    for ref in refs:
        if ref.code and ref.code != "UNK":
            out.setdefault(ref.code, None)
            if ref.kind == "state" or out[ref.code] is None:
                out[ref.code] = ref.entity_name if ref.kind == "state" else out[ref.code]
    return sorted(out.items())


def stance_reports(reps: list[Reported], kb: LedgerKnowledge, brokers: dict[str, set[str]]) -> list[StanceReport]:
    """Stances of each party; `brokers`: the mediators each article names (Brokers.by_article)."""
    out = []
    for r in reps:
        topics = topics_of(r, kb)
        if not topics:
            continue
        stance = stance_of(r, kb)
        if stance is not None:
            speakers = set(codes(r.event.attribution.speaker)) - {"UNK"}
            for party, name in _parties(r):
                if stance in ("acceptance", "offer") and party in brokers.get(r.event.evidence.article_id, ()):
                    continue  # the host or mediator "agreeing" in a report of its mediation holds no stance
                if stance == "acceptance" and speakers and party not in speakers and not speakers & kb.mediators:
                    continue  # "the ELN has agreed to a truce, Petro said": the other side's claim, not its stance
                out.extend(StanceReport(party, name, "demand" if stance in ("acceptance", "offer")
                                        and _condition_only(t, r, kb) else _as_third_party(stance, party, t, r, kb),
                                        t, r) for t in topics)
        if r.event.event in ("REJECT", "AGREE", "CONCEDE"):
            for party in proposers(r, kb):  # "accepted a plan drawn up by the US and France"
                out.extend(StanceReport(party, None, "proposal", t, r) for t in topics)
    return out


def _as_third_party(stance: Stance, party: str, topic: str, r: Reported, kb: LedgerKnowledge) -> Stance:
    """A mediator calling for a ceasefire proposes one; urging the sides to keep one is a demand."""
    if (stance == "demand" and party in kb.mediators and topic.split(":")[0] == "ceasefire"
            and not kb.compliance_words.search(f"{r.event.object or ''} {r.after_trigger}")):
        return "proposal"
    return stance



def build_positions(reps: list[Reported], kb: LedgerKnowledge,
                    brokers: dict[str, set[str]] | None = None) -> list[Position]:
    groups: dict[tuple[str, str], list[StanceReport]] = {}
    for s in stance_reports(reps, kb, brokers or {}):
        groups.setdefault((s.party, s.topic), []).append(s)
    positions = [_position(party, topic, items, first=i == 0)
                 for (party, topic), items in groups.items()
                 for i, items in enumerate(_by_war(party, items, kb))]
    return sorted(positions, key=lambda p: (p.party, p.topic, p.first_seen or ""))


def _counterparts(s: StanceReport, kb: LedgerKnowledge) -> set[str]:
    """Whom the party's stance concerns: the other sides its report names (no mediator, no unknown)."""
    ev = s.report.event
    return set(codes([*ev.actor, *ev.recipient])) - {s.party, "UNK"} - kb.mediators


def _by_war(party: str, items: list[StanceReport], kb: LedgerKnowledge) -> list[list[StanceReport]]:
    """A party's stances on one topic, one group per war: the US calling for a ceasefire between
    Thailand and Cambodia holds no position it held on Syria. Reports that name other sides go with
    the group that names one of them; a report naming none goes with the group reported last."""
    groups: list[tuple[set[str], list[StanceReport]]] = []
    for s in sorted(items, key=lambda s: s.report.sort_key):
        others = _counterparts(s, kb)
        home = next((g for g in groups if one_war(others, g[0])), None)
        if home is None and not others and groups:
            home = groups[-1]
        if home is None and others and groups and not any(g[0] for g in groups):
            home = groups[-1]  # the first that names its sides joins the reports that named none
        if home is None:
            groups.append((set(others), [s]))
        else:
            home[0].update(others)
            home[1].append(s)
    return [g[1] for g in groups]


#: When one sentence gives a party two stances on a topic, the stronger one stands.
STRENGTH = ["red_line", "rejection", "proposal", "offer", "acceptance", "demand"]


def _per_sentence(items: list[StanceReport]) -> list[StanceReport]:
    best: dict[tuple[str, int], StanceReport] = {}
    for s in items:
        key = (s.report.event.evidence.article_id, s.report.event.evidence.sentence_start)
        if key not in best or STRENGTH.index(s.stance) < STRENGTH.index(best[key].stance):
            best[key] = s
    return sorted(best.values(), key=lambda s: s.report.sort_key)


def _position(party: str, topic: str, items: list[StanceReport], first: bool = True) -> Position:
    items = sorted(items, key=lambda s: (s.report.sort_key, s.stance))
    history: list[PositionChange] = []
    for s in _per_sentence(items):
        if not history or history[-1].stance != s.stance:
            history.append(PositionChange(stance=s.stance, wording=_wording(s.report), date=s.report.date,
                                          evidence=s.report.evidence()))
    last = history[-1]
    evidence, seen = [], set()
    for s in items:
        if s.report.event.id not in seen:
            seen.add(s.report.event.id)
            evidence.append(s.report.evidence())
    outlets = sorted({s.report.source for s in items})
    dates = sorted(d for d in (s.report.date for s in items) if d)
    name = next((s.name for s in items if s.name), None)
    return Position(
        # the first war keeps the (party, topic) id; another war's position is told by its first report
        id=make_id("p", party, topic) if first else make_id("p", party, topic, items[0].report.event.id), party=party, entity_name=name, stance=last.stance, topic=topic,
        wording=last.wording, first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
        n_reports=len(seen), n_outlets=len(outlets), reported_by=outlets, evidence=evidence, history=history)


def _wording(r: Reported) -> str:
    ev = r.event
    words = " ".join(p for p in (ev.evidence.trigger, (ev.object or "").strip()) if p)
    return f"{words} ({ev.condition})" if ev.condition and ev.condition not in words else words
