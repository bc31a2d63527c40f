"""Label sets, gold normalisation and the mapping of predictions."""

from __future__ import annotations

import pytest

from detente.errors import DetenteError
from detente.eval import LABEL_SETS, normalise_gold, predicted_label
from detente.records import EVENT_TYPES


def test_label_sets_present():
    assert set(LABEL_SETS) == {"plover16", "plover15", "plover05", "acled"}
    assert set(LABEL_SETS["plover16"]) == set(EVENT_TYPES)
    assert "YIELD" in LABEL_SETS["plover15"] and "CONCEDE" not in LABEL_SETS["plover15"]
    assert len(LABEL_SETS["plover15"]) == 15
    assert len(LABEL_SETS["acled"]) == 30


@pytest.mark.parametrize("gold,expected", [
    ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"),
    ("FIGHT", "ASSAULT"), ("assault", "ASSAULT"), ("CONCEDE", "CONCEDE"),
])
def test_plover05_gold(gold, expected):
    assert normalise_gold(gold, "plover05") == expected


def test_plover15_yield_both_ways():
    assert normalise_gold("YIELD", "plover15") == "YIELD"
    assert predicted_label("CONCEDE", "plover15") == "YIELD"
    assert predicted_label("RETREAT", "plover15", mode="release") == "YIELD"
    assert predicted_label("ACCUSE", "plover15") == "ACCUSE"


def test_no_event_is_none():
    for name in LABEL_SETS:
        assert predicted_label(None, name) == "NONE"


def test_acled_gold_accepts_ids_and_names():
    assert normalise_gold("AIR_STRIKE", "acled") == "AIR_STRIKE"
    assert normalise_gold("Air/drone strike", "acled") == "AIR_STRIKE"
    assert normalise_gold("diplo", "acled") == "DIPLO"


@pytest.mark.parametrize("event,mode,text,expected", [
    ("ASSAULT", "drone", "Drones hit a depot near the river.", "AIR_STRIKE"),
    ("ASSAULT", None, "Mortar rounds landed on the market square.", "ART_MISS_ATTACK"),
    ("ASSAULT", None, "A man detonated his explosive vest at the checkpoint.", "SUIC_BOMB"),
    ("ASSAULT", None, "Army units recaptured the hill village on Friday.", "GOV_REGAINS_TERIT"),
    ("ASSAULT", None, "Two gunmen and soldiers exchanged fire for an hour.", "ARMED_CLASH"),
    ("PROTEST", "demo", "Hundreds rallied outside the ministry.", "PEACE_PROTEST"),
    ("PROTEST", None, "Police used tear gas to disperse the protesters.", "PROTEST_WITH_INTER"),
    ("COERCE", "arrest", "Police detained four activists.", "ARREST"),
    ("AGREE", None, "Both sides agreed to a three-day truce.", "AGREEMENT"),
    ("CONSULT", "visit", "The envoy visited the capital.", "DIPLO"),
    ("ACCUSE", None, "The rebels claimed responsibility for the blast.", "ATTRIB"),
])
def test_acled_prediction_mapping(event, mode, text, expected):
    assert predicted_label(event, "acled", mode=mode, text=text) == expected


def test_unknown_label_set():
    with pytest.raises(DetenteError) as err:
        predicted_label("AGREE", "cameo")
    assert err.value.code == "E502"
