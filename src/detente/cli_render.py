"""Rich renderables for the CLI: the events table and an article with its spans marked."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from detente.records import Article, ArticleAnalysis

STYLES = {
    "trigger": "bold white on red",
    "actor": "bold cyan",
    "date": "magenta",
    "place": "green",
    "quantity": "yellow",
}


def _actors(entities: list[dict]) -> str:
    return ", ".join(
        "/".join(x for x in (e.get("code"), e.get("sector")) if x) + (f" ({e['entity_name']})"
                                                                      if e.get("entity_name") else "")
        for e in entities
    )


def render_events_table(records: list[dict]) -> Table:
    table = Table(title=f"{len(records)} events", show_lines=False)
    for col in ("date", "event", "mode", "modality", "actor", "recipient", "claimed by", "text"):
        table.add_column(col, overflow="fold")
    for r in records:
        att = r.get("attribution") or {}
        speakers = _actors(att.get("speaker") or []) or (att.get("speaker_text") or "")
        claimed = "; ".join(x for x in [speakers, *att.get("outlets", [])] if x)
        event = r["event"] + (" *" if r.get("primary") else "")
        table.add_row(r.get("date") or "?", event, r.get("mode") or "", r.get("modality") or "",
                      _actors(r.get("actor") or []), _actors(r.get("recipient") or []), claimed,
                      r.get("event_text") or "")
    table.caption = "* primary event of its sentence"
    return table


def render_article(article: Article, analysis: ArticleAnalysis) -> Group:
    """The article text with every mention styled, followed by its events."""
    head = Text()
    head.append(article.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (article.outlet, article.published.isoformat() if article.published else None,
                                   article.url, article.id) if x)
    head.append(f"\n{meta}\n", style="dim")
    body = Text(article.text)
    for m in sorted(analysis.mentions, key=lambda m: (m.kind != "trigger", m.start)):
        body.stylize(STYLES.get(m.kind, ""), m.start, m.end)
    legend = Text("  ".join(f"{k}" for k in STYLES), style="dim")
    for k, style in STYLES.items():
        legend.highlight_words([k], style=style)
    rows = Table(title="mentions", show_lines=False)
    for col in ("kind", "text", "resolved"):
        rows.add_column(col, overflow="fold")
    for m in analysis.mentions:
        rows.add_row(m.kind, m.text, m.label)
    events = render_events_table([e.to_plover(article) for e in analysis.events])
    return Group(head, legend, body, Text(""), rows, events)
