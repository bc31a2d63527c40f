"""detente_attribution: who asserts each trigger, through which outlets, with which hedges.

For every span in `doc.spans["triggers"]` the component sets
`span._.attribution: Attribution(speaker, speaker_text, cue, outlets, hedges)`.

Reporting frames are found by climbing the dependency tree from the trigger's
root token (innermost first):

- a reporting verb (data/attribution.yaml `reporting_verbs`) whose clausal
  complement holds the trigger ("Zelensky said that ...", "He added that ...",
  "..., officials told reporters") or which hangs off the trigger's clause as a
  parenthetical ("..., he said, ...").  Its subject is the speaker; a passive
  reporting verb has none ("it is believed that" is a hedge, not a speaker).
- an accusation verb ("Kyiv accused Moscow of shelling ..."): the accuser is the
  speaker of the embedded event.
- "according to X": the speaker(s) are the actors in X ("according to Kremlin
  and U.S. sources" gives two).  Outlets named inside X go to `outlets`
  ("according to an analysis by The New York Times").  An "according to" phrase
  at the start or end of a sentence applies to every trigger of the sentence
  (it is the outermost frame); elsewhere only to triggers below its head.

'insist', 'demand', 'urge', 'warn' are events (REQUEST, THREATEN), not
reporting verbs: what they introduce is their object, not a claim.

The speaker is the innermost non-outlet source; its words go to `speaker_text`
(a pronoun stays a pronoun when no actor span covers it) and the actor spans
(`doc.spans["actors"]`, from detente_actors) inside it to `speaker`.  A source
that is a news outlet ("Reuters reported", "the BBC said", "The publication
writes") or an outlet named in a frame ("told the BBC", "citing TASS") joins
`outlets`, innermost first.  Hedges (adverbs such as "reportedly", "is said
to", "appears to", "it is believed", "claimed") are collected along the same
climb.  A trigger without any frame gets an empty Attribution (the assembler
adds the article's own outlet later).

Public API: `attribute(span, lex=None, actors=None)`, `frames_for(token, lex=None,
actors=None)`, `hedges_for(root, lex=None)`, `actor_index(doc)`, `actors_in(tokens,
actors)`, `outlet_mentions(tokens, lex)`, `load_attribution_lexicon()` and
`confidence_for(attribution, modality)`, which turns hedges and modality into a
score; the factory "detente_attribution".
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import detente.nlp.extensions  # noqa: F401  (registers the extensions)
from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.nlp import DATA_DIR
from detente.nlp.extensions import ModalityCue
from detente.records import ActorRef, Attribution, Modality

ATTRIBUTION_YAML = DATA_DIR / "attribution.yaml"

# --------------------------------------------------------------------------- lexicon


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OutletEntry(_Strict):
    name: str
    aliases: list[str]


class HedgeLexicon(_Strict):
    adverbs: list[str]
    adjectives: list[str]
    passive_verbs: list[str]
    raising_verbs: list[str]
    reporting: list[str]


class AttributionLexicon(_Strict):
    """The schema of data/attribution.yaml."""

    version: int
    reporting_verbs: list[str]
    accusation_verbs: list[str]
    accusation_preps: list[str]
    claim_nouns: list[str] = []
    citing_verbs: list[str]
    according_to: list[str]
    document_nouns: list[str]
    outlet_nouns: list[str]
    analyst_nouns: list[str]
    outlets: list[OutletEntry]
    hedges: HedgeLexicon

    def alias_index(self) -> dict[str, str]:
        """Normalised alias -> canonical outlet name."""
        return {_norm_outlet(alias): o.name for o in self.outlets for alias in [o.name, *o.aliases]}


@lru_cache(maxsize=4)
def load_attribution_lexicon(path: str | Path = ATTRIBUTION_YAML) -> AttributionLexicon:
    """Read and validate data/attribution.yaml (E402 when it is broken)."""
    raw = read_yaml(path)
    try:
        return AttributionLexicon.model_validate(raw)
    except ValidationError as exc:
        raise DetenteError("E402", f"{path}: {exc}", file=str(path)) from exc


def _norm_outlet(text: str) -> str:
    """Outlet names compare without a leading 'the' and with single spaces."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------- frames

