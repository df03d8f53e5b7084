"""Draft events: one per trigger word that a lexicon sense matches, with its arguments from the parse.

A :class:`Draft` is an event being built: the matched :class:`~alliancewatch.extract.lexicon.Trigger`
sense, the trigger token and its *anchor* (the token whose clause gives negation and modality: the verb
itself, the light verb of a noun event such as "held talks", or the verb an adjective hangs on), the
source and target actors, the argument words' classes and contexts, and how the subject was found.

:class:`Drafter` finds the drafts of a sentence: it picks, for each candidate word, the most specific
sense whose particle, object class and requirement the sentence satisfies, and reads the arguments:
subjects (passive agents included), objects by their role, prepositional phrases by the sense's
prepositions, datives, symmetric partners ("met with", "talks between") and, for nouns, possessives,
adjectives, "of" phrases and the subject of a light verb.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alliancewatch.extract.arguments import Found, SentenceActors
from alliancewatch.extract.gazetteer import Actor
from alliancewatch.extract.lexicon import Lexicon, Trigger
from alliancewatch.extract.syntax import Token, is_passive, passive_subject, phrase, prep_objects, verb_forms

#: "in a phone call with", "for a rally in Lagos": the subject of the verb takes part in the event.
PARTICIPANT_PREPS = {
    "CONSULT": frozenset({"in", "during", "at", "after", "following", "on", "before"}),
    "PROTEST": frozenset({"in", "at", "for"}),
}
_SYMMETRIC_PREPS = frozenset({"with", "between", "among"})
_DEMAND_AUX = frozenset({"must", "should", "ought"})


@dataclass
class Draft:
    """An event in the making (see the module docstring)."""

    sense: Trigger
    trigger: Token
    anchor: Token
    words: list[Token]
    type: str
    mode: str | None
    cameo: str | None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    source_kinds: tuple[str, ...] = ()
    how: str = "direct"
    nominal: bool = False
    light: bool = False
    argument_tokens: set[int] = field(default_factory=set)
    negated: bool = False
    modality: str = "asserted"
    reporter: Token | None = None
    target_phrases: list[Token] = field(default_factory=list)
    #: sectors of the generic people among the target phrases ("protesters": CVL; None: no sector word)
    generic_sectors: list[str | None] = field(default_factory=list)
    subject: Token | None = None
    consumed: bool = False
    planned: bool = False
    obligation: bool = False
    conditional: bool = False
    #: the other side of a symmetric event ("met with X", "talks with X") until :meth:`settle`
    partners: list[Actor] = field(default_factory=list)
    #: actors named on the thing acted on ("seized a British tanker"): whose it is
    owners: list[Actor] = field(default_factory=list)
    #: negated because its report is ("did not say that Russia would help"): not a refusal
    unsaid: bool = False

    def settle(self) -> None:
        """Place a symmetric event's partners: the target when someone leads it ("Putin held talks with
        Erdogan": RUS -> TUR, as PLOVER codes it), else sources side by side ("talks between Russia and
        Turkey")."""
        partners = [a for a in self.partners if a not in self.sources]
        if self.sources:
            _extend(self.targets, tuple(partners))
        else:
            _extend(self.sources, tuple(partners))
        self.partners = []

    def add(self, role: str, found: Found, symmetric: bool = False, phrase: Token | None = None) -> None:
        """Put actors in the role ``role`` (source, target; theme and none are ignored); ``phrase`` is the
        head of a target phrase, kept for generic people that name no actor ("opposition candidates")."""
        if role == "source":
            _extend(self.sources, found.actors)
        elif role == "target" and symmetric:
            _extend(self.partners, found.actors)
        elif role == "target":
            _extend(self.targets, found.actors)
            if phrase is not None and not found.actors:
                self.target_phrases.append(phrase)
        elif role == "theme":
            _extend(self.owners, found.actors)


def _dated(prep: Token) -> bool:
    """A preposition that only dates the event ("called up reservists on Monday" is no "call on")."""
    objects = prep_objects(prep)
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _extend(into: list[Actor], actors: tuple[Actor, ...]) -> None:
    for actor in actors:
        if actor not in into:
            into.append(actor)


