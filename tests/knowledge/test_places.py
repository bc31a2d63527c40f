"""The gazetteer: places.yaml schema and name resolution, without spaCy."""

from __future__ import annotations

import copy

import pytest
import yaml

from detente.errors import DetenteError
from detente.knowledge.places import (
    FEATURES,
    Gazetteer,
    load_places_data,
    resolve_place,
    validate_places_data,
)


def test_places_yaml_schema() -> None:
    data = load_places_data()
    assert isinstance(data["version"], int)
    names = [e["name"] for e in data["places"]]
    assert len(names) == len(set(names)), "duplicate place names"
    for entry in data["places"]:
        assert entry["feature"] in FEATURES
        if entry.get("country") is not None:
            assert len(entry["country"]) == 3 and entry["country"].isupper()
        assert ("lat" in entry and "lon" in entry) or entry.get("geonameid") is not None


def test_places_yaml_bad_entries_are_rejected() -> None:
    data = load_places_data()
    broken = copy.deepcopy(data)
    broken["places"].append({"name": "Nowhere", "feature": "planet", "lat": 1, "lon": 1})
    with pytest.raises(DetenteError) as err:
        validate_places_data(broken)
    assert err.value.code == "E402"
    broken = copy.deepcopy(data)
    broken["places"].append({"name": "Somewhere", "feature": "city", "country": "UKR"})
    with pytest.raises(DetenteError):
        validate_places_data(broken)
    with pytest.raises(DetenteError):
        validate_places_data(yaml.safe_load("places: []"))


@pytest.mark.parametrize(
    ("text", "name", "feature", "country", "resolution"),
    [
        ("Kyiv", "Kyiv", "city", "UKR", 3),
        ("Kiev", "Kyiv", "city", "UKR", 3),
        ("Kharkov", "Kharkiv", "city", "UKR", 3),
        ("Odessa", "Odesa", "city", "UKR", 3),
        ("Zaporozhye", "Zaporizhzhia", "city", "UKR", 3),
        ("Nikolaev", "Mykolaiv", "city", "UKR", 3),
        ("Sumy region", "Sumy Oblast", "admin1", "UKR", 2),
        ("Luhansk oblast", "Luhansk Oblast", "admin1", "UKR", 2),
        ("Kursk region", "Kursk Oblast", "admin1", "RUS", 2),
        ("Belgorod region", "Belgorod Oblast", "admin1", "RUS", 2),
        ("Crimea", "Crimea", "admin1", "UKR", 2),
        ("Donbas", "Donbas", "region", "UKR", 2),
        ("Sea of Azov", "Sea of Azov", "sea", None, 2),
        ("Kerch Strait", "Kerch Strait", "sea", None, 2),
        ("ZNPP", "Zaporizhzhia Nuclear Power Plant", "site", "UKR", 4),
        ("Chernobyl", "Chernobyl", "site", "UKR", 4),
        ("Kursk NPP", "Kursk Nuclear Power Plant", "site", "RUS", 4),
        ("the Gaza Strip", "Gaza Strip", "region", "PSE", 2),
        ("Golan Heights", "Golan Heights", "region", "SYR", 2),
        ("Ukraine", "Ukraine", "country", "UKR", 1),
        ("Britain", "United Kingdom", "country", "GBR", 1),
        ("Istanbul", "Istanbul", "city", "TUR", 3),
        ("South Korea's", "South Korea", "country", "KOR", 1),
        ("Homs province", "Homs province", "admin1", "SYR", 2),
        ("Mosul city", "Mosul", "city", "IRQ", 3),
        ("Darfur", "Darfur", "region", "SDN", 2),
    ],
)
def test_resolve_place(text: str, name: str, feature: str, country: str | None, resolution: int) -> None:
    place = resolve_place(text)
    assert place is not None, text
    assert (place.name, place.feature, place.country_code, place.resolution) == (name, feature, country, resolution)
    assert place.raw == text
    if feature != "country":
        assert place.lat is not None and place.lon is not None


def test_ambiguous_names_prefer_project_data_then_population() -> None:
    assert resolve_place("Moscow").country_code == "RUS"  # not Moscow, Idaho
    assert resolve_place("Donetsk").country_code == "UKR"  # the Ukrainian city, not the Russian town
    assert resolve_place("Pokrovsk").geonameid == 704422  # the name, not another city's alternate name
    sumy = resolve_place("Sumy")
    assert sumy.feature == "city" and sumy.admin1 == "Sumy Oblast" and sumy.geonameid == 692194
    assert resolve_place("Atlantis Prime") is None
    assert resolve_place("Ukraine province") is None  # a country is not a division's namesake
    kansas = resolve_place("Kansas")
    assert (kansas.feature, kansas.country_code, kansas.resolution) == ("admin1", "USA", 2)
    assert resolve_place("Washington").feature == "city"  # prefer_city in places.yaml


def test_gazetteer_uses_supplied_data() -> None:
    data = {"version": 1, "places": [
        {"name": "Testgrad", "aliases": ["Testgrod"], "country": "UKR", "feature": "city", "lat": 48.0, "lon": 35.0}]}
    gaz = Gazetteer.build(data)
    assert gaz.lookup("Testgrod").name == "Testgrad"


@pytest.mark.parametrize("text, name, country, feature", [
    ("Rafah", "Rafah", "PSE", "city"),
    ("Khan Yunis", "Khan Younis", "PSE", "city"),
    ("Jabaliya", "Jabalia", "PSE", "city"),
    ("Deir el-Balah", "Deir al-Balah", "PSE", "city"),
    ("the Philadelphi Corridor", "Philadelphi Corridor", "PSE", "region"),
    ("Shebaa Farms", "Shebaa Farms", None, "region"),  # disputed: no country
    ("the Litani", "Litani River", "LBN", "region"),
    ("Nabatiyeh", "Nabatieh", "LBN", "city"),
    ("Goma", "Goma", "COD", "city"),
    ("Bukavu", "Bukavu", "COD", "city"),
    ("Rubaya", "Rubaya", "COD", "city"),
    ("Masisi", "Masisi", "COD", "city"),
    ("North Kivu province", "North Kivu", "COD", "admin1"),
    ("Poonch", "Poonch", "IND", "city"),
    ("Pahalgam", "Pahalgam", "IND", "city"),
    ("Muzaffarabad", "Muzaffarabad", "PAK", "city"),
    ("the Line of Control", "Line of Control", None, "region"),
    ("Preah Vihear", "Preah Vihear Temple", "KHM", "site"),
    ("Ta Moan Thom", "Ta Muen Thom", None, "site"),
    ("Shushi", "Shusha", "AZE", "city"),
    ("Stepanakert", "Khankendi", "AZE", "city"),
    ("the Lachin corridor", "Lachin corridor", "AZE", "region"),
    ("Hudaydah", "Hodeidah", "YEM", "city"),
    ("Ma'rib", "Marib", "YEM", "city"),
    ("El Fasher", "El Fasher", "SDN", "city"),
    ("Wad Medani", "Wad Madani", "SDN", "city"),
    ("Omdurman", "Omdurman", "SDN", "city"),
    ("Mekele", "Mekelle", "ETH", "city"),
    ("Humera", "Humera", "ETH", "city"),
    ("Rakhine State", "Rakhine", "MMR", "admin1"),
])
def test_places_of_current_wars(text: str, name: str, country: str | None, feature: str) -> None:
    place = resolve_place(text)
    assert place is not None, text
    assert (place.name, place.country_code, place.feature) == (name, country, feature)
    assert place.lat is not None and place.lon is not None
