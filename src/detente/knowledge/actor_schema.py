"""The schema of the actor knowledge base (data/actors.yaml and the files it includes).

    merged = merge_includes(raw, path)    actors.yaml + its `include:` files -> one mapping
    data = ActorsFile.model_validate(merged); check(data, path)

A schema error is DetenteError("E402") naming the file and the first bad field;
docs/knowledge.md describes every key.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, model_validator

from detente.datafiles import read_yaml
from detente.errors import DetenteError

UNKNOWN_CODE = "UNK"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
GROUP_CODE_PATTERN = r"^[A-Z][A-Z0-9]{1,5}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeTerm(_Strict):
    """One office held by a person over a date range (end exclusive, None = still held)."""

    code: str
    sector: str
    office: str
    start: date
    end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "OfficeTerm":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"office {self.office!r} ends ({self.end}) before it starts ({self.start})")
        return self

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return self.start <= on and (self.end is None or on < self.end)


class PersonEntry(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    names: list[str] = Field(min_length=1)
    gender: Literal["m", "f", "x"]
    wikidata: str | None = Field(None, pattern=r"^Q[0-9]+$")
    offices: list[OfficeTerm] = Field(min_length=1)

    @property
    def name(self) -> str:
        return self.names[0]


class OrganisationEntry(_Strict):
    name: str
    sector: Literal["IGO", "NGO"]
    aliases: list[str] = Field(default_factory=list)
    leader: list[str] = Field(default_factory=list)


class StateEntry(_Strict):
    aliases: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    plurals: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    leader: list[str] = Field(default_factory=list)


class GovernTerm(_Strict):
    """A span over which an armed group governs a state and is coded as that state
    (the Taliban from 15 August 2021 are AFG GOV; before, TAL REB). End exclusive."""

    code: str
    sector: str = "GOV"
    start: date
    end: date | None = None

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return self.start <= on and (self.end is None or on < self.end)


class ArmedGroupEntry(_Strict):
    """A non-state armed group with its own code: names, where it fights, and its people."""

    name: str
    sector: str
    country: list[str] = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    local_aliases: list[str] = Field(default_factory=list)
    part_of: list[str] = Field(default_factory=list)
    #: the group that stands for its country's opposition as a whole: "Syria's opposition", "Syrian
    #: opposition forces" (one per country)
    opposition: bool = False
    leader: list[str] = Field(default_factory=list)
    governs: list[GovernTerm] = Field(default_factory=list)
    people: list[PersonEntry] = Field(default_factory=list)


class TitleEntry(_Strict):
    phrases: list[str] = Field(min_length=1)
    offices: list[str] = Field(min_length=1)
    sector: str


class SectorNounEntry(_Strict):
    sector: str
    kind: Literal["group", "institution"]
    phrases: list[str] = Field(min_length=1)


class InstitutionEntry(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    names: list[str] = Field(min_length=1)
    code: str
    sector: str
    leader: list[str] = Field(default_factory=list)


class DescriptionEntry(_Strict):
    phrases: list[str] = Field(min_length=1)
    code: str
    offices: list[str] = Field(min_length=1)
    sector: str = "GOV"


class NotActorsEntry(_Strict):
    places: list[str] = Field(default_factory=list)
    heads: list[str] = Field(default_factory=list)


class ActorsFile(_Strict):
    """data/actors.yaml with its included files merged in."""

    version: int
    sectors: dict[str, str]
    organisations: dict[str, OrganisationEntry]
    states: dict[str, StateEntry]
    un_members: list[str] = Field(default_factory=list)
    armed_groups: dict[str, ArmedGroupEntry] = Field(default_factory=dict)
    ambiguous_names: list[str] = Field(default_factory=list)
    titles: list[TitleEntry]
    sector_nouns: list[SectorNounEntry]
    hint_nouns: dict[str, list[str]] = Field(default_factory=dict)
    standalone_nouns: dict[str, list[str]] = Field(default_factory=dict)
    modifiers: list[str] = Field(default_factory=list)
    deputies: list[str] = Field(default_factory=list)
    honorifics: list[str] = Field(default_factory=list)
    not_actors: NotActorsEntry = Field(default_factory=NotActorsEntry)
    institutions: list[InstitutionEntry]
    descriptions: list[DescriptionEntry] = Field(default_factory=list)
    people: list[PersonEntry]

    def all_people(self) -> list[PersonEntry]:
        """People of states and organisations, then the armed groups' people."""
        return [*self.people, *(p for g in self.armed_groups.values() for p in g.people)]


# --------------------------------------------------------------------------- includes

INCLUDABLE = {"states", "un_members", "armed_groups", "organisations", "institutions", "descriptions", "people",
              "ambiguous_names"}
"""Top-level keys an included file may hold (besides its own `version`)."""


def fail(path: Path, message: str, **detail: Any) -> DetenteError:
    return DetenteError("E402", f"{path}: {message}", path=str(path), **detail)


