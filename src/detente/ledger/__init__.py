"""The ledger: positions, agreements with status history, compliance, de-duplicated events.

    build_ledger(events, articles) -> Ledger     pure, order-independent
    carry_ids(new, old) -> Ledger                 each record keeps the id of the stored one it continues
    knowledge() -> LedgerKnowledge                topics.yaml + ledger.yaml, checked
"""

from detente.ledger.build import build_ledger
from detente.ledger.ids import carry_ids
from detente.knowledge.ledger import knowledge
from detente.ledger.records import (Agreement, Allegation, Denial, EventCluster, Ledger, Mention, Position,
                                    StatusChange)

__all__ = ["build_ledger", "carry_ids", "knowledge", "Agreement", "Allegation", "Denial", "EventCluster", "Ledger",
           "Mention", "Position", "StatusChange"]
