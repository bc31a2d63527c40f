"""When and where an event happened.

The event's date (`_date`: a phrase of its own clause, else the day the
story last named, else the publication date marked as a fallback), its terms
(`_terms`: start and end dates its phrase sets), the tests that make it
background (`_long_before`, `_in_an_old_story`) or a flashback the next
sentences do not inherit (`_flashback`), and its place (`pick_place`, never
where someone spoke).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from detente.nlp.assembly.rules import AssemblyRules
from detente.nlp.attribution import load_attribution_lexicon
from detente.nlp.dates import days_before_that, names_a_thing, upcoming
from detente.records import DateRef, Modality, Place, TermDate, date_span


def nearest(spans: list[Span], tok: Token) -> Span | None:
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s.start - tok.i), abs(s.end - 1 - tok.i)))


def pick_place(spans: list[Span], tok: Token, ids: set[int]) -> Place | None:
    """The event's place: in the trigger's own phrase, else elsewhere in the sentence, but never
    where someone spoke ("..., the minister said in Bangkok") nor a name that acts ("after China
    brokered the truce"; elsewhere in the sentence, any subject)."""
    if not spans:
        return None
    # never a name that acts in a clause of its own ("... after China brokered the truce")
    spans = [s for s in spans if not (s.root.dep_ in ("nsubj", "nsubjpass") and s.root.head.i != tok.i
                                      and s.root.head.dep_ in ("advcl", "relcl", "acl"))]
    inside = [s for s in spans if s.start in ids] or [s for s in spans if not _where_said(s.root)
                                                      and s.root.dep_ not in ("nsubj", "nsubjpass")]
    if not inside:
        return None

    def rank(s: Span):
        p: Place = s._.place
        return (-(p.resolution or 0), min(abs(s.start - tok.i), abs(s.end - tok.i)))

    return min(inside, key=rank)._.place


def _where_said(tok: Token) -> bool:
    """A place in a prepositional phrase of a reporting verb ("told reporters in Geneva")."""
    prep = tok.head if tok.dep_ == "pobj" else None
    while prep is not None and prep.dep_ == "pobj":  # "in the capital, Baku"
        prep = prep.head
    if prep is None or prep.dep_ != "prep":
        return False
    verb = prep.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in load_attribution_lexicon().reporting_verbs


def fallback_date(published: datetime | None) -> DateRef:
    if published is None:
        return DateRef(date=None, precision="unknown", fallback=True)
    return DateRef(date=published.date().isoformat(), precision="day", fallback=True)


#: A day told this long before the story's day is background the next sentences do not inherit.
FLASHBACK_DAYS = 14


def _flashback(day: DateRef, story_day: DateRef | None) -> bool:
    """"He was seized on 28 October" in a story of his release on 9 November: the sentences after it
    go on with the story's day, not the background one."""
    if story_day is None or not story_day.date or not day.date:
        return False
    try:
        gap = (datetime.fromisoformat(story_day.date) - datetime.fromisoformat(day.date)).days
    except ValueError:
        return False
    return gap >= FLASHBACK_DAYS


#: Events that have not happened take a date only from a phrase of their own.
_UNDATED_MODALITIES = (Modality.predicted, Modality.intended, Modality.hypothetical)


def _date(tok: Token, scope: set[int], sent_dates: list[Span], last_day: DateRef | None,
          published: datetime | None, modality: Modality, rules: AssemblyRules,
          published_fallback: bool = False, anchor: date | None = None) -> DateRef:
    running = _running_since(tok, sent_dates)
    if running is not None:  # "shelling has killed 41 civilians since 27 September": a running total
        return running._.date
    if modality != Modality.historical:  # "over the past three years" dates no present act
        sent_dates = [s for s in sent_dates if s._.date.relation != "since"]
    # "agreed to extend the truce until 3 June": an end or deadline, not when it happened
    sent_dates = [s for s in sent_dates if s._.date.relation != "until"]
    sent_dates = [s for s in sent_dates if not _in_own_clause(s, tok, rules.term_verbs)]
    sent_dates = [s for s in sent_dates if not _names_a_thing(s) and not _owned_by_another(s, tok)
                  and not _times_another_clause(s, tok, rules)]
    inside = [s for s in sent_dates if s.start in scope]
    if modality in _UNDATED_MODALITIES and not inside:  # "will meet again soon": not on any known day
        return DateRef(date=None, precision="unknown")
    chosen = nearest(inside or sent_dates, tok)
    if chosen is not None:
        return chosen._.date
    if modality == Modality.historical:  # background with no date of its own: not the publication day
        return DateRef(date=None, precision="unknown", fallback=True)
    if last_day is not None:
        before = days_before_that(tok.sent.text)
        if before and last_day.date:  # "A day earlier, the army had announced ...": the day before that day
            shifted = (datetime.fromisoformat(last_day.date) - timedelta(days=before[0])).date().isoformat()
            return last_day.model_copy(update={"date": shifted, "raw": before[1], "inherited": True})
        # no expression of its own governs it: the day the story last named, flagged as a fallback
        return last_day.model_copy(update={"inherited": True, "fallback": True})
    if published_fallback:
        # an undated page: the file's time is no day of the event; the latest day its prose names in
        # full stands in for its publication day (flagged), else its day is unknown
        if anchor is not None:
            return DateRef(date=anchor.isoformat(), precision="day", fallback=True)
        return DateRef(date=None, precision="unknown", fallback=True)
    return fallback_date(published)  # flagged: the day of the report


#: An event its own words date this many days or more before its report is background.
BACKGROUND_DAYS = 365


def _in_an_old_story(tok: Token, date: DateRef, sent_dates: list[Span], doc: Doc) -> bool:
    """A past verb with no date of its own in a sentence whose dates all lie a year or more back:
    background ("stayed from 1982 until May 2000, when they withdrew")."""
    return ((date.fallback or date.inherited) and tok.tag_ in ("VBD", "VBN") and bool(sent_dates)
            and all(_long_before(s._.date, doc._.published, doc._.published_fallback) for s in sent_dates))


def _acts_on_an_old_thing(tok, obj_ids: set[int], sent_dates, doc) -> bool:
    """A past relative clause on an actor whose object is named by a year long gone: "FARC dissidents
    who rejected the 2016 peace deal" says who they are, not what they did this week."""
    if tok.dep_ != "relcl" or tok.tag_ not in ("VBD", "VBN") or doc._.published is None:
        return False
    return any(s.start in obj_ids and _names_a_thing(s) and s._.date.date
               and int(s._.date.date[:4]) < doc._.published.year - 1 for s in sent_dates)


def _long_before(d: DateRef, published: datetime | None, published_fallback: bool) -> bool:
    """Whether the event's own date (not a fallback or inherited one) ends a year or more before the
    report's publication (an undated page has no publication to measure from)."""
    if not d.date or d.fallback or d.inherited or published is None or published_fallback:
        return False
    span = date_span(d.date)
    if span is not None and d.precision == "year" and d.relation == "on" and span[1].year < published.year:
        return True  # "last year", "in early 2019" in a 2020 report: told only by its year, history
    return span is not None and (published.date() - span[1]).days >= BACKGROUND_DAYS


def _names_a_thing(span: Span) -> bool:
    """A year that is part of a noun's name ("a 2002 ceasefire", "the 2015 peace agreement") dates that
    thing, not the event."""
    return len(span) == 1 and span._.date.precision == "year" and names_a_thing(span.root)


def _times_another_clause(span: Span, trigger: Token, rules: AssemblyRules) -> bool:
    """A date inside an "after"/"since"/"before" clause of another verb dates that clause ("attacked a
    post after the truce began on 3 May", "shelled villages after China brokered the truce in
    mid-January"), not the trigger outside it."""
    tok = span.root
    while tok.head.i != tok.i and tok.i != trigger.i:
        marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in rules.apart_marks]
        if tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and marks:
            # "soon after the truce began at noon", "hours after": the same day
            near = any(c.dep_ in ("advmod", "npadvmod") and c.i < marks[0].i for c in tok.children)
            return not near and trigger.i not in {t.i for t in tok.subtree}
        tok = tok.head
    return False



