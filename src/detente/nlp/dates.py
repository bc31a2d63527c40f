"""Date expressions: find them in a Doc and resolve them against the publication date.

`resolve_date(phrase, published)` turns one phrase ("on Tuesday", "since 2014",
"later this month", "March 11, 2025") into a `DateRef`; the spaCy component
`detente_dates` finds candidate phrases (the model's DATE/TIME entities plus this
module's own patterns, which catch bare weekdays and "yesterday" the model
misses) and stores the resolved ones in `doc.spans["dates"]` with `span._.date`.

Conventions (documented here because other stages rely on them):
- A weekday ("on Tuesday", "Tuesday night") is the most recent such day strictly
  before publication; the publication weekday itself means the publication day
  (news style: "said on Wednesday" in a Wednesday story is that day).
  "next Tuesday" / "this coming Tuesday" is the first such day after publication.
- "last week" / "this week" / "earlier this week" resolve to the Monday starting
  that ISO week, precision "day", relation "during" (the event fell in the week
  that starts on that Monday).  "the weekend" is the Saturday before publication,
  relation "during".
- A day and month without a year ("March 11", "11 March") takes the publication
  year, unless that lands more than FUTURE_SLACK_DAYS after publication, in which
  case it is the previous year.  A bare month ("in March") likewise.
- "since 2014" / "over the past three years" -> relation "since", precision year.
- "until 3 June", "to the evening of 3 June" (the preposition the phrase hangs
  from, through "the evening of") -> relation "until": an end or a deadline,
  which never dates the event it belongs to (detente_events).
- Bare durations ("three years", "30-day", "three years of war") are not dates:
  `resolve_date` returns None for them.
- Without a publication date, relative phrases keep `date=None`, precision
  "unknown"; absolute ones ("March 11, 2025", "in 2014") still resolve.
The date grammar (month and weekday names come from `calendar`) is code, not
knowledge, so it lives here rather than in a data file.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import detente.nlp.extensions  # noqa: F401  (registers the extensions)
from detente.nlp.page import furniture_tokens
from detente.records import DateRef

FUTURE_SLACK_DAYS = 60
"""How far after publication a year-less date may fall before it is taken as last year's: reports
name coming dates ("the truce expires on 2 June", "talks resume on 15 March") weeks ahead, and a
date two months off is far likelier this year's than one nearly a year back."""

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": 3, "few": 3, "a few": 3, "couple": 2, "a couple of": 2,
}

_MONTH_RE = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_RE = r"(?:" + "|".join(_WEEKDAYS) + r")"
_NUM_RE = r"(?:\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT_RE = r"(?:day|week|month|year|decade|hour)s?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"

_RELATION_WORDS = {
    "since": "since", "from": "since", "until": "until", "till": "until", "through": "until", "to": "until",
    "before": "before", "after": "after", "during": "during", "throughout": "during",
}

# Phrases the component looks for itself, in addition to the model's entities.
_FINDER = re.compile(
    r"\b(?:"
    rf"(?:(?:last|next|this|this coming|earlier on|late on|early on)\s+)?{_WEEKDAY_RE}{_PART_OF_DAY}"
    r"|yesterday|today|tonight|last night|overnight|this (?:morning|afternoon|evening)"
    r"|(?:earlier|later|late|early) (?:this|last|next) (?:week|month|year)"
    r"|(?:this|last|next) (?:week|month|year|weekend)|(?:at|over) the weekend"
    rf"|(?:early|mid|late)[- ]{_MONTH_RE}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:in|since|until|by) {_MONTH_RE}(?:\s+\d{{4}})?"
    rf"|(?:in|since|until|before|after|from) \d{{4}}"
    rf"|(?:over|in|during|for) the (?:past|last) (?:{_NUM_RE}\s+)?{_UNIT_RE}"
    rf"|{_NUM_RE} {_UNIT_RE} ago"
    r"|\d{4}-\d{2}-\d{2}"
    r")\b",
    re.IGNORECASE,
)