# edges from an embedded clause up to the verb that reports it
CLAUSE_EDGES = {"ccomp", "parataxis", "xcomp"}
CORE_EXCLUDE = {"appos", "relcl", "acl", "punct", "advmod", "cc"}
_OUTLET_SPAN_MAX = 6


@dataclass(frozen=True)
class Frame:
    """One source of a claim: the cue, the speaker words and the outlets it names."""

    cue: str
    verb: Token | None = None
    speaker_core: list[Token] = field(default_factory=list)
    speaker_full: list[Token] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    analyst: bool = False
    hedge: str | None = None

    @property
    def speaker_text(self) -> str | None:
        if not self.speaker_core:
            return None
        doc = self.speaker_core[0].doc
        return doc[self.speaker_core[0].i : self.speaker_core[-1].i + 1].text


def outlet_mentions(tokens: list[Token], lex: AttributionLexicon) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of outlet names among `tokens` (a contiguous run or not).

    Longest match first, no overlaps.  Matching is exact apart from a leading 'the'.
    """
    index = _alias_index(lex)
    ids = sorted({t.i for t in tokens})
    if not ids:
        return []
    doc = tokens[0].doc
    allowed = set(ids)
    found: list[tuple[int, int, str]] = []
    i_pos = 0
    while i_pos < len(ids):
        i = ids[i_pos]
        hit = None
        for n in range(_OUTLET_SPAN_MAX, 0, -1):
            j = i + n
            if j > len(doc) or not all(k in allowed for k in range(i, j)):
                continue
            name = index.get(_norm_outlet(doc[i:j].text))
            if name:
                hit = (i, j, name)
                break
        if hit:
            found.append(hit)
            while i_pos < len(ids) and ids[i_pos] < hit[1]:
                i_pos += 1
        else:
            i_pos += 1
    return found


_ALIAS_CACHE: dict[int, tuple[AttributionLexicon, dict[str, str]]] = {}


def _alias_index(lex: AttributionLexicon) -> dict[str, str]:
    """The lexicon's alias index, built once per lexicon object."""
    hit = _ALIAS_CACHE.get(id(lex))
    if hit is None or hit[0] is not lex:
        hit = (lex, lex.alias_index())
        _ALIAS_CACHE[id(lex)] = hit
    return hit[1]


