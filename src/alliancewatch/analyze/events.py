"""Event measures per dyad and period, as Ibis expressions that any engine runs.

All functions named like a measure take an Ibis table with the columns of
:data:`alliancewatch.analyze.engines.ANALYTIC_SCHEMA` and return an Ibis expression; nothing is computed
until an engine runs it. Conventions shared by every measure:

- ``events`` counts events after deduplication (one row each), ``raw_rows`` sums the raw rows folded into
  them (``raw_count``), and ``mean_intensity`` is the mean Goldstein-compatible intensity in [-10, 10] per
  event (unweighted by raw rows; null when no event in the group has one).
- Directed by default: A→B means A is among the event's sources and B among its targets; an event with
  several sources or targets counts once for each pair it contains.
- Only events that happened are counted (:func:`counted`): negated events ("declined to supply"),
  hypothetical or future ones, and ICEWS rows flagged as mirrors of another row are left out unless
  ``everything`` is asked for.
- Periods are labelled ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` by the first day of the period; the
  functions that return rows (not expressions) round means and shares to 6 decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from alliancewatch.analyze.engines import Engine, EventLocation, EventScope

FREQS = ("day", "month", "year")
BREAKDOWNS = ("quad", "context", "direction")
_UNIT = {"day": "D", "month": "M", "year": "Y"}
_LABEL = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Means and shares are rounded to 1e-6 when shown: the engines add floats in different orders, and their
# raw means can differ in the last bits (3.8 against 3.8000000000000003).
DIGITS = 6
NO_CONTEXT = "none"  # the context label of events that carry no context tag
# The columns that identify one event and carry what the measures need, kept through an unnest.
_EVENT_KEY = ("event_id", "origin", "date", "quad", "raw_count", "intensity")


@dataclass(frozen=True)
class QuadPeriod:
    period: str
    quad: int
    events: int
    raw_rows: int
    mean_intensity: float | None


@dataclass(frozen=True)
class ContextPeriod:
    period: str
    context: str
    events: int
    raw_rows: int
    mean_intensity: float | None


@dataclass(frozen=True)
class DirectionPeriod:
    """Who initiates: events A→B and B→A in a period, A's share of them, and each side's mean intensity."""

    period: str
    a_to_b: int
    b_to_a: int
    a_share: float
    mean_intensity_a_to_b: float | None
    mean_intensity_b_to_a: float | None


@dataclass(frozen=True)
class DyadTotal:
    source: str
    target: str
    events: int
    raw_rows: int
    mean_intensity: float | None


@dataclass(frozen=True)
class OriginCount:
    """Events of one origin: folded events, raw rows, rows flagged as mirrors, negated events, date span."""

    origin: str
    events: int
    raw_rows: int
    mirrored: int
    negated: int
    first: date | None
    last: date | None


# --- expressions ------------------------------------------------------------------------------------


def counted(events: ir.Table) -> ir.Table:
    """Events that happened: not negated, not hypothetical or future, not a flagged mirror row."""
    return events.filter(
        ~events.negated.fill_null(False),
        events.modality.isnull() | ~events.modality.isin(["hypothetical", "future"]),
        events.mirror_of.isnull(),
    )


def involves(countries: ir.ArrayValue, codes: Sequence[str]) -> ir.BooleanValue:
    """True where the actor list holds any of ``codes`` (a state and, merged, its predecessors)."""
    return ibis.or_(*(countries.contains(code) for code in codes))


def directed(events: ir.Table, a: Sequence[str], b: Sequence[str]) -> ir.BooleanValue:
    """True for events from ``a`` to ``b``."""
    return involves(events.source_countries, a) & involves(events.target_countries, b)


def reciprocal(events: ir.Table, a: Sequence[str], b: Sequence[str]) -> ir.BooleanValue:
    """True for events with no target in which both ``a`` and ``b`` are sources (talks, a treaty signed
    together: PLOVER lists every party of a reciprocal event as a source)."""
    sources = events.source_countries
    return (events.target_countries.length() == 0) & involves(sources, a) & involves(sources, b)


def dyad(events: ir.Table, a: Sequence[str], b: Sequence[str], both: bool = False) -> ir.Table:
    """Events A→B, or with ``both`` A→B, B→A and reciprocal events of the two (each event counts once)."""
    mask = directed(events, a, b)
    return events.filter(mask | directed(events, b, a) | reciprocal(events, a, b) if both else mask)


def with_period(events: ir.Table, freq: str) -> ir.Table:
    """``events`` plus ``period``: the first day of its day, month or year (a date)."""
    return events.mutate(period=events.date.truncate(_UNIT[freq]))


def _measures(events: ir.Table) -> dict[str, ir.Value]:
    return {
        "events": events.count(),
        "raw_rows": events.raw_count.sum(),
        "mean_intensity": events.intensity.mean(),
    }


def by_quad(events: ir.Table, freq: str) -> ir.Table:
    """period, quad, events, raw_rows, mean_intensity; ordered by period and quad."""
    dated = with_period(events, freq)
    return dated.group_by(["period", "quad"]).agg(**_measures(dated)).order_by(["period", "quad"])


def by_context(events: ir.Table, freq: str) -> ir.Table:
    """period, context, events, raw_rows, mean_intensity: an event counts once in each of its contexts."""
    tags = events.contexts
    labelled = events.mutate(
        context=ibis.ifelse(tags.length() > 0, tags, ibis.literal([NO_CONTEXT])).unnest()
    )
    # distinct rather than ArrayValue.unique(): ibis compiles that to a lambda DuckDB 2.0 rejects.
    dated = with_period(labelled.select(*_EVENT_KEY, "context").distinct(), freq)
    return dated.group_by(["period", "context"]).agg(**_measures(dated)).order_by(["period", "context"])


def by_direction(events: ir.Table, a: Sequence[str], b: Sequence[str], freq: str) -> ir.Table:
    """period, a_to_b, b_to_a, a_share (of the two counts), mean intensity per direction."""
    marked = with_period(events, freq).mutate(ab=directed(events, a, b), ba=directed(events, b, a))
    marked = marked.filter(marked.ab | marked.ba)
    totals = marked.group_by("period").agg(
        a_to_b=marked.count(where=marked.ab),
        b_to_a=marked.count(where=marked.ba),
        mean_intensity_a_to_b=marked.intensity.mean(where=marked.ab),
        mean_intensity_b_to_a=marked.intensity.mean(where=marked.ba),
    )
    share = totals.a_to_b.cast("float64") / (totals.a_to_b + totals.b_to_a).cast("float64")
    return totals.select(
        "period", "a_to_b", "b_to_a", share.name("a_share"), "mean_intensity_a_to_b", "mean_intensity_b_to_a"
    ).order_by("period")


def country_pairs(events: ir.Table) -> ir.Table:
    """One row per (event, source country, target country) with source ≠ target: the columns of
    ``_EVENT_KEY`` plus ``source`` and ``target``."""
    sourced = events.mutate(source=events.source_countries.unnest())
    paired = sourced.mutate(target=sourced.target_countries.unnest())
    paired = paired.filter(paired.source.notnull(), paired.target.notnull(), paired.source != paired.target)
    # A code listed twice in one event must not count the pair twice (see by_context on distinct).
    return paired.select(*_EVENT_KEY, "source", "target").distinct()


def top_dyads(events: ir.Table, n: int, country: Sequence[str] = ()) -> ir.Table:
    """The ``n`` directed country pairs with most events: source, target, events, raw_rows,
    mean_intensity; ties broken by source then target. With ``country``, only pairs it is part of."""
    pairs = country_pairs(events)
    if country:
        pairs = pairs.filter(pairs.source.isin(list(country)) | pairs.target.isin(list(country)))
    totals = pairs.group_by(["source", "target"]).agg(**_measures(pairs))
    return totals.order_by([ibis.desc("events"), "source", "target"]).limit(n)


def dyad_periods(events: ir.Table, freq: str = "month") -> ir.Table:
    """Every directed country pair × period × quad: source, target, period, quad, events, raw_rows,
    mean_intensity (the panel behind all dyad measures, and the benchmark's workload)."""
    dated = with_period(country_pairs(events), freq)
    keys = ["source", "target", "period", "quad"]
    return dated.group_by(keys).agg(**_measures(dated))


def origin_counts(events: ir.Table) -> ir.Table:
    """origin, events, raw_rows, mirrored, negated, first, last over every row (nothing left out)."""
    return (
        events.group_by("origin")
        .agg(
            events=events.count(),
            raw_rows=events.raw_count.sum(),
            mirrored=events.count(where=events.mirror_of.notnull()),
            negated=events.count(where=events.negated.fill_null(False)),
            first=events.date.min(),
            last=events.date.max(),
        )
        .order_by("origin")
    )


# --- running ----------------------------------------------------------------------------------------


def dyad_series(
    engine: Engine,
    location: EventLocation,
    a: Sequence[str],
    b: Sequence[str],
    freq: str = "month",
    by: str = "quad",
    scope: EventScope | None = None,
    both: bool = False,
    everything: bool = False,
) -> list[QuadPeriod] | list[ContextPeriod] | list[DirectionPeriod]:
    """Run one dyad measure on ``engine`` and return its rows, oldest period first.

    ``by="quad"`` and ``by="context"`` count events A→B (both directions with ``both``);
    ``by="direction"`` always looks at both directions and splits them.
    """
    events = engine.events(location, scope)
    if not everything:
        events = counted(events)
    if by == "direction":
        table = engine.run(by_direction(dyad(events, a, b, both=True), a, b, freq))
        return [DirectionPeriod(**_shown(row, freq)) for row in table.to_pylist()]
    chosen = dyad(events, a, b, both)
    if by == "context":
        table = engine.run(by_context(chosen, freq))
        return [ContextPeriod(**_shown(row, freq)) for row in table.to_pylist()]
    table = engine.run(by_quad(chosen, freq))
    return [QuadPeriod(**_shown(row, freq)) for row in table.to_pylist()]


def busiest_dyads(
    engine: Engine,
    location: EventLocation,
    n: int = 20,
    scope: EventScope | None = None,
    quad: int | None = None,
    country: Sequence[str] = (),
    everything: bool = False,
) -> list[DyadTotal]:
    """The ``n`` busiest directed pairs in ``scope`` (optionally one quad, or pairs with ``country``)."""
    events = engine.events(location, scope)
    if not everything:
        events = counted(events)
    if quad is not None:
        events = events.filter(events.quad == quad)
    table = engine.run(top_dyads(events, n, country))
    return [DyadTotal(**_shown(row)) for row in table.to_pylist()]


def counts_by_origin(
    engine: Engine, location: EventLocation, scope: EventScope | None = None
) -> list[OriginCount]:
    """Counts per origin over every stored row in ``scope``."""
    table = engine.run(origin_counts(engine.events(location, scope)))
    return [OriginCount(**row) for row in table.to_pylist()]


def dyad_month_aggregate(engine: Engine, location: EventLocation) -> pa.Table:
    """The benchmark workload: :func:`dyad_periods` by month over every counted event at ``location``.

    Start the engine first (Spark's start-up is not part of the aggregate); returns the Arrow result,
    so the time includes reading the files, the aggregation and bringing the groups back.
    """
    return engine.run(dyad_periods(counted(engine.events(location)), "month"))


def _shown(row: dict[str, Any], freq: str | None = None) -> dict[str, Any]:
    """One result row as shown: the period as its label, means and shares rounded to ``DIGITS``."""
    for key, value in row.items():
        if isinstance(value, float):
            row[key] = round(value, DIGITS)
    if freq is not None and isinstance(row.get("period"), date):
        row["period"] = row["period"].strftime(_LABEL[freq])
    return row
