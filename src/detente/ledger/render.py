"""Rows and rich tables for the ledger commands (the CLI stays a thin shell).

`rows_*` give flat dicts (for CSV and tables); `*_table` give rich Tables;
`agreement_view` the text of `detente agreement ID`.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from detente.ledger.records import Agreement, Allegation, Ledger, Position


def _j(values) -> str:
    return ";".join(str(v) for v in values)


def rows_positions(positions: list[Position]) -> list[dict]:
    return [{"id": p.id, "party": p.party, "stance": p.stance, "topic": p.topic, "wording": p.wording,
             "first_seen": p.first_seen, "last_seen": p.last_seen, "n_reports": p.n_reports,
             "n_outlets": p.n_outlets, "reported_by": _j(p.reported_by),
             "history": _j(f"{h.date}:{h.stance}" for h in p.history)} for p in positions]


def rows_agreements(agreements: list[Agreement]) -> list[dict]:
    return [{"id": a.id, "kind": a.kind, "label": a.label, "status": a.status,
             "violated_since": a.violated_since, "parties": _j(a.parties), "mediators": _j(a.mediators),
             "targets": _j(a.scope.targets), "areas": _j(a.scope.areas),
             "start": a.terms.start, "duration_days": a.terms.duration_days, "end": a.terms.end,
             "history": _j(f"{h.date}:{h.status}{' (alleged)' if h.alleged else ''}:{','.join(h.by)}"
                           for h in a.history),
             "disputed": _j(sorted(a.disputed)), "mentions": len(a.mentions)} for a in agreements]


def rows_allegations(allegations: list[Allegation]) -> list[dict]:
    return [{"id": v.id, "agreement_id": v.agreement_id, "kind": v.kind, "date": v.date,
             "accused": _j(v.accused), "accuser": _j(v.accuser), "place": v.place, "target": v.target,
             "n_outlets": v.n_outlets, "claimed_count": v.claimed_count, "denied": bool(v.denials),
             "sentence": v.evidence[0].sentence if v.evidence else ""} for v in allegations]


CELL_CHARS = 70  # tables are for reading at a glance; --format json|csv keeps every word


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def table(rows: list[dict], title: str, columns: list[str]) -> Table:
    out = Table(title=title)
    for col in columns:
        out.add_column(col, no_wrap=col in ("id", "agreement_id", "date", "last_seen", "start"))
    for row in rows:
        out.add_row(*(_cell(row[c]) for c in columns))
    return out


def positions_table(positions: list[Position]) -> Table:
    return table(rows_positions(positions), "positions",
                 ["party", "stance", "topic", "wording", "last_seen", "n_reports", "n_outlets"])


def agreements_table(agreements: list[Agreement]) -> Table:
    return table(rows_agreements(agreements), "agreements",
                 ["id", "kind", "label", "status", "parties", "start", "history", "mentions"])


def compliance_table(allegations: list[Allegation]) -> Table:
    return table(rows_allegations(allegations), "alleged violations",
                 ["agreement_id", "date", "accused", "accuser", "kind", "target", "claimed_count", "denied",
                  "n_outlets"])


def agreement_view(a: Agreement, allegations: list[Allegation]) -> Group:
    alleged = f", violations alleged since {a.violated_since}" if a.violated_since else ""
    head = Text(f"{a.label}  [{a.id}]  status: {a.status}{alleged}\n", style="bold")
    head.append(f"kind {a.kind}; parties {', '.join(a.parties) or '-'}; mediators {', '.join(a.mediators) or '-'}"
                f"; scope {', '.join(a.scope.targets + a.scope.areas) or 'general'}\n", style="")
    t = a.terms
    head.append(f"terms: start {t.start or '?'}, duration {t.duration_days or '?'} days, end {t.end or '?'}; "
                f"quantities {', '.join(f'{q.value:g} {q.unit}' for q in t.quantities) or '-'}; "
                f"conditions {'; '.join(f'{c.text} ({_j(c.by)})' for c in t.conditions) or '-'}\n", style="")
    for field, values in sorted(a.disputed.items()):
        head.append(f"disputed {field}: " + "; ".join(f"{v.value} ({', '.join(v.sources)})" for v in values) + "\n",
                    style="yellow")
    timeline = Table(title="status timeline")
    for col in ("date", "status", "by", "conditions", "evidence"):
        timeline.add_column(col)
    for h in a.history:
        timeline.add_row(h.date or "?", f"{h.status} (alleged)" if h.alleged else h.status, ", ".join(h.by),
                         "; ".join(h.conditions),
                         "\n".join(f"{e.outlet or e.article_id}: {e.sentence}" for e in h.evidence))
    return Group(head, timeline, compliance_table(allegations))


def ledger_json(ledger: Ledger) -> str:
    """The whole ledger as one JSON document."""
    return ledger.model_dump_json(indent=2)
