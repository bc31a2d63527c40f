"""Step 4: compliance — incidents and accusations matched against agreements in force.

An incident is an ASSAULT or COERCE event cluster whose actor is a party of a
ceasefire-like agreement, dated inside the agreement's window (from its first
acceptance, declaration or entry into force to its expiry, collapse,
suspension or end), and hitting its scope (a target category it covers, an
area it covers; a full ceasefire covers everything).  An accusation is an
event whose wording names a violation ("violated", "breach"): the accused are
its recipients, the accuser its actors, and it may name any agreement of
ACCUSABLE_KINDS ("violated the Doha agreement"), the one in force between
those parties on that date.  The accuser is a party; the side a one-sided
truce addresses also accuses; a mediator or monitor only when no party does.  Published tallies ("2,935
violations") are kept as `claimed_count`, never as that many incidents.
A denial is a report by an accused party, within `windows.denial_days`, with
denial wording ("denied", "provocation").
"""

from __future__ import annotations

from collections import defaultdict

from detente.ledger.agreements import _history_key
from detente.ledger.observations import ONE_SIDED_KINDS, Observation, codes_named, instrument_of
from detente.ledger.common import Reported, add_days, codes, days_apart, denies_accusation
from detente.knowledge.actors import load_kb as load_actors
from detente.knowledge.ledger import LedgerKnowledge
from detente.records import date_span
from detente.ledger.records import Agreement, Allegation, Denial, EventCluster, Scope, StatusChange, make_id

#: Agreement kinds whose breach is an armed incident.
CEASEFIRE_KINDS = {"full_ceasefire", "partial_ceasefire", "unilateral_truce", "humanitarian_pause"}
#: Agreements a party can be accused of breaking: an attack breaks a ceasefire only, a named charge
#: ("violated the Doha agreement") any of these.
ACCUSABLE_KINDS = CEASEFIRE_KINDS | {"framework", "withdrawal", "monitoring"}
#: Truces that are short by nature: with no stated end they bind only while they are reported.
SHORT_TRUCES = {"unilateral_truce", "humanitarian_pause"}
_START = {"accepted", "declared", "in_force", "extended"}
_END = {"expired", "collapsed", "suspended"}
_REAL = {"asserted", "conditional"}


def window(a: Agreement, kb: LedgerKnowledge) -> tuple[str, str] | None:
    """The first and last day (ISO) an agreement binds, or None when it never did.

    It binds from its entry into force; else, once a party of a two-sided
    agreement accepted it and no party refused it, from the day after (reports of that day describe
    what came before; the other side's acceptance often goes unreported); a declared
    truce binds over its announced dates, else from the day it was declared.  It ends at expiry,
    collapse, suspension, its announced end or the end of its stated length; a one-sided truce
    or pause with none of these `windows.open_truce_days` after its last report.
    """
    accepted = {c for h in a.history if h.status == "accepted" for c in h.by} & set(a.parties)
    rejected = {c for h in a.history if h.status == "rejected" for c in h.by} & set(a.parties)
    in_force = [date_span(h.date)[0] for h in a.history if h.status == "in_force" and date_span(h.date)]
    ended = [date_span(h.date)[0] for h in a.history if h.status in _END and date_span(h.date)]
    if ended:  # a step "in force" reported after it ended is not when it began
        in_force = [d for d in in_force if d <= min(ended)]
    if in_force:
        begin = min(in_force).isoformat()
    elif accepted and len(set(a.parties)) >= 2 and (not (rejected - accepted) or len(accepted) >= 2):
        # one side's acceptance reported (the other's often is not), and nobody refused it; or two
        # sides accepted it, and a third that refused stays out ("a third member, the AA, did not agree")
        days = [date_span(h.date)[1] for h in a.history if h.status == "accepted" and date_span(h.date)]
        if not days:  # accepted on no known day: no window to test incidents against
            return None
        begin = add_days(min(days).isoformat(), 1)
    elif any(h.status == "declared" for h in a.history) and a.terms.start:
        begin = a.terms.start
    elif declared := [date_span(h.date)[0] for h in a.history if h.status == "declared" and date_span(h.date)]:
        begin = min(declared).isoformat()  # declared with no stated start: it binds from its declaration
    else:
        return None
    ends = [date_span(h.date)[1].isoformat() for h in a.history if h.status in _END and date_span(h.date)]
    if ends:
        end = min(ends)
    elif a.terms.end:
        end = a.terms.end
    elif a.terms.duration_days and a.terms.duration_days >= 1:
        end = add_days(begin, int(a.terms.duration_days))  # its own stated length (a day's margin)
    elif a.kind in SHORT_TRUCES:  # a holiday truce with no stated end: as long as it is in the news
        last = max([date_span(h.date)[1].isoformat() for h in a.history if date_span(h.date)] + [begin])
        end = add_days(last, kb.windows["open_truce_days"])
    else:
        end = add_days(begin, kb.windows["open_agreement_days"])
    return begin, end


