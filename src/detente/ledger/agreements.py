"""Step 3: agreements — instruments found in events, merged across reports, with status history.

An event names an instrument when its trigger, mode, object or counted units
match an instrument rule of ledger.yaml (first rule wins); ceasefires become
full or partial by their scope.  The event's type and modality give the status
step (see `status_of`).  Observations of the same kind, compatible scope,
overlapping parties and within `windows.agreement_days` of the agreement's
last report merge into one agreement.  Values that sources give differently
(start, duration, counts) are kept in `disputed` with their sources.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from detente.ledger.common import Reported, add_days, codes, date_span, days_apart
from detente.ledger.knowledge import LedgerKnowledge
from detente.ledger.records import (Agreement, Condition, DisputedValue, QuantityTerm, Scope, StatusChange,
                                    Terms, make_id)

_SKIP = {"hypothetical", "negated", "predicted", "historical"}
_COUNTED = {"count"}
_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "hour": 1 / 24, "hours": 1 / 24}
#: Order of statuses reported on the same day (a proposal precedes its acceptance...).
STATUS_ORDER = ["proposed", "rejected", "accepted", "declared", "in_force", "extended", "implemented",
                "partly_implemented", "suspended", "collapsed", "expired"]
_PROMISE = {"proposed", "accepted", "declared", "rejected", "extended"}


@dataclass(frozen=True)
class Observation:
    """One event's statement about one instrument."""

    kind: str
    scope: Scope
    status: str
    by: tuple[str, ...]
    others: tuple[str, ...]
    report: Reported


def _full_text(r: Reported) -> str:
    units = " ".join(f"{q.unit} {q.qualifier or ''}" for q in r.event.quantities)
    return f"{r.text} {units}"


def instrument_of(r: Reported, kb: LedgerKnowledge) -> tuple[str, Scope] | None:
    """The instrument kind and scope an event names, or None."""
    text = _full_text(r)
    kind = None
    for rule in kb.instruments:
        if rule.modes and r.event.mode in rule.modes:
            kind = rule.kind
        elif rule.any.items and rule.any.search(text) and (rule.with_ is None or rule.with_.search(text)):
            kind = rule.kind
        if kind:
            break
    if kind is None:
        return None
    obj = " ".join(p for p in (r.event.evidence.trigger, r.event.object) if p)
    scope = Scope(targets=kb.categories(kb.targets, obj), areas=kb.categories(kb.areas, obj))
    if kind == "ceasefire":
        partial = (scope.targets or scope.areas or kb.partial_words.search(obj)) and not kb.full_words.search(obj)
        kind = "partial_ceasefire" if partial else "full_ceasefire"
    if kind not in ("partial_ceasefire", "humanitarian_pause", "unilateral_truce"):
        scope = Scope()
    return kind, scope


def status_of(r: Reported, kb: LedgerKnowledge) -> str | None:
    """The status step an event reports for the instrument it names."""
    ev = r.event
    if ev.modality.value in _SKIP:
        return None
    trigger = ev.evidence.trigger
    for status, cue in kb.status_cues:
        if status != "declared" and cue.search(trigger):
            return status
    if ev.modality.value == "proposed" or ev.event == "REQUEST":
        return "proposed"
    if ev.event == "REJECT":
        return "rejected"
    if ev.event in ("AGREE", "CONCEDE"):
        return "declared" if dict(kb.status_cues)["declared"].search(trigger) else "accepted"
    if ev.event == "RETREAT":
        return "implemented" if ev.modality.value == "asserted" else "declared"
    return None


def observations(reps: list[Reported], kb: LedgerKnowledge) -> list[Observation]:
    out = []
    for r in reps:
        found = instrument_of(r, kb)
        status = status_of(r, kb) if found else None
        if not found or not status:
            continue
        ev = r.event
        by = codes(ev.actor) or codes(ev.attribution.speaker)
        if not by:
            continue
        kind, scope = found
        out.append(Observation(kind, scope, status, tuple(by), tuple(codes(ev.recipient)), r))
        if ev.event in ("REJECT", "AGREE", "CONCEDE") and kb.proposed_by.search(ev.object) and ev.recipient:
            out.append(Observation(kind, scope, "proposed", tuple(codes(ev.recipient)), tuple(by), r))
    return out


