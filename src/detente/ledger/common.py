"""What every ledger step needs about an event: its article, outlet, dates, evidence.

`Reported` pairs an event with its article so the steps never look the article
up again; `sort_key` orders reports by stable content (date, publication,
article id, offset, id) so that the ledger does not depend on input order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from detente.knowledge.actors import load_kb as load_actors
from detente.ledger.records import EvidenceRef, Mention
from detente.records import Article, DateRef, Event, date_span

if TYPE_CHECKING:
    from detente.knowledge.ledger import LedgerKnowledge


@dataclass(frozen=True)
class Reported:
    """An event with the article that reported it."""

    event: Event
    outlet: str | None
    published: str | None

    @property
    def source(self) -> str:
        """The independent source: the outlet, or the article where the outlet is unknown."""
        return self.outlet or self.event.evidence.article_id

    @property
    def date(self) -> str | None:
        return self.event.date.date

    @property
    def sort_key(self) -> tuple:
        ev = self.event
        return (ev.date.date or "9999", self.published or "9999", ev.evidence.article_id,
                ev.evidence.trigger_start, ev.id)

    @property
    def text(self) -> str:
        """Trigger and object: the words that name what happened."""
        ev = self.event
        return " ".join(p for p in (ev.evidence.trigger, ev.object or "") if p)

    @property
    def sentence(self) -> str:
        return self.event.evidence.sentence

    @property
    def before_trigger(self) -> str:
        """The sentence up to the trigger (for cues such as 'will not')."""
        e = self.event.evidence
        return e.sentence[: max(0, e.trigger_start - e.sentence_start)]

    @property
    def after_trigger(self) -> str:
        e = self.event.evidence
        return e.sentence[max(0, e.trigger_start - e.sentence_start):]

    def evidence(self) -> EvidenceRef:
        ev = self.event
        return EvidenceRef(event_id=ev.id, article_id=ev.evidence.article_id, outlet=self.outlet,
                           date=ev.date.date, sentence=ev.evidence.sentence.strip(),
                           speaker=sorted({s.code for s in ev.attribution.speaker}))

    def mention(self) -> Mention:
        e = self.event.evidence
        return Mention(article_id=e.article_id, event_id=self.event.id, outlet=self.outlet,
                       published=self.published, sentence=e.sentence.strip(),
                       offsets=(e.trigger_start, e.trigger_end))


def publication_day(d: DateRef) -> bool:
    """A date that is only the report's day (a flagged fallback), not a day its story named (an
    inherited fallback is the day the report last named: still that story's day)."""
    return d.fallback and not d.inherited


def reports(events: list[Event], articles: dict[str, Article]) -> list[Reported]:
    """Events (duplicates by id dropped) with their articles, in stable order."""
    unique = {ev.id: ev for ev in sorted(events, key=lambda e: e.model_dump_json())}
    out = []
    for ev in unique.values():
        art = articles.get(ev.evidence.article_id)
        undated = bool(art and art.metadata.get("published_fallback"))
        if undated and publication_day(ev.date):
            # an undated page's stand-in date says nothing about when (a day the page named earlier does)
            ev = ev.model_copy(update={"date": ev.date.model_copy(update={"date": None, "precision": "unknown"})})
        out.append(Reported(ev, art.outlet if art else None,
                            art.published.isoformat() if art and art.published and not undated else None))
    return sorted(out, key=lambda r: r.sort_key)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two dates' spans (0 when they overlap); None when either is unknown."""
    sa, sb = date_span(a), date_span(b)
    if sa is None or sb is None:
        return None
    if sa[1] < sb[0]:
        return (sb[0] - sa[1]).days
    if sb[1] < sa[0]:
        return (sa[0] - sb[1]).days
    return 0


def add_days(value: str | None, days: float) -> str | None:
    span = date_span(value)
    return (span[0] + timedelta(days=int(days))).isoformat() if span else None


def codes(refs) -> list[str]:
    """Distinct actor codes, sorted; UNK (unresolved) left out."""
    return sorted({r.code for r in refs if r.code and r.code != "UNK"})


def denies_accusation(r: Reported, kb: "LedgerKnowledge") -> bool:
    """'denied that its units attacked', 'rejected the army's charge that ...': a denial of an
    accusation, not a refusal of what it names."""
    ev = r.event
    head = " ".join((ev.object or "").split()[:4])
    return ev.event == "REJECT" and bool(kb.denial_verbs.search(ev.evidence.trigger) or kb.denied_objects.search(head)
                                         or head.lower().startswith("that "))


def named_list(text: str) -> str:
    """The list of names right after a mediation cue: "Qatar, Egypt and the United States" from
    "mediated by Qatar, Egypt and the United States, the two sides agreed ..."."""
    head = re.split(r"[.;:]|,\s*(?:and|but|which|who)\b", text, maxsplit=1)[0]
    parts = head.split(",")
    kept = [parts[0]]
    for part in parts[1:]:
        words = [w for w in part.split() if w.lower() not in ("the", "and", "of")]
        if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
            break  # a clause, not one more name of the list
        kept.append(part)
    return ",".join(kept)


def proposers(r: Reported, kb: "LedgerKnowledge") -> tuple[str, ...]:
    """"accepted a plan drawn up by the US and France, and that Israel and Hezbollah would stop":
    the recipients named right after "proposed by" (the US and France), not the others."""
    found = kb.proposed_by.find(r.event.object or "")
    if found is None:
        return ()
    tail = named_list(r.event.object[found.end():])
    named = [c for a in r.event.recipient if a.entity_text and a.entity_text in tail and (c := a.code) != "UNK"]
    return tuple(sorted(set(named or codes(r.event.recipient))))


def one_war(a: set[str], b: set[str]) -> bool:
    """Codes of the sides of one war: the same code, an armed group and a state it fights in (Hamas and
    Palestine; the Tigrayan leaders and Addis Ababa), or two groups fighting in one state."""
    kb = load_actors()
    return any(x == y or y in kb.fights_in(x) or x in kb.fights_in(y) or set(kb.fights_in(x)) & set(kb.fights_in(y))
               for x in a for y in b)
