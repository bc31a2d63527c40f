"""Plans, hopes and schedules carry their modality, and a date that only ends or frames an event
does not date it (sentences written for detente; the full model runs, as in production)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from detente.nlp.pipeline import load_pipeline, make_doc
from detente.records import Article

pytestmark = pytest.mark.model
PUBLISHED = datetime(2030, 6, 5, 10, 0, tzinfo=timezone.utc)  # a Wednesday


@pytest.fixture(scope="module")
def events():
    nlp = load_pipeline()

    def run(text: str):
        doc = nlp(make_doc(nlp, Article(id=Article.make_id(text), text=text, published=PUBLISHED)))
        return {e.evidence.trigger: e for e in doc._.events}

    return run


@pytest.mark.parametrize("text, value", [
    ("The truce between the two armies will expire on Friday.", "predicted"),
    ("The truce is due to expire at midnight on Friday.", "predicted"),
    ("The truce is to take effect on Friday evening.", "predicted"),
    ("The truce could collapse within days.", "hypothetical"),
    ("The truce expired on Monday.", "asserted"),
])
def test_a_noun_takes_the_time_of_the_verb_it_is_subject_of(events, text, value):
    assert events(text)["truce"].modality.value == value


def test_a_scheduled_start_keeps_its_day(events):
    truce = events("The truce is to take effect on Friday evening.")["truce"]
    assert truce.date.date == "2030-06-07"


def test_hoping_to_act_is_an_intention_hoping_that_others_act_is_not(events):
    assert events("Dorvia hoped to persuade the army to extend the truce.")["extend"].modality.value == "intended"
    got = events("The mediators hoped the pause could be stretched into a longer truce.")
    assert all(e.modality.value != "intended" for e in got.values())


def test_focused_on_extending_is_an_intention(events):
    assert events("The kingdom remained focused on extending the truce.")["extending"].modality.value == "intended"


def test_an_end_date_does_not_date_the_act(events):
    agreed = events("The army and the rebels agreed to extend the truce until 3 June.")["agreed"]
    assert agreed.date.date == "2030-06-05" and agreed.date.fallback
    agreed = events("The two forces agreed to extend the truce to the evening of 9 June.")["agreed"]
    assert agreed.date.date != "2030-06-09"


def test_a_date_in_a_relative_clause_times_that_clause(events):
    text = "The warring parties accepted a plan for a truce that begins on Saturday, the envoy announced on Tuesday."
    assert events(text)["accepted"].date.date == "2030-06-04"


def test_every_party_listed_after_between(events):
    text = "A two-month truce between Yemen's government, the Saudi-led coalition and the Houthis came into force."
    assert sorted(a.code for a in events(text)["truce"].actor) == ["HOU", "SAU", "YEM"]


def test_a_date_in_a_participle_clause_on_the_object_times_that_clause(events):
    text = "The two armies agreed to a phased ceasefire starting Friday, their commanders said on Tuesday."
    assert events(text)["agreed"].date.date == "2030-06-04"


@pytest.mark.parametrize("text, trigger, actor", [
    ("Malaysia's prime minister persuaded Cambodia to accept the truce.", "accept", "KHM"),
    ("Qatar convinced Hamas to agree to the pause.", "agree", "HMS"),
])
def test_the_object_of_a_persuading_verb_does_what_its_infinitive_says(events, text, trigger, actor):
    assert [a.code for a in events(text)[trigger].actor] == [actor]


def test_a_term_date_is_kept_as_the_event_s_term(events):
    declared = events("The rebels on Tuesday declared a three-day ceasefire starting Friday.")["declared"]
    assert declared.date.date == "2030-06-04"
    assert [(t.kind, t.date.date) for t in declared.terms] == [("start", "2030-06-07")]  # the coming Friday
    agreed = events("The army and the rebels agreed to extend the truce until 9 June.")["agreed"]
    assert [(t.kind, t.date.date) for t in agreed.terms] == [("end", "2030-06-09")]


def test_an_undated_page_takes_no_anchor_from_a_caption():
    nlp = load_pipeline()
    text = ("Israel accepts truce proposal\n"
            "FILE PHOTO: The two leaders meet in Washington, U.S., April 7, 2031. REUTERS/Staff/File Photo\n"
            "Israel has agreed to the proposal for a truce, the prime minister's office said in a statement on Tuesday.\n"
            "Iran has accepted it too, an official said.")
    art = Article(id=Article.make_id(text), text=text, published=PUBLISHED, metadata={"published_fallback": "mtime"})
    doc = nlp(make_doc(nlp, art))
    (agreed,) = [e for e in doc._.events if e.evidence.trigger == "agreed"]
    assert not (agreed.date.date or "").startswith("2031-04")  # not resolved against the caption's date
    (accepted,) = [e for e in doc._.events if e.evidence.trigger == "accepted"]
    assert not (accepted.date.date or "").startswith("2031-04")  # nor inherited from it


def test_an_undated_page_dates_a_later_weekday_from_the_day_it_named():
    nlp = load_pipeline()
    text = ("The EU welcomed the ceasefire announced on 21 August 2020 by the government in Tripoli, its "
            "foreign policy chief said on Saturday. However, on Sunday, Khalifa Haftar rejected the ceasefire.")
    art = Article(id=Article.make_id(text), text=text, published=PUBLISHED, metadata={"published_fallback": "mtime"})
    doc = nlp(make_doc(nlp, art))
    (rejected,) = [e for e in doc._.events if e.evidence.trigger == "rejected"]
    assert rejected.date.date == "2020-08-23"  # two days after the Friday it named, not the week before


def test_a_month_named_in_a_schedule_is_the_coming_one():
    nlp = load_pipeline()
    text = "The ceasefire takes effect in phases and goes fully into effect in August."
    art = Article(id=Article.make_id(text), text=text, published=datetime(2023, 6, 10, tzinfo=timezone.utc))
    doc = nlp(make_doc(nlp, art))
    assert [e.date.date for e in doc._.events] == ["2023-08"]
