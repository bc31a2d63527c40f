"""Publication times: zones kept when given, settings.default_tz attached otherwise."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from detente.errors import DetenteError
from detente.ingest.dates import default_zone, parse_published

KYIV = ZoneInfo("Europe/Kyiv")


@pytest.mark.parametrize("value,expected", [
    ("2025-07-08T11:00:00Z", datetime(2025, 7, 8, 11, 0, tzinfo=timezone.utc)),
    ("Wed, 12 Mar 2025 06:00:00 GMT", datetime(2025, 3, 12, 6, 0, tzinfo=timezone.utc)),
    ("2025-02-13T18:45:00+02:00", datetime(2025, 2, 13, 18, 45, tzinfo=timezone(timedelta(hours=2)))),
    ("2025-01-10 16:00", datetime(2025, 1, 10, 16, 0, tzinfo=KYIV)),
    (1741600000, datetime(2025, 3, 10, 9, 46, 40, tzinfo=timezone.utc)),
    (1741600000000, datetime(2025, 3, 10, 9, 46, 40, tzinfo=timezone.utc)),
    (time.struct_time((2025, 3, 12, 6, 0, 0, 2, 71, 0)), datetime(2025, 3, 12, 6, 0, tzinfo=timezone.utc)),
    ("not a date at all", None),
    ("May", None),             # not completed from today's date
    ("2025", None),
    ("12 March", None),
    ("12 March 2025", datetime(2025, 3, 12, 0, 0, tzinfo=KYIV)),
    ("", None),
    (None, None),
])
def test_parse_published(value, expected):
    got = parse_published(value, KYIV)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None and got.utcoffset() == expected.utcoffset()


def test_unknown_default_tz_is_a_settings_error():
    with pytest.raises(DetenteError) as err:
        default_zone("Mars/Olympus_Mons")
    assert err.value.code == "E201"


def test_dated_header_with_a_word_for_category(tmp_path):
    from detente.ingest import read_source
    from detente.settings import Settings

    path = tmp_path / "worded.txt"
    path.write_text("Truce holds in the south\nMiddle East- 24.11.2023, 21:40\n\nThe truce held through the night, "
                    "officials said.\n", encoding="utf-8")
    (art,) = read_source(path, Settings(undated="none"))
    assert art.published is not None and art.published.isoformat().startswith("2023-11-24T21:40")
    assert art.metadata["category"] == "Middle East" and art.title == "Truce holds in the south"
