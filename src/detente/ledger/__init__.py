"""The ledger: positions, agreements with status history, compliance, de-duplicated events.

    build_ledger(events, articles) -> Ledger     pure, order-independent
    knowledge() -> LedgerKnowledge                topics.yaml + ledger.yaml, checked
"""

from detente.ledger.build import build_ledger
from detente.knowledge.ledger import knowledge
from detente.ledger.records import (Agreement, Allegation, Denial, EventCluster, Ledger, Mention, Position,
                                    StatusChange)

__all__ = ["build_ledger", "knowledge", "Agreement", "Allegation", "Denial", "EventCluster", "Ledger",
           "Mention", "Position", "StatusChange"]
