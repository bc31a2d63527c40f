"""Crosswalks from a PLOVER event to CAMEO codes and ACLED sub-event types.

The mapping is data (src/detente/data/crosswalk.yaml): per PLOVER type, a
default and an ordered list of rules conditioned on mode, context, modality,
recipient sectors and cue words found in the object or sentence text.  This
module only loads the file, checks it, and applies the first matching rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.records import EVENT_TYPES

CROSSWALK_FILE = "crosswalk.yaml"


@dataclass(frozen=True)
class Rule:
    """One crosswalk rule: conditions (all must hold) and the result."""

    result: str | None
    modes: frozenset[str] = frozenset()
    contexts: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    cues: tuple[str, ...] = ()
    all_cues: tuple[str, ...] = ()

    def matches(self, mode: str | None, context: Iterable[str], modality: str | None,
                sectors: Iterable[str], found_cues: frozenset[str]) -> bool:
        if self.modes and (mode or "") not in self.modes:
            return False
        if self.contexts and not self.contexts.intersection(context):
            return False
        if self.modalities and (modality or "") not in self.modalities:
            return False
        if self.sectors and not self.sectors.intersection(sectors):
            return False
        if self.cues and not any(c in found_cues for c in self.cues):
            return False
        if self.all_cues and not all(c in found_cues for c in self.all_cues):
            return False
        return True


@dataclass(frozen=True)
class Table:
    """Default and rules for one PLOVER type in one target scheme."""

    default: str | None
    rules: tuple[Rule, ...]

    def lookup(self, mode: str | None, context: Iterable[str], modality: str | None,
               sectors: Iterable[str], found_cues: frozenset[str]) -> str | None:
        context, sectors = tuple(context), tuple(sectors)
        for rule in self.rules:
            if rule.matches(mode, context, modality, sectors, found_cues):
                return rule.result
        return self.default


@dataclass(frozen=True)
class Crosswalk:
    """The parsed crosswalk file."""

    version: int
    cue_patterns: dict[str, re.Pattern[str]]
    cameo: dict[str, Table]
    no_code_modalities: frozenset[str]
    acled: dict[str, Table]
    acled_types: dict[str, str]          # sub-event type -> event type
    case2021: dict[str, str | None]      # CASE label id -> sub-event type
    case_attrib_cues: tuple[str, ...]
    case_diplo_events: frozenset[str]
    label_sets: dict[str, dict[str, Any]]
    actor_ignore: frozenset[str]
    civilian_sectors: frozenset[str]
    _cue_memo: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def found_cues(self, text: str | None) -> frozenset[str]:
        """Names of the cue sets with at least one cue in `text` (memoised: a
        sentence is looked up once for each of its events and both schemes)."""
        if not text:
            return frozenset()
        hit = self._cue_memo.get(text)
        if hit is None:
            if len(self._cue_memo) > 4096:
                self._cue_memo.clear()
            hit = frozenset(name for name, pat in self.cue_patterns.items() if pat.search(text))
            self._cue_memo[text] = hit
        return hit


def cue_regex(cues: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for a cue list (see the YAML header)."""
    parts = []
    for cue in cues:
        prefix = cue.endswith("*")
        words = cue.rstrip("*").strip().split()
        body = r"[\s\-]+".join(re.escape(w) for w in words)
        start = r"\b" if words and re.match(r"\w", words[0]) else ""
        end = "" if prefix or not re.search(r"\w$", words[-1]) else r"\b"
        parts.append(f"{start}{body}{end}")
    return re.compile("|".join(parts), re.IGNORECASE)


def _rule(raw: dict[str, Any], key: str, where: str) -> Rule:
    allowed = {"mode", "context", "modality", "sectors", "cues", "all_cues", key}
    unknown = set(raw) - allowed
    if unknown or key not in raw:
        raise DetenteError("E402", f"{CROSSWALK_FILE}: bad rule in {where}: {raw}")
    return Rule(result=raw[key], modes=frozenset(raw.get("mode", ())),
                contexts=frozenset(raw.get("context", ())),
                modalities=frozenset(raw.get("modality", ())),
                sectors=frozenset(raw.get("sectors", ())), cues=tuple(raw.get("cues", ())),
                all_cues=tuple(raw.get("all_cues", ())))


def _tables(raw: dict[str, Any], key: str, where: str) -> dict[str, Table]:
    out = {}
    for event, spec in (raw or {}).items():
        if event not in EVENT_TYPES:
            raise DetenteError("E402", f"{CROSSWALK_FILE}: {where}: unknown PLOVER type {event!r}")
        rules = tuple(_rule(r, key, f"{where}.{event}") for r in spec.get("rules") or ())
        out[event] = Table(default=spec.get("default"), rules=rules)
    return out


