"""Step 3b: agreements — the observations of detente.ledger.observations (what each event says about
an instrument) merged across reports into records with their status history.  Observations of a compatible
kind, scope, duration and parties within `windows.agreement_days` of the
agreement's last report merge into one agreement.  Values that sources give
differently (start, duration, counts) are kept in `disputed` with their sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import datetime

from dateutil import parser as dateparser

from detente.ledger.common import Reported, add_days, days_apart, one_war, publication_day
from detente.knowledge.actors import load_kb as load_actors
from detente.knowledge.ledger import LedgerKnowledge
from detente.records import DateRef, date_span
from detente.ledger.observations import (CEASEFIRES, DELIVERED_KINDS, ONE_SIDED_KINDS, PLANNED, UNIT_DAYS, Brokers,
                                         Observation, codes_named, named_brokers, observations, own_quantities,
                                         term_durations)
from detente.ledger.records import (Agreement, Condition, DisputedValue, QuantityTerm, Scope, StatusChange,
                                    Terms, make_id)

#: Order of statuses reported on the same day (a proposal precedes its acceptance...).
STATUS_ORDER = ["proposed", "rejected", "accepted", "declared", "in_force", "extended", "implemented",
                "partly_implemented", "violated", "suspended", "collapsed", "expired"]
_PROMISE = {"proposed", "accepted", "declared", "rejected", "extended"}
UNILATERAL_MOVES = {"withdrawal", "release"}
#: Kinds that may be reports of one instrument (a declared truce called "the three-day truce").
_FAMILY = {"full_ceasefire": "truce", "unilateral_truce": "truce"}
#: Reports of one promise this many days apart may still differ on a count (a disputed value).
_RESTATED_DAYS = 7
#: A truce "taking effect" this many days from the start already known is another truce.
_RESTART_DAYS = 2
#: Two signings of one kind by the same sides this many days apart are two agreements.
_RESIGNED_DAYS = 14
_FRESH = ("proposed", "accepted", "declared")
_ENDED = ("expired", "collapsed")
#: Steps only a side can take: a usual mediator taking one is a side of that agreement.
_BINDING = ("accepted", "rejected", "suspended", "implemented", "partly_implemented")
_SPAN = re.compile(r"\bfrom\s+(?P<start>[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+)"
                   r"(?:\s+(?:to|until|through)\s+(?P<end>[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+))?")



def _compatible(obs: Observation, group: list[Observation], window: int, kb: LedgerKnowledge) -> bool:
    head = group[0]
    if obs.kind != head.kind and not (_FAMILY.get(obs.kind) and _FAMILY.get(obs.kind) == _FAMILY.get(head.kind)):
        return False
    durations = {d for o in group if (d := o.duration) is not None}
    extension = obs.status == "extended"  # "extended by two days" is this truce, longer
    # "the six-month truce lapsed": the two-month truce renewed twice, ending
    ending = obs.status in _ENDED
    longer = ending and obs.duration is not None and durations and obs.duration > max(durations)
    if obs.duration is not None and durations and obs.duration not in durations and not (extension or longer):
        return False
    if obs.kind != head.kind and (obs.duration is None or not durations):
        return False
    # "a permanent ceasefire" is not the seven-day truce the same talks produced
    lasting = [o.duration is None and bool(kb.lasting_words.search(o.report.sentence)) for o in group]
    if obs.duration is None and kb.lasting_words.search(obs.report.sentence) and durations and not any(lasting):
        return False
    if obs.duration is not None and any(lasting) and not durations:
        return False
    if (obs.status == "rejected" and obs.kind in CEASEFIRES and obs.report.date and obs.by
            and set(obs.by) <= {c for o in group if o.status in ("declared", "accepted", "in_force")
                                and o.report.date and o.report.date < obs.report.date for c in o.by}):
        # a side refusing, days later, a truce it declared or accepted refuses another text ("left
        # Moscow without signing" after the truce both sides declared); not "Ukraine rejected Russia's truce"
        return False
    if (obs.kind in CEASEFIRES and obs.duration is None and kb.lasting_words.search(obs.report.sentence)
            and not any(lasting) and any(o.status in ("declared", "in_force") for o in group)):
        return False  # talks on "a permanent ceasefire" while a truce holds: another agreement than that truce
    for field in ("targets", "areas"):
        a, b = set(getattr(obs.scope, field)), set(getattr(head.scope, field))
        if a and b and not a & b:
            return False
    if obs.status in _PROMISE and obs.kind in DELIVERED_KINDS and _count(obs) is not None:
        # a new promise of another number, days after the last one, is another exchange
        promises = [o for o in group if o.status in _PROMISE and _count(o) is not None]
        if promises and _count(obs) not in {_count(o) for o in promises}:
            gap = days_apart(obs.report.date, max(o.report.date or "" for o in promises) or None)
            if gap is None or gap > _RESTATED_DAYS:
                return False
    if obs.status in _FRESH and obs.report.date:
        # a truce called "a new truce" or "a second ceasefire" is another one
        firsts = [o.report.date for o in group if o.report.date]
        if _names_another(obs, kb) and firsts and min(firsts) < obs.report.date:
            return False
    if _after_its_end(obs, group) or _took_effect_apart(obs, group, kb) or _agreed_again(obs, group):
        return False
    signed = _signed_on(obs, kb)
    if signed and any((d := _signed_on(o, kb)) and abs((date_span(d)[0] - date_span(signed)[0]).days) > _RESIGNED_DAYS
                      for o in group):
        return False  # a deal signed on its own day weeks after another's signing is another deal
    mine = set(obs.by + obs.others)
    parties = {c for o in group for c in o.by + o.others}
    if mine and parties and not mine & parties and not one_war(mine, parties):
        return False
    if _other_armed_groups(mine, parties):
        return False
    last = max((o.report.date for o in group if o.report.date), default=None)
    apart = days_apart(obs.report.date, last)
    if extension or ending:  # extended or ended within or near the end of its term: "a two-month truce"
        ends = [add_days(d, int(o.duration)) for o in group  # from April, extended in June
                if o.duration and (d := o.report.date) and len(d) == 10]
        if last and ends and obs.report.date and last <= obs.report.date <= max(ends):
            apart = 0
        elif last and ends:
            apart = days_apart(obs.report.date, max(last, *ends))
    if obs.kind in CEASEFIRES and _same_start(obs, group, kb):
        return True  # "the truce, which began on 2 April, expires on 2 June": months on, still that truce
    if obs.status in ("suspended", "collapsed", "extended") and mine & parties and not any(
            o.status in ("suspended", "collapsed", "expired") for o in group) and (
            obs.status != "extended" or mine <= parties):
        # "withdrew from the 2002 ceasefire" years later ends that ceasefire, however long it held;
        # "agreed to extend the ceasefire" two months on extends the open-ended one in force
        return True
    if (obs.kind not in CEASEFIRES and obs.status in _AFTER_SUSPENSION and obs.by and set(obs.by) <= parties
            and _latest_step(group) == "suspended"):
        # a deal that is no truce lives on after a suspension: "the grain deal", suspended in October,
        # is the one resumed in November and extended in March (a new signing is another deal)
        return True
    return apart is None or apart <= window


def _made_by_two(group: list[Observation]) -> bool:
    """Two sides took a step of it together: accepted, signed, in force between them, extended."""
    return any(len(set(o.by)) >= 2 and o.status in ("accepted", "declared", "in_force", "extended") for o in group)


#: Steps a suspended deal that is no truce can take later, months on: resumed, extended, suspended again.
_AFTER_SUSPENSION = ("in_force", "extended", "suspended")


def _latest_step(group: list[Observation]) -> str | None:
    """The status of the group's latest dated step (its undated ones when none is dated)."""
    dated = [o for o in group if o.report.date]
    return max(dated or group, key=lambda o: (o.report.date or "", STATUS_ORDER.index(o.status)
                                               if o.status in STATUS_ORDER else -1)).status if group else None