def _core(head: Token) -> list[Token]:
    """The head's phrase without appositions, relative clauses and edge punctuation."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in CORE_EXCLUDE:
            drop.update(t.i for t in child.subtree)
    kept = [t for t in head.subtree if t.i not in drop]
    while kept and kept[0].is_punct:
        kept.pop(0)
    while kept and kept[-1].is_punct:
        kept.pop()
    if not kept:
        return []
    doc = head.doc
    return list(doc[kept[0].i : kept[-1].i + 1])


def _is_outlet_phrase(head: Token, core: list[Token], lex: AttributionLexicon) -> str | None:
    """The outlet a noun phrase names when the phrase *is* an outlet, else None."""
    named = outlet_mentions(core, lex)
    for start, end, name in named:
        if start <= head.i < end:
            return name
    if head.lemma_.lower() in lex.outlet_nouns or _two_word_noun(head, lex.outlet_nouns):
        # "the country's official Anadolu news agency" is Anadolu; "The publication" stays as written
        return named[0][2] if named else head.doc[core[0].i : core[-1].i + 1].text
    return None


def _two_word_noun(head: Token, nouns: list[str]) -> bool:
    """'news agency', 'think tank': a compound child plus the head."""
    for child in head.children:
        if child.dep_ == "compound" and f"{child.lower_} {head.lemma_.lower()}" in nouns:
            return True
    return False


def _subject(verb: Token) -> Token | None:
    """The nsubj of a verb, borrowed from the first conjunct when it has none."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return _subject(verb.head)  # "the office said on Friday, arguing that ...": the office argues
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _source_frame(cue: str, verb: Token | None, head: Token | None, extra: list[Token],
                  lex: AttributionLexicon) -> Frame:
    """A frame whose source is the noun phrase at `head` (subject or 'according to' object)."""
    outlets: list[str] = []
    core: list[Token] = []
    full: list[Token] = []
    analyst = False
    if head is not None:
        full = list(head.subtree)
        core = _core(head)
        if _is_dateline(core):
            core = []
        named = _is_outlet_phrase(head, core, lex) if core else None
        mentions = outlet_mentions(full, lex)
        if named:
            outlets.append(named)
            core = []
        else:
            outlets.extend(name for _, _, name in mentions)
            core = _strip_outlet_preps(head, core, mentions)
            if _is_bare_document(head, core, lex):
                core = []
        lemma = head.lemma_.lower()
        analyst = lemma in lex.analyst_nouns or _two_word_noun(head, lex.analyst_nouns)
    for tok in extra:
        outlets.extend(name for _, _, name in outlet_mentions(list(tok.subtree), lex))
    return Frame(cue=cue, verb=verb, speaker_core=core, speaker_full=full,
                 outlets=_dedupe(outlets), analyst=analyst)


def _is_dateline(core: list[Token]) -> bool:
    """'KABUL --' or 'THE HAGUE,' opening a sentence: a place line, not a speaker."""
    if not core or core[0].i != core[0].sent.start:
        return False
    if not all(t.is_upper and t.is_alpha for t in core):
        return False
    doc = core[0].doc
    nxt = doc[core[-1].i + 1] if core[-1].i + 1 < len(doc) else None
    return len(core) >= 2 or (nxt is not None and nxt.text in ("--", "—", "-", "–"))


def _strip_outlet_preps(head: Token, core: list[Token],
                        mentions: list[tuple[int, int, str]]) -> list[Token]:
    """Drop 'by The New York Times' from 'an analysis by The New York Times'."""
    if not mentions:
        return core
    drop: set[int] = set()
    for child in head.children:
        sub = {t.i for t in child.subtree}
        if child.dep_ in ("prep", "agent") and any(s in sub for s, _, _ in mentions):
            drop |= sub
    for s, e, _ in mentions:
        drop.update(range(s, e))
    kept = [t for t in core if t.i not in drop]
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    return kept


def _is_bare_document(head: Token, core: list[Token], lex: AttributionLexicon) -> bool:
    """'an analysis', 'the report': a document with no author named in the phrase."""
    if head.lemma_.lower() not in lex.document_nouns and head.lower_ not in lex.document_nouns:
        return False
    return all(t.i == head.i or t.dep_ in ("det", "amod", "punct", "nummod") and t.pos_ != "PROPN"
               for t in core)


def _verb_frame(verb: Token, came_from: Token | None, lex: AttributionLexicon) -> Frame:
    """The frame of a reporting or accusation verb; the embedded clause is left out."""
    subj = None if _is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children) else _subject(verb)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) > 1:
        # "The state news agency Xinhua said": two subjects, prefer the named outlet
        named = [c for c in subjects if outlet_mentions(list(c.subtree), lex)]
        subj = named[0] if named else subjects[-1]
    extra = [c for c in verb.children
             if (came_from is None or c.i != came_from.i) and c.dep_ in ("dative", "dobj", "prep", "advcl", "npadvmod")
             and c.dep_ != "ccomp"]
    frame = _source_frame(verb.lower_, verb, subj, extra, lex)
    cited = _cited(verb, came_from, lex)
    if cited is not None and (not frame.speaker_core or frame.outlets):
        outlets = _dedupe([*cited.outlets, *frame.outlets])
        frame = Frame(cue=frame.cue, verb=verb, speaker_core=cited.speaker_core,
                      speaker_full=cited.speaker_full, outlets=outlets, analyst=cited.analyst)
    hedge = verb.lower_ if verb.lemma_.lower() in lex.hedges.reporting else None
    return Frame(cue=frame.cue, verb=verb, speaker_core=frame.speaker_core,
                 speaker_full=frame.speaker_full, outlets=frame.outlets,
                 analyst=frame.analyst, hedge=hedge)


