"""Last touches on a sentence's drafts: types for states, modes from contexts, places, intentions, hosts,
and merging.

- A sense with a ``state_type`` changes type when its source is a state or a government, not a people
  ("Iran protested" is a complaint, ACCUSE; "thousands of Iranians protested" is PROTEST).
- A mode no sense gave is read from the contexts (AID of weapons is military aid).
- A use of force, repression, protest or withdrawal with no target is aimed at the state where it happens
  ("reimposed blockades in the West Bank").
- Generic people (CAMEO's generic agents: "workers", "opposition candidates", "prisoners") take the
  country of a place in their phrase or of the event; as targets of mostly domestic events they take the
  source's country, and a protest or repression aimed at no one named is aimed at the source's own state.
- Intentions (PLOVER: "all cooperative actions reported in future tense are taken to imply
  intentions"): a future or hypothetical material action that its source states about itself is AGREE
  when cooperative and THREATEN when conflictual ("NATO said it would tighten the blockade"); an action
  someone else expects, or one that "must" happen, is not.
- Hosts: a meeting of two parties "in Moscow" or "at the Kremlin" is a visit to the host (PLOVER: the
  visitor is the source and the host the target).
- Merging: drafts of the same type, sources and negation, with targets that agree, where one describes
  the other (a noun, or a clause hung on the other: "launched missiles at Israel in its first direct
  attack", "struck Tel Aviv, killing one man"), are one event.
"""

from __future__ import annotations

from collections.abc import Iterable

from alliancewatch.extract.arguments import POPULAR_KINDS, SentenceActors
from alliancewatch.extract.drafts import Draft
from alliancewatch.extract.gazetteer import Actor
from alliancewatch.extract.gazetteer_data import make_actor
from alliancewatch.extract.lexicon import Rules
from alliancewatch.extract.syntax import Token, describing_clause, is_passive, marked, prep_objects, within

_STATE_SECTORS = frozenset({None, "GOV", "IGO"})
_PLACE_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID"})
_PLACE_PREPS = frozenset(
    {"in", "into", "at", "near", "on", "across", "inside", "around", "throughout", "through", "from"}
)
_HOST_KINDS = frozenset({"capital", "metonym", "name", "place"})
#: events whose thing acted on says whose it is ("seized a British-flagged tanker", "froze Iranian assets")
_OWNED_TYPES = frozenset({"COERCE", "SANCTION"})
_AID_PREPS = frozenset({"into", "in", "inside", "across", "throughout"})
#: auxiliaries that commit the subject to a conditional act ("would use force if"), unlike "could"
_PROMISE = frozenset({"would", "will", "shall", "'ll", "wo"})


def _word(token: Token) -> str:
    return str(token.lemma_).lower() if token.lemma_ else str(token.lower_)


def threat(rules: Rules, action: Draft) -> tuple[str, str]:
    """The THREATEN mode and CAMEO code for threatening ``action`` (by its mode, else its type)."""
    by_mode = rules.threaten_by_mode
    if "cbrn" in action.contexts and action.type == "ASSAULT":
        return by_mode["cbrn"]
    if action.mode is not None and action.mode in by_mode:
        return by_mode[action.mode]
    return rules.threaten_by_content.get(action.type, ("violence", "130"))