def _pub_day(published: datetime | date | None) -> date | None:
    if published is None:
        return None
    return published.date() if isinstance(published, datetime) else published


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _num(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _split_relation(text: str) -> tuple[str, str]:
    """Strip leading prepositions/determiners; return (relation, the rest)."""
    relation = "on"
    words = text.split()
    while words and words[0] in {"on", "in", "at", "of", "by", "over", "for", "within", *_RELATION_WORDS}:
        if words[0] in _RELATION_WORDS:
            relation = _RELATION_WORDS[words[0]]
        words = words[1:]
    return relation, " ".join(words)


_BEFORE_THAT = re.compile(r"\b(?:(?P<n>a|one|two|three|four|five|six|\d+) days? (?:earlier|before)"
                          r"|the (?:day|night|evening) before|the previous (?:day|night|evening))\b", re.I)


def days_before_that(text: str) -> tuple[int, str] | None:
    """"A day earlier", "two days before", "the previous night": how many days before the day the
    sentences before tell of, and the words (None when the text names no such shift)."""
    m = _BEFORE_THAT.search(text)
    if m is None:
        return None
    n = 1 if m.group("n") is None or m.group("n").lower() == "a" else _num(m.group("n"))
    return (n, m.group(0)) if n else None


def _day(d: date, raw: str, relation: str = "on") -> DateRef:
    return DateRef(date=d.isoformat(), precision="day", raw=raw, relation=relation)


def _month(y: int, m: int, raw: str, relation: str = "on") -> DateRef:
    return DateRef(date=f"{y:04d}-{m:02d}", precision="month", raw=raw, relation=relation)


def _year(y: int, raw: str, relation: str = "on") -> DateRef:
    return DateRef(date=f"{y:04d}", precision="year", raw=raw, relation=relation)


def _unknown(raw: str, relation: str = "on") -> DateRef:
    return DateRef(date=None, precision="unknown", raw=raw, relation=relation)


def _year_for(month: int, day: int, pub: date) -> int:
    """Publication year, or the year before if that would be well in the future."""
    year = pub.year
    try:
        candidate = date(year, month, day)
    except ValueError:  # 29 February in a common year
        candidate = date(year, month, 28)
    if candidate > pub + timedelta(days=FUTURE_SLACK_DAYS):
        year -= 1
    return year


# --------------------------------------------------------------------------- rules
# Each rule takes (normalised text without leading prepositions, relation, raw,
# publication day) and returns a DateRef, or None when it does not apply.

Rule = Callable[[str, str, str, "date | None"], "DateRef | None"]


def _rule_iso(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if not m:
        return None
    try:
        return _day(date(int(m[1]), int(m[2]), int(m[3])), raw, rel)
    except ValueError:
        return None


def _rule_day_month(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = (re.fullmatch(rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})(?:,?\s+(\d{{4}}))?", t)
         or None)
    if m:
        day_s, month_s, year_s = m[1], m[2], m[3]
    else:
        m = re.fullmatch(rf"({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", t)
        if not m:
            return None
        month_s, day_s, year_s = m[1], m[2], m[3]
    month = _MONTHS[month_s.rstrip(".")]
    day = int(day_s)
    if not 1 <= day <= 31:
        return None
    if year_s:
        year = int(year_s)
    elif pub is not None:
        year = _year_for(month, day, pub)
    else:
        return _unknown(raw, rel)
    try:
        return _day(date(year, month, day), raw, rel)
    except ValueError:
        return None


def _rule_month(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(rf"(?:(last|this|next|early|mid|late|earlier|later)[- ]+)?(?:in\s+)?({_MONTH_RE})(?:,?\s+(\d{{4}}))?", t)
    if not m:
        return None
    month = _MONTHS[m[2].rstrip(".")]
    if m[3]:
        return _month(int(m[3]), month, raw, rel)
    if pub is None:
        return _unknown(raw, rel)
    if m[1] == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif m[1] == "last":
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month or (month == pub.month % 12 + 1 and pub.day > 24) else pub.year - 1
    return _month(year, month, raw, rel)


def _rule_year(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(r"(?:the\s+)?(?:(early|mid|late)[- ]+)?(\d{4})", t)
    if not m:
        return None
    year = int(m[2])
    limit = (pub.year if pub else date.today().year) + 10
    if not 1900 <= year <= limit:
        return None
    return _year(year, raw, rel)


def _rule_deictic_day(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    offsets = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "earlier today": 0, "later today": 0, "overnight": 0,
        "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
        "yesterday evening": -1, "the day before": -1, "tomorrow": 1,
    }
    if t not in offsets:
        return None
    if pub is None:
        return _unknown(raw, rel)
    return _day(pub + timedelta(days=offsets[t]), raw, rel)


def _rule_weekday(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(
        rf"(?:(last|next|this|this coming|coming|earlier|late|early)\s+(?:on\s+)?)?({_WEEKDAY_RE})"
        rf"(?:'s)?{_PART_OF_DAY}", t)
    if not m:
        return None
    if pub is None:
        return _unknown(raw, rel)
    target = _WEEKDAYS[m[2]]
    if m[1] in {"next", "this coming", "coming"}:
        ahead = (target - pub.weekday()) % 7 or 7
        return _day(pub + timedelta(days=ahead), raw, rel)
    back = (pub.weekday() - target) % 7
    if m[1] == "last" and back == 0:
        back = 7
    return _day(pub - timedelta(days=back), raw, rel)


def _rule_week(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(r"(?:(earlier|later|late|early)\s+)?(this|last|next|the)\s+(week|weekend)", t)
    if not m:
        return None
    if m[2] == "the" and m[3] != "weekend":
        return None
    if pub is None:
        return _unknown(raw, "during")
    if m[3] == "weekend":  # the Saturday: the coming one for "next", else the latest
        if m[2] == "next":
            return _day(pub + timedelta(days=(5 - pub.weekday()) % 7 or 7), raw, "during")
        return _day(pub - timedelta(days=(pub.weekday() - 5) % 7), raw, "during")
    monday = pub - timedelta(days=pub.weekday())
    monday += timedelta(days={"this": 0, "last": -7, "next": 7}[m[2]])
    return _day(monday, raw, "during")


def _rule_month_deictic(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(r"(?:(earlier|later|late|early)\s+)?(this|last|next)\s+(month|year)", t)
    if not m:
        return None
    if pub is None:
        return _unknown(raw, rel)
    delta = {"this": 0, "last": -1, "next": 1}[m[2]]
    if m[3] == "year":
        return _year(pub.year + delta, raw, rel)
    y, mo = _shift_month(pub.year, pub.month, delta)
    return _month(y, mo, raw, rel)


def _rule_past_span(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(rf"(?:the\s+)?(?:past|last|previous)\s+(?:({_NUM_RE})\s+)?({_UNIT_RE})", t)
    if not m:
        return None
    if m[1] is None and t.split()[-2] == "previous":
        return None  # "the previous day": relative to the story, not to publication
    n = _num(m[1]) if m[1] else 1
    if n is None:
        return None
    if pub is None:
        return _unknown(raw, "since")
    return _ago(n, m[2], raw, pub, "since")


def _rule_ago(t: str, rel: str, raw: str, pub: date | None) -> DateRef | None:
    m = re.fullmatch(rf"(?:about\s+|some\s+|nearly\s+)?({_NUM_RE})\s+({_UNIT_RE})\s+ago", t)
    if not m:
        return None
    n = _num(m[1])
    if n is None:
        return None
    if pub is None:
        return _unknown(raw, rel)
    return _ago(n, m[2], raw, pub, rel)


def _ago(n: int, unit: str, raw: str, pub: date, relation: str) -> DateRef:
    unit = unit.rstrip("s")
    if unit == "hour":
        return _day(pub - timedelta(days=1 if n >= 12 else 0), raw, relation)
    if unit in {"day", "week"}:
        return _day(pub - timedelta(days=n * (7 if unit == "week" else 1)), raw, relation)
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return _month(y, mo, raw, relation)
    years = n * (10 if unit == "decade" else 1)
    return _year(pub.year - years, raw, relation)


_RULES: tuple[Rule, ...] = (
    _rule_iso, _rule_deictic_day, _rule_weekday, _rule_week, _rule_month_deictic,
    _rule_past_span, _rule_ago, _rule_day_month, _rule_month, _rule_year,
)


def _apply_rules(rest: str, relation: str, raw: str, pub: date | None) -> DateRef | None:
    for rule in _RULES:
        ref = rule(rest, relation, raw, pub)
        if ref is not None:
            return ref
    return None


_RANGE = re.compile(
    r"^between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$"
    r"|^(?P<c>.+?)\s*(?:\bto\b|-|–)\s*(?P<d>.+)$")
_WEEKDAY_PREFIX = re.compile(rf"^(?:(?:early|late)\s+)?{_WEEKDAY_RE}\s*,?\s*\(?\s*(?P<rest>.+?)\)?$")


def resolve_date(phrase: str, published: datetime | date | None) -> DateRef | None:
    """Resolve one date phrase against the publication date.

    Returns None when the phrase is not a point or period in time (a bare
    duration such as "three years", "30-day", or anything unrecognised).
    A weekday with a full date ("Sunday, Dec. 15, 2019") resolves to the date; a
    range ("between June and August 2015", "1991-1995", "October 19-20") to its
    start, relation "since" for "between", otherwise the leading preposition's.
    """
    raw = " ".join(phrase.split())
    text = raw.lower().strip(" ,.;:")
    text = re.sub(r"(?:'s|’s)$", "", text)  # "last month's"
    text = re.sub(r"^the\s+(?=(?:early|late)\s)", "", text)
    relation, rest = _split_relation(text)
    rest = re.sub(r"^(?:as recently as|as early as|as of|as late as)\s+", "", rest)
    # "the end of August", "the beginning of 2024": the period they are part of
    rest = re.sub(r"^(?:the\s+)?(?:end|start|beginning|middle|close|turn)\s+of\s+(?=(?:the\s+)?\w)", "", rest)
    if " of war" in rest or " of fighting" in rest or " of conflict" in rest:
        return None
    pub = _pub_day(published)
    ref = _apply_rules(rest, relation, raw, pub)
    if ref is not None:
        return ref
    m = _WEEKDAY_PREFIX.match(rest)
    if m:  # "sunday, dec. 15, 2019", "friday (october 23)"
        ref = _apply_rules(m["rest"], relation, raw, pub)
        if ref is not None and ref.precision == "day":
            return ref
    m = _RANGE.match(rest)
    if m:
        first, second = (m["a"], m["b"]) if m["a"] else (m["c"], m["d"])
        year = re.search(r"\b(\d{4})$", second)
        candidates = [first]
        if year and not re.search(r"\d{4}", first):
            candidates.insert(0, f"{first} {year[1]}")  # "between june and december of 2015"
        for cand in candidates:
            ref = _apply_rules(cand.strip(), "since" if m["a"] else relation, raw, pub)
            if ref is not None:
                return ref
    return None


# --------------------------------------------------------------------------- component


def _candidates(doc: Doc) -> list[Span]:
    """DATE/TIME entities and pattern matches, with a leading 'since'/'until' pulled in."""
    spans: list[Span] = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    for m in _FINDER.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    out = []
    for span in spans:
        # "signed a truce on Wednesday to end two years of war": the model's DATE runs into the purpose
        cut = next((t.i for t in span if t.lower_ == "to" and t.tag_ == "TO" and t.i > span.start
                    and t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("VERB", "AUX")), None)
        if cut is not None:
            span = doc[span.start:cut]
        start = span.start
        while start < span.end and doc[start].lower_ in {"on", "in", "at", "the"}:
            start += 1
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ in _RELATION_WORDS and before.lower_ != "from" \
                and (before.lower_ != "to" or before.pos_ == "ADP"):
            start -= 1  # "until 3 June"; "extended the truce to 3 June" (an end, not when it happened)
        if start < span.end:
            out.append(doc[start:span.end])
    return out


@Language.factory("detente_dates", requires=["doc.ents", "doc.spans"], assigns=["doc.spans"])
def make_dates(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy factory: the date component."""
    return DateAnnotator()


def actor_tokens(doc: Doc) -> set[int]:
    """Tokens inside actor names: "the March 23 Movement" is not a date."""
    return {i for s in doc.spans.get("actors", []) for i in range(s.start, s.end)}


def text_anchor(candidates: list[Span]) -> date | None:
    """The latest day a text names in full (with its year), to resolve "on Tuesday" on an undated page."""
    days = [ref.date for s in candidates if re.search(r"\b(1[89]|20)\d\d\b", s.text)
            and (ref := resolve_date(s.text, None)) is not None and ref.precision == "day" and ref.date]
    return date.fromisoformat(max(days)) if days else None


#: A weekday with no "last"/"next" ("on Monday", "Monday evening").
_BARE_WEEKDAY = re.compile(rf"(?:(?:on|by|from|until|before|after)\s+)?({_WEEKDAY_RE})(?:'s)?{_PART_OF_DAY}")
#: Words that put a clause in the future: "will take effect", "is to start", "is due to expire".
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would"}  # "said ... would stop firing on Wednesday"
_FUTURE_HEADS = {"due", "set", "expected", "scheduled", "planned", "going", "slated"}
#: A participle on a noun that sets its term ("a truce starting Friday", "beginning on 7 August").
_TERM_PARTICIPLES = {"start", "begin", "run", "last", "take"}
#: Present-tense verbs that do not schedule what they date ("says", "is", "has"): the others do.
_NOT_SCHEDULES = {"be", "have", "say", "tell", "claim", "report", "accuse", "deny", "remain", "stay"}


def names_a_thing(tok: Token) -> bool:
    """A number that is part of a noun's name ("a 2002 ceasefire", "the 2015 peace agreement"): it dates
    that thing, never the event around it."""
    return (tok.dep_ in ("nummod", "compound", "amod", "nmod") and tok.head.i > tok.i
            and tok.head.pos_ in ("NOUN", "PROPN"))


def upcoming(ref: DateRef, text: str, published: date | datetime | None) -> DateRef:
    """A bare weekday ("on Monday") resolved to the past week, moved to the coming one: for a
    phrase that speaks of the future ("is to take effect on Monday", "a truce starting Friday")."""
    if published is None or not ref.date or ref.date >= _pub_day(published).isoformat():
        return ref
    if not _BARE_WEEKDAY.fullmatch(text.lower().strip(" ,.")):
        return _nearer_next_year(ref, text, _pub_day(published))
    return ref.model_copy(update={"date": (date.fromisoformat(ref.date) + timedelta(days=7)).isoformat()})


def nearest_weekday(ref: DateRef, text: str, anchor: date | datetime | None) -> DateRef:
    """A bare weekday resolved to the week before `anchor`, moved to the week after when that is
    nearer (for an undated page, whose anchor is the latest day it names)."""
    if anchor is None or not ref.date or not _BARE_WEEKDAY.fullmatch(text.lower().strip(" ,.")):
        return ref
    day, pub = date.fromisoformat(ref.date), _pub_day(anchor)
    later = day + timedelta(days=7)
    return ref.model_copy(update={"date": later.isoformat()}) if (later - pub) < (pub - day) else ref


def _nearer_next_year(ref: DateRef, text: str, pub: date) -> DateRef:
    """A day and month (or a month) with no year, in words that speak of the future, set in the past
    year ("a truce starting on 7 August", "goes fully into effect in August" in a May story): the
    coming one, when it is nearer than the past one."""
    if ref.precision not in ("day", "month") or re.search(r"\b\d{4}\b", text):
        return ref
    past = date.fromisoformat(ref.date if ref.precision == "day" else ref.date + "-15")
    try:
        coming = past.replace(year=past.year + 1)
    except ValueError:  # 29 February
        return ref
    if (coming - pub) >= (pub - past):
        return ref
    return ref.model_copy(update={"date": coming.isoformat() if ref.precision == "day" else coming.isoformat()[:7]})


def in_future_clause(span: Span) -> bool:
    """Whether the verb a date phrase belongs to speaks of the future."""
    tok = span.root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if (tok.tag_ in ("VBZ", "VBP") and tok.lemma_ not in _NOT_SCHEDULES
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)):
        return True  # "the ceasefire takes effect on Thursday": a present simple schedules
    if tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.lemma_ in _TERM_PARTICIPLES:
        return True  # "a truce starting on 7 August": its start, nearer ahead than behind
    for _ in range(3):
        children = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if children & _FUTURE_AUX:
            return True
        if "to" in children and (tok.head.lemma_ == "be" or tok.head.lower_ in _FUTURE_HEADS):
            # "is to take effect", "is due to start"; but "were expected to be released on Tuesday",
            # "was due to start on Monday" planned a day that has come by now
            return not _told_in_the_past(tok.head)
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _told_in_the_past(head: Token) -> bool:
    """"was due", "were expected", "had been scheduled": the plan is told in the past tense."""
    be = head if head.lemma_ == "be" else (head.head if head.dep_ == "acomp" and head.head.lemma_ == "be" else None)
    if be is not None:
        return be.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in be.children)
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children)


def _governing_preposition(span: Span) -> str | None:
    """The preposition a date phrase hangs from, through "the evening of", "the end of"."""
    tok = span.root
    for _ in range(3):
        if tok.dep_ != "pobj":
            return None
        if tok.head.lower_ != "of" or tok.head.head.i == tok.head.i:
            return tok.head.lower_
        tok = tok.head.head
    return None


class DateAnnotator:
    """Find date phrases, resolve them against `doc._.published`, set doc.spans["dates"]."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        in_names = actor_tokens(doc)
        candidates = [s for s in _candidates(doc) if in_names.isdisjoint(range(s.start, s.end))]
        anchored_at: int | None = None  # where an undated page names its anchor day
        if doc._.published_fallback:
            # an undated page: its own latest full date is the anchor; without one, "on Tuesday"
            # stays unresolved rather than land near the file's modification time.  A date in a
            # caption or a link list ("FILE PHOTO: ... April 7, 2025") is another day's.
            furniture = furniture_tokens(doc)
            published = text_anchor([s for s in candidates if furniture.isdisjoint(range(s.start, s.end))])
            doc._.date_anchor = published
            anchored_at = next((s.start for s in candidates if published is not None
                                and (r := resolve_date(s.text, None)) is not None
                                and r.date == published.isoformat()), None)
        resolved: list[tuple[Span, DateRef]] = []
        for span in candidates:
            ref = resolve_date(span.text, published)
            if ref is not None and in_future_clause(span):
                # "the truce is to take effect on Monday" in a Saturday story: the coming Monday
                ref = upcoming(ref, span.text, published)
            elif ref is not None and doc._.published_fallback and anchored_at is not None and span.start > anchored_at:
                # an undated page: "on Sunday", told after the day it names, is the Sunday nearest
                # that day (a reaction two days after "21 August" is the 23rd, not the week before)
                ref = nearest_weekday(ref, span.text, published)
            if ref is not None and ref.relation == "on" and _governing_preposition(span) in ("until", "till", "to"):
                ref = ref.model_copy(update={"relation": "until"})  # "to the evening of 3 June"
            if ref is not None:
                resolved.append((span, ref))
        # keep the longest of overlapping resolved phrases
        resolved.sort(key=lambda sr: (-(sr[0].end - sr[0].start), sr[0].start))
        taken: set[int] = set()
        kept: list[tuple[Span, DateRef]] = []
        for span, ref in resolved:
            if taken.isdisjoint(range(span.start, span.end)):
                taken.update(range(span.start, span.end))
                kept.append((span, ref))
        kept.sort(key=lambda sr: sr[0].start)
        doc.spans["dates"] = [span for span, _ in kept]
        for span, ref in zip(doc.spans["dates"], (ref for _, ref in kept)):
            span._.date = ref
        return doc
