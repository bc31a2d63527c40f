"""What is not an event: the triggers of a sentence that assembly drops.

`_keep` turns a sentence's trigger spans into drafts, dropping triggers
absorbed as the object of another, proposals handed over to what they
propose, and mentions (`_is_mention`, `_nominal_happens`), references to
known things (`_is_reference`), background (`_is_background`), other senses
of trigger words (`_other_sense`), acts refrained from, time, condition and
purpose clauses, and words of a name. Also the tests of a proposal and of a
standing refusal that the build step shares.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.nlp.assembly.rules import MATERIAL_QUADS, AssemblyRules, _Draft
from detente.nlp.assembly.syntax import _is_nominal, _is_verb, object_tokens, subtree_ids
from detente.nlp.extensions import ModalityCue
from detente.records import QUADS, Modality


def is_standing_refusal(tok: Token, rules: AssemblyRules) -> bool:
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & rules.refusal_aux) or tok.tag_ in rules.refusal_tags or (
        any(c.lemma_ == "do" and c.tag_ in rules.refusal_tags for c in tok.children))


def _keep(spans: list[Span], rules: AssemblyRules) -> list[_Draft]:
    """Drop triggers absorbed as the object of another; note attributing owners."""
    drafts = []
    objects = {other.root.i: _object_ids(other.root, rules) for other in spans}
    handed_over: set[int] = set()  # proposals recorded as the event they propose
    for span in spans:
        for other in spans:
            if (other.root.i != span.root.i and span.root.i in objects[other.root.i]
                    and _is_proposal(other, rules) and not _is_proposal(span, rules)):
                handed_over.add(other.root.i)
    for span in spans:
        owner = None
        absorbed = span.root.i in handed_over
        for other in spans:
            if other.root.i == span.root.i or span.root.i not in objects[other.root.i]:
                continue
            kind = other._.trigger.event
            if other.root.i in handed_over:
                continue
            if kind in rules.absorbing and not _is_red_line(span, rules):
                absorbed = True
            elif kind in rules.attributing:
                owner = other
        # an apposition repeating a trigger of the same type adds nothing
        if span.root.dep_ == "appos" and any(
            o.root.i == span.root.head.i and o._.trigger.event == span._.trigger.event for o in spans
        ):
            absorbed = True
        if absorbed or _in_condition_clause(span.root, rules) or _purpose_clause(span.root, spans):
            continue
        if owner is not None and (span.root.lemma_ in rules.violation_lemmas
                                  or (_is_nominal(span) and span._.trigger.event == owner._.trigger.event)):
            continue  # the accusation's content, kept as its object; "a charge X denied" names it again
        drafts.append(_Draft(span, span._.trigger, owner))
    mentions = {id(d) for d in drafts if _is_mention(d, spans, handed_over, objects, rules)}
    if any(id(d) not in mentions and not _timing_only(d, rules) for d in drafts):
        # a verb mention (a clause that only times another event) is dropped only beside an event
        # the sentence reports as happening; a noun merely named beside another trigger is no event
        # either; alone in its sentence it is what the sentence reports ("clashes in the north"),
        # unless it is a bare reference ("the deal", below)
        drafts = [d for d in drafts if id(d) not in mentions]
    elif len(drafts) > 1:
        drafts = [d for d in drafts if id(d) not in mentions or not _is_nominal(d.span)
                  or (QUADS[d.trigger.event] in MATERIAL_QUADS and _names_its_agent(d.span.root))]
    elif drafts and id(drafts[0]) in mentions and _is_nominal(drafts[0].span) \
            and drafts[0].trigger.mode in rules.standing_modes and drafts[0].span.root.sent.root.pos_ in ("VERB", "AUX"):
        drafts = []  # "the group was celebrating the ceasefire": a truce named in a clause about something else
    elif (len(drafts) == 1 and id(drafts[0]) in mentions and _is_nominal(drafts[0].span)
          and drafts[0].span.root.dep_ == "pobj" and drafts[0].span.root.sent.root.pos_ in ("VERB", "AUX")
          and drafts[0].trigger.event != "ACCUSE"
          and drafts[0].span.root.head.head.lemma_.lower() not in rules.responsibility_nouns
          and _in_a_report(drafts[0].span)):
        # "sources with knowledge of the talks said ...": a noun in a phrase of a sentence about something
        # else, in a report (a one-sentence text is coded for what it names); but "countered with their
        # own accusations" is a charge, and "claimed responsibility for the attack" the attack, its doer named
        drafts = []
    return [d for d in drafts if not _is_reference(d, id(d) in mentions, rules)
            and not _is_background(d.span.root, rules, d.trigger.event) and not _abstained(d.span.root, rules)
            and not _toll_of_a_named_attack(d.span.root, spans, rules)
            and not _other_sense(d.span.root, d.trigger.event, rules)
            and not (_is_nominal(d.span) and _verbless(d.span.root.sent) and "\n" in d.span.doc.text.strip())]


def _object_ids(tok: Token, rules: AssemblyRules) -> set[int]:
    """The tokens of `tok`'s object, less an "after"/"before" phrase its noun carries: "vowed a
    response after accusing the junta of breaking the truce" vows no accusation."""
    heads = object_tokens(tok, rules)
    cut = {t.i for h in heads for c in h.subtree
           if c.dep_ == "prep" and c.lower_ in rules.time_clause_marks and c.head.pos_ == "NOUN" and c.head.i == h.i
           for t in c.subtree}
    return subtree_ids(heads) - cut


