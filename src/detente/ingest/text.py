"""Plain-text articles, with or without the dated header some news sites export.

Two header layouts are read.  Field lines, ended by a blank line (the field
names are data: ingest.yaml `header_fields`)::

    Title: Truce talks resume
    Date: 2023-05-21
    Source: Horn Wire
    URL: https://...

A headline, then field lines (a saved page), the text right after::

    Truce talks resume
    Published: 21 May 2023

Dated header (three lines, then the article)::

    <title>
    <category>- DD.MM.YYYY, HH:MM        e.g. "16- 19.03.2025, 15:16", "World- 19.03.2025, 15:16"
    - <views>                            e.g. "- 32,604" (optional)

The header carries no zone, so the time is read in settings.default_tz (kept
simple and explicit rather than guessing the site's country).  The title is not
part of Article.text; metadata["text_offset"] says where the text starts in the
file, so offsets into Article.text can be mapped back onto the file.  Without a
header, the first line becomes the title when it is short and has no closing
punctuation, and the text is the whole input (the guessed headline stays in
the text, since the guess may be wrong).
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from detente.ingest.build import Draft
from detente.ingest.dates import parse_published
from detente.ingest.knowledge import load_knowledge
from detente.ingest.problems import Reject

HEADER_DATE = re.compile(r"^\s*(?P<cat>[^\W\d_][\w &'/.]{0,39}?|\d+)?\s*-\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}),?\s+"
                         r"(?P<H>\d{1,2}):(?P<M>\d{2})\s*$")
HEADER_VIEWS = re.compile(r"^\s*-\s*(?P<views>\d{1,3}(?:[,. \u00a0]\d{3})*|\d+)\s*$")
TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200
_CLOSERS = ".!?;:,…"
FIELD_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z ]{0,30}?)\s*:\s*(?P<value>.*?)\s*$")


def _field_lines(lines: list[str]) -> tuple[dict[str, str], int]:
    """The known "Field: value" lines `lines` open with: (Draft field -> value, lines used)."""
    known = load_knowledge().header_fields
    values: dict[str, str] = {}
    used = 0
    for line in lines:
        m = FIELD_LINE.match(line)
        if not m or m["name"].lower() not in known:
            break
        values.setdefault(known[m["name"].lower()], m["value"])
        used += 1
    return values, used


def parse_fields(lines: list[str], zone: tzinfo) -> tuple[Draft | None, int]:
    """(draft without text, lines used) when `lines` open with two or more known "Field: value"
    lines, one of them a title or a date, ended by a blank line; else (None, 0)."""
    values, used = _field_lines(lines)
    if used < 2 or used >= len(lines) or lines[used].strip() or not ({"title", "published"} & set(values)):
        return None, 0
    draft = Draft(text="", title=values.get("title") or None, outlet=values.get("outlet") or None,
                  url=values.get("url") or None, author=values.get("author") or None,
                  published=parse_published(values.get("published"), zone), metadata={"layout": "field-header"})
    return draft, used + 1


def parse_titled_fields(lines: list[str], zone: tzinfo) -> tuple[Draft | None, int]:
    """A headline line, then "Field: value" lines with a publication date ("Published: 11 January 2020"),
    as pages saved from a browser or a search tool look; the text follows, with or without a blank line."""
    if len(lines) < 3 or guess_title("\n".join(lines[:2])) is None or FIELD_LINE.match(lines[0]):
        return None, 0
    values, fields = _field_lines(lines[1:])
    used = 1 + fields
    published = parse_published(values.get("published"), zone) if values.get("published") else None
    if published is None or not "\n".join(lines[used:]).strip():
        return None, 0
    draft = Draft(text="", title=lines[0].strip(), outlet=values.get("outlet") or None,
                  url=values.get("url") or None, author=values.get("author") or None,
                  published=published, metadata={"layout": "titled-field-header"})
    return draft, used + (used < len(lines) and not lines[used].strip())


def parse_header(lines: list[str], zone: tzinfo) -> tuple[Draft | None, int]:
    """(draft without text, number of header lines) when `lines` start with the header, else (None, 0)."""
    if len(lines) < 2 or not lines[0].strip():
        return None, 0
    m = HEADER_DATE.match(lines[1])
    if not m:
        return None, 0
    try:
        published = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), tzinfo=zone)
    except ValueError:
        return None, 0  # "31.02.2025" is not a date: not this header after all
    metadata: dict[str, object] = {"layout": "dated-header"}
    if m["cat"]:
        metadata["category"] = m["cat"]
    used = 2
    if len(lines) > 2:
        v = HEADER_VIEWS.match(lines[2])
        if v:
            metadata["views"] = int(re.sub(r"\D", "", v["views"]))
            used = 3
    return Draft(text="", title=lines[0].strip(), published=published, metadata=metadata), used


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline (short, no final punctuation, more text follows)."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if not first or not rest.strip():
        return None
    if len(first) > TITLE_MAX_CHARS or len(first.split()) > TITLE_MAX_WORDS or first[-1] in _CLOSERS:
        return None
    return first


def read_text(text: str, zone: tzinfo) -> Draft:
    """A Draft from plain text (header layout or not); Reject E102 when no article text remains."""
    lines = text.split("\n")
    draft, used = parse_fields(lines, zone)
    if draft is None:
        draft, used = parse_titled_fields(lines, zone)
    if draft is None:
        draft, used = parse_header(lines, zone)
    if draft is not None:
        body = "\n".join(lines[used:])
        if not body.strip():
            kind = "field" if draft.metadata.get("layout") == "field-header" else "dated"
            raise Reject("E102", f"the file has the {kind} header but no article text after it")
        draft.text = body
        draft.offset = sum(len(line) + 1 for line in lines[:used])
        return draft
    return Draft(text=text, title=guess_title(text), offset=0)