def _cited(verb: Token, came_from: Token | None, lex: AttributionLexicon) -> Frame | None:
    """'Reuters reported, citing two officials, ...': the cited source."""
    for child in verb.children:
        if (came_from is not None and child.i == came_from.i) or child.lemma_.lower() not in lex.citing_verbs:
            continue
        for obj in child.children:
            if obj.dep_ == "dobj":
                return _source_frame(child.lower_, child, obj, [], lex)
    return None


def _according_objects(doc_or_sent: Span | Doc, lex: AttributionLexicon) -> list[Token]:
    """The 'according' tokens of "according to X" phrases."""
    firsts = {p.split()[0] for p in lex.according_to}
    return [t for t in doc_or_sent if t.lower_ in firsts and t.i + 1 < len(t.doc)
            and any(f"{t.lower_} {t.doc[t.i + 1].lower_}" == p for p in lex.according_to)]


def _according_frame(acc: Token, lex: AttributionLexicon) -> Frame | None:
    nxt = acc.doc[acc.i + 1]
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in acc.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return _source_frame(f"{acc.lower_} {nxt.lower_}", None, pobj, [], lex)


def _sentence_level(acc: Token) -> bool:
    """An 'according to' phrase that opens or closes its sentence."""
    sent = acc.sent
    ids = [t.i for t in acc.subtree] + [acc.i + 1]
    start, end = min(ids), max(ids)
    before = [t for t in sent if t.i < start and not t.is_punct]
    after = [t for t in sent if t.i > end and not t.is_punct]
    return not before or not after


def _accused_of(chain: list[Token], lex: AttributionLexicon) -> bool:
    """The chain reached an accusation verb through 'of'/'for' (on the verb or its object)."""
    prev = chain[-2]
    if prev.dep_ == "prep" and prev.lower_ in lex.accusation_preps:
        return True
    return (len(chain) >= 3 and prev.dep_ == "dobj" and chain[-3].dep_ == "prep"
            and chain[-3].lower_ in lex.accusation_preps)


