"""load_gold on tiny CSV, TSV and JSONL files written here."""

from __future__ import annotations

import json

import pytest

from detente.errors import DetenteError
from detente.eval import load_gold

ROWS = [
    {"text": "The harbour authority, in a statement, blamed the shipping firm for the spill.",
     "label": "ACCUSE", "source": "harbour authority", "target": "shipping firm"},
    {"text": "Farm workers, angry about wages, blocked the ring road, for hours.",
     "label": "PROTEST", "source": "Farm workers", "target": ""},
]


def _write_delimited(path, delimiter):
    import csv
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "label", "source", "target"], delimiter=delimiter)
        w.writeheader()
        w.writerows(ROWS)


@pytest.mark.parametrize("name,delimiter", [("g.csv", ","), ("g.tsv", "\t"), ("g.txt", "\t"), ("h.txt", ",")])
def test_delimited(tmp_path, name, delimiter):
    path = tmp_path / name
    _write_delimited(path, delimiter)
    rows = load_gold(path)
    assert [r.label for r in rows] == ["ACCUSE", "PROTEST"]
    assert rows[0].text.startswith("The harbour authority, in a statement")
    assert rows[0].target == "shipping firm"
    assert rows[1].target is None
    assert rows[0].mode is None


def test_jsonl(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps({**r, "mode": "obstruct"}) for r in ROWS) + "\n\n", encoding="utf-8")
    rows = load_gold(path)
    assert len(rows) == 2 and rows[1].mode == "obstruct" and rows[1].line == 2


def test_missing_column(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("sentence,label\nA quiet day.,AGREE\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_gold(path)
    assert err.value.code == "E501" and "text" in err.value.message


def test_missing_file_and_bad_json(tmp_path):
    with pytest.raises(DetenteError) as err:
        load_gold(tmp_path / "absent.csv")
    assert err.value.code == "E501"
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"text": "x", "label": "AGREE"}\n{not json\n', encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_gold(bad)
    assert err.value.code == "E501"
