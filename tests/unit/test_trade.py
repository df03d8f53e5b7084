"""COW trade on hand-made inputs: missing values, the direction of flows, merged predecessors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError, UnknownCountryError, UserInputError
from alliancewatch.services import Context, trade, trade_records
from alliancewatch.sources.cow import load_states, load_trade
from alliancewatch.store import FileRecord

HEADER = "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2"


def _write(tmp_path: Path, rows: list[str], name: str = "trade.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_loader_codes_are_year_aware(tmp_path: Path, codes: CountryCodes) -> None:
    path = _write(tmp_path, ["365,630,1985,1,2,1,2", "365,630,1992,1,2,1,2", "260,365,1970,3,4,3,4"])
    table = load_trade({"cow_trade": path}, codes)["cow_trade"]
    assert table["a"].to_pylist() == ["SUN", "RUS", "DEU"]
    assert table["b"].to_pylist() == ["IRN", "IRN", "SUN"]


def test_loader_turns_minus_nine_and_blanks_into_null(tmp_path: Path, codes: CountryCodes) -> None:
    path = _write(
        tmp_path, ["365,630,2000,54,-9,54,920", "2,630,2001,,7.5,-9,7.5", "2,20,1920,612,735,612,735"]
    )
    table = load_trade({"cow_trade": path}, codes)["cow_trade"]
    assert table["a"].to_pylist() == ["RUS", "USA", "USA"]
    assert table["b"].to_pylist() == ["IRN", "IRN", "CAN"]
    assert table["ccode1"].to_pylist() == [365, 2, 2]
    assert table["flow1"].to_pylist() == [54.0, None, 612.0]
    assert table["flow2"].to_pylist() == [None, 7.5, 735.0]
    assert table["smoothflow1"].to_pylist() == [54.0, None, 612.0]


@pytest.mark.parametrize(
    ("row", "needle"),
    [("630,365,2000,1,2,1,2", "ccode1 >= ccode2"), ("2,20,1920,-5,1,1,1", "negative flow1")],
)
def test_loader_rejects_bad_rows(tmp_path: Path, codes: CountryCodes, row: str, needle: str) -> None:
    with pytest.raises(MalformedFileError, match=needle):
        load_trade({"cow_trade": _write(tmp_path, [row])}, codes)


def test_states_get_iso_codes(tmp_path: Path, codes: CountryCodes) -> None:
    header = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version"
    path = _write(
        tmp_path,
        ["IRN,630,Iran,1816,1,1,2016,12,31,2016", "NOW,999,Nowhere,1816,1,1,1918,11,3,2016"],
        name="states.csv",
        header=header,
    )
    table = load_states({"cow_states": path}, codes)["cow_states"]
    assert table["country"].to_pylist() == ["IRN", None]
    assert table["statenme"].to_pylist() == ["Iran", "Nowhere"]


def _load(ctx: Context, rows: list[tuple[str, str, int, float | None, float | None]]) -> None:
    """Rows (a, b, year, flow1, flow2) with a as ccode1; smoothed flows are the raw ones plus one."""
    table = pa.table(
        {
            "a": [r[0] for r in rows],
            "b": [r[1] for r in rows],
            "ccode1": pa.array([1] * len(rows), pa.int32()),
            "ccode2": pa.array([2] * len(rows), pa.int32()),
            "year": pa.array([r[2] for r in rows], pa.int32()),
            "flow1": pa.array([r[3] for r in rows], pa.float64()),
            "flow2": pa.array([r[4] for r in rows], pa.float64()),
            "smoothflow1": pa.array([None if r[3] is None else r[3] + 1 for r in rows], pa.float64()),
            "smoothflow2": pa.array([None if r[4] is None else r[4] + 1 for r in rows], pa.float64()),
        }
    )
    record = FileRecord("cow_trade", "test", "t.csv", "0" * 64, len(rows), datetime(2025, 1, 1))
    ctx.store.replace_dataset("cow_trade", {"cow_trade": table}, [record])


@pytest.fixture
def ctx(empty_ctx: Context) -> Context:
    _load(
        empty_ctx,
        [
            # flow1 = RUS's imports from IRN, flow2 = IRN's imports from RUS.
            ("RUS", "IRN", 2000, 54.0, 920.0),
            ("RUS", "IRN", 2001, None, 939.0),
            ("SUN", "IRN", 1985, 300.0, 100.0),
            ("SUN", "IRN", 1990, 10.0, 20.0),
            ("RUS", "IRN", 1990, 1.0, None),  # a made-up overlap to test merging with a missing flow
            ("IRN", "TUR", 2000, 5.0, 6.0),
        ],
    )
    return empty_ctx


def test_direction_follows_the_argument_order(ctx: Context) -> None:
    iran_first = trade(ctx, "IRN", "RUS", 2000, 2000).years[0]
    assert (iran_first.a_to_b, iran_first.b_to_a, iran_first.total) == (54.0, 920.0, 974.0)
    russia_first = trade(ctx, "RUS", "IRN", 2000, 2000).years[0]
    assert (russia_first.a_to_b, russia_first.b_to_a, russia_first.total) == (920.0, 54.0, 974.0)
    assert (russia_first.a_to_b_smoothed, russia_first.b_to_a_smoothed) == (921.0, 55.0)
    assert russia_first.total_smoothed == 976.0


def test_missing_flow_stays_null_and_so_does_total(ctx: Context) -> None:
    year = trade(ctx, "IRN", "RUS", 2001, 2001).years[0]
    assert year.a_to_b is None
    assert year.b_to_a == 939.0
    assert year.total is None


def test_merging_predecessors_sums_rows_but_keeps_missing_null(ctx: Context) -> None:
    alone = trade(ctx, "IRN", "RUS")
    assert [y.year for y in alone.years] == [1990, 2000, 2001]
    merged = trade(ctx, "IRN", "RUS", merge_predecessors=True)
    assert merged.a_codes == ["IRN"] and merged.b_codes == ["RUS", "SUN"]
    by_year = {y.year: y for y in merged.years}
    assert sorted(by_year) == [1985, 1990, 2000, 2001]
    assert by_year[1985].a_to_b == 300.0
    assert by_year[1990].a_to_b == 11.0  # both rows known: summed
    assert by_year[1990].b_to_a is None  # one of the two rows is missing


def test_records_note_the_coverage_end(ctx: Context) -> None:
    record = trade_records(trade(ctx, "IRN", "RUS", 1999, 2022))
    assert record["data_end"] == 2001
    assert "end in 2001" in str(record["note"])
    assert record["unit"] == "million current USD"
    years = record["years"]
    assert isinstance(years, list)
    assert set(years[0]) == {
        "year",
        "a_to_b",
        "b_to_a",
        "total",
        "a_to_b_smoothed",
        "b_to_a_smoothed",
        "total_smoothed",
    }
    empty = trade_records(trade(ctx, "IRN", "CHN"))
    assert empty["years"] == []
    assert "no COW trade rows" in str(empty["note"])


def test_bad_pairs_are_user_errors(ctx: Context) -> None:
    with pytest.raises(UnknownCountryError):
        trade(ctx, "IRN", "Atlantis")
    with pytest.raises(UserInputError, match="two different states"):
        trade(ctx, "RUS", "Russian Federation")
    with pytest.raises(UserInputError, match="two different states"):
        trade(ctx, "RUS", "SUN", merge_predecessors=True)