def _owned_by_another(span: Span, trigger: Token) -> bool:
    """A possessive date dates the noun it owns ("is violating last week's ceasefire deal",
    "January's truce"), not another trigger of its sentence; but it dates what its subject did
    ("Sunday's attack killed four")."""
    root = span.root
    return root.dep_ == "poss" and root.head.i != trigger.i and root.head.dep_ not in ("nsubj", "nsubjpass")


#: A relative clause on what the trigger is about ("accepted a plan for a truce that begins on
#: Saturday") has a time of its own; one on where or how it happened ("at a meeting that ended on
#: 22 December") times the trigger too.
_CONTENT_EDGES = ("dobj", "pobj", "prep", "compound", "amod", "appos", "conj")
_CONTENT_PREPS = ("for", "of", "on", "to", "about", "over")


def _terms(tok: Token, scope: set[int], sent_dates: list[Span], rules: AssemblyRules,
           published: datetime | None) -> list[TermDate]:
    """Start and end dates the trigger's own phrase sets for what it is about: an end or deadline
    ("until 3 June"), or a date in a clause of a term verb ("starting Friday", "that begins on
    Saturday", "lasting until Sunday"); a bare weekday there is the coming one unless its verb
    is past ("the truce that began on Monday")."""
    out: list[TermDate] = []
    for s in sent_dates:
        ref = s._.date
        if s.start not in scope or not ref.date or ref.precision != "day":
            continue
        verb = _term_verb(s, tok, rules)
        kind = "end" if ref.relation == "until" else (
            None if verb is None else "start" if verb.lemma_.lower() in rules.start_verbs else "end")
        if kind is None:
            continue
        if verb is not None and verb.tag_ not in ("VBD", "VBN"):
            ref = upcoming(ref, s.text, published)
        out.append(TermDate(kind=kind, date=ref))
    return out


