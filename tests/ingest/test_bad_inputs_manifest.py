"""The checked list of bad inputs, tests/ingest/bad_inputs/manifest.yaml: every case gets exactly
its one line, and the good article beside it is stored (the README's bad-input paragraph)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from detente import api
from detente.errors import CATALOGUE
from detente.settings import load_settings
from detente.store import open_store

pytestmark = pytest.mark.model

HERE = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))["cases"]
GOOD = ("Turkey offered on Monday to host a new round of talks between the two delegations in Istanbul. "
        "The Ukrainian foreign minister welcomed the offer and said Kyiv was ready to send a team.\n")


def _make(case: dict, folder: Path) -> Path:
    """The bad input of a case, in `folder` (which already holds the good article)."""
    if "file" in case:
        return Path(shutil.copy(HERE / case["file"], folder / case["file"]))
    path, make = folder / case["name"], case["make"]
    if make == "missing":
        return path
    if make == "symlink_loop":
        os.symlink(path.name, path)
    elif make == "dangling_symlink":
        os.symlink("nowhere.txt", path)
    else:
        path.write_text(make["repeat"]["text"] * make["repeat"]["times"], encoding="utf-8")
    return path


def test_the_manifest_covers_every_ingest_error_code():
    codes = {re.search(r": (E\d{3}) ", c["expect"]).group(1) for c in CASES}
    ingest_codes = {c for c in CATALOGUE if c.startswith("E1")} - {"E113"}  # E113: an analysis failure, not an input
    assert codes == ingest_codes
    assert all(c.get("file") is None or (HERE / c["file"]).is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["class"] for c in CASES])
def test_bad_input_gets_its_one_line_and_the_good_article_is_stored(tmp_path, case):
    if "symlink" in str(case.get("make")) and not hasattr(os, "symlink"):
        pytest.skip("needs symbolic links")
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "a_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = _make(case, folder)
    paths = [folder] if bad.exists() or bad.is_symlink() else [folder, bad]
    settings = load_settings(env={}, db=str(tmp_path / "t.db"), **case.get("settings", {}))
    lines: list[str] = []
    report = api.ingest_paths(paths, settings, on_problem=lambda p: lines.append(
        f"{Path(p.source).name}: {p.code} {p.reason}"))
    assert len(lines) == 1, lines
    assert re.fullmatch(case["expect"], lines[0]), f"\n  got:      {lines[0]}\n  expected: {case['expect']}"
    assert report.failed == 1 and report.stored == case.get("stored", 1)
    with open_store(settings.db, readonly=True) as store:
        stored = store.articles(limit=100)
        assert GOOD.strip() in [a.text for a in stored], "the good article beside the bad input is stored"
        assert store.ledger_pending() == 0, "the ledger was written"
