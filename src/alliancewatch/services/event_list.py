"""``alliancewatch events``: list or count the events in the store (text-coded and loaded alike)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from alliancewatch.errors import NotLoadedError, UserInputError
from alliancewatch.model import ORIGINS, PLOVER_TYPES
from alliancewatch.services.context import Context, check_choice
from alliancewatch.services.dyad import parse_date
from alliancewatch.store.event_queries import EventFilter, count_events, has_events, select_events
from alliancewatch.store.events import events_view

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class EventsResult:
    """Events matching a filter, in the DESIGN.md shape (see :func:`event_record`), by date.
    ``total`` is how many match; ``events`` holds at most ``limit`` of them."""

    filter: EventFilter
    total: int
    limit: int | None
    events: list[dict[str, Any]]


@dataclass(frozen=True)
class EventCount:
    """How many events match (after folding), the raw rows they stand for, and how many are flagged as
    the mirror (B→A) of another event."""

    origin: str | None
    events: int
    raw_rows: int
    mirrored: int


def event_filter(
    ctx: Context,
    dyad: tuple[str, str] | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    type_: str | None = None,
    origin: str | None = None,
    both: bool = False,
    unfolded: bool = False,
    merge_predecessors: bool = False,
) -> EventFilter:
    """Check the options of ``events`` and turn them into a filter.

    ``dyad`` is (A, B): events from A to B (either way with ``both``); each is a country as a user writes
    it (resolved to ISO-3) or ``IGO``. ``start``/``end`` are dates or ``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD``, inclusive. ``type_`` is a PLOVER type (any case); ``origin`` text, gdelt, icews or
    polecat.
    """
    check_choice(origin, "--origin", ORIGINS)
    kind = type_.strip().upper() if type_ is not None else None
    check_choice(kind, "--type", PLOVER_TYPES)
    first, last = parse_date(start, "--from"), parse_date(end, "--to", last=True)
    if first is not None and last is not None and first > last:
        raise UserInputError(f"--from {first} is after --to {last}")
    if both and dyad is None:
        raise UserInputError("--both needs --dyad A B")
    sources = targets = None
    if dyad is not None:
        sources, targets = (_actor_codes(ctx, text, merge_predecessors) for text in dyad)
    return EventFilter(origin, first, last, kind, sources, targets, both, unfolded)


def _actor_codes(ctx: Context, text: str, merge_predecessors: bool) -> tuple[str, ...]:
    if text.strip().upper() == "IGO":
        return ("IGO",)
    return tuple(ctx.country(text, merge_predecessors))


def list_events(ctx: Context, f: EventFilter, limit: int | None = DEFAULT_LIMIT) -> EventsResult:
    """The events matching ``f``, at most ``limit`` (None or 0: all). Raises :class:`NotLoadedError` when
    the store holds no event of the origin asked for."""
    if limit is not None and limit < 0:
        raise UserInputError(f"--limit must be 0 (no limit) or more, not {limit}")
    _require_events(ctx, f.origin)
    cap = limit or None
    table = select_events(ctx.store, f, cap)
    if cap is None or table.num_rows < cap:
        total = table.num_rows
    else:
        totals = count_events(ctx.store, f)
        total = totals.raw_rows if f.unfolded else totals.events
    return EventsResult(f, total, cap, [event_record(row) for row in table.to_pylist()])


def event_count(ctx: Context, f: EventFilter) -> EventCount:
    """Counts of the events matching ``f`` (folded events, raw rows, mirrored events)."""
    _require_events(ctx, f.origin)
    totals = count_events(ctx.store, f)
    return EventCount(f.origin, totals.events, totals.raw_rows, totals.mirrored)


def _require_events(ctx: Context, origin: str | None) -> None:
    events_view(ctx.store)
    if not has_events(ctx.store, origin):
        what = f"no {origin} events" if origin else "no events"
        hint = (
            "code some with: alliancewatch code --input FILE.jsonl"
            if origin == "text"
            else "load some with: alliancewatch load gdelt|icews|polecat FILES"
        )
        raise NotLoadedError(f"{what} in {ctx.config.db}; {hint}")


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored row in the DESIGN.md event shape: ``source``/``target`` as lists of ``{name, country,
    sector}``, ``evidence`` as ``{doc_id, sentence_index, sentence, triggers, span}`` (null when the row
    has none), plus ``cameo_code``, ``geo_country``, ``mirror_of`` and ``source_file``."""
    has_evidence = row["doc_id"] is not None or row["sentence"] is not None
    span = [row["span_start"], row["span_end"]] if row["span_start"] is not None else None
    return {
        "event_id": row["event_id"],
        "type": row["type"],
        "mode": row["mode"],
        "contexts": row["contexts"] or [],
        "quad": row["quad"],
        "cameo_root": row["cameo_root"],
        "intensity": row["intensity"],
        "source": row["sources"] or [],
        "target": row["targets"] or [],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "negated": row["negated"],
        "modality": row["modality"],
        "evidence": {
            "doc_id": row["doc_id"],
            "sentence_index": row["sentence_index"],
            "sentence": row["sentence"],
            "triggers": row["triggers"] or [],
            "span": span,
        }
        if has_evidence
        else None,
        "confidence": row["confidence"],
        "origin": row["origin"],
        "raw_count": row["raw_count"],
        "cameo_code": row["cameo_code"],
        "geo_country": row["geo_country"],
        "mirror_of": row["mirror_of"],
        "source_file": row["source_file"],
    }


def event_rows(result: EventsResult) -> list[dict[str, Any]]:
    """Flat rows for a table or CSV: one per event, actors as ``NAME (ISO3/SECTOR)``."""
    return [
        {
            "date": e["date"],
            "origin": e["origin"],
            "type": e["type"],
            "quad": e["quad"],
            "intensity": e["intensity"],
            "source": _actors(e["source"]),
            "target": _actors(e["target"]),
            "raw": e["raw_count"],
            "mirror_of": e["mirror_of"],
            "event_id": e["event_id"],
        }
        for e in result.events
    ]


def _actors(actors: list[dict[str, Any]]) -> str:
    def one(a: dict[str, Any]) -> str:
        code = "/".join(v for v in (a.get("country"), a.get("sector")) if v)
        return f"{a.get('name')} ({code})" if code else str(a.get("name"))

    return "; ".join(one(a) for a in actors)
