"""ATOP 5.1 and the shipped treaty registry on the real files; figures checked against direct SQL."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.notebook import Observatory
from alliancewatch.services import Context, fetch_datasets, open_context, treaties
from alliancewatch.services.treaties import TreatiesOverTime, TreatiesResult

ATOP_FILE = "structured/atop5_1_directed_dyad_year.csv"


@pytest.fixture(scope="module")
def alliances(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """A store with just ATOP and the treaty registry (the two datasets this command reads)."""
    db = tmp_path_factory.mktemp("alliances") / "aw.duckdb"
    ctx = open_context(load_config(db=db, mirror=str(mirror)))
    fetch_datasets(ctx, ["atop", "treaties"])
    yield ctx
    ctx.close()


def one_year(ctx: Context, a: str, b: str, year: int, merge: bool = False) -> TreatiesResult:
    result = treaties(ctx, a, b, year=year, merge_predecessors=merge)
    assert isinstance(result, TreatiesResult)
    return result


def test_atop_loads_every_row_keeping_cow_codes(alliances: Context, mirror: Path) -> None:
    with (mirror / ATOP_FILE).open(encoding="utf-8") as fh:
        file_rows = sum(1 for _ in csv.DictReader(fh))
    assert alliances.store.count("atop_dyads") == file_rows
    # 365 is the USSR from its creation to 1991 and Russia after, per the year-aware COW mapping.
    rows = alliances.store.rows(
        "SELECT a, min(year), max(year) FROM atop_dyads WHERE ccode1 = 365 AND year >= 1930 "
        "GROUP BY a ORDER BY a"
    )
    assert rows == [("RUS", 1992, 2018), ("SUN", 1930, 1991)]


def test_nato_allies_have_a_defence_pact_and_strangers_none(alliances: Context) -> None:
    usa_gbr = one_year(alliances, "USA", "GBR", 2000)
    assert usa_gbr.obligations["defense"] is True
    assert usa_gbr.binding == ["atop-5.1"]
    assert usa_gbr.sources[0].references[0].startswith("Brett Ashley Leeds")
    # Iran and the United States had no alliance of any kind in 2000: ATOP has no row.
    none = one_year(alliances, "IRN", "USA", 2000)
    assert not any(none.obligations.values())
    assert none.treaties == [] and none.notes == []


def test_china_north_korea_defence_every_year_of_atop(alliances: Context) -> None:
    result = treaties(alliances, "CHN", "PRK", start=1958, end=2026)
    assert isinstance(result, TreatiesOverTime)
    defence = {y.year: y.obligations["defense"] for y in result.years}
    assert not defence[1958] and not defence[1960]
    assert all(defence[year] for year in range(1961, 2027))
    by_year = {y.year: y.treaties for y in result.years}
    assert by_year[2000] == ["atop-5.1", "chn-prk-1961"]
    assert by_year[2025] == ["chn-prk-1961"]  # after ATOP, the registry carries it


def test_iran_russia_over_time_matches_atop_and_the_registry(alliances: Context) -> None:
    result = treaties(alliances, "IRN", "RUS", start=1992, end=2026)
    assert isinstance(result, TreatiesOverTime)
    held = {y.year: {k for k, v in y.obligations.items() if v} for y in result.years}
    three = {"neutrality", "nonaggression", "consultation"}
    assert all(held[year] == set() for year in range(1992, 2001))
    assert all(held[year] == three for year in range(2001, 2027))
    # No year has a defence obligation: neither ATOP nor either treaty creates one.
    assert not any(y.obligations["defense"] for y in result.years)
    # Independent check of the ATOP years straight from the table.
    atop_years = alliances.store.rows(
        "SELECT DISTINCT year FROM atop_dyads WHERE year >= 1992 "
        "AND ((a = 'IRN' AND b = 'RUS') OR (a = 'RUS' AND b = 'IRN')) ORDER BY year"
    )
    assert [y for (y,) in atop_years] == [y.year for y in result.years if "atop-5.1" in y.treaties]
    assert [y for (y,) in atop_years] == list(range(2001, 2019))
    by_year = {y.year: y for y in result.years}
    assert by_year[2019].treaties == ["irn-rus-2001"]
    assert "ATOP 5.1 ends in 2018" in result.notes[0]


def test_iran_russia_2025_treaty_is_there_without_defence(alliances: Context) -> None:
    result = one_year(alliances, "IRN", "RUS", 2025)
    entries = {t.id: t for t in result.treaties}
    assert entries["irn-rus-2025"].status == "in force"  # from 2 October 2025
    assert entries["irn-rus-2025"].obligations["defense"] is False
    assert "Rudenko" in entries["irn-rus-2025"].notes["defense"]
    assert result.obligations["defense"] is False
    assert result.obligations["neutrality"] is True
    assert {(s.treaty, s.article) for s in result.sources if s.obligation == "neutrality"} == {
        ("irn-rus-2001", None),
        ("irn-rus-2025", "Art. 3(3)"),
    }
    assert "irn-rus-2025" in one_year(alliances, "IRN", "RUS", 2026).binding
    assert "irn-rus-2025" not in {t.id for t in one_year(alliances, "IRN", "RUS", 2024).treaties}


def test_russia_north_korea_defence_returns_in_2024(alliances: Context) -> None:
    result = treaties(alliances, "RUS", "PRK", start=1995, end=2025)
    assert isinstance(result, TreatiesOverTime)
    defence = {y.year: y.obligations["defense"] for y in result.years}
    assert defence[1996] and not defence[1997]  # the Soviet-era alliance lapsed in 1996 (ATOP)
    assert not any(defence[year] for year in range(1997, 2024))
    assert defence[2024] and defence[2025]
    latest = one_year(alliances, "RUS", "PRK", 2025)
    assert ("defense", "rus-prk-2024", "Art. 4") in {
        (s.obligation, s.treaty, s.article) for s in latest.sources
    }
    assert "rus-prk-2000" not in latest.binding  # ended on 4 December 2024


def test_multilateral_members_and_successors(alliances: Context) -> None:
    # Belarus and Russia: CSTO defence in ATOP years and after, plus the 2025 guarantees treaty.
    blr = one_year(alliances, "BLR", "RUS", 2025)
    assert blr.obligations["defense"] is True
    assert {"cst-1992", "blr-rus-security-guarantees-2024"} <= set(blr.binding)
    # Iran and Belarus only share the SCO (from 2024), which carries no obligation.
    irn_blr = one_year(alliances, "IRN", "BLR", 2025)
    assert irn_blr.binding == ["sco-charter-2002"] and not any(irn_blr.obligations.values())
    # The USSR's treaty with Syria: SUN in 1985 unless predecessors are merged.
    assert not one_year(alliances, "RUS", "SYR", 1985).obligations["consultation"]
    assert one_year(alliances, "RUS", "SYR", 1985, merge=True).obligations["consultation"]


@pytest.fixture(scope="module")
def db(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli-treaties") / "aw.duckdb")
    assert main(["--db", path, "datasets", "fetch", "atop", "treaties", "--mirror", str(mirror)]) == 0
    return path


def test_cli_json_shape_and_errors(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", db, "treaties", "IRN", "RUS", "--year", "2025", "-f", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"a", "b", "year", "obligations", "binding", "treaties", "sources", "notes"}
    assert record["obligations"]["defense"] is False and record["a"] == "IRN"
    assert main(["--db", db, "treaties", "IRN", "RUS", "--from", "2017", "--to", "2020", "-f", "json"]) == 0
    over = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in over["years"]] == [2017, 2018, 2019, 2020]
    assert main(["--db", db, "treaties", "IRN", "RUS", "--from", "2017", "--to", "2018", "-f", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "year,defense,offense,neutrality,nonaggression,consultation,treaties"
    assert main(["--db", db, "treaties", "IRN", "Narnia", "--year", "2025"]) == 2
    assert "unknown country 'Narnia'" in capsys.readouterr().err
    assert main(["--db", db, "treaties", "IRN", "RUS", "--year", "2025", "--from", "2020"]) == 2
    assert "not both" in capsys.readouterr().err


def test_notebook_frame(alliances: Context) -> None:
    obs = Observatory(alliances)
    frame = obs.treaties("IRN", "RUS", start=2024, end=2026)
    assert list(frame["year"]) == [2024, 2025, 2026]
    assert list(frame["defense"]) == [False, False, False]
    assert frame.loc[frame["year"] == 2025, "treaties"].iloc[0] == [
        "irn-rus-2001",
        "irn-rus-2025",
        "sco-charter-2002",
    ]
    assert {t["id"] for t in frame.attrs["treaties"]} >= {"irn-rus-2001", "irn-rus-2025"}
    single = obs.treaties("RUS", "PRK", year=2025)
    assert len(single) == 1 and bool(single["defense"].iloc[0]) is True
    assert single["treaties"].iloc[0] == ["rus-prk-2024"]
