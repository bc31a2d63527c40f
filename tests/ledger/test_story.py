"""Issue 3, second acceptance item: the ledger of the story in examples/ledger_story.

The 21 articles (written for detente, see examples/ledger_story/README.md) are
ingested through the public API; the ledger must reproduce expected.yaml: each
agreement with its kind, parties, mediators, scope, terms, ordered status
history, disputed start date and mentions; the alleged violations, the one
denial and the published tallies; the parties' positions.  Ingesting the corpus
twice, or one article at a time in reverse order, and rebuilding the ledger
from the stored events must all give the same ledger (in reverse order, the same
records; their ids are those each database gave first, see ledger/ids.py).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

pytest.importorskip("detente.ledger.build")

from detente import api  # noqa: E402
from detente.ingest import read_inputs  # noqa: E402
from detente.settings import load_settings  # noqa: E402

STORY = Path(__file__).resolve().parents[2] / "examples" / "ledger_story"
ARTICLES = STORY / "articles"
EXPECTED = yaml.safe_load((STORY / "expected.yaml").read_text(encoding="utf-8"))
STATUSES = {"proposed", "accepted", "rejected", "declared", "in_force", "implemented", "partly_implemented",
            "extended", "expired", "suspended", "collapsed"}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """(settings, ledger) after ingesting the story folder once into a fresh database."""
    db = tmp_path_factory.mktemp("story") / "story.db"
    settings = load_settings(db=str(db))
    report = api.ingest_paths([ARTICLES], settings)
    assert report.failed == 0, report.problems
    assert report.stored == EXPECTED["corpus"]["articles"]
    return settings, api.ledger(settings)


@pytest.fixture(scope="module")
def ledger(story):
    return story[1]


@pytest.fixture(scope="module")
def file_ids() -> dict[str, str]:
    """Article file name -> article id (the ids the ledger's mentions and sources carry)."""
    ids = {}
    for art in read_inputs([ARTICLES], load_settings()):
        ids[Path(art.source_path.split(":")[0].split("#")[0]).name] = art.id
    return ids


@pytest.fixture(scope="module")
def found(ledger) -> dict[str, object]:
    """Expected agreement key -> the one ledger agreement of that kind."""
    out = {}
    for exp in EXPECTED["agreements"]:
        matches = [a for a in ledger.agreements if a.kind == exp["kind"]]
        assert len(matches) == 1, (exp["kind"], [(a.kind, a.label) for a in ledger.agreements])
        out[exp["key"]] = matches[0]
    return out


def _dates(value) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {str(v) for v in values if v is not None}


def _groups(history) -> list[list]:
    """Consecutive status changes of one status, grouped (two reports of one acceptance are one step)."""
    groups: list[list] = []
    for change in history:
        if groups and groups[-1][0].status == change.status:
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups


# --------------------------------------------------------------------------- expected.yaml itself


def test_expected_file_schema():
    assert EXPECTED["version"] == 1
    assert set(EXPECTED) == {"version", "corpus", "agreements", "allegations", "positions"}
    files = sorted(p.name for p in ARTICLES.iterdir())
    assert len(files) == EXPECTED["corpus"]["articles"] >= 20
    keys = set()
    for a in EXPECTED["agreements"]:
        assert {"key", "kind", "parties", "mediators", "scope", "terms", "history", "status", "disputed"} <= set(a)
        keys.add(a["key"])
        assert a["history"] and all(h["status"] in STATUSES and isinstance(h["conditions"], bool)
                                    for h in a["history"])
        assert a["status"] == a["history"][-1]["status"]
        for code in a["parties"] + a["mediators"] + [c for h in a["history"] for c in h["by"]]:
            assert len(code) == 3 and code.isupper()
        for f in a.get("mentions", {}).get("files", []):
            assert f in files
    assert len(keys) == len(EXPECTED["agreements"])
    assert len({a["kind"] for a in EXPECTED["agreements"]}) == len(keys)  # the test finds agreements by kind
    for v in EXPECTED["allegations"]:
        assert v["agreement"] in keys and isinstance(v["denied"], bool)
    for p in EXPECTED["positions"]:
        assert set(p) == {"party", "topic", "stance"}


# --------------------------------------------------------------------------- agreements


def test_one_record_per_agreement(ledger):
    assert sorted(a.kind for a in ledger.agreements) == sorted(e["kind"] for e in EXPECTED["agreements"]), \
        [(a.kind, a.label) for a in ledger.agreements]


@pytest.mark.parametrize("exp", EXPECTED["agreements"], ids=lambda e: e["key"])
def test_agreement_terms(found, exp):
    a = found[exp["key"]]
    assert set(a.parties) == set(exp["parties"]), a.parties
    assert set(a.mediators) == set(exp["mediators"]), a.mediators
    assert set(a.scope.targets) == set(exp["scope"]["targets"])
    assert set(a.scope.areas) == set(exp["scope"]["areas"])
    terms = exp["terms"]
    if "duration_days" in terms:
        assert a.terms.duration_days == terms["duration_days"]
    for field in ("start", "end"):
        if field in terms:
            assert getattr(a.terms, field) == str(terms[field]), (field, a.terms)
    if "quantity" in terms:
        q = terms["quantity"]
        assert any(t.value == q["value"] and t.unit == q["unit"] for t in a.terms.quantities), a.terms.quantities
    assert a.status == exp["status"]


@pytest.mark.parametrize("exp", EXPECTED["agreements"], ids=lambda e: e["key"])
def test_agreement_history(found, exp):
    a = found[exp["key"]]
    steps = [h for h in a.history if not h.alleged]  # the steps the sides and terms took
    groups = _groups(steps)
    assert [g[0].status for g in groups] == [h["status"] for h in exp["history"]], \
        [(h.status, h.by, h.date) for h in steps]
    for group, want in zip(groups, exp["history"]):
        by = {c for change in group for c in change.by}
        assert by == set(want["by"]), (want["status"], by)
        assert {c.date for c in group} <= _dates(want["date"]), (want["status"], [c.date for c in group])
        assert any(c.conditions for c in group) == want["conditions"], (want["status"], group)
        if "promised" in want:
            assert any(c.promised == want["promised"] and c.delivered == want["delivered"] for c in group), group


@pytest.mark.parametrize("exp", EXPECTED["agreements"], ids=lambda e: e["key"])
def test_agreement_disputes(found, file_ids, exp):
    a = found[exp["key"]]
    assert set(a.disputed) == set(exp["disputed"]), a.disputed
    for field, values in exp["disputed"].items():
        got = {d.value: d.sources for d in a.disputed[field]}
        assert set(got) == {str(v["value"]) for v in values}, got
        for v in values:
            accepted = {file_ids[v["article"]], v.get("outlet")} - {None}
            assert accepted & set(got[str(v["value"])]), (v, got)


def test_exchange_reported_by_five_articles_is_one_record(found, file_ids):
    exp = next(e for e in EXPECTED["agreements"] if "mentions" in e)
    a = found[exp["key"]]
    articles = {m.article_id for m in a.mentions}
    assert len(articles) == exp["mentions"]["articles"] == 5
    assert articles == {file_ids[f] for f in exp["mentions"]["files"]}
    assert {m.outlet for m in a.mentions} == set(exp["mentions"]["outlets"])


# --------------------------------------------------------------------------- compliance


def _allegations(ledger, found, key, tally: bool):
    aid = found[key].id
    return [v for v in ledger.allegations if v.agreement_id == aid and (v.claimed_count is not None) == tally]


def test_no_unexpected_allegations(ledger, found):
    ids = {found[e["key"]].id: e["key"] for e in EXPECTED["agreements"]}
    got = {(ids.get(v.agreement_id), tuple(sorted(v.accused)), v.claimed_count is not None)
           for v in ledger.allegations}
    want = {(e["agreement"], tuple(sorted(e["accused"])), e["claimed_count"] is not None)
            for e in EXPECTED["allegations"]}
    assert got == want


@pytest.mark.parametrize("exp", [e for e in EXPECTED["allegations"] if e["claimed_count"] is None],
                         ids=lambda e: f"{e['agreement']}-{e['accused'][0]}")
def test_incident_allegation(ledger, found, exp):
    group = [v for v in _allegations(ledger, found, exp["agreement"], tally=False)
             if set(v.accused) == set(exp["accused"])]
    assert group, [(v.accused, v.date) for v in ledger.allegations]
    assert {v.date for v in group} <= _dates([exp["date"], exp["reported"]]), [v.date for v in group]
    assert any(v.date == str(exp["date"]) for v in group)
    assert any(exp["place"].lower() in (v.place or "").lower() for v in group), [v.place for v in group]
    assert any(v.target == exp["target"] for v in group), [v.target for v in group]
    assert set(exp["accuser"]) <= {c for v in group for c in v.accuser}
    denials = [d for v in group for d in v.denials]
    assert bool(denials) == exp["denied"], denials
    for d in denials:
        assert set(d.by) <= set(exp["accused"])


@pytest.mark.parametrize("exp", [e for e in EXPECTED["allegations"] if e["claimed_count"] is None],
                         ids=lambda e: f"{e['agreement']}-{e['accused'][0]}")
def test_one_allegation_record_per_incident(ledger, found, exp):
    group = [v for v in _allegations(ledger, found, exp["agreement"], tally=False)
             if set(v.accused) == set(exp["accused"])]
    per_kind_and_date = Counter((v.kind, v.date) for v in group)
    assert all(n == 1 for n in per_kind_and_date.values()), per_kind_and_date
    # the accuser's statement about the strike is the same allegation, not a second one
    assert len(group) == 1, [(v.kind, v.date, v.place) for v in group]


def test_claimed_tallies(ledger, found):
    for exp in [e for e in EXPECTED["allegations"] if e["claimed_count"] is not None]:
        group = [v for v in _allegations(ledger, found, exp["agreement"], tally=True)
                 if set(v.accused) == set(exp["accused"])]
        assert [v.claimed_count for v in group] == [exp["claimed_count"]], group
        assert set(exp["accuser"]) <= set(group[0].accuser)
        assert not group[0].denials


# --------------------------------------------------------------------------- positions


@pytest.mark.parametrize("exp", EXPECTED["positions"], ids=lambda p: f"{p['party']}-{p['topic']}-{p['stance']}")
def test_position(ledger, exp):
    topic = exp["topic"]
    mine = [p for p in ledger.positions
            if p.party == exp["party"] and (p.topic == topic or p.topic.startswith(topic + ":"))]
    stances = {p.stance for p in mine} | {h.stance for p in mine for h in p.history}
    assert exp["stance"] in stances, [(p.topic, p.stance, [h.stance for h in p.history]) for p in
                                      ledger.positions if p.party == exp["party"]]


# --------------------------------------------------------------------------- reproducibility


def test_ingesting_twice_changes_nothing(story):
    settings, first = story
    report = api.ingest_paths([ARTICLES], settings)
    assert report.stored == 0 and report.already == EXPECTED["corpus"]["articles"]
    assert api.ledger(settings).model_dump() == first.model_dump()


def test_rebuild_gives_the_same_ledger(story):
    settings, first = story
    assert api.rebuild_ledger(settings).model_dump() == first.model_dump()
    assert api.ledger(settings).model_dump() == first.model_dump()


def _content(ledger) -> list[str]:
    """The ledger's records without their ids: ids are kept from the first build of each
    database (stable ids), so two databases filled in different orders may name the same
    record differently; what the records say must not differ."""
    data = ledger.model_dump()
    named = {}
    for a in data["agreements"]:
        own = a.pop("id")
        named[own] = json.dumps(a, sort_keys=True)
    out = [json.dumps(a, sort_keys=True) for a in data["agreements"]]
    for v in data["allegations"]:
        v.pop("id")
        v["agreement_id"] = named.get(v["agreement_id"], v["agreement_id"])
        out.append(json.dumps(v, sort_keys=True))
    for kind in ("positions", "clusters"):
        for r in data[kind]:
            r.pop("id")
            out.append(json.dumps(r, sort_keys=True))
    return sorted(out)


def test_reverse_order_one_at_a_time_gives_the_same_ledger(story, tmp_path):
    _, first = story
    settings = load_settings(db=str(tmp_path / "reversed.db"))
    for path in sorted(ARTICLES.iterdir(), reverse=True):
        api.ingest_paths([path], settings)
    assert _content(api.ledger(settings)) == _content(first)


def test_each_day_a_breach_was_alleged_is_a_violated_step(ledger):
    for a in ledger.agreements:
        days = sorted({v.date for v in ledger.allegations if v.agreement_id == a.id and v.date})
        ended = min((h.date for h in a.history if h.status in ("expired", "collapsed", "suspended") and h.date
                     and not h.alleged), default=None)
        alleged = [h for h in a.history if h.alleged]
        assert [h.date for h in alleged] == [d for d in days if ended is None or d <= ended]
        assert all(h.status == "violated" and h.evidence for h in alleged)
        assert a.status != "violated"  # a charge never replaces the status the sides gave it
