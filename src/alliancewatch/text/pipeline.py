"""The text tools an ingest run needs, loaded once and passed around together."""

from __future__ import annotations

from dataclasses import dataclass

from alliancewatch.text.language import LanguageDetector
from alliancewatch.text.segment import DEFAULT_MODEL, Segmenter


@dataclass(frozen=True)
class TextTools:
    """A spaCy segmenter and a language detector (loading them takes about a second)."""

    segmenter: Segmenter
    language: LanguageDetector

    @classmethod
    def load(cls, model: str = DEFAULT_MODEL) -> TextTools:
        return cls(Segmenter.load(model), LanguageDetector())
