"""The one reader of detente's knowledge files (src/detente/data/*.yaml).

Each module validates the shape of its own file; this reads and parses it, and
turns a missing file or a YAML syntax error into error E402 naming the file.

Word sets that several files share (ceasefire words, proposal and refusal verbs)
are defined once, in vocabulary.yaml.  A list item "$name" in any file stands for
the set's phrases, and "$name*" for each phrase with "*" appended (crosswalk.yaml's
prefix syntax); the reader puts them in place, so each module sees plain lists and
keeps its own matching rules.  An unknown set name is error E402.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from detente.errors import DetenteError

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY = "vocabulary.yaml"
_REFERENCE = re.compile(r"\$([a-z][a-z0-9_]*)(\*?)")


def data_path(name: str | Path) -> Path:
    """A bare file name is looked up in the packaged data folder; a path is kept."""
    path = Path(name)
    return path if path.parent != Path(".") or path.is_absolute() else DATA_DIR / path


def _parse(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DetenteError("E402", f"{path.name}: {exc}", file=str(path)) from exc


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[str, ...]]:
    """The shared word sets of vocabulary.yaml, by name."""
    path = DATA_DIR / VOCABULARY
    data = _parse(path)
    sets = data.get("sets") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("version"), int) or not isinstance(sets, dict):
        raise DetenteError("E402", f"{VOCABULARY}: needs an integer 'version' and a mapping 'sets'", file=str(path))
    out = {}
    for name, phrases in sets.items():
        if (not _REFERENCE.fullmatch(f"${name}") or not isinstance(phrases, list) or not phrases
                or not all(isinstance(p, str) and p == p.lower() and p.strip() == p and p for p in phrases)):
            raise DetenteError("E402", f"{VOCABULARY}: set {name!r} needs a name in lower case and a list of "
                               "lower-case phrases", file=str(path))
        out[str(name)] = tuple(phrases)
    return out


def expand(data: Any, file: str = "") -> Any:
    """`data` with every "$name" list item replaced by the set's phrases (see the module doc)."""
    if isinstance(data, dict):
        return {k: expand(v, file) for k, v in data.items()}
    if isinstance(data, list):
        out: list[Any] = []
        for item in data:
            ref = _REFERENCE.fullmatch(item) if isinstance(item, str) else None
            if ref is None:
                out.append(expand(item, file))
                continue
            phrases = vocabulary().get(ref.group(1))
            if phrases is None:
                raise DetenteError("E402", f"{file}: unknown word set {item!r} (vocabulary.yaml)", file=file)
            out.extend(f"{p}{ref.group(2)}" for p in phrases)
        return out
    return data


def read_yaml(name: str | Path) -> Any:
    """Parse one knowledge file, with its shared word sets in place (E402 when it cannot be read
    or parsed, or names an unknown set)."""
    path = data_path(name)
    data = _parse(path)
    return data if path.name == VOCABULARY and path.parent == DATA_DIR else expand(data, path.name)
