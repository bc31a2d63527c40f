"""make bench: end-to-end articles/second (ingest -> SQLite) vs spaCy's parse alone.

    python bench/bench_ingest.py [--articles 240]

Prints both rates on the same generated texts and their ratio. A benchmark,
not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from detente import api  # noqa: E402
from detente.ingest import read_inputs  # noqa: E402
from detente.nlp.pipeline import load_pipeline  # noqa: E402
from detente.records import Article  # noqa: E402
from detente.settings import load_settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=240)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        generate(folder, args.articles)
        settings = load_settings(db=str(Path(tmp) / "bench.db"))
        texts = [a.text for a in read_inputs([folder], settings) if isinstance(a, Article)]
        words = sum(len(t.split()) for t in texts)

        base = spacy.load(settings.model)
        load_pipeline(settings.model)  # load outside the timings
        t0 = time.perf_counter()
        for _ in base.pipe(texts, batch_size=settings.batch_size):
            pass
        parse_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        report = api.ingest_paths([folder], settings)
        e2e_s = time.perf_counter() - t0

    n = len(texts)
    print(f"articles: {n} generated ({words} words), stored {report.stored}, events {report.events}")
    print(f"spaCy parse alone ({settings.model}): {n / parse_s:8.1f} articles/s  ({parse_s:.2f} s)")
    print(f"detente end-to-end (ingest -> SQLite): {n / e2e_s:8.1f} articles/s  ({e2e_s:.2f} s)")
    print(f"ratio end-to-end / parse: {parse_s / e2e_s:.2f}  (1.00 = as fast as the parse alone)")


if __name__ == "__main__":
    main()
