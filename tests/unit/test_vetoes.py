"""UNSC vetoes on hand-made inputs: the loader's member codes and the joint / alone / topic counts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from alliancewatch.analyze.vetoes import seat_codes, veto_summary
from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError, UnknownCountryError, UserInputError
from alliancewatch.services import Context, vetoes, vetoes_records
from alliancewatch.sources.unsc import load_vetoes
from alliancewatch.store import FileRecord

HEADER = (
    "year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,"
    "member_veto3,single_veto,multiple_vetoes,China,France,Russia,USSR,USA,UK,russia_china,usa_uk,"
    "usa_france,usa_france_uk,france_uk"
)


def _row(day: str, draft: str, topic: str, members: list[str], flags: dict[str, int] | None = None) -> str:
    year = day.rsplit("/", 1)[1]
    listed = [*members, "", "", ""][:3]
    flags = flags if flags is not None else {m: 1 for m in members}
    flag_cols = [str(flags.get(m, 0)) for m in ("China", "France", "Russia", "USSR", "USA", "UK")]
    month = day.split("/", maxsplit=1)[0]
    fields = [year, day, month, draft, draft, f"Item {draft}", topic, "Region", *listed, "1", "0"]
    return ",".join([*fields, *flag_cols, *["0"] * 5])


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "vetoes.csv"
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return path


def test_loader_codes_members_and_keeps_repeated_meeting_records(tmp_path: Path, codes: CountryCodes) -> None:
    path = _write(
        tmp_path,
        [
            _row("9/13/1955", "S/PV.700", "Admission", ["China"]),  # the Republic of China's seat
            _row("8/25/1972", "S/10771", "Admission", ["China"]),
            _row("8/29/1946", "S/PV.57", "Admission", ["USSR"]),
            _row("8/29/1946", "S/PV.57", "Admission", ["USSR"]),
            # Listed in member_veto1 only, with its own 0/1 column left at 0 (as in the real file).
            _row("8/11/1975", "S/11796", "Vietnam", ["USA"], flags={}),
            # Flagged in its 0/1 column but not listed: still counted.
            _row("10/31/1977", "S/12310", "South Africa", ["France", "UK"], flags={"USA": 1}),
        ],
    )
    tables = load_vetoes({"unsc_vetoes": path}, codes)
    vetoes_t, members = tables["unsc_vetoes"], tables["unsc_veto_members"]
    assert vetoes_t["veto_id"].to_pylist() == [1, 2, 3, 4, 5, 6]
    assert vetoes_t["draft"].to_pylist()[2:4] == ["S/PV.57", "S/PV.57"]
    assert vetoes_t["date"].to_pylist()[0] == date(1955, 9, 13)
    pairs = list(zip(members["veto_id"].to_pylist(), members["member"].to_pylist(), strict=True))
    assert pairs == [
        (1, "TWN"),
        (2, "CHN"),
        (3, "SUN"),
        (4, "SUN"),
        (5, "USA"),
        (6, "FRA"),
        (6, "GBR"),
        (6, "USA"),
    ]


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        (_row("2/30/1990", "S/1", "X", ["USA"]), "dates"),
        (_row("1/5/1990", "S/1", "X", ["USA"]).replace("1/5/1990", "5 Jan 1990"), "dates"),
        (_row("1/5/1990", "S/1", "X", ["USA"]).replace("1990,", "1991,", 1), "dates"),
        (_row("1/5/1990", "S/1", "X", ["India"]), "unknown vetoing members"),
    ],
)
def test_loader_rejects_bad_rows(tmp_path: Path, codes: CountryCodes, row: str, needle: str) -> None:
    with pytest.raises(MalformedFileError, match=needle):
        load_vetoes({"unsc_vetoes": _write(tmp_path, [row])}, codes)


def _load(ctx: Context, vetoes_rows: list[tuple[int, str, int, str]], members: list[tuple[int, str]]) -> None:
    """Put hand-made vetoes (veto_id, draft, year, topic) and members into the store."""
    vetoes_t = pa.table(
        {
            "veto_id": pa.array([v[0] for v in vetoes_rows], pa.int32()),
            "draft": [v[1] for v in vetoes_rows],
            "year": pa.array([v[2] for v in vetoes_rows], pa.int32()),
            "date": [date(v[2], 1, 1 + v[0]) for v in vetoes_rows],
            "crisis_topic": [v[3] for v in vetoes_rows],
            "region": ["Middle East" if v[3] == "Syria" else "Elsewhere" for v in vetoes_rows],
        }
    )
    members_t = pa.table(
        {"veto_id": pa.array([m[0] for m in members], pa.int32()), "member": [m[1] for m in members]}
    )
    record = FileRecord("unsc_vetoes", "test", "v.csv", "0" * 64, len(vetoes_rows), datetime(2025, 1, 1))
    ctx.store.replace_dataset(
        "unsc_vetoes", {"unsc_vetoes": vetoes_t, "unsc_veto_members": members_t}, [record]
    )


@pytest.fixture
def ctx(empty_ctx: Context) -> Context:
    _load(
        empty_ctx,
        [
            (1, "S/1", 1950, "Korea"),
            (2, "S/2", 1980, "Afghanistan"),
            (3, "S/3", 2011, "Syria"),
            (4, "S/4", 2012, "Syria"),
            (5, "S/5", 2014, "Ukraine"),
            (6, "S/6", 2019, "Venezuela"),
            (7, "S/7", 2020, "Israel-Palestine"),
        ],
        [
            *[(1, "SUN"), (2, "SUN"), (3, "RUS"), (3, "CHN"), (4, "RUS"), (4, "CHN"), (5, "RUS")],
            *[(6, "RUS"), (6, "CHN"), (7, "USA")],
        ],
    )
    return empty_ctx


def test_joint_and_alone_counts(ctx: Context) -> None:
    rus = veto_summary(ctx.store, "RUS", ["RUS"])
    assert (rus.vetoes, rus.alone, rus.joint) == (4, 1, {"CHN": 3})
    assert rus.by_topic == {"Syria": 2, "Ukraine": 1, "Venezuela": 1}
    assert rus.by_region == {"Elsewhere": 2, "Middle East": 2}
    assert [v.draft for v in rus.drafts] == ["S/3", "S/4", "S/5", "S/6"]
    assert rus.drafts[0].co_vetoers == ["CHN"]
    assert rus.drafts[2].co_vetoers == []
    chn = veto_summary(ctx.store, "CHN", ["CHN"], start=2012, end=2019)
    assert (chn.vetoes, chn.alone, chn.joint) == (2, 0, {"RUS": 2})


def test_merging_the_ussr_adds_its_vetoes_and_keeps_cast_by(ctx: Context) -> None:
    merged = veto_summary(ctx.store, "RUS", seat_codes("RUS", True))
    assert merged.counted_as == ["RUS", "SUN"]
    assert (merged.vetoes, merged.alone) == (6, 3)
    assert [v.cast_by for v in merged.drafts][:3] == ["SUN", "SUN", "RUS"]
    assert seat_codes("CHN", True) == ["CHN", "TWN"]
    assert seat_codes("FRA", True) == ["FRA"]


def test_service_lists_every_seat_holder_and_counts_add_up(ctx: Context) -> None:
    result = vetoes(ctx)
    records = vetoes_records(result)
    assert isinstance(records, list)
    assert [r["member"] for r in records] == ["CHN", "FRA", "GBR", "RUS", "SUN", "TWN", "USA"]
    assert sum(int(str(r["vetoes"])) for r in records) == 10  # one per (veto, member) pair
    merged = vetoes_records(vetoes(ctx, merge_predecessors=True))
    assert isinstance(merged, list)
    assert [r["member"] for r in merged] == ["CHN", "FRA", "GBR", "RUS", "USA"]


def test_service_single_member_is_one_object(ctx: Context) -> None:
    record = vetoes_records(vetoes(ctx, "Russia", start=2011, end=2030))
    assert isinstance(record, dict)
    assert record["member"] == "RUS"
    assert record["vetoes"] == 4
    assert record["joint"] == {"CHN": 3}
    assert "ends on" in str(record["note"])
    drafts = record["drafts"]
    assert isinstance(drafts, list)
    assert drafts[0] == {
        "date": "2011-01-04",
        "draft": "S/3",
        "meeting_record": None,
        "agenda_item": None,
        "crisis_topic": "Syria",
        "region": "Middle East",
        "cast_by": "RUS",
        "co_vetoers": ["CHN"],
    }


def test_service_rejects_non_members_and_unknown_countries(ctx: Context) -> None:
    with pytest.raises(UserInputError, match="permanent member"):
        vetoes(ctx, "IRN")
    with pytest.raises(UnknownCountryError):
        vetoes(ctx, "Narnia")
    with pytest.raises(UserInputError, match="after"):
        vetoes(ctx, "RUS", start=2020, end=2010)
