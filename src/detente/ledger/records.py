"""Typed records of the ledger: event clusters, positions, agreements, allegations.

All are frozen pydantic models (like detente.records) so a ledger can be
compared for equality, serialised to JSON and stored as-is.  Ids are content
hashes (`make_id`), never counters, so the same input gives the same ids.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Stance = Literal["demand", "red_line", "offer", "acceptance", "rejection", "proposal"]
AgreementKind = Literal["full_ceasefire", "partial_ceasefire", "unilateral_truce", "humanitarian_pause",
                        "prisoner_exchange", "release", "body_repatriation", "withdrawal", "framework",
                        "monitoring", "other"]
Status = Literal["proposed", "accepted", "rejected", "declared", "in_force", "implemented",
                 "partly_implemented", "extended", "violated", "expired", "suspended", "collapsed"]


def make_id(prefix: str, *parts: Any) -> str:
    """A short stable id from content: prefix + 12 hex digits of sha256."""
    raw = "|".join(str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:12]}"


class LedgerRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(LedgerRecord):
    """One report of something: the event coded from one sentence of one article."""

    article_id: str
    event_id: str
    outlet: str | None = None
    published: str | None = Field(None, description="publication time, ISO")
    sentence: str
    offsets: tuple[int, int] = Field(description="trigger start and end in the article text")


class EventCluster(LedgerRecord):
    """One real-world event with every report of it."""

    id: str
    event: str
    mode: str | None = None
    modality: str
    actor: list[str] = Field(default_factory=list, description="actor codes")
    recipient: list[str] = Field(default_factory=list)
    object: str | None = None
    date: str | None = None
    place: str | None = None
    event_ids: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    n_sources: int = Field(0, description="distinct outlets (article id where the outlet is unknown)")


class EvidenceRef(LedgerRecord):
    """Where a ledger statement comes from: the event and its sentence."""

    event_id: str
    article_id: str
    outlet: str | None = None
    date: str | None = None
    sentence: str
    speaker: list[str] = Field(default_factory=list, description="codes of who is quoted")


class PositionChange(LedgerRecord):
    stance: Stance
    wording: str
    date: str | None = None
    evidence: EvidenceRef


class Position(LedgerRecord):
    """Where one party stands on one topic, with every report and each change of stance."""

    id: str
    party: str = Field(description="actor code")
    entity_name: str | None = None
    stance: Stance = Field(description="the latest stance")
    topic: str = Field(description="topic or topic:subtopic from topics.yaml")
    wording: str
    first_seen: str | None = None
    last_seen: str | None = None
    n_reports: int = 0
    n_outlets: int = 0
    reported_by: list[str] = Field(default_factory=list, description="outlets")
    evidence: list[EvidenceRef] = Field(default_factory=list)
    history: list[PositionChange] = Field(default_factory=list, description="stance changes, oldest first")


class Condition(LedgerRecord):
    text: str
    by: list[str] = Field(default_factory=list)


class Scope(LedgerRecord):
    targets: list[str] = Field(default_factory=list, description="target categories: energy_infrastructure, ...")
    areas: list[str] = Field(default_factory=list, description="areas: black_sea, ...")


class QuantityTerm(LedgerRecord):
    value: float
    unit: str
    per: str | None = None
    qualifier: str | None = None


class Terms(LedgerRecord):
    start: str | None = None
    duration_days: float | None = None
    end: str | None = None
    quantities: list[QuantityTerm] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)


class StatusChange(LedgerRecord):
    status: Status
    by: list[str] = Field(default_factory=list)
    date: str | None = None
    conditions: list[str] = Field(default_factory=list)
    promised: float | None = Field(None, description="count promised (implementation steps)")
    delivered: float | None = Field(None, description="count delivered (implementation steps)")
    evidence: list[EvidenceRef] = Field(default_factory=list)
    inferred: bool = Field(False, description="not reported but read off the terms (a truce past its stated end)")
    alleged: bool = Field(False, description="'violated': a side's charge (the ledger's allegations), not an "
                          "established fact; `by` are the accused")


class DisputedValue(LedgerRecord):
    value: str
    sources: list[str] = Field(description="outlets (or article ids) that give this value")


class Agreement(LedgerRecord):
    """One instrument (a ceasefire, an exchange...) merged across every report of it."""

    id: str
    kind: AgreementKind
    label: str
    parties: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    guarantors: list[str] = Field(default_factory=list)
    scope: Scope = Field(default_factory=Scope)
    terms: Terms = Field(default_factory=Terms)
    history: list[StatusChange] = Field(default_factory=list)
    status: Status = Field(description="the latest step a side or the terms took; alleged breaches "
                           "('violated' steps) never replace it")
    violated_since: str | None = Field(None, description="the first day a breach was alleged after that "
                                       "status: 'in force, violations alleged since ...'")
    disputed: dict[str, list[DisputedValue]] = Field(default_factory=dict)
    mentions: list[Mention] = Field(default_factory=list)

    @property
    def is_disputed(self) -> bool:
        return bool(self.disputed)


class Denial(LedgerRecord):
    by: list[str]
    evidence: EvidenceRef


class Allegation(LedgerRecord):
    """An alleged violation of an agreement: one incident (or one accusation) with its sources."""

    id: str
    agreement_id: str
    accused: list[str] = Field(default_factory=list)
    accuser: list[str] = Field(default_factory=list, description="accusing party codes, else outlets")
    date: str | None = None
    place: str | None = None
    target: str | None = Field(None, description="target category")
    kind: Literal["incident", "accusation"] = "incident"
    evidence: list[EvidenceRef] = Field(default_factory=list)
    denials: list[Denial] = Field(default_factory=list)
    n_outlets: int = 0
    claimed_count: float | None = Field(None, description="a published tally, not a count of incidents")


class Ledger(LedgerRecord):
    clusters: list[EventCluster] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    allegations: list[Allegation] = Field(default_factory=list)
