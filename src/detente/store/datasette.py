"""Datasette metadata for a detente database: table and column descriptions.

`detente export --format datasette -o metadata.json`, then
`datasette detente.db --metadata metadata.json`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from detente.datafiles import read_yaml


def datasette_metadata(db_name: str) -> dict[str, Any]:
    """Metadata for the database file named `db_name` (its stem is Datasette's name)."""
    data = read_yaml("datasette.yaml")
    tables = {name: {"description": spec["description"], "columns": dict(spec.get("columns") or {})}
              for name, spec in data["tables"].items()}
    return {"title": data["title"], "description": data["description"],
            "databases": {Path(db_name).stem: {"tables": tables}}}


def write_datasette_metadata(db_name: str, out: Path | TextIO) -> int:
    """Write the metadata as JSON; returns the number of tables described."""
    meta = datasette_metadata(db_name)
    text = json.dumps(meta, indent=2, ensure_ascii=False)
    if isinstance(out, Path):
        out.write_text(text + "\n", encoding="utf-8")
    else:
        out.write(text + "\n")
    return len(next(iter(meta["databases"].values()))["tables"])
