"""Server-rendered pages (Jinja2): overview, timeline, positions, agreements, actors, articles, search.

Each handler reads through a read-only connection (detente.web.view_data) or the
read-only store, builds plain values and renders one template.  Autoescape is on
for every template; the only HTML built in Python comes from
detente.web.view_render, which escapes every slice of text it is given.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from detente.errors import DetenteError
from detente.records import EVENT_TYPES, QUADS
from detente.store import open_store
from detente.web import view_data as vd
from detente.web import view_render as vr
from detente.web.app import TEMPLATES_DIR

router = APIRouter(include_in_schema=False)

_env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
_env.filters["q"] = lambda value: quote(str(value), safe="")
_env.globals.update(quad_names=vr.QUAD_NAMES, event_types=EVENT_TYPES)
templates = Jinja2Templates(env=_env)

STANCE_ORDER = ["demand", "red_line", "offer", "proposal", "acceptance", "rejection"]
#: the last timeline page one may ask for (100 events a page: far past any database)
MAX_PAGE = 1_000_000
# bounds of the path parameters: ids and codes are short, a topic is topic:subtopic
ID_CHARS, TOPIC_CHARS = 64, 200


def _db(request: Request) -> str:
    return request.app.state.settings.db


def _render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _render(request, "error.html", status_code=404, title="Not found", message=what)


def evidence_href(article_id: str, start: int | None) -> str:
    """The link to a sentence of an article, highlighted there."""
    base = f"/articles/{quote(article_id, safe='')}"
    return f"{base}?s={start}#s-{start}" if start is not None else base


# --------------------------------------------------------------------------- overview


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """Counts, the latest articles and the agreements board."""
    db = _db(request)
    with open_store(db, readonly=True) as store:
        stats = store.stats()
        latest = store.articles(limit=10)
    with vd.read_only(db) as conn:
        counts = vd.ledger_counts(conn)
        board = vd.agreements(conn)
        violations = vd.allegation_counts(conn)
    rows = [{"a": a, "last": a.history[-1] if a.history else None, "violations": violations.get(a.id, 0)}
            for a in board]
    rows.sort(key=lambda r: (r["last"].date or "") if r["last"] else "", reverse=True)
    return _render(request, "overview.html", title="Overview", stats=stats, counts=counts,
                   latest=latest, board=rows)


# --------------------------------------------------------------------------- timeline


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _quad(value: str | None) -> int | None:
    """The quad class filter: none for "" (the form's "all"), else 1 to 4; E604 (422) otherwise."""
    if value is None or not value.strip():
        return None
    if value.strip() not in {"1", "2", "3", "4"}:
        raise DetenteError("E604", "quad: the quad class is 1, 2, 3 or 4",
                           problems=[{"loc": ["query", "quad"], "msg": "must be 1, 2, 3 or 4",
                                      "type": "enum"}])
    return int(value)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, event: str | None = Query(None, max_length=32),
             quad: str | None = Query(None, max_length=16), party: str | None = Query(None, max_length=64),
             since: str | None = Query(None, max_length=32), until: str | None = Query(None, max_length=32),
             unit: str | None = Query(None, max_length=16),
             page: int = Query(0, ge=0, le=MAX_PAGE)) -> HTMLResponse:
    """Events over time (stacked by quad class) with the filtered list below."""
    event = event.upper() if event and event.upper() in QUADS else None
    q = vd.EventQuery(event=event, quad=_quad(quad), party=(party or "").strip().upper() or None,
                      since=vd.parse_day(since) and since, until=vd.parse_day(until) and until)
    db = _db(request)
    with vd.read_only(db) as conn:
        chart, chosen, by_type = vd.memo(db, ("timeline_chart", q, unit),
                                         lambda: _timeline_chart(vd.day_counts(conn, q), unit))
        total = sum(n for _type, n in by_type)
        events = vd.memo(db, ("list_events", q, page), lambda: vd.list_events(conn, q, limit=100, offset=page * 100))
        parties = vd.memo(db, ("party_codes",), lambda: vd.party_codes(conn))
        starts = vd.sentence_starts(conn, [e.id for e in events])
    filters = {"event": event, "quad": q.quad, "party": q.party, "since": q.since, "until": q.until,
               "unit": unit}
    query = {k: v for k, v in filters.items() if v}
    more = (page + 1) * 100 < total
    return _render(request, "timeline.html", title="Timeline", chart=chart, events=events, total=total,
                   filters=filters, parties=parties, unit=chosen, by_type=by_type,
                   starts=starts, page=page, evidence_href=evidence_href,
                   next_href=f"/timeline?{urlencode({**query, 'page': page + 1})}" if more else None,
                   prev_href=f"/timeline?{urlencode({**query, 'page': page - 1})}" if page else None)


