"""spaCy component `detente_actors`: every actor mention in an article becomes a span.

Writes doc.spans["actors"]; each span carries span._.actor (an ActorRef).

How, in four passes (all knowledge comes from data/actors.yaml via detente.knowledge.actors):
1. Knowledge-base phrases.  Two PhraseMatchers find the pieces: names, states,
   capitals, institutions (case-sensitive) and titles, sector nouns, descriptions
   (lower-case).  Adjacent pieces, joined directly or by "'s" / "of" / "of the",
   form chains ("President" + "of" + "Ukraine" + "Volodymyr Zelensky"); every
   sub-chain is resolved with KnowledgeBase.lookup at the article date and the
   longest resolvable, non-overlapping ones win.
2. spaCy entities the KB does not know: GPE/NORP resolved to a state where the
   KB can; unknown PERSON/ORG/NORP kept with code UNK.  An unknown person after
   a title ("Ukrainian Deputy Foreign Minister Ivan Petrenko") takes the title's
   code and office.  A later surname alone links to the earlier full name.
   Group nouns with no state ("Police detained ...", "protesters") become UNK
   actors with the noun's sector.
3. Sector hints: a state adjective before an event noun ("Russian attacks") stays
   one word but gets the noun's sector (MIL).
4. Within-article reference: he/she/his/her and "the president", "the minister"
   take the ActorRef of the most recent compatible person (gender, office),
   preferring grammatical subjects; they/them/their take a group ("Ukrainian
   soldiers") only when it was a subject in this or the previous sentence.
   Conservative: no antecedent, no span.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup, Token

from detente.datafiles import read_yaml
from detente.knowledge.actors import KnowledgeBase, Title, load_kb, load_kb_file
from detente.nlp import extensions  # noqa: F401  (registers span._.actor)
from detente.records import ActorRef

SPAN_KEY = "actors"
MAX_CHAIN = 5
CONNECTORS = ({"'s", "\u2019s", "'", "of"}, ("of", "the"))
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
PLURAL = "pl"  # the 'gender' of a group mention
PRONOUN_WINDOW = 2  # sentences back a pronoun may reach
NEUTER = "n"  # the 'gender' of a state or institution mention
TITLE_WINDOW = 8  # sentences back "the president" may reach


@dataclass
class _Mention:
    """A person mention seen so far, for pronoun and short-reference resolution."""

    start: int
    ref: ActorRef
    gender: str | None
    subject: bool
    sent: int


def _with_curly(forms) -> set[str]:
    """Each form also with a typographic apostrophe ("Ta’ang" as printed, "Ta'ang" as stored)."""
    forms = set(forms)
    return forms | {f.replace("'", "\u2019") for f in forms if "'" in f}


class ActorTagger:
    """Find and resolve actor mentions (see module docstring)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.names.add("NAME", list(nlp.tokenizer.pipe(sorted(_with_curly(kb.name_forms())))))
        self.names.add("HON", list(nlp.tokenizer.pipe(sorted(kb.honorifics))))
        self.phrases.add("PHRASE", list(nlp.tokenizer.pipe(sorted(_with_curly(kb.phrase_forms())))))

    # ----------------------------------------------------------------- pass 1: KB chains

    def _pieces(self, doc: Doc) -> list[tuple[int, int]]:
        found = {(s, e) for _, s, e in self.names(doc)} | {(s, e) for _, s, e in self.phrases(doc)}
        keep = []
        for s, e in found:
            text = doc[s:e].text
            # "CAR" the NER calls an organisation is the country's acronym, not a car
            acronym = text.isupper() and any(t.ent_type_ for t in doc[s:e])
            if text in self.kb.ambiguous and not acronym and not any(t.ent_type_ in ("GPE", "NORP") for t in doc[s:e]):
                continue
            if text in self.kb.local_aliases and not self._names_country(doc, found, self.kb.local_aliases[text]):
                continue  # "CPC" is the Central African rebels only on a page about that country
            keep.append((s, e))
        return sorted(keep)

    def _names_country(self, doc: Doc, found: set[tuple[int, int]], countries: frozenset[str]) -> bool:
        """Whether the doc names one of these states (by a name, adjective or capital)."""
        return any((owner := self.kb.owner_of(doc[s:e].text)) is not None and owner.code in countries
                   for s, e in found)

    @staticmethod
    def _gap_ok(doc: Doc, a_end: int, b_start: int) -> bool:
        gap = [t.lower_ for t in doc[a_end:b_start]]
        return not gap or (len(gap) == 1 and gap[0] in CONNECTORS[0]) or tuple(gap) == CONNECTORS[1]

    def _kb_spans(self, doc: Doc, on: date | None) -> list[tuple[int, int, ActorRef]]:
        pieces = self._pieces(doc)
        following: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for a in pieces:
            following[a] = [b for b in pieces if a[1] <= b[0] <= a[1] + 2 and self._gap_ok(doc, a[1], b[0])]
        cands: dict[tuple[int, int], ActorRef] = {}

        def walk(start: int, piece: tuple[int, int], depth: int) -> None:
            end = piece[1]
            if (start, end) not in cands:
                ref = self.kb.lookup(doc[start:end].text, on)
                if ref is not None:
                    cands[(start, end)] = ref
            if depth < MAX_CHAIN:
                for nxt in following.get(piece, []):
                    walk(start, nxt, depth + 1)

        for p in pieces:
            walk(p[0], p, 1)
        return _longest([(s, e, r) for (s, e), r in cands.items()])

    # ----------------------------------------------------------------- pass 2: entities

    def _entity_spans(self, doc: Doc, taken: list[tuple[int, int, ActorRef]], on: date | None = None
                      ) -> list[tuple[int, int, ActorRef]]:
        covered = {i for s, e, _ in taken for i in range(s, e)}
        by_end = {e: (s, e, r) for s, e, r in taken}
        out: list[tuple[int, int, ActorRef]] = []
        replaced: set[tuple[int, int]] = set()
        unknown_people: dict[str, str] = {}  # surname -> full name
        for ent in doc.ents:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            text = ent.text
            if ent.label_ in ("PERSON", "ORG", "NORP") and self.kb.is_place(text, ent.label_ != "PERSON"):
                continue
            if ent.label_ in ("GPE", "NORP"):
                owner = self.kb.state_for(text)
                place = self.kb.place_country(text) if ent.label_ == "GPE" and owner is None else None
                if owner is not None:
                    ref = self.kb.owner_ref(owner, text)
                elif place is not None:
                    ref = ActorRef(code=place[0], sector="GOV" if place[1] else None, entity_text=text,
                                   entity_name=text, kind="state")
                else:
                    ref = ActorRef(code="UNK", entity_text=text, entity_name=text, kind="group")
                end, ref = self._with_sector_noun(doc, ent.start, ent.end, ref)
                if ref.code == "UNK" and ent.label_ == "GPE" and ref.sector is None:
                    continue  # an unknown place, not an actor
                if place is not None and not place[1] and ref.sector is None:
                    continue  # a town is where things happen ("shelled Lashio"), not who; "Darfur rebels" are
                out.append((ent.start, end, ref))
            elif ent.label_ == "PERSON":
                name = text[:-2] if text.endswith(("'s", "\u2019s")) else text
                parts = name.split()
                full = unknown_people.get(name) or name
                if len(parts) > 1:
                    unknown_people.setdefault(parts[-1], name)
                title = by_end.get(ent.start)
                bare = self._bare_title_before(doc, ent.start)
                begin = bare[0] if bare is not None else ent.start
                known = self.kb.lookup(doc[begin:ent.end].text, on)  # "President Duterte": the one in office
                if known is not None and known.kind == "person" and not (title and title[2].entity_name):
                    out.append((begin, ent.end, known.model_copy(update={"entity_text": doc[begin:ent.end].text})))
                    replaced.update({(title[0], title[1])} if title else set())
                elif bare is not None and not (title and title[1] - title[0] > ent.start - bare[0]):
                    start, found = bare
                    ref = ActorRef(code="UNK", sector=found.sector if found else None,
                                   entity_text=doc[start:ent.end].text, entity_name=full,
                                   office=found.offices[0] if found and found.offices[0] != "@leader" else None,
                                   kind="person")
                    out.append((start, ent.end, ref))
                elif title and title[2].kind == "person" and title[2].entity_name is None:
                    ref = title[2].model_copy(update={"entity_text": doc[title[0]:ent.end].text,
                                                      "entity_name": full})
                    replaced.add((title[0], title[1]))
                    out.append((title[0], ent.end, ref))
                else:
                    out.append((ent.start, ent.end, ActorRef(code="UNK", entity_text=text, entity_name=full,
                                                             kind="person")))
            elif ent.label_ == "ORG":
                out.append((ent.start, ent.end, ActorRef(code="UNK", entity_text=text, entity_name=text,
                                                         kind="group")))
        kept = [t for t in taken if (t[0], t[1]) not in replaced]
        return sorted(kept + out, key=lambda t: t[0])

    def _with_sector_noun(self, doc: Doc, start: int, end: int, ref: ActorRef) -> tuple[int, ActorRef]:
        """Extend an entity over a following sector noun: 'Yoruba leaders', 'Darfur rebels'."""
        for n in (3, 2, 1):
            if end + n <= len(doc):
                key = doc[end:end + n].text.lower()
                if key in self.kb.sector_nouns:
                    sector, kind = self.kb.sector_nouns[key]
                    return end + n, ref.model_copy(update={"sector": sector, "kind": kind,
                                                           "entity_text": doc[start:end + n].text})
        return end, ref

    def _bare_title_before(self, doc: Doc, start: int) -> tuple[int, Title | None] | None:
        """A title or honorific directly before a name: ('President' Obama) -> (start, Title|None)."""
        for n in (4, 3, 2, 1):
            if start - n < 0:
                continue
            text = doc[start - n:start].text
            found = self.kb.title_for(text)
            if found is not None or text in self.kb.honorifics:
                return start - n, found
        return None

    def _standalone(self, doc: Doc, spans: list[tuple[int, int, ActorRef]]) -> list[tuple[int, int, ActorRef]]:
        """Group nouns that act on their own ('Police detained ...') -> UNK with a sector."""
        covered = {i for s, e, _ in spans for i in range(s, e)}
        out = list(spans)
        for _, s, e in self.phrases(doc):
            key = doc[s:e].text.lower()
            sector = self.kb.standalone.get(key)
            if sector is None or any(i in covered for i in range(s, e)):
                continue
            head = doc[e - 1]
            if head.dep_ == "compound" or head.pos_ not in ("NOUN", "PROPN", ""):
                continue
            out.append((s, e, ActorRef(code="UNK", sector=sector, entity_text=doc[s:e].text,
                                       entity_name=key, kind="group")))
            covered.update(range(s, e))
        return _longest(out)

    # ----------------------------------------------------------------- pass 3: sector hints

    def _hint(self, doc: Doc, spans: list[tuple[int, int, ActorRef]]) -> list[tuple[int, int, ActorRef]]:
        out = []
        for s, e, ref in spans:
            if ref.kind == "state" and ref.sector is None and e < len(doc):
                nxt = doc[e + 1] if doc[e].lower_ in ("'s", "\u2019s") and e + 1 < len(doc) else doc[e]
                sector = self.kb.hint_nouns.get(nxt.lower_)
                if sector:
                    ref = ref.model_copy(update={"sector": sector})
            out.append((s, e, ref))
        return out

    # ----------------------------------------------------------------- pass 4: reference

    def _gender(self, ref: ActorRef) -> str | None:
        person = self.kb.person_for(ref)
        return person.gender if person else None

    def _references(self, doc: Doc, spans: list[tuple[int, int, ActorRef]]) -> list[tuple[int, int, ActorRef]]:
        sent_of = _sentence_index(doc)
        by_start = {s: (s, e, r) for s, e, r in spans}
        covered = {i for s, e, _ in spans for i in range(s, e)}
        title_at = {s: e for _, s, e in self.phrases(doc) if doc[s:e].text.lower() in self.kb.titles}
        history: list[_Mention] = []
        groups = _armed_groups(spans)
        home = self._home_state(groups)
        out = list(spans)
        i = 0
        while i < len(doc):
            if i in by_start:
                s, e, ref = by_start[i]
                if ref.code == "UNK" and s > 1 and doc[s - 1].text == ")":
                    # "the Central African Republic (CAR) government": the state in the brackets
                    state = next((r for _, e2, r in by_start.values() if e2 == s - 1 and r.kind == "state"), None)
                    if state is not None:
                        ref = state.model_copy(update={"entity_text": doc[s:e].text, "sector": ref.sector or state.sector})
                        out[out.index((s, e, by_start[i][2]))] = (s, e, ref)
                if ref.code == "UNK" and _is_cabinet(doc[s:e]):
                    out.remove((s, e, by_start[i][2]))  # "formed a new government": a thing, not an actor
                    i = e
                    continue
                whose_state = (_state_in_modifiers(doc, s, e, spans)
                               if ref.code == "UNK" and ref.kind == "group" else None)
                if whose_state is not None:
                    # "Libya's UN-backed government", "the Tripoli-based authorities": that state's
                    ref = whose_state.model_copy(update={"entity_text": doc[s:e].text, "sector": ref.sector})
                    out[out.index(by_start[i])] = (s, e, ref)
                if ref.code == "UNK":  # "the army" the tagger left unresolved: whose army?
                    # its "the", perhaps before a modifier the tagger left out ("the government army")
                    start = next((s - k for k in (1, 2, 3) if s - k >= 0 and doc[s - k].lower_ == "the"), s)
                    described = _description(doc, start, covered - set(range(s, e)), history, sent_of, groups, home)
                    owner = _owner_of(doc, s, history, sent_of) if ref.kind != "person" else None
                    if owner is not None:
                        # "Mikati confirmed that his government had agreed": the government of his state
                        ref = ref.model_copy(update={"code": owner.code, "kind": ref.kind or "state",
                                                     "entity_text": doc[s:e].text})
                        out[out.index(by_start[i])] = (s, e, ref)
                    elif described is not None and described[0] == e:
                        out[out.index((s, e, ref))] = (s, e, described[1].model_copy(
                            update={"entity_text": doc[s:e].text}))
                        ref = described[1]
                    elif ref.kind == "person" and ref.sector and e - s > 1:
                        # "government spokesman Ange-Maxime Kazagui": an unknown official of the country
                        # the bare "government" would stand for
                        whose = _description(doc, s, covered - set(range(s, e)), history, sent_of, groups, home,
                                             prefix=True)
                        if whose is not None and whose[1].code != "UNK":
                            ref = ref.model_copy(update={"code": whose[1].code})
                            out[out.index(by_start[i])] = (s, e, ref)
                if ref.kind == "person":
                    history.append(_Mention(s, ref, self._gender(ref), _is_subject(doc[s:e]), sent_of[s]))
                elif ref.kind == "group":
                    history.append(_Mention(s, ref, PLURAL, _is_subject(doc[s:e]), sent_of[s]))
                elif ref.kind in ("state", "institution"):
                    history.append(_Mention(s, ref, NEUTER, _is_subject(doc[s:e]), sent_of[s]))
                i = e
                continue
            tok = doc[i]
            if i in covered:
                i += 1
                continue
            plural = tok.lower_ in PLURAL_PRONOUNS
            described = _description(doc, i, covered, history, sent_of, groups, home)
            if described is not None:
                e, ref = described
                out.append((i, e, ref))
                history.append(_Mention(i, ref, PLURAL if ref.kind == "group" else NEUTER,
                                        _is_subject(doc[i:e]), sent_of[i]))
                i = e
                continue
            if tok.lower_ in REFERENCES.neuter and tok.pos_ in ("PRON", "DET", "") and _is_subject(doc[i:i + 1]):
                ante = (_speaker_of(tok, history)
                        or _antecedent(history, NEUTER, sent_of[i], window=1, subjects_only=True, also=(PLURAL,)))
                if ante is not None and ante.ref.kind != "person":
                    ref = ante.ref.model_copy(update={"entity_text": tok.text})
                    out.append((i, i + 1, ref))
                    history.append(_Mention(i, ref, ante.gender, True, sent_of[i]))
            elif (tok.lower_ in PRONOUN_GENDER or plural) and tok.pos_ in ("PRON", "DET", ""):
                ante = ((_speaker_of(tok, history) or _antecedent(history, PLURAL, sent_of[i], window=1,
                                                                   subjects_only=True)) if plural
                        else _antecedent(history, PRONOUN_GENDER[tok.lower_], sent_of[i]))
                if ante is not None:
                    ref = ante.ref.model_copy(update={"entity_text": tok.text})
                    out.append((i, i + 1, ref))
                    history.append(_Mention(i, ref, ante.gender, _is_subject(doc[i:i + 1]), sent_of[i]))
            elif i in title_at and i > 0 and doc[i - 1].lower_ == "the":
                e = title_at[i]
                if not (e < len(doc) and (doc[e].lower_ == "of" or doc[e].ent_type_ == "PERSON")):
                    ref = self._short_reference(doc[i - 1:e].text, history, sent_of[i])
                    if ref is not None:
                        out.append((i - 1, e, ref))
                        history.append(_Mention(i - 1, ref, self._gender(ref), _is_subject(doc[i:e]), sent_of[i]))
                        i = e
                        continue
            i += 1
        return sorted(out, key=lambda t: t[0])

    def _home_state(self, groups: dict[str, ActorRef]) -> ActorRef | None:
        """The one country where all the armed groups a doc names fight, as a state; else None."""
        countries = {c for code in groups if code in self.kb.armed_groups for c in self.kb.armed_groups[code].country}
        if len(countries) != 1:
            return None
        (code,) = countries
        return self.kb.state_ref(code)

    def _short_reference(self, text: str, history: list[_Mention], sent: int) -> ActorRef | None:
        """'the president' -> the most recent person in the article holding a matching office."""
        words = text.split(maxsplit=1)
        title = self.kb.titles.get(words[-1].lower())
        if title is None:
            return None
        offices = set(title.offices)
        for m in reversed(history):
            if sent - m.sent > TITLE_WINDOW:
                break
            if m.ref.office in offices or ("@leader" in offices and m.ref.office in ("president", "prime minister")):
                return m.ref.model_copy(update={"entity_text": text})
        return None

    # ----------------------------------------------------------------- component

    def __call__(self, doc: Doc) -> Doc:
        on = _as_date(doc._.published)
        spans = self._kb_spans(doc, on)
        spans = self._entity_spans(doc, spans, on)
        spans = self._standalone(doc, _longest(spans))
        spans = self._hint(doc, spans)
        spans = [s for s in spans if not _capital_as_place(doc, s) and not _sponsor_of_next(doc, s)
                 and not _a_language(doc, s) and not _ends_a_place_name(doc, s)]
        spans = [s for s in spans if not _rebels_nationality(doc, s, spans)]
        spans = self._references(doc, spans)
        spans = _possessed_institutions(doc, spans, self.kb.sector_nouns)
        spans = _appositive_roles(doc, spans)
        spans = _later_surnames(spans)
        group = SpanGroup(doc, name=SPAN_KEY, spans=[doc[s:e] for s, e, _ in spans])
        doc.spans[SPAN_KEY] = group
        for span, (_, _, ref) in zip(group, spans):
            span._.actor = ref
        return doc


