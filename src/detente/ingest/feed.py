"""RSS and Atom feeds: one Article per entry, read with feedparser from the raw bytes.

The raw bytes go to feedparser (as a stream, so it never treats the input as a
URL to fetch) because it honours the feed's declared encoding itself.

feedparser salvages what it can from broken XML.  Only the entries that end
before the break are read, and the feed gets one E105 line naming the break
and the entries read, so a cut-off feed never silently stores a cut-off entry.
"""

from __future__ import annotations

import io
import re
from datetime import tzinfo
from xml.sax import SAXParseException
from typing import Iterator

from lxml import etree
from lxml import html as lxml_html

from detente.ingest.build import Draft
from detente.ingest.dates import parse_published
from detente.ingest.decode import decode
from detente.ingest.problems import Reject

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "tr", "table", "section", "article", "pre", "hr"}
_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become line breaks, scripts are dropped."""
    if not _MARKUP.search(fragment):
        return fragment.strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _MARKUP.sub(" ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _entry_body(entry: dict) -> str:
    """The entry's full content when present, else its summary (HTML or plain)."""
    body = "\n".join(c.get("value", "") for c in entry.get("content") or [])
    return body if body.strip() else entry.get("summary", "")


_EMAIL_NAME = re.compile(r"^\s*[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)\s*$")


def _author(entry: dict) -> str | None:
    """The author's name: "Ona Birch" from RSS's "desk@example.org (Ona Birch)".

    Parsed here because feedparser's own split mangles addresses on long TLDs.
    """
    raw = entry.get("author")
    if raw:
        m = _EMAIL_NAME.match(raw)
        return m["name"].strip() if m else raw
    detail = entry.get("author_detail") or {}
    return detail.get("name")


_ENTRY_END = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)


def _break(exc: SAXParseException) -> str:
    return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"


def entries_before_break(data: bytes, exc: SAXParseException) -> int:
    """How many entries (</item>, </entry>) end before the place the XML breaks."""
    try:
        text = decode(data)
    except Reject:
        text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    line = max(1, exc.getLineNumber() or 1)
    offset = sum(len(ln) + 1 for ln in lines[:line - 1]) + max(0, exc.getColumnNumber() or 0)
    return len(_ENTRY_END.findall(text[:offset]))


def read_feed(data: bytes, zone: tzinfo) -> Iterator[tuple[int, Draft | Reject]]:
    """(entry number from 1, Draft or Reject) for each entry; Reject E105 for a broken or empty feed.

    For XML that breaks after some entries: first (0, Reject E105) naming the break and the
    entries read, then those entries only."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    broken = parsed.get("bozo_exception") if parsed.bozo else None
    broken = broken if isinstance(broken, SAXParseException) else None  # not a mere encoding override
    if not parsed.entries:
        if parsed.bozo:
            raise Reject("E105", f"the XML feed is malformed: {parsed.get('bozo_exception')}")
        if not parsed.get("version"):
            raise Reject("E105", "the XML is not an RSS or Atom feed")
        raise Reject("E105", "the feed has no entries")
    entries = parsed.entries
    if broken is not None:
        whole = min(len(entries), entries_before_break(data, broken))
        if not whole:
            raise Reject("E105", f"the XML feed is malformed ({_break(broken)}); no entry ends before "
                                 "the break, so none was read")
        shown = "entry #1, which ends before the break, was" if whole == 1 else \
            f"entries #1-#{whole}, which end before the break, were"
        yield 0, Reject("E105", f"the XML feed is malformed ({_break(broken)}); only {shown} read")
        entries = entries[:whole]
    texts = [html_to_text(_entry_body(entry)) for entry in entries]
    if parsed.bozo and not any(texts):
        # what a lenient parse salvaged from broken XML holds no text: the feed is malformed
        raise Reject("E105", f"the XML feed is malformed: {parsed.get('bozo_exception')}")
    outlet = parsed.feed.get("title")
    for n, (entry, text) in enumerate(zip(entries, texts), start=1):
        if not text:
            yield n, Reject("E109", "the feed entry has neither content nor summary text")
            continue
        raw_date = entry.get("published") or entry.get("updated")
        published = parse_published(raw_date, zone) or parse_published(
            entry.get("published_parsed") or entry.get("updated_parsed"), zone)
        metadata: dict[str, object] = {"feed_entry": n}
        if entry.get("id"):
            metadata["entry_id"] = entry.id
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        if tags:
            metadata["tags"] = tags
        if parsed.feed.get("link"):
            metadata["feed_link"] = parsed.feed.link
        yield n, Draft(text=text, title=html_to_text(entry.get("title", "")) or None, url=entry.get("link"),
                       outlet=outlet, author=_author(entry), published=published, metadata=metadata)
