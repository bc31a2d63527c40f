"""The crosswalk file's schema, and its codes for the cases that matter most."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from detente.errors import DetenteError
from detente.knowledge.crosswalk import (ACLED_EVENT_TYPE, ACLED_SUBTYPES, CASE2021_LABELS, acled_for, cameo_for,
                                   crosswalk_problems, load_crosswalk, parse_crosswalk)
from detente.records import EVENT_TYPES


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(resources.files("detente.data").joinpath("crosswalk.yaml").read_text("utf-8"))


def test_schema(raw):
    assert isinstance(raw["version"], int)
    assert set(raw) >= {"cues", "cameo", "acled", "acled_types", "case2021", "label_sets", "actor_match"}
    for name, cues in raw["cues"].items():
        assert cues and all(isinstance(c, str) and c.strip() for c in cues), name
    assert crosswalk_problems(load_crosswalk()) == []


def test_every_plover_type_has_a_cameo_default():
    cw = load_crosswalk()
    for event in EVENT_TYPES:
        assert cw.cameo[event].default, event
        assert cameo_for(event) == cw.cameo[event].default


def test_acled_names_valid():
    assert len(ACLED_SUBTYPES) == 25
    assert set(ACLED_EVENT_TYPE.values()) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                             "Protests", "Riots", "Strategic developments"}
    assert len(CASE2021_LABELS) == 30
    assert sum(1 for v in CASE2021_LABELS.values() if v) == 25
    assert set(v for v in CASE2021_LABELS.values() if v) == set(ACLED_SUBTYPES)


def test_bad_file_rejected(raw):
    broken = dict(raw, acled={"events": {"ASSAULT": {"default": "Air strike", "rules": []}}})
    with pytest.raises(DetenteError) as err:
        parse_crosswalk(broken)
    assert err.value.code == "E402"
    no_default = dict(raw, cameo={"events": {k: v for k, v in raw["cameo"]["events"].items() if k != "AID"}})
    with pytest.raises(DetenteError):
        parse_crosswalk(no_default)


@pytest.mark.parametrize("args,kwargs,code", [
    (("REJECT", None), {"object_text": "Moscow turned down the proposed truce"}, "1246"),
    (("CONCEDE", None), {"object_text": "declared a ceasefire for Easter"}, "0871"),
    (("RETREAT", "ceasefire"), {}, "0871"),
    (("RETREAT", "release"), {"object_text": "freed 90 prisoners"}, "0841"),
    (("ACCUSE", "disapprove"), {}, "111"),
    (("ACCUSE", None), {}, "112"),
    (("THREATEN", None), {}, "130"),
    (("CONSULT", "visit"), {}, "042"),
    (("CONSULT", "host"), {}, "043"),
    (("CONSULT", None), {"modality": "intended"}, "036"),
    (("CONSULT", None), {}, "040"),
    (("CONSULT", "phone"), {}, "041"),
    (("SUPPORT", None), {"object_text": "signed the memorandum"}, "057"),
    (("ASSAULT", "drone"), {}, "1952"),
    (("ASSAULT", "heavy-weapons"), {}, "194"),
    (("ASSAULT", None), {"object_text": "accused of violating the truce"}, "196"),
    (("COERCE", "arrest"), {}, "173"),
])
def test_cameo_codes(args, kwargs, code):
    assert cameo_for(*args, **kwargs) == code


def test_no_code_for_negated_or_hypothetical():
    assert cameo_for("ASSAULT", "aerial", modality="negated") is None
    assert cameo_for("AGREE", modality="hypothetical") is None
    assert cameo_for("NOT_A_TYPE") is None


@pytest.mark.parametrize("args,kwargs,sub", [
    (("ASSAULT", "aerial"), {}, "Air/drone strike"),
    (("ASSAULT", "heavy-weapons"), {}, "Shelling/artillery/missile attack"),
    (("ASSAULT", "explosives"), {}, "Remote explosive/landmine/IED"),
    (("ASSAULT", "suicide-attack"), {}, "Suicide bomb"),
    (("ASSAULT", "firearms"), {}, "Armed clash"),
    (("ASSAULT", "firearms"), {"recipient_sectors": ["CVL"]}, "Attack"),
    (("ASSAULT", "abduct"), {}, "Abduction/forced disappearance"),
    (("ASSAULT", "sexual"), {}, "Sexual violence"),
    (("ASSAULT", None), {"object_text": "a grenade thrown into the yard"}, "Grenade"),
    (("ASSAULT", None), {"object_text": "shelters hit; no shelling"}, "Shelling/artillery/missile attack"),
    (("PROTEST", "demo"), {}, "Peaceful protest"),
    (("PROTEST", "riot"), {}, "Violent demonstration"),
    (("COERCE", "arrest"), {}, "Arrests"),
    (("AGREE", None), {"object_text": "a prisoner exchange deal"}, "Agreement"),
    (("RETREAT", "release"), {}, "Agreement"),
    (("ASSAULT", "destroy"), {}, "Looting/property destruction"),
    (("MOBILIZE", "troops"), {}, "Change to group/activity"),
])
def test_acled(args, kwargs, sub):
    result = acled_for(*args, **kwargs)
    assert result == {"event_type": ACLED_EVENT_TYPE[sub], "sub_event_type": sub}


def test_acled_none_where_nothing_applies():
    assert acled_for("CONSULT", "visit") is None
    assert acled_for("AGREE", None, object_text="agreed to keep talking about grain") is None


def test_cues_are_whole_words_unless_starred():
    # "mob" must not fire inside "mobilised"; "March" is a month, not a protest march
    assert acled_for("PROTEST", None, object_text="Crowds mobilised on March 3") == \
        {"event_type": "Protests", "sub_event_type": "Peaceful protest"}


def test_all_cues_needs_every_set():
    # COERCE of protesters with tear gas is an intervention; tear gas alone is not a protest
    assert acled_for("COERCE", None, object_text="Police fired tear gas at protesters")["sub_event_type"] == \
        "Protest with intervention"
    assert acled_for("COERCE", None, object_text="Police fired tear gas") is None
    assert cameo_for("ASSAULT", None, object_text="Troops violated the truce at dawn") == "196"
    assert cameo_for("ASSAULT", None, object_text="The raid violated international law") == "190"
