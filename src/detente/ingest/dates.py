"""Publication times: parse what a source gives, keep its zone, else assume settings.default_tz."""

from __future__ import annotations

import calendar
import re
import time
from datetime import datetime, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser
from dateutil import tz as dateutil_tz

from detente.errors import DetenteError


_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)
_UTC_NAMES = {"UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc}


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

    Times without a zone get `zone`; dates lacking year, month or day give None; numbers are Unix seconds (milliseconds when very large), UTC.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return attach_zone(value, zone)
    if isinstance(value, (int, float)):
        try:
            seconds = value / 1000 if value > 1e11 else value  # an integer of 400 digits overflows a float
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=timezone.utc)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        # tzinfos: without it dateutil turns "UTC"/"Z" into the machine's local zone.
        # Two different defaults: a part the string lacks shows up as a difference,
        # and a date without its year, month or day ("May", "2025") is refused
        # rather than completed from today.
        first = dateparser.parse(value.strip(), tzinfos=_UTC_NAMES, default=_DEFAULT_A)
        second = dateparser.parse(value.strip(), tzinfos=_UTC_NAMES, default=_DEFAULT_B)
    except (ValueError, OverflowError, dateparser.ParserError):
        return None
    if first.date() != second.date():
        return None
    return _plain_offset(attach_zone(first, zone))


def _plain_offset(value: datetime) -> datetime:
    """Replace dateutil's fixed-offset zones by datetime.timezone (same instant, portable repr)."""
    if isinstance(value.tzinfo, (dateutil_tz.tzutc, dateutil_tz.tzoffset, dateutil_tz.tzlocal)):
        offset = value.utcoffset()
        return value.replace(tzinfo=timezone.utc if not offset else timezone(offset))
    return value


_DATE_PARTS = {w.lower() for w in (*calendar.day_name, *calendar.day_abbr, *calendar.month_name[1:],
                                   *calendar.month_abbr[1:], "sept")}


def page_date(text: str, zone: tzinfo, lines: int, words: tuple[str, ...]) -> datetime | None:
    """The date an undated page prints on a line of its own ("Saturday, 12 November 2022, 19:42",
    "Published: 3 June 2025"), among its first `lines` lines or its last three; None when it has none.
    Besides the date, the line may hold only `words` (labels, "GMT", "a.m."), weekdays, numbers and
    punctuation."""
    allowed = {w.lower() for w in words}
    label = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(allowed, key=len, reverse=True)) + r")(?=\W|$)",
                       re.IGNORECASE) if allowed else None
    rows = [line.strip() for line in text.split("\n") if line.strip()]
    for line in rows[:lines] + rows[-3:]:
        if len(line) > 80 or not re.search(r"\b(?:19|20)\d\d\b", line):
            continue
        bare = label.sub(" ", line) if label else line
        rest = [w for w in re.findall(r"[A-Za-z]+", bare) if w.lower() not in _DATE_PARTS]
        if rest:
            continue
        value = parse_published(re.sub(r"[|\u2022\u00b7]", " ", bare).strip(" ,:-\u2013\u2014"), zone)
        if value is not None:
            return value
    return None
