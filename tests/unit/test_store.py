"""The store: migrations on open, one transaction per load, no duplicates on reload."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from alliancewatch.errors import StoreError
from alliancewatch.store import FileRecord, Store
from alliancewatch.store.schema import LATEST


def _record(rows: int) -> FileRecord:
    return FileRecord("unsc_vetoes", "v1", "f.csv", "0" * 64, rows, datetime(2025, 1, 1))


def _vetoes(n: int) -> pa.Table:
    return pa.table({"draft": [f"S/{i}" for i in range(n)], "year": list(range(1990, 1990 + n))})


def test_new_store_is_migrated_to_latest(tmp_path: Path) -> None:
    with Store(tmp_path / "a.duckdb") as store:
        assert store.schema_version() == LATEST
    with Store(tmp_path / "a.duckdb") as store:  # reopening applies nothing twice
        assert store.schema_version() == LATEST


def test_reloading_a_dataset_replaces_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "a.duckdb") as store:
        store.replace_dataset("unsc_vetoes", {"unsc_vetoes": _vetoes(3)}, [_record(3)])
        store.replace_dataset("unsc_vetoes", {"unsc_vetoes": _vetoes(3)}, [_record(3)])
        assert store.count("unsc_vetoes") == 3
        assert [r.rows for r in store.provenance("unsc_vetoes")] == [3]


def test_failed_load_leaves_previous_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "a.duckdb") as store:
        store.replace_dataset("unsc_vetoes", {"unsc_vetoes": _vetoes(2)}, [_record(2)])
        bad = pa.table(
            {"draft": [None], "year": [2000]},
            schema=pa.schema([("draft", pa.string()), ("year", pa.int64())]),
        )
        with pytest.raises(Exception, match="NOT NULL"):
            store.replace_dataset("unsc_vetoes", {"unsc_vetoes": bad}, [_record(1)])
        assert store.count("unsc_vetoes") == 2
        assert [r.rows for r in store.provenance("unsc_vetoes")] == [2]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (?, now())", [LATEST + 1])
    with pytest.raises(StoreError, match="newer than this program"):
        Store(path)