def _other_armed_groups(a: set[str], b: set[str]) -> bool:
    """Each names armed groups, none the same: the state's truce with the FARC dissidents is not
    its truce with the ELN, though the state is a side of both."""
    kb = load_actors()

    def kin(codes_: set[str]) -> set[str]:  # a group with the coalitions it belongs to (AFC for M23)
        return {x for c in codes_ if c in kb.armed_groups for x in (c, *kb.coalitions_of(c))}
    mine, theirs = kin(a), kin(b)
    return bool(mine and theirs and not mine & theirs)


def _after_its_end(obs: Observation, group: list[Observation]) -> bool:
    """A truce agreed or taking effect days after this one collapsed, expired or was suspended is another truce
    (the Moscow truce collapsed on the 15th; "the sides agreed to a humanitarian truce" on the 17th); so is
    any deal two sides make together after theirs was suspended (a joint statement signed weeks after one
    side suspended their accord)."""
    if obs.status not in (*_FRESH, "in_force") or len(obs.report.date or "") != 10:
        return False
    if obs.kind not in CEASEFIRES and (len(obs.by) < 2 or obs.status == "in_force"):
        return False
    # a deal suspended is over for this purpose too: "agreed to an immediate ceasefire" weeks after
    # one side suspended the accord is a new truce, not the accord resumed
    ended = [o.report.date for o in group if o.status in (*_ENDED, "suspended") and len(o.report.date or "") == 10]
    return bool(ended) and days_apart(obs.report.date, min(ended)) > 1 and obs.report.date > min(ended)


