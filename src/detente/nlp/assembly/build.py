"""Assembly proper: typed Event records from the annotated Doc.

`assemble` walks the sentences, keeps the triggers that are events
(filters), builds one Event per draft (`_build`: participants, modality,
refusals turned REJECT, accusations, date, terms, place, quantities,
attribution, crosswalk codes), folds tolls into the attacks they tell
(`_with_consequences`), gives a bare "the agreement" the parties of the last
one agreed (`_the_agreement_of`), marks each sentence's most salient event
primary, and carries the story's day from sentence to sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.knowledge.crosswalk import acled_for, cameo_for
from detente.nlp.assembly.filters import _in_a_name, _is_proposal, _keep, is_standing_refusal
from detente.nlp.assembly.parties import (
    ActorIndex,
    _first_person,
    _implied_recipient,
    _participants,
    _sponsors,
    dedupe,
    forces_of_the_other_side,
    main_sides,
)
from detente.nlp.assembly.rules import AssemblyRules, _Draft, load_rules
from detente.nlp.assembly.syntax import _is_nominal, object_tokens, phrase, subtree_ids
from detente.nlp.assembly.timing import (
    _acts_on_an_old_thing,
    _date,
    _flashback,
    _in_an_old_story,
    _in_relative_clause,
    _long_before,
    _terms,
    pick_place,
)
from detente.nlp.attribution import confidence_for
from detente.nlp.dates import in_future_clause
from detente.nlp.extensions import ModalityCue
from detente.nlp.page import furniture_tokens
from detente.nlp.triggers import OFFER_PREFIX
from detente.records import QUADS, Attribution, DateRef, Event, Evidence, Modality, Quantity


def _standing_reject(tok: Token, rules: AssemblyRules) -> bool:
    """A rejection stated as a standing one: "will never accept", "cannot agree", "does not accept",
    "refuses to cede" (a present refusal with its own infinitive). "Rejected the proposal" and
    the headline's "rejects the plan" are one act of rejecting."""
    kids = list(tok.children)
    if any(c.dep_ in ("neg", "advmod") and c.lower_ in rules.standing_adverbs for c in kids):
        return True
    if any(c.dep_ == "neg" for c in kids) and is_standing_refusal(tok, rules):
        return True
    if {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")} & rules.refusal_aux:
        return True
    return tok.tag_ in rules.refusal_tags and any(c.dep_ == "xcomp" for c in kids)


def assemble(doc: Doc) -> list[Event]:
    rules = load_rules()
    index = ActorIndex(doc)
    sentences = list(doc.sents)
    furniture = furniture_tokens(doc)  # captions, headings, link lists: no events, no dates to inherit
    dates = [s for s in doc.spans.get("dates", []) if s._.date is not None]
    in_dates = {i for d in dates for i in range(d.start, d.end)}  # "March 16": a month, not a march
    triggers = [s for s in doc.spans.get("triggers", [])
                if s._.trigger is not None and s.start not in furniture and not _in_a_name(s, rules)
                and s.root.i not in in_dates]
    places = [s for s in doc.spans.get("places", []) if s._.place is not None]
    quants = [s for s in doc.spans.get("quantities", []) if s._.quantity is not None]
    events: list[Event] = []
    last_day: DateRef | None = None
    index.sides = main_sides(doc, index)
    for sent in sentences:
        in_sent = [s for s in triggers if sent.start <= s.start < sent.end]
        drafts = _keep(in_sent, rules)
        sent_dates = [s for s in dates if sent.start <= s.start < sent.end]
        sent_places = [s for s in places if sent.start <= s.start < sent.end]
        sent_quants = [s for s in quants if sent.start <= s.start < sent.end]
        made = [_build(doc, sent, d, index, rules, sent_dates, sent_places, sent_quants, last_day,
                       sentences, drafts) for d in drafts]
        made = [_the_agreement_of(e, d, events, rules) for e, d in zip(made, drafts)]
        made, drafts = _with_consequences(made, drafts, rules)
        if made:
            best = max(range(len(made)), key=lambda i: (drafts[i].trigger.salience, -drafts[i].span.start))
            made[best] = made[best].model_copy(update={"primary": True})
        events.extend(made)
        explicit = [s._.date for s in sent_dates
                    if s._.date.precision == "day" and s._.date.relation == "on" and s._.date.date
                    and furniture.isdisjoint(range(s.start, s.end))  # a caption's date is another day's
                    and not _in_relative_clause(s)  # "fighting, which broke out on 27 September, ..."
                    and not in_future_clause(s)]  # "would stop firing on Wednesday": not the story's day
        if explicit and not _flashback(explicit[-1], last_day):
            last_day = explicit[-1]
    return events


def _consequence_of(d: _Draft, other: _Draft, rules: AssemblyRules) -> bool:
    """`d` tells what `other` did to people ("struck six sites, killing 26"; "were killed when a
    shell hit"; "killed 22 and wounded 124"): one attack, told with its toll, not two."""
    a, b = d.span.root, other.span.root
    if other.trigger.event not in rules.consequence_types or not (
            d.trigger.event == other.trigger.event or d.trigger.event in rules.casualty_toll_types):
        return False
    if a.lemma_.lower() not in rules.casualty_lemmas:
        return False
    # "struck ..., killing 26", "clashes that killed 43", "combat erupted ..., killing 43"
    linked = ((a.head.i == b.i and a.dep_ in ("advcl", "conj", "relcl")) or (b.head.i == a.i and b.dep_ == "advcl")
              or (a.dep_ == "advcl" and b.dep_ in ("nsubj", "nsubjpass") and a.head.i == b.head.i))
    if not linked:
        return False
    # of two tolls joined by "and", the first stands for both
    return b.lemma_.lower() not in rules.casualty_lemmas or (a.dep_ == "conj" and a.head.i == b.i)


def _with_consequences(made: list[Event], drafts: list[_Draft], rules: AssemblyRules
                       ) -> tuple[list[Event], list[_Draft]]:
    """Fold each toll into the attack it belongs to: the attack keeps its own participants, place and
    counts, and takes the toll's where it has none."""
    keep = list(range(len(made)))
    for i in sorted(keep, key=lambda k: -drafts[k].span.root.i):  # "killing nine and wounding twenty"
        d = drafts[i]
        j = next((j for j in keep if j != i and made[j].modality == made[i].modality
                  and _consequence_of(d, drafts[j], rules)), None)
        if j is None:
            continue
        keep.remove(i)
        lost, into = made[i], made[j]
        raws = {q.raw for q in into.quantities}
        made[j] = into.model_copy(update={
            "actor": into.actor or lost.actor, "recipient": into.recipient or lost.recipient,
            "event_loc": into.event_loc or lost.event_loc,
            "quantities": [*into.quantities, *(q for q in lost.quantities if q.raw not in raws)],
            "size": {**lost.size, **into.size}})
    return [made[k] for k in keep], [drafts[k] for k in keep]


def _the_agreement_of(event: Event, draft: _Draft, earlier: list[Event], rules: AssemblyRules) -> Event:
    """"The truce is to take effect on Thursday": an agreement named with "the" and no party of
    its own is the one the report last said two sides agreed to or signed; its parties are theirs."""
    tok = draft.span.root
    if (event.actor or not _is_nominal(draft.span) or tok.lemma_.lower() not in rules.agreement_nouns
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
        return event
    for prior in reversed(earlier[-rules.agreement_lookback:]):
        named = f"{prior.object or ''} {prior.evidence.trigger}".lower()
        parties = dedupe([*prior.actor, *prior.recipient])
        if (prior.event in rules.agreeing_types and len({p.code for p in parties} - {"UNK"}) >= 2
                and any(w in named for w in rules.agreement_nouns)):  # both sides, not "the AU welcomed it"
            return event.model_copy(update={"actor": parties, "recipient": []})
    return event


def _build(doc, sent, draft: _Draft, index: ActorIndex, rules: AssemblyRules, sent_dates,
           sent_places, sent_quants, last_day, sentences, drafts) -> Event:
    span, trig = draft.span, draft.trigger
    tok = span.root
    objs = object_tokens(tok, rules)
    obj_ids = subtree_ids(objs)
    for q in sent_quants:  # "release 23 wounded soldiers" parsed with 23 as the object
        if q.start in obj_ids:
            obj_ids |= set(range(q.start, q.end))
    actor, recipient = _participants(doc, sent, draft, index, rules, objs, obj_ids, sentences)

    cue: ModalityCue = span._.modality or ModalityCue()
    modality, condition = cue.value, cue.condition
    if _is_proposal(span, rules) and modality == Modality.asserted:
        modality = Modality.proposed
    event, mode = trig.event, trig.mode
    if event == "RETREAT" and mode == "ceasefire" and tok.dep_ == "xcomp" and tok.head.lemma_ in rules.declaring_verbs:
        event, mode = "CONCEDE", None  # "ordered its units to halt offensive operations": declaring a ceasefire
    obj_text = phrase(objs)
    if obj_text is None and tok.pos_ in ("NOUN", "PROPN"):  # a nominal event names itself
        obj_text = doc[tok.left_edge.i : tok.right_edge.i + 1].text
    standing = (event == "REJECT" and _standing_reject(tok, rules)) or (
        event == "AGREE" and trig.cue.startswith(OFFER_PREFIX))  # "willing to talk": an offer
    if (modality in (Modality.negated, Modality.refused) and event in rules.refusal_to_reject
            and is_standing_refusal(tok, rules)):
        standing = True
        obj_text = doc[tok.i : (max(obj_ids) + 1 if obj_ids else tok.i + 1)].text
        event, mode, modality = "REJECT", rules.refusal_to_reject[event], Modality.asserted
        recipient = recipient or index.within(obj_ids)

    attribution: Attribution = span._.attribution or Attribution()
    if draft.owner is not None and not attribution.speaker:
        owner_actor, _ = _participants(doc, sent, _Draft(draft.owner, draft.owner._.trigger, None), index,
                                       rules, object_tokens(draft.owner.root, rules),
                                       subtree_ids(object_tokens(draft.owner.root, rules)), sentences)
        attribution = attribution.model_copy(update={
            "speaker": owner_actor, "speaker_text": owner_actor[0].entity_text if owner_actor else None,
            "cue": draft.owner.text})
    if not actor and attribution.speaker and _first_person(tok, rules):
        actor = list(attribution.speaker)  # '"We will not extend the truce," the spokesman said'
    if (not actor and recipient and attribution.speaker and _is_nominal(span)
            and tok.lemma_.lower() in rules.violation_nouns):
        actor = [a for a in attribution.speaker if a not in recipient]  # "officials said Israel's breaches ..."
    committed = (not _is_nominal(span) and tok.lemma_.lower() in rules.violation_doing_verbs and bool(obj_text)
                 and any(w in obj_text.lower().split() for w in rules.violation_nouns) and bool(actor)
                 and not {a.code for a in actor} & {a.code for a in attribution.speaker})
    if (attribution.speaker and (tok.lemma_ in rules.violation_lemmas or committed)
            and (committed or (obj_text and any(w in obj_text.lower() for w in rules.agreement_nouns))
                 or (_is_nominal(span) and tok.lemma_.lower() in rules.violation_nouns and modality == Modality.asserted
                     and actor and not {a.code for a in actor} & {a.code for a in attribution.speaker}))
            and modality not in (Modality.hypothetical, Modality.predicted, Modality.negated)):
        # "X said Y had violated the truce": X accuses Y; the claim is X's own act ("X said any
        # presence would be a breach" warns: no accusation)
        event, mode, modality = "ACCUSE", "allege", Modality.asserted
        actor, recipient = list(attribution.speaker), ([a for a in actor if a not in attribution.speaker]
                                                        or [r for r in recipient if r not in attribution.speaker])
        attribution = attribution.model_copy(update={"speaker": [], "speaker_text": None})
    elif event == "ACCUSE" and tok.lemma_ in rules.violation_lemmas and not _is_nominal(span) and not draft.owner:
        # "Assad's forces had violated the agreement", an outlet reports: the subject broke it, it is
        # the accused; no party here accuses
        actor, recipient = [], dedupe([*actor, *recipient])
    if doc._.outlet and doc._.outlet not in attribution.outlets:
        attribution = attribution.model_copy(update={"outlets": [*attribution.outlets, doc._.outlet]})

    scope = subtree_ids([tok]) | obj_ids
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "the talks began on Monday": the verb's time is the noun's
        verbs = frontier = [tok.head]  # ... and "the truce is due to take effect on Monday": its complement's
        for _ in range(3):
            frontier = [c for v in frontier for c in v.children if c.dep_ in ("xcomp", "acomp")]
            verbs = verbs + frontier
        scope |= subtree_ids([c for v in verbs for c in v.children if c.dep_ in ("prep", "npadvmod", "advmod")])
    date = _date(tok, scope, sent_dates, last_day, doc._.published, modality, rules, bool(doc._.published_fallback),
                 doc._.date_anchor)
    if modality == Modality.asserted and (_long_before(date, doc._.published, doc._.published_fallback)
                                          or _in_an_old_story(tok, date, sent_dates, doc)
                                          or _acts_on_an_old_thing(tok, obj_ids, sent_dates, doc)):
        modality = Modality.historical  # "had reached an agreement in 2016" in a 2019 report: background
    terms = _terms(tok, scope, sent_dates, rules, doc._.published)
    sponsors = _sponsors(doc, obj_ids, rules)
    place = pick_place([p for p in sent_places if p.start not in sponsors], tok, scope)
    recipient = recipient or _implied_recipient(event, actor, place, obj_ids, doc, sent, index, rules, sentences)
    recipient = forces_of_the_other_side(event, actor, recipient, index, rules)
    quantities: list[Quantity] = [q._.quantity for q in sent_quants if q.start in scope] or (
        [q._.quantity for q in sent_quants] if len(drafts) == 1 else [])
    size = {q.size_field: q.value for q in quantities if q.size_field} if QUADS[event] == 4 else {}
    recipient_sectors = [r.sector for r in recipient if r.sector]
    conf = confidence_for(attribution, cue) * trig.confidence
    return Event(
        id=Event.make_id(doc._.article_id or "", span.start_char, event),
        event=event, mode=mode, context=list(trig.context),
        actor=actor, recipient=recipient if recipient == actor else [r for r in recipient if r not in actor],
        object=obj_text, date=date, terms=terms, event_loc=place, size=size, quantities=quantities,
        modality=modality, condition=condition, standing=standing, attribution=attribution,
        cameo=cameo_for(event, mode, trig.context, modality.value, obj_text),
        acled=acled_for(event, mode, trig.context, recipient_sectors, sent.text),
        confidence=round(conf, 3), primary=False,
        evidence=Evidence(article_id=doc._.article_id or "", sentence=sent.text,
                          sentence_start=sent.start_char, sentence_end=sent.end_char,
                          trigger_start=span.start_char, trigger_end=span.end_char, trigger=span.text),
    )
