"""Step 1: the same real-world event reported by several articles becomes one cluster.

Two reports are the same event when they have the same PLOVER type, the same
polarity of modality, overlapping actors (and recipients where both name
some), dates within `windows.cluster_days`, and a similar object (shared
content words) or the same place.  Two events of one sentence are never merged,
even through a third.  Every mention is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from detente.ledger.common import Reported, codes, days_apart
from detente.knowledge.ledger import LedgerKnowledge
from detente.records import date_span
from detente.ledger.records import EventCluster, make_id

_WORD = re.compile(r"[a-z][a-z\-]{2,}")
_STOP = frozenset("the and for with from that this its their his her has have had was were will would "
                  "said says about into over under after before per each side sides".split())
_POLARITY = {"asserted": "real", "historical": "real", "conditional": "real"}


def content_words(text: str | None) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall((text or "").lower()) if w not in _STOP)


_words = lru_cache(maxsize=65536)(content_words)


def similar_objects(a: Reported, b: Reported) -> bool:
    wa, wb = _words(a.event.object), _words(b.event.object)
    if wa and wb and len(wa & wb) / len(wa | wb) >= 0.3:
        return True
    la, lb = a.event.event_loc, b.event.event_loc
    return bool(la and lb and la.name == lb.name)


def same_event(a: Reported, b: Reported, window: int) -> bool:
    """Whether two reports (of different sentences) describe one real-world event."""
    ea, eb = a.event, b.event
    if ea.event != eb.event:
        return False
    if _POLARITY.get(ea.modality.value, ea.modality.value) != _POLARITY.get(eb.modality.value, eb.modality.value):
        return False
    aa, ab = set(codes(ea.actor)), set(codes(eb.actor))
    if not (aa and ab and aa & ab):
        return False
    ra, rb = set(codes(ea.recipient)), set(codes(eb.recipient))
    if ra and rb and not ra & rb:
        return False
    apart = days_apart(a.date, b.date)
    if apart is None or apart > window:
        return False
    return similar_objects(a, b)


def _sentence_key(r: Reported) -> tuple[str, int]:
    return r.event.evidence.article_id, r.event.evidence.sentence_start


def cluster_events(reps: list[Reported], kb: LedgerKnowledge) -> tuple[list[EventCluster], dict[str, str]]:
    """Clusters (sorted by date and id) and a map event id -> cluster id."""
    window = kb.windows["cluster_days"]
    parent = list(range(len(reps)))
    sentences: dict[int, set[tuple[str, int]]] = {i: {_sentence_key(r)} for i, r in enumerate(reps)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only events with a date can merge; compare each with the later ones inside the window.
    by_type: dict[str, list[tuple]] = {}
    for i, r in enumerate(reps):
        span = date_span(r.date)
        if span is not None:
            by_type.setdefault(r.event.event, []).append((span[0].toordinal(), span[1].toordinal(), i))
    for members in by_type.values():
        members.sort()
        for x, (_, last_i, i) in enumerate(members):
            for first_j, _, j in members[x + 1:]:
                if first_j - last_i > window:
                    break
                ri, rj = find(i), find(j)
                if ri == rj or sentences[ri] & sentences[rj]:
                    continue
                if same_event(reps[i], reps[j], window):
                    keep, gone = min(ri, rj), max(ri, rj)
                    parent[gone] = keep
                    sentences[keep] |= sentences.pop(gone)

    groups: dict[int, list[Reported]] = {}
    for i, r in enumerate(reps):
        groups.setdefault(find(i), []).append(r)
    clusters, index = [], {}
    for members in groups.values():
        cluster = _cluster(members)
        clusters.append(cluster)
        for eid in cluster.event_ids:
            index[eid] = cluster.id
    clusters.sort(key=lambda c: (c.date or "9999", c.id))
    return clusters, index


def _cluster(members: list[Reported]) -> EventCluster:
    members = sorted(members, key=lambda r: r.sort_key)
    best = max(members, key=lambda r: (len(r.event.actor) + len(r.event.recipient),
                                       r.event.date.precision == "day", [-ord(c) for c in r.event.id]))
    ev = best.event
    ids = sorted(r.event.id for r in members)
    return EventCluster(
        id=make_id("c", *ids), event=ev.event, mode=ev.mode, modality=ev.modality.value,
        actor=codes(ev.actor), recipient=codes(ev.recipient), object=ev.object, date=ev.date.date,
        place=ev.event_loc.name if ev.event_loc else None, event_ids=ids,
        mentions=[r.mention() for r in members], n_sources=len({r.source for r in members}))
