"""Step 3a: what each event says about an agreement — its instrument, its status step, who took it
and who mediates (an `Observation`); step 3b (detente.ledger.agreements) merges observations into records.

An event names an instrument when its trigger, object or counted units match an instrument rule of
ledger.yaml (first rule wins); ceasefires become full or partial by their scope, and a ceasefire one
party declares is a unilateral truce.  The event's type and modality give the status step
(`status_of`); a nominal trigger ("the ceasefire") takes its step from status cues in its sentence
("began on", "expired").  Steps need a party's own word: a rejection that only the other side
reports is not a step.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from detente.ledger.common import Reported, codes, denies_accusation, named_list, proposers, publication_day
from detente.knowledge.actors import load_kb as load_actors
from detente.knowledge.ledger import LedgerKnowledge
from detente.ledger.records import Scope

#: Modalities that report no step: "hoped the sides would agree", "ready to accept a truce" (an offer,
#: which the positions record), "is due to expire".
_SKIP = {"hypothetical", "negated", "predicted", "historical", "intended"}
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "hour": 1 / 24, "hours": 1 / 24}
#: Kinds carried out by handing over people or ground: RETREAT events implement them.
DELIVERED_KINDS = {"prisoner_exchange", "release", "body_repatriation", "withdrawal"}
CEASEFIRES = {"full_ceasefire", "partial_ceasefire", "unilateral_truce", "humanitarian_pause"}
#: Status cues, the ending ones first: "the truce that began on Monday has collapsed" ended it.
_CUED = ("collapsed", "suspended", "expired", "in_force", "extended")
_AGENTLESS = ("in_force", "expired", "starts", "ends")  # statuses that happen to an agreement
#: A term read off a plan ("is to take effect on Monday"): the start or end of the term, never a step.
PLANNED = ("starts", "ends")
#: Past forms of instrument verbs that do not end in -ed ("Israel withdrew ...").
_IRREGULAR_PASTS = frozenset({"withdrew", "withdrawn"})
#: Steps whose announcer, when a usual mediator and not a side, is taken as its mediator.
_ANNOUNCED = ("accepted", "extended", "in_force", "starts")
#: Kinds one side can give alone; every other kind binds two sides at least.
ONE_SIDED_KINDS = ("unilateral_truce", "release", "withdrawal", "body_repatriation")


@dataclass(frozen=True)
class Observation:
    """One event's statement about one instrument."""

    kind: str
    scope: Scope
    status: str
    by: tuple[str, ...]
    others: tuple[str, ...]
    report: Reported
    derived: bool = False  # a "proposed by X" read off another step's object
    brokers: tuple[str, ...] = ()  # named after "mediated by", "brokered by" in the sentence
    credited: tuple[str, ...] = ()  # mediators unless they took a side's step: thanked for it, or announcing it
    implied: bool = False  # read off a charge of breaking it, not reported itself (compliance.charged_truces)

    @property
    def duration(self) -> float | None:
        return next((q.value * UNIT_DAYS[q.unit] for q in term_durations(self.report)), None)


def term_durations(r: Reported) -> list:
    """Durations that are terms ("a 30-day truce"), not time passed ("after four days of fighting")."""
    from detente.knowledge.ledger import knowledge

    elapsed = knowledge().elapsed
    tail = r.after_trigger
    passed = [m.span() for m in elapsed.finditer(tail)] if elapsed else []

    def elapsed_time(raw: str) -> bool:  # "nearly two weeks" overlaps "two weeks of escalating violence"
        at = tail.find(raw)
        return any(at < end and start < at + len(raw) for start, end in passed)

    return [q for q in own_quantities(r) if q.kind == "duration" and q.unit in UNIT_DAYS and not elapsed_time(q.raw)]


def own_quantities(r: Reported) -> list:
    """Quantities written from the trigger on (a 'two-hour call' before it is not a term)."""
    tail = r.after_trigger
    return [q for q in r.event.quantities if q.raw and q.raw in tail]


#: A non-restrictive relative clause: ", which Washington monitors,".
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,")


def _full_text(r: Reported) -> str:
    """Trigger, object and counted units; a relative clause on the object describes it and is left out
    ("agreed that the arrangement, which Washington monitors, would stay": no monitoring deal)."""
    units = " ".join(f"{q.unit} {q.qualifier or ''}" for q in r.event.quantities)
    text = r.text.replace(r.event.condition, " ") if r.event.condition else r.text
    return f"{_RELATIVE.sub(' ', text)} {units}"  # "accepted the renewal on condition that ... open the roads"