class Refiner:
    """Applies the first five steps of the module docstring to one draft at a time."""

    def __init__(self, rules: Rules, actors: SentenceActors) -> None:
        self.rules = rules
        self.actors = actors

    def refine(self, draft: Draft) -> None:
        """State types, context modes, places, intentions and hosts, in that order."""
        self._state_type(draft)
        self._context_mode(draft)
        self._generic(draft)
        self._location(draft)
        self._deep_target(draft)
        self._owner_target(draft)
        self._self_target(draft)
        self._intention(draft)
        self._host(draft)

    def _context_mode(self, draft: Draft) -> None:
        table = self.rules.mode_by_context.get(draft.type)
        if draft.mode is not None or not table:
            return
        for context in [*draft.sense.contexts, *draft.contexts]:
            if context in table:
                draft.mode, draft.cameo = table[context]
                return

    def _state_type(self, draft: Draft) -> None:
        state = draft.sense.state_type
        if state is None or draft.type != draft.sense.type or not draft.sources:
            return
        if any(k in POPULAR_KINDS for k in draft.source_kinds):
            return
        subject = draft.subject
        if subject is not None and _word(subject) in self.rules.generic_agents:
            return  # "Germany's rail workers walked out": people of a state, not the state
        if all(a.sector in _STATE_SECTORS for a in draft.sources):
            draft.type, draft.mode, draft.cameo = state, None, None

    def _generic(self, draft: Draft) -> None:
        """A source named only as generic people or forces ("police", "thousands of students") is of
        the country where they act, in their word's sector; a target named only so ("banned opposition
        candidates") takes the country of a place in its phrase (else see :meth:`_location` and
        :meth:`_self_target`), in its word's sector (CAMEO's rule for generic agents)."""
        subject = draft.subject
        generic = self.actors.generic(subject, self.rules.generic_agents) if subject is not None else None
        if not draft.sources and generic is not None:
            # "prisoners rioted at a jail in Dili", "police detained protesters in Minsk": generic people
            # and forces belong where they act, in the sector their word gives (CAMEO's generic agents)
            head, sector = generic
            places = self.actors.places(head) or self.actors.places(subject) or self._place(draft)
            countries = dict.fromkeys(a.country for a in places if a.country and a.country != "IGO")
            draft.sources = [make_actor(self.actors.state(c).name, c, sector) for c in countries]
        if subject is not None and generic is None and self.actors.title(subject):
            self._titled(draft)
        if draft.targets:
            return
        sectors: list[str | None] = []
        for phrase in draft.target_phrases:
            found_generic = self.actors.generic(phrase, self.rules.generic_agents, persons=True)
            if found_generic is None:
                continue
            head, sector = found_generic
            sectors.append(sector)
            # "protesters in Minsk", "sent aid to flood victims in Pakistan": where they are or the
            # event happens
            found = self.actors.places(head) or self.actors.places(phrase) or self._place(draft)
            if found:  # "protesters in Minsk": Belarusian civilians, not the Belarusian government
                countries = dict.fromkeys(a.country for a in found if a.country and a.country != "IGO")
                draft.targets = [make_actor(self.actors.state(c).name, c, sector) for c in countries]
                draft.targets = draft.targets or list(found)
                return
        draft.generic_sectors = sectors

    def _titled(self, draft: Draft) -> None:
        """A title that names no country ("the Socialist prime minister met Putin in Madrid") is an
        official of the document's one state so far, else of the place of the event unless that place
        is what the event is aimed at; with neither, the subject stays without an actor."""
        known = self.actors.memory.countries
        countries: list[str] = list(known) if len(known) == 1 else []
        if not countries:
            aimed = {a.country for a in draft.targets}
            found = self._place(draft)
            named = dict.fromkeys(str(a.country) for a in found if a.country and a.country != "IGO")
            countries = [c for c in named if c not in aimed]
        if len(countries) != 1:
            return
        official = make_actor(self.actors.state(countries[0]).name, countries[0], "GOV")
        if all(a.country != countries[0] for a in draft.sources):
            draft.sources = [official, *draft.sources]

    def _deep_target(self, draft: Draft) -> None:
        """A verbal or protest event aimed at a thing that names no actor takes the first other actor
        named inside that thing's phrase: "rallied against cartoons printed in a Danish newspaper",
        "rejected an invitation to a meeting of Palestinian factions"."""
        if draft.targets or draft.type not in self.rules.deep_target_types:
            return
        for phrase in draft.target_phrases:
            for token in sorted(_inside(phrase), key=lambda t: t.i):
                if not self.actors.at(token) or self.actors.ethnic(token):
                    continue
                found = [a for a in self.actors.np_actors(token).actors if a.country]
                if found:
                    draft.targets = found
                    return

    def _owner_target(self, draft: Draft) -> None:
        """A seizure or a sanction on a thing with no one named as its target is aimed at whoever
        the thing belongs to: "seized a British-flagged tanker", "froze Russian assets"."""
        if draft.targets or draft.type not in _OWNED_TYPES:
            return
        own = {a.country for a in draft.sources}
        owners = [a for a in draft.owners if a.country and a.country not in own]
        if owners:
            draft.targets = [self.actors.state(str(a.country)) if a.country != "IGO" else a for a in owners]

    def _self_target(self, draft: Draft) -> None:
        """With still no target, generic people as targets of a mostly domestic event, and a protest or
        repression aimed at no one, are of the source's own country."""
        if draft.targets:
            return
        sectors = draft.generic_sectors
        domestic = sectors and draft.type in self.rules.domestic_types
        if domestic or draft.type in self.rules.self_target_types:
            countries = dict.fromkeys(a.country for a in draft.sources if a.country and a.country != "IGO")
            # "police arrested protesters": the source's own civilians (COP -> CVL), as CAMEO codes them
            sector = sectors[0] if domestic else None
            draft.targets = [make_actor(self.actors.state(c).name, str(c), sector) for c in countries]

    def _intention(self, draft: Draft) -> None:
        if (
            draft.negated
            or draft.planned
            or draft.obligation
            or draft.modality not in ("future", "hypothetical")
        ):
            return
        if draft.type != draft.sense.type:
            return
        rules = self.rules
        if draft.type not in rules.agree_from and draft.type not in rules.threaten_from:
            return
        condition = self._condition(draft)
        # "Beijing would use force if Taiwan declared independence": a conditional use of force, with
        # no one else reporting it, is a threat
        # ("Israel could strike Iran if ..." only says what may happen)
        promised = any(c.dep_ == "aux" and c.lower_ in _PROMISE for c in draft.anchor.children)
        unreported = draft.reporter is None and promised and condition is not None
        if not self.self_stated(draft) and not (unreported and draft.type in rules.threaten_from):
            return
        if draft.type in rules.agree_from:
            draft.type, draft.mode, draft.cameo = "AGREE", None, rules.agree_code
            return
        draft.mode, draft.cameo = threat(self.rules, draft)
        draft.type = "THREATEN"
        own = {a.country for a in draft.sources}
        if condition is not None and {a.country for a in draft.targets} <= own:
            # the one whose act would set it off is the threat's target ("... if Taiwan refused")
            subject, _ = self.actors.subject(condition)
            found = self.actors.np_actors(subject).actors if subject is not None else ()
            others = [a for a in found if a.country and a.country not in own]
            draft.targets = others or draft.targets

    def _condition(self, draft: Draft) -> Token | None:
        """The "if" or "unless" clause on the event's verb, if any."""
        marks = self.rules.conditional_marks
        for token in (draft.anchor, draft.trigger):
            for child in token.children:
                if child.dep_ == "advcl" and marked(child, marks):
                    return child
        return None

    def self_stated(self, draft: Draft) -> bool:
        """Whether a future or hypothetical action is stated by its own source: reported by someone of
        the source's country ("the Kremlin said Russia would"), or, with no reporter, in the future
        tense ("Israel will evacuate")."""
        if draft.reporter is not None:
            if _word(draft.reporter) in self.rules.unofficial_speakers:
                return False
            speaker = {a.country for a in self.actors.np_actors(draft.reporter).actors}
            return bool(speaker & {a.country for a in draft.sources})
        anchor = draft.anchor
        if anchor.dep_ == "xcomp" and is_passive(anchor.head):
            return False  # "the EU is expected to impose sanctions": someone else's expectation
        return draft.modality == "future"

    def _host(self, draft: Draft) -> None:
        if draft.type != "CONSULT" or draft.mode is not None:
            return
        countries = {a.country for a in (*draft.sources, *draft.targets)}
        if len(countries) != 2 or len({a.country for a in draft.sources}) != (1 if draft.targets else 2):
            return
        for token in {draft.anchor, draft.trigger}:
            for prep in token.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                    continue
                for place in prep_objects(prep):
                    if self.actors.kind(place) not in _HOST_KINDS:
                        continue
                    hosts = {a.country for a in self.actors.at(place)} & countries
                    if len(hosts) == 1:
                        host = hosts.pop()
                        sides = [*draft.sources, *draft.targets]
                        draft.targets = [a for a in sides if a.country == host]
                        draft.sources = [a for a in sides if a.country != host]
                        draft.mode, draft.cameo = "visit", "042"
                        return

    def _location(self, draft: Draft) -> None:
        """A use of force, a repression, a protest or a withdrawal with no target is aimed at the state
        where it happens: "reimposed blockades in the West Bank", "demonstrated in Serbia"."""
        if draft.targets or draft.type not in _PLACE_TYPES:
            return
        if draft.type == "RETREAT" and draft.mode != "withdraw":
            return
        # aid flown "into Acapulco" or handed out "in Gaza" goes to that state; aid pledged "at a
        # conference in Brussels" does not
        found = self._aid_place(draft) if draft.type == "AID" else self._place(draft)
        if draft.generic_sectors:  # "detained protesters in Minsk": the people of that place
            countries = dict.fromkeys(a.country for a in found if a.country and a.country != "IGO")
            sector = draft.generic_sectors[0]
            draft.targets = [make_actor(self.actors.state(c).name, c, sector) for c in countries]
        else:
            draft.targets = list(found)

    def _aid_place(self, draft: Draft) -> tuple[Actor, ...]:
        """The state named by an "into"/"in" phrase on the aid's verb ("flew food into Acapulco")."""
        for holder in (draft.anchor, draft.trigger):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in _AID_PREPS:
                    found = next((f for p in prep_objects(prep) if (f := self.actors.places(p))), ())
                    if found:
                        return found
        return ()

    def _place(self, draft: Draft) -> tuple[Actor, ...]:
        """The state named as where the event happens: "in"/"at"/"into"... phrases (or the sense's target
        prepositions) on the trigger, its anchor or their objects."""
        holders = [draft.anchor, draft.trigger]
        holders += [
            c for h in (draft.anchor, draft.trigger) for c in h.children if c.dep_ in ("dobj", "nsubjpass")
        ]
        # "killed 23 people when they blew themselves up in Tel Aviv": the clause that says when says where
        holders += [c for c in draft.anchor.children if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")]
        nested: list[Token] = []
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep":
                    continue
                if prep.lower_ not in _PLACE_PREPS and prep.lower_ not in draft.sense.target_preps:
                    nested += prep_objects(prep)
                    continue
                for place in prep_objects(prep):
                    found = self.actors.places(place)
                    if found:
                        return found
                    nested.append(place)
        # "took to the streets in Caracas", "a sit-in outside the ministry in Seoul": one level down
        for holder in nested:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "at", "across", "near", "inside"):
                    for place in prep_objects(prep):
                        found = self.actors.places(place)
                        if found and self.actors.kind(place) in ("place", "capital", "name"):
                            return found
        return ()


