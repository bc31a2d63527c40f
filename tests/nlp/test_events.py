"""The event assembler on hand-built Docs: parses and spans set by hand, so
these tests check composition rules, not the statistical model."""

from __future__ import annotations

from datetime import date, datetime, timezone

from spacy.tokens import Doc
from spacy.lang.en import English

from detente.nlp import extensions  # noqa: F401
from detente.nlp.events import assemble
from detente.nlp.extensions import ModalityCue, Trigger
from detente.records import ActorRef, Attribution, DateRef, Modality

VOCAB = English().vocab
PUBLISHED = datetime(2025, 6, 12, 9, 0, tzinfo=timezone.utc)


def build(words, heads, deps, pos, lemmas=None, tags=None, sent_starts=None):
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words],
              tags=tags or ["" for _ in words], sent_starts=sent_starts)
    doc._.article_id = "a1"
    doc._.published = PUBLISHED
    for group in ("actors", "dates", "places", "quantities", "triggers"):
        doc.spans[group] = []
    return doc


def actor(doc, start, end, code, name=None, kind="state"):
    span = doc[start:end]
    span._.actor = ActorRef(code=code, entity_text=span.text, entity_name=name or code, kind=kind)
    doc.spans["actors"] = [*doc.spans["actors"], span]


def trigger(doc, i, event, cue, nominal=False, salience=1.0, mode=None, modality=Modality.asserted, **att):
    span = doc[i:i + 1]
    span._.trigger = Trigger(event=event, cue=cue, nominal=nominal, salience=salience, mode=mode)
    span._.modality = ModalityCue(value=modality)
    span._.attribution = Attribution(**att)
    doc.spans["triggers"] = [*doc.spans["triggers"], span]


def test_rejected_ceasefire_is_one_reject_with_the_ceasefire_as_object():
    # Moscow rejected a ten-day truce .
    doc = build(["Moscow", "rejected", "a", "ten-day", "truce", "."], [1, 1, 4, 4, 1, 1],
                ["nsubj", "ROOT", "det", "amod", "dobj", "punct"], ["PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"])
    actor(doc, 0, 1, "RUS")
    trigger(doc, 1, "REJECT", "reject", salience=2)
    trigger(doc, 4, "RETREAT", "truce", nominal=True, mode="ceasefire", modality=Modality.refused)
    events = assemble(doc)
    assert [e.event for e in events] == ["REJECT"]
    ev = events[0]
    assert ev.object == "a ten-day truce" and [a.code for a in ev.actor] == ["RUS"] and ev.primary
    assert not ev.standing  # one act of rejecting, not a red line
    assert ev.date.fallback and ev.date.date == "2025-06-12"
    assert (ev.evidence.trigger_start, ev.evidence.trigger_end) == (7, 15)


def test_events_inside_an_accusation_stay_events_claimed_by_the_accuser():
    # Kyiv accused Moscow of shelling Kherson .
    doc = build(["Kyiv", "accused", "Moscow", "of", "shelling", "Kherson", "."], [1, 1, 1, 1, 3, 4, 1],
                ["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj", "punct"],
                ["PROPN", "VERB", "PROPN", "ADP", "VERB", "PROPN", "PUNCT"])
    actor(doc, 0, 1, "UKR")
    actor(doc, 2, 3, "RUS")
    trigger(doc, 1, "ACCUSE", "accuse", salience=2)
    trigger(doc, 4, "ASSAULT", "shell", mode="heavy-weapons")
    accuse, assault = assemble(doc)
    assert [a.code for a in accuse.actor] == ["UKR"] and [r.code for r in accuse.recipient] == ["RUS"]
    assert [a.code for a in assault.actor] == ["RUS"]
    assert [s.code for s in assault.attribution.speaker] == ["UKR"]
    assert accuse.primary and not assault.primary


def test_standing_refusal_becomes_reject():
    # Kyiv will not recognise the annexation .
    doc = build(["Kyiv", "will", "not", "recognise", "the", "annexation", "."], [3, 3, 3, 3, 5, 3, 3],
                ["nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"],
                ["PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"], tags=["NNP", "MD", "RB", "VB", "DT", "NN", "."])
    actor(doc, 0, 1, "UKR")
    trigger(doc, 3, "SUPPORT", "recognise", modality=Modality.negated)
    (ev,) = assemble(doc)
    assert ev.event == "REJECT" and ev.modality == Modality.asserted
    assert ev.object == "recognise the annexation" and [a.code for a in ev.actor] == ["UKR"]
    assert ev.standing  # the ledger's red line