def _inside(date: str | None, span: tuple[str, str]) -> bool:
    s = date_span(date)
    return bool(s) and s[1].isoformat() >= span[0] and s[0].isoformat() <= span[1]


def _in_scope(a: Agreement, rep: Reported, kb: LedgerKnowledge) -> str | None | bool:
    """False when the incident is outside the scope; else its target category (or None)."""
    text = " ".join(p for p in (rep.event.object, rep.sentence) if p)
    targets = kb.categories(kb.targets, " ".join(p for p in (rep.event.object,) if p)) or \
        kb.categories(kb.targets, text)
    if a.scope.targets and not set(a.scope.targets) & set(targets):
        return False
    if a.scope.areas:
        place = rep.event.event_loc.name if rep.event.event_loc else ""
        if not set(a.scope.areas) & set(kb.categories(kb.areas, f"{place} {text}")):
            return False
    return next((t for t in targets if not a.scope.targets or t in a.scope.targets), None)


def build_allegations(reps: list[Reported], clusters: list[EventCluster], index: dict[str, str],
                      agreements: list[Agreement], kb: LedgerKnowledge) -> list[Allegation]:
    binding = _superseded([(a, w) for a in agreements if a.kind in ACCUSABLE_KINDS and (w := window(a, kb))])
    truces = [(a, _in_the_news(a, w, kb)) for a, w in binding if a.kind in CEASEFIRE_KINDS]
    members = _members(reps, index)
    page_codes = codes_named(reps, lambda ev: ev.evidence.article_id)
    out: list[Allegation] = []
    for cluster in clusters:
        group = members[cluster.id]
        if cluster.modality not in _REAL:
            continue
        if any(_names_violation(r, kb) for r in group):
            named = set().union(*(page_codes.get(r.event.evidence.article_id, set()) for r in group))
            out.extend(_accusations(cluster, group, binding, kb, named))
        elif cluster.event == "ASSAULT" or (cluster.event == "COERCE" and cluster.mode not in kb.standing_coercion):
            out.extend(_incidents(cluster, group, truces, kb))
    sides = {a.id: set(a.parties) for a in agreements}
    out = _with_denials(_retold_undated(_merge_same_claims(out, sides)), reps, kb)
    return sorted(out, key=lambda v: (v.agreement_id, v.date or "9999", v.id))


def _members(reps: list[Reported], index: dict[str, str]) -> dict[str, list[Reported]]:
    """The reports of each cluster, by cluster id."""
    members: dict[str, list[Reported]] = defaultdict(list)
    for r in reps:
        members[index[r.event.id]].append(r)
    return members


def _superseded(binding: list[tuple[Agreement, tuple[str, str]]]) -> list[tuple[Agreement, tuple[str, str]]]:
    """A ceasefire binds until a later one between the same two sides begins: the truce of
    September 2022 replaces the one of April 2021, whose charges it takes over."""
    out = []
    for a, (begin, end) in binding:
        if a.kind in CEASEFIRE_KINDS and a.kind not in SHORT_TRUCES:
            later = [w[0] for b, w in binding if b.id != a.id and b.kind in CEASEFIRE_KINDS
                     and b.kind not in SHORT_TRUCES and len(set(a.parties) & set(b.parties)) >= 2 and w[0] > begin]
            if later:
                end = min(end, add_days(min(later), -1))
        out.append((a, (begin, end)))
    return out