# --------------------------------------------------------------------------- helpers


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _longest(items: list[tuple[int, int, ActorRef]]) -> list[tuple[int, int, ActorRef]]:
    """Non-overlapping spans, longest first (ties: earliest)."""
    chosen: list[tuple[int, int, ActorRef]] = []
    used: set[int] = set()
    for s, e, ref in sorted(items, key=lambda t: (-(t[1] - t[0]), t[0])):
        if not any(i in used for i in range(s, e)):
            chosen.append((s, e, ref))
            used.update(range(s, e))
    return sorted(chosen, key=lambda t: t[0])


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of each token (all 0 when the doc has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    index, n = [], -1
    for tok in doc:
        if tok.is_sent_start or n < 0:
            n += 1
        index.append(n)
    return index


def _is_subject(span: Span) -> bool:
    root = span.root
    if root.dep_ in SUBJECT_DEPS:
        return True
    return root.dep_ in ("appos", "compound", "conj") and root.head.dep_ in SUBJECT_DEPS


def _speaker_of(tok, history: list[_Mention]) -> _Mention | None:
    """"The ministry denied the claims and said it struck only military positions": "it" (or "they")
    in what a state, institution or group said is that speaker."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not subjects:
        return None
    span = {t.i for t in subjects[0].subtree}
    found = [m for m in history if m.start in span and m.ref.kind in ("state", "institution", "group")]
    return found[-1] if found else None


def _owner_of(doc: Doc, s: int, history: list[_Mention], sent_of: list[int]) -> ActorRef | None:
    """"his government", "her army": the state (or group) of the person the pronoun refers to."""
    if s == 0 or doc[s - 1].lower_ not in ("his", "her"):
        return None
    ante = _antecedent(history, PRONOUN_GENDER[doc[s - 1].lower_], sent_of[s])
    if ante is None or ante.ref.kind != "person" or ante.ref.code in ("UNK", "", None):
        return None
    return ante.ref


def _antecedent(history: list[_Mention], gender: str, sent: int, window: int = PRONOUN_WINDOW,
                subjects_only: bool = False, also: tuple[str, ...] = ()) -> _Mention | None:
    """The most recent compatible mention: subjects first, same sentence, then earlier ones.
    A person of unknown gender fits he and she; a group ('pl') fits only they (and "it", via `also`)."""
    fits = ((gender,) if gender in (PLURAL, NEUTER) else (gender, None)) + also
    for back in range(window + 1):
        here = [m for m in history if m.sent == sent - back and m.gender in fits]
        for m in reversed(here):
            if m.subject:
                return m
        if here and not subjects_only:
            return here[-1]
    return None


@dataclass(frozen=True)
class Description:
    """A definite description of references.yaml ("the army", "opposition groups")."""

    words: tuple[str, ...]
    sectors: frozenset[str]
    states: bool  # a state's forces or offices: may stand for the state the report is about
    bare: bool  # needs no "the"
    ahead: bool  # with no antecedent, may stand for the one armed group named later
    named_only: bool = False  # stands only for an actor named with the same noun ("the ministry")


@dataclass(frozen=True)
class References:
    """data/references.yaml: words that refer back to an actor named earlier."""

    neuter: frozenset[str]
    descriptions: tuple[Description, ...]  # longest first
    window: int
    locative_preps: frozenset[str]
    venue_nouns: frozenset[str]
    motion_verbs: frozenset[str]
    nonstate_words: frozenset[str]
    cabinet_verbs: frozenset[str] = frozenset()
    charge_verbs: frozenset[str] = frozenset()
    nonstate_phrases: tuple[tuple[str, ...], ...] = ()
    sponsor_participles: frozenset[str] = frozenset()
    language_nouns: frozenset[str] = frozenset()
    institution_nouns: frozenset[str] = frozenset()


def _load_references() -> References:
    data = read_yaml("references.yaml")
    return References(
        neuter=frozenset(data["neuter_pronouns"]),
        descriptions=tuple(sorted((Description(tuple(k.split()), frozenset(v["sectors"]), bool(v.get("states")),
                                               bool(v.get("bare")), bool(v.get("ahead")), bool(v.get("named_only")))
                                   for k, v in data["descriptions"].items()), key=lambda d: -len(d.words))),
        window=int(data["window"]),
        locative_preps=frozenset(data["locative_preps"]),
        venue_nouns=frozenset(data["venue_nouns"]),
        motion_verbs=frozenset(data["motion_verbs"]),
        nonstate_words=frozenset(data["nonstate_words"]),
        cabinet_verbs=frozenset(data.get("cabinet_verbs") or ()),
        charge_verbs=frozenset(data.get("charge_verbs") or ()),
        nonstate_phrases=tuple(tuple(p.split()) for p in data.get("nonstate_phrases") or ()),
        sponsor_participles=frozenset(data.get("sponsor_participles") or ()),
        language_nouns=frozenset(data.get("language_nouns") or ()),
        institution_nouns=frozenset(data.get("institution_nouns") or ()))


REFERENCES = _load_references()


def _appositive_roles(doc: Doc, spans: list[tuple[int, int, ActorRef]]) -> list[tuple[int, int, ActorRef]]:
    """An unknown person named beside a role of a known actor speaks for it: "a spokesman for the
    rebel coalition, Mohamed Ramadane," and "Ramadane, a spokesman for the CMA," are the CMA's; so is
    a later mention of the same name ("Ramadane said ...")."""
    def owner_at(tok: Token) -> ActorRef | None:
        for s2, e2, r in spans:
            if s2 <= tok.i < e2 and r.code != "UNK":
                return r
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found = next((r for s2, e2, r in spans if s2 <= pobj.i < e2 and r.code != "UNK"), None)
                if found is not None:
                    return found
        return None

    roles: dict[str, ActorRef] = {}
    for s, e, ref in spans:
        if ref.code != "UNK" or ref.kind != "person":
            continue
        root = doc[s:e].root
        role = root.head if root.dep_ == "appos" else next((c for c in root.children if c.dep_ == "appos"), None)
        if role is not None and role.pos_ == "PROPN" and role.dep_ == "pobj" and role.head.lower_ in ("for", "of") \
                and role.head.head.pos_ == "NOUN":
            role = role.head.head  # "a spokesman for the CMA, Mohamed Ramadane,": the parser hung him on the CMA
        if role is None or role.pos_ != "NOUN":
            continue
        owner = owner_at(role)
        if owner is not None:
            roles[ref.entity_name or ref.entity_text] = owner
    if not roles:
        return spans
    out = []
    for s, e, ref in spans:
        owner = roles.get(ref.entity_name or "") if ref.code == "UNK" and ref.kind == "person" else None
        if owner is not None:
            ref = ref.model_copy(update={"code": owner.code, "sector": owner.sector})
        out.append((s, e, ref))
    return out


def _later_surnames(spans: list[tuple[int, int, ActorRef]]) -> list[tuple[int, int, ActorRef]]:
    """A name alone takes what the same person's first, titled mention resolved to: "said Mao" after
    "Chinese foreign ministry spokesperson Mao Ning" is that spokesperson, China's. A word of the
    name matches (family names come first in some languages, last in others; "al-" is dropped),
    unless it is part of two such names that resolve to different actors."""
    known: dict[str, ActorRef] = {}
    clash: set[str] = set()
    out = []
    for s, e, ref in spans:
        if ref.kind == "person" and ref.entity_name:
            name = ref.entity_name
            if ref.code != "UNK":
                words = name.split()
                for key in {name, *(w.removeprefix("al-") for w in words if len(words) > 1)}:
                    if key in known and known[key].code != ref.code:
                        clash.add(key)
                    known.setdefault(key, ref)
            elif name in known and name not in clash:
                ref = known[name].model_copy(update={"entity_text": ref.entity_text})
        out.append((s, e, ref))
    return out


@lru_cache(maxsize=1)
def _state_nouns() -> frozenset[str]:
    """The nouns of a state's own bodies: each `states: true` description's noun, and `institution_nouns`."""
    return frozenset({d.words[-1] for d in REFERENCES.descriptions if d.states} | REFERENCES.institution_nouns)


def _state_in_modifiers(doc: Doc, s: int, e: int, spans: list[tuple[int, int, ActorRef]]) -> ActorRef | None:
    """The state named among the modifiers of a group noun the tagger left unknown: "Libya's UN-backed
    government", "the Tripoli-based government" (a capital stands for its state)."""
    root = doc[s:e].root
    if root.pos_ not in ("NOUN", "PROPN") or root.lower_ not in _state_nouns():  # not "Saudi and American mediators"
        return None
    before = range(root.left_edge.i, s)
    found = [r for s2, e2, r in spans if s2 in before and e2 <= s and r.kind == "state" and r.code != "UNK"]
    return found[-1] if found else None


def _possessed_institutions(doc: Doc, spans: list[tuple[int, int, ActorRef]],
                            sector_nouns: dict[str, tuple[str, str]]) -> list[tuple[int, int, ActorRef]]:
    """"Pakistan ... its Foreign Office": a state's institution after "its" is that of the state named
    last before it (in this sentence or the one before), not the one its name belongs to; an
    institution the tagger left unknown ("its Foreign Ministry") too, with its sector noun's sector."""
    out = []
    for s, e, ref in spans:
        noun = sector_nouns.get(doc[s:e].text.lower()) if ref.code == "UNK" else None
        if noun is not None and noun[1] == "institution":
            ref = ref.model_copy(update={"kind": "institution", "sector": ref.sector or noun[0]})
        if ref.kind == "institution" and s > 0 and doc[s - 1].lower_ in ("its", "their"):
            first = doc[s].sent.start
            before = doc[first - 1].sent.start if first > 0 else first
            owner = next((r for s2, _, r in reversed(spans) if before <= s2 < s and r.kind == "state"), None)
            if owner is not None and owner.code != ref.code:
                ref = ref.model_copy(update={"code": owner.code, "identifier_id": None, "entity_name": doc[s:e].text})
        out.append((s, e, ref))
    return out


def _is_cabinet(span: Span) -> bool:
    """'formed a new government', 'joined the government', 'a government of national unity'."""
    root = span.root
    if root.lemma_.lower() != "government":
        return False
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in REFERENCES.cabinet_verbs:
        return True
    if root.dep_ == "pobj" and root.head.head.lemma_.lower() in REFERENCES.cabinet_verbs:
        return True  # "joined in the government", "set up a transitional government"
    if root.dep_ == "dobj" and root.head.lemma_.lower() in REFERENCES.charge_verbs:
        return False  # "accused the government of violations": the charge's object
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children) for c in root.children)


