"""Event series of a dyad, the busiest dyads and counts per origin, on DuckDB or Spark."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from alliancewatch.analyze import events as measures
from alliancewatch.analyze.engines import ENGINES, EventLocation, EventScope, open_engine
from alliancewatch.analyze.events import ContextPeriod, DirectionPeriod, DyadTotal, OriginCount, QuadPeriod
from alliancewatch.errors import UserInputError
from alliancewatch.report.output import to_plain
from alliancewatch.services.context import Context, check_choice
from alliancewatch.store.events import event_layout

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class DyadResult:
    a: str
    b: str
    both: bool
    freq: str
    by: str
    origin: str | None
    start: date | None
    end: date | None
    engine: str
    periods: list[QuadPeriod] | list[ContextPeriod] | list[DirectionPeriod]


@dataclass(frozen=True)
class TopDyadsResult:
    top: int
    origin: str | None
    start: date | None
    end: date | None
    quad: int | None
    country: str | None
    engine: str
    dyads: list[DyadTotal]


def dyad(
    ctx: Context,
    a: str,
    b: str,
    freq: str = "month",
    by: str = "quad",
    origin: str | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    both: bool = False,
    engine: str = "duckdb",
    everything: bool = False,
    merge_predecessors: bool = False,
) -> DyadResult:
    """Events from ``a`` to ``b`` (both ways with ``both``) per day, month or year.

    ``by="quad"``: events, raw rows and mean intensity per period and quad; ``by="context"``: the same per
    PLOVER context; ``by="direction"``: A→B against B→A per period (who initiates). ``start``/``end`` are
    dates or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (inclusive). Runs on ``engine`` (duckdb or spark).
    """
    check_choice(freq, "--freq", measures.FREQS)
    check_choice(by, "--by", measures.BREAKDOWNS)
    check_choice(engine, "--engine", ENGINES)
    scope = EventScope(origin, parse_date(start, "--from"), parse_date(end, "--to", last=True))
    codes_a = ctx.country(a, merge_predecessors)
    codes_b = ctx.country(b, merge_predecessors)
    if set(codes_a) & set(codes_b):
        raise UserInputError(f"a dyad needs two different countries, got {codes_a[0]} twice")
    with open_engine(engine, ctx.config.spark_master) as runner:
        periods = measures.dyad_series(
            runner, event_location(ctx), codes_a, codes_b, freq, by, scope, both, everything
        )
    return DyadResult(codes_a[0], codes_b[0], both, freq, by, origin, scope.start, scope.end, engine, periods)


def top_dyads(
    ctx: Context,
    top: int = 20,
    origin: str | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    quad: int | None = None,
    country: str | None = None,
    engine: str = "duckdb",
    everything: bool = False,
) -> TopDyadsResult:
    """The ``top`` directed country pairs with most events (optionally one quad, or pairs of ``country``)."""
    if top < 1:
        raise UserInputError(f"--top must be at least 1, not {top}")
    if quad is not None and quad not in (1, 2, 3, 4):
        raise UserInputError(f"--quad must be 1, 2, 3 or 4, not {quad}")
    check_choice(engine, "--engine", ENGINES)
    scope = EventScope(origin, parse_date(start, "--from"), parse_date(end, "--to", last=True))
    code = ctx.codes.resolve(country) if country is not None else None
    with open_engine(engine, ctx.config.spark_master) as runner:
        found = measures.busiest_dyads(
            runner, event_location(ctx), top, scope, quad, [code] if code else [], everything
        )
    return TopDyadsResult(top, origin, scope.start, scope.end, quad, code, engine, found)


def event_counts(
    ctx: Context,
    origin: str | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    engine: str = "duckdb",
) -> list[OriginCount]:
    """Per origin: folded events, raw rows, mirror rows, negated events, first and last date."""
    check_choice(engine, "--engine", ENGINES)
    scope = EventScope(origin, parse_date(start, "--from"), parse_date(end, "--to", last=True))
    with open_engine(engine, ctx.config.spark_master) as runner:
        return measures.counts_by_origin(runner, event_location(ctx), scope)


def event_location(ctx: Context) -> EventLocation:
    """The store's events: Parquet beside the DuckDB file, text-coded events inside it."""
    return EventLocation(str(event_layout(ctx.store).root.absolute()), ctx.store.path.absolute())


def parse_date(value: str | date | None, option: str, last: bool = False) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first day it names (the last with ``last``)."""
    if value is None or isinstance(value, date):
        return value
    match = _DATE.match(value.strip())
    if not match:
        raise UserInputError(f"{option} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    if not 1800 <= year <= 2100:
        raise UserInputError(f"{option} year {year} is outside 1800-2100")
    try:
        if month is None:
            return date(year, 12, 31) if last else date(year, 1, 1)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        return date(year, month, day)
    except ValueError as exc:
        raise UserInputError(f"{option} {value!r} is not a date: {exc}") from exc


def dyad_records(result: DyadResult) -> dict[str, object]:
    """The JSON contract: the question asked, then one record per period (and quad or context)."""
    return {
        "a": result.a,
        "b": result.b,
        "both": result.both,
        "freq": result.freq,
        "by": result.by,
        "origin": result.origin,
        "from": to_plain(result.start),
        "to": to_plain(result.end),
        "engine": result.engine,
        "periods": dyad_rows(result),
    }


def dyad_rows(result: DyadResult) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = to_plain(result.periods)
    return rows


def top_dyads_records(result: TopDyadsResult) -> dict[str, object]:
    """The JSON contract: the question asked, then the pairs, busiest first."""
    return {
        "top": result.top,
        "origin": result.origin,
        "from": to_plain(result.start),
        "to": to_plain(result.end),
        "quad": result.quad,
        "country": result.country,
        "engine": result.engine,
        "dyads": top_dyads_rows(result),
    }


def top_dyads_rows(result: TopDyadsResult) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = to_plain(result.dyads)
    return rows