def _starts(o: Observation, kb: LedgerKnowledge | None) -> set[str]:
    """The days an observation says its instrument starts ("took effect on Monday", "from May 8")."""
    ev = o.report.event
    out = {t.date.date for t in ev.terms if t.kind == "start" and t.date.date and not t.date.fallback}
    if not out and o.status in ("in_force", "starts") and ev.date.date and not publication_day(ev.date):
        out.add(ev.date.date)  # "the truce, which began on 2 April, expires on 2 June": the term is the start
    span_start, _ = explicit_span(o.report)
    if span_start:
        out.add(span_start)
    elif _is_start(o, kb):
        out.add(ev.date.date)
    return {d for d in out if len(d) == 10}


def _same_start(obs: Observation, group: list[Observation], kb: LedgerKnowledge) -> bool:
    days = _starts(obs, kb)
    return bool(days) and any(days_apart(d, s) <= 1 for o in group for s in _starts(o, kb) for d in days)


def _took_effect_apart(obs: Observation, group: list[Observation], kb: LedgerKnowledge) -> bool:
    """A truce takes effect once: one that took effect days after this one's start, or over a week
    after its sides agreed to it with no start named, is another truce (the Moscow truce of the
    10th; "a humanitarian ceasefire took effect on Monday", the 26th)."""
    if obs.kind not in CEASEFIRES or obs.status != "in_force":
        return False
    days = _starts(obs, kb)
    if not days:
        return False
    day = min(days)
    starts = {d for o in group for d in _starts(o, kb)}
    if starts and _same_length(obs, group, max(days_apart(d, s) or 0 for s in starts for d in days)):
        return False  # "a six-month truce began on Thursday", in a page a week late: the same six months
    if starts:
        return day > max(starts) and all(days_apart(d, s) > _RESTART_DAYS for s in starts for d in days)
    agreed = [o.report.date for o in group if o.status in _FRESH and len(o.report.date or "") == 10]
    return bool(agreed) and day > max(agreed) and days_apart(day, max(agreed)) > _RESTATED_DAYS


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _lengths(o: Observation) -> set[float]:
    return {q.value * _UNIT_DAYS[q.unit] for q in o.report.event.quantities
            if q.kind == "duration" and q.unit in _UNIT_DAYS and q.value}


def _same_length(obs: Observation, group: list[Observation], apart: int) -> bool:
    """The group's truce has the stated length this one has, and starts less than a quarter of that
    length away: one truce, its start misdated in one report."""
    mine = _lengths(obs)
    return any(n in mine and apart < n / 4 for o in group for n in _lengths(o))


def _joint_day(o: Observation) -> str | None:
    """The day two sides or more were reported agreeing together, on a date of its own."""
    d = o.report.event.date
    if o.status != "accepted" or len(o.by) < 2 or d.fallback or d.inherited or len(d.date or "") != 10:
        return None
    return d.date


def _refusal_day(o: Observation) -> str | None:
    d = o.report.event.date
    if o.status != "rejected" or d.fallback or d.inherited or len(d.date or "") != 10:
        return None
    return d.date


def _agreed_again(obs: Observation, group: list[Observation]) -> bool:
    """Sides that agreed together weeks after they agreed this one made another deal (the Moscow
    truce of 10 October; the statement the leaders signed on 9 November)."""
    day = _joint_day(obs)
    if day is None:
        return False
    # ... or weeks after one of them refused it (the AU's call for a truce, turned aside in October;
    # the truce both sides signed in Pretoria in November)
    earlier = [d for o in group if (d := _joint_day(o) or _refusal_day(o)) and set(o.by) & set(obs.by)]
    return bool(earlier) and day > min(earlier) and days_apart(day, min(earlier)) > _RESIGNED_DAYS


def _names_another(obs: Observation, kb: LedgerKnowledge) -> bool:
    """"a new truce" before the trigger, or in the object before its instrument word ("pledged talks on
    an expanded truce")."""
    if kb.another.search(obs.report.before_trigger):
        return True
    obj = obs.report.event.object or ""
    rule_kind = "ceasefire" if obs.kind in CEASEFIRES else obs.kind
    rule = next((r for r in kb.instruments if r.kind == rule_kind and r.any.items), None)
    found = rule.any.find(obj) if rule else None
    return bool(found and kb.another.search(obj[:found.start()]))


def _signed_on(o: Observation, kb: LedgerKnowledge) -> str | None:
    """The day a signing reported with a date of its own took place ("signed ... on Wednesday")."""
    ev = o.report.event
    d = ev.date
    if (ev.event != "SUPPORT" or not kb.signing_cues.search(ev.evidence.trigger) or d.precision != "day"
            or d.fallback or d.inherited or not d.date or d.relation != "on"):
        return None
    return d.date