def _ends_a_place_name(doc: Doc, span: tuple[int, int, ActorRef]) -> bool:
    """A state's name that ends a longer place name ("Port Sudan", "Puerto Jordan") is the place."""
    s, e, ref = span
    tok = doc[s]
    return (ref.kind == "state" and s > 0 and tok.ent_iob_ == "I" and tok.ent_type_ in ("GPE", "LOC", "FAC")
            and doc[s - 1].pos_ == "PROPN" and doc[s - 1].text[:1].isupper())


def _a_language(doc: Doc, span: tuple[int, int, ActorRef]) -> bool:
    """"the Spanish acronym for National Liberation Army": a language, not the state."""
    e = span[1]
    return (span[2].kind == "state" and e - span[0] == 1 and e < len(doc)
            and doc[e].lemma_.lower() in REFERENCES.language_nouns)


def _sponsor_of_next(doc: Doc, span: tuple[int, int, ActorRef]) -> bool:
    """"the UN-backed government", "a US-brokered truce": the name qualifies the noun after it (a
    sponsor, not an actor of the sentence)."""
    e = span[1]
    return (e + 1 < len(doc) and doc[e].text in ("-", "\u2013") and not doc[e].whitespace_
            and doc[e + 1].lower_ in REFERENCES.sponsor_participles)


