"""From drafts to the events a sentence asserts: frames and negation, following PLOVER.

- Frames. A trigger whose sense has a frame decides for the action under it. ``refuse`` ("declined to
  supply", "rejected the demand") gives a REJECT whose mode comes from the refused action (PLOVER's
  assist / change / yield / meet) and keeps that action as a *negated* event (PLOVER: "Russia declined
  to supply …" is a negated AID); the REJECT's target is the refused action's target only when that
  action is cooperative ("refused to supply Iran" is verbal conflict toward Iran, "refused to condemn
  Russia" is not). ``request`` and ``threaten`` give a REQUEST or THREATEN whose mode comes from what is
  asked or threatened, and swallow it (asked-for and threatened actions did not happen). ``promise``
  ("offered to", "vowed to", "is ready to") gives AGREE for a cooperative action and THREATEN for a
  conflictual one ("vowed to retaliate"); ``decide`` ("agreed to impose sanctions") keeps a conflictual
  decision as that action in the future; ``prepare`` ("prepared to attack") is force posture (MOBILIZE);
  ``accuse`` swallows the alleged action; ``forbid`` ("prohibits Russia from delivering S-300s to Iran")
  is a SANCTION on the target of the forbidden action, which is kept as a negated event.
- A negated trigger whose sense has a ``negated_type`` ("did not accept", "would not meet demands") adds
  that type (REJECT) beside the negated event.
- A verbal noun event that is an argument of another event ("rejected calls by Belarus for aid") only
  says what that event is about and is dropped; one in an adjunct ("in a phone call with") stands.

Content clauses are set aside first (:mod:`alliancewatch.extract.contents`); intentions, places, hosts and
merging come after (:mod:`alliancewatch.extract.refine`).
"""

from __future__ import annotations

from collections.abc import Iterable

from alliancewatch.extract.arguments import SentenceActors
from alliancewatch.extract.background import drop_background
from alliancewatch.extract.contents import ContentFilter
from alliancewatch.extract.drafts import Draft
from alliancewatch.extract.gazetteer import Actor
from alliancewatch.extract.leftover import leftover_targets
from alliancewatch.extract.lexicon import Lexicon
from alliancewatch.extract.refine import Refiner, merge, threat
from alliancewatch.extract.syntax import Token, depth, infinitive, is_passive, prep_objects
from alliancewatch.plover import Plover

#: When a refused or requested thing is named only by a noun, the kind of action it stands for.
_CLASS_ACTIONS = (
    ("talks", "CONSULT"),
    ("aid", "AID"),
    ("weapon", "AID"),
    ("asylum", "AID"),
    ("trade", "COOPERATE"),
    ("energy", "COOPERATE"),
    ("cooperation", "COOPERATE"),
    ("captives", "RETREAT"),
    ("observers", "RETREAT"),
    ("restrictions", "RETREAT"),
    ("blockade", "RETREAT"),
    ("sanctions", "RETREAT"),
    ("relations", "SUPPORT"),
)