class Drafter:
    """Builds the drafts of one sentence from the lexicon and the sentence's actors."""

    def __init__(self, lexicon: Lexicon, actors: SentenceActors) -> None:
        self.lexicon = lexicon
        self.rules = lexicon.rules
        self.actors = actors
        self.used: set[int] = set()  # tokens that are particles of a verb sense
        self.relative_objects: set[int] = set()  # nouns a relative clause's object stands for

    def drafts(self) -> list[Draft]:
        """Every draft of the sentence: verbs and adjectives first, then nouns (which skip the words a
        verb sense took as its particle, "took delivery")."""
        out: list[Draft] = []
        for token in self.actors.sent:
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
                found = self._verb(token)
                if found is not None:
                    out.append(found)
            elif token.pos_ in ("ADJ", "NOUN") and self.lexicon.senses("adj", token.lemma_.lower()):
                found = self._adjective(token)
                if found is not None:
                    out.append(found)
        for token in self.actors.sent:
            if (
                token.pos_ in ("NOUN", "PROPN", "VERB")
                and token.i not in self.used
                and not self.actors.at(token)
            ):
                found = self.noun(token, out)
                if found is not None:
                    out.append(found)
        return out

    # -- verbs ---------------------------------------------------------------------------------------
    def _verb(self, token: Token) -> Draft | None:
        senses = next(
            (found for form in verb_forms(token) if (found := self.lexicon.senses("verb", form))), []
        )
        if not senses or self.actors.at(token):
            return None
        for sense in senses:
            particles = self._particles(token, sense.words)
            if particles is None:
                continue
            objects = self._verb_objects(token, particles)
            if not self._fits(sense, token, objects, particles, verbal=True):
                continue
            self.used.update(p.i for p in particles)
            return self._verb_draft(token, sense, particles, objects)
        return None

    def _particles(self, token: Token, words: tuple[str, ...]) -> list[Token] | None:
        found: list[Token] = []
        for word in words:
            match = next(
                (
                    c
                    for c in token.children
                    if (c.lower_ == word or c.lemma_.lower() == word) and c.i > token.i and not _dated(c)
                ),
                None,
            )
            if match is None:
                return None
            found.append(match)
        return found

    def _verb_objects(self, token: Token, particles: list[Token]) -> list[Token]:
        objects = [
            c for c in token.children if c.dep_ in ("dobj", "attr", "oprd", "dative") and c.pos_ != "ADP"
        ]
        if token.dep_ == "relcl":  # "the plant that Russian engineers are completing": the plant
            for i, obj in enumerate(objects):
                if obj.lower_ in ("that", "which", "whom") and obj.dep_ == "dobj":
                    objects[i] = token.head
                    self.relative_objects.add(token.head.i)
        if token.lemma_.lower() in self.rules.object_control:
            # "allow candidate Ouattara to participate" parsed with Ouattara as the subject of the
            # infinitive: for a control verb that subject is its object
            for comp in token.children:
                if comp.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in comp.children):
                    for subj in comp.children:
                        if subj.dep_ == "nsubj" and subj not in objects:
                            objects.append(subj)
                            self.relative_objects.add(subj.i)
        for comp in token.children:  # "found Navalny guilty": the subject of a small clause is the object
            if comp.dep_ in ("ccomp", "xcomp") and comp.pos_ == "ADJ":
                for subj in comp.children:
                    if subj.dep_ == "nsubj" and subj not in objects:
                        objects.append(subj)
                        self.relative_objects.add(subj.i)
        if not any(o.dep_ == "dobj" for o in objects):
            # "abused and humiliated Iraqi detainees": coordinated verbs share the object of the last
            for conj in token.children:
                if conj.dep_ == "conj" and conj.pos_ == "VERB":
                    objects.extend(o for o in conj.children if o.dep_ == "dobj" and o not in objects)
        for prt in token.children:  # "killed up to 16 advisers": a quantity parsed as a particle
            if prt.dep_ == "prt" and prt.lower_ == "up":
                objects += [o for p in prt.children if p.lower_ == "to" for o in prep_objects(p)]
        if is_passive(token):
            patient = passive_subject(token)
            if patient is not None:
                objects.append(patient)
        for prep in [*particles, *(c for c in token.children if c.dep_ == "prep")]:
            objects.extend(o for o in prep_objects(prep) if o not in objects)
        return objects

    def _fits(
        self, sense: Trigger, token: Token, objects: list[Token], particles: list[Token], verbal: bool
    ) -> bool:
        if sense.objects:
            classes = self._classes(objects)
            clause = any(c.dep_ in ("xcomp", "ccomp") for c in token.children) or any(
                c.dep_ == "prep" and c.lower_ == "from" and any(o.dep_ == "pcomp" for o in c.children)
                for c in token.children
            )
            core = [
                o
                for o in objects
                if o.dep_ in ("dobj", "nsubjpass", "attr", "dative")
                or o.head in particles
                or o.i in self.relative_objects
            ]
            if verbal and is_passive(token):
                core.extend(o for o in objects if o.dep_ != "pobj")
            ok = False
            for need in sense.objects:
                if need == "@actor":
                    ok = ok or any(self.actors.at(o) for o in core)
                elif need == "@any":
                    ok = ok or bool(core)
                elif need == "@none":
                    ok = ok or not core
                elif need == "@clause":
                    ok = ok or clause
                elif need == "@demand":
                    ok = ok or any(
                        c.dep_ == "ccomp"
                        and any(a.dep_ == "aux" and a.lower_ in _DEMAND_AUX for a in c.children)
                        for c in token.children
                    )
                else:
                    ok = ok or need in classes
            if not ok:
                return False
        if sense.requires == "person_subject":
            subject, _ = self.actors.subject(token)
            return subject is not None and self.actors.personal(subject)
        if sense.requires == "actor_target":
            return any(
                self.actors.at(o)
                for prep in token.children
                if prep.dep_ in ("prep", "dative") and prep.lower_ in sense.target_preps
                for o in prep_objects(prep)
            )
        return True

    def _verb_draft(
        self, token: Token, sense: Trigger, particles: list[Token], objects: list[Token]
    ) -> Draft:
        draft = Draft(sense, token, token, [token, *particles], sense.type, sense.mode, sense.cameo)
        subject, how = self.actors.subject(token)
        if subject is None and sense.type == "MOBILIZE" and is_passive(token):
            # "riot police were deployed in Cairo", "US forces were put on alert": the forces moved or
            # alerted are the side that shows force
            subject, how = passive_subject(token), "direct"
        draft.subject = subject
        if subject is not None:
            found = self.actors.np_actors(subject)
            draft.add(sense.subject, found)
            draft.source_kinds = found.kinds
            draft.how = "pronoun" if found.how == "pronoun" else how
            draft.argument_tokens.add(subject.i)
        passive = is_passive(token)
        core = [
            o
            for o in objects
            if o.dep_ in ("dobj", "attr", "oprd")
            or (passive and o.dep_ != "pobj")
            or o.i in self.relative_objects
        ]
        core += [
            o for o in objects if o.dep_ == "pobj" and o.head.lower_ == "to" and o.head.head.lower_ == "up"
        ]
        shifted: list[Token] = []
        for obj in core:
            found = self.actors.np_actors(obj)
            draft.argument_tokens.add(obj.i)
            if (
                sense.object_role == "theme"
                and obj.dep_ == "dobj"
                and (
                    self.actors.at(obj)
                    or (
                        found.actors
                        and found.how != "pronoun"
                        and not sense.symmetric
                        and not set(found.actors) <= set(draft.sources)
                    )
                )
            ):
                # "supplied Russia with drones": the object is the recipient; "allowed UN planes to
                # land": whose things are let in is who the event is aimed at, when nothing else is
                shifted.append(obj)
                continue
            draft.add(sense.object_role, found, sense.symmetric, obj)
        for child in token.children:
            if child.dep_ == "dative" and child.pos_ != "ADP":
                draft.add("target", self.actors.np_actors(child), sense.symmetric, child)
                draft.argument_tokens.add(child.i)
        preps = [c for c in token.children if c.dep_ in ("prep", "dative", "agent") and c.pos_ == "ADP"]
        for obj in core:  # "demanded support from X", "suspended part of an aid programme for Bosnia"
            # "curbs on exports to South Korea", "euros in food aid for Niger": one phrase further in
            holders = [obj, *(o for p in obj.children if p.dep_ == "prep" for o in prep_objects(p))]
            preps += [
                c
                for h in holders
                for c in h.children
                if c.dep_ == "prep" and (c.lower_ != "of" or (h is obj and "of" in sense.target_preps))
            ]
        self._preps(draft, preps, particles)
        if shifted and not draft.targets:
            for obj in shifted:
                draft.add("target", self.actors.np_actors(obj), sense.symmetric)
        draft.classes, draft.contexts = self._argument_terms(objects + self._complements(token))
        draft.settle()
        return draft

    def _preps(self, draft: Draft, preps: list[Token], particles: list[Token]) -> None:
        sense = draft.sense
        # "out of Cambodia", "away from the border": a two-word preposition is read by its second word
        preps = [
            inner
            for prep in preps
            for inner in (
                [c for c in prep.children if c.dep_ == "prep"] if not prep_objects(prep) else [prep]
            )
            or [prep]
        ]
        for prep in preps:
            word = prep.lower_
            if prep.dep_ == "agent":
                continue
            role = None
            if word in sense.target_preps or (prep in particles and word in ("on", "upon")):
                role = "target"
            elif word in sense.source_preps:
                role = "source"
            if role is None:
                continue
            symmetric = sense.symmetric and word in _SYMMETRIC_PREPS
            for obj in prep_objects(prep):
                draft.argument_tokens.add(obj.i)
                draft.add(role, self.actors.np_actors(obj), symmetric, obj)

    def _complements(self, token: Token) -> list[Token]:
        return [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]

    # -- adjectives ----------------------------------------------------------------------------------
    def _adjective(self, token: Token) -> Draft | None:
        anchor = token.head
        while anchor.pos_ not in ("VERB", "AUX") and anchor.head.i != anchor.i:
            anchor = anchor.head
        if anchor.pos_ not in ("VERB", "AUX"):
            return None
        clause = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]
        for sense in self.lexicon.senses("adj", token.lemma_.lower()):
            if "@clause" in sense.objects and not clause:
                continue
            draft = Draft(sense, token, anchor, [token], sense.type, sense.mode, sense.cameo)
            subject, how = self.actors.subject(anchor)
            if subject is not None:
                found = self.actors.np_actors(subject)
                draft.add("source", found)
                draft.source_kinds = found.kinds
                draft.how = "pronoun" if found.how == "pronoun" else how
            draft.classes, draft.contexts = self._argument_terms(clause)
            return draft
        return None

    def noun(self, token: Token, verbs: list[Draft]) -> Draft | None:
        """Noun events are drafted by :class:`alliancewatch.extract.nominals.NounDrafter`."""
        return None

    # -- argument words ------------------------------------------------------------------------------
    def _classes(self, tokens: list[Token], own: bool = True) -> set[str]:
        classes, _ = self._terms(tokens, own)
        return classes

    def _argument_terms(self, tokens: list[Token]) -> tuple[set[str], list[str]]:
        return self._terms(tokens, True)

    def _terms(self, heads: list[Token], own: bool) -> tuple[set[str], list[str]]:
        words: list[Token] = []
        for head in heads:
            for token in phrase(head) if own else [head]:
                if any(ch.isalnum() for ch in token.text):
                    words.append(token)
        seen = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
        # a name is no argument word; an office or body word inside a mention is ("U.S. Ambassador")
        forms = [
            f"{t.lemma_.lower()} {t.lower_}"
            for t in seen
            if not (self.actors.at(t) and t.pos_ == "PROPN" and self.actors.kind(t) not in ("sector", "role"))
        ]
        classes, contexts = self.lexicon.terms.lookup(forms)
        return classes, contexts
