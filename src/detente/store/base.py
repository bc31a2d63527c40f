"""The storage interface every backend implements.

The pipeline, the CLI and the web view talk to a `Store`, never to SQL, so a
PostgreSQL backend can be added later without touching them.  `SQLiteStore`
(detente.store.sqlite) is the one backend today.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import TYPE_CHECKING, Any

from detente.records import Article, ArticleAnalysis, Event, EventFilter

if TYPE_CHECKING:
    from detente.ledger.records import Ledger


class Store(ABC):
    """Articles, their analyses and the events coded from them."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool:
        """True when the article (and so its analysis) is stored."""

    @abstractmethod
    def article_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids of stored articles starting with `prefix` (at most `limit`), sorted."""

    @abstractmethod
    def save(self, article: Article, analysis: ArticleAnalysis) -> bool:
        """Store one article and its analysis in one transaction.

        Returns False, writing nothing, when the article is already stored.
        On any failure nothing of the article remains, so re-running completes it.
        """

    @abstractmethod
    def delete(self, article_id: str) -> bool:
        """Remove an article with everything derived from it (to re-analyse it); False if absent."""

    @abstractmethod
    def article(self, article_id: str) -> Article | None:
        """The article as saved, or None."""

    @abstractmethod
    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        """The analysis as saved (sentences, mentions, events in order), or None."""

    @abstractmethod
    def events(self, flt: EventFilter) -> list[Event]:
        """Events matching the filter, ordered by date, article, trigger offset."""

    @abstractmethod
    def articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        """Articles, newest published first."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        """Full-text search on title and text: (article, snippet) pairs, best first."""

    @abstractmethod
    def actors(self) -> list[dict[str, Any]]:
        """Actors seen in stored events: code, sector, entity_name, kind, identifier_id, events."""

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts of articles, events, mentions and actors."""

    @abstractmethod
    def ledger_pending(self) -> int:
        """How many article writes (saves, deletes) the stored ledger does not reflect; 0 when it is current.

        Counted in the article's own transaction, so it survives a crash (kill -9) before the ledger is written."""

    @abstractmethod
    def replace_ledger(self, ledger: "Ledger", built_after: int | None = None) -> None:
        """Replace the stored ledger (clusters, positions, agreements, allegations) in one transaction.

        `built_after`: ledger_pending() read before the events the ledger was built from;
        writes made since stay pending.  None: the ledger reflects every write."""

    @abstractmethod
    def ledger(self) -> "Ledger":
        """The stored ledger (empty when none was built), in the order it was built."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection(s)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
