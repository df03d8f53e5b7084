"""SQL over the Correlates of War trade table."""

from __future__ import annotations

from alliancewatch.store.db import Store


def dyad_flows(
    store: Store, a: list[str], b: list[str], start: int | None, end: int | None
) -> list[tuple[int, float | None, float | None, float | None, float | None]]:
    """(year, a_to_b, b_to_a, a_to_b smoothed, b_to_a smoothed) in million current USD, by year.

    A row of ``cow_trade`` is oriented so that ``a_to_b`` is what the B side imported from the A side
    (flow2 when A is ccode1, flow1 when A is ccode2). ``a`` and ``b`` may list several codes (a state and
    its predecessors); their rows in one year are summed, and a year in which any of them is missing a
    flow has that flow NULL rather than a silently partial sum.
    """
    sql = """
        WITH oriented AS (
            SELECT year, list_contains($1, a) AS a_first, flow1, flow2, smoothflow1, smoothflow2
            FROM cow_trade
            WHERE ((list_contains($1, a) AND list_contains($2, b))
                   OR (list_contains($2, a) AND list_contains($1, b)))
              AND ($3::INTEGER IS NULL OR year >= $3::INTEGER)
              AND ($4::INTEGER IS NULL OR year <= $4::INTEGER)
        ), flows AS (
            SELECT year,
                   CASE WHEN a_first THEN flow2 ELSE flow1 END AS a_to_b,
                   CASE WHEN a_first THEN flow1 ELSE flow2 END AS b_to_a,
                   CASE WHEN a_first THEN smoothflow2 ELSE smoothflow1 END AS a_to_b_smoothed,
                   CASE WHEN a_first THEN smoothflow1 ELSE smoothflow2 END AS b_to_a_smoothed
            FROM oriented
        )
        SELECT year,
               CASE WHEN count(a_to_b) = count(*) THEN sum(a_to_b) END,
               CASE WHEN count(b_to_a) = count(*) THEN sum(b_to_a) END,
               CASE WHEN count(a_to_b_smoothed) = count(*) THEN sum(a_to_b_smoothed) END,
               CASE WHEN count(b_to_a_smoothed) = count(*) THEN sum(b_to_a_smoothed) END
        FROM flows
        GROUP BY year
        ORDER BY year
    """
    rows = store.rows(sql, [a, b, start, end])
    return [(int(y), ab, ba, abs_, bas) for y, ab, ba, abs_, bas in rows]


def year_coverage(store: Store) -> tuple[int | None, int | None]:
    """First and last year in ``cow_trade``."""
    first, last = store.rows("SELECT min(year), max(year) FROM cow_trade")[0]
    return first, last
