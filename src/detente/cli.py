"""The `detente` command line: each command is a thin shell over detente.api."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente import api
from detente.cli_render import render_article, render_events_table
from detente.errors import DetenteError
from detente.records import EventFilter
from detente.settings import Settings, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="detente: attributed PLOVER events from news about wars and peace talks.")
out = Console()
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", envvar="DETENTE_DB", help="SQLite database file [env DETENTE_DB]")


class EventFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(str, Enum):
    plover_jsonl = "plover-jsonl"
    csv = "csv"
    parquet = "parquet"
    ledger_json = "ledger-json"
    datasette = "datasette"


class LabelSet(str, Enum):
    plover15 = "plover15"
    plover16 = "plover16"
    plover05 = "plover05"
    acled = "acled"


@app.callback()
def main(ctx: typer.Context,
         config: Optional[Path] = typer.Option(None, "--config", envvar="DETENTE_CONFIG",
                                               help="TOML config file ([detente] table)")) -> None:
    ctx.obj = {"config": config}


def settings_for(ctx: typer.Context, **overrides) -> Settings:
    return load_settings(config=ctx.obj.get("config") if ctx.obj else None, **overrides)


def fail(exc: DetenteError) -> None:
    err.print(f"[red]error[/red] {exc}")
    raise typer.Exit(exc.exit_code)


@app.command()
def ingest(ctx: typer.Context,
           paths: list[str] = typer.Argument(..., help="files or folders; '-' reads stdin"),
           db: Optional[str] = DbOption,
           max_bytes: Optional[int] = typer.Option(None, help="largest input accepted, in bytes"),
           quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar")) -> None:
    """Read articles, code their events and store them (already stored ones are skipped)."""
    try:
        settings = settings_for(ctx, db=db, max_bytes=max_bytes)
        report = _ingest_with_progress(lambda **cb: api.ingest_paths(paths, settings, stdin=sys.stdin, **cb),
                                       quiet)
    except DetenteError as exc:
        fail(exc)
    _print_report(report)
    if report.failed:
        raise typer.Exit(1)


def _ingest_with_progress(run, quiet: bool):
    def on_problem(p):
        err.print(f"[yellow]skipped[/yellow] {p.source}: {p.code} {p.reason}", highlight=False)

    def on_warning(p):
        err.print(f"[yellow]warning[/yellow] {p.source}: {p.code} {p.reason}", highlight=False)

    if quiet:
        return run(on_problem=on_problem, on_warning=on_warning)
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        return run(on_problem=on_problem, on_warning=on_warning,
                   on_progress=lambda done, total: bar.update(task, completed=done, total=total))


def _print_report(report: api.IngestReport) -> None:
    err.print(f"{report.articles} articles read from {report.sources} sources: {report.stored} stored, "
              f"{report.already} already stored, {report.failed} failed; {report.events} events "
              f"in {report.seconds:.1f} s", highlight=False)


@app.command()
def events(ctx: typer.Context, db: Optional[str] = DbOption,
           actor: Optional[str] = typer.Option(None, help="actor code, as actor or recipient (RUS, UKR, ...)"),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type (ASSAULT, REJECT, ...)"),
           since: Optional[str] = typer.Option(None, help="earliest event date, YYYY-MM-DD"),
           until: Optional[str] = typer.Option(None, help="latest event date, YYYY-MM-DD"),
           article: Optional[str] = typer.Option(None, help="only events of this article id"),
           limit: Optional[int] = typer.Option(None, help="at most this many events"),
           format: EventFormat = typer.Option(EventFormat.table, "--format", help="output format")) -> None:
    """List stored events (PLOVER records with modality and attribution)."""
    try:
        flt = EventFilter(actor=actor, event=type.upper() if type else None, since=since, until=until,
                          article_id=article, limit=limit)
        records = api.list_events(settings_for(ctx, db=db), flt)
    except DetenteError as exc:
        fail(exc)
    if format is EventFormat.table:
        out.print(render_events_table(records))
    elif format is EventFormat.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif format is EventFormat.jsonl:
        for r in records:
            print(json.dumps(r, ensure_ascii=False))
    else:
        _write_csv(records)


def _write_csv(records: list[dict]) -> None:
    from detente.store.export import flatten

    rows = [flatten(r) for r in records]
    fields = list(rows[0]) if rows else ["id"]
    writer = csv.DictWriter(sys.stdout, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)


@app.command()
def show(ctx: typer.Context, article_id: str = typer.Argument(..., help="article id (or a unique prefix)"),
         db: Optional[str] = DbOption) -> None:
    """Show one article with its events, actors, dates, places and quantities marked."""
    try:
        article, analysis = api.show_article(settings_for(ctx, db=db), article_id)
    except DetenteError as exc:
        fail(exc)
    out.print(render_article(article, analysis))


@app.command()
def export(ctx: typer.Context, db: Optional[str] = DbOption,
           format: ExportFormat = typer.Option(ExportFormat.plover_jsonl, "--format"),
           output: Optional[Path] = typer.Option(None, "--output", "-o",
                                                 help="file (parquet: required); default stdout")) -> None:
    """Export stored events: plover-jsonl, csv or parquet; the ledger as one JSON document (ledger-json);
    or Datasette metadata describing every table and column (datasette)."""
    try:
        settings = settings_for(ctx, db=db)
        if format is ExportFormat.datasette:
            n = api.export_datasette_metadata(settings, output if output is not None else sys.stdout)
            err.print(f"datasette metadata: {n} tables described")
            return
        if format is ExportFormat.ledger_json:
            n = api.export_ledger(settings, output if output is not None else sys.stdout)
            err.print(f"ledger exported: {n} records")
            return
        if output is None:
            if format is ExportFormat.parquet:
                raise DetenteError("E203", "parquet export needs --output PATH")
            n = api.export(settings, format.value, sys.stdout)
        else:
            n = api.export(settings, format.value, output)
    except DetenteError as exc:
        fail(exc)
    err.print(f"{n} events exported")


@app.command(name="eval")
def eval_(ctx: typer.Context, file: Path = typer.Argument(..., help="gold CSV/TSV/JSONL: text,label[,source,target]"),
          labels: LabelSet = typer.Option(LabelSet.plover16, "--labels", help="label set of the gold file"),
          report: Optional[Path] = typer.Option(None, "--report", help="write the scores as JSON here")) -> None:
    """Score detente's primary event type (and actors) against a gold file."""
    from detente.eval import render_report

    try:
        result = api.evaluate_file(file, labels.value, settings_for(ctx))
    except DetenteError as exc:
        fail(exc)
    out.print(render_report(result))
    if report:
        report.write_text(json.dumps(result.to_json(), indent=2), encoding="utf-8")


