"""Ingestion: files, folders and stdin (text, HTML, RSS/Atom, JSON, JSONL) to Articles.

Public API:
    read_inputs(paths, settings, stdin=None) -> Iterator[Article | IngestProblem]
    list_sources(paths) -> list[Path | str]
    read_source(path_or_dash, settings, stdin=None) -> list[Article | IngestProblem]

A bad input becomes an IngestProblem (code from detente.errors.CATALOGUE, source
"path", "path:line" for JSONL or "path#n" for a JSON list item or feed entry);
the rest of the batch is still read.
"""

from detente.ingest.reader import list_sources, read_inputs, read_source

__all__ = ["list_sources", "read_inputs", "read_source"]
