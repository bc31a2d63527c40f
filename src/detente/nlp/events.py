"""detente_events: assemble typed Event records from the annotated Doc.

Requires the span groups of the other components (actors, dates, places,
quantities, triggers with modality and attribution) and sets `doc._.events`.
Composition rules (which embedded triggers are objects, how refusals become
REJECT, collective references) are data: src/detente/data/assembly.yaml.

Steps per sentence, all computed before anything is set:
1. keep triggers that are not the object of an absorbing trigger
   ("rejected a ceasefire" gives REJECT, not a ceasefire);
2. find actor and recipient from the dependency tree and the actor spans;
3. attach date (in the sentence, else the last explicit day-date of the
   article, else the publication date marked as fallback), place, quantities;
4. take modality and attribution from the trigger; a standing refusal of a
   cooperative act becomes REJECT;
5. mark the most salient event of the sentence primary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.datafiles import read_yaml
from detente.knowledge.actors import load_kb
from detente.nlp.attribution import confidence_for, load_attribution_lexicon
from detente.nlp.dates import days_before_that, in_future_clause, names_a_thing, upcoming
from detente.nlp.page import furniture_tokens
from detente.nlp.triggers import OFFER_PREFIX
from detente.knowledge.crosswalk import acled_for, cameo_for
from detente.knowledge.actor_schema import UNKNOWN_CODE
from detente.nlp.extensions import ModalityCue, Trigger
from detente.nlp.words import inflected
from detente.records import (
    QUADS,
    ActorRef,
    Attribution,
    DateRef,
    Event,
    Evidence,
    Modality,
    Place,
    Quantity,
    TermDate,
    date_span,
)


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


#: Material cooperation and material conflict: acts done, which "by X" can name the doer of.
MATERIAL_QUADS = (2, 4)


def _is_verb(tok: Token, forms: frozenset[str]) -> bool:
    return tok.lemma_ in forms or tok.lower_ in forms


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
    )


# --------------------------------------------------------------------------- tree helpers


def object_tokens(tok: Token, rules: AssemblyRules) -> list[Token]:
    """Heads of the subtrees that are `tok`'s object."""
    heads = [c for c in tok.children if c.dep_ in rules.object_deps]
    # "the truce was renewed for 30 days": what was renewed is the truce
    heads = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in rules.agreement_nouns] + heads
    own_preps = rules.verb_object_preps.get(tok.lemma_.lower(), ()) if not heads else ()
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in rules.object_preps or c.lower_ in own_preps):
            heads.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        if c.dep_ == "acl" and tok.pos_ in ("NOUN", "PROPN"):
            heads.append(c)
    if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        heads.append(tok.head)  # "proposed ceasefire"
    if heads and heads[0].dep_ in ("xcomp", "ccomp"):
        # "agreed to a monitoring committee ... to oversee the deal": what was agreed is the committee
        before = [h for h in heads if h.dep_ in ("pobj", "pcomp") and h.i < heads[0].i]
        if before:
            heads = [before[0]] + [h for h in heads if h is not before[0]]
    return heads


def subtree_ids(heads: Iterable[Token]) -> set[int]:
    return {t.i for h in heads for t in h.subtree}


def phrase(heads: list[Token]) -> str | None:
    if not heads:
        return None
    h = heads[0]
    span = h.doc[h.left_edge.i : h.right_edge.i + 1]
    return span.text


