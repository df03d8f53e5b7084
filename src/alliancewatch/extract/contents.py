"""Clauses that say what something is about, not what happened: they assert no event.

"plans to buy Su-35s", "a proposal for signing a trade deal", "a resolution that aims to tighten
sanctions", "an invitation to attend a meeting": the actions named there are the content of a plan,
proposal or invitation. A purpose ("began a hunger strike to protest the verdict", "offered troops to
help him") is not an event of its own either; it gives its target to the event it serves. Noun events
inside such a clause go with it.
"""

from __future__ import annotations

from alliancewatch.extract.drafts import Draft
from alliancewatch.extract.lexicon import Lexicon
from alliancewatch.extract.syntax import Token, infinitive

#: Nouns whose clauses state content: proposals, agreements, demands (classes of terms.csv).
_CONTENT_CLASSES = frozenset({"proposal", "agreement", "demand"})


class ContentFilter:
    """Marks the drafts that are content or purpose as consumed (see the module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.rules = lexicon.rules

    def apply(self, drafts: list[Draft]) -> None:
        """Clauses that say what a plan, proposal or purpose is do not assert events: "plans to buy",
        "a proposal for signing", "a resolution that aims to tighten sanctions", "began a hunger strike
        to protest" (a purpose gives its target to the event it serves). Noun events inside such a
        clause go with it ("an invitation to attend a meeting of the factions")."""
        anchors: dict[int, Draft] = {}
        for draft in drafts:
            anchors.setdefault(draft.anchor.i, draft)
            anchors.setdefault(draft.trigger.i, draft)
        clauses: list[Token] = []
        for draft in drafts:
            if draft.nominal and not draft.light:
                continue
            node = draft.anchor
            while node.dep_ == "conj" and node.head.i != node.i:
                node = node.head
            served = anchors.get(node.head.i)
            if served is not None and self._purpose(node, draft, served):
                draft.consumed = True
                clauses.append(node)
                if not served.targets:
                    served.targets = list(draft.targets)
                continue
            root = self._clause_root(node)
            if self._content_clause(root):
                draft.consumed = True
                clauses.append(root)
        inside = {t.i for clause in clauses for t in clause.subtree}
        for draft in drafts:
            if draft.nominal and not draft.light and draft.trigger.i in inside:
                draft.consumed = True

    @staticmethod
    def _purpose(node: Token, draft: Draft, served: Draft) -> bool:
        """An infinitive hung on another event's word says what that event is for."""
        if served is draft or node.dep_ not in ("advcl", "xcomp", "acl", "relcl") or not infinitive(node):
            return False
        return not (node.dep_ == "xcomp" and served.sense.frame != "plain")

    def _content_clause(self, root: Token) -> bool:
        """An infinitive on a noun ("plans to buy"), a gerund after a noun's preposition ("a proposal for
        signing"), or a wished clause on a proposal noun ("a resolution that aims to")."""
        head, dep = root.head, root.dep_
        if dep in ("acl", "relcl") and infinitive(root):
            return True
        if dep == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in ("NOUN", "PROPN"):
            return True
        return dep in ("relcl", "acl") and self._content_noun(head) and self._wished(root)

    def _clause_root(self, node: Token) -> Token:
        """Up through wrapper verbs ("aims to", "plans to") to the verb that heads the clause."""
        for _ in range(6):
            head = node.head
            if node.dep_ != "xcomp" or head.i == node.i or not self._wrapper(head.lemma_.lower()):
                return node
            node = head
        return node

    def _wrapper(self, lemma: str) -> bool:
        r = self.rules
        return lemma in r.future or lemma in r.hypothetical or lemma in r.transparent

    def _wished(self, verb: Token) -> bool:
        """Whether a clause states an aim or a possibility rather than a fact."""
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        lemma = verb.lemma_.lower()
        return (
            infinitive(verb)
            or bool(aux & (self.rules.future_aux | self.rules.hypothetical_aux))
            or lemma in self.rules.future
            or lemma in self.rules.hypothetical
        )

    def _content_noun(self, noun: Token) -> bool:
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        classes, _ = self.lexicon.terms.lookup([f"{noun.lemma_.lower()} {noun.lower_}"])
        return bool(classes & _CONTENT_CLASSES)