class Deriver:
    """Applies the steps of the module docstring to the drafts of one sentence."""

    def __init__(self, lexicon: Lexicon, plover: Plover, actors: SentenceActors) -> None:
        self.lexicon = lexicon
        self.rules = lexicon.rules
        self.plover = plover
        self.actors = actors

    def run(self, drafts: list[Draft]) -> list[Draft]:
        """The drafts that become events, in sentence order (consumed and source-less ones dropped)."""
        dropped: set[int] = set()
        refused: set[int] = set()
        ContentFilter(self.lexicon).apply(drafts)
        frames = [d for d in drafts if d.sense.frame != "plain"]
        for frame in sorted(frames, key=lambda d: -depth(d.trigger)):
            self._frame(frame, drafts, dropped, refused)
            if frame.consumed:  # a frame inside a consumed clause takes its content along
                _consume(d for d in drafts if d.anchor.i in self._content_heads(frame))
        alive = [d for d in drafts if not d.consumed and id(d) not in dropped]
        refiner = Refiner(self.rules, self.actors)
        alive += self._negated_types(alive, refused, refiner)
        for draft in alive:
            refiner.refine(draft)
            if draft.sense.symmetric:
                draft.targets = [a for a in draft.targets if a not in draft.sources]
            own = {a.country for a in draft.sources}
            if draft.type == "MOBILIZE" and {a.country for a in draft.targets} <= own:
                draft.targets = []  # forces deployed at home ("police were deployed in Cairo") aim at no one
        self._event_targets(alive)
        alive = [d for d in alive if not _condition_of_threat(d, alive) and not self._only_asked(d)]
        alive = [d for d in alive if not _protest_demand(d, alive)]
        alive = [d for d in alive if d.sources and not self._verbal_argument(d, alive) and self._full(d)]
        out = merge(sorted(alive, key=lambda d: d.trigger.i))
        out = drop_background(out, self.rules.background_marks)
        leftover_targets(out, self.actors, self.plover.quad)
        return out

    # -- clauses that are the content of something else -------------------------------------------

    # -- frames --------------------------------------------------------------------------------------
    def _frame(self, frame: Draft, drafts: list[Draft], dropped: set[int], refused: set[int]) -> None:
        heads = self._content_heads(frame)
        content = [d for d in drafts if d is not frame and (d.anchor.i in heads or d.trigger.i in heads)]
        content = [d for d in content if not d.consumed and id(d) not in dropped]
        first = content[0] if content else None
        kind = frame.sense.frame
        for item in content:
            frame.contexts.extend(c for c in item.contexts if c not in frame.contexts)
        if kind == "accuse":
            _consume(content)
        elif kind == "refuse":
            action = first.type if first else self._class_action(frame.classes)
            if action is not None:
                frame.mode, frame.cameo = self.rules.reject_by_content[action]
            if not frame.targets and first and self.plover.quad(first.type) in (1, 2):
                frame.targets = list(first.targets)
            for item in content:
                refused.add(id(item))
                if frame.negated:  # "did not rule out sending ATACMS": possible, not refused
                    item.modality = "hypothetical"
                    continue
                item.negated = True
                if item.modality == "asserted":
                    item.modality = frame.modality
        elif kind == "forbid":  # "prohibits Russia from delivering S-300s to Iran": a sanction on Iran
            if not frame.targets and first is not None:
                frame.targets = list(first.targets)
            for item in content:
                item.negated = True
                refused.add(id(item))
        elif kind == "request":
            action = first.type if first else self._class_action(frame.classes)
            if action is not None:
                frame.mode, frame.cameo = self.rules.request_by_content[action]
            if not frame.targets and first:
                frame.targets = list(
                    first.sources if first.how == "direct" and not first.nominal else first.targets
                )
            if not frame.targets:  # "demanded that China drop barriers": the one asked to act
                frame.targets = list(self._clause_subjects(frame.trigger))
            if not frame.targets:  # "demanded that Telecom Minister X be sacked": a domestic target
                frame.target_phrases += self._clause_subject_heads(frame.trigger)
            _consume(content)
        elif kind == "threaten":
            if first is not None:
                frame.mode, frame.cameo = threat(self.rules, first)
                frame.targets = frame.targets or list(first.targets)
            _consume(content)
        elif first is not None:
            self._intent_frame(frame, kind, first, content, dropped)

    def _intent_frame(
        self, frame: Draft, kind: str, first: Draft, content: list[Draft], dropped: set[int]
    ) -> None:
        conflict = first.type in self.rules.threaten_from
        if (kind == "prepare" and not conflict) or (kind == "decide" and conflict):
            dropped.add(id(frame))
            for item in content:
                if item.modality in ("asserted", "reported"):
                    item.modality = "future"
                item.planned = True  # decided or prepared, not stated as an intention
            return
        frame.targets = frame.targets or list(first.targets)
        if kind == "promise" and conflict:
            frame.type = "THREATEN"
            frame.mode, frame.cameo = threat(self.rules, first)
        elif kind != "prepare":
            frame.type, frame.mode = "AGREE", None
            frame.cameo = frame.sense.cameo or self.rules.agree_code
        _consume(content)

    def _content_heads(self, frame: Draft) -> set[int]:
        token = frame.trigger
        heads = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "with", "to", "from", "against"):
                heads.extend(prep_objects(child))
            if child.dep_ in ("dobj", "nsubjpass") and frame.sense.frame in ("request", "refuse", "threaten"):
                heads.append(child)
        if frame.sense.frame == "accuse" and heads:
            # "accused Beijing of militarising the sea by sending warships": the parser may hang the
            # means on "accused"; an accusation is not made by sending warships
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    heads.extend(o for o in prep_objects(child) if o.pos_ in ("VERB", "AUX"))
        out: set[int] = set()
        while heads:
            head = heads.pop()
            if head.i in out:
                continue
            out.add(head.i)
            lemma = head.lemma_.lower()
            wraps = self.rules.transparent | self.rules.future | self.rules.hypothetical
            heads.extend(
                c for c in head.children if c.dep_ == "conj" or (c.dep_ == "xcomp" and lemma in wraps)
            )
            # "accused Beijing of militarising the sea by sending warships": the means is content too
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "by":
                    heads.extend(
                        o for o in prep_objects(prep) if o.pos_ in ("VERB", "AUX") or o.dep_ == "pcomp"
                    )
        return out

    def _clause_subjects(self, token: Token) -> tuple[Actor, ...]:
        heads = self._clause_subject_heads(token)
        return self.actors.np_actors(heads[0]).actors if heads else ()

    def _clause_subject_heads(self, token: Token) -> list[Token]:
        """The subjects of the "that" clauses under ``token`` ("demanded that X resign": X)."""
        return [
            c
            for clause in token.children
            if clause.dep_ == "ccomp"
            for c in clause.children
            if c.dep_ in ("nsubj", "nsubjpass")
        ]

    def _class_action(self, classes: set[str]) -> str | None:
        return next((action for cls, action in _CLASS_ACTIONS if cls in classes), None)

    # -- later steps ---------------------------------------------------------------------------------
    def _negated_types(self, drafts: list[Draft], refused: set[int], refiner: Refiner) -> list[Draft]:
        """REJECT beside negated compliance ("did not accept") and beside a cooperative action its
        source says it will not take ("the Kremlin said Russia would not supply")."""
        out: list[Draft] = []
        for draft in drafts:
            if draft.unsaid:
                continue
            flip = draft.sense.negated_type
            if (
                flip is None
                and draft.negated
                and draft.type in self.rules.agree_from
                and draft.modality in ("future", "hypothetical")
                and refiner.self_stated(draft)
            ):
                flip = "REJECT"
            if not draft.negated or flip is None or id(draft) in refused:
                continue
            mode, cameo = self.rules.reject_by_content.get(draft.type, (None, None))
            extra = Draft(draft.sense, draft.trigger, draft.anchor, list(draft.words), flip, mode, cameo)
            extra.sources = list(draft.sources)
            extra.targets = list(draft.targets) if self.plover.quad(draft.type) in (1, 2) else []
            extra.contexts, extra.classes, extra.how = list(draft.contexts), set(draft.classes), draft.how
            extra.modality, extra.reporter, extra.nominal = draft.modality, draft.reporter, draft.nominal
            if draft.modality in ("future", "hypothetical"):  # the refusal itself is said now
                extra.modality = "reported" if draft.reporter is not None else "asserted"
            out.append(extra)
        return out

    def _only_asked(self, draft: Draft) -> bool:
        """An action named as what a call, plan or offer is for ("rejected UN calls to disarm the
        militia", "a proposal to withdraw") has not happened: it is what the other event is about."""
        anchor = draft.anchor
        if draft.nominal or anchor.dep_ not in ("acl", "relcl"):
            return False
        if anchor.head.lemma_.lower() not in self.rules.unreal_nouns:
            return False
        if anchor.dep_ == "acl" and infinitive(anchor):
            return True
        # "a resolution that threatened Syria with sanctions", "Resolution 598, which calls for a
        # ceasefire", "a proposal demanding ...": what a text says, not an act of its own
        document = anchor.head
        if is_passive(anchor) or document.head.lemma_.lower() in self.rules.authoring_verbs:
            return False  # "passed a resolution censuring Iran": its authors censure Iran
        subjects = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
        if anchor.dep_ == "acl":
            return not subjects and anchor.tag_ == "VBG"
        return any(c.lower_ in ("which", "that") for c in subjects)

    def _full(self, draft: Draft) -> bool:
        """A noun event named in passing must say who took part: a meeting needs two parties ("after the
        talks, Putin said" names one), and aid, cooperation and sanctions, which PLOVER gives a
        required recipient, need a target ("under Security Council sanctions")."""
        if not draft.nominal or draft.light:
            return True
        if draft.type == "CONSULT":
            return len({a.country for a in (*draft.sources, *draft.targets)}) >= 2
        return bool(draft.targets) or not self.plover.type(draft.type).requires_target

    def _event_targets(self, alive: list[Draft]) -> None:
        """A verbal reaction to a noun event takes that event's sources as its targets: "welcomed the
        ceasefire between Israel and Iran", "condemned the Russian strikes"."""
        events = {d.trigger.i: d for d in alive if d.nominal and d.sources}
        for draft in alive:
            if draft.targets or draft.nominal or self.plover.quad(draft.type) not in (1, 3):
                continue
            for token in sorted(draft.argument_tokens):
                found = events.get(token)
                if found is not None and found is not draft:
                    draft.targets = [a for a in found.sources if a not in draft.sources]
                    break

    def _verbal_argument(self, draft: Draft, alive: Iterable[Draft]) -> bool:
        """A verbal noun event ("calls", "demand", "offer") that is an argument of another event is only
        a description of what that event is about, not an event of its own ("rejected calls by Belarus
        for aid"); so is any noun event that is cut, refused, asked for or promised ("suspended
        cooperation with"). One in an adjunct ("condemned the strikes in a phone call with") stands."""
        if not draft.nominal or draft.light:
            return False
        token = draft.trigger
        verbal = self.plover.quad(draft.type) in (1, 3)
        return any(
            other is not draft
            and (verbal or other.type == "SANCTION" or other.sense.frame != "plain")
            and _argument_of(other, token)
            for other in alive
        )