#: "signed a deal on Friday to reopen the ports ...": the words that say what a bare "deal" is for,
#: up to the end of its clause
_PURPOSE = re.compile(r"^[^,;:.]*?\bto\s+([^,;:.]+)")
#: "pulled out of the shipping deal on Sunday": what was left, up to the clause's next phrase
_LEFT = re.compile(r"^\S+(?:\s+out)?\s+(?:of|from)\s+((?:(?!\b(?:after|before|since|amid|as|despite|over|on|in)\b)[^,;:.])+)")


def _first_rule(text: str, r: Reported, kb: LedgerKnowledge, kinds: tuple[str, ...] | None = None) -> str | None:
    for rule in kb.instruments:
        if kinds is not None and rule.kind not in kinds:
            continue
        if rule.modes and r.event.mode in rule.modes:
            return rule.kind
        if rule.any.items and rule.any.search(text) and (rule.with_ is None or rule.with_.search(text)):
            return rule.kind
    return None


def _bare_deal(r: Reported, kb: LedgerKnowledge) -> bool:
    """The object is only a deal noun ("a deal", "the agreement"), its content said elsewhere."""
    words = (r.event.object or "").lower().split()
    return 0 < len(words) <= 3 and words[-1] in kb.deal_nouns


def instrument_of(r: Reported, kb: LedgerKnowledge) -> tuple[str, Scope] | None:
    """The instrument kind and scope an event names, or None."""
    text = _full_text(r)
    kind = _first_rule(text, r, kb)
    if kind is None and _bare_deal(r, kb) and (m := _PURPOSE.match(r.after_trigger)):
        kind = _first_rule(f"{text} {m.group(1)}", r, kb)  # "signed a deal in Oslo to reopen the ports"
    if kind is None:
        return None
    if kind == "withdrawal":
        # "withdrew from the ceasefire agreement", "pulled out of the grain deal": the agreement left,
        # not a pull-back of troops
        left = r.event.object or ((m := _LEFT.match(r.after_trigger)) and m.group(1))
        kind = (left and _first_rule(left, r, kb, ("ceasefire", "framework", "other"))) or kind
    if kind == "framework":  # "signed a memorandum ... to set up a centre to monitor the ceasefire"
        kind = _first_rule(r.after_trigger, r, kb, ("monitoring",)) or kind
    obj = " ".join(p for p in (r.event.evidence.trigger, r.event.object) if p)
    scope = Scope(targets=kb.categories(kb.targets, obj), areas=kb.categories(kb.areas, obj))
    if kind == "ceasefire":
        partial = (scope.targets or scope.areas or kb.partial_words.search(obj)) and not kb.full_words.search(obj)
        # one actor declares it; a truce announced "between Israel and Iran" by a third is theirs, two-sided
        between = set(codes(r.event.recipient)) - set(codes(r.event.actor)) - {"UNK"}
        declared = r.event.event in ("CONCEDE", "AGREE") and _declares(r, kb) and len(codes(r.event.actor)) == 1 \
            and len(between) < 2
        kind = "partial_ceasefire" if partial else "unilateral_truce" if declared else "full_ceasefire"
    if kind not in ("partial_ceasefire", "humanitarian_pause", "unilateral_truce"):
        scope = Scope()
    return kind, scope


def _declares(r: Reported, kb: LedgerKnowledge) -> bool:
    return dict(kb.status_cues)["declared"].search(r.event.evidence.trigger)


def _cued_status(r: Reported, kb: LedgerKnowledge, kind: str) -> str | None:
    """A status named by cue words: in the trigger ("extended"), or a step stated after the
    agreement's own noun ("the truce expired", "the ceasefire was extended")."""
    cues, settled = dict(kb.status_cues), dict(kb.settled_cues)
    trigger = r.event.evidence.trigger
    nominal = _noun_trigger(trigger) and instrument_of(
        Reported(r.event.model_copy(update={"object": None, "quantities": []}), r.outlet, r.published), kb) is not None
    words = len(trigger.split())
    # "withdrew from the ceasefire", "pulled out of the deal" end it; troops withdrawing from villages
    # carry out a withdrawal
    phrasal = trigger if kind in DELIVERED_KINDS else " ".join(r.after_trigger.split()[:words + 1]) or trigger
    for status in _CUED:
        # after the agreement's own noun only a settled form is a step: "the truce expires on
        # 2 August" is its schedule
        if (not nominal and cues[status].search(phrasal)) or (nominal and settled[status].search(r.after_trigger)):
            return status
    words = (r.event.object or "").split()
    if words and words[0].lower() in ("an", "a", "the") and len(words) > 2 and words[1].lower() in kb.deal_nouns \
            and words[2].lower() == "to":
        words = words[3:]  # "reached an agreement to extend the ceasefire": what was agreed
    head = " ".join(words[:3])
    if r.event.event in ("AGREE", "CONCEDE", "SUPPORT") and cues["extended"].search(head) \
            and not head.split()[0].lower().endswith("ing"):
        return "extended"  # "agreed to extend the truce by five days": this truce, longer ("talk about prolonging" is not)
    return None