def _in_the_news(a: Agreement, span: tuple[str, str], kb: LedgerKnowledge) -> tuple[str, str]:
    """An open-ended truce (no end, no term, no length reported) makes an attack a breach only while
    the news still speaks of it: up to `windows.open_incident_days` after its last report. A charge
    that names it still binds over its whole window."""
    if a.terms.end or a.terms.duration_days or any(h.status in _END for h in a.history):
        return span
    days = [date_span(h.date)[1].isoformat() for h in a.history if date_span(h.date)]
    days += [m.published[:10] for m in a.mentions if m.published]
    if not days:
        return span
    return span[0], min(span[1], add_days(max(days), kb.windows["open_incident_days"]))


def _incidents(cluster: EventCluster, group: list[Reported], binding, kb) -> list[Allegation]:
    """An attack a side reports, as a breach of the one truce it falls under: of those binding its
    author that day, one whose scope names what was hit, else the one that began last (a truce
    agreed after another broke down is the one in force)."""
    if any(r.event.date.relation == "since" for r in group):
        return []  # "has killed 41 civilians since 27 September": a running total, no one incident
    candidates = []
    for a, span in binding:
        accused = sorted(_bound(set(cluster.actor), a.parties))
        if not accused or not _inside(cluster.date, span):
            continue
        target = _in_scope(a, group[0], kb)
        if target is False:
            continue
        candidates.append(((bool(a.scope.targets or a.scope.areas), span[0], a.id), a, accused, target))
    for _, a, accused, target in sorted(candidates, key=lambda c: c[0], reverse=True):
        found = _allegation(a, cluster, group, accused, target, "incident", kb)
        if found:
            return [found]
    return []


#: Event types whose recipients are the accused ("X accused Y of violating...").
_ACCUSING = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "PROTEST"}


def _breaks_another_norm(r: Reported, kb: LedgerKnowledge) -> bool:
    """What the charge says was broken, in the words right after the violation word, is a law, a right
    or an appeal (`other_norms`), not an agreement."""
    text = r.after_trigger  # "criticised both parties for disregarding repeated appeals to end the fighting"
    found = kb.violation_cues.find(text)
    if found is None:
        return bool(kb.other_norms.search(r.event.object) and not instrument_of(r, kb))
    after = " ".join(text[found.end():].split()[1:6])
    return kb.other_norms.search(after) and not _agreement_word(after, kb)


def _agreement_word(text: str, kb: LedgerKnowledge) -> bool:
    probe = text.lower()
    return any(rule.any.search(probe) for rule in kb.instruments if rule.any.items)


def _names_violation(r: Reported, kb: LedgerKnowledge) -> bool:
    """An explicit accusation: the trigger, or (for accusing types) the words after it, name a violation."""
    if _breaks_another_norm(r, kb):
        return False  # "violates international humanitarian law", "disregarding appeals": no agreement broken
    if kb.violation_cues.search(r.event.evidence.trigger):
        return True
    if denies_accusation(r, kb):  # "denied Houthi accusations that it broke the truce" is a denial
        return False
    words = f"{r.event.object or ''} {r.after_trigger}"
    if r.event.condition:  # "warned that Israel would strike if it broke the deal": a breach supposed, not charged
        words = words.replace(r.event.condition, " ")
    return r.event.event in _ACCUSING and kb.violation_cues.search(words)