def build_agreements(reps: list[Reported], kb: LedgerKnowledge, reference: str | None,
                     named: Brokers | None = None) -> list[Agreement]:
    """Agreements (sorted by first report date and id); `reference` is the newest publication date;
    `named`: the mediators the reports name (computed when not given)."""
    groups: list[list[Observation]] = []
    named = named or named_brokers(reps, kb)
    page_codes = codes_named(reps, lambda ev: ev.evidence.article_id)
    orphans = []
    for obs in sorted(observations(reps, kb, named), key=lambda o: (o.report.sort_key, o.status, o.by)):
        # of the records it could belong to, the one reported last: "the truce" is the latest one
        fits = [g for g in groups if _compatible(obs, g, kb.windows["agreement_days"], kb)]
        if not (obs.by or obs.others or obs.report.date):
            # "the ceasefire officially started on Sunday" on an undated page, no side named: only a
            # truce between two sides the page names (never the latest truce of another war)
            page = obs.report.event.evidence.article_id
            on_page = page_codes.get(page, set())
            fits = [g for g in fits if len(on_page & {c for o in g for c in o.by + o.others}) >= 2
                    and not any(o.status in (*_ENDED, "suspended") for o in g)]  # "has held since": not over
            fits = [g for g in fits if any(o.report.event.evidence.article_id == page for o in g)] or (
                fits if len(fits) == 1 else [])  # with two truces of those sides, nothing tells which
        if obs.report.date is None and obs.status == "proposed":
            # an undated call for a truce: a new call, unless its own page reports that deal (a call
            # for "a ceasefire" on no known day is no step of the truce two sides declared in January)
            page = obs.report.event.evidence.article_id
            fits = [g for g in fits if any(o.report.event.evidence.article_id == page for o in g)]
        if obs.report.date is None and len(fits) > 1 and len(made := [g for g in fits if _made_by_two(g)]) == 1 \
                and set(obs.by) <= {c for o in made[0] for c in o.by + o.others}:
            fits = made  # of a deal and the scraps of calls around it, the deal two sides made, by its own sides
        if obs.report.date is None and len(fits) > 1:
            # an undated report of a deal its sides made more than once: the one on its own page, else
            # none (the latest is no better a guess than the first, and a record of its own would repeat one)
            page = obs.report.event.evidence.article_id
            fits = [g for g in fits if any(o.report.event.evidence.article_id == page for o in g)]
            if len(fits) != 1:
                continue
        if len(fits) > 1 and not obs.others:
            # "suspended a ceasefire with one of the armed groups" (no other side named): of the deals it
            # fits, those whose other side its page names (the EMC's truce on a page about the EMC)
            page = obs.report.event.evidence.article_id
            sided = [g for g in fits if ({c for o in g for c in o.by + o.others} - set(obs.by))
                     & page_codes.get(page, set())]
            fits = sided or fits
        match = max(fits, key=_last_reported, default=None)
        if match is not None:
            match.append(obs)
        elif obs.status in _ENDED and obs.report.published is None and obs.report.date:
            orphans.append(obs)
        else:
            groups.append([obs])
    for obs in orphans:
        # "the truce lapsed on Sunday" on an undated page, before anything else: its weekday was read
        # against a background date of the page, so it ends the truce it fits on no known day
        undated = replace(obs, report=replace(obs.report, event=obs.report.event.model_copy(
            update={"date": DateRef(date=None, precision="unknown")})))
        match = max((g for g in groups if _compatible(undated, g, kb.windows["agreement_days"], kb)),
                    key=_last_reported, default=None)
        if match is None:
            groups.append([obs])
        else:
            match.append(undated)
    groups = _answers(_one_document(groups))
    # A withdrawal or release only ever reported as done is a move, not an agreement;
    # an exchange takes two sides and stays.
    # a truce someone agreed, or one reported to have taken effect between two named sides
    agreements = [_agreement(g, kb, reference, named.by_article) for g in groups
                  if any(o.by or (o.status == "in_force" and len(o.others) >= 2) for o in g)
                  and (g[0].kind not in UNILATERAL_MOVES
                                               or any(o.status not in ("implemented", "proposed") for o in g))]
    return in_order([a for a in agreements if _has_its_sides(a, kb)])


def in_order(agreements: list[Agreement]) -> list[Agreement]:
    """Agreements by their first step's day (undated last), then id: the ledger's order."""
    return sorted(agreements, key=lambda a: (a.history[0].date or "9999", a.id))


