"""The annotation contract between detente's spaCy components.

Doc-level (set by `detente.nlp.pipeline.analyse` before the components run):
    doc._.article_id : str
    doc._.published  : datetime | None     publication time of the article
    doc._.published_fallback : bool        True when that time is a fallback (an undated input)
    doc._.outlet     : str | None          the outlet that published it
    doc._.date_anchor : date | None        on an undated page, the latest day its prose names in full
                                           (set by detente_dates; undated events fall back to it)

Span groups, each span carrying one typed record (detente.records):
    doc.spans["actors"]      span._.actor      : ActorRef      (detente_actors)
    doc.spans["dates"]       span._.date       : DateRef       (detente_dates)
    doc.spans["places"]      span._.place      : Place         (detente_places)
    doc.spans["quantities"]  span._.quantity   : Quantity      (detente_quantities)
    doc.spans["triggers"]    span._.trigger    : Trigger       (detente_triggers)
                             span._.modality   : ModalityCue   (detente_modality)
                             span._.attribution: Attribution   (detente_attribution)

`doc._.events : list[Event]` is set last, by detente_events, from all of the above.
Span extension values live in doc.user_data keyed by the span's offsets, so a
value set on a span in one component is visible from the same span in the next.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc, Span

from detente.records import Modality


class Trigger(BaseModel):
    """A word or phrase that signals a PLOVER event (from data/triggers.yaml)."""

    model_config = ConfigDict(frozen=True)

    event: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cue: str = Field(description="lexicon entry that matched (lemma or phrase)")
    nominal: bool = Field(False, description="a noun trigger ('ceasefire', 'strike')")
    salience: float = Field(0.0, description="higher = more likely the sentence's main event")
    source: str = Field("lexicon", description="lexicon | classifier")
    confidence: float = 1.0


class ModalityCue(BaseModel):
    """The modality of one trigger, with the words that decided it."""

    model_config = ConfigDict(frozen=True)

    value: Modality = Modality.asserted
    cue: str | None = None
    condition: str | None = None


_DOC_EXT = {"article_id": None, "published": None, "published_fallback": False, "outlet": None, "events": None,
            "date_anchor": None}
_SPAN_EXT = ("actor", "date", "place", "quantity", "trigger", "modality", "attribution")


def register_extensions() -> None:
    """Idempotent: register every extension the components use."""
    for name, default in _DOC_EXT.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in _SPAN_EXT:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register_extensions()
