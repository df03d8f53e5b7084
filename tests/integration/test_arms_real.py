"""SIPRI arms transfers on the real files: figures checked against DuckDB arithmetic on the raw CSVs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.errors import MalformedFileError
from alliancewatch.services import Context, arms, arms_deals, arms_record, open_context
from alliancewatch.sources.sipri import read_register

TIV_CSV = "structured/sipri_tiv_dyad_year_1950_2021.csv"


@pytest.fixture(scope="module")
def db(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("arms") / "aw.duckdb")
    argv = ["--db", path, "datasets", "fetch", "sipri_tiv", "sipri_register", "--mirror", str(mirror)]
    assert main(argv) == 0
    return path


@pytest.fixture(scope="module")
def ctx(db: str) -> Iterator[Context]:
    context = open_context(load_config(db=db))
    yield context
    context.close()


def raw_by_supplier(mirror: Path, start: int, end: int, recipient: str = "Iran") -> dict[str, float]:
    """TIV by supplier name straight from the CSV, without the product's code or store."""
    rows = duckdb.execute(
        "SELECT supplier, sum(value) FROM read_csv(?) "
        "WHERE recipient = ? AND year BETWEEN ? AND ? GROUP BY supplier",
        [str(mirror / TIV_CSV), recipient, start, end],
    ).fetchall()
    return {str(name): float(tiv) for name, tiv in rows}


def test_russia_is_irans_largest_supplier_1992_2021(ctx: Context, mirror: Path) -> None:
    result = arms(ctx, "IRN", 1992, 2021, merge_predecessors=True)
    raw = raw_by_supplier(mirror, 1992, 2021)
    assert result.total_tiv == pytest.approx(sum(raw.values()))
    top, second = result.partners[:2]
    assert (top.code, top.tiv) == ("RUS", raw["Russia"])
    assert second.code == "CHN"
    assert top.share is not None and top.share > 0.5  # 3904 of 7071 TIV: 55 %
    assert sum(p.share or 0.0 for p in result.partners) == pytest.approx(1.0)
    assert result.hhi == pytest.approx(sum((p.share or 0.0) ** 2 for p in result.partners))


@pytest.mark.parametrize(("start", "end"), [(2000, 2021), (2010, 2021)])
def test_each_supplier_matches_the_raw_csv(ctx: Context, mirror: Path, start: int, end: int) -> None:
    result = arms(ctx, "IRN", start, end)
    raw = raw_by_supplier(mirror, start, end)
    assert {p.name: p.tiv for p in result.partners} == raw
    assert [p.tiv for p in result.partners] == sorted(raw.values(), reverse=True)
    assert result.partners[0].code == "RUS"


def test_merge_adds_the_soviet_union(ctx: Context, mirror: Path) -> None:
    raw = raw_by_supplier(mirror, 1950, 2021)
    merged = {p.code: p.tiv for p in arms(ctx, "IRN", merge_predecessors=True).partners}
    separate = {p.code: p.tiv for p in arms(ctx, "IRN").partners}
    assert separate["SUN"] == raw["Soviet Union"] and separate["RUS"] == raw["Russia"]
    assert merged["RUS"] == raw["Russia"] + raw["Soviet Union"]
    assert "SUN" not in merged


def test_non_state_parties_keep_their_rows(ctx: Context, mirror: Path) -> None:
    iran_exports = arms(ctx, supplier="IRN", start=1980, end=2021)
    hezbollah = [p for p in iran_exports.partners if p.name == "Hezbollah (Lebanon)*"]
    assert len(hezbollah) == 1 and hezbollah[0].code is None
    raw = duckdb.execute(
        "SELECT sum(value) FROM read_csv(?) WHERE supplier = 'Iran' AND year BETWEEN 1980 AND 2021",
        [str(mirror / TIV_CSV)],
    ).fetchone()
    assert raw is not None and iran_exports.total_tiv == pytest.approx(float(raw[0]))


def test_years_after_2021_are_flagged(ctx: Context) -> None:
    result = arms(ctx, "IRN", 2015, 2024)
    assert result.coverage == (1950, 2021)
    assert result.note is not None and "ends in 2021" in result.note
    from_register = arms(ctx, "IRN", 2022, 2024, source="register")
    assert from_register.note is None
    assert [p.code for p in from_register.partners] == ["RUS"]  # Yak-130 deliveries, 2023-2024


