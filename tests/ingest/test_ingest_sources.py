"""Folders, ordering, hidden files, stdin and laziness of read_inputs / list_sources."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from detente.ingest import list_sources, read_inputs, read_source
from detente.records import Article, IngestProblem

STORY = "Both governments said on Thursday that the ceasefire along the coast had held overnight.\n"


def make_tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text(STORY, encoding="utf-8")
    (root / "b" / "deep" / "c.txt").write_text(STORY.replace("Thursday", "Friday"), encoding="utf-8")
    (root / "b" / "a.txt").write_text(STORY.replace("Thursday", "Monday"), encoding="utf-8")
    (root / ".draft.txt").write_text(STORY.replace("Thursday", "Sunday"), encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "old.txt").write_text(STORY.replace("Thursday", "Tuesday"), encoding="utf-8")


def test_folder_recursion_sorted_and_hidden_skipped(tmp_path, settings):
    make_tree(tmp_path)
    sources = list_sources([tmp_path])
    assert sources == [tmp_path / "a.txt", tmp_path / "b" / "a.txt", tmp_path / "b" / "deep" / "c.txt"]
    results = list(read_inputs([tmp_path], settings))
    assert [r.source_path for r in results] == [str(p) for p in sources]
    assert all(isinstance(r, Article) for r in results)
    assert not any("Sunday" in r.text or "Tuesday" in r.text for r in results)


def test_fixture_folder_reads_every_format(fixtures, settings):
    results = list(read_inputs([fixtures], settings))
    articles = [r for r in results if isinstance(r, Article)]
    suffixes = {Path(a.source_path.split("#")[0].split(":")[0]).suffix for a in articles}
    assert suffixes == {".atom", ".rss", ".html", ".json", ".txt"}
    # records.jsonl uses other field names, so under default settings it gives E109 twice
    assert [r.code for r in results if isinstance(r, IngestProblem)] == ["E109", "E109"]


def test_list_sources_keeps_dash_and_missing_paths(tmp_path):
    (tmp_path / "x.txt").write_text(STORY, encoding="utf-8")
    assert list_sources(["-", tmp_path / "x.txt", tmp_path / "nope.txt"]) == [
        "-", tmp_path / "x.txt", tmp_path / "nope.txt"]


def test_stdin_plain_text(settings):
    (art,) = read_source("-", settings, stdin=io.StringIO(STORY))
    assert isinstance(art, Article) and art.source_path == "<stdin>"
    assert art.text == STORY.strip()


def test_stdin_sniffs_json_lines(settings):
    lines = '{"text": "Talks resumed in the morning, the envoy said."}\n{"title": "no text here"}\n'
    first, second = read_source("-", settings, stdin=io.StringIO(lines))
    assert isinstance(first, Article) and first.source_path == "<stdin>:1"
    assert isinstance(second, IngestProblem) and second.code == "E109" and second.source == "<stdin>:2"


def test_stdin_sniffs_html_and_feed_from_bytes(fixtures, settings):
    class Binary(io.StringIO):
        """A text stream whose .buffer holds bytes, like sys.stdin."""

        def __init__(self, data: bytes):
            super().__init__()
            self.buffer = io.BytesIO(data)

    (page,) = read_source("-", settings, stdin=Binary((fixtures / "html" / "truce.html").read_bytes()))
    assert page.title == "Envoys agree on a truce in the north"
    entries = read_source("-", settings, stdin=Binary((fixtures / "feeds" / "wire.rss").read_bytes()))
    assert [e.source_path for e in entries] == ["<stdin>#1", "<stdin>#2"]


def test_no_extension_file_is_sniffed(fixtures, tmp_path, settings):
    shutil.copy(fixtures / "feeds" / "desk.atom", tmp_path / "downloaded")
    (art,) = read_source(tmp_path / "downloaded", settings)
    assert art.outlet == "Northern Desk"


def test_read_inputs_is_lazy(tmp_path, settings):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY.replace("Thursday", "Friday"), encoding="utf-8")
    stream = read_inputs([tmp_path], settings)
    first = next(stream)
    (tmp_path / "b.txt").unlink()  # read only when the caller asks for it
    second = next(stream)
    assert isinstance(first, Article)
    assert isinstance(second, IngestProblem) and second.code == "E110"


def test_folder_walk_skips_documentation(tmp_path):
    from detente.ingest import list_sources

    (tmp_path / "README.md").write_text("# what this folder holds\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("notes\n", encoding="utf-8")
    (tmp_path / "report.txt").write_text("Talks resumed in Geneva on Monday.\n", encoding="utf-8")
    assert [p.name for p in list_sources([tmp_path])] == ["report.txt"]
    # named explicitly, a documentation file is still read
    assert [str(p) for p in list_sources([tmp_path / "README.md"])] == [str(tmp_path / "README.md")]
