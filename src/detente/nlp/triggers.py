"""detente_triggers: find the words that signal PLOVER events, and type them.

The knowledge lives in data/triggers.yaml; this module only walks the parse.
For every verb it tries, in order: a verb + object rule ("lift sanctions" ->
CONCEDE, "release a statement" -> nothing), a light verb governing a nominal
trigger ("launch an attack" -> ASSAULT on "launch"), a phrasal verb ("call for"),
then the plain verb lemma.  Nouns that name events ("ceasefire", "air strike")
become nominal triggers unless a light verb absorbed them.  Each trigger gets a
salience: the sentence root and the verbs nearest it in the dependency tree rank
highest, so a governing verb outranks the events it embeds ("accused X of
attacking" -> ACCUSE first).  Negated or modal verbs stay triggers; modality is
another component's job.  Sentences where the lexicon finds nothing may get a
trigger from the fallback classifier (detente.nlp.classifier), marked
source="classifier".

Public: the factory "detente_triggers" (config: lexicon_path, use_classifier, classifier_max_sentences,
retype_modal), `load_lexicon`, `parse_lexicon`, `TriggerFinder`, and for the event
assembler `main_triggers(spans)` / `governed_nominals(spans)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.nlp.attribution import load_attribution_lexicon
from detente.nlp.extensions import Trigger, register_extensions
from detente.records import EVENT_TYPES

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "triggers.yaml"

#: dependency labels whose tokens count as a verb's objects for verb + object rules
_OBJ_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative"}
#: dependencies whose subtree is the "object" of a trigger (used for REQUEST/REJECT modes)
_COMPLEMENT_DEPS = {"dobj", "pobj", "xcomp", "ccomp", "prep", "pcomp", "nsubjpass", "advcl", "acomp"}
_REQ_MODE = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "CONCEDE": "yield",
             "RETREAT": "yield", "SUPPORT": "change", "AGREE": "change"}


@dataclass(frozen=True)
class Entry:
    """One lexicon sense: event, mode and the words that matched."""

    event: str
    mode: str | None
    cue: str


@dataclass
class Lexicon:
    """data/triggers.yaml, indexed for matching."""

    version: int
    modes: dict[str, list[str]]
    verb_single: dict[str, Entry] = field(default_factory=dict)
    verb_phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    noun_single: dict[str, Entry] = field(default_factory=dict)
    noun_phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    verb_objects: dict[str, list[tuple[frozenset[str], Entry | None, tuple[str, ...]]]] = field(default_factory=dict)
    light_verbs: set[str] = field(default_factory=set)
    not_triggers: set[str] = field(default_factory=set)
    noun_blocks: list[tuple[str, ...]] = field(default_factory=list)
    context_cues: dict[str, list[str]] = field(default_factory=dict)
    oprd_verbs: dict[str, Entry] = field(default_factory=dict)
    #: "told oil companies to leave": a verb with an object and an infinitive of that object's act
    directive_verbs: dict[str, Entry] = field(default_factory=dict)
    #: ... but an order to these ("told the army to prepare") is a side's order to its own ranks
    own_ranks: frozenset[str] = frozenset()
    transparent_verbs: set[str] = field(default_factory=set)
    future_only: dict[str, Entry] = field(default_factory=dict)
    entity_object_verbs: dict[str, Entry] = field(default_factory=dict)
    sentence_overrides: list[tuple[frozenset[str], frozenset[str], frozenset[str], Entry]] = field(default_factory=list)
    entry_contexts: dict[str, list[str]] = field(default_factory=dict)


def _mode(mode_key: str) -> str | None:
    return None if mode_key == "_" else mode_key


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise DetenteError("E402", f"triggers.yaml: {message}")


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Validate the YAML structure and index it; E402 on any schema error."""
    _check(isinstance(data, dict) and isinstance(data.get("version"), int), "needs an integer `version`")
    modes = data.get("modes") or {}
    _check(set(modes) == set(EVENT_TYPES), "`modes` must list the 16 PLOVER types")
    lex = Lexicon(version=data["version"], modes={k: list(v) for k, v in modes.items()})
    for section, single, phrases in (("verbs", lex.verb_single, lex.verb_phrases),
                                     ("nouns", lex.noun_single, lex.noun_phrases)):
        for event, by_mode in (data.get(section) or {}).items():
            _check(event in EVENT_TYPES, f"{section}: unknown event {event!r}")
            for mode_key, words in by_mode.items():
                mode = _mode(mode_key)
                _check(mode is None or mode in modes[event], f"{section}: mode {mode_key!r} invalid for {event}")
                for word in words or []:
                    parts = tuple(str(word).lower().split())
                    entry = Entry(event, mode, " ".join(parts))
                    if len(parts) == 1:
                        _check(parts[0] not in single, f"{section}: {parts[0]!r} listed twice")
                        single[parts[0]] = entry
                    else:
                        key = parts[0] if section == "verbs" else parts[-1]
                        phrases.setdefault(key, []).append((parts, entry))
    for bucket in (lex.verb_phrases, lex.noun_phrases):
        for items in bucket.values():
            items.sort(key=lambda item: -len(item[0]))
    for rule in data.get("verb_objects") or []:
        _check({"verb", "objects", "event"} <= set(rule), f"verb_objects rule {rule!r} lacks verb/objects/event")
        event, mode = rule["event"], rule.get("mode")
        _check(event is None or event in EVENT_TYPES, f"verb_objects: unknown event {event!r}")
        _check(mode is None or mode in modes.get(event, []), f"verb_objects: mode {mode!r} invalid for {event}")
        verb = str(rule["verb"]).lower()
        entry = Entry(event, mode, verb) if event else None
        lex.verb_objects.setdefault(verb, []).append(
            (frozenset(str(o).lower() for o in rule["objects"]), entry, tuple(rule.get("context") or ())))
    lex.light_verbs = {str(v).lower() for v in data.get("light_verbs") or []}
    lex.not_triggers = {str(v).lower() for v in data.get("not_triggers") or []}
    for verb, rule in (data.get("entity_object_verbs") or {}).items():
        _check(rule.get("event") in EVENT_TYPES, f"entity_object_verbs: unknown event for {verb!r}")
        _check(rule.get("mode") is None or rule["mode"] in modes[rule["event"]], f"entity_object_verbs: bad mode for {verb!r}")
        lex.entity_object_verbs[str(verb).lower()] = Entry(rule["event"], rule.get("mode"), f"{verb} X")
    for verb, rule in (data.get("future_only") or {}).items():
        _check(rule.get("event") in EVENT_TYPES, f"future_only: unknown event for {verb!r}")
        _check(rule.get("mode") is None or rule["mode"] in modes[rule["event"]], f"future_only: bad mode for {verb!r}")
        lex.future_only[str(verb).lower()] = Entry(rule["event"], rule.get("mode"), f"will {verb}")
    lex.transparent_verbs = {str(v).lower() for v in data.get("transparent_verbs") or []}
    lex.noun_blocks = [tuple(str(p).lower().split()) for p in data.get("noun_blocks") or []]
    for ctx, cues in (data.get("contexts") or {}).items():
        for cue in cues or []:
            lex.context_cues.setdefault(str(cue).lower(), []).append(ctx)
    for rule in data.get("sentence_overrides") or []:
        _check(rule.get("to") in EVENT_TYPES and set(rule.get("events") or []) <= set(EVENT_TYPES),
               f"sentence_overrides rule {rule!r} names an unknown event")
        mode = rule.get("mode")
        _check(mode is None or mode in modes[rule["to"]], f"sentence_overrides: mode {mode!r} invalid")
        lex.sentence_overrides.append((frozenset(str(c).lower() for c in rule["cues"]),
                                       frozenset(rule["events"]),
                                       frozenset(str(t).lower() for t in rule.get("triggers") or []),
                                       Entry(rule["to"], mode, "")))
    lex.own_ranks = frozenset(w.lower() for w in data.get("own_ranks") or ())
    for verb, rule in (data.get("directive_verbs") or {}).items():
        _check(rule.get("event") in EVENT_TYPES, f"directive_verbs: unknown event for {verb!r}")
        _check(rule.get("mode") is None or rule["mode"] in modes[rule["event"]], f"directive_verbs: bad mode for {verb!r}")
        lex.directive_verbs[str(verb).lower()] = Entry(rule["event"], rule.get("mode"), f"{verb} X to")
    for verb, rule in (data.get("oprd_verbs") or {}).items():
        _check(rule.get("event") in EVENT_TYPES, f"oprd_verbs: unknown event for {verb!r}")
        _check(rule.get("mode") is None or rule["mode"] in modes[rule["event"]], f"oprd_verbs: bad mode for {verb!r}")
        lex.oprd_verbs[str(verb).lower()] = Entry(rule["event"], rule.get("mode"), f"{verb} X Y")
    lex.entry_contexts = {str(k).lower(): list(v) for k, v in (data.get("entry_contexts") or {}).items()}
    return lex


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read and index data/triggers.yaml (or `path`), once per process."""
    return parse_lexicon(read_yaml(path or LEXICON_PATH))


# --------------------------------------------------------------------------- matching


def _words(tok: Token) -> set[str]:
    """Lemma and lower-case form, plus a naive singular (the tagger misses some plurals)."""
    low = tok.lower_
    out = {tok.lemma_.lower(), low}
    if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        out.add(low[:-1])
    return out


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _match_noun_phrase(doc: Doc, head: Token, parts: tuple[str, ...]) -> int | None:
    """Start index when the tokens ending at `head` spell `parts` (hyphens skipped)."""
    if parts[-1] not in _words(head):
        return None
    i = head.i - 1
    for word in reversed(parts[:-1]):
        while i >= head.sent.start and doc[i].text == "-":
            i -= 1
        if i < head.sent.start or word not in _words(doc[i]):
            return None
        i -= 1
    return i + 1


def _inside_phrase(doc: Doc, tok: Token, parts: tuple[str, ...]) -> bool:
    """Is `tok` one of the contiguous tokens spelling `parts` ("request for comment")?"""
    for k, word in enumerate(parts):
        start = tok.i - k
        if word not in _words(tok) or start < 0 or start + len(parts) > len(doc):
            continue
        if all(parts[j] in _words(doc[start + j]) for j in range(len(parts))):
            return True
    return False


def _near_dependents(verb: Token) -> list[Token]:
    """Children and grandchildren right of the verb, within a short window."""
    out = []
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.head.head.i == verb.i:      # "let free the activist"
        out.append(nxt)
    for child in verb.children:
        if verb.i < child.i <= verb.i + 6:
            out.append(child)
        for grand in child.children:
            if verb.i < grand.i <= verb.i + 6 and grand.dep_ in {"prep", "prt", "amod", "oprd"}:  # "held X responsible"
                out.append(grand)
    return out


def _phrasal(verb: Token, parts: tuple[str, ...]) -> int | None:
    """Where the rest of a phrase the verb governs ends ("call for", "pull out of"), or None."""
    deps = _near_dependents(verb)
    last = verb.i
    for word in parts[1:]:
        hits = [t for t in deps if t.i > last and word in _words(t) and not _dated(t)]
        if not hits:
            return None
        last = min(t.i for t in hits)
    return last


def _dated(tok: Token) -> bool:
    """A preposition whose object is a date ("called X on Monday"): not a particle."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in tok.children)


