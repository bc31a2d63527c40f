"""detente_lines: a line break ends a sentence.

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


@Language.component("detente_lines", assigns=["token.is_sent_start"])
def detente_lines(doc: Doc) -> Doc:
    starts = line_starts(doc)
    for i in starts:
        doc[i].is_sent_start = True
    return doc
