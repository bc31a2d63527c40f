"""HTML fragments built in Python: highlighted article text and inline SVG charts.

Safety rule: every piece of text that came from an article or from the NLP is
passed through `markupsafe.escape` slice by slice; only the tags written here
are trusted.  The results are `Markup`, so Jinja2's autoescape leaves them alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from detente.records import Mention

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
SERIES_COLOURS = ["#3b6ea5", "#5aa469", "#d9a13b", "#c0504d", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"]


# --------------------------------------------------------------------------- highlighted text


def _label(m: Mention) -> str:
    return m.label or m.kind


def _pick(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """Non-overlapping mentions inside [start, end): longest first at each offset, earliest first."""
    inside = sorted((m for m in mentions if start <= m.start < m.end <= end), key=lambda m: (m.start, -m.end))
    chosen: list[Mention] = []
    cursor = start
    for m in inside:
        if m.start >= cursor:
            chosen.append(m)
            cursor = m.end
    return chosen


def highlight(text: str, sentences: list[tuple[int, int]], mentions: list[Mention],
              target: int | None = None) -> Markup:
    """The article text as HTML: each sentence a `<span id="s-{start}">`, each mention a `<mark>`.

    `target` (a sentence start) gets the class `target` as well, so the cited sentence is
    highlighted even without the URL fragment.  Text between sentences is kept as is.
    """
    spans = sorted((s, e) for s, e in sentences if 0 <= s < e <= len(text)) or [(0, len(text))]
    out: list[str] = []
    cursor = 0
    for s, e in spans:
        if s < cursor:
            continue  # overlapping sentence offsets: keep the first
        out.append(str(escape(text[cursor:s])))
        cls = "sent target" if target == s else "sent"
        out.append(f'<span class="{cls}" id="s-{s}">')
        pos = s
        for m in _pick(mentions, s, e):
            out.append(str(escape(text[pos:m.start])))
            out.append(f'<mark class="{escape(m.kind)}" title="{escape(m.kind)}: {escape(_label(m))}">'
                       f'{escape(text[m.start:m.end])}<span class="label">{escape(_label(m))}</span></mark>')
            pos = m.end
        out.append(str(escape(text[pos:e])))
        out.append("</span>")
        cursor = e
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def snippet(raw: str, open_mark: str = "[", close_mark: str = "]") -> Markup:
    """An FTS5 snippet with its match markers turned into <mark>, everything else escaped."""
    out: list[str] = []
    inside = False
    for ch in raw:
        if ch == open_mark and not inside:
            out.append("<mark>")
            inside = True
        elif ch == close_mark and inside:
            out.append("</mark>")
            inside = False
        else:
            out.append(str(escape(ch)))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


# --------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Bar:
    """One bar of a stacked chart: a label (the bucket) and a value per series."""

    label: str
    values: dict[str, int]
    href: str | None = None

    @property
    def total(self) -> int:
        return sum(self.values.values())


def stacked_bars(bars: list[Bar], series: list[str], colours: dict[str, str] | None = None,
                 title: str = "chart", height: int = 180) -> Markup:
    """A stacked bar chart as inline SVG, with a legend and a <title> tooltip on every segment."""
    colours = colours or {s: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, s in enumerate(series)}
    if not bars:
        return Markup('<p class="empty">Nothing to chart.</p>')
    top = max(b.total for b in bars) or 1
    left, bottom, gap = 36, 28, 1
    width = max(360, min(1100, len(bars) * 14 + left))
    bar_w = max(2.0, (width - left) / len(bars) - gap)
    plot_h = height - bottom - 8
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{8 + plot_h}" x2="{width}" y2="{8 + plot_h}" class="axis"/>',
             f'<text x="{left - 4}" y="14" class="tick" text-anchor="end">{top}</text>',
             f'<text x="{left - 4}" y="{8 + plot_h}" class="tick" text-anchor="end">0</text>']
    label_every = max(1, len(bars) // 8)
    for i, bar in enumerate(bars):
        x = left + i * (bar_w + gap)
        y = 8 + plot_h
        segs = []
        for name in series:
            v = bar.values.get(name, 0)
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            segs.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                        f'fill="{colours.get(name, "#999")}"><title>{escape(bar.label)} · {escape(name)}: {v}'
                        f'</title></rect>')
        group = "".join(segs)
        if bar.href:
            group = f'<a href="{escape(bar.href)}">{group}</a>'
        parts.append(group)
        if i % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 10}" class="tick">{escape(bar.label)}</text>')
    parts.append("</svg>")
    # a swatch is a tiny SVG (a fill attribute), not a style attribute: the CSP allows no inline style
    legend = "".join(f'<span class="key"><svg viewBox="0 0 10 10" aria-hidden="true"><path d="M0 0h10v10H0z" '
                     f'fill="{colours.get(s, "#999")}"/></svg>{escape(s)}</span>' for s in series)
    return Markup("".join(parts) + f'<div class="legend">{legend}</div>')


def status_timeline(points: list[tuple[date | None, str, str]]) -> Markup:
    """Status changes as dots on a horizontal date line: (date, status, tooltip)."""
    dated = [(d, s, t) for d, s, t in points if d is not None]
    if not dated:
        return Markup('<p class="empty">No dated status changes.</p>')
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    span = max((last - first).days, 1)
    width, left, right = 720, 70, 70
    parts = [f'<svg class="chart status-line" role="img" aria-label="status history" viewBox="0 0 {width} 70" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>status history</title>',
             f'<line x1="{left}" y1="30" x2="{width - right}" y2="30" class="axis"/>']
    for i, (d, status, tip) in enumerate(dated):
        x = left + (width - left - right) * (d - first).days / span
        y_text = 18 if i % 2 == 0 else 52
        parts.append(f'<circle cx="{x:.1f}" cy="30" r="6" class="st-{escape(status)}">'
                     f'<title>{escape(d.isoformat())} {escape(status)}: {escape(tip)}</title></circle>')
        parts.append(f'<text x="{x:.1f}" y="{y_text}" class="tick" text-anchor="middle">'
                     f'{escape(status)} {escape(d.isoformat()[5:])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