def _objects(verb: Token, direct_only: bool = False) -> list[Token]:
    """The verb's objects, direct ones first: dobj and passive subject, then (unless
    `direct_only`) objects of its prepositions and particles, each with its conjuncts."""
    direct: list[Token] = [c for c in verb.children if c.dep_ in _OBJ_DEPS]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":          # "the sanctions imposed on X"
        direct.append(verb.head)
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children) and not direct:
        # "a timetable is expected to be released": the passive subject of the verb it completes
        direct.extend(c for c in verb.head.children if c.dep_ == "nsubjpass")
    oblique: list[Token] = []
    for child in [] if direct_only else verb.children:
        if child.dep_ in {"prep", "prt", "agent"}:
            oblique.extend(g for g in child.children if g.dep_ in {"pobj", "dobj"})
            for g in child.children:
                if g.dep_ == "prep":
                    oblique.extend(x for x in g.children if x.dep_ == "pobj")
    objs: list[Token] = []
    for obj in direct + oblique:
        objs.append(obj)
        objs.extend(c for c in obj.children if c.dep_ == "conj")
    return objs


_PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_QUANTITY_HEADS = {"number", "size", "level", "amount", "strength", "part", "half", "share", "bulk", "most",
                   "some", "all", "rest", "batch", "group", "dozen", "hundred", "thousand", "contingent"}


