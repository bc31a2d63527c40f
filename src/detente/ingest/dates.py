"""Publication times: parse what a source gives, keep its zone, else assume settings.default_tz."""

from __future__ import annotations

import time
from datetime import datetime, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser

from detente.errors import DetenteError


def default_zone(name: str) -> tzinfo:
    """The zone named by settings.default_tz (E201 when it is not a known zone)."""
    if name.upper() in ("UTC", "Z"):
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DetenteError("E201", f"setting 'default_tz': unknown time zone {name!r}") from exc


def attach_zone(value: datetime, zone: tzinfo) -> datetime:
    """`value` unchanged when it is tz-aware, else the same wall time in `zone`."""
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def parse_published(value: object, zone: tzinfo) -> datetime | None:
    """A tz-aware datetime from a string, epoch number, struct_time or datetime; None if unparseable.

    Times without a zone get `zone`; numbers are Unix seconds (milliseconds when very large), UTC.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return attach_zone(value, zone)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=timezone.utc)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = dateparser.parse(value.strip())
    except (ValueError, OverflowError, dateparser.ParserError):
        return None
    return attach_zone(parsed, zone)
