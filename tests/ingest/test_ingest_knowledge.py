"""Schema check of src/detente/data/ingest.yaml, and that a broken file is refused (E402)."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from detente.errors import DetenteError
from detente.ingest.knowledge import FORMATS, load_knowledge, parse_knowledge


@pytest.fixture()
def raw() -> dict:
    text = resources.files("detente").joinpath("data/ingest.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def test_packaged_file_matches_schema(raw):
    assert isinstance(raw["version"], int)
    kb = load_knowledge()
    assert set(kb.extension_format.values()) == set(FORMATS)
    assert kb.extension_format[".jsonl"] == "jsonl" and kb.extension_format[""] == "text"
    assert ".pdf" in kb.unsupported_extensions
    assert {"the", "of", "on", "said"} <= kb.english_stopwords  # "on" stays a string, not YAML true
    assert "en" in kb.english_like and 0 < kb.short_text_other_prob <= 1


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("version"),
    lambda d: d.__setitem__("version", "one"),
    lambda d: d["extensions"].__setitem__("pdf", [".pdf"]),
    lambda d: d["extensions"]["html"].append("htm"),
    lambda d: d["extensions"]["text"].append(".html"),
    lambda d: d["unsupported_extensions"].append(".json"),
    lambda d: d["language"].pop("min_words"),
    lambda d: d["language"].__setitem__("short_text_other_prob", 3),
    lambda d: d.__setitem__("english_stopwords", [True, "the"]),
])
def test_broken_knowledge_is_refused(raw, breakage):
    broken = copy.deepcopy(raw)
    breakage(broken)
    with pytest.raises(DetenteError) as err:
        parse_knowledge(broken)
    assert err.value.code == "E402"
