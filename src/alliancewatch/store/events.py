"""Where events live: Parquet partitioned by origin/year/month beside the DuckDB file, the ``text_events``
table, the views over both, and the tables of loaded and refused event files.

Layout (``<stem>`` is the DuckDB file's name without its suffix), four folders beside the DuckDB file::

    <stem>.events/origin=gdelt/year=2019/month=10/<file>-<hash>_0.parquet   folded events: one part per
                                                                            loaded file and month
    <stem>.events_raw/origin=gdelt/year=2019/month=10/…                     every raw row: its own id, the
                                                                            event it was folded into, geo
    <stem>.quarantine/<stamp>-<file>                                        copies of refused files
    <stem>.tmp/…                                                            scratch, emptied after a load

``<stem>.events`` holds nothing but the partitions, so any reader may glob ``**/*.parquet`` under it.
Partition columns (origin, year, month) are in the folder names, not inside the files, as Spark and
pyarrow expect. Views (recreated by :func:`events_view`):

- ``events``: every event, machine-coded and text-coded, with the columns of ``EVENT_SCHEMA``;
- ``raw_events``: the raw rows (``raw_event_id``, ``event_id``, ``geo_country``, ``source_file``, origin,
  year, month);
- ``events_unfolded``: ``events`` with folding undone — one row per raw row, its own id and geo, raw_count 1.

A file is written atomically: its parts are written under ``<stem>.tmp``, the parts of the file's previous
version (if any) are moved aside, the new ones renamed into place, and only then is the ``event_files`` row
committed; any failure puts the old parts back.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

import duckdb
import pyarrow as pa

from alliancewatch.errors import StoreError
from alliancewatch.store.db import Store
from alliancewatch.store.event_fold import FoldCounts
from alliancewatch.store.event_ingest import EVENTS, RAW
from alliancewatch.store.events_schema import EVENT_COLUMNS, EVENT_SCHEMA

PARTITIONS = ("origin", "year", "month")
_HIVE = "hive_partitioning = true, hive_types = {'origin': VARCHAR, 'year': SMALLINT, 'month': TINYINT}"
RAW_COLUMNS = ("raw_event_id", "event_id", "geo_country", "source_file")
# Settings for the writes of one file, so memory stays bounded for files of tens of millions of rows:
# events are read from the file as they are joined to their (smaller) fold groups, and DuckDB must not
# flip that join to hold the file's rows in a hash table; a partition (month) is flushed to its Parquet
# file every 20,000 rows instead of being held whole.
_WRITE_SETTINGS: Mapping[str, str | int] = MappingProxyType(
    {"disabled_optimizers": "build_side_probe_side", "partitioned_write_flush_threshold": 20_000}
)


@dataclass(frozen=True)
class EventLayout:
    """The folders of a store's event data (see the module docstring)."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root.with_name(self.root.name + "_raw")

    @property
    def quarantine(self) -> Path:
        return self.root.with_name(self.root.stem + ".quarantine")

    @property
    def scratch(self) -> Path:
        return self.root.with_name(self.root.stem + ".tmp")

    @property
    def events_glob(self) -> str:
        """The glob of the folded event parts (for DuckDB's read_parquet; Spark reads ``root``)."""
        return str(self.root / "origin=*" / "year=*" / "month=*" / "*.parquet")

    @property
    def raw_glob(self) -> str:
        return str(self.raw / "origin=*" / "year=*" / "month=*" / "*.parquet")


@dataclass(frozen=True)
class EventFileRecord:
    """One loaded event file: its counts (events after folding, raw rows, mirrored, unmapped event
    codes), its date range, and its Parquet parts (paths relative to the layout root)."""

    origin: str
    name: str
    sha256: str
    rows: int
    raw_rows: int
    mirrored: int
    unmapped: int
    first_date: date | None
    last_date: date | None
    parts: tuple[str, ...]
    loaded_at: datetime


@dataclass(frozen=True)
class QuarantineRecord:
    """A refused file: where it was, where its copy is, why (error code and one-line message)."""

    origin: str
    name: str
    path: str
    copy: str | None
    sha256: str | None
    code: str
    error: str
    quarantined_at: datetime


