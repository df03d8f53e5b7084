"""Treaty obligations between two states: ATOP 5.1 up to 2018, OR-ed with the curated treaty registry."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from alliancewatch.analyze.treaties import (
    ObligationSource,
    TreatyEntry,
    YearObligations,
    obligations_by_year,
)
from alliancewatch.errors import UserInputError
from alliancewatch.services.context import Context, check_years
from alliancewatch.services.require import require_loaded
from alliancewatch.sources.atop import ATOP_FIRST_YEAR, ATOP_LAST_YEAR


@dataclass(frozen=True)
class TreatiesResult:
    """Obligations binding ``a`` and ``b`` in one year, the treaties behind them and their sources.

    ``binding`` lists the ids that bound the pair that year (``atop-5.1`` for an ATOP row); ``treaties``
    also lists curated treaties both had signed but that were not (yet) in force.
    """

    a: str
    b: str
    year: int
    obligations: dict[str, bool]
    binding: list[str]
    treaties: list[TreatyEntry]
    sources: list[ObligationSource]
    notes: list[str]


@dataclass(frozen=True)
class TreatiesOverTime:
    """Obligations binding ``a`` and ``b`` in every year of [start, end]."""

    a: str
    b: str
    start: int
    end: int
    years: list[YearObligations]
    treaties: list[TreatyEntry]
    notes: list[str]


def treaties(
    ctx: Context,
    a: str,
    b: str,
    year: int | None = None,
    start: int | None = None,
    end: int | None = None,
    merge_predecessors: bool = False,
) -> TreatiesResult | TreatiesOverTime:
    """Obligations of ``a`` and ``b`` in ``year``, or year by year from ``start`` to ``end``.

    Give either ``year`` or a range; a range missing one end runs from 1815 or to the current year.
    ``merge_predecessors`` counts a state's predecessors as itself (RUS with SUN).
    """
    if year is not None and (start is not None or end is not None):
        raise UserInputError("give --year or --from/--to, not both")
    if year is None and start is None and end is None:
        raise UserInputError("give --year Y, or --from Y and/or --to Y for obligations over time")
    if year is not None:
        check_years(year, year)
        first = last = year
    else:
        first = start if start is not None else ATOP_FIRST_YEAR
        last = end if end is not None else date.today().year
        check_years(first, last)
    codes_a = ctx.country(a, merge_predecessors)
    codes_b = ctx.country(b, merge_predecessors)
    if set(codes_a) & set(codes_b):
        raise UserInputError(f"{codes_a[0]} and {codes_b[0]} are the same state (or one succeeds the other)")
    require_loaded(ctx, "treaties", *(("atop",) if first <= ATOP_LAST_YEAR else ()))
    found = obligations_by_year(ctx.store, codes_a, codes_b, first, last)
    notes = found.notes + _predecessor_notes(ctx, codes_a, codes_b, first, merge_predecessors)
    notes += _stale_registry_note(ctx)
    if year is not None:
        only = found.years[0]
        return TreatiesResult(
            codes_a[0], codes_b[0], year, only.obligations, only.treaties, found.treaties, only.sources, notes
        )
    return TreatiesOverTime(codes_a[0], codes_b[0], first, last, found.years, found.treaties, notes)


def treaties_records(result: TreatiesResult | TreatiesOverTime) -> dict[str, Any]:
    """The JSON contract. One year: {a, b, year, obligations, treaties, sources, notes}; a range:
    {a, b, from, to, years: [{year, defense, ..., consultation, treaties, sources}], treaties, notes}."""
    if isinstance(result, TreatiesResult):
        return asdict(result)
    return {
        "a": result.a,
        "b": result.b,
        "from": result.start,
        "to": result.end,
        "years": [_year_record(y) for y in result.years],
        "treaties": [asdict(t) for t in result.treaties],
        "notes": result.notes,
    }


def treaties_rows(result: TreatiesResult | TreatiesOverTime) -> list[dict[str, Any]]:
    """Flat rows for tables and CSV: one per treaty (a single year) or one per year (a range)."""
    if isinstance(result, TreatiesResult):
        return [
            {"id": t.id, "status": t.status, "signed": t.signed, "in_force": t.in_force, **t.obligations}
            for t in result.treaties
        ]
    return [{"year": y.year, **y.obligations, "treaties": ", ".join(y.treaties)} for y in result.years]


def _year_record(y: YearObligations) -> dict[str, Any]:
    return {
        "year": y.year,
        **y.obligations,
        "treaties": y.treaties,
        "sources": [asdict(s) for s in y.sources],
    }


def _predecessor_notes(ctx: Context, a: list[str], b: list[str], first: int, merged: bool) -> list[str]:
    if merged:
        return []
    notes = []
    for code in (a[0], b[0]):
        for predecessor in ctx.codes.predecessors(code):
            country = ctx.codes.countries.get(predecessor)
            if country is not None and country.end is not None and first <= country.end:
                notes.append(
                    f"Up to {country.end} {code} appears as {predecessor} ({country.name}) in the registry "
                    "(and in ATOP where COW codes are mapped by year); add --merge-predecessors to count it."
                )
    return notes


def _stale_registry_note(ctx: Context) -> list[str]:
    shipped = ctx.registry.dataset("treaties").files[0].sha256
    loaded = {r.sha256 for r in ctx.store.provenance("treaties")}
    if loaded and shipped not in loaded:
        return [
            "The treaty registry in this store is older than the one shipped with this version; "
            "run: alliancewatch datasets fetch treaties"
        ]
    return []
