"""The state table (data/states.yaml): every UN member resolves by name, adjective, plural and capital."""

from __future__ import annotations

from datetime import date

import pytest

from detente.datafiles import read_yaml
from detente.knowledge.actors import load_kb

STATES = read_yaml("states.yaml")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_the_table_lists_the_193_un_members():
    members = STATES["un_members"]
    assert isinstance(STATES["version"], int)
    assert len(members) == len(set(members)) == 193
    assert set(members) <= set(STATES["states"])


@pytest.mark.parametrize("code", STATES["un_members"])
def test_every_member_has_names_an_adjective_and_a_capital(kb, code):
    entry = STATES["states"][code]
    assert entry.get("aliases") and entry.get("adjectives") and entry.get("capitals"), code
    for form in (*entry["aliases"], *entry["adjectives"], *entry.get("plurals", [])):
        ref = kb.lookup(form)
        assert ref is not None and ref.code == code, (code, form, ref)
    for capital in entry["capitals"]:
        ref = kb.lookup(capital)
        assert ref is not None, (code, capital)
        if ref.code == code:  # a capital shared with an organisation's name goes to the organisation
            assert ref.sector == "GOV" and ref.kind == "state", (code, capital)


@pytest.mark.parametrize("text, code, sector", [
    ("Congolese", "COD", None),
    ("Congo", "COD", None),
    ("Kinshasa", "COD", "GOV"),
    ("Brazzaville", "COG", "GOV"),
    ("the Republic of the Congo", "COG", None),
    ("Sudanese", "SDN", None),
    ("South Sudanese", "SSD", None),
    ("Khartoum", "SDN", "GOV"),
    ("Cambodian", "KHM", None),
    ("Phnom Penh", "KHM", "GOV"),
    ("Islamabad", "PAK", "GOV"),
    ("Guinean", "GIN", None),
    ("Bissau-Guinean", "GNB", None),
    ("Papua New Guinean", "PNG", None),
    ("Nigerien", "NER", None),
    ("Nigerian", "NGA", None),
    ("Dominican", "DOM", None),
    ("the Sudanese", "SDN", None),
    ("Brussels", "EU", "IGO"),  # the EU before Belgium's government
])
def test_shared_and_confusable_forms(kb, text, code, sector):
    ref = kb.lookup(text)
    assert ref is not None and (ref.code, ref.sector) == (code, sector), (text, ref)


def test_states_own_forces_stay_the_state(kb):
    on = date(2025, 3, 1)
    for text, code in (("the Sudanese Armed Forces", "SDN"), ("SAF", "SDN"), ("the ENDF", "ETH"),
                       ("FARDC", "COD"), ("the IDF", "ISR"), ("the Sudanese army", "SDN")):
        ref = kb.lookup(text, on)
        assert ref is not None and (ref.code, ref.sector) == (code, "MIL"), (text, ref)


def test_ambiguous_capitals_are_declared(kb):
    """Capitals that are also everyday words or first names need the model's GPE tag."""
    assert {"Male", "Victoria", "Kingston", "Santiago"} <= kb.ambiguous