def _inside(phrase: Token) -> list[Token]:
    """The words of a phrase without the participle and relative clauses hung on it ("techniques used
    against detainees", "terms set by creditors" describe the thing, not whom the event is aimed at)."""
    out: list[Token] = []
    stack = [phrase]
    while stack and len(out) < 60:
        node = stack.pop()
        if node is not phrase and describing_clause(node):
            continue
        out.append(node)
        stack.extend(node.children)
    return out


def _key(actors: Iterable[Actor]) -> frozenset[tuple[str | None, str]]:
    return frozenset((a.country, a.name) for a in actors)


def merge(drafts: list[Draft]) -> list[Draft]:
    """The drafts with those describing one event folded into the first (see the module docstring)."""
    out: list[Draft] = []
    for draft in drafts:
        twin = next((o for o in out if _mergeable(o, draft)), None)
        if twin is None:
            out.append(draft)
            continue
        keep, other = (twin, draft) if not twin.nominal or draft.nominal else (draft, twin)
        keep.sources = keep.sources + [a for a in other.sources if a not in keep.sources]
        keep.targets = keep.targets + [a for a in other.targets if a not in keep.targets]
        keep.words = sorted({t.i: t for t in keep.words + other.words}.values(), key=lambda t: t.i)
        keep.contexts = keep.contexts + [c for c in other.contexts if c not in keep.contexts]
        keep.mode = keep.mode or other.mode
        keep.cameo = keep.cameo or other.cameo
        if keep is not twin:
            out[out.index(twin)] = keep
    return out


def _mergeable(a: Draft, b: Draft) -> bool:
    """Same type, sources and negation, compatible targets, and one event describes the other: a noun
    ("in its first direct attack"), or a clause hung on the other ("..., killing one man")."""
    if a.type != b.type or a.negated != b.negated:
        return False
    sa, sb = _key(a.sources), _key(b.sources)
    # a meeting named twice may name its partner once: "met Putin, holding talks on Russky Island"
    if sa != sb and not (a.type == "CONSULT" and (sa <= sb or sb <= sa)):
        return False
    ta, tb = _key(a.targets), _key(b.targets)
    if not (not ta or not tb or ta <= tb or tb <= ta):
        return False
    return a.nominal or b.nominal or within(a.anchor, b.anchor) or within(b.anchor, a.anchor)
