"""JSON API routes under /api/v1, mirroring the CLI.

Each route is thin: it reads through detente.api or a read-only store opened for
the request, and pages the result (`limit` + opaque `cursor`, see deps.py).
Errors use the one shape of api_errors.py.  The only write, POST /articles,
needs the configured bearer token; with none configured the server is read-only.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from detente import api
from detente.errors import DetenteError
from detente.ledger.records import Agreement, AgreementKind, Allegation, Position, Status
from detente.records import Article, EventFilter, IngestProblem, Mention
from detente.settings import Settings
from detente.store.base import Store
from detente.web.api_errors import error_responses
from detente.web.deps import Page, PageParams, get_settings, read_store

router = APIRouter(tags=["api"], responses=error_responses(422, 500))

PloverRecord = dict[str, Any]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_INGEST_LOCK = threading.Lock()
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


# --------------------------------------------------------------------------- response models


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO publication time")
    language: str = "en"
    chars: int = Field(description="length of the text")

    @classmethod
    def of(cls, a: Article) -> ArticleSummary:
        return cls(id=a.id, title=a.title, url=a.url, outlet=a.outlet,
                   published=a.published.isoformat() if a.published else None,
                   language=a.language, chars=len(a.text))


class ArticleDetail(BaseModel):
    article: Article
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    events: list[PloverRecord] = Field(description="PLOVER records, as `detente events --format json`")


class ActorRow(BaseModel):
    code: str
    sector: str | None = None
    entity_name: str | None = None
    kind: str | None = None
    identifier_id: str | None = None
    events: int = 0


class ActorDetail(BaseModel):
    code: str
    variants: list[ActorRow] = Field(description="each sector/name under which the code was seen")
    n_events: int
    events: list[PloverRecord] = Field(description="its first events by date (all: /events?actor=CODE)")
    positions: list[Position]
    agreements: list[Agreement] = Field(description="agreements it is a party, mediator or guarantor of")


class AgreementDetail(BaseModel):
    agreement: Agreement
    allegations: list[Allegation]


class SearchHit(BaseModel):
    kind: Literal["article", "event"]
    article: ArticleSummary | None = None
    snippet: str | None = Field(None, description="article text around the match, matches in [brackets]")
    event: PloverRecord | None = None


class IngestResult(BaseModel):
    stored: int
    already: int
    events: int
    article_ids: list[str]
    problems: list[IngestProblem]


# --------------------------------------------------------------------------- articles


class ArticleIn(BaseModel):
    """One article to ingest (JSON field names as the field_* settings; these are the defaults)."""

    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="publication time, ISO 8601 or a common date format")
    outlet: str | None = None


_ARTICLE_IN = ArticleIn.model_json_schema()


@router.get("/articles", response_model=Page[ArticleSummary], summary="Articles, newest first")
def list_articles(page: PageParams = Depends(), store: Store = Depends(read_store)) -> dict:
    found = store.articles(limit=page.limit + 1, offset=page.offset)
    return page.page_fetched([ArticleSummary.of(a) for a in found])


@router.get("/articles/{article_id}", response_model=ArticleDetail,
            responses=error_responses(404), summary="One article with its mentions and events")
def get_article(article_id: str = Path(..., min_length=1, max_length=64, description="id or unique prefix"),
                settings: Settings = Depends(get_settings)) -> dict:
    article, analysis = api.show_article(settings, article_id)
    return {"article": article, "sentences": analysis.sentences, "mentions": analysis.mentions,
            "events": [ev.to_plover(article) for ev in analysis.events]}


@router.post("/articles", status_code=201, response_model=IngestResult,
             responses=error_responses(401, 403, 413, 415),
             summary="Ingest articles (needs the bearer token; the server is read-only without one)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"oneOf": [
                     _ARTICLE_IN, {"type": "array", "minItems": 1, "items": _ARTICLE_IN}]}},
                 "application/rss+xml": {"schema": {"type": "string"}},
                 "application/atom+xml": {"schema": {"type": "string"}},
             }}})
async def post_articles(request: Request) -> JSONResponse:
    settings = get_settings(request)
    _check_token(request, settings)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if kind == "application/json" or kind.endswith("+json"):
        _check_json(body)
    elif kind not in FEED_TYPES:
        raise DetenteError("E604", f"unsupported content type {kind or 'none'!r}: send application/json"
                           " or an RSS/Atom feed", status=415)
    report, ids = await run_in_threadpool(_ingest_one_at_a_time, body, settings)
    if not ids:
        raise DetenteError("E604", "the body holds no article that can be ingested",
                           problems=[p.model_dump() for p in report.problems])
    result = IngestResult(stored=report.stored, already=report.already, events=report.events,
                          article_ids=ids, problems=report.problems)
    return JSONResponse(result.model_dump(mode="json"), status_code=201)


def _ingest_one_at_a_time(body: bytes, settings: Settings) -> tuple[api.IngestReport, list[str]]:
    """Ingest in a worker thread, one request at a time: the spaCy pipeline is shared and not thread-safe."""
    with _INGEST_LOCK:
        return api.ingest_bytes(body, settings)


def _check_token(request: Request, settings: Settings) -> None:
    if not settings.api_token:
        raise DetenteError("E602", "this server is read-only: set api_token to accept ingestion")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.api_token.encode()):
        raise DetenteError("E605", "send Authorization: Bearer <api_token>")


def _check_json(body: bytes) -> None:
    """A JSON body must be an object or a list of objects (the reader reports what is inside)."""
    try:
        value = json.loads(body)
    except ValueError as exc:
        raise DetenteError("E604", f"the body is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise DetenteError("E604", "the body nests objects and lists too deeply to read") from exc
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, dict) for v in items):
        raise DetenteError("E604", "send a JSON object or a non-empty list of objects")


# --------------------------------------------------------------------------- events and actors


@router.get("/events", response_model=Page[PloverRecord], summary="Events as PLOVER records, by date")
def list_events(page: PageParams = Depends(),
                actor: str | None = Query(None, max_length=64, description="actor code, as actor or recipient"),
                type: str | None = Query(None, max_length=32, description="PLOVER event type (ASSAULT, ...)"),
                since: str | None = Query(None, pattern=DATE_PATTERN, description="earliest date, YYYY[-MM[-DD]]"),
                until: str | None = Query(None, pattern=DATE_PATTERN, description="latest date, YYYY[-MM[-DD]]"),
                article: str | None = Query(None, max_length=64, description="article id"),
                settings: Settings = Depends(get_settings)) -> dict:
    flt = EventFilter(actor=actor, event=type.upper() if type else None, since=since, until=until,
                      article_id=article, limit=page.window)
    return page.page(api.list_events(settings, flt))


@router.get("/actors", response_model=Page[ActorRow], summary="Actors seen in events, most active first")
def list_actors(page: PageParams = Depends(), store: Store = Depends(read_store)) -> dict:
    return page.page(store.actors())


@router.get("/actors/{code}", response_model=ActorDetail, responses=error_responses(404),
            summary="One actor code: its names, events, positions and agreements")
def get_actor(code: str = Path(..., min_length=1, max_length=64, description="actor code (RUS, UKR, ...)"),
              store: Store = Depends(read_store), settings: Settings = Depends(get_settings)) -> dict:
    code = code.upper()
    variants = [a for a in store.actors() if a["code"] == code]
    led = store.ledger()
    positions = [p for p in led.positions if p.party == code]
    agreements = [a for a in led.agreements if code in (*a.parties, *a.mediators, *a.guarantors)]
    if not (variants or positions or agreements):
        raise DetenteError("E601", f"no actor with code {code!r}", actor=code)
    events = api.list_events(settings, EventFilter(actor=code, limit=50))
    return {"code": code, "variants": variants, "n_events": sum(v["events"] for v in variants),
            "events": events, "positions": positions, "agreements": agreements}


# --------------------------------------------------------------------------- ledger


@router.get("/positions", response_model=Page[Position], summary="Positions of parties on topics")
def list_positions(page: PageParams = Depends(),
                   party: str | None = Query(None, max_length=64, description="party code"),
                   topic: str | None = Query(None, max_length=100, description="topic (matches its subtopics)"),
                   settings: Settings = Depends(get_settings)) -> dict:
    return page.page(api.positions(settings, party=party, topic=topic))


@router.get("/agreements", response_model=Page[Agreement], summary="Agreements with their current status")
def list_agreements(page: PageParams = Depends(), status: Status | None = Query(None),
                    kind: AgreementKind | None = Query(None),
                    settings: Settings = Depends(get_settings)) -> dict:
    return page.page(api.agreements(settings, status=status, kind=kind))


@router.get("/agreements/{agreement_id}", response_model=AgreementDetail, responses=error_responses(404),
            summary="One agreement with its alleged violations")
def get_agreement(agreement_id: str = Path(..., min_length=1, max_length=64, description="id or unique prefix"),
                  settings: Settings = Depends(get_settings)) -> dict:
    found, allegations = _agreement(settings, agreement_id)
    return {"agreement": found, "allegations": allegations}


@router.get("/allegations", response_model=Page[Allegation], responses=error_responses(404),
            summary="Alleged violations, by agreement and date")
def list_allegations(page: PageParams = Depends(),
                     agreement: str | None = Query(None, min_length=1, max_length=64, description="agreement id"),
                     settings: Settings = Depends(get_settings)) -> dict:
    if agreement is None:
        return page.page(api.compliance(settings))
    return page.page(_agreement(settings, agreement)[1])


def _agreement(settings: Settings, agreement_id: str) -> tuple[Agreement, list[Allegation]]:
    try:
        return api.agreement(settings, agreement_id)
    except DetenteError as exc:
        if exc.code != "E203":
            raise
        raise DetenteError("E601", f"no agreement with id {agreement_id!r}", agreement_id=agreement_id) from exc


# --------------------------------------------------------------------------- search


@router.get("/search", response_model=Page[SearchHit],
            summary="Full-text search: articles (FTS5, best first), then events whose sentence or trigger holds q")
def search(page: PageParams = Depends(),
           q: str = Query(..., min_length=1, max_length=500, description="words or an FTS5 query"),
           store: Store = Depends(read_store), settings: Settings = Depends(get_settings)) -> dict:
    hits: list[dict[str, Any]] = [
        {"kind": "article", "article": ArticleSummary.of(a), "snippet": snip}
        for a, snip in store.search(q, limit=page.window)]
    if len(hits) < page.window:
        hits.extend({"kind": "event", "event": rec} for rec in _event_hits(store, settings, q, page.window - len(hits)))
    return page.page(hits)


def _event_hits(store: Store, settings: Settings, q: str, want: int) -> list[PloverRecord]:
    """Up to `want` events, newest first, whose evidence sentence or trigger contains `q` (as the search page)."""
    from detente.web.view_data import read_only, search_events

    with read_only(settings.db) as conn:
        events = search_events(conn, q.strip(), limit=want)
    articles: dict[str, Article | None] = {}
    out: list[PloverRecord] = []
    for ev in events:
        aid = ev.evidence.article_id
        if aid not in articles:
            articles[aid] = store.article(aid)
        out.append(ev.to_plover(articles[aid]))
    return out