def test_present_refusal_over_its_own_infinitive_is_standing():
    # Hamas refuses to disarm .
    doc = build(["Hamas", "refuses", "to", "disarm", "."], [1, 1, 3, 1, 1],
                ["nsubj", "ROOT", "aux", "xcomp", "punct"], ["PROPN", "VERB", "PART", "VERB", "PUNCT"],
                lemmas=["hamas", "refuse", "to", "disarm", "."], tags=["NNP", "VBZ", "TO", "VB", "."])
    actor(doc, 0, 1, "HMS", kind="group")
    trigger(doc, 1, "REJECT", "refuse", salience=2)
    (ev,) = assemble(doc)
    assert ev.event == "REJECT" and ev.standing


def test_never_makes_a_rejection_standing_and_a_headline_present_does_not():
    # Sudmark never rejects talks . / Sudmark rejects the plan .
    never = build(["Sudmark", "never", "rejects", "talks", "."], [2, 2, 2, 2, 2],
                  ["nsubj", "neg", "ROOT", "dobj", "punct"], ["PROPN", "ADV", "VERB", "NOUN", "PUNCT"],
                  tags=["NNP", "RB", "VBZ", "NNS", "."])
    plain = build(["Sudmark", "rejects", "the", "plan", "."], [1, 1, 3, 1, 1],
                  ["nsubj", "ROOT", "det", "dobj", "punct"], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                  tags=["NNP", "VBZ", "DT", "NN", "."])
    for doc, i in ((never, 2), (plain, 1)):
        actor(doc, 0, 1, "SDM")
        trigger(doc, i, "REJECT", "reject", salience=2)
    assert [e.standing for e in assemble(never)] == [True]
    assert [e.standing for e in assemble(plain)] == [False]


def test_proposal_is_recorded_as_the_proposed_event():
    # Ankara proposed a truce .
    doc = build(["Ankara", "proposed", "a", "truce", "."], [1, 1, 3, 1, 1],
                ["nsubj", "ROOT", "det", "dobj", "punct"], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                lemmas=["ankara", "propose", "a", "truce", "."])
    actor(doc, 0, 1, "TUR")
    trigger(doc, 1, "AGREE", "propose", salience=2)
    trigger(doc, 3, "RETREAT", "truce", nominal=True, mode="ceasefire", modality=Modality.proposed)
    (ev,) = assemble(doc)
    assert (ev.event, ev.mode, ev.modality) == ("RETREAT", "ceasefire", Modality.proposed)
    assert [a.code for a in ev.actor] == ["TUR"]


def test_collective_parties_and_inherited_date():
    # Moscow and Kyiv met on Tuesday . The parties agreed to talks .
    words = ["Moscow", "and", "Kyiv", "met", "on", "Tuesday", ".", "The", "parties", "agreed", "to", "talks", "."]
    heads = [3, 0, 0, 3, 3, 4, 3, 8, 9, 9, 9, 10, 9]
    deps = ["nsubj", "cc", "conj", "ROOT", "prep", "pobj", "punct", "det", "nsubj", "ROOT", "prep", "pobj", "punct"]
    pos = ["PROPN", "CCONJ", "PROPN", "VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"]
    doc = build(words, heads, deps, pos, sent_starts=[1 if i in (0, 7) else 0 for i in range(len(words))])
    actor(doc, 0, 1, "RUS")
    actor(doc, 2, 3, "UKR")
    day = doc[5:6]
    day._.date = DateRef(date="2025-06-10", precision="day", raw="Tuesday")
    doc.spans["dates"] = [day]
    trigger(doc, 3, "CONSULT", "meet")
    trigger(doc, 9, "AGREE", "agree")
    meet, agree = assemble(doc)
    assert {a.code for a in meet.actor} == {"RUS", "UKR"} and meet.date.date == "2025-06-10"
    assert {a.code for a in agree.actor} == {"RUS", "UKR"}
    assert agree.date.date == "2025-06-10" and agree.date.inherited