def event_layout(store: Store) -> EventLayout:
    """The event folders of ``store``: ``<stem>.events`` beside its DuckDB file."""
    return EventLayout(store.path.with_name(store.path.stem + ".events"))


def duck_type(kind: pa.DataType) -> str:
    """The DuckDB type for an Arrow type of ``EVENT_SCHEMA``."""
    simple = {
        pa.string(): "VARCHAR", pa.date32(): "DATE", pa.int8(): "TINYINT", pa.int16(): "SMALLINT",
        pa.int32(): "INTEGER", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN",
    }  # fmt: skip
    if kind in simple:
        return simple[kind]
    if pa.types.is_list(kind):
        return duck_type(kind.value_type) + "[]"
    if pa.types.is_struct(kind):
        fields = ", ".join(f"{f.name} {duck_type(f.type)}" for f in kind)
        return f"STRUCT({fields})"
    raise StoreError(f"no DuckDB type for {kind}")


def _typed(columns: tuple[str, ...] = EVENT_COLUMNS, prefix: str = "") -> str:
    return ", ".join(f"CAST({prefix}{c} AS {duck_type(EVENT_SCHEMA.field(c).type)}) AS {c}" for c in columns)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def _settings(con: duckdb.DuckDBPyConnection, values: Mapping[str, str | int]) -> Iterator[None]:
    """DuckDB settings changed for the length of a ``with`` block, then put back as they were."""
    before = {name: con.execute("SELECT current_setting(?)", [name]).fetchall()[0][0] for name in values}
    try:
        for name, value in values.items():
            con.execute(f"SET {name} = {_literal(str(value)) if isinstance(value, str) else value}")
        yield
    finally:
        for name, value in before.items():
            con.execute(f"SET {name} = {_literal(str(value)) if isinstance(value, str) else value}")


def part_stem(name: str) -> str:
    """File-name stem of a loaded file's parts: readable, and unique per name (a hash of it)."""
    readable = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name).strip("._")[:80]
    return f"{readable or 'file'}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


# --- views ------------------------------------------------------------------------------------------


def events_view(store: Store) -> None:
    """(Re)create the views ``events``, ``raw_events`` and ``events_unfolded`` over the Parquet parts
    that exist now and ``text_events``. Call before querying them; it is cheap."""
    with store.write() as con:
        _create_views(con, event_layout(store))


def _create_views(con: duckdb.DuckDBPyConnection, layout: EventLayout) -> None:
    has_parts = next(iter(layout.root.glob("origin=*/year=*/month=*/*.parquet")), None) is not None
    text = f"SELECT {_typed()} FROM text_events"
    if has_parts:
        files = f"read_parquet({_literal(layout.events_glob)}, {_HIVE})"
        raws = f"read_parquet({_literal(layout.raw_glob)}, {_HIVE})"
        con.execute(f"CREATE OR REPLACE VIEW events AS SELECT {_typed()} FROM {files} UNION ALL {text}")
        con.execute(
            f"CREATE OR REPLACE VIEW raw_events AS SELECT {', '.join(RAW_COLUMNS)}, origin, year, month "
            f"FROM {raws}"
        )
    else:
        con.execute(f"CREATE OR REPLACE VIEW events AS {text}")
        con.execute(
            "CREATE OR REPLACE VIEW raw_events AS SELECT NULL::VARCHAR AS raw_event_id, "
            "NULL::VARCHAR AS event_id, NULL::VARCHAR AS geo_country, NULL::VARCHAR AS source_file, "
            "NULL::VARCHAR AS origin, NULL::SMALLINT AS year, NULL::TINYINT AS month WHERE false"
        )
    unfolded = [
        {"event_id": "r.raw_event_id", "geo_country": "r.geo_country", "raw_count": "1"}.get(c, f"e.{c}")
        for c in EVENT_COLUMNS
    ]
    con.execute(
        "CREATE OR REPLACE VIEW events_unfolded AS "
        f"SELECT {', '.join(f'{v} AS {c}' for v, c in zip(unfolded, EVENT_COLUMNS, strict=True))} "
        "FROM raw_events r JOIN events e ON e.origin = r.origin AND e.year = r.year AND e.month = r.month "
        "AND e.event_id = r.event_id "
        f"UNION ALL SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE origin = 'text'"
    )


