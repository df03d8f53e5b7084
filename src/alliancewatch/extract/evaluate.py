"""Scoring the coder against hand-coded gold sentences.

Gold files are JSON lines ``{"id", "text", "date"?, "events": [{"type", "source": [codes], "target":
[codes], "quad"?, "mode"?, "context"?}]}`` (the shape of ``plover_gsr_dev.jsonl``). Codes are ISO-3,
``IGO`` for organisations, ``IMG`` for transnational armed groups, ``NGO``; three old CAMEO-style codes
used by the PLOVER gold-standard records are read as ISO-3 (``JAP`` JPN, ``ITL`` ITA, ``VTN`` VNM).

Matching rules (per sentence; sentences whose text appears on several gold lines are pooled, as the PLOVER
records code one sentence twice when it holds two events):

- predicted events that are negated are left out (PLOVER: negated events are excluded from the final
  data set); gold records list only events that happened;
- **type**: the multiset of predicted types is matched against the multiset of gold types; per type,
  true positives are the matched pairs; precision, recall and F1 per type, micro over all events, and
  macro-F1 as the unweighted mean over every type that occurs in the gold or the predictions;
- **triple**: each event is expanded into the set of its (source country, target country, type) pairs —
  one per source × target, with target ``-`` when the event has none; an actor's country is its ISO-3
  code, ``IGO``, or ``IMG`` for a group with no country; pairs are matched as a multiset per sentence and
  scored micro;
- **quad**: as type, on the quad (1..4) of each event, micro.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from alliancewatch.errors import MalformedFileError, MissingFileError, UserInputError
from alliancewatch.model import PLOVER_QUADS, PLOVER_TYPES, Event, parse_date

#: Codes in the PLOVER gold-standard records that are not ISO-3.
GOLD_ALIASES = MappingProxyType({"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"})
SUBSETS = ("all", "dev", "holdout")
DEFAULT_SEED = 20250614

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class GoldEvent:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class GoldSentence:
    """One gold sentence: its first id, text, publication date and pooled events."""

    id: str
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class Scores:
    """Counts and rates for one comparison (rates are 0 when undefined)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def record(self) -> dict[str, float | int]:
        """The JSON shape: counts, precision, recall, F1 (rates rounded to 4 places)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Mistake:
    """A sentence where predictions and gold differ: what was missed and what was extra (triples)."""

    id: str
    text: str
    missed: tuple[Triple, ...]
    extra: tuple[Triple, ...]


@dataclass
class EvalReport:
    """Scores of one run: per type, type micro and macro-F1, triples and quads."""

    sentences: int
    gold_events: int
    predicted_events: int
    per_type: dict[str, Scores] = field(default_factory=dict)
    type_micro: Scores = Scores(0, 0, 0)
    triple: Scores = Scores(0, 0, 0)
    quad: Scores = Scores(0, 0, 0)
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def type_macro_f1(self) -> float:
        """Mean F1 over the types that occur in the gold or the predictions."""
        return sum(s.f1 for s in self.per_type.values()) / len(self.per_type) if self.per_type else 0.0


def read_gold(path: Path) -> list[GoldSentence]:
    """Read a gold JSONL file; sentences with the same text are pooled (first id kept).

    Raises :class:`MissingFileError` when the file is absent and :class:`MalformedFileError` naming the
    line for a malformed record.
    """
    if not path.is_file():
        raise MissingFileError(f"gold file {path} does not exist")
    pooled: dict[str, GoldSentence] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            sentence = _gold_line(line, f"{path.name}:{number}")
            key = sentence.text.strip()
            if key in pooled:
                old = pooled[key]
                sentence = GoldSentence(old.id, old.text, old.date, old.events + sentence.events)
            pooled[key] = sentence
    return list(pooled.values())


def _gold_line(line: str, where: str) -> GoldSentence:
    try:
        data = json.loads(line)
        text, events = data["text"], data.get("events", [])
        if not isinstance(text, str) or not isinstance(events, list):
            raise TypeError("text must be a string and events a list")
        when, _ = parse_date(data.get("date"))
        parsed = tuple(_gold_event(e) for e in events)
    except (ValueError, KeyError, TypeError) as exc:
        raise MalformedFileError(f"{where}: {exc}") from None
    return GoldSentence(str(data.get("id", where)), text, when, parsed)


def _gold_event(data: dict[str, object]) -> GoldEvent:
    kind = data["type"]
    if kind not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {kind!r}")
    sources, targets = data.get("source", []), data.get("target", [])
    if not isinstance(sources, list) or not isinstance(targets, list):
        raise TypeError("source and target must be lists of codes")
    return GoldEvent(str(kind), tuple(_code(c) for c in sources), tuple(_code(c) for c in targets))


def _code(value: object) -> str:
    text = str(value).strip().upper()
    return GOLD_ALIASES.get(text, text)


def split_half(
    sentences: Sequence[GoldSentence], subset: str, seed: int = DEFAULT_SEED
) -> list[GoldSentence]:
    """``all``, or one half of a fixed random split: ``dev`` (the half the coder was developed on) or
    ``holdout`` (the other half). The split depends only on ``seed`` and the sentence ids."""
    if subset not in SUBSETS:
        raise UserInputError(f"--subset must be one of {', '.join(SUBSETS)}, not {subset!r}")
    if subset == "all":
        return list(sentences)
    ids = sorted(s.id for s in sentences)
    random.Random(seed).shuffle(ids)
    first = set(ids[: len(ids) // 2])
    return [s for s in sentences if (s.id in first) == (subset == "dev")]


def event_country(actor_country: str | None) -> str:
    """The code an actor counts as in triples: its country, or ``IMG`` for a group with none."""
    return actor_country or "IMG"


def predicted_triples(event: Event) -> set[Triple]:
    """The (source, target, type) pairs of one predicted event."""
    sources = {event_country(a.country) for a in event.source}
    targets = {event_country(a.country) for a in event.target} or {"-"}
    return {(s, t, event.type) for s in sources for t in targets}


def gold_triples(event: GoldEvent) -> set[Triple]:
    """The (source, target, type) pairs of one gold event."""
    targets = set(event.targets) or {"-"}
    return {(s, t, event.type) for s in set(event.sources) for t in targets}


def score(
    sentences: Sequence[GoldSentence],
    predict: Callable[[Iterable[GoldSentence]], Iterable[list[Event]]],
    keep_mistakes: bool = False,
) -> EvalReport:
    """Compare ``predict``'s events (one list per sentence, in order) with the gold (see the module
    docstring for the matching rules)."""
    type_counts: dict[str, list[int]] = {}
    triple, quad = [0, 0, 0], [0, 0, 0]
    report = EvalReport(len(sentences), 0, 0)
    for sentence, events in zip(sentences, predict(sentences), strict=True):
        kept = [e for e in events if not e.negated]
        report.gold_events += len(sentence.events)
        report.predicted_events += len(kept)
        gold_types = Counter(e.type for e in sentence.events)
        pred_types = Counter(e.type for e in kept)
        for kind in gold_types | pred_types:
            counts = type_counts.setdefault(kind, [0, 0, 0])
            hit = min(gold_types[kind], pred_types[kind])
            counts[0] += hit
            counts[1] += pred_types[kind] - hit
            counts[2] += gold_types[kind] - hit
        gold_t = Counter(t for e in sentence.events for t in gold_triples(e))
        pred_t = Counter(t for e in kept for t in predicted_triples(e))
        _tally(triple, gold_t, pred_t)
        _tally(quad, Counter(PLOVER_QUADS[e.type] for e in sentence.events), Counter(e.quad for e in kept))
        if keep_mistakes and gold_t != pred_t:
            missed = tuple(sorted((gold_t - pred_t).elements()))
            extra = tuple(sorted((pred_t - gold_t).elements()))
            report.mistakes.append(Mistake(sentence.id, sentence.text, missed, extra))
    report.per_type = {k: Scores(*type_counts[k]) for k in PLOVER_TYPES if k in type_counts}
    report.type_micro = Scores(*(sum(c[i] for c in type_counts.values()) for i in range(3)))
    report.triple, report.quad = Scores(*triple), Scores(*quad)
    return report


def _tally(into: list[int], gold: Counter[Any], predicted: Counter[Any]) -> None:
    hit = sum((gold & predicted).values())
    into[0] += hit
    into[1] += sum(predicted.values()) - hit
    into[2] += sum(gold.values()) - hit
