"""Typed records passed between detente's stages.

Every stage takes and returns these (frozen pydantic models); none of them is a
loose dict mutated in place.  `Event.to_plover()` renders the PLOVER JSON record
with detente's additions (see docs/schema.md).
"""

from __future__ import annotations

import calendar
import hashlib
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- articles


class Article(Record):
    """One news report, as ingested."""

    id: str = Field(description="sha256 of the normalised text, first 16 hex digits")
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = Field(None, description="publication time, tz-aware where known")
    language: str = "en"
    source_path: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @staticmethod
    def make_id(text: str) -> str:
        norm = " ".join(text.split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


class IngestProblem(Record):
    """One input that could not become an article: the file and the reason."""

    source: str
    code: str
    reason: str


# --------------------------------------------------------------------------- mentions


class ActorRef(Record):
    """A resolved actor (PLOVER entity fields)."""

    code: str = Field(description="ISO alpha-3 state or IGO/NGO/... code")
    sector: str | None = Field(None, description="PLOVER sector code: GOV, MIL, ...")
    entity_text: str = Field(description="the words in the text")
    entity_name: str | None = Field(None, description="canonical name")
    office: str | None = None
    identifier_id: str | None = Field(None, description="knowledge-base id (Wikidata where known)")
    kind: Literal["person", "state", "institution", "group", "unknown"] = "unknown"


class DateRef(Record):
    """A date resolved against the publication date."""

    date: str | None = Field(description="ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or None")
    precision: Literal["day", "month", "year", "unknown"] = "unknown"
    raw: str | None = Field(None, description="the phrase in the text")
    fallback: bool = Field(False, description="True when this is the publication date, no phrase found")
    relation: Literal["on", "since", "until", "before", "after", "during"] = "on"
    inherited: bool = Field(False, description="taken from an earlier sentence of the article")


def date_span(value: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers; None when unknown."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        d = date(parts[0], parts[1], parts[2])
        return d, d
    except ValueError:
        return None


class TermDate(Record):
    """A date in an event's sentence that sets a term of what the event is about, not the day it
    happened: "agreed to a truce starting Friday" (start), "extended it until 3 June" (end)."""

    kind: Literal["start", "end"]
    date: DateRef


class Place(Record):
    name: str
    raw: str
    country_code: str | None = Field(None, description="ISO alpha-3")
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = Field(None, description="country, admin1, city, region, site, sea")
    admin1: str | None = None
    resolution: int | None = Field(None, description="PLOVER: 1 country ... 5 sub-city")


class Quantity(Record):
    value: float
    unit: str = Field(description="what is counted: prisoners, soldiers, day, hour, violations, ...")
    kind: Literal["count", "duration", "money", "other"] = "count"
    raw: str
    per: str | None = Field(None, description="'side' in '175 prisoners from each side'")
    qualifier: str | None = Field(None, description="e.g. 'seriously wounded'")
    size_field: Literal["dead", "injured", "arrested"] | None = None


class Mention(Record):
    """A span of an article that a component annotated."""

    kind: Literal["actor", "date", "place", "quantity", "trigger"]
    start: int
    end: int
    text: str
    label: str
    data: dict[str, Any] = Field(default_factory=dict)


# --------------------------------------------------------------------------- events


class Modality(str, Enum):
    asserted = "asserted"
    negated = "negated"
    refused = "refused"
    proposed = "proposed"
    promised = "promised"
    intended = "intended"
    conditional = "conditional"
    hypothetical = "hypothetical"
    predicted = "predicted"
    historical = "historical"


class Attribution(Record):
    """Who asserts a fact: a speaker, the outlets that carried it, and hedges."""

    speaker: list[ActorRef] = Field(default_factory=list)
    speaker_text: str | None = None
    cue: str | None = Field(None, description="the reporting verb or phrase: said, according to")
    outlets: list[str] = Field(default_factory=list, description="outlet chain, innermost first")
    hedges: list[str] = Field(default_factory=list)


class Evidence(Record):
    article_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    trigger: str


QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
EVENT_TYPES = tuple(QUADS)


class Event(Record):
    id: str
    event: str = Field(description="PLOVER type")
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actor: list[ActorRef] = Field(default_factory=list)
    recipient: list[ActorRef] = Field(default_factory=list)
    object: str | None = Field(None, description="what the event is about: 'a 30-day ceasefire'")
    date: DateRef
    event_loc: Place | None = None
    size: dict[str, float] = Field(default_factory=dict)
    quantities: list[Quantity] = Field(default_factory=list)
    terms: list[TermDate] = Field(default_factory=list, description="start and end dates the sentence sets for "
                                  "what the event is about (never the event's own date)")
    modality: Modality = Modality.asserted
    condition: str | None = None
    standing: bool = Field(False, description="a stance stated as standing, not one act: a REJECT that is a "
                           "standing refusal ('will not recognise', 'cannot accept', 'never', 'refuses to "
                           "cede': a red line); an AGREE that offers the party's own act ('willing to talk', "
                           "'ready to withdraw': an offer)")
    attribution: Attribution = Field(default_factory=Attribution)
    cameo: str | None = None
    acled: dict[str, str] | None = None
    confidence: float = 1.0
    primary: bool = False
    evidence: Evidence

    @property
    def quad_code(self) -> int:
        return QUADS[self.event]

    @staticmethod
    def make_id(article_id: str, trigger_start: int, event: str) -> str:
        raw = f"{article_id}:{trigger_start}:{event}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    def to_plover(self, article: Article | None = None) -> dict[str, Any]:
        """The PLOVER JSON record with detente's additions."""
        ev = self.evidence
        return {
            "id": self.id,
            "date": self.date.date,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "actor": [a.model_dump() for a in self.actor],
            "recipient": [a.model_dump() for a in self.recipient],
            "event_loc": self.event_loc.model_dump() if self.event_loc else None,
            "size": dict(self.size),
            "quad_code": self.quad_code,
            "text": ev.sentence,
            "event_text": ev.trigger,
            "text_info": {
                "sentence_start": ev.sentence_start,
                "sentence_end": ev.sentence_end,
                "trigger_start": ev.trigger_start,
                "trigger_end": ev.trigger_end,
            },
            "cite_info": {
                "article_id": ev.article_id,
                "url": article.url if article else None,
                "title": article.title if article else None,
                "publication": article.outlet if article else None,
                "published": article.published.isoformat() if article and article.published else None,
                "language": article.language if article else None,
            },
            "coder": "detente",
            # detente's additions
            "object": self.object,
            "date_info": self.date.model_dump(),
            "terms": [t.model_dump() for t in self.terms],
            "modality": self.modality.value,
            "condition": self.condition,
            "standing": self.standing,
            "attribution": self.attribution.model_dump(),
            "quantities": [q.model_dump() for q in self.quantities],
            "cameo": self.cameo,
            "acled": self.acled,
            "confidence": self.confidence,
            "article_id": ev.article_id,
            "primary": self.primary,
        }


class ArticleAnalysis(Record):
    """Everything the NLP pipeline found in one article."""

    article_id: str
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class EventFilter(Record):
    actor: str | None = Field(None, description="actor code (actor or recipient)")
    event: str | None = None
    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    limit: int | None = None
