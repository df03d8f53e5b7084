"""COW trade on the real file: flows and their direction checked against the raw CSV."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.services import Context, fetch_datasets, open_context, trade

RAW = "structured/cow_trade_v4_0_dyad_year.csv"
RUS, IRN = 365, 630


@pytest.fixture(scope="module")
def ctx(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    db = tmp_path_factory.mktemp("trade") / "aw.duckdb"
    context = open_context(load_config(db=db, mirror=str(mirror)))
    fetch_datasets(context, ["cow_trade", "cow_states"])
    yield context
    context.close()


def _raw(mirror: Path, sql: str, params: list[object]) -> list[tuple[object, ...]]:
    """Run ``sql`` over the raw file, bound as ``raw`` (no product code involved)."""
    con = duckdb.connect()
    con.read_csv(str(mirror / RAW)).create_view("raw")
    return con.execute(sql, params).fetchall()


def test_iran_russia_2000_2014_matches_the_raw_file(ctx: Context, mirror: Path) -> None:
    result = trade(ctx, "IRN", "RUS", 2000, 2014)
    assert [y.year for y in result.years] == list(range(2000, 2015))
    assert all(y.a_to_b is not None and y.b_to_a is not None for y in result.years)
    # In the raw file Russia (365) is ccode1: flow1 is Russia's imports from Iran, i.e. Iran -> Russia.
    raw = _raw(
        mirror,
        "SELECT year, flow1, flow2 FROM raw WHERE ccode1 = ? AND ccode2 = ? AND year BETWEEN 2000 AND 2014"
        " ORDER BY year",
        [RUS, IRN],
    )
    assert [(y.year, y.a_to_b, y.b_to_a) for y in result.years] == [
        (int(str(year)), float(str(f1)), float(str(f2))) for year, f1, f2 in raw
    ]
    assert result.years[-1].total == result.years[-1].a_to_b + result.years[-1].b_to_a  # type: ignore[operator]
    swapped = trade(ctx, "RUS", "IRN", 2000, 2014)
    assert [y.a_to_b for y in swapped.years] == [y.b_to_a for y in result.years]


def test_every_row_is_loaded_with_its_codes_and_nulls(ctx: Context, mirror: Path) -> None:
    raw = _raw(
        mirror,
        "SELECT count(*), count(*) FILTER (WHERE flow1 IS NULL OR flow1 = -9),"
        " count(*) FILTER (WHERE flow2 IS NULL OR flow2 = -9) FROM raw",
        [],
    )
    stored = ctx.store.rows(
        "SELECT count(*), count(*) FILTER (WHERE flow1 IS NULL), count(*) FILTER (WHERE flow2 IS NULL)"
        " FROM cow_trade"
    )
    assert stored == raw
    assert stored[0][0] == 673654
    unmapped = ctx.store.rows(
        "SELECT DISTINCT c FROM (SELECT ccode1 AS c FROM cow_trade WHERE a IS NULL"
        " UNION SELECT ccode2 FROM cow_trade WHERE b IS NULL)"
    )
    assert unmapped == []  # every COW code in the file has an ISO-3 (or historical) code
    # a follows ccode1 row by row and year by year: COW's 365 is the USSR from 1922 to 1991.
    russia = ctx.store.rows(
        "SELECT a, min(year), max(year) FROM cow_trade WHERE ccode1 = ? GROUP BY a ORDER BY a", [RUS]
    )
    assert russia == [("RUS", 1870, 2014), ("SUN", 1922, 1991)]
    iran = ctx.store.rows("SELECT DISTINCT b FROM cow_trade WHERE ccode2 = ?", [IRN])
    assert iran == [("IRN",)]


def test_states_are_coded(ctx: Context) -> None:
    rows = ctx.store.rows("SELECT country FROM cow_states WHERE ccode = ? ORDER BY styear", [IRN])
    assert rows == [("IRN",)]
    assert ctx.store.count("cow_states") == 243


def test_merging_the_ussr_reaches_back_before_1992(ctx: Context, mirror: Path) -> None:
    alone = trade(ctx, "IRN", "RUS", 1980, 1995)
    assert [y.year for y in alone.years] == [1992, 1993, 1994, 1995]
    merged = trade(ctx, "IRN", "RUS", 1980, 1995, merge_predecessors=True)
    assert [y.year for y in merged.years] == list(range(1980, 1996))
    assert merged.b_codes == ["RUS", "SUN"]
    raw = _raw(mirror, "SELECT flow2 FROM raw WHERE ccode1 = ? AND ccode2 = ? AND year = 1985", [RUS, IRN])
    assert merged.years[5].b_to_a == raw[0][0]  # 1985: Iran's imports from the USSR


def test_cli_json_and_coverage_note(ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(ctx.config.db)
    assert main(["--db", db, "trade", "Iran", "Russia", "--from", "1992", "--to", "2020", "-f", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"a", "b", "counted_as", "from", "to", "unit", "data_end", "note", "years"}
    assert (record["a"], record["b"], record["data_end"]) == ("IRN", "RUS", 2014)
    assert "end in 2014" in record["note"]
    assert [y["year"] for y in record["years"]] == list(range(1992, 2015))
    assert record["years"][-1] == {
        "year": 2014,
        "a_to_b": 352.0,
        "b_to_a": 1460.0,
        "total": 1812.0,
        "a_to_b_smoothed": 352.0,
        "b_to_a_smoothed": 1460.0,
        "total_smoothed": 1812.0,
    }
    assert main(["--db", db, "trade", "IRN", "RUS", "--from", "2013", "-f", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "year,a_to_b,b_to_a,total,a_to_b_smoothed,b_to_a_smoothed,total_smoothed"
    assert lines[1:] == [
        "2013,433.0,1285.0,1718.0,433.0,1285.0,1718.0",
        "2014,352.0,1460.0,1812.0,352.0,1460.0,1812.0",
    ]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["trade", "IRN", "Atlantis"], "unknown country"),
        (["trade", "IRN", "IRN"], "two different states"),
        (["trade", "IRN", "RUS", "--from", "2020", "--to", "2000"], "is after"),
    ],
)
def test_cli_bad_input_exits_2(
    ctx: Context, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert main(["--db", str(ctx.config.db), *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert len(err.strip().splitlines()) == 1
