"""detente_modality: is each trigger asserted, negated, refused, proposed, ... ?

For every span in `doc.spans["triggers"]` the component sets
`span._.modality: ModalityCue(value, cue, condition)`.  Cue words live in
data/modality.yaml.

Scope.  A cue governs a trigger when it sits on the trigger's dependency path
(the head chain from the trigger's root token up to its clause root) or is an
aux/neg child of a token on it.  The climb follows complement edges only
(`scope.climb_deps`: xcomp, ccomp, dobj, pobj, prep through "for/to/of/on...",
acl, nsubjpass, conj, ...); an adverbial or relative clause, a subject, a
temporal preposition ("after the attack"), or a verb that undoes its object
("refuses to lift the ban": the ban stands) ends it, so "refused talks after the
attack" does not make the attack refused.  The trigger's own word is never a
cue for itself: "rejected a ceasefire" leaves REJECT asserted, while the
ceasefire below it is refused.  Climbing through `conj` keeps the shared
auxiliaries ("will not attack or invade") but not the conjunct's verb.
Climbing into a reporting verb ("said that ...", data/attribution.yaml) stops
there; only 'deny' on it counts (negated).  A nominal trigger also takes cues
from its own modifiers: "a truce proposed by Turkey", "the planned offensive".

Values and their cues:
- negated: `neg` not/never on the path, "no" on the trigger or its subject/object,
  fail/deny above it.
- refused: refuse/decline/reject/rule out above the trigger, or a neg with a
  future auxiliary or 'can' ("will not recognise", "won't", "cannot accept").
- proposed / promised / intended: propose/offer/suggest, pledge/vow/promise/
  agree ("agreed to swap": committed, not yet done), plan/intend/ready/willing/
  readiness above the trigger.
- future auxiliaries (will, shall, 'going to'; and 'would' backshifted under a
  past-tense reporting verb: "Russia said it would release"): intended when a
  party announces its own act (the speaker is not an outlet or analyst, and the
  subject is a pronoun, the speaker, or shares an actor code with the speaker);
  otherwise predicted ("Talks will resume on Friday", "analysts said Russia will").
- predicted: expect/likely/set/due above the trigger. A noun trigger that is its
  verb's subject takes that verb's time: "the truce will expire", "is due to
  expire", "is to take effect" (predicted), "could collapse" (hypothetical).
- intended also: hope over the subject's own infinitive ("hoped to extend"), not
  over another clause ("hoped the pause could be stretched").
- hypothetical: would/could/might/may with no stated condition; a trigger inside
  an if-clause is hypothetical too ("if Russia attacks, ...").
- conditional, with the condition text: an advcl opened by if/unless/provided/
  only if/as long as, "provided that", prep phrases "on condition that",
  "in case of", "in the event of", anchored on the path or on a relative clause
  of a path noun ("a truce that would hold while ..."); "while X does the same"
  only when the clause it modifies is future or modal.  For REQUEST/THREATEN a
  condition inside their complement is theirs ("insisted that peace was possible
  only if aid stopped"); for AGREE one inside its nominal object.  When the
  parser hangs "only if" on a noun, the condition runs to the end of the clause
  and belongs to the words before it.
- historical: the trigger is the object of "since" ("since the annexation"), a
  marker (ago, previously), or a year on the trigger or its path earlier than the
  publication year (`doc._.published`; without it, the latest year the article
  mentions).

Polarity already in the event type.  detente_triggers retypes a negated
cooperative verb as REJECT (cue "not recognise") and a promised one as AGREE or
THREATEN (cue "will withdraw"); the negation or future words on the trigger (or
its governing fail/ready) are then the event itself, not its modality: "Kyiv
will not recognise the vote" is an asserted REJECT.

Public API: `modality_of(span, lex=None, attribution_lex=None, context=None)`
(the component passes a `DocContext` built once per Doc), `load_modality_lexicon()`,
the factory "detente_modality".

Precedence, highest first (the first rank present wins, ties go to the cue
nearest the trigger): conditional > refused > negated > proposed > promised >
intended > predicted > hypothetical > historical > asserted.  A condition is
kept even on a refusal ("will not negotiate unless the troops leave"): it says
when the event would happen, which is the more useful fact; a refusal is a
negation with intent, so it outranks a bare negation; "did not propose" is a
negation of a proposal; promised > intended because a pledge binds more than a
plan; a forecast outranks a bare modal; 'historical' is only a time tag on an
otherwise asserted event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import detente.nlp.extensions  # noqa: F401  (registers the extensions)
from detente.datafiles import read_yaml
from detente.errors import DetenteError
from detente.nlp import DATA_DIR
from detente.nlp.attribution import (
    AttributionLexicon,
    Frame,
    ActorIndex,
    actor_index,
    actors_in,
    frames_for,
    load_attribution_lexicon,
)
from detente.nlp.extensions import ModalityCue, Trigger
from detente.nlp.dates import names_a_thing
from detente.nlp.words import base_of
from detente.records import Modality

MODALITY_YAML = DATA_DIR / "modality.yaml"

# --------------------------------------------------------------------------- lexicon


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NegatedCues(_Strict):
    neg_words: list[str]
    determiners: list[str]
    verbs: list[str]
    preps: list[str] = []


class RefusedCues(_Strict):
    verbs: list[str]
    future_neg_aux: list[str]
    transparent_nouns: list[str]


class WordCues(_Strict):
    verbs: list[str] = []
    nouns: list[str] = []
    adjectives: list[str] = []
    adjective_edges: list[str] = []
    own_act_verbs: list[str] = []
    attempts: list[str] = []
    attempt_types: list[str] = []

    def lemmas(self) -> set[str]:
        return {w.lower() for w in [*self.verbs, *self.nouns, *self.adjectives, *self.own_act_verbs, *self.attempts]}

    def entries_for(self, edge: str, event: str | None = None) -> set[str]:
        """Verbs and nouns count through any edge; adjectives only through
        `adjective_edges` ("is due to arrive", not "died due to torture"); `own_act_verbs`
        only through xcomp ("hoped to persuade", not "hoped the pause could be stretched");
        `attempts` only over events of `attempt_types` ("tried to sign", not "tried to strike")."""
        words = {w.lower() for w in [*self.verbs, *self.nouns]}
        if event in self.attempt_types:
            words |= {w.lower() for w in self.attempts}
        if edge in self.adjective_edges:
            words |= {w.lower() for w in self.adjectives}
        if edge == "xcomp":
            words |= {w.lower() for w in self.own_act_verbs}
        return words


class HypotheticalCues(_Strict):
    aux: list[str]


class ConditionalCues(_Strict):
    marks: list[str]
    negated_marks: list[str]
    participles: list[str]
    prep_nouns: dict[str, list[str]]
    while_marks: list[str]
    # "if the claims are accurate": a condition on what is known, not on what a side does
    epistemic: list[str] = []


class HistoricalCues(_Strict):
    markers: list[str]
    phrase_markers: list[str]
    since_preps: list[str]
    elapsed_preps: list[str]
    elapsed_nouns: list[str]
    min_year: int
    max_year: int


class ScopeRules(_Strict):
    climb_deps: list[str]
    reversal_verbs: list[str]
    climb_preps: list[str]
    complement_condition_events: dict[str, list[str]]


class ModalityLexicon(_Strict):
    """The schema of data/modality.yaml."""

    version: int
    negated: NegatedCues
    refused: RefusedCues
    proposed: WordCues
    promised: WordCues
    intended: WordCues
    future_aux: list[str]
    predicted: WordCues
    hypothetical: HypotheticalCues
    conditional: ConditionalCues
    historical: HistoricalCues
    scope: ScopeRules


@lru_cache(maxsize=4)
def load_modality_lexicon(path: str | Path = MODALITY_YAML) -> ModalityLexicon:
    """Read and validate data/modality.yaml (E402 when it is broken)."""
    raw = read_yaml(path)
    try:
        return ModalityLexicon.model_validate(raw)
    except ValidationError as exc:
        raise DetenteError("E402", f"{path}: {exc}", file=str(path)) from exc


# --------------------------------------------------------------------------- scope

RANK = [
    Modality.conditional, Modality.refused, Modality.negated, Modality.proposed,
    Modality.promised, Modality.intended, Modality.predicted, Modality.hypothetical,
    Modality.historical,
]
_FUTURE = "future"  # resolved to intended or predicted once the speaker is known
#: cues that make a "while X does the same" clause a condition
FUTURE_LIKE = {_FUTURE, Modality.intended, Modality.promised, Modality.proposed,
               Modality.hypothetical, Modality.predicted}
PRONOUNS = {"it", "we", "i", "he", "she", "they", "its", "our"}
_YEAR = re.compile(r"^(1[89]|20|21)\d\d$")


@dataclass(frozen=True)
class Step:
    """One token on a trigger's path and what may count on it."""

    token: Token
    lemma_ok: bool   # its own word can be a cue (not for the trigger, nor a conjunct head)
    aux_ok: bool     # its aux/neg children count (not for a reporting verb)
    edge: str = ""   # the dependency label it was reached through


