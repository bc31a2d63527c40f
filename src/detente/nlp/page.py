"""detente_page: the lines of a news page that are not the report itself.

Scraped pages carry photo captions, headings and headlines, bylines, "Read
more" link lists, share buttons and cookie notices between the sentences of a
report.  They are kept in the text (offsets stay true to the page), but each such
line becomes a span in `doc.spans["page"]` labelled with its kind, and
detente_events codes no event whose trigger lies inside one.  A dateline
("PRETORIA, South Africa (Wire) —", "Maputo (AFP) -") opening a paragraph is a span too: the
place a report was filed from is never an event's actor.  The cues are data:
src/detente/data/page.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from detente.datafiles import read_yaml

KINDS = ("caption", "link_list", "boilerplate", "byline", "heading")
#: also marked: "dateline", "terms" (the enumerated terms of a deal, under a line that introduces them),
#: and "repeat" (a line the page already printed: a headline or a teaser shown again above the story;
#: found within the text analysed at once, so a text over the pipeline's max_length, analysed in
#: pieces, finds repeats within each piece)
#: "PRETORIA, South Africa (Wire) — ...": the place and outlet a report was filed from, not its actors
DATELINE = re.compile(r"(?:[A-Z][A-Z'.-]+(?:[ /][A-Z][A-Z'.-]+)*)(?:,\s*[A-Z][\w'.-]+(?:\s[A-Z0-9][\w'.-]*){0,3})?"
                      r"(?:\s*\([^()\n]{1,40}\)\s*(?:\u2014|\u2013|--|-)|\s*(?:\u2014|\u2013|--))\s+")
#: "Bangkok, Oct 29 (AP/UNB) –", "Geneva, 23 October 2020 -": a title-case city is a dateline only
#: with a date and an agency, or a date with its year.
DATELINE_DATED = re.compile(r"[A-Z][a-z'.-]+(?:\s[A-Z][a-z'.-]+){0,2},\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                            r"(?:(?:,?\s*\d{4})?\s*\([^()\n]{1,40}\)|,?\s+\d{4})\s*(?:\u2014|\u2013|--|-|:)\s+")
_BULLET = re.compile(r"^[\s\-\u2013\u2014*\u2022\u00b7>\u203a#]+")


def agency_dateline(agencies: tuple[str, ...]) -> re.Pattern[str]:
    """"Maputo (AFP) -": a title-case city with a news agency in brackets (an acronym, or one of
    page.yaml's `dateline_agencies`), and no date."""
    names = "|".join(re.escape(a) for a in agencies)
    return re.compile(r"[A-Z][a-z'.-]+(?:\s[A-Z][a-z'.-]+){0,2}\s*\((?:[A-Z][A-Za-z]{0,3}[A-Z]" + (f"|{names}" if names else "")
                      + r")(?:/[A-Z][A-Za-z]+)?\)\s*(?:\u2014|\u2013|--|-|:)\s+")


@dataclass(frozen=True)
class PageCues:
    starts: dict[str, tuple[str, ...]]
    contains: dict[str, tuple[str, ...]]
    caption_max_words: int
    byline_max_words: int
    heading_max_words: int
    closers: tuple[str, ...]
    separators: tuple[str, ...]
    credit_words: tuple[str, ...]
    credit_max_words: int
    agency_dateline: re.Pattern[str]
    terms_introducers: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_page_cues() -> PageCues:
    data = read_yaml("page.yaml")
    return PageCues(
        starts={k: tuple(data[k].get("starts", ())) for k in KINDS if k != "heading"},
        contains={k: tuple(data[k].get("contains", ())) for k in KINDS if k != "heading"},
        caption_max_words=int(data["caption"]["max_words"]),
        byline_max_words=int(data["byline"]["max_words"]),
        heading_max_words=int(data["heading"]["max_words"]),
        closers=tuple(data["heading"]["closers"]),
        separators=tuple(data["heading"]["separators"]),
        credit_words=tuple(data["credit"]["words"]),
        credit_max_words=int(data["credit"]["max_words"]),
        agency_dateline=agency_dateline(tuple(data.get("dateline_agencies", ()))),
        terms_introducers=tuple(data["terms_list"]["introducers"]),
    )


#: A full date with its year ("June 23, 2013", "23 June 2013") ending a line.
_DATED_LINE = re.compile(r"(?:\b[A-Z][a-z]+\.? \d{1,2}, (?:19|20)\d\d|\b\d{1,2} [A-Z][a-z]+ (?:19|20)\d\d)\W*$")


#: ", Germany, January 19, 2020." ending a line: the place-comma-date of a picture agency's caption
#: (prose says "on January 19, 2020")
_CAPTION_DATE = re.compile(r", (?:[A-Z][a-z]+\.? \d{1,2}, (?:19|20)\d\d|\d{1,2} [A-Z][a-z]+ (?:19|20)\d\d)\.?\s*$")


def line_kind(line: str, cues: PageCues | None = None) -> str | None:
    """What a line of a page is when it is not report prose (a kind of KINDS), else None."""
    cues = cues or load_page_cues()
    text = _BULLET.sub("", line).strip()
    if not text:
        return None
    low = text.lower()
    words = len(text.split())
    for kind in ("link_list", "boilerplate", "caption"):
        if low.startswith(cues.starts[kind]):
            return kind
    if any(c in low for c in cues.contains["boilerplate"]):
        return "boilerplate"
    if words <= cues.caption_max_words and any(c in low for c in cues.contains["caption"]):
        return "caption"
    if (words <= cues.byline_max_words and low.startswith(cues.starts["byline"]) and text[3:4].isupper()
            and not text.endswith((".", "!", "?"))):
        return "byline"
    if words <= cues.caption_max_words and (not text.endswith(cues.closers) and _DATED_LINE.search(text)
                                            or _CAPTION_DATE.search(text)):
        # "A fighter stands guard in Kidal on June 23, 2013": a dated line with no full stop;
        # "Leaders meet in Berlin, Germany, January 19, 2020.": a picture agency's place and date
        return "caption"
    bare = text.strip("'\"\u2018\u2019\u201c\u201d") or text  # "'No go-between'" is a quoted heading
    if words <= cues.heading_max_words and not text.endswith(cues.closers) or (
            words <= cues.heading_max_words and bare != text and not bare.endswith(cues.closers)):
        return "heading"
    if any(sep in text for sep in cues.separators if sep != "/") and all(
            len(part.split()) <= 4 for part in re.split("|".join(map(re.escape, cues.separators)), text)):
        return "heading"
    return None


def _is_credit(line: str, cues: PageCues) -> bool:
    """A photo credit on a line of its own: "(Evan Vucci / Associated Press)", "(Photo: AFP)"."""
    text = line.strip()
    if not (text.startswith("(") and text.endswith(")")) or len(text.split()) > cues.credit_max_words:
        return False
    low = text.lower()
    return "/" in text or any(w in low for w in cues.credit_words)


#: "1) ", "(a) ", "a. ", "iv. ", "- ", "• ": an item of an enumerated list
_ENUMERATOR = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[).]|[-\u2013\u2022*])\s+\S")


