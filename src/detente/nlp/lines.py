"""detente_lines: a line break ends a sentence, and so does a dateline; a possessive never starts one.

News text carries headings and one-line paragraphs ("Delaying", "Putin put
forward the conditions") that the parser would otherwise glue to the next
sentence, spoiling its parse. Runs before the parser, which keeps preset
sentence starts.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def line_starts(doc: Doc) -> list[int]:
    """Indices of tokens that begin a new line (after a whitespace token holding a newline)."""
    return [i for i in range(1, len(doc))
            if not doc[i].is_space and doc[i - 1].is_space and "\n" in doc[i - 1].text]


def dateline_ends(doc: Doc, starts: list[int]) -> list[int]:
    """Tokens right after a dateline opening a line ("GOMA (Wire) — The rebels ..."): the report
    starts there, so the parser does not hang the sentence on the place it was filed from."""
    from detente.nlp.page import DATELINE, DATELINE_DATED

    out = []
    for i in [0, *starts]:
        if i < len(doc) and (found := DATELINE.match(doc.text, doc[i].idx)
                              or DATELINE_DATED.match(doc.text, doc[i].idx)) is not None:
            j = next((t.i for t in doc[i:] if t.idx >= found.end()), None)
            if j is not None:
                out.append(j)
    return out


@Language.component("detente_lines", requires=["token.tag"], assigns=["token.is_sent_start"])
def detente_lines(doc: Doc) -> Doc:
    starts = line_starts(doc)
    opening = set(starts + dateline_ends(doc, starts))
    for i in opening:
        doc[i].is_sent_start = True
    for tok in doc:
        # "Libya’s warring factions ...": a possessive and what it owns never start a sentence
        if tok.tag_ == "POS" and tok.i > 0:
            for j in (tok.i, tok.i + 1):
                if j < len(doc) and j not in opening and not doc[j].is_space:
                    doc[j].is_sent_start = False
    return doc