@dataclass(frozen=True)
class Candidate:
    value: Modality | str
    cue: str
    order: int
    condition: str | None = None


def path_of(root: Token, lex: ModalityLexicon, report_verbs: set[str]) -> tuple[list[Step], Token | None]:
    """The trigger's path, and the edge token where the climb left through an advcl (or None)."""
    steps = [Step(root, lemma_ok=False, aux_ok=True)]
    climb = set(lex.scope.climb_deps)
    preps = {p.lower() for p in lex.scope.climb_preps}
    reversal = {v.lower() for v in lex.scope.reversal_verbs}
    cur = root
    while cur.head.i != cur.i:
        edge = cur.dep_
        if edge == "advcl":
            return steps, cur
        if edge == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            edge = "acl"  # "took the first steps to sign a truce": an infinitive on a noun, parsed as relative
        if edge not in climb or (edge == "prep" and cur.lower_ not in preps):
            break
        if edge == "acl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            break  # "a truce proposed by X": the participle is its own event
        head = cur.head
        if edge == "dobj" and head.lemma_.lower() in reversal:
            break  # "refuses to lift the ban": the ban stands
        if head.lemma_.lower() in report_verbs and edge in ("ccomp", "parataxis"):
            steps.append(Step(head, lemma_ok=True, aux_ok=False, edge=edge))
            break
        steps.append(Step(head, lemma_ok=edge != "conj", aux_ok=True, edge=edge))
        cur = head
    return steps, None


