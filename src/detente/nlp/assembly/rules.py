"""The assembly rules and the record each step works on.

`AssemblyRules` is the typed form of `src/detente/data/assembly.yaml` (which
embedded triggers are objects, how refusals become REJECT, collective
references, the word lists of every filter); `load_rules` reads it once.
`MATERIAL_QUADS` names the quad classes of acts done, and `_Draft` is a
trigger kept for assembly, with the attributing trigger it is embedded in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from detente.datafiles import read_yaml
from detente.nlp.extensions import Trigger
from detente.nlp.words import inflected


@dataclass(frozen=True)
class AssemblyRules:
    absorbing: frozenset[str]
    proposal_cues: frozenset[str]
    attributing: frozenset[str]
    refusal_to_reject: dict[str, str | None]
    refusal_aux: frozenset[str]
    refusal_tags: frozenset[str]
    standing_adverbs: frozenset[str]
    collective: tuple[str, ...]
    national_collective_nouns: tuple[str, ...]
    object_deps: frozenset[str]
    object_preps: frozenset[str]
    recipient_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    object_control_verbs: frozenset[str]
    term_verbs: frozenset[str]
    start_verbs: frozenset[str]
    nominal_subject_verbs: frozenset[str]
    nominal_light_verbs: frozenset[str]
    nominal_naming_verbs: frozenset[str]
    nominal_naming_types: frozenset[str]
    nominal_measures: frozenset[str]
    condemning_lemmas: frozenset[str]
    nominal_causes: frozenset[str]
    nominal_state_preps: frozenset[str]
    nominal_during_preps: frozenset[str]
    standing_modes: frozenset[str]
    content_nouns: frozenset[str]
    condition_nouns: frozenset[str]
    document_verbs: frozenset[str]
    locative_preps: frozenset[str]
    subject_skip_preps: frozenset[str]
    first_person: frozenset[str]
    violation_nouns: frozenset[str]
    abstention_verbs: frozenset[str]
    verb_object_preps: dict[str, tuple[str, ...]]
    nominal_state_verbs: frozenset[str]
    nominal_subject_phrasal: dict[str, list[str]]
    reference_nouns: frozenset[str]
    reference_determiners: frozenset[str]
    background_nouns: frozenset[str]
    setting_preps: frozenset[str]
    document_subjects: frozenset[str]
    statement_subjects: frozenset[str]
    describing_clauses: frozenset[str]
    mediation_lemmas: frozenset[str]
    nominal_time_preps: frozenset[str]
    nominal_time_types: frozenset[str]
    between_preps: frozenset[str]
    talks_party_types: frozenset[str]
    apart_marks: frozenset[str]
    release_nouns: frozenset[str]
    forces_sectors: frozenset[str]
    route_nouns: frozenset[str]
    talks_nouns: frozenset[str]
    condition_marks: frozenset[str]
    violation_lemmas: frozenset[str]
    reciprocal_objects: tuple[str, ...]
    located_recipient_types: frozenset[str]
    opponent_types: frozenset[str]
    agreement_nouns: tuple[str, ...]
    agreeing_types: frozenset[str]
    agreement_lookback: int
    declaring_verbs: frozenset[str]
    time_clause_marks: frozenset[str]
    name_entity_labels: frozenset[str]
    ending_lemmas: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    reciprocal_verbs: frozenset[str] = frozenset()
    purpose_participles: frozenset[str] = frozenset()
    sponsor_participles: frozenset[str] = frozenset()
    anonymity_verbs: frozenset[str] = frozenset()
    speech_senses: frozenset[str] = frozenset()
    quality_nouns: frozenset[str] = frozenset()
    casualty_lemmas: frozenset[str] = frozenset()
    showing_verbs: frozenset[str] = frozenset()
    threat_types: frozenset[str] = frozenset()
    inanimate_subjects: frozenset[str] = frozenset()
    threat_passive_preps: frozenset[str] = frozenset()
    question_verbs: frozenset[str] = frozenset()
    third_party_types: frozenset[str] = frozenset()
    accused_preps: frozenset[str] = frozenset()
    violation_doing_verbs: frozenset[str] = frozenset()
    force_types: frozenset[str] = frozenset()
    silence_types: frozenset[str] = frozenset()
    standing_relation_types: frozenset[str] = frozenset()
    silence_verbs: frozenset[str] = frozenset()
    object_only_nouns: frozenset[str] = frozenset()
    engagement_words: frozenset[str] = frozenset()
    duration_units: frozenset[str] = frozenset()
    responsibility_nouns: frozenset[str] = frozenset()
    demand_types: frozenset[str] = frozenset()
    abstract_patients: frozenset[str] = frozenset()
    accusation_gestures: frozenset[str] = frozenset()
    toll_types: frozenset[str] = frozenset()
    nominal_travel_preps: frozenset[str] = frozenset()
    nominal_travel_verbs: frozenset[str] = frozenset()
    consequence_types: frozenset[str] = frozenset()
    casualty_toll_types: frozenset[str] = frozenset()  # other types that are a toll told with a casualty verb


#: Material cooperation and material conflict: acts done, which "by X" can name the doer of.
MATERIAL_QUADS = (2, 4)


@lru_cache(maxsize=1)
def load_rules() -> AssemblyRules:
    data = read_yaml("assembly.yaml")
    return AssemblyRules(
        absorbing=frozenset(data["absorbing_types"]),
        proposal_cues=frozenset(data["proposal_cues"]),
        attributing=frozenset(data["attributing_types"]),
        refusal_to_reject=dict(data["refusal_to_reject"]),
        refusal_aux=frozenset(data["refusal_auxiliaries"]),
        refusal_tags=frozenset(data["refusal_present_tags"]),
        standing_adverbs=frozenset(data["standing_adverbs"]),
        collective=tuple(sorted(data["collective_references"], key=len, reverse=True)),
        national_collective_nouns=tuple(data["national_collective_nouns"]),
        object_deps=frozenset(data["object_deps"]),
        object_preps=frozenset(data["object_preps"]),
        recipient_preps=frozenset(data["recipient_preps"]),
        relative_pronouns=frozenset(data["relative_pronouns"]),
        object_control_verbs=frozenset(data["object_control_verbs"]),
        term_verbs=frozenset(data["term_verbs"]["start"] + data["term_verbs"]["end"]),
        start_verbs=frozenset(data["term_verbs"]["start"]),
        nominal_subject_verbs=inflected(data["nominal_subject_verbs"]),
        nominal_light_verbs=inflected(data["nominal_light_verbs"]),
        nominal_naming_verbs=frozenset(data["nominal_naming_verbs"]),
        nominal_naming_types=frozenset(data["nominal_naming_types"]),
        nominal_measures=frozenset(data["nominal_measures"]),
        condemning_lemmas=frozenset(data["condemning_lemmas"]),
        nominal_causes=frozenset(data["nominal_causes"]),
        nominal_state_preps=frozenset(data["nominal_state_preps"]),
        nominal_during_preps=frozenset(data["nominal_during_preps"]),
        standing_modes=frozenset(data["standing_modes"]),
        content_nouns=frozenset(data["content_nouns"]),
        condition_nouns=frozenset(data["condition_nouns"]),
        document_verbs=frozenset(data["document_verbs"]),
        locative_preps=frozenset(data["locative_preps"]),
        subject_skip_preps=frozenset(data["locative_preps"]) | frozenset(data.get("subject_skip_preps") or ()),
        first_person=frozenset(data["first_person"]),
        violation_nouns=frozenset(data["violation_nouns"]),
        abstention_verbs=frozenset(data["abstention_verbs"]),
        verb_object_preps={k: tuple(v) for k, v in data["verb_object_preps"].items()},
        nominal_state_verbs=inflected(data["nominal_state_verbs"]),
        nominal_subject_phrasal=dict(data["nominal_subject_phrasal"]),
        reference_nouns=frozenset(data["reference_nouns"]),
        reference_determiners=frozenset(data["reference_determiners"]),
        background_nouns=frozenset(data["background_nouns"]),
        setting_preps=frozenset(data["setting_preps"]),
        document_subjects=frozenset(data["document_subjects"]),
        statement_subjects=frozenset(data["statement_subjects"]),
        describing_clauses=frozenset(data["describing_clauses"]),
        mediation_lemmas=frozenset(data["mediation_lemmas"]),
        nominal_time_preps=frozenset(data["nominal_time_preps"]),
        nominal_time_types=frozenset(data["nominal_time_types"]),
        between_preps=frozenset(data["between_preps"]),
        talks_party_types=frozenset(data["talks_party_types"]),
        apart_marks=frozenset(data["apart_marks"]),
        release_nouns=frozenset(data["release_nouns"]),
        forces_sectors=frozenset(data["forces_sectors"]),
        route_nouns=frozenset(data["route_nouns"]),
        talks_nouns=frozenset(data["talks_nouns"]),
        condition_marks=frozenset(data["condition_marks"]),
        violation_lemmas=frozenset(data["violation_lemmas"]),
        reciprocal_objects=tuple(data["reciprocal_objects"]),
        reciprocal_verbs=frozenset(data.get("reciprocal_verbs") or ()),
        located_recipient_types=frozenset(data["located_recipient_types"]),
        opponent_types=frozenset(data["opponent_types"]),
        agreement_nouns=tuple(data["agreement_nouns"]),
        agreeing_types=frozenset(data["agreeing_types"]),
        agreement_lookback=int(data["agreement_lookback"]),
        declaring_verbs=frozenset(data["declaring_verbs"]),
        time_clause_marks=frozenset(data["time_clause_marks"]),
        name_entity_labels=frozenset(data["name_entity_labels"]),
        ending_lemmas=frozenset(data.get("ending_lemmas") or ()),
        naming_verbs=frozenset(data.get("naming_verbs") or ()),
        purpose_participles=frozenset(data.get("purpose_participles") or ()),
        sponsor_participles=frozenset(data.get("sponsor_participles") or ()),
        anonymity_verbs=frozenset(data.get("anonymity_verbs") or ()),
        speech_senses=frozenset(data.get("speech_senses") or ()),
        quality_nouns=frozenset(data.get("quality_nouns") or ()),
        casualty_lemmas=frozenset(data["casualties"]["lemmas"]),
        showing_verbs=frozenset(data["other_senses"]["showing"]),
        threat_types=frozenset(data["other_senses"]["threat_types"]),
        inanimate_subjects=frozenset(data["other_senses"]["inanimate_subjects"]),
        threat_passive_preps=frozenset(data["other_senses"]["threat_passive_preps"]),
        question_verbs=frozenset(data["other_senses"]["question_verbs"]),
        third_party_types=frozenset(data["third_party_types"]),
        accused_preps=frozenset(data["accused_preps"]),
        violation_doing_verbs=frozenset(data["violation_doing_verbs"]),
        force_types=frozenset(data["other_senses"]["force_types"]),
        silence_types=frozenset(data["other_senses"]["silence_types"]),
        standing_relation_types=frozenset(data["standing_relation_types"]),
        silence_verbs=frozenset(data["other_senses"]["silence_verbs"]),
        object_only_nouns=frozenset(data["other_senses"]["object_only_nouns"]),
        engagement_words=frozenset(data["engagement_words"]),
        duration_units=frozenset(data["duration_units"]),
        responsibility_nouns=frozenset(data["other_senses"]["responsibility_nouns"]),
        demand_types=frozenset(data["demand_types"]),
        abstract_patients=frozenset(data["other_senses"]["abstract_patients"]),
        accusation_gestures=frozenset(data["accusation_gestures"]),
        toll_types=frozenset(data["war_tolls"]),
        nominal_travel_preps=frozenset(data["nominal_travel"]["preps"]),
        nominal_travel_verbs=inflected(data["nominal_travel"]["verbs"]),
        consequence_types=frozenset(data["casualties"]["types"]),
        casualty_toll_types=frozenset(data["casualties"].get("toll_types", ())),
    )


@dataclass
class _Draft:
    span: Span
    trigger: Trigger
    owner: Span | None  # an attributing trigger this one is embedded in