@app.command(name="eval-corpus")
def eval_corpus(ctx: typer.Context,
                folders: list[Path] = typer.Argument(..., help="corpus folders (expected.yaml + articles/), "
                                                          "or folders of them"),
                check: bool = typer.Option(False, "--check", help="only check the expected files' format"),
                report: Optional[Path] = typer.Option(None, "--report", help="write the scores as JSON here"),
                errors: Optional[Path] = typer.Option(None, "--errors", help="write every error as JSONL here")) -> None:
    """Score events per field and the ledger's precision and recall on development corpora."""
    try:
        if check:
            problems = api.check_corpora(folders, settings_for(ctx))
            for line in problems:
                err.print(line, markup=False, highlight=False)
            out.print(f"{len(problems)} problem(s)")
            raise typer.Exit(1 if problems else 0)
        results = api.evaluate_corpora(folders, settings_for(ctx))
    except DetenteError as exc:
        fail(exc)
    from detente.eval.report import corpus_tables

    Console(width=max(out.width, 190)).print(corpus_tables(results))
    if report:
        report.write_text(json.dumps({r.name: r.figures() for r in results}, indent=2), encoding="utf-8")
    if errors:
        with errors.open("w", encoding="utf-8") as fh:
            for r in results:
                for e in (r.events.errors if r.events else []) + r.ledger.errors:
                    fh.write(json.dumps({"corpus": r.name, **e}, ensure_ascii=False) + "\n")


@app.command()
def demo(ctx: typer.Context, db: str = typer.Option("demo.db", "--db", help="database to (re)create")) -> None:
    """Ingest the bundled example corpus into a fresh database and print a summary."""
    try:
        settings = settings_for(ctx, db=db)
        report = _ingest_with_progress(lambda **cb: api.run_demo(settings, **cb), quiet=False)
        summary = api.summary(settings)
    except DetenteError as exc:
        fail(exc)
    _print_report(report)
    table = Table(title=f"detente demo: {db}")
    table.add_column("event type")
    table.add_column("events", justify="right")
    for name, n in sorted(summary["by_type"].items(), key=lambda kv: -kv[1]):
        table.add_row(name, str(n))
    out.print(table)
    mods = Table(title="modality")
    mods.add_column("modality")
    mods.add_column("events", justify="right")
    for name, n in sorted(summary["by_modality"].items(), key=lambda kv: -kv[1]):
        mods.add_row(name, str(n))
    out.print(mods)
    out.print(f"Next: detente events --db {db} --format jsonl | head")


@app.command(name="errors")
def errors_cmd() -> None:
    """List the error catalogue: every code detente reports, with its exit status."""
    from detente.errors import CATALOGUE

    table = Table(title='errors (JSON shape: {"error": {"code", "title", "message", "detail"}})')
    for col in ("code", "meaning", "exit"):
        table.add_column(col)
    for kind in CATALOGUE.values():
        table.add_row(kind.code, kind.title, str(kind.exit_code))
    out.print(table)


