"""Longest-match phrase look-up over word tokens, with case rules that keep "us" from becoming the US.

Phrases and text are cut into the same word tokens (runs of letters and digits; a trailing ``+`` stays, so
``OPEC+`` differs from ``OPEC``). Hyphens, apostrophes, full stops and white space between tokens are not
part of a phrase, so "al-Qaeda" also matches "al Qaeda" and "U.S." matches "U.S".

Case is compared token by token, from the way the phrase is written in the data:

- all lower case ("state" in "the Jewish state"): any case matches;
- capitalised ("Chad", "Kremlin"): the text must be capitalised too ("CHAD" in a headline is fine, "chad"
  is not);
- an acronym ("US", "IRGC"): exactly as written; acronyms of four letters or more also match in title case
  because British papers write "Nato" and "Opec";
- mixed case ("LeT", "PressTV"): exactly as written, or in full capitals.

Accents are folded before comparison ("Elysée" = "Elysee").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

_TOKEN = re.compile(r"[^\W_]+(?:\+[^\W_]*)*")
# What may separate two tokens of one phrase: spaces, one line break, hyphens, apostrophes, full stops.
_GAP = re.compile(r"[\s\-\u2010\u2011\u2013'\u2019.\u00b7]{0,4}")


def fold(text: str) -> str:
    """Remove accents, keeping case ("Élysée" -> "Elysee")."""
    if text.isascii():  # most words: nothing to fold, and decomposing costs more than the rest of a look-up
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Token:
    """One word of a text: as written (accents folded), its look-up key and its character offsets."""

    text: str
    key: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into word tokens with character offsets into ``text``."""
    out = []
    for m in _TOKEN.finditer(text):
        word = fold(m.group())
        out.append(Token(word, word.lower(), m.start(), m.end()))
    return out


def phrase_key(text: str) -> tuple[str, ...]:
    """The look-up keys of ``text``'s tokens, as :func:`tokenize` makes them ("Élysée Palace" ->
    ("elysee", "palace")): two phrases with the same key compete for the same words."""
    return tuple(fold(m.group()).lower() for m in _TOKEN.finditer(text))


def joinable(text: str, left: Token, right: Token) -> bool:
    """Whether ``left`` and ``right`` are close enough in ``text`` to belong to one phrase."""
    gap = text[left.end : right.start]
    return _GAP.fullmatch(gap) is not None and gap.count("\n") <= 1


def token_fits(pattern: str, actual: str) -> bool:
    """Whether the text token ``actual`` may stand for the phrase token ``pattern`` (same key assumed)."""
    if pattern == pattern.lower():
        return True
    if pattern.isupper():
        if actual == pattern:
            return True
        return len(pattern) >= 4 and actual == pattern[0] + pattern[1:].lower()
    if pattern[0].isupper() and pattern[1:] == pattern[1:].lower():
        return actual[0].isupper()
    return actual in (pattern, pattern.upper())


@dataclass
class _Node(Generic[T]):
    children: dict[str, _Node[T]] = field(default_factory=dict)
    items: list[tuple[tuple[str, ...], T]] = field(default_factory=list)


class PhraseIndex(Generic[T]):
    """A token trie from phrases to payloads; one phrase may carry several payloads."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self._phrases: dict[str, None] = {}
        self.longest_phrase = 0

    def add(self, phrase: str, payload: T) -> None:
        """Index ``payload`` under ``phrase``; raises ValueError when the phrase has no word in it."""
        words = tuple(fold(m.group()) for m in _TOKEN.finditer(phrase))  # tokenize's words, without offsets
        if not words:
            raise ValueError(f"phrase {phrase!r} has no words")
        node = self._root
        for word in words:
            child = node.children.get(word.lower())
            if child is None:  # not setdefault: that would build a node for every word of every phrase
                child = node.children[word.lower()] = _Node()
            node = child
        node.items.append((words, payload))
        self._phrases[phrase] = None
        self.longest_phrase = max(self.longest_phrase, len(words))

    def phrases(self) -> list[str]:
        """Every phrase as written in the data, in insertion order."""
        return list(self._phrases)

    def _fitting(self, node: _Node[T], tokens: Sequence[Token], start: int) -> list[T]:
        return [
            payload
            for words, payload in node.items
            if all(token_fits(w, t.text) for w, t in zip(words, tokens[start:], strict=False))
        ]

    def _walk(self, text: str, tokens: Sequence[Token], start: int) -> Iterator[tuple[int, _Node[T]]]:
        node = self._root
        for j in range(start, len(tokens)):
            if j > start and not joinable(text, tokens[j - 1], tokens[j]):
                return
            child = node.children.get(tokens[j].key)
            if child is None:
                return
            node = child
            yield j + 1, node

    def longest(self, text: str, tokens: Sequence[Token], start: int) -> tuple[int, list[T]] | None:
        """The longest phrase starting at token ``start``: (end token index, payloads), or None."""
        best: tuple[int, list[T]] | None = None
        for end, node in self._walk(text, tokens, start):
            if node.items and (found := self._fitting(node, tokens, start)):
                best = (end, found)
        return best

    def exact(self, text: str, tokens: Sequence[Token], start: int, end: int) -> list[T]:
        """Payloads of a phrase that covers exactly tokens ``start`` to ``end`` (exclusive)."""
        for stop, node in self._walk(text, tokens, start):
            if stop == end:
                return self._fitting(node, tokens, start)
        return []
