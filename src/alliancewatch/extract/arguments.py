"""Who is named where in a parsed sentence: actor mentions on tokens, noun-phrase actors, subjects.

The gazetteer finds actor mentions in a sentence's text; :class:`SentenceActors` puts them on spaCy
tokens, and its methods walk the dependency parse (never word windows):

- :meth:`SentenceActors.np_actors`: the actors a noun phrase names, through its modifiers ("Israeli
  strikes", "Russia's delivery", "the Turkish and Greek sides"), appositions, coordination ("Russia and
  China"), "of" phrases ("the government of Iran") and, for agent nouns, places ("security forces in
  Guinea"); possessive and personal pronouns are resolved (:meth:`antecedent`).
- :meth:`SentenceActors.subject`: the subject of a verb, inherited where English leaves it out
  (infinitives, coordinated verbs, participles, relative clauses), with object control ("urged Iran to").

Nothing here knows about events; :mod:`alliancewatch.extract.events` builds on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from alliancewatch.extract.gazetteer import Actor, Mention
from alliancewatch.extract.gazetteer_data import make_actor
from alliancewatch.extract.lexicon_rules import Rules
from alliancewatch.extract.syntax import (
    Span,
    Token,
    infinitive,
    is_passive,
    misparsed_main_verb,
    object_of,
    passive_subject,
    prep_objects,
    relative_clause,
)

_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_REFLEXIVE = frozenset({"itself", "themselves", "himself", "herself", "themself", "ourselves"})
_STATE_KINDS = frozenset({"name", "capital", "metonym", "epithet", "igo"})
_MODIFIERS = ("compound", "amod", "poss", "nmod", "appos", "npadvmod", "nummod")
_SUBJECTS = ("nsubj", "csubj")
#: Mention kinds that name a people or a language-like adjective, not an institution that acts.
POPULAR_KINDS = frozenset({"adjective", "demonym"})
#: Mention kinds that can name a place.
PLACE_KINDS = frozenset({"name", "capital", "metonym", "epithet", "place"})


@dataclass(frozen=True)
class Found:
    """Actors found for a phrase, and how: ``inherited`` (from another clause) or ``pronoun``."""

    actors: tuple[Actor, ...]
    how: str = "direct"
    kinds: tuple[str, ...] = ()


@dataclass
class DocMemory:
    """What a document has said so far: the last named subject actors, for pronouns across sentences."""

    last_subject: tuple[Actor, ...] = ()
    #: the states named so far in the document (by name or capital), for titles that name none
    countries: tuple[str, ...] = ()
    by_sentence: list[tuple[Actor, ...]] = field(default_factory=list)


class SentenceActors:
    """Actor mentions of one sentence, laid on its tokens, with the parse walks that use them."""

    def __init__(
        self,
        sent: Span,
        mentions: Sequence[Mention],
        rules: Rules,
        memory: DocMemory,
        states: Mapping[str, str] | None = None,
        sectors: Mapping[str, str] | None = None,
        titles: frozenset[str] = frozenset(),
    ) -> None:
        self.sent = sent
        self.titles = titles
        self.sectors = sectors or {}
        self.memory = memory
        self.pronouns = rules.pronouns
        self.agent_nouns = rules.agent_nouns
        self.force_nouns = rules.force_nouns
        self.rules = rules
        self.states = states or {}
        self._at: dict[int, tuple[Actor, ...]] = {}
        self._kind: dict[int, str] = {}
        self.mentions = []
        doc = sent.doc
        base = sent.start_char
        for mention in mentions:
            span = doc.char_span(base + mention.start, base + mention.end, alignment_mode="expand")
            if span is None:
                continue
            if mention.kind in POPULAR_KINDS and _names_a_thing(span, rules.thing_nouns):
                continue  # "the Russian language", "Persian carpets": a trait of a thing, no actor
            if mention.kind == "sector" and span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
                continue  # "ethnic Russian separatists": armed people of wherever they act, not Russia's
            self.mentions.append(mention)
            for token in span:
                self._at[token.i] = mention.actors
                self._kind[token.i] = mention.kind

    # -- mentions on tokens --------------------------------------------------------------------------
    def at(self, token: Token) -> tuple[Actor, ...]:
        """The actors of the mention covering ``token`` (empty if none)."""
        return self._at.get(token.i, ())

    def kind(self, token: Token) -> str | None:
        """The gazetteer kind of the mention covering ``token`` (``name``, ``adjective``…)."""
        return self._kind.get(token.i)

    def state(self, country: str) -> Actor:
        """The state ``country`` as a whole (its display name from the gazetteer)."""
        return make_actor(self.states.get(country, country), country, None)

    def generic(
        self, token: Token, generic_words: frozenset[str], persons: bool = False
    ) -> tuple[Token, str | None] | None:
        """A phrase that names people or forces without naming whose ("police", "thousands of
        students", "candidate Alassane Ouattara"): its head word and the sector that word gives (None for
        a word with no sector); None when the phrase names an actor or is no generic word. With
        ``persons``, a person's name the gazetteer does not know is such a phrase too."""
        if token.pos_ == "PRON":
            return None
        if token.i in self._at:
            if not self.ethnic(token):
                return None
            return token, None  # "ethnic Albanians": people, placed where they act
        if token.lemma_.lower() in self.rules.quantity_nouns:  # "thousands of students": the students
            inner = next((o for c in token.children if c.lower_ == "of" for o in prep_objects(c)), None)
            if inner is None or inner.i in self._at:
                return None
            token = inner
        word, lemma = token.lower_, token.lemma_.lower()
        sector = self.sectors.get(word) or self.sectors.get(lemma)
        if sector is None and lemma not in generic_words and word not in generic_words:
            if token.pos_ != "PROPN":
                return None
            # "opposition leader Bola Tinubu", "candidate Alassane Ouattara": the title word says who
            titles = [
                c
                for c in token.subtree
                if c.i < token.i and c.dep_ in ("compound", "amod") and c.pos_ == "NOUN"
            ]
            words = [(c.lower_, c.lemma_.lower()) for c in titles if c.i not in self._at]
            known = [self.sectors.get(w) or self.sectors.get(m) for w, m in words]
            titled = any(w in generic_words or m in generic_words for w, m in words)
            if any(s is not None for s in known):
                sector = next(s for s in known if s is not None)
            elif not titled and not (persons and token.ent_type_ == "PERSON"):
                return None
        if any(
            c.dep_ in ("amod", "compound", "poss") and c.i in self._at and not self.ethnic(c)
            for c in token.children
        ):
            return None  # "Iranian police" names its country already
        return token, sector

    def title(self, token: Token) -> bool:
        """True for an office word that names no country ("the Socialist prime minister", "the
        president"): no mention on it or its modifiers, and its words end in a role of ``roles.csv``."""
        if token.i in self._at or any(c.i in self._at for c in token.subtree):
            return False
        doc = token.doc
        phrases = (" ".join(t.lower_ for t in doc[max(token.i - k, 0) : token.i + 1]) for k in range(4))
        return any(p in self.titles for p in phrases)

    def named_countries(self) -> tuple[str, ...]:
        """The states this sentence names by name or capital, in order."""
        found = (a.country for m in self.mentions if m.kind in ("name", "capital", "place") for a in m.actors)
        return tuple(dict.fromkeys(c for c in found if c and c != "IGO"))

    def ethnic(self, token: Token) -> bool:
        """True for a people word that names an ethnic group or diaspora, not a state: "ethnic
        Albanians", "ethnic Russian separatists", "the Armenian diaspora", "of Turkish origin"."""
        if self._kind.get(token.i) not in POPULAR_KINDS:
            return False
        before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
        if before == "ethnic" or any(c.lower_ == "ethnic" for c in token.children):
            return True
        return token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in self.rules.people_groups

    def has_actors(self) -> bool:
        return bool(self._at)

    # -- noun phrases --------------------------------------------------------------------------------
    def np_actors(self, token: Token, skip: Iterable[int] = ()) -> Found:
        """The actors a noun phrase headed by ``token`` names (see the module docstring); ``skip`` are
        token indices not to look at (a noun trigger's own modifier words)."""
        actors: list[Actor] = []
        kinds: list[str] = []
        how = self._collect(token, frozenset(skip), actors, kinds, 0, True)
        return Found(tuple(dict.fromkeys(actors)), how, tuple(kinds))

    def _collect(
        self,
        token: Token,
        skip: frozenset[int],
        actors: list[Actor],
        kinds: list[str],
        depth: int,
        resolve: bool,
    ) -> str:
        how = "direct"
        if depth > 6:
            return how
        own = self.at(token)
        if own and self.ethnic(token):
            # "ethnic Albanians", "the Turkish community": a people, of wherever it lives or acts
            own = self._place_of(token, skip, depth, resolve)
        elif own and self._kind.get(token.i) == "demonym":
            # "Albanians of southern Serbia", "Palestinians in Gaza": a people where it lives
            place = self._place_of(token, skip, depth, resolve)
            own = place or own
        if own:
            actors.extend(own)
            kinds.append(self._kind.get(token.i, ""))
            actors.extend(self._shared_head(token, own, skip, kinds, depth, resolve))
        elif token.pos_ == "PRON" or token.lower_ in self.pronouns:
            # "blew themselves up": who acts on itself is no target of its own event
            if resolve and token.lower_ not in _RELATIVE and token.lower_ not in _REFLEXIVE:
                found = self.antecedent(token)
                actors.extend(found.actors)
                if found.actors:
                    how = "pronoun"
        else:
            before = len(actors)
            for child in token.children:
                if child.dep_ not in _MODIFIERS or child.i in skip:
                    continue
                if self._collect(child, skip, actors, kinds, depth + 1, resolve) == "pronoun":
                    how = "pronoun"
            if len(actors) == before:
                for child in token.children:
                    if child.dep_ == "prep" and self._place_prep(token, child):
                        for obj in prep_objects(child):
                            self._collect(obj, skip, actors, kinds, depth + 1, resolve)
        for child in token.children:
            if child.dep_ == "conj":
                self._collect(child, skip, actors, kinds, depth + 1, resolve)
        return how

    def _shared_head(
        self,
        token: Token,
        own: tuple[Actor, ...],
        skip: frozenset[int],
        kinds: list[str],
        depth: int,
        resolve: bool,
    ) -> list[Actor]:
        """Coordinated modifiers share their head: "Russian and Chinese warships" is both navies, though
        the gazetteer read "Chinese warships" as one mention; each other state takes the head's sector."""
        out: list[Actor] = []
        for child in token.children:
            if child.dep_ not in ("amod", "nmod", "compound") or child.i in skip or self.at(child) == own:
                continue
            if not any(c.dep_ == "conj" for c in child.children):
                continue
            found: list[Actor] = []
            self._collect(child, skip, found, kinds, depth + 1, resolve)
            sector = own[0].sector
            for actor in found:
                if actor.country and all(a.country != actor.country for a in own):
                    out.append(make_actor(self.state(actor.country).name, actor.country, sector))
        return out

    def _place_prep(self, head: Token, prep: Token) -> bool:
        word = prep.lower_
        if word in ("of", "by"):
            return True
        lemma = head.lemma_.lower()
        if word == "from":  # "activists from Fatah", but "forces from Panama" is where they leave
            return lemma in self.agent_nouns and lemma not in self.force_nouns
        return word in ("in", "for") and lemma in self.agent_nouns

    def _place_of(self, token: Token, skip: frozenset[int], depth: int, resolve: bool) -> tuple[Actor, ...]:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                for obj in prep_objects(prep):
                    found: list[Actor] = []
                    kinds: list[str] = []
                    self._collect(obj, skip, found, kinds, depth + 1, resolve)
                    if found and set(kinds) & {"name", "capital", "place"}:
                        return tuple(found)
        return ()

    def places(self, token: Token) -> tuple[Actor, ...]:
        """The state named as a place in the phrase under ``token`` ("in the Gaza Strip", "at the air
        base in western Syria", "the town of Cizre in southeastern Turkey"): the first name, capital or
        seat of power in it, leaving out clauses hung on the phrase."""
        stack = [token]
        seen: list[Token] = []
        while stack and len(seen) < 40:
            node = stack.pop()
            if node is not token and node.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos"):
                continue
            seen.append(node)
            stack.extend(node.children)
        for node in sorted(seen, key=lambda t: t.i):
            if self._kind.get(node.i) in PLACE_KINDS:
                return self.at(node)
        return ()

    # -- subjects ------------------------------------------------------------------------------------
    def subject(self, verb: Token) -> tuple[Token | None, str]:
        """The token that is ``verb``'s subject and how it was found (``direct`` or ``inherited``);
        for a passive verb this is its agent ("by X"), None when there is none."""
        token, how = self._subject(verb, 0)
        relcl = relative_clause(token) if token is not None and token.lower_ in _RELATIVE else None
        if relcl is not None:
            noun = relcl.head  # "a decree that prohibits": the decree, else whoever issued it
            if not self.np_actors(noun).actors and noun.pos_ in ("NOUN", "PROPN"):
                owner, _ = self._owner(noun, 1)
                if owner is not None:
                    return owner, "inherited"
            return noun, "inherited"
        return token, how

    def _subject(self, verb: Token, depth: int) -> tuple[Token | None, str]:
        if depth > 6:
            return None, "direct"
        if is_passive(verb):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            obj = next(iter(prep_objects(agent)), None) if agent is not None else None
            return obj, "direct"
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if subjects:  # "Presidents Putin and Pezeshkian": the parser may give two; take one that names
            named = next((c for c in subjects if self.np_actors(c).actors), subjects[0])
            return named, ("direct" if depth == 0 else "inherited")
        head = verb.head
        if head.i == verb.i:
            return None, "direct"
        dep = verb.dep_
        if dep == "xcomp" or (dep in ("advcl", "ccomp") and infinitive(verb)):
            if head.lemma_.lower() in self.rules.object_control:
                obj = object_of(head)
                if obj is None and is_passive(head):
                    obj = passive_subject(head)  # "Iran was urged to", "was forced to withdraw"
                if obj is not None:
                    return obj, "inherited"
            if dep == "xcomp" and is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
                raised = passive_subject(head)  # "Russia is expected to impose", "is said to have bombed"
                if raised is not None:
                    return raised, "inherited"
            return self._up(head, depth)
        if dep == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in self.rules.object_control:
            obj = object_of(head.head)  # "prohibits Russia from delivering": Russia would deliver
            if obj is not None:
                return obj, "inherited"
        if dep == "ccomp" and depth > 0:  # a participle hung on "there was ...": the clause above acts
            return self._up(head, depth)
        if dep == "conj" and is_passive(head) and not is_passive(verb):
            patient = passive_subject(head)  # "was indicted ... and will resign": the same subject
            return patient, "inherited"
        if dep in ("conj", "advcl", "pcomp", "dep", "parataxis"):
            return self._up(head, depth)
        if dep in ("pobj", "prep"):
            return self._up(head, depth)
        if dep in ("acl", "relcl"):
            if dep == "acl" and misparsed_main_verb(verb):
                return head, "direct"
            if dep == "acl" and verb.tag_ in ("VBG", "VB") and head.pos_ in ("NOUN", "PROPN"):
                return self._owner(head, depth)
            return None, "direct"
        return None, "direct"

    def _up(self, head: Token, depth: int) -> tuple[Token | None, str]:
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("pobj", "dobj"):
                break
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return self._owner(head, depth)
        token, _ = self._subject(head, depth + 1)
        return token, "inherited"

    def _owner(self, noun: Token, depth: int) -> tuple[Token | None, str]:
        """The actor behind a noun that a participle hangs on: the noun itself when it names actors
        ("rebels demanding"), else the subject of the verb it is the object of ("issued a declaration
        demanding")."""
        if self.np_actors(noun).actors:
            return noun, "inherited"
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            token, _ = self._subject(noun.head, depth + 1)
            return token, "inherited"
        return None, "direct"

    # -- pronouns ------------------------------------------------------------------------------------
    def antecedent(self, pronoun: Token) -> Found:
        """What a pronoun stands for: the subject of a clause above it ("Iraq said it would"), else an
        earlier subject in the sentence, else the last named subject of the document."""
        person = pronoun.lower_ in _PERSONAL
        # "Morales expelled Goldberg, accusing him": an object pronoun is not its own clause's subject
        mine: tuple[Actor, ...] = ()
        if pronoun.dep_ in ("dobj", "dative") and pronoun.lower_ in _OBJECT_PRONOUNS:
            subject, _ = self.subject(pronoun.head)
            mine = self._plain_actors(subject) if subject is not None else ()
        node = pronoun.head
        seen = 0
        while node is not None and seen < 8:
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != pronoun.i and child.pos_ != "PRON":
                    found = self._plain_actors(child, person)
                    if found and found != mine:
                        return Found(found, "pronoun")
            if node.head.i == node.i:
                break
            node = node.head
            seen += 1
        for token in self.sent:
            if token.i >= pronoun.i:
                break
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON":
                found = self._plain_actors(token, person)
                if found and found != mine:
                    return Found(found, "pronoun")
        if mine:  # the nearest other person or party named before it
            for token in reversed(self.sent[: pronoun.i - self.sent.start]):
                if token.dep_ in ("compound", "amod", "poss") or token.pos_ not in ("PROPN", "NOUN"):
                    continue
                found = tuple(a for a in self._plain_actors(token, person) if a not in mine)
                if found:
                    return Found(found, "pronoun")
        if pronoun.dep_ == "poss":  # "her family": a possessive looks no further than its sentence
            return Found((), "pronoun")
        return Found(self.memory.last_subject, "pronoun")

    def _plain_actors(self, token: Token, person: bool = False) -> tuple[Actor, ...]:
        """Actors of a candidate antecedent; "he"/"she" cannot stand for a state named by its name."""
        if person and not self.personal(token):
            return ()
        actors: list[Actor] = []
        self._collect(token, frozenset(), actors, [], 0, False)
        return tuple(dict.fromkeys(actors))

    def personal(self, token: Token) -> bool:
        """Whether a phrase names a person "he"/"she" can stand for: a known person or office holder, a
        name that is not a state's ("Kofi Annan"), or a person noun ("minister", "spokesman")."""
        kinds = {self._kind.get(t.i) for t in (token, *token.children)}
        if kinds & {"person", "role"}:
            return True
        if token.i in self._kind:  # a state, institution or group named here, not a person
            return False
        return token.pos_ == "PROPN" or token.lemma_.lower() in self.rules.person_nouns

    def main_subject(self) -> tuple[Actor, ...]:
        """The actors of the sentence root's subject (remembered for pronouns in later sentences)."""
        root = self.sent.root
        token, _ = self.subject(root)
        if token is None or token.pos_ == "PRON":
            return ()
        return self.np_actors(token).actors


def _names_a_thing(span: Span, thing_nouns: frozenset[str]) -> bool:
    """Whether a people adjective qualifies a language or a good ("Russian language", "Russian-speaking",
    "Persian carpets") rather than naming who acts."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    return i < len(doc) and (doc[i].lower_ in thing_nouns or doc[i].lemma_.lower() in thing_nouns)
