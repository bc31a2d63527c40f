"""From the fields a reader found to a checked `Article`: size, emptiness, language, id."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from detente.errors import DetenteError
from detente.ingest.dates import default_zone, page_date
from detente.ingest.knowledge import load_knowledge
from detente.ingest.language import check_english
from detente.ingest.problems import Reject
from detente.records import Article
from detente.settings import Settings


@dataclass
class Draft:
    """What a reader extracted from one input, before the shared checks."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    offset: int | None = None  # where `text` starts in the decoded source file, when that is meaningful


def clean_str(value: Any) -> str | None:
    """A stripped, non-empty string or None (non-strings are rendered with str())."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text or None


UNDATED_CHOICES = ("mtime", "ingest", "none")


def fallback_published(source: str, how: str) -> tuple[datetime | None, str]:
    """The date an undated article is given (settings.undated), and how it was chosen."""
    if how not in UNDATED_CHOICES:
        raise DetenteError("E201", f"setting 'undated' must be one of {', '.join(UNDATED_CHOICES)}, not {how!r}")
    if how == "none":
        return None, how
    path = Path(re.sub(r"(:\d+|#.*)$", "", source or ""))
    if how == "mtime" and source and path.is_file():
        return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc), "mtime"
    return datetime.now(timezone.utc), "ingest"


def finish(draft: Draft, source: str, settings: Settings, empty_code: str = "E102") -> Article:
    """Check a draft and make the Article; raises Reject (E108: max_bytes or max_chars, `empty_code`, E107).

    The text keeps its inner layout (paragraph breaks) so offsets the NLP reports
    are offsets into exactly this string; only surrounding blank space is removed.
    For plain-text files metadata["text_offset"] is where the article text starts
    in the decoded file (BOM removed, line endings normalised to "\n").
    """
    text = draft.text.strip()
    metadata = dict(draft.metadata)
    if draft.offset is not None:
        # Article.text[i] == source_file_text[i + text_offset]: lets a caller map
        # evidence offsets back onto the raw file (e.g. past a stripped header)
        metadata["text_offset"] = draft.offset + len(draft.text) - len(draft.text.lstrip())
    if not text:
        raise Reject(empty_code, "there is no article text" if empty_code == "E109"
                     else "the article text is empty")
    size = len(text.encode("utf-8"))
    if size > settings.max_bytes:
        raise Reject("E108", f"the text is {size:,} bytes, over the max_bytes limit of {settings.max_bytes:,}")
    if len(text) > settings.max_chars:
        raise Reject("E108", f"the text is {len(text):,} characters, over the max_chars limit of "
                             f"{settings.max_chars:,}")
    check_english(text, settings.min_english)
    published = draft.published
    if published is None:
        known = load_knowledge()
        published = page_date(text, default_zone(settings.default_tz), known.date_line_lines, known.date_line_words)
        if published is not None:
            metadata["published_from"] = "date_line"  # the page's own date, printed on a line of its own
    if published is None:
        published, how = fallback_published(source, settings.undated)
        if published is not None:
            metadata["published_fallback"] = how
    return Article(
        id=Article.make_id(text),
        text=text,
        title=clean_str(draft.title),
        url=clean_str(draft.url),
        outlet=clean_str(draft.outlet),
        author=clean_str(draft.author),
        published=published,
        language="en",
        source_path=source,
        metadata=metadata,
    )