# --- machine-coded event files -------------------------------------------------------------------------


@contextmanager
def scratch_dir(store: Store) -> Iterator[Path]:
    """A fresh scratch folder under the layout's ``_tmp`` (same disk, so renames are atomic), removed
    afterwards."""
    folder = event_layout(store).scratch / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with suppress(OSError):
            folder.parent.rmdir()  # only when no other load is using it


def write_event_file(
    store: Store, origin: str, name: str, sha256: str, counts: FoldCounts, scratch: Path
) -> EventFileRecord:
    """Write the folded events and raw rows now in the temporary tables (see
    :mod:`alliancewatch.store.event_ingest`) as the parts of file ``name``, replacing the parts of its
    previous version, and record it in ``event_files`` — all or nothing. Part paths are recorded relative
    to the folder of the DuckDB file (``aw.events/origin=gdelt/…``, ``aw.events_raw/…``)."""
    layout = event_layout(store)
    stem = part_stem(name)
    new = scratch / "new"
    new.mkdir()
    con = store.con
    options = (
        f"FORMAT parquet, PARTITION_BY (origin, year, month), FILENAME_PATTERN {_literal(stem + '_{i}')}"
    )
    columns = tuple(c for c in EVENT_COLUMNS if c not in PARTITIONS)
    with _settings(con, _WRITE_SETTINGS):
        con.execute(
            f"COPY (SELECT {_typed(columns)}, origin, year, month FROM {EVENTS}) "
            f"TO {_literal(str(new / layout.root.name))} ({options})"
        )
        con.execute(
            f"COPY (SELECT {', '.join(RAW_COLUMNS[:-1])}, ? AS source_file, origin, year, month FROM {RAW}) "
            f"TO {_literal(str(new / layout.raw.name))} ({options})",
            [name],
        )
    parts = tuple(sorted(p.relative_to(new).as_posix() for p in new.rglob("*.parquet")))
    previous = loaded_file(store, origin, name)
    record = EventFileRecord(
        origin, name, sha256, counts.events, counts.raw_rows, counts.mirrored, counts.unmapped,
        counts.first_date, counts.last_date, parts, datetime.now(),
    )  # fmt: skip
    _swap(store, layout, previous.parts if previous else (), parts, new, scratch / "old", record)
    return record


