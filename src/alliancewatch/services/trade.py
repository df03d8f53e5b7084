"""Bilateral trade flows between two states (Correlates of War dyadic trade)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from alliancewatch.analyze.trade import TradeYear, dyad_trade, trade_coverage
from alliancewatch.errors import UserInputError
from alliancewatch.services.context import Context, check_years
from alliancewatch.services.require import require_loaded

UNIT = "million current USD"


@dataclass(frozen=True)
class TradeResult:
    """Flows of ``a`` (counted as ``a_codes``) and ``b`` by year; ``data_end`` is COW's last year."""

    a: str
    b: str
    a_codes: list[str]
    b_codes: list[str]
    start: int | None
    end: int | None
    data_end: int | None
    note: str | None
    years: list[TradeYear]


def trade(
    ctx: Context,
    a: str,
    b: str,
    start: int | None = None,
    end: int | None = None,
    merge_predecessors: bool = False,
) -> TradeResult:
    """Yearly trade between ``a`` and ``b`` in million current USD, both directions (see analyze.trade).

    ``a_to_b`` is what B imported from A, ``b_to_a`` what A imported from B, whatever order the COW file
    holds the pair in. Years without a COW row for the pair are absent; missing flows are None.
    """
    check_years(start, end)
    codes_a = ctx.country(a, merge_predecessors)
    codes_b = ctx.country(b, merge_predecessors)
    if set(codes_a) & set(codes_b):
        raise UserInputError(f"trade needs two different states, not {a!r} and {b!r}")
    require_loaded(ctx, "cow_trade")
    years = dyad_trade(ctx.store, codes_a, codes_b, start, end)
    _, last = trade_coverage(ctx.store)
    notes = []
    if last is not None and end is not None and end > last:
        notes.append(f"COW trade data end in {last}; there are no figures after it")
    if not years:
        notes.append(f"no COW trade rows for {codes_a[0]}-{codes_b[0]} in the years asked for")
    return TradeResult(
        codes_a[0], codes_b[0], codes_a, codes_b, start, end, last, "; ".join(notes) or None, years
    )


def trade_rows(result: TradeResult) -> list[dict[str, object]]:
    """One flat record per year: year, a_to_b, b_to_a, total and the three smoothed flows."""
    return [dataclasses.asdict(y) for y in result.years]


def trade_records(result: TradeResult) -> dict[str, object]:
    """The JSON contract: ``a``, ``b``, ``counted_as`` ({a: codes, b: codes}), ``from``, ``to``, ``unit``,
    ``data_end`` (COW's last year), ``note`` and ``years`` (the rows of :func:`trade_rows`)."""
    return {
        "a": result.a,
        "b": result.b,
        "counted_as": {"a": result.a_codes, "b": result.b_codes},
        "from": result.start,
        "to": result.end,
        "unit": UNIT,
        "data_end": result.data_end,
        "note": result.note,
        "years": trade_rows(result),
    }