def _capital_as_place(doc: Doc, span: tuple[int, int, ActorRef]) -> bool:
    """A capital named as where something happens ("talks in Caracas") is a place, not its government."""
    s, e, ref = span
    root = doc[s:e].root
    if ref.kind != "state" or ref.sector != "GOV" or root.pos_ != "PROPN" or doc[s:e].text == ref.entity_name:
        return False
    if root.dep_ == "pobj" and root.head.lower_ in REFERENCES.locative_preps:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "from") and root.head.head.lemma_.lower() in REFERENCES.motion_verbs:
        return True  # "will travel to Bangkok", "flew back from Moscow"
    # "the Doha declaration", "the Jeddah talks": the city names the meeting, not a party to it
    return root.dep_ in ("compound", "nmod", "amod") and root.head.lemma_.lower() in REFERENCES.venue_nouns


def _rebels_nationality(doc: Doc, span: tuple[int, int, ActorRef], spans: list[tuple[int, int, ActorRef]]) -> bool:
    """"Mozambican rebel leader Afonso Dhlakama": the state names the rebels' country, not a second actor,
    when a word of `nonstate_words` follows it and an armed group's member is named right after."""
    s, e, ref = span
    if ref.kind == "state" and e + 1 < len(doc) and doc[e].tag_ == "POS":
        # "one of the Central African Republic's main armed groups": the groups of that country
        k = e + 1
        while k <= e + 3 and k < len(doc) and doc[k].pos_ == "ADJ" and not _starts_phrase(doc, k):
            k += 1
        return k < len(doc) and (doc[k].lower_ in REFERENCES.nonstate_words or _starts_phrase(doc, k))
    if ref.kind == "state" and e < len(doc) and doc[e].lower_ not in REFERENCES.nonstate_words:
        # "An alliance of Myanmar ethnic minority armed groups": the groups' country, not an actor
        k = e
        while k < e + 3 and k < len(doc) and doc[k].pos_ in ("ADJ", "NOUN") and not _starts_phrase(doc, k) \
                and doc[k].lower_ not in REFERENCES.nonstate_words:
            k += 1
        return k < len(doc) and _starts_phrase(doc, k)
    if ref.kind != "state" or e >= len(doc) or doc[e].lower_ not in REFERENCES.nonstate_words:
        return False
    return any(e < s2 <= e + 4 and r.sector in _ARMED_SECTORS and r.kind != "state" for s2, _, r in spans)


