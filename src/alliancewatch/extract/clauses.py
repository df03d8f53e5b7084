"""Negation and modality of an event's clause, read from the dependency parse.

:class:`ClauseReader` starts at an event's anchor (its trigger verb, the light verb of a noun event, or
the noun) and climbs the clauses above it:

- negation: "not", "n't", "never", "no longer" on the anchor, on a light verb, or on a wrapper verb
  above it ("did not try to", "does not plan to"); a negating wrapper ("failed to") negates;
- future: will/shall/'ll, "going to", or a future wrapper ("plans to", "is expected to", "is set to");
- hypothetical: would/could/might/may/should/must, a clause under "if"/"unless"/"whether", or a
  wanting/weighing wrapper ("wants to", "is considering"); "would" under a reporting verb in the past
  ("said it would allow") is the future of the past;
- reported: the clause is the complement of a reporting verb ("said that", "announced", "according
  to"); the reporter is remembered, so that a future or hypothetical action a source states about itself
  can become an AGREE or THREATEN (see :mod:`alliancewatch.extract.events`), unless the verb makes a
  decision known ("announced it would prohibit aid": the prohibition itself, PLOVER's SANCTION).

Climbing stops at a relative clause (its matrix says nothing about it) and at a frame trigger ("refused
to", "urged ... to"), which decides for its complement itself.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from alliancewatch.extract.arguments import SentenceActors
from alliancewatch.extract.lexicon import Rules
from alliancewatch.extract.syntax import Token, marked

_OBLIGATION = frozenset({"must", "should", "ought"})
_COMPLEMENTS = ("ccomp", "xcomp", "parataxis", "advcl", "conj", "dep")


@dataclass(frozen=True)
class Clause:
    """What the clauses around an anchor say about it (``modality`` before dates are looked at)."""

    negated: bool
    modality: str  # asserted | reported | hypothetical | future
    reporter: Token | None
    conditional: bool
    obligation: bool
    #: reported by a verb that makes a decision known ("announced it would ban"): the act itself
    announced: bool = False
    #: negated only because the report of it is ("did not suggest that Moscow would help"): no refusal
    unsaid: bool = False


class ClauseReader:
    """Reads :class:`Clause` facts for anchors of one sentence; ``frames`` are the token indices of frame
    triggers (their complements are theirs to judge)."""

    def __init__(self, rules: Rules, actors: SentenceActors, frames: Collection[int]) -> None:
        self.rules = rules
        self.actors = actors
        self.frames = frames

    def read(self, anchor: Token, verbal: bool = True) -> Clause:
        """The clause facts of ``anchor``; ``verbal`` is False for a noun event with no light verb
        (then only reporting and conditions above it apply, not the negation of the verb it hangs on)."""
        negated = verbal and self._negated(anchor)
        aux = self._aux(anchor) if verbal else set()
        if verbal and not aux and anchor.dep_ == "conj":
            aux = self._aux(anchor.head)
        future = bool(aux & self.rules.future_aux) or (verbal and _going_to(anchor))
        hypothetical = bool(aux & self.rules.hypothetical_aux)
        obligation = bool(aux & _OBLIGATION)
        would = "would" in aux
        reported, reporter, conditional, announced, unsaid = False, None, False, False, False
        token = anchor
        for _ in range(12):
            head = token.head
            if head.i == token.i:
                break
            dep = token.dep_
            if dep == "advcl" and self._conditional(token):
                conditional = True
            if dep == "relcl" or (head.i in self.frames and head.i != anchor.i and dep != "conj"):
                break
            if dep == "prep" and token.lower_ == "by" and head.pos_ in ("VERB", "AUX"):
                # "could respond by supplying": the means shares the modality of what it serves
                negated = negated or self._negated(head)
                wrapped = self._aux(head)
                future = future or bool(wrapped & self.rules.future_aux)
                hypothetical = hypothetical or bool(wrapped & self.rules.hypothetical_aux)
            if head.pos_ in ("VERB", "AUX") and dep in _COMPLEMENTS:
                lemma = head.lemma_.lower()
                if lemma in self.rules.reporting and dep != "conj":
                    # "have not suggested that Moscow would give Iran military support": nobody says so
                    unsaid = unsaid or self._negated(head)
                    if not reported:
                        reporter, _ = self.actors.subject(head)
                        announced = lemma in self.rules.announcing
                    reported = True
                    if would and head.tag_ in ("VBD", "VBN"):
                        future, hypothetical = True, False
                elif dep == "xcomp" and self._wrapper(lemma):
                    negated = negated or self._negated(head)
                    wrapped = self._aux(head)
                    future = future or lemma in self.rules.future or bool(wrapped & self.rules.future_aux)
                    hypothetical = hypothetical or lemma in self.rules.hypothetical
                    hypothetical = hypothetical or bool(wrapped & self.rules.hypothetical_aux)
                    if lemma in self.rules.negating or (lemma == "have" and _yet(head)):
                        negated = True  # "failed to", "has yet to release the sailors"
            token = head
        if not reported:
            reporter, reported = self._reporting_child(anchor, reported)
        if self._according_to(anchor):
            reported = True
        if conditional or self._conditional(anchor):
            hypothetical, conditional = True, True
        modality = (
            "hypothetical" if hypothetical else "future" if future else "reported" if reported else "asserted"
        )
        return Clause(negated or unsaid, modality, reporter, conditional, obligation, announced, unsaid)

    def _wrapper(self, lemma: str) -> bool:
        r = self.rules
        return lemma in r.future or lemma in r.hypothetical or lemma in r.transparent or lemma in r.negating

    def _negated(self, token: Token) -> bool:
        for child in token.children:
            if child.dep_ == "neg" or (
                child.dep_ in ("advmod", "det") and child.lower_ in self.rules.negators
            ):
                return True
            if child.dep_ == "det" and child.lower_ == "no":
                return True
            # "no longer recognises" (the parser hangs "no" on "longer")
            if child.lower_ == "longer" and any(c.lower_ == "no" for c in child.children):
                return True
            # "offered Iran no security guarantee", "sent no troops": nothing was given
            if child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
                return True
        return False

    def _aux(self, token: Token) -> set[str]:
        return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}

    def _conditional(self, token: Token) -> bool:
        marks = self.rules.conditional_marks
        return marked(token, marks)

    def _reporting_child(self, anchor: Token, reported: bool) -> tuple[Token | None, bool]:
        """ "X did Y, officials said": the reporting verb may hang under the event's verb."""
        for child in anchor.children:
            if (
                child.dep_ not in ("parataxis", "ccomp", "advcl")
                or child.lemma_.lower() not in self.rules.reporting
                or any(c.dep_ == "mark" and c.lower_ != "as" for c in child.children)
            ):
                continue  # "... if Taiwan declared independence": a condition, not who reports it
            if not any(c.dep_ in ("ccomp", "xcomp") for c in child.children):
                subject, _ = self.actors.subject(child)
                return subject, True
        return None, reported

    def _according_to(self, anchor: Token) -> bool:
        token = anchor
        for _ in range(6):
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "according":
                    return True
            if token.head.i == token.i:
                return False
            token = token.head
        return False


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ in ("going", "set", "due", "about") and head.i < verb.i


def _yet(verb: Token) -> bool:
    """ "has yet to": not done so far."""
    return any(c.lower_ == "yet" and c.dep_ == "advmod" for c in verb.children)
