"""data/CHANGELOG.md names every data file's current version, one line per change."""

from __future__ import annotations

import re

import pytest

from detente.datafiles import DATA_DIR, read_yaml

CHANGELOG = (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
LINE = re.compile(r"^- (\d{4}-\d{2}-\d{2}) ([\w.-]+\.yaml) v(\d+): \S")
VERSIONED = sorted(p.name for p in DATA_DIR.glob("*.yaml") if isinstance(read_yaml(p), dict)
                   and "version" in read_yaml(p))


def _entries() -> list[tuple[str, str, int]]:
    out = []
    for line in CHANGELOG.splitlines():
        if line.startswith("- "):
            m = LINE.match(line)
            assert m, f"not 'YYYY-MM-DD file.yaml vN: what': {line[:80]}"
            out.append((m.group(1), m.group(2), int(m.group(3))))
    return out


def test_every_line_names_an_existing_file():
    entries = _entries()
    assert entries
    for _, name, _ in entries:
        assert (DATA_DIR / name).exists(), name


@pytest.mark.parametrize("name", VERSIONED)
def test_each_files_current_version_is_in_the_changelog(name):
    version = read_yaml(name)["version"]
    assert (name, version) in {(n, v) for _, n, v in _entries()}, \
        f"add a line '- YYYY-MM-DD {name} v{version}: ...' to src/detente/data/CHANGELOG.md"