def _swap(
    store: Store,
    layout: EventLayout,
    old_parts: tuple[str, ...],
    new_parts: tuple[str, ...],
    new: Path,
    old: Path,
    record: EventFileRecord,
) -> None:
    base = layout.root.parent
    moved: list[str] = []
    placed: list[str] = []
    try:
        for rel in old_parts:
            if (base / rel).exists():
                (old / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(base / rel, old / rel)
                moved.append(rel)
        for rel in new_parts:
            (base / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(new / rel, base / rel)
            placed.append(rel)
        with store.write() as con:
            con.execute("DELETE FROM event_files WHERE origin = ? AND name = ?", [record.origin, record.name])
            con.execute(
                "INSERT INTO event_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    record.origin, record.name, record.sha256, record.rows, record.raw_rows,
                    record.mirrored, record.unmapped, record.first_date, record.last_date,
                    list(record.parts), record.loaded_at,
                ],
            )  # fmt: skip
            _create_views(con, layout)
    except BaseException:
        for rel in placed:
            (base / rel).unlink(missing_ok=True)
        for rel in moved:
            os.replace(old / rel, base / rel)
        raise


def loaded_file(store: Store, origin: str, name: str) -> EventFileRecord | None:
    """The ``event_files`` row of one file, or None if it was never loaded."""
    found = loaded_files(store, origin, name)
    return found[0] if found else None


def loaded_files(store: Store, origin: str | None = None, name: str | None = None) -> list[EventFileRecord]:
    """Rows of ``event_files``, optionally for one origin and/or one file name, by origin and name."""
    rows = store.rows(
        """SELECT origin, name, sha256, rows, raw_rows, mirrored, unmapped, first_date, last_date, parts,
                  loaded_at
           FROM event_files
           WHERE (?::VARCHAR IS NULL OR origin = ?::VARCHAR) AND (?::VARCHAR IS NULL OR name = ?::VARCHAR)
           ORDER BY origin, name""",
        [origin, origin, name, name],
    )
    return [
        EventFileRecord(
            origin=o, name=n, sha256=sha, rows=r, raw_rows=raw, mirrored=m, unmapped=u, first_date=first,
            last_date=last, parts=tuple(parts), loaded_at=at,
        )
        for o, n, sha, r, raw, m, u, first, last, parts, at in rows
    ]  # fmt: skip


def sweep_scratch(store: Store) -> int:
    """Remove what an interrupted load left: scratch folders and Parquet parts that no ``event_files`` row
    names. Returns how many parts were removed."""
    layout = event_layout(store)
    shutil.rmtree(layout.scratch, ignore_errors=True)
    known = {part for record in loaded_files(store) for part in record.parts}
    removed = 0
    for folder in (layout.root, layout.raw):
        for path in folder.glob("origin=*/year=*/month=*/*.parquet"):
            if path.relative_to(layout.root.parent).as_posix() not in known:
                path.unlink()
                removed += 1
    return removed


# --- quarantine --------------------------------------------------------------------------------------


def record_quarantine(store: Store, record: QuarantineRecord) -> None:
    """Note a refused file (its copy is made by the caller)."""
    with store.write() as con:
        con.execute(
            "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                record.origin, record.name, record.path, record.copy, record.sha256, record.code,
                record.error, record.quarantined_at,
            ],
        )  # fmt: skip


def quarantined(store: Store, origin: str | None = None) -> list[QuarantineRecord]:
    """Refused files, oldest first."""
    rows = store.rows(
        "SELECT * FROM quarantine WHERE (?::VARCHAR IS NULL OR origin = ?::VARCHAR) ORDER BY quarantined_at",
        [origin, origin],
    )
    return [QuarantineRecord(*row) for row in rows]


# --- text-coded events ---------------------------------------------------------------------------------


def write_text_events(store: Store, table: pa.Table, doc_ids: Iterable[str] = ()) -> int:
    """Store text-coded events (``origin`` = text), replacing every event of the documents they come from
    and of ``doc_ids`` (documents coded again that may now yield no event at all).

    ``table`` must have the columns of ``EVENT_SCHEMA`` (extra columns are ignored; types are cast).
    Writing the same documents again changes nothing; a document coded again replaces its own events
    only. Returns the number of events written. Raises :class:`StoreError` for a table that does not fit.
    """
    missing = [c for c in EVENT_COLUMNS if c not in table.column_names]
    if missing:
        raise StoreError(f"text events lack columns {missing}")
    try:
        incoming = table.select(list(EVENT_COLUMNS)).cast(EVENT_SCHEMA)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise StoreError(f"text events do not fit the event schema: {exc}") from exc
    origins = set(incoming.column("origin").to_pylist())
    if origins - {"text"}:
        raise StoreError(f"text_events holds origin 'text' only, not {sorted(origins - {'text'})}")
    if incoming.column("doc_id").null_count:
        raise StoreError("every text event needs a doc_id")
    with store.write() as con:
        con.register("_aw_text", incoming)
        try:
            con.execute("DELETE FROM text_events WHERE doc_id IN (SELECT DISTINCT doc_id FROM _aw_text)")
            gone = sorted(set(doc_ids))
            if gone:
                con.execute("DELETE FROM text_events WHERE list_contains(?, doc_id)", [gone])
            con.execute(f"INSERT INTO text_events SELECT {_typed()} FROM _aw_text")
        finally:
            con.unregister("_aw_text")
        _create_views(con, event_layout(store))
    return int(incoming.num_rows)
