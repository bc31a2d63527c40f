"""detente's public library API. The CLI (and later the web app) only call these.

    ingest_paths(paths, settings)        -> IngestReport   inputs -> NLP -> store
    list_events(settings, flt)           -> list[dict]     PLOVER records
    show_article(settings, article_id)   -> (Article, ArticleAnalysis)
    export(settings, fmt, out)           -> int            rows written
    evaluate_file(path, labels, settings)-> EvalReport
    run_demo(settings)                   -> IngestReport   bundled corpus into a fresh db
    rebuild_ledger(settings)             -> Ledger         recompute the ledger from stored events (ids kept)
    positions / agreements / agreement / compliance         read the stored ledger
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from detente.analysis import analyse_each, store_each
from detente.errors import DetenteError
from detente.ingest import list_sources, read_inputs
from detente.nlp.pipeline import analyse, load_pipeline
from detente.records import Article, ArticleAnalysis, Event, EventFilter, IngestProblem
from detente.settings import Settings
from detente.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@dataclass
class IngestReport:
    sources: int = 0
    articles: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    warnings: list[IngestProblem] = field(default_factory=list, metadata={"help": "stored, with a W1xx note"})
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.problems)


ProgressFn = Callable[[int, int], None]
ProblemFn = Callable[[IngestProblem], None]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_paths(paths: Iterable[str | Path], settings: Settings, stdin: TextIO | None = None,
                 on_progress: ProgressFn | None = None, on_problem: ProblemFn | None = None,
                 on_warning: ProblemFn | None = None) -> IngestReport:
    """Read every input, analyse new articles, store each in one transaction.

    Articles already stored are skipped (re-ingesting is a no-op); a bad input
    is reported through `on_problem` and the batch goes on; a stored article
    with something to note (W1xx: no publication date) through `on_warning`.
    """
    started = time.perf_counter()
    paths = [str(p) for p in paths]
    report = IngestReport(sources=len(list_sources(paths)))
    nlp = load_pipeline(settings.model)

    def failed(problem: IngestProblem) -> None:  # an article the pipeline or the store failed on
        report.problems.append(problem)
        if on_problem:
            on_problem(problem)

    with open_store(settings.db) as store:
        seen: set[str] = set()
        for batch in _batches(read_inputs(paths, settings, stdin=stdin), settings.batch_size):
            fresh: list[Article] = []
            for item in batch:
                if isinstance(item, IngestProblem):
                    report.problems.append(item)
                    if on_problem:
                        on_problem(item)
                    continue
                report.articles += 1
                if item.id in seen or store.has_article(item.id):
                    report.already += 1
                    continue
                seen.add(item.id)
                fresh.append(item)
            for article, analysis in analyse_each(fresh, nlp, settings.batch_size, failed):
                if store_each(store, article, analysis, failed):
                    report.stored += 1
                    report.events += len(analysis.events)
                    if note := undated_warning(article):
                        report.warnings.append(note)
                        if on_warning:
                            on_warning(note)
            if on_progress:
                on_progress(report.articles + report.failed, report.sources)
        # pending: an earlier run stored articles and died before writing their ledger
        if report.stored or store.ledger_pending() or not store.ledger().clusters:
            from detente.ledger import build_ledger, carry_ids

            pending = store.ledger_pending()
            store.replace_ledger(carry_ids(build_ledger(*_ledger_inputs(store)), store.ledger()),
                                 built_after=pending)
    report.seconds = time.perf_counter() - started
    return report


def undated_warning(article: Article) -> IngestProblem | None:
    """W101 for an article stored with a fallback publication date."""
    how = article.metadata.get("published_fallback")
    if not how or article.published is None:
        return None
    where = "the file's modification time" if how == "mtime" else "the time of ingest"
    return IngestProblem(source=article.source_path or article.id, code="W101",
                         reason=f"no publication date found; dated {article.published.date().isoformat()} "
                                f"from {where} (setting 'undated'), flagged as a fallback")


def list_events(settings: Settings, flt: EventFilter | None = None) -> list[dict]:
    """Stored events as PLOVER JSON records (with detente's additions)."""
    with open_store(settings.db, readonly=True) as store:
        events = store.events(flt or EventFilter())
        articles: dict[str, Article | None] = {}
        out = []
        for ev in events:
            aid = ev.evidence.article_id
            if aid not in articles:
                articles[aid] = store.article(aid)
            out.append(ev.to_plover(articles[aid]))
        return out


def show_article(settings: Settings, article_id: str) -> tuple[Article, ArticleAnalysis]:
    with open_store(settings.db, readonly=True) as store:
        article = store.article(article_id)
        if article is None:
            matches = store.article_ids(article_id, limit=2)
            if len(matches) == 1:
                article = store.article(matches[0])
        if article is None:
            raise DetenteError("E303", f"no article with id {article_id!r}")
        analysis = store.analysis(article.id) or ArticleAnalysis(article_id=article.id)
        return article, analysis


def export(settings: Settings, fmt: str, out: Path | TextIO) -> int:
    """Write the events in `fmt`; a parquet export to a folder also writes articles,
    positions, agreements and allegations, one .parquet file a table."""
    from detente.store.export import export_events

    with open_store(settings.db, readonly=True) as store:
        n = export_events(store, fmt, out)
        if fmt == "parquet" and isinstance(out, (str, Path)) and Path(out).suffix not in (".parquet", ".pq"):
            _write_tables_parquet(store, Path(out))
        return n


def _write_tables_parquet(store, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from detente.ledger.render import rows_agreements, rows_allegations, rows_positions

    led = store.ledger()
    articles = [{"id": a.id, "title": a.title, "url": a.url, "outlet": a.outlet,
                 "published": a.published.isoformat() if a.published else None,
                 "language": a.language, "text": a.text} for a in store.articles(limit=10**9)]
    for name, rows in (("articles", articles), ("positions", rows_positions(led.positions)),
                       ("agreements", rows_agreements(led.agreements)),
                       ("allegations", rows_allegations(led.allegations))):
        if rows:
            pq.write_table(pa.Table.from_pylist(rows), folder / f"{name}.parquet")


def primary_event(events: list[Event]) -> Event | None:
    """The text's main event: the first sentence's primary event, else the first event."""
    for ev in events:
        if ev.primary:
            return ev
    return events[0] if events else None


def predict_texts(texts: list[str], settings: Settings) -> list[Event | None]:
    """The primary event of each text (no publication date, nothing stored)."""
    nlp = load_pipeline(settings.model)
    articles = [Article(id=Article.make_id(t) if t.strip() else str(i), text=t) for i, t in enumerate(texts)]
    return [primary_event(a.events) for a in analyse(articles, nlp, settings.batch_size)]


def evaluate_file(path: str | Path, labels: str, settings: Settings):
    """Score the primary event type (and actors) against a gold file."""
    from detente.eval import Prediction, evaluate

    def predict(texts: list[str]) -> list[Prediction]:
        out = []
        for ev in predict_texts(texts, settings):
            if ev is None:
                out.append(Prediction(event=None))
            else:
                out.append(Prediction(
                    event=ev.event, mode=ev.mode, context=list(ev.context),
                    actor_texts=[a.entity_text for a in ev.actor],
                    recipient_texts=[r.entity_text for r in ev.recipient]))
        return out

    return evaluate(path, labels, predict)


def check_corpora(folders: Iterable[str | Path], settings: Settings) -> list[str]:
    """Format problems of development corpora (expected.yaml, events.yaml), one line each."""
    from detente.eval.corpus_files import corpus_problems, find_corpora, load_corpus

    return [f"{folder.name}: {line}" for folder in find_corpora(list(folders))
            for line in corpus_problems(load_corpus(folder, settings))]


def evaluate_corpora(folders: Iterable[str | Path], settings: Settings) -> list:
    """Scores of each development corpus, then their sum when there are several."""
    from detente.eval.corpus import combine, score_corpus
    from detente.eval.corpus_files import find_corpora

    results = [score_corpus(folder, settings) for folder in find_corpora(list(folders))]
    return results + [combine(results)] if len(results) > 1 else results


def run_demo(settings: Settings, corpus: Path = EXAMPLES, **callbacks) -> IngestReport:
    """Ingest the bundled example corpus into a fresh database."""
    db = Path(settings.db)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return ingest_paths([corpus], settings, **callbacks)


def summary(settings: Settings) -> dict:
    """Counts by event type and modality, for the demo table."""
    from collections import Counter

    with open_store(settings.db, readonly=True) as store:
        events = store.events(EventFilter())
        return {
            "stats": store.stats(),
            "by_type": Counter(e.event for e in events),
            "by_modality": Counter(e.modality.value for e in events),
        }


# --------------------------------------------------------------------------- ledger


def _ledger_inputs(store) -> tuple[list[Event], dict[str, Article]]:
    events = store.events(EventFilter())
    articles = {a.id: a for a in store.articles(limit=10**9)}
    return events, articles


def rebuild_ledger(settings: Settings):
    """Recompute the ledger from every stored event and store it; return it."""
    from detente.ledger import build_ledger, carry_ids

    with open_store(settings.db) as store:
        pending = store.ledger_pending()
        ledger = carry_ids(build_ledger(*_ledger_inputs(store)), store.ledger())
        store.replace_ledger(ledger, built_after=pending)
    return ledger


def ledger(settings: Settings):
    """The stored ledger (as last built by ingest or rebuild)."""
    with open_store(settings.db, readonly=True) as store:
        return store.ledger()


def positions(settings: Settings, party: str | None = None, topic: str | None = None):
    """Stored positions, optionally of one party (code) and on one topic (a topic matches its subtopics)."""
    found = ledger(settings).positions
    if party:
        found = [p for p in found if p.party == party.upper()]
    if topic:
        found = [p for p in found if p.topic == topic or p.topic.startswith(topic + ":")]
    return found


def agreements(settings: Settings, status: str | None = None, kind: str | None = None):
    """Stored agreements, optionally with one current status and of one kind."""
    found = ledger(settings).agreements
    if status:
        found = [a for a in found if a.status == status]
    if kind:
        found = [a for a in found if a.kind == kind]
    return found


def agreement(settings: Settings, agreement_id: str):
    """One agreement (by id or unique id prefix) with its alleged violations; E203 when unknown."""
    led = ledger(settings)
    matches = [a for a in led.agreements if a.id == agreement_id] or \
        [a for a in led.agreements if a.id.startswith(agreement_id)]
    if len(matches) != 1:
        raise DetenteError("E203", f"no single agreement with id {agreement_id!r}", agreement_id=agreement_id)
    found = matches[0]
    return found, [v for v in led.allegations if v.agreement_id == found.id]


def compliance(settings: Settings, agreement_id: str | None = None):
    """Alleged violations (all, or of one agreement), ordered by agreement and date."""
    led = ledger(settings)
    if agreement_id is None:
        return led.allegations
    found, allegations = agreement(settings, agreement_id)
    return allegations


def export_ledger(settings: Settings, out: Path | TextIO) -> int:
    """Write the stored ledger as one JSON document; return the number of records in it."""
    from detente.ledger.render import ledger_json

    led = ledger(settings)
    doc = ledger_json(led) + "\n"
    if isinstance(out, (str, Path)):
        Path(out).write_text(doc, encoding="utf-8")
    else:
        out.write(doc)
    return len(led.clusters) + len(led.positions) + len(led.agreements) + len(led.allegations)


# --------------------------------------------------------------------------- in-memory input


def ingest_bytes(data: bytes, settings: Settings) -> tuple[IngestReport, list[str]]:
    """Ingest one in-memory input (a JSON record or list, JSON Lines, an RSS/Atom feed, HTML or text).

    The same path as `ingest_paths` on a file (used by the web API's POST).
    Returns the report and the ids of the articles the input holds, stored now or before.
    """
    import io

    from detente.ingest import read_source

    ids = [a.id for a in read_source("-", settings, stdin=io.BytesIO(data)) if isinstance(a, Article)]
    report = ingest_paths(["-"], settings, stdin=io.BytesIO(data))
    with open_store(settings.db, readonly=True) as store:  # not those the pipeline or the store failed on
        ids = [i for i in dict.fromkeys(ids) if store.has_article(i)]
    return report, ids


def export_datasette_metadata(settings: Settings, out: Path | TextIO) -> int:
    """Datasette metadata (table and column descriptions) for this database; tables described."""
    from detente.store.datasette import write_datasette_metadata

    return write_datasette_metadata(settings.db, out)
