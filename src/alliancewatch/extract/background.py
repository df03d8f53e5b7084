"""Background events: what a sentence mentions only to say when or why its main event happened.

"Saudi Arabia recalled its ambassador from Stockholm after Sweden's foreign minister criticised the
kingdom", "their first contact since Turkey shot down a Russian bomber", "imposed a curfew amid
protests": the criticism, the shooting down and the protests were news on their own day and are
reported there; this sentence reports the recall, the contact and the curfew. PLOVER's coders, and
both gold standards we measure against, code a sentence's main event only.

An event inside a clause or phrase opened by one of ``rules.yaml``'s ``background_marks`` ("after",
"since", "following", "amid", "when", ...), or in a relative clause set off by commas on a name
("Finland, which fought two wars against the Soviet Union, ..."), is dropped when the sentence has an
event outside every such clause; a sentence whose only events are in the background keeps them
("After Russia vetoed the resolution, ..." with no main event coded still says that Russia vetoed it).
"""

from __future__ import annotations

from collections.abc import Collection

from alliancewatch.extract.drafts import Draft
from alliancewatch.extract.syntax import Token, marked


def drop_background(drafts: list[Draft], marks: Collection[str]) -> list[Draft]:
    """The drafts without those in background clauses, when a main event remains (module docstring)."""
    background = [_in_background(d.anchor, marks) for d in drafts]
    if all(background):
        return drafts
    return [d for d, behind in zip(drafts, background, strict=True) if not behind]


def _in_background(anchor: Token, marks: Collection[str]) -> bool:
    """Whether ``anchor`` lies in a clause ("after X did Y") or phrase ("after the killing of") opened
    by one of ``marks``."""
    node = anchor
    for _ in range(40):
        if node.head.i == node.i:
            return False
        if node.dep_ == "advcl" and marked(node, marks):
            return True
        if node.dep_ in ("pobj", "pcomp") and _opener(node.head) in marks:
            return True
        if node.dep_ == "relcl" and _aside(node):
            return True
        node = node.head
    return False


def _opener(prep: Token) -> str:
    """The word that opens a phrase: "after"; "because" for "because of", "due" for "due to"; the noun of
    "in retaliation for", "in response to"."""
    head = prep.head
    if prep.lower_ in ("of", "to") and head.i == prep.i - 1 and head.lower_ in ("because", "due"):
        return str(head.lower_)
    if prep.lower_ in ("for", "to") and head.pos_ == "NOUN" and head.head.lower_ == "in":
        return str(head.lower_)
    return str(prep.lower_)


def _aside(clause: Token) -> bool:
    """A relative clause set off by a comma on a name: "Finland, which fought two wars against the Soviet
    Union, has ..." tells who the actor is, not what the sentence reports."""
    head = clause.head
    doc = clause.doc
    return bool(head.pos_ == "PROPN" and head.i + 1 < len(doc) and doc[head.i + 1].text == ",")
