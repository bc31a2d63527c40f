"""The seed article alone gives the issue's agreements and positions (skips without ../shared)."""

from __future__ import annotations

import pytest

from detente import api
from detente.settings import load_settings

SEED = "seed/000_1a1f96be4a36913d.txt"


@pytest.fixture(scope="module")
def seed_ledger(shared_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    settings = load_settings(db=str(db))
    api.ingest_paths([shared_dir / SEED], settings)
    return api.ledger(settings)


def _one(ledger, kind):
    found = [a for a in ledger.agreements if a.kind == kind]
    assert len(found) == 1, [a.label for a in ledger.agreements]
    return found[0]


def _steps(a):
    return {(h.status, tuple(h.by), h.date) for h in a.history}


def test_energy_moratorium(seed_ledger):
    a = _one(seed_ledger, "partial_ceasefire")
    assert a.scope.targets == ["energy_infrastructure"]
    assert ("accepted", ("RUS",), "2025-03-18") in _steps(a)
    assert any(h.status == "accepted" and h.by == ["UKR"] for h in a.history)
    rus = next(h for h in a.history if h.by == ["RUS"])
    assert "Ukraine" in rus.conditions[0]


def test_full_ceasefire(seed_ledger):
    a = _one(seed_ledger, "full_ceasefire")
    assert a.terms.duration_days == 30
    assert ("proposed", ("UKR", "USA"), "2025-03-18") in _steps(a)
    assert ("rejected", ("RUS",), "2025-03-18") in _steps(a)
    assert a.status == "rejected"


def test_exchange_and_release(seed_ledger):
    ex = _one(seed_ledger, "prisoner_exchange")
    assert ex.terms.quantities[0].value == 175 and ex.terms.start == "2025-03"
    assert ex.status == "accepted" and set(ex.parties) == {"RUS", "UKR"}
    rel = _one(seed_ledger, "release")
    assert rel.terms.quantities[0].value == 23
    assert rel.history[0].status == "declared" and rel.history[0].by == ["RUS"]


def test_positions(seed_ledger):
    got = {(p.party, p.stance, p.topic) for p in seed_ledger.positions}
    for want in [("RUS", "demand", "foreign_military_aid"), ("RUS", "demand", "intelligence_sharing"),
                 ("RUS", "demand", "mobilisation"), ("RUS", "demand", "rearmament"),
                 ("UKR", "red_line", "territory"), ("UKR", "red_line", "neutrality_nato"),
                 ("UKR", "red_line", "armed_forces_size"), ("UKR", "demand", "security_guarantees"),
                 ("USA", "proposal", "ceasefire:full")]:
        assert want in got, want
