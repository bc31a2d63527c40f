"""detente_quantities: the quantities.yaml schema and the component on written examples."""

from __future__ import annotations

import copy

import pytest

from detente.errors import DetenteError
from detente.nlp.quantities import load_quantities_data, validate_quantities_data


def test_quantities_yaml_schema() -> None:
    data = load_quantities_data()
    assert isinstance(data["version"], int)
    assert set(data["size_cues"]) == {"dead", "injured", "arrested"}
    assert data["number_words"]["twenty"] == 20
    assert data["scales"]["million"] == 1_000_000
    assert "day" in data["time_units"]


def test_quantities_yaml_bad_data_is_rejected() -> None:
    broken = copy.deepcopy(load_quantities_data())
    del broken["size_cues"]["arrested"]
    with pytest.raises(DetenteError) as err:
        validate_quantities_data(broken)
    assert err.value.code == "E402"
    broken = copy.deepcopy(load_quantities_data())
    broken["scales"]["lots"] = "many"
    with pytest.raises(DetenteError):
        validate_quantities_data(broken)


@pytest.fixture(scope="module")
def nlp(pipeline_with):
    return pipeline_with("detente_quantities")


def _quantities(nlp, text: str) -> dict[str, object]:
    doc = nlp(text)
    return {s.text: s._.quantity for s in doc.spans["quantities"]}


@pytest.mark.model
def test_exchange_counts_per_side_and_qualifier(nlp) -> None:
    found = _quantities(nlp, "The two armies handed over 175 prisoners from each side, among them "
                             "23 seriously wounded soldiers.")
    swap = found["175 prisoners"]
    assert (swap.value, swap.unit, swap.kind, swap.per) == (175, "prisoners", "count", "side")
    assert swap.size_field is None
    hurt = found["23 seriously wounded soldiers"]
    assert (hurt.value, hurt.unit, hurt.qualifier, hurt.size_field) == (23, "soldiers", "seriously wounded", "injured")


@pytest.mark.model
def test_durations_and_money(nlp) -> None:
    found = _quantities(nlp, "After a two-hour call the leaders backed a 30-day ceasefire, and Kyiv "
                             "asked for $300 billion to rebuild.")
    assert (found["30-day"].value, found["30-day"].unit, found["30-day"].kind) == (30, "day", "duration")
    assert (found["two-hour"].value, found["two-hour"].unit, found["two-hour"].kind) == (2, "hour", "duration")
    money = found["$300 billion"]
    assert (money.value, money.kind, money.unit) == (300e9, "money", "USD")


@pytest.mark.model
def test_casualty_verbs_set_size_fields(nlp) -> None:
    found = _quantities(nlp, "Overnight shelling killed 12 people and wounded 30, officials said. "
                             "Police later detained more than 200 protesters.")
    assert found["12 people"].size_field == "dead" and found["12 people"].unit == "people"
    assert found["30"].size_field == "injured"
    protest = found["more than 200 protesters"]
    assert (protest.value, protest.size_field) == (200, "arrested")


@pytest.mark.model
def test_passive_adjective_and_toll(nlp) -> None:
    found = _quantities(nlp, "The raid left 9 dead. At least 4 medics were killed. The death toll rose to 16.")
    assert found["9 dead"].size_field == "dead"
    assert found["At least 4 medics"].size_field == "dead" and found["At least 4 medics"].value == 4
    assert found["16"].size_field == "dead"


@pytest.mark.model
def test_number_formats(nlp) -> None:
    found = _quantities(nlp, "Monitors logged 2,935 violations, twenty-three were detained, a dozen "
                             "homes burned and hundreds of families fled, with 2.5 million people "
                             "short of water and tens of thousands of troops massed nearby.")
    assert found["2,935 violations"].value == 2935 and found["2,935 violations"].unit == "violations"
    assert found["twenty-three"].value == 23 and found["twenty-three"].size_field == "arrested"
    assert found["a dozen homes"].value == 12
    vague = found["hundreds of families"]
    assert (vague.value, vague.unit, vague.kind) == (100, "families", "other")
    assert found["2.5 million people"].value == 2_500_000
    assert found["tens of thousands of troops"].value == 10_000


@pytest.mark.model
def test_years_dates_and_labels_are_skipped(nlp) -> None:
    found = _quantities(nlp, "The truce signed on March 11, 2025, held until 2 p.m., as Resolution 2231 "
                             "and the 2014 accords required; three years of war had passed since 2022.")
    texts = set(found)
    assert not any(t in texts for t in ("11", "2025", "2", "2231", "2014", "2022"))
    assert found["three years"].kind == "duration" and found["three years"].unit == "year"


@pytest.mark.model
def test_agents_ages_and_totals(nlp) -> None:
    found = _quantities(nlp, "The four gunmen killed at least 11 villagers. A 52-year-old farmer survived. "
                             "A total of three soldiers were wounded, and the blast left two guards dead.")
    assert found["four gunmen"].size_field is None  # the killers, not the killed
    assert found["at least 11 villagers"].size_field == "dead"
    assert not any("52" in text for text in found)
    assert found["three soldiers"].size_field == "injured"
    assert found["two guards"].size_field == "dead"


@pytest.mark.model
def test_particle_over_and_currency_words(nlp) -> None:
    found = _quantities(nlp, "The rebels handed over 40 hostages, and donors pledged 90 million euros "
                             "and 15 billion shillings.")
    assert "40 hostages" in found
    assert (found["90 million euros"].unit, found["90 million euros"].kind) == ("EUR", "money")
    assert found["15 billion shillings"].kind == "money"


@pytest.mark.model
def test_number_parsed_as_the_object_still_counts_the_noun_after_it(nlp) -> None:
    found = _quantities(nlp, "The general announced his willingness to free 41 badly injured Georgian "
                             "conscripts and swap detainees with Tbilisi.")
    q = next(v for k, v in found.items() if k.startswith("41"))
    assert (q.value, q.unit) == (41, "conscripts")
