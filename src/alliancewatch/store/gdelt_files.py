"""SQL over ``gdelt_files``: one row per GDELT file a fetch has dealt with, keyed by its canonical URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from alliancewatch.store.db import Store

_COLUMNS = "url, md5, size, status, fetched_at, loaded, reason, rows"


@dataclass(frozen=True)
class GdeltFileRecord:
    """What the store knows of one GDELT file.

    ``md5`` is the checksum GDELT listed when the file was fetched; ``size`` in bytes (None if unlisted);
    ``status`` is loaded, quarantined or failed; ``loaded`` says its events are in the store; ``reason``
    says why a file was set aside or failed; ``rows`` is the number of raw rows the loader read.
    """

    url: str
    md5: str
    size: int | None
    status: str
    fetched_at: datetime
    loaded: bool
    reason: str | None = None
    rows: int | None = None


def known_files(store: Store, urls: Sequence[str]) -> dict[str, GdeltFileRecord]:
    """The records of those of ``urls`` the store has seen, keyed by URL."""
    if not urls:
        return {}
    rows = store.rows(f"SELECT {_COLUMNS} FROM gdelt_files WHERE list_contains(?, url)", [list(urls)])
    return {row[0]: GdeltFileRecord(*row) for row in rows}


def gdelt_files(store: Store, status: str | None = None) -> list[GdeltFileRecord]:
    """Every record, or those with one ``status``, in URL order (which is time order within a version)."""
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM gdelt_files WHERE ?::VARCHAR IS NULL OR status = ?::VARCHAR ORDER BY url",
        [status, status],
    )
    return [GdeltFileRecord(*row) for row in rows]


def record_file(store: Store, record: GdeltFileRecord) -> None:
    """Insert or replace the record of one file (its latest outcome wins)."""
    with store.write() as con:
        con.execute(
            f"INSERT OR REPLACE INTO gdelt_files ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                record.url,
                record.md5,
                record.size,
                record.status,
                record.fetched_at,
                record.loaded,
                record.reason,
                record.rows,
            ],
        )
