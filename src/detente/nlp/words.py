"""Regular English inflections, for where the small model's lemmatizer slips
("staged" -> "stag", "hoped" -> "hop"): lexicon entries are matched on their forms too."""

from __future__ import annotations

from collections.abc import Iterable


def forms_of(lemma: str) -> set[str]:
    """The lemma and its regular inflections: hope -> hopes, hoped, hoping."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", stem + "ed", stem + "ing", lemma + "d" if lemma.endswith("e") else lemma + "ed"}


def inflected(lemmas: Iterable[str]) -> frozenset[str]:
    """The lemmas with their regular inflections."""
    return frozenset(f for w in lemmas for f in forms_of(w))


def base_of(word: str, lemmas: Iterable[str]) -> str | None:
    """The lemma among `lemmas` of which `word` is a regular form, or None."""
    return next((w for w in lemmas if " " not in w and word in forms_of(w)), None)
