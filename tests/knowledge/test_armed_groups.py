"""Armed groups (data/armed_groups.yaml): own codes, aliases and armed wings, people with dated offices."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.knowledge.actor_schema import valid_state_codes
from detente.knowledge.actors import load_kb, parse, read_actors

GROUPS = read_yaml("armed_groups.yaml")["armed_groups"]
# The codes the project's development corpora use (examples/wars/README.md).
CORPUS_CODES = {"HMS", "PIJ", "HEZ", "HOU", "RSF", "TPLF", "M23", "FDLR", "PKK", "SDF", "HTS", "ISIS", "ASH", "ELN",
                "FARC", "WAG", "LNA", "AA", "KIA", "TNLA", "MNDAA", "PDF"}


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_every_corpus_code_is_a_group():
    assert CORPUS_CODES <= set(GROUPS)


def test_group_codes_clash_with_no_state_but_one_known_case():
    # a group's code is never a state's (the Houthis are HOU: HOU is Haiti)
    assert not set(GROUPS) & valid_state_codes()


def test_groups_have_sectors_countries_and_dated_people():
    sectors = set(read_actors()["sectors"])
    for code, group in GROUPS.items():
        assert group["sector"] in {"REB", "PRM", "UAF"} and group["sector"] in sectors, code
        assert group["country"], code
        for person in group.get("people", []):
            assert any(o["code"] == code for o in person["offices"]), (code, person["id"])
            assert all(isinstance(o["start"], date) for o in person["offices"]), person["id"]


def test_old_state_codes_for_groups_are_gone(kb):
    for text, code in (("Hamas", "HMS"), ("Hezbollah", "HEZ"), ("the Houthis", "HOU"), ("Wagner", "WAG"),
                       ("the Libyan National Army", "LNA"), ("the ELN", "ELN"), ("al-Shabaab", "ASH"),
                       ("Islamic State", "ISIS")):
        assert kb.lookup(text).code == code, text
    assert kb.lookup("the Taliban").code == "AFG"  # they govern (today)


@pytest.mark.parametrize("text, on, code, sector, name", [
    ("the Taliban", date(2019, 6, 1), "TAL", "REB", "Taliban"),  # an insurgency fighting Kabul's government
    ("the Taliban", date(2023, 1, 1), "AFG", "GOV", "Taliban"),  # the government since 15 August 2021
    ("Taliban fighters", date(2020, 3, 4), "TAL", "REB", "Taliban"),
    ("Taliban fighters", date(2023, 1, 1), "AFG", "MIL", "Taliban"),
    ("the Taliban spokesman", date(2020, 3, 4), "TAL", "REB", "Zabihullah Mujahid"),
    ("Mullah Baradar", date(2020, 2, 29), "TAL", "REB", "Abdul Ghani Baradar"),
    ("HTS", date(2024, 11, 1), "HTS", "REB", "Hayat Tahrir al-Sham"),
    ("HTS", date(2025, 3, 1), "SYR", "GOV", "Hayat Tahrir al-Sham"),
])
def test_a_group_that_takes_power_is_coded_as_the_state_from_that_day(kb, text, on, code, sector, name):
    ref = kb.lookup(text, on)
    assert (ref.code, ref.sector, ref.entity_name) == (code, sector, name)


@pytest.mark.parametrize("text, code, sector, kind", [
    ("Qassam Brigades", "HMS", "REB", "institution"),
    ("Izz ad-Din al-Qassam Brigades", "HMS", "REB", "institution"),
    ("al-Quds Brigades", "PIJ", "REB", "institution"),
    ("AFC", "M23", "REB", "institution"),
    ("Alliance Fleuve Congo", "M23", "REB", "institution"),
    ("AFC/M23", "M23", "REB", "institution"),
    ("March 23 Movement", "M23", "REB", "institution"),
    ("M23 fighters", "M23", "REB", "group"),  # members keep the group's sector
    ("Hamas officials", "HMS", "REB", "group"),
    ("the Rapid Support Forces", "RSF", "PRM", "institution"),
    ("Tigray forces", "TPLF", "REB", "institution"),
    ("YPG", "SDF", "REB", "institution"),
    ("Africa Corps", "WAG", "UAF", "institution"),
    ("Ansar Allah", "HOU", "REB", "institution"),
    ("FDLR", "FDLR", "REB", "institution"),
])
def test_names_aliases_and_wings(kb, text, code, sector, kind):
    ref = kb.lookup(text, date(2025, 3, 1))
    assert ref is not None and (ref.code, ref.sector, ref.kind) == (code, sector, kind), (text, ref)


@pytest.mark.parametrize("text, on, code, name, office", [
    ("Abu Obeida", date(2024, 1, 10), "HMS", "Abu Obeida", "armed wing spokesman"),
    ("the Qassam Brigades spokesman", date(2024, 1, 10), "HMS", "Abu Obeida", "armed wing spokesman"),
    ("Hamas spokesman", date(2024, 1, 10), "HMS", "Hazem Qassem", "spokesman"),
    ("AFC/M23 spokesman Lawrence Kanyuka", date(2025, 2, 1), "M23", "Lawrence Kanyuka", "spokesman"),
    ("Kanyuka", date(2025, 2, 1), "M23", "Lawrence Kanyuka", "spokesman"),
    ("the Hamas leader", date(2024, 3, 1), "HMS", "Ismail Haniyeh", "political bureau chief"),
    ("the Hamas leader", date(2024, 9, 1), "HMS", "Yahya Sinwar", "political bureau chief"),
    ("the Hezbollah chief", date(2024, 6, 1), "HEZ", "Hassan Nasrallah", "secretary general"),
    ("the Hezbollah chief", date(2025, 1, 15), "HEZ", "Naim Qassem", "secretary general"),
    ("RSF commander", date(2024, 5, 1), "RSF", "Mohamed Hamdan Dagalo", "commander"),
    ("Hemedti", date(2024, 5, 1), "RSF", "Mohamed Hamdan Dagalo", "commander"),
    ("Houthi military spokesman", date(2024, 5, 1), "HOU", "Yahya Saree", "military spokesman"),
    ("TPLF chairman", date(2024, 5, 1), "TPLF", "Debretsion Gebremichael", "chairman"),
    ("Getachew Reda", date(2022, 6, 1), "TPLF", "Getachew Reda", "spokesman"),
    ("Getachew Reda", date(2024, 6, 1), "ETH", "Getachew Reda", "president of the tigray interim administration"),
    ("Abu Mohammed al-Jolani", date(2023, 6, 1), "HTS", "Ahmed al-Sharaa", "leader"),
    ("Ahmed al-Sharaa", date(2025, 6, 1), "SYR", "Ahmed al-Sharaa", "president"),
])
def test_people_resolve_to_their_group_by_date(kb, text, on, code, name, office):
    ref = kb.lookup(text, on)
    assert ref is not None and (ref.code, ref.entity_name, ref.office, ref.kind) == (code, name, office, "person"), ref


@pytest.mark.parametrize("text, code, sector", [
    ("SPLA-IO", "SPLMIO", "REB"),
    ("Sudan People's Liberation Movement-in-Opposition", "SPLMIO", "REB"),
    ("NAS", "NAS", "REB"),
    ("New People's Army", "CPP", "REB"),  # the party, its army and the NDFP share one code
    ("NDFP", "CPP", "REB"),
    ("Moro Islamic Liberation Front", "MILF", "REB"),
    ("Abu Sayyaf", "ASG", "REB"),
    ("BIFF", "BIFF", "REB"),
    ("The Resistance Front", "LET", "REB"),
    ("Lashkar-e-Taiba", "LET", "REB"),
    ("JeM", "JEM", "REB"),
    ("Hizbul Mujahideen", "HM", "REB"),
    ("CPI (Maoist)", "CPIMAO", "REB"),
    ("National Resistance Front", "NRF", "REB"),
    ("AQAP", "AQAP", "REB"),
    ("Boko Haram", "JAS", "REB"),
    ("Ambazonia Defence Forces", "AMBA", "REB"),
    ("Lord's Resistance Army", "LRA", "REB"),
    ("UPC", "UPC", "REB"),
    ("3R", "RRR", "REB"),
    ("FPRC", "FPRC", "REB"),
    ("Coalition of Patriots for Change", "CPC", "REB"),
    ("anti-balaka", "ABALAK", "UAF"),
    ("Coordination of Azawad Movements", "CMA", "REB"),
    ("Polisario Front", "POLIS", "REB"),
    ("KNLA", "KNU", "REB"),
    ("Renamo", "RENAMO", "REB"),
    ("Renamo Military Junta", "RMJ", "REB"),
])
def test_groups_of_more_wars(kb, text, code, sector):
    ref = kb.lookup(text, date(2023, 6, 1))
    assert ref is not None and (ref.code, ref.sector) == (code, sector), (text, ref)


@pytest.mark.parametrize("text, code, sector", [
    ("SSPDF", "SSD", "MIL"),
    ("South Sudan Opposition Alliance", "SSD", "OPP"),
    ("CTSAMVM", "IGAD", "IGO"),
    ("Reconstituted Joint Monitoring and Evaluation Commission", "IGAD", "IGO"),
    ("UNMISS", "UN", "IGO"),
    ("MINUSMA", "UN", "IGO"),
    ("SAMIM", "SADC", "IGO"),
    ("ATMIS", "AU", "IGO"),
    ("FAMa", "MLI", "MIL"),
    ("Sudan People's Liberation Army-North", "SPLMN", "REB"),
    ("National Resistance Front", "NRF", "REB"),  # not LeT's "Resistance Front"
    ("Cambodian People's Party", "KHM", "PTY"),  # not the Philippine CPP
    ("CMA CGM", "FRA", "BUS"),  # a shipping line, not the Azawad movements
])
def test_armies_monitors_and_near_misses(kb, text, code, sector):
    ref = kb.lookup(text, date(2023, 6, 1))
    assert ref is not None and (ref.code, ref.sector) == (code, sector), (text, ref)


def test_spla_is_the_army_and_spla_io_the_opposition(kb):
    army, rebels = kb.lookup("SPLA", date(2016, 7, 10)), kb.lookup("SPLA-IO", date(2016, 7, 10))
    assert (army.code, army.sector) == ("SSD", "MIL")
    assert (rebels.code, rebels.sector) == ("SPLMIO", "REB")


def test_afp_is_not_the_philippine_army(kb):
    ref = kb.lookup("AFP", date(2023, 6, 1))
    assert ref is None or (ref.code, ref.sector) != ("PHL", "MIL")  # the news agency
    army = kb.lookup("Armed Forces of the Philippines", date(2023, 6, 1))
    assert (army.code, army.sector) == ("PHL", "MIL")


@pytest.mark.parametrize("text, on, code, name, office", [
    ("Riek Machar", date(2018, 9, 12), "SPLMIO", "Riek Machar", "chairman"),
    ("the SPLM-IO leader", date(2019, 5, 1), "SPLMIO", "Riek Machar", "chairman"),
    ("Machar", date(2020, 2, 22), "SSD", "Riek Machar", "first vice president"),
    ("Jose Maria Sison", date(2019, 1, 1), "CPP", "Jose Maria Sison", "founding chairman"),
    ("Boko Haram leader", date(2015, 1, 1), "JAS", "Abubakar Shekau", "leader"),
    ("AQAP leader", date(2022, 1, 1), "AQAP", "Khalid Batarfi", "emir"),
    ("Bozizé", date(2010, 1, 1), "CAF", "François Bozizé", "president"),
    ("Bozizé", date(2022, 1, 1), "CPC", "François Bozizé", "coordinator"),
    ("Polisario leader", date(2021, 1, 1), "POLIS", "Brahim Ghali", "secretary general"),
])
def test_people_of_more_wars_resolve_by_date(kb, text, on, code, name, office):
    ref = kb.lookup(text, on)
    assert ref is not None and (ref.code, ref.entity_name, ref.office) == (code, name, office), ref


def test_an_unknown_office_holder_of_a_group_keeps_its_sector(kb):
    ref = kb.lookup("the FDLR spokesman", date(2025, 1, 1))
    assert (ref.code, ref.sector, ref.office, ref.entity_name) == ("FDLR", "REB", "spokesman", None)


def _with(edit) -> dict:
    raw = copy.deepcopy(read_actors())
    edit(raw)
    return raw


@pytest.mark.parametrize("edit, words", [
    (lambda r: r["armed_groups"]["HMS"].update(sector="NOPE"), "NOPE"),
    (lambda r: r["armed_groups"]["HMS"].update(country=["XXX"]), "XXX"),
    (lambda r: r["armed_groups"].update(nato={"name": "x", "sector": "REB", "country": ["UKR"]}), "nato"),
    (lambda r: r["armed_groups"].update(NATO={"name": "x", "sector": "REB", "country": ["UKR"]}), "NATO"),
    (lambda r: r["armed_groups"]["M23"]["people"][0]["offices"][0].update(code="ZZZ"), "ZZZ"),
    (lambda r: r["armed_groups"]["M23"].update(colour="red"), "colour"),
    (lambda r: r["armed_groups"]["TAL"]["governs"][0].update(code="HMS"), "HMS"),  # governs a state only
    (lambda r: r["armed_groups"]["TAL"]["governs"].append({"code": "AFG", "start": date(2022, 1, 1)}), "overlap"),
])
def test_group_schema_errors_raise_e402(edit, words):
    with pytest.raises(DetenteError) as err:
        parse(_with(edit))
    assert err.value.code == "E402" and words in str(err.value)


def test_included_files_are_checked(tmp_path):
    (tmp_path / "actors.yaml").write_text("version: 1\ninclude: [more.yaml]\n", encoding="utf-8")
    (tmp_path / "more.yaml").write_text("version: 1\ntitles: []\n", encoding="utf-8")
    from detente.knowledge.actors import load_kb_file

    with pytest.raises(DetenteError) as err:
        load_kb_file(tmp_path / "actors.yaml")
    assert "titles" in str(err.value) and "more.yaml" in str(err.value)


def test_a_states_opposition_is_never_the_state():
    """'Syria's opposition' is the group that stands for it; 'Malian rebels', with none, is unidentified."""
    kb = load_kb()
    on = date(2016, 2, 28)
    assert kb.lookup("Syria's opposition", on).code == "SYROPP"
    assert kb.lookup("High Negotiations Committee", on).code == "SYROPP"
    mali = kb.lookup("Mali's opposition", on)
    assert mali is not None and mali.code == "UNK" and mali.sector == "OPP"
    assert kb.lookup("Syria's army", on).code == "SYR"
    assert kb.lookup("National Unity Government", on).code == "NUG"
