"""Code text into PLOVER events, read JSONL inputs, store the events, and score the coder on gold files.

The CLI (``alliancewatch code``, ``alliancewatch eval``), the notebook API and the HTTP API call these
functions; they return plain data (events, records, rows) and raise :class:`AllianceWatchError`
subclasses for bad input.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MissingFileError, UserInputError
from alliancewatch.extract.evaluate import DEFAULT_SEED, EvalReport, read_gold, score, split_half
from alliancewatch.model import Event, parse_date
from alliancewatch.services.context import Context
from alliancewatch.store import Store
from alliancewatch.store.documents import get_sentences, list_documents
from alliancewatch.store.events import write_text_events
from alliancewatch.store.events_schema import EVENT_SCHEMA

if TYPE_CHECKING:  # the coder pulls in spaCy: imported only when a coder is built
    from alliancewatch.extract.pipeline import Coder


@dataclass(frozen=True)
class TextInput:
    """One input record: ``doc_id``, text and publication date (None if not given)."""

    doc_id: str
    text: str
    date: dt.date | None


@dataclass(frozen=True)
class BadLine:
    """An input line that could not be read: its number (from 1) and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def load_coder(codes: CountryCodes | None = None, classifier: bool = False) -> Coder:
    """The coder with the package's gazetteer, lexicon, PLOVER tables and spaCy model (a few seconds);
    with ``classifier``, also the sentence classifier's second opinion (the ``[ml]`` extra; raises
    :class:`~alliancewatch.errors.DataError` when it is not installed)."""
    from alliancewatch.extract.pipeline import Coder

    return Coder.load(codes, classifier=classifier)


