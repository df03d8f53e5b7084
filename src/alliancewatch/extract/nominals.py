"""Noun events: "the delivery of S-300 systems to Iran", "Israeli strikes on Tehran", "held talks with".

A noun trigger takes its source from a possessive, an adjective or a compound ("Russia's delivery",
"Israeli strikes"), from "by"/"from" phrases, or from the subject of a light verb ("held talks",
"launched an attack", "imposed sanctions"; the light verb then gives the event its clause, so "did not
hold talks" is negated); its "of" phrase takes the role its sense says ("the invasion of Ukraine": target;
"the withdrawal of US troops": source). A meeting or rally named in an adjunct of a verb ("condemned the
strikes in a phone call with Pezeshkian", "converged for a rally") has the verb's subject among its
participants. A noun event with no source is not an event.
"""

from __future__ import annotations

from alliancewatch.extract.drafts import PARTICIPANT_PREPS, Draft, Drafter
from alliancewatch.extract.lexicon import Trigger
from alliancewatch.extract.syntax import Token, prep_objects, verb_forms

#: Verbs before "on strike" ("went on strike", "remain on strike").
_ON_STRIKE = frozenset({"go", "be", "remain", "stay", "walk", "come"})
#: Verbs whose object strike is called by the strikers ("unions called a strike").
_CALL_STRIKE = frozenset({"call", "declare"})
#: Sectors that strike with weapons, not by stopping work (None: the state itself).
_NOT_STRIKERS = frozenset({None, "MIL", "GOV", "REB", "INS", "PTY"})