def subject_of(tok: Token, rules: AssemblyRules, stop_at_verb: bool = False) -> tuple[list[Token], list[Token]]:
    """(subject heads, patient heads) of the nearest clause governing `tok`.

    A passive clause's agent is the subject and its passive subject the
    patient, except when `tok` is the infinitive of a passive control verb
    ("Ukraine will be forced to respond": Ukraine responds).  The object of a
    verb of `object_control_verbs` is the subject of its infinitive ("Qatar
    persuaded Iran to agree": Iran agrees).
    """
    cur, via = tok, None
    for _ in range(12):
        if via == "xcomp" and cur.lemma_.lower() in rules.object_control_verbs:
            controller = [c for c in cur.children if c.dep_ == "dobj" and c.i < tok.i]
            if controller:
                return controller, []
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        agents = [g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj or passive or agents:
            if subj and subj[0].lower_ in rules.relative_pronouns and cur.dep_ == "relcl":
                subj = [cur.head]
            if passive and passive[0].lower_ in rules.relative_pronouns and cur.dep_ == "relcl":
                passive = [cur.head]
            if via == "xcomp" and passive and not subj and not agents:
                return passive, []
            return (agents or subj), (passive if agents or not subj else [])
        if cur.dep_ == "ccomp" or cur.head.i == cur.i:
            return [], []
        if stop_at_verb and cur.i != tok.i and cur.pos_ in ("VERB", "AUX") and cur.dep_ != "xcomp":
            return [], []
        via, cur = cur.dep_, cur.head
    return [], []


def enclosing_clause_subject(tok: Token, rules: AssemblyRules) -> list[Token]:
    """The subject of the clause above the complement `tok` sits in
    ("Zelensky said that Putin rejected X and accused Russia": the accuser
    is Zelensky when the parse hangs 'accused' on 'rejected')."""
    cur = tok
    while cur.head.i != cur.i and cur.dep_ != "ccomp":
        cur = cur.head
    if cur.dep_ != "ccomp":
        return []
    return subject_of(cur.head, rules)[0]


def with_conjuncts(heads: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        coordinated = [c for c in h.children if c.dep_ in ("nmod", "compound")
                       and any(g.dep_ == "cc" for g in c.children)]
        # "South Sudan's president, Salva Kiir, and rebel leader Riek Machar": the conjunct hangs on the appositive
        # "Erdogan and his Russian counterpart, Vladimir Putin": so does a conjunct's own appositive
        appos = [c for b in (h, *h.conjuncts) for c in b.children if c.dep_ == "appos"]
        for t in (h, *h.conjuncts, *appos, *[x for a in appos for x in a.conjuncts], *coordinated):
            if t not in out:
                out.append(t)
    return out


# --------------------------------------------------------------------------- actors


class ActorIndex:
    """Actor spans of a doc, by token."""

    def __init__(self, doc: Doc):
        self.by_token: dict[int, Span] = {}
        self.sides: dict[str, ActorRef] = {}  # the report's two sides (main_sides), set by assemble
        datelines = [(s.start, s.end) for s in doc.spans.get("page", []) if s.label_ == "dateline"]
        for span in doc.spans.get("actors", []):
            if span._.actor is None or any(a <= span.start < b for a, b in datelines):
                continue
            for i in range(span.start, span.end):
                prev = self.by_token.get(i)
                if prev is None or len(span) > len(prev):
                    self.by_token[i] = span
        self.brokers = page_brokers(doc, {id(s): s for s in self.by_token.values()}.values())

    def for_heads(self, heads: Iterable[Token]) -> list[ActorRef]:
        """Actors for noun-phrase heads: the span holding the head, else a modifier's."""
        refs: list[ActorRef] = []
        for h in with_conjuncts(heads):
            span = self.by_token.get(h.i)
            named = any(c.dep_ == "appos" and c.i in self.by_token for c in h.children)
            of_refs = self._of_refs(h, span) if h.pos_ == "NOUN" or (
                span is not None and span._.actor.code == UNKNOWN_CODE) else []
            if span is None and h.pos_ == "NOUN" and (listed := self.enumerated(h)):
                refs.extend(listed)  # "three armed groups, namely X, Y and Z, signed"
                continue
            if span is None and not named:  # "the South Sudan armed opposition group (SPLM-IO)" is the SPLM-IO
                mods = [c for c in h.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
                span = next((self.by_token[m.i] for m in mods if m.i in self.by_token), None)
                if span is not None and of_refs and not any(m.dep_ == "poss" for m in mods):
                    span = None  # "the breakaway Georgian republic of South Ossetia" is South Ossetia
            if span is not None and span._.actor.code == UNKNOWN_CODE:
                # "Kyrgyz border authorities", "authorities of the Sughd province of Tajikistan":
                # an unknown body that its own words place in a known state or group
                known = [self.by_token[m.i]._.actor for m in h.children
                         if m.dep_ in ("compound", "amod", "nmod") and m.i in self.by_token
                         and self.by_token[m.i] is not span and self.by_token[m.i]._.actor.code != UNKNOWN_CODE]
                if known or of_refs:
                    refs.extend(known[:1] or of_refs)
                    continue
            if span is not None:
                refs.append(span._.actor)
                if h.pos_ == "NOUN":  # "the Turkish and Russian presidents": each adjective's state
                    refs.extend(self.by_token[c.i]._.actor for m in h.children if m.dep_ in ("amod", "compound")
                                for c in (m, *m.conjuncts) if c.i in self.by_token
                                and self.by_token[c.i]._.actor.kind == "state")
            refs.extend(r for r in of_refs if span is None or r is not span._.actor)
        return dedupe(refs)

    def _of_refs(self, h: Token, own: Span | None, depth: int = 0) -> list[ActorRef]:
        """Who an "of" phrase names: "the leaders of Russia, Azerbaijan and Armenia" stand for all
        three; "leaders of the breakaway republic of South Ossetia" for the republic it names."""
        out: list[ActorRef] = []
        preps = ("of",) if depth == 0 else ("of", "for")  # "the committees for national security of X and Y"
        of = [g for c in h.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
        for g in with_conjuncts(of):
            s = self.by_token.get(g.i)
            if s is not None and s is not own:
                out.append(s._.actor)
            elif s is None and (listed := self.enumerated(g)):
                out.extend(listed)
            elif s is None and g.pos_ in ("NOUN", "PROPN") and depth < 2:
                out.extend(self._of_refs(g, own, depth + 1))
        return out

    def enumerated(self, h: Token) -> list[ActorRef]:
        """The actors a plural noun lists with "namely" ("the three armed groups in the north, namely
        the MNDAA, the TNLA and the AA"), wherever the parse hangs the list inside its phrase."""
        for t in h.subtree:
            if t.i != h.i and any(c.dep_ == "advmod" and c.lower_ == "namely" for c in t.children):
                return dedupe(self.by_token[c.i]._.actor for c in (t, *t.conjuncts) if c.i in self.by_token)
        return []

    def in_phrase(self, heads: Iterable[Token], skip_preps: frozenset[str] = frozenset()) -> list[ActorRef]:
        """The first actor inside the phrases ("three demands: Kyiv will not ..."), not inside a phrase
        of `skip_preps` ("international monitors in Sri Lanka" are not Sri Lanka)."""
        for h in heads:
            placed = {t.i for c in h.children if c.dep_ == "prep" and c.lower_ in skip_preps for t in c.subtree}
            found = self.within({t.i for t in h.subtree} - placed)
            if found:
                return found[:1]
        return []

    def within(self, ids: set[int]) -> list[ActorRef]:
        seen = {(s.start, s.end): s for i in ids if (s := self.by_token.get(i)) is not None}
        spans = sorted(seen.values(), key=lambda s: s.start)
        return dedupe([s._.actor for s in spans])


def page_brokers(doc: Doc, spans: Iterable[Span]) -> frozenset[str]:
    """Codes of the actors a page names as go-betweens: "China-brokered", "mediated by Qatar and
    Egypt", "under China's mediation". Whoever mediates there is not one of "the two sides"."""
    from detente.knowledge.ledger import knowledge

    cue = knowledge().page_mediation_cues.regex
    text = doc.text
    found: set[str] = set()
    last_end = -1  # where the last broker's name ended: "mediated by Qatar and Egypt"
    for span in sorted(spans, key=lambda s: s.start):
        ref = span._.actor
        before = _LEADING.sub("", text[max(span.sent.start_char, span.start_char - 48):span.start_char])
        joined = last_end >= 0 and _JOINER.fullmatch(text[last_end:span.start_char]) is not None
        after = text[span.end_char:span.end_char + 24]
        if ref.code != UNKNOWN_CODE and (
                _BROKERED_AFTER.match(after) or _MEDIATION_AFTER.match(after) or joined
                or (cue is not None and (m := _last(cue, before)) is not None and m.end() == len(before))):
            found.add(ref.code)
            last_end = span.end_char
    return frozenset(found)


def _last(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    out = None
    for out in regex.finditer(text):
        pass
    return out


#: "China-brokered", "Qatari-mediated": the name before the hyphen mediates.
_BROKERED_AFTER = re.compile(r"^[-\u2010\u2011](?:brokered|mediated|facilitated|sponsored)\b", re.IGNORECASE)
#: "China's mediation", "Qatar's good offices".
_MEDIATION_AFTER = re.compile(r"^(?:['\u2019]s)?\s+(?:mediation|mediators?|good offices|facilitation)\b",
                              re.IGNORECASE)
#: What may stand between a cue and the name: "mediated by the".
_LEADING = re.compile(r"(?:\s+the)?\s*$", re.IGNORECASE)
#: Between two brokers' names: "Qatar and Egypt", "Qatar, Egypt".
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", re.IGNORECASE)


def _coordinated_speakers(subj: list[Token], tok: Token, index: ActorIndex) -> list[ActorRef]:
    """"The government and the ELN announced that they had reached an agreement": "they" are both."""
    if len(subj) != 1 or subj[0].lower_ not in ("they", "we") or tok.dep_ != "ccomp":
        return []
    speakers = [c for c in tok.head.children if c.dep_ == "nsubj" and c.conjuncts]
    refs = index.for_heads(speakers) if speakers else []
    return refs if len({r.code for r in refs}) > 1 else []


def _named_within(refs: list[ActorRef]) -> list[ActorRef]:
    """Actors inside an object: the known ones when there are any ("demanded the release of all hostages
    held by Hamas" is addressed to Hamas, not to the hostages)."""
    known = [r for r in refs if r.code != UNKNOWN_CODE]
    return known or refs


def dedupe(refs: Iterable[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    keys: set[tuple] = set()
    for r in refs:
        key = (r.code, r.entity_name or r.entity_text.lower())
        if key not in keys:
            keys.add(key)
            out.append(r)
    # a state next to a person of that state adds nothing ("Russia's ruler, Putin")
    people = {r.code for r in out if r.kind == "person"}
    return [r for r in out if not (r.kind == "state" and r.code in people)]


@lru_cache(maxsize=4)
def _national_regex(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """"the two Libyan delegations", "both Sudanese sides": a nationality before a collective noun."""
    nouns_re = "|".join(map(re.escape, nouns))
    return re.compile(r"\b(?:(?:the two|both|the 2)\s+([\w-]+)\s+(?:" + nouns_re + r")"
                      # "both of Libya's warring factions", "Libya's two rival camps", "Sudan's warring parties"
                      r"|((?:[\w-]+\s)?[\w-]+)\s?(?:'s|\u2019s)\s+(?:two\s+)?(?:(?:warring|rival|main|opposing)\s+)?"
                      r"(?:" + nouns_re + r"))\b")


def _national(text_lower: str, rules: AssemblyRules) -> str | None:
    """The state a collective reference names by its adjective ("the two Libyan delegations"), or None."""
    found = _national_regex(rules.national_collective_nouns).search(text_lower)
    if not found:
        return None
    name = found.group(1) or found.group(2)
    ref = load_kb().lookup(name) or (load_kb().lookup(name.split()[-1]) if found.group(2) else None)  # "of libya"
    return ref.code if ref is not None and ref.kind == "state" else None


@lru_cache(maxsize=4)
def _collective_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The collective references, each also with one word before its noun ("both warring sides")."""
    forms = [r"\s+".join(map(re.escape, p.split()[:-1])) + r"\s+(?:[\w-]+\s+)?" + re.escape(p.split()[-1])
             if len(p.split()) > 1 else re.escape(p) for p in phrases]
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b")


def collective_parties(sent: Span, text_lower: str, index: ActorIndex, rules: AssemblyRules,
                       sentences: list[Span]) -> list[ActorRef]:
    """'the parties', 'both sides': the two sides named most often up to here, both named in the last
    four sentences; in a lead that names them only later ("South Sudan's warring parties signed ..."),
    the two the whole text names most often. "The two Libyan delegations": Libya's sides only (the
    state and the armed groups fighting in it), or the state and the one armed group the knowledge
    base has fighting only there."""
    home = _national(text_lower, rules)
    if home is None and not _collective_regex(rules.collective).search(text_lower):
        return []
    from collections import Counter

    def sides(among: list[Span], recent_among: list[Span]) -> list[str]:
        counts = Counter(r.code for s in among for r in index.within(set(range(s.start, s.end)))
                         if r.code != "UNK" and r.sector not in ("IGO", "NGO") and r.code not in index.brokers
                         and (home is None or r.code == home or home in load_kb().fights_in(r.code)))
        recent = {r.code for s in recent_among for r in index.within(set(range(s.start, s.end)))}
        return [c for c, _ in counts.most_common() if c in recent][:2]

    before = [x for x in sentences if x.start <= sent.start]
    ranked = sides(before, before[-4:])
    if len(ranked) < 2 and len(before) <= 2:
        ranked = sides(sentences, sentences)
    if len(ranked) < 2:  # named further back in this paragraph: the two it names most often so far
        text = sent.doc.text
        paragraph = [x for x in before if "\n\n" not in text[x.start_char:sent.start_char]]
        ranked = sides(paragraph, paragraph)
    if len(ranked) < 2 and home is None:
        # a page that names one state only (besides mediators): "the two sides" are that state and
        # the one armed group the knowledge base has fighting only there (a Libyan page: the LNA)
        states = {r.code for x in sentences for r in index.within(set(range(x.start, x.end)))
                  if r.kind == "state" and r.code != "UNK" and not _outsider(r, index.brokers)}
        home = next(iter(states)) if len(states) == 1 else None
    if len(ranked) < 2 and home is not None:
        groups = [c for c in load_kb().armed_groups if load_kb().fights_in(c) == {home}]
        ranked = [home, groups[0]] if len(groups) == 1 and ranked in ([], [home]) else ranked
    if len(ranked) < 2:
        return []
    return [ActorRef(code=c, entity_text=text_lower, entity_name=c, kind="state") for c in ranked]


# --------------------------------------------------------------------------- dates, places


def nearest(spans: list[Span], tok: Token) -> Span | None:
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s.start - tok.i), abs(s.end - 1 - tok.i)))


def pick_place(spans: list[Span], tok: Token, ids: set[int]) -> Place | None:
    """The event's place: in the trigger's own phrase, else elsewhere in the sentence, but never
    where someone spoke ("..., the minister said in Bangkok")."""
    if not spans:
        return None
    inside = [s for s in spans if s.start in ids] or [s for s in spans if not _where_said(s.root)]
    if not inside:
        return None

    def rank(s: Span):
        p: Place = s._.place
        return (-(p.resolution or 0), min(abs(s.start - tok.i), abs(s.end - tok.i)))

    return min(inside, key=rank)._.place


def _where_said(tok: Token) -> bool:
    """A place in a prepositional phrase of a reporting verb ("told reporters in Geneva")."""
    prep = tok.head if tok.dep_ == "pobj" else None
    while prep is not None and prep.dep_ == "pobj":  # "in the capital, Baku"
        prep = prep.head
    if prep is None or prep.dep_ != "prep":
        return False
    verb = prep.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in load_attribution_lexicon().reporting_verbs


def fallback_date(published: datetime | None) -> DateRef:
    if published is None:
        return DateRef(date=None, precision="unknown", fallback=True)
    return DateRef(date=published.date().isoformat(), precision="day", fallback=True)


# --------------------------------------------------------------------------- the component


@dataclass
class _Draft:
    span: Span
    trigger: Trigger
    owner: Span | None  # an attributing trigger this one is embedded in


def is_standing_refusal(tok: Token, rules: AssemblyRules) -> bool:
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & rules.refusal_aux) or tok.tag_ in rules.refusal_tags or (
        any(c.lemma_ == "do" and c.tag_ in rules.refusal_tags for c in tok.children))


def _standing_reject(tok: Token, rules: AssemblyRules) -> bool:
    """A rejection stated as a standing one: "will never accept", "cannot agree", "does not accept",
    "refuses to cede" (a present refusal with its own infinitive). "Rejected the proposal" and
    the headline's "rejects the plan" are one act of rejecting."""
    kids = list(tok.children)
    if any(c.dep_ in ("neg", "advmod") and c.lower_ in rules.standing_adverbs for c in kids):
        return True
    if any(c.dep_ == "neg" for c in kids) and is_standing_refusal(tok, rules):
        return True
    if {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")} & rules.refusal_aux:
        return True
    return tok.tag_ in rules.refusal_tags and any(c.dep_ == "xcomp" for c in kids)


def assemble(doc: Doc) -> list[Event]:
    rules = load_rules()
    index = ActorIndex(doc)
    sentences = list(doc.sents)
    furniture = furniture_tokens(doc)  # captions, headings, link lists: no events, no dates to inherit
    dates = [s for s in doc.spans.get("dates", []) if s._.date is not None]
    in_dates = {i for d in dates for i in range(d.start, d.end)}  # "March 16": a month, not a march
    triggers = [s for s in doc.spans.get("triggers", [])
                if s._.trigger is not None and s.start not in furniture and not _in_a_name(s, rules)
                and s.root.i not in in_dates]
    places = [s for s in doc.spans.get("places", []) if s._.place is not None]
    quants = [s for s in doc.spans.get("quantities", []) if s._.quantity is not None]
    events: list[Event] = []
    last_day: DateRef | None = None
    index.sides = main_sides(doc, index)
    for sent in sentences:
        in_sent = [s for s in triggers if sent.start <= s.start < sent.end]
        drafts = _keep(in_sent, rules)
        sent_dates = [s for s in dates if sent.start <= s.start < sent.end]
        sent_places = [s for s in places if sent.start <= s.start < sent.end]
        sent_quants = [s for s in quants if sent.start <= s.start < sent.end]
        made = [_build(doc, sent, d, index, rules, sent_dates, sent_places, sent_quants, last_day,
                       sentences, drafts) for d in drafts]
        made = [_the_agreement_of(e, d, events, rules) for e, d in zip(made, drafts)]
        made, drafts = _with_consequences(made, drafts, rules)
        if made:
            best = max(range(len(made)), key=lambda i: (drafts[i].trigger.salience, -drafts[i].span.start))
            made[best] = made[best].model_copy(update={"primary": True})
        events.extend(made)
        explicit = [s._.date for s in sent_dates
                    if s._.date.precision == "day" and s._.date.relation == "on" and s._.date.date
                    and furniture.isdisjoint(range(s.start, s.end))  # a caption's date is another day's
                    and not _in_relative_clause(s)  # "fighting, which broke out on 27 September, ..."
                    and not in_future_clause(s)]  # "would stop firing on Wednesday": not the story's day
        if explicit and not _flashback(explicit[-1], last_day):
            last_day = explicit[-1]
    return events


def _consequence_of(d: _Draft, other: _Draft, rules: AssemblyRules) -> bool:
    """`d` tells what `other` did to people ("struck six sites, killing 26"; "were killed when a
    shell hit"; "killed 22 and wounded 124"): one attack, told with its toll, not two."""
    a, b = d.span.root, other.span.root
    if d.trigger.event != other.trigger.event or d.trigger.event not in rules.consequence_types:
        return False
    if a.lemma_.lower() not in rules.casualty_lemmas:
        return False
    linked = (a.head.i == b.i and a.dep_ in ("advcl", "conj")) or (b.head.i == a.i and b.dep_ == "advcl")
    if not linked:
        return False
    # of two tolls joined by "and", the first stands for both
    return b.lemma_.lower() not in rules.casualty_lemmas or (a.dep_ == "conj" and a.head.i == b.i)


def _with_consequences(made: list[Event], drafts: list[_Draft], rules: AssemblyRules
                       ) -> tuple[list[Event], list[_Draft]]:
    """Fold each toll into the attack it belongs to: the attack keeps its own participants, place and
    counts, and takes the toll's where it has none."""
    keep = list(range(len(made)))
    for i in sorted(keep, key=lambda k: -drafts[k].span.root.i):  # "killing nine and wounding twenty"
        d = drafts[i]
        j = next((j for j in keep if j != i and made[j].modality == made[i].modality
                  and _consequence_of(d, drafts[j], rules)), None)
        if j is None:
            continue
        keep.remove(i)
        lost, into = made[i], made[j]
        raws = {q.raw for q in into.quantities}
        made[j] = into.model_copy(update={
            "actor": into.actor or lost.actor, "recipient": into.recipient or lost.recipient,
            "event_loc": into.event_loc or lost.event_loc,
            "quantities": [*into.quantities, *(q for q in lost.quantities if q.raw not in raws)],
            "size": {**lost.size, **into.size}})
    return [made[k] for k in keep], [drafts[k] for k in keep]


#: A day told this long before the story's day is background the next sentences do not inherit.
FLASHBACK_DAYS = 14


def _flashback(day: DateRef, story_day: DateRef | None) -> bool:
    """"He was seized on 28 October" in a story of his release on 9 November: the sentences after it
    go on with the story's day, not the background one."""
    if story_day is None or not story_day.date or not day.date:
        return False
    try:
        gap = (datetime.fromisoformat(story_day.date) - datetime.fromisoformat(day.date)).days
    except ValueError:
        return False
    return gap >= FLASHBACK_DAYS


def _the_agreement_of(event: Event, draft: _Draft, earlier: list[Event], rules: AssemblyRules) -> Event:
    """"The truce is to take effect on Thursday": an agreement named with "the" and no party of
    its own is the one the report last said two sides agreed to or signed; its parties are theirs."""
    tok = draft.span.root
    if (event.actor or not _is_nominal(draft.span) or tok.lemma_.lower() not in rules.agreement_nouns
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
        return event
    for prior in reversed(earlier[-rules.agreement_lookback:]):
        named = f"{prior.object or ''} {prior.evidence.trigger}".lower()
        parties = dedupe([*prior.actor, *prior.recipient])
        if (prior.event in rules.agreeing_types and len({p.code for p in parties} - {"UNK"}) >= 2
                and any(w in named for w in rules.agreement_nouns)):  # both sides, not "the AU welcomed it"
            return event.model_copy(update={"actor": parties, "recipient": []})
    return event


def _keep(spans: list[Span], rules: AssemblyRules) -> list[_Draft]:
    """Drop triggers absorbed as the object of another; note attributing owners."""
    drafts = []
    objects = {other.root.i: _object_ids(other.root, rules) for other in spans}
    handed_over: set[int] = set()  # proposals recorded as the event they propose
    for span in spans:
        for other in spans:
            if (other.root.i != span.root.i and span.root.i in objects[other.root.i]
                    and _is_proposal(other, rules) and not _is_proposal(span, rules)):
                handed_over.add(other.root.i)
    for span in spans:
        owner = None
        absorbed = span.root.i in handed_over
        for other in spans:
            if other.root.i == span.root.i or span.root.i not in objects[other.root.i]:
                continue
            kind = other._.trigger.event
            if other.root.i in handed_over:
                continue
            if kind in rules.absorbing and not _is_red_line(span, rules):
                absorbed = True
            elif kind in rules.attributing:
                owner = other
        # an apposition repeating a trigger of the same type adds nothing
        if span.root.dep_ == "appos" and any(
            o.root.i == span.root.head.i and o._.trigger.event == span._.trigger.event for o in spans
        ):
            absorbed = True
        if absorbed or _in_condition_clause(span.root, rules) or _purpose_clause(span.root, spans):
            continue
        if owner is not None and (span.root.lemma_ in rules.violation_lemmas
                                  or (_is_nominal(span) and span._.trigger.event == owner._.trigger.event)):
            continue  # the accusation's content, kept as its object; "a charge X denied" names it again
        drafts.append(_Draft(span, span._.trigger, owner))
    mentions = {id(d) for d in drafts if _is_mention(d, spans, handed_over, objects, rules)}
    if any(id(d) not in mentions and not _timing_only(d, rules) for d in drafts):
        # a verb mention (a clause that only times another event) is dropped only beside an event
        # the sentence reports as happening; a noun merely named beside another trigger is no event
        # either; alone in its sentence it is what the sentence reports ("clashes in the north"),
        # unless it is a bare reference ("the deal", below)
        drafts = [d for d in drafts if id(d) not in mentions]
    elif len(drafts) > 1:
        drafts = [d for d in drafts if id(d) not in mentions or not _is_nominal(d.span)
                  or (QUADS[d.trigger.event] in MATERIAL_QUADS and _names_its_agent(d.span.root))]
    elif drafts and id(drafts[0]) in mentions and _is_nominal(drafts[0].span) \
            and drafts[0].trigger.mode in rules.standing_modes and drafts[0].span.root.sent.root.pos_ in ("VERB", "AUX"):
        drafts = []  # "the group was celebrating the ceasefire": a truce named in a clause about something else
    return [d for d in drafts if not _is_reference(d, id(d) in mentions, rules)
            and not _is_background(d.span.root, rules, d.trigger.event) and not _abstained(d.span.root, rules)
            and not _other_sense(d.span.root, d.trigger.event, rules)
            and not (_is_nominal(d.span) and _verbless(d.span.root.sent) and "\n" in d.span.doc.text.strip())]


def _object_ids(tok: Token, rules: AssemblyRules) -> set[int]:
    """The tokens of `tok`'s object, less an "after"/"before" phrase its noun carries: "vowed a
    response after accusing the junta of breaking the truce" vows no accusation."""
    heads = object_tokens(tok, rules)
    cut = {t.i for h in heads for c in h.subtree
           if c.dep_ == "prep" and c.lower_ in rules.time_clause_marks and c.head.pos_ == "NOUN" and c.head.i == h.i
           for t in c.subtree}
    return subtree_ids(heads) - cut


def _purpose_clause(tok: Token, spans: list[Span]) -> bool:
    """"pulled out of the city to avoid fighting in its streets": what an event is done for is not
    a second event. (After a verb that is no event, "came to Jeddah to discuss a truce", the
    purpose is what the sentence reports.)"""
    cur = tok
    for _ in range(3):  # "to avoid fighting": the trigger may be what the purpose verb governs
        if cur.dep_ not in ("xcomp", "dobj", "pobj", "prep", "pcomp") or cur.head.i == cur.i:
            break
        cur = cur.head
    return (cur.dep_ == "advcl" and cur.pos_ == "VERB" and any(s.root.i == cur.head.i for s in spans)
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children))


def _abstained(tok: Token, rules: AssemblyRules) -> bool:
    """An act a side refrains from: "shall cease and desist from carrying out offensives",
    "refrained from attacking" (the refraining is the event, when it is one)."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pcomp" and cur.head.lower_ == "from" or cur.dep_ == "pobj" and cur.head.lower_ == "from":
            verb = cur.head.head
            if verb.lemma_.lower() in rules.abstention_verbs or any(
                    c.dep_ == "conj" and c.lemma_.lower() in rules.abstention_verbs for c in verb.children) or (
                    verb.dep_ == "conj" and verb.head.lemma_.lower() in rules.abstention_verbs):
                return True
        if cur.dep_ not in ("dobj", "xcomp", "compound", "amod", "conj") or cur.head is cur:
            break
        cur = cur.head
    return False


def _verbless(sent: Span) -> bool:
    """A fragment with no verb ("The government's lead delegate to the talks"): on a page (a text of
    several lines) a noun in it names something, it reports nothing happening; a text of one line is
    what it reports ("Heavy clashes in the north")."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _is_reference(d: _Draft, mentioned: bool, rules: AssemblyRules) -> bool:
    """'the war', 'the deal' named, not reported as happening (reference_nouns); a war as a whole
    is never one event of a report (background_nouns)."""
    tok = d.span.root
    if _is_nominal(d.span) and tok.lemma_.lower() in rules.background_nouns:
        return True
    if _is_nominal(d.span) and tok.dep_ == "pobj" and tok.head.lower_ in rules.setting_preps:
        return True  # "since Russian aggression", "amid the fighting", "despite calls for a truce"
    if _is_nominal(d.span) and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in rules.quality_nouns for g in c.children) for c in tok.children):
        return True  # "the demonstration of my firm desire for dialogue": a proof, not a protest
    return (mentioned and tok.lemma_.lower() in rules.reference_nouns
            and any(c.dep_ == "det" and c.lower_ in rules.reference_determiners or c.dep_ == "poss"
                    for c in tok.children))  # "its proposal", "Sarraj's proposal": known already


def _names_a_noun(tok: Token) -> bool:
    """A naming verb right after a noun that is not its subject: "militias, called the anti-balaka"
    (not "which separatists called a violation", where the noun before it is its subject)."""
    named = [c for c in tok.children if c.dep_ in ("oprd", "dobj") and c.i > tok.i]
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBN", "VBD") or len({c.dep_ for c in named}) != 1 \
            or any(c.pos_ == "PRON" for c in named) \
            or any(c.dep_ in ("prep", "prt") and c.i == tok.i + 1 for c in tok.children):
        # "phone calls", "called on Thursday for a halt", ", calling it a violation", and two
        # objects: "called Britain's ambassador a very stupid guy" calls someone something
        return False
    left = tok.i - 1
    if left >= 0 and tok.doc[left].text == ",":
        left -= 1
    if left < 0 or tok.doc[left].pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return True
    # a subject parsed onto it: still a name when a proper name follows ("groups called the CPC")
    nxt = tok.i + 2 if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "the" else tok.i + 1
    return (nxt < len(tok.doc) and tok.doc[nxt].pos_ == "PROPN" and named[0].pos_ == "PROPN"
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i == left for c in tok.children))


def _other_sense(tok: Token, event: str, rules: AssemblyRules) -> bool:
    """A trigger word used in a sense that is no event (other_senses in assembly.yaml)."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in rules.object_only_nouns:
        return tok.dep_ not in ("dobj", "dative")  # "the deadline passed": a schedule, no threat
    if (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ == "for"
            and tok.head.head.lemma_.lower() in rules.responsibility_nouns):
        claim = tok.head.head.head
        # "has not claimed responsibility for the attack", "no group has claimed responsibility": the
        # attack is told elsewhere; an unclaimed act is no act of anyone's
        return any(c.dep_ == "neg" for c in claim.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children) for c in claim.children)
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in rules.showing_verbs and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return True  # "the blast demonstrated the continued use of mines"
    if event in rules.threat_types and (
            any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in rules.inanimate_subjects for c in tok.children)
            or (any(c.dep_ == "nsubjpass" for c in tok.children)
                and any(c.dep_ == "prep" and c.lower_ in rules.threat_passive_preps for c in tok.children))):
        return True  # "the deal is threatened with collapse", "the incident threatens to erode trust"
    if event in rules.silence_types and any(c.dep_ == "xcomp" and c.lemma_.lower() in rules.silence_verbs
                                            for c in tok.children):
        return True  # "declined to comment", "refused to confirm the date"
    if (event in rules.force_types and lemma not in rules.violation_lemmas and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in rules.abstract_patients for c in tok.children)):
        return True  # "its viability is severely damaged", "the shelling hurt the talks"
    if (lemma in rules.question_verbs and tok.tag_ == "VBN" and tok.dep_ == "advcl"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return True  # "Asked when the troops would leave, he gave no date"
    return False


def _is_background(tok: Token, rules: AssemblyRules, event: str) -> bool:
    """A verb whose subject is a document or the war itself, or in a clause describing a person or
    a thing (but "a truce brokered by Qatar" says who mediated: kept)."""
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in rules.document_subjects for c in tok.children):
        return True
    if tok.pos_ == "VERB" and tok.dep_ == "pcomp" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "WP" for c in tok.children):
        return True  # "against what he had agreed with Putin", "contrary to what was agreed": a deal recalled
    if tok.pos_ == "VERB" and event in rules.toll_types and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in rules.background_nouns for c in tok.children):
        return True  # "the war has displaced a million people": the setting's toll
    lemma = tok.lemma_.lower()
    if event in rules.standing_relation_types and tok.pos_ in ("VERB", "AUX") and (
            (tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in tok.children))
            or (lemma == "have" and tok.tag_ in ("VBZ", "VBP")) or _backs_a_party(tok)):
        return True  # "the GNA is supported by Turkey", "Haftar has the backing of the UAE": the setting
    if lemma in rules.document_verbs and any(c.dep_ == "nsubj" and c.lemma_.lower() in rules.agreement_nouns
                                             for c in tok.children):
        return True  # "the ceasefire provides an immediate halt to hostilities": its terms
    if lemma in rules.naming_verbs and _names_a_noun(tok):
        return True  # "militias, called the anti-balaka", "a coalition of groups called the CPC"
    if _purpose_of_a_noun(tok, rules):
        return True  # "a truce designed to end the fighting": what the truce is for, not an act
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in rules.anonymity_verbs and any(
            g.dep_ == "neg" for g in c.children) for c in tok.children):
        return True  # "a fighter, who asked not to be named, said ...": no request of anyone
    inverted = tok.i > 0 and tok.doc[tok.i - 1].text in (",", '"', "\u201d")
    if lemma in rules.speech_senses and any(
            c.dep_ == "ccomp" or (inverted and c.dep_ in ("dobj", "nsubj") and c.pos_ == "PROPN" and c.i > tok.i)
            for c in tok.children):
        return True  # "..., recalled Touadera": he said it, he recalled no envoy
    cur = tok
    for _ in range(3):  # "the pact specified that 5,000 prisoners will be released": its terms
        if cur.dep_ not in ("ccomp", "xcomp") or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in rules.document_verbs and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in rules.document_subjects for c in cur.children):
            return True
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and tok.head.lemma_.lower() in rules.content_nouns:
        return True  # "an opportunity to restart talks": what the noun holds, not an act
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in rules.describing_clauses \
            or tok.lemma_.lower() in rules.mediation_lemmas:
        return False
    head = tok.head
    if head.ent_type_ == "PERSON" or (tok.dep_ == "relcl" and head.pos_ == "PROPN"):
        return True
    # "the declaration signed on 11 May", not "a declaration demanding that ..."
    return tok.tag_ == "VBN" and head.lemma_.lower() in rules.document_subjects | rules.reference_nouns


def _backs_a_party(tok: Token) -> bool:
    """"Turkey backs the GNA": a present-tense verb whose object is a party (not "supports the idea of a
    truce", a stance on a proposal)."""
    if tok.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    actors = {i for s in tok.doc.spans.get("actors", []) for i in range(s.start, s.end)}
    return any(c.dep_ == "dobj" and c.i in actors for c in tok.children)


def _purpose_of_a_noun(tok: Token, rules: AssemblyRules) -> bool:
    """The trigger (or the verb whose object it is) is the purpose a participle gives a noun: "a
    truce designed to end the fighting", "a ceasefire intended to end deadly border clashes",
    "talks aimed at ending the war"."""
    verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj") else tok
    for _ in range(2):
        if verb.dep_ in ("xcomp", "pcomp", "pobj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    if verb.pos_ == "ADP":  # "aimed at ending": through the preposition
        verb = verb.head
    return (verb.dep_ == "acl" and verb.lemma_.lower() in rules.purpose_participles
            and verb.head.pos_ in ("NOUN", "PROPN"))


def _is_mention(d: _Draft, spans: list[Span], handed_over: set[int], objects: dict[int, set[int]],
                rules: AssemblyRules) -> bool:
    """A trigger named inside another statement, not reported as happening: a noun not said to
    happen, a verb in a clause that only times another event, a participle describing a noun."""
    alleged = (d.owner is not None and QUADS[d.trigger.event] >= 3  # "accused X of attacks", not "of the truce"
               and not (_is_nominal(d.span) and d.owner.root.lemma_.lower() in rules.condemning_lemmas))
    governed = alleged or any(o.root.i in handed_over and d.span.root.i in objects[o.root.i] for o in spans)
    if governed:
        return False
    tok = d.span.root
    if _is_nominal(d.span):
        # "since the ceasefire took effect": happening, but only to time another event
        # "after the truce expired": its end is news of its own, timing or not
        return not _nominal_happens(d.span, spans, rules) or (
            tok.dep_ in ("nsubj", "nsubjpass") and _in_time_clause(tok.head, rules)
            and tok.head.lemma_.lower() not in rules.ending_lemmas)
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and tok.head.pos_ in ("NOUN", "PRON") \
            and tok.lemma_.lower() not in rules.mediation_lemmas:
        return True
    if (tok.dep_ == "relcl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" and QUADS[d.trigger.event] == 4
            and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)):
        return True  # "leave the territory it has illegally occupied": force that describes a place is no news
    if d.trigger.event == "ACCUSE" and tok.tag_ == "VBG" and not any(c.dep_.startswith("nsubj") for c in tok.children):
        return False  # "vowed a response after accusing the junta of breaking the truce": the charge is news too
    return _in_time_clause(tok, rules)


def _names_its_agent(tok: Token) -> bool:
    """A noun with its doer in a 'by' phrase: "torture by guards", "shelling by the army"."""
    return any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children)
               for c in tok.children)


def _in_time_clause(tok: Token, rules: AssemblyRules) -> bool:
    """In an 'after/since/before ...' clause or phrase that times the sentence's main event."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("advcl", "pcomp") and (
                any(c.dep_ in ("mark", "prep") and c.lower_ in rules.time_clause_marks for c in cur.children)
                or (cur.dep_ == "pcomp" and cur.head.lower_ in rules.time_clause_marks)):
            return True
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "conj", "advcl", "pcomp"):
            return False
        cur = cur.head
    return False


def _in_a_name(span: Span, rules: AssemblyRules) -> bool:
    """A capitalised word of a named entity ("Government of National Accord", "Peace Council")."""
    tok = span.root
    return (tok.ent_type_ in rules.name_entity_labels and tok.text[:1].isupper()
            and tok.i > tok.sent.start and not tok.is_sent_start)


def _timing_only(d: _Draft, rules: AssemblyRules) -> bool:
    """A noun event kept only because it names the time of another ("during the summit")."""
    tok = d.span.root
    return _is_nominal(d.span) and tok.dep_ == "pobj" and tok.head.lower_ in rules.nominal_time_preps


def _is_nominal(span: Span) -> bool:
    return span.root.pos_ in ("NOUN", "PROPN")


def _nominal_happens(span: Span, spans: list[Span], rules: AssemblyRules) -> bool:
    """A noun trigger the sentence says happens (see nominal_* in assembly.yaml)."""
    tok = span.root
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "strikes and shelling killed ...": the first conjunct decides
    measured = (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN"
                and tok.head.head.lemma_.lower() in rules.nominal_measures)
    if measured:
        tok = tok.head.head  # "wrapped up three days of talks": the measure stands for the talks
    head = tok.head
    if tok.dep_ == "ROOT" or head.i == tok.i:
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in rules.nominal_causes:
        return True  # "died as a result of torture": the cause happened
    if tok.dep_ in ("nsubj", "nsubjpass"):
        for _ in range(3):  # "the truce is due to take effect", "talks are expected to resume"
            nxt = [c for c in head.children if c.dep_ in ("xcomp", "acomp")]
            if not nxt:
                break
            head = next((c for c in nxt[0].children if c.dep_ == "xcomp"), nxt[0]) \
                if nxt[0].dep_ == "acomp" else nxt[0]
    verb_trigger = any(o.root.i == head.i and o._.trigger.event == span._.trigger.event for o in spans)
    phrasal = rules.nominal_subject_phrasal.get(head.lemma_, ())
    if tok.dep_ in ("nsubj", "nsubjpass") and (_is_verb(head, rules.nominal_subject_verbs) or any(
            c.dep_ in ("prep", "dobj") and c.lower_ in phrasal for c in head.children)):
        return not verb_trigger  # "an Israeli strike killed ...": the verb is the event
    if tok.dep_ == "attr" and head.lemma_ == "be":
        return True  # "there were clashes"
    if tok.dep_ == "dobj" and _is_verb(head, rules.nominal_light_verbs):
        return True
    naming = head.head if tok.dep_ == "pobj" and head.lower_ == "as" else head
    if (span._.trigger.event in rules.nominal_naming_types and naming.lemma_ in rules.nominal_naming_verbs
            and tok.dep_ in ("dobj", "oprd", "attr", "xcomp", "pobj")):
        return True  # "called the strike a violation", "regards the attack as a war crime"
    if tok.dep_ == "pobj" and head.lower_ in rules.nominal_state_preps and _is_verb(head.head, rules.nominal_state_verbs):
        return True  # "came under attack", "was put under investigation"
    if (tok.dep_ == "pobj" and head.lower_ in rules.nominal_travel_preps and span._.trigger.event in rules.nominal_time_types
            and _is_verb(head.head, rules.nominal_travel_verbs)):
        return True  # "flew to Cairo for talks", "was due in Israel for talks": the talks are the news
    if tok.dep_ == "pobj" and head.lower_ in rules.nominal_during_preps \
            and span._.trigger.mode not in rules.standing_modes:
        return True  # "threw stones during demonstrations": what went on while it happened
    # "after talks in Jeddah, the army agreed": a meeting that times a verb's event happened; one that
    # describes a person or thing ("the negotiator in the peace talks", "progress in the talks") is named
    # "after ten months of negotiations": how long it took, the background of what came; "remains
    # engaged in peace negotiations": a state, not a meeting
    return (tok.dep_ == "pobj" and head.lower_ in rules.nominal_time_preps
            and span._.trigger.event in rules.nominal_time_types
            and not (measured and tok.lemma_.lower() in rules.duration_units)
            and head.head.lemma_.lower() not in rules.engagement_words
            and (head.head.pos_ in ("VERB", "AUX") or head.head.i == head.i))


def _in_condition_clause(tok: Token, rules: AssemblyRules) -> bool:
    """Inside the "if"/"unless" clause of another statement."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.condition_marks
                                       for c in cur.children):
            return True
        cur = cur.head
    return False


def _is_proposal(span: Span, rules: AssemblyRules) -> bool:
    return span._.trigger.cue in rules.proposal_cues or span.root.lemma_ in rules.proposal_cues


def _is_red_line(span: Span, rules: AssemblyRules) -> bool:
    """A standing refusal ("Kyiv will not recognise ...") is its own statement,
    even when the parse hangs it under a demand."""
    if span._.trigger.event == "REJECT" and any(c.dep_ == "nsubj" for c in span.root.children):
        return True
    cue: ModalityCue | None = span._.modality
    return (cue is not None and cue.value in (Modality.negated, Modality.refused)
            and span._.trigger.event in rules.refusal_to_reject and is_standing_refusal(span.root, rules))


def _build(doc, sent, draft: _Draft, index: ActorIndex, rules: AssemblyRules, sent_dates,
           sent_places, sent_quants, last_day, sentences, drafts) -> Event:
    span, trig = draft.span, draft.trigger
    tok = span.root
    objs = object_tokens(tok, rules)
    obj_ids = subtree_ids(objs)
    for q in sent_quants:  # "release 23 wounded soldiers" parsed with 23 as the object
        if q.start in obj_ids:
            obj_ids |= set(range(q.start, q.end))
    actor, recipient = _participants(doc, sent, draft, index, rules, objs, obj_ids, sentences)

    cue: ModalityCue = span._.modality or ModalityCue()
    modality, condition = cue.value, cue.condition
    if _is_proposal(span, rules) and modality == Modality.asserted:
        modality = Modality.proposed
    event, mode = trig.event, trig.mode
    if event == "RETREAT" and mode == "ceasefire" and tok.dep_ == "xcomp" and tok.head.lemma_ in rules.declaring_verbs:
        event, mode = "CONCEDE", None  # "ordered its units to halt offensive operations": declaring a ceasefire
    obj_text = phrase(objs)
    if obj_text is None and tok.pos_ in ("NOUN", "PROPN"):  # a nominal event names itself
        obj_text = doc[tok.left_edge.i : tok.right_edge.i + 1].text
    standing = (event == "REJECT" and _standing_reject(tok, rules)) or (
        event == "AGREE" and trig.cue.startswith(OFFER_PREFIX))  # "willing to talk": an offer
    if (modality in (Modality.negated, Modality.refused) and event in rules.refusal_to_reject
            and is_standing_refusal(tok, rules)):
        standing = True
        obj_text = doc[tok.i : (max(obj_ids) + 1 if obj_ids else tok.i + 1)].text
        event, mode, modality = "REJECT", rules.refusal_to_reject[event], Modality.asserted
        recipient = recipient or index.within(obj_ids)

    attribution: Attribution = span._.attribution or Attribution()
    if draft.owner is not None and not attribution.speaker:
        owner_actor, _ = _participants(doc, sent, _Draft(draft.owner, draft.owner._.trigger, None), index,
                                       rules, object_tokens(draft.owner.root, rules),
                                       subtree_ids(object_tokens(draft.owner.root, rules)), sentences)
        attribution = attribution.model_copy(update={
            "speaker": owner_actor, "speaker_text": owner_actor[0].entity_text if owner_actor else None,
            "cue": draft.owner.text})
    if not actor and attribution.speaker and _first_person(tok, rules):
        actor = list(attribution.speaker)  # '"We will not extend the truce," the spokesman said'
    if (not actor and recipient and attribution.speaker and _is_nominal(span)
            and tok.lemma_.lower() in rules.violation_nouns):
        actor = [a for a in attribution.speaker if a not in recipient]  # "officials said Israel's breaches ..."
    committed = (not _is_nominal(span) and tok.lemma_.lower() in rules.violation_doing_verbs and bool(obj_text)
                 and any(w in obj_text.lower().split() for w in rules.violation_nouns) and bool(actor)
                 and not {a.code for a in actor} & {a.code for a in attribution.speaker})
    if (attribution.speaker and (tok.lemma_ in rules.violation_lemmas or committed)
            and (committed or (obj_text and any(w in obj_text.lower() for w in rules.agreement_nouns))
                 or (_is_nominal(span) and tok.lemma_.lower() in rules.violation_nouns and modality == Modality.asserted
                     and actor and not {a.code for a in actor} & {a.code for a in attribution.speaker}))
            and modality not in (Modality.hypothetical, Modality.predicted, Modality.negated)):
        # "X said Y had violated the truce": X accuses Y; the claim is X's own act ("X said any
        # presence would be a breach" warns: no accusation)
        event, mode, modality = "ACCUSE", "allege", Modality.asserted
        actor, recipient = list(attribution.speaker), ([a for a in actor if a not in attribution.speaker]
                                                        or [r for r in recipient if r not in attribution.speaker])
        attribution = attribution.model_copy(update={"speaker": [], "speaker_text": None})
    elif event == "ACCUSE" and tok.lemma_ in rules.violation_lemmas and not _is_nominal(span) and not draft.owner:
        # "Assad's forces had violated the agreement", an outlet reports: the subject broke it, it is
        # the accused; no party here accuses
        actor, recipient = [], dedupe([*actor, *recipient])
    if doc._.outlet and doc._.outlet not in attribution.outlets:
        attribution = attribution.model_copy(update={"outlets": [*attribution.outlets, doc._.outlet]})

    scope = subtree_ids([tok]) | obj_ids
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "the talks began on Monday": the verb's time is the noun's
        verbs = frontier = [tok.head]  # ... and "the truce is due to take effect on Monday": its complement's
        for _ in range(3):
            frontier = [c for v in frontier for c in v.children if c.dep_ in ("xcomp", "acomp")]
            verbs = verbs + frontier
        scope |= subtree_ids([c for v in verbs for c in v.children if c.dep_ in ("prep", "npadvmod", "advmod")])
    date = _date(tok, scope, sent_dates, last_day, doc._.published, modality, rules, bool(doc._.published_fallback))
    if modality == Modality.asserted and (_long_before(date, doc._.published, doc._.published_fallback)
                                          or _in_an_old_story(tok, date, sent_dates, doc)):
        modality = Modality.historical  # "had reached an agreement in 2016" in a 2019 report: background
    terms = _terms(tok, scope, sent_dates, rules, doc._.published)
    sponsors = _sponsors(doc, obj_ids, rules)
    place = pick_place([p for p in sent_places if p.start not in sponsors], tok, scope)
    recipient = recipient or _implied_recipient(event, actor, place, obj_ids, doc, sent, index, rules, sentences)
    quantities: list[Quantity] = [q._.quantity for q in sent_quants if q.start in scope] or (
        [q._.quantity for q in sent_quants] if len(drafts) == 1 else [])
    size = {q.size_field: q.value for q in quantities if q.size_field} if QUADS[event] == 4 else {}
    recipient_sectors = [r.sector for r in recipient if r.sector]
    conf = confidence_for(attribution, cue) * trig.confidence
    return Event(
        id=Event.make_id(doc._.article_id or "", span.start_char, event),
        event=event, mode=mode, context=list(trig.context),
        actor=actor, recipient=recipient if recipient == actor else [r for r in recipient if r not in actor],
        object=obj_text, date=date, terms=terms, event_loc=place, size=size, quantities=quantities,
        modality=modality, condition=condition, standing=standing, attribution=attribution,
        cameo=cameo_for(event, mode, trig.context, modality.value, obj_text),
        acled=acled_for(event, mode, trig.context, recipient_sectors, sent.text),
        confidence=round(conf, 3), primary=False,
        evidence=Evidence(article_id=doc._.article_id or "", sentence=sent.text,
                          sentence_start=sent.start_char, sentence_end=sent.end_char,
                          trigger_start=span.start_char, trigger_end=span.end_char, trigger=span.text),
    )


def _accused_heads(owner: Token, act: Token, rules: AssemblyRules) -> list[Token]:
    """Whom an accusation charges with the act it names: its object ("accused the army of ..."), or,
    where that object is the act itself or a gesture, the one after `accused_preps` ("blamed the
    attack on the ELN", "pointed the finger at the army for ...")."""
    objs = [c for c in owner.children if c.dep_ in ("dobj", "nsubjpass")]
    named = _pp_objects(owner, rules.accused_preps)
    if not named and act.dep_ == "dobj" and act.head.i == owner.i:
        named = _pp_objects(act, rules.accused_preps)  # "blamed [the attack on the ELN]", as parsed
    if named and any(o.i == act.i or o.lemma_.lower() in rules.accusation_gestures for o in objs):
        return named
    return [o for o in objs if o.i != act.i]


def _pp_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _implied_recipient(event: str, actor: list[ActorRef], place: Place | None, obj_ids: set[int], doc, sent,
                       index: ActorIndex, rules: AssemblyRules, sentences) -> list[ActorRef]:
    """A recipient the words imply: "urged the parties" (the parties named together before);
    an attack on a place in another country (that country)."""
    obj_text = " ".join(doc[i].lower_ for i in sorted(obj_ids))
    if obj_text:
        parties = collective_parties(sent, obj_text, index, rules, sentences)
        if parties:
            return parties
    if event in rules.located_recipient_types and place is not None and place.country_code \
            and place.country_code not in {a.code for a in actor}:
        return [ActorRef(code=place.country_code, entity_text=place.raw, entity_name=place.name, kind="state")]
    codes_ = {a.code for a in actor}
    if event == "ACCUSE" and obj_text and not any(w in obj_text for w in rules.agreement_nouns):
        return []  # "accused international institutions of ...": the accused is named, and not a side
    if event in rules.opponent_types and len(index.sides) == 2 and len(codes_) == 1 and codes_ <= set(index.sides):
        # a report of one war: one side's attack or threat with no target named is aimed at the other
        (other,) = [c for c in index.sides if c not in codes_]
        return [index.sides[other]]
    if (event in rules.third_party_types and len(index.sides) == 2 and codes_ and _outsiders(actor, index.brokers)
            and not codes_ & set(index.sides) and not any(i in index.by_token for i in obj_ids)):
        # "the envoy urged restraint", "the AU welcomed the declaration": a third party's call or
        # praise with no one named is addressed to the report's two sides
        return list(index.sides.values())
    return []


def _outsider(ref: ActorRef, brokers: frozenset[str] = frozenset()) -> bool:
    """An actor that stands outside a war: an international body, a usual mediator (ledger.yaml
    `mediators`) or one its page names as a go-between (`brokers`)."""
    from detente.knowledge.ledger import knowledge

    return ref.sector in ("IGO", "NGO") or ref.code in knowledge().mediators or ref.code in brokers


def _outsiders(actor: list[ActorRef], brokers: frozenset[str] = frozenset()) -> bool:
    return all(_outsider(a, brokers) for a in actor)


def main_sides(doc: Doc, index: ActorIndex) -> dict[str, ActorRef]:
    """The two sides a report is about: the two actors (not unknown, not an IGO or NGO, not a usual
    mediator: ledger.yaml `mediators`) it names most
    often, each at least twice and the second at least half as often as the first; else none."""
    from collections import Counter

    refs: dict[str, ActorRef] = {}
    counts: Counter[str] = Counter()
    for span in {id(s): s for s in index.by_token.values()}.values():
        ref = span._.actor
        if ref.code == "UNK" or _outsider(ref, index.brokers):
            continue
        counts[ref.code] += 1
        if ref.code not in refs or ref.kind == "state":
            refs[ref.code] = ref
    top = counts.most_common(3)
    if len(top) < 2 or top[1][1] < 2 or 2 * top[1][1] < top[0][1] or (len(top) == 3 and top[2][1] == top[1][1]):
        return {}
    return {code: refs[code] for code, _ in top[:2]}


def _participants(doc, sent, draft: _Draft, index: ActorIndex, rules: AssemblyRules, objs, obj_ids,
                  sentences) -> tuple[list[ActorRef], list[ActorRef]]:
    tok = draft.span.root
    nominal = draft.trigger.nominal or tok.pos_ in ("NOUN", "PROPN")
    own = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    by_agent = [g for c in tok.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for g in c.children if g.dep_ == "pobj"]
    rec_heads = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in rules.recipient_preps
                 for g in c.children if g.dep_ == "pobj"]
    rec_heads += [c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")]
    owner_objs = _accused_heads(draft.owner.root, tok, rules) if draft.owner is not None else []
    rec_heads = [h for h in rec_heads if h not in owner_objs]  # "blamed the attack on X": X did it
    if nominal and tok.lemma_.lower() in rules.violation_nouns and draft.owner is None:
        # "Lebanon listed 100 Israeli violations", "raise Israel's breaches": the one who breaks
        # the truce is accused; whoever lists or raises them (else the speaker, later) accuses
        accused = index.for_heads(by_agent) or index.for_heads(own)
        if not accused and tok.dep_ == "attr" and tok.head.lemma_ == "be":
            # "the shelling was a breach", "use of weapons by X, which is a clear violation": what is
            # called a violation is the accused's act; the speaker accuses (below)
            subj, _ = subject_of(tok.head, rules)
            doers = [g for h in subj for c in h.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                     for g in c.children if g.dep_ == "pobj"] + [c for h in subj for c in h.children if c.dep_ == "poss"]
            return [], index.for_heads(doers) or index.for_heads(subj)
        if accused:
            subj, _ = subject_of(tok, rules)
            accuser = [a for a in index.for_heads([h for h in subj if h.i != tok.i]) if a not in accused]
            return accuser, accused
    if nominal:
        actor = index.for_heads(by_agent) or index.for_heads(own) or index.for_heads(owner_objs)
        if not actor and not (tok.dep_ == "dobj" and tok.head.lemma_ in rules.nominal_naming_verbs):
            # (who "regards the attack as a war crime" names it; it is not the attacker)
            subj, _ = subject_of(tok, rules, stop_at_verb=True)
            actor = index.for_heads(subj)
        recipient = index.for_heads(rec_heads)
        between = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in rules.between_preps
                   for g in c.children if g.dep_ == "pobj"]
        if between:  # "a ceasefire between Israel and Hezbollah" (proposed by someone else or not)
            # "between A, B and C" is often parsed with B as the trigger's apposition
            listed = index.for_heads(between + [c for c in tok.children
                                                if c.dep_ == "appos" and c.i > between[0].i])
            if not actor or {a.code for a in actor} <= {a.code for a in listed}:
                actor = listed or actor
        if draft.trigger.event == "CONSULT":  # a meeting's parties all go in actor
            actor, recipient = dedupe([*actor, *recipient]), []
    else:
        subj, passive = subject_of(tok, rules)
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children)
        if owner_objs and not own_subject:
            # "X accused the army of attacking ...": the accused did it, never the accuser
            actor = index.for_heads(owner_objs)
        else:
            actor = (_coordinated_speakers(subj, tok, index) or index.for_heads(subj)
                     or index.in_phrase(subj, rules.subject_skip_preps))
        if not actor and _is_statement(subj, sent, sentences, rules):
            actor = _statement_author(sent, sentences, index, rules)  # "The statement accused the army"
        inside = _named_within(index.within(obj_ids - _located(doc, obj_ids, rules)))
        direct = index.for_heads(rec_heads)
        if (draft.trigger.event in rules.demand_types and direct and all(r.code == UNKNOWN_CODE for r in direct)
                and any(r.code != UNKNOWN_CODE for r in inside)):
            direct = inside  # "demanded the release of all hostages held by Hamas": Hamas, not the hostages
        recipient = index.for_heads(passive) or direct or inside
        if tok.dep_ == "conj" and {a.code for a in actor} & {r.code for r in recipient}:
            actor = index.for_heads(enclosing_clause_subject(tok, rules)) or actor
    subj_text = " ".join(t.lower_ for h in subject_of(tok, rules)[0] for t in h.subtree)
    if subj_text and len(actor) <= 1:  # "South Sudan's warring parties" are both of its sides
        both = collective_parties(sent, subj_text, index, rules, sentences)
        actor = both if {a.code for a in actor} <= {b.code for b in both} else actor
    obj_text = " ".join(doc[i].lower_ for i in sorted(obj_ids))
    if any(r in obj_text for r in rules.reciprocal_objects):  # "accused each other"
        return actor, list(actor)
    if nominal and tok.dep_ == "dobj" and tok.head.lemma_.lower() in rules.reciprocal_verbs and len(actor) > 1:
        return actor, list(actor)  # "Tbilisi and Moscow traded accusations": each accuses the other
    return actor, [r for r in recipient if r.code not in {a.code for a in actor} - {UNKNOWN_CODE}]


def _is_statement(subj: list[Token], sent: Span, sentences: list[Span], rules: AssemblyRules) -> bool:
    """The subject is a side's statement: "the statement", or "it" after a sentence about one."""
    if any(h.lemma_.lower() in rules.statement_subjects for h in subj):
        return True
    if not any(h.lower_ == "it" for h in subj):
        return False
    before = [x for x in sentences if x.end <= sent.start]
    return bool(before) and any(h.lemma_.lower() in rules.statement_subjects
                                for h in subject_of(before[-1].root, rules)[0])


def _statement_author(sent: Span, sentences: list[Span], index: ActorIndex, rules: AssemblyRules) -> list[ActorRef]:
    """Who issued the statement a sentence cites: the subject of the nearest sentence (this one or up to
    three before) that mentions a statement with a subject of its own ("In a statement, the AFC said ...")."""
    before = [x for x in sentences if x.start <= sent.start][-4:]
    for x in reversed(before):
        if not any(t.lemma_.lower() in rules.statement_subjects for t in x):
            continue
        subj = [h for h in subject_of(x.root, rules)[0] if h.lemma_.lower() not in rules.statement_subjects]
        found = index.for_heads(subj) or index.in_phrase(subj)
        if found:
            return found
    return []


def _first_person(tok: Token, rules: AssemblyRules) -> bool:
    """Whether the trigger's subject is the speaker ("I", "we", "our forces"): quoted words
    whose actor is whoever is quoted."""
    subj, _ = subject_of(tok, rules)
    return any(h.lower_ in rules.first_person or any(c.dep_ == "poss" and c.lower_ in rules.first_person
                                                      for c in h.children) for h in subj)


def _located(doc, ids: set[int], rules: AssemblyRules) -> set[int]:
    """Tokens of `ids` inside a place phrase ("signed a deal in the Ethiopian capital", "talks in
    neighbouring Ethiopia"): where something happened names no recipient; nor does a sponsor
    ("an EU-brokered truce")."""
    located = {t.i for i in ids if doc[i].dep_ == "prep" and doc[i].lower_ in rules.locative_preps
               for t in doc[i].subtree}
    return located | _sponsors(doc, ids, rules)


def _sponsors(doc, ids: set[int], rules: AssemblyRules) -> set[int]:
    """Tokens of `ids` naming a sponsor ("breaking an EU-brokered truce", "attacked US-backed
    forces"): neither the recipient nor the place of what is done."""
    return {t.i for i in ids if doc[i].dep_ == "amod" and doc[i].lower_ in rules.sponsor_participles
            for t in doc[i].subtree}


#: Events that have not happened take a date only from a phrase of their own.
_UNDATED_MODALITIES = (Modality.predicted, Modality.intended, Modality.hypothetical)


def _date(tok: Token, scope: set[int], sent_dates: list[Span], last_day: DateRef | None,
          published: datetime | None, modality: Modality, rules: AssemblyRules,
          published_fallback: bool = False) -> DateRef:
    running = _running_since(tok, sent_dates)
    if running is not None:  # "shelling has killed 41 civilians since 27 September": a running total
        return running._.date
    if modality != Modality.historical:  # "over the past three years" dates no present act
        sent_dates = [s for s in sent_dates if s._.date.relation != "since"]
    # "agreed to extend the truce until 3 June": an end or deadline, not when it happened
    sent_dates = [s for s in sent_dates if s._.date.relation != "until"]
    sent_dates = [s for s in sent_dates if not _in_own_clause(s, tok, rules.term_verbs)]
    sent_dates = [s for s in sent_dates if not _names_a_thing(s) and not _owned_by_another(s, tok)
                  and not _times_another_clause(s, tok, rules)]
    inside = [s for s in sent_dates if s.start in scope]
    if modality in _UNDATED_MODALITIES and not inside:  # "will meet again soon": not on any known day
        return DateRef(date=None, precision="unknown")
    chosen = nearest(inside or sent_dates, tok)
    if chosen is not None:
        return chosen._.date
    if modality == Modality.historical:  # background with no date of its own: not the publication day
        return DateRef(date=None, precision="unknown", fallback=True)
    if last_day is not None:
        before = days_before_that(tok.sent.text)
        if before and last_day.date:  # "A day earlier, the army had announced ...": the day before that day
            shifted = (datetime.fromisoformat(last_day.date) - timedelta(days=before[0])).date().isoformat()
            return last_day.model_copy(update={"date": shifted, "raw": before[1], "inherited": True})
        # no expression of its own governs it: the day the story last named, flagged as a fallback
        return last_day.model_copy(update={"inherited": True, "fallback": True})
    if published_fallback:
        # an undated page: the file's time is no day of the event; its day is unknown
        return DateRef(date=None, precision="unknown", fallback=True)
    return fallback_date(published)  # flagged: the day of the report


#: An event its own words date this many days or more before its report is background.
BACKGROUND_DAYS = 365


def _in_an_old_story(tok: Token, date: DateRef, sent_dates: list[Span], doc: Doc) -> bool:
    """A past verb with no date of its own in a sentence whose dates all lie a year or more back:
    background ("stayed from 1982 until May 2000, when they withdrew")."""
    return ((date.fallback or date.inherited) and tok.tag_ in ("VBD", "VBN") and bool(sent_dates)
            and all(_long_before(s._.date, doc._.published, doc._.published_fallback) for s in sent_dates))


def _long_before(d: DateRef, published: datetime | None, published_fallback: bool) -> bool:
    """Whether the event's own date (not a fallback or inherited one) ends a year or more before the
    report's publication (an undated page has no publication to measure from)."""
    if not d.date or d.fallback or d.inherited or published is None or published_fallback:
        return False
    span = date_span(d.date)
    if span is not None and d.precision == "year" and d.relation == "on" and span[1].year < published.year:
        return True  # "last year", "in early 2019" in a 2020 report: told only by its year, history
    return span is not None and (published.date() - span[1]).days >= BACKGROUND_DAYS


def _names_a_thing(span: Span) -> bool:
    """A year that is part of a noun's name ("a 2002 ceasefire", "the 2015 peace agreement") dates that
    thing, not the event."""
    return len(span) == 1 and span._.date.precision == "year" and names_a_thing(span.root)


def _times_another_clause(span: Span, trigger: Token, rules: AssemblyRules) -> bool:
    """A date inside an "after"/"since"/"before" clause of another verb dates that clause ("attacked a
    post after the truce began on 3 May", "shelled villages after China brokered the truce in
    mid-January"), not the trigger outside it."""
    tok = span.root
    while tok.head.i != tok.i and tok.i != trigger.i:
        marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in _APART_MARKS]
        if tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and marks:
            # "soon after the truce began at noon", "hours after": the same day
            near = any(c.dep_ in ("advmod", "npadvmod") and c.i < marks[0].i for c in tok.children)
            return not near and trigger.i not in {t.i for t in tok.subtree}
        tok = tok.head
    return False


