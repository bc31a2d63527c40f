"""Request plumbing shared by the API routes: settings, a read-only store per request, pagination.

Pagination is `limit` + an opaque `cursor`.  The cursor is URL-safe base64 of a
small JSON object holding the offset of the next page; clients must pass it back
unchanged.  A cursor that does not decode, or whose offset is negative or past
MAX_OFFSET, is a bad request (E604, HTTP 422), never an SQL overflow.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Generic, TypeVar
from collections.abc import Iterator, Sequence

from fastapi import Query, Request
from pydantic import BaseModel, Field

from detente.errors import DetenteError
from detente.settings import Settings
from detente.store import open_store
from detente.store.base import Store

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: the largest offset a cursor may hold (far past any database; SQLite integers stop at 2**63)
MAX_OFFSET = 1_000_000_000

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list endpoint."""

    items: list[T]
    next_cursor: str | None = Field(None, description="pass as `cursor` to get the next page; null on the last")


def get_settings(request: Request) -> Settings:
    """The Settings the app was created with."""
    return request.app.state.settings


def read_store(request: Request) -> Iterator[Store]:
    """A store opened read-only for this request, closed when the response is sent."""
    store = open_store(get_settings(request).db, readonly=True)
    try:
        yield store
    finally:
        store.close()


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for (0 for none); E604 when it is not one of ours."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        offset = json.loads(raw)["o"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise DetenteError("E604", "the cursor is not valid; pass back next_cursor unchanged",
                           cursor=cursor) from exc
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise DetenteError("E604", "the cursor is not valid; pass back next_cursor unchanged", cursor=cursor)
    return offset


class PageParams:
    """The `limit` and `cursor` query parameters, decoded to an offset."""

    def __init__(self,
                 limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page"),
                 cursor: str | None = Query(None, max_length=200,
                                            description="next_cursor of the previous page")):
        self.limit = limit
        self.offset = decode_cursor(cursor)

    @property
    def window(self) -> int:
        """How many items to fetch from the start to know whether another page follows."""
        return self.offset + self.limit + 1

    def page(self, items: Sequence[Any]) -> dict[str, Any]:
        """Slice a full (or `window`-long) sequence into this page."""
        chunk = list(items[self.offset:self.offset + self.limit])
        more = len(items) > self.offset + self.limit
        return {"items": chunk, "next_cursor": encode_cursor(self.offset + self.limit) if more else None}

    def page_fetched(self, fetched: Sequence[Any]) -> dict[str, Any]:
        """A page from items fetched already starting at `offset` (up to limit + 1 of them)."""
        more = len(fetched) > self.limit
        return {"items": list(fetched[:self.limit]),
                "next_cursor": encode_cursor(self.offset + self.limit) if more else None}