def implied_agreements(charges: list[Observation], kb: LedgerKnowledge, reference: str | None,
                       named: Brokers) -> list[Agreement]:
    """Truces known only from charges of breaking them ("the opposition accused the government of
    violating the truce", with no report of the truce itself): one record per pair of sides and
    spell of charges (each within `agreement_days` of the last), in force as of the first charge
    (an inferred step), its parties the accuser and the accused, its mediators the pages' brokers."""
    groups: list[list[Observation]] = []
    for obs in sorted(charges, key=lambda o: o.report.sort_key):
        fits = [g for g in groups if set(g[0].others) == set(obs.others)
                and (days_apart(obs.report.date, _last_reported(g) or None) or 0) <= kb.windows["agreement_days"]]
        if fits:
            fits[-1].append(obs)
        else:
            groups.append([obs])
    out = []
    for g in groups:
        a = _agreement(g, kb, reference, named.by_article)
        sides = sorted({c for o in g for c in o.others})
        brokers = {c for o in g for c in named.by_article.get(o.report.event.evidence.article_id, ())}
        out.append(a.model_copy(update={"parties": sides, "mediators": sorted(brokers - set(sides))}))
    return out


def _last_reported(group: list[Observation]) -> str:
    return max((o.report.date for o in group if o.report.date), default="")


def _same_signing(a: list[Observation], b: list[Observation]) -> bool:
    """One side accepting both on the same day: "signed the peace plan" and "signed the ceasefire
    agreement" that Friday are one document."""
    return any(x.status == y.status == "accepted" and x.report.date and len(x.report.date) == 10
               and x.report.date == y.report.date and set(x.by) & set(y.by) for x in a for y in b)


def _one_document(groups: list[list[Observation]]) -> list[list[Observation]]:
    """A framework ("a peace plan") that a side accepted on the day it accepted a ceasefire is that
    ceasefire's document: one record, under the ceasefire."""
    out = [g for g in groups if g[0].kind != "framework"]
    for g in (g for g in groups if g[0].kind == "framework"):
        # signed with the truce: its first signing, not a later one (an accord signed in October and
        # suspended is not the document of the truce signed in December beside a new joint statement)
        first = [o for o in g if o.status == "accepted" and len(o.report.date or "") == 10]
        first = [o for o in first if o.report.date == min(x.report.date for x in first)]
        _join(out, g, next((c for c in out if _FAMILY.get(c[0].kind) == "truce" and _same_signing(first, c)), None))
    return sorted(out, key=lambda g: (g[0].report.sort_key, g[0].status, g[0].by))


def _join(out: list[list[Observation]], group: list[Observation], host: list[Observation] | None) -> None:
    """`group` becomes part of `host` (under the host's kind), or a record of its own when there is none."""
    if host is None:
        out.append(group)
        return
    host.extend(replace(o, kind=host[0].kind) for o in group)
    host.sort(key=lambda o: (o.report.sort_key, o.status, o.by))


def _answers(groups: list[list[Observation]]) -> list[list[Observation]]:
    """A side's own truce declared toward the other side within two days of that side's agreeing to a
    ceasefire between them ("the LNA announced its ceasefire late on Saturday"; the GNA agreed on Sunday)
    is its half of that ceasefire: one record, not a one-sided truce beside it."""
    out = [g for g in groups if g[0].kind != "unilateral_truce"]
    for g in (g for g in groups if g[0].kind == "unilateral_truce"):
        authors = {c for o in g if o.status == "declared" for c in o.by}
        sides = authors | {c for o in g for c in o.others}
        days = [o.report.date for o in g if o.status == "declared" and len(o.report.date or "") == 10]

        def answered(c: list[Observation]) -> bool:
            return c[0].kind == "full_ceasefire" and any(
                o.status in ("accepted", "declared") and set(o.by) - authors and set(o.by) <= sides
                and len(o.report.date or "") == 10 and any(abs(days_apart(o.report.date, d) or 99) <= 2 for d in days)
                for o in c)
        _join(out, g, next((c for c in out if len(sides) >= 2 and days and answered(c)), None))
    return sorted(out, key=lambda g: (g[0].report.sort_key, g[0].status, g[0].by))


def _has_its_sides(a: Agreement, kb: LedgerKnowledge) -> bool:
    """A record an analyst can use: a two-sided instrument names two sides, none of them only a
    mediator ("the AU called for a ceasefire" names no side; "Israel accepted a truce" one)."""
    if set(a.parties) <= kb.mediators:  # only mediators named: the sides are unknown
        return False
    return len(a.parties) >= (1 if a.kind in ONE_SIDED_KINDS else 2)


