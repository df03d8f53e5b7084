"""Bilateral trade between two states from the Correlates of War dyadic trade data (v4.0).

COW records each direction as the importer's imports, in millions of current US dollars (not deflated).
For a pair (A, B) and a year:

- ``a_to_b``: goods from A to B, i.e. B's imports from A (A's exports to B as B reports them);
- ``b_to_a``: A's imports from B;
- ``total``: their sum, NULL when either is missing (a partial total would read as a real fall);
- the ``_smoothed`` columns: the same from COW's smoothed flows, which even out implausible jumps in the
  reported series.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliancewatch.store import Store
from alliancewatch.store import cow as sql


@dataclass(frozen=True)
class TradeYear:
    """Flows in one year, million current USD; None where COW has no figure."""

    year: int
    a_to_b: float | None
    b_to_a: float | None
    total: float | None
    a_to_b_smoothed: float | None
    b_to_a_smoothed: float | None
    total_smoothed: float | None


def _sum(x: float | None, y: float | None) -> float | None:
    return None if x is None or y is None else x + y


def dyad_trade(
    store: Store, a: list[str], b: list[str], start: int | None = None, end: int | None = None
) -> list[TradeYear]:
    """Yearly flows between ``a`` and ``b`` (each a list of ISO-3 codes counted as one state), for the
    years COW has a row for the pair between ``start`` and ``end`` inclusive."""
    return [
        TradeYear(year, ab, ba, _sum(ab, ba), abs_, bas, _sum(abs_, bas))
        for year, ab, ba, abs_, bas in sql.dyad_flows(store, a, b, start, end)
    ]


def trade_coverage(store: Store) -> tuple[int | None, int | None]:
    """First and last year of the loaded trade data."""
    return sql.year_coverage(store)
