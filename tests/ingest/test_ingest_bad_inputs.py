"""One test per bad-input class: the problem names the input, carries its code and a
readable reason, and the good files of the same batch are still yielded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.errors import CATALOGUE
from detente.ingest import read_inputs
from detente.records import Article, IngestProblem
from detente.settings import Settings

GOOD_TEXT = ("Negotiators from the two armies agreed on Sunday to open a humanitarian corridor "
             "for civilians leaving the besieged town, the regional governor said.\n")


def run_batch(tmp_path: Path, name: str, data: bytes, settings: Settings | None = None) -> tuple[list, list]:
    """A folder with a good file on each side of the bad one; returns (articles, problems)."""
    (tmp_path / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_good.json").write_text(json.dumps({"text": GOOD_TEXT.replace("Sunday", "Monday")}),
                                          encoding="utf-8")
    results = list(read_inputs([tmp_path], settings or Settings()))
    articles = [r for r in results if isinstance(r, Article)]
    problems = [r for r in results if isinstance(r, IngestProblem)]
    return articles, problems


def assert_one_problem(articles: list, problems: list, code: str, source_end: str, *words: str) -> IngestProblem:
    assert len(articles) == 2, "the good files around the bad one are still read"
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.code == code and code in CATALOGUE
    assert problem.source.endswith(source_end)
    for word in words:
        assert word in problem.reason, problem.reason
    return problem


def test_e101_binary(tmp_path):
    arts, probs = run_batch(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert_one_problem(arts, probs, "E101", "photo.txt", "binary")


def test_e101_control_characters_without_nul(tmp_path):
    arts, probs = run_batch(tmp_path, "noise.txt", bytes(range(1, 9)) * 50 + b"some words")
    assert_one_problem(arts, probs, "E101", "noise.txt", "control characters")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n  "])
def test_e102_empty_or_whitespace(tmp_path, data):
    arts, probs = run_batch(tmp_path, "blank.txt", data)
    assert_one_problem(arts, probs, "E102", "blank.txt", "empty" if not data else "whitespace")


def test_e102_header_without_body(tmp_path):
    arts, probs = run_batch(tmp_path, "stub.txt", "A headline only\n5- 02.02.2025, 10:00\n- 12\n\n".encode())
    assert_one_problem(arts, probs, "E102", "stub.txt", "header")


def test_e103_undecodable(tmp_path):
    data = "Les pourparlers ont repris \u00e0 Gen\u00e8ve apr\u00e8s une longue pause".encode("latin-1")
    arts, probs = run_batch(tmp_path, "latin.txt", data)
    assert_one_problem(arts, probs, "E103", "latin.txt", "UTF-8")


def test_e104_html_without_text(tmp_path):
    arts, probs = run_batch(tmp_path, "shell.html", b"<html><head><title>t</title></head><body><div></div></body></html>")
    assert_one_problem(arts, probs, "E104", "shell.html", "no main text")


def test_e105_malformed_feed(tmp_path):
    arts, probs = run_batch(tmp_path, "cut.rss", b"<?xml version='1.0'?><rss><channel><item><title>cut off")
    assert_one_problem(arts, probs, "E105", "cut.rss", "malformed")


def test_e105_xml_that_is_not_a_feed(tmp_path):
    arts, probs = run_batch(tmp_path, "config.xml", b"<?xml version='1.0'?><settings><colour>blue</colour></settings>")
    assert_one_problem(arts, probs, "E105", "config.xml", "feed")


def test_e106_malformed_json(tmp_path):
    arts, probs = run_batch(tmp_path, "cut.json", b'{"text": "The talks ended without')
    assert_one_problem(arts, probs, "E106", "cut.json", "malformed", "line 1")


def test_e106_bad_jsonl_line_names_the_line_and_other_lines_yield(tmp_path):
    lines = [json.dumps({"text": GOOD_TEXT}), "{not json at all", json.dumps({"text": GOOD_TEXT + " Later."})]
    arts, probs = run_batch(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    assert len(arts) == 4  # two from the JSONL file, two good neighbours
    assert len(probs) == 1 and probs[0].code == "E106" and probs[0].source.endswith("feed.jsonl:2")
    assert "not valid JSON" in probs[0].reason


def test_e107_not_english(tmp_path):
    german = ("Die beiden Regierungen haben sich am Dienstag auf einen Waffenstillstand geeinigt, der ab "
              "Mitternacht gelten soll, teilte das Au\u00dfenministerium in einer Erkl\u00e4rung mit.")
    arts, probs = run_batch(tmp_path, "nachricht.txt", german.encode())
    assert_one_problem(arts, probs, "E107", "nachricht.txt", "German", "min_english")


def test_e108_too_large(tmp_path):
    big = (GOOD_TEXT * 50).encode()
    arts, probs = run_batch(tmp_path, "big.txt", big, Settings(max_bytes=2_000))
    assert_one_problem(arts, probs, "E108", "big.txt", "max_bytes", "2,000")


def test_e108_one_jsonl_record_too_large(tmp_path):
    lines = [json.dumps({"text": GOOD_TEXT * 40}), json.dumps({"text": GOOD_TEXT})]
    arts, probs = run_batch(tmp_path, "mixed.jsonl", "\n".join(lines).encode(), Settings(max_bytes=2_000))
    assert len(arts) == 3 and [p.code for p in probs] == ["E108"]
    assert probs[0].source.endswith("mixed.jsonl:1")


def test_e109_record_without_text(tmp_path):
    records = [{"title": "Headline with no story"}, {"text": "   "}, {"text": GOOD_TEXT}]
    arts, probs = run_batch(tmp_path, "list.json", json.dumps(records).encode())
    assert len(arts) == 3
    assert [(p.code, p.source.rsplit("/", 1)[-1]) for p in probs] == [("E109", "list.json#1"), ("E109", "list.json#2")]
    assert "no 'text' field" in probs[0].reason and "empty" in probs[1].reason


def test_e110_missing_path(tmp_path):
    (tmp_path / "here.txt").write_text(GOOD_TEXT, encoding="utf-8")
    results = list(read_inputs([tmp_path / "here.txt", tmp_path / "gone.txt"], Settings()))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], IngestProblem) and results[1].code == "E110"
    assert results[1].source.endswith("gone.txt") and "does not exist" in results[1].reason


def test_e111_unsupported_extension(tmp_path):
    arts, probs = run_batch(tmp_path, "report.pdf", b"%PDF-1.4 pretend document")
    assert_one_problem(arts, probs, "E111", "report.pdf", ".pdf", "not supported")