def _obj_words(obj: Token, nouns: dict[int, "_Hit"]) -> set[str]:
    """Words standing for an object: its own, its compounds' ("mediation efforts"),
    and the head of a nominal trigger it sits in ("state of siege" -> siege)."""
    doc = obj.doc
    whole_word = obj.i >= 2 and doc[obj.i - 1].text == "-" and not doc[obj.i - 1].whitespace_ \
        and not doc[obj.i - 2].whitespace_
    if whole_word:
        # "cease-fire": one word, no fire; its halves are not its words
        whole = f"{doc[obj.i - 2].lower_}-{obj.lower_}"
        words = {whole, whole.replace("-", "")}
    else:
        words = set(_words(obj))
    for child in obj.children:
        if child.dep_ in {"compound", "amod"}:
            words |= _words(child)
        if child.dep_ == "prep" and child.lower_ == "of" and obj.lemma_.lower() in _QUANTITY_HEADS:
            for pobj in child.children:                   # "the number of its armed forces"
                if pobj.dep_ == "pobj":
                    words |= _words(pobj)
    for hit in nouns.values():
        if hit.start <= obj.i < hit.end:
            words |= _words(hit.head)
    if whole_word:
        words -= _words(obj) | _words(doc[obj.i - 2])
    return words


@dataclass
class _Hit:
    start: int
    end: int
    head: Token
    entry: Entry
    nominal: bool
    extra_context: tuple[str, ...] = ()


