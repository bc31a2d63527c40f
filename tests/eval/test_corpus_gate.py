"""The gate on the development corpora written for detente (examples/wars, examples/ledger_story).

Every corpus is ingested into a temporary database and scored by
`detente eval-corpus`; each figure must stay at or above its floor in
corpus_floors.yaml (events per field, ledger precision and recall per kind of
record). Raise a floor when a change raises the figure; a change that lowers
one fails CI. The corpora are in the repository, so this runs on a fresh clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from detente import api
from detente.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
FLOORS = yaml.safe_load((Path(__file__).parent / "corpus_floors.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def figures():
    results = api.evaluate_corpora([ROOT / "examples" / "wars", ROOT / "examples" / "ledger_story"],
                                   load_settings(env={}))
    return {r.name: r.figures() for r in results if r.name != "all"}


def test_every_corpus_has_floors(figures):
    assert set(figures) == set(FLOORS)


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_figures_stay_above_their_floors(figures, corpus):
    low = {metric: (figures[corpus][metric], floor) for metric, floor in FLOORS[corpus].items()
           if figures[corpus][metric] < floor}
    assert not low, f"{corpus}: fell below the floor (got, floor): {low}"