def _compatible(obs: Observation, group: list[Observation], window: int) -> bool:
    head = group[0]
    if obs.kind != head.kind:
        return False
    for field in ("targets", "areas"):
        a, b = set(getattr(obs.scope, field)), set(getattr(head.scope, field))
        if a and b and not a & b:
            return False
    parties = {c for o in group for c in o.by + o.others}
    if not set(obs.by + obs.others) & parties:
        return False
    last = max((o.report.date for o in group if o.report.date), default=None)
    apart = days_apart(obs.report.date, last)
    return apart is None or apart <= window


def build_agreements(reps: list[Reported], kb: LedgerKnowledge, reference: str | None) -> list[Agreement]:
    """Agreements (sorted by first report date and id); `reference` is the newest publication date."""
    groups: list[list[Observation]] = []
    for obs in sorted(observations(reps, kb), key=lambda o: (o.report.sort_key, o.status, o.by)):
        match = next((g for g in groups if _compatible(obs, g, kb.windows["agreement_days"])), None)
        if match is None:
            groups.append([obs])
        else:
            match.append(obs)
    agreements = [_agreement(g, kb, reference) for g in groups]
    return sorted(agreements, key=lambda a: (a.history[0].date or "9999", a.id))


def _agreement(group: list[Observation], kb: LedgerKnowledge, reference: str | None) -> Agreement:
    head = group[0]
    everyone = sorted({c for o in group for c in o.by + o.others})
    mediators = [c for c in everyone if c in kb.mediators]
    parties = [c for c in everyone if c not in kb.mediators] or mediators
    mediators = [c for c in mediators if c not in parties]
    scope = Scope(targets=sorted({t for o in group for t in o.scope.targets}),
                  areas=sorted({a for o in group for a in o.scope.areas}))
    terms, disputed, start_obs = _terms(group, kb)
    history = _history(group, terms)
    accepted_by = {c for h in history if h.status in ("accepted", "declared") for c in h.by}
    if (terms.start and reference and start_obs is not None and accepted_by
            and (len(accepted_by & set(parties)) >= 2 or any(h.status == "declared" for h in history))
            and date_span(terms.start)[1] <= date_span(reference)[0]
            and not any(h.status == "in_force" for h in history)):
        history.append(StatusChange(status="in_force", by=sorted(accepted_by), date=terms.start,
                                    evidence=[start_obs.report.evidence()]))
        history.sort(key=_history_key)
    mentions = {o.report.event.id: o.report.mention() for o in group}
    return Agreement(
        id=make_id("a", head.kind, ",".join(scope.targets + scope.areas), head.report.event.id),
        kind=head.kind, label=_label(head.kind, scope, terms), parties=parties, mediators=mediators,
        scope=scope, terms=terms, history=history, status=history[-1].status, disputed=disputed,
        mentions=[mentions[k] for k in sorted(mentions, key=lambda k: next(
            o.report.sort_key for o in group if o.report.event.id == k))])


def _history_key(h: StatusChange) -> tuple:
    return (h.date or "9999", STATUS_ORDER.index(h.status), h.by)


def _history(group: list[Observation], terms: Terms) -> list[StatusChange]:
    promised = next((q.value for q in terms.quantities), None)
    steps: dict[tuple, list[Observation]] = defaultdict(list)
    for o in group:
        status = o.status
        delivered = None
        if status == "implemented":
            delivered = _count(o)
            if delivered is not None and promised is not None and delivered < promised:
                status = "partly_implemented"
        steps[(status, o.by, _step_date(o), delivered)].append(o)
    history = []
    for (status, by, date, delivered), items in steps.items():
        conditions = sorted({o.report.event.condition for o in items
                             if o.report.event.condition and o.report.event.actor})
        evidence = {o.report.event.id: o.report.evidence() for o in items}
        history.append(StatusChange(
            status=status, by=list(by), date=date, conditions=conditions,
            promised=promised if delivered is not None else None, delivered=delivered,
            evidence=[evidence[k] for k in sorted(evidence)]))
    return sorted(history, key=_history_key)