def _noun_trigger(trigger: str) -> bool:
    """'the truce', 'the exchange': not a verb form ('withdrew', 'released'), whose clause ends before
    any later words ('withdrew ... by the extended deadline')."""
    last = trigger.split()[-1].lower() if trigger.split() else ""
    return not last.endswith(("ed", "ing")) and last not in _IRREGULAR_PASTS


def status_of(r: Reported, kb: LedgerKnowledge, kind: str) -> str | None:
    """The status step an event reports for the instrument (of `kind`) it names."""
    ev = r.event
    if ev.modality.value == "predicted" and kind in CEASEFIRES:
        planned = _planned(r, kb)
        if planned:
            return planned
    # "announced its readiness to accept", "ready to release 23 soldiers": a pledge of its own act
    if ev.modality.value == "negated" and ev.actor and (ev.event in ("AGREE", "CONCEDE") or (
            ev.event == "SUPPORT" and kb.signing_cues.search(ev.evidence.trigger))):
        return "rejected"  # "left Moscow without signing", "did not agree to the truce": declined it
    pledged = ev.modality.value == "intended" and (_declares(r, kb) or ev.event == "RETREAT")
    if (ev.modality.value in _SKIP and not pledged) or denies_accusation(r, kb):
        return None
    cued = _cued_status(r, kb, kind)
    if cued:
        return cued
    if ev.modality.value == "proposed" or ev.event == "REQUEST":
        return "proposed"
    if ev.event == "REJECT":
        words = (ev.object or "").lower().split()
        # "halted the implementation of the accord": left, not turned down
        return "suspended" if any(w in kb.carrying_out for w in words[:2]) else "rejected"
    if ev.event in ("AGREE", "CONCEDE"):
        if ev.standing and not _declares(r, kb):
            return None  # "willing to talk about prolonging the truce": an offer, which positions record
        return "declared" if _declares(r, kb) else "accepted"
    if ev.event == "SUPPORT" and ev.modality.value == "asserted" and kb.signing_cues.search(ev.evidence.trigger):
        return "accepted"  # signed or ratified it (supporting "the idea of a ceasefire" is not accepting one)
    if ev.event == "RETREAT" and kind in DELIVERED_KINDS:
        return "implemented" if ev.modality.value == "asserted" else "declared"
    return None


def _planned(r: Reported, kb: LedgerKnowledge) -> str | None:
    """'The truce is to take effect on Monday', 'is due to expire on 3 June': the start or end
    of its term ("starts", "ends"), which is no step taken."""
    d = r.event.date
    if not d.date or publication_day(d) or not _noun_trigger(r.event.evidence.trigger):
        return None
    cues = dict(kb.status_cues)
    if cues["in_force"].search(r.after_trigger):
        return "starts"
    if cues["expired"].search(r.after_trigger):
        return "ends"
    return None


def _own_word(r: Reported, by: list[str], kb: LedgerKnowledge, brokers: set[str] = frozenset()) -> bool:
    """False when only someone else (not a mediator) reports this party's step: a side's own
    word, a usual mediator's, or that of the host or broker of these talks ("the sides agreed,
    Lavrov announced after the talks in Moscow"): a third party announcing what two sides agreed."""
    speakers = set(codes(r.event.attribution.speaker)) - {"UNK"}
    return not speakers or bool(speakers & (set(by) | kb.mediators | brokers)) or len(set(by) - speakers) >= 2


def _mediations(reps: list[Reported]) -> dict[tuple[str, int], set[str]]:
    """Who mediates, by sentence: the actors of CONSULT third-party events ("brokered by X")."""
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for r in reps:
        if r.event.event == "CONSULT" and r.event.mode == "third-party":
            out[(r.event.evidence.article_id, r.event.evidence.sentence_start)] |= set(codes(r.event.actor))
    return out