def test_a_date_in_a_relative_clause_is_not_inherited():
    # The war , which began on Tuesday , goes on . Kyiv agreed to talks .
    words = ["The", "war", ",", "which", "began", "on", "Tuesday", ",", "goes", "on", ".",
             "Kyiv", "agreed", "to", "talks", "."]
    heads = [1, 8, 1, 4, 1, 4, 5, 1, 8, 8, 8, 12, 12, 12, 13, 12]
    deps = ["det", "nsubj", "punct", "nsubj", "relcl", "prep", "pobj", "punct", "ROOT", "prt", "punct",
            "nsubj", "ROOT", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "VERB", "ADP", "PROPN", "PUNCT", "VERB", "ADP", "PUNCT",
           "PROPN", "VERB", "ADP", "NOUN", "PUNCT"]
    doc = build(words, heads, deps, pos, sent_starts=[1 if i in (0, 11) else 0 for i in range(len(words))])
    actor(doc, 11, 12, "UKR")
    day = doc[6:7]
    day._.date = DateRef(date="2025-06-10", precision="day", raw="Tuesday")
    doc.spans["dates"] = [day]
    trigger(doc, 12, "AGREE", "agree")
    (agree,) = assemble(doc)
    assert agree.date.date != "2025-06-10" and not agree.date.inherited


def test_a_day_earlier_is_the_day_before_the_one_told():
    # Talks ended on Tuesday . A day earlier Kyiv agreed .
    words = ["Talks", "ended", "on", "Tuesday", ".", "A", "day", "earlier", "Kyiv", "agreed", "."]
    heads = [1, 1, 1, 2, 1, 6, 7, 9, 9, 9, 9]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "det", "npadvmod", "advmod", "nsubj", "ROOT", "punct"]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "ADV", "PROPN", "VERB", "PUNCT"]
    doc = build(words, heads, deps, pos, sent_starts=[1 if i in (0, 5) else 0 for i in range(len(words))])
    actor(doc, 8, 9, "UKR")
    day = doc[3:4]
    day._.date = DateRef(date="2025-06-10", precision="day", raw="Tuesday")
    doc.spans["dates"] = [day]
    trigger(doc, 9, "AGREE", "agree")
    (agree,) = assemble(doc)
    assert agree.date.date == "2025-06-09" and agree.date.raw == "A day earlier"


