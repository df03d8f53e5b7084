"""Storage: the DuckDB file, its schema, and the SQL for each table."""

from alliancewatch.store.db import FileRecord, Store

__all__ = ["FileRecord", "Store"]
