"""UN General Assembly voting agreement between two states.

Over roll calls where both voted yes, abstain or no:

- ``exact``: share of identical votes.
- ``agree``: Lijphart's index: 1 for identical votes, 0.5 when exactly one abstained, 0 for yes against no.
- ``s_score``: Signorino and Ritter's S with this three-point coding, ``2 * agree - 1``.
- ``kappa``: Cohen's kappa over the three categories (Häge 2011), which discounts the agreement two states
  would reach by chance given how often each votes yes, abstain and no. Null when chance agreement is 1.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from alliancewatch.store import Store
from alliancewatch.store import unga as sql

CATEGORIES = ("yes", "abstain", "no")
PERIODS = ("year", "decade")
ISSUES = ("me", "nu", "di", "hr", "co", "ec")


@dataclass(frozen=True)
class Agreement:
    n: int
    exact: float | None
    agree: float | None
    s_score: float | None
    kappa: float | None


@dataclass(frozen=True)
class VotePeriod:
    """Agreement in one period; ``idealpoint_distance`` only for yearly periods."""

    period: int
    n: int
    exact: float | None
    agree: float | None
    s_score: float | None
    kappa: float | None
    idealpoint_distance: float | None = None


def agreement(counts: dict[tuple[str, str], int]) -> Agreement:
    """The four measures from a 3x3 table of (vote of a, vote of b) -> roll calls."""
    n = sum(counts.values())
    if n == 0:
        return Agreement(0, None, None, None, None)
    identical = sum(counts.get((c, c), 0) for c in CATEGORIES)
    half = sum(v for (x, y), v in counts.items() if x != y and "abstain" in (x, y))
    exact = identical / n
    agree = (identical + 0.5 * half) / n
    row = {c: sum(v for (x, _), v in counts.items() if x == c) / n for c in CATEGORIES}
    col = {c: sum(v for (_, y), v in counts.items() if y == c) / n for c in CATEGORIES}
    chance = sum(row[c] * col[c] for c in CATEGORIES)
    kappa = None if chance >= 1.0 else (exact - chance) / (1.0 - chance)
    return Agreement(n, exact, agree, 2.0 * agree - 1.0, kappa)


def agreement_by_period(
    store: Store,
    a: list[str],
    b: list[str],
    by: str = "decade",
    start: int | None = None,
    end: int | None = None,
    issue: str | None = None,
) -> list[VotePeriod]:
    """Agreement per period; with ``by="year"`` also the absolute ideal-point distance (idealpointfp).

    Yearly rows cover the union of years with votes and years with ideal points, so years after the
    roll-call data ends still show the distance (with ``n = 0``). ``a`` and ``b`` may list several codes
    (a state and its predecessors); an ideal point of the first listed code wins in a year both have one.
    """
    table: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for period, va, vb, n in sql.vote_pair_counts(store, a, b, by, start, end, issue):
        table[period][(va, vb)] = n
    distance: dict[int, float | None] = {}
    if by == "year":
        distance = _idealpoint_distance(store, a, b, start, end)
    out = []
    for period in sorted(set(table) | set(distance)):
        m = agreement(table.get(period, {}))
        out.append(VotePeriod(period, m.n, m.exact, m.agree, m.s_score, m.kappa, distance.get(period)))
    return out


def _idealpoint_distance(
    store: Store, a: list[str], b: list[str], start: int | None, end: int | None
) -> dict[int, float | None]:
    points: dict[tuple[int, str], float | None] = {}
    for year, country, value in sql.idealpoints(store, [*a, *b], start, end):
        points[(year, country)] = value

    def first(codes: list[str], year: int) -> float | None:
        return next((points[(year, c)] for c in codes if points.get((year, c)) is not None), None)

    years = {year for year, _ in points}
    out: dict[int, float | None] = {}
    for year in years:
        x, y = first(a, year), first(b, year)
        out[year] = None if x is None or y is None else abs(x - y)
    return out