@app.command(name="settings")
def settings_cmd() -> None:
    """List every setting with its default, environment variable and help."""
    table = Table(title="settings (flag > environment > config file > default)")
    for col in ("name", "default", "environment", "help"):
        table.add_column(col)
    for name, default, env, help_ in Settings.describe():
        table.add_row(name, str(default), env, help_)
    out.print(table)



# --------------------------------------------------------------------------- ledger


class LedgerFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _emit(records: list, rows: list[dict], fmt: LedgerFormat, render) -> None:
    if fmt is LedgerFormat.json:
        print(json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False, indent=2))
    elif fmt is LedgerFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.print(render(records))


@app.command()
def positions(ctx: typer.Context, party: Optional[str] = typer.Argument(None, help="party code (RUS, UKR...)"),
              topic: Optional[str] = typer.Option(None, "--topic", help="topic (ceasefire matches ceasefire:*)"),
              db: Optional[str] = DbOption,
              format: LedgerFormat = typer.Option(LedgerFormat.table, "--format")) -> None:
    """Where each party stands: demands, red lines, offers, acceptances, rejections, proposals."""
    from detente.ledger import render

    try:
        found = api.positions(settings_for(ctx, db=db), party=party, topic=topic)
    except DetenteError as exc:
        fail(exc)
    _emit(found, render.rows_positions(found), format, render.positions_table)


@app.command()
def agreements(ctx: typer.Context, status: Optional[str] = typer.Option(None, "--status"),
               kind: Optional[str] = typer.Option(None, "--kind"), db: Optional[str] = DbOption,
               format: LedgerFormat = typer.Option(LedgerFormat.table, "--format")) -> None:
    """Agreements (ceasefires, exchanges, releases...) with their current status."""
    from detente.ledger import render

    try:
        found = api.agreements(settings_for(ctx, db=db), status=status, kind=kind)
    except DetenteError as exc:
        fail(exc)
    _emit(found, render.rows_agreements(found), format, render.agreements_table)


@app.command()
def agreement(ctx: typer.Context, agreement_id: str = typer.Argument(..., help="agreement id or unique prefix"),
              db: Optional[str] = DbOption,
              format: LedgerFormat = typer.Option(LedgerFormat.table, "--format")) -> None:
    """One agreement: terms, parties, status timeline with evidence, alleged violations."""
    from detente.ledger import render

    try:
        found, allegations = api.agreement(settings_for(ctx, db=db), agreement_id)
    except DetenteError as exc:
        fail(exc)
    if format is LedgerFormat.table:
        out.print(render.agreement_view(found, allegations))
    elif format is LedgerFormat.json:
        print(json.dumps({"agreement": found.model_dump(mode="json"),
                          "allegations": [v.model_dump(mode="json") for v in allegations]},
                         ensure_ascii=False, indent=2))
    else:
        _emit(allegations, render.rows_allegations(allegations), format, render.compliance_table)


@app.command()
def compliance(ctx: typer.Context,
               agreement_id: Optional[str] = typer.Argument(None, help="agreement id or unique prefix"),
               db: Optional[str] = DbOption,
               format: LedgerFormat = typer.Option(LedgerFormat.table, "--format")) -> None:
    """Alleged violations of agreements, by side over time."""
    from detente.ledger import render

    try:
        found = api.compliance(settings_for(ctx, db=db), agreement_id)
    except DetenteError as exc:
        fail(exc)
    _emit(found, render.rows_allegations(found), format, render.compliance_table)


@app.command()
def rebuild(ctx: typer.Context, db: Optional[str] = DbOption) -> None:
    """Recompute the ledger from the stored events."""
    try:
        led = api.rebuild_ledger(settings_for(ctx, db=db))
    except DetenteError as exc:
        fail(exc)
    err.print(f"ledger: {len(led.clusters)} event clusters, {len(led.positions)} positions, "
              f"{len(led.agreements)} agreements, {len(led.allegations)} alleged violations", highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()


@app.command()
def serve(ctx: typer.Context, db: Optional[str] = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
          port: int = typer.Option(8000, "--port", help="port to listen on")) -> None:
    """Serve the dashboard and the JSON API (/api/v1, OpenAPI at /openapi.json); read-only without api_token."""
    import uvicorn

    from detente.store import open_store
    from detente.web.app import create_app

    try:
        settings = settings_for(ctx, db=db)
        open_store(settings.db, readonly=True).close()  # fail now, not on the first request
    except DetenteError as exc:
        fail(exc)
    if host not in ("0.0.0.0", "::", ""):  # the address it listens on is a name it answers for
        settings = settings.with_overrides(allowed_hosts=f"{settings.allowed_hosts},{host}")
    else:
        err.print(f"listening on every address: answering only Host names in allowed_hosts "
                  f"({settings.allowed_hosts})", highlight=False)
    mode = "ingest allowed with the bearer token" if settings.api_token else "read-only"
    err.print(f"detente serving {settings.db} on http://{host}:{port} ({mode})", highlight=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