def _roles(group: list[Observation], kb: LedgerKnowledge,
           article_brokers: dict[str, set[str]]) -> tuple[list[str], list[str]]:
    """(parties, mediators) of one agreement. A mediator is named as one ("brokered by X",
    "the X-brokered truce", a third party at the talks) in a report of it, or is a usual
    mediator (ledger.yaml) that never itself accepted, rejected or carried it out there."""
    brokers = {c for o in group for c in o.brokers}
    sides = {c for o in group if o.status in _BINDING for c in o.by if c not in o.brokers}
    # a page's mediators mediate this deal only if they took no side's step in it ("Thailand released
    # 18 soldiers" on a page that says Thailand and Malaysia brokered something else)
    brokers |= {c for o in group for c in article_brokers.get(o.report.event.evidence.article_id, ())} - sides
    credited = {c for o in group for c in o.credited} - {c for o in group for c in o.by}  # sides acted too
    everyone = sorted({c for o in group for c in o.by + o.others} | {c for o in group for c in o.brokers}
                      | credited)
    # "Israel and Lebanon accepted a plan drawn up by the US and France": an author of the plan
    # that two other sides accepted, and that never took a side's step itself, mediates
    # (or declared: "the GNA and the LNA declared the truce Turkey and Russia had called for")
    stepped = sides | {c for o in group if o.status == "declared" for c in o.by if c not in o.brokers}
    authors = {c for o in group if o.status == "proposed" for c in o.by} - stepped if len(stepped) >= 2 else set()
    mediators = [c for c in everyone if c in brokers or c in credited or c in authors
                 or (c in kb.mediators and c not in sides)]
    parties = [c for c in everyone if c not in mediators]
    # "Israel released 39 Palestinian prisoners" in Israel's deal with Hamas: the state an armed party
    # fights in, named only as whom a step concerns, is no party (its armed group stands for that side)
    # (but "the Brotherhood Alliance agreed to a ceasefire with Myanmar's military": the group's own
    # step toward its state makes that state its counterpart)
    acting = {c for o in group for c in o.by}
    kb_actors = load_actors()
    homes = {h for c in parties if c in acting for h in kb_actors.fights_in(c)}
    counterparts = {h for o in group for h in o.others
                    if any(h in kb_actors.fights_in(c) for c in o.by)}
    parties = [c for c in parties if c in acting or c not in homes or c in counterparts]
    if not parties:
        return mediators, []
    return parties, mediators


def _agreement(group: list[Observation], kb: LedgerKnowledge, reference: str | None,
               article_brokers: dict[str, set[str]]) -> Agreement:
    head = group[0]
    parties, mediators = _roles(group, kb, article_brokers)
    scope = Scope(targets=sorted({t for o in group for t in o.scope.targets}),
                  areas=sorted({a for o in group for a in o.scope.areas}))
    terms, disputed, start_obs = _terms(group, kb)
    history = _history(group, terms, kb)
    if any(h.status == "expired" and h.date for h in history):
        terms = terms.model_copy(update={"end": next(h.date for h in history if h.status == "expired" and h.date)})
    accepted_by = {c for h in history if h.status == "accepted" for c in h.by}
    if head.kind in ONE_SIDED_KINDS:  # a one-sided truce binds once its author declared it
        accepted_by |= {c for h in history if h.status == "declared" for c in h.by}
    if (terms.start and reference and start_obs is not None
            and len(accepted_by & set(parties)) >= (1 if head.kind in ONE_SIDED_KINDS else 2)
            and date_span(terms.start) and date_span(terms.start)[1] <= date_span(reference)[0]
            and not any(h.status in ("in_force", "rejected") for h in history)
            and not any(h.status in ("suspended", "collapsed", "expired") and (h.date or "") < terms.start
                        for h in history)):  # a "start" after it ended is no entry into force
        history.append(StatusChange(status="in_force", by=sorted(accepted_by), date=terms.start,
                                    evidence=[start_obs.report.evidence()]))
        history.sort(key=_history_key)
    added = _extension_days(group)
    if added and terms.end and len(terms.end) == 10:
        terms = terms.model_copy(update={"end": add_days(terms.end, int(added))})
    if terms.end and len(terms.end) == 10 and any(h.status == "expired" and not h.date for h in history):
        # "the truce lapsed" on no known day: it lapsed at the end of its term
        history = sorted((h.model_copy(update={"date": add_days(terms.end, 1)})
                          if h.status == "expired" and not h.date else h for h in history), key=_history_key)
    if _lapsed(head.kind, terms, history, reference):
        # "a four-day truce" from 24 November, nothing reported after the 27th: over by its own terms
        history.append(StatusChange(status="expired", date=add_days(terms.end, 1), inferred=True))
    mentions = {}
    for o in sorted(group, key=lambda o: o.report.sort_key):
        mentions.setdefault(o.report.event.id, o.report.mention())
    return Agreement(
        id=make_id("a", head.kind, ",".join(scope.targets + scope.areas), head.report.event.id),
        kind=head.kind, label=_label(head.kind, scope, terms), parties=parties, mediators=mediators,
        scope=scope, terms=terms, history=history, status=_latest(history), disputed=disputed,
        mentions=list(mentions.values()))