def _accusations(cluster: EventCluster, group: list[Reported], binding, kb,
                 named_on_page: set[str] = frozenset()) -> list[Allegation]:
    accused, accuser = _sides_of_charge(cluster, group)
    kinds = _kinds_named(group, kb)
    durations = {q.value for r in group for q in r.event.quantities if q.kind == "duration" and q.unit == "day"}
    candidates = []
    truce_named = bool(kinds & CEASEFIRE_KINDS)  # "broke the truce" breaks no declaration or framework
    # an undated page: its charge is about an agreement the same page reports, whatever the day
    undated = _undated(group)
    pages = {r.event.evidence.article_id for r in group}
    for a, span in binding:
        # an explicit charge of breaking it may come the day it was agreed ("within hours of the deal")
        if not _bound(accused, a.parties) and not (cluster.event == "ACCUSE" and _other_side(a, accused, accuser)):
            continue
        if not undated and not _inside(cluster.date, (add_days(span[0], -1), add_days(span[1], 30))):
            continue
        if truce_named and a.kind not in CEASEFIRE_KINDS:
            continue
        if kinds and not truce_named and a.kind not in kinds and not (kinds & {"framework", "other"}):
            continue  # "accuses it of holding more captives" charges a breach of the exchange, not the truce
        family = bool(kinds & {a.kind, *(["full_ceasefire"] if a.kind == "unilateral_truce" else [])})
        # a charge naming no accused: the deal whose other side its page names ("Petro said the group was
        # violating the ceasefire" on a page about the EMC, not the ELN's later truce)
        page_side = not accused and bool((set(a.parties) - accuser) & set(named_on_page))
        score = (a.kind in kinds, page_side, family and a.terms.duration_days in durations, family,
                 a.kind in CEASEFIRE_KINDS, span[0])
        candidates.append((score, a))
    if undated:
        # a charge on an undated page: the agreement the same page reports; else, when one side
        # charges the other, the one agreement of its kind they have (with several, no day tells which)
        same_page = [c for c in candidates if pages & {m.article_id for m in c[1].mentions}]
        sided = [c for c in candidates if _bound(accuser, c[1].parties)]
        best_kind = [c for c in sided if c[0][:4] == max(c[0] for c in sided)[:4]] if sided else []
        candidates = same_page or (best_kind if len(best_kind) == 1 else [])
    if not candidates:
        return []
    best = max(candidates, key=lambda c: (c[0], c[1].id))[1]
    if not _bound(accused, best.parties):
        accused = set(_other_side(best, accused, accuser))  # no one named: the accuser's one other party
    named_targets = {t for r in group for t in kb.categories(kb.targets, r.sentence)}
    target = next((t for t in best.scope.targets if t in named_targets), None)
    found = _allegation(best, cluster, group, sorted(_bound(accused, best.parties)), target, "accusation", kb,
                        accuser=sorted(accuser - accused))
    if found is not None and undated:
        found = found.model_copy(update={"date": None})  # the file's day is no day of the charge
    return [found] if found else []


def _sides_of_charge(cluster: EventCluster, group: list[Reported]) -> tuple[set[str], set[str]]:
    """(accused, accuser) of a charge, unidentified ones left out."""
    speakers = {c for r in group for c in codes(r.event.attribution.speaker)} - {"UNK"}
    if cluster.event in _ACCUSING:
        # "According to the FPRC, this is a violation of the agreement": who says so accuses
        accused, accuser = set(cluster.recipient), set(cluster.actor) or speakers
    else:  # "Russian forces had violated the truce", Ukraine said
        accused = set(cluster.actor)
        accuser = speakers
    return accused - {"UNK"}, accuser - {"UNK"}


def _undated(group: list[Reported]) -> bool:
    """A charge on undated pages that gives no day of its own."""
    return all(r.published is None and not r.date for r in group)


def _kinds_named(group: list[Reported], kb: LedgerKnowledge) -> set[str]:
    return {found[0] for r in group for found in (instrument_of(r, kb), _named_in_sentence(r, kb)) if found}


def charged_truces(reps: list[Reported], clusters: list[EventCluster], index: dict[str, str],
                   agreements: list[Agreement], kb: LedgerKnowledge,
                   brokers: dict[str, set[str]]) -> list[Observation]:
    """Truces the ledger knows only from a charge of breaking them: an explicit charge, between two
    identified sides neither of which brokers it on that page, that names a truce and fits none of
    `agreements`, says a truce was in force between them (an implied observation per charge)."""
    binding = _superseded([(a, w) for a in agreements if a.kind in ACCUSABLE_KINDS and (w := window(a, kb))])
    members = _members(reps, index)
    page_codes = codes_named(reps, lambda ev: ev.evidence.article_id)
    out = []
    for cluster in clusters:
        group = members[cluster.id]
        if cluster.modality not in _REAL or not any(_names_violation(r, kb) for r in group):
            continue
        accused, accuser = _sides_of_charge(cluster, group)
        kinds = [k for k in sorted(_kinds_named(group, kb)) if k in CEASEFIRE_KINDS]
        pages = {r.event.evidence.article_id for r in group}
        go_betweens = set().union(*(brokers.get(p, set()) for p in pages))
        if not (accused and accuser and kinds) or accused & accuser or (accused | accuser) & go_betweens:
            continue
        named = set().union(*(page_codes.get(p, set()) for p in pages))
        if _accusations(cluster, group, binding, kb, named):
            continue  # it charges a breach of a truce the ledger has
        if _undated(group) and any(
                a.kind in CEASEFIRE_KINDS and _bound(accused, a.parties) and _bound(accuser, a.parties)
                for a in agreements):
            continue  # undated, between sides with truces on record: one of those, no day tells which
        first = min(group, key=lambda r: (not r.date, r.sort_key))
        kind = "full_ceasefire" if "full_ceasefire" in kinds else kinds[0]
        out.append(Observation(kind, Scope(), "in_force", (), tuple(sorted(accused | accuser)), first, implied=True))
    return out