class NounDrafter(Drafter):
    """A :class:`Drafter` that also drafts noun events (see the module docstring)."""

    def noun(self, token: Token, verbs: list[Draft]) -> Draft | None:
        """The draft of a noun trigger, or None (no sense fits, a verb sense covers it, no source)."""
        if token.ent_type_ in ("DATE", "TIME"):
            return None  # "in March", "last Strike Day": a date, not an event
        lemma = token.lemma_.lower()
        senses = self.lexicon.senses("noun", lemma) or self.lexicon.senses("noun", token.lower_)
        doc = token.doc
        if not senses and token.i >= 2 and doc[token.i - 1].text == "-":
            # "a sit-in", "a walk-out": the parser splits the hyphenated noun into three tokens
            senses = self.lexicon.senses("noun", f"{doc[token.i - 2].lower_}-{token.lower_}")
        for sense in senses:
            modifiers = self._modifiers(token, sense.words)
            if modifiers is None:
                continue
            light = self._light_verb(token)
            if sense.requires == "labour" and light is None:
                light = self._strike_caller(token)
            if light is not None and any(d.trigger.i == light.i for d in verbs):
                return None  # the verb's own sense covers it ("imposed sanctions", "reached a deal")
            if not self._noun_fits(sense, token, modifiers, light):
                continue
            return self._noun_draft(token, sense, modifiers, light)
        return None

    def _modifiers(self, token: Token, words: tuple[str, ...]) -> list[Token] | None:
        found: list[Token] = []
        for word in words:
            match = next(
                (
                    c
                    for c in token.children
                    if c.i < token.i and (c.lower_ == word or c.lemma_.lower() == word)
                ),
                None,
            )
            if match is None:
                return None
            found.append(match)
        return found

    def _noun_fits(self, sense: Trigger, token: Token, modifiers: list[Token], light: Token | None) -> bool:
        if sense.objects:
            parts = [
                c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c not in modifiers
            ]
            parts += [
                o
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in ("of", "for")
                for o in prep_objects(c)
            ]
            classes = self._classes([token, *parts], own=False) | self._classes(parts)
            clause = any(c.dep_ in ("acl", "relcl") for c in token.children)
            if not any(n in classes or (n == "@clause" and clause) for n in sense.objects):
                return False
        if sense.requires == "labour":
            return self._labour_strike(token, light)
        if sense.requires == "actor_target":
            holders = [token] + ([light] if light is not None else [])
            return any(
                self.actors.at(o)
                for h in holders
                for prep in h.children
                if prep.dep_ == "prep" and prep.lower_ in sense.target_preps
                for o in prep_objects(prep)
            )
        return True

    def _strike_caller(self, token: Token) -> Token | None:
        # Unions "call" or "declare" a strike: the caller is the striker, which holds for no other noun.
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in _CALL_STRIKE:
            return head
        return None

    def _labour_strike(self, token: Token, light: Token | None) -> bool:
        """A work stoppage rather than an attack: "on strike" after go/be/remain, or a strike staged or
        called by people who are not a state or its forces and aimed "on"/"against" no actor."""
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in _ON_STRIKE:
            return True
        if light is None:
            return False
        holders = [token, light]
        if any(
            self.actors.at(o)
            for h in holders
            for prep in h.children
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "at")
            for o in prep_objects(prep)
        ):
            return False
        subject, _ = self.actors.subject(light)
        if subject is None:
            return False
        found = self.actors.np_actors(subject).actors
        if not found:  # "teachers staged a strike": generic people, placed later by where they act
            return self.actors.generic(subject, self.rules.generic_agents) is not None
        return all(a.sector not in _NOT_STRIKERS for a in found)

    def _light_verb(self, token: Token) -> Token | None:
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        head = node.head
        light = self.rules.light_verbs
        if node.dep_ in ("dobj", "nsubjpass") and any(f in light for f in verb_forms(head)):
            return head
        if node.dep_ == "pobj" and head.lower_ in self.rules.light_preps:
            verb = head.head
            if verb.pos_ in ("VERB", "AUX") and any(f in light for f in verb_forms(verb)):
                return verb
        return None

    def _noun_draft(
        self, token: Token, sense: Trigger, modifiers: list[Token], light: Token | None
    ) -> Draft | None:
        skip = {m.i for m in modifiers}
        draft = Draft(sense, token, light or token, [*modifiers, token], sense.type, sense.mode, sense.cameo)
        draft.nominal, draft.light = True, light is not None
        kinds: list[str] = []
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i not in skip:
                found = self.actors.np_actors(child)
                if found.kinds and set(found.kinds) <= {"place"}:
                    continue  # "the Mumbai attacks", "the Srebrenica massacre": where, not who
                draft.add(sense.subject, found, sense.symmetric)
                kinds.extend(found.kinds)
                if found.how == "pronoun":
                    draft.how = "pronoun"
        preps = [c for c in token.children if c.dep_ == "prep"]
        nested: list[Token] = []
        for prep in preps:
            if prep.lower_ == "of":
                for obj in prep_objects(prep):
                    draft.add(sense.object_role, self.actors.np_actors(obj), sense.symmetric, obj)
                    nested += [c for c in obj.children if c.dep_ == "prep" and c.lower_ != "of"]
        self._preps(draft, [p for p in preps if p.lower_ != "of"] + nested, [])
        if light is not None:
            draft.words.insert(0, light)
            subject, how = self.actors.subject(light)
            draft.subject = subject
            if subject is not None:
                found = self.actors.np_actors(subject)
                draft.add("source", found)
                kinds.extend(found.kinds)
                draft.how = "pronoun" if found.how == "pronoun" else how
            self._preps(draft, [c for c in light.children if c.dep_ in ("prep", "dative")], [])
        elif token.dep_ == "pobj" and token.head.lower_ in PARTICIPANT_PREPS.get(sense.type, ()):
            verb = token.head.head
            if verb.pos_ in ("VERB", "AUX"):
                subject, _ = self.actors.subject(verb)
                if subject is not None:  # the verb's subject leads: "Putin ... in a call with Pezeshkian"
                    lead = self.actors.np_actors(subject).actors
                    draft.sources = [*lead, *(a for a in draft.sources if a not in lead)]
                    draft.how = "inherited"
        draft.settle()
        draft.source_kinds = tuple(kinds)
        generic = draft.subject is not None and (
            self.actors.generic(draft.subject, self.rules.generic_agents) is not None
        )
        if (not draft.sources and not generic) or (
            draft.how == "pronoun" and light is None and not draft.targets
        ):
            return None  # "its involvement in killing": too loose to be an event of its own
        parts = [c for c in token.children if c.dep_ in ("prep", "compound", "amod")]
        draft.classes, draft.contexts = self._argument_terms(
            parts + [o for p in preps for o in prep_objects(p)]
        )
        return draft
