"""End to end through detente.api: bad inputs are reported one line each and the
rest of the batch is stored; re-ingesting is a no-op."""

from __future__ import annotations

import json

import pytest

from detente import api
from detente.settings import load_settings
from detente.store import open_store

pytestmark = pytest.mark.model

GOOD = ("Turkey offered on Monday to host a new round of talks between the two delegations in Istanbul. "
        "The Ukrainian foreign minister welcomed the offer and said Kyiv was ready to send a team.\n")

BAD = {
    "binary.txt": b"\x00\x01\x02\x03PK\x00\x00" * 40,
    "empty.txt": b"   \n\n",
    "latin1.txt": "Les n\xe9gociations ont repris".encode("latin-1") + b"\xff\xfe\xfa" * 5,
    "broken.html": b"<html><head><title>x</title></head><body><div></div></body></html>",
    "broken.xml": b"<rss><channel><item><title>unclosed",
    "broken.json": b"{\"text\": \"missing the end\"",
    "french.txt": ("Les deux d\u00e9l\u00e9gations se sont r\u00e9unies mardi \u00e0 Gen\u00e8ve pour discuter "
                   "d'un cessez-le-feu et d'un \u00e9change de prisonniers, a indiqu\u00e9 le minist\u00e8re "
                   "des affaires \u00e9trang\u00e8res dans un communiqu\u00e9 publi\u00e9 dans la soir\u00e9e.").encode(),
    "huge.txt": (GOOD * 400).encode(),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_reported_and_batch_goes_on(tmp_path, name):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(BAD[name])
    (folder / "z_good.jsonl").write_text(json.dumps({"text": GOOD.replace("Monday", "Friday"),
                                                     "title": "Talks offer"}) + "\n", encoding="utf-8")
    settings = load_settings(db=str(tmp_path / "t.db"), max_bytes=20_000)
    seen = []
    report = api.ingest_paths([folder], settings, on_problem=seen.append)
    assert report.failed == 1 and len(seen) == 1
    problem = seen[0]
    assert name in problem.source and problem.code.startswith("E1") and problem.reason
    assert report.stored == 2
    with open_store(settings.db, readonly=True) as store:
        assert store.stats()["articles"] == 2


def test_reingest_is_a_noop(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    settings = load_settings(db=str(tmp_path / "t.db"))
    first = api.ingest_paths([tmp_path / "a.txt"], settings)
    again = api.ingest_paths([tmp_path / "a.txt"], settings)
    assert first.stored == 1 and again.stored == 0 and again.already == 1
    assert len(api.list_events(settings)) == first.events > 0
