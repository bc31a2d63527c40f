"""The one error catalogue: every failure detente reports has a code here.

All errors render to one JSON shape: {"error": {"code", "message", "detail"}}.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ErrorKind:
    code: str
    title: str
    exit_code: int = 1


CATALOGUE: dict[str, ErrorKind] = {
    k.code: k
    for k in [
        # warnings: the input is stored, with something the user should know
        ErrorKind("W101", "no publication date: a fallback date was used", 0),
        # ingestion (one bad input; the batch goes on)
        ErrorKind("E101", "input is binary, not text"),
        ErrorKind("E102", "input is empty"),
        ErrorKind("E103", "input cannot be decoded as text"),
        ErrorKind("E104", "malformed HTML"),
        ErrorKind("E105", "malformed XML feed"),
        ErrorKind("E106", "malformed JSON"),
        ErrorKind("E107", "text is not in English"),
        ErrorKind("E108", "input larger than the size limit"),
        ErrorKind("E109", "record has no text"),
        ErrorKind("E110", "path does not exist"),
        ErrorKind("E111", "unsupported input format"),
        ErrorKind("E112", "record nested deeper than the limit"),
        ErrorKind("E113", "article could not be analysed or stored"),
        # configuration and usage
        ErrorKind("E201", "invalid setting", 2),
        ErrorKind("E202", "configuration file unreadable", 2),
        ErrorKind("E203", "invalid argument", 2),
        # storage
        ErrorKind("E301", "database cannot be opened"),
        ErrorKind("E302", "schema is newer than this detente"),
        ErrorKind("E303", "no such article"),
        # NLP and knowledge base
        ErrorKind("E401", "spaCy model not installed"),
        ErrorKind("E402", "knowledge-base file invalid"),
        # evaluation
        ErrorKind("E501", "gold file unreadable or missing columns"),
        ErrorKind("E502", "unknown label set"),
        ErrorKind("E503", "development corpus folder or expected file invalid"),
        # HTTP API (detente serve)
        ErrorKind("E601", "not found"),
        ErrorKind("E602", "forbidden: the server is read-only"),
        ErrorKind("E603", "request body larger than the size limit"),
        ErrorKind("E604", "bad request"),
        ErrorKind("E605", "missing or wrong bearer token"),
        ErrorKind("E606", "internal server error"),
    ]
}


class DetenteError(Exception):
    """An error from the catalogue, with a message for people and a JSON shape."""

    def __init__(self, code: str, message: str, **detail: Any):
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail

    @property
    def kind(self) -> ErrorKind:
        return CATALOGUE[self.code]

    @property
    def exit_code(self) -> int:
        return self.kind.exit_code

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "title": self.kind.title,
                          "message": self.message, "detail": self.detail}}

    def __str__(self) -> str:
        return f"{self.code} {self.message}"
