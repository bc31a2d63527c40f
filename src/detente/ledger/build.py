"""`build_ledger`: events and their articles in, the whole ledger out — pure and deterministic.

The result depends only on the set of events and articles, never on their
order: reports are sorted by stable keys before every step, and every id is a
content hash.
"""

from __future__ import annotations

from detente.ledger.agreements import build_agreements, implied_agreements, in_order
from detente.ledger.observations import named_brokers
from detente.ledger.cluster import cluster_events
from detente.ledger.common import reports
from detente.ledger.compliance import build_allegations, charged_truces, with_violations
from detente.knowledge.ledger import knowledge
from detente.ledger.positions import build_positions
from detente.ledger.records import Ledger
from detente.records import Article, Event


def build_ledger(events: list[Event], articles: dict[str, Article]) -> Ledger:
    """Cluster events, then derive positions, agreements and alleged violations."""
    kb = knowledge()
    reps = reports(events, articles)
    clusters, index = cluster_events(reps, kb)
    dates = [a.published.date().isoformat() for a in articles.values()
             if a.published and not a.metadata.get("published_fallback")]
    dates += [r.date for r in reps if r.date and len(r.date) == 10 and r.event.date.fallback]
    reference = max(dates) if dates else None
    named = named_brokers(reps, kb)  # the mediators the reports name, for agreements and positions
    positions = build_positions(reps, kb, named.by_article)
    agreements = build_agreements(reps, kb, reference, named)
    # a truce reported only through charges of breaking it is a record too
    charges = charged_truces(reps, clusters, index, agreements, kb, named.by_article)
    agreements = in_order(agreements + implied_agreements(charges, kb, reference, named))
    allegations = build_allegations(reps, clusters, index, agreements, kb)
    agreements = with_violations(agreements, allegations)
    return Ledger(clusters=clusters, positions=positions, agreements=agreements, allegations=allegations)