def _condition_of_threat(draft: Draft, drafts: list[Draft]) -> bool:
    """An "if" or "unless" clause under a threat is its condition, not an event ("vowed attacks unless
    Nairobi pulled its troops out"); whoever it asks to act is the threat's target when none is named."""
    if not draft.conditional:
        return False
    for warning in drafts:
        if warning is draft or warning.type != "THREATEN":
            continue
        clause = next((n for n in (draft.anchor, *draft.anchor.ancestors) if n.dep_ == "advcl"), None)
        # the condition hangs on the threat's trigger or on the action it threatens
        if clause is not None and any(a.i in (warning.trigger.i, warning.anchor.i) for a in clause.ancestors):
            if not warning.targets:
                warning.targets = [a for a in draft.sources if a not in warning.sources]
            return True
    return False


def _argument_of(event: Draft, token: Token) -> bool:
    if token.i in event.argument_tokens:
        return True
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
        return bool(head.i == event.trigger.i)
    if token.dep_ in ("pobj", "pcomp") and head.head.i == event.trigger.i:
        sense = event.sense
        return head.lower_ in sense.target_preps or head.lower_ in sense.source_preps or head in event.words
    return False


def _consume(drafts: Iterable[Draft]) -> None:
    for draft in drafts:
        draft.consumed = True


def _protest_demand(draft: Draft, drafts: list[Draft]) -> bool:
    """Whether ``draft`` is the demand of a protest it hangs on ("rallied to demand", "a demonstration
    calling for", "staged rallies, saying he must resign"): PLOVER codes the protest, whose demand is its
    issue, not a separate REQUEST by the protesters."""
    if draft.type != "REQUEST" or draft.negated:
        return False
    for protest in drafts:
        if protest is draft or protest.type != "PROTEST" or protest.negated:
            continue
        if draft.sources and not {a.country for a in draft.sources} <= {a.country for a in protest.sources}:
            continue
        heads = {protest.anchor.i, protest.trigger.i}
        node = draft.anchor
        for _ in range(8):
            if node.i in heads:
                return True
            if node.head.i == node.i:
                break
            node = node.head
    return False