def _purpose_clause(tok: Token, spans: list[Span]) -> bool:
    """"pulled out of the city to avoid fighting in its streets": what an event is done for is not
    a second event. (After a verb that is no event, "came to Jeddah to discuss a truce", the
    purpose is what the sentence reports.)"""
    cur = tok
    for _ in range(3):  # "to avoid fighting": the trigger may be what the purpose verb governs
        if cur.dep_ not in ("xcomp", "dobj", "pobj", "prep", "pcomp") or cur.head.i == cur.i:
            break
        cur = cur.head
    return (cur.dep_ == "advcl" and cur.pos_ == "VERB" and any(s.root.i == cur.head.i for s in spans)
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children))


def _abstained(tok: Token, rules: AssemblyRules) -> bool:
    """An act a side refrains from: "shall cease and desist from carrying out offensives",
    "refrained from attacking" (the refraining is the event, when it is one)."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pcomp" and cur.head.lower_ == "from" or cur.dep_ == "pobj" and cur.head.lower_ == "from":
            verb = cur.head.head
            if verb.lemma_.lower() in rules.abstention_verbs or any(
                    c.dep_ == "conj" and c.lemma_.lower() in rules.abstention_verbs for c in verb.children) or (
                    verb.dep_ == "conj" and verb.head.lemma_.lower() in rules.abstention_verbs):
                return True
        if cur.dep_ not in ("dobj", "xcomp", "compound", "amod", "conj") or cur.head is cur:
            break
        cur = cur.head
    return False


def _verbless(sent: Span) -> bool:
    """A fragment with no verb ("The government's lead delegate to the talks"): on a page (a text of
    several lines) a noun in it names something, it reports nothing happening; a text of one line is
    what it reports ("Heavy clashes in the north")."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _is_reference(d: _Draft, mentioned: bool, rules: AssemblyRules) -> bool:
    """'the war', 'the deal' named, not reported as happening (reference_nouns); a war as a whole
    is never one event of a report (background_nouns)."""
    tok = d.span.root
    if _is_nominal(d.span) and tok.lemma_.lower() in rules.background_nouns:
        return True
    if _is_nominal(d.span) and tok.dep_ == "pobj" and tok.head.lower_ in rules.setting_preps:
        return True  # "since Russian aggression", "amid the fighting", "despite calls for a truce"
    if _is_nominal(d.span) and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in rules.quality_nouns for g in c.children) for c in tok.children):
        return True  # "the demonstration of my firm desire for dialogue": a proof, not a protest
    return (mentioned and tok.lemma_.lower() in rules.reference_nouns
            and any(c.dep_ == "det" and c.lower_ in rules.reference_determiners or c.dep_ == "poss"
                    for c in tok.children))  # "its proposal", "Sarraj's proposal": known already


