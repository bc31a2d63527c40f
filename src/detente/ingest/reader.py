"""The ingest driver: paths and stdin in, Articles or IngestProblems out, one input at a time.

Every failure is caught per input (file, JSONL line, JSON list item, feed entry)
and becomes an IngestProblem naming it, so one bad input never stops a batch.
"""

from __future__ import annotations

import errno
import os
import sys
from datetime import tzinfo
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, TextIO

from detente.errors import DetenteError
from detente.ingest.build import Draft, finish
from detente.ingest.dates import default_zone
from detente.ingest.decode import check_binary, decode, sniff
from detente.ingest.feed import read_feed
from detente.ingest.html import read_html
from detente.ingest.jsonrec import read_json, read_jsonl, record_draft
from detente.ingest.knowledge import load_knowledge
from detente.ingest.problems import Reject
from detente.ingest.text import read_text
from detente.records import Article, IngestProblem
from detente.settings import Settings

_FALLBACK_CODES = {"html": "E104", "feed": "E105", "json": "E106", "jsonl": "E106"}
STDIN = "-"
STDIN_SOURCE = "<stdin>"
Result = Article | IngestProblem


# --------------------------------------------------------------------------- listing


def _walk(root: Path) -> list[Path]:
    """Non-hidden files under `root`, recursively, sorted by relative path (symlinked folders not followed)."""
    skip = load_knowledge().folder_skip
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(Path(dirpath) / f for f in filenames
                     if not f.startswith(".") and not any(fnmatch(f, pat) for pat in skip))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def list_sources(paths: Iterable[str | Path]) -> list[Path | str]:
    """The inputs read_inputs will visit, in order: folders expanded, "-" kept, missing paths kept (E110)."""
    out: list[Path | str] = []
    for raw in paths:
        if str(raw) == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        out.extend(_walk(path) if path.is_dir() else [path])
    return out


# --------------------------------------------------------------------------- reading


def read_inputs(paths: Iterable[str | Path], settings: Settings, stdin: TextIO | None = None) -> Iterator[Result]:
    """Lazily yield an Article or IngestProblem for every input under `paths` ("-" = stdin)."""
    zone = default_zone(settings.default_tz)
    for source in list_sources(paths):
        yield from _iter_source(source, settings, zone, stdin)


def read_source(path_or_dash: str | Path, settings: Settings, stdin: TextIO | None = None) -> list[Result]:
    """Every Article or IngestProblem from one file ("-" = stdin; a folder is read recursively)."""
    return list(read_inputs([path_or_dash], settings, stdin))


def _iter_source(source: Path | str, settings: Settings, zone: tzinfo, stdin: TextIO | None) -> Iterator[Result]:
    name = STDIN_SOURCE if source == STDIN else str(source)
    try:
        if source == STDIN:
            data = _read_stdin(stdin if stdin is not None else sys.stdin, settings.max_bytes)
            yield from _dispatch(name, None, data, settings, zone)
            return
        path = Path(source)
        fmt = _format_for(path)
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, settings, zone)
            return
        yield from _dispatch(name, fmt, _read_file(path, settings.max_bytes), settings, zone)
    except Reject as rej:
        yield rej.problem(name)
    except DetenteError:
        raise  # configuration or knowledge-base errors concern the whole run, not this input
    except Exception as exc:  # a parser library choking on odd input must not stop the batch
        code = _FALLBACK_CODES.get(_suffix_format(source), "E103")
        yield IngestProblem(source=name, code=code,
                            reason=f"the input could not be read: {type(exc).__name__}: {exc}")


def _suffix_format(source: Path | str) -> str | None:
    return None if source == STDIN else load_knowledge().extension_format.get(Path(source).suffix.lower())


def _format_for(path: Path) -> str | None:
    """The format an extension names, None to sniff the content; E110/E111 for missing or unsupported files."""
    _check_exists(path)
    if not path.is_file():
        raise Reject("E110", f"the path {str(path)!r} is not a regular file or folder")
    kb = load_knowledge()
    ext = path.suffix.lower()
    if ext in kb.unsupported_extensions:
        raise Reject("E111", f"{ext} files are not supported (use text, HTML, RSS/Atom, JSON or JSONL)")
    fmt = kb.extension_format.get(ext)
    return None if fmt == "text" and ext == "" else fmt  # no extension: sniff, text by default