def _phrase_lemma(tok: Token, entries: set[str]) -> str | None:
    """The lexicon entry a token matches: its lemma, or lemma + particle ('rule out')."""
    lemma = tok.lemma_.lower()
    if lemma in entries or tok.lower_ in entries:
        return lemma
    base = base_of(tok.lower_, entries)
    if base is not None:  # the lemmatizer slipped: "hoped" -> "hop"
        return base
    for child in tok.children:
        if child.dep_ == "prt" and f"{lemma} {child.lower_}" in entries:
            return f"{lemma} {child.lower_}"
    return None


def _cue_text(tok: Token, entry: str) -> str:
    """The words as written: 'refused', 'ruled out'."""
    if " " in entry:
        prt = next(c for c in tok.children if c.dep_ == "prt")
        return f"{tok.lower_} {prt.lower_}"
    return tok.lower_


# --------------------------------------------------------------------------- candidates


def _word_candidates(steps: list[Step], root: Token, lex: ModalityLexicon, event: str | None = None) -> list[Candidate]:
    """Lemma cues on the path (and on a nominal trigger's own modifiers)."""
    plain = {
        Modality.refused: WordCues(verbs=lex.refused.verbs),
        Modality.negated: WordCues(verbs=lex.negated.verbs),
    }
    tables: list[tuple[Modality, WordCues]] = [
        (Modality.refused, plain[Modality.refused]),
        (Modality.negated, plain[Modality.negated]),
        (Modality.proposed, lex.proposed),
        (Modality.promised, lex.promised),
        (Modality.intended, lex.intended),
        (Modality.predicted, lex.predicted),
    ]
    # "rejected the request": the request was made; only its content is refused
    transparent = root.lemma_.lower() in {n.lower() for n in lex.refused.transparent_nouns}
    found: list[Candidate] = []
    tokens = [(n, s.token, s.edge) for n, s in enumerate(steps) if s.lemma_ok]
    if root.pos_ in ("NOUN", "PROPN"):
        # "a truce proposed by X", "the planned offensive"; not "refusal to commit" (its content)
        tokens += [(0, c, c.dep_) for c in root.children if c.dep_ in ("acl", "amod", "relcl")
                   and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    for order, tok, edge in tokens:
        for value, cues in tables:
            if value == Modality.refused and transparent:
                continue
            entry = _phrase_lemma(tok, cues.entries_for(edge, event))
            if entry:
                found.append(Candidate(value, _cue_text(tok, entry), order))
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            found.append(Candidate(_FUTURE, "going to", order))
    return found


def _subject_candidates(root: Token, lex: ModalityLexicon, backshift: bool) -> list[Candidate]:
    """A noun trigger that is its verb's subject happens when its verb says: "the truce will
    expire", "is due to expire", "talks are expected to resume" (predicted), "the truce could
    collapse" (hypothetical). Only the verb's time and likelihood count: "the strike did not
    kill anyone" or "the offensive failed" still report a strike and an offensive.  A noun
    predicated by "be" takes its time too ("any presence would be a breach": hypothetical)."""
    if root.pos_ not in ("NOUN", "PROPN") or root.head.i == root.i:
        return []
    if root.dep_ not in ("nsubj", "nsubjpass") and not (root.dep_ == "attr" and root.head.lemma_ == "be"):
        return []
    verb = root.head
    future = {w.lower() for w in lex.future_aux}
    modal = {w.lower() for w in lex.hypothetical.aux}
    for aux in (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"):
        if aux.lower_ in future or (aux.lower_ in ("would", "'d") and backshift):
            return [Candidate(Modality.predicted, aux.lower_, 1)]
        if aux.lower_ in modal:
            return [Candidate(Modality.hypothetical, aux.lower_, 1)]
    predicted = {w.lower() for w in [*lex.predicted.verbs, *lex.predicted.adjectives]}
    heads = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
    cue = next((t for t in heads if t.lemma_.lower() in predicted), None)
    if cue is None and verb.lemma_ == "be" and any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children):
        cue = verb  # "the truce is to take effect on Monday"
    return [Candidate(Modality.predicted, cue.lower_, 1)] if cue is not None else []


def _aux_candidates(steps: list[Step], root: Token, lex: ModalityLexicon,
                    backshift: bool) -> list[Candidate]:
    """Negations and auxiliaries attached to the path."""
    neg_words = {w.lower() for w in lex.negated.neg_words}
    dets = {w.lower() for w in lex.negated.determiners}
    neg_preps = {w.lower() for w in lex.negated.preps}
    refuse_aux = {w.lower() for w in lex.refused.future_neg_aux}
    future = {w.lower() for w in lex.future_aux}
    modal = {w.lower() for w in lex.hypothetical.aux}
    found: list[Candidate] = []
    for order, step in enumerate(steps):
        if not step.aux_ok:
            continue
        tok = step.token
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
        negs = [c for c in tok.children if c.dep_ == "neg" and c.lower_ in neg_words]
        if negs:
            fut = [a for a in auxes if a.lower_ in refuse_aux]
            if fut:
                found.append(Candidate(Modality.refused, f"{fut[0].lower_} {negs[0].lower_}", order))
            else:
                found.append(Candidate(Modality.negated, negs[0].lower_, order))
        if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in neg_preps and all(
                st.edge in ("", "xcomp", "dobj") for st in steps[:order + 1]):
            # "left without signing", "without agreeing to extend it"; not "without saying how many were freed"
            found.append(Candidate(Modality.negated, tok.head.lower_, order))
        det_hosts = [tok]
        if tok.i == root.i and tok.pos_ in ("VERB", "AUX"):
            det_hosts += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        for host in det_hosts:
            for det in host.children:
                if det.dep_ in ("det", "preconj") and det.lower_ in dets:
                    found.append(Candidate(Modality.negated, det.lower_, order))
        for aux in auxes:
            if negs and aux.lower_ in refuse_aux:
                continue  # "will not": part of the refusal above
            if aux.lower_ in future:
                found.append(Candidate(_FUTURE, aux.lower_, order))
            elif aux.lower_ in ("would", "'d") and backshift:
                found.append(Candidate(_FUTURE, aux.lower_, order))
            elif aux.lower_ in modal:
                found.append(Candidate(Modality.hypothetical, aux.lower_, order))
    return found


@dataclass(frozen=True)
class Condition:
    """A condition phrase: the token it attaches to, its cue and its words."""

    attach: Token
    cue: str
    text: str
    is_while: bool = False
    needs_negation: bool = False   # "will not talk until ...": a condition only after a negation


def _match_mark(mark: Token, marks: list[list[str]], sent: Span) -> tuple[int, str] | None:
    """(start, cue) when the words ending at `mark` are a conditional subordinator."""
    doc = sent.doc
    for words in marks:
        s = mark.i - len(words) + 1
        if s >= sent.start and [t.lower_ for t in doc[s : mark.i + 1]] == words:
            return s, " ".join(words)
    return None


def _clause_end(doc: Doc, start: int, sent: Span) -> int:
    """The last token before the next ';', ':' or the end of the sentence."""
    return next((t.i - 1 for t in doc[start + 1 : sent.end] if t.text in (";", ":")), sent.end - 1)


def _before(doc: Doc, i: int, sent: Span) -> Token | None:
    """The nearest non-punctuation token before position i in the sentence."""
    for j in range(i - 1, sent.start - 1, -1):
        if not doc[j].is_punct and not doc[j].is_space:
            return doc[j]
    return None


def _condition_phrases(sent: Span, lex: ModalityLexicon) -> list[Condition]:
    """Every condition phrase in a sentence."""
    c = lex.conditional
    marks = sorted((m.lower().split() for m in c.marks), key=len, reverse=True)
    out: list[Condition] = []
    doc = sent.doc
    for tok in sent:
        start = end = None
        attach: Token | None = None
        cue = ""
        is_while = False
        if tok.dep_ == "mark" and tok.head.dep_ == "advcl" or (
                tok.dep_ == "advmod" and tok.head.dep_ == "advcl" and tok.i > sent.start
                and doc[tok.i - 1].lower_ == "only"):  # "only when Armenia gives a timetable": the wh-word is advmod
            clause = tok.head
            hit = _match_mark(tok, marks, sent)
            if hit:
                start, cue = hit
                end, attach = clause.right_edge.i, clause.head
                if cue.split()[0] in ("as", "so") and clause.head.lower_ == "long":
                    attach = clause.head.head
            elif tok.lower_ in c.while_marks and clause.tag_ in ("VBZ", "VBP"):
                start, end, attach, cue, is_while = tok.i, clause.right_edge.i, clause.head, tok.lower_, True
            elif tok.lower_ in c.negated_marks:
                start, end, attach, cue = tok.i, clause.right_edge.i, clause.head, tok.lower_
        elif tok.dep_ == "mark" and tok.lower_ in marks_first(marks):
            # a misparsed clause ("only if" hung on a noun): the condition runs to the
            # end of the clause and belongs to what precedes it
            hit = _match_mark(tok, marks, sent)
            if hit:
                start, cue = hit
                end, attach = _clause_end(doc, start, sent), _before(doc, start, sent)
        elif (tok.lower_ in c.participles and tok.dep_ in ("acl", "advcl", "prep", "conj", "mark")
              and not any(ch.dep_ in ("dobj", "dative", "aux", "auxpass", "nsubj") for ch in tok.children)):
            # "provided that ..."; not the verb in "(has) provided $400 million"
            if any(ch.dep_ in ("ccomp", "advcl") for ch in tok.children):
                start, end, attach, cue = tok.i, tok.right_edge.i, tok.head, tok.lower_
            elif not list(tok.children) and tok.i + 1 < sent.end:
                # "provided the army stops": the clause is parsed apart
                start, end, attach, cue = tok.i, _clause_end(doc, tok.i, sent), tok.head, tok.lower_
        elif tok.dep_ == "prep" and tok.lower_ in c.prep_nouns:
            pobj = next((ch for ch in tok.children if ch.dep_ == "pobj"), None)
            if (pobj is not None and pobj.lemma_.lower() in c.prep_nouns[tok.lower_]
                    and not any(d.dep_ == "det" and d.lower_ in ("that", "this", "which", "each", "any")
                                for d in pobj.children)):  # "in that case" points back, it sets no condition
                start, end, attach = tok.i, tok.right_edge.i, tok.head
                cue = doc[tok.i : pobj.i + 1].text.lower()
        if attach is None or start is None or end is None:
            continue
        while end > start and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        needs_negation = cue in c.negated_marks
        out.append(Condition(attach, cue, doc[start : end + 1].text, is_while, needs_negation))
    return out


def marks_first(marks: list[list[str]]) -> set[str]:
    """The last word of each subordinator (the one parsed as `mark`)."""
    return {words[-1] for words in marks}


def _anchor(attach: Token) -> Token:
    """The verb a condition phrase belongs to: climb past nouns, adjectives and prepositions."""
    cur = attach
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i and cur.dep_ not in ("advcl", "relcl"):
        cur = cur.head
    return cur


def _is_modal_clause(verb: Token, lex: ModalityLexicon) -> bool:
    """The clause has a future or modal auxiliary ('would apply', 'will hold')."""
    modal = {w.lower() for w in [*lex.future_aux, *lex.hypothetical.aux, *lex.refused.future_neg_aux]}
    return any(c.dep_ == "aux" and c.lower_ in modal for c in verb.children)


def _condition_candidates(steps: list[Step], root: Token, event: str | None,
                          lex: ModalityLexicon, others: list[Candidate]) -> list[Candidate]:
    """Conditions anchored on the path, in a relative clause of a path noun, or, for
    the complement-condition events (REQUEST, THREATEN, AGREE), in their complement
    (data/modality.yaml `scope.complement_condition_events` says which edges)."""
    path_ids = {s.token.i: n for n, s in enumerate(steps) if s.aux_ok}
    own: set[int] = set()
    deps = set(lex.scope.complement_condition_events.get(event or "", []))
    for child in root.children:
        if child.dep_ in deps:
            own |= {t.i for t in child.subtree}
        elif child.dep_ == "prep" and "pobj" in deps:
            own |= {t.i for p in child.children if p.dep_ == "pobj" for t in p.subtree}
    future_like = any(c.value in FUTURE_LIKE for c in others)
    found: list[Candidate] = []
    for cond in _condition_phrases(root.sent, lex):
        anchor = _anchor(cond.attach)
        order = path_ids.get(anchor.i)
        if order is None and anchor.dep_ in ("relcl", "acl"):
            order = path_ids.get(anchor.head.i)
        if order is None and anchor.i in own:
            order = 0
        if order is None:
            continue
        if cond.is_while and not (future_like or _is_modal_clause(anchor, lex)):
            continue
        if cond.needs_negation and not any(c.dep_ == "neg" for c in anchor.children):
            continue
        if set(cond.text.lower().replace(",", " ").split()) & {w.lower() for w in lex.conditional.epistemic}:
            # "if the claims are accurate, the group was planning ...": a supposition, not a threat's terms
            found.append(Candidate(Modality.hypothetical, cond.cue, order))
            continue
        found.append(Candidate(Modality.conditional, cond.cue, order, condition=cond.text))
    return found


def _historical_candidates(steps: list[Step], root: Token, lex: ModalityLexicon,
                           ref: int | None) -> list[Candidate]:
    h = lex.historical
    found: list[Candidate] = []
    if root.dep_ == "pobj" and root.head.lower_ in h.since_preps:
        found.append(Candidate(Modality.historical, root.head.lower_, 0))
    elapsed = _elapsed_cue(root, h)
    if elapsed:
        found.append(Candidate(Modality.historical, elapsed, 0))
    if root.dep_ == "advcl" and root.tag_ in ("VBD", "VBN") and any(
            c.dep_ == "mark" and c.lower_ in h.since_preps for c in root.children):
        # "arms have poured in since Haftar launched his offensive": the start of a state, told as background
        found.append(Candidate(Modality.historical, "since", 0))
    for order, step in enumerate(steps):
        if not step.aux_ok:
            continue
        # "have held the valley since ... in 2008": a state lasting since then is current
        ongoing = any(c.dep_ == "prep" and c.lower_ in h.since_preps for c in step.token.children)
        for child in step.token.children:
            if ongoing and child.dep_ != "advmod":
                continue
            if child.lower_ in h.markers and child.dep_ in ("advmod", "npadvmod", "prep"):
                found.append(Candidate(Modality.historical, child.lower_, order))
            if child.dep_ not in ("prep", "npadvmod", "pobj") or child.lower_ in h.since_preps:
                continue
            for tok in _phrase_tokens(child):
                # "withdrew from the 2002 agreement": a year naming a thing dates nothing
                year = None if names_a_thing(tok) else _year(tok, h)
                if tok.lower_ in h.phrase_markers:  # "two years ago", not "a previously unannounced visit"
                    found.append(Candidate(Modality.historical, tok.lower_, order))
                if year is not None and ref is not None and year < ref:
                    end = child.right_edge.i
                    found.append(Candidate(Modality.historical, root.doc[child.i : end + 1].text, order))
                    break
    return found


def _elapsed_cue(tok: Token, h) -> str | None:
    """'after'/'since' measured back by a duration above the trigger's clause
    ("more than three years after Russia invaded"), as the cue's words."""
    cur = tok
    for _ in range(6):
        for prep in [cur, *[c for c in cur.children if c.dep_ in ("mark", "prep")]]:
            if prep.lower_ not in h.elapsed_preps:
                continue
            units = [c for c in (*prep.children, *cur.children)
                     if c.dep_ in ("npadvmod", "advmod", "nmod") and c.lemma_ in h.elapsed_nouns]
            if units:
                return f"{units[0].text} {prep.text}"
        if cur.dep_ not in ("pcomp", "pobj", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


CLAUSAL = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}


def _phrase_tokens(head: Token) -> list[Token]:
    """The head's phrase without the clauses inside it ("a piece it published in 2019")."""
    out = [head]
    for child in head.children:
        if child.dep_ not in CLAUSAL:
            out.extend(_phrase_tokens(child))
    return out


def _year(tok: Token, h) -> int | None:
    if tok.like_num and _YEAR.match(tok.text):
        year = int(tok.text)
        if h.min_year <= year <= h.max_year:
            return year
    return None


def reference_year(doc: Doc, lex: ModalityLexicon | None = None) -> int | None:
    """The publication year, else the latest year the article mentions."""
    h = (lex or load_modality_lexicon()).historical
    published = doc._.published
    if isinstance(published, datetime):
        return published.year
    years = [y for y in (_year(t, h) for t in doc) if y is not None]
    return max(years) if years else None


# --------------------------------------------------------------------------- future


def _resolve_future(steps: list[Step], frame: Frame | None, actors: ActorIndex) -> Modality:
    """'will' announced by a party about itself is intended; otherwise predicted."""
    if frame is None or frame.verb is None or frame.analyst or not frame.speaker_core:
        return Modality.predicted
    subj = None
    for step in steps:
        subj = next((c for c in step.token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            break
    if subj is None or subj.lower_ in PRONOUNS:
        return Modality.intended
    subj_codes = {a.code for a in actors_in(list(subj.subtree), actors)}
    speaker_codes = {a.code for a in actors_in(frame.speaker_full, actors)}
    if subj_codes and speaker_codes:
        return Modality.intended if subj_codes & speaker_codes else Modality.predicted
    speaker = " ".join(t.lower_ for t in frame.speaker_core)
    subject = " ".join(t.lower_ for t in subj.subtree)
    return Modality.intended if subject == speaker else Modality.predicted


# --------------------------------------------------------------------------- modality


@dataclass(frozen=True)
class DocContext:
    """What every trigger of a Doc shares: computed once per Doc by the component."""

    reference_year: int | None
    actors: ActorIndex

    @classmethod
    def of(cls, doc: Doc, lex: ModalityLexicon | None = None) -> "DocContext":
        return cls(reference_year(doc, lex), actor_index(doc))


def modality_of(span: Span, lex: ModalityLexicon | None = None,
                attribution_lex: AttributionLexicon | None = None,
                context: DocContext | None = None) -> ModalityCue:
    """The ModalityCue of one trigger span."""
    lex = lex or load_modality_lexicon()
    alex = attribution_lex or load_attribution_lexicon()
    ctx = context or DocContext.of(span.doc, lex)
    root = span.root
    report_verbs = {v.lower() for v in alex.reporting_verbs}
    steps, left_by = path_of(root, lex, report_verbs)
    frames = [f for f in frames_for(root, alex, ctx.actors) if f.verb is not None]
    frame = frames[0] if frames else None
    backshift = frame is not None and frame.verb.tag_ == "VBD"
    trigger = span._.trigger
    event = trigger.event if trigger is not None else None
    cands = _word_candidates(steps, root, lex, event) + _aux_candidates(steps, root, lex, backshift)
    cands += _condition_candidates(steps, root, event, lex, cands)
    cands += _historical_candidates(steps, root, lex, ctx.reference_year)
    cands += _subject_candidates(root, lex, backshift)
    if left_by is not None:
        mark = next((m for m in left_by.children if m.dep_ == "mark"), None)
        if mark is not None and mark.lower_ in {"if", "unless"}:
            cands.append(Candidate(Modality.hypothetical, mark.lower_, len(steps)))
    cands = _drop_absorbed(cands, trigger)
    if not cands:
        return ModalityCue()
    resolved = [
        Candidate(_resolve_future(steps, frame, ctx.actors), c.cue, c.order, c.condition)
        if c.value == _FUTURE else c
        for c in cands
    ]
    best = min(resolved, key=lambda c: (RANK.index(c.value), c.order))
    return ModalityCue(value=best.value, cue=best.cue, condition=best.condition)


#: trigger cue prefixes detente_triggers writes when it folds polarity into the event
#: type ("not recognise" -> REJECT, "will withdraw" -> AGREE, "ready to talk" -> AGREE, an
#: offer), and the modalities they absorb
ABSORBED: dict[str, set] = {
    "not": {Modality.negated, Modality.refused},
    "will": {_FUTURE, Modality.hypothetical, Modality.intended},
    "ready": {_FUTURE, Modality.hypothetical, Modality.intended},
}


def _drop_absorbed(cands: list[Candidate], trigger: Trigger | None) -> list[Candidate]:
    """Drop the cues the trigger's own type already expresses (on it or its governor)."""
    if trigger is None or " " not in trigger.cue:
        return cands
    absorbed = ABSORBED.get(trigger.cue.split()[0].lower(), set())
    return [c for c in cands if not (c.order <= 1 and c.value in absorbed)]


class ModalityComponent:
    """Sets span._.modality on every trigger span."""

    def __init__(self, lexicon: ModalityLexicon, attribution_lexicon: AttributionLexicon):
        self.lexicon = lexicon
        self.attribution_lexicon = attribution_lexicon

    def __call__(self, doc: Doc) -> Doc:
        if "triggers" not in doc.spans:
            return doc
        spans = list(doc.spans["triggers"])
        ctx = DocContext.of(doc, self.lexicon)
        results = [modality_of(s, self.lexicon, self.attribution_lexicon, ctx) for s in spans]
        for span, value in zip(spans, results):
            span._.modality = value
        return doc


@Language.factory(
    "detente_modality",
    requires=["doc.spans", "span._.trigger"],
    assigns=["span._.modality"],
)
def make_modality(nlp: Language, name: str) -> ModalityComponent:
    """spaCy factory for detente_modality."""
    return ModalityComponent(load_modality_lexicon(), load_attribution_lexicon())
