"""UN votes on the real files: figures checked against independent DuckDB arithmetic."""

from __future__ import annotations

import pytest

from alliancewatch.services import Context, votes, votes_records


def test_votes_by_decade_match_direct_sql(loaded: Context) -> None:
    result = votes(loaded, "IRN", "RUS", by="decade", merge_predecessors=True)
    by_period = {p.period: p for p in result.periods}
    # Independent computation of the 2000s: identical-vote share straight from the tables.
    row = loaded.store.con.execute(
        """
        SELECT count(*), avg(CASE WHEN a.vote = b.vote THEN 1.0 ELSE 0.0 END)
        FROM unga_votes a JOIN unga_votes b USING (rcid) JOIN unga_rollcalls r USING (rcid)
        WHERE a.country = 'IRN' AND b.country IN ('RUS', 'SUN') AND year(r.date) BETWEEN 2000 AND 2009
        """
    ).fetchone()
    assert row is not None
    assert by_period[2000].n == row[0]
    assert by_period[2000].exact == pytest.approx(row[1])


def test_russia_alone_starts_in_1991(loaded: Context) -> None:
    alone = votes(loaded, "IRN", "RUS", by="decade")
    assert min(p.period for p in alone.periods) == 1990
    merged = votes(loaded, "IRN", "RUS", by="decade", merge_predecessors=True)
    assert min(p.period for p in merged.periods) == 1940


def test_yearly_rows_carry_idealpoint_distance_past_2019(loaded: Context) -> None:
    records = votes_records(votes(loaded, "IRN", "RUS", by="year", start=2015, end=2024))
    years = {r["period"]: r for r in records}
    assert set(years) == set(range(2015, 2025))
    assert years[2022]["n"] == 0
    assert years[2022]["idealpoint_distance"] is not None
    assert years[2015]["n"] > 50


def test_issue_filter_restricts_roll_calls(loaded: Context) -> None:
    everything = votes(loaded, "IRN", "USA", by="decade", start=2000, end=2009)
    nuclear = votes(loaded, "IRN", "USA", by="decade", start=2000, end=2009, issue="nu")
    assert 0 < nuclear.periods[0].n < everything.periods[0].n