def _in_hyphen_compound(tok: Token) -> bool:
    """'sit' in 'sit-down protest' is part of a modifier, not a verb."""
    doc = tok.doc
    return (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-") or (tok.i > 0 and doc[tok.i - 1].text == "-")


#: cooperative types: negated they become REJECT, promised they become AGREE (PLOVER:
#: "CONSULT, SUPPORT, COOPERATE or AID in the future tense: AGREE")
_COOP = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_PROMISABLE = _COOP - {"AGREE"}
_THREAT_MODE = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence"}
_FUTURE_AUX = {"will", "shall", "'ll", "would", "wo"}
_DEONTIC_AUX = {"must", "should", "ought"}
#: The cue of a cooperative verb under "willing/ready/prepared to" starts with this ("willing to
#: talk" gives AGREE "ready to talk"): Event.standing marks it, and the ledger reads an offer.
#: A plain promise ("will withdraw") keeps "will ".
OFFER_PREFIX = "ready to "
_FAILED = {"fail"}
_WILLING = {"willing", "ready", "prepared", "plan", "intend", "poised", "set", "due"}
_OFFERING = {"willing", "ready", "prepared"}


def _polarity(verb: Token) -> str | None:
    """'neg', 'must', 'future' or 'offer' ("willing to talk") from the verb's own auxiliaries and governors."""
    children = list(verb.children)
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:      # "must ensure security and provide aid"
        children += [c for c in verb.head.children if c.dep_ in {"aux", "neg"}]
    if any(c.dep_ == "neg" or c.lower_ in {"never", "n't"} for c in children):
        return "neg"
    auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if auxes & _DEONTIC_AUX:
        return "must"
    if auxes & _FUTURE_AUX and not any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FAILED:
        return "neg"
    if verb.dep_ == "xcomp" and {c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}} & _FUTURE_AUX:
        return "future"                                   # "will be forced to respond"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WILLING:
        head_children = list(verb.head.children)
        if any(c.dep_ == "neg" for c in head_children):
            return "neg"
        return "offer" if verb.head.lemma_.lower() in _OFFERING else "future"
    return None


