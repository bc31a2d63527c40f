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

This module registers the spaCy component; the code lives in the package
`detente.nlp.assembly`: `rules` (AssemblyRules, load_rules), `syntax`
(dependency-tree helpers), `filters` (step 1: what is not an event), `parties`
(step 2), `timing` (step 3: date, terms, place) and `build` (`assemble`, steps
4 and 5). The names below are re-exported so that `from detente.nlp.events
import assemble` (and the other public names) keep working.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.nlp.assembly.build import assemble
from detente.nlp.assembly.filters import is_standing_refusal
from detente.nlp.assembly.parties import ActorIndex, collective_parties, dedupe, main_sides
from detente.nlp.assembly.rules import MATERIAL_QUADS, AssemblyRules, load_rules
from detente.nlp.assembly.syntax import (
    enclosing_clause_subject,
    object_tokens,
    phrase,
    subject_of,
    subtree_ids,
    with_conjuncts,
)
from detente.nlp.assembly.timing import BACKGROUND_DAYS, FLASHBACK_DAYS, fallback_date, nearest, pick_place
from detente.records import Modality

__all__ = [
    "BACKGROUND_DAYS",
    "FLASHBACK_DAYS",
    "MATERIAL_QUADS",
    "ActorIndex",
    "AssemblyRules",
    "assemble",
    "collective_parties",
    "dedupe",
    "enclosing_clause_subject",
    "fallback_date",
    "is_standing_refusal",
    "load_rules",
    "main_sides",
    "make_events",
    "nearest",
    "object_tokens",
    "phrase",
    "pick_place",
    "subject_of",
    "subtree_ids",
    "with_conjuncts",
]


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