def _check_exists(path: Path) -> None:
    """E110 for a path that leads nowhere, saying why: missing, a dangling link, or a symbolic link loop."""
    try:
        path.stat()
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Reject("E110", f"the path {str(path)!r} is a symbolic link loop: following it never "
                                 "reaches a file") from exc
        if path.is_symlink():
            raise Reject("E110", f"the path {str(path)!r} is a symbolic link to {os.readlink(path)!r}, "
                                 "which does not exist") from exc
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            raise Reject("E110", f"the path {str(path)!r} cannot be read: {exc.strerror or exc}") from exc
    raise Reject("E110", f"the path {str(path)!r} does not exist")


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Reject("E108", f"the file is {size:,} bytes, over the max_bytes limit of {max_bytes:,}")
        return path.read_bytes()
    except OSError as exc:
        raise Reject("E110", f"the file cannot be opened: {exc.strerror or exc}") from exc


def _read_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> bytes:
    buffer = getattr(stream, "buffer", None)
    data = buffer.read(max_bytes + 1) if buffer is not None else stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise Reject("E108", f"standard input is over the max_bytes limit of {max_bytes:,} bytes")
    return data


def _dispatch(name: str, fmt: str | None, data: bytes, settings: Settings, zone: tzinfo) -> Iterator[Result]:
    """Decode (feeds excepted), sniff when needed, and run the format's reader."""
    if fmt == "feed":
        decode(data)  # the shared E101/E102/E103 checks; feedparser decodes by itself
        yield from _feed(name, data, settings, zone)
        return
    text = decode(data)
    fmt = fmt or sniff(text)
    if fmt == "feed":
        yield from _feed(name, data, settings, zone)
    elif fmt == "html":
        yield _finish(name, read_html(text, zone), settings)
    elif fmt == "json":
        is_list, values = read_json(text)
        for i, value in enumerate(values, start=1):
            yield _record(f"{name}#{i}" if is_list else name, value, settings, zone)
    elif fmt == "jsonl":
        yield from _jsonl(name, enumerate(data.split(b"\n"), start=1), settings, zone)
    else:
        yield _finish(name, read_text(text, zone), settings)


def _finish(name: str, draft: Draft, settings: Settings, empty_code: str = "E102") -> Result:
    try:
        return finish(draft, name, settings, empty_code)
    except Reject as rej:
        return rej.problem(name)


def _record(name: str, value: object, settings: Settings, zone: tzinfo) -> Result:
    try:
        return _finish(name, record_draft(value, settings, zone), settings, "E109")
    except Reject as rej:
        return rej.problem(name)


def _feed(name: str, data: bytes, settings: Settings, zone: tzinfo) -> Iterator[Result]:
    for n, item in read_feed(data, zone):
        entry = f"{name}#{n}" if n else name  # 0: the feed as a whole (its XML breaks after some entries)
        yield item.problem(entry) if isinstance(item, Reject) else _finish(entry, item, settings, "E109")


def _jsonl(name: str, lines: Iterable[tuple[int, bytes]], settings: Settings, zone: tzinfo) -> Iterator[Result]:
    seen = False
    for lineno, item in read_jsonl(lines, settings.max_bytes):
        seen = True
        where = f"{name}:{lineno}"
        yield item.problem(where) if isinstance(item, Reject) else _record(where, item, settings, zone)
    if not seen:
        raise Reject("E102", "the JSON Lines file holds no records")


def _read_jsonl_file(path: Path, settings: Settings, zone: tzinfo) -> Iterator[Result]:
    """Stream a .jsonl file line by line: the size limit applies to each record, not the file."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise Reject("E110", f"the file cannot be opened: {exc.strerror or exc}") from exc
    with fh:
        head = fh.read(8192)
        if not head.strip() and not fh.read(1):
            raise Reject("E102", "the input is empty" if not head else "the input contains only whitespace")
        check_binary(head)
        fh.seek(0)
        yield from _jsonl(str(path), enumerate(fh, start=1), settings, zone)
