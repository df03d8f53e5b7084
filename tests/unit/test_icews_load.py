"""ICEWS loading on hand-made files: actors, sectors, mirrored pairs, repeated ids, bad headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.config import load_config
from alliancewatch.services import Context, open_context
from alliancewatch.services.events import load_event_files
from alliancewatch.sources.icews import actor_table, icews_sector
from alliancewatch.store.events import events_view
from event_file_rows import icews_row, mirrored, write_icews


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    with open_context(load_config(db=tmp_path / "aw.duckdb")) as context:
        yield context


def events(ctx: Context) -> dict[str, dict[str, Any]]:
    events_view(ctx.store)
    return {r["event_id"]: r for r in ctx.store.query("SELECT * FROM events").to_pylist()}


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        ("Executive,Foreign Ministry,Government", "GOV"),
        ("Government,Police", "COP"),
        ("Military,Government", "MIL"),
        ("Government,Legislative / Parliamentary", "LEG"),
        ("Parties,(National) Major Party,Opposition Major Party (Out Of Government)", "OPP"),
        ("Elite,Government,Government Major Party (In Government),Parties", "GOV"),
        ("International Government Organization,Regional Diplomatic IGOs,Regional", "IGO"),
        ("General Population / Civilian / Social,Social", "CVL"),
        ("Media,News", "JRN"),
        ("Medical / Health NGOs,Nongovernmental Organizations / Activists", "NGO"),
        ("Hindu", "REL"),
        ("Elite", None),
        ("NA", None),
        (None, None),
    ],
)
def test_icews_sectors_become_plover_sectors(sectors: str | None, expected: str | None) -> None:
    assert icews_sector(sectors) == expected


def test_actor_table_reads_countries_by_name_and_na_as_missing(codes: CountryCodes) -> None:
    table = actor_table(
        ["Russian Federation", "NA", "NA", "Namibia"],
        ["Government", "International Government Organization,Global", "Unidentified Forces", "NA"],
        codes,
    )
    got = {(r["country_name"], r["sector_list"]): (r["iso3"], r["sector"]) for r in table.to_pylist()}
    assert got[("Russian Federation", "Government")] == ("RUS", "GOV")
    assert got[("NA", "International Government Organization,Global")] == ("IGO", "IGO")
    assert got[("NA", "Unidentified Forces")] == (None, "UAF")  # NA is missing, never Namibia
    assert got[("Namibia", "NA")] == ("NAM", None)


def test_an_icews_row_maps_into_the_event_model(ctx: Context, tmp_path: Path) -> None:
    report = load_event_files(ctx, "icews", [write_icews(tmp_path / "e.tab", [icews_row(11)])])
    assert report.ok
    got = events(ctx)["icews:11"]
    assert got["sources"] == [{"name": "Foreign Affairs (Iran)", "country": "IRN", "sector": "GOV"}]
    assert got["targets"][0]["country"] == "RUS" and got["target_countries"] == ["RUS"]
    assert (got["type"], got["quad"], got["cameo_code"], got["intensity"]) == ("CONSULT", 1, "040", 1.0)
    assert (got["doc_id"], got["sentence_index"], got["geo_country"]) == ("900", 1, "RUS")
    assert str(got["date"]) == "2018-06-01" and got["mirror_of"] is None


def test_mirrored_pairs_are_flagged_not_dropped(ctx: Context, tmp_path: Path) -> None:
    a = icews_row(20)
    elsewhere = icews_row(22, **{"Sentence Number": "2"})  # another sentence: not a mirror
    other_code = icews_row(23, **{"CAMEO Code": "042", "Event Text": "Make a visit"})
    rows = [a, mirrored(a, 21), elsewhere, mirrored(other_code, 24), other_code]
    report = load_event_files(ctx, "icews", [write_icews(tmp_path / "m.tab", rows)])
    assert (report.events, report.mirrored) == (5, 2)
    got = events(ctx)
    assert got["icews:21"]["mirror_of"] == "icews:20" and got["icews:20"]["mirror_of"] is None
    assert got["icews:22"]["mirror_of"] is None
    # the B→A row came first in the file here, so it is the original and the later A→B the mirror
    assert got["icews:23"]["mirror_of"] == "icews:24" and got["icews:24"]["mirror_of"] is None


def test_exact_duplicates_fold_and_repeated_ids_are_made_unique(ctx: Context, tmp_path: Path) -> None:
    rows = [icews_row(30), icews_row(30), icews_row(30, **{"CAMEO Code": "112", "Intensity": "-2"})]
    report = load_event_files(ctx, "icews", [write_icews(tmp_path / "d.tab", rows)])
    assert (report.events, report.raw_rows) == (2, 3)
    got = events(ctx)
    assert set(got) == {"icews:30", "icews:30#2"}
    assert got["icews:30"]["raw_count"] == 2 and got["icews:30#2"]["type"] == "ACCUSE"


def test_a_file_that_is_not_icews_is_quarantined(ctx: Context, tmp_path: Path) -> None:
    bad = tmp_path / "not.tab"
    bad.write_text("Event ID\tDate\n1\t2018-01-01\n", encoding="utf-8")
    report = load_event_files(ctx, "icews", [bad])
    assert report.files[0].status == "quarantined"
    assert "not an ICEWS events file" in (report.files[0].error or "")


def test_a_header_only_file_holds_no_events(ctx: Context, tmp_path: Path) -> None:
    report = load_event_files(ctx, "icews", [write_icews(tmp_path / "h.tab", [])])
    assert "holds no events" in (report.files[0].error or "")