class TriggerFinder:
    """Finds the triggers of a Doc from a Lexicon; pure function of the parse.

    With `retype_modal` (the default) a verb trigger's type follows PLOVER's rules
    for its polarity: a negated cooperative verb is REJECT ("will not lift the
    embargo"), a verb under "must/should" is REQUEST, a promised cooperative verb
    is AGREE ("will withdraw its troops") and a promised SANCTION/COERCE/ASSAULT is
    THREATEN.  The cue then starts with "not ", "must " or "will " (or "ready to " for a
    cooperative verb under "willing/ready/prepared to": an offer).
    """

    def __init__(self, lexicon: Lexicon, retype_modal: bool = True):
        self.lex = lexicon
        self.retype_modal = retype_modal
        keys = {p for p in list(lexicon.verb_objects) + list(lexicon.light_verbs) if " " in p}
        keys |= {" ".join(parts) for items in lexicon.verb_phrases.values() for parts, _ in items}
        # noun blocks by word: only blocks sharing a word with a token can contain it
        self._blocks_by_word: dict[str, list[tuple[str, ...]]] = {}
        for parts in lexicon.noun_blocks:
            for word in set(parts):
                self._blocks_by_word.setdefault(word, []).append(parts)
        self._phrases: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(keys, key=lambda k: (-len(k.split()), k)):
            parts = tuple(key.split())
            self._phrases.setdefault(parts[0], []).append(parts)

    @staticmethod
    def retype(hit_entry: Entry, verb: Token) -> Entry:
        """The entry after PLOVER's polarity rules (see the class docstring)."""
        pol = _polarity(verb)
        event, cue = hit_entry.event, hit_entry.cue
        if pol == "neg" and event in _COOP:
            return Entry("REJECT", _REQ_MODE.get(event), f"not {cue}")
        if pol == "must" and event != "REQUEST":
            return Entry("REQUEST", _REQ_MODE.get(event, "change"), f"must {cue}")
        if pol == "offer" and event in _PROMISABLE:
            return Entry("AGREE", None, f"{OFFER_PREFIX}{cue}")
        pol = "future" if pol == "offer" else pol
        if pol == "future" and event in _PROMISABLE:
            return Entry("AGREE", None, f"will {cue}")
        if pol == "future" and event in _THREAT_MODE:
            return Entry("THREATEN", _THREAT_MODE[event], f"will {cue}")
        if pol == "future" and event == "PROTEST" and hit_entry.mode == "boycott":
            return Entry("THREATEN", None, f"will {cue}")
        return hit_entry

    # -- nouns
    def _noun_hit(self, doc: Doc, tok: Token) -> _Hit | None:
        lex = self.lex
        blocks = {parts for w in _words(tok) for parts in self._blocks_by_word.get(w, ())}
        if any(_inside_phrase(doc, tok, parts) for parts in blocks):
            return None
        for key in (tok.lemma_.lower(), tok.lower_):
            for parts, entry in lex.noun_phrases.get(key, []):
                start = _match_noun_phrase(doc, tok, parts)
                if start is not None and tok.pos_ != "VERB":
                    return _Hit(start, tok.i + 1, tok, entry, True)
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ != "compound":   # "aid workers" is no aid
            for key in (tok.lemma_.lower(), tok.lower_):
                if key in lex.noun_single:
                    return _Hit(tok.i, tok.i + 1, tok, lex.noun_single[key], True)
        return None

    # -- verbs
    def _verb_forms(self, verb: Token) -> list[str]:
        """The phrasal forms this verb realises ("cut off"), longest first, then the lemma."""
        lemma = verb.lemma_.lower()
        # longest first; of two, the one whose words come nearest the verb ("called for both sides to
        # speed up ...": "call for", not "call up")
        found = [(-len(parts), end, " ".join(parts)) for parts in self._phrases.get(lemma, [])
                 if (end := _phrasal(verb, parts)) is not None]
        return [form for _, _, form in sorted(found)] + [lemma]

    def _verb_hit(self, verb: Token, nouns: dict[int, _Hit]) -> tuple[_Hit | None, int | None]:
        """The verb's trigger, and the index of a nominal trigger it absorbed."""
        lex = self.lex
        forms = self._verb_forms(verb)
        lemma = verb.lemma_.lower()
        if lemma in lex.oprd_verbs and any(c.dep_ == "oprd" and c.pos_ in {"NOUN", "ADJ"} and not c.ent_type_
                                           for c in verb.children):
            return _Hit(verb.i, verb.i + 1, verb, lex.oprd_verbs[lemma], False), None
        if lemma in lex.directive_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() not in lex.own_ranks
                                                for c in verb.children) and any(
                c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in verb.children):
            return _Hit(verb.i, verb.i + 1, verb, lex.directive_verbs[lemma], False), None
        if (lemma in lex.entity_object_verbs and forms == [lemma]
                and any(c.dep_ in {"dobj", "oprd"} and c.ent_type_ in _PARTY_ENTS for c in verb.children)):
            return _Hit(verb.i, verb.i + 1, verb, lex.entity_object_verbs[lemma], False), None
        objs = _objects(verb)
        found = self._object_rule(forms, objs, nouns)
        if found is not None:
            form, obj, entry, ctx = found
            if entry is None:
                return None, None
            cue = f"{form} {obj.lemma_.lower()}"
            absorbed = obj.i if obj.i in nouns else None
            return _Hit(verb.i, verb.i + 1, verb, Entry(entry.event, entry.mode, cue), False, ctx), absorbed
        for form in forms:
            if " " in form:
                for parts, entry in lex.verb_phrases.get(verb.lemma_.lower(), []):
                    if " ".join(parts) == form:
                        return _Hit(verb.i, verb.i + 1, verb, entry, False), None
        direct = _objects(verb, direct_only=True)
        for form in forms:
            if form in lex.light_verbs:
                for obj in direct if " " not in form else objs:
                    noun = nouns.get(obj.i)
                    if noun is not None:
                        e = noun.entry
                        return _Hit(verb.i, verb.i + 1, verb, Entry(e.event, e.mode, f"{form} {e.cue}"), False), obj.i
        for form in forms:
            if form in lex.future_only and _polarity(verb) in ("future", "offer"):
                return _Hit(verb.i, verb.i + 1, verb, lex.future_only[form], False), None
        if lemma in lex.not_triggers:
            return None, None
        entry = lex.verb_single.get(lemma) or lex.verb_single.get(verb.lower_)
        if entry is not None:
            return _Hit(verb.i, verb.i + 1, verb, entry, False), None
        return None, None

    # -- annotations
    def _context(self, hit: _Hit) -> list[str]:
        """Up to three PLOVER contexts: the entry's own, then cue words in the trigger's
        clause (its subtree; the whole sentence for a nominal trigger)."""
        out: list[str] = list(hit.extra_context)
        out += self.lex.entry_contexts.get(hit.entry.cue.split()[0], [])
        out += self.lex.entry_contexts.get(hit.head.lemma_.lower(), [])
        for tok in hit.head.subtree if not hit.nominal else hit.head.sent:
            out += self.lex.context_cues.get(tok.lemma_.lower(), [])
        seen: list[str] = []
        for ctx in out:
            if ctx not in seen:
                seen.append(ctx)
        return seen[:3]

    def _drop_transparent(self, hits: list[_Hit]) -> list[_Hit]:
        """Drop "order"-like verbs that govern another trigger (their complement is the event)."""
        heads = {h.head.i for h in hits}
        keep = []
        for hit in hits:
            if not hit.nominal and hit.head.lemma_.lower() in self.lex.transparent_verbs:
                inside = {t.i for c in hit.head.children if c.dep_ in {"xcomp", "ccomp", "dobj"} for t in c.subtree}
                if (inside - {hit.head.i}) & heads:
                    continue
            keep.append(hit)
        return keep

    def _override(self, hit: _Hit) -> Entry:
        """Sentence-level PLOVER rules from the lexicon (peacekeeping is AID)."""
        if not self.lex.sentence_overrides:
            return hit.entry
        words = set().union(*(_words(t) for t in hit.head.sent))
        for cues, events, only, to in self.lex.sentence_overrides:
            if hit.entry.event in events and words & cues and (not only or _words(hit.head) & only):
                return Entry(to.event, to.mode, hit.entry.cue)
        return hit.entry

    @staticmethod
    def _vowed_violence(hit: _Hit, hits: list[_Hit]) -> Entry:
        """PLOVER: promising violence or punishment is THREATEN ("vowed to fight on")."""
        if hit.entry.event != "AGREE" or hit.nominal:
            return hit.entry
        for other in hits:
            if (other.head.dep_ == "xcomp" and other.head.head.i == hit.head.i
                    and other.entry.event in {"ASSAULT", "COERCE", "SANCTION"}):
                return Entry("THREATEN", _THREAT_MODE[other.entry.event], hit.entry.cue)
        return hit.entry

    @staticmethod
    def salience(head: Token, nominal: bool) -> float:
        """Root-near verbs first: 1/(1+depth), +0.25 for verbs."""
        return round(1.0 / (1 + _depth(head)) + (0.0 if nominal else 0.25), 4)

    def _refine_mode(self, hit: _Hit, hits: list[_Hit]) -> str | None:
        """REQUEST/REJECT mode from the event they govern ("refused to meet" -> meet)."""
        if hit.entry.event not in {"REQUEST", "REJECT"} or hit.entry.mode:
            return hit.entry.mode
        inside = {t.i for c in hit.head.children if c.dep_ in _COMPLEMENT_DEPS for t in c.subtree}
        for other in hits:
            if other is not hit and other.head.i in inside and other.entry.event in _REQ_MODE:
                return _REQ_MODE[other.entry.event]
        return None

    def _object_rule(self, forms: list[str], objs: list[Token], nouns: dict[int, _Hit]):
        """The first `verb_objects` rule one of a verb's objects matches, as (form, object, entry,
        contexts); an entry of None rules the verb out ("release a statement")."""
        for form in forms:
            for obj in objs:
                words = _obj_words(obj, nouns)
                for objects, entry, ctx in self.lex.verb_objects.get(form, []):
                    if words & objects:
                        return form, obj, entry, ctx
        return None

    def rules_out(self, tokens) -> bool:
        """Whether the lexicon rules out one of these verbs by its object ("release a timetable"):
        no event there, for the fallback classifier either."""
        return any(tok.pos_ == "VERB" and (found := self._object_rule(self._verb_forms(tok), _objects(tok), {}))
                   is not None and found[2] is None for tok in tokens)

    def find(self, doc: Doc) -> list[tuple[int, int, Trigger]]:
        """(start, end, Trigger) for every trigger of the doc, in text order."""
        nouns: dict[int, _Hit] = {}
        for tok in doc:
            hit = self._noun_hit(doc, tok)
            if hit is not None:
                nouns[tok.i] = hit
        verbs: list[_Hit] = []
        absorbed: set[int] = set()
        for tok in doc:
            if tok.pos_ != "VERB" or tok.dep_ == "amod" or _in_hyphen_compound(tok):
                continue                                  # "the occupied town" is a state
            hit, took = self._verb_hit(tok, nouns)
            if hit is not None and self.retype_modal:
                hit.entry = self.retype(hit.entry, tok)
            if hit is not None:
                verbs.append(hit)
                if took is not None:
                    absorbed.add(took)
        used = {h.head.i for h in verbs}
        hits = list(verbs)
        for i, hit in nouns.items():
            if i in absorbed or any(j in used for j in range(hit.start, hit.end)):
                continue
            hits.append(hit)
            used.update(range(hit.start, hit.end))
        hits = self._drop_transparent(hits)
        hits.sort(key=lambda h: h.start)
        for hit in hits:
            hit.entry = self._override(hit)
        for hit in hits:
            hit.entry = self._vowed_violence(hit, hits)
        salience = _embedded_salience(hits, {id(h): self.salience(h.head, h.nominal) for h in hits})
        out = []
        for hit in hits:
            trig = Trigger(event=hit.entry.event, mode=self._refine_mode(hit, hits),
                           context=self._context(hit), cue=hit.entry.cue, nominal=hit.nominal,
                           salience=salience[id(hit)])
            out.append((hit.start, hit.end, trig))
        return _drop_overlaps(out)


