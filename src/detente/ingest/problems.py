"""A small exception that carries an ingest problem up to the place that reports it.

Readers raise `Reject(code, reason)`; the driver turns it into an
`IngestProblem` naming the source, so one bad input never stops the batch.
"""

from __future__ import annotations

from detente.errors import CATALOGUE
from detente.records import IngestProblem


class Reject(Exception):
    """One input (file, line or entry) that cannot become an article."""

    def __init__(self, code: str, reason: str):
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code}")
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason

    def problem(self, source: str) -> IngestProblem:
        return IngestProblem(source=source, code=self.code, reason=self.reason)