def _extension_days(group: list[Observation]) -> float:
    """Days the extensions added: each extension once (reports of "extended by five days" within a
    week of each other, or on no known day, are one), at the longest length its reports give."""
    steps = sorted((o.report.date or "", o.duration) for o in group if o.status == "extended" and o.duration)
    lengths: list[float] = []
    last_day = None
    for day, duration in steps:
        apart = days_apart(day or None, last_day)
        if lengths and (apart is None or apart <= _RESTATED_DAYS):
            lengths[-1] = max(lengths[-1], duration)
        else:
            lengths.append(duration)
        last_day = day or last_day
    return sum(lengths)


def _latest(history: list[StatusChange]) -> str:
    """The status: the latest step, but a proposal after the sides already accepted or refused it
    restates it ("they were demanding an immediate ceasefire" after Addis Ababa turned the call aside)."""
    last = history[-1]
    delivered = [h for h in history if h.status in ("implemented", "partly_implemented") and not h.date]
    if delivered and last.status in ("proposed", "accepted", "declared"):
        # "swapped prisoners on Monday" on an undated page: an exchange carried out follows its agreement
        return delivered[-1].status
    if last.status == "proposed":
        answered = [h for h in history if h.status in ("accepted", "rejected")]
        if answered:
            return answered[-1].status
    if last.status in ("accepted", "declared"):
        # "the GNA said it was committed to the truce" days after it took effect: it stays in force
        running = [h.status for h in history if h.status in ("in_force", "extended", *_ENDED, "suspended")]
        if running and running[-1] in ("in_force", "extended"):
            return running[-1]
    return last.status


def _lapsed(kind: str, terms: Terms, history: list[StatusChange], reference: str | None) -> bool:
    """A ceasefire of fixed term whose end has passed with no step reported after it."""
    end = terms.end
    if kind not in CEASEFIRES or not end or len(end) != 10 or not reference or reference[:10] <= end:
        return False
    if history[-1].status not in ("accepted", "declared", "in_force", "extended"):
        return False
    return all(h.date is None or h.date[:10] <= end for h in history)


def _history_key(h: StatusChange) -> tuple:
    # a step on no known day goes first: it must not stand as the latest status over dated news
    return (h.date or "", STATUS_ORDER.index(h.status), h.by)


def _proposals(group: list[Observation]) -> list[Observation]:
    """Observations with proposals settled: 'proposed by X' read off a later report names the
    proposers of an earlier anonymous proposal, and repeats nothing already known."""
    plain = [o for o in group if not (o.status == "proposed" and (o.derived or not o.by))]
    explicit = {c for o in plain if o.status == "proposed" for c in o.by}
    anonymous = sorted((o for o in group if o.status == "proposed" and not o.by and not o.derived),
                       key=lambda o: o.report.sort_key)
    named = sorted({c for o in group if o.derived for c in o.by} - explicit)
    if anonymous and named:
        first = anonymous[0]
        plain.append(Observation(first.kind, first.scope, "proposed", tuple(named), (), first.report))
    elif named:
        plain += [o for o in group if o.derived and set(o.by) - explicit]
    return plain


def _history(group: list[Observation], terms: Terms, kb: LedgerKnowledge | None = None) -> list[StatusChange]:
    promised = next((q.value for q in terms.quantities), None)
    steps: dict[tuple, list[Observation]] = defaultdict(list)
    for o in _proposals(group):
        status = o.status
        if status in PLANNED:
            continue
        delivered = None
        if status == "implemented":
            delivered = _count(o)
            if delivered is not None and promised is not None and delivered < promised:
                status = "partly_implemented"
            elif kb is not None and kb.first_delivery_cues and kb.first_delivery_cues.search(o.report.sentence):
                status = "partly_implemented"  # "in the first exchange since the ceasefire": more to come
        steps[(status, o.by, _step_date(o), delivered)].append(o)
    history = []
    for (status, by, date, delivered), items in steps.items():
        conditions = sorted({o.report.event.condition for o in items
                             if o.report.event.condition and o.report.event.actor})
        evidence = {o.report.event.id: o.report.evidence() for o in items}
        history.append(StatusChange(
            status=status, by=list(by), date=date, conditions=conditions,
            promised=promised if delivered is not None else None, delivered=delivered,
            evidence=[evidence[k] for k in sorted(evidence)], inferred=all(o.implied for o in items)))
    history.sort(key=_history_key)
    # an agreement does not end before it begins: an end dated before its first other step is
    # misdated (a weekday read against an undated page's background date); with a known end of
    # term, "the truce lapsed" on no day or on such a day is its lapse at that end, else it is left out
    first = next((h.date for h in history if h.date and h.status not in _ENDED), None)
    out = []
    for h in history:
        if h.status == "expired" and h.date and first and h.date < first:
            h = h.model_copy(update={"date": None})  # dated at the end of its term once that is known
        elif h.status in _ENDED and h.date and first and h.date < first:
            continue
        out.append(h)
    return sorted(out, key=_history_key)