def _names_a_noun(tok: Token) -> bool:
    """A naming verb right after a noun that is not its subject: "militias, called the anti-balaka"
    (not "which separatists called a violation", where the noun before it is its subject)."""
    named = [c for c in tok.children if c.dep_ in ("oprd", "dobj") and c.i > tok.i]
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBN", "VBD") or len({c.dep_ for c in named}) != 1 \
            or any(c.pos_ == "PRON" for c in named) \
            or any(c.dep_ in ("prep", "prt") and c.i == tok.i + 1 for c in tok.children):
        # "phone calls", "called on Thursday for a halt", ", calling it a violation", and two
        # objects: "called Britain's ambassador a very stupid guy" calls someone something
        return False
    left = tok.i - 1
    if left >= 0 and tok.doc[left].text == ",":
        left -= 1
    if left < 0 or tok.doc[left].pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return True
    # a subject parsed onto it: still a name when a proper name follows ("groups called the CPC")
    nxt = tok.i + 2 if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "the" else tok.i + 1
    return (nxt < len(tok.doc) and tok.doc[nxt].pos_ == "PROPN" and named[0].pos_ == "PROPN"
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i == left for c in tok.children))


def _other_sense(tok: Token, event: str, rules: AssemblyRules) -> bool:
    """A trigger word used in a sense that is no event (other_senses in assembly.yaml)."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in rules.object_only_nouns:
        return tok.dep_ not in ("dobj", "dative")  # "the deadline passed": a schedule, no threat
    if (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ == "for"
            and tok.head.head.lemma_.lower() in rules.responsibility_nouns):
        claim = tok.head.head.head
        # "has not claimed responsibility for the attack", "no group has claimed responsibility": the
        # attack is told elsewhere; an unclaimed act is no act of anyone's
        return any(c.dep_ == "neg" for c in claim.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children) for c in claim.children)
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in rules.showing_verbs and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return True  # "the blast demonstrated the continued use of mines"
    if event in rules.threat_types and (
            any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in rules.inanimate_subjects for c in tok.children)
            or (any(c.dep_ == "nsubjpass" for c in tok.children)
                and any(c.dep_ == "prep" and c.lower_ in rules.threat_passive_preps for c in tok.children))):
        return True  # "the deal is threatened with collapse", "the incident threatens to erode trust"
    if (event in rules.threat_types and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj")
            and not any(c.dep_.startswith("nsubj") for c in tok.children)
            and any(c.dep_ == "dobj" and c.lemma_.lower() in rules.abstract_patients for c in tok.children)):
        return True  # "missiles hit the port, threatening a deal signed a day earlier": it endangers the deal
    if event in rules.silence_types and any(c.dep_ == "xcomp" and c.lemma_.lower() in rules.silence_verbs
                                            for c in tok.children):
        return True  # "declined to comment", "refused to confirm the date"
    if (event in rules.force_types and lemma not in rules.violation_lemmas and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in rules.abstract_patients for c in tok.children)):
        return True  # "its viability is severely damaged", "the shelling hurt the talks"
    if (lemma in rules.question_verbs and tok.tag_ == "VBN" and tok.dep_ == "advcl"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return True  # "Asked when the troops would leave, he gave no date"
    return False


def _is_background(tok: Token, rules: AssemblyRules, event: str) -> bool:
    """A verb whose subject is a document or the war itself, or in a clause describing a person or
    a thing (but "a truce brokered by Qatar" says who mediated: kept)."""
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in rules.document_subjects for c in tok.children):
        return True
    if tok.pos_ == "VERB" and tok.dep_ == "pcomp" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "WP" for c in tok.children):
        return True  # "against what he had agreed with Putin", "contrary to what was agreed": a deal recalled
    if tok.pos_ == "VERB" and event in rules.toll_types and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in rules.background_nouns for c in tok.children):
        return True  # "the war has displaced a million people": the setting's toll
    lemma = tok.lemma_.lower()
    if event in rules.standing_relation_types and tok.pos_ in ("VERB", "AUX") and (
            (tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in tok.children))
            or (lemma == "have" and tok.tag_ in ("VBZ", "VBP")) or _backs_a_party(tok)):
        return True  # "the GNA is supported by Turkey", "Haftar has the backing of the UAE": the setting
    if lemma in rules.document_verbs and any(c.dep_ == "nsubj" and c.lemma_.lower() in rules.agreement_nouns
                                             for c in tok.children):
        return True  # "the ceasefire provides an immediate halt to hostilities": its terms
    if lemma in rules.naming_verbs and _names_a_noun(tok):
        return True  # "militias, called the anti-balaka", "a coalition of groups called the CPC"
    if _purpose_of_a_noun(tok, rules):
        return True  # "a truce designed to end the fighting": what the truce is for, not an act
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in rules.anonymity_verbs and any(
            g.dep_ == "neg" for g in c.children) for c in tok.children):
        return True  # "a fighter, who asked not to be named, said ...": no request of anyone
    inverted = tok.i > 0 and tok.doc[tok.i - 1].text in (",", '"', "\u201d")
    if lemma in rules.speech_senses and any(
            c.dep_ == "ccomp" or (inverted and c.dep_ in ("dobj", "nsubj") and c.pos_ == "PROPN" and c.i > tok.i)
            for c in tok.children):
        return True  # "..., recalled Touadera": he said it, he recalled no envoy
    cur = tok
    for _ in range(3):  # "the pact specified that 5,000 prisoners will be released": its terms
        if cur.dep_ not in ("ccomp", "xcomp") or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in rules.document_verbs and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in rules.document_subjects for c in cur.children):
            return True
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and tok.head.lemma_.lower() in rules.content_nouns:
        return True  # "an opportunity to restart talks": what the noun holds, not an act
    if (tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.pos_ == "NOUN"
            and tok.head.head.lemma_.lower() in rules.condition_nouns):
        return True  # "as a condition for extending the ceasefire": conditioned, not done
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in rules.describing_clauses \
            or tok.lemma_.lower() in rules.mediation_lemmas:
        return False
    head = tok.head
    if head.ent_type_ == "PERSON" or (tok.dep_ == "relcl" and head.pos_ == "PROPN"):
        return True
    # "the declaration signed on 11 May", not "a declaration demanding that ..."
    return tok.tag_ == "VBN" and head.lemma_.lower() in rules.document_subjects | rules.reference_nouns


def _toll_of_a_named_attack(tok: Token, spans: list[Span], rules: AssemblyRules) -> bool:
    """A casualty verb in a relative clause of an attack the sentence names ("following clashes in July
    that killed 43 people and displaced 300,000"): what that attack did, told with it, no event of its own."""
    toll = tok
    while toll.dep_ == "conj" and toll.head.lemma_.lower() in rules.casualty_lemmas:
        toll = toll.head  # "... that killed 43 people and displaced 300,000"
    return (toll.dep_ == "relcl" and tok.lemma_.lower() in rules.casualty_lemmas and any(
        o.root.i == toll.head.i and o._.trigger.event in rules.consequence_types for o in spans))


def _backs_a_party(tok: Token) -> bool:
    """"Turkey backs the GNA", "Turkey has backed the GNA" (with no date): a present-tense verb whose
    object is a party (not "supports the idea of a truce", a stance on a proposal)."""
    perfect = tok.tag_ == "VBN" and [c.tag_ for c in tok.children if c.dep_ in ("aux", "auxpass")] in (["VBZ"], ["VBP"]) \
        and not any(t.ent_type_ in ("DATE", "TIME") for t in tok.sent)
    if not perfect and (tok.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in tok.children)):
        return False
    actors = {i for s in tok.doc.spans.get("actors", []) for i in range(s.start, s.end)}
    return any(c.dep_ == "dobj" and c.i in actors for c in tok.children)


