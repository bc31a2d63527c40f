"""HTML pages: trafilatura finds the main text and metadata; lxml reads a precise publication time.

trafilatura gives the date as a day only, so the page's own machine-readable
time (article:published_time, itemprop/JSON-LD datePublished, <time datetime>)
is preferred when present: it keeps the hour and the zone.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import tzinfo
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from detente.ingest.build import Draft
from detente.ingest.dates import parse_published
from detente.ingest.problems import Reject

_META_DATE_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate" or @name="publishdate" or @name="date" or @name="DC.date.issued"'
    ' or @name="dc.date" or @name="article:published_time"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//time[@datetime]/@datetime',
)

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _jsonld_date(node: Any) -> str | None:
    """The first datePublished found anywhere in a JSON-LD structure."""
    if isinstance(node, dict):
        if isinstance(node.get("datePublished"), str):
            return node["datePublished"]
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            found = _jsonld_date(item)
            if found:
                return found
    return None


def page_published(tree: Any) -> str | None:
    """The publication time string the page declares, if any."""
    for xp in _META_DATE_XPATHS:
        values = [v.strip() for v in tree.xpath(xp) if v and v.strip()]
        if values:
            return values[0]
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            found = _jsonld_date(json.loads(script))
        except ValueError:
            continue
        if found:
            return found
    return None


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "dt", "dd", "pre")
_SKIP = ("script", "style", "noscript", "nav", "footer", "form", "button", "template")


def block_text(tree: Any, extracted: str) -> str | None:
    """The page's main text one block (paragraph, heading, caption, list item) a line, or None.

    Used when the extractor joined everything on one line: a heading or a caption
    must stay a line of its own, or it merges with the sentence after it."""
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    if not roots:
        return None
    lines: list[str] = []
    nested = " | ".join(f".//{b}" for b in _BLOCKS)
    for el in roots[0].iter(*_BLOCKS):
        if any(a.tag in _SKIP for a in el.iterancestors()) or el.xpath(nested):
            continue  # outside the text, or a container whose inner blocks give the lines
        line = " ".join(el.text_content().split())
        if line:
            lines.append(line)
    text = "\n".join(lines)
    # keep it only when it is the same text, laid out: every extracted word is in it
    words = set(extracted.split())
    return text if len(lines) > 1 and words and words <= set(text.split()) else None


#: a line or menu item with fewer words than this, outside every link, is a label, not a sentence
MIN_SENTENCE_WORDS = 4
_MENU_SEPARATORS = re.compile(r"\s*[|\u00a6\u00b7\u2022\u203a\u00bb]\s*")  # | ¦ · • › »


def _link_texts(tree: Any) -> set[str]:
    """The words of every link and navigation block, one normalised string each."""
    found = set()
    for el in tree.xpath("//a | //nav | //nav//li | //menu//li"):
        words = " ".join(el.text_content().split()).lower()
        if words:
            found.add(words)
    return found


def navigation_only(tree: Any, text: str) -> bool:
    """True when the text holds no sentence: every line or menu item ("Home | World") is the text
    of a link or navigation block, or too short to be a sentence."""
    links = _link_texts(tree)
    for line in text.split("\n"):
        for item in _MENU_SEPARATORS.split(line):
            words = " ".join(item.split())
            if not any(ch.isalpha() for ch in words) or words.lower() in links:
                continue
            if len(words.split()) >= MIN_SENTENCE_WORDS:
                return False
    return True


def read_html(content: str, zone: tzinfo) -> Draft:
    """A Draft from an HTML page; Reject E104 when it cannot be parsed or has no main text."""
    import trafilatura

    try:
        tree = lxml_html.document_fromstring(content.encode("utf-8"),
                                             parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise Reject("E104", f"the HTML cannot be parsed: {exc}") from exc
    try:
        doc = trafilatura.bare_extraction(content, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True)
    except Exception as exc:  # trafilatura raises assorted lxml/Value errors on broken pages
        raise Reject("E104", f"the HTML cannot be parsed: {exc}") from exc
    if doc is None:
        raise Reject("E104", "no main text could be extracted from the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip() or None
    if "\n" not in text:  # a fallback extraction ran the blocks together: headings swallow sentences
        text = block_text(tree, text) or text
    if title and text.startswith(title):
        text = text[len(title):].lstrip()  # the headline is the title, not article text
    if not text:
        raise Reject("E104", "no main text could be extracted from the HTML page")
    if navigation_only(tree, text):
        shown = " | ".join(item.strip() for item in _MENU_SEPARATORS.split(text.replace("\n", " | "))
                           if any(ch.isalpha() for ch in item))
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise Reject("E104", f"the page holds only navigation or labels ({shown!r}), no article text")
    declared = page_published(tree)
    published = parse_published(declared, zone) or parse_published(data.get("date"), zone)
    metadata = {k: data[k] for k in ("sitename", "hostname", "description", "categories", "tags")
                if data.get(k)}
    if declared:
        metadata["published_raw"] = declared
    return Draft(text=text, title=title, url=data.get("url"), outlet=data.get("sitename") or data.get("hostname"),
                 author=data.get("author"), published=published, metadata=metadata)