def _timeline_chart(counts: list[tuple[str, str, int, int]], unit: str | None
                    ) -> tuple[Markup, str, list[tuple[str, int]]]:
    """(SVG of events per bucket stacked by quad class, the bucket unit used, totals by type)."""
    days = [(vd.parse_day(d), ev, quad_code, n) for d, ev, quad_code, n in counts]
    days = [x for x in days if x[0] is not None]
    bars: list[vr.Bar] = []
    chosen = unit or "week"
    if days:
        first, last = min(d for d, *_ in days), max(d for d, *_ in days)
        chosen = vd.choose_unit(first, last, unit)
        buckets: dict[date, Counter] = defaultdict(Counter)
        for d, _ev, quad_code, n in days:
            buckets[vd.bucket_start(d, chosen)][vr.QUAD_NAMES[quad_code]] += n
        cursor = vd.bucket_start(first, chosen)
        while cursor <= last:
            bars.append(vr.Bar(cursor.isoformat(), dict(buckets.get(cursor, {}))))
            cursor = _next_bucket(cursor, chosen)
    colours = {name: vr.SERIES_COLOURS[i] for i, name in enumerate(vr.QUAD_NAMES.values())}
    chart = vr.stacked_bars(bars, list(vr.QUAD_NAMES.values()), colours, title=f"events per {chosen}")
    by_type: Counter = Counter()
    for _d, ev, _quad, n in counts:
        by_type[ev] += n
    return chart, chosen, by_type.most_common()


def _next_bucket(day: date, unit: str) -> date:
    if unit == "day":
        return day + timedelta(days=1)
    if unit == "week":
        return day + timedelta(days=7)
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


# --------------------------------------------------------------------------- positions


@router.get("/positions", response_class=HTMLResponse)
def positions(request: Request) -> HTMLResponse:
    """Parties × topics: the latest stance in each cell, linking to its history."""
    with vd.read_only(_db(request)) as conn:
        found = vd.positions(conn)
    parties = sorted({p.party for p in found})
    topics = sorted({p.topic for p in found})
    cells: dict[tuple[str, str], list] = defaultdict(list)
    for p in found:
        cells[(p.party, p.topic)].append(p)
    for found_here in cells.values():
        found_here.sort(key=lambda p: p.last_seen or "", reverse=True)
    return _render(request, "positions.html", title="Positions", parties=parties, topics=topics, cells=cells)


@router.get("/positions/{party}/{topic}", response_class=HTMLResponse)
def position(request: Request, party: str = Path(..., max_length=ID_CHARS),
             topic: str = Path(..., max_length=TOPIC_CHARS)) -> HTMLResponse:
    """Every position of one party on one topic, its stance changes and evidence."""
    with vd.read_only(_db(request)) as conn:
        found = vd.positions(conn, party=party, topic=topic)
        ids = [e.event_id for p in found for e in p.evidence] + \
              [h.evidence.event_id for p in found for h in p.history]
        starts = vd.sentence_starts(conn, ids)
    if not found:
        return _not_found(request, f"No position of {party} on {topic}.")
    return _render(request, "position.html", title=f"{party} on {topic}", party=party.upper(), topic=topic,
                   positions=found, starts=starts, evidence_href=evidence_href)


# --------------------------------------------------------------------------- agreements


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement(request: Request, agreement_id: str = Path(..., max_length=ID_CHARS)) -> HTMLResponse:
    """One agreement: terms, parties, status history, disputed values, alleged violations and denials."""
    with vd.read_only(_db(request)) as conn:
        found = vd.agreement(conn, agreement_id)
        if found is None:
            return _not_found(request, f"No agreement {agreement_id}.")
        allegations = vd.allegations_of(conn, found.id)
        ids = [e.event_id for h in found.history for e in h.evidence] + [m.event_id for m in found.mentions]
        ids += [e.event_id for v in allegations for e in v.evidence]
        ids += [d.evidence.event_id for v in allegations for d in v.denials]
        starts = vd.sentence_starts(conn, ids)
    points = [(vd.parse_day(h.date), h.status, ", ".join(h.by)) for h in found.history]
    return _render(request, "agreement.html", title=found.label, a=found, allegations=allegations,
                   status_chart=vr.status_timeline(points), violations_chart=_violations_chart(allegations),
                   starts=starts, evidence_href=evidence_href)


