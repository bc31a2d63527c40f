"""detente_modality: one or more hand-written sentences per modality value.

Trigger spans are set by hand on the plain model's parse (no detente_triggers).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from detente.errors import DetenteError
from detente.nlp.extensions import ModalityCue, Trigger
from detente.nlp.modality import (
    MODALITY_YAML,
    ModalityComponent,
    load_modality_lexicon,
    modality_of,
)
from detente.records import ActorRef, Modality

PUBLISHED = datetime(2025, 3, 20, 12, 0, tzinfo=timezone.utc)


def annotate(nlp, text: str, word: str, event: str = "ASSAULT", nth: int = 0,
             published: datetime | None = PUBLISHED):
    """Parse `text` and make the nth occurrence of `word` the only trigger."""
    doc = nlp(text)
    doc._.published = published
    hits = [t.i for t in doc if t.text == word]
    assert len(hits) > nth, f"{word!r} not in {text!r}"
    i = hits[nth]
    doc.spans["triggers"] = [doc[i : i + 1]]
    span = doc.spans["triggers"][0]
    span._.trigger = Trigger(event=event, cue=word.lower())
    return doc, span


def check(nlp, text, word, value, cue=None, condition=None, event="ASSAULT", nth=0):
    _, span = annotate(nlp, text, word, event, nth)
    got = modality_of(span)
    assert got.value == value, (text, word, got)
    if cue is not None:
        assert got.cue == cue, (text, word, got)
    assert got.condition == condition, (text, word, got)
    return got


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("text, word, cue", [
    ("Moscow did not bomb the harbour on Sunday.", "bomb", "not"),
    ("No truce was reached after the second round.", "reached", "no"),
    ("No truce was reached after the second round.", "truce", "no"),
    ("The separatists never ratified the accord.", "ratified", "never"),
    ("The army failed to capture the bridge.", "capture", "failed"),
    ("Minsk denied that its planes struck the camp.", "struck", "denied"),
    ("The general left the capital without signing the truce.", "signing", "without"),
    ("The talks ended without an agreement.", "agreement", "without"),
    ("The rebels left without agreeing to extend the truce.", "extend", "without"),
])
def test_negated(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.negated, cue)


@pytest.mark.parametrize("text, word, cue", [
    ("The general refused to pull back his brigades.", "pull", "refused"),
    ("The envoy declined to meet the rebel leaders.", "meet", "declined"),
    ("Tbilisi will not recognise the breakaway vote.", "recognise", "will not"),
    ("Baku rejected a truce on Friday.", "truce", "rejected"),
    ("The premier stressed that Pristina cannot accept the partition.", "accept", "can not"),
])
def test_refused(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.refused, cue)


def test_the_reject_trigger_itself_is_asserted(base_nlp):
    check(base_nlp, "Baku rejected a truce on Friday.", "rejected", Modality.asserted, event="REJECT")
    check(base_nlp, "The general refused to pull back his brigades.", "refused", Modality.asserted,
          event="REJECT")


@pytest.mark.parametrize("text, word, cue", [
    ("Ankara proposed a truce along the river.", "truce", "proposed"),
    ("Oslo offered to swap the detained sailors.", "swap", "offered"),
    ("A pause proposed by the mediators was debated in Geneva.", "pause", "proposed"),
    ("Qatar suggested negotiations in Doha.", "negotiations", "suggested"),
])
def test_proposed(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.proposed, cue, event="CONSULT")


@pytest.mark.parametrize("text, word, cue", [
    ("Belgrade pledged to withdraw its police units.", "withdraw", "pledged"),
    ("The militia vowed to keep fighting.", "keep", "vowed"),
    ("The two armies agreed to swap 60 captives next month.", "swap", "agreed"),
    ("The minister promised to release the hostages.", "release", "promised"),
])
def test_promised(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.promised, cue, event="RETREAT")


@pytest.mark.parametrize("text, word, cue", [
    ("Yerevan plans to expand the buffer zone.", "expand", "plans"),
    ("Kinshasa intends to retake the mining town.", "retake", "intends"),
    ("The rebels are ready to exchange captives.", "exchange", "ready"),
    ("Damascus announced its readiness to exchange detainees.", "exchange", "readiness"),
    ("The junta expressed readiness for negotiations.", "negotiations", "readiness"),
    ("The government is willing to negotiate.", "negotiate", "willing"),
    ("The ministry announced that it will release 40 detainees.", "release", "will"),
    ("The council said it would free the detainees.", "free", "would"),
])
def test_intended(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.intended, cue, event="RETREAT")


@pytest.mark.parametrize("text, word, cue, condition", [
    ("Armenia will halt the shelling if both armies stop firing.", "halt", "if",
     "if both armies stop firing"),
    ("The rebels will lay down arms provided that the army stops raids.", "lay", "provided",
     "provided that the army stops raids"),
    ("Kyiv will end the strikes provided the army stops raids.", "end", "provided",
     "provided the army stops raids"),
    ("Juba will free the prisoners on condition that the blockade ends.", "free", "on condition",
     "on condition that the blockade ends"),
    ("Khartoum will respect the truce while the militia does the same.", "respect", "while",
     "while the militia does the same"),
    ("Both sides agreed to retaliate in case of violation of the deal.", "retaliate", "in case",
     "in case of violation of the deal"),
    ("The army will not negotiate unless the insurgents disarm.", "negotiate", "unless",
     "unless the insurgents disarm"),
    ("Serbia would withdraw only if the sanctions were lifted.", "withdraw", "only if",
     "only if the sanctions were lifted"),
    ("The ceasefire will hold as long as nobody shoots.", "hold", "as long as",
     "as long as nobody shoots"),
])
def test_conditional(base_nlp, text, word, cue, condition):
    check(base_nlp, text, word, Modality.conditional, cue, condition, event="RETREAT")


def test_until_after_a_negation_is_a_condition(base_nlp):
    check(base_nlp, "The rebels will not begin talks until the prisoners are freed.", "begin",
          Modality.conditional, "until", "until the prisoners are freed", event="CONSULT")
    # without a negation 'until' is only time
    check(base_nlp, "The shelling went on until the envoys arrived.", "shelling", Modality.asserted)


def test_condition_of_a_reported_demand(base_nlp):
    text = "The cabinet insisted that a settlement was possible only if the arms deliveries stopped."
    check(base_nlp, text, "insisted", Modality.conditional, "only if",
          "only if the arms deliveries stopped", event="REQUEST")


def test_condition_of_an_agreed_object(base_nlp):
    text = "Moscow agreed to a partial truce that would cover power plants while Kyiv does the same."
    check(base_nlp, text, "agreed", Modality.conditional, "while", "while Kyiv does the same",
          event="AGREE")


def test_condition_stays_with_its_own_clause(base_nlp):
    # the agreement happened; only the retaliation is conditional
    check(base_nlp, "Both sides agreed to retaliate in case of violation of the deal.", "agreed",
          Modality.asserted, event="AGREE")


def test_anaphoric_case_is_not_a_condition(base_nlp):
    check(base_nlp, "In that case, the bank refused to hand over the files.", "hand", Modality.refused)


def test_infinitive_after_a_nominal_trigger_is_its_content(base_nlp):
    check(base_nlp, "The militia condemned the refusal to commit troops.", "refusal", Modality.asserted,
          event="REJECT")


def test_provided_as_a_verb_is_no_condition(base_nlp):
    check(base_nlp, "The donors have provided 40 million dollars to rebuild the bridges.", "rebuild",
          Modality.asserted, event="AID")


def test_refused_event_with_a_while_clause_stays_refused(base_nlp):
    check(base_nlp, "The city rejected a plea by the envoy to hold a rally while he is in town.", "rally",
          Modality.refused, event="PROTEST")


def test_past_while_clause_is_not_a_condition(base_nlp):
    check(base_nlp, "The army shelled the village while the talks were under way.", "shelled",
          Modality.asserted)


@pytest.mark.parametrize("text, word, cue", [
    ("The insurgents could launch a spring offensive.", "launch", "could"),
    ("The garrison might retreat from the port.", "retreat", "might"),
    ("If the militia attacks the town, the army will respond.", "attacks", "if"),
])
def test_hypothetical(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.hypothetical, cue)


@pytest.mark.parametrize("text, word, cue", [
    ("Negotiations are expected to resume next week.", "resume", "expected"),
    ("Negotiations are likely to resume next week.", "resume", "likely"),
    ("Analysts said the army will storm the city.", "storm", "will"),
    ("The summit will take place in Vienna on Friday.", "take", "will"),
])
def test_predicted(base_nlp, text, word, cue):
    check(base_nlp, text, word, Modality.predicted, cue)


@pytest.mark.parametrize("text, word", [
    ("Troops have held the valley since the invasion of the north in 2008.", "invasion"),
    ("In 2008, the army invaded the northern provinces.", "invaded"),
    ("The rebels seized the airport two years ago.", "seized"),
])
def test_historical(base_nlp, text, word):
    check(base_nlp, text, word, Modality.historical)


def test_years_inside_a_relative_clause_do_not_date_the_trigger(base_nlp):
    check(base_nlp, "The campaign sued the paper over a column it printed in 2019.", "sued",
          Modality.asserted, event="ACCUSE")


def test_adjectives_count_only_in_their_construction(base_nlp):
    # 'due to' as a preposition is a cause, not a schedule
    check(base_nlp, "A detainee died in custody due to beatings.", "beatings", Modality.asserted)
    check(base_nlp, "The envoy is due to arrive in Kabul.", "arrive", Modality.predicted, "due",
          event="CONSULT")


def test_refused_request_was_still_made(base_nlp):
    check(base_nlp, "The court rejected a request from the ministry.", "request", Modality.asserted,
          event="REQUEST")


def test_current_events_are_asserted(base_nlp):
    check(base_nlp, "Troops have held the valley since the invasion of the north in 2008.", "held",
          Modality.asserted)
    check(base_nlp, "The army shelled the depot on Tuesday.", "shelled", Modality.asserted)
    check(base_nlp, "In 2025, the army shelled the depot.", "shelled", Modality.asserted)


def test_year_reference_without_publication_date(base_nlp):
    doc, span = annotate(base_nlp, "In 2008, the army invaded the north. The war resumed in 2024.",
                         "invaded", published=None)
    assert modality_of(span).value == Modality.historical


def test_announced_future_of_another_party_is_predicted(base_nlp):
    doc, span = annotate(base_nlp, "Tehran said Israel will strike the reactor.", "strike")
    assert modality_of(span).value == Modality.predicted
    # the actors component says both are the same party: then it is a plan
    doc, span = annotate(base_nlp, "The cabinet said Israel will strike the reactor.", "strike")
    doc.spans["actors"] = [doc[0:2], doc[3:4]]
    doc.spans["actors"][0]._.actor = ActorRef(code="ISR", sector="GOV", entity_text="The cabinet")
    doc.spans["actors"][1]._.actor = ActorRef(code="ISR", entity_text="Israel")
    assert modality_of(span).value == Modality.intended


def test_polarity_folded_into_the_trigger_type_is_not_counted_twice(base_nlp):
    doc, span = annotate(base_nlp, "Tbilisi will not recognise the breakaway vote.", "recognise")
    span._.trigger = Trigger(event="REJECT", cue="not recognise")
    assert modality_of(span).value == Modality.asserted
    doc, span = annotate(base_nlp, "The garrison will withdraw from the port.", "withdraw")
    span._.trigger = Trigger(event="AGREE", cue="will withdraw")
    assert modality_of(span).value == Modality.asserted
    # a condition is still the trigger's own
    doc, span = annotate(base_nlp, "The army will not negotiate unless the insurgents disarm.", "negotiate")
    span._.trigger = Trigger(event="REJECT", cue="not negotiate")
    assert modality_of(span).value == Modality.conditional


# --------------------------------------------------------------------------- precedence


def test_precedence(base_nlp):
    # conditional beats refusal
    check(base_nlp, "The army will not negotiate unless the insurgents disarm.", "negotiate",
          Modality.conditional, "unless", "unless the insurgents disarm")
    # negation beats proposal
    check(base_nlp, "Ankara did not propose a truce.", "truce", Modality.negated, "not")
    # a plan beats the year it was made in
    check(base_nlp, "In 2019, the rebels planned to seize the port.", "seize", Modality.intended)


def test_scope_stops_at_verbs_that_undo_their_object(base_nlp):
    check(base_nlp, "Ankara refuses to lift the blockade of the port.", "blockade", Modality.asserted,
          event="COERCE")
    check(base_nlp, "Ankara refuses to lift the blockade of the port.", "lift", Modality.refused,
          event="CONCEDE")


def test_scope_stops_at_adverbial_clauses(base_nlp):
    # the refusal does not reach the attack in the 'after' clause
    check(base_nlp, "The envoy refused to talk after the militia attacked the convoy.", "attacked",
          Modality.asserted)
    check(base_nlp, "The envoy refused talks after the attack on the convoy.", "attack",
          Modality.asserted)


# --------------------------------------------------------------------------- component


def test_component_annotates_every_trigger(base_nlp):
    doc = base_nlp("The rebels refused to disarm, and the army shelled the town.")
    doc._.published = PUBLISHED
    idx = {t.text: t.i for t in doc}
    doc.spans["triggers"] = [doc[idx["disarm"]: idx["disarm"] + 1], doc[idx["shelled"]: idx["shelled"] + 1]]
    for span, ev in zip(doc.spans["triggers"], ["RETREAT", "ASSAULT"]):
        span._.trigger = Trigger(event=ev, cue=span.text)
    component = base_nlp.create_pipe("detente_modality")
    assert isinstance(component, ModalityComponent)
    doc = component(doc)
    values = [s._.modality for s in doc.spans["triggers"]]
    assert all(isinstance(v, ModalityCue) for v in values)
    assert [v.value for v in values] == [Modality.refused, Modality.asserted]


def test_component_without_triggers_is_a_no_op(base_nlp):
    doc = base_nlp("Nothing happened.")
    assert base_nlp.create_pipe("detente_modality")(doc) is doc


# --------------------------------------------------------------------------- data


def test_modality_yaml_schema():
    raw = yaml.safe_load(MODALITY_YAML.read_text(encoding="utf-8"))
    assert isinstance(raw["version"], int)
    lex = load_modality_lexicon()
    for group in (lex.proposed, lex.promised, lex.intended, lex.predicted):
        assert group.lemmas(), group
        assert all(w == w.lower() and w.strip() == w for w in group.lemmas())
    assert lex.negated.neg_words and lex.refused.verbs and lex.hypothetical.aux
    assert set(lex.conditional.prep_nouns) <= {"on", "in"}
    assert all(len(m.split()) <= 3 for m in lex.conditional.marks)
    assert lex.historical.min_year < lex.historical.max_year
    # no cue word is claimed by two values that would contradict each other
    assert not (lex.proposed.lemmas() & lex.promised.lemmas())


def test_broken_modality_yaml_is_E402(tmp_path: Path):
    bad = tmp_path / "modality.yaml"
    bad.write_text("version: 1\nnegated: [oops]\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_modality_lexicon(bad)
    assert err.value.code == "E402"


def test_without_negates_only_its_own_verb(base_nlp):
    check(base_nlp, "The mission announced the swap without saying how many prisoners were freed.", "freed",
          Modality.asserted, event="RETREAT")


def test_steps_toward_an_act_are_intended(base_nlp):
    check(base_nlp, "We took the first steps to sign a bilateral ceasefire, the rebel negotiator said.", "sign",
          Modality.intended, "steps", event="SUPPORT")


def test_a_supposition_about_what_is_known_is_hypothetical(base_nlp):
    check(base_nlp, "If the claims are accurate, the rebels attacked the prosecutor's convoy.", "attacked",
          Modality.hypothetical, "if")
    check(base_nlp, "The rebels will attack the convoy if the army advances.", "attack", Modality.conditional, "if",
          condition="if the army advances")
