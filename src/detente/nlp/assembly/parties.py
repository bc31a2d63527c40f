"""Who did what to whom: the actor and recipient of an event.

`ActorIndex` maps tokens to the actor spans of the doc; `dedupe` merges
repeated references; `collective_parties` and `main_sides` resolve "the
parties", "both sides" and the report's two sides; `_participants` finds an
event's actor and recipient from the dependency tree (accusations, violation
nouns, statements, first-person quotes), and `_implied_recipient` the
recipient the words only imply. Place phrases and sponsors inside an object
(`_located`, `_sponsors`) name no recipient.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from detente.knowledge.actor_schema import UNKNOWN_CODE
from detente.knowledge.actors import load_kb
from detente.nlp.assembly.rules import AssemblyRules, _Draft, load_rules
from detente.nlp.assembly.syntax import _pp_objects, enclosing_clause_subject, subject_of, with_conjuncts
from detente.records import ActorRef, Place


class ActorIndex:
    """Actor spans of a doc, by token."""

    def __init__(self, doc: Doc):
        self.by_token: dict[int, Span] = {}
        self.sides: dict[str, ActorRef] = {}  # the report's two sides (main_sides), set by assemble
        datelines = [(s.start, s.end) for s in doc.spans.get("page", []) if s.label_ == "dateline"]
        for span in doc.spans.get("actors", []):
            if span._.actor is None or any(a <= span.start < b for a, b in datelines):
                continue
            for i in range(span.start, span.end):
                prev = self.by_token.get(i)
                if prev is None or len(span) > len(prev):
                    self.by_token[i] = span
        self.brokers = page_brokers(doc, {id(s): s for s in self.by_token.values()}.values())

    def for_heads(self, heads: Iterable[Token]) -> list[ActorRef]:
        """Actors for noun-phrase heads: the span holding the head, else a modifier's."""
        refs: list[ActorRef] = []
        for h in with_conjuncts(heads):
            span = self.by_token.get(h.i)
            named = any(c.dep_ == "appos" and c.i in self.by_token for c in h.children)
            of_refs = self._of_refs(h, span) if h.pos_ == "NOUN" or (
                span is not None and span._.actor.code == UNKNOWN_CODE) else []
            if span is None and h.pos_ == "NOUN" and (listed := self.enumerated(h)):
                refs.extend(listed)  # "three armed groups, namely X, Y and Z, signed"
                continue
            if span is None and not named:  # "the South Sudan armed opposition group (SPLM-IO)" is the SPLM-IO
                mods = [c for c in h.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
                span = next((self.by_token[m.i] for m in mods if m.i in self.by_token), None)
                if span is not None and of_refs and not any(m.dep_ == "poss" for m in mods):
                    span = None  # "the breakaway Georgian republic of South Ossetia" is South Ossetia
            if span is not None and span._.actor.code == UNKNOWN_CODE:
                # "Kyrgyz border authorities", "authorities of the Sughd province of Tajikistan":
                # an unknown body that its own words place in a known state or group
                known = [self.by_token[m.i]._.actor for m in h.children
                         if m.dep_ in ("compound", "amod", "nmod") and m.i in self.by_token
                         and self.by_token[m.i] is not span and self.by_token[m.i]._.actor.code != UNKNOWN_CODE]
                if known or of_refs:
                    refs.extend(known[:1] or of_refs)
                    continue
            if span is not None:
                refs.append(span._.actor)
                if h.pos_ == "NOUN":  # "the Turkish and Russian presidents": each adjective's state
                    refs.extend(self.by_token[c.i]._.actor for m in h.children if m.dep_ in ("amod", "compound")
                                for c in (m, *m.conjuncts) if c.i in self.by_token
                                and self.by_token[c.i]._.actor.kind == "state")
            refs.extend(r for r in of_refs if span is None or r is not span._.actor)
        return dedupe(refs)

    def _of_refs(self, h: Token, own: Span | None, depth: int = 0) -> list[ActorRef]:
        """Who an "of" phrase names: "the leaders of Russia, Azerbaijan and Armenia" stand for all
        three; "leaders of the breakaway republic of South Ossetia" for the republic it names."""
        out: list[ActorRef] = []
        preps = ("of",) if depth == 0 else ("of", "for")  # "the committees for national security of X and Y"
        of = [g for c in h.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
        for g in with_conjuncts(of):
            s = self.by_token.get(g.i)
            if s is not None and s is not own:
                out.append(s._.actor)
            elif s is None and (listed := self.enumerated(g)):
                out.extend(listed)
            elif s is None and g.pos_ in ("NOUN", "PROPN") and depth < 2:
                out.extend(self._of_refs(g, own, depth + 1))
        return out

    def enumerated(self, h: Token) -> list[ActorRef]:
        """The actors a plural noun lists with "namely" ("the three armed groups in the north, namely
        the MNDAA, the TNLA and the AA"), wherever the parse hangs the list inside its phrase."""
        for t in h.subtree:
            if t.i != h.i and any(c.dep_ == "advmod" and c.lower_ == "namely" for c in t.children):
                return dedupe(self.by_token[c.i]._.actor for c in (t, *t.conjuncts) if c.i in self.by_token)
        return []

    def in_phrase(self, heads: Iterable[Token], skip_preps: frozenset[str] = frozenset()) -> list[ActorRef]:
        """The first actor inside the phrases ("three demands: Kyiv will not ..."), not inside a phrase
        of `skip_preps` ("international monitors in Sri Lanka" are not Sri Lanka)."""
        for h in heads:
            # "an alliance of armed groups in Myanmar" is not Myanmar either
            placed = {t.i for c in h.subtree if c.dep_ == "prep" and c.lower_ in skip_preps for t in c.subtree}
            found = self.within({t.i for t in h.subtree} - placed)
            if found:
                return found[:1]
        return []

    def within(self, ids: set[int]) -> list[ActorRef]:
        seen = {(s.start, s.end): s for i in ids if (s := self.by_token.get(i)) is not None}
        spans = sorted(seen.values(), key=lambda s: s.start)
        return dedupe([s._.actor for s in spans])


def page_brokers(doc: Doc, spans: Iterable[Span]) -> frozenset[str]:
    """Codes of the actors a page names as go-betweens: "China-brokered", "mediated by Qatar and
    Egypt", "under China's mediation", "China brokered the truce" (ledger.yaml `brokered_suffixes`,
    `mediator_nouns`, `page_mediation_cues`; assembly.yaml `mediation_lemmas`). Whoever mediates
    there is not one of "the two sides"."""
    from detente.knowledge.ledger import knowledge

    kb = knowledge()
    cue, nouns = kb.page_mediation_cues.regex, kb.mediator_nouns.regex
    lemmas = load_rules().mediation_lemmas
    text = doc.text
    found: set[str] = set()
    last_end = -1  # where the last broker's name ended: "mediated by Qatar and Egypt"
    for span in sorted(spans, key=lambda s: s.start):
        ref = span._.actor
        before = _LEADING.sub("", text[max(span.sent.start_char, span.start_char - 48):span.start_char])
        joined = last_end >= 0 and _JOINER.fullmatch(text[last_end:span.start_char]) is not None
        hyphened = kb.brokered.match(text, span.start_char)
        owned = _OWNED.match(text, span.end_char)
        if ref.code != UNKNOWN_CODE and (
                (hyphened is not None and hyphened.end(1) == span.end_char)  # "China-brokered"
                or (owned is not None and nouns is not None and nouns.match(text, owned.end()) is not None)
                or joined
                or (span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in lemmas)  # "China brokered"
                or (cue is not None and (m := _last(cue, before)) is not None and m.end() == len(before))):
            found.add(ref.code)
            last_end = span.end_char
    return frozenset(found)


def _last(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    out = None
    for out in regex.finditer(text):
        pass
    return out


#: "China's mediation", "Qatari mediators": what may stand between a name and a mediator noun.
_OWNED = re.compile(r"(?:['\u2019]s)?\s+")
#: What may stand between a cue and the name: "mediated by the".
_LEADING = re.compile(r"(?:\s+the)?\s*$", re.IGNORECASE)
#: Between two brokers' names: "Qatar and Egypt", "Qatar, Egypt".
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", re.IGNORECASE)


def _coordinated_speakers(subj: list[Token], tok: Token, index: ActorIndex) -> list[ActorRef]:
    """"The government and the ELN announced that they had reached an agreement": "they" are both."""
    if len(subj) != 1 or subj[0].lower_ not in ("they", "we") or tok.dep_ != "ccomp":
        return []
    speakers = [c for c in tok.head.children if c.dep_ == "nsubj" and c.conjuncts]
    refs = index.for_heads(speakers) if speakers else []
    return refs if len({r.code for r in refs}) > 1 else []


def _named_within(refs: list[ActorRef]) -> list[ActorRef]:
    """Actors inside an object: the known ones when there are any ("demanded the release of all hostages
    held by Hamas" is addressed to Hamas, not to the hostages)."""
    known = [r for r in refs if r.code != UNKNOWN_CODE]
    return known or refs


def dedupe(refs: Iterable[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    keys: set[tuple] = set()
    for r in refs:
        key = (r.code, r.entity_name or r.entity_text.lower())
        if key not in keys:
            keys.add(key)
            out.append(r)
    # a state next to a person of that state adds nothing ("Russia's ruler, Putin")
    people = {r.code for r in out if r.kind == "person"}
    return [r for r in out if not (r.kind == "state" and r.code in people)]


@lru_cache(maxsize=4)
def _national_regex(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """"the two Libyan delegations", "both Sudanese sides": a nationality before a collective noun."""
    nouns_re = "|".join(map(re.escape, nouns))
    return re.compile(r"\b(?:(?:the two|both|the 2)\s+([\w-]+)\s+(?:" + nouns_re + r")"
                      # "both of Libya's warring factions", "Libya's two rival camps", "Sudan's warring parties"
                      r"|((?:[\w-]+\s)?[\w-]+)\s?(?:'s|\u2019s)\s+(?:two\s+)?(?:(?:warring|rival|main|opposing)\s+)?"
                      r"(?:" + nouns_re + r"))\b")


def _national(text_lower: str, rules: AssemblyRules) -> str | None:
    """The state a collective reference names by its adjective ("the two Libyan delegations"), or None."""
    found = _national_regex(rules.national_collective_nouns).search(text_lower)
    if not found:
        return None
    name = found.group(1) or found.group(2)
    ref = load_kb().lookup(name) or (load_kb().lookup(name.split()[-1]) if found.group(2) else None)  # "of libya"
    return ref.code if ref is not None and ref.kind == "state" else None


@lru_cache(maxsize=4)
def _collective_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The collective references, each also with one word before its noun ("both warring sides")."""
    forms = [r"\s+".join(map(re.escape, p.split()[:-1])) + r"\s+(?:[\w-]+\s+)?" + re.escape(p.split()[-1])
             if len(p.split()) > 1 else re.escape(p) for p in phrases]
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b")


def collective_parties(sent: Span, text_lower: str, index: ActorIndex, rules: AssemblyRules,
                       sentences: list[Span]) -> list[ActorRef]:
    """'the parties', 'both sides': the two sides named most often up to here, both named in the last
    four sentences; in a lead that names them only later ("South Sudan's warring parties signed ..."),
    the two the whole text names most often. "The two Libyan delegations": Libya's sides only (the
    state and the armed groups fighting in it), or the state and the one armed group the knowledge
    base has fighting only there."""
    home = _national(text_lower, rules)
    if home is None and not _collective_regex(rules.collective).search(text_lower):
        return []
    from collections import Counter

    def sides(among: list[Span], recent_among: list[Span]) -> list[str]:
        counts = Counter(r.code for s in among for r in index.within(set(range(s.start, s.end)))
                         if r.code != "UNK" and r.sector not in ("IGO", "NGO") and r.code not in index.brokers
                         and (home is None or r.code == home or home in load_kb().fights_in(r.code)))
        recent = {r.code for s in recent_among for r in index.within(set(range(s.start, s.end)))}
        return [c for c, _ in counts.most_common() if c in recent][:2]

    before = [x for x in sentences if x.start <= sent.start]
    ranked = sides(before, before[-4:])
    if len(ranked) < 2 and len(before) <= 2:
        ranked = sides(sentences, sentences)
    if len(ranked) < 2:  # named further back in this paragraph: the two it names most often so far
        text = sent.doc.text
        paragraph = [x for x in before if "\n\n" not in text[x.start_char:sent.start_char]]
        ranked = sides(paragraph, paragraph)
    if len(ranked) < 2 and home is None:
        # a page that names one state only (besides mediators): "the two sides" are that state and
        # the one armed group the knowledge base has fighting only there (a Libyan page: the LNA)
        states = {r.code for x in sentences for r in index.within(set(range(x.start, x.end)))
                  if r.kind == "state" and r.code != "UNK" and not _outsider(r, index.brokers)}
        home = next(iter(states)) if len(states) == 1 else None
    if len(ranked) < 2 and home is not None:
        groups = [c for c in load_kb().armed_groups if load_kb().fights_in(c) == {home}]
        ranked = [home, groups[0]] if len(groups) == 1 and ranked in ([], [home]) else ranked
    if len(ranked) < 2:
        return []
    return [ActorRef(code=c, entity_text=text_lower, entity_name=c, kind="state") for c in ranked]


def _accused_heads(owner: Token, act: Token, rules: AssemblyRules) -> list[Token]:
    """Whom an accusation charges with the act it names: its object ("accused the army of ..."), or,
    where that object is the act itself or a gesture, the one after `accused_preps` ("blamed the
    attack on the ELN", "pointed the finger at the army for ...")."""
    objs = [c for c in owner.children if c.dep_ in ("dobj", "nsubjpass")]
    named = _pp_objects(owner, rules.accused_preps)
    if not named and act.dep_ == "dobj" and act.head.i == owner.i:
        named = _pp_objects(act, rules.accused_preps)  # "blamed [the attack on the ELN]", as parsed
    if named and any(o.i == act.i or o.lemma_.lower() in rules.accusation_gestures for o in objs):
        return named
    return [o for o in objs if o.i != act.i]


def _implied_recipient(event: str, actor: list[ActorRef], place: Place | None, obj_ids: set[int], doc, sent,
                       index: ActorIndex, rules: AssemblyRules, sentences) -> list[ActorRef]:
    """A recipient the words imply: "urged the parties" (the parties named together before);
    an attack on a place in another country (that country)."""
    obj_text = " ".join(doc[i].lower_ for i in sorted(obj_ids))
    if obj_text:
        parties = collective_parties(sent, obj_text, index, rules, sentences)
        if parties:
            return parties
    if event in rules.located_recipient_types and place is not None and place.country_code \
            and place.country_code not in {a.code for a in actor}:
        return [ActorRef(code=place.country_code, entity_text=place.raw, entity_name=place.name, kind="state")]
    codes_ = {a.code for a in actor}
    if event == "ACCUSE" and obj_text and not any(w in obj_text for w in rules.agreement_nouns):
        return []  # "accused international institutions of ...": the accused is named, and not a side
    if event in rules.opponent_types and (other := other_side(actor, index)) is not None:
        # a report of one war: one side's attack or threat with no target named is aimed at the other
        return [other]
    if (event in rules.third_party_types and len(index.sides) == 2 and codes_ and _outsiders(actor, index.brokers)
            and not codes_ & set(index.sides) and not any(i in index.by_token for i in obj_ids)):
        # "the envoy urged restraint", "the AU welcomed the declaration": a third party's call or
        # praise with no one named is addressed to the report's two sides
        return list(index.sides.values())
    return []


def other_side(actor: list[ActorRef], index: ActorIndex) -> ActorRef | None:
    """The page's other side (main_sides) when the actor is one of its two sides, else None."""
    codes_ = {a.code for a in actor}
    if len(index.sides) != 2 or len(codes_) != 1 or not codes_ <= set(index.sides):
        return None
    return next(ref for code, ref in index.sides.items() if code not in codes_)


def forces_of_the_other_side(event: str, actor: list[ActorRef], recipient: list[ActorRef], index: ActorIndex,
                             rules: AssemblyRules) -> list[ActorRef]:
    """One side's attack on unnamed "soldiers" or "police" on a page about two sides hits the other
    side's forces ("the RSF shelled soldiers in the city": the army's; `forces_sectors`)."""
    if (event not in rules.opponent_types or not recipient
            or any(r.code != UNKNOWN_CODE or r.sector not in rules.forces_sectors for r in recipient)):
        return recipient
    other = other_side(actor, index)
    return [other] if other is not None else recipient


def _outsider(ref: ActorRef, brokers: frozenset[str] = frozenset()) -> bool:
    """An actor that stands outside a war: an international body, a usual mediator (ledger.yaml
    `mediators`) or one its page names as a go-between (`brokers`)."""
    from detente.knowledge.ledger import knowledge

    return ref.sector in ("IGO", "NGO") or ref.code in knowledge().mediators or ref.code in brokers


def _outsiders(actor: list[ActorRef], brokers: frozenset[str] = frozenset()) -> bool:
    return all(_outsider(a, brokers) for a in actor)


def main_sides(doc: Doc, index: ActorIndex) -> dict[str, ActorRef]:
    """The two sides a report is about: the two actors (not unknown, not an IGO or NGO, not a usual
    mediator: ledger.yaml `mediators`) it names most
    often, each at least twice and the second at least half as often as the first; else none."""
    from collections import Counter

    refs: dict[str, ActorRef] = {}
    counts: Counter[str] = Counter()
    for span in {id(s): s for s in index.by_token.values()}.values():
        ref = span._.actor
        if ref.code == "UNK" or _outsider(ref, index.brokers):
            continue
        counts[ref.code] += 1
        if ref.code not in refs or ref.kind == "state":
            refs[ref.code] = ref
    top = counts.most_common(3)
    if len(top) < 2 or top[1][1] < 2 or 2 * top[1][1] < top[0][1] or (len(top) == 3 and top[2][1] == top[1][1]):
        return {}
    return {code: refs[code] for code, _ in top[:2]}


def _participants(doc, sent, draft: _Draft, index: ActorIndex, rules: AssemblyRules, objs, obj_ids,
                  sentences) -> tuple[list[ActorRef], list[ActorRef]]:
    tok = draft.span.root
    nominal = draft.trigger.nominal or tok.pos_ in ("NOUN", "PROPN")
    own = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    by_agent = [g for c in tok.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for g in c.children if g.dep_ == "pobj"]
    rec_heads = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in rules.recipient_preps
                 for g in c.children if g.dep_ == "pobj"]
    rec_heads += [c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")]
    owner_objs = _accused_heads(draft.owner.root, tok, rules) if draft.owner is not None else []
    rec_heads = [h for h in rec_heads if h not in owner_objs]  # "blamed the attack on X": X did it
    if nominal and tok.lemma_.lower() in rules.violation_nouns and draft.owner is None:
        # "Lebanon listed 100 Israeli violations", "raise Israel's breaches": the one who breaks
        # the truce is accused; whoever lists or raises them (else the speaker, later) accuses
        accused = index.for_heads(by_agent) or index.for_heads(own)
        if not accused and tok.dep_ == "attr" and tok.head.lemma_ == "be":
            # "the shelling was a breach", "use of weapons by X, which is a clear violation": what is
            # called a violation is the accused's act; the speaker accuses (below)
            subj, _ = subject_of(tok.head, rules)
            doers = [g for h in subj for c in h.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                     for g in c.children if g.dep_ == "pobj"] + [c for h in subj for c in h.children if c.dep_ == "poss"]
            return [], index.for_heads(doers) or index.for_heads(subj)
        if accused:
            subj, _ = subject_of(tok, rules)
            accuser = [a for a in index.for_heads([h for h in subj if h.i != tok.i]) if a not in accused]
            return accuser, accused
    if nominal:
        actor = index.for_heads(by_agent) or index.for_heads(own) or index.for_heads(owner_objs)
        if not actor and not (tok.dep_ == "dobj" and tok.head.lemma_ in rules.nominal_naming_verbs):
            # (who "regards the attack as a war crime" names it; it is not the attacker)
            subj, _ = subject_of(tok, rules, stop_at_verb=True)
            actor = index.for_heads(subj)
        recipient = index.for_heads(rec_heads)
        between = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in rules.between_preps
                   for g in c.children if g.dep_ == "pobj"]
        if between:  # "a ceasefire between Israel and Hezbollah" (proposed by someone else or not)
            # "between A, B and C" is often parsed with B as the trigger's apposition
            listed = index.for_heads(between + [c for c in tok.children
                                                if c.dep_ == "appos" and c.i > between[0].i])
            if not actor or {a.code for a in actor} <= {a.code for a in listed}:
                actor = listed or actor
        if draft.trigger.event == "CONSULT":  # a meeting's parties all go in actor
            actor, recipient = dedupe([*actor, *recipient]), []
    else:
        subj, passive = subject_of(tok, rules)
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children)
        if owner_objs and not own_subject:
            # "X accused the army of attacking ...": the accused did it, never the accuser
            actor = index.for_heads(owner_objs)
        else:
            actor = (_coordinated_speakers(subj, tok, index) or index.for_heads(subj)
                     or index.in_phrase(subj, rules.subject_skip_preps))
        if not actor and _is_statement(subj, sent, sentences, rules):
            actor = _statement_author(sent, sentences, index, rules)  # "The statement accused the army"
        if not actor and draft.trigger.event in rules.talks_party_types:
            actor = _talks_parties(sent, index, rules)  # "the truce was reached during talks between X and Y"
        inside = _named_within(index.within(obj_ids - _located(doc, obj_ids, rules)))
        direct = index.for_heads(rec_heads)
        if (draft.trigger.event in rules.demand_types and direct and all(r.code == UNKNOWN_CODE for r in direct)
                and any(r.code != UNKNOWN_CODE for r in inside)):
            direct = inside  # "demanded the release of all hostages held by Hamas": Hamas, not the hostages
        elif (draft.trigger.event in rules.demand_types and all(r.code == UNKNOWN_CODE for r in direct + inside)
              and any(h.lemma_.lower() in rules.release_nouns for h in objs)
              and (other := other_side(actor, index)) is not None):
            # "the government demanded the release of Mane Diaz": whoever holds him, the page's other side
            direct, inside = [other], []
        recipient = index.for_heads(passive) or direct or inside
        if tok.dep_ == "conj" and {a.code for a in actor} & {r.code for r in recipient}:
            actor = index.for_heads(enclosing_clause_subject(tok, rules)) or actor
    subj_text = " ".join(t.lower_ for h in subject_of(tok, rules)[0] for t in h.subtree)
    if subj_text and len(actor) <= 1:  # "South Sudan's warring parties" are both of its sides
        both = collective_parties(sent, subj_text, index, rules, sentences)
        actor = both if {a.code for a in actor} <= {b.code for b in both} else actor
    obj_text = " ".join(doc[i].lower_ for i in sorted(obj_ids))
    if any(r in obj_text for r in rules.reciprocal_objects):  # "accused each other"
        return actor, list(actor)
    if nominal and tok.dep_ == "dobj" and tok.head.lemma_.lower() in rules.reciprocal_verbs and len(actor) > 1:
        return actor, list(actor)  # "Tbilisi and Moscow traded accusations": each accuses the other
    return actor, [r for r in recipient if r.code not in {a.code for a in actor} - {UNKNOWN_CODE}]


def _talks_parties(sent: Span, index: ActorIndex, rules: AssemblyRules) -> list[ActorRef]:
    """The two or more sides of the talks a sentence names ("talks between the government and the
    ELN", "a round of negotiations between the two sides"); none when it names no such talks."""
    for tok in sent:
        if tok.lemma_.lower() in rules.talks_nouns and tok.pos_ == "NOUN":
            heads = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in rules.between_preps
                     for g in c.children if g.dep_ == "pobj"]
            listed = index.for_heads(heads) if heads else []
            if len({a.code for a in listed} - {UNKNOWN_CODE}) >= 2:
                return listed
            if heads:
                both = collective_parties(sent, " ".join(t.lower_ for h in heads for t in h.subtree), index,
                                          rules, list(sent.doc.sents))
                if len(both) >= 2:
                    return both
    return []


def _is_statement(subj: list[Token], sent: Span, sentences: list[Span], rules: AssemblyRules) -> bool:
    """The subject is a side's statement: "the statement", or "it" after a sentence about one."""
    if any(h.lemma_.lower() in rules.statement_subjects for h in subj):
        return True
    if not any(h.lower_ == "it" for h in subj):
        return False
    before = [x for x in sentences if x.end <= sent.start]
    return bool(before) and any(h.lemma_.lower() in rules.statement_subjects
                                for h in subject_of(before[-1].root, rules)[0])


def _statement_author(sent: Span, sentences: list[Span], index: ActorIndex, rules: AssemblyRules) -> list[ActorRef]:
    """Who issued the statement a sentence cites: the subject of the nearest sentence (this one or up to
    three before) that mentions a statement with a subject of its own ("In a statement, the AFC said ...")."""
    before = [x for x in sentences if x.start <= sent.start][-4:]
    for x in reversed(before):
        if not any(t.lemma_.lower() in rules.statement_subjects for t in x):
            continue
        subj = [h for h in subject_of(x.root, rules)[0] if h.lemma_.lower() not in rules.statement_subjects]
        found = index.for_heads(subj) or index.in_phrase(subj)
        if found:
            return found
    return []


def _first_person(tok: Token, rules: AssemblyRules) -> bool:
    """Whether the trigger's subject is the speaker ("I", "we", "our forces"): quoted words
    whose actor is whoever is quoted."""
    subj, _ = subject_of(tok, rules)
    return any(h.lower_ in rules.first_person or any(c.dep_ == "poss" and c.lower_ in rules.first_person
                                                      for c in h.children) for h in subj)


def _located(doc, ids: set[int], rules: AssemblyRules) -> set[int]:
    """Tokens of `ids` inside a place phrase ("signed a deal in the Ethiopian capital", "talks in
    neighbouring Ethiopia", "a highway to China"): where something happened names no recipient; nor does a sponsor
    ("an EU-brokered truce")."""
    located = {t.i for i in ids if doc[i].dep_ == "prep" and (
        doc[i].lower_ in rules.locative_preps or doc[i].head.lemma_.lower() in rules.route_nouns)
               for t in doc[i].subtree}
    return located | _sponsors(doc, ids, rules)


def _sponsors(doc, ids: set[int], rules: AssemblyRules) -> set[int]:
    """Tokens of `ids` naming a sponsor ("breaking an EU-brokered truce", "attacked US-backed
    forces"): neither the recipient nor the place of what is done."""
    return {t.i for i in ids if doc[i].dep_ == "amod" and doc[i].lower_ in rules.sponsor_participles
            for t in doc[i].subtree}