def _term_verb(span: Span, trigger: Token, rules: AssemblyRules) -> Token | None:
    """The term verb between a date and the trigger ("starting", "begins", "lasting"), if any."""
    cur = span.root
    while cur.i != trigger.i and cur.head.i != cur.i:
        if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in rules.term_verbs:
            return cur
        cur = cur.head
    return None


def _running_since(tok: Token, sent_dates: list[Span]) -> Span | None:
    """The "since" date of a running total: a present-perfect verb counted since a day ("shelling has
    killed 41 civilians and wounded 200 since 27 September"); its date keeps relation "since"."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in head.children):
        return None
    inside = {t.i for t in head.subtree}
    return next((s for s in sent_dates if s._.date.relation == "since" and s.root.i in inside), None)


def _in_relative_clause(span: Span) -> bool:
    """Whether a date phrase sits in a relative clause ("the war, which began on 27 September"):
    background about a thing named, not the day the next sentences tell of."""
    tok = span.root
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return True
        tok = tok.head
    return False


def _in_own_clause(span: Span, trigger: Token, term_verbs: frozenset[str]) -> bool:
    """Whether a date phrase sits in a relative or participle clause on the trigger's object
    ("a truce that begins on Saturday", "a truce starting Tuesday", "a plan announced on Monday"),
    or in a participle that sets a term after the trigger ("agreed to a truce starting Friday")."""
    tok = span.root
    while tok.i != trigger.i and tok.head.i != tok.i:
        if tok.i > trigger.i and tok.tag_ == "VBG" and tok.lemma_.lower() in term_verbs:
            return True
        if tok.dep_ in ("relcl", "acl"):
            return _is_content(tok.head, trigger)
        tok = tok.head
    return False


def _is_content(noun: Token, trigger: Token) -> bool:
    tok = noun
    while tok.i != trigger.i:
        if tok.dep_ not in _CONTENT_EDGES or (tok.dep_ == "prep" and tok.lower_ not in _CONTENT_PREPS) \
                or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True
