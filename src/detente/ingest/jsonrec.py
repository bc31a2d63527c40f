"""JSON (one object or a list of objects) and JSON Lines records.

Field names come from settings (field_text, field_title, field_url,
field_published, field_outlet); an "author" string is taken as the author;
every other field (and a title, url or outlet that is not a string) is kept,
unchanged, in Article.metadata.

Every record is checked and normalised here, at the boundary, so nothing later
(spaCy, pydantic, SQLite) can choke on it: a record nested deeper than
MAX_NESTING levels is E112, and lone UTF-16 surrogates ("\\ud800", which JSON
allows and UTF-8 cannot encode) become U+FFFD.  JSON Lines are read one line at
a time; a line that cannot be read is one problem naming that line, and the
lines after it are still read.
"""

from __future__ import annotations

import json
import re
from datetime import tzinfo
from typing import Any, Iterable, Iterator

from detente.ingest.build import Draft
from detente.ingest.dates import parse_published
from detente.ingest.problems import Reject
from detente.settings import Settings


_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


#: deepest nesting of objects and lists a record may have (the record itself is level 1)
MAX_NESTING = 32
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_type(value: Any) -> str:
    """How JSON calls the value's type, with its article: "a list", "a number"."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _text_field(obj: dict, name: str) -> str | None:
    """A string field's value, None when absent or not a string (then it stays in metadata)."""
    value = obj.get(name)
    return value if isinstance(value, str) else None


def nesting(value: Any) -> int:
    """How deeply objects and lists nest in `value` (a scalar is 0, {} and [] are 1); no recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _clean_text(value: str) -> str:
    if not _SURROGATE.search(value):
        return value
    # a valid surrogate pair becomes its character; a lone surrogate becomes U+FFFD
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def normalise(value: Any) -> Any:
    """`value` with every string (keys too) safe to encode as UTF-8; Reject E112 when nested too deeply."""
    depth = nesting(value)
    if depth > MAX_NESTING:
        raise Reject("E112", f"the record nests objects and lists {depth} levels deep, over the limit of "
                             f"{MAX_NESTING}")
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_clean_text(str(k)): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def record_draft(obj: Any, settings: Settings, zone: tzinfo) -> Draft:
    """A Draft from one decoded JSON value; Reject E106 (not an object), E109 (no text) or E112 (too deep)."""
    if not isinstance(obj, dict):
        raise Reject("E106", f"the record is {json_type(obj)}, not a JSON object")
    obj = normalise(obj)
    text = obj.get(settings.field_text)
    if text is None:
        raise Reject("E109", f"the record has no {settings.field_text!r} field "
                             f"(fields: {', '.join(sorted(map(str, obj))) or 'none'})")
    if not isinstance(text, str):
        raise Reject("E109", f"the {settings.field_text!r} field is {json_type(text)}, not a string")
    if not text.strip():
        raise Reject("E109", f"the {settings.field_text!r} field is empty")
    title, url, outlet, author = (_text_field(obj, f) for f in (settings.field_title, settings.field_url,
                                                               settings.field_outlet, "author"))
    used = {settings.field_text, settings.field_published}
    used |= {f for f, v in ((settings.field_title, title), (settings.field_url, url),
                            (settings.field_outlet, outlet), ("author", author)) if v is not None}
    raw_published = obj.get(settings.field_published)
    metadata = {k: v for k, v in obj.items() if k not in used}
    published = parse_published(raw_published, zone)
    if raw_published is not None and published is None:
        metadata["published_raw"] = raw_published
    return Draft(text=text.replace("\r\n", "\n"), title=title, url=url, outlet=outlet, author=author,
                 published=published, metadata=metadata)


def read_json(text: str) -> tuple[bool, list[Any]]:
    """(is_list, values) of a JSON document; Reject E106 when it does not parse."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Reject("E106", f"the JSON is malformed: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    except RecursionError as exc:
        raise Reject("E112", f"the JSON nests objects and lists too deeply to read (a record may nest "
                             f"{MAX_NESTING} levels)") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise Reject("E106", f"the JSON is malformed: {exc}") from exc
    if isinstance(value, list):
        if not value:
            raise Reject("E102", "the JSON list holds no records")
        return True, value
    return False, [value]


def read_jsonl(lines: Iterable[tuple[int, bytes]], max_bytes: int) -> Iterator[tuple[int, Any | Reject]]:
    """(line number, decoded value or Reject) for each non-blank line.

    Each line is one record: too long is E108, not UTF-8 is E103, not JSON is E106,
    nested too deeply to read is E112; a bad line never stops the lines after it.
    """
    for lineno, raw in lines:
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield lineno, Reject("E108", f"the line is {len(raw):,} bytes, over the max_bytes limit of {max_bytes:,}")
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, Reject("E103", f"the line is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, Reject("E106", f"the line is not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield lineno, Reject("E112", f"the line nests objects and lists too deeply to read (a record may "
                                         f"nest {MAX_NESTING} levels)")
            continue
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield lineno, Reject("E106", f"the line is not valid JSON: {exc}")
            continue
        yield lineno, value
