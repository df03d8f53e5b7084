"""The real GDELT 2.0 and ICEWS samples in ../shared/data/events: counts, folding, mirrors, and known events
checked field by field against the raw files."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alliancewatch.config import load_config
from alliancewatch.services import Context, open_context
from alliancewatch.services.events import LoadEventsReport, load_event_files
from alliancewatch.sources.gdelt import GDELT2_COLUMNS, REEMISSION_KEY
from alliancewatch.store.events import events_view

GDELT = "events/gdelt2_20191024143000.export.CSV"
ICEWS = "events/icews_events.2018.sample.tab"


@pytest.fixture(scope="module")
def store(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Context, dict[str, Any]]]:
    db = tmp_path_factory.mktemp("events") / "aw.duckdb"
    with open_context(load_config(db=db)) as ctx:
        reports: dict[str, LoadEventsReport] = {
            "gdelt": load_event_files(ctx, "gdelt", [mirror / GDELT]),
            "icews": load_event_files(ctx, "icews", [mirror / ICEWS]),
        }
        events_view(ctx.store)
        yield ctx, reports


def raw_gdelt(mirror: Path) -> list[dict[str, str]]:
    with (mirror / GDELT).open(encoding="utf-8", newline="") as fh:
        return [
            dict(zip(GDELT2_COLUMNS, line, strict=True))
            for line in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def one(ctx: Context, event_id: str) -> dict[str, Any]:
    found = ctx.store.query("SELECT * FROM events WHERE event_id = ?", [event_id]).to_pylist()
    assert len(found) == 1
    return dict(found[0])


def test_gdelt_counts_and_folding(store: tuple[Context, dict[str, Any]], mirror: Path) -> None:
    ctx, reports = store
    report = reports["gdelt"]
    assert report.ok and report.raw_rows == 2111
    raw = raw_gdelt(mirror)
    groups = Counter(tuple(r[k] for k in REEMISSION_KEY) for r in raw)
    assert report.events == len(groups) == 1648  # 463 rows (21.9%) were re-emissions
    assert ctx.store.rows("SELECT count(*), sum(raw_count) FROM events WHERE origin = 'gdelt'") == [
        (1648, 2111)
    ]
    assert ctx.store.rows("SELECT count(*) FROM raw_events WHERE origin = 'gdelt'") == [(2111,)]
    assert report.files[0].unmapped == 0  # every event code of the sample is in the crosswalk
    # the largest group: one article re-emitting the same fight ten times
    key, size = groups.most_common(1)[0]
    ids = [int(r["GLOBALEVENTID"]) for r in raw if tuple(r[k] for k in REEMISSION_KEY) == key]
    folded = one(ctx, f"gdelt:{min(ids)}")
    assert size == 10 and folded["raw_count"] == 10 and folded["doc_id"] == key[-1]
    members = ctx.store.rows(
        "SELECT raw_event_id FROM raw_events WHERE event_id = ? ORDER BY 1", [f"gdelt:{min(ids)}"]
    )
    assert sorted(int(m[0].split(":")[1]) for m in members) == sorted(ids)


def test_a_known_gdelt_event_matches_the_raw_file(
    store: tuple[Context, dict[str, Any]], mirror: Path
) -> None:
    ctx, _ = store
    raw = next(r for r in raw_gdelt(mirror) if r["GLOBALEVENTID"] == "881990836")
    assert (raw["Actor1Code"], raw["Actor2Code"], raw["EventCode"]) == ("CAN", "AUS", "139")
    got = one(ctx, "gdelt:881990836")
    assert got["sources"] == [{"name": raw["Actor1Name"], "country": "CAN", "sector": None}]
    assert got["targets"] == [{"name": raw["Actor2Name"], "country": "AUS", "sector": None}]
    assert got["cameo_code"] == raw["EventCode"] and got["cameo_root"] == raw["EventRootCode"]
    assert got["intensity"] == float(raw["GoldsteinScale"]) == -7.0
    assert (got["type"], got["quad"]) == ("THREATEN", int(raw["QuadClass"]))
    assert raw["ActionGeo_CountryCode"] == "CA" and got["geo_country"] == "CAN"
    assert got["doc_id"] == raw["SOURCEURL"] and str(got["date"]) == "2018-10-24"


def test_gdelt_quads_agree_with_gdelts_own(store: tuple[Context, dict[str, Any]], mirror: Path) -> None:
    ctx, _ = store
    ours = dict(ctx.store.rows("SELECT event_id, quad FROM events_unfolded WHERE origin = 'gdelt'"))
    raw = {f"gdelt:{r['GLOBALEVENTID']}": int(r["QuadClass"]) for r in raw_gdelt(mirror)}
    agree = sum(ours[k] == v for k, v in raw.items())
    # PLOVER moves some CAMEO codes across quads (e.g. SANCTION is material conflict); most stay
    assert agree / len(raw) > 0.8


def test_icews_counts_mirrors_and_a_known_pair(store: tuple[Context, dict[str, Any]]) -> None:
    ctx, reports = store
    report = reports["icews"]
    assert report.ok and (report.events, report.raw_rows, report.mirrored) == (3705, 3705, 501)
    first, second = one(ctx, "icews:32889836"), one(ctx, "icews:32889837")
    assert first["sources"] == [{"name": "Foreign Affairs (Bangladesh)", "country": "BGD", "sector": "GOV"}]
    assert first["targets"] == [
        {"name": "High Ranking Military Personnel (Vietnam)", "country": "VNM", "sector": "MIL"}
    ]
    assert (first["type"], first["cameo_code"], first["intensity"]) == ("CONSULT", "040", 1.0)
    assert (first["doc_id"], first["sentence_index"], first["geo_country"]) == ("47400351", 2, "VNM")
    assert first["mirror_of"] is None and second["mirror_of"] == "icews:32889836"
    assert second["sources"] == first["targets"] and second["targets"] == first["sources"]


def test_icews_igo_actors_and_missing_countries(store: tuple[Context, dict[str, Any]]) -> None:
    ctx, _ = store
    eu = ctx.store.rows(
        """SELECT DISTINCT s.country, s.sector FROM events, unnest(sources) AS u(s)
           WHERE origin = 'icews' AND s.name = 'European Union'"""
    )
    assert eu == [("IGO", "IGO")]
    unresolved = ctx.store.rows(
        """SELECT count(*) FROM events, unnest(sources) AS u(s)
           WHERE origin = 'icews' AND s.country IS NULL"""
    )[0][0]
    assert 0 < unresolved < 100  # regions and unidentified actors ("Africa", "Unidentified State Actor")