def _starts_phrase(doc: Doc, k: int) -> bool:
    """Whether one of references.yaml's `nonstate_phrases` ("armed groups") starts at token k."""
    return any(tuple(t.lower_ for t in doc[k:k + len(p)]) == p for p in REFERENCES.nonstate_phrases)


def _dominant_state(history: list[_Mention]) -> list[_Mention]:
    """The mentions of the state named at least twice as often as any other so far, else none."""
    counts = Counter(m.ref.code for m in history if m.ref.kind == "state")
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return []
    return [m for m in history if m.ref.kind == "state" and m.ref.code == ranked[0][0]]


#: Sectors of the non-state sides an unnamed "rebels" or "opposition groups" can stand for.
_ARMED_SECTORS = frozenset({"REB", "PRM", "UAF", "OPP"})


def _armed_groups(spans: list[tuple[int, int, ActorRef]]) -> dict[str, ActorRef]:
    """The named non-state armed groups of a doc, by code (the first mention of each)."""
    out: dict[str, ActorRef] = {}
    for _, _, ref in spans:
        if ref.code != "UNK" and ref.kind != "state" and ref.sector in _ARMED_SECTORS:
            out.setdefault(ref.code, ref)
    return out


def _description(doc: Doc, i: int, covered: set[int], history: list[_Mention], sent_of: list[int],
                 groups: dict[str, ActorRef] | None = None,
                 home: ActorRef | None = None, prefix: bool = False) -> tuple[int, ActorRef] | None:
    """'the army', 'the group' at token i (the determiner; none needed for a `bare` description:
    'government forces'): (end, the actor it refers to).  A non-state description with no antecedent
    (`ahead`) refers forward to the one armed group the doc names, if it names exactly one ("the government and
    opposition groups signed ..., said the SPLM-IO's deputy"); a state's description with no state
    named refers to the one country where the doc's armed groups fight (`home`)."""
    det = 1 if doc[i].lower_ == "the" else 0
    if not det and (i > 0 and doc[i - 1].lower_ == "the"):
        return None  # its "the" was tried at i - 1
    for desc in REFERENCES.descriptions:
        words, sectors, states = desc.words, desc.sectors, desc.states
        if not det and not desc.bare and not prefix:
            continue
        e = i + det + len(words)
        if e > len(doc) or tuple(t.lower_ for t in doc[i + det:e]) != words or covered & set(range(i, e)):
            continue
        if e < len(doc) and doc[e].lower_ == "of" and doc[e].head.i == e - 1 and any(
                c.dep_ == "pobj" and c.pos_ == "PROPN" for c in doc[e].children):
            return None  # "the army of Sudan": not a bare reference ("accused the rebels of ..." is)
        if not prefix and e < len(doc) and doc[e - 1].head.i == e and doc[e].pos_ in ("NOUN", "PROPN"):
            return None  # "the group leader", "the army chief"
        if states and home is not None and _beside_a_group(doc[e - 1], groups or {}):
            # "both the government and the TPLF accepted": the government the group fights, whichever
            # state's officials spoke last
            return e, home.model_copy(update={"entity_text": doc[i:e].text, "sector": sorted(sectors)[0]})
        recent = [m for m in history if sent_of[i] - m.sent <= REFERENCES.window and m.ref.sector in sectors
                  and m.ref.code != "UNK"]  # "the group's leader Sidiki" (unknown) is no government
        # "Thailand's army said Cambodian troops fired ... The army said": the actor named with the same noun
        same = [m for m in recent if words[-1] in (m.ref.entity_text or "").lower().split()]
        if same or desc.named_only:
            recent = same
        if not recent and states:  # "Sudan's army ... the army": a state whose forces were named
            recent = [m for m in history if m.ref.kind == "state" and m.ref.sector in sectors]
        if not recent and states:  # a report about one country: "the government" is its government
            recent = _dominant_state(history)
        if not recent and states and home is not None:  # "the SPLM-IO said the army ...": South Sudan's
            recent = [_Mention(i, home, NEUTER, False, sent_of[i])]
        if not recent and desc.ahead:
            named = [g for g in (groups or {}).values() if g.sector in sectors]
            if len(named) > 1:  # "a rebel coalition" among several groups: the one called a coalition
                named = [g for g in named if words[-1] in (g.entity_name or "").lower().split()]
            recent = [_Mention(i, named[0], PLURAL, False, sent_of[i])] if len(named) == 1 else []
        if not recent:
            return None
        ref = recent[-1].ref
        if ref.sector not in sectors:
            ref = ref.model_copy(update={"sector": sorted(sectors)[0]})
        return e, ref.model_copy(update={"entity_text": doc[i:e].text, "kind": ref.kind})
    return None


def _beside_a_group(head: Token, groups: dict[str, ActorRef]) -> bool:
    """The noun is coordinated with a name of one of the doc's armed groups ("the army and the RSF")."""
    names = {w for g in groups.values() for w in f"{g.code} {g.entity_text or ''} {g.entity_name or ''}".split()
             if w[:1].isupper()}
    conj = [c for c in head.children if c.dep_ == "conj"] + ([head.head] if head.dep_ == "conj" else [])
    return any(c.text in names for c in conj)


@Language.factory(
    "detente_actors",
    default_config={"kb_path": None},
    requires=["doc.ents", "token.dep", "token.pos"],
    assigns=["doc.spans", "span._.actor"],
)
def make_actor_tagger(nlp: Language, name: str, kb_path: str | None) -> ActorTagger:
    """Build the component; `kb_path` overrides data/actors.yaml (tests, experiments)."""
    return ActorTagger(nlp, load_kb_file(kb_path) if kb_path else load_kb())