def merge_includes(raw: Any, path: Path) -> Any:
    """actors.yaml names further files under `include:` (relative to its folder); their
    mappings are merged in: lists are concatenated, mappings joined (a key twice is an error)."""
    if not isinstance(raw, dict) or "include" not in raw:
        return raw
    merged = {k: v for k, v in raw.items() if k != "include"}
    for name in raw["include"] or []:
        part_path = path.parent / str(name)
        part = read_yaml(part_path)
        if not isinstance(part, dict) or not isinstance(part.get("version"), int):
            raise fail(part_path, "an included file must be a mapping with an integer `version`")
        extra = set(part) - INCLUDABLE - {"version"}
        if extra:
            raise fail(part_path, f"keys not allowed in an included file: {sorted(extra)}")
        for key, value in part.items():
            if key == "version":
                continue
            have = merged.get(key)
            if have is None:
                merged[key] = value
            elif isinstance(have, list) and isinstance(value, list):
                merged[key] = [*have, *value]
            elif isinstance(have, dict) and isinstance(value, dict):
                twice = set(have) & set(value)
                if twice:
                    raise fail(part_path, f"{key}: {sorted(twice)} already declared")
                merged[key] = {**have, **value}
            else:
                raise fail(part_path, f"{key}: cannot merge a {type(value).__name__} into a {type(have).__name__}")
    return merged


# --------------------------------------------------------------------------- cross-field checks


def valid_state_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries}


def check(data: ActorsFile, path: Path) -> None:
    """Cross-field checks the schema cannot express: codes, sectors, alias clashes."""
    states = valid_state_codes()
    groups = set(data.armed_groups)
    codes = states | set(data.organisations) | groups | {UNKNOWN_CODE}
    sectors = set(data.sectors)
    bad_states = (set(data.states) | set(data.un_members)) - states
    if bad_states:
        raise fail(path, f"unknown ISO alpha-3 codes under states/un_members: {sorted(bad_states)}")
    for code, group in data.armed_groups.items():
        if not _is_group_code(code):
            raise fail(path, f"armed group code {code!r} must be 2-6 capitals or digits")
        unknown = set(group.part_of) - set(data.armed_groups)
        if unknown:
            raise fail(path, f"armed group {code}: part_of names unknown groups {sorted(unknown)}")
        if set(group.country) - states:
            raise fail(path, f"armed group {code}: unknown country codes {sorted(set(group.country) - states)}")
        if {g.code for g in group.governs} - states:
            raise fail(path, f"armed group {code}: governs must name states, not {sorted({g.code for g in group.governs} - states)}")
        spans = sorted(group.governs, key=lambda g: g.start)
        if any((a.end or date.max) > b.start for a, b in zip(spans, spans[1:])):
            raise fail(path, f"armed group {code}: overlapping governs spans")
    clash = groups & set(data.organisations)
    if clash:
        raise fail(path, f"codes declared both as organisation and armed group: {sorted(clash)}")
    people = data.all_people()
    where: list[tuple[str, str, str]] = []
    for p in people:
        where += [(f"person {p.id}", o.code, o.sector) for o in p.offices]
    where += [(f"armed group {c}", c, g.sector) for c, g in data.armed_groups.items()]
    where += [(f"institution {i.id}", i.code, i.sector) for i in data.institutions]
    where += [(f"title {t.phrases[0]!r}", UNKNOWN_CODE, t.sector) for t in data.titles]
    where += [(f"sector noun {s.phrases[0]!r}", UNKNOWN_CODE, s.sector) for s in data.sector_nouns]
    where += [(f"hint nouns {k}", UNKNOWN_CODE, k) for k in data.hint_nouns]
    where += [(f"standalone nouns {k}", UNKNOWN_CODE, k) for k in data.standalone_nouns]
    where += [(f"description {d.phrases[0]!r}", d.code, d.sector) for d in data.descriptions]
    for what, code, sector in where:
        if code not in codes:
            raise fail(path, f"{what}: code {code!r} is neither ISO alpha-3 nor a declared organisation "
                             "or armed group")
        if sector not in sectors:
            raise fail(path, f"{what}: sector {sector!r} is not declared under sectors")
    ids = [p.id for p in people] + [i.id for i in data.institutions]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise fail(path, f"duplicate ids: {sorted(dupes)}")
    owners: dict[str, list[PersonEntry]] = {}
    for p in people:
        for n in set(p.names):
            owners.setdefault(n, []).append(p)
    for name, named in owners.items():
        for i, a in enumerate(named):
            for b in named[i + 1:]:
                if any(_overlap(x, y) for x in a.offices for y in b.offices):
                    raise fail(path, f"name {name!r} names both {a.id} and {b.id} at the same time")


def _is_group_code(code: str) -> bool:
    return re.fullmatch(GROUP_CODE_PATTERN, code) is not None


def _overlap(a: OfficeTerm, b: OfficeTerm) -> bool:
    return a.start < (b.end or date.max) and b.start < (a.end or date.max)