def parse_day(value: str | None, option: str = "--date") -> dt.date | None:
    """A ``YYYY-MM-DD`` option value as a date; None stays None. Raises :class:`UserInputError`."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserInputError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


def code_text(coder: Coder, text: str, date: dt.date | None = None, doc_id: str = "text") -> list[Event]:
    """The events in one text. ``date`` is its publication date (None: unknown)."""
    if not text.strip():
        raise UserInputError("the text to code is empty")
    return coder.code(text, date, doc_id)


def read_inputs(path: Path) -> Iterator[TextInput | BadLine]:
    """The records of a JSONL file (one ``{"id", "text", "date"?}`` object per line, ``published`` read
    as ``date`` as in ingest's JSONL), in order; blank lines are skipped, a line that is not such an
    object (or not UTF-8) comes as a :class:`BadLine`. A record without ``id`` takes its line number.
    Raises :class:`MissingFileError` if the file is absent."""
    if not path.is_file():
        raise MissingFileError(f"input file {path} does not exist")
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield BadLine(number, "not UTF-8 text")
                continue
            if not line.strip():
                continue
            yield _record(line, number)


def _record(line: str, number: int) -> TextInput | BadLine:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadLine(number, f"not JSON ({exc.msg})")
    if not isinstance(data, dict):
        return BadLine(number, "not a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        return BadLine(number, "no 'text' string")
    doc_id = data.get("id", str(number))
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or not str(doc_id).strip():
        return BadLine(number, "'id' must be a non-empty string or number")
    try:
        when, _ = parse_date(data.get("date", data.get("published")))
    except UserInputError as exc:
        return BadLine(number, exc.message)
    return TextInput(str(doc_id), text, when)


def code_inputs(
    coder: Coder, items: Iterable[TextInput | BadLine], skip_bad: bool, bad: list[BadLine]
) -> Iterator[tuple[str, list[Event]]]:
    """Code the good records in order; bad ones raise :class:`UserInputError` (naming the line) unless
    ``skip_bad``, when they are appended to ``bad`` and passed over. Yields ``(doc_id, events)``."""

    def good() -> Iterator[tuple[str, str, dt.date | None]]:
        for item in items:
            if isinstance(item, BadLine):
                if not skip_bad:
                    raise UserInputError(f"{item} (use --skip-bad to go on past bad lines)")
                bad.append(item)
                continue
            yield item.doc_id, item.text, item.date

    yield from coder.code_many(good())


def coded_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Flat rows for a table: one per event, actors as ``name (ISO)``."""
    rows = []
    for event in events:
        rows.append(
            {
                "type": event.type,
                "mode": event.mode,
                "source": _names(event.source),
                "target": _names(event.target),
                "quad": event.quad,
                "intensity": event.intensity,
                "date": event.date.isoformat() if event.date else None,
                "modality": event.modality,
                "negated": event.negated,
                "confidence": event.confidence,
                "triggers": " ".join(event.evidence.triggers) if event.evidence else "",
            }
        )
    return rows


def _names(actors: Iterable[Any]) -> str:
    return ", ".join(f"{a.name} ({a.country or '-'})" for a in actors)


def events_table(events: Iterable[Event], source_file: str | None = None) -> pa.Table:
    """Events as an Arrow table with the columns of ``EVENT_SCHEMA`` (text events: one row each)."""
    rows = []
    for event in events:
        evidence = event.evidence
        rows.append(
            {
                "event_id": event.event_id,
                "origin": event.origin,
                "date": event.date,
                "date_precision": event.date_precision,
                "year": event.date.year if event.date else None,
                "month": event.date.month if event.date else None,
                "type": event.type,
                "mode": event.mode,
                "contexts": list(event.contexts),
                "quad": event.quad,
                "cameo_code": None,
                "cameo_root": event.cameo_root,
                "intensity": event.intensity,
                "sources": [_actor(a) for a in event.source],
                "targets": [_actor(a) for a in event.target],
                "source_countries": sorted({a.country for a in event.source if a.country}),
                "target_countries": sorted({a.country for a in event.target if a.country}),
                "negated": event.negated,
                "modality": event.modality,
                "confidence": event.confidence,
                "doc_id": evidence.doc_id if evidence else None,
                "sentence_index": evidence.sentence_index if evidence else None,
                "sentence": evidence.sentence if evidence else None,
                "triggers": list(evidence.triggers) if evidence else [],
                "span_start": evidence.span[0] if evidence else None,
                "span_end": evidence.span[1] if evidence else None,
                "geo_country": None,
                "raw_count": 1,
                "mirror_of": None,
                "source_file": source_file,
            }
        )
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def _actor(actor: Any) -> dict[str, str | None]:
    return {"name": actor.name, "country": actor.country, "sector": actor.sector}


def store_events(
    store: Store, events: list[Event], source_file: str | None = None, doc_ids: Iterable[str] = ()
) -> int:
    """Write text-coded events to the store: documents coded again replace their old events, and the
    documents ``doc_ids`` lose theirs even when they now yield none."""
    gone = list(doc_ids)
    if not events and not gone:
        return 0
    return write_text_events(store, events_table(events, source_file), gone)


def code_ingested(ctx: Context, coder: Coder, store: bool = False) -> Iterator[tuple[str, list[Event]]]:
    """Code every ingested document, sentence by sentence as the ingest stored them (evidence keeps the
    stored sentence indexes), against its publication date; with ``store``, save each document's events
    (replacing those coded before). Yields ``(doc_id, events)``."""
    for document in list_documents(ctx.store):
        sentences = [(s.sentence.index, s.sentence.text) for s in get_sentences(ctx.store, document.doc_id)]
        events = coder.code_stored(document.doc_id, document.published, sentences)
        if store:
            store_events(ctx.store, events, document.doc_id, [document.doc_id])
        yield document.doc_id, events


def evaluate_gold(
    coder: Coder, path: Path, subset: str = "all", seed: int = DEFAULT_SEED, mistakes: bool = False
) -> EvalReport:
    """Score the coder on a gold JSONL file (see :mod:`alliancewatch.extract.evaluate` for the rules);
    ``subset`` is ``all``, ``dev`` or ``holdout`` (a fixed half split by ``seed``)."""
    sentences = split_half(read_gold(path), subset, seed)

    def predict(items: Iterable[Any]) -> Iterator[list[Event]]:
        for _, events in coder.code_many((s.id, s.text, s.date) for s in items):
            yield events

    return score(sentences, predict, keep_mistakes=mistakes)


def eval_record(report: EvalReport, subset: str, seed: int) -> dict[str, Any]:
    """The JSON contract of ``alliancewatch eval``."""
    record: dict[str, Any] = {
        "subset": subset,
        "seed": seed,
        "sentences": report.sentences,
        "gold_events": report.gold_events,
        "predicted_events": report.predicted_events,
        "type": {
            "macro_f1": round(report.type_macro_f1, 4),
            "micro": report.type_micro.record(),
            "per_type": {k: v.record() for k, v in report.per_type.items()},
        },
        "triple": report.triple.record(),
        "quad": report.quad.record(),
    }
    if report.mistakes:
        record["mistakes"] = [
            {
                "id": m.id,
                "text": m.text,
                "missed": [list(t) for t in m.missed],
                "extra": [list(t) for t in m.extra],
            }
            for m in report.mistakes
        ]
    return record


def eval_rows(report: EvalReport) -> list[dict[str, Any]]:
    """Table rows: one per type, then the type micro and macro, triple and quad lines."""
    rows: list[dict[str, Any]] = []
    for name, scores in report.per_type.items():
        rows.append(_row(name, scores.tp + scores.fn, scores.precision, scores.recall, scores.f1))
    micro = report.type_micro
    rows.append(_row("type (micro)", micro.tp + micro.fn, micro.precision, micro.recall, micro.f1))
    rows.append(_row("type (macro)", micro.tp + micro.fn, None, None, report.type_macro_f1))
    for name, scores in (("triple (src, tgt, type)", report.triple), ("quad", report.quad)):
        rows.append(_row(name, scores.tp + scores.fn, scores.precision, scores.recall, scores.f1))
    return rows


def _row(name: str, support: int, p: float | None, r: float | None, f1: float) -> dict[str, Any]:
    return {"measure": name, "support": support, "precision": p, "recall": r, "f1": f1}
