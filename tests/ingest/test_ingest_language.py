"""The English check: long texts by py3langid probability, short ones leniently."""

from __future__ import annotations

import pytest

from detente.ingest.language import check_english, english_probability
from detente.ingest.problems import Reject

ENGLISH = [
    "The two delegations met for six hours on Tuesday and agreed to exchange the remains of fallen "
    "soldiers before the end of the month, a spokesman for the mediators said.",
    "Ceasefire talks resume",                                  # headline: too short to judge harshly
    "NATO and UN officials met in Geneva on Monday.",          # name-heavy, py3langid is unsure
    "Chief Ifeanyi Okonkwo and Governor Babatunde Adeyemi met traditional rulers in Enugu on Friday to "
    "discuss the release of kidnapped farmers, police said.",  # py3langid leans to Nigerian Pidgin
]
FOREIGN = [
    ("Die beiden Regierungen haben sich am Dienstag auf einen Waffenstillstand geeinigt, der ab "
     "Mitternacht gelten soll, teilte das Au\u00dfenministerium mit.", "German"),
    ("Les deux d\u00e9l\u00e9gations se sont mises d'accord mardi sur un \u00e9change de prisonniers, "
     "selon un communiqu\u00e9 du minist\u00e8re publi\u00e9 dans la soir\u00e9e.", "French"),
    ("\u041f\u0435\u0440\u0435\u043c\u0438\u0440\u0438\u0435 \u043d\u0430\u0440\u0443\u0448\u0435\u043d\u043e "
     "\u043d\u043e\u0447\u044c\u044e", "Russian"),                 # short, Cyrillic
    ("Los dos gobiernos firmaron un alto el fuego de treinta d\u00edas en la capital.", "Spanish"),  # short
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_accepted(text):
    check_english(text, 0.5)


@pytest.mark.parametrize("text,language", FOREIGN)
def test_foreign_is_rejected_with_the_language_named(text, language):
    with pytest.raises(Reject) as err:
        check_english(text, 0.5)
    assert err.value.code == "E107" and language in err.value.reason


def test_min_english_threshold_is_respected():
    text = ENGLISH[0]
    p_en, _, _ = english_probability(text)
    assert p_en > 0.9
    with pytest.raises(Reject):
        check_english(text, min_english=1.01)


def test_text_without_words_is_not_judged():
    check_english("12:30 - 14:45 / 2025", 0.5)
