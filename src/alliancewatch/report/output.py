"""One way to print any result as a table, JSON or CSV.

JSON is the stable contract: it is the result object as given. Tables and CSV show ``rows`` (a list of
flat records); scalar fields of the result are shown above a table as a caption.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


def to_plain(value: Any) -> Any:
    """Dataclasses, dates and NaN turned into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def render(
    data: Any,
    fmt: str,
    rows: Sequence[dict[str, Any]] | None = None,
    title: str = "",
    caption: dict[str, Any] | None = None,
) -> str:
    """Render ``data`` (JSON) or ``rows`` (table, CSV) as text."""
    if fmt == "json":
        return json.dumps(to_plain(data), indent=2, ensure_ascii=False)
    records = [to_plain(r) for r in (rows if rows is not None else data)]
    if fmt == "csv":
        return _csv(records)
    return _table(records, title, caption or {})


def _csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else _flat(v) for k, v in record.items()})
    return buffer.getvalue().rstrip("\n")


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _table(records: list[dict[str, Any]], title: str, caption: dict[str, Any]) -> str:
    console = Console(width=140, record=True, file=io.StringIO(), force_terminal=False)
    for key, value in caption.items():
        console.print(f"[bold]{key}[/bold]: {_cell(to_plain(value))}")
    if not records:
        console.print("(no rows)")
        return console.export_text().rstrip("\n")
    table = Table(title=title or None, show_lines=False)
    for column in records[0]:
        numeric = all(isinstance(r.get(column), int | float) or r.get(column) is None for r in records)
        table.add_column(column, justify="right" if numeric else "left")
    for record in records:
        table.add_row(*(_cell(v) for v in record.values()))
    console.print(table)
    return console.export_text().rstrip("\n")
