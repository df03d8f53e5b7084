"""The last resort for an event with a source and no target: the one other state the sentence names.

News sentences often name whom an event is aimed at without making it an argument of the trigger: "Oslo
is prepared to act as a go-between for the Sri Lankan government and the rebels", "Ethiopia massed troops
along its border with Eritrea", "accepts the ruling of the commission that drew its border with Eritrea".
When, after every parse rule, an event still has no target, and the sentence names exactly one state
(or intergovernmental organisation) other than the event's own sources, that state is the target.

Words that name someone who is not the event's counterpart do not count:

- the reporter and the subject of any clause the event is embedded in ("..., a U.S. official said",
  "South African mediator Thabo Mbeki announced"), and the event's own subject phrase ("U.N. High
  Commissioner Ruud Lubbers": the Dutchman is the source, not a target);
- relative and participle clauses hung on a noun, unless the event is in them ("a plan drawn up by
  Southeast Asian leaders", "techniques used against Palestinian detainees" describe a thing);
- places where something happens ("reached a deal in Vienna", "a summit in Brunei");
- a nationality word describing another actor ("the Syrian-backed Amal militia", "Iranian-led forces").

A cooperative event with sources of two or more states is mutual ("Kenya, Uganda and Tanzania signed a
treaty"), and it takes no leftover target. Two or more candidates are ambiguous: no target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from alliancewatch.extract.arguments import SentenceActors
from alliancewatch.extract.drafts import Draft
from alliancewatch.extract.gazetteer import Actor
from alliancewatch.extract.syntax import Token, describing_clause, prep_objects

_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside"})
_PLACE_KINDS = frozenset({"capital", "place", "name", "metonym", "igo"})
_DESCRIPTIVE = frozenset({"amod", "compound", "npadvmod"})
#: "Syrian-backed", "Iranian-led": the nationality of someone's backer, not an actor of the sentence
_BACKED = frozenset({"backed", "led", "based", "allied", "sponsored", "funded", "supported", "aligned"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def leftover_targets(drafts: Iterable[Draft], actors: SentenceActors, quad: Callable[[str], int]) -> None:
    """Give each draft with sources and no target the sentence's one other state (module docstring);
    ``quad`` is PLOVER's quad of an event type."""
    clauses, places = _descriptions(actors)
    for draft in drafts:
        if draft.targets or not draft.sources:
            continue
        own = {a.country for a in draft.sources}
        if len(own) > 1 and quad(draft.type) in (1, 2):
            continue
        skip = _not_counterparts(draft, clauses) | places
        found: dict[str, Actor] = {}
        for token in actors.sent:
            if token.i in skip or _describes_another(token, actors):
                continue
            for actor in actors.at(token):
                if actor.country and actor.country not in own:
                    whole = actors.state(actor.country) if actor.country != "IGO" else actor
                    found.setdefault(actor.country, whole)
        if len(found) == 1:
            draft.targets = list(found.values())


def _descriptions(actors: SentenceActors) -> tuple[list[set[int]], set[int]]:
    """The words of each relative and participle clause, and the words of places named as where."""
    clauses: list[set[int]] = []
    places: set[int] = set()
    for token in actors.sent:
        if describing_clause(token):
            clauses.append(_indexes(token))
        elif token.dep_ == "prep" and token.lower_ in _LOCATIVE:
            for place in prep_objects(token):
                if actors.kind(place) in _PLACE_KINDS:
                    places |= _indexes(place)
    return clauses, places


def _not_counterparts(draft: Draft, clauses: list[set[int]]) -> set[int]:
    """Token indexes that cannot name the draft's target (see the module docstring), places aside."""
    anchor = draft.anchor
    skip: set[int] = set()
    for words in clauses:
        if anchor.i not in words:
            skip |= words
    for phrase in (draft.reporter, draft.subject):
        if phrase is not None:
            skip |= _indexes(phrase)
    # "Russia carried out air strikes, and Iran withdrew its personnel": another clause, its own actors
    for words in _other_clauses(anchor):
        skip |= words
    own = draft.subject.i if draft.subject is not None else -1
    for ancestor in anchor.ancestors:
        for child in ancestor.children:
            if child.dep_ in _SUBJECTS and child.i != own and anchor.i not in _indexes(child):
                skip |= _indexes(child)
    return skip


def _other_clauses(anchor: Token) -> list[set[int]]:
    """The words of each coordinated clause with a subject of its own that the event is not in."""
    out: list[set[int]] = []
    for token in anchor.sent:
        if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ in _SUBJECTS for c in token.children):
            continue
        words = _indexes(token)
        if anchor.i not in words:
            out.append(words)
    return out


def _indexes(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _describes_another(token: Token, actors: SentenceActors) -> bool:
    """A nationality word on another actor ("the Syrian-backed Amal militia")."""
    own = actors.at(token)
    if not own:
        return False
    if token.dep_ in _DESCRIPTIVE and actors.at(token.head) and actors.at(token.head) != own:
        return True
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in _BACKED