def test_register_holds_every_deal_and_the_split_ones(ctx: Context, mirror: Path) -> None:
    rows = ctx.store.rows("SELECT count(*), count(DISTINCT deal_id), max(deal_id) FROM sipri_deals")
    # 29,531 physical lines less 12 (preamble and header), less 4 continuation lines
    assert rows == [(29515, 29515, 29515)]
    # the four deals whose comment was broken over two lines, by the line each starts on
    split = ctx.store.rows(
        "SELECT source_line, recipient_name, weapon, tiv_unit, tiv_order, tiv_delivered, comments "
        "FROM sipri_deals WHERE source_line IN (5432, 21488, 25178, 27955) ORDER BY source_line"
    )
    assert [row[:6] for row in split] == [
        (5432, "Cote d'Ivoire", "vehicle engine", 0.03, 0.36, 0.0),
        (21488, "Saudi Arabia", "ship engine", 1.5, 18.0, 0.0),
        (25178, "Thailand", "BTR-3", 0.25, 3.5, 3.25),
        (27955, "United Nations**", "Hermes-900", 3.0, 9.0, 9.0),
    ]
    assert split[2][6].endswith("redesign for other engines")
    assert split[3][6].endswith("UN peacekeeping forces in Mali")
    unmapped = ctx.store.rows(
        "SELECT count(*) FROM sipri_deals WHERE recipient IS NULL AND recipient_name = 'NATO**'"
    )
    assert unmapped[0][0] > 0


def test_s300_deal_is_listed_for_iran(ctx: Context) -> None:
    found = arms_deals(ctx, "IRN", 2015, 2021, supplier="RUS")
    s300 = [d for d in found.deals if d["weapon"] == "S-300PMU2 Favorit"]
    assert len(s300) == 1
    deal = s300[0]
    assert (deal["order_year"], deal["number_ordered"], deal["number_delivered"]) == (2015, 4, 4)
    assert deal["delivery_years"] == [2016] and deal["tiv_delivered"] == 220.0
    assert deal["description"] == "SAM system"


def test_cli_json_contract(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", db, "arms", "IRN", "--from", "2010", "--to", "2021", "--merge-predecessors", "-f", "json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"recipient", "from", "to", "total_tiv", "suppliers", "hhi", "coverage", "note"} <= set(out)
    assert (out["recipient"], out["from"], out["to"]) == ("IRN", 2010, 2021)
    assert set(out["suppliers"][0]) == {"supplier", "code", "name", "tiv", "share"}
    assert out["suppliers"][0]["supplier"] == "RUS"
    assert sum(s["share"] for s in out["suppliers"]) == pytest.approx(1.0)


def test_cli_supplier_and_deals(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--db", db, "arms", "--supplier", "RUS", "--from", "2010", "--to", "2021", "-f", "json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["supplier"] == "RUS" and "recipients" in out and "recipient" not in out
    assert main(["--db", db, "arms", "IRN", "--deals", "--from", "2022", "--to", "2024", "-f", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("supplier,recipient,ordered_in,weapon")
    assert any("Su-35S" in line for line in lines) and any("Yak-130" in line for line in lines)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["arms", "Narnia"], "unknown country 'Narnia'"),
        (["arms", "IRN", "--from", "2021", "--to", "2000"], "is after"),
        (["arms", "IRN", "--source", "rumour"], "--source must be one of"),
        (["arms"], "give a recipient"),
    ],
)
def test_cli_bad_input_exits_2(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert main(["--db", db, *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_record_is_json_ready(ctx: Context) -> None:
    record = arms_record(arms(ctx, "IRN", 2000, 2021))
    assert json.loads(json.dumps(record))["suppliers"][0]["code"] == "RUS"


def test_truncated_real_register_names_the_line(mirror: Path, tmp_path: Path) -> None:
    raw = (mirror / "structured/sipri_trade_register_2025-03-13_latin1.csv").read_bytes()
    lines = raw.split(b"\n")
    cut = b"\n".join([*lines[:999], b",".join(lines[999].split(b",")[:6])])  # line 1000, 6 of 16 fields
    path = tmp_path / "cut.csv"
    path.write_bytes(cut)
    with pytest.raises(MalformedFileError, match=r"line 1000: the last deal has 6 of 16 fields"):
        read_register(path)
