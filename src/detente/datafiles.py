"""The one reader of detente's knowledge files (src/detente/data/*.yaml).

Each module validates the shape of its own file; this reads and parses it, and
turns a missing file or a YAML syntax error into error E402 naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from detente.errors import DetenteError

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str | Path) -> Path:
    """A bare file name is looked up in the packaged data folder; a path is kept."""
    path = Path(name)
    return path if path.parent != Path(".") or path.is_absolute() else DATA_DIR / path


def read_yaml(name: str | Path) -> Any:
    """Parse one knowledge file (E402 when it cannot be read or parsed)."""
    path = data_path(name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DetenteError("E402", f"{path.name}: {exc}", file=str(path)) from exc
