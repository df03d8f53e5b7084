"""SQL over the ``events`` view (and ``events_unfolded``): filtered listings and counts.

Filters are added only when given, so a date range also narrows ``year`` and DuckDB can skip the Parquet
partitions outside it. Country filters read the flattened ``source_countries``/``target_countries``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from alliancewatch.store.db import Store
from alliancewatch.store.events_schema import EVENT_COLUMNS


@dataclass(frozen=True)
class EventFilter:
    """Which events: one origin, a date range (inclusive), one PLOVER type, and a dyad — events from any
    of ``sources`` to any of ``targets`` (ISO-3 codes or IGO), either way round with ``both`` (which also
    takes reciprocal events, with no target, in which both sides are among the sources). None means
    no restriction. ``unfolded`` reads one row per raw row instead of one per folded event."""

    origin: str | None = None
    start: date | None = None
    end: date | None = None
    type: str | None = None
    sources: tuple[str, ...] | None = None
    targets: tuple[str, ...] | None = None
    both: bool = False
    unfolded: bool = False

    @property
    def view(self) -> str:
        return "events_unfolded" if self.unfolded else "events"


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.origin is not None:
        clauses.append("origin = ?")
        params.append(f.origin)
    if f.start is not None:
        clauses.append("year >= ? AND date >= ?")
        params += [f.start.year, f.start]
    if f.end is not None:
        clauses.append("year <= ? AND date <= ?")
        params += [f.end.year, f.end]
    if f.type is not None:
        clauses.append("type = ?")
        params.append(f.type)
    if f.sources is not None and f.targets is not None:
        directed = "(list_has_any(source_countries, ?) AND list_has_any(target_countries, ?))"
        params += [list(f.sources), list(f.targets)]
        if f.both:
            # Reciprocal events (talks, a treaty signed together) list every party as a source and have
            # no target; with either direction asked for, they count for the pair when both are parties.
            reciprocal = (
                "(len(target_countries) = 0 AND list_has_any(source_countries, ?) "
                "AND list_has_any(source_countries, ?))"
            )
            directed = f"({directed} OR {directed} OR {reciprocal})"
            params += [list(f.targets), list(f.sources), list(f.sources), list(f.targets)]
        clauses.append(directed)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def select_events(store: Store, f: EventFilter, limit: int | None) -> pa.Table:
    """Events matching ``f`` with every column of ``EVENT_SCHEMA``, by date, origin and id; at most
    ``limit`` rows (None: all)."""
    where, params = _where(f)
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM {f.view}{where} ORDER BY date, origin, event_id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)


@dataclass(frozen=True)
class EventTotals:
    """Counts over the events matching a filter: events, raw rows they fold (text events count 1 each),
    and events flagged as the mirror of another."""

    events: int
    raw_rows: int
    mirrored: int


def count_events(store: Store, f: EventFilter) -> EventTotals:
    """Totals of the events matching ``f`` (the ``unfolded`` flag is ignored: raw rows are counted
    from ``raw_count``)."""
    where, params = _where(f)
    row = store.rows(
        f"SELECT count(*), coalesce(sum(coalesce(raw_count, 1)), 0), count(mirror_of) FROM events{where}",
        params,
    )[0]
    return EventTotals(int(row[0]), int(row[1]), int(row[2]))


def has_events(store: Store, origin: str | None) -> bool:
    """True when the view holds at least one event (of ``origin``, when given)."""
    where, params = _where(EventFilter(origin=origin))
    return bool(store.rows(f"SELECT 1 FROM events{where} LIMIT 1", params))