def parse_crosswalk(data: dict[str, Any]) -> Crosswalk:
    """Build and check a Crosswalk from the YAML mapping; E402 on any inconsistency."""
    try:
        cues = {name: cue_regex(words) for name, words in data["cues"].items()}
        acled_types = {sub: etype for etype, subs in data["acled_types"].items() for sub in subs}
        cw = Crosswalk(
            version=int(data["version"]),
            cue_patterns=cues,
            cameo=_tables(data["cameo"]["events"], "code", "cameo"),
            no_code_modalities=frozenset(data["cameo"].get("no_code_modalities", ())),
            acled=_tables(data["acled"]["events"], "sub", "acled"),
            acled_types=acled_types,
            case2021=dict(data["case2021"]),
            case_attrib_cues=tuple(data["case2021_fallback"]["attrib_cues"]),
            case_diplo_events=frozenset(data["case2021_fallback"]["diplo_events"]),
            label_sets=dict(data["label_sets"]),
            actor_ignore=frozenset(w.lower() for w in data["actor_match"]["ignore"]),
            civilian_sectors=frozenset(data["civilian_sectors"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise DetenteError("E402", f"{CROSSWALK_FILE}: {exc!r}") from exc
    problems = crosswalk_problems(cw)
    if problems:
        raise DetenteError("E402", f"{CROSSWALK_FILE}: {problems[0]}", problems=problems)
    return cw


def crosswalk_problems(cw: Crosswalk) -> list[str]:
    """Every inconsistency in a crosswalk (empty when it is sound)."""
    problems = []
    for event in EVENT_TYPES:
        if event not in cw.cameo or not cw.cameo[event].default:
            problems.append(f"no CAMEO default for {event}")
    for where, tables in (("cameo", cw.cameo), ("acled", cw.acled)):
        for event, table in tables.items():
            for rule in table.rules:
                missing = [c for c in rule.cues + rule.all_cues if c not in cw.cue_patterns]
                if missing:
                    problems.append(f"{where}.{event}: unknown cue set(s) {missing}")
    cameo_codes = [t.default for t in cw.cameo.values()] + [r.result for t in cw.cameo.values() for r in t.rules]
    for code in cameo_codes:
        if not (isinstance(code, str) and re.fullmatch(r"\d{3,4}", code) and 1 <= int(code[:2]) <= 20):
            problems.append(f"bad CAMEO code {code!r}")
    subs = [t.default for t in cw.acled.values()] + [r.result for t in cw.acled.values() for r in t.rules]
    subs += [s for s in cw.case2021.values()]
    for sub in subs:
        if sub is not None and sub not in cw.acled_types:
            problems.append(f"unknown ACLED sub-event type {sub!r}")
    if len(cw.acled_types) != 25:
        problems.append(f"ACLED has 25 sub-event types, the file lists {len(cw.acled_types)}")
    return problems


@lru_cache(maxsize=1)
def load_crosswalk() -> Crosswalk:
    """The packaged crosswalk, parsed once."""
    return parse_crosswalk(read_yaml(CROSSWALK_FILE))


def cameo_for(event: str, mode: str | None = None, context: Sequence[str] = (),
              modality: str | None = None, object_text: str | None = None) -> str | None:
    """The CAMEO 1.1b3 code for a PLOVER event, or None.

    None for an unknown type and for modalities that describe no event
    (negated, hypothetical).  `object_text` (the object or the sentence) lets
    cue words refine the code: REJECT of a ceasefire is 1246, not 120.
    """
    cw = load_crosswalk()
    table = cw.cameo.get(event)
    if table is None or (modality and modality in cw.no_code_modalities):
        return None
    return table.lookup(mode, context, modality, (), cw.found_cues(object_text))


def acled_sub_event(event: str, mode: str | None = None, context: Sequence[str] = (),
                    recipient_sectors: Sequence[str] = (), object_text: str | None = None) -> str | None:
    """The ACLED sub-event type name for a PLOVER event, or None."""
    cw = load_crosswalk()
    table = cw.acled.get(event)
    if table is None:
        return None
    return table.lookup(mode, context, None, recipient_sectors, cw.found_cues(object_text))


def acled_for(event: str, mode: str | None = None, context: Sequence[str] = (),
              recipient_sectors: Sequence[str] = (), object_text: str | None = None) -> dict[str, str] | None:
    """{"event_type", "sub_event_type"} in ACLED's terms, or None where none applies."""
    sub = acled_sub_event(event, mode, context, recipient_sectors, object_text)
    if sub is None:
        return None
    return {"event_type": load_crosswalk().acled_types[sub], "sub_event_type": sub}


def case_label_for(event: str | None, mode: str | None = None, context: Sequence[str] = (),
                   recipient_sectors: Sequence[str] = (), text: str | None = None) -> str:
    """A PLOVER prediction as a CASE 2021 label id ("NONE" where nothing fits).

    ACLED sub-event first; failing that, ATTRIB for claims of responsibility
    and DIPLO for verbal and diplomatic PLOVER types.
    """
    if not event:
        return "NONE"
    cw = load_crosswalk()
    sub = acled_sub_event(event, mode, context, recipient_sectors, text)
    if sub is not None:
        return CASE_ID_FOR_SUBTYPE[sub]
    if cw.case_attrib_cues and cw.found_cues(text).intersection(cw.case_attrib_cues):
        return "ATTRIB"
    if event in cw.case_diplo_events:
        return "DIPLO"
    return "NONE"


def _subtypes() -> tuple[str, ...]:
    return tuple(load_crosswalk().acled_types)


ACLED_SUBTYPES: tuple[str, ...] = _subtypes()
"""The 25 ACLED sub-event type names, in ACLED's order."""

ACLED_EVENT_TYPE: dict[str, str] = dict(load_crosswalk().acled_types)
"""ACLED sub-event type -> its event type."""

CASE2021_LABELS: dict[str, str | None] = dict(load_crosswalk().case2021)
"""CASE 2021 label id -> ACLED sub-event type (None for DIPLO, ATTRIB, ...)."""

CASE_ID_FOR_SUBTYPE: dict[str, str] = {sub: cid for cid, sub in CASE2021_LABELS.items() if sub}
"""ACLED sub-event type -> CASE 2021 label id."""