def _own_quantities(r: Reported) -> list:
    """Quantities written after the trigger (a 'two-hour call' before it is not a term)."""
    tail = r.after_trigger
    return [q for q in r.event.quantities if q.raw and q.raw in tail]


def _step_date(o: Observation) -> str | None:
    """When a step was reported: the event date, or publication day when the date is a planned start."""
    if o.status in ("accepted", "proposed", "declared", "rejected") and o.report.published \
            and _is_start(o, None) and (o.report.date or "") > o.report.published[:10]:
        return o.report.published[:10]
    return o.report.date


def _count(o: Observation) -> float | None:
    values = [q.value for q in _own_quantities(o.report) if q.kind in _COUNTED and q.unit not in ("side", "sides")]
    return max(values) if values else None


def _terms(group: list[Observation], kb: LedgerKnowledge) -> tuple[Terms, dict[str, list[DisputedValue]], Observation | None]:
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    quantities: dict[tuple, QuantityTerm] = {}
    conditions: dict[tuple, Condition] = {}
    start_obs: dict[str, Observation] = {}
    for o in group:
        ev, source = o.report.event, o.report.source
        if o.status not in _PROMISE:
            continue
        for q in _own_quantities(o.report):
            if q.kind == "duration" and q.unit in _DAYS:
                values["duration_days"][f"{q.value * _DAYS[q.unit]:g}"].add(source)
            elif q.kind in _COUNTED and q.unit not in ("side", "sides"):
                values["count"][f"{q.value:g}"].add(source)
                quantities.setdefault((q.value, q.unit), QuantityTerm(value=q.value, unit=q.unit, per=q.per,
                                                                      qualifier=q.qualifier))
        if ev.condition and o.status in ("accepted", "declared", "proposed"):
            conditions.setdefault((ev.condition, o.by), Condition(text=ev.condition, by=list(o.by)))
        if _is_start(o, kb):
            values["start"][ev.date.date].add(source)
            start_obs.setdefault(ev.date.date, o)
    chosen = {k: _choose(v) for k, v in values.items()}
    disputed = {k: [DisputedValue(value=val, sources=sorted(src)) for val, src in sorted(v.items())]
                for k, v in values.items() if len(v) > 1}
    start = chosen.get("start")
    duration = float(chosen["duration_days"]) if "duration_days" in chosen else None
    terms = Terms(start=start, duration_days=duration,
                  end=add_days(start, duration - 1) if start and duration and len(start) == 10 else None,
                  quantities=[quantities[k] for k in sorted(quantities, key=lambda k: (-k[0], k[1]))],
                  conditions=[conditions[k] for k in sorted(conditions)])
    return terms, disputed, start_obs.get(start) if start else None


def _choose(values: dict[str, set[str]]) -> str:
    """The value most sources give (the smallest on a tie, for determinism)."""
    return sorted(values.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0][0]


def _is_start(o: Observation, kb: LedgerKnowledge | None) -> bool:
    """Whether the event's date is the instrument's start ('from May 10', a date after publication)."""
    d = o.report.event.date
    if not d.date or d.fallback or d.inherited:
        return False
    if d.relation == "since" or (kb is not None and kb.start_cues.search(d.raw)):
        return True
    published = (o.report.published or "")[:10]
    span = date_span(d.date)
    return bool(published and span and span[0].isoformat() > published)


def _label(kind: str, scope: Scope, terms: Terms) -> str:
    words = kind.replace("_", " ")
    if terms.duration_days:
        words = f"{terms.duration_days:g}-day {words}"
    if kind == "prisoner_exchange" and terms.quantities:
        q = terms.quantities[0]
        words = f"{words} of {q.value:g} for {q.value:g}" if q.per else f"{words} of {q.value:g} {q.unit}"
    elif terms.quantities:
        q = terms.quantities[0]
        words = f"{words} of {q.value:g} {(q.qualifier + ' ') if q.qualifier else ''}{q.unit}"
    scoped = [s.replace("_", " ") for s in scope.targets + scope.areas]
    return f"{words} on {', '.join(scoped)}" if scoped else words