def _introduces_terms(line: str, cues: PageCues) -> bool:
    """"Both sides agreed as follows:", "the key points of the joint statement are as follows:"."""
    low = line.strip().lower()
    return low.endswith(":") and any(c in low for c in cues.terms_introducers)


def _said_before(line: str) -> str:
    """A line's words, for telling a line printed twice: case, bullets, quotes and the closing
    stop do not matter."""
    text = _BULLET.sub("", line).strip().strip("'\"\u2018\u2019\u201c\u201d").rstrip(".!?:;")
    return " ".join(text.lower().split())


def page_lines(text: str, cues: PageCues | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every non-prose line of `text`, by character offsets."""
    cues = cues or load_page_cues()
    out = []
    pos = 0
    lines = text.split("\n")
    if sum(bool(line.strip()) for line in lines) < 2:
        return []  # a text of one line is a sentence, not a page
    last_prose: tuple[int, int, str] | None = None  # (start, end, text) of the last prose line
    in_terms = False  # inside the enumerated terms of a deal ("as follows: 1) Both sides agree to ...")
    printed: set[str] = set()  # the lines already on the page, as _said_before reads them
    for line in lines:
        said = _said_before(line)
        if len(said.split()) >= 3 and said in printed:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip()), "repeat"))  # one report, printed again
            pos += len(line) + 1
            continue
        printed.add(said)
        if line.strip():
            in_terms = (in_terms and bool(_ENUMERATOR.match(line))) or _introduces_terms(line, cues)
        if in_terms and _ENUMERATOR.match(line) and not _introduces_terms(line, cues):
            out.append((pos + len(line) - len(line.lstrip()), pos + len(line.rstrip()), "terms"))
            pos += len(line) + 1
            continue
        kind = line_kind(line, cues)
        lead = len(line) - len(line.lstrip())
        if kind is None and _is_credit(line, cues):
            kind = "caption"
            if last_prose is not None and len(last_prose[2].split()) <= cues.caption_max_words:
                out.append((last_prose[0], last_prose[1], "caption"))  # the photo's caption, above its credit
        if line.strip():
            last_prose = (pos + lead, pos + len(line.rstrip()), line) if kind is None else None
        if kind is not None:
            out.append((pos + lead, pos + len(line.rstrip()), kind))
        elif (dateline := _dateline(line, lead + _syndication_tag(line, lead), cues)) is not None:
            out.append((pos + lead, pos + dateline.end() - (len(dateline.group(0)) - len(dateline.group(0).rstrip())),
                        "dateline"))
        pos += len(line) + 1
    return out


#: "(MENAFN- Kuwait News Agency (KUNA)) KUALA LUMPUR, Aug 7 (KUNA) -": an aggregator's bracketed tag
#: before a dateline (one level of brackets inside)
_TAG = re.compile(r"\((?:[^()\n]|\([^()\n]*\))*\)\s*")


def _syndication_tag(line: str, at: int) -> int:
    """The length of an aggregator's bracketed tag opening the line at `at`, else 0."""
    m = _TAG.match(line, at)
    return len(m.group(0)) if m and len(m.group(0)) <= 60 else 0


def _dateline(line: str, at: int, cues: PageCues) -> re.Match[str] | None:
    return DATELINE.match(line, at) or DATELINE_DATED.match(line, at) or cues.agency_dateline.match(line, at)


def furniture_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens on lines detente_page marked (captions, headings, link lists ...)."""
    return {i for s in doc.spans.get("page", []) for i in range(s.start, s.end)}


@Language.component("detente_page", assigns=["doc.spans"])
def detente_page(doc: Doc) -> Doc:
    spans: list[Span] = []
    for start, end, kind in page_lines(doc.text):
        span = doc.char_span(start, end, label=kind, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.spans["page"] = spans
    return doc