def _purpose_of_a_noun(tok: Token, rules: AssemblyRules) -> bool:
    """The trigger (or the verb whose object it is) is the purpose a participle gives a noun: "a
    truce designed to end the fighting", "a ceasefire intended to end deadly border clashes",
    "talks aimed at ending the war"."""
    verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj") else tok
    for _ in range(2):
        if verb.dep_ in ("xcomp", "pcomp", "pobj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    if verb.pos_ == "ADP":  # "aimed at ending": through the preposition
        verb = verb.head
    return (verb.dep_ == "acl" and verb.lemma_.lower() in rules.purpose_participles
            and verb.head.pos_ in ("NOUN", "PROPN"))


def _is_mention(d: _Draft, spans: list[Span], handed_over: set[int], objects: dict[int, set[int]],
                rules: AssemblyRules) -> bool:
    """A trigger named inside another statement, not reported as happening: a noun not said to
    happen, a verb in a clause that only times another event, a participle describing a noun."""
    alleged = (d.owner is not None and QUADS[d.trigger.event] >= 3  # "accused X of attacks", not "of the truce"
               and not (_is_nominal(d.span) and d.owner.root.lemma_.lower() in rules.condemning_lemmas))
    governed = alleged or any(o.root.i in handed_over and d.span.root.i in objects[o.root.i] for o in spans)
    if governed:
        return False
    tok = d.span.root
    if _is_nominal(d.span):
        # "since the ceasefire took effect": happening, but only to time another event
        # "after the truce expired": its end is news of its own, timing or not
        return not _nominal_happens(d.span, spans, rules) or (
            tok.dep_ in ("nsubj", "nsubjpass") and _in_time_clause(tok.head, rules)
            and tok.head.lemma_.lower() not in rules.ending_lemmas)
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and tok.head.pos_ in ("NOUN", "PRON") \
            and tok.lemma_.lower() not in rules.mediation_lemmas:
        return True
    if (tok.dep_ == "relcl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" and QUADS[d.trigger.event] == 4
            and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)):
        return True  # "leave the territory it has illegally occupied": force that describes a place is no news
    if d.trigger.event == "ACCUSE" and tok.tag_ == "VBG" and not any(c.dep_.startswith("nsubj") for c in tok.children):
        return False  # "vowed a response after accusing the junta of breaking the truce": the charge is news too
    return _in_time_clause(tok, rules)


