"""Rich renderables of an evaluation report, for the CLI."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich import box
from rich.table import Table

from detente.eval.evaluate import EvalReport


def summary_table(report: EvalReport) -> Table:
    s = report.scores
    table = Table(title="evaluation", show_header=False)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("gold file", report.path or "-")
    table.add_row("label set", report.label_set)
    table.add_row("rows", str(s.n))
    table.add_row("macro F1", f"{s.macro_f1:.3f}")
    table.add_row("weighted F1", f"{s.weighted_f1:.3f}")
    table.add_row("accuracy", f"{s.accuracy:.3f}")
    for col, m in report.actor_match.items():
        table.add_row(f"{col} actor match", f"{m.accuracy:.3f} ({m.matched}/{m.total})")
    return table


def per_label_table(report: EvalReport) -> Table:
    table = Table(title="per label")
    for name, justify in (("label", "left"), ("precision", "right"), ("recall", "right"),
                          ("F1", "right"), ("support", "right"), ("predicted", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for label, s in report.scores.per_label.items():
        table.add_row(label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                      str(s.support), str(s.predicted))
    return table


def confusion_table(report: EvalReport) -> Table:
    conf = report.scores.confusion
    gold_labels = list(report.scores.labels)
    preds = gold_labels + sorted({p for row in conf.values() for p in row} - set(gold_labels))
    number = {label: str(i + 1) for i, label in enumerate(preds)}
    table = Table(title="confusion (rows gold, columns predicted, by row number)",
                  box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("gold \\ pred", no_wrap=True)
    for p in preds:
        table.add_column(number[p], justify="right", no_wrap=True)
    for label in preds:
        row = conf.get(label, {})
        table.add_row(f"{number[label]:>2} {label}", *[str(row.get(p, "")) for p in preds])
    return table


def render_report(report: EvalReport) -> RenderableType:
    """Summary, per-label table and confusion matrix, as one rich Group."""
    return Group(summary_table(report), per_label_table(report), confusion_table(report))


def report_text(report: EvalReport, width: int = 160) -> str:
    """The rendered report as plain text (no colour codes)."""
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(render_report(report))
    return cap.get()


def corpus_tables(results: list) -> Group:
    """Two tables for `detente eval-corpus`: events per field, and the ledger, one row per corpus."""
    from detente.eval.corpus import FIELDS, Tally

    ev = Table(title="events (precision = share of coded events that are real events; fields: share right of matched)",
               box=box.SIMPLE_HEAD)
    for name in ("corpus", "articles", "coded", "expected", "precision", "recall", *FIELDS, "all right"):
        ev.add_column(name, justify="left" if name == "corpus" else "right")
    led = Table(title="ledger (precision / recall; a record not in expected.yaml counts against precision)",
                box=box.SIMPLE_HEAD)
    for name in ("corpus", "agreements", "status right", "parties right", "allegations", "link right",
                 "denial right", "positions"):
        led.add_column(name, justify="left" if name == "corpus" else "right")

    def pr(t: Tally) -> str:
        return f"{t.precision:.2f} / {t.recall:.2f} ({t.matched}/{t.produced}/{t.expected})"

    for r in results:
        if r.events is not None:
            e = r.events
            m = e.events.matched
            ev.add_row(r.name, str(r.articles), str(e.events.produced), str(e.events.expected),
                       f"{e.events.precision:.2f}", f"{e.events.recall:.2f}",
                       *[f"{e.field_accuracy(f):.2f}" for f in FIELDS], f"{e.all_right / m if m else 0:.2f}")
        lg = r.ledger
        n = lg.agreements.matched
        led.add_row(r.name, pr(lg.agreements), f"{lg.status_right}/{n}", f"{lg.parties_right}/{n}",
                    pr(lg.allegations), f"{lg.link_right}/{lg.allegations.matched}",
                    f"{lg.denial_right}/{lg.allegations.matched}", pr(lg.positions))
    return Group(ev, led) if ev.row_count else Group(led)