#: Marks of a clause whose time is apart from its head's ("after", not "when" or "as"; "since"
#: clauses date a running total).
_APART_MARKS = frozenset({"after", "before", "following", "until"})


def _owned_by_another(span: Span, trigger: Token) -> bool:
    """A possessive date dates the noun it owns ("is violating last week's ceasefire deal",
    "January's truce"), not another trigger of its sentence; but it dates what its subject did
    ("Sunday's attack killed four")."""
    root = span.root
    return root.dep_ == "poss" and root.head.i != trigger.i and root.head.dep_ not in ("nsubj", "nsubjpass")


#: A relative clause on what the trigger is about ("accepted a plan for a truce that begins on
#: Saturday") has a time of its own; one on where or how it happened ("at a meeting that ended on
#: 22 December") times the trigger too.
_CONTENT_EDGES = ("dobj", "pobj", "prep", "compound", "amod", "appos", "conj")
_CONTENT_PREPS = ("for", "of", "on", "to", "about", "over")


def _terms(tok: Token, scope: set[int], sent_dates: list[Span], rules: AssemblyRules,
           published: datetime | None) -> list[TermDate]:
    """Start and end dates the trigger's own phrase sets for what it is about: an end or deadline
    ("until 3 June"), or a date in a clause of a term verb ("starting Friday", "that begins on
    Saturday", "lasting until Sunday"); a bare weekday there is the coming one unless its verb
    is past ("the truce that began on Monday")."""
    out: list[TermDate] = []
    for s in sent_dates:
        ref = s._.date
        if s.start not in scope or not ref.date or ref.precision != "day":
            continue
        verb = _term_verb(s, tok, rules)
        kind = "end" if ref.relation == "until" else (
            None if verb is None else "start" if verb.lemma_.lower() in rules.start_verbs else "end")
        if kind is None:
            continue
        if verb is not None and verb.tag_ not in ("VBD", "VBN"):
            ref = upcoming(ref, s.text, published)
        out.append(TermDate(kind=kind, date=ref))
    return out


