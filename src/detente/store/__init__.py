"""detente.store: articles, analyses and events in SQLite, behind the `Store` interface.

    from detente.store import open_store
    with open_store("detente.db") as store:
        store.save(article, analysis)

Exports in PLOVER JSON lines, CSV and Parquet live in detente.store.export.
"""

from detente.store.base import Store
from detente.store.sqlite import SQLiteStore, open_store

__all__ = ["Store", "SQLiteStore", "open_store"]
