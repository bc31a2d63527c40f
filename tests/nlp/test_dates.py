"""detente_dates and resolve_date: relative and absolute dates against a fixed publication time."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from detente.nlp.dates import days_before_that, resolve_date

# Wednesday 19 March 2025
PUB = datetime(2025, 3, 19, 14, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("phrase", "date", "precision", "relation"),
    [
        ("on Tuesday", "2025-03-18", "day", "on"),
        ("Monday night", "2025-03-17", "day", "on"),
        ("on Thursday", "2025-03-13", "day", "on"),  # most recent Thursday before publication
        ("Wednesday", "2025-03-19", "day", "on"),  # the publication weekday is the publication day
        ("last Wednesday", "2025-03-12", "day", "on"),
        ("next Friday", "2025-03-21", "day", "on"),
        ("yesterday", "2025-03-18", "day", "on"),
        ("today", "2025-03-19", "day", "on"),
        ("last night", "2025-03-18", "day", "on"),
        ("last week", "2025-03-10", "day", "during"),  # the Monday starting that week
        ("earlier this week", "2025-03-17", "day", "during"),
        ("over the weekend", "2025-03-15", "day", "during"),
        ("on March 11", "2025-03-11", "day", "on"),
        ("11 March", "2025-03-11", "day", "on"),
        ("the 2nd of March", "2025-03-02", "day", "on"),
        ("March 11, 2025", "2025-03-11", "day", "on"),
        ("December 30", "2024-12-30", "day", "on"),  # never far in the future
        ("March 22", "2025-03-22", "day", "on"),  # a few days ahead is allowed
        ("later this month", "2025-03", "month", "on"),
        ("this month", "2025-03", "month", "on"),
        ("next month", "2025-04", "month", "on"),
        ("last month", "2025-02", "month", "on"),
        ("in January", "2025-01", "month", "on"),
        ("in June", "2024-06", "month", "on"),
        ("in 2014", "2014", "year", "on"),
        ("since 2014", "2014", "year", "since"),
        ("until 2027", "2027", "year", "until"),
        ("last year", "2024", "year", "on"),
        ("over the past three years", "2022", "year", "since"),
        ("for the last two weeks", "2025-03-05", "day", "since"),
        ("four days ago", "2025-03-15", "day", "on"),
        ("since February 24, 2022", "2022-02-24", "day", "since"),
        ("2024-11-05", "2024-11-05", "day", "on"),
        ("last month's", "2025-02", "month", "on"),
        ("Sunday, Feb. 9, 2025", "2025-02-09", "day", "on"),
        ("Friday (March 14)", "2025-03-14", "day", "on"),
        ("between May and July of 2023", "2023-05", "month", "since"),
        ("March 3-4", "2025-03-03", "day", "on"),
    ],
)
def test_resolve_date(phrase: str, date: str, precision: str, relation: str) -> None:
    ref = resolve_date(phrase, PUB)
    assert ref is not None, phrase
    assert (ref.date, ref.precision, ref.relation) == (date, precision, relation)
    assert ref.raw == phrase
    assert ref.fallback is False


def test_year_turns_over_in_january() -> None:
    ref = resolve_date("on Friday", datetime(2025, 1, 1))
    assert ref is not None and ref.date == "2024-12-27"


@pytest.mark.parametrize("phrase", ["three years of war", "three years", "30-day", "a two-hour", "the word peace",
                                    "the previous day"])
def test_durations_and_non_dates_are_not_dates(phrase: str) -> None:
    assert resolve_date(phrase, PUB) is None


def test_without_publication_date() -> None:
    rel = resolve_date("on Tuesday", None)
    assert rel is not None and rel.date is None and rel.precision == "unknown"
    assert resolve_date("later this month", None).precision == "unknown"
    absolute = resolve_date("March 11, 2025", None)
    assert absolute is not None and absolute.date == "2025-03-11"
    since = resolve_date("since 2014", None)
    assert since is not None and since.date == "2014" and since.relation == "since"


# --------------------------------------------------------------------------- component


@pytest.fixture(scope="module")
def nlp(pipeline_with):
    return pipeline_with("detente_dates")


def _dates(nlp, text: str, published=PUB):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return {s.text: s._.date for s in doc.spans["dates"]}


@pytest.mark.model
def test_component_resolves_weekday_and_relative(nlp) -> None:
    found = _dates(nlp, "Negotiators said on Tuesday that the shelling began yesterday "
                        "and a new round of talks is planned for later this month.")
    assert found["Tuesday"].date == "2025-03-18"
    assert found["yesterday"].date == "2025-03-18"
    assert found["later this month"].date == "2025-03"
    assert all(not d.fallback for d in found.values())


@pytest.mark.model
def test_component_since_and_past_years(nlp) -> None:
    found = _dates(nlp, "The peninsula has been occupied since 2014, and the envoys have met "
                        "twice over the past three years, most recently on March 11.")
    assert found["since 2014"].relation == "since"
    assert found["since 2014"].date == "2014"
    assert found["over the past three years"].relation == "since"
    assert found["March 11"].date == "2025-03-11"


@pytest.mark.model
def test_component_skips_durations(nlp) -> None:
    found = _dates(nlp, "After three years of war, both armies accepted a 30-day truce last week.")
    assert list(found) == ["last week"]
    assert found["last week"].relation == "during"


@pytest.mark.model
def test_a_date_does_not_run_into_a_purpose_clause(nlp) -> None:
    found = _dates(nlp, "The government and the rebels signed a lasting truce on Wednesday to end two years of war.")
    assert "Wednesday" in found and found["Wednesday"].date == "2025-03-19"
    assert not any("end" in text for text in found)


@pytest.mark.model
def test_component_without_publication_date(nlp) -> None:
    found = _dates(nlp, "Officials met on Tuesday and again on March 11, 2025.", published=None)
    assert found["Tuesday"].precision == "unknown"
    assert found["March 11, 2025"].date == "2025-03-11"


def test_a_coming_date_weeks_ahead_is_this_years():
    from datetime import date

    from detente.nlp.dates import _year_for

    published = date(2022, 5, 16)
    assert _year_for(6, 2, published) == 2022  # "the truce expires on 2 June"
    assert _year_for(12, 20, published) == 2021  # seven months ahead: last December


@pytest.mark.parametrize("text, want", [
    ("A day earlier, the rebels had walked out of the talks.", 1),
    ("Two days before, the envoy had left the capital.", 2),
    ("Shelling was reported the previous night near the border.", 1),
    ("The army said it would answer any attack.", None),
])
def test_a_shift_from_the_day_told_before(text, want):
    found = days_before_that(text)
    assert (found[0] if found else None) == want


@pytest.mark.model
def test_a_weekday_in_what_would_happen_is_the_coming_one(nlp) -> None:
    found = _dates(nlp, "The president said on Wednesday that both armies would stop firing on Monday.")
    assert found["Monday"].date == "2025-03-24"


@pytest.mark.model
def test_a_plan_told_in_the_past_dates_the_day_that_has_come():
    from datetime import datetime, timezone

    from detente.nlp.pipeline import load_pipeline, make_doc
    from detente.records import Article

    nlp = load_pipeline()
    published = datetime(2025, 12, 31, tzinfo=timezone.utc)  # a Wednesday

    def day(text: str) -> str | None:
        doc = nlp(make_doc(nlp, Article(id=Article.make_id(text), text=text, published=published)))
        return doc._.events[0].date.date

    assert day("The soldiers were initially expected to be released on Tuesday, but the army delayed it.") == "2025-12-30"
    assert day("The soldiers are expected to be released on Tuesday.") == "2026-01-06"


@pytest.mark.model
def test_a_present_simple_schedules_its_weekday():
    from detente.nlp.pipeline import load_pipeline, make_doc
    from detente.records import Article

    nlp = load_pipeline()
    text = "The bilateral ceasefire takes effect on Thursday, the government said."
    doc = nlp(make_doc(nlp, Article(id="x", text=text, published=datetime(2031, 8, 1, 12, tzinfo=timezone.utc))))
    assert [e.date.date for e in doc._.events] == ["2031-08-07"]  # 1 August 2031 is a Friday


@pytest.mark.model
def test_a_day_taken_from_an_earlier_sentence_is_a_flagged_fallback():
    from detente.nlp.pipeline import load_pipeline, make_doc
    from detente.records import Article

    nlp = load_pipeline()
    text = ("The army said on Tuesday that rebels had shelled the town.\n\n"
            "The rebels also seized weapons and destroyed tunnels in the villages they hold.")
    doc = nlp(make_doc(nlp, Article(id="x", text=text, published=datetime(2031, 8, 1, 12, tzinfo=timezone.utc))))
    later = [e for e in doc._.events if e.evidence.trigger in ("seized", "destroyed")]
    assert later and all(e.date.inherited and e.date.fallback for e in later)
    assert all(not e.date.fallback for e in doc._.events if e.evidence.trigger == "shelled")


def test_the_end_or_start_of_a_period_is_that_period():
    pub = datetime(2031, 9, 17, tzinfo=timezone.utc)
    assert resolve_date("the end of August", pub).date == "2031-08"
    assert resolve_date("at the start of August", pub).date == "2031-08"
    assert resolve_date("the beginning of 2030", pub).date == "2030"
    assert resolve_date("the end of the war", pub) is None
