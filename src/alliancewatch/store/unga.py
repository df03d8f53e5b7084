"""SQL over the UN General Assembly tables."""

from __future__ import annotations

from alliancewatch.store.db import Store

_PERIOD = {
    "year": "year(r.date)",
    "decade": "year(r.date) // 10 * 10",
}


def vote_pair_counts(
    store: Store,
    a: list[str],
    b: list[str],
    by: str,
    start: int | None,
    end: int | None,
    issue: str | None,
) -> list[tuple[int, str, str, int]]:
    """(period, vote of a, vote of b, roll calls) over roll calls where both cast yes/abstain/no.

    ``a`` and ``b`` are lists so that a state can be merged with its predecessors (RUS with SUN).
    """
    period = _PERIOD[by]
    sql = f"""
        SELECT {period} AS period, va.vote, vb.vote, count(*) AS n
        FROM unga_votes va
        JOIN unga_votes vb ON va.rcid = vb.rcid
        JOIN unga_rollcalls r ON r.rcid = va.rcid
        WHERE list_contains(?, va.country) AND list_contains(?, vb.country)
          AND (?::INTEGER IS NULL OR year(r.date) >= ?::INTEGER)
          AND (?::INTEGER IS NULL OR year(r.date) <= ?::INTEGER)
          AND (?::VARCHAR IS NULL OR EXISTS (
                SELECT 1 FROM unga_issues i WHERE i.rcid = va.rcid AND i.issue = ?::VARCHAR))
        GROUP BY ALL
        ORDER BY ALL
    """
    rows = store.rows(sql, [a, b, start, start, end, end, issue, issue])
    return [(int(p), str(x), str(y), int(n)) for p, x, y, n in rows]


def idealpoints(
    store: Store, countries: list[str], start: int | None, end: int | None
) -> list[tuple[int, str, float | None]]:
    """(year, country, idealpointfp) for the given countries."""
    sql = """
        SELECT year, country, idealpointfp FROM unga_idealpoints
        WHERE list_contains(?, country)
          AND (?::INTEGER IS NULL OR year >= ?::INTEGER)
          AND (?::INTEGER IS NULL OR year <= ?::INTEGER)
        ORDER BY year, country
    """
    return [(int(y), str(c), v) for y, c, v in store.rows(sql, [countries, start, start, end, end])]