def _embedded_salience(hits: list[_Hit], raw: dict[int, float]) -> dict[int, float]:
    """A trigger governed by another trigger ranks below it: 'the demand that X ease
    sanctions' -> REQUEST over CONCEDE, 'protesters demanding' -> PROTEST first."""
    by_head = {h.head.i: h for h in hits}
    out = dict(raw)
    for hit in sorted(hits, key=lambda h: _depth(h.head)):
        tok, steps = hit.head, 0
        while tok.head.i != tok.i and steps < 50:
            tok, steps = tok.head, steps + 1
            gov = by_head.get(tok.i)
            if gov is not None:
                out[id(hit)] = round(min(out[id(hit)], out[id(gov)] - 0.01), 4)
                break
    return out


def _drop_overlaps(found: Iterable[tuple[int, int, Trigger]]) -> list[tuple[int, int, Trigger]]:
    """At most one trigger per token: keep the earlier, higher-salience span."""
    kept: list[tuple[int, int, Trigger]] = []
    taken: set[int] = set()
    for start, end, trig in sorted(found, key=lambda x: (-x[2].salience, x[0])):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end, trig))
            taken.update(range(start, end))
    return sorted(kept, key=lambda x: x[0])


# --------------------------------------------------------------------------- component


class TriggerComponent:
    """spaCy component: sets doc.spans["triggers"], each span with span._.trigger."""

    def __init__(self, nlp: Language, name: str, lexicon_path: str | None, use_classifier: bool,
                 retype_modal: bool = True, classifier_max_sentences: int = 1):
        register_extensions()
        self.name = name
        self.finder = TriggerFinder(load_lexicon(lexicon_path), retype_modal)
        self.use_classifier = use_classifier
        self.classifier_max_sentences = classifier_max_sentences
        if use_classifier:  # train now, at pipeline load, not inside the first document
            from detente.nlp.classifier import get_model

            get_model()

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc)
        if self.use_classifier:
            found = found + self._classifier_triggers(doc, found)
        spans = []
        for start, end, trig in sorted(found, key=lambda x: x[0]):
            span = Span(doc, start, end, label=trig.event)
            spans.append((span, trig))
        doc.spans["triggers"] = [s for s, _ in spans]
        for span, trig in spans:
            span._.trigger = trig
        return doc

    def _classifier_triggers(self, doc: Doc, found: list[tuple[int, int, Trigger]]) -> list[tuple[int, int, Trigger]]:
        """One classifier trigger on the root verb of each sentence the lexicon left empty, in a text of
        one sentence (a headline, a coded sentence); in a report of several, a sentence with no trigger
        word is its context (quotes, descriptions, background: real pages showed these coded as events)."""
        from detente.nlp.classifier import classify_sentence

        sents = list(doc.sents)
        if len(sents) > self.classifier_max_sentences:
            return []
        reporting = set(load_attribution_lexicon().reporting_verbs)
        covered = {s for s, _, _ in found}
        out = []
        for sent in sents:
            if any(sent.start <= s < sent.end for s in covered) or self.finder.rules_out(sent):
                continue
            root = sent.root
            if root.lemma_.lower() in reporting:  # "X said (that) Y ...": the event is what was said
                root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
                if root is None:
                    continue
            if root.pos_ not in {"VERB", "NOUN", "AUX"}:
                continue
            guess = classify_sentence(sent.text)
            if guess is None:
                continue
            event, prob = guess
            out.append((root.i, root.i + 1, Trigger(event=event, cue=root.lemma_.lower(), nominal=root.pos_ == "NOUN",
                                                     salience=0.05, source="classifier",
                                                     confidence=round(min(prob, 0.99), 3))))
        return out


