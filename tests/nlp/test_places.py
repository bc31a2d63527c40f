"""detente_places: the component on written examples (the gazetteer is tested in tests/knowledge)."""

from __future__ import annotations

import pytest

# --------------------------------------------------------------------------- component


@pytest.fixture(scope="module")
def nlp(pipeline_with):
    return pipeline_with("detente_places")


def _places(nlp, text: str) -> dict[str, object]:
    doc = nlp(text)
    return {s.text: s._.place for s in doc.spans["places"]}


@pytest.mark.model
def test_city_with_qualified_country(nlp) -> None:
    found = _places(nlp, "A missile landed in Sumy, eastern Ukraine, before dawn on the second day of talks.")
    assert found["Sumy"].feature == "city" and found["Sumy"].country_code == "UKR"
    assert found["eastern Ukraine"].name == "Ukraine"
    assert found["eastern Ukraine"].raw == "eastern Ukraine"
    assert found["eastern Ukraine"].resolution == 1


@pytest.mark.model
def test_oblasts_sites_and_variants(nlp) -> None:
    found = _places(nlp, "Inspectors toured the Zaporizhzhia Nuclear Power Plant while artillery "
                         "pounded villages in the Kharkov region and drones crossed the Black Sea.")
    assert found["Zaporizhzhia Nuclear Power Plant"].feature == "site"
    assert found["Kharkov region"].name == "Kharkiv Oblast"
    assert found["Black Sea"].feature == "sea"


@pytest.mark.model
def test_places_the_model_mislabels_and_names_that_are_not_places(nlp) -> None:
    found = _places(nlp, "The Kyiv Post said envoys from Kyiv and Moscow would meet in Riyadh, "
                         "while fighting went on near Pokrovsk and in the Kursk region.")
    assert found["Kyiv"].name == "Kyiv"
    assert "Kyiv Post" not in found
    assert [s for s in found if s == "Kyiv"] == ["Kyiv"]
    assert found["Moscow"].country_code == "RUS"
    assert found["Riyadh"].country_code == "SAU"
    assert found["Pokrovsk"].admin1 == "Donetsk Oblast"
    assert found["Kursk region"].feature == "admin1"


@pytest.mark.model
def test_seats_of_government_and_longer_names(nlp) -> None:
    found = _places(nlp, "Aides at the White House spoke to the Kremlin as Warsaw Pact veterans "
                         "gathered in Bosnia.")
    assert found["White House"].country_code == "USA" and found["White House"].feature == "site"
    assert found["Kremlin"].country_code == "RUS"
    assert "Warsaw" not in found
    assert found["Bosnia"].country_code == "BIH"


@pytest.mark.model
def test_possessive_is_left_out_of_the_span(nlp) -> None:
    found = _places(nlp, "Seoul rejected North Korea's demand on Friday.")
    assert found["North Korea"].country_code == "PRK"
