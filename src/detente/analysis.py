"""Analyse and store a batch of articles so that no one article can take the batch down.

    analyse_each(articles, nlp, batch_size, on_failure) -> Iterator[(Article, ArticleAnalysis)]
    store_each(store, article, analysis, on_failure)     -> bool   stored now
    analyse_in_pieces(article, nlp, limit)              -> ArticleAnalysis

A text longer than PIECE_CHARS (or than spaCy's `nlp.max_length`, whichever is
smaller) is analysed in pieces cut at a paragraph break, else a line break,
else a sentence end, else a space; the sentences, mentions and events of each
piece are shifted by the piece's start, so every offset is an offset into the
whole article text, as for an article analysed in one go.  (Texts longer than
the `max_chars` setting never get here: ingest rejects them with E108.)

The batch goes through spaCy together; when that fails, each article is
analysed alone, and an article that still fails, or cannot be stored, becomes
one E113 problem (`on_failure`) while the rest of the batch goes on.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from sqlalchemy.exc import OperationalError
from spacy.language import Language

from detente.errors import DetenteError
from detente.nlp import pipeline
from detente.records import Article, ArticleAnalysis, Event, IngestProblem
from detente.store.base import Store

#: longest text analysed in one piece: every realistic news article fits whole
PIECE_CHARS = 50_000

FailureFn = Callable[[IngestProblem], None]
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+")
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), _SENTENCE_END, re.compile(r"\s+"))


def piece_limit(nlp: Language) -> int:
    """The longest piece analysed in one go."""
    return max(1, min(PIECE_CHARS, nlp.max_length - 1))


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `limit` characters long.

    A piece ends after the last paragraph break it holds, else the last line break,
    sentence end or space (a hard cut where there is none); the blank space after
    a cut stays with the piece before it, as spaCy keeps it with the sentence before."""
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        if n - start <= limit:
            bounds.append((start, n))
            break
        window = text[start:start + limit]
        end = start + limit
        for cut in _CUTS:
            found = [m for m in cut.finditer(window) if m.start() > 0]
            if found:
                end = start + found[-1].end()
                break
        bounds.append((start, end))
        start = end
    return bounds


def _shift(analysis: ArticleAnalysis, offset: int, article_id: str) -> ArticleAnalysis:
    """The analysis of a piece starting at `offset`, with offsets into the whole text."""
    if not offset:
        return analysis
    mentions = [m.model_copy(update={"start": m.start + offset, "end": m.end + offset}) for m in analysis.mentions]
    events = []
    for ev in analysis.events:
        e = ev.evidence
        evidence = e.model_copy(update={"sentence_start": e.sentence_start + offset,
                                        "sentence_end": e.sentence_end + offset,
                                        "trigger_start": e.trigger_start + offset,
                                        "trigger_end": e.trigger_end + offset})
        events.append(ev.model_copy(update={"evidence": evidence,
                                            "id": Event.make_id(article_id, evidence.trigger_start, ev.event)}))
    return analysis.model_copy(update={"sentences": [(s + offset, e + offset) for s, e in analysis.sentences],
                                       "mentions": mentions, "events": events})


def analyse_in_pieces(article: Article, nlp: Language, limit: int | None = None) -> ArticleAnalysis:
    """One analysis of a long article, made piece by piece (see the module docstring)."""
    limit = limit or piece_limit(nlp)
    sentences, mentions, events = [], [], []
    for start, end in piece_bounds(article.text, limit):
        piece = article.model_copy(update={"text": article.text[start:end]})
        (found,) = pipeline.analyse([piece], nlp, 1)
        found = _shift(found, start, article.id)
        sentences += found.sentences
        mentions += found.mentions
        events += found.events
    return ArticleAnalysis(article_id=article.id, sentences=sentences, mentions=mentions, events=events)


def _analyse_one(article: Article, nlp: Language) -> ArticleAnalysis:
    if len(article.text) > piece_limit(nlp):
        return analyse_in_pieces(article, nlp)
    (found,) = pipeline.analyse([article], nlp, 1)
    return found


def _failure(article: Article, what: str, exc: BaseException) -> IngestProblem:
    detail = " ".join(str(exc).split())[:300]
    return IngestProblem(source=article.source_path or article.id, code="E113",
                         reason=f"the article could not be {what} ({type(exc).__name__}: {detail}); "
                                "the rest of the batch goes on")


def analyse_each(articles: list[Article], nlp: Language, batch_size: int,
                 on_failure: FailureFn) -> Iterator[tuple[Article, ArticleAnalysis]]:
    """(article, analysis) for each article that could be analysed, in order; each other one to `on_failure`."""
    limit = piece_limit(nlp)
    whole = [a for a in articles if len(a.text) <= limit]
    done: dict[int, ArticleAnalysis] = {}
    try:
        for article, found in zip(whole, pipeline.analyse(whole, nlp, batch_size)):
            done[id(article)] = found
    except DetenteError:
        raise  # the pipeline itself is missing or broken: that concerns the whole run
    except Exception:  # noqa: BLE001  one article broke the shared batch: analyse the rest one by one
        pass
    for article in articles:
        found = done.get(id(article))
        if found is None:
            try:
                found = _analyse_one(article, nlp)
            except DetenteError:
                raise
            except Exception as exc:  # noqa: BLE001  this article only
                on_failure(_failure(article, "analysed", exc))
                continue
        yield article, found


def store_each(store: Store, article: Article, analysis: ArticleAnalysis, on_failure: FailureFn) -> bool:
    """store.save(article, analysis); an article that cannot be stored goes to `on_failure` (False).

    A database that cannot be written at all (locked, full, read-only) still stops the run."""
    try:
        return store.save(article, analysis)
    except (DetenteError, OperationalError):
        raise
    except Exception as exc:  # noqa: BLE001  this article only
        on_failure(_failure(article, "stored", exc))
        return False