def _step_date(o: Observation) -> str | None:
    """When a step was reported: the event date, or publication day when the date is a planned start;
    a truce "in force" on the day it began ("the truce, which began on 2 April, expires on 2 June")."""
    if o.status == "in_force" and (starts := _starts(o, None)):
        return min(starts)
    if o.status in ("accepted", "proposed", "declared", "rejected") and o.report.published \
            and _is_start(o, None) and (o.report.date or "") > o.report.published[:10]:
        return o.report.published[:10]
    return o.report.date


def _count(o: Observation) -> float | None:
    values = [q.value for q in own_quantities(o.report) if q.kind == "count" and q.unit not in ("side", "sides")]
    return max(values) if values else None


def explicit_span(r: Reported) -> tuple[str | None, str | None]:
    """'from October 14 to October 16' in the sentence, as ISO dates (year of publication)."""
    match = _SPAN.search(r.after_trigger)
    if not match or not r.published:
        return None, None
    default = datetime.fromisoformat(r.published[:10])

    def iso(text: str | None) -> str | None:
        if not text:
            return None
        try:
            return dateparser.parse(text, default=default).date().isoformat()
        except (ValueError, OverflowError):
            return None

    return iso(match.group("start")), iso(match.group("end"))


def _terms(group: list[Observation], kb: LedgerKnowledge) -> tuple[Terms, dict[str, list[DisputedValue]], Observation | None]:
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    quantities: dict[tuple, QuantityTerm] = {}
    conditions: dict[tuple, Condition] = {}
    start_obs: dict[str, Observation] = {}
    ends: set[str] = set()
    extended_to: set[str] = set()  # "extended until 3 June": the new end
    for o in group:
        ev, source = o.report.event, o.report.source
        if o.status in ("in_force", "starts") and ev.date.date and not publication_day(ev.date):
            values["start"][ev.date.date].add(source)
            start_obs.setdefault(ev.date.date, o)
        if o.status == "ends" and len(ev.date.date or "") == 10:
            ends.add(ev.date.date)
        if o.status not in _PROMISE or o.derived:
            continue
        durations = term_durations(o.report)
        for q in own_quantities(o.report):
            if q in durations and o.status == "extended":
                continue  # "extended by five days": added to the end, not the truce's term
            if q in durations:
                values["duration_days"][f"{q.value * UNIT_DAYS[q.unit]:g}"].add(source)
            elif q.kind == "count" and q.unit not in ("side", "sides") and (
                    o.kind not in CEASEFIRES or q.unit in kb.ceasefire_units):
                # "a truce for 1 million people" counts who it is for, not a term of it
                values["count"][f"{q.value:g}"].add(source)
                quantities.setdefault((q.value, q.unit), QuantityTerm(value=q.value, unit=q.unit, per=q.per,
                                                                      qualifier=q.qualifier))
        if ev.condition and o.status in ("accepted", "declared", "proposed") and ev.actor:
            conditions.setdefault((ev.condition, o.by), Condition(text=ev.condition, by=list(o.by)))
        for term in ev.terms:  # "a truce starting Friday", "extended until 3 June"
            if term.date.date and not term.date.fallback and term.kind == "start":
                values["start"][term.date.date].add(source)
                start_obs.setdefault(term.date.date, o)
            elif term.date.date and not term.date.fallback:
                (extended_to if o.status == "extended" else ends).add(term.date.date)
        span_start, span_end = explicit_span(o.report)
        if span_start:
            values["start"][span_start].add(source)
            start_obs.setdefault(span_start, o)
            if span_end:
                ends.add(span_end)
        elif _is_start(o, kb):
            values["start"][ev.date.date].add(source)
            start_obs.setdefault(ev.date.date, o)
    chosen = {k: _choose(v) for k, v in values.items()}
    disputed = {k: [DisputedValue(value=val, sources=sorted(src)) for val, src in sorted(v.items())]
                for k, v in values.items() if len(v) > 1}
    start = chosen.get("start")
    duration = float(chosen["duration_days"]) if "duration_days" in chosen else None
    end = min(ends) if ends else (
        add_days(start, duration - 1) if start and duration and duration >= 1 and len(start) == 10 else None)
    if extended_to:
        end = max([*extended_to, *([end] if end else [])])
    terms = Terms(start=start, duration_days=duration, end=end,
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
    if kb is not None and o.status in ("accepted", "declared") and kb.immediate_cues.search(o.report.after_trigger):
        return True  # "accepted a ceasefire effective at once", "agreed that it would take effect at 5 p.m."
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
