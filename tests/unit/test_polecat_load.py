"""POLECAT loading on a hand-made file in the published 40-column layout (no real POLECAT file was at
hand): several actors per side, PLOVER types kept, header variants, bad headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.config import load_config
from alliancewatch.services import Context, open_context
from alliancewatch.services.events import load_event_files
from alliancewatch.sources.polecat import POLECAT_COLUMNS, country_table, header_names
from alliancewatch.store.events import events_view
from event_file_rows import polecat_row, write_polecat


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    with open_context(load_config(db=tmp_path / "aw.duckdb")) as context:
        yield context


def events(ctx: Context) -> dict[str, dict[str, Any]]:
    events_view(ctx.store)
    return {r["event_id"]: r for r in ctx.store.query("SELECT * FROM events").to_pylist()}


def test_layout_has_forty_columns_and_accepts_the_renamed_intensity() -> None:
    assert len(POLECAT_COLUMNS) == 40 and len(set(POLECAT_COLUMNS)) == 40
    header = "\t".join(c if c != "Intensity" else "Event Intensity" for c in POLECAT_COLUMNS)
    assert header_names("w.txt", header)["Intensity"] == "Event Intensity"


def test_country_values_resolve_codes_and_names(codes: CountryCodes) -> None:
    table = country_table(["RUS", " China ", "None", "IGO", "Atlantis", None], codes)
    assert dict(zip(table["value"].to_pylist(), table["iso3"].to_pylist(), strict=True)) == {
        "Atlantis": None, "China": "CHN", "IGO": "IGO", "RUS": "RUS",
    }  # fmt: skip


def test_a_polecat_row_maps_into_the_event_model(ctx: Context, tmp_path: Path) -> None:
    rows = [
        polecat_row("a1_1"),
        polecat_row("a1_2", **{"Event Type": "consult", "Event Mode": "phone", "Contexts": "None",
                               "Actor Name": "Vladimir Putin", "Actor Country": "RUS",
                               "Primary Actor Sector": "GOV", "Intensity": "None"}),
    ]  # fmt: skip
    report = load_event_files(ctx, "polecat", [write_polecat(tmp_path / "w1.txt", rows)])
    assert report.ok and report.events == 2
    got = events(ctx)
    agree = got["polecat:a1_1"]
    assert agree["sources"] == [
        {"name": "Russia", "country": "RUS", "sector": "GOV"},
        {"name": "China", "country": "CHN", "sector": "GOV"},
    ]
    assert agree["source_countries"] == ["RUS", "CHN"] and agree["target_countries"] == ["IRN"]
    assert (agree["type"], agree["quad"], agree["mode"], agree["intensity"]) == ("AGREE", 1, None, 4.5)
    assert agree["contexts"] == ["military", "diplomatic"] and agree["cameo_code"] is None
    assert agree["cameo_root"] == "03" and agree["geo_country"] == "CHN"
    call = got["polecat:a1_2"]
    assert (call["type"], call["mode"], call["cameo_root"]) == ("CONSULT", "phone", "04")
    assert call["contexts"] == [] and call["intensity"] is None


def test_renamed_intensity_column_and_extra_story_id(ctx: Context, tmp_path: Path) -> None:
    header = [c if c != "Intensity" else "Event Intensity" for c in POLECAT_COLUMNS] + ["Story ID"]
    rows = [polecat_row("s9_1") | {"Story ID": "s9"}]
    load_event_files(ctx, "polecat", [write_polecat(tmp_path / "w2.txt", rows, header)])
    got = events(ctx)["polecat:s9_1"]
    assert got["intensity"] == 4.5 and got["doc_id"] == "s9"


def test_unknown_types_are_kept_with_a_null_type_and_counted(ctx: Context, tmp_path: Path) -> None:
    rows = [polecat_row("x_1", **{"Event Type": "CRIME"})]
    report = load_event_files(ctx, "polecat", [write_polecat(tmp_path / "w3.txt", rows)])
    assert report.files[0].unmapped == 1 and events(ctx)["polecat:x_1"]["type"] is None


def test_a_header_without_the_used_columns_is_quarantined(ctx: Context, tmp_path: Path) -> None:
    header = [c for c in POLECAT_COLUMNS if c != "Actor Name"]
    report = load_event_files(
        ctx, "polecat", [write_polecat(tmp_path / "w4.txt", [polecat_row("y")], header)]
    )
    assert report.files[0].status == "quarantined"
    assert "header lacks ['Actor Name']" in (report.files[0].error or "")
