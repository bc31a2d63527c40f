"""Quantities: numbers in a Doc, with what they count and the casualty field they feed.

`detente_quantities` groups number tokens into phrases ("1,200", "2.5 million",
"twenty-three", "a dozen", "tens of thousands"), finds the noun they count
through the parse ("175 prisoners", "hundreds of civilians"), the words between
number and noun ("23 seriously wounded soldiers" -> qualifier), a "per" phrase
("from each side", "a day"), the kind (count, duration, money, other), and the
PLOVER size field (dead, injured, arrested) from cue lemmas on the noun, its
qualifier or the governing verb ("killing 12 people", "30 were detained").

Years and dates are skipped (a number inside a phrase that `resolve_date`
accepts, or a bare year); durations ("a 30-day ceasefire", "three years of
war") are kept.  Cue words and number words live in data/quantities.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import detente.nlp.extensions  # noqa: F401  (registers the extensions)
from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.nlp.dates import resolve_date
from detente.records import Quantity

_REQUIRED = {
    "version": int, "number_words": dict, "scales": dict, "vague": dict, "approximators": list,
    "time_units": list, "currencies": dict, "other_units": list, "size_cues": dict,
    "toll_nouns": list, "default_person_unit": str, "per_markers": list, "particle_verbs": list,
}
_SIZE_FIELDS = ("dead", "injured", "arrested")
_NUMERIC = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{1,3})?$", re.IGNORECASE)
_SKIP_ENTS = {"ORG", "PERSON", "LAW", "PRODUCT", "WORK_OF_ART", "ORDINAL", "EVENT", "FAC"}


def validate_quantities_data(data: Any) -> dict[str, Any]:
    """Check the schema of quantities.yaml; raise DetenteError E402 on the first problem."""

    def bad(msg: str) -> DetenteError:
        return DetenteError("E402", f"quantities.yaml: {msg}", file="quantities.yaml")

    if not isinstance(data, dict):
        raise bad("top level must be a mapping")
    for key, kind in _REQUIRED.items():
        if not isinstance(data.get(key), kind):
            raise bad(f"`{key}` must be a {kind.__name__}")
    for key in ("number_words", "scales", "vague"):
        for word, value in data[key].items():
            if not (isinstance(word, str) and isinstance(value, (int, float)) and value >= 0):
                raise bad(f"{key}: {word!r} must map to a non-negative number")
    if set(data["size_cues"]) != set(_SIZE_FIELDS):
        raise bad(f"size_cues must have exactly {_SIZE_FIELDS}")
    for key in ("approximators", "time_units", "other_units", "toll_nouns", "per_markers", "particle_verbs",
                *(f"size_cues.{f}" for f in _SIZE_FIELDS)):
        values = data["size_cues"][key.split(".")[1]] if key.startswith("size_cues.") else data[key]
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise bad(f"`{key}` must be a list of non-empty strings")
    return data


@lru_cache(maxsize=1)
def load_quantities_data() -> dict[str, Any]:
    """Read and validate the packaged quantities.yaml (once per process)."""
    return validate_quantities_data(read_yaml("quantities.yaml"))


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    approximators: tuple[tuple[str, ...], ...]
    time_units: frozenset[str]
    currencies: dict[str, str]
    other_units: frozenset[str]
    cues: dict[str, frozenset[str]]
    toll_nouns: frozenset[str]
    person_unit: str
    per_markers: frozenset[str]
    particle_verbs: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "_Lexicon":
        return cls(
            words={k.lower(): float(v) for k, v in data["number_words"].items()},
            scales={k.lower(): float(v) for k, v in data["scales"].items()},
            vague={k.lower(): float(v) for k, v in data["vague"].items()},
            approximators=tuple(sorted((tuple(a.lower().split()) for a in data["approximators"]),
                                       key=len, reverse=True)),
            time_units=frozenset(u.lower() for u in data["time_units"]),
            currencies={k.lower(): v for k, v in data["currencies"].items()},
            other_units=frozenset(u.lower() for u in data["other_units"]),
            cues={f: frozenset(w.lower() for w in data["size_cues"][f]) for f in _SIZE_FIELDS},
            toll_nouns=frozenset(w.lower() for w in data["toll_nouns"]),
            person_unit=data["default_person_unit"],
            per_markers=frozenset(w.lower() for w in data["per_markers"]),
            particle_verbs=frozenset(w.lower() for w in data["particle_verbs"]),
        )

    def size_field(self, words: list[str]) -> str | None:
        for name in _SIZE_FIELDS:
            if any(w in self.cues[name] for w in words):
                return name
        return None


# --------------------------------------------------------------------------- numbers


def _is_number_token(tok: Token, lex: _Lexicon) -> bool:
    """Digits ("1,200", "2.5", "1.5bn"), number words, long scale words, vague plurals."""
    low = tok.lower_
    if _NUMERIC.match(tok.text):
        return _suffix_ok(tok.text, lex)
    return low in lex.words or low in lex.vague or (low in lex.scales and len(low) > 3)


def _suffix_ok(text: str, lex: _Lexicon) -> bool:
    m = _NUMERIC.match(text)
    return bool(m) and (m[3] is None or m[3].lower() in lex.scales)


def _number_phrases(doc: Doc, lex: _Lexicon) -> list[tuple[int, int]]:
    """[start, end) token ranges of number phrases, joining "twenty - three", "one hundred and five",
    "a dozen", "tens of thousands", "2.5 million", "1.5 bn"."""
    phrases: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not _is_number_token(tok, lex):
            i += 1
            continue
        start, end = i, i + 1
        while end < n:
            nxt = doc[end]
            if _NUMERIC.match(nxt.text) and _NUMERIC.match(doc[end - 1].text):
                break  # two figures side by side are two numbers
            if _is_number_token(nxt, lex) and (nxt.lower_ not in lex.vague or doc[end - 1].lower_ == "of"):
                end += 1
            elif nxt.text == "-" and end + 1 < n and doc[end + 1].lower_ in lex.words \
                    and doc[end - 1].lower_ in lex.words:
                end += 2
            elif nxt.lower_ == "and" and end + 1 < n and doc[end - 1].lower_ == "hundred" \
                    and doc[end + 1].lower_ in lex.words:
                end += 2
            elif nxt.lower_ in lex.scales and len(nxt.text) > 1 and _NUMERIC.match(doc[end - 1].text):
                end += 1  # "1.5 bn", "300 mln" (not "5 m", which is metres)
            elif nxt.lower_ == "of" and doc[end - 1].lower_ in lex.vague and end + 1 < n \
                    and doc[end + 1].lower_ in lex.vague:
                end += 1  # "tens of thousands"
            else:
                break
        # "a dozen", "a hundred", "a few hundred": pull in the article
        if start > 0 and doc[start - 1].lower_ in {"a", "an"} and doc[start].lower_ in lex.scales:
            start -= 1
        phrases.append((start, end))
        i = end
    return phrases


def _value(tokens: list[Token], lex: _Lexicon) -> tuple[float, bool] | None:
    """The value of a number phrase, and whether it is vague ("hundreds of")."""
    total = 0.0
    current = 0.0
    vague = False
    seen = False
    for tok in tokens:
        low = tok.lower_
        m = _NUMERIC.match(tok.text)
        if m and _suffix_ok(tok.text, lex):
            current += float(m[1].replace(",", "") + (m[2] or ""))
            if m[3]:
                current *= lex.scales[m[3].lower()]
            seen = True
        elif low in {"a", "an"}:
            current += 1
        elif low in lex.words:
            current += lex.words[low]
            seen = True
        elif low in lex.vague:
            vague = True
            current = (current or 1) * lex.vague[low]
            seen = True
        elif low in lex.scales:
            scale = lex.scales[low]
            current = (current or 1) * scale
            seen = True
            if scale >= 1000:
                total += current
                current = 0.0
        elif low in {"-", "and", "of"}:
            continue
        else:
            return None
    if not seen:
        return None
    return total + current, vague


# --------------------------------------------------------------------------- parse


def _is_year(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and bool(re.fullmatch(r"(1[89]|20)\d\d", tokens[0].text))


def _in_date(ents: list[Span], start: int, end: int) -> bool:
    """True when the number belongs to a date (not a duration)."""
    for ent in ents:
        if ent.start <= start and end <= ent.end and ent.label_ in {"DATE", "TIME"}:
            if ent.label_ == "TIME" and not any(t.lower_.rstrip("s") in {"hour", "minute", "second"} for t in ent):
                return True  # a clock time
            ref = resolve_date(ent.text, None)
            return ref is not None
    return False


def _in_name(ents: list[Span], start: int, end: int) -> bool:
    for ent in ents:
        if ent.start <= start and end <= ent.end and ent.label_ in _SKIP_ENTS:
            return True
    return False


_TEMPORAL_PREPS = {"in", "since", "until", "till", "by", "before", "after", "from", "of", "during", "to"}


def _next_noun(doc: Doc, end: int) -> Token | None:
    """The noun right after a number, skipping adjectives and adverbs ("23 badly hurt soldiers")."""
    for tok in doc[end:end + 4]:
        if tok.pos_ in {"NOUN", "PROPN"}:
            return tok
        if tok.pos_ not in {"ADJ", "ADV"} and not (tok.pos_ == "VERB" and tok.dep_ == "amod"):
            return None
    return None


def _unit_token(phrase: list[Token], doc: Doc, lex: _Lexicon) -> Token | None:
    """The noun the number counts."""
    start, end = phrase[0].i, phrase[-1].i + 1
    last = phrase[-1]
    # "hundreds of civilians", "175 of the prisoners"
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for child in doc[end].children:
            if child.dep_ == "pobj" and child.pos_ in {"NOUN", "PROPN"}:
                return child
        nxt = [t for t in doc[end + 1:end + 5] if t.pos_ == "NOUN"]
        if nxt and last.lower_ in lex.vague:
            return nxt[0]
    heads = [t.head for t in phrase if not (start <= t.head.i < end)
             and t.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"}]
    heads.sort(key=lambda h: h.i != last.head.i)
    if not heads and last.dep_ == "conj":  # "2,000 and 3,000 soldiers": the parse hangs 2nd on 1st
        after = _next_noun(doc, end)
        heads = [after] if after is not None and after.pos_ == "NOUN" else []
    if not heads and last.dep_ in {"dobj", "nsubj", "pobj"}:
        # the parser made the number the argument ("release 23 badly hurt soldiers")
        after = _next_noun(doc, end)
        heads = [after] if after is not None and after.tag_ in {"NNS", "NNPS"} else []
    for head in heads:
        if head.pos_ in {"NOUN", "PROPN", "ADJ"} or (head.pos_ == "VERB" and head.dep_ == "amod"):
            if head.i < start and head.pos_ == "PROPN":
                return None  # "Resolution 2231"
            return head
    return None


def _governor(anchor: Token) -> tuple[Token | None, bool]:
    """The verb the counted phrase depends on, and whether it governs it directly
    (as subject or object) rather than through a preposition ("rose to 14")."""
    head = anchor.head
    if anchor.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "appos", "conj"} \
            and head.pos_ in {"VERB", "AUX", "ADJ"}:
        return head, True
    if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return head.head, False
    if head.pos_ == "VERB" and head.i != anchor.i:
        return head, True
    return None, False


def _governor_cues(anchor: Token, governor: Token, direct: bool, lex: _Lexicon) -> list[str]:
    """Lemmas from the governing verb that may name a casualty field for the anchor."""
    words: list[str] = []
    agent = anchor.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in governor.children)
    if direct and not agent:  # "killing 12 people", "30 were detained"; not "3 gunmen killed 19"
        words.append(governor.lemma_.lower())
    if anchor.dep_ == "dobj":  # "left 12 people dead"
        words += [c.lemma_.lower() for c in governor.children if c.dep_ in {"oprd", "acomp", "xcomp"}]
    for subj in governor.children:  # "the death toll rose to 14"
        if subj.dep_ in {"nsubj", "nsubjpass"} and subj.lemma_.lower() in lex.toll_nouns:
            words += [t.lemma_.lower() for t in subj.subtree]
    return words


def _per(unit: Token | None, governor: Token | None, lex: _Lexicon) -> str | None:
    """'side' in "from each side", 'day' in "a day" / "per day"."""
    for tok in (t for t in (unit, governor) if t is not None):
        for child in tok.children:
            if child.dep_ == "prep":
                if child.lower_ == "per":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0].lemma_.lower()
                for obj in child.children:
                    if obj.dep_ == "pobj" and any(d.lower_ in lex.per_markers for d in obj.children if d.dep_ == "det"):
                        return obj.lemma_.lower()
            if child.dep_ == "npadvmod" and any(d.lower_ in {"a", "an", "per", *lex.per_markers}
                                                 for d in child.children if d.dep_ == "det"):
                if child.lemma_.lower() in lex.time_units:
                    return child.lemma_.lower()
    return None


def _approx_start(doc: Doc, start: int, lex: _Lexicon) -> int:
    for words in lex.approximators:
        k = len(words)
        if start - k >= 0 and tuple(t.lower_ for t in doc[start - k:start]) == words \
                and doc[start - k].dep_ not in {"prt", "prep"} \
                and not (start - k > 0 and doc[start - k - 1].lemma_.lower() in lex.particle_verbs):
            return start - k  # but not the particle of "handed over 175"
    return start


def _currency(doc: Doc, start: int, end: int, unit: Token | None, lex: _Lexicon) -> tuple[str | None, int]:
    """(ISO code, new start) when the number is an amount of money."""
    if start > 0 and doc[start - 1].text.lower() in lex.currencies:
        return lex.currencies[doc[start - 1].text.lower()], start - 1
    if unit is not None and unit.lemma_.lower() in lex.currencies:
        return lex.currencies[unit.lemma_.lower()], start
    if end < len(doc) and doc[end].lemma_.lower() in lex.currencies:
        return lex.currencies[doc[end].lemma_.lower()], start
    return None, start


def _quantity(doc: Doc, ents: list[Span], start: int, end: int, lex: _Lexicon) -> tuple[Span, Quantity] | None:
    phrase = list(doc[start:end])
    parsed = _value(phrase, lex)
    if parsed is None:
        return None
    value, vague = parsed
    if _in_name(ents, start, end):
        return None
    if start > 0 and doc[start - 1].pos_ in {"NOUN", "PROPN"} and phrase[-1].head.i == start - 1:
        return None  # "page 3", "Article 5", "Resolution 2231": a label, not a count
    after = _next_noun(doc, end)
    counts_a_noun = (not _is_year(phrase) and after is not None and after.tag_ in {"NNS", "NNPS"}
                     and after.lemma_.lower() not in lex.time_units
                     and not (start > 0 and doc[start - 1].lower_ in _TEMPORAL_PREPS))
    if not counts_a_noun and _in_date(ents, start, end):
        return None
    if phrase[-1].lower_ == "one" and len(phrase) == 1 and phrase[0].dep_ != "nummod":
        return None  # "one of them", "no one"
    if start > 0 and doc[start - 1].text in {"-", "/", ":", "#"}:
        return None  # "Su-34", "10/30", "No. 5"
    unit_tok = _unit_token(phrase, doc, lex)
    if unit_tok is None and _is_year(phrase):
        return None
    currency, start_money = _currency(doc, start, end, unit_tok, lex)

    unit_words: list[Token] = []
    qualifier: str | None = None
    size_words: list[str] = []
    if unit_tok is not None and unit_tok.pos_ in {"ADJ", "VERB"} and unit_tok.lemma_.lower() in \
            set().union(*lex.cues.values()):
        # "12 dead": the adjective is the casualty, the unit is people
        size_words.append(unit_tok.lemma_.lower())
        size_words.append(unit_tok.lower_)
        qualifier = unit_tok.text
        anchor: Token = unit_tok
        unit = lex.person_unit
        unit_tok_end = unit_tok.i + 1 if unit_tok.i >= end else end
    elif unit_tok is not None and unit_tok.pos_ in {"NOUN", "PROPN"}:
        unit = unit_tok.lemma_.lower() if unit_tok.lemma_.lower() in lex.time_units else unit_tok.lower_
        between = [t for t in doc[end:unit_tok.i] if t.lower_ not in {"-", "of", "the"}]
        if between and unit_tok.i > end and all(t.pos_ in {"ADJ", "ADV", "VERB", "NOUN", "PROPN"} for t in between):
            qualifier = doc[between[0].i:between[-1].i + 1].text
            size_words += [t.lemma_.lower() for t in between] + [t.lower_ for t in between]
        size_words += [unit_tok.lemma_.lower(), unit_tok.lower_]
        size_words += [c.lemma_.lower() for c in unit_tok.children if c.dep_ in {"amod", "acl", "relcl"}]
        # in "dozens of soldiers were killed" the number, not the noun, is the verb's subject
        anchor = phrase[-1] if end < len(doc) and doc[end].lower_ == "of" and unit_tok.i > end else unit_tok
        unit_tok_end = unit_tok.i + 1 if unit_tok.i >= end and unit_tok.i - end <= 6 else end
        unit_words.append(unit_tok)
    else:
        anchor = phrase[-1]
        unit = ""
        unit_tok_end = end

    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" \
            and anchor.head.head.lemma_.lower() in lex.toll_nouns:
        anchor = anchor.head.head  # "a total of two civilians were killed"
    governor, direct = _governor(anchor)
    near_field = lex.size_field(size_words)  # the noun and its own words decide first
    if governor is not None and near_field is None:
        size_words += _governor_cues(anchor, governor, direct, lex)

    if currency:
        kind, unit, size_field = "money", currency, None
        start = start_money
    elif unit_tok_end < len(doc) and doc[unit_tok_end:unit_tok_end + 2].text.lstrip("- ") == "old":
        return None  # "a 41-year-old man": an age
    elif unit in lex.time_units or unit.rstrip("s") in lex.time_units:
        kind, size_field = "duration", None
        unit = unit.rstrip("s") if unit.rstrip("s") in lex.time_units else unit
    else:
        size_field = lex.size_field(size_words)
        if not unit and size_field:
            unit = lex.person_unit
        lemma = unit_words[0].lemma_.lower() if unit_words else unit
        kind = "other" if vague or unit in lex.other_units or lemma in lex.other_units else "count"
    if not unit and not size_field:
        return None  # a bare number with nothing to count ("at 2am", "the total reached 1,200")

    begin = _approx_start(doc, start, lex)
    span = doc[begin:max(end, unit_tok_end)]
    per_governor = governor if direct and anchor.head.i == governor.i and anchor.dep_ != "nsubj" else None
    per = _per(unit_words[0] if unit_words else None, per_governor, lex) if kind != "money" else None
    if per is not None and per == unit:
        per = None
    return span, Quantity(value=value, unit=unit, kind=kind, raw=span.text, per=per,
                          qualifier=qualifier, size_field=size_field)


# --------------------------------------------------------------------------- component


@Language.factory("detente_quantities", requires=["doc.ents", "token.dep", "token.lemma"],
                  assigns=["doc.spans"])
def make_quantities(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy factory: the quantity component."""
    return QuantityAnnotator()


class QuantityAnnotator:
    """Find number phrases, attach what they count, and set doc.spans["quantities"]."""

    def __init__(self, data: dict[str, Any] | None = None):
        self.lex = _Lexicon.from_data(load_quantities_data() if data is None else validate_quantities_data(data))

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, Quantity]] = []
        ents = list(doc.ents)  # spaCy rebuilds doc.ents on every access
        for start, end in _number_phrases(doc, self.lex):
            result = _quantity(doc, ents, start, end, self.lex)
            if result is not None:
                found.append(result)
        doc.spans["quantities"] = [span for span, _ in found]
        for span, (_, quantity) in zip(doc.spans["quantities"], found):
            span._.quantity = quantity
        return doc
