"""Gold-labelled evaluation files: CSV, TSV or JSONL rows of text and label.

Required columns: text, label.  Optional: source, target (annotators' actor
strings) and mode.  A file that cannot be read, or lacks a required column,
raises DetenteError E501.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from detente.errors import DetenteError

REQUIRED = ("text", "label")


class GoldRow(BaseModel):
    """One labelled example."""

    model_config = ConfigDict(frozen=True)

    text: str
    label: str
    source: str | None = None
    target: str | None = None
    mode: str | None = None
    line: int = 0


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _row(record: dict, line: int, path: Path) -> GoldRow:
    text, label = _clean(record.get("text")), _clean(record.get("label"))
    if text is None or label is None:
        raise DetenteError("E501", f"{path}:{line}: empty text or label", path=str(path), line=line)
    return GoldRow(text=text, label=label, source=_clean(record.get("source")),
                   target=_clean(record.get("target")), mode=_clean(record.get("mode")), line=line)


def _check_columns(columns: list[str] | None, path: Path) -> None:
    missing = [c for c in REQUIRED if c not in (columns or [])]
    if missing:
        raise DetenteError("E501", f"{path}: missing column(s) {', '.join(missing)}",
                           path=str(path), missing=missing, columns=list(columns or []))


def sniff_delimiter(path: Path, header: str) -> str:
    """Tab for .tsv/.tab files, comma for .csv; otherwise guess from the header line."""
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    if suffix == ".csv":
        return ","
    return "\t" if header.count("\t") > header.count(",") else ","


def _load_jsonl(path: Path, text: str) -> list[GoldRow]:
    rows = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise DetenteError("E501", f"{path}:{n}: not JSON: {exc.msg}", path=str(path), line=n) from exc
        if not isinstance(record, dict):
            raise DetenteError("E501", f"{path}:{n}: a record must be a JSON object", path=str(path), line=n)
        _check_columns(list(record), path)
        rows.append(_row(record, n, path))
    return rows


def _load_delimited(path: Path, text: str) -> list[GoldRow]:
    lines = text.splitlines(keepends=True)
    delimiter = sniff_delimiter(path, lines[0] if lines else "")
    reader = csv.DictReader(lines, delimiter=delimiter)
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    _check_columns(columns, path)
    reader.fieldnames = columns
    rows = []
    for record in reader:
        rows.append(_row(record, reader.line_num, path))
    return rows


def load_gold(path: str | Path) -> list[GoldRow]:
    """Read a gold file (CSV, TSV or JSONL, by extension or by sniffing)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DetenteError("E501", f"{path}: cannot read: {exc}", path=str(path)) from exc
    stripped = text.lstrip()
    is_jsonl = path.suffix.lower() in (".jsonl", ".ndjson") or (
        path.suffix.lower() not in (".csv", ".tsv", ".tab") and stripped.startswith("{"))
    try:
        rows = _load_jsonl(path, text) if is_jsonl else _load_delimited(path, text)
    except csv.Error as exc:
        raise DetenteError("E501", f"{path}: malformed delimited file: {exc}", path=str(path)) from exc
    if not rows:
        raise DetenteError("E501", f"{path}: no rows", path=str(path))
    return rows