def _bound(codes: set[str], parties) -> set[str]:
    """Those of `codes` an agreement binds: its parties, members of a coalition that is one
    ("GATIA" under an accord the Platform signed), and a coalition one of whose members is one
    (the Brotherhood Alliance charging a breach of the MNDAA's truce)."""
    parties = set(parties)
    kb = load_actors()
    return {c for c in codes if c in parties or (kb.coalitions_of(c) | kb.members_of(c)) & parties}


def _other_side(a: Agreement, accused: set[str], accuser: set[str]) -> list[str]:
    """A charge that names no accused, by one side of a two-sided agreement: the other side."""
    others = set(a.parties) - accuser - {c for g in accuser for c in load_actors().coalitions_of(g)}
    if accused or not _bound(accuser, a.parties) or len(others) != 1:
        return []
    return sorted(others)


def _named_in_sentence(r: Reported, kb: LedgerKnowledge):
    probe = Reported(r.event.model_copy(update={"object": r.sentence, "quantities": []}), r.outlet, r.published)
    return instrument_of(probe, kb)


def _allegation(a: Agreement, cluster: EventCluster, group: list[Reported], accused: list[str], target,
                kind: str, kb: LedgerKnowledge, accuser: list[str] | None = None) -> Allegation | None:
    """The allegation, or None when no party accuses (an attack an outlet reports is not an allegation)."""
    if accuser is None:
        accuser = sorted({c for r in group for c in codes(r.event.attribution.speaker)} - set(accused))
    accuser = [c for c in accuser if c != "UNK"]
    # the accuser is a side of the agreement; else a mediator or monitor that accuses
    # ("the UN accused ..."); never a bystander state a sentence also names.  A one-sided truce
    # binds only its author: the side it addresses accuses ("Kabul said the Taliban broke their truce").
    sides = set(a.parties)
    if a.kind in ONE_SIDED_KINDS:
        sides |= {c for c in accuser if c not in a.mediators and c not in kb.mediators}
    accuser = ([c for c in accuser if _bound({c}, sides)]
               or [c for c in accuser if c in a.mediators or c in kb.mediators])
    if not accuser:
        return None
    claimed = [q.value for r in group for q in r.event.quantities if q.unit in kb.claimed_units]
    evidence = {r.event.id: r.evidence() for r in group}
    return Allegation(
        id=make_id("v", a.id, cluster.id), agreement_id=a.id, accused=accused,
        accuser=accuser, date=cluster.date, place=cluster.place,
        target=target or None, kind=kind, evidence=[evidence[k] for k in sorted(evidence)],
        n_outlets=cluster.n_sources, claimed_count=max(claimed) if claimed else None)


