"""The evaluation gate (like trafilatura's): gold-set scores with pinned floors.

Floors live in gate_floors.yaml beside this file. The gold sets are read from
../shared/eval at run time; the test skips where they are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from detente import api
from detente.settings import load_settings

FLOORS = yaml.safe_load((Path(__file__).parent / "gate_floors.yaml").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_their_floors(name, shared_dir):
    gold = shared_dir / "eval" / name
    if not gold.exists():
        pytest.skip(f"{gold} absent")
    floors = FLOORS[name]
    report = api.evaluate_file(gold, floors["labels"], load_settings()).to_json()
    for metric, floor in floors.items():
        if metric == "labels":
            continue
        assert report[metric] >= floor, f"{name} {metric} {report[metric]:.3f} fell below {floor}"