def _names_its_agent(tok: Token) -> bool:
    """A noun with its doer in a 'by' phrase: "torture by guards", "shelling by the army"."""
    return any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children)
               for c in tok.children)


def _in_time_clause(tok: Token, rules: AssemblyRules) -> bool:
    """In an 'after/since/before ...' clause or phrase that times the sentence's main event."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("advcl", "pcomp") and (
                any(c.dep_ in ("mark", "prep") and c.lower_ in rules.time_clause_marks for c in cur.children)
                or (cur.dep_ == "pcomp" and cur.head.lower_ in rules.time_clause_marks)):
            return True
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "conj", "advcl", "pcomp"):
            return False
        cur = cur.head
    return False


def _in_a_name(span: Span, rules: AssemblyRules) -> bool:
    """A capitalised word of a named entity ("Government of National Accord", "Peace Council")."""
    tok = span.root
    return (tok.ent_type_ in rules.name_entity_labels and tok.text[:1].isupper()
            and tok.i > tok.sent.start and not tok.is_sent_start)


def _timing_only(d: _Draft, rules: AssemblyRules) -> bool:
    """A noun event kept only because it names the time of another ("during the summit")."""
    tok = d.span.root
    return _is_nominal(d.span) and tok.dep_ == "pobj" and tok.head.lower_ in rules.nominal_time_preps


def _nominal_happens(span: Span, spans: list[Span], rules: AssemblyRules) -> bool:
    """A noun trigger the sentence says happens (see nominal_* in assembly.yaml)."""
    tok = span.root
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "strikes and shelling killed ...": the first conjunct decides
    measured = (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN"
                and tok.head.head.lemma_.lower() in rules.nominal_measures)
    if measured:
        tok = tok.head.head  # "wrapped up three days of talks": the measure stands for the talks
    head = tok.head
    if tok.dep_ == "ROOT" or head.i == tok.i:
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in rules.nominal_causes:
        return True  # "died as a result of torture": the cause happened
    if tok.dep_ in ("nsubj", "nsubjpass"):
        for _ in range(3):  # "the truce is due to take effect", "talks are expected to resume"
            nxt = [c for c in head.children if c.dep_ in ("xcomp", "acomp")]
            if not nxt:
                break
            head = next((c for c in nxt[0].children if c.dep_ == "xcomp"), nxt[0]) \
                if nxt[0].dep_ == "acomp" else nxt[0]
    verb_trigger = any(o.root.i == head.i and o._.trigger.event == span._.trigger.event for o in spans)
    phrasal = rules.nominal_subject_phrasal.get(head.lemma_, ())
    if tok.dep_ in ("nsubj", "nsubjpass") and (_is_verb(head, rules.nominal_subject_verbs) or any(
            c.dep_ in ("prep", "dobj", "prt", "advmod") and c.lower_ in phrasal for c in head.children)):
        return not verb_trigger  # "an Israeli strike killed ...": the verb is the event
    if tok.dep_ == "attr" and head.lemma_ == "be":
        return True  # "there were clashes"
    if tok.dep_ == "dobj" and _is_verb(head, rules.nominal_light_verbs):
        return True
    naming = head.head if tok.dep_ == "pobj" and head.lower_ == "as" else head
    if (span._.trigger.event in rules.nominal_naming_types and naming.lemma_ in rules.nominal_naming_verbs
            and tok.dep_ in ("dobj", "oprd", "attr", "xcomp", "pobj")):
        return True  # "called the strike a violation", "regards the attack as a war crime"
    if tok.dep_ == "pobj" and head.lower_ in rules.nominal_state_preps and _is_verb(head.head, rules.nominal_state_verbs):
        return True  # "came under attack", "was put under investigation"
    if (tok.dep_ == "pobj" and head.lower_ in rules.nominal_travel_preps and span._.trigger.event in rules.nominal_time_types
            and _is_verb(head.head, rules.nominal_travel_verbs)):
        return True  # "flew to Cairo for talks", "was due in Israel for talks": the talks are the news
    if tok.dep_ == "pobj" and head.lower_ in rules.nominal_during_preps \
            and span._.trigger.mode not in rules.standing_modes:
        return True  # "threw stones during demonstrations": what went on while it happened
    # "after talks in Jeddah, the army agreed": a meeting that times a verb's event happened; one that
    # describes a person or thing ("the negotiator in the peace talks", "progress in the talks") is named
    # "after ten months of negotiations": how long it took, the background of what came; "remains
    # engaged in peace negotiations": a state, not a meeting
    return (tok.dep_ == "pobj" and head.lower_ in rules.nominal_time_preps
            and span._.trigger.event in rules.nominal_time_types
            and not (measured and tok.lemma_.lower() in rules.duration_units)
            and head.head.lemma_.lower() not in rules.engagement_words
            and (head.head.pos_ in ("VERB", "AUX") or head.head.i == head.i))


#: A text of at least this many sentences is a report, not a headline, a news-ticker item or an
#: evaluation snippet (which are coded for what they name).
REPORT_SENTENCES = 4


def _in_a_report(span: Span) -> bool:
    """The span's text is a report (`REPORT_SENTENCES` sentences or more)."""
    sents = iter(span.doc.sents)
    return all(next(sents, None) is not None for _ in range(REPORT_SENTENCES))


def _in_condition_clause(tok: Token, rules: AssemblyRules) -> bool:
    """Inside the "if"/"unless" clause of another statement."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.condition_marks
                                       for c in cur.children):
            return True
        cur = cur.head
    return False


def _is_proposal(span: Span, rules: AssemblyRules) -> bool:
    return span._.trigger.cue in rules.proposal_cues or span.root.lemma_ in rules.proposal_cues


def _is_red_line(span: Span, rules: AssemblyRules) -> bool:
    """A standing refusal ("Kyiv will not recognise ...") is its own statement,
    even when the parse hangs it under a demand."""
    if span._.trigger.event == "REJECT" and any(c.dep_ == "nsubj" for c in span.root.children):
        return True
    cue: ModalityCue | None = span._.modality
    return (cue is not None and cue.value in (Modality.negated, Modality.refused)
            and span._.trigger.event in rules.refusal_to_reject and is_standing_refusal(span.root, rules))