def codes_named(reps: list[Reported], key) -> dict:
    """The actor and recipient codes the events name, grouped by `key(event)` (a sentence, a page)."""
    named: dict = defaultdict(set)
    for r in reps:
        named[key(r.event)] |= set(codes(r.event.actor)) | set(codes(r.event.recipient))
    return named


def _sides_in_sentence(reps: list[Reported], kb: LedgerKnowledge) -> dict[tuple[str, int], tuple[str, ...]]:
    """The two sides a sentence's other events name, by sentence ("a truce took effect at 8 a.m., and
    within minutes Azerbaijan accused Armenia ..."): only where exactly two, neither a usual mediator."""
    named = codes_named(reps, lambda ev: (ev.evidence.article_id, ev.evidence.sentence_start))
    sides = {k: v - {"UNK"} - kb.mediators for k, v in named.items()}
    return {k: tuple(sorted(v)) for k, v in sides.items() if len(v) == 2}


def observations(reps: list[Reported], kb: LedgerKnowledge, named: "Brokers") -> list[Observation]:
    out = []
    sentence_sides = _sides_in_sentence(reps, kb)
    for r in reps:
        found = instrument_of(r, kb)
        if not found:
            continue
        kind, scope = found
        status = status_of(r, kb, kind)
        if not status:
            continue
        ev = r.event
        by = codes(ev.actor)
        if not by and status not in _CUED and status not in PLANNED and status != "proposed":
            continue
        # named in this sentence or one or two around it; "the mediators said ...": those the report named
        brokers = set(named.nearby.get((ev.evidence.article_id, ev.evidence.sentence_start), set()))
        if kb.mediator_words.search(r.sentence):
            brokers |= named.by_article.get(ev.evidence.article_id, set())
        if by and not _own_word(r, by, kb, brokers - set(by)):
            continue
        others = codes(ev.recipient)
        if status in _AGENTLESS or (status == "collapsed" and not by):
            # "the ceasefire between X and Y expired": X and Y are its parties; nobody acted
            by, others = [], sorted({*by, *others}) or list(
                sentence_sides.get((ev.evidence.article_id, ev.evidence.sentence_start), ()))
        if ev.event != "CONSULT":  # "in talks facilitated by China, the alliance agreed": the agreer is a side
            brokers -= set(by)
        brokers = tuple(sorted(brokers - {"UNK"}))
        credited = set(named.credited.get((ev.evidence.article_id, ev.evidence.sentence_start), set()))
        if kind not in ONE_SIDED_KINDS and status in _ANNOUNCED:
            # "Israel and Hamas agreed to extend the truce, Qatar said": a usual mediator announcing it
            # "Armenia and Azerbaijan agreed to a truce, Lavrov announced": the third party announcing it
            credited |= {c for c in codes(ev.attribution.speaker) if c in kb.mediators or len(set(by) - {c}) >= 2}
        credited -= {*by, *others, *brokers, "UNK"}
        out.append(Observation(kind, scope, status, tuple(c for c in by if c not in brokers),
                               tuple(c for c in others if c not in brokers), r, brokers=brokers,
                               credited=tuple(sorted(credited))))
        if ev.event in ("REJECT", "AGREE", "CONCEDE") and ev.recipient and (authors := proposers(r, kb)):
            out.append(Observation(kind, scope, "proposed", authors, tuple(by), r, True))
    return out




def mediators_named(r: Reported, kb: LedgerKnowledge) -> tuple[str, ...]:
    """Codes of the actors the sentence names as mediators ("mediated by Qatar and Egypt",
    "the US-brokered truce", "Saudi and American mediators")."""
    out = {code for m in kb.brokered.finditer(r.sentence) if (code := _actor_code(m.group(1), r))}
    for m in (kb.mediator_nouns.regex.finditer(r.sentence) if kb.mediator_nouns and kb.mediator_nouns.regex else ()):
        out |= _codes_in(_names_before(r.sentence[:m.start()]), r)
        after = _NAMES_AFTER.match(r.sentence[m.end():])
        if after and (after.group("how") != "," or after.group("end")):
            out |= _codes_in(after.group("names"), r)  # "mediators in Qatar and Egypt", "mediators, Qatar and Egypt,"
    found = kb.mediation_cues.find(r.sentence) if kb.mediation_cues else None
    if found is not None:
        tail = named_list(r.sentence[found.end():])
        refs = [*r.event.actor, *r.event.recipient, *r.event.attribution.speaker]
        out |= {a.code for a in refs if a.entity_text and a.entity_text in tail}
        out |= {code for name in _NAMES.findall(tail) if (code := _actor_code(name, r))}
    return tuple(sorted(out - {"UNK"}))


