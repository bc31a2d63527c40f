"""Stable ids: a record keeps its id when more reports arrive.

`build_ledger` is pure: every id is a hash of the record's first report, so an
earlier report arriving later would give the record a new id and break saved
links.  `carry_ids(new, old)` gives each new record the id of the stored record it
continues: the one sharing the most evidence (event ids), each old id used once;
allegations follow their agreement's carried id.  A record with no predecessor keeps
its own content id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Sequence, TypeVar

from detente.ledger.records import Agreement, Allegation, EventCluster, Ledger, Position

R = TypeVar("R", Agreement, Allegation, Position, EventCluster)


def _agreement_events(a: Agreement) -> set[str]:
    return {m.event_id for m in a.mentions} | {e.event_id for h in a.history for e in h.evidence}


def _evidence_events(r: Allegation | Position) -> set[str]:
    return {e.event_id for e in r.evidence}


def _cluster_events(c: EventCluster) -> set[str]:
    return set(c.event_ids)


def _mapping(new: Sequence[R], old: Sequence[R], events: Callable[[R], set[str]],
             same: Callable[[R, R], bool] = lambda a, b: True) -> dict[str, str]:
    """new id -> old id, by the largest evidence overlap first (ties: ids, for determinism).
    Old records are found through an index of their event ids, not by comparing every pair."""
    holders: dict[str, list[R]] = defaultdict(list)
    for o in old:
        for event_id in events(o):
            holders[event_id].append(o)
    pairs = []
    for n in new:
        sharing = [o for event_id in events(n) for o in holders.get(event_id, ())]
        shared, by_id = Counter(o.id for o in sharing), {o.id: o for o in sharing}
        pairs += [(-count, n.id, old_id) for old_id, count in shared.items() if same(n, by_id[old_id])]
    out: dict[str, str] = {}
    taken: set[str] = set()
    for _, new_id, old_id in sorted(pairs):
        if new_id not in out and old_id not in taken:
            out[new_id] = old_id
            taken.add(old_id)
    return out


def _renamed(records: Sequence[R], mapping: dict[str, str]) -> list[R]:
    return [r.model_copy(update={"id": mapping[r.id]}) if r.id in mapping else r for r in records]


def carry_ids(new: Ledger, old: Ledger) -> Ledger:
    """`new` with each record's id taken from the `old` record it continues."""
    agreements = _mapping(new.agreements, old.agreements, _agreement_events)
    allegations = _mapping(new.allegations, old.allegations, _evidence_events)
    positions = _mapping(new.positions, old.positions, _evidence_events, lambda a, b: a.party == b.party)
    clusters = _mapping(new.clusters, old.clusters, _cluster_events)
    linked = [v.model_copy(update={"agreement_id": agreements.get(v.agreement_id, v.agreement_id)})
              for v in _renamed(new.allegations, allegations)]
    return Ledger(clusters=_renamed(new.clusters, clusters), positions=_renamed(new.positions, positions),
                  agreements=_renamed(new.agreements, agreements), allegations=linked)
