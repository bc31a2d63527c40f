"""The example corpus is complete: every format, the promised counts and lengths."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import lxml.html
import pytest

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
HEADER = re.compile(r"^.+\n.+- \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\n- [\d,]+\n\n")


def _words(text: str) -> int:
    return len(text.split())


def _texts() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(CORPUS.iterdir()):
        suffix = path.suffix
        if suffix == ".txt":
            out[path.name] = [HEADER.sub("", path.read_text("utf-8"))]
        elif suffix == ".html":
            body = lxml.html.fromstring(path.read_bytes()).xpath("//p")
            out[path.name] = [" ".join(p.text_content() for p in body)]
        elif suffix in (".xml", ".atom"):
            feed = feedparser.parse(str(path))
            out[path.name] = [e.content[0].value if "content" in e else e.description for e in feed.entries]
        elif suffix == ".json":
            out[path.name] = [r["text"] for r in json.loads(path.read_text("utf-8"))]
        elif suffix == ".jsonl":
            out[path.name] = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    return out


def test_formats_and_counts():
    texts = _texts()
    txt = [n for n in texts if n.endswith(".txt")]
    headed = [n for n in txt if HEADER.match((CORPUS / n).read_text("utf-8"))]
    assert len(headed) >= 2 and len(txt) - len(headed) >= 2
    assert len([n for n in texts if n.endswith(".html")]) >= 2
    feeds = {n: feedparser.parse(str(CORPUS / n)) for n in texts if n.endswith((".xml", ".atom"))}
    assert sorted((f.version, len(f.entries)) for f in feeds.values()) == [("atom10", 2), ("rss20", 3)]
    assert [len(v) for n, v in texts.items() if n.endswith(".json")] == [2]
    assert [len(v) for n, v in texts.items() if n.endswith(".jsonl")] == [3]
    assert sum(len(v) for v in texts.values()) >= 14


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_records_have_fields(suffix):
    path = next(CORPUS.glob(f"*{suffix}"))
    raw = path.read_text("utf-8")
    records = json.loads(raw) if suffix == ".json" else [json.loads(x) for x in raw.splitlines() if x.strip()]
    for r in records:
        assert {"text", "title", "url", "published", "outlet"} < set(r)   # plus one extra field


def test_lengths_and_readme():
    readme = (CORPUS / "README.md").read_text("utf-8")
    for name, texts in _texts().items():
        assert f"`{name}`" in readme, name
        for text in texts:
            assert 120 <= _words(text) <= 300, (name, _words(text))
