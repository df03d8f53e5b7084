"""The store: one DuckDB file, migrated on open, written through one writer in one transaction per load."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from alliancewatch.errors import StoreError
from alliancewatch.store.schema import LATEST, MIGRATIONS


@dataclass(frozen=True)
class FileRecord:
    """One loaded file, as recorded in the provenance table."""

    dataset: str
    version: str
    file: str
    sha256: str
    rows: int
    loaded_at: datetime


class Store:
    """A DuckDB database holding every dataset the product has loaded.

    Reads may come from anywhere; writes go through :meth:`write`, which serialises them on one lock and
    wraps each in a transaction, so a failed load leaves nothing behind.
    """

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        self._write_lock = threading.Lock()
        if not read_only:
            self._migrate()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or exists[0] == 0:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > LATEST:
            raise StoreError(
                f"store {self.path} has schema version {current}, newer than this program ({LATEST})"
            )
        with self.write() as con:
            con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
            for version, sql in MIGRATIONS:
                if version > current:
                    con.execute(sql)
                    con.execute("INSERT INTO schema_version VALUES (?, now())", [version])

    # --- writing --------------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The one way to write: a serialised transaction that rolls back on any error."""
        with self._write_lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")

    def replace_dataset(self, dataset: str, tables: dict[str, pa.Table], files: Sequence[FileRecord]) -> None:
        """Replace every row a dataset owns, and its provenance, in one transaction."""
        with self.write() as con:
            for name, table in tables.items():
                _check_table_name(name)
                con.execute(f"DELETE FROM {name}")
                con.register("_incoming", table)
                columns = ", ".join(f'"{c}"' for c in table.column_names)
                con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM _incoming")
                con.unregister("_incoming")
            con.execute("DELETE FROM provenance WHERE dataset = ?", [dataset])
            con.executemany(
                "INSERT INTO provenance VALUES (?, ?, ?, ?, ?, ?)",
                [[f.dataset, f.version, f.file, f.sha256, f.rows, f.loaded_at] for f in files],
            )

    # --- reading --------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a parameterised read and return an Arrow table. Only store modules call this."""
        # con.sql(...) streams into Arrow without the extra copy a DB-API cursor makes (DuckDB 2.0).
        return self.con.sql(sql, params=list(params)).to_arrow_table()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def provenance(self, dataset: str | None = None) -> list[FileRecord]:
        sql = "SELECT dataset, version, file, sha256, rows, loaded_at FROM provenance"
        params: list[Any] = []
        if dataset is not None:
            sql += " WHERE dataset = ?"
            params.append(dataset)
        return [FileRecord(*row) for row in self.rows(sql + " ORDER BY dataset, file", params)]

    def count(self, table: str) -> int:
        _check_table_name(table)
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0


def _check_table_name(name: str) -> None:
    # Table names cannot be bound as parameters; only identifiers from our own schema are allowed.
    if not name.replace("_", "").isalnum():
        raise StoreError(f"invalid table name {name!r}")