def credited_named(r: Reported, kb: LedgerKnowledge) -> tuple[str, ...]:
    """Codes of those a sentence thanks for their part ("thanked Qatar and Egypt for their efforts")."""
    found = kb.credit_verbs.find(r.sentence) if kb.credit_verbs else None
    if found is None:
        return ()
    rest = r.sentence[found.end():]
    head, sep, tail = rest.partition(" for ")
    if not sep or not kb.credit_objects.search(" ".join(tail.split()[:4])):
        return ()
    return tuple(sorted(_codes_in(head, r) - {"UNK"}))


def _names_before(text: str) -> str:
    """The names or adjectives right before a noun: "Saudi and American" in "... with Saudi and
    American mediators"."""
    words = text.split()
    kept: list[str] = []
    for w in reversed(words):
        if not (w[:1].isupper() or (kept and w.lower() == "and")):
            break
        kept.insert(0, w)
    while kept and not kept[0][:1].isupper():
        kept.pop(0)
    return " ".join(kept)


def _codes_in(text: str, r: Reported) -> set[str]:
    """Codes of the capitalised names in a phrase, each looked up on the report's day."""
    return {code for name in _NAMES.findall(text) if (code := _actor_code(name, r))}




_NAME = r"(?:the\s+)?[A-Z][\w.'-]*(?:\s+(?:of\s+)?[A-Z][\w.'-]*)*"
#: A list of names right after a mediator noun: "in Qatar and Egypt", ", Qatar, Egypt and the US,".
_NAMES_AFTER = re.compile(rf"(?P<how>\s*,|\s+in|\s+from)\s+(?P<names>{_NAME}(?:\s*,\s*{_NAME})*"
                          rf"(?:\s*,?\s+and\s+{_NAME})?)(?P<end>\s*[,.;)]|\s*$)?")
#: Capitalised names in a phrase ("Qatar and the African Union", "Egypt, Qatar and the US").
_NAMES = re.compile(r"\b[A-Z][\w.'-]*(?:\s+(?:of\s+)?[A-Z][\w.'-]*)*")



def _actor_code(name: str, r: Reported) -> str | None:
    on = date.fromisoformat(r.published[:10]) if r.published and len(r.published) >= 10 else None
    ref = load_actors().lookup(name, on)
    return ref.code if ref is not None else None


@dataclass(frozen=True)
class Brokers:
    """Who the reports name as mediators: per article, and per sentence with events together with
    the `windows.mediator_sentences` sentences with events around it ("... talks mediated by
    Qatar. The truce ...")."""

    by_article: dict[str, set[str]]
    nearby: dict[tuple[str, int], set[str]]
    credited: dict[tuple[str, int], set[str]] = field(default_factory=dict)  # thanked, nearby


def named_brokers(reps: list[Reported], kb: LedgerKnowledge) -> Brokers:
    """Mediators named after a cue, as "X-brokered", or as actors of a third-party meeting."""
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for key, found in _mediations(reps).items():
        by_sentence[key] |= found
    thanked: dict[tuple[str, int], set[str]] = defaultdict(set)
    starts: dict[str, set[int]] = defaultdict(set)
    for r in reps:
        key = (r.event.evidence.article_id, r.event.evidence.sentence_start)
        starts[key[0]].add(key[1])
        if kb.mediation_cues.find(r.sentence) or kb.brokered.search(r.sentence) or kb.mediator_nouns.search(r.sentence):
            by_sentence[key] |= set(mediators_named(r, kb))
        thanked[key] |= set(credited_named(r, kb))
    by_article: dict[str, set[str]] = defaultdict(set)
    for (article, _), found in by_sentence.items():
        by_article[article] |= found
    reach = kb.windows["mediator_sentences"]
    return Brokers(by_article=dict(by_article), nearby=_around(by_sentence, starts, reach),
                   credited=_around(thanked, starts, reach))


def _around(by_sentence: dict[tuple[str, int], set[str]], starts: dict[str, set[int]],
            reach: int) -> dict[tuple[str, int], set[str]]:
    """For each sentence with events: what the `reach` sentences with events on either side name."""
    out: dict[tuple[str, int], set[str]] = {}
    for article, found in starts.items():
        order = sorted(found)
        for i, start in enumerate(order):
            out[(article, start)] = set().union(*(by_sentence.get((article, s), set())
                                                  for s in order[max(0, i - reach):i + reach + 1]))
    return out
