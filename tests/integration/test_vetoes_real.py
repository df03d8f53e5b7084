"""UNSC vetoes on the real list: figures checked against DuckDB queries over the raw CSV."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.services import Context, fetch_datasets, open_context, vetoes, vetoes_records

RAW = "structured/unsc_vetoes_1946_sept2022.csv"
MEMBERS = "[member_veto1, member_veto2, member_veto3]"


@pytest.fixture(scope="module")
def ctx(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    db = tmp_path_factory.mktemp("vetoes") / "aw.duckdb"
    context = open_context(load_config(db=db, mirror=str(mirror)))
    fetch_datasets(context, ["unsc_vetoes"])
    yield context
    context.close()


def _raw_count(mirror: Path, condition: str, params: list[object]) -> int:
    """Rows of the raw file meeting ``condition``, straight from the CSV (no product code involved)."""
    sql = f"SELECT count(*) FROM read_csv(?, all_varchar = true) WHERE {condition}"
    row = duckdb.connect().execute(sql, [str(mirror / RAW), *params]).fetchone()
    assert row is not None
    return int(row[0])


def test_russian_federation_vetoes_1992_2022(ctx: Context, mirror: Path) -> None:
    record = vetoes_records(vetoes(ctx, "RUS", 1992, 2022))
    assert isinstance(record, dict)
    in_years = "year::INTEGER BETWEEN ? AND ?"
    raw_total = _raw_count(mirror, f"list_contains({MEMBERS}, 'Russia') AND {in_years}", [1992, 2022])
    raw_joint = _raw_count(
        mirror,
        f"list_contains({MEMBERS}, 'Russia') AND list_contains({MEMBERS}, 'China') AND {in_years}",
        [1992, 2022],
    )
    assert record["vetoes"] == raw_total == 31
    assert record["joint"] == {"CHN": raw_joint}
    assert raw_joint == 14
    assert record["alone"] == 17
    by_topic = record["by_topic"]
    assert isinstance(by_topic, dict)
    assert list(by_topic.items())[:2] == [("Syria", 17), ("Ukraine", 3)]


def test_merging_the_ussr(ctx: Context, mirror: Path) -> None:
    record = vetoes_records(vetoes(ctx, "RUS", merge_predecessors=True))
    assert isinstance(record, dict)
    raw = _raw_count(mirror, f"list_has_any({MEMBERS}, ['Russia', 'USSR'])", [])
    assert record["vetoes"] == raw == 121
    assert record["counted_as"] == ["RUS", "SUN"]
    assert record["joint"] == {"CHN": 14}
    by_topic = record["by_topic"]
    assert isinstance(by_topic, dict)
    assert next(iter(by_topic.items())) == ("Admission", 35)


def test_every_veto_is_kept_and_members_add_up(ctx: Context, mirror: Path) -> None:
    assert ctx.store.count("unsc_vetoes") == _raw_count(mirror, "true", []) == 214
    repeated = ctx.store.rows("SELECT count(*) FROM unsc_vetoes WHERE draft = ?", ["S/PV.49"])
    assert repeated[0][0] == 3
    records = vetoes_records(vetoes(ctx))
    assert isinstance(records, list)
    pairs = ctx.store.count("unsc_veto_members")
    assert sum(int(str(r["vetoes"])) for r in records) == pairs == 265


def test_china_seat_before_1971_is_the_republic_of_china(ctx: Context, mirror: Path) -> None:
    early = ctx.store.rows(
        """SELECT count(*) FROM unsc_veto_members m JOIN unsc_vetoes v USING (veto_id)
           WHERE m.member = 'CHN' AND v.date < DATE '1971-10-25'"""
    )
    assert early[0][0] == 0
    roc = _raw_count(
        mirror, f"list_contains({MEMBERS}, 'China') AND strptime(date, '%m/%d/%Y') < DATE '1971-10-25'", []
    )
    twn = vetoes_records(vetoes(ctx, "TWN"))
    assert isinstance(twn, dict)
    assert twn["vetoes"] == roc
    chn = vetoes_records(vetoes(ctx, "China"))
    assert isinstance(chn, dict)
    assert chn["vetoes"] == _raw_count(mirror, f"list_contains({MEMBERS}, 'China')", []) == 17


def test_drafts_are_the_evidence_for_russia_china_shielding(ctx: Context, mirror: Path) -> None:
    record = vetoes_records(vetoes(ctx, "RUS", 1992, 2022))
    assert isinstance(record, dict)
    drafts = record["drafts"]
    assert isinstance(drafts, list)
    assert len(drafts) == record["vetoes"]
    syria_with_china = [d for d in drafts if d["crisis_topic"] == "Syria" and d["co_vetoers"] == ["CHN"]]
    assert [d["draft"] for d in syria_with_china][:3] == ["S/2011/612", "S/2012/77", "S/2012/538"]
    raw = _raw_count(
        mirror,
        f"list_contains({MEMBERS}, 'Russia') AND list_contains({MEMBERS}, 'China') AND crisis_topic = ?",
        ["Syria"],
    )
    assert len(syria_with_china) == raw == 10
    assert syria_with_china[0]["date"] == "2011-10-04"


def test_cli_json_shapes(ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(ctx.config.db)
    assert main(["--db", db, "vetoes", "--member", "RUS", "--from", "1992", "-f", "json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert set(one) == {
        "member",
        "counted_as",
        "from",
        "to",
        "vetoes",
        "alone",
        "joint",
        "by_topic",
        "by_region",
        "drafts",
        "data_end",
        "note",
    }
    assert one["vetoes"] == 31
    assert one["data_end"] == "2022-07-08"
    assert main(["--db", db, "vetoes", "--merge-predecessors", "-f", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["member"] for r in listed] == ["CHN", "FRA", "GBR", "RUS", "USA"]
    assert main(["--db", db, "vetoes", "-m", "USA", "--drafts", "-f", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "member,date,draft,cast_by,co_vetoers,crisis_topic,region,agenda_item"
    assert len(lines) == 1 + 82


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["vetoes", "--member", "IRN"], "permanent member"),
        (["vetoes", "--member", "Narnia"], "unknown country"),
        (["vetoes", "--from", "2020", "--to", "2000"], "is after"),
    ],
)
def test_cli_bad_input_exits_2(
    ctx: Context, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert main(["--db", str(ctx.config.db), *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert len(err.strip().splitlines()) == 1
