"""The files of a development corpus: articles, expected ledger, expected events.

A corpus folder (examples/wars/<conflict>/, examples/ledger_story/) holds
`articles/`, `expected.yaml` (every ledger record that should exist) and,
optionally, `events.yaml` (every event each article should give, sentence by
sentence).  The format is documented in examples/wars/README.md.  This module
reads and checks them; `detente.eval.corpus` scores detente against them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from detente.errors import DetenteError
from detente.ledger.records import AgreementKind, Stance, Status
from detente.records import EVENT_TYPES, Article, Modality

def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class ExpectedAgreement(_Model):
    key: str
    kind: list[AgreementKind] = Field(description="acceptable kinds (one or several)")
    parties: list[str]
    mediators: list[str] = Field(default_factory=list)
    status: Status
    history: list[str] = Field(default_factory=list, description="the steps, in order (tells apart two "
                                                                 "records of one kind and the same sides)")

    @field_validator("kind", mode="before")
    @classmethod
    def _kinds(cls, v: Any) -> list[str]:
        return [v] if isinstance(v, str) else list(v)

    @field_validator("history", mode="before")
    @classmethod
    def _steps(cls, v: Any) -> list[str]:
        """Steps as statuses: "accepted", or {status: accepted, by: [...], date: ...}."""
        return [h.get("status") if isinstance(h, dict) else h for h in v or []]


class ExpectedAllegation(_Model):
    agreement: str | None = None
    accuser: list[str]
    accused: list[str]
    date: str | None = None
    denied: bool = False

    _date = field_validator("date", mode="before")(lambda cls, v: _iso(v))


class ExpectedPosition(_Model):
    party: str
    topic: str
    stance: Stance


class ExpectedLedger(_Model):
    version: int
    conflict: dict[str, Any] = Field(default_factory=dict)
    agreements: list[ExpectedAgreement] = Field(default_factory=list)
    allegations: list[ExpectedAllegation] = Field(default_factory=list)
    positions: list[ExpectedPosition] = Field(default_factory=list)


class ExpectedEvent(_Model):
    sentence: str = Field(min_length=3)
    trigger: str | None = None
    event: str
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    modality: Modality = Modality.asserted
    speaker: list[str] = Field(default_factory=list)
    date: str | None = None
    optional: bool = False

    _date = field_validator("date", mode="before")(lambda cls, v: _iso(v))

    @field_validator("event")
    @classmethod
    def _event(cls, v: str) -> str:
        if v not in EVENT_TYPES:
            raise ValueError(f"unknown PLOVER type {v!r}")
        return v


class ExpectedArticle(_Model):
    events: list[ExpectedEvent] = Field(default_factory=list)


class ExpectedEvents(_Model):
    version: int
    articles: dict[str, ExpectedArticle]


class Corpus(_Model):
    """One corpus folder, read and checked."""

    name: str
    folder: str
    ledger: ExpectedLedger
    events: ExpectedEvents | None = None
    articles: dict[str, Article] = Field(description="article file name -> the article detente reads")


def is_corpus(folder: Path) -> bool:
    return (folder / "expected.yaml").is_file() and (folder / "articles").is_dir()


def find_corpora(paths: list[str | Path]) -> list[Path]:
    """Corpus folders among `paths` (a corpus folder, or a folder of them)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if is_corpus(p):
            found.append(p)
        elif p.is_dir():
            found.extend(sorted(c for c in p.iterdir() if c.is_dir() and is_corpus(c)))
        else:
            raise DetenteError("E503", f"{p}: not a corpus folder (no expected.yaml and articles/)")
    return found


def file_name(article: Article) -> str:
    """The file an article came from (a JSONL line or feed entry names its file)."""
    path = (article.source_path or "").split("#")[0]
    path = path.rsplit(":", 1)[0] if path.rsplit(":", 1)[-1].isdigit() else path
    return Path(path).name


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DetenteError("E503", f"{path}: {exc}") from exc


def _model(cls: type[_Model], raw: Any, path: Path) -> Any:
    try:
        return cls.model_validate(raw)
    except ValidationError as exc:
        raise DetenteError("E503", f"{path}: {exc}") from exc


def load_corpus(folder: str | Path, settings) -> Corpus:
    """Read a corpus folder: its expected files and the articles as detente ingests them."""
    from detente.ingest import read_inputs

    folder = Path(folder)
    ledger = _model(ExpectedLedger, _yaml(folder / "expected.yaml"), folder / "expected.yaml")
    events = None
    if (folder / "events.yaml").is_file():
        events = _model(ExpectedEvents, _yaml(folder / "events.yaml"), folder / "events.yaml")
    articles: dict[str, Article] = {}
    for item in read_inputs([folder / "articles"], settings):
        if isinstance(item, Article):
            articles.setdefault(file_name(item), item)
    return Corpus(name=str(ledger.conflict.get("key") or folder.name), folder=str(folder),
                  ledger=ledger, events=events, articles=articles)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
                    .replace("\u201d", '"').split()).lower()


def corpus_problems(corpus: Corpus) -> list[str]:
    """Everything wrong with a corpus's expected files, as sentences (empty when it is fine)."""
    problems: list[str] = []
    files = sorted(p.name for p in (Path(corpus.folder) / "articles").iterdir() if p.is_file())
    missing = [f for f in files if f not in corpus.articles]
    problems += [f"articles/{f}: detente reads no article from it" for f in missing]
    keys = [a.key for a in corpus.ledger.agreements]
    if len(set(keys)) != len(keys):
        problems.append("expected.yaml: agreement keys repeat")
    for v in corpus.ledger.allegations:
        if v.agreement is not None and v.agreement not in keys:
            problems.append(f"expected.yaml: allegation names unknown agreement {v.agreement!r}")
    if corpus.events is None:
        return problems
    for name, exp in corpus.events.articles.items():
        article = corpus.articles.get(name)
        if article is None:
            problems.append(f"events.yaml: {name} is not an article of this corpus")
            continue
        text = _norm(article.text)
        for ev in exp.events:
            n = text.count(_norm(ev.sentence))
            if n != 1:
                problems.append(f"events.yaml: {name}: sentence {ev.sentence!r} occurs {n} times in the text")
    unannotated = sorted(set(corpus.articles) - set(corpus.events.articles))
    problems += [f"events.yaml: {f} is not annotated" for f in unannotated]
    return problems


normalise = _norm