def test_a_running_total_since_a_day_keeps_its_since_date():
    # Shelling has killed 41 civilians since Tuesday .
    words = ["Shelling", "has", "killed", "41", "civilians", "since", "Tuesday", "."]
    heads = [2, 2, 2, 4, 2, 2, 5, 2]
    deps = ["nsubj", "aux", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"]
    pos = ["NOUN", "AUX", "VERB", "NUM", "NOUN", "ADP", "PROPN", "PUNCT"]
    tags = ["NN", "VBZ", "VBN", "CD", "NNS", "IN", "NNP", "."]
    doc = build(words, heads, deps, pos, tags=tags)
    day = doc[5:7]
    day._.date = DateRef(date="2025-06-10", precision="day", raw="since Tuesday", relation="since")
    doc.spans["dates"] = [day]
    trigger(doc, 2, "ASSAULT", "kill")
    (killed,) = assemble(doc)
    assert killed.date.relation == "since" and killed.date.date == "2025-06-10"  # a total, no one day's act


def test_a_past_act_with_no_date_in_a_sentence_of_old_dates_is_background():
    # Troops stayed until 2000 , when Kyiv withdrew .
    words = ["Troops", "stayed", "until", "2000", ",", "when", "Kyiv", "withdrew", "."]
    heads = [1, 1, 1, 2, 1, 7, 7, 1, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "advmod", "nsubj", "advcl", "punct"]
    pos = ["NOUN", "VERB", "ADP", "NUM", "PUNCT", "ADV", "PROPN", "VERB", "PUNCT"]
    tags = ["NNS", "VBD", "IN", "CD", "", "WRB", "NNP", "VBD", "."]
    doc = build(words, heads, deps, pos, tags=tags)
    actor(doc, 6, 7, "UKR")
    year = doc[2:4]
    year._.date = DateRef(date="2000", precision="year", raw="until 2000", relation="until")
    doc.spans["dates"] = [year]
    trigger(doc, 7, "RETREAT", "withdraw")
    (withdrew,) = assemble(doc)
    assert withdrew.modality == Modality.historical  # not a withdrawal on the day of the report


def test_a_date_in_a_future_clause_is_not_inherited():
    # Troops would withdraw on Friday . Kyiv agreed to talks .
    words = ["Troops", "would", "withdraw", "on", "Friday", ".", "Kyiv", "agreed", "to", "talks", "."]
    heads = [2, 2, 2, 2, 3, 2, 7, 7, 7, 8, 7]
    deps = ["nsubj", "aux", "ROOT", "prep", "pobj", "punct", "nsubj", "ROOT", "prep", "pobj", "punct"]
    pos = ["NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "ADP", "NOUN", "PUNCT"]
    doc = build(words, heads, deps, pos, sent_starts=[1 if i in (0, 6) else 0 for i in range(len(words))])
    actor(doc, 6, 7, "UKR")
    day = doc[4:5]
    day._.date = DateRef(date="2025-06-13", precision="day", raw="Friday")
    doc.spans["dates"] = [day]
    trigger(doc, 7, "AGREE", "agree")
    (agree,) = assemble(doc)
    assert agree.date.date != "2025-06-13" and not agree.date.inherited


def test_a_day_told_weeks_before_the_storys_day_is_not_inherited():
    # Kyiv agreed on Friday . Talks began on Monday ( weeks before ) . Moscow agreed too .
    words = ["Kyiv", "agreed", "on", "Friday", ".", "Talks", "began", "on", "Monday", ".", "Moscow", "agreed", "."]
    heads = [1, 1, 1, 2, 1, 6, 6, 6, 7, 6, 11, 11, 11]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "ROOT",
            "punct"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB",
           "PUNCT"]
    doc = build(words, heads, deps, pos, sent_starts=[1 if i in (0, 5, 10) else 0 for i in range(len(words))])
    actor(doc, 0, 1, "UKR")
    actor(doc, 10, 11, "RUS")
    friday, monday = doc[3:4], doc[8:9]
    friday._.date = DateRef(date="2025-06-06", precision="day", raw="Friday")
    monday._.date = DateRef(date="2025-05-05", precision="day", raw="Monday")  # a background day
    doc.spans["dates"] = [friday, monday]
    trigger(doc, 1, "AGREE", "agree")
    trigger(doc, 11, "AGREE", "agree")
    kyiv, moscow = assemble(doc)
    assert moscow.date.date == "2025-06-06" and moscow.date.inherited


def test_an_undated_pages_event_with_no_date_of_its_own_has_no_day():
    # Moscow rejected a ten-day truce .  (a page with no publication date: the file's time is no day)
    doc = build(["Moscow", "rejected", "a", "ten-day", "truce", "."], [1, 1, 4, 4, 1, 1],
                ["nsubj", "ROOT", "det", "amod", "dobj", "punct"], ["PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"])
    doc._.published_fallback = True
    actor(doc, 0, 1, "RUS")
    trigger(doc, 1, "REJECT", "reject", salience=2)
    (ev,) = assemble(doc)
    assert ev.date.fallback and ev.date.date is None and ev.date.precision == "unknown"


def test_an_undated_pages_event_with_no_date_of_its_own_takes_the_pages_anchor_flagged():
    # Moscow rejected a ten-day truce .  (an undated page whose prose names 4 June 2031 in full elsewhere)
    doc = build(["Moscow", "rejected", "a", "ten-day", "truce", "."], [1, 1, 4, 4, 1, 1],
                ["nsubj", "ROOT", "det", "amod", "dobj", "punct"], ["PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"])
    doc._.published_fallback = True
    doc._.date_anchor = date(2031, 6, 4)
    actor(doc, 0, 1, "RUS")
    trigger(doc, 1, "REJECT", "reject", salience=2)
    (ev,) = assemble(doc)
    assert ev.date.fallback and ev.date.date == "2031-06-04" and ev.date.precision == "day"
