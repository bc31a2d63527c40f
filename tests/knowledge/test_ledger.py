"""Schema checks of topics.yaml and ledger.yaml."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from detente.errors import DetenteError
from detente.knowledge.ledger import LEDGER_KEYS, check_ledger, check_topics, knowledge

KINDS = {"full_ceasefire", "partial_ceasefire", "unilateral_truce", "humanitarian_pause", "prisoner_exchange",
         "release", "body_repatriation", "withdrawal", "framework", "monitoring", "other", "ceasefire"}
STATUSES = {"expired", "collapsed", "extended", "suspended", "in_force", "declared"}


def _load(name):
    return yaml.safe_load(resources.files("detente.data").joinpath(name).read_text(encoding="utf-8"))


def test_files_are_versioned_and_valid():
    topics, ledger = _load("topics.yaml"), _load("ledger.yaml")
    assert isinstance(topics["version"], int) and isinstance(ledger["version"], int)
    check_topics(topics)
    check_ledger(ledger)
    assert set(ledger) == LEDGER_KEYS
    assert {r["kind"] for r in ledger["instruments"]} <= KINDS
    assert set(ledger["status_cues"]) <= STATUSES
    assert knowledge().topics


def test_issue_topics_are_present():
    names = set(_load("topics.yaml")["topics"])
    assert {"ceasefire", "foreign_military_aid", "mobilisation", "rearmament", "territory", "neutrality_nato",
            "armed_forces_size", "security_guarantees", "prisoners", "black_sea", "nuclear_plant"} <= names


def test_bad_data_is_refused():
    with pytest.raises(DetenteError):
        check_topics({"version": 1, "topics": {"x": {"phrases": []}}})
    bad = dict(_load("ledger.yaml"))
    bad["denial_cues"] = [False]
    with pytest.raises(DetenteError):
        check_ledger(bad)


def test_topic_matching():
    kb = knowledge()
    assert kb.topics_in("an end to mobilization") == ["mobilisation"]
    assert kb.topics_in("a truce on energy strikes") == ["ceasefire:energy"]
    assert kb.topics_in("the weather") == []


@pytest.mark.parametrize("text, passed", [
    ("agreed to a full ceasefire after four days of fighting", "four days"),
    ("a truce to end their 12-day war", "12-day"),
    ("ending nearly two weeks of escalating regional violence", "two weeks"),
    ("is due to take effect on Monday, 48 hours after the signing", "48 hours"),
    ("took effect two days later", "two days"),
])
def test_elapsed_time_is_no_term(text, passed):
    assert any(passed in m.group(0) for m in knowledge().elapsed.finditer(text))


def test_a_term_is_not_elapsed_time():
    assert not list(knowledge().elapsed.finditer("signed a seven-day ceasefire that takes effect in 48 hours"))


def test_words_that_name_something_else_are_not_read_for_a_topic():
    kb = knowledge()
    assert "troop_withdrawal" not in kb.topics_in("demanded that the UN withdraw the report and apologise")
    assert "troop_withdrawal" in kb.topics_in("demanded that Rwanda withdraw its troops")
    assert "troop_withdrawal" not in kb.topics_in("threatened to withdraw from the ceasefire agreement")


def test_topics_of_any_war():
    kb = knowledge()
    assert kb.topics_in("third-party mediation") == ["talks"]
    assert kb.topics_in("talks on a ceasefire") == ["ceasefire"]  # talks about a topic are a stance on it
    assert kb.topics_in("an independent inquiry into the shelling") == ["accountability"]
    assert kb.topics_in("aid convoys into the besieged city") == ["humanitarian_aid"]
    assert kb.topics_in("a swift reply") == []  # the payment network, not any quick answer
    assert kb.topics_in("the prisoners before a final peace agreement is signed") == ["prisoners"]
    assert kb.topics_in("the Court's jurisdiction") == ["accountability"]
    assert kb.topics_in("to halt military reinforcements") == ["troop_deployments"]
    assert kb.topics_in("would expel the envoy") == ["diplomatic_relations"]
    assert kb.topics_in("having a third country to help") == ["talks"]
    assert kb.topics_in("the media and the armed forces") == []  # any armed forces are no army's size
    assert kb.topics_in("will not reduce the number of its armed forces") == ["armed_forces_size"]
    # a toll told in a relative clause is no topic of the stance
    assert kb.topics_in("to hold talks to end a conflict that has killed 33 and displaced 100,000") == ["talks"]


def test_an_agreement_kind_has_a_topic():
    kb = knowledge()
    assert kb.topic_of_kind("partial_ceasefire", "halt strikes on ports") == "ceasefire:ports"
    assert kb.topic_of_kind("other", "the deal") == "trade_and_access"
    assert kb.topic_of_kind("no_such_kind", "the deal") is None
