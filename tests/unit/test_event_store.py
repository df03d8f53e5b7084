"""The event store: text_events, the views over Parquet and text events, and all-or-nothing writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from alliancewatch.config import load_config
from alliancewatch.errors import StoreError
from alliancewatch.services import Context, open_context
from alliancewatch.services.events import load_event_files
from alliancewatch.store import events as event_store
from alliancewatch.store.events import (
    event_layout,
    events_view,
    loaded_files,
    part_stem,
    write_text_events,
)
from alliancewatch.store.events_schema import EVENT_SCHEMA
from event_file_rows import reemission_rows, write_gdelt


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    with open_context(load_config(db=tmp_path / "aw.duckdb")) as context:
        yield context


def text_event(doc_id: str, n: int, **given: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(EVENT_SCHEMA.names)
    row.update(
        event_id=f"text:{doc_id}:0:{n}", origin="text", date=date(2025, 6, 15), date_precision="day",
        year=2025, month=6, type="CONSULT", mode="phone", contexts=["diplomatic"], quad=1,
        cameo_root="04", intensity=2.1, sources=[{"name": "Putin", "country": "RUS", "sector": "GOV"}],
        targets=[{"name": "Pezeshkian", "country": "IRN", "sector": "GOV"}], source_countries=["RUS"],
        target_countries=["IRN"], negated=False, modality="asserted", confidence=0.9, doc_id=doc_id,
        sentence_index=0, sentence="Putin phoned Pezeshkian.", triggers=["phoned"], span_start=6,
        span_end=12, raw_count=1,
    )  # fmt: skip
    row.update(given)
    return row


def table(*rows: dict[str, Any]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=EVENT_SCHEMA)


def test_text_events_table_has_the_event_schema(ctx: Context) -> None:
    events_view(ctx.store)
    assert ctx.store.query("SELECT * FROM text_events").schema == EVENT_SCHEMA
    assert ctx.store.query("SELECT * FROM events").schema == EVENT_SCHEMA


def test_write_text_events_is_idempotent_per_document(ctx: Context) -> None:
    assert write_text_events(ctx.store, table(text_event("d1", 0), text_event("d1", 1))) == 2
    write_text_events(ctx.store, table(text_event("d1", 0), text_event("d1", 1)))
    write_text_events(ctx.store, table(text_event("d2", 0)))
    assert ctx.store.rows("SELECT doc_id, count(*) FROM text_events GROUP BY 1 ORDER BY 1") == [
        ("d1", 2),
        ("d2", 1),
    ]
    write_text_events(ctx.store, table(text_event("d1", 5, type="ACCUSE", quad=3)))  # d1 coded again
    assert ctx.store.rows("SELECT event_id, type FROM text_events WHERE doc_id = 'd1'") == [
        ("text:d1:0:5", "ACCUSE")
    ]


def test_write_text_events_refuses_what_does_not_fit(ctx: Context) -> None:
    with pytest.raises(StoreError, match="origin 'text' only"):
        write_text_events(ctx.store, table(text_event("d1", 0, origin="gdelt")))
    with pytest.raises(StoreError, match="lack columns"):
        write_text_events(ctx.store, table(text_event("d1", 0)).drop_columns(["quad"]))
    with pytest.raises(StoreError, match="doc_id"):
        write_text_events(ctx.store, table(text_event("d1", 0) | {"doc_id": None}))


def test_the_view_unions_text_and_loaded_events(ctx: Context, tmp_path: Path) -> None:
    write_text_events(ctx.store, table(text_event("d1", 0)))
    load_event_files(ctx, "gdelt", [write_gdelt(tmp_path / "g.CSV", reemission_rows())])
    events_view(ctx.store)
    assert ctx.store.rows("SELECT origin, count(*) FROM events GROUP BY 1 ORDER BY 1") == [
        ("gdelt", 3),
        ("text", 1),
    ]
    assert ctx.store.rows("SELECT origin, count(*) FROM events_unfolded GROUP BY 1 ORDER BY 1") == [
        ("gdelt", 5),
        ("text", 1),
    ]


def test_a_failed_commit_restores_the_previous_version(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_gdelt(tmp_path / "g.CSV", reemission_rows())
    load_event_files(ctx, "gdelt", [path])
    before = sorted(p.read_bytes() for p in event_layout(ctx.store).root.rglob("*.parquet"))
    write_gdelt(path, reemission_rows()[:2])

    def broken(*args: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(event_store, "_create_views", broken)
    with pytest.raises(StoreError, match="disk full"):
        load_event_files(ctx, "gdelt", [path])
    monkeypatch.undo()
    assert sorted(p.read_bytes() for p in event_layout(ctx.store).root.rglob("*.parquet")) == before
    assert [r.raw_rows for r in loaded_files(ctx.store)] == [5]
    events_view(ctx.store)
    assert ctx.store.rows("SELECT count(*) FROM events") == [(3,)]


def test_part_names_are_safe_and_distinct() -> None:
    assert part_stem("a b.csv") != part_stem("a_b.csv")
    assert part_stem("../../etc/x.csv").startswith("etc_x.csv-")
    assert "/" not in part_stem("dir/x.zip")


def test_a_document_coded_again_with_no_events_loses_its_old_ones(ctx: Context) -> None:
    write_text_events(ctx.store, table(text_event("d1", 0), text_event("d2", 0)))
    empty = table(text_event("d1", 0)).slice(0, 0)
    assert write_text_events(ctx.store, empty, ["d1"]) == 0
    assert ctx.store.rows("SELECT doc_id FROM text_events") == [("d2",)]