def _term_verb(span: Span, trigger: Token, rules: AssemblyRules) -> Token | None:
    """The term verb between a date and the trigger ("starting", "begins", "lasting"), if any."""
    cur = span.root
    while cur.i != trigger.i and cur.head.i != cur.i:
        if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in rules.term_verbs:
            return cur
        cur = cur.head
    return None


def _running_since(tok: Token, sent_dates: list[Span]) -> Span | None:
    """The "since" date of a running total: a present-perfect verb counted since a day ("shelling has
    killed 41 civilians and wounded 200 since 27 September"); its date keeps relation "since"."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in head.children):
        return None
    inside = {t.i for t in head.subtree}
    return next((s for s in sent_dates if s._.date.relation == "since" and s.root.i in inside), None)


def _in_relative_clause(span: Span) -> bool:
    """Whether a date phrase sits in a relative clause ("the war, which began on 27 September"):
    background about a thing named, not the day the next sentences tell of."""
    tok = span.root
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return True
        tok = tok.head
    return False


def _in_own_clause(span: Span, trigger: Token, term_verbs: frozenset[str]) -> bool:
    """Whether a date phrase sits in a relative or participle clause on the trigger's object
    ("a truce that begins on Saturday", "a truce starting Tuesday", "a plan announced on Monday"),
    or in a participle that sets a term after the trigger ("agreed to a truce starting Friday")."""
    tok = span.root
    while tok.i != trigger.i and tok.head.i != tok.i:
        if tok.i > trigger.i and tok.tag_ == "VBG" and tok.lemma_.lower() in term_verbs:
            return True
        if tok.dep_ in ("relcl", "acl"):
            return _is_content(tok.head, trigger)
        tok = tok.head
    return False


def _is_content(noun: Token, trigger: Token) -> bool:
    tok = noun
    while tok.i != trigger.i:
        if tok.dep_ not in _CONTENT_EDGES or (tok.dep_ == "prep" and tok.lower_ not in _CONTENT_PREPS) \
                or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


@Language.factory(
    "detente_events",
    default_config={"keep_background": False},
    requires=["doc.spans", "token.dep", "token.lemma"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str, keep_background: bool):
    """`keep_background`: also code background clauses (modality historical: "the war that began in
    2023"); by default they are not events of the report, only context."""
    def detente_events(doc: Doc) -> Doc:
        events = assemble(doc)
        if not keep_background:
            events = [e for e in events if e.modality != Modality.historical]
        doc._.events = events
        return doc

    return detente_events
