"""Which language a text is in; the product codes English only for now.

langdetect (a port of Google's language-detection, character n-gram profiles of 55 languages, all
offline) is run with a fixed seed on its own factory object, so the answer never changes between runs
and no global state is touched. On short texts full of names ("Putin met Pezeshkian in Moscow.") its
character statistics are weak, so a second, plain signal decides there: the share of words that are
English function words ("the", "of", "and", "in" ...), which is about 0.4 in English prose and near zero
in other languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters of a text that are looked at (detection is stable well before this).
SAMPLE_CHARS = 5000
#: Below this many words, the function-word share may overrule langdetect.
SHORT_TEXT_WORDS = 40
#: Share of English function words that marks a short text as English.
ENGLISH_SHARE = 0.2

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    {
        "the", "of", "and", "to", "in", "a", "an", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "on", "for", "with", "by", "at", "from", "that", "this", "which", "it", "its", "as", "but",
        "not", "or", "will", "would", "said", "says", "after", "before", "over", "into", "than", "their",
        "they", "he", "she", "his", "her", "who", "what", "when", "where", "why", "how", "also", "about",
        "against", "between", "during"
    }
)  # fmt: skip


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language (ISO 639-1, None when nothing could be detected), langdetect's probability
    for it, and whether the text counts as English."""

    code: str | None
    probability: float
    english: bool

    def describe(self) -> str:
        """A short phrase for messages: "fr at p=0.99" or "undetermined"."""
        return f"{self.code} at p={self.probability:.2f}" if self.code else "undetermined"


class LanguageDetector:
    """langdetect profiles loaded once into this object, seeded for reproducible answers."""

    def __init__(self, seed: int = 0) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(seed)

    def detect(self, text: str) -> LanguageGuess:
        """Guess the language of ``text`` (its first :data:`SAMPLE_CHARS` characters)."""
        from langdetect.lang_detect_exception import LangDetectException

        sample = text[:SAMPLE_CHARS]
        words = [w.casefold() for w in _WORD.findall(sample)]
        share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0
        try:
            detector = self._factory.create()
            detector.append(sample)
            best = detector.get_probabilities()[0]
            code, probability = str(best.lang), float(best.prob)
        except (LangDetectException, IndexError):
            code, probability = None, 0.0
        english = code == "en" or (len(words) < SHORT_TEXT_WORDS and share >= ENGLISH_SHARE)
        if english and code != "en":
            code, probability = "en", share
        return LanguageGuess(code, probability, english)
