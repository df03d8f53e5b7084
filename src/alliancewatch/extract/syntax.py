"""Small walks over spaCy's dependency parse that the coder's modules share.

spaCy ships no type information, so tokens and spans are typed ``Any`` here (:data:`Token`, :data:`Span`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span or Doc


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is passive: it has a passive subject or auxiliary, or is a past participle hung
    on a noun ("strikes condemned by Moscow")."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    return bool(verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main_verb(verb))


def passive_subject(verb: Token) -> Token | None:
    """The patient of a passive verb: its passive subject, or the noun a participle hangs on."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main_verb(verb):
        return verb.head
    return None


def misparsed_main_verb(verb: Token) -> bool:
    """ "Venezuela's opposition coalition called on the council to verify ...": the parser may make the
    subject noun the root and the main verb a participle on it. A past-tense verb there with no agent
    that has an object of its own, or a preposition and then an infinitive ("called on X to"), acts for
    the noun; a headline's "soldiers killed in Kashmir" or "Iran urged to cooperate" stays passive."""
    head = verb.head
    if head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN") or verb.tag_ not in ("VBD", "VBN"):
        return False
    deps = {c.dep_ for c in verb.children}
    if deps & {"aux", "auxpass", "nsubj", "nsubjpass", "agent"}:
        return False
    return bool(deps & {"dobj", "dative", "ccomp"}) or {"prep", "xcomp"} <= deps


def prep_objects(prep: Token | None) -> list[Token]:
    """The objects of a preposition token (its pobj, or pcomp)."""
    if prep is None:
        return []
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def infinitive(verb: Token) -> bool:
    """Whether ``verb`` has the infinitive marker "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def verb_forms(token: Token) -> list[str]:
    """The lemma of a verb, then guesses from its spelling for when the lemmatizer slips ("staged"
    lemmatized as "stag", "vetoed" as "vetoe")."""
    lemma, word = token.lemma_.lower(), token.lower_
    forms = [lemma]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + repl)
    forms.append(word)
    return list(dict.fromkeys(forms))


def phrase(head: Token, limit: int = 40) -> list[Token]:
    """``head`` and the words under it, leaving out relative and adverbial clauses hung on it."""
    out = [head]
    stack = list(head.children)
    while stack and len(out) < limit:
        token = stack.pop()
        if token.dep_ in ("relcl", "acl", "advcl", "parataxis"):
            continue
        out.append(token)
        stack.extend(token.children)
    return out


def depth(token: Token) -> int:
    """How many heads lie above ``token`` in its sentence."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def within(inner: Token, outer: Token) -> bool:
    """Whether ``outer`` governs ``inner`` without a clause boundary (ccomp, parataxis, conj) between."""
    node = inner
    for _ in range(12):
        if node.i == outer.i:
            return True
        if node.dep_ in ("ccomp", "parataxis", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def relative_clause(pronoun: Token) -> Token | None:
    """The relative clause a relative pronoun opens ("which he said had refused": through "said")."""
    node = pronoun.head
    for _ in range(4):
        if node.dep_ == "relcl":
            return node
        if node.dep_ not in ("ccomp", "conj", "xcomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def object_of(verb: Token) -> Token | None:
    """The direct object or dative of ``verb``, else the object of its "on"/"upon" phrase."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            found = prep_objects(child)
            if found:
                return found[0]
    return None


def marked(clause: Token, marks: Collection[str]) -> bool:
    """Whether ``clause`` opens with one of the subordinators ``marks`` ("if", "after" ...)."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def describing_clause(token: Token) -> bool:
    """Whether ``token`` heads a relative or participle clause hung on a noun ("a plan drawn up by ...",
    "techniques used against detainees", "a resolution that threatened Syria"): it describes a thing."""
    return bool(token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ in ("VBN", "VBG")))
