"""The ledger's knowledge: topics.yaml and ledger.yaml, loaded once and checked.

Phrases match case-insensitively at a word start and may run on into more
letters ("mobili" matches "mobilisation"), so the data need not list plurals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


from detente.datafiles import read_yaml
from detente.errors import DetenteError

LEDGER_KEYS = {"version", "instruments", "partial_words", "full_words", "targets", "areas", "mediators",
               "mediator_words", "immediate_cues", "lasting_words", "another_words", "brokered_suffixes",
               "ceasefire_units", "compliance_words",
               "proposed_by", "status_cues", "start_cues", "violation_cues",
               "denial_cues", "claimed_units", "windows", "elapsed_before", "elapsed_of", "elapsed_after",
               "mediation_cues", "signing_cues", "denied_subjects", "settled_cues", "denial_verbs",
               "denied_objects", "existence_denied", "mediator_nouns", "credit_verbs", "credit_objects",
               "standing_coercion", "other_norms", "first_delivery_cues",
               "page_mediation_cues", "deal_nouns",
               "carrying_out"}


@dataclass(frozen=True)
class Phrases:
    """A compiled list of phrases; `search` says whether any occurs in a text."""

    items: tuple[str, ...]
    regex: re.Pattern[str] | None = field(default=None, compare=False)

    @classmethod
    def of(cls, items: list[str]) -> "Phrases":
        items = tuple(sorted({str(i).lower() for i in items}, key=lambda s: (-len(s), s)))
        if not items:
            return cls(items, None)
        pattern = r"(?<![\w])(?:" + "|".join(re.escape(i) for i in items) + r")"
        return cls(items, re.compile(pattern, re.IGNORECASE))

    def search(self, text: str | None) -> bool:
        return bool(text and self.regex and self.regex.search(text))

    def find(self, text: str | None) -> re.Match[str] | None:
        return self.regex.search(text) if text and self.regex else None


@dataclass(frozen=True)
class Topic:
    name: str
    phrases: Phrases
    subtopics: tuple[tuple[str, Phrases], ...]
    unless: Phrases = Phrases(())  # phrases whose words name something else ("withdraw the report")


@dataclass(frozen=True)
class InstrumentRule:
    kind: str
    any: Phrases
    with_: Phrases | None
    modes: tuple[str, ...]


@dataclass(frozen=True)
class LedgerKnowledge:
    topics: tuple[Topic, ...]
    instruments: tuple[InstrumentRule, ...]
    partial_words: Phrases
    full_words: Phrases
    targets: tuple[tuple[str, Phrases], ...]
    areas: tuple[tuple[str, Phrases], ...]
    mediators: frozenset[str]
    mediator_words: Phrases
    immediate_cues: Phrases
    lasting_words: Phrases
    another: re.Pattern[str]
    brokered: re.Pattern[str]
    ceasefire_units: frozenset[str]
    compliance_words: Phrases
    proposed_by: Phrases
    status_cues: tuple[tuple[str, Phrases], ...]
    start_cues: Phrases
    violation_cues: Phrases
    other_norms: Phrases
    denial_cues: Phrases
    claimed_units: frozenset[str]
    windows: dict[str, int]
    elapsed: re.Pattern[str] | None = None
    mediation_cues: Phrases | None = None
    signing_cues: Phrases | None = None
    denied_subjects: Phrases | None = None
    covered_by: tuple[tuple[str, tuple[str, ...]], ...] = ()
    instrument_topics: tuple[tuple[str, str], ...] = ()  # an agreement kind's topic (topics.yaml)
    object_only: frozenset[str] = frozenset()  # topics never read from the rest of a sentence
    toll_clause: re.Pattern[str] | None = None  # "that killed 43 and displaced 300,000": no topic
    settled_cues: tuple[tuple[str, Phrases], ...] = ()
    denial_verbs: Phrases | None = None
    denied_objects: Phrases | None = None
    existence_denied: Phrases | None = None
    mediator_nouns: Phrases | None = None
    page_mediation_cues: Phrases | None = None
    deal_nouns: frozenset[str] = frozenset()
    credit_verbs: Phrases | None = None
    credit_objects: Phrases | None = None
    first_delivery_cues: Phrases | None = None
    standing_coercion: frozenset[str] = frozenset()
    carrying_out: frozenset[str] = frozenset()  # "halted the implementation of ...": the deal is left

    def topics_in(self, text: str | None) -> list[str]:
        """Every topic named in the text, as topic or topic:subtopic, in data order (a relative clause
        telling a toll left out)."""
        if text and self.toll_clause is not None:
            text = self.toll_clause.sub(" ", text)
        out = []
        for topic in self.topics:
            own = topic.unless.regex.sub(" ", text) if text and topic.unless.regex else text
            if topic.phrases.search(own):
                sub = next((name for name, ph in topic.subtopics if ph.search(text)), None)
                out.append(f"{topic.name}:{sub}" if sub else topic.name)
        covered = dict(self.covered_by)
        return [t for t in out if not (set(covered.get(t, ())) & set(out)
                                       or ("*" in covered.get(t, ()) and len(out) > 1))]

    def topic_of_kind(self, kind: str, text: str) -> str | None:
        """The topic of an agreement kind (instrument_topics), refined by a subtopic the text names
        ("halt strikes on ports": ceasefire:ports)."""
        name = dict(self.instrument_topics).get(kind)
        topic = next((t for t in self.topics if t.name == name), None)
        if topic is None:
            return None
        sub = next((s for s, ph in topic.subtopics if ph.search(text)), None)
        return f"{name}:{sub}" if sub else name

    def categories(self, table: tuple[tuple[str, Phrases], ...], text: str | None) -> list[str]:
        return [name for name, ph in table if ph.search(text)]


def _read(name: str) -> dict[str, Any]:
    data = read_yaml(name)
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise DetenteError("E402", f"{name}: needs a mapping with an integer 'version'", file=name)
    return data


def check_topics(data: dict[str, Any]) -> None:
    """Raise E402 unless topics.yaml has the expected shape."""
    topics = data.get("topics")
    if not isinstance(topics, dict) or not topics:
        raise DetenteError("E402", "topics.yaml: 'topics' must be a non-empty mapping")
    for name, others in (data.get("covered_by") or {}).items():
        if name not in topics or not isinstance(others, list):
            raise DetenteError("E402", f"topics.yaml: covered_by.{name} must name a topic and list topics")
    if "toll_verbs" in data and not _str_list(data["toll_verbs"]):
        raise DetenteError("E402", "topics.yaml: toll_verbs must be a list of words")
    for name in data.get("object_only") or ():
        if name not in topics:
            raise DetenteError("E402", f"topics.yaml: object_only names no topic {name!r}")
    for kind, name in (data.get("instrument_topics") or {}).items():
        if name not in topics:
            raise DetenteError("E402", f"topics.yaml: instrument_topics.{kind} must name a topic")
    for name, spec in topics.items():
        if not isinstance(spec, dict) or not _str_list(spec.get("phrases")):
            raise DetenteError("E402", f"topics.yaml: topic {name!r} needs a list of phrases")
        if "unless" in spec and not _str_list(spec["unless"]):
            raise DetenteError("E402", f"topics.yaml: topic {name!r}: unless must be a list of phrases")
        for sub, phrases in (spec.get("subtopics") or {}).items():
            if not _str_list(phrases):
                raise DetenteError("E402", f"topics.yaml: subtopic {name}:{sub} needs a list of phrases")


def check_ledger(data: dict[str, Any]) -> None:
    """Raise E402 unless ledger.yaml has the expected shape."""
    missing = LEDGER_KEYS - set(data)
    if missing:
        raise DetenteError("E402", f"ledger.yaml: missing keys {sorted(missing)}")
    for rule in data["instruments"]:
        if not isinstance(rule, dict) or "kind" not in rule or not (rule.get("any") or rule.get("modes")):
            raise DetenteError("E402", f"ledger.yaml: bad instrument rule {rule!r}")
    for key in ("targets", "areas", "status_cues", "settled_cues"):
        for name, phrases in data[key].items():
            if not _str_list(phrases):
                raise DetenteError("E402", f"ledger.yaml: {key}.{name} needs a list of phrases")
    for key in ("partial_words", "full_words", "mediators", "proposed_by",
                "start_cues", "violation_cues", "denial_cues", "claimed_units", "elapsed_before", "elapsed_of",
                "elapsed_after", "mediation_cues", "signing_cues", "denied_subjects", "mediator_words", "immediate_cues", "lasting_words", "another_words", "brokered_suffixes",
                "ceasefire_units", "compliance_words", "denial_verbs", "denied_objects", "existence_denied",
                "mediator_nouns", "credit_verbs", "credit_objects", "standing_coercion", "other_norms",
                "first_delivery_cues", "page_mediation_cues", "deal_nouns", "carrying_out"):
        if not _str_list(data[key]):
            raise DetenteError("E402", f"ledger.yaml: {key} must be a list of strings")
    if not all(isinstance(v, int) for v in data["windows"].values()):
        raise DetenteError("E402", "ledger.yaml: windows must be whole days")


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _table(mapping: dict[str, list[str]]) -> tuple[tuple[str, Phrases], ...]:
    return tuple((name, Phrases.of(phrases)) for name, phrases in mapping.items())


def _alt(words: list[str]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _elapsed(before: list[str], of: list[str], after: list[str]) -> re.Pattern[str]:
    """Matches a duration phrase marked as elapsed time: group 'd' is the duration ("after four
    days", "two weeks of escalating violence", "the 12-day war", "48 hours after the signing")."""
    return re.compile(rf"\b(?:(?:{_alt(before)})\s+(?P<d>[^,.;]*?)(?=[,.;]|$)|(?P<o>[\w-]+(?:\s+[\w-]+)?)\s+of\s+"
                      rf"(?:[\w-]+\s+){{0,2}}(?:{_alt(of)})\b|(?P<a>[\w]+[- ](?:hour|day|week|month|year)s?(?:-long|-old)?)"
                      rf"\s+(?:[\w-]+\s+)?(?:{_alt(of)})\b"
                      rf"|(?P<p>[\w-]+\s+(?:hours?|days?|weeks?|months?|years?))\s+(?:{_alt(after)})\b)",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def knowledge() -> LedgerKnowledge:
    """The ledger's knowledge from the package data (cached)."""
    topics_data, ledger = _read("topics.yaml"), _read("ledger.yaml")
    check_topics(topics_data)
    check_ledger(ledger)
    topics = tuple(
        Topic(name, Phrases.of(spec["phrases"]), _table(spec.get("subtopics") or {}), Phrases.of(spec.get("unless") or []))
        for name, spec in topics_data["topics"].items())
    rules = tuple(
        InstrumentRule(r["kind"], Phrases.of(r.get("any") or []),
                       Phrases.of(r["with"]) if r.get("with") else None, tuple(r.get("modes") or ()))
        for r in ledger["instruments"])
    return LedgerKnowledge(
        topics=topics, instruments=rules,
        partial_words=Phrases.of(ledger["partial_words"]), full_words=Phrases.of(ledger["full_words"]),
        targets=_table(ledger["targets"]), areas=_table(ledger["areas"]),
        mediators=frozenset(ledger["mediators"]), mediator_words=Phrases.of(ledger["mediator_words"]),
        immediate_cues=Phrases.of(ledger["immediate_cues"]),
        lasting_words=Phrases.of(ledger["lasting_words"]),
        another=re.compile(rf"\b(?:{_alt(ledger['another_words'])})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE),
        brokered=re.compile(rf"\b([A-Z][\w.]*(?: [A-Z][\w.]*)?)-(?:{_alt(ledger['brokered_suffixes'])})\b"),
        ceasefire_units=frozenset(ledger["ceasefire_units"]),
        compliance_words=Phrases.of(ledger["compliance_words"]),
        proposed_by=Phrases.of(ledger["proposed_by"]),
        status_cues=_table(ledger["status_cues"]),
        start_cues=Phrases.of(ledger["start_cues"]),
        violation_cues=Phrases.of(ledger["violation_cues"]), other_norms=Phrases.of(ledger["other_norms"]),
        denial_cues=Phrases.of(ledger["denial_cues"]),
        claimed_units=frozenset(ledger["claimed_units"]), windows=dict(ledger["windows"]),
        elapsed=_elapsed(ledger["elapsed_before"], ledger["elapsed_of"], ledger["elapsed_after"]),
        mediation_cues=Phrases.of(ledger["mediation_cues"]),
        signing_cues=Phrases.of(ledger["signing_cues"]),
        denied_subjects=Phrases.of(ledger["denied_subjects"]),
        settled_cues=_table(ledger["settled_cues"]), denial_verbs=Phrases.of(ledger["denial_verbs"]),
        denied_objects=Phrases.of(ledger["denied_objects"]),
        existence_denied=Phrases.of(ledger["existence_denied"]),
        mediator_nouns=Phrases.of(ledger["mediator_nouns"]),
        page_mediation_cues=Phrases.of(ledger["page_mediation_cues"]),
        deal_nouns=frozenset(ledger["deal_nouns"]), credit_verbs=Phrases.of(ledger["credit_verbs"]),
        credit_objects=Phrases.of(ledger["credit_objects"]),
        standing_coercion=frozenset(ledger["standing_coercion"]),
        carrying_out=frozenset(ledger["carrying_out"]),
        first_delivery_cues=Phrases.of(ledger["first_delivery_cues"]),
        covered_by=tuple((k, tuple(v)) for k, v in (topics_data.get("covered_by") or {}).items()),
        instrument_topics=tuple((topics_data.get("instrument_topics") or {}).items()),
        object_only=frozenset(topics_data.get("object_only") or ()),
        toll_clause=re.compile(rf"\b(?:that|which)\s+(?:has\s+|have\s+|had\s+)?(?:{_alt(topics_data['toll_verbs'])})"
                               r"\b[^,;.]*", re.IGNORECASE) if topics_data.get("toll_verbs") else None,
    )
