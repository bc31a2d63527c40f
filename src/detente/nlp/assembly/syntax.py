"""Pure helpers on the dependency tree, shared by every step of assembly.

What a trigger's object is (`object_tokens`, `subtree_ids`, `phrase`), who
the subject of its clause is (`subject_of`, `enclosing_clause_subject`),
coordination (`with_conjuncts`), and small token tests (`_is_verb`,
`_is_nominal`, `_pp_objects`). They read the parse and the rules only: no
actors, dates or events.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span, Token

from detente.nlp.assembly.rules import AssemblyRules


def _is_verb(tok: Token, forms: frozenset[str]) -> bool:
    return tok.lemma_ in forms or tok.lower_ in forms


def object_tokens(tok: Token, rules: AssemblyRules) -> list[Token]:
    """Heads of the subtrees that are `tok`'s object."""
    heads = [c for c in tok.children if c.dep_ in rules.object_deps]
    # "the truce was renewed for 30 days": what was renewed is the truce
    heads = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in rules.agreement_nouns] + heads
    own_preps = rules.verb_object_preps.get(tok.lemma_.lower(), ()) if not heads else ()
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in rules.object_preps or c.lower_ in own_preps):
            heads.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        if c.dep_ == "acl" and tok.pos_ in ("NOUN", "PROPN"):
            heads.append(c)
    if not heads and tok.pos_ == "VERB":
        # "accused and condemned Cambodia of breaking the truce": two verbs joined before their one object
        shared = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i - tok.i <= 3
                       and any(d.dep_ == "cc" and d.i < c.i for d in tok.children)), None)
        if shared is not None:
            heads = [c for c in shared.children if c.dep_ == "dobj"]
    if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        heads.append(tok.head)  # "proposed ceasefire"
    if heads and heads[0].dep_ in ("xcomp", "ccomp"):
        # "agreed to a monitoring committee ... to oversee the deal": what was agreed is the committee
        before = [h for h in heads if h.dep_ in ("pobj", "pcomp") and h.i < heads[0].i]
        if before:
            heads = [before[0]] + [h for h in heads if h is not before[0]]
    return heads


def subtree_ids(heads: Iterable[Token]) -> set[int]:
    return {t.i for h in heads for t in h.subtree}


def phrase(heads: list[Token]) -> str | None:
    if not heads:
        return None
    h = heads[0]
    span = h.doc[h.left_edge.i : h.right_edge.i + 1]
    return span.text


def subject_of(tok: Token, rules: AssemblyRules, stop_at_verb: bool = False) -> tuple[list[Token], list[Token]]:
    """(subject heads, patient heads) of the nearest clause governing `tok`.

    A passive clause's agent is the subject and its passive subject the
    patient, except when `tok` is the infinitive of a passive control verb
    ("Ukraine will be forced to respond": Ukraine responds).  The object of a
    verb of `object_control_verbs` is the subject of its infinitive ("Qatar
    persuaded Iran to agree": Iran agrees).
    """
    cur, via = tok, None
    for _ in range(12):
        if via == "xcomp" and cur.lemma_.lower() in rules.object_control_verbs:
            controller = [c for c in cur.children if c.dep_ == "dobj" and c.i < tok.i]
            if controller:
                return controller, []
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        agents = [g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj or passive or agents:
            if subj and subj[0].lower_ in rules.relative_pronouns and cur.dep_ == "relcl":
                subj = [cur.head]
            if passive and passive[0].lower_ in rules.relative_pronouns and cur.dep_ == "relcl":
                passive = [cur.head]
            if via == "xcomp" and passive and not subj and not agents:
                return passive, []
            return (agents or subj), (passive if agents or not subj else [])
        if cur.dep_ == "ccomp" or cur.head.i == cur.i:
            return [], []
        if stop_at_verb and cur.i != tok.i and cur.pos_ in ("VERB", "AUX") and cur.dep_ != "xcomp":
            return [], []
        via, cur = cur.dep_, cur.head
    return [], []


def enclosing_clause_subject(tok: Token, rules: AssemblyRules) -> list[Token]:
    """The subject of the clause above the complement `tok` sits in
    ("Zelensky said that Putin rejected X and accused Russia": the accuser
    is Zelensky when the parse hangs 'accused' on 'rejected')."""
    cur = tok
    while cur.head.i != cur.i and cur.dep_ != "ccomp":
        cur = cur.head
    if cur.dep_ != "ccomp":
        return []
    return subject_of(cur.head, rules)[0]


def with_conjuncts(heads: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        coordinated = [c for c in h.children if c.dep_ in ("nmod", "compound")
                       and any(g.dep_ == "cc" for g in c.children)]
        # "South Sudan's president, Salva Kiir, and rebel leader Riek Machar": the conjunct hangs on the appositive
        # "Erdogan and his Russian counterpart, Vladimir Putin": so does a conjunct's own appositive
        appos = [c for b in (h, *h.conjuncts) for c in b.children if c.dep_ == "appos"]
        for t in (h, *h.conjuncts, *appos, *[x for a in appos for x in a.conjuncts], *coordinated):
            if t not in out:
                out.append(t)
    return out


def _is_nominal(span: Span) -> bool:
    return span.root.pos_ in ("NOUN", "PROPN")


def _pp_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