def _quoted_as_saying(verb: Token, lex: AttributionLexicon) -> Frame | None:
    """'Interfax quoted the governor as saying that ...': speaker the governor, outlet Interfax."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.head.i == verb.head.i:
        return None
    quoting = verb.head.head
    if quoting.lemma_.lower() not in lex.citing_verbs:
        return None
    obj = next((c for c in quoting.children if c.dep_ == "dobj"), None)
    subj = _subject(quoting)
    return _source_frame(f"{quoting.lower_} as {verb.lower_}", quoting, obj,
                         [subj] if subj is not None else [], lex)


def _self_accusation(verb: Token, actors: ActorIndex) -> bool:
    """Accuser and accused are one party by the actor spans: a misread subject
    ("X said that Putin rejected ... and accused Russia of ...")."""
    subj = _subject(verb)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or obj is None:
        return False
    accuser = {a.code for a in actors_in(list(subj.subtree), actors)}
    accused = {a.code for a in actors_in([obj, *[c for c in obj.children if c.dep_ == "compound"]], actors)}
    return bool(accuser & accused)


def _calls_it(clause: Token, lex: AttributionLexicon) -> bool:
    """", which is a clear violation of the truce": a clause that judges what the speaker described
    is the speaker's charge, not the writer's aside."""
    return clause.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in lex.claim_nouns
                                         for c in clause.children)


def frames_for(token: Token, lex: AttributionLexicon | None = None,
               actors: ActorIndex | None = None) -> list[Frame]:
    """Every reporting frame governing `token`, innermost first, sentence-level ones last."""
    lex = lex or load_attribution_lexicon()
    actors = actor_index(token.doc) if actors is None else actors
    report = set(lex.reporting_verbs)
    accuse = set(lex.accusation_verbs)
    frames: list[Frame] = []
    chain: list[Token] = [token]
    prev, cur = token, token
    while cur.head.i != cur.i:
        if (cur.dep_ == "relcl" and cur.left_edge.i > 0 and cur.doc[cur.left_edge.i - 1].text == ","
                and not _calls_it(cur, lex)):
            break  # ", which has seen unrest": the writer's aside, not the speaker's claim
        prev, cur = cur, cur.head
        chain.append(cur)
        lemma = cur.lemma_.lower()
        quoting = _quoted_as_saying(cur, lex)
        if lemma in report and prev.dep_ in CLAUSE_EDGES and quoting is not None:
            frames.append(quoting)
        elif lemma in report and prev.dep_ in CLAUSE_EDGES and not (prev.dep_ == "xcomp" and _is_passive(cur)):
            frames.append(_verb_frame(cur, prev, lex))
        elif lemma in accuse and _accused_of(chain, lex) and not _self_accusation(cur, actors):
            frames.append(_verb_frame(cur, prev, lex))
        elif (lemma in lex.citing_verbs and prev.dep_ == "ccomp" and cur.head.i != cur.i
              and cur.head.lemma_.lower() in report):
            # "Reuters reported, citing two officials, that ...": parsed under 'citing'
            frames.append(_verb_frame(cur.head, None, lex))
    on_chain = {t.i for t in chain}
    # parentheticals hanging off the chain: "Russia, he said, attacked ..."
    for tok in chain:
        for child in tok.children:
            if _is_parenthetical(child, report):
                frames.append(_verb_frame(child, None, lex))
    sent_level: list[Frame] = []
    for acc in _according_objects(token.sent, lex):
        frame = _according_frame(acc, lex)
        if frame is None:
            continue
        if _sentence_level(acc) or _opens_clause(acc, token):
            sent_level.append(frame)
        elif acc.head.i in on_chain:
            frames.append(frame)
    return frames + sent_level


def _is_parenthetical(verb: Token, report: set[str]) -> bool:
    """'..., he said, ...' or 'as he said': a bare reporting verb hanging off a clause.

    Not 'although X did not mention Y': an object, a negation or another
    subordinator makes it a clause of its own.
    """
    if verb.lemma_.lower() not in report:
        return False
    if verb.dep_ == "conj" and not _trailing_report(verb):
        return False
    if verb.dep_ not in ("parataxis", "advcl", "conj"):
        return False
    for child in verb.children:
        if child.dep_ in ("ccomp", "dobj", "neg", "xcomp"):
            return False
        if child.dep_ == "mark" and child.lower_ != "as":
            return False
    return True


def _trailing_report(verb: Token) -> bool:
    """'X signed a deal on Thursday, Saudi Arabia and the US announced on Friday.': a reporting
    clause parsed as a conjunct, after a comma, with a subject and no conjunction, closing the sentence."""
    sent = verb.sent
    left = next(t.i for t in verb.subtree if not t.is_punct)
    if verb.i < verb.head.i or left == 0 or verb.doc[left - 1].text != ",":
        return False
    if any(c.dep_ == "cc" for c in verb.children) or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return all(t.is_punct for t in verb.doc[verb.right_edge.i + 1:sent.end])


def _opens_clause(acc: Token, token: Token) -> bool:
    """'According to X, <clause>': the phrase, closed by a comma, scopes over what follows."""
    doc = acc.doc
    end = max(t.i for t in acc.subtree)
    if end + 1 >= len(doc) or doc[end + 1].text != ",":
        return False
    return token.i > end


# --------------------------------------------------------------------------- hedges


def hedges_for(root: Token, lex: AttributionLexicon | None = None) -> list[str]:
    """Hedge words governing `root`: adverbs, 'is said to', 'appears to', 'claimed', ..."""
    lex = lex or load_attribution_lexicon()
    h = lex.hedges
    found: list[str] = []
    for child in root.children:
        if child.dep_ == "amod" and child.lower_ in h.adjectives:
            found.append(child.lower_)
    prev, cur = None, root
    while True:
        via_conj = prev is not None and prev.dep_ == "conj"
        if not via_conj:
            found.extend(c.lower_ for c in cur.children if c.dep_ == "advmod" and c.lower_ in h.adverbs)
        if prev is not None:
            lemma = cur.lemma_.lower()
            if cur.lower_ in h.adverbs or cur.lower_ in h.adjectives and prev.dep_ == "xcomp":
                found.append(cur.lower_)
            if lemma in h.passive_verbs and _is_passive(cur) and prev.dep_ in ("ccomp", "xcomp"):
                it = any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in cur.children)
                found.append(f"it is {cur.lower_}" if it else f"is {cur.lower_} to")
            if lemma in h.raising_verbs and prev.dep_ == "xcomp":
                found.append(f"{lemma}s to")
            if lemma in h.reporting and prev.dep_ in CLAUSE_EDGES:
                found.append(cur.lower_)
        if cur.head.i == cur.i:
            break
        prev, cur = cur, cur.head
    return _dedupe(found)


# --------------------------------------------------------------------------- attribution


ActorIndex = list[tuple[int, int, ActorRef]]


def actor_index(doc: Doc) -> ActorIndex:
    """(start, end, ActorRef) of every actor span (detente_actors), in text order.

    Components build it once per Doc and pass it down; reading span groups is the
    slow part of these lookups."""
    if "actors" not in doc.spans:
        return []
    found = [(s.start, s.end, s._.actor) for s in doc.spans["actors"]]
    return sorted(((a, b, r) for a, b, r in found if r is not None), key=lambda x: (x[0], x[1]))


def actors_in(tokens: list[Token], actors: ActorIndex) -> list[ActorRef]:
    """The ActorRefs of actor spans overlapping `tokens`, in text order, without repeats."""
    if not tokens or not actors:
        return []
    ids = {t.i for t in tokens}
    lo, hi = min(ids), max(ids)
    refs: list[ActorRef] = []
    for start, end, ref in actors:
        if end <= lo or start > hi:
            continue
        if any(i in ids for i in range(start, end)) and ref not in refs:
            refs.append(ref)
    return refs


def attribute(span: Span, lex: AttributionLexicon | None = None,
              actors: ActorIndex | None = None) -> Attribution:
    """The Attribution of one trigger span (empty when nothing reports it)."""
    lex = lex or load_attribution_lexicon()
    actors = actor_index(span.doc) if actors is None else actors
    root = span.root
    frames = frames_for(root, lex, actors)
    hedges = hedges_for(root, lex)
    hedges += [f.hedge for f in frames if f.hedge and f.hedge not in hedges]
    outlets: list[str] = []
    speaker: list[ActorRef] = []
    speaker_text: str | None = None
    cue: str | None = None
    for frame in frames:
        outlets.extend(o for o in frame.outlets if o not in outlets)
        if speaker_text is None and frame.speaker_core:
            speaker_text = frame.speaker_text
            speaker = actors_in(frame.speaker_core, actors) or actors_in(_without_clauses(frame), actors)
            cue = frame.cue
    if cue is None and outlets:
        cue = next(f.cue for f in frames if f.outlets)
    return Attribution(speaker=speaker, speaker_text=speaker_text, cue=cue,
                       outlets=outlets, hedges=hedges)


# --------------------------------------------------------------------------- confidence

HEDGE_FACTOR = 0.7
CONFIDENCE_FLOOR = 0.3
MODALITY_FACTOR = {Modality.hypothetical: 0.6, Modality.predicted: 0.8}


def _without_clauses(frame: Frame) -> list[Token]:
    """The speaker's full phrase less its relative clauses: in "a rebel coalition that has been
    fighting the government said", the government is not who speaks."""
    core = {t.i for t in frame.speaker_core}
    out = []
    for t in frame.speaker_full:
        cur, inside = t, False
        while cur.i not in core and cur.head.i != cur.i:  # up to the phrase's core
            inside = inside or cur.dep_ in ("relcl", "acl")
            cur = cur.head
        if not inside:
            out.append(t)
    return out


