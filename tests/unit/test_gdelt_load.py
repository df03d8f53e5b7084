"""GDELT loading on hand-made files: mapping, folding of re-emissions, layouts, zips and bad input."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from alliancewatch.config import load_config
from alliancewatch.services import Context, open_context
from alliancewatch.services.events import load_event_files
from alliancewatch.sources.gdelt import CAMEO_SECTORS, GDELT1_COLUMNS, GDELT2_COLUMNS, gdelt_layout
from alliancewatch.store.events import event_layout, events_view, loaded_files
from event_file_rows import URL, gdelt_row, gdelt_text, reemission_rows, write_gdelt


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    with open_context(load_config(db=tmp_path / "store" / "aw.duckdb")) as context:
        yield context


def rows(ctx: Context, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    events_view(ctx.store)
    return ctx.store.rows(sql, params or [])


def event(ctx: Context, event_id: str) -> dict[str, Any]:
    events_view(ctx.store)
    found = ctx.store.query("SELECT * FROM events WHERE event_id = ?", [event_id]).to_pylist()
    assert len(found) == 1, f"{event_id}: {len(found)} rows"
    return dict(found[0])


def test_column_layouts_are_the_published_ones() -> None:
    assert len(GDELT2_COLUMNS) == 61 and len(GDELT1_COLUMNS) == 58
    assert GDELT2_COLUMNS[:2] == ("GLOBALEVENTID", "SQLDATE") and GDELT2_COLUMNS[-1] == "SOURCEURL"
    assert GDELT2_COLUMNS.index("ActionGeo_CountryCode") == 53
    assert "Actor1Geo_ADM2Code" in GDELT2_COLUMNS and "Actor1Geo_ADM2Code" not in GDELT1_COLUMNS
    assert gdelt_layout("x", "\t" * 56).version == 1 and not gdelt_layout("x", "\t" * 56).has_url
    assert set(CAMEO_SECTORS.values()) <= {
        "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "SPY", "UAF", "CVL", "BUS", "EDU",
        "MED", "JRN", "LAB", "AGR", "REF", "CRM", "IGO", "NGO", "REL",
    }  # fmt: skip
    assert CAMEO_SECTORS["MED"] == "JRN" and CAMEO_SECTORS["HLH"] == "MED"


def test_a_gdelt_row_maps_into_the_event_model(ctx: Context, tmp_path: Path) -> None:
    path = write_gdelt(tmp_path / "one.export.CSV", [gdelt_row(7)])
    report = load_event_files(ctx, "gdelt", [path])
    assert report.ok and report.events == 1
    got = event(ctx, "gdelt:7")
    assert got["type"] == "CONSULT" and got["mode"] == "visit" and got["quad"] == 1
    assert got["cameo_code"] == "042" and got["cameo_root"] == "04" and got["intensity"] == 1.9
    assert got["sources"] == [{"name": "IRAN", "country": "IRN", "sector": "GOV"}]
    assert got["targets"] == [{"name": "RUSSIA", "country": "RUS", "sector": None}]
    assert got["source_countries"] == ["IRN"] and got["target_countries"] == ["RUS"]
    assert got["geo_country"] == "RUS"  # FIPS RS
    assert got["doc_id"] == URL and got["raw_count"] == 1 and got["mirror_of"] is None
    assert (got["year"], got["month"], str(got["date"])) == (2019, 10, "2019-10-24")
    assert got["origin"] == "gdelt" and got["date_precision"] == "day" and got["negated"] is False
    assert got["source_file"] == "one.export.CSV"


def test_igo_actors_and_missing_actors(ctx: Context, tmp_path: Path) -> None:
    igo = gdelt_row(
        8, Actor2Code="IGOEUREEC", Actor2Name="THE EU", Actor2CountryCode="EUR", Actor2Type1Code="IGO"
    )
    lone = gdelt_row(9, Actor1Code="", Actor1Name="", Actor1CountryCode="", Actor1Type1Code="")
    load_event_files(ctx, "gdelt", [write_gdelt(tmp_path / "igo.CSV", [igo, lone])])
    assert event(ctx, "gdelt:8")["targets"] == [{"name": "THE EU", "country": "IGO", "sector": "IGO"}]
    assert event(ctx, "gdelt:8")["target_countries"] == ["IGO"]
    assert event(ctx, "gdelt:9")["sources"] == [] and event(ctx, "gdelt:9")["source_countries"] == []


def test_reemissions_fold_into_the_lowest_id_and_can_be_unfolded(ctx: Context, tmp_path: Path) -> None:
    path = write_gdelt(tmp_path / "re.export.CSV", reemission_rows())
    report = load_event_files(ctx, "gdelt", [path])
    assert (report.events, report.raw_rows) == (3, 5)
    visit = event(ctx, "gdelt:101")
    assert visit["raw_count"] == 3 and visit["geo_country"] == "RUS"
    assert event(ctx, "gdelt:104")["raw_count"] == 1  # same article, another event code: not folded
    assert rows(ctx, "SELECT count(*), sum(raw_count) FROM events") == [(3, 5)]
    raw = rows(ctx, "SELECT raw_event_id, event_id, geo_country FROM raw_events ORDER BY raw_event_id")
    assert raw[:3] == [("gdelt:101", "gdelt:101", "RUS"), ("gdelt:102", "gdelt:101", "IRN"),
                       ("gdelt:103", "gdelt:101", "RUS")]  # fmt: skip
    unfolded = rows(ctx, "SELECT event_id, geo_country, raw_count, type FROM events_unfolded ORDER BY 1")
    assert len(unfolded) == 5 and unfolded[1] == ("gdelt:102", "IRN", 1, "CONSULT")


def test_exact_duplicates_fold_even_without_urls(ctx: Context, tmp_path: Path) -> None:
    same = [gdelt_row(1), gdelt_row(2), gdelt_row(3, ActionGeo_CountryCode="IR")]
    path = write_gdelt(tmp_path / "2012.csv", same, columns=57)
    report = load_event_files(ctx, "gdelt", [path])
    # no URL: only rows equal in every column but the id fold (1 and 2), not 3 (another place)
    assert (report.events, report.raw_rows) == (2, 3)
    assert event(ctx, "gdelt:1")["raw_count"] == 2 and event(ctx, "gdelt:1")["doc_id"] is None


def test_gdelt_1_daily_layout(ctx: Context, tmp_path: Path) -> None:
    path = write_gdelt(tmp_path / "20130401.export.CSV", reemission_rows(), columns=58)
    report = load_event_files(ctx, "gdelt", [path])
    assert report.ok and (report.events, report.raw_rows) == (3, 5)


def test_zip_loads_like_the_plain_file(ctx: Context, tmp_path: Path) -> None:
    archive = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20191024143000.export.CSV", gdelt_text(reemission_rows()))
    report = load_event_files(ctx, "gdelt", [archive])
    assert report.ok and (report.events, report.raw_rows) == (3, 5)
    assert loaded_files(ctx.store)[0].name == archive.name


def test_partition_layout(ctx: Context, tmp_path: Path) -> None:
    may = gdelt_row(201, SQLDATE="20190531", EventCode="190")
    path = write_gdelt(tmp_path / "p.CSV", [*reemission_rows(), may])
    load_event_files(ctx, "gdelt", [path])
    layout = event_layout(ctx.store)
    assert layout.root == ctx.store.path.with_name("aw.events")
    months = sorted(p.relative_to(layout.root).parent.as_posix() for p in layout.root.rglob("*.parquet"))
    assert months == ["origin=gdelt/year=2019/month=10", "origin=gdelt/year=2019/month=5"]
    part = next(layout.root.glob("origin=gdelt/year=2019/month=5/*.parquet"))
    assert part.name.startswith("p.CSV-") and part.name.endswith("_0.parquet")
    names = pq.read_schema(part).names
    assert "event_id" in names and not {"origin", "year", "month"} & set(names)  # in folder names
    assert len(list(layout.raw.rglob("*.parquet"))) == 2
    assert rows(ctx, "SELECT year, month, type FROM events WHERE event_id = 'gdelt:201'") == [
        (2019, 5, "ASSAULT")
    ]


def test_reloading_the_same_file_changes_nothing(ctx: Context, tmp_path: Path) -> None:
    path = write_gdelt(tmp_path / "same.CSV", reemission_rows())
    load_event_files(ctx, "gdelt", [path])
    parts = {p: p.stat().st_mtime_ns for p in event_layout(ctx.store).root.rglob("*.parquet")}
    again = load_event_files(ctx, "gdelt", [path])
    assert [f.status for f in again.files] == ["unchanged"] and again.events == 3
    assert {p: p.stat().st_mtime_ns for p in event_layout(ctx.store).root.rglob("*.parquet")} == parts
    assert rows(ctx, "SELECT count(*) FROM events") == [(3,)]


def test_a_changed_file_replaces_its_own_events_only(ctx: Context, tmp_path: Path) -> None:
    first = write_gdelt(tmp_path / "a.CSV", reemission_rows())
    other = write_gdelt(tmp_path / "b.CSV", [gdelt_row(900, SQLDATE="20190101")])
    load_event_files(ctx, "gdelt", [first, other])
    write_gdelt(first, [gdelt_row(500, SQLDATE="20200202")])
    report = load_event_files(ctx, "gdelt", [tmp_path])
    assert {f.name: f.status for f in report.files} == {"a.CSV": "replaced", "b.CSV": "unchanged"}
    assert rows(ctx, "SELECT event_id FROM events ORDER BY 1") == [("gdelt:500",), ("gdelt:900",)]
    assert rows(ctx, "SELECT count(*) FROM raw_events") == [(2,)]
    assert not list(event_layout(ctx.store).root.glob("origin=gdelt/year=2019/month=10/*"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("short.CSV", None, "line 2: expected 61 tab-separated columns, found 60"),
        ("latin1.CSV", b"\xe9", "not UTF-8 text (byte 0xe9 at line 2"),
        ("empty.CSV", b"", "empty file"),
        ("ids.CSV", b"x", "GLOBALEVENTID that is not a number"),
        ("truncated.export.CSV.zip", b"zip", "not a readable zip archive"),
        ("icews.tab", b"head", "is it an ICEWS or POLECAT file?"),
    ],
)
def test_bad_files_are_quarantined_and_the_others_load(
    ctx: Context, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    bad = tmp_path / name
    good_line, second = gdelt_text([gdelt_row(1)]), gdelt_row(2)
    if name == "short.CSV":
        bad.write_text(good_line + "\t".join(list(second.values())[:60]) + "\n", encoding="utf-8")
    elif name == "latin1.CSV":
        bad.write_bytes(good_line.encode() + gdelt_text([second]).replace("RUSSIA", "R?SSIA").encode()
                        .replace(b"?", content or b""))  # fmt: skip
    elif name == "ids.CSV":
        write_gdelt(bad, [gdelt_row(1), gdelt_row(1).copy() | {"GLOBALEVENTID": "12a"}])
    elif name.endswith(".zip"):
        whole = tmp_path / "whole.zip"
        with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("x.export.CSV", gdelt_text(reemission_rows() * 50))
        bad.write_bytes(whole.read_bytes()[:300])
        whole.unlink()
    elif name == "icews.tab":
        bad.write_text("Event ID\tEvent Date\tSource Name\n1\t2018-01-01\tX\n", encoding="utf-8")
    else:
        bad.write_bytes(content or b"")
    before = bad.read_bytes()
    good = write_gdelt(tmp_path / "good.CSV", reemission_rows())
    report = load_event_files(ctx, "gdelt", [bad, good])
    failed, loaded = report.files
    assert failed.status == "quarantined" and message in (failed.error or ""), failed.error
    assert failed.error and failed.error.startswith(name) and failed.error_code == "AW203"
    assert loaded.status == "loaded" and report.failed == 1 and not report.ok
    assert bad.read_bytes() == before  # the user's file is never touched
    assert failed.quarantined_to and Path(failed.quarantined_to).read_bytes() == before
    assert rows(ctx, "SELECT name, code FROM quarantine") == [(name, "AW203")]
    assert [r.name for r in loaded_files(ctx.store)] == ["good.CSV"]  # nothing of the bad file
    assert rows(ctx, "SELECT DISTINCT source_file FROM events") == [("good.CSV",)]


def test_quarantining_the_same_file_twice_keeps_one_copy(ctx: Context, tmp_path: Path) -> None:
    bad = tmp_path / "bad.CSV"
    bad.write_text("1\t2\n", encoding="utf-8")
    load_event_files(ctx, "gdelt", [bad])
    load_event_files(ctx, "gdelt", [bad])
    assert len(list(event_layout(ctx.store).quarantine.iterdir())) == 1
    assert rows(ctx, "SELECT count(*) FROM quarantine") == [(2,)]


def test_repeated_ids_are_refused(ctx: Context, tmp_path: Path) -> None:
    path = write_gdelt(tmp_path / "dup.CSV", [gdelt_row(5), gdelt_row(5, EventCode="190")])
    report = load_event_files(ctx, "gdelt", [path])
    assert "repeat another row's GLOBALEVENTID" in (report.files[0].error or "")


def test_leftovers_of_an_interrupted_load_are_swept(ctx: Context, tmp_path: Path) -> None:
    load_event_files(ctx, "gdelt", [write_gdelt(tmp_path / "a.CSV", reemission_rows())])
    layout = event_layout(ctx.store)
    orphan = layout.root / "origin=gdelt" / "year=2019" / "month=10" / "crashed_0.parquet"
    orphan.write_bytes(next(layout.root.rglob("*.parquet")).read_bytes())
    (layout.scratch / "abc").mkdir(parents=True)
    load_event_files(ctx, "gdelt", [write_gdelt(tmp_path / "b.CSV", [gdelt_row(77)])])
    assert not orphan.exists() and not layout.scratch.exists()
    assert rows(ctx, "SELECT count(*) FROM events") == [(4,)]


def test_unknown_paths_and_origins_are_user_errors(ctx: Context, tmp_path: Path) -> None:
    from alliancewatch.errors import UserInputError

    with pytest.raises(UserInputError, match="no such file"):
        load_event_files(ctx, "gdelt", [tmp_path / "missing.CSV"])
    with pytest.raises(UserInputError, match="no files match"):
        load_event_files(ctx, "gdelt", [str(tmp_path / "*.zip")])
    with pytest.raises(UserInputError, match="origin must be one of"):
        load_event_files(ctx, "acled", [tmp_path])


def test_an_unreadable_file_is_reported_not_a_traceback(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alliancewatch.services.events as service

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(service, "scan_file", denied)
    path = write_gdelt(tmp_path / "locked.CSV", [gdelt_row(1)])
    report = load_event_files(ctx, "gdelt", [path])
    assert report.files[0].status == "quarantined" and report.files[0].error_code == "AW201"
    assert report.files[0].error == "locked.CSV: cannot read it: Permission denied"


def test_two_pass_reading_of_big_files_gives_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alliancewatch.services.events as service

    rows_57 = [gdelt_row(1), gdelt_row(2), gdelt_row(3, ActionGeo_CountryCode="IR")]
    files = [write_gdelt(tmp_path / "a.CSV", reemission_rows()), write_gdelt(tmp_path / "b.CSV", rows_57, 57)]
    results = []
    for stream in (False, True):
        monkeypatch.setattr(service, "fits_in_memory", lambda size, keep=not stream: keep)
        with open_context(load_config(db=tmp_path / f"s{stream}" / "aw.duckdb")) as context:
            report = load_event_files(context, "gdelt", files)
            events_view(context.store)
            results.append(
                (
                    [(f.events, f.raw_rows) for f in report.files],
                    context.store.query("SELECT * EXCLUDE (source_file) FROM events ORDER BY event_id"),
                    context.store.rows("SELECT * FROM raw_events ORDER BY raw_event_id"),
                )
            )
    assert results[0][0] == [(3, 5), (2, 3)]
    assert results[0][0] == results[1][0] and results[0][2] == results[1][2]
    assert results[0][1].equals(results[1][1])