def _same_claim(m: Allegation, v: Allegation, sentences: set[tuple[str, str]]) -> bool:
    """Accusations sharing a sentence or a tally; incidents of one day and target told by one article,
    at one place ('a drone attack on a substation' ... 'drones attacked the substation'), or by the
    same accuser with at most one of them placed."""
    if m.agreement_id != v.agreement_id or m.accused != v.accused:
        return False
    if m.kind != v.kind:  # an accusation naming an incident already recorded is that incident
        incident, accusation = (m, v) if m.kind == "incident" else (v, m)
        if sentences & {(e.article_id, e.sentence) for e in m.evidence}:
            return True  # "accused the M23 of breaking the ceasefire in a night attack": one claim
        return (m.claimed_count is None and v.claimed_count is None
                and _days_after(incident.date, accusation.date) in range(0, 2)
                and bool(m.place and m.place == v.place) and m.target == v.target)
    if v.kind == "accusation":
        # one charge told by several outlets: the same accuser, day and place ("Israel said Iran broke
        # the truce on Tuesday" in two papers)
        retold = (m.accuser == v.accuser and m.date is not None and m.date == v.date
                  and (m.place == v.place or not (m.place and v.place) or _a_state(m.place) or _a_state(v.place))
                  and m.claimed_count == v.claimed_count)
        # one article telling its charge twice (a teaser line and the story, "accused X of violating
        # the truce 1,870 times ... The ministry said the breaches were recorded in ..."), dated or not
        retold = retold or (m.accuser == v.accuser and m.date == v.date
                            and (m.claimed_count is None or v.claimed_count is None
                                 or m.claimed_count == v.claimed_count)
                            and bool({e.article_id for e in m.evidence} & {e.article_id for e in v.evidence}))
        return retold or (v.claimed_count is not None and m.claimed_count == v.claimed_count) or \
            bool(sentences & {(e.article_id, e.sentence) for e in m.evidence})
    if (m.accuser == v.accuser and sentences & {(e.article_id, e.sentence) for e in m.evidence}
            and _days_after(min(m.date or "", v.date or ""), max(m.date or "", v.date or "")) in (0, 1)):
        return True  # "shelled the town overnight and attacked toward the hills after noon": one account
    if m.date != v.date or m.target != v.target:
        return False
    same_place = bool(m.place and v.place and m.place == v.place)
    # one side's account of the day told by several outlets, none placing it elsewhere
    retold = bool(m.accuser) and m.accuser == v.accuser and m.date is not None and not (m.place and v.place)
    return same_place or retold or bool({e.article_id for e in m.evidence} & {e.article_id for e in v.evidence})


def _a_state(place: str | None) -> bool:
    """A place that is a whole country ("Pakistan"): in a charge, the accused's name, no incident's place
    (a capital stays a place: "strikes on Tehran")."""
    ref = load_actors().lookup(place) if place else None
    return ref is not None and ref.kind == "state" and ref.sector is None


def _days_after(first: str | None, later: str | None) -> int | None:
    """Days from `first` to `later` (day-precision ISO dates), else None."""
    from datetime import date

    try:
        return (date.fromisoformat(later or "") - date.fromisoformat(first or "")).days
    except ValueError:
        return None


def _evidence_of_both(a: Allegation, b: Allegation) -> dict:
    """The evidence of two reports of one claim (each event once) and the outlets behind it."""
    evidence = {e.event_id: e for e in a.evidence + b.evidence}
    return {"evidence": [evidence[k] for k in sorted(evidence)],
            "n_outlets": len({e.outlet or e.article_id for e in evidence.values()})}


def _retold_undated(allegations: list[Allegation]) -> list[Allegation]:
    """A charge on an undated page that one dated allegation of the same accuser, accused and agreement
    already records is that allegation retold (with two or more, nothing tells which: it stays apart)."""
    dated = [v for v in allegations if v.date is not None]
    out = list(dated)
    for v in (v for v in allegations if v.date is None):
        same = [m for m in dated if (m.agreement_id, m.accuser, m.accused) == (v.agreement_id, v.accuser, v.accused)]
        if len(same) != 1:
            out.append(v)
            continue
        twin = same[0]
        merged = twin.model_copy(update={**_evidence_of_both(twin, v), "place": twin.place or v.place})
        out[out.index(twin)] = merged
        dated[dated.index(twin)] = merged
    return out


def _merge_same_claims(allegations: list[Allegation], sides: dict[str, set[str]]) -> list[Allegation]:
    """One allegation per claim: accusations of one agreement and accused that share a sentence
    or a published tally (an 'accused ... of violating' and its 'violated' event) become one;
    so do two records of one incident.  The claim keeps the id of its first report (a later
    report adds evidence, not a new record), and a mediator who repeats a side's charge is no
    co-accuser."""
    merged: list[Allegation] = []
    for v in sorted(allegations, key=lambda v: (v.date or "9999", v.id)):
        sentences = {(e.article_id, e.sentence) for e in v.evidence}
        twin = next((m for m in merged if _same_claim(m, v, sentences)), None)
        if twin is None:
            merged.append(v)
            continue
        accusers = set(twin.accuser) | set(v.accuser)
        accusers = (accusers & sides.get(twin.agreement_id, set())) or accusers
        merged[merged.index(twin)] = twin.model_copy(update={
            **_evidence_of_both(twin, v),
            "kind": "incident" if "incident" in (twin.kind, v.kind) else twin.kind,
            "accuser": sorted(accusers),
            "place": twin.place or v.place, "target": twin.target or v.target,
            "claimed_count": twin.claimed_count if twin.claimed_count is not None else v.claimed_count})
    return merged