def _violations_chart(allegations: list) -> Markup:
    """Alleged violations per week, stacked by the accused side."""
    dated = [(vd.parse_day(v.date), "+".join(v.accused) or "unknown") for v in allegations]
    dated = [(d, side) for d, side in dated if d is not None]
    if not dated:
        return vr.stacked_bars([], [])
    sides = sorted({side for _, side in dated})
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    unit = vd.choose_unit(first, last, "day" if (last - first).days <= 45 else "week")
    buckets: dict[date, Counter] = defaultdict(Counter)
    for d, side in dated:
        buckets[vd.bucket_start(d, unit)][side] += 1
    bars, cursor = [], vd.bucket_start(first, unit)
    while cursor <= last:
        bars.append(vr.Bar(cursor.isoformat(), dict(buckets.get(cursor, {}))))
        cursor = _next_bucket(cursor, unit)
    return vr.stacked_bars(bars, sides, title=f"alleged violations per {unit}, by accused side", height=160)


# --------------------------------------------------------------------------- actors


def _kb_entry(code: str) -> dict:
    """What the knowledge base says about an actor code: its name(s) and people with offices over time."""
    from detente.knowledge.actors import load_kb

    kb = load_kb()
    names: list[str] = []
    state = kb.data.states.get(code)
    if state is not None:
        names = list(state.aliases[:3])
    org = kb.organisations.get(code) or kb.armed_groups.get(code)
    if org is not None:
        names = [org.name, *org.aliases[:2]]
    people = []
    for person in kb.all_people:
        terms = [t for t in person.offices if t.code == code]
        if terms:
            people.append({"name": person.name, "wikidata": person.wikidata,
                           "terms": sorted(terms, key=lambda t: t.start)})
    people.sort(key=lambda p: max(t.start for t in p["terms"]), reverse=True)
    return {"names": names, "people": people}


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, code: str = Path(..., max_length=ID_CHARS)) -> HTMLResponse:
    """Who an actor code is (offices over time), its events, positions and agreements."""
    code = code.upper()
    q = vd.EventQuery(party=code)
    db = _db(request)
    with vd.read_only(db) as conn:
        names = vd.memo(db, ("actor_names", code), lambda: vd.actor_names(conn, code))
        total = vd.memo(db, ("count_events", q), lambda: vd.count_events(conn, q))
        events = vd.memo(db, ("list_events", q, "actor"), lambda: vd.list_events(conn, q, limit=50))
        starts = vd.sentence_starts(conn, [e.id for e in events])
        held = vd.positions(conn, party=code)
        deals = [a for a in vd.agreements(conn) if code in a.parties or code in a.mediators
                 or code in a.guarantors]
    kb = _kb_entry(code)
    if not names and not kb["names"] and not kb["people"] and not held and not deals:
        return _not_found(request, f"No actor {code}.")
    return _render(request, "actor.html", title=code, code=code, names=names, kb=kb, total=total,
                   events=events, starts=starts, positions=held, agreements=deals, evidence_href=evidence_href)


# --------------------------------------------------------------------------- articles


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str = Path(..., max_length=ID_CHARS),
            s: str | None = Query(None, max_length=20)) -> HTMLResponse:
    """The article text with every mention highlighted, its events and the ledger records they feed."""
    db = _db(request)
    with open_store(db, readonly=True) as store:
        found = store.article(article_id)
        analysis = store.analysis(article_id) if found else None
    if found is None or analysis is None:
        return _not_found(request, f"No article {article_id}.")
    with vd.read_only(db) as conn:
        links = vd.records_citing(conn, found.id)
    body = vr.highlight(found.text, list(analysis.sentences), list(analysis.mentions), target=_int_or_none(s))
    kinds = Counter(m.kind for m in analysis.mentions)
    return _render(request, "article.html", title=found.title or found.id, article=found, body=body,
                   events=analysis.events, links=links, kinds=sorted(kinds.items()))


# --------------------------------------------------------------------------- search


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=2000)) -> HTMLResponse:
    """Full-text search over articles (FTS5) and a text match over event sentences."""
    q = q.strip()[:200]
    hits, events, starts = [], [], {}
    if q:
        db = _db(request)
        with open_store(db, readonly=True) as store:
            hits = [(a, vr.snippet(snip)) for a, snip in store.search(q, limit=20)]
        with vd.read_only(db) as conn:
            events = vd.memo(db, ("search_events", q), lambda: vd.search_events(conn, q, limit=50))
            starts = vd.sentence_starts(conn, [e.id for e in events])
    return _render(request, "search.html", title="Search", q=q, hits=hits, events=events, starts=starts,
                   evidence_href=evidence_href)