def confidence_for(attribution: Attribution, modality: ModalityCue) -> float:
    """How sure the record is that the claim stands as coded, in [0.3, 1.0].

    1.0, times 0.7 for each hedge ("reportedly", "is said to", ...), times 0.6
    for a hypothetical and 0.8 for a predicted event (the event has not
    happened and may not); never below 0.3, so a heavily hedged record still
    ranks above noise the trigger classifier already filtered out.
    """
    value = 1.0 * HEDGE_FACTOR ** len(attribution.hedges)
    value *= MODALITY_FACTOR.get(modality.value, 1.0)
    return round(max(CONFIDENCE_FLOOR, min(1.0, value)), 4)


# --------------------------------------------------------------------------- component


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


class AttributionComponent:
    """Sets span._.attribution on every trigger span."""

    def __init__(self, lexicon: AttributionLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        if "triggers" not in doc.spans:
            return doc
        spans = list(doc.spans["triggers"])
        actors = actor_index(doc)
        results = [attribute(span, self.lexicon, actors) for span in spans]
        regions = quote_regions(doc.text)
        results = [_quoted_speaker(span, value, regions, self.lexicon, actors) for span, value in zip(spans, results)]
        for span, value in zip(spans, results):
            span._.attribution = value
        return doc


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each quotation in curly quotes ("\u201c ... \u201d"), or in
    straight double quotes within one paragraph."""
    regions = [(m.start(), m.end()) for m in re.finditer("\u201c[^\u201c\u201d]*\u201d", text)]
    for para in re.finditer(r"[^\n]+", text):
        regions += [(para.start() + m.start(), para.start() + m.end())
                    for m in re.finditer(r'"[^"]*"', para.group(0))]
    return regions


def _quoted_speaker(span: Span, value: Attribution, regions: list[tuple[int, int]], lex: AttributionLexicon,
                    actors: ActorIndex) -> Attribution:
    """A trigger inside a quotation that runs over more than one sentence, with no speaker of its own,
    is spoken by whoever the quotation's own sentences name ('"... We call on Turkey to withdraw.
    It is time," the LNA spokesman said.')."""
    if value.speaker or value.speaker_text:
        return value
    at = span.start_char
    region = next(((a, b) for a, b in regions if a < at < b), None)
    if region is None:
        return value
    quoted = span.doc.char_span(region[0], region[1], alignment_mode="expand")
    for sent in (quoted.sents if quoted is not None else ()):
        if sent.start == span.sent.start:
            continue
        inside = [t for t in sent if region[0] < t.idx < region[1] and not t.is_punct and not t.is_space]
        for frame in frames_for(inside[-1], lex, actors) if inside else []:
            if frame.speaker_core:
                speaker = actors_in(frame.speaker_core, actors) or actors_in(_without_clauses(frame), actors)
                return value.model_copy(update={"speaker": speaker, "speaker_text": frame.speaker_text,
                                                "cue": frame.cue})
    return value


@Language.factory(
    "detente_attribution",
    requires=["doc.spans", "span._.trigger"],
    assigns=["span._.attribution"],
)
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    """spaCy factory for detente_attribution."""
    return AttributionComponent(load_attribution_lexicon())