def _with_denials(allegations: list[Allegation], reps: list[Reported], kb: LedgerKnowledge) -> list[Allegation]:
    deniers = [r for r in reps if kb.denial_cues.search(r.sentence)
               and r.event.modality.value not in ("hypothetical", "predicted")]
    # "denied that a ceasefire had been reached": the truce's existence, not a breach of it
    deniers = [r for r in deniers if not kb.existence_denied.search(r.sentence)
               or kb.violation_cues.search(r.sentence)]
    out = []
    for v in allegations:
        denials: dict[str, Denial] = {}
        said: set[tuple[str, int]] = set()  # one denial per sentence
        for r in deniers:
            where = (r.event.evidence.article_id, r.event.evidence.sentence_start)
            if where in said:
                continue
            who = sorted((set(codes(r.event.actor)) | set(codes(r.event.attribution.speaker))) & set(v.accused))
            apart = days_apart(v.date, r.date)
            if not who or apart is None or apart > kb.windows["denial_days"] or (r.date or "") < (v.date or ""):
                continue
            if r.event.id in {e.event_id for e in v.evidence}:
                continue
            if not _about(v, r, kb):
                continue
            denials[r.event.id] = Denial(by=who, evidence=r.evidence())
            said.add(where)
        out.append(v.model_copy(update={"denials": [denials[k] for k in sorted(denials)]}) if denials else v)
    return out


def _about(v: Allegation, r: Reported, kb: LedgerKnowledge) -> bool:
    """Whether a denial is about this allegation: same place, or it names the accuser or the incident."""
    text = r.sentence.lower()
    if v.place and v.place.lower() in text:
        return True
    if set(codes(r.event.recipient)) & set(v.accuser):
        return True
    return kb.denied_subjects.search(text)


def _in_force_by_the_charge(a: Agreement, steps: list[StatusChange]) -> Agreement:
    """A ceasefire its sides agreed, then one charged the other with breaking: the charge says it was
    in force, though no report said so. It is in force (inferred) from its start, else from the first
    charge; `status` follows."""
    accepted = [h for h in a.history if h.status == "accepted" and h.date]
    if a.kind not in CEASEFIRE_KINDS or a.status != "accepted" or not accepted or len(a.parties) < 2:
        return a
    after = [h.date for h in steps if h.date and h.date > accepted[-1].date]
    if not after:
        return a
    day = a.terms.start if a.terms.start and accepted[-1].date <= a.terms.start <= after[0] else after[0]
    step = StatusChange(status="in_force", by=list(a.parties), date=day, inferred=True)
    return a.model_copy(update={"history": sorted([*a.history, step], key=_history_key), "status": "in_force"})


def with_violations(agreements: list[Agreement], allegations: list[Allegation]) -> list[Agreement]:
    """Each agreement with a `violated` step (alleged: a side's charge, `alleged: true`) on each day a
    breach of it was alleged, in its history, up to its end. Its `status` stays the latest step a
    side or the terms took (in force, extended, expired ...): a charge does not end a truce (though it
    puts an accepted one in force, `_in_force_by_the_charge`), and `violated_since` says when the
    charges began after that status. An undated charge names no day
    and adds no step."""
    by_agreement: dict[str, dict[str, list[Allegation]]] = defaultdict(lambda: defaultdict(list))
    for v in allegations:
        if v.date and len(v.date) == 10:
            by_agreement[v.agreement_id][v.date].append(v)
    out = []
    for a in agreements:
        days = by_agreement.get(a.id)
        if not days:
            out.append(a)
            continue
        ended = min((h.date for h in a.history if h.status in _END and h.date), default=None)
        steps = [StatusChange(status="violated", alleged=True, date=day,
                              by=sorted({c for v in charges for c in v.accused}),
                              evidence=[v.evidence[0] for v in sorted(charges, key=lambda v: v.id)])
                 for day, charges in sorted(days.items()) if ended is None or day <= ended]
        a = _in_force_by_the_charge(a, steps)
        history = sorted(a.history + steps, key=_history_key)
        latest = next((h for h in reversed(a.history) if h.status == a.status), None)
        since = next((h.date for h in steps if latest is None or not latest.date or h.date >= latest.date), None)
        out.append(a.model_copy(update={"history": history, "violated_since": since}))
    return out