@Language.factory(
    "detente_triggers",
    requires=["token.dep", "token.lemma", "token.pos"],
    assigns=["doc.spans"],
    default_config={"lexicon_path": None, "use_classifier": True, "retype_modal": True,
                    "classifier_max_sentences": 1},
)
def make_triggers(nlp: Language, name: str, lexicon_path: str | None, use_classifier: bool,
                  retype_modal: bool, classifier_max_sentences: int) -> TriggerComponent:
    """Factory for the detente_triggers component (the fallback classifier codes texts of at most
    `classifier_max_sentences` sentences)."""
    return TriggerComponent(nlp, name, lexicon_path, use_classifier, retype_modal, classifier_max_sentences)


# --------------------------------------------------------------------------- selection

#: trigger types whose object holds a nominal event that is not a separate event
#: ("rejected a ceasefire": the ceasefire is what is rejected)
GOVERNING_TYPES = frozenset({"REJECT", "REQUEST", "AGREE", "CONCEDE", "SUPPORT"})
_OBJECT_DEPS = {"dobj", "pobj", "xcomp", "prep", "dative", "nsubjpass"}


def governed_nominals(spans: list[Span]) -> set[tuple[int, int]]:
    """(start, end) of nominal triggers inside the object of a governing trigger."""
    inside: set[int] = set()
    for span in spans:
        trig = span._.trigger
        if trig is None or trig.event not in GOVERNING_TYPES:
            continue
        for child in span.root.children:
            if child.dep_ in _OBJECT_DEPS:
                inside.update(t.i for t in child.subtree)
    return {(s.start, s.end) for s in spans
            if s._.trigger is not None and s._.trigger.nominal and s.root.i in inside}


def main_triggers(spans: list[Span]) -> list[Span]:
    """Trigger spans ordered by salience (highest first), governed nominals dropped."""
    drop = governed_nominals(spans)
    keep = [s for s in spans if s._.trigger is not None and (s.start, s.end) not in drop]
    return sorted(keep, key=lambda s: (-s._.trigger.salience, s.start))
