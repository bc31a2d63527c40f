"""Load and check src/detente/data/ingest.yaml: extension map, language knobs, stopwords.

The knowledge lives in YAML so it can be edited without touching code; this
module is its one loader and validates its shape (E402 when the file is invalid).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


from detente.datafiles import read_yaml
from detente.errors import DetenteError

FORMATS = ("text", "html", "feed", "json", "jsonl")


@dataclass(frozen=True)
class IngestKnowledge:
    version: int
    extension_format: dict[str, str]
    unsupported_extensions: frozenset[str]
    min_words: int
    short_text_other_prob: float
    short_text_min_latin: float
    sample_chars: int
    english_like: frozenset[str]
    english_stopwords: frozenset[str]
    folder_skip: tuple[str, ...] = ()
    #: "Title: ...", "Date: ..." header lines of a plain-text export: field name (lower case) -> Draft field
    header_fields: dict[str, str] = field(default_factory=dict)
    #: a page's own date line: how many lines from the top are read, and the words it may hold
    date_line_lines: int = 15
    date_line_words: tuple[str, ...] = ()


def _fail(reason: str) -> DetenteError:
    return DetenteError("E402", f"data/ingest.yaml: {reason}", file="ingest.yaml")


def parse_knowledge(data: Any) -> IngestKnowledge:
    """Validate the parsed YAML and turn it into an IngestKnowledge (E402 if malformed)."""
    if not isinstance(data, dict):
        raise _fail("top level must be a mapping")
    for key in ("version", "extensions", "unsupported_extensions", "language", "english_stopwords"):
        if key not in data:
            raise _fail(f"missing key {key!r}")
    if not isinstance(data["version"], int):
        raise _fail("'version' must be an integer")
    exts = data["extensions"]
    if not isinstance(exts, dict) or set(exts) - set(FORMATS):
        raise _fail(f"'extensions' must map some of {FORMATS} to lists")
    mapping: dict[str, str] = {}
    for fmt, items in exts.items():
        if not isinstance(items, list) or not all(isinstance(e, str) for e in items):
            raise _fail(f"extensions.{fmt} must be a list of strings")
        for ext in items:
            if ext and not ext.startswith("."):
                raise _fail(f"extension {ext!r} must start with a dot")
            if ext.lower() in mapping:
                raise _fail(f"extension {ext!r} listed twice")
            mapping[ext.lower()] = fmt
    unsupported = data["unsupported_extensions"]
    if not isinstance(unsupported, list) or not all(isinstance(e, str) and e.startswith(".") for e in unsupported):
        raise _fail("'unsupported_extensions' must be a list of '.ext' strings")
    if set(e.lower() for e in unsupported) & set(mapping):
        raise _fail("an extension is both supported and unsupported")
    lang = data["language"]
    if not isinstance(lang, dict):
        raise _fail("'language' must be a mapping")
    try:
        min_words = int(lang["min_words"])
        other = float(lang["short_text_other_prob"])
        latin = float(lang["short_text_min_latin"])
        sample = int(lang["sample_chars"])
        like = lang.get("english_like", [])
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(f"'language' section: {exc}") from exc
    if not isinstance(like, list) or not all(isinstance(x, str) for x in like):
        raise _fail("language.english_like must be a list of language codes")
    if not (0 <= other <= 1 and 0 <= latin <= 1 and min_words > 0 and sample > 0):
        raise _fail("'language' values out of range")
    words = data["english_stopwords"]
    if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
        raise _fail("'english_stopwords' must be a non-empty list of strings")
    return IngestKnowledge(
        version=data["version"],
        extension_format=mapping,
        unsupported_extensions=frozenset(e.lower() for e in unsupported),
        min_words=min_words,
        short_text_other_prob=other,
        short_text_min_latin=latin,
        sample_chars=sample,
        english_like=frozenset(["en", *like]),
        english_stopwords=frozenset(w.lower() for w in words),
        folder_skip=tuple(_string_list(data.get("folder_skip", []), "folder_skip")),
        header_fields=_header_fields(data.get("header_fields", {})),
        date_line_lines=_date_line(data).get("lines", 15),
        date_line_words=tuple(_string_list(_date_line(data).get("words", []), "date_line.words")),
    )


def _date_line(data: dict) -> dict:
    value = data.get("date_line", {})
    if not isinstance(value, dict) or not isinstance(value.get("lines", 15), int):
        raise _fail("'date_line' must map 'lines' to a whole number and 'words' to a list of words")
    return value


#: The Draft fields a header line may fill.
HEADER_TARGETS = ("title", "published", "outlet", "url", "author")


def _header_fields(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) - set(HEADER_TARGETS):
        raise _fail(f"'header_fields' must map some of {HEADER_TARGETS} to lists of field names")
    return {name.lower(): target for target, names in value.items()
            for name in _string_list(names, f"header_fields.{target}")}


def _string_list(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise _fail(f"'{key}' must be a list of strings")
    return value


@lru_cache(maxsize=1)
def load_knowledge() -> IngestKnowledge:
    """The packaged ingest knowledge, loaded once."""
    return parse_knowledge(read_yaml("ingest.yaml"))
