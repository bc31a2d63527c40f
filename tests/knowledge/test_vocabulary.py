"""vocabulary.yaml: word sets defined once and named as "$set" by the files that share them."""

from __future__ import annotations

import pytest
import yaml

from detente.datafiles import DATA_DIR, VOCABULARY, expand, read_yaml, vocabulary
from detente.errors import DetenteError
from detente.knowledge.crosswalk import load_crosswalk
from detente.knowledge.ledger import knowledge


def _raw(name: str):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def test_each_set_is_lower_case_phrases_and_shared_by_two_files():
    sets = vocabulary()
    assert {"ceasefire_words", "proposal_verbs", "refusal_verbs"} <= set(sets)
    for name in sets:
        users = [p.name for p in DATA_DIR.glob("*.yaml") if p.name != VOCABULARY
                 and f'"${name}' in p.read_text(encoding="utf-8")]
        assert len(users) >= 2, f"{name} is shared by {users}: a set used once belongs in that file"


def test_a_reference_becomes_the_sets_phrases_and_a_star_makes_prefixes():
    assert expand({"a": ["$refusal_verbs", "veto"]})["a"] == [*vocabulary()["refusal_verbs"], "veto"]
    assert expand(["$ceasefire_words*"]) == [f"{p}*" for p in vocabulary()["ceasefire_words"]]
    assert expand(["@leader", "$ 5", {"k": ["x"]}]) == ["@leader", "$ 5", {"k": ["x"]}]  # not references


def test_an_unknown_set_is_error_e402(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nwords: [\"$no_such_set\"]\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        read_yaml(bad)
    assert err.value.code == "E402" and "no_such_set" in str(err.value)


def test_the_files_read_the_shared_words_not_their_own_copies():
    ceasefire = vocabulary()["ceasefire_words"]
    assert '"$ceasefire_words' in (DATA_DIR / "topics.yaml").read_text(encoding="utf-8")
    topics = knowledge()
    assert all(topics.topics_in(f"they signed a {w}") == ["ceasefire"] for w in ceasefire)
    assert "armistice*" in read_yaml("crosswalk.yaml")["cues"]["ceasefire"]
    assert load_crosswalk() is not None
    assert read_yaml("modality.yaml")["refused"]["verbs"] == list(vocabulary()["refusal_verbs"])
    raw_triggers = _raw("triggers.yaml")
    assert "reject" not in raw_triggers["verbs"]["REJECT"]["_"]  # named once, in vocabulary.yaml
