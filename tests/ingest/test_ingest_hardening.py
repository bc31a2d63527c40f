"""Issue 12: inputs that used to drop the rest of a file, crash later stages or get the wrong
reason.  Each test names what happened before; the good inputs beside the bad one are read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from detente.ingest import read_inputs
from detente.records import Article, IngestProblem
from detente.settings import Settings

GOOD = ("Negotiators from the two armies agreed on Sunday to open a humanitarian corridor "
        "for civilians leaving the besieged town, the regional governor said.")


def _read(*paths) -> tuple[list[Article], list[IngestProblem]]:
    results = list(read_inputs(list(paths), Settings(undated="none")))
    return ([r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, IngestProblem)])


def _nested(depth: int):
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def _good(day: str) -> str:
    return json.dumps({"text": GOOD.replace("Sunday", day)})


# --------------------------------------------------------------------------- JSON and JSON Lines


def test_an_over_nested_jsonl_line_is_one_problem_and_the_lines_after_it_are_read(tmp_path):
    """Was: a RecursionError for the whole file, naming no line; every later record lost."""
    lines = [_good("Monday"), "[" * 100_000 + "]" * 100_000, _good("Tuesday"),
             json.dumps({"text": GOOD, "extra": _nested(256)}), _good("Friday")]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    arts, probs = _read(path)
    assert [a.source_path.rsplit("/", 1)[-1] for a in arts] == ["feed.jsonl:1", "feed.jsonl:3", "feed.jsonl:5"]
    assert [(p.source.rsplit("/", 1)[-1], p.code) for p in probs] == [("feed.jsonl:2", "E112"),
                                                                       ("feed.jsonl:4", "E112")]
    assert "too deeply" in probs[0].reason and "257 levels deep, over the limit of 32" in probs[1].reason


def test_a_jsonl_line_python_cannot_convert_is_one_problem(tmp_path):
    """A 5,000-digit integer is valid JSON that Python refuses (ValueError, not JSONDecodeError)."""
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([_good("Monday"), '{"text": "x", "n": ' + "9" * 5000 + "}", _good("Friday")]),
                    encoding="utf-8")
    arts, probs = _read(path)
    assert len(arts) == 2 and [(p.source.rsplit("/", 1)[-1], p.code) for p in probs] == [("feed.jsonl:2", "E106")]


def test_an_over_nested_record_in_a_json_list_is_one_problem(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": GOOD}, {"text": GOOD, "extra": {"a": _nested(40)}},
                                {"text": GOOD.replace("Sunday", "Monday")}]), encoding="utf-8")
    arts, probs = _read(path)
    assert len(arts) == 2 and [(p.source.rsplit("/", 1)[-1], p.code) for p in probs] == [("list.json#2", "E112")]


def test_a_json_document_too_deep_to_parse_is_one_problem(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "good.json").write_text(_good("Monday"), encoding="utf-8")
    arts, probs = _read(tmp_path)
    assert len(arts) == 1 and [(Path(p.source).name, p.code) for p in probs] == [("deep.json", "E112")]


def test_records_are_normalised_at_the_boundary(tmp_path):
    """Lone surrogates (valid JSON escapes, not encodable as UTF-8) and an out-of-range date number."""
    record = ('{"text": "' + GOOD + ' \\ud800", "title": "Talks \\udfff", "tag": {"k\\ud83d": "\\ud83d\\ude00"},'
              ' "published": 1' + "0" * 400 + "}")
    path = tmp_path / "odd.json"
    path.write_text(record, encoding="utf-8")
    (article,), probs = _read(path)
    assert not probs
    assert article.text.endswith("\ufffd") and article.title == "Talks \ufffd"
    assert article.metadata["tag"] == {"k\ufffd": "\U0001F600"} and article.published is None
    article.model_dump_json().encode("utf-8")  # the store writes exactly this


# --------------------------------------------------------------------------- paths


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_has_its_own_reason(tmp_path):
    """Was: 'does not exist'."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    arts, probs = _read(tmp_path)
    assert len(arts) == 1
    reasons = {Path(p.source).name: (p.code, p.reason) for p in probs}
    assert reasons["loop.txt"][0] == "E110" and "symbolic link loop" in reasons["loop.txt"][1]
    assert "does not exist" not in reasons["loop.txt"][1]
    assert reasons["dangling.txt"][0] == "E110" and "symbolic link to 'gone.txt'" in reasons["dangling.txt"][1]


# --------------------------------------------------------------------------- HTML


NAV_PAGES = {
    "nav.html": '<html><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav></body></html>',
    "links.html": '<html><body><div><a href="/">Home</a> | <a href="/world">World</a></div></body></html>',
    "labels.html": "<html><body><p>Home | World</p></body></html>",
    "menu.html": '<html><body><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li>'
                 '<li><a href="/p">Politics</a></li></ul></body></html>',
}


@pytest.mark.parametrize("name", sorted(NAV_PAGES))
def test_an_html_page_with_only_navigation_is_e104(tmp_path, name):
    """Was: 'Home | World' stored as an article."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(NAV_PAGES[name], encoding="utf-8")
    arts, probs = _read(tmp_path)
    assert len(arts) == 1 and [(Path(p.source).name, p.code) for p in probs] == [(name, "E104")]
    assert "only navigation" in probs[0].reason and "Home | World" in probs[0].reason


def test_a_short_html_article_among_links_is_still_read(tmp_path):
    page = ('<html><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
            f"<article><p>{GOOD}</p></article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (article,), probs = _read(tmp_path / "page.html")
    assert not probs and article.text == GOOD


# --------------------------------------------------------------------------- feeds


def _item(title: str, text: str) -> str:
    return f"<item><title>{title}</title><description>{text}</description></item>"


def test_a_feed_broken_after_an_entry_says_so_and_reads_only_the_whole_entries(tmp_path):
    """Was: the first item stored and nothing said about the broken XML (and a cut-off item stored too)."""
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            + _item("One", GOOD) + "\n<item><title>Two</title><description>Talks resumed in Doha on")
    (tmp_path / "cut.rss").write_text(feed, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD.replace("Sunday", "Monday"), encoding="utf-8")
    arts, probs = _read(tmp_path)
    assert sorted(Path(a.source_path).name for a in arts) == ["cut.rss#1", "good.txt"]
    assert [(Path(p.source).name, p.code) for p in probs] == [("cut.rss", "E105")]
    assert probs[0].reason.startswith("the XML feed is malformed (line 2, column")
    assert "only entry #1, which ends before the break, was read" in probs[0].reason


def test_a_well_formed_feed_gets_no_problem_line(tmp_path):
    feed = ("<?xml version='1.0' encoding='us-ascii'?><rss version='2.0'><channel><title>Wire</title>"
            + _item("One", GOOD) + _item("Two", GOOD.replace("Sunday", "Monday")) + "</channel></rss>")
    (tmp_path / "ok.rss").write_text(feed, encoding="utf-8")
    arts, probs = _read(tmp_path / "ok.rss")
    assert len(arts) == 2 and not probs
