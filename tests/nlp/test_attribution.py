"""detente_attribution: speakers, outlet chains, hedges and confidence.

Trigger and actor spans are set by hand on the plain model's parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from detente.errors import DetenteError
from detente.nlp.attribution import (
    ATTRIBUTION_YAML,
    AttributionComponent,
    attribute,
    confidence_for,
    load_attribution_lexicon,
)
from detente.nlp.extensions import ModalityCue, Trigger
from detente.records import ActorRef, Attribution, Modality


def parse(nlp, text: str, *words: str, actors: dict[str, ActorRef] | None = None):
    """Parse; make each word a trigger; each `actors` phrase an actor span."""
    doc = nlp(text)
    spans = []
    for word in words:
        i = next(t.i for t in doc if t.text == word)
        spans.append(doc[i : i + 1])
    doc.spans["triggers"] = spans
    for span in doc.spans["triggers"]:
        span._.trigger = Trigger(event="ASSAULT", cue=span.text.lower())
    if actors:
        actor_spans = []
        for phrase in actors:
            start = doc.text.index(phrase)
            actor_spans.append(doc.char_span(start, start + len(phrase)))
        doc.spans["actors"] = actor_spans
        for span, ref in zip(doc.spans["actors"], actors.values()):
            span._.actor = ref
    return doc


def attr(nlp, text: str, word: str, actors: dict[str, ActorRef] | None = None) -> Attribution:
    doc = parse(nlp, text, word, actors=actors)
    return attribute(doc.spans["triggers"][0])


RUS = ActorRef(code="RUS", sector="GOV", entity_text="Kremlin", kind="institution")
USA = ActorRef(code="USA", entity_text="U.S.", kind="state")
UKR_PRES = ActorRef(code="UKR", sector="GOV", entity_text="The president", kind="person")


# --------------------------------------------------------------------------- speakers


@pytest.mark.parametrize("text, word, speaker, cue", [
    ("The governor said that missiles hit the rail depot.", "hit", "The governor", "said"),
    ("Drones struck a refinery overnight, the mayor said.", "struck", "the mayor", "said"),
    ("Militia fighters shelled the market, police officers told reporters.", "shelled",
     "police officers", "told"),
    ("Officials acknowledged that the convoy had been ambushed.", "ambushed", "Officials",
     "acknowledged"),
    ("The ministry announced that troops had pulled back from the ridge.", "pulled", "The ministry",
     "announced"),
    # the subject of a participle clause of saying is that of the verb it hangs on
    ("The prime minister's office said on Friday, arguing that the army had not enforced the truce.",
     "enforced", "The prime minister's office", "arguing"),
])
def test_reporting_verb_subject_is_the_speaker(base_nlp, text, word, speaker, cue):
    got = attr(base_nlp, text, word)
    assert got.speaker_text == speaker
    assert got.cue == cue
    assert got.speaker == [] and got.outlets == []


def test_pronoun_speaker_stays_a_pronoun_without_actor_spans(base_nlp):
    got = attr(base_nlp, "She added that the artillery would keep firing.", "firing")
    assert got.speaker_text == "She" and got.cue == "added" and got.speaker == []


def test_actor_spans_give_the_speaker_refs(base_nlp):
    got = attr(base_nlp, "The president said that rockets hit the port.", "hit",
               actors={"The president": UKR_PRES})
    assert got.speaker == [UKR_PRES]
    assert got.speaker_text == "The president"


def test_apposition_is_left_out_of_the_speaker_text(base_nlp):
    got = attr(base_nlp, "Ivan Petrov, the army spokesman, said that shells hit the school.", "hit")
    assert got.speaker_text == "Ivan Petrov"


def test_accuser_is_the_speaker_of_the_embedded_event(base_nlp):
    got = attr(base_nlp, "Tbilisi accused the separatists of shelling the border post.", "shelling")
    assert got.speaker_text == "Tbilisi" and got.cue == "accused"
    got = attr(base_nlp, "The mayor blamed the rebels for the bombing of the bridge.", "bombing")
    assert got.speaker_text == "The mayor" and got.cue == "blamed"


def test_self_accusation_is_a_misread_subject(base_nlp):
    text = "The mayor said that Moscow refused the plan and accused Russia of shelling the port."
    moscow = ActorRef(code="RUS", entity_text="Moscow", kind="state")
    russia = ActorRef(code="RUS", entity_text="Russia", kind="state")
    got = attr(base_nlp, text, "shelling", actors={"Moscow": moscow, "Russia": russia})
    assert got.speaker_text == "The mayor" and got.cue == "said"


def test_the_accusation_itself_has_no_speaker(base_nlp):
    assert attr(base_nlp, "Tbilisi accused the separatists of shelling the border post.",
                "accused") == Attribution()


def test_non_restrictive_relative_clause_is_the_writers_aside(base_nlp):
    got = attr(base_nlp, "The mayor said the convoy reached Kherson, which was shelled last week.", "shelled")
    assert got.speaker_text is None
    got = attr(base_nlp, "The mayor said the convoy reached Kherson, which was shelled last week.", "reached")
    assert got.speaker_text == "The mayor"


def test_demand_verbs_are_not_reporting_verbs(base_nlp):
    got = attr(base_nlp, "The envoy insisted that the militia must leave the city.", "leave")
    assert got.speaker_text is None and got.cue is None


def test_no_speaker_gives_an_empty_attribution(base_nlp):
    assert attr(base_nlp, "Artillery pounded the town on Sunday.", "pounded") == Attribution()


# --------------------------------------------------------------------------- according to


def test_according_to_two_sources(base_nlp):
    got = attr(base_nlp, "The sides swapped 90 detainees, according to Kremlin and U.S. officials.",
               "swapped", actors={"Kremlin": RUS, "U.S.": USA})
    assert [a.code for a in got.speaker] == ["RUS", "USA"]
    assert got.speaker_text == "Kremlin and U.S. officials"
    assert got.cue == "according to"


def test_according_to_one_source(base_nlp):
    got = attr(base_nlp, "According to the Kremlin, the convoy was attacked near the border.",
               "attacked", actors={"Kremlin": RUS})
    assert got.speaker == [RUS] and got.speaker_text == "the Kremlin" and got.cue == "according to"


def test_sentence_level_according_to_applies_to_every_trigger(base_nlp):
    doc = parse(base_nlp, "Rebels ambushed a patrol and soldiers shelled a village, according to the governor.",
                "ambushed", "shelled")
    got = [attribute(s) for s in doc.spans["triggers"]]
    assert [g.speaker_text for g in got] == ["the governor", "the governor"]
    assert all(g.cue == "according to" for g in got)


def test_according_to_followed_by_a_comma_scopes_over_the_rest(base_nlp):
    got = attr(base_nlp, "Talks stalled and, according to the mayor, the militia shelled the port.", "shelled")
    assert got.speaker_text == "the mayor"


def test_negated_subordinate_reporting_verb_is_no_parenthetical(base_nlp):
    got = attr(base_nlp, "The envoys discussed a truce, although the ministry did not mention it.", "truce")
    assert got.speaker_text is None and got.cue is None


# --------------------------------------------------------------------------- outlets


def test_outlet_inside_according_to(base_nlp):
    got = attr(base_nlp, "The brigade lost 300 men, according to an analysis by The New York Times.", "lost")
    assert got.outlets == ["The New York Times"]
    assert got.speaker_text is None and got.speaker == []
    assert got.cue == "according to"


@pytest.mark.parametrize("text, word, outlets, cue", [
    ("Reuters reported that the navy had sunk a patrol boat.", "sunk", ["Reuters"], "reported"),
    ("The BBC said that the militia had seized the dam.", "seized", ["BBC"], "said"),
    ("The publication writes that the troops looted the village.", "looted", ["The publication"], "writes"),
])
def test_outlet_as_source(base_nlp, text, word, outlets, cue):
    got = attr(base_nlp, text, word)
    assert got.outlets == outlets and got.cue == cue
    assert got.speaker_text is None


def test_outlet_named_inside_an_agency_phrase(base_nlp):
    got = attr(base_nlp, "The state news agency Xinhua said that floods had cut the road.", "cut")
    assert got.outlets == ["Xinhua"] and got.speaker_text is None


def test_outlet_chain_innermost_first(base_nlp):
    got = attr(base_nlp, "TASS reported that the Kremlin said the army captured the town.", "captured",
               actors={"Kremlin": RUS})
    assert got.speaker == [RUS] and got.speaker_text == "the Kremlin" and got.cue == "said"
    assert got.outlets == ["TASS"]
    got = attr(base_nlp, "The governor told the BBC that the militia had seized the dam, according to Interfax.",
               "seized")
    assert got.speaker_text == "The governor"
    assert got.outlets == ["BBC", "Interfax"]


def test_quoted_as_saying(base_nlp):
    got = attr(base_nlp, "Interfax quoted the governor as saying that drones hit a depot.", "hit")
    assert got.speaker_text == "the governor" and got.outlets == ["Interfax"]
    assert got.cue == "quoted as saying"


def test_as_reported_by(base_nlp):
    got = attr(base_nlp, "The rebels shelled the airport, as reported by Reuters.", "shelled")
    assert got.outlets == ["Reuters"] and got.speaker_text is None


def test_dateline_is_not_a_speaker(base_nlp):
    got = attr(base_nlp, "THE HAGUE, Netherlands -- A prosecutor has charged a colonel for ordering the raid.",
               "ordering")
    assert got.speaker_text == "A prosecutor" and got.cue == "charged"
    got = attr(base_nlp, "NATO said that jets intercepted the bombers.", "intercepted")
    assert got.speaker_text == "NATO"


def test_cited_source_of_an_outlet(base_nlp):
    got = attr(base_nlp, "Reuters reported, citing two officials, that the army attacked the depot.", "attacked")
    assert got.speaker_text == "two officials" and got.outlets == ["Reuters"]


# --------------------------------------------------------------------------- hedges


@pytest.mark.parametrize("text, word, hedge", [
    ("The strike reportedly killed nine civilians.", "killed", "reportedly"),
    ("The garrison allegedly executed the prisoners.", "executed", "allegedly"),
    ("The drones apparently came from the east.", "came", "apparently"),
    ("It is believed that the mines were laid by the militia.", "laid", "it is believed"),
    ("The rebels are said to have abandoned the airfield.", "abandoned", "is said to"),
    ("The army appears to have withdrawn from the town.", "withdrawn", "appears to"),
    ("The militia claimed that its fighters downed a helicopter.", "downed", "claimed"),
    ("Talks are likely to resume in Vienna.", "resume", "likely"),
    ("The alleged massacre shocked the region.", "massacre", "alleged"),
])
def test_hedges(base_nlp, text, word, hedge):
    assert hedge in attr(base_nlp, text, word).hedges


def test_hedges_do_not_leak_to_the_unhedged_trigger(base_nlp):
    assert attr(base_nlp, "The army shelled the town on Monday.", "shelled").hedges == []


# --------------------------------------------------------------------------- confidence


def test_confidence_for():
    plain = ModalityCue()
    assert confidence_for(Attribution(), plain) == 1.0
    assert confidence_for(Attribution(hedges=["reportedly"]), plain) == pytest.approx(0.7)
    assert confidence_for(Attribution(hedges=["reportedly", "is said to"]), plain) == pytest.approx(0.49)
    assert confidence_for(Attribution(hedges=["a", "b", "c", "d", "e"]), plain) == 0.3
    hypo = confidence_for(Attribution(), ModalityCue(value=Modality.hypothetical))
    pred = confidence_for(Attribution(), ModalityCue(value=Modality.predicted))
    assert hypo < pred < 1.0
    assert confidence_for(Attribution(), ModalityCue(value=Modality.negated)) == 1.0


# --------------------------------------------------------------------------- component


def test_component_sets_attribution_on_every_trigger(base_nlp):
    doc = parse(base_nlp, "Drones hit a depot, the mayor said, and artillery pounded the suburbs.",
                "hit", "pounded")
    component = base_nlp.create_pipe("detente_attribution")
    assert isinstance(component, AttributionComponent)
    doc = component(doc)
    values = [s._.attribution for s in doc.spans["triggers"]]
    assert all(isinstance(v, Attribution) for v in values)
    assert values[0].speaker_text == "the mayor"


# --------------------------------------------------------------------------- data


def test_attribution_yaml_schema():
    raw = yaml.safe_load(ATTRIBUTION_YAML.read_text(encoding="utf-8"))
    assert isinstance(raw["version"], int)
    lex = load_attribution_lexicon()
    names = [o.name for o in lex.outlets]
    assert len(names) == len(set(names))
    for required in ("Reuters", "AP", "AFP", "BBC", "CNN", "The New York Times", "TASS", "Meduza",
                     "Kyiv Independent", "Ukrainska Pravda", "Interfax", "RIA Novosti", "Al Jazeera"):
        assert required in names
    aliases = [a for o in lex.outlets for a in o.aliases]
    assert all(a.strip() == a and a for a in aliases)
    # one alias names one outlet
    owners: dict[str, set[str]] = {}
    for o in lex.outlets:
        for alias in [o.name, *o.aliases]:
            owners.setdefault(" ".join(w for w in alias.split() if w.lower() != "the"), set()).add(o.name)
    assert all(len(v) == 1 for v in owners.values()), owners
    # demands are events, not reporting verbs
    assert not {"insist", "demand", "urge", "warn"} & set(lex.reporting_verbs)
    assert all(v == v.lower() for v in lex.reporting_verbs)
    assert lex.hedges.adverbs and lex.hedges.passive_verbs


def test_broken_attribution_yaml_is_E402(tmp_path: Path):
    bad = tmp_path / "attribution.yaml"
    bad.write_text("version: 1\nreporting_verbs: say\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_attribution_lexicon(bad)
    assert err.value.code == "E402"


def test_a_closing_reporting_clause_parsed_as_a_conjunct_is_the_speaker(base_nlp):
    """", Saudi Arabia and the United States announced on Friday." closes the sentence: it reports it."""
    got = attr(base_nlp, "Delegates of the two armies signed a truce in Jeddah late on Thursday, "
                         "Saudi Arabia and the United States announced on Friday.", "signed")
    assert got.speaker_text == "Saudi Arabia and the United States"


def test_a_conjunct_reporting_clause_with_a_conjunction_reports_nothing_else(base_nlp):
    got = attr(base_nlp, "The army shelled the town on Monday, and the rebels said on Tuesday.", "shelled")
    assert got.speaker_text is None


def test_a_relative_clause_of_the_speaker_names_no_speaker(base_nlp):
    """"a rebel coalition that has been fighting the government said": not the government's claim."""
    got = attr(base_nlp, "A rebel coalition that has been fighting the government in Mali said on Friday that "
                         "it was calling off its truce.", "calling")
    assert all(a.code != "MLI" for a in got.speaker)


def test_a_quotation_over_two_sentences_is_spoken_by_whoever_it_names():
    from datetime import datetime, timezone

    from detente.nlp.pipeline import load_pipeline, make_doc
    from detente.records import Article

    nlp = load_pipeline()
    text = ("\u201cWe have agreed to extend the ceasefire for 180 days. We will respect it,\u201d "
            "ELN commander Pablo Beltran told reporters.")
    doc = nlp(make_doc(nlp, Article(id="x", text=text, published=datetime(2024, 2, 6, tzinfo=timezone.utc))))
    (agreed,) = [e for e in doc._.events if e.evidence.trigger == "agreed"]
    assert [a.code for a in agreed.attribution.speaker] == ["ELN"]
    assert [a.code for a in agreed.actor] == ["ELN"]  # "we" is whoever is quoted
